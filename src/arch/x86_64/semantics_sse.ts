/**
 * SSE, SSE2, SSE3, SSSE3, SSE4.1 and SSE4.2 semantics: moves, scalar and
 * packed float arithmetic, comparisons, conversions, the packed integer set,
 * blends, inserts/extracts, round*, ptest, the pcmpXstrX string compares and
 * crc32. Moves are emitted inline on the xmm typed-array views; the rest call
 * the helpers in sse.ts and sse4.ts. A memory source is first loaded into the
 * scratch xmm register 16.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { O_IMM, O_MEM, O_REG, O_XMM, type X86Insn } from "./decode.ts";
import {
  load,
  memOff,
  readOp,
  rhi,
  rlo,
  setEfl,
  store,
  writeGpr,
  type X86Semantics,
} from "./semantics.ts";

function XI(e: Emitter): string {
  return e.decl("XI", "s.xi");
}
function XD(e: Emitter): string {
  return e.decl("XD", "s.xd");
}
function XF(e: Emitter): string {
  return e.decl("XF", "s.xf");
}

/** Register index of operand n; a memory operand of `size` bytes is loaded into xmm16. */
function src(e: Emitter, i: X86Insn, n: number, size: number): number {
  const o = i.ops[n];
  if (o.t === O_XMM) return o.reg;
  if (o.t !== O_MEM) throw new Error("Bad SSE source");
  const off = memOff(e, i, o, size, false);
  const x = XI(e);
  if (size < 4) {
    e.stmt(
      `${x}[${e.num(64)}] = dv.${size === 2 ? "getUint16" : "getUint8"}(${off}${
        size === 2 ? ", true" : ""
      });`,
    );
    return 16;
  }
  for (let k = 0; k < size / 4; k++) {
    e.stmt(`${x}[${e.num(64 + k)}] = dv.getInt32(${off} + ${e.num(4 * k)}, true);`);
  }
  return 16;
}

/** Store `size` bytes of xmm register r to memory operand n. */
function toMem(e: Emitter, i: X86Insn, n: number, size: number, r: number, lane = 0): void {
  const off = memOff(e, i, i.ops[n], size, true);
  const x = XI(e);
  for (let k = 0; k < size / 4; k++) {
    e.stmt(`dv.setInt32(${off} + ${e.num(4 * k)}, ${x}[${e.num(4 * r + lane + k)}], true);`);
  }
}

function copyLanes(e: Emitter, d: number, s: number, from: number, count: number, to = from): void {
  const x = XI(e);
  if (d === s && from === to) return;
  for (let k = 0; k < count; k++) {
    e.stmt(`${x}[${e.num(4 * d + to + k)}] = ${x}[${e.num(4 * s + from + k)}];`);
  }
}

function zeroLanes(e: Emitter, d: number, from: number, count: number): void {
  const x = XI(e);
  for (let k = 0; k < count; k++) e.stmt(`${x}[${e.num(4 * d + from + k)}] = 0;`);
}

/** movaps and friends: a full 16-byte move. */
const move16: X86Semantics = (i, e) => {
  const d = i.ops[0];
  if (d.t === O_MEM) return toMem(e, i, 0, 16, i.ops[1].reg);
  const s = src(e, i, 1, 16);
  copyLanes(e, d.reg, s, 0, 4);
};

/** movss (lanes 1) / movsd (lanes 2). */
function moveScalar(n: number): X86Semantics {
  return (i, e) => {
    const d = i.ops[0], s = i.ops[1];
    if (d.t === O_MEM) return toMem(e, i, 0, 4 * n, s.reg);
    if (s.t === O_MEM) {
      src(e, i, 1, 4 * n);
      copyLanes(e, d.reg, 16, 0, n);
      zeroLanes(e, d.reg, n, 4 - n);
    } else copyLanes(e, d.reg, s.reg, 0, n);
  };
}

