/**
 * JS emitters for the RISC-V F and D extensions (RV64).
 *
 * Loads, stores, moves and sign injection work on raw bits through the `FI`
 * (Int32Array) view of the FP register file, so NaN payloads survive. Single
 * values live NaN-boxed: a single write sets the upper 32 bits to all ones,
 * and a single read of a register whose upper half is not all ones sees the
 * canonical NaN. Everything that rounds or may raise a flag calls the
 * soft-float helpers of fpu.ts through `rt`.
 *
 * Rounding-mode field: 5 and 6 are reserved, so the instruction is illegal;
 * 7 (dynamic) is illegal when frm holds 5..7, which the emitted code checks
 * before calling the helper.
 *
 * The generated code is data-free: register numbers and immediates reach the
 * source only through `e.num()`.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { T_ILLEGAL } from "../../engine/trap.ts";
import type { RvInsn } from "./decode.ts";
import { hi, lo, set, setBool, setW } from "./regs.ts";

/** An emitter of one instruction's semantics. */
export type FpEmitter = (i: RvInsn, e: Emitter) => void;

/** The FP register file as raw int32 halves (region constant `FI`). */
function fi(e: Emitter): string {
  return e.decl("FI", "s.fi");
}

/** The FP register file as float64 (region constant `F`). */
function f64(e: Emitter): string {
  return e.decl("F", "s.f");
}

/** Index expression of the low (`half` 0) or high (1) int32 of f[r]. */
function ix(e: Emitter, r: number, half: number): string {
  return e.num(2 * r + half);
}

/**
 * Emit the rounding-mode check. Returns false (after emitting an illegal
 * instruction exit) when the static rm field is reserved.
 */
function checkRm(i: RvInsn, e: Emitter): boolean {
  if (i.rm === 5 || i.rm === 6) {
    e.stmt(e.leave(e.num(e.pc), T_ILLEGAL));
    e.ended = true;
    return false;
  }
  if (i.rm === 7) e.stmt(`if (s.frm > 4) ${e.leave(e.num(e.pc), T_ILLEGAL)}`);
  return true;
}

/** FP result from FP sources: `rt.<name>(s, rd, rs1[, rs2[, rs3]], rm)`. */
function helperF(name: string, nsrc: 1 | 2 | 3): FpEmitter {
  return (i, e) => {
    if (!checkRm(i, e)) return;
    const srcs = [i.rs1, i.rs2, i.rs3].slice(0, nsrc).map((r) => e.num(r)).join(", ");
    e.stmt(`rt.${name}(s, ${e.num(i.rd)}, ${srcs}, ${e.num(i.rm)});`);
  };
}

/** FP result without a rounding mode (fmin, fmax). */
function helperNoRm(name: string): FpEmitter {
  return (i, e) => {
    e.stmt(`rt.${name}(s, ${e.num(i.rd)}, ${e.num(i.rs1)}, ${e.num(i.rs2)});`);
  };
}

/** Integer 0/1 result from a compare helper. The helper runs even for rd = x0 (flags). */
function compare(name: string): FpEmitter {
  return (i, e) => {
    const t = e.tmp();
    e.stmt(`${t} = rt.${name}(s, ${e.num(i.rs1)}, ${e.num(i.rs2)});`);
    setBool(e, i.rd, t);
  };
}

/** fclass: a small non-negative mask. */
function fclass(name: string): FpEmitter {
  return (i, e) => {
    const t = e.tmp();
    e.stmt(`${t} = rt.${name}(s, ${e.num(i.rs1)});`);
    setW(e, i.rd, t);
  };
}

/** Float to 32-bit integer: the result is sign-extended (also for the unsigned forms). */
function cvtToW(name: string): FpEmitter {
  return (i, e) => {
    if (!checkRm(i, e)) return;
    const t = e.tmp();
    e.stmt(`${t} = rt.${name}(s, ${e.num(i.rs1)}, ${e.num(i.rm)});`);
    setW(e, i.rd, t);
  };
}

/** Float to 64-bit integer: the low word is returned, the high word comes from rt.fhi(). */
function cvtToL(name: string): FpEmitter {
  return (i, e) => {
    if (!checkRm(i, e)) return;
    const t = e.tmp();
    e.stmt(`${t} = rt.${name}(s, ${e.num(i.rs1)}, ${e.num(i.rm)});`);
    set(e, i.rd, t, "rt.fhi()");
  };
}

