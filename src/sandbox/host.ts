/**
 * The only module that performs host I/O through `Deno.*`. Every function
 * here takes a path that the caller has already resolved (no symlinks, see
 * `resolve.ts`) and checked against the policy (see `policy.ts`); Deno's own
 * permission checks stay in force underneath as the second wall.
 *
 * Failures are thrown as {@link SysError} with Linux errno values.
 * @module
 */

import {
  EACCES,
  EADDRINUSE,
  EADDRNOTAVAIL,
  EAGAIN,
  EBADF,
  EBUSY,
  ECONNREFUSED,
  ECONNRESET,
  EEXIST,
  EINTR,
  EINVAL,
  EIO,
  EISDIR,
  ELOOP,
  ENETUNREACH,
  ENOENT,
  ENOSPC,
  ENOTCONN,
  ENOTDIR,
  ENOTEMPTY,
  EOPNOTSUPP,
  EPIPE,
  EROFS,
  ETIMEDOUT,
  EXDEV,
  SysError,
} from "./errors.ts";
import type { NetAddr } from "./policy.ts";

/** Linux errno values for Deno's `.code` strings (the host OS error names). */
const CODE_ERRNO: Record<string, number> = {
  EPERM: 1,
  ENOENT,
  EIO,
  ENXIO: 6,
  E2BIG: 7,
  EBADF,
  EAGAIN,
  ENOMEM: 12,
  EACCES,
  EBUSY,
  EEXIST,
  EXDEV,
  ENODEV: 19,
  ENOTDIR,
  EISDIR,
  EINVAL,
  ENFILE: 23,
  EMFILE: 24,
  ETXTBSY: 26,
  EFBIG: 27,
  ENOSPC,
  ESPIPE: 29,
  EROFS,
  EMLINK: 31,
  EPIPE,
  ENAMETOOLONG: 36,
  ENOTEMPTY,
  ELOOP,
  EOPNOTSUPP,
  ENOTSUP: EOPNOTSUPP,
  EDQUOT: 122,
  ETIMEDOUT,
  EINTR,
};

/** Linux errno values for Deno's error classes, when no `.code` is present. */
const NAME_ERRNO: Record<string, number> = {
  NotFound: ENOENT,
  PermissionDenied: EACCES,
  NotCapable: EACCES,
  AlreadyExists: EEXIST,
  NotADirectory: ENOTDIR,
  IsADirectory: EISDIR,
  InvalidData: EINVAL,
  BrokenPipe: EPIPE,
  WouldBlock: EAGAIN,
  Interrupted: EINTR,
  TimedOut: ETIMEDOUT,
  Busy: EBUSY,
  NotSupported: EOPNOTSUPP,
  FilesystemLoop: ELOOP,
  BadResource: EBADF,
  WriteZero: ENOSPC,
  UnexpectedEof: EIO,
};

/**
 * The Linux errno for an error thrown by a `Deno.*` call: its `.code`
 * ("ENOENT") when present, else its class name, else EIO.
 *
 * @example
 * ```ts
 * try { Deno.statSync("/nope"); } catch (e) { errnoOf(e); } // 2
 * ```
 */
export function errnoOf(e: unknown): number {
  if (e instanceof SysError) return e.errno;
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code in CODE_ERRNO) return CODE_ERRNO[code];
    if (e.name in NAME_ERRNO) return NAME_ERRNO[e.name];
    if (e instanceof Deno.errors.NotCapable) return EACCES;
  }
  return EIO;
}

/** Run a host call, turning any Deno error into a {@link SysError}. */
function host<T>(f: () => T, what: string, path: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SysError) throw e;
    const errno = errnoOf(e);
    if (e instanceof Deno.errors.NotCapable) {
      throw new SysError(EACCES, `denied by Deno: ${what} ${path}`);
    }
    throw new SysError(errno);
  }
}

/** File metadata in Linux terms. Times are milliseconds since the epoch. */
export interface HostStat {
  dev: number;
  ino: number;
  /** st_mode with the file type bits. */
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number | null;
}

/** Linux file type bits of st_mode. */
export const S_IFMT = 0o170000;
/** Socket. */
export const S_IFSOCK = 0o140000;
/** Symbolic link. */
export const S_IFLNK = 0o120000;
/** Regular file. */
export const S_IFREG = 0o100000;
/** Block device. */
export const S_IFBLK = 0o060000;
/** Directory. */
export const S_IFDIR = 0o040000;
/** Character device. */
export const S_IFCHR = 0o020000;
/** FIFO. */
export const S_IFIFO = 0o010000;

