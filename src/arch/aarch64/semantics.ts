/**
 * AArch64 integer, branch, system and load/store semantics, each written once
 * as an emitter of JS source (keyed by the table's op names). The JIT emits
 * regions from them; interpreter mode emits one instruction at a time.
 *
 * Values are int32 pairs kept `|0`; 32-bit (W) results are zero-extended.
 * Longer operations call helpers in runtime.ts (`rt.*`).
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { T_BREAK, T_FAULT, T_ILLEGAL, T_SYSCALL } from "../../engine/trap.ts";
import { type A64Insn, bits, decodeBitMask, sext } from "./decode.ts";
import { SLOT_C, SLOT_N, SLOT_TPIDR, SLOT_V, SLOT_Z } from "./cpu.ts";
import { cond, rh, rl, set32, set64, setFlags, setFlagsConst, setFlagsFrom, setW } from "./regs.ts";

/** An emitter of one instruction's semantics. */
export type A64Semantics = (i: A64Insn, e: Emitter) => void;

type Pair = [string, string];

/** Leave the region with SIGILL at this instruction. */
export function illegal(e: Emitter): void {
  e.stmt(`s.pc = ${e.num(e.pc)}; ${e.exit(T_ILLEGAL)}`);
  e.ended = true;
}

/** int32 halves of a 64-bit value given as bigint. */
function halves(v: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))];
}

function constPair(e: Emitter, v: bigint): Pair {
  const [l, h] = halves(v);
  return [e.num(l), e.num(h)];
}

/** Store an expression in a fresh temp, returning its name. */
function tmp(e: Emitter, expr: string): string {
  const t = e.tmp();
  e.stmt(`${t} = ${expr};`);
  return t;
}

// ---- constant 64-bit shifts (n in 0..63), results in temps ----

function shl64(e: Emitter, [l, h]: Pair, n: number): Pair {
  if (n === 0) return [l, h];
  if (n < 32) return [tmp(e, `${l} << ${n}`), tmp(e, `(${h} << ${n}) | (${l} >>> ${32 - n})`)];
  return ["0", tmp(e, n === 32 ? `${l} | 0` : `${l} << ${n - 32}`)];
}

function lsr64(e: Emitter, [l, h]: Pair, n: number): Pair {
  if (n === 0) return [l, h];
  if (n < 32) return [tmp(e, `(${l} >>> ${n}) | (${h} << ${32 - n})`), tmp(e, `${h} >>> ${n} | 0`)];
  return [tmp(e, n === 32 ? `${h} | 0` : `${h} >>> ${n - 32} | 0`), "0"];
}

function asr64(e: Emitter, [l, h]: Pair, n: number): Pair {
  if (n === 0) return [l, h];
  if (n < 32) return [tmp(e, `(${l} >>> ${n}) | (${h} << ${32 - n})`), tmp(e, `${h} >> ${n}`)];
  return [tmp(e, n === 32 ? `${h} | 0` : `${h} >> ${n - 32}`), tmp(e, `${h} >> 31`)];
}

function ror64(e: Emitter, p: Pair, n: number): Pair {
  if (n === 0) return p;
  const a = lsr64(e, p, n), b = shl64(e, p, 64 - n);
  return [tmp(e, `${a[0]} | ${b[0]}`), tmp(e, `${a[1]} | ${b[1]}`)];
}

function mask64(w: number): bigint {
  return w >= 64 ? 0xffffffffffffffffn : (1n << BigInt(w)) - 1n;
}

/** Shifted register operand (shift type 0..3, amount constant). */
function shifted(e: Emitter, sf: number, r: number, type: number, amt: number): Pair {
  const p: Pair = [rl(e, r), rh(e, r)];
  if (amt === 0) return p;
  if (!sf) {
    const l = p[0];
    switch (type) {
      case 0:
        return [tmp(e, `${l} << ${amt}`), "0"];
      case 1:
        return [tmp(e, `${l} >>> ${amt} | 0`), "0"];
      case 2:
        return [tmp(e, `${l} >> ${amt}`), "0"];
      default:
        return [tmp(e, `(${l} >>> ${amt}) | (${l} << ${32 - amt})`), "0"];
    }
  }
  switch (type) {
    case 0:
      return shl64(e, p, amt);
    case 1:
      return lsr64(e, p, amt);
    case 2:
      return asr64(e, p, amt);
    default:
      return ror64(e, p, amt);
  }
}

/** Extended register operand (option 0..7) shifted left by 0..4. */
function extended(e: Emitter, r: number, option: number, sh: number): Pair {
  const l = rl(e, r), h = rh(e, r);
  let p: Pair;
  switch (option) {
    case 0:
      p = [tmp(e, `${l} & 255`), "0"];
      break;
    case 1:
      p = [tmp(e, `${l} & 65535`), "0"];
      break;
    case 2:
      p = [l, "0"];
      break;
    case 3:
      p = [l, h];
      break;
    case 4: {
      const t = tmp(e, `(${l} << 24) >> 24`);
      p = [t, `(${t} >> 31)`];
      break;
    }
    case 5: {
      const t = tmp(e, `(${l} << 16) >> 16`);
      p = [t, `(${t} >> 31)`];
      break;
    }
    case 6:
      p = [l, `(${l} >> 31)`];
      break;
    default:
      p = [l, h];
  }
  return shl64(e, p, sh);
}

/**
 * result = a + b + cin (b already inverted for subtraction), optionally
 * setting NZCV. Returns the result pair (temps).
 */
function addCore(
  e: Emitter,
  sf: number,
  [al, ah]: Pair,
  [bl, bh]: Pair,
  cin: string,
  flags: boolean,
): Pair {
  const c = cin === "0" ? "" : ` + ${cin}`;
  if (!sf) {
    const s = tmp(e, `(${al} >>> 0) + (${bl} >>> 0)${c}`);
    const r = tmp(e, `${s} | 0`);
    if (flags) {
      setFlags(
        e,
        `${r} < 0`,
        `${r} === 0`,
        `${s} > 4294967295`,
        `((${al} ^ ${r}) & (${bl} ^ ${r})) < 0`,
      );
    }
    return [r, "0"];
  }
  const s0 = tmp(e, `(${al} >>> 0) + (${bl} >>> 0)${c}`);
  const s1 = tmp(e, `(${ah} >>> 0) + (${bh} >>> 0) + (${s0} > 4294967295 ? 1 : 0)`);
  const r0 = tmp(e, `${s0} | 0`), r1 = tmp(e, `${s1} | 0`);
  if (flags) {
    setFlags(
      e,
      `${r1} < 0`,
      `(${r0} | ${r1}) === 0`,
      `${s1} > 4294967295`,
      `((${ah} ^ ${r1}) & (${bh} ^ ${r1})) < 0`,
    );
  }
  return [r0, r1];
}

