/**
 * IEEE 754 soft-float for the RISC-V F and D extensions, in plain JS.
 *
 * Lifted code calls these helpers as `rt.<name>(s, ...)` with register numbers
 * and the instruction's rounding-mode field; each helper reads its operands
 * from the CPU's FP register file, writes the result (FP results) or returns
 * it (integer results), and ORs the exception flags into `s.fflags`.
 *
 * How results are computed:
 *
 * - Fast paths use the host's own float64 arithmetic, which is IEEE
 *   round-to-nearest-even. Exactness (the NX flag) and, for the other
 *   rounding modes, the direction of the rounding error come from error-free
 *   transforms: TwoSum for sums, Dekker's product (Veltkamp splitting) for
 *   products, exact remainders for quotients and square roots. Single
 *   precision is computed in double, which is exact for products and
 *   innocuous double rounding for + - * / sqrt, then rounded to single with
 *   the error term as a sticky bit.
 * - Fused multiply-add in double precision is a Dekker product, two TwoSums
 *   and a rounding-to-odd step, which is proved correct for every rounding
 *   mode when the terms are well separated; the other cases (massive
 *   cancellation, tiny or huge values) go to the slow path.
 * - The slow path computes the exact result with BigInt and rounds it with
 *   {@link roundPack}, softfloat style. It handles every special case: NaN,
 *   infinities, zeros, subnormals, overflow and underflow (tininess is
 *   detected after rounding, as RISC-V specifies).
 *
 * Hot helpers are monomorphic and allocation-free; scratch typed arrays are
 * module-level, and a second integer result (the high word of fcvt.l.*) is
 * returned through {@link fhi}.
 *
 * Rounding modes are the RISC-V encodings: 0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM,
 * 7 dynamic (read `s.frm`). Helpers must not be called with 5, 6, or 7 while
 * `s.frm` holds 5..7: lifted code checks that first and raises an illegal
 * instruction (see semantics_fp.ts). Given such a mode anyway, a helper
 * rounds to nearest even.
 * @module
 */

import type { RvCpu } from "./cpu.ts";

/** fflags bit: invalid operation. */
export const FF_NV = 16;
/** fflags bit: divide by zero. */
export const FF_DZ = 8;
/** fflags bit: overflow. */
export const FF_OF = 4;
/** fflags bit: underflow. */
export const FF_UF = 2;
/** fflags bit: inexact. */
export const FF_NX = 1;

/** Rounding mode: to nearest, ties to even. */
export const RM_RNE = 0;
/** Rounding mode: toward zero. */
export const RM_RTZ = 1;
/** Rounding mode: down (toward -inf). */
export const RM_RDN = 2;
/** Rounding mode: up (toward +inf). */
export const RM_RUP = 3;
/** Rounding mode: to nearest, ties to max magnitude. */
export const RM_RMM = 4;
/** Rounding mode field value: use the dynamic mode in frm. */
export const RM_DYN = 7;

const NV = FF_NV, DZ = FF_DZ, OF = FF_OF, UF = FF_UF, NX = FF_NX;
const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

/** Smallest normal double, 2^-1022. */
const MIN_D = 2.2250738585072014e-308;
/** Smallest normal single, 2^-126. */
const MIN_S = 1.1754943508222875e-38;
/** Largest finite single. */
const MAX_S = 3.4028234663852886e38;
/** Dekker products are exact when both factors are normal and below this (2^995)... */
const SPLIT_MAX = 2 ** 995;
/** ...and the product is at least this (2^-968)... */
const PROD_MIN = 2 ** -968;
/** ...and below this (2^1020), so that no partial product overflows. */
const PROD_MAX = 2 ** 1020;
/** Veltkamp splitting constant, 2^27 + 1. */
const SPLITTER = 134217729;
const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

// Scratch views for bit manipulation (one 8-byte buffer).
const SCR = new ArrayBuffer(8);
const SF64 = new Float64Array(SCR);
const SF32 = new Float32Array(SCR);
const SI32 = new Int32Array(SCR);

/** High word of the last 64-bit integer result (fcvt.l.*, fcvt.lu.*). */
let outHi = 0;

// ---------------------------------------------------------------------------
// Register access.

/** The single in f[r], or NaN (the canonical NaN) when f[r] is not NaN-boxed. */
function rdS(s: RvCpu, r: number): number {
  return s.fi[2 * r + 1] === -1 ? s.f32[2 * r] : NaN;
}

/** Write a double result; a NaN becomes the canonical NaN. */
function wrD(s: RvCpu, rd: number, v: number): void {
  if (v !== v) {
    s.fi[2 * rd] = 0;
    s.fi[2 * rd + 1] = 0x7ff80000;
  } else {
    s.f[rd] = v;
  }
}

/** Write a single result (a double that is exactly a single), NaN-boxed. */
function wrS(s: RvCpu, rd: number, v: number): void {
  if (v !== v) s.fi[2 * rd] = 0x7fc00000;
  else s.f32[2 * rd] = v;
  s.fi[2 * rd + 1] = -1;
}

/** Is f[r] a signaling NaN as a double? */
function snanD(s: RvCpu, r: number): boolean {
  const hi = s.fi[2 * r + 1];
  return (hi & 0x7ff80000) === 0x7ff00000 && ((hi & 0x7ffff) | s.fi[2 * r]) !== 0;
}

/** Is f[r] a signaling NaN as a (properly NaN-boxed) single? */
function snanS(s: RvCpu, r: number): boolean {
  if (s.fi[2 * r + 1] !== -1) return false;
  const x = s.fi[2 * r];
  return (x & 0x7fc00000) === 0x7f800000 && (x & 0x3fffff) !== 0;
}

// ---------------------------------------------------------------------------
// Error-free transforms and neighbours.

/** The rounding error of `r = a + b` (exact when no overflow): a + b = r + err. */
function twoSumErr(a: number, b: number, r: number): number {
  const bb = r - a;
  return (a - (r - bb)) + (b - bb);
}

/**
 * The rounding error of `p = a * b`: a * b = p + err exactly, provided a and b
 * are normal, below 2^995, and |p| >= 2^-968.
 */
function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** The next double above x (x not NaN, not +inf). */
function nextUpD(x: number): number {
  if (x === 0) return 5e-324;
  SF64[0] = x;
  let lo = SI32[0], hi = SI32[1];
  if (x > 0) {
    lo = (lo + 1) | 0;
    if (lo === 0) hi = (hi + 1) | 0;
  } else {
    if (lo === 0) hi = (hi - 1) | 0;
    lo = (lo - 1) | 0;
  }
  SI32[0] = lo;
  SI32[1] = hi;
  return SF64[0];
}

/** The next double below x (x not NaN, not -inf). */
function nextDownD(x: number): number {
  return -nextUpD(-x);
}

/** The next single above x (x a single, not NaN, not +inf). */
function nextUpS(x: number): number {
  if (x === 0) return 1.401298464324817e-45;
  SF32[0] = x;
  SI32[0] = x > 0 ? SI32[0] + 1 : SI32[0] - 1;
  return SF32[0];
}

/** The next single below x. */
function nextDownS(x: number): number {
  return -nextUpS(-x);
}

