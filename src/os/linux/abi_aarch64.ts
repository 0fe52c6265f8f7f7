/**
 * The AArch64 Linux system call convention and start-up facts: the number in
 * x8, arguments in x0..x5, the result in x0, the stack pointer in SP (slots
 * 62/63 of the register file). The syscall numbers are the generic table,
 * shared with RISC-V.
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
import { PAGE_SIZE, PF_R, PF_W, PF_X } from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import type { LinuxProcess } from "./process.ts";
import type { SigFrameAbi } from "./signals.ts";

const SP = 31;

/**
 * The AArch64 system call ABI.
 *
 * @example
 * ```ts
 * const nr = aarch64Abi.number(cpu); // x8
 * aarch64Abi.setResult(cpu, -2); // x0 = -ENOENT
 * ```
 */
export const aarch64Abi: SyscallAbi = {
  number: (cpu) => regGet(cpu, 8),
  arg: (cpu, i) => regGet(cpu, i),
  argBig: (cpu, i) => regGetBig(cpu, i),
  setResult: (cpu, value) => regSet(cpu, 0, value),
  sp: (cpu) => regGet(cpu, SP),
  setSp: (cpu, value) => regSet(cpu, SP, value),
};

/** AT_HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h). */
const HWCAP_FP = 1 << 0;
const HWCAP_ASIMD = 1 << 1;
const HWCAP_ATOMICS = 1 << 8;
const HWCAP_CRC32 = 1 << 7;
const HWCAP_CPUID = 1 << 11;
const HWCAP_LRCPC = 1 << 15;
const HWCAP_DCPOP = 1 << 16;

/**
 * Linux facts for AArch64: AT_HWCAP holds exactly what kitemu implements
 * (FP, ASIMD, CRC32, LSE atomics incl. CASP, LDAPR, DC CVAP, and EL0 reads of the
 * ID registers, which agree with these bits; no PAC, no BTI, no SVE, no AES/SHA),
 * AT_PLATFORM is "aarch64".
 */
export const aarch64Linux: LinuxIsaInfo = {
  arch: "aarch64",
  hwcap: HWCAP_FP | HWCAP_ASIMD | HWCAP_CRC32 | HWCAP_ATOMICS | HWCAP_CPUID | HWCAP_LRCPC |
    HWCAP_DCPOP,
  hwcap2: 0,
  platform: "aarch64",
  machine: "aarch64",
};

// ---- signal frames ----------------------------------------------------------------------

/**
 * struct rt_sigframe { siginfo_t info; struct ucontext uc; } for arm64, followed by the
 * frame record { x29, x30 } the kernel links for unwinders. Offsets in bytes.
 */
const UC = 128;
const UC_STACK = UC + 16;
const UC_SIGMASK = UC + 40;
const MCONTEXT = UC + 176; // struct sigcontext, 16-byte aligned
const SC_REGS = MCONTEXT + 8; // after fault_address
const SC_SP = SC_REGS + 31 * 8;
const SC_PC = SC_SP + 8;
const SC_PSTATE = SC_PC + 8;
const SC_RESERVED = MCONTEXT + 288; // __reserved[4096], 16-byte aligned
const FRAME_SIZE = SC_RESERVED + 4096;
/** The FPSIMD record in __reserved: _aarch64_ctx { magic, size }, fpsr, fpcr, vregs[32]. */
const FPSIMD_MAGIC = 0x46508001;
const FPSIMD_SIZE = 528;
/** `mov x8, #139; svc #0`: the rt_sigreturn trampoline (the vDSO's __kernel_rt_sigreturn). */
const TRAMPOLINE = [0xd2801168, 0xd4000001];
const SA_RESTORER = 0x04000000;
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 1 << 31;

/** The fields of the AArch64 CPU the frame saves (structural, to keep the OS layer ISA-free). */
interface A64State extends CpuState {
  vi: Int32Array;
  fpcr: number;
  fpsr: number;
}

const trampolines = new WeakMap<LinuxProcess, number>();

function trampoline(p: LinuxProcess): number {
  let at = trampolines.get(p);
  if (at !== undefined && p.mem.check(at, 8, PF_X)) return at;
  at = p.mem.findFree(PAGE_SIZE);
  if (at < 0 || p.mem.mapFixed(at, PAGE_SIZE, PF_R | PF_W, "[vdso]") < 0) {
    throw new GuestFault("SIGSEGV", -1, 0, "map");
  }
  const code = new Uint8Array(8);
  const dv = new DataView(code.buffer);
  dv.setUint32(0, TRAMPOLINE[0], true);
  dv.setUint32(4, TRAMPOLINE[1], true);
  p.mem.write(at, code);
  p.mem.mprotect(at, PAGE_SIZE, PF_R | PF_X);
  trampolines.set(p, at);
  return at;
}

function onAlt(p: LinuxProcess, sp: number): boolean {
  const a = p.altStack;
  return !(a.flags & SS_DISABLE) && a.size > 0 && sp > a.sp && sp <= a.sp + a.size;
}

/**
 * The arm64 signal frame: siginfo, ucontext with the sigcontext (x0..x30, sp, pc,
 * pstate's NZCV) and an FPSIMD record (fpsr, fpcr, v0..v31) in `__reserved`, then the
 * frame record. The handler gets x0 = sig, x1 = &info, x2 = &uc, x29 = the frame record,
 * x30 = sa_restorer when SA_RESTORER is set, else a `[vdso]` rt_sigreturn trampoline.
 */
