/**
 * Guest memory: one 4 GiB window of guest addresses backed by a single
 * `WebAssembly.Memory`, with a per-page flag table beside it.
 *
 * The window is aligned to 4 GiB: it covers guest addresses
 * `[windowHi * 2^32, (windowHi + 1) * 2^32)`. So an address is inside the
 * window exactly when its high 32 bits equal `windowHi`, and its low 32 bits
 * are the offset into the buffer. Generated code relies on this.
 *
 * The buffer is reserved at its full size up front (the host commits pages
 * only when they are touched), so it never grows and typed-array views never
 * need refreshing. What the guest may use is capped by `maxMemory`, counted
 * over mapped pages.
 *
 * Page 0 and the last page of the window are never mapped: generated code
 * computes `offset = (lo >>> 0) + imm` for |imm| < 4096 and indexes the flag
 * table with `offset >>> 12`, so an offset that wrapped below 0 or above
 * 2^32 lands on one of those two pages and takes the slow path.
 * @module
 */

import { GuestFault } from "./errors.ts";

/** log2 of the page size. */
export const PAGE_SHIFT = 12;
/** The page size (4 KiB). */
export const PAGE_SIZE = 4096;
/** Page flag: readable. */
export const PF_R = 1;
/** Page flag: writable. */
export const PF_W = 2;
/** Page flag: executable. */
export const PF_X = 4;
/** Page flag: translated code was made from this page. */
export const PF_CODE = 8;
/** Page flag: the page is mapped (possibly with no access). */
export const PF_MAPPED = 16;

const WINDOW = 0x1_0000_0000;
const NPAGES = WINDOW / PAGE_SIZE;
const FIRST_PAGE = 1;
const LAST_PAGE = NPAGES - 2;

/** Linux errno values the memory primitives return (negated). */
const ENOMEM = 12;
const EINVAL = 22;
const EEXIST = 17;

/** mmap flags (Linux values) that the address space understands. */
export const MAP_SHARED = 0x01;
/** Private mapping. */
export const MAP_PRIVATE = 0x02;
/** Place the mapping exactly at the address, replacing what is there. */
export const MAP_FIXED = 0x10;
/** Anonymous mapping. */
export const MAP_ANONYMOUS = 0x20;
/** MAP_FIXED that fails with EEXIST instead of replacing. */
export const MAP_FIXED_NOREPLACE = 0x100000;

/** Zeroed backing stores of retired address spaces (see AddressSpace.retire). */
const spares: { memory: WebAssembly.Memory; u8: Uint8Array; dv: DataView; pf: Uint8Array }[] = [];
const MAX_SPARES = 4;

/** Options for {@link AddressSpace}. */
export interface AddressSpaceOptions {
  /** High 32 bits of every guest address in the window (0 for Linux ELF). */
  windowHi?: number;
  /** Cap on mapped bytes; mmap and brk fail with ENOMEM past it. Default 1 GiB. */
  maxMemory?: number;
}

/** Called when translated code on a page may be stale (written, unmapped, reprotected). */
export type CodeInvalidator = (firstPage: number, lastPage: number) => void;

/** One contiguous run of pages with equal flags, as /proc/self/maps shows it. */
export interface MappingInfo {
  start: number;
  end: number;
  prot: number;
  name: string;
}

/**
 * The guest's address space.
 *
 * @example
 * ```ts
 * const as = new AddressSpace({ maxMemory: 64 << 20 });
 * as.mapFixed(0x10000, 0x2000, PF_R | PF_W, "[data]");
 * as.writeU32(0x10000, 0xdeadbeef);
 * console.log(as.readU32(0x10000).toString(16)); // deadbeef
 * ```
 */
export class AddressSpace {
  /** High 32 bits shared by every address in the window. */
  readonly windowHi: number;
  /** The first guest address of the window. */
  readonly base: number;
  /** The backing store. */
  readonly memory: WebAssembly.Memory;
  /** Byte view of the window. */
  readonly u8: Uint8Array;
  /** Little-endian access to the window. */
  readonly dv: DataView;
  /** One flag byte per page: PF_R | PF_W | PF_X | PF_CODE | PF_MAPPED. */
  readonly pf: Uint8Array;
  /** Cap on mapped bytes. */
  maxMemory: number;
  /** Bytes currently mapped. */
  mapped = 0;
  /** Start of the heap (page aligned); brk cannot go below it. */
  brkStart = 0;
  /** Current program break. */
  brkCur = 0;
  /** Highest address (exclusive) that top-down mmap placement may use. */
  mmapTop = 0x7000_0000;
  /** Lowest address that mmap placement may use. */
  mmapBottom = 0x1_0000;
  /**
   * Mapped bytes of every address space sharing this pool (the processes of
   * one guest), when they share one cap; null: this space alone counts.
   */
  pool: { used: number } | null = null;
  /** Told when translated code may be stale. */
  onCodeChange: CodeInvalidator = () => {};
  /** Names of mappings by first page, for /proc/self/maps. */
  readonly names: Map<number, string> = new Map();

