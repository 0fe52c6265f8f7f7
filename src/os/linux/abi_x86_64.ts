/**
 * The x86-64 Linux system call convention and start-up facts: the number in
 * rax, arguments in rdi, rsi, rdx, r10, r8, r9, the result in rax, the stack
 * pointer in rsp. (`syscall` itself clobbers rcx and r11; the lifter does that.)
 * @module
 */

import {
  type CpuState,
  type LinuxIsaInfo,
  regGet,
  regGetBig,
  regSet,
  type SyscallAbi,
} from "../../arch/isa.ts";
import {
  DF,
  DFS,
  FAH,
  FAL,
  FBH,
  FBL,
  FL,
  FOP,
  FRH,
  FRL,
  STATUS,
  type X86Cpu,
} from "../../arch/x86_64/cpu.ts";
import { flags as lazyFlags } from "../../arch/x86_64/runtime.ts";
import { X87_RUNTIME } from "../../arch/x86_64/x87.ts";
import { PF_R, PF_W } from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import type { LinuxProcess } from "./process.ts";
import type { SigFrameAbi } from "./signals.ts";
import { setArchPrctlCpu } from "./arch_prctl.ts";

/** Argument registers: rdi, rsi, rdx, r10, r8, r9. */
const ARGS = [7, 6, 2, 10, 8, 9];
const RAX = 0, RSP = 4;

/**
 * The x86-64 system call ABI.
 *
 * @example
 * ```ts
 * const nr = x86_64Abi.number(cpu); // rax
 * x86_64Abi.setResult(cpu, -2); // rax = -ENOENT
 * ```
 */
export const x86_64Abi: SyscallAbi = {
  number: (cpu) => regGet(cpu, RAX),
  arg: (cpu, i) => regGet(cpu, ARGS[i]),
  argBig: (cpu, i) => regGetBig(cpu, ARGS[i]),
  setResult: (cpu, value) => regSet(cpu, RAX, value),
  sp: (cpu) => regGet(cpu, RSP),
  setSp: (cpu, value) => regSet(cpu, RSP, value),
};

/**
 * Linux facts for x86-64: AT_HWCAP is CPUID.1:EDX as kitemu reports it (FPU,
 * TSC, CX8, CMOV, CLFSH, MMX, FXSR, SSE, SSE2) and AT_PLATFORM is "x86_64".
 */
export const x86_64Linux: LinuxIsaInfo = {
  arch: "x86_64",
  hwcap: 1 | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 23) | (1 << 24) | (1 << 25) |
    (1 << 26),
  hwcap2: 0,
  platform: "x86_64",
  machine: "x86_64",
};

/** The CPU of the system call being handled, for arch_prctl (set when its number is read). */
const numberOf = x86_64Abi.number;
x86_64Abi.number = (cpu) => {
  setArchPrctlCpu(cpu);
  return numberOf(cpu);
};

// ---- signal frames ----------------------------------------------------------------------

/**
 * struct rt_sigframe for x86-64 (arch/x86/include/asm/sigframe.h): { char *pretcode;
 * struct ucontext uc; struct siginfo info; }, the fxsave-format FPU state below it
 * (64-byte aligned). Offsets in bytes from the frame.
 */
const PRETCODE = 0;
const UC = 8;
const UC_FLAGS = UC;
const UC_STACK = UC + 16; // stack_t { ss_sp, ss_flags (int), ss_size }
const MC = UC + 40; // struct sigcontext (256 bytes)
const UC_SIGMASK = UC + 296;
const INFO = UC + 304;
const FRAME_SIZE = INFO + 128;
/** struct sigcontext: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, then rip, eflags. */
const SC_GPRS = [8, 9, 10, 11, 12, 13, 14, 15, 7, 6, 5, 3, 2, 0, 1, 4];
const SC_RIP = MC + 128;
const SC_EFLAGS = MC + 136;
const SC_CS = MC + 144; // cs, gs, fs, ss: u16 each
const SC_SS = MC + 150;
const SC_ERR = MC + 152;
const SC_TRAPNO = MC + 160;
const SC_OLDMASK = MC + 168;
const SC_CR2 = MC + 176;
const SC_FPSTATE = MC + 184;
/** The legacy fxsave area (no XSAVE: kitemu's CPUID reports none). */
const FXSAVE_SIZE = 512;
/** uc_flags: UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS (no UC_FP_XSTATE without XSAVE). */
const UC_FLAGS_64 = 2 | 4;
/** The user code and stack segment selectors of 64-bit Linux. */
const USER_CS = 0x33, USER_DS = 0x2b;
/** RFLAGS: IF and the always-one bit 1, as a user process sees them. */
const RFLAGS_FIXED = 0x202;
const REDZONE = 128;
const SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
const SIGILL = 4, SIGTRAP = 5, SIGFPE = 8, SIGSEGV = 11;
const ILL_ILLOPC = 1, ILL_ILLOPN = 2, TRAP_BRKPT = 1, SI_KERNEL = 0x80, SEGV_ACCERR = 2;

