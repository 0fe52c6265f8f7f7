/**
 * The ISA-neutral half of lifting: an {@link Emitter} collects the JS source
 * of one region (a set of basic blocks from one guest page), hands out
 * temporaries and register locals, and knows how to leave the region.
 *
 * Generated code is data-free: the only values that reach the source text
 * are integers formatted by {@link Emitter.num} (checked to be integers) and
 * names this module makes. No guest bytes or strings ever do.
 * @module
 */

import { PF_CODE, PF_R, PF_W } from "../memory/address_space.ts";
import { T_FAULT, T_NONE } from "./trap.ts";

/** Format an integer for generated source; anything else is a bug. */
export function num(n: number): string {
  if (!Number.isInteger(n)) throw new TypeError(`Non-integer ${n} in generated code`);
  return n < 0 ? `(${n})` : `${n}`;
}

/**
 * Collects generated statements for one region.
 *
 * Register slots are indexes into the CPU's `x` Int32Array. A slot that the
 * region touches lives in a local `xN` for the whole region: loaded at entry,
 * written back at the region's single exit.
 */
export class Emitter {
  /** Pc of the instruction being emitted. */
  pc = 0;
  /** Pc of the next instruction (pc + length). */
  next = 0;
  /** Set once the current block has emitted its control transfer. */
  ended = false;
  /** High 32 bits of every address in the memory window. */
  readonly windowHi: number;
  /** Block start pcs in this region: a jump to one of them stays inside. */
  readonly inRegion: Set<number>;
  private readonly out: string[] = [];
  /**
   * Emit memory accesses as a call to `rt.ea` instead of the inline check: for
   * single-block (tier 1) translations, which run few times, where source size
   * (V8 parses and compiles every one) costs more than the call.
   */
  compact = false;
  /**
   * Registers live in the CPU's array (`X[n]`) instead of region locals: for
   * one-instruction templates (tier 0), which have no prologue or tail to
   * load and store them.
   */
  direct = false;
  /**
   * Integers from {@link num} and register numbers become reads of the
   * template's constant array `k` (collected in {@link consts}), so that
   * instructions that differ only in operands share one compiled template.
   */
  template = false;
  /** The constants a template reads, by index (template mode). */
  consts: number[] = [];
  /** Some block jumps to a block of the region (needs the dispatch loop). */
  private loops = false;
  private nTemps = 0;
  private curTemp = 0;
  private readonly readSlots = new Set<number>();
  private readonly writeSlots = new Set<number>();
  /** Extra declarations an ISA asks for (e.g. `const F = s.f`). */
  private readonly decls = new Map<string, string>();

  /** @param windowHi the address window @param inRegion block starts of the region */
  constructor(windowHi: number, inRegion: Set<number>) {
    this.windowHi = windowHi;
    this.inRegion = inRegion;
  }

  /** Format an integer literal (in template mode: a read of the constant array). */
  num(n: number): string {
    // 0 and -1 stay literal: lifters test for them ("0", "(-1)") to simplify.
    if (!this.template || n === 0 || n === -1) return num(n);
    this.consts.push(n);
    return `k[${this.consts.length - 1}]`;
  }

  /**
   * The array element holding register slot `slot` (direct mode). In template mode each
   * use reads its own constant, even for a register used twice, so that `add a0, a0, a1`
   * and `add a0, a2, a1` share one template (a third fewer templates on busybox).
   */
  private cell(slot: number): string {
    if (!this.template) return `X[${slot}]`;
    this.consts.push(slot);
    return `X[k[${this.consts.length - 1}]]`;
  }

  /** A fresh temporary local. Temporaries live only within one instruction. */
  tmp(): string {
    const t = `t${this.curTemp++}`;
    if (this.curTemp > this.nTemps) this.nTemps = this.curTemp;
    return t;
  }

  /** Start a new instruction: its temporaries may reuse the previous ones'. */
  beginInsn(pc: number, next: number): void {
    this.pc = pc;
    this.next = next;
    this.ended = false;
    this.curTemp = 0;
  }

  /** Append a statement (or several). */
  stmt(code: string): void {
    this.out.push(code);
  }

  /** Declare a region-wide constant once, e.g. `decl("F", "s.f")`. Returns the name. */
  decl(name: string, init: string): string {
    this.decls.set(name, init);
    return name;
  }