function resolveRm(s: RvCpu, rm: number): number {
  if (rm === 7) rm = s.frm;
  return rm > 4 ? RNE : rm;
}

/**
 * Round a double for a directed mode or RMM, given the round-to-nearest-even
 * result r (finite, nonzero, |r| > 2^-1022) and err = exact - r (nonzero; its
 * magnitude must be exact for RMM, which needs to see ties). Sets OF when the
 * result overflows; the caller has set NX.
 */
function dirD(s: RvCpu, r: number, err: number, rm: number): number {
  let z = r;
  switch (rm) {
    case RTZ:
      if ((err < 0) !== (r < 0)) z = r > 0 ? nextDownD(r) : nextUpD(r);
      break;
    case RDN:
      if (err < 0) z = nextDownD(r);
      break;
    case RUP:
      if (err > 0) z = nextUpD(r);
      break;
    case RMM: {
      const n = err > 0 ? nextUpD(r) : nextDownD(r);
      if (err * 2 === n - r && Math.abs(n) > Math.abs(r)) z = n;
      break;
    }
  }
  if (z - z !== 0) s.fflags |= OF;
  return z;
}

/**
 * Like {@link dirD} for a single r (normal, |r| > 2^-126) whose exact value is
 * r + err with |err| far below half an ulp (only the sign of err matters), so
 * both nearest modes give r.
 */
function dirS(s: RvCpu, r: number, err: number, rm: number): number {
  let z = r;
  switch (rm) {
    case RTZ:
      if ((err < 0) !== (r < 0)) z = r > 0 ? nextDownS(r) : nextUpS(r);
      break;
    case RDN:
      if (err < 0) z = nextDownS(r);
      break;
    case RUP:
      if (err > 0) z = nextUpS(r);
      break;
  }
  if (z - z !== 0) s.fflags |= OF;
  return z;
}

/**
 * Round the exact value d + err to single and write it to f[rd]. d is a
 * double and the round-to-nearest double of the exact value, so |err| is at
 * most half an ulp of d; err is exact, or (when the exact value is not a tie
 * at double precision and d is not a single) any number of the right sign.
 * Zero results must be handled by the caller (sign rules).
 */
function finishS(s: RvCpu, rd: number, d: number, err: number, rm: number): void {
  const r = Math.fround(d);
  const ar = Math.abs(r);
  if (ar > MIN_S && ar <= MAX_S) {
    if (r === d) {
      if (err === 0) {
        wrS(s, rd, r);
        return;
      }
      s.fflags |= NX;
      wrS(s, rd, rm === RNE || rm === RMM ? r : dirS(s, r, err, rm));
      return;
    }
    inexactS(s, rd, d, r, err, rm);
    return;
  }
  if (d === 0 && err === 0) {
    wrS(s, rd, d);
    return;
  }
  slowS(s, rd, d, err, rm);
}

/**
 * Finish a single whose double d (exact value d + err, as in finishS) is not
 * a single: r = fround(d) is a normal single with |r| > 2^-126 and below inf.
 */
function inexactS(s: RvCpu, rd: number, d: number, r: number, err: number, rm: number): void {
  s.fflags |= NX;
  let z = r;
  switch (rm) {
    case RNE:
    case RMM: {
      // d is a midpoint of two singles when the 29 fraction bits a single drops are 100...0.
      SF64[0] = d;
      if ((SI32[0] & 0x1fffffff) === 0x10000000) {
        const o = d > r ? nextUpS(r) : nextDownS(r);
        if (err === 0) {
          if (rm === RMM && Math.abs(o) > Math.abs(r)) z = o;
        } else if ((err > 0) === (o > r)) {
          z = o;
        }
      }
      break;
    }
    case RTZ:
      if (Math.abs(d) < Math.abs(r)) z = r > 0 ? nextDownS(r) : nextUpS(r);
      break;
    case RDN:
      if (d < r) z = nextDownS(r);
      break;
    case RUP:
      if (d > r) z = nextUpS(r);
      break;
  }
  if (z - z !== 0) s.fflags |= OF;
  wrS(s, rd, z);
}

// ---------------------------------------------------------------------------
// The exact slow path (BigInt).

const CLS_ZERO = 0, CLS_FIN = 1, CLS_INF = 2, CLS_QNAN = 3, CLS_SNAN = 4;

/** An unpacked operand: (-1)^sign * m * 2^e, or a special class. */
interface Unpacked {
  cls: number;
  sign: number;
  m: bigint;
  e: number;
}

function unpackD(lo: number, hi: number): Unpacked {
  const sign = hi >>> 31;
  const ex = (hi >>> 20) & 0x7ff;
  const fh = hi & 0xfffff;
  const m = (BigInt(fh) << 32n) | BigInt(lo >>> 0);
  if (ex === 0x7ff) {
    if (m === 0n) return { cls: CLS_INF, sign, m, e: 0 };
    return { cls: fh & 0x80000 ? CLS_QNAN : CLS_SNAN, sign, m, e: 0 };
  }
  if (ex === 0) return { cls: m === 0n ? CLS_ZERO : CLS_FIN, sign, m, e: -1074 };
  return { cls: CLS_FIN, sign, m: m | (1n << 52n), e: ex - 1075 };
}

function unpackS(x: number): Unpacked {
  const sign = x >>> 31;
  const ex = (x >>> 23) & 0xff;
  const f = x & 0x7fffff;
  const m = BigInt(f);
  if (ex === 0xff) {
    if (f === 0) return { cls: CLS_INF, sign, m, e: 0 };
    return { cls: f & 0x400000 ? CLS_QNAN : CLS_SNAN, sign, m, e: 0 };
  }
  if (ex === 0) return { cls: f === 0 ? CLS_ZERO : CLS_FIN, sign, m, e: -149 };
  return { cls: CLS_FIN, sign, m: m | (1n << 23n), e: ex - 150 };
}

/** Unpack f[r] as format fmt (0 single, 1 double); a bad NaN box reads as the canonical NaN. */
function unpackReg(s: RvCpu, r: number, fmt: number): Unpacked {
  const fi = s.fi;
  if (fmt === 1) return unpackD(fi[2 * r], fi[2 * r + 1]);
  return unpackS(fi[2 * r + 1] === -1 ? fi[2 * r] : 0x7fc00000);
}

/** Unpack a JS double. */
function unpackNum(x: number): Unpacked {
  SF64[0] = x;
  return unpackD(SI32[0], SI32[1]);
}

