/**
 * The process table and the process system calls: fork, vfork, clone
 * (processes and threads), execve, wait4, waitid, kill/tgkill/tkill,
 * process groups and sessions, futex, exit vs exit_group, alarm and
 * ITIMER_REAL.
 *
 * Every guest process is a {@link LinuxProcess} with its own address space,
 * descriptor table, cwd and signal state. Every thread of execution is a
 * {@link Task}: a CPU and an Engine running over its process's address space.
 * A process has one task, or several when it made threads (CLONE_THREAD):
 * they share the process, hence its memory and descriptors.
 *
 * The scheduler itself is the loop in mod.ts (`KitEmu.run`): it runs the
 * runnable tasks round-robin, one time slice each; a task that makes a
 * blocking system call gets a Promise back and is skipped until it settles.
 * Everything runs in one JS thread, so guests run deterministically.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import type { Engine } from "../../engine/dispatcher.ts";
import type { DecodedInsn } from "../../engine/compile.ts";
import { LoaderError } from "../../loader/errors.ts";
import { AddressSpace } from "../../memory/address_space.ts";
import { hostReadProgram } from "../../sandbox/host.ts";
import { requireRead } from "../../sandbox/policy.ts";
import type { SysArgs } from "./args.ts";
import {
  E2BIG,
  EACCES,
  EAGAIN,
  ECHILD,
  EFAULT,
  EINTR,
  EINVAL,
  ELOOP,
  ENOENT,
  ENOSYS,
  EPERM,
  ESRCH,
  ETIMEDOUT,
  SysError,
} from "./errno.ts";
import { AT_FDCWD } from "./numbers.ts";
import { GUEST_PID, GUEST_PPID, type LinuxProcess } from "./process.ts";
import { cpuOf, forgetTrampoline, hasDeliverable, SI_TKILL, SI_USER } from "./signals.ts";
import { execImage } from "./exec_image.ts";
import { WaitQueue } from "./waitq.ts";

const ENOEXEC = 8;
const SIGCHLD = 17;
const SIGALRM = 14;
const CLD_EXITED = 1;
const CLD_KILLED = 2;

/** One thread of execution: a CPU and its engine over its process's memory. */
export interface Task {
  proc: LinuxProcess;
  cpu: CpuState;
  engine: Engine<DecodedInsn>;
  /** Thread id (the pid for a process's first task). */
  tid: number;
  /** True while a blocking system call is pending. */
  blocked: boolean;
  /** True once the task has ended. */
  dead: boolean;
  /** CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken at thread exit. */
  clearTid: number;
}

/** Makes the CPU and engine of a new task (mod.ts supplies it: it knows the ISA and options). */
export type TaskFactory = (proc: LinuxProcess, mem: AddressSpace) => {
  cpu: CpuState;
  engine: Engine<DecodedInsn>;
};

/**
 * Give a new engine the translations of another whose code pages hold the
 * same bytes (a forked child, or an exec of the same program), so that
 * every process of a shell script does not translate busybox again.
 */
export type CodeSeeder = (
  dst: Engine<DecodedInsn>,
  dstMem: AddressSpace,
  src: Engine<DecodedInsn>,
  srcMem: AddressSpace,
) => void;

/** Options for {@link Kernel}. */
export interface KernelOptions {
  /** Most processes alive at once (zombies count); fork fails with EAGAIN past it. */
  maxProcs?: number;
  makeTask: TaskFactory;
  seedCode?: CodeSeeder;
}

/** Default for --max-procs. */
export const DEFAULT_MAX_PROCS = 256;

/** Where a process's extra state lives (exit signal for the parent, vfork waiters, timers). */
interface ProcExtra {
  /** The signal sent to the parent at exit (clone's low byte; SIGCHLD for fork). */
  exitSignal: number;
  /** Woken when the child of a vfork execs or exits. */
  vforkDone: WaitQueue | null;
  /** ITIMER_REAL: when it fires next (performance.now()), and its interval (ms). */
  alarmAt: number;
  alarmInterval: number;
  alarmTimer: ReturnType<typeof setTimeout> | null;
  /** No task was waiting when it ended: nothing pending can touch its memory any more. */
  clean: boolean;
}

/** The process table. */
export class Kernel {
  /** Processes by pid, zombies included until reaped. */
  readonly procs: Map<number, LinuxProcess> = new Map();
  /** Live tasks, in scheduling order. */
  readonly tasks: Task[] = [];
  /** The task whose system call is being handled. */
  current: Task | null = null;
  /** Woken when a blocked task becomes runnable. */
  readonly wakeups: WaitQueue = new WaitQueue();
  readonly maxProcs: number;
  readonly makeTask: TaskFactory;
  readonly seedCode: CodeSeeder;
  /** The first process: its exit ends the run. */
  init: LinuxProcess | null = null;
  #nextPid = GUEST_PID + 1;
  readonly #extra = new WeakMap<LinuxProcess, ProcExtra>();
  /** Futex waiters by address space, then address. */
  readonly futexes: WeakMap<AddressSpace, Map<number, FutexWaiter[]>> = new WeakMap();

  /** @param o limits and the task factory */
  constructor(o: KernelOptions) {
    this.maxProcs = o.maxProcs ?? DEFAULT_MAX_PROCS;
    this.makeTask = o.makeTask;
    this.seedCode = o.seedCode ?? (() => {});
  }

