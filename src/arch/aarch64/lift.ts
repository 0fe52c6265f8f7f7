/**
 * The AArch64 backend of the JIT: fetch with execute checks, decode through
 * the one table, emit through the semantics tables.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import { PF_MAPPED, PF_X } from "../../memory/address_space.ts";
import type { FetchResult, IsaBackend } from "../../engine/compile.ts";
import type { Emitter } from "../../engine/emitter.ts";
import { type A64Insn, bits, BRANCH, decode, sext } from "./decode.ts";
import { disasm } from "./disasm.ts";
import { type A64Semantics, illegal, INT_SEMANTICS } from "./semantics.ts";
import { FP_SEMANTICS } from "./semantics_fp.ts";

/** Every A64 emitter, by op name. */
export const SEMANTICS: Readonly<Record<string, A64Semantics>> = {
  ...INT_SEMANTICS,
  ...FP_SEMANTICS,
};

const EXEC = PF_X | PF_MAPPED;

/** The AArch64 JIT backend. */
export const aarch64Backend: IsaBackend<A64Insn> = {
  fetch(mem: AddressSpace, pc: number): FetchResult<A64Insn> {
    const off = mem.offsetOf(pc);
    if (off < 0 || (pc & 3) !== 0 || (mem.pf[off >>> 12] & EXEC) !== EXEC) {
      return { kind: "fault", addr: pc };
    }
    const w = mem.dv.getUint32(off, true);
    const insn = decode(w);
    if (!insn || !SEMANTICS[insn.op]) return { kind: "illegal", bytes: mem.u8.slice(off, off + 4) };
    return { kind: "ok", insn };
  },

  emit(insn: A64Insn, e: Emitter): void {
    const sem = SEMANTICS[insn.op];
    if (!sem) return illegal(e);
    sem(insn, e);
  },

  successors(insn: A64Insn, pc: number): number[] {
    const w = insn.w, next = pc + 4;
    if (insn.flags & BRANCH) {
      switch (insn.fmt) {
        case "b_cond":
          return (w & 15) >= 14
            ? [pc + sext(bits(w, 23, 5), 19) * 4]
            : [pc + sext(bits(w, 23, 5), 19) * 4, next];
        case "b":
          return insn.op === "bl"
            ? [pc + sext(bits(w, 25, 0), 26) * 4, next]
            : [pc + sext(bits(w, 25, 0), 26) * 4];
        case "cb":
          return [pc + sext(bits(w, 23, 5), 19) * 4, next];
        case "tb":
          return [pc + sext(bits(w, 18, 5), 14) * 4, next];
      }
    }
    if (insn.op === "blr") return [next];
    if (insn.op === "isb" || insn.op === "svc") return [next];
    return [];
  },

  disasm,
};
