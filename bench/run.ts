/**
 * kitemu's benchmark runner (`deno task bench`, or `deno run -A bench/run.ts [--quick]`).
 *
 * Runs each workload under kitemu (`--mode=jit`) and under qemu-user in the same run, for each
 * ISA (busybox riscv64, aarch64 and x86_64; on x86-64 also natively),
 * keeps the best of 3 wall-clock times (1 when a run takes longer than 30 s), checks that
 * both print the same output, prints a Markdown table and adds it, with the date and the
 * machine, at the top of `bench/results.md`.
 *
 * Options:
 *   --quick        smaller inputs (for a smoke run)
 *   --only=a,b     run only the named workloads
 *   --no-write     do not touch bench/results.md
 *   --mode=M       kitemu mode (default jit)
 *   --isa=a,b      ISAs to measure (default riscv64,aarch64,x86_64)
 * @module
 */

import { join } from "node:path";
import type { Arch } from "../src/loader/image.ts";
import {
  busyboxPath,
  bytesEqual,
  DENO,
  fileExists,
  hasTool,
  REPO_ROOT,
  runKitemu,
  runNative,
  runQemu,
  type RunResult,
  SETUP_HINT,
  spawnProcess,
  text,
} from "../tests/helpers.ts";

const OUT_DIR = "bench/out";
const HELLO = "testdata/freestanding/hello.riscv64";
const LOOP = "testdata/freestanding/loop.riscv64";
/** Instructions per iteration of loop.riscv64's inner loop (see testdata/freestanding/loop.c). */
const LOOP_INSNS_PER_ITERATION = 5;
const SLOW_RUN_MS = 30_000;
const RUN_TIMEOUT_MS = 1_800_000;

interface Sizes {
  shaBytes: number;
  gzipBytes: number;
  awkIterations: number;
  sortLines: number;
  loopIterations: number;
}

const FULL: Sizes = {
  shaBytes: 16 << 20,
  gzipBytes: 8 << 20,
  awkIterations: 1_000_000,
  sortLines: 4_000,
  loopIterations: 100_000_000,
};

const QUICK: Sizes = {
  shaBytes: 1 << 20,
  gzipBytes: 512 << 10,
  awkIterations: 100_000,
  sortLines: 1_000,
  loopIterations: 10_000_000,
};

/** One benchmark: a guest command line and the host paths it reads. */
interface Workload {
  name: string;
  args: string[];
  read: string[];
  /** Guest instructions executed, when known exactly (for a MIPS figure). */
  instructions?: number;
}

interface Timing {
  bestMs: number;
  runs: number;
  result: RunResult;
}

interface Row {
  workload: Workload;
  kitemu: Timing | string;
  qemu: Timing | string;
  /** The same program run natively (x86-64 guests on this x86-64 host), else null. */
  native: Timing | string | null;
  note: string;
}

// ---------------------------------------------------------------------------
// Deterministic inputs
// ---------------------------------------------------------------------------

/** xorshift128 (Marsaglia), 32-bit: the source of every generated input. */
class Rng {
  #x: number;
  #y = 362436069;
  #z = 521288629;
  #w = 88675123;
  constructor(seed: number) {
    this.#x = (123456789 ^ seed) >>> 0;
  }
  /** Next 32 random bits, as an unsigned number. */
  next32(): number {
    const t = (this.#x ^ (this.#x << 11)) >>> 0;
    this.#x = this.#y;
    this.#y = this.#z;
    this.#z = this.#w;
    this.#w = (this.#w ^ (this.#w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return this.#w;
  }
}

function writeIfChanged(path: string, data: Uint8Array): void {
  const full = join(REPO_ROOT, path);
  try {
    const old = Deno.readFileSync(full);
    if (bytesEqual(old, data)) return;
  } catch {
    // Absent.
  }
  Deno.writeFileSync(full, data);
}

function randomBytes(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const out = new Uint8Array(n);
  const words = new Uint32Array(out.buffer, 0, n >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = rng.next32();
  for (let i = words.length * 4; i < n; i++) out[i] = rng.next32() & 0xff;
  return out;
}

const VOCABULARY = (
  "the of and to in is was for on that with as by at from his her it an be this which or " +
  "kite emulator guest host block trap register memory page syscall decode lift compile " +
  "alpha beta gamma delta riscv aarch64 x86 instruction branch load store fence atomic " +
  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
).split(" ");

function textBytes(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < n) {
    const words = 4 + (rng.next32() % 12);
    const line: string[] = [];
    for (let i = 0; i < words; i++) {
      const r = rng.next32();
      line.push(r % 9 === 0 ? String(r % 100000) : VOCABULARY[r % VOCABULARY.length]);
    }
    const s = line.join(" ") + "\n";
    parts.push(s);
    size += s.length;
  }
  return new TextEncoder().encode(parts.join("")).subarray(0, n);
}

function sortInput(lines: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const a = VOCABULARY[rng.next32() % VOCABULARY.length];
    const b = VOCABULARY[rng.next32() % VOCABULARY.length];
    out.push(`${a}-${rng.next32() % 1000} ${b} ${rng.next32() % 100000}`);
  }
  return new TextEncoder().encode(out.join("\n") + "\n");
}

