/**
 * Linux ABI constants the syscall layer decodes: open flags (with the AArch64
 * differences), *at flags, fcntl commands, mmap and madvise values, signals,
 * clocks, resources and ioctl requests, plus their names for the trace.
 *
 * Internally kitemu uses the generic (x86-64 and RISC-V) open flag values;
 * AArch64's differing bits are translated at the syscall boundary.
 * @module
 */

import type { Arch } from "../../loader/image.ts";

// ---- open(2) flags: generic values (x86-64, RISC-V) ---------------------------

/** Access mode mask. */
export const O_ACCMODE = 3;
/** Open for reading. */
export const O_RDONLY = 0;
/** Open for writing. */
export const O_WRONLY = 1;
/** Open for reading and writing. */
export const O_RDWR = 2;
/** Create if missing. */
export const O_CREAT = 0o100;
/** With O_CREAT: fail if it exists. */
export const O_EXCL = 0o200;
/** Do not become the controlling terminal. */
export const O_NOCTTY = 0o400;
/** Truncate to length 0. */
export const O_TRUNC = 0o1000;
/** Writes go to the end. */
export const O_APPEND = 0o2000;
/** Non-blocking I/O. */
export const O_NONBLOCK = 0o4000;
/** Synchronized data writes. */
export const O_DSYNC = 0o10000;
/** Signal-driven I/O. */
export const O_ASYNC = 0o20000;
/** Direct I/O. */
export const O_DIRECT = 0o40000;
/** Large file offsets (always on for 64-bit). */
export const O_LARGEFILE = 0o100000;
/** Must be a directory. */
export const O_DIRECTORY = 0o200000;
/** Do not follow a final symlink. */
export const O_NOFOLLOW = 0o400000;
/** Do not update the access time. */
export const O_NOATIME = 0o1000000;
/** Close on exec. */
export const O_CLOEXEC = 0o2000000;
/** Synchronized writes (includes O_DSYNC). */
export const O_SYNC = 0o4010000;
/** A path-only descriptor. */
export const O_PATH = 0o10000000;
/** An unnamed temporary file (includes O_DIRECTORY). */
export const O_TMPFILE = 0o20200000;

/** AArch64's values for the four bits it numbers differently. */
const A64_DIRECTORY = 0o40000;
const A64_NOFOLLOW = 0o100000;
const A64_DIRECT = 0o200000;
const A64_LARGEFILE = 0o400000;

const SWAP: [number, number][] = [
  [A64_DIRECTORY, O_DIRECTORY],
  [A64_NOFOLLOW, O_NOFOLLOW],
  [A64_DIRECT, O_DIRECT],
  [A64_LARGEFILE, O_LARGEFILE],
];

function remap(flags: number, pairs: [number, number][]): number {
  let out = flags;
  for (const [from] of pairs) out &= ~from;
  for (const [from, to] of pairs) if (flags & from) out |= to;
  return out;
}

/** Guest open flags to kitemu's generic values. */
export function openFlagsFromGuest(arch: Arch, flags: number): number {
  if (arch !== "aarch64") return flags;
  return remap(flags, SWAP);
}

/** kitemu's generic open flags to the guest's values (for F_GETFL). */
export function openFlagsToGuest(arch: Arch, flags: number): number {
  if (arch !== "aarch64") return flags;
  return remap(flags, SWAP.map(([a, b]) => [b, a]));
}

// ---- *at(2) ---------------------------------------------------------------------

/** The "current directory" dirfd. */
export const AT_FDCWD = -100;
/** Do not follow a final symlink. */
export const AT_SYMLINK_NOFOLLOW = 0x100;
/** unlinkat: remove a directory. */
export const AT_REMOVEDIR = 0x200;
/** faccessat: use the effective ids. */
export const AT_EACCESS = 0x200;
/** linkat: follow a final symlink. */
export const AT_SYMLINK_FOLLOW = 0x400;
/** Do not automount. */
export const AT_NO_AUTOMOUNT = 0x800;
/** An empty path means the dirfd itself. */
export const AT_EMPTY_PATH = 0x1000;
/** statx: sync mode mask (ignored). */
export const AT_STATX_SYNC_TYPE = 0x6000;

/** renameat2: do not replace an existing target. */
export const RENAME_NOREPLACE = 1;
/** renameat2: swap the two names. */
export const RENAME_EXCHANGE = 2;

// ---- lseek, fcntl -----------------------------------------------------------------

/** Seek from the start. */
export const SEEK_SET = 0;
/** Seek from the current offset. */
export const SEEK_CUR = 1;
/** Seek from the end. */
export const SEEK_END = 2;
/** Next data at or after the offset. */
export const SEEK_DATA = 3;
/** Next hole at or after the offset. */
export const SEEK_HOLE = 4;

