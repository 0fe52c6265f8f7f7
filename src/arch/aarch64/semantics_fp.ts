/**
 * AArch64 scalar FP and Advanced SIMD semantics. Each emitter calls a helper
 * of runtime.ts with the instruction word (an integer) and, where a general
 * register is read or written, its int32 halves; the lane work happens in the
 * helper. Flags and general registers stay in the region's locals.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { type A64Insn, bits, sext } from "./decode.ts";
import { fpImm8 } from "./disasm.ts";
import { cond, rh, rl, set32, set64, setFlagsFrom } from "./regs.ts";
import type { A64Semantics } from "./semantics.ts";
import {
  ACROSS_NAMES,
  DIFF_NAMES,
  ELEM_NAMES,
  SCALAR_NAMES,
  SHIFT_NAMES,
  V2_NAMES,
  V3_NAMES,
  V3FP_NAMES,
} from "./runtime.ts";

function call(fn: string): A64Semantics {
  return (i, e) => e.stmt(`rt.${fn}(s, ${e.num(i.w)});`);
}

function indexed(fn: string, names: readonly string[], extra = ""): A64Semantics {
  return (i, e) => {
    const k = names.indexOf(i.op);
    if (k < 0) throw new Error(`No SIMD helper for ${i.op}`);
    e.stmt(`rt.${fn}(s, ${e.num(i.w)}, ${e.num(k)}${extra});`);
  };
}

const fcmp: A64Semantics = (i, e) => {
  const t = e.tmp();
  e.stmt(`${t} = rt.fcmp(s, ${e.num(i.w)});`);
  setFlagsFrom(e, t);
};

const fccmp: A64Semantics = (i, e) => {
  const w = i.w;
  const cw = ((w & ~31) | (w & 16)) >>> 0; // as fcmp/fcmpe of the same registers
  const t = e.tmp();
  e.stmt(`${t} = ${cond(e, bits(w, 15, 12))} ? rt.fcmp(s, ${e.num(cw)}) : ${e.num(w & 15)};`);
  setFlagsFrom(e, t);
};

const fcsel: A64Semantics = (i, e) => {
  e.stmt(`rt.fcsel(s, ${e.num(i.w)}, ${cond(e, bits(i.w, 15, 12))} ? 1 : 0);`);
};

const fmovImm: A64Semantics = (i, e) => {
  const w = i.w, type = bits(w, 23, 22), d = w & 31;
  const v = fpImm8(bits(w, 20, 13));
  const buf = new DataView(new ArrayBuffer(8));
  let lo: number, hi = 0;
  if (type === 1) {
    buf.setFloat64(0, v, true);
    lo = buf.getInt32(0, true);
    hi = buf.getInt32(4, true);
  } else if (type === 0) {
    buf.setFloat32(0, v, true);
    lo = buf.getInt32(0, true);
  } else {
    // half: sign, 5-bit exponent, 10-bit fraction from the same imm8
    const imm8 = bits(w, 20, 13);
    const a = imm8 >> 7, b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3, efgh = imm8 & 15;
    lo = (a << 15) | ((b ? 0 : 1) << 14) | ((b ? 3 : 0) << 12) | (cd << 10) | (efgh << 6);
  }
  const VI = e.decl("VI", "s.vi");
  e.stmt(
    `${VI}[${4 * d}] = ${e.num(lo)}; ${VI}[${4 * d + 1}] = ${e.num(hi)}; ${VI}[${
      4 * d + 2
    }] = 0; ${VI}[${4 * d + 3}] = 0;`,
  );
};

const fpint: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, opc = bits(w, 18, 16), rd = w & 31, rn = bits(w, 9, 5);
  const toGpr = !(opc === 2 || opc === 3 || opc === 7);
  const args = toGpr ? "0, 0" : `${rl(e, rn)}, ${rh(e, rn)}`;
  if (!toGpr) {
    e.stmt(`rt.${i.op}(s, ${e.num(w)}, ${args});`);
    return;
  }
  const t = e.tmp();
  e.stmt(`${t} = rt.${i.op}(s, ${e.num(w)}, ${args});`);
  if (sf) set64(e, rd, t, "rt.h");
  else set32(e, rd, t);
};

const copy: A64Semantics = (i, e) => {
  const w = i.w, op = bits(w, 29, 29), imm4 = bits(w, 14, 11), rd = w & 31, rn = bits(w, 9, 5);
  const scalar = i.op === "dup_scalar" ? 1 : 0;
  if (!scalar && op === 0 && (imm4 === 5 || imm4 === 7)) {
    const t = e.tmp();
    e.stmt(`${t} = rt.vcopy(s, ${e.num(w)}, 0, 0, 0);`);
    if (bits(w, 30, 30)) set64(e, rd, t, "rt.h");
    else set32(e, rd, t);
    return;
  }
  const gpr = !scalar && op === 0 && (imm4 === 1 || imm4 === 3);
  const args = gpr ? `${rl(e, rn)}, ${rh(e, rn)}` : "0, 0";
  e.stmt(`rt.vcopy(s, ${e.num(w)}, ${args}, ${scalar});`);
};

/** SIMD load/store structures: address, access check, helper, post-index writeback. */
const simdLdst: A64Semantics = (i, e) => {
  const w = i.w,
    L = bits(w, 22, 22),
    post = bits(w, 23, 23),
    rm = bits(w, 20, 16),
    rn = bits(w, 9, 5);
  const bytes = simdBytes(w);
  const bl = e.tmp(), bh = e.tmp();
  e.stmt(`${bl} = ${rl(e, rn, true)}; ${bh} = ${rh(e, rn, true)};`);
  const o = e.access(bl, bh, 0, bytes, !L);
  e.stmt(`rt.${i.op === "simd_ldst_m" ? "vldstm" : "vldsts"}(s, ${e.num(w)}, ${o});`);
  if (!post) return;
  let il: string, ih: string;
  if (rm === 31) [il, ih] = [e.num(bytes), "0"];
  else [il, ih] = [rl(e, rm), rh(e, rm)];
  const t = e.tmp();
  e.stmt(`${t} = (${bl} >>> 0) + (${il} >>> 0);`);
  set64(e, rn, `${t} | 0`, `(${bh} + ${ih} + (${t} > 4294967295 ? 1 : 0)) | 0`, true);
};

