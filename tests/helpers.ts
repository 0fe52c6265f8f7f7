/**
 * Shared helpers for kitemu's test suites and benchmarks: spawning kitemu, qemu-user and
 * native programs with a timeout, locating the test data, and comparing runs.
 *
 * Expected results are always computed at test time (qemu, native runs), never stored.
 * @module
 */

import { fileURLToPath } from "node:url";
import { delimiter, join, relative } from "node:path";

/** Absolute path of the repository root (the directory holding `cli.ts`). */
export const REPO_ROOT: string = fileURLToPath(new URL("..", import.meta.url)).replace(
  /\/$/,
  "",
);

/** Absolute path of kitemu's command-line entry point. */
export const CLI_PATH: string = join(REPO_ROOT, "cli.ts");

/** The deno binary running the tests; kitemu is started with the same one. */
export const DENO: string = Deno.execPath();

/** Absolute path of `testdata/`. */
export const TESTDATA: string = join(REPO_ROOT, "testdata");

/** What to tell the user when a tool or a build artifact is missing. */
export const SETUP_HINT: string = "run `deno task setup` (bash tests/setup.sh)";

/** Default time limit for one child process, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** Instruction-set names, as kitemu and qemu-user spell them. */
export type Arch = "riscv64" | "aarch64" | "x86_64";

/** kitemu's execution modes. */
export type KitemuMode = "jit" | "interp";

/** The outcome of one child process. */
export interface RunResult {
  /** Exit status; 128 + signal number when the process died of a signal. */
  code: number;
  /** Name of the signal that ended the process, or null. */
  signal: string | null;
  /** Everything the process wrote to standard output. */
  stdout: Uint8Array;
  /** Everything the process wrote to standard error. */
  stderr: Uint8Array;
  /** Wall-clock time from spawn to exit, in milliseconds. */
  ms: number;
  /** The command line, for messages. */
  command: string;
}

/** Options shared by every runner. */
export interface RunOptions {
  /** The guest's (or child's) complete environment; nothing is inherited. Default: empty. */
  env?: Record<string, string>;
  /** Bytes fed to standard input; without it the child reads end-of-file at once. */
  stdin?: Uint8Array;
  /** Kill the child after this many milliseconds and throw. Default 120 s. */
  timeoutMs?: number;
  /** Working directory. Default: the repository root. */
  cwd?: string;
}

/** Options for {@linkcode runKitemu}. */
export interface KitemuOptions extends RunOptions {
  /** `--mode=`: JIT or interpreter. Default: kitemu's own default. */
  mode?: KitemuMode;
  /** Host paths the guest may read (`--allow-read`); the program itself is always added. */
  read?: string[];
  /** Host paths the guest may write (`--allow-write`). */
  write?: string[];
  /** `--trace=` value, e.g. "syscall". */
  trace?: string;
  /** `--max-memory=` value, e.g. "256M". */
  maxMemory?: string;
  /** `--timeout=` value in seconds (kitemu's own guest time limit). */
  guestTimeout?: number;
}

/** Options for {@linkcode runQemu}. */
export interface QemuOptions extends RunOptions {
  /** Sysroot for dynamically linked guests (`-L`). */
  sysroot?: string;
}

