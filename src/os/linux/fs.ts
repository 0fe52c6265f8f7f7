/**
 * File system calls: open, read, write, stat, directories, links, fcntl,
 * ioctl, pipes. Every path goes through the sandbox: resolved by
 * `resolve.ts`, checked by `policy.ts`, touched only through `host.ts`.
 * @module
 */

import { PF_W } from "../../memory/address_space.ts";
import {
  hostChmod,
  hostConsoleSize,
  hostLink,
  hostMkdir,
  hostOpen,
  hostReadLink,
  hostRemove,
  hostRename,
  type HostStat,
  hostStat,
  hostSymlink,
  hostTruncate,
  hostUtime,
  isDirMode,
  isLinkMode,
  S_IFCHR,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
} from "../../sandbox/host.ts";
import { requireEntry, requireRead, requireWrite } from "../../sandbox/policy.ts";
import type { HostResolved, Resolved, VirtualResolved } from "../../sandbox/resolve.ts";
import { checkMove, decodePath } from "../../sandbox/resolve.ts";
import type { VNode } from "../../sandbox/vfs.ts";
import { guestIn, guestOut, MAX_RW_COUNT, readPathArg, type SysArgs } from "./args.ts";
import {
  EACCES,
  EBADF,
  EEXIST,
  EFAULT,
  EFBIG,
  EINVAL,
  EISDIR,
  ELOOP,
  ENOENT,
  ENOTDIR,
  ENOTTY,
  ENXIO,
  EOPNOTSUPP,
  EPERM,
  EPIPE,
  ERANGE,
  EXDEV,
  SysError,
} from "./errno.ts";
import {
  DevObj,
  hashIno,
  HostDirObj,
  HostFileObj,
  MemFileObj,
  type OpenFile,
  PathObj,
  PipeBuffer,
  PipeEnd,
  synthStat,
  VirtDirObj,
} from "./files.ts";
import {
  AT_EACCESS,
  AT_EMPTY_PATH,
  AT_FDCWD,
  AT_NO_AUTOMOUNT,
  AT_REMOVEDIR,
  AT_STATX_SYNC_TYPE,
  AT_SYMLINK_FOLLOW,
  AT_SYMLINK_NOFOLLOW,
  F_DUPFD,
  F_DUPFD_CLOEXEC,
  F_GETFD,
  F_GETFL,
  F_GETLK,
  F_GETPIPE_SZ,
  F_OFD_GETLK,
  F_OFD_SETLK,
  F_OFD_SETLKW,
  F_SETFD,
  F_SETFL,
  F_SETLK,
  F_SETLKW,
  F_SETPIPE_SZ,
  FD_CLOEXEC,
  FIOCLEX,
  FIONBIO,
  FIONCLEX,
  FIONREAD,
  O_ACCMODE,
  O_APPEND,
  O_CLOEXEC,
  O_CREAT,
  O_DIRECT,
  O_DIRECTORY,
  O_EXCL,
  O_LARGEFILE,
  O_NOCTTY,
  O_NOFOLLOW,
  O_NONBLOCK,
  O_PATH,
  O_RDONLY,
  O_RDWR,
  O_TMPFILE,
  O_TRUNC,
  O_WRONLY,
  openFlagsFromGuest,
  openFlagsToGuest,
  RENAME_EXCHANGE,
  RENAME_NOREPLACE,
  SETFL_MASK,
  TCGETS,
  TCSETS,
  TCSETSF,
  TCSETSW,
  TIOCGPGRP,
  TIOCGWINSZ,
  TIOCSPGRP,
  TIOCSWINSZ,
} from "./numbers.ts";
import type { LinuxProcess } from "./process.ts";
import { SocketObj, socketWrite } from "./net.ts";
import { flushSharedFile } from "./mm.ts";

const enc = new TextEncoder();
const SIGPIPE = 13;

// ---- helpers -------------------------------------------------------------------------

function readable(p: LinuxProcess, fd: number): OpenFile {
  const f = p.file(fd);
  if (!f.readable) throw new SysError(EBADF);
  return f;
}

function writable(p: LinuxProcess, fd: number): OpenFile {
  const f = p.file(fd);
  if (!f.writable) throw new SysError(EBADF);
  return f;
}

/** Write to a description, counting bytes that leave the sandbox against maxOutput. */
function writeOut(p: LinuxProcess, f: OpenFile, data: Uint8Array, pos = -1): number {
  let bytes = data;
  if (f.chargesOutput) {
    const allowed = p.outputAllowance(bytes.length);
    if (allowed === 0 && bytes.length > 0) throw new SysError(EFBIG);
    bytes = bytes.subarray(0, allowed);
  }
  let n: number;
  try {
    n = pos < 0 ? f.write(bytes) : f.pwrite(bytes, pos);
  } catch (e) {
    if (e instanceof SysError && e.errno === EPIPE) p.raise(SIGPIPE);
    throw e;
  }
  if (f.chargesOutput) p.outputUsed += n;
  return n;
}

function pathArg(p: LinuxProcess, addr: number): Uint8Array {
  return readPathArg(p.mem, addr);
}

/** Deny a host path the guest may not see at all (not inspected). */
function requireKnown(p: LinuxProcess, r: HostResolved, write: boolean): void {
  if (r.exists === null) {
    if (write) requireWrite(p.policy, r.path);
    requireRead(p.policy, r.path);
  }
}

/** The stat of a virtual node. */
function virtualStat(p: LinuxProcess, node: VNode): HostStat {
  const ino = hashIno(node.path);
  switch (node.kind) {
    case "dir":
      return synthStat(S_IFDIR | 0o555, { ino });
    case "file":
      return synthStat(S_IFREG | 0o444, { ino });
    case "dev":
      return synthStat(S_IFCHR | 0o666, { ino, rdev: node.rdev });
    case "link":
      return synthStat(S_IFLNK | 0o777, { ino });
    case "fdlink":
      return p.file(node.fd).stat();
  }
}

/** stat of a resolved path (following already decided by the resolution). */
function statResolved(p: LinuxProcess, r: Resolved): HostStat {
  if (r.kind === "virtual") {
    if (!r.node) throw new SysError(ENOENT);
    return virtualStat(p, r.node);
  }
  requireRead(p.policy, r.path);
  return r.stat ?? hostStat(r.path);
}

function statAt(p: LinuxProcess, dirfd: number, pathAddr: number, flags: number): HostStat {
  const path = pathArg(p, pathAddr);
  if (path.length === 0) {
    if (!(flags & AT_EMPTY_PATH)) throw new SysError(ENOENT);
    if (dirfd === AT_FDCWD) return statCwd(p);
    return p.file(dirfd).stat();
  }
  const follow = !(flags & AT_SYMLINK_NOFOLLOW);
  return statResolved(p, p.resolve(dirfd, path, { follow, allowMissing: false }));
}

function statCwd(p: LinuxProcess): HostStat {
  return statResolved(p, p.resolve(AT_FDCWD, ".", { follow: true, allowMissing: false }));
}

