/**
 * The x87 FPU for lifted code, in software 80-bit extended precision: each
 * register is a sign, an exponent and a 64-bit significand (a bigint), and
 * add, subtract, multiply, divide and square root round exactly as the x87
 * does (to nearest even, at the precision the control word selects: 24, 53
 * or 64 bits). The transcendental instructions (fsin, fcos, fptan, fpatan,
 * f2xm1, fyl2x, fyl2xp1) go through double precision: that is the precision
 * limit. Exception flags are not raised; denormal extended values are not
 * produced (results keep an unbounded exponent until stored to memory).
 * @module
 */

import { MM0, type X86Cpu } from "./cpu.ts";

/** An extended value: (-1)^s * m * 2^e; m has its top bit (bit 63) set when finite non-zero. */
export interface X80 {
  /** 0 finite (m = 0 for zero), 1 infinity, 2 NaN. */
  k: number;
  s: number;
  e: number;
  m: bigint;
}

const C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const TOP = 1n << 63n;

/** Memory operand types of ldm/stm. */
export const M_F32 = 0, M_F64 = 1, M_F80 = 2, M_I16 = 3, M_I32 = 4, M_I64 = 5;
/** fisttp forms (truncating stores). */
export const M_T16 = 6, M_T32 = 7, M_T64 = 8;

const ZERO: X80 = { k: 0, s: 0, e: 0, m: 0n };
/** The "real indefinite" NaN. */
const INDEF: X80 = { k: 2, s: 1, e: 0, m: 0xc000000000000000n };

function bitlen(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

/**
 * Round an exact value (-1)^s * m * 2^e to `bits` significant bits with
 * rounding mode rc (0 nearest even, 1 down, 2 up, 3 toward zero), returning
 * it normalized to a 64-bit significand.
 */
function roundTo(s: number, m: bigint, e: number, bits: number, rc: number): X80 {
  if (m === 0n) return { k: 0, s, e: 0, m: 0n };
  const n = bitlen(m);
  if (n > bits) {
    const drop = BigInt(n - bits);
    let q = m >> drop;
    const rem = m - (q << drop);
    if (rem !== 0n) {
      const half = 1n << (drop - 1n);
      let up: boolean;
      if (rc === 0) up = rem > half || (rem === half && (q & 1n) === 1n);
      else if (rc === 3) up = false;
      else up = rc === 1 ? s === 1 : s === 0;
      if (up) q += 1n;
    }
    m = q;
    e += n - bits;
  }
  const n2 = bitlen(m);
  return { k: 0, s, e: e + n2 - 64, m: m << BigInt(64 - n2) };
}

function precision(c: X86Cpu): number {
  const pc = (c.fcw >> 8) & 3;
  return pc === 0 ? 24 : pc === 2 ? 53 : 64;
}
function rcOf(c: X86Cpu): number {
  return (c.fcw >> 10) & 3;
}

/** An exact double as an extended value. */
export function fromDouble(v: number): X80 {
  f64[0] = v;
  const hi = u32[1], lo = u32[0];
  const s = hi >>> 31;
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0x7ff) {
    return frac === 0n
      ? { k: 1, s, e: 0, m: TOP }
      : { k: 2, s, e: 0, m: TOP | (1n << 62n) | (frac << 11n) };
  }
  if (exp === 0) return frac === 0n ? { k: 0, s, e: 0, m: 0n } : roundTo(s, frac, -1074, 64, 0);
  return roundTo(s, frac | (1n << 52n), exp - 1075, 64, 0);
}

/** Round to a binary format with `mant` significand bits and normal exponents down to minE. */
function toBinary(x: X80, mant: number, minE: number, maxE: number, rc: number): number {
  const sign = x.s ? -1 : 1;
  if (x.k === 1) return sign * Infinity;
  if (x.k === 2) return NaN;
  if (x.m === 0n) return sign * 0;
  const E = x.e + 63; // exponent of the leading bit
  let bits = mant;
  if (E < minE) bits = mant - (minE - E);
  if (bits <= 0) {
    // Below half the smallest subnormal (or just at it): round to zero or the minimum.
    const min = Math.pow(2, minE - mant + 1);
    const up = rc === 0
      ? bits === 0 && x.m > TOP
      : rc === 3
      ? false
      : rc === 1
      ? x.s === 1
      : x.s === 0;
    return up ? sign * min : sign * 0;
  }
  const r = roundTo(x.s, x.m, x.e, bits, rc);
  const E2 = r.e + 63;
  if (E2 > maxE) {
    const toInf = rc === 0 || (rc === 1 && x.s === 1) || (rc === 2 && x.s === 0);
    return toInf ? sign * Infinity : sign * (2 - Math.pow(2, 1 - mant)) * Math.pow(2, maxE);
  }
  const top = r.m >> BigInt(64 - Math.max(bits, 1));
  return sign * Number(top) * Math.pow(2, r.e + 64 - Math.max(bits, 1));
}