/** fcntl commands. */
export const F_DUPFD = 0;
/** Get descriptor flags. */
export const F_GETFD = 1;
/** Set descriptor flags. */
export const F_SETFD = 2;
/** Get status flags. */
export const F_GETFL = 3;
/** Set status flags. */
export const F_SETFL = 4;
/** Get a record lock. */
export const F_GETLK = 5;
/** Set a record lock. */
export const F_SETLK = 6;
/** Set a record lock, waiting. */
export const F_SETLKW = 7;
/** Open file description lock: get. */
export const F_OFD_GETLK = 36;
/** Open file description lock: set. */
export const F_OFD_SETLK = 37;
/** Open file description lock: set, waiting. */
export const F_OFD_SETLKW = 38;
/** Duplicate with close-on-exec. */
export const F_DUPFD_CLOEXEC = 1030;
/** Set the pipe buffer size. */
export const F_SETPIPE_SZ = 1031;
/** Get the pipe buffer size. */
export const F_GETPIPE_SZ = 1032;
/** The close-on-exec descriptor flag. */
export const FD_CLOEXEC = 1;

/** Status flags that F_SETFL may change. */
export const SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

// ---- memory -------------------------------------------------------------------------

/** Readable. */
export const PROT_READ = 1;
/** Writable. */
export const PROT_WRITE = 2;
/** Executable. */
export const PROT_EXEC = 4;
/** mprotect: extend down to the start of a grows-down mapping. */
export const PROT_GROWSDOWN = 0x01000000;
/** mprotect: extend up. */
export const PROT_GROWSUP = 0x02000000;

/** Shared mapping. */
export const MAP_SHARED = 0x01;
/** Private mapping. */
export const MAP_PRIVATE = 0x02;
/** Shared, with flag validation. */
export const MAP_SHARED_VALIDATE = 0x03;
/** Mapping type mask. */
export const MAP_TYPE = 0x0f;
/** Exactly at addr, replacing. */
export const MAP_FIXED = 0x10;
/** Not backed by a file. */
export const MAP_ANONYMOUS = 0x20;
/** Stack-like. */
export const MAP_GROWSDOWN = 0x100;
/** Ignored. */
export const MAP_DENYWRITE = 0x800;
/** Ignored. */
export const MAP_EXECUTABLE = 0x1000;
/** Lock the pages. */
export const MAP_LOCKED = 0x2000;
/** Do not reserve swap. */
export const MAP_NORESERVE = 0x4000;
/** Prefault. */
export const MAP_POPULATE = 0x8000;
/** With MAP_POPULATE: do not block. */
export const MAP_NONBLOCK = 0x10000;
/** A thread stack. */
export const MAP_STACK = 0x20000;
/** Huge pages. */
export const MAP_HUGETLB = 0x40000;
/** Synchronous page faults (DAX). */
export const MAP_SYNC = 0x80000;
/** Exactly at addr, failing with EEXIST if something is there. */
export const MAP_FIXED_NOREPLACE = 0x100000;

/** mremap: the mapping may move. */
export const MREMAP_MAYMOVE = 1;
/** mremap: move to new_addr. */
export const MREMAP_FIXED = 2;
/** mremap: keep the old mapping. */
export const MREMAP_DONTUNMAP = 4;

/** madvise advice values. */
export const MADV_NORMAL = 0;
/** Expect random access. */
export const MADV_RANDOM = 1;
/** Expect sequential access. */
export const MADV_SEQUENTIAL = 2;
/** Will need these pages. */
export const MADV_WILLNEED = 3;
/** Drop the pages: private anonymous memory reads back as zero. */
export const MADV_DONTNEED = 4;
/** The pages may be freed lazily. */
export const MADV_FREE = 8;
/** Free the pages and their backing store. */
export const MADV_REMOVE = 9;

// ---- names for the trace ----------------------------------------------------------

/** A table of named bits for {@link formatFlags}. */
export type FlagTable = readonly (readonly [number, string])[];

/**
 * Render a flag word as `NAME|NAME|0x...`, with `zero` for 0.
 *
 * @example
 * ```ts
 * formatFlags(3, [[1, "A"], [2, "B"]], "0"); // "A|B"
 * ```
 */