function splitMs(ms: number): [number, number] {
  const sec = Math.floor(ms / 1000);
  return [sec, Math.round((ms - sec * 1000) * 1e6)];
}

/** Write a struct stat in the guest's layout (generic for RISC-V/AArch64, x86-64's own). */
export function writeStat(p: LinuxProcess, addr: number, st: HostStat): void {
  const x86 = p.info.arch === "x86_64";
  const size = x86 ? 144 : 128;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  const u64 = (off: number, v: number) =>
    dv.setBigUint64(off, BigInt(Math.max(0, Math.trunc(v))), true);
  const i64 = (off: number, v: number) => dv.setBigInt64(off, BigInt(Math.trunc(v)), true);
  u64(0, st.dev);
  u64(8, st.ino);
  if (x86) {
    u64(16, st.nlink);
    dv.setUint32(24, st.mode, true);
    dv.setUint32(28, st.uid, true);
    dv.setUint32(32, st.gid, true);
    u64(40, st.rdev);
    i64(48, st.size);
    i64(56, st.blksize);
    i64(64, st.blocks);
  } else {
    dv.setUint32(16, st.mode, true);
    dv.setUint32(20, st.nlink, true);
    dv.setUint32(24, st.uid, true);
    dv.setUint32(28, st.gid, true);
    u64(32, st.rdev);
    i64(48, st.size);
    dv.setInt32(56, st.blksize, true);
    i64(64, st.blocks);
  }
  const times = [st.atimeMs, st.mtimeMs, st.ctimeMs];
  for (let i = 0; i < 3; i++) {
    const [s, ns] = splitMs(times[i]);
    i64(72 + 16 * i, s);
    u64(80 + 16 * i, ns);
  }
  p.mem.write(addr, b);
}

/** statx mask bits. */
const STATX_BASIC_STATS = 0x7ff;
const STATX_BTIME = 0x800;

function writeStatx(p: LinuxProcess, addr: number, st: HostStat): void {
  const b = new Uint8Array(256);
  const dv = new DataView(b.buffer);
  const u64 = (off: number, v: number) =>
    dv.setBigUint64(off, BigInt(Math.max(0, Math.trunc(v))), true);
  const ts = (off: number, ms: number) => {
    const [s, ns] = splitMs(ms);
    dv.setBigInt64(off, BigInt(s), true);
    dv.setUint32(off + 8, ns, true);
  };
  dv.setUint32(0, STATX_BASIC_STATS | (st.birthtimeMs !== null ? STATX_BTIME : 0), true);
  dv.setUint32(4, st.blksize, true);
  dv.setUint32(16, st.nlink, true);
  dv.setUint32(20, st.uid, true);
  dv.setUint32(24, st.gid, true);
  dv.setUint16(28, st.mode, true);
  u64(32, st.ino);
  u64(40, st.size);
  u64(48, st.blocks);
  ts(64, st.atimeMs);
  if (st.birthtimeMs !== null) ts(80, st.birthtimeMs);
  ts(96, st.ctimeMs);
  ts(112, st.mtimeMs);
  // Linux dev_t: major in bits 8..19 and 32..43, minor in bits 0..7 and 20..31.
  const major = (d: number) => ((d >>> 8) & 0xfff) | (Math.floor(d / 2 ** 32) & ~0xfff);
  const minor = (d: number) => (d & 0xff) | ((d >>> 12) & ~0xff);
  dv.setUint32(128, major(st.rdev), true);
  dv.setUint32(132, minor(st.rdev), true);
  dv.setUint32(136, major(st.dev), true);
  dv.setUint32(140, minor(st.dev), true);
  p.mem.write(addr, b);
}

// ---- open and close --------------------------------------------------------------------