function getReg(cpu: CpuState, i: number): bigint {
  return BigInt.asUintN(64, (BigInt(cpu.x[2 * i + 1]) << 32n) | BigInt(cpu.x[2 * i] >>> 0));
}

function setReg(cpu: CpuState, i: number, v: bigint): void {
  cpu.x[2 * i] = Number(BigInt.asIntN(32, v));
  cpu.x[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

/** RFLAGS from the lazy-flags state (materialized now). */
function rflags(cpu: CpuState): number {
  const x = cpu.x;
  const f = lazyFlags(x[FOP], x[FRL], x[FRH], x[FAL], x[FAH], x[FBL], x[FBH], x[FL]);
  return (f & STATUS) | (x[DFS] ? DF : 0) | RFLAGS_FIXED;
}

/** Load RFLAGS' user-modifiable bits kitemu models (the status flags and DF). */
function setRflags(cpu: CpuState, f: number): void {
  const x = cpu.x;
  x[FL] = f & STATUS;
  x[FOP] = 0; // kind EFL: the flags are materialized in FL
  x[DFS] = (f & DF) ? 1 : 0;
}

function onAlt(p: LinuxProcess, sp: number): boolean {
  const a = p.altStack;
  return !(a.flags & SS_DISABLE) && a.size > 0 && sp > a.sp && sp <= a.sp + a.size;
}

/** fpu__clear_user_states: the handler starts with the FPU's initial state. */
function initFpu(c: X86Cpu): void {
  X87_RUNTIME.init(c);
  c.mxcsr = 0x1f80;
  c.xi.fill(0, 0, 64);
}

/**
 * The x86-64 signal frame (arch/x86/kernel/signal_64.c): below the 128-byte red zone (or
 * at the top of the alternate stack) the fxsave area, 64-byte aligned, then struct
 * rt_sigframe placed so that the handler sees rsp % 16 == 8, as after a call. pretcode
 * is sa_restorer (x86-64 programs always set SA_RESTORER), so the handler's `ret` enters
 * rt_sigreturn. The handler gets rdi = sig, rsi = &info, rdx = &uc, rax = 0, DF clear and
 * a fresh FPU state.
 *
 * The traps that x86-64 Linux reports differently from the generic code are adjusted
 * here: #UD is ILL_ILLOPN, and int3 is a trap (the saved rip is after it) reported as
 * SI_KERNEL without an address.
 */
export const x86_64SigFrame: SigFrameAbi = {
  setup(p, cpu, sig, info, act, sp, savedMask) {
    const c = cpu as X86Cpu;
    const guestSp = Number(BigInt.asIntN(64, getReg(cpu, RSP)));
    if (sp === guestSp) sp -= REDZONE;
    const fp = Math.floor((sp - FXSAVE_SIZE) / 64) * 64;
    const frame = Math.floor((fp - FRAME_SIZE + 8) / 16) * 16 - 8;
    const b = new Uint8Array(FRAME_SIZE);
    const dv = new DataView(b.buffer);
    b.set(info, INFO);
    // The trap number, error code and cr2 of a fault; x86-64's own si_code for two traps.
    let rip = cpu.pc, trapno = 0, err = 0, cr2 = 0;
    const code = dv.getInt32(INFO + 8, true);
    const isFault = Number(dv.getBigUint64(INFO + 16, true)) === cpu.pc;
    if (sig === SIGILL && code === ILL_ILLOPC && isFault) {
      dv.setInt32(INFO + 8, ILL_ILLOPN, true);
      trapno = 6;
    } else if (sig === SIGTRAP && code === TRAP_BRKPT && isFault) {
      const op = p.mem.check(cpu.pc, 1, PF_R) ? p.mem.read(cpu.pc, 1)[0] : 0xcc;
      rip = cpu.pc + (op === 0xcd ? 2 : 1);
      dv.setInt32(INFO + 8, SI_KERNEL, true);
      dv.setBigUint64(INFO + 16, 0n, true);
      trapno = 3;
    } else if (sig === SIGFPE && isFault) {
      trapno = 0;
    } else if (sig === SIGSEGV && code > 0) {
      trapno = 14;
      cr2 = Number(dv.getBigUint64(INFO + 16, true));
      err = 4 | (code === SEGV_ACCERR ? 1 : 0) | (c.faultAccess === 2 ? 2 : 0) |
        (c.faultAccess === 4 ? 16 : 0);
    }
    dv.setBigUint64(PRETCODE, BigInt.asUintN(64, act.restorer), true);
    dv.setBigUint64(UC_FLAGS, BigInt(UC_FLAGS_64), true);
    const a = p.altStack;
    const ssFlags = a.flags & SS_DISABLE || a.size === 0
      ? SS_DISABLE
      : (onAlt(p, guestSp) ? SS_ONSTACK : 0) | (a.flags & SS_AUTODISARM);
    dv.setBigUint64(UC_STACK, BigInt(a.sp), true);
    dv.setInt32(UC_STACK + 8, ssFlags, true);
    dv.setBigUint64(UC_STACK + 16, BigInt(a.size), true);
    for (let k = 0; k < 16; k++) dv.setBigUint64(MC + 8 * k, getReg(cpu, SC_GPRS[k]), true);
    dv.setBigUint64(SC_RIP, BigInt(rip), true);
    dv.setBigUint64(SC_EFLAGS, BigInt(rflags(cpu)), true);
    dv.setUint16(SC_CS, USER_CS, true);
    dv.setUint16(SC_SS, USER_DS, true);
    dv.setBigUint64(SC_ERR, BigInt(err), true);
    dv.setBigUint64(SC_TRAPNO, BigInt(trapno), true);
    dv.setBigUint64(SC_OLDMASK, savedMask & 0xffffffffffffffffn, true);
    dv.setBigUint64(SC_CR2, BigInt.asUintN(64, BigInt(cr2)), true);
    dv.setBigUint64(SC_FPSTATE, BigInt(fp), true);
    dv.setBigUint64(UC_SIGMASK, savedMask, true);
    if (!p.mem.check(frame, fp + FXSAVE_SIZE - frame, PF_W)) {
      throw new GuestFault("SIGSEGV", cpu.pc, frame, "write");
    }
    p.mem.write(frame, b);
    X87_RUNTIME.fxsave(c, p.mem.access(fp, FXSAVE_SIZE, PF_W));
    initFpu(c);
    cpu.pc = Number(act.handler);
    setReg(cpu, RSP, BigInt(frame));
    setReg(cpu, 7, BigInt(sig)); // rdi
    setReg(cpu, 6, BigInt(frame + INFO)); // rsi
    setReg(cpu, 2, BigInt(frame + UC)); // rdx
    setReg(cpu, RAX, 0n);
    setRflags(cpu, rflags(cpu) & ~DF);
  },

  restore(p, cpu) {
    const c = cpu as X86Cpu;
    // The handler's `ret` popped pretcode: the frame starts 8 bytes below rsp.
    const frame = Number(BigInt.asIntN(64, getReg(cpu, RSP))) - 8;
    const b = p.mem.read(frame, FRAME_SIZE);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let k = 0; k < 16; k++) setReg(cpu, SC_GPRS[k], dv.getBigUint64(MC + 8 * k, true));
    cpu.pc = Number(dv.getBigUint64(SC_RIP, true));
    const f = dv.getUint32(SC_EFLAGS, true);
    setRflags(cpu, f & (STATUS | DF));
    const fp = Number(dv.getBigUint64(SC_FPSTATE, true));
    if (fp === 0) initFpu(c);
    else X87_RUNTIME.fxrstor(c, p.mem.access(fp, FXSAVE_SIZE, PF_R));
    // restore_altstack, unless the interrupted code runs on it
    const ssSp = Number(dv.getBigUint64(UC_STACK, true));
    const ssFlags = dv.getInt32(UC_STACK + 8, true);
    const ssSize = Number(dv.getBigUint64(UC_STACK + 16, true));
    if (!onAlt(p, Number(BigInt.asIntN(64, getReg(cpu, RSP))))) {
      if (ssFlags & SS_DISABLE) p.altStack = { sp: 0, flags: SS_DISABLE, size: 0 };
      else if (ssSize >= 2048) {
        p.altStack = { sp: ssSp, flags: ssFlags & SS_AUTODISARM, size: ssSize };
      }
    }
    return dv.getBigUint64(UC_SIGMASK, true);
  },
};