  /** Enter a process (the first, or a new child) with its first task. */
  adopt(p: LinuxProcess, cpu: CpuState, engine: Engine<DecodedInsn>): Task {
    p.kernel = this;
    this.procs.set(p.pid, p);
    if (!this.init) this.init = p;
    const t: Task = { proc: p, cpu, engine, tid: p.pid, blocked: false, dead: false, clearTid: 0 };
    this.tasks.push(t);
    return t;
  }

  /** The extra state of a process. */
  extra(p: LinuxProcess): ProcExtra {
    let e = this.#extra.get(p);
    if (!e) {
      e = {
        exitSignal: SIGCHLD,
        vforkDone: null,
        alarmAt: 0,
        alarmInterval: 0,
        alarmTimer: null,
        clean: false,
      };
      this.#extra.set(p, e);
    }
    return e;
  }

  /** A fresh pid. */
  newPid(): number {
    while (this.procs.has(this.#nextPid) || this.tasks.some((t) => t.tid === this.#nextPid)) {
      this.#nextPid++;
    }
    return this.#nextPid++;
  }

  /** Live tasks of `p`. */
  tasksOf(p: LinuxProcess): Task[] {
    return this.tasks.filter((t) => t.proc === p && !t.dead);
  }

  /** Processes that have not been reaped. */
  get count(): number {
    return this.procs.size;
  }

  /** Drop a dead task from the run list. */
  #removeTask(t: Task): void {
    t.dead = true;
    const i = this.tasks.indexOf(t);
    if (i >= 0) this.tasks.splice(i, 1);
  }

  /** CLONE_CHILD_CLEARTID at thread exit: zero the word and wake one futex waiter on it. */
  #clearTid(t: Task): void {
    if (!t.clearTid) return;
    try {
      t.proc.mem.writeU32(t.clearTid, 0);
      futexWake(this, t.proc.mem, t.clearTid, 1, -1);
    } catch {
      // An unmapped address: Linux ignores the fault too.
    }
    t.clearTid = 0;
  }

  /** One thread ends (exit(2)); when it was the last, the process ends with `code`. */
  exitThread(t: Task, code: number): void {
    const p = t.proc;
    this.#clearTid(t);
    this.#removeTask(t);
    if (this.tasksOf(p).length === 0) p.exit(code);
  }

  /**
   * A process has ended (p.exited is set): stop its tasks, close its
   * descriptors, hand its children to init, and become a zombie its parent
   * is told about with its exit signal (SIGCHLD), or vanish if it has none.
   */
  reapTasks(p: LinuxProcess): void {
    // Waits of its other threads still pending see `exited` and settle.
    p.sigWait.wake();
    const x = this.extra(p);
    x.clean = this.tasksOf(p).every((t) => !t.blocked);
    for (const t of this.tasksOf(p)) {
      this.#clearTid(t);
      this.#removeTask(t);
    }
    if (x.alarmTimer !== null) clearTimeout(x.alarmTimer);
    x.alarmTimer = null;
    x.vforkDone?.wake();
    p.closeAll();
    // Its pages no longer count against the guest's memory cap (the table has no more use
    // for them; the JS objects go when the zombie is reaped).
    p.mem.leavePool();
    for (const c of p.children) {
      c.parent = null;
      c.ppid = GUEST_PPID;
      if (c.exited && this.tasksOf(c).length === 0) this.forget(c);
    }
    p.children.clear();
    const parent = p.parent;
    if (parent && !parent.exited) {
      parent.childWait.wake();
      const sig = x.exitSignal;
      if (sig > 0 && sig <= 64) {
        parent.raise(sig, {
          code: p.exitSignal ? CLD_KILLED : CLD_EXITED,
          pid: p.pid,
          uid: p.uid,
          status: p.exitSignal ? p.exitSignal : p.exitCode & 0xff,
        });
      }
    } else if (p !== this.init) {
      this.forget(p);
    }
    this.wakeups.wake();
  }

  /** Drop a process that ended from the table; its memory is reused when nothing can touch it. */
  forget(p: LinuxProcess): void {
    this.procs.delete(p.pid);
    if (this.extra(p).clean && p !== this.init) p.mem.retire();
  }

  /**
   * The run is over: every process still in the table ends (as if killed),
   * so that waits still pending settle and their timers stop; descriptors
   * of all but the first process close (the embedder closes the first's).
   */
  shutdown(): void {
    for (const p of this.procs.values()) {
      const x = this.#extra.get(p);
      if (x?.alarmTimer != null) clearTimeout(x.alarmTimer);
      if (x) x.alarmTimer = null;
      if (!p.exited) {
        p.exited = true;
        // The first process's status is the embedder's to read (its termination says it).
        if (p !== this.init) {
          p.exitSignal = 9;
          p.exitCode = 128 + 9;
        }
      }
      p.sigWait.wake();
      if (p !== this.init) p.closeAll();
    }
    this.tasks.length = 0;
  }
}

// ---- blocking --------------------------------------------------------------------------

const SA_RESTART = 0x10000000n;

/** Bytes of the system call instruction (ecall, svc, syscall), to step back over it. */
const SYSCALL_LEN: Record<string, number> = { riscv64: 4, aarch64: 4, x86_64: 2 };

/**
 * Run `attempt` now and, while it returns null (it would block), again each
 * time one of `queues` is woken, until it gives a result. A signal that
 * becomes deliverable meanwhile ends the wait with -EINTR, or, when
 * `restart` is set and the signal's handler has SA_RESTART (Linux's
 * -ERESTARTSYS), the call is restarted after the handler: the pc steps back
 * onto the system call instruction and the result register gets back what
 * it held (the first argument; the number on x86-64). `timeoutMs` >= 0
 * bounds the wait; then `onTimeout` is the result.
 */