export function formatFlags(value: number, table: FlagTable, zero = "0"): string {
  let rest = value >>> 0;
  const parts: string[] = [];
  for (const [bit, name] of table) {
    if (bit !== 0 && (rest & bit) === bit) {
      parts.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest) parts.push("0x" + rest.toString(16));
  return parts.length ? parts.join("|") : zero;
}

/** Open flags other than the access mode, by name (generic values). */
export const OPEN_FLAG_NAMES: FlagTable = [
  [O_TMPFILE, "O_TMPFILE"],
  [O_SYNC, "O_SYNC"],
  [O_CREAT, "O_CREAT"],
  [O_EXCL, "O_EXCL"],
  [O_NOCTTY, "O_NOCTTY"],
  [O_TRUNC, "O_TRUNC"],
  [O_APPEND, "O_APPEND"],
  [O_NONBLOCK, "O_NONBLOCK"],
  [O_DSYNC, "O_DSYNC"],
  [O_ASYNC, "O_ASYNC"],
  [O_DIRECT, "O_DIRECT"],
  [O_LARGEFILE, "O_LARGEFILE"],
  [O_DIRECTORY, "O_DIRECTORY"],
  [O_NOFOLLOW, "O_NOFOLLOW"],
  [O_NOATIME, "O_NOATIME"],
  [O_CLOEXEC, "O_CLOEXEC"],
  [O_PATH, "O_PATH"],
];

/** Render open flags (generic values) the way strace does: `O_RDONLY|O_CLOEXEC`. */
export function formatOpenFlags(flags: number): string {
  const acc = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][flags & O_ACCMODE];
  const rest = formatFlags(flags & ~O_ACCMODE, OPEN_FLAG_NAMES, "");
  return rest ? `${acc}|${rest}` : acc;
}

/** PROT_* names. */
export const PROT_NAMES: FlagTable = [
  [PROT_READ, "PROT_READ"],
  [PROT_WRITE, "PROT_WRITE"],
  [PROT_EXEC, "PROT_EXEC"],
  [PROT_GROWSDOWN, "PROT_GROWSDOWN"],
  [PROT_GROWSUP, "PROT_GROWSUP"],
];

