// src/os/crt: printf formatting, strto*, the guest heap, string functions, math.
//
// Expected values: printf, strtol and strtod results come from the host glibc
// (tests/os/crt_printf/crt_host.c, compiled here with the host gcc into
// testdata/build/crt/); msvcrt-flavor expectations come from Microsoft's
// documentation (cited next to each case); string-function and heap
// expectations from the C standard (C17 7.24) and a JS model.

import assert from "node:assert/strict";
import { join } from "node:path";
import { AddressSpace, PF_R, PF_W } from "../../src/memory/address_space.ts";
import { GuestFault } from "../../src/memory/errors.ts";
import {
  bitsToDouble,
  doubleToBits,
  type FormatFlavor,
  type FormatOptions,
  formatPrintf,
  type VaSource,
} from "../../src/os/crt/format.ts";
import * as C from "../../src/os/crt/cstring.ts";
import { GuestHeap, HeapError } from "../../src/os/crt/heap.ts";
import { MATH1, MATH2 } from "../../src/os/crt/math.ts";
import { REPO_ROOT } from "../helpers.ts";

const BUILD = join(REPO_ROOT, "testdata/build/crt");
const HOST_BIN = join(BUILD, "crt_host");
const HOST_SRC = join(REPO_ROOT, "tests/os/crt_printf/crt_host.c");

let built: Promise<void> | null = null;

/** Compile the host oracle (once per run; gcc is a setup.sh package). */
async function hostBinary(): Promise<string> {
  await (built ??= compileHost());
  return HOST_BIN;
}

async function compileHost(): Promise<void> {
  await Deno.mkdir(BUILD, { recursive: true });
  const r = await new Deno.Command("gcc", {
    args: ["-O0", "-w", "-fno-builtin", "-U_FORTIFY_SOURCE", "-o", HOST_BIN, HOST_SRC, "-lm"],
  }).output();
  if (!r.success) throw new Error("gcc failed: " + new TextDecoder().decode(r.stderr));
}

/** Run the oracle on input lines; one output line per input line. */
async function runHost(lines: string[]): Promise<string[][]> {
  const bin = await hostBinary();
  const p = new Deno.Command(bin, { stdin: "piped", stdout: "piped" }).spawn();
  // Read while writing: the answers would fill the pipe before the questions are all sent.
  const pending = p.output();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(lines.join("\n") + "\n"));
  await w.close();
  const out = await pending;
  assert.ok(out.success, "host oracle failed");
  const res = new TextDecoder().decode(out.stdout).split("\n");
  res.pop();
  assert.equal(res.length, lines.length, "oracle answered every case");
  return res.map((l) => l.split("\t"));
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const enc = new TextEncoder();

/** A guest memory with one RW region and a bump allocator for test data. */
function guest() {
  const mem = new AddressSpace({ maxMemory: 64 << 20 });
  const base = 0x10_0000, size = 8 << 20;
  assert.equal(mem.mapFixed(base, size, PF_R | PF_W), 0);
  let top = base;
  const alloc = (n: number) => {
    const p = top;
    top += Math.ceil((n + 1) / 16) * 16;
    return p;
  };
  return { mem, base, size, alloc };
}

// ---- printf cases ------------------------------------------------------------

type Arg =
  | { k: "i"; v: bigint }
  | { k: "d"; bits: bigint }
  | { k: "s"; bytes: Uint8Array }
  | { k: "w"; cps: number[] }
  | { k: "L"; bits: bigint };
interface PCase {
  fmt: string;
  args: Arg[];
}
const I = (v: number | bigint): Arg => ({ k: "i", v: BigInt.asUintN(64, BigInt(v)) });
const D = (x: number): Arg => ({ k: "d", bits: doubleToBits(x) });
const DB = (bits: bigint): Arg => ({ k: "d", bits });
const S = (s: string): Arg => ({ k: "s", bytes: enc.encode(s) });
const W = (s: string): Arg => ({ k: "w", cps: Array.from(s, (c) => c.codePointAt(0)!) });
const L = (x: number): Arg => ({ k: "L", bits: doubleToBits(x) });

/** splitmix64: a seeded generator of 64-bit values. */
function rng(seed: bigint) {
  let s = seed;
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
}