function inv(e: Emitter, [l, h]: Pair): Pair {
  const f = (x: string) =>
    /^\(?-?\d+\)?$/.test(x) ? e.num(~Number(x.replace(/[()]/g, ""))) : `~${x}`;
  return [f(l), f(h)];
}

// ---------------------------------------------------------------------------
// Data processing

const addsubImm: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op = bits(w, 30, 30), S = bits(w, 29, 29);
  const imm = bits(w, 21, 10) << (bits(w, 22, 22) ? 12 : 0);
  const rd = w & 31, rn = bits(w, 9, 5);
  const a: Pair = [rl(e, rn, true), rh(e, rn, true)];
  const b: Pair = op ? [e.num(~imm), "(-1)"] : [e.num(imm), "0"];
  const r = addCore(e, sf, a, b, op ? "1" : "0", S === 1);
  setW(e, sf, rd, r[0], r[1], !S);
};

const adr: A64Semantics = (i, e) => {
  const w = i.w;
  const imm = sext((bits(w, 23, 5) << 2) | bits(w, 30, 29), 21);
  const v = i.op === "adr" ? e.pc + imm : Math.floor(e.pc / 4096) * 4096 + imm * 4096;
  set64(e, w & 31, e.num(v % 4294967296 | 0), e.num(Math.floor(v / 4294967296) | 0));
};

const logicImm: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, opc = bits(w, 30, 29), rd = w & 31, rn = bits(w, 9, 5);
  const [ml, mh] = decodeBitMask(bits(w, 22, 22), bits(w, 15, 10), bits(w, 21, 16), sf ? 64 : 32)!;
  const op = ["&", "|", "^", "&"][opc];
  const l = tmp(e, `${rl(e, rn)} ${op} ${e.num(ml)}`);
  const h = sf ? tmp(e, `${rh(e, rn)} ${op} ${e.num(mh)}`) : "0";
  if (opc === 3) setFlags(e, sf ? `${h} < 0` : `${l} < 0`, `(${l} | ${h}) === 0`, "0", "0");
  setW(e, sf, rd, l, h, opc !== 3);
};

const movw: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, hw = bits(w, 22, 21), imm = bits(w, 20, 5), rd = w & 31;
  if (i.op === "movk") {
    const l = rl(e, rd), h = rh(e, rd);
    const put = (x: string, half: number) =>
      half
        ? `(${x} & 0xffff) | ${e.num(imm << 16 | 0)}`
        : `(${x} & ${e.num(0xffff0000 | 0)}) | ${e.num(imm)}`;
    if (hw < 2) setW(e, sf, rd, put(l, hw), h);
    else set64(e, rd, l, put(h, hw - 2));
    return;
  }
  let v = BigInt(imm) << BigInt(hw * 16);
  if (i.op === "movn") v = ~v;
  const [l, h] = halves(v);
  setW(e, sf, rd, e.num(l), e.num(h));
};

const bitfield: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, immr = bits(w, 21, 16), imms = bits(w, 15, 10);
  const rd = w & 31, rn = bits(w, 9, 5);
  const src: Pair = [rl(e, rn), rh(e, rn)];
  if (!sf) {
    const x = src[0];
    const m = (n: number) => n >= 32 ? -1 : (1 << n) - 1;
    let r: string;
    if (i.op === "ubfm") {
      r = imms >= immr
        ? `(${x} >>> ${e.num(immr)}) & ${e.num(m(imms - immr + 1))}`
        : `(${x} & ${e.num(m(imms + 1))}) << ${e.num(32 - immr)}`;
    } else if (i.op === "sbfm") {
      r = imms >= immr
        ? `(${x} << ${e.num(31 - imms)}) >> ${e.num(31 - imms + immr)}`
        : `((${x} << ${e.num(31 - imms)}) >> ${e.num(31 - imms)}) << ${e.num(32 - immr)}`;
    } else {
      const d = rl(e, rd);
      if (imms >= immr) {
        const mm = m(imms - immr + 1);
        r = `(${d} & ${e.num(~mm)}) | ((${x} >>> ${e.num(immr)}) & ${e.num(mm)})`;
      } else {
        const lsb = 32 - immr, mm = m(imms + 1) << lsb;
        r = `(${d} & ${e.num(~mm)}) | ((${x} << ${e.num(lsb)}) & ${e.num(mm)})`;
      }
    }
    set32(e, rd, r);
    return;
  }
  let r: Pair;
  if (i.op === "ubfm") {
    if (imms >= immr) {
      const [ml, mh] = halves(mask64(imms - immr + 1));
      const t = lsr64(e, src, immr);
      r = [`${t[0]} & ${e.num(ml)}`, `${t[1]} & ${e.num(mh)}`];
    } else {
      const [ml, mh] = halves(mask64(imms + 1));
      r = shl64(
        e,
        [tmp(e, `${src[0]} & ${e.num(ml)}`), tmp(e, `${src[1]} & ${e.num(mh)}`)],
        64 - immr,
      );
    }
  } else if (i.op === "sbfm") {
    const t = shl64(e, src, 63 - imms);
    if (imms >= immr) r = asr64(e, t, 63 - imms + immr);
    else r = shl64(e, asr64(e, t, 63 - imms), 64 - immr);
  } else {
    const d: Pair = [rl(e, rd), rh(e, rd)];
    let field: Pair, mask: bigint;
    if (imms >= immr) {
      mask = mask64(imms - immr + 1);
      const [ml, mh] = halves(mask);
      const t = lsr64(e, src, immr);
      field = [`(${t[0]} & ${e.num(ml)})`, `(${t[1]} & ${e.num(mh)})`];
    } else {
      const lsb = 64 - immr;
      const [ml, mh] = halves(mask64(imms + 1));
      field = shl64(
        e,
        [tmp(e, `${src[0]} & ${e.num(ml)}`), tmp(e, `${src[1]} & ${e.num(mh)}`)],
        lsb,
      );
      mask = BigInt.asUintN(64, mask64(imms + 1) << BigInt(lsb));
    }
    const [nl, nh] = halves(~mask);
    r = [`(${d[0]} & ${e.num(nl)}) | ${field[0]}`, `(${d[1]} & ${e.num(nh)}) | ${field[1]}`];
  }
  set64(e, rd, `(${r[0]}) | 0`, `(${r[1]}) | 0`);
};