/** movq/movd between xmm, GPR and memory. */
function movqd(bytes: 4 | 8): X86Semantics {
  return (i, e) => {
    const d = i.ops[0], s = i.ops[1];
    const x = XI(e);
    if (d.t === O_XMM) {
      if (s.t === O_REG) {
        e.stmt(`${x}[${e.num(4 * d.reg)}] = ${rlo(e, s.reg)};`);
        e.stmt(`${x}[${e.num(4 * d.reg + 1)}] = ${bytes === 8 ? rhi(e, s.reg) : "0"};`);
      } else if (s.t === O_MEM) {
        src(e, i, 1, bytes);
        copyLanes(e, d.reg, 16, 0, bytes / 4);
        if (bytes === 4) zeroLanes(e, d.reg, 1, 1);
      } else copyLanes(e, d.reg, s.reg, 0, 2);
      zeroLanes(e, d.reg, 2, 2);
      return;
    }
    if (d.t === O_REG) {
      writeGpr(e, d.reg, bytes, false, {
        l: `${x}[${e.num(4 * s.reg)}]`,
        h: bytes === 8 ? `${x}[${e.num(4 * s.reg + 1)}]` : "0",
      });
      return;
    }
    toMem(e, i, 0, bytes, s.reg);
  };
}

/** movlps/movlpd (high = false) and movhps/movhpd (high = true). */
function moveHalf(high: boolean): X86Semantics {
  return (i, e) => {
    const d = i.ops[0], s = i.ops[1];
    const lane = high ? 2 : 0;
    if (d.t === O_MEM) return toMem(e, i, 0, 8, s.reg, lane);
    src(e, i, 1, 8);
    copyLanes(e, d.reg, 16, 0, 2, lane);
  };
}

/** A helper from sse.ts applied to (dest, source[, imm]). */
function packed(name: string, srcSize = 16): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg;
    const s = src(e, i, 1, srcSize);
    const imm = i.ops[2]?.t === O_IMM ? i.ops[2].imm & 255 : 0;
    e.stmt(`rt.sse.${name}(s, ${e.num(d)}, ${e.num(s)}, ${e.num(imm)});`);
  };
}

/**
 * Scalar double or float arithmetic, through the lane helper that applies the
 * MXCSR rounding mode and accumulates its exception flags.
 */
function scalar(op: "+" | "-" | "*" | "/" | "min" | "max" | "sqrt", dbl: boolean): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg;
    const s = src(e, i, 1, dbl ? 8 : 4);
    const k = { "+": 0, "-": 1, "*": 2, "/": 3, "sqrt": 4, "min": 5, "max": 6 }[op];
    e.stmt(`rt.sse.sop(s, ${k}, ${dbl ? 1 : 0}, ${e.num(d)}, ${e.num(s)}, 0);`);
  };
}

/** Packed float arithmetic through the lane helper (rounding and flags). */
function packedF(k: number, dbl: boolean): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg;
    const s = src(e, i, 1, 16);
    e.stmt(`rt.sse.pop(s, ${k}, ${dbl ? 1 : 0}, ${e.num(d)}, ${e.num(s)});`);
  };
}

/** Packed conversions (see cvtp in sse.ts). */
function cvtp(kind: number, srcSize: number): X86Semantics {
  return (i, e) => {
    const s = src(e, i, 1, srcSize);
    e.stmt(`rt.sse.cvtp(s, ${kind}, ${e.num(i.ops[0].reg)}, ${e.num(s)});`);
  };
}

function ucom(dbl: boolean, signal: boolean): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg;
    const s = src(e, i, 1, dbl ? 8 : 4);
    if (!dbl) {
      setEfl(e, `rt.sse.ucomf(s, ${e.num(d)}, ${e.num(s)}, ${signal ? 1 : 0})`);
      return;
    }
    setEfl(e, `rt.sse.ucom(s, ${e.num(d)}, ${e.num(s)}, ${signal ? 1 : 0})`);
  };
}

/** cvtsi2sd / cvtsi2ss. */
function cvtFromInt(dbl: boolean): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg, o = i.ops[1];
    let l: string, h: string;
    if (o.t === O_REG) {
      l = rlo(e, o.reg);
      h = rhi(e, o.reg);
    } else {
      const v = load(e, memOff(e, i, o, o.size, false), o.size);
      l = v.l;
      h = v.h;
    }
    const v = o.size === 8
      ? `rt.sse.i64ToF(s, ${l}, ${h}, ${dbl ? 1 : 0})`
      : dbl
      ? `(${l} | 0)`
      : `rt.sse.arith(s, 0, 0, ${l} | 0, 0)`;
    e.stmt(dbl ? `${XD(e)}[${e.num(2 * d)}] = ${v};` : `${XF(e)}[${e.num(4 * d)}] = ${v};`);
  };
}