/** Integer to float: the helper takes the source's (lo, hi) halves. */
function cvtFromX(name: string): FpEmitter {
  return (i, e) => {
    if (!checkRm(i, e)) return;
    e.stmt(
      `rt.${name}(s, ${e.num(i.rd)}, ${lo(e, i.rs1)}, ${hi(e, i.rs1)}, ${e.num(i.rm)});`,
    );
  };
}

/**
 * Read the NaN-boxed single of f[r] as raw bits into a fresh temp: the low
 * word when the high word is all ones, else the canonical NaN.
 */
function boxedBits(e: Emitter, r: number): string {
  const FI = fi(e);
  const t = e.tmp();
  e.stmt(
    `${t} = ${FI}[${ix(e, r, 1)}] === -1 ? ${FI}[${ix(e, r, 0)}] : ${e.num(0x7fc00000)};`,
  );
  return t;
}

/** Sign injection, single: kind 0 fsgnj, 1 fsgnjn, 2 fsgnjx. */
function sgnjS(kind: number): FpEmitter {
  return (i, e) => {
    const FI = fi(e);
    const a = boxedBits(e, i.rs1);
    const b = boxedBits(e, i.rs2);
    const SIGN = e.num(-2147483648), MAG = e.num(0x7fffffff);
    const expr = kind === 0
      ? `(${a} & ${MAG}) | (${b} & ${SIGN})`
      : kind === 1
      ? `(${a} & ${MAG}) | (~${b} & ${SIGN})`
      : `${a} ^ (${b} & ${SIGN})`;
    e.stmt(`${FI}[${ix(e, i.rd, 0)}] = ${expr}; ${FI}[${ix(e, i.rd, 1)}] = ${e.num(-1)};`);
  };
}

/** Sign injection, double: only the high word changes. */
function sgnjD(kind: number): FpEmitter {
  return (i, e) => {
    const FI = fi(e);
    const a = e.tmp(), l = e.tmp();
    const bh = `${FI}[${ix(e, i.rs2, 1)}]`;
    const SIGN = e.num(-2147483648), MAG = e.num(0x7fffffff);
    e.stmt(`${a} = ${FI}[${ix(e, i.rs1, 1)}]; ${l} = ${FI}[${ix(e, i.rs1, 0)}];`);
    const expr = kind === 0
      ? `(${a} & ${MAG}) | (${bh} & ${SIGN})`
      : kind === 1
      ? `(${a} & ${MAG}) | (~${bh} & ${SIGN})`
      : `${a} ^ (${bh} & ${SIGN})`;
    e.stmt(`${FI}[${ix(e, i.rd, 1)}] = ${expr}; ${FI}[${ix(e, i.rd, 0)}] = ${l};`);
  };
}

