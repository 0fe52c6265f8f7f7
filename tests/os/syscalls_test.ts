/**
 * The syscall conformance suite: every program in testdata/syscalls/ (built by
 * `make -C testdata` into testdata/build/syscalls/riscv64/) runs under kitemu and
 * under qemu-riscv64, each in a fresh directory holding the same fixture, with
 * the same argv and environment. Standard output and the exit status must be
 * identical. kitemu runs with `--no-prompt` and read/write grants for its own
 * directory only (links.c needs unscoped grants: Deno refuses to create a
 * symlink otherwise).
 *
 * Where qemu-user departs from Linux, the expected line is the kernel's
 * (listed in QEMU_DEVIATIONS with the reason).
 * @module
 */

import { join } from "node:path";
import {
  CLI_PATH,
  compareRuns,
  DENO,
  REPO_ROOT,
  requireFile,
  requireTool,
  runQemu,
  type RunResult,
  spawnProcess,
} from "../helpers.ts";

const BUILD = "testdata/build/syscalls/riscv64";
const SOURCES = join(REPO_ROOT, "testdata/syscalls");

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
 * prints]. The Linux values are from the kernel's code (mm/mmap.c, mm/madvise.c,
 * mm/mremap.c) or from the same C code run natively on x86-64 Linux.
 */
const QEMU_DEVIATIONS: [string, RegExp, string][] = [
  // qemu treats MAP_FIXED_NOREPLACE as a hint; Linux fails with EEXIST.
  ["mem", /^MAP_FIXED_NOREPLACE taken = .*$/m, "MAP_FIXED_NOREPLACE taken = EEXIST"],
  // qemu ignores madvise; Linux checks the advice (EINVAL) and the range (ENOMEM).
  ["mem", /^madvise bad advice = .*$/m, "madvise bad advice = -1 EINVAL"],
  ["mem", /^madvise unmapped = .*$/m, "madvise unmapped = -1 ENOMEM"],
  // Linux rejects new_size 0 with EINVAL before looking at the mapping.
  ["mem", /^mremap new size 0 = .*$/m, "mremap new size 0 = -1 EINVAL"],
  // qemu-riscv64 does not block a handler's sa_mask while it runs, so a signal raised in the
  // handler runs at once ("212"); Linux (native x86-64, and qemu-x86_64) defers it: "221".
  ["signals", /^order: 212$/m, "order: 221"],
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

function applyDeviations(name: string, r: RunResult): RunResult {
  let out = new TextDecoder().decode(r.stdout);
  for (const [prog, re, linux] of QEMU_DEVIATIONS) {
    if (prog !== name) continue;
    if (!re.test(out)) throw new Error(`${name}: no line matches ${re} in qemu's output`);
    out = out.replace(re, linux);
  }
  return { ...r, stdout: new TextEncoder().encode(out) };
}

/** Run `name args` under qemu and kitemu in fresh directories and compare. */
async function compareWithQemu(
  name: string,
  args: string[],
  opts: { net?: string; mode?: string } = {},
): Promise<void> {
  requireTool("qemu-riscv64");
  const label = [name, ...args].join(" ");
  const prog = join(REPO_ROOT, BUILD, name);
  requireFile(prog);
  const qdir = await Deno.makeTempDir({ prefix: "kitemu-sys-q-" });
  const kdir = await Deno.makeTempDir({ prefix: "kitemu-sys-k-" });
  try {
    await fixture(qdir);
    await fixture(kdir);
    const expected = applyDeviations(
      name,
      await runQemu("riscv64", [prog, ...args], { cwd: qdir, env: ENV }),
    );
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

for (const name of programs()) {
  if (SEPARATE.has(name)) continue;
  for (const args of RUNS[name] ?? [[]]) {
    const label = [name, ...args].join(" ");
    Deno.test(`syscalls: ${label} matches qemu-riscv64`, () => compareWithQemu(name, args));
    if (INTERP_TOO.has(name)) {
      Deno.test(
        `syscalls: ${label} matches qemu-riscv64 (--mode=interp)`,
        () => compareWithQemu(name, args, { mode: "interp" }),
      );
    }
  }
}

Deno.test("syscalls: --timeout ends a guest blocked in sigsuspend with status 124", async () => {
  const prog = join(REPO_ROOT, BUILD, "exitsig");
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
});

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

Deno.test("syscalls: net over 127.0.0.1 with --allow-net=127.0.0.1:PORT matches qemu", async () => {
  const port = freePort("127.0.0.1");
  await compareWithQemu("net", [String(port)], { net: `127.0.0.1:${port}` });
});

Deno.test({
  name: "syscalls: net over [::1] with --allow-net=[::1]:PORT matches qemu",
  ignore: !ipv6Loopback(),
  fn: async () => {
    const port = freePort("::1");
    await compareWithQemu("net", [String(port), "6"], { net: `[::1]:${port}` });
  },
});

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
  const [what, grant] of [
    ["without --allow-net", undefined],
    ["with a grant for another port", "other"],
    ["with a grant for another address", "127.0.0.2"],
  ] as const
) {
  Deno.test(`syscalls: net ${what} gets EACCES from bind and connect`, async () => {
    const prog = join(REPO_ROOT, BUILD, "net");
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