function printfCases(): PCase[] {
  const cs: PCase[] = [];
  const add = (fmt: string, ...args: Arg[]) => cs.push({ fmt, args });
  // Integers.
  const ints = [0, 1, -1, 42, -42, 2147483647, -2147483648, 7, 100000];
  const intFmts = [
    "%d",
    "%i",
    "%5d",
    "%-5d|",
    "%05d",
    "%+d",
    "% d",
    "%.3d",
    "%8.3d",
    "%-8.3d|",
    "%.0d",
    "%+.0d",
    "%08.3d",
    "%+05d",
    "% 05d",
    "%-+6d|",
    "%u",
    "%o",
    "%#o",
    "%x",
    "%#x",
    "%X",
    "%#X",
    "%#.0o",
    "%#.0x",
    "%#08x",
    "%#8x",
    "%-#8x|",
    "%.5x",
    "%#10.4o",
    "%hhd",
    "%hd",
    "%hhu",
    "%hx",
    "%b",
    "%#b",
    "%#B",
    "%+u",
    "% x",
  ];
  for (const f of intFmts) for (const v of ints) add(f, I(v));
  for (const v of [300, -129, 255, 70000, -32769]) {
    add("%hhd %hhu %hd %hu %hhx", I(v), I(v), I(v), I(v), I(v));
  }
  const i64 = [
    0n,
    -1n,
    1n << 63n,
    (1n << 63n) - 1n,
    (1n << 64n) - 1n,
    0x1_0000_0001n,
    1234567890123n,
  ];
  for (
    const f of [
      "%ld",
      "%lld",
      "%lu",
      "%llx",
      "%#llo",
      "%jd",
      "%zd",
      "%td",
      "%zu",
      "%qd",
      "%lX",
      "%20lld",
      "%-+22ld|",
      "%.25lu",
    ]
  ) {
    for (const v of i64) add(f, I(v));
  }
  // Characters and strings.
  add("[%c]", I(65));
  add("[%3c][%-3c]", I(66), I(67));
  add("a%cb", I(0));
  add("[%lc]", I(0xe9));
  add("[%lc%C]", I(0x4e2d), I(0x1f600));
  add("[%5lc]", I(0x41));
  for (const f of ["%s", "%10s", "%-10s|", "%.3s", "%10.3s", "%.0s", "%-3.1s|", "%.10s"]) {
    add(f, S("hello"));
    add(f, S(""));
    add(f, I(0));
  }
  add("%.5s|%.6s|%7.5s|%-8s|", I(0), I(0), I(0), I(0));
  add("%s and %s", S("x\u00e9y"), S("with space"));
  add("[%ls]", W("wide"));
  add("[%ls]", W("\u00e9t\u00e9 \u4e2d\u{1f600}"));
  add("[%.2ls][%.1ls][%8ls][%-6ls]", W("abc"), W("\u00e9x"), W("w"), W("ab"));
  add("[%S]", W("upper S"));
  add("[%ls][%.3ls]", I(0), I(0));
  // Pointers.
  for (const f of ["%p", "%20p", "%-20p|", "%+p", "%#p", "%.20p", "%020p"]) {
    for (const v of [0, 0x1234, 0x7fff12345678]) add(f, I(v));
  }
  // Stars, positional, mixes.
  add("[%*d]", I(5), I(42));
  add("[%*d]", I(-5), I(42));
  add("[%-*d]", I(5), I(42));
  add("[%.*d]", I(3), I(7));
  add("[%.*d]", I(-3), I(7));
  add("[%.*f]", I(-1), D(1.5));
  add("[%*.*f]", I(10), I(2), D(3.14159));
  add("[%*.*e]", I(-12), I(3), D(-0.000123));
  add("%2$d %1$d", I(1), I(2));
  add("%1$*2$d|%3$s", I(42), I(8), S("pos"));
  add("%2$.*1$f %3$g", I(3), D(2.71828), D(1e100));
  add("%d %f %s %g %x %e %c", I(-9), D(0.1), S("s"), D(1e-5), I(255), D(12345.678), I(0x7a));
  add("100%% sure");
  add("%%d %5%|");
  add("unknown %y conv");
  add("[%'d][%'.2f][%Id]", I(1234567), D(1234567.891), I(-5));
  add("[%-08d][%- 8d][%+ d][%#-10.3x]", I(12), I(12), I(12), I(255));
  add("[%d][%5.0s][%c%c]", I(3), S("abc"), I(0x41), I(0x342));
  add(
    "%lld %lld %lld %lld %lld %lld %lld %lld %lld %lld",
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(I),
  );
  add("%e %e %e %e %e %e %e %e", ...[1, 2, 3, 4, 5, 6, 7, 8].map(D));
  // Floating point: special and edge values.
  const specials = [
    0,
    -0,
    1,
    -1,
    0.5,
    1.5,
    2.5,
    0.125,
    0.375,
    0.1,
    1 / 3,
    2 / 3,
    1e-5,
    1e-4,
    0.0001234,
    123456789,
    1e15,
    1e16,
    1e17,
    1e21,
    1e22,
    1e23,
    9.5,
    99.5,
    999999.5,
    9999995,
    0.05,
    0.15,
    0.25,
    0.35,
    Number.MAX_VALUE,
    2.2250738585072014e-308,
    2.2250738585072009e-308,
    5e-324,
    1e-320,
    Infinity,
    -Infinity,
    NaN,
    4503599627370496.5,
    9007199254740993,
    0.999999,
    0.9999995,
  ];
  const floatFmts = [
    "%f",
    "%e",
    "%g",
    "%a",
    "%.0f",
    "%.1f",
    "%.2e",
    "%.0e",
    "%#.0e",
    "%#.0f",
    "%.3g",
    "%#g",
    "%G",
    "%E",
    "%F",
    "%A",
    "%.17g",
    "%.20e",
    "%.30f",
    "%.0a",
    "%.1a",
    "%.3a",
    "%+f",
    "% e",
    "%010.3f",
    "%-12.4e|",
    "%012a",
    "%+012.3e",
    "%.40g",
    "%#.3g",
    "%.0g",
    "%#.0g",
    "%015g",
    "%-+9.2f|",
    "%.15a",
    "%#a",
    "%#.0a",
  ];
  for (const f of floatFmts) for (const x of specials) add(f, D(x));
  add("%f %e %g", DB(0xfff8000000000000n), DB(0xfff8000000000000n), DB(0xfff8000000000000n));
  add(
    "%F %E %G %A",
    DB(0x7ff4000000000000n),
    DB(-0n),
    DB(0x7ff0000000000000n),
    DB(0xfff0000000000000n),
  );
  add("[%010f][%-10e][%+10g][%010A]", D(Infinity), D(-Infinity), D(NaN), D(-Infinity));
  add("%.1000f", D(5e-324));
  add("%.767e", D(5e-324));
  add("%.400f", D(1 / 3));
  add("%.330f", D(Number.MAX_VALUE));
  for (const x of [1.5, -0.1, 1e300, 5e-324]) {
    add("%Lf", L(x));
    add("%Le", L(x));
    add("%Lg", L(x));
  }
  // Random doubles (seeded): random bit patterns over all exponents, and ordinary magnitudes.
  const next = rng(0x5eedn);
  const precs = [0, 1, 3, 6, 10, 17, 25];
  for (let i = 0; i < 160; i++) {
    let bits = next();
    if (i % 2 === 1) {
      // A "human" magnitude: exponent within 2^-40 .. 2^60.
      const e = BigInt(1023 - 40 + Number(next() % 100n));
      bits = (bits & 0x800f_ffff_ffff_ffffn) | (e << 52n);
    }
    const p1 = precs[Number(next() % 7n)], p2 = precs[Number(next() % 7n)];
    add(`%.${p1}e|%.${p2}e`, DB(bits), DB(bits));
    add(`%.${p1}g|%.${p2}g|%g|%#.${p2}g`, DB(bits), DB(bits), DB(bits), DB(bits));
    add(`%.${p1}a|%.${p2}A|%a`, DB(bits), DB(bits), DB(bits));
    if (i % 2 === 1 || i % 8 === 0) add(`%.${p1}f|%.${p2}f|%f`, DB(bits), DB(bits), DB(bits));
  }
  // Random integers with random flags.
  for (let i = 0; i < 60; i++) {
    const v = next();
    const flags = ["", "-", "+", " ", "#", "0", "-+", "#0", "+0", " 0"][Number(next() % 10n)];
    const width = Number(next() % 25n);
    const prec = Number(next() % 6n) - 1;
    const conv = ["d", "u", "x", "X", "o", "i"][Number(next() % 6n)];
    const len = ["", "l", "h", "hh", "ll", "z"][Number(next() % 6n)];
    add(`[%${flags}${width || ""}${prec >= 0 ? "." + prec : ""}${len}${conv}]`, I(v));
  }
  return cs;
}