/** The emitters of every F and D instruction of RV64, by mnemonic. */
export const FP_SEMANTICS: Record<string, FpEmitter> = {
  // Loads and stores move raw bits.
  "flw": (i, e) => {
    const a = e.access(lo(e, i.rs1), hi(e, i.rs1), i.imm, 4, false);
    const FI = fi(e);
    e.stmt(
      `${FI}[${ix(e, i.rd, 0)}] = dv.getInt32(${a}, true); ${FI}[${ix(e, i.rd, 1)}] = ${
        e.num(-1)
      };`,
    );
  },
  "fld": (i, e) => {
    const a = e.access(lo(e, i.rs1), hi(e, i.rs1), i.imm, 8, false);
    const FI = fi(e);
    e.stmt(
      `${FI}[${ix(e, i.rd, 0)}] = dv.getInt32(${a}, true); ${FI}[${
        ix(e, i.rd, 1)
      }] = dv.getInt32(${a} + 4, true);`,
    );
  },
  "fsw": (i, e) => {
    const a = e.access(lo(e, i.rs1), hi(e, i.rs1), i.imm, 4, true);
    const FI = fi(e);
    e.stmt(`dv.setInt32(${a}, ${FI}[${ix(e, i.rs2, 0)}], true);`);
  },
  "fsd": (i, e) => {
    const a = e.access(lo(e, i.rs1), hi(e, i.rs1), i.imm, 8, true);
    const FI = fi(e);
    e.stmt(
      `dv.setInt32(${a}, ${FI}[${ix(e, i.rs2, 0)}], true); dv.setInt32(${a} + 4, ${FI}[${
        ix(e, i.rs2, 1)
      }], true);`,
    );
  },

  // Arithmetic.
  "fadd.s": helperF("fadd_s", 2),
  "fsub.s": helperF("fsub_s", 2),
  "fmul.s": helperF("fmul_s", 2),
  "fdiv.s": helperF("fdiv_s", 2),
  "fsqrt.s": helperF("fsqrt_s", 1),
  "fmadd.s": helperF("fmadd_s", 3),
  "fmsub.s": helperF("fmsub_s", 3),
  "fnmsub.s": helperF("fnmsub_s", 3),
  "fnmadd.s": helperF("fnmadd_s", 3),
  "fadd.d": helperF("fadd_d", 2),
  "fsub.d": helperF("fsub_d", 2),
  "fmul.d": helperF("fmul_d", 2),
  "fdiv.d": helperF("fdiv_d", 2),
  "fsqrt.d": helperF("fsqrt_d", 1),
  "fmadd.d": helperF("fmadd_d", 3),
  "fmsub.d": helperF("fmsub_d", 3),
  "fnmsub.d": helperF("fnmsub_d", 3),
  "fnmadd.d": helperF("fnmadd_d", 3),

  // Sign injection (bits), min/max.
  "fsgnj.s": sgnjS(0),
  "fsgnjn.s": sgnjS(1),
  "fsgnjx.s": sgnjS(2),
  "fsgnj.d": sgnjD(0),
  "fsgnjn.d": sgnjD(1),
  "fsgnjx.d": sgnjD(2),
  "fmin.s": helperNoRm("fmin_s"),
  "fmax.s": helperNoRm("fmax_s"),
  "fmin.d": helperNoRm("fmin_d"),
  "fmax.d": helperNoRm("fmax_d"),

  // Compares and classification.
  "feq.s": compare("feq_s"),
  "flt.s": compare("flt_s"),
  "fle.s": compare("fle_s"),
  "feq.d": compare("feq_d"),
  "flt.d": compare("flt_d"),
  "fle.d": compare("fle_d"),
  "fclass.s": fclass("fclass_s"),
  "fclass.d": fclass("fclass_d"),

  // Float -> integer.
  "fcvt.w.s": cvtToW("fcvt_w_s"),
  "fcvt.wu.s": cvtToW("fcvt_wu_s"),
  "fcvt.l.s": cvtToL("fcvt_l_s"),
  "fcvt.lu.s": cvtToL("fcvt_lu_s"),
  "fcvt.w.d": cvtToW("fcvt_w_d"),
  "fcvt.wu.d": cvtToW("fcvt_wu_d"),
  "fcvt.l.d": cvtToL("fcvt_l_d"),
  "fcvt.lu.d": cvtToL("fcvt_lu_d"),

  // Integer -> float. int32 and uint32 to double are exact and inline.
  "fcvt.s.w": cvtFromX("fcvt_s_w"),
  "fcvt.s.wu": cvtFromX("fcvt_s_wu"),
  "fcvt.s.l": cvtFromX("fcvt_s_l"),
  "fcvt.s.lu": cvtFromX("fcvt_s_lu"),
  "fcvt.d.w": (i, e) => {
    if (!checkRm(i, e)) return;
    e.stmt(`${f64(e)}[${e.num(i.rd)}] = ${lo(e, i.rs1)} | 0;`);
  },
  "fcvt.d.wu": (i, e) => {
    if (!checkRm(i, e)) return;
    e.stmt(`${f64(e)}[${e.num(i.rd)}] = ${lo(e, i.rs1)} >>> 0;`);
  },
  "fcvt.d.l": cvtFromX("fcvt_d_l"),
  "fcvt.d.lu": cvtFromX("fcvt_d_lu"),

  // Float <-> float.
  "fcvt.s.d": helperF("fcvt_s_d", 1),
  "fcvt.d.s": helperF("fcvt_d_s", 1),

  // Moves between register files (bits, no NaN-box check on the way out).
  "fmv.x.w": (i, e) => {
    setW(e, i.rd, `${fi(e)}[${ix(e, i.rs1, 0)}]`);
  },
  "fmv.x.d": (i, e) => {
    const FI = fi(e);
    set(e, i.rd, `${FI}[${ix(e, i.rs1, 0)}]`, `${FI}[${ix(e, i.rs1, 1)}]`);
  },
  "fmv.w.x": (i, e) => {
    const FI = fi(e);
    e.stmt(`${FI}[${ix(e, i.rd, 0)}] = ${lo(e, i.rs1)}; ${FI}[${ix(e, i.rd, 1)}] = ${e.num(-1)};`);
  },
  "fmv.d.x": (i, e) => {
    const FI = fi(e);
    const l = lo(e, i.rs1), h = hi(e, i.rs1);
    e.stmt(`${FI}[${ix(e, i.rd, 0)}] = ${l}; ${FI}[${ix(e, i.rd, 1)}] = ${h};`);
  },
};
