/**
 * x87 semantics: every instruction calls the x87 runtime (x87.ts), which
 * keeps the register stack in the CPU object; memory operands are checked
 * inline first, so a fault leaves the FPU untouched.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { O_MEM, O_ST, type X86Insn } from "./decode.ts";
import { RAX } from "./cpu.ts";
import { condExpr, memOff, setEfl, writeGpr, type X86Semantics } from "./semantics.ts";
import { M_F32, M_F64, M_F80, M_I16, M_I32, M_I64, M_T16 } from "./x87.ts";

function ftype(size: number, int: boolean): number {
  if (int) return size === 2 ? M_I16 : size === 4 ? M_I32 : M_I64;
  return size === 4 ? M_F32 : size === 8 ? M_F64 : M_F80;
}

/** Load memory operand n as a number expression (a temp). */
function ldm(e: Emitter, i: X86Insn, n: number, int: boolean): string {
  const o = i.ops[n];
  const off = memOff(e, i, o, o.size, false);
  const t = e.tmp();
  e.stmt(`${t} = rt.x87.ldm(s, ${off}, ${ftype(o.size, int)});`);
  return t;
}

const K: Record<string, number> = { add: 0, mul: 1, sub: 2, subr: 3, div: 4, divr: 5 };

/** fadd/fmul/fsub/fsubr/fdiv/fdivr (float memory or registers), fi* (integer memory), *p forms. */
function arith(k: number, int: boolean, popAfter: boolean): X86Semantics {
  return (i, e) => {
    const a = i.ops[0], b = i.ops[1];
    if (a.t === O_MEM) {
      const v = ldm(e, i, 0, int);
      e.stmt(`rt.x87.arithv(s, ${k}, ${v});`);
      return;
    }
    e.stmt(`rt.x87.arith(s, ${k}, ${e.num(a.reg)}, ${e.num(b.reg)}, ${popAfter ? 1 : 0});`);
  };
}

function com(int: boolean, pops: number): X86Semantics {
  return (i, e) => {
    const o = i.ops[0];
    if (!o) e.stmt(`rt.x87.comr(s, 1, ${pops});`);
    else if (o.t === O_MEM) e.stmt(`rt.x87.com(s, ${ldm(e, i, 0, int)}, ${pops});`);
    else e.stmt(`rt.x87.comr(s, ${e.num(o.reg)}, ${pops});`);
  };
}

const fld: X86Semantics = (i, e) => {
  const o = i.ops[0];
  if (o.t === O_ST) e.stmt(`rt.x87.fldr(s, ${e.num(o.reg)});`);
  else e.stmt(`rt.x87.push(s, ${ldm(e, i, 0, false)});`);
};

const fild: X86Semantics = (i, e) => {
  e.stmt(`rt.x87.push(s, ${ldm(e, i, 0, true)});`);
};

function fst(popAfter: boolean, int: boolean, trunc = false): X86Semantics {
  return (i, e) => {
    const o = i.ops[0];
    if (o.t === O_ST) {
      e.stmt(`rt.x87.fstr(s, ${e.num(o.reg)}, ${popAfter ? 1 : 0});`);
      return;
    }
    const off = memOff(e, i, o, o.size, true);
    let t = ftype(o.size, int);
    if (trunc) t = M_T16 + (o.size === 2 ? 0 : o.size === 4 ? 1 : 2);
    e.stmt(`rt.x87.stm(s, ${off}, ${t}, ${popAfter ? 1 : 0});`);
  };
}

function unary(n: number): X86Semantics {
  return (_i, e) => e.stmt(`rt.x87.unary(s, ${n});`);
}

function constant(n: number): X86Semantics {
  return (_i, e) => e.stmt(`rt.x87.ldc(s, ${n});`);
}

