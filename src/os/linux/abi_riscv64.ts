/**
 * The RISC-V 64 Linux system call convention and start-up facts: the number
 * in a7 (x17), arguments in a0..a5 (x10..x15), the result in a0, the stack
 * pointer in x2.
 * @module
 */

import type { CpuState, LinuxIsaInfo, SyscallAbi } from "../../arch/isa.ts";

const TWO32 = 0x1_0000_0000;

/** Register i as a signed 64-bit value in a number (exact below 2^53). */
function reg(cpu: CpuState, i: number): number {
  return cpu.x[2 * i + 1] * TWO32 + (cpu.x[2 * i] >>> 0);
}

/** Register i as an unsigned 64-bit bigint. */
function regBig(cpu: CpuState, i: number): bigint {
  return (BigInt(cpu.x[2 * i + 1] >>> 0) << 32n) | BigInt(cpu.x[2 * i] >>> 0);
}

/** Store a number (an integer below 2^53 in magnitude) into register i, two's complement. */
function setReg(cpu: CpuState, i: number, value: number): void {
  cpu.x[2 * i] = value | 0;
  cpu.x[2 * i + 1] = Math.floor(value / TWO32) | 0;
}

/**
 * The RISC-V 64 system call ABI.
 *
 * @example
 * ```ts
 * const nr = riscv64Abi.number(cpu); // a7
 * riscv64Abi.setResult(cpu, -2); // a0 = -ENOENT
 * ```
 */
export const riscv64Abi: SyscallAbi = {
  number: (cpu) => reg(cpu, 17),
  arg: (cpu, i) => reg(cpu, 10 + i),
  argBig: (cpu, i) => regBig(cpu, 10 + i),
  setResult: (cpu, value) => setReg(cpu, 10, value),
  sp: (cpu) => reg(cpu, 2),
  setSp: (cpu, value) => setReg(cpu, 2, value),
};

/** AT_HWCAP bit of a single-letter RISC-V extension. */
function letter(l: string): number {
  return 1 << (l.charCodeAt(0) - 97);
}

/**
 * Linux facts for RISC-V 64: AT_HWCAP holds the single-letter extensions
 * kitemu implements (I, M, A, F, D, C); the kernel sets no AT_PLATFORM.
 */
export const riscv64Linux: LinuxIsaInfo = {
  arch: "riscv64",
  hwcap: letter("i") | letter("m") | letter("a") | letter("f") | letter("d") | letter("c"),
  hwcap2: 0,
  platform: "",
  machine: "riscv64",
};