/** A VaSource over a case's arguments, split into integer and double queues like SysV. */
function vaFor(mem: AddressSpace, alloc: (n: number) => number, args: Arg[], withBits = true) {
  const gp: bigint[] = [], fp: bigint[] = [];
  for (const a of args) {
    if (a.k === "i") gp.push(a.v);
    else if (a.k === "d" || a.k === "L") fp.push(a.bits);
    else if (a.k === "s") {
      const p = alloc(a.bytes.length);
      C.writeCString(mem, p, a.bytes);
      gp.push(BigInt(p));
    } else {
      const p = alloc(4 * a.cps.length + 4);
      a.cps.forEach((c, i) => mem.writeU32(p + 4 * i, c));
      mem.writeU32(p + 4 * a.cps.length, 0);
      gp.push(BigInt(p));
    }
  }
  const va: VaSource = {
    int32: () => Number(BigInt.asIntN(32, gp.shift() ?? 0n)),
    int64: () => gp.shift() ?? 0n,
    ptr: () => Number(gp.shift() ?? 0n),
    double: () => bitsToDouble(fp.shift() ?? 0n),
  };
  if (withBits) va.doubleBits = () => fp.shift() ?? 0n;
  return va;
}

function argField(a: Arg): string {
  switch (a.k) {
    case "i":
      return "i" + a.v.toString(16);
    case "d":
      return "d" + a.bits.toString(16);
    case "L":
      return "L" + a.bits.toString(16);
    case "s":
      return "s" + hex(a.bytes);
    case "w":
      return "w" + a.cps.map((c) => c.toString(16).padStart(8, "0")).join("");
  }
}

/**
 * Cases where glibc 2.36 contradicts C17 7.21.6.1 and we follow the standard:
 * key -> [glibc's output, the standard's output]. With '#', "%g" must keep
 * trailing zeros; glibc drops them when rounding carries into a new decimal
 * exponent (999999.5 -> 1e+06).
 */
const GLIBC_BUGS: Record<string, [string, string]> = {
  "%#g d412e847f00000000": ["1.e+06", "1.00000e+06"],
};

Deno.test("formatPrintf (posix) matches the host glibc byte for byte", async () => {
  const cases = printfCases();
  const lines = cases.map((c) => ["P", hex(enc.encode(c.fmt)), ...c.args.map(argField)].join("\t"));
  const host = await runHost(lines);
  const { mem, alloc } = guest();
  const bad: string[] = [];
  let deviations = 0;
  cases.forEach((c, i) => {
    let want = unhex(host[i][1] ?? "");
    assert.equal(Number(host[i][0]), want.length);
    const key = c.fmt + " " + c.args.map(argField).join(",");
    if (key in GLIBC_BUGS) {
      // Keep the check honest: glibc must still print what we recorded, and we print C's answer.
      assert.equal(new TextDecoder().decode(want), GLIBC_BUGS[key][0]);
      want = enc.encode(GLIBC_BUGS[key][1]);
      deviations++;
    }
    const got = formatPrintf(mem, enc.encode(c.fmt), vaFor(mem, alloc, c.args), "posix", 4);
    if (hex(got) !== hex(want)) {
      const show = (b: Uint8Array) => JSON.stringify(new TextDecoder().decode(b));
      bad.push(
        `${JSON.stringify(c.fmt)} ${c.args.map(argField).join(",")}: want ${show(want)} got ${
          show(got)
        }`,
      );
    }
  });
  assert.ok(cases.length >= 150);
  assert.equal(deviations, Object.keys(GLIBC_BUGS).length);
  assert.deepEqual(bad.slice(0, 25), [], `${bad.length} of ${cases.length} cases differ`);
  console.log(`printf: ${cases.length} cases match glibc`);
});

/** Format with the msvcrt flavor (wchar_t is 2 bytes). */
let msGuest: ReturnType<typeof guest> | null = null;
function ms(fmt: string, args: Arg[], opts: FormatOptions = {}, flavor: FormatFlavor = "msvcrt") {
  const { mem, alloc } = msGuest ??= guest();
  const conv = args.map((a): Arg => {
    if (a.k !== "w") return a;
    // UTF-16LE string for the 2-byte wchar_t.
    const s = String.fromCodePoint(...a.cps);
    const p = alloc(2 * s.length + 2);
    C.writeWString(mem, p, s);
    return I(p);
  });
  const out = formatPrintf(mem, enc.encode(fmt), vaFor(mem, alloc, conv), flavor, 2, opts);
  return new TextDecoder().decode(out);
}

Deno.test("formatPrintf msvcrt flavor follows Microsoft's documentation", () => {
  // "Visual C++ change history 2003-2015", Exponent formatting: msvcrt.dll printed
  // printf("%e\n", 1.0) as 1.000000e+000 (three-digit exponents); the UCRT prints two.
  assert.equal(ms("%e", [D(1)]), "1.000000e+000");
  assert.equal(ms("%E|%g|%G", [D(-2.5e-7), D(1e-5), D(1e300)]), "-2.500000E-007|1e-005|1E+300");
  assert.equal(ms("%e", [D(1)], { exponentDigits: 2 }), "1.000000e+00");
  // Same page, Infinity and NaN formatting: 1.#INF, 1.#QNAN, 1.#SNAN, 1.#IND, "rounded" like
  // digits, so "%.2f" printed 1.#J; the UCRT prints inf, nan, nan(snan), nan(ind).
  assert.equal(ms("%f|%f", [D(Infinity), D(-Infinity)]), "1.#INF00|-1.#INF00");
  assert.equal(ms("%.2f", [D(Infinity)]), "1.#J");
  assert.equal(ms("%f", [DB(0xfff8000000000000n)]), "-1.#IND00");
  assert.equal(
    ms("%f|%f", [DB(0x7ff8000000000000n), DB(0x7ff4000000000000n)]),
    "1.#QNAN0|1.#SNAN0",
  );
  assert.equal(ms("%e", [D(Infinity)]), "1.#INF00e+000");
  assert.equal(
    ms(
      "%f|%f|%F|%f",
      [D(Infinity), DB(0xfff8000000000000n), D(-Infinity), DB(0x7ff4000000000001n)],
      {
        legacyNonFinite: false,
      },
    ),
    "inf|-nan(ind)|-INF|nan(snan)",
  );
  // "Format specification syntax", Argument size specification: I64, I32, I (pointer size),
  // l is 32 bits (LLP64); h with s/c means single-byte, l/w wide; %S/%C wide in printf.
  assert.equal(
    ms("%I64d|%I64x|%I32d|%Id|%Iu", [I(-1), I(-1), I(-1), I(-1), I(-1)]),
    "-1|ffffffffffffffff|-1|-1|18446744073709551615",
  );
  assert.equal(
    ms("%ld|%lu|%lld", [I(0x1_0000_0001n), I(-1), I(1n << 40n)]),
    "1|4294967295|1099511627776",
  );
  assert.equal(
    ms("[%S][%ls][%ws][%hs][%s]", [W("wide"), W("\u00e9\u{1f600}"), W("w"), S("narrow"), S("n")]),
    "[wide][\u00e9\u{1f600}][w][narrow][n]",
  );
  assert.equal(
    ms("[%C][%lc][%wc][%hc][%c]", [I(0x41), I(0xe9), I(0x42), I(0x43), I(0x44)]),
    "[A][\u00e9][B][C][D]",
  );
  // Type field characters: p displays the argument as an address in hexadecimal digits (the
  // UCRT and msvcrt print all pointer-size digits, uppercase).
  assert.equal(ms("%p|%p", [I(0x1234), I(0)]), "0000000000001234|0000000000000000");
  assert.equal(ms("%p", [I(0xabc)], { ptrBytes: 4 }), "00000ABC");
  // "(null)" for a null string pointer, cut to the precision.
  assert.equal(ms("%s|%.3s|%S", [I(0), I(0), I(0)]), "(null)|(nu|(null)");
  // %a (UCRT): default precision 13.
  assert.equal(ms("%a|%.2a", [D(1), D(1.5)]), "0x1.0000000000000p+0|0x1.80p+0");
  // Darwin's FreeBSD-derived printf: "0x0" for a null %p, unsigned NaN, "(null)" cut.
  const bsd: FormatOptions = { libc: "freebsd" };
  assert.equal(
    ms("%p|%f|%.3s", [I(0), DB(0xfff8000000000000n), I(0)], bsd, "posix"),
    "0x0|nan|(nu",
  );
});

