/**
 * RISC-V 64 CPU state.
 * @module
 */

import { type CpuState, regGet, regSet, regSetBig } from "../isa.ts";

/** ABI names of the integer registers, x0..x31. */
export const XREG_NAMES: readonly string[] = [
  "zero",
  "ra",
  "sp",
  "gp",
  "tp",
  "t0",
  "t1",
  "t2",
  "s0",
  "s1",
  "a0",
  "a1",
  "a2",
  "a3",
  "a4",
  "a5",
  "a6",
  "a7",
  "s2",
  "s3",
  "s4",
  "s5",
  "s6",
  "s7",
  "s8",
  "s9",
  "s10",
  "s11",
  "t3",
  "t4",
  "t5",
  "t6",
]; // deno-fmt-ignore

/** ABI names of the floating-point registers, f0..f31. */
export const FREG_NAMES: readonly string[] = [
  "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
  "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
  "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
]; // deno-fmt-ignore

/**
 * The architectural state of one RISC-V hart, plus the memory views lifted
 * code reads. Integer registers are int32 pairs; FP registers are raw 64-bit
 * patterns viewed as float64, float32 and int32 through one buffer.
 */
export class RvCpu implements CpuState {
  pc = 0;
  budget = 0;
  trapPc = 0;
  faultAddr = 0;
  faultAccess = 0;
  retired = 0;
  sliceBudget = 0;
  /** x0..x31 as (lo, hi) int32 pairs. */
  readonly x: Int32Array = new Int32Array(64);
  /** f0..f31 as float64. */
  readonly f: Float64Array;
  /** f0..f31 as float32 pairs (index 2*i is the low half, the NaN-boxed single). */
  readonly f32: Float32Array;
  /** f0..f31 as int32 pairs (raw bits). */
  readonly fi: Int32Array;
  /** Accrued FP exception flags (fflags, 5 bits: NV DZ OF UF NX). */
  fflags = 0;
  /** Dynamic rounding mode (frm, 3 bits). */
  frm = 0;
  /** LR/SC reservation: window offset, or -1 when none. */
  resv = -1;
  /** Guest memory views (never change for the life of the address space). */
  dv: DataView;
  u8: Uint8Array;
  pf: Uint8Array;

  /** @param dv @param u8 @param pf views of the address space */
  constructor(dv: DataView, u8: Uint8Array, pf: Uint8Array) {
    const fb = new ArrayBuffer(256);
    this.f = new Float64Array(fb);
    this.f32 = new Float32Array(fb);
    this.fi = new Int32Array(fb);
    this.dv = dv;
    this.u8 = u8;
    this.pf = pf;
  }

  /** Register i as a signed 64-bit bigint. */
  getBig(i: number): bigint {
    return (BigInt(this.x[2 * i + 1]) << 32n) | BigInt(this.x[2 * i] >>> 0);
  }

  /** Set register i from a bigint (taken modulo 2^64). */
  setBig(i: number, v: bigint): void {
    if (i === 0) return;
    regSetBig(this, i, v);
  }

  /** Register i as a signed number (exact below 2^53). */
  get(i: number): number {
    return regGet(this, i);
  }

  /** Set register i from a number (two's complement modulo 2^64 for negatives). */
  set(i: number, v: number): void {
    if (i === 0) return;
    regSet(this, i, v);
  }
}
