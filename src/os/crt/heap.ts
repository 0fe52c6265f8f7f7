/**
 * A malloc for guests whose C library we implement on the host (msvcrt,
 * libSystem). Blocks live in guest memory; the bookkeeping lives on the host,
 * so a guest that scribbles past its block cannot corrupt the allocator, and
 * every bad `free`/`realloc` is detected exactly.
 *
 * Design: blocks are multiples of 16 bytes (16-byte aligned, as both Win64
 * and Darwin malloc guarantee), carved from arenas obtained through `grow`.
 * Free blocks are kept in two maps (by start, by end) for O(1) coalescing
 * with both neighbours on free, and in power-of-two size-class bins for
 * allocation (first fit within the smallest class that can hold the
 * request, any block of a larger class otherwise). Arenas that happen to be
 * adjacent coalesce too.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";

/** What went wrong in a {@link HeapError}. */
export type HeapErrorKind = "double-free" | "invalid-pointer";

/**
 * A guest passed the heap a pointer it never returned, or freed a block
 * twice. The personality reports it (msvcrt: heap corruption exception,
 * Darwin: "pointer being freed was not allocated" then abort).
 * @example
 * ```ts
 * try { heap.free(p); heap.free(p); } catch (e) {
 *   if (e instanceof HeapError) console.log(e.kind); // "double-free"
 * }
 * ```
 */
export class HeapError extends Error {
  /** The kind of misuse. */
  readonly kind: HeapErrorKind;
  /** The guest pointer passed in. */
  readonly addr: number;
  /** The function that received it ("free", "realloc", "size"). */
  readonly op: string;
  /**
   * @param kind the kind of misuse
   * @param addr the offending pointer
   * @param op the function that was called
   */
  constructor(kind: HeapErrorKind, addr: number, op: string) {
    super(`${op}(0x${addr.toString(16)}): ${kind}`);
    this.name = "HeapError";
    this.kind = kind;
    this.addr = addr;
    this.op = op;
  }
}

const ALIGN = 16;
/** Arenas are requested in at least this size. */
const ARENA = 1 << 20;
/** Largest single request served (C returns NULL beyond). */
const MAX_REQUEST = 2 ** 40;

const roundUp = (n: number, a: number) => Math.ceil(n / a) * a;
const sizeClass = (n: number) => 31 - Math.clz32(Math.min(n, 2 ** 31) >>> 0);

/**
 * The guest heap.
 * @example
 * ```ts
 * const heap = new GuestHeap(mem, (n) => mem.mmap(0, n, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS));
 * const p = heap.malloc(100);     // 16-byte aligned guest address
 * const q = heap.realloc(p, 200); // contents preserved
 * heap.free(q);
 * ```
 */
export class GuestHeap {
  private readonly mem: AddressSpace;
  private readonly grow: (bytes: number) => number;
  /** Allocated blocks: start -> [block size, requested size]. */
  private readonly used = new Map<number, [number, number]>();
  /** Free blocks: start -> size, and end -> start. */
  private readonly freeStart = new Map<number, number>();
  private readonly freeEnd = new Map<number, number>();
  /** Free block starts by size class (floor(log2(size))). */
  private readonly bins: Set<number>[] = [];
  /** Total bytes of arenas obtained from `grow`. */
  arenaBytes = 0;

  /**
   * @param mem the guest address space blocks live in
   * @param grow maps a new read-write region of at least `bytes` bytes and
   *   returns its base (page aligned), or -1 when memory is exhausted
   */
  constructor(mem: AddressSpace, grow: (bytes: number) => number) {
    this.mem = mem;
    this.grow = grow;
    for (let i = 0; i < 32; i++) this.bins.push(new Set());
  }

  private addFree(start: number, size: number): void {
    // Coalesce with the free neighbours on both sides.
    const before = this.freeEnd.get(start);
    if (before !== undefined) {
      const bs = this.freeStart.get(before)!;
      this.removeFree(before, bs);
      start = before;
      size += bs;
    }
    const afterSize = this.freeStart.get(start + size);
    if (afterSize !== undefined) {
      this.removeFree(start + size, afterSize);
      size += afterSize;
    }
    this.freeStart.set(start, size);
    this.freeEnd.set(start + size, start);
    this.bins[sizeClass(size)].add(start);
  }

  private removeFree(start: number, size: number): void {
    this.freeStart.delete(start);
    this.freeEnd.delete(start + size);
    this.bins[sizeClass(size)].delete(start);
  }

  /** A free block of at least `size` bytes, taken off the free lists; -1 if none. */
  private take(size: number): number {
    const c = sizeClass(size);
    for (const start of this.bins[c]) {
      const s = this.freeStart.get(start)!;
      if (s >= size) return this.carve(start, s, size);
    }
    for (let k = c + 1; k < this.bins.length; k++) {
      for (const start of this.bins[k]) {
        return this.carve(start, this.freeStart.get(start)!, size);
      }
    }
    return -1;
  }

