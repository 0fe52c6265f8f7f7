/**
 * The x86-64 decoder: legacy prefixes, REX, the one-, two- and three-byte
 * opcode maps, ModRM/SIB, RIP-relative addressing and the operand-size rules,
 * all driven by the rows of {@link ./table.ts}. VEX and EVEX are not decoded.
 * @module
 */

import { D64, F64, RAW_ROWS, type RawRow, SSE } from "./table.ts";

export {
  BRANCH,
  CALL,
  D64,
  ENDS_BLOCK,
  F64,
  JUMP,
  LOCKABLE,
  RET,
  SSE,
  STRING,
  TRAP,
  X87,
} from "./table.ts";

/** Prefix bits in {@link X86Insn.pfx}. */
export const P_LOCK = 1;
/** F3 (rep/repe) seen and not used as a mandatory prefix. */
export const P_REP = 2;
/** F2 (repne) seen and not used as a mandatory prefix. */
export const P_REPNE = 4;
/** 66 seen and not used as a mandatory prefix. */
export const P_OPSIZE = 8;
/** 67 seen (32-bit addressing). */
export const P_ADSIZE = 16;

/** Operand kinds. */
export const O_REG = 1;
/** An xmm register. */
export const O_XMM = 2;
/** An x87 stack register st(i). */
export const O_ST = 3;
/** A memory operand. */
export const O_MEM = 4;
/** An immediate (value in imm/immHi). */
export const O_IMM = 5;
/** A relative branch target (absolute target in `imm`, a number). */
export const O_REL = 6;
/** The implicit constant 1 of the d0/d1 shifts. */
export const O_ONE = 7;
/** An MMX register mm0..mm7. */
export const O_MMX = 8;

/** One decoded operand. Fields not used by its kind are 0 / -1. */
export interface Operand {
  t: number;
  /** Size in bytes (0 when unsized, e.g. the lea address). */
  size: number;
  /** Register number (GPR 0..15, xmm 0..15, st 0..7). */
  reg: number;
  /** For 8-bit GPRs 4..7 without REX: ah, ch, dh, bh (bits 8-15 of reg-4). */
  h8: boolean;
  /** Memory: base register or -1. */
  base: number;
  /** Memory: index register or -1. */
  index: number;
  /** Memory: scale (1, 2, 4, 8). */
  scale: number;
  /** Memory: displacement (signed 32-bit), or for moffs the low half of the address. */
  disp: number;
  /** Memory: RIP-relative (address = next pc + disp). */
  rip: boolean;
  /** Memory: an absolute 64-bit moffs address; `disp` low half, `dispHi` high half. */
  abs: boolean;
  dispHi: number;
  /** Immediate: low 32 bits (signed) and high 32 bits (sign or zero extension applied). */
  imm: number;
  immHi: number;
}

/** A parsed table row. */
export interface Row {
  key: string;
  op: string;
  att: string | undefined;
  flags: number;
  map: number;
  opc: number;
  /** Mandatory prefix: 0, 0x66, 0xf2 or 0xf3. */
  prefix: number;
  /** +r (eight opcodes) or +cc (sixteen). */
  plus: number;
  reg: number;
  rm: number;
  w: number;
  b0: boolean;
  /** 0 any, 1 memory only, 2 register only. */
  mod: number;
  modrm: boolean;
  cc: number;
  spec: { k: string; sz: string }[];
}

/** A decoded instruction. */
export interface X86Insn {
  len: number;
  flags: number;
  op: string;
  row: Row;
  /** The `v` operand size in bytes (2, 4 or 8). */
  opsize: number;
  /** Address size in bytes (4 with 67, else 8). */
  asize: number;
  pfx: number;
  /** Segment override: -1 none, else 0 es, 1 cs, 2 ss, 3 ds, 4 fs, 5 gs. */
  seg: number;
  /** The REX byte, or 0. */
  rex: number;
  /** Condition code (jcc, setcc, cmovcc, fcmovcc). */
  cond: number;
  /** ModRM byte or -1. */
  modrm: number;
  ops: Operand[];
  /** Prefix bytes in order, for the disassembler. */
  prefixes: number[];
  /** The opcode has rows selected by a mandatory prefix. */
  pfxTable: boolean;
}

