/**
 * AT&T-syntax disassembly of decoded x86-64 instructions, matching GNU
 * objdump 2.40 `objdump -d` text (without the `<symbol>` annotations).
 * @module
 */

import {
  D64,
  F64,
  O_IMM,
  O_MEM,
  O_MMX,
  O_ONE,
  O_REG,
  O_REL,
  O_ST,
  O_XMM,
  type Operand,
  P_OPSIZE,
  P_REP,
  P_REPNE,
  STRING,
  type X86Insn,
} from "./decode.ts";
import { COND_NAMES } from "./table.ts";

const R64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"];
const R32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const R16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"];
const R8 = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"];
const R8H = ["ah", "ch", "dh", "bh"];
const SEGS = ["es", "cs", "ss", "ds", "fs", "gs"];

/** The name of general register `n` at `size` bytes (without `%`). */
export function gprName(n: number, size: number, h8 = false): string {
  if (h8) return R8H[n];
  if (n < 8) {
    return size === 8 ? R64[n] : size === 4 ? R32[n] : size === 2 ? R16[n] : R8[n];
  }
  const s = size === 8 ? "" : size === 4 ? "d" : size === 2 ? "w" : "b";
  return `r${n}${s}`;
}

function hex(n: number): string {
  return "0x" + n.toString(16);
}

/** Unsigned 64-bit value of (lo, hi) truncated to `size` bytes, as hex. */
function uhex(lo: number, hi: number, size: number): string {
  if (size >= 8) {
    if (hi === 0) return hex(lo >>> 0);
    return "0x" + (hi >>> 0).toString(16) + (lo >>> 0).toString(16).padStart(8, "0");
  }
  const v = size === 4 ? lo >>> 0 : size === 2 ? lo & 0xffff : lo & 0xff;
  return hex(v);
}

/** An address as objdump prints it: unsigned hex modulo 2^64 (2^32 with 67). */
function addrHex(a: number, size: number): string {
  let b = BigInt(a);
  b = size === 4 ? BigInt.asUintN(32, b) : BigInt.asUintN(64, b);
  return b.toString(16);
}

function sdisp(d: number): string {
  return d < 0 ? "-" + hex(-d) : hex(d);
}

const CMP_PRED = ["eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"];

const SUFFIX: Record<number, string> = { 1: "b", 2: "w", 4: "l", 8: "q" };

function memText(i: X86Insn, o: Operand, pc: number, stringOp: "X" | "Y" | null): string {
  const areg = (n: number) => "%" + gprName(n, i.asize);
  let seg = "";
  if (stringOp === "Y") seg = "%es:";
  else if (i.seg >= 4) seg = "%" + SEGS[i.seg] + ":";
  else if (stringOp === "X") seg = "%ds:";
  if (stringOp) return seg + "(" + areg(o.base) + ")";
  if (o.abs) return seg + uhex(o.disp, o.dispHi, i.asize);
  if (o.rip) return seg + sdisp(o.disp) + (i.asize === 4 ? "(%eip)" : "(%rip)");
  void pc;
  const sib = (i.modrm & 7) === 4;
  if (o.base < 0 && o.index < 0 && !(sib && o.scale !== 1)) {
    // SIB with neither base nor index: an absolute disp32.
    return seg + uhex(o.disp, o.disp < 0 ? -1 : 0, i.asize);
  }
  const hasDisp = (i.modrm >> 6) !== 0 || o.base < 0;
  let s = seg + (hasDisp ? sdisp(o.disp) : "") + "(";
  if (o.base >= 0) s += areg(o.base);
  if (o.index >= 0) s += "," + areg(o.index) + "," + o.scale;
  else if (sib && ((i.modrm >> 6) === 3 ? false : (o.base & 7) !== 4 || o.scale !== 1)) {
    s += (i.asize === 4 ? ",%eiz," : ",%riz,") + o.scale;
  }
  return s + ")";
}

function opText(i: X86Insn, o: Operand, pc: number, k: string): string {
  switch (o.t) {
    case O_REG:
      return "%" + gprName(o.reg, o.size, o.h8);
    case O_XMM:
      return "%xmm" + o.reg;
    case O_MMX:
      return "%mm" + o.reg;
    case O_ST:
      return o.reg === 0 && k === "ST0" ? "%st" : `%st(${o.reg})`;
    case O_MEM:
      return memText(i, o, pc, k === "X" || k === "Y" ? k : k === "Bb" ? "X" : null);
    case O_IMM:
      return "$" + uhex(o.imm, o.immHi, o.size);
    case O_REL:
      return addrHex(pc + i.len + o.imm, 8);
    case O_ONE:
      return "";
  }
  return "?";
}

