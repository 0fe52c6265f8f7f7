/**
 * C string and memory functions over guest memory, shared by the Windows
 * (msvcrt) and Darwin (libSystem) personalities. Every access goes through
 * {@link AddressSpace}, so touching unmapped or protected memory raises a
 * {@link GuestFault} exactly as a guest load or store would.
 *
 * Functions whose C result depends only on memory take `(mem, ...args)` and
 * return a number: a guest address, a length, or an `int`. Comparison
 * results are the sign-carrying byte difference glibc returns (`-1/0/1`
 * scaled by the difference of the first differing unsigned bytes).
 *
 * Ctype functions follow the "C" locale (ASCII only), as both msvcrt and
 * libSystem do before setlocale.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import type { GuestHeap } from "./heap.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");
const enc = new TextEncoder();

/** Longest string the readers look at unless told otherwise (1 GiB: guards runaway loops). */
const NO_LIMIT = 1 << 30;

/**
 * Length of the NUL-terminated string at `addr`, looking at no more than
 * `max` bytes (returns `max` when no NUL was found). Faults on unreadable memory.
 */
function scanLen(mem: AddressSpace, addr: number, max: number): number {
  const n = mem.cStringLength(addr, max);
  return n < 0 ? max : n;
}

/**
 * The bytes of the NUL-terminated string at `addr`, without the NUL; at most
 * `max` bytes (then the string is cut, as `strnlen` would).
 * @example
 * ```ts
 * writeCString(mem, 0x10000, "hi");
 * readCString(mem, 0x10000); // Uint8Array [0x68, 0x69]
 * ```
 */
export function readCString(mem: AddressSpace, addr: number, max = NO_LIMIT): Uint8Array {
  const n = scanLen(mem, addr, max);
  return mem.read(addr, n);
}

/**
 * The string at `addr` decoded as UTF-8, or Latin-1 when it is not valid UTF-8.
 * @example
 * ```ts
 * writeCString(mem, 0x10000, "héllo");
 * readCStringText(mem, 0x10000); // "héllo"
 * ```
 */
export function readCStringText(mem: AddressSpace, addr: number, max = NO_LIMIT): string {
  const b = readCString(mem, addr, max);
  try {
    return utf8.decode(b);
  } catch {
    return latin1.decode(b);
  }
}

/**
 * The UTF-16LE string at `addr` up to its 16-bit NUL (at most `max` units).
 * @example
 * ```ts
 * writeWString(mem, 0x10000, "wide");
 * readWString(mem, 0x10000); // "wide"
 * ```
 */
