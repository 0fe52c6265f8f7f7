/**
 * x86-64 integer semantics, each written once as an emitter of JS source
 * (the JIT emits whole regions from them; the interpreter mode one
 * instruction at a time).
 *
 * Values are int32 pairs; a value narrower than 64 bits is held in its low
 * half only: 8- and 16-bit values zero-extended, 32-bit values as int32.
 * Flags are lazy (see cpu.ts): each flag-setting instruction stores its
 * operation, operands and result in the flag slots, and a reader evaluates
 * only the condition it needs, inline when the block's last flag-setting
 * operation is known statically (cmp/test + jcc fuse into one compare).
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { T_BREAK, T_DIVIDE, T_FAULT, T_ILLEGAL, T_SYSCALL } from "../../engine/trap.ts";
import {
  CF,
  DFS,
  FAH,
  FAL,
  FBH,
  FBL,
  FL,
  FOP,
  FRH,
  FRL,
  FSH,
  FSL,
  GSH,
  GSL,
  K_ADC,
  K_ADD,
  K_DEC,
  K_EFL,
  K_IMUL,
  K_INC,
  K_LOGIC,
  K_MUL,
  K_SAR,
  K_SBB,
  K_SHL,
  K_SHR,
  K_SUB,
  OF,
  RAX,
  RBP,
  RCX,
  RDX,
  RSP,
  STATUS,
  ZF,
} from "./cpu.ts";
import {
  O_IMM,
  O_MEM,
  O_ONE,
  O_REG,
  O_REL,
  type Operand,
  P_REP,
  P_REPNE,
  type X86Insn,
} from "./decode.ts";
import { STR_CMPS, STR_LODS, STR_MOVS, STR_SCAS, STR_STOS } from "./runtime.ts";

/** An emitter of one instruction's semantics. */
export type X86Semantics = (i: X86Insn, e: Emitter) => void;

/** A value: expressions for the low and high int32 halves. */
export interface V {
  l: string;
  h: string;
}

// ---------------------------------------------------------------------------
// What the current block knows about the lazy flags state.

interface Known {
  kind: number;
  sz: number;
}
let known: Known | null = null;

/**
 * Whether the flags the current instruction writes may be read later (set by
 * the backend's look-ahead before each instruction). When they are dead the
 * instruction computes no flags at all.
 */
let flagsLive = true;

/** Tell the semantics whether the current instruction's flags are live. */
export function setFlagsLive(live: boolean): void {
  flagsLive = live;
}

/** Forget what is known about the flags (a new block starts). */
export function resetFlagKnowledge(): void {
  known = null;
}

// ---------------------------------------------------------------------------
// Registers, addresses, memory.

const TWO32 = 4294967296;

/** Size index 0..3 of a size in bytes. */
export function szIdx(size: number): number {
  return size === 1 ? 0 : size === 2 ? 1 : size === 4 ? 2 : 3;
}

/** Expression of the low half of 64-bit register r. */
export function rlo(e: Emitter, r: number): string {
  return e.slot(2 * r);
}

/** Expression of the high half of 64-bit register r. */
export function rhi(e: Emitter, r: number): string {
  return e.slot(2 * r + 1);
}

/** Set a 64-bit register from two expressions (both evaluated before either write). */
export function set64(e: Emitter, r: number, l: string, h: string): void {
  const t = e.tmp();
  e.stmt(`${t} = ${l};`);
  e.setSlot(2 * r + 1, h);
  e.setSlot(2 * r, t);
}

function mask(size: number, expr: string): string {
  return size === 1 ? `((${expr}) & 255)` : size === 2 ? `((${expr}) & 65535)` : `((${expr}) | 0)`;
}

/** Read a general register operand. */
function readReg(e: Emitter, o: Operand): V {
  const lo = rlo(e, o.reg);
  switch (o.size) {
    case 8:
      return { l: lo, h: rhi(e, o.reg) };
    case 4:
      return { l: lo, h: "0" };
    case 2:
      return { l: `(${lo} & 65535)`, h: "0" };
    default:
      return { l: o.h8 ? `((${lo} >> 8) & 255)` : `(${lo} & 255)`, h: "0" };
  }
}

/** Write a general register with x86's rules (32-bit writes zero the high half). */
export function writeGpr(e: Emitter, reg: number, size: number, h8: boolean, v: V): void {
  const s = 2 * reg;
  switch (size) {
    case 8:
      set64(e, reg, v.l, v.h);
      return;
    case 4:
      e.setSlot(s, `(${v.l}) | 0`);
      e.setSlot(s + 1, "0");
      return;
    case 2:
      e.setSlot(s, `(${e.slot(s)} & -65536) | ((${v.l}) & 65535)`);
      return;
    default:
      if (h8) e.setSlot(s, `(${e.slot(s)} & -65281) | (((${v.l}) & 255) << 8)`);
      else e.setSlot(s, `(${e.slot(s)} & -256) | ((${v.l}) & 255)`);
  }
}

/**
 * The 64-bit effective address of memory operand `o`, as (lo, hi) temps or
 * literals, including the FS/GS base. `imm` is left to the caller when it
 * can be folded into the access check.
 */
export function effAddr(e: Emitter, i: X86Insn, o: Operand): V {
  if (o.rip) {
    const a = e.next + o.disp;
    return { l: e.num(a | 0), h: e.num(Math.floor(a / TWO32) | 0) };
  }
  const segL = i.seg === 4 ? e.slot(FSL) : i.seg === 5 ? e.slot(GSL) : "";
  const segH = i.seg === 4 ? e.slot(FSH) : i.seg === 5 ? e.slot(GSH) : "";
  if (o.abs && !segL) return { l: e.num(o.disp | 0), h: e.num(o.dispHi | 0) };
  const terms: string[] = [];
  const his: string[] = [];
  if (o.abs) {
    terms.push(e.num(o.disp >>> 0));
    his.push(e.num(o.dispHi | 0));
  } else if (o.disp !== 0) {
    terms.push(e.num(o.disp >>> 0));
    if (o.disp < 0) his.push("-1");
  }
  if (o.base >= 0) {
    terms.push(`(${rlo(e, o.base)} >>> 0)`);
    his.push(rhi(e, o.base));
  }
  if (o.index >= 0) {
    const sh = Math.log2(o.scale);
    const il = rlo(e, o.index), ih = rhi(e, o.index);
    terms.push(sh === 0 ? `(${il} >>> 0)` : `((${il} << ${e.num(sh)}) >>> 0)`);
    his.push(sh === 0 ? ih : `((${ih} << ${e.num(sh)}) | (${il} >>> ${e.num(32 - sh)}))`);
  }
  if (segL) {
    terms.push(`(${segL} >>> 0)`);
    his.push(segH);
  }
  if (terms.length === 0) return { l: "0", h: "0" };
  const t = e.tmp(), th = e.tmp();
  e.stmt(`${t} = ${terms.join(" + ")};`);
  if (i.asize === 4) {
    e.stmt(`${t} = ${t} | 0; ${th} = 0;`);
  } else {
    const hsum = [...his, `((${t} / 4294967296) | 0)`].join(" + ");
    e.stmt(`${th} = (${hsum}) | 0; ${t} = ${t} | 0;`);
  }
  return { l: t, h: th };
}

/** Check an access and return the window-offset temp. */
export function memOff(e: Emitter, i: X86Insn, o: Operand, size: number, write: boolean): string {
  if (
    !o.rip && !o.abs && o.base >= 0 && o.index < 0 && i.seg < 4 && i.asize === 8 &&
    o.disp > -4096 && o.disp < 4096
  ) {
    return e.access(rlo(e, o.base), rhi(e, o.base), o.disp, size, write);
  }
  const a = effAddr(e, i, o);
  return e.access(a.l, a.h, 0, size, write);
}