Deno.test("formatPrintf: %n stores nothing; bad pointers fault; double() suffices", () => {
  const { mem, alloc } = guest();
  const p = alloc(8);
  mem.writeU32(p, 0x55555555);
  const out = formatPrintf(
    mem,
    enc.encode("ab%ncd%d"),
    vaFor(mem, alloc, [I(p), I(7)]),
    "posix",
    4,
  );
  assert.equal(new TextDecoder().decode(out), "abcd7");
  assert.equal(mem.readU32(p), 0x55555555);
  assert.throws(
    () => formatPrintf(mem, enc.encode("%s"), vaFor(mem, alloc, [I(0x5000_0000)]), "posix", 4),
    GuestFault,
  );
  // %.3s reads only 3 bytes: a string ending at the edge of mapped memory is fine.
  const edge = 0x10_0000 + (8 << 20) - 3;
  mem.write(edge, enc.encode("xyz"));
  const cut = formatPrintf(mem, enc.encode("%.3s"), vaFor(mem, alloc, [I(edge)]), "posix", 4);
  assert.equal(new TextDecoder().decode(cut), "xyz");
  const noBits = formatPrintf(
    mem,
    enc.encode("%.3f %g"),
    vaFor(mem, alloc, [D(2.0625), D(0.5)], false),
    "posix",
    4,
  );
  assert.equal(new TextDecoder().decode(noBits), "2.062 0.5");
});

// ---- strto* -------------------------------------------------------------------

Deno.test("strtol family matches the host glibc (value, end, ERANGE)", async () => {
  const inputs = [
    "123",
    "  -42xyz",
    "+7",
    "0x1f",
    "0X1F",
    "0x",
    "0xg",
    "077",
    "08",
    "0",
    "",
    "   ",
    "-",
    "+-1",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999",
    "zz",
    "Zz!",
    "1010",
    "12",
    "0x10",
    "\t\n\v\f\r 5",
    "-0",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "-18446744073709551615",
    "-18446744073709551616",
    "  +0x7fffffffffffffff",
    "0x8000000000000000",
    "-0x8000000000000000",
    "0x-1",
    "1_000",
    "777777777777777777777",
    "1000000000000000000000",
    "0b101",
    "0 1",
  ];
  const bases = [0, 2, 8, 10, 16, 36, 1, 37];
  const fns = ["strtol", "strtoll", "strtoul", "strtoull"] as const;
  const cases: [(typeof fns)[number], string, number][] = [];
  for (const f of fns) for (const b of bases) for (const s of inputs) cases.push([f, s, b]);
  const host = await runHost(cases.map(([f, s, b]) => `I\t${f}\t${b}\t${hex(enc.encode(s))}`));
  const { mem, alloc } = guest();
  const bad: string[] = [];
  cases.forEach(([f, s, b], i) => {
    const p = alloc(s.length + 1);
    C.writeCString(mem, p, s);
    let seen = -1;
    const r = C[f](mem, p, b, (e) => (seen = e - p));
    const [v, end, errno] = host[i];
    const got = [
      BigInt.asUintN(64, r.value).toString(16).padStart(16, "0"),
      String(seen),
      String(r.overflow ? 34 : r.invalid ? 22 : 0),
    ];
    if (got.join(" ") !== [v, end, errno].join(" ")) {
      bad.push(`${f}(${JSON.stringify(s)}, ${b}): want ${[v, end, errno]} got ${got}`);
    }
  });
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} of ${cases.length} differ`);
  console.log(`strtol family: ${cases.length} cases match glibc`);
});

Deno.test("strtol32/strtoul32 clamp to 32-bit long (C17 7.22.1.4)", () => {
  const { mem, alloc } = guest();
  const at = (s: string) => {
    const p = alloc(s.length);
    C.writeCString(mem, p, s);
    return p;
  };
  assert.deepEqual(C.strtol32(mem, at("3000000000"), 10).value, 2147483647n);
  assert.equal(C.strtol32(mem, at("3000000000"), 10).overflow, true);
  assert.deepEqual(C.strtol32(mem, at("-2147483648"), 10), {
    value: -2147483648n,
    end: 0x10_0000 + 32 + 11,
    overflow: false,
  });
  assert.deepEqual(C.strtoul32(mem, at("-1"), 10).value, 4294967295n);
  assert.equal(C.strtoul32(mem, at("4294967296"), 0).overflow, true);
  assert.equal(C.atoi(mem, at(" -12abc")), -12);
});

Deno.test("strtod matches the host glibc (bits, end, ERANGE)", async () => {
  const inputs = [
    "1.5",
    "  -2.5e3xyz",
    "1e400",
    "-1e400",
    "1e-400",
    "4.9e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "0x1.8p1",
    "0X1P-1074",
    "0x1p-1075",
    "0x1.00000000000008p0",
    "0x1.000000000000081p0",
    "0x1.fffffffffffff8p1023",
    "inf",
    "-Infinity",
    "INFx",
    "infinit",
    "nan",
    "nan(123)",
    "nan(",
    "-nan",
    "NaN(abc_9)x",
    ".5",
    "5.",
    ".",
    "e5",
    "1e",
    "1e+",
    "1e+x",
    "0x",
    "0x.8",
    "0x.",
    "0xp1",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "123456789012345678901234567890",
    "0.1",
    "-0",
    "-0.0e10",
    "3.14159265358979323846264338327950288",
    "1e23",
    "8.988465674311579e307",
    "2.2250738585072011e-308",
    "2.2250738585072012e-308",
    "1e-310",
    "  +.25E-2z",
    "00001.0000",
    "1e99999999999",
    "1e-99999999999",
    "0e99999",
    "9007199254740993",
    "9007199254740992.9999999999999999999999999",
    "4503599627370496.5",
    "4503599627370497.5",
  ];
  const next = rng(0x5eed2n);
  for (let i = 0; i < 150; i++) {
    const x = bitsToDouble(next() & 0x7fff_ffff_ffff_ffffn);
    if (Number.isFinite(x)) inputs.push(x.toPrecision(17), x.toExponential(25));
    // Long random digit strings with random exponents.
    let d = "";
    for (let k = 0; k < 40; k++) d += String(Number(next() % 10n));
    inputs.push(`${d.slice(0, 1)}.${d.slice(1)}e${Number(next() % 640n) - 330}`);
  }
  const host = await runHost(inputs.map((s) => `D\t${hex(enc.encode(s))}`));
  const { mem, alloc } = guest();
  const bad: string[] = [];
  inputs.forEach((s, i) => {
    const p = alloc(s.length + 1);
    C.writeCString(mem, p, s);
    const r = C.strtod(mem, p);
    const [bits, end, errno] = host[i];
    const gotBits = doubleToBits(r.value).toString(16).padStart(16, "0");
    // NaN payloads/signs are not compared: glibc's strtod("-nan") sets the sign, so do we.
    const sameBits = Number.isNaN(r.value)
      ? Number.isNaN(bitsToDouble(BigInt("0x" + bits)))
      : gotBits === bits;
    if (!sameBits || r.end - p !== Number(end) || r.overflow !== (errno === "34")) {
      bad.push(
        `${JSON.stringify(s)}: want ${bits} ${end} ${errno} got ${gotBits} ${
          r.end - p
        } ${r.overflow}`,
      );
    }
  });
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} of ${inputs.length} differ`);
  console.log(`strtod: ${inputs.length} cases match glibc`);
});

