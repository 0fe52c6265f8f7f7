/**
 * Windows guests end to end: mingw-w64 programs built at set-up (testdata/windows/Makefile)
 * run under kitemu (cli.ts, in a Deno with only the permissions given), compared with the
 * same C sources built by the host's gcc and run natively. The kernel32-only programs have no
 * native twin: their expected output is what their source prints by the Win32 documentation.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { KitEmu } from "../../mod.ts";
import {
  fileExists,
  type KitemuMode,
  runKitemu,
  runNative,
  SETUP_HINT,
  TESTDATA,
  text,
} from "../helpers.ts";

const WIN = join(TESTDATA, "build", "windows");
const exe = (name: string) => {
  const p = join(WIN, `${name}.exe`);
  assert.ok(fileExists(p), `${p} is missing: ${SETUP_HINT}`);
  return p;
};
const native = (name: string) => {
  const p = join(WIN, "native", name);
  assert.ok(fileExists(p), `${p} is missing: ${SETUP_HINT}`);
  return p;
};
const MODES: KitemuMode[] = ["jit", "interp"];
const HELLO = "Hello from kernel32\nsecond line via a relocated pointer\n";

for (const name of ["hello_k32", "hello_k32_fixed"]) {
  for (const mode of MODES) {
    Deno.test(`windows: ${name} (${mode}) prints and exits with ExitProcess(7)`, async () => {
      const r = await runKitemu([exe(name)], { mode });
      assert.equal(text(r.stderr), "");
      assert.equal(text(r.stdout), HELLO);
      assert.equal(r.code, 7);
    });
  }
}

Deno.test("windows: the relocated and the fixed hello load where expected", () => {
  const moved = KitEmu.create(Deno.readFileSync(exe("hello_k32")));
  const fixed = KitEmu.create(Deno.readFileSync(exe("hello_k32_fixed")));
  try {
    // The fixed image runs at its own ImageBase, 0x140000000; the other one was moved.
    assert.equal(fixed.image.type, "exec");
    assert.equal(fixed.mem.base, 0x1_0000_0000);
    assert.equal(fixed.mem.readU16(0x1_4000_0000), 0x5a4d);
    assert.equal(moved.image.type, "dyn");
    assert.equal(moved.mem.readU16(0x1000_0000), 0x5a4d);
  } finally {
    moved.dispose();
    fixed.dispose();
  }
});

/** Run a CRT program under kitemu and natively; stdout and exit code must match. */
async function same(
  name: string,
  args: string[] = [],
  env: Record<string, string> = {},
  mode?: KitemuMode,
): Promise<void> {
  const want = await runNative([native(name), ...args], { env });
  const got = await runKitemu([exe(name), ...args], { env, mode });
  assert.equal(text(got.stderr), "", `kitemu stderr for ${name}`);
  assert.equal(text(got.stdout), text(want.stdout), name);
  assert.equal(got.code, want.code, `${name} exit code`);
}

for (const mode of MODES) {
  Deno.test(`windows: printf through msvcrt (${mode}) matches the native run`, () =>
    same("printf_win", [], {}, mode));
}

Deno.test("windows: printf through the UCRT (api-ms-win-crt-*) matches the native run", async () => {
  const want = await runNative([native("printf_win")]);
  const got = await runKitemu([exe("printf_ucrt")]);
  assert.equal(text(got.stderr), "");
  assert.equal(text(got.stdout), text(want.stdout));
  assert.equal(got.code, want.code);
});

for (const mode of MODES) {
  Deno.test(`windows: qsort, bsearch, atexit, strtol, math, TLS (${mode}) match the native run`, () =>
    same("crt_misc", [], {}, mode));
}

Deno.test("windows: the same through the UCRT matches the native run", async () => {
  const want = await runNative([native("crt_misc")]);
  const got = await runKitemu([exe("crt_misc_ucrt")]);
  assert.equal(text(got.stderr), "");
  assert.equal(text(got.stdout), text(want.stdout));
  assert.equal(got.code, want.code);
});

