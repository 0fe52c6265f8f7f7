/**
 * msvcrt.dll (and the UCRT's api-ms-win-crt-* names, which share the table)
 * for Windows guests: start-up (__getmainargs, _initterm, _onexit, exit),
 * stdio over the Linux layer's descriptors (so files are resolved and
 * permission-checked by the sandbox; a denial sets errno to EACCES),
 * printf with Windows semantics (src/os/crt/format.ts, "msvcrt" flavor:
 * 32-bit long, %I64d, %ls wide), the heap (src/os/crt/heap.ts), strings,
 * strtol and friends, qsort/bsearch (guest comparators through callbacks),
 * time and double-precision math.
 *
 * Streams are unbuffered on output (each call is one write, so nothing is
 * lost at exit) and buffered on input. Text mode does not translate "\n" to
 * "\r\n": output is byte-identical to the same program on other systems.
 * @module
 */

import * as cs from "../crt/cstring.ts";
import { type FormatOptions, formatPrintf, type VaSource } from "../crt/format.ts";
import { HeapError } from "../crt/heap.ts";
import * as m from "../crt/math.ts";
import * as fs from "../linux/fs.ts";
import { PF_R, PF_W } from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import { heapOf } from "./heap_bridge.ts";
import { openPath, writeBytes } from "./kernel32.ts";
import {
  AT_FDCWD,
  type HostFn,
  type HostGen,
  hostPathOf,
  type HostValue,
  JUMPED,
  readA,
  readW,
  type Win64Args,
  type WinProcess,
  writeW,
} from "./process.ts";

const enc = new TextEncoder();
const FILE_SIZE = 48;
const EOF = -1;
const EBADF = 9, EINVAL = 22, ENOMEM = 12, ERANGE = 34;

/** The host side of one C stream. */
interface CFile {
  fd: number;
  eof: boolean;
  err: boolean;
  /** Read buffer: bytes [pos, len) not yet consumed. */
  buf: Uint8Array;
  pos: number;
  len: number;
  /** Guest address of the FILE. */
  addr: number;
}

/** CRT state of one guest. */
interface Crt {
  iob: number;
  files: Map<number, CFile>;
  errnoAddr: number;
  atexit: number[];
  argv: number;
  argc: number;
  envp: number;
  envIndex: Map<string, number>;
  randSeed: number;
  strerrorBuf: number;
}

function crt(w: WinProcess): Crt {
  let c = w.crt.msvcrt as Crt | undefined;
  if (c) return c;
  const iob = w.alloc(FILE_SIZE * 3);
  c = {
    iob,
    files: new Map(),
    errnoAddr: w.alloc(16),
    atexit: [],
    argv: 0,
    argc: 0,
    envp: 0,
    envIndex: new Map(),
    randSeed: 1,
    strerrorBuf: w.alloc(128),
  };
  for (let fd = 0; fd < 3; fd++) {
    const addr = iob + FILE_SIZE * fd;
    w.mem.writeU32(addr + 28, fd); // _file
    c.files.set(addr, newFile(fd, addr));
  }
  w.crt.msvcrt = c;
  return c;
}

function newFile(fd: number, addr: number): CFile {
  return { fd, eof: false, err: false, buf: new Uint8Array(4096), pos: 0, len: 0, addr };
}

function setErrno(w: WinProcess, e: number): void {
  w.mem.writeU32(crt(w).errnoAddr, e);
}

function file(w: WinProcess, p: number): CFile | undefined {
  return crt(w).files.get(p);
}

/** argv and the environment in guest memory (made once). */
function args(w: WinProcess): Crt {
  const c = crt(w);
  if (c.argv) return c;
  const argv = w.ctx.argv;
  c.argc = argv.length;
  c.argv = w.alloc(8 * (argv.length + 1));
  argv.forEach((s, i) => w.mem.writeU64(c.argv + 8 * i, w.allocString(s)));
  const env = w.env;
  c.envp = w.alloc(8 * (env.length + 1));
  env.forEach((s, i) => {
    const p = w.allocString(s);
    w.mem.writeU64(c.envp + 8 * i, p);
    const eq = s.indexOf("=");
    if (eq > 0) {
      c.envIndex.set(s.slice(0, eq).toUpperCase(), p + enc.encode(s.slice(0, eq + 1)).length);
    }
  });
  return c;
}

/** argv and the environment as UTF-16 strings (made once). */
function wideArgs(w: WinProcess): { argv: number; envp: number } {
  const argv = variable(w, "wargv", 8, (p) => {
    const list = w.ctx.argv;
    const arr = w.alloc(8 * (list.length + 1));
    list.forEach((s, i) => w.mem.writeU64(arr + 8 * i, w.allocWString(s)));
    w.mem.writeU64(p, arr);
  });
  const envp = variable(w, "wenviron", 8, (p) => {
    const list = w.env;
    const arr = w.alloc(8 * (list.length + 1));
    list.forEach((s, i) => w.mem.writeU64(arr + 8 * i, w.allocWString(s)));
    w.mem.writeU64(p, arr);
  });
  return { argv: w.mem.readU64(argv), envp: w.mem.readU64(envp) };
}

/** Compare two strings by UTF-16 code units, as wcscmp does: -1, 0 or 1. */
function wcmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A guest variable holding `value`, made once per name. */
function variable(w: WinProcess, name: string, size: number, init: (addr: number) => void): number {
  let a = w.cache.get("var:" + name);
  if (a === undefined) {
    a = w.alloc(size);
    init(a);
    w.cache.set("var:" + name, a);
  }
  return a;
}

