/**
 * Process, identity, time, limits and signal-state system calls.
 *
 * kitemu presents a fixed identity: the first process is pid 1000 with parent
 * pid 1 (children and threads get 1001, 1002, ...: see `sched.ts`), uid and gid
 * 1000, host name "kitemu", kernel "6.1.0-kitemu". Signal
 * dispositions and masks are kept here; raising and delivering signals
 * (frames, rt_sigreturn) is `signals.ts`'s job.
 * @module
 */

import { guestOut, type SysArgs } from "./args.ts";
import { EINTR, EINVAL, ENOMEM, ENOSYS, EPERM, ESRCH, SysError } from "./errno.ts";
import { block } from "./sched.ts";
import { fillRandom } from "./files.ts";
import { RLIM_NLIMITS, RLIMIT_NOFILE } from "./numbers.ts";
import type { LinuxProcess } from "./process.ts";
import { cpuOf, onAltStack, sigtimedwait, sysRtSigsuspend as suspend } from "./signals.ts";

const enc = new TextEncoder();

/** uname fields kitemu reports. */
export const UTS = {
  sysname: "Linux",
  nodename: "kitemu",
  release: "6.1.0-kitemu",
  version: "#1 SMP",
  domainname: "(none)",
} as const;

// ---- exit and ids ------------------------------------------------------------------

/** getpid, gettid, getpgid(0), getpgrp, getsid(0). */
export function sysGetpid(p: LinuxProcess): number {
  return p.pid;
}

/** getppid() */
export function sysGetppid(p: LinuxProcess): number {
  return p.ppid;
}

/** getuid, geteuid */
export function sysGetuid(p: LinuxProcess): number {
  return p.uid;
}

/** getgid, getegid */
export function sysGetgid(p: LinuxProcess): number {
  return p.gid;
}

/** getresuid(ruid, euid, suid) / getresgid */
export function sysGetres(which: "uid" | "gid") {
  return (p: LinuxProcess, a: SysArgs): number => {
    const v = which === "uid" ? p.uid : p.gid;
    for (let i = 0; i < 3; i++) p.mem.writeU32(a.n(i), v);
    return 0;
  };
}

/** getgroups(size, list): no supplementary groups. */
export function sysGetgroups(_p: LinuxProcess, a: SysArgs): number {
  if (a.int(0) < 0) throw new SysError(EINVAL);
  return 0;
}

/** set_robust_list(head, len) */
export function sysSetRobustList(p: LinuxProcess, a: SysArgs): number {
  if (a.n(1) !== 24) throw new SysError(EINVAL);
  p.robustList = a.n(0);
  p.robustListLen = 24;
  return 0;
}

/** get_robust_list(pid, head_ptr, len_ptr) */
export function sysGetRobustList(p: LinuxProcess, a: SysArgs): number {
  const pid = a.int(0);
  if (pid !== 0 && pid !== p.pid) throw new SysError(ESRCH);
  p.mem.writeU64(a.n(1), p.robustList);
  p.mem.writeU64(a.n(2), p.robustListLen);
  return 0;
}

/** A call kitemu answers with ENOSYS on purpose (rseq: glibc then goes without). */
export function sysNosys(): number {
  return -ENOSYS;
}

/** A call that does nothing and succeeds (sched_yield, sync, riscv_flush_icache...). */
export function sysZero(): number {
  return 0;
}

/** umask(mask) */
export function sysUmask(p: LinuxProcess, a: SysArgs): number {
  const old = p.umask;
  p.umask = a.int(0) & 0o777;
  return old;
}

/** uname(buf) */
export function sysUname(p: LinuxProcess, a: SysArgs): number {
  const b = new Uint8Array(65 * 6);
  const fields = [
    UTS.sysname,
    UTS.nodename,
    UTS.release,
    UTS.version,
    p.info.machine,
    UTS.domainname,
  ];
  fields.forEach((f, i) => b.set(enc.encode(f).subarray(0, 64), 65 * i));
  p.mem.write(a.n(0), b);
  return 0;
}

const PR_SET_PDEATHSIG = 1;
const PR_GET_PDEATHSIG = 2;
const PR_GET_DUMPABLE = 3;
const PR_SET_DUMPABLE = 4;
const PR_SET_NAME = 15;
const PR_GET_NAME = 16;
const PR_SET_VMA = 0x53564d41;