/** Load `size` bytes at offset `off` into temps (zero-extended below 4 bytes). */
export function load(e: Emitter, off: string, size: number): V {
  const t = e.tmp();
  if (size === 8) {
    const th = e.tmp();
    e.stmt(`${t} = dv.getInt32(${off}, true); ${th} = dv.getInt32(${off} + 4, true);`);
    return { l: t, h: th };
  }
  const f = size === 1 ? "getUint8" : size === 2 ? "getUint16" : "getInt32";
  e.stmt(`${t} = dv.${f}(${off}${size === 1 ? "" : ", true"});`);
  return { l: t, h: "0" };
}

/** Store `size` bytes of v at offset `off`. */
export function store(e: Emitter, off: string, size: number, v: V): void {
  if (size === 8) {
    e.stmt(`dv.setInt32(${off}, ${v.l}, true); dv.setInt32(${off} + 4, ${v.h}, true);`);
  } else if (size === 4) e.stmt(`dv.setInt32(${off}, ${v.l}, true);`);
  else if (size === 2) e.stmt(`dv.setInt16(${off}, ${v.l}, true);`);
  else e.stmt(`dv.setInt8(${off}, ${v.l});`);
}

/** A resolved operand: a register, or memory at a checked offset, or an immediate. */
interface Loc {
  o: Operand;
  off: string;
}

/** Resolve operand n (memory is checked for reading, and for writing when `write`). */
function loc(e: Emitter, i: X86Insn, n: number, write: boolean): Loc {
  const o = i.ops[n];
  if (o.t === O_MEM) return { o, off: memOff(e, i, o, o.size, write) };
  return { o, off: "" };
}

/** Read operand n (a general register, memory of the operand's size, or an immediate). */
export function readOp(e: Emitter, i: X86Insn, n: number): V {
  return rd(e, loc(e, i, n, false));
}

function immV(e: Emitter, o: Operand, size: number): V {
  if (size === 8) return { l: e.num(o.imm | 0), h: e.num(o.immHi | 0) };
  if (size === 4) return { l: e.num(o.imm | 0), h: "0" };
  if (size === 2) return { l: e.num(o.imm & 0xffff), h: "0" };
  return { l: e.num(o.imm & 0xff), h: "0" };
}

/** Read a resolved operand into expressions (memory into temps). */
function rd(e: Emitter, l: Loc, size = l.o.size): V {
  const o = l.o;
  if (o.t === O_REG) return readReg(e, { ...o, size });
  if (o.t === O_MEM) return load(e, l.off, size);
  if (o.t === O_IMM) return immV(e, o, size);
  if (o.t === O_ONE) return { l: "1", h: "0" };
  throw new Error("Bad operand kind");
}

/** Read a resolved operand into temps (stable across later writes). */
function rdT(e: Emitter, l: Loc, size = l.o.size): V {
  const v = rd(e, l, size);
  if (l.o.t === O_MEM || l.o.t === O_IMM) return v;
  const t = e.tmp();
  e.stmt(`${t} = ${v.l};`);
  if (size !== 8) return { l: t, h: "0" };
  const th = e.tmp();
  e.stmt(`${th} = ${v.h};`);
  return { l: t, h: th };
}

function wr(e: Emitter, l: Loc, v: V, size = l.o.size): void {
  const o = l.o;
  if (o.t === O_REG) writeGpr(e, o.reg, size, o.h8, v);
  else if (o.t === O_MEM) store(e, l.off, size, v);
  else throw new Error("Write to a non-location");
}

// ---------------------------------------------------------------------------
// Flags.

/** Record a lazy flags state. */
function setFlags(e: Emitter, kind: number, sz: number, r: V, a: V, b: V, fl?: string): void {
  if (!flagsLive) {
    known = null;
    return;
  }
  e.setSlot(FOP, e.num(kind * 4 + sz));
  e.setSlot(FRL, r.l);
  e.setSlot(FAL, a.l);
  e.setSlot(FBL, b.l);
  if (sz === 3) {
    e.setSlot(FRH, r.h);
    e.setSlot(FAH, a.h);
    e.setSlot(FBH, b.h);
  }
  if (fl !== undefined) e.setSlot(FL, fl);
  known = { kind, sz };
}

/** Expression of all six status flags (materialized). */
export function flagsExpr(e: Emitter): string {
  if (known && known.kind === K_EFL) return e.slot(FL);
  return `rt.flags(${e.slot(FOP)}, ${e.slot(FRL)}, ${e.slot(FRH)}, ${e.slot(FAL)}, ${
    e.slot(FAH)
  }, ${e.slot(FBL)}, ${e.slot(FBH)}, ${e.slot(FL)})`;
}

/** Set the materialized flags (kind EFL) from an expression. */
export function setEfl(e: Emitter, expr: string): void {
  if (!flagsLive) {
    known = null;
    return;
  }
  e.setSlot(FL, expr);
  e.setSlot(FOP, "0");
  known = { kind: K_EFL, sz: 0 };
}

/**
 * A boolean expression for the carry out of a known add (r = a + b, no carry
 * in): the result is below an operand, unsigned. Operands narrower than 32
 * bits are held masked, so a plain compare does.
 */
function addCarry(e: Emitter, sz: number): string {
  const r = e.slot(FRL), a = e.slot(FAL);
  if (sz < 2) return `(${r} < ${a})`;
  if (sz === 2) return `((${r} >>> 0) < (${a} >>> 0))`;
  const rh = e.slot(FRH), ah = e.slot(FAH);
  return `((${rh} >>> 0) < (${ah} >>> 0) || (${rh} === ${ah} && (${r} >>> 0) < (${a} >>> 0)))`;
}

/** Expression of CF (0 or 1). */
function cfExpr(e: Emitter): string {
  if (known && known.kind === K_EFL) return `(${e.slot(FL)} & 1)`;
  if (known && known.kind === K_LOGIC) return "0";
  // inc and dec keep the CF they found, in FL.
  if (known && (known.kind === K_INC || known.kind === K_DEC)) return `(${e.slot(FL)} & 1)`;
  if (known && known.kind === K_ADD) return `(${addCarry(e, known.sz)} ? 1 : 0)`;
  if (known && known.kind === K_SUB && known.sz < 3) {
    const a = e.slot(FAL), b = e.slot(FBL);
    return known.sz === 2 ? `((${a} >>> 0) < (${b} >>> 0) ? 1 : 0)` : `(${a} < ${b} ? 1 : 0)`;
  }
  return `rt.cf(${e.slot(FOP)}, ${e.slot(FRL)}, ${e.slot(FRH)}, ${e.slot(FAL)}, ${e.slot(FAH)}, ${
    e.slot(FBL)
  }, ${e.slot(FBH)}, ${e.slot(FL)})`;
}

function signOf(r: string, sz: number): string {
  return sz === 0 ? `(${r} & 128) !== 0` : sz === 1 ? `(${r} & 32768) !== 0` : `${r} < 0`;
}