function sizeSuffix(i: X86Insn, n: number): string {
  const o = i.ops[n];
  return o ? SUFFIX[o.size] ?? "" : "";
}

function mnemonic(i: X86Insn): string {
  const row = i.row;
  const t = row.att;
  if (i.op === "cbw") return i.opsize === 2 ? "cbtw" : i.opsize === 4 ? "cwtl" : "cltq";
  if (i.op === "cwd") return i.opsize === 2 ? "cwtd" : i.opsize === 4 ? "cltd" : "cqto";
  if (i.op === "push" || i.op === "pop") {
    return i.op + (i.opsize === 2 && i.ops[0]?.t !== O_REG ? "w" : "");
  }
  if (i.op === "mov" && i.ops[1]?.t === O_IMM && i.ops[1].size === 8 && i.row.plus) return "movabs";
  if (row.op.startsWith("cmp") && /^cmp(ps|pd|ss|sd)$/.test(row.op)) {
    const imm = i.ops[2].imm & 255;
    if (imm < 8) return "cmp" + CMP_PRED[imm] + row.op.slice(3);
  }
  if (i.op === "rdssp" || i.op === "incssp") return i.op + (i.opsize === 8 ? "q" : "d");
  if (i.op.startsWith("pcmpestr") && (i.rex & 8)) return i.op + "q";
  if (i.op === "pclmulqdq") {
    const imm = i.ops[2].imm & 255;
    if ((imm & 0xee) === 0) {
      return "pclmul" + (imm & 1 ? "h" : "l") + "q" + (imm & 16 ? "h" : "l") + "qdq";
    }
  }
  if (t === undefined) {
    let m = i.op;
    if (m === "pushf" || m === "popf") m += i.opsize === 2 ? "w" : "";
    else if (m === "call" || m === "jmp") {
      if (i.ops[0]?.t === O_MEM || i.ops[0]?.t === O_REG) return m;
    } else if (m === "ret" && i.opsize === 2) m = "retw";
    else if (m === "enter" || m === "leave") m += i.opsize === 2 ? "w" : "";
    return m;
  }
  let out = "";
  for (let k = 0; k < t.length; k++) {
    const c = t[k];
    if (c !== "%") {
      out += c;
      continue;
    }
    const d = t[++k];
    if (d === "S") {
      // Suffix when no operand is a register that fixes the size.
      const hasReg = i.ops.some((o, n) =>
        (o.t === O_REG || o.t === O_XMM || o.t === O_MMX) && row.spec[n].k !== "CL"
      );
      if (!hasReg) out += sizeSuffix(i, 0);
    } else if (d === "C") out += COND_NAMES[i.cond];
    else if (d === "m") {
      const n = +t[++k];
      if (i.ops[n]?.t === O_MEM) out += sizeSuffix(i, n);
    } else out += sizeSuffix(i, +d);
  }
  return out;
}

/** The REX bits an instruction uses (0x40 set when the prefix matters at all). */
function rexUsed(i: X86Insn): number {
  let u = 0;
  const row = i.row;
  const mod = i.modrm >> 6;
  if (!(row.flags & (D64 | F64))) {
    if (row.w >= 0 || i.op === "cbw" || i.op === "cwd") u |= 8;
    if (i.op.startsWith("pcmpestr")) u |= 8;
    for (const s of row.spec) if (s.sz === "v" || s.sz === "y" || s.sz === "z") u |= 8;
  }
  if (i.op === "push" || i.op === "pop") {
    if (row.spec[0]?.k === "E" && i.opsize === 2) u |= 0;
  }
  for (let n = 0; n < row.spec.length; n++) {
    const k = row.spec[n].k;
    const o = i.ops[n];
    if (k === "G" || k === "V") u |= 4;
    if (k === "Z") u |= 1;
    if (
      (k === "E" || k === "M" || k === "W" || k === "R" || k === "U" || (k === "Q" && mod !== 3)) &&
      o
    ) {
      if (mod === 3) u |= 1;
      else {
        if ((i.modrm & 7) === 4) u |= 2;
        u |= 1;
      }
    }
    if (o && o.t === O_REG && o.size === 1 && !o.h8 && o.reg >= 4 && o.reg < 8) u |= 0x40;
  }
  if (u & i.rex & 15) u |= 0x40;
  return u;
}

