/**
 * The host's own dynamically linked programs from /usr/bin, run as x86-64 guests with `-L /`
 * against the host's glibc, compared with running them natively: exit status, standard
 * output and standard error must be identical. Each run grants exactly what it reads: the
 * program, the library directories and links (HOST_LIBRARY_GRANTS, /etc/ld.so.cache among
 * them) and its inputs.
 *
 * Also: a library outside the grants fails with EACCES and ld.so's own message; a library that
 * is missing fails with the message qemu and a native run give; a missing or denied program
 * interpreter is kitemu's own clear error (exit 126) naming the path.
 */

import assert from "node:assert/strict";
import {
  compareRuns,
  readRepoFile,
  requireCli,
  requireFile,
  requireTool,
  runNative,
  runQemu,
  type RunResult,
  TESTDATA,
  text,
} from "../helpers.ts";
import { crossGrants, HOST_LIBRARY_GRANTS, runDynamic, SYSROOTS } from "./helpers.ts";

const INPUTS = `${TESTDATA}/inputs`;

interface HostCase {
  name: string;
  /** The program (an absolute path under /usr/bin) and its arguments. */
  argv: string[];
  /** Extra read grants (inputs). */
  read?: string[];
  env?: Record<string, string>;
  stdinFile?: string;
  /** Make the input before the runs (in a temporary directory, passed as `dir`). */
  prepare?: (dir: string) => void;
  /** Time limit for each run, in milliseconds (default: the helpers' 120 s). */
  timeoutMs?: number;
}

/** A tar archive of testdata/inputs/tree with fixed owners and times, made by the host's tar. */
function makeArchive(dir: string): void {
  const r = new Deno.Command("tar", {
    args: [
      "--sort=name",
      "--owner=0",
      "--group=0",
      "--numeric-owner",
      "--mtime=@1000000000",
      "-C",
      INPUTS,
      "-cf",
      `${dir}/tree.tar`,
      "tree",
    ],
  }).outputSync();
  assert.ok(r.success, `tar failed: ${text(r.stderr)}`);
}

/** /usr/bin/python3 is a link to python3.X, whose standard library is /usr/lib/python3.X. */
function pythonGrants(): string[] {
  let real = "/usr/bin/python3";
  try {
    real = Deno.realPathSync(real);
  } catch {
    return []; // Not installed: the test's requireFile says so.
  }
  const version = real.split("/").pop()!;
  return [real, `/usr/lib/${version}`];
}

const CASES: HostCase[] = [
  { name: "ls", argv: ["/usr/bin/ls", "-a", "-R", `${INPUTS}/tree`], read: [INPUTS] },
  { name: "sort", argv: ["/usr/bin/sort", `${INPUTS}/words.txt`], read: [INPUTS] },
  {
    name: "sort -n -r",
    argv: ["/usr/bin/sort", "-n", "-r", `${INPUTS}/numbers.txt`],
    read: [INPUTS],
  },
  {
    name: "sha256sum",
    argv: ["/usr/bin/sha256sum", `${INPUTS}/bytes.bin`, `${INPUTS}/lorem.txt`],
    read: [INPUTS],
  },
  {
    name: "wc",
    argv: ["/usr/bin/wc", `${INPUTS}/words.txt`, `${INPUTS}/lorem.txt`],
    read: [INPUTS],
  },
  { name: "cat -n (stdin)", argv: ["/usr/bin/cat", "-n"], stdinFile: "testdata/inputs/lorem.txt" },
  {
    name: "awk (mawk)",
    argv: ["/usr/bin/mawk", "-f", `${INPUTS}/stats.awk`, `${INPUTS}/scores.txt`],
    read: [INPUTS],
  },
  {
    name: "sed",
    argv: ["/usr/bin/sed", "-e", "s/[aeiou]/_/g", "-e", "3d", `${INPUTS}/lorem.txt`],
    read: [INPUTS],
  },
  {
    name: "grep",
    argv: ["/usr/bin/grep", "-n", "-i", "-E", "error|warn", `${INPUTS}/log.txt`],
    read: [INPUTS],
  },
  {
    name: "gzip",
    argv: ["/usr/bin/gzip", "-9", "-n", "-c", `${INPUTS}/words.txt`],
    read: [INPUTS],
  },
  {
    name: "tar tvf",
    argv: ["/usr/bin/tar", "-t", "-v", "-f", "$DIR/tree.tar"],
    env: { TZ: "UTC" },
    prepare: makeArchive,
  },
  {
    name: "python3 -S",
    argv: [
      "/usr/bin/python3",
      "-S",
      "-c",
      "import sys\nsquares = [i * i for i in range(300)]\n" +
      "print(sum(squares), squares[-3:], sorted({w: len(w) for w in 'a quick fox'.split()}.items()))\n" +
      "sys.exit(3)",
    ],
    read: pythonGrants(),
    // CPython starts by unmarshalling its modules: a lot of cold code on a loaded machine.
    timeoutMs: 300_000,
  },
];

