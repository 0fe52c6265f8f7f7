/**
 * The Linux system call table and its dispatcher. One row per call: its name,
 * its numbers on each ISA (AArch64 and RISC-V share the generic table, x86-64
 * has its own), the formats of its arguments (which drive the trace), the
 * capability it checks, and its handler. The handlers are shared by all ISAs.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import type { Arch } from "../../loader/image.ts";
import { GuestFault } from "../../memory/errors.ts";
import { SysArgs } from "./args.ts";
import { EFAULT, EIO, ENOSYS, SysError } from "./errno.ts";
import * as fs from "./fs.ts";
import * as mm from "./mm.ts";
import * as net from "./net.ts";
import * as pl from "./poll.ts";
import * as pr from "./proc.ts";
import * as sc from "./sched.ts";
import type { LinuxProcess } from "./process.ts";
import { bindCpu, cpuOf, deliverPending, hasDeliverable, sysRtSigreturn } from "./signals.ts";
import { sysArchPrctl } from "./arch_prctl.ts";
import { type ArgFormat, formatCall, formatUnknown } from "./trace.ts";

/** What a handler returns: the result (negative errno on failure), or a Promise of it when it had to wait. */
export type SyscallResult = number | Promise<number>;

/** A system call implementation. It may also throw a SysError or a GuestFault. */
export type SyscallHandler = (proc: LinuxProcess, args: SysArgs) => SyscallResult;

/** The capability a call is checked against (paths are checked after resolution). */
export type Capability = "read" | "write" | "net" | "env";

/** How complete a row is, for doc/SYSCALLS.md. */
export type SyscallStatus = "full" | "partial" | "stub";

/** One row of the table. */
export interface SyscallRow {
  name: string;
  nr: { riscv64?: number; aarch64?: number; x86_64?: number };
  args: ArgFormat[];
  cap?: Capability | "read/write";
  /** How the result is shown: decimal (default), hex (addresses), octal (umask), "?" (exit). */
  ret?: "hex" | "octal" | "none";
  status: SyscallStatus;
  /** What is missing or approximated. */
  note?: string;
  handler: SyscallHandler;
}

/** Numbers of a call in the generic table (AArch64, RISC-V) and on x86-64. */
function g(generic: number, x86: number): SyscallRow["nr"] {
  return { riscv64: generic, aarch64: generic, x86_64: x86 };
}
/** Numbers of a legacy call that only x86-64 has. */
function x(x86: number): SyscallRow["nr"] {
  return { x86_64: x86 };
}

const PARTIAL = "partial" as const;
const STUB = "stub" as const;

/** Build a row; `status` defaults to "full". */
function row(
  name: string,
  nr: SyscallRow["nr"],
  args: ArgFormat[],
  handler: SyscallHandler,
  extra: Partial<Pick<SyscallRow, "cap" | "ret" | "status" | "note">> = {},
): SyscallRow {
  return { name, nr, args, handler, status: "full", ...extra };
}

