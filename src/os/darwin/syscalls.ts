/**
 * Darwin (XNU BSD) system calls on top of the Linux personality's sandbox
 * services: one row per call (Darwin number, name, handler). Each handler
 * translates Darwin's numbers, flags and structures and calls the Linux
 * implementation in `src/os/linux/*.ts` with translated arguments, so the
 * path resolver, Deno's permission checks and the descriptor table are the
 * same as for Linux guests. Errors come back as Darwin errno values.
 * @module
 */

import type { CpuState, SyscallAbi } from "../../arch/isa.ts";
import { GuestFault } from "../../memory/errors.ts";
import { SysArgs } from "../linux/args.ts";
import { EFAULT, EIO, SysError } from "../linux/errno.ts";
import { openFlagsFromGuest, openFlagsToGuest } from "../linux/numbers.ts";
import type { LinuxProcess } from "../linux/process.ts";
import { SYSCALLS } from "../linux/syscalls.ts";

/** What a Darwin syscall handler works with. */
export interface DarwinSys {
  proc: LinuxProcess;
  /** A guest scratch area (RW, 64 KiB) for translating structures. */
  scratch: number;
  /** Host randomness for getentropy. */
  random(buf: Uint8Array): void;
}

/** A handler: returns a value >= 0, or a negative Linux errno (or throws SysError). */
export type DarwinHandler = (s: DarwinSys, a: number[]) => number | Promise<number>;

/** One Darwin system call. */
export interface DarwinSyscall {
  nr: number;
  name: string;
  handler: DarwinHandler;
  /** What the call may touch (documentation). */
  cap?: string;
}

/** Linux errno → Darwin errno (the values that differ; the rest, 1-34, are equal). */
const ERRNO_MAP: ReadonlyMap<number, number> = new Map([
  [11, 35], // EAGAIN
  [35, 11], // EDEADLK
  [36, 63], // ENAMETOOLONG
  [37, 77], // ENOLCK
  [38, 78], // ENOSYS
  [39, 66], // ENOTEMPTY
  [40, 62], // ELOOP
  [61, 96], // ENODATA
  [75, 84], // EOVERFLOW
  [84, 92], // EILSEQ
  [88, 38], // ENOTSOCK
  [95, 45], // EOPNOTSUPP -> ENOTSUP
  [97, 47], // EAFNOSUPPORT
  [98, 48], // EADDRINUSE
  [99, 49], // EADDRNOTAVAIL
  [104, 54], // ECONNRESET
  [107, 57], // ENOTCONN
  [110, 60], // ETIMEDOUT
  [111, 61], // ECONNREFUSED
]);

/**
 * A Linux errno as Darwin numbers it.
 *
 * @example
 * ```ts
 * darwinErrno(11); // 35, EAGAIN
 * ```
 */
export function darwinErrno(linux: number): number {
  return ERRNO_MAP.get(linux) ?? (linux > 34 ? 5 /* EIO */ : linux);
}

/** Darwin ENOSYS. */
export const DARWIN_ENOSYS = 78;

const handlers = new Map(SYSCALLS.map((r) => [r.name, r.handler]));

/** A fake ABI whose arguments come from an array (so Linux handlers can be called directly). */
function argsOf(values: number[]): SysArgs {
  const abi: SyscallAbi = {
    number: () => 0,
    arg: (_c, i) => values[i] ?? 0,
    argBig: (_c, i) => BigInt.asUintN(64, BigInt(Math.trunc(values[i] ?? 0))),
    setResult: () => {},
    sp: () => 0,
    setSp: () => {},
  };
  return new SysArgs({} as CpuState, abi);
}

/**
 * Call the Linux implementation `name` with `values` as its arguments.
 * Returns its result (negative Linux errno on failure, never throws SysError).
 */
export function linux(s: DarwinSys, name: string, values: number[]): number | Promise<number> {
  const h = handlers.get(name);
  if (!h) return -38;
  try {
    const r = h(s.proc, argsOf(values));
    if (typeof r === "number") return r;
    return r.catch(errnoOf);
  } catch (e) {
    return errnoOf(e);
  }
}

function errnoOf(e: unknown): number {
  if (e instanceof SysError) return -e.errno;
  if (e instanceof GuestFault) return -EFAULT;
  return -EIO;
}

const AT_FDCWD_DARWIN = -2;
const AT_FDCWD_LINUX = -100;

function dirfd(fd: number): number {
  return (fd | 0) === AT_FDCWD_DARWIN ? AT_FDCWD_LINUX : fd;
}