function toDouble(x: X80, rc = 0): number {
  return toBinary(x, 53, -1022, 1023, rc);
}

function fromInt(v: bigint): X80 {
  if (v === 0n) return { k: 0, s: 0, e: 0, m: 0n };
  const s = v < 0n ? 1 : 0;
  return roundTo(s, s ? -v : v, 0, 64, 0);
}

/** Round to an integer (as a bigint) with rounding mode rc; null for NaN/infinity. */
function toIntegerBig(x: X80, rc: number): bigint | null {
  if (x.k !== 0) return null;
  if (x.m === 0n) return 0n;
  if (x.e >= 0) {
    if (x.e > 70) return null;
    const v = x.m << BigInt(x.e);
    return x.s ? -v : v;
  }
  const sh = -x.e;
  if (sh > 70) {
    const up = rc === 0 ? false : rc === 3 ? false : rc === 1 ? x.s === 1 : x.s === 0;
    return up ? (x.s ? -1n : 1n) : 0n;
  }
  const d = BigInt(sh);
  let q = x.m >> d;
  const rem = x.m - (q << d);
  if (rem !== 0n) {
    const half = 1n << (d - 1n);
    let up: boolean;
    if (rc === 0) up = rem > half || (rem === half && (q & 1n) === 1n);
    else if (rc === 3) up = false;
    else up = rc === 1 ? x.s === 1 : x.s === 0;
    if (up) q += 1n;
  }
  return x.s ? -q : q;
}

function isZero(x: X80): boolean {
  return x.k === 0 && x.m === 0n;
}

function add(a: X80, b: X80, bits: number, rc: number): X80 {
  if (a.k === 2) return { ...a, m: a.m | (1n << 62n) };
  if (b.k === 2) return { ...b, m: b.m | (1n << 62n) };
  if (a.k === 1 || b.k === 1) {
    if (a.k === 1 && b.k === 1 && a.s !== b.s) return INDEF;
    return a.k === 1 ? a : b;
  }
  if (isZero(a) && isZero(b)) {
    return { k: 0, s: a.s === b.s ? a.s : rc === 1 ? 1 : 0, e: 0, m: 0n };
  }
  if (isZero(a)) return roundTo(b.s, b.m, b.e, bits, rc);
  if (isZero(b)) return roundTo(a.s, a.m, a.e, bits, rc);
  let [x, y] = a.e >= b.e ? [a, b] : [b, a];
  // Far apart: the smaller one only matters as a sticky bit.
  if (x.e - y.e > 200) y = { ...y, e: x.e - 200, m: 1n };
  const sh = BigInt(x.e - y.e);
  const xm = (x.s ? -x.m : x.m) << sh;
  const ym = y.s ? -y.m : y.m;
  const sum = xm + ym;
  if (sum === 0n) return { k: 0, s: rc === 1 ? 1 : 0, e: 0, m: 0n };
  return roundTo(sum < 0n ? 1 : 0, sum < 0n ? -sum : sum, y.e, bits, rc);
}

function neg(a: X80): X80 {
  return { ...a, s: a.s ^ 1 };
}

function mul(a: X80, b: X80, bits: number, rc: number): X80 {
  if (a.k === 2) return a;
  if (b.k === 2) return b;
  const s = a.s ^ b.s;
  if (a.k === 1 || b.k === 1) {
    if (isZero(a) || isZero(b)) return INDEF;
    return { k: 1, s, e: 0, m: TOP };
  }
  if (isZero(a) || isZero(b)) return { k: 0, s, e: 0, m: 0n };
  return roundTo(s, a.m * b.m, a.e + b.e, bits, rc);
}