// ---- printf --------------------------------------------------------------------------

/** Variadic arguments from argument position `first` of the call. */
function vaArgs(a: Win64Args, first: number): VaSource {
  let i = first;
  return {
    int32: () => Number(BigInt.asIntN(32, a.big(i++))),
    int64: () => a.big(i++),
    double: () => {
      const b = a.big(i++);
      const v = new DataView(new ArrayBuffer(8));
      v.setBigUint64(0, b, true);
      return v.getFloat64(0, true);
    },
    doubleBits: () => a.big(i++),
    ptr: () => Number(a.big(i++)),
  };
}

/** Arguments from a va_list (a pointer to consecutive 8-byte slots). */
function vaList(w: WinProcess, p: number): VaSource {
  return {
    int32: () => {
      const v = w.mem.readI32(p);
      p += 8;
      return v;
    },
    int64: () => {
      const v = w.mem.readBig(p);
      p += 8;
      return v;
    },
    double: () => {
      const v = w.mem.dv.getFloat64(w.mem.access(p, 8, 1), true);
      p += 8;
      return v;
    },
    doubleBits: () => {
      const v = w.mem.readBig(p);
      p += 8;
      return v;
    },
    ptr: () => {
      const v = w.mem.readU64(p);
      p += 8;
      return v;
    },
  };
}

/** msvcrt.dll's printf: 3-digit exponents, 1.#INF; the UCRT's: 2 digits, inf. */
function fmt(w: WinProcess, f: number, va: VaSource, ucrt = false): Uint8Array {
  const opts: FormatOptions = ucrt ? { exponentDigits: 2, legacyNonFinite: false } : {};
  return formatPrintf(w.mem, cs.readCString(w.mem, f), va, "msvcrt", 2, opts);
}

/** Write bytes to a C stream; returns the count or -1. */
function put(w: WinProcess, f: CFile | undefined, bytes: Uint8Array): number {
  if (!f) {
    setErrno(w, EBADF);
    return -1;
  }
  if (f.len - f.pos > 0) dropReadBuffer(w, f);
  const r = writeBytes(w, f.fd, bytes);
  if (r < 0) {
    f.err = true;
    setErrno(w, -r);
    return -1;
  }
  return r;
}

/** Store a formatted string in a buffer of `n` bytes (C99 snprintf): returns the full length. */
function storeN(w: WinProcess, buf: number, n: number, out: Uint8Array): number {
  if (n > 0) {
    const k = Math.min(out.length, n - 1);
    w.mem.write(buf, out.subarray(0, k));
    w.mem.writeU8(buf + k, 0);
  }
  return out.length;
}

/** _snprintf: no NUL and -1 when the text does not fit. */
function storeMs(w: WinProcess, buf: number, n: number, out: Uint8Array): number {
  if (out.length > n) {
    w.mem.write(buf, out.subarray(0, n));
    return -1;
  }
  w.mem.write(buf, out);
  if (out.length < n) w.mem.writeU8(buf + out.length, 0);
  return out.length;
}

function storeAll(w: WinProcess, buf: number, out: Uint8Array): number {
  w.mem.write(buf, out);
  w.mem.writeU8(buf + out.length, 0);
  return out.length;
}

// ---- input ------------------------------------------------------------------------------

/** The unread bytes of the read buffer go back to the file position. */
function dropReadBuffer(w: WinProcess, f: CFile): void {
  const unread = f.len - f.pos;
  if (unread > 0) w.linuxSync(fs.sysLseek, f.fd, -unread, 1);
  f.pos = f.len = 0;
}

/** Refill the read buffer; false at end of file or on error. */
function fill(w: WinProcess, f: CFile): boolean | Promise<boolean> {
  const r = w.linux(fs.sysRead, f.fd, w.scratch, 4096);
  const done = (n: number): boolean => {
    if (n < 0) {
      f.err = true;
      setErrno(w, -n);
      return false;
    }
    if (n === 0) {
      f.eof = true;
      return false;
    }
    f.buf.set(w.mem.read(w.scratch, n));
    f.pos = 0;
    f.len = n;
    return true;
  };
  return typeof r === "number" ? done(r) : r.then(done);
}

/** Run a reader that may need to refill (which may wait for stdin). */
function reading<T>(w: WinProcess, f: CFile, step: () => T | null, end: () => T): T | Promise<T> {
  for (;;) {
    const v = step();
    if (v !== null) return v;
    const ok = fill(w, f);
    if (typeof ok !== "boolean") {
      return ok.then((more) => (more ? reading(w, f, step, end) : end()));
    }
    if (!ok) return end();
  }
}

function getc(w: WinProcess, f: CFile | undefined): number | Promise<number> {
  if (!f) return EOF;
  return reading(w, f, () => (f.pos < f.len ? f.buf[f.pos++] : null), () => EOF);
}

function fgets(w: WinProcess, a: Win64Args): HostValue | Promise<HostValue> {
  const buf = a.n(0), n = a.i32(1), f = file(w, a.n(2));
  if (!f || n <= 0) return 0;
  const out: number[] = [];
  const step = (): number | null => {
    while (out.length < n - 1 && f.pos < f.len) {
      const c = f.buf[f.pos++];
      out.push(c);
      if (c === 10) break;
    }
    if (out.length >= n - 1 || out[out.length - 1] === 10) return finish();
    return null;
  };
  const finish = (): number => {
    if (out.length === 0) return 0;
    w.mem.write(buf, Uint8Array.from(out));
    w.mem.writeU8(buf + out.length, 0);
    return buf;
  };
  return reading(w, f, step, finish);
}

