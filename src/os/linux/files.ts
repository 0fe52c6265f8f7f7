/**
 * Open file descriptions: what a guest file descriptor refers to. Several
 * descriptors (after dup) share one description, and with it the offset and
 * the status flags. Kinds: host files and directories, standard streams,
 * in-process pipes, emulated devices, virtual /proc files and directories,
 * and O_PATH handles.
 *
 * Methods throw {@link SysError} on failure. Buffers passed to `read` may be
 * views of guest memory: implementations fill them and return the count.
 * @module
 */

import {
  EACCES,
  EAGAIN,
  EBADF,
  EINVAL,
  EISDIR,
  ENODEV,
  ENOSPC,
  EPIPE,
  ESPIPE,
  SysError,
} from "./errno.ts";
import {
  type HostFile,
  hostLstat,
  hostReadDir,
  type HostStat,
  hostStat,
  type InputSource,
  isDirMode,
  type OutputSink,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
} from "../../sandbox/host.ts";
import type { DevKind, VDirEntry, VNode } from "../../sandbox/vfs.ts";
import { makedev } from "../../sandbox/vfs.ts";
import { O_ACCMODE, O_APPEND, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from "./numbers.ts";
import { WaitQueue } from "./waitq.ts";

/** poll(2) event bits. */
export const POLLIN = 0x1;
/** Urgent data. */
export const POLLPRI = 0x2;
/** Writable. */
export const POLLOUT = 0x4;
/** Error (always reported). */
export const POLLERR = 0x8;
/** Hang-up (always reported). */
export const POLLHUP = 0x10;
/** Not an open descriptor (always reported). */
export const POLLNVAL = 0x20;
/** Normal data readable. */
export const POLLRDNORM = 0x40;
/** Normal data writable. */
export const POLLWRNORM = 0x100;
/** The kernel's DEFAULT_POLLMASK. */
export const POLL_DEFAULT = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

/** Directory entry types (d_type). */
export const DT_UNKNOWN = 0;
/** FIFO. */
export const DT_FIFO = 1;
/** Character device. */
export const DT_CHR = 2;
/** Directory. */
export const DT_DIR = 4;
/** Regular file. */
export const DT_REG = 8;
/** Symbolic link. */
export const DT_LNK = 10;

/** One entry produced for getdents64. */
export interface DirEntry {
  ino: number;
  type: number;
  name: string;
}

let nextIno = 0x10000;
/** A fresh inode number for objects that have none on the host. */
export function freshIno(): number {
  return nextIno++;
}

/** Stable inode number for a virtual path (FNV-1a, never 0). */
export function hashIno(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) || 1;
}

const START_MS = Date.now();

/** A made-up stat for objects that are not host files. */
export function synthStat(
  mode: number,
  opts: { rdev?: number; size?: number; ino?: number } = {},
): HostStat {
  return {
    dev: makedev(0, 0x16),
    ino: opts.ino ?? 1,
    mode,
    nlink: 1,
    uid: 1000,
    gid: 1000,
    rdev: opts.rdev ?? 0,
    size: opts.size ?? 0,
    blksize: 4096,
    blocks: 0,
    atimeMs: START_MS,
    mtimeMs: START_MS,
    ctimeMs: START_MS,
    birthtimeMs: null,
  };
}

/** d_type from st_mode. */
export function dtypeOf(mode: number): number {
  return (mode & S_IFMT) >>> 12;
}

/** An open file description. */
export abstract class OpenFile {
  /** Access mode and status flags (generic O_* values). */
  flags: number;
  /** Descriptors referring to this description. */
  refs = 0;
  /** True for files whose bytes leave the sandbox (counted against maxOutput). */
  readonly chargesOutput: boolean = false;

  /** @param flags access mode and status flags */
  constructor(flags: number) {
    this.flags = flags;
  }

  /** What /proc/self/fd/N shows. */
  abstract path(): string;
  /** fstat. */
  abstract stat(): HostStat;

