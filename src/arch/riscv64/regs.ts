/**
 * Register access for RISC-V semantics emitters: x0 reads as zero and
 * ignores writes; every other register is a pair of int32 slots.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";

/** Expression for the low 32 bits (int32) of x[r]. */
export function lo(e: Emitter, r: number): string {
  return r === 0 ? "0" : e.slot(2 * r);
}

/** Expression for the high 32 bits (int32) of x[r]. */
export function hi(e: Emitter, r: number): string {
  return r === 0 ? "0" : e.slot(2 * r + 1);
}

/**
 * x[r] = (hiExpr:loExpr). Both expressions are evaluated before either half
 * is written, so they may read x[r]. Both must yield int32 values.
 */
export function set(e: Emitter, r: number, loExpr: string, hiExpr: string): void {
  if (r === 0) return;
  const t = e.tmp();
  e.stmt(`${t} = ${loExpr};`);
  e.setSlot(2 * r + 1, hiExpr);
  e.setSlot(2 * r, t);
}

/** x[r] = sign-extension of the 32-bit value of `expr` (the *W instructions). */
export function setW(e: Emitter, r: number, expr: string): void {
  if (r === 0) return;
  e.setSlot(2 * r, `(${expr}) | 0`);
  e.setSlot(2 * r + 1, `${e.slot(2 * r)} >> 31`);
}

/** x[r] = a value known to be 0 or 1 (comparisons). */
export function setBool(e: Emitter, r: number, cond: string): void {
  if (r === 0) return;
  e.setSlot(2 * r, `(${cond}) ? 1 : 0`);
  e.setSlot(2 * r + 1, "0");
}

/** Expression for x[r] as an unsigned pc-like number (hi * 2^32 + lo, exact below 2^53). */
export function asNumber(e: Emitter, r: number): string {
  return r === 0 ? "0" : `(${hi(e, r)} * 4294967296 + (${lo(e, r)} >>> 0))`;
}
