/**
 * Helpers that lifted AArch64 code calls (`rt.*`) for operations too long to
 * inline: 64-bit multiply/divide and bit operations, CRC32, the counters, the
 * scalar FPU (IEEE-exact, by delegating to the RISC-V soft-float core through
 * a scratch register file and translating rounding modes, flags and NaN
 * rules), and the Advanced SIMD lane operations.
 *
 * Every helper takes only integers from generated code: register numbers,
 * the instruction word, or int32 halves of register values.
 * @module
 */

import { INT_RUNTIME, mulhu32 } from "../riscv64/int_runtime.ts";
import { FPU_RUNTIME } from "../riscv64/fpu.ts";
import { RvCpu } from "../riscv64/cpu.ts";
import type { A64Cpu } from "./cpu.ts";
import { fpImm8, simdImm } from "./disasm.ts";

const TWO32 = 4294967296;

function big(l: number, h: number): bigint {
  return (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
}

function bits(w: number, hi: number, lo: number): number {
  return ((w >>> lo) & (2 ** (hi - lo + 1) - 1)) >>> 0;
}

// ---------------------------------------------------------------------------
// CRC32

function crcTable(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
}
const CRC32 = crcTable(0xedb88320);
const CRC32C = crcTable(0x82f63b78);

// ---------------------------------------------------------------------------
// Scalar FP through the RISC-V soft-float core.

const SH = new RvCpu(new DataView(new ArrayBuffer(8)), new Uint8Array(8), new Uint8Array(1));
/** FPCR.RMode (RN, RP, RM, RZ) to the RISC-V rm field. */
const RMODE = [0, 3, 2, 1];

function rmOf(s: A64Cpu): number {
  return RMODE[(s.fpcr >>> 22) & 3];
}

function flagsBack(s: A64Cpu): void {
  const f = SH.fflags;
  if (f) {
    s.fpsr |= (f & 16 ? 1 : 0) | (f & 8 ? 2 : 0) | (f & 4 ? 4 : 0) | (f & 2 ? 8 : 0) |
      (f & 1 ? 16 : 0);
  }
}

/** Load V[r] as an FP value of `dbl` width into scratch register k. */
function ld(s: A64Cpu, r: number, k: number, dbl: boolean): void {
  SH.fi[2 * k] = s.vi[4 * r];
  SH.fi[2 * k + 1] = dbl ? s.vi[4 * r + 1] : -1;
}

/** Store scratch register k into V[r], zeroing the rest of the vector. */
function st(s: A64Cpu, r: number, k: number, dbl: boolean): void {
  s.vi[4 * r] = SH.fi[2 * k];
  s.vi[4 * r + 1] = dbl ? SH.fi[2 * k + 1] : 0;
  s.vi[4 * r + 2] = 0;
  s.vi[4 * r + 3] = 0;
}

function isNaNBits(s: A64Cpu, r: number, dbl: boolean): number {
  // 0 not NaN, 1 quiet, 2 signaling
  if (dbl) {
    const hi = s.vi[4 * r + 1], lo = s.vi[4 * r];
    if ((hi & 0x7ff00000) !== 0x7ff00000 || ((hi & 0xfffff) | lo) === 0) return 0;
    return hi & 0x80000 ? 1 : 2;
  }
  const x = s.vi[4 * r];
  if ((x & 0x7f800000) !== 0x7f800000 || (x & 0x7fffff) === 0) return 0;
  return x & 0x400000 ? 1 : 2;
}

function writeDefaultNaN(s: A64Cpu, d: number, dbl: boolean): void {
  s.vi[4 * d] = dbl ? 0 : 0x7fc00000;
  s.vi[4 * d + 1] = dbl ? 0x7ff80000 : 0;
  s.vi[4 * d + 2] = 0;
  s.vi[4 * d + 3] = 0;
}

/** A raw FP value: [low word, high word] (the high word is 0 for singles). */
type Raw = [number, number];

function rawOf(s: A64Cpu, r: number, dbl: boolean, lane = 0): Raw {
  return dbl ? [s.vi[4 * r + 2 * lane], s.vi[4 * r + 2 * lane + 1]] : [s.vi[4 * r + lane], 0];
}

function rawKind(v: Raw, dbl: boolean): number {
  if (dbl) {
    const [lo, hi] = v;
    if ((hi & 0x7ff00000) !== 0x7ff00000 || ((hi & 0xfffff) | lo) === 0) return 0;
    return hi & 0x80000 ? 1 : 2;
  }
  const x = v[0];
  if ((x & 0x7f800000) !== 0x7f800000 || (x & 0x7fffff) === 0) return 0;
  return x & 0x400000 ? 1 : 2;
}

function rawNeg(v: Raw, dbl: boolean): Raw {
  return dbl ? [v[0], v[1] ^ (0x80000000 | 0)] : [v[0] ^ (0x80000000 | 0), 0];
}

/** ARM NaN selection over raw operands (priority order); sets IOC for a signaling NaN. */
function pickNaN(s: A64Cpu, ops: Raw[], dbl: boolean): Raw | null {
  let pick: Raw | null = null, sig = false;
  for (const v of ops) {
    if (rawKind(v, dbl) === 2) {
      pick = v;
      sig = true;
      break;
    }
  }
  if (!pick) {
    for (const v of ops) {
      if (rawKind(v, dbl) === 1) {
        pick = v;
        break;
      }
    }
  }
  if (!pick) return null;
  if (sig) s.fpsr |= 1;
  if (s.fpcr & (1 << 25)) return dbl ? [0, 0x7ff80000] : [0x7fc00000, 0];
  return dbl ? [pick[0], pick[1] | 0x80000] : [pick[0] | 0x400000, 0];
}

function shPut(k: number, v: Raw, dbl: boolean): void {
  SH.fi[2 * k] = v[0];
  SH.fi[2 * k + 1] = dbl ? v[1] : -1;
}

function shGet(k: number, dbl: boolean): Raw {
  return [SH.fi[2 * k], dbl ? SH.fi[2 * k + 1] : 0];
}

function writeRaw(s: A64Cpu, d: number, v: Raw, dbl: boolean): void {
  s.vi[4 * d] = v[0];
  s.vi[4 * d + 1] = dbl ? v[1] : 0;
  s.vi[4 * d + 2] = 0;
  s.vi[4 * d + 3] = 0;
}

/** RISC-V rounding mode of an fcvt[nmpza][su] letter: RNE, RDN, RUP, RTZ, RMM. */
const CVT_RM: Record<string, number> = { n: 0, m: 2, p: 3, z: 1, a: 4 };

/**
 * FCVT between single and double on a raw value (`dbl`: the source is double), as the
 * scalar fp1 form: NaNs are quieted keeping the top payload bits (or the default NaN under
 * FPCR.DN, IOC for a signaling one); otherwise rounded per FPCR with its flags.
 */
function cvtSD(s: A64Cpu, v: Raw, dbl: boolean): Raw {
  const k = rawKind(v, dbl);
  if (k) {
    if (k === 2) s.fpsr |= 1;
    if (s.fpcr & (1 << 25)) return dbl ? [0x7fc00000, 0] : [0, 0x7ff80000];
    if (dbl) {
      const [lo, hi] = v;
      return [(hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29), 0];
    }
    const x = v[0];
    return [(x & 7) << 29, (x & 0x80000000) | 0x7ff80000 | ((x & 0x3fffff) >>> 3)];
  }
  shPut(1, v, dbl);
  SH.fflags = 0;
  if (dbl) FPU_RUNTIME.fcvt_s_d(SH, 0, 1, rmOf(s));
  else FPU_RUNTIME.fcvt_d_s(SH, 0, 1, rmOf(s));
  flagsBack(s);
  return shGet(0, !dbl);
}

function rawIsInf(v: Raw, dbl: boolean): boolean {
  return dbl
    ? (v[1] & 0x7fffffff) === 0x7ff00000 && v[0] === 0
    : (v[0] & 0x7fffffff) === 0x7f800000;
}

function rawIsZero(v: Raw, dbl: boolean): boolean {
  return dbl ? (v[1] & 0x7fffffff) === 0 && v[0] === 0 : (v[0] & 0x7fffffff) === 0;
}

/** One FP arithmetic op on raw values with ARM NaN rules and FPSR flags. */
function arith(s: A64Cpu, op: string, a: Raw, b: Raw, dbl: boolean, c: Raw | null = null): Raw {
  const R = FPU_RUNTIME;
  if (c) { // fused: c + a*b
    if (
      rawKind(c, dbl) === 1 &&
      ((rawIsInf(a, dbl) && rawIsZero(b, dbl)) || (rawIsZero(a, dbl) && rawIsInf(b, dbl)))
    ) {
      s.fpsr |= 1;
      return dbl ? [0, 0x7ff80000] : [0x7fc00000, 0];
    }
    const nan = pickNaN(s, [c, a, b], dbl);
    if (nan) return nan;
    shPut(1, a, dbl);
    shPut(2, b, dbl);
    shPut(3, c, dbl);
    SH.fflags = 0;
    (dbl ? R.fmadd_d : R.fmadd_s)(SH, 0, 1, 2, 3, rmOf(s));
    flagsBack(s);
    return shGet(0, dbl);
  }
  const nan = pickNaN(s, [a, b], dbl);
  if (nan) return nan;
  shPut(1, a, dbl);
  shPut(2, b, dbl);
  SH.fflags = 0;
  const f: Rv2 = {
    fadd: dbl ? R.fadd_d : R.fadd_s,
    fsub: dbl ? R.fsub_d : R.fsub_s,
    fmul: dbl ? R.fmul_d : R.fmul_s,
    fdiv: dbl ? R.fdiv_d : R.fdiv_s,
  }[op]!;
  f(SH, 0, 1, 2, rmOf(s));
  flagsBack(s);
  return shGet(0, dbl);
}

/**
 * ARM NaN processing for operands `ops` (register numbers, in priority
 * order). Writes the result and returns true when some operand is a NaN.
 */
function procNaNs(s: A64Cpu, d: number, ops: number[], dbl: boolean): boolean {
  let pick = -1, sig = false;
  for (const r of ops) {
    if (isNaNBits(s, r, dbl) === 2) {
      pick = r;
      sig = true;
      break;
    }
  }
  if (pick < 0) {
    for (const r of ops) {
      if (isNaNBits(s, r, dbl) === 1) {
        pick = r;
        break;
      }
    }
  }
  if (pick < 0) return false;
  if (sig) s.fpsr |= 1;
  if (s.fpcr & (1 << 25)) {
    writeDefaultNaN(s, d, dbl);
    return true;
  }
  const lo = s.vi[4 * pick], hi = s.vi[4 * pick + 1];
  s.vi[4 * d] = dbl ? lo : lo | 0x400000;
  s.vi[4 * d + 1] = dbl ? hi | 0x80000 : 0;
  s.vi[4 * d + 2] = 0;
  s.vi[4 * d + 3] = 0;
  return true;
}

type Rv2 = (s: RvCpu, rd: number, a: number, b: number, rm: number) => void;
type Rv3 = (s: RvCpu, rd: number, a: number, b: number, c: number, rm: number) => void;

function fpBin(s: A64Cpu, w: number, op: string, negate = false): void {
  const dbl = bits(w, 22, 22) === 1, d = w & 31, n = bits(w, 9, 5), m = bits(w, 20, 16);
  let r = arith(s, op, rawOf(s, n, dbl), rawOf(s, m, dbl), dbl);
  if (negate) r = rawNeg(r, dbl);
  writeRaw(s, d, r, dbl);
}

function getF(s: A64Cpu, r: number, dbl: boolean): number {
  return dbl ? s.vd[2 * r] : s.vf[4 * r];
}

function putF(s: A64Cpu, r: number, v: number, dbl: boolean): void {
  if (dbl) {
    s.vd[2 * r] = v;
    s.vi[4 * r + 2] = 0;
    s.vi[4 * r + 3] = 0;
  } else {
    s.vf[4 * r] = v;
    s.vi[4 * r + 1] = 0;
    s.vi[4 * r + 2] = 0;
    s.vi[4 * r + 3] = 0;
  }
}

/** Round to an integral value in rounding mode `mode` (0 RNE, 1 +inf, 2 -inf, 3 zero, 4 away). */
function roundInt(x: number, mode: number): number {
  if (!isFinite(x) || x === 0) return x;
  let r: number;
  switch (mode) {
    case 0: {
      const f = Math.floor(x), diff = x - f;
      r = diff < 0.5 ? f : diff > 0.5 ? f + 1 : (f % 2 === 0 ? f : f + 1);
      break;
    }
    case 1:
      r = Math.ceil(x);
      break;
    case 2:
      r = Math.floor(x);
      break;
    case 3:
      r = Math.trunc(x);
      break;
    default:
      r = x < 0 ? -Math.round(-x) : Math.round(x);
      if (Math.abs(x) % 1 === 0.5) r = x < 0 ? Math.floor(x) : Math.ceil(x);
  }
  if (r === 0) r = x < 0 ? -0 : 0;
  return r;
}

const FMODE = [0, 1, 2, 3]; // FPCR RMode to roundInt mode

// ---------------------------------------------------------------------------
// Advanced SIMD lanes.

// deno-lint-ignore no-explicit-any
type Lane = any;

function getLane(s: A64Cpu, r: number, size: number, i: number): Lane {
  switch (size) {
    case 0:
      return s.vb[16 * r + i];
    case 1:
      return s.vh[8 * r + i];
    case 2:
      return s.vi[4 * r + i] >>> 0;
    default:
      return big(s.vi[4 * r + 2 * i], s.vi[4 * r + 2 * i + 1]);
  }
}

function setLane(s: A64Cpu, r: number, size: number, i: number, v: Lane): void {
  switch (size) {
    case 0:
      s.vb[16 * r + i] = Number(v);
      return;
    case 1:
      s.vh[8 * r + i] = Number(v);
      return;
    case 2:
      s.vi[4 * r + i] = Number(v);
      return;
    default: {
      const b = BigInt.asUintN(64, BigInt(v));
      s.vi[4 * r + 2 * i] = Number(b & 0xffffffffn) | 0;
      s.vi[4 * r + 2 * i + 1] = Number(b >> 32n) | 0;
    }
  }
}

function readVec(s: A64Cpu, r: number, size: number, n: number): Lane[] {
  const out: Lane[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = getLane(s, r, size, i);
  return out;
}

function writeVec(s: A64Cpu, r: number, size: number, vals: Lane[], q: number): void {
  for (let i = 0; i < vals.length; i++) setLane(s, r, size, i, vals[i]);
  if (!q) {
    s.vi[4 * r + 2] = 0;
    s.vi[4 * r + 3] = 0;
  }
}

/** Signed value of an unsigned lane. */
function sx(v: Lane, size: number): Lane {
  if (size === 3) return BigInt.asIntN(64, v);
  const sh = 32 - (8 << size);
  return (v << sh) >> sh;
}

/** Normalize a lane result to its unsigned range. */
function nz(v: Lane, size: number): Lane {
  if (size === 3) return BigInt.asUintN(64, BigInt(v));
  if (size === 2) return Number(v) >>> 0;
  return Number(v) & ((1 << (8 << size)) - 1);
}

function ones(size: number): Lane {
  return size === 3 ? 0xffffffffffffffffn : size === 2 ? 0xffffffff : (1 << (8 << size)) - 1;
}

function zero(size: number): Lane {
  return size === 3 ? 0n : 0;
}

type BinOp = (a: Lane, b: Lane, size: number, d: Lane) => Lane;

const SIMD3: Record<string, BinOp> = {
  add: (a, b, z) => nz(a + b, z),
  sub: (a, b, z) => nz(a - b, z),
  mul: (a, b, z) => nz(z === 2 ? Math.imul(a, b) : a * b, z),
  mla: (a, b, z, d) => nz(d + (z === 2 ? Math.imul(a, b) : a * b), z),
  mls: (a, b, z, d) => nz(d - (z === 2 ? Math.imul(a, b) : a * b), z),
  cmeq: (a, b, z) => a === b ? ones(z) : zero(z),
  cmtst: (a, b, z) => (a & b) != 0 ? ones(z) : zero(z),
  cmhi: (a, b, z) => a > b ? ones(z) : zero(z),
  cmhs: (a, b, z) => a >= b ? ones(z) : zero(z),
  cmgt: (a, b, z) => sx(a, z) > sx(b, z) ? ones(z) : zero(z),
  cmge: (a, b, z) => sx(a, z) >= sx(b, z) ? ones(z) : zero(z),
  umax: (a, b) => a > b ? a : b,
  umin: (a, b) => a < b ? a : b,
  smax: (a, b, z) => sx(a, z) > sx(b, z) ? a : b,
  smin: (a, b, z) => sx(a, z) < sx(b, z) ? a : b,
  uabd: (a, b) => a > b ? a - b : b - a,
  sabd: (a, b, z) => nz(sx(a, z) > sx(b, z) ? sx(a, z) - sx(b, z) : sx(b, z) - sx(a, z), z),
  uqadd: (a, b, z) => a + b > ones(z) ? (QC.v = 1, ones(z)) : a + b,
  uqsub: (a, b, z) => a >= b ? a - b : (QC.v = 1, zero(z)),
  sqadd: (a, b, z) => nz(sat(sx(a, z) + sx(b, z), z), z),
  sqsub: (a, b, z) => nz(sat(sx(a, z) - sx(b, z), z), z),
  ushl: (a, b, z) => shl(a, sx(Number(BigInt(b) & 0xffn), 0), z, false),
  sshl: (a, b, z) => shl(a, sx(Number(BigInt(b) & 0xffn), 0), z, true),
};

/**
 * A lane op computed on exact BigInts: the operands as signed (`signed`) or unsigned
 * integers of the lane width, the accumulator unsigned; the result wraps to the lane.
 */
function viaBig(
  f: (a: bigint, b: bigint, es: number, d: bigint) => bigint,
  signed: boolean,
): BinOp {
  return (a, b, z, d) => {
    const es = 8 << z;
    const cv = (v: Lane) => signed ? BigInt.asIntN(es, BigInt(v)) : BigInt.asUintN(es, BigInt(v));
    const r = BigInt.asUintN(es, f(cv(a), cv(b), es, BigInt(d ?? 0)));
    return z === 3 ? r : Number(r);
  };
}

/** Saturate an exact value to a signed or unsigned lane of `es` bits (sets QC). */
function satBig(v: bigint, es: number, signed: boolean): bigint {
  const max = signed ? (1n << BigInt(es - 1)) - 1n : (1n << BigInt(es)) - 1n;
  const min = signed ? -(1n << BigInt(es - 1)) : 0n;
  if (v > max) return (QC.v = 1, max);
  if (v < min) return (QC.v = 1, min);
  return v;
}

/** Shift by the signed low byte of b (register shifts), rounding and saturating as asked. */
function shiftBy(a: bigint, b: bigint, es: number, round: boolean, sat: boolean, signed: boolean) {
  const sh = Number(BigInt.asIntN(8, b));
  let r: bigint;
  if (sh >= 0) r = a << BigInt(sh);
  else {
    const n = BigInt(-sh);
    r = round ? (a + (1n << (n - 1n))) >> n : a >> n;
  }
  return sat ? satBig(r, es, signed) : r;
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

for (const sg of [true, false]) {
  const p = sg ? "s" : "u";
  Object.assign(SIMD3, {
    [p + "hadd"]: viaBig((a, b) => (a + b) >> 1n, sg),
    [p + "rhadd"]: viaBig((a, b) => (a + b + 1n) >> 1n, sg),
    [p + "hsub"]: viaBig((a, b) => (a - b) >> 1n, sg),
    [p + "aba"]: viaBig((a, b, _e, d) => d + abs(a - b), sg),
    [p + "rshl"]: viaBig((a, b, e) => shiftBy(a, b, e, true, false, sg), sg),
    [p + "qshl"]: viaBig((a, b, e) => shiftBy(a, b, e, false, true, sg), sg),
    [p + "qrshl"]: viaBig((a, b, e) => shiftBy(a, b, e, true, true, sg), sg),
  });
}
SIMD3.sqdmulh = viaBig((a, b, e) => satBig((2n * a * b) >> BigInt(e), e, true), true);
SIMD3.sqrdmulh = viaBig(
  (a, b, e) => satBig((2n * a * b + (1n << BigInt(e - 1))) >> BigInt(e), e, true),
  true,
);
SIMD3.pmul = (a, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) if ((b >> i) & 1) r ^= a << i;
  return r & 255;
};

/** Leading zero bits of an n-bit value. */
function clzBig(v: bigint, n: number): number {
  let c = 0;
  for (let i = n - 1; i >= 0 && ((v >> BigInt(i)) & 1n) === 0n; i--) c++;
  return c;
}

/** Integer two-register-misc ops computed through BigInt lanes in v2misc. */
const INT2_MISC = new Set([
  "saddlp",
  "uaddlp",
  "sadalp",
  "uadalp",
  "clz",
  "cls",
  "sqabs",
  "sqneg",
  "suqadd",
  "usqadd",
  "shll",
]); // deno-fmt-ignore

/** Set when a saturating lane op saturated (FPSR.QC). */
const QC = { v: 0 };

function sat(v: Lane, size: number): Lane {
  let max: Lane, min: Lane;
  if (size === 3) [max, min] = [(1n << 63n) - 1n, -(1n << 63n)];
  else [max, min] = [2 ** ((8 << size) - 1) - 1, -(2 ** ((8 << size) - 1))];
  if (v > max || v < min) QC.v = 1;
  return v > max ? max : v < min ? min : v;
}

function shl(a: Lane, sh: number | bigint, size: number, signed: boolean): Lane {
  const n = Number(sh), es = 8 << size;
  if (size === 3) {
    const v = signed ? BigInt.asIntN(64, a) : a;
    if (n >= 64) return 0n;
    if (n <= -64) return signed && v < 0n ? ones(3) : 0n;
    return BigInt.asUintN(64, n >= 0 ? v << BigInt(n) : v >> BigInt(-n));
  }
  const v = signed ? sx(a, size) : a;
  if (n >= es) return 0;
  if (n <= -es) return signed && v < 0 ? ones(size) : 0;
  return nz(n >= 0 ? v * 2 ** n : Math.floor(v / 2 ** -n), size);
}

const PAIRWISE: Record<string, BinOp> = {
  addp: (a, b, z) => nz(a + b, z),
  umaxp: (a, b) => a > b ? a : b,
  uminp: (a, b) => a < b ? a : b,
  smaxp: (a, b, z) => sx(a, z) > sx(b, z) ? a : b,
  sminp: (a, b, z) => sx(a, z) < sx(b, z) ? a : b,
};

/** fmul fdiv fadd fsub (double), then the same for single. */
const FP2_FNS: Rv2[] = [
  FPU_RUNTIME.fmul_d,
  FPU_RUNTIME.fdiv_d,
  FPU_RUNTIME.fadd_d,
  FPU_RUNTIME.fsub_d,
  FPU_RUNTIME.fmul_s,
  FPU_RUNTIME.fdiv_s,
  FPU_RUNTIME.fadd_s,
  FPU_RUNTIME.fsub_s,
];

/** The runtime object merged into `rt` for AArch64 lifted code. */
export const A64_RUNTIME = {
  ...INT_RUNTIME,
  h: 0,

  udiv64(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) return this.h = 0;
    if (ah === 0 && bh === 0) {
      this.h = 0;
      return Math.floor((al >>> 0) / (bl >>> 0)) | 0;
    }
    return this.big(big(al, ah) / big(bl, bh));
  },

  sdiv64(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) return this.h = 0;
    if (ah === al >> 31 && bh === bl >> 31 && !(al === -2147483648 && bl === -1)) {
      const q = Math.trunc(al / bl);
      this.h = q < 0 ? -1 : 0;
      return q | 0;
    }
    return this.big(BigInt.asIntN(64, big(al, ah)) / BigInt.asIntN(64, big(bl, bh)));
  },

  udiv32(a: number, b: number): number {
    return b === 0 ? 0 : Math.floor((a >>> 0) / (b >>> 0)) | 0;
  },

  sdiv32(a: number, b: number): number {
    if (b === 0) return 0;
    if (a === -2147483648 && b === -1) return a;
    return (a / b) | 0;
  },

  /** Signed 32x32 -> 64 product. */
  smull(a: number, b: number): number {
    const p = BigInt(a) * BigInt(b);
    return this.big(p);
  },

  /** Unsigned 32x32 -> 64 product. */
  umull(a: number, b: number): number {
    this.h = mulhu32(a, b);
    return Math.imul(a, b);
  },

  rbit32(x: number): number {
    x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
    x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
    x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
    x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
    return ((x >>> 16) | (x << 16)) | 0;
  },

  rev32(x: number): number {
    return ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) | 0;
  },

  rev16(x: number): number {
    return (((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8)) | 0;
  },

  cls32(x: number): number {
    return Math.clz32(x ^ (x >> 31)) - 1;
  },

  cls64(l: number, h: number): number {
    const s = h >> 31;
    const hh = h ^ s, ll = l ^ s;
    return (hh !== 0 ? Math.clz32(hh) : 32 + Math.clz32(ll)) - 1;
  },

  crc(w: number, acc: number, lo: number, hi: number): number {
    const t = (w >>> 12) & 1 ? CRC32C : CRC32;
    const n = 1 << ((w >>> 10) & 3);
    let c = acc >>> 0;
    for (let i = 0; i < n; i++) {
      const byte = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
      c = t[(c ^ byte) & 0xff] ^ (c >>> 8);
    }
    return c | 0;
  },

  /** CNTVCT_EL0 low word (high word in h): a 62.5 MHz counter (CNTFRQ_EL0), as qemu-user has. */
  cntvct(): number {
    const ticks = BigInt(Math.floor((performance.now() + 1000) * 62500));
    return this.big(ticks);
  },

  // ---- scalar FP ----

  /** fp1 group: fmov, fabs, fneg, fsqrt, fcvt, frint*. */
  fp1(s: A64Cpu, w: number): void {
    const type = bits(w, 23, 22), opc = bits(w, 20, 15), d = w & 31, n = bits(w, 9, 5);
    const dbl = type === 1;
    if (type === 3 && opc !== 0 && (opc < 4 || opc > 7)) return; // half: only moves
    switch (opc) {
      case 0: {
        const k = type === 1 ? 2 : 1;
        const tmp = [s.vi[4 * n], s.vi[4 * n + 1]];
        s.vi[4 * d] = type === 3 ? tmp[0] & 0xffff : tmp[0];
        s.vi[4 * d + 1] = k === 2 ? tmp[1] : 0;
        s.vi[4 * d + 2] = 0;
        s.vi[4 * d + 3] = 0;
        return;
      }
      case 1:
      case 2: {
        const lo = s.vi[4 * n], hi = s.vi[4 * n + 1];
        const bit = 0x80000000 | 0;
        if (dbl) {
          s.vi[4 * d] = lo;
          s.vi[4 * d + 1] = opc === 1 ? hi & ~bit : hi ^ bit;
        } else {
          s.vi[4 * d] = opc === 1 ? lo & ~bit : lo ^ bit;
          s.vi[4 * d + 1] = 0;
        }
        s.vi[4 * d + 2] = 0;
        s.vi[4 * d + 3] = 0;
        return;
      }
      case 3:
        if (procNaNs(s, d, [n], dbl)) return;
        ld(s, n, 1, dbl);
        SH.fflags = 0;
        (dbl ? FPU_RUNTIME.fsqrt_d : FPU_RUNTIME.fsqrt_s)(SH, 0, 1, rmOf(s));
        flagsBack(s);
        st(s, d, 0, dbl);
        return;
      case 4:
      case 5:
      case 7: {
        const to = opc & 3;
        if (to === 3 || type === 3) {
          this.fcvtHalf(s, type, to, d, n);
          return;
        }
        const src = isNaNBits(s, n, dbl);
        if (src) {
          if (src === 2) s.fpsr |= 1;
          if (s.fpcr & (1 << 25)) return writeDefaultNaN(s, d, !dbl);
          // quiet, keep the top payload bits
          if (dbl) { // d -> s
            const hi = s.vi[4 * n + 1], lo = s.vi[4 * n];
            const v = (hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29);
            putF(s, d, 0, false);
            s.vi[4 * d] = v;
          } else {
            const x = s.vi[4 * n];
            const hi = (x & 0x80000000) | 0x7ff80000 | ((x & 0x3fffff) >>> 3);
            const lo = (x & 7) << 29;
            putF(s, d, 0, true);
            s.vi[4 * d] = lo;
            s.vi[4 * d + 1] = hi;
          }
          return;
        }
        ld(s, n, 1, dbl);
        SH.fflags = 0;
        if (dbl) FPU_RUNTIME.fcvt_s_d(SH, 0, 1, rmOf(s));
        else FPU_RUNTIME.fcvt_d_s(SH, 0, 1, rmOf(s));
        flagsBack(s);
        st(s, d, 0, !dbl);
        return;
      }
      default: {
        if (procNaNs(s, d, [n], dbl)) return;
        const x = getF(s, n, dbl);
        const mode = opc === 8
          ? 0
          : opc === 9
          ? 1
          : opc === 10
          ? 2
          : opc === 11
          ? 3
          : opc === 12
          ? 4
          : FMODE[(s.fpcr >>> 22) & 3];
        const r = roundInt(x, mode);
        if (opc === 14 && r !== x) s.fpsr |= 16;
        putF(s, d, r, dbl);
      }
    }
  },

  fcvtHalf(s: A64Cpu, from: number, to: number, d: number, n: number): void {
    // half <-> single/double conversion (round to nearest even)
    if (from === 3) {
      const hbits = s.vh[8 * n];
      const sign = hbits >> 15, e = (hbits >> 10) & 31, f = hbits & 1023;
      let v: number;
      if (e === 31) v = f ? NaN : Infinity;
      else if (e === 0) v = f * 2 ** -24;
      else v = (1 + f / 1024) * 2 ** (e - 15);
      putF(s, d, sign ? -v : v, to === 1);
      return;
    }
    const x = getF(s, n, from === 1);
    let h: number;
    const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
    const a = Math.abs(x);
    if (a !== a) h = 0x7e00;
    else if (a >= 65520) h = 0x7c00;
    else if (a < 2 ** -14) h = roundInt(a / 2 ** -24, 0);
    else {
      let e = Math.floor(Math.log2(a));
      if (2 ** e > a) e--;
      if (2 ** (e + 1) <= a) e++;
      let m = roundInt((a / 2 ** e - 1) * 1024, 0);
      if (m === 1024) {
        m = 0;
        e++;
      }
      h = e + 15 >= 31 ? 0x7c00 : ((e + 15) << 10) | m;
    }
    putF(s, d, 0, false);
    s.vh[8 * d] = h | sign;
  },

  /** fp2 group: fmul fdiv fadd fsub fmax fmin fmaxnm fminnm fnmul. */
  fp2(s: A64Cpu, w: number): void {
    const o = (w >>> 12) & 15, dbl = ((w >>> 22) & 1) === 1;
    const d = w & 31, n = (w >>> 5) & 31, m = (w >>> 16) & 31;
    if (o < 4) {
      // fast path: no NaN operand, straight to the soft-float core
      const vi = s.vi, fi = SH.fi;
      fi[2] = vi[4 * n];
      fi[4] = vi[4 * m];
      if (dbl) {
        fi[3] = vi[4 * n + 1];
        fi[5] = vi[4 * m + 1];
      } else fi[3] = fi[5] = -1;
      const x = dbl ? SH.f[1] : SH.f32[2], y = dbl ? SH.f[2] : SH.f32[4];
      if (x === x && y === y) {
        SH.fflags = 0;
        FP2_FNS[dbl ? o : o + 4](SH, 0, 1, 2, RMODE[(s.fpcr >>> 22) & 3]);
        if (SH.fflags) flagsBack(s);
        vi[4 * d] = fi[0];
        vi[4 * d + 1] = dbl ? fi[1] : 0;
        vi[4 * d + 2] = 0;
        vi[4 * d + 3] = 0;
        return;
      }
    }
    switch (o) {
      case 0:
        return fpBin(s, w, "fmul");
      case 1:
        return fpBin(s, w, "fdiv");
      case 2:
        return fpBin(s, w, "fadd");
      case 3:
        return fpBin(s, w, "fsub");
      case 8:
        return fpBin(s, w, "fmul", true);
      default: {
        const nm = o >= 6;
        if (nm) {
          const qa = isNaNBits(s, n, dbl), qb = isNaNBits(s, m, dbl);
          if (qa === 1 && qb === 0) return putF(s, d, getF(s, m, dbl), dbl);
          if (qb === 1 && qa === 0) return putF(s, d, getF(s, n, dbl), dbl);
        }
        if (procNaNs(s, d, [n, m], dbl)) return;
        const a = getF(s, n, dbl), b = getF(s, m, dbl);
        putF(s, d, (o & 1) ? Math.min(a, b) : Math.max(a, b), dbl);
      }
    }
  },

  /** fp3 group: fmadd fmsub fnmadd fnmsub (operands negated first, as ARM does). */
  fp3(s: A64Cpu, w: number): void {
    const dbl = bits(w, 22, 22) === 1, o1 = bits(w, 21, 21), o0 = bits(w, 15, 15);
    const d = w & 31, n = bits(w, 9, 5), m = bits(w, 20, 16), a = bits(w, 14, 10);
    let va = rawOf(s, a, dbl), vn = rawOf(s, n, dbl);
    if (o1) va = rawNeg(va, dbl);
    if (o0 !== o1) vn = rawNeg(vn, dbl);
    writeRaw(s, d, arith(s, "fma", vn, rawOf(s, m, dbl), dbl, va), dbl);
  },

  /** fcmp/fcmpe: returns NZCV. */
  fcmp(s: A64Cpu, w: number): number {
    const dbl = bits(w, 22, 22) === 1, n = bits(w, 9, 5), m = bits(w, 20, 16);
    const zero = bits(w, 3, 3) === 1, e = bits(w, 4, 4) === 1;
    const a = getF(s, n, dbl), b = zero ? 0 : getF(s, m, dbl);
    if (a !== a || b !== b) {
      if (e || isNaNBits(s, n, dbl) === 2 || (!zero && isNaNBits(s, m, dbl) === 2)) s.fpsr |= 1;
      return 3;
    }
    return a === b ? 6 : a < b ? 8 : 2;
  },

  /** FP <-> integer conversions and moves. Returns the GPR low word (high in h). */
  fpint(s: A64Cpu, w: number, lo: number, hi: number): number {
    const sf = w >>> 31, type = bits(w, 23, 22), rmode = bits(w, 20, 19), opc = bits(w, 18, 16);
    const d = w & 31, n = bits(w, 9, 5);
    const dbl = type === 1;
    this.h = 0;
    if (opc === 6) { // fmov to general
      if (rmode === 1) {
        this.h = s.vi[4 * n + 3];
        return s.vi[4 * n + 2];
      }
      if (type === 3) return s.vh[8 * n];
      if (sf) this.h = s.vi[4 * n + 1];
      return s.vi[4 * n];
    }
    if (opc === 7) { // fmov from general
      if (rmode === 1) {
        s.vi[4 * d + 2] = lo;
        s.vi[4 * d + 3] = hi;
        return 0;
      }
      s.vi[4 * d] = type === 3 ? lo & 0xffff : lo;
      s.vi[4 * d + 1] = sf ? hi : 0;
      s.vi[4 * d + 2] = 0;
      s.vi[4 * d + 3] = 0;
      return 0;
    }
    const R = FPU_RUNTIME;
    if (opc === 2 || opc === 3) { // scvtf / ucvtf
      const u = opc === 3;
      SH.fflags = 0;
      const rm = rmOf(s);
      if (dbl) {
        (sf ? (u ? R.fcvt_d_lu : R.fcvt_d_l) : (u ? R.fcvt_d_wu : R.fcvt_d_w))(SH, 0, lo, hi, rm);
      } else {
        (sf ? (u ? R.fcvt_s_lu : R.fcvt_s_l) : (u ? R.fcvt_s_wu : R.fcvt_s_w))(SH, 0, lo, hi, rm);
      }
      flagsBack(s);
      st(s, d, 0, dbl);
      return 0;
    }
    // fcvt[npmza][su]
    const u = (opc & 1) === 1;
    const rm = opc >= 4 ? 4 : [0, 3, 2, 1][rmode];
    return this.cvtToInt(s, n, dbl, sf, u, rm);
  },

  cvtToInt(s: A64Cpu, n: number, dbl: boolean, sf: number, u: boolean, rm: number): number {
    const R = FPU_RUNTIME;
    this.h = 0;
    if (isNaNBits(s, n, dbl)) {
      s.fpsr |= 1;
      return 0;
    }
    ld(s, n, 1, dbl);
    SH.fflags = 0;
    let l: number;
    if (sf) {
      l = (dbl ? (u ? R.fcvt_lu_d : R.fcvt_l_d) : (u ? R.fcvt_lu_s : R.fcvt_l_s))(SH, 1, rm);
      this.h = R.fhi();
    } else {
      l = (dbl ? (u ? R.fcvt_wu_d : R.fcvt_w_d) : (u ? R.fcvt_wu_s : R.fcvt_w_s))(SH, 1, rm);
    }
    flagsBack(s);
    return l;
  },

  /** Fixed-point conversions (scvtf/ucvtf/fcvtzs/fcvtzu with #fbits). */
  fpfix(s: A64Cpu, w: number, lo: number, hi: number): number {
    const sf = w >>> 31, dbl = bits(w, 22, 22) === 1, opc = bits(w, 18, 16);
    const fb = 64 - bits(w, 15, 10), d = w & 31, n = bits(w, 9, 5);
    this.h = 0;
    if (opc === 2 || opc === 3) {
      const R = FPU_RUNTIME, u = opc === 3;
      SH.fflags = 0;
      if (dbl) {
        (sf ? (u ? R.fcvt_d_lu : R.fcvt_d_l) : (u ? R.fcvt_d_wu : R.fcvt_d_w))(
          SH,
          0,
          lo,
          hi,
          rmOf(s),
        );
      } else {(sf ? (u ? R.fcvt_s_lu : R.fcvt_s_l) : (u ? R.fcvt_s_wu : R.fcvt_s_w))(
          SH,
          0,
          lo,
          hi,
          rmOf(s),
        );}
      flagsBack(s);
      const v = dbl ? SH.f[0] : SH.f32[0];
      putF(s, d, v / 2 ** fb, dbl);
      return 0;
    }
    const x = getF(s, n, dbl) * 2 ** fb;
    const tmp = dbl ? s.vd[2 * n] : s.vf[4 * n];
    // convert through a scratch register: write the scaled value to V31's shadow
    const save = [s.vi[4 * n], s.vi[4 * n + 1], s.vi[4 * n + 2], s.vi[4 * n + 3]];
    if (dbl) s.vd[2 * n] = x;
    else s.vf[4 * n] = x;
    const r = this.cvtToInt(s, n, dbl, sf, opc === 1, 1);
    s.vi[4 * n] = save[0];
    s.vi[4 * n + 1] = save[1];
    s.vi[4 * n + 2] = save[2];
    s.vi[4 * n + 3] = save[3];
    void tmp;
    return r;
  },

  fcsel(s: A64Cpu, w: number, cond: number): void {
    const dbl = bits(w, 22, 22) === 1, d = w & 31;
    const src = cond ? bits(w, 9, 5) : bits(w, 20, 16);
    const lo = s.vi[4 * src], hi = s.vi[4 * src + 1];
    s.vi[4 * d] = lo;
    s.vi[4 * d + 1] = dbl ? hi : 0;
    s.vi[4 * d + 2] = 0;
    s.vi[4 * d + 3] = 0;
  },

  // ---- Advanced SIMD ----

  /** Vector three-same integer ops and the logic ops. */
  v3same(s: A64Cpu, w: number, op: number): void {
    const name = V3_NAMES[op];
    const q = bits(w, 30, 30), d = w & 31, n = bits(w, 9, 5), m = bits(w, 20, 16);
    const vi = s.vi;
    if (op < 8) {
      const cnt = q ? 4 : 2;
      for (let i = 0; i < cnt; i++) {
        const a = vi[4 * n + i], b = vi[4 * m + i], c = vi[4 * d + i];
        let r: number;
        switch (op) {
          case 0:
            r = a & b;
            break;
          case 1:
            r = a & ~b;
            break;
          case 2:
            r = a | b;
            break;
          case 3:
            r = a | ~b;
            break;
          case 4:
            r = a ^ b;
            break;
          case 5:
            r = (c & a) | (~c & b);
            break;
          case 6:
            r = (b & a) | (~b & c);
            break;
          default:
            r = (~b & a) | (b & c);
        }
        TMP[i] = r;
      }
      for (let i = 0; i < cnt; i++) vi[4 * d + i] = TMP[i];
      if (!q) vi[4 * d + 2] = vi[4 * d + 3] = 0;
      return;
    }
    const size = bits(w, 23, 22), es = 8 << size, cnt = (q ? 128 : 64) / es;
    if (name === "cmeq" && size === 0) {
      const vb = s.vb;
      for (let i = 0; i < cnt; i++) TB[i] = vb[16 * n + i] === vb[16 * m + i] ? 255 : 0;
      for (let i = 0; i < cnt; i++) vb[16 * d + i] = TB[i];
      if (!q) vi[4 * d + 2] = vi[4 * d + 3] = 0;
      return;
    }
    if (size === 0 && (name === "umaxp" || name === "uminp" || name === "addp")) {
      const vb = s.vb, h = cnt >> 1;
      for (let i = 0; i < h; i++) {
        const a = vb[16 * n + 2 * i], b = vb[16 * n + 2 * i + 1];
        const c = vb[16 * m + 2 * i], e = vb[16 * m + 2 * i + 1];
        TB[i] = name === "addp" ? a + b : name === "umaxp" ? (a > b ? a : b) : (a < b ? a : b);
        TB[h + i] = name === "addp" ? c + e : name === "umaxp" ? (c > e ? c : e) : (c < e ? c : e);
      }
      for (let i = 0; i < cnt; i++) vb[16 * d + i] = TB[i];
      if (!q) vi[4 * d + 2] = vi[4 * d + 3] = 0;
      return;
    }
    const A = readVec(s, n, size, cnt), B = readVec(s, m, size, cnt);
    if (PAIRWISE[name]) {
      const f = PAIRWISE[name];
      const out: Lane[] = [];
      for (let i = 0; i < cnt; i += 2) out.push(f(A[i], A[i + 1], size, 0));
      for (let i = 0; i < cnt; i += 2) out.push(f(B[i], B[i + 1], size, 0));
      writeVec(s, d, size, out, q);
      return;
    }
    const D = readVec(s, d, size, cnt);
    const f = SIMD3[name];
    const out: Lane[] = [];
    QC.v = 0;
    for (let i = 0; i < cnt; i++) out.push(f(A[i], B[i], size, D[i]));
    if (QC.v) s.fpsr |= 1 << 27;
    writeVec(s, d, size, out, q);
  },

  v3fp(s: A64Cpu, w: number, op: number): void {
    const name = V3FP_NAMES[op];
    const q = bits(w, 30, 30),
      dbl = bits(w, 22, 22) === 1,
      d = w & 31,
      n = bits(w, 9, 5),
      m = bits(w, 20, 16);
    const cnt = (q ? 128 : 64) / (dbl ? 64 : 32);
    const A: Raw[] = [], B: Raw[] = [], D: Raw[] = [];
    for (let i = 0; i < cnt; i++) {
      A.push(rawOf(s, n, dbl, i));
      B.push(rawOf(s, m, dbl, i));
      D.push(rawOf(s, d, dbl, i));
    }
    const num = (v: Raw) => {
      if (dbl) {
        SCR_I[0] = v[0];
        SCR_I[1] = v[1];
        return SCR_D[0];
      }
      SCR_I[0] = v[0];
      return SCR_F[0];
    };
    const raw = (x: number): Raw => {
      if (dbl) {
        SCR_D[0] = x;
        return [SCR_I[0], SCR_I[1]];
      }
      SCR_F[0] = x;
      return [SCR_I[0], 0];
    };
    const lane = (nm: string, a: Raw, b: Raw, c: Raw): Raw => {
      switch (nm) {
        case "fadd":
        case "faddp":
          return arith(s, "fadd", a, b, dbl);
        case "fsub":
        case "fmul":
        case "fdiv":
          return arith(s, nm, a, b, dbl);
        case "fabd": {
          const r = arith(s, "fsub", a, b, dbl);
          return rawKind(r, dbl) ? r : dbl ? [r[0], r[1] & 0x7fffffff] : [r[0] & 0x7fffffff, 0];
        }
        case "fmulx": {
          // as fmul, except that infinity times zero is 2.0 with the xor of the signs
          const ka = rawKind(a, dbl), kb = rawKind(b, dbl);
          if (
            !ka && !kb &&
            ((rawIsInf(a, dbl) && rawIsZero(b, dbl)) || (rawIsZero(a, dbl) && rawIsInf(b, dbl)))
          ) {
            const neg = ((dbl ? a[1] ^ b[1] : a[0] ^ b[0]) & (0x80000000 | 0)) !== 0;
            return raw(neg ? -2 : 2);
          }
          return arith(s, "fmul", a, b, dbl);
        }
        case "facge":
        case "facgt": {
          const ka = rawKind(a, dbl), kb = rawKind(b, dbl);
          if (ka || kb) {
            s.fpsr |= 1;
            return [0, 0];
          }
          const x = Math.abs(num(a)), y = Math.abs(num(b));
          return (nm === "facge" ? x >= y : x > y) ? [-1, dbl ? -1 : 0] : [0, 0];
        }
        case "fmla":
          return arith(s, "fma", a, b, dbl, c);
        case "fmls":
          return arith(s, "fma", rawNeg(a, dbl), b, dbl, c);
        default: {
          const nan = nm.endsWith("nm") ? null : pickNaN(s, [a, b], dbl);
          if (nan) return nan;
          const x = num(a), y = num(b);
          if (nm.endsWith("nm")) {
            const ka = rawKind(a, dbl), kb = rawKind(b, dbl);
            if (ka === 2 || kb === 2) return pickNaN(s, [a, b], dbl)!;
            if (ka && !kb) return b;
            if (kb && !ka) return a;
            if (ka && kb) return pickNaN(s, [a, b], dbl)!;
          }
          if (nm.startsWith("fmax")) return raw(Math.max(x, y));
          if (nm.startsWith("fmin")) return raw(Math.min(x, y));
          // compares
          const ka = rawKind(a, dbl), kb = rawKind(b, dbl);
          if (ka || kb) {
            if (nm !== "fcmeq" || ka === 2 || kb === 2) s.fpsr |= 1;
            return dbl ? [0, 0] : [0, 0];
          }
          const t = nm === "fcmeq" ? x === y : nm === "fcmge" ? x >= y : x > y;
          return t ? [-1, dbl ? -1 : 0] : [0, 0];
        }
      }
    };
    const out: Raw[] = [];
    if (name.endsWith("p")) {
      const base = name === "faddp" ? "fadd" : name.slice(0, -1);
      for (let i = 0; i < cnt; i += 2) out.push(lane(base, A[i], A[i + 1], A[i]));
      for (let i = 0; i < cnt; i += 2) out.push(lane(base, B[i], B[i + 1], B[i]));
    } else {
      for (let i = 0; i < cnt; i++) out.push(lane(name, A[i], B[i], D[i]));
    }
    for (let i = 0; i < cnt; i++) {
      if (dbl) {
        s.vi[4 * d + 2 * i] = out[i][0];
        s.vi[4 * d + 2 * i + 1] = out[i][1];
      } else s.vi[4 * d + i] = out[i][0];
    }
    if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
  },

  /** One lane of a two-register-misc FP op on a raw value. */
  fpLane2(s: A64Cpu, name: string, v: Raw, dbl: boolean): Raw {
    const R = FPU_RUNTIME;
    switch (name) {
      case "fabs":
        return dbl ? [v[0], v[1] & 0x7fffffff] : [v[0] & 0x7fffffff, 0];
      case "fneg":
        return rawNeg(v, dbl);
      case "scvtf":
      case "ucvtf": {
        const u = name === "ucvtf";
        SH.fflags = 0;
        if (dbl) (u ? R.fcvt_d_lu : R.fcvt_d_l)(SH, 0, v[0], v[1], rmOf(s));
        else (u ? R.fcvt_s_wu : R.fcvt_s_w)(SH, 0, v[0], 0, rmOf(s));
        flagsBack(s);
        return shGet(0, dbl);
      }
      case "fcvtzs":
      case "fcvtzu":
      case "fcvtns":
      case "fcvtnu":
      case "fcvtms":
      case "fcvtmu":
      case "fcvtps":
      case "fcvtpu":
      case "fcvtas":
      case "fcvtau": {
        const u = name[5] === "u", rm = CVT_RM[name[4]];
        if (rawKind(v, dbl)) {
          s.fpsr |= 1;
          return [0, 0];
        }
        shPut(1, v, dbl);
        SH.fflags = 0;
        let r: Raw;
        if (dbl) {
          const l = (u ? R.fcvt_lu_d : R.fcvt_l_d)(SH, 1, rm);
          r = [l, R.fhi()];
        } else r = [(u ? R.fcvt_wu_s : R.fcvt_w_s)(SH, 1, rm), 0];
        flagsBack(s);
        return r;
      }
      case "fcmeq0":
      case "fcmge0":
      case "fcmgt0":
      case "fcmle0":
      case "fcmlt0": {
        const k = rawKind(v, dbl);
        if (k) {
          if (name !== "fcmeq0" || k === 2) s.fpsr |= 1;
          return [0, 0];
        }
        SCR_I[0] = v[0];
        SCR_I[1] = v[1];
        const x = dbl ? SCR_D[0] : SCR_F[0];
        const t = name === "fcmeq0"
          ? x === 0
          : name === "fcmge0"
          ? x >= 0
          : name === "fcmgt0"
          ? x > 0
          : name === "fcmle0"
          ? x <= 0
          : x < 0;
        return t ? [-1, dbl ? -1 : 0] : [0, 0];
      }
      case "fsqrt": {
        const nan = pickNaN(s, [v], dbl);
        if (nan) return nan;
        shPut(1, v, dbl);
        SH.fflags = 0;
        (dbl ? R.fsqrt_d : R.fsqrt_s)(SH, 0, 1, rmOf(s));
        flagsBack(s);
        return shGet(0, dbl);
      }
      default: { // frint*
        const nan = pickNaN(s, [v], dbl);
        if (nan) return nan;
        const mode =
          ({ frintn: 0, frintm: 2, frintp: 1, frintz: 3, frinta: 4 } as Record<string, number>)[
            name
          ] ??
            FMODE[(s.fpcr >>> 22) & 3];
        if (dbl) {
          SCR_I[0] = v[0];
          SCR_I[1] = v[1];
          const x = SCR_D[0], r = roundInt(x, mode);
          if (name === "frintx" && r !== x) s.fpsr |= 16;
          SCR_D[0] = r;
          return [SCR_I[0], SCR_I[1]];
        }
        SCR_I[0] = v[0];
        const x = SCR_F[0], r = roundInt(x, mode);
        if (name === "frintx" && r !== x) s.fpsr |= 16;
        SCR_F[0] = r;
        return [SCR_I[0], 0];
      }
    }
  },

  v2misc(s: A64Cpu, w: number, op: number): void {
    const name = V2_NAMES[op];
    const q = bits(w, 30, 30), size = bits(w, 23, 22), d = w & 31, n = bits(w, 9, 5);
    if (name === "xtn" || name === "sqxtn" || name === "sqxtun" || name === "uqxtn") {
      const src = readVec(s, n, size + 1, 64 / (8 << size));
      const out = src.map((v) => {
        if (name === "xtn") return nz(size + 1 === 3 ? BigInt.asUintN(8 << size, v) : v, size);
        const sv = name === "uqxtn" ? v : sx(v, size + 1);
        const max = name === "sqxtn"
          ? (size === 2 ? 0x7fffffff : (1 << ((8 << size) - 1)) - 1)
          : ones(size);
        const min = name === "sqxtn" ? -(2 ** ((8 << size) - 1)) : 0;
        const nv = Number(sv);
        const r = nv > Number(max) ? Number(max) : nv < min ? min : nv;
        if (r !== nv) s.fpsr |= 1 << 27;
        return nz(r, size);
      });
      const base = q ? out.length : 0;
      if (!q) {
        writeVec(s, d, size, out, 0);
      } else {
        for (let i = 0; i < out.length; i++) setLane(s, d, size, base + i, out[i]);
      }
      return;
    }
    if (INT2_MISC.has(name)) {
      const es = 8 << size, cnt = (q ? 128 : 64) / es;
      const A = readVec(s, n, size, cnt).map((v) => BigInt(v));
      const sg = (v: bigint) => BigInt.asIntN(es, v);
      const out: Lane[] = [];
      const put = (v: bigint, z: number) =>
        out.push(z === 3 ? BigInt.asUintN(64, v) : nz(Number(BigInt.asUintN(8 << z, v)), z));
      QC.v = 0;
      if (name.endsWith("lp")) { // pairwise add long (and accumulate)
        const signed = name[0] === "s";
        for (let i = 0; i < cnt / 2; i++) {
          const [x, y] = signed ? [sg(A[2 * i]), sg(A[2 * i + 1])] : [A[2 * i], A[2 * i + 1]];
          const acc = name.slice(1, 4) === "ada" ? BigInt(getLane(s, d, size + 1, i)) : 0n;
          put(acc + x + y, size + 1);
        }
        writeVec(s, d, size + 1, out, q);
        return;
      }
      if (name === "shll") {
        const k = 64 / es, half = q ? k : 0;
        for (let i = 0; i < k; i++) {
          put(BigInt(getLane(s, n, size, half + i)) << BigInt(es), size + 1);
        }
        writeVec(s, d, size + 1, out, 1);
        return;
      }
      for (let i = 0; i < cnt; i++) {
        const x = A[i];
        switch (name) {
          case "clz":
            put(BigInt(clzBig(x, es)), size);
            break;
          case "cls":
            put(BigInt(clzBig(((x >> 1n) ^ x) & ((1n << BigInt(es - 1)) - 1n), es - 1)), size);
            break;
          case "sqabs":
            put(satBig(sg(x) < 0n ? -sg(x) : sg(x), es, true), size);
            break;
          case "sqneg":
            put(satBig(-sg(x), es, true), size);
            break;
          case "suqadd":
            put(satBig(sg(BigInt(getLane(s, d, size, i))) + x, es, true), size);
            break;
          default: // usqadd
            put(satBig(BigInt(getLane(s, d, size, i)) + sg(x), es, false), size);
        }
      }
      if (QC.v) s.fpsr |= 1 << 27;
      writeVec(s, d, size, out, q);
      return;
    }
    if (name === "fcvtl" || name === "fcvtn") {
      // single <-> double, lane by lane; fcvtl2 reads, fcvtn2 writes, the upper half
      const widen = name === "fcvtl", out: Raw[] = [];
      for (let i = 0; i < 2; i++) {
        out.push(
          cvtSD(s, widen ? rawOf(s, n, false, (q ? 2 : 0) + i) : rawOf(s, n, true, i), !widen),
        );
      }
      if (widen) {
        for (let i = 0; i < 2; i++) [s.vi[4 * d + 2 * i], s.vi[4 * d + 2 * i + 1]] = out[i];
      } else {
        const base = q ? 2 : 0;
        for (let i = 0; i < 2; i++) s.vi[4 * d + base + i] = out[i][0];
        if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
      }
      return;
    }
    const isFp = name.startsWith("f") || name.endsWith("cvtf");
    if (isFp) {
      const dbl = bits(w, 22, 22) === 1, cnt = (q ? 128 : 64) / (dbl ? 64 : 32);
      const R = FPU_RUNTIME;
      const out: Raw[] = [];
      for (let i = 0; i < cnt; i++) out.push(this.fpLane2(s, name, rawOf(s, n, dbl, i), dbl));
      for (let i = 0; i < cnt; i++) {
        if (dbl) {
          s.vi[4 * d + 2 * i] = out[i][0];
          s.vi[4 * d + 2 * i + 1] = out[i][1];
        } else s.vi[4 * d + i] = out[i][0];
      }
      if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
      void R;
      return;
    }
    const es = 8 << size, cnt = (q ? 128 : 64) / es;
    if (name === "not" || name === "rbit" || name === "cnt") {
      const out: number[] = [];
      for (let i = 0; i < (q ? 16 : 8); i++) {
        const b = s.vb[16 * n + i];
        out.push(
          name === "not"
            ? ~b & 255
            : name === "cnt"
            ? A64_RUNTIME.pop32(b)
            : A64_RUNTIME.rbit32(b) >>> 24,
        );
      }
      writeVec(s, d, 0, out, q);
      return;
    }
    if (name.startsWith("rev")) {
      const c = name === "rev16" ? 2 : name === "rev32" ? 4 : 8; // container bytes
      const eb = 1 << size;
      const src = readVec(s, n, size, cnt);
      const per = c / eb;
      const out: Lane[] = [];
      for (let i = 0; i < cnt; i++) {
        const base = Math.floor(i / per) * per;
        out.push(src[base + per - 1 - (i - base)]);
      }
      writeVec(s, d, size, out, q);
      return;
    }
    const A = readVec(s, n, size, cnt);
    const out = A.map((a) => {
      const v = sx(a, size);
      const z = size === 3 ? 0n : 0;
      switch (name) {
        case "cmgt0":
          return v > z ? ones(size) : zero(size);
        case "cmeq0":
          return v == z ? ones(size) : zero(size);
        case "cmlt0":
          return v < z ? ones(size) : zero(size);
        case "cmge0":
          return v >= z ? ones(size) : zero(size);
        case "cmle0":
          return v <= z ? ones(size) : zero(size);
        case "abs":
          return nz(v < z ? -v : v, size);
        case "neg":
          return nz(-v, size);
        default:
          return a;
      }
    });
    writeVec(s, d, size, out, q);
  },

  vacross(s: A64Cpu, w: number, op: number): void {
    const name = ACROSS_NAMES[op];
    const q = bits(w, 30, 30), size = bits(w, 23, 22), d = w & 31, n = bits(w, 9, 5);
    const cnt = (q ? 128 : 64) / (8 << size);
    const A = readVec(s, n, size, cnt);
    let r: number;
    const signed = name[0] === "s";
    const vals = A.map((a) => signed ? sx(a, size) : a) as number[];
    switch (name) {
      case "addv":
      case "saddlv":
      case "uaddlv":
        r = vals.reduce((x, y) => x + y, 0);
        break;
      case "umaxv":
      case "smaxv":
        r = Math.max(...vals);
        break;
      default:
        r = Math.min(...vals);
    }
    const outSize = name.endsWith("lv") ? size + 1 : size;
    s.vi[4 * d] =
      s.vi[4 * d + 1] =
      s.vi[4 * d + 2] =
      s.vi[4 * d + 3] =
        0;
    setLane(s, d, outSize, 0, outSize === 3 ? BigInt.asUintN(64, BigInt(r)) : nz(r, outSize));
  },

  vshift(s: A64Cpu, w: number, op: number, scalar: number): void {
    const name = SHIFT_NAMES[op];
    const q = scalar ? 0 : bits(w, 30, 30), immh = bits(w, 22, 19), immb = bits(w, 18, 16);
    const d = w & 31, n = bits(w, 9, 5);
    const size = 31 - Math.clz32(immh), es = 8 << size, immhb = (immh << 3) | immb;
    const left = /^(shl|sli|[su]shll|[su]qshl_imm|sqshlu)$/.test(name);
    const sh = left ? immhb - es : 2 * es - immhb;
    if (name.endsWith("_fix")) {
      // fixed-point <-> FP with `sh` fraction bits, lane by lane (single or double lanes)
      const dbl = size === 3, cnt = (q ? 128 : 64) / es, R = FPU_RUNTIME;
      const u = name[0] === "u" || name[5] === "u";
      const out: Raw[] = [];
      for (let i = 0; i < cnt; i++) {
        const v = rawOf(s, n, dbl, i);
        SH.fflags = 0;
        if (name.endsWith("cvtf_fix")) {
          if (dbl) (u ? R.fcvt_d_lu : R.fcvt_d_l)(SH, 0, v[0], v[1], rmOf(s));
          else (u ? R.fcvt_s_wu : R.fcvt_s_w)(SH, 0, v[0], 0, rmOf(s));
          flagsBack(s);
          const x = (dbl ? SH.f[0] : SH.f32[0]) / 2 ** sh;
          if (dbl) {
            SCR_D[0] = x;
            out.push([SCR_I[0], SCR_I[1]]);
          } else {
            SCR_F[0] = x;
            out.push([SCR_I[0], 0]);
          }
          continue;
        }
        if (rawKind(v, dbl)) {
          s.fpsr |= 1;
          out.push([0, 0]);
          continue;
        }
        // scale exactly in double, then convert toward zero with saturation
        SCR_I[0] = v[0];
        SCR_I[1] = v[1];
        SCR_D[0] = (dbl ? SCR_D[0] : SCR_F[0]) * 2 ** sh;
        shPut(1, [SCR_I[0], SCR_I[1]], true);
        if (dbl) {
          const l = (u ? R.fcvt_lu_d : R.fcvt_l_d)(SH, 1, 1);
          out.push([l, R.fhi()]);
        } else out.push([(u ? R.fcvt_wu_d : R.fcvt_w_d)(SH, 1, 1), 0]);
        flagsBack(s);
      }
      for (let i = 0; i < cnt; i++) {
        if (dbl) [s.vi[4 * d + 2 * i], s.vi[4 * d + 2 * i + 1]] = out[i];
        else s.vi[4 * d + i] = out[i][0];
      }
      if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
      return;
    }
    if (/^[su]qr?shru?n$/.test(name)) {
      // saturating narrow: signed (sq*) or unsigned (uq*) source, rounding for *r*, the
      // result saturated to a signed (sqshrn) or unsigned (uqshrn, sqshrun) narrow lane
      const cnt = 64 / es,
        srcSigned = name[0] === "s",
        dstSigned = name[0] === "s" && !name.endsWith("un");
      const round = name.includes("rshr");
      QC.v = 0;
      const out: Lane[] = [];
      for (let i = 0; i < cnt; i++) {
        let x = BigInt(getLane(s, n, size + 1, i));
        if (srcSigned) x = BigInt.asIntN(2 * es, x);
        if (round) x += 1n << BigInt(sh - 1);
        const r = BigInt.asUintN(es, satBig(x >> BigInt(sh), es, dstSigned));
        out.push(size === 3 ? r : Number(r));
      }
      if (QC.v) s.fpsr |= 1 << 27;
      if (!q) writeVec(s, d, size, out, 0);
      else for (let i = 0; i < cnt; i++) setLane(s, d, size, cnt + i, out[i]);
      return;
    }
    if (/^([su]qshl_imm|sqshlu|[su]rshr|[su]rsra)$/.test(name)) {
      const cnt = (q ? 128 : 64) / es;
      QC.v = 0;
      const out: Lane[] = [];
      for (let i = 0; i < cnt; i++) {
        const u = BigInt(getLane(s, n, size, i)), x = name[0] === "s" ? BigInt.asIntN(es, u) : u;
        let r: bigint;
        if (name.endsWith("imm")) r = satBig(x << BigInt(sh), es, name[0] === "s");
        else if (name === "sqshlu") r = satBig(x << BigInt(sh), es, false);
        else {
          r = (x + (1n << BigInt(sh - 1))) >> BigInt(sh);
          if (name.endsWith("sra")) r += BigInt(getLane(s, d, size, i));
        }
        r = BigInt.asUintN(es, r);
        out.push(size === 3 ? r : Number(r));
      }
      if (QC.v) s.fpsr |= 1 << 27;
      writeVec(s, d, size, out, q);
      return;
    }
    if ((name === "shrn" || name === "rshrn") && size < 2) {
      // narrow lanes of at most 32 bits: plain number arithmetic
      const cnt = 64 / es, mask = (1 << es) - 1, round = name === "rshrn" ? 2 ** (sh - 1) : 0;
      for (let i = 0; i < cnt; i++) {
        const v = size === 0 ? s.vh[8 * n + i] : s.vi[4 * n + i] >>> 0;
        TB32[i] = Math.floor((v + round) / 2 ** sh) & mask;
      }
      const base = q ? cnt : 0;
      for (let i = 0; i < cnt; i++) setLane(s, d, size, base + i, TB32[i]);
      if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
      return;
    }
    if (name === "shrn" || name === "rshrn") {
      const src = readVec(s, n, size + 1, 64 / es);
      const out = src.map((v) => {
        let x = size + 1 === 3 ? v : BigInt(v);
        if (name === "rshrn") x += 1n << BigInt(sh - 1);
        return nz(
          size === 2
            ? BigInt.asUintN(32, x >> BigInt(sh))
            : Number(BigInt.asUintN(es, x >> BigInt(sh))),
          size,
        );
      });
      if (!q) writeVec(s, d, size, out, 0);
      else for (let i = 0; i < out.length; i++) setLane(s, d, size, out.length + i, out[i]);
      return;
    }
    if (name === "sshll" || name === "ushll") {
      const cntIn = 64 / es;
      const src: Lane[] = [];
      for (let i = 0; i < cntIn; i++) src.push(getLane(s, n, size, i + (q ? cntIn : 0)));
      const out = src.map((v) => {
        const x = name === "sshll" ? sx(v, size) : v;
        const r = BigInt(x) << BigInt(sh);
        return size + 1 === 3 ? BigInt.asUintN(64, r) : nz(Number(BigInt.asIntN(32, r)), size + 1);
      });
      writeVec(s, d, size + 1, out, 1);
      return;
    }
    const cnt = scalar ? 1 : (q ? 128 : 64) / es;
    const A = readVec(s, n, size, cnt), D = readVec(s, d, size, cnt);
    const out = A.map((a, i) => {
      const x = BigInt(
        name[0] === "s" && name !== "shl" && name !== "sli" && name !== "sri" ? sx(a, size) : a,
      );
      let r: bigint;
      const M = (1n << BigInt(es)) - 1n;
      switch (name) {
        case "shl":
          r = x << BigInt(sh);
          break;
        case "sli": {
          const mask = (M << BigInt(sh)) & M;
          r = (BigInt(D[i]) & ~mask) | ((x << BigInt(sh)) & mask);
          break;
        }
        case "sri": {
          const mask = sh >= es ? 0n : M >> BigInt(sh);
          r = (BigInt(D[i]) & ~mask) | ((x >> BigInt(sh)) & mask);
          break;
        }
        case "ssra":
        case "usra":
          r = BigInt(D[i]) + (x >> BigInt(sh));
          break;
        default:
          r = x >> BigInt(sh);
      }
      r = BigInt.asUintN(es, r);
      return size === 3 ? r : Number(r);
    });
    if (scalar) {
      s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
      setLane(s, d, 3, 0, out[0]);
      return;
    }
    writeVec(s, d, size, out, q);
  },

  v3diff(s: A64Cpu, w: number, op: number): void {
    const name = DIFF_NAMES[op];
    const q = bits(w, 30, 30),
      size = bits(w, 23, 22),
      d = w & 31,
      n = bits(w, 9, 5),
      m = bits(w, 20, 16);
    const es = 8 << size, cnt = 64 / es, half = q ? cnt : 0;
    const signed = name[0] === "s";
    const ext = (v: Lane) => signed ? sx(v, size) : v;
    const out: Lane[] = [];
    if (name.endsWith("hn")) {
      for (let i = 0; i < cnt; i++) {
        const a = BigInt(getLane(s, n, size + 1, i)), b = BigInt(getLane(s, m, size + 1, i));
        let r = name.includes("add") ? a + b : a - b;
        if (name[0] === "r") r += 1n << BigInt(es - 1);
        out.push(nz(Number(BigInt.asUintN(es, r >> BigInt(es))), size));
      }
      if (!q) writeVec(s, d, size, out, 0);
      else for (let i = 0; i < cnt; i++) setLane(s, d, size, cnt + i, out[i]);
      return;
    }
    QC.v = 0;
    for (let i = 0; i < cnt; i++) {
      const wide = name.endsWith("w");
      const a = BigInt(
        wide
          ? (signed ? sx(getLane(s, n, size + 1, i), size + 1) : getLane(s, n, size + 1, i))
          : ext(getLane(s, n, size, half + i)),
      );
      const b = BigInt(ext(getLane(s, m, size, half + i)));
      const dv = BigInt(getLane(s, d, size + 1, i));
      let r: bigint;
      if (name.startsWith("sqdm")) {
        const p = satBig(2n * a * b, 2 * es, true);
        const acc = BigInt.asIntN(2 * es, dv);
        r = name === "sqdmull" ? p : satBig(name === "sqdmlal" ? acc + p : acc - p, 2 * es, true);
      } else if (name === "pmull") {
        r = 0n;
        for (let k = 0n; k < 8n; k++) if ((b >> k) & 1n) r ^= a << k;
      } else if (name.endsWith("abal")) r = dv + (a > b ? a - b : b - a);
      else if (name.endsWith("abdl")) r = a > b ? a - b : b - a;
      else if (name.includes("add")) r = a + b;
      else if (name.includes("sub")) r = a - b;
      else if (name.endsWith("mull")) r = a * b;
      else if (name.endsWith("mlsl")) r = dv - a * b;
      else r = dv + a * b; // mlal
      r = BigInt.asUintN(2 * es, r);
      out.push(size + 1 === 3 ? r : Number(r));
    }
    if (QC.v) s.fpsr |= 1 << 27;
    writeVec(s, d, size + 1, out, 1);
  },

  /**
   * Vector (and scalar) by indexed element: every lane of Vn with lane `index` of Vm.
   * FP: fmla/fmls/fmul on s or d lanes; integer: mul/mla/mls on h or s lanes, and the
   * widening [su]mull/[su]mlal/[su]mlsl (the "2" forms read the upper half of Vn).
   */
  velem(s: A64Cpu, w: number, op: number): void {
    const name = ELEM_NAMES[op].replace(/_s?elem$/, "");
    const scalar = bits(w, 28, 28) === 1, q = bits(w, 30, 30), size = bits(w, 23, 22);
    const L = bits(w, 21, 21), H = bits(w, 11, 11), d = w & 31, n = bits(w, 9, 5);
    const m = size === 1 ? bits(w, 19, 16) : bits(w, 20, 16);
    const idx = size === 1 ? (H << 2) | (L << 1) | bits(w, 20, 20) : size === 2 ? (H << 1) | L : H;
    if (name[0] === "f") {
      const dbl = size === 3;
      const cnt = scalar ? 1 : (q ? 128 : 64) / (dbl ? 64 : 32);
      const b = rawOf(s, m, dbl, idx);
      const out: Raw[] = [];
      for (let i = 0; i < cnt; i++) {
        const a = rawOf(s, n, dbl, i);
        if (name === "fmul") out.push(arith(s, "fmul", a, b, dbl));
        else {
          const c = rawOf(s, d, dbl, i);
          out.push(arith(s, "fma", name === "fmls" ? rawNeg(a, dbl) : a, b, dbl, c));
        }
      }
      const keep = s.vi.slice(4 * d, 4 * d + 4);
      keep.fill(0);
      s.vi.set(keep, 4 * d);
      for (let i = 0; i < cnt; i++) {
        if (dbl) {
          s.vi[4 * d + 2 * i] = out[i][0];
          s.vi[4 * d + 2 * i + 1] = out[i][1];
        } else s.vi[4 * d + i] = out[i][0];
      }
      return;
    }
    const b = getLane(s, m, size, idx);
    if (name === "mul" || name === "mla" || name === "mls") {
      const cnt = (q ? 128 : 64) / (8 << size);
      const f = SIMD3[name], out: Lane[] = [];
      for (let i = 0; i < cnt; i++) {
        out.push(f(getLane(s, n, size, i), b, size, getLane(s, d, size, i)));
      }
      writeVec(s, d, size, out, q);
      return;
    }
    const es = 8 << size, cnt = 64 / es, half = q ? cnt : 0;
    const signed = name[0] === "s";
    const ext = (v: Lane) => BigInt(signed ? sx(v, size) : v);
    const bb = ext(b), out: Lane[] = [];
    for (let i = 0; i < cnt; i++) {
      const p = ext(getLane(s, n, size, half + i)) * bb;
      const acc = BigInt(getLane(s, d, size + 1, i));
      const r = BigInt.asUintN(
        2 * es,
        name.endsWith("mull") ? p : name.endsWith("mlal") ? acc + p : acc - p,
      );
      out.push(size + 1 === 3 ? r : Number(r));
    }
    writeVec(s, d, size + 1, out, 1);
  },

  vperm(s: A64Cpu, w: number, op: number): void {
    const q = bits(w, 30, 30),
      size = bits(w, 23, 22),
      d = w & 31,
      n = bits(w, 9, 5),
      m = bits(w, 20, 16);
    const cnt = (q ? 128 : 64) / (8 << size);
    const A = readVec(s, n, size, cnt), B = readVec(s, m, size, cnt);
    const out: Lane[] = [];
    const part = (op >> 2) & 1; // 1 for *2
    const kind = op & 3; // 1 uzp, 2 trn, 3 zip
    for (let i = 0; i < cnt; i++) {
      if (kind === 1) {
        const j = 2 * i + part;
        out.push(j < cnt ? A[j] : B[j - cnt]);
      } else if (kind === 2) {
        const base = i & ~1;
        out.push(i & 1 ? B[base + part] : A[base + part]);
      } else {
        const j = (i >> 1) + part * (cnt >> 1);
        out.push(i & 1 ? B[j] : A[j]);
      }
    }
    writeVec(s, d, size, out, q);
  },

  vext(s: A64Cpu, w: number): void {
    const q = bits(w, 30, 30),
      d = w & 31,
      n = bits(w, 9, 5),
      m = bits(w, 20, 16),
      pos = bits(w, 14, 11);
    const cnt = q ? 16 : 8;
    for (let i = 0; i < cnt; i++) {
      const j = i + pos;
      TB[i] = j < cnt ? s.vb[16 * n + j] : s.vb[16 * m + j - cnt];
    }
    for (let i = 0; i < cnt; i++) s.vb[16 * d + i] = TB[i];
    if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
  },

  vtbl(s: A64Cpu, w: number): void {
    const q = bits(w, 30, 30), d = w & 31, n = bits(w, 9, 5), m = bits(w, 20, 16);
    const len = bits(w, 14, 13) + 1, tbx = bits(w, 12, 12);
    const cnt = q ? 16 : 8;
    for (let i = 0; i < cnt; i++) {
      const idx = s.vb[16 * m + i];
      TB[i] = idx < 16 * len
        ? s.vb[16 * ((n + (idx >> 4)) & 31) + (idx & 15)]
        : tbx
        ? s.vb[16 * d + i]
        : 0;
    }
    for (let i = 0; i < cnt; i++) s.vb[16 * d + i] = TB[i];
    if (!q) s.vi[4 * d + 2] = s.vi[4 * d + 3] = 0;
  },

  /** dup/ins/umov/smov. Returns the GPR result low word for umov/smov (high in h). */
  vcopy(s: A64Cpu, w: number, lo: number, hi: number, scalar: number): number {
    const q = bits(w, 30, 30), op = bits(w, 29, 29), imm5 = bits(w, 20, 16), imm4 = bits(w, 14, 11);
    const d = w & 31, n = bits(w, 9, 5);
    const size = 31 - Math.clz32(imm5 & -imm5), idx = imm5 >> (size + 1);
    this.h = 0;
    if (scalar) {
      const v = getLane(s, n, size, idx);
      s.vi[4 * d] =
        s.vi[4 * d + 1] =
        s.vi[4 * d + 2] =
        s.vi[4 * d + 3] =
          0;
      setLane(s, d, size, 0, v);
      return 0;
    }
    if (op === 1) {
      setLane(s, d, size, idx, getLane(s, n, size, imm4 >> size));
      return 0;
    }
    const cnt = (q ? 128 : 64) / (8 << size);
    switch (imm4) {
      case 0: {
        const v = getLane(s, n, size, idx);
        writeVec(s, d, size, new Array(cnt).fill(v), q);
        return 0;
      }
      case 1: {
        const v = size === 3 ? big(lo, hi) : nz(lo, size);
        writeVec(s, d, size, new Array(cnt).fill(v), q);
        return 0;
      }
      case 3:
        setLane(s, d, size, idx, size === 3 ? big(lo, hi) : nz(lo, size));
        return 0;
      case 5: {
        const v = sx(getLane(s, n, size, idx), size);
        this.h = v < 0 ? -1 : 0;
        return Number(v) | 0;
      }
      default: {
        const v = getLane(s, n, size, idx);
        if (size === 3) {
          this.h = s.vi[4 * n + 2 * idx + 1];
          return s.vi[4 * n + 2 * idx];
        }
        return v | 0;
      }
    }
  },

  vmodimm(s: A64Cpu, w: number): void {
    const q = bits(w, 30, 30), op = bits(w, 29, 29), cmode = bits(w, 15, 12), d = w & 31;
    const imm8 = (bits(w, 18, 16) << 5) | bits(w, 9, 5);
    let v: bigint;
    if (cmode === 15) {
      if (op) {
        const buf = new DataView(new ArrayBuffer(8));
        buf.setFloat64(0, fpImm8(imm8), true);
        v = buf.getBigUint64(0, true);
      } else {
        const buf = new DataView(new ArrayBuffer(4));
        buf.setFloat32(0, fpImm8(imm8), true);
        const x = BigInt(buf.getUint32(0, true));
        v = x | (x << 32n);
      }
    } else v = simdImm(op, cmode, imm8);
    const l = Number(v & 0xffffffffn) | 0, h = Number(v >> 32n) | 0;
    const vi = s.vi;
    const orr = cmode < 12 && (cmode & 1) && cmode !== 15;
    if (orr) {
      const bic = op === 1;
      for (let k = 0; k < (q ? 4 : 2); k++) {
        const x = k & 1 ? h : l;
        vi[4 * d + k] = bic ? vi[4 * d + k] & ~x : vi[4 * d + k] | x;
      }
      if (!q) vi[4 * d + 2] = vi[4 * d + 3] = 0;
      return;
    }
    const inv = op === 1 && cmode !== 14 && cmode !== 15; // mvni
    vi[4 * d] = inv ? ~l : l;
    vi[4 * d + 1] = inv ? ~h : h;
    vi[4 * d + 2] = q ? (inv ? ~l : l) : 0;
    vi[4 * d + 3] = q ? (inv ? ~h : h) : 0;
  },

  /** Scalar (d-register) integer ops: add sub cmeq cmtst addp, shifts, 2misc, faddp, fabd. */
  vscalar(s: A64Cpu, w: number, op: number): void {
    const d = w & 31, n = bits(w, 9, 5), m = bits(w, 20, 16);
    const vi = s.vi;
    const a = big(vi[4 * n], vi[4 * n + 1]), b = big(vi[4 * m], vi[4 * m + 1]);
    let r = 0n;
    switch (SCALAR_NAMES[op]) {
      case "add_scalar":
        r = a + b;
        break;
      case "sub_scalar":
        r = a - b;
        break;
      case "cmeq_scalar":
        r = a === b ? -1n : 0n;
        break;
      case "cmtst_scalar":
        r = (a & b) !== 0n ? -1n : 0n;
        break;
      case "addp_scalar":
        r = a + big(vi[4 * n + 2], vi[4 * n + 3]);
        break;
      case "sqadd_scalar":
      case "sqsub_scalar":
      case "uqadd_scalar":
      case "uqsub_scalar": {
        // Saturating ops on one element of any size (b, h, s, d); the rest of Vd is zeroed.
        const size = bits(w, 23, 22);
        const f = SIMD3[SCALAR_NAMES[op].replace("_scalar", "")];
        QC.v = 0;
        const v = f(getLane(s, n, size, 0), getLane(s, m, size, 0), size, zero(size));
        if (QC.v) s.fpsr |= 1 << 27;
        vi[4 * d] =
          vi[4 * d + 1] =
          vi[4 * d + 2] =
          vi[4 * d + 3] =
            0;
        setLane(s, d, size, 0, v);
        return;
      }
      case "faddp_scalar": {
        const dbl = bits(w, 22, 22) === 1;
        return writeRaw(s, d, arith(s, "fadd", rawOf(s, n, dbl, 0), rawOf(s, n, dbl, 1), dbl), dbl);
      }
      case "fabd_scalar": {
        const dbl = bits(w, 22, 22) === 1;
        const r = arith(s, "fsub", rawOf(s, n, dbl), rawOf(s, m, dbl), dbl);
        return writeRaw(
          s,
          d,
          rawKind(r, dbl) ? r : dbl ? [r[0], r[1] & 0x7fffffff] : [r[0] & 0x7fffffff, 0],
          dbl,
        );
      }
      default: {
        const name = SCALAR_NAMES[op].replace("_scalar", "");
        if (name.includes("cvt")) {
          const dbl = bits(w, 22, 22) === 1;
          if (name.endsWith("cvtf")) {
            const R = FPU_RUNTIME, u = name === "ucvtf";
            const lo = vi[4 * n], hi = vi[4 * n + 1];
            SH.fflags = 0;
            if (dbl) (u ? R.fcvt_d_lu : R.fcvt_d_l)(SH, 0, lo, hi, rmOf(s));
            else (u ? R.fcvt_s_wu : R.fcvt_s_w)(SH, 0, lo, 0, rmOf(s));
            flagsBack(s);
            st(s, d, 0, dbl);
          } else {
            const l = this.cvtToInt(s, n, dbl, dbl ? 1 : 0, name[5] === "u", CVT_RM[name[4]]);
            const h = this.h;
            vi[4 * d] = l;
            vi[4 * d + 1] = dbl ? h : 0;
            vi[4 * d + 2] = vi[4 * d + 3] = 0;
          }
          return;
        }
        const sa = BigInt.asIntN(64, a);
        switch (name) {
          case "cmgt0":
            r = sa > 0n ? -1n : 0n;
            break;
          case "cmeq0":
            r = sa === 0n ? -1n : 0n;
            break;
          case "cmlt0":
            r = sa < 0n ? -1n : 0n;
            break;
          case "cmge0":
            r = sa >= 0n ? -1n : 0n;
            break;
          case "cmle0":
            r = sa <= 0n ? -1n : 0n;
            break;
          case "abs":
            r = sa < 0n ? -sa : sa;
            break;
          default:
            r = -sa;
        }
      }
    }
    r = BigInt.asUintN(64, r);
    vi[4 * d] = Number(r & 0xffffffffn) | 0;
    vi[4 * d + 1] = Number(r >> 32n) | 0;
    vi[4 * d + 2] = vi[4 * d + 3] = 0;
  },

  /** ld1/st1 (and ld2-4/st2-4) multiple structures at window offset `o`. */
  vldstm(s: A64Cpu, w: number, o: number): void {
    const q = bits(w, 30, 30), l = bits(w, 22, 22), opc = bits(w, 15, 12), size = bits(w, 11, 10);
    const rt = w & 31;
    const [sel, nregs] = LDSTM[opc];
    const u8 = s.u8, vb = s.vb;
    const bytes = q ? 16 : 8;
    if (sel === 1) {
      for (let r = 0; r < nregs; r++) {
        const t = (rt + r) & 31;
        if (l) {
          for (let i = 0; i < bytes; i++) vb[16 * t + i] = u8[o + r * bytes + i];
          if (!q) s.vi[4 * t + 2] = s.vi[4 * t + 3] = 0;
        } else {
          for (let i = 0; i < bytes; i++) u8[o + r * bytes + i] = vb[16 * t + i];
        }
      }
      return;
    }
    const eb = 1 << size, cnt = bytes / eb;
    for (let e = 0; e < cnt; e++) {
      for (let r = 0; r < sel; r++) {
        const t = (rt + r) & 31;
        const off = o + (e * sel + r) * eb;
        for (let k = 0; k < eb; k++) {
          if (l) vb[16 * t + e * eb + k] = u8[off + k];
          else u8[off + k] = vb[16 * t + e * eb + k];
        }
      }
    }
    if (l && !q) {
      for (let r = 0; r < sel; r++) {
        s.vi[4 * ((rt + r) & 31) + 2] = s.vi[4 * ((rt + r) & 31) + 3] = 0;
      }
    }
  },

  /** ld1/st1 single structure and ld1r at window offset `o`. */
  vldsts(s: A64Cpu, w: number, o: number): void {
    const q = bits(w, 30, 30), l = bits(w, 22, 22), opc = bits(w, 15, 13), sb = bits(w, 12, 12);
    const size = bits(w, 11, 10), rt = w & 31;
    const sel = (((opc & 1) << 1) | bits(w, 21, 21)) + 1;
    const u8 = s.u8, vb = s.vb;
    if (opc >> 1 === 3) { // ldNr: replicate structure element j to every lane of Vt+j
      const eb = 1 << size, cnt = (q ? 16 : 8) / eb;
      for (let j = 0; j < sel; j++) {
        const r = (rt + j) % 32;
        for (let e = 0; e < cnt; e++) {
          for (let k = 0; k < eb; k++) vb[16 * r + e * eb + k] = u8[o + j * eb + k];
        }
        if (!q) s.vi[4 * r + 2] = s.vi[4 * r + 3] = 0;
      }
      return;
    }
    let es: number, idx: number;
    if (opc >> 1 === 0) [es, idx] = [0, (q << 3) | (sb << 2) | size];
    else if (opc >> 1 === 1) [es, idx] = [1, (q << 2) | (sb << 1) | (size >> 1)];
    else if (size === 0) [es, idx] = [2, (q << 1) | sb];
    else [es, idx] = [3, q];
    const eb = 1 << es;
    for (let j = 0; j < sel; j++) {
      const r = (rt + j) % 32;
      for (let k = 0; k < eb; k++) {
        if (l) vb[16 * r + idx * eb + k] = u8[o + j * eb + k];
        else u8[o + j * eb + k] = vb[16 * r + idx * eb + k];
      }
    }
  },

  /** Bytes a SIMD load/store structure instruction touches. */
  vbytes(w: number): number {
    if (bits(w, 24, 24) === 0) {
      return (bits(w, 30, 30) ? 16 : 8) * LDSTM[bits(w, 15, 12)][1] *
        (LDSTM[bits(w, 15, 12)][0] === 1 ? 1 : 1);
    }
    const opc = bits(w, 15, 13), sel = (((opc & 1) << 1) | bits(w, 21, 21)) + 1;
    if (opc >> 1 === 3) return sel << bits(w, 11, 10);
    if (opc >> 1 === 0) return sel;
    if (opc >> 1 === 1) return 2 * sel;
    return (bits(w, 10, 10) ? 8 : 4) * sel;
  },
};