  /** @param options window placement and memory cap */
  constructor(options: AddressSpaceOptions = {}) {
    this.windowHi = options.windowHi ?? 0;
    this.base = this.windowHi * WINDOW;
    // The mmap area's defaults are window 0's; another window has its own.
    this.mmapTop += this.base;
    this.mmapBottom += this.base;
    this.maxMemory = options.maxMemory ?? 1 << 30;
    const spare = spares.pop();
    if (spare) {
      this.memory = spare.memory;
      this.u8 = spare.u8;
      this.dv = spare.dv;
      this.pf = spare.pf;
      return;
    }
    this.memory = new WebAssembly.Memory({ initial: 65536, maximum: 65536 });
    this.u8 = new Uint8Array(this.memory.buffer);
    this.dv = new DataView(this.memory.buffer);
    this.pf = new Uint8Array(NPAGES);
  }

  /**
   * Hand the backing store to the next address space made (an ended guest
   * process's, when nothing can touch it any more): nonzero pages and the
   * flags are zeroed, so it is as new. V8 counts each 4 GiB memory as
   * external memory and runs a full GC every few allocations; reusing them
   * keeps fork-heavy guests (shell scripts) out of the collector. This
   * object must not be used afterwards.
   */
  retire(): void {
    if (spares.length >= MAX_SPARES || spares.some((x) => x.memory === this.memory)) return;
    const words = new Int32Array(this.memory.buffer);
    const w = PAGE_SIZE >> 2;
    for (let p = FIRST_PAGE; p <= LAST_PAGE; p++) {
      if (!(this.pf[p] & PF_MAPPED)) continue;
      const w0 = p * w, w1 = w0 + w;
      let i = w0;
      while (i < w1 && words[i] === 0) i++;
      if (i < w1) words.fill(0, w0, w1);
    }
    this.pf.fill(0);
    this.mapped = 0;
    spares.push({ memory: this.memory, u8: this.u8, dv: this.dv, pf: this.pf });
  }

  /** Window offset of a guest address, or -1 when it lies outside the window. */
  offsetOf(addr: number): number {
    const off = addr - this.base;
    return off >= 0 && off < WINDOW ? off : -1;
  }

  /** True when every byte of [addr, addr+len) is mapped with all of `need`'s flags. */
  check(addr: number, len: number, need: number): boolean {
    if (len === 0) return true;
    const off = this.offsetOf(addr);
    if (off < 0 || off + len > WINDOW) return false;
    const last = (off + len - 1) >>> PAGE_SHIFT;
    for (let p = off >>> PAGE_SHIFT; p <= last; p++) {
      if ((this.pf[p] & need) !== need) return false;
    }
    return true;
  }

  /**
   * Window offset for a guest access of `len` bytes needing `need`, or a
   * thrown {@link GuestFault}. Writes to pages holding translated code first
   * invalidate that code.
   */
  access(addr: number, len: number, need: number): number {
    if (!this.check(addr, len, need | PF_MAPPED)) {
      throw new GuestFault("SIGSEGV", -1, addr, need & PF_W ? "write" : "read");
    }
    const off = addr - this.base;
    if (need & PF_W) this.noteWrite(off, len);
    return off;
  }

  /** Drop translated code on the pages of [off, off+len) if any was made from them. */
  noteWrite(off: number, len: number): void {
    const first = off >>> PAGE_SHIFT;
    const last = (off + Math.max(len, 1) - 1) >>> PAGE_SHIFT;
    for (let p = first; p <= last; p++) {
      if (this.pf[p] & PF_CODE) {
        this.pf[p] &= ~PF_CODE;
        this.onCodeChange(p, p);
      }
    }
  }

  /** Copy `len` guest bytes out. Faults if any byte is unreadable. */
  read(addr: number, len: number): Uint8Array {
    const off = this.access(addr, len, PF_R);
    return this.u8.slice(off, off + len);
  }

  /** A view (no copy) of `len` readable guest bytes; valid until the next guest write. */
  view(addr: number, len: number): Uint8Array {
    const off = this.access(addr, len, PF_R);
    return this.u8.subarray(off, off + len);
  }

