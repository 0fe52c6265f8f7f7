/**
 * KERNEL32.dll (and the few ntdll functions the mingw start-up uses) for
 * Windows guests. Files go through the Linux layer's implementations, so
 * every host access is resolved and permission-checked by the sandbox; a
 * denial becomes ERROR_ACCESS_DENIED through GetLastError.
 *
 * Each function is one row: `name: (w, a) => result`. doc/WINDOWS.md lists
 * them with the capability each checks.
 * @module
 */

import { PF_MAPPED, PF_R, PF_W, PF_X } from "../../memory/address_space.ts";
import * as fs from "../linux/fs.ts";
import {
  AT_FDCWD,
  ERROR_ACCESS_DENIED,
  ERROR_ALREADY_EXISTS,
  ERROR_ENVVAR_NOT_FOUND,
  ERROR_INSUFFICIENT_BUFFER,
  ERROR_INVALID_HANDLE,
  ERROR_INVALID_PARAMETER,
  ERROR_MOD_NOT_FOUND,
  ERROR_NO_MORE_FILES,
  ERROR_NOT_ENOUGH_MEMORY,
  ERROR_PROC_NOT_FOUND,
  type HostFn,
  hostPathOf,
  type HostValue,
  readA,
  readW,
  type Win64Args,
  type WinHandle,
  type WinProcess,
  writeW,
} from "./process.ts";
import { hasDll } from "./dll_names.ts";
import { heapOf } from "./heap_bridge.ts";
import { raiseException, rtlCaptureContext, rtlVirtualUnwind, unwindEx } from "./seh.ts";

const INVALID_HANDLE_VALUE = -1;
const INVALID_FILE_ATTRIBUTES = 0xffff_ffff;
const O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200;
const O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;
/** The pseudo handle GetProcessHeap returns. */
export const PROCESS_HEAP = 0x10000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** The handle of standard stream `fd` (0-2), made on first use. */
export function stdHandle(w: WinProcess, fd: number): number {
  const key = "std" + fd;
  let h = w.cache.get(key);
  if (h === undefined) {
    h = w.addHandle({
      kind: "file",
      fd,
      path: ["CONIN$", "CONOUT$", "CONERR$"][fd],
      append: false,
    });
    w.cache.set(key, h);
  }
  return h;
}

/** Text of a string argument: A functions take bytes, W functions UTF-16. */
function str(w: WinProcess, addr: number, wide: boolean): string {
  return wide ? readW(w.mem, addr) : readA(w.mem, addr);
}

/** Copy `s` to a caller's buffer of `size` characters: the length, or the size needed (with NUL). */
function putString(w: WinProcess, buf: number, size: number, s: string, wide: boolean): number {
  const units = wide ? s.length : enc.encode(s).length;
  if (units + 1 > size) {
    w.lastError = ERROR_INSUFFICIENT_BUFFER;
    return units + 1;
  }
  if (wide) writeW(w.mem, buf, s);
  else {
    const b = enc.encode(s);
    w.mem.write(buf, b);
    w.mem.writeU8(buf + b.length, 0);
  }
  return units;
}

/** Finish a read/write: store the count through `countPtr`, return TRUE/FALSE. */
function rw(
  w: WinProcess,
  r: number | Promise<number>,
  countPtr: number,
): HostValue | Promise<HostValue> {
  const done = (n: number): number => {
    if (countPtr) w.mem.writeU32(countPtr, Math.max(0, n));
    if (n < 0) {
      w.failErrno(n);
      return 0;
    }
    return 1;
  };
  return typeof r === "number" ? done(r) : r.then(done);
}

/** Write `bytes` (host memory) to `fd` through the scratch area, in chunks. */
export function writeBytes(w: WinProcess, fd: number, bytes: Uint8Array): number {
  let done = 0;
  while (done < bytes.length) {
    const n = Math.min(bytes.length - done, 8192);
    w.mem.write(w.scratch, bytes.subarray(done, done + n));
    const r = w.linuxSync(fs.sysWrite, fd, w.scratch, n);
    if (r < 0) return done > 0 ? done : r;
    done += r;
    if (r < n) break;
  }
  return done;
}

function writeFile(w: WinProcess, a: Win64Args): HostValue | Promise<HostValue> {
  const fd = w.fdOf(a.n(0));
  if (fd < 0) {
    w.lastError = ERROR_INVALID_HANDLE;
    return 0;
  }
  return rw(w, w.linux(fs.sysWrite, fd, a.n(1), a.u32(2)), a.n(3));
}

function readFile(w: WinProcess, a: Win64Args): HostValue | Promise<HostValue> {
  const fd = w.fdOf(a.n(0));
  if (fd < 0) {
    w.lastError = ERROR_INVALID_HANDLE;
    return 0;
  }
  return rw(w, w.linux(fs.sysRead, fd, a.n(1), a.u32(2)), a.n(3));
}

function writeConsoleW(w: WinProcess, a: Win64Args): HostValue {
  const fd = w.fdOf(a.n(0));
  if (fd < 0) {
    w.lastError = ERROR_INVALID_HANDLE;
    return 0;
  }
  const n = a.u32(2);
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(w.mem.readU16(a.n(1) + 2 * i));
  const r = writeBytes(w, fd, enc.encode(s));
  if (a.n(3)) w.mem.writeU32(a.n(3), r < 0 ? 0 : n);
  if (r < 0) {
    w.failErrno(r);
    return 0;
  }
  return 1;
}

/**
 * Open `path` (a Windows path) with Linux open flags; returns the fd or a negative errno.
 * Used by CreateFile and the CRT's fopen.
 */
export function openPath(w: WinProcess, path: string, flags: number, mode = 0o666): number {
  const host = hostPathOf(path);
  if (host === "CONOUT$" || host === "CONERR$") {
    return w.linuxSync(fs.sysDup, host === "CONOUT$" ? 1 : 2);
  }
  if (host === "CONIN$") return w.linuxSync(fs.sysDup, 0);
  return w.linuxSync(fs.sysOpenat, AT_FDCWD, w.scratchPath(host), flags | O_CLOEXEC, mode);
}

