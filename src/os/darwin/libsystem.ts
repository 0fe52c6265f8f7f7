/**
 * libSystem, as far as small command-line programs need it: stdio, the
 * printf family, memory, strings, strtol/strtod, qsort, exit/atexit, time,
 * environment, errno through `___error`, and the stack protector. Every
 * function is a host routine behind an import thunk (see `personality.ts`);
 * file access goes through the Linux personality's system calls, so the
 * sandbox checks are the same as for every other guest.
 *
 * The shared C-runtime pieces come from `src/os/crt/` (printf engine, heap,
 * string functions); this file adds Darwin's names, stdio buffering and
 * calling conventions.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import {
  type AddressSpace,
  MAP_ANONYMOUS,
  MAP_PRIVATE,
  PF_R,
  PF_W,
} from "../../memory/address_space.ts";
import * as cs from "../crt/cstring.ts";
import { formatPrintf, type VaSource } from "../crt/format.ts";
import { GuestHeap, HeapError } from "../crt/heap.ts";
import type { PersonalityContext } from "../personality.ts";
import type { DarwinAbi, VaArgs } from "./abi.ts";
import type { Darwin, GuestCall } from "./personality.ts";
import { darwinErrno, linux, openFlags } from "./syscalls.ts";

/** One call of an imported function. */
export interface LibCall {
  cpu: CpuState;
  mem: AddressSpace;
  abi: DarwinAbi;
  /** The symbol called (with its leading underscore). */
  name: string;
}

/** What a host routine returns (see `Darwin.finishCall`). */
export type LibResult =
  | number
  | bigint
  | { double: number }
  | undefined
  | Promise<number>
  | Generator<GuestCall, number | bigint | void, number>;

/** A host implementation of one libSystem function. */
export type LibImpl = (c: LibCall) => LibResult;

/** The libSystem instance of one guest. */
export interface LibSystem {
  /** The implementation of an imported function (from `library`), or undefined when there is none. */
  lookup(name: string, library: string): LibImpl | undefined;
  /** The address of an imported data symbol (___stdoutp, ___stack_chk_guard, ...), or undefined. */
  dataSymbol(name: string): number | undefined;
  /** Record argc/argv/envp/apple as the kernel laid them out. */
  setStartup(s: { argc: number; argv: number; envp: number; apple: number }): void;
  /** exit(status): atexit handlers (guest calls), stdio flush, then the end. */
  exit(status: number): Generator<GuestCall, void, number>;
  /** Report a call of an import kitemu does not provide, and end the guest. */
  unknownImport(name: string, library: string, from: number): void;
}

/** The names kitemu implements (for doc/DARWIN.md and the .tbd). */
export const LIBSYSTEM_FUNCTIONS: string[] = [];
/** The data symbols kitemu provides. */
export const LIBSYSTEM_DATA = [
  "___stack_chk_guard",
  "___stdinp",
  "___stdoutp",
  "___stderrp",
  "_environ",
  "_NXArgc",
  "_NXArgv",
  "___progname",
  "_optind",
  "_opterr",
  "_optopt",
  "_optarg",
];

const SIGABRT = 6;
const EOF = -1;
const BUFSIZ = 4096;
const enc = new TextEncoder();

/** Darwin errno values used here. */
const E = { ENOENT: 2, EBADF: 9, ENOMEM: 12, EINVAL: 22, ERANGE: 34 };

const ERRNO_TEXT: Record<number, string> = {
  0: "Undefined error: 0",
  1: "Operation not permitted",
  2: "No such file or directory",
  3: "No such process",
  4: "Interrupted system call",
  5: "Input/output error",
  6: "Device not configured",
  7: "Argument list too long",
  8: "Exec format error",
  9: "Bad file descriptor",
  10: "No child processes",
  11: "Resource deadlock avoided",
  12: "Cannot allocate memory",
  13: "Permission denied",
  14: "Bad address",
  16: "Resource busy",
  17: "File exists",
  18: "Cross-device link",
  19: "Operation not supported by device",
  20: "Not a directory",
  21: "Is a directory",
  22: "Invalid argument",
  23: "Too many open files in system",
  24: "Too many open files",
  25: "Inappropriate ioctl for device",
  26: "Text file busy",
  27: "File too large",
  28: "No space left on device",
  29: "Illegal seek",
  30: "Read-only file system",
  31: "Too many links",
  32: "Broken pipe",
  33: "Numerical argument out of domain",
  34: "Result too large",
  35: "Resource temporarily unavailable",
  62: "Too many levels of symbolic links",
  63: "File name too long",
  66: "Directory not empty",
  78: "Function not implemented",
};

/** An open stdio stream. */
class Stream {
  out: number[] = [];
  inBuf: Uint8Array = new Uint8Array(0);
  inPos = 0;
  eof = false;
  err = false;
  /** 0 fully buffered, 1 line buffered, 2 unbuffered. */
  mode = 0;
  constructor(
    public fd: number,
    public readonly addr: number,
    public readable: boolean,
    public writable: boolean,
  ) {}
}

/**
 * Create the libSystem of one guest.
 *
 * @example
 * ```ts
 * const lib = createLibSystem(darwin, ctx);
 * lib.lookup("_printf");
 * ```
 */