const extr: A64Semantics = (i, e) => {
  const w = i.w,
    sf = w >>> 31,
    lsb = bits(w, 15, 10),
    rd = w & 31,
    rn = bits(w, 9, 5),
    rm = bits(w, 20, 16);
  if (!sf) {
    const m = rl(e, rm), n = rl(e, rn);
    set32(e, rd, lsb === 0 ? m : `(${m} >>> ${lsb}) | (${n} << ${32 - lsb})`);
    return;
  }
  if (lsb === 0) return set64(e, rd, rl(e, rm), rh(e, rm));
  const a = lsr64(e, [rl(e, rm), rh(e, rm)], lsb), b = shl64(e, [rl(e, rn), rh(e, rn)], 64 - lsb);
  set64(e, rd, `${a[0]} | ${b[0]}`, `${a[1]} | ${b[1]}`);
};

const logicReg: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, opc = bits(w, 30, 29), n = bits(w, 21, 21);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  let b = shifted(e, sf, rm, bits(w, 23, 22), bits(w, 15, 10));
  if (n) b = [`~${b[0]}`, `~${b[1]}`];
  const op = ["&", "|", "^", "&"][opc];
  const l = tmp(e, `${rl(e, rn)} ${op} ${b[0]}`);
  const h = sf ? tmp(e, `${rh(e, rn)} ${op} ${b[1]}`) : "0";
  if (opc === 3) setFlags(e, sf ? `${h} < 0` : `${l} < 0`, `(${l} | ${h}) === 0`, "0", "0");
  setW(e, sf, rd, l, h);
};

const addsubSreg: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op = bits(w, 30, 30), S = bits(w, 29, 29);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  let b = shifted(e, sf, rm, bits(w, 23, 22), bits(w, 15, 10));
  if (op) b = inv(e, b);
  const r = addCore(e, sf, [rl(e, rn), rh(e, rn)], b, op ? "1" : "0", S === 1);
  setW(e, sf, rd, r[0], r[1]);
};

const addsubExt: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op = bits(w, 30, 30), S = bits(w, 29, 29);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  let b = extended(e, rm, bits(w, 15, 13), bits(w, 12, 10));
  if (op) b = inv(e, b);
  const r = addCore(e, sf, [rl(e, rn, true), rh(e, rn, true)], b, op ? "1" : "0", S === 1);
  setW(e, sf, rd, r[0], r[1], !S);
};

const adc: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op = bits(w, 30, 30), S = bits(w, 29, 29);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  let b: Pair = [rl(e, rm), rh(e, rm)];
  if (op) b = inv(e, b);
  const r = addCore(e, sf, [rl(e, rn), rh(e, rn)], b, e.slot(SLOT_C), S === 1);
  setW(e, sf, rd, r[0], r[1]);
};

const ccmp: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op = bits(w, 30, 30), rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  const c = cond(e, bits(w, 15, 12));
  e.stmt(`if (${c}) {`);
  let b: Pair = bits(w, 11, 11) ? [e.num(rm), "0"] : [rl(e, rm), rh(e, rm)];
  if (op) b = inv(e, b);
  addCore(e, sf, [rl(e, rn), rh(e, rn)], b, op ? "1" : "0", true);
  e.stmt(`} else {`);
  setFlagsConst(e, w & 15);
  e.stmt(`}`);
};

const csel: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op = bits(w, 30, 30), o2 = bits(w, 10, 10);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  const c = tmp(e, cond(e, bits(w, 15, 12)));
  const ml = rl(e, rm), mh = rh(e, rm);
  let bl: string, bh: string;
  if (!op && !o2) [bl, bh] = [ml, mh];
  else if (!op && o2) { // inc
    bl = tmp(e, `(${ml} + 1) | 0`);
    bh = sf ? tmp(e, `${bl} === 0 ? (${mh} + 1) | 0 : ${mh}`) : "0";
  } else if (op && !o2) [bl, bh] = [`~${ml}`, `~${mh}`];
  else {
    bl = tmp(e, `(-${ml}) | 0`);
    bh = sf ? tmp(e, `(~${mh} + (${ml} === 0 ? 1 : 0)) | 0`) : "0";
  }
  setW(e, sf, rd, `${c} ? ${rl(e, rn)} : ${bl}`, `${c} ? ${rh(e, rn)} : ${bh}`);
};

const dp2: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, o = bits(w, 15, 10);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16);
  const nl = rl(e, rn), nh = rh(e, rn), ml = rl(e, rm), mh = rh(e, rm);
  if (o >= 16) {
    set32(e, rd, `rt.crc(${e.num(w)}, ${nl}, ${ml}, ${mh})`);
    return;
  }
  if (o === 2 || o === 3) {
    if (!sf) return set32(e, rd, `rt.${o === 2 ? "udiv32" : "sdiv32"}(${nl}, ${ml})`);
    const t = tmp(e, `rt.${o === 2 ? "udiv64" : "sdiv64"}(${nl}, ${nh}, ${ml}, ${mh})`);
    return set64(e, rd, t, "rt.h");
  }
  const kind = o - 8; // 0 lsl 1 lsr 2 asr 3 ror
  if (!sf) {
    const s = tmp(e, `${ml} & 31`);
    const r = [
      `${nl} << ${s}`,
      `${nl} >>> ${s}`,
      `${nl} >> ${s}`,
      `${s} === 0 ? ${nl} : (${nl} >>> ${s}) | (${nl} << (32 - ${s}))`,
    ][kind];
    return set32(e, rd, r);
  }
  const s = tmp(e, `${ml} & 63`);
  let l: string, h: string;
  if (kind === 0) {
    l = `${s} < 32 ? ${nl} << ${s} : 0`;
    h =
      `${s} === 0 ? ${nh} : ${s} < 32 ? (${nh} << ${s}) | (${nl} >>> (32 - ${s})) : ${nl} << (${s} - 32)`;
  } else if (kind === 1) {
    l =
      `${s} === 0 ? ${nl} : ${s} < 32 ? (${nl} >>> ${s}) | (${nh} << (32 - ${s})) : ${nh} >>> (${s} - 32)`;
    h = `${s} < 32 ? ${nh} >>> ${s} : 0`;
  } else if (kind === 2) {
    l =
      `${s} === 0 ? ${nl} : ${s} < 32 ? (${nl} >>> ${s}) | (${nh} << (32 - ${s})) : ${nh} >> (${s} - 32)`;
    h = `${s} < 32 ? ${nh} >> ${s} : ${nh} >> 31`;
  } else {
    const t = tmp(e, `rt.ror(${nl}, ${nh}, ${s})`);
    return set64(e, rd, t, "rt.h");
  }
  set64(e, rd, `(${l}) | 0`, `(${h}) | 0`);
};

