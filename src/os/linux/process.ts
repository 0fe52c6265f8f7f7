/**
 * A Linux guest process: its memory, descriptors, directory, identity,
 * limits, signal state and exit state. The syscall handlers in `syscalls.ts`
 * operate on it; the engine watches `exited`.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import type { LinuxIsaInfo, SyscallAbi } from "../../arch/isa.ts";
import {
  hostCwd,
  hostRealPath,
  hostStderr,
  hostStdin,
  hostStdout,
  type InputSource,
  type OutputSink,
} from "../../sandbox/host.ts";
import { denoPolicy, type Policy } from "../../sandbox/policy.ts";
import { type Resolved, type ResolveOptions, resolvePath } from "../../sandbox/resolve.ts";
import type { VfsContext } from "../../sandbox/vfs.ts";
import { EBADF, EINVAL, EMFILE, ENOTDIR, SysError } from "./errno.ts";
import { InputObj, type OpenFile, OutputObj } from "./files.ts";
import { releaseShared } from "./mm.ts";
import { raiseSignal, SI_USER, type SigInfo } from "./signals.ts";
import { WaitQueue } from "./waitq.ts";
import type { Kernel } from "./sched.ts";
import {
  AT_FDCWD,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  RLIM_INFINITY,
  RLIM_NLIMITS,
  RLIMIT_CORE,
  RLIMIT_MEMLOCK,
  RLIMIT_MSGQUEUE,
  RLIMIT_NOFILE,
  RLIMIT_NPROC,
  RLIMIT_SIGPENDING,
  RLIMIT_STACK,
} from "./numbers.ts";

/** The process id of the first guest process (its children get the next ones). */
export const GUEST_PID = 1000;
/** The parent process id the guest sees. */
export const GUEST_PPID = 1;
/** The user and group id the guest runs as (real, effective, saved). */
export const GUEST_UID = 1000;
/** The group id the guest runs as. */
export const GUEST_GID = 1000;

/** Default cap on open descriptors (the hard RLIMIT_NOFILE). */
export const DEFAULT_MAX_FDS = 1024;

/** Options for {@link LinuxProcess}. */
export interface LinuxProcessOptions {
  /** Guest memory. */
  mem: AddressSpace;
  /** Linux facts about the ISA. */
  info: LinuxIsaInfo;
  /** How syscalls read their arguments. */
  abi: SyscallAbi;
  /** argv, argv[0] included. */
  argv: string[];
  /** The guest's environment, "KEY=value" each. */
  env: string[];
  /** The guest path of the executable (for /proc/self/exe and AT_EXECFN). */
  exePath: string;
  /** Starting directory (a host path); default: the host's current directory. */
  cwd?: string;
  /** Standard input; default: the host's. */
  stdin?: InputSource;
  /** Standard output; default: the host's. */
  stdout?: OutputSink;
  /** Standard error; default: the host's. */
  stderr?: OutputSink;
  /** Receives one strace-style line per system call. */
  trace?: (line: string) => void;
  /** Who may touch what; default: Deno's permissions. */
  policy?: Policy;
  /** Most open descriptors (hard RLIMIT_NOFILE); default 1024. */
  maxFds?: number;
  /** Most bytes the guest may write to stdout, stderr and host files together. */
  maxOutput?: number;
  /** Rethrow internal errors from handlers instead of turning them into EIO (for tests). */
  debug?: boolean;
  /** Do not open descriptors 0, 1 and 2 (a forked child copies its parent's table). */
  noStdio?: boolean;
}

/** One slot of the descriptor table. */
export interface FdEntry {
  file: OpenFile;
  cloexec: boolean;
}

/** A stored sigaction (raw kernel fields). */
export interface SigAction {
  handler: bigint;
  flags: bigint;
  restorer: bigint;
  mask: bigint;
}

/** SIG_DFL. */
export const SIG_DFL = 0n;
/** SIG_IGN. */
export const SIG_IGN = 1n;