export function createLibSystem(d: Darwin, ctx: PersonalityContext): LibSystem {
  const mem = ctx.mem;
  const sys = d.sys;
  const proc = ctx.proc;
  const heap = new GuestHeap(mem, (n) => {
    const r = mem.mmap(0, n, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS, "[heap]");
    return r < 0 ? -1 : r;
  });

  // Data cells: one page for variables, FILE objects after them.
  const dataPage = mem.mmap(0, 4096, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS, "[libSystem data]");
  const cells = new Map<string, number>();
  LIBSYSTEM_DATA.forEach((n, i) => cells.set(n, dataPage + 8 * i));
  const errnoCell = dataPage + 8 * LIBSYSTEM_DATA.length;
  const fileArea = dataPage + 1024;
  const guard = new Uint8Array(8);
  sys.random(guard);
  guard[0] = 0; // a NUL byte first, as libSystem's guard has
  mem.write(cells.get("___stack_chk_guard")!, guard);
  mem.writeU32(cells.get("_optind")!, 1);
  mem.writeU32(cells.get("_opterr")!, 1);

  const streams = new Map<number, Stream>();
  let nextFile = fileArea;
  const newStream = (fd: number, r: boolean, w: boolean): Stream => {
    let addr: number;
    if (nextFile + 32 <= dataPage + 4096) {
      addr = nextFile;
      nextFile += 32;
    } else {
      addr = heap.malloc(32);
    }
    mem.writeU32(addr + 16, fd); // _file (informative only)
    const s = new Stream(fd, addr, r, w);
    streams.set(addr, s);
    return s;
  };
  const stdin = newStream(0, true, false);
  const stdout = newStream(1, false, true);
  const stderr = newStream(2, false, true);
  stderr.mode = 2;
  mem.writeBig(cells.get("___stdinp")!, BigInt(stdin.addr));
  mem.writeBig(cells.get("___stdoutp")!, BigInt(stdout.addr));
  mem.writeBig(cells.get("___stderrp")!, BigInt(stderr.addr));

  const setErrno = (e: number) => mem.writeU32(errnoCell, e);

  // ---- host I/O through the Linux system calls ----------------------------------
  const rawWrite = (fd: number, bytes: Uint8Array): number => {
    let done = 0;
    while (done < bytes.length) {
      const n = Math.min(bytes.length - done, 65536);
      mem.write(sys.scratch, bytes.subarray(done, done + n));
      const r = linux(sys, "write", [fd, sys.scratch, n]);
      if (typeof r !== "number") return done; // a blocking pipe: not expected here
      if (r < 0) return r;
      done += r;
      if (r === 0) break;
    }
    return done;
  };
  const rawRead = (fd: number, max: number): Uint8Array | number | Promise<Uint8Array | number> => {
    const n = Math.min(max, 65536);
    const r = linux(sys, "read", [fd, sys.scratch, n]);
    const take = (v: number) => (v < 0 ? v : mem.read(sys.scratch, v));
    return typeof r === "number" ? take(r) : r.then(take);
  };
  const isatty = (fd: number): boolean => {
    const r = linux(sys, "ioctl", [fd, 0x5401, sys.scratch]);
    return typeof r === "number" && r >= 0;
  };
  if (isatty(1)) stdout.mode = 1;

  const flush = (s: Stream): number => {
    if (s.out.length === 0) return 0;
    const r = rawWrite(s.fd, new Uint8Array(s.out));
    s.out = [];
    if (r < 0) {
      s.err = true;
      setErrno(darwinErrno(-r));
      return EOF;
    }
    return 0;
  };
  const emit = (s: Stream, bytes: Uint8Array): number => {
    if (!s.writable) {
      s.err = true;
      setErrno(E.EBADF);
      return EOF;
    }
    if (s.mode === 2) {
      const r = rawWrite(s.fd, bytes);
      if (r < 0) {
        s.err = true;
        return EOF;
      }
      return bytes.length;
    }
    for (const b of bytes) s.out.push(b);
    if (s.out.length >= BUFSIZ || (s.mode === 1 && bytes.includes(10))) {
      if (flush(s) < 0) return EOF;
    }
    return bytes.length;
  };
  const streamOf = (addr: number): Stream => {
    const s = streams.get(addr);
    if (!s) throw new HeapError("invalid-pointer", addr, "FILE");
    return s;
  };
  /** Fill the input buffer; resolves to false at EOF or error. */
  const fill = (s: Stream): boolean | Promise<boolean> => {
    if (s.inPos < s.inBuf.length) return true;
    if (s.eof || !s.readable) return false;
    if (s === stdin) flush(stdout);
    const r = rawRead(s.fd, s.mode === 2 ? 1 : BUFSIZ);
    const done = (v: Uint8Array | number): boolean => {
      if (typeof v === "number") {
        s.err = true;
        setErrno(darwinErrno(-v));
        return false;
      }
      if (v.length === 0) {
        s.eof = true;
        return false;
      }
      s.inBuf = v;
      s.inPos = 0;
      return true;
    };
    return r instanceof Promise ? r.then(done) : done(r);
  };
  const getc = (s: Stream): number | Promise<number> => {
    const f = fill(s);
    const take = (ok: boolean) => (ok ? s.inBuf[s.inPos++] : EOF);
    return f instanceof Promise ? f.then(take) : take(f);
  };

  // ---- environment ------------------------------------------------------------
  let envList: number[] = []; // addresses of "K=V" strings
  let environArr = 0;
  const publishEnv = () => {
    environArr = heap.malloc(8 * (envList.length + 1));
    envList.forEach((a, i) => mem.writeBig(environArr + 8 * i, BigInt(a)));
    mem.writeBig(environArr + 8 * envList.length, 0n);
    mem.writeBig(cells.get("_environ")!, BigInt(environArr));
  };
  const envFind = (key: Uint8Array): number => {
    for (let i = 0; i < envList.length; i++) {
      const s = cs.readCString(mem, envList[i]);
      if (s.length > key.length && s[key.length] === 0x3d && key.every((b, k) => s[k] === b)) {
        return i;
      }
    }
    return -1;
  };

  // ---- exit and atexit ----------------------------------------------------------
  const atexit: number[] = [];
  const flushAll = () => {
    for (const s of streams.values()) flush(s);
  };
  function* exitGen(status: number): Generator<GuestCall, void, number> {
    while (atexit.length) {
      const fn = atexit.pop()!;
      yield { fn, args: [] };
    }
    flushAll();
    proc.exit(status);
  }
  const abort = (message?: string) => {
    if (message) rawWrite(2, enc.encode(message));
    flushAll();
    proc.exit(128 + SIGABRT);
    proc.exitSignal = SIGABRT;
  };

  // ---- over-aligned blocks (aligned_alloc, posix_memalign) --------------------------
  /** Aligned pointer -> the heap block holding it, and the size asked for. */
  const alignedBlocks = new Map<number, [number, number]>();
  const aligned = {
    get: (p: number) => alignedBlocks.get(p)?.[0],
    alloc(align: number, n: number): number {
      if (align <= 16) return heap.malloc(n);
      if (align > 2 ** 30 || (align & (align - 1)) !== 0) return 0;
      const real = heap.malloc(n + align);
      if (!real) return 0;
      const p = Math.ceil(real / align) * align;
      if (p !== real) alignedBlocks.set(p, [real, n]);
      return p;
    },
    free(p: number): void {
      const b = alignedBlocks.get(p);
      if (b) {
        alignedBlocks.delete(p);
        heap.free(b[0]);
      } else heap.free(p);
    },
    size(p: number): number {
      const b = alignedBlocks.get(p);
      return b ? b[1] : heap.size(p);
    },
  };

  // ---- printf -----------------------------------------------------------------
  const format = (fmt: number, va: VaArgs): Uint8Array =>
    formatPrintf(mem, cs.readCString(mem, fmt), va satisfies VaSource, "posix", 4, {
      libc: "freebsd",
    });
  const toBuffer = (buf: number, size: number, out: Uint8Array): number => {
    if (size > 0) {
      const n = Math.min(out.length, size - 1);
      mem.write(buf, out.subarray(0, n));
      mem.writeU8(buf + n, 0);
    }
    return out.length;
  };
  const toStream = (s: Stream, out: Uint8Array) => (emit(s, out) < 0 ? EOF : out.length);

  // ---- the functions ---------------------------------------------------------------
  const a = (c: LibCall, i: number) => c.abi.arg(c.cpu, c.mem, i);
  const int = (c: LibCall, i: number) => c.abi.argInt(c.cpu, c.mem, i);
  const ptrOf = (c: LibCall, i: number) => a(c, i);
  const sizeOf = (c: LibCall, i: number) => {
    const v = a(c, i);
    return v < 0 ? Number.MAX_SAFE_INTEGER : v;
  };
  const heapCall = (_c: LibCall, f: () => number): number => {
    try {
      const r = f();
      if (r === 0) setErrno(E.ENOMEM);
      return r;
    } catch (e) {
      if (e instanceof HeapError) {
        abort(
          `${proc.name}(${proc.pid},0x0) malloc: *** error for object 0x${e.addr.toString(16)}: ` +
            `pointer being ${e.op === "realloc" ? "realloc'd" : "freed"} was not allocated\n`,
        );
        return 0;
      }
      throw e;
    }
  };
  /** A system call wrapper: Darwin libc returns -1 and sets errno. */
  const sysWrap = (r: number | Promise<number>): number | Promise<number> => {
    const done = (v: number) => {
      if (v < 0) {
        setErrno(darwinErrno(-v));
        return -1;
      }
      return v;
    };
    return typeof r === "number" ? done(r) : r.then(done);
  };
  const darwinSys = (nr: number, c: LibCall, n: number): number | Promise<number> => {
    const args = [0, 1, 2, 3, 4, 5].map((i) => (i < n ? a(c, i) : 0));
    const row = darwinRow(nr);
    return sysWrap(row(sys, args));
  };

  const F: Record<string, LibImpl> = {
    // stdio: formatted output
    _printf: (c) => toStream(stdout, format(ptrOf(c, 0), c.abi.varargs(c.cpu, c.mem, 1))),
    _fprintf: (c) =>
      toStream(streamOf(ptrOf(c, 0)), format(ptrOf(c, 1), c.abi.varargs(c.cpu, c.mem, 2))),
    _dprintf: (c) =>
      sysWrap(rawWrite(int(c, 0), format(ptrOf(c, 1), c.abi.varargs(c.cpu, c.mem, 2)))),
    _sprintf: (c) =>
      toBuffer(ptrOf(c, 0), 2 ** 31, format(ptrOf(c, 1), c.abi.varargs(c.cpu, c.mem, 2))),
    _snprintf: (c) =>
      toBuffer(ptrOf(c, 0), sizeOf(c, 1), format(ptrOf(c, 2), c.abi.varargs(c.cpu, c.mem, 3))),
    _vprintf: (c) => toStream(stdout, format(ptrOf(c, 0), c.abi.vaList(c.mem, ptrOf(c, 1)))),
    _vfprintf: (c) =>
      toStream(streamOf(ptrOf(c, 0)), format(ptrOf(c, 1), c.abi.vaList(c.mem, ptrOf(c, 2)))),
    _vsprintf: (c) =>
      toBuffer(ptrOf(c, 0), 2 ** 31, format(ptrOf(c, 1), c.abi.vaList(c.mem, ptrOf(c, 2)))),
    _vsnprintf: (c) =>
      toBuffer(ptrOf(c, 0), sizeOf(c, 1), format(ptrOf(c, 2), c.abi.vaList(c.mem, ptrOf(c, 3)))),
    // stdio: characters and strings
    _puts: (c) => {
      const s = cs.readCString(mem, ptrOf(c, 0));
      const out = new Uint8Array(s.length + 1);
      out.set(s);
      out[s.length] = 10;
      return emit(stdout, out) < 0 ? EOF : 1;
    },
    _fputs: (c) => (emit(streamOf(ptrOf(c, 1)), cs.readCString(mem, ptrOf(c, 0))) < 0 ? EOF : 1),
    _putchar: (
      c,
    ) => (emit(stdout, new Uint8Array([int(c, 0) & 0xff])) < 0 ? EOF : int(c, 0) & 0xff),
    _putc: (c) =>
      emit(streamOf(ptrOf(c, 1)), new Uint8Array([int(c, 0) & 0xff])) < 0 ? EOF : int(c, 0) & 0xff,
    _fputc: (c) =>
      emit(streamOf(ptrOf(c, 1)), new Uint8Array([int(c, 0) & 0xff])) < 0 ? EOF : int(c, 0) & 0xff,
    _fwrite: (c) => {
      const size = sizeOf(c, 1), n = sizeOf(c, 2);
      const total = size * n;
      if (total === 0) return 0;
      const r = emit(streamOf(ptrOf(c, 3)), mem.read(ptrOf(c, 0), total));
      return r < 0 ? 0 : n;
    },
    _fflush: (c) => {
      const p = ptrOf(c, 0);
      if (p === 0) {
        flushAll();
        return 0;
      }
      return flush(streamOf(p));
    },
    _setvbuf: (c) => {
      const s = streamOf(ptrOf(c, 0));
      const mode = int(c, 2); // Darwin: _IOFBF 0, _IOLBF 1, _IONBF 2
      if (mode < 0 || mode > 2) return -1;
      s.mode = mode;
      return 0;
    },
    _setbuf: (c) => {
      streamOf(ptrOf(c, 0)).mode = ptrOf(c, 1) ? 0 : 2;
      return 0;
    },
    _fgetc: (c) => getc(streamOf(ptrOf(c, 0))),
    _getc: (c) => getc(streamOf(ptrOf(c, 0))),
    _getchar: () => getc(stdin),
    _ungetc: (c) => {
      const ch = int(c, 0);
      if (ch === EOF) return EOF;
      const s = streamOf(ptrOf(c, 1));
      const rest = s.inBuf.subarray(s.inPos);
      const nb = new Uint8Array(rest.length + 1);
      nb[0] = ch & 0xff;
      nb.set(rest, 1);
      s.inBuf = nb;
      s.inPos = 0;
      s.eof = false;
      return ch & 0xff;
    },
    _fgets: (c) => {
      const buf = ptrOf(c, 0), size = int(c, 1), s = streamOf(ptrOf(c, 2));
      if (size <= 0) return 0;
      const out: number[] = [];
      const loop = (): number | Promise<number> => {
        while (out.length < size - 1) {
          const f = fill(s);
          if (f instanceof Promise) return f.then((ok) => (ok ? loop() : end()));
          if (!f) return end();
          const ch = s.inBuf[s.inPos++];
          out.push(ch);
          if (ch === 10) break;
        }
        return end();
      };
      const end = (): number => {
        if (out.length === 0) return 0;
        mem.write(buf, new Uint8Array([...out, 0]));
        return buf;
      };
      return loop();
    },
    _fread: (c) => {
      const buf = ptrOf(c, 0), size = sizeOf(c, 1), n = sizeOf(c, 2), s = streamOf(ptrOf(c, 3));
      const total = size * n;
      if (total === 0) return 0;
      let got = 0;
      const loop = (): number | Promise<number> => {
        while (got < total) {
          const f = fill(s);
          if (f instanceof Promise) return f.then((ok) => (ok ? loop() : Math.floor(got / size)));
          if (!f) break;
          const k = Math.min(total - got, s.inBuf.length - s.inPos);
          mem.write(buf + got, s.inBuf.subarray(s.inPos, s.inPos + k));
          s.inPos += k;
          got += k;
        }
        return Math.floor(got / size);
      };
      return loop();
    },
    _feof: (c) => (streamOf(ptrOf(c, 0)).eof ? 1 : 0),
    _ferror: (c) => (streamOf(ptrOf(c, 0)).err ? 1 : 0),
    _clearerr: (c) => {
      const s = streamOf(ptrOf(c, 0));
      s.eof = s.err = false;
      return 0;
    },
    _fileno: (c) => streamOf(ptrOf(c, 0)).fd,
    _fopen: (c) => {
      const mode = cs.readCStringText(mem, ptrOf(c, 1));
      let flags: number;
      const plus = mode.includes("+");
      if (mode[0] === "r") flags = plus ? 2 : 0;
      else if (mode[0] === "w") flags = (plus ? 2 : 1) | 0x200 | 0x400;
      else if (mode[0] === "a") flags = (plus ? 2 : 1) | 0x200 | 0x8;
      else {
        setErrno(E.EINVAL);
        return 0;
      }
      if (mode.includes("x")) flags |= 0x800;
      if (mode.includes("e")) flags |= 0x1000000;
      const r = linux(sys, "openat", [-100, ptrOf(c, 0), openFlags(proc.info.arch, flags), 0o666]);
      if (typeof r !== "number") return 0;
      if (r < 0) {
        setErrno(darwinErrno(-r));
        return 0;
      }
      const s = newStream(r, mode[0] === "r" || plus, mode[0] !== "r" || plus);
      return s.addr;
    },
    _fdopen: (c) => {
      const mode = cs.readCStringText(mem, ptrOf(c, 1));
      const plus = mode.includes("+");
      return newStream(int(c, 0), mode[0] === "r" || plus, mode[0] !== "r" || plus).addr;
    },
    _fclose: (c) => {
      const s = streamOf(ptrOf(c, 0));
      const r = flush(s);
      streams.delete(s.addr);
      const k = linux(sys, "close", [s.fd]);
      return r < 0 || (typeof k === "number" && k < 0) ? EOF : 0;
    },
    _fseek: (c) => {
      const s = streamOf(ptrOf(c, 0));
      flush(s);
      let off = a(c, 1);
      const whence = int(c, 2);
      if (whence === 1) off -= s.inBuf.length - s.inPos;
      s.inBuf = new Uint8Array(0);
      s.inPos = 0;
      s.eof = false;
      const r = linux(sys, "lseek", [s.fd, off, whence]);
      return typeof r === "number" && r < 0 ? (setErrno(darwinErrno(-r)), -1) : 0;
    },
    _ftell: (c) => {
      const s = streamOf(ptrOf(c, 0));
      const r = linux(sys, "lseek", [s.fd, 0, 1]);
      if (typeof r !== "number" || r < 0) return -1;
      return r - (s.inBuf.length - s.inPos) + s.out.length;
    },
    _rewind: (c) => {
      const s = streamOf(ptrOf(c, 0));
      flush(s);
      s.inBuf = new Uint8Array(0);
      s.inPos = 0;
      s.eof = s.err = false;
      linux(sys, "lseek", [s.fd, 0, 0]);
      return 0;
    },
    _perror: (c) => {
      const p = ptrOf(c, 0);
      const e = mem.readU32(errnoCell);
      const prefix = p ? cs.readCStringText(mem, p) : "";
      const text = ERRNO_TEXT[e] ?? `Unknown error: ${e}`;
      flush(stdout);
      rawWrite(2, enc.encode(prefix ? `${prefix}: ${text}\n` : `${text}\n`));
      return 0;
    },
    _strerror: (c) => {
      const e = int(c, 0);
      return cString(ERRNO_TEXT[e] ?? `Unknown error: ${e}`);
    },
    // memory
    _malloc: (c) => heapCall(c, () => heap.malloc(sizeOf(c, 0))),
    _calloc: (c) => heapCall(c, () => heap.calloc(sizeOf(c, 0), sizeOf(c, 1))),
    _realloc: (c) =>
      heapCall(c, () => {
        const p = ptrOf(c, 0), n = sizeOf(c, 1);
        const real = aligned.get(p);
        if (real === undefined) return heap.realloc(p, n);
        // An over-aligned block: move it into an ordinary one.
        const q = heap.malloc(n);
        if (q) cs.memcpy(mem, q, p, Math.min(n, aligned.size(p)));
        aligned.free(p);
        return q;
      }),
    _free: (c) => {
      heapCall(c, () => (aligned.free(ptrOf(c, 0)), 1));
      return 0;
    },
    _malloc_size: (c) => heapCall(c, () => aligned.size(ptrOf(c, 0))),
    _aligned_alloc: (c) => heapCall(c, () => aligned.alloc(sizeOf(c, 0), sizeOf(c, 1))),
    _posix_memalign: (c) => {
      const align = sizeOf(c, 1);
      if (align < 8 || (align & (align - 1)) !== 0) return E.EINVAL;
      const p = heapCall(c, () => aligned.alloc(align, sizeOf(c, 2)));
      if (!p) return E.ENOMEM;
      mem.writeBig(ptrOf(c, 0), BigInt(p));
      return 0;
    },
    // strings and memory blocks
    _strlen: (c) => cs.strlen(mem, ptrOf(c, 0)),
    _strnlen: (c) => cs.strnlen(mem, ptrOf(c, 0), sizeOf(c, 1)),
    _strcmp: (c) => cs.strcmp(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strncmp: (c) => cs.strncmp(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _strcasecmp: (c) => cs.strcasecmp(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strncasecmp: (c) => cs.strncasecmp(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _strcpy: (c) => cs.strcpy(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strncpy: (c) => cs.strncpy(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _strcat: (c) => cs.strcat(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strncat: (c) => cs.strncat(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _strchr: (c) => cs.strchr(mem, ptrOf(c, 0), int(c, 1)),
    _strrchr: (c) => cs.strrchr(mem, ptrOf(c, 0), int(c, 1)),
    _strstr: (c) => cs.strstr(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strspn: (c) => cs.strspn(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strcspn: (c) => cs.strcspn(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strpbrk: (c) => cs.strpbrk(mem, ptrOf(c, 0), ptrOf(c, 1)),
    _strdup: (c) => cs.strdup(mem, heap, ptrOf(c, 0)),
    _strtok: (c) => {
      // strtok(s, delim): the scan position is kept between calls, as in C.
      let p = ptrOf(c, 0) || strtokNext;
      if (!p) return 0;
      p += cs.strspn(mem, p, ptrOf(c, 1));
      if (mem.readU8(p) === 0) {
        strtokNext = 0;
        return 0;
      }
      const end = p + cs.strcspn(mem, p, ptrOf(c, 1));
      if (mem.readU8(end) === 0) strtokNext = 0;
      else {
        mem.writeU8(end, 0);
        strtokNext = end + 1;
      }
      return p;
    },
    _strndup: (c) => cs.strndup(mem, heap, ptrOf(c, 0), sizeOf(c, 1)),
    _memcpy: (c) => cs.memcpy(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _memmove: (c) => cs.memmove(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _memset: (c) => cs.memset(mem, ptrOf(c, 0), int(c, 1), sizeOf(c, 2)),
    _memcmp: (c) => cs.memcmp(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2)),
    _memchr: (c) => cs.memchr(mem, ptrOf(c, 0), int(c, 1), sizeOf(c, 2)),
    ___bzero: (c) => (cs.memset(mem, ptrOf(c, 0), 0, sizeOf(c, 1)), 0),
    _bzero: (c) => (cs.memset(mem, ptrOf(c, 0), 0, sizeOf(c, 1)), 0),
    _memset_pattern4: (c) => pattern(mem, ptrOf(c, 0), ptrOf(c, 1), 4, sizeOf(c, 2)),
    _memset_pattern8: (c) => pattern(mem, ptrOf(c, 0), ptrOf(c, 1), 8, sizeOf(c, 2)),
    _memset_pattern16: (c) => pattern(mem, ptrOf(c, 0), ptrOf(c, 1), 16, sizeOf(c, 2)),
    // ctype
    _toupper: (c) => cs.toupper(mem, int(c, 0)),
    _tolower: (c) => cs.tolower(mem, int(c, 0)),
    _isdigit: (c) => cs.isdigit(mem, int(c, 0)),
    _isalpha: (c) => cs.isalpha(mem, int(c, 0)),
    _isalnum: (c) => cs.isalnum(mem, int(c, 0)),
    _isspace: (c) => cs.isspace(mem, int(c, 0)),
    _isupper: (c) => cs.isupper(mem, int(c, 0)),
    _islower: (c) => cs.islower(mem, int(c, 0)),
    _isxdigit: (c) => cs.isxdigit(mem, int(c, 0)),
    _isprint: (c) => cs.isprint(mem, int(c, 0)),
    _ispunct: (c) => cs.ispunct(mem, int(c, 0)),
    // numbers
    _atoi: (c) => cs.atoi(mem, ptrOf(c, 0)),
    _atol: (c) => cs.strtol(mem, ptrOf(c, 0), 10).value,
    _atoll: (c) => cs.strtol(mem, ptrOf(c, 0), 10).value,
    _strtol: (c) => strtoX(c, cs.strtol),
    _strtoll: (c) => strtoX(c, cs.strtoll),
    _strtoul: (c) => strtoX(c, cs.strtoul),
    _strtoull: (c) => strtoX(c, cs.strtoull),
    _strtod: (c) => {
      const endp = ptrOf(c, 1);
      const r = cs.strtod(mem, ptrOf(c, 0));
      if (endp) mem.writeBig(endp, BigInt(r.end));
      if (r.overflow) setErrno(E.ERANGE);
      return { double: r.value };
    },
    _atof: (c) => ({ double: cs.atof(mem, ptrOf(c, 0)) }),
    _abs: (c) => Math.abs(int(c, 0)) | 0,
    _labs: (c) => {
      const v = c.abi.argBig(c.cpu, c.mem, 0);
      const s = BigInt.asIntN(64, v);
      return s < 0n ? -s : s;
    },
    _rand: () => {
      randState = (randState * 1103515245 + 12345) % 2147483648;
      return randState;
    },
    _srand: (c) => {
      randState = int(c, 0) >>> 0;
      return 0;
    },
    _qsort: (c) => qsort(c, mem, a(c, 0), sizeOf(c, 1), sizeOf(c, 2), a(c, 3)),
    _bsearch: (c) => bsearch(mem, a(c, 0), a(c, 1), sizeOf(c, 2), sizeOf(c, 3), a(c, 4)),
    // process
    _exit: (c) => exitGen(int(c, 0)),
    __Exit: (c) => {
      proc.exit(int(c, 0));
      return undefined;
    },
    __exit: (c) => {
      flushAll();
      proc.exit(int(c, 0));
      return undefined;
    },
    _abort: () => {
      abort();
      return undefined;
    },
    _atexit: (c) => {
      atexit.push(a(c, 0));
      return 0;
    },
    ___stack_chk_fail: () => {
      abort("stack smashing detected\n");
      return undefined;
    },
    ___error: () => errnoCell,
    _getenv: (c) => {
      const key = cs.readCString(mem, ptrOf(c, 0));
      const i = envFind(key);
      return i < 0 ? 0 : envList[i] + key.length + 1;
    },
    _setenv: (c) => {
      const key = cs.readCString(mem, ptrOf(c, 0));
      if (key.length === 0 || key.includes(0x3d)) {
        setErrno(E.EINVAL);
        return -1;
      }
      const i = envFind(key);
      if (i >= 0 && int(c, 2) === 0) return 0;
      const val = cs.readCString(mem, ptrOf(c, 1));
      const s = new Uint8Array(key.length + 1 + val.length);
      s.set(key);
      s[key.length] = 0x3d;
      s.set(val, key.length + 1);
      const p = heap.malloc(s.length + 1);
      cs.writeCString(mem, p, s);
      if (i >= 0) envList[i] = p;
      else envList.push(p);
      publishEnv();
      return 0;
    },
    _unsetenv: (c) => {
      const key = cs.readCString(mem, ptrOf(c, 0));
      if (key.length === 0 || key.includes(0x3d)) {
        setErrno(E.EINVAL);
        return -1;
      }
      let i;
      while ((i = envFind(key)) >= 0) envList.splice(i, 1);
      publishEnv();
      return 0;
    },
    // time
    _time: (c) => {
      const t = Math.floor(Date.now() / 1000);
      const p = ptrOf(c, 0);
      if (p) mem.writeBig(p, BigInt(t));
      return t;
    },
    _clock: () => Math.floor(performance.now() * 1000),
    _gettimeofday: (c) => darwinSys(116, c, 2),
    // POSIX wrappers of system calls
    _write: (c) => darwinSys(4, c, 3),
    _read: (c) => darwinSys(3, c, 3),
    _open: (c) => {
      // open(path, flags, ...): the mode is variadic (on the stack on arm64).
      const mode = c.abi.varargs(c.cpu, c.mem, 2).int32();
      return sysWrap(darwinRow(5)(sys, [a(c, 0), a(c, 1), mode]));
    },
    _close: (c) => darwinSys(6, c, 1),
    _lseek: (c) => darwinSys(199, c, 3),
    _access: (c) => darwinSys(33, c, 2),
    _unlink: (c) => darwinSys(10, c, 1),
    _getpid: (c) => darwinSys(20, c, 0),
    _stat: (c) => darwinSys(338, c, 2),
    _fstat: (c) => darwinSys(339, c, 2),
    _lstat: (c) => darwinSys(340, c, 2),
    "_stat$INODE64": (c) => darwinSys(338, c, 2),
    "_fstat$INODE64": (c) => darwinSys(339, c, 2),
    "_lstat$INODE64": (c) => darwinSys(340, c, 2),
    _isatty: (c) => (isatty(int(c, 0)) ? 1 : 0),
    _getpagesize: () => d.macho.pageSize,
    _sysconf: (c) => {
      const name = int(c, 0); // Darwin: _SC_PAGESIZE 29, _SC_NPROCESSORS_CONF 57, _ONLN 58
      if (name === 29) return d.macho.pageSize;
      if (name === 57 || name === 58) return 1;
      setErrno(E.EINVAL);
      return -1;
    },
    _getcwd: (c) => {
      let buf = ptrOf(c, 0), size = sizeOf(c, 1);
      if (!buf) {
        size = size || 1024;
        buf = heap.malloc(size);
      }
      const r = linux(sys, "getcwd", [buf, size]);
      if (typeof r !== "number" || r < 0) {
        setErrno(typeof r === "number" ? darwinErrno(-r) : E.EINVAL);
        return 0;
      }
      return buf;
    },
    // fortified variants (the macOS SDK's _FORTIFY_SOURCE): check, then do the same work
    ___memcpy_chk: (c) =>
      chk(c, 2, 3, () => cs.memcpy(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2))),
    ___memmove_chk: (c) =>
      chk(c, 2, 3, () => cs.memmove(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2))),
    ___memset_chk: (c) => chk(c, 2, 3, () => cs.memset(mem, ptrOf(c, 0), int(c, 1), sizeOf(c, 2))),
    ___strcpy_chk: (c) =>
      chkLen(c, cs.strlen(mem, ptrOf(c, 1)) + 1, 2, () => cs.strcpy(mem, ptrOf(c, 0), ptrOf(c, 1))),
    ___strcat_chk: (c) =>
      chkLen(
        c,
        cs.strlen(mem, ptrOf(c, 0)) + cs.strlen(mem, ptrOf(c, 1)) + 1,
        2,
        () => cs.strcat(mem, ptrOf(c, 0), ptrOf(c, 1)),
      ),
    ___strncpy_chk: (c) =>
      chk(c, 2, 3, () => cs.strncpy(mem, ptrOf(c, 0), ptrOf(c, 1), sizeOf(c, 2))),
    ___sprintf_chk: (c) =>
      chkOut(c, sizeOf(c, 2), format(ptrOf(c, 3), c.abi.varargs(c.cpu, c.mem, 4)), 2 ** 31),
    ___snprintf_chk: (c) =>
      chkOut(c, sizeOf(c, 3), format(ptrOf(c, 4), c.abi.varargs(c.cpu, c.mem, 5)), sizeOf(c, 1)),
    ___vsprintf_chk: (c) =>
      chkOut(c, sizeOf(c, 2), format(ptrOf(c, 3), c.abi.vaList(c.mem, ptrOf(c, 4))), 2 ** 31),
    ___vsnprintf_chk: (c) =>
      chkOut(c, sizeOf(c, 3), format(ptrOf(c, 4), c.abi.vaList(c.mem, ptrOf(c, 5))), sizeOf(c, 1)),
    // BSD strings
    _strlcpy: (c) => {
      const src = cs.readCString(mem, ptrOf(c, 1));
      const n = sizeOf(c, 2);
      if (n > 0) cs.writeCString(mem, ptrOf(c, 0), src.subarray(0, n - 1));
      return src.length;
    },
    _strlcat: (c) => {
      const dst = ptrOf(c, 0), n = sizeOf(c, 2);
      const have = cs.strnlen(mem, dst, n);
      const src = cs.readCString(mem, ptrOf(c, 1));
      if (have < n) cs.writeCString(mem, dst + have, src.subarray(0, n - have - 1));
      return have + src.length;
    },
    ___tolower: (c) => cs.tolower(mem, int(c, 0)),
    ___toupper: (c) => cs.toupper(mem, int(c, 0)),
    // randomness
    _arc4random: () => {
      const b = new Uint32Array(1);
      crypto.getRandomValues(b);
      return b[0];
    },
    _arc4random_uniform: (c) => {
      const bound = int(c, 0) >>> 0;
      if (bound < 2) return 0;
      const b = new Uint32Array(1);
      const limit = 2 ** 32 - (2 ** 32 % bound);
      do crypto.getRandomValues(b); while (b[0] >= limit);
      return b[0] % bound;
    },
    _arc4random_buf: (c) => {
      const b = new Uint8Array(sizeOf(c, 1));
      crypto.getRandomValues(b);
      mem.write(ptrOf(c, 0), b);
      return 0;
    },
    // time
    _clock_gettime: (c) => {
      // Darwin clock ids: CLOCK_REALTIME 0, CLOCK_MONOTONIC_RAW 4, CLOCK_MONOTONIC 6,
      // CLOCK_UPTIME_RAW 8, CLOCK_PROCESS_CPUTIME_ID 12, CLOCK_THREAD_CPUTIME_ID 16.
      const id =
        ({ 0: 0, 4: 4, 5: 4, 6: 1, 8: 1, 9: 1, 12: 2, 16: 3 } as Record<number, number>)[int(c, 0)];
      if (id === undefined) {
        setErrno(E.EINVAL);
        return -1;
      }
      return sysWrap(linux(sys, "clock_gettime", [id, ptrOf(c, 1)]));
    },
    _mach_absolute_time: () => BigInt(Math.round(performance.now() * 1e6)),
    _mach_timebase_info: (c) => {
      mem.writeU32(ptrOf(c, 0), 1);
      mem.writeU32(ptrOf(c, 0) + 4, 1);
      return 0;
    },
    _nanosleep: (c) => sysWrap(linux(sys, "nanosleep", [ptrOf(c, 0), ptrOf(c, 1)])),
    _usleep: (c) => {
      const us = int(c, 0) >>> 0;
      mem.writeBig(sys.scratch, BigInt(Math.floor(us / 1e6)));
      mem.writeBig(sys.scratch + 8, BigInt((us % 1e6) * 1000));
      return sysWrap(linux(sys, "nanosleep", [sys.scratch, 0]));
    },
    _sleep: (c) => {
      mem.writeBig(sys.scratch, BigInt(int(c, 0) >>> 0));
      mem.writeBig(sys.scratch + 8, 0n);
      const r = linux(sys, "nanosleep", [sys.scratch, 0]);
      return typeof r === "number" ? 0 : r.then(() => 0);
    },
    // thread-local variables: each __thread_vars descriptor { thunk, key, offset } has its thunk
    // bound here and is called with the descriptor in the first argument register; it returns
    // the variable's address (one thread: one block, made on first use from the template).
    __tlv_bootstrap: (c) => {
      const t = d.macho.tlv;
      if (!t) return 0;
      if (!tlvBlock) {
        tlvBlock = heap.malloc(Math.max(t.size, 1));
        if (!tlvBlock) return 0;
        cs.memset(mem, tlvBlock, 0, t.size);
        if (t.initSize) cs.memcpy(mem, tlvBlock, t.addr + d.slide, t.initSize);
      }
      return tlvBlock + Number(mem.readBig(ptrOf(c, 0) + 16));
    },
    // the start-up data, as functions (crt1's _NSGetArgc and friends)
    __NSGetEnviron: () => cells.get("_environ")!,
    __NSGetArgc: () => cells.get("_NXArgc")!,
    __NSGetArgv: () => cells.get("_NXArgv")!,
    __NSGetProgname: () => cells.get("___progname")!,
    _getprogname: () => Number(mem.readBig(cells.get("___progname")!)),
    // locale and signals: the C locale, no signal delivery
    _setlocale: () => cString("C"),
    _signal: () => 0,
    // input
    _sscanf: (c) =>
      scan(mem, ptrOf(c, 0), cs.readCString(mem, ptrOf(c, 1)), c.abi.varargs(c.cpu, c.mem, 2)),
  };
  /** A constant C string in the heap, made once per text. */
  const constStrings = new Map<string, number>();
  const cString = (t: string): number => {
    let p = constStrings.get(t);
    if (p === undefined) {
      p = heap.malloc(t.length + 1);
      cs.writeCString(mem, p, t);
      constStrings.set(t, p);
    }
    return p;
  };
  /** The _chk functions: argument `nIdx` (bytes to write) must not exceed `lenIdx` (object size). */
  const chk = (c: LibCall, nIdx: number, lenIdx: number, f: () => number): number | undefined =>
    chkLen(c, sizeOf(c, nIdx), lenIdx, f);
  const chkLen = (
    c: LibCall,
    need: number,
    lenIdx: number,
    f: () => number,
  ): number | undefined => {
    if (need > sizeOf(c, lenIdx)) {
      abort("detected buffer overflow\n");
      return undefined;
    }
    return f();
  };
  const chkOut = (
    c: LibCall,
    objSize: number,
    out: Uint8Array,
    limit: number,
  ): number | undefined => {
    const n = Math.min(out.length + 1, limit);
    if (n > objSize) {
      abort("detected buffer overflow\n");
      return undefined;
    }
    return toBuffer(ptrOf(c, 0), limit, out);
  };
  let randState = 1;
  let strtokNext = 0;
  let tlvBlock = 0;

  const strtoX = (
    c: LibCall,
    f: (mem: AddressSpace, addr: number, base: number) => cs.StrtolResult,
  ): bigint => {
    const endp = ptrOf(c, 1);
    const r = f(mem, ptrOf(c, 0), int(c, 2));
    if (endp) mem.writeBig(endp, BigInt(r.end));
    if (r.overflow) setErrno(E.ERANGE);
    if (r.invalid) setErrno(E.EINVAL);
    return r.value;
  };

  for (const k of Object.keys(F)) if (!LIBSYSTEM_FUNCTIONS.includes(k)) LIBSYSTEM_FUNCTIONS.push(k);

  return {
    lookup: (name, library) =>
      embedder(ctx, library, name) ?? (library.includes("libSystem") ? F[name] : undefined),
    dataSymbol: (name) => cells.get(name),
    setStartup(s) {
      mem.writeU32(cells.get("_NXArgc")!, s.argc);
      mem.writeBig(cells.get("_NXArgv")!, BigInt(s.argv));
      const argv0 = Number(mem.readBig(s.argv));
      if (argv0) {
        const text = cs.readCString(mem, argv0);
        const slash = text.lastIndexOf(0x2f);
        mem.writeBig(cells.get("___progname")!, BigInt(argv0 + slash + 1));
      }
      envList = [];
      for (let p = s.envp;; p += 8) {
        const v = Number(mem.readBig(p));
        if (!v) break;
        envList.push(v);
      }
      environArr = s.envp;
      mem.writeBig(cells.get("_environ")!, BigInt(s.envp));
    },
    exit: exitGen,
    unknownImport(name, library, from) {
      flushAll();
      rawWrite(
        2,
        enc.encode(
          `kitemu: unknown import ${name} from ${library} called at ${d.symbolize(from)}\n`,
        ),
      );
      d.log(`unknown import ${name}`);
      proc.exit(128 + SIGABRT);
      proc.exitSignal = SIGABRT;
    },
  };
}

/** An embedder binding (KitEmuOptions.bindings.resolveImport) for a symbol of a library. */
function embedder(ctx: PersonalityContext, library: string, name: string): LibImpl | undefined {
  const f = ctx.resolveImport?.(library.slice(library.lastIndexOf("/") + 1), name);
  if (!f) return undefined;
  return (c) => f([0, 1, 2, 3, 4, 5, 6, 7].map((i) => c.abi.arg(c.cpu, c.mem, i)));
}

import { DARWIN_SYSCALLS, type DarwinHandler } from "./syscalls.ts";

function darwinRow(nr: number): DarwinHandler {
  const r = DARWIN_SYSCALLS.find((x) => x.nr === nr);
  if (!r) throw new RangeError(`No Darwin syscall ${nr}`);
  return r.handler;
}

/**
 * sscanf over guest memory: whitespace, literals, %d %i %u %x %X %o %c %s %f %e %g %n %%, with
 * widths for %s and %c, `*` suppression and the h, hh, l, ll, z, j, t size prefixes. Returns
 * the number of assignments, or EOF when the input ends before the first conversion.
 */
export function scan(mem: AddressSpace, input: number, fmt: Uint8Array, va: VaArgs): number {
  let p = input, assigned = 0, i = 0, convs = 0;
  const at = (k: number) => mem.readU8(k);
  const space = (ch: number) => ch === 32 || (ch >= 9 && ch <= 13);
  while (i < fmt.length) {
    const f = fmt[i];
    if (space(f)) {
      while (space(at(p))) p++;
      i++;
      continue;
    }
    if (f !== 37 || fmt[i + 1] === 37) { // a literal (or %%)
      if (f === 37) i++;
      if (at(p) !== fmt[i]) break;
      p++;
      i++;
      continue;
    }
    i++;
    const suppress = fmt[i] === 42;
    if (suppress) i++;
    let width = 0;
    while (fmt[i] >= 48 && fmt[i] <= 57) width = width * 10 + fmt[i++] - 48;
    let size = "";
    while ([104, 108, 122, 106, 116, 76, 113].includes(fmt[i])) {
      size += String.fromCharCode(fmt[i++]);
    }
    const conv = String.fromCharCode(fmt[i++]);
    if (conv !== "c" && conv !== "n") { while (space(at(p))) p++; }
    if (conv !== "n" && at(p) === 0) return convs === 0 && assigned === 0 ? -1 : assigned;
    const store = (v: bigint) => {
      if (suppress) return;
      const dst = va.ptr();
      if (size === "hh") mem.writeU8(dst, Number(v & 0xffn));
      else if (size === "h") mem.writeU16(dst, Number(v & 0xffffn));
      else if (size === "") mem.writeU32(dst, Number(v & 0xffffffffn));
      else mem.writeBig(dst, v);
      assigned++;
    };
    convs++;
    if ("diuxXo".includes(conv)) {
      const base = conv === "d" || conv === "u" ? 10 : conv === "i" ? 0 : conv === "o" ? 8 : 16;
      const r = conv === "d" || conv === "i" ? cs.strtoll(mem, p, base) : cs.strtoull(mem, p, base);
      if (r.end === p) break;
      p = r.end;
      store(r.value);
    } else if ("feEgGaA".includes(conv)) {
      const r = cs.strtod(mem, p);
      if (r.end === p) break;
      p = r.end;
      if (!suppress) {
        const dst = va.ptr();
        const dv = new DataView(new ArrayBuffer(8));
        if (size === "l" || size === "L") {
          dv.setFloat64(0, r.value, true);
          mem.write(dst, new Uint8Array(dv.buffer));
        } else {
          dv.setFloat32(0, r.value, true);
          mem.write(dst, new Uint8Array(dv.buffer, 0, 4));
        }
        assigned++;
      }
    } else if (conv === "s") {
      const out: number[] = [];
      while (at(p) !== 0 && !space(at(p)) && (width === 0 || out.length < width)) out.push(at(p++));
      if (!suppress) {
        cs.writeCString(mem, va.ptr(), new Uint8Array(out));
        assigned++;
      }
    } else if (conv === "c") {
      const out: number[] = [];
      const n = width || 1;
      while (at(p) !== 0 && out.length < n) out.push(at(p++));
      if (out.length < n) break;
      if (!suppress) {
        mem.write(va.ptr(), new Uint8Array(out));
        assigned++;
      }
    } else if (conv === "n") {
      convs--;
      if (!suppress) mem.writeU32(va.ptr(), p - input);
    } else break; // %[ and others: not supported
  }
  return assigned;
}

function pattern(mem: AddressSpace, dst: number, pat: number, size: number, len: number): number {
  const p = mem.read(pat, size);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = p[i % size];
  mem.write(dst, out);
  return 0;
}

/** qsort: a merge sort whose comparisons are guest calls (a stable order). */
function* qsort(
  _c: LibCall,
  mem: AddressSpace,
  base: number,
  n: number,
  size: number,
  cmp: number,
): Generator<GuestCall, number, number> {
  if (n < 2 || size === 0) return 0;
  const copy = mem.read(base, n * size);
  // Sort indices by comparing the elements in place (guest memory is unchanged until the end).
  let idx = Array.from({ length: n }, (_, i) => i);
  const tmpA = base; // elements are compared where they are
  for (let width = 1; width < n; width *= 2) {
    const next: number[] = [];
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid;
      while (i < mid && j < hi) {
        const r = yield { fn: cmp, args: [tmpA + idx[i] * size, tmpA + idx[j] * size] };
        if ((r | 0) <= 0) next.push(idx[i++]);
        else next.push(idx[j++]);
      }
      while (i < mid) next.push(idx[i++]);
      while (j < hi) next.push(idx[j++]);
    }
    idx = next;
  }
  const out = new Uint8Array(n * size);
  idx.forEach((from, to) => out.set(copy.subarray(from * size, from * size + size), to * size));
  mem.write(base, out);
  return 0;
}

function* bsearch(
  _mem: AddressSpace,
  key: number,
  base: number,
  n: number,
  size: number,
  cmp: number,
): Generator<GuestCall, number, number> {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = (yield { fn: cmp, args: [key, base + mid * size] }) | 0;
    if (r === 0) return base + mid * size;
    if (r < 0) hi = mid;
    else lo = mid + 1;
  }
  return 0;
}
