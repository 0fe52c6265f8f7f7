/**
 * TCP sockets for AF_INET and AF_INET6, mapped onto Deno's listeners and
 * connections (through `src/sandbox/host.ts`). Every address the guest binds or
 * connects to is numeric and checked against `--allow-net` (EACCES without
 * the grant). A call that has to wait (connect, accept, recv on an empty
 * socket) returns a Promise; with O_NONBLOCK it fails with EAGAIN or
 * EINPROGRESS instead and the work continues in the background, visible
 * to poll/select.
 *
 * A send returns once the host has taken the bytes (a Promise); a plain
 * `write` through a description (sendfile) only queues them.
 * @module
 */

import { guestIn, guestOut, MAX_RW_COUNT, type SysArgs } from "./args.ts";
import {
  EAFNOSUPPORT,
  EAGAIN,
  EALREADY,
  EFAULT,
  EINPROGRESS,
  EINVAL,
  EISCONN,
  ENOPROTOOPT,
  ENOTCONN,
  ENOTSOCK,
  EOPNOTSUPP,
  EPIPE,
  EPROTONOSUPPORT,
  ESOCKTNOSUPPORT,
  SysError,
} from "./errno.ts";
import { type HostStat, S_IFSOCK } from "../../sandbox/host.ts";
import {
  freshIno,
  OpenFile,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLOUT,
  POLLRDNORM,
  POLLWRNORM,
  synthStat,
} from "./files.ts";
import {
  fromDenoAddr,
  type HostConn,
  hostConnect,
  hostListen,
  type HostListener,
  netErrno,
} from "../../sandbox/host.ts";
import { type NetAddr, requireNet } from "../../sandbox/policy.ts";
import { O_NONBLOCK, O_RDWR } from "./numbers.ts";
import type { LinuxProcess } from "./process.ts";

/** Address families. */
export const AF_INET = 2;
/** IPv6. */
export const AF_INET6 = 10;
const SOCK_STREAM = 1;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const IPPROTO_TCP = 6;

const SOL_SOCKET = 1;
const SO_TYPE = 3;
const SO_ERROR = 4;
const SO_ACCEPTCONN = 30;
const SO_PROTOCOL = 38;
const SO_DOMAIN = 39;
const SO_LINGER = 13;
const SO_RCVTIMEO = 20;
const SO_SNDTIMEO = 21;
const TCP_NODELAY = 1;
const IPPROTO_IPV6 = 41;
const IPV6_V6ONLY = 26;

const MSG_PEEK = 0x2;
const MSG_DONTWAIT = 0x40;
const MSG_WAITALL = 0x100;
const MSG_NOSIGNAL = 0x4000;

const SIGPIPE = 13;

/** Socket options kept as plain integers (SOL_SOCKET unless noted), with their defaults. */
const INT_OPTS: Record<string, number> = {
  [`${SOL_SOCKET}:2`]: 0, // SO_REUSEADDR
  [`${SOL_SOCKET}:9`]: 0, // SO_KEEPALIVE
  [`${SOL_SOCKET}:15`]: 0, // SO_REUSEPORT
  [`${SOL_SOCKET}:7`]: 16384, // SO_SNDBUF
  [`${SOL_SOCKET}:8`]: 131072, // SO_RCVBUF
  [`${SOL_SOCKET}:6`]: 0, // SO_BROADCAST
  [`${SOL_SOCKET}:10`]: 0, // SO_OOBINLINE
  [`${IPPROTO_TCP}:${TCP_NODELAY}`]: 0,
  [`${IPPROTO_TCP}:2`]: 536, // TCP_MAXSEG
  [`${IPPROTO_TCP}:4`]: 7200, // TCP_KEEPIDLE
  [`${IPPROTO_TCP}:5`]: 75, // TCP_KEEPINTVL
  [`${IPPROTO_TCP}:6`]: 9, // TCP_KEEPCNT
  [`${IPPROTO_IPV6}:${IPV6_V6ONLY}`]: 0,
};

// ---- addresses ---------------------------------------------------------------------------

function ipv6Text(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  // IPv4-mapped addresses in the usual mixed notation.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  }
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return hex.slice(0, best).join(":") + "::" + hex.slice(best + bestLen).join(":");
}