export function block(
  p: LinuxProcess,
  queues: { wait(): Promise<unknown> }[],
  attempt: () => number | null,
  timeoutMs = -1,
  onTimeout = -ETIMEDOUT,
  restart = false,
): number | Promise<number> {
  const r = attempt();
  if (r !== null) return r;
  if (timeoutMs === 0) return onTimeout;
  const cpu = restart ? p.kernel?.current?.cpu : undefined;
  const again = cpu ? (p.info.arch === "x86_64" ? p.abi.number(cpu) : p.abi.arg(cpu, 0)) : 0;
  const interrupted = (): number => {
    if (cpu && !p.exited && restartable(p)) {
      cpu.pc -= SYSCALL_LEN[p.info.arch] ?? 4;
      return again;
    }
    return -EINTR;
  };
  const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
  return (async () => {
    // Keep the host's event loop alive while every task waits (Linux would wait forever).
    const keep = setInterval(() => {}, 1 << 30);
    try {
      return await waitLoop();
    } finally {
      clearInterval(keep);
    }
  })();
  async function waitLoop(): Promise<number> {
    for (;;) {
      if (p.exited || hasDeliverable(p)) return interrupted();
      const left = deadline - performance.now();
      if (left <= 0) return onTimeout;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waits: Promise<unknown>[] = [...queues.map((q) => q.wait()), p.sigWait.wait()];
      if (Number.isFinite(left)) {
        waits.push(new Promise<void>((r) => timer = setTimeout(r, Math.min(left, 0x7fffffff))));
      }
      await Promise.race(waits);
      if (timer !== undefined) clearTimeout(timer);
      const r = attempt();
      if (r !== null) return r;
    }
  }
}

/** True when the signal delivered next runs a handler installed with SA_RESTART. */
function restartable(p: LinuxProcess): boolean {
  const ready = p.sigpending & ~p.sigmask;
  if (ready === 0n) return false;
  let sig = 1;
  while (!(ready & (1n << BigInt(sig - 1)))) sig++;
  const act = p.sigactions[sig];
  return act.handler !== 0n && act.handler !== 1n && (act.flags & SA_RESTART) !== 0n;
}

/**
 * The wait for the pipe and poll code: `wait()` is a promise for the next
 * change of what the caller waits on. Bound to the process making the
 * current system call by {@link bindBlocking}; null outside a scheduler.
 */
export type BlockHook = (
  wait: () => Promise<unknown>,
  attempt: () => number | null,
) => number | Promise<number>;

// ---- copying a CPU ---------------------------------------------------------------------

/**
 * Copy every register of `src` into `dst` (same ISA): typed-array fields
 * element by element, numbers and booleans as they are, arrays of plain
 * records (the x87 stack) deeply. Memory views are left alone.
 */
export function copyCpu(src: CpuState, dst: CpuState, mem: AddressSpace): void {
  const s = src as unknown as Record<string, unknown>;
  const d = dst as unknown as Record<string, unknown>;
  for (const k of Object.keys(s)) {
    const v = s[k];
    if (ArrayBuffer.isView(v)) {
      if (v instanceof DataView || v.buffer === mem.memory.buffer || v === mem.pf) continue;
      const t = d[k];
      if (ArrayBuffer.isView(t) && !(t instanceof DataView) && t.byteLength === v.byteLength) {
        (t as Uint8Array).set(v as Uint8Array);
      }
    } else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") {
      d[k] = v;
    } else if (Array.isArray(v)) {
      d[k] = structuredClone(v);
    }
  }
}

/** Slots of the thread pointer in `cpu.x` per ISA (tp, TPIDR_EL0, the FS base). */
const TLS_SLOT: Record<string, number> = { riscv64: 8, aarch64: 68, x86_64: 41 };