export function readWString(mem: AddressSpace, addr: number, max = NO_LIMIT): string {
  const units: number[] = [];
  let s = "";
  for (let i = 0; i < max; i++) {
    const u = mem.readU16(addr + 2 * i);
    if (u === 0) break;
    units.push(u);
    if (units.length >= 4096) {
      s += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return s + String.fromCharCode(...units);
}

/**
 * The UTF-32LE string at `addr` (Darwin/Linux `wchar_t`) up to its 32-bit NUL.
 * @example
 * ```ts
 * mem.writeU32(0x10000, 0x41); mem.writeU32(0x10004, 0);
 * readW32String(mem, 0x10000); // "A"
 * ```
 */
export function readW32String(mem: AddressSpace, addr: number, max = NO_LIMIT): string {
  let s = "";
  for (let i = 0; i < max; i++) {
    const u = mem.readU32(addr + 4 * i);
    if (u === 0) break;
    s += u <= 0x10ffff ? String.fromCodePoint(u) : "\ufffd";
  }
  return s;
}

/**
 * Write `s` (UTF-8 encoded when a string) followed by a NUL.
 * @example
 * ```ts
 * writeCString(mem, 0x10000, "abc"); // 4 bytes written
 * ```
 */
export function writeCString(mem: AddressSpace, addr: number, s: string | Uint8Array): void {
  const b = typeof s === "string" ? enc.encode(s) : s;
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  mem.write(addr, out);
}

/**
 * Write `s` as UTF-16LE followed by a 16-bit NUL.
 * @example
 * ```ts
 * writeWString(mem, 0x10000, "ab"); // 6 bytes: 61 00 62 00 00 00
 * ```
 */
export function writeWString(mem: AddressSpace, addr: number, s: string): void {
  const out = new Uint8Array(2 * s.length + 2);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < s.length; i++) dv.setUint16(2 * i, s.charCodeAt(i), true);
  mem.write(addr, out);
}

// ---- memory functions --------------------------------------------------------

/**
 * `strlen`.
 * @example
 * ```ts
 * writeCString(mem, a, "four"); strlen(mem, a); // 4
 * ```
 */
export function strlen(mem: AddressSpace, s: number): number {
  return scanLen(mem, s, NO_LIMIT);
}

/**
 * `strnlen`.
 * @example
 * ```ts
 * strnlen(mem, a, 2); // 2 for "four"
 * ```
 */
export function strnlen(mem: AddressSpace, s: number, n: number): number {
  return scanLen(mem, s, n);
}

/**
 * `memcpy` (overlap is undefined in C; this copies as memmove does).
 * @example
 * ```ts
 * memcpy(mem, dst, src, 16); // returns dst
 * ```
 */
export function memcpy(mem: AddressSpace, dst: number, src: number, n: number): number {
  if (n > 0) mem.write(dst, mem.read(src, n));
  return dst;
}

/**
 * `memmove`: correct for overlapping ranges.
 * @example
 * ```ts
 * memmove(mem, a + 1, a, 3); // "abcd" -> "aabc"
 * ```
 */
export function memmove(mem: AddressSpace, dst: number, src: number, n: number): number {
  if (n > 0) mem.write(dst, mem.read(src, n)); // read copies first, so overlap is safe
  return dst;
}

/**
 * `memset`: fills with the low byte of `c`.
 * @example
 * ```ts
 * memset(mem, a, 0x41, 3); // "AAA"
 * ```
 */
export function memset(mem: AddressSpace, dst: number, c: number, n: number): number {
  if (n > 0) mem.fill(dst, n, c & 0xff);
  return dst;
}

/**
 * `memcmp`: difference of the first differing unsigned bytes, or 0.
 * @example
 * ```ts
 * memcmp(mem, a, b, 4); // < 0 when "abcd" vs "abce"
 * ```
 */
export function memcmp(mem: AddressSpace, a: number, b: number, n: number): number {
  if (n <= 0) return 0;
  const x = mem.view(a, n).slice(), y = mem.view(b, n);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * `memchr`: address of the first byte equal to `(unsigned char)c`, or 0.
 * @example
 * ```ts
 * memchr(mem, a, 0x63, 4); // a + 2 for "abcd"
 * ```
 */
export function memchr(mem: AddressSpace, s: number, c: number, n: number): number {
  if (n <= 0) return 0;
  const i = mem.view(s, n).indexOf(c & 0xff);
  return i < 0 ? 0 : s + i;
}

/**
 * `strcmp`: compares as unsigned char.
 * @example
 * ```ts
 * strcmp(mem, a, b); // 0 when equal
 * ```
 */
export function strcmp(mem: AddressSpace, a: number, b: number): number {
  for (let i = 0;; i++) {
    const x = mem.readU8(a + i), y = mem.readU8(b + i);
    if (x !== y) return x - y;
    if (x === 0) return 0;
  }
}

/**
 * `strncmp`.
 * @example
 * ```ts
 * strncmp(mem, a, b, 3); // 0 for "abcX" vs "abcY"
 * ```
 */
export function strncmp(mem: AddressSpace, a: number, b: number, n: number): number {
  for (let i = 0; i < n; i++) {
    const x = mem.readU8(a + i), y = mem.readU8(b + i);
    if (x !== y) return x - y;
    if (x === 0) return 0;
  }
  return 0;
}

/**
 * `strcasecmp` (`_stricmp`): ASCII case-insensitive compare of lowercased bytes.
 * @example
 * ```ts
 * strcasecmp(mem, a, b); // 0 for "ABC" vs "abc"
 * ```
 */
export function strcasecmp(mem: AddressSpace, a: number, b: number): number {
  return strncasecmp(mem, a, b, NO_LIMIT);
}

/**
 * `strncasecmp` (`_strnicmp`).
 * @example
 * ```ts
 * strncasecmp(mem, a, b, 2); // 0 for "ABx" vs "aby"
 * ```
 */
export function strncasecmp(mem: AddressSpace, a: number, b: number, n: number): number {
  for (let i = 0; i < n; i++) {
    const x = lower(mem.readU8(a + i)), y = lower(mem.readU8(b + i));
    if (x !== y) return x - y;
    if (x === 0) return 0;
  }
  return 0;
}

/**
 * `strcpy`: returns `dst`.
 * @example
 * ```ts
 * strcpy(mem, dst, src);
 * ```
 */
export function strcpy(mem: AddressSpace, dst: number, src: number): number {
  const n = strlen(mem, src);
  mem.write(dst, mem.read(src, n + 1));
  return dst;
}

/**
 * `strncpy`: copies at most `n` bytes and pads with NULs up to `n`; no NUL
 * is added when `src` is `n` bytes or longer.
 * @example
 * ```ts
 * strncpy(mem, dst, src, 8); // "ab" -> 61 62 00 00 00 00 00 00
 * ```
 */
export function strncpy(mem: AddressSpace, dst: number, src: number, n: number): number {
  if (n <= 0) return dst;
  const len = scanLen(mem, src, n);
  const out = new Uint8Array(n);
  out.set(mem.read(src, len));
  mem.write(dst, out);
  return dst;
}

/**
 * `strcat`: returns `dst`.
 * @example
 * ```ts
 * strcat(mem, dst, src); // "ab" + "cd" = "abcd"
 * ```
 */
export function strcat(mem: AddressSpace, dst: number, src: number): number {
  strcpy(mem, dst + strlen(mem, dst), src);
  return dst;
}

/**
 * `strncat`: appends at most `n` bytes of `src`, then always a NUL.
 * @example
 * ```ts
 * strncat(mem, dst, src, 1); // "ab" + "cd" = "abc"
 * ```
 */
export function strncat(mem: AddressSpace, dst: number, src: number, n: number): number {
  const at = dst + strlen(mem, dst);
  const len = scanLen(mem, src, n);
  const out = new Uint8Array(len + 1);
  out.set(mem.read(src, len));
  mem.write(at, out);
  return dst;
}

/**
 * `strchr`: address of the first `(char)c`, or 0; `c == 0` finds the terminator.
 * @example
 * ```ts
 * strchr(mem, a, 0x62); // a + 1 for "abc"
 * ```
 */
export function strchr(mem: AddressSpace, s: number, c: number): number {
  c &= 0xff;
  for (let i = 0;; i++) {
    const x = mem.readU8(s + i);
    if (x === c) return s + i;
    if (x === 0) return 0;
  }
}

/**
 * `strrchr`: address of the last `(char)c`, or 0.
 * @example
 * ```ts
 * strrchr(mem, a, 0x61); // a + 2 for "aba"
 * ```
 */
export function strrchr(mem: AddressSpace, s: number, c: number): number {
  c &= 0xff;
  const n = strlen(mem, s);
  if (c === 0) return s + n;
  const i = mem.view(s, n).lastIndexOf(c);
  return i < 0 ? 0 : s + i;
}

/**
 * `strstr`: address of the first occurrence of `needle`, or 0; an empty needle gives `hay`.
 * @example
 * ```ts
 * strstr(mem, hay, needle); // hay + 2 for "xxabc", "abc"
 * ```
 */
export function strstr(mem: AddressSpace, hay: number, needle: number): number {
  const n = readCString(mem, needle);
  if (n.length === 0) return hay;
  const h = readCString(mem, hay);
  outer: for (let i = 0; i + n.length <= h.length; i++) {
    for (let j = 0; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
    return hay + i;
  }
  return 0;
}

/**
 * `strspn`: length of the prefix made only of bytes in `accept`.
 * @example
 * ```ts
 * strspn(mem, s, acc); // 3 for "aab!" with "ab"
 * ```
 */
export function strspn(mem: AddressSpace, s: number, accept: number): number {
  const set = new Set(readCString(mem, accept));
  const b = readCString(mem, s);
  let i = 0;
  while (i < b.length && set.has(b[i])) i++;
  return i;
}

/**
 * `strcspn`: length of the prefix with no byte from `reject`.
 * @example
 * ```ts
 * strcspn(mem, s, rej); // 2 for "ab,c" with ","
 * ```
 */
export function strcspn(mem: AddressSpace, s: number, reject: number): number {
  const set = new Set(readCString(mem, reject));
  const b = readCString(mem, s);
  let i = 0;
  while (i < b.length && !set.has(b[i])) i++;
  return i;
}

/**
 * `strpbrk`: address of the first byte that is in `accept`, or 0.
 * @example
 * ```ts
 * strpbrk(mem, s, acc); // s + 2 for "ab,c" with ",;"
 * ```
 */
export function strpbrk(mem: AddressSpace, s: number, accept: number): number {
  const i = strcspn(mem, s, accept);
  return mem.readU8(s + i) === 0 ? 0 : s + i;
}

/**
 * `strdup`: copies the string into a block from `heap`; 0 when the heap is exhausted.
 * @example
 * ```ts
 * const p = strdup(mem, heap, a); // a fresh copy of "abc"
 * ```
 */
export function strdup(mem: AddressSpace, heap: GuestHeap, s: number): number {
  const b = readCString(mem, s);
  const p = heap.malloc(b.length + 1);
  if (p === 0) return 0;
  writeCString(mem, p, b);
  return p;
}

/**
 * `strndup`: copies at most `n` bytes and a NUL into a block from `heap`.
 * @example
 * ```ts
 * strndup(mem, heap, a, 2); // "ab" from "abc"
 * ```
 */
export function strndup(mem: AddressSpace, heap: GuestHeap, s: number, n: number): number {
  const b = readCString(mem, s, n);
  const p = heap.malloc(b.length + 1);
  if (p === 0) return 0;
  writeCString(mem, p, b);
  return p;
}

// ---- ctype ("C" locale) --------------------------------------------------------
// Like the other functions here they take `mem` first (unused), so a personality can call
// every entry of {@link CSTRING_FUNCS} the same way.

const cUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const cLower = (c: number) => c >= 0x61 && c <= 0x7a;
const cDigit = (c: number) => c >= 0x30 && c <= 0x39;
const cSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const cGraph = (c: number) => c >= 0x21 && c <= 0x7e;
const lower = (c: number) => (cUpper(c) ? c + 32 : c);
const b = (v: boolean) => (v ? 1 : 0);

/**
 * `toupper` in the "C" locale.
 * @example
 * ```ts
 * toupper(mem, 0x61); // 0x41
 * ```
 */
export function toupper(_mem: AddressSpace, c: number): number {
  return cLower(c) ? c - 32 : c;
}
/**
 * `tolower` in the "C" locale.
 * @example
 * ```ts
 * tolower(mem, 0x41); // 0x61
 * ```
 */
export function tolower(_mem: AddressSpace, c: number): number {
  return lower(c);
}
/** `isdigit`. @example `isdigit(mem, 0x35) // 1` */
export function isdigit(_mem: AddressSpace, c: number): number {
  return b(cDigit(c));
}
/** `isxdigit`. @example `isxdigit(mem, 0x66) // 1` */
export function isxdigit(_mem: AddressSpace, c: number): number {
  return b(cDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}
/** `isupper`. @example `isupper(mem, 0x41) // 1` */
export function isupper(_mem: AddressSpace, c: number): number {
  return b(cUpper(c));
}
/** `islower`. @example `islower(mem, 0x61) // 1` */
export function islower(_mem: AddressSpace, c: number): number {
  return b(cLower(c));
}
/** `isalpha`. @example `isalpha(mem, 0x61) // 1` */
export function isalpha(_mem: AddressSpace, c: number): number {
  return b(cUpper(c) || cLower(c));
}
/** `isalnum`. @example `isalnum(mem, 0x39) // 1` */
export function isalnum(_mem: AddressSpace, c: number): number {
  return b(cUpper(c) || cLower(c) || cDigit(c));
}
/** `isspace`: space, \t \n \v \f \r. @example `isspace(mem, 0x0b) // 1` */
export function isspace(_mem: AddressSpace, c: number): number {
  return b(cSpace(c));
}
/** `isblank`: space or tab. @example `isblank(mem, 0x09) // 1` */
export function isblank(_mem: AddressSpace, c: number): number {
  return b(c === 0x20 || c === 0x09);
}
/** `iscntrl`. @example `iscntrl(mem, 0x7f) // 1` */
export function iscntrl(_mem: AddressSpace, c: number): number {
  return b((c >= 0 && c < 0x20) || c === 0x7f);
}
/** `isprint`: 0x20..0x7e. @example `isprint(mem, 0x20) // 1` */
export function isprint(_mem: AddressSpace, c: number): number {
  return b(c === 0x20 || cGraph(c));
}
/** `isgraph`: 0x21..0x7e. @example `isgraph(mem, 0x20) // 0` */
export function isgraph(_mem: AddressSpace, c: number): number {
  return b(cGraph(c));
}
/** `ispunct`: printable, not space, not alphanumeric. @example `ispunct(mem, 0x21) // 1` */
export function ispunct(_mem: AddressSpace, c: number): number {
  return b(cGraph(c) && !cUpper(c) && !cLower(c) && !cDigit(c));
}

// ---- number parsing -------------------------------------------------------------

/** Result of the strto* integer parsers. */
export interface StrtolResult {
  /** The value, already clamped and (for the unsigned variants) wrapped as C does. */
  value: bigint;
  /** Guest address of the first unparsed byte (`nptr` itself when nothing was parsed). */
  end: number;
  /** True when the value was out of range (C sets errno to ERANGE). */
  overflow: boolean;
  /** True when `base` was invalid (C returns 0 and sets errno to EINVAL). */
  invalid?: boolean;
}

function digitVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 10;
  return 99;
}

/**
 * The common strtol/strtoul engine: bits 32 or 64, signed or unsigned.
 * Unsigned variants accept a minus sign and negate modulo 2^bits (C rule);
 * their overflow test is on the magnitude.
 */
function strtoInt(
  mem: AddressSpace,
  addr: number,
  base: number,
  bits: 32 | 64,
  signed: boolean,
  endptrOut?: (end: number) => void,
): StrtolResult {
  if (base !== 0 && (base < 2 || base > 36)) {
    // glibc leaves *endptr untouched here (errno EINVAL).
    return { value: 0n, end: addr, overflow: false, invalid: true };
  }
  let p = addr;
  while (cSpace(mem.readU8(p))) p++;
  let neg = false;
  const sc = mem.readU8(p);
  if (sc === 0x2d || sc === 0x2b) {
    neg = sc === 0x2d;
    p++;
  }
  const c0 = mem.readU8(p);
  if ((base === 0 || base === 16) && c0 === 0x30 && (mem.readU8(p + 1) | 0x20) === 0x78) {
    // "0x" counts as a prefix only when a hex digit follows; otherwise the "0" is the number.
    if (digitVal(mem.readU8(p + 2)) < 16) {
      p += 2;
      base = 16;
    } else if (base === 0) base = 8;
  } else if (base === 0) base = c0 === 0x30 ? 8 : 10;
  const B = BigInt(base);
  let v = 0n;
  let any = false;
  for (;;) {
    const d = digitVal(mem.readU8(p));
    if (d >= base) break;
    v = v * B + BigInt(d);
    any = true;
    p++;
  }
  if (!any) {
    endptrOut?.(addr);
    return { value: 0n, end: addr, overflow: false };
  }
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  let overflow = false;
  let value: bigint;
  if (signed) {
    const lim = neg ? max + 1n : max;
    if (v > lim) {
      overflow = true;
      value = neg ? -(max + 1n) : max;
    } else value = neg ? -v : v;
  } else {
    if (v > max) {
      overflow = true;
      value = max;
    } else value = neg ? BigInt.asUintN(bits, -v) : v;
  }
  endptrOut?.(p);
  return { value, end: p, overflow };
}

/**
 * `strtol` for a 64-bit `long` (LP64: Darwin, Linux). Bases 0 and 2..36,
 * leading whitespace, sign, `0x` prefix; clamps to LONG_MAX/LONG_MIN with
 * `overflow` set. Windows' 32-bit `long` is {@link strtol32}.
 * @example
 * ```ts
 * writeCString(mem, a, "  -0x1fz");
 * strtol(mem, a, 0); // { value: -31n, end: a + 7, overflow: false }
 * ```
 */
export function strtol(
  mem: AddressSpace,
  addr: number,
  base: number,
  endptrOut?: (end: number) => void,
): StrtolResult {
  return strtoInt(mem, addr, base, 64, true, endptrOut);
}

/**
 * `strtol` for a 32-bit `long` (LLP64: Windows), clamping to ±2^31.
 * @example
 * ```ts
 * strtol32(mem, a, 10); // "3000000000" -> { value: 2147483647n, overflow: true }
 * ```
 */
export function strtol32(
  mem: AddressSpace,
  addr: number,
  base: number,
  endptrOut?: (end: number) => void,
): StrtolResult {
  return strtoInt(mem, addr, base, 32, true, endptrOut);
}

/**
 * `strtoll` (64-bit).
 * @example
 * ```ts
 * strtoll(mem, a, 10); // "-9223372036854775809" -> { value: -(2n**63n), overflow: true }
 * ```
 */
export function strtoll(
  mem: AddressSpace,
  addr: number,
  base: number,
  endptrOut?: (end: number) => void,
): StrtolResult {
  return strtoInt(mem, addr, base, 64, true, endptrOut);
}

/**
 * `strtoul` for a 64-bit `unsigned long`: "-1" gives 2^64-1 (C negates modulo 2^64).
 * @example
 * ```ts
 * strtoul(mem, a, 10); // "-1" -> { value: 18446744073709551615n, overflow: false }
 * ```
 */
export function strtoul(
  mem: AddressSpace,
  addr: number,
  base: number,
  endptrOut?: (end: number) => void,
): StrtolResult {
  return strtoInt(mem, addr, base, 64, false, endptrOut);
}

/**
 * `strtoul` for a 32-bit `unsigned long` (Windows).
 * @example
 * ```ts
 * strtoul32(mem, a, 16); // "ffffffff" -> { value: 4294967295n }
 * ```
 */
export function strtoul32(
  mem: AddressSpace,
  addr: number,
  base: number,
  endptrOut?: (end: number) => void,
): StrtolResult {
  return strtoInt(mem, addr, base, 32, false, endptrOut);
}

/**
 * `strtoull` (64-bit unsigned).
 * @example
 * ```ts
 * strtoull(mem, a, 0); // "0777" -> { value: 511n }
 * ```
 */
export function strtoull(
  mem: AddressSpace,
  addr: number,
  base: number,
  endptrOut?: (end: number) => void,
): StrtolResult {
  return strtoInt(mem, addr, base, 64, false, endptrOut);
}

/**
 * `atoi`: `(int)strtol(s, NULL, 10)` (wrapping to 32 bits as glibc's does).
 * @example
 * ```ts
 * atoi(mem, a); // " 42abc" -> 42
 * ```
 */
export function atoi(mem: AddressSpace, s: number): number {
  return Number(BigInt.asIntN(32, strtol(mem, s, 10).value));
}

/** Result of {@link strtod}. */
export interface StrtodResult {
  /** The value, correctly rounded (round to nearest, ties to even). */
  value: number;
  /** Guest address of the first unparsed byte (`nptr` when nothing was parsed). */
  end: number;
  /** True when C sets ERANGE: overflow to ±HUGE_VAL, or an inexact result tiny before rounding. */
  overflow: boolean;
}

/** Set by {@link ldexpBig}: the last conversion was tiny (below 2^-1022 before rounding) and inexact. */
let lastUnderflow = false;

/**
 * The double nearest to `mant * 2^exp2` (mant >= 0), ties to even: one rounding, also
 * for subnormal results. Used by strtod and by math.ts.
 * @example
 * ```ts
 * ldexpBig(3n, -1); // 1.5
 * ```
 */
export function ldexpBig(mant: bigint, exp2: number): number {
  lastUnderflow = false;
  if (mant === 0n) return 0;
  // Normalise to a 54+ bit integer, then round once to 53 bits (or to the subnormal grid).
  const bitlen = mant.toString(2).length;
  // Value = mant * 2^exp2; the top bit has weight 2^(bitlen-1+exp2).
  const topExp = bitlen - 1 + exp2;
  if (topExp > 1023) return Infinity;
  // Precision available: 53 bits, fewer for subnormals (lowest bit weight 2^-1074).
  const lsbExp = Math.max(topExp - 52, -1074);
  const shift = lsbExp - exp2; // drop this many low bits
  let q: bigint;
  if (shift <= 0) q = mant << BigInt(-shift);
  else {
    const s = BigInt(shift);
    q = mant >> s;
    const rem = mant - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    lastUnderflow = rem !== 0n && topExp < -1022;
  }
  // q * 2^lsbExp is exact in a double (q <= 2^53).
  return scale2(Number(q), lsbExp);
}

/** x * 2^e exactly (x an integer < 2^54 and the result representable). */
function scale2(x: number, e: number): number {
  while (e > 600) {
    x *= 2 ** 600;
    e -= 600;
  }
  while (e < -600) {
    // Keep exactness: only divide while x stays an integer scaled value above the subnormal range.
    x *= 2 ** -600;
    e += 600;
  }
  return x * 2 ** e;
}

/** Correctly rounded value of `digits * 10^exp10`. */
function decimalToDouble(digits: bigint, exp10: number): number {
  if (digits === 0n) return 0;
  const nd = digits.toString().length;
  if (nd + exp10 > 311) return Infinity;
  if (nd + exp10 < -326) return 0;
  if (exp10 >= 0) return ldexpBig(digits * 10n ** BigInt(exp10), 0);
  // digits / 10^k: scale so the quotient has >= 64 bits, keep a sticky bit.
  const den = 10n ** BigInt(-exp10);
  const denBits = den.toString(2).length;
  const numBits = digits.toString(2).length;
  const sh = Math.max(0, denBits - numBits + 66);
  const num = digits << BigInt(sh);
  let q = num / den;
  if (q * den !== num) q = (q << 1n) | 1n;
  else q <<= 1n; // sticky bit position kept consistent
  return ldexpBig(q, -sh - 1);
}

/**
 * `strtod`: decimal and hexadecimal floats, "inf"/"infinity", "nan" and
 * "nan(chars)", with leading whitespace and sign, correctly rounded. The end
 * address stops after the longest valid prefix.
 * @example
 * ```ts
 * writeCString(mem, a, " 0x1.8p1xyz");
 * strtod(mem, a); // { value: 3, end: a + 8, overflow: false }
 * ```
 */
export function strtod(
  mem: AddressSpace,
  addr: number,
  endptrOut?: (end: number) => void,
): StrtodResult {
  const at = (i: number) => mem.readU8(i);
  const low = (i: number) => lower(at(i));
  let p = addr;
  while (cSpace(at(p))) p++;
  let neg = false;
  if (at(p) === 0x2d || at(p) === 0x2b) {
    neg = at(p) === 0x2d;
    p++;
  }
  const done = (v: number, end: number, overflow = false): StrtodResult => {
    endptrOut?.(end);
    return { value: neg ? -v : v, end, overflow };
  };
  const word = (w: string) => {
    for (let i = 0; i < w.length; i++) if (low(p + i) !== w.charCodeAt(i)) return false;
    return true;
  };
  if (word("inf")) return done(Infinity, p + (word("infinity") ? 8 : 3));
  if (word("nan")) {
    let q = p + 3;
    if (at(q) === 0x28) {
      let r = q + 1;
      while (isalnum(mem, at(r)) || at(r) === 0x5f) r++;
      if (at(r) === 0x29) q = r + 1;
    }
    return done(NaN, q);
  }
  const hex = at(p) === 0x30 && low(p + 1) === 0x78;
  const base = hex ? 16 : 10;
  let q = hex ? p + 2 : p;
  let mant = 0n, any = false, exp = 0, point = false;
  const B = BigInt(base);
  for (;; q++) {
    const c = at(q);
    if (c === 0x2e && !point) {
      point = true;
      continue;
    }
    const d = digitVal(c);
    if (d >= base) break;
    any = true;
    mant = mant * B + BigInt(d);
    if (point) exp -= 1;
  }
  if (!any) {
    // "0x" with no hex digits parses as the "0".
    if (hex) return done(0, p + 1);
    endptrOut?.(addr);
    return { value: 0, end: addr, overflow: false };
  }
  // Exponent: 'e' for decimal, 'p' (binary, mandatory-free) for hex.
  const ec = low(q);
  if ((!hex && ec === 0x65) || (hex && ec === 0x70)) {
    let r = q + 1;
    let eneg = false;
    if (at(r) === 0x2d || at(r) === 0x2b) {
      eneg = at(r) === 0x2d;
      r++;
    }
    if (cDigit(at(r))) {
      let ev = 0;
      while (cDigit(at(r))) {
        if (ev < 1e9) ev = ev * 10 + (at(r) - 0x30);
        r++;
      }
      exp = hex ? exp * 4 + (eneg ? -ev : ev) : exp + (eneg ? -ev : ev);
      q = r;
    } else if (hex) exp *= 4;
  } else if (hex) exp *= 4;
  const v = hex ? ldexpBig(mant, exp) : decimalToDouble(mant, exp);
  // ERANGE as glibc reports it: overflow to infinity, or a result that was tiny before
  // rounding and inexact (so 0x1p-1074 is fine, 2.2250738585072012e-308 is not).
  const overflow = v === Infinity || (mant !== 0n && lastUnderflow) || (v === 0 && mant !== 0n);
  return done(v, q, overflow);
}

/**
 * `atof`: `strtod(s, NULL)`.
 * @example
 * ```ts
 * atof(mem, a); // "2.5e1" -> 25
 * ```
 */
export function atof(mem: AddressSpace, s: number): number {
  return strtod(mem, s).value;
}

// ---- wide strings (wchar_t of 2 bytes on Windows, 4 on Darwin) ------------------

const wget = (
  mem: AddressSpace,
  p: number,
  ws: 2 | 4,
) => (ws === 2 ? mem.readU16(p) : mem.readU32(p));

/**
 * `wcslen` for a `wchar_t` of `ws` bytes.
 * @example
 * ```ts
 * writeWString(mem, a, "abc"); wcslen(mem, a, 2); // 3
 * ```
 */
export function wcslen(mem: AddressSpace, s: number, ws: 2 | 4): number {
  let n = 0;
  while (wget(mem, s + n * ws, ws) !== 0) n++;
  return n;
}

/**
 * `wcscmp`: compares units as unsigned values (wchar_t is unsigned on
 * Windows; on Darwin it is signed, but valid code points are all positive).
 * @example
 * ```ts
 * wcscmp(mem, a, b, 2); // < 0 for L"ab" vs L"ac"
 * ```
 */
export function wcscmp(mem: AddressSpace, a: number, b: number, ws: 2 | 4): number {
  return wcsncmp(mem, a, b, NO_LIMIT, ws);
}

/**
 * `wcsncmp`.
 * @example
 * ```ts
 * wcsncmp(mem, a, b, 1, 2); // 0 for L"ab" vs L"ac"
 * ```
 */
export function wcsncmp(mem: AddressSpace, a: number, b: number, n: number, ws: 2 | 4): number {
  for (let i = 0; i < n; i++) {
    const x = wget(mem, a + i * ws, ws), y = wget(mem, b + i * ws, ws);
    if (x !== y) return x < y ? -1 : 1;
    if (x === 0) return 0;
  }
  return 0;
}

/**
 * `wcscpy`: returns `dst`.
 * @example
 * ```ts
 * wcscpy(mem, dst, src, 2);
 * ```
 */
export function wcscpy(mem: AddressSpace, dst: number, src: number, ws: 2 | 4): number {
  const n = (wcslen(mem, src, ws) + 1) * ws;
  mem.write(dst, mem.read(src, n));
  return dst;
}

/**
 * `wcscat`: returns `dst`.
 * @example
 * ```ts
 * wcscat(mem, dst, src, 2); // L"ab" + L"cd"
 * ```
 */
export function wcscat(mem: AddressSpace, dst: number, src: number, ws: 2 | 4): number {
  wcscpy(mem, dst + wcslen(mem, dst, ws) * ws, src, ws);
  return dst;
}

/**
 * `wcschr`: address of the first unit equal to `c`, or 0 (`c == 0` finds the terminator).
 * @example
 * ```ts
 * wcschr(mem, a, 0x62, 2); // a + 2 for L"ab"
 * ```
 */
export function wcschr(mem: AddressSpace, s: number, c: number, ws: 2 | 4): number {
  c = ws === 2 ? c & 0xffff : c >>> 0;
  for (let p = s;; p += ws) {
    const x = wget(mem, p, ws);
    if (x === c) return p;
    if (x === 0) return 0;
  }
}

// ---- storing printf output ------------------------------------------------------

/**
 * Store formatted output into a guest buffer of `size` bytes, with the
 * return value of the function named by `mode`:
 * - "snprintf" (C99, also the UCRT's `snprintf`): stores at most size-1
 *   bytes and a NUL (nothing when size is 0); returns the full length.
 * - "_snprintf" (msvcrt): Microsoft Learn, "_snprintf": "If len < count,
 *   then len characters are stored in buffer, a null-terminator is appended,
 *   and len is returned. If len = count, then len characters are stored in
 *   buffer, no null-terminator is appended, and len is returned. If
 *   len > count, then count characters are stored in buffer, no
 *   null-terminator is appended, and a negative value is returned."
 * - "sprintf": stores everything and a NUL; returns the length.
 * @example
 * ```ts
 * storeFormatted(mem, buf, 4, enc.encode("hello"), "snprintf"); // 5, buf = "hel\0"
 * ```
 */
export function storeFormatted(
  mem: AddressSpace,
  buf: number,
  size: number,
  out: Uint8Array,
  mode: "snprintf" | "_snprintf" | "sprintf",
): number {
  const len = out.length;
  if (mode === "sprintf") {
    writeCString(mem, buf, out);
    return len;
  }
  if (mode === "snprintf") {
    if (size > 0) writeCString(mem, buf, out.subarray(0, Math.min(len, size - 1)));
    return len;
  }
  if (len < size) {
    writeCString(mem, buf, out);
    return len;
  }
  if (size > 0) mem.write(buf, out.subarray(0, size));
  return len === size ? len : -1;
}

/** A C function over guest memory taking and returning integers. */
export type CFunc = (mem: AddressSpace, ...args: number[]) => number;

/**
 * Every function above whose arguments and result are integers, by C name
 * (with msvcrt's `_stricmp`/`_strnicmp` aliases), for a personality's import table.
 * @example
 * ```ts
 * CSTRING_FUNCS.strlen(mem, a); // same as strlen(mem, a)
 * ```
 */
export const CSTRING_FUNCS: Record<string, CFunc> = {
  strlen,
  strnlen,
  memcpy,
  memmove,
  memset,
  memcmp,
  memchr,
  strcmp,
  strncmp,
  strcasecmp,
  strncasecmp,
  _stricmp: strcasecmp,
  _strnicmp: strncasecmp,
  strcpy,
  strncpy,
  strcat,
  strncat,
  strchr,
  strrchr,
  strstr,
  strspn,
  strcspn,
  strpbrk,
  toupper,
  tolower,
  isdigit,
  isxdigit,
  isupper,
  islower,
  isalpha,
  isalnum,
  isspace,
  isblank,
  iscntrl,
  isprint,
  isgraph,
  ispunct,
  atoi,
} as Record<string, CFunc>;