const dp1: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, o = bits(w, 15, 10), rd = w & 31, rn = bits(w, 9, 5);
  const l = rl(e, rn), h = rh(e, rn);
  if (!sf) {
    const r = [
      `rt.rbit32(${l})`,
      `rt.rev16(${l})`,
      `rt.rev32(${l})`,
      "0",
      `Math.clz32(${l})`,
      `rt.cls32(${l})`,
    ][o];
    return set32(e, rd, r);
  }
  switch (o) {
    case 0:
      return set64(e, rd, `rt.rbit32(${h})`, `rt.rbit32(${l})`);
    case 1:
      return set64(e, rd, `rt.rev16(${l})`, `rt.rev16(${h})`);
    case 2:
      return set64(e, rd, `rt.rev32(${l})`, `rt.rev32(${h})`);
    case 3:
      return set64(e, rd, `rt.rev32(${h})`, `rt.rev32(${l})`);
    case 4:
      return set64(e, rd, `${h} !== 0 ? Math.clz32(${h}) : 32 + Math.clz32(${l})`, "0");
    default:
      return set64(e, rd, `rt.cls64(${l}, ${h})`, "0");
  }
};

const dp3: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, op31 = bits(w, 23, 21), o0 = bits(w, 15, 15);
  const rd = w & 31, rn = bits(w, 9, 5), rm = bits(w, 20, 16), ra = bits(w, 14, 10);
  const nl = rl(e, rn), nh = rh(e, rn), ml = rl(e, rm), mh = rh(e, rm);
  if (op31 === 0 && !sf) {
    const p = `Math.imul(${nl}, ${ml})`;
    return set32(e, rd, o0 ? `${rl(e, ra)} - ${p}` : `${rl(e, ra)} + ${p}`);
  }
  let p: Pair;
  if (op31 === 0) p = [tmp(e, `rt.mul(${nl}, ${nh}, ${ml}, ${mh})`), tmp(e, "rt.h")];
  else if (op31 === 2 || op31 === 6) {
    const t = tmp(e, `rt.${op31 === 2 ? "mulh" : "mulhu"}(${nl}, ${nh}, ${ml}, ${mh})`);
    return set64(e, rd, t, "rt.h");
  } else p = [tmp(e, `rt.${op31 === 1 ? "smull" : "umull"}(${nl}, ${ml})`), tmp(e, "rt.h")];
  if (ra === 31 && !o0) return set64(e, rd, p[0], p[1]);
  const a: Pair = [rl(e, ra), rh(e, ra)];
  const r = o0
    ? addCore(e, 1, a, [`~${p[0]}`, `~${p[1]}`], "1", false)
    : addCore(e, 1, a, p, "0", false);
  set64(e, rd, r[0], r[1]);
};

// ---------------------------------------------------------------------------
// Branches and system

function pcPair(e: Emitter, v: number): Pair {
  return [e.num(v % 4294967296 | 0), e.num(Math.floor(v / 4294967296) | 0)];
}

const bCond: A64Semantics = (i, e) => {
  const c = i.w & 15;
  const target = e.pc + sext(bits(i.w, 23, 5), 19) * 4;
  if (c >= 14) e.jumpTo(target);
  else e.branch(cond(e, c), target);
};

const bImm: A64Semantics = (i, e) => {
  const target = e.pc + sext(bits(i.w, 25, 0), 26) * 4;
  if (i.op === "bl") {
    const [l, h] = pcPair(e, e.next);
    set64(e, 30, l, h);
  }
  e.jumpTo(target);
};

const cb: A64Semantics = (i, e) => {
  const w = i.w, sf = w >>> 31, rt = w & 31;
  const target = e.pc + sext(bits(w, 23, 5), 19) * 4;
  const z = sf ? `(${rl(e, rt)} | ${rh(e, rt)}) === 0` : `${rl(e, rt)} === 0`;
  e.branch(i.op === "cbz" ? z : `!(${z})`, target);
};

const tb: A64Semantics = (i, e) => {
  const w = i.w, b = (bits(w, 31, 31) << 5) | bits(w, 23, 19), rt = w & 31;
  const target = e.pc + sext(bits(w, 18, 5), 14) * 4;
  const x = b < 32 ? rl(e, rt) : rh(e, rt);
  const z = `((${x} >>> ${e.num(b & 31)}) & 1) === 0`;
  e.branch(i.op === "tbz" ? z : `!(${z})`, target);
};

const branchReg: A64Semantics = (i, e) => {
  const rn = bits(i.w, 9, 5);
  const t = tmp(e, `${rh(e, rn)} * 4294967296 + (${rl(e, rn)} >>> 0)`);
  if (i.op === "blr") {
    const [l, h] = pcPair(e, e.next);
    set64(e, 30, l, h);
  }
  e.jumpDynamic(t);
};

const svc: A64Semantics = (_i, e) => e.trap(T_SYSCALL, e.next);
const brk: A64Semantics = (_i, e) => e.trap(T_BREAK, e.next);
const nop: A64Semantics = () => {};

const barrier: A64Semantics = (i, e) => {
  if (i.op === "clrex") e.stmt("s.excl = -1;");
  if (i.op === "isb") e.jumpTo(e.next);
};

