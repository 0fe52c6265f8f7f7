/**
 * The RISC-V 64 Linux system call convention and start-up facts: the number
 * in a7 (x17), arguments in a0..a5 (x10..x15), the result in a0, the stack
 * pointer in x2.
 * @module
 */

import { type LinuxIsaInfo, regGet, regGetBig, regSet, type SyscallAbi } from "../../arch/isa.ts";

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
  number: (cpu) => regGet(cpu, 17),
  arg: (cpu, i) => regGet(cpu, 10 + i),
  argBig: (cpu, i) => regGetBig(cpu, 10 + i),
  setResult: (cpu, value) => regSet(cpu, 10, value),
  sp: (cpu) => regGet(cpu, 2),
  setSp: (cpu, value) => regSet(cpu, 2, value),
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