function prepareInputs(sizes: Sizes, quick: boolean): Record<string, string> {
  Deno.mkdirSync(join(REPO_ROOT, OUT_DIR), { recursive: true });
  const tag = quick ? "quick" : "full";
  const files = {
    sha: `${OUT_DIR}/random_${tag}.bin`,
    gzip: `${OUT_DIR}/text_${tag}.txt`,
    sort: `${OUT_DIR}/lines_${tag}.txt`,
  };
  writeIfChanged(files.sha, randomBytes(sizes.shaBytes, 1));
  writeIfChanged(files.gzip, textBytes(sizes.gzipBytes, 2));
  writeIfChanged(files.sort, sortInput(sizes.sortLines, 3));
  return files;
}

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

function workloads(isa: Arch, sizes: Sizes, files: Record<string, string>): Workload[] {
  const mib = (n: number) => n >= 1 << 20 ? `${n / (1 << 20)} MiB` : `${n / 1024} KiB`;
  const BUSYBOX = busyboxPath(isa);
  // The freestanding programs are RISC-V only.
  const freestanding: Workload[] = isa !== "riscv64" ? [] : [
    { name: "hello start-up (freestanding)", args: [HELLO], read: [] },
    {
      name: `loop ${sizes.loopIterations / 1e6}M iterations (freestanding)`,
      args: [LOOP, String(sizes.loopIterations)],
      read: [],
      instructions: sizes.loopIterations * LOOP_INSNS_PER_ITERATION,
    },
  ];
  return [
    ...freestanding,
    { name: "busybox true (start-up)", args: [BUSYBOX, "true"], read: [] },
    {
      name: `sha256sum ${mib(sizes.shaBytes)}`,
      args: [BUSYBOX, "sha256sum", files.sha],
      read: [OUT_DIR],
    },
    {
      name: `gzip -c ${mib(sizes.gzipBytes)}`,
      args: [BUSYBOX, "gzip", "-c", files.gzip],
      read: [OUT_DIR],
    },
    {
      name: `awk loop ${sizes.awkIterations / 1e6}M iterations`,
      args: [
        BUSYBOX,
        "awk",
        `BEGIN{s=0;for(i=0;i<${sizes.awkIterations};i++)s+=i;print s}`,
      ],
      read: [],
    },
    { name: `sort ${sizes.sortLines} lines`, args: [BUSYBOX, "sort", files.sort], read: [OUT_DIR] },
  ];
}

async function timeRuns(run: () => Promise<RunResult>, repeats: number): Promise<Timing> {
  let best: RunResult | undefined;
  let runs = 0;
  for (let i = 0; i < repeats; i++) {
    const r = await run();
    runs++;
    if (r.code !== 0) return { bestMs: r.ms, runs, result: r };
    if (!best || r.ms < best.ms) best = r;
    if (r.ms > SLOW_RUN_MS) break;
  }
  return { bestMs: best!.ms, runs, result: best! };
}