function sysKey(w: number): string {
  return `${bits(w, 19, 19) + 2}.${bits(w, 18, 16)}.${bits(w, 15, 12)}.${bits(w, 11, 8)}.${
    bits(w, 7, 5)
  }`;
}

/**
 * Values of the ID registers that Linux emulates for EL0 (HWCAP_CPUID), describing exactly
 * what we implement and what AT_HWCAP advertises (src/os/linux/abi_aarch64.ts). Like Linux,
 * the rest of op0=3 op1=0 CRn=0 CRm=2..7 reads as zero.
 */
const ID_REGS: Record<string, bigint> = {
  "3.0.0.0.0": 0n, // midr_el1
  "3.0.0.0.5": 0x80000000n, // mpidr_el1
  "3.0.0.0.6": 0n, // revidr_el1
  "3.0.0.4.0": 0x11n, // id_aa64pfr0_el1: EL0/EL1 AArch64, FP and AdvSIMD implemented
  "3.0.0.6.0": 0x0000000000210000n, // id_aa64isar0: CRC32=1, Atomic=2 (FEAT_LSE)
  "3.0.0.6.1": 0x0000000000100001n, // id_aa64isar1: LRCPC=1 (LDAPR), DPB=1 (DC CVAP)
};

const mrs: A64Semantics = (i, e) => {
  const w = i.w, rt = w & 31, k = sysKey(w);
  switch (k) {
    case "3.3.13.0.2":
      return set64(e, rt, e.slot(SLOT_TPIDR), e.slot(SLOT_TPIDR + 1));
    case "3.3.4.2.0":
      return set64(
        e,
        rt,
        `(${e.slot(SLOT_N)} << 31) | (${e.slot(SLOT_Z)} << 30) | (${e.slot(SLOT_C)} << 29) | (${
          e.slot(SLOT_V)
        } << 28)`,
        "0",
      );
    case "3.3.4.4.0":
      return set64(e, rt, "s.fpcr | 0", "0");
    case "3.3.4.4.1":
      return set64(e, rt, "s.fpsr | 0", "0");
    case "3.3.14.0.1":
    case "3.3.14.0.2": {
      const t = tmp(e, "rt.cntvct()");
      return set64(e, rt, t, "rt.h");
    }
    case "3.3.14.0.0":
      return set64(e, rt, e.num(62500000), "0"); // CNTFRQ_EL0 as qemu reports
    case "3.3.0.0.7":
      return set64(e, rt, e.num(DCZ_LOG2_WORDS), "0");
    case "3.3.0.0.1":
      return set64(e, rt, e.num(0x80038003 | 0), "0"); // CTR_EL0 as qemu reports
  }
  const id = ID_REGS[k];
  if (id !== undefined || (k.startsWith("3.0.0.") && Number(k.split(".")[3]) >= 2)) {
    const [l, h] = halves(id ?? 0n);
    return set64(e, rt, e.num(l), e.num(h));
  }
  illegal(e);
};

const msr: A64Semantics = (i, e) => {
  const w = i.w, rt = w & 31, k = sysKey(w);
  const l = rl(e, rt), h = rh(e, rt);
  switch (k) {
    case "3.3.13.0.2":
      e.setSlot(SLOT_TPIDR, l);
      e.setSlot(SLOT_TPIDR + 1, h);
      return;
    case "3.3.4.2.0":
      e.setSlot(SLOT_N, `(${l} >>> 31) & 1`);
      e.setSlot(SLOT_Z, `(${l} >>> 30) & 1`);
      e.setSlot(SLOT_C, `(${l} >>> 29) & 1`);
      e.setSlot(SLOT_V, `(${l} >>> 28) & 1`);
      return;
    case "3.3.4.4.0":
      e.stmt(`s.fpcr = ${l} & ${0x07ff0000};`);
      return;
    case "3.3.4.4.1":
      e.stmt(`s.fpsr = ${l} & ${0xf800009f | 0};`);
      return;
  }
  illegal(e);
};

/** DCZID_EL0.BS: log2 of the DC ZVA block in words (7: 512 bytes, as qemu's max CPU). */
const DCZ_LOG2_WORDS = 7;

const sys: A64Semantics = (i, e) => {
  const w = i.w, k = `${bits(w, 18, 16)}.${bits(w, 15, 12)}.${bits(w, 11, 8)}.${bits(w, 7, 5)}`;
  const rt = w & 31;
  if (i.op === "sys" && k === "3.7.4.1") { // dc zva
    const bytes = 4 << DCZ_LOG2_WORDS;
    const l = tmp(e, `${rl(e, rt)} & ${-bytes}`);
    const o = e.access(l, rh(e, rt), 0, bytes, true);
    e.decl("U8", "s.u8");
    e.stmt(`U8.fill(0, ${o}, ${o} + ${bytes});`);
    return;
  }
  if (i.op === "sys" && ["3.7.5.1", "3.7.11.1", "3.7.10.1", "3.7.14.1", "3.7.12.1"].includes(k)) {
    return;
  }
  illegal(e);
};

// ---------------------------------------------------------------------------
// Loads and stores

type Kind = "u8" | "s8" | "u16" | "s16" | "u32" | "s32" | "x" | "b" | "h" | "s" | "d" | "q";

/** Bytes of a kind. */
function kbytes(k: Kind): number {
  return { u8: 1, s8: 1, u16: 2, s16: 2, u32: 4, s32: 4, x: 8, b: 1, h: 2, s: 4, d: 8, q: 16 }[k];
}

/** Decode size/V/opc of a register load/store into [kind, isLoad, target64], or null for prfm. */
function ldstKind(
  size: number,
  v: number,
  opc: number,
): { k: Kind; load: boolean; sf: number } | null {
  if (v) {
    const q = opc >= 2;
    const k: Kind = q ? "q" : (["b", "h", "s", "d"] as Kind[])[size];
    return { k, load: (opc & 1) === 1, sf: 0 };
  }
  if (opc === 0) return { k: (["u8", "u16", "u32", "x"] as Kind[])[size], load: false, sf: 0 };
  if (opc === 1) {
    return { k: (["u8", "u16", "u32", "x"] as Kind[])[size], load: true, sf: size === 3 ? 1 : 0 };
  }
  if (size === 3) return null; // prfm
  // opc 2: sign-extend to 64, opc 3: to 32
  return { k: (["s8", "s16", "s32"] as Kind[])[size], load: true, sf: opc === 2 ? 1 : 0 };
}

