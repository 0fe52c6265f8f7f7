/**
 * The instruction sets kitemu runs, each with what the engine and the Linux
 * personality need to run it. Adding an ISA means adding one entry here.
 * @module
 */

import type { AddressSpace } from "../memory/address_space.ts";
import type { Arch } from "../loader/image.ts";
import type { DecodedInsn, IsaBackend } from "../engine/compile.ts";
import { makeBaseRuntime } from "../engine/runtime.ts";
import type { CpuState, LinuxIsaInfo, SyscallAbi } from "./isa.ts";
import { RvCpu } from "./riscv64/cpu.ts";
import { riscv64Backend } from "./riscv64/lift.ts";
import { INT_RUNTIME } from "./riscv64/int_runtime.ts";
import { FPU_RUNTIME } from "./riscv64/fpu.ts";
import { riscv64Abi, riscv64Linux } from "../os/linux/abi_riscv64.ts";
import { A64Cpu } from "./aarch64/cpu.ts";
import { aarch64Backend } from "./aarch64/lift.ts";
import { A64_RUNTIME } from "./aarch64/runtime.ts";
import { aarch64Abi, aarch64Linux } from "../os/linux/abi_aarch64.ts";
import { X86Cpu } from "./x86_64/cpu.ts";
import { x86_64Backend } from "./x86_64/lift.ts";
import { makeX86Runtime } from "./x86_64/runtime.ts";
import { x86_64Abi, x86_64Linux } from "../os/linux/abi_x86_64.ts";

/** Everything needed to run one ISA. */
export interface ArchSupport {
  arch: Arch;
  backend: IsaBackend<DecodedInsn>;
  /** Make a CPU bound to an address space's views. */
  createCpu(mem: AddressSpace): CpuState;
  /** Make the runtime object lifted code calls (one per process). */
  createRuntime(mem: AddressSpace): unknown;
  abi: SyscallAbi;
  linux: LinuxIsaInfo;
}

const riscv64: ArchSupport = {
  arch: "riscv64",
  backend: riscv64Backend as unknown as IsaBackend<DecodedInsn>,
  createCpu: (mem) => new RvCpu(mem.dv, mem.u8, mem.pf),
  createRuntime: (mem) => Object.assign({}, makeBaseRuntime(mem), INT_RUNTIME, FPU_RUNTIME),
  abi: riscv64Abi,
  linux: riscv64Linux,
};

const aarch64: ArchSupport = {
  arch: "aarch64",
  backend: aarch64Backend as unknown as IsaBackend<DecodedInsn>,
  createCpu: (mem) => new A64Cpu(mem.dv, mem.u8, mem.pf),
  createRuntime: (mem) => Object.assign({}, makeBaseRuntime(mem), A64_RUNTIME),
  abi: aarch64Abi,
  linux: aarch64Linux,
};

const x86_64: ArchSupport = {
  arch: "x86_64",
  backend: x86_64Backend as unknown as IsaBackend<DecodedInsn>,
  createCpu: (mem) => new X86Cpu(mem.dv, mem.u8, mem.pf),
  createRuntime: (mem) => Object.assign(makeX86Runtime(mem), makeBaseRuntime(mem)),
  abi: x86_64Abi,
  linux: x86_64Linux,
};

/** The supported ISAs by name. */
export const ARCHES: Partial<Record<Arch, ArchSupport>> = { riscv64, aarch64, x86_64 };
