/**
 * Register access for AArch64 semantics emitters. Register number 31 means
 * XZR/WZR (reads zero, writes vanish) or SP, as the operand says; SP lives in
 * slots 62/63.
 * @module
 */

import type { Emitter } from "../../engine/emitter.ts";
import { SLOT_C, SLOT_N, SLOT_V, SLOT_Z } from "./cpu.ts";

/** Low int32 half of register r (31 is SP when `sp`, else zero). */
export function rl(e: Emitter, r: number, sp = false): string {
  return r === 31 && !sp ? "0" : e.slot(2 * r);
}

/** High int32 half of register r. */
export function rh(e: Emitter, r: number, sp = false): string {
  return r === 31 && !sp ? "0" : e.slot(2 * r + 1);
}

/** r = (h:l). Both expressions are evaluated before either half is written. */
export function set64(e: Emitter, r: number, l: string, h: string, sp = false): void {
  if (r === 31 && !sp) return;
  const t = e.tmp();
  e.stmt(`${t} = ${l};`);
  e.setSlot(2 * r + 1, h);
  e.setSlot(2 * r, t);
}

/** r = zero-extension of the 32-bit value of `expr`. */
export function set32(e: Emitter, r: number, expr: string, sp = false): void {
  if (r === 31 && !sp) return;
  e.setSlot(2 * r, `(${expr}) | 0`);
  e.setSlot(2 * r + 1, "0");
}

/** Write the result of a data-processing op of width sf. */
export function setW(e: Emitter, sf: number, r: number, l: string, h: string, sp = false): void {
  if (sf) set64(e, r, l, h, sp);
  else set32(e, r, l, sp);
}

/** Set the four flags from 0/1-valued (or boolean) expressions. */
export function setFlags(e: Emitter, n: string, z: string, c: string, v: string): void {
  e.setSlot(SLOT_N, `(${n}) ? 1 : 0`);
  e.setSlot(SLOT_Z, `(${z}) ? 1 : 0`);
  e.setSlot(SLOT_C, `(${c}) ? 1 : 0`);
  e.setSlot(SLOT_V, `(${v}) ? 1 : 0`);
}

/** Set the flags from a constant 4-bit NZCV value. */
export function setFlagsConst(e: Emitter, nzcv: number): void {
  e.setSlot(SLOT_N, e.num((nzcv >> 3) & 1));
  e.setSlot(SLOT_Z, e.num((nzcv >> 2) & 1));
  e.setSlot(SLOT_C, e.num((nzcv >> 1) & 1));
  e.setSlot(SLOT_V, e.num(nzcv & 1));
}

/** Set the flags from a 4-bit NZCV value held in an expression. */
export function setFlagsFrom(e: Emitter, t: string): void {
  e.setSlot(SLOT_N, `(${t} >> 3) & 1`);
  e.setSlot(SLOT_Z, `(${t} >> 2) & 1`);
  e.setSlot(SLOT_C, `(${t} >> 1) & 1`);
  e.setSlot(SLOT_V, `${t} & 1`);
}

/** The JS boolean expression for condition code `c`. */
export function cond(e: Emitter, c: number): string {
  const n = e.slot(SLOT_N), z = e.slot(SLOT_Z), cc = e.slot(SLOT_C), v = e.slot(SLOT_V);
  let r: string;
  switch (c >> 1) {
    case 0:
      r = `${z} !== 0`;
      break;
    case 1:
      r = `${cc} !== 0`;
      break;
    case 2:
      r = `${n} !== 0`;
      break;
    case 3:
      r = `${v} !== 0`;
      break;
    case 4:
      r = `(${cc} !== 0 && ${z} === 0)`;
      break;
    case 5:
      r = `${n} === ${v}`;
      break;
    case 6:
      r = `(${z} === 0 && ${n} === ${v})`;
      break;
    default:
      return "true";
  }
  return c & 1 ? `!(${r})` : `(${r})`;
}