function fread(w: WinProcess, a: Win64Args): HostValue | Promise<HostValue> {
  const buf = a.n(0), size = a.n(1), count = a.n(2), f = file(w, a.n(3));
  const total = size * count;
  if (!f || total <= 0) return 0;
  let got = 0;
  const step = (): number | null => {
    const k = Math.min(f.len - f.pos, total - got);
    if (k > 0) {
      w.mem.write(buf + got, f.buf.subarray(f.pos, f.pos + k));
      f.pos += k;
      got += k;
    }
    return got >= total ? Math.floor(got / size) : null;
  };
  return reading(w, f, step, () => Math.floor(got / size));
}

// ---- files -----------------------------------------------------------------------------

function fopen(w: WinProcess, path: string, mode: string): number {
  const plus = mode.includes("+");
  let flags: number;
  switch (mode[0]) {
    case "r":
      flags = plus ? 2 : 0;
      break;
    case "w":
      flags = (plus ? 2 : 1) | 0x40 | 0x200;
      break;
    case "a":
      flags = (plus ? 2 : 1) | 0x40 | 0x400;
      break;
    default:
      setErrno(w, EINVAL);
      return 0;
  }
  const fd = openPath(w, path, flags);
  if (fd < 0) {
    setErrno(w, -fd);
    return 0;
  }
  const addr = heapOf(w).calloc(1, FILE_SIZE);
  w.mem.writeU32(addr + 28, fd);
  crt(w).files.set(addr, newFile(fd, addr));
  return addr;
}

function fclose(w: WinProcess, p: number): number {
  const c = crt(w);
  const f = c.files.get(p);
  if (!f) {
    setErrno(w, EBADF);
    return EOF;
  }
  c.files.delete(p);
  const r = w.linuxSync(fs.sysClose, f.fd);
  if (p < c.iob || p >= c.iob + 3 * FILE_SIZE) heapOf(w).free(p);
  return r < 0 ? EOF : 0;
}

function fseek(w: WinProcess, f: CFile | undefined, off: number, whence: number): number {
  if (!f) return -1;
  if (whence === 1) off -= f.len - f.pos;
  f.pos = f.len = 0;
  const r = w.linuxSync(fs.sysLseek, f.fd, off, whence);
  if (r < 0) {
    setErrno(w, -r);
    return -1;
  }
  f.eof = false;
  return 0;
}

function ftell(w: WinProcess, f: CFile | undefined): number {
  if (!f) return -1;
  const r = w.linuxSync(fs.sysLseek, f.fd, 0, 1);
  if (r < 0) {
    setErrno(w, -r);
    return -1;
  }
  return r - (f.len - f.pos);
}

// ---- start-up and exit ----------------------------------------------------------------------

function* initterm(w: WinProcess, a: Win64Args, stopOnError: boolean): HostGen {
  const end = a.n(1);
  for (let p = a.n(0); p < end; p += 8) {
    const fn = w.mem.readU64(p);
    if (!fn) continue;
    const r = yield { call: fn, args: [] };
    if (stopOnError && (r | 0) !== 0) return r | 0;
  }
  return 0;
}

function* runAtexit(w: WinProcess): Generator<{ call: number; args: number[] }, void, number> {
  const list = crt(w).atexit;
  while (list.length > 0) {
    const fn = list.pop()!;
    yield { call: fn, args: [] };
  }
}

function* exitGen(w: WinProcess, code: number): HostGen {
  yield* runAtexit(w);
  yield* w.exitProcess(code);
}

function abort(w: WinProcess): void {
  w.proc.stdio.error.write(enc.encode("\nabnormal program termination\n"));
  w.exit(3);
}

// ---- sorting -----------------------------------------------------------------------------------

/** Stable merge sort of `n` elements of `size` bytes with a guest comparator. */
function* qsortGen(w: WinProcess, base: number, n: number, size: number, cmp: number): HostGen {
  if (n < 2 || size <= 0) return;
  if (!w.mem.check(base, n * size, PF_R | PF_W)) throw new GuestFault("SIGSEGV", -1, base, "write");
  let idx = Array.from({ length: n }, (_, i) => i);
  let tmp = new Array<number>(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const r = yield { call: cmp, args: [base + idx[i] * size, base + idx[j] * size] };
        if ((r | 0) <= 0) tmp[k++] = idx[i++];
        else tmp[k++] = idx[j++];
      }
      while (i < mid) tmp[k++] = idx[i++];
      while (j < hi) tmp[k++] = idx[j++];
    }
    [idx, tmp] = [tmp, idx];
  }
  const copy = w.mem.read(base, n * size).slice();
  const out = new Uint8Array(n * size);
  for (let k = 0; k < n; k++) out.set(copy.subarray(idx[k] * size, idx[k] * size + size), k * size);
  w.mem.write(base, out);
}

