/**
 * Test helpers: a LinuxProcess on a fresh address space with a scratch area,
 * a fake RISC-V CPU, and a way to make system calls with riscv64 numbers
 * (asm-generic/unistd.h).
 * @module
 */

import type { CpuState } from "../../src/arch/isa.ts";
import { AddressSpace, PF_R, PF_W } from "../../src/memory/address_space.ts";
import { riscv64Abi, riscv64Linux } from "../../src/os/linux/abi_riscv64.ts";
import { LinuxProcess, type LinuxProcessOptions } from "../../src/os/linux/process.ts";
import { handleSyscall } from "../../src/os/linux/syscalls.ts";
import { allowAllPolicy } from "../../src/sandbox/policy.ts";

/** Scratch area for arguments and buffers. */
export const SCRATCH = 0x10_0000;
/** Its size. */
export const SCRATCH_SIZE = 0x10_0000;

/** A fresh fake CPU. */
export function makeCpu(): CpuState {
  return {
    pc: 0,
    budget: 0,
    trapPc: 0,
    faultAddr: 0,
    faultAccess: 0,
    retired: 0,
    sliceBudget: 0,
    x: new Int32Array(64),
  };
}

/** Collects what the guest writes to a stream. */
export class Capture {
  chunks: Uint8Array[] = [];
  write(b: Uint8Array): number {
    this.chunks.push(b);
    return b.length;
  }
  text(): string {
    return new TextDecoder().decode(concat(this.chunks));
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A process, its CPU, captured output and trace lines. */
export interface Harness {
  proc: LinuxProcess;
  cpu: CpuState;
  out: Capture;
  err: Capture;
  trace: string[];
  /** Make a call (must not wait); returns a0 as a signed number. */
  sys(nr: number, ...args: number[]): number;
  /** Make a call that may wait. */
  sysAsync(nr: number, ...args: number[]): Promise<number>;
  /** Put a NUL-terminated string in the scratch area; returns its address. */
  str(s: string): number;
  /** Reserve `n` zeroed bytes in the scratch area; returns the address. */
  alloc(n: number): number;
}

/** Build a harness. Defaults: allow-all policy, stdin empty, debug on. */
export function harness(opts: Partial<LinuxProcessOptions> = {}): Harness {
  const mem = new AddressSpace({ maxMemory: 256 << 20 });
  mem.mapFixed(SCRATCH, SCRATCH_SIZE, PF_R | PF_W, "[scratch]");
  const out = new Capture();
  const err = new Capture();
  const trace: string[] = [];
  const proc = new LinuxProcess({
    mem,
    info: riscv64Linux,
    abi: riscv64Abi,
    argv: ["prog"],
    env: [],
    exePath: "/bin/prog",
    stdout: out,
    stderr: err,
    stdin: { read: () => null },
    policy: allowAllPolicy,
    trace: (l) => trace.push(l),
    debug: true,
    ...opts,
  });
  const cpu = makeCpu();
  let next = SCRATCH;
  const setup = (nr: number, args: number[]) => {
    cpu.x.fill(0);
    const set = (reg: number, v: number) => {
      cpu.x[2 * reg] = v | 0;
      cpu.x[2 * reg + 1] = Math.floor(v / 2 ** 32) | 0;
    };
    set(17, nr);
    args.forEach((v, i) => set(10 + i, v));
  };
  const a0 = () => cpu.x[21] * 2 ** 32 + (cpu.x[20] >>> 0);
  return {
    proc,
    cpu,
    out,
    err,
    trace,
    sys(nr, ...args) {
      setup(nr, args);
      const r = handleSyscall(proc, cpu);
      if (r) throw new Error(`Syscall ${nr} returned a Promise`);
      return a0();
    },
    async sysAsync(nr, ...args) {
      setup(nr, args);
      await handleSyscall(proc, cpu);
      return a0();
    },
    str(s) {
      const b = new TextEncoder().encode(s + "\0");
      const at = next;
      mem.write(at, b);
      next += (b.length + 15) & ~15;
      return at;
    },
    alloc(n) {
      const at = next;
      next += (n + 15) & ~15;
      return at;
    },
  };
}

/** riscv64 (generic) syscall numbers used by the tests, from asm-generic/unistd.h. */
export const NR = {
  getcwd: 17,
  dup: 23,
  dup3: 24,
  fcntl: 25,
  ioctl: 29,
  mkdirat: 34,
  unlinkat: 35,
  symlinkat: 36,
  linkat: 37,
  truncate: 45,
  ftruncate: 46,
  faccessat: 48,
  chdir: 49,
  fchdir: 50,
  openat: 56,
  close: 57,
  pipe2: 59,
  getdents64: 61,
  lseek: 62,
  read: 63,
  write: 64,
  readv: 65,
  writev: 66,
  pread64: 67,
  pwrite64: 68,
  readlinkat: 78,
  newfstatat: 79,
  fstat: 80,
  exit: 93,
  exit_group: 94,
  set_tid_address: 96,
  nanosleep: 101,
  clock_gettime: 113,
  kill: 129,
  tgkill: 131,
  rt_sigaction: 134,
  rt_sigprocmask: 135,
  uname: 160,
  getrlimit: 163,
  umask: 166,
  getpid: 172,
  getuid: 174,
  brk: 214,
  munmap: 215,
  mremap: 216,
  mmap: 222,
  mprotect: 226,
  madvise: 233,
  prlimit64: 261,
  renameat2: 276,
  getrandom: 278,
  statx: 291,
} as const;

/** AT_FDCWD. */
export const AT_FDCWD = -100;
