/**
 * RISC-V 64 integer semantics (RV64I, M, A, Zicsr, Zifencei, Zba, Zbb), each
 * written once as an emitter of JS source. The JIT emits whole regions from
 * them; the interpreter mode emits one instruction at a time from the same
 * functions.
 *
 * Values are int32 pairs kept `|0`. 64-bit multiply, divide and a few bit ops
 * call small runtime helpers (`rt.*`, see int_runtime.ts) that return the low
 * half and leave the high half in `rt.h`.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { T_BREAK, T_FAULT, T_FLUSH, T_ILLEGAL, T_SYSCALL } from "../../engine/trap.ts";
import type { RvInsn } from "./decode.ts";
import { hi, lo, set, setBool, setW } from "./regs.ts";

/** An emitter of one instruction's semantics. */
export type RvSemantics = (i: RvInsn, e: Emitter) => void;

/** Split an immediate into int32 (lo, hi) literals of its 64-bit sign extension. */
function immPair(e: Emitter, imm: number): [string, string] {
  return [e.num(imm | 0), e.num(imm < 0 ? -1 : 0)];
}

/** Operand b: register rs2, or the immediate of an I-type instruction. */
function opB(e: Emitter, i: RvInsn, useImm: boolean): [string, string] {
  return useImm ? immPair(e, i.imm) : [lo(e, i.rs2), hi(e, i.rs2)];
}

/** rd = a + b (64-bit). */
function add64(e: Emitter, rd: number, al: string, ah: string, bl: string, bh: string): void {
  if (rd === 0) return;
  // x0 + b and a + x0 (c.mv, mv): a plain copy.
  if (al === "0" && ah === "0") return set(e, rd, bl, bh);
  if (bl === "0" && bh === "0") return set(e, rd, al, ah);
  const t = e.tmp();
  e.stmt(`${t} = (${al} + ${bl}) | 0;`);
  const carry = `((${t} ^ (-2147483648)) < (${al} ^ (-2147483648)) ? 1 : 0)`;
  const h = bh === "0" ? `(${ah} + ${carry}) | 0` : `(${ah} + ${bh} + ${carry}) | 0`;
  set(e, rd, t, h);
}

/** rd = a - b (64-bit). */
function sub64(e: Emitter, rd: number, al: string, ah: string, bl: string, bh: string): void {
  if (rd === 0) return;
  const borrow = `((${al} ^ (-2147483648)) < (${bl} ^ (-2147483648)) ? 1 : 0)`;
  set(e, rd, `(${al} - ${bl}) | 0`, `(${ah} - ${bh} - ${borrow}) | 0`);
}

/** [lo, hi] expressions of (a << s) for a constant s in 0..63. */
function shlConst(e: Emitter, al: string, ah: string, s: number): [string, string] {
  if (s === 0) return [al, ah];
  if (s < 32) {
    return [`${al} << ${e.num(s)}`, `(${ah} << ${e.num(s)}) | (${al} >>> ${e.num(32 - s)})`];
  }
  return ["0", s === 32 ? al : `${al} << ${e.num(s - 32)}`];
}

/** [lo, hi] expressions of (a >>> s) for a constant s in 0..63. */
function shrConst(e: Emitter, al: string, ah: string, s: number): [string, string] {
  if (s === 0) return [al, ah];
  if (s < 32) {
    return [`(${al} >>> ${e.num(s)}) | (${ah} << ${e.num(32 - s)})`, `${ah} >>> ${e.num(s)}`];
  }
  return [s === 32 ? ah : `${ah} >>> ${e.num(s - 32)}`, "0"];
}

/** [lo, hi] expressions of (a >> s) for a constant s in 0..63. */
function sarConst(e: Emitter, al: string, ah: string, s: number): [string, string] {
  if (s === 0) return [al, ah];
  if (s < 32) {
    return [`(${al} >>> ${e.num(s)}) | (${ah} << ${e.num(32 - s)})`, `${ah} >> ${e.num(s)}`];
  }
  return [s === 32 ? ah : `${ah} >> ${e.num(s - 32)}`, `${ah} >> 31`];
}

function setShift(e: Emitter, rd: number, [l, h]: [string, string]): void {
  set(e, rd, `(${l}) | 0`, `(${h}) | 0`);
}