/** A boolean expression for condition code cc (the jcc encoding). */
export function condExpr(e: Emitter, cc: number): string {
  const neg = (cc & 1) !== 0;
  const base = cc >> 1;
  let r: string | null = null;
  const k = known;
  if (k && k.kind === K_EFL) {
    const f = e.slot(FL);
    const l = `((((${f} >> 7) ^ (${f} >> 11)) & 1) !== 0)`;
    r = [
      `(${f} & 2048) !== 0`,
      `(${f} & 1) !== 0`,
      `(${f} & 64) !== 0`,
      `(${f} & 65) !== 0`,
      `(${f} & 128) !== 0`,
      `(${f} & 4) !== 0`,
      l,
      `((${f} & 64) !== 0 || ${l})`,
    ][base];
  } else if (
    k && (k.kind === K_SUB || k.kind === K_LOGIC || k.kind === K_ADD || k.kind === K_INC ||
      k.kind === K_DEC)
  ) {
    const rl = e.slot(FRL);
    const zero = k.sz === 3 ? `(${rl} === 0 && ${e.slot(FRH)} === 0)` : `${rl} === 0`;
    const sign = k.sz === 3 ? `${e.slot(FRH)} < 0` : signOf(rl, k.sz);
    if (k.kind !== K_SUB && k.kind !== K_LOGIC) {
      // add, inc, dec: ZF, SF and CF (inc/dec: the CF they kept) inline; OF and PF
      // (and the conditions using them) through the runtime.
      const cf = k.kind === K_ADD ? addCarry(e, k.sz) : `((${e.slot(FL)} & 1) !== 0)`;
      r = [null, cf, zero, `(${cf} || ${zero})`, sign, null, null, null][base];
    } else if (k.kind === K_LOGIC) {
      r = [null, "false", zero, zero, sign, null, sign, `(${zero} || ${sign})`][base];
    } else {
      const a = e.slot(FAL), b = e.slot(FBL);
      let ltu: string, lt: string;
      if (k.sz === 3) {
        const ah = e.slot(FAH), bh = e.slot(FBH);
        ltu = `((${ah} >>> 0) < (${bh} >>> 0) || (${ah} === ${bh} && (${a} >>> 0) < (${b} >>> 0)))`;
        lt = `(${ah} < ${bh} || (${ah} === ${bh} && (${a} >>> 0) < (${b} >>> 0)))`;
      } else if (k.sz === 2) {
        ltu = `((${a} >>> 0) < (${b} >>> 0))`;
        lt = `(${a} < ${b})`;
      } else {
        const sh = k.sz === 0 ? 24 : 16;
        ltu = `(${a} < ${b})`;
        lt = `((${a} << ${sh}) < (${b} << ${sh}))`;
      }
      r = [null, ltu, zero, `(${ltu} || ${zero})`, sign, null, lt, `(${lt} || ${zero})`][base];
    }
  }
  if (r === null) {
    return `${neg ? "!" : ""}rt.cond(${e.num(cc & ~1)}, ${e.slot(FOP)}, ${e.slot(FRL)}, ${
      e.slot(FRH)
    }, ${e.slot(FAL)}, ${e.slot(FAH)}, ${e.slot(FBL)}, ${e.slot(FBH)}, ${e.slot(FL)})`;
  }
  return neg ? `!(${r})` : `(${r})`;
}

// ---------------------------------------------------------------------------
// Arithmetic.

type AluKind = "add" | "or" | "adc" | "sbb" | "and" | "sub" | "xor" | "cmp" | "test";

/** r = a op b for one ALU kind; returns the result (temps) and stores the flags. */
function aluCore(e: Emitter, kind: AluKind, size: number, a: V, b: V): V {
  const sz = szIdx(size);
  const t = e.tmp();
  let th = "0";
  if (size === 8) th = e.tmp();
  switch (kind) {
    case "add":
    case "adc": {
      const c = kind === "adc" ? e.tmp() : "";
      if (c) e.stmt(`${c} = ${cfExpr(e)};`);
      const plus = c ? ` + ${c}` : "";
      if (size === 8) {
        const carry = c
          ? `(${c} ? ((${t} >>> 0) <= (${a.l} >>> 0) ? 1 : 0) : ((${t} >>> 0) < (${a.l} >>> 0) ? 1 : 0))`
          : `((${t} >>> 0) < (${a.l} >>> 0) ? 1 : 0)`;
        e.stmt(`${t} = (${a.l} + ${b.l}${plus}) | 0; ${th} = (${a.h} + ${b.h} + ${carry}) | 0;`);
      } else e.stmt(`${t} = ${mask(size, `${a.l} + ${b.l}${plus}`)};`);
      const r = { l: t, h: th };
      setFlags(e, kind === "add" ? K_ADD : K_ADC, sz, r, a, b, c || undefined);
      return r;
    }
    case "sub":
    case "cmp":
    case "sbb": {
      const c = kind === "sbb" ? e.tmp() : "";
      if (c) e.stmt(`${c} = ${cfExpr(e)};`);
      const minus = c ? ` - ${c}` : "";
      if (size === 8) {
        const borrow = c
          ? `(${c} ? ((${a.l} >>> 0) <= (${b.l} >>> 0) ? 1 : 0) : ((${a.l} >>> 0) < (${b.l} >>> 0) ? 1 : 0))`
          : `((${a.l} >>> 0) < (${b.l} >>> 0) ? 1 : 0)`;
        e.stmt(`${th} = (${a.h} - ${b.h} - ${borrow}) | 0; ${t} = (${a.l} - ${b.l}${minus}) | 0;`);
      } else e.stmt(`${t} = ${mask(size, `${a.l} - ${b.l}${minus}`)};`);
      const r = { l: t, h: th };
      setFlags(e, kind === "sbb" ? K_SBB : K_SUB, sz, r, a, b, c || undefined);
      return r;
    }
    default: {
      const op = kind === "or" ? "|" : kind === "xor" ? "^" : "&";
      e.stmt(`${t} = ${a.l} ${op} ${b.l};`);
      if (size === 8) e.stmt(`${th} = ${a.h} ${op} ${b.h};`);
      const r = { l: t, h: th };
      setFlags(e, K_LOGIC, sz, r, r, r);
      return r;
    }
  }
}

function alu(kind: AluKind): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const writes = kind !== "cmp" && kind !== "test";
    const d = loc(e, i, 0, writes);
    const s = loc(e, i, 1, false);
    // xor/sub of a register with itself: a constant zero.
    if (
      (kind === "xor" || kind === "sub") && d.o.t === O_REG && s.o.t === O_REG &&
      d.o.reg === s.o.reg && d.o.h8 === s.o.h8
    ) {
      const z = { l: "0", h: "0" };
      setFlags(e, kind === "xor" ? K_LOGIC : K_SUB, szIdx(size), z, z, z);
      wr(e, d, z);
      return;
    }
    const a = rdT(e, d);
    const b = rdT(e, s, size);
    const r = aluCore(e, kind, size, a, b);
    if (writes) wr(e, d, r);
  };
}

function incdec(dec: boolean): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size, sz = szIdx(size);
    const d = loc(e, i, 0, true);
    const a = rdT(e, d);
    const c = e.tmp();
    if (flagsLive) e.stmt(`${c} = ${cfExpr(e)};`);
    const t = e.tmp();
    let th = "0";
    if (size === 8) {
      th = e.tmp();
      if (dec) {
        e.stmt(`${t} = (${a.l} - 1) | 0; ${th} = (${a.h} - (${a.l} === 0 ? 1 : 0)) | 0;`);
      } else e.stmt(`${t} = (${a.l} + 1) | 0; ${th} = (${a.h} + (${t} === 0 ? 1 : 0)) | 0;`);
    } else e.stmt(`${t} = ${mask(size, `${a.l} ${dec ? "-" : "+"} 1`)};`);
    const r = { l: t, h: th };
    wr(e, d, r);
    setFlags(e, dec ? K_DEC : K_INC, sz, r, a, { l: "1", h: "0" }, c);
  };
}

const neg: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const d = loc(e, i, 0, true);
  const b = rdT(e, d);
  const r = aluCore(e, "sub", size, { l: "0", h: "0" }, b);
  wr(e, d, r);
};

const not: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const d = loc(e, i, 0, true);
  const a = rd(e, d);
  wr(e, d, { l: mask(size, `~${a.l}`), h: size === 8 ? `~${a.h}` : "0" });
};

// ---------------------------------------------------------------------------
// Moves.

const mov: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const s = loc(e, i, 1, false);
  const v = rd(e, s, size);
  const d = loc(e, i, 0, true);
  wr(e, d, v);
};

function extend(signed: boolean): X86Semantics {
  return (i, e) => {
    const dsize = i.ops[0].size, ssize = i.ops[1].size;
    const s = loc(e, i, 1, false);
    const v = rd(e, s, ssize);
    let l = v.l;
    if (signed && ssize < 4) l = `((${v.l} << ${32 - 8 * ssize}) >> ${32 - 8 * ssize})`;
    let h = "0";
    if (dsize === 8) {
      if (signed) {
        const t = e.tmp();
        e.stmt(`${t} = ${l};`);
        l = t;
        h = `${t} >> 31`;
      }
    }
    writeGpr(e, i.ops[0].reg, dsize, false, { l, h });
  };
}