function bitLen(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

/** Results of {@link roundPack}: the packed bits (low word; high word for doubles). */
let pkLo = 0, pkHi = 0;
let rndInexact = false;

/**
 * Round m * 2^e (plus a sticky fraction below 2^e when `sticky`) to a
 * multiple of 2^qe in mode rm for a value of sign `sign`. With sticky set, qe
 * must exceed e. Sets rndInexact.
 */
function rndAt(
  m: bigint,
  e: number,
  qe: number,
  sticky: boolean,
  sign: number,
  rm: number,
): bigint {
  const sh = qe - e;
  if (sh <= 0) {
    if (sticky) throw new RangeError("Sticky bit below the rounding position");
    rndInexact = false;
    return m << BigInt(-sh);
  }
  const bsh = BigInt(sh);
  const q = m >> bsh;
  const rem = m & ((1n << bsh) - 1n);
  const half = 1n << (bsh - 1n);
  const inexact = rem !== 0n || sticky;
  rndInexact = inexact;
  let up = false;
  switch (rm) {
    case RNE:
      up = rem > half || (rem === half && (sticky || (q & 1n) === 1n));
      break;
    case RTZ:
      break;
    case RDN:
      up = inexact && sign === 1;
      break;
    case RUP:
      up = inexact && sign === 0;
      break;
    case RMM:
      up = rem >= half;
      break;
  }
  return up ? q + 1n : q;
}

/**
 * Round the exact value (-1)^sign * (m + sticky fraction) * 2^e (m > 0) to
 * format fmt (0 single, 1 double) in mode rm. Leaves the bits in pkLo/pkHi
 * and returns the exception flags (NX, UF with tininess after rounding, OF).
 */
function roundPack(
  sign: number,
  m: bigint,
  e: number,
  sticky: boolean,
  fmt: number,
  rm: number,
): number {
  const P = fmt === 1 ? 53 : 24;
  const EMIN = fmt === 1 ? -1022 : -126;
  const EMAX = fmt === 1 ? 1023 : 127;
  const E = e + bitLen(m) - 1;
  const qe = Math.max(E - (P - 1), EMIN - (P - 1));
  const mm = rndAt(m, e, qe, sticky, sign, rm);
  const inexact = rndInexact;
  let tiny = false;
  if (E < EMIN) {
    const qu = E - (P - 1);
    const mu = rndAt(m, e, qu, sticky, sign, rm);
    tiny = bitLen(mu) + qu - 1 < EMIN;
  }
  let flags = inexact ? (tiny ? NX | UF : NX) : 0;
  let ex: number; // biased exponent field
  let frac: bigint;
  const bl = bitLen(mm);
  const E2 = bl + qe - 1;
  if (mm === 0n) {
    ex = 0;
    frac = 0n;
  } else if (E2 > EMAX) {
    flags = OF | NX;
    const toMax = rm === RTZ || (rm === RDN && sign === 0) || (rm === RUP && sign === 1);
    ex = toMax ? 2 * EMAX : 2 * EMAX + 1;
    frac = toMax ? (1n << BigInt(P - 1)) - 1n : 0n;
  } else if (E2 >= EMIN) {
    ex = E2 + EMAX;
    frac = (mm >> BigInt(bl - P)) - (1n << BigInt(P - 1));
  } else {
    ex = 0;
    frac = mm;
  }
  if (fmt === 1) {
    pkHi = (sign << 31) | (ex << 20) | Number(frac >> 32n);
    pkLo = Number(frac & 0xffffffffn) | 0;
  } else {
    pkLo = (sign << 31) | (ex << 23) | Number(frac);
    pkHi = -1;
  }
  return flags;
}

/** Write pkLo/pkHi (from roundPack or a special value) to f[rd]. */
function wrPacked(s: RvCpu, rd: number): void {
  s.fi[2 * rd] = pkLo;
  s.fi[2 * rd + 1] = pkHi;
}

function packZero(sign: number, fmt: number): void {
  if (fmt === 1) {
    pkLo = 0;
    pkHi = sign << 31;
  } else {
    pkLo = sign << 31;
    pkHi = -1;
  }
}

function packInf(sign: number, fmt: number): void {
  if (fmt === 1) {
    pkLo = 0;
    pkHi = (sign << 31) | 0x7ff00000;
  } else {
    pkLo = (sign << 31) | 0x7f800000;
    pkHi = -1;
  }
}

function packNaN(fmt: number): void {
  if (fmt === 1) {
    pkLo = 0;
    pkHi = 0x7ff80000;
  } else {
    pkLo = 0x7fc00000;
    pkHi = -1;
  }
}

/** Slow-path operation codes. */
const OP_ADD = 0, OP_SUB = 1, OP_MUL = 2, OP_DIV = 3, OP_SQRT = 4;
const OP_MADD = 5, OP_MSUB = 6, OP_NMSUB = 7, OP_NMADD = 8;

/** Exact sum of (-1)^sa ma 2^ea + (-1)^sb mb 2^eb, rounded; handles an exact zero. */
function addExact(
  sa: number,
  ma: bigint,
  ea: number,
  sb: number,
  mb: bigint,
  eb: number,
  fmt: number,
  rm: number,
): number {
  const e0 = Math.min(ea, eb);
  let va = ma << BigInt(ea - e0);
  let vb = mb << BigInt(eb - e0);
  if (sa) va = -va;
  if (sb) vb = -vb;
  const sum = va + vb;
  if (sum === 0n) {
    packZero(rm === RDN ? 1 : 0, fmt);
    return 0;
  }
  return sum < 0n ? roundPack(1, -sum, e0, false, fmt, rm) : roundPack(0, sum, e0, false, fmt, rm);
}

/**
 * The reference implementation of every arithmetic instruction: reads the
 * operands' bits, computes exactly, rounds, writes f[rd] and the flags.
 */
function slowArith(
  s: RvCpu,
  op: number,
  fmt: number,
  rd: number,
  r1: number,
  r2: number,
  r3: number,
  rm: number,
): void {
  const a = unpackReg(s, r1, fmt);
  let flags = 0;
  if (op === OP_SQRT) {
    if (a.cls >= CLS_QNAN) {
      if (a.cls === CLS_SNAN) flags = NV;
      packNaN(fmt);
    } else if (a.cls === CLS_ZERO) {
      packZero(a.sign, fmt);
    } else if (a.sign === 1) {
      flags = NV;
      packNaN(fmt);
    } else if (a.cls === CLS_INF) {
      packInf(0, fmt);
    } else {
      const P = fmt === 1 ? 53 : 24;
      let m = a.m, e = a.e;
      if (e & 1) {
        m <<= 1n;
        e -= 1;
      }
      const need = 2 * P + 6 - bitLen(m);
      const k = need > 0 ? Math.ceil(need / 2) : 0;
      m <<= BigInt(2 * k);
      e -= 2 * k;
      const r = isqrt(m);
      flags = roundPack(0, r, e / 2, r * r !== m, fmt, rm);
    }
    s.fflags |= flags;
    wrPacked(s, rd);
    return;
  }
  const b = unpackReg(s, r2, fmt);
  if (op <= OP_DIV) {
    if (op === OP_SUB) b.sign ^= 1;
    if (a.cls >= CLS_QNAN || b.cls >= CLS_QNAN) {
      if (a.cls === CLS_SNAN || b.cls === CLS_SNAN) flags = NV;
      packNaN(fmt);
    } else if (op <= OP_SUB) {
      if (a.cls === CLS_INF || b.cls === CLS_INF) {
        if (a.cls === CLS_INF && b.cls === CLS_INF && a.sign !== b.sign) {
          flags = NV;
          packNaN(fmt);
        } else {
          packInf(a.cls === CLS_INF ? a.sign : b.sign, fmt);
        }
      } else if (a.cls === CLS_ZERO && b.cls === CLS_ZERO) {
        packZero(a.sign === b.sign ? a.sign : rm === RDN ? 1 : 0, fmt);
      } else {
        flags = addExact(a.sign, a.m, a.e, b.sign, b.m, b.e, fmt, rm);
      }
    } else if (op === OP_MUL) {
      const sign = a.sign ^ b.sign;
      if (a.cls === CLS_INF || b.cls === CLS_INF) {
        if (a.cls === CLS_ZERO || b.cls === CLS_ZERO) {
          flags = NV;
          packNaN(fmt);
        } else {
          packInf(sign, fmt);
        }
      } else if (a.cls === CLS_ZERO || b.cls === CLS_ZERO) {
        packZero(sign, fmt);
      } else {
        flags = roundPack(sign, a.m * b.m, a.e + b.e, false, fmt, rm);
      }
    } else {
      const sign = a.sign ^ b.sign;
      if (a.cls === CLS_INF) {
        if (b.cls === CLS_INF) {
          flags = NV;
          packNaN(fmt);
        } else {
          packInf(sign, fmt);
        }
      } else if (b.cls === CLS_INF) {
        packZero(sign, fmt);
      } else if (b.cls === CLS_ZERO) {
        if (a.cls === CLS_ZERO) {
          flags = NV;
          packNaN(fmt);
        } else {
          flags = DZ;
          packInf(sign, fmt);
        }
      } else if (a.cls === CLS_ZERO) {
        packZero(sign, fmt);
      } else {
        const P = fmt === 1 ? 53 : 24;
        const k = Math.max(0, P + 3 + bitLen(b.m) - bitLen(a.m));
        const n = a.m << BigInt(k);
        const q = n / b.m;
        flags = roundPack(sign, q, a.e - b.e - k, q * b.m !== n, fmt, rm);
      }
    }
    s.fflags |= flags;
    wrPacked(s, rd);
    return;
  }
  // Fused multiply-add family.
  const c = unpackReg(s, r3, fmt);
  const negP = op === OP_NMSUB || op === OP_NMADD ? 1 : 0;
  const negC = op === OP_MSUB || op === OP_NMADD ? 1 : 0;
  const sp = a.sign ^ b.sign ^ negP;
  const sc = c.sign ^ negC;
  const infZero = (a.cls === CLS_INF && b.cls === CLS_ZERO) ||
    (a.cls === CLS_ZERO && b.cls === CLS_INF);
  if (a.cls >= CLS_QNAN || b.cls >= CLS_QNAN || c.cls >= CLS_QNAN || infZero) {
    if (a.cls === CLS_SNAN || b.cls === CLS_SNAN || c.cls === CLS_SNAN || infZero) flags = NV;
    packNaN(fmt);
  } else if (a.cls === CLS_INF || b.cls === CLS_INF) {
    if (c.cls === CLS_INF && sc !== sp) {
      flags = NV;
      packNaN(fmt);
    } else {
      packInf(sp, fmt);
    }
  } else if (c.cls === CLS_INF) {
    packInf(sc, fmt);
  } else if (a.cls === CLS_ZERO || b.cls === CLS_ZERO) {
    if (c.cls === CLS_ZERO) packZero(sp === sc ? sp : rm === RDN ? 1 : 0, fmt);
    else flags = roundPack(sc, c.m, c.e, false, fmt, rm); // exact
  } else if (c.cls === CLS_ZERO) {
    flags = roundPack(sp, a.m * b.m, a.e + b.e, false, fmt, rm);
  } else {
    flags = addExact(sp, a.m * b.m, a.e + b.e, sc, c.m, c.e, fmt, rm);
  }
  s.fflags |= flags;
  wrPacked(s, rd);
}

/** Floor of the square root of n >= 0. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLen(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Round the exact value d + err (two finite doubles, not both zero) to single; write f[rd]. */
function slowS(s: RvCpu, rd: number, d: number, err: number, rm: number): void {
  const a = unpackNum(d);
  if (err === 0) {
    s.fflags |= roundPack(a.sign, a.m, a.e, false, 0, rm);
  } else {
    const b = unpackNum(err);
    s.fflags |= addExact(a.sign, a.m, a.e, b.sign, b.m, b.e, 0, rm);
  }
  wrPacked(s, rd);
}

// ---------------------------------------------------------------------------
// Double-precision arithmetic.

function addD(
  s: RvCpu,
  rd: number,
  a: number,
  b: number,
  rm: number,
  op: number,
  r1: number,
  r2: number,
): void {
  const r = a + b;
  if (r - r === 0) {
    const err = twoSumErr(a, b, r);
    if (err === 0) {
      // Exact. An exact zero sum of nonzero terms is +0, or -0 when rounding down.
      s.f[rd] = r === 0 && rm === RDN ? -(-a - b) : r;
      return;
    }
    s.fflags |= NX;
    s.f[rd] = rm === RNE ? r : dirD(s, r, err, rm);
    return;
  }
  slowArith(s, op, 1, rd, r1, r2, 0, rm);
}

function fadd_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  const F = s.f;
  addD(s, rd, F[rs1], F[rs2], resolveRm(s, rm), OP_ADD, rs1, rs2);
}