function createFile(wide: boolean): HostFn {
  return (w, a) => {
    const name = str(w, a.n(0), wide);
    const access = a.u32(1), disp = a.u32(4), attrs = a.u32(5);
    const rd = (access & 0x8000_0001) !== 0 || (access & 0x1000_0000) !== 0; // GENERIC_READ, FILE_READ_DATA, GENERIC_ALL
    const wr = (access & 0x4000_0006) !== 0 || (access & 0x1000_0000) !== 0; // GENERIC_WRITE, WRITE/APPEND_DATA
    let flags = rd && wr ? O_RDWR : wr ? O_WRONLY : 0;
    switch (disp) {
      case 1: // CREATE_NEW
        flags |= O_CREAT | O_EXCL;
        break;
      case 2: // CREATE_ALWAYS
        flags |= O_CREAT | O_TRUNC;
        break;
      case 3: // OPEN_EXISTING
        break;
      case 4: // OPEN_ALWAYS
        flags |= O_CREAT;
        break;
      case 5: // TRUNCATE_EXISTING
        flags |= O_TRUNC;
        break;
      default:
        w.lastError = ERROR_INVALID_PARAMETER;
        return INVALID_HANDLE_VALUE;
    }
    if (attrs & 0x0200_0000) flags = O_DIRECTORY; // FILE_FLAG_BACKUP_SEMANTICS: directories
    let fd = openPath(w, name, flags);
    if (fd === -21 && attrs & 0x0200_0000) fd = openPath(w, name, O_DIRECTORY);
    if (fd < 0) {
      w.failErrno(fd);
      return INVALID_HANDLE_VALUE;
    }
    const append = (access & 4) !== 0 && (access & 2) === 0;
    w.lastError = 0;
    return w.addHandle({ kind: "file", fd, path: name, append });
  };
}

function closeHandle(w: WinProcess, a: Win64Args): HostValue {
  const v = a.n(0);
  const h = w.handles.get(v);
  if (!h) {
    w.lastError = ERROR_INVALID_HANDLE;
    return 0;
  }
  w.handles.delete(v);
  for (const [k, x] of w.cache) if (x === v) w.cache.delete(k);
  if (h.kind === "file") w.linuxSync(fs.sysClose, h.fd);
  return 1;
}

/** Size of an open file (lseek to the end and back), or a negative errno. */
function fileSize(w: WinProcess, fd: number): number {
  const cur = w.linuxSync(fs.sysLseek, fd, 0, 1);
  if (cur < 0) return cur;
  const end = w.linuxSync(fs.sysLseek, fd, 0, 2);
  w.linuxSync(fs.sysLseek, fd, cur, 0);
  return end;
}

/** stat a Windows path; the 144-byte x86-64 struct stat is left in scratch+4096, or a negative errno. */
function statPath(w: WinProcess, path: string): number {
  const p = w.scratchPath(hostPathOf(path));
  return w.linuxSync(fs.sysNewfstatat, AT_FDCWD, p, w.scratch + 4096, 0);
}

function attrsOf(mode: number, name: string): number {
  let a = (mode & 0o170000) === 0o040000 ? 0x10 : 0x20; // DIRECTORY : ARCHIVE
  if ((mode & 0o200) === 0) a |= 1; // READONLY
  if (name.startsWith(".") && name !== "." && name !== "..") a |= 2; // HIDDEN
  return a;
}

function getFileAttributes(wide: boolean): HostFn {
  return (w, a) => {
    const name = str(w, a.n(0), wide);
    const r = statPath(w, name);
    if (r < 0) {
      w.failErrno(r);
      return INVALID_FILE_ATTRIBUTES;
    }
    return attrsOf(w.mem.readU32(w.scratch + 4096 + 24), name.split(/[\\/]/).pop() ?? "");
  };
}

/** Unix seconds+nanoseconds to a FILETIME (100 ns units since 1601). */
function fileTime(sec: number, nsec: number): bigint {
  return (BigInt(sec) + 11644473600n) * 10000000n + BigInt(Math.floor(nsec / 100));
}

/** Fill a WIN32_FIND_DATA (A: 320 bytes, W: 592 bytes) for one entry. */
function findData(
  w: WinProcess,
  at: number,
  e: { name: string; attrs: number; size: number; mtime: number },
  wide: boolean,
): void {
  w.mem.fill(at, wide ? 592 : 320, 0);
  w.mem.writeU32(at, e.attrs);
  const ft = fileTime(Math.floor(e.mtime), 0);
  for (const off of [4, 12, 20]) w.mem.writeBig(at + off, ft);
  w.mem.writeU32(at + 28, Math.floor(e.size / 0x1_0000_0000));
  w.mem.writeU32(at + 32, e.size % 0x1_0000_0000);
  const name = e.name.slice(0, 259);
  if (wide) writeW(w.mem, at + 44, name);
  else {
    const b = enc.encode(name).subarray(0, 259);
    w.mem.write(at + 44, b);
    w.mem.writeU8(at + 44 + b.length, 0);
  }
}

/** A glob (`*` and `?`, case-insensitive) as a RegExp. */
function globRe(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp("^" + (glob === "*.*" ? ".*" : re) + "$", "i");
}

/** List a directory through the Linux layer: names, or a negative errno. */
function listDir(w: WinProcess, dir: string): string[] | number {
  const fd = openPath(w, dir || ".", O_DIRECTORY);
  if (fd < 0) return fd;
  const names: string[] = [];
  const buf = w.scratch + 4096;
  for (;;) {
    const n = w.linuxSync(fs.sysGetdents64, fd, buf, 4096);
    if (n <= 0) break;
    let off = 0;
    while (off < n) {
      const reclen = w.mem.readU16(buf + off + 16);
      const nameBytes = w.mem.readCString(buf + off + 19, 256);
      if (nameBytes) names.push(dec.decode(nameBytes));
      off += reclen;
    }
  }
  w.linuxSync(fs.sysClose, fd);
  return names.sort();
}

