/**
 * The syscall conformance suite: every program in testdata/syscalls/ (built by
 * `make -C testdata` into testdata/build/syscalls/{riscv64,aarch64,x86_64}/, statically
 * linked with glibc) runs under kitemu and under a reference, each in a fresh directory
 * holding the same fixture, with the same argv and environment. The reference is
 * qemu-riscv64 for RISC-V 64, `qemu-aarch64 -cpu max,pauth=off` for AArch64, and the
 * program run natively for x86-64 (the host is x86-64 Linux: the kernel itself).
 * Standard output and the exit status must be identical. kitemu runs with `--no-prompt`
 * and read/write grants for its own directory only (links.c needs unscoped grants: Deno
 * refuses to create a symlink otherwise).
 *
 * Where qemu-user departs from Linux, the expected line is the kernel's
 * (listed in QEMU_DEVIATIONS with the reason; never applied to native runs).
 * @module
 */

import { join } from "node:path";
import {
  type Arch,
  CLI_PATH,
  compareRuns,
  DENO,
  REPO_ROOT,
  requireFile,
  requireTool,
  runNative,
  runQemu,
  type RunResult,
  spawnProcess,
} from "../helpers.ts";

/** The ISAs the suite runs on. */
const ISAS: Arch[] = ["riscv64", "aarch64", "x86_64"];

/** Where the programs for one ISA are built. */
function buildDir(isa: Arch): string {
  return `testdata/build/syscalls/${isa}`;
}

/** What the kitemu run of an ISA is compared with. */
function referenceName(isa: Arch): string {
  return isa === "x86_64" ? "native x86-64 Linux" : `qemu-${isa}`;
}

const SOURCES = join(REPO_ROOT, "testdata/syscalls");

/** The ISAs compared with qemu-user (x86-64 is compared with native runs). */
const QEMU: Arch[] = ["riscv64", "aarch64"];

/** Argument vectors per program (each a separate comparison); default: one run, no arguments. */
const RUNS: Record<string, string[][]> = {
  exitsig: [
    [],
    ["exit", "7"],
    ["exit", "300"],
    ["term"],
    ["abort"],
    ["segv"],
    ["fpe"],
    ["ill"],
    ["pipe"],
    ["usr1-blocked-then-unblocked"],
  ],
  vfiles: [["one", "two"]],
};

/** Programs that need unscoped --allow-read --allow-write under kitemu. */
const UNSCOPED = new Set(["links"]);

/** Programs also run in interpreter mode (precise pcs in signal frames). */
const INTERP_TOO = new Set(["signals"]);

/** Programs with tests of their own below (they need a port and grants). */
const SEPARATE = new Set(["net"]);

/**
 * Lines where qemu-user 7.2 departs from Linux: [program, what qemu prints, what Linux
 * prints, the qemu ISAs it applies to]. The Linux values are from the kernel's code
 * (mm/mmap.c, mm/madvise.c, mm/mremap.c) or from the same C code run natively on x86-64
 * Linux. Native runs are the kernel's truth: nothing is replaced in them.
 */
const QEMU_DEVIATIONS: [string, RegExp, string, Arch[]][] = [
  // qemu treats MAP_FIXED_NOREPLACE as a hint; Linux fails with EEXIST.
  ["mem", /^MAP_FIXED_NOREPLACE taken = .*$/m, "MAP_FIXED_NOREPLACE taken = EEXIST", QEMU],
  // qemu ignores madvise; Linux checks the advice (EINVAL) and the range (ENOMEM).
  ["mem", /^madvise bad advice = .*$/m, "madvise bad advice = -1 EINVAL", QEMU],
  ["mem", /^madvise unmapped = .*$/m, "madvise unmapped = -1 ENOMEM", QEMU],
  // Linux rejects new_size 0 with EINVAL before looking at the mapping.
  ["mem", /^mremap new size 0 = .*$/m, "mremap new size 0 = -1 EINVAL", QEMU],
  // qemu-riscv64 does not block a handler's sa_mask while it runs, so a signal raised in the
  // handler runs at once ("212"); Linux (native x86-64, and qemu-x86_64) defers it: "221".
  ["signals", /^order: 212$/m, "order: 221", ["riscv64"]],
  // qemu checks a read buffer before reading; Linux faults on the copy, so a read at end of
  // file copies nothing and returns 0 (native x86-64 Linux prints 0).
  ["files", /^read EFAULT at end of file = .*$/m, "read EFAULT at end of file = 0", QEMU],
  // qemu-aarch64 -cpu max writes an SVE record holding the Z registers after the FPSIMD
  // record and restores v0..v31 from it, so an edit of the FPSIMD copy is lost. Linux has no
  // live SVE state after a system call (the record carries no registers) and restores the
  // FPSIMD record: the edited low word comes back (qemu with sve=off agrees).
  [
    "signals",
    /^v16 after handler: 11223344 (.*)$/m,
    "v16 after handler: cafef00d $1",
    ["aarch64"],
  ],
  // qemu-aarch64 reports an undefined instruction as ILL_ILLOPN (2); arm64 Linux's
  // do_undefinstr sends ILL_ILLOPC (1) (arch/arm64/kernel/traps.c).
  ["signals", /^SIGILL: hits=1 sig=4 code=2 addr ok=1$/m, "SIGILL: hits=1 sig=4 code=1 addr ok=1", [
    "aarch64",
  ]],
];