function setTls(p: LinuxProcess, cpu: CpuState, v: bigint): void {
  const slot = TLS_SLOT[p.info.arch];
  if (slot === undefined) return;
  cpu.x[slot] = Number(BigInt.asIntN(32, v));
  cpu.x[slot + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

// ---- fork, vfork, clone ----------------------------------------------------------------

const CLONE_VM = 0x100;
const CLONE_FS = 0x200;
const CLONE_FILES = 0x400;
const CLONE_SIGHAND = 0x800;
const CLONE_VFORK = 0x4000;
const CLONE_PARENT = 0x8000;
const CLONE_THREAD = 0x10000;
const CLONE_SETTLS = 0x80000;
const CLONE_PARENT_SETTID = 0x100000;
const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_CHILD_SETTID = 0x1000000;
const CLONE_UNSUPPORTED = 0x20000 /* NEWNS */ | 0x2000000 /* UNTRACED */ |
  0x4000000 /* NEWCGROUP */ | 0x8000000 /* NEWUTS */ | 0x10000000 /* NEWIPC */ |
  0x20000000 /* NEWUSER */ | 0x40000000 /* NEWPID */ | 0x80000000 /* NEWNET */ |
  0x1000 /* PIDFD */;

function kernelOf(p: LinuxProcess): Kernel {
  if (!p.kernel || !p.kernel.current) throw new SysError(ENOSYS);
  return p.kernel;
}

/**
 * The common part of fork, vfork and clone. `tls`, `ptid` and `ctid` are
 * the clone arguments (their order differs per ISA).
 */
function doClone(
  p: LinuxProcess,
  flags: number,
  newSp: number,
  ptid: number,
  ctid: number,
  tls: bigint,
): number | Promise<number> {
  const k = kernelOf(p);
  const parentTask = k.current!;
  if (flags & CLONE_UNSUPPORTED) throw new SysError(EINVAL);
  if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) throw new SysError(EINVAL);
  if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) throw new SysError(EINVAL);
  if (flags & CLONE_THREAD) {
    if (k.tasks.length >= k.maxProcs * 4) throw new SysError(EAGAIN);
    return newThread(k, parentTask, flags, newSp, ptid, ctid, tls);
  }
  // A process: CLONE_VM without CLONE_THREAD (vfork, posix_spawn) gets a copy too; the
  // child may only exec or exit, so a copy behaves the same to a conforming program.
  if (k.count >= k.maxProcs) throw new SysError(EAGAIN);
  if (flags & (CLONE_FILES | CLONE_FS) && !(flags & CLONE_VM)) {
    // Shared descriptor tables between processes are not supported: copy them.
  }
  const mem = p.mem.clone();
  const pid = k.newPid();
  const child = p.forkCopy(mem, pid);
  const { cpu, engine } = k.makeTask(child, mem);
  k.seedCode(engine, mem, parentTask.engine, p.mem);
  copyCpu(parentTask.cpu, cpu, p.mem);
  p.abi.setResult(cpu, 0);
  if (newSp) p.abi.setSp(cpu, newSp);
  if (flags & CLONE_SETTLS) setTls(p, cpu, tls);
  const task = k.adopt(child, cpu, engine);
  forgetTrampoline(child, p);
  if (flags & CLONE_CHILD_CLEARTID) task.clearTid = ctid;
  if (flags & CLONE_CHILD_SETTID) mem.writeU32(ctid, pid);
  if (flags & CLONE_PARENT_SETTID) p.mem.writeU32(ptid, pid);
  const parent = (flags & CLONE_PARENT) && p.parent ? p.parent : p;
  child.parent = parent;
  child.ppid = parent.pid;
  parent.children.add(child);
  k.extra(child).exitSignal = flags & 0xff;
  if (flags & CLONE_VFORK) {
    // The parent waits until the child has exec'd or exited (signals do not end the wait).
    const done = new WaitQueue();
    k.extra(child).vforkDone = done;
    return done.wait().then(() => pid);
  }
  return pid;
}

function newThread(
  k: Kernel,
  parentTask: Task,
  flags: number,
  newSp: number,
  ptid: number,
  ctid: number,
  tls: bigint,
): number {
  const p = parentTask.proc;
  const { cpu, engine } = k.makeTask(p, p.mem);
  k.seedCode(engine, p.mem, parentTask.engine, p.mem);
  copyCpu(parentTask.cpu, cpu, p.mem);
  p.abi.setResult(cpu, 0);
  if (newSp) p.abi.setSp(cpu, newSp);
  if (flags & CLONE_SETTLS) setTls(p, cpu, tls);
  const tid = k.newPid();
  const t: Task = { proc: p, cpu, engine, tid, blocked: false, dead: false, clearTid: 0 };
  k.tasks.push(t);
  if (flags & CLONE_CHILD_CLEARTID) t.clearTid = ctid;
  if (flags & CLONE_CHILD_SETTID) p.mem.writeU32(ctid, tid);
  if (flags & CLONE_PARENT_SETTID) p.mem.writeU32(ptid, tid);
  return tid;
}

/** clone(flags, stack, ptid, tls, ctid) (generic order) / clone(flags, stack, ptid, ctid, tls) (x86-64). */
export function sysClone(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const flags = a.n(0);
  const x86 = p.info.arch === "x86_64";
  const tls = x86 ? a.big(4) : a.big(3);
  const ctid = x86 ? a.n(3) : a.n(4);
  return doClone(p, flags, a.n(1), a.n(2), ctid, tls);
}

/** fork() (x86-64). */
export function sysFork(p: LinuxProcess): number | Promise<number> {
  return doClone(p, SIGCHLD, 0, 0, 0, 0n);
}

/** vfork() (x86-64). */
export function sysVfork(p: LinuxProcess): number | Promise<number> {
  return doClone(p, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0n);
}

// ---- exit ------------------------------------------------------------------------------

/** exit(status): the calling thread ends; the process ends with its last thread. */
export function sysExitThread(p: LinuxProcess, a: SysArgs): number {
  const k = p.kernel;
  if (!k || !k.current) {
    p.exit(a.int(0));
    return 0;
  }
  k.exitThread(k.current, a.int(0));
  return 0;
}

/** exit_group(status): every thread ends. */
export function sysExitGroup(p: LinuxProcess, a: SysArgs): number {
  p.exit(a.int(0));
  return 0;
}

/** set_tid_address(tidptr): cleared and futex-woken when the calling thread exits. */
export function sysSetTidAddress(p: LinuxProcess, a: SysArgs): number {
  p.tidAddress = a.n(0);
  const t = p.kernel?.current;
  if (t) t.clearTid = a.n(0);
  return t ? t.tid : p.pid;
}

/** gettid() */
export function sysGettid(p: LinuxProcess): number {
  return p.kernel?.current?.tid ?? p.pid;
}

// ---- execve ----------------------------------------------------------------------------

