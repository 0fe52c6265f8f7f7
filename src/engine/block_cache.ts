/**
 * Compiled regions by guest pc, and which pages they were made from, so a
 * write to a code page can drop exactly the code made from it.
 * @module
 */

import type { RegionFn } from "./compile.ts";

/** Slots in the direct-mapped front cache (a power of two). */
const FRONT_SLOTS = 8192;
const FRONT_MASK = FRONT_SLOTS - 1;

function slotOf(pc: number): number {
  return ((pc >>> 1) ^ (pc >>> 14)) & FRONT_MASK;
}

/** Maps entry pcs to compiled region functions. */
export class BlockCache {
  private readonly byPc = new Map<number, RegionFn>();
  private readonly byPage = new Map<number, number[]>();
  /**
   * A direct-mapped cache in front of `byPc`: the dispatcher looks a pc up on
   * every region exit, and a typed-array probe costs a few ns where a Map
   * lookup costs about 20. -1 marks an empty slot (no pc is negative).
   */
  private readonly frontPc = new Float64Array(FRONT_SLOTS).fill(-1);
  private readonly frontFn: (RegionFn | undefined)[] = new Array(FRONT_SLOTS).fill(undefined);
  /** Regions compiled so far (a counter for traces and benchmarks). */
  compiled = 0;
  /** Regions dropped by invalidation. */
  dropped = 0;

  /** The region entered at `pc`, if compiled. */
  get(pc: number): RegionFn | undefined {
    const i = slotOf(pc);
    if (this.frontPc[i] === pc) return this.frontFn[i];
    const fn = this.byPc.get(pc);
    if (fn !== undefined) {
      this.frontPc[i] = pc;
      this.frontFn[i] = fn;
    }
    return fn;
  }

  private forget(pc: number): void {
    const i = slotOf(pc);
    if (this.frontPc[i] === pc) {
      this.frontPc[i] = -1;
      this.frontFn[i] = undefined;
    }
  }

  /** Record a region under each of its entries and pages. */
  add(fn: RegionFn, entries: number[], pages: number[]): void {
    this.compiled++;
    for (const pc of entries) {
      this.byPc.set(pc, fn);
      this.forget(pc);
    }
    for (const p of pages) {
      let list = this.byPage.get(p);
      if (!list) this.byPage.set(p, list = []);
      for (const pc of entries) list.push(pc);
    }
  }

  /** Drop every region made from window pages first..last. */
  invalidatePages(first: number, last: number): void {
    for (let p = first; p <= last; p++) {
      const list = this.byPage.get(p);
      if (!list) continue;
      for (const pc of list) {
        this.forget(pc);
        if (this.byPc.delete(pc)) this.dropped++;
      }
      this.byPage.delete(p);
    }
  }

  /** Drop everything. */
  clear(): void {
    this.dropped += this.byPc.size;
    this.byPc.clear();
    this.frontPc.fill(-1);
    this.frontFn.fill(undefined);
    this.byPage.clear();
  }

  /** Number of entry pcs cached. */
  get size(): number {
    return this.byPc.size;
  }
}
