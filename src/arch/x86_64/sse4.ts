/**
 * SSE4.1 and SSE4.2 integer helpers for lifted code (blends, packed min/max,
 * 64-bit compares, sign/zero extension, inserts and extracts that need a
 * helper, phminposuw, mpsadbw, ptest, the pcmpXstrX string compares and
 * crc32). Float helpers (round*, dpps, the SSE3 horizontal ops) are in
 * sse.ts, next to the MXCSR-aware lane arithmetic they use. Each packed
 * helper takes the destination and source register indices (16 is the
 * scratch register a memory operand was loaded into) and an immediate.
 * @module
 */

import type { X86Cpu } from "./cpu.ts";

type Op = (c: X86Cpu, d: number, s: number, imm: number) => void;

const t8 = new Uint8Array(16);
const t32 = new Int32Array(t8.buffer);
const tS8 = new Int8Array(t8.buffer);
const tS16 = new Int16Array(t8.buffer);
const tU16 = new Uint16Array(t8.buffer);

/** Copy register r into the scratch bytes (so d may equal s). */
function grab(c: X86Cpu, r: number): void {
  for (let k = 0; k < 4; k++) t32[k] = c.xi[r * 4 + k];
}

function i32s(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 4; k++) x[d * 4 + k] = f(x[d * 4 + k], x[s * 4 + k]);
  };
}
function u32s(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const x = c.xu;
    for (let k = 0; k < 4; k++) x[d * 4 + k] = f(x[d * 4 + k], x[s * 4 + k]);
  };
}
function s8s(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const x = c.xsb;
    for (let k = 0; k < 16; k++) x[d * 16 + k] = f(x[d * 16 + k], x[s * 16 + k]);
  };
}
function u16s(f: (a: number, b: number) => number): Op {
  return (c, d, s) => {
    const x = c.xuw;
    for (let k = 0; k < 8; k++) x[d * 8 + k] = f(x[d * 8 + k], x[s * 8 + k]);
  };
}
const min = (a: number, b: number) => (a < b ? a : b);
const max = (a: number, b: number) => (a > b ? a : b);

/** 64-bit lane compare: sign of (a - b), signed. */
function cmp64(hiA: number, loA: number, hiB: number, loB: number): number {
  if (hiA !== hiB) return hiA < hiB ? -1 : 1;
  return (loA >>> 0) < (loB >>> 0) ? -1 : (loA >>> 0) > (loB >>> 0) ? 1 : 0;
}

/** Sign or zero extension: from element bytes `fb` to `tb`, signed or not. */
function pmov(fb: number, tb: number, signed: boolean): Op {
  return (c, d, s) => {
    grab(c, s);
    const n = 16 / tb;
    const out = new Int32Array(4);
    const ob = new Uint8Array(out.buffer);
    for (let k = 0; k < n; k++) {
      let v: number;
      if (fb === 1) v = signed ? tS8[k] : t8[k];
      else if (fb === 2) v = signed ? tS16[k] : tU16[k];
      else v = signed ? t32[k] : t32[k] >>> 0;
      // Write tb bytes of v little-endian, sign bits above 32 from v's sign.
      for (let b = 0; b < tb; b++) {
        ob[k * tb + b] = b < 4 ? (v >> (8 * b)) & 255 : v < 0 ? 255 : 0;
      }
    }
    for (let k = 0; k < 4; k++) c.xi[d * 4 + k] = out[k];
  };
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let v = n;
    for (let k = 0; k < 8; k++) v = v & 1 ? (v >>> 1) ^ 0x82f63b78 : v >>> 1;
    t[n] = v;
  }
  return t;
})();

/** The pcmpXstrX element values of register r (format: imm bits 1:0). */
function elems(c: X86Cpu, r: number, fmt: number, out: Int32Array): void {
  const n = fmt & 1 ? 8 : 16;
  for (let k = 0; k < n; k++) {
    out[k] = fmt === 0
      ? c.xb[r * 16 + k]
      : fmt === 1
      ? c.xuw[r * 8 + k]
      : fmt === 2
      ? c.xsb[r * 16 + k]
      : c.xw[r * 8 + k];
  }
}
const EA = new Int32Array(16), EB = new Int32Array(16);

/** Length of an explicit string (pcmpestr*): |v| saturated to n. */
function expLen(lo: number, hi: number, wide: number, n: number): number {
  if (!wide) return Math.min(Math.abs(lo), n);
  const v = hi * 4294967296 + (lo >>> 0);
  return Math.min(Math.abs(v), n);
}