const dec = new TextDecoder();

function readStrings(p: LinuxProcess, addr: number): string[] {
  const out: string[] = [];
  if (addr === 0) return out;
  let total = 0;
  for (let i = 0;; i++) {
    const ptr = p.mem.readU64(addr + 8 * i);
    if (ptr === 0) break;
    const s = p.mem.readCString(ptr, 131072);
    if (s === null) throw new SysError(E2BIG);
    total += s.length + 1;
    if (total > 2 << 20 || i > 65536) throw new SysError(E2BIG);
    out.push(dec.decode(s));
  }
  return out;
}

/** The executable a path names, read through the sandbox, with `#!` interpreters followed. */
interface Program {
  bytes: Uint8Array;
  argv: string[];
  /** Guest path of the file that was loaded (the interpreter for a script). */
  path: string;
}

function readProgram(p: LinuxProcess, dirfd: number, path: string, depth: number): Uint8Array {
  if (path === "") throw new SysError(ENOENT);
  const r = p.resolve(dirfd, path, { follow: true, allowMissing: false });
  if (r.kind !== "host") throw new SysError(EACCES);
  if (r.exists === null) requireRead(p.policy, r.path);
  const st = r.stat;
  if (!st) throw new SysError(ENOENT);
  const S_IFMT = 0o170000, S_IFREG = 0o100000;
  if ((st.mode & S_IFMT) !== S_IFREG) throw new SysError(EACCES);
  if ((st.mode & 0o111) === 0) throw new SysError(EACCES);
  requireRead(p.policy, r.path);
  void depth;
  try {
    return hostReadProgram(r.path);
  } catch {
    throw new SysError(EACCES);
  }
}

function loadProgram(
  p: LinuxProcess,
  dirfd: number,
  path: string,
  argv: string[],
  depth = 0,
): Program {
  if (depth > 4) throw new SysError(ELOOP);
  const bytes = readProgram(p, dirfd, path, depth);
  if (bytes[0] === 0x23 && bytes[1] === 0x21) {
    // "#!interpreter [one argument]", up to the end of the first line (256 bytes at most).
    let end = bytes.indexOf(0x0a);
    if (end < 0 || end > 256) end = Math.min(bytes.length, 256);
    const line = dec.decode(bytes.subarray(2, end)).replace(/^[ \t]+/, "").replace(/[ \t\r]+$/, "");
    if (line === "") throw new SysError(ENOEXEC);
    const m = /^(\S+)(?:[ \t]+(.*))?$/.exec(line)!;
    const interp = m[1];
    const args = [interp, ...(m[2] !== undefined ? [m[2]] : []), path, ...argv.slice(1)];
    return loadProgram(p, AT_FDCWD, interp, args, depth + 1);
  }
  return { bytes, argv, path };
}

/**
 * Replace the calling process's image: same pid and descriptors (minus
 * O_CLOEXEC), a new address space, CPU and engine. Other threads end.
 */
function doExecve(
  p: LinuxProcess,
  dirfd: number,
  path: string,
  argvAddr: number,
  envAddr: number,
): number {
  const k = kernelOf(p);
  const task = k.current!;
  const argv = readStrings(p, argvAddr);
  const env = readStrings(p, envAddr);
  const prog = loadProgram(p, dirfd, path, argv);
  const mem = new AddressSpace({ maxMemory: p.mem.maxMemory });
  mem.joinPool(p.mem);
  const { cpu, engine } = k.makeTask(p, mem);
  const oldArgv = p.argv, oldEnv = p.env, oldAuxv = p.auxv;
  try {
    execImage(p, mem, cpu, prog.bytes, path, prog.argv, env);
  } catch (e) {
    p.argv = oldArgv;
    p.env = oldEnv;
    p.auxv = oldAuxv;
    mem.leavePool();
    if (e instanceof LoaderError) throw new SysError(e.errno || ENOEXEC);
    if (e instanceof RangeError) throw new SysError(E2BIG);
    throw e;
  }
  k.seedCode(engine, mem, task.engine, p.mem);
  // The point of no return.
  const alone = k.tasksOf(p).length === 1;
  for (const t of k.tasksOf(p)) {
    if (t !== task) {
      t.dead = true;
      k.tasks.splice(k.tasks.indexOf(t), 1);
    }
  }
  const auxv = p.auxv;
  const old = p.mem;
  p.mem.leavePool();
  p.execReset(mem, prog.argv, env, prog.path);
  // Nothing else runs on the old memory (no other thread, no wait pending): reuse it.
  if (alone) old.retire();
  p.auxv = auxv;
  forgetTrampoline(p, null);
  task.cpu = cpu;
  task.engine = engine;
  task.clearTid = 0;
  k.extra(p).vforkDone?.wake();
  k.extra(p).vforkDone = null;
  return 0;
}

/** execve(path, argv, envp) */
export function sysExecve(p: LinuxProcess, a: SysArgs): number {
  const path = p.mem.readCString(a.n(0));
  if (path === null) throw new SysError(EFAULT);
  return doExecve(p, AT_FDCWD, dec.decode(path), a.n(1), a.n(2));
}

/** execveat(dirfd, path, argv, envp, flags) */
export function sysExecveat(p: LinuxProcess, a: SysArgs): number {
  const path = p.mem.readCString(a.n(1));
  if (path === null) throw new SysError(EFAULT);
  const flags = a.int(4);
  if (flags & ~0x1100) throw new SysError(EINVAL);
  let s = dec.decode(path);
  if (s === "" && (flags & 0x1000)) s = p.file(a.int(0)).path();
  return doExecve(p, a.int(0), s, a.n(2), a.n(3));
}