  /** Copy bytes into guest memory. Faults if any byte is unwritable. */
  write(addr: number, bytes: Uint8Array): void {
    const off = this.access(addr, bytes.length, PF_W);
    this.u8.set(bytes, off);
  }

  /** Fill guest memory with a byte value. */
  fill(addr: number, len: number, value: number): void {
    const off = this.access(addr, len, PF_W);
    this.u8.fill(value, off, off + len);
  }

  /**
   * Length of the NUL-terminated string at `addr`, looking at most `max` bytes
   * ahead, or -1 when there is no NUL among them. Checks a page at a time and
   * searches the window directly; faults (GuestFault) at the first unreadable
   * byte before the NUL.
   */
  cStringLength(addr: number, max: number): number {
    let n = 0;
    while (n < max) {
      const chunk = Math.min(PAGE_SIZE - ((addr + n) % PAGE_SIZE), max - n);
      if (!this.check(addr + n, chunk, PF_R)) {
        for (let i = 0; i < chunk; i++) if (this.readU8(addr + n + i) === 0) return n + i;
      } else {
        const off = this.offsetOf(addr + n);
        const z = this.u8.subarray(off, off + chunk).indexOf(0);
        if (z >= 0) return n + z;
      }
      n += chunk;
    }
    return -1;
  }

  /** Read a NUL-terminated string's bytes (without the NUL), at most `max` bytes. */
  readCString(addr: number, max = 4096): Uint8Array | null {
    const n = this.cStringLength(addr, max);
    return n < 0 ? null : this.read(addr, n);
  }

  /** Read an unsigned byte. */
  readU8(addr: number): number {
    return this.u8[this.access(addr, 1, PF_R)];
  }
  /** Read an unsigned little-endian 16-bit value. */
  readU16(addr: number): number {
    return this.dv.getUint16(this.access(addr, 2, PF_R), true);
  }
  /** Read an unsigned little-endian 32-bit value. */
  readU32(addr: number): number {
    return this.dv.getUint32(this.access(addr, 4, PF_R), true);
  }
  /** Read a signed little-endian 32-bit value. */
  readI32(addr: number): number {
    return this.dv.getInt32(this.access(addr, 4, PF_R), true);
  }
  /** Read a little-endian 64-bit value as a number (exact below 2^53; signed). */
  readI64(addr: number): number {
    const off = this.access(addr, 8, PF_R);
    return this.dv.getInt32(off + 4, true) * WINDOW + this.dv.getUint32(off, true);
  }
  /** Read a little-endian 64-bit value as an unsigned number (exact below 2^53). */
  readU64(addr: number): number {
    const off = this.access(addr, 8, PF_R);
    return this.dv.getUint32(off + 4, true) * WINDOW + this.dv.getUint32(off, true);
  }
  /** Read a little-endian 64-bit value as a bigint. */
  readBig(addr: number): bigint {
    return this.dv.getBigUint64(this.access(addr, 8, PF_R), true);
  }
  /** Write a byte. */
  writeU8(addr: number, v: number): void {
    this.u8[this.access(addr, 1, PF_W)] = v;
  }
  /** Write a little-endian 16-bit value. */
  writeU16(addr: number, v: number): void {
    this.dv.setUint16(this.access(addr, 2, PF_W), v, true);
  }
  /** Write a little-endian 32-bit value. */
  writeU32(addr: number, v: number): void {
    this.dv.setUint32(this.access(addr, 4, PF_W), v >>> 0, true);
  }
  /** Write a 64-bit value given as a number (two's complement if negative). */
  writeU64(addr: number, v: number): void {
    const off = this.access(addr, 8, PF_W);
    this.dv.setInt32(off, v | 0, true);
    this.dv.setInt32(off + 4, Math.floor(v / WINDOW) | 0, true);
  }
  /** Write a 64-bit value given as a bigint. */
  writeBig(addr: number, v: bigint): void {
    this.dv.setBigUint64(this.access(addr, 8, PF_W), BigInt.asUintN(64, v), true);
  }

  // ---- mappings -------------------------------------------------------------

  /** The page range of [addr, addr+len) in the window, or null if it leaves the usable window. */
  private pages(addr: number, len: number): [number, number] | null {
    if (addr % PAGE_SIZE !== 0 || len <= 0) return null;
    const off = addr - this.base;
    const end = off + Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
    if (off < FIRST_PAGE * PAGE_SIZE || end > (LAST_PAGE + 1) * PAGE_SIZE) return null;
    return [off / PAGE_SIZE, end / PAGE_SIZE - 1];
  }

  private countMapped(first: number, last: number): number {
    let n = 0;
    for (let p = first; p <= last; p++) if (this.pf[p] & PF_MAPPED) n++;
    return n;
  }