// ---- string and memory functions (C17 7.24) ------------------------------------

Deno.test("string functions on guest memory follow C17 7.24", () => {
  const { mem, alloc } = guest();
  const str = (s: string) => {
    const p = alloc(s.length + 8);
    C.writeCString(mem, p, s);
    return p;
  };
  const text = (p: number) => C.readCStringText(mem, p);
  const a = str("hello"), b = str("help"), e = str("");
  assert.equal(C.strlen(mem, a), 5);
  assert.equal(C.strlen(mem, e), 0);
  assert.equal(C.strnlen(mem, a, 3), 3);
  assert.ok(C.strcmp(mem, a, b) < 0 && C.strcmp(mem, b, a) > 0 && C.strcmp(mem, a, a) === 0);
  assert.equal(C.strncmp(mem, a, b, 3), 0);
  assert.ok(C.strcmp(mem, str("\xff"), str("a")) > 0, "compares as unsigned char");
  assert.equal(C.strcasecmp(mem, str("HeLLo"), a), 0);
  assert.equal(C.strncasecmp(mem, str("HELx"), str("hely"), 3), 0);
  const d = alloc(32);
  assert.equal(C.strcpy(mem, d, a), d);
  assert.equal(text(d), "hello");
  assert.equal(C.strcat(mem, d, b), d);
  assert.equal(text(d), "hellohelp");
  C.strncat(mem, d, str("XYZ"), 2);
  assert.equal(text(d), "hellohelpXY");
  // strncpy pads with NULs to n, and adds no NUL when the source is n bytes or longer.
  mem.fill(d, 16, 0x2a);
  C.strncpy(mem, d, str("ab"), 6);
  assert.deepEqual(Array.from(mem.read(d, 8)), [0x61, 0x62, 0, 0, 0, 0, 0x2a, 0x2a]);
  C.strncpy(mem, d, a, 3);
  assert.deepEqual(Array.from(mem.read(d, 4)), [0x68, 0x65, 0x6c, 0]);
  assert.equal(C.strchr(mem, a, 0x6c), a + 2);
  assert.equal(C.strchr(mem, a, 0), a + 5);
  assert.equal(C.strchr(mem, a, 0x7a), 0);
  assert.equal(C.strchr(mem, a, 0x16c), a + 2, "c is converted to char");
  assert.equal(C.strrchr(mem, a, 0x6c), a + 3);
  assert.equal(C.strrchr(mem, a, 0), a + 5);
  assert.equal(C.strstr(mem, a, str("llo")), a + 2);
  assert.equal(C.strstr(mem, a, e), a);
  assert.equal(C.strstr(mem, a, str("lol")), 0);
  assert.equal(C.strspn(mem, str("aab!"), str("ab")), 3);
  assert.equal(C.strcspn(mem, str("ab,c"), str(",;")), 2);
  const pb = str("ab;c");
  assert.equal(C.strpbrk(mem, pb, str(",;")), pb + 2);
  assert.equal(C.strpbrk(mem, pb, str("xyz")), 0);
  // memmove with overlap in both directions; memcpy, memset, memcmp, memchr.
  const m = str("abcdef");
  C.memmove(mem, m + 1, m, 4);
  assert.equal(text(m), "aabcdf");
  C.memmove(mem, m, m + 2, 4);
  assert.equal(text(m), "bcdfdf");
  assert.equal(C.memset(mem, m, 0x141, 2), m);
  assert.equal(text(m), "AAdfdf");
  C.memcpy(mem, d, m, 7);
  assert.equal(text(d), "AAdfdf");
  assert.equal(C.memcmp(mem, d, m, 6), 0);
  mem.writeU8(d + 5, 0x80);
  assert.ok(C.memcmp(mem, d, m, 6) > 0, "memcmp compares unsigned bytes");
  assert.equal(C.memcmp(mem, d, m, 0), 0);
  assert.equal(C.memchr(mem, m, 0x66, 6), m + 3);
  assert.equal(C.memchr(mem, m, 0x66, 3), 0);
  // Faults: unmapped memory raises GuestFault like a guest access.
  assert.throws(() => C.strlen(mem, 0x5000_0000), GuestFault);
  const edge = 0x10_0000 + (8 << 20) - 2;
  mem.write(edge, enc.encode("zz"));
  assert.throws(() => C.strlen(mem, edge), GuestFault, "no NUL before the end of the mapping");
  assert.throws(() => C.memset(mem, edge, 0, 3), GuestFault);
  // Wide strings and text decoding.
  const w = alloc(32);
  C.writeWString(mem, w, "w\u00e9\u{1f600}");
  assert.equal(C.readWString(mem, w), "w\u00e9\u{1f600}");
  assert.equal(C.readWString(mem, w, 2), "w\u00e9");
  C.writeCString(mem, d, Uint8Array.of(0x63, 0xe9));
  assert.equal(C.readCStringText(mem, d), "c\u00e9", "invalid UTF-8 decodes as Latin-1");
  // Wide strings (C17 7.29.4), 2- and 4-byte wchar_t.
  const w1 = alloc(32), w2 = alloc(32), w3 = alloc(64);
  C.writeWString(mem, w1, "ab");
  C.writeWString(mem, w2, "ac\u00e9");
  assert.equal(C.wcslen(mem, w2, 2), 3);
  assert.ok(C.wcscmp(mem, w1, w2, 2) < 0 && C.wcscmp(mem, w2, w1, 2) > 0);
  assert.equal(C.wcsncmp(mem, w1, w2, 1, 2), 0);
  C.wcscpy(mem, w3, w1, 2);
  C.wcscat(mem, w3, w2, 2);
  assert.equal(C.readWString(mem, w3), "abac\u00e9");
  assert.equal(C.wcschr(mem, w3, 0xe9, 2), w3 + 8);
  assert.equal(C.wcschr(mem, w3, 0, 2), w3 + 10);
  assert.equal(C.wcschr(mem, w3, 0x7a, 2), 0);
  const u = alloc(32);
  [0x61, 0x1f600, 0].forEach((c, i) => mem.writeU32(u + 4 * i, c));
  assert.equal(C.wcslen(mem, u, 4), 2);
  assert.equal(C.wcschr(mem, u, 0x1f600, 4), u + 4);
  assert.equal(C.readW32String(mem, u), "a\u{1f600}");
  // Storing printf output: C17 7.21.6.5 (snprintf) and Microsoft's _snprintf contract.
  const buf = alloc(16);
  const hello = enc.encode("hello");
  mem.fill(buf, 8, 0x2a);
  assert.equal(C.storeFormatted(mem, buf, 4, hello, "snprintf"), 5);
  assert.deepEqual(Array.from(mem.read(buf, 5)), [0x68, 0x65, 0x6c, 0, 0x2a]);
  assert.equal(C.storeFormatted(mem, buf, 0, hello, "snprintf"), 5);
  mem.fill(buf, 8, 0x2a);
  assert.equal(C.storeFormatted(mem, buf, 4, hello, "_snprintf"), -1);
  assert.deepEqual(Array.from(mem.read(buf, 5)), [0x68, 0x65, 0x6c, 0x6c, 0x2a]);
  mem.fill(buf, 8, 0x2a);
  assert.equal(C.storeFormatted(mem, buf, 5, hello, "_snprintf"), 5);
  assert.deepEqual(Array.from(mem.read(buf, 6)), [0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x2a]);
  assert.equal(C.storeFormatted(mem, buf, 6, hello, "_snprintf"), 5);
  assert.equal(mem.readU8(buf + 5), 0);
  assert.equal(C.storeFormatted(mem, buf, 0, hello, "sprintf"), 5);
  assert.equal(text(buf), "hello");
  // ctype, "C" locale (C17 7.4.1).
  const all = Array.from({ length: 256 }, (_, c) => c);
  assert.equal(all.filter((c) => C.isspace(mem, c)).length, 6);
  assert.equal(all.filter((c) => C.isalpha(mem, c)).length, 52);
  assert.equal(all.filter((c) => C.ispunct(mem, c)).length, 32);
  assert.equal(all.filter((c) => C.isprint(mem, c)).length, 95);
  assert.equal(all.filter((c) => C.iscntrl(mem, c)).length, 33);
  assert.equal(all.filter((c) => C.isxdigit(mem, c)).length, 22);
  assert.equal(C.toupper(mem, 0x61), 0x41);
  assert.equal(C.CSTRING_FUNCS.strlen(mem, a), 5);
  assert.equal(C.CSTRING_FUNCS._stricmp(mem, str("ABC"), str("abd")), -1);
  assert.equal(C.toupper(mem, 0xe9), 0xe9);
  assert.equal(C.tolower(mem, 0x5a), 0x7a);
  // strdup through the heap.
  const heap = new GuestHeap(mem, (n) => mem.mmap(0, n, PF_R | PF_W, 0x22));
  const dup = C.strdup(mem, heap, a);
  assert.equal(text(dup), "hello");
  assert.equal(heap.size(dup), 6);
  assert.equal(text(C.strndup(mem, heap, a, 2)), "he");
});

