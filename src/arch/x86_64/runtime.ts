/**
 * Helpers called from lifted x86-64 code: lazy-flag evaluation, wide
 * multiply and divide, rotates and double shifts, the string instructions,
 * cpuid and the time stamp counter. Helpers that produce a 64-bit value
 * return the low half and leave the high half in `h`.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import { PF_MAPPED, PF_R, PF_W } from "../../memory/address_space.ts";
import {
  AF,
  CF,
  DFS,
  FAH,
  FAL,
  FBH,
  FBL,
  FOP,
  FRH,
  FRL,
  K_ADC,
  K_ADD,
  K_DEC,
  K_EFL,
  K_IMUL,
  K_INC,
  K_MUL,
  K_SAR,
  K_SBB,
  K_SHL,
  K_SHR,
  K_SUB,
  OF,
  PF,
  SF,
  ZF,
} from "./cpu.ts";
import type { X86Cpu } from "./cpu.ts";
import { SSE_RUNTIME } from "./sse.ts";
import { X87_RUNTIME } from "./x87.ts";
import { MMX_RUNTIME } from "./mmx.ts";

/** PF for each low byte. */
const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let b = i, p = 1;
  while (b) {
    p ^= b & 1;
    b >>= 1;
  }
  PARITY[i] = p ? PF : 0;
}

function bit64(lo: number, hi: number, n: number): number {
  if (n < 0 || n > 63) return 0;
  return n < 32 ? (lo >>> n) & 1 : (hi >>> (n - 32)) & 1;
}

function ltu64(al: number, ah: number, bl: number, bh: number): boolean {
  return (ah >>> 0) < (bh >>> 0) || (ah === bh && (al >>> 0) < (bl >>> 0));
}

