/**
 * Waiting for descriptors: poll, ppoll, select, pselect6. Readiness comes
 * from each description's `pollMask()`. When nothing is ready and the caller
 * may wait, the handler returns a Promise that settles when a description
 * reports a change from the host (`readyPromise()`, e.g. a socket) or the
 * timeout passes, a pipe changes (another guest process wrote or closed it),
 * or a signal interrupts the wait (-EINTR).
 * @module
 */

import type { SysArgs } from "./args.ts";
import { EBADF, EFAULT, EINTR, EINVAL, SysError } from "./errno.ts";
import { hasDeliverable } from "./signals.ts";
import {
  type OpenFile,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLNVAL,
  POLLOUT,
  POLLPRI,
  POLLRDNORM,
  POLLWRNORM,
} from "./files.ts";
import type { LinuxProcess } from "./process.ts";

const MAX_TIMER = 0x7fffffff;

/** Settle after `ms` milliseconds (any length). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => {
      if (left <= 0) return resolve();
      const now = Math.min(left, MAX_TIMER);
      setTimeout(() => step(left - now), now);
    };
    step(ms);
  });
}

/**
 * Evaluate `check` (which returns the count of ready descriptors and stores
 * the result in guest memory) now, and, while it is 0 and time is left, again
 * each time one of `files` reports a change. `timeoutMs` < 0 waits forever.
 */
function waitLoop(
  p: LinuxProcess,
  files: () => OpenFile[],
  check: () => number,
  timeoutMs: number,
): number | Promise<number> {
  const n = check();
  if (n !== 0 || timeoutMs === 0) return n;
  const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
  return (async () => {
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) return check();
      // A signal sent by another guest process (or a timer) interrupts the wait.
      if (hasDeliverable(p) || p.exited) return -EINTR;
      const waits = files().map((f) => f.readyPromise()).filter((w) => w !== null);
      const timer = sleep(Number.isFinite(left) ? left : MAX_TIMER);
      await Promise.race([timer, p.sigWait.wait(), ...waits]);
      const n = check();
      if (n !== 0) return n;
    }
  })();
}

/** Milliseconds in a struct timespec (NULL: -1, wait forever); EINVAL when malformed. */
function timespecMs(p: LinuxProcess, addr: number): number {
  if (addr === 0) return -1;
  const sec = p.mem.readI64(addr);
  const nsec = p.mem.readI64(addr + 8);
  if (sec < 0 || nsec < 0 || nsec > 999_999_999) throw new SysError(EINVAL);
  return sec * 1000 + Math.ceil(nsec / 1e6);
}

/** Check the optional signal mask argument of ppoll/pselect6 (no signal arrives while waiting). */
function checkSigmask(p: LinuxProcess, addr: number, size: number): void {
  if (addr === 0) return;
  if (size !== 8) throw new SysError(EINVAL);
  p.mem.readBig(addr);
}

function doPoll(p: LinuxProcess, fdsAddr: number, nfds: number, timeoutMs: number) {
  if (nfds < 0 || nfds > p.fdLimit) throw new SysError(EINVAL);
  if (nfds > 0 && !p.mem.check(fdsAddr, nfds * 8, 1 | 2)) throw new SysError(EFAULT);
  const entries: { fd: number; events: number }[] = [];
  for (let i = 0; i < nfds; i++) {
    entries.push({
      fd: p.mem.readI32(fdsAddr + 8 * i),
      events: p.mem.readU16(fdsAddr + 8 * i + 4),
    });
  }
  const files = () => entries.flatMap((e) => (e.fd >= 0 && p.fds[e.fd] ? [p.fds[e.fd]!.file] : []));
  const check = () => {
    let count = 0;
    entries.forEach((e, i) => {
      let rev = 0;
      if (e.fd >= 0) {
        const slot = p.fds[e.fd];
        if (!slot) rev = POLLNVAL;
        else rev = slot.file.pollMask() & (e.events | POLLERR | POLLHUP);
      }
      p.mem.writeU16(fdsAddr + 8 * i + 6, rev);
      if (rev) count++;
    });
    return count;
  };
  return waitLoop(p, files, check, timeoutMs);
}

/** poll(fds, nfds, timeout_ms) (x86-64) */
export function sysPoll(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const t = a.int(2);
  return doPoll(p, a.n(0), a.int(1), t < 0 ? -1 : t);
}

/** ppoll(fds, nfds, timeout_ts, sigmask, sigsetsize) */
export function sysPpoll(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const ms = timespecMs(p, a.n(2));
  checkSigmask(p, a.n(3), a.n(4));
  return doPoll(p, a.n(0), a.int(1), ms);
}

const READ_SET = POLLIN | POLLRDNORM | POLLHUP | POLLERR;
const WRITE_SET = POLLOUT | POLLWRNORM | POLLERR;
const EXCEPT_SET = POLLPRI;

function doSelect(
  p: LinuxProcess,
  nfds: number,
  sets: [number, number, number],
  timeoutMs: number,
): number | Promise<number> {
  if (nfds < 0) throw new SysError(EINVAL);
  nfds = Math.min(nfds, p.fdLimit);
  const bytes = Math.ceil(nfds / 64) * 8;
  const wanted = sets.map((addr) => (addr === 0 ? null : p.mem.read(addr, bytes)));
  const fds: number[] = [];
  for (let fd = 0; fd < nfds; fd++) {
    const bit = 1 << (fd & 7);
    if (wanted.some((w) => w && (w[fd >> 3] & bit))) {
      if (!p.fds[fd]) throw new SysError(EBADF);
      fds.push(fd);
    }
  }
  const masks = [READ_SET, WRITE_SET, EXCEPT_SET];
  const files = () => fds.flatMap((fd) => (p.fds[fd] ? [p.fds[fd]!.file] : []));
  const check = () => {
    const out = wanted.map((w) => (w ? new Uint8Array(w.length) : null));
    let count = 0;
    for (const fd of fds) {
      const slot = p.fds[fd];
      const m = slot ? slot.file.pollMask() : POLLNVAL;
      for (let k = 0; k < 3; k++) {
        const w = wanted[k];
        const bit = 1 << (fd & 7);
        if (w && (w[fd >> 3] & bit) && (m & masks[k])) {
          out[k]![fd >> 3] |= bit;
          count++;
        }
      }
    }
    // Linux writes the sets back only when it returns (also with none ready, after the wait).
    out.forEach((o, k) => {
      if (o) p.mem.write(sets[k], o);
    });
    return count;
  };
  return waitLoop(p, files, check, timeoutMs);
}

/** select(nfds, readfds, writefds, exceptfds, timeout_tv) (x86-64) */
export function sysSelect(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  let ms = -1;
  const tv = a.n(4);
  if (tv !== 0) {
    const sec = p.mem.readI64(tv);
    const usec = p.mem.readI64(tv + 8);
    if (sec < 0 || usec < 0) throw new SysError(EINVAL);
    ms = sec * 1000 + Math.ceil(usec / 1000);
  }
  return doSelect(p, a.int(0), [a.n(1), a.n(2), a.n(3)], ms);
}

/** pselect6(nfds, readfds, writefds, exceptfds, timeout_ts, {sigmask, size}) */
export function sysPselect6(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const ms = timespecMs(p, a.n(4));
  if (a.n(5) !== 0) checkSigmask(p, p.mem.readU64(a.n(5)), p.mem.readU64(a.n(5) + 8));
  return doSelect(p, a.int(0), [a.n(1), a.n(2), a.n(3)], ms);
}
