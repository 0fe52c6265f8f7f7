/**
 * What the engine and the Linux personality need to run riscv64 guests. Loaded
 * on demand by `loadArch` in ../registry.ts (or eagerly by ../all.ts).
 * @module
 */

import type { ArchSupport } from "../registry.ts";
import type { DecodedInsn, IsaBackend } from "../../engine/compile.ts";
import { makeBaseRuntime } from "../../engine/runtime.ts";
import { RvCpu } from "./cpu.ts";
import { riscv64Backend } from "./lift.ts";
import { INT_RUNTIME } from "./int_runtime.ts";
import { FPU_RUNTIME } from "./fpu.ts";
import { riscv64Abi, riscv64Linux } from "../../os/linux/abi_riscv64.ts";

/** The riscv64 CPU, lifter, runtime and Linux ABI. */
export const support: ArchSupport = {
  arch: "riscv64",
  backend: riscv64Backend as unknown as IsaBackend<DecodedInsn>,
  createCpu: (mem) => new RvCpu(mem.dv, mem.u8, mem.pf),
  createRuntime: (mem) => Object.assign({}, makeBaseRuntime(mem), INT_RUNTIME, FPU_RUNTIME),
  abi: riscv64Abi,
  linux: riscv64Linux,
};