/** Darwin open flags → Linux (kitemu's generic values, then the guest ISA's). */
export function openFlags(arch: string, f: number): number {
  let l = f & 3;
  if (f & 0x4) l |= 0o4000; // O_NONBLOCK
  if (f & 0x8) l |= 0o2000; // O_APPEND
  if (f & 0x200) l |= 0o100; // O_CREAT
  if (f & 0x400) l |= 0o1000; // O_TRUNC
  if (f & 0x800) l |= 0o200; // O_EXCL
  if (f & 0x100) l |= 0o400000; // O_NOFOLLOW
  if (f & 0x100000) l |= 0o200000; // O_DIRECTORY
  if (f & 0x1000000) l |= 0o2000000; // O_CLOEXEC
  if (f & 0x20000) l |= 0o400; // O_NOCTTY
  return openFlagsToGuest(arch as "aarch64", l);
}

/** Linux open flags (the guest ISA's values) → Darwin's, for F_GETFL. */
export function openFlagsBack(arch: string, guest: number): number {
  const l = openFlagsFromGuest(arch as "aarch64", guest);
  let f = l & 3;
  if (l & 0o4000) f |= 0x4;
  if (l & 0o2000) f |= 0x8;
  return f;
}

/** Darwin RLIMIT_* → Linux (CPU, FSIZE, DATA, STACK, CORE are the same). */
function rlimit(r: number): number {
  return [0, 1, 2, 3, 4, 9, 8, 6, 7][r] ?? 99;
}

/** Darwin mmap flags → Linux. */
function mmapFlags(f: number): number {
  let l = f & 0x13; // MAP_SHARED 1, MAP_PRIVATE 2, MAP_FIXED 0x10
  if (f & 0x1000) l |= 0x20; // MAP_ANON
  return l;
}

/** Copy a Linux struct stat (in scratch) to a Darwin struct stat (64-bit inode, 144 bytes). */
function statOut(s: DarwinSys, linuxAt: number, out: number): void {
  const mem = s.proc.mem;
  const l = new DataView(mem.read(linuxAt, 144).slice().buffer);
  const x86 = s.proc.info.arch === "x86_64";
  const dev = Number(l.getBigUint64(0, true) & 0x7fffffffn);
  const ino = l.getBigUint64(8, true);
  const mode = x86 ? l.getUint32(24, true) : l.getUint32(16, true);
  const nlink = x86 ? Number(l.getBigUint64(16, true)) : l.getUint32(20, true);
  const uid = x86 ? l.getUint32(28, true) : l.getUint32(24, true);
  const gid = x86 ? l.getUint32(32, true) : l.getUint32(28, true);
  const rdev = Number((x86 ? l.getBigUint64(40, true) : l.getBigUint64(32, true)) & 0x7fffffffn);
  const size = l.getBigInt64(48, true);
  const blksize = x86 ? Number(l.getBigInt64(56, true)) : l.getInt32(56, true);
  const blocks = l.getBigInt64(64, true);
  const d = new DataView(new ArrayBuffer(144));
  d.setInt32(0, dev, true);
  d.setUint16(4, mode, true);
  d.setUint16(6, Math.min(nlink, 0xffff), true);
  d.setBigUint64(8, ino, true);
  d.setUint32(16, uid, true);
  d.setUint32(20, gid, true);
  d.setInt32(24, rdev, true);
  for (let t = 0; t < 3; t++) { // atime, mtime, ctime
    d.setBigInt64(32 + 16 * t, l.getBigInt64(72 + 16 * t, true), true);
    d.setBigInt64(40 + 16 * t, l.getBigInt64(80 + 16 * t, true), true);
  }
  d.setBigInt64(80, l.getBigInt64(104, true), true); // birthtime: ctime
  d.setBigInt64(88, l.getBigInt64(112, true), true);
  d.setBigInt64(96, size, true);
  d.setBigInt64(104, blocks, true);
  d.setInt32(112, blksize, true);
  mem.write(out, new Uint8Array(d.buffer));
}

/** Run a stat-like Linux call into scratch, then convert. */
function withStat(s: DarwinSys, out: number, r: number | Promise<number>): number {
  if (typeof r !== "number") return -5;
  if (r < 0) return r;
  statOut(s, s.scratch, out);
  return 0;
}

/** Darwin's ioctl numbers that kitemu translates. */
const TIOCGWINSZ_DARWIN = 0x40087468;
const TIOCGETA_DARWIN = 0x40487413;
const FIONREAD_DARWIN = 0x4004667f;