/** A guest process. */
export class LinuxProcess {
  /** Guest memory (replaced by execve). */
  mem: AddressSpace;
  /** Linux facts about the ISA. */
  readonly info: LinuxIsaInfo;
  /** Syscall argument access. */
  readonly abi: SyscallAbi;
  /** Who may touch what. */
  readonly policy: Policy;
  argv: string[];
  env: string[];
  /** The guest path of the executable. */
  exePath: string;
  /** Current directory as the guest names it. */
  cwd: string;
  /** Current directory resolved (host path, or a virtual path under /proc, /dev, /sys). */
  cwdHost: string;
  umask = 0o022;
  /** Process id (the thread group id). */
  pid: number = GUEST_PID;
  /** Parent's pid (GUEST_PPID for the first process and orphans). */
  ppid: number = GUEST_PPID;
  /** Process group and session. */
  pgid: number = GUEST_PID;
  sid: number = GUEST_PID;
  readonly uid: number = GUEST_UID;
  readonly gid: number = GUEST_GID;
  /** The thread id of the task whose system call is being handled. */
  tid: number = GUEST_PID;
  /** The process table this process lives in (null for a lone process, as in unit tests). */
  kernel: Kernel | null = null;
  /** The parent, while it lives in the same table. */
  parent: LinuxProcess | null = null;
  /** Children not yet reaped (running or zombies). */
  readonly children: Set<LinuxProcess> = new Set();
  /** Woken when a signal is raised at this process (interrupts waits). */
  readonly sigWait: WaitQueue = new WaitQueue();
  /** Woken when a child changes state (exits). */
  readonly childWait: WaitQueue = new WaitQueue();
  /** Set once its end has been handled (tasks stopped, descriptors closed, parent told). */
  reaped = false;
  /** Set once it has run execve (setpgid on it by its parent then fails with EACCES). */
  didExec = false;

  exited = false;
  exitCode = 0;
  /** The signal that ended the process, or 0. */
  exitSignal = 0;

  /** [soft, hard] per RLIMIT_*. */
  readonly rlimits: [bigint, bigint][];
  /** Dispositions, indexed by signal number (1..64). */
  readonly sigactions: SigAction[];
  /** Blocked signals (bit n-1 for signal n). */
  sigmask = 0n;
  /** Signals raised but not yet delivered (bit n-1 for signal n). */
  sigpending = 0n;
  /** sigaltstack state. */
  altStack = { sp: 0, flags: 2, /* SS_DISABLE */ size: 0 };
  /** set_tid_address pointer. */
  tidAddress = 0;
  /** set_robust_list head and length. */
  robustList = 0;
  robustListLen = 0;
  /** prctl(PR_SET_NAME) name. */
  name: string;

  /** Receives strace-style lines. */
  trace?: (line: string) => void;
  /** Rethrow handler bugs. */
  debug: boolean;

  /** The descriptor table. */
  readonly fds: (FdEntry | undefined)[] = [];
  /** Hard cap on descriptors. */
  readonly maxFds: number;
  /** Cap on bytes written to the outside. */
  readonly maxOutput: number;
  /** Bytes written to the outside so far. */
  outputUsed = 0;

  /** The auxiliary vector as laid out on the stack (set by start-up). */
  auxv: Uint8Array = new Uint8Array(16);
  /** performance.now() when the process was made. */
  readonly startMono: number = performance.now();
  /** Terminal attributes set with TCSETS (the guest's view). */
  termios: Uint8Array | null = null;
  /** The guest's standard streams, for /dev/tty. */
  readonly stdio: { input: InputSource; output: OutputSink; error: OutputSink };

  /** @param o see {@link LinuxProcessOptions} */
  constructor(o: LinuxProcessOptions) {
    this.mem = o.mem;
    this.info = o.info;
    this.abi = o.abi;
    this.policy = o.policy ?? denoPolicy;
    this.argv = [...o.argv];
    this.env = [...o.env];
    this.trace = o.trace;
    this.debug = o.debug ?? false;
    this.maxFds = o.maxFds ?? DEFAULT_MAX_FDS;
    this.maxOutput = o.maxOutput ?? Infinity;
    let cwd = o.cwd ?? hostCwd();
    try {
      cwd = hostRealPath(cwd);
    } catch {
      // Not readable: keep the given path.
    }
    this.cwd = cwd;
    this.cwdHost = cwd;
    this.exePath = o.exePath.startsWith("/") ? o.exePath : joinPath(cwd, o.exePath);
    this.name = (this.exePath.split("/").pop() ?? "").slice(0, 15);

    const inf = RLIM_INFINITY;
    this.rlimits = Array.from({ length: RLIM_NLIMITS }, () => [inf, inf] as [bigint, bigint]);
    this.rlimits[RLIMIT_STACK] = [8n << 20n, inf];
    this.rlimits[RLIMIT_CORE] = [0n, inf];
    this.rlimits[RLIMIT_NPROC] = [1024n, 1024n];
    this.rlimits[RLIMIT_NOFILE] = [BigInt(Math.min(1024, this.maxFds)), BigInt(this.maxFds)];
    this.rlimits[RLIMIT_MEMLOCK] = [8n << 20n, 8n << 20n];
    this.rlimits[RLIMIT_SIGPENDING] = [1024n, 1024n];
    this.rlimits[RLIMIT_MSGQUEUE] = [819200n, 819200n];
    this.sigactions = Array.from(
      { length: 65 },
      () => ({ handler: SIG_DFL, flags: 0n, restorer: 0n, mask: 0n }),
    );

    const input = o.stdin ?? hostStdin;
    const output = o.stdout ?? hostStdout;
    const error = o.stderr ?? hostStderr;
    this.stdio = { input, output, error };
    if (o.noStdio) return;
    const inTty = input.isTerminal?.() ?? false;
    const outTty = output.isTerminal?.() ?? false;
    const errTty = error.isTerminal?.() ?? false;
    this.installFd(
      new InputObj(inTty ? O_RDWR : O_RDONLY, input, inTty ? "/dev/pts/0" : "pipe:[1]"),
      0,
    );
    this.installFd(
      new OutputObj(outTty ? O_RDWR : O_WRONLY, output, outTty ? "/dev/pts/0" : "pipe:[2]"),
      1,
    );
    this.installFd(
      new OutputObj(errTty ? O_RDWR : O_WRONLY, error, errTty ? "/dev/pts/0" : "pipe:[3]"),
      2,
    );
  }