const movsxd: X86Semantics = (i, e) => {
  const s = loc(e, i, 1, false);
  const v = rd(e, s, 4);
  const size = i.ops[0].size;
  if (size === 8) {
    const t = e.tmp();
    e.stmt(`${t} = ${v.l};`);
    writeGpr(e, i.ops[0].reg, 8, false, { l: t, h: `${t} >> 31` });
  } else writeGpr(e, i.ops[0].reg, size, false, v);
};

const lea: X86Semantics = (i, e) => {
  const o = i.ops[1];
  const size = i.ops[0].size;
  const a = effAddr(e, { ...i, seg: -1 }, o);
  writeGpr(e, i.ops[0].reg, size, false, a);
};

const xchg: X86Semantics = (i, e) => {
  const a = loc(e, i, 0, true), b = loc(e, i, 1, true);
  const va = rdT(e, a), vb = rdT(e, b);
  wr(e, a, vb);
  wr(e, b, va);
};

const cmpxchg: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const d = loc(e, i, 0, true);
  const old = rdT(e, d);
  const acc = rdT(e, { o: { ...i.ops[1], t: O_REG, reg: RAX, h8: false }, off: "" }, size);
  const src = rdT(e, loc(e, i, 1, false), size);
  aluCore(e, "cmp", size, acc, old);
  const eq = e.tmp();
  e.stmt(
    `${eq} = ${acc.l} === ${old.l}${size === 8 ? ` && ${acc.h} === ${old.h}` : ""};`,
  );
  // Both outcomes written through conditional expressions (the destination is always written).
  wr(e, d, {
    l: `(${eq} ? ${src.l} : ${old.l})`,
    h: size === 8 ? `(${eq} ? ${src.h} : ${old.h})` : "0",
  });
  if (size === 4) {
    e.stmt(`if (!${eq}) {`);
    writeGpr(e, RAX, 4, false, old);
    e.stmt(`}`);
  } else {
    writeGpr(e, RAX, size, false, {
      l: `(${eq} ? ${acc.l} : ${old.l})`,
      h: size === 8 ? `(${eq} ? ${acc.h} : ${old.h})` : "0",
    });
  }
};

function cmpxchgWide(bytes: 8 | 16): X86Semantics {
  return (i, e) => {
    const o = i.ops[0];
    const off = memOff(e, i, o, bytes, true);
    const half = bytes / 2;
    const lo = load(e, off, half);
    const hi = load(e, `${off} + ${half}`, half);
    const eq = e.tmp();
    const f = e.tmp();
    if (flagsLive) e.stmt(`${f} = ${flagsExpr(e)} & ${e.num(~ZF)};`);
    if (bytes === 8) {
      e.stmt(`${eq} = ${lo.l} === ${rlo(e, RAX)} && ${hi.l} === ${rlo(e, RDX)};`);
      e.stmt(
        `if (${eq}) { dv.setInt32(${off}, ${rlo(e, 3)}, true); dv.setInt32(${off} + 4, ${
          rlo(e, 1)
        }, true); } else {`,
      );
      writeGpr(e, RAX, 4, false, lo);
      writeGpr(e, RDX, 4, false, hi);
    } else {
      e.stmt(
        `${eq} = ${lo.l} === ${rlo(e, RAX)} && ${lo.h} === ${rhi(e, RAX)} && ${hi.l} === ${
          rlo(e, RDX)
        } && ${hi.h} === ${rhi(e, RDX)};`,
      );
      e.stmt(`if (${eq}) {`);
      store(e, off, 8, { l: rlo(e, 3), h: rhi(e, 3) });
      store(e, `${off} + 8`, 8, { l: rlo(e, 1), h: rhi(e, 1) });
      e.stmt(`} else {`);
      writeGpr(e, RAX, 8, false, lo);
      writeGpr(e, RDX, 8, false, hi);
    }
    e.stmt(`}`);
    setEfl(e, `${f} | (${eq} ? 64 : 0)`);
  };
}

const xadd: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const d = loc(e, i, 0, true), s = loc(e, i, 1, true);
  const a = rdT(e, d), b = rdT(e, s);
  const r = aluCore(e, "add", size, a, b);
  wr(e, s, a);
  wr(e, d, r);
};

const bswap: X86Semantics = (i, e) => {
  const o = i.ops[0];
  const sw = (x: string) =>
    `((${x} << 24) | ((${x} & 65280) << 8) | ((${x} >>> 8) & 65280) | (${x} >>> 24))`;
  if (o.size === 8) {
    const l = rlo(e, o.reg), h = rhi(e, o.reg);
    set64(e, o.reg, sw(h), sw(l));
  } else writeGpr(e, o.reg, 4, false, { l: sw(rlo(e, o.reg)), h: "0" });
};

/** movbe: a load or store with the bytes swapped (16-bit loads keep the register's upper bits). */
const movbe: X86Semantics = (i, e) => {
  const d = i.ops[0], sz = d.size;
  const sw = (x: string) =>
    `((${x} << 24) | ((${x} & 65280) << 8) | ((${x} >>> 8) & 65280) | (${x} >>> 24))`;
  const v = readOp(e, i, 1);
  const r: V = sz === 8
    ? { l: sw(v.h), h: sw(v.l) }
    : sz === 4
    ? { l: sw(v.l), h: "0" }
    : { l: `(((${v.l} & 255) << 8) | ((${v.l} >>> 8) & 255))`, h: "0" };
  if (d.t === O_REG) writeGpr(e, d.reg, sz, false, r);
  else store(e, memOff(e, i, d, sz, true), sz, r);
};

const cbw: X86Semantics = (i, e) => {
  const a = rlo(e, RAX);
  if (i.opsize === 2) writeGpr(e, RAX, 2, false, { l: `(${a} << 24) >> 24`, h: "0" });
  else if (i.opsize === 4) writeGpr(e, RAX, 4, false, { l: `(${a} << 16) >> 16`, h: "0" });
  else writeGpr(e, RAX, 8, false, { l: a, h: `${a} >> 31` });
};

const cwd: X86Semantics = (i, e) => {
  const a = rlo(e, RAX);
  if (i.opsize === 2) writeGpr(e, RDX, 2, false, { l: `(${a} << 16) >> 31`, h: "0" });
  else if (i.opsize === 4) writeGpr(e, RDX, 4, false, { l: `${a} >> 31`, h: "0" });
  else {
    const h = rhi(e, RAX);
    writeGpr(e, RDX, 8, false, { l: `${h} >> 31`, h: `${h} >> 31` });
  }
};

// ---------------------------------------------------------------------------
// Stack and control flow.

/** Push a value of `size` (8 or 2) bytes. */
function push(e: Emitter, v: V, size: number): void {
  const nl = e.tmp(), nh = e.tmp();
  const sl = rlo(e, RSP), sh = rhi(e, RSP);
  e.stmt(`${nl} = (${sl} - ${size}) | 0; ${nh} = (${sh} - ((${sl} >>> 0) < ${size} ? 1 : 0)) | 0;`);
  const off = e.access(nl, nh, 0, size, true);
  store(e, off, size, v);
  e.setSlot(2 * RSP, nl);
  e.setSlot(2 * RSP + 1, nh);
}

/** Pop `size` bytes: returns the value (temps); rsp is updated. */
function pop(e: Emitter, size: number): V {
  const sl = rlo(e, RSP), sh = rhi(e, RSP);
  const off = e.access(sl, sh, 0, size, false);
  const v = load(e, off, size);
  const t = e.tmp();
  e.stmt(`${t} = (${sl} + ${size}) | 0;`);
  e.setSlot(2 * RSP + 1, `(${sh} + ((${t} >>> 0) < (${sl} >>> 0) ? 1 : 0)) | 0`);
  e.setSlot(2 * RSP, t);
  return v;
}

function pcV(e: Emitter, pc: number): V {
  return { l: e.num(pc | 0), h: e.num(Math.floor(pc / TWO32) | 0) };
}

function asPc(v: V): string {
  return `((${v.h} >>> 0) * 4294967296 + (${v.l} >>> 0))`;
}

