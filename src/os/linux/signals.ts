/**
 * Signal delivery for one process: pending and blocked sets, default actions,
 * guest handlers entered through a Linux signal frame, and rt_sigreturn.
 *
 * A signal is raised (kill, tgkill, a broken pipe) into `sigpending`, then
 * delivered when the guest is about to run again: after the system call that
 * raised or unblocked it. A fault (SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE)
 * is delivered at once, with the faulting pc saved in the frame, or ends the
 * process when it is blocked, ignored or left at its default action (as
 * Linux's force_sig_fault does).
 *
 * The frame layout is per ISA ({@link SigFrameAbi}); RISC-V 64 is here.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import type { RvCpu } from "../../arch/riscv64/cpu.ts";
import type { Arch } from "../../loader/image.ts";
import { PAGE_SIZE, PF_MAPPED, PF_R, PF_W, PF_X } from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import { signalName } from "./numbers.ts";
import { type LinuxProcess, SIG_DFL, SIG_IGN, type SigAction } from "./process.ts";

/** Signal numbers used here. */
export const SIGILL = 4;
/** Trace/breakpoint trap. */
export const SIGTRAP = 5;
/** Bus error. */
export const SIGBUS = 7;
/** Floating-point (arithmetic) exception. */
export const SIGFPE = 8;
/** Kill (cannot be caught). */
export const SIGKILL = 9;
/** Segmentation fault. */
export const SIGSEGV = 11;
/** Broken pipe. */
export const SIGPIPE = 13;
/** Stop (cannot be caught). */
export const SIGSTOP = 19;

/** si_code values. */
export const SI_USER = 0;
/** Sent by tkill/tgkill. */
export const SI_TKILL = -6;
/** SIGSEGV: address not mapped. */
export const SEGV_MAPERR = 1;
/** SIGSEGV: no permission for the access. */
export const SEGV_ACCERR = 2;
/** SIGILL: illegal opcode. */
export const ILL_ILLOPC = 1;
/** SIGTRAP: breakpoint. */
export const TRAP_BRKPT = 1;
/** SIGBUS: misaligned address. */
export const BUS_ADRALN = 1;

/** sa_flags bits. */
export const SA_SIGINFO = 4;
/** Run the handler on the alternate stack. */
export const SA_ONSTACK = 0x08000000;
/** Do not block the signal in its own handler. */
export const SA_NODEFER = 0x40000000;
/** Reset to SIG_DFL on delivery. */
export const SA_RESETHAND = 0x80000000;
/** sigaltstack flags. */
export const SS_ONSTACK = 1;
/** The alternate stack is disabled. */
export const SS_DISABLE = 2;
/** Disable the alternate stack while a handler runs on it. */
export const SS_AUTODISARM = 1 << 31;

/** What a delivered signal tells its handler (the fields of siginfo_t kitemu fills). */
export interface SigInfo {
  code: number;
  /** si_addr, for faults. */
  addr?: number;
  /** si_pid and si_uid, for signals sent by a process. */
  pid?: number;
  uid?: number;
  /** si_status, for SIGCHLD: the exit code or the signal. */
  status?: number;
}

/** How one ISA builds and takes down a signal frame. */
export interface SigFrameAbi {
  /**
   * Write the frame below `sp` and point the CPU at the handler. Throws a
   * GuestFault when the stack cannot take the frame.
   */
  setup(
    p: LinuxProcess,
    cpu: CpuState,
    sig: number,
    info: Uint8Array,
    act: SigAction,
    sp: number,
    savedMask: bigint,
  ): void;
  /** rt_sigreturn: restore the CPU from the frame at the stack pointer; returns the saved mask. */
  restore(p: LinuxProcess, cpu: CpuState): bigint;
}

const KILL_STOP = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

/** Signals whose default action is to do nothing (SIGCHLD, SIGCONT, SIGURG, SIGWINCH), and the stop signals (no job control). */
const DEFAULT_IGNORED = new Set([17, 18, 23, 28, 19, 20, 21, 22]);

function bit(sig: number): bigint {
  return 1n << BigInt(sig - 1);
}