const TMP = new Int32Array(4);
const SCR = new ArrayBuffer(8);
const SCR_I = new Int32Array(SCR);
const SCR_D = new Float64Array(SCR);
const SCR_F = new Float32Array(SCR);
const TB = new Uint8Array(16);
const TB32 = new Uint32Array(16);

/** [structure elements, registers] per ld/st multiple opcode. */
const LDSTM: Record<number, [number, number]> = {
  0: [4, 4],
  2: [1, 4],
  4: [3, 3],
  6: [1, 3],
  7: [1, 1],
  8: [2, 2],
  10: [1, 2],
};

/** Op indexes shared with semantics_simd.ts (the position in each list is the integer passed). */
export const V3_NAMES: readonly string[] = [
  "and",
  "bic",
  "orr",
  "orn",
  "eor",
  "bsl",
  "bit",
  "bif",
  "sqadd",
  "sqsub",
  "cmgt",
  "cmge",
  "sshl",
  "smax",
  "smin",
  "sabd",
  "add",
  "cmtst",
  "mla",
  "mul",
  "smaxp",
  "sminp",
  "addp",
  "uqadd",
  "uqsub",
  "cmhi",
  "cmhs",
  "ushl",
  "umax",
  "umin",
  "uabd",
  "sub",
  "cmeq",
  "mls",
  "umaxp",
  "uminp",
  "shadd",
  "uhadd",
  "srhadd",
  "urhadd",
  "shsub",
  "uhsub",
  "sqshl",
  "uqshl",
  "srshl",
  "urshl",
  "sqrshl",
  "uqrshl",
  "saba",
  "uaba",
  "pmul",
  "sqdmulh",
  "sqrdmulh",
]; // deno-fmt-ignore
/** FP three-same op names. */
export const V3FP_NAMES: readonly string[] = [
  "fmaxnm", "fmla", "fadd", "fcmeq", "fmax", "fminnm", "fmls", "fsub", "fmin", "faddp", "fmul",
  "fcmge", "fmaxp", "fdiv", "fabd", "fcmgt", "fminp", "fmaxnmp", "fminnmp", "facge", "facgt",
  "fmulx",
]; // deno-fmt-ignore
/** Two-register-misc op names. */
export const V2_NAMES: readonly string[] = [
  "rev64", "rev16", "cnt", "cmgt0", "cmeq0", "cmlt0", "abs", "xtn", "sqxtn", "rev32", "not",
  "rbit", "cmge0", "cmle0", "neg", "sqxtun", "uqxtn", "fabs", "fneg", "fsqrt", "scvtf", "ucvtf",
  "fcvtzs", "fcvtzu", "frintn", "frintm", "frintp", "frintz", "frinta", "frintx", "frinti",
  "fcvtns", "fcvtms", "fcvtas", "fcvtps", "fcvtnu", "fcvtmu", "fcvtau", "fcvtpu", "fcvtn", "fcvtl",
  "saddlp", "uaddlp", "suqadd", "usqadd", "cls", "clz", "sadalp", "uadalp", "sqabs", "sqneg",
  "shll", "fcmgt0", "fcmeq0", "fcmlt0", "fcmge0", "fcmle0",
]; // deno-fmt-ignore
/** Across-lanes op names. */
export const ACROSS_NAMES: readonly string[] = [
  "saddlv", "smaxv", "sminv", "addv", "uaddlv", "umaxv", "uminv",
]; // deno-fmt-ignore
/** Shift-by-immediate op names. */
export const SHIFT_NAMES: readonly string[] = [
  "sshr", "ssra", "shl", "shrn", "rshrn", "sshll", "ushr", "usra", "sri", "sli", "ushll",
  "srshr", "urshr", "srsra", "ursra", "sqshl_imm", "uqshl_imm", "sqshlu", "sqshrn", "sqrshrn",
  "uqshrn", "uqrshrn", "sqshrun", "sqrshrun", "scvtf_fix", "ucvtf_fix", "fcvtzs_fix", "fcvtzu_fix",
]; // deno-fmt-ignore
/** Three-different op names. */
export const DIFF_NAMES: readonly string[] = [
  "saddl", "saddw", "ssubl", "ssubw", "addhn", "smlal", "smull", "uaddl", "uaddw", "usubl",
  "usubw", "raddhn", "umlal", "umull", "sabal", "uabal", "subhn", "rsubhn", "sabdl", "uabdl",
  "smlsl", "umlsl", "sqdmlal", "sqdmlsl", "sqdmull", "pmull",
]; // deno-fmt-ignore
/** Permute op names, indexed by the opcode field (1 uzp1 .. 7 zip2). */
export const PERM_NAMES: readonly string[] = [
  "", "uzp1", "trn1", "zip1", "", "uzp2", "trn2", "zip2",
]; // deno-fmt-ignore
/** By-element op names (vector forms, then the scalar FP forms). */
export const ELEM_NAMES: readonly string[] = [
  "fmla_elem", "fmls_elem", "fmul_elem", "mul_elem", "mla_elem", "mls_elem", "smull_elem",
  "umull_elem", "smlal_elem", "umlal_elem", "smlsl_elem", "umlsl_elem", "fmla_selem",
  "fmls_selem", "fmul_selem",
]; // deno-fmt-ignore
/** Scalar SIMD op names. */
export const SCALAR_NAMES: readonly string[] = [
  "add_scalar", "sub_scalar", "cmeq_scalar", "cmtst_scalar", "addp_scalar", "faddp_scalar",
  "fabd_scalar", "cmgt0_scalar", "cmeq0_scalar", "cmlt0_scalar", "abs_scalar", "cmge0_scalar",
  "cmle0_scalar", "neg_scalar", "scvtf_scalar", "ucvtf_scalar", "fcvtzs_scalar", "fcvtzu_scalar",
  "sqadd_scalar", "sqsub_scalar", "uqadd_scalar", "uqsub_scalar", "fcvtns_scalar", "fcvtms_scalar",
  "fcvtas_scalar", "fcvtps_scalar", "fcvtnu_scalar", "fcvtmu_scalar", "fcvtau_scalar",
  "fcvtpu_scalar",
]; // deno-fmt-ignore

void TWO32;