function big(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/**
 * The six status flags of a lazy-flags state.
 *
 * @example
 * ```ts
 * flags(K_SUB * 4 + 2, 0, 0, 5, 0, 5, 0, 0) & ZF; // ZF set: 5 - 5 = 0
 * ```
 */
export function flags(
  op: number,
  rl: number,
  rh: number,
  al: number,
  ah: number,
  bl: number,
  bh: number,
  fl: number,
): number {
  const kind = op >> 2, sz = op & 3;
  if (kind === K_EFL) return fl;
  const bits = 8 << sz;
  let f = PARITY[rl & 255];
  let cf = 0, of = 0, af = 0;
  if (sz === 3) {
    if (rl === 0 && rh === 0) f |= ZF;
    if (rh < 0) f |= SF;
    switch (kind) {
      case K_ADD:
      case K_ADC: {
        const cin = kind === K_ADC ? fl & 1 : 0;
        cf = ltu64(rl, rh, al, ah) || (cin === 1 && rl === al && rh === ah) ? 1 : 0;
        of = ((ah ^ rh) & (bh ^ rh)) < 0 ? 1 : 0;
        af = (al ^ bl ^ rl) & 16;
        break;
      }
      case K_SUB:
      case K_SBB: {
        const cin = kind === K_SBB ? fl & 1 : 0;
        cf = ltu64(al, ah, bl, bh) || (cin === 1 && al === bl && ah === bh) ? 1 : 0;
        of = ((ah ^ bh) & (ah ^ rh)) < 0 ? 1 : 0;
        af = (al ^ bl ^ rl) & 16;
        break;
      }
      case K_INC:
        cf = fl & 1;
        of = rh === -2147483648 && rl === 0 ? 1 : 0;
        af = (al ^ rl) & 16;
        break;
      case K_DEC:
        cf = fl & 1;
        of = ah === -2147483648 && al === 0 ? 1 : 0;
        af = (al ^ rl) & 16;
        break;
      case K_SHL:
        cf = bit64(al, ah, 64 - bl);
        of = (rh < 0 ? 1 : 0) ^ cf;
        break;
      case K_SHR:
        cf = bit64(al, ah, bl - 1);
        of = ah < 0 ? 1 : 0;
        break;
      case K_SAR:
        cf = bl - 1 > 63 ? (ah < 0 ? 1 : 0) : bit64(al, ah, bl - 1);
        break;
      case K_MUL:
        cf = of = bl & 1;
        break;
      case K_IMUL: {
        const p = big(al, ah) * big(bl, bh);
        cf = of = BigInt.asIntN(64, p) === p ? 0 : 1;
        break;
      }
    }
  } else {
    const sh = 32 - bits;
    const R = rl << sh, A = al << sh, B = bl << sh;
    if (R === 0) f |= ZF;
    if (R < 0) f |= SF;
    switch (kind) {
      case K_ADD:
      case K_ADC: {
        const cin = kind === K_ADC ? fl & 1 : 0;
        cf = cin ? ((R >>> 0) <= (A >>> 0) ? 1 : 0) : ((R >>> 0) < (A >>> 0) ? 1 : 0);
        of = ((A ^ R) & (B ^ R)) < 0 ? 1 : 0;
        af = (al ^ bl ^ rl) & 16;
        break;
      }
      case K_SUB:
      case K_SBB: {
        const cin = kind === K_SBB ? fl & 1 : 0;
        cf = cin ? ((A >>> 0) <= (B >>> 0) ? 1 : 0) : ((A >>> 0) < (B >>> 0) ? 1 : 0);
        of = ((A ^ B) & (A ^ R)) < 0 ? 1 : 0;
        af = (al ^ bl ^ rl) & 16;
        break;
      }
      case K_INC:
        cf = fl & 1;
        of = R === -2147483648 ? 1 : 0;
        af = (al ^ rl) & 16;
        break;
      case K_DEC:
        cf = fl & 1;
        of = A === -2147483648 ? 1 : 0;
        af = (al ^ rl) & 16;
        break;
      case K_SHL:
        cf = bl >= 1 && bl <= bits ? (al >>> (bits - bl)) & 1 : 0;
        of = (R < 0 ? 1 : 0) ^ cf;
        break;
      case K_SHR:
        cf = bl >= 1 && bl <= bits ? (al >>> (bl - 1)) & 1 : 0;
        of = A < 0 ? 1 : 0;
        break;
      case K_SAR: {
        const n = Math.min(bl - 1, bits - 1);
        cf = (A >> (sh + n)) & 1;
        break;
      }
      case K_MUL:
        cf = of = bl & 1;
        break;
    }
  }
  if (cf) f |= CF;
  if (of) f |= OF;
  if (af) f |= AF;
  return f;
}

/** Evaluate condition code `cc` (0..15, the jcc encoding) on a lazy-flags state. */
export function cond(
  cc: number,
  op: number,
  rl: number,
  rh: number,
  al: number,
  ah: number,
  bl: number,
  bh: number,
  fl: number,
): boolean {
  const f = flags(op, rl, rh, al, ah, bl, bh, fl);
  let r: boolean;
  switch (cc >> 1) {
    case 0:
      r = (f & OF) !== 0;
      break;
    case 1:
      r = (f & CF) !== 0;
      break;
    case 2:
      r = (f & ZF) !== 0;
      break;
    case 3:
      r = (f & (CF | ZF)) !== 0;
      break;
    case 4:
      r = (f & SF) !== 0;
      break;
    case 5:
      r = (f & PF) !== 0;
      break;
    case 6:
      r = ((f & SF) !== 0) !== ((f & OF) !== 0);
      break;
    default:
      r = (f & ZF) !== 0 || ((f & SF) !== 0) !== ((f & OF) !== 0);
  }
  return (cc & 1) ? !r : r;
}

const TWO32 = 4294967296;

/** High 32 bits of the unsigned 32x32 product. */
function mulhu32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p0 = a0 * b0, p1 = a0 * b1, p2 = a1 * b0, p3 = a1 * b1;
  const mid = (p0 >>> 16) + (p1 & 0xffff) + (p2 & 0xffff);
  return (p3 + (p1 >>> 16) + (p2 >>> 16) + (mid >>> 16)) | 0;
}