/** The SSE4 integer runtime, spread into `rt.sse`. */
export const SSE4_RUNTIME = {
  movshdup: ((c, d, s) => {
    const a = c.xi[s * 4 + 1], b = c.xi[s * 4 + 3];
    c.xi[d * 4] = a, c.xi[d * 4 + 1] = a, c.xi[d * 4 + 2] = b, c.xi[d * 4 + 3] = b;
  }) as Op,
  movsldup: ((c, d, s) => {
    const a = c.xi[s * 4], b = c.xi[s * 4 + 2];
    c.xi[d * 4] = a, c.xi[d * 4 + 1] = a, c.xi[d * 4 + 2] = b, c.xi[d * 4 + 3] = b;
  }) as Op,
  pblendvb: ((c, d, s) => {
    for (let k = 0; k < 16; k++) if (c.xb[k] & 0x80) c.xb[d * 16 + k] = c.xb[s * 16 + k];
  }) as Op,
  blendvps: ((c, d, s) => {
    for (let k = 0; k < 4; k++) if (c.xi[k] < 0) c.xi[d * 4 + k] = c.xi[s * 4 + k];
  }) as Op,
  blendvpd: ((c, d, s) => {
    for (let k = 0; k < 2; k++) {
      if (c.xi[2 * k + 1] < 0) {
        c.xi[d * 4 + 2 * k] = c.xi[s * 4 + 2 * k];
        c.xi[d * 4 + 2 * k + 1] = c.xi[s * 4 + 2 * k + 1];
      }
    }
  }) as Op,
  blendps: ((c, d, s, imm) => {
    for (let k = 0; k < 4; k++) if (imm & (1 << k)) c.xi[d * 4 + k] = c.xi[s * 4 + k];
  }) as Op,
  blendpd: ((c, d, s, imm) => {
    for (let k = 0; k < 2; k++) {
      if (imm & (1 << k)) {
        c.xi[d * 4 + 2 * k] = c.xi[s * 4 + 2 * k];
        c.xi[d * 4 + 2 * k + 1] = c.xi[s * 4 + 2 * k + 1];
      }
    }
  }) as Op,
  pblendw: ((c, d, s, imm) => {
    for (let k = 0; k < 8; k++) if (imm & (1 << k)) c.xuw[d * 8 + k] = c.xuw[s * 8 + k];
  }) as Op,
  pminsb: s8s(min),
  pmaxsb: s8s(max),
  pminsd: i32s(min),
  pmaxsd: i32s(max),
  pminud: u32s(min),
  pmaxud: u32s(max),
  pminuw: u16s(min),
  pmaxuw: u16s(max),
  pmulld: i32s(Math.imul),
  pmuldq: ((c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 2; k++) {
      const p = BigInt(x[d * 4 + 2 * k]) * BigInt(x[s * 4 + 2 * k]);
      x[d * 4 + 2 * k] = Number(BigInt.asIntN(32, p));
      x[d * 4 + 2 * k + 1] = Number(BigInt.asIntN(32, p >> 32n));
    }
  }) as Op,
  pcmpeqq: ((c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 2; k++) {
      const r = x[d * 4 + 2 * k] === x[s * 4 + 2 * k] &&
          x[d * 4 + 2 * k + 1] === x[s * 4 + 2 * k + 1]
        ? -1
        : 0;
      x[d * 4 + 2 * k] = r;
      x[d * 4 + 2 * k + 1] = r;
    }
  }) as Op,
  pcmpgtq: ((c, d, s) => {
    const x = c.xi;
    for (let k = 0; k < 2; k++) {
      const r =
        cmp64(x[d * 4 + 2 * k + 1], x[d * 4 + 2 * k], x[s * 4 + 2 * k + 1], x[s * 4 + 2 * k]) > 0
          ? -1
          : 0;
      x[d * 4 + 2 * k] = r;
      x[d * 4 + 2 * k + 1] = r;
    }
  }) as Op,
  packusdw: ((c, d, s) => {
    const out = new Uint16Array(8);
    const sat = (v: number) => (v < 0 ? 0 : v > 65535 ? 65535 : v);
    for (let k = 0; k < 4; k++) out[k] = sat(c.xi[d * 4 + k]);
    for (let k = 0; k < 4; k++) out[4 + k] = sat(c.xi[s * 4 + k]);
    c.xuw.set(out, d * 8);
  }) as Op,
  pmovsxbw: pmov(1, 2, true),
  pmovsxbd: pmov(1, 4, true),
  pmovsxbq: pmov(1, 8, true),
  pmovsxwd: pmov(2, 4, true),
  pmovsxwq: pmov(2, 8, true),
  pmovsxdq: pmov(4, 8, true),
  pmovzxbw: pmov(1, 2, false),
  pmovzxbd: pmov(1, 4, false),
  pmovzxbq: pmov(1, 8, false),
  pmovzxwd: pmov(2, 4, false),
  pmovzxwq: pmov(2, 8, false),
  pmovzxdq: pmov(4, 8, false),
  /** insertps: source lane imm[7:6] (0 for a memory source) to lane imm[5:4], zero mask imm[3:0]. */
  insertps: ((c, d, s, imm) => {
    const v = c.xi[s * 4 + ((imm >> 6) & 3)];
    c.xi[d * 4 + ((imm >> 4) & 3)] = v;
    for (let k = 0; k < 4; k++) if (imm & (1 << k)) c.xi[d * 4 + k] = 0;
  }) as Op,
  phminposuw: ((c, d, s) => {
    let m = 65536, at = 0;
    for (let k = 0; k < 8; k++) {
      const v = c.xuw[s * 8 + k];
      if (v < m) (m = v), (at = k);
    }
    c.xi[d * 4] = m | (at << 16);
    c.xi[d * 4 + 1] = 0;
    c.xi[d * 4 + 2] = 0;
    c.xi[d * 4 + 3] = 0;
  }) as Op,
  mpsadbw: ((c, d, s, imm) => {
    grab(c, d);
    const a = (imm & 4) ? 4 : 0, b = (imm & 3) * 4;
    for (let i = 0; i < 8; i++) {
      let sum = 0;
      for (let j = 0; j < 4; j++) sum += Math.abs(t8[a + i + j] - c.xb[s * 16 + b + j]);
      c.xuw[d * 8 + i] = sum;
    }
  }) as Op,
  /** ptest's flags: ZF when d AND s is zero, CF when (NOT d) AND s is zero. */
  ptest(c: X86Cpu, d: number, s: number): number {
    let z = 0, n = 0;
    for (let k = 0; k < 4; k++) {
      z |= c.xi[d * 4 + k] & c.xi[s * 4 + k];
      n |= ~c.xi[d * 4 + k] & c.xi[s * 4 + k];
    }
    return (z === 0 ? 64 : 0) | (n === 0 ? 1 : 0);
  },
  /** CRC-32C of `n` bytes of (lo, hi), little-endian, onto crc (no pre/post inversion). */
  crc32(crc: number, lo: number, hi: number, n: number): number {
    for (let k = 0; k < n; k++) {
      const b = (k < 4 ? lo >>> (8 * k) : hi >>> (8 * (k - 4))) & 255;
      crc = CRC_TABLE[(crc ^ b) & 255] ^ (crc >>> 8);
    }
    return crc;
  },
  /**
   * pcmpestri/pcmpestrm/pcmpistri/pcmpistrm. `a` is the first (xmm) operand,
   * `b` the second (xmm or memory); kind bit 0: mask output (xmm0) rather
   * than index (for ECX); bit 1: explicit lengths from (alo, ahi) and
   * (dlo, dhi); bit 2: 64-bit lengths (REX.W). Returns the status flags in
   * bits 0-11 and the index in bits 16-20.
   */
  pcmpstr(
    c: X86Cpu,
    a: number,
    b: number,
    imm: number,
    kind: number,
    alo: number,
    ahi: number,
    dlo: number,
    dhi: number,
  ): number {
    const fmt = imm & 3, n = fmt & 1 ? 8 : 16, agg = (imm >> 2) & 3, pol = (imm >> 4) & 3;
    elems(c, a, fmt, EA);
    elems(c, b, fmt, EB);
    let la: number, lb: number;
    if (kind & 2) {
      la = expLen(alo, ahi, kind & 4, n);
      lb = expLen(dlo, dhi, kind & 4, n);
    } else {
      la = n;
      for (let k = 0; k < n; k++) {
        if (EA[k] === 0) {
          la = k;
          break;
        }
      }
      lb = n;
      for (let k = 0; k < n; k++) {
        if (EB[k] === 0) {
          lb = k;
          break;
        }
      }
    }
    let r1 = 0;
    for (let j = 0; j < n; j++) {
      let bit = false;
      switch (agg) {
        case 0: // equal any: B[j] is one of A's valid elements
          if (j < lb) { for (let i = 0; i < la && !bit; i++) bit = EA[i] === EB[j]; }
          break;
        case 1: // ranges: A holds (low, high) pairs
          if (j < lb) {
            for (let i = 0; i + 1 < la && !bit; i += 2) bit = EA[i] <= EB[j] && EB[j] <= EA[i + 1];
          }
          break;
        case 2: // equal each
          bit = j >= la && j >= lb ? true : j >= la || j >= lb ? false : EA[j] === EB[j];
          break;
        default: // equal ordered: A occurs in B at j
          bit = true;
          for (let i = 0; i < n - j && bit; i++) {
            if (i >= la) break;
            bit = j + i < lb && EA[i] === EB[j + i];
          }
      }
      if (bit) r1 |= 1 << j;
    }
    const all = n === 16 ? 0xffff : 0xff;
    let r2 = r1;
    if (pol === 1) r2 = ~r1 & all;
    else if (pol === 3) r2 = r1 ^ ((1 << lb) - 1);
    if (kind & 1) {
      const x = c.xi;
      if (imm & 64) {
        for (let k = 0; k < n; k++) {
          const on = (r2 >> k) & 1 ? -1 : 0;
          if (n === 16) c.xb[k] = on;
          else c.xuw[k] = on;
        }
      } else {
        x[0] = r2;
        x[1] = 0;
        x[2] = 0;
        x[3] = 0;
      }
    }
    const idx = r2 === 0 ? n : imm & 64 ? 31 - Math.clz32(r2) : 31 - Math.clz32(r2 & -r2);
    return (r2 !== 0 ? 1 : 0) | (lb < n ? 64 : 0) | (la < n ? 128 : 0) | (r2 & 1 ? 2048 : 0) |
      (idx << 16);
  },
};