function fsub_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  const F = s.f;
  addD(s, rd, F[rs1], -F[rs2], resolveRm(s, rm), OP_SUB, rs1, rs2);
}

function fmul_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  const r = a * b;
  const ar = Math.abs(r), aa = Math.abs(a), ab = Math.abs(b);
  if (
    ar >= PROD_MIN && ar < PROD_MAX && aa < SPLIT_MAX && ab < SPLIT_MAX && aa >= MIN_D &&
    ab >= MIN_D
  ) {
    const err = twoProdErr(a, b, r);
    if (err === 0) {
      F[rd] = r;
      return;
    }
    s.fflags |= NX;
    rm = resolveRm(s, rm);
    F[rd] = rm === RNE ? r : dirD(s, r, err, rm);
    return;
  }
  if (r === 0 && (a === 0 || b === 0) && aa < Infinity && ab < Infinity) {
    F[rd] = r; // a zero factor: exact
    return;
  }
  slowArith(s, OP_MUL, 1, rd, rs1, rs2, 0, resolveRm(s, rm));
}

function fdiv_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  const r = a / b;
  const ar = Math.abs(r), aa = Math.abs(a), ab = Math.abs(b);
  if (
    ar > MIN_D && ar < SPLIT_MAX && ab >= MIN_D && ab < SPLIT_MAX && aa >= PROD_MIN &&
    aa < PROD_MAX
  ) {
    // The remainder a - r*b is exact: (a - p) is exact by Sterbenz, and so is the rest.
    const p = r * b;
    const rem = (a - p) - twoProdErr(r, b, p);
    if (rem === 0) {
      F[rd] = r;
      return;
    }
    s.fflags |= NX;
    rm = resolveRm(s, rm);
    // A quotient is never exactly halfway, so RMM is RNE here.
    F[rd] = rm === RNE || rm === RMM ? r : dirD(s, r, (rem > 0) === (b > 0) ? 1 : -1, rm);
    return;
  }
  if (a === 0 && b !== 0 && b === b) {
    F[rd] = r; // 0 / x: exact
    return;
  }
  slowArith(s, OP_DIV, 1, rd, rs1, rs2, 0, resolveRm(s, rm));
}