/** Every system call kitemu knows. */
export const SYSCALLS: readonly SyscallRow[] = [
  // ---- file I/O ----
  row("read", g(63, 0), ["fd", "buf_out", "size"], fs.sysRead, { cap: "read" }),
  row("write", g(64, 1), ["fd", "buf_in", "size"], fs.sysWrite, { cap: "write" }),
  row("readv", g(65, 19), ["fd", "iov_out", "int"], fs.sysReadv, { cap: "read" }),
  row("writev", g(66, 20), ["fd", "iov_in", "int"], fs.sysWritev, { cap: "write" }),
  row("pread64", g(67, 17), ["fd", "buf_out", "size", "off"], fs.sysPread, { cap: "read" }),
  row("pwrite64", g(68, 18), ["fd", "buf_in", "size", "off"], fs.sysPwrite, { cap: "write" }),
  row("sendfile", g(71, 40), ["fd", "fd", "ptr", "size"], fs.sysSendfile, { cap: "read/write" }),
  row("lseek", g(62, 8), ["fd", "off", "whence"], fs.sysLseek),
  row("openat", g(56, 257), ["dirfd", "path", "flags_open", "open_mode"], fs.sysOpenat, {
    cap: "read/write",
    note: "O_TMPFILE files cannot be linked in later (their name is removed at once)",
  }),
  row("open", x(2), ["path", "flags_open", "open_mode"], fs.sysOpen, {
    cap: "read/write",
    note: "as openat",
  }),
  row("close", g(57, 3), ["fd"], fs.sysClose),
  row("fstat", g(80, 5), ["fd", "ptr"], fs.sysFstat),
  row("newfstatat", g(79, 262), ["dirfd", "path", "ptr", "at_flags"], fs.sysNewfstatat, {
    cap: "read",
  }),
  row("stat", x(4), ["path", "ptr"], fs.sysStat, { cap: "read" }),
  row("lstat", x(6), ["path", "ptr"], fs.sysLstat, { cap: "read" }),
  row("statx", g(291, 332), ["dirfd", "path", "at_flags", "hex", "ptr"], fs.sysStatx, {
    cap: "read",
  }),
  row("getdents64", g(61, 217), ["fd", "ptr", "size"], fs.sysGetdents64, { cap: "read" }),
  row("getcwd", g(17, 79), ["ptr", "size"], fs.sysGetcwd),
  row("chdir", g(49, 80), ["path"], fs.sysChdir, { cap: "read" }),
  row("fchdir", g(50, 81), ["fd"], fs.sysFchdir),
  row("readlinkat", g(78, 267), ["dirfd", "path", "buf_out", "size"], fs.sysReadlinkat, {
    cap: "read",
  }),
  row("readlink", x(89), ["path", "buf_out", "size"], fs.sysReadlink, { cap: "read" }),
  row("faccessat", g(48, 269), ["dirfd", "path", "int"], fs.sysFaccessat, {
    cap: "read",
    status: PARTIAL,
    note: "mode bits: any class counts",
  }),
  row("faccessat2", g(439, 439), ["dirfd", "path", "int", "at_flags"], fs.sysFaccessat2, {
    cap: "read",
    status: PARTIAL,
    note: "mode bits: any class counts",
  }),
  row("access", x(21), ["path", "int"], fs.sysAccess, {
    cap: "read",
    status: PARTIAL,
    note: "as faccessat",
  }),
  row("mkdirat", g(34, 258), ["dirfd", "path", "mode"], fs.sysMkdirat, { cap: "write" }),
  row("mkdir", x(83), ["path", "mode"], fs.sysMkdir, { cap: "write" }),
  row("unlinkat", g(35, 263), ["dirfd", "path", "at_flags"], fs.sysUnlinkat, { cap: "write" }),
  row("unlink", x(87), ["path"], fs.sysUnlink, { cap: "write" }),
  row("rmdir", x(84), ["path"], fs.sysRmdir, { cap: "write" }),
  row(
    "renameat",
    { aarch64: 38, x86_64: 264 },
    ["dirfd", "path", "dirfd", "path"],
    fs.sysRenameat,
    { cap: "write" },
  ),
  row("renameat2", g(276, 316), ["dirfd", "path", "dirfd", "path", "uint"], fs.sysRenameat2, {
    cap: "write",
    status: PARTIAL,
    note: "RENAME_EXCHANGE is three renames (not atomic); RENAME_WHITEOUT: EINVAL",
  }),
  row("rename", x(82), ["path", "path"], fs.sysRename, { cap: "write" }),
  row("symlinkat", g(36, 266), ["path", "dirfd", "path"], fs.sysSymlinkat, {
    cap: "write",
    note: "Deno requires full read and write permission",
  }),
  row("symlink", x(88), ["path", "path"], fs.sysSymlink, { cap: "write", note: "as symlinkat" }),
  row("linkat", g(37, 265), ["dirfd", "path", "dirfd", "path", "at_flags"], fs.sysLinkat, {
    cap: "write",
    note: "needs write on the old path too",
  }),
  row("link", x(86), ["path", "path"], fs.sysLink, { cap: "write", note: "as linkat" }),
  row("fchmodat", g(53, 268), ["dirfd", "path", "mode"], fs.sysFchmodat, { cap: "write" }),
  row("fchmod", g(52, 91), ["fd", "mode"], fs.sysFchmod, { cap: "write" }),
  row("chmod", x(90), ["path", "mode"], fs.sysChmod, { cap: "write" }),
  row("fchownat", g(54, 260), ["dirfd", "path", "int", "int", "at_flags"], fs.sysChownLike(1, 2), {
    cap: "write",
    status: STUB,
    note: "EPERM unless both ids are -1",
  }),
  row("fchown", g(55, 93), ["fd", "int", "int"], fs.sysChownLike(-1, 1), {
    cap: "write",
    status: STUB,
    note: "EPERM unless both ids are -1",
  }),
  row("chown", x(92), ["path", "int", "int"], fs.sysChownLike(0, 1), {
    cap: "write",
    status: STUB,
    note: "EPERM unless both ids are -1",
  }),
  row("lchown", x(94), ["path", "int", "int"], fs.sysChownLike(0, 1), {
    cap: "write",
    status: STUB,
    note: "EPERM unless both ids are -1",
  }),
  row("utimensat", g(88, 280), ["dirfd", "path", "ptr", "at_flags"], fs.sysUtimensat, {
    cap: "write",
    status: PARTIAL,
    note: "AT_SYMLINK_NOFOLLOW on a link: EOPNOTSUPP",
  }),
  row("truncate", g(45, 76), ["path", "off"], fs.sysTruncate, { cap: "write" }),
  row("ftruncate", g(46, 77), ["fd", "off"], fs.sysFtruncate, { cap: "write" }),
  row("fsync", g(82, 74), ["fd"], fs.sysFsync),
  row("fdatasync", g(83, 75), ["fd"], fs.sysFsync),
  row("sync", g(81, 162), [], pr.sysZero, { status: STUB }),
  row("fcntl", g(25, 72), ["fd", "fcntl_cmd", "hex"], fs.sysFcntl, {
    status: PARTIAL,
    note: "locks always succeed (one process); no F_SETOWN, leases, seals",
  }),
  row("dup", g(23, 32), ["fd"], fs.sysDup),
  row("dup2", x(33), ["fd", "fd"], fs.sysDup2),
  row("dup3", g(24, 292), ["fd", "fd", "flags_open"], fs.sysDup3),
  row("ioctl", g(29, 16), ["fd", "ioctl_req", "ptr"], fs.sysIoctl, {
    status: PARTIAL,
    note:
      "terminal: TCGETS, TCSETS* (stored, not applied), TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP; FIONREAD, FIONBIO, FIOCLEX, FIONCLEX; else ENOTTY",
  }),
  row("pipe2", g(59, 293), ["ptr", "flags_open"], fs.sysPipe2, {
    note:
      "in-process; a read of an empty pipe (or a write to a full one) waits while other guest processes run",
  }),
  row("pipe", x(22), ["ptr"], fs.sysPipe, { note: "as pipe2" }),
  row("umask", g(166, 95), ["octal"], pr.sysUmask, { ret: "octal" }),
  row("poll", x(7), ["ptr", "uint", "int"], pl.sysPoll, {
    note: "waits on sockets and pipes; a signal interrupts the wait (EINTR)",
  }),
  row("ppoll", g(73, 271), ["ptr", "uint", "ptr", "ptr", "size"], pl.sysPpoll, {
    note: "as poll; the signal mask is checked, not applied while waiting",
  }),
  row("select", x(23), ["int", "ptr", "ptr", "ptr", "ptr"], pl.sysSelect, {
    note: "as poll; the timeout is not updated",
  }),
  row("pselect6", g(72, 270), ["int", "ptr", "ptr", "ptr", "ptr", "ptr"], pl.sysPselect6, {
    note: "as select",
  }),
  row(
    "copy_file_range",
    g(285, 326),
    ["fd", "ptr", "fd", "ptr", "size", "uint"],
    fs.sysCopyFileRange,
    { cap: "read/write", note: "host files only (else EINVAL)" },
  ),
  row("statfs", g(43, 137), ["path", "ptr"], fs.sysStatfs, {
    cap: "read",
    note: "fixed figures (ext4, 64 GiB) that reveal nothing of the host",
  }),
  row("fstatfs", g(44, 138), ["fd", "ptr"], fs.sysFstatfs, { note: "as statfs" }),

  // ---- sockets (AF_INET, AF_INET6 TCP) ----
  row("socket", g(198, 41), ["int", "hex", "int"], net.sysSocket, {
    status: PARTIAL,
    note: "AF_INET/AF_INET6 SOCK_STREAM only (else EAFNOSUPPORT/ESOCKTNOSUPPORT)",
  }),
  row("socketpair", g(199, 53), ["int", "hex", "int", "ptr"], net.sysSocketpair, {
    status: STUB,
    note: "no AF_UNIX: EAFNOSUPPORT",
  }),
  row("bind", g(200, 49), ["fd", "ptr", "int"], net.sysBind, {
    cap: "net",
    note: "binds and listens on the host at once (Deno has no bare bind)",
  }),
  row("listen", g(201, 50), ["fd", "int"], net.sysListen, {
    cap: "net",
    note: "an unbound socket is bound to the any address, port 0, which needs that grant",
  }),
  row("accept", g(202, 43), ["fd", "ptr", "ptr"], net.sysAccept, {
    note: "the listening address was checked at bind",
  }),
  row("accept4", g(242, 288), ["fd", "ptr", "ptr", "hex"], net.sysAccept4, { note: "as accept" }),
  row("connect", g(203, 42), ["fd", "ptr", "int"], net.sysConnect, {
    cap: "net",
    note: "numeric address checked against --allow-net; a bound local port is given up",
  }),
  row("getsockname", g(204, 51), ["fd", "ptr", "ptr"], net.sysGetsockname),
  row("getpeername", g(205, 52), ["fd", "ptr", "ptr"], net.sysGetpeername),
  row("sendto", g(206, 44), ["fd", "buf_in", "size", "hex", "ptr", "int"], net.sysSendto, {
    note: "connected sockets only (the address is ignored, as for TCP)",
  }),
  row("recvfrom", g(207, 45), ["fd", "buf_out", "size", "hex", "ptr", "ptr"], net.sysRecvfrom),
  row("setsockopt", g(208, 54), ["fd", "int", "int", "ptr", "int"], net.sysSetsockopt, {
    status: PARTIAL,
    note: "stored; TCP_NODELAY applied; unknown options ENOPROTOOPT",
  }),
  row("getsockopt", g(209, 55), ["fd", "int", "int", "ptr", "ptr"], net.sysGetsockopt, {
    status: PARTIAL,
    note: "as setsockopt; SO_ERROR, SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN",
  }),
  row("shutdown", g(210, 48), ["fd", "int"], net.sysShutdown),
  row("sendmsg", g(211, 46), ["fd", "ptr", "hex"], net.sysSendmsg, {
    status: PARTIAL,
    note: "no ancillary data",
  }),
  row("recvmsg", g(212, 47), ["fd", "ptr", "hex"], net.sysRecvmsg, {
    status: PARTIAL,
    note: "no ancillary data",
  }),

  // ---- memory ----
  row("brk", g(214, 12), ["ptr"], mm.sysBrk, { ret: "hex" }),
  row("mmap", g(222, 9), ["ptr", "size", "prot", "mmap_flags", "fd", "off"], mm.sysMmap, {
    ret: "hex",
    status: PARTIAL,
    note:
      "shared file mappings are copies written back at msync, munmap, exit and reads of the file; file writes do not show in them",
  }),
  row("munmap", g(215, 11), ["ptr", "size"], mm.sysMunmap),
  row("mprotect", g(226, 10), ["ptr", "size", "prot"], mm.sysMprotect),
  row("mremap", g(216, 25), ["ptr", "size", "size", "hex", "ptr"], mm.sysMremap, { ret: "hex" }),
  row("madvise", g(233, 28), ["ptr", "size", "int"], mm.sysMadvise, {
    status: PARTIAL,
    note: "MADV_DONTNEED zeroes private anonymous pages; other advice is accepted and ignored",
  }),
  row("msync", g(227, 26), ["ptr", "size", "hex"], mm.sysMsync, {
    note: "writes shared file mappings back",
  }),

  // ---- process ----
  row("exit", g(93, 60), ["int"], sc.sysExitThread, {
    ret: "none",
    note: "ends the calling thread; the process ends with its last thread",
  }),
  row("exit_group", g(94, 231), ["int"], sc.sysExitGroup, { ret: "none" }),
  row("set_tid_address", g(96, 218), ["ptr"], sc.sysSetTidAddress, {
    note: "cleared and futex-woken when the thread exits",
  }),
  row("clone", g(220, 56), ["hex", "ptr", "ptr", "ptr", "ptr"], sc.sysClone, {
    status: PARTIAL,
    note:
      "processes (memory copied; CLONE_VM without CLONE_THREAD copies too) and threads (CLONE_VM|CLONE_THREAD); namespaces: EINVAL",
  }),
  row("fork", x(57), [], sc.sysFork),
  row("vfork", x(58), [], sc.sysVfork, { note: "a copy; the parent waits for exec or exit" }),
  row("execve", g(221, 59), ["path", "ptr", "ptr"], sc.sysExecve, {
    cap: "read",
    note: "loads a guest image (ELF or #! script) read through the sandbox; never a host program",
  }),
  row("execveat", g(281, 322), ["dirfd", "path", "ptr", "ptr", "at_flags"], sc.sysExecveat, {
    cap: "read",
    note: "as execve",
  }),
  row("wait4", g(260, 61), ["int", "ptr", "hex", "ptr"], sc.sysWait4, {
    status: PARTIAL,
    note:
      "exited and killed children; no stopped/continued reports; rusage zeroed; restarted after SA_RESTART handlers",
  }),
  row("waitid", g(95, 247), ["int", "int", "ptr", "hex", "ptr"], sc.sysWaitid, {
    status: PARTIAL,
    note: "as wait4",
  }),
  row("futex", g(98, 202), ["ptr", "int", "uint", "ptr", "ptr", "hex"], sc.sysFutex, {
    status: PARTIAL,
    note: "WAIT, WAKE, WAIT_BITSET, WAKE_BITSET, REQUEUE, CMP_REQUEUE (+PRIVATE); others ENOSYS",
  }),
  row("pause", x(34), [], sc.sysPause),
  row("alarm", x(37), ["uint"], sc.sysAlarm),
  row("setitimer", g(103, 38), ["int", "ptr", "ptr"], sc.sysSetitimer, {
    status: PARTIAL,
    note: "ITIMER_REAL only",
  }),
  row("getitimer", g(102, 36), ["int", "ptr"], sc.sysGetitimer, {
    status: PARTIAL,
    note: "ITIMER_REAL only",
  }),
  row("set_robust_list", g(99, 273), ["ptr", "size"], pr.sysSetRobustList, {
    status: PARTIAL,
    note: "stored",
  }),
  row("get_robust_list", g(100, 274), ["int", "ptr", "ptr"], pr.sysGetRobustList),
  row("rseq", g(293, 334), ["ptr", "uint", "hex", "hex"], pr.sysNosys, {
    status: STUB,
    note: "ENOSYS by design",
  }),
  row("getpid", g(172, 39), [], pr.sysGetpid),
  row("getppid", g(173, 110), [], pr.sysGetppid),
  row("gettid", g(178, 186), [], sc.sysGettid),
  row("getuid", g(174, 102), [], pr.sysGetuid),
  row("geteuid", g(175, 107), [], pr.sysGetuid),
  row("getgid", g(176, 104), [], pr.sysGetgid),
  row("getegid", g(177, 108), [], pr.sysGetgid),
  row("getresuid", g(148, 118), ["ptr", "ptr", "ptr"], pr.sysGetres("uid")),
  row("getresgid", g(150, 120), ["ptr", "ptr", "ptr"], pr.sysGetres("gid")),
  row("getgroups", g(158, 115), ["int", "ptr"], pr.sysGetgroups),
  row("setuid", g(146, 105), ["int"], pr.sysSetIds("uid", 1), { note: "only to its own id" }),
  row("setgid", g(144, 106), ["int"], pr.sysSetIds("gid", 1), { note: "only to its own id" }),
  row("setreuid", g(145, 113), ["int", "int"], pr.sysSetIds("uid", 2), {
    note: "only to its own id",
  }),
  row("setregid", g(143, 114), ["int", "int"], pr.sysSetIds("gid", 2), {
    note: "only to its own id",
  }),
  row("setresuid", g(147, 117), ["int", "int", "int"], pr.sysSetIds("uid", 3), {
    note: "only to its own id",
  }),
  row("setresgid", g(149, 119), ["int", "int", "int"], pr.sysSetIds("gid", 3), {
    note: "only to its own id",
  }),
  row("setfsuid", g(151, 122), ["int"], pr.sysSetfsId("uid")),
  row("setfsgid", g(152, 123), ["int"], pr.sysSetfsId("gid")),
  row("setgroups", g(159, 116), ["int", "ptr"], pr.sysSetgroups, {
    note: "EPERM: not privileged",
  }),
  row("getpgid", g(155, 121), ["int"], sc.sysGetpgid),
  row("getpgrp", x(111), [], sc.sysGetpgrp),
  row("setpgid", g(154, 109), ["int", "int"], sc.sysSetpgid),
  row("getsid", g(156, 124), ["int"], sc.sysGetsid),
  row("setsid", g(157, 112), [], sc.sysSetsid, { note: "EPERM for a group leader" }),
  row("uname", g(160, 63), ["ptr"], pr.sysUname),
  row("prctl", g(167, 157), ["int", "hex", "hex", "hex", "hex"], pr.sysPrctl, {
    status: PARTIAL,
    note: "PR_SET/GET_NAME, PR_SET/GET_DUMPABLE, PR_SET/GET_PDEATHSIG, PR_SET_VMA",
  }),
  row("personality", g(92, 135), ["hex"], pr.sysPersonality, {
    status: PARTIAL,
    note: "PER_LINUX only",
  }),
  row("prlimit64", g(261, 302), ["int", "resource", "ptr", "ptr"], pr.sysPrlimit64, {
    status: PARTIAL,
    note: "stored; only RLIMIT_NOFILE is enforced",
  }),
  row("getrlimit", g(163, 97), ["resource", "ptr"], pr.sysGetrlimit),
  row("setrlimit", g(164, 160), ["resource", "ptr"], pr.sysSetrlimit, {
    status: PARTIAL,
    note: "as prlimit64",
  }),
  row("getrandom", g(278, 318), ["ptr", "size", "hex"], pr.sysGetrandom),
  row("clock_gettime", g(113, 228), ["clock", "ptr"], pr.sysClockGettime, {
    status: PARTIAL,
    note: "CPU-time clocks count wall time since start",
  }),
  row("clock_getres", g(114, 229), ["clock", "ptr"], pr.sysClockGetres),
  row("gettimeofday", g(169, 96), ["ptr", "ptr"], pr.sysGettimeofday),
  row("time", x(201), ["ptr"], pr.sysTime),
  row("nanosleep", g(101, 35), ["ptr", "ptr"], pr.sysNanosleep),
  row("clock_nanosleep", g(115, 230), ["clock", "hex", "ptr", "ptr"], pr.sysClockNanosleep),
  row("times", g(153, 100), ["ptr"], pr.sysTimes, {
    status: PARTIAL,
    note: "user time is wall time since start",
  }),
  row("getrusage", g(165, 98), ["int", "ptr"], pr.sysGetrusage, {
    status: PARTIAL,
    note: "user time and max RSS only",
  }),
  row("sysinfo", g(179, 99), ["ptr"], pr.sysSysinfo, {
    status: PARTIAL,
    note: "memory from the address space's cap",
  }),
  row("sched_getaffinity", g(123, 204), ["int", "size", "ptr"], pr.sysSchedGetaffinity, {
    note: "one CPU",
  }),
  row("sched_setaffinity", g(122, 203), ["int", "size", "ptr"], pr.sysSchedSetaffinity, {
    note: "one CPU",
  }),
  row("sched_yield", g(124, 24), [], pr.sysZero),
  row("rt_sigaction", g(134, 13), ["signal", "ptr", "ptr", "size"], pr.sysRtSigaction, {
    note: "handlers entered through a Linux signal frame (riscv64, aarch64, x86_64)",
  }),
  row("rt_sigprocmask", g(135, 14), ["sighow", "ptr", "ptr", "size"], pr.sysRtSigprocmask),
  row("rt_sigpending", g(136, 127), ["ptr", "size"], pr.sysRtSigpending),
  row("rt_sigtimedwait", g(137, 128), ["ptr", "ptr", "ptr", "size"], pr.sysRtSigtimedwait, {
    note: "takes pending signals; waits for one sent by another guest process, or the timeout",
  }),
  row("rt_sigsuspend", g(133, 130), ["ptr", "size"], pr.sysRtSigsuspend, {
    note: "waits until another guest process, a timer or a child's exit raises a signal",
  }),
  row("rt_sigreturn", g(139, 15), [], sysRtSigreturnRow, { ret: "none" }),
  row("sigaltstack", g(132, 131), ["ptr", "ptr"], pr.sysSigaltstack, {
    note: "SA_ONSTACK handlers run on it",
  }),
  row("kill", g(129, 62), ["int", "signal"], sc.sysKill, {
    note: "any guest pid, the caller's group, every process (-1), a group",
  }),
  row("tgkill", g(131, 234), ["int", "int", "signal"], sc.sysTgkill, {
    note: "signals go to the thread's process (one mask and pending set per process)",
  }),
  row("tkill", g(130, 200), ["int", "signal"], sc.sysTkill, { note: "as tgkill" }),
  row("arch_prctl", x(158), ["hex", "ptr"], sysArchPrctl, {
    status: PARTIAL,
    note: "ARCH_SET_FS/GET_FS/SET_GS/GET_GS",
  }),
  row("riscv_flush_icache", { riscv64: 259 }, ["ptr", "ptr", "hex"], pr.sysZero, {
    note: "stores already invalidate translated code",
  }),
];