async function measure(isa: Arch, w: Workload, mode: string): Promise<Row> {
  let qemu: Timing | string;
  let kitemu: Timing | string;
  let native: Timing | string | null = null;
  try {
    qemu = await timeRuns(() => runQemu(isa, w.args, { timeoutMs: RUN_TIMEOUT_MS }), 3);
  } catch (e) {
    qemu = `error: ${(e as Error).message}`;
  }
  if (isa === "x86_64" && Deno.build.arch === "x86_64") {
    try {
      native = await timeRuns(() => runNative(w.args, { timeoutMs: RUN_TIMEOUT_MS }), 3);
    } catch (e) {
      native = `error: ${(e as Error).message}`;
    }
  }
  try {
    kitemu = await timeRuns(
      () =>
        runKitemu(w.args, {
          mode: mode as "jit" | "interp",
          read: w.read,
          timeoutMs: RUN_TIMEOUT_MS,
        }),
      3,
    );
  } catch (e) {
    kitemu = `error: ${(e as Error).message}`;
  }
  let note = "";
  if (typeof kitemu !== "string" && kitemu.result.code !== 0) {
    const err = text(kitemu.result.stderr).split("\n").find((l) => l.trim() !== "") ?? "";
    kitemu = `exit ${kitemu.result.code}`;
    note = err.slice(0, 120);
  } else if (typeof kitemu !== "string" && typeof qemu !== "string") {
    if (!bytesEqual(kitemu.result.stdout, qemu.result.stdout)) note = "OUTPUT DIFFERS FROM QEMU";
    if (
      native && typeof native !== "string" &&
      !bytesEqual(kitemu.result.stdout, native.result.stdout)
    ) {
      note = "OUTPUT DIFFERS FROM NATIVE";
    }
  }
  return { workload: w, kitemu, qemu, native, note };
}

function seconds(t: Timing | string): string {
  return typeof t === "string" ? t.replaceAll("|", "/").slice(0, 60) : (t.bestMs / 1000).toFixed(3);
}

function mips(instructions: number, ms: number): string {
  return (instructions / (ms / 1000) / 1e6).toFixed(1);
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

async function machineInfo(): Promise<string[]> {
  const lines: string[] = [];
  let model = "unknown CPU";
  try {
    const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
    model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? model;
  } catch {
    // Not Linux.
  }
  lines.push(`- machine: ${navigator.hardwareConcurrency} cores (nproc), ${model}`);
  lines.push(`- deno ${Deno.version.deno}, V8 ${Deno.version.v8}`);
  try {
    const q = await spawnProcess("qemu-riscv64", ["--version"], {}, true); // the same package for all ISAs
    lines.push(`- ${text(q.stdout).split("\n")[0]}`);
  } catch {
    // Reported elsewhere.
  }
  for (const isa of ["riscv64", "aarch64", "x86_64"]) {
    try {
      const deb = await Deno.readTextFile(join(REPO_ROOT, `testdata/build/busybox/${isa}/DEB`));
      lines.push(`- busybox ${isa}: ${decodeURIComponent(deb.trim())}`);
    } catch {
      // Not fetched.
    }
  }
  lines.push("- qemu-aarch64 runs with `-cpu max,pauth=off` (Debian's arm64 busybox uses PAC)");
  return lines;
}

async function denoStartupMs(): Promise<number> {
  // An empty module: what every kitemu run pays before the guest starts.
  const empty = join(REPO_ROOT, OUT_DIR, "empty.ts");
  await Deno.writeTextFile(empty, "\n");
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const r = await spawnProcess(DENO, ["run", "--no-prompt", empty], {}, true);
    best = Math.min(best, r.ms);
  }
  return best;
}

function ratioOf(k: Timing | string, b: Timing | string | null): string {
  return b && typeof k !== "string" && typeof b !== "string"
    ? `${(k.bestMs / b.bestMs).toFixed(1)}x`
    : "-";
}