/** prctl(option, arg2, ...) */
export function sysPrctl(p: LinuxProcess, a: SysArgs): number {
  switch (a.int(0)) {
    case PR_SET_PDEATHSIG:
      return 0;
    case PR_GET_PDEATHSIG:
      p.mem.writeU32(a.n(1), 0);
      return 0;
    case PR_GET_DUMPABLE:
      return 1;
    case PR_SET_DUMPABLE:
      return 0;
    case PR_SET_NAME: {
      const bytes = p.mem.readCString(a.n(1), 16) ?? p.mem.read(a.n(1), 15);
      p.name = new TextDecoder().decode(bytes.subarray(0, 15));
      return 0;
    }
    case PR_GET_NAME: {
      const b = new Uint8Array(16);
      b.set(enc.encode(p.name).subarray(0, 15));
      p.mem.write(a.n(1), b);
      return 0;
    }
    case PR_SET_VMA:
      return 0;
    default:
      throw new SysError(EINVAL);
  }
}

/** personality(persona): always PER_LINUX. */
export function sysPersonality(_p: LinuxProcess, a: SysArgs): number {
  const want = a.uint(0);
  if (want === 0xffffffff || want === 0) return 0;
  throw new SysError(EINVAL);
}

// ---- limits ------------------------------------------------------------------------

function checkResource(res: number): void {
  if (res < 0 || res >= RLIM_NLIMITS) throw new SysError(EINVAL);
}

function setLimit(p: LinuxProcess, res: number, soft: bigint, hard: bigint): void {
  if (soft > hard) throw new SysError(EINVAL);
  const [, oldHard] = p.rlimits[res];
  if (hard > oldHard) throw new SysError(EPERM);
  if (res === RLIMIT_NOFILE && hard > BigInt(p.maxFds)) throw new SysError(EPERM);
  p.rlimits[res] = [soft, hard];
}

/** prlimit64(pid, resource, new_limit, old_limit) */
export function sysPrlimit64(p: LinuxProcess, a: SysArgs): number {
  const pid = a.int(0);
  if (pid !== 0 && pid !== p.pid) throw new SysError(ESRCH);
  const res = a.int(1);
  checkResource(res);
  let next: [bigint, bigint] | null = null;
  if (a.n(2) !== 0) next = [p.mem.readBig(a.n(2)), p.mem.readBig(a.n(2) + 8)];
  if (a.n(3) !== 0) {
    const [soft, hard] = p.rlimits[res];
    p.mem.writeBig(a.n(3), soft);
    p.mem.writeBig(a.n(3) + 8, hard);
  }
  if (next) setLimit(p, res, next[0], next[1]);
  return 0;
}

/** getrlimit(resource, rlim) */
export function sysGetrlimit(p: LinuxProcess, a: SysArgs): number {
  const res = a.int(0);
  checkResource(res);
  const [soft, hard] = p.rlimits[res];
  p.mem.writeBig(a.n(1), soft);
  p.mem.writeBig(a.n(1) + 8, hard);
  return 0;
}

/** setrlimit(resource, rlim) */
export function sysSetrlimit(p: LinuxProcess, a: SysArgs): number {
  const res = a.int(0);
  checkResource(res);
  setLimit(p, res, p.mem.readBig(a.n(1)), p.mem.readBig(a.n(1) + 8));
  return 0;
}

// ---- randomness and time -----------------------------------------------------------

/** getrandom(buf, buflen, flags) */
export function sysGetrandom(p: LinuxProcess, a: SysArgs): number {
  const flags = a.uint(2);
  if (flags & ~7 || (flags & 6) === 6) throw new SysError(EINVAL);
  const len = Math.min(a.size(1), 33554431);
  if (len === 0) return 0;
  const view = guestOut(p.mem, a.n(0), len);
  fillRandom(view);
  return view.length;
}

/** Boot time for CLOCK_MONOTONIC/BOOTTIME: the guest's machine "booted" a while ago. */
const MONO_BASE_MS = 1_000_000;

function clockMs(p: LinuxProcess, clk: number): number {
  switch (clk) {
    case 0: // REALTIME
    case 5: // REALTIME_COARSE
    case 8: // REALTIME_ALARM
    case 11: // TAI
      return performance.timeOrigin + performance.now();
    case 1: // MONOTONIC
    case 4: // MONOTONIC_RAW
    case 6: // MONOTONIC_COARSE
    case 7: // BOOTTIME
    case 9: // BOOTTIME_ALARM
      return MONO_BASE_MS + performance.now();
    case 2: // PROCESS_CPUTIME_ID
    case 3: // THREAD_CPUTIME_ID
      return performance.now() - p.startMono;
    default:
      // Per-process and per-thread CPU clocks (negative ids) for ourselves.
      if (clk < 0) return performance.now() - p.startMono;
      throw new SysError(EINVAL);
  }
}