/** cvt(t)sd2si / cvt(t)ss2si. */
function cvtToInt(dbl: boolean, trunc: boolean): X86Semantics {
  return (i, e) => {
    const d = i.ops[0];
    const s = src(e, i, 1, dbl ? 8 : 4);
    const v = dbl ? `${XD(e)}[${e.num(2 * s)}]` : `${XF(e)}[${e.num(4 * s)}]`;
    const t = e.tmp();
    e.stmt(`${t} = rt.sse.cvtInt(s, ${v}, ${d.size * 8}, ${trunc ? 1 : 0});`);
    writeGpr(e, d.reg, d.size, false, { l: t, h: d.size === 8 ? "rt.sse.h" : "0" });
  };
}

function movmsk(name: string): X86Semantics {
  return (i, e) => {
    const d = i.ops[0];
    writeGpr(e, d.reg, d.size, false, {
      l: `rt.sse.${name}(s, ${e.num(i.ops[1].reg)})`,
      h: "0",
    });
  };
}

/** Element shifts by an immediate (Ux,Ib) or by an xmm/memory count (Vx,Wx). */
function pshift(kind: number, width: number): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg;
    let n: string;
    if (i.ops[1].t === O_IMM) n = e.num(i.ops[1].imm & 255);
    else n = `rt.sse.count(s, ${e.num(src(e, i, 1, 16))})`;
    e.stmt(`rt.sse.pshift(s, ${e.num(d)}, ${kind}, ${width}, ${n});`);
  };
}

function byteShift(name: string): X86Semantics {
  return (i, e) => {
    e.stmt(`rt.sse.${name}(s, ${e.num(i.ops[0].reg)}, 0, ${e.num(i.ops[1].imm & 255)});`);
  };
}

const movhlps: X86Semantics = (i, e) => copyLanes(e, i.ops[0].reg, i.ops[1].reg, 2, 2, 0);
const movlhps: X86Semantics = (i, e) => copyLanes(e, i.ops[0].reg, i.ops[1].reg, 0, 2, 2);

const cvtss2sd: X86Semantics = (i, e) => {
  const s = src(e, i, 1, 4);
  e.stmt(`${XD(e)}[${e.num(2 * i.ops[0].reg)}] = rt.sse.f2d(s, ${e.num(s)});`);
};
const cvtsd2ss: X86Semantics = (i, e) => {
  const s = src(e, i, 1, 8);
  e.stmt(`${XF(e)}[${e.num(4 * i.ops[0].reg)}] = rt.sse.d2f(s, ${XD(e)}[${e.num(2 * s)}]);`);
};

const pextrw: X86Semantics = (i, e) => {
  const d = i.ops[0];
  writeGpr(e, d.reg, d.size, false, {
    l: `s.xuw[${e.num(8 * i.ops[1].reg + (i.ops[2].imm & 7))}]`,
    h: "0",
  });
};
const pinsrw: X86Semantics = (i, e) => {
  const o = i.ops[1];
  let v: string;
  if (o.t === O_REG) v = rlo(e, o.reg);
  else v = load(e, memOff(e, i, o, 2, false), 2).l;
  e.stmt(`s.xuw[${e.num(8 * i.ops[0].reg + (i.ops[2].imm & 7))}] = ${v};`);
};

const stmxcsr: X86Semantics = (i, e) => {
  const off = memOff(e, i, i.ops[0], 4, true);
  e.stmt(`dv.setInt32(${off}, s.mxcsr, true);`);
};
const ldmxcsr: X86Semantics = (i, e) => {
  const off = memOff(e, i, i.ops[0], 4, false);
  e.stmt(`s.mxcsr = dv.getInt32(${off}, true) & 65535;`);
};