/** Emit the data movement for register rt at window offset o (+ extra bytes). */
function move(
  e: Emitter,
  k: Kind,
  load: boolean,
  sf: number,
  rt: number,
  o: string,
  extra = 0,
): void {
  const at = extra ? `${o} + ${extra}` : o;
  if (k === "b" || k === "h" || k === "s" || k === "d" || k === "q") {
    const VI = e.decl("VI", "s.vi");
    const b = 4 * rt;
    if (load) {
      const words = k === "q" ? 4 : k === "d" ? 2 : 1;
      const parts: string[] = [];
      if (k === "b") parts.push(`${VI}[${b}] = dv.getUint8(${at});`);
      else if (k === "h") parts.push(`${VI}[${b}] = dv.getUint16(${at}, true);`);
      else {
        for (let j = 0; j < words; j++) {
          parts.push(`${VI}[${b + j}] = dv.getInt32(${at}${j ? ` + ${4 * j}` : ""}, true);`);
        }
      }
      for (let j = Math.max(words, 1); j < 4; j++) parts.push(`${VI}[${b + j}] = 0;`);
      e.stmt(parts.join(" "));
    } else {
      if (k === "b") e.stmt(`dv.setInt8(${at}, ${VI}[${b}]);`);
      else if (k === "h") e.stmt(`dv.setInt16(${at}, ${VI}[${b}], true);`);
      else {
        const words = k === "q" ? 4 : k === "d" ? 2 : 1;
        const parts: string[] = [];
        for (let j = 0; j < words; j++) {
          parts.push(`dv.setInt32(${at}${j ? ` + ${4 * j}` : ""}, ${VI}[${b + j}], true);`);
        }
        e.stmt(parts.join(" "));
      }
    }
    return;
  }
  if (!load) {
    const l = rl(e, rt);
    if (k === "u8") e.stmt(`dv.setInt8(${at}, ${l});`);
    else if (k === "u16") e.stmt(`dv.setInt16(${at}, ${l}, true);`);
    else if (k === "u32") e.stmt(`dv.setInt32(${at}, ${l}, true);`);
    else e.stmt(`dv.setInt32(${at}, ${l}, true); dv.setInt32(${at} + 4, ${rh(e, rt)}, true);`);
    return;
  }
  if (rt === 31) return;
  switch (k) {
    case "u8":
      return set32(e, rt, `dv.getUint8(${at})`);
    case "u16":
      return set32(e, rt, `dv.getUint16(${at}, true)`);
    case "u32":
      return set32(e, rt, `dv.getInt32(${at}, true)`);
    case "x":
      return set64(e, rt, `dv.getInt32(${at}, true)`, `dv.getInt32(${at} + 4, true)`);
    default: {
      const g = k === "s8"
        ? `dv.getInt8(${at})`
        : k === "s16"
        ? `dv.getInt16(${at}, true)`
        : `dv.getInt32(${at}, true)`;
      if (sf) {
        const t = tmp(e, g);
        set64(e, rt, t, `${t} >> 31`);
      } else set32(e, rt, g);
    }
  }
}

/** base + imm as a pair in temps (when imm does not fit the access fast path). */
function addImm(e: Emitter, [bl, bh]: Pair, imm: number): Pair {
  const l = tmp(e, `(${bl} >>> 0) + ${e.num(imm)}`);
  const h = tmp(e, `(${bh} + (${l} > 4294967295 ? 1 : ${l} < 0 ? -1 : 0)) | 0`);
  return [tmp(e, `${l} | 0`), h];
}

/** Access at base + imm: returns the offset temp (faulting exit emitted). */
function accessAt(e: Emitter, base: Pair, imm: number, size: number, write: boolean): string {
  if (imm > -4096 && imm < 4096) return e.access(base[0], base[1], imm, size, write);
  const a = addImm(e, base, imm);
  return e.access(a[0], a[1], 0, size, write);
}

function writeback(e: Emitter, rn: number, base: Pair, imm: number): void {
  const a = addImm(e, base, imm);
  set64(e, rn, a[0], a[1], true);
}

const ldstUimm: A64Semantics = (i, e) => {
  const w = i.w, info = ldstKind(bits(w, 31, 30), bits(w, 26, 26), bits(w, 23, 22));
  if (!info) return; // prfm
  const rn = bits(w, 9, 5), rt = w & 31;
  const sz = kbytes(info.k);
  const imm = bits(w, 21, 10) * sz;
  const o = accessAt(e, [rl(e, rn, true), rh(e, rn, true)], imm, sz, !info.load);
  move(e, info.k, info.load, info.sf, rt, o);
};

const ldstImm9: A64Semantics = (i, e) => {
  const w = i.w, info = ldstKind(bits(w, 31, 30), bits(w, 26, 26), bits(w, 23, 22));
  if (!info) return; // prfum
  const rn = bits(w, 9, 5), rt = w & 31, kind = bits(w, 11, 10);
  const imm = sext(bits(w, 20, 12), 9);
  const sz = kbytes(info.k);
  const base: Pair = [rl(e, rn, true), rh(e, rn, true)];
  if (kind === 0 || kind === 2) {
    const o = e.access(base[0], base[1], imm, sz, !info.load);
    return move(e, info.k, info.load, info.sf, rt, o);
  }
  // keep the old base for the writeback (rt may equal rn on loads)
  const b: Pair = [tmp(e, base[0]), tmp(e, base[1])];
  const o = e.access(b[0], b[1], kind === 3 ? imm : 0, sz, !info.load);
  move(e, info.k, info.load, info.sf, rt, o);
  writeback(e, rn, b, imm);
};

const ldstReg: A64Semantics = (i, e) => {
  const w = i.w, info = ldstKind(bits(w, 31, 30), bits(w, 26, 26), bits(w, 23, 22));
  if (!info) return;
  const rn = bits(w, 9, 5), rt = w & 31, rm = bits(w, 20, 16);
  const sz = kbytes(info.k);
  const option = bits(w, 15, 13), S = bits(w, 12, 12);
  const off = extended(e, rm, option, S ? Math.log2(sz) : 0);
  const a = addCore(e, 1, [rl(e, rn, true), rh(e, rn, true)], off, "0", false);
  const o = e.access(a[0], a[1], 0, sz, !info.load);
  move(e, info.k, info.load, info.sf, rt, o);
};