/**
 * Disassemble `insn` at `pc` as objdump -d prints it (AT&T syntax), minus
 * the ` <symbol>` annotations.
 *
 * @example
 * ```ts
 * disasm(decode(new Uint8Array([0x48, 0x89, 0xe5]), 0)!, 0x1000); // "mov    %rsp,%rbp"
 * ```
 */
export function disasm(i: X86Insn, pc: number): string {
  let m = mnemonic(i);
  const pre: string[] = [];
  const string = (i.row.flags & STRING) !== 0;
  const hasMem = i.ops.some((o, n) => o.t === O_MEM && i.row.spec[n].k !== "Y");
  const branchy = i.op === "call" || i.op === "jmp" || i.op === "ret" || i.op === "jcc";
  const n66 = i.prefixes.filter((b) => b === 0x66).length;
  let seen66 = 0;
  let lastSeg = -1;
  i.prefixes.forEach((b, k) => {
    if (b === 0x26 || b === 0x2e || b === 0x36 || b === 0x3e || b === 0x64 || b === 0x65) {
      lastSeg = k;
    }
  });
  i.prefixes.forEach((b, k) => {
    switch (b) {
      case 0xf0:
        pre.push("lock");
        break;
      case 0xf3:
        if (i.pfx & P_REP) {
          pre.push(string && i.op !== "cmps" && i.op !== "scas" ? "rep" : "repz");
        }
        break;
      case 0xf2:
        if (i.pfx & P_REPNE) pre.push(branchy && !string ? "bnd" : "repnz");
        break;
      case 0x66:
        seen66++;
        if (
          !(seen66 === n66 &&
            ((i.pfx & P_OPSIZE) === 0 || i.opsize === 2 || (i.pfxTable && i.row.map !== 0) ||
              (i.row.map === 1 &&
                (i.row.opc === 0x18 || i.row.opc === 0x1c || i.row.opc === 0x1e))))
        ) pre.push("data16");
        break;
      case 0x67:
        if (!hasMem || k < 0) pre.push("addr32");
        break;
      default: {
        const seg = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65].indexOf(b);
        if (seg >= 4 && k === lastSeg && hasMem) break;
        if (
          seg === 3 && k === lastSeg && (i.op === "jmp" || i.op === "call") && i.ops[0]?.t !== O_REL
        ) {
          pre.push("notrack");
        } else if ((seg === 1 || seg === 3) && i.op === "jcc" && k === lastSeg) {
          m += seg === 1 ? ",pn" : ",pt";
        } else pre.push(SEGS[seg]);
      }
    }
  });
  if (i.rex) {
    const used = rexUsed(i);
    if ((i.rex & 15 & ~used) !== 0 || (used & 0x40) === 0) {
      const bits = (i.rex & 8 ? "W" : "") + (i.rex & 4 ? "R" : "") + (i.rex & 2 ? "X" : "") +
        (i.rex & 1 ? "B" : "");
      pre.push(bits ? "rex." + bits : "rex");
    }
  }
  if (pre.length) m = pre.join(" ") + " " + m;
  const parts: string[] = [];
  const spec = i.row.spec;
  const order = i.op === "enter"
    ? i.ops.map((_, k) => k)
    : i.ops.map((_, k) => i.ops.length - 1 - k);
  const last = m.split(" ").pop()!;
  const dropImm = /^pclmul[lh]q[lh]qdq$/.test(last) ||
    /^cmp(eq|lt|le|unord|neq|nlt|nle|ord)(ps|pd|ss|sd)$/.test(last);
  for (const n of order) {
    const o = i.ops[n];
    if (o.t === O_ONE) continue;
    if (dropImm && o.t === O_IMM) continue;
    let s = opText(i, o, pc, spec[n].k);
    if ((i.op === "call" || i.op === "jmp") && (o.t === O_REG || o.t === O_MEM)) s = "*" + s;
    parts.push(s);
  }
  let text = parts.length ? m.padEnd(6) + " " + parts.join(",") : m;
  const rip = i.ops.find((o) => o.t === O_MEM && o.rip);
  if (rip) {
    text += "        # " + addrHex(pc + i.len + rip.disp, i.asize);
  }
  return text;
}