/** Dynamic 64-bit shift: op is "shl", "shr" or "sar"; amount in a temp. */
function shiftDyn(e: Emitter, i: RvInsn, op: "shl" | "shr" | "sar"): void {
  if (i.rd === 0) return;
  const s = e.tmp();
  const al = lo(e, i.rs1), ah = hi(e, i.rs1);
  e.stmt(`${s} = ${lo(e, i.rs2)} & 63;`);
  let l: string, h: string;
  if (op === "shl") {
    l = `${s} < 32 ? ${al} << ${s} : 0`;
    h =
      `${s} === 0 ? ${ah} : ${s} < 32 ? (${ah} << ${s}) | (${al} >>> (32 - ${s})) : ${al} << (${s} - 32)`;
  } else if (op === "shr") {
    l =
      `${s} === 0 ? ${al} : ${s} < 32 ? (${al} >>> ${s}) | (${ah} << (32 - ${s})) : ${ah} >>> (${s} - 32)`;
    h = `${s} < 32 ? ${ah} >>> ${s} : 0`;
  } else {
    l =
      `${s} === 0 ? ${al} : ${s} < 32 ? (${al} >>> ${s}) | (${ah} << (32 - ${s})) : ${ah} >> (${s} - 32)`;
    h = `${s} < 32 ? ${ah} >> ${s} : ${ah} >> 31`;
  }
  set(e, i.rd, `(${l}) | 0`, `(${h}) | 0`);
}

// Comparisons evaluate every operand (bitwise & and | on the booleans, no && or ||): an
// operand that short-circuiting skipped would have no V8 type feedback, and the first time it
// ran, V8 would deoptimize the whole region (23 of 44 deoptimizations on busybox gzip).

/** Signed a < b (64-bit). */
function lt(al: string, ah: string, bl: string, bh: string): string {
  return `((${ah} < ${bh}) | ((${ah} === ${bh}) & ((${al} ^ (-2147483648)) < (${bl} ^ (-2147483648)))))`;
}

/** Unsigned a < b (64-bit). */
function ltu(al: string, ah: string, bl: string, bh: string): string {
  return `(((${ah} ^ (-2147483648)) < (${bh} ^ (-2147483648))) | ((${ah} === ${bh}) & ((${al} ^ (-2147483648)) < (${bl} ^ (-2147483648)))))`;
}

/** a === b (64-bit). */
function eq(al: string, ah: string, bl: string, bh: string): string {
  if (bl === "0" && bh === "0") return `((${al} | ${ah}) === 0)`;
  return `(((${al} ^ ${bl}) | (${ah} ^ ${bh})) === 0)`;
}

/** A two-operand helper call whose 64-bit result is `rt.fn(...)` low, `rt.h` high. */
function callPair(e: Emitter, rd: number, fn: string, args: string[]): void {
  if (rd === 0) return;
  const t = e.tmp();
  e.stmt(`${t} = rt.${fn}(${args.join(", ")});`);
  set(e, rd, t, "rt.h");
}

function rrArgs(e: Emitter, i: RvInsn): string[] {
  return [lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2), hi(e, i.rs2)];
}

function illegal(e: Emitter): void {
  e.stmt(e.leave(e.num(e.pc), T_ILLEGAL));
  e.ended = true;
}

/** The address of a load or store: offset temp for rs1 + imm. */
function addr(e: Emitter, i: RvInsn, size: number, write: boolean): string {
  return e.access(lo(e, i.rs1), hi(e, i.rs1), i.imm, size, write);
}

function load(kind: "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64"): RvSemantics {
  const size = kind === "i64" ? 8 : kind.endsWith("32") ? 4 : kind.endsWith("16") ? 2 : 1;
  return (i, e) => {
    const o = addr(e, i, size, false);
    if (i.rd === 0) return;
    switch (kind) {
      case "i8":
        return setW(e, i.rd, `dv.getInt8(${o})`);
      case "u8":
        return set(e, i.rd, `dv.getUint8(${o})`, "0");
      case "i16":
        return setW(e, i.rd, `dv.getInt16(${o}, true)`);
      case "u16":
        return set(e, i.rd, `dv.getUint16(${o}, true)`, "0");
      case "i32":
        return setW(e, i.rd, `dv.getInt32(${o}, true)`);
      case "u32":
        return set(e, i.rd, `dv.getInt32(${o}, true)`, "0");
      case "i64":
        return set(e, i.rd, `dv.getInt32(${o}, true)`, `dv.getInt32(${o} + 4, true)`);
    }
  };
}