  private carve(start: number, have: number, size: number): number {
    this.removeFree(start, have);
    if (have > size) this.addFree(start + size, have - size);
    return start;
  }

  /**
   * `malloc`: a 16-byte aligned block of at least `n` bytes (malloc(0) gives
   * a unique minimum block), or 0 when memory is exhausted.
   * @example
   * ```ts
   * const p = heap.malloc(10); // p % 16 === 0
   * ```
   */
  malloc(n: number): number {
    if (!(n >= 0) || n > MAX_REQUEST) return 0;
    const size = Math.max(ALIGN, roundUp(n, ALIGN));
    let p = this.take(size);
    if (p < 0) {
      const want = roundUp(Math.max(size, ARENA), 4096);
      const base = this.grow(want);
      if (base < 0 || base % ALIGN !== 0) return 0;
      this.arenaBytes += want;
      this.addFree(base, want);
      p = this.take(size);
      if (p < 0) return 0;
    }
    this.used.set(p, [size, n]);
    return p;
  }

  /**
   * `calloc`: `n * m` zeroed bytes; 0 on overflow or exhaustion.
   * @example
   * ```ts
   * heap.calloc(4, 8); // 32 zero bytes
   * ```
   */
  calloc(n: number, m: number): number {
    const total = n * m;
    if (!(total >= 0) || total > MAX_REQUEST) return 0;
    const p = this.malloc(total);
    if (p !== 0 && total > 0) this.mem.fill(p, total, 0);
    return p;
  }

  /** The block record of `p`, or a HeapError naming the misuse. */
  private block(p: number, op: string): [number, number] {
    const b = this.used.get(p);
    if (b) return b;
    // Inside a free block's start: it was freed (or never given out): report double free
    // when the address is the start of a free block, else an invalid pointer.
    throw new HeapError(this.freeStart.has(p) ? "double-free" : "invalid-pointer", p, op);
  }

  /**
   * `free`: free(0) is a no-op; a pointer not from this heap, or freed
   * already, throws {@link HeapError}.
   * @example
   * ```ts
   * heap.free(heap.malloc(8));
   * heap.free(0); // nothing
   * ```
   */
  free(p: number): void {
    if (p === 0) return;
    const [size] = this.block(p, "free");
    this.used.delete(p);
    this.addFree(p, size);
  }

  /**
   * `realloc`: realloc(0, n) is malloc(n); realloc(p, 0) frees p and returns
   * 0 (glibc and msvcrt both do); otherwise the first min(old, n) bytes are
   * preserved, in place when the block or its free right neighbour suffices.
   * Returns 0 (leaving p allocated) when memory is exhausted.
   * @example
   * ```ts
   * const q = heap.realloc(p, 1000); // same bytes at q as at p
   * ```
   */
  realloc(p: number, n: number): number {
    if (p === 0) return this.malloc(n);
    const [size, req] = this.block(p, "realloc");
    if (n === 0) {
      this.free(p);
      return 0;
    }
    if (!(n >= 0) || n > MAX_REQUEST) return 0;
    const want = Math.max(ALIGN, roundUp(n, ALIGN));
    if (want <= size) {
      if (size - want >= ALIGN) this.addFree(p + want, size - want);
      this.used.set(p, [want < size ? want : size, n]);
      return p;
    }
    const next = this.freeStart.get(p + size);
    if (next !== undefined && size + next >= want) {
      this.removeFree(p + size, next);
      const total = size + next;
      if (total > want) this.addFree(p + want, total - want);
      this.used.set(p, [want, n]);
      return p;
    }
    const q = this.malloc(n);
    if (q === 0) return 0;
    const keep = Math.min(req, n);
    if (keep > 0) this.mem.write(q, this.mem.read(p, keep));
    this.free(p);
    return q;
  }

  /**
   * The requested size of the block at `p` (msvcrt `_msize`; a valid
   * `malloc_size` on Darwin, which may report more). Throws
   * {@link HeapError} for a pointer not from this heap.
   * @example
   * ```ts
   * heap.size(heap.malloc(10)); // 10
   * ```
   */
  size(p: number): number {
    return this.block(p, "size")[1];
  }

  /**
   * Usable size of the block at `p` (glibc `malloc_usable_size`): at least `size(p)`.
   * @example
   * ```ts
   * heap.usableSize(heap.malloc(10)); // 16
   * ```
   */
  usableSize(p: number): number {
    return this.block(p, "usableSize")[0];
  }

  /**
   * True when `p` is the start of a live block.
   * @example
   * ```ts
   * heap.owns(heap.malloc(1)); // true
   * ```
   */
  owns(p: number): boolean {
    return this.used.has(p);
  }

  /**
   * Bytes in live blocks (block sizes, not requests).
   * @example
   * ```ts
   * heap.inUse(); // 0 for a fresh heap
   * ```
   */
  inUse(): number {
    let n = 0;
    for (const [s] of this.used.values()) n += s;
    return n;
  }
}