const pushS: X86Semantics = (i, e) => {
  const size = i.opsize === 2 ? 2 : 8;
  const o = i.ops[0];
  let v: V;
  if (o.t === O_IMM) v = immV(e, o, size);
  else v = rdT(e, loc(e, i, 0, false), size);
  push(e, v, size);
};

const popS: X86Semantics = (i, e) => {
  const size = i.opsize === 2 ? 2 : 8;
  const v = pop(e, size);
  const d = loc(e, i, 0, true);
  wr(e, d, v, size);
};

const call: X86Semantics = (i, e) => {
  const o = i.ops[0];
  if (o.t === O_REL) {
    push(e, pcV(e, e.next), 8);
    e.jumpTo(e.next + o.imm);
    return;
  }
  const target = rdT(e, loc(e, i, 0, false), 8);
  push(e, pcV(e, e.next), 8);
  e.jumpDynamic(asPc(target));
};

const jmp: X86Semantics = (i, e) => {
  const o = i.ops[0];
  if (o.t === O_REL) {
    e.jumpTo(e.next + o.imm);
    return;
  }
  const target = rdT(e, loc(e, i, 0, false), 8);
  e.jumpDynamic(asPc(target));
};

const ret: X86Semantics = (i, e) => {
  const v = pop(e, 8);
  if (i.ops.length) {
    const n = i.ops[0].imm & 0xffff;
    const sl = rlo(e, RSP), sh = rhi(e, RSP);
    const t = e.tmp();
    e.stmt(`${t} = (${sl} + ${e.num(n)}) | 0;`);
    e.setSlot(2 * RSP + 1, `(${sh} + ((${t} >>> 0) < (${sl} >>> 0) ? 1 : 0)) | 0`);
    e.setSlot(2 * RSP, t);
  }
  e.jumpDynamic(asPc(v));
};

const jcc: X86Semantics = (i, e) => {
  e.branch(condExpr(e, i.cond), e.next + i.ops[0].imm);
};

function loop(kind: "loop" | "loope" | "loopne" | "jrcxz"): X86Semantics {
  return (i, e) => {
    const target = e.next + i.ops[0].imm;
    const wide = i.asize === 8;
    if (kind === "jrcxz") {
      const z = wide ? `(${rlo(e, RCX)} === 0 && ${rhi(e, RCX)} === 0)` : `${rlo(e, RCX)} === 0`;
      e.branch(z, target);
      return;
    }
    let c = "";
    if (kind !== "loop") c = condExpr(e, kind === "loope" ? 4 : 5);
    const cf = e.tmp();
    if (c) e.stmt(`${cf} = ${c};`);
    if (wide) {
      const l = rlo(e, RCX), h = rhi(e, RCX);
      set64(e, RCX, `(${l} - 1) | 0`, `(${h} - (${l} === 0 ? 1 : 0)) | 0`);
    } else writeGpr(e, RCX, 4, false, { l: `(${rlo(e, RCX)} - 1) | 0`, h: "0" });
    const nz = wide ? `(${rlo(e, RCX)} !== 0 || ${rhi(e, RCX)} !== 0)` : `${rlo(e, RCX)} !== 0`;
    e.branch(c ? `${nz} && ${cf}` : nz, target);
  };
}

const setcc: X86Semantics = (i, e) => {
  const c = condExpr(e, i.cond);
  const d = loc(e, i, 0, true);
  wr(e, d, { l: `(${c} ? 1 : 0)`, h: "0" });
};

const cmovcc: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const c = e.tmp();
  e.stmt(`${c} = ${condExpr(e, i.cond)};`);
  const s = rdT(e, loc(e, i, 1, false), size);
  const o = i.ops[0];
  const cur = readReg(e, o);
  writeGpr(e, o.reg, size, false, {
    l: `(${c} ? ${s.l} : ${cur.l})`,
    h: size === 8 ? `(${c} ? ${s.h} : ${cur.h})` : "0",
  });
};

const leave: X86Semantics = (i, e) => {
  const size = i.opsize === 2 ? 2 : 8;
  e.setSlot(2 * RSP, rlo(e, RBP));
  e.setSlot(2 * RSP + 1, rhi(e, RBP));
  const v = pop(e, size);
  writeGpr(e, RBP, size, false, v);
};

const enter: X86Semantics = (i, e) => {
  const n = i.ops[0].imm & 0xffff, level = i.ops[1].imm & 31;
  if (level !== 0) return illegal(i, e);
  push(e, { l: rlo(e, RBP), h: rhi(e, RBP) }, 8);
  e.setSlot(2 * RBP, rlo(e, RSP));
  e.setSlot(2 * RBP + 1, rhi(e, RSP));
  const sl = rlo(e, RSP), sh = rhi(e, RSP);
  const t = e.tmp();
  e.stmt(`${t} = (${sl} - ${e.num(n)}) | 0;`);
  e.setSlot(2 * RSP + 1, `(${sh} - ((${sl} >>> 0) < ${e.num(n)} ? 1 : 0)) | 0`);
  e.setSlot(2 * RSP, t);
};

// ---------------------------------------------------------------------------
// Multiply and divide.

const mul1 = (signed: boolean): X86Semantics => (i, e) => {
  const size = i.ops[0].size;
  const s = rdT(e, loc(e, i, 0, false));
  const al = rlo(e, RAX);
  const ovf = e.tmp();
  if (size === 1) {
    const t = e.tmp();
    if (signed) {
      e.stmt(`${t} = (((${al} << 24) >> 24) * ((${s.l} << 24) >> 24)) & 65535;`);
      e.stmt(`${ovf} = ((${t} << 16) >> 16) !== ((${t} << 24) >> 24) ? 1 : 0;`);
    } else {
      e.stmt(`${t} = (${al} & 255) * ${s.l};`);
      e.stmt(`${ovf} = ${t} > 255 ? 1 : 0;`);
    }
    writeGpr(e, RAX, 2, false, { l: t, h: "0" });
    setFlags(e, K_MUL, 0, { l: `(${t} & 255)`, h: "0" }, { l: "0", h: "0" }, { l: ovf, h: "0" });
    return;
  }
  if (size === 2) {
    const t = e.tmp();
    if (signed) e.stmt(`${t} = ((${al} << 16) >> 16) * ((${s.l} << 16) >> 16);`);
    else e.stmt(`${t} = (${al} & 65535) * ${s.l};`);
    e.stmt(
      signed
        ? `${ovf} = (${t} | 0) !== ((${t} << 16) >> 16) ? 1 : 0;`
        : `${ovf} = ${t} > 65535 ? 1 : 0;`,
    );
    writeGpr(e, RAX, 2, false, { l: t, h: "0" });
    writeGpr(e, RDX, 2, false, { l: `(${t} >> 16)`, h: "0" });
    setFlags(e, K_MUL, 1, { l: `(${t} & 65535)`, h: "0" }, { l: "0", h: "0" }, { l: ovf, h: "0" });
    return;
  }
  if (size === 4) {
    const lo = e.tmp(), hi = e.tmp();
    const a = e.tmp();
    e.stmt(`${a} = ${al};`);
    if (signed) {
      e.stmt(`${lo} = rt.mulw(${a}, ${a} >> 31, ${s.l}, ${s.l} >> 31, 1); ${hi} = rt.h;`);
      e.stmt(`${ovf} = ${hi} !== (${lo} >> 31) ? 1 : 0;`);
    } else {
      e.stmt(`${lo} = rt.mul64(${a}, 0, ${s.l}, 0); ${hi} = rt.h;`);
      e.stmt(`${ovf} = ${hi} !== 0 ? 1 : 0;`);
    }
    writeGpr(e, RAX, 4, false, { l: lo, h: "0" });
    writeGpr(e, RDX, 4, false, { l: hi, h: "0" });
    setFlags(e, K_MUL, 2, { l: lo, h: "0" }, { l: "0", h: "0" }, { l: ovf, h: "0" });
    return;
  }
  const lo = e.tmp(), hi = e.tmp(), h2 = e.tmp(), h3 = e.tmp();
  e.stmt(
    `${lo} = rt.mulw(${al}, ${rhi(e, RAX)}, ${s.l}, ${s.h}, ${
      signed ? 1 : 0
    }); ${hi} = rt.h; ${h2} = rt.h2; ${h3} = rt.h3;`,
  );
  e.stmt(
    signed
      ? `${ovf} = (${h2} !== (${hi} >> 31) || ${h3} !== (${hi} >> 31)) ? 1 : 0;`
      : `${ovf} = (${h2} !== 0 || ${h3} !== 0) ? 1 : 0;`,
  );
  writeGpr(e, RAX, 8, false, { l: lo, h: hi });
  writeGpr(e, RDX, 8, false, { l: h2, h: h3 });
  setFlags(e, K_MUL, 3, { l: lo, h: hi }, { l: "0", h: "0" }, { l: ovf, h: "0" });
};

