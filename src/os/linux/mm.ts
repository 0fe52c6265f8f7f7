/**
 * Memory system calls: brk, mmap, munmap, mprotect, mremap, madvise, msync.
 * The address space does the bookkeeping; this layer adds file-backed
 * private mappings (the file's bytes are copied in) and Linux's argument
 * rules.
 * @module
 */

import { PAGE_SIZE, PF_MAPPED, PF_R, PF_W, PF_X } from "../../memory/address_space.ts";
import type { SysArgs } from "./args.ts";
import { EACCES, EBADF, EFAULT, EINVAL, ENODEV, ENOMEM, SysError } from "./errno.ts";
import { DevObj, HostFileObj } from "./files.ts";
import {
  MADV_DONTNEED,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_PRIVATE,
  MAP_SHARED,
  MAP_SHARED_VALIDATE,
  MAP_TYPE,
  MREMAP_DONTUNMAP,
  MREMAP_FIXED,
  MREMAP_MAYMOVE,
  PROT_EXEC,
  PROT_READ,
  PROT_WRITE,
} from "./numbers.ts";
import type { LinuxProcess } from "./process.ts";

const WINDOW = 0x1_0000_0000;
const PROT_MASK = PROT_READ | PROT_WRITE | PROT_EXEC;

/** Pages that hold a file's bytes (MADV_DONTNEED leaves them alone), per process. */
const filePages = new WeakMap<LinuxProcess, Uint8Array>();

function fileBits(p: LinuxProcess): Uint8Array {
  let b = filePages.get(p);
  if (!b) {
    b = new Uint8Array(WINDOW / PAGE_SIZE);
    filePages.set(p, b);
  }
  return b;
}

function pageOf(p: LinuxProcess, addr: number): number {
  return Math.floor((addr - p.mem.base) / PAGE_SIZE);
}

function roundUp(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}

function markFile(p: LinuxProcess, addr: number, len: number, on: boolean): void {
  if (!on && !filePages.has(p)) return;
  const first = pageOf(p, addr);
  fileBits(p).fill(on ? 1 : 0, first, first + roundUp(len) / PAGE_SIZE);
}

/** brk(addr) */
export function sysBrk(p: LinuxProcess, a: SysArgs): number {
  return p.mem.brk(a.n(0));
}

/** mmap(addr, length, prot, flags, fd, offset) */
export function sysMmap(p: LinuxProcess, a: SysArgs): number {
  const addr = a.n(0);
  const len = a.size(1);
  const prot = a.int(2) & PROT_MASK;
  const flags = a.int(3);
  const fd = a.int(4);
  const offset = a.n(5);
  const type = flags & MAP_TYPE;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE) {
    throw new SysError(EINVAL);
  }
  if (len === 0 || offset < 0 || offset % PAGE_SIZE !== 0) throw new SysError(EINVAL);
  if (len > WINDOW) throw new SysError(ENOMEM);
  const shared = type !== MAP_PRIVATE;

  let bytes: Uint8Array | null = null;
  let name = "";
  let sharedFile: HostFileObj | null = null;
  if (!(flags & MAP_ANONYMOUS)) {
    const e = p.fds[fd];
    if (fd < 0 || !e) throw new SysError(EBADF);
    const f = e.file;
    if (!(f instanceof DevObj && f.dev === "zero")) {
      if (!f.readable) throw new SysError(EACCES);
      if (shared && (prot & PROT_WRITE) && !f.writable) throw new SysError(EACCES);
      if (shared && f.writable && !(f instanceof HostFileObj)) throw new SysError(ENODEV);
      bytes = f.mapBytes(offset, len);
      name = f.path();
      if (shared && f.writable) sharedFile = f as HostFileObj;
    }
  }

  const fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
  // MAP_FIXED replaces what was there: shared file pages under it reach their file first.
  if ((flags & MAP_FIXED) && addr % PAGE_SIZE === 0) dropShared(p, addr, roundUp(len));
  const at = p.mem.mmap(addr, len, bytes ? PF_R | PF_W : prot, fixed, name);
  if (at < 0) return at;
  markFile(p, at, len, bytes !== null);
  if (bytes) {
    if (bytes.length > 0) p.mem.write(at, bytes);
    p.mem.mprotect(at, roundUp(len), prot);
  }
  if (sharedFile) {
    sharedFile.refs++;
    sharedList(p).push({ start: at, len: roundUp(len), file: sharedFile, offset });
  }
  return at;
}

// ---- shared file mappings -------------------------------------------------------------

/** A MAP_SHARED mapping of a writable host file: its pages are written back to the file. */
interface SharedMapping {
  start: number;
  len: number;
  file: HostFileObj;
  offset: number;
}