const ldrLit: A64Semantics = (i, e) => {
  const w = i.w, opc = bits(w, 31, 30), v = bits(w, 26, 26), rt = w & 31;
  const addr = e.pc + sext(bits(w, 23, 5), 19) * 4;
  let k: Kind, sf = 0;
  if (v) k = (["s", "d", "q"] as Kind[])[opc];
  else if (opc === 3) return; // prfm
  else if (opc === 2) [k, sf] = ["s32", 1];
  else [k, sf] = opc ? ["x", 1] : ["u32", 0];
  const [l, h] = pcPair(e, addr);
  const o = e.access(l, h, 0, kbytes(k), false);
  move(e, k, true, sf, rt, o);
};

const ldstPair: A64Semantics = (i, e) => {
  const w = i.w,
    opc = bits(w, 31, 30),
    v = bits(w, 26, 26),
    idx = bits(w, 24, 23),
    L = bits(w, 22, 22);
  const rn = bits(w, 9, 5), rt = w & 31, rt2 = bits(w, 14, 10);
  let k: Kind, sf = 0;
  if (v) k = (["s", "d", "q"] as Kind[])[opc];
  else if (opc === 1) [k, sf] = ["s32", 1];
  else [k, sf] = opc ? ["x", 1] : ["u32", 0];
  const sz = kbytes(k);
  const imm = sext(bits(w, 21, 15), 7) * sz;
  const base: Pair = idx === 1 || idx === 3
    ? [tmp(e, rl(e, rn, true)), tmp(e, rh(e, rn, true))]
    : [rl(e, rn, true), rh(e, rn, true)];
  const o = e.access(base[0], base[1], idx === 1 ? 0 : imm, 2 * sz, !L);
  if (L) {
    // load both before writing either (rt2 may alias the first register's source)
    move(e, k, true, sf, rt, o);
    move(e, k, true, sf, rt2, o, sz);
  } else {
    move(e, k, false, sf, rt, o);
    move(e, k, false, sf, rt2, o, sz);
  }
  if (idx === 1 || idx === 3) writeback(e, rn, base, imm);
};

function loadPair64(e: Emitter, o: string, size: number): Pair {
  if (size === 8) return [tmp(e, `dv.getInt32(${o}, true)`), tmp(e, `dv.getInt32(${o} + 4, true)`)];
  const g = size === 1
    ? `dv.getUint8(${o})`
    : size === 2
    ? `dv.getUint16(${o}, true)`
    : `dv.getInt32(${o}, true)`;
  return [tmp(e, g), "0"];
}

function storeSized(o: string, size: number, [l, h]: Pair): string {
  if (size === 8) return `dv.setInt32(${o}, ${l}, true); dv.setInt32(${o} + 4, ${h}, true);`;
  if (size === 4) return `dv.setInt32(${o}, ${l}, true);`;
  if (size === 2) return `dv.setInt16(${o}, ${l}, true);`;
  return `dv.setInt8(${o}, ${l});`;
}

function regSized(e: Emitter, r: number, size: number): Pair {
  const l = rl(e, r), h = rh(e, r);
  if (size === 8) return [l, h];
  if (size === 4) return [l, "0"];
  return [tmp(e, `${l} & ${size === 2 ? 65535 : 255}`), "0"];
}

function alignCheck(e: Emitter, o: string, size: number): void {
  if (size > 1) {
    e.stmt(
      `if ((${o} & ${size - 1}) !== 0) { s.faultAddr = ${o} + ${e.num(e.windowHi)} * 4294967296; ` +
        `s.faultAccess = 2; s.pc = ${e.num(e.pc)}; ${e.exit(T_FAULT)} }`,
    );
  }
}

const excl: A64Semantics = (i, e) => {
  const w = i.w, size = 1 << bits(w, 31, 30), L = bits(w, 22, 22), o1 = bits(w, 21, 21);
  const rs = bits(w, 20, 16), rt2 = bits(w, 14, 10), rn = bits(w, 9, 5), rt = w & 31;
  const pair = o1 === 1 && i.op === "excl";
  const total = pair ? 2 * size : size;
  const o = e.access(rl(e, rn, true), rh(e, rn, true), 0, total, !L);
  if (i.op === "ordered" || L) {
    if (!L) {
      e.stmt(storeSized(o, size, regSized(e, rt, size)));
      return;
    }
    const a = loadPair64(e, o, size);
    if (pair) {
      const b = size === 8
        ? [tmp(e, `dv.getInt32(${o} + 8, true)`), tmp(e, `dv.getInt32(${o} + 12, true)`)]
        : [tmp(e, `dv.getInt32(${o} + 4, true)`), "0"];
      set64(e, rt, a[0], a[1]);
      set64(e, rt2, b[0], b[1]);
    } else set64(e, rt, a[0], a[1]);
    if (i.op === "excl") e.stmt(`s.excl = ${o};`);
    return;
  }
  // store exclusive
  alignCheck(e, o, total);
  const st = tmp(e, `s.excl === ${o} ? 0 : 1`);
  e.stmt(`if (${st} === 0) {`);
  e.stmt(storeSized(o, size, regSized(e, rt, size)));
  if (pair) e.stmt(storeSized(`${o} + ${size}`, size, regSized(e, rt2, size)));
  e.stmt(`}`);
  e.stmt(`s.excl = -1;`);
  set32(e, rs, st);
};

const cas: A64Semantics = (i, e) => {
  const w = i.w, size = 1 << bits(w, 31, 30);
  const rs = bits(w, 20, 16), rn = bits(w, 9, 5), rt = w & 31;
  const o = e.access(rl(e, rn, true), rh(e, rn, true), 0, size, true);
  alignCheck(e, o, size);
  const old = loadPair64(e, o, size);
  const cmp = regSized(e, rs, size);
  e.stmt(
    `if (${old[0]} === ${cmp[0]} && ${old[1]} === ${cmp[1]}) { ${
      storeSized(o, size, regSized(e, rt, size))
    } }`,
  );
  set64(e, rs, old[0], old[1]);
};