  // ---- descriptors ------------------------------------------------------------

  /** The soft descriptor limit (RLIMIT_NOFILE). */
  get fdLimit(): number {
    return Number(
      this.rlimits[RLIMIT_NOFILE][0] < BigInt(this.maxFds)
        ? this.rlimits[RLIMIT_NOFILE][0]
        : BigInt(this.maxFds),
    );
  }

  /** Put `file` at exactly `fd` (closing what was there). */
  installFd(file: OpenFile, fd: number, cloexec = false): void {
    const old = this.fds[fd];
    file.refs++;
    this.fds[fd] = { file, cloexec };
    if (old) this.#drop(old.file);
  }

  /** Put `file` at the lowest free descriptor >= `min`; EMFILE when none. */
  allocFd(file: OpenFile, cloexec = false, min = 0): number {
    const limit = this.fdLimit;
    if (min >= limit) throw new SysError(EINVAL);
    for (let fd = min; fd < limit; fd++) {
      if (!this.fds[fd]) {
        file.refs++;
        this.fds[fd] = { file, cloexec };
        return fd;
      }
    }
    throw new SysError(EMFILE);
  }

  /** The slot of `fd`, or EBADF. */
  getFd(fd: number): FdEntry {
    const e = fd >= 0 ? this.fds[fd] : undefined;
    if (!e) throw new SysError(EBADF);
    return e;
  }

  /** The description of `fd`, or EBADF. */
  file(fd: number): OpenFile {
    return this.getFd(fd).file;
  }

  /** close(2). */
  closeFd(fd: number): void {
    const e = this.getFd(fd);
    this.fds[fd] = undefined;
    while (this.fds.length > 0 && this.fds[this.fds.length - 1] === undefined) this.fds.pop();
    this.#drop(e.file);
  }