function fsqrt_d(s: RvCpu, rd: number, rs1: number, rm: number): void {
  const F = s.f;
  const a = F[rs1];
  if (a >= PROD_MIN && a < PROD_MAX) {
    const r = Math.sqrt(a);
    const p = r * r;
    const rem = (a - p) - twoProdErr(r, r, p);
    if (rem === 0) {
      F[rd] = r;
      return;
    }
    s.fflags |= NX;
    rm = resolveRm(s, rm);
    // A square root is never exactly halfway, so RMM is RNE; r > 0, so RTZ is RDN.
    if ((rm === RTZ || rm === RDN) && rem < 0) F[rd] = nextDownD(r);
    else if (rm === RUP && rem > 0) F[rd] = nextUpD(r);
    else F[rd] = r;
    return;
  }
  if (a === 0) {
    F[rd] = a; // +-0: exact, sign kept
    return;
  }
  slowArith(s, OP_SQRT, 1, rd, rs1, 0, 0, resolveRm(s, rm));
}

/** Fused multiply-add, double: (negP ? -a : a) * b + (negC ? -c : c) with one rounding. */
function fmaD(
  s: RvCpu,
  rd: number,
  rs1: number,
  rs2: number,
  rs3: number,
  rm: number,
  op: number,
): void {
  const F = s.f;
  rm = resolveRm(s, rm);
  const negP = op === OP_NMSUB || op === OP_NMADD;
  const negC = op === OP_MSUB || op === OP_NMADD;
  const a = negP ? -F[rs1] : F[rs1];
  const b = F[rs2];
  const c = negC ? -F[rs3] : F[rs3];
  const ph = a * b;
  const aa = Math.abs(a), ab = Math.abs(b), ap = Math.abs(ph);
  if (
    !(ap >= PROD_MIN && ap < PROD_MAX && aa < SPLIT_MAX && ab < SPLIT_MAX && aa >= MIN_D &&
      ab >= MIN_D && c - c === 0)
  ) {
    if ((a === 0 || b === 0) && aa < Infinity && ab < Infinity && c - c === 0) {
      // An exact zero product: the result is c, or a zero by the sign rules.
      F[rd] = c !== 0 ? c : ph === 0 && (1 / ph === 1 / c) ? c : rm === RDN ? -0 : 0;
      return;
    }
    slowArith(s, op, 1, rd, rs1, rs2, rs3, rm);
    return;
  }
  const pl = twoProdErr(a, b, ph);
  if (c === 0) {
    // Just the product, rounded once.
    if (pl === 0) {
      F[rd] = ph;
      return;
    }
    s.fflags |= NX;
    F[rd] = rm === RNE ? ph : dirD(s, ph, pl, rm);
    return;
  }
  const sh = ph + c;
  if (sh - sh !== 0) {
    slowArith(s, op, 1, rd, rs1, rs2, rs3, rm);
    return;
  }
  const sl = twoSumErr(ph, c, sh);
  // a*b + c = sh + sl + pl exactly.
  let v = sl + pl;
  const ve = twoSumErr(sl, pl, v);
  if (ve !== 0) {
    // Round sl + pl to odd; then sh + v rounds like the exact sum when the
    // terms are well separated (|v| << |sh|, |z|).
    SF64[0] = v;
    if ((SI32[0] & 1) === 0) v = ve > 0 ? nextUpD(v) : nextDownD(v);
  }
  const z = sh + v;
  const az = Math.abs(z);
  if (ve !== 0 && !(Math.abs(v) * 16 <= az && Math.abs(v) * 4 <= Math.abs(sh))) {
    slowArith(s, op, 1, rd, rs1, rs2, rs3, rm);
    return;
  }
  const ze = twoSumErr(sh, v, z);
  if (ze === 0) {
    if (z === 0) {
      F[rd] = rm === RDN ? -0 : 0; // an exact zero sum of nonzero terms
      return;
    }
    F[rd] = z; // exact (ve is 0 here: a rounded-to-odd v never sums exactly)
    return;
  }
  if (!(az > MIN_D && az < Infinity)) {
    slowArith(s, op, 1, rd, rs1, rs2, rs3, rm);
    return;
  }
  s.fflags |= NX;
  F[rd] = rm === RNE ? z : dirD(s, z, ze, rm);
}

function fmadd_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaD(s, rd, rs1, rs2, rs3, rm, OP_MADD);
}

function fmsub_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaD(s, rd, rs1, rs2, rs3, rm, OP_MSUB);
}

function fnmsub_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaD(s, rd, rs1, rs2, rs3, rm, OP_NMSUB);
}

function fnmadd_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaD(s, rd, rs1, rs2, rs3, rm, OP_NMADD);
}

// ---------------------------------------------------------------------------
// Single-precision arithmetic (computed in double, then rounded).

function addS(
  s: RvCpu,
  rd: number,
  a: number,
  b: number,
  rm: number,
  op: number,
  r1: number,
  r2: number,
): void {
  const d = a + b;
  if (d - d !== 0) {
    slowArith(s, op, 0, rd, r1, r2, 0, rm);
    return;
  }
  const err = twoSumErr(a, b, d);
  if (d === 0) {
    // Exact (a sum that rounds to zero in double is exact).
    wrS(s, rd, rm === RDN ? -(-a - b) : d);
    return;
  }
  finishS(s, rd, d, err, rm);
}

function fadd_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  addS(s, rd, rdS(s, rs1), rdS(s, rs2), resolveRm(s, rm), OP_ADD, rs1, rs2);
}

function fsub_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  addS(s, rd, rdS(s, rs1), -rdS(s, rs2), resolveRm(s, rm), OP_SUB, rs1, rs2);
}

function fmul_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  const d = a * b; // exact in double
  const r = Math.fround(d);
  const ar = Math.abs(r);
  if (ar > MIN_S && ar <= MAX_S) {
    if (r === d) wrS(s, rd, r);
    else inexactS(s, rd, d, r, 0, resolveRm(s, rm));
    return;
  }
  if (d === 0 || d - d !== 0) {
    // Zero or infinite product of non-tiny terms: exact unless an operand is
    // special (NaN, or inf * 0), which the slow path sorts out.
    if (d === 0 && (a === 0 || b === 0) && a - a === 0 && b - b === 0) {
      wrS(s, rd, d);
      return;
    }
    slowArith(s, OP_MUL, 0, rd, rs1, rs2, 0, resolveRm(s, rm));
    return;
  }
  slowS(s, rd, d, 0, resolveRm(s, rm));
}

function fdiv_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  const d = a / b;
  const r = Math.fround(d);
  const ar = Math.abs(r);
  if (ar > MIN_S && ar <= MAX_S) {
    if (r !== d) {
      // Never a single midpoint (a quotient cannot land within half a double ulp of one).
      inexactS(s, rd, d, r, 0, resolveRm(s, rm));
      return;
    }
    const rem = a - r * b; // r*b has at most 48 bits: exact
    if (rem === 0) {
      wrS(s, rd, r);
      return;
    }
    s.fflags |= NX;
    rm = resolveRm(s, rm);
    wrS(s, rd, rm === RNE || rm === RMM ? r : dirS(s, r, (rem > 0) === (b > 0) ? 1 : -1, rm));
    return;
  }
  if (a === 0 && b !== 0 && b === b) {
    wrS(s, rd, d); // 0 / x: exact
    return;
  }
  if (d - d === 0 && d !== 0) {
    // Tiny quotient of finite operands: round d with the remainder's sign as sticky.
    const p = d * b;
    const rem = (a - p) - twoProdErr(d, b, p);
    const err = rem === 0 ? 0 : ((rem > 0) === (b > 0) ? 1 : -1) * Math.abs(d) * 2 ** -60;
    slowS(s, rd, d, err, resolveRm(s, rm));
    return;
  }
  slowArith(s, OP_DIV, 0, rd, rs1, rs2, 0, resolveRm(s, rm));
}