/** Linux corpus programs (testdata/src) built for Windows; references are LLP64 native builds. */
const CORPUS: [string, string[], string?][] = [
  ["bigprog", []],
  ["exit42", []],
  ["intops", []],
  ["sort_search", []],
  ["stdin_upper", [], "Hello, stdin\nsecond line\n"],
  ["tls_ctors", []],
];
for (const [name, args, input] of CORPUS) {
  Deno.test(`windows: corpus ${name} matches the native LLP64 build`, async () => {
    const stdin = input === undefined ? undefined : new TextEncoder().encode(input);
    const want = await runNative([native(`corpus/${name}`), ...args], { stdin });
    const got = await runKitemu([exe(`corpus/${name}`), ...args], { stdin });
    assert.equal(text(got.stderr), text(want.stderr), `${name} stderr`);
    assert.equal(text(got.stdout), text(want.stdout), name);
    assert.equal(got.code, want.code, `${name} exit code`);
  });
}

Deno.test("windows: argv and the environment match the native run", () =>
  same("argsenv_win", ["one", "two words", 'quote"d', "back\\slash\\", ""], {
    KITEMU_TEST: "hello world",
    EMPTY: "",
    WITH_EQUALS: "a=b=c",
  }));

Deno.test("windows: stdio file I/O matches the native run; a denied read is EACCES", async () => {
  const a = await Deno.makeTempDir({ prefix: "kitemu-win-" });
  const b = await Deno.makeTempDir({ prefix: "kitemu-win-" });
  const secret = join(b, "secret.txt");
  await Deno.writeTextFile(secret, "secret\n");
  try {
    const want = await runNative([native("files_win"), "out.txt"], { cwd: a });
    const got = await runKitemu([exe("files_win"), "out.txt", secret], {
      cwd: a,
      read: [a],
      write: [a],
    });
    assert.equal(text(got.stderr), "");
    // The native run may read the file; the sandbox refuses it with EACCES (13).
    assert.equal(text(got.stdout), text(want.stdout) + "open argv[2]: failed errno=13\n");
    assert.equal(got.code, 0);
    // Without --allow-write, fopen(..., "w") fails with EACCES.
    await Deno.mkdir(join(a, "sub"));
    const ro = await runKitemu([exe("files_win"), "sub\\out.txt"], { cwd: a, read: [a] });
    assert.equal(text(ro.stdout), "fopen w failed errno=13\n");
    assert.equal(ro.code, 1);
  } finally {
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  }
});

Deno.test("windows: the kernel32 file API, with ERROR_ACCESS_DENIED from the sandbox", async () => {
  const a = await Deno.makeTempDir({ prefix: "kitemu-win-" });
  const b = await Deno.makeTempDir({ prefix: "kitemu-win-" });
  await Deno.writeTextFile(join(b, "secret.txt"), "secret\n");
  try {
    const got = await runKitemu([exe("k32_files"), ".", join(b, "secret.txt")], {
      cwd: a,
      read: [a],
      write: [a],
      env: { KITEMU_TEST: "value" },
    });
    assert.equal(text(got.stderr), "");
    assert.equal(
      text(got.stdout),
      [
        "CreateDirectoryA=1",
        "again=0 err=183", // ERROR_ALREADY_EXISTS
        "CreateFileA ok=1",
        "WriteFile=1 n=20",
        "SetFilePointer=5",
        "ReadFile=1 n=8 [56789abc]",
        "GetFileSize=20 GetFileSizeEx=1 20",
        "ReadFile at EOF=1 n=0", // end of file: success with 0 bytes
        "CloseHandle=1",
        "attrs dir=0x10 file=0x20", // FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_ARCHIVE
        "attrs missing=0xffffffff err=2", // INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND
        "CREATE_NEW twice: invalid=1 err=80", // ERROR_FILE_EXISTS
        "found data.bin size=20 dir=0",
        "found second.txt size=0 dir=0",
        "FindNextFileA end err=18", // ERROR_NO_MORE_FILES
        "DeleteFileA=1",
        "DeleteFileA again=0 err=2",
        "RemoveDirectoryA=1",
        "denied: invalid=1 err=5", // ERROR_ACCESS_DENIED
        "GetEnvironmentVariableA=5 [value]",
        "missing=0 err=203", // ERROR_ENVVAR_NOT_FOUND
        "kernel32 handle=1 GetProcAddress(GetTickCount)=1 missing=0 err=127", // ERROR_PROC_NOT_FOUND
        "image handle=1",
        "",
      ].join("\n"),
    );
    assert.equal(got.code, 0);
  } finally {
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  }
});

Deno.test("windows: an unknown import fails loudly when called, naming DLL!function", async () => {
  const r = await runKitemu([exe("unknown_import")]);
  assert.equal(text(r.stdout), "before\n");
  assert.match(text(r.stderr), /unimplemented import KERNEL32\.dll!Beep called/);
  assert.equal(r.code, 127);
});

