/**
 * The slow paths lifted code calls: address checks that left the fast path.
 * @module
 */

import type { AddressSpace } from "../memory/address_space.ts";
import { PF_MAPPED, PF_R, PF_W } from "../memory/address_space.ts";
import type { CpuState } from "../arch/isa.ts";

/** The part of the runtime object every ISA's lifted code uses. */
export interface BaseRuntime {
  /**
   * Window offset of a `size`-byte access at (hi:lo)+imm, or -1 after
   * recording the fault in `s.faultAddr`/`s.faultAccess`.
   */
  ea(s: CpuState, lo: number, hi: number, imm: number, size: number, write: number): number;
}

/** Make the memory slow path for an address space. */
export function makeBaseRuntime(mem: AddressSpace): BaseRuntime {
  return {
    ea(s: CpuState, lo: number, hi: number, imm: number, size: number, write: number): number {
      const addr = hi * 4294967296 + (lo >>> 0) + imm;
      const need = write ? PF_W : PF_R;
      if (!mem.check(addr, size, need | PF_MAPPED)) {
        s.faultAddr = addr < 0 ? addr + 18446744073709551616 : addr;
        s.faultAccess = need;
        return -1;
      }
      const off = addr - mem.base;
      if (write) mem.noteWrite(off, size);
      return off;
    },
  };
}
