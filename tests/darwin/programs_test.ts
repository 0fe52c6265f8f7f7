/**
 * Mach-O guests end to end, on arm64 and x86-64, through cli.ts: raw Darwin
 * system calls (hello, checksum) in lld's LC_MAIN layout and in the static
 * LC_UNIXTHREAD layout; C programs linked against our libSystem.tbd (the
 * corpus's bigprog and friends, argv/env, file I/O with permission checks,
 * callbacks, an unknown import); universal files.
 *
 * Expected outputs come from the same sources built for Linux: natively on
 * x86-64 (the host's gcc), under qemu-aarch64 for arm64 (static glibc or
 * freestanding), except where the source is Darwin-only (hello.S: its spec
 * is "hello\n", status 7) or the outcome is kitemu's sandbox (a denied read).
 * Everything is built by `bash tests/setup.sh` (testdata/darwin/Makefile).
 * @module
 */

import assert from "node:assert/strict";
import {
  compareRuns,
  pool,
  requireFile,
  requireTool,
  runKitemu,
  runNative,
  runQemu,
  type RunResult,
  text,
} from "../helpers.ts";

const B = "testdata/build/darwin";
const ISAS = ["arm64", "x86_64"] as const;
type Isa = typeof ISAS[number];

/** Runs the Linux reference of a program: native on x86-64, qemu-aarch64 for arm64. */
function reference(
  isa: Isa,
  program: string,
  args: string[],
  opts: { env?: Record<string, string>; stdin?: Uint8Array } = {},
): Promise<RunResult> {
  if (isa === "x86_64") return runNative([program, ...args], opts);
  requireTool("qemu-aarch64");
  return runQemu("aarch64", [program, ...args], opts);
}

function check(problems: string[]): void {
  if (problems.length) throw new Error(problems.join("\n"));
}