function div(a: X80, b: X80, bits: number, rc: number): X80 {
  if (a.k === 2) return a;
  if (b.k === 2) return b;
  const s = a.s ^ b.s;
  if (a.k === 1) return b.k === 1 ? INDEF : { k: 1, s, e: 0, m: TOP };
  if (b.k === 1) return { k: 0, s, e: 0, m: 0n };
  if (isZero(b)) return isZero(a) ? INDEF : { k: 1, s, e: 0, m: TOP };
  if (isZero(a)) return { k: 0, s, e: 0, m: 0n };
  const num = a.m << 130n;
  let q = num / b.m;
  if (q * b.m !== num) q |= 1n;
  return roundTo(s, q, a.e - b.e - 130, bits, rc);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's iteration from above converges monotonically to floor(sqrt(n)).
  let x = 1n << BigInt((bitlen(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function sqrt(a: X80, bits: number, rc: number): X80 {
  if (a.k === 2) return a;
  if (isZero(a)) return a;
  if (a.s) return INDEF;
  if (a.k === 1) return a;
  let m = a.m, e = a.e;
  if (e & 1) {
    m <<= 1n;
    e -= 1;
  }
  const n = m << 132n;
  let r = isqrt(n);
  if (r * r !== n) r |= 1n;
  return roundTo(0, r, (e - 132) / 2, bits, rc);
}

/** -1, 0, 1, or 2 (unordered). */
function cmp(a: X80, b: X80): number {
  if (a.k === 2 || b.k === 2) return 2;
  const za = isZero(a), zb = isZero(b);
  if (za && zb) return 0;
  const sa = za ? (b.s ? 1 : -1) * -1 : a.s ? -1 : 1;
  const sb = zb ? (a.s ? 1 : -1) * -1 : b.s ? -1 : 1;
  if (za) return -sb;
  if (zb) return sa;
  if (a.s !== b.s) return a.s ? -1 : 1;
  let mag: number;
  if (a.k === 1 || b.k === 1) mag = a.k === b.k ? 0 : a.k === 1 ? 1 : -1;
  else if (a.e !== b.e) mag = a.e > b.e ? 1 : -1;
  else mag = a.m === b.m ? 0 : a.m > b.m ? 1 : -1;
  return a.s ? -mag : mag;
}

function readF80(dv: DataView, off: number): X80 {
  const lo = dv.getUint32(off, true), hi = dv.getUint32(off + 4, true);
  const se = dv.getUint16(off + 8, true);
  const s = se >> 15, exp = se & 0x7fff;
  const m = (BigInt(hi) << 32n) | BigInt(lo);
  if (exp === 0x7fff) {
    // The significand is kept as is (also pseudo-infinities and MMX values: see mmx.ts).
    return m === TOP ? { k: 1, s, e: 0, m: TOP } : { k: 2, s, e: 0, m };
  }
  if (m === 0n) return { k: 0, s, e: 0, m: 0n };
  return roundTo(s, m, (exp === 0 ? 1 : exp) - 16383 - 63, 64, 0);
}

function writeF80(dv: DataView, off: number, x: X80): void {
  let exp: number, m: bigint;
  if (x.k === 1) (exp = 0x7fff), (m = TOP);
  else if (x.k === 2) (exp = 0x7fff), (m = x.m);
  else if (x.m === 0n) (exp = 0), (m = 0n);
  else {
    exp = x.e + 63 + 16383;
    m = x.m;
    if (exp >= 0x7fff) (exp = 0x7fff), (m = TOP);
    else if (exp <= 0) {
      m = exp < -64 ? 0n : m >> BigInt(1 - exp);
      exp = 0;
    }
  }
  dv.setUint32(off, Number(m & 0xffffffffn), true);
  dv.setUint32(off + 4, Number((m >> 32n) & 0xffffffffn), true);
  dv.setUint16(off + 8, (x.s << 15) | exp, true);
}

const sigBuf = new DataView(new ArrayBuffer(10));
/** The 64-bit significand field of x as the 80-bit register format holds it (the mm view). */
export function significand(x: X80): bigint {
  writeF80(sigBuf, 0, x);
  return sigBuf.getBigUint64(0, true);
}

/** Reload the mm registers (see mmx.ts) from the significands of the physical registers. */
export function loadMm(c: X86Cpu): void {
  for (let p = 0; p < 8; p++) {
    const m = significand(c.st[p]);
    c.xi[(MM0 + p) * 4] = Number(BigInt.asIntN(32, m));
    c.xi[(MM0 + p) * 4 + 1] = Number(BigInt.asIntN(32, m >> 32n));
  }
}

function st(c: X86Cpu, i: number): X80 {
  return c.st[(c.ftop + i) & 7];
}
function setSt(c: X86Cpu, i: number, v: X80): void {
  const p = (c.ftop + i) & 7;
  c.st[p] = v;
  c.ftag &= ~(1 << p);
}
function push(c: X86Cpu, v: X80): void {
  c.ftop = (c.ftop - 1) & 7;
  c.st[c.ftop] = v;
  c.ftag &= ~(1 << c.ftop);
}
function pop(c: X86Cpu): void {
  c.ftag |= 1 << c.ftop;
  c.ftop = (c.ftop + 1) & 7;
}

function arithOp(c: X86Cpu, k: number, a: X80, b: X80): X80 {
  const bits = precision(c), rc = rcOf(c);
  switch (k) {
    case 0:
      return add(a, b, bits, rc);
    case 1:
      return mul(a, b, bits, rc);
    case 2:
      return add(a, neg(b), bits, rc);
    case 3:
      return add(b, neg(a), bits, rc);
    case 4:
      return div(a, b, bits, rc);
    default:
      return div(b, a, bits, rc);
  }
}

function compareBits(a: X80, b: X80): number {
  const r = cmp(a, b);
  return r === 2 ? C0 | C2 | C3 : r < 0 ? C0 : r === 0 ? C3 : 0;
}

function cst(m: bigint, e: number): X80 {
  return { k: 0, s: 0, e, m };
}

/** x87 constants, exactly as the FPU holds them (rounded to nearest). */
const CONSTS: X80[] = [
  cst(TOP, -63), // 1
  cst(0n, 0), // 0
  cst(0xc90fdaa22168c235n, -62), // pi
  cst(0xb8aa3b295c17f0bcn, -63), // log2(e)
  cst(0xd49a784bcd1b8afen, -62), // log2(10)
  cst(0x9a209a84fbcff799n, -65), // log10(2)
  cst(0xb17217f7d1cf79acn, -64), // ln(2)
];

/** The x87 runtime. */
export const X87_RUNTIME = {
  /** Load a memory operand of type t. */
  ldm(c: X86Cpu, off: number, t: number): X80 {
    const dv = c.dv;
    switch (t) {
      case M_F32:
        return fromDouble(dv.getFloat32(off, true));
      case M_F64:
        return fromDouble(dv.getFloat64(off, true));
      case M_F80:
        return readF80(dv, off);
      case M_I16:
        return fromInt(BigInt(dv.getInt16(off, true)));
      case M_I32:
        return fromInt(BigInt(dv.getInt32(off, true)));
      default:
        return fromInt(dv.getBigInt64(off, true));
    }
  },
  /** Store st0 to memory as type t (then pop when p). */
  stm(c: X86Cpu, off: number, t: number, p: number): void {
    const dv = c.dv;
    c.fsw &= ~C1; // C1 reports the store's rounding direction; stores here round down or exactly
    const x = st(c, 0);
    const rc = rcOf(c);
    switch (t) {
      case M_F32:
        dv.setFloat32(off, x.k === 2 ? nanBits32(x) : toBinary(x, 24, -126, 127, rc), true);
        if (x.k === 2) dv.setUint32(off, nanU32(x), true);
        break;
      case M_F64:
        if (x.k === 2) {
          dv.setUint32(off, Number((x.m >> 11n) & 0xffffffffn), true);
          dv.setUint32(off + 4, (x.s << 31) | 0x7ff00000 | Number((x.m >> 43n) & 0xfffffn), true);
        } else dv.setFloat64(off, toDouble(x, rc), true);
        break;
      case M_F80:
        writeF80(dv, off, x);
        break;
      default: {
        const v = toIntegerBig(x, t >= M_T16 ? 3 : rc);
        const bits = t === M_I16 || t === M_T16 ? 16 : t === M_I32 || t === M_T32 ? 32 : 64;
        const lim = 1n << BigInt(bits - 1);
        const ok = v !== null && v >= -lim && v < lim;
        if (bits === 16) dv.setInt16(off, ok ? Number(v) : -32768, true);
        else if (bits === 32) dv.setInt32(off, ok ? Number(v) : -2147483648, true);
        else dv.setBigInt64(off, ok ? v! : -(1n << 63n), true);
      }
    }
    if (p) pop(c);
  },
  push,
  pop,
  /** fld st(i). */
  fldr(c: X86Cpu, i: number): void {
    push(c, st(c, i));
  },
  /** fst st(i) (then pop when p). */
  fstr(c: X86Cpu, i: number, p: number): void {
    setSt(c, i, st(c, 0));
    if (p) pop(c);
  },
  /** fcmov: st0 = st(i). */
  mov(c: X86Cpu, i: number): void {
    setSt(c, 0, st(c, i));
  },
  /** st(d) = st(d) k st(s), then pop when p. */
  arith(c: X86Cpu, k: number, d: number, s: number, p: number): void {
    setSt(c, d, arithOp(c, k, st(c, d), st(c, s)));
    if (p) pop(c);
  },
  /** st0 = st0 k v. */
  arithv(c: X86Cpu, k: number, v: X80): void {
    setSt(c, 0, arithOp(c, k, st(c, 0), v));
  },
  fxch(c: X86Cpu, i: number): void {
    const a = st(c, 0);
    setSt(c, 0, st(c, i));
    setSt(c, i, a);
  },
  /** fcom with st(i). */
  comr(c: X86Cpu, i: number, n: number): void {
    X87_RUNTIME.com(c, st(c, i), n);
  },
  /** fcom/fucom: C0/C2/C3 from st0 vs v; pops n times. */
  com(c: X86Cpu, v: X80, n: number): void {
    c.fsw = (c.fsw & ~(C0 | C1 | C2 | C3)) | compareBits(st(c, 0), v);
    for (let k = 0; k < n; k++) pop(c);
  },
  /** fcomi/fucomi: EFLAGS ZF/PF/CF from st0 vs st(i); pops when p. */
  comi(c: X86Cpu, i: number, p: number): number {
    const r = cmp(st(c, 0), st(c, i));
    if (p) pop(c);
    return r === 2 ? 64 | 4 | 1 : r < 0 ? 1 : r === 0 ? 64 : 0;
  },
  /** Push constant n (fld1, fldz, fldpi, fldl2e, fldl2t, fldlg2, fldln2). */
  ldc(c: X86Cpu, n: number): void {
    const k = CONSTS[n];
    const rc = rcOf(c);
    // pi, log2(e), log10(2) and ln(2) were rounded up to nearest; log2(10) down.
    const down = (n === 2 || n === 3 || n === 5 || n === 6) && (rc === 1 || rc === 3);
    const up = n === 4 && rc === 2;
    push(c, down ? { ...k, m: k.m - 1n } : up ? { ...k, m: k.m + 1n } : k);
  },
  /** The one-operand instructions. */
  unary(c: X86Cpu, op: number): void {
    const a = st(c, 0);
    const bits = precision(c), rc = rcOf(c);
    const viaDouble = (f: (v: number) => number) => fromDouble(f(toDouble(a)));
    switch (op) {
      case 0: // fchs
        setSt(c, 0, neg(a));
        break;
      case 1: // fabs
        setSt(c, 0, { ...a, s: 0 });
        break;
      case 2: // fsqrt
        setSt(c, 0, sqrt(a, bits, rc));
        break;
      case 3: { // frndint
        const v = toIntegerBig(a, rc);
        if (v !== null) setSt(c, 0, v === 0n ? { ...ZERO, s: a.s } : fromInt(v));
        break;
      }
      case 4: { // fscale
        const b1 = st(c, 1);
        let n = toIntegerBig(b1, 3);
        if (n === null && b1.k === 0) n = b1.s ? -100000n : 100000n;
        if (a.k === 0 && a.m !== 0n && n !== null) {
          const k = Number(n < -100000n ? -100000n : n > 100000n ? 100000n : n);
          let r: X80 = { ...a, e: a.e + k };
          if (r.e + 63 > 16383) {
            // Overflow: infinity, or the largest finite value when rounding toward zero.
            const toInf = rc === 0 || (rc === 1 && a.s === 1) || (rc === 2 && a.s === 0);
            r = toInf
              ? { k: 1, s: a.s, e: 0, m: TOP }
              : { k: 0, s: a.s, e: 16383 - 63, m: (1n << 64n) - 1n };
          } else if (r.e + 63 < -16382) {
            // Underflow to a denormal: round to the denormal grid (2^-16445).
            const keep = 64 - (-16382 - (r.e + 63));
            if (keep >= 1) r = roundTo(r.s, r.m, r.e, keep, rc);
            else {
              const up = (rc === 2 && a.s === 0) || (rc === 1 && a.s === 1) ||
                (rc === 0 && keep === 0 && r.m > TOP);
              r = up ? { k: 0, s: a.s, e: -16445 - 63, m: TOP } : { ...ZERO, s: a.s };
            }
          }
          setSt(c, 0, r);
        }
        break;
      }
      case 5: // fprem
      case 6: { // fprem1
        const b = st(c, 1);
        if (a.k !== 0 || b.k !== 0 || b.m === 0n) {
          setSt(c, 0, INDEF);
          break;
        }
        if (a.m === 0n) break;
        const e = Math.min(a.e, b.e);
        const dexp = a.e - b.e;
        if (dexp >= 64) {
          // Partial remainder: reduce by a quotient of at most 2^N, N = 32 + (D mod 32); C2 = 1.
          const sh = dexp - (32 + (dexp & 31));
          const am = a.m << BigInt(a.e - b.e - sh);
          const q = am / b.m;
          const r = (a.m << BigInt(a.e - b.e - sh)) - q * b.m;
          setSt(c, 0, r === 0n ? { ...ZERO, s: a.s } : roundTo(a.s, r, b.e + sh, 64, 0));
          c.fsw = (c.fsw & ~(C0 | C1 | C2 | C3)) | C2;
          break;
        }
        const am = a.m << BigInt(a.e - e), bm = b.m << BigInt(b.e - e);
        let q = am / bm;
        let r = am - q * bm;
        if (op === 6) {
          const twice = r * 2n;
          if (twice > bm || (twice === bm && (q & 1n) === 1n)) {
            q += 1n;
            r -= bm;
          }
        }
        const rs = r < 0n ? a.s ^ 1 : a.s;
        setSt(c, 0, r === 0n ? { ...ZERO, s: a.s } : roundTo(rs, r < 0n ? -r : r, e, 64, 0));
        const qi = Number(q & 7n);
        c.fsw = (c.fsw & ~(C0 | C1 | C2 | C3)) | (qi & 1 ? C1 : 0) | (qi & 2 ? C3 : 0) |
          (qi & 4 ? C0 : 0);
        break;
      }
      case 7: { // fxam
        let b: number;
        if ((c.ftag >> c.ftop) & 1) b = C3 | C0;
        else if (a.k === 2) b = C0;
        else if (a.k === 1) b = C2 | C0;
        else if (a.m === 0n) b = C3;
        else b = C2;
        if (a.s) b |= C1;
        c.fsw = (c.fsw & ~(C0 | C1 | C2 | C3)) | b;
        break;
      }
      case 8: // ftst
        c.fsw = (c.fsw & ~(C0 | C1 | C2 | C3)) | compareBits(a, ZERO);
        break;
      case 9:
        setSt(c, 0, viaDouble((v) => Math.pow(2, v) - 1));
        break;
      case 10:
        setSt(c, 1, fromDouble(toDouble(st(c, 1)) * Math.log2(toDouble(a))));
        pop(c);
        break;
      case 11:
        setSt(c, 1, fromDouble(toDouble(st(c, 1)) * Math.log2(1 + toDouble(a))));
        pop(c);
        break;
      case 12:
        setSt(c, 0, viaDouble(Math.tan));
        push(c, CONSTS[0]);
        break;
      case 13:
        setSt(c, 1, fromDouble(Math.atan2(toDouble(st(c, 1)), toDouble(a))));
        pop(c);
        break;
      case 14:
        setSt(c, 0, viaDouble(Math.sin));
        break;
      case 15:
        setSt(c, 0, viaDouble(Math.cos));
        break;
      case 16:
        setSt(c, 0, viaDouble(Math.sin));
        push(c, fromDouble(Math.cos(toDouble(a))));
        break;
      case 17: { // fxtract
        if (a.k !== 0 || a.m === 0n) {
          setSt(c, 0, a.m === 0n && a.k === 0 ? { k: 1, s: 1, e: 0, m: TOP } : a);
          push(c, a);
          break;
        }
        setSt(c, 0, fromInt(BigInt(a.e + 63)));
        push(c, { ...a, e: -63 });
        break;
      }
      case 18:
        c.ftop = (c.ftop - 1) & 7;
        break;
      case 19:
        c.ftop = (c.ftop + 1) & 7;
        break;
    }
  },
  /** fnstsw value. */
  status(c: X86Cpu): number {
    return (c.fsw & ~0x3800) | (c.ftop << 11);
  },
  /** fnstenv: the 28-byte environment. */
  stenv(c: X86Cpu, off: number): void {
    const dv = c.dv;
    for (let k = 0; k < 28; k += 4) dv.setInt32(off + k, 0, true);
    dv.setUint16(off, c.fcw, true);
    dv.setUint16(off + 4, X87_RUNTIME.status(c), true);
    let tag = 0;
    for (let p = 0; p < 8; p++) tag |= ((c.ftag >> p) & 1 ? 3 : 0) << (2 * p);
    dv.setUint16(off + 8, tag, true);
    c.fcw |= 0x3f;
  },
  ldenv(c: X86Cpu, off: number): void {
    const dv = c.dv;
    c.fcw = dv.getUint16(off, true);
    const sw = dv.getUint16(off + 4, true);
    c.fsw = sw & ~0x3800;
    c.ftop = (sw >> 11) & 7;
    const tag = dv.getUint16(off + 8, true);
    c.ftag = 0;
    for (let p = 0; p < 8; p++) if (((tag >> (2 * p)) & 3) === 3) c.ftag |= 1 << p;
  },
  init(c: X86Cpu): void {
    c.fcw = 0x37f;
    c.fsw = 0;
    c.ftop = 0;
    c.ftag = 0xff;
  },
  /** fxsave: the 512-byte legacy area (FCW, FSW, abridged FTW, MXCSR, ST0-7, XMM0-15). */
  fxsave(c: X86Cpu, off: number): void {
    const dv = c.dv;
    for (let k = 0; k < 512; k += 4) dv.setInt32(off + k, 0, true);
    dv.setUint16(off, c.fcw, true);
    dv.setUint16(off + 2, X87_RUNTIME.status(c), true);
    let tag = 0;
    for (let p = 0; p < 8; p++) if (!((c.ftag >> p) & 1)) tag |= 1 << p;
    dv.setUint8(off + 4, tag);
    dv.setUint32(off + 24, c.mxcsr, true);
    dv.setUint32(off + 28, 0xffff, true);
    for (let i = 0; i < 8; i++) writeF80(dv, off + 32 + 16 * i, st(c, i));
    for (let k = 0; k < 64; k++) dv.setInt32(off + 160 + 4 * k, c.xi[k], true);
  },
  /** fxrstor: the inverse of fxsave. */
  fxrstor(c: X86Cpu, off: number): void {
    const dv = c.dv;
    c.fcw = dv.getUint16(off, true);
    const sw = dv.getUint16(off + 2, true);
    c.fsw = sw & ~0x3800;
    c.ftop = (sw >> 11) & 7;
    const tag = dv.getUint8(off + 4);
    c.ftag = 0;
    for (let p = 0; p < 8; p++) if (!((tag >> p) & 1)) c.ftag |= 1 << p;
    c.mxcsr = dv.getUint32(off + 24, true) & 0xffff;
    for (let i = 0; i < 8; i++) c.st[(c.ftop + i) & 7] = readF80(dv, off + 32 + 16 * i);
    for (let k = 0; k < 64; k++) c.xi[k] = dv.getInt32(off + 160 + 4 * k, true);
    loadMm(c);
  },
  /** Free st(i). */
  free(c: X86Cpu, i: number): void {
    c.ftag |= 1 << ((c.ftop + i) & 7);
  },
};

function nanU32(x: X80): number {
  return ((x.s << 31) | 0x7f800000 | Number((x.m >> 40n) & 0x7fffffn)) >>> 0;
}
function nanBits32(_x: X80): number {
  return NaN;
}

/** Exposed for tests: conversions between doubles and extended values. */
export const X80_TEST = { fromDouble, toDouble, add, mul, div, sqrt, cmp, roundTo };