function* bsearchGen(_w: WinProcess, a: Win64Args): HostGen {
  const key = a.n(0), base = a.n(1), size = a.n(3), cmp = a.n(4);
  let lo = 0, hi = a.n(2) - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const r = (yield { call: cmp, args: [key, base + mid * size] }) | 0;
    if (r === 0) return base + mid * size;
    if (r < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return 0;
}

// ---- setjmp / longjmp (the x64 _JUMP_BUFFER layout) ----------------------------------------

/** Non-volatile registers in _JUMP_BUFFER order after Frame: rbx, rsp, rbp, rsi, rdi, r12-r15. */
const JB_REGS = [3, 4, 5, 6, 7, 12, 13, 14, 15];

function setjmp(w: WinProcess, a: Win64Args): HostValue {
  const buf = a.n(0), cpu = w.cpu, mem = w.mem;
  mem.writeU64(buf, a.n(1)); // Frame
  JB_REGS.forEach((r, i) => {
    const v = r === 4
      ? BigInt(a.sp + 8)
      : (BigInt(cpu.x[2 * r + 1] >>> 0) << 32n) | BigInt(cpu.x[2 * r] >>> 0);
    mem.writeBig(buf + 8 + 8 * i, v);
  });
  mem.writeU64(buf + 80, mem.readU64(a.sp)); // Rip: the return address
  mem.writeU32(buf + 88, cpu.mxcsr);
  mem.writeU16(buf + 92, cpu.fcw);
  for (let i = 0; i < 10; i++) {
    mem.write(buf + 96 + 16 * i, cpu.xb.subarray((6 + i) * 16, (7 + i) * 16));
  }
  return 0;
}

function longjmp(w: WinProcess, a: Win64Args): HostValue {
  const buf = a.n(0), val = a.i32(1), cpu = w.cpu, mem = w.mem;
  JB_REGS.forEach((r, i) => {
    const v = mem.readBig(buf + 8 + 8 * i);
    cpu.x[2 * r] = Number(BigInt.asIntN(32, v));
    cpu.x[2 * r + 1] = Number(BigInt.asIntN(32, v >> 32n));
  });
  cpu.mxcsr = mem.readU32(buf + 88);
  cpu.fcw = mem.readU16(buf + 92);
  for (let i = 0; i < 10; i++) cpu.xb.set(mem.read(buf + 96 + 16 * i, 16), (6 + i) * 16);
  cpu.pc = mem.readU64(buf + 80);
  w.setResult(val === 0 ? 1 : val);
  w.dropFramesBelow(w.sp);
  return JUMPED;
}

// ---- helpers for the table ----------------------------------------------------------------------

const STRERROR: Record<number, string> = {
  0: "No error",
  1: "Operation not permitted",
  2: "No such file or directory",
  3: "No such process",
  4: "Interrupted function call",
  5: "Input/output error",
  9: "Bad file descriptor",
  12: "Not enough space",
  13: "Permission denied",
  17: "File exists",
  20: "Not a directory",
  21: "Is a directory",
  22: "Invalid argument",
  24: "Too many open files",
  28: "No space left on device",
  33: "Domain error",
  34: "Result too large",
};

function heapCall<T>(w: WinProcess, f: () => T): T | void {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof HeapError)) throw e;
    w.proc.stdio.error.write(enc.encode(`kitemu: ${e.message}\n`));
    w.exit(3);
  }
}

function strtoInt(
  conv: (
    mem: WinProcess["mem"],
    s: number,
    base: number,
    out?: (e: number) => void,
  ) => cs.StrtolResult,
): HostFn {
  return (w, a) => {
    const r = conv(w.mem, a.n(0), a.i32(2));
    if (a.n(1)) w.mem.writeU64(a.n(1), r.end);
    if (r.overflow) setErrno(w, ERANGE);
    if (r.invalid) setErrno(w, EINVAL);
    return r.value;
  };
}

const f64 = (v: number): HostValue => ({ f64: v });
const NOTHING: HostFn = () => {};
const ZERO: HostFn = () => 0;

/** One-argument and two-argument double functions from src/os/crt/math.ts. */
const MATH: Record<string, HostFn> = {};
for (const [name, fn] of Object.entries(m.MATH1)) MATH[name] = (_w, a) => f64(fn(a.f64(0)));
for (const [name, fn] of Object.entries(m.MATH2)) {
  MATH[name] = (_w, a) => f64(fn(a.f64(0), a.f64(1)));
}

const mem2 = (f: (mem: WinProcess["mem"], x: number, y: number) => number): HostFn => (w, a) =>
  f(w.mem, a.n(0), a.n(1));
const mem3 =
  (f: (mem: WinProcess["mem"], x: number, y: number, z: number) => number): HostFn => (w, a) =>
    f(w.mem, a.n(0), a.n(1), a.n(2));
const ch = (f: (mem: WinProcess["mem"], c: number) => number): HostFn => (w, a) =>
  f(w.mem, a.i32(0));

