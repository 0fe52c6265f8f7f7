/**
 * MMX semantics (the mm-register forms of the packed integer set, including
 * the SSE-era and SSSE3 mm forms). The mm registers are slots 20-27 of the
 * xmm register file (low 8 bytes); element-wise operations reuse the SSE2
 * helpers of sse.ts unchanged (their upper lanes are scratch), the others
 * call mmx.ts. Every instruction first enters MMX state (TOP 0, all tags
 * valid) and mirrors each written mm register into the x87 stack; `emms`
 * empties the tags.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { O_IMM, O_MEM, O_MMX, O_REG, type Operand, type X86Insn } from "./decode.ts";
import { MM0 } from "./mmx.ts";
import { PACKED_INT_ARITH } from "./semantics_sse.ts";
import { load, memOff, rhi, rlo, store, writeGpr, type X86Semantics } from "./semantics.ts";

function XI(e: Emitter): string {
  return e.decl("XI", "s.xi");
}

function enter(e: Emitter): void {
  e.stmt(`if ((s.ftag | s.ftop) !== 0) rt.mmx.enter(s);`);
}
function sync(e: Emitter, n: number): void {
  e.stmt(`rt.mmx.sync(s, ${e.num(n)});`);
}

/** Slot of operand n: an mm register, or memory (`size` bytes) loaded into slot 16. */
function srcSlot(e: Emitter, i: X86Insn, n: number): number {
  const o = i.ops[n];
  if (o.t === O_MMX) return MM0 + o.reg;
  const size = o.size === 4 ? 4 : 8;
  const off = memOff(e, i, o, size, false);
  const x = XI(e);
  for (let k = 0; k < size / 4; k++) {
    e.stmt(`${x}[${e.num(64 + k)}] = dv.getInt32(${off} + ${e.num(4 * k)}, true);`);
  }
  return 16;
}

/** Set mm n from two int32 expressions. */
function setMm(e: Emitter, n: number, l: string, h: string): void {
  const x = XI(e);
  e.stmt(`${x}[${e.num(4 * (MM0 + n))}] = ${l};`);
  e.stmt(`${x}[${e.num(4 * (MM0 + n) + 1)}] = ${h};`);
  sync(e, n);
}

/** A two-operand (mm, mm/m) op through `rt.<ns>.<name>`. */
function op2(ns: "sse" | "mmx", name: string): X86Semantics {
  return (i, e) => {
    enter(e);
    const d = i.ops[0].reg;
    const s = srcSlot(e, i, 1);
    const imm = i.ops[2]?.t === O_IMM ? i.ops[2].imm & 255 : 0;
    e.stmt(`rt.${ns}.${name}(s, ${e.num(MM0 + d)}, ${e.num(s)}, ${e.num(imm)});`);
    sync(e, d);
  };
}

/** Element shifts: by imm8 (Nq,Ib) or by the low 64 bits of an mm register / m64. */
function pshift(kind: number, width: number): X86Semantics {
  return (i, e) => {
    enter(e);
    const d = i.ops[0].reg;
    const n = i.ops[1].t === O_IMM
      ? e.num(i.ops[1].imm & 255)
      : `rt.sse.count(s, ${e.num(srcSlot(e, i, 1))})`;
    e.stmt(`rt.sse.pshift(s, ${e.num(MM0 + d)}, ${kind}, ${width}, ${n});`);
    sync(e, d);
  };
}