function fsqrt_s(s: RvCpu, rd: number, rs1: number, rm: number): void {
  const a = rdS(s, rs1);
  if (a > 0 && a < Infinity) {
    const d = Math.sqrt(a);
    const r = Math.fround(d); // always a normal single
    if (r !== d) {
      inexactS(s, rd, d, r, 0, resolveRm(s, rm));
      return;
    }
    const rem = a - r * r; // exact
    if (rem === 0) {
      wrS(s, rd, r);
      return;
    }
    s.fflags |= NX;
    rm = resolveRm(s, rm);
    wrS(s, rd, rm === RNE || rm === RMM ? r : dirS(s, r, rem, rm));
    return;
  }
  if (a === 0) {
    wrS(s, rd, a);
    return;
  }
  slowArith(s, OP_SQRT, 0, rd, rs1, 0, 0, resolveRm(s, rm));
}

/** Fused multiply-add, single: the product is exact in double, the sum is TwoSum'd. */
function fmaS(
  s: RvCpu,
  rd: number,
  rs1: number,
  rs2: number,
  rs3: number,
  rm: number,
  op: number,
): void {
  rm = resolveRm(s, rm);
  const negP = op === OP_NMSUB || op === OP_NMADD;
  const negC = op === OP_MSUB || op === OP_NMADD;
  const a = negP ? -rdS(s, rs1) : rdS(s, rs1);
  const b = rdS(s, rs2);
  const c = negC ? -rdS(s, rs3) : rdS(s, rs3);
  const p = a * b; // exact
  if (p - p !== 0 || c - c !== 0) {
    slowArith(s, op, 0, rd, rs1, rs2, rs3, rm);
    return;
  }
  if (p === 0) {
    // A zero product (exact): the result is c, or a zero by the sign rules.
    wrS(s, rd, c !== 0 ? c : 1 / p === 1 / c ? c : rm === RDN ? -0 : 0);
    return;
  }
  const d = p + c;
  const err = twoSumErr(p, c, d);
  if (d === 0) {
    wrS(s, rd, rm === RDN ? -0 : 0); // exact zero sum of nonzero terms
    return;
  }
  finishS(s, rd, d, err, rm);
}

function fmadd_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaS(s, rd, rs1, rs2, rs3, rm, OP_MADD);
}

function fmsub_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaS(s, rd, rs1, rs2, rs3, rm, OP_MSUB);
}

function fnmsub_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaS(s, rd, rs1, rs2, rs3, rm, OP_NMSUB);
}

function fnmadd_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void {
  fmaS(s, rd, rs1, rs2, rs3, rm, OP_NMADD);
}

// ---------------------------------------------------------------------------
// Min/max (IEEE 754-2019 minimumNumber/maximumNumber, -0 < +0), compares, classify.

function fmin_d(s: RvCpu, rd: number, rs1: number, rs2: number): void {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  if (a !== a || b !== b) minmaxNaN(s, rd, rs1, rs2, a, b, 1);
  else F[rd] = Math.min(a, b);
}

function fmax_d(s: RvCpu, rd: number, rs1: number, rs2: number): void {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  if (a !== a || b !== b) minmaxNaN(s, rd, rs1, rs2, a, b, 1);
  else F[rd] = Math.max(a, b);
}

function fmin_s(s: RvCpu, rd: number, rs1: number, rs2: number): void {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  if (a !== a || b !== b) minmaxNaN(s, rd, rs1, rs2, a, b, 0);
  else wrS(s, rd, Math.min(a, b));
}

function fmax_s(s: RvCpu, rd: number, rs1: number, rs2: number): void {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  if (a !== a || b !== b) minmaxNaN(s, rd, rs1, rs2, a, b, 0);
  else wrS(s, rd, Math.max(a, b));
}

/** fmin/fmax with a NaN operand: the other operand, or the canonical NaN; NV for sNaN. */
function minmaxNaN(
  s: RvCpu,
  rd: number,
  rs1: number,
  rs2: number,
  a: number,
  b: number,
  fmt: number,
): void {
  const sn = fmt === 1 ? snanD(s, rs1) || snanD(s, rs2) : snanS(s, rs1) || snanS(s, rs2);
  if (sn) s.fflags |= NV;
  const v = a !== a ? b : a;
  if (fmt === 1) wrD(s, rd, v);
  else wrS(s, rd, v);
}

function feq_d(s: RvCpu, rs1: number, rs2: number): number {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  if (a === b) return 1;
  if ((a !== a || b !== b) && (snanD(s, rs1) || snanD(s, rs2))) s.fflags |= NV;
  return 0;
}

function flt_d(s: RvCpu, rs1: number, rs2: number): number {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  if (a < b) return 1;
  if (a !== a || b !== b) s.fflags |= NV;
  return 0;
}

function fle_d(s: RvCpu, rs1: number, rs2: number): number {
  const F = s.f;
  const a = F[rs1], b = F[rs2];
  if (a <= b) return 1;
  if (a !== a || b !== b) s.fflags |= NV;
  return 0;
}

function feq_s(s: RvCpu, rs1: number, rs2: number): number {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  if (a === b) return 1;
  if ((a !== a || b !== b) && (snanS(s, rs1) || snanS(s, rs2))) s.fflags |= NV;
  return 0;
}

function flt_s(s: RvCpu, rs1: number, rs2: number): number {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  if (a < b) return 1;
  if (a !== a || b !== b) s.fflags |= NV;
  return 0;
}

function fle_s(s: RvCpu, rs1: number, rs2: number): number {
  const a = rdS(s, rs1), b = rdS(s, rs2);
  if (a <= b) return 1;
  if (a !== a || b !== b) s.fflags |= NV;
  return 0;
}

/** The fclass mask from a sign, an all-ones/zero exponent test and the fraction. */
function classify(
  neg: boolean,
  exMax: boolean,
  exZero: boolean,
  fracZero: boolean,
  quiet: boolean,
): number {
  if (exMax) {
    if (fracZero) return neg ? 1 : 128;
    return quiet ? 512 : 256;
  }
  if (exZero) {
    if (fracZero) return neg ? 8 : 16;
    return neg ? 4 : 32;
  }
  return neg ? 2 : 64;
}

function fclass_d(s: RvCpu, rs1: number): number {
  const lo = s.fi[2 * rs1], hi = s.fi[2 * rs1 + 1];
  const ex = (hi >>> 20) & 0x7ff;
  return classify(
    hi < 0,
    ex === 0x7ff,
    ex === 0,
    ((hi & 0xfffff) | lo) === 0,
    (hi & 0x80000) !== 0,
  );
}