function toStat(i: Deno.FileInfo): HostStat {
  let type = 0;
  if (i.isFile) type = S_IFREG;
  else if (i.isDirectory) type = S_IFDIR;
  else if (i.isSymlink) type = S_IFLNK;
  else if (i.isFifo) type = S_IFIFO;
  else if (i.isCharDevice) type = S_IFCHR;
  else if (i.isBlockDevice) type = S_IFBLK;
  else if (i.isSocket) type = S_IFSOCK;
  const mode = i.mode ?? 0;
  const mtimeMs = i.mtime?.getTime() ?? 0;
  return {
    dev: i.dev ?? 0,
    ino: i.ino ?? 0,
    mode: (mode & S_IFMT) ? mode : (mode | type),
    nlink: i.nlink ?? 1,
    uid: i.uid ?? 0,
    gid: i.gid ?? 0,
    rdev: i.rdev ?? 0,
    size: i.size,
    blksize: i.blksize ?? 4096,
    blocks: i.blocks ?? Math.ceil(i.size / 512),
    atimeMs: i.atime?.getTime() ?? mtimeMs,
    mtimeMs,
    ctimeMs: i.ctime?.getTime() ?? mtimeMs,
    birthtimeMs: i.birthtime?.getTime() ?? null,
  };
}

/** True when st_mode says directory. */
export function isDirMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFDIR;
}
/** True when st_mode says symbolic link. */
export function isLinkMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFLNK;
}

/**
 * Checks that a path resolved earlier still leads where it did: no component
 * the guest could have changed (every one Deno lets us inspect) is now a
 * symbolic link. `final` says whether the last component is checked too.
 *
 * Paths kept in descriptors (a directory's, a file's for fchmod or futimens)
 * and the current directory were resolved when they were opened; since then
 * the guest may have renamed a directory and planted a link in its place.
 * Deno would follow that link after checking the path's text, so every
 * call here that takes such a path and follows links checks first. A component
 * Deno may not read is skipped: kitemu never lets the guest create anything
 * it cannot read (see `resolve.ts`), so a link there is the host's own.
 * A stale path fails with ENOENT, as a lookup in a removed directory does.
 */
function checkPhysical(path: string, final: boolean): void {
  const parts = path.split("/").filter((s) => s !== "");
  const n = final ? parts.length : parts.length - 1;
  let prefix = "";
  for (let i = 0; i < n; i++) {
    prefix += "/" + parts[i];
    if (Deno.permissions.querySync({ name: "read", path: prefix }).state !== "granted") continue;
    const st = host(() => Deno.lstatSync(prefix), "lstat", prefix);
    if (st.isSymlink) throw new SysError(ENOENT, `stale: ${prefix} is now a symbolic link`);
  }
}

/**
 * lstat(2) of one component during resolution: `path` is a directory the
 * caller has just walked, component by component, plus one name. Only
 * `resolve.ts` uses this; everyone else uses {@link hostLstat}.
 */
export function hostLstatStep(path: string): HostStat {
  return host(() => toStat(Deno.lstatSync(path)), "lstat", path);
}

/** lstat(2) of a resolved host path (its directories are checked again first). */
export function hostLstat(path: string): HostStat {
  checkPhysical(path, false);
  return host(() => toStat(Deno.lstatSync(path)), "lstat", path);
}

/** stat(2) of a resolved host path (checked again first: no component may now be a link). */
export function hostStat(path: string): HostStat {
  checkPhysical(path, true);
  return host(() => toStat(Deno.statSync(path)), "stat", path);
}

/** The target text of a symbolic link. */
export function hostReadLink(path: string): string {
  return host(() => Deno.readLinkSync(path), "readlink", path);
}

/** One directory entry: its name and its lstat metadata (null if that failed). */
export interface HostDirEntry {
  name: string;
  stat: HostStat | null;
}

/** The entries of a directory (without "." and ".."), each with its lstat. */
export function hostReadDir(path: string): HostDirEntry[] {
  checkPhysical(path, true);
  return host(
    () => {
      const out: HostDirEntry[] = [];
      const lossy = new Set<string>();
      for (const e of Deno.readDirSync(path)) {
        // Several names that are not UTF-8 may all come out as the same text, and that text
        // may also be a real name: list it once, as the file it really opens.
        if (e.name.includes("\uFFFD")) {
          if (lossy.has(e.name)) continue;
          lossy.add(e.name);
        }
        let stat: HostStat | null = null;
        try {
          stat = toStat(Deno.lstatSync(path === "/" ? "/" + e.name : path + "/" + e.name));
        } catch (err) {
          // A name that is not UTF-8 reaches us with U+FFFD in place of its bad bytes, and
          // then names nothing (or, worse, another file). Such entries are left out: two host
          // names never collapse into one guest name.
          if (e.name.includes("\uFFFD") && err instanceof Deno.errors.NotFound) continue;
          stat = null;
        }
        out.push({ name: e.name, stat });
      }
      return out;
    },
    "readdir",
    path,
  );
}