  /** The local holding register slot `slot` (read access). */
  slot(slot: number): string {
    if (this.direct) return this.cell(slot);
    if (!this.writeSlots.has(slot)) this.readSlots.add(slot);
    return `x${slot}`;
  }

  /** Assign an expression to register slot `slot`. */
  setSlot(slot: number, expr: string): void {
    if (this.direct) {
      this.out.push(`${this.cell(slot)} = ${expr};`);
      return;
    }
    this.writeSlots.add(slot);
    this.readSlots.add(slot); // loaded at entry so the write-back is always valid
    this.out.push(`x${slot} = ${expr};`);
  }

  /**
   * Code that leaves the region with `code`, the caller having set `s.pc`.
   * Prefer {@link leave}: it keeps the exit path free of property stores.
   */
  exit(code: number): string {
    return `{ code = ${num(code)}; break exit; }`;
  }

  /**
   * Code that leaves the region at guest pc `pcExpr` with `code`. The pc goes
   * to a local that the region's single tail stores, so an exit path holds no
   * operation of its own that needs V8 type feedback: a path that has never
   * run (the budget running out, a first fault) then costs no deoptimization
   * of the whole region when it finally runs.
   */
  leave(pcExpr: string, code: number): string {
    return `{ npc = ${pcExpr}; code = ${num(code)}; break exit; }`;
  }

  /** The local holding the instruction budget (loaded at entry, stored at exit). */
  get budget(): string {
    return "bud";
  }

  /** Go to a static pc: stay in the region when it is a block of it. */
  jumpTo(target: number): void {
    this.out.push(this.gotoCode(target));
    this.ended = true;
  }

  /** The statement that transfers control to a static target. */
  gotoCode(target: number): string {
    if (this.inRegion.has(target)) {
      this.loops = true;
      return `{ pc = ${num(target)}; continue; }`;
    }
    return this.leave(this.num(target), T_NONE);
  }

  /** Conditional branch to `target`, else fall through to the next instruction. */
  branch(cond: string, target: number): void {
    this.out.push(`if (${cond}) ${this.gotoCode(target)}`);
    this.jumpTo(this.next);
  }

  /** Indirect jump to the pc held in `pcExpr` (a non-negative number expression). */
  jumpDynamic(pcExpr: string): void {
    if (this.inRegion.size <= 1) {
      // A lone block: leave directly (a dynamic jump back to itself re-enters it).
      this.out.push(this.leave(pcExpr, T_NONE));
    } else {
      this.loops = true;
      this.out.push(`pc = ${pcExpr}; continue;`);
    }
    this.ended = true;
  }

  /** End the block with a trap: `trapPc` = this instruction, resume at `resume`. */
  trap(code: number, resume: number): void {
    this.out.push(`s.trapPc = ${this.num(this.pc)}; ${this.leave(this.num(resume), code)}`);
    this.ended = true;
  }

  /**
   * Emit the checks for a guest access of `size` bytes at the 64-bit address
   * (lo, hi) + imm, and return a temp holding the window offset. On failure
   * the region exits with T_FAULT at this instruction.
   *
   * Fast path: the high half matches the window, the page flag allows the
   * access, and the access does not cross a page. `imm` must satisfy
   * |imm| < 4096, so a wrapped offset lands on the never-mapped first or last
   * page of the window (see address_space.ts).
   */
  access(lo: string, hi: string, imm: number, size: number, write: boolean): string {
    const t = this.tmp();
    const mask = write ? PF_W | PF_CODE : PF_R;
    const want = write ? PF_W : PF_R;
    if (imm <= -4096 || imm >= 4096) throw new RangeError("Displacement too large for access");
    if (this.compact) {
      this.out.push(
        `if ((${t} = rt.ea(s, ${lo}, ${hi}, ${this.num(imm)}, ${size}, ${write ? 1 : 0})) < 0) ${
          this.leave(this.num(this.pc), T_FAULT)
        }`,
      );
      return t;
    }
    const addExpr = imm === 0 ? `(${lo} >>> 0)` : `((${lo} >>> 0) + ${num(imm)})`;
    const cross = size > 1 ? ` || (${t} & 4095) > ${4096 - size}` : "";
    this.out.push(
      `if (${hi} !== ${
        num(this.windowHi)
      } || (pf[(${t} = ${addExpr}) >>> 12] & ${mask}) !== ${want}${cross}) {` +
        ` ${t} = rt.ea(s, ${lo}, ${hi}, ${num(imm)}, ${size}, ${write ? 1 : 0});` +
        ` if (${t} < 0) ${this.leave(num(this.pc), T_FAULT)} }`,
    );
    return t;
  }