export const aarch64SigFrame: SigFrameAbi = {
  setup(p, cpu, sig, info, act, sp, savedMask) {
    const c = cpu as A64State;
    const record = Math.floor((sp - 16) / 16) * 16;
    const frame = Math.floor((record - FRAME_SIZE) / 16) * 16;
    const b = new Uint8Array(record + 16 - frame);
    const dv = new DataView(b.buffer);
    b.set(info, 0);
    const guestSp = regGet(cpu, SP);
    const a = p.altStack;
    const ssFlags = a.flags & SS_DISABLE || a.size === 0
      ? SS_DISABLE
      : (onAlt(p, guestSp) ? SS_ONSTACK : 0) | (a.flags & SS_AUTODISARM);
    dv.setBigUint64(UC_STACK, BigInt(a.sp), true);
    dv.setInt32(UC_STACK + 8, ssFlags, true);
    dv.setBigUint64(UC_STACK + 16, BigInt(a.size), true);
    dv.setBigUint64(UC_SIGMASK, savedMask, true);
    for (let i = 0; i < 32; i++) { // x0..x30, then sp (slot 31)
      dv.setInt32(SC_REGS + 8 * i, cpu.x[2 * i], true);
      dv.setInt32(SC_REGS + 8 * i + 4, cpu.x[2 * i + 1], true);
    }
    dv.setBigUint64(SC_PC, BigInt(cpu.pc), true);
    const x = cpu.x;
    dv.setBigUint64(
      SC_PSTATE,
      BigInt((x[64] << 31 | x[65] << 30 | x[66] << 29 | x[67] << 28) >>> 0),
      true,
    );
    dv.setUint32(SC_RESERVED, FPSIMD_MAGIC, true);
    dv.setUint32(SC_RESERVED + 4, FPSIMD_SIZE, true);
    dv.setUint32(SC_RESERVED + 8, c.fpsr >>> 0, true);
    dv.setUint32(SC_RESERVED + 12, c.fpcr >>> 0, true);
    for (let i = 0; i < 128; i++) dv.setInt32(SC_RESERVED + 16 + 4 * i, c.vi[i], true);
    // the terminating null record follows (zeros)
    dv.setInt32(record - frame, cpu.x[58], true); // frame record: x29, x30
    dv.setInt32(record - frame + 4, cpu.x[59], true);
    dv.setInt32(record - frame + 8, cpu.x[60], true);
    dv.setInt32(record - frame + 12, cpu.x[61], true);
    if (!p.mem.check(frame, b.length, PF_W)) {
      throw new GuestFault("SIGSEGV", cpu.pc, frame, "write");
    }
    p.mem.write(frame, b);
    const flags = Number(act.flags & 0xffffffffn);
    const ret = flags & SA_RESTORER ? Number(act.restorer) : trampoline(p);
    cpu.pc = Number(act.handler);
    regSet(cpu, SP, frame);
    regSet(cpu, 29, record);
    regSet(cpu, 30, ret);
    regSet(cpu, 0, sig);
    regSet(cpu, 1, frame);
    regSet(cpu, 2, frame + UC);
  },

  restore(p, cpu) {
    const c = cpu as A64State;
    const frame = regGet(cpu, SP);
    const b = p.mem.read(frame, FRAME_SIZE);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < 32; i++) {
      cpu.x[2 * i] = dv.getInt32(SC_REGS + 8 * i, true);
      cpu.x[2 * i + 1] = dv.getInt32(SC_REGS + 8 * i + 4, true);
    }
    cpu.pc = Number(dv.getBigUint64(SC_PC, true));
    const ps = dv.getUint32(SC_PSTATE, true);
    cpu.x[64] = (ps >>> 31) & 1;
    cpu.x[65] = (ps >>> 30) & 1;
    cpu.x[66] = (ps >>> 29) & 1;
    cpu.x[67] = (ps >>> 28) & 1;
    if (dv.getUint32(SC_RESERVED, true) === FPSIMD_MAGIC) {
      c.fpsr = dv.getUint32(SC_RESERVED + 8, true) & 0xf800009f;
      c.fpcr = dv.getUint32(SC_RESERVED + 12, true) & 0x07ff0000;
      for (let i = 0; i < 128; i++) c.vi[i] = dv.getInt32(SC_RESERVED + 16 + 4 * i, true);
    }
    // restore_altstack, unless the handler runs on it
    const ssSp = Number(dv.getBigUint64(UC_STACK, true));
    const ssFlags = dv.getInt32(UC_STACK + 8, true);
    const ssSize = Number(dv.getBigUint64(UC_STACK + 16, true));
    if (!onAlt(p, regGet(cpu, SP))) {
      if (ssFlags & SS_DISABLE) p.altStack = { sp: 0, flags: SS_DISABLE, size: 0 };
      else if (ssSize >= 2048) {
        p.altStack = { sp: ssSp, flags: ssFlags & SS_AUTODISARM, size: ssSize };
      }
    }
    return dv.getBigUint64(UC_SIGMASK, true);
  },
};