// ---- wait4, waitid ---------------------------------------------------------------------

const WNOHANG = 1;
const WEXITED = 4;
const WNOWAIT = 0x01000000;

function isZombie(k: Kernel, c: LinuxProcess): boolean {
  return c.exited && k.tasksOf(c).length === 0;
}

function reap(k: Kernel, p: LinuxProcess, c: LinuxProcess): void {
  p.children.delete(c);
  k.forget(c);
}

/** wait4(pid, wstatus, options, rusage) */
export function sysWait4(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const pid = a.int(0);
  const statusAddr = a.n(1);
  const options = a.int(2);
  const rusage = a.n(3);
  if (options & ~(WNOHANG | 2 /* WUNTRACED */ | 8 /* WCONTINUED */ | 0xe0000000)) {
    throw new SysError(EINVAL);
  }
  const k = p.kernel;
  if (!k) throw new SysError(ECHILD);
  const match = (c: LinuxProcess) =>
    pid > 0 ? c.pid === pid : pid === -1 ? true : pid === 0 ? c.pgid === p.pgid : c.pgid === -pid;
  const attempt = (): number | null => {
    const cands = [...p.children].filter(match);
    if (cands.length === 0) return -ECHILD;
    const z = cands.find((c) => isZombie(k, c));
    if (z) {
      if (statusAddr !== 0) p.mem.writeU32(statusAddr, z.waitStatus);
      if (rusage !== 0) p.mem.write(rusage, new Uint8Array(144));
      reap(k, p, z);
      return z.pid;
    }
    if (options & WNOHANG) return 0;
    return null;
  };
  return block(p, [p.childWait], attempt, -1, -ETIMEDOUT, true);
}

/** waitid(idtype, id, infop, options, rusage) */
export function sysWaitid(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const idtype = a.int(0);
  const id = a.int(1);
  const infop = a.n(2);
  const options = a.int(3);
  const rusage = a.n(4);
  if (!(options & (WEXITED | 2 | 8))) throw new SysError(EINVAL);
  if (idtype < 0 || idtype > 2) throw new SysError(EINVAL);
  const k = p.kernel;
  if (!k) throw new SysError(ECHILD);
  const match = (c: LinuxProcess) =>
    idtype === 0 ? true : idtype === 1 ? c.pid === id : c.pgid === (id === 0 ? p.pgid : id);
  const attempt = (): number | null => {
    const cands = [...p.children].filter(match);
    if (cands.length === 0) return -ECHILD;
    const z = (options & WEXITED) ? cands.find((c) => isZombie(k, c)) : undefined;
    if (z) {
      if (infop !== 0) {
        const b = new Uint8Array(128);
        const dv = new DataView(b.buffer);
        dv.setInt32(0, SIGCHLD, true);
        dv.setInt32(8, z.exitSignal ? CLD_KILLED : CLD_EXITED, true);
        dv.setInt32(16, z.pid, true);
        dv.setUint32(20, z.uid, true);
        dv.setInt32(24, z.exitSignal ? z.exitSignal : z.exitCode & 0xff, true);
        p.mem.write(infop, b);
      }
      if (rusage !== 0) p.mem.write(rusage, new Uint8Array(144));
      if (!(options & WNOWAIT)) reap(k, p, z);
      return 0;
    }
    if (options & WNOHANG) {
      if (infop !== 0) p.mem.write(infop, new Uint8Array(128));
      return 0;
    }
    return null;
  };
  return block(p, [p.childWait], attempt, -1, -ETIMEDOUT, true);
}

// ---- signals to other processes --------------------------------------------------------

function allProcs(p: LinuxProcess): LinuxProcess[] {
  return p.kernel ? [...p.kernel.procs.values()] : [p];
}

function checkSig(sig: number): void {
  if (sig < 0 || sig > 64) throw new SysError(EINVAL);
}

function send(from: LinuxProcess, to: LinuxProcess, sig: number, code: number): void {
  if (sig !== 0) to.raise(sig, { code, pid: from.pid, uid: from.uid });
}

/** kill(pid, sig): to a process, the caller's group (0), every process (-1), or a group (< -1). */
export function sysKill(p: LinuxProcess, a: SysArgs): number {
  const pid = a.int(0);
  const sig = a.int(1);
  checkSig(sig);
  let targets: LinuxProcess[];
  if (pid > 0) targets = allProcs(p).filter((q) => q.pid === pid);
  else if (pid === 0) targets = allProcs(p).filter((q) => q.pgid === p.pgid);
  else if (pid === -1) targets = allProcs(p).filter((q) => q !== p || !p.kernel);
  else targets = allProcs(p).filter((q) => q.pgid === -pid);
  if (pid === -1 && p.kernel) {
    // Every process but the caller and init; then the caller too (as Linux does for -1,
    // the caller is skipped: it is left out here as well).
    if (targets.length === 0) return 0;
  }
  if (targets.length === 0) throw new SysError(ESRCH);
  // The sender last, so that a signal it sends itself is delivered after the others are marked.
  for (const q of targets) if (q !== p) send(p, q, sig, SI_USER);
  if (targets.includes(p)) send(p, p, sig, SI_USER);
  return 0;
}