// ---- heap ---------------------------------------------------------------------

Deno.test("GuestHeap: randomized stress against a JS model", () => {
  const mem = new AddressSpace({ maxMemory: 256 << 20 });
  let grows = 0;
  const heap = new GuestHeap(mem, (n) => {
    grows++;
    return mem.mmap(0, n, PF_R | PF_W, 0x22);
  });
  const next = rng(0x4ea9n);
  const rnd = (n: number) => Number(next() % BigInt(n));
  const live = new Map<number, { size: number; seed: number }>();
  const fillPattern = (p: number, size: number, seed: number) => {
    const b = new Uint8Array(size);
    for (let i = 0; i < size; i++) b[i] = (seed + i * 7) & 0xff;
    if (size) mem.write(p, b);
  };
  const checkPattern = (p: number, size: number, seed: number) => {
    const b = size ? mem.read(p, size) : new Uint8Array();
    for (let i = 0; i < size; i++) {
      if (b[i] !== ((seed + i * 7) & 0xff)) {
        assert.fail(`block 0x${p.toString(16)} byte ${i} corrupted`);
      }
    }
  };
  const sizeOf = () =>
    [rnd(24), rnd(200), rnd(5000), rnd(70000)][rnd(16) < 10 ? 0 + rnd(2) : rnd(16) < 14 ? 2 : 3];
  for (let step = 0; step < 6000; step++) {
    const op = rnd(10);
    const keys = [...live.keys()];
    if (op < 4 || keys.length === 0) {
      const size = sizeOf();
      const p = op === 0 ? heap.calloc(size, 1) : heap.malloc(size);
      assert.ok(p !== 0 && p % 16 === 0, "16-byte aligned");
      if (op === 0) assert.ok(mem.read(p, size).every((x) => x === 0), "calloc zeroes");
      const seed = rnd(256);
      fillPattern(p, size, seed);
      live.set(p, { size, seed });
    } else if (op < 7) {
      const p = keys[rnd(keys.length)];
      const blk = live.get(p)!;
      checkPattern(p, blk.size, blk.seed);
      heap.free(p);
      live.delete(p);
    } else {
      const p = keys[rnd(keys.length)];
      const blk = live.get(p)!;
      const size = sizeOf() + 1;
      const q = heap.realloc(p, size);
      assert.ok(q !== 0 && q % 16 === 0);
      live.delete(p);
      checkPattern(q, Math.min(blk.size, size), blk.seed);
      const seed = rnd(256);
      fillPattern(q, size, seed);
      live.set(q, { size, seed });
    }
    if (step % 500 === 0 || step === 5999) {
      // No two live blocks overlap; every block's bytes are intact; sizes are right.
      const blocks = [...live.entries()].sort((x, y) => x[0] - y[0]);
      for (let i = 0; i + 1 < blocks.length; i++) {
        assert.ok(blocks[i][0] + Math.max(blocks[i][1].size, 1) <= blocks[i + 1][0], "no overlap");
      }
      for (const [p, { size, seed }] of blocks) {
        checkPattern(p, size, seed);
        assert.equal(heap.size(p), size);
        assert.ok(heap.usableSize(p) >= size);
      }
    }
  }
  for (const p of [...live.keys()]) heap.free(p);
  assert.equal(heap.inUse(), 0);
  // Everything coalesced: a block as large as the biggest arena fits without growing.
  const before = grows;
  const big = heap.malloc(1 << 20);
  assert.ok(big !== 0);
  assert.equal(grows, before, "freed memory coalesced and is reused");
});