/** imul r, r/m (, imm): truncated signed product. */
const imulN: X86Semantics = (i, e) => {
  const size = i.ops[0].size;
  const three = i.ops.length === 3;
  const a = rdT(e, loc(e, i, three ? 1 : 0, false), size);
  const b = rdT(e, loc(e, i, three ? 2 : 1, false), size);
  const t = e.tmp(), ovf = e.tmp();
  if (size === 2) {
    e.stmt(`${t} = ((${a.l} << 16) >> 16) * ((${b.l} << 16) >> 16);`);
    e.stmt(`${ovf} = (${t} | 0) !== ((${t} << 16) >> 16) ? 1 : 0; ${t} = ${t} & 65535;`);
    writeGpr(e, i.ops[0].reg, 2, false, { l: t, h: "0" });
    setFlags(e, K_MUL, 1, { l: t, h: "0" }, { l: "0", h: "0" }, { l: ovf, h: "0" });
  } else if (size === 4) {
    e.stmt(`${t} = Math.imul(${a.l}, ${b.l}); ${ovf} = ${t} !== ${a.l} * ${b.l} ? 1 : 0;`);
    writeGpr(e, i.ops[0].reg, 4, false, { l: t, h: "0" });
    setFlags(e, K_MUL, 2, { l: t, h: "0" }, { l: "0", h: "0" }, { l: ovf, h: "0" });
  } else {
    const th = e.tmp();
    e.stmt(`${t} = rt.mul64(${a.l}, ${a.h}, ${b.l}, ${b.h}); ${th} = rt.h;`);
    writeGpr(e, i.ops[0].reg, 8, false, { l: t, h: th });
    setFlags(e, K_IMUL, 3, { l: t, h: th }, a, b);
  }
};

const div = (signed: boolean): X86Semantics => (i, e) => {
  const size = i.ops[0].size;
  const s = rdT(e, loc(e, i, 0, false));
  const sz = szIdx(size);
  const al = rlo(e, RAX), ah = rhi(e, RAX), dl = rlo(e, RDX), dh = rhi(e, RDX);
  const args = size === 1
    ? `${al}, 0, 0, 0`
    : size === 8
    ? `${al}, ${ah}, ${dl}, ${dh}`
    : `${al}, 0, ${dl}, 0`;
  e.stmt(
    `if (rt.div(${sz}, ${signed ? 1 : 0}, ${args}, ${s.l}, ${s.h})) { s.pc = ${e.num(e.pc)}; ${
      e.exit(T_DIVIDE)
    } }`,
  );
  if (size === 1) {
    writeGpr(e, RAX, 2, false, { l: "(rt.h & 255) | ((rt.h3 & 255) << 8)", h: "0" });
  } else if (size === 8) {
    writeGpr(e, RAX, 8, false, { l: "rt.h", h: "rt.h2" });
    writeGpr(e, RDX, 8, false, { l: "rt.h3", h: "rt.fl" });
  } else {
    writeGpr(e, RAX, size, false, { l: "rt.h", h: "0" });
    writeGpr(e, RDX, size, false, { l: "rt.h3", h: "0" });
  }
};

// ---------------------------------------------------------------------------
// Shifts and rotates.

function shiftValue(e: Emitter, op: "shl" | "shr" | "sar", size: number, a: V, n: string): V {
  const t = e.tmp();
  if (size < 8) {
    const bits = 8 * size;
    if (op === "shl") e.stmt(`${t} = ${mask(size, `${a.l} << ${n}`)};`);
    else if (op === "shr") {
      e.stmt(`${t} = ${size === 4 ? `(${a.l} >>> ${n}) | 0` : `${a.l} >>> ${n}`};`);
    } else {
      const se = size === 4 ? a.l : `((${a.l} << ${32 - bits}) >> ${32 - bits})`;
      e.stmt(`${t} = ${mask(size, `${se} >> ${n}`)};`);
    }
    return { l: t, h: "0" };
  }
  const th = e.tmp();
  const al = a.l, ah = a.h, s = n;
  if (op === "shl") {
    e.stmt(
      `${t} = ${s} < 32 ? ${al} << ${s} : 0; ${th} = ${s} === 0 ? ${ah} : ${s} < 32 ? (${ah} << ${s}) | (${al} >>> (32 - ${s})) : ${al} << (${s} - 32);`,
    );
  } else if (op === "shr") {
    e.stmt(
      `${t} = ${s} === 0 ? ${al} : ${s} < 32 ? (${al} >>> ${s}) | (${ah} << (32 - ${s})) : (${ah} >>> (${s} - 32)) | 0; ${th} = ${s} < 32 ? (${ah} >>> ${s}) | 0 : 0;`,
    );
  } else {
    e.stmt(
      `${t} = ${s} === 0 ? ${al} : ${s} < 32 ? (${al} >>> ${s}) | (${ah} << (32 - ${s})) : ${ah} >> (${s} - 32); ${th} = ${s} < 32 ? ${ah} >> ${s} : ${ah} >> 31;`,
    );
  }
  return { l: t, h: th };
}

/** The masked shift count of a shift/rotate instruction: a literal or a temp. */
function shiftCount(e: Emitter, i: X86Insn, n: number): { c: string; lit: number } {
  const o = i.ops[n];
  const m = i.ops[0].size === 8 ? 63 : 31;
  if (o.t === O_ONE) return { c: "1", lit: 1 };
  if (o.t === O_IMM) return { c: e.num(o.imm & m), lit: o.imm & m };
  const t = e.tmp();
  e.stmt(`${t} = ${rlo(e, RCX)} & ${m};`);
  return { c: t, lit: -1 };
}

/** A 32-bit register destination is zero-extended even when the count is 0. */
function zeroExtendOnly(e: Emitter, i: X86Insn): void {
  const o = i.ops[0];
  if (o.t === O_REG && o.size === 4) e.setSlot(2 * o.reg + 1, "0");
}

function countZero(e: Emitter, i: X86Insn, lit: number): void {
  if (lit < 0) {
    e.stmt(`} else {`);
    zeroExtendOnly(e, i);
    e.stmt(`}`);
    known = null;
  }
}

function shift(op: "shl" | "shr" | "sar"): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const { c, lit } = shiftCount(e, i, 1);
    if (lit === 0) return zeroExtendOnly(e, i);
    const d = loc(e, i, 0, true);
    if (lit < 0) e.stmt(`if (${c} !== 0) {`);
    const a = rdT(e, d);
    const r = shiftValue(e, op, size, a, c);
    wr(e, d, r);
    const kind = op === "shl" ? K_SHL : op === "shr" ? K_SHR : K_SAR;
    setFlags(e, kind, szIdx(size), r, a, { l: c, h: "0" });
    countZero(e, i, lit);
  };
}

