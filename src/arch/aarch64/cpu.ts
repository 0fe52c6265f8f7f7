/**
 * AArch64 CPU state.
 *
 * The `x` Int32Array holds int32 (lo, hi) pairs: x0..x30 in slots 0..61, SP
 * in slots 62/63 (register number 31 when it means the stack pointer), the
 * NZCV flags as four 0/1 slots 64..67, and TPIDR_EL0 in slots 68/69. Lifted
 * code keeps every slot it touches in a JS local, flags included.
 * @module
 */

import { type CpuState, regGet, regGetBig, regSet } from "../isa.ts";

/** Slot of the N flag (Z, C, V follow). */
export const SLOT_N = 64;
/** Slot of the Z flag. */
export const SLOT_Z = 65;
/** Slot of the C flag. */
export const SLOT_C = 66;
/** Slot of the V flag. */
export const SLOT_V = 67;
/** Slots of TPIDR_EL0 (lo, hi). */
export const SLOT_TPIDR = 68;
/** Register number of SP in the slot layout (slots 62/63). */
export const SP = 31;

/**
 * The architectural state of one AArch64 thread at EL0, plus the memory views
 * lifted code reads. V registers are 128 bits each, viewed through one buffer
 * as bytes, halfwords, words, singles and doubles (little-endian lanes).
 */
export class A64Cpu implements CpuState {
  pc = 0;
  budget = 0;
  trapPc = 0;
  faultAddr = 0;
  faultAccess = 0;
  retired = 0;
  sliceBudget = 0;
  /** x0..x30, sp, NZCV, TPIDR_EL0 as int32 slots (see the module doc). */
  readonly x: Int32Array = new Int32Array(72);
  /** V0..V31 as bytes (16 per register). */
  readonly vb: Uint8Array;
  /** As unsigned halfwords. */
  readonly vh: Uint16Array;
  /** As int32 words (4 per register). */
  readonly vi: Int32Array;
  /** As float32 lanes. */
  readonly vf: Float32Array;
  /** As float64 lanes (2 per register). */
  readonly vd: Float64Array;
  /** FPCR (rounding mode in bits 23:22, DN bit 25, FZ bit 24). */
  fpcr = 0;
  /** FPSR cumulative flags: IOC bit 0, DZC 1, OFC 2, UFC 3, IXC 4, IDC 7, QC 27. */
  fpsr = 0;
  /** Exclusive monitor: window offset of the last load-exclusive, or -1. */
  excl = -1;
  /** Guest memory views. */
  dv: DataView;
  u8: Uint8Array;
  pf: Uint8Array;

  /** @param dv @param u8 @param pf views of the address space */
  constructor(dv: DataView, u8: Uint8Array, pf: Uint8Array) {
    const b = new ArrayBuffer(32 * 16);
    this.vb = new Uint8Array(b);
    this.vh = new Uint16Array(b);
    this.vi = new Int32Array(b);
    this.vf = new Float32Array(b);
    this.vd = new Float64Array(b);
    this.dv = dv;
    this.u8 = u8;
    this.pf = pf;
  }

  /** Register i (31 = sp) as a signed number (exact below 2^53). */
  get(i: number): number {
    return regGet(this, i);
  }

  /** Set register i (31 = sp) from a number (two's complement for negatives). */
  set(i: number, v: number): void {
    regSet(this, i, v);
  }

  /** Register i as an unsigned bigint. */
  getBig(i: number): bigint {
    return regGetBig(this, i);
  }

  /** The NZCV flags as the 4-bit value of PSTATE (N bit 3). */
  get nzcv(): number {
    const x = this.x;
    return (x[SLOT_N] << 3) | (x[SLOT_Z] << 2) | (x[SLOT_C] << 1) | x[SLOT_V];
  }
}
