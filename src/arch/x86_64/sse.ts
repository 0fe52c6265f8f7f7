/**
 * SSE to SSE4.1 helpers for lifted code: packed and scalar operations on the
 * xmm registers of an {@link X86Cpu}. Each takes the destination and source
 * register indices (16 is the scratch register a memory operand was loaded
 * into; 17-19 are scratch registers of the helpers) and an immediate. Float
 * arithmetic (scalar and packed, the SSE3 horizontal ops, dpps/dppd) goes
 * through one lane helper that honours MXCSR's rounding control and
 * accumulates its exception flags (IE, DE, ZE, OE, UE, PE); round* honour
 * their imm8 mode and precision-suppression bit. DAZ and FTZ are not
 * modelled. The SSE4 integer helpers are in sse4.ts and are spread in here.
 * @module
 */

import type { X86Cpu } from "./cpu.ts";
import { SSE4_RUNTIME } from "./sse4.ts";

type Op = (c: X86Cpu, d: number, s: number, imm: number) => void;

function lanes8(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const b = c.xb;
    for (let k = 0; k < 16; k++) b[d * 16 + k] = f(b[d * 16 + k], b[s * 16 + k]);
  };
}
function lanesS8(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const b = c.xsb;
    for (let k = 0; k < 16; k++) b[d * 16 + k] = f(b[d * 16 + k], b[s * 16 + k]);
  };
}
function lanes16(f: (a: number, b: number) => number, signed = false): Op {
  return (c, d, s) => {
    const w = signed ? c.xw : c.xuw;
    for (let k = 0; k < 8; k++) w[d * 8 + k] = f(w[d * 8 + k], w[s * 8 + k]);
  };
}
function lanes32(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const w = c.xi;
    for (let k = 0; k < 4; k++) w[d * 4 + k] = f(w[d * 4 + k], w[s * 4 + k]);
  };
}
function lanesF64(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const x = c.xd;
    x[d * 2] = f(x[d * 2], x[s * 2]);
    x[d * 2 + 1] = f(x[d * 2 + 1], x[s * 2 + 1]);
  };
}
function lanesF32(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const x = c.xf;
    for (let k = 0; k < 4; k++) x[d * 4 + k] = f(x[d * 4 + k], x[s * 4 + k]);
  };
}

/** Horizontal 16-bit op: pairs of the destination, then pairs of the source. */
function hop16(f: (a: number, b: number) => number, _sat: boolean): Op {
  return (c, d, s) => {
    const a = Int16Array.from(c.xw.subarray(d * 8, d * 8 + 8));
    const b = Int16Array.from(c.xw.subarray(s * 8, s * 8 + 8));
    for (let k = 0; k < 4; k++) c.xw[d * 8 + k] = f(a[2 * k], a[2 * k + 1]);
    for (let k = 0; k < 4; k++) c.xw[d * 8 + 4 + k] = f(b[2 * k], b[2 * k + 1]);
  };
}
/** Horizontal 32-bit op. */
function hop32(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const a = Int32Array.from(c.xi.subarray(d * 4, d * 4 + 4));
    const b = Int32Array.from(c.xi.subarray(s * 4, s * 4 + 4));
    c.xi[d * 4] = f(a[0], a[1]);
    c.xi[d * 4 + 1] = f(a[2], a[3]);
    c.xi[d * 4 + 2] = f(b[0], b[1]);
    c.xi[d * 4 + 3] = f(b[2], b[3]);
  };
}

const sat8u = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
const sat8s = (v: number) => (v < -128 ? -128 : v > 127 ? 127 : v);
const sat16u = (v: number) => (v < 0 ? 0 : v > 65535 ? 65535 : v);
const sat16s = (v: number) => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);

const tmp = new Int32Array(4);
const tmpB = new Uint8Array(tmp.buffer);
const tmpW = new Uint16Array(tmp.buffer);

function save(c: X86Cpu, r: number): void {
  for (let k = 0; k < 4; k++) tmp[k] = c.xi[r * 4 + k];
}

/** Round to an integral value: rc 0 nearest-even, 1 down, 2 up, 3 toward zero (signs kept). */
function roundTo(v: number, rc: number): number {
  if (!isFinite(v) || v === 0) return v;
  const r = rc === 0 ? rint(v) : rc === 1 ? Math.floor(v) : rc === 2 ? Math.ceil(v) : Math.trunc(v);
  return r === 0 ? (v < 0 ? -0 : 0) : r;
}

/** Round to nearest, ties to even (cvtsd2si with the default MXCSR). */
export function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Sign of a/b - r (exact), fast when the remainder can be computed in doubles. */
function bigOrFast(a: number, b: number, r: number): number {
  const ea = Math.abs(a), eb = Math.abs(b), er = Math.abs(r);
  if (ea < 1e150 && ea > 1e-140 && eb < 1e150 && eb > 1e-140 && er < 1e150 && er > 1e-140) {
    const p = r * b;
    const rem = (a - p) - prodErr(r, b, p);
    return Math.sign(rem) * Math.sign(b);
  }
  return bigCmp(a, b, r, 1);
}

/** Comparison predicates 0..7 of cmpps/cmppd/cmpss/cmpsd. */
function cmpPred(a: number, b: number, p: number): boolean {
  switch (p & 7) {
    case 0:
      return a === b;
    case 1:
      return a < b;
    case 2:
      return a <= b;
    case 3:
      return a !== a || b !== b;
    case 4:
      return !(a === b);
    case 5:
      return !(a < b);
    case 6:
      return !(a <= b);
    default:
      return a === a && b === b;
  }
}