for (const c of CASES) {
  Deno.test(`host program -L /: ${c.name}`, async () => {
    requireCli();
    requireFile(c.argv[0]);
    const dir = Deno.makeTempDirSync({ prefix: "kitemu-dyn-" });
    try {
      c.prepare?.(dir);
      const argv = c.argv.map((a) => a.replaceAll("$DIR", dir));
      const stdin = c.stdinFile ? readRepoFile(c.stdinFile) : undefined;
      const env = c.env ?? {};
      const read = [argv[0], ...HOST_LIBRARY_GRANTS, dir, ...(c.read ?? [])];
      const [ref, run] = await Promise.all([
        runNative(argv, { env, stdin }),
        runDynamic(argv, { sysroot: "/", read, env, stdin, timeoutMs: c.timeoutMs }),
      ]);
      assert.equal(ref.code, c.name.startsWith("python3") ? 3 : 0, text(ref.stderr));
      const problems = compareRuns("kitemu", ref, run, { stderr: true });
      assert.ok(problems.length === 0, `${c.name} differs from native:\n${problems.join("\n")}`);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  });
}

// ---- failures ---------------------------------------------------------------------------

const LIBDIR = "/usr/lib/x86_64-linux-gnu";

Deno.test("host program -L /: a library outside the grants is EACCES, ld.so says so", async () => {
  requireCli();
  // grep needs libpcre2-8.so.0 and libc.so.6: grant libc and ld.so only.
  const read = [
    "/usr/bin/grep",
    "/lib",
    "/lib64",
    "/usr/lib64",
    `${LIBDIR}/libc.so.6`,
    `${LIBDIR}/ld-linux-x86-64.so.2`,
    "/etc/ld.so.cache",
  ];
  const r = await runDynamic(["/usr/bin/grep", "x", "/dev/null"], { sysroot: "/", read });
  assert.equal(r.code, 127, text(r.stderr));
  assert.equal(
    text(r.stderr),
    "/usr/bin/grep: error while loading shared libraries: libpcre2-8.so.0: " +
      "cannot open shared object file: Permission denied\n",
  );
  // The same grants plus the library: grep runs (so the grant was the only difference).
  const ok = await runDynamic(["/usr/bin/grep", "-c", "x", "/dev/null"], {
    sysroot: "/",
    read: [...read, `${LIBDIR}/libpcre2-8.so.0`, `${LIBDIR}/libpcre2-8.so.0.11.2`],
  });
  const native = await runNative(["/usr/bin/grep", "-c", "x", "/dev/null"]);
  assert.deepEqual(compareRuns("kitemu", native, ok, { stderr: true }), []);
});

/** needgone links against libkitemugone.so, which is nowhere: ld.so's message, as natively. */
for (const arch of ["x86_64", "riscv64", "aarch64"] as const) {
  Deno.test(`missing library (${arch}): ld.so's message, identical to the reference`, async () => {
    requireCli();
    const prog = `${TESTDATA}/build/dynamic/${arch}/needgone`;
    requireFile(prog);
    let ref: RunResult;
    let run: RunResult;
    if (arch === "x86_64") {
      // ld.so's last try is /usr/lib/libkitemugone.so: grant the search directories so that
      // it sees ENOENT (a path the guest may not inspect gives EACCES instead).
      const read = [prog, ...HOST_LIBRARY_GRANTS, "/usr/lib"];
      [ref, run] = await Promise.all([
        runNative([prog]),
        runDynamic([prog], { sysroot: "/", read }),
      ]);
    } else {
      requireTool(`qemu-${arch}`);
      const sysroot = SYSROOTS[arch];
      const read = [prog, sysroot, ...crossGrants(sysroot), "/lib", "/usr/lib"];
      [ref, run] = await Promise.all([
        runQemu(arch, [prog], { sysroot }),
        runDynamic([prog], { sysroot, read, longFlag: true }),
      ]);
    }
    assert.equal(ref.code, 127);
    assert.match(text(ref.stderr), /libkitemugone\.so: cannot open shared object file/);
    assert.deepEqual(compareRuns("kitemu", ref, run, { stderr: true }), []);
  });
}

/**
 * dlinfo reports its own loading: getauxval, dl_iterate_phdr (names, TLS, RELRO), dlopen and
 * dlsym of libm, dlerror for a missing library.
 */
for (const arch of ["x86_64", "riscv64", "aarch64"] as const) {
  Deno.test(`dlinfo (${arch}): auxv, dl_iterate_phdr, dlopen as the reference sees them`, async () => {
    requireCli();
    const prog = `${TESTDATA}/build/dynamic/${arch}/dlinfo`;
    requireFile(prog);
    let ref: RunResult;
    let run: RunResult;
    if (arch === "x86_64") {
      const read = [prog, ...HOST_LIBRARY_GRANTS, "/usr/lib"];
      [ref, run] = await Promise.all([
        runNative([prog]),
        runDynamic([prog], { sysroot: "/", read }),
      ]);
    } else {
      requireTool(`qemu-${arch}`);
      const sysroot = SYSROOTS[arch];
      const read = [prog, sysroot, ...crossGrants(sysroot), "/lib", "/usr/lib"];
      [ref, run] = await Promise.all([
        runQemu(arch, [prog], { sysroot }),
        runDynamic([prog], { sysroot, read }),
      ]);
    }
    assert.equal(ref.code, 0, text(ref.stderr));
    assert.match(text(ref.stdout), /object 3: libm\.so\.6/);
    assert.deepEqual(compareRuns("kitemu", ref, run, { stderr: true }), []);
  });
}

Deno.test("a missing program interpreter: exit 126 and its path", async () => {
  requireCli();
  const prog = `${TESTDATA}/build/dynamic/x86_64/badinterp`;
  requireFile(prog);
  const r = await runDynamic([prog], { sysroot: "/", read: [prog, "/nonexistent"] });
  assert.equal(r.code, 126);
  assert.equal(
    text(r.stderr),
    `kitemu: ${prog}: Cannot load the program interpreter /nonexistent/ld-kitemu.so.1: ` +
      "No such file or directory\n",
  );
});

Deno.test("a program interpreter outside the grants: exit 126, permission denied", async () => {
  requireCli();
  const prog = `${TESTDATA}/build/riscv64-dyn/exit42`;
  requireFile(prog);
  const sysroot = SYSROOTS.riscv64;
  const r = await runDynamic([prog], { sysroot, read: [prog] });
  assert.equal(r.code, 126);
  assert.equal(
    text(r.stderr),
    `kitemu: ${prog}: Cannot load the program interpreter /lib/ld-linux-riscv64-lp64d.so.1: ` +
      `Permission denied (grant it with --allow-read) (looked up under the sysroot ${sysroot}, ` +
      "then as given)\n",
  );
});

Deno.test("sysroot redirection: busybox (riscv64) sees / and /lib as qemu -L shows them", async () => {
  requireCli();
  requireTool("qemu-riscv64");
  const busybox = `${TESTDATA}/build/busybox/riscv64/busybox`;
  requireFile(busybox);
  const sysroot = SYSROOTS.riscv64;
  const args = [busybox, "ls", "-1", "/", "/lib/ld-linux-riscv64-lp64d.so.1", "/lib/nonexistent"];
  const [ref, run] = await Promise.all([
    runQemu("riscv64", args, { sysroot }),
    // /lib/nonexistent falls back to the host's /lib: granted, so the guest sees ENOENT (as under
    // qemu) rather than EACCES for a path it may not inspect.
    runDynamic(args, { sysroot, read: [busybox, sysroot, "/lib", "/usr/lib"] }),
  ]);
  assert.match(text(ref.stdout), /^include$/m, "the reference lists the sysroot");
  assert.deepEqual(compareRuns("kitemu", ref, run, { stderr: true }), []);
});

Deno.test("execve of a dynamically linked program from a static shell (riscv64, -L)", async () => {
  requireCli();
  requireTool("qemu-riscv64");
  const busybox = `${TESTDATA}/build/busybox/riscv64/busybox`;
  const dir = `${TESTDATA}/build/riscv64-dyn`;
  requireFile(busybox);
  requireFile(`${dir}/exit42`);
  const sysroot = SYSROOTS.riscv64;
  // qemu-user cannot run the child (execve of a foreign binary needs binfmt_misc): the
  // reference is qemu running each program directly, and the shell's own echo.
  const [printf, exit42] = await Promise.all([
    runQemu("riscv64", [`${dir}/printf_fmt`], { sysroot }),
    runQemu("riscv64", [`${dir}/exit42`], { sysroot }),
  ]);
  assert.equal(exit42.code, 42);
  const run = await runDynamic(
    [busybox, "sh", "-c", `${dir}/printf_fmt; ${dir}/exit42; echo "rc=$?"`],
    { sysroot, read: [busybox, dir, ...crossGrants(sysroot)] },
  );
  assert.equal(run.code, 0, text(run.stderr));
  assert.equal(text(run.stdout), `${text(printf.stdout)}${text(exit42.stdout)}rc=42\n`);
});