/** Options for {@link hostOpen}. */
export interface HostOpenOptions {
  read: boolean;
  write: boolean;
  create: boolean;
  createNew: boolean;
  truncate: boolean;
  /** Permission bits for a created file (umask already applied). */
  mode: number;
}

/** Whence values of {@link HostFile.seek} (Linux SEEK_SET, SEEK_CUR, SEEK_END). */
export type Whence = 0 | 1 | 2;

/** An open host file. */
export class HostFile {
  readonly #f: Deno.FsFile;
  readonly #path: string;
  #closed = false;

  /** @param f the Deno file @param path its resolved host path */
  constructor(f: Deno.FsFile, path: string) {
    this.#f = f;
    this.#path = path;
  }

  /** Read at the current offset; 0 at end of file. */
  read(buf: Uint8Array): number {
    return host(() => this.#f.readSync(buf) ?? 0, "read", this.#path);
  }

  /** Read until `buf` is full or end of file. */
  readFull(buf: Uint8Array): number {
    let done = 0;
    while (done < buf.length) {
      const n = this.read(buf.subarray(done));
      if (n <= 0) break;
      done += n;
    }
    return done;
  }

  /** Write all of `data` at the current offset; returns the byte count. */
  write(data: Uint8Array): number {
    return host(
      () => {
        let done = 0;
        while (done < data.length) {
          const n = this.#f.writeSync(data.subarray(done));
          if (n <= 0) break;
          done += n;
        }
        return done;
      },
      "write",
      this.#path,
    );
  }

  /** Move the offset; returns the new offset. */
  seek(offset: number, whence: Whence): number {
    const mode = whence === 0
      ? Deno.SeekMode.Start
      : whence === 1
      ? Deno.SeekMode.Current
      : Deno.SeekMode.End;
    return host(() => this.#f.seekSync(offset, mode), "seek", this.#path);
  }

  /** fstat(2). */
  stat(): HostStat {
    return host(() => toStat(this.#f.statSync()), "fstat", this.#path);
  }

  /** ftruncate(2). */
  truncate(len: number): void {
    host(() => this.#f.truncateSync(len), "truncate", this.#path);
  }

  /** fsync(2). */
  sync(): void {
    host(() => this.#f.syncSync(), "fsync", this.#path);
  }

  /** fdatasync(2). */
  syncData(): void {
    host(() => this.#f.syncDataSync(), "fdatasync", this.#path);
  }

  /** True when the file is a terminal. */
  isTerminal(): boolean {
    try {
      return this.#f.isTerminal();
    } catch {
      return false;
    }
  }

  /** Close the file (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#f.close();
    } catch {
      // Already closed by the host: nothing to do.
    }
  }
}

/** open(2) of a resolved host path. */
export function hostOpen(path: string, o: HostOpenOptions): HostFile {
  return host(
    () => {
      const f = Deno.openSync(path, {
        read: o.read,
        write: o.write,
        create: o.create && !o.createNew,
        createNew: o.createNew,
        truncate: o.truncate && o.write,
        mode: o.mode,
      });
      return new HostFile(f, path);
    },
    o.write ? "write" : "read",
    path,
  );
}

/** mkdir(2). */
export function hostMkdir(path: string, mode: number): void {
  host(() => Deno.mkdirSync(path, { mode }), "mkdir", path);
}

/** unlink(2) or rmdir(2) (the entry's kind decides). */
export function hostRemove(path: string): void {
  host(() => Deno.removeSync(path), "remove", path);
}

/** rename(2). */
export function hostRename(from: string, to: string): void {
  host(() => Deno.renameSync(from, to), "rename", from);
}

/** truncate(2). */
export function hostTruncate(path: string, len: number): void {
  checkPhysical(path, true);
  host(() => Deno.truncateSync(path, len), "truncate", path);
}

/** symlink(2): create `path` holding the text `target`. */
export function hostSymlink(target: string, path: string): void {
  host(() => Deno.symlinkSync(target, path), "symlink", path);
}

/** link(2). */
export function hostLink(from: string, to: string): void {
  host(() => Deno.linkSync(from, to), "link", from);
}

/** chmod(2). */
export function hostChmod(path: string, mode: number): void {
  checkPhysical(path, true);
  host(() => Deno.chmodSync(path, mode), "chmod", path);
}

/** utimes: times in seconds since the epoch (fractions allowed). */
export function hostUtime(path: string, atime: number, mtime: number): void {
  checkPhysical(path, true);
  host(() => Deno.utimeSync(path, atime, mtime), "utime", path);
}

/** realpath(3). */
export function hostRealPath(path: string): string {
  return host(() => Deno.realPathSync(path), "realpath", path);
}

/** The host's current directory, or "/" when Deno will not say. */
export function hostCwd(): string {
  try {
    return Deno.cwd();
  } catch {
    return "/";
  }
}

// ---- standard streams -------------------------------------------------------

/** Where guest output goes: returns the number of bytes taken. */
export interface OutputSink {
  write(bytes: Uint8Array): number;
  /** True when the sink is a terminal (for isatty and TCGETS). */
  isTerminal?(): boolean;
}

/** Where guest input comes from: bytes read, or null (or 0) at end of input. */
export interface InputSource {
  read(buf: Uint8Array): number | null | Promise<number | null>;
  /** True when the source is a terminal. */
  isTerminal?(): boolean;
}

function writeAll(w: { writeSync(p: Uint8Array): number }, bytes: Uint8Array): number {
  let done = 0;
  while (done < bytes.length) {
    const n = w.writeSync(bytes.subarray(done));
    if (n <= 0) break;
    done += n;
  }
  return done;
}

function isTty(s: { isTerminal(): boolean }): boolean {
  try {
    return s.isTerminal();
  } catch {
    return false;
  }
}

/** The host's standard output as a sink. */
export const hostStdout: OutputSink = {
  write: (bytes) => host(() => writeAll(Deno.stdout, bytes), "write", "stdout"),
  isTerminal: () => isTty(Deno.stdout),
};

/** The host's standard error as a sink. */
export const hostStderr: OutputSink = {
  write: (bytes) => host(() => writeAll(Deno.stderr, bytes), "write", "stderr"),
  isTerminal: () => isTty(Deno.stderr),
};

/**
 * The host's standard input. Reads are asynchronous so that a waiting guest
 * does not block Deno's event loop (timers, other I/O).
 */
export const hostStdin: InputSource = {
  read: async (buf) => {
    try {
      return await Deno.stdin.read(buf);
    } catch (e) {
      throw new SysError(errnoOf(e));
    }
  },
  isTerminal: () => isTty(Deno.stdin),
};

/** The terminal size, or null when there is no terminal. */
export function hostConsoleSize(): { columns: number; rows: number } | null {
  try {
    return Deno.consoleSize();
  } catch {
    return null;
  }
}

/**
 * Read a whole host file: the program the user named on kitemu's command line (trusted
 * input, checked against --allow-read by the caller). Guest paths never come here.
 */
export function hostReadProgram(path: string): Uint8Array {
  return Deno.readFileSync(path);
}

// ---- network ---------------------------------------------------------------------------

const NET_ERRNO: Record<string, number> = {
  ConnectionRefused: ECONNREFUSED,
  ConnectionReset: ECONNRESET,
  ConnectionAborted: ECONNRESET,
  NotConnected: ENOTCONN,
  AddrInUse: EADDRINUSE,
  AddrNotAvailable: EADDRNOTAVAIL,
  BrokenPipe: EPIPE,
  TimedOut: ETIMEDOUT,
  NotCapable: EACCES,
  PermissionDenied: EACCES,
};

const NET_CODE_ERRNO: Record<string, number> = {
  ECONNREFUSED,
  ECONNRESET,
  ENOTCONN,
  EADDRINUSE,
  EADDRNOTAVAIL,
  EPIPE,
  ETIMEDOUT,
  ENETUNREACH,
};

/** The Linux errno for an error from a Deno network call. */
export function netErrno(e: unknown): number {
  if (e instanceof SysError) return e.errno;
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code in NET_CODE_ERRNO) return NET_CODE_ERRNO[code];
    if (e.name in NET_ERRNO) return NET_ERRNO[e.name];
    if (e instanceof Deno.errors.BadResource) return ENOTCONN;
  }
  return errnoOf(e);
}

/** A listening TCP socket. */
export type HostListener = Deno.TcpListener;
/** A connected TCP stream. */
export type HostConn = Deno.TcpConn;

/** listen(2) on a granted address (the caller checked it). Port 0 picks a free port. */
export function hostListen(a: NetAddr): HostListener {
  try {
    return Deno.listen({ hostname: a.host, port: a.port, transport: "tcp" });
  } catch (e) {
    throw new SysError(netErrno(e));
  }
}

/** connect(2) to a granted address (the caller checked it). */
export async function hostConnect(a: NetAddr): Promise<HostConn> {
  try {
    return await Deno.connect({ hostname: a.host, port: a.port, transport: "tcp" });
  } catch (e) {
    throw new SysError(netErrno(e));
  }
}

/** The numeric address of a Deno network address. */
export function fromDenoAddr(addr: Deno.Addr): NetAddr {
  if (addr.transport !== "tcp" && addr.transport !== "udp") throw new SysError(EINVAL);
  return { host: addr.hostname, port: addr.port };
}