/** IE for a scalar compare: any NaN for the signalling predicates (lt, le, nlt, nle), else SNaN. */
function cmpFlags(c: X86Cpu, a: number, b: number, p: number, snan: boolean): void {
  if (a === a && b === b) {
    if ((a !== 0 && Math.abs(a) < MIND) || (b !== 0 && Math.abs(b) < MIND)) c.mxcsr |= 2;
    return;
  }
  const sig = [1, 2, 5, 6].includes(p & 7);
  if (sig || snan) c.mxcsr |= 1;
}
function cmpFlagsF(c: X86Cpu, ai: number, bi: number, p: number): void {
  const nan = (x: number) => (x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0;
  if (!nan(ai) && !nan(bi)) {
    const den = (x: number) => (x & 0x7f800000) === 0 && (x & 0x7fffff) !== 0;
    if (den(ai) || den(bi)) c.mxcsr |= 2;
    return;
  }
  const sig = [1, 2, 5, 6].includes(p & 7);
  if (sig || isSnanF(ai) || isSnanF(bi)) c.mxcsr |= 1;
}

/** Convert a double to int32/int64 x86-style: NaN and out of range give the "integer indefinite". */
function toIntBits(v: number, bits: 32 | 64): [number, number] {
  if (bits === 32) {
    if (!(v >= -2147483648 && v < 2147483648)) return [-2147483648, 0];
    return [v | 0, 0];
  }
  if (!(v >= -9223372036854775808 && v < 9223372036854775808)) return [0, -2147483648];
  const b = BigInt(v);
  return [Number(BigInt.asIntN(32, b)), Number(BigInt.asIntN(32, b >> 32n))];
}

const IE = 1, ZE = 4, OE = 8, UE = 16, PE = 32;
const fb = new Float64Array(1);
const fbi = new BigInt64Array(fb.buffer);
const ff = new Float32Array(1);
const ffi = new Int32Array(ff.buffer);

/** The next double toward +inf (dir 1) or -inf (dir -1). */
function nextD(v: number, dir: number): number {
  if (v !== v || v === dir * Infinity) return v;
  if (v === 0) return dir * 5e-324;
  fb[0] = v;
  fbi[0] += (v > 0) === (dir > 0) ? 1n : -1n;
  return fb[0];
}
/** The next float toward +inf (dir 1) or -inf (dir -1). */
function nextF(v: number, dir: number): number {
  if (v !== v || v === dir * Infinity) return v;
  if (v === 0) return dir * 1.401298464324817e-45;
  ff[0] = v;
  ffi[0] += (v > 0) === (dir > 0) ? 1 : -1;
  return ff[0];
}

const SPLIT = 134217729;
/** The exact error of a*b (a*b - fl(a*b)), for finite products away from the extremes. */
function prodErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
/** Sign of (exact - r) where exact = a*b, robust for large or tiny operands. */
function mulErrSign(a: number, b: number, r: number): number {
  const ea = Math.abs(a), eb = Math.abs(b);
  if (ea < 1e150 && eb < 1e150 && ea > 1e-150 && eb > 1e-150) return Math.sign(prodErr(a, b, r));
  return bigCmp(a, b, r, 0);
}
/** Exact comparison, as bigint rationals: sign of (a*b - r) (mode 0) or (a - r*b) (mode 1). */
function bigCmp(a: number, b: number, r: number, mode: number): number {
  const q = (v: number): [bigint, number] => {
    if (v === 0) return [0n, 0];
    fb[0] = v;
    const bits = fbi[0];
    const e = Number((bits >> 52n) & 0x7ffn);
    let m = bits & 0xfffffffffffffn;
    if (e) m |= 1n << 52n;
    return [v < 0 ? -m : m, (e || 1) - 1075];
  };
  const [am, ae] = q(a), [bm, be] = q(b), [rm, re] = q(r);
  let x: bigint, xe: number, y: bigint, ye: number;
  if (mode === 0) (x = am * bm), (xe = ae + be), (y = rm), (ye = re);
  else (x = am), (xe = ae), (y = rm * bm), (ye = re + be);
  const e = Math.min(xe, ye);
  const d = (x << BigInt(xe - e)) - (y << BigInt(ye - e));
  const s = d > 0n ? 1 : d < 0n ? -1 : 0;
  return mode === 1 && b < 0 ? -s : s;
}

/**
 * Round a nearest-rounded result r (with `err` the sign of exact - r) to the
 * MXCSR rounding mode; `next` steps to the neighbouring representable value.
 */
function directed(
  r: number,
  err: number,
  rc: number,
  next: (v: number, d: number) => number,
): number {
  if (err === 0 || rc === 0) return r;
  if (rc === 1) return err < 0 ? next(r, -1) : r;
  if (rc === 2) return err > 0 ? next(r, 1) : r;
  return (r > 0 && err < 0) || (r < 0 && err > 0) ? next(r, r > 0 ? -1 : 1) : r;
}

const MAXD = 1.7976931348623157e308, MAXF = 3.4028234663852886e38;
const MIND = 2.2250738585072014e-308, MINF = 1.1754943508222875e-38;

/** The default NaN of x86 (sign set, quiet). */
const DEFAULT_NAN = (() => {
  fbi[0] = -0x8000000000000n;
  return fb[0];
})();

function quiet(v: number): number {
  fb[0] = v;
  fbi[0] |= 1n << 51n;
  return fb[0];
}

/** SNaN test of double lane `lane` of xmm register r, from its raw bits. */
function snanLane(c: X86Cpu, r: number, lane: number): boolean {
  const hi = c.xi[r * 4 + 2 * lane + 1], lo = c.xi[r * 4 + 2 * lane];
  return (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0 && (hi & 0x80000) === 0;
}

/** SNaN test for raw float bits. */
function isSnanF(bits: number): boolean {
  return (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0 && (bits & 0x400000) === 0;
}

/** SNaN test for a double (quiet bit clear). */
function isSnanD(v: number): boolean {
  if (v === v) return false;
  fb[0] = v;
  return (fbi[0] & (1n << 51n)) === 0n;
}

/** The SSE runtime: packed ops by name, plus conversions. `h` carries a second result. */
export const SSE_RUNTIME = {
  h: 0,
  rint,
  /**
   * Scalar arithmetic with MXCSR rounding and exception flags: op 0 add, 1 sub,
   * 2 mul, 3 div, 4 sqrt (of b); dbl 1 for double, 0 for single.
   */
  arith(c: X86Cpu, op: number, dbl: number, a: number, b: number): number {
    const rc = (c.mxcsr >> 13) & 3;
    let r: number, err = 0, flags = 0;
    switch (op) {
      case 0:
      case 1: {
        r = op === 1 ? a - b : a + b;
        if (isFinite(r)) {
          const bb = op === 1 ? -b : b;
          const z = r - a;
          err = Math.sign((a - (r - z)) + (bb - z));
        }
        if (r !== r && a === a && b === b) flags |= IE;
        // An exact zero sum is -0 when rounding down, unless both operands are +0.
        if (r === 0 && rc === 1 && !(Object.is(a, 0) && Object.is(op === 1 ? -b : b, 0))) r = -0;
        break;
      }
      case 2:
        r = a * b;
        if (isFinite(r) && r !== 0) err = mulErrSign(a, b, r);
        else if (r === 0 && a !== 0 && b !== 0 && isFinite(a) && isFinite(b)) {
          err = Math.sign(a) * Math.sign(b);
        }
        if (r !== r && a === a && b === b) flags |= IE;
        break;
      case 3:
        r = a / b;
        if (b === 0 && a === a && a !== 0 && isFinite(a)) flags |= ZE;
        if (r !== r && a === a && b === b) flags |= IE;
        if (isFinite(r) && r !== 0 && isFinite(b)) err = bigOrFast(a, b, r);
        else if (r === 0 && a !== 0 && isFinite(a) && isFinite(b)) {
          err = Math.sign(a) * Math.sign(b);
        }
        break;
      default:
        r = Math.sqrt(b);
        if (b < 0) flags |= IE;
        if (isFinite(r) && r > 0) {
          const p = r * r;
          err = r < 1e150 && r > 1e-150
            ? Math.sign((b - p) - prodErr(r, r, p))
            : -bigCmp(r, r, b, 0);
        }
    }
    if (r !== r) {
      // x86: the first NaN operand, quieted; a new NaN is the negative default NaN.
      c.mxcsr |= flags;
      if (op !== 4 && a !== a) return quiet(a);
      if (b !== b) return quiet(b);
      return DEFAULT_NAN;
    }
    const finiteIn = isFinite(a) && isFinite(b);
    if (dbl) {
      let v = r;
      if (!isFinite(r) && r === r && finiteIn && !(flags & ZE)) {
        flags |= OE | PE;
        if (rc === 3 || (rc === 1 && r > 0) || (rc === 2 && r < 0)) v = r > 0 ? MAXD : -MAXD;
      } else {
        v = directed(r, err, rc, nextD);
        if (err !== 0) flags |= PE;
        if (err !== 0 && v !== 0 && Math.abs(v) < MIND) flags |= UE;
        if (err !== 0 && v === 0) flags |= UE;
      }
      c.mxcsr |= flags;
      return v;
    }
    // Single: round the double result (with its error) once more.
    let f = Math.fround(r);
    let e32 = f !== r ? Math.sign(r - f) : err;
    if (!isFinite(f) && f === f && isFinite(r)) {
      flags |= OE | PE;
      f = (rc === 3 || (rc === 1 && r > 0) || (rc === 2 && r < 0)) ? (r > 0 ? MAXF : -MAXF) : f;
      e32 = 0;
    } else if (!isFinite(f) && f === f && finiteIn && !(flags & ZE)) {
      flags |= OE | PE;
      if (rc === 3 || (rc === 1 && f > 0) || (rc === 2 && f < 0)) f = f > 0 ? MAXF : -MAXF;
    } else {
      f = directed(f, e32, rc, nextF);
      if (e32 !== 0) flags |= PE;
      if (e32 !== 0 && Math.abs(f) < MINF) flags |= UE;
    }
    c.mxcsr |= flags;
    return f;
  },
  /**
   * One lane of a scalar or packed float op on the register file: op 0 add,
   * 1 sub, 2 mul, 3 div, 4 sqrt (of the source), 5 min, 6 max. Reads the raw
   * lane bits for SNaN and denormal detection; writes the destination lane.
   */
  sop(c: X86Cpu, op: number, dbl: number, d: number, s: number, lane: number): void {
    let a: number, b: number, snan: boolean, den: boolean;
    if (dbl) {
      a = c.xd[d * 2 + lane];
      b = c.xd[s * 2 + lane];
      snan = (op !== 4 && snanLane(c, d, lane)) || snanLane(c, s, lane);
      den = (op !== 4 && a !== 0 && Math.abs(a) < MIND) || (b !== 0 && Math.abs(b) < MIND);
    } else {
      const ai = c.xi[d * 4 + lane], bi = c.xi[s * 4 + lane];
      a = c.xf[d * 4 + lane];
      b = c.xf[s * 4 + lane];
      snan = (op !== 4 && isSnanF(ai)) || isSnanF(bi);
      den = (op !== 4 && (ai & 0x7f800000) === 0 && (ai & 0x7fffff) !== 0) ||
        ((bi & 0x7f800000) === 0 && (bi & 0x7fffff) !== 0);
    }
    if (op >= 5) {
      // min/max: the source unless the destination is strictly smaller/greater; raw bits.
      if (a !== a || b !== b) c.mxcsr |= IE;
      else if (den) c.mxcsr |= 2;
      const keepA = op === 5 ? a < b : a > b;
      if (!keepA) {
        if (dbl) {
          c.xi[d * 4 + 2 * lane] = c.xi[s * 4 + 2 * lane];
          c.xi[d * 4 + 2 * lane + 1] = c.xi[s * 4 + 2 * lane + 1];
        } else c.xi[d * 4 + lane] = c.xi[s * 4 + lane];
      }
      return;
    }
    if (snan) c.mxcsr |= IE;
    else if (den && a === a && b === b) c.mxcsr |= 2;
    const r = SSE_RUNTIME.arith(c, op, dbl, a, b);
    if (dbl) c.xd[d * 2 + lane] = r;
    else c.xf[d * 4 + lane] = r;
  },
  /** A packed float op over all lanes (see sop). */
  pop(c: X86Cpu, op: number, dbl: number, d: number, s: number): void {
    const n = dbl ? 2 : 4;
    for (let k = 0; k < n; k++) SSE_RUNTIME.sop(c, op, dbl, d, s, k);
  },
  /** Convert lanes: kind 0 dq2ps, 1 ps2dq, 2 tps2dq, 3 dq2pd, 4 pd2dq, 5 tpd2dq, 6 ps2pd, 7 pd2ps. */
  cvtp(c: X86Cpu, kind: number, d: number, s: number): void {
    const xi = c.xi;
    const src = [xi[s * 4], xi[s * 4 + 1], xi[s * 4 + 2], xi[s * 4 + 3]];
    const sf = [c.xf[s * 4], c.xf[s * 4 + 1], c.xf[s * 4 + 2], c.xf[s * 4 + 3]];
    const sd = [c.xd[s * 2], c.xd[s * 2 + 1]];
    const out = new Int32Array(4);
    const of = new Float32Array(out.buffer), od = new Float64Array(out.buffer);
    switch (kind) {
      case 0:
        for (let k = 0; k < 4; k++) of[k] = SSE_RUNTIME.arith(c, 0, 0, src[k], 0);
        break;
      case 1:
      case 2:
        for (let k = 0; k < 4; k++) {
          if (isSnanF(src[k])) c.mxcsr |= IE;
          out[k] = SSE_RUNTIME.cvtInt(c, sf[k], 32, kind === 2 ? 1 : 0);
        }
        break;
      case 3:
        od[0] = src[0];
        od[1] = src[1];
        break;
      case 4:
      case 5:
        for (let k = 0; k < 2; k++) {
          if (isSnanD(sd[k])) c.mxcsr |= IE;
          out[k] = SSE_RUNTIME.cvtInt(c, sd[k], 32, kind === 5 ? 1 : 0);
        }
        break;
      case 6:
        for (let k = 0; k < 2; k++) {
          if (isSnanF(src[k])) c.mxcsr |= IE;
          else if ((src[k] & 0x7f800000) === 0 && (src[k] & 0x7fffff) !== 0) c.mxcsr |= 2;
          od[k] = sf[k];
        }
        break;
      default:
        for (let k = 0; k < 2; k++) {
          if (sd[k] !== 0 && Math.abs(sd[k]) < MIND) c.mxcsr |= 2;
          of[k] = SSE_RUNTIME.d2f(c, sd[k]);
        }
    }
    xi.set(out, d * 4);
  },
  /** cvtss2sd with flags (IE on SNaN, DE on denormal). */
  f2d(c: X86Cpu, s: number): number {
    const bits = c.xi[s * 4];
    if (isSnanF(bits)) c.mxcsr |= IE;
    else if ((bits & 0x7f800000) === 0 && (bits & 0x7fffff) !== 0) c.mxcsr |= 2;
    return c.xf[s * 4];
  },
  /** cvtsd2ss with rounding and flags. */
  d2f(c: X86Cpu, v: number): number {
    if (v !== 0 && Math.abs(v) < MIND) c.mxcsr |= 2;
    return SSE_RUNTIME.arith(c, 2, 0, v, 1);
  },
  /** Double (or float) to integer: returns the low half, high half in `h`. */
  cvtInt(c: X86Cpu, v: number, bits: number, trunc: number): number {
    const rc = trunc ? 3 : (c.mxcsr >> 13) & 3;
    if (v !== 0 && Math.abs(v) < MINF && bits === 0) c.mxcsr |= 2;
    const w = rc === 0
      ? rint(v)
      : rc === 1
      ? Math.floor(v)
      : rc === 2
      ? Math.ceil(v)
      : Math.trunc(v);
    const lim = bits === 32 ? 2147483648 : 9223372036854775808;
    if (!(w >= -lim && w < lim)) c.mxcsr |= IE;
    else if (w !== v) c.mxcsr |= PE;
    const [l, h] = toIntBits(w, bits as 32 | 64);
    SSE_RUNTIME.h = h;
    return l;
  },
  /** A 64-bit integer (lo, hi) as a double (dbl 1) or float, rounded per MXCSR. */
  i64ToF(c: X86Cpu, lo: number, hi: number, dbl: number): number {
    const v = hi * 4294967296 + (lo >>> 0);
    if (Number.isSafeInteger(v)) return dbl ? v : SSE_RUNTIME.arith(c, 0, 0, v, 0);
    const big = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
    const r = Number(big);
    const d = BigInt(r) === big ? 0 : BigInt(r) < big ? 1 : -1;
    const rc = (c.mxcsr >> 13) & 3;
    if (dbl) {
      if (d !== 0) c.mxcsr |= PE;
      return directed(r, d, rc, nextD);
    }
    let f = Math.fround(r);
    const e = f !== r ? Math.sign(r - f) : d;
    f = directed(f, e, rc, nextF);
    if (e !== 0) c.mxcsr |= PE;
    return f;
  },
  /** Flags of ucomis (ordered 0) / comis (1): ZF, PF, CF; IE on SNaN (any NaN for comis). */
  ucom(c: X86Cpu, d: number, s: number, signal: number): number {
    const a = c.xd[d * 2], b = c.xd[s * 2];
    if (a !== a || b !== b) {
      if (signal || snanLane(c, d, 0) || snanLane(c, s, 0)) c.mxcsr |= IE;
      return 64 | 4 | 1;
    }
    if ((a !== 0 && Math.abs(a) < MIND) || (b !== 0 && Math.abs(b) < MIND)) c.mxcsr |= 2;
    return a < b ? 1 : a === b ? 64 : 0;
  },
  /** ucomiss/comiss on raw float lanes. */
  ucomf(c: X86Cpu, d: number, s: number, signal: number): number {
    const ai = c.xi[d * 4], bi = c.xi[s * 4];
    const a = c.xf[d * 4], b = c.xf[s * 4];
    if (a !== a || b !== b) {
      if (signal || isSnanF(ai) || isSnanF(bi)) c.mxcsr |= IE;
      return 64 | 4 | 1;
    }
    if (
      ((ai & 0x7f800000) === 0 && (ai & 0x7fffff) !== 0) ||
      ((bi & 0x7f800000) === 0 && (bi & 0x7fffff) !== 0)
    ) c.mxcsr |= 2;
    return a < b ? 1 : a === b ? 64 : 0;
  },
  pxor: lanes32((a, b) => a ^ b),
  por: lanes32((a, b) => a | b),
  pand: lanes32((a, b) => a & b),
  pandn: lanes32((a, b) => ~a & b),
  paddb: lanes8((a, b) => a + b),
  paddw: lanes16((a, b) => a + b),
  paddd: lanes32((a, b) => (a + b) | 0),
  paddq: ((c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 2; k++) {
      const al = x[d * 4 + 2 * k], bl = x[s * 4 + 2 * k];
      const l = (al + bl) | 0;
      x[d * 4 + 2 * k + 1] = (x[d * 4 + 2 * k + 1] + x[s * 4 + 2 * k + 1] +
        ((l >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
      x[d * 4 + 2 * k] = l;
    }
  }) as Op,
  psubb: lanes8((a, b) => a - b),
  psubw: lanes16((a, b) => a - b),
  psubd: lanes32((a, b) => (a - b) | 0),
  psubq: ((c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 2; k++) {
      const al = x[d * 4 + 2 * k], bl = x[s * 4 + 2 * k];
      x[d * 4 + 2 * k + 1] = (x[d * 4 + 2 * k + 1] - x[s * 4 + 2 * k + 1] -
        ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
      x[d * 4 + 2 * k] = (al - bl) | 0;
    }
  }) as Op,
  paddusb: lanes8((a, b) => sat8u(a + b)),
  paddusw: lanes16((a, b) => sat16u(a + b)),
  psubusb: lanes8((a, b) => sat8u(a - b)),
  psubusw: lanes16((a, b) => sat16u(a - b)),
  paddsb: lanesS8((a, b) => sat8s(a + b)),
  paddsw: lanes16((a, b) => sat16s(a + b), true),
  psubsb: lanesS8((a, b) => sat8s(a - b)),
  psubsw: lanes16((a, b) => sat16s(a - b), true),
  pcmpeqb: lanes8((a, b) => (a === b ? 255 : 0)),
  pcmpeqw: lanes16((a, b) => (a === b ? 65535 : 0)),
  pcmpeqd: lanes32((a, b) => (a === b ? -1 : 0)),
  pcmpgtb: lanesS8((a, b) => (a > b ? -1 : 0)),
  pcmpgtw: lanes16((a, b) => (a > b ? -1 : 0), true),
  pcmpgtd: lanes32((a, b) => (a > b ? -1 : 0)),
  pminub: lanes8((a, b) => (a < b ? a : b)),
  pmaxub: lanes8((a, b) => (a > b ? a : b)),
  pminsw: lanes16((a, b) => (a < b ? a : b), true),
  pmaxsw: lanes16((a, b) => (a > b ? a : b), true),
  pavgb: lanes8((a, b) => (a + b + 1) >> 1),
  pavgw: lanes16((a, b) => (a + b + 1) >> 1),
  pmullw: lanes16((a, b) => Math.imul(a, b), true),
  pmulhw: lanes16((a, b) => (a * b) >> 16, true),
  pmulhuw: lanes16((a, b) => Math.floor((a * b) / 65536)),
  pmuludq: ((c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 2; k++) {
      const a = x[d * 4 + 2 * k] >>> 0, b = x[s * 4 + 2 * k] >>> 0;
      const p = BigInt(a) * BigInt(b);
      x[d * 4 + 2 * k] = Number(BigInt.asIntN(32, p));
      x[d * 4 + 2 * k + 1] = Number(BigInt.asIntN(32, p >> 32n));
    }
  }) as Op,
  pmaddwd: ((c, d, s) => {
    save(c, d);
    const w = c.xw;
    const tw = new Int16Array(tmp.buffer);
    for (let k = 0; k < 4; k++) {
      c.xi[d * 4 + k] = (tw[2 * k] * w[s * 8 + 2 * k] + tw[2 * k + 1] * w[s * 8 + 2 * k + 1]) | 0;
    }
  }) as Op,
  psadbw: ((c, d, s) => {
    const b = c.xb;
    for (let q = 0; q < 2; q++) {
      let sum = 0;
      for (let k = 0; k < 8; k++) sum += Math.abs(b[d * 16 + q * 8 + k] - b[s * 16 + q * 8 + k]);
      c.xi[d * 4 + 2 * q] = sum;
      c.xi[d * 4 + 2 * q + 1] = 0;
    }
  }) as Op,
  packsswb: ((c, d, s) => {
    const w = c.xw;
    const out = new Int8Array(16);
    for (let k = 0; k < 8; k++) out[k] = sat8s(w[d * 8 + k]);
    for (let k = 0; k < 8; k++) out[8 + k] = sat8s(w[s * 8 + k]);
    c.xsb.set(out, d * 16);
  }) as Op,
  packuswb: ((c, d, s) => {
    const w = c.xw;
    const out = new Uint8Array(16);
    for (let k = 0; k < 8; k++) out[k] = sat8u(w[d * 8 + k]);
    for (let k = 0; k < 8; k++) out[8 + k] = sat8u(w[s * 8 + k]);
    c.xb.set(out, d * 16);
  }) as Op,
  packssdw: ((c, d, s) => {
    const x = c.xi;
    const out = new Int16Array(8);
    for (let k = 0; k < 4; k++) out[k] = sat16s(x[d * 4 + k]);
    for (let k = 0; k < 4; k++) out[4 + k] = sat16s(x[s * 4 + k]);
    c.xw.set(out, d * 8);
  }) as Op,
  punpcklbw: ((c, d, s) => {
    save(c, d);
    for (let k = 0; k < 8; k++) {
      c.xb[d * 16 + 2 * k] = tmpB[k];
      c.xb[d * 16 + 2 * k + 1] = s === d ? tmpB[k] : c.xb[s * 16 + k];
    }
  }) as Op,
  punpckhbw: ((c, d, s) => {
    save(c, d);
    for (let k = 0; k < 8; k++) {
      c.xb[d * 16 + 2 * k] = tmpB[8 + k];
      c.xb[d * 16 + 2 * k + 1] = s === d ? tmpB[8 + k] : c.xb[s * 16 + 8 + k];
    }
  }) as Op,
  punpcklwd: ((c, d, s) => {
    save(c, d);
    for (let k = 0; k < 4; k++) {
      c.xuw[d * 8 + 2 * k] = tmpW[k];
      c.xuw[d * 8 + 2 * k + 1] = s === d ? tmpW[k] : c.xuw[s * 8 + k];
    }
  }) as Op,
  punpckhwd: ((c, d, s) => {
    save(c, d);
    for (let k = 0; k < 4; k++) {
      c.xuw[d * 8 + 2 * k] = tmpW[4 + k];
      c.xuw[d * 8 + 2 * k + 1] = s === d ? tmpW[4 + k] : c.xuw[s * 8 + 4 + k];
    }
  }) as Op,
  punpckldq: ((c, d, s) => {
    save(c, d);
    const x = c.xi;
    const s0 = x[s * 4], s1 = x[s * 4 + 1];
    x[d * 4 + 0] = tmp[0];
    x[d * 4 + 1] = s0;
    x[d * 4 + 2] = tmp[1];
    x[d * 4 + 3] = s1;
  }) as Op,
  punpckhdq: ((c, d, s) => {
    save(c, d);
    const x = c.xi;
    const s2 = x[s * 4 + 2], s3 = x[s * 4 + 3];
    x[d * 4 + 0] = tmp[2];
    x[d * 4 + 1] = s2;
    x[d * 4 + 2] = tmp[3];
    x[d * 4 + 3] = s3;
  }) as Op,
  punpcklqdq: ((c, d, s) => {
    const x = c.xi;
    x[d * 4 + 2] = x[s * 4];
    x[d * 4 + 3] = x[s * 4 + 1];
  }) as Op,
  punpckhqdq: ((c, d, s) => {
    const x = c.xi;
    x[d * 4] = x[d * 4 + 2];
    x[d * 4 + 1] = x[d * 4 + 3];
    x[d * 4 + 2] = x[s * 4 + 2];
    x[d * 4 + 3] = x[s * 4 + 3];
  }) as Op,
  pshufd: ((c, d, s, imm) => {
    save(c, s);
    for (let k = 0; k < 4; k++) c.xi[d * 4 + k] = tmp[(imm >> (2 * k)) & 3];
  }) as Op,
  pshuflw: ((c, d, s, imm) => {
    save(c, s);
    for (let k = 0; k < 4; k++) c.xuw[d * 8 + k] = tmpW[(imm >> (2 * k)) & 3];
    c.xi[d * 4 + 2] = tmp[2];
    c.xi[d * 4 + 3] = tmp[3];
  }) as Op,
  pshufhw: ((c, d, s, imm) => {
    save(c, s);
    c.xi[d * 4] = tmp[0];
    c.xi[d * 4 + 1] = tmp[1];
    for (let k = 0; k < 4; k++) c.xuw[d * 8 + 4 + k] = tmpW[4 + ((imm >> (2 * k)) & 3)];
  }) as Op,
  shufps: ((c, d, s, imm) => {
    save(c, d);
    const x = c.xi;
    const s2 = x[s * 4 + ((imm >> 4) & 3)], s3 = x[s * 4 + ((imm >> 6) & 3)];
    x[d * 4] = tmp[imm & 3];
    x[d * 4 + 1] = tmp[(imm >> 2) & 3];
    x[d * 4 + 2] = s2;
    x[d * 4 + 3] = s3;
  }) as Op,
  shufpd: ((c, d, s, imm) => {
    save(c, d);
    const x = c.xi;
    const h = imm & 2 ? 2 : 0;
    const sl = x[s * 4 + h], sh = x[s * 4 + h + 1];
    const l = imm & 1 ? 2 : 0;
    x[d * 4] = tmp[l];
    x[d * 4 + 1] = tmp[l + 1];
    x[d * 4 + 2] = sl;
    x[d * 4 + 3] = sh;
  }) as Op,
  // SSSE3
  pshufb: ((c, d, s) => {
    save(c, d);
    for (let k = 0; k < 16; k++) {
      const m = c.xb[s * 16 + k];
      c.xb[d * 16 + k] = m & 0x80 ? 0 : tmpB[m & 15];
    }
  }) as Op,
  palignr: ((c, d, s, imm) => {
    const both = new Uint8Array(32);
    both.set(c.xb.subarray(s * 16, s * 16 + 16), 0);
    both.set(c.xb.subarray(d * 16, d * 16 + 16), 16);
    for (let k = 0; k < 16; k++) c.xb[d * 16 + k] = k + imm < 32 ? both[k + imm] : 0;
  }) as Op,
  pabsb: ((c, d, s) => {
    for (let k = 0; k < 16; k++) c.xb[d * 16 + k] = Math.abs(c.xsb[s * 16 + k]);
  }) as Op,
  pabsw: ((c, d, s) => {
    for (let k = 0; k < 8; k++) c.xuw[d * 8 + k] = Math.abs(c.xw[s * 8 + k]);
  }) as Op,
  pabsd: ((c, d, s) => {
    for (let k = 0; k < 4; k++) c.xu[d * 4 + k] = Math.abs(c.xi[s * 4 + k]);
  }) as Op,
  psignb: lanesS8((a, b) => (b < 0 ? -a : b === 0 ? 0 : a)),
  psignw: lanes16((a, b) => (b < 0 ? -a : b === 0 ? 0 : a), true),
  psignd: lanes32((a, b) => (b < 0 ? -a | 0 : b === 0 ? 0 : a)),
  pmulhrsw: lanes16((a, b) => (((a * b) >> 14) + 1) >> 1, true),
  phaddw: hop16((a, b) => a + b, false),
  phaddsw: hop16((a, b) => sat16s(a + b), true),
  phsubw: hop16((a, b) => a - b, false),
  phsubsw: hop16((a, b) => sat16s(a - b), true),
  phaddd: hop32((a, b) => (a + b) | 0),
  phsubd: hop32((a, b) => (a - b) | 0),
  pmaddubsw: ((c, d, s) => {
    const a = Uint8Array.from(c.xb.subarray(d * 16, d * 16 + 16));
    for (let k = 0; k < 8; k++) {
      c.xw[d * 8 + k] = sat16s(
        a[2 * k] * c.xsb[s * 16 + 2 * k] + a[2 * k + 1] * c.xsb[s * 16 + 2 * k + 1],
      );
    }
  }) as Op,
  unpcklps: ((c, d, s) => SSE_RUNTIME.punpckldq(c, d, s, 0)) as Op,
  unpckhps: ((c, d, s) => SSE_RUNTIME.punpckhdq(c, d, s, 0)) as Op,
  unpcklpd: ((c, d, s) => SSE_RUNTIME.punpcklqdq(c, d, s, 0)) as Op,
  unpckhpd: ((c, d, s) => SSE_RUNTIME.punpckhqdq(c, d, s, 0)) as Op,
  /** Byte shifts of the whole register (psrldq/pslldq). */
  psrldq: ((c, d, _s, imm) => {
    save(c, d);
    const n = Math.min(imm & 255, 16);
    for (let k = 0; k < 16; k++) c.xb[d * 16 + k] = k + n < 16 ? tmpB[k + n] : 0;
  }) as Op,
  pslldq: ((c, d, _s, imm) => {
    save(c, d);
    const n = Math.min(imm & 255, 16);
    for (let k = 0; k < 16; k++) c.xb[d * 16 + k] = k - n >= 0 ? tmpB[k - n] : 0;
  }) as Op,
  /** Element shifts: kind 0 srl, 1 sra, 2 sll; width 16/32/64; count in imm. */
  pshift(c: X86Cpu, d: number, kind: number, width: number, n: number): void {
    if (width === 16) {
      for (let k = 0; k < 8; k++) {
        const v = c.xw[d * 8 + k];
        c.xw[d * 8 + k] = kind === 1
          ? v >> Math.min(n, 15)
          : n > 15
          ? 0
          : kind === 0
          ? (v & 0xffff) >>> n
          : v << n;
      }
    } else if (width === 32) {
      for (let k = 0; k < 4; k++) {
        const v = c.xi[d * 4 + k];
        c.xi[d * 4 + k] = kind === 1
          ? v >> Math.min(n, 31)
          : n > 31
          ? 0
          : kind === 0
          ? v >>> n
          : v << n;
      }
    } else {
      for (let k = 0; k < 2; k++) {
        let v = (BigInt(c.xi[d * 4 + 2 * k + 1] >>> 0) << 32n) | BigInt(c.xi[d * 4 + 2 * k] >>> 0);
        v = n > 63 ? 0n : kind === 0 ? v >> BigInt(n) : BigInt.asUintN(64, v << BigInt(n));
        c.xi[d * 4 + 2 * k] = Number(BigInt.asIntN(32, v));
        c.xi[d * 4 + 2 * k + 1] = Number(BigInt.asIntN(32, v >> 32n));
      }
    }
  },
  /** The shift count of an xmm-count shift: its low 64 bits, saturated. */
  count(c: X86Cpu, s: number): number {
    return c.xi[s * 4 + 1] !== 0 ? 255 : Math.min(c.xu[s * 4], 255);
  },
  pmovmskb(c: X86Cpu, s: number): number {
    let m = 0;
    for (let k = 0; k < 16; k++) m |= (c.xb[s * 16 + k] >> 7) << k;
    return m;
  },
  movmskps(c: X86Cpu, s: number): number {
    let m = 0;
    for (let k = 0; k < 4; k++) m |= (c.xi[s * 4 + k] >>> 31) << k;
    return m;
  },
  movmskpd(c: X86Cpu, s: number): number {
    return (c.xi[s * 4 + 1] >>> 31) | ((c.xi[s * 4 + 3] >>> 31) << 1);
  },
  addps: lanesF32((a, b) => a + b),
  subps: lanesF32((a, b) => a - b),
  mulps: lanesF32((a, b) => a * b),
  divps: lanesF32((a, b) => a / b),
  minps: lanesF32((a, b) => (a < b ? a : b)),
  maxps: lanesF32((a, b) => (a > b ? a : b)),
  addpd: lanesF64((a, b) => a + b),
  subpd: lanesF64((a, b) => a - b),
  mulpd: lanesF64((a, b) => a * b),
  divpd: lanesF64((a, b) => a / b),
  minpd: lanesF64((a, b) => (a < b ? a : b)),
  maxpd: lanesF64((a, b) => (a > b ? a : b)),
  sqrtps: ((c, d, s) => {
    for (let k = 0; k < 4; k++) c.xf[d * 4 + k] = Math.sqrt(c.xf[s * 4 + k]);
  }) as Op,
  sqrtpd: ((c, d, s) => {
    for (let k = 0; k < 2; k++) c.xd[d * 2 + k] = Math.sqrt(c.xd[s * 2 + k]);
  }) as Op,
  cmpps: ((c, d, s, imm) => {
    for (let k = 0; k < 4; k++) {
      cmpFlagsF(c, c.xi[d * 4 + k], c.xi[s * 4 + k], imm);
      c.xi[d * 4 + k] = cmpPred(c.xf[d * 4 + k], c.xf[s * 4 + k], imm) ? -1 : 0;
    }
  }) as Op,
  cmppd: ((c, d, s, imm) => {
    for (let k = 0; k < 2; k++) {
      cmpFlags(c, c.xd[d * 2 + k], c.xd[s * 2 + k], imm, snanLane(c, d, k) || snanLane(c, s, k));
      const r = cmpPred(c.xd[d * 2 + k], c.xd[s * 2 + k], imm) ? -1 : 0;
      c.xi[d * 4 + 2 * k] = r;
      c.xi[d * 4 + 2 * k + 1] = r;
    }
  }) as Op,
  cmpss: ((c, d, s, imm) => {
    cmpFlagsF(c, c.xi[d * 4], c.xi[s * 4], imm);
    c.xi[d * 4] = cmpPred(c.xf[d * 4], c.xf[s * 4], imm) ? -1 : 0;
  }) as Op,
  cmpsd: ((c, d, s, imm) => {
    cmpFlags(c, c.xd[d * 2], c.xd[s * 2], imm, snanLane(c, d, 0) || snanLane(c, s, 0));
    const r = cmpPred(c.xd[d * 2], c.xd[s * 2], imm) ? -1 : 0;
    c.xi[d * 4] = r;
    c.xi[d * 4 + 1] = r;
  }) as Op,
  cvtdq2pd: ((c, d, s) => {
    const a = c.xi[s * 4], b = c.xi[s * 4 + 1];
    c.xd[d * 2] = a;
    c.xd[d * 2 + 1] = b;
  }) as Op,
  cvtdq2ps: ((c, d, s) => {
    for (let k = 0; k < 4; k++) c.xf[d * 4 + k] = c.xi[s * 4 + k];
  }) as Op,
  cvtps2pd: ((c, d, s) => {
    const a = c.xf[s * 4], b = c.xf[s * 4 + 1];
    c.xd[d * 2] = a;
    c.xd[d * 2 + 1] = b;
  }) as Op,
  cvtpd2ps: ((c, d, s) => {
    const a = c.xd[s * 2], b = c.xd[s * 2 + 1];
    c.xf[d * 4] = a;
    c.xf[d * 4 + 1] = b;
    c.xi[d * 4 + 2] = 0;
    c.xi[d * 4 + 3] = 0;
  }) as Op,
  cvttpd2dq: ((c, d, s) => {
    const a = c.xd[s * 2], b = c.xd[s * 2 + 1];
    c.xi[d * 4] = toIntBits(Math.trunc(a), 32)[0];
    c.xi[d * 4 + 1] = toIntBits(Math.trunc(b), 32)[0];
    c.xi[d * 4 + 2] = 0;
    c.xi[d * 4 + 3] = 0;
  }) as Op,
  cvtpd2dq: ((c, d, s) => {
    const a = c.xd[s * 2], b = c.xd[s * 2 + 1];
    c.xi[d * 4] = toIntBits(rint(a), 32)[0];
    c.xi[d * 4 + 1] = toIntBits(rint(b), 32)[0];
    c.xi[d * 4 + 2] = 0;
    c.xi[d * 4 + 3] = 0;
  }) as Op,
  cvttps2dq: ((c, d, s) => {
    for (let k = 0; k < 4; k++) c.xi[d * 4 + k] = toIntBits(Math.trunc(c.xf[s * 4 + k]), 32)[0];
  }) as Op,
  cvtps2dq: ((c, d, s) => {
    for (let k = 0; k < 4; k++) c.xi[d * 4 + k] = toIntBits(rint(c.xf[s * 4 + k]), 32)[0];
  }) as Op,
  // SSE3 horizontal and alternating ops, through the lane helper on the scratch
  // registers 17 (first operands) and 18 (second operands).
  /** haddps/hsubps (op 0/1): pairs of the destination, then pairs of the source. */
  hps(c: X86Cpu, op: number, d: number, s: number): void {
    const x = c.xi;
    const a0 = x[d * 4], a1 = x[d * 4 + 1], a2 = x[d * 4 + 2], a3 = x[d * 4 + 3];
    const b0 = x[s * 4], b1 = x[s * 4 + 1], b2 = x[s * 4 + 2], b3 = x[s * 4 + 3];
    x[68] = a0, x[69] = a2, x[70] = b0, x[71] = b2;
    x[72] = a1, x[73] = a3, x[74] = b1, x[75] = b3;
    SSE_RUNTIME.pop(c, op, 0, 17, 18);
    for (let k = 0; k < 4; k++) x[d * 4 + k] = x[68 + k];
  },
  /** haddpd/hsubpd (op 0/1). */
  hpd(c: X86Cpu, op: number, d: number, s: number): void {
    const x = c.xi;
    const a = [x[d * 4], x[d * 4 + 1], x[d * 4 + 2], x[d * 4 + 3]];
    const b = [x[s * 4], x[s * 4 + 1], x[s * 4 + 2], x[s * 4 + 3]];
    x[68] = a[0], x[69] = a[1], x[70] = b[0], x[71] = b[1];
    x[72] = a[2], x[73] = a[3], x[74] = b[2], x[75] = b[3];
    SSE_RUNTIME.pop(c, op, 1, 17, 18);
    for (let k = 0; k < 4; k++) x[d * 4 + k] = x[68 + k];
  },
  /** addsubps/addsubpd: subtract in even lanes, add in odd lanes. */
  addsub(c: X86Cpu, dbl: number, d: number, s: number): void {
    const n = dbl ? 2 : 4;
    for (let k = 0; k < n; k++) SSE_RUNTIME.sop(c, k & 1 ? 0 : 1, dbl, d, s, k);
  },
  /**
   * roundss/roundsd/roundps/roundpd: imm[1:0] the rounding mode unless imm[2]
   * selects MXCSR's; imm[3] suppresses the precision exception. `lanes` is 1
   * for the scalar forms (the other destination lanes are kept).
   */
  round(c: X86Cpu, dbl: number, lanes: number, d: number, s: number, imm: number): void {
    const rc = imm & 4 ? (c.mxcsr >> 13) & 3 : imm & 3;
    const x = c.xi;
    for (let k = 0; k < lanes; k++) {
      if (dbl) {
        const hi = x[s * 4 + 2 * k + 1], lo = x[s * 4 + 2 * k];
        if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0) {
          if (!(hi & 0x80000)) c.mxcsr |= IE;
          x[d * 4 + 2 * k] = lo;
          x[d * 4 + 2 * k + 1] = hi | 0x80000;
          continue;
        }
        const v = c.xd[s * 2 + k];
        const r = roundTo(v, rc);
        if (r !== v && !(imm & 8)) c.mxcsr |= PE;
        c.xd[d * 2 + k] = r;
      } else {
        const bits = x[s * 4 + k];
        if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0) {
          if (!(bits & 0x400000)) c.mxcsr |= IE;
          x[d * 4 + k] = bits | 0x400000;
          continue;
        }
        const v = c.xf[s * 4 + k];
        const r = roundTo(v, rc);
        if (r !== v && !(imm & 8)) c.mxcsr |= PE;
        c.xf[d * 4 + k] = r;
      }
    }
  },
  /** dpps: masked products (imm[7:4]), summed pairwise, to the lanes of imm[3:0]. */
  dpps(c: X86Cpu, d: number, s: number, imm: number): void {
    const x = c.xi;
    for (let k = 0; k < 4; k++) (x[68 + k] = x[d * 4 + k]), (x[72 + k] = x[s * 4 + k]);
    for (let k = 0; k < 4; k++) {
      if (imm & (16 << k)) SSE_RUNTIME.sop(c, 2, 0, 17, 18, k);
      else x[68 + k] = 0;
    }
    x[72] = x[69];
    x[74] = x[71];
    SSE_RUNTIME.sop(c, 0, 0, 17, 18, 0);
    SSE_RUNTIME.sop(c, 0, 0, 17, 18, 2);
    x[72] = x[70];
    SSE_RUNTIME.sop(c, 0, 0, 17, 18, 0);
    for (let k = 0; k < 4; k++) x[d * 4 + k] = imm & (1 << k) ? x[68] : 0;
  },
  /** dppd: masked products (imm[5:4]), summed, to the lanes of imm[1:0]. */
  dppd(c: X86Cpu, d: number, s: number, imm: number): void {
    const x = c.xi;
    for (let k = 0; k < 4; k++) (x[68 + k] = x[d * 4 + k]), (x[72 + k] = x[s * 4 + k]);
    for (let k = 0; k < 2; k++) {
      if (imm & (16 << k)) SSE_RUNTIME.sop(c, 2, 1, 17, 18, k);
      else (x[68 + 2 * k] = 0), (x[69 + 2 * k] = 0);
    }
    x[72] = x[70];
    x[73] = x[71];
    SSE_RUNTIME.sop(c, 0, 1, 17, 18, 0);
    for (let k = 0; k < 2; k++) {
      x[d * 4 + 2 * k] = imm & (1 << k) ? x[68] : 0;
      x[d * 4 + 2 * k + 1] = imm & (1 << k) ? x[69] : 0;
    }
  },
  ...SSE4_RUNTIME,
};