const ENV = { FOO: "bar" };

function programs(): string[] {
  const names: string[] = [];
  for (const e of Deno.readDirSync(SOURCES)) {
    if (e.isFile && e.name.endsWith(".c")) names.push(e.name.slice(0, -2));
  }
  return names.sort();
}

/** The fixture every run starts with: two symbolic links (made here, with full grants). */
async function fixture(dir: string): Promise<void> {
  await Deno.symlink("b.txt", join(dir, "lnk"));
  await Deno.symlink("nowhere", join(dir, "dangling"));
}

/** Run a guest under kitemu in `dir` with grants for `dir` only (or unscoped). */
export function runKitemuIn(
  dir: string,
  prog: string,
  args: string[],
  opts: {
    unscoped?: boolean;
    net?: string;
    mode?: string;
    trace?: string;
    env?: Record<string, string>;
  } = {},
): Promise<RunResult> {
  const denoArgs = ["run", "--no-prompt"];
  if (opts.unscoped) denoArgs.push("--allow-read", "--allow-write");
  else denoArgs.push(`--allow-read=${prog},${dir}`, `--allow-write=${dir}`);
  if (opts.net) denoArgs.push(`--allow-net=${opts.net}`);
  denoArgs.push(CLI_PATH);
  if (opts.mode) denoArgs.push(`--mode=${opts.mode}`);
  if (opts.trace) denoArgs.push(`--trace=${opts.trace}`);
  for (const [k, v] of Object.entries(opts.env ?? ENV)) denoArgs.push("--env", `${k}=${v}`);
  denoArgs.push(prog, ...args);
  const env: Record<string, string> = { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };
  for (const k of ["HOME", "PATH", "DENO_DIR", "TMPDIR"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) env[k] = v;
  }
  return spawnProcess(DENO, denoArgs, { cwd: dir, env }, false);
}

function applyDeviations(isa: Arch, name: string, r: RunResult): RunResult {
  let out = new TextDecoder().decode(r.stdout);
  for (const [prog, re, linux, isas] of QEMU_DEVIATIONS) {
    if (prog !== name || !isas.includes(isa)) continue;
    if (!re.test(out)) throw new Error(`${name}: no line matches ${re} in qemu's output`);
    out = out.replace(re, linux);
  }
  return { ...r, stdout: new TextEncoder().encode(out) };
}

/** Run the reference for `isa`: qemu-user, or the program itself on x86-64. */
async function runReference(isa: Arch, name: string, prog: string, args: string[], cwd: string) {
  if (isa === "x86_64") {
    if (Deno.build.os !== "linux" || Deno.build.arch !== "x86_64") {
      throw new Error("the x86-64 reference is a native run: the host must be x86-64 Linux");
    }
    return await runNative([prog, ...args], { cwd, env: ENV });
  }
  requireTool(`qemu-${isa}`);
  return applyDeviations(isa, name, await runQemu(isa, [prog, ...args], { cwd, env: ENV }));
}

/** Run `name args` under the reference and kitemu in fresh directories and compare. */
async function compareWithReference(
  isa: Arch,
  name: string,
  args: string[],
  opts: { net?: string; mode?: string } = {},
): Promise<void> {
  const label = `${isa} ${[name, ...args].join(" ")}`;
  const prog = join(REPO_ROOT, buildDir(isa), name);
  requireFile(prog);
  const qdir = await Deno.makeTempDir({ prefix: "kitemu-sys-q-" });
  const kdir = await Deno.makeTempDir({ prefix: "kitemu-sys-k-" });
  try {
    await fixture(qdir);
    await fixture(kdir);
    const expected = await runReference(isa, name, prog, args, qdir);
    const actual = await runKitemuIn(kdir, prog, args, {
      unscoped: UNSCOPED.has(name),
      net: opts.net,
      mode: opts.mode,
    });
    const problems = compareRuns(label, expected, actual);
    if (problems.length > 0) throw new Error(problems.join("\n"));
  } finally {
    await Deno.remove(qdir, { recursive: true });
    await Deno.remove(kdir, { recursive: true });
  }
}