/** Flags kept on the description (not the creation-only ones). */
function statusFlags(flags: number): number {
  return (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE;
}

function openVirtual(p: LinuxProcess, r: VirtualResolved, flags: number): OpenFile {
  const acc = flags & O_ACCMODE;
  const wantWrite = acc === O_WRONLY || acc === O_RDWR;
  const node = r.node;
  if (!node) throw new SysError((flags & O_CREAT) ? EACCES : ENOENT);
  if ((flags & O_CREAT) && (flags & O_EXCL)) throw new SysError(EEXIST);
  if (flags & O_PATH) return new PathObj(statusFlags(flags), node.path, true, node);
  switch (node.kind) {
    case "dir":
      if (wantWrite) throw new SysError(EISDIR);
      return new VirtDirObj(statusFlags(flags), node);
    case "file":
      if (wantWrite) throw new SysError(EACCES);
      if (flags & O_DIRECTORY) throw new SysError(ENOTDIR);
      return new MemFileObj(statusFlags(flags), node.path, node.data());
    case "dev": {
      if (flags & O_DIRECTORY) throw new SysError(ENOTDIR);
      if (node.dev === "tty") {
        const { input, output, error } = p.stdio;
        const out = output.isTerminal?.() ? output : error.isTerminal?.() ? error : null;
        if (!out && !input.isTerminal?.()) throw new SysError(ENXIO);
        return new DevObj(statusFlags(flags), "tty", node.rdev, { input, output: out ?? output });
      }
      return new DevObj(statusFlags(flags), node.dev, node.rdev);
    }
    case "link":
      throw new SysError(ELOOP);
    case "fdlink": {
      // Reopen what the descriptor refers to: a host file by its path (checked again with
      // the new flags); anything else is shared.
      const f = p.file(node.fd);
      if (f instanceof HostFileObj || f instanceof HostDirObj) {
        return openFile(p, AT_FDCWD, f.hostPath, flags, 0);
      }
      return f;
    }
  }
}

function openHost(p: LinuxProcess, r: HostResolved, flags: number, mode: number): OpenFile {
  const acc = flags & O_ACCMODE;
  const wantRead = acc === O_RDONLY || acc === O_RDWR;
  const wantWrite = acc === O_WRONLY || acc === O_RDWR;
  const sflags = statusFlags(flags);
  requireKnown(p, r, wantWrite || !!(flags & O_CREAT));
  if (r.exists === false) {
    if (r.trailingSlash) throw new SysError(EISDIR);
    requireEntry(p.policy, r.parent, r.path);
    const f = hostOpen(r.path, {
      read: wantRead,
      write: true,
      create: true,
      createNew: true,
      truncate: false,
      mode: mode & ~p.umask & 0o7777,
    });
    return new HostFileObj(sflags, f, r.path, true);
  }
  if ((flags & O_CREAT) && (flags & O_EXCL)) throw new SysError(EEXIST);
  const st = r.stat!;
  if (flags & O_PATH) {
    requireRead(p.policy, r.path);
    if ((flags & O_DIRECTORY) && !isDirMode(st.mode)) throw new SysError(ENOTDIR);
    return new PathObj(sflags, r.path, !isLinkMode(st.mode), null);
  }
  if (isLinkMode(st.mode)) throw new SysError(ELOOP);
  if (isDirMode(st.mode)) {
    if (wantWrite || (flags & O_CREAT)) throw new SysError(EISDIR);
    requireRead(p.policy, r.path);
    return new HostDirObj(sflags, r.path);
  }
  if (flags & O_DIRECTORY) throw new SysError(ENOTDIR);
  if (wantRead) requireRead(p.policy, r.path);
  // Linux truncates on O_TRUNC even when the file is opened read-only (it needs write access).
  const truncRo = !!(flags & O_TRUNC) && !wantWrite && (st.mode & S_IFMT) === S_IFREG;
  if (wantWrite || truncRo) requireWrite(p.policy, r.path);
  if (truncRo && st.size > 0) hostTruncate(r.path, 0);
  const f = hostOpen(r.path, {
    read: wantRead,
    write: wantWrite,
    create: false,
    createNew: false,
    truncate: !!(flags & O_TRUNC) && wantWrite,
    mode: 0,
  });
  return new HostFileObj(sflags, f, r.path, (st.mode & S_IFMT) === S_IFREG);
}

/**
 * O_TMPFILE: an unnamed regular file in a directory. kitemu creates it under a
 * random name and removes the name at once (so it cannot be linked in later).
 */
function openTmpfile(
  p: LinuxProcess,
  dirfd: number,
  path: Uint8Array | string,
  flags: number,
  mode: number,
): OpenFile {
  const acc = flags & O_ACCMODE;
  if (acc !== O_WRONLY && acc !== O_RDWR) throw new SysError(EINVAL);
  const r = p.resolve(dirfd, path, { follow: true, allowMissing: false });
  if (r.kind === "virtual") throw new SysError(EOPNOTSUPP);
  requireKnown(p, r, true);
  if (!isDirMode(r.stat!.mode)) throw new SysError(ENOTDIR);
  const name = `${r.path === "/" ? "" : r.path}/.kitemu-tmpfile-${crypto.randomUUID()}`;
  requireEntry(p.policy, r.path, name);
  const f = hostOpen(name, {
    read: acc === O_RDWR,
    write: true,
    create: true,
    createNew: true,
    truncate: false,
    mode: mode & ~p.umask & 0o7777,
  });
  try {
    hostRemove(name);
  } catch (e) {
    f.close();
    throw e;
  }
  return new HostFileObj(statusFlags(flags & ~O_TMPFILE), f, name, true);
}

/** Open a guest path; `flags` are generic O_* values. Returns the description. */
export function openFile(
  p: LinuxProcess,
  dirfd: number,
  path: Uint8Array | string,
  flags: number,
  mode: number,
): OpenFile {
  if ((flags & O_TMPFILE) === O_TMPFILE) return openTmpfile(p, dirfd, path, flags, mode);
  if ((flags & O_ACCMODE) === O_ACCMODE && !(flags & O_PATH)) throw new SysError(EINVAL);
  const creat = !!(flags & O_CREAT) && !(flags & O_PATH);
  const excl = creat && !!(flags & O_EXCL);
  const follow = !(flags & O_NOFOLLOW) && !excl;
  const r = p.resolve(dirfd, path, { follow, allowMissing: creat });
  return r.kind === "virtual" ? openVirtual(p, r, flags) : openHost(p, r, flags, mode);
}

function doOpen(
  p: LinuxProcess,
  dirfd: number,
  pathAddr: number,
  guestFlags: number,
  mode: number,
): number {
  const flags = openFlagsFromGuest(p.info.arch, guestFlags);
  const f = openFile(p, dirfd, pathArg(p, pathAddr), flags, mode);
  try {
    return p.allocFd(f, !!(flags & O_CLOEXEC));
  } catch (e) {
    if (f.refs === 0) f.release();
    throw e;
  }
}

/** openat(dirfd, path, flags, mode) */
export function sysOpenat(p: LinuxProcess, a: SysArgs): number {
  return doOpen(p, a.int(0), a.n(1), a.int(2), a.uint(3));
}

/** open(path, flags, mode) (x86-64) */
export function sysOpen(p: LinuxProcess, a: SysArgs): number {
  return doOpen(p, AT_FDCWD, a.n(0), a.int(1), a.uint(2));
}

/** close(fd) */
export function sysClose(p: LinuxProcess, a: SysArgs): number {
  p.closeFd(a.int(0));
  return 0;
}

// ---- read and write ----------------------------------------------------------------

function readInto(
  p: LinuxProcess,
  f: OpenFile,
  addr: number,
  count: number,
  pos: number,
): number | Promise<number> {
  const len = Math.min(count, MAX_RW_COUNT);
  if (len === 0) return 0;
  if (f instanceof HostFileObj) flushSharedFile(p, f.hostPath);
  let view: Uint8Array;
  try {
    view = guestOut(p.mem, addr, len);
  } catch (e) {
    // Linux faults on the copy, not before it: a read of a file at its end copies
    // nothing and returns 0 whatever the buffer (native x86-64 Linux does).
    if (e instanceof SysError && e.errno === EFAULT && atFileEnd(f, pos)) return 0;
    throw e;
  }
  return pos < 0 ? f.read(view) : f.pread(view, pos);
}

/** True when a regular (host or memory) file has no byte at `pos` (< 0: its offset). */
function atFileEnd(f: OpenFile, pos: number): boolean {
  if (!(f instanceof HostFileObj) && !(f instanceof MemFileObj)) return false;
  try {
    return f.pread(new Uint8Array(1), pos < 0 ? f.seek(0, 1) : pos) === 0;
  } catch {
    return false;
  }
}

/** read(fd, buf, count) */
export function sysRead(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  return readInto(p, readable(p, a.int(0)), a.n(1), a.size(2), -1);
}

/** write(fd, buf, count) */
export function sysWrite(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const f = writable(p, a.int(0));
  const len = Math.min(a.size(2), MAX_RW_COUNT);
  if (len === 0) return 0;
  if (f instanceof SocketObj) return socketWrite(p, f, guestIn(p.mem, a.n(1), len));
  return writeOut(p, f, guestIn(p.mem, a.n(1), len));
}

/** pread64(fd, buf, count, offset) */
export function sysPread(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const f = readable(p, a.int(0));
  if (a.n(3) < 0) throw new SysError(EINVAL);
  return readInto(p, f, a.n(1), a.size(2), a.n(3));
}

/** pwrite64(fd, buf, count, offset) */
export function sysPwrite(p: LinuxProcess, a: SysArgs): number {
  const f = writable(p, a.int(0));
  if (a.n(3) < 0) throw new SysError(EINVAL);
  const len = Math.min(a.size(2), MAX_RW_COUNT);
  if (len === 0) return 0;
  return writeOut(p, f, guestIn(p.mem, a.n(1), len), a.n(3));
}

function iovecs(p: LinuxProcess, addr: number, count: number): [number, number][] {
  if (count < 0 || count > 1024) throw new SysError(EINVAL);
  const out: [number, number][] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const base = p.mem.readU64(addr + 16 * i);
    let len = p.mem.readI64(addr + 16 * i + 8);
    if (len < 0) throw new SysError(EINVAL);
    len = Math.min(len, MAX_RW_COUNT - total);
    total += len;
    out.push([base, len]);
  }
  return out;
}