function findFirstFile(wide: boolean): HostFn {
  return (w, a) => {
    const pattern = str(w, a.n(0), wide).replace(/\\/g, "/");
    const cut = pattern.lastIndexOf("/");
    const dir = cut >= 0 ? pattern.slice(0, cut + 1) : "";
    const glob = pattern.slice(cut + 1);
    const names = listDir(w, dir);
    if (typeof names === "number") {
      w.failErrno(names);
      return INVALID_HANDLE_VALUE;
    }
    const re = globRe(glob);
    const entries = [];
    for (const name of names) {
      if (!re.test(name)) continue;
      const r = statPath(w, dir + name);
      const base = w.scratch + 4096;
      const mode = r < 0 ? 0o100644 : w.mem.readU32(base + 24);
      const size = r < 0 ? 0 : w.mem.readU64(base + 48);
      const mtime = r < 0 ? 0 : w.mem.readU64(base + 88);
      entries.push({
        name,
        attrs: attrsOf(mode, name),
        size: (mode & 0o170000) === 0o040000 ? 0 : size,
        mtime,
      });
    }
    if (entries.length === 0) {
      w.lastError = 2; // ERROR_FILE_NOT_FOUND
      return INVALID_HANDLE_VALUE;
    }
    findData(w, a.n(1), entries[0], wide);
    return w.addHandle({ kind: "find", entries, pos: 1 });
  };
}

function findNextFile(wide: boolean): HostFn {
  return (w, a) => {
    const h = w.handles.get(a.n(0));
    if (!h || h.kind !== "find") {
      w.lastError = ERROR_INVALID_HANDLE;
      return 0;
    }
    if (h.pos >= h.entries.length) {
      w.lastError = ERROR_NO_MORE_FILES;
      return 0;
    }
    findData(w, a.n(1), h.entries[h.pos++], wide);
    return 1;
  };
}

function pathCall(wide: boolean, f: (w: WinProcess, p: number) => number): HostFn {
  return (w, a) => {
    const r = f(w, w.scratchPath(hostPathOf(str(w, a.n(0), wide))));
    if (r === -10017) {
      w.lastError = ERROR_ALREADY_EXISTS;
      return 0;
    }
    if (r < 0) {
      w.failErrno(r);
      return 0;
    }
    return 1;
  };
}

function getEnv(wide: boolean): HostFn {
  return (w, a) => {
    const name = str(w, a.n(0), wide).toUpperCase();
    const e = w.env.find((x) =>
      x.slice(0, x.indexOf("=")).toUpperCase() === name && x.includes("=")
    );
    if (e === undefined) {
      w.lastError = ERROR_ENVVAR_NOT_FOUND;
      return 0;
    }
    return putString(w, a.n(1), a.u32(2), e.slice(e.indexOf("=") + 1), wide);
  };
}

function setEnv(wide: boolean): HostFn {
  return (w, a) => {
    const name = str(w, a.n(0), wide);
    const env = w.env.filter((x) =>
      x.slice(0, x.indexOf("=")).toUpperCase() !== name.toUpperCase()
    );
    if (a.n(1)) env.push(name + "=" + str(w, a.n(1), wide));
    w.proc.env = env;
    w.cache.delete("envA");
    w.cache.delete("envW");
    return 1;
  };
}

function getModuleHandle(wide: boolean): HostFn {
  return (w, a) => {
    if (!a.n(0)) return w.imageBase;
    const name = str(w, a.n(0), wide);
    const base = name.replace(/^.*[\\/]/, "").toLowerCase();
    const me = w.exeWin().replace(/^.*[\\/]/, "").toLowerCase();
    if (base === me || base + ".exe" === me) return w.imageBase;
    if (!hasDll(name) && !w.modules.has(base.replace(/\.dll$/, ""))) {
      w.lastError = ERROR_MOD_NOT_FOUND;
      return 0;
    }
    return w.moduleHandle(name);
  };
}

function loadLibrary(wide: boolean): HostFn {
  return (w, a) => {
    const name = str(w, a.n(0), wide).replace(/^.*[\\/]/, "");
    if (!hasDll(name) && !w.ctx.resolveObject?.(name)) {
      w.lastError = ERROR_MOD_NOT_FOUND;
      return 0;
    }
    return w.moduleHandle(name);
  };
}

function getModuleFileName(wide: boolean): HostFn {
  return (w, a) => {
    const size = a.u32(2);
    const s = w.exeWin();
    if (size === 0) return 0;
    const r = putString(w, a.n(1), size, s, wide);
    if (r <= s.length && r < size) return r;
    // Truncated: size-1 characters and a NUL, ERROR_INSUFFICIENT_BUFFER.
    const cut = s.slice(0, size - 1);
    putString(w, a.n(1), size, cut, wide);
    w.lastError = ERROR_INSUFFICIENT_BUFFER;
    return size;
  };
}

function getProcAddress(w: WinProcess, a: Win64Args): HostValue {
  const dll = w.moduleName(a.n(0));
  const p = a.n(1);
  const name = p < 0x10000 ? `#${p}` : readA(w.mem, p);
  const addr = dll ? w.thunkFor(dll, name) : 0;
  if (!addr) w.lastError = ERROR_PROC_NOT_FOUND;
  return addr;
}

// ---- memory ---------------------------------------------------------------------------

/** PAGE_* protection to PF_* flags. */
function pfOf(prot: number): number {
  if (prot & 0x40 || prot & 0x80) return PF_R | PF_W | PF_X;
  if (prot & 0x20 || prot & 0x10) return PF_R | PF_X;
  if (prot & 0x04 || prot & 0x08) return PF_R | PF_W;
  if (prot & 0x02) return PF_R;
  return 0;
}