for (const isa of ISAS) {
  Deno.test(`darwin ${isa}: raw hello, LC_MAIN and static LC_UNIXTHREAD, jit and interp`, async () => {
    for (const name of ["hello", "hello.static"]) {
      const prog = `${B}/${isa}/${name}`;
      requireFile(prog);
      for (const mode of ["jit", "interp"] as const) {
        const r = await runKitemu([prog], { mode });
        assert.equal(text(r.stdout), "hello\n", `${name} ${mode}: ${text(r.stderr)}`);
        assert.equal(r.code, 7, `${name} ${mode}`);
      }
    }
  });

  Deno.test(`darwin ${isa}: freestanding checksum (LC_MAIN and static) matches Linux`, async () => {
    const linux = `${B}/linux-${isa === "arm64" ? "aarch64" : "x86_64"}/checksum`;
    requireFile(linux);
    const ref = await reference(isa, linux, []);
    assert.match(
      text(ref.stdout),
      /^crc32 [0-9a-f]{8} fnv1a [0-9a-f]{16}\nwrite to fd 99: EBADF\n$/,
    );
    for (const name of ["checksum", "checksum.static"]) {
      requireFile(`${B}/${isa}/${name}`);
      check(compareRuns(name, ref, await runKitemu([`${B}/${isa}/${name}`])));
    }
  });

  Deno.test(`darwin ${isa}: corpus C programs against libSystem match Linux`, async () => {
    const linuxDir = isa === "arm64" ? "testdata/build/aarch64" : "testdata/build/x86_64-dyn";
    const cases: {
      name: string;
      args?: string[];
      read?: string[];
      stdin?: string;
      stderr?: boolean;
    }[] = [
      { name: "bigprog" },
      { name: "exit42" },
      { name: "intops" },
      { name: "malloc_stress" },
      { name: "sort_search" },
      { name: "strings" },
      { name: "stderr_out", stderr: true },
      { name: "stdin_upper", stdin: "Mixed Case input\nsecond line 123\n" },
      {
        name: "fileread",
        args: ["testdata/src/bigprog.c"],
        read: ["testdata/src/bigprog.c"],
      },
    ];
    const problems = await pool(2, cases, async (c) => {
      const prog = `${B}/${isa}/${c.name}`;
      requireFile(prog);
      requireFile(`${linuxDir}/${c.name}`);
      const stdin = c.stdin === undefined ? undefined : new TextEncoder().encode(c.stdin);
      const ref = await reference(isa, `${linuxDir}/${c.name}`, c.args ?? [], { stdin });
      const got = await runKitemu([prog, ...(c.args ?? [])], { read: c.read, stdin });
      // The two libc differences these programs show: strerror(0) is "Success" in glibc and
      // "Undefined error: 0" in Darwin's libc; a null %p is "(nil)" in glibc, "0x0" in Darwin's.
      const refErr = text(ref.stderr).replace("errno 0: Success", "errno 0: Undefined error: 0");
      const refOut = text(ref.stdout).replaceAll("(nil)", "0x0");
      const enc = new TextEncoder();
      const fixed = { ...ref, stdout: enc.encode(refOut), stderr: enc.encode(refErr) };
      return compareRuns(c.name, fixed, got, { stderr: c.stderr });
    });
    check(problems.flat());
  });

  Deno.test(`darwin ${isa}: argv, envp, environ, getenv/setenv/unsetenv match Linux`, async () => {
    const env = { KITEMU_TEST: "1", EMPTY: "", WITH_EQUALS: "a=b", HOME: "/home/guest" };
    const args = ["one", "two words", ""];
    const linux = `${B}/linux-${isa === "arm64" ? "aarch64" : "x86_64"}/argsenv`;
    requireFile(linux);
    const ref = await reference(isa, linux, args, { env });
    const got = await runKitemu([`${B}/${isa}/argsenv`, ...args], { env });
    assert.equal(ref.code, 4);
    check(compareRuns("argsenv", ref, got));
  });

  for (
    const [name, what] of [
      ["callbacks", "qsort/bsearch/atexit callbacks, sscanf, snprintf, strtol, errno"],
      ["printf", "the printf family on every conversion"],
      ["tls", "thread-local variables (__thread_vars descriptors, _tlv_bootstrap)"],
    ]
  ) {
    Deno.test(`darwin ${isa}: ${what} match Linux`, async () => {
      const linux = `${B}/linux-${isa === "arm64" ? "aarch64" : "x86_64"}/${name}`;
      requireFile(linux);
      const ref = await reference(isa, linux, []);
      for (const mode of ["jit", "interp"] as const) {
        const got = await runKitemu([`${B}/${isa}/${name}`], { mode });
        check(compareRuns(`${name} ${mode}`, ref, got, { stderr: true }));
      }
    });
  }

  Deno.test(`darwin ${isa}: file I/O through the sandbox, and a denied read`, async () => {
    const linux = `${B}/linux-${isa === "arm64" ? "aarch64" : "x86_64"}/fileio`;
    requireFile(linux);
    const refDir = Deno.makeTempDirSync({ prefix: "kitemu_darwin_ref_" });
    const dir = Deno.makeTempDirSync({ prefix: "kitemu_darwin_" });
    try {
      const other = "testdata/src/exit42.c";
      const ref = await reference(isa, linux, [refDir, other]);
      assert.equal(ref.code, 0, text(ref.stderr));
      const got = await runKitemu([`${B}/${isa}/fileio`, dir, other], {
        read: [dir, other],
        write: [dir],
      });
      check(compareRuns("fileio", ref, got));
      // The same run without read permission on the other file: the sandbox says EACCES,
      // and the program reports Darwin's strerror text for it.
      const denied = await runKitemu([`${B}/${isa}/fileio`, dir, other], {
        read: [dir],
        write: [dir],
      });
      const lines = text(ref.stdout).split("\n");
      const expected = lines.slice(0, lines.findIndex((l) => l.startsWith("access("))).join("\n") +
        "\naccess(argv[2], R_OK): -1\nfopen(argv[2]): Permission denied\n";
      assert.equal(text(denied.stdout), expected);
      assert.equal(text(denied.stderr), "fopen: Permission denied\n");
      assert.equal(denied.code, 3);
      // Without write permission, creating the file fails.
      const ro = await runKitemu([`${B}/${isa}/fileio`, dir, other], { read: [dir, other] });
      assert.equal(text(ro.stderr), "fopen w: Permission denied\n");
      assert.equal(ro.code, 1);
    } finally {
      Deno.removeSync(refDir, { recursive: true });
      Deno.removeSync(dir, { recursive: true });
    }
  });

  Deno.test(`darwin ${isa}: an unknown import traps loudly with its name`, async () => {
    requireFile(`${B}/${isa}/unknown`);
    const r = await runKitemu([`${B}/${isa}/unknown`]);
    assert.equal(text(r.stdout), "before the unknown import\n");
    assert.match(
      text(r.stderr),
      /unknown import _sysctlbyname from \/usr\/lib\/libSystem\.B\.dylib/,
    );
    assert.equal(r.code, 128 + 6);
  });
}

Deno.test("darwin: universal files run their arm64 slice", async () => {
  requireFile(`${B}/fat/hello`);
  const r = await runKitemu([`${B}/fat/hello`], { trace: "syscall" });
  assert.equal(text(r.stdout), "hello\n");
  assert.equal(r.code, 7);
  // --trace=syscall shows the Darwin calls, strace style.
  assert.match(text(r.stderr), /^write\(1, 0x[0-9a-f]+, 6\) = 6\nexit\(7\) = \?\n$/);
  const ref = await runNative(["testdata/build/x86_64-dyn/bigprog"]);
  check(compareRuns("fat bigprog", ref, await runKitemu([`${B}/fat/bigprog`])));
});