const tables = new Map<Arch, (SyscallRow | undefined)[]>();

/** The rows of one ISA, indexed by number. */
export function tableFor(arch: Arch): (SyscallRow | undefined)[] {
  let t = tables.get(arch);
  if (!t) {
    t = [];
    for (const row of SYSCALLS) {
      const nr = row.nr[arch];
      if (nr === undefined) continue;
      if (t[nr]) throw new Error(`Syscall number ${nr} is used twice on ${arch}`);
      t[nr] = row;
    }
    tables.set(arch, t);
  }
  return t;
}

/** Turn a handler's exception into a result (and a trace detail). */
function failure(proc: LinuxProcess, e: unknown): { value: number; detail: string } {
  if (e instanceof SysError) return { value: -e.errno, detail: e.detail };
  if (e instanceof GuestFault) return { value: -EFAULT, detail: "" };
  if (proc.debug) throw e;
  const msg = e instanceof Error ? e.message : String(e);
  return { value: -EIO, detail: `internal error: ${msg}` };
}

/** rt_sigreturn writes every register itself: its row's result is not stored (see finish). */
const NO_RESULT = Symbol("no result");

function sysRtSigreturnRow(proc: LinuxProcess): number {
  const cpu = cpuOf(proc);
  if (cpu) sysRtSigreturn(proc, cpu);
  (proc as unknown as Record<symbol, boolean>)[NO_RESULT] = true;
  return 0;
}