  /**
   * Map [addr, addr+len) with `prot` (PF_R|PF_W|PF_X), replacing what was
   * there, zero-filled. Returns 0 or a negative errno.
   */
  mapFixed(addr: number, len: number, prot: number, name = ""): number {
    const r = this.pages(addr, len);
    if (!r) return -EINVAL;
    const [first, last] = r;
    const fresh = (last - first + 1) - this.countMapped(first, last);
    const used = this.pool ? this.pool.used : this.mapped;
    if (used + fresh * PAGE_SIZE > this.maxMemory) return -ENOMEM;
    this.unmapPages(first, last);
    const flags = normalizeProt(prot) | PF_MAPPED;
    this.pf.fill(flags, first, last + 1);
    this.mapped += (last - first + 1) * PAGE_SIZE;
    if (this.pool) this.pool.used += (last - first + 1) * PAGE_SIZE;
    if (name) this.names.set(first, name);
    return 0;
  }

  /**
   * Find a free, page-aligned range of `len` bytes, top-down below `mmapTop`,
   * or -1. `hint` is tried first when it is free.
   */
  findFree(len: number, hint = 0): number {
    const n = Math.ceil(len / PAGE_SIZE);
    if (n <= 0 || n > LAST_PAGE) return -1;
    const hr = hint ? this.pages(hint - (hint % PAGE_SIZE), len) : null;
    if (hr && this.countMapped(hr[0], hr[1]) === 0) return this.base + hr[0] * PAGE_SIZE;
    const top = Math.min((this.mmapTop - this.base) / PAGE_SIZE, LAST_PAGE + 1);
    const bottom = Math.max((this.mmapBottom - this.base) / PAGE_SIZE, FIRST_PAGE);
    let run = 0;
    for (let p = top - 1; p >= bottom; p--) {
      if (this.pf[p] & PF_MAPPED) run = 0;
      else if (++run === n) return this.base + p * PAGE_SIZE;
    }
    return -1;
  }

