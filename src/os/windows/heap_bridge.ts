/**
 * The guest's C heap (src/os/crt/heap.ts) for a Windows guest: one heap
 * serves malloc and HeapAlloc, grown with fresh read-write mappings.
 * @module
 */

import { GuestHeap } from "../crt/heap.ts";
import type { WinProcess } from "./process.ts";

/** The guest's heap, made on first use. */
export function heapOf(w: WinProcess): GuestHeap {
  let h = w.crt.heap as GuestHeap | undefined;
  if (!h) {
    h = new GuestHeap(w.mem, (n) => {
      const a = w.mem.mmap(0, n, 3, 0x22, "[heap]");
      return a < 0 ? -1 : a;
    });
    w.crt.heap = h;
  }
  return h;
}