const shared = new WeakMap<LinuxProcess, SharedMapping[]>();

function sharedList(p: LinuxProcess): SharedMapping[] {
  let l = shared.get(p);
  if (!l) shared.set(p, l = []);
  return l;
}

/** Write a shared mapping's pages in [from, to) back to its file (never past the file's end). */
function writeBack(p: LinuxProcess, m: SharedMapping, from: number, to: number): void {
  const a = Math.max(from, m.start);
  const b = Math.min(to, m.start + m.len);
  if (a >= b || !p.mem.check(a, b - a, PF_MAPPED)) return;
  const pos = m.offset + (a - m.start);
  const size = m.file.stat().size;
  const n = Math.min(b - a, size - pos);
  if (n <= 0) return;
  m.file.pwrite(p.mem.read(a, n), pos);
}

/**
 * Write back the shared file mappings that overlap [addr, addr+len) (all of
 * them when len is omitted). msync, munmap, exit and reads of the file call it.
 */
export function flushShared(p: LinuxProcess, addr = 0, len = Infinity): void {
  const l = shared.get(p);
  if (!l) return;
  for (const m of l) writeBack(p, m, addr, addr + len);
}

/** Write back the shared mappings of one host file (before the guest reads it). */
export function flushSharedFile(p: LinuxProcess, hostPath: string): void {
  const l = shared.get(p);
  if (!l) return;
  for (const m of l) if (m.file.hostPath === hostPath) writeBack(p, m, 0, Infinity);
}

/** Write back and forget the shared records in [addr, addr+len). */
function dropShared(p: LinuxProcess, addr: number, len: number): void {
  const l = shared.get(p);
  if (!l || l.length === 0) return;
  const end = addr + len;
  const keep: SharedMapping[] = [];
  for (const m of l) {
    const mEnd = m.start + m.len;
    if (mEnd <= addr || m.start >= end) {
      keep.push(m);
      continue;
    }
    writeBack(p, m, addr, end);
    const pieces: SharedMapping[] = [];
    if (m.start < addr) pieces.push({ ...m, len: addr - m.start });
    if (mEnd > end) {
      pieces.push({ ...m, start: end, len: mEnd - end, offset: m.offset + (end - m.start) });
    }
    for (const piece of pieces) {
      piece.file.refs++;
      keep.push(piece);
    }
    if (--m.file.refs === 0) m.file.release();
  }
  shared.set(p, keep);
}

/** At exit: write every shared mapping back and let go of the files. */
export function releaseShared(p: LinuxProcess): void {
  dropShared(p, 0, Infinity);
}

/** munmap(addr, length) */
export function sysMunmap(p: LinuxProcess, a: SysArgs): number {
  const addr = a.n(0);
  const len = a.size(1);
  if (len === 0 || addr % PAGE_SIZE !== 0 || len > WINDOW) throw new SysError(EINVAL);
  dropShared(p, addr, roundUp(len));
  const r = p.mem.munmap(addr, len);
  if (r === 0 && p.mem.offsetOf(addr) >= 0) {
    markFile(p, addr, Math.min(len, WINDOW - p.mem.offsetOf(addr)), false);
  }
  return r;
}

/** mprotect(addr, length, prot) */
export function sysMprotect(p: LinuxProcess, a: SysArgs): number {
  const addr = a.n(0);
  if (addr % PAGE_SIZE !== 0) throw new SysError(EINVAL);
  const prot = a.int(2);
  if (prot & ~(PROT_MASK | 0x03000000)) throw new SysError(EINVAL);
  return p.mem.mprotect(addr, a.size(1), prot & PROT_MASK);
}

function allMapped(p: LinuxProcess, addr: number, len: number): boolean {
  return p.mem.check(addr, len, PF_MAPPED);
}

/** Copy pages [from, from+len) to `to` with their protections (the target is mapped RW). */
function movePages(p: LinuxProcess, from: number, to: number, len: number): void {
  const { mem } = p;
  const src = mem.offsetOf(from);
  const dst = mem.offsetOf(to);
  mem.noteWrite(dst, len);
  mem.u8.copyWithin(dst, src, src + len);
  const bits = filePages.get(p);
  for (let off = 0; off < len; off += PAGE_SIZE) {
    const prot = mem.pf[(src + off) / PAGE_SIZE] & (PF_R | PF_W | PF_X);
    mem.mprotect(to + off, PAGE_SIZE, prot);
    if (bits) bits[(dst + off) / PAGE_SIZE] = bits[(src + off) / PAGE_SIZE];
  }
}