for (const isa of ISAS) {
  const ref = referenceName(isa);
  for (const name of programs()) {
    if (SEPARATE.has(name)) continue;
    for (const args of RUNS[name] ?? [[]]) {
      const label = [name, ...args].join(" ");
      Deno.test(
        `syscalls: ${isa} ${label} matches ${ref}`,
        () => compareWithReference(isa, name, args),
      );
      if (INTERP_TOO.has(name)) {
        Deno.test(
          `syscalls: ${isa} ${label} matches ${ref} (--mode=interp)`,
          () => compareWithReference(isa, name, args, { mode: "interp" }),
        );
      }
    }
  }
}

for (const isa of ISAS) {
  Deno.test(`syscalls: ${isa} --timeout ends a guest blocked in sigsuspend with status 124`, () =>
    timeoutInSigsuspend(isa));
}

async function timeoutInSigsuspend(isa: Arch): Promise<void> {
  const prog = join(REPO_ROOT, buildDir(isa), "exitsig");
  requireFile(prog);
  const dir = await Deno.makeTempDir({ prefix: "kitemu-sys-k-" });
  try {
    const start = performance.now();
    const r = await spawnProcess(
      DENO,
      [
        "run",
        "--no-prompt",
        `--allow-read=${prog}`,
        CLI_PATH,
        "--timeout=1",
        prog,
        "suspend",
      ],
      { cwd: dir, env: {}, timeoutMs: 30_000 },
      false,
    );
    const ms = performance.now() - start;
    const out = new TextDecoder().decode(r.stdout);
    if (r.code !== 124 || out !== "mode suspend\n" || ms > 20_000) {
      throw new Error(`status ${r.code} after ${ms} ms, stdout ${JSON.stringify(out)}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

// ---- TCP on loopback: one guest is both client and server ----------------------------------

/** A port that was free a moment ago (the OS picks it). */
function freePort(hostname: string): number {
  const l = Deno.listen({ hostname, port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

function ipv6Loopback(): boolean {
  try {
    freePort("::1");
    return true;
  } catch {
    return false;
  }
}

for (const isa of ISAS) {
  const ref = referenceName(isa);
  Deno.test(`syscalls: ${isa} net over 127.0.0.1 with --allow-net=127.0.0.1:PORT matches ${ref}`, async () => {
    const port = freePort("127.0.0.1");
    await compareWithReference(isa, "net", [String(port)], { net: `127.0.0.1:${port}` });
  });

  Deno.test({
    name: `syscalls: ${isa} net over [::1] with --allow-net=[::1]:PORT matches ${ref}`,
    ignore: !ipv6Loopback(),
    fn: async () => {
      const port = freePort("::1");
      await compareWithReference(isa, "net", [String(port), "6"], { net: `[::1]:${port}` });
    },
  });
}

/** What the guest prints when bind and connect are refused (Linux's EACCES for a denied address). */
const DENIED = [
  "socket server = 3",
  "F_GETFD = 1",
  "setsockopt SO_REUSEADDR = 0",
  "getsockopt SO_REUSEADDR = 1",
  "getsockopt SO_TYPE = 1",
  "getsockopt bad option = -1 ENOPROTOOPT",
  "bind = -1 EACCES",
  "connect = -1 EACCES",
  "listen (port 0 on any address) = -1 EACCES",
  "done",
  "",
].join("\n");

for (
  const [isa, what, grant] of ISAS.flatMap((isa) =>
    [
      ["without --allow-net", undefined],
      ["with a grant for another port", "other"],
      ["with a grant for another address", "127.0.0.2"],
    ].map(([what, grant]) => [isa, what, grant] as const)
  )
) {
  Deno.test(`syscalls: ${isa} net ${what} gets EACCES from bind and connect`, async () => {
    const prog = join(REPO_ROOT, buildDir(isa), "net");
    requireFile(prog);
    const port = freePort("127.0.0.1");
    const net = grant === "other"
      ? `127.0.0.1:${port + 1}`
      : grant
      ? `${grant}:${port}`
      : undefined;
    const dir = await Deno.makeTempDir({ prefix: "kitemu-sys-k-" });
    try {
      const r = await runKitemuIn(dir, prog, [String(port)], { net, trace: "syscall" });
      const out = new TextDecoder().decode(r.stdout);
      const err = new TextDecoder().decode(r.stderr);
      if (r.code !== 0 || out !== DENIED) {
        throw new Error(`status ${r.code}, stdout:\n${out}\nstderr:\n${err}`);
      }
      // The trace names what was refused.
      const denied = `= -1 EACCES (denied: net 127.0.0.1:${port})`;
      const lines = err.split("\n").filter((l) => l.startsWith("connect(") && l.endsWith(denied));
      if (lines.length !== 1) throw new Error(`no connect line ending in ${denied}:\n${err}`);
      // Nothing may be listening on the port the guest was refused.
      const probe = Deno.listen({ hostname: "127.0.0.1", port });
      probe.close();
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