function simdBytes(w: number): number {
  const q = bits(w, 30, 30);
  if (bits(w, 24, 24) === 0) {
    const n =
      ({ 0: 4, 2: 4, 4: 3, 6: 3, 7: 1, 8: 2, 10: 2 } as Record<number, number>)[bits(w, 15, 12)];
    return (q ? 16 : 8) * n;
  }
  const opc = bits(w, 15, 13), sel = (((opc & 1) << 1) | bits(w, 21, 21)) + 1;
  if (opc >> 1 === 3) return sel << bits(w, 11, 10);
  if (opc >> 1 === 0) return sel;
  if (opc >> 1 === 1) return 2 * sel;
  return (bits(w, 10, 10) ? 8 : 4) * sel;
}

void sext;

/** FP and SIMD emitters by op name. */
export const FP_SEMANTICS: Readonly<Record<string, A64Semantics>> = (() => {
  const m: Record<string, A64Semantics> = {
    fp1: call("fp1"),
    fp2: call("fp2"),
    fp3: call("fp3"),
    fcmp,
    fccmp,
    fcsel,
    fmov_imm: fmovImm,
    fpint,
    fpfix: fpint,
    modimm: call("vmodimm"),
    copy,
    dup_scalar: copy,
    ext: call("vext"),
    tbl: call("vtbl"),
    tbx: call("vtbl"),
    simd_ldst_m: simdLdst,
    simd_ldst_s: simdLdst,
  };
  for (const n of V3_NAMES) m[n] = indexed("v3same", V3_NAMES);
  for (const n of V3FP_NAMES) m[n] = indexed("v3fp", V3FP_NAMES);
  for (const n of V2_NAMES) m[n] = indexed("v2misc", V2_NAMES);
  for (const n of ACROSS_NAMES) m[n] = indexed("vacross", ACROSS_NAMES);
  for (const n of SHIFT_NAMES) m[n] = indexed("vshift", SHIFT_NAMES, ", 0");
  for (const n of DIFF_NAMES) m[n] = indexed("v3diff", DIFF_NAMES);
  for (const n of SCALAR_NAMES) m[n] = indexed("vscalar", SCALAR_NAMES);
  for (const n of ELEM_NAMES) m[n] = indexed("velem", ELEM_NAMES);
  for (const n of ["shl_scalar", "ushr_scalar", "sshr_scalar"]) {
    m[n] = (i: A64Insn, e: Emitter) =>
      e.stmt(
        `rt.vshift(s, ${e.num(i.w)}, ${
          e.num(SHIFT_NAMES.indexOf(i.op.replace("_scalar", "")))
        }, 1);`,
      );
  }
  for (const n of ["uzp1", "uzp2", "trn1", "trn2", "zip1", "zip2"]) {
    m[n] = (i: A64Insn, e: Emitter) =>
      e.stmt(`rt.vperm(s, ${e.num(i.w)}, ${e.num(bits(i.w, 14, 12))});`);
  }
  return m;
})();