/** getdirentries64: Linux dirent64 records in scratch → Darwin struct dirent (64-bit inode). */
function getdirentries64(s: DarwinSys, a: number[]): number {
  const [fd, buf, size, basep] = a;
  const mem = s.proc.mem;
  const room = Math.min(Math.floor(size / 2), 32768);
  const r = linux(s, "getdents64", [fd, s.scratch, room]);
  if (typeof r !== "number") return -5;
  if (r < 0) return r;
  const src = mem.read(s.scratch, r).slice();
  const dv = new DataView(src.buffer);
  const out: Uint8Array[] = [];
  let total = 0;
  for (let p = 0; p < r;) {
    const ino = dv.getBigUint64(p, true);
    const off = dv.getBigInt64(p + 8, true);
    const reclen = dv.getUint16(p + 16, true);
    const type = src[p + 18];
    const nameEnd = src.indexOf(0, p + 19);
    const name = src.subarray(p + 19, nameEnd < 0 ? p + reclen : nameEnd);
    const dlen = (21 + name.length + 1 + 7) & ~7;
    const rec = new Uint8Array(dlen);
    const rv = new DataView(rec.buffer);
    rv.setBigUint64(0, ino, true);
    rv.setBigInt64(8, off, true);
    rv.setUint16(16, dlen, true);
    rv.setUint16(18, name.length, true);
    rec[20] = type;
    rec.set(name, 21);
    out.push(rec);
    total += dlen;
    if (reclen === 0) break;
    p += reclen;
  }
  const all = new Uint8Array(total);
  let k = 0;
  for (const rec of out) {
    all.set(rec, k);
    k += rec.length;
  }
  mem.write(buf, all);
  if (basep) {
    const pos = linux(s, "lseek", [fd, 0, 1]);
    if (typeof pos === "number" && pos >= 0) mem.writeBig(basep, BigInt(pos));
  }
  return total;
}