/** MAP_* names other than the type. */
export const MAP_FLAG_NAMES: FlagTable = [
  [MAP_FIXED, "MAP_FIXED"],
  [MAP_ANONYMOUS, "MAP_ANONYMOUS"],
  [MAP_GROWSDOWN, "MAP_GROWSDOWN"],
  [MAP_DENYWRITE, "MAP_DENYWRITE"],
  [MAP_EXECUTABLE, "MAP_EXECUTABLE"],
  [MAP_LOCKED, "MAP_LOCKED"],
  [MAP_NORESERVE, "MAP_NORESERVE"],
  [MAP_POPULATE, "MAP_POPULATE"],
  [MAP_NONBLOCK, "MAP_NONBLOCK"],
  [MAP_STACK, "MAP_STACK"],
  [MAP_HUGETLB, "MAP_HUGETLB"],
  [MAP_SYNC, "MAP_SYNC"],
  [MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE"],
];

/** Render mmap flags: `MAP_PRIVATE|MAP_ANONYMOUS`. */
export function formatMapFlags(flags: number): string {
  const type = ["0", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE"][flags & MAP_TYPE] ??
    "0x" + (flags & MAP_TYPE).toString(16);
  const rest = formatFlags(flags & ~MAP_TYPE, MAP_FLAG_NAMES, "");
  return rest ? `${type}|${rest}` : type;
}

/** *at flag names. */
export const AT_FLAG_NAMES: FlagTable = [
  [AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"],
  [AT_REMOVEDIR, "AT_REMOVEDIR"],
  [AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW"],
  [AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT"],
  [AT_EMPTY_PATH, "AT_EMPTY_PATH"],
];

/** Signal names by number (generic numbering, shared by x86-64, AArch64, RISC-V). */
export const SIGNAL_NAMES: readonly string[] = [
  "0",
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS",
];

/** The name of a signal, e.g. 6 → "SIGABRT", 34 → "SIGRTMIN". */
export function signalName(sig: number): string {
  if (sig >= 0 && sig < SIGNAL_NAMES.length) return SIGNAL_NAMES[sig];
  if (sig === 32) return "SIGRT_0";
  if (sig === 33) return "SIGRT_1";
  if (sig === 34) return "SIGRTMIN";
  if (sig > 34 && sig <= 64) return `SIGRTMIN+${sig - 34}`;
  return String(sig);
}

/** Clock names by id. */
export const CLOCK_NAMES: readonly string[] = [
  "CLOCK_REALTIME",
  "CLOCK_MONOTONIC",
  "CLOCK_PROCESS_CPUTIME_ID",
  "CLOCK_THREAD_CPUTIME_ID",
  "CLOCK_MONOTONIC_RAW",
  "CLOCK_REALTIME_COARSE",
  "CLOCK_MONOTONIC_COARSE",
  "CLOCK_BOOTTIME",
  "CLOCK_REALTIME_ALARM",
  "CLOCK_BOOTTIME_ALARM",
  "10",
  "CLOCK_TAI",
];

/** Resource names by number (RLIMIT_*). */
export const RLIMIT_NAMES: readonly string[] = [
  "RLIMIT_CPU",
  "RLIMIT_FSIZE",
  "RLIMIT_DATA",
  "RLIMIT_STACK",
  "RLIMIT_CORE",
  "RLIMIT_RSS",
  "RLIMIT_NPROC",
  "RLIMIT_NOFILE",
  "RLIMIT_MEMLOCK",
  "RLIMIT_AS",
  "RLIMIT_LOCKS",
  "RLIMIT_SIGPENDING",
  "RLIMIT_MSGQUEUE",
  "RLIMIT_NICE",
  "RLIMIT_RTPRIO",
  "RLIMIT_RTTIME",
];

/** Number of resource limits. */
export const RLIM_NLIMITS = 16;
/** RLIMIT_STACK. */
export const RLIMIT_STACK = 3;
/** RLIMIT_NOFILE. */
export const RLIMIT_NOFILE = 7;
/** RLIMIT_AS. */
export const RLIMIT_AS = 9;
/** RLIMIT_CORE. */
export const RLIMIT_CORE = 4;
/** RLIMIT_NPROC. */
export const RLIMIT_NPROC = 6;
/** RLIMIT_MEMLOCK. */
export const RLIMIT_MEMLOCK = 8;
/** RLIMIT_SIGPENDING. */
export const RLIMIT_SIGPENDING = 11;
/** RLIMIT_MSGQUEUE. */
export const RLIMIT_MSGQUEUE = 12;
/** "No limit" (all ones). */
export const RLIM_INFINITY = (1n << 64n) - 1n;

/** ioctl requests kitemu knows (generic values, shared by x86-64, AArch64, RISC-V). */
export const TCGETS = 0x5401;
/** Set terminal attributes. */
export const TCSETS = 0x5402;
/** Set terminal attributes after draining. */
export const TCSETSW = 0x5403;
/** Set terminal attributes after flushing. */
export const TCSETSF = 0x5404;
/** Get the foreground process group. */
export const TIOCGPGRP = 0x540f;
/** Set the foreground process group. */
export const TIOCSPGRP = 0x5410;
/** Get the window size. */
export const TIOCGWINSZ = 0x5413;
/** Set the window size. */
export const TIOCSWINSZ = 0x5414;
/** Bytes available to read. */
export const FIONREAD = 0x541b;
/** Set or clear non-blocking mode. */
export const FIONBIO = 0x5421;
/** Clear close-on-exec. */
export const FIONCLEX = 0x5450;
/** Set close-on-exec. */
export const FIOCLEX = 0x5451;

/** ioctl request names. */
export const IOCTL_NAMES: ReadonlyMap<number, string> = new Map([
  [TCGETS, "TCGETS"],
  [TCSETS, "TCSETS"],
  [TCSETSW, "TCSETSW"],
  [TCSETSF, "TCSETSF"],
  [TIOCGPGRP, "TIOCGPGRP"],
  [TIOCSPGRP, "TIOCSPGRP"],
  [TIOCGWINSZ, "TIOCGWINSZ"],
  [TIOCSWINSZ, "TIOCSWINSZ"],
  [FIONREAD, "FIONREAD"],
  [FIONBIO, "FIONBIO"],
  [FIONCLEX, "FIONCLEX"],
  [FIOCLEX, "FIOCLEX"],
]);

/** fcntl command names. */
export const FCNTL_NAMES: ReadonlyMap<number, string> = new Map([
  [F_DUPFD, "F_DUPFD"],
  [F_GETFD, "F_GETFD"],
  [F_SETFD, "F_SETFD"],
  [F_GETFL, "F_GETFL"],
  [F_SETFL, "F_SETFL"],
  [F_GETLK, "F_GETLK"],
  [F_SETLK, "F_SETLK"],
  [F_SETLKW, "F_SETLKW"],
  [F_OFD_GETLK, "F_OFD_GETLK"],
  [F_OFD_SETLK, "F_OFD_SETLK"],
  [F_OFD_SETLKW, "F_OFD_SETLKW"],
  [F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC"],
  [F_SETPIPE_SZ, "F_SETPIPE_SZ"],
  [F_GETPIPE_SZ, "F_GETPIPE_SZ"],
]);