function writeTimespec(p: LinuxProcess, addr: number, ms: number): void {
  const sec = Math.floor(ms / 1000);
  const nsec = Math.min(999_999_999, Math.floor((ms - sec * 1000) * 1e6));
  p.mem.writeU64(addr, sec);
  p.mem.writeU64(addr + 8, nsec);
}

function readTimespecMs(p: LinuxProcess, addr: number): number {
  const sec = p.mem.readI64(addr);
  const nsec = p.mem.readI64(addr + 8);
  if (sec < 0 || nsec < 0 || nsec > 999_999_999) throw new SysError(EINVAL);
  return sec * 1000 + nsec / 1e6;
}

/** clock_gettime(clockid, tp) */
export function sysClockGettime(p: LinuxProcess, a: SysArgs): number {
  writeTimespec(p, a.n(1), clockMs(p, a.int(0)));
  return 0;
}

/** clock_getres(clockid, res) */
export function sysClockGetres(p: LinuxProcess, a: SysArgs): number {
  const clk = a.int(0);
  clockMs(p, clk);
  if (a.n(1) !== 0) {
    const coarse = clk === 5 || clk === 6;
    p.mem.writeU64(a.n(1), 0);
    p.mem.writeU64(a.n(1) + 8, coarse ? 4_000_000 : 1);
  }
  return 0;
}

/** gettimeofday(tv, tz) */
export function sysGettimeofday(p: LinuxProcess, a: SysArgs): number {
  if (a.n(0) !== 0) {
    const ms = clockMs(p, 0);
    const sec = Math.floor(ms / 1000);
    p.mem.writeU64(a.n(0), sec);
    p.mem.writeU64(a.n(0) + 8, Math.floor((ms - sec * 1000) * 1000));
  }
  if (a.n(1) !== 0) p.mem.writeU64(a.n(1), 0);
  return 0;
}

/** time(tloc) (x86-64) */
export function sysTime(p: LinuxProcess, a: SysArgs): number {
  const sec = Math.floor(clockMs(p, 0) / 1000);
  if (a.n(0) !== 0) p.mem.writeU64(a.n(0), sec);
  return sec;
}

const MAX_TIMER = 0x7fffffff;

function sleepMs(p: LinuxProcess, ms: number, rem = 0): number | Promise<number> {
  if (!p.kernel) {
    return new Promise((resolve) => {
      const step = (left: number) => {
        if (left <= 0) return resolve(0);
        const now = Math.min(left, MAX_TIMER);
        setTimeout(() => step(left - now), now);
      };
      step(ms);
    });
  }
  // Under the scheduler a signal from another guest process (or a timer) interrupts the
  // sleep: -EINTR, with the time left in `rem`.
  const end = performance.now() + ms;
  const r = block(p, [], () => null, ms, 0);
  const left = (v: number) => {
    if (v === -EINTR && rem !== 0) writeTimespec(p, rem, Math.max(0, end - performance.now()));
    return v;
  };
  return typeof r === "number" ? left(r) : r.then(left);
}

/** nanosleep(req, rem): really sleeps (the handler returns a Promise). */
export function sysNanosleep(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const ms = readTimespecMs(p, a.n(0));
  if (ms <= 0) return 0;
  return sleepMs(p, ms, a.n(1));
}

/** clock_nanosleep(clockid, flags, req, rem) */
export function sysClockNanosleep(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  const clk = a.int(0);
  if (clk === 2 || clk === 3) return -EINVAL;
  const now = clockMs(p, clk);
  let ms = readTimespecMs(p, a.n(2));
  const abs = (a.int(1) & 1) !== 0;
  if (abs) ms -= now;
  if (ms <= 0) return 0;
  return sleepMs(p, ms, abs ? 0 : a.n(3));
}

function cpuMs(p: LinuxProcess): number {
  return performance.now() - p.startMono;
}

/** times(buf): clock ticks at 100 Hz. */
export function sysTimes(p: LinuxProcess, a: SysArgs): number {
  const ticks = Math.floor(cpuMs(p) / 10);
  if (a.n(0) !== 0) {
    p.mem.writeU64(a.n(0), ticks);
    p.mem.writeU64(a.n(0) + 8, 0);
    p.mem.writeU64(a.n(0) + 16, 0);
    p.mem.writeU64(a.n(0) + 24, 0);
  }
  return Math.floor((MONO_BASE_MS + performance.now()) / 10);
}