/** readv(fd, iov, iovcnt) */
export function sysReadv(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const f = readable(p, a.int(0));
  const iov = iovecs(p, a.n(1), a.int(2));
  let total = 0;
  for (const [base, len] of iov) {
    if (len === 0) continue;
    let r: number | Promise<number>;
    try {
      r = readInto(p, f, base, len, -1);
    } catch (e) {
      if (total > 0) return total;
      throw e;
    }
    if (typeof r !== "number") {
      const before = total;
      return r.then((n) => before + n);
    }
    total += r;
    if (r < len) break;
  }
  return total;
}

/** writev(fd, iov, iovcnt) */
export function sysWritev(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const f = writable(p, a.int(0));
  const iov = iovecs(p, a.n(1), a.int(2));
  const total = iov.reduce((s, [, len]) => s + len, 0);
  if (total === 0) return 0;
  const buf = new Uint8Array(total);
  let off = 0;
  for (const [base, len] of iov) {
    if (len === 0) continue;
    const part = guestIn(p.mem, base, len);
    buf.set(part, off);
    off += part.length;
    if (part.length < len) break;
  }
  if (off === 0) throw new SysError(EFAULT);
  if (f instanceof SocketObj) return socketWrite(p, f, buf.subarray(0, off));
  return writeOut(p, f, buf.subarray(0, off));
}

/** sendfile(out_fd, in_fd, offset_ptr, count) */
export function sysSendfile(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const out = writable(p, a.int(0));
  const inp = readable(p, a.int(1));
  const offAddr = a.n(2);
  let pos = offAddr ? p.mem.readI64(offAddr) : -1;
  if (offAddr && pos < 0) throw new SysError(EINVAL);
  const count = Math.min(a.size(3), MAX_RW_COUNT);
  const buf = new Uint8Array(Math.min(count, 1 << 16));
  let done = 0;
  const finish = (): number => {
    if (offAddr) p.mem.writeU64(offAddr, pos);
    return done;
  };
  /** Writes what was read; false when the transfer is over. */
  const consume = (want: Uint8Array, r: number): boolean => {
    if (r === 0) return false;
    const w = writeOut(p, out, want.subarray(0, r));
    done += w;
    if (pos >= 0) pos += w;
    return w === r;
  };
  try {
    while (done < count) {
      const want = buf.subarray(0, Math.min(buf.length, count - done));
      const r = pos >= 0 ? inp.pread(want, pos) : inp.read(want);
      if (typeof r !== "number") {
        // A source that must be waited for (stdin, a pipe): transfer what one read gives,
        // never dropping bytes already taken from the source.
        return r.then((n) => {
          try {
            consume(want, n);
          } catch (e) {
            if (done === 0) throw e;
          }
          return finish();
        });
      }
      if (!consume(want, r)) break;
    }
  } catch (e) {
    if (done === 0) throw e;
  }
  return finish();
}

/** lseek(fd, offset, whence) */
export function sysLseek(p: LinuxProcess, a: SysArgs): number {
  return p.file(a.int(0)).seek(a.n(1), a.int(2));
}

// ---- stat ------------------------------------------------------------------------------

/** fstat(fd, buf) */
export function sysFstat(p: LinuxProcess, a: SysArgs): number {
  writeStat(p, a.n(1), p.file(a.int(0)).stat());
  return 0;
}

/** newfstatat(dirfd, path, buf, flags) */
export function sysNewfstatat(p: LinuxProcess, a: SysArgs): number {
  const flags = a.int(3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT)) throw new SysError(EINVAL);
  writeStat(p, a.n(2), statAt(p, a.int(0), a.n(1), flags));
  return 0;
}

/** stat(path, buf) (x86-64) */
export function sysStat(p: LinuxProcess, a: SysArgs): number {
  writeStat(p, a.n(1), statAt(p, AT_FDCWD, a.n(0), 0));
  return 0;
}

/** lstat(path, buf) (x86-64) */
export function sysLstat(p: LinuxProcess, a: SysArgs): number {
  writeStat(p, a.n(1), statAt(p, AT_FDCWD, a.n(0), AT_SYMLINK_NOFOLLOW));
  return 0;
}

/** statx(dirfd, path, flags, mask, buf) */
export function sysStatx(p: LinuxProcess, a: SysArgs): number {
  const flags = a.int(2);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) {
    throw new SysError(EINVAL);
  }
  if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) throw new SysError(EINVAL);
  writeStatx(p, a.n(4), statAt(p, a.int(0), a.n(1), flags));
  return 0;
}

// ---- directories ---------------------------------------------------------------------

/** getdents64(fd, dirp, count) */
export function sysGetdents64(p: LinuxProcess, a: SysArgs): number {
  const f = p.file(a.int(0));
  if (f.dirPath() === null || f instanceof PathObj) throw new SysError(ENOTDIR);
  const count = Math.min(a.size(2), MAX_RW_COUNT);
  const addr = a.n(1);
  if (!p.mem.check(addr, Math.min(count, 1), PF_W)) throw new SysError(EFAULT);
  const out = new Uint8Array(Math.min(count, 1 << 20));
  const dv = new DataView(out.buffer);
  let off = 0;
  let refused = false;
  f.readDir((e, next) => {
    const name = enc.encode(e.name);
    const reclen = (19 + name.length + 1 + 7) & ~7;
    if (off + reclen > out.length) {
      refused = true;
      return false;
    }
    dv.setBigUint64(off, BigInt(e.ino), true);
    dv.setBigInt64(off + 8, BigInt(next), true);
    dv.setUint16(off + 16, reclen, true);
    out[off + 18] = e.type;
    out.set(name, off + 19);
    out.fill(0, off + 19 + name.length, off + reclen);
    off += reclen;
    return true;
  });
  if (off === 0 && refused) throw new SysError(EINVAL);
  p.mem.write(addr, out.subarray(0, off));
  return off;
}

/** getcwd(buf, size) */
export function sysGetcwd(p: LinuxProcess, a: SysArgs): number {
  const bytes = enc.encode(p.cwd + "\0");
  if (a.size(1) < bytes.length) throw new SysError(ERANGE);
  p.mem.write(a.n(0), bytes);
  return bytes.length;
}

function enterDir(p: LinuxProcess, r: Resolved): void {
  if (r.kind === "virtual") {
    if (!r.node) throw new SysError(ENOENT);
    if (r.node.kind === "fdlink" && r.node.hostDir) {
      p.cwd = p.cwdHost = r.node.hostDir;
      return;
    }
    if (r.node.kind !== "dir") throw new SysError(ENOTDIR);
    p.cwd = p.cwdHost = r.node.path;
    return;
  }
  requireRead(p.policy, r.path);
  const st = r.stat ?? hostStat(r.path);
  if (!isDirMode(st.mode)) throw new SysError(ENOTDIR);
  p.cwd = p.cwdHost = r.path;
}