/** mremap(old_address, old_size, new_size, flags, new_address) */
export function sysMremap(p: LinuxProcess, a: SysArgs): number {
  const { mem } = p;
  const old = a.n(0);
  const flags = a.int(3);
  const newAddr = a.n(4);
  if (old % PAGE_SIZE !== 0) throw new SysError(EINVAL);
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) throw new SysError(EINVAL);
  if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE)) {
    throw new SysError(EINVAL);
  }
  const oldSize = roundUp(a.size(1));
  const newSize = roundUp(a.size(2));
  if (newSize === 0 || newSize > WINDOW || oldSize > WINDOW) throw new SysError(EINVAL);
  if (oldSize === 0) throw new SysError(EINVAL);
  if (!allMapped(p, old, oldSize)) throw new SysError(EFAULT);
  const name = mem.names.get(pageOf(p, old)) ?? "";
  // A moved or resized shared file mapping is written back and becomes private.
  dropShared(p, old, oldSize);

  const moveTo = (to: number): number => {
    const e = mem.mapFixed(to, newSize, PF_R | PF_W, name);
    if (e < 0) return e;
    movePages(p, old, to, Math.min(oldSize, newSize));
    if (newSize > oldSize) {
      const lastProt = mem.pf[pageOf(p, old + oldSize - PAGE_SIZE)] & (PF_R | PF_W | PF_X);
      mem.mprotect(to + oldSize, newSize - oldSize, lastProt);
      markFile(p, to + oldSize, newSize - oldSize, false);
    }
    if (!(flags & MREMAP_DONTUNMAP)) {
      mem.munmap(old, oldSize);
      markFile(p, old, oldSize, false);
    }
    return to;
  };

  if (flags & MREMAP_FIXED) {
    if (newAddr % PAGE_SIZE !== 0) throw new SysError(EINVAL);
    if (newAddr < old + oldSize && old < newAddr + newSize) throw new SysError(EINVAL);
    return moveTo(newAddr);
  }
  if (newSize <= oldSize) {
    if (newSize < oldSize) {
      mem.munmap(old + newSize, oldSize - newSize);
      markFile(p, old + newSize, oldSize - newSize, false);
    }
    return old;
  }
  // Grow in place when the pages after the mapping are free.
  const tail = old + oldSize;
  const tailLen = newSize - oldSize;
  const off = mem.offsetOf(tail);
  let free = off >= 0 && off + tailLen <= WINDOW - PAGE_SIZE;
  for (let q = 0; free && q < tailLen; q += PAGE_SIZE) {
    if (mem.pf[(off + q) / PAGE_SIZE] & PF_MAPPED) free = false;
  }
  if (free) {
    const lastProt = mem.pf[(off - PAGE_SIZE) / PAGE_SIZE] & (PF_R | PF_W | PF_X);
    const e = mem.mapFixed(tail, tailLen, lastProt);
    if (e === 0) return old;
  }
  if (!(flags & MREMAP_MAYMOVE)) throw new SysError(ENOMEM);
  const to = mem.findFree(newSize);
  if (to < 0) throw new SysError(ENOMEM);
  return moveTo(to);
}

/** The advice values Linux 6.1 accepts (madvise_behavior_valid). */
const VALID_ADVICE = new Set([
  0,
  1,
  2,
  3,
  4,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  17,
  18,
  19,
  20,
  21,
  22,
  23,
  24,
  25,
  100,
  101,
]);

/** madvise(addr, length, advice) */
export function sysMadvise(p: LinuxProcess, a: SysArgs): number {
  const addr = a.n(0);
  const len = roundUp(a.size(1));
  const advice = a.int(2);
  if (addr % PAGE_SIZE !== 0 || !VALID_ADVICE.has(advice)) throw new SysError(EINVAL);
  if (len === 0) return 0;
  if (!allMapped(p, addr, len)) throw new SysError(ENOMEM);
  if (advice === MADV_DONTNEED) {
    // Private anonymous pages read back as zero. File pages would be re-read from the
    // file by Linux; kitemu keeps their current contents.
    const bits = filePages.get(p);
    for (let q = 0; q < len; q += PAGE_SIZE) {
      const page = pageOf(p, addr + q);
      if (bits && bits[page]) continue;
      if (p.mem.pf[page] & PF_W) p.mem.fill(addr + q, PAGE_SIZE, 0);
    }
  }
  return 0;
}

/** msync(addr, length, flags): writes shared file mappings back. */
export function sysMsync(p: LinuxProcess, a: SysArgs): number {
  const addr = a.n(0);
  const flags = a.int(2);
  if (addr % PAGE_SIZE !== 0 || (flags & ~7) || (flags & 5) === 5) throw new SysError(EINVAL);
  const len = roundUp(a.size(1));
  if (len > 0 && !allMapped(p, addr, len)) throw new SysError(ENOMEM);
  flushShared(p, addr, len);
  return 0;
}