/** Environment for the deno process that runs kitemu (not the guest's). */
function denoProcessEnv(): Record<string, string> {
  const env: Record<string, string> = {
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
  };
  for (const key of ["HOME", "PATH", "DENO_DIR", "TMPDIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(key);
    if (value !== undefined) env[key] = value;
  }
  return env;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * Spawns a process, feeds its standard input, collects its output and kills it when the time
 * limit passes (then throws: a timeout is always a failure).
 *
 * @example
 * ```ts
 * const r = await spawnProcess("true", [], { env: {} }, false);
 * ```
 */
export async function spawnProcess(
  cmd: string,
  args: string[],
  opts: RunOptions,
  inheritEnv: boolean,
): Promise<RunResult> {
  const command = [cmd, ...args].map(quote).join(" ");
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const start = performance.now();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(cmd, {
      args,
      cwd: opts.cwd ?? REPO_ROOT,
      env: opts.env ?? {},
      clearEnv: !inheritEnv,
      stdin: opts.stdin ? "piped" : "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (e) {
    throw new Error(`Cannot start ${cmd}: ${(e as Error).message}; ${SETUP_HINT}`);
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }, timeoutMs);
  const feeding = (async () => {
    if (!opts.stdin) return;
    const writer = child.stdin.getWriter();
    try {
      await writer.write(opts.stdin);
      await writer.close();
    } catch {
      // The child exited without reading all of its input: not an error in itself.
    }
  })();
  try {
    const out = await child.output();
    await feeding;
    if (timedOut) {
      throw new Error(`Timed out after ${timeoutMs} ms: ${command}`);
    }
    return {
      code: out.code,
      signal: out.signal,
      stdout: out.stdout,
      stderr: out.stderr,
      ms: performance.now() - start,
      command,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a guest under kitemu: `deno run --no-prompt --allow-read=… cli.ts [options] PROG ARGS`.
 * The guest's environment is exactly `opts.env` (passed as `--env K=V`).
 *
 * @example
 * ```ts
 * const r = await runKitemu(["testdata/freestanding/hello.riscv64"], { mode: "jit" });
 * console.log(r.code, new TextDecoder().decode(r.stdout));
 * ```
 */
export function runKitemu(args: string[], opts: KitemuOptions = {}): Promise<RunResult> {
  if (args.length === 0) throw new TypeError("runKitemu needs a program");
  const read = [args[0], ...(opts.read ?? [])];
  const denoArgs = ["run", "--no-prompt", `--allow-read=${read.join(",")}`];
  if (opts.write && opts.write.length > 0) denoArgs.push(`--allow-write=${opts.write.join(",")}`);
  denoArgs.push(CLI_PATH);
  if (opts.mode) denoArgs.push(`--mode=${opts.mode}`);
  if (opts.trace) denoArgs.push(`--trace=${opts.trace}`);
  if (opts.maxMemory) denoArgs.push(`--max-memory=${opts.maxMemory}`);
  if (opts.guestTimeout !== undefined) denoArgs.push(`--timeout=${opts.guestTimeout}`);
  for (const [key, value] of Object.entries(opts.env ?? {})) {
    denoArgs.push("--env", `${key}=${value}`);
  }
  denoArgs.push(...args);
  return spawnProcess(DENO, denoArgs, { ...opts, env: denoProcessEnv() }, false);
}

/** The qemu-user binary for an ISA. */
export function qemuBinary(arch: Arch): string {
  return `qemu-${arch}`;
}

/**
 * Runs a guest under qemu-user, the reference. The guest's environment is exactly
 * `opts.env`. AArch64 runs with `-cpu max,pauth=off` (the same as `QEMU_CPU=max,pauth=off`,
 * but without putting QEMU_CPU into the guest's environment): qemu 7.2 emulates pointer
 * authentication very slowly.
 *
 * @example
 * ```ts
 * const r = await runQemu("riscv64", ["testdata/freestanding/exit7.riscv64"]);
 * // r.code === 7
 * ```
 */
export function runQemu(arch: Arch, args: string[], opts: QemuOptions = {}): Promise<RunResult> {
  if (args.length === 0) throw new TypeError("runQemu needs a program");
  const qemuArgs: string[] = [];
  if (arch === "aarch64") qemuArgs.push("-cpu", "max,pauth=off");
  if (opts.sysroot) qemuArgs.push("-L", opts.sysroot);
  // qemu-user 7.2 builds the guest's envp with an envlist that prepends each variable, so
  // the guest sees its environment reversed. A kernel keeps the order (`env -i A=1 B=2 env`
  // natively prints A then B), and so does kitemu: hand qemu the list reversed, so that its
  // guest sees what a kernel would give.
  const reversed = Object.fromEntries(Object.entries(opts.env ?? {}).reverse());
  return spawnInOrderedEnv(qemuBinary(arch), [...qemuArgs, ...args], { ...opts, env: reversed });
}

/**
 * Spawns `cmd` through `env -i K=V…`, so the program sees exactly `opts.env`, in insertion order.
 * (Deno.Command passes its `env` through a hash map, whose order is unspecified; kitemu gives
 * the guest its `--env` variables in command-line order, as `env -i` does.)
 */
function spawnInOrderedEnv(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const pairs = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
  return spawnProcess("env", ["-i", ...pairs, cmd, ...args], { ...opts, env: {} }, false);
}

/**
 * Runs a host program directly, with exactly `opts.env` as its environment.
 *
 * @example
 * ```ts
 * const r = await runNative(["testdata/build/x86_64-musl/exit42"]);
 * ```
 */
export function runNative(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  if (args.length === 0) throw new TypeError("runNative needs a program");
  return spawnInOrderedEnv(args[0], args.slice(1), opts);
}

/**
 * Whether an executable named `name` is on the PATH (or `name` is a path to one).
 *
 * @example
 * ```ts
 * if (!hasTool("qemu-riscv64")) throw new Error("Missing qemu-riscv64");
 * ```
 */
export function hasTool(name: string): boolean {
  const candidates = name.includes("/")
    ? [name]
    : (Deno.env.get("PATH") ?? "").split(delimiter).filter((d) => d).map((d) => join(d, name));
  for (const path of candidates) {
    try {
      const st = Deno.statSync(path);
      if (st.isFile && st.mode !== null && (st.mode & 0o111) !== 0) return true;
    } catch {
      // Not there.
    }
  }
  return false;
}

/** Throws, with the setup hint, unless the tool is on the PATH. */
export function requireTool(name: string): void {
  if (!hasTool(name)) throw new Error(`Missing tool ${name}: ${SETUP_HINT}`);
}

/** Whether a file exists (relative paths are taken from the repository root). */
export function fileExists(path: string): boolean {
  try {
    return Deno.statSync(path.startsWith("/") ? path : join(REPO_ROOT, path)).isFile;
  } catch {
    return false;
  }
}

/** Throws, with the setup hint, unless the file exists (relative to the repository root). */
export function requireFile(path: string): void {
  if (!fileExists(path)) throw new Error(`Missing ${path}: ${SETUP_HINT}`);
}

/** Throws unless kitemu's `cli.ts` exists. */
export function requireCli(): void {
  if (!fileExists(CLI_PATH)) throw new Error(`Missing ${relative(REPO_ROOT, CLI_PATH)}`);
}

/** Path (relative to the repository root) of Debian's busybox-static for an ISA. */
export function busyboxPath(arch: Arch): string {
  return `testdata/build/busybox/${arch}/busybox`;
}

/** Reads a file relative to the repository root. */
export function readRepoFile(path: string): Uint8Array {
  return Deno.readFileSync(path.startsWith("/") ? path : join(REPO_ROOT, path));
}

const decoder = new TextDecoder();

/** Decodes bytes as UTF-8 (lossy), for messages and text comparisons. */
export function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Whether two byte arrays are identical. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorts the lines of a text (for outputs whose order is not defined, like `find`). */
export function sortLines(bytes: Uint8Array): Uint8Array {
  const lines = text(bytes).split("\n");
  const last = lines.pop();
  lines.sort();
  if (last !== undefined && last !== "") lines.push(last);
  return new TextEncoder().encode(lines.join("\n") + (last === "" ? "\n" : ""));
}

function shorten(s: string, max = 2000): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}

/** Describes where two outputs first differ: line number, both lines and the lengths. */
export function describeDifference(expected: Uint8Array, actual: Uint8Array): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const e = text(expected), a = text(actual);
  const line = text(expected.subarray(0, i)).split("\n").length;
  const el = e.split("\n")[line - 1] ?? "";
  const al = a.split("\n")[line - 1] ?? "";
  return `first difference at byte ${i} (line ${line}; expected ${expected.length} bytes, ` +
    `got ${actual.length})\n  expected line: ${JSON.stringify(shorten(el, 300))}\n` +
    `  actual line:   ${JSON.stringify(shorten(al, 300))}`;
}

/** What {@linkcode compareRuns} checks besides the exit status. */
export interface CompareOptions {
  /** Also require identical standard error. */
  stderr?: boolean;
  /** Compare standard output as a sorted list of lines. */
  sortLines?: boolean;
}

/**
 * Compares a run with the reference run: exit status and standard output (and standard
 * error on request). Returns a list of problems, empty when they agree.
 *
 * @example
 * ```ts
 * const problems = compareRuns("jit", reference, actual);
 * if (problems.length) throw new Error(problems.join("\n"));
 * ```
 */
export function compareRuns(
  label: string,
  expected: RunResult,
  actual: RunResult,
  opts: CompareOptions = {},
): string[] {
  const problems: string[] = [];
  if (expected.code !== actual.code) {
    problems.push(`${label}: exit status ${actual.code}, expected ${expected.code}`);
  }
  const es = opts.sortLines ? sortLines(expected.stdout) : expected.stdout;
  const as = opts.sortLines ? sortLines(actual.stdout) : actual.stdout;
  if (!bytesEqual(es, as)) {
    problems.push(`${label}: stdout differs: ${describeDifference(es, as)}`);
  }
  if (opts.stderr && !bytesEqual(expected.stderr, actual.stderr)) {
    problems.push(
      `${label}: stderr differs: ${describeDifference(expected.stderr, actual.stderr)}`,
    );
  }
  if (problems.length > 0) {
    problems.push(`${label}: command: ${actual.command}`);
    const err = text(actual.stderr).trim();
    if (err) problems.push(`${label}: its stderr: ${shorten(err, 1500)}`);
  }
  return problems;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order.
 *
 * @example
 * ```ts
 * const results = await pool(2, ["a", "b", "c"], async (x) => x.toUpperCase());
 * ```
 */
export async function pool<T, R>(
  limit: number,
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}