  #drop(file: OpenFile): void {
    if (--file.refs === 0) file.release();
  }

  /** Close every descriptor (at exit). */
  closeAll(): void {
    releaseShared(this);
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]) this.closeFd(fd);
  }

  // ---- paths ------------------------------------------------------------------

  /** The directory a relative path starts from: the cwd, or the directory `dirfd` refers to. */
  startDir(dirfd: number): string {
    if (dirfd === AT_FDCWD) return this.cwdHost;
    const dir = this.file(dirfd).dirPath();
    if (dir === null) throw new SysError(ENOTDIR);
    return dir;
  }

  /** Resolve a guest path relative to `dirfd` (ignored for absolute paths). */
  resolve(dirfd: number, path: Uint8Array | string, opts: ResolveOptions): Resolved {
    const abs = typeof path === "string" ? path.startsWith("/") : path[0] === 0x2f;
    const start = abs ? "/" : this.startDir(dirfd);
    return resolvePath({ policy: this.policy, vfs: this.vfs }, start, path, opts);
  }

  /** What /proc needs to know about this process. */
  get vfs(): VfsContext {
    return {
      pid: this.pid,
      ppid: this.ppid,
      uid: this.uid,
      gid: this.gid,
      umask: this.umask,
      exePath: this.exePath,
      cwd: this.cwd,
      argv: this.argv,
      env: this.env,
      machine: this.info.machine,
      isa: isaString(this.info),
      memTotal: this.mem.maxMemory,
      memUsed: this.mem.mapped,
      mappings: () => this.mem.mappings(),
      auxv: () => this.auxv,
      fds: () => this.fds.flatMap((e, i) => (e ? [i] : [])),
      fdInfo: (fd) => {
        const e = fd >= 0 ? this.fds[fd] : undefined;
        if (!e) return null;
        const dir = e.file.dirPath();
        return { path: e.file.path(), hostDir: dir ?? undefined };
      },
      sigBlocked: () => this.sigmask,
    };
  }

  // ---- exit and signals --------------------------------------------------------

  /** End the process with an exit status. */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.exitCode = code & 0xff;
    this.exitSignal = 0;
  }

  /**
   * Raise a signal at the process (sent by itself: si_code SI_USER unless
   * `info` says otherwise). It becomes pending, and is delivered, or takes
   * its default action, when the guest next runs with it unblocked (see
   * `signals.ts`). Ignored signals are dropped at once.
   */
  raise(sig: number, info?: SigInfo): void {
    raiseSignal(this, sig, info ?? { code: SI_USER, pid: this.pid, uid: this.uid });
  }

  /** The status word wait4 reports for this (ended) process. */
  get waitStatus(): number {
    return this.exitSignal ? this.exitSignal & 0x7f : (this.exitCode & 0xff) << 8;
  }

  /**
   * A copy of this process for fork: `mem` is the child's copy of the
   * address space. Descriptors share their open file descriptions (offsets
   * included), as Linux's fork does; dispositions, mask, limits, cwd,
   * umask, identity and the alternate stack are copied; nothing is pending.
   */
  forkCopy(mem: AddressSpace, pid: number): LinuxProcess {
    const c = new LinuxProcess({
      mem,
      info: this.info,
      abi: this.abi,
      argv: this.argv,
      env: this.env,
      exePath: this.exePath,
      cwd: "/",
      stdin: this.stdio.input,
      stdout: this.stdio.output,
      stderr: this.stdio.error,
      trace: this.trace,
      policy: this.policy,
      maxFds: this.maxFds,
      maxOutput: this.maxOutput,
      debug: this.debug,
      noStdio: true,
    });
    c.cwd = this.cwd;
    c.cwdHost = this.cwdHost;
    c.umask = this.umask;
    c.pid = pid;
    c.tid = pid;
    c.ppid = this.pid;
    c.pgid = this.pgid;
    c.sid = this.sid;
    c.name = this.name;
    c.auxv = this.auxv;
    c.termios = this.termios;
    c.outputUsed = this.outputUsed;
    for (let i = 0; i < this.rlimits.length; i++) c.rlimits[i] = [...this.rlimits[i]];
    for (let i = 0; i < this.sigactions.length; i++) c.sigactions[i] = { ...this.sigactions[i] };
    c.sigmask = this.sigmask;
    c.altStack = { ...this.altStack };
    this.fds.forEach((e, fd) => {
      if (e) c.installFd(e.file, fd, e.cloexec);
    });
    return c;
  }

  /**
   * The process side of execve, once the new image is loaded into `mem`:
   * close O_CLOEXEC descriptors, reset caught signals to their default
   * (ignored ones stay ignored), drop the alternate stack, take the new
   * argv, environment and name.
   */
  execReset(mem: AddressSpace, argv: string[], env: string[], exePath: string): void {
    releaseShared(this);
    this.fds.forEach((e, fd) => {
      if (e?.cloexec) this.closeFd(fd);
    });
    for (const a of this.sigactions) {
      if (a.handler !== SIG_IGN) a.handler = SIG_DFL;
      a.flags = 0n;
      a.mask = 0n;
      a.restorer = 0n;
    }
    this.altStack = { sp: 0, flags: 2, size: 0 };
    this.mem = mem;
    this.argv = [...argv];
    this.env = [...env];
    this.exePath = exePath.startsWith("/") ? exePath : joinPath(this.cwd, exePath);
    this.name = (this.exePath.split("/").pop() ?? "").slice(0, 15);
    this.tidAddress = 0;
    this.robustList = 0;
    this.robustListLen = 0;
    this.didExec = true;
  }

  /** Count `n` bytes against maxOutput; returns how many may be written (0 → EFBIG). */
  outputAllowance(n: number): number {
    const left = this.maxOutput - this.outputUsed;
    return Math.max(0, Math.min(n, left));
  }
}

/** Join a directory and a relative path textually. */
export function joinPath(dir: string, rel: string): string {
  return dir === "/" ? "/" + rel : dir + "/" + rel;
}

/** The ISA string for /proc/cpuinfo, from the hwcap letters (RISC-V) or the machine name. */
function isaString(info: LinuxIsaInfo): string {
  if (info.arch !== "riscv64") return info.machine;
  let s = "rv64";
  for (const l of "imafdcv") {
    if (info.hwcap & (1 << (l.charCodeAt(0) - 97))) s += l;
  }
  return s;
}
