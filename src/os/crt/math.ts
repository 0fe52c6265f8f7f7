/**
 * Double-precision <math.h> for host-implemented C libraries, with C99
 * semantics for special values (which sometimes differ from JS: C's
 * `pow(1, NaN)` is 1, `fmin(NaN, 1)` is 1, `round(-2.5)` is -3).
 *
 * Accuracy, honestly:
 * - Exact (correctly rounded, bit-identical to glibc): sqrt, fabs, floor,
 *   ceil, trunc, round, rint, nearbyint, fmod, remainder, copysign, fmin,
 *   fmax, fdim, ldexp/scalbn, frexp, modf, logb, nextafter.
 * - Correctly rounded by exact integer arithmetic: cbrt and hypot. (V8's
 *   Math.hypot was seen 1 ulp off where glibc's hypot is right; glibc's
 *   cbrt was seen 2-4 ulp off where V8's Math.cbrt was right.)
 * - Not correctly rounded: the other transcendentals (sin cos tan asin acos
 *   atan sinh cosh tanh asinh acosh atanh exp exp2 expm1 log log2 log10
 *   log1p atan2 pow). V8 computes them with ports of fdlibm (error below
 *   1 ulp); glibc's libm is within 1-2 ulp for these (its sinh was seen 2
 *   ulp off). So a result can differ from glibc's or msvcrt's in the last
 *   bit or two; tests/os/crt_test.ts measures the distance to glibc on ~19k
 *   sampled inputs (98% bit-identical, the rest within 1 ulp except where
 *   glibc itself is further off).
 * - Not provided: erf, erfc, tgamma, lgamma, fma, the long double and float
 *   variants (a personality can map `sinf` to `Math.fround(MATH1.sin(x))`,
 *   which is correctly rounded for float whenever the double result is
 *   within 1 ulp of a double that is not near a float midpoint).
 * @module
 */

import { ldexpBig } from "./cstring.ts";

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bitsOf = (x: number) => {
  f64[0] = x;
  return u64[0];
};
const fromBits = (b: bigint) => {
  u64[0] = BigInt.asUintN(64, b);
  return f64[0];
};

/**
 * `round`: halfway cases away from zero (C), unlike JS `Math.round`.
 * @example
 * ```ts
 * round(-2.5); // -3
 * ```
 */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  if (Math.abs(x - t) >= 0.5) return t + Math.sign(x);
  return t === 0 ? (Object.is(x, -0) || x < 0 ? -0 : 0) : t;
}

/**
 * `rint`/`nearbyint`: round to nearest, ties to even (default rounding mode).
 * @example
 * ```ts
 * rint(2.5); // 2
 * ```
 */
export function rint(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const f = Math.floor(x);
  const d = x - f;
  let r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  if (r === 0 && (x < 0 || Object.is(x, -0))) r = -0;
  return r;
}

/**
 * `ldexp`/`scalbn`: x * 2^n with a single rounding (also for subnormal results).
 * @example
 * ```ts
 * ldexp(3, -1076); // 5e-324 (3 * 2^-1076 rounds to the least subnormal's even neighbour)
 * ```
 */
export function ldexp(x: number, n: number): number {
  if (x === 0 || !Number.isFinite(x) || Number.isNaN(n)) return x;
  n = Math.max(-4000, Math.min(4000, Math.trunc(n)));
  // Scale in steps that keep the intermediate normal; the final step rounds once.
  while (n > 1000) {
    x *= 2 ** 1000;
    n -= 1000;
    if (!Number.isFinite(x)) return x;
  }
  while (n < -1000) {
    // Stop before the value could reach the subnormal range early.
    if (Math.abs(x) < 2 ** -20) break;
    x *= 2 ** -1000;
    n += 1000;
  }
  if (n >= -1022) return x * 2 ** n;
  // Result may be subnormal: exact split so only the last multiply rounds.
  const [m, e] = frexp(x); // x = m * 2^e, 0.5 <= |m| < 1
  const total = e + n;
  if (total < -1080) return x < 0 ? -0 : 0;
  if (total > -1021) return m * 2 ** total;
  // m * 2^53 is an integer; one rounding: (m*2^53) * 2^(total-53), total-53 >= -1133.
  const mi = m * 2 ** 53;
  const k = total - 53;
  // k in [-1133, -1074): divide by 2^(-1074-k) exactly-rounded with ties to even.
  const sh = -1074 - k;
  if (sh <= 0) return mi * 2 ** k;
  const big = BigInt(mi);
  const neg = big < 0n;
  const a = neg ? -big : big;
  const s = BigInt(sh);
  let q = a >> s;
  const r = a - (q << s);
  const half = 1n << (s - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  const v = Number(q) * 2 ** -1074;
  return neg ? -v : v;
}

/**
 * `frexp`: [m, e] with x = m * 2^e and 0.5 <= |m| < 1 (m = x for 0, inf, NaN; e = 0).
 * @example
 * ```ts
 * frexp(8); // [0.5, 4]
 * ```
 */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  const b = bitsOf(x);
  let exp = Number((b >> 52n) & 0x7ffn);
  if (exp === 0) {
    // Subnormal: normalise by 2^64 first.
    const [m, e] = frexp(x * 2 ** 64);
    return [m, e - 64];
  }
  exp -= 1022;
  const m = fromBits((b & ~(0x7ffn << 52n)) | (1022n << 52n));
  return [m, exp];
}