/** PF_* flags to a PAGE_* protection. */
function pageProt(pf: number): number {
  const r = pf & PF_R, wr = pf & PF_W, x = pf & PF_X;
  if (x) return wr ? 0x40 : 0x20;
  if (wr) return 0x04;
  if (r) return 0x02;
  return 0x01;
}

function virtualAlloc(w: WinProcess, a: Win64Args): HostValue {
  const addr = a.n(0), size = a.n(1), type = a.u32(2), prot = pfOf(a.u32(3));
  if (size <= 0) {
    w.lastError = ERROR_INVALID_PARAMETER;
    return 0;
  }
  const mem = w.mem;
  if (addr && (type & 0x1000) && mem.check(addr, size, PF_MAPPED)) {
    // MEM_COMMIT inside a reservation.
    const lo = addr - (addr % 4096);
    mem.mprotect(lo, Math.ceil((addr + size - lo) / 4096) * 4096, prot);
    return addr;
  }
  // Allocations start on the 64 KiB allocation granularity.
  const want = addr ? addr - (addr % 65536) : 0;
  const len = Math.ceil((addr ? addr + size - want : size) / 4096) * 4096;
  let r: number;
  if (want) r = mem.mmap(want, len, prot, 0x22 | 0x100000, "[VirtualAlloc]");
  else {
    const slack = mem.mmap(0, len + 0xf000, prot, 0x22, "[VirtualAlloc]");
    r = slack < 0 ? slack : Math.ceil(slack / 65536) * 65536;
    if (r > slack) mem.munmap(slack, r - slack);
    if (slack >= 0 && slack + len + 0xf000 > r + len) {
      mem.munmap(r + len, slack + len + 0xf000 - (r + len));
    }
  }
  if (r < 0) {
    w.lastError = ERROR_NOT_ENOUGH_MEMORY;
    return 0;
  }
  allocations(w).set(r, len);
  return addr || r;
}

function allocations(w: WinProcess): Map<number, number> {
  return (w.crt.virtualAllocs ??= new Map<number, number>()) as Map<number, number>;
}

function virtualFree(w: WinProcess, a: Win64Args): HostValue {
  const addr = a.n(0), type = a.u32(2);
  const all = allocations(w);
  if (type & 0x8000) {
    const size = all.get(addr);
    if (size === undefined) {
      w.lastError = ERROR_INVALID_PARAMETER;
      return 0;
    }
    all.delete(addr);
    w.mem.munmap(addr, size);
    return 1;
  }
  return 1; // MEM_DECOMMIT: the pages stay (zeroing is not required)
}

function virtualProtect(w: WinProcess, a: Win64Args): HostValue {
  const addr = a.n(0), size = a.n(1), prot = a.u32(2), oldPtr = a.n(3);
  const lo = addr - (addr % 4096);
  const len = Math.ceil((addr + Math.max(size, 1) - lo) / 4096) * 4096;
  const off = w.mem.offsetOf(lo);
  if (off < 0 || !w.mem.check(lo, len, PF_MAPPED)) {
    w.lastError = 487; // ERROR_INVALID_ADDRESS
    return 0;
  }
  const old = pageProt(w.mem.pf[off >>> 12]);
  if (w.mem.mprotect(lo, len, pfOf(prot)) < 0) {
    w.lastError = ERROR_INVALID_PARAMETER;
    return 0;
  }
  if (oldPtr) w.mem.writeU32(oldPtr, old);
  return 1;
}

function virtualQuery(w: WinProcess, a: Win64Args): HostValue {
  const addr = a.n(0), out = a.n(1), len = a.n(2);
  if (len < 48) {
    w.lastError = 24; // ERROR_BAD_LENGTH
    return 0;
  }
  const mem = w.mem;
  const off = mem.offsetOf(addr);
  if (off < 0) {
    w.lastError = ERROR_INVALID_PARAMETER;
    return 0;
  }
  const pg = off >>> 12;
  const f = mem.pf[pg] & (PF_R | PF_W | PF_X | PF_MAPPED);
  const base = mem.base + pg * 4096;
  // The region ends where the attributes change or the allocation (image, VirtualAlloc) ends.
  const imageEnd = w.imageBase + Math.ceil((w.ctx.image.pe?.sizeOfImage ?? 0) / 4096) * 4096;
  const inImage = base >= w.imageBase && base < imageEnd;
  let limit = inImage ? imageEnd : mem.base + (mem.pf.length - 1) * 4096;
  for (const [start, len] of allocations(w)) {
    if (base >= start && base < start + len) limit = start + len;
  }
  let end = pg + 1;
  const endPg = (limit - mem.base) / 4096;
  while (end < endPg && (mem.pf[end] & (PF_R | PF_W | PF_X | PF_MAPPED)) === f) end++;
  const mapped = (f & PF_MAPPED) !== 0;
  mem.fill(out, 48, 0);
  mem.writeU64(out, base);
  mem.writeU64(out + 8, mapped ? (inImage ? w.imageBase : base) : 0);
  mem.writeU32(out + 16, mapped ? (inImage ? 0x80 : pageProt(f)) : 0);
  mem.writeU64(out + 24, (end - pg) * 4096);
  mem.writeU32(out + 32, mapped ? 0x1000 : 0x10000); // MEM_COMMIT : MEM_FREE
  mem.writeU32(out + 36, mapped ? pageProt(f) : 0x01);
  mem.writeU32(out + 40, mapped ? (inImage ? 0x100_0000 : 0x20000) : 0); // MEM_IMAGE : MEM_PRIVATE
  return 48;
}

// ---- heaps --------------------------------------------------------------------------

function heapAlloc(w: WinProcess, a: Win64Args): HostValue {
  const heap = heapOf(w);
  const flags = a.u32(1), n = a.n(2);
  const p = flags & 8 ? heap.calloc(1, Math.max(n, 1)) : heap.malloc(Math.max(n, 1));
  if (!p) w.lastError = ERROR_NOT_ENOUGH_MEMORY;
  return p;
}