function finish(
  proc: LinuxProcess,
  cpu: CpuState,
  row: SyscallRow,
  args: SysArgs,
  value: number,
  detail = "",
): void {
  const flags = proc as unknown as Record<symbol, boolean>;
  if (flags[NO_RESULT]) flags[NO_RESULT] = false;
  else proc.abi.setResult(cpu, value);
  if (proc.trace) proc.trace(formatCall(proc, row, args.raw, value, detail));
  // Signals raised or unblocked by the call are delivered before the guest runs again.
  if (hasDeliverable(proc)) deliverPending(proc, cpu);
}

/**
 * Run the system call the CPU trapped on: read the number and arguments
 * through `proc.abi`, run the row's handler, store the result. Returns a
 * Promise only when the handler had to wait (sleep, terminal input).
 *
 * @example
 * ```ts
 * const r = handleSyscall(proc, cpu);
 * if (r) await r;
 * if (proc.exited) return proc.exitCode;
 * ```
 */
export function handleSyscall(proc: LinuxProcess, cpu: CpuState): void | Promise<void> {
  const nr = proc.abi.number(cpu);
  const table = tableFor(proc.info.arch);
  const row = Number.isInteger(nr) && nr >= 0 && nr < table.length ? table[nr] : undefined;
  const args = new SysArgs(cpu, proc.abi);
  if (!row) {
    proc.abi.setResult(cpu, -ENOSYS);
    if (proc.trace) proc.trace(formatUnknown(nr, args.raw));
    return;
  }
  let r: SyscallResult;
  bindCpu(proc, cpu);
  try {
    r = row.handler(proc, args);
  } catch (e) {
    const f = failure(proc, e);
    finish(proc, cpu, row, args, f.value, f.detail);
    return;
  }
  if (typeof r === "number") {
    finish(proc, cpu, row, args, r);
    return;
  }
  return r.then(
    (v) => finish(proc, cpu, row, args, v),
    (e) => {
      const f = failure(proc, e);
      finish(proc, cpu, row, args, f.value, f.detail);
    },
  );
}