function parseIpv6(text: string): Uint8Array {
  const out = new Uint8Array(16);
  let s = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = s.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  const tail: number[] = [];
  if (v4) {
    const n = v4.slice(1).map(Number);
    tail.push((n[0] << 8) | n[1], (n[2] << 8) | n[3]);
    s = s.slice(0, s.length - v4[0].length).replace(/:$/, ":0").replace(/:0$/, "");
    if (s.endsWith(":")) s = s.slice(0, -1);
  }
  const [head, rest] = s.includes("::") ? s.split("::") : [s, null];
  const h = head ? head.split(":").filter((x) => x !== "").map((x) => parseInt(x, 16)) : [];
  const r = rest ? rest.split(":").filter((x) => x !== "").map((x) => parseInt(x, 16)) : [];
  const fill = 8 - h.length - r.length - tail.length;
  const groups = [...h, ...Array(Math.max(0, rest === null ? 0 : fill)).fill(0), ...r, ...tail];
  groups.slice(0, 8).forEach((g, i) => {
    out[2 * i] = (g >> 8) & 0xff;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Read a sockaddr of the socket's family from guest memory. */
function readSockaddr(p: LinuxProcess, family: number, addr: number, len: number): NetAddr {
  if (addr === 0) throw new SysError(EFAULT);
  if (len < 2) throw new SysError(EINVAL);
  const fam = p.mem.readU16(addr);
  if (fam !== family) throw new SysError(EAFNOSUPPORT);
  if (family === AF_INET) {
    if (len < 16) throw new SysError(EINVAL);
    const b = p.mem.read(addr, 8);
    return { host: `${b[4]}.${b[5]}.${b[6]}.${b[7]}`, port: (b[2] << 8) | b[3] };
  }
  if (len < 24) throw new SysError(EINVAL);
  const b = p.mem.read(addr, 24);
  return { host: ipv6Text(b.subarray(8, 24)), port: (b[2] << 8) | b[3] };
}

/** Encode a sockaddr for `a` in the socket's family. */
function sockaddrBytes(family: number, a: NetAddr): Uint8Array {
  if (family === AF_INET) {
    const b = new Uint8Array(16);
    b[0] = AF_INET;
    b[2] = a.port >> 8;
    b[3] = a.port & 0xff;
    const parts = a.host.replace(/^::ffff:/, "").split(".").map(Number);
    if (parts.length === 4) b.set(parts, 4);
    return b;
  }
  const b = new Uint8Array(28);
  b[0] = AF_INET6;
  b[2] = a.port >> 8;
  b[3] = a.port & 0xff;
  b.set(a.host.includes(":") ? parseIpv6(a.host) : parseIpv6(`::ffff:${a.host}`), 8);
  return b;
}

/** Store a sockaddr through (addr, addrlen*) value-result arguments; addr 0 means "not wanted". */
function writeSockaddr(p: LinuxProcess, addr: number, lenAddr: number, bytes: Uint8Array): void {
  if (addr === 0) return;
  if (lenAddr === 0) throw new SysError(EFAULT);
  const room = p.mem.readI32(lenAddr);
  if (room < 0) throw new SysError(EINVAL);
  p.mem.write(addr, bytes.subarray(0, Math.min(room, bytes.length)));
  p.mem.writeU32(lenAddr, bytes.length);
}

// ---- the socket description -----------------------------------------------------------------

type State = "new" | "bound" | "listening" | "connecting" | "connected";

/** A guest TCP socket. */
export class SocketObj extends OpenFile {
  readonly family: number;
  readonly #ino = freshIno();
  state: State = "new";
  /** Where it is bound (after bind, or from the host once listening/connected). */
  local: NetAddr | null = null;
  peer: NetAddr | null = null;
  #listener: HostListener | null = null;
  #conn: HostConn | null = null;
  /** Pending error for SO_ERROR (a failed non-blocking connect). */
  soError = 0;
  #connecting: Promise<void> | null = null;
  /** A non-blocking connect finished and no connect call has said so yet. */
  #unreported = false;
  #accepting: Promise<void> | null = null;
  readonly #acceptQueue: HostConn[] = [];
  #reading: Promise<void> | null = null;
  readonly #rx: Uint8Array[] = [];
  #rxSize = 0;
  #rxEof = false;
  #rxError = 0;
  #writeChain: Promise<void> = Promise.resolve();
  #writeError = 0;
  #shutRd = false;
  #shutWr = false;
  readonly opts: Map<string, number> = new Map();
  readonly opaqueOpts: Map<string, Uint8Array> = new Map();

  /** @param flags status flags @param family AF_INET or AF_INET6 */
  constructor(flags: number, family: number) {
    super(flags);
    this.family = family;
  }

  path(): string {
    return `socket:[${this.#ino}]`;
  }
  stat(): HostStat {
    return synthStat(S_IFSOCK | 0o777, { ino: this.#ino });
  }
  get nonblocking(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }

  // ---- setting up ----

  bind(a: NetAddr): void {
    if (this.state !== "new") throw new SysError(EINVAL);
    requireNet(a);
    // Deno binds and listens in one step: the port is taken now, as Linux's bind does.
    this.#listener = hostListen(a);
    this.local = fromDenoAddr(this.#listener.addr);
    this.state = "bound";
  }

  listen(): void {
    if (this.state === "listening") return;
    if (this.state === "connected" || this.state === "connecting") throw new SysError(EINVAL);
    if (this.state === "new") {
      const any: NetAddr = { host: this.family === AF_INET ? "0.0.0.0" : "::", port: 0 };
      this.bind(any);
    }
    this.state = "listening";
  }

  /** Start (or join) the background accept; settles when a connection is queued. */
  #startAccept(): Promise<void> {
    if (!this.#accepting) {
      this.#accepting = this.#listener!.accept().then(
        (c) => {
          this.#acceptQueue.push(c);
          this.#accepting = null;
        },
        (e) => {
          this.soError = netErrno(e);
          this.#accepting = null;
        },
      );
    }
    return this.#accepting;
  }

  /** A queued connection, a Promise of one, or EAGAIN. */
  accept(): SocketObj | Promise<SocketObj> {
    if (this.state !== "listening") throw new SysError(EINVAL);
    const c = this.#acceptQueue.shift();
    if (c) return this.#wrap(c);
    const wait = this.#startAccept();
    if (this.nonblocking) throw new SysError(EAGAIN);
    return wait.then(() => this.accept());
  }

  #wrap(c: HostConn): SocketObj {
    const s = new SocketObj(O_RDWR, this.family);
    s.#attach(c);
    return s;
  }

  #attach(c: HostConn): void {
    this.#conn = c;
    this.state = "connected";
    this.local = fromDenoAddr(c.localAddr);
    this.peer = fromDenoAddr(c.remoteAddr);
    const nodelay = this.opts.get(`${IPPROTO_TCP}:${TCP_NODELAY}`);
    if (nodelay) c.setNoDelay(true);
  }

  connect(a: NetAddr): number | Promise<number> {
    if (this.state === "connected" && this.#unreported) {
      // The first connect after a non-blocking one completed reports that success.
      this.#unreported = false;
      return 0;
    }
    if (this.state === "connected") throw new SysError(EISCONN);
    if (this.state === "connecting") throw new SysError(EALREADY);
    if (this.state === "listening") throw new SysError(EISCONN);
    requireNet(a);
    if (this.#listener) {
      // Deno cannot connect from a chosen local address: give the bound port back.
      this.#listener.close();
      this.#listener = null;
    }
    this.state = "connecting";
    const done = hostConnect(a).then(
      (c) => {
        this.#attach(c);
        this.#connecting = null;
      },
      (e) => {
        this.state = "new";
        this.soError = netErrno(e);
        this.#connecting = null;
      },
    );
    this.#connecting = done;
    if (this.nonblocking) {
      this.#unreported = true;
      throw new SysError(EINPROGRESS);
    }
    return done.then(() => {
      if (this.state !== "connected") {
        const err = this.soError;
        this.soError = 0;
        throw new SysError(err);
      }
      return 0;
    });
  }

  // ---- data ----

  #startRead(): Promise<void> {
    if (!this.#reading) {
      const buf = new Uint8Array(65536);
      this.#reading = this.#conn!.read(buf).then(
        (n) => {
          if (n === null) this.#rxEof = true;
          else if (n > 0) {
            this.#rx.push(buf.slice(0, n));
            this.#rxSize += n;
          }
          this.#reading = null;
        },
        (e) => {
          this.#rxError = netErrno(e);
          this.#reading = null;
        },
      );
    }
    return this.#reading;
  }

  #take(buf: Uint8Array, peek: boolean): number {
    let done = 0;
    for (let i = 0; i < this.#rx.length && done < buf.length; i++) {
      const c = this.#rx[i];
      const n = Math.min(c.length, buf.length - done);
      buf.set(c.subarray(0, n), done);
      done += n;
    }
    if (peek) return done;
    let left = done;
    while (left > 0) {
      const c = this.#rx[0];
      if (c.length <= left) {
        left -= c.length;
        this.#rx.shift();
      } else {
        this.#rx[0] = c.subarray(left);
        left = 0;
      }
    }
    this.#rxSize -= done;
    return done;
  }

  /** recv: data, 0 at end of stream, a Promise when it must wait, or EAGAIN. */
  recv(buf: Uint8Array, flags: number): number | Promise<number> {
    if (this.state !== "connected") throw new SysError(ENOTCONN);
    if (buf.length === 0) return 0;
    const waitall = (flags & MSG_WAITALL) !== 0 && !(flags & MSG_PEEK);
    if (this.#rxSize > 0 && (!waitall || this.#rxSize >= buf.length || this.#rxEof)) {
      return this.#take(buf, (flags & MSG_PEEK) !== 0);
    }
    if (this.#rxEof || this.#shutRd) return this.#take(buf, (flags & MSG_PEEK) !== 0);
    if (this.#rxError) {
      const e = this.#rxError;
      this.#rxError = 0;
      throw new SysError(e);
    }
    const wait = this.#startRead();
    if (this.nonblocking || (flags & MSG_DONTWAIT)) {
      if (this.#rxSize > 0) return this.#take(buf, (flags & MSG_PEEK) !== 0);
      throw new SysError(EAGAIN);
    }
    return wait.then(() => this.recv(buf, flags));
  }

  /** send: queue the bytes for the host (copied); returns the count. EPIPE when it cannot. */
  send(data: Uint8Array): number {
    if (this.state !== "connected" || this.#shutWr) throw new SysError(EPIPE);
    if (this.#writeError) throw new SysError(this.#writeError);
    const copy = data.slice();
    const conn = this.#conn!;
    this.#writeChain = this.#writeChain.then(async () => {
      try {
        let off = 0;
        while (off < copy.length) off += await conn.write(copy.subarray(off));
      } catch (e) {
        this.#writeError ||= netErrno(e);
      }
    });
    return copy.length;
  }

  /** Settles once queued sends have reached the host. */
  drained(): Promise<void> {
    return this.#writeChain;
  }

  /** The error of a failed send (then cleared), or 0. */
  takeWriteError(): number {
    const e = this.#writeError;
    if (e !== EPIPE) this.#writeError = 0;
    return e;
  }

  shutdown(how: number): void {
    if (how < 0 || how > 2) throw new SysError(EINVAL);
    if (this.state !== "connected") throw new SysError(ENOTCONN);
    if (how === 0 || how === 2) this.#shutRd = true;
    if ((how === 1 || how === 2) && !this.#shutWr) {
      this.#shutWr = true;
      const conn = this.#conn!;
      this.#writeChain = this.#writeChain.then(() => conn.closeWrite().catch(() => {}));
    }
  }

  setNoDelay(on: boolean): void {
    this.#conn?.setNoDelay(on);
  }

  // ---- OpenFile ----

  override read(buf: Uint8Array): number | Promise<number> {
    return this.recv(buf, 0);
  }
  override write(data: Uint8Array): number {
    return this.send(data);
  }
  override available(): number {
    return this.#rxSize;
  }
  override pollMask(): number {
    let m = 0;
    if (this.state === "listening") {
      if (this.#acceptQueue.length > 0) m |= POLLIN | POLLRDNORM;
      else this.#startAccept();
      return m;
    }
    if (this.state === "connecting") return 0;
    // Never connected (TCP_CLOSE): writable and hung up, as tcp_poll says.
    if (this.state !== "connected") {
      return POLLOUT | POLLWRNORM | POLLHUP | (this.soError ? POLLERR : 0);
    }
    if (this.#rxSize > 0 || this.#rxEof || this.#shutRd) m |= POLLIN | POLLRDNORM;
    else if (!this.#rxError) this.#startRead();
    if (this.#rxError || this.#writeError) m |= POLLERR;
    if (!this.#shutWr) m |= POLLOUT | POLLWRNORM;
    if (this.#rxEof && this.#shutWr) m |= POLLHUP;
    return m;
  }
  override readyPromise(): Promise<unknown> | null {
    if (this.state === "listening") return this.#startAccept();
    if (this.state === "connecting") return this.#connecting;
    if (this.state === "connected" && !this.#rxEof && !this.#rxError && this.#rxSize === 0) {
      return this.#startRead();
    }
    return null;
  }
  override release(): void {
    const listener = this.#listener;
    const conn = this.#conn;
    this.#listener = null;
    this.#conn = null;
    if (listener) {
      try {
        listener.close();
      } catch {
        // Already closed.
      }
    }
    for (const c of this.#acceptQueue.splice(0)) {
      try {
        c.close();
      } catch {
        // Already closed.
      }
    }
    if (conn) {
      this.#writeChain.finally(() => {
        try {
          conn.close();
        } catch {
          // Already closed.
        }
      });
    }
  }
  override sync(): void {
    throw new SysError(EINVAL);
  }
}

// ---- system calls -----------------------------------------------------------------------------

function socketOf(p: LinuxProcess, fd: number): SocketObj {
  const f = p.file(fd);
  if (!(f instanceof SocketObj)) throw new SysError(ENOTSOCK);
  return f;
}

/** socket(domain, type, protocol) */
export function sysSocket(p: LinuxProcess, a: SysArgs): number {
  const domain = a.int(0);
  const type = a.int(1);
  const proto = a.int(2);
  if (domain !== AF_INET && domain !== AF_INET6) throw new SysError(EAFNOSUPPORT);
  if (type & ~(0xf | SOCK_NONBLOCK | SOCK_CLOEXEC)) throw new SysError(EINVAL);
  if ((type & 0xf) !== SOCK_STREAM) throw new SysError(ESOCKTNOSUPPORT);
  if (proto !== 0 && proto !== IPPROTO_TCP) throw new SysError(EPROTONOSUPPORT);
  const s = new SocketObj(O_RDWR | (type & SOCK_NONBLOCK ? O_NONBLOCK : 0), domain);
  return p.allocFd(s, (type & SOCK_CLOEXEC) !== 0);
}

/** socketpair(domain, type, protocol, sv): only AF_UNIX has pairs, and kitemu has no AF_UNIX. */
export function sysSocketpair(_p: LinuxProcess, a: SysArgs): number {
  const domain = a.int(0);
  if (domain === AF_INET || domain === AF_INET6) throw new SysError(EOPNOTSUPP);
  throw new SysError(EAFNOSUPPORT);
}

/** bind(fd, addr, addrlen) */
export function sysBind(p: LinuxProcess, a: SysArgs): number {
  const s = socketOf(p, a.int(0));
  s.bind(readSockaddr(p, s.family, a.n(1), a.int(2)));
  return 0;
}

/** listen(fd, backlog) */
export function sysListen(p: LinuxProcess, a: SysArgs): number {
  socketOf(p, a.int(0)).listen();
  return 0;
}

function doAccept(p: LinuxProcess, a: SysArgs, flags: number): number | Promise<number> {
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) throw new SysError(EINVAL);
  const s = socketOf(p, a.int(0));
  const finish = (c: SocketObj): number => {
    if (flags & SOCK_NONBLOCK) c.flags |= O_NONBLOCK;
    const fd = p.allocFd(c, (flags & SOCK_CLOEXEC) !== 0);
    if (c.peer) writeSockaddr(p, a.n(1), a.n(2), sockaddrBytes(s.family, c.peer));
    return fd;
  };
  const r = s.accept();
  return r instanceof Promise ? r.then(finish) : finish(r);
}

/** accept(fd, addr, addrlen) */
export function sysAccept(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  return doAccept(p, a, 0);
}

/** accept4(fd, addr, addrlen, flags) */
export function sysAccept4(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  return doAccept(p, a, a.int(3));
}

/** connect(fd, addr, addrlen) */
export function sysConnect(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const s = socketOf(p, a.int(0));
  return s.connect(readSockaddr(p, s.family, a.n(1), a.int(2)));
}

/** getsockname(fd, addr, addrlen) */
export function sysGetsockname(p: LinuxProcess, a: SysArgs): number {
  const s = socketOf(p, a.int(0));
  const any = { host: s.family === AF_INET ? "0.0.0.0" : "::", port: 0 };
  writeSockaddr(p, a.n(1), a.n(2), sockaddrBytes(s.family, s.local ?? any));
  return 0;
}

/** getpeername(fd, addr, addrlen) */
export function sysGetpeername(p: LinuxProcess, a: SysArgs): number {
  const s = socketOf(p, a.int(0));
  if (s.state !== "connected" || !s.peer) throw new SysError(ENOTCONN);
  writeSockaddr(p, a.n(1), a.n(2), sockaddrBytes(s.family, s.peer));
  return 0;
}

/**
 * Send bytes on a socket and wait until the host has taken them (so nothing
 * is lost when the guest exits right after). EPIPE raises SIGPIPE unless
 * MSG_NOSIGNAL.
 */
function sendBytes(
  p: LinuxProcess,
  s: SocketObj,
  data: Uint8Array,
  flags: number,
): number | Promise<number> {
  const fail = (e: unknown): never => {
    if (e instanceof SysError && e.errno === EPIPE && !(flags & MSG_NOSIGNAL)) p.raise(SIGPIPE);
    throw e;
  };
  let n = 0;
  try {
    n = s.send(data);
  } catch (e) {
    fail(e);
  }
  if (n === 0) return 0;
  return s.drained().then(() => {
    const err = s.takeWriteError();
    if (err) fail(new SysError(err));
    return n;
  });
}

/** write(2) and writev(2) on a socket: a send without flags. */
export function socketWrite(
  p: LinuxProcess,
  s: SocketObj,
  data: Uint8Array,
): number | Promise<number> {
  return sendBytes(p, s, data, 0);
}

/** sendto(fd, buf, len, flags, dest_addr, addrlen) */
export function sysSendto(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const s = socketOf(p, a.int(0));
  const len = Math.min(a.size(2), MAX_RW_COUNT);
  if (len === 0) return s.state === "connected" ? 0 : sendBytes(p, s, new Uint8Array(0), a.int(3));
  return sendBytes(p, s, guestIn(p.mem, a.n(1), len), a.int(3));
}

/** recvfrom(fd, buf, len, flags, src_addr, addrlen) */
export function sysRecvfrom(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const s = socketOf(p, a.int(0));
  const len = Math.min(a.size(2), MAX_RW_COUNT);
  const buf = len === 0 ? new Uint8Array(0) : guestOut(p.mem, a.n(1), len);
  const done = (n: number) => {
    if (a.n(4) !== 0 && s.peer) writeSockaddr(p, a.n(4), a.n(5), sockaddrBytes(s.family, s.peer));
    return n;
  };
  const r = s.recv(buf, a.int(3));
  return r instanceof Promise ? r.then(done) : done(r);
}

function iovList(p: LinuxProcess, addr: number, count: number): [number, number][] {
  if (count < 0 || count > 1024) throw new SysError(EINVAL);
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    out.push([p.mem.readU64(addr + 16 * i), p.mem.readU64(addr + 16 * i + 8)]);
  }
  return out;
}

/** sendmsg(fd, msg, flags) */
export function sysSendmsg(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const s = socketOf(p, a.int(0));
  const msg = a.n(1);
  const iov = iovList(p, p.mem.readU64(msg + 16), p.mem.readU64(msg + 24));
  const parts = iov.filter(([, len]) => len > 0).map(([base, len]) => guestIn(p.mem, base, len));
  const total = parts.reduce((n, b) => n + b.length, 0);
  if (total === 0 && s.state === "connected") return 0;
  const all = new Uint8Array(total);
  let off = 0;
  for (const b of parts) {
    all.set(b, off);
    off += b.length;
  }
  return sendBytes(p, s, all, a.int(2));
}

/** recvmsg(fd, msg, flags) */
export function sysRecvmsg(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const s = socketOf(p, a.int(0));
  const msg = a.n(1);
  const iov = iovList(p, p.mem.readU64(msg + 16), p.mem.readU64(msg + 24));
  const total = Math.min(iov.reduce((n, [, len]) => n + len, 0), MAX_RW_COUNT);
  const tmp = new Uint8Array(total);
  const scatter = (n: number): number => {
    let off = 0;
    for (const [base, len] of iov) {
      if (off >= n) break;
      const k = Math.min(len, n - off);
      p.mem.write(base, tmp.subarray(off, off + k));
      off += k;
    }
    const name = p.mem.readU64(msg);
    if (name !== 0 && s.peer) {
      const bytes = sockaddrBytes(s.family, s.peer);
      const room = p.mem.readU32(msg + 8);
      p.mem.write(name, bytes.subarray(0, Math.min(room, bytes.length)));
      p.mem.writeU32(msg + 8, bytes.length);
    } else p.mem.writeU32(msg + 8, 0);
    p.mem.writeU64(msg + 40, 0); // msg_controllen: no ancillary data
    p.mem.writeU32(msg + 48, 0); // msg_flags
    return n;
  };
  const r = s.recv(tmp, a.int(2));
  return r instanceof Promise ? r.then(scatter) : scatter(r);
}

/** shutdown(fd, how) */
export function sysShutdown(p: LinuxProcess, a: SysArgs): number {
  socketOf(p, a.int(0)).shutdown(a.int(1));
  return 0;
}

/** setsockopt(fd, level, optname, optval, optlen) */
export function sysSetsockopt(p: LinuxProcess, a: SysArgs): number {
  const s = socketOf(p, a.int(0));
  const key = `${a.int(1)}:${a.int(2)}`;
  const len = a.int(4);
  if (len < 0) throw new SysError(EINVAL);
  if (a.int(1) === SOL_SOCKET && [SO_LINGER, SO_RCVTIMEO, SO_SNDTIMEO].includes(a.int(2))) {
    const want = a.int(2) === SO_LINGER ? 8 : 16;
    if (len < want) throw new SysError(EINVAL);
    s.opaqueOpts.set(key, p.mem.read(a.n(3), want));
    return 0;
  }
  if (!(key in INT_OPTS)) throw new SysError(ENOPROTOOPT);
  if (len < 4) throw new SysError(EINVAL);
  const v = p.mem.readI32(a.n(3));
  s.opts.set(key, v);
  if (key === `${IPPROTO_TCP}:${TCP_NODELAY}`) s.setNoDelay(v !== 0);
  return 0;
}

/** getsockopt(fd, level, optname, optval, optlen) */
export function sysGetsockopt(p: LinuxProcess, a: SysArgs): number {
  const s = socketOf(p, a.int(0));
  const level = a.int(1);
  const name = a.int(2);
  const key = `${level}:${name}`;
  const lenAddr = a.n(4);
  const room = p.mem.readI32(lenAddr);
  if (room < 0) throw new SysError(EINVAL);
  let bytes: Uint8Array;
  const int = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    return b;
  };
  if (level === SOL_SOCKET && name === SO_ERROR) {
    bytes = int(s.soError);
    s.soError = 0;
  } else if (level === SOL_SOCKET && name === SO_TYPE) bytes = int(SOCK_STREAM);
  else if (level === SOL_SOCKET && name === SO_DOMAIN) bytes = int(s.family);
  else if (level === SOL_SOCKET && name === SO_PROTOCOL) bytes = int(IPPROTO_TCP);
  else if (level === SOL_SOCKET && name === SO_ACCEPTCONN) {
    bytes = int(s.state === "listening" ? 1 : 0);
  } else if (s.opaqueOpts.has(key)) bytes = s.opaqueOpts.get(key)!;
  else if (level === SOL_SOCKET && [SO_LINGER, SO_RCVTIMEO, SO_SNDTIMEO].includes(name)) {
    bytes = new Uint8Array(name === SO_LINGER ? 8 : 16);
  } else if (key in INT_OPTS) bytes = int(s.opts.get(key) ?? INT_OPTS[key]);
  else throw new SysError(ENOPROTOOPT);
  const n = Math.min(room, bytes.length);
  p.mem.write(a.n(3), bytes.subarray(0, n));
  p.mem.writeU32(lenAddr, n);
  return 0;
}