function heapReAlloc(w: WinProcess, a: Win64Args): HostValue {
  const heap = heapOf(w);
  const flags = a.u32(1), p = a.n(2), n = a.n(3);
  const old = heap.size(p);
  const q = heap.realloc(p, Math.max(n, 1));
  if (q && flags & 8 && n > old) w.mem.fill(q + old, n - old, 0);
  if (!q) w.lastError = ERROR_NOT_ENOUGH_MEMORY;
  return q;
}

// ---- time ------------------------------------------------------------------------------

function fileTimeNow(): bigint {
  const ms = Date.now();
  return (BigInt(ms) + 11644473600000n) * 10000n;
}

// ---- strings -----------------------------------------------------------------------------

function multiByteToWideChar(w: WinProcess, a: Win64Args): HostValue {
  const src = a.n(2), srcLen = a.i32(3), dst = a.n(4), dstLen = a.i32(5);
  const bytes = srcLen < 0
    ? [...(w.mem.readCString(src, 1 << 20) ?? []), 0]
    : [...w.mem.read(src, srcLen)];
  const cp = a.u32(0);
  const text = cp === 65001 || cp === 0 || cp === 3 || cp === 1
    ? dec.decode(new Uint8Array(bytes))
    : String.fromCharCode(...bytes);
  if (dstLen === 0) return text.length;
  if (text.length > dstLen) {
    w.lastError = ERROR_INSUFFICIENT_BUFFER;
    return 0;
  }
  for (let i = 0; i < text.length; i++) w.mem.writeU16(dst + 2 * i, text.charCodeAt(i));
  return text.length;
}

function wideCharToMultiByte(w: WinProcess, a: Win64Args): HostValue {
  const src = a.n(2), srcLen = a.i32(3), dst = a.n(4), dstLen = a.i32(5);
  let text = srcLen < 0 ? readW(w.mem, src) + "\0" : "";
  if (srcLen >= 0) {
    for (let i = 0; i < srcLen; i++) text += String.fromCharCode(w.mem.readU16(src + 2 * i));
  }
  const cp = a.u32(0);
  const bytes = cp === 65001 || cp === 0 || cp === 3 || cp === 1
    ? enc.encode(text)
    : Uint8Array.from(text, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
  if (dstLen === 0) return bytes.length;
  if (bytes.length > dstLen) {
    w.lastError = ERROR_INSUFFICIENT_BUFFER;
    return 0;
  }
  w.mem.write(dst, bytes);
  return bytes.length;
}

// ---- exceptions (enough for the CRT) -------------------------------------------------

function lookupFunctionEntry(w: WinProcess, a: Win64Args): HostValue {
  const pc = a.n(0), baseOut = a.n(1);
  const pe = w.ctx.image.pe;
  if (!pe || !pe.exceptionSize) return 0;
  const rva = pc - w.imageBase;
  const table = w.imageBase + pe.exceptionRva;
  let lo = 0, hi = Math.floor(pe.exceptionSize / 12) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = table + mid * 12;
    const begin = w.mem.readU32(e), end = w.mem.readU32(e + 4);
    if (rva < begin) hi = mid - 1;
    else if (rva >= end) lo = mid + 1;
    else {
      if (baseOut) w.mem.writeU64(baseOut, w.imageBase);
      return e;
    }
  }
  return 0;
}

function sleep(_w: WinProcess, ms: number): Promise<HostValue> | HostValue {
  if (ms === 0) return 0;
  return new Promise((r) => setTimeout(() => r(0), Math.min(ms, 0x7fff_ffff)));
}

// ---- synchronization objects ------------------------------------------------------------
// One guest thread: a wait is satisfied by the object's state now, or never. A wait that could
// only end when another thread acted fails (WAIT_FAILED, ERROR_POSSIBLE_DEADLOCK) instead of
// hanging the guest; a finite timeout is slept, then WAIT_TIMEOUT.

const WAIT_OBJECT_0 = 0, WAIT_TIMEOUT = 258, WAIT_FAILED = 0xffff_ffff, INFINITE = 0xffff_ffff;
const ERROR_NOT_OWNER = 288, ERROR_TOO_MANY_POSTS = 298, ERROR_POSSIBLE_DEADLOCK = 1131;
type SyncHandle = Extract<WinHandle, { kind: "event" | "mutex" | "semaphore" }>;

function syncHandle(w: WinProcess, h: number): SyncHandle | null {
  const o = w.handles.get(h);
  if (o && (o.kind === "event" || o.kind === "mutex" || o.kind === "semaphore")) return o;
  w.lastError = ERROR_INVALID_HANDLE;
  return null;
}

/** Whether a wait on `o` would be satisfied now (a mutex: always, its one thread owns it). */
function ready(o: SyncHandle): boolean {
  return o.kind === "event" ? o.signaled : o.kind === "semaphore" ? o.count > 0 : true;
}

/** What a satisfied wait does to the object: auto-reset, acquire, count down. */
function consume(o: SyncHandle): void {
  if (o.kind === "event") {
    if (!o.manual) o.signaled = false;
  } else if (o.kind === "mutex") o.held++;
  else o.count--;
}

/** The end of a wait nothing can satisfy: sleep out a finite timeout, fail an infinite one. */
function unsatisfied(w: WinProcess, ms: number): Promise<HostValue> | HostValue {
  if (ms === INFINITE) {
    w.lastError = ERROR_POSSIBLE_DEADLOCK;
    return WAIT_FAILED;
  }
  if (ms === 0) return WAIT_TIMEOUT;
  return new Promise((r) => setTimeout(() => r(WAIT_TIMEOUT), ms));
}

