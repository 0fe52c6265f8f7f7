/**
 * The kitemu command line. The only place that reads Deno.args, prints usage
 * and exits.
 * @module
 */

import { hostReadProgram } from "./src/sandbox/host.ts";
import { KitEmu, type KitEmuOptions, LoaderError, type TraceKind } from "./src/kitemu.ts";

const USAGE = `kitemu: run untrusted native programs inside Deno's sandbox

Usage:
  deno run --no-prompt [DENO PERMISSIONS] cli.ts [OPTIONS] PROG [ARGS...]

The guest may touch only what Deno's permissions grant: --allow-read for
files it reads (and PROG itself), --allow-write for files it writes,
--allow-net for sockets. A denied access fails in the guest with EACCES; kitemu
never prompts. The guest's environment is empty unless given with --env.

Options:
  --mode=jit|interp      translate regions to JS (default) or run one
                         instruction at a time through the same semantics
  --trace=LIST           comma-separated: syscall (strace-style), block
                         (translated blocks with disassembly), insn (every
                         instruction executed; implies --mode=interp), pc
  --env K=V              set a guest environment variable (repeatable)
  --max-memory=SIZE      cap guest memory, e.g. 256M, 2G (default 1G)
  --timeout=SECONDS      stop the guest after SECONDS (exit status 124)
  --max-fds=N            most open guest file descriptors (default 1024)
  --max-output=SIZE      most bytes the guest may write (EFBIG past it)
  --max-procs=N          most guest processes at once (fork: EAGAIN past it; default 256)
  --slice=N              instructions between checks for timeouts (default 1000000)
  -L DIR, --sysroot=DIR  as qemu-user: absolute paths the guest opens, and the
                         program interpreter (PT_INTERP) of a dynamically linked
                         PROG, are looked up under DIR first, then as given
                         (-L / is the host's own root); both need --allow-read
  -h, --help             show this help
  --version              show the version

Exit status: the guest's own; 128+N when it dies of signal N (139 for a
segmentation fault, 132 for an illegal instruction); 124 on timeout; 126 when
PROG cannot be loaded; 127 when PROG cannot be read.

Examples:
  deno run --no-prompt --allow-read=testdata cli.ts testdata/freestanding/hello.riscv64
  deno run --no-prompt --allow-read=. cli.ts --trace=syscall busybox cat README.md
  deno run --no-prompt --allow-read=. --allow-write=out cli.ts prog --env LANG=C -o out/x
  deno run --no-prompt --allow-read=. cli.ts --mode=interp --trace=insn prog
  deno run --no-prompt --allow-read=/usr/bin/ls,/lib/x86_64-linux-gnu,/etc/ld.so.cache,. \
    cli.ts -L / /usr/bin/ls -l
`;

const VALUE_OPTS = new Set([
  "mode",
  "trace",
  "env",
  "max-memory",
  "timeout",
  "max-fds",
  "max-output",
  "max-procs",
  "slice",
  "L",
  "sysroot",
]);

/** Split kitemu's own options from PROG and its arguments. */
function splitArgs(args: string[]): { own: string[]; rest: string[] } {
  const own: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    own.push(a);
    const name = a.replace(/^--?/, "");
    if (VALUE_OPTS.has(name) && i + 1 < args.length) own.push(args[++i]);
  }
  return { own, rest: args.slice(i) };
}

/** kitemu's own options, parsed. */
interface Values {
  mode?: string;
  trace?: string[];
  env?: string[];
  "max-memory"?: string;
  timeout?: string;
  "max-fds"?: string;
  "max-output"?: string;
  "max-procs"?: string;
  slice?: string;
  sysroot?: string;
  help?: boolean;
  version?: boolean;
}

/** Options that may be given more than once (each value is kept). */
const MULTI_OPTS = new Set(["trace", "env"]);
/** Short option letters and the long option each stands for. */
const SHORT_OPTS: Record<string, string> = { L: "sysroot", h: "help" };

/**
 * Parse kitemu's own options (`--name=value`, `--name value`, `-L dir`,
 * `-Ldir`, `-h`). Hand-written rather than node:util's parseArgs: importing
 * node:util costs 30-50 ms of every start-up (Deno loads its Node layer).
 */
