/**
 * Region discovery and compilation. This file holds the project's only
 * `new Function`.
 *
 * A region is the set of basic blocks reachable by static control flow from
 * an entry pc without leaving the entry's 4 KiB page. It becomes one JS
 * function, a `for (;;) switch (pc)` state machine whose cases are the
 * blocks; jumps between them stay inside the function, with the guest
 * registers in JS locals. In interpreter mode a region is exactly one
 * instruction.
 * @module
 */

import type { AddressSpace } from "../memory/address_space.ts";
import { PAGE_SHIFT, PF_CODE } from "../memory/address_space.ts";
import type { CpuState } from "../arch/isa.ts";
import { Emitter, num } from "./emitter.ts";
import { T_BUDGET, T_FAULT, T_ILLEGAL } from "./trap.ts";

/** What the engine needs to know about a decoded instruction. */
export interface DecodedInsn {
  /** Length in bytes. */
  len: number;
  /** Row flags; bit 0 (ENDS_BLOCK) ends the basic block. */
  flags: number;
}

/** Flag bit: this instruction ends its basic block. */
export const ENDS_BLOCK = 1;

/** Result of fetching and decoding at a pc. */
export type FetchResult<I> =
  | { kind: "ok"; insn: I }
  | { kind: "illegal"; bytes: Uint8Array }
  | { kind: "fault"; addr: number };

/**
 * A compiled region: runs from `cpu.pc` until it leaves, returning a trap code.
 * `tier` and `hits` drive tiered compilation in the dispatcher.
 */
export interface RegionFn {
  (cpu: CpuState, rt: unknown): number;
  /** 1: a single basic block; 2: a region of hot blocks (never promoted again). */
  tier: number;
  /** Dispatches into this function so far (tier 1 only). */
  hits: number;
}

/** The per-ISA half of the JIT. */
export interface IsaBackend<I extends DecodedInsn> {
  /** Fetch and decode one instruction at `pc`, checking execute permission. */
  fetch(mem: AddressSpace, pc: number): FetchResult<I>;
  /** Emit the semantics of `insn` (at `e.pc`) into the emitter. */
  emit(insn: I, e: Emitter): void;
  /** Static successor pcs of a block-ending instruction (for region discovery). */
  successors(insn: I, pc: number): number[];
  /** Objdump-style text, for traces. */
  disasm(insn: I, pc: number): string;
}

/**
 * A tier-0 template: the semantics of one instruction shape, with its
 * operands (register numbers, immediates, pcs) read from `k`.
 */
export type TemplateFn = (cpu: CpuState, rt: unknown, k: number[]) => number;

/** Limits that shape regions. */
export interface CompileOptions {
  /** One instruction per region (the interpreter mode). */
  single: boolean;
  /** Most instructions in one block. */
  maxBlockInsns: number;
  /** Most blocks in one region. */
  maxBlocks: number;
  /** Called with each block's instructions, for --trace=block/insn. */
  onBlock?: (pc: number, text: string[]) => void;
  /**
   * Which successor blocks may join the region (the entry always does). Tiered
   * compilation passes "has already run", so a hot region holds the paths the
   * program takes rather than everything reachable in the page.
   */
  include?: (pc: number) => boolean;
  /** The tier recorded on the compiled function (1: one block, 2: a hot region). */
  tier?: number;
  /**
   * Compile only when discovery finds at least this many blocks; otherwise
   * return null without emitting anything (a hot block whose region would be
   * itself alone stays a single-block translation).
   */
  minBlocks?: number;
}

interface Block<I> {
  pc: number;
  insns: I[];
  /** How the block ends when its last instruction does not end it. */
  tail: "ends" | "fallthrough" | "illegal" | "fault";
  tailPc: number;
  faultAddr: number;
}

/** A compiled region and what the cache must know about it. */
export interface CompiledRegion {
  fn: RegionFn;
  /** Block start pcs: each is an entry of `fn`. */
  entries: number[];
  /** Window pages (first..last) whose bytes the code was made from. */
  pages: number[];
  /** The generated source, kept for tests and debugging. */
  source: string;
}

function decodeBlock<I extends DecodedInsn>(
  isa: IsaBackend<I>,
  mem: AddressSpace,
  pc: number,
  opts: CompileOptions,
): Block<I> {
  const page = Math.floor(pc / 4096);
  const b: Block<I> = { pc, insns: [], tail: "fallthrough", tailPc: pc, faultAddr: 0 };
  let at = pc;
  const limit = opts.single ? 1 : opts.maxBlockInsns;
  for (;;) {
    const r = isa.fetch(mem, at);
    if (r.kind === "illegal") {
      b.tail = "illegal";
      b.tailPc = at;
      return b;
    }
    if (r.kind === "fault") {
      b.tail = "fault";
      b.tailPc = at;
      b.faultAddr = r.addr;
      return b;
    }
    b.insns.push(r.insn);
    at += r.insn.len;
    b.tailPc = at;
    if (r.insn.flags & ENDS_BLOCK) {
      b.tail = "ends";
      return b;
    }
    if (b.insns.length >= limit || Math.floor(at / 4096) !== page) return b;
  }
}

/**
 * Discover and compile the region entered at `entry`. Returns null when the
 * very first instruction cannot be fetched (the caller raises the fault).
 */