function table(isa: Arch, rows: Row[]): string[] {
  const withNative = rows.some((r) => r.native !== null);
  const out = withNative
    ? [
      `| ${isa} workload | kitemu s | qemu s | ratio to qemu | native s | ratio to native |`,
      "|---|---:|---:|---:|---:|---:|",
    ]
    : [`| ${isa} workload | kitemu s | qemu s | ratio to qemu |`, "|---|---:|---:|---:|"];
  for (const r of rows) {
    const k = r.kitemu, q = r.qemu;
    const runs = typeof k !== "string" && k.runs === 1 ? " (1 run)" : "";
    const cells = [
      `${r.workload.name}${r.note ? ` — ${r.note.replaceAll("|", "/")}` : ""}`,
      `${seconds(k)}${runs}`,
      seconds(q),
      ratioOf(k, q),
    ];
    if (withNative) cells.push(r.native ? seconds(r.native) : "-", ratioOf(k, r.native));
    out.push(`| ${cells.join(" | ")} |`);
  }
  return out;
}

function mipsLines(rows: Row[]): string[] {
  const hello = rows.find((r) => r.workload.args[0] === HELLO);
  const lines: string[] = [];
  for (const r of rows) {
    const n = r.workload.instructions;
    if (!n) continue;
    for (
      const [who, t, base] of [["kitemu", r.kitemu, hello?.kitemu], [
        "qemu",
        r.qemu,
        hello?.qemu,
      ]] as const
    ) {
      if (typeof t === "string") continue;
      const net = base && typeof base !== "string" ? t.bestMs - base.bestMs : NaN;
      lines.push(
        `- ${r.workload.name}, ${who}: ${n.toLocaleString("en-US")} guest instructions, ` +
          `${mips(n, t.bestMs)} MIPS overall` +
          (net > 0 ? `, ${mips(n, net)} MIPS without start-up (hello subtracted)` : ""),
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const quick = Deno.args.includes("--quick");
  const noWrite = Deno.args.includes("--no-write");
  const only = Deno.args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
  const mode = Deno.args.find((a) => a.startsWith("--mode="))?.slice(7) ?? "jit";
  const isas = (Deno.args.find((a) => a.startsWith("--isa="))?.slice(6) ?? "riscv64,aarch64,x86_64")
    .split(",") as Arch[];
  const sizes = quick ? QUICK : FULL;

  for (const isa of isas) {
    if (!hasTool(`qemu-${isa}`) || !fileExists(busyboxPath(isa))) {
      console.error(`Missing qemu-${isa} or ${busyboxPath(isa)}: ${SETUP_HINT}`);
      Deno.exit(1);
    }
  }
  const files = prepareInputs(sizes, quick);
  const tables: string[] = [];
  for (const isa of isas) {
    let list = workloads(isa, sizes, files);
    if (only) list = list.filter((w) => only.some((o) => w.name.includes(o)));
    const rows: Row[] = [];
    for (const w of list) {
      const row = await measure(isa, w, mode);
      rows.push(row);
      console.error(
        `${isa} ${w.name}: kitemu ${seconds(row.kitemu)}, qemu ${seconds(row.qemu)}` +
          (row.native ? `, native ${seconds(row.native)}` : "") + " (s)",
      );
    }
    tables.push(...table(isa, rows), "", ...mipsLines(rows), "");
  }
  const startup = await denoStartupMs();
  const stamp = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const report = [
    `## ${stamp}${quick ? " (--quick)" : ""}, kitemu --mode=${mode}`,
    "",
    ...await machineInfo(),
    `- times are wall-clock seconds of the whole process, best of 3 (1 when over ` +
    `${SLOW_RUN_MS / 1000} s); kitemu's include deno start-up, ` +
    `${(startup / 1000).toFixed(3)} s for an empty module on this machine`,
    "",
    ...tables,
  ];
  console.log(report.join("\n"));
  if (!noWrite) {
    const path = join(REPO_ROOT, "bench/results.md");
    let previous = "";
    try {
      previous = await Deno.readTextFile(path);
    } catch {
      // First run.
    }
    const header = "# kitemu benchmark results\n\nNewest first; written by `deno task bench`.\n\n";
    const body = previous.startsWith(header) ? previous.slice(header.length) : previous;
    await Deno.writeTextFile(path, header + report.join("\n") + "\n" + body);
    // Keep the file as `deno fmt` wants it (aligned tables, wrapped lines).
    await spawnProcess(DENO, ["fmt", "--quiet", path], {}, true);
    console.error(`Wrote ${path}`);
  }
}

if (import.meta.main) await main();
