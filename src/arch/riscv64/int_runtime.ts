/**
 * Integer helpers called from lifted RISC-V code for operations that do not
 * fit in a short inline expression. Each returns the low 32 bits of a 64-bit
 * result and leaves the high 32 bits in `h`. Division stays on int32 fast
 * paths when both operands fit, and falls back to BigInt otherwise.
 * @module
 */

/** High 32 bits of the unsigned 32x32 product of a and b (int32 in, int32 out). */
export function mulhu32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p0 = a0 * b0, p1 = a0 * b1, p2 = a1 * b0, p3 = a1 * b1;
  const mid = (p0 >>> 16) + (p1 & 0xffff) + (p2 & 0xffff);
  return (p3 + (p1 >>> 16) + (p2 >>> 16) + (mid >>> 16)) | 0;
}

const TWO32 = 4294967296;

function toBig(l: number, h: number): bigint {
  return (BigInt(h) << 32n) | BigInt(l >>> 0);
}

/** The integer runtime; `h` carries the high half of the last result. */
export const INT_RUNTIME = {
  h: 0,

  mul(al: number, ah: number, bl: number, bh: number): number {
    this.h = (mulhu32(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
    return Math.imul(al, bl);
  },

  /** High 64 bits of the unsigned 128-bit product; result low half returned. */
  mulhu(al: number, ah: number, bl: number, bh: number): number {
    const a0 = al >>> 0, a1 = ah >>> 0, b0 = bl >>> 0, b1 = bh >>> 0;
    const h00 = mulhu32(a0, b0) >>> 0;
    const l01 = Math.imul(a0, b1) >>> 0, h01 = mulhu32(a0, b1) >>> 0;
    const l10 = Math.imul(a1, b0) >>> 0, h10 = mulhu32(a1, b0) >>> 0;
    const l11 = Math.imul(a1, b1) >>> 0, h11 = mulhu32(a1, b1) >>> 0;
    const w1 = h00 + l01 + l10;
    const c1 = Math.floor(w1 / TWO32);
    const w2 = h01 + h10 + l11 + c1;
    const c2 = Math.floor(w2 / TWO32);
    this.h = (h11 + c2) | 0;
    return w2 | 0;
  },

  mulh(al: number, ah: number, bl: number, bh: number): number {
    let l = this.mulhu(al, ah, bl, bh), h = this.h;
    if (ah < 0) [l, h] = sub64(l, h, bl, bh);
    if (bh < 0) [l, h] = sub64(l, h, al, ah);
    this.h = h;
    return l;
  },

  mulhsu(al: number, ah: number, bl: number, bh: number): number {
    let l = this.mulhu(al, ah, bl, bh), h = this.h;
    if (ah < 0) [l, h] = sub64(l, h, bl, bh);
    this.h = h;
    return l;
  },

  div(al: number, ah: number, bl: number, bh: number): number {
    if (ah === al >> 31 && bh === bl >> 31) {
      if (bl === 0) return this.h = -1;
      const q = Math.trunc(al / bl);
      this.h = q < 0 ? -1 : 0;
      return q | 0;
    }
    if (bl === 0 && bh === 0) return this.h = -1;
    return this.big(BigInt.asIntN(64, toBig(al, ah)) / BigInt.asIntN(64, toBig(bl, bh)));
  },

  divu(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) return this.h = -1;
    if (ah === 0 && bh === 0) {
      this.h = 0;
      return Math.floor((al >>> 0) / (bl >>> 0)) | 0;
    }
    return this.big(BigInt.asUintN(64, toBig(al, ah)) / BigInt.asUintN(64, toBig(bl, bh)));
  },

  rem(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) {
      this.h = ah;
      return al;
    }
    if (ah === al >> 31 && bh === bl >> 31) {
      const r = al % bl; // sign follows the dividend, as RISC-V wants; -2^31 % -1 is 0
      this.h = r < 0 ? -1 : 0;
      return r | 0;
    }
    return this.big(BigInt.asIntN(64, toBig(al, ah)) % BigInt.asIntN(64, toBig(bl, bh)));
  },

  remu(al: number, ah: number, bl: number, bh: number): number {
    if (bl === 0 && bh === 0) {
      this.h = ah;
      return al;
    }
    if (ah === 0 && bh === 0) {
      this.h = 0;
      return ((al >>> 0) % (bl >>> 0)) | 0;
    }
    return this.big(BigInt.asUintN(64, toBig(al, ah)) % BigInt.asUintN(64, toBig(bl, bh)));
  },

  big(v: bigint): number {
    this.h = Number(BigInt.asIntN(32, v >> 32n));
    return Number(BigInt.asIntN(32, v));
  },

  divw(a: number, b: number): number {
    if (b === 0) return -1;
    if (a === -2147483648 && b === -1) return a;
    return (a / b) | 0;
  },

  divuw(a: number, b: number): number {
    if (b === 0) return -1;
    return ((a >>> 0) / (b >>> 0)) | 0;
  },

  remw(a: number, b: number): number {
    if (b === 0) return a;
    if (b === -1) return 0;
    return (a % b) | 0;
  },

  remuw(a: number, b: number): number {
    if (b === 0) return a;
    return ((a >>> 0) % (b >>> 0)) | 0;
  },

  ctz32(x: number): number {
    return x === 0 ? 32 : 31 - Math.clz32(x & -x);
  },

  ctz64(l: number, h: number): number {
    return l !== 0 ? 31 - Math.clz32(l & -l) : h !== 0 ? 63 - Math.clz32(h & -h) : 64;
  },

  pop32(x: number): number {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    x = (x + (x >>> 4)) & 0x0f0f0f0f;
    return Math.imul(x, 0x01010101) >>> 24;
  },

  /** Rotate the 64-bit value left by s (mod 64). */
  rol(l: number, h: number, s: number): number {
    s &= 63;
    if (s >= 32) {
      const t = l;
      l = h;
      h = t;
      s -= 32;
    }
    if (s === 0) {
      this.h = h;
      return l;
    }
    this.h = (h << s) | (l >>> (32 - s));
    return (l << s) | (h >>> (32 - s));
  },

  /** Rotate the 64-bit value right by s (mod 64). */
  ror(l: number, h: number, s: number): number {
    return this.rol(l, h, (64 - (s & 63)) & 63);
  },

  /** orc.b on one 32-bit half. */
  orcb(x: number): number {
    let r = 0;
    if (x & 0xff) r |= 0xff;
    if (x & 0xff00) r |= 0xff00;
    if (x & 0xff0000) r |= 0xff0000;
    if (x & 0xff000000) r |= 0xff000000;
    return r | 0;
  },

  /** The time CSR: a 10 MHz counter, as on QEMU's virt machine. */
  rdtime(): number {
    return Math.floor(performance.now() * 10000);
  },
};

function sub64(al: number, ah: number, bl: number, bh: number): [number, number] {
  const l = (al - bl) | 0;
  const h = (ah - bh - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
  return [l, h];
}
