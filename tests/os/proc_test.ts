// Process, identity, time, limit and signal-state calls. Struct layouts from
// the kernel headers (struct new_utsname, struct sigaction without
// sa_restorer on RISC-V, struct rlimit64, struct timespec).

import assert from "node:assert/strict";
import { harness, NR } from "./helpers.ts";

const dec = new TextDecoder();
const EINVAL = -22;
const ESRCH = -3;

Deno.test("uname and ids", () => {
  const h = harness();
  const u = h.alloc(390);
  assert.equal(h.sys(NR.uname, u), 0);
  const field = (i: number) => dec.decode(h.proc.mem.readCString(u + 65 * i)!);
  assert.deepEqual([0, 1, 2, 3, 4].map(field), [
    "Linux",
    "kitemu",
    "6.1.0-kitemu",
    "#1 SMP",
    "riscv64",
  ]);
  assert.equal(h.sys(NR.getpid), 1000);
  assert.equal(h.sys(NR.getuid), 1000);
  assert.equal(h.sys(NR.set_tid_address, h.alloc(8)), 1000);
  assert.equal(h.sys(NR.umask, 0o77), 0o22);
  assert.equal(h.sys(NR.umask, 0o22), 0o77);
  assert.equal(h.trace.at(-1), "umask(022) = 077");
});

Deno.test("rt_sigaction stores and returns the RISC-V struct sigaction", () => {
  const h = harness();
  const act = h.alloc(24);
  const old = h.alloc(24);
  h.proc.mem.writeU64(act, 0x12340);
  h.proc.mem.writeU64(act + 8, 0x10000000); // SA_RESTART
  h.proc.mem.writeU64(act + 16, 1 << 9); // sa_mask: SIGUSR1
  const SIGINT = 2;
  assert.equal(h.sys(NR.rt_sigaction, SIGINT, act, old, 8), 0);
  assert.equal(h.proc.mem.readU64(old), 0); // SIG_DFL before
  h.proc.mem.fill(act, 24, 0);
  assert.equal(h.sys(NR.rt_sigaction, SIGINT, act, old, 8), 0);
  assert.equal(h.proc.mem.readU64(old), 0x12340);
  assert.equal(h.proc.mem.readU64(old + 8), 0x10000000);
  assert.equal(h.proc.mem.readU64(old + 16), 1 << 9);
  assert.equal(h.sys(NR.rt_sigaction, 9, act, 0, 8), EINVAL);
  assert.equal(h.sys(NR.rt_sigaction, SIGINT, act, 0, 16), EINVAL);
  assert.equal(h.sys(NR.rt_sigaction, 65, 0, old, 8), EINVAL);
});

Deno.test("rt_sigprocmask applies how and reports the old mask", () => {
  const h = harness();
  const set = h.alloc(8);
  const old = h.alloc(8);
  h.proc.mem.writeU64(set, 0b1010);
  assert.equal(h.sys(NR.rt_sigprocmask, 0, set, old, 8), 0);
  assert.equal(h.proc.mem.readU64(old), 0);
  h.proc.mem.writeU64(set, 0b0010);
  assert.equal(h.sys(NR.rt_sigprocmask, 1, set, old, 8), 0);
  assert.equal(h.proc.mem.readU64(old), 0b1010);
  // SIGKILL (bit 8) and SIGSTOP (bit 18) cannot be blocked.
  h.proc.mem.writeU64(set, (1 << 8) | (1 << 18) | 1);
  assert.equal(h.sys(NR.rt_sigprocmask, 2, set, old, 8), 0);
  assert.equal(h.proc.mem.readU64(old), 0b1000);
  assert.equal(h.sys(NR.rt_sigprocmask, 2, 0, old, 8), 0);
  assert.equal(h.proc.mem.readU64(old), 1);
  assert.equal(h.sys(NR.rt_sigprocmask, 7, set, 0, 8), EINVAL);
});

Deno.test("kill and tgkill: checks, default actions, blocked signals", () => {
  const h = harness();
  assert.equal(h.sys(NR.kill, 1000, 0), 0);
  assert.equal(h.sys(NR.kill, 4242, 0), ESRCH);
  assert.equal(h.sys(NR.kill, 1000, 17), 0); // SIGCHLD is ignored by default
  assert.equal(h.proc.exited, false);
  // A blocked SIGTERM waits; unblocking it applies the default action.
  const set = h.alloc(8);
  h.proc.mem.writeU64(set, 1 << 14);
  h.sys(NR.rt_sigprocmask, 0, set, 0, 8);
  assert.equal(h.sys(NR.kill, 1000, 15), 0);
  assert.equal(h.proc.exited, false);
  h.sys(NR.rt_sigprocmask, 1, set, 0, 8);
  assert.equal(h.proc.exited, true);
  assert.equal(h.proc.exitSignal, 15);

  const a = harness();
  assert.equal(a.sys(NR.tgkill, 1000, 1000, 6), 0);
  assert.equal(a.proc.exited, true);
  assert.equal(a.proc.exitSignal, 6);
  assert.equal(a.proc.exitCode, 134);
  // As strace shows it: the call, the signal, the death.
  assert.deepEqual(a.trace.slice(-3), [
    "tgkill(1000, 1000, SIGABRT) = 0",
    "--- SIGABRT {si_signo=SIGABRT, si_code=-6, si_pid=1000, si_uid=1000} ---",
    "+++ killed by SIGABRT +++",
  ]);
});