/** A siginfo_t (128 bytes, the generic layout). */
function sigInfoBytes(sig: number, info: SigInfo): Uint8Array {
  const b = new Uint8Array(128);
  const dv = new DataView(b.buffer);
  dv.setInt32(0, sig, true);
  dv.setInt32(8, info.code, true);
  if (info.addr !== undefined) dv.setBigUint64(16, BigInt.asUintN(64, BigInt(info.addr)), true);
  else {
    dv.setInt32(16, info.pid ?? 0, true);
    dv.setUint32(20, info.uid ?? 0, true);
    if (info.status !== undefined) dv.setInt32(24, info.status, true);
  }
  return b;
}

/** The stack_t the frame records, for the stack pointer `sp` the guest had. */
function altStackFlags(p: LinuxProcess, sp: number): number {
  const a = p.altStack;
  if (a.flags & SS_DISABLE || a.size === 0) return SS_DISABLE;
  const on = sp > a.sp && sp <= a.sp + a.size;
  return (on ? SS_ONSTACK : 0) | (a.flags & SS_AUTODISARM);
}

/** True when `sp` lies on the alternate signal stack. */
export function onAltStack(p: LinuxProcess, sp: number): boolean {
  return (altStackFlags(p, sp) & SS_ONSTACK) !== 0;
}

// ---- RISC-V 64 -------------------------------------------------------------------------

/** Offsets in struct rt_sigframe { siginfo info; ucontext uc; } for RISC-V 64. */
const RV_UC = 128;
const RV_UC_STACK = RV_UC + 16;
const RV_UC_SIGMASK = RV_UC + 40;
const RV_MCONTEXT = RV_UC + 176; // after the 1024-bit sigset area, aligned to 16
const RV_FPREGS = RV_MCONTEXT + 256;
const RV_FCSR = RV_FPREGS + 256;
const RV_FRAME_SIZE = RV_MCONTEXT + 256 + 528;

/** `li a7, 139; ecall`: the rt_sigreturn trampoline (the kernel's vDSO has the same two words). */
const RV_TRAMPOLINE = [0x08b00893, 0x00000073];

function rvReg(cpu: CpuState, i: number): bigint {
  return (BigInt(cpu.x[2 * i + 1]) << 32n) | BigInt(cpu.x[2 * i] >>> 0);
}