  /** Assemble the region function body. `cases` maps block start pcs to their code. */
  static assemble(e: Emitter, cases: [number, string][]): string {
    const lines: string[] = [];
    lines.push(`"use strict";`);
    lines.push(`const X = s.x, dv = s.dv, pf = s.pf;`);
    for (const [name, init] of e.decls) lines.push(`const ${name} = ${init};`);
    const slots = [...e.readSlots].sort((a, b) => a - b);
    if (slots.length) lines.push(`let ${slots.map((i) => `x${i} = X[${i}]`).join(", ")};`);
    if (e.nTemps) {
      lines.push(`let ${Array.from({ length: e.nTemps }, (_, i) => `t${i} = 0`).join(", ")};`);
    }
    lines.push(`let code = 0, npc = -1, bud = s.budget;`);
    if (cases.length === 1 && !e.loops) {
      // One block that never jumps within the region: straight-line code. Every path
      // through the body ends in `break exit`.
      lines.push(`exit: {\n${cases[0][1]}\n}`);
    } else {
      lines.push(`let pc = s.pc;`);
      lines.push(`exit: for (;;) {`);
      lines.push(`switch (pc) {`);
      for (const [pc, body] of cases) lines.push(`case ${num(pc)}: {\n${body}\n}`);
      lines.push(`default: npc = pc; break exit;`);
      lines.push(`}`);
      lines.push(`}`);
    }
    // The single tail. An exit written with exit() (not leave()) has set s.pc itself.
    const written = [...e.writeSlots].sort((a, b) => a - b);
    for (const i of written) lines.push(`X[${i}] = x${i};`);
    lines.push(`s.budget = bud;`);
    lines.push(`if (npc !== -1) s.pc = npc;`);
    lines.push(`return code;`);
    return lines.join("\n");
  }

  /**
   * Assemble a one-instruction template body: `(s, rt, k)`, registers in the
   * CPU's array, constants in `k`. It leaves through the same tail as a region.
   */
  static assembleTemplate(e: Emitter): string {
    const lines: string[] = [];
    lines.push(`"use strict";`);
    lines.push(`const X = s.x, dv = s.dv, pf = s.pf;`);
    for (const [name, init] of e.decls) lines.push(`const ${name} = ${init};`);
    if (e.nTemps) {
      lines.push(`let ${Array.from({ length: e.nTemps }, (_, i) => `t${i} = 0`).join(", ")};`);
    }
    lines.push(`let code = 0, npc = -1, bud = s.budget;`);
    lines.push(`exit: {\n${e.out.join("\n")}\n}`);
    lines.push(`s.budget = bud;`);
    lines.push(`if (npc !== -1) s.pc = npc;`);
    lines.push(`return code;`);
    return lines.join("\n");
  }

  /**
   * Start a new one-instruction template (tier 0) on this emitter: one emitter
   * serves a whole block, instead of five fresh collections per instruction.
   * The previous template's `consts` array is left to whoever took it.
   */
  resetTemplate(): void {
    this.out.length = 0;
    this.consts = [];
    this.readSlots.clear();
    this.writeSlots.clear();
    this.decls.clear();
    this.loops = false;
    this.nTemps = 0;
    this.curTemp = 0;
    this.ended = false;
  }

  /**
   * What identifies a template's source: its statements, temporaries and
   * declarations. {@link assembleTemplate} of two emitters with the same key
   * gives the same source, so the engine looks templates up by this shorter
   * string and assembles the source only for a new one.
   */
  static templateKey(e: Emitter): string {
    let key = e.out.join("\n");
    if (e.nTemps !== 0) key = `${e.nTemps}\u0001${key}`;
    for (const [name, init] of e.decls) key = `${name}=${init}\u0002${key}`;
    return key;
  }

  /** Take the statements emitted so far (one block's body) and start afresh. */
  takeBody(): string {
    const body = this.out.join("\n");
    this.out.length = 0;
    return body;
  }
}