/** The x86-64 runtime object (one per process). */
export interface X86Runtime {
  h: number;
  /** Extra results (the high 64 bits of a wide multiply, a remainder, flags). */
  h2: number;
  h3: number;
  fl: number;
  flags: typeof flags;
  cond: typeof cond;
  /** CF of a lazy state (0 or 1). */
  cf(
    op: number,
    rl: number,
    rh: number,
    al: number,
    ah: number,
    bl: number,
    bh: number,
    fl: number,
  ): number;
  mul64(al: number, ah: number, bl: number, bh: number): number;
  mulw(al: number, ah: number, bl: number, bh: number, signed: number): number;
  div(
    sz: number,
    signed: number,
    nl: number,
    nh: number,
    hl: number,
    hh: number,
    dl: number,
    dh: number,
  ): number;
  rot(kind: number, sz: number, al: number, ah: number, n: number, fl: number): number;
  shd(
    left: number,
    sz: number,
    al: number,
    ah: number,
    bl: number,
    bh: number,
    n: number,
    fl: number,
  ): number;
  string(s: X86Cpu, op: number, size: number, rep: number, seg: number): number;
  cpuid(s: X86Cpu): void;
  popcnt(v: number): number;
  rdtsc(s: X86Cpu): number;
  sse: typeof SSE_RUNTIME;
  x87: typeof X87_RUNTIME;
  mmx: typeof MMX_RUNTIME;
}

/** String op codes for {@link X86Runtime.string}. */
export const STR_MOVS = 0, STR_STOS = 1, STR_LODS = 2, STR_CMPS = 3, STR_SCAS = 4;

