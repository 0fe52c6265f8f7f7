/**
 * Shared set-up for the RISC-V 64 vector and engine tests: the JIT backend and the
 * runtime object lifted code calls.
 * @module
 */

import type { AddressSpace } from "../../../../src/memory/address_space.ts";
import type { IsaBackend } from "../../../../src/engine/compile.ts";
import { makeBaseRuntime } from "../../../../src/engine/runtime.ts";
import type { RvInsn } from "../../../../src/arch/riscv64/decode.ts";
import { riscv64Backend } from "../../../../src/arch/riscv64/lift.ts";
import { INT_RUNTIME } from "../../../../src/arch/riscv64/int_runtime.ts";
import { FPU_RUNTIME } from "../../../../src/arch/riscv64/fpu.ts";

/** The RISC-V 64 JIT backend the tests use. */
export const BACKEND: IsaBackend<RvInsn> = riscv64Backend;

/** The runtime object lifted code calls, for one address space. */
export function makeRuntime(mem: AddressSpace): unknown {
  return Object.assign({}, makeBaseRuntime(mem), INT_RUNTIME, FPU_RUNTIME);
}