/** SSE instructions' semantics, by op. */
export const SSE_SEMANTICS: Record<string, X86Semantics> = {
  movaps: move16,
  movups: move16,
  movapd: move16,
  movupd: move16,
  movdqa: move16,
  movdqu: move16,
  lddqu: move16,
  movntdq: move16,
  movntps: move16,
  movntpd: move16,
  movntdqa: move16,
  movss: moveScalar(1),
  movsd: moveScalar(2),
  movq: movqd(8),
  movd: movqd(4),
  movlps: moveHalf(false),
  movlpd: moveHalf(false),
  movhps: moveHalf(true),
  movhpd: moveHalf(true),
  movhlps,
  movlhps,
  pxor: packed("pxor"),
  xorps: packed("pxor"),
  xorpd: packed("pxor"),
  por: packed("por"),
  orps: packed("por"),
  orpd: packed("por"),
  pand: packed("pand"),
  andps: packed("pand"),
  andpd: packed("pand"),
  pandn: packed("pandn"),
  andnps: packed("pandn"),
  andnpd: packed("pandn"),
  addsd: scalar("+", true),
  subsd: scalar("-", true),
  mulsd: scalar("*", true),
  divsd: scalar("/", true),
  minsd: scalar("min", true),
  maxsd: scalar("max", true),
  sqrtsd: scalar("sqrt", true),
  addss: scalar("+", false),
  subss: scalar("-", false),
  mulss: scalar("*", false),
  divss: scalar("/", false),
  minss: scalar("min", false),
  maxss: scalar("max", false),
  sqrtss: scalar("sqrt", false),
  ucomisd: ucom(true, false),
  comisd: ucom(true, true),
  ucomiss: ucom(false, false),
  comiss: ucom(false, true),
  cvtsi2sd: cvtFromInt(true),
  cvtsi2ss: cvtFromInt(false),
  cvttsd2si: cvtToInt(true, true),
  cvtsd2si: cvtToInt(true, false),
  cvttss2si: cvtToInt(false, true),
  cvtss2si: cvtToInt(false, false),
  cvtss2sd,
  cvtsd2ss,
  cvtdq2pd: cvtp(3, 8),
  cvtdq2ps: cvtp(0, 16),
  cvtps2pd: cvtp(6, 8),
  cvtpd2ps: cvtp(7, 16),
  cvttpd2dq: cvtp(5, 16),
  cvtpd2dq: cvtp(4, 16),
  cvttps2dq: cvtp(2, 16),
  cvtps2dq: cvtp(1, 16),
  pmovmskb: movmsk("pmovmskb"),
  movmskps: movmsk("movmskps"),
  movmskpd: movmsk("movmskpd"),
  pextrw,
  pinsrw,
  stmxcsr,
  ldmxcsr,
  psrlw: pshift(0, 16),
  psrld: pshift(0, 32),
  psrlq: pshift(0, 64),
  psraw: pshift(1, 16),
  psrad: pshift(1, 32),
  psllw: pshift(2, 16),
  pslld: pshift(2, 32),
  psllq: pshift(2, 64),
  psrldq: byteShift("psrldq"),
  pslldq: byteShift("pslldq"),
  addps: packedF(0, false),
  subps: packedF(1, false),
  mulps: packedF(2, false),
  divps: packedF(3, false),
  minps: packedF(5, false),
  maxps: packedF(6, false),
  sqrtps: packedF(4, false),
  addpd: packedF(0, true),
  subpd: packedF(1, true),
  mulpd: packedF(2, true),
  divpd: packedF(3, true),
  minpd: packedF(5, true),
  maxpd: packedF(6, true),
  sqrtpd: packedF(4, true),
  cmpps: packed("cmpps"),
  cmppd: packed("cmppd"),
  cmpss: packed("cmpss", 4),
  cmpsd: packed("cmpsd", 8),
};

/**
 * The packed-integer arithmetic and compare instructions that exist in both
 * the MMX (64-bit) and SSE2 (128-bit) forms, with the same element semantics.
 */
export const PACKED_INT_ARITH: readonly string[] = [
  "paddb",
  "paddw",
  "paddd",
  "paddq",
  "psubb",
  "psubw",
  "psubd",
  "psubq",
  "paddusb",
  "paddusw",
  "psubusb",
  "psubusw",
  "paddsb",
  "paddsw",
  "psubsb",
  "psubsw",
  "pcmpeqb",
  "pcmpeqw",
  "pcmpeqd",
  "pcmpgtb",
  "pcmpgtw",
  "pcmpgtd",
  "pminub",
  "pmaxub",
  "pminsw",
  "pmaxsw",
  "pavgb",
  "pavgw",
  "pmullw",
  "pmulhw",
  "pmulhuw",
  "pmuludq",
  "pmaddwd",
  "psadbw",
];

for (
  const name of [
    ...PACKED_INT_ARITH,
    "packsswb",
    "packuswb",
    "packssdw",
    "punpcklbw",
    "punpckhbw",
    "punpcklwd",
    "punpckhwd",
    "punpckldq",
    "punpckhdq",
    "punpcklqdq",
    "punpckhqdq",
    "pshufd",
    "pshuflw",
    "pshufhw",
    "shufps",
    "shufpd",
    "unpcklps",
    "unpckhps",
    "unpcklpd",
    "unpckhpd",
  ]
) SSE_SEMANTICS[name] = packed(name);

