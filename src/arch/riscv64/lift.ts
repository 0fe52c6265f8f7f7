/**
 * The RISC-V 64 backend of the JIT: fetch with execute checks, decode through
 * the one table, emit through the semantics tables.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import { PF_MAPPED, PF_X } from "../../memory/address_space.ts";
import type { FetchResult, IsaBackend } from "../../engine/compile.ts";
import type { Emitter } from "../../engine/emitter.ts";
import { T_ILLEGAL } from "../../engine/trap.ts";
import { BRANCH, decode, type RvInsn } from "./decode.ts";
import { disasm } from "./disasm.ts";
import { INT_SEMANTICS, type RvSemantics } from "./semantics.ts";
import { FP_SEMANTICS } from "./semantics_fp.ts";

/** Every RISC-V instruction's emitter, by mnemonic. */
export const SEMANTICS: Readonly<Record<string, RvSemantics>> = {
  ...INT_SEMANTICS,
  ...FP_SEMANTICS,
};

const EXEC = PF_X | PF_MAPPED;

function executable(mem: AddressSpace, off: number): boolean {
  return (mem.pf[off >>> 12] & EXEC) === EXEC;
}

/** The RISC-V 64 JIT backend. */
export const riscv64Backend: IsaBackend<RvInsn> = {
  fetch(mem: AddressSpace, pc: number): FetchResult<RvInsn> {
    const off = mem.offsetOf(pc);
    if (off < 0 || (pc & 1) !== 0 || !executable(mem, off)) return { kind: "fault", addr: pc };
    const low = mem.dv.getUint16(off, true);
    let word = low;
    if ((low & 3) === 3) {
      if (off + 4 > 0x1_0000_0000 || !executable(mem, off + 2)) {
        return { kind: "fault", addr: pc + 2 };
      }
      word = (low | (mem.dv.getUint16(off + 2, true) << 16)) >>> 0;
    }
    const insn = decode(word);
    if (!insn || !SEMANTICS[insn.op]) {
      const len = (low & 3) === 3 ? 4 : 2;
      return { kind: "illegal", bytes: mem.u8.slice(off, off + len) };
    }
    return { kind: "ok", insn };
  },

  emit(insn: RvInsn, e: Emitter): void {
    const sem = SEMANTICS[insn.op];
    if (!sem) {
      e.stmt(e.leave(e.num(e.pc), T_ILLEGAL));
      e.ended = true;
      return;
    }
    sem(insn, e);
  },

  successors(insn: RvInsn, pc: number): number[] {
    const next = pc + insn.len;
    if (insn.flags & BRANCH) return [pc + insn.imm, next];
    switch (insn.op) {
      case "jal":
        return insn.rd !== 0 ? [pc + insn.imm, next] : [pc + insn.imm];
      case "jalr":
      case "ebreak":
        return [];
      default:
        return [next];
    }
  },

  disasm,
};