/** getrusage(who, usage) */
export function sysGetrusage(p: LinuxProcess, a: SysArgs): number {
  const who = a.int(0);
  if (who !== 0 && who !== -1 && who !== 1) throw new SysError(EINVAL);
  const b = new Uint8Array(144);
  const dv = new DataView(b.buffer);
  if (who !== -1) {
    const ms = cpuMs(p);
    const sec = Math.floor(ms / 1000);
    dv.setBigInt64(0, BigInt(sec), true);
    dv.setBigInt64(8, BigInt(Math.floor((ms - sec * 1000) * 1000)), true);
    dv.setBigInt64(32, BigInt(Math.ceil(p.mem.mapped / 1024)), true);
  }
  p.mem.write(a.n(1), b);
  return 0;
}

/** sysinfo(info) */
export function sysSysinfo(p: LinuxProcess, a: SysArgs): number {
  const b = new Uint8Array(112);
  const dv = new DataView(b.buffer);
  const total = p.mem.maxMemory;
  dv.setBigInt64(0, BigInt(Math.floor((MONO_BASE_MS + performance.now()) / 1000)), true);
  dv.setBigUint64(32, BigInt(total), true);
  dv.setBigUint64(40, BigInt(Math.max(0, total - p.mem.mapped)), true);
  dv.setUint16(80, 1, true);
  dv.setUint32(104, 1, true);
  p.mem.write(a.n(0), b);
  return 0;
}

/** sched_getaffinity(pid, cpusetsize, mask): one CPU. */
export function sysSchedGetaffinity(p: LinuxProcess, a: SysArgs): number {
  const pid = a.int(0);
  if (pid !== 0 && pid !== p.pid) throw new SysError(ESRCH);
  const len = a.size(1);
  if (len < 8 || len % 8 !== 0) throw new SysError(EINVAL);
  const b = new Uint8Array(8);
  b[0] = 1;
  p.mem.write(a.n(2), b);
  return 8;
}

/** sched_setaffinity(pid, cpusetsize, mask): CPU 0 must be in the set. */
export function sysSchedSetaffinity(p: LinuxProcess, a: SysArgs): number {
  const pid = a.int(0);
  if (pid !== 0 && pid !== p.pid) throw new SysError(ESRCH);
  if (a.size(1) === 0) throw new SysError(EINVAL);
  if (!(p.mem.readU8(a.n(2)) & 1)) throw new SysError(EINVAL);
  return 0;
}

// ---- signals -----------------------------------------------------------------------

const KILL_STOP = (1n << 8n) | (1n << 18n);

/** rt_sigaction(sig, act, oact, sigsetsize) */
export function sysRtSigaction(p: LinuxProcess, a: SysArgs): number {
  const sig = a.int(0);
  if (sig < 1 || sig > 64 || a.n(3) !== 8) throw new SysError(EINVAL);
  const act = a.n(1);
  const oact = a.n(2);
  if (act !== 0 && (sig === 9 || sig === 19)) throw new SysError(EINVAL);
  // RISC-V has no sa_restorer field; AArch64 and x86-64 do (and SA_RESTORER).
  const restorer = p.info.arch !== "riscv64";
  const maskOff = restorer ? 24 : 16;
  let next = null;
  if (act !== 0) {
    next = {
      handler: p.mem.readBig(act),
      flags: p.mem.readBig(act + 8),
      restorer: restorer ? p.mem.readBig(act + 16) : 0n,
      mask: p.mem.readBig(act + maskOff) & ~KILL_STOP,
    };
  }
  if (oact !== 0) {
    const old = p.sigactions[sig];
    p.mem.writeBig(oact, old.handler);
    p.mem.writeBig(oact + 8, old.flags);
    if (restorer) p.mem.writeBig(oact + 16, old.restorer);
    p.mem.writeBig(oact + maskOff, old.mask);
  }
  if (next) p.sigactions[sig] = next;
  return 0;
}

/** rt_sigprocmask(how, set, oldset, sigsetsize) */
export function sysRtSigprocmask(p: LinuxProcess, a: SysArgs): number {
  if (a.n(3) !== 8) throw new SysError(EINVAL);
  const how = a.int(0);
  let set: bigint | null = null;
  if (a.n(1) !== 0) {
    if (how < 0 || how > 2) throw new SysError(EINVAL);
    set = p.mem.readBig(a.n(1));
  }
  const old = p.sigmask;
  if (a.n(2) !== 0) p.mem.writeBig(a.n(2), old);
  if (set !== null) {
    let mask = how === 0 ? old | set : how === 1 ? old & ~set : set;
    mask &= ~KILL_STOP;
    // Pending signals that are now unblocked are delivered when the call returns.
    p.sigmask = mask;
  }
  return 0;
}