// SSSE3 (advertised in CPUID.1:ECX).
for (
  const name of [
    "pshufb",
    "palignr",
    "pabsb",
    "pabsw",
    "pabsd",
    "psignb",
    "psignw",
    "psignd",
    "pmulhrsw",
    "phaddw",
    "phaddsw",
    "phsubw",
    "phsubsw",
    "phaddd",
    "phsubd",
    "pmaddubsw",
  ]
) SSE_SEMANTICS[name] = packed(name);

// ---------------------------------------------------------------------------
// SSE3, SSE4.1, SSE4.2 (advertised in CPUID.1:ECX).

const movddup: X86Semantics = (i, e) => {
  const d = i.ops[0].reg;
  const s = src(e, i, 1, 8);
  copyLanes(e, d, s, 0, 2, 2);
  copyLanes(e, d, s, 0, 2, 0);
};

/** A float helper of sse.ts called as (cpu, k, dest, source). */
function fhelper(name: string, k: number): X86Semantics {
  return (i, e) => {
    const s = src(e, i, 1, 16);
    e.stmt(`rt.sse.${name}(s, ${e.num(k)}, ${e.num(i.ops[0].reg)}, ${e.num(s)});`);
  };
}

function round(dbl: boolean, lanes: number): X86Semantics {
  return (i, e) => {
    const s = src(e, i, 1, lanes === 1 ? (dbl ? 8 : 4) : 16);
    const imm = i.ops[2].imm & 15;
    e.stmt(
      `rt.sse.round(s, ${e.num(dbl ? 1 : 0)}, ${e.num(lanes)}, ${e.num(i.ops[0].reg)}, ${
        e.num(s)
      }, ${e.num(imm)});`,
    );
  };
}

const ptest: X86Semantics = (i, e) => {
  const s = src(e, i, 1, 16);
  setEfl(e, `rt.sse.ptest(s, ${e.num(i.ops[0].reg)}, ${e.num(s)})`);
};

const insertps: X86Semantics = (i, e) => {
  const mem = i.ops[1].t === O_MEM;
  const s = src(e, i, 1, 4);
  const imm = i.ops[2].imm & (mem ? 0x3f : 0xff);
  e.stmt(`rt.sse.insertps(s, ${e.num(i.ops[0].reg)}, ${e.num(s)}, ${e.num(imm)});`);
};

/** pextrb/pextrw/pextrd/pextrq/extractps: element `bytes` wide, index imm, to a GPR or memory. */
function pextr(bytes: number): X86Semantics {
  return (i, e) => {
    const d = i.ops[0], r = i.ops[1].reg, imm = i.ops[2].imm;
    const x = XI(e);
    let v: { l: string; h: string };
    if (bytes === 1) v = { l: `s.xb[${e.num(16 * r + (imm & 15))}]`, h: "0" };
    else if (bytes === 2) v = { l: `s.xuw[${e.num(8 * r + (imm & 7))}]`, h: "0" };
    else if (bytes === 4) v = { l: `${x}[${e.num(4 * r + (imm & 3))}]`, h: "0" };
    else {
      const k = 4 * r + 2 * (imm & 1);
      v = { l: `${x}[${e.num(k)}]`, h: `${x}[${e.num(k + 1)}]` };
    }
    if (d.t === O_REG) writeGpr(e, d.reg, bytes === 8 ? 8 : 4, false, v);
    else store(e, memOff(e, i, d, bytes, true), bytes, v);
  };
}

/** pinsrb/pinsrd/pinsrq: a GPR or memory element into lane imm. */
function pinsr(bytes: number): X86Semantics {
  return (i, e) => {
    const d = i.ops[0].reg, imm = i.ops[2].imm;
    const o = i.ops[1];
    const v = o.t === O_REG ? readOp(e, i, 1) : load(e, memOff(e, i, o, bytes, false), bytes);
    const x = XI(e);
    if (bytes === 1) e.stmt(`s.xb[${e.num(16 * d + (imm & 15))}] = ${v.l};`);
    else if (bytes === 4) e.stmt(`${x}[${e.num(4 * d + (imm & 3))}] = ${v.l};`);
    else {
      const k = 4 * d + 2 * (imm & 1);
      e.stmt(`${x}[${e.num(k)}] = ${v.l}; ${x}[${e.num(k + 1)}] = ${v.h};`);
    }
  };
}