/** Make the x86-64 runtime for an address space. */
export function makeX86Runtime(mem: AddressSpace): X86Runtime {
  const u8 = mem.u8, dv = mem.dv;
  const rt: X86Runtime = {
    h: 0,
    h2: 0,
    h3: 0,
    fl: 0,
    sse: SSE_RUNTIME,
    x87: X87_RUNTIME,
    mmx: MMX_RUNTIME,
    flags,
    cond,
    cf(op, rl, rh, al, ah, bl, bh, fl) {
      return flags(op, rl, rh, al, ah, bl, bh, fl) & CF;
    },
    /** Low 64 bits of a 64x64 product (low half returned, high half in h). */
    mul64(al, ah, bl, bh) {
      rt.h = (mulhu32(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
      return Math.imul(al, bl);
    },
    /** Full 128-bit product: low 64 in (return, h), high 64 in (h2, h3). */
    mulw(al, ah, bl, bh, signed) {
      let a = big(al, ah), b = big(bl, bh);
      if (!signed) {
        a = BigInt.asUintN(64, a);
        b = BigInt.asUintN(64, b);
      }
      const p = a * b;
      rt.h = Number(BigInt.asIntN(32, p >> 32n));
      rt.h2 = Number(BigInt.asIntN(32, p >> 64n));
      rt.h3 = Number(BigInt.asIntN(32, p >> 96n));
      return Number(BigInt.asIntN(32, p));
    },
    /**
     * Divide (hi:lo) of twice the size by the divisor. Returns 1 on a divide
     * error; else 0 with the quotient in (h, h2) and the remainder in (h3, fl).
     */
    div(sz, signed, nl, nh, hl, hh, dl, dh) {
      if (sz < 3) {
        const bits = 8 << sz;
        const mask = bits === 32 ? TWO32 : 1 << bits;
        let n: number, d: number;
        if (bits === 32) {
          n = (hl >>> 0) * TWO32 + (nl >>> 0);
          d = dl >>> 0;
        } else if (bits === 16) {
          n = (hl & 0xffff) * 65536 + (nl & 0xffff);
          d = dl & 0xffff;
        } else {
          n = nl & 0xffff;
          d = dl & 0xff;
        }
        if (d === 0) return 1;
        if (!signed) {
          if (bits === 32) {
            const bn = (BigInt(hl >>> 0) << 32n) | BigInt(nl >>> 0), bd = BigInt(d);
            const q = bn / bd;
            if (q >= BigInt(mask)) return 1;
            rt.h = Number(q) | 0;
            rt.h3 = Number(bn % bd) | 0;
          } else {
            const q = Math.floor(n / d);
            if (q >= mask) return 1;
            rt.h = q;
            rt.h3 = n % d;
          }
        } else {
          let sn: bigint, sd: bigint;
          if (bits === 32) {
            sn = BigInt.asIntN(64, (BigInt(hl >>> 0) << 32n) | BigInt(nl >>> 0));
            sd = BigInt(dl | 0);
          } else if (bits === 16) {
            sn = BigInt((n << 0) | 0);
            sd = BigInt((d << 16) >> 16);
          } else {
            sn = BigInt((n << 16) >> 16);
            sd = BigInt((d << 24) >> 24);
          }
          const q = sn / sd;
          const half = BigInt(mask / 2);
          if (q >= half || q < -half) return 1;
          rt.h = Number(q) | 0;
          rt.h3 = Number(sn % sd) | 0;
          if (bits < 32) {
            rt.h &= mask - 1;
            rt.h3 &= mask - 1;
          }
        }
        rt.h2 = 0;
        rt.fl = 0;
        return 0;
      }
      const d = signed ? big(dl, dh) : BigInt.asUintN(64, big(dl, dh));
      if (d === 0n) return 1;
      let n = (BigInt.asUintN(64, big(hl, hh)) << 64n) | BigInt.asUintN(64, big(nl, nh));
      if (signed) n = BigInt.asIntN(128, n);
      const q = n / d;
      if (signed ? q >= 1n << 63n || q < -(1n << 63n) : q >= 1n << 64n) return 1;
      const r = n % d;
      rt.h = Number(BigInt.asIntN(32, q));
      rt.h2 = Number(BigInt.asIntN(32, q >> 32n));
      rt.h3 = Number(BigInt.asIntN(32, r));
      rt.fl = Number(BigInt.asIntN(32, r >> 32n));
      return 0;
    },
    /**
     * rol (0), ror (1), rcl (2), rcr (3) of a size-sz value by n (already
     * masked, non-zero), with flags fl in; new flags in `fl`.
     */
    rot(kind, sz, al, ah, n, fl) {
      const bits = 8 << sz;
      if (kind <= 1) {
        // rol/ror without BigInt: rotate left by k (ror n = rol bits - n).
        let k = n % bits;
        if (kind === 1) k = (bits - k) % bits;
        let l: number, h = 0;
        if (sz === 3) {
          let x = al, y = ah;
          if (k >= 32) (x = ah), (y = al), (k -= 32);
          l = k === 0 ? x : (x << k) | (y >>> (32 - k));
          h = k === 0 ? y : (y << k) | (x >>> (32 - k));
        } else if (sz === 2) l = k === 0 ? al : (al << k) | (al >>> (32 - k));
        else {
          const v = al & ((1 << bits) - 1);
          l = ((v << k) | (v >>> (bits - k))) & ((1 << bits) - 1);
        }
        const top = sz === 3 ? h >>> 31 : (l >>> (bits - 1)) & 1;
        const next = sz === 3 ? (h >>> 30) & 1 : (l >>> (bits - 2)) & 1;
        const cf = kind === 0 ? l & 1 : top;
        const of = kind === 0 ? top ^ cf : top ^ next;
        rt.fl = (fl & ~(CF | OF)) | cf | (of ? OF : 0);
        rt.h = h;
        return l | 0;
      }
      let v = sz === 3
        ? BigInt.asUintN(64, big(al, ah))
        : BigInt(bits === 32 ? al >>> 0 : al & ((1 << bits) - 1));
      const B = BigInt(bits);
      const mask = (1n << B) - 1n;
      let cf = fl & CF;
      let of = 0;
      if (kind === 0 || kind === 1) {
        const k = BigInt(n % bits);
        if (k !== 0n) {
          v = kind === 0 ? ((v << k) | (v >> (B - k))) & mask : ((v >> k) | (v << (B - k))) & mask;
        }
        if (kind === 0) {
          cf = Number(v & 1n);
          of = Number((v >> (B - 1n)) & 1n) ^ cf;
        } else {
          cf = Number((v >> (B - 1n)) & 1n);
          of = cf ^ Number((v >> (B - 2n)) & 1n);
        }
      } else {
        const k = n % (bits + 1);
        let c = BigInt(cf);
        for (let i = 0; i < k; i++) {
          if (kind === 2) {
            const out = (v >> (B - 1n)) & 1n;
            v = ((v << 1n) | c) & mask;
            c = out;
          } else {
            const out = v & 1n;
            v = (v >> 1n) | (c << (B - 1n));
            c = out;
          }
        }
        cf = Number(c);
        of = kind === 2
          ? Number((v >> (B - 1n)) & 1n) ^ cf
          : Number((v >> (B - 1n)) & 1n) ^ Number((v >> (B - 2n)) & 1n);
      }
      rt.fl = (fl & ~(CF | OF)) | cf | (of ? OF : 0);
      rt.h = Number(BigInt.asIntN(32, v >> 32n));
      return Number(BigInt.asIntN(32, v));
    },
    /** shld (left=1) / shrd of a by n (masked, non-zero) filling from b; flags in fl. */
    shd(left, sz, al, ah, bl, bh, n, fl) {
      const bits = 8 << sz;
      if (sz >= 2 && n < bits) {
        // 32/64-bit without BigInt: (a:b) shifted as one double-width value.
        let rl: number, rh = 0, cf: number, sign: number, asign: number;
        if (sz === 2) {
          rl = left ? (al << n) | (bl >>> (32 - n)) : (al >>> n) | (bl << (32 - n));
          cf = left ? (al >>> (32 - n)) & 1 : (al >>> (n - 1)) & 1;
          sign = rl >>> 31;
          asign = al >>> 31;
        } else {
          const sh = (l: number, h: number, k: number, dir: number): [number, number] => {
            if (k === 0) return [l, h];
            if (dir > 0) {
              return k < 32 ? [l << k, (h << k) | (l >>> (32 - k))] : [0, l << (k - 32)];
            }
            return k < 32 ? [(l >>> k) | (h << (32 - k)), h >>> k] : [h >>> (k - 32), 0];
          };
          const [x1, y1] = sh(al, ah, n, left ? 1 : -1);
          const [x2, y2] = sh(bl, bh, 64 - n, left ? -1 : 1);
          rl = (x1 | x2) | 0;
          rh = (y1 | y2) | 0;
          cf = left ? bit64(al, ah, 64 - n) : bit64(al, ah, n - 1);
          sign = rh >>> 31;
          asign = ah >>> 31;
        }
        let f = PARITY[rl & 255] | cf;
        if (rl === 0 && rh === 0) f |= ZF;
        if (sign) f |= SF;
        if (sign !== asign) f |= OF;
        rt.fl = f | (fl & 0);
        rt.h = rh;
        return rl | 0;
      }
      const B = BigInt(bits);
      const mask = (1n << B) - 1n;
      const a = BigInt.asUintN(bits, big(al, ah)), b = BigInt.asUintN(bits, big(bl, bh));
      const k = BigInt(n);
      let r: bigint, cf: number;
      if (left) {
        const wide = (a << B) | b;
        r = (wide << k >> B) & mask;
        cf = Number((a >> (B - k)) & 1n);
      } else {
        const wide = (b << B) | a;
        r = (wide >> k) & mask;
        cf = Number((a >> (k - 1n)) & 1n);
      }
      const sign = Number((r >> (B - 1n)) & 1n);
      let f = PARITY[Number(r & 255n)] | cf;
      if (r === 0n) f |= ZF;
      if (sign) f |= SF;
      if (sign !== Number((a >> (B - 1n)) & 1n)) f |= OF;
      rt.fl = f | (fl & 0);
      rt.h = Number(BigInt.asIntN(32, r >> 32n));
      return Number(BigInt.asIntN(32, r));
    },
    /**
     * A string instruction, with the registers in `s.x` (the caller syncs
     * them). Returns 0, or -1 after recording a fault.
     */
    string(s, op, size, rep, seg) {
      const x = s.x;
      const step = x[DFS] ? -size : size;
      const segBase = seg === 4
        ? (x[41] >>> 0) + x[42] * TWO32
        : seg === 5
        ? (x[43] >>> 0) + x[44] * TWO32
        : 0;
      const reg = (i: number) => x[2 * i + 1] * TWO32 + (x[2 * i] >>> 0);
      const setReg = (i: number, v: number) => {
        x[2 * i] = v | 0;
        x[2 * i + 1] = Math.floor(v / TWO32) | 0;
      };
      let count = rep ? reg(1) : 1;
      if (rep && count < 0) count += 2 ** 64; // beyond any memory; faults first
      let si = reg(6), di = reg(7);
      const fault = (addr: number, write: boolean) => {
        s.faultAddr = addr < 0 ? addr + 2 ** 64 : addr;
        s.faultAccess = write ? 2 : 1;
        setReg(6, si);
        setReg(7, di);
        if (rep) setReg(1, count);
        return -1;
      };
      const rd = (addr: number): number => {
        const off = addr - mem.base;
        if (size === 1) return u8[off];
        if (size === 2) return dv.getUint16(off, true);
        if (size === 4) return dv.getInt32(off, true);
        rt.h = dv.getInt32(off + 4, true);
        return dv.getInt32(off, true);
      };
      const wr = (addr: number, lo: number, hi: number) => {
        const off = addr - mem.base;
        mem.noteWrite(off, size);
        if (size === 1) u8[off] = lo;
        else if (size === 2) dv.setUint16(off, lo, true);
        else if (size === 4) dv.setInt32(off, lo, true);
        else {
          dv.setInt32(off, lo, true);
          dv.setInt32(off + 4, hi, true);
        }
      };
      if (op === STR_MOVS && count > 0 && step > 0) {
        const n = count * size;
        const src = segBase + si, dst = di;
        if (
          mem.check(src, n, PF_R | PF_MAPPED) && mem.check(dst, n, PF_W | PF_MAPPED) &&
          (dst <= src || dst >= src + n)
        ) {
          mem.noteWrite(dst - mem.base, n);
          u8.copyWithin(dst - mem.base, src - mem.base, src - mem.base + n);
          setReg(6, si + n);
          setReg(7, di + n);
          if (rep) setReg(1, 0);
          return 0;
        }
      }
      if (op === STR_STOS && count > 0 && step > 0 && size === 1) {
        if (mem.check(di, count, PF_W | PF_MAPPED)) {
          mem.noteWrite(di - mem.base, count);
          u8.fill(x[0] & 255, di - mem.base, di - mem.base + count);
          setReg(7, di + count);
          if (rep) setReg(1, 0);
          return 0;
        }
      }
      const al = x[0], ah = x[1];
      while (count > 0) {
        switch (op) {
          case STR_MOVS: {
            if (!mem.check(segBase + si, size, PF_R | PF_MAPPED)) return fault(segBase + si, false);
            if (!mem.check(di, size, PF_W | PF_MAPPED)) return fault(di, true);
            const lo = rd(segBase + si);
            wr(di, lo, rt.h);
            si += step;
            di += step;
            break;
          }
          case STR_STOS:
            if (!mem.check(di, size, PF_W | PF_MAPPED)) return fault(di, true);
            wr(di, al, ah);
            di += step;
            break;
          case STR_LODS: {
            if (!mem.check(segBase + si, size, PF_R | PF_MAPPED)) return fault(segBase + si, false);
            const lo = rd(segBase + si);
            if (size === 1) x[0] = (x[0] & ~255) | lo;
            else if (size === 2) x[0] = (x[0] & ~0xffff) | lo;
            else if (size === 4) (x[0] = lo), (x[1] = 0);
            else (x[0] = lo), (x[1] = rt.h);
            si += step;
            break;
          }
          case STR_CMPS:
          case STR_SCAS: {
            let a: number, ahi = 0;
            if (op === STR_CMPS) {
              if (!mem.check(segBase + si, size, PF_R | PF_MAPPED)) {
                return fault(segBase + si, false);
              }
              a = rd(segBase + si);
              ahi = rt.h;
            } else {
              a = size === 1 ? al & 255 : size === 2 ? al & 0xffff : al;
              ahi = ah;
            }
            if (!mem.check(di, size, PF_R | PF_MAPPED)) return fault(di, false);
            const b = rd(di), bhi = rt.h;
            const sz = size === 1 ? 0 : size === 2 ? 1 : size === 4 ? 2 : 3;
            let rl: number, rh = 0;
            if (sz === 3) {
              rl = (a - b) | 0;
              rh = (ahi - bhi - ((a >>> 0) < (b >>> 0) ? 1 : 0)) | 0;
            } else rl = sz === 2 ? (a - b) | 0 : (a - b) & (sz === 0 ? 255 : 0xffff);
            x[FOP] = K_SUB * 4 + sz;
            x[FRL] = rl;
            x[FRH] = rh;
            x[FAL] = a;
            x[FAH] = ahi;
            x[FBL] = b;
            x[FBH] = bhi;
            if (op === STR_CMPS) si += step;
            di += step;
            count--;
            const eq = rl === 0 && rh === 0;
            if (!rep || (rep === 1 && !eq) || (rep === 2 && eq)) {
              count = rep ? count : 0;
              setReg(6, si);
              setReg(7, di);
              if (rep) setReg(1, count);
              return 0;
            }
            continue;
          }
        }
        count--;
      }
      setReg(6, si);
      setReg(7, di);
      if (rep) setReg(1, 0);
      return 0;
    },
    cpuid(s) {
      const x = s.x;
      const leaf = x[0] >>> 0, sub = x[2] >>> 0;
      let a = 0, b = 0, c = 0, d = 0;
      const str = (t: string, i: number) =>
        t.charCodeAt(i) | (t.charCodeAt(i + 1) << 8) | (t.charCodeAt(i + 2) << 16) |
        (t.charCodeAt(i + 3) << 24);
      switch (leaf) {
        case 0:
          a = 7;
          b = str("GenuineIntel", 0);
          d = str("GenuineIntel", 4);
          c = str("GenuineIntel", 8);
          break;
        case 1:
          a = 0x000306c3; // family 6
          b = 0x00010800; // clflush size 8 qwords, one logical processor
          // ecx: SSE3 0, SSSE3 9, CX16 13, SSE4.1 19, SSE4.2 20, MOVBE 22, POPCNT 23. Not
          // advertised (not implemented): PCLMUL 1, MONITOR 3, FMA 12, AES 25, XSAVE 26,
          // OSXSAVE 27, AVX 28, RDRAND 30.
          c = 1 | (1 << 9) | (1 << 13) | (1 << 19) | (1 << 20) | (1 << 22) | (1 << 23);
          // edx: FPU 0, TSC 4, CX8 8, CMOV 15, CLFSH 19, MMX 23, FXSR 24, SSE 25, SSE2 26
          d = 1 | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 23) | (1 << 24) |
            (1 << 25) | (1 << 26);
          break;
        case 7:
          void sub;
          break;
        case 0x80000000:
          a = 0x80000001;
          break;
        case 0x80000001:
          c = 1 | (1 << 5); // LAHF/SAHF in 64-bit mode, LZCNT
          d = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29); // SYSCALL, NX, RDTSCP, LM
          break;
      }
      x[0] = a;
      x[1] = 0;
      x[6] = b;
      x[7] = 0;
      x[2] = c;
      x[3] = 0;
      x[4] = d;
      x[5] = 0;
    },
    popcnt(v) {
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
    },
    rdtsc(s) {
      const t = s.retired + (s.sliceBudget - s.budget);
      rt.h = Math.floor(t / TWO32) | 0;
      return t | 0;
    },
  };
  return rt;
}
