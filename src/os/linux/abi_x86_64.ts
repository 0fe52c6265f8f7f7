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
import type { SysArgs } from "./args.ts";
import { EINVAL, SysError } from "./errno.ts";
import type { LinuxProcess } from "./process.ts";

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
 * TSC, CX8, CMOV, CLFSH, FXSR, SSE, SSE2) and AT_PLATFORM is "x86_64".
 */
export const x86_64Linux: LinuxIsaInfo = {
  arch: "x86_64",
  hwcap: 1 | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 24) | (1 << 25) | (1 << 26),
  hwcap2: 0,
  platform: "x86_64",
  machine: "x86_64",
};

/** The CPU of the system call being handled (set when its number is read). */
let current: CpuState | null = null;
const numberOf = x86_64Abi.number;
x86_64Abi.number = (cpu) => {
  current = cpu;
  return numberOf(cpu);
};

const ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
/** Slots of the FS and GS bases in the x86-64 CPU's `x` array (see src/arch/x86_64/cpu.ts). */
const FS_SLOT = 41, GS_SLOT = 43;

/**
 * arch_prctl(code, addr): set or get the FS/GS base (x86-64 only; TLS).
 *
 * @example
 * ```ts
 * sysArchPrctl(proc, args); // ARCH_SET_FS: the FS base becomes args.n(1)
 * ```
 */
export function sysArchPrctl(proc: LinuxProcess, a: SysArgs): number {
  const cpu = current;
  if (!cpu) throw new SysError(EINVAL);
  const code = a.n(0);
  const slot = code === ARCH_SET_FS || code === ARCH_GET_FS ? FS_SLOT : GS_SLOT;
  switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS: {
      const v = a.big(1);
      cpu.x[slot] = Number(BigInt.asIntN(32, v));
      cpu.x[slot + 1] = Number(BigInt.asIntN(32, v >> 32n));
      return 0;
    }
    case ARCH_GET_FS:
    case ARCH_GET_GS: {
      const v = (BigInt(cpu.x[slot + 1] >>> 0) << 32n) | BigInt(cpu.x[slot] >>> 0);
      proc.mem.writeBig(a.n(1), v);
      return 0;
    }
    default:
      throw new SysError(EINVAL);
  }
}
