/**
 * x86-64 CPU state. The sixteen general registers are int32 pairs in `x`
 * (register i at x[2i] low, x[2i+1] high: rax, rcx, rdx, rbx, rsp, rbp, rsi,
 * rdi, r8..r15). The slots after them hold the lazy flags state, the
 * direction flag and the FS/GS bases, so lifted code keeps them in locals
 * like registers.
 *
 * Lazy flags: the last flag-setting operation is recorded as an operation
 * code (`FOP`: kind * 4 + size index), its result (`FR`) and operands (`FA`,
 * `FB`); `FL` holds materialized flags (kind EFL) or the carry-in / preserved
 * carry. Flags are computed from these only when something reads them.
 * @module
 */

import { type CpuState, regGet, regGetBig, regSet, regSetBig } from "../isa.ts";
import type { X80 } from "./x87.ts";

/** Slot of the lazy-flags operation code. */
export const FOP = 32;
/** Result low/high. */
export const FRL = 33;
export const FRH = 34;
/** First operand low/high. */
export const FAL = 35;
export const FAH = 36;
/** Second operand low/high (shift count, overflow bit for multiply). */
export const FBL = 37;
export const FBH = 38;
/** Materialized flags (kind EFL), or the carry in (ADC/SBB) / preserved CF (INC/DEC). */
export const FL = 39;
/** Direction flag (0 or 1). */
export const DFS = 40;
/** FS base low/high and GS base low/high. */
export const FSL = 41;
export const FSH = 42;
export const GSL = 43;
export const GSH = 44;
/** Number of int32 slots in `x`. */
export const NSLOTS = 48;

/** EFLAGS bits. */
export const CF = 1;
export const PF = 4;
export const AF = 16;
export const ZF = 64;
export const SF = 128;
export const DF = 1024;
export const OF = 2048;
/** The six status flags. */
export const STATUS = CF | PF | AF | ZF | SF | OF;

/** Lazy flag kinds (FOP = kind * 4 + size index, size index 0..3 for 1, 2, 4, 8 bytes). */
export const K_EFL = 0;
export const K_ADD = 1;
export const K_ADC = 2;
export const K_SUB = 3;
export const K_SBB = 4;
export const K_LOGIC = 5;
export const K_INC = 6;
export const K_DEC = 7;
export const K_SHL = 8;
export const K_SHR = 9;
export const K_SAR = 10;
export const K_MUL = 11;
/** 64-bit imul: overflow computed from the operands (FA, FB) when read. */
export const K_IMUL = 12;

/** Names of the general registers (64-bit). */
export const GPR_NAMES: readonly string[] = [
  "rax",
  "rcx",
  "rdx",
  "rbx",
  "rsp",
  "rbp",
  "rsi",
  "rdi",
  "r8",
  "r9",
  "r10",
  "r11",
  "r12",
  "r13",
  "r14",
  "r15",
]; // deno-fmt-ignore

/** The xmm-file slot holding mm0 (mm i is the low 8 bytes of slot MM0 + i; see mmx.ts). */
export const MM0 = 20;

/** Register numbers used by the ABI code. */
export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;

/** The x86-64 architectural state, plus the memory views lifted code reads. */
export class X86Cpu implements CpuState {
  pc = 0;
  budget = 0;
  trapPc = 0;
  faultAddr = 0;
  faultAccess = 0;
  retired = 0;
  sliceBudget = 0;
  /** GPRs as (lo, hi) pairs, then the flags/DF/segment-base slots. */
  readonly x: Int32Array = new Int32Array(NSLOTS);
  /**
   * xmm0..xmm15 and scratch registers (16 for a memory operand, 17-19 for
   * helpers), then mm0..mm7 in the low 8 bytes of slots 20-27 (see mmx.ts),
   * 16 bytes each, as int32 lanes.
   */
  readonly xi: Int32Array;
  /** The same bytes as float64 lanes. */
  readonly xd: Float64Array;
  /** The same bytes as float32 lanes. */
  readonly xf: Float32Array;
  /** The same bytes as bytes. */
  readonly xb: Uint8Array;
  /** The same bytes as signed bytes, signed and unsigned 16-bit lanes. */
  readonly xsb: Int8Array;
  readonly xw: Int16Array;
  readonly xuw: Uint16Array;
  /** The same bytes as unsigned 32-bit lanes. */
  readonly xu: Uint32Array;
  /** MXCSR. */
  mxcsr = 0x1f80;
  /** x87 registers by physical index, as software extended-precision values. */
  readonly st: X80[] = Array.from({ length: 8 }, () => ({ k: 0, s: 0, e: 0, m: 0n }));
  /** x87 top-of-stack index. */
  ftop = 0;
  /** x87 tag bits: bit i set when physical register i is empty. */
  ftag = 0xff;
  /** x87 control word. */
  fcw = 0x37f;
  /** x87 status word condition bits (C0 0x100, C1 0x200, C2 0x400, C3 0x4000). */
  fsw = 0;
  /** Guest memory views (never change for the life of the address space). */
  dv: DataView;
  u8: Uint8Array;
  pf: Uint8Array;

  /** @param dv @param u8 @param pf views of the address space */
  constructor(dv: DataView, u8: Uint8Array, pf: Uint8Array) {
    const b = new ArrayBuffer(28 * 16);
    this.xi = new Int32Array(b);
    this.xd = new Float64Array(b);
    this.xf = new Float32Array(b);
    this.xb = new Uint8Array(b);
    this.xsb = new Int8Array(b);
    this.xw = new Int16Array(b);
    this.xuw = new Uint16Array(b);
    this.xu = new Uint32Array(b);
    this.dv = dv;
    this.u8 = u8;
    this.pf = pf;
  }

  /** Register i as a signed number (exact below 2^53). */
  get(i: number): number {
    return regGet(this, i);
  }

  /** Set register i from a number (two's complement modulo 2^64 for negatives). */
  set(i: number, v: number): void {
    regSet(this, i, v);
  }

  /** Register i as an unsigned bigint. */
  getBig(i: number): bigint {
    return regGetBig(this, i);
  }

  /** Set register i from a bigint (modulo 2^64). */
  setBig(i: number, v: bigint): void {
    regSetBig(this, i, v);
  }
}