/** chdir(path) */
export function sysChdir(p: LinuxProcess, a: SysArgs): number {
  enterDir(p, p.resolve(AT_FDCWD, pathArg(p, a.n(0)), { follow: true, allowMissing: false }));
  return 0;
}

/** fchdir(fd) */
export function sysFchdir(p: LinuxProcess, a: SysArgs): number {
  const dir = p.file(a.int(0)).dirPath();
  if (dir === null) throw new SysError(ENOTDIR);
  p.cwd = p.cwdHost = dir;
  return 0;
}

/** readlinkat(dirfd, path, buf, size) */
export function sysReadlinkat(p: LinuxProcess, a: SysArgs): number {
  return doReadlink(p, a.int(0), a.n(1), a.n(2), a.int(3));
}

/** readlink(path, buf, size) (x86-64) */
export function sysReadlink(p: LinuxProcess, a: SysArgs): number {
  return doReadlink(p, AT_FDCWD, a.n(0), a.n(1), a.int(2));
}

function doReadlink(
  p: LinuxProcess,
  dirfd: number,
  pathAddr: number,
  buf: number,
  size: number,
): number {
  if (size <= 0) throw new SysError(EINVAL);
  const path = pathArg(p, pathAddr);
  if (path.length === 0) throw new SysError(ENOENT);
  const r = p.resolve(dirfd, path, { follow: false, allowMissing: false });
  let text: string;
  if (r.kind === "virtual") {
    if (r.node?.kind === "link") text = r.node.target();
    else if (r.node?.kind === "fdlink") text = r.node.target;
    else throw new SysError(EINVAL);
  } else {
    requireRead(p.policy, r.path);
    if (!r.stat || !isLinkMode(r.stat.mode)) throw new SysError(EINVAL);
    text = hostReadLink(r.path);
  }
  const bytes = enc.encode(text).subarray(0, size);
  p.mem.write(buf, bytes);
  return bytes.length;
}

/** faccessat2(dirfd, path, mode, flags) / faccessat(dirfd, path, mode) */
export function sysFaccessat2(p: LinuxProcess, a: SysArgs): number {
  return doAccess(p, a.int(0), a.n(1), a.int(2), a.int(3));
}

/** faccessat(dirfd, path, mode) */
export function sysFaccessat(p: LinuxProcess, a: SysArgs): number {
  return doAccess(p, a.int(0), a.n(1), a.int(2), 0);
}

/** access(path, mode) (x86-64) */
export function sysAccess(p: LinuxProcess, a: SysArgs): number {
  return doAccess(p, AT_FDCWD, a.n(0), a.int(1), 0);
}

function doAccess(
  p: LinuxProcess,
  dirfd: number,
  pathAddr: number,
  mode: number,
  flags: number,
): number {
  if (mode & ~7) throw new SysError(EINVAL);
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SysError(EINVAL);
  const path = pathArg(p, pathAddr);
  let st: HostStat;
  let hostPath: string | null = null;
  if (path.length === 0) {
    if (!(flags & AT_EMPTY_PATH)) throw new SysError(ENOENT);
    st = dirfd === AT_FDCWD ? statCwd(p) : p.file(dirfd).stat();
  } else {
    const r = p.resolve(dirfd, path, {
      follow: !(flags & AT_SYMLINK_NOFOLLOW),
      allowMissing: false,
    });
    st = statResolved(p, r);
    if (r.kind === "host") hostPath = r.path;
    else if (mode & 2 && r.node?.kind !== "dev" && r.node?.kind !== "fdlink") {
      throw new SysError(EACCES);
    }
  }
  if (hostPath !== null) {
    if (mode & 4) requireRead(p.policy, hostPath);
    if (mode & 2) requireWrite(p.policy, hostPath);
  }
  // Mode bits: as a user for whom any class's bit counts (kitemu does not map host ids).
  if ((mode & 2) && !(st.mode & 0o222)) throw new SysError(EACCES);
  if ((mode & 1) && !(st.mode & 0o111)) throw new SysError(EACCES);
  return 0;
}

// ---- changing the tree -----------------------------------------------------------------

/** mkdirat(dirfd, path, mode) */
export function sysMkdirat(p: LinuxProcess, a: SysArgs): number {
  return doMkdir(p, a.int(0), a.n(1), a.uint(2));
}

/** mkdir(path, mode) (x86-64) */
export function sysMkdir(p: LinuxProcess, a: SysArgs): number {
  return doMkdir(p, AT_FDCWD, a.n(0), a.uint(1));
}

function doMkdir(p: LinuxProcess, dirfd: number, pathAddr: number, mode: number): number {
  const r = p.resolve(dirfd, pathArg(p, pathAddr), { follow: false, allowMissing: true });
  if (r.kind === "virtual") throw new SysError(r.node ? EEXIST : EACCES);
  requireKnown(p, r, true);
  if (r.exists) throw new SysError(EEXIST);
  requireEntry(p.policy, r.parent, r.path);
  hostMkdir(r.path, mode & ~p.umask & 0o7777);
  return 0;
}

/** unlinkat(dirfd, path, flags) */
export function sysUnlinkat(p: LinuxProcess, a: SysArgs): number {
  const flags = a.int(2);
  if (flags & ~AT_REMOVEDIR) throw new SysError(EINVAL);
  return doUnlink(p, a.int(0), a.n(1), !!(flags & AT_REMOVEDIR));
}

/** unlink(path) (x86-64) */
export function sysUnlink(p: LinuxProcess, a: SysArgs): number {
  return doUnlink(p, AT_FDCWD, a.n(0), false);
}

/** rmdir(path) (x86-64) */
export function sysRmdir(p: LinuxProcess, a: SysArgs): number {
  return doUnlink(p, AT_FDCWD, a.n(0), true);
}

function doUnlink(p: LinuxProcess, dirfd: number, pathAddr: number, dir: boolean): number {
  const path = pathArg(p, pathAddr);
  if (dir) {
    const text = decodePath(path).replace(/\/+$/, "");
    if (text === "." || text.endsWith("/.")) throw new SysError(EINVAL);
  }
  const r = p.resolve(dirfd, path, { follow: false, allowMissing: false });
  if (r.kind === "virtual") throw new SysError(EACCES);
  requireKnown(p, r, true);
  const st = r.stat!;
  if (dir && !isDirMode(st.mode)) throw new SysError(ENOTDIR);
  if (!dir && isDirMode(st.mode)) throw new SysError(EISDIR);
  requireEntry(p.policy, r.parent, r.path);
  hostRemove(r.path);
  return 0;
}

/** renameat2(olddirfd, oldpath, newdirfd, newpath, flags) */
export function sysRenameat2(p: LinuxProcess, a: SysArgs): number {
  return doRename(p, a.int(0), a.n(1), a.int(2), a.n(3), a.uint(4));
}

/** renameat(olddirfd, oldpath, newdirfd, newpath) */
export function sysRenameat(p: LinuxProcess, a: SysArgs): number {
  return doRename(p, a.int(0), a.n(1), a.int(2), a.n(3), 0);
}

