/**
 * The interface every instruction set implements, and the CPU state shape the
 * engine and the OS layers rely on.
 * @module
 */

import type { Arch } from "../loader/image.ts";

/** State every guest CPU has; each ISA extends it with its registers. */
export interface CpuState {
  /** The guest pc, as an unsigned number below 2^53. */
  pc: number;
  /** Instructions left in this time slice; lifted code counts it down. */
  budget: number;
  /** For syscall and break traps: the pc of the trapping instruction. */
  trapPc: number;
  /** For T_FAULT: the faulting data address. */
  faultAddr: number;
  /** For T_FAULT: 1 read, 2 write, 4 exec (the PF_* flag that was missing). */
  faultAccess: number;
  /** Instructions retired before the current slice (for cycle/instret counters). */
  retired: number;
  /** Budget at the start of the current slice. */
  sliceBudget: number;
  /** General-purpose registers as int32 pairs: x[2*i] low half, x[2*i+1] high half. */
  x: Int32Array;
}

/** How the OS layer reads a system call out of a CPU and writes its result back. */
export interface SyscallAbi {
  /** The system call number. */
  number(cpu: CpuState): number;
  /** Argument i (0..5) as a signed 64-bit value in a JS number (exact below 2^53). */
  arg(cpu: CpuState, i: number): number;
  /** Argument i as an unsigned 64-bit bigint, for values that may exceed 2^53. */
  argBig(cpu: CpuState, i: number): bigint;
  /** Store the result (a negative errno on failure) in the return register. */
  setResult(cpu: CpuState, value: number): void;
  /** Register holding the stack pointer. */
  sp(cpu: CpuState): number;
  /** Set the stack pointer. */
  setSp(cpu: CpuState, value: number): void;
}

/** Linux facts about an ISA that process start-up needs. */
export interface LinuxIsaInfo {
  arch: Arch;
  /** AT_HWCAP value: exactly the features kitemu implements. */
  hwcap: number;
  /** AT_HWCAP2 value. */
  hwcap2: number;
  /** AT_PLATFORM string, or "" for none. */
  platform: string;
  /** uname machine field. */
  machine: string;
}

const TWO32 = 0x1_0000_0000;

/** General-purpose register i of `cpu` as a signed 64-bit value in a number (exact below 2^53). */
export function regGet(cpu: CpuState, i: number): number {
  return cpu.x[2 * i + 1] * TWO32 + (cpu.x[2 * i] >>> 0);
}

/** General-purpose register i of `cpu` as an unsigned 64-bit bigint. */
export function regGetBig(cpu: CpuState, i: number): bigint {
  return (BigInt(cpu.x[2 * i + 1] >>> 0) << 32n) | BigInt(cpu.x[2 * i] >>> 0);
}

/** Store an integer below 2^53 in magnitude into register i, two's complement. */
export function regSet(cpu: CpuState, i: number, value: number): void {
  cpu.x[2 * i] = value | 0;
  cpu.x[2 * i + 1] = Math.floor(value / TWO32) | 0;
}

/** Store a 64-bit bigint (any sign; taken modulo 2^64) into register i. */
export function regSetBig(cpu: CpuState, i: number, value: bigint): void {
  cpu.x[2 * i] = Number(BigInt.asIntN(32, value));
  cpu.x[2 * i + 1] = Number(BigInt.asIntN(32, value >> 32n));
}