function parseOwn(own: string[]): Values {
  const values: Record<string, string | string[] | boolean> = {};
  for (let i = 0; i < own.length; i++) {
    const a = own[i];
    let name: string;
    let value: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) value = a.slice(eq + 1);
    } else {
      const long = SHORT_OPTS[a[1]];
      if (long === undefined) throw new TypeError(`Unknown option '${a}'`);
      name = long;
      if (a.length > 2) value = a.slice(2);
    }
    if (name === "help" || name === "version") {
      if (value !== undefined) throw new TypeError(`Option '--${name}' does not take a value`);
      values[name] = true;
      continue;
    }
    if (!VALUE_OPTS.has(name) || name === "L") throw new TypeError(`Unknown option '${a}'`);
    if (value === undefined) {
      if (i + 1 >= own.length) throw new TypeError(`Option '--${name} <value>' argument missing`);
      value = own[++i];
    }
    if (MULTI_OPTS.has(name)) ((values[name] ??= []) as string[]).push(value);
    else values[name] = value;
  }
  return values as Values;
}

function parseSize(s: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgGtT]?)[bB]?$/.exec(s.trim());
  if (!m) throw new TypeError(`Invalid ${what}: ${JSON.stringify(s)}`);
  const mult = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30, t: 2 ** 40 }[m[2].toLowerCase()]!;
  return Math.floor(Number(m[1]) * mult);
}

function parseCount(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) throw new TypeError(`Invalid ${what}: ${JSON.stringify(s)}`);
  return n;
}

function fail(message: string, status: number): never {
  console.error(`kitemu: ${message}`);
  Deno.exit(status);
}

async function main(): Promise<void> {
  const { own, rest } = splitArgs(Deno.args);
  let values: Values;
  try {
    values = parseOwn(own);
  } catch (e) {
    fail(`${(e as Error).message}\nTry 'cli.ts --help' for more information.`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.version) {
    console.log("kitemu 0.1.0");
    return;
  }
  if (rest.length === 0) fail("missing PROG\nTry 'cli.ts --help' for more information.", 2);

  const opts: KitEmuOptions = {};
  try {
    if (values.mode !== undefined) {
      if (values.mode !== "jit" && values.mode !== "interp") {
        throw new TypeError(`Invalid mode: ${JSON.stringify(values.mode)} (jit or interp)`);
      }
      opts.mode = values.mode;
    }
    if (values.trace) {
      const kinds = values.trace.flatMap((t) => t.split(",")).filter((t) => t);
      for (const k of kinds) {
        if (!["syscall", "block", "insn", "pc"].includes(k)) {
          throw new TypeError(`Invalid trace kind: ${JSON.stringify(k)}`);
        }
      }
      opts.trace = kinds as TraceKind[];
    }
    if (values.env) {
      for (const kv of values.env) {
        if (!kv.includes("=")) throw new TypeError(`Invalid --env: ${JSON.stringify(kv)} (K=V)`);
      }
      opts.env = values.env;
    }
    if (values["max-memory"]) opts.maxMemory = parseSize(values["max-memory"], "--max-memory");
    if (values.timeout) opts.timeout = parseCount(values.timeout, "--timeout");
    if (values["max-fds"]) opts.maxFds = parseCount(values["max-fds"], "--max-fds");
    if (values["max-output"]) opts.maxOutput = parseSize(values["max-output"], "--max-output");
    if (values["max-procs"]) opts.maxProcs = parseCount(values["max-procs"], "--max-procs");
    if (values.slice) opts.sliceInsns = parseCount(values.slice, "--slice");
    if (values.sysroot !== undefined) {
      if (values.sysroot === "") throw new TypeError("Invalid --sysroot: empty");
      opts.sysroot = values.sysroot;
    }
  } catch (e) {
    fail((e as Error).message, 2);
  }

  const prog = rest[0];
  const perm = Deno.permissions.querySync({ name: "read", path: prog });
  if (perm.state !== "granted") {
    fail(`cannot read ${prog}: permission denied (grant it with --allow-read)`, 127);
  }
  let bytes: Uint8Array;
  try {
    bytes = hostReadProgram(prog);
  } catch (e) {
    fail(`cannot read ${prog}: ${(e as Error).message}`, 127);
  }
  opts.argv = rest;
  opts.programPath = prog;

  let emu: KitEmu;
  try {
    emu = await KitEmu.load(bytes, opts);
  } catch (e) {
    if (e instanceof LoaderError) {
      const where = e.offset >= 0 ? ` (offset 0x${e.offset.toString(16)}, field ${e.field})` : "";
      fail(`${prog}: ${e.message}${where}`, 126);
    }
    throw e;
  }
  const status = await emu.run();
  const t = emu.termination;
  if (t?.message) console.error(`kitemu: ${t.message}`);
  emu.dispose();
  Deno.exit(status);
}

if (import.meta.main) await main();