/**
 * `modf`: [integral part, fractional part], both with the sign of x.
 * @example
 * ```ts
 * modf(-3.25); // [-3, -0.25]
 * ```
 */
export function modf(x: number): [number, number] {
  if (!Number.isFinite(x)) return [x, Number.isNaN(x) ? x : x < 0 ? -0 : 0];
  const i = Math.trunc(x);
  const f = x - i;
  return [i, f === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : f];
}

/**
 * `fmod`: exact remainder with the sign of x (JS `%` is IEEE fmod).
 * @example
 * ```ts
 * fmod(-7, 3); // -1
 * ```
 */
export function fmod(x: number, y: number): number {
  return x % y;
}

/**
 * `remainder`: x - n*y with n = x/y rounded to nearest even (exact; ported
 * from fdlibm's e_remainder.c).
 * @example
 * ```ts
 * remainder(7, 2); // -1 (7/2 = 3.5 rounds to 4)
 * ```
 */
export function remainder(x: number, p: number): number {
  if (Number.isNaN(x) || Number.isNaN(p) || !Number.isFinite(x) || p === 0) return NaN;
  if (!Number.isFinite(p)) return x;
  const neg = x < 0 || Object.is(x, -0);
  p = Math.abs(p);
  if (p <= Number.MAX_VALUE / 2) x = x % (p + p);
  x = Math.abs(x);
  if (p < 2 ** -1021) {
    if (x + x > p) {
      x -= p;
      if (x + x >= p) x -= p;
    }
  } else {
    const half = 0.5 * p;
    if (x > half) {
      x -= p;
      if (x >= half) x -= p;
    }
  }
  return neg ? -x : x;
}

/**
 * `copysign`: |x| with the sign bit of y (also for zeros and NaNs).
 * @example
 * ```ts
 * copysign(3, -0); // -3
 * ```
 */
export function copysign(x: number, y: number): number {
  return fromBits((bitsOf(x) & 0x7fff_ffff_ffff_ffffn) | (bitsOf(y) & (1n << 63n)));
}

/**
 * `nextafter`: the next double after x in the direction of y.
 * @example
 * ```ts
 * nextafter(0, 1); // 5e-324
 * ```
 */
export function nextafter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const b = bitsOf(x);
  const up = (y > x) === (x > 0);
  return fromBits(up ? b + 1n : b - 1n);
}

/** x as [integer mantissa, exponent] with x = m * 2^e (x finite, nonzero; m > 0 for |x|). */
function split(x: number): [bigint, number] {
  const b = bitsOf(Math.abs(x));
  const raw = Number(b >> 52n);
  const frac = b & 0xf_ffff_ffff_ffffn;
  return raw === 0 ? [frac, -1074] : [frac | (1n << 52n), raw - 1075];
}

/** floor(n^(1/k)) for k = 2 or 3 (Newton's method on bigints). */
function iroot(n: bigint, k: 2n | 3n): bigint {
  if (n < 2n) return n;
  let r = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * r + n / r ** (k - 1n)) / k;
    if (next >= r) break;
    r = next;
  }
  while (r ** k > n) r--;
  while ((r + 1n) ** k <= n) r++;
  return r;
}