function parseRow(raw: RawRow): Row {
  const [key, op, spec, flags, att] = raw;
  const row: Row = {
    key,
    op,
    att,
    flags,
    map: 0,
    opc: 0,
    prefix: 0,
    plus: 0,
    reg: -1,
    rm: -1,
    w: -1,
    b0: false,
    mod: 0,
    modrm: false,
    cc: -1,
    spec: [],
  };
  for (const tok of key.split(" ")) {
    if (tok === "66" || tok === "f2" || tok === "f3") {
      if (row.opc === 0 && row.map === 0 && row.prefix === 0) {
        row.prefix = parseInt(tok, 16);
        continue;
      }
    }
    if (tok === "0f" && row.map === 0) row.map = 1;
    else if (tok === "0f38") row.map = 2;
    else if (tok === "0f3a") row.map = 3;
    else if (/^[0-9a-f]{2}(\+r|\+cc)?$/.test(tok)) {
      row.opc = parseInt(tok.slice(0, 2), 16);
      if (tok.endsWith("+r")) row.plus = 8;
      else if (tok.endsWith("+cc")) row.plus = 16;
    } else if (/^\/[0-7]$/.test(tok)) {
      row.reg = +tok[1];
      row.modrm = true;
    } else if (/^rm[0-7]$/.test(tok)) {
      row.rm = +tok[2];
      row.mod = 2;
      row.modrm = true;
    } else if (tok === "W0" || tok === "W1") row.w = +tok[1];
    else if (tok === "B0") row.b0 = true;
    else if (tok === "m") row.mod = 1;
    else if (tok === "r") row.mod = 2;
    else if (/^cc\d+$/.test(tok)) row.cc = +tok.slice(2);
    else throw new Error(`Bad table key ${key}`);
  }
  if (spec) {
    for (const t of spec.split(",")) {
      const m = /^(E|G|R|M|V|W|U|P|Q|N|Z|I|J|O|X|Y)(.*)$/.exec(t);
      if (m && !["AL", "AX", "CL", "XMM0"].includes(t)) {
        row.spec.push({ k: m[1], sz: m[2] });
        if ("EGRMVWUPQN".includes(m[1])) row.modrm = true;
        if (m[1] === "M") row.mod = 1;
        if ((m[1] === "R" || m[1] === "U" || m[1] === "N") && row.mod === 0) row.mod = 2;
      } else {
        row.spec.push({ k: t, sz: "" });
        if (t === "STi") {
          row.modrm = true;
          row.mod = 2;
        }
      }
    }
  }
  // x87 escape rows always have ModRM.
  if (row.map === 0 && row.opc >= 0xd8 && row.opc <= 0xdf) row.modrm = true;
  return row;
}

/** All rows, parsed, in table order. */
export const ROWS: readonly Row[] = RAW_ROWS.map(parseRow);

/** Rows by map*256+opcode, mandatory-prefix rows first. */
const INDEX: Row[][] = Array.from({ length: 1024 }, () => []);
for (const row of ROWS) {
  const n = row.plus || 1;
  for (let i = 0; i < n; i++) INDEX[row.map * 256 + row.opc + i].push(row);
}
for (const list of INDEX) list.sort((a, b) => (b.prefix ? 1 : 0) - (a.prefix ? 1 : 0));
/** Does an opcode take a ModRM byte? */
const HAS_MODRM: boolean[] = INDEX.map((l) => l.some((r) => r.modrm));

function newOperand(t: number, size: number): Operand {
  return {
    t,
    size,
    reg: -1,
    h8: false,
    base: -1,
    index: -1,
    scale: 1,
    disp: 0,
    rip: false,
    abs: false,
    dispHi: 0,
    imm: 0,
    immHi: 0,
  };
}

function sizeOf(sz: string, opsize: number, rexW: boolean): number {
  switch (sz) {
    case "b":
    case "db":
      return 1;
    case "w":
    case "dw":
      return 2;
    case "d":
      return 4;
    case "q":
      return 8;
    case "t":
      return 10;
    case "x":
      return 16;
    case "v":
      return opsize;
    case "y":
      return rexW ? 8 : 4;
    case "z":
      return opsize === 2 ? 2 : 4;
    case "s":
      return 1;
    case "512":
      return 512;
    case "28":
      return 28;
    case "108":
      return 108;
    default:
      return 0;
  }
}