const SYNC: Record<string, HostFn> = {
  // CreateEvent(attrs, bManualReset, bInitialState, name)
  ...aw(
    "CreateEvent",
    () => (w, a) =>
      w.addHandle({ kind: "event", manual: a.i32(1) !== 0, signaled: a.i32(2) !== 0 }),
  ),
  // CreateMutex(attrs, bInitialOwner, name)
  ...aw("CreateMutex", () => (w, a) => w.addHandle({ kind: "mutex", held: a.i32(1) ? 1 : 0 })),
  // CreateSemaphore(attrs, lInitialCount, lMaximumCount, name)
  ...aw("CreateSemaphore", () => (w, a) => {
    const count = a.i32(1), max = a.i32(2);
    if (max <= 0 || count < 0 || count > max) {
      w.lastError = ERROR_INVALID_PARAMETER;
      return 0;
    }
    return w.addHandle({ kind: "semaphore", count, max });
  }),
  // CreateSemaphoreEx(attrs, initial, maximum, name, flags, access)
  CreateSemaphoreExW: (w, a) => SYNC.CreateSemaphoreW(w, a),
  SetEvent: (w, a) => {
    const o = syncHandle(w, a.n(0));
    if (!o || o.kind !== "event") return o ? (w.lastError = ERROR_INVALID_HANDLE, 0) : 0;
    o.signaled = true;
    return 1;
  },
  ResetEvent: (w, a) => {
    const o = syncHandle(w, a.n(0));
    if (!o || o.kind !== "event") return o ? (w.lastError = ERROR_INVALID_HANDLE, 0) : 0;
    o.signaled = false;
    return 1;
  },
  ReleaseMutex: (w, a) => {
    const o = syncHandle(w, a.n(0));
    if (!o || o.kind !== "mutex") return o ? (w.lastError = ERROR_INVALID_HANDLE, 0) : 0;
    if (o.held === 0) {
      w.lastError = ERROR_NOT_OWNER;
      return 0;
    }
    o.held--;
    return 1;
  },
  // ReleaseSemaphore(h, lReleaseCount, lpPreviousCount)
  ReleaseSemaphore: (w, a) => {
    const o = syncHandle(w, a.n(0));
    if (!o || o.kind !== "semaphore") return o ? (w.lastError = ERROR_INVALID_HANDLE, 0) : 0;
    const n = a.i32(1);
    if (n <= 0 || o.count + n > o.max) {
      w.lastError = n <= 0 ? ERROR_INVALID_PARAMETER : ERROR_TOO_MANY_POSTS;
      return 0;
    }
    if (a.n(2)) w.mem.writeU32(a.n(2), o.count);
    o.count += n;
    return 1;
  },
  // WaitForSingleObject(h, dwMilliseconds)
  WaitForSingleObject: (w, a) => {
    const o = syncHandle(w, a.n(0));
    if (!o) return WAIT_FAILED;
    if (!ready(o)) return unsatisfied(w, a.u32(1));
    consume(o);
    return WAIT_OBJECT_0;
  },
  // WaitForMultipleObjects(count, handles, bWaitAll, dwMilliseconds)
  WaitForMultipleObjects: (w, a) => {
    const n = a.u32(0);
    if (n === 0 || n > 64) {
      w.lastError = ERROR_INVALID_PARAMETER;
      return WAIT_FAILED;
    }
    const objs: SyncHandle[] = [];
    for (let i = 0; i < n; i++) {
      const o = syncHandle(w, Number(w.mem.readBig(a.n(1) + 8 * i)));
      if (!o) return WAIT_FAILED;
      objs.push(o);
    }
    if (a.i32(2)) {
      if (!objs.every(ready)) return unsatisfied(w, a.u32(3));
      objs.forEach(consume);
      return WAIT_OBJECT_0;
    }
    const i = objs.findIndex(ready);
    if (i < 0) return unsatisfied(w, a.u32(3));
    consume(objs[i]);
    return WAIT_OBJECT_0 + i;
  },
};

/** Both the A and W forms of a function. */
function aw(name: string, make: (wide: boolean) => HostFn): Record<string, HostFn> {
  return { [name + "A"]: make(false), [name + "W"]: make(true) };
}

const TRUE: HostFn = () => 1;
const ZERO: HostFn = () => 0;
const NOTHING: HostFn = () => {};