/** rename(oldpath, newpath) (x86-64) */
export function sysRename(p: LinuxProcess, a: SysArgs): number {
  return doRename(p, AT_FDCWD, a.n(0), AT_FDCWD, a.n(1), 0);
}

function doRename(
  p: LinuxProcess,
  oldDir: number,
  oldAddr: number,
  newDir: number,
  newAddr: number,
  flags: number,
): number {
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | 4)) throw new SysError(EINVAL);
  const exchange = !!(flags & RENAME_EXCHANGE);
  if (exchange && (flags & (RENAME_NOREPLACE | 4))) throw new SysError(EINVAL);
  if (flags & 4) throw new SysError(EINVAL); // RENAME_WHITEOUT: no overlay file systems here
  const from = p.resolve(oldDir, pathArg(p, oldAddr), { follow: false, allowMissing: false });
  const to = p.resolve(newDir, pathArg(p, newAddr), { follow: false, allowMissing: !exchange });
  if (from.kind === "virtual" || to.kind === "virtual") throw new SysError(EXDEV);
  requireKnown(p, from, true);
  requireKnown(p, to, true);
  requireEntry(p.policy, from.parent, from.path);
  requireEntry(p.policy, to.parent, to.path);
  checkMove(p.policy, from.path, to.path);
  if (exchange) checkMove(p.policy, to.path, from.path);
  if (exchange) {
    // Three renames through a temporary name next to the first file (one process: no race
    // with the guest itself).
    if (from.path === to.path) return 0;
    const tmp = `${from.path}.kitemu-exchange-${crypto.randomUUID().slice(0, 8)}`;
    requireWrite(p.policy, tmp);
    hostRename(from.path, tmp);
    try {
      hostRename(to.path, from.path);
    } catch (e) {
      hostRename(tmp, from.path);
      throw e;
    }
    hostRename(tmp, to.path);
    return 0;
  }
  if (to.exists) {
    if (flags & RENAME_NOREPLACE) throw new SysError(EEXIST);
    const fromDir = isDirMode(from.stat!.mode);
    const toDir = isDirMode(to.stat!.mode);
    if (fromDir && !toDir) throw new SysError(ENOTDIR);
    if (!fromDir && toDir) throw new SysError(EISDIR);
  }
  hostRename(from.path, to.path);
  return 0;
}

/** symlinkat(target, newdirfd, linkpath) */
export function sysSymlinkat(p: LinuxProcess, a: SysArgs): number {
  return doSymlink(p, a.n(0), a.int(1), a.n(2));
}

/** symlink(target, linkpath) (x86-64) */
export function sysSymlink(p: LinuxProcess, a: SysArgs): number {
  return doSymlink(p, a.n(0), AT_FDCWD, a.n(1));
}

function doSymlink(p: LinuxProcess, targetAddr: number, dirfd: number, pathAddr: number): number {
  const target = decodePath(pathArg(p, targetAddr));
  if (target === "") throw new SysError(ENOENT);
  const r = p.resolve(dirfd, pathArg(p, pathAddr), { follow: false, allowMissing: true });
  if (r.kind === "virtual") throw new SysError(r.node ? EEXIST : EACCES);
  requireKnown(p, r, true);
  if (r.exists) throw new SysError(EEXIST);
  requireEntry(p.policy, r.parent, r.path);
  // The link text is stored as given: reading through it later is resolved and checked again.
  hostSymlink(target, r.path);
  return 0;
}

/** linkat(olddirfd, oldpath, newdirfd, newpath, flags) */
export function sysLinkat(p: LinuxProcess, a: SysArgs): number {
  const flags = a.int(4);
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) throw new SysError(EINVAL);
  return doLink(p, a.int(0), a.n(1), a.int(2), a.n(3), !!(flags & AT_SYMLINK_FOLLOW));
}

/** link(oldpath, newpath) (x86-64) */
export function sysLink(p: LinuxProcess, a: SysArgs): number {
  return doLink(p, AT_FDCWD, a.n(0), AT_FDCWD, a.n(1), false);
}

function doLink(
  p: LinuxProcess,
  oldDir: number,
  oldAddr: number,
  newDir: number,
  newAddr: number,
  follow: boolean,
): number {
  const from = p.resolve(oldDir, pathArg(p, oldAddr), { follow, allowMissing: false });
  const to = p.resolve(newDir, pathArg(p, newAddr), { follow: false, allowMissing: true });
  if (from.kind === "virtual" || to.kind === "virtual") throw new SysError(EXDEV);
  requireKnown(p, from, true);
  requireKnown(p, to, true);
  if (isDirMode(from.stat!.mode)) throw new SysError(EPERM);
  if (to.exists) throw new SysError(EEXIST);
  // A hard link is a second name for the same file: writing through the new name writes
  // the old file, so the old path must be writable too, not only the new directory.
  requireRead(p.policy, from.path);
  requireWrite(p.policy, from.path);
  requireEntry(p.policy, to.parent, to.path);
  hostLink(from.path, to.path);
  return 0;
}

function hostPathOfFd(p: LinuxProcess, fd: number): string {
  const f = p.file(fd);
  if (f instanceof HostFileObj || f instanceof HostDirObj) return f.hostPath;
  // An O_PATH descriptor cannot change its file (Linux: EBADF).
  if (f instanceof PathObj) throw new SysError(EBADF);
  throw new SysError(EPERM);
}

/** fchmodat(dirfd, path, mode) */
export function sysFchmodat(p: LinuxProcess, a: SysArgs): number {
  const r = p.resolve(a.int(0), pathArg(p, a.n(1)), { follow: true, allowMissing: false });
  if (r.kind === "virtual") throw new SysError(EPERM);
  requireKnown(p, r, true);
  requireWrite(p.policy, r.path);
  hostChmod(r.path, a.uint(2) & 0o7777);
  return 0;
}

/** fchmod(fd, mode) */
export function sysFchmod(p: LinuxProcess, a: SysArgs): number {
  const path = hostPathOfFd(p, a.int(0));
  requireWrite(p.policy, path);
  hostChmod(path, a.uint(1) & 0o7777);
  return 0;
}

/** chmod(path, mode) (x86-64) */
export function sysChmod(p: LinuxProcess, a: SysArgs): number {
  const r = p.resolve(AT_FDCWD, pathArg(p, a.n(0)), { follow: true, allowMissing: false });
  if (r.kind === "virtual") throw new SysError(EPERM);
  requireKnown(p, r, true);
  requireWrite(p.policy, r.path);
  hostChmod(r.path, a.uint(1) & 0o7777);
  return 0;
}

/** fchownat / fchown / chown / lchown: only "no change" (-1, -1) succeeds; the guest is not root. */
export function sysChownLike(pathArgIndex: number, idIndex: number) {
  return (p: LinuxProcess, a: SysArgs): number => {
    if (pathArgIndex >= 0) {
      const dirfd = pathArgIndex === 1 ? a.int(0) : AT_FDCWD;
      const r = p.resolve(dirfd, pathArg(p, a.n(pathArgIndex)), {
        follow: true,
        allowMissing: false,
      });
      if (r.kind === "host") {
        requireKnown(p, r, true);
        requireWrite(p.policy, r.path);
      }
    } else {
      p.file(a.int(0));
    }
    const uid = a.int(idIndex);
    const gid = a.int(idIndex + 1);
    return uid === -1 && gid === -1 ? 0 : -EPERM;
  };
}

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