function findTask(p: LinuxProcess, tid: number): LinuxProcess | null {
  const k = p.kernel;
  if (!k) return tid === p.pid ? p : null;
  const t = k.tasks.find((t) => t.tid === tid && !t.dead);
  if (t) return t.proc;
  const z = k.procs.get(tid);
  return z ?? null;
}

/** tgkill(tgid, tid, sig) */
export function sysTgkill(p: LinuxProcess, a: SysArgs): number {
  const tgid = a.int(0);
  const tid = a.int(1);
  const sig = a.int(2);
  if (tgid <= 0 || tid <= 0) throw new SysError(EINVAL);
  checkSig(sig);
  const q = findTask(p, tid);
  if (!q || q.pid !== tgid) throw new SysError(ESRCH);
  send(p, q, sig, SI_TKILL);
  return 0;
}

/** tkill(tid, sig) */
export function sysTkill(p: LinuxProcess, a: SysArgs): number {
  const tid = a.int(0);
  const sig = a.int(1);
  if (tid <= 0) throw new SysError(EINVAL);
  checkSig(sig);
  const q = findTask(p, tid);
  if (!q) throw new SysError(ESRCH);
  send(p, q, sig, SI_TKILL);
  return 0;
}

// ---- process groups and sessions -------------------------------------------------------

function procById(p: LinuxProcess, pid: number): LinuxProcess {
  if (pid === 0 || pid === p.pid) return p;
  const q = p.kernel?.procs.get(pid);
  if (!q) throw new SysError(ESRCH);
  return q;
}

/** getpgid(pid) */
export function sysGetpgid(p: LinuxProcess, a: SysArgs): number {
  return procById(p, a.int(0)).pgid;
}

/** getpgrp() (x86-64) */
export function sysGetpgrp(p: LinuxProcess): number {
  return p.pgid;
}

/** getsid(pid) */
export function sysGetsid(p: LinuxProcess, a: SysArgs): number {
  return procById(p, a.int(0)).sid;
}

/** setpgid(pid, pgid): the caller or one of its children, into a group of the same session. */
export function sysSetpgid(p: LinuxProcess, a: SysArgs): number {
  const pid = a.int(0);
  const pgid = a.int(1);
  if (pgid < 0) throw new SysError(EINVAL);
  const q = procById(p, pid);
  if (q !== p) {
    if (q.parent !== p) throw new SysError(ESRCH);
    if (q.sid !== p.sid) throw new SysError(EPERM);
    if (q.didExec) throw new SysError(EACCES);
  }
  // A session leader may not move (the first process's session is led by whatever ran
  // kitemu, outside the guest, so it may).
  if (q.sid === q.pid && q.pid !== GUEST_PID) throw new SysError(EPERM);
  const want = pgid === 0 ? q.pid : pgid;
  if (want !== q.pid) {
    const members = allProcs(p).filter((r) => r.pgid === want && r.sid === q.sid);
    if (members.length === 0) throw new SysError(EPERM);
  }
  q.pgid = want;
  return 0;
}

/** setsid(): a new session and group led by the caller; EPERM for a group leader. */
export function sysSetsid(p: LinuxProcess): number {
  if (allProcs(p).some((r) => r.pgid === p.pid)) throw new SysError(EPERM);
  p.sid = p.pid;
  p.pgid = p.pid;
  return p.pid;
}

// ---- futex -----------------------------------------------------------------------------

/** A task waiting on a futex word. */
export interface FutexWaiter {
  bitset: number;
  woken: boolean;
  wake: () => void;
}

function futexQueue(k: Kernel, mem: AddressSpace, addr: number): FutexWaiter[] {
  let m = k.futexes.get(mem);
  if (!m) k.futexes.set(mem, m = new Map());
  let q = m.get(addr);
  if (!q) m.set(addr, q = []);
  return q;
}

/** Wake up to `n` waiters on `addr` whose bitset meets `bitset`; returns how many. */
export function futexWake(
  k: Kernel,
  mem: AddressSpace,
  addr: number,
  n: number,
  bitset: number,
): number {
  const q = futexQueue(k, mem, addr);
  let woken = 0;
  for (let i = 0; i < q.length && woken < n;) {
    const w = q[i];
    if (w.bitset & bitset) {
      q.splice(i, 1);
      w.woken = true;
      w.wake();
      woken++;
    } else i++;
  }
  return woken;
}

const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
const FUTEX_REQUEUE = 3;
const FUTEX_CMP_REQUEUE = 4;
const FUTEX_WAIT_BITSET = 9;
const FUTEX_WAKE_BITSET = 10;