function fclass_s(s: RvCpu, rs1: number): number {
  const x = s.fi[2 * rs1 + 1] === -1 ? s.fi[2 * rs1] : 0x7fc00000;
  const ex = (x >>> 23) & 0xff;
  return classify(x < 0, ex === 0xff, ex === 0, (x & 0x7fffff) === 0, (x & 0x400000) !== 0);
}

// ---------------------------------------------------------------------------
// Float -> integer.

/** x (finite) rounded to an integer in mode rm; large values are already integers. */
function roundInt(x: number, rm: number): number {
  if (!(Math.abs(x) < 4503599627370496)) return x; // |x| >= 2^52 (or inf)
  switch (rm) {
    case RTZ:
      return Math.trunc(x);
    case RDN:
      return Math.floor(x);
    case RUP:
      return Math.ceil(x);
    case RMM: {
      const a = Math.abs(x);
      const f = Math.floor(a);
      const r = a - f >= 0.5 ? f + 1 : f;
      return x < 0 ? -r : r;
    }
    default: {
      const f = Math.floor(x);
      const d = x - f;
      if (d > 0.5 || (d === 0.5 && f % 2 !== 0)) return f + 1;
      return f;
    }
  }
}

/** Convert x to int32 (saturating); returns the 32-bit result. */
function cvtW(s: RvCpu, x: number, rm: number): number {
  if (x !== x) {
    s.fflags |= NV;
    return 0x7fffffff;
  }
  const r = roundInt(x, resolveRm(s, rm));
  if (r > 2147483647) {
    s.fflags |= NV;
    return 0x7fffffff;
  }
  if (r < -2147483648) {
    s.fflags |= NV;
    return -2147483648;
  }
  if (r !== x) s.fflags |= NX;
  return r | 0;
}

/** Convert x to uint32 (saturating); returns the 32-bit result as int32. */
function cvtWu(s: RvCpu, x: number, rm: number): number {
  if (x !== x) {
    s.fflags |= NV;
    return -1;
  }
  const r = roundInt(x, resolveRm(s, rm));
  if (r > 4294967295) {
    s.fflags |= NV;
    return -1;
  }
  if (r < 0) {
    s.fflags |= NV;
    return 0;
  }
  if (r !== x) s.fflags |= NX;
  return r | 0;
}

/** Convert x to int64 (saturating); returns the low word, the high word via fhi(). */
function cvtL(s: RvCpu, x: number, rm: number): number {
  if (x !== x) {
    s.fflags |= NV;
    outHi = 0x7fffffff;
    return -1;
  }
  const r = roundInt(x, resolveRm(s, rm));
  if (r >= TWO63) {
    s.fflags |= NV;
    outHi = 0x7fffffff;
    return -1;
  }
  if (r < -TWO63) {
    s.fflags |= NV;
    outHi = -2147483648;
    return 0;
  }
  if (r !== x) s.fflags |= NX;
  const hi = Math.floor(r / TWO32);
  outHi = hi | 0;
  return (r - hi * TWO32) | 0;
}

/** Convert x to uint64 (saturating); returns the low word, the high word via fhi(). */
function cvtLu(s: RvCpu, x: number, rm: number): number {
  if (x !== x) {
    s.fflags |= NV;
    outHi = -1;
    return -1;
  }
  const r = roundInt(x, resolveRm(s, rm));
  if (r >= TWO64) {
    s.fflags |= NV;
    outHi = -1;
    return -1;
  }
  if (r < 0) {
    s.fflags |= NV;
    outHi = 0;
    return 0;
  }
  if (r !== x) s.fflags |= NX;
  const hi = Math.floor(r / TWO32);
  outHi = hi | 0;
  return (r - hi * TWO32) | 0;
}

function fcvt_w_d(s: RvCpu, rs1: number, rm: number): number {
  return cvtW(s, s.f[rs1], rm);
}

function fcvt_wu_d(s: RvCpu, rs1: number, rm: number): number {
  return cvtWu(s, s.f[rs1], rm);
}

function fcvt_l_d(s: RvCpu, rs1: number, rm: number): number {
  return cvtL(s, s.f[rs1], rm);
}

function fcvt_lu_d(s: RvCpu, rs1: number, rm: number): number {
  return cvtLu(s, s.f[rs1], rm);
}

function fcvt_w_s(s: RvCpu, rs1: number, rm: number): number {
  return cvtW(s, rdS(s, rs1), rm);
}

function fcvt_wu_s(s: RvCpu, rs1: number, rm: number): number {
  return cvtWu(s, rdS(s, rs1), rm);
}

function fcvt_l_s(s: RvCpu, rs1: number, rm: number): number {
  return cvtL(s, rdS(s, rs1), rm);
}

function fcvt_lu_s(s: RvCpu, rs1: number, rm: number): number {
  return cvtLu(s, rdS(s, rs1), rm);
}

/** The high word of the last fcvt.l.* / fcvt.lu.* result. */
function fhi(): number {
  return outHi;
}

// ---------------------------------------------------------------------------
// Integer -> float. Sources are (lo, hi) int32 halves of the x register.

function fcvt_d_w(s: RvCpu, rd: number, lo: number, _hi: number, _rm: number): void {
  s.f[rd] = lo | 0;
}

function fcvt_d_wu(s: RvCpu, rd: number, lo: number, _hi: number, _rm: number): void {
  s.f[rd] = lo >>> 0;
}

/** hi * 2^32 + lo (exact terms), rounded to double once, with the error made exact. */
function i64ToD(s: RvCpu, rd: number, h: number, l: number, rm: number): void {
  const v = h + l;
  const err = twoSumErr(h, l, v);
  if (err === 0) {
    s.f[rd] = v;
    return;
  }
  s.fflags |= NX;
  rm = resolveRm(s, rm);
  s.f[rd] = rm === RNE ? v : dirD(s, v, err, rm);
}