/** utimensat(dirfd, path, times, flags) */
export function sysUtimensat(p: LinuxProcess, a: SysArgs): number {
  const flags = a.int(3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SysError(EINVAL);
  let path: string;
  let st: HostStat;
  if (a.n(1) === 0) {
    path = hostPathOfFd(p, a.int(0));
    requireWrite(p.policy, path);
    st = hostStat(path);
  } else {
    const r = p.resolve(a.int(0), pathArg(p, a.n(1)), {
      follow: !(flags & AT_SYMLINK_NOFOLLOW),
      allowMissing: false,
    });
    if (r.kind === "virtual") throw new SysError(EPERM);
    requireKnown(p, r, true);
    requireWrite(p.policy, r.path);
    if (isLinkMode(r.stat!.mode)) throw new SysError(EOPNOTSUPP);
    path = r.path;
    st = r.stat!;
  }
  const now = Date.now() / 1000;
  let at = now;
  let mt = now;
  if (a.n(2) !== 0) {
    const t = a.n(2);
    const pick = (off: number, old: number) => {
      const nsec = p.mem.readI64(t + off + 8);
      if (nsec === UTIME_NOW) return now;
      if (nsec === UTIME_OMIT) return old / 1000;
      if (nsec < 0 || nsec > 999_999_999) throw new SysError(EINVAL);
      return p.mem.readI64(t + off) + nsec / 1e9;
    };
    at = pick(0, st.atimeMs);
    mt = pick(16, st.mtimeMs);
  }
  hostUtime(path, at, mt);
  return 0;
}

/** ftruncate(fd, length) */
export function sysFtruncate(p: LinuxProcess, a: SysArgs): number {
  if (a.n(1) < 0) throw new SysError(EINVAL);
  const f = p.file(a.int(0));
  if (!f.writable || !(f instanceof HostFileObj)) throw new SysError(EINVAL);
  f.truncate(a.n(1));
  return 0;
}

/** truncate(path, length) */
export function sysTruncate(p: LinuxProcess, a: SysArgs): number {
  if (a.n(1) < 0) throw new SysError(EINVAL);
  const r = p.resolve(AT_FDCWD, pathArg(p, a.n(0)), { follow: true, allowMissing: false });
  if (r.kind === "virtual") throw new SysError(EACCES);
  requireKnown(p, r, true);
  if (isDirMode(r.stat!.mode)) throw new SysError(EISDIR);
  requireWrite(p.policy, r.path);
  hostTruncate(r.path, a.n(1));
  return 0;
}

/** fsync(fd) / fdatasync(fd) */
export function sysFsync(p: LinuxProcess, a: SysArgs): number {
  p.file(a.int(0)).sync();
  return 0;
}

// ---- descriptors -----------------------------------------------------------------------

/** dup(oldfd) */
export function sysDup(p: LinuxProcess, a: SysArgs): number {
  return p.allocFd(p.file(a.int(0)));
}

/** dup3(oldfd, newfd, flags) */
export function sysDup3(p: LinuxProcess, a: SysArgs): number {
  const flags = openFlagsFromGuest(p.info.arch, a.int(2));
  if (flags & ~O_CLOEXEC) throw new SysError(EINVAL);
  const oldfd = a.int(0);
  const newfd = a.int(1);
  if (oldfd === newfd) throw new SysError(EINVAL);
  const f = p.file(oldfd);
  if (newfd < 0 || newfd >= p.fdLimit) throw new SysError(EBADF);
  p.installFd(f, newfd, !!(flags & O_CLOEXEC));
  return newfd;
}

/** dup2(oldfd, newfd) (x86-64) */
export function sysDup2(p: LinuxProcess, a: SysArgs): number {
  const oldfd = a.int(0);
  const newfd = a.int(1);
  const f = p.file(oldfd);
  if (oldfd === newfd) return newfd;
  if (newfd < 0 || newfd >= p.fdLimit) throw new SysError(EBADF);
  p.installFd(f, newfd, false);
  return newfd;
}

/** fcntl(fd, cmd, arg) */
export function sysFcntl(p: LinuxProcess, a: SysArgs): number {
  const fd = a.int(0);
  const cmd = a.int(1);
  const e = p.getFd(fd);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      const min = a.int(2);
      if (min < 0) throw new SysError(EINVAL);
      return p.allocFd(e.file, cmd === F_DUPFD_CLOEXEC, min);
    }
    case F_GETFD:
      return e.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD:
      e.cloexec = !!(a.int(2) & FD_CLOEXEC);
      return 0;
    case F_GETFL:
      return openFlagsToGuest(p.info.arch, e.file.flags);
    case F_SETFL: {
      const want = openFlagsFromGuest(p.info.arch, a.int(2));
      e.file.flags = (e.file.flags & ~SETFL_MASK) | (want & SETFL_MASK);
      return 0;
    }
    case F_GETLK:
    case F_OFD_GETLK:
      // No other process holds locks: report the region unlocked (l_type = F_UNLCK).
      p.mem.writeU16(a.n(2), 2);
      return 0;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
      p.mem.readU16(a.n(2));
      return 0;
    case F_GETPIPE_SZ:
      if (!(e.file instanceof PipeEnd)) throw new SysError(EBADF);
      return e.file.pipe.capacity;
    case F_SETPIPE_SZ: {
      if (!(e.file instanceof PipeEnd)) throw new SysError(EBADF);
      const want = a.int(2);
      if (want < 0 || want > 1 << 20) throw new SysError(EINVAL);
      let size = 4096;
      while (size < want) size *= 2;
      if (size < e.file.pipe.size) throw new SysError(16 /* EBUSY */);
      e.file.pipe.capacity = size;
      return size;
    }
    default:
      throw new SysError(EINVAL);
  }
}

/** The termios a terminal starts with (cooked mode, 38400 baud, 8 bits, usual control keys). */
function defaultTermios(): Uint8Array {
  const t = new Uint8Array(36);
  const dv = new DataView(t.buffer);
  dv.setUint32(0, 0x500, true); // ICRNL | IXON
  dv.setUint32(4, 0x5, true); // OPOST | ONLCR
  dv.setUint32(8, 0xbf, true); // B38400 | CS8 | CREAD
  dv.setUint32(12, 0x8a3b, true); // ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN
  // c_cc: INTR QUIT ERASE KILL EOF TIME MIN SWTC START STOP SUSP EOL REPRINT DISCARD WERASE LNEXT EOL2
  t.set([3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0], 17);
  return t;
}