/** pcmpestri/pcmpestrm/pcmpistri/pcmpistrm (see pcmpstr in sse4.ts). */
function pcmpstr(mask: boolean, explicit: boolean): X86Semantics {
  return (i, e) => {
    const a = i.ops[0].reg;
    const b = src(e, i, 1, 16);
    const imm = i.ops[2].imm & 255;
    const wide = explicit && (i.rex & 8) !== 0;
    const kind = (mask ? 1 : 0) | (explicit ? 2 : 0) | (wide ? 4 : 0);
    const len = explicit
      ? `${rlo(e, 0)}, ${wide ? rhi(e, 0) : "0"}, ${rlo(e, 2)}, ${wide ? rhi(e, 2) : "0"}`
      : "0, 0, 0, 0";
    const t = e.tmp();
    e.stmt(
      `${t} = rt.sse.pcmpstr(s, ${e.num(a)}, ${e.num(b)}, ${e.num(imm)}, ${e.num(kind)}, ${len});`,
    );
    setEfl(e, `(${t} & 65535)`);
    if (!mask) writeGpr(e, 1, 4, false, { l: `(${t} >>> 16)`, h: "0" });
  };
}

/** crc32 r32/r64, r/m8/16/32/64: the result is 32 bits, zero-extended. */
const crc32: X86Semantics = (i, e) => {
  const d = i.ops[0], o = i.ops[1];
  const v = readOp(e, i, 1);
  const t = e.tmp();
  e.stmt(
    `${t} = rt.sse.crc32(${rlo(e, d.reg)}, ${v.l}, ${o.size === 8 ? v.h : "0"}, ${e.num(o.size)});`,
  );
  writeGpr(e, d.reg, 4, false, { l: t, h: "0" });
};

Object.assign(SSE_SEMANTICS, {
  movddup,
  pextrw: pextr(2),
  movshdup: packed("movshdup"),
  movsldup: packed("movsldup"),
  haddps: fhelper("hps", 0),
  hsubps: fhelper("hps", 1),
  haddpd: fhelper("hpd", 0),
  hsubpd: fhelper("hpd", 1),
  addsubps: fhelper("addsub", 0),
  addsubpd: fhelper("addsub", 1),
  ptest,
  roundss: round(false, 1),
  roundsd: round(true, 1),
  roundps: round(false, 4),
  roundpd: round(true, 2),
  insertps,
  pextrb: pextr(1),
  pextrd: pextr(4),
  pextrq: pextr(8),
  extractps: pextr(4),
  pinsrb: pinsr(1),
  pinsrd: pinsr(4),
  pinsrq: pinsr(8),
  pcmpistri: pcmpstr(false, false),
  pcmpistrm: pcmpstr(true, false),
  pcmpestri: pcmpstr(false, true),
  pcmpestrm: pcmpstr(true, true),
  crc32,
  pmovsxbw: packed("pmovsxbw", 8),
  pmovsxbd: packed("pmovsxbd", 4),
  pmovsxbq: packed("pmovsxbq", 2),
  pmovsxwd: packed("pmovsxwd", 8),
  pmovsxwq: packed("pmovsxwq", 4),
  pmovsxdq: packed("pmovsxdq", 8),
  pmovzxbw: packed("pmovzxbw", 8),
  pmovzxbd: packed("pmovzxbd", 4),
  pmovzxbq: packed("pmovzxbq", 2),
  pmovzxwd: packed("pmovzxwd", 8),
  pmovzxwq: packed("pmovzxwq", 4),
  pmovzxdq: packed("pmovzxdq", 8),
});

for (
  const name of [
    "pblendvb",
    "blendvps",
    "blendvpd",
    "blendps",
    "blendpd",
    "pblendw",
    "pminsb",
    "pminsd",
    "pminuw",
    "pminud",
    "pmaxsb",
    "pmaxsd",
    "pmaxuw",
    "pmaxud",
    "pmulld",
    "pmuldq",
    "pcmpeqq",
    "pcmpgtq",
    "packusdw",
    "dpps",
    "dppd",
    "phminposuw",
    "mpsadbw",
  ]
) SSE_SEMANTICS[name] = packed(name);