Deno.test("GuestHeap: free(0), double free, bad pointers, exhaustion", () => {
  const mem = new AddressSpace({ maxMemory: 8 << 20 });
  const heap = new GuestHeap(mem, (n) => {
    const p = mem.mmap(0, n, PF_R | PF_W, 0x22);
    return p < 0 ? -1 : p;
  });
  heap.free(0);
  const p = heap.malloc(10);
  assert.equal(heap.realloc(0, 5) !== 0, true, "realloc(NULL, n) is malloc");
  assert.throws(
    () => heap.free(p + 8),
    (e: unknown) => e instanceof HeapError && e.kind === "invalid-pointer",
  );
  heap.free(p);
  assert.throws(
    () => heap.free(p),
    (e: unknown) => e instanceof HeapError && e.kind === "double-free" && e.addr === p,
  );
  assert.throws(() => heap.realloc(p, 20), HeapError);
  assert.throws(() => heap.size(12345), HeapError);
  const q = heap.malloc(100);
  assert.equal(heap.realloc(q, 0), 0, "realloc(p, 0) frees");
  assert.equal(heap.owns(q), false);
  assert.equal(heap.malloc(64 << 20), 0, "exhaustion gives NULL");
  assert.equal(heap.calloc(2 ** 40, 2 ** 20), 0, "calloc overflow gives NULL");
  const z1 = heap.malloc(0), z2 = heap.malloc(0);
  assert.ok(z1 !== 0 && z2 !== 0 && z1 !== z2, "malloc(0) gives unique pointers");
  // realloc grows in place into a free neighbour and keeps the contents.
  const r = heap.malloc(32);
  const after = heap.malloc(64);
  mem.write(r, enc.encode("0123456789abcdef0123456789abcdef"));
  heap.free(after);
  assert.equal(heap.realloc(r, 80), r);
  assert.equal(new TextDecoder().decode(mem.read(r, 32)), "0123456789abcdef0123456789abcdef");
});

// ---- math ---------------------------------------------------------------------

/** x > 0 finite as [m, e] with x = m * 2^e. */
function exactOf(x: number): [bigint, number] {
  const b = doubleToBits(x);
  const raw = Number(b >> 52n), frac = b & 0xf_ffff_ffff_ffffn;
  return raw === 0 ? [frac, -1074] : [frac | (1n << 52n), raw - 1075];
}
function cmpExact([A, a]: [bigint, number], [B, b]: [bigint, number]): number {
  const e = Math.min(a, b);
  const l = A << BigInt(a - e), r = B << BigInt(b - e);
  return l < r ? -1 : l > r ? 1 : 0;
}
function addExact([A, a]: [bigint, number], [B, b]: [bigint, number]): [bigint, number] {
  const e = Math.min(a, b);
  return [(A << BigInt(a - e)) + (B << BigInt(b - e)), e];
}
const powExact = ([A, a]: [bigint, number], k: number): [bigint, number] => [A ** BigInt(k), a * k];
/**
 * True when r > 0 is the double nearest to t^(1/k), where t is given exactly:
 * t lies between the k-th powers of the midpoints to r's neighbours.
 */
function correctlyRoundedRoot(r: number, t: [bigint, number], k: number): boolean {
  const rx = exactOf(r);
  const lo = addExact(rx, exactOf(nextDown(r))), hi = addExact(rx, exactOf(nextUp(r)));
  const half = (v: [bigint, number]): [bigint, number] => [v[0], v[1] - 1];
  return cmpExact(powExact(half(lo), k), t) <= 0 && cmpExact(t, powExact(half(hi), k)) <= 0;
}
const nextUp = (x: number) => bitsToDouble(doubleToBits(x) + 1n);
const nextDown = (x: number) => bitsToDouble(doubleToBits(x) - 1n);