  /**
   * Linux mmap for anonymous memory (file contents are the caller's job:
   * map, then write the bytes). Returns the address or a negative errno.
   */
  mmap(addr: number, len: number, prot: number, flags: number, name = ""): number {
    if (len <= 0) return -EINVAL;
    const size = Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
    let at: number;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
      if (addr % PAGE_SIZE !== 0) return -EINVAL;
      const r = this.pages(addr, size);
      if (!r) return -ENOMEM;
      if ((flags & MAP_FIXED_NOREPLACE) && this.countMapped(r[0], r[1]) > 0) return -EEXIST;
      at = addr;
    } else {
      at = this.findFree(size, addr);
      if (at < 0) return -ENOMEM;
    }
    const e = this.mapFixed(at, size, prot, name);
    return e < 0 ? e : at;
  }

  /** Unmap [addr, addr+len). Returns 0 or a negative errno. */
  munmap(addr: number, len: number): number {
    if (addr % PAGE_SIZE !== 0 || len <= 0) return -EINVAL;
    const off = addr - this.base;
    if (off < 0 || off >= WINDOW) return 0;
    const first = off / PAGE_SIZE;
    const last = Math.min(Math.ceil((off + len) / PAGE_SIZE) - 1, NPAGES - 1);
    this.unmapPages(first, last);
    return 0;
  }

  private unmapPages(first: number, last: number): void {
    let code = false;
    for (let p = first; p <= last; p++) {
      const f = this.pf[p];
      if (!(f & PF_MAPPED)) continue;
      if (f & PF_CODE) code = true;
      this.u8.fill(0, p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
      this.pf[p] = 0;
      this.names.delete(p);
      this.mapped -= PAGE_SIZE;
      if (this.pool) this.pool.used -= PAGE_SIZE;
    }
    if (code) this.onCodeChange(first, last);
  }

  /** Change protection of mapped pages. Returns 0 or a negative errno. */
  mprotect(addr: number, len: number, prot: number): number {
    if (addr % PAGE_SIZE !== 0) return -EINVAL;
    if (len === 0) return 0;
    const r = this.pages(addr, len);
    if (!r) return -ENOMEM;
    const [first, last] = r;
    if (this.countMapped(first, last) !== last - first + 1) return -ENOMEM;
    const flags = normalizeProt(prot) | PF_MAPPED;
    // Linux splits the mapping: both sides keep its name in /proc/self/maps.
    this.keepName(first);
    if (last + 1 <= LAST_PAGE) this.keepName(last + 1);
    let code = false;
    for (let p = first; p <= last; p++) {
      if (this.pf[p] & PF_CODE) code = true;
      this.pf[p] = flags;
    }
    if (code) this.onCodeChange(first, last);
    return 0;
  }

  /** Name page `p` after the mapping it lies in (as mappings() groups pages), if it has one. */
  private keepName(p: number): void {
    if (!(this.pf[p] & PF_MAPPED) || this.names.has(p)) return;
    const prot = this.pf[p] & (PF_R | PF_W | PF_X);
    let q = p;
    while (
      q > FIRST_PAGE && !this.names.has(q) && (this.pf[q - 1] & PF_MAPPED) &&
      (this.pf[q - 1] & (PF_R | PF_W | PF_X)) === prot
    ) q--;
    const name = this.names.get(q);
    if (name) this.names.set(p, name);
  }

  /** Linux brk: returns the new break (the old one when the request fails). */
  brk(want: number): number {
    if (want < this.brkStart) return this.brkCur;
    const curTop = Math.ceil(this.brkCur / PAGE_SIZE) * PAGE_SIZE;
    const newTop = Math.ceil(want / PAGE_SIZE) * PAGE_SIZE;
    if (newTop > curTop) {
      const r = this.pages(curTop, newTop - curTop);
      if (!r || this.countMapped(r[0], r[1]) > 0) return this.brkCur;
      if (this.mapFixed(curTop, newTop - curTop, PF_R | PF_W, "[heap]") < 0) return this.brkCur;
    } else if (newTop < curTop) {
      this.munmap(newTop, curTop - newTop);
    }
    this.brkCur = want;
    return want;
  }

  /**
   * A copy of this address space (fork): the same mappings, protections,
   * names, heap and mmap state, and the same bytes. Only pages that hold a
   * nonzero byte are copied (an untouched page of the reserved buffer reads
   * as zeros without being committed), so a fork commits what the parent
   * has written, not its whole stack. The copy has no translated code.
   */
  clone(): AddressSpace {
    const c = new AddressSpace({ windowHi: this.windowHi, maxMemory: this.maxMemory });
    const src = new Int32Array(this.memory.buffer);
    const dst = new Int32Array(c.memory.buffer);
    const words = PAGE_SIZE >> 2;
    const pf = this.pf, cpf = c.pf;
    for (let p = FIRST_PAGE; p <= LAST_PAGE; p++) {
      const f = pf[p];
      if (!(f & PF_MAPPED)) continue;
      cpf[p] = f & ~PF_CODE;
      const w0 = p * words, w1 = w0 + words;
      let w = w0;
      while (w < w1 && src[w] === 0) w++;
      if (w < w1) dst.set(src.subarray(w0, w1), w0);
    }
    c.mapped = this.mapped;
    c.pool = this.sharePool();
    c.pool.used += c.mapped;
    c.brkStart = this.brkStart;
    c.brkCur = this.brkCur;
    c.mmapTop = this.mmapTop;
    c.mmapBottom = this.mmapBottom;
    for (const [k, v] of this.names) c.names.set(k, v);
    return c;
  }

  /** The pool this space counts in, made (with its own usage) on first use. */
  sharePool(): { used: number } {
    return this.pool ??= { used: this.mapped };
  }

  /** Count this (still empty) space against `other`'s cap (execve's new address space). */
  joinPool(other: AddressSpace): void {
    this.pool = other.sharePool();
    this.pool.used += this.mapped;
  }

  /** Stop counting this space in its pool (the process ended or exec'd): its pages are free. */
  leavePool(): void {
    if (this.pool) this.pool.used -= this.mapped;
    this.pool = null;
  }

  /** Mapped ranges with their protections, merged, for /proc/self/maps. */
  mappings(): MappingInfo[] {
    const out: MappingInfo[] = [];
    let cur: MappingInfo | null = null;
    for (let p = FIRST_PAGE; p <= LAST_PAGE; p++) {
      const f = this.pf[p];
      const name = this.names.get(p);
      if (!(f & PF_MAPPED)) {
        cur = null;
        continue;
      }
      const prot = f & (PF_R | PF_W | PF_X);
      const start = this.base + p * PAGE_SIZE;
      // Adjacent pages with the same protection and name are one mapping (Linux merges them).
      if (cur && cur.prot === prot && cur.end === start && (name ?? cur.name) === cur.name) {
        cur.end += PAGE_SIZE;
      } else {
        cur = { start, end: start + PAGE_SIZE, prot, name: name ?? "" };
        out.push(cur);
      }
    }
    return out;
  }
}

/** PROT_* to page flags: write implies read, as Linux does on every ISA we run. */
function normalizeProt(prot: number): number {
  let f = prot & (PF_R | PF_W | PF_X);
  if (f & PF_W) f |= PF_R;
  return f;
}