/** KERNEL32.dll. */
export const KERNEL32: Record<string, HostFn> = {
  ...SYNC,
  GetStdHandle: (w, a) => {
    const n = a.i32(0);
    return n === -10
      ? stdHandle(w, 0)
      : n === -11
      ? stdHandle(w, 1)
      : n === -12
      ? stdHandle(w, 2)
      : INVALID_HANDLE_VALUE;
  },
  WriteFile: writeFile,
  ReadFile: readFile,
  WriteConsoleA: writeFile,
  WriteConsoleW: writeConsoleW,
  ...aw("CreateFile", createFile),
  CloseHandle: closeHandle,
  GetFileType: (w, a) => {
    const fd = w.fdOf(a.n(0));
    if (fd < 0) return 0;
    return fd <= 2 ? 2 : 1; // FILE_TYPE_CHAR for the standard streams, FILE_TYPE_DISK otherwise
  },
  GetFileSize: (w, a) => {
    const fd = w.fdOf(a.n(0));
    const size = fd < 0 ? -9 : fileSize(w, fd);
    if (size < 0) {
      w.failErrno(size);
      return INVALID_FILE_ATTRIBUTES;
    }
    if (a.n(1)) w.mem.writeU32(a.n(1), Math.floor(size / 0x1_0000_0000));
    return size % 0x1_0000_0000;
  },
  GetFileSizeEx: (w, a) => {
    const fd = w.fdOf(a.n(0));
    const size = fd < 0 ? -9 : fileSize(w, fd);
    if (size < 0) {
      w.failErrno(size);
      return 0;
    }
    w.mem.writeU64(a.n(1), size);
    return 1;
  },
  SetFilePointer: (w, a) => {
    const fd = w.fdOf(a.n(0));
    const hiPtr = a.n(2);
    const off = hiPtr ? w.mem.readI32(hiPtr) * 0x1_0000_0000 + a.u32(1) : a.i32(1);
    const r = fd < 0 ? -9 : w.linuxSync(fs.sysLseek, fd, off, a.u32(3));
    if (r < 0) {
      w.failErrno(r);
      return INVALID_FILE_ATTRIBUTES;
    }
    if (hiPtr) w.mem.writeU32(hiPtr, Math.floor(r / 0x1_0000_0000));
    w.lastError = 0;
    return r % 0x1_0000_0000;
  },
  SetFilePointerEx: (w, a) => {
    const fd = w.fdOf(a.n(0));
    const r = fd < 0 ? -9 : w.linuxSync(fs.sysLseek, fd, a.n(1), a.u32(3));
    if (r < 0) {
      w.failErrno(r);
      return 0;
    }
    if (a.n(2)) w.mem.writeU64(a.n(2), r);
    return 1;
  },
  SetEndOfFile: (w, a) => {
    const fd = w.fdOf(a.n(0));
    const pos = fd < 0 ? -9 : w.linuxSync(fs.sysLseek, fd, 0, 1);
    const r = pos < 0 ? pos : w.linuxSync(fs.sysFtruncate, fd, pos);
    if (r < 0) {
      w.failErrno(r);
      return 0;
    }
    return 1;
  },
  FlushFileBuffers: TRUE,
  ...aw(
    "DeleteFile",
    (wide) => pathCall(wide, (w, p) => w.linuxSync(fs.sysUnlinkat, AT_FDCWD, p, 0)),
  ),
  ...aw(
    "RemoveDirectory",
    (wide) => pathCall(wide, (w, p) => w.linuxSync(fs.sysUnlinkat, AT_FDCWD, p, 0x200)),
  ),
  ...aw("CreateDirectory", (wide) =>
    pathCall(wide, (w, p) => {
      const r = w.linuxSync(fs.sysMkdirat, AT_FDCWD, p, 0o777);
      return r === -17 ? -10017 : r; // ERROR_ALREADY_EXISTS, not ERROR_FILE_EXISTS
    })),
  ...aw("SetCurrentDirectory", (wide) => pathCall(wide, (w, p) => w.linuxSync(fs.sysChdir, p))),
  ...aw("GetFileAttributes", getFileAttributes),
  ...aw("FindFirstFile", findFirstFile),
  ...aw("FindNextFile", findNextFile),
  FindClose: (w, a) => (w.handles.delete(a.n(0)) ? 1 : 0),
  ...aw(
    "GetCurrentDirectory",
    (wide) => (w, a) => putString(w, a.n(1), a.u32(0), w.cwdWin(), wide),
  ),
  ExitProcess: (w, a) => w.exitProcess(a.i32(0)),
  TerminateProcess: (w, a) => {
    if (a.n(0) === -1) w.exit(a.i32(1));
    return 1;
  },
  GetCommandLineA: (w) => {
    let p = w.cache.get("cmdA");
    if (p === undefined) w.cache.set("cmdA", p = w.allocString(w.commandLine()));
    return p;
  },
  GetCommandLineW: (w) => {
    let p = w.cache.get("cmdW");
    if (p === undefined) w.cache.set("cmdW", p = w.allocWString(w.commandLine()));
    return p;
  },
  ...aw("GetEnvironmentVariable", getEnv),
  ...aw("SetEnvironmentVariable", setEnv),
  GetEnvironmentStringsW: (w) => w.environmentW(),
  GetEnvironmentStringsA: (w) => w.environmentA(),
  GetEnvironmentStrings: (w) => w.environmentA(),
  FreeEnvironmentStringsA: TRUE,
  FreeEnvironmentStringsW: TRUE,
  ...aw("GetModuleHandle", getModuleHandle),
  ...aw("GetModuleFileName", getModuleFileName),
  GetProcAddress: getProcAddress,
  ...aw("LoadLibrary", loadLibrary),
  ...aw("LoadLibraryEx", loadLibrary),
  FreeLibrary: TRUE,
  VirtualAlloc: virtualAlloc,
  VirtualFree: virtualFree,
  VirtualProtect: virtualProtect,
  VirtualQuery: virtualQuery,
  HeapCreate: (w) => w.addHandle({ kind: "heap" }),
  HeapDestroy: TRUE,
  GetProcessHeap: () => PROCESS_HEAP,
  HeapAlloc: heapAlloc,
  HeapFree: (w, a) => {
    if (a.n(2)) heapOf(w).free(a.n(2));
    return 1;
  },
  HeapReAlloc: heapReAlloc,
  HeapSize: (w, a) => heapOf(w).size(a.n(2)),
  GetLastError: (w) => w.lastError,
  SetLastError: (w, a) => {
    w.lastError = a.u32(0);
  },
  TlsAlloc: (w) => {
    const used = (w.crt.tlsUsed ??= new Set<number>()) as Set<number>;
    for (let i = 1; i < 64; i++) {
      if (!used.has(i)) {
        used.add(i);
        w.mem.writeU64(w.teb + 0x1480 + 8 * i, 0);
        return i;
      }
    }
    return 0xffff_ffff;
  },
  TlsFree: (w, a) => {
    ((w.crt.tlsUsed ??= new Set<number>()) as Set<number>).delete(a.u32(0));
    return 1;
  },
  TlsGetValue: (w, a) => {
    const i = a.u32(0);
    if (i >= 64) {
      w.lastError = ERROR_INVALID_PARAMETER;
      return 0;
    }
    w.lastError = 0;
    return w.mem.readU64(w.teb + 0x1480 + 8 * i);
  },
  TlsSetValue: (w, a) => {
    const i = a.u32(0);
    if (i >= 64) {
      w.lastError = ERROR_INVALID_PARAMETER;
      return 0;
    }
    w.mem.writeU64(w.teb + 0x1480 + 8 * i, a.n(1));
    return 1;
  },
  InitializeCriticalSection: NOTHING,
  InitializeCriticalSectionAndSpinCount: TRUE,
  InitializeCriticalSectionEx: TRUE,
  EnterCriticalSection: NOTHING,
  TryEnterCriticalSection: TRUE,
  LeaveCriticalSection: NOTHING,
  DeleteCriticalSection: NOTHING,
  GetSystemTimeAsFileTime: (w, a) => w.mem.writeBig(a.n(0), fileTimeNow()),
  GetSystemTimePreciseAsFileTime: (w, a) => w.mem.writeBig(a.n(0), fileTimeNow()),
  QueryPerformanceCounter: (w, a) => {
    w.mem.writeU64(a.n(0), Math.floor(performance.now() * 10000));
    return 1;
  },
  QueryPerformanceFrequency: (w, a) => {
    w.mem.writeU64(a.n(0), 10_000_000);
    return 1;
  },
  GetTickCount: (w) => Math.floor(performance.now() - w.proc.startMono) >>> 0,
  GetTickCount64: (w) => Math.floor(performance.now() - w.proc.startMono),
  Sleep: (w, a) => sleep(w, a.u32(0)),
  SleepEx: (w, a) => sleep(w, a.u32(0)),
  GetSystemInfo: (w, a) => {
    const p = a.n(0);
    w.mem.fill(p, 48, 0);
    w.mem.writeU16(p, 9); // PROCESSOR_ARCHITECTURE_AMD64
    w.mem.writeU32(p + 4, 4096);
    w.mem.writeU64(p + 8, w.mem.base + 0x10000);
    w.mem.writeU64(p + 16, w.mem.base + 0xfffe_ffff);
    w.mem.writeU64(p + 24, 1);
    w.mem.writeU32(p + 32, 1);
    w.mem.writeU32(p + 36, 8664);
    w.mem.writeU32(p + 40, 65536);
    w.mem.writeU16(p + 44, 6);
  },
  SetUnhandledExceptionFilter: (w, a) => {
    const old = (w.crt.exceptionFilter as number | undefined) ?? 0;
    w.crt.exceptionFilter = a.n(0);
    return old;
  },
  UnhandledExceptionFilter: ZERO,
  RtlCaptureContext: rtlCaptureContext,
  RtlLookupFunctionEntry: lookupFunctionEntry,
  RtlVirtualUnwind: rtlVirtualUnwind,
  RtlAddFunctionTable: TRUE,
  IsDebuggerPresent: ZERO,
  MultiByteToWideChar: multiByteToWideChar,
  WideCharToMultiByte: wideCharToMultiByte,
  IsDBCSLeadByteEx: ZERO,
  IsDBCSLeadByte: ZERO,
  GetACP: () => 65001,
  GetOEMCP: () => 65001,
  GetConsoleCP: () => 65001,
  GetConsoleOutputCP: () => 65001,
  SetConsoleOutputCP: TRUE,
  SetConsoleCP: TRUE,
  GetConsoleMode: (w) => {
    w.lastError = ERROR_INVALID_HANDLE;
    return 0;
  },
  SetConsoleMode: TRUE,
  SetConsoleCtrlHandler: TRUE,
  GetStartupInfoA: (w, a) => {
    w.mem.fill(a.n(0), 104, 0);
    w.mem.writeU32(a.n(0), 104);
  },
  GetStartupInfoW: (w, a) => {
    w.mem.fill(a.n(0), 104, 0);
    w.mem.writeU32(a.n(0), 104);
  },
  GetCurrentProcess: () => -1,
  GetCurrentThread: () => -2,
  GetCurrentProcessId: () => 1000,
  GetCurrentThreadId: () => 1004,
  GetVersion: () => 0x4a61_000a, // 10.0, build 19041
  RaiseException: raiseException,
  RtlUnwindEx: unwindEx,
  RtlUnwind: unwindEx,
  EncodePointer: (_w, a) => a.n(0),
  DecodePointer: (_w, a) => a.n(0),
  FlsAlloc: (w) => KERNEL32.TlsAlloc(w, undefined as unknown as Win64Args) as number,
  FlsGetValue: (w, a) => KERNEL32.TlsGetValue(w, a) as number,
  FlsSetValue: (w, a) => KERNEL32.TlsSetValue(w, a) as number,
  FlsFree: TRUE,
  GetLastErrorValue: (w) => w.lastError,
  lstrlenA: (w, a) => (a.n(0) ? (w.mem.readCString(a.n(0), 1 << 30)?.length ?? 0) : 0),
  lstrlenW: (w, a) => (a.n(0) ? readW(w.mem, a.n(0), 1 << 30).length : 0),
  lstrcpyA: (w, a) => {
    const b = w.mem.readCString(a.n(1), 1 << 30) ?? new Uint8Array(0);
    w.mem.write(a.n(0), b);
    w.mem.writeU8(a.n(0) + b.length, 0);
    return a.n(0);
  },
  lstrcmpA: (w, a) => Math.sign(readA(w.mem, a.n(0)).localeCompare(readA(w.mem, a.n(1)), "en")),
  lstrcmpiA: (w, a) =>
    Math.sign(
      readA(w.mem, a.n(0)).localeCompare(readA(w.mem, a.n(1)), "en", { sensitivity: "base" }),
    ),
  CloseThreadpoolWork: NOTHING,
  GetErrorMode: ZERO,
  SetErrorMode: ZERO,
  OutputDebugStringA: NOTHING,
  OutputDebugStringW: NOTHING,
  FileTimeToSystemTime: (w, a) => {
    const ft = w.mem.readBig(a.n(0));
    const ms = Number(ft / 10000n - 11644473600000n);
    const d = new Date(ms);
    const p = a.n(1);
    const f = [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDay(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ];
    f.forEach((v, i) => w.mem.writeU16(p + 2 * i, v));
    return 1;
  },
  GetSystemTime: (w, a) => {
    const d = new Date();
    const f = [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDay(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ];
    f.forEach((v, i) => w.mem.writeU16(a.n(0) + 2 * i, v));
  },
};
// GetLocalTime: the sandbox has no time zone; local time is UTC.
KERNEL32.GetLocalTime = KERNEL32.GetSystemTime;
void ERROR_ACCESS_DENIED;
