/**
 * A64 disassembler in the exact style of GNU objdump 2.40 (aarch64), aliases
 * included. Branch targets print as bare hex addresses; objdump's trailing
 * `<symbol>` and `// comment` parts are not produced.
 * @module
 */

import { type A64Insn, bits, decodeBitMask, sext } from "./decode.ts";

const COND = [
  "eq",
  "ne",
  "cs",
  "cc",
  "mi",
  "pl",
  "vs",
  "vc",
  "hi",
  "ls",
  "ge",
  "lt",
  "gt",
  "le",
  "al",
  "nv",
];

/** General register name: `sf` 64-bit, `sp` true when 31 means the stack pointer. */
export function gpr(r: number, sf: number, sp = false): string {
  if (r === 31) return sp ? (sf ? "sp" : "wsp") : sf ? "xzr" : "wzr";
  return (sf ? "x" : "w") + r;
}

function hex(n: number | bigint): string {
  return "#0x" + n.toString(16);
}

function addrHex(n: number): string {
  return (n < 0 ? n + 2 ** 64 : n).toString(16);
}

function pair64(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Float formatting as C's %.18e. */
function fmtE(v: number): string {
  const s = v.toExponential(18);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** VFPExpandImm to a JS number (exact): the imm8 of FMOV (immediate) as a single. */
export function fpImm8(imm8: number): number {
  const a = imm8 >> 7, b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3, efgh = imm8 & 15;
  const bitsv = (a << 31) | ((b ? 0 : 1) << 30) | ((b ? 0x1f : 0) << 25) | (cd << 23) |
    (efgh << 19);
  return new Float32Array(new Int32Array([bitsv]).buffer)[0];
}

const VREG = (r: number) => "v" + r;

function arr(size: number, q: number): string {
  return ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"][size * 2 + q];
}

const FPR_T = ["s", "d", "?", "h"];

function fpr(type: number, r: number): string {
  return FPR_T[type] + r;
}

function ext(option: number): string {
  return ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"][option];
}

const SHIFT = ["lsl", "lsr", "asr", "ror"];

function shiftSuffix(type: number, amt: number): string {
  return amt === 0 && type === 0 ? "" : `, ${SHIFT[type]} #${amt}`;
}

/** Is this 64-bit (or 32-bit) value a MOVZ/MOVN immediate? */
function moveWidePreferred(sf: number, n: number, imms: number, immr: number): boolean {
  const width = sf ? 64 : 32;
  if (sf === 1 && n !== 1) return false;
  if (sf === 0 && !(n === 0 && (imms & 0x20) === 0)) return false;
  if (imms < 16) return (-immr & 15) <= 15 - imms;
  if (imms >= width - 15) return (immr & 15) <= imms - (width - 15);
  return false;
}

function bfxPreferred(sf: number, uns: number, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && uns === 0 && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

const SYSREGS: Record<string, string> = {
  "3.3.13.0.2": "tpidr_el0",
  "3.3.13.0.3": "tpidrro_el0",
  "3.3.13.0.5": "tpidr2_el0",
  "3.3.4.4.0": "fpcr",
  "3.3.4.4.1": "fpsr",
  "3.3.4.2.0": "nzcv",
  "3.3.14.0.0": "cntfrq_el0",
  "3.3.14.0.1": "cntpct_el0",
  "3.3.14.0.2": "cntvct_el0",
  "3.3.0.0.1": "ctr_el0",
  "3.3.0.0.7": "dczid_el0",
  "3.0.0.0.0": "midr_el1",
  "3.0.0.0.5": "mpidr_el1",
  "3.0.0.0.6": "revidr_el1",
  "3.0.0.4.0": "id_aa64pfr0_el1",
  "3.0.0.4.1": "id_aa64pfr1_el1",
  "3.0.0.4.4": "id_aa64zfr0_el1",
  "3.0.0.5.0": "id_aa64dfr0_el1",
  "3.0.0.5.1": "id_aa64dfr1_el1",
  "3.0.0.6.0": "id_aa64isar0_el1",
  "3.0.0.6.1": "id_aa64isar1_el1",
  "3.0.0.6.2": "id_aa64isar2_el1",
  "3.0.0.7.0": "id_aa64mmfr0_el1",
  "3.0.0.7.1": "id_aa64mmfr1_el1",
  "3.0.0.7.2": "id_aa64mmfr2_el1",
  "3.3.4.2.1": "daif",
  "3.3.4.2.5": "dit",
  "3.3.4.2.6": "ssbs",
  "3.3.4.2.7": "tco",
  "3.3.2.4.0": "rndr",
  "3.3.2.4.1": "rndrrs",
  "3.3.4.5.0": "dspsr_el0",
  "3.3.4.5.1": "dlr_el0",
  "3.3.4.2.2": "svcr",
  "3.0.0.4.5": "id_aa64smfr0_el1",
};

function sysregName(w: number): string {
  const o0 = bits(w, 19, 19) + 2, op1 = bits(w, 18, 16), crn = bits(w, 15, 12);
  const crm = bits(w, 11, 8), op2 = bits(w, 7, 5);
  return SYSREGS[`${o0}.${op1}.${crn}.${crm}.${op2}`] ?? `s${o0}_${op1}_c${crn}_c${crm}_${op2}`;
}

const HINTS: Record<number, string> = {
  0: "nop",
  1: "yield",
  2: "wfe",
  3: "wfi",
  4: "sev",
  5: "sevl",
  7: "xpaclri",
  8: "pacia1716",
  10: "pacib1716",
  12: "autia1716",
  14: "autib1716",
  16: "esb",
  17: "psb\tcsync",
  18: "tsb\tcsync",
  20: "csdb",
  24: "paciaz",
  25: "paciasp",
  26: "pacibz",
  27: "pacibsp",
  28: "autiaz",
  29: "autiasp",
  30: "autibz",
  31: "autibsp",
  32: "bti",
  34: "bti\tc",
  36: "bti\tj",
  38: "bti\tjc",
};

const BARRIER: Record<number, string> = {
  15: "sy",
  14: "st",
  13: "ld",
  11: "ish",
  10: "ishst",
  9: "ishld",
  7: "nsh",
  6: "nshst",
  5: "nshld",
  3: "osh",
  2: "oshst",
  1: "oshld",
};

function prfop(rt: number): string {
  const type = rt >> 3, target = (rt >> 1) & 3, pol = rt & 1;
  if (type === 3 || target === 3) return hex(rt).replace("#", "#");
  return `${["pld", "pli", "pst"][type]}l${target + 1}${pol ? "strm" : "keep"}`;
}

function mem(rn: number, off: number): string {
  return off === 0 ? `[${gpr(rn, 1, true)}]` : `[${gpr(rn, 1, true)}, #${off}]`;
}

/** Register name for a load/store data register: [name, log2 size]. */
function ldstInfo(
  size: number,
  v: number,
  opc: number,
): { name: string; reg: (r: number) => string; scale: number } | null {
  if (v) {
    const scale = opc & 2 ? 4 : size;
    const t = "bhsdq"[scale];
    return { name: opc & 1 ? "ldr" : "str", reg: (r) => t + r, scale };
  }
  const base = [["strb", "ldrb", "ldrsb", "ldrsb"], ["strh", "ldrh", "ldrsh", "ldrsh"], [
    "str",
    "ldr",
    "ldrsw",
    "",
  ], ["str", "ldr", "prfm", ""]][size][opc];
  if (!base) return null;
  const sf = size === 3 ? 1 : opc === 2 ? 1 : 0;
  if (base === "prfm") return { name: base, reg: (r) => prfop(r), scale: 3 };
  return { name: base, reg: (r) => gpr(r, sf), scale: size };
}

function vlist(first: number, n: number, a: string): string {
  if (n === 1) return `{v${first}.${a}}`;
  if (n === 2) return `{v${first}.${a}, v${(first + 1) % 32}.${a}}`;
  const last = (first + n - 1) % 32;
  if (last > first) return `{v${first}.${a}-v${last}.${a}}`;
  const l: string[] = [];
  for (let i = 0; i < n; i++) l.push(`v${(first + i) % 32}.${a}`);
  return `{${l.join(", ")}}`;
}

/** AdvSIMDExpandImm as a 64-bit bigint. */
export function simdImm(op: number, cmode: number, imm8: number): bigint {
  const i = BigInt(imm8);
  const rep2 = (x: bigint) => x | (x << 32n);
  const rep4 = (x: bigint) => x | (x << 16n) | (x << 32n) | (x << 48n);
  switch (cmode >> 1) {
    case 0:
      return rep2(i);
    case 1:
      return rep2(i << 8n);
    case 2:
      return rep2(i << 16n);
    case 3:
      return rep2(i << 24n);
    case 4:
      return rep4(i);
    case 5:
      return rep4(i << 8n);
    case 6:
      return cmode & 1 ? rep2((i << 16n) | 0xffffn) : rep2((i << 8n) | 0xffn);
    default:
      if ((cmode & 1) === 0) {
        if (!op) {
          let v = 0n;
          for (let k = 0; k < 8; k++) v |= i << BigInt(8 * k);
          return v;
        }
        let v = 0n;
        for (let k = 0; k < 8; k++) if (imm8 & (1 << k)) v |= 0xffn << BigInt(8 * k);
        return v;
      }
      return 0n;
  }
}

function simdModimm(w: number): string {
  const q = bits(w, 30, 30), op = bits(w, 29, 29), cmode = bits(w, 15, 12);
  const imm8 = (bits(w, 18, 16) << 5) | bits(w, 9, 5), rd = bits(w, 4, 0);
  if (cmode === 15) {
    const v = op ? fpImm8(imm8) : fpImm8(imm8);
    return `fmov\tv${rd}.${op ? "2d" : q ? "4s" : "2s"}, #${fmtE(v)}`;
  }
  if (cmode === 14) {
    if (op) {
      const v = simdImm(1, 14, imm8);
      return q ? `movi\tv${rd}.2d, #0x${v.toString(16)}` : `movi\td${rd}, #0x${v.toString(16)}`;
    }
    return `movi\tv${rd}.${q ? "16b" : "8b"}, ${hex(imm8)}`;
  }
  if (cmode < 8) {
    const name = (cmode & 1) ? (op ? "bic" : "orr") : (op ? "mvni" : "movi");
    const sh = (cmode >> 1) * 8;
    return `${name}\tv${rd}.${q ? "4s" : "2s"}, ${hex(imm8)}${sh ? `, lsl #${sh}` : ""}`;
  }
  if (cmode < 12) {
    const name = (cmode & 1) ? (op ? "bic" : "orr") : (op ? "mvni" : "movi");
    const sh = ((cmode >> 1) & 1) * 8;
    return `${name}\tv${rd}.${q ? "8h" : "4h"}, ${hex(imm8)}${sh ? `, lsl #${sh}` : ""}`;
  }
  const name = op ? "mvni" : "movi";
  return `${name}\tv${rd}.${q ? "4s" : "2s"}, ${hex(imm8)}, msl #${cmode & 1 ? 16 : 8}`;
}

/** Element size (0..3) and index of an imm5 lane field. */
function lane(imm5: number): [number, number] {
  const size = 31 - Math.clz32(imm5 & -imm5);
  return [size, imm5 >> (size + 1)];
}

function simdCopy(i: A64Insn): string {
  const w = i.w, q = bits(w, 30, 30), op = bits(w, 29, 29), imm5 = bits(w, 20, 16);
  const imm4 = bits(w, 14, 11), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
  const [size, idx] = lane(imm5);
  const t = "bhsd"[size];
  if (i.op === "dup_scalar") return `mov\t${t}${rd}, v${rn}.${t}[${idx}]`;
  if (op === 1) {
    const idx2 = imm4 >> size;
    return `mov\tv${rd}.${t}[${idx}], v${rn}.${t}[${idx2}]`;
  }
  switch (imm4) {
    case 0:
      return `dup\tv${rd}.${arr(size, q)}, v${rn}.${t}[${idx}]`;
    case 1:
      return `dup\tv${rd}.${arr(size, q)}, ${gpr(rn, size === 3 ? 1 : 0)}`;
    case 3:
      return `mov\tv${rd}.${t}[${idx}], ${gpr(rn, size === 3 ? 1 : 0)}`;
    case 5:
      return `smov\t${gpr(rd, q)}, v${rn}.${t}[${idx}]`;
    default:
      if (size >= 2) return `mov\t${gpr(rd, q)}, v${rn}.${t}[${idx}]`;
      return `umov\t${gpr(rd, q)}, v${rn}.${t}[${idx}]`;
  }
}

function simdShift(i: A64Insn, scalar: boolean): string {
  const w = i.w, q = bits(w, 30, 30), immh = bits(w, 22, 19), immb = bits(w, 18, 16);
  const rn = bits(w, 9, 5), rd = bits(w, 4, 0);
  const size = 31 - Math.clz32(immh);
  const esize = 8 << size;
  const immhb = (immh << 3) | immb;
  const name = i.op.replace("_scalar", "").replace(/_imm|_fix/, "");
  const left = /^(shl|sli|[su]shll|[su]qshlu?)$/.test(name);
  const amount = left ? immhb - esize : 2 * esize - immhb;
  if (scalar) return `${name}\td${rd}, d${rn}, #${amount}`;
  if (/^(r?shrn|[su]qr?shru?n)$/.test(name)) {
    return `${name}${q ? "2" : ""}\tv${rd}.${arr(size, q)}, v${rn}.${arr(size + 1, 1)}, #${amount}`;
  }
  if (name === "sshll" || name === "ushll") {
    const src = `v${rn}.${arr(size, q)}`, dst = `v${rd}.${arr(size + 1, 1)}`;
    const q2 = q ? "2" : "";
    if (amount === 0) return `${name[0]}xtl${q2}\t${dst}, ${src}`;
    return `${name}${q2}\t${dst}, ${src}, #${amount}`;
  }
  return `${name}\tv${rd}.${arr(size, q)}, v${rn}.${arr(size, q)}, #${amount}`;
}

function simdLdstM(w: number): string {
  const q = bits(w, 30, 30), l = bits(w, 22, 22), post = bits(w, 23, 23);
  const rm = bits(w, 20, 16), opc = bits(w, 15, 12), size = bits(w, 11, 10);
  const rn = bits(w, 9, 5), rt = bits(w, 4, 0);
  const [sel, n] =
    ({ 0: [4, 4], 2: [1, 4], 4: [3, 3], 6: [1, 3], 7: [1, 1], 8: [2, 2], 10: [1, 2] } as Record<
      number,
      number[]
    >)[opc];
  const name = (l ? "ld" : "st") + sel;
  const a = arr(size, q);
  let s = `${name}\t${vlist(rt, n, a)}, [${gpr(rn, 1, true)}]`;
  if (post) s += rm === 31 ? `, #${(q ? 16 : 8) * n}` : `, ${gpr(rm, 1)}`;
  return s;
}

function simdLdstS(w: number): string {
  const q = bits(w, 30, 30), l = bits(w, 22, 22), post = bits(w, 23, 23);
  const rm = bits(w, 20, 16), opc = bits(w, 15, 13), s = bits(w, 12, 12), size = bits(w, 11, 10);
  const rn = bits(w, 9, 5), rt = bits(w, 4, 0);
  const sel = (((opc & 1) << 1) | bits(w, 21, 21)) + 1;
  let text: string, bytes: number;
  if (opc >> 1 === 3) {
    text = `ld${sel}r\t${vlist(rt, sel, arr(size, q))}`;
    bytes = sel << size;
  } else {
    let es: number, idx: number;
    if (opc >> 1 === 0) [es, idx] = [0, (q << 3) | (s << 2) | size];
    else if (opc >> 1 === 1) [es, idx] = [1, (q << 2) | (s << 1) | (size >> 1)];
    else if (size === 0) [es, idx] = [2, (q << 1) | s];
    else [es, idx] = [3, q];
    text = `${l ? "ld" : "st"}${sel}\t${vlist(rt, sel, "bhsd"[es])}[${idx}]`;
    bytes = sel << es;
  }
  text += `, [${gpr(rn, 1, true)}]`;
  if (post) text += rm === 31 ? `, #${bytes}` : `, ${gpr(rm, 1)}`;
  return text;
}

/**
 * Disassemble one instruction at `pc`, objdump-style ("mnemonic\toperands").
 *
 * @example
 * ```ts
 * disasm(decode(0xd503201f)!, 0x400000); // "nop"
 * ```
 */
export function disasm(i: A64Insn, pc: number): string {
  const w = i.w;
  const sf = w >>> 31;
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16), ra = bits(w, 14, 10);
  switch (i.fmt) {
    case "adr": {
      if (i.op === "adr") {
        const imm = sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21);
        return `adr\t${gpr(rd, 1)}, ${addrHex(pc + imm)}`;
      }
      const imm = sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21);
      return `adrp\t${gpr(rd, 1)}, ${addrHex(Math.floor(pc / 4096) * 4096 + imm * 4096)}`;
    }
    case "addsub_imm": {
      const op = bits(w, 30, 30), s = bits(w, 29, 29), sh = bits(w, 22, 22), imm = bits(w, 21, 10);
      const immS = hex(imm) + (sh ? ", lsl #12" : "");
      if (!op && !s && !sh && imm === 0 && (rd === 31 || rn === 31)) {
        return `mov\t${gpr(rd, sf, true)}, ${gpr(rn, sf, true)}`;
      }
      if (s && rd === 31) return `${op ? "cmp" : "cmn"}\t${gpr(rn, sf, true)}, ${immS}`;
      return `${op ? "sub" : "add"}${s ? "s" : ""}\t${gpr(rd, sf, !s)}, ${
        gpr(rn, sf, true)
      }, ${immS}`;
    }
    case "logic_imm": {
      const opc = bits(w, 30, 29),
        n = bits(w, 22, 22),
        immr = bits(w, 21, 16),
        imms = bits(w, 15, 10);
      const [l, h] = decodeBitMask(n, imms, immr, sf ? 64 : 32)!;
      const v = sf ? pair64(l, h) : BigInt(l >>> 0);
      if (opc === 1 && rn === 31 && !moveWidePreferred(sf, n, imms, immr)) {
        return `mov\t${gpr(rd, sf, true)}, ${hex(v)}`;
      }
      if (opc === 3 && rd === 31) return `tst\t${gpr(rn, sf)}, ${hex(v)}`;
      const name = ["and", "orr", "eor", "ands"][opc];
      return `${name}\t${gpr(rd, sf, opc !== 3)}, ${gpr(rn, sf)}, ${hex(v)}`;
    }
    case "movw": {
      const hw = bits(w, 22, 21), imm16 = bits(w, 20, 5);
      const sh = hw * 16;
      if (i.op === "movk") return `movk\t${gpr(rd, sf)}, ${hex(imm16)}${sh ? `, lsl #${sh}` : ""}`;
      let v = BigInt(imm16) << BigInt(sh);
      if (i.op === "movz") {
        if (!(imm16 === 0 && hw !== 0)) return `mov\t${gpr(rd, sf)}, ${hex(v)}`;
        return `movz\t${gpr(rd, sf)}, ${hex(imm16)}${sh ? `, lsl #${sh}` : ""}`;
      }
      if (!(imm16 === 0 && hw !== 0) && (sf === 1 || imm16 !== 0xffff)) {
        v = ~v & (sf ? 0xffffffffffffffffn : 0xffffffffn);
        return `mov\t${gpr(rd, sf)}, ${hex(v)}`;
      }
      return `movn\t${gpr(rd, sf)}, ${hex(imm16)}${sh ? `, lsl #${sh}` : ""}`;
    }
    case "bitfield": {
      const immr = bits(w, 21, 16), imms = bits(w, 15, 10), ds = sf ? 64 : 32;
      const d = gpr(rd, sf), n = gpr(rn, sf);
      if (i.op === "sbfm") {
        if (imms === ds - 1) return `asr\t${d}, ${n}, #${immr}`;
        if (imms < immr) return `sbfiz\t${d}, ${n}, #${(ds - immr) & (ds - 1)}, #${imms + 1}`;
        if (bfxPreferred(sf, 0, imms, immr)) {
          return `sbfx\t${d}, ${n}, #${immr}, #${imms - immr + 1}`;
        }
        if (immr === 0 && imms === 7) return `sxtb\t${d}, ${gpr(rn, 0)}`;
        if (immr === 0 && imms === 15) return `sxth\t${d}, ${gpr(rn, 0)}`;
        if (immr === 0 && imms === 31) return `sxtw\t${d}, ${gpr(rn, 0)}`;
        return `sbfm\t${d}, ${n}, #${immr}, #${imms}`;
      }
      if (i.op === "ubfm") {
        if (imms !== ds - 1 && imms + 1 === immr) return `lsl\t${d}, ${n}, #${ds - 1 - imms}`;
        if (imms === ds - 1) return `lsr\t${d}, ${n}, #${immr}`;
        if (imms < immr) return `ubfiz\t${d}, ${n}, #${(ds - immr) & (ds - 1)}, #${imms + 1}`;
        if (bfxPreferred(sf, 1, imms, immr)) {
          return `ubfx\t${d}, ${n}, #${immr}, #${imms - immr + 1}`;
        }
        if (immr === 0 && imms === 7) return `uxtb\t${d}, ${gpr(rn, 0)}`;
        if (immr === 0 && imms === 15) return `uxth\t${d}, ${gpr(rn, 0)}`;
        return `ubfm\t${d}, ${n}, #${immr}, #${imms}`;
      }
      if (imms < immr) {
        if (rn === 31) return `bfc\t${d}, #${(ds - immr) & (ds - 1)}, #${imms + 1}`;
        return `bfi\t${d}, ${n}, #${(ds - immr) & (ds - 1)}, #${imms + 1}`;
      }
      return `bfxil\t${d}, ${n}, #${immr}, #${imms - immr + 1}`;
    }
    case "extr": {
      const imms = bits(w, 15, 10);
      if (rn === rm) return `ror\t${gpr(rd, sf)}, ${gpr(rn, sf)}, #${imms}`;
      return `extr\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}, #${imms}`;
    }
    case "b_cond":
      return `b.${COND[w & 15]}\t${addrHex(pc + sext(bits(w, 23, 5), 19) * 4)}`;
    case "exc":
      return `${i.op}\t${hex(bits(w, 20, 5))}`;
    case "udf":
      return `udf\t#${bits(w, 15, 0)}`;
    case "hint": {
      const h = bits(w, 11, 5);
      return HINTS[h] ?? `hint\t${hex(h)}`;
    }
    case "barrier": {
      const crm = bits(w, 11, 8);
      if (i.op === "isb") return crm === 15 ? "isb" : `isb\t${hex(crm)}`;
      if (i.op === "clrex") return crm === 15 ? "clrex" : `clrex\t${hex(crm)}`;
      if (i.op === "dsb" && crm === 0) return "ssbb";
      if (i.op === "dsb" && crm === 4) return "pssbb";
      return `${i.op}\t${BARRIER[crm] ?? "#0x" + crm.toString(16).padStart(2, "0")}`;
    }
    case "msr_imm": {
      const op1 = bits(w, 18, 16), op2 = bits(w, 7, 5), crm = bits(w, 11, 8);
      const f: Record<string, string> = {
        "0.5": "spsel",
        "3.6": "daifset",
        "3.7": "daifclr",
        "0.3": "uao",
        "0.4": "pan",
        "3.1": "ssbs",
        "3.2": "dit",
        "3.4": "tco",
      };
      const name = f[`${op1}.${op2}`];
      if (name) return `msr\t${name}, ${hex(crm)}`;
      return `msr\ts0_${op1}_c4_c${crm}_${op2}, xzr`;
    }
    case "sys": {
      const op1 = bits(w, 18, 16), crn = bits(w, 15, 12), crm = bits(w, 11, 8), op2 = bits(w, 7, 5);
      if (i.op === "sysl") return `sysl\t${gpr(rd, 1)}, #${op1}, C${crn}, C${crm}, #${op2}`;
      const k = `${op1}.${crn}.${crm}.${op2}`;
      const named: Record<string, string> = {
        "3.7.4.1": "dc\tzva",
        "3.7.4.3": "dc\tgva",
        "3.7.4.4": "dc\tgzva",
        "3.7.5.1": "ic\tivau",
        "3.7.11.1": "dc\tcvau",
        "3.7.10.1": "dc\tcvac",
        "3.7.14.1": "dc\tcivac",
        "3.7.12.1": "dc\tcvap",
        "0.7.5.0": "ic\tiallu",
        "0.7.1.0": "ic\tialluis",
      };
      if (named[k]) {
        return named[k].startsWith("ic\tiall") ? named[k] : `${named[k]}, ${gpr(rd, 1)}`;
      }
      return `sys\t#${op1}, C${crn}, C${crm}, #${op2}${rd === 31 ? "" : `, ${gpr(rd, 1)}`}`;
    }
    case "sysreg":
      return i.op === "mrs"
        ? `mrs\t${gpr(rd, 1)}, ${sysregName(w)}`
        : `msr\t${sysregName(w)}, ${gpr(rd, 1)}`;
    case "branch_reg":
      if (i.op === "ret" && rn === 30) return "ret";
      return `${i.op}\t${gpr(rn, 1)}`;
    case "b":
      return `${i.op}\t${addrHex(pc + sext(bits(w, 25, 0), 26) * 4)}`;
    case "cb":
      return `${i.op}\t${gpr(rd, sf)}, ${addrHex(pc + sext(bits(w, 23, 5), 19) * 4)}`;
    case "tb": {
      const b = (sf << 5) | bits(w, 23, 19);
      return `${i.op}\t${gpr(rd, sf)}, #${b}, ${addrHex(pc + sext(bits(w, 18, 5), 14) * 4)}`;
    }
    case "cas": {
      const size = bits(w, 31, 30), l = bits(w, 22, 22), o0 = bits(w, 15, 15);
      const name = "cas" + (l ? "a" : "") + (o0 ? "l" : "") + ["b", "h", "", ""][size];
      const r64 = size === 3 ? 1 : 0;
      return `${name}\t${gpr(rm, r64)}, ${gpr(rd, r64)}, [${gpr(rn, 1, true)}]`;
    }
    case "casp": {
      const sz = bits(w, 30, 30), l = bits(w, 22, 22), o0 = bits(w, 15, 15);
      const name = "casp" + (l ? "a" : "") + (o0 ? "l" : "");
      return `${name}\t${gpr(rm, sz)}, ${gpr(rm + 1, sz)}, ${gpr(rd, sz)}, ${gpr(rd + 1, sz)}, [${
        gpr(rn, 1, true)
      }]`;
    }
    case "excl": {
      const size = bits(w, 31, 30), l = bits(w, 22, 22), o1 = bits(w, 21, 21), o0 = bits(w, 15, 15);
      const suf = ["b", "h", "", ""][size];
      const r64 = size === 3 ? 1 : 0;
      const base = `[${gpr(rn, 1, true)}]`;
      if (i.op === "ordered") {
        const name = (l ? (o0 ? "ldar" : "ldlar") : (o0 ? "stlr" : "stllr")) + suf;
        return `${name}\t${gpr(rd, r64)}, ${base}`;
      }
      if (o1) {
        const name = l ? (o0 ? "ldaxp" : "ldxp") : (o0 ? "stlxp" : "stxp");
        if (l) return `${name}\t${gpr(rd, r64)}, ${gpr(ra, r64)}, ${base}`;
        return `${name}\t${gpr(rm, 0)}, ${gpr(rd, r64)}, ${gpr(ra, r64)}, ${base}`;
      }
      const name = (l ? (o0 ? "ldaxr" : "ldxr") : (o0 ? "stlxr" : "stxr")) + suf;
      if (l) return `${name}\t${gpr(rd, r64)}, ${base}`;
      return `${name}\t${gpr(rm, 0)}, ${gpr(rd, r64)}, ${base}`;
    }
    case "ldr_lit": {
      const opc = bits(w, 31, 30), v = bits(w, 26, 26);
      const target = addrHex(pc + sext(bits(w, 23, 5), 19) * 4);
      if (v) return `ldr\t${"sdq"[opc]}${rd}, ${target}`;
      if (opc === 3) return `prfm\t${prfop(rd)}, ${target}`;
      if (opc === 2) return `ldrsw\t${gpr(rd, 1)}, ${target}`;
      return `ldr\t${gpr(rd, opc)}, ${target}`;
    }
    case "ldst_pair": {
      const opc = bits(w, 31, 30), v = bits(w, 26, 26), idx = bits(w, 24, 23), l = bits(w, 22, 22);
      const imm7 = sext(bits(w, 21, 15), 7);
      let name: string, reg: (r: number) => string, scale: number;
      if (v) {
        scale = 2 + opc;
        reg = (r) => "sdq"[opc] + r;
        name = l ? "ldp" : "stp";
      } else if (opc === 1) {
        scale = 2;
        reg = (r) => gpr(r, 1);
        name = "ldpsw";
      } else {
        scale = opc ? 3 : 2;
        reg = (r) => gpr(r, opc ? 1 : 0);
        name = l ? "ldp" : "stp";
      }
      if (idx === 0) name = name.replace("p", "np").replace("ldnpsw", "ldpsw");
      const off = imm7 * (1 << scale);
      const base = gpr(rn, 1, true);
      const regs = `${reg(rd)}, ${reg(ra)}`;
      if (idx === 1) return `${name}\t${regs}, [${base}], #${off}`;
      if (idx === 3) return `${name}\t${regs}, [${base}, #${off}]!`;
      return `${name}\t${regs}, ${mem(rn, off)}`;
    }
    case "atomic": {
      const size = bits(w, 31, 30), a = bits(w, 23, 23), r = bits(w, 22, 22);
      const o3 = bits(w, 15, 15), opc = bits(w, 14, 12);
      const suf = ["b", "h", "", ""][size];
      const r64 = size === 3 ? 1 : 0;
      const base = `[${gpr(rn, 1, true)}]`;
      if (o3 && opc === 4) return `ldapr${suf}\t${gpr(rd, r64)}, ${base}`;
      const ar = (a ? "a" : "") + (r ? "l" : "");
      if (o3) return `swp${ar}${suf}\t${gpr(rm, r64)}, ${gpr(rd, r64)}, ${base}`;
      const op = ["add", "clr", "eor", "set", "smax", "smin", "umax", "umin"][opc];
      if (rd === 31 && !a) return `st${op}${r ? "l" : ""}${suf}\t${gpr(rm, r64)}, ${base}`;
      return `ld${op}${ar}${suf}\t${gpr(rm, r64)}, ${gpr(rd, r64)}, ${base}`;
    }
    case "ldst_reg": {
      const info = ldstInfo(bits(w, 31, 30), bits(w, 26, 26), bits(w, 23, 22))!;
      const option = bits(w, 15, 13), s = bits(w, 12, 12);
      const rmName = gpr(rm, option & 1);
      let extS: string;
      if (option === 3) extS = s ? `, lsl #${info.scale}` : "";
      else extS = `, ${ext(option)}${s ? ` #${info.scale}` : ""}`;
      return `${info.name}\t${info.reg(rd)}, [${gpr(rn, 1, true)}, ${rmName}${extS}]`;
    }
    case "ldst_imm9": {
      const size = bits(w, 31, 30), v = bits(w, 26, 26), opc = bits(w, 23, 22);
      const info = ldstInfo(size, v, opc)!;
      const imm = sext(bits(w, 20, 12), 9), kind = bits(w, 11, 10);
      const base = gpr(rn, 1, true);
      if (kind === 0) {
        const name = info.name === "prfm" ? "prfum" : info.name.replace(/^(ld|st)r/, "$1ur");
        return `${name}\t${info.reg(rd)}, ${mem(rn, imm)}`;
      }
      if (kind === 2) {
        const name = info.name.replace(/^(ld|st)r/, "$1tr");
        return `${name}\t${info.reg(rd)}, ${mem(rn, imm)}`;
      }
      if (kind === 1) return `${info.name}\t${info.reg(rd)}, [${base}], #${imm}`;
      return `${info.name}\t${info.reg(rd)}, [${base}, #${imm}]!`;
    }
    case "ldst_uimm": {
      const info = ldstInfo(bits(w, 31, 30), bits(w, 26, 26), bits(w, 23, 22))!;
      const off = bits(w, 21, 10) << info.scale;
      return `${info.name}\t${info.reg(rd)}, ${mem(rn, off)}`;
    }
    case "simd_ldst_m":
      return simdLdstM(w);
    case "simd_ldst_s":
      return simdLdstS(w);
    case "logic_reg": {
      const opc = bits(w, 30, 29), n = bits(w, 21, 21), sh = bits(w, 23, 22), amt = bits(w, 15, 10);
      const suffix = shiftSuffix(sh, amt);
      const name = [["and", "bic"], ["orr", "orn"], ["eor", "eon"], ["ands", "bics"]][opc][n];
      if (name === "orr" && rn === 31 && sh === 0 && amt === 0) {
        return `mov\t${gpr(rd, sf)}, ${gpr(rm, sf)}`;
      }
      if (name === "orn" && rn === 31) return `mvn\t${gpr(rd, sf)}, ${gpr(rm, sf)}${suffix}`;
      if (name === "ands" && rd === 31) return `tst\t${gpr(rn, sf)}, ${gpr(rm, sf)}${suffix}`;
      return `${name}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}${suffix}`;
    }
    case "addsub_sreg": {
      const op = bits(w, 30, 30), s = bits(w, 29, 29), sh = bits(w, 23, 22), amt = bits(w, 15, 10);
      const suffix = shiftSuffix(sh, amt);
      if (s && rd === 31) return `${op ? "cmp" : "cmn"}\t${gpr(rn, sf)}, ${gpr(rm, sf)}${suffix}`;
      if (op && rn === 31) return `neg${s ? "s" : ""}\t${gpr(rd, sf)}, ${gpr(rm, sf)}${suffix}`;
      return `${op ? "sub" : "add"}${s ? "s" : ""}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${
        gpr(rm, sf)
      }${suffix}`;
    }
    case "addsub_ext": {
      const op = bits(w, 30, 30),
        s = bits(w, 29, 29),
        option = bits(w, 15, 13),
        imm3 = bits(w, 12, 10);
      const rmName = gpr(rm, sf && (option & 3) === 3 ? 1 : 0);
      let e: string;
      if ((rd === 31 && !s || rn === 31) && option === (sf ? 3 : 2)) {
        e = imm3 ? `, lsl #${imm3}` : "";
      } else e = `, ${ext(option)}${imm3 ? ` #${imm3}` : ""}`;
      if (s && rd === 31) return `${op ? "cmp" : "cmn"}\t${gpr(rn, sf, true)}, ${rmName}${e}`;
      return `${op ? "sub" : "add"}${s ? "s" : ""}\t${gpr(rd, sf, !s)}, ${
        gpr(rn, sf, true)
      }, ${rmName}${e}`;
    }
    case "adc": {
      const op = bits(w, 30, 30), s = bits(w, 29, 29);
      if (op && rn === 31) return `ngc${s ? "s" : ""}\t${gpr(rd, sf)}, ${gpr(rm, sf)}`;
      return `${op ? "sbc" : "adc"}${s ? "s" : ""}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}`;
    }
    case "ccmp": {
      const op = bits(w, 30, 30), im = bits(w, 11, 11), cond = bits(w, 15, 12), nzcv = w & 15;
      const b = im ? hex(rm) : gpr(rm, sf);
      return `${op ? "ccmp" : "ccmn"}\t${gpr(rn, sf)}, ${b}, ${hex(nzcv)}, ${COND[cond]}`;
    }
    case "csel": {
      const op = bits(w, 30, 30), o2 = bits(w, 10, 10), cond = bits(w, 15, 12);
      const name = ["csel", "csinc", "csinv", "csneg"][op * 2 + o2];
      const inv = COND[cond ^ 1];
      if (cond < 14) {
        if (name === "csinc" && rn === 31 && rm === 31) return `cset\t${gpr(rd, sf)}, ${inv}`;
        if (name === "csinv" && rn === 31 && rm === 31) return `csetm\t${gpr(rd, sf)}, ${inv}`;
        if (name !== "csel" && rn === rm) {
          const al = { csinc: "cinc", csinv: "cinv", csneg: "cneg" }[name];
          return `${al}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${inv}`;
        }
      }
      return `${name}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}, ${COND[cond]}`;
    }
    case "dp2": {
      const o = bits(w, 15, 10);
      if (o >= 16) {
        const c = o & 4 ? "crc32c" : "crc32";
        const t = "bhwx"[o & 3];
        return `${c}${t}\t${gpr(rd, 0)}, ${gpr(rn, 0)}, ${gpr(rm, t === "x" ? 1 : 0)}`;
      }
      const name = { 2: "udiv", 3: "sdiv", 8: "lsl", 9: "lsr", 10: "asr", 11: "ror" }[o]!;
      return `${name}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}`;
    }
    case "dp1": {
      const o = bits(w, 15, 10);
      const name = ["rbit", "rev16", sf ? "rev32" : "rev", "rev", "clz", "cls"][o];
      return `${name}\t${gpr(rd, sf)}, ${gpr(rn, sf)}`;
    }
    case "dp3": {
      const op31 = bits(w, 23, 21), o0 = bits(w, 15, 15);
      if (op31 === 0) {
        if (ra === 31) {
          return `${o0 ? "mneg" : "mul"}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}`;
        }
        return `${o0 ? "msub" : "madd"}\t${gpr(rd, sf)}, ${gpr(rn, sf)}, ${gpr(rm, sf)}, ${
          gpr(ra, sf)
        }`;
      }
      if (op31 === 2 || op31 === 6) {
        return `${op31 === 2 ? "smulh" : "umulh"}\t${gpr(rd, 1)}, ${gpr(rn, 1)}, ${gpr(rm, 1)}`;
      }
      const u = op31 === 5 ? "u" : "s";
      if (ra === 31) {
        return `${u}${o0 ? "mnegl" : "mull"}\t${gpr(rd, 1)}, ${gpr(rn, 0)}, ${gpr(rm, 0)}`;
      }
      return `${u}${o0 ? "msubl" : "maddl"}\t${gpr(rd, 1)}, ${gpr(rn, 0)}, ${gpr(rm, 0)}, ${
        gpr(ra, 1)
      }`;
    }
    case "fp1": {
      const type = bits(w, 23, 22), opc = bits(w, 20, 15);
      if (opc >= 4 && opc <= 7) return `fcvt\t${fpr(opc & 3, rd)}, ${fpr(type, rn)}`;
      const name = [
        "fmov",
        "fabs",
        "fneg",
        "fsqrt",
        "",
        "",
        "",
        "",
        "frintn",
        "frintp",
        "frintm",
        "frintz",
        "frinta",
        "",
        "frintx",
        "frinti",
      ][opc];
      return `${name}\t${fpr(type, rd)}, ${fpr(type, rn)}`;
    }
    case "fcmp": {
      const type = bits(w, 23, 22), op2 = bits(w, 4, 3);
      const name = op2 & 2 ? "fcmpe" : "fcmp";
      return `${name}\t${fpr(type, rn)}, ${op2 & 1 ? "#0.0" : fpr(type, rm)}`;
    }
    case "fmov_imm": {
      const type = bits(w, 23, 22);
      return `fmov\t${fpr(type, rd)}, #${fmtE(fpImm8(bits(w, 20, 13)))}`;
    }
    case "fccmp": {
      const type = bits(w, 23, 22), cond = bits(w, 15, 12);
      return `${bits(w, 4, 4) ? "fccmpe" : "fccmp"}\t${fpr(type, rn)}, ${fpr(type, rm)}, ${
        hex(w & 15)
      }, ${COND[cond]}`;
    }
    case "fp2": {
      const type = bits(w, 23, 22), o = bits(w, 15, 12);
      const name = ["fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"][o];
      return `${name}\t${fpr(type, rd)}, ${fpr(type, rn)}, ${fpr(type, rm)}`;
    }
    case "fcsel": {
      const type = bits(w, 23, 22);
      return `fcsel\t${fpr(type, rd)}, ${fpr(type, rn)}, ${fpr(type, rm)}, ${
        COND[bits(w, 15, 12)]
      }`;
    }
    case "fp3": {
      const type = bits(w, 23, 22), o1 = bits(w, 21, 21), o0 = bits(w, 15, 15);
      const name = ["fmadd", "fmsub", "fnmadd", "fnmsub"][o1 * 2 + o0];
      return `${name}\t${fpr(type, rd)}, ${fpr(type, rn)}, ${fpr(type, rm)}, ${fpr(type, ra)}`;
    }
    case "fpint": {
      const type = bits(w, 23, 22), rmode = bits(w, 20, 19), opc = bits(w, 18, 16);
      if (opc === 6 || opc === 7) {
        const v = rmode === 1 ? `v${opc === 6 ? rn : rd}.d[1]` : fpr(type, opc === 6 ? rn : rd);
        return opc === 6 ? `fmov\t${gpr(rd, sf)}, ${v}` : `fmov\t${v}, ${gpr(rn, sf)}`;
      }
      if (opc === 2 || opc === 3) {
        return `${opc === 2 ? "scvtf" : "ucvtf"}\t${fpr(type, rd)}, ${gpr(rn, sf)}`;
      }
      const r = opc >= 4 ? "a" : "npmz"[rmode];
      return `fcvt${r}${opc & 1 ? "u" : "s"}\t${gpr(rd, sf)}, ${fpr(type, rn)}`;
    }
    case "fpfix": {
      const type = bits(w, 23, 22), opc = bits(w, 18, 16), fb = 64 - bits(w, 15, 10);
      if (opc === 2 || opc === 3) {
        return `${opc === 2 ? "scvtf" : "ucvtf"}\t${fpr(type, rd)}, ${gpr(rn, sf)}, #${fb}`;
      }
      return `fcvtz${opc & 1 ? "u" : "s"}\t${gpr(rd, sf)}, ${fpr(type, rn)}, #${fb}`;
    }
    case "simd_modimm":
      return simdModimm(w);
    case "simd_copy":
      return simdCopy(i);
    case "simd_ext": {
      const q = bits(w, 30, 30), a = q ? "16b" : "8b";
      return `ext\tv${rd}.${a}, v${rn}.${a}, v${rm}.${a}, #${bits(w, 14, 11)}`;
    }
    case "simd_tbl": {
      const q = bits(w, 30, 30), a = q ? "16b" : "8b", len = bits(w, 14, 13) + 1;
      return `${i.op}\tv${rd}.${a}, ${vlist(rn, len, "16b")}, v${rm}.${a}`;
    }
    case "simd_perm": {
      const q = bits(w, 30, 30), a = arr(bits(w, 23, 22), q);
      return `${i.op}\t${VREG(rd)}.${a}, v${rn}.${a}, v${rm}.${a}`;
    }
    case "simd_3same": {
      const q = bits(w, 30, 30);
      const logic = ["and", "bic", "orr", "orn", "eor", "bsl", "bit", "bif"].includes(i.op);
      const a = logic ? (q ? "16b" : "8b") : arr(bits(w, 23, 22), q);
      if (i.op === "orr" && rn === rm) return `mov\tv${rd}.${a}, v${rn}.${a}`;
      return `${i.op}\tv${rd}.${a}, v${rn}.${a}, v${rm}.${a}`;
    }
    case "simd_3same_fp": {
      const q = bits(w, 30, 30), a = arr(2 + bits(w, 22, 22), q);
      return `${i.op}\tv${rd}.${a}, v${rn}.${a}, v${rm}.${a}`;
    }
    case "simd_2misc": {
      const q = bits(w, 30, 30), size = bits(w, 23, 22);
      const op = i.op;
      if (op === "xtn" || op === "sqxtn" || op === "sqxtun" || op === "uqxtn") {
        return `${op}${q ? "2" : ""}\tv${rd}.${arr(size, q)}, v${rn}.${arr(size + 1, 1)}`;
      }
      if (/^[su]a(dd|da)lp$/.test(op)) {
        return `${op}\tv${rd}.${arr(size + 1, q)}, v${rn}.${arr(size, q)}`;
      }
      if (op === "shll") {
        return `shll${q ? "2" : ""}\tv${rd}.${arr(size + 1, 1)}, v${rn}.${arr(size, q)}, #${
          8 << size
        }`;
      }
      if (op.startsWith("fcm")) {
        const a = arr(2 + bits(w, 22, 22), q);
        return `${op.slice(0, -1)}\tv${rd}.${a}, v${rn}.${a}, #0.0`;
      }
      if (op === "fcvtl") return `fcvtl${q ? "2" : ""}\tv${rd}.2d, v${rn}.${q ? "4s" : "2s"}`;
      if (op === "fcvtn") return `fcvtn${q ? "2" : ""}\tv${rd}.${q ? "4s" : "2s"}, v${rn}.2d`;
      const isFp = op.startsWith("f") || op.endsWith("cvtf");
      const a = isFp ? arr(2 + bits(w, 22, 22), q) : arr(size, q);
      if (op.endsWith("0")) return `${op.slice(0, -1)}\tv${rd}.${a}, v${rn}.${a}, #0`;
      if (op === "not" || op === "rbit") {
        return `${op === "not" ? "mvn" : op}\tv${rd}.${q ? "16b" : "8b"}, v${rn}.${
          q ? "16b" : "8b"
        }`;
      }
      return `${op}\tv${rd}.${a}, v${rn}.${a}`;
    }
    case "simd_across": {
      const q = bits(w, 30, 30), size = bits(w, 23, 22);
      const long = i.op.endsWith("lv");
      return `${i.op}\t${"bhsd"[size + (long ? 1 : 0)]}${rd}, v${rn}.${arr(size, q)}`;
    }
    case "simd_shift":
      return simdShift(i, false);
    case "simd_scalar_shift":
      return simdShift(i, true);
    case "simd_3diff": {
      const q = bits(w, 30, 30), size = bits(w, 23, 22), op = i.op;
      const q2 = q ? "2" : "";
      const wide = `${arr(size + 1, 1)}`, narrow = arr(size, q);
      if (op.endsWith("hn")) return `${op}${q2}\tv${rd}.${narrow}, v${rn}.${wide}, v${rm}.${wide}`;
      if (op.endsWith("w")) return `${op}${q2}\tv${rd}.${wide}, v${rn}.${wide}, v${rm}.${narrow}`;
      return `${op}${q2}\tv${rd}.${wide}, v${rn}.${narrow}, v${rm}.${narrow}`;
    }
    case "simd_scalar3":
      return `${i.op.replace("_scalar", "")}\td${rd}, d${rn}, d${rm}`;
    case "simd_scalar3_sz": {
      const t = "bhsd"[bits(w, 23, 22)];
      return `${i.op.replace("_scalar", "")}\t${t}${rd}, ${t}${rn}, ${t}${rm}`;
    }
    case "simd_scalar2": {
      const op = i.op.replace("_scalar", "");
      const isFp = op.startsWith("f") || op.endsWith("cvtf");
      const t = isFp ? "sd"[bits(w, 22, 22)] : "bhsd"[bits(w, 23, 22)];
      if (op.endsWith("0")) return `${op.slice(0, -1)}\t${t}${rd}, ${t}${rn}, #0`;
      return `${op}\t${t}${rd}, ${t}${rn}`;
    }
    case "simd_scalar3_fp": {
      const t = "sd"[bits(w, 22, 22)];
      return `${i.op.replace("_scalar", "")}\t${t}${rd}, ${t}${rn}, ${t}${rm}`;
    }
    case "simd_elem": {
      const size = bits(w, 23, 22), q = bits(w, 30, 30), name = i.op.replace(/_s?elem$/, "");
      const m = size === 1 ? bits(w, 19, 16) : rm;
      const h = bits(w, 11, 11), l = bits(w, 21, 21);
      const idx = size === 1
        ? (h << 2) | (l << 1) | bits(w, 20, 20)
        : size === 2
        ? (h << 1) | l
        : h;
      const t = "bhsd"[size];
      const el = `v${m}.${t}[${idx}]`;
      if (i.op.endsWith("_selem")) return `${name}\t${t}${rd}, ${t}${rn}, ${el}`;
      const arr = (sz: number) => `${(q ? 128 : 64) / (8 << sz)}${"bhsd"[sz]}`;
      if (/^[su]ml[as]l$|^[su]mull$/.test(name)) { // widening
        return `${name}${q ? "2" : ""}\tv${rd}.${64 / (8 << size)}${"bhsd"[size + 1]}, v${rn}.${
          arr(size)
        }, ${el}`;
      }
      return `${name}\tv${rd}.${arr(size)}, v${rn}.${arr(size)}, ${el}`;
    }
    case "simd_scalarp": {
      if (i.op === "addp_scalar") return `addp\td${rd}, v${rn}.2d`;
      const sz = bits(w, 22, 22);
      return `faddp\t${sz ? "d" : "s"}${rd}, v${rn}.${sz ? "2d" : "2s"}`;
    }
  }
  return `.inst\t0x${w.toString(16).padStart(8, "0")}`;
}