/**
 * `hypot`: sqrt(x² + y²) correctly rounded (exact integer arithmetic), with
 * C's special cases (an infinity wins over NaN). V8's `Math.hypot` can be
 * 1-2 ulp off.
 * @example
 * ```ts
 * hypot(3, 4); // 5
 * ```
 */
export function hypot(x: number, y: number): number {
  if (x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) return Math.abs(y);
  if (y === 0) return Math.abs(x);
  const [mx, ex] = split(x), [my, ey] = split(y);
  let e = Math.min(ex, ey);
  // Even exponent so the square root halves it exactly.
  if ((e & 1) !== 0) e -= 1;
  const X = mx << BigInt(ex - e), Y = my << BigInt(ey - e);
  let S = X * X + Y * Y; // value = S * 2^(2e)... with X, Y scaled by 2^e each
  // sqrt(S) * 2^e; make the root at least 60 bits, and keep a sticky bit.
  const k = Math.max(0, 60 - (S.toString(2).length >> 1));
  S <<= BigInt(2 * k);
  let r = iroot(S, 2n);
  r = (r << 1n) | (r * r === S ? 0n : 1n);
  return ldexpBig(r, e - k - 1);
}

/**
 * `cbrt`: correctly rounded cube root (exact integer arithmetic; V8's
 * `Math.cbrt` can be several ulp off).
 * @example
 * ```ts
 * cbrt(-27); // -3
 * ```
 */
export function cbrt(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const [m, e0] = split(x);
  // m * 2^e0 = N * 2^(3q) with N >= 2^180 (root >= 60 bits).
  let sh = 180 - m.toString(2).length + 3;
  while (((e0 - sh) % 3 + 3) % 3 !== 0) sh++;
  const N = m << BigInt(sh);
  const q = (e0 - sh) / 3;
  let r = iroot(N, 3n);
  r = (r << 1n) | (r * r * r === N ? 0n : 1n);
  const v = ldexpBig(r, q - 1);
  return x < 0 ? -v : v;
}

/**
 * `fmin`: the smaller; a NaN argument is ignored (C), unlike `Math.min`.
 * @example
 * ```ts
 * fmin(NaN, 1); // 1
 * ```
 */
export function fmin(x: number, y: number): number {
  if (Number.isNaN(x)) return y;
  if (Number.isNaN(y)) return x;
  return x < y ? x : y; // equal (±0): y, as glibc's x86-64 minsd does
}

/**
 * `fmax`: the larger; a NaN argument is ignored.
 * @example
 * ```ts
 * fmax(NaN, 1); // 1
 * ```
 */
export function fmax(x: number, y: number): number {
  if (Number.isNaN(x)) return y;
  if (Number.isNaN(y)) return x;
  return x > y ? x : y; // equal (±0): y, as glibc's x86-64 maxsd does
}

/**
 * `pow` with C99 Annex F special cases (pow(1, y) = 1 and pow(x, ±0) = 1 even
 * for NaN; pow(-1, ±inf) = 1), else JS `**` (within 1 ulp, not correctly rounded).
 * @example
 * ```ts
 * pow(1, NaN); // 1 (JS gives NaN)
 * ```
 */
export function pow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return Math.pow(x, y);
}

/**
 * `logb`: the unbiased exponent as a double (-inf for 0, +inf for inf).
 * @example
 * ```ts
 * logb(10); // 3
 * ```
 */
export function logb(x: number): number {
  if (x === 0) return -Infinity;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Infinity;
  return frexp(x)[1] - 1;
}

/** One-argument functions by C name. @example `MATH1.sqrt(2) // 1.4142135623730951` */
export const MATH1: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  exp: Math.exp,
  exp2: (x) => Math.pow(2, x),
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  cbrt,
  sqrt: Math.sqrt,
  fabs: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
  trunc: Math.trunc,
  round,
  rint,
  nearbyint: rint,
  logb,
};

/** Two-argument functions by C name. @example `MATH2.fmod(7, 3) // 1` */
export const MATH2: Record<string, (x: number, y: number) => number> = {
  pow,
  atan2: Math.atan2,
  hypot,
  fmod,
  remainder,
  drem: remainder,
  fmin,
  fmax,
  fdim: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : x > y ? x - y : 0),
  copysign,
  nextafter,
  ldexp,
  scalbn: ldexp,
};
