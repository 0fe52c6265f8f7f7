/**
 * The instruction sets kitemu runs, each with what the engine and the Linux
 * personality need to run it. An ISA's modules are loaded only when a guest
 * needs them (`loadArch`), so a RISC-V run does not pay for parsing the
 * x86-64 decode tables. Adding an ISA means adding its `support.ts` and one
 * entry in `LOADERS` (and in `all.ts`).
 * @module
 */

import type { AddressSpace } from "../memory/address_space.ts";
import type { Arch } from "../loader/image.ts";
import type { DecodedInsn, IsaBackend } from "../engine/compile.ts";
import type { CpuState, LinuxIsaInfo, SyscallAbi } from "./isa.ts";

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

/** The ISAs loaded so far, by name (`loadArch` or `all.ts` fill it). */
export const ARCHES: Partial<Record<Arch, ArchSupport>> = {};

const LOADERS: Record<Arch, () => Promise<ArchSupport>> = {
  riscv64: async () => (await import("./riscv64/support.ts")).support,
  aarch64: async () => (await import("./aarch64/support.ts")).support,
  x86_64: async () => (await import("./x86_64/support.ts")).support,
};

/**
 * Load an ISA's modules (once) and register it in {@link ARCHES}.
 *
 * @example
 * ```ts
 * const rv = await loadArch("riscv64");
 * ```
 * @returns the ISA's support, or undefined for an ISA kitemu does not run
 */
export async function loadArch(arch: Arch): Promise<ArchSupport | undefined> {
  const have = ARCHES[arch];
  if (have) return have;
  const load = Object.hasOwn(LOADERS, arch) ? LOADERS[arch] : undefined;
  if (!load) return undefined;
  return ARCHES[arch] = await load();
}

/** Register an ISA loaded statically (see all.ts). */
export function registerArch(support: ArchSupport): void {
  ARCHES[support.arch] = support;
}