function rvSet(cpu: CpuState, i: number, v: bigint): void {
  if (i === 0) return;
  cpu.x[2 * i] = Number(BigInt.asIntN(32, v));
  cpu.x[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

const riscv64Frame: SigFrameAbi = {
  setup(p, cpu, sig, info, act, sp, savedMask) {
    const rv = cpu as RvCpu;
    const frame = Math.floor((sp - RV_FRAME_SIZE) / 16) * 16;
    const b = new Uint8Array(RV_FRAME_SIZE);
    const dv = new DataView(b.buffer);
    b.set(info, 0);
    const guestSp = Number(BigInt.asIntN(64, rvReg(cpu, 2)));
    dv.setBigUint64(RV_UC_STACK, BigInt(p.altStack.sp), true);
    dv.setInt32(RV_UC_STACK + 8, altStackFlags(p, guestSp), true);
    dv.setBigUint64(RV_UC_STACK + 16, BigInt(p.altStack.size), true);
    dv.setBigUint64(RV_UC_SIGMASK, savedMask, true);
    dv.setBigUint64(RV_MCONTEXT, BigInt(cpu.pc), true);
    for (let i = 1; i < 32; i++) {
      dv.setBigUint64(RV_MCONTEXT + 8 * i, BigInt.asUintN(64, rvReg(cpu, i)), true);
    }
    for (let i = 0; i < 32; i++) {
      dv.setInt32(RV_FPREGS + 8 * i, rv.fi[2 * i], true);
      dv.setInt32(RV_FPREGS + 8 * i + 4, rv.fi[2 * i + 1], true);
    }
    dv.setUint32(RV_FCSR, (rv.fflags & 31) | ((rv.frm & 7) << 5), true);
    if (!p.mem.check(frame, RV_FRAME_SIZE, PF_W)) {
      throw new GuestFault("SIGSEGV", cpu.pc, frame, "write");
    }
    p.mem.write(frame, b);
    const tramp = trampoline(p);
    cpu.pc = Number(act.handler);
    rvSet(cpu, 2, BigInt(frame));
    rvSet(cpu, 1, BigInt(tramp));
    rvSet(cpu, 10, BigInt(sig));
    rvSet(cpu, 11, BigInt(frame));
    rvSet(cpu, 12, BigInt(frame + RV_UC));
  },
  restore(p, cpu) {
    const rv = cpu as RvCpu;
    const frame = Number(BigInt.asIntN(64, rvReg(cpu, 2)));
    const b = p.mem.read(frame, RV_FRAME_SIZE);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    cpu.pc = Number(dv.getBigUint64(RV_MCONTEXT, true));
    for (let i = 1; i < 32; i++) rvSet(cpu, i, dv.getBigUint64(RV_MCONTEXT + 8 * i, true));
    for (let i = 0; i < 32; i++) {
      rv.fi[2 * i] = dv.getInt32(RV_FPREGS + 8 * i, true);
      rv.fi[2 * i + 1] = dv.getInt32(RV_FPREGS + 8 * i + 4, true);
    }
    const fcsr = dv.getUint32(RV_FCSR, true);
    rv.fflags = fcsr & 31;
    rv.frm = (fcsr >> 5) & 7;
    restoreAltStack(p, dv, RV_UC_STACK, Number(BigInt.asIntN(64, rvReg(cpu, 2))));
    return dv.getBigUint64(RV_UC_SIGMASK, true);
  },
};

/**
 * Frame layouts per ISA. RISC-V's is here; the other ISAs' `support.ts`
 * modules register theirs when they load (so a RISC-V run does not load them).
 */
export const SIGFRAMES: Partial<Record<Arch, SigFrameAbi>> = {
  riscv64: riscv64Frame,
};

/** restore_altstack: take back the sigaltstack settings the frame recorded (errors ignored). */
function restoreAltStack(p: LinuxProcess, dv: DataView, off: number, sp: number): void {
  const ssSp = Number(dv.getBigUint64(off, true));
  const flags = dv.getInt32(off + 8, true);
  const size = Number(dv.getBigUint64(off + 16, true));
  if (onAltStack(p, sp)) return;
  if (flags & SS_DISABLE) p.altStack = { sp: 0, flags: SS_DISABLE, size: 0 };
  else if (size >= 2048) p.altStack = { sp: ssSp, flags: flags & SS_AUTODISARM, size };
}

/** Trampoline pages, per process: where a handler returns to (its ra / lr). */
const trampolines = new WeakMap<LinuxProcess, number>();

/** The address of the rt_sigreturn trampoline, mapping its page ("[vdso]") on first use. */
function trampoline(p: LinuxProcess): number {
  let at = trampolines.get(p);
  if (at !== undefined && p.mem.check(at, 8, PF_X)) return at;
  at = p.mem.findFree(PAGE_SIZE);
  if (at < 0 || p.mem.mapFixed(at, PAGE_SIZE, PF_R | PF_W, "[vdso]") < 0) {
    throw new GuestFault("SIGSEGV", -1, 0, "map");
  }
  const code = new Uint8Array(8);
  const dv = new DataView(code.buffer);
  dv.setUint32(0, RV_TRAMPOLINE[0], true);
  dv.setUint32(4, RV_TRAMPOLINE[1], true);
  p.mem.write(at, code);
  p.mem.mprotect(at, PAGE_SIZE, PF_R | PF_X);
  trampolines.set(p, at);
  return at;
}

/**
 * fork: the child's copy of memory holds the parent's trampoline page (`from`);
 * execve: the new image has none (`from` null).
 */
export function forgetTrampoline(p: LinuxProcess, from: LinuxProcess | null): void {
  const at = from ? trampolines.get(from) : undefined;
  if (at !== undefined) trampolines.set(p, at);
  else trampolines.delete(p);
}

// ---- raising and delivering ------------------------------------------------------------

/** Information recorded with a pending signal (standard signals do not queue: one each). */
const pendingInfo = new WeakMap<LinuxProcess, Map<number, SigInfo>>();

/**
 * Raise `sig` at the process: drop it when ignored, else make it pending.
 * It is delivered (or takes its default action) when the guest next runs and
 * the signal is not blocked.
 */
export function raiseSignal(p: LinuxProcess, sig: number, info: SigInfo): void {
  if (sig <= 0 || sig > 64 || p.exited) return;
  const act = p.sigactions[sig];
  const catchable = sig !== SIGKILL && sig !== SIGSTOP;
  if (catchable && act.handler === SIG_IGN) return;
  if (catchable && act.handler === SIG_DFL && DEFAULT_IGNORED.has(sig)) return;
  if (!(p.sigpending & bit(sig))) {
    let m = pendingInfo.get(p);
    if (!m) pendingInfo.set(p, m = new Map());
    m.set(sig, info);
  }
  p.sigpending |= bit(sig);
  p.sigWait.wake();
}

/** strace's line for a delivered signal: `--- SIGSEGV {si_signo=SIGSEGV, si_code=1, si_addr=0x10} ---`. */
function traceSignal(p: LinuxProcess, sig: number, info: SigInfo): void {
  const name = signalName(sig);
  const rest = info.addr !== undefined
    ? `si_addr=0x${info.addr.toString(16)}`
    : `si_pid=${info.pid ?? 0}, si_uid=${info.uid ?? 0}`;
  p.trace!(`--- ${name} {si_signo=${name}, si_code=${info.code}, ${rest}} ---`);
}

/** End the process by `sig` (default action "terminate" or "core"). */
function terminate(p: LinuxProcess, sig: number): void {
  if (p.exited) return;
  if (p.trace) p.trace(`+++ killed by ${signalName(sig)} +++`);
  p.exited = true;
  p.exitSignal = sig;
  p.exitCode = 128 + sig;
}

/**
 * Deliver one signal now: run its default action, or enter its handler.
 * Returns false when the frame could not be written (the caller kills with SIGSEGV).
 */
function deliverOne(p: LinuxProcess, cpu: CpuState, sig: number, info: SigInfo): boolean {
  const act = p.sigactions[sig];
  if (p.trace) traceSignal(p, sig, info);
  if (act.handler === SIG_IGN && sig !== SIGKILL && sig !== SIGSTOP) return true;
  if (act.handler === SIG_DFL || sig === SIGKILL || sig === SIGSTOP) {
    if (!DEFAULT_IGNORED.has(sig) || sig === SIGSTOP) {
      if (sig !== SIGSTOP) terminate(p, sig);
    }
    return true;
  }
  const abi = SIGFRAMES[p.info.arch];
  if (!abi) {
    terminate(p, sig);
    return true;
  }
  const flags = Number(act.flags & 0xffffffffn);
  let sp = p.abi.sp(cpu);
  const alt = p.altStack;
  if ((flags & SA_ONSTACK) && !(alt.flags & SS_DISABLE) && alt.size > 0 && !onAltStack(p, sp)) {
    sp = alt.sp + alt.size;
  }
  const saved = suspendSaved.get(p) ?? p.sigmask;
  suspendSaved.delete(p);
  try {
    abi.setup(p, cpu, sig, sigInfoBytes(sig, info), act, sp, saved);
  } catch (e) {
    if (e instanceof GuestFault) return false;
    throw e;
  }
  if ((flags & SA_ONSTACK) && (alt.flags & SS_AUTODISARM)) {
    p.altStack = { sp: 0, flags: SS_DISABLE, size: 0 };
  }
  p.sigmask = (p.sigmask | act.mask | ((flags & SA_NODEFER) ? 0n : bit(sig))) & ~KILL_STOP;
  if (flags & SA_RESETHAND) {
    p.sigactions[sig] = {
      handler: SIG_DFL,
      flags: act.flags,
      restorer: act.restorer,
      mask: act.mask,
    };
  }
  return true;
}

/** True when some pending signal is not blocked. */
export function hasDeliverable(p: LinuxProcess): boolean {
  return (p.sigpending & ~p.sigmask) !== 0n;
}

/**
 * Deliver the lowest-numbered pending signal that is not blocked (one frame at
 * a time: the next waits for the next return to the guest, which comes at
 * the handler's rt_sigreturn at the latest).
 */
export function deliverPending(p: LinuxProcess, cpu: CpuState): void {
  while (!p.exited) {
    const ready = p.sigpending & ~p.sigmask;
    if (ready === 0n) return;
    let sig = 1;
    while (!(ready & bit(sig))) sig++;
    p.sigpending &= ~bit(sig);
    const info = pendingInfo.get(p)?.get(sig) ?? { code: SI_USER };
    pendingInfo.get(p)?.delete(sig);
    const before = p.sigactions[sig].handler;
    if (!deliverOne(p, cpu, sig, info)) {
      terminate(p, SIGSEGV);
      return;
    }
    // A handler was entered: let it run before the next one.
    if (before !== SIG_DFL && before !== SIG_IGN) return;
  }
}

/**
 * Deliver a synchronous fault signal with the CPU stopped at the faulting
 * instruction. Returns true when a handler was entered (the guest continues),
 * false when the fault ends the process (blocked, ignored or default action:
 * the caller reports the death).
 */
export function deliverFault(p: LinuxProcess, cpu: CpuState, sig: number, info: SigInfo): boolean {
  const act = p.sigactions[sig];
  if (act.handler === SIG_DFL || act.handler === SIG_IGN || (p.sigmask & bit(sig))) return false;
  if (!deliverOne(p, cpu, sig, info)) return false;
  return true;
}

/** The si_code of a SIGSEGV at `addr`: not mapped, or mapped without the needed permission. */
export function segvCode(p: LinuxProcess, addr: number): number {
  return p.mem.check(addr, 1, PF_MAPPED) ? SEGV_ACCERR : SEGV_MAPERR;
}

/** The mask rt_sigsuspend replaced, to be saved in the next frame instead of the temporary one. */
const suspendSaved = new WeakMap<LinuxProcess, bigint>();

/** The CPU of the system call being handled, per process (handlers get only their arguments). */
const cpus = new WeakMap<LinuxProcess, CpuState>();

/** Record the CPU making the current system call (syscalls.ts does, before each handler). */
export function bindCpu(p: LinuxProcess, cpu: CpuState): void {
  cpus.set(p, cpu);
}

/** The CPU of the current system call. */
export function cpuOf(p: LinuxProcess): CpuState | undefined {
  return cpus.get(p);
}

/**
 * rt_sigsuspend(mask, sigsetsize): wait with `mask` until a signal is
 * delivered; then -EINTR, with the old mask saved in the handler's frame.
 * Nothing outside the guest sends signals, so when none is deliverable at
 * once it waits forever, as Linux would.
 */
export function sysRtSigsuspend(
  p: LinuxProcess,
  mask: bigint,
): number | Promise<number> {
  const old = p.sigmask;
  p.sigmask = mask & ~KILL_STOP;
  if (hasDeliverable(p)) {
    suspendSaved.set(p, old);
    return -4; // EINTR
  }
  return (async () => {
    const keep = setInterval(() => {}, 1 << 30);
    try {
      while (!hasDeliverable(p) && !p.exited) await p.sigWait.wait();
    } finally {
      clearInterval(keep);
    }
    suspendSaved.set(p, old);
    return -4;
  })();
}

/**
 * rt_sigtimedwait(set, info, timeout, sigsetsize) after argument checks:
 * take the lowest pending signal in `set` (without running its handler),
 * or wait `timeoutMs` (< 0: forever) and fail with EAGAIN, since nothing
 * outside the guest raises signals.
 */
export function sigtimedwait(
  p: LinuxProcess,
  set: bigint,
  infoAddr: number,
  timeoutMs: number,
): number | Promise<number> {
  const take = (): number | null => {
    const want = set & ~KILL_STOP & p.sigpending;
    if (want === 0n) return null;
    let sig = 1;
    while (!(want & bit(sig))) sig++;
    p.sigpending &= ~bit(sig);
    const info = pendingInfo.get(p)?.get(sig) ?? { code: SI_USER };
    pendingInfo.get(p)?.delete(sig);
    if (infoAddr !== 0) p.mem.write(infoAddr, sigInfoBytes(sig, info));
    return sig;
  };
  const now = take();
  if (now !== null) return now;
  if (timeoutMs === 0) return -11; // EAGAIN
  const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
  return (async () => {
    const keep = setInterval(() => {}, 1 << 30);
    try {
      for (;;) {
        const r = take();
        if (r !== null) return r;
        if (p.exited || hasDeliverable(p)) return -4; // EINTR: another signal's handler runs
        const left = deadline - performance.now();
        if (left <= 0) return -11;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const waits: Promise<unknown>[] = [p.sigWait.wait()];
        if (Number.isFinite(left)) waits.push(new Promise((r) => timer = setTimeout(r, left)));
        await Promise.race(waits);
        if (timer !== undefined) clearTimeout(timer);
      }
    } finally {
      clearInterval(keep);
    }
  })();
}

/** rt_sigreturn(): restore the interrupted context from the frame; the result register is not written. */
export function sysRtSigreturn(p: LinuxProcess, cpu: CpuState): void {
  const abi = SIGFRAMES[p.info.arch];
  if (!abi) {
    terminate(p, SIGSEGV);
    return;
  }
  try {
    p.sigmask = abi.restore(p, cpu) & ~KILL_STOP;
  } catch (e) {
    if (!(e instanceof GuestFault)) throw e;
    terminate(p, SIGSEGV);
  }
}