/** rol (kind 0) / ror (1) without flags, inline; c is the masked non-zero count. */
function rotInline(e: Emitter, kind: number, size: number, a: V, c: string): V {
  const t = e.tmp();
  if (size < 8) {
    const bits = size * 8;
    const n = e.tmp();
    e.stmt(`${n} = ${c} & ${bits - 1};`);
    if (kind === 1) e.stmt(`${n} = (${bits} - ${n}) & ${bits - 1};`);
    if (size === 4) {
      e.stmt(`${t} = ${n} === 0 ? ${a.l} : (${a.l} << ${n}) | (${a.l} >>> (32 - ${n}));`);
    } else {e.stmt(
        `${t} = ((${a.l} << ${n}) | (${a.l} >>> (${bits} - ${n}))) & ${(1 << bits) - 1};`,
      );}
    return { l: t, h: "0" };
  }
  const k = e.tmp(), l = e.tmp(), h = e.tmp(), th = e.tmp();
  e.stmt(`${k} = ${kind === 0 ? c : `(64 - ${c}) & 63`};`);
  e.stmt(
    `if (${k} >= 32) { ${l} = ${a.h}; ${h} = ${a.l}; ${k} -= 32; } else { ${l} = ${a.l}; ${h} = ${a.h}; }`,
  );
  e.stmt(
    `if (${k} === 0) { ${t} = ${l}; ${th} = ${h}; } else { ${t} = (${l} << ${k}) | (${h} >>> (32 - ${k})); ${th} = (${h} << ${k}) | (${l} >>> (32 - ${k})); }`,
  );
  return { l: t, h: th };
}

function rotate(kind: number): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const { c, lit } = shiftCount(e, i, 1);
    if (lit === 0) return zeroExtendOnly(e, i);
    const d = loc(e, i, 0, true);
    if (lit < 0) e.stmt(`if (${c} !== 0) {`);
    const a = rdT(e, d);
    const t = e.tmp();
    if (!flagsLive && kind <= 1) {
      wr(e, d, rotInline(e, kind, size, a, c));
      countZero(e, i, lit);
      return;
    }
    e.stmt(`${t} = rt.rot(${kind}, ${szIdx(size)}, ${a.l}, ${a.h}, ${c}, ${flagsExpr(e)});`);
    wr(e, d, { l: t, h: "rt.h" });
    setEfl(e, "rt.fl");
    countZero(e, i, lit);
  };
}

function shiftDouble(left: boolean): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const { c, lit } = shiftCount(e, i, 2);
    if (lit === 0) return zeroExtendOnly(e, i);
    const d = loc(e, i, 0, true);
    if (lit < 0) e.stmt(`if (${c} !== 0) {`);
    const a = rdT(e, d);
    const b = rdT(e, loc(e, i, 1, false));
    const t = e.tmp();
    e.stmt(
      `${t} = rt.shd(${left ? 1 : 0}, ${szIdx(size)}, ${a.l}, ${a.h}, ${b.l}, ${b.h}, ${c}, 0);`,
    );
    wr(e, d, { l: t, h: "rt.h" });
    setEfl(e, "rt.fl");
    countZero(e, i, lit);
  };
}

// ---------------------------------------------------------------------------
// Bit operations.

function bitTest(op: "bt" | "bts" | "btr" | "btc"): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const d = i.ops[0];
    const src = i.ops[1];
    const writes = op !== "bt";
    const f = e.tmp();
    if (flagsLive) e.stmt(`${f} = ${flagsExpr(e)};`);
    const bit = e.tmp();
    if (d.t === O_MEM && src.t === O_REG) {
      // Bit string: the register offset may address bytes outside the operand.
      const off = readReg(e, { ...src, size });
      const bl = e.tmp(), bh = e.tmp();
      if (size === 8) e.stmt(`${bl} = (${off.l} >>> 3) | (${off.h} << 29); ${bh} = ${off.h} >> 3;`);
      else {
        const sx = size === 2 ? `((${off.l} << 16) >> 16)` : off.l;
        e.stmt(`${bl} = ${sx} >> 3; ${bh} = ${bl} >> 31;`);
      }
      const ea = effAddr(e, i, d);
      const al = e.tmp(), ah = e.tmp();
      e.stmt(
        `${al} = (${ea.l} >>> 0) + (${bl} >>> 0); ${ah} = (${ea.h} + ${bh} + ((${al} / 4294967296) | 0)) | 0; ${al} = ${al} | 0;`,
      );
      const o = e.access(al, ah, 0, 1, writes);
      const byte = e.tmp();
      e.stmt(`${byte} = dv.getUint8(${o}); ${bit} = (${byte} >> (${off.l} & 7)) & 1;`);
      if (writes) {
        const m = `(1 << (${off.l} & 7))`;
        const nv = op === "bts"
          ? `${byte} | ${m}`
          : op === "btr"
          ? `${byte} & ~${m}`
          : `${byte} ^ ${m}`;
        e.stmt(`dv.setUint8(${o}, ${nv});`);
      }
    } else {
      const dl = loc(e, i, 0, writes);
      const a = rdT(e, dl);
      const n = e.tmp();
      if (src.t === O_IMM) e.stmt(`${n} = ${e.num(src.imm & (size * 8 - 1))};`);
      else e.stmt(`${n} = ${readReg(e, src).l} & ${size * 8 - 1};`);
      if (size === 8) {
        e.stmt(`${bit} = ${n} < 32 ? (${a.l} >>> ${n}) & 1 : (${a.h} >>> (${n} - 32)) & 1;`);
      } else e.stmt(`${bit} = (${a.l} >>> ${n}) & 1;`);
      if (writes) {
        const ml = e.tmp(), mh = e.tmp();
        if (size === 8) {
          e.stmt(`${ml} = ${n} < 32 ? 1 << ${n} : 0; ${mh} = ${n} < 32 ? 0 : 1 << (${n} - 32);`);
        } else e.stmt(`${ml} = 1 << ${n}; ${mh} = 0;`);
        const app = (x: string, m: string) =>
          op === "bts" ? `${x} | ${m}` : op === "btr" ? `${x} & ~${m}` : `${x} ^ ${m}`;
        wr(e, dl, { l: mask(size, app(a.l, ml)), h: size === 8 ? app(a.h, mh) : "0" });
      }
    }
    setEfl(e, `(${f} & -2) | ${bit}`);
  };
}

function bitScan(op: "bsf" | "bsr" | "tzcnt" | "lzcnt" | "popcnt"): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const s = rdT(e, loc(e, i, 1, false), size);
    const r = e.tmp();
    const z = size === 8 ? `(${s.l} === 0 && ${s.h} === 0)` : `${s.l} === 0`;
    const zt = e.tmp();
    e.stmt(`${zt} = ${z};`);
    const bits = size * 8;
    const ctz = (x: string) => `(31 - Math.clz32(${x} & -${x}))`;
    switch (op) {
      case "bsf":
      case "tzcnt":
        if (size === 8) {
          e.stmt(`${r} = ${s.l} !== 0 ? ${ctz(s.l)} : ${s.h} !== 0 ? 32 + ${ctz(s.h)} : 64;`);
        } else e.stmt(`${r} = ${s.l} !== 0 ? ${ctz(s.l)} : ${bits};`);
        break;
      case "bsr":
      case "lzcnt": {
        let lz: string;
        if (size === 8) lz = `(${s.h} !== 0 ? Math.clz32(${s.h}) : 32 + Math.clz32(${s.l}))`;
        else lz = `(Math.clz32(${s.l}) - ${32 - bits})`;
        e.stmt(`${r} = ${op === "bsr" ? `${bits - 1} - ${lz}` : lz};`);
        break;
      }
      default: {
        const pc = (x: string) => `rt.popcnt(${x})`;
        e.stmt(`${r} = ${pc(s.l)}${size === 8 ? ` + ${pc(s.h)}` : ""};`);
      }
    }
    const d = i.ops[0];
    if (op === "bsf" || op === "bsr") {
      e.stmt(`if (!${zt}) {`);
      writeGpr(e, d.reg, size, false, { l: r, h: "0" });
      e.stmt(`}`);
      setEfl(e, `${zt} ? 64 : 0`);
    } else {
      writeGpr(e, d.reg, size, false, { l: r, h: "0" });
      if (op === "popcnt") setEfl(e, `${zt} ? 64 : 0`);
      else setEfl(e, `(${zt} ? 1 : 0) | (${r} === 0 ? 64 : 0)`);
    }
  };
}