/**
 * Decode one instruction from `bytes` starting at `off` (at most 15 bytes
 * are read; fewer when the buffer ends). Returns null when the bytes are not
 * an instruction the table knows, or are truncated.
 *
 * @example
 * ```ts
 * const i = decode(new Uint8Array([0x48, 0x89, 0xe5]), 0);
 * // i.op === "mov", i.len === 3
 * ```
 */
export function decode(bytes: Uint8Array, off: number): X86Insn | null {
  const end = Math.min(bytes.length, off + 15);
  let p = off;
  let pfx = 0, seg = -1, rex = 0;
  let last66 = false;
  let lastRep = 0; // 0xf2 or 0xf3, whichever came last
  const prefixes: number[] = [];
  for (;;) {
    if (p >= end) return null;
    const b = bytes[p];
    if (b === 0x66) (pfx |= P_OPSIZE), (last66 = true);
    else if (b === 0x67) pfx |= P_ADSIZE;
    else if (b === 0xf0) pfx |= P_LOCK;
    else if (b === 0xf2) (pfx = (pfx & ~P_REP) | P_REPNE), (lastRep = 0xf2);
    else if (b === 0xf3) (pfx = (pfx & ~P_REPNE) | P_REP), (lastRep = 0xf3);
    else if (b === 0x26) seg = 0;
    else if (b === 0x2e) seg = 1;
    else if (b === 0x36) seg = 2;
    else if (b === 0x3e) seg = 3;
    else if (b === 0x64) seg = 4;
    else if (b === 0x65) seg = 5;
    else break;
    prefixes.push(b);
    p++;
  }
  if (bytes[p] >= 0x40 && bytes[p] <= 0x4f) {
    rex = bytes[p++];
    if (p >= end) return null;
  }
  const rexW = (rex & 8) !== 0;
  let map = 0;
  let opc = bytes[p++];
  if (opc === 0x0f) {
    if (p >= end) return null;
    opc = bytes[p++];
    map = 1;
    if (opc === 0x38 || opc === 0x3a) {
      map = opc === 0x38 ? 2 : 3;
      if (p >= end) return null;
      opc = bytes[p++];
    }
  }
  if (map === 0 && (opc === 0xc4 || opc === 0xc5 || opc === 0x62 || opc === 0x8f)) {
    // VEX/EVEX/XOP (or the invalid-in-64-bit les/lds/bound); pop Ev is 8f /0.
    if (opc !== 0x8f) return null;
  }
  const cands = INDEX[map * 256 + opc];
  if (cands.length === 0) return null;
  let modrm = -1;
  const modrmAt = p;
  if (HAS_MODRM[map * 256 + opc]) {
    if (p >= end) return null;
    modrm = bytes[p++];
  }
  const mod = modrm >> 6, mreg = (modrm >> 3) & 7, mrm = modrm & 7;
  // The mandatory prefix the SSE rows see: the last of f2/f3, else 66.
  const mp = lastRep ? lastRep : last66 ? 0x66 : 0;
  let row: Row | null = null;
  for (const r of cands) {
    if (r.prefix) {
      if (r.prefix !== mp && !(r.prefix === 0x66 && last66 && !lastRep && mp === 0x66)) continue;
    } else if (r.flags & SSE && r.map !== 0 && mp !== 0 && (r.map !== 1 || opc !== 0xae)) {
      continue;
    }
    if (r.reg >= 0 && r.reg !== mreg) continue;
    if (r.rm >= 0 && r.rm !== mrm) continue;
    if (r.mod === 1 && mod === 3) continue;
    if (r.mod === 2 && mod !== 3) continue;
    if (r.w >= 0 && (rexW ? 1 : 0) !== r.w) continue;
    if (r.b0 && (rex & 1)) continue;
    if (r.op === "nop" && r.map === 0 && (pfx & P_OPSIZE)) continue; // 66 90 is xchg %ax,%ax
    if (r.plus === 8 && r.map === 0 && r.opc === 0x90 && (opc & 7) === 0 && !(rex & 1)) {
      // 90 without REX.B is nop (matched by an earlier row); xchg %eax,%eax never decodes here.
    }
    row = r;
    break;
  }
  if (!row) return null;
  // Consume the mandatory prefix.
  if (row.prefix === 0x66) pfx &= ~P_OPSIZE;
  else if (row.prefix === 0xf3) pfx &= ~P_REP;
  else if (row.prefix === 0xf2) pfx &= ~P_REPNE;
  if ((row.flags & SSE) && row.prefix === 0) {
    // 66 before a no-prefix SSE row (only 0f ae forms reach here): leave it as is.
  }
  let opsize = rexW ? 8 : (pfx & P_OPSIZE) ? 2 : (row.flags & D64) ? 8 : 4;
  if (row.flags & F64) {
    if ((pfx & P_OPSIZE) && !rexW) return null;
    opsize = 8;
  }
  const asize = (pfx & P_ADSIZE) ? 4 : 8;

  // ModRM memory operand / r/m register.
  let mem: Operand | null = null;
  if (modrm >= 0 && mod !== 3) {
    mem = newOperand(O_MEM, 0);
    if (mrm === 4) {
      if (p >= end) return null;
      const sib = bytes[p++];
      const ss = sib >> 6, idx = ((sib >> 3) & 7) | ((rex & 2) << 2), base = sib & 7;
      mem.scale = 1 << ss;
      mem.index = idx === 4 ? -1 : idx;
      if (base === 5 && mod === 0) {
        mem.base = -1;
        if (p + 4 > end) return null;
        mem.disp = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
        p += 4;
      } else mem.base = base | ((rex & 1) << 3);
      if (mem.index === -1 && ss !== 0) mem.scale = 1 << ss; // kept for disasm (%riz forms)
    } else if (mrm === 5 && mod === 0) {
      mem.rip = true;
      if (p + 4 > end) return null;
      mem.disp = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
      p += 4;
    } else {
      mem.base = mrm | ((rex & 1) << 3);
    }
    if (mod === 1) {
      if (p >= end) return null;
      mem.disp = (bytes[p++] << 24) >> 24;
    } else if (mod === 2) {
      if (p + 4 > end) return null;
      mem.disp = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
      p += 4;
    }
  }
  void modrmAt;

  const ops: Operand[] = [];
  let cond = row.cc >= 0 ? row.cc : row.plus === 16 ? opc & 15 : 0;
  const gpr = (n: number, size: number): Operand => {
    const o = newOperand(O_REG, size);
    if (size === 1 && !rex && n >= 4 && n < 8) {
      o.reg = n - 4;
      o.h8 = true;
    } else o.reg = n;
    return o;
  };
  const readImm = (size: number, signed: boolean): [number, number] | null => {
    if (p + size > end) return null;
    let lo = 0, hi = 0;
    if (size === 1) lo = signed ? (bytes[p] << 24) >> 24 : bytes[p];
    else if (size === 2) {
      lo = bytes[p] | (bytes[p + 1] << 8);
      if (signed) lo = (lo << 16) >> 16;
    } else if (size >= 4) {
      lo = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
      if (size === 8) {
        hi = bytes[p + 4] | (bytes[p + 5] << 8) | (bytes[p + 6] << 16) | (bytes[p + 7] << 24);
      }
    }
    if (size < 8) hi = signed && lo < 0 ? -1 : 0;
    p += size;
    return [lo, hi];
  };
  for (const s of row.spec) {
    const size = sizeOf(s.sz, opsize, rexW);
    switch (s.k) {
      case "E":
      case "M":
      case "W":
      case "Q":
        if (mod === 3) {
          if (s.k === "W") {
            const o = newOperand(O_XMM, size);
            o.reg = mrm | ((rex & 1) << 3);
            ops.push(o);
          } else if (s.k === "Q") {
            const o = newOperand(O_MMX, size);
            o.reg = mrm;
            ops.push(o);
          } else {
            ops.push(gpr(mrm | ((rex & 1) << 3), s.sz === "db" || s.sz === "dw" ? 4 : size));
          }
        } else {
          const o = { ...mem! };
          o.size = size;
          ops.push(o);
        }
        break;
      case "R":
        ops.push(gpr(mrm | ((rex & 1) << 3), size));
        break;
      case "U": {
        const o = newOperand(O_XMM, size);
        o.reg = mrm | ((rex & 1) << 3);
        ops.push(o);
        break;
      }
      case "G":
        ops.push(gpr(mreg | ((rex & 4) << 1), size));
        break;
      case "P":
      case "N": {
        const o = newOperand(O_MMX, size);
        o.reg = s.k === "P" ? mreg : mrm;
        ops.push(o);
        break;
      }
      case "V": {
        const o = newOperand(O_XMM, size);
        o.reg = mreg | ((rex & 4) << 1);
        ops.push(o);
        break;
      }
      case "Z":
        ops.push(gpr((opc & 7) | ((rex & 1) << 3), size));
        break;
      case "I": {
        const isz = s.sz === "bs" ? 1 : s.sz === "v" ? opsize : s.sz === "z" ? size : size;
        const signed = s.sz === "bs" || s.sz === "z";
        const v = readImm(isz, signed);
        if (!v) return null;
        const o = newOperand(O_IMM, s.sz === "bs" ? opsize : size);
        if (s.sz === "z" && opsize === 8) o.size = 8;
        [o.imm, o.immHi] = v;
        ops.push(o);
        break;
      }
      case "J": {
        const v = readImm(s.sz === "b" ? 1 : 4, true);
        if (!v) return null;
        const o = newOperand(O_REL, 8);
        o.imm = v[0];
        ops.push(o);
        break;
      }
      case "O": {
        if (asize === 4) {
          const v = readImm(4, false);
          if (!v) return null;
          const o = newOperand(O_MEM, size);
          o.abs = true;
          o.disp = v[0];
          ops.push(o);
        } else {
          const v = readImm(8, false);
          if (!v) return null;
          const o = newOperand(O_MEM, size);
          o.abs = true;
          [o.disp, o.dispHi] = v;
          ops.push(o);
        }
        break;
      }
      case "X":
      case "Y": {
        const o = newOperand(O_MEM, size);
        o.base = s.k === "X" ? 6 : 7;
        ops.push(o);
        break;
      }
      case "Bb": {
        const o = newOperand(O_MEM, 1);
        o.base = 3;
        ops.push(o);
        break;
      }
      case "AL":
        ops.push(gpr(0, 1));
        break;
      case "CL":
        ops.push(gpr(1, 1));
        break;
      case "AX":
        ops.push(gpr(0, 2));
        break;
      case "rAX":
        ops.push(gpr(0, opsize));
        break;
      case "XMM0": {
        const o = newOperand(O_XMM, 16);
        o.reg = 0;
        ops.push(o);
        break;
      }
      case "ST0": {
        const o = newOperand(O_ST, 10);
        o.reg = 0;
        ops.push(o);
        break;
      }
      case "STi": {
        const o = newOperand(O_ST, 10);
        o.reg = mrm;
        ops.push(o);
        break;
      }
      case "1":
        ops.push(newOperand(O_ONE, 1));
        break;
      default:
        throw new Error(`Bad operand ${s.k} in ${row.key}`);
    }
  }
  if (p > end) return null;
  const len = p - off;
  if (row.op === "jcc" || row.op === "setcc" || row.op === "cmovcc") cond = opc & 15;
  // lock is only valid on lockable rows with a memory destination.
  if ((pfx & P_LOCK) && (!(row.flags & 2) || !ops.length || ops[0].t !== O_MEM)) return null;
  return {
    len,
    flags: row.flags & 1,
    op: row.op,
    row,
    opsize,
    asize,
    pfx,
    seg,
    rex,
    cond,
    modrm,
    ops,
    prefixes,
    pfxTable: cands.some((r) => r.prefix !== 0),
  };
}

/** The absolute target of a relative operand of an instruction at `pc`. */
export function relTarget(insn: X86Insn, pc: number, o: Operand): number {
  return pc + insn.len + o.imm;
}