export function compileRegion<I extends DecodedInsn>(
  isa: IsaBackend<I>,
  mem: AddressSpace,
  entry: number,
  opts: CompileOptions,
): CompiledRegion | null {
  const page = Math.floor(entry / 4096);
  const blocks = new Map<number, Block<I>>();
  const work = [entry];
  while (work.length && blocks.size < (opts.single ? 1 : opts.maxBlocks)) {
    const pc = work.shift()!; // breadth-first: a loop near the entry before deep paths
    if (blocks.has(pc)) continue;
    const b = decodeBlock(isa, mem, pc, opts);
    if (b.insns.length === 0 && b.tail === "fault") {
      if (pc === entry) return null;
      continue; // leave it to a later dispatch, which reports the fault
    }
    blocks.set(pc, b);
    if (opts.single) break;
    const succ = b.tail === "ends"
      ? isa.successors(b.insns[b.insns.length - 1], b.tailPc - b.insns[b.insns.length - 1].len)
      : b.tail === "fallthrough"
      ? [b.tailPc]
      : [];
    for (const s of succ) {
      if (Math.floor(s / 4096) !== page || blocks.has(s)) continue;
      if (opts.include && !opts.include(s)) continue;
      work.push(s);
    }
  }

  if (opts.minBlocks !== undefined && blocks.size < opts.minBlocks) return null;
  const e = new Emitter(mem.windowHi, new Set(blocks.keys()));
  e.compact = opts.tier === 1 || opts.single;
  const cases: [number, string][] = [];
  const pages = new Set<number>();
  for (const b of blocks.values()) {
    const n = b.insns.length + (b.tail === "illegal" || b.tail === "fault" ? 1 : 0);
    e.stmt(
      `if (bud < ${num(n)}) ${e.leave(num(b.pc), T_BUDGET)} bud -= ${num(n)};`,
    );
    let at = b.pc;
    const text: string[] = [];
    for (const insn of b.insns) {
      e.beginInsn(at, at + insn.len);
      isa.emit(insn, e);
      if (opts.onBlock) text.push(`0x${at.toString(16)}: ${isa.disasm(insn, at)}`);
      const off = at - mem.base;
      pages.add(off >>> PAGE_SHIFT);
      pages.add((off + insn.len - 1) >>> PAGE_SHIFT);
      at += insn.len;
    }
    if (b.tail === "illegal") {
      e.stmt(e.leave(num(b.tailPc), T_ILLEGAL));
    } else if (b.tail === "fault") {
      e.stmt(
        `s.faultAddr = ${num(b.faultAddr)}; s.faultAccess = 4; ${e.leave(num(b.tailPc), T_FAULT)}`,
      );
    } else if (!e.ended) {
      e.beginInsn(at, at);
      e.jumpTo(at);
    }
    if (opts.onBlock) opts.onBlock(b.pc, text);
    cases.push([b.pc, e.takeBody()]);
  }
  const source = Emitter.assemble(e, cases);
  const fn = new Function("s", "rt", source) as RegionFn;
  // Same properties in the same order on every region function, so they share one shape.
  fn.tier = opts.tier ?? 1;
  fn.hits = 0;
  for (const p of pages) mem.pf[p] |= PF_CODE;
  return { fn, entries: [...blocks.keys()], pages: [...pages], source };
}

/** How many templates one Map may hold before it stops growing (bounds memory). */
const MAX_TEMPLATES = 65536;

/**
 * Tier 0: run a block without compiling it. Each instruction is emitted as a
 * template whose operands are constants in an array; instructions of the same
 * shape share one compiled function (`templates`, keyed by `Emitter.templateKey`), so a
 * block that runs only a few times costs no `new Function` of its own. The
 * returned function runs the templates in order, with tier 1's budget
 * accounting. Returns null when the block is not plain (its entry cannot be
 * fetched, or it ends in an illegal instruction or a fetch fault): tier 1
 * handles those.
 */
export function compileTier0<I extends DecodedInsn>(
  isa: IsaBackend<I>,
  mem: AddressSpace,
  entry: number,
  opts: CompileOptions,
  templates: Map<string, TemplateFn>,
): CompiledRegion | null {
  const b = decodeBlock(isa, mem, entry, opts);
  if (b.tail === "illegal" || b.tail === "fault" || b.insns.length === 0) return null;
  const n = b.insns.length;
  const fns: TemplateFn[] = [];
  const ks: number[][] = [];
  const nexts: number[] = [];
  const pages = new Set<number>();
  const text: string[] = [];
  let at = b.pc;
  const e = new Emitter(mem.windowHi, NO_BLOCKS);
  e.compact = true;
  e.direct = true;
  e.template = true;
  for (const insn of b.insns) {
    e.resetTemplate();
    e.beginInsn(at, at + insn.len);
    isa.emit(insn, e);
    if (!e.ended) e.jumpTo(at + insn.len);
    const key = Emitter.templateKey(e);
    let fn = templates.get(key);
    if (fn === undefined) {
      fn = new Function("s", "rt", "k", Emitter.assembleTemplate(e)) as TemplateFn;
      if (templates.size < MAX_TEMPLATES) templates.set(key, fn);
    }
    fns.push(fn);
    ks.push(e.consts);
    if (opts.onBlock) text.push(`0x${at.toString(16)}: ${isa.disasm(insn, at)}`);
    const off = at - mem.base;
    pages.add(off >>> PAGE_SHIFT);
    pages.add((off + insn.len - 1) >>> PAGE_SHIFT);
    at += insn.len;
    nexts.push(at);
  }
  if (opts.onBlock) opts.onBlock(b.pc, text);
  const fn = ((s: CpuState, rt: unknown): number => {
    if (s.budget < n) return T_BUDGET;
    s.budget -= n;
    for (let i = 0; i < n; i++) {
      const code = fns[i](s, rt, ks[i]);
      if (code !== 0) return code;
      if (s.pc !== nexts[i]) return 0;
    }
    return 0;
  }) as RegionFn;
  fn.tier = 0;
  fn.hits = 0;
  for (const p of pages) mem.pf[p] |= PF_CODE;
  return { fn, entries: [b.pc], pages: [...pages], source: "" };
}

const NO_BLOCKS: Set<number> = new Set();