// ---------------------------------------------------------------------------
// Flags instructions.

const flagOp = (f: (x: string) => string): X86Semantics => (_i, e) => {
  if (!flagsLive) return;
  const t = e.tmp();
  e.stmt(`${t} = ${flagsExpr(e)};`);
  setEfl(e, f(t));
};

const pushf: X86Semantics = (i, e) => {
  const t = e.tmp();
  e.stmt(`${t} = ${flagsExpr(e)} | (${e.slot(DFS)} << 10) | 514;`);
  push(e, { l: t, h: "0" }, i.opsize === 2 ? 2 : 8);
};

const popf: X86Semantics = (i, e) => {
  const v = pop(e, i.opsize === 2 ? 2 : 8);
  e.setSlot(DFS, `(${v.l} >> 10) & 1`);
  setEfl(e, `${v.l} & ${STATUS}`);
};

const sahf: X86Semantics = (_i, e) => {
  const t = e.tmp();
  e.stmt(`${t} = ${flagsExpr(e)};`);
  setEfl(e, `(${t} & 2048) | ((${rlo(e, RAX)} >> 8) & 213)`);
};

const lahf: X86Semantics = (_i, e) => {
  const t = e.tmp();
  e.stmt(`${t} = (${flagsExpr(e)} & 213) | 2;`);
  writeGpr(e, RAX, 1, true, { l: t, h: "0" });
};

// ---------------------------------------------------------------------------
// Strings, system.

const STRING_SLOTS = [0, 1, 2, 3, 12, 13, 14, 15, DFS, FSL, FSH, GSL, GSH];
const FLAG_SLOTS = [FOP, FRL, FRH, FAL, FAH, FBL, FBH];

function stringOp(op: number): X86Semantics {
  return (i, e) => {
    const size = i.ops[0].size;
    const rep = (i.pfx & P_REPNE) ? 2 : (i.pfx & P_REP) ? 1 : 0;
    const cmp = op === STR_CMPS || op === STR_SCAS;
    const slots = cmp ? [...STRING_SLOTS, ...FLAG_SLOTS] : STRING_SLOTS;
    for (const k of slots) e.stmt(`X[${k}] = ${e.slot(k)};`);
    const t = e.tmp();
    e.stmt(`${t} = rt.string(s, ${op}, ${size}, ${rep}, ${e.num(i.seg)});`);
    for (const k of slots) e.setSlot(k, `X[${k}]`);
    e.stmt(`if (${t} < 0) { s.pc = ${e.num(e.pc)}; ${e.exit(T_FAULT)} }`);
    if (cmp) known = { kind: K_SUB, sz: szIdx(size) };
  };
}

const syscall: X86Semantics = (_i, e) => {
  const f = e.tmp();
  e.stmt(`${f} = ${flagsExpr(e)} | (${e.slot(DFS)} << 10) | 514;`);
  set64(e, RCX, e.num(e.next | 0), e.num(Math.floor(e.next / TWO32) | 0));
  set64(e, 11, f, "0");
  e.trap(T_SYSCALL, e.next);
  known = null;
};

const cpuid: X86Semantics = (_i, e) => {
  const slots = [0, 1, 2, 3, 4, 5, 6, 7];
  for (const k of slots) e.stmt(`X[${k}] = ${e.slot(k)};`);
  e.stmt(`rt.cpuid(s);`);
  for (const k of slots) e.setSlot(k, `X[${k}]`);
};

const rdtsc: X86Semantics = (i, e) => {
  const t = e.tmp();
  e.stmt(`${t} = rt.rdtsc(s);`);
  writeGpr(e, RAX, 4, false, { l: t, h: "0" });
  writeGpr(e, RDX, 4, false, { l: "rt.h", h: "0" });
  if (i.op === "rdtscp") writeGpr(e, RCX, 4, false, { l: "0", h: "0" });
};

function illegal(_i: X86Insn, e: Emitter): void {
  e.stmt(`s.pc = ${e.num(e.pc)}; ${e.exit(T_ILLEGAL)}`);
  e.ended = true;
}

const nop: X86Semantics = () => {};

const segBase = (seg: "fs" | "gs", write: boolean): X86Semantics => (i, e) => {
  const l = seg === "fs" ? FSL : GSL, h = seg === "fs" ? FSH : GSH;
  const o = i.ops[0];
  if (write) {
    const v = readReg(e, o);
    e.setSlot(l, v.l);
    e.setSlot(h, v.h);
  } else writeGpr(e, o.reg, o.size, false, { l: e.slot(l), h: e.slot(h) });
};

/** Every integer instruction's semantics, by op. */
export const INT_SEMANTICS: Record<string, X86Semantics> = {
  add: alu("add"),
  or: alu("or"),
  adc: alu("adc"),
  sbb: alu("sbb"),
  and: alu("and"),
  sub: alu("sub"),
  xor: alu("xor"),
  cmp: alu("cmp"),
  test: alu("test"),
  inc: incdec(false),
  dec: incdec(true),
  neg,
  not,
  mov,
  movzx: extend(false),
  movsx: extend(true),
  movsxd,
  lea,
  xchg,
  cmpxchg,
  cmpxchg8b: cmpxchgWide(8),
  cmpxchg16b: cmpxchgWide(16),
  xadd,
  bswap,
  movbe,
  cbw,
  cwd,
  push: pushS,
  pop: popS,
  call,
  jmp,
  ret,
  jcc,
  loop: loop("loop"),
  loope: loop("loope"),
  loopne: loop("loopne"),
  jrcxz: loop("jrcxz"),
  setcc,
  cmovcc,
  leave,
  enter,
  mul: mul1(false),
  imul1: mul1(true),
  imul2: imulN,
  imul3: imulN,
  div: div(false),
  idiv: div(true),
  shl: shift("shl"),
  shr: shift("shr"),
  sar: shift("sar"),
  rol: rotate(0),
  ror: rotate(1),
  rcl: rotate(2),
  rcr: rotate(3),
  shld: shiftDouble(true),
  shrd: shiftDouble(false),
  bt: bitTest("bt"),
  bts: bitTest("bts"),
  btr: bitTest("btr"),
  btc: bitTest("btc"),
  bsf: bitScan("bsf"),
  bsr: bitScan("bsr"),
  tzcnt: bitScan("tzcnt"),
  lzcnt: bitScan("lzcnt"),
  popcnt: bitScan("popcnt"),
  clc: flagOp((f) => `${f} & -2`),
  stc: flagOp((f) => `${f} | 1`),
  cmc: flagOp((f) => `${f} ^ 1`),
  cld: (_i, e) => e.setSlot(DFS, "0"),
  std: (_i, e) => e.setSlot(DFS, "1"),
  pushf,
  popf,
  sahf,
  lahf,
  movs: stringOp(STR_MOVS),
  stos: stringOp(STR_STOS),
  lods: stringOp(STR_LODS),
  cmps: stringOp(STR_CMPS),
  scas: stringOp(STR_SCAS),
  syscall,
  cpuid,
  rdtsc,
  rdtscp: rdtsc,
  int3: (_i, e) => {
    e.trap(T_BREAK, e.next);
  },
  ud2: illegal,
  ud0: illegal,
  ud1: illegal,
  hlt: illegal,
  int: illegal,
  nop,
  pause: nop,
  endbr64: nop,
  prefetch: nop,
  prefetchw: nop,
  prefetchnta: nop,
  prefetcht0: nop,
  prefetcht1: nop,
  prefetcht2: nop,
  lfence: nop,
  mfence: nop,
  sfence: nop,
  clflush: nop,
  clflushopt: nop,
  clwb: nop,
  rdfsbase: segBase("fs", false),
  rdgsbase: segBase("gs", false),
  wrfsbase: segBase("fs", true),
  wrgsbase: segBase("gs", true),
};

/** CF and OF bits, for other semantics files. */
export const CF_OF = CF | OF;
