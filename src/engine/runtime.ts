/**
 * The slow paths lifted code calls: address checks that left the fast path.
 * @module
 */

import type { AddressSpace } from "../memory/address_space.ts";
import { PF_CODE, PF_MAPPED, PF_R, PF_W } from "../memory/address_space.ts";
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
  const pf = mem.pf, windowHi = mem.windowHi;
  return {
    ea(s: CpuState, lo: number, hi: number, imm: number, size: number, write: number): number {
      // The inline fast path first: single-block (cold) translations call ea for every
      // access instead of carrying the check inline (see Emitter.access).
      if (hi === windowHi) {
        const off = (lo >>> 0) + imm;
        const mask = write ? PF_W | PF_CODE : PF_R;
        const want = write ? PF_W : PF_R;
        if ((pf[off >>> 12] & mask) === want && (off & 4095) <= 4096 - size) return off;
      }
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
