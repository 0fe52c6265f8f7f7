/**
 * What the engine and the Linux personality need to run aarch64 guests. Loaded
 * on demand by `loadArch` in ../registry.ts (or eagerly by ../all.ts).
 * @module
 */

import type { ArchSupport } from "../registry.ts";
import type { DecodedInsn, IsaBackend } from "../../engine/compile.ts";
import { makeBaseRuntime } from "../../engine/runtime.ts";
import { A64Cpu } from "./cpu.ts";
import { aarch64Backend } from "./lift.ts";
import { A64_RUNTIME } from "./runtime.ts";
import { aarch64Abi, aarch64Linux, aarch64SigFrame } from "../../os/linux/abi_aarch64.ts";
import { SIGFRAMES } from "../../os/linux/signals.ts";

/** The aarch64 CPU, lifter, runtime and Linux ABI. */
export const support: ArchSupport = {
  arch: "aarch64",
  backend: aarch64Backend as unknown as IsaBackend<DecodedInsn>,
  createCpu: (mem) => new A64Cpu(mem.dv, mem.u8, mem.pf),
  createRuntime: (mem) => Object.assign({}, makeBaseRuntime(mem), A64_RUNTIME),
  abi: aarch64Abi,
  linux: aarch64Linux,
};

SIGFRAMES.aarch64 = aarch64SigFrame;
