/**
 * A64 decoding from the one table of rows (table.ts). Rows are bucketed by
 * bits [28:25] (the top-level encoding group); a word is matched by a linear
 * scan of its bucket, in table order. Field extraction lives in small helpers
 * that the disassembler and the lifter share.
 * @module
 */

import { type A64Row, ROWS } from "./table.ts";

export { BRANCH, ENDS_BLOCK, FPSIMD } from "./table.ts";

/** A decoded A64 instruction. */
export interface A64Insn {
  /** Always 4. */
  len: number;
  /** Row flags. */
  flags: number;
  /** Row op name. */
  op: string;
  /** Row format. */
  fmt: string;
  /** The raw 32-bit word (unsigned). */
  w: number;
}

const BUCKETS: A64Row[][] = Array.from({ length: 16 }, () => []);
for (const r of ROWS) {
  // A row belongs to every bucket its bits [28:25] can take.
  for (let b = 0; b < 16; b++) {
    const m = (r.mask >>> 25) & 15, v = (r.value >>> 25) & 15;
    if ((b & m) === v) BUCKETS[b].push(r);
  }
}

/** Bits [hi:lo] of w, unsigned. */
export function bits(w: number, hi: number, lo: number): number {
  return ((w >>> lo) & (2 ** (hi - lo + 1) - 1)) >>> 0;
}

/** Sign-extend the low `n` bits of v. */
export function sext(v: number, n: number): number {
  const s = 32 - n;
  return (v << s) >> s;
}

/**
 * DecodeBitMasks for logical immediates: returns [lo, hi] int32 halves of the
 * wmask, or null for a reserved encoding. `datasize` is 32 or 64.
 */
export function decodeBitMask(
  n: number,
  imms: number,
  immr: number,
  datasize: number,
): [number, number] | null {
  const len = 31 - Math.clz32(((n << 6) | (~imms & 0x3f)) & 0x7f);
  if (len < 1) return null;
  const esize = 1 << len;
  if (esize > datasize) return null;
  const levels = esize - 1;
  const s = imms & levels, r = immr & levels;
  if (s === levels) return null;
  // element: (s+1) ones rotated right by r within esize bits
  let el = (1n << BigInt(s + 1)) - 1n;
  const emask = (1n << BigInt(esize)) - 1n;
  if (r) el = ((el >> BigInt(r)) | (el << BigInt(esize - r))) & emask;
  let v = 0n;
  for (let i = 0; i < datasize; i += esize) v |= el << BigInt(i);
  return [Number(BigInt.asIntN(32, v)), datasize === 64 ? Number(BigInt.asIntN(32, v >> 32n)) : 0];
}

