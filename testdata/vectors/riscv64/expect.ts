/**
 * What the RISC-V decoder must return for an encoding, given what GNU objdump 2.40
 * printed for it. Shared by the decode test and the live check script. The rules
 * are written from the ISA manual, independently of the decoder:
 *
 * - objdump prints `.2byte`/`.4byte`, or `unimp` for the all-zero halfword: null.
 * - privileged instructions (mret, wfi, sfence.vma, hypervisor ops, …): null.
 * - reserved compressed encodings objdump 2.40 still decodes (c.addi16sp with
 *   nzimm = 0): null.
 * - encodings objdump 2.40 rejects although the ISA defines them: must decode, text
 *   not compared. These are FENCE/FENCE.I with non-zero reserved fields (the ISA says
 *   implementations ignore them; unknown fm values act as a plain fence) and
 *   FCVT.D.S / FCVT.D.W / FCVT.D.WU with rm != 0 (binutils 2.40 only accepts rm = 0;
 *   LLVM emits rm = dyn).
 * - otherwise: decodes, and disasm() prints objdump's text.
 * @module
 */

/** Expected decoder outcome for one vector. */
export type Expect =
  | { kind: "null"; why: string }
  | { kind: "text"; text: string }
  | { kind: "accept"; op: string; why: string };

const PRIVILEGED = new Set([
  "mret",
  "sret",
  "uret",
  "dret",
  "wfi",
  "sfence.vma",
  "sinval.vma",
  "sfence.w.inval",
  "sfence.inval.ir",
  "hfence.vvma",
  "hfence.gvma",
  "hinval.vvma",
  "hinval.gvma",
]);

/** Length in bytes of the encoding whose first halfword's low bits are in `word`. */
export function encLen(word: number): 2 | 4 {
  return (word & 3) === 3 ? 4 : 2;
}

/** Decide what decode/disasm must produce for `word`, given objdump's text for it. */
export function expectFor(word: number, objText: string): Expect {
  const mnem = objText.split("\t")[0];
  if (encLen(word) === 2) {
    const h = word & 0xffff;
    // c.addi16sp: quadrant 1, funct3 011, rd = 2; reserved when nzimm (bits 12, 6:2) is 0.
    if ((h & 0xef83) === 0x6101 && (h & 0x107c) === 0) {
      return { kind: "null", why: "c.addi16sp with nzimm=0 is reserved" };
    }
    if (h === 0) return { kind: "null", why: "all-zero halfword is illegal" };
  } else {
    const w = word >>> 0;
    const opc = w & 0x7f;
    const f3 = (w >>> 12) & 7;
    if (opc === 0x0f && f3 === 0 && mnem.startsWith(".")) {
      return { kind: "accept", op: "fence", why: "fence with non-zero reserved fields" };
    }
    if (opc === 0x0f && f3 === 1 && mnem.startsWith(".")) {
      return { kind: "accept", op: "fence.i", why: "fence.i with non-zero reserved fields" };
    }
    if (opc === 0x53 && f3 !== 0 && mnem.startsWith(".")) {
      const top = w >>> 20; // funct7 + rs2
      const op = top === 0x420
        ? "fcvt.d.s"
        : top === 0xd20
        ? "fcvt.d.w"
        : top === 0xd21
        ? "fcvt.d.wu"
        : "";
      if (op !== "") return { kind: "accept", op, why: `${op} with rm != 0` };
    }
  }
  if (mnem.startsWith(".")) return { kind: "null", why: `objdump prints ${mnem}` };
  if (PRIVILEGED.has(mnem) || /^h(lv|lvx|sv)\./.test(mnem)) {
    return { kind: "null", why: `privileged ${mnem}` };
  }
  return { kind: "text", text: objText };
}
