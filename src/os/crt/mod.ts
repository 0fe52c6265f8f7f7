/**
 * The ABI-neutral C runtime shared by the Windows (msvcrt) and Darwin
 * (libSystem) personalities: printf formatting, a guest heap, C string and
 * number-parsing functions over guest memory, and <math.h>.
 *
 * @example
 * ```ts
 * import { formatPrintf, GuestHeap, strlen, MATH1 } from "./src/os/crt/mod.ts";
 * ```
 * @module
 */

export * from "./cstring.ts";
export * from "./format.ts";
export * from "./heap.ts";
export * from "./math.ts";