Deno.test("windows: resolveImport supplies a missing function", async () => {
  const out: number[] = [];
  const calls: string[] = [];
  const emu = KitEmu.create(Deno.readFileSync(exe("unknown_import")), {
    stdout: { write: (b) => (out.push(...b), b.length) },
    bindings: {
      resolveImport: (dll, name) => {
        if (name !== "Beep") return undefined;
        return (args) => {
          calls.push(`${dll}!${name}(${args[0]}, ${args[1]})`);
          return 1;
        };
      },
    },
  });
  try {
    assert.equal(await emu.run(), 0);
    assert.equal(new TextDecoder().decode(Uint8Array.from(out)), "before\nafter\n");
    assert.deepEqual(calls, ["KERNEL32.dll!Beep(440, 10)"]);
  } finally {
    emu.dispose();
  }
});

Deno.test("windows: --trace=syscall shows import calls", async () => {
  const r = await runKitemu([exe("hello_k32")], { trace: "syscall" });
  assert.equal(r.code, 7);
  assert.match(text(r.stderr), /KERNEL32\.dll!GetStdHandle\(0xfffffff5,/);
  assert.match(text(r.stderr), /KERNEL32\.dll!ExitProcess\(0x7/);
});

Deno.test("windows: an image TLS callback runs at process attach and detach", async () => {
  const r = await runKitemu([exe("tls_callback")]);
  assert.equal(text(r.stderr), "");
  // Windows order: TLS callbacks (DLL_PROCESS_ATTACH), main, atexit handlers, then
  // ExitProcess runs the callbacks with DLL_PROCESS_DETACH.
  assert.equal(
    text(r.stdout),
    "callback: process attach\nmain\natexit handler\ncallback: process detach\n",
  );
  assert.equal(r.code, 9);
});

Deno.test("windows: a -municode program: wide argv, W functions, UTF-8/UTF-16 conversions", async () => {
  const a = await Deno.makeTempDir({ prefix: "kitemu-win-" });
  try {
    const r = await runKitemu([exe("wide_win"), "one", "two words", "café"], {
      cwd: a,
      read: [a],
      write: [a],
      env: { KITEMU_TEST: "hi" },
    });
    assert.equal(text(r.stderr), "");
    assert.equal(
      text(r.stdout),
      [
        "argv[1]=[one]",
        "argv[2]=[two words]",
        "argv[3]=[café]",
        "GetEnvironmentVariableW=2 [hi]",
        "too small: needs 3", // the size with the terminating NUL
        "GetFileAttributesW=0x20",
        "FindFirstFileW ok=1 name=wide.txt size=6",
        "DeleteFileW=1",
        "MultiByteToWideChar=6 w[1]=0xe9 WideCharToMultiByte=7", // counts include the NUL
        "wide console \u263a",
        "WriteConsoleW wrote 15",
        "command line has args: 1",
        "",
      ].join("\n"),
    );
    assert.equal(r.code, 4);
  } finally {
    await Deno.remove(a, { recursive: true });
  }
});

Deno.test("windows: msvcrt's own printf family keeps Windows format semantics", async () => {
  const r = await runKitemu([exe("msvcrt_fmt")]);
  // Expected values from the msvcrt documentation: I64/I32 sizes, 32-bit long, %S and %ls
  // wide strings in narrow printf, three-digit exponents, %p as 16 hex digits, _snprintf
  // without a NUL and -1 when the text does not fit.
  assert.equal(
    text(r.stdout),
    [
      "[-9000000000000000000] [18446744073709551615] [-5] [1234567890123]",
      "[2147483647] [4294967295] [-3] [beef]",
      "[wide] [upper-S] [narrow] [q]",
      "[1.234568e+004] [1.23e-004] [1e+020] [1E-010]",
      "[3.141590] [2] [  -0.333] [7.13    |]",
      "[0000000000001234] [0xff] [+5] [ 7] [003.1]",
      "sprintf 6 [key=42]",
      "_snprintf -1 [trunc#]",
      "",
    ].join("\n"),
  );
  assert.equal(text(r.stderr), "to stderr 1\n");
  assert.equal(r.code, 0);
});

Deno.test("windows: kernel32 memory, heap, TLS, time, module and system functions", async () => {
  const r = await runKitemu([exe("k32_misc")]);
  assert.equal(text(r.stderr), "");
  // Values fixed by the Win32 documentation: 4 KiB pages, 64 KiB allocation granularity,
  // PROCESSOR_ARCHITECTURE_AMD64 (9), MEM_COMMIT 0x1000, PAGE_READWRITE 4, PAGE_READONLY 2,
  // PAGE_EXECUTE_READ 0x20, MEM_PRIVATE 0x20000, MEM_IMAGE 0x1000000, ERROR_INSUFFICIENT_BUFFER
  // (122), ERROR_MOD_NOT_FOUND (126).
  assert.equal(
    text(r.stdout),
    [
      "page 4096 granularity 65536 arch 9 cpus>0 1",
      "VirtualAlloc ok=1 aligned=1 zero=1",
      "VirtualQuery=48 base_ok=1 size=12288 state=0x1000 protect=0x4 type=0x20000",
      "VirtualProtect=1 old=0x4",
      "after: protect=0x2 size=4096 [written]",
      "restored old=0x2",
      "VirtualFree=1",
      "image: type=0x1000000 allocbase_ok=1 protect=0x20",
      "HeapAlloc zeroed=1 size=40",
      "HeapReAlloc kept=1 zeroed=1",
      "HeapFree=1",
      "HeapCreate ok=1 alloc ok=1 destroy=1",
      "TlsAlloc ok=1 get=0000000000000000",
      "TlsGetValue=0000000000001234 err=0 free=1",
      "TryEnterCriticalSection=1",
      "Sleep(20) took at least 15 ms: 1",
      "FILETIME after 2020: 1",
      "GetTickCount64 monotonic: 1",
      "GetModuleFileNameA ends with k32_misc.exe: 1 len_ok=1",
      "truncated: n=4 err=122 len=3",
      "IsDebuggerPresent=0 GetACP=65001",
      "SetUnhandledExceptionFilter returns the previous one: 1 1",
      "RtlLookupFunctionEntry found=1 base_ok=1",
      "LoadLibraryA kernel32=1 nosuch=0 err=126",
      "through GetProcAddress: 1",
      // WAIT_OBJECT_0 0, WAIT_TIMEOUT 258; a manual-reset event stays signaled, an auto-reset
      // one is reset by the wait that sees it; a mutex is recursive for its owner and
      // ReleaseMutex past the count fails with ERROR_NOT_OWNER (288); a semaphore's count goes
      // down per wait and ReleaseSemaphore past the maximum fails with ERROR_TOO_MANY_POSTS
      // (298); a wait on several returns WAIT_OBJECT_0 + the first signaled index (ev was
      // reset, ae set: 1) or, for all, times out; a bad handle is ERROR_INVALID_HANDLE (6).
      "manual event: 258 1 0 0 258",
      "auto-reset event: 0 258",
      "mutex: 0 0 1 1 0 err=288",
      "semaphore: 0 258 1 prev=0 0 err=298",
      "WaitForMultipleObjects any=1 all=258",
      "SetEvent(bad)=0 err=6",
      "",
    ].join("\n"),
  );
  assert.equal(r.code, 0);
});

for (const mode of MODES) {
  Deno.test(`windows: C++ exceptions through SEH (${mode}) match the native run`, () =>
    same("cpp_exceptions", [], {}, mode));
}

Deno.test("windows: an uncaught C++ exception ends in std::terminate and abort", async () => {
  const r = await runKitemu([exe("cpp_exceptions"), "uncaught"]);
  assert.equal(text(r.stdout), "construct uncaught\n");
  assert.match(
    text(r.stderr),
    /terminate called after throwing an instance of 'std::runtime_error'\n {2}what\(\): {2}nobody catches this/,
  );
  assert.equal(r.code, 3); // msvcrt's abort()
});

Deno.test("windows: resolveObject lets LoadLibrary succeed for a DLL kitemu lacks", async () => {
  const out: number[] = [];
  const asked: string[] = [];
  const emu = KitEmu.create(Deno.readFileSync(exe("k32_misc")), {
    argv: ["k32_misc.exe"],
    stdout: { write: (b) => (out.push(...b), b.length) },
    bindings: {
      resolveObject: (name) => {
        asked.push(name);
        return name === "nosuch.dll";
      },
    },
  });
  try {
    assert.equal(await emu.run(), 0);
    const lines = new TextDecoder().decode(Uint8Array.from(out)).split("\n");
    assert.ok(
      lines.some((l) => l.startsWith("LoadLibraryA kernel32=1 nosuch=1 ")),
      lines.join("\n"),
    );
    assert.deepEqual(asked, ["nosuch.dll"]);
  } finally {
    emu.dispose();
  }
});