Deno.test("exit and exit_group", () => {
  const h = harness();
  h.sys(NR.exit_group, 258);
  assert.equal(h.proc.exited, true);
  assert.equal(h.proc.exitCode, 2);
  assert.equal(h.trace.at(-1), "exit_group(258) = ?");
});

Deno.test("limits: prlimit64 and getrlimit", () => {
  const h = harness({ maxFds: 64 });
  const lim = h.alloc(16);
  const RLIMIT_NOFILE = 7;
  const RLIMIT_STACK = 3;
  assert.equal(h.sys(NR.getrlimit, RLIMIT_STACK, lim), 0);
  assert.equal(h.proc.mem.readU64(lim), 8 << 20);
  assert.equal(h.proc.mem.readBig(lim + 8), (1n << 64n) - 1n);
  assert.equal(h.sys(NR.prlimit64, 0, RLIMIT_NOFILE, 0, lim), 0);
  assert.deepEqual([h.proc.mem.readU64(lim), h.proc.mem.readU64(lim + 8)], [64, 64]);
  h.proc.mem.writeU64(lim, 4);
  h.proc.mem.writeU64(lim + 8, 64);
  assert.equal(h.sys(NR.prlimit64, 0, RLIMIT_NOFILE, lim, 0), 0);
  // fds 0..2 are open: the fourth descriptor is the last one allowed.
  assert.equal(h.sys(NR.dup, 0), 3);
  assert.equal(h.sys(NR.dup, 0), -24);
  h.proc.mem.writeU64(lim + 8, 65);
  assert.equal(h.sys(NR.prlimit64, 0, RLIMIT_NOFILE, lim, 0), -1);
  assert.equal(h.sys(NR.prlimit64, 77, RLIMIT_NOFILE, 0, lim), ESRCH);
  assert.equal(h.sys(NR.getrlimit, 99, lim), EINVAL);
});

Deno.test("getrandom, clock_gettime, nanosleep", async () => {
  const h = harness();
  const buf = h.alloc(64);
  assert.equal(h.sys(NR.getrandom, buf, 64, 0), 64);
  assert.ok(h.proc.mem.read(buf, 64).some((b) => b !== 0));
  assert.equal(h.sys(NR.getrandom, buf, 8, 0x80), EINVAL);
  const ts = h.alloc(16);
  assert.equal(h.sys(NR.clock_gettime, 0, ts), 0);
  const sec = h.proc.mem.readU64(ts);
  assert.ok(Math.abs(sec - Date.now() / 1000) < 5);
  assert.ok(h.proc.mem.readU64(ts + 8) < 1e9);
  assert.equal(h.sys(NR.clock_gettime, 1, ts), 0);
  const m1 = h.proc.mem.readU64(ts) * 1e3 + h.proc.mem.readU64(ts + 8) / 1e6;
  assert.equal(h.sys(NR.clock_gettime, 42, ts), EINVAL);
  const req = h.alloc(16);
  h.proc.mem.writeU64(req, 0);
  h.proc.mem.writeU64(req + 8, 30_000_000);
  const t0 = performance.now();
  assert.equal(await h.sysAsync(NR.nanosleep, req, 0), 0);
  assert.ok(performance.now() - t0 >= 25);
  h.sys(NR.clock_gettime, 1, ts);
  const m2 = h.proc.mem.readU64(ts) * 1e3 + h.proc.mem.readU64(ts + 8) / 1e6;
  assert.ok(m2 - m1 >= 25);
  h.proc.mem.writeU64(req + 8, 2e9);
  assert.equal(h.sys(NR.nanosleep, req, 0), EINVAL);
});

Deno.test("stdin may wait: read returns a Promise-backed result", async () => {
  const h = harness({
    stdin: { read: (b: Uint8Array) => Promise.resolve().then(() => (b.set([104, 105]), 2)) },
  });
  const buf = h.alloc(16);
  assert.equal(await h.sysAsync(NR.read, 0, buf, 16), 2);
  assert.equal(dec.decode(h.proc.mem.read(buf, 2)), "hi");
  assert.equal(h.trace.at(-1), 'read(0, "hi", 16) = 2');
});
