/**
 * MMX helpers for lifted code. The mm registers live in the low 8 bytes of
 * slots {@link MM0}..MM0+7 of the xmm register file (the upper 8 bytes are
 * scratch, so the element-wise SSE2 helpers of sse.ts apply unchanged); the
 * helpers here are the MMX forms whose lanes cross the 64-bit boundary
 * differently from the 128-bit forms (packs, high unpacks, pshufb, palignr,
 * the horizontal SSSE3 ops, pmovmskb, maskmovq).
 *
 * Aliasing with the x87 stack: architecturally mm i is the significand of
 * the physical x87 register R i, an MMX instruction sets TOP to 0 and every
 * tag to valid, and writing mm i sets R i's sign and exponent to all ones.
 * Lifted MMX code first calls {@link MMX_RUNTIME.enter} when TOP or the tags
 * are not in that state (x87 code ran since: it reloads the mm registers
 * from the x87 significands), and after each write calls `sync`, which
 * stores the value into `c.st` as the x87 would see it. `emms` empties the
 * tags.
 * @module
 */

import { MM0, type X86Cpu } from "./cpu.ts";
import { loadMm, type X80 } from "./x87.ts";

export { MM0 };

const tb = new Uint8Array(16);
const tw = new Int16Array(tb.buffer);
const ti = new Int32Array(tb.buffer);

const sat8s = (v: number) => (v < -128 ? -128 : v > 127 ? 127 : v);
const sat8u = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
const sat16s = (v: number) => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);

/** Copy the low 8 bytes of slot d into tb[0..7] and of slot s into tb[8..15]. */
function grab(c: X86Cpu, d: number, s: number): void {
  ti[0] = c.xi[d * 4];
  ti[1] = c.xi[d * 4 + 1];
  ti[2] = c.xi[s * 4];
  ti[3] = c.xi[s * 4 + 1];
}

function hop(c: X86Cpu, d: number, s: number, f: (a: number, b: number) => number): void {
  grab(c, d, s);
  for (let k = 0; k < 4; k++) c.xw[d * 8 + k] = f(tw[2 * k], tw[2 * k + 1]);
}

/** The MMX runtime (`rt.mmx`). Operands are xmm-file slots (MM0 + n, or 16 for memory). */
export const MMX_RUNTIME = {
  /** Enter MMX state: reload mm0-7 from the x87 significands, TOP = 0, all tags valid. */
  enter(c: X86Cpu): void {
    loadMm(c);
    c.ftop = 0;
    c.ftag = 0;
  },
  /** Mirror mm n into physical x87 register n (sign and exponent all ones). */
  sync(c: X86Cpu, n: number): void {
    const m = (BigInt(c.xi[(MM0 + n) * 4 + 1] >>> 0) << 32n) | BigInt(c.xi[(MM0 + n) * 4] >>> 0);
    const x: X80 = { k: 2, s: 1, e: 0, m };
    c.st[n] = x;
  },
  packsswb(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    for (let k = 0; k < 8; k++) c.xsb[d * 16 + k] = sat8s(tw[k]);
  },
  packuswb(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    for (let k = 0; k < 8; k++) c.xb[d * 16 + k] = sat8u(tw[k]);
  },
  packssdw(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    for (let k = 0; k < 4; k++) c.xw[d * 8 + k] = sat16s(ti[k]);
  },
  punpckhbw(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    for (let k = 0; k < 4; k++) {
      c.xb[d * 16 + 2 * k] = tb[4 + k];
      c.xb[d * 16 + 2 * k + 1] = tb[12 + k];
    }
  },
  punpckhwd(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    for (let k = 0; k < 2; k++) {
      c.xw[d * 8 + 2 * k] = tw[2 + k];
      c.xw[d * 8 + 2 * k + 1] = tw[6 + k];
    }
  },
  punpckhdq(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    c.xi[d * 4] = ti[1];
    c.xi[d * 4 + 1] = ti[3];
  },
  pshufb(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    for (let k = 0; k < 8; k++) {
      const m = tb[8 + k];
      c.xb[d * 16 + k] = m & 0x80 ? 0 : tb[m & 7];
    }
  },
  /** palignr: (dest:src) >> 8*imm, low 8 bytes. */
  palignr(c: X86Cpu, d: number, s: number, imm: number): void {
    grab(c, d, s);
    // tb[0..7] = dest, tb[8..15] = src; the concatenation is src (low) then dest (high).
    for (let k = 0; k < 8; k++) {
      const j = k + imm;
      c.xb[d * 16 + k] = j < 8 ? tb[8 + j] : j < 16 ? tb[j - 8] : 0;
    }
  },
  phaddw(c: X86Cpu, d: number, s: number): void {
    hop(c, d, s, (a, b) => a + b);
  },
  phaddsw(c: X86Cpu, d: number, s: number): void {
    hop(c, d, s, (a, b) => sat16s(a + b));
  },
  phsubw(c: X86Cpu, d: number, s: number): void {
    hop(c, d, s, (a, b) => a - b);
  },
  phsubsw(c: X86Cpu, d: number, s: number): void {
    hop(c, d, s, (a, b) => sat16s(a - b));
  },
  phaddd(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    c.xi[d * 4] = (ti[0] + ti[1]) | 0;
    c.xi[d * 4 + 1] = (ti[2] + ti[3]) | 0;
  },
  phsubd(c: X86Cpu, d: number, s: number): void {
    grab(c, d, s);
    c.xi[d * 4] = (ti[0] - ti[1]) | 0;
    c.xi[d * 4 + 1] = (ti[2] - ti[3]) | 0;
  },
  pmovmskb(c: X86Cpu, s: number): number {
    let m = 0;
    for (let k = 0; k < 8; k++) m |= (c.xb[s * 16 + k] >> 7) << k;
    return m;
  },
  /** maskmovq: store the bytes of slot d whose mask byte in slot m has its top bit set. */
  maskmov(c: X86Cpu, off: number, d: number, m: number): void {
    for (let k = 0; k < 8; k++) if (c.xb[m * 16 + k] & 0x80) c.u8[off + k] = c.xb[d * 16 + k];
  },
};