function fcvt_d_l(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void {
  i64ToD(s, rd, (hi | 0) * TWO32, lo >>> 0, rm);
}

function fcvt_d_lu(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void {
  i64ToD(s, rd, (hi >>> 0) * TWO32, lo >>> 0, rm);
}

function fcvt_s_w(s: RvCpu, rd: number, lo: number, _hi: number, rm: number): void {
  finishS(s, rd, lo | 0, 0, resolveRm(s, rm));
}

function fcvt_s_wu(s: RvCpu, rd: number, lo: number, _hi: number, rm: number): void {
  finishS(s, rd, lo >>> 0, 0, resolveRm(s, rm));
}

function fcvt_s_l(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void {
  const h = (hi | 0) * TWO32, l = lo >>> 0;
  const v = h + l;
  finishS(s, rd, v, twoSumErr(h, l, v), resolveRm(s, rm));
}

function fcvt_s_lu(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void {
  const h = (hi >>> 0) * TWO32, l = lo >>> 0;
  const v = h + l;
  finishS(s, rd, v, twoSumErr(h, l, v), resolveRm(s, rm));
}

// ---------------------------------------------------------------------------
// Float <-> float.

function fcvt_s_d(s: RvCpu, rd: number, rs1: number, rm: number): void {
  const x = s.f[rs1];
  if (x !== x) {
    if (snanD(s, rs1)) s.fflags |= NV;
    wrS(s, rd, NaN);
    return;
  }
  if (x - x !== 0) {
    wrS(s, rd, x); // infinity
    return;
  }
  finishS(s, rd, x, 0, resolveRm(s, rm));
}

function fcvt_d_s(s: RvCpu, rd: number, rs1: number, _rm: number): void {
  const x = rdS(s, rs1);
  if (x !== x) {
    if (snanS(s, rs1)) s.fflags |= NV;
    wrD(s, rd, NaN);
    return;
  }
  s.f[rd] = x; // exact
}

// ---------------------------------------------------------------------------

/** The helpers lifted FP code calls, as `rt.<name>(s, ...)`. */
export interface FpuRuntime {
  /** f[rd] = f[rs1] + f[rs2] (double), rounding mode field rm. */
  fadd_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** f[rd] = f[rs1] - f[rs2] (double). */
  fsub_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** f[rd] = f[rs1] * f[rs2] (double). */
  fmul_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** f[rd] = f[rs1] / f[rs2] (double). */
  fdiv_d(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** f[rd] = sqrt(f[rs1]) (double). */
  fsqrt_d(s: RvCpu, rd: number, rs1: number, rm: number): void;
  /** f[rd] = f[rs1] * f[rs2] + f[rs3], one rounding (double). */
  fmadd_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** f[rd] = f[rs1] * f[rs2] - f[rs3] (double). */
  fmsub_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** f[rd] = -(f[rs1] * f[rs2]) + f[rs3] (double). */
  fnmsub_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** f[rd] = -(f[rs1] * f[rs2]) - f[rs3] (double). */
  fnmadd_d(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** Single-precision add. */
  fadd_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** Single-precision subtract. */
  fsub_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** Single-precision multiply. */
  fmul_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** Single-precision divide. */
  fdiv_s(s: RvCpu, rd: number, rs1: number, rs2: number, rm: number): void;
  /** Single-precision square root. */
  fsqrt_s(s: RvCpu, rd: number, rs1: number, rm: number): void;
  /** Single-precision fused multiply-add. */
  fmadd_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** Single-precision fused multiply-subtract. */
  fmsub_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** Single-precision negated fused multiply-subtract. */
  fnmsub_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** Single-precision negated fused multiply-add. */
  fnmadd_s(s: RvCpu, rd: number, rs1: number, rs2: number, rs3: number, rm: number): void;
  /** minimumNumber (double). */
  fmin_d(s: RvCpu, rd: number, rs1: number, rs2: number): void;
  /** maximumNumber (double). */
  fmax_d(s: RvCpu, rd: number, rs1: number, rs2: number): void;
  /** minimumNumber (single). */
  fmin_s(s: RvCpu, rd: number, rs1: number, rs2: number): void;
  /** maximumNumber (single). */
  fmax_s(s: RvCpu, rd: number, rs1: number, rs2: number): void;
  /** Quiet equality (double): 1 or 0. */
  feq_d(s: RvCpu, rs1: number, rs2: number): number;
  /** Signaling less-than (double). */
  flt_d(s: RvCpu, rs1: number, rs2: number): number;
  /** Signaling less-or-equal (double). */
  fle_d(s: RvCpu, rs1: number, rs2: number): number;
  /** Quiet equality (single). */
  feq_s(s: RvCpu, rs1: number, rs2: number): number;
  /** Signaling less-than (single). */
  flt_s(s: RvCpu, rs1: number, rs2: number): number;
  /** Signaling less-or-equal (single). */
  fle_s(s: RvCpu, rs1: number, rs2: number): number;
  /** The 10-bit class mask of f[rs1] (double). */
  fclass_d(s: RvCpu, rs1: number): number;
  /** The 10-bit class mask of f[rs1] (single). */
  fclass_s(s: RvCpu, rs1: number): number;
  /** Double to int32 (saturating); the 32-bit result. */
  fcvt_w_d(s: RvCpu, rs1: number, rm: number): number;
  /** Double to uint32; the 32-bit result as int32. */
  fcvt_wu_d(s: RvCpu, rs1: number, rm: number): number;
  /** Double to int64: the low word; the high word from fhi(). */
  fcvt_l_d(s: RvCpu, rs1: number, rm: number): number;
  /** Double to uint64: the low word; the high word from fhi(). */
  fcvt_lu_d(s: RvCpu, rs1: number, rm: number): number;
  /** Single to int32. */
  fcvt_w_s(s: RvCpu, rs1: number, rm: number): number;
  /** Single to uint32. */
  fcvt_wu_s(s: RvCpu, rs1: number, rm: number): number;
  /** Single to int64 (high word from fhi()). */
  fcvt_l_s(s: RvCpu, rs1: number, rm: number): number;
  /** Single to uint64 (high word from fhi()). */
  fcvt_lu_s(s: RvCpu, rs1: number, rm: number): number;
  /** The high word of the last fcvt.l* result. */
  fhi(): number;
  /** int32 (low word of x) to double. */
  fcvt_d_w(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** uint32 to double. */
  fcvt_d_wu(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** int64 (hi:lo) to double. */
  fcvt_d_l(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** uint64 to double. */
  fcvt_d_lu(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** int32 to single. */
  fcvt_s_w(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** uint32 to single. */
  fcvt_s_wu(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** int64 to single. */
  fcvt_s_l(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** uint64 to single. */
  fcvt_s_lu(s: RvCpu, rd: number, lo: number, hi: number, rm: number): void;
  /** Double to single. */
  fcvt_s_d(s: RvCpu, rd: number, rs1: number, rm: number): void;
  /** Single to double (exact). */
  fcvt_d_s(s: RvCpu, rd: number, rs1: number, rm: number): void;
}

/**
 * The soft-float helpers, merged into the runtime object lifted code receives.
 *
 * @example
 * ```ts
 * const cpu = new RvCpu(dv, u8, pf);
 * cpu.f[1] = 1; cpu.f[2] = 3;
 * FPU_RUNTIME.fdiv_d(cpu, 3, 1, 2, 1); // f3 = 1/3 rounded toward zero
 * console.log(cpu.fflags); // 1 (NX)
 * ```
 */
export const FPU_RUNTIME: FpuRuntime = {
  fadd_d,
  fsub_d,
  fmul_d,
  fdiv_d,
  fsqrt_d,
  fmadd_d,
  fmsub_d,
  fnmsub_d,
  fnmadd_d,
  fadd_s,
  fsub_s,
  fmul_s,
  fdiv_s,
  fsqrt_s,
  fmadd_s,
  fmsub_s,
  fnmsub_s,
  fnmadd_s,
  fmin_d,
  fmax_d,
  fmin_s,
  fmax_s,
  feq_d,
  flt_d,
  fle_d,
  feq_s,
  flt_s,
  fle_s,
  fclass_d,
  fclass_s,
  fcvt_w_d,
  fcvt_wu_d,
  fcvt_l_d,
  fcvt_lu_d,
  fcvt_w_s,
  fcvt_wu_s,
  fcvt_l_s,
  fcvt_lu_s,
  fhi,
  fcvt_d_w,
  fcvt_d_wu,
  fcvt_d_l,
  fcvt_d_lu,
  fcvt_s_w,
  fcvt_s_wu,
  fcvt_s_l,
  fcvt_s_lu,
  fcvt_s_d,
  fcvt_d_s,
};
