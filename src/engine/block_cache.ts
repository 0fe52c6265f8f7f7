/**
 * Compiled regions by guest pc, and which pages they were made from, so a
 * write to a code page can drop exactly the code made from it.
 * @module
 */

import type { RegionFn } from "./compile.ts";

/** Maps entry pcs to compiled region functions. */
export class BlockCache {
  private readonly byPc = new Map<number, RegionFn>();
  private readonly byPage = new Map<number, number[]>();
  /** Regions compiled so far (a counter for traces and benchmarks). */
  compiled = 0;
  /** Regions dropped by invalidation. */
  dropped = 0;

  /** The region entered at `pc`, if compiled. */
  get(pc: number): RegionFn | undefined {
    return this.byPc.get(pc);
  }

  /** Record a region under each of its entries and pages. */
  add(fn: RegionFn, entries: number[], pages: number[]): void {
    this.compiled++;
    for (const pc of entries) this.byPc.set(pc, fn);
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
      for (const pc of list) if (this.byPc.delete(pc)) this.dropped++;
      this.byPage.delete(p);
    }
  }

  /** Drop everything. */
  clear(): void {
    this.dropped += this.byPc.size;
    this.byPc.clear();
    this.byPage.clear();
  }

  /** Number of entry pcs cached. */
  get size(): number {
    return this.byPc.size;
  }
}