/** Extra checks for rows whose pattern admits unallocated encodings. */
function valid(r: A64Row, w: number): boolean {
  const sf = w >>> 31;
  switch (r.fmt) {
    case "logic_imm":
      return (sf === 1 || bits(w, 22, 22) === 0) &&
        decodeBitMask(bits(w, 22, 22), bits(w, 15, 10), bits(w, 21, 16), sf ? 64 : 32) !== null;
    case "movw":
      return sf === 1 || bits(w, 22, 21) < 2;
    case "bitfield":
      return sf === bits(w, 22, 22) &&
        (sf === 1 || (bits(w, 21, 21) === 0 && bits(w, 15, 15) === 0));
    case "extr":
      return sf === bits(w, 22, 22) && (sf === 1 || bits(w, 15, 15) === 0);
    case "addsub_sreg":
      return bits(w, 23, 22) !== 3 && (sf === 1 || bits(w, 15, 15) === 0);
    case "addsub_ext":
      return bits(w, 12, 10) <= 4;
    case "logic_reg":
      return sf === 1 || bits(w, 15, 15) === 0;
    case "dp2": {
      const o = bits(w, 15, 10);
      if (o === 2 || o === 3) return bits(w, 29, 29) === 0;
      if (o >= 8 && o <= 11) return bits(w, 29, 29) === 0;
      if (o >= 16 && o <= 23) {
        return bits(w, 29, 29) === 0 && (bits(w, 11, 10) === 3) === (sf === 1);
      }
      return false;
    }
    case "dp1": {
      if (bits(w, 29, 29)) return false;
      const o = bits(w, 15, 10);
      if (o > 5) return false;
      return !(o === 3 && sf === 0);
    }
    case "dp3": {
      const op = (bits(w, 30, 29) << 4) | (bits(w, 23, 21) << 1) | bits(w, 15, 15);
      if (bits(w, 30, 29)) return false;
      if (sf === 0) return op === 0 || op === 1;
      return [0, 1, 2, 3, 4, 10, 11, 12].includes(op);
    }
    case "csel":
      return bits(w, 29, 29) === 0;
    case "ccmp":
      return bits(w, 29, 29) === 1;
    case "adc":
      return true;
    case "b_cond":
      return true;
    case "branch_reg":
      return true;
    case "ldr_lit":
      return !(bits(w, 26, 26) === 1 && bits(w, 31, 30) === 3);
    case "ldst_pair": {
      const opc = bits(w, 31, 30), vv = bits(w, 26, 26), l = bits(w, 22, 22);
      if (opc === 3) return false;
      if (!vv && opc === 1) return l === 1 && bits(w, 24, 23) !== 0; // ldpsw
      return true;
    }
    case "ldst_imm9":
    case "ldst_reg":
    case "ldst_uimm": {
      const size = bits(w, 31, 30), vv = bits(w, 26, 26), opc = bits(w, 23, 22);
      if (r.fmt === "ldst_reg" && (bits(w, 14, 14) === 0)) return false;
      if (vv) return opc < 2 || size === 0;
      if (size === 3 && opc === 3) return false;
      if (size === 2 && opc === 3) return false;
      if (opc === 2 && size === 3 && r.fmt !== "ldst_imm9") return true; // prfm
      if (opc === 2 && size === 3) return bits(w, 11, 10) === 0; // prfum
      return true;
    }
    case "casp":
      return (bits(w, 16, 16) | bits(w, 0, 0)) === 0; // odd Rs or Rt: unallocated
    case "excl": {
      if (r.op === "ordered") {
        // Rs and Rt2 should be one; objdump ignores them except for LDAR (L=1, o0=1)
        return !(bits(w, 22, 22) && bits(w, 15, 15)) ||
          (bits(w, 14, 10) === 31 && bits(w, 20, 16) === 31);
      }
      if (bits(w, 21, 21) && bits(w, 31, 31) === 0) return false; // casp (odd registers)
      return true;
    }
    case "atomic": {
      const o3 = bits(w, 15, 15), opc = bits(w, 14, 12);
      if (o3 === 0) return true;
      if (opc === 0) return true; // swp
      if (opc === 4) return bits(w, 23, 22) === 2 && bits(w, 20, 16) === 31; // ldapr
      return false;
    }
    case "sysreg":
      return true;
    case "msr_imm":
      return !(bits(w, 18, 16) === 3 && bits(w, 7, 5) === 3) && // SMSTART/SMSTOP (SME)
        !(bits(w, 18, 16) === 0 && bits(w, 7, 5) <= 2); // CFINV, XAFLAG, AXFLAG (FlagM)
    case "hint":
      return true;
    case "fp1": {
      const type = bits(w, 23, 22), opc = bits(w, 20, 15);
      if (type === 2) return false;
      if (opc <= 3) return true;
      if (opc >= 4 && opc <= 7) return (opc & 3) !== type && (opc & 3) !== 2;
      return opc >= 8 && opc <= 15 && opc !== 13;
    }
    case "fp2":
      return bits(w, 23, 22) !== 2 && bits(w, 15, 12) <= 8;
    case "fcmp":
    case "fccmp":
    case "fcsel":
    case "fmov_imm":
    case "fp3":
      return bits(w, 23, 22) !== 2;
    case "fpint": {
      const type = bits(w, 23, 22), rm = bits(w, 20, 19), opc = bits(w, 18, 16);
      if (bits(w, 29, 29)) return false;
      if (opc === 6 || opc === 7) {
        if (rm === 1) return type === 2 && sf === 1;
        if (rm !== 0) return false;
        return type === 3 || (type === 0 ? sf === 0 : type === 1 ? sf === 1 : false);
      }
      if (type === 2) return false;
      if (opc === 2 || opc === 3) return rm === 0;
      if (opc === 4 || opc === 5) return rm === 0;
      return true;
    }
    case "fpfix":
      return bits(w, 23, 22) !== 2 && bits(w, 29, 29) === 0 &&
        (sf === 1 || bits(w, 15, 15) === 1) &&
        [0, 1].includes(bits(w, 18, 17)) && [0, 3].includes(bits(w, 20, 19)) &&
        (bits(w, 18, 17) === 1 ? bits(w, 20, 19) === 0 : bits(w, 20, 19) === 3);
    case "simd_shift": {
      if (r.op.endsWith("_fix") && bits(w, 22, 21) === 0) return false; // half precision
      const long = /^(r?shrn|[su]shll|[su]qr?shru?n)$/.test(r.op);
      return bits(w, 22, 19) !== 0 &&
        !(bits(w, 22, 22) && !bits(w, 30, 30) && !long) &&
        !(bits(w, 22, 22) && long);
    }
    case "simd_scalar2":
      return r.op.startsWith("f") || r.op.includes("cvtf") || bits(w, 23, 22) === 3;
    case "simd_scalar_shift":
      return bits(w, 22, 22) === 1;
    case "simd_3same": {
      const size = bits(w, 23, 22), q = bits(w, 30, 30);
      if (["mul", "mla", "mls"].includes(r.op)) return size !== 3;
      if (r.op === "pmul") return size === 0;
      if (r.op === "sqdmulh" || r.op === "sqrdmulh") return size === 1 || size === 2;
      if (/^[su]r?h(add|sub)$|^[su]aba$/.test(r.op)) return size !== 3;
      if (
        ["smaxp", "sminp", "umaxp", "uminp", "smax", "smin", "umax", "umin", "sabd", "uabd"]
          .includes(r.op)
      ) {
        return size !== 3;
      }
      if (size === 3 && !["and", "bic", "orr", "orn", "eor", "bsl", "bit", "bif"].includes(r.op)) {
        return q === 1;
      }
      return true;
    }
    case "simd_3same_fp":
      return !(bits(w, 22, 22) === 1 && bits(w, 30, 30) === 0);
    case "simd_2misc": {
      const size = bits(w, 23, 22), q = bits(w, 30, 30), op = r.op;
      if (op === "cnt" || op === "not") return size === 0;
      if (op === "rbit") return size === 1;
      if (op === "rev64") return size !== 3;
      if (op === "rev32") return size < 2;
      if (op === "rev16") return size === 0;
      if (["xtn", "sqxtn", "sqxtun", "uqxtn"].includes(op)) return size !== 3;
      if (op === "fcvtl" || op === "fcvtn") return bits(w, 22, 22) === 1; // single <-> double only
      if (/^([su]add|[su]ada)lp$|^cl[sz]$|^shll$/.test(op)) return size !== 3;
      if (op.startsWith("f") || op.endsWith("cvtf")) return !(bits(w, 22, 22) === 1 && q === 0);
      if (size === 3) return q === 1;
      return true;
    }
    case "simd_across": {
      const size = bits(w, 23, 22), q = bits(w, 30, 30);
      if (size === 3) return false;
      if (size === 2) return q === 1;
      return true;
    }
    case "simd_elem": {
      const size = bits(w, 23, 22);
      if (r.op[0] === "f") {
        if (size === 2) return true; // single
        // double: index H only (L = 0), and a vector form needs Q = 1
        return size === 3 && bits(w, 21, 21) === 0 &&
          (r.op.endsWith("_selem") || bits(w, 30, 30) === 1);
      }
      return size === 1 || size === 2;
    }
    case "simd_3diff":
      if (r.op === "pmull") return bits(w, 23, 22) === 0; // the 64-bit form is FEAT_PMULL
      if (r.op.startsWith("sqdm")) return bits(w, 23, 22) === 1 || bits(w, 23, 22) === 2;
      return bits(w, 23, 22) !== 3;
    case "simd_perm":
      return !(bits(w, 23, 22) === 3 && bits(w, 30, 30) === 0);
    case "simd_copy": {
      const imm5 = bits(w, 20, 16);
      if ((imm5 & 15) === 0) return false;
      if (r.op === "dup_scalar") return true;
      const op = bits(w, 29, 29), imm4 = bits(w, 14, 11), q = bits(w, 30, 30);
      if (op === 1) return q === 1;
      if (imm4 === 0) return !((imm5 & 8) && !q);
      if (imm4 === 1) return !((imm5 & 8) && !q);
      if (imm4 === 3) return q === 1;
      if (imm4 === 5) {
        return q ? (imm5 & 7) !== 0 && !(imm5 & 4 && false) && (imm5 & 12) !== 8 : (imm5 & 3) !== 0;
      }
      if (imm4 === 7) return q ? (imm5 & 15) === 8 : (imm5 & 7) !== 0;
      return false;
    }
    case "simd_modimm": {
      const op = bits(w, 29, 29), cmode = bits(w, 15, 12), q = bits(w, 30, 30);
      if (bits(w, 11, 11)) return false;
      if (cmode === 15) return op === 0 || q === 1;
      return true;
    }
    case "simd_ext":
      return bits(w, 30, 30) === 1 || bits(w, 14, 14) === 0;
    case "simd_ldst_m": {
      const opc = bits(w, 15, 12);
      if (![0, 2, 4, 6, 7, 8, 10].includes(opc)) return false;
      return !(bits(w, 11, 10) === 3 && bits(w, 30, 30) === 0 && opc !== 7 && opc !== 10 &&
        opc !== 6 && opc !== 2);
    }
    case "simd_ldst_s": {
      // ld1-ld4/st1-st4 single structure and ld1r-ld4r
      const opc = bits(w, 15, 13), s = bits(w, 12, 12), size = bits(w, 11, 10);
      if (opc >> 1 === 3) return bits(w, 22, 22) === 1 && s === 0;
      if (opc >> 1 === 0) return true;
      if (opc >> 1 === 1) return (size & 1) === 0;
      return size === 0 || (size === 1 && s === 0);
    }
    default:
      return true;
  }
}

/**
 * Decode one 32-bit word, or null when no row (or no allocated encoding) matches.
 *
 * @example
 * ```ts
 * decode(0xd503201f)?.op; // "hint" (nop)
 * ```
 */
export function decode(w: number): A64Insn | null {
  w >>>= 0;
  const b = BUCKETS[(w >>> 25) & 15];
  for (let i = 0; i < b.length; i++) {
    const r = b[i];
    if (((w & r.mask) >>> 0) === r.value) {
      if (!valid(r, w)) continue;
      return { len: 4, flags: r.flags, op: r.op, fmt: r.fmt, w };
    }
  }
  return null;
}