function store(size: 1 | 2 | 4 | 8): RvSemantics {
  return (i, e) => {
    const o = addr(e, i, size, true);
    const v = lo(e, i.rs2);
    if (size === 1) e.stmt(`dv.setInt8(${o}, ${v});`);
    else if (size === 2) e.stmt(`dv.setInt16(${o}, ${v}, true);`);
    else if (size === 4) e.stmt(`dv.setInt32(${o}, ${v}, true);`);
    else e.stmt(`dv.setInt32(${o}, ${v}, true); dv.setInt32(${o} + 4, ${hi(e, i.rs2)}, true);`);
  };
}

function branch(cond: (al: string, ah: string, bl: string, bh: string) => string): RvSemantics {
  return (i, e) => {
    e.branch(cond(lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2), hi(e, i.rs2)), e.pc + i.imm);
  };
}

/** Write a pc-sized number into rd (jal/jalr link, auipc). */
function setPc(e: Emitter, rd: number, value: number): void {
  const l = value % 4294967296;
  set(e, rd, e.num(l | 0), e.num(Math.floor(value / 4294967296) | 0));
}

/** The AMO address: rs1 with no offset, aligned, readable and writable. */
function amoAddr(e: Emitter, i: RvInsn, size: number, write: boolean): string {
  const o = e.access(lo(e, i.rs1), hi(e, i.rs1), 0, size, write);
  e.stmt(
    `if ((${o} & ${size - 1}) !== 0) { s.faultAddr = ${o} + ${e.num(e.windowHi)} * 4294967296; ` +
      `s.faultAccess = 2; ${e.leave(e.num(e.pc), T_FAULT)} }`,
  );
  return o;
}

type AmoOp = "swap" | "add" | "xor" | "and" | "or" | "min" | "max" | "minu" | "maxu";

function amoW(op: AmoOp): RvSemantics {
  return (i, e) => {
    const o = amoAddr(e, i, 4, true);
    const old = e.tmp();
    const b = lo(e, i.rs2);
    e.stmt(`${old} = dv.getInt32(${o}, true);`);
    const nv: Record<AmoOp, string> = {
      swap: b,
      add: `(${old} + ${b}) | 0`,
      xor: `${old} ^ ${b}`,
      and: `${old} & ${b}`,
      or: `${old} | ${b}`,
      min: `${old} < ${b} ? ${old} : ${b}`,
      max: `${old} > ${b} ? ${old} : ${b}`,
      minu: `(${old} ^ (-2147483648)) < (${b} ^ (-2147483648)) ? ${old} : ${b}`,
      maxu: `(${old} ^ (-2147483648)) > (${b} ^ (-2147483648)) ? ${old} : ${b}`,
    };
    e.stmt(`dv.setInt32(${o}, ${nv[op]}, true);`);
    setW(e, i.rd, old);
  };
}

function amoD(op: AmoOp): RvSemantics {
  return (i, e) => {
    const o = amoAddr(e, i, 8, true);
    const ol = e.tmp(), oh = e.tmp(), nl = e.tmp(), nh = e.tmp();
    const bl = lo(e, i.rs2), bh = hi(e, i.rs2);
    e.stmt(`${ol} = dv.getInt32(${o}, true); ${oh} = dv.getInt32(${o} + 4, true);`);
    switch (op) {
      case "swap":
        e.stmt(`${nl} = ${bl}; ${nh} = ${bh};`);
        break;
      case "add":
        e.stmt(
          `${nl} = (${ol} + ${bl}) | 0; ${nh} = (${oh} + ${bh} + ((${nl} ^ (-2147483648)) < (${ol} ^ (-2147483648)) ? 1 : 0)) | 0;`,
        );
        break;
      case "xor":
      case "and":
      case "or": {
        const j = op === "xor" ? "^" : op === "and" ? "&" : "|";
        e.stmt(`${nl} = ${ol} ${j} ${bl}; ${nh} = ${oh} ${j} ${bh};`);
        break;
      }
      default: {
        const less = op === "min" || op === "max" ? lt(ol, oh, bl, bh) : ltu(ol, oh, bl, bh);
        const takeOld = op === "min" || op === "minu" ? less : `!${less}`;
        e.stmt(
          `if (${takeOld}) { ${nl} = ${ol}; ${nh} = ${oh}; } else { ${nl} = ${bl}; ${nh} = ${bh}; }`,
        );
      }
    }
    e.stmt(`dv.setInt32(${o}, ${nl}, true); dv.setInt32(${o} + 4, ${nh}, true);`);
    set(e, i.rd, ol, oh);
  };
}

