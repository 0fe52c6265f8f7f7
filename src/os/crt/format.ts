/**
 * printf formatting over guest memory for the msvcrt (Windows) and POSIX
 * (Darwin libSystem, glibc-compatible output) personalities.
 *
 * Floating-point conversions are exact: the decimal digits come from exact
 * BigInt arithmetic on the double's binary value, rounded once, to nearest
 * with ties to even — what glibc prints in the default rounding mode, for
 * every precision (tests/os/crt_test.ts compares against the host glibc).
 *
 * Flavor differences (msvcrt, i.e. the pre-UCRT msvcrt.dll that mingw links
 * by default, __USE_MINGW_ANSI_STDIO=0):
 * - `%e`/`%g` exponents have at least 3 digits ("1.000000e+000"). Source:
 *   Microsoft Learn, "Visual C++ change history 2003–2015", section
 *   "Exponent formatting": "In previous versions, the CRT would always
 *   generate strings with three-digit exponents. For example,
 *   printf("%e\n", 1.0) would print 1.000000e+000"; the UCRT prints two.
 *   {@link FormatOptions.exponentDigits} selects the UCRT behaviour.
 * - infinities and NaNs print as the legacy sentinels 1.#INF, 1.#QNAN,
 *   1.#SNAN, 1.#IND, formatted as if they were digits and rounded to the
 *   precision (same page, "Infinity and NaN formatting": "%.2f would print
 *   1.#J because the #INF would be 'rounded' to a precision of 2 digits").
 *   {@link FormatOptions.legacyNonFinite} = false gives the UCRT's
 *   inf / nan / nan(ind) / nan(snan).
 * - `long` is 32 bits (LLP64); size prefixes I64, I32 and I (pointer
 *   sized) exist ("Format specification syntax: printf and wprintf
 *   functions", section "Argument size specification"); `%S`/`%C` and the
 *   `l`/`w` prefixes mean wide, `h` means narrow; `%p` prints the pointer as
 *   uppercase hex zero-padded to the pointer size ("0000000000001234",
 *   "Type field characters": "p — Displays the argument as an address in
 *   hexadecimal digits").
 * - `%a` is the UCRT's: default precision 13 ("0x1.0000000000000p+0");
 *   the old msvcrt.dll has no `%a` at all.
 *
 * POSIX flavor: glibc's output ("(nil)" for a null %p, "(null)" for a null
 * %s unless the precision is below 6, "-nan", `%b`). Darwin's FreeBSD-derived
 * libc differs in three places, selected by {@link FormatOptions.libc} =
 * "freebsd": null %p is "0x0", a null %s is "(null)" cut to the precision,
 * NaN never has a sign.
 *
 * Deliberate gaps: `%n` consumes its pointer argument and stores nothing
 * (a guest write through a format string is the classic exploit primitive;
 * the Visual C++ 2005+ CRTs disable %n by default, see
 * `_set_printf_count_output`, and fortified glibc rejects it in writable
 * format strings). An unknown conversion is printed verbatim (glibc does
 * this; msvcrt would call its invalid-parameter handler). Long double
 * (`%Lf`) reads a double from the {@link VaSource}: the personality decides
 * what that means (long double is double on Windows and arm64 Darwin).
 * Locale is "C": no grouping for the `'` flag, '.' as the decimal point.
 * Wide characters (%lc, %ls, %C, %S) are converted to UTF-8 (glibc in a
 * UTF-8 locale; msvcrt would use the ANSI code page), invalid ones become
 * U+FFFD where glibc fails with -1. A trailing lone '%' is printed as is
 * (glibc fails with -1).
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import { readCString } from "./cstring.ts";

/**
 * The variadic arguments, in order, as the guest ABI passes them. The
 * personality implements this over registers and stack.
 */
export interface VaSource {
  /** Next argument as a 32-bit int (int, char, short, wint_t on Windows...). */
  int32(): number;
  /** Next argument as a 64-bit integer. */
  int64(): bigint;
  /** Next argument as a double. */
  double(): number;
  /** Next argument as a pointer (guest address). */
  ptr(): number;
  /** Optional: next double argument as its raw bits (keeps NaN signs and payloads). */
  doubleBits?(): bigint;
}