/** The BSD system calls kitemu implements, by Darwin number. */
export const DARWIN_SYSCALLS: readonly DarwinSyscall[] = [
  {
    nr: 1,
    name: "exit",
    handler: (s, a) => {
      s.proc.exit(a[0] | 0);
      return 0;
    },
  },
  { nr: 3, name: "read", handler: (s, a) => linux(s, "read", a), cap: "read" },
  { nr: 4, name: "write", handler: (s, a) => linux(s, "write", a), cap: "write" },
  {
    nr: 5,
    name: "open",
    cap: "read/write",
    handler: (s, a) =>
      linux(s, "openat", [AT_FDCWD_LINUX, a[0], openFlags(s.proc.info.arch, a[1]), a[2]]),
  },
  { nr: 6, name: "close", handler: (s, a) => linux(s, "close", a) },
  {
    nr: 10,
    name: "unlink",
    cap: "write",
    handler: (s, a) => linux(s, "unlinkat", [AT_FDCWD_LINUX, a[0], 0]),
  },
  { nr: 12, name: "chdir", cap: "read", handler: (s, a) => linux(s, "chdir", a) },
  {
    nr: 15,
    name: "chmod",
    cap: "write",
    handler: (s, a) => linux(s, "fchmodat", [AT_FDCWD_LINUX, a[0], a[1]]),
  },
  { nr: 20, name: "getpid", handler: (s) => linux(s, "getpid", []) },
  { nr: 24, name: "getuid", handler: (s) => linux(s, "getuid", []) },
  { nr: 25, name: "geteuid", handler: (s) => linux(s, "geteuid", []) },
  {
    nr: 33,
    name: "access",
    cap: "read",
    handler: (s, a) => linux(s, "faccessat", [AT_FDCWD_LINUX, a[0], a[1]]),
  },
  { nr: 39, name: "getppid", handler: (s) => linux(s, "getppid", []) },
  { nr: 41, name: "dup", handler: (s, a) => linux(s, "dup", a) },
  { nr: 43, name: "getegid", handler: (s) => linux(s, "getegid", []) },
  { nr: 46, name: "sigaction", handler: () => 0 },
  { nr: 47, name: "getgid", handler: (s) => linux(s, "getgid", []) },
  { nr: 48, name: "sigprocmask", handler: () => 0 },
  {
    nr: 54,
    name: "ioctl",
    handler: (s, a) => {
      const req = a[1] >>> 0;
      if (req === TIOCGWINSZ_DARWIN) return linux(s, "ioctl", [a[0], 0x5413, a[2]]);
      if (req === FIONREAD_DARWIN) return linux(s, "ioctl", [a[0], 0x541b, a[2]]);
      if (req === TIOCGETA_DARWIN) {
        const r = linux(s, "ioctl", [a[0], 0x5401, s.scratch]);
        return typeof r === "number" && r < 0 ? r : 0;
      }
      return -25; // ENOTTY
    },
  },
  {
    nr: 58,
    name: "readlink",
    cap: "read",
    handler: (s, a) => linux(s, "readlinkat", [AT_FDCWD_LINUX, a[0], a[1], a[2]]),
  },
  { nr: 73, name: "munmap", handler: (s, a) => linux(s, "munmap", a) },
  { nr: 74, name: "mprotect", handler: (s, a) => linux(s, "mprotect", a) },
  { nr: 90, name: "dup2", handler: (s, a) => linux(s, "dup2", a) },
  {
    nr: 92,
    name: "fcntl",
    handler: (s, a) => {
      const cmd = a[1] | 0;
      if (cmd === 67) return linux(s, "fcntl", [a[0], 1030, a[2]]); // F_DUPFD_CLOEXEC
      if (cmd === 3) { // F_GETFL: Linux flags back to Darwin's
        const r = linux(s, "fcntl", a);
        return typeof r === "number" && r >= 0 ? openFlagsBack(s.proc.info.arch, r) : r;
      }
      if (cmd === 4) return linux(s, "fcntl", [a[0], 4, openFlags(s.proc.info.arch, a[2] & 0xc)]);
      if (cmd >= 0 && cmd <= 2) return linux(s, "fcntl", a);
      return -22;
    },
  },
  { nr: 95, name: "fsync", handler: (s, a) => linux(s, "fsync", a) },
  { nr: 116, name: "gettimeofday", handler: (s, a) => linux(s, "gettimeofday", [a[0], a[1]]) },
  { nr: 120, name: "readv", cap: "read", handler: (s, a) => linux(s, "readv", a) },
  { nr: 121, name: "writev", cap: "write", handler: (s, a) => linux(s, "writev", a) },
  {
    nr: 128,
    name: "rename",
    cap: "write",
    handler: (s, a) => linux(s, "renameat2", [AT_FDCWD_LINUX, a[0], AT_FDCWD_LINUX, a[1], 0]),
  },
  {
    nr: 136,
    name: "mkdir",
    cap: "write",
    handler: (s, a) => linux(s, "mkdirat", [AT_FDCWD_LINUX, a[0], a[1]]),
  },
  {
    nr: 137,
    name: "rmdir",
    cap: "write",
    handler: (s, a) => linux(s, "unlinkat", [AT_FDCWD_LINUX, a[0], 0x200]),
  },
  { nr: 153, name: "pread", cap: "read", handler: (s, a) => linux(s, "pread64", a) },
  { nr: 154, name: "pwrite", cap: "write", handler: (s, a) => linux(s, "pwrite64", a) },
  { nr: 194, name: "getrlimit", handler: (s, a) => linux(s, "getrlimit", [rlimit(a[0]), a[1]]) },
  {
    nr: 197,
    name: "mmap",
    handler: (s, a) => linux(s, "mmap", [a[0], a[1], a[2], mmapFlags(a[3]), a[4], a[5]]),
  },
  { nr: 199, name: "lseek", handler: (s, a) => linux(s, "lseek", a) },
  { nr: 201, name: "ftruncate", cap: "write", handler: (s, a) => linux(s, "ftruncate", a) },
  { nr: 327, name: "issetugid", handler: () => 0 },
  {
    nr: 338,
    name: "stat64",
    cap: "read",
    handler: (s, a) =>
      withStat(s, a[1], linux(s, "newfstatat", [AT_FDCWD_LINUX, a[0], s.scratch, 0])),
  },
  {
    nr: 339,
    name: "fstat64",
    handler: (s, a) => withStat(s, a[1], linux(s, "fstat", [a[0], s.scratch])),
  },
  {
    nr: 340,
    name: "lstat64",
    cap: "read",
    handler: (s, a) =>
      withStat(s, a[1], linux(s, "newfstatat", [AT_FDCWD_LINUX, a[0], s.scratch, 0x100])),
  },
  { nr: 344, name: "getdirentries64", cap: "read", handler: getdirentries64 },
  { nr: 372, name: "thread_selfid", handler: (s) => linux(s, "gettid", []) },
  {
    nr: 463,
    name: "openat",
    cap: "read/write",
    handler: (s, a) =>
      linux(s, "openat", [dirfd(a[0]), a[1], openFlags(s.proc.info.arch, a[2]), a[3]]),
  },
  {
    nr: 469,
    name: "fstatat64",
    cap: "read",
    handler: (s, a) =>
      withStat(
        s,
        a[2],
        linux(s, "newfstatat", [dirfd(a[0]), a[1], s.scratch, (a[3] & 0x20) ? 0x100 : 0]),
      ),
  },
  {
    nr: 500,
    name: "getentropy",
    handler: (s, a) => {
      const len = a[1];
      if (len < 0 || len > 256) return -5; // EIO, as Darwin says for > 256
      const b = new Uint8Array(len);
      s.random(b);
      s.proc.mem.write(a[0], b);
      return 0;
    },
  },
];

const BY_NR = new Map(DARWIN_SYSCALLS.map((r) => [r.nr, r]));

/** The row for a Darwin number. */
export function darwinSyscall(nr: number): DarwinSyscall | undefined {
  return BY_NR.get(nr);
}