// CSR numbers we implement.
const CSR_FFLAGS = 0x001;
const CSR_FRM = 0x002;
const CSR_FCSR = 0x003;
const CSR_CYCLE = 0xc00;
const CSR_TIME = 0xc01;
const CSR_INSTRET = 0xc02;

function csr(kind: "w" | "s" | "c", imm: boolean): RvSemantics {
  return (i, e) => {
    const c = i.csr;
    // Does this instruction write the CSR? csrrs/csrrc with x0 (or zimm 0) do not.
    const writes = kind === "w" || (imm ? i.imm !== 0 : i.rs1 !== 0);
    const src = imm ? e.num(i.imm) : lo(e, i.rs1);
    const readOnly = c === CSR_CYCLE || c === CSR_TIME || c === CSR_INSTRET;
    const known = readOnly || c === CSR_FFLAGS || c === CSR_FRM || c === CSR_FCSR;
    if (!known || (readOnly && writes)) return illegal(e);
    const old = e.tmp();
    if (readOnly) {
      const v = c === CSR_TIME ? "rt.rdtime()" : `s.retired + (s.sliceBudget - ${e.budget})`;
      e.stmt(`${old} = ${v};`);
      set(e, i.rd, `${old} | 0`, `Math.floor(${old} / 4294967296) | 0`);
      return;
    }
    const read = c === CSR_FFLAGS
      ? "s.fflags"
      : c === CSR_FRM
      ? "s.frm"
      : "(s.frm << 5) | s.fflags";
    e.stmt(`${old} = ${read};`);
    if (writes) {
      const v = e.tmp();
      const nv = kind === "w" ? src : kind === "s" ? `${old} | ${src}` : `${old} & ~${src}`;
      e.stmt(`${v} = ${nv};`);
      if (c === CSR_FFLAGS) e.stmt(`s.fflags = ${v} & 31;`);
      else if (c === CSR_FRM) e.stmt(`s.frm = ${v} & 7;`);
      else e.stmt(`s.fflags = ${v} & 31; s.frm = (${v} >>> 5) & 7;`);
    }
    set(e, i.rd, old, "0");
  };
}

/** Bitwise op on both halves. */
function bitwise(op: "&" | "|" | "^", useImm: boolean, invertB = false, invertR = false) {
  return (i: RvInsn, e: Emitter) => {
    const [bl, bh] = opB(e, i, useImm);
    const nb = (x: string) => invertB ? `~${x}` : x;
    const w = (x: string) => invertR ? `~(${x})` : x;
    let h = w(`${hi(e, i.rs1)} ${op} ${nb(bh)}`);
    if (useImm && !invertB && !invertR) {
      // The high half of a sign-extended 12-bit immediate is 0 or -1.
      const ah = hi(e, i.rs1);
      if (bh === "0") h = op === "&" ? "0" : ah;
      else h = op === "&" ? ah : op === "|" ? "(-1)" : `~${ah}`;
    }
    set(e, i.rd, w(`${lo(e, i.rs1)} ${op} ${nb(bl)}`), h);
  };
}

/** rd = rs2 + (zext32?(rs1) << sh). */
function shAdd(sh: number, uw: boolean): RvSemantics {
  return (i, e) => {
    const al = lo(e, i.rs1), ah = uw ? "0" : hi(e, i.rs1);
    const [l, h] = shlConst(e, al, ah, sh);
    const tl = e.tmp(), th = e.tmp();
    e.stmt(`${tl} = (${l}) | 0; ${th} = (${h}) | 0;`);
    add64(e, i.rd, tl, th, lo(e, i.rs2), hi(e, i.rs2));
  };
}

