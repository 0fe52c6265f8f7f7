/**
 * A deterministic mutation fuzzer for the executable loader.
 *
 * Every mutated input must end either in a valid {@link Image} (checked
 * against the Image invariants) or in a {@link LoaderError}, within a time
 * limit. Anything else (another exception, an invalid image, a slow parse) is
 * a failure.
 *
 * Run it: `deno run tests/loader/fuzz.ts [--iterations N] [--seed S] [--file PATH]...`
 * (with `--allow-read=testdata`, ELF files under testdata/build are added as seeds).
 * @module
 */

import { loadImage } from "../../src/loader/detect.ts";
import { LoaderError } from "../../src/loader/errors.ts";
import type { Image } from "../../src/loader/image.ts";
import { buildElf, EH, EM, PF, PH, PHDR_SIZE, PT, writeElf } from "./elf_builder.ts";
import { buildMacho } from "../darwin/macho_builder.ts";
import { peSeeds } from "../windows/pe_builder.ts";
import { makeFat } from "../../testdata/darwin/tools/mkfat.ts";

/** One input that did not end in an Image or a LoaderError in time. */
export interface FuzzFailure {
  /** Iteration number (0-based). */
  iteration: number;
  /** Which seed was mutated. */
  seedIndex: number;
  /** The mutations applied, in order, human-readable. */
  mutations: string[];
  /** "exception": not a LoaderError; "invalid-image": broke an Image invariant; "slow": over the time limit. */
  kind: "exception" | "invalid-image" | "slow";
  /** What went wrong. */
  message: string;
  /** How long the load took. */
  elapsedMs: number;
  /** The mutated input. */
  input: Uint8Array;
}

/** What a {@link fuzz} run found. */
export interface FuzzReport {
  /** Iterations run. */
  iterations: number;
  /** The PRNG seed. */
  seed: number;
  /** Inputs that loaded into a valid Image. */
  images: number;
  /** Inputs rejected with a LoaderError. */
  loaderErrors: number;
  /** How often each LoaderError `field` was reported (a rough coverage measure). */
  errorFields: Record<string, number>;
  /** Number of failures (may exceed `failures.length`, which is capped). */
  failureCount: number;
  /** The first failures. */
  failures: FuzzFailure[];
  /** Slowest single load, in milliseconds. */
  slowestMs: number;
  /** Whole run, in milliseconds. */
  elapsedMs: number;
}

/** Knobs for {@link fuzz}; the defaults are what the tests use. */
export interface FuzzOptions {
  /** The loader under test; {@link loadImage} by default. */
  load?: (bytes: Uint8Array) => unknown;
  /** A load slower than this is a failure (default 100 ms). */
  timeLimitMs?: number;
  /** Keep at most this many failures in the report (default 20). */
  maxFailures?: number;
  /** Apply 1..maxMutations mutations per input (default 4). */
  maxMutations?: number;
}

/** A small deterministic PRNG: a Weyl sequence through a 32-bit mixing function. */
export class Rng {
  #state: number;

  /** @param seed Any integer. */
  constructor(seed: number) {
    this.#state = seed | 0;
  }

  /** The next uniformly distributed u32. */
  u32(): number {
    this.#state = (this.#state + 0x9e3779b9) | 0;
    let z = this.#state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A uniform integer in [0, n) for n ≤ 2^32. */
  below(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 0x100000000) * n);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  /** A uniform u64. */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}

const U64_MAX = (1n << 64n) - 1n;