/**
 * CASP/CASPA/CASPL/CASPAL: compare the even/odd pair {Rs, Rs+1} with the 2 x datasize bits at
 * [Rn] (Rs at the lower address) and, if both halves are equal, store {Rt, Rt+1}; Rs and Rs+1
 * receive the old memory halves either way. The access is checked as a write and must be
 * aligned to its total size, as for CAS.
 */
const casp: A64Semantics = (i, e) => {
  const w = i.w, size = bits(w, 30, 30) ? 8 : 4;
  const rs = bits(w, 20, 16), rn = bits(w, 9, 5), rt = w & 31;
  const o = e.access(rl(e, rn, true), rh(e, rn, true), 0, 2 * size, true);
  alignCheck(e, o, 2 * size);
  const words = size === 8 ? 4 : 2;
  const old: string[] = [];
  for (let k = 0; k < words; k++) {
    old.push(tmp(e, `dv.getInt32(${o}${k ? ` + ${4 * k}` : ""}, true)`));
  }
  // register halves in memory order: Rs.lo, (Rs.hi,) Rs+1.lo, (Rs+1.hi)
  const half = (r: number): string[] => size === 8 ? [rl(e, r), rh(e, r)] : [rl(e, r)];
  const cmp = [...half(rs), ...half(rs + 1)];
  const nv = [...half(rt), ...half(rt + 1)];
  const eq = old.map((v, k) => `${v} === ${cmp[k]}`).join(" && ");
  const st = nv.map((v, k) => `dv.setInt32(${o}${k ? ` + ${4 * k}` : ""}, ${v}, true);`).join(" ");
  e.stmt(`if (${eq}) { ${st} }`);
  if (size === 8) {
    set64(e, rs, old[0], old[1]);
    set64(e, rs + 1, old[2], old[3]);
  } else {
    set64(e, rs, old[0], "0");
    set64(e, rs + 1, old[1], "0");
  }
};

const atomic: A64Semantics = (i, e) => {
  const w = i.w, size = 1 << bits(w, 31, 30), o3 = bits(w, 15, 15), opc = bits(w, 14, 12);
  const rs = bits(w, 20, 16), rn = bits(w, 9, 5), rt = w & 31;
  if (o3 && opc === 4) { // ldapr
    const o = e.access(rl(e, rn, true), rh(e, rn, true), 0, size, false);
    const v = loadPair64(e, o, size);
    return set64(e, rt, v[0], v[1]);
  }
  const o = e.access(rl(e, rn, true), rh(e, rn, true), 0, size, true);
  alignCheck(e, o, size);
  const old = loadPair64(e, o, size);
  const b = regSized(e, rs, size);
  let nv: Pair;
  if (o3) nv = b; // swp
  else {
    switch (opc) {
      case 0:
        nv = size === 8 ? addCore(e, 1, old, b, "0", false) : [`${old[0]} + ${b[0]}`, "0"];
        break;
      case 1:
        nv = [`${old[0]} & ~${b[0]}`, `${old[1]} & ~${b[1]}`];
        break;
      case 2:
        nv = [`${old[0]} ^ ${b[0]}`, `${old[1]} ^ ${b[1]}`];
        break;
      case 3:
        nv = [`${old[0]} | ${b[0]}`, `${old[1]} | ${b[1]}`];
        break;
      default: {
        const signed = opc === 4 || opc === 5, max = opc === 4 || opc === 6;
        let a0 = old[0], a1 = old[1], b0 = b[0], b1 = b[1];
        if (size < 8) {
          const sh = 32 - 8 * size;
          if (signed) {
            a0 = `((${old[0]} << ${sh}) >> ${sh})`;
            b0 = `((${b[0]} << ${sh}) >> ${sh})`;
          } else {
            a0 = `(${old[0]} >>> 0)`;
            b0 = `(${b[0]} >>> 0)`;
          }
          a1 = b1 = "0";
        }
        const lt = size < 8
          ? `${a0} < ${b0}`
          : signed
          ? `(${a1} < ${b1} || (${a1} === ${b1} && (${a0} >>> 0) < (${b0} >>> 0)))`
          : `((${a1} >>> 0) < (${b1} >>> 0) || (${a1} === ${b1} && (${a0} >>> 0) < (${b0} >>> 0)))`;
        const takeB = tmp(e, max ? lt : `!(${lt}) && !(${a0} === ${b0} && ${a1} === ${b1})`);
        nv = [`${takeB} ? ${b[0]} : ${old[0]}`, `${takeB} ? ${b[1]} : ${old[1]}`];
      }
    }
  }
  const nl = tmp(e, `(${nv[0]}) | 0`), nh = tmp(e, `(${nv[1]}) | 0`);
  e.stmt(storeSized(o, size, [nl, nh]));
  set64(e, rt, old[0], old[1]);
};

/** Every integer/branch/system/load-store emitter, by op name. */
export const INT_SEMANTICS: Readonly<Record<string, A64Semantics>> = {
  adr,
  adrp: adr,
  addsub_imm: addsubImm,
  logic_imm: logicImm,
  movn: movw,
  movz: movw,
  movk: movw,
  sbfm: bitfield,
  bfm: bitfield,
  ubfm: bitfield,
  extr,
  b_cond: bCond,
  svc,
  brk,
  udf: (_i, e) => illegal(e),
  hint: nop,
  clrex: barrier,
  dsb: barrier,
  dmb: barrier,
  isb: barrier,
  msr_imm: nop,
  sys,
  sysl: (_i, e) => illegal(e),
  msr,
  mrs,
  br: branchReg,
  blr: branchReg,
  ret: branchReg,
  b: bImm,
  bl: bImm,
  cbz: cb,
  cbnz: cb,
  tbz: tb,
  tbnz: tb,
  cas,
  casp,
  excl,
  ordered: excl,
  ldr_lit: ldrLit,
  ldst_pair: ldstPair,
  atomic,
  ldst_reg: ldstReg,
  ldst_imm9: ldstImm9,
  ldst_uimm: ldstUimm,
  logic_reg: logicReg,
  addsub_sreg: addsubSreg,
  addsub_ext: addsubExt,
  adc,
  ccmp,
  csel,
  dp2,
  dp1,
  dp3,
};

export { constPair, setFlagsFrom, tmp };