  /** True when the description allows reading. */
  get readable(): boolean {
    const acc = this.flags & O_ACCMODE;
    return acc === O_RDONLY || acc === O_RDWR;
  }
  /** True when the description allows writing. */
  get writable(): boolean {
    const acc = this.flags & O_ACCMODE;
    return acc === O_WRONLY || acc === O_RDWR;
  }

  /** Read into `buf` (may be guest memory); 0 at end. */
  read(_buf: Uint8Array): number | Promise<number> {
    throw new SysError(EINVAL);
  }
  /** Write `data`; returns the count. */
  write(_data: Uint8Array): number {
    throw new SysError(EINVAL);
  }
  /** Read at an offset without moving the file offset. */
  pread(_buf: Uint8Array, _pos: number): number {
    throw new SysError(ESPIPE);
  }
  /** Write at an offset without moving the file offset. */
  pwrite(_data: Uint8Array, _pos: number): number {
    throw new SysError(ESPIPE);
  }
  /** Move the offset; returns the new one. */
  seek(_off: number, _whence: number): number {
    throw new SysError(ESPIPE);
  }
  /** Directory entries from the current position, advancing it by what `take` accepts. */
  readDir(_take: (e: DirEntry, nextPos: number) => boolean): void {
    throw new SysError(EINVAL);
  }
  /** ftruncate. */
  truncate(_len: number): void {
    throw new SysError(EINVAL);
  }
  /** fsync. */
  sync(): void {
    throw new SysError(EINVAL);
  }
  /** True for a terminal. */
  isTty(): boolean {
    return false;
  }
  /** Bytes readable without waiting (FIONREAD). */
  available(): number {
    return 0;
  }
  /**
   * Readiness for poll/select as Linux POLL* bits. The default is the kernel's
   * DEFAULT_POLLMASK: files that never block are always readable and writable.
   */
  pollMask(): number {
    return POLL_DEFAULT;
  }
  /**
   * A promise that settles when the readiness may have changed (something
   * arrived from the host), or null when nothing outside the guest can change it.
   */
  readyPromise(): Promise<unknown> | null {
    return null;
  }
  /** File bytes for a private mapping: up to `len` bytes at `offset`. */
  mapBytes(_offset: number, _len: number): Uint8Array {
    throw new SysError(ENODEV);
  }
  /** The host directory this refers to, if it is one (for *at and fchdir). */
  dirPath(): string | null {
    return null;
  }
  /** Called when the last descriptor closes. */
  release(): void {}
}

/** A regular (or special) host file opened with Deno. */
export class HostFileObj extends OpenFile {
  override readonly chargesOutput = true;
  readonly #f: HostFile;
  readonly #regular: boolean;
  /** Resolved host path. */
  readonly hostPath: string;