/** Fields the fuzzer targets: [name, offset within the header, width in bytes]. */
const EHDR_FIELDS: readonly [string, number, number][] = [
  ["EI_CLASS", EH.EI_CLASS, 1],
  ["EI_DATA", EH.EI_DATA, 1],
  ["EI_VERSION", EH.EI_VERSION, 1],
  ["e_type", EH.e_type, 2],
  ["e_machine", EH.e_machine, 2],
  ["e_entry", EH.e_entry, 8],
  ["e_phoff", EH.e_phoff, 8],
  ["e_flags", EH.e_flags, 4],
  ["e_phentsize", EH.e_phentsize, 2],
  ["e_phnum", EH.e_phnum, 2],
];
const PHDR_FIELDS: readonly [string, number, number][] = [
  ["p_type", PH.p_type, 4],
  ["p_flags", PH.p_flags, 4],
  ["p_offset", PH.p_offset, 8],
  ["p_vaddr", PH.p_vaddr, 8],
  ["p_filesz", PH.p_filesz, 8],
  ["p_memsz", PH.p_memsz, 8],
  ["p_align", PH.p_align, 8],
];
/** The fields the brief singles out get picked more often. */
const HOT_FIELDS = new Set([
  "e_phoff",
  "e_phnum",
  "e_phentsize",
  "e_entry",
  "p_offset",
  "p_filesz",
  "p_memsz",
  "p_vaddr",
]);