/** ioctl(fd, request, arg) */
export function sysIoctl(p: LinuxProcess, a: SysArgs): number {
  const e = p.getFd(a.int(0));
  const f = e.file;
  const req = a.uint(1);
  const arg = a.n(2);
  const tty = f.isTty();
  switch (req) {
    case TCGETS:
      if (!tty) throw new SysError(ENOTTY);
      p.mem.write(arg, p.termios ?? defaultTermios());
      return 0;
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
      if (!tty) throw new SysError(ENOTTY);
      p.termios = p.mem.read(arg, 36);
      return 0;
    case TIOCGWINSZ: {
      if (!tty) throw new SysError(ENOTTY);
      const size = hostConsoleSize() ?? { rows: 24, columns: 80 };
      const b = new Uint8Array(8);
      const dv = new DataView(b.buffer);
      dv.setUint16(0, size.rows, true);
      dv.setUint16(2, size.columns, true);
      p.mem.write(arg, b);
      return 0;
    }
    case TIOCSWINSZ:
      if (!tty) throw new SysError(ENOTTY);
      p.mem.read(arg, 8);
      return 0;
    case TIOCGPGRP:
      if (!tty) throw new SysError(ENOTTY);
      p.mem.writeU32(arg, p.pid);
      return 0;
    case TIOCSPGRP:
      if (!tty) throw new SysError(ENOTTY);
      p.mem.readU32(arg);
      return 0;
    case FIONREAD:
      p.mem.writeU32(arg, f.available());
      return 0;
    case FIONBIO:
      if (p.mem.readU32(arg)) f.flags |= O_NONBLOCK;
      else f.flags &= ~O_NONBLOCK;
      return 0;
    case FIOCLEX:
      e.cloexec = true;
      return 0;
    case FIONCLEX:
      e.cloexec = false;
      return 0;
    default:
      throw new SysError(ENOTTY);
  }
}

/** pipe2(fds, flags) */
export function sysPipe2(p: LinuxProcess, a: SysArgs): number {
  return doPipe(p, a.n(0), openFlagsFromGuest(p.info.arch, a.int(1)));
}

/** pipe(fds) (x86-64) */
export function sysPipe(p: LinuxProcess, a: SysArgs): number {
  return doPipe(p, a.n(0), 0);
}

function doPipe(p: LinuxProcess, addr: number, flags: number): number {
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) throw new SysError(EINVAL);
  if (!p.mem.check(addr, 8, PF_W)) throw new SysError(EFAULT);
  const pipe = new PipeBuffer();
  const st = flags & (O_NONBLOCK | O_DIRECT);
  const r = new PipeEnd(O_RDONLY | st, pipe, true);
  const w = new PipeEnd(O_WRONLY | st, pipe, false);
  const cloexec = !!(flags & O_CLOEXEC);
  const rfd = p.allocFd(r, cloexec);
  let wfd: number;
  try {
    wfd = p.allocFd(w, cloexec);
  } catch (e) {
    p.closeFd(rfd);
    w.release();
    throw e;
  }
  p.mem.writeU32(addr, rfd);
  p.mem.writeU32(addr + 4, wfd);
  return 0;
}

// ---- copying and file system information ------------------------------------------

/** copy_file_range(fd_in, off_in, fd_out, off_out, len, flags) */
export function sysCopyFileRange(p: LinuxProcess, a: SysArgs): number {
  if (a.uint(5) !== 0) throw new SysError(EINVAL);
  const inp = p.file(a.int(0));
  const out = p.file(a.int(2));
  if (!inp.readable || !out.writable || (out.flags & O_APPEND)) throw new SysError(EBADF);
  if (!(inp instanceof HostFileObj) || !(out instanceof HostFileObj)) throw new SysError(EINVAL);
  const inAddr = a.n(1);
  const outAddr = a.n(3);
  let inPos = inAddr ? p.mem.readI64(inAddr) : -1;
  let outPos = outAddr ? p.mem.readI64(outAddr) : -1;
  if ((inAddr && inPos < 0) || (outAddr && outPos < 0)) throw new SysError(EINVAL);
  const count = Math.min(a.size(4), MAX_RW_COUNT);
  const buf = new Uint8Array(Math.min(count, 1 << 16));
  let done = 0;
  while (done < count) {
    const want = buf.subarray(0, Math.min(buf.length, count - done));
    const r = inPos >= 0 ? inp.pread(want, inPos) : inp.read(want);
    if (r === 0) break;
    const w = writeOut(p, out, want.subarray(0, r), outPos);
    done += w;
    if (inPos >= 0) inPos += w;
    if (outPos >= 0) outPos += w;
    if (w < r) break;
  }
  if (inAddr) p.mem.writeU64(inAddr, inPos);
  if (outAddr) p.mem.writeU64(outAddr, outPos);
  return done;
}

/** Magic numbers of the file systems kitemu reports. */
const EXT4_SUPER_MAGIC = 0xef53;
const PROC_SUPER_MAGIC = 0x9fa0;
const TMPFS_MAGIC = 0x01021994;
const SYSFS_MAGIC = 0x62656572;

/** Write a struct statfs (the same 120-byte layout on every 64-bit ISA). Reveals no host detail. */
function writeStatfs(p: LinuxProcess, addr: number, type: number): void {
  const b = new Uint8Array(120);
  const dv = new DataView(b.buffer);
  const host = type === EXT4_SUPER_MAGIC;
  const f = [
    type,
    4096, // f_bsize
    host ? 1 << 24 : 0, // f_blocks (64 GiB)
    host ? 1 << 23 : 0, // f_bfree
    host ? 1 << 23 : 0, // f_bavail
    host ? 1 << 22 : 0, // f_files
    host ? 1 << 21 : 0, // f_ffree
    0, // f_fsid
    255, // f_namelen
    4096, // f_frsize
    0x20, // f_flags: ST_VALID
  ];
  f.forEach((v, i) => dv.setBigUint64(8 * i, BigInt(v), true));
  p.mem.write(addr, b);
}

function fsTypeOfVirtual(path: string): number {
  if (path.startsWith("/proc")) return PROC_SUPER_MAGIC;
  if (path.startsWith("/sys")) return SYSFS_MAGIC;
  return TMPFS_MAGIC;
}

/** statfs(path, buf) */
export function sysStatfs(p: LinuxProcess, a: SysArgs): number {
  const r = p.resolve(AT_FDCWD, pathArg(p, a.n(0)), { follow: true, allowMissing: false });
  if (r.kind === "virtual") {
    if (!r.node) throw new SysError(ENOENT);
    writeStatfs(p, a.n(1), fsTypeOfVirtual(r.node.path));
    return 0;
  }
  requireRead(p.policy, r.path);
  writeStatfs(p, a.n(1), EXT4_SUPER_MAGIC);
  return 0;
}

/** fstatfs(fd, buf) */
export function sysFstatfs(p: LinuxProcess, a: SysArgs): number {
  const f = p.file(a.int(0));
  const path = f.path();
  const virtual = f instanceof HostFileObj || f instanceof HostDirObj
    ? false
    : path.startsWith("/proc") || path.startsWith("/dev") || path.startsWith("/sys");
  writeStatfs(p, a.n(1), virtual ? fsTypeOfVirtual(path) : EXT4_SUPER_MAGIC);
  return 0;
}