/** movd/movq between mm registers, general registers and memory. */
function mov(bytes: 4 | 8): X86Semantics {
  return (i, e) => {
    enter(e);
    const d = i.ops[0], s = i.ops[1];
    const x = XI(e);
    if (d.t === O_MMX) {
      if (s.t === O_REG) setMm(e, d.reg, rlo(e, s.reg), bytes === 8 ? rhi(e, s.reg) : "0");
      else if (s.t === O_MMX) {
        setMm(
          e,
          d.reg,
          `${x}[${e.num(4 * (MM0 + s.reg))}]`,
          `${x}[${e.num(4 * (MM0 + s.reg) + 1)}]`,
        );
      } else {
        const v = load(e, memOff(e, i, s, bytes, false), bytes);
        setMm(e, d.reg, v.l, bytes === 8 ? v.h : "0");
      }
      return;
    }
    const v = {
      l: `${x}[${e.num(4 * (MM0 + s.reg))}]`,
      h: `${x}[${e.num(4 * (MM0 + s.reg) + 1)}]`,
    };
    if (d.t === O_REG) writeGpr(e, d.reg, bytes, false, bytes === 8 ? v : { l: v.l, h: "0" });
    else store(e, memOff(e, i, d, bytes, true), bytes, v);
  };
}

const pextrw: X86Semantics = (i, e) => {
  enter(e);
  const d = i.ops[0];
  writeGpr(e, d.reg, 4, false, {
    l: `s.xuw[${e.num(8 * (MM0 + i.ops[1].reg) + (i.ops[2].imm & 3))}]`,
    h: "0",
  });
};
const pinsrw: X86Semantics = (i, e) => {
  enter(e);
  const o = i.ops[1];
  const v = o.t === O_REG ? rlo(e, o.reg) : load(e, memOff(e, i, o, 2, false), 2).l;
  e.stmt(`s.xuw[${e.num(8 * (MM0 + i.ops[0].reg) + (i.ops[2].imm & 3))}] = ${v};`);
  sync(e, i.ops[0].reg);
};
const pmovmskb: X86Semantics = (i, e) => {
  enter(e);
  writeGpr(e, i.ops[0].reg, i.ops[0].size, false, {
    l: `rt.mmx.pmovmskb(s, ${e.num(MM0 + i.ops[1].reg)})`,
    h: "0",
  });
};
const maskmovq: X86Semantics = (i, e) => {
  enter(e);
  const rdi: Operand = { ...i.ops[0], t: O_MEM, size: 8, reg: -1, base: 7 };
  const off = memOff(e, i, rdi, 8, true);
  e.stmt(
    `rt.mmx.maskmov(s, ${off}, ${e.num(MM0 + i.ops[0].reg)}, ${e.num(MM0 + i.ops[1].reg)});`,
  );
};
const emms: X86Semantics = (_i, e) => {
  e.stmt(`s.ftag = 255;`);
};

/** MMX semantics by op (the lifter uses these for rows flagged MMX). */
export const MMX_SEMANTICS: Record<string, X86Semantics> = {
  movd: mov(4),
  movq: mov(8),
  movntq: mov(8),
  emms,
  pextrw,
  pinsrw,
  pmovmskb,
  maskmovq,
  pshufw: op2("sse", "pshuflw"),
  psrlw: pshift(0, 16),
  psrld: pshift(0, 32),
  psrlq: pshift(0, 64),
  psraw: pshift(1, 16),
  psrad: pshift(1, 32),
  psllw: pshift(2, 16),
  pslld: pshift(2, 32),
  psllq: pshift(2, 64),
};
// Element-wise: the SSE2/SSSE3 128-bit helpers, whose low 64 bits are the MMX result.
for (
  const name of [
    "pxor",
    "por",
    "pand",
    "pandn",
    ...PACKED_INT_ARITH,
    "punpcklbw",
    "punpcklwd",
    "punpckldq",
    "pabsb",
    "pabsw",
    "pabsd",
    "psignb",
    "psignw",
    "psignd",
    "pmulhrsw",
    "pmaddubsw",
  ]
) MMX_SEMANTICS[name] = op2("sse", name);
for (
  const name of [
    "packsswb",
    "packuswb",
    "packssdw",
    "punpckhbw",
    "punpckhwd",
    "punpckhdq",
    "pshufb",
    "palignr",
    "phaddw",
    "phaddsw",
    "phsubw",
    "phsubsw",
    "phaddd",
    "phsubd",
  ]
) MMX_SEMANTICS[name] = op2("mmx", name);