const INTERESTING_U8 = [0, 1, 2, 3, 0x38, 0x40, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_U16 = [
  0,
  1,
  2,
  3,
  55,
  56,
  57,
  64,
  0xff,
  0x100,
  4096,
  4097,
  0x7fff,
  0x8000,
  0xffff,
];
const INTERESTING_U32 = [
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  PT.TLS,
  PT.GNU_STACK,
  0x7fffffff,
  0x80000000,
  0xffffffff,
];
const INTERESTING_U64 = [
  0n,
  1n,
  7n,
  8n,
  0xfffn,
  0x1000n,
  0x1001n,
  0x10000n,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  1n << 32n,
  (1n << 32n) + 1n,
  (1n << 48n) - 1n,
  (1n << 48n) - 0x1000n,
  1n << 48n,
  (1n << 53n) - 1n,
  1n << 53n,
  (1n << 53n) + 1n,
  1n << 63n,
  U64_MAX - 0xfffn,
  U64_MAX - 0x37n,
  U64_MAX,
];

/** A buffer being mutated; truncation and extension replace `bytes`. */
interface Work {
  bytes: Uint8Array;
}

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function readField(b: Uint8Array, off: number, width: number): bigint {
  const v = dv(b);
  switch (width) {
    case 1:
      return BigInt(b[off]);
    case 2:
      return BigInt(v.getUint16(off, true));
    case 4:
      return BigInt(v.getUint32(off, true));
    default:
      return v.getBigUint64(off, true);
  }
}

function writeField(b: Uint8Array, off: number, width: number, value: bigint): void {
  const v = dv(b);
  const x = BigInt.asUintN(width * 8, value);
  switch (width) {
    case 1:
      b[off] = Number(x);
      break;
    case 2:
      v.setUint16(off, Number(x), true);
      break;
    case 4:
      v.setUint32(off, Number(x), true);
      break;
    default:
      v.setBigUint64(off, x, true);
  }
}

/** Where the program headers of a (possibly already mutated) input are, clamped to sanity. */
function phdrLayout(b: Uint8Array): { phoff: number; phentsize: number; phnum: number } {
  if (b.length < 64) return { phoff: 64, phentsize: PHDR_SIZE, phnum: 0 };
  const v = dv(b);
  const phoff = v.getBigUint64(EH.e_phoff, true);
  const phentsize = v.getUint16(EH.e_phentsize, true);
  const phnum = v.getUint16(EH.e_phnum, true);
  const sane = phoff < BigInt(b.length) && phentsize >= PHDR_SIZE && phentsize <= 256;
  return sane
    ? { phoff: Number(phoff), phentsize, phnum: Math.min(phnum, 64) }
    : { phoff: 64, phentsize: PHDR_SIZE, phnum: Math.max(1, Math.min(phnum, 8)) };
}

/** Picks a header field that lies inside the buffer: [description, offset, width]. */
function pickField(rng: Rng, b: Uint8Array): [string, number, number] | null {
  const { phoff, phentsize, phnum } = phdrLayout(b);
  for (let tries = 0; tries < 8; tries++) {
    const usePhdr = phnum > 0 && rng.below(3) !== 0;
    let name: string, off: number, width: number;
    if (usePhdr) {
      const i = rng.below(phnum);
      const [fname, foff, fwidth] = rng.pick(PHDR_FIELDS);
      name = `phdr[${i}].${fname}`;
      off = phoff + i * phentsize + foff;
      width = fwidth;
      if (!HOT_FIELDS.has(fname) && rng.below(2) === 0) continue; // favor the hot ones
    } else {
      const [fname, foff, fwidth] = rng.pick(EHDR_FIELDS);
      name = fname;
      off = foff;
      width = fwidth;
      if (!HOT_FIELDS.has(fname) && rng.below(2) === 0) continue;
    }
    if (off + width <= b.length) return [name, off, width];
  }
  return null;
}

/** A value for a field: interesting constants, values related to the file, or nearby values. */
function interestingValue(rng: Rng, b: Uint8Array, width: number, current: bigint): bigint {
  const size = BigInt(b.length);
  switch (rng.below(width === 8 ? 6 : 4)) {
    case 0:
      if (width === 1) return BigInt(rng.pick(INTERESTING_U8));
      if (width === 2) return BigInt(rng.pick(INTERESTING_U16));
      if (width === 4) return BigInt(rng.pick(INTERESTING_U32));
      return rng.pick(INTERESTING_U64);
    case 1: {
      // Nearby: current ± a small delta, or ± a page.
      const delta = BigInt(rng.pick([1, 2, 4, 7, 8, 16, 56, 0x100, 0x1000]));
      return rng.below(2) === 0 ? current + delta : current - delta;
    }
    case 2:
      // Random bits of the field's width.
      return BigInt.asUintN(width * 8, rng.u64());
    case 3:
      return current ^ (1n << BigInt(rng.below(width * 8)));
    case 4:
      // Relative to the file size.
      return size + BigInt(rng.below(3)) - 1n;
    default:
      // The negation of the file size or of the current value: sums with it wrap.
      return rng.below(2) === 0 ? U64_MAX - size + 1n : (U64_MAX - current) + 1n;
  }
}

type Mutator = (rng: Rng, w: Work) => string;

const bitFlip: Mutator = (rng, w) => {
  if (w.bytes.length === 0) return "bitflip (empty)";
  // Mostly in the headers, where the parser looks.
  const { phoff, phentsize, phnum } = phdrLayout(w.bytes);
  const hdrEnd = Math.min(w.bytes.length, Math.max(64, phoff + phentsize * phnum));
  const pos = rng.below(3) !== 0 ? rng.below(hdrEnd) : rng.below(w.bytes.length);
  const bit = rng.below(8);
  w.bytes[pos] ^= 1 << bit;
  return `bitflip @${pos} bit ${bit}`;
};

const byteSet: Mutator = (rng, w) => {
  if (w.bytes.length === 0) return "byteset (empty)";
  const pos = rng.below(Math.min(w.bytes.length, rng.below(2) === 0 ? 512 : w.bytes.length));
  const v = rng.pick(INTERESTING_U8);
  w.bytes[pos] = v;
  return `byteset @${pos} = 0x${v.toString(16)}`;
};

const fieldSet: Mutator = (rng, w) => {
  const f = pickField(rng, w.bytes);
  if (f === null) return "field (none in range)";
  const [name, off, width] = f;
  const cur = readField(w.bytes, off, width);
  const v = BigInt.asUintN(width * 8, interestingValue(rng, w.bytes, width, cur));
  writeField(w.bytes, off, width, v);
  return `${name} @${off} = 0x${v.toString(16)}`;
};

const wideWrite: Mutator = (rng, w) => {
  // An interesting u16/u32/u64 at an arbitrary header-ish offset (possibly unaligned).
  const width = rng.pick([2, 4, 8]);
  const limit = Math.min(w.bytes.length, 64 + 16 * PHDR_SIZE) - width;
  if (limit <= 0) return "wide write (too short)";
  const off = rng.below(limit + 1);
  const v = width === 8
    ? rng.pick(INTERESTING_U64)
    : BigInt(rng.pick(width === 2 ? INTERESTING_U16 : INTERESTING_U32));
  writeField(w.bytes, off, width, v);
  return `u${width * 8} @${off} = 0x${v.toString(16)}`;
};

const truncate: Mutator = (rng, w) => {
  const n = w.bytes.length;
  if (n === 0) return "truncate (empty)";
  const { phoff, phentsize, phnum } = phdrLayout(w.bytes);
  const marks = [0, 4, 16, 63, 64, phoff + phentsize * phnum - 1, phoff + phentsize, n - 1];
  const len = rng.below(2) === 0
    ? Math.max(0, Math.min(n - 1, rng.pick(marks) + rng.below(3) - 1))
    : rng.below(n);
  w.bytes = w.bytes.slice(0, len);
  return `truncate to ${len}`;
};

const extend: Mutator = (rng, w) => {
  const extra = rng.pick([1, 7, 56, 4096, rng.below(8192) + 1]);
  const out = new Uint8Array(w.bytes.length + extra);
  out.set(w.bytes);
  const random = rng.below(2) === 0;
  if (random) { for (let i = w.bytes.length; i < out.length; i++) out[i] = rng.below(256); }
  w.bytes = out;
  return `extend by ${extra}${random ? " random" : " zero"} bytes`;
};

const copyPhdr: Mutator = (rng, w) => {
  // Duplicate one program header over another: duplicate PT_TLS/PT_INTERP, overlaps...
  const { phoff, phentsize, phnum } = phdrLayout(w.bytes);
  if (phnum < 2) return "copy phdr (fewer than 2)";
  const a = rng.below(phnum), b = rng.below(phnum);
  const src = phoff + a * phentsize, dst = phoff + b * phentsize;
  if (Math.max(src, dst) + PHDR_SIZE > w.bytes.length) return "copy phdr (out of range)";
  w.bytes.copyWithin(dst, src, src + PHDR_SIZE);
  return `copy phdr ${a} over ${b}`;
};

const MUTATORS: readonly [Mutator, number][] = [
  [fieldSet, 8],
  [bitFlip, 3],
  [byteSet, 2],
  [wideWrite, 2],
  [truncate, 1],
  [extend, 1],
  [copyPhdr, 1],
];
const MUTATOR_TABLE: Mutator[] = MUTATORS.flatMap(([m, weight]) => Array(weight).fill(m));

/**
 * Checks the invariants every {@link Image} from the ELF loader must hold.
 * Returns a description of the first violation, or null.
 */
export function checkImage(img: Image, input: Uint8Array): string | null {
  const isAddr = (x: unknown) =>
    Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= 2 ** 48;
  const pe = img.format === "pe";
  const macho = img.format === "macho";
  if (img.format !== "elf" && !pe && !macho) return `format ${img.format}`;
  if (!["riscv64", "aarch64", "x86_64"].includes(img.arch)) return `arch ${img.arch}`;
  if (img.os !== (pe ? "windows" : macho ? "darwin" : "linux")) return `os ${img.os}`;
  if (img.type !== "exec" && img.type !== "dyn") return `type ${img.type}`;
  if (!Number.isInteger(img.flags) || img.flags < 0 || img.flags > 0xffffffff) return "flags";
  if (typeof img.execStack !== "boolean") return "execStack";
  if (img.segments.length === 0) return "no segments";
  let end = 0, total = 0;
  for (const [i, s] of img.segments.entries()) {
    for (const k of ["vaddr", "memsz", "fileOffset", "filesz"] as const) {
      if (!Number.isSafeInteger(s[k]) || s[k] < 0) return `segment ${i} ${k} ${s[k]}`;
    }
    if (s.memsz === 0) return `segment ${i} is empty`;
    if (!isAddr(s.vaddr + s.memsz)) return `segment ${i} ends beyond 2^48`;
    if (s.filesz > s.memsz) return `segment ${i} filesz > memsz`;
    if (i > 0 && s.vaddr < end) return `segment ${i} overlaps or is out of order`;
    if (s.data.byteLength !== s.filesz) return `segment ${i} data length`;
    if (s.filesz > 0) {
      if (s.fileOffset + s.filesz > input.byteLength) return `segment ${i} beyond EOF`;
      if (s.data.buffer !== input.buffer) return `segment ${i} data is a copy`;
      if (s.data.byteOffset !== input.byteOffset + s.fileOffset) return `segment ${i} data offset`;
    }
    if (!Number.isInteger(s.prot) || s.prot < 0 || s.prot > 7) return `segment ${i} prot`;
    end = s.vaddr + s.memsz;
    total += s.memsz;
  }
  if (total > 2 ** 32) return "total memsz > 4 GiB";
  if (img.minVaddr % 4096 !== 0 || img.maxVaddr % 4096 !== 0) {
    return "min/maxVaddr not page aligned";
  }
  if (img.minVaddr > img.segments[0].vaddr || img.minVaddr + 4096 <= img.segments[0].vaddr) {
    return "minVaddr";
  }
  if (img.maxVaddr < end || img.maxVaddr >= end + 4096) return "maxVaddr";
  if (img.maxVaddr - img.minVaddr > 2 ** 32) return "span > 4 GiB";
  if (!isAddr(img.entry)) return "entry";
  const inExec = img.segments.some((s) =>
    (s.prot & 4) !== 0 && img.entry >= s.vaddr && img.entry < s.vaddr + s.memsz
  );
  if (!inExec) return "entry outside every executable segment";
  if (img.tls !== undefined) {
    const t = img.tls;
    if (!isAddr(t.vaddr) || !isAddr(t.vaddr + t.memsz) || t.filesz > t.memsz) return "tls";
    if (!Number.isSafeInteger(t.align)) return "tls align";
  }
  if (img.phdr !== undefined) {
    const p = img.phdr;
    if (!isAddr(p.vaddr) || p.count < 1 || p.count > 4096 || p.entsize < 56) return "phdr";
  }
  if (img.interp !== undefined && (img.interp.length === 0 || img.interp.length >= 4096)) {
    return "interp length";
  }
  if (macho) {
    // Mach-O: every fixup slot lies inside a segment, and their number is bounded.
    const m = img.macho;
    if (!m) return "macho info missing";
    if (m.rebases.length + m.binds.length > 1 << 20) return "too many fixups";
    const inSeg = (a: number) =>
      Number.isSafeInteger(a) &&
      img.segments.some((s) => a >= s.vaddr && a + 8 <= s.vaddr + s.memsz);
    for (const r of m.rebases) {
      if (!inSeg(r.addr) || !Number.isSafeInteger(r.target)) return "rebase outside the segments";
    }
    for (const b of m.binds) {
      if (!inSeg(b.addr) || !Number.isSafeInteger(b.addend)) return "bind outside the segments";
    }
  }
  return null;
}

/** The seed corpus: a handful of small, valid ELF images built in TypeScript. */
export function defaultSeeds(): Uint8Array[] {
  const three = writeElf({
    size: 0x1400,
    entry: 0x400100,
    phdrs: [
      {
        type: PT.PHDR,
        flags: PF.R,
        offset: 64,
        vaddr: 0x400040,
        filesz: 280,
        memsz: 280,
        align: 8,
      },
      {
        type: PT.LOAD,
        flags: PF.R | PF.X,
        offset: 0,
        vaddr: 0x400000,
        filesz: 0x800,
        memsz: 0x800,
        align: 0x1000,
      },
      {
        type: PT.LOAD,
        flags: PF.R,
        offset: 0x800,
        vaddr: 0x401800,
        filesz: 0x400,
        memsz: 0x400,
        align: 0x1000,
      },
      {
        type: PT.LOAD,
        flags: PF.R | PF.W,
        offset: 0xc00,
        vaddr: 0x402c00,
        filesz: 0x800,
        memsz: 0x3000,
        align: 0x1000,
      },
      {
        type: PT.GNU_STACK,
        flags: PF.R | PF.W,
        offset: 0,
        vaddr: 0,
        filesz: 0,
        memsz: 0,
        align: 16,
      },
    ],
  });
  return [
    buildElf({ phdr: true, gnuStack: PF.R | PF.W, flags: 5 }).bytes,
    buildElf({ type: "dyn", interp: "/lib/ld-linux-riscv64-lp64d.so.1", phdr: true }).bytes,
    buildElf({ type: "dyn", tls: { filesz: 16, memsz: 64, align: 16 }, machine: EM.AARCH64 }).bytes,
    buildElf({ machine: EM.X86_64, dataPlacement: "shared", gnuStack: PF.R | PF.W | PF.X }).bytes,
    three,
    ...machoSeeds(),
    ...peSeeds(),
  ];
}

/** Mach-O seeds: both ISAs, both entry kinds, opcode and chained fixups, and a universal file. */
function machoSeeds(): Uint8Array[] {
  const fixups = {
    rebases: [0, 16],
    binds: [{ offset: 8, symbol: "_printf" }, { offset: 24, symbol: "_puts", lazy: true }],
  };
  const arm = buildMacho({ cpu: "arm64", ...fixups }).bytes;
  const x86 = buildMacho({ cpu: "x86_64", entry: "thread", pie: false, ...fixups }).bytes;
  return [
    arm,
    x86,
    buildMacho({ cpu: "arm64", entry: "thread", chained: true, ...fixups }).bytes,
    makeFat([x86, arm]),
  ];
}

/**
 * Mutates `seeds` for `iterations` rounds, deterministically from `seed`, and
 * loads every result.
 *
 * @example
 * ```ts
 * const report = fuzz(defaultSeeds(), 1000, 42);
 * if (report.failureCount > 0) console.log(report.failures[0]);
 * ```
 * @param seeds Valid executables to start from (not modified).
 * @param iterations How many mutated inputs to try.
 * @param seed PRNG seed; the same arguments give the same report counts.
 * @param options The loader under test, time limit, caps.
 * @returns What happened.
 */
export function fuzz(
  seeds: Uint8Array[],
  iterations: number,
  seed: number,
  options: FuzzOptions = {},
): FuzzReport {
  if (seeds.length === 0) throw new RangeError("At least one seed input is required");
  const load = options.load ?? loadImage;
  const timeLimitMs = options.timeLimitMs ?? 100;
  const maxFailures = options.maxFailures ?? 20;
  const maxMutations = Math.max(1, options.maxMutations ?? 4);
  const rng = new Rng(seed);
  const report: FuzzReport = {
    iterations,
    seed,
    images: 0,
    loaderErrors: 0,
    errorFields: {},
    failureCount: 0,
    failures: [],
    slowestMs: 0,
    elapsedMs: 0,
  };
  const start = performance.now();
  for (let it = 0; it < iterations; it++) {
    const seedIndex = rng.below(seeds.length);
    const w: Work = { bytes: seeds[seedIndex].slice() };
    const mutations: string[] = [];
    const count = 1 + rng.below(maxMutations);
    for (let m = 0; m < count; m++) mutations.push(rng.pick(MUTATOR_TABLE)(rng, w));

    let kind: FuzzFailure["kind"] | null = null;
    let message = "";
    const t0 = performance.now();
    try {
      const result = load(w.bytes);
      const problem = checkImage(result as Image, w.bytes);
      if (problem !== null) {
        kind = "invalid-image";
        message = problem;
      } else report.images++;
    } catch (e) {
      if (e instanceof LoaderError) {
        report.loaderErrors++;
        report.errorFields[e.field] = (report.errorFields[e.field] ?? 0) + 1;
      } else {
        kind = "exception";
        message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    }
    const elapsedMs = performance.now() - t0;
    if (elapsedMs > report.slowestMs) report.slowestMs = elapsedMs;
    if (kind === null && elapsedMs > timeLimitMs) {
      kind = "slow";
      message = `Load took ${elapsedMs.toFixed(1)} ms (limit ${timeLimitMs} ms)`;
    }
    if (kind !== null) {
      report.failureCount++;
      if (report.failures.length < maxFailures) {
        report.failures.push({
          iteration: it,
          seedIndex,
          mutations,
          kind,
          message,
          elapsedMs,
          input: w.bytes,
        });
      }
    }
  }
  report.elapsedMs = performance.now() - start;
  return report;
}

/** ELF files under `dir` (recursively), at most `max` of at most 2 MiB each. */
function elfFilesUnder(dir: string, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const walk = (d: string) => {
    for (const entry of Deno.readDirSync(d)) {
      if (out.length >= max) return;
      const p = `${d}/${entry.name}`;
      if (entry.isDirectory) walk(p);
      else if (entry.isFile && Deno.statSync(p).size <= 2 << 20) {
        const bytes = Deno.readFileSync(p);
        if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
          out.push(bytes);
        }
      }
    }
  };
  walk(dir);
  return out;
}

function main(args: string[]): number {
  let iterations = 20000;
  let seed = 1;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => {
      const v = args[++i];
      if (v === undefined) throw new TypeError(`Missing value after ${a}`);
      return v;
    };
    if (a === "--iterations") iterations = Number(next());
    else if (a === "--seed") seed = Number(next());
    else if (a === "--file") files.push(next());
    else if (a === "--help" || a === "-h") {
      console.log(
        "Usage: deno run tests/loader/fuzz.ts [--iterations N] [--seed S] [--file PATH]...",
      );
      return 0;
    } else throw new TypeError(`Unknown argument: ${a}`);
  }
  if (!Number.isSafeInteger(iterations) || iterations < 0) throw new TypeError("Bad --iterations");
  if (!Number.isSafeInteger(seed)) throw new TypeError("Bad --seed");

  const seeds = defaultSeeds();
  for (const f of files) seeds.push(Deno.readFileSync(f));
  const corpus = "testdata/build";
  if (Deno.permissions.querySync({ name: "read", path: corpus }).state === "granted") {
    try {
      const found = elfFilesUnder(corpus, 32);
      seeds.push(...found);
      if (found.length > 0) console.log(`Added ${found.length} ELF seeds from ${corpus}`);
    } catch {
      // No corpus built yet.
    }
  }

  const r = fuzz(seeds, iterations, seed);
  console.log(
    `${r.iterations} inputs from ${seeds.length} seeds (seed ${r.seed}): ${r.images} images, ` +
      `${r.loaderErrors} LoaderErrors, ${r.failureCount} failures; slowest load ` +
      `${r.slowestMs.toFixed(2)} ms; ${(r.elapsedMs / 1000).toFixed(2)} s`,
  );
  const fields = Object.entries(r.errorFields).sort((a, b) => b[1] - a[1]);
  console.log("LoaderError fields: " + fields.map(([k, v]) => `${k} ${v}`).join(", "));
  for (const f of r.failures) {
    console.log(
      `FAIL iteration ${f.iteration} seed input ${f.seedIndex} (${f.kind}): ${f.message}\n` +
        `  mutations: ${f.mutations.join("; ")}`,
    );
  }
  return r.failureCount === 0 ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(main(Deno.args));
}