/** futex(uaddr, op, val, timeout|val2, uaddr2, val3) */
export function sysFutex(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const addr = a.n(0);
  const op = a.int(1) & ~(128 | 256); // FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME
  const val = a.uint(2);
  if (addr % 4 !== 0) throw new SysError(EINVAL);
  const k = p.kernel;
  switch (op) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
      const bitset = op === FUTEX_WAIT ? -1 : a.int(5);
      if (bitset === 0) throw new SysError(EINVAL);
      if (p.mem.readU32(addr) !== val) throw new SysError(EAGAIN);
      let ms = -1;
      const ts = a.n(3);
      if (ts !== 0) {
        const sec = p.mem.readI64(ts);
        const nsec = p.mem.readI64(ts + 8);
        if (sec < 0 || nsec < 0 || nsec > 999_999_999) throw new SysError(EINVAL);
        ms = sec * 1000 + nsec / 1e6;
        if (op === FUTEX_WAIT_BITSET) {
          const clk = a.int(1) & 256
            ? performance.timeOrigin + performance.now()
            : 1_000_000 + performance.now();
          ms = Math.max(0, ms - clk);
        }
      }
      if (!k) return ms < 0 ? new Promise<number>(() => {}) : block(p, [], () => null, ms);
      const wq = new WaitQueue();
      const w: FutexWaiter = { bitset, woken: false, wake: () => wq.wake() };
      const q = futexQueue(k, p.mem, addr);
      q.push(w);
      const r = block(p, [wq], () => (w.woken ? 0 : null), ms, -ETIMEDOUT, ms < 0);
      const drop = () => {
        if (!w.woken) {
          const i = q.indexOf(w);
          if (i >= 0) q.splice(i, 1);
        }
      };
      if (typeof r === "number") {
        drop();
        return r;
      }
      return r.then((v) => {
        drop();
        return w.woken ? 0 : v;
      });
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET: {
      const bitset = op === FUTEX_WAKE ? -1 : a.int(5);
      if (bitset === 0) throw new SysError(EINVAL);
      return k ? futexWake(k, p.mem, addr, val, bitset) : 0;
    }
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE: {
      const addr2 = a.n(4);
      const n2 = a.n(3);
      if (op === FUTEX_CMP_REQUEUE && p.mem.readU32(addr) !== a.uint(5)) {
        throw new SysError(EAGAIN);
      }
      if (!k) return 0;
      const woken = futexWake(k, p.mem, addr, val, -1);
      const q = futexQueue(k, p.mem, addr);
      const moved = q.splice(0, Math.min(n2, q.length));
      futexQueue(k, p.mem, addr2).push(...moved);
      return woken + moved.length;
    }
    default:
      throw new SysError(ENOSYS);
  }
}

// ---- pause, alarm, itimers -------------------------------------------------------------

/** pause(): wait until a signal is delivered; then -EINTR. */
export function sysPause(p: LinuxProcess): number | Promise<number> {
  return block(p, [], () => null);
}

function armAlarm(p: LinuxProcess, valueMs: number, intervalMs: number): [number, number] {
  const k = p.kernel;
  if (!k) return [0, 0];
  const x = k.extra(p);
  const now = performance.now();
  const old: [number, number] = [
    x.alarmTimer !== null ? Math.max(0, x.alarmAt - now) : 0,
    x.alarmInterval,
  ];
  if (x.alarmTimer !== null) clearTimeout(x.alarmTimer);
  x.alarmTimer = null;
  x.alarmInterval = intervalMs;
  if (valueMs > 0) {
    const fire = () => {
      x.alarmTimer = null;
      if (p.exited) return;
      p.raise(SIGALRM, { code: 0x80 /* SI_KERNEL */ });
      k.wakeups.wake();
      if (x.alarmInterval > 0) {
        x.alarmAt = performance.now() + x.alarmInterval;
        x.alarmTimer = setTimeout(fire, x.alarmInterval);
      }
    };
    x.alarmAt = now + valueMs;
    x.alarmTimer = setTimeout(fire, Math.min(valueMs, 0x7fffffff));
  }
  return old;
}

/** alarm(seconds): returns the seconds left of the previous alarm. */
export function sysAlarm(p: LinuxProcess, a: SysArgs): number {
  const [left] = armAlarm(p, a.uint(0) * 1000, 0);
  return left > 0 ? Math.max(1, Math.round(left / 1000)) : 0;
}

function readTimeval(p: LinuxProcess, addr: number): number {
  const sec = p.mem.readI64(addr);
  const usec = p.mem.readI64(addr + 8);
  if (sec < 0 || usec < 0 || usec > 999_999) throw new SysError(EINVAL);
  return sec * 1000 + usec / 1000;
}

function writeTimeval(p: LinuxProcess, addr: number, ms: number): void {
  const sec = Math.floor(ms / 1000);
  p.mem.writeU64(addr, sec);
  p.mem.writeU64(addr + 8, Math.round((ms - sec * 1000) * 1000));
}

/** setitimer(which, new, old): ITIMER_REAL only (the others: EINVAL). */
export function sysSetitimer(p: LinuxProcess, a: SysArgs): number {
  if (a.int(0) !== 0) throw new SysError(EINVAL);
  const interval = a.n(1) ? readTimeval(p, a.n(1)) : 0;
  const value = a.n(1) ? readTimeval(p, a.n(1) + 16) : 0;
  const [left, oldInterval] = armAlarm(p, value, value > 0 ? interval : 0);
  if (a.n(2) !== 0) {
    writeTimeval(p, a.n(2), oldInterval);
    writeTimeval(p, a.n(2) + 16, left);
  }
  return 0;
}

/** getitimer(which, value): ITIMER_REAL only. */
export function sysGetitimer(p: LinuxProcess, a: SysArgs): number {
  if (a.int(0) !== 0) throw new SysError(EINVAL);
  const k = p.kernel;
  const x = k?.extra(p);
  const left = x && x.alarmTimer !== null ? Math.max(0, x.alarmAt - performance.now()) : 0;
  writeTimeval(p, a.n(1), x?.alarmInterval ?? 0);
  writeTimeval(p, a.n(1) + 16, left);
  return 0;
}

/** The CPU of the current system call (for handlers that need it). */
export function currentCpu(p: LinuxProcess): CpuState | undefined {
  return p.kernel?.current?.cpu ?? cpuOf(p);
}