/** msvcrt.dll functions. */
export const MSVCRT: Record<string, HostFn> = {
  ...MATH,
  // start-up
  __getmainargs: (w, a) => {
    const c = args(w);
    w.mem.writeU32(a.n(0), c.argc);
    w.mem.writeU64(a.n(1), c.argv);
    w.mem.writeU64(a.n(2), c.envp);
    return 0;
  },
  __wgetmainargs: (w, a) => {
    const c = wideArgs(w);
    w.mem.writeU32(a.n(0), w.ctx.argv.length);
    w.mem.writeU64(a.n(1), c.argv);
    w.mem.writeU64(a.n(2), c.envp);
    return 0;
  },
  __set_app_type: NOTHING,
  _set_app_type: NOTHING,
  __setusermatherr: NOTHING,
  _initterm: (w, a) => initterm(w, a, false),
  _initterm_e: (w, a) => initterm(w, a, true),
  __iob_func: (w) => crt(w).iob,
  __acrt_iob_func: (w, a) => crt(w).iob + FILE_SIZE * a.u32(0),
  __p___argc: (w) => variable(w, "argc", 8, (p) => w.mem.writeU32(p, args(w).argc)),
  __p___argv: (w) => variable(w, "argv", 8, (p) => w.mem.writeU64(p, args(w).argv)),
  __p__environ: (w) => variable(w, "environ", 8, (p) => w.mem.writeU64(p, args(w).envp)),
  __p__fmode: (w) => MSVCRT_DATA._fmode(w),
  __p__commode: (w) => MSVCRT_DATA._commode(w),
  _configure_narrow_argv: ZERO,
  _initialize_narrow_environment: ZERO,
  _set_fmode: ZERO,
  _configthreadlocale: ZERO,
  _set_new_mode: ZERO,
  _set_invalid_parameter_handler: ZERO,
  __p__acmdln: (w) => MSVCRT_DATA._acmdln(w),
  __p___wargv: (w) => (wideArgs(w), variable(w, "wargv", 8, () => {})),
  __p__wenviron: (w) => (wideArgs(w), variable(w, "wenviron", 8, () => {})),
  _configure_wide_argv: ZERO,
  _initialize_wide_environment: ZERO,
  _crt_at_quick_exit: ZERO,
  _lock_file: NOTHING,
  _unlock_file: NOTHING,
  __daylight: (w) => variable(w, "daylight", 8, () => {}),
  __timezone: (w) => variable(w, "timezone", 8, () => {}),
  __tzname: (w) =>
    variable(w, "tzname", 16, (p) => {
      w.mem.writeU64(p, w.allocString("UTC"));
      w.mem.writeU64(p + 8, w.allocString("UTC"));
    }),
  _tzset: NOTHING,
  mbrtowc: (w, a) => {
    // The "C" locale: each byte is one character.
    const s = a.n(1);
    if (!s) return 0;
    if (a.n(2) === 0) return -2;
    const c = w.mem.readU8(s);
    if (a.n(0)) w.mem.writeU16(a.n(0), c);
    return c === 0 ? 0 : 1;
  },
  wcrtomb: (w, a) => {
    const s = a.n(0), c = a.u32(1) & 0xffff;
    if (!s) return 1;
    if (c > 255) {
      setErrno(w, 42); // EILSEQ
      return -1;
    }
    w.mem.writeU8(s, c);
    return 1;
  },
  _onexit: (w, a) => {
    crt(w).atexit.push(a.n(0));
    return a.n(0);
  },
  atexit: (w, a) => {
    crt(w).atexit.push(a.n(0));
    return 0;
  },
  _crt_atexit: (w, a) => {
    crt(w).atexit.push(a.n(0));
    return 0;
  },
  exit: (w, a) => exitGen(w, a.i32(0)),
  _exit: (w, a) => w.exit(a.i32(0)),
  _Exit: (w, a) => w.exit(a.i32(0)),
  _cexit: (w) => runAtexit(w) as HostGen,
  _c_exit: NOTHING,
  _amsg_exit: (w) => {
    w.proc.stdio.error.write(enc.encode("runtime error\n"));
    w.exit(255);
  },
  abort: (w) => abort(w),
  signal: ZERO,
  raise: (w, a) => {
    if (a.i32(0) === 22) abort(w); // SIGABRT
    return 0;
  },
  _lock: NOTHING,
  _unlock: NOTHING,
  __C_specific_handler: () => 1, // ExceptionContinueSearch
  ___lc_codepage_func: ZERO,
  ___mb_cur_max_func: () => 1,
  __mb_cur_max: () => 1,
  localeconv: (w) =>
    variable(w, "lconv", 0x60, (p) => {
      const dot = w.allocString("."), empty = w.allocString("");
      for (let i = 0; i < 10; i++) w.mem.writeU64(p + 8 * i, i === 0 ? dot : empty);
      w.mem.fill(p + 80, 8, 127);
    }),
  setlocale: (w) => variable(w, "locale", 8, (p) => w.mem.write(p, enc.encode("C\0"))),
  _errno: (w) => crt(w).errnoAddr,
  strerror: (w, a) => {
    const c = crt(w);
    const s = STRERROR[a.i32(0)] ?? "Unknown error";
    cs.writeCString(w.mem, c.strerrorBuf, s);
    return c.strerrorBuf;
  },
  perror: (w, a) => {
    const e = w.mem.readI32(crt(w).errnoAddr);
    const prefix = a.n(0) ? readA(w.mem, a.n(0)) + ": " : "";
    put(
      w,
      file(w, crt(w).iob + 2 * FILE_SIZE),
      enc.encode(prefix + (STRERROR[e] ?? "Unknown error") + "\n"),
    );
  },
  getenv: (w, a) => args(w).envIndex.get(readA(w.mem, a.n(0)).toUpperCase()) ?? 0,

  // stdio
  printf: (w, a) => put(w, file(w, crt(w).iob + FILE_SIZE), fmt(w, a.n(0), vaArgs(a, 1))),
  vprintf: (w, a) => put(w, file(w, crt(w).iob + FILE_SIZE), fmt(w, a.n(0), vaList(w, a.n(1)))),
  fprintf: (w, a) => put(w, file(w, a.n(0)), fmt(w, a.n(1), vaArgs(a, 2))),
  vfprintf: (w, a) => put(w, file(w, a.n(0)), fmt(w, a.n(1), vaList(w, a.n(2)))),
  sprintf: (w, a) => storeAll(w, a.n(0), fmt(w, a.n(1), vaArgs(a, 2))),
  vsprintf: (w, a) => storeAll(w, a.n(0), fmt(w, a.n(1), vaList(w, a.n(2)))),
  snprintf: (w, a) => storeN(w, a.n(0), a.n(1), fmt(w, a.n(2), vaArgs(a, 3))),
  vsnprintf: (w, a) => storeN(w, a.n(0), a.n(1), fmt(w, a.n(2), vaList(w, a.n(3)))),
  _snprintf: (w, a) => storeMs(w, a.n(0), a.n(1), fmt(w, a.n(2), vaArgs(a, 3))),
  _vsnprintf: (w, a) => storeMs(w, a.n(0), a.n(1), fmt(w, a.n(2), vaList(w, a.n(3)))),
  _scprintf: (w, a) => fmt(w, a.n(0), vaArgs(a, 1)).length,
  _vscprintf: (w, a) => fmt(w, a.n(0), vaList(w, a.n(1))).length,
  __stdio_common_vfprintf: (w, a) =>
    put(w, file(w, a.n(1)), fmt(w, a.n(2), vaList(w, a.n(4)), true)),
  __stdio_common_vsprintf: (w, a) => {
    const out = fmt(w, a.n(3), vaList(w, a.n(5)), true);
    const buf = a.n(1), n = a.n(2);
    if (!buf) return out.length;
    if (a.big(0) & 2n) return storeN(w, buf, n, out); // standard snprintf behaviour
    const r = storeMs(w, buf, n, out);
    if (r < 0 && n > 0) w.mem.writeU8(buf + n - 1, 0);
    return r < 0 ? -2 : r;
  },
  fputc: (
    w,
    a,
  ) => (put(w, file(w, a.n(1)), Uint8Array.of(a.i32(0) & 255)) < 0 ? EOF : a.i32(0) & 255),
  putc: (
    w,
    a,
  ) => (put(w, file(w, a.n(1)), Uint8Array.of(a.i32(0) & 255)) < 0 ? EOF : a.i32(0) & 255),
  putchar: (
    w,
    a,
  ) => (put(w, file(w, crt(w).iob + FILE_SIZE), Uint8Array.of(a.i32(0) & 255)) < 0
    ? EOF
    : a.i32(0) & 255),
  fputs: (w, a) => (put(w, file(w, a.n(1)), cs.readCString(w.mem, a.n(0))) < 0 ? EOF : 0),
  puts: (w, a) => {
    const s = cs.readCString(w.mem, a.n(0));
    const b = new Uint8Array(s.length + 1);
    b.set(s);
    b[s.length] = 10;
    return put(w, file(w, crt(w).iob + FILE_SIZE), b) < 0 ? EOF : 0;
  },
  fwrite: (w, a) => {
    const size = a.n(1), count = a.n(2), f = file(w, a.n(3));
    if (size <= 0 || count <= 0) return 0;
    const r = put(w, f, w.mem.read(a.n(0), size * count));
    return r < 0 ? 0 : Math.floor(r / size);
  },
  fread,
  fgets,
  fgetc: (w, a) => getc(w, file(w, a.n(0))),
  getc: (w, a) => getc(w, file(w, a.n(0))),
  getchar: (w) => getc(w, file(w, crt(w).iob)),
  ungetc: (w, a) => {
    const f = file(w, a.n(1)), c = a.i32(0);
    if (!f || c === EOF) return EOF;
    if (f.pos > 0) f.buf[--f.pos] = c & 255;
    else {
      if (f.len >= f.buf.length) {
        const bigger = new Uint8Array(f.buf.length * 2);
        bigger.set(f.buf);
        f.buf = bigger;
      }
      f.buf.copyWithin(1, 0, f.len);
      f.buf[0] = c & 255;
      f.len++;
    }
    f.eof = false;
    return c & 255;
  },
  fopen: (w, a) => fopen(w, readA(w.mem, a.n(0)), readA(w.mem, a.n(1))),
  fclose: (w, a) => heapCall(w, () => fclose(w, a.n(0))) ?? EOF,
  fflush: ZERO,
  fseek: (w, a) => fseek(w, file(w, a.n(0)), a.i32(1), a.i32(2)),
  _fseeki64: (w, a) => fseek(w, file(w, a.n(0)), a.n(1), a.i32(2)),
  ftell: (w, a) => ftell(w, file(w, a.n(0))),
  _ftelli64: (w, a) => ftell(w, file(w, a.n(0))),
  rewind: (w, a) => {
    const f = file(w, a.n(0));
    fseek(w, f, 0, 0);
    if (f) f.err = false;
  },
  feof: (w, a) => (file(w, a.n(0))?.eof ? 1 : 0),
  ferror: (w, a) => (file(w, a.n(0))?.err ? 1 : 0),
  clearerr: (w, a) => {
    const f = file(w, a.n(0));
    if (f) f.eof = f.err = false;
  },
  setvbuf: ZERO,
  setbuf: NOTHING,
  _fileno: (w, a) => file(w, a.n(0))?.fd ?? -1,
  _isatty: (w, a) => (a.i32(0) <= 2 && w.proc.stdio.output.isTerminal?.() ? 1 : 0),
  _setmode: () => 0x4000, // _O_TEXT was the mode
  remove: (w, a) => {
    const r = w.linuxSync(
      fs.sysUnlinkat,
      AT_FDCWD,
      w.scratchPath(hostPathOf(readA(w.mem, a.n(0)))),
      0,
    );
    if (r < 0) setErrno(w, -r);
    return r < 0 ? -1 : 0;
  },
  _unlink: (w, a) => MSVCRT.remove(w, a) as number,
  rename: (w, a) => {
    const from = hostPathOf(readA(w.mem, a.n(0))), to = hostPathOf(readA(w.mem, a.n(1)));
    const p1 = w.scratchPath(from);
    const p2 = p1 + enc.encode(from).length + 1;
    cs.writeCString(w.mem, p2, to);
    const r = w.linuxSync(fs.sysRenameat, AT_FDCWD, p1, AT_FDCWD, p2);
    if (r < 0) setErrno(w, -r);
    return r < 0 ? -1 : 0;
  },
  _write: (w, a) => {
    const r = w.linux(fs.sysWrite, a.i32(0), a.n(1), a.u32(2));
    const done = (n: number) => (n < 0 ? (setErrno(w, -n), -1) : n);
    return typeof r === "number" ? done(r) : r.then(done);
  },
  _read: (w, a) => {
    const r = w.linux(fs.sysRead, a.i32(0), a.n(1), a.u32(2));
    const done = (n: number) => (n < 0 ? (setErrno(w, -n), -1) : n);
    return typeof r === "number" ? done(r) : r.then(done);
  },
  _close: (w, a) => {
    const r = w.linuxSync(fs.sysClose, a.i32(0));
    if (r < 0) setErrno(w, -r);
    return r < 0 ? -1 : 0;
  },
  _lseek: (w, a) => {
    const r = w.linuxSync(fs.sysLseek, a.i32(0), a.i32(1), a.i32(2));
    if (r < 0) setErrno(w, -r);
    return r < 0 ? -1 : r;
  },

  _setjmp: setjmp,
  _setjmpex: setjmp,
  setjmp: setjmp,
  longjmp: longjmp,

  // memory
  malloc: (w, a) => heapCall(w, () => heapOf(w).malloc(Math.max(1, a.n(0)))) ?? 0,
  calloc: (w, a) =>
    heapCall(w, () => heapOf(w).calloc(Math.max(1, a.n(0)), Math.max(1, a.n(1)))) ?? 0,
  realloc: (w, a) => {
    if (!a.n(0)) return heapCall(w, () => heapOf(w).malloc(Math.max(1, a.n(1)))) ?? 0;
    if (a.n(1) === 0) {
      heapCall(w, () => heapOf(w).free(a.n(0)));
      return 0;
    }
    const p = heapCall(w, () => heapOf(w).realloc(a.n(0), a.n(1))) ?? 0;
    if (!p) setErrno(w, ENOMEM);
    return p;
  },
  free: (w, a) => {
    if (a.n(0)) heapCall(w, () => heapOf(w).free(a.n(0)));
  },
  _msize: (w, a) => heapCall(w, () => heapOf(w).size(a.n(0))) ?? 0,

  // strings
  memcpy: mem3(cs.memcpy),
  memmove: mem3(cs.memmove),
  memset: (w, a) => cs.memset(w.mem, a.n(0), a.i32(1), a.n(2)),
  memcmp: mem3(cs.memcmp),
  memchr: (w, a) => cs.memchr(w.mem, a.n(0), a.i32(1), a.n(2)),
  strlen: (w, a) => cs.strlen(w.mem, a.n(0)),
  strnlen: mem2(cs.strnlen),
  strcmp: mem2(cs.strcmp),
  strncmp: mem3(cs.strncmp),
  _stricmp: mem2(cs.strcasecmp),
  _strnicmp: mem3(cs.strncasecmp),
  strcpy: mem2(cs.strcpy),
  strncpy: mem3(cs.strncpy),
  strcat: mem2(cs.strcat),
  strncat: mem3(cs.strncat),
  strchr: (w, a) => cs.strchr(w.mem, a.n(0), a.i32(1)),
  strrchr: (w, a) => cs.strrchr(w.mem, a.n(0), a.i32(1)),
  strstr: mem2(cs.strstr),
  strspn: mem2(cs.strspn),
  strcspn: mem2(cs.strcspn),
  strpbrk: mem2(cs.strpbrk),
  strdup: (w, a) => heapCall(w, () => cs.strdup(w.mem, heapOf(w), a.n(0))) ?? 0,
  _strdup: (w, a) => heapCall(w, () => cs.strdup(w.mem, heapOf(w), a.n(0))) ?? 0,
  wcscmp: (w, a) => wcmp(readW(w.mem, a.n(0), 1 << 30), readW(w.mem, a.n(1), 1 << 30)),
  wcsncmp: (w, a) =>
    wcmp(
      readW(w.mem, a.n(0), a.n(2)).slice(0, a.n(2)),
      readW(w.mem, a.n(1), a.n(2)).slice(0, a.n(2)),
    ),
  _wcsicmp: (w, a) =>
    wcmp(readW(w.mem, a.n(0), 1 << 30).toLowerCase(), readW(w.mem, a.n(1), 1 << 30).toLowerCase()),
  wcscpy: (w, a) => (writeW(w.mem, a.n(0), readW(w.mem, a.n(1), 1 << 30)), a.n(0)),
  wcscat: (w, a) => {
    const d = readW(w.mem, a.n(0), 1 << 30);
    writeW(w.mem, a.n(0) + 2 * d.length, readW(w.mem, a.n(1), 1 << 30));
    return a.n(0);
  },
  wcschr: (w, a) => {
    const c = a.u32(1) & 0xffff;
    for (let p = a.n(0);; p += 2) {
      const x = w.mem.readU16(p);
      if (x === c) return p;
      if (x === 0) return 0;
    }
  },
  wcsrchr: (w, a) => {
    const c = a.u32(1) & 0xffff;
    let found = 0;
    for (let p = a.n(0);; p += 2) {
      const x = w.mem.readU16(p);
      if (x === c) found = p;
      if (x === 0) return found;
    }
  },
  wcsstr: (w, a) => {
    const i = readW(w.mem, a.n(0), 1 << 30).indexOf(readW(w.mem, a.n(1), 1 << 30));
    return i < 0 ? 0 : a.n(0) + 2 * i;
  },
  _wcsdup: (w, a) => {
    const s = readW(w.mem, a.n(0), 1 << 30);
    const p = heapCall(w, () => heapOf(w).malloc(2 * s.length + 2)) ?? 0;
    if (p) writeW(w.mem, p, s);
    return p;
  },
  towupper: (_w, a) => String.fromCharCode(a.u32(0) & 0xffff).toUpperCase().charCodeAt(0),
  towlower: (_w, a) => String.fromCharCode(a.u32(0) & 0xffff).toLowerCase().charCodeAt(0),
  wcslen: (w, a) => {
    let n = 0;
    while (w.mem.readU16(a.n(0) + 2 * n) !== 0) n++;
    return n;
  },
  toupper: ch(cs.toupper),
  tolower: ch(cs.tolower),
  isdigit: ch(cs.isdigit),
  isxdigit: ch(cs.isxdigit),
  isupper: ch(cs.isupper),
  islower: ch(cs.islower),
  isalpha: ch(cs.isalpha),
  isalnum: ch(cs.isalnum),
  isspace: ch(cs.isspace),
  iscntrl: ch(cs.iscntrl),
  isprint: ch(cs.isprint),
  isgraph: ch(cs.isgraph),
  ispunct: ch(cs.ispunct),
  strtol: strtoInt(cs.strtol32),
  strtoul: strtoInt(cs.strtoul32),
  strtoll: strtoInt(cs.strtoll),
  strtoull: strtoInt(cs.strtoull),
  _strtoi64: strtoInt(cs.strtoll),
  _strtoui64: strtoInt(cs.strtoull),
  atoi: (w, a) => cs.atoi(w.mem, a.n(0)),
  atol: (w, a) => cs.atoi(w.mem, a.n(0)),
  atoll: (w, a) => cs.strtoll(w.mem, a.n(0), 10).value,
  _atoi64: (w, a) => cs.strtoll(w.mem, a.n(0), 10).value,
  strtod: (w, a) => {
    const r = cs.strtod(w.mem, a.n(0));
    if (a.n(1)) w.mem.writeU64(a.n(1), r.end);
    if (r.overflow) setErrno(w, ERANGE);
    return f64(r.value);
  },
  atof: (w, a) => f64(cs.atof(w.mem, a.n(0))),
  qsort: (w, a) => qsortGen(w, a.n(0), a.n(1), a.n(2), a.n(3)),
  bsearch: (w, a) => bsearchGen(w, a),
  abs: (_w, a) => Math.abs(a.i32(0)) | 0,
  labs: (_w, a) => Math.abs(a.i32(0)) | 0,
  llabs: (_w, a) => (a.big(0) >> 63n ? -BigInt.asIntN(64, a.big(0)) : a.big(0)),
  _abs64: (_w, a) => (a.big(0) >> 63n ? -BigInt.asIntN(64, a.big(0)) : a.big(0)),
  rand: (w) => {
    const c = crt(w);
    c.randSeed = (Math.imul(c.randSeed, 214013) + 2531011) | 0;
    return (c.randSeed >>> 16) & 0x7fff;
  },
  srand: (w, a) => {
    crt(w).randSeed = a.i32(0);
  },

  // time
  time: (w, a) => {
    const t = Math.floor(Date.now() / 1000);
    if (a.n(0)) w.mem.writeU64(a.n(0), t);
    return t;
  },
  _time64: (w, a) => MSVCRT.time(w, a) as number,
  clock: (w) => Math.floor(performance.now() - w.proc.startMono),

  // math with pointers or integers
  ldexp: (_w, a) => f64(m.ldexp(a.f64(0), a.i32(1))),
  frexp: (w, a) => {
    const [x, e] = m.frexp(a.f64(0));
    w.mem.writeU32(a.n(1), e);
    return f64(x);
  },
  modf: (w, a) => {
    const [frac, int] = m.modf(a.f64(0));
    w.mem.dv.setFloat64(w.mem.access(a.n(1), 8, 2), int, true);
    return f64(frac);
  },
};

/** msvcrt.dll data exports: the IAT slot gets the variable's address. */
export const MSVCRT_DATA: Record<string, (w: WinProcess) => number> = {
  _acmdln: (w) =>
    variable(w, "_acmdln", 8, (p) => w.mem.writeU64(p, w.allocString(w.commandLine()))),
  __winitenv: (w) => (wideArgs(w), variable(w, "wenviron", 8, () => {})),
  _wcmdln: (w) =>
    variable(w, "_wcmdln", 8, (p) => w.mem.writeU64(p, w.allocWString(w.commandLine()))),
  __initenv: (w) => variable(w, "__initenv", 8, (p) => w.mem.writeU64(p, args(w).envp)),
  _environ: (w) => variable(w, "environ", 8, (p) => w.mem.writeU64(p, args(w).envp)),
  __argc: (w) => variable(w, "argc", 8, (p) => w.mem.writeU32(p, args(w).argc)),
  __argv: (w) => variable(w, "argv", 8, (p) => w.mem.writeU64(p, args(w).argv)),
  _commode: (w) => variable(w, "_commode", 8, () => {}),
  _fmode: (w) => variable(w, "_fmode", 8, () => {}),
  _iob: (w) => crt(w).iob,
};