const fnstcw: X86Semantics = (i, e) => {
  const off = memOff(e, i, i.ops[0], 2, true);
  e.stmt(`dv.setUint16(${off}, s.fcw, true);`);
};
const fldcw: X86Semantics = (i, e) => {
  const off = memOff(e, i, i.ops[0], 2, false);
  e.stmt(`s.fcw = dv.getUint16(${off}, true);`);
};
const fnstsw: X86Semantics = (i, e) => {
  const o = i.ops[0];
  if (o.t === O_MEM) {
    const off = memOff(e, i, o, 2, true);
    e.stmt(`dv.setUint16(${off}, rt.x87.status(s), true);`);
  } else writeGpr(e, RAX, 2, false, { l: "rt.x87.status(s)", h: "0" });
};
const fnstenv: X86Semantics = (i, e) => {
  const off = memOff(e, i, i.ops[0], 28, true);
  e.stmt(`rt.x87.stenv(s, ${off});`);
};
const fldenv: X86Semantics = (i, e) => {
  const off = memOff(e, i, i.ops[0], 28, false);
  e.stmt(`rt.x87.ldenv(s, ${off});`);
};

function comi(popAfter: boolean): X86Semantics {
  return (i, e) => {
    setEfl(e, `rt.x87.comi(s, ${e.num(i.ops[1].reg)}, ${popAfter ? 1 : 0})`);
  };
}

const fcmov: X86Semantics = (i, e) => {
  const r = e.num(i.ops[1].reg);
  e.stmt(`if (${condExpr(e, i.cond)}) rt.x87.mov(s, ${r});`);
};

const x87 = {} as Record<string, X86Semantics>;
for (const [name, k] of Object.entries(K)) {
  x87["f" + name] = arith(k, false, false);
  x87["f" + name + "p"] = arith(k, false, true);
  x87["fi" + name] = arith(k, true, false);
}
Object.assign(x87, {
  fcom: com(false, 0),
  fcomp: com(false, 1),
  fucom: com(false, 0),
  fucomp: com(false, 1),
  fcompp: com(false, 2),
  fucompp: com(false, 2),
  ficom: com(true, 0),
  ficomp: com(true, 1),
  fld,
  fild,
  fst: fst(false, false),
  fstp: fst(true, false),
  fist: fst(false, true),
  fistp: fst(true, true),
  fisttp: fst(true, true, true),
  fxch: (i: X86Insn, e: Emitter) => e.stmt(`rt.x87.fxch(s, ${e.num(i.ops[0].reg)});`),
  fchs: unary(0),
  fabs: unary(1),
  fsqrt: unary(2),
  frndint: unary(3),
  fscale: unary(4),
  fprem: unary(5),
  fprem1: unary(6),
  fxam: unary(7),
  ftst: unary(8),
  f2xm1: unary(9),
  fyl2x: unary(10),
  fyl2xp1: unary(11),
  fptan: unary(12),
  fpatan: unary(13),
  fsin: unary(14),
  fcos: unary(15),
  fsincos: unary(16),
  fxtract: unary(17),
  fdecstp: unary(18),
  fincstp: unary(19),
  fld1: constant(0),
  fldz: constant(1),
  fldpi: constant(2),
  fldl2e: constant(3),
  fldl2t: constant(4),
  fldlg2: constant(5),
  fldln2: constant(6),
  fnstcw,
  fldcw,
  fnstsw,
  fnstenv,
  fldenv,
  fnclex: (_i: X86Insn, e: Emitter) => e.stmt(`s.fsw = s.fsw & -256;`),
  fninit: (_i: X86Insn, e: Emitter) => e.stmt(`rt.x87.init(s);`),
  fwait: () => {},
  fnop: () => {},
  ffree: (i: X86Insn, e: Emitter) => e.stmt(`rt.x87.free(s, ${e.num(i.ops[0].reg)});`),
  fcomi: comi(false),
  fucomi: comi(false),
  fcomip: comi(true),
  fucomip: comi(true),
  fcmovcc: fcmov,
});

function fxArea(save: boolean): X86Semantics {
  return (i, e) => {
    const off = memOff(e, i, i.ops[0], 512, save);
    e.stmt(`rt.x87.${save ? "fxsave" : "fxrstor"}(s, ${off});`);
  };
}
x87.fxsave = x87.fxsave64 = fxArea(true);
x87.fxrstor = x87.fxrstor64 = fxArea(false);

/** x87 instructions' semantics, by op. */
export const X87_SEMANTICS: Record<string, X86Semantics> = x87;
