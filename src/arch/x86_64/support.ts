/**
 * What the engine and the Linux personality need to run x86_64 guests. Loaded
 * on demand by `loadArch` in ../registry.ts (or eagerly by ../all.ts).
 * @module
 */

import type { ArchSupport } from "../registry.ts";
import type { DecodedInsn, IsaBackend } from "../../engine/compile.ts";
import { makeBaseRuntime } from "../../engine/runtime.ts";
import { X86Cpu } from "./cpu.ts";
import { x86_64Backend } from "./lift.ts";
import { makeX86Runtime } from "./runtime.ts";
import { x86_64Abi, x86_64Linux, x86_64SigFrame } from "../../os/linux/abi_x86_64.ts";
import { SIGFRAMES } from "../../os/linux/signals.ts";

/** The x86_64 CPU, lifter, runtime and Linux ABI. */
export const support: ArchSupport = {
  arch: "x86_64",
  backend: x86_64Backend as unknown as IsaBackend<DecodedInsn>,
  createCpu: (mem) => new X86Cpu(mem.dv, mem.u8, mem.pf),
  createRuntime: (mem) => Object.assign(makeX86Runtime(mem), makeBaseRuntime(mem)),
  abi: x86_64Abi,
  linux: x86_64Linux,
};

SIGFRAMES.x86_64 = x86_64SigFrame;