  /**
   * @param flags access mode and status flags
   * @param f the host file
   * @param hostPath its resolved path
   * @param regular true for a regular file (reads fill the buffer)
   */
  constructor(flags: number, f: HostFile, hostPath: string, regular: boolean) {
    super(flags);
    this.#f = f;
    this.hostPath = hostPath;
    this.#regular = regular;
  }
  path(): string {
    return this.hostPath;
  }
  stat(): HostStat {
    return this.#f.stat();
  }
  override read(buf: Uint8Array): number {
    return this.#regular ? this.#f.readFull(buf) : this.#f.read(buf);
  }
  override write(data: Uint8Array): number {
    if (this.flags & O_APPEND) this.#f.seek(0, 2);
    return this.#f.write(data);
  }
  override pread(buf: Uint8Array, pos: number): number {
    if (!this.#regular) throw new SysError(ESPIPE);
    const save = this.#f.seek(0, 1);
    try {
      this.#f.seek(pos, 0);
      return this.#f.readFull(buf);
    } finally {
      this.#f.seek(save, 0);
    }
  }
  override pwrite(data: Uint8Array, pos: number): number {
    if (!this.#regular) throw new SysError(ESPIPE);
    const save = this.#f.seek(0, 1);
    try {
      this.#f.seek(pos, 0);
      return this.#f.write(data);
    } finally {
      this.#f.seek(save, 0);
    }
  }
  override seek(off: number, whence: number): number {
    if (!this.#regular) throw new SysError(ESPIPE);
    if (whence === 3 || whence === 4) {
      // SEEK_DATA / SEEK_HOLE: the whole file is data, the hole is at the end.
      const size = this.#f.stat().size;
      if (off < 0 || off >= size) throw new SysError(6 /* ENXIO */);
      return this.#f.seek(whence === 3 ? off : size, 0);
    }
    if (whence === 1) {
      const cur = this.#f.seek(0, 1);
      if (cur + off < 0) throw new SysError(EINVAL);
    } else if (whence === 2) {
      const size = this.#f.stat().size;
      if (size + off < 0) throw new SysError(EINVAL);
    } else if (whence !== 0) {
      throw new SysError(EINVAL);
    } else if (off < 0) {
      throw new SysError(EINVAL);
    }
    return this.#f.seek(off, whence as 0 | 1 | 2);
  }
  override truncate(len: number): void {
    this.#f.truncate(len);
  }
  override sync(): void {
    this.#f.sync();
  }
  override isTty(): boolean {
    return !this.#regular && this.#f.isTerminal();
  }
  override available(): number {
    if (!this.#regular) return 0;
    const pos = this.#f.seek(0, 1);
    return Math.max(0, this.#f.stat().size - pos);
  }
  override mapBytes(offset: number, len: number): Uint8Array {
    const buf = new Uint8Array(len);
    const n = this.pread(buf, offset);
    return buf.subarray(0, n);
  }
  override release(): void {
    this.#f.close();
  }
}

/** A host directory opened for reading entries. */
export class HostDirObj extends OpenFile {
  /** Resolved host path. */
  readonly hostPath: string;
  #entries: DirEntry[] | null = null;
  #pos = 0;

  /** @param flags status flags @param hostPath resolved path */
  constructor(flags: number, hostPath: string) {
    super(flags);
    this.hostPath = hostPath;
  }
  path(): string {
    return this.hostPath;
  }
  stat(): HostStat {
    return hostStat(this.hostPath);
  }
  override dirPath(): string {
    return this.hostPath;
  }
  override read(): number {
    throw new SysError(EISDIR);
  }
  override write(): number {
    throw new SysError(EBADF);
  }
  #load(): DirEntry[] {
    const self = hostStat(this.hostPath);
    const parentPath = this.hostPath === "/"
      ? "/"
      : this.hostPath.slice(0, this.hostPath.lastIndexOf("/")) || "/";
    let parentIno = self.ino;
    try {
      parentIno = hostStat(parentPath).ino;
    } catch {
      // The parent may not be readable: reuse our own inode number.
    }
    const out: DirEntry[] = [
      { ino: self.ino || 1, type: DT_DIR, name: "." },
      { ino: parentIno || 1, type: DT_DIR, name: ".." },
    ];
    for (const e of hostReadDir(this.hostPath)) {
      out.push({
        ino: e.stat?.ino || hashIno(this.hostPath + "/" + e.name),
        type: e.stat ? dtypeOf(e.stat.mode) : DT_UNKNOWN,
        name: e.name,
      });
    }
    return out;
  }
  override readDir(take: (e: DirEntry, nextPos: number) => boolean): void {
    this.#entries ??= this.#load();
    while (this.#pos < this.#entries.length) {
      if (!take(this.#entries[this.#pos], this.#pos + 1)) return;
      this.#pos++;
    }
  }
  override seek(off: number, whence: number): number {
    if (whence === 1 && off === 0) return this.#pos;
    if (whence !== 0 || off < 0) throw new SysError(EINVAL);
    if (off === 0) this.#entries = null;
    this.#pos = off;
    return off;
  }
  override sync(): void {}
}

/** A virtual directory (/proc, /dev, /sys and below). */
export class VirtDirObj extends OpenFile {
  readonly #node: VNode & { kind: "dir" };
  #entries: DirEntry[] | null = null;
  #pos = 0;

  /** @param flags status flags @param node the directory node */
  constructor(flags: number, node: VNode & { kind: "dir" }) {
    super(flags);
    this.#node = node;
  }
  path(): string {
    return this.#node.path;
  }
  stat(): HostStat {
    return synthStat(S_IFDIR | 0o555, { ino: hashIno(this.#node.path) });
  }
  override dirPath(): string {
    return this.#node.path;
  }
  override read(): number {
    throw new SysError(EISDIR);
  }
  override readDir(take: (e: DirEntry, nextPos: number) => boolean): void {
    if (!this.#entries) {
      const types: Record<VDirEntry["type"], number> = {
        dir: DT_DIR,
        file: DT_REG,
        dev: DT_CHR,
        link: DT_LNK,
      };
      const p = this.#node.path;
      const parent = p.slice(0, p.lastIndexOf("/")) || "/";
      this.#entries = [
        { ino: hashIno(p), type: DT_DIR, name: "." },
        { ino: hashIno(parent), type: DT_DIR, name: ".." },
        ...this.#node.list().map((e) => ({
          ino: hashIno(p + "/" + e.name),
          type: types[e.type],
          name: e.name,
        })),
      ];
    }
    while (this.#pos < this.#entries.length) {
      if (!take(this.#entries[this.#pos], this.#pos + 1)) return;
      this.#pos++;
    }
  }
  override seek(off: number, whence: number): number {
    if (whence === 1 && off === 0) return this.#pos;
    if (whence !== 0 || off < 0) throw new SysError(EINVAL);
    if (off === 0) this.#entries = null;
    this.#pos = off;
    return off;
  }
}

/** A snapshot of a virtual file's contents (/proc/self/maps and friends). */
export class MemFileObj extends OpenFile {
  readonly #data: Uint8Array;
  readonly #path: string;
  #pos = 0;

  /** @param flags status flags @param path its guest path @param data its bytes */
  constructor(flags: number, path: string, data: Uint8Array) {
    super(flags);
    this.#path = path;
    this.#data = data;
  }
  path(): string {
    return this.#path;
  }
  stat(): HostStat {
    // procfs reports size 0 for its files; readers go until end of file.
    return synthStat(S_IFREG | 0o444, { ino: hashIno(this.#path) });
  }
  override read(buf: Uint8Array): number {
    const n = this.pread(buf, this.#pos);
    this.#pos += n;
    return n;
  }
  override pread(buf: Uint8Array, pos: number): number {
    if (pos >= this.#data.length) return 0;
    const n = Math.min(buf.length, this.#data.length - pos);
    buf.set(this.#data.subarray(pos, pos + n));
    return n;
  }
  override write(): number {
    throw new SysError(EACCES);
  }
  override seek(off: number, whence: number): number {
    const base = whence === 0
      ? 0
      : whence === 1
      ? this.#pos
      : whence === 2
      ? this.#data.length
      : NaN;
    const to = base + off;
    if (!Number.isFinite(to) || to < 0) throw new SysError(EINVAL);
    this.#pos = to;
    return to;
  }
  override available(): number {
    return Math.max(0, this.#data.length - this.#pos);
  }
  override mapBytes(offset: number, len: number): Uint8Array {
    return this.#data.slice(offset, offset + len);
  }
}

/**
 * What standard input, output and error have in common: a name for
 * /proc/self/fd, and a stat that says character device when the host's end is
 * a terminal and pipe otherwise (with a fixed inode per stream).
 */
abstract class StdioObj extends OpenFile {
  readonly #name: string;
  readonly #ino: number;

  /** @param flags status flags @param name what /proc/self/fd shows @param ino its pipe inode */
  constructor(flags: number, name: string, ino: number) {
    super(flags);
    this.#name = name;
    this.#ino = ino;
  }
  path(): string {
    return this.#name;
  }
  stat(): HostStat {
    return this.isTty()
      ? synthStat(S_IFCHR | 0o620, { rdev: makedev(136, 0), ino: 3 })
      : synthStat(S_IFIFO | 0o600, { ino: this.#ino });
  }
  override sync(): void {}
}

/** Standard input from an {@link InputSource}. */
export class InputObj extends StdioObj {
  readonly #src: InputSource;

  /** @param flags status flags @param src the source @param name what /proc/self/fd shows */
  constructor(flags: number, src: InputSource, name: string) {
    super(flags, name, 4);
    this.#src = src;
  }
  override read(buf: Uint8Array): number | Promise<number> {
    if (buf.length === 0) return 0;
    const r = this.#src.read(buf);
    if (r instanceof Promise) return r.then((n) => n ?? 0);
    return r ?? 0;
  }
  override write(): number {
    throw new SysError(EBADF);
  }
  override isTty(): boolean {
    return this.#src.isTerminal?.() ?? false;
  }
}

/** Standard output or error to an {@link OutputSink}. */
export class OutputObj extends StdioObj {
  override readonly chargesOutput = true;
  readonly #sink: OutputSink;

  /** @param flags status flags @param sink the sink @param name what /proc/self/fd shows */
  constructor(flags: number, sink: OutputSink, name: string) {
    super(flags, name, 5);
    this.#sink = sink;
  }
  override read(): number {
    throw new SysError(EBADF);
  }
  override write(data: Uint8Array): number {
    // A copy: `data` may be a view of guest memory, and a sink may keep what it is given.
    return this.#sink.write(data.slice());
  }
  override isTty(): boolean {
    return this.#sink.isTerminal?.() ?? false;
  }
}

/** An emulated device: /dev/null, zero, full, random, urandom, tty. */
export class DevObj extends OpenFile {
  override readonly chargesOutput: boolean;
  readonly #dev: DevKind;
  readonly #rdev: number;
  readonly #tty: { input: InputSource; output: OutputSink } | null;

  /**
   * @param flags status flags
   * @param dev which device
   * @param rdev its device number
   * @param tty for /dev/tty: the terminal streams
   */
  constructor(
    flags: number,
    dev: DevKind,
    rdev: number,
    tty: { input: InputSource; output: OutputSink } | null = null,
  ) {
    super(flags);
    this.#dev = dev;
    this.#rdev = rdev;
    this.#tty = tty;
    this.chargesOutput = dev === "tty";
  }
  path(): string {
    return `/dev/${this.#dev}`;
  }
  stat(): HostStat {
    return synthStat(S_IFCHR | 0o666, { rdev: this.#rdev, ino: hashIno(this.path()) });
  }
  override read(buf: Uint8Array): number | Promise<number> {
    switch (this.#dev) {
      case "null":
        return 0;
      case "zero":
      case "full":
        buf.fill(0);
        return buf.length;
      case "random":
      case "urandom":
        fillRandom(buf);
        return buf.length;
      case "tty": {
        const r = this.#tty!.input.read(buf);
        if (r instanceof Promise) return r.then((n) => n ?? 0);
        return r ?? 0;
      }
    }
  }
  override write(data: Uint8Array): number {
    if (this.#dev === "full") throw new SysError(ENOSPC);
    if (this.#dev === "tty") return this.#tty!.output.write(data.slice());
    return data.length;
  }
  override pread(buf: Uint8Array): number {
    const r = this.read(buf);
    if (typeof r !== "number") throw new SysError(ESPIPE);
    return r;
  }
  override pwrite(data: Uint8Array): number {
    return this.write(data);
  }
  override seek(): number {
    if (this.#dev === "tty") throw new SysError(ESPIPE);
    return 0;
  }
  override isTty(): boolean {
    return this.#dev === "tty";
  }
  override sync(): void {}
  /** The device this is. */
  get dev(): DevKind {
    return this.#dev;
  }
}

/** Fill a buffer with cryptographically strong random bytes (any length). */
export function fillRandom(buf: Uint8Array): void {
  // getRandomValues refuses views of more than 65536 bytes, and views of a
  // WebAssembly.Memory buffer in some runtimes: fill a scratch array and copy.
  const scratch = new Uint8Array(Math.min(65536, buf.length));
  for (let off = 0; off < buf.length; off += 65536) {
    const n = Math.min(65536, buf.length - off);
    const part = scratch.subarray(0, n);
    crypto.getRandomValues(part);
    buf.set(part, off);
  }
}

/**
 * How a pipe operation that would block waits, set by the scheduler (mod.ts)
 * around each system call it handles for a guest task: `block` waits on
 * `wait()` and retries `attempt` (null: still blocked) until it gives a
 * result or a signal interrupts (see `sched.ts` block()); `sigpipe` raises
 * SIGPIPE at the caller. Outside a scheduler (`block` null), a read of an
 * empty pipe fails with EAGAIN, as it always did for a lone process.
 */
export const pipeWaits: {
  block:
    | ((wait: () => Promise<unknown>, attempt: () => number | null) => number | Promise<number>)
    | null;
  sigpipe: (() => void) | null;
} = { block: null, sigpipe: null };

/** The shared state of a pipe. */
export class PipeBuffer {
  /** Capacity in bytes (F_GETPIPE_SZ). */
  capacity = 65536;
  readonly #chunks: Uint8Array[] = [];
  size = 0;
  readers = 0;
  writers = 0;
  /** Inode number shared by both ends. */
  readonly ino: number = freshIno();
  /** Woken at every change: bytes in or out, an end closed. */
  readonly changed: WaitQueue = new WaitQueue();

  /** Take up to `buf.length` bytes. */
  take(buf: Uint8Array): number {
    let done = 0;
    while (done < buf.length && this.#chunks.length > 0) {
      const c = this.#chunks[0];
      const n = Math.min(c.length, buf.length - done);
      buf.set(c.subarray(0, n), done);
      done += n;
      if (n === c.length) this.#chunks.shift();
      else this.#chunks[0] = c.subarray(n);
    }
    this.size -= done;
    if (done) this.changed.wake();
    return done;
  }
  /** Append bytes (copied). */
  put(data: Uint8Array): void {
    this.#chunks.push(data.slice());
    this.size += data.length;
    this.changed.wake();
  }
}

/**
 * One end of an in-process pipe. Under the scheduler, a read of an empty
 * pipe whose write end is open waits (other guest processes run), and a
 * write to a full pipe waits for room until all is written; EOF when every
 * write end is closed, EPIPE and SIGPIPE when every read end is. Outside a
 * scheduler (a lone process in unit tests) nothing else can run, so such a
 * read fails with EAGAIN and such a write writes what fits.
 */
export class PipeEnd extends OpenFile {
  readonly #pipe: PipeBuffer;
  readonly #readEnd: boolean;

  /** @param flags status flags @param pipe the shared buffer @param readEnd which end */
  constructor(flags: number, pipe: PipeBuffer, readEnd: boolean) {
    super(flags);
    this.#pipe = pipe;
    this.#readEnd = readEnd;
    if (readEnd) pipe.readers++;
    else pipe.writers++;
  }
  path(): string {
    return `pipe:[${this.#pipe.ino}]`;
  }
  stat(): HostStat {
    return synthStat(S_IFIFO | 0o600, { ino: this.#pipe.ino, size: 0 });
  }
  /** The shared buffer. */
  get pipe(): PipeBuffer {
    return this.#pipe;
  }
  override read(buf: Uint8Array): number {
    if (!this.#readEnd) throw new SysError(EBADF);
    if (buf.length === 0) return 0;
    const pipe = this.#pipe;
    if (pipe.size === 0) {
      if (pipe.writers === 0) return 0;
      const block = pipeWaits.block;
      if (!block || (this.flags & O_NONBLOCK)) throw new SysError(EAGAIN);
      return block(
        () => pipe.changed.wait(),
        () => (pipe.size > 0 ? pipe.take(buf) : pipe.writers === 0 ? 0 : null),
      ) as number;
    }
    return pipe.take(buf);
  }
  override write(data: Uint8Array): number {
    if (this.#readEnd) throw new SysError(EBADF);
    const pipe = this.#pipe;
    if (pipe.readers === 0) throw new SysError(EPIPE);
    if (data.length === 0) return 0;
    const room = pipe.capacity - pipe.size;
    if (room >= data.length) {
      pipe.put(data);
      return data.length;
    }
    const block = pipeWaits.block;
    if (!block || (this.flags & O_NONBLOCK)) {
      if (room <= 0) throw new SysError(EAGAIN);
      pipe.put(data.subarray(0, room));
      return room;
    }
    // Blocking: write what fits, then wait for room (the result may be a Promise, which
    // the system call layer awaits like any other blocking call).
    const sigpipe = pipeWaits.sigpipe;
    let done = 0;
    return block(() => pipe.changed.wait(), () => {
      if (pipe.readers === 0) {
        if (done > 0) return done;
        sigpipe?.();
        return -EPIPE;
      }
      const n = Math.min(pipe.capacity - pipe.size, data.length - done);
      if (n > 0) {
        pipe.put(data.subarray(done, done + n));
        done += n;
      }
      return done === data.length ? done : null;
    }) as number;
  }
  override available(): number {
    return this.#readEnd ? this.#pipe.size : 0;
  }
  override pollMask(): number {
    const pipe = this.#pipe;
    if (this.#readEnd) {
      let m = pipe.size > 0 ? POLLIN | POLLRDNORM : 0;
      if (pipe.writers === 0) m |= POLLHUP;
      return m;
    }
    let m = pipe.size < pipe.capacity ? POLLOUT | POLLWRNORM : 0;
    if (pipe.readers === 0) m |= POLLERR;
    return m;
  }
  override readyPromise(): Promise<unknown> {
    return this.#pipe.changed.wait();
  }
  override release(): void {
    if (this.#readEnd) this.#pipe.readers--;
    else this.#pipe.writers--;
    this.#pipe.changed.wake();
  }
}

/** An O_PATH descriptor: usable as a dirfd, for fstat and fchdir, not for I/O. */
export class PathObj extends OpenFile {
  readonly #path: string;
  readonly #follow: boolean;
  readonly #virtual: VNode | null;

  /**
   * @param flags status flags
   * @param path host path (or virtual path)
   * @param follow stat follows a final symlink
   * @param virtual the virtual node, for virtual paths
   */
  constructor(flags: number, path: string, follow: boolean, virtual: VNode | null) {
    super(flags);
    this.#path = path;
    this.#follow = follow;
    this.#virtual = virtual;
  }
  path(): string {
    return this.#path;
  }
  stat(): HostStat {
    if (this.#virtual) {
      const v = this.#virtual;
      const ino = hashIno(v.path);
      if (v.kind === "dir") return synthStat(S_IFDIR | 0o555, { ino });
      if (v.kind === "dev") return synthStat(S_IFCHR | 0o666, { rdev: v.rdev, ino });
      if (v.kind === "file") return synthStat(S_IFREG | 0o444, { ino });
      return synthStat(S_IFLNK | 0o777, { ino });
    }
    return this.#follow ? hostStat(this.#path) : hostLstat(this.#path);
  }
  override read(): number {
    throw new SysError(EBADF);
  }
  override write(): number {
    throw new SysError(EBADF);
  }
  override dirPath(): string | null {
    if (this.#virtual) return this.#virtual.kind === "dir" ? this.#virtual.path : null;
    try {
      return isDirMode(hostStat(this.#path).mode) ? this.#path : null;
    } catch {
      return null;
    }
  }
}