/** Which C library's printf to imitate. */
export type FormatFlavor = "msvcrt" | "posix";

/** Fine control over flavor details; every field has a per-flavor default. */
export interface FormatOptions {
  /** Pointer size in bytes (z, t, I and %p width). Default 8. */
  ptrBytes?: 4 | 8;
  /** Bits in `long` (l prefix). Default 32 for msvcrt, 64 for posix. */
  longBits?: 32 | 64;
  /** Minimum exponent digits in %e/%g. Default 3 for msvcrt, 2 for posix (and UCRT). */
  exponentDigits?: number;
  /** msvcrt only: print 1.#INF-style sentinels (default true) or UCRT's inf/nan. */
  legacyNonFinite?: boolean;
  /** posix only: "glibc" (default) or "freebsd" (Darwin) for the few visible differences. */
  libc?: "glibc" | "freebsd";
}

// ---- exact decimal expansion -------------------------------------------------

const P10: bigint[] = [1n];
function pow10(k: number): bigint {
  while (P10.length <= k) P10.push(P10[P10.length - 1] * 10n);
  return P10[k];
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Raw bits of a double. @example `doubleToBits(1) // 0x3ff0000000000000n` */
export function doubleToBits(x: number): bigint {
  f64[0] = x;
  return u64[0];
}

/** The double with these raw bits. @example `bitsToDouble(0x4000000000000000n) // 2` */
export function bitsToDouble(b: bigint): number {
  u64[0] = BigInt.asUintN(64, b);
  return f64[0];
}

/** A finite, non-negative double as m * 2^e (m an integer < 2^53). */
function decompose(bits: bigint): { m: bigint; e: number } {
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xf_ffff_ffff_ffffn;
  if (rawExp === 0) return { m: frac, e: -1074 };
  return { m: frac | (1n << 52n), e: rawExp - 1075 };
}

/** round(m * 2^e * 10^k), ties to even. */
function scaledRound(m: bigint, e: number, k: number): bigint {
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  const q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/**
 * Fixed notation digits of |x| with `prec` fraction digits: [integer part, fraction].
 * @example
 * ```ts
 * fixedDigits(0.125, 2); // ["0", "12"] (ties to even)
 * ```
 */
export function fixedDigits(x: number, prec: number): [string, string] {
  const { m, e } = decompose(doubleToBits(Math.abs(x)));
  const s = scaledRound(m, e, prec).toString().padStart(prec + 1, "0");
  return [s.slice(0, s.length - prec), s.slice(s.length - prec)];
}

/**
 * Scientific notation digits of |x| with `prec` fraction digits: the
 * `prec + 1` significant digits and the decimal exponent.
 * @example
 * ```ts
 * expDigits(1234.5, 2); // { digits: "123", exp: 3 }
 * ```
 */
export function expDigits(x: number, prec: number): { digits: string; exp: number } {
  const a = Math.abs(x);
  if (a === 0) return { digits: "0".repeat(prec + 1), exp: 0 };
  const { m, e } = decompose(doubleToBits(a));
  let E = Math.floor(Math.log10(a));
  const lo = pow10(prec), hi = pow10(prec + 1);
  for (;;) {
    const n = scaledRound(m, e, prec - E);
    if (n >= hi) E++;
    else if (n < lo) E--;
    else return { digits: n.toString(), exp: E };
  }
}

// ---- format string parsing ---------------------------------------------------

/** One parsed conversion specification. */
interface Spec {
  /** Bytes of the whole specification, for verbatim output of unknown ones. */
  raw: number[];
  minus: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  zero: boolean;
  /** Field width, -1 none; -2: from an argument. */
  width: number;
  /** Precision, -1 none; -2: from an argument. */
  prec: number;
  /** Positional argument numbers (1-based, 0 = next) for value, width, precision. */
  argPos: number;
  widthPos: number;
  precPos: number;
  /** Length modifier: "", hh h l ll j z t L q I64 I32 I w. */
  len: string;
  conv: string;
}

type ArgKind = "i32" | "i64" | "dbl" | "ptr";
type ArgVal = number | bigint;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function parseNum(fmt: Uint8Array, i: number): [number, number] {
  let v = 0;
  while (i < fmt.length && isDigit(fmt[i])) {
    v = Math.min(v * 10 + (fmt[i] - 0x30), 0x7fffffff);
    i++;
  }
  return [v, i];
}

/** Parse the specification whose '%' is at `start`; returns it and the index after it. */
function parseSpec(fmt: Uint8Array, start: number, flavor: FormatFlavor): [Spec, number] {
  const s: Spec = {
    raw: [],
    minus: false,
    plus: false,
    space: false,
    alt: false,
    zero: false,
    width: -1,
    prec: -1,
    argPos: 0,
    widthPos: 0,
    precPos: 0,
    len: "",
    conv: "",
  };
  let i = start + 1;
  // Positional "n$".
  if (isDigit(fmt[i] ?? 0) && fmt[i] !== 0x30) {
    const [v, j] = parseNum(fmt, i);
    if (fmt[j] === 0x24) {
      s.argPos = v;
      i = j + 1;
    }
  }
  for (; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === 0x2d) s.minus = true;
    else if (c === 0x2b) s.plus = true;
    else if (c === 0x20) s.space = true;
    else if (c === 0x23) s.alt = true;
    else if (c === 0x30) s.zero = true;
    else if (c === 0x27) { /* grouping: none in the C locale */ }
    else if (c === 0x49 && flavor === "posix") { /* glibc 'I': locale digits, none in C */ }
    else break;
  }
  const star = (): [number, number] => {
    // After '*': optional "m$".
    let pos = 0;
    if (isDigit(fmt[i] ?? 0)) {
      const [v, j] = parseNum(fmt, i);
      if (fmt[j] === 0x24) {
        pos = v;
        i = j + 1;
      }
    }
    return [-2, pos];
  };
  if (fmt[i] === 0x2a) {
    i++;
    [s.width, s.widthPos] = star();
  } else if (isDigit(fmt[i] ?? 0)) [s.width, i] = parseNum(fmt, i);
  if (fmt[i] === 0x2e) {
    i++;
    if (fmt[i] === 0x2a) {
      i++;
      [s.prec, s.precPos] = star();
    } else [s.prec, i] = parseNum(fmt, i);
  }
  const at = (k: number) => String.fromCharCode(fmt[k] ?? 0);
  const c0 = at(i), c1 = at(i + 1), c2 = at(i + 2);
  if (c0 === "h" || c0 === "l") {
    s.len = c1 === c0 ? c0 + c0 : c0;
  } else if ("jztLqZ".includes(c0) && c0 !== "\0") {
    s.len = c0 === "Z" ? "z" : c0;
  } else if (flavor === "msvcrt" && c0 === "I") {
    s.len = c1 === "6" && c2 === "4" ? "I64" : c1 === "3" && c2 === "2" ? "I32" : "I";
  } else if (flavor === "msvcrt" && c0 === "w") s.len = "w";
  i += s.len.length;
  s.conv = i < fmt.length ? at(i) : "";
  if (i < fmt.length) i++;
  s.raw = Array.from(fmt.subarray(start, i));
  return [s, i];
}

// ---- the formatter -----------------------------------------------------------

const enc = new TextEncoder();
const ascii = (s: string): number[] => {
  const out = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

/** Bits of the integer the length modifier selects. */
function intBits(len: string, longBits: number, ptrBits: number): number {
  switch (len) {
    case "hh":
      return 8;
    case "h":
      return 16;
    case "l":
      return longBits;
    case "ll":
    case "q":
    case "L":
    case "j":
    case "I64":
      return 64;
    case "z":
    case "t":
    case "I":
      return ptrBits;
    default:
      return 32;
  }
}

/** Does this conversion print a wide character / string? */
function isWide(s: Spec, flavor: FormatFlavor): boolean {
  if (s.conv === "C" || s.conv === "S") return !(flavor === "msvcrt" && s.len === "h");
  return s.len === "l" || s.len === "w";
}

/** The argument kind a specification consumes (null: none). */
function argKind(s: Spec, flavor: FormatFlavor, o: Required<FormatOptions>): ArgKind | null {
  switch (s.conv) {
    case "d":
    case "i":
    case "u":
    case "o":
    case "x":
    case "X":
    case "b":
    case "B":
      return intBits(s.len, o.longBits, o.ptrBytes * 8) > 32 ? "i64" : "i32";
    case "c":
    case "C":
      return "i32";
    case "s":
    case "S":
    case "p":
    case "n":
      return "ptr";
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
    case "a":
    case "A":
      return "dbl";
    default:
      void flavor;
      return null;
  }
}

function isKnownConv(c: string, flavor: FormatFlavor): boolean {
  if (c === "b" || c === "B") return flavor === "posix";
  return c.length === 1 && "diuoxXcCsSpneEfFgGaA".includes(c);
}

/** Fetch one argument of a kind from the va source. */
function fetch(va: VaSource, k: ArgKind): ArgVal {
  switch (k) {
    case "i32":
      return va.int32() | 0;
    case "i64":
      return BigInt.asIntN(64, va.int64());
    case "ptr":
      return va.ptr();
    case "dbl":
      return va.doubleBits ? BigInt.asUintN(64, va.doubleBits()) : doubleToBits(va.double());
  }
}

/**
 * Format `fmt` (the guest's format string bytes) with arguments from `va`,
 * as the flavor's printf would; returns the output bytes (which may contain
 * NULs, e.g. from `%c` of 0). String arguments are read from `mem` and fault
 * like guest accesses. `wcharSize` is the guest's `wchar_t` size for %ls
 * (2 on Windows, 4 on Darwin). `opts` overrides flavor details.
 * @example
 * ```ts
 * const va = { int32: () => 42, int64: () => 0n, double: () => 0, ptr: () => 0 };
 * formatPrintf(mem, new TextEncoder().encode("[%5d]"), va, "posix", 4); // "[   42]"
 * ```
 */
export function formatPrintf(
  mem: AddressSpace,
  fmt: Uint8Array,
  va: VaSource,
  flavor: FormatFlavor,
  wcharSize: 2 | 4,
  opts: FormatOptions = {},
): Uint8Array {
  const ms = flavor === "msvcrt";
  const o: Required<FormatOptions> = {
    ptrBytes: opts.ptrBytes ?? 8,
    longBits: opts.longBits ?? (ms ? 32 : 64),
    exponentDigits: opts.exponentDigits ?? (ms ? 3 : 2),
    legacyNonFinite: opts.legacyNonFinite ?? ms,
    libc: opts.libc ?? "glibc",
  };
  // Parse everything first: positional arguments need every type up front.
  const items: (number | Spec)[] = [];
  let positional = false;
  for (let i = 0; i < fmt.length;) {
    if (fmt[i] !== 0x25) {
      items.push(fmt[i++]);
      continue;
    }
    const [s, j] = parseSpec(fmt, i, flavor);
    i = j;
    if (s.argPos) positional = true;
    items.push(s);
  }
  let next: (k: ArgKind, pos: number) => ArgVal;
  if (positional) {
    // POSIX: with n$, every argument is positional; fetch them in order of position.
    const kinds: ArgKind[] = [];
    for (const it of items) {
      if (typeof it === "number") continue;
      if (it.width === -2 && it.widthPos) kinds[it.widthPos] = "i32";
      if (it.prec === -2 && it.precPos) kinds[it.precPos] = "i32";
      const k = argKind(it, flavor, o);
      if (k && it.argPos) kinds[it.argPos] = k;
    }
    const vals: ArgVal[] = [];
    for (let p = 1; p < kinds.length; p++) vals[p] = fetch(va, kinds[p] ?? "i32");
    next = (k, pos) => vals[pos] ?? fetch(va, k);
  } else next = (k) => fetch(va, k);

  const out: number[] = [];
  const push = (b: ArrayLike<number>) => {
    for (let i = 0; i < b.length; i++) out.push(b[i]);
  };
  for (const it of items) {
    if (typeof it === "number") {
      out.push(it);
      continue;
    }
    const s = { ...it };
    if (s.conv === "%") {
      out.push(0x25);
      continue;
    }
    if (!isKnownConv(s.conv, flavor)) {
      push(s.raw);
      continue;
    }
    if (s.width === -2) {
      const w = next("i32", s.widthPos) as number;
      if (w < 0) {
        s.minus = true;
        s.width = w === -0x80000000 ? 0x7fffffff : -w;
      } else s.width = w;
    }
    if (s.prec === -2) {
      const p = next("i32", s.precPos) as number;
      s.prec = p < 0 ? -1 : p;
    }
    const kind = argKind(s, flavor, o)!;
    const arg = next(kind, s.argPos);
    push(convert(mem, s, arg, flavor, wcharSize, o));
  }
  return Uint8Array.from(out);
}

/** Pad `body` (already including sign/prefix split) to the field width. */
function pad(s: Spec, prefix: string, body: number[], zeroOk: boolean): number[] {
  const len = prefix.length + body.length;
  const fill = s.width > len ? s.width - len : 0;
  if (fill === 0) return [...ascii(prefix), ...body];
  if (s.minus) return [...ascii(prefix), ...body, ...new Array<number>(fill).fill(0x20)];
  if (s.zero && zeroOk) return [...ascii(prefix), ...new Array<number>(fill).fill(0x30), ...body];
  return [...new Array<number>(fill).fill(0x20), ...ascii(prefix), ...body];
}

function convert(
  mem: AddressSpace,
  s: Spec,
  arg: ArgVal,
  flavor: FormatFlavor,
  wcharSize: 2 | 4,
  o: Required<FormatOptions>,
): number[] {
  const ms = flavor === "msvcrt";
  switch (s.conv) {
    case "d":
    case "i":
    case "u":
    case "o":
    case "x":
    case "X":
    case "b":
    case "B": {
      const bits = intBits(s.len, o.longBits, o.ptrBytes * 8);
      const signed = s.conv === "d" || s.conv === "i";
      const raw = typeof arg === "bigint" ? arg : BigInt(arg);
      const v = signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw);
      return formatInt(s, v, signed);
    }
    case "p": {
      const p = arg as number;
      if (ms) {
        const digits = p.toString(16).toUpperCase().padStart(o.ptrBytes * 2, "0");
        return pad({ ...s, zero: false }, "", ascii(digits), false);
      }
      if (p === 0) {
        const nil = o.libc === "freebsd" ? "0x0" : "(nil)";
        return pad({ ...s, zero: false }, "", ascii(nil), false);
      }
      return formatInt({ ...s, alt: true, conv: "x" }, BigInt(p), false, true);
    }
    case "c":
    case "C": {
      const c = arg as number;
      if (isWide(s, flavor)) {
        const cp = wcharSize === 2 ? c & 0xffff : c >>> 0;
        return pad({ ...s, zero: false }, "", encodeChar(cp), false);
      }
      return pad({ ...s, zero: false }, "", [c & 0xff], false);
    }
    case "s":
    case "S": {
      const p = arg as number;
      let body: number[];
      if (p === 0) {
        const prec = s.prec;
        const glibcCut = !ms && o.libc === "glibc" && prec >= 0 && prec < 6;
        body = glibcCut ? [] : ascii(prec >= 0 ? "(null)".slice(0, prec) : "(null)");
      } else if (isWide(s, flavor)) body = readWideUtf8(mem, p, wcharSize, s.prec);
      else body = Array.from(readCString(mem, p, s.prec >= 0 ? s.prec : undefined));
      return pad({ ...s, zero: false }, "", body, false);
    }
    case "n":
      // Refused on purpose: nothing is stored, nothing printed (see the module doc).
      return [];
    default:
      return formatFloat(s, arg as bigint, flavor, o);
  }
}

/** UTF-8 of one code point (U+FFFD for surrogates and out-of-range values). */
function encodeChar(cp: number): number[] {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return Array.from(enc.encode(String.fromCodePoint(cp)));
}

/** Read a wide string and convert to UTF-8, stopping before `prec` bytes would be exceeded. */
function readWideUtf8(mem: AddressSpace, p: number, size: 2 | 4, prec: number): number[] {
  const out: number[] = [];
  for (let i = 0;; i++) {
    if (prec >= 0 && out.length >= prec) break;
    let cp = size === 2 ? mem.readU16(p + 2 * i) : mem.readU32(p + 4 * i);
    if (cp === 0) break;
    if (size === 2 && cp >= 0xd800 && cp < 0xdc00) {
      const lo = mem.readU16(p + 2 * i + 2);
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const b = encodeChar(cp);
    if (prec >= 0 && out.length + b.length > prec) break;
    out.push(...b);
  }
  return out;
}

/** d i u o x X b B and %p (posix). */
function formatInt(s: Spec, v: bigint, signed: boolean, pointer = false): number[] {
  const neg = v < 0n;
  const mag = neg ? -v : v;
  const base = s.conv === "o" ? 8 : s.conv === "x" || s.conv === "X" ? 16 : s.conv === "b" ||
      s.conv === "B"
    ? 2
    : 10;
  let digits = s.prec === 0 && mag === 0n ? "" : mag.toString(base);
  if (s.conv === "X") digits = digits.toUpperCase();
  if (s.prec > digits.length) digits = digits.padStart(s.prec, "0");
  let prefix = "";
  if (signed || pointer) {
    if (neg) prefix = "-";
    else if (s.plus) prefix = "+";
    else if (s.space) prefix = " ";
  }
  if (s.alt) {
    if (base === 8 && !digits.startsWith("0")) digits = "0" + digits;
    if (base === 16 && mag !== 0n) prefix += s.conv === "X" ? "0X" : "0x";
    if (base === 2 && mag !== 0n) prefix += s.conv === "B" ? "0B" : "0b";
  }
  return pad(s, prefix, ascii(digits), s.prec < 0);
}

/** e E f F g G a A. */
function formatFloat(
  s: Spec,
  bits: bigint,
  flavor: FormatFlavor,
  o: Required<FormatOptions>,
): number[] {
  const upper = s.conv === "E" || s.conv === "F" || s.conv === "G" || s.conv === "A";
  const lc = s.conv.toLowerCase();
  const negBit = (bits >> 63n) === 1n;
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xf_ffff_ffff_ffffn;
  const x = bitsToDouble(bits & 0x7fff_ffff_ffff_ffffn);
  const isNan = rawExp === 0x7ff && frac !== 0n;
  const isInf = rawExp === 0x7ff && frac === 0n;
  let sign = negBit ? "-" : s.plus ? "+" : s.space ? " " : "";
  if (isNan || isInf) {
    if (flavor === "msvcrt" && o.legacyNonFinite) return legacyNonFinite(s, bits, sign, o);
    let word = isInf ? "inf" : "nan";
    if (isNan && flavor === "msvcrt") {
      // UCRT: nan(ind) for the x86 default NaN, nan(snan) for signaling NaNs.
      if (frac === 0x8_0000_0000_0000n && negBit) word = "nan(ind)";
      else if (!(frac & 0x8_0000_0000_0000n)) word = "nan(snan)";
    }
    if (isNan && o.libc === "freebsd" && flavor === "posix") {
      sign = s.plus ? "+" : s.space ? " " : "";
    }
    return pad(s, sign, ascii(upper ? word.toUpperCase() : word), false);
  }
  const expStr = (e: number) => {
    const a = Math.abs(e).toString().padStart(o.exponentDigits, "0");
    return (e < 0 ? "-" : "+") + a;
  };
  let body: string;
  let prefix = sign;
  if (lc === "f") {
    const prec = s.prec < 0 ? 6 : s.prec;
    const [ip, fp] = fixedDigits(x, prec);
    body = ip + (prec > 0 || s.alt ? "." : "") + fp;
  } else if (lc === "e") {
    const prec = s.prec < 0 ? 6 : s.prec;
    const { digits, exp } = expDigits(x, prec);
    body = digits[0] + (prec > 0 || s.alt ? "." : "") + digits.slice(1) + "e" + expStr(exp);
  } else if (lc === "g") {
    const P = s.prec < 0 ? 6 : s.prec === 0 ? 1 : s.prec;
    const { exp } = expDigits(x, P - 1);
    let mant: string, tail = "";
    if (P > exp && exp >= -4) {
      const [ip, fp] = fixedDigits(x, P - 1 - exp);
      mant = ip + "." + fp;
    } else {
      const { digits, exp: e2 } = expDigits(x, P - 1);
      mant = digits[0] + "." + digits.slice(1);
      tail = "e" + expStr(e2);
    }
    if (!s.alt) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
    body = mant + tail;
  } else {
    // a / A
    let lead: bigint, e2: number;
    if (rawExp === 0) {
      lead = 0n;
      e2 = frac === 0n ? 0 : -1022;
    } else {
      lead = 1n;
      e2 = rawExp - 1023;
    }
    let prec = s.prec;
    if (prec < 0 && flavor === "msvcrt") prec = 13;
    let fd: string;
    if (prec < 0) {
      fd = frac.toString(16).padStart(13, "0").replace(/0+$/, "");
    } else if (prec < 13) {
      const val = (lead << 52n) | frac;
      const sh = BigInt(4 * (13 - prec));
      let q = val >> sh;
      const r = val - (q << sh);
      const half = 1n << (sh - 1n);
      if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
      lead = q >> BigInt(4 * prec);
      fd = prec === 0 ? "" : (q & ((1n << BigInt(4 * prec)) - 1n)).toString(16).padStart(prec, "0");
    } else fd = frac.toString(16).padStart(13, "0") + "0".repeat(prec - 13);
    body = lead.toString(16) + (fd.length > 0 || s.alt ? "." : "") + fd + "p" +
      (e2 < 0 ? "-" : "+") + Math.abs(e2);
    prefix += "0x";
  }
  if (upper) {
    body = body.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  return pad(s, prefix, ascii(body), true);
}

/**
 * msvcrt.dll's 1.#INF / 1.#QNAN / 1.#SNAN / 1.#IND: the sentinel is treated
 * as the digit string "1#INF" and rounded to the precision like digits
 * (any character >= '5' rounds the previous one up by one code point).
 */
function legacyNonFinite(
  s: Spec,
  bits: bigint,
  sign: string,
  o: Required<FormatOptions>,
): number[] {
  const frac = bits & 0xf_ffff_ffff_ffffn;
  const negBit = (bits >> 63n) === 1n;
  let word: string;
  if (frac === 0n) word = "INF";
  else if (negBit && frac === 0x8_0000_0000_0000n) word = "IND";
  else if (frac & 0x8_0000_0000_0000n) word = "QNAN";
  else word = "SNAN";
  const lc = s.conv.toLowerCase();
  const P = s.prec < 0 ? 6 : s.prec;
  // Fraction characters after "1.": "#" + word, zero padded / rounded to P.
  const fracChars = "#" + word;
  const roundTo = (n: number): string => {
    if (n >= fracChars.length) return fracChars + "0".repeat(n - fracChars.length);
    const kept = fracChars.slice(0, n).split("");
    if (fracChars.charCodeAt(n) >= 0x35) {
      if (n === 0) return ""; // would round the leading 1 to 2; msvcrt prints "1"
      kept[n - 1] = String.fromCharCode(kept[n - 1].charCodeAt(0) + 1);
    }
    return kept.join("");
  };
  let body: string;
  if (lc === "g") {
    const f = roundTo(Math.max(P, 1) - 1);
    body = "1" + (f.length ? "." + f : "");
    if (!s.alt) body = body.replace(/0+$/, "").replace(/\.$/, "");
  } else {
    const f = roundTo(P);
    body = "1" + (f.length || s.alt ? "." : "") + f;
    if (lc === "e") body += "e+" + "0".repeat(o.exponentDigits);
    if (lc === "a") body = "0x" + body + "p+0";
  }
  return pad(s, sign, ascii(s.conv === s.conv.toUpperCase() ? body.toUpperCase() : body), true);
}