Deno.test("math: cbrt and hypot are correctly rounded (exact check)", () => {
  const next = rng(0xcb7n);
  let n = 0;
  for (let i = 0; i < 400; i++) {
    const x = Math.abs(bitsToDouble(next() & 0x7fef_ffff_ffff_ffffn)) || 1;
    assert.ok(correctlyRoundedRoot(MATH1.cbrt(x), exactOf(x), 3), `cbrt(${x})`);
    // The check itself can fail: the neighbours of the right answer are rejected.
    assert.ok(!correctlyRoundedRoot(nextUp(MATH1.cbrt(x)), exactOf(x), 3));
    assert.ok(!correctlyRoundedRoot(nextDown(MATH1.cbrt(x)), exactOf(x), 3));
    assert.equal(MATH1.cbrt(-x), -MATH1.cbrt(x));
    const y = i % 2
      ? x * (Number(next() % 1000n) + 1) / 7
      : bitsToDouble(next() & 0x5fef_ffff_ffff_ffffn) || 1;
    const xs = i % 3 ? x : Math.min(x, 1e150);
    const ys = Math.min(y, 1e150);
    const h = MATH2.hypot(xs, ys);
    if (Number.isFinite(h)) {
      const t = addExact(powExact(exactOf(xs), 2), powExact(exactOf(ys), 2));
      assert.ok(correctlyRoundedRoot(h, t, 2), `hypot(${xs}, ${ys}) = ${h}`);
      n++;
    }
  }
  assert.ok(n > 300);
  assert.equal(MATH1.cbrt(-27), -3);
  assert.equal(MATH2.hypot(3, 4), 5);
  assert.equal(MATH2.hypot(NaN, -Infinity), Infinity);
  assert.equal(MATH2.hypot(5e-324, 5e-324), 5e-324 * 1, "sqrt(2)*2^-1074 rounds to 2^-1074");
});

/**
 * Functions where glibc 2.36 itself is further than 1 ulp from the true value
 * and we are closer (checked with 60-digit decimal arithmetic on the failing
 * samples, e.g. cbrt(212.494), sinh(0.92259)): cbrt (ours is correctly
 * rounded, verified exactly above) and sinh (V8's fdlibm). Allowed distance
 * to glibc's result, in ulps.
 */
const GLIBC_SLACK: Record<string, bigint> = { cbrt: 4n, sinh: 3n };

const EXACT = new Set([
  "sqrt",
  "fabs",
  "floor",
  "ceil",
  "trunc",
  "round",
  "rint",
  "nearbyint",
  "logb",
  "fmod",
  "remainder",
  "drem",
  "fmin",
  "fmax",
  "fdim",
  "copysign",
  "nextafter",
]);

Deno.test("math: exact functions bit-identical to glibc, the rest within 1 ulp of it", async () => {
  const next = rng(0x3a7n);
  const specials = [
    0,
    -0,
    1,
    -1,
    0.5,
    -0.5,
    1.5,
    -1.5,
    2.5,
    -2.5,
    0.49999999999999994,
    3,
    1e-310,
    5e-324,
    Number.MAX_VALUE,
    Infinity,
    -Infinity,
    NaN,
    Math.PI,
    1e22,
    2 ** 52 + 0.5,
    710,
    -745,
  ];
  const xs: number[] = [...specials];
  for (let i = 0; i < 120; i++) {
    xs.push(bitsToDouble(next()));
    xs.push((Number(next() % 2000000n) - 1000000) / 1000);
    xs.push(Number(next() % 1000000n) / 1e6);
  }
  const cases: [string, number, number][] = [];
  for (const f of Object.keys(MATH1)) for (const x of xs) cases.push([f, x, 0]);
  const ys = [0, -0, 1, -1, 2, 0.5, 3, -3, Infinity, -Infinity, NaN, 1e-310, 7.25, 1e300];
  for (const f of Object.keys(MATH2)) {
    if (f === "ldexp" || f === "scalbn") continue;
    for (let i = 0; i < xs.length; i++) {
      cases.push([f, xs[i], i < specials.length * 2 ? ys[i % ys.length] : xs[(i * 7) % xs.length]]);
    }
    for (const x of specials) for (const y of ys) cases.push([f, x, y]);
  }
  const host = await runHost(
    cases.map(([f, x, y]) =>
      `M\t${f}\t${doubleToBits(x).toString(16)}\t${doubleToBits(y).toString(16)}`
    ),
  );
  const bad: string[] = [];
  let exactMatches = 0;
  cases.forEach(([f, x, y], i) => {
    const want = bitsToDouble(BigInt("0x" + host[i][0]));
    const got = f in MATH1 ? MATH1[f](x) : MATH2[f](x, y);
    const wb = doubleToBits(want), gb = doubleToBits(got);
    if (Number.isNaN(want) && Number.isNaN(got)) return void exactMatches++;
    if (wb === gb) return void exactMatches++;
    const ulps = wb >> 63n === gb >> 63n ? (wb > gb ? wb - gb : gb - wb) : 1n << 62n;
    if (EXACT.has(f) || ulps > (GLIBC_SLACK[f] ?? 1n)) {
      bad.push(`${f}(${x}, ${y}): want ${want} got ${got}`);
    }
  });
  const byFn = new Map<string, number>();
  for (const b of bad) byFn.set(b.split("(")[0], (byFn.get(b.split("(")[0]) ?? 0) + 1);
  assert.deepEqual(bad.slice(0, 40), [], `${bad.length} of ${cases.length} differ: ${[...byFn]}`);
  console.log(
    `math: ${cases.length} cases, ${exactMatches} bit-identical to glibc, the rest within tolerance`,
  );
});

Deno.test("math: ldexp, frexp, modf against exact expectations", async () => {
  const { ldexp, frexp, modf } = await import("../../src/os/crt/math.ts");
  assert.equal(ldexp(1, -1074), 5e-324);
  assert.equal(ldexp(1, -1075), 0, "exact tie rounds to even (zero)");
  assert.equal(ldexp(3, -1076), 5e-324 * 1, "0.75 ulp rounds up to one ulp");
  assert.equal(ldexp(1.5, -1074), 1e-323, "1.5 ulp ties to 2 ulp");
  assert.equal(ldexp(Number.MAX_VALUE, -2098), 5e-324, "(2-2^-52)*2^-1075 rounds to 2^-1074");
  assert.equal(ldexp(1, 1024), Infinity);
  assert.equal(ldexp(0.75, 1024), 0.75 * 2 ** 1023 * 2);
  assert.equal(ldexp(2 ** -1074, 1074), 1);
  assert.deepEqual(frexp(8), [0.5, 4]);
  assert.deepEqual(frexp(-5e-324), [-0.5, -1073]);
  assert.deepEqual(frexp(0), [0, 0]);
  assert.deepEqual(modf(-3.25), [-3, -0.25]);
  assert.ok(Object.is(modf(-4)[1], -0));
  assert.ok(Object.is(MATH1.round(-0.4), -0));
  assert.equal(MATH2.pow(1, NaN), 1);
  assert.equal(MATH2.pow(NaN, 0), 1);
  assert.equal(MATH2.pow(-1, Infinity), 1);
});