/** MINSIGSTKSZ per ISA. */
function minSigStack(p: LinuxProcess): number {
  return p.info.arch === "aarch64" ? 5120 : 2048;
}

/** sigaltstack(ss, old_ss) */
export function sysSigaltstack(p: LinuxProcess, a: SysArgs): number {
  const ss = a.n(0);
  const old = a.n(1);
  const cpu = cpuOf(p);
  const on = cpu ? onAltStack(p, p.abi.sp(cpu)) : false;
  let next: typeof p.altStack | null = null;
  if (ss !== 0) {
    const sp = p.mem.readU64(ss);
    const flags = p.mem.readI32(ss + 8);
    const size = p.mem.readU64(ss + 16);
    const mode = flags & ~(1 << 31); // SS_AUTODISARM is a flag; the rest is the mode
    if (mode !== 0 && mode !== 1 && mode !== 2) throw new SysError(EINVAL);
    if (on) throw new SysError(EPERM);
    if (mode === 2) next = { sp: 0, flags: 2, size: 0 };
    else {
      if (size < minSigStack(p)) throw new SysError(ENOMEM);
      next = { sp, flags: flags & (1 << 31), size };
    }
  }
  if (old !== 0) {
    const b = new Uint8Array(24);
    const dv = new DataView(b.buffer);
    const cur = p.altStack;
    const disabled = (cur.flags & 2) !== 0 || cur.size === 0;
    dv.setBigUint64(0, BigInt(cur.sp), true);
    dv.setInt32(8, disabled ? 2 : (on ? 1 : 0) | (cur.flags & (1 << 31)), true);
    dv.setBigUint64(16, BigInt(cur.size), true);
    p.mem.write(old, b);
  }
  if (next) p.altStack = next;
  return 0;
}

/** rt_sigsuspend(mask, sigsetsize) */
export function sysRtSigsuspend(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  if (a.n(1) !== 8) throw new SysError(EINVAL);
  return suspend(p, p.mem.readBig(a.n(0)));
}

/** rt_sigtimedwait(set, info, timeout, sigsetsize) */
export function sysRtSigtimedwait(p: LinuxProcess, a: SysArgs): number | Promise<number> {
  if (a.n(3) !== 8) throw new SysError(EINVAL);
  const set = p.mem.readBig(a.n(0));
  let ms = -1;
  if (a.n(2) !== 0) {
    const sec = p.mem.readI64(a.n(2));
    const nsec = p.mem.readI64(a.n(2) + 8);
    if (sec < 0 || nsec < 0 || nsec > 999_999_999) throw new SysError(EINVAL);
    ms = sec * 1000 + nsec / 1e6;
  }
  return sigtimedwait(p, set, a.n(1), ms);
}

/** rt_sigpending(set, sigsetsize): the pending signals that are blocked. */
export function sysRtSigpending(p: LinuxProcess, a: SysArgs): number {
  if (a.n(1) > 8 || a.n(1) < 0) throw new SysError(EINVAL);
  const all = new Uint8Array(8);
  new DataView(all.buffer).setBigUint64(0, p.sigpending & p.sigmask, true);
  p.mem.write(a.n(0), all.subarray(0, a.n(1)));
  return 0;
}

// ---- changing identity -------------------------------------------------------------

/**
 * setuid/setgid family: the guest is an unprivileged user, so it may only
 * "change" to the ids it already has (-1 means "unchanged" where Linux allows it).
 */
export function sysSetIds(which: "uid" | "gid", count: 1 | 2 | 3) {
  return (p: LinuxProcess, a: SysArgs): number => {
    const own = which === "uid" ? p.uid : p.gid;
    for (let i = 0; i < count; i++) {
      const id = a.int(i);
      if (count > 1 && id === -1) continue;
      if (count === 1 && id === -1) throw new SysError(EINVAL);
      if (id !== own) throw new SysError(EPERM);
    }
    return 0;
  };
}

/** setfsuid/setfsgid: returns the previous (and only) id. */
export function sysSetfsId(which: "uid" | "gid") {
  return (p: LinuxProcess): number => (which === "uid" ? p.uid : p.gid);
}

/** setgroups(size, list): only an unprivileged process, so EPERM. */
export function sysSetgroups(_p: LinuxProcess, a: SysArgs): number {
  if (a.int(0) < 0 || a.int(0) > 65536) throw new SysError(EINVAL);
  return -EPERM;
}