function minmax(signed: boolean, max: boolean): RvSemantics {
  return (i, e) => {
    const al = lo(e, i.rs1), ah = hi(e, i.rs1), bl = lo(e, i.rs2), bh = hi(e, i.rs2);
    const less = signed ? lt(al, ah, bl, bh) : ltu(al, ah, bl, bh);
    const c = e.tmp();
    e.stmt(`${c} = ${max ? `!${less}` : less};`);
    set(e, i.rd, `${c} ? ${al} : ${bl}`, `${c} ? ${ah} : ${bh}`);
  };
}

const bswap = (x: string) =>
  `((${x} << 24) | ((${x} & 65280) << 8) | ((${x} >>> 8) & 65280) | (${x} >>> 24))`;

/** Every integer instruction's semantics, by mnemonic. */
export const INT_SEMANTICS: Record<string, RvSemantics> = {
  lui: (i, e) => set(e, i.rd, e.num(i.imm | 0), e.num(i.imm < 0 ? -1 : 0)),
  auipc: (i, e) => setPc(e, i.rd, e.pc + i.imm),
  jal: (i, e) => {
    setPc(e, i.rd, e.next);
    e.jumpTo(e.pc + i.imm);
  },
  jalr: (i, e) => {
    const tl = e.tmp(), th = e.tmp();
    const al = lo(e, i.rs1), ah = hi(e, i.rs1);
    const [il, ih] = immPair(e, i.imm);
    e.stmt(`${tl} = (${al} + ${il}) | 0;`);
    e.stmt(
      `${th} = (${ah} + ${ih} + ((${tl} ^ (-2147483648)) < (${al} ^ (-2147483648)) ? 1 : 0)) | 0;`,
    );
    setPc(e, i.rd, e.next);
    // Unsigned, as jumpDynamic wants: a target at or above 2^63 must not become negative.
    e.jumpDynamic(`(${th} >>> 0) * 4294967296 + ((${tl} & -2) >>> 0)`);
  },
  beq: branch(eq),
  bne: branch((a, b, c, d) => `!${eq(a, b, c, d)}`),
  blt: branch(lt),
  bge: branch((a, b, c, d) => `!${lt(a, b, c, d)}`),
  bltu: branch(ltu),
  bgeu: branch((a, b, c, d) => `!${ltu(a, b, c, d)}`),
  lb: load("i8"),
  lh: load("i16"),
  lw: load("i32"),
  ld: load("i64"),
  lbu: load("u8"),
  lhu: load("u16"),
  lwu: load("u32"),
  sb: store(1),
  sh: store(2),
  sw: store(4),
  sd: store(8),
  addi: (i, e) => {
    if (i.rs1 === 0) return set(e, i.rd, e.num(i.imm | 0), e.num(i.imm < 0 ? -1 : 0));
    if (i.imm === 0) return set(e, i.rd, lo(e, i.rs1), hi(e, i.rs1));
    const [bl, bh] = immPair(e, i.imm);
    add64(e, i.rd, lo(e, i.rs1), hi(e, i.rs1), bl, bh);
  },
  slti: (i, e) => {
    const [bl, bh] = immPair(e, i.imm);
    setBool(e, i.rd, lt(lo(e, i.rs1), hi(e, i.rs1), bl, bh));
  },
  sltiu: (i, e) => {
    const [bl, bh] = immPair(e, i.imm);
    setBool(e, i.rd, ltu(lo(e, i.rs1), hi(e, i.rs1), bl, bh));
  },
  xori: bitwise("^", true),
  ori: bitwise("|", true),
  andi: bitwise("&", true),
  slli: (i, e) => setShift(e, i.rd, shlConst(e, lo(e, i.rs1), hi(e, i.rs1), i.imm)),
  srli: (i, e) => setShift(e, i.rd, shrConst(e, lo(e, i.rs1), hi(e, i.rs1), i.imm)),
  srai: (i, e) => setShift(e, i.rd, sarConst(e, lo(e, i.rs1), hi(e, i.rs1), i.imm)),
  add: (i, e) => add64(e, i.rd, lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2), hi(e, i.rs2)),
  sub: (i, e) => sub64(e, i.rd, lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2), hi(e, i.rs2)),
  sll: (i, e) => shiftDyn(e, i, "shl"),
  srl: (i, e) => shiftDyn(e, i, "shr"),
  sra: (i, e) => shiftDyn(e, i, "sar"),
  slt: (i, e) => setBool(e, i.rd, lt(lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2), hi(e, i.rs2))),
  sltu: (i, e) => setBool(e, i.rd, ltu(lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2), hi(e, i.rs2))),
  xor: bitwise("^", false),
  or: bitwise("|", false),
  and: bitwise("&", false),
  fence: () => {},
  "fence.i": (_i, e) => e.trap(T_FLUSH, e.next),
  ecall: (_i, e) => e.trap(T_SYSCALL, e.next),
  ebreak: (_i, e) => e.trap(T_BREAK, e.next),
  addiw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} + ${e.num(i.imm)}`),
  slliw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} << ${e.num(i.imm)}`),
  srliw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} >>> ${e.num(i.imm)}`),
  sraiw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} >> ${e.num(i.imm)}`),
  addw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} + ${lo(e, i.rs2)}`),
  subw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} - ${lo(e, i.rs2)}`),
  sllw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} << (${lo(e, i.rs2)} & 31)`),
  srlw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} >>> (${lo(e, i.rs2)} & 31)`),
  sraw: (i, e) => setW(e, i.rd, `${lo(e, i.rs1)} >> (${lo(e, i.rs2)} & 31)`),

  // M
  mul: (i, e) => callPair(e, i.rd, "mul", rrArgs(e, i)),
  mulh: (i, e) => callPair(e, i.rd, "mulh", rrArgs(e, i)),
  mulhsu: (i, e) => callPair(e, i.rd, "mulhsu", rrArgs(e, i)),
  mulhu: (i, e) => callPair(e, i.rd, "mulhu", rrArgs(e, i)),
  div: (i, e) => callPair(e, i.rd, "div", rrArgs(e, i)),
  divu: (i, e) => callPair(e, i.rd, "divu", rrArgs(e, i)),
  rem: (i, e) => callPair(e, i.rd, "rem", rrArgs(e, i)),
  remu: (i, e) => callPair(e, i.rd, "remu", rrArgs(e, i)),
  mulw: (i, e) => setW(e, i.rd, `Math.imul(${lo(e, i.rs1)}, ${lo(e, i.rs2)})`),
  divw: (i, e) => setW(e, i.rd, `rt.divw(${lo(e, i.rs1)}, ${lo(e, i.rs2)})`),
  divuw: (i, e) => setW(e, i.rd, `rt.divuw(${lo(e, i.rs1)}, ${lo(e, i.rs2)})`),
  remw: (i, e) => setW(e, i.rd, `rt.remw(${lo(e, i.rs1)}, ${lo(e, i.rs2)})`),
  remuw: (i, e) => setW(e, i.rd, `rt.remuw(${lo(e, i.rs1)}, ${lo(e, i.rs2)})`),

  // A
  "lr.w": (i, e) => {
    const o = amoAddr(e, i, 4, false);
    e.stmt(`s.resv = ${o};`);
    setW(e, i.rd, `dv.getInt32(${o}, true)`);
  },
  "lr.d": (i, e) => {
    const o = amoAddr(e, i, 8, false);
    e.stmt(`s.resv = ${o};`);
    set(e, i.rd, `dv.getInt32(${o}, true)`, `dv.getInt32(${o} + 4, true)`);
  },
  "sc.w": (i, e) => {
    const o = amoAddr(e, i, 4, true);
    const ok = e.tmp();
    e.stmt(`${ok} = s.resv === ${o}; s.resv = -1;`);
    e.stmt(`if (${ok}) dv.setInt32(${o}, ${lo(e, i.rs2)}, true);`);
    set(e, i.rd, `${ok} ? 0 : 1`, "0");
  },
  "sc.d": (i, e) => {
    const o = amoAddr(e, i, 8, true);
    const ok = e.tmp();
    e.stmt(`${ok} = s.resv === ${o}; s.resv = -1;`);
    e.stmt(
      `if (${ok}) { dv.setInt32(${o}, ${lo(e, i.rs2)}, true); dv.setInt32(${o} + 4, ${
        hi(e, i.rs2)
      }, true); }`,
    );
    set(e, i.rd, `${ok} ? 0 : 1`, "0");
  },
  "amoswap.w": amoW("swap"),
  "amoadd.w": amoW("add"),
  "amoxor.w": amoW("xor"),
  "amoand.w": amoW("and"),
  "amoor.w": amoW("or"),
  "amomin.w": amoW("min"),
  "amomax.w": amoW("max"),
  "amominu.w": amoW("minu"),
  "amomaxu.w": amoW("maxu"),
  "amoswap.d": amoD("swap"),
  "amoadd.d": amoD("add"),
  "amoxor.d": amoD("xor"),
  "amoand.d": amoD("and"),
  "amoor.d": amoD("or"),
  "amomin.d": amoD("min"),
  "amomax.d": amoD("max"),
  "amominu.d": amoD("minu"),
  "amomaxu.d": amoD("maxu"),

  // Zicsr
  csrrw: csr("w", false),
  csrrs: csr("s", false),
  csrrc: csr("c", false),
  csrrwi: csr("w", true),
  csrrsi: csr("s", true),
  csrrci: csr("c", true),

  // Zba
  "add.uw": (i, e) => add64(e, i.rd, lo(e, i.rs1), "0", lo(e, i.rs2), hi(e, i.rs2)),
  sh1add: shAdd(1, false),
  sh2add: shAdd(2, false),
  sh3add: shAdd(3, false),
  "sh1add.uw": shAdd(1, true),
  "sh2add.uw": shAdd(2, true),
  "sh3add.uw": shAdd(3, true),
  "slli.uw": (i, e) => setShift(e, i.rd, shlConst(e, lo(e, i.rs1), "0", i.imm)),

  // Zbb
  andn: bitwise("&", false, true),
  orn: bitwise("|", false, true),
  xnor: bitwise("^", false, false, true),
  clz: (i, e) => {
    const h = hi(e, i.rs1);
    set(e, i.rd, `${h} !== 0 ? Math.clz32(${h}) : 32 + Math.clz32(${lo(e, i.rs1)})`, "0");
  },
  clzw: (i, e) => set(e, i.rd, `Math.clz32(${lo(e, i.rs1)})`, "0"),
  ctz: (i, e) => set(e, i.rd, `rt.ctz64(${lo(e, i.rs1)}, ${hi(e, i.rs1)})`, "0"),
  ctzw: (i, e) => set(e, i.rd, `rt.ctz32(${lo(e, i.rs1)})`, "0"),
  cpop: (i, e) => set(e, i.rd, `rt.pop32(${lo(e, i.rs1)}) + rt.pop32(${hi(e, i.rs1)})`, "0"),
  cpopw: (i, e) => set(e, i.rd, `rt.pop32(${lo(e, i.rs1)})`, "0"),
  max: minmax(true, true),
  maxu: minmax(false, true),
  min: minmax(true, false),
  minu: minmax(false, false),
  "sext.b": (i, e) => setW(e, i.rd, `(${lo(e, i.rs1)} << 24) >> 24`),
  "sext.h": (i, e) => setW(e, i.rd, `(${lo(e, i.rs1)} << 16) >> 16`),
  "zext.h": (i, e) => set(e, i.rd, `${lo(e, i.rs1)} & 65535`, "0"),
  rol: (i, e) => callPair(e, i.rd, "rol", [lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2)]),
  ror: (i, e) => callPair(e, i.rd, "ror", [lo(e, i.rs1), hi(e, i.rs1), lo(e, i.rs2)]),
  rori: (i, e) => callPair(e, i.rd, "ror", [lo(e, i.rs1), hi(e, i.rs1), e.num(i.imm)]),
  rolw: (i, e) => {
    const a = lo(e, i.rs1), s = `(${lo(e, i.rs2)} & 31)`;
    setW(e, i.rd, `(${a} << ${s}) | (${a} >>> ((32 - ${s}) & 31))`);
  },
  rorw: (i, e) => {
    const a = lo(e, i.rs1), s = `(${lo(e, i.rs2)} & 31)`;
    setW(e, i.rd, `(${a} >>> ${s}) | (${a} << ((32 - ${s}) & 31))`);
  },
  roriw: (i, e) => {
    const a = lo(e, i.rs1), s = i.imm & 31;
    setW(e, i.rd, s === 0 ? a : `(${a} >>> ${e.num(s)}) | (${a} << ${e.num(32 - s)})`);
  },
  "orc.b": (i, e) => set(e, i.rd, `rt.orcb(${lo(e, i.rs1)})`, `rt.orcb(${hi(e, i.rs1)})`),
  rev8: (i, e) => set(e, i.rd, `${bswap(hi(e, i.rs1))} | 0`, `${bswap(lo(e, i.rs1))} | 0`),
};
