/**
 * arch_prctl, x86-64's system call for the FS and GS segment bases. Kept
 * apart from abi_x86_64.ts so that the system call table does not load the
 * x86-64 modules for guests of other ISAs.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import type { SysArgs } from "./args.ts";
import { EINVAL, SysError } from "./errno.ts";
import type { LinuxProcess } from "./process.ts";

/** The CPU of the system call being handled (set when its number is read). */
let current: CpuState | null = null;

/** Record the CPU whose system call is being handled (the x86-64 ABI calls this). */
export function setArchPrctlCpu(cpu: CpuState): void {
  current = cpu;
}

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
