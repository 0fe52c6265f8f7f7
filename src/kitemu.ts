/**
 * The KitEmu class and its option types: one guest program with its address
 * space, CPU, OS personality and JIT. `mod.ts` re-exports all of it (and
 * loads every ISA); the CLI imports it directly and loads only the guest's
 * ISA with {@link KitEmu.load}.
 * @module
 */

import { loadImage } from "./loader/detect.ts";
import type { Arch, Image } from "./loader/image.ts";
import { LoaderError } from "./loader/errors.ts";
import { AddressSpace } from "./memory/address_space.ts";
import { GuestFault } from "./memory/errors.ts";
import type { CpuState } from "./arch/isa.ts";
import { ARCHES, type ArchSupport, loadArch } from "./arch/registry.ts";
import { Engine, type EngineMode } from "./engine/dispatcher.ts";
import type { RegionFn } from "./engine/compile.ts";
import {
  T_BREAK,
  T_BUDGET,
  T_DIVIDE,
  T_FAULT,
  T_FLUSH,
  T_ILLEGAL,
  T_SYSCALL,
  TRAP_NAMES,
} from "./engine/trap.ts";
import { LinuxProcess } from "./os/linux/process.ts";
import { handleSyscall } from "./os/linux/syscalls.ts";
import { execImage, sysrootPath } from "./os/linux/exec_image.ts";
import { denoPolicy, withSysroot } from "./sandbox/policy.ts";
import { deliverFault, deliverPending, hasDeliverable, segvCode } from "./os/linux/signals.ts";
import { block, DEFAULT_MAX_PROCS, Kernel, type Task } from "./os/linux/sched.ts";
import { pipeWaits } from "./os/linux/files.ts";
import { GUEST_PID } from "./os/linux/process.ts";
import type { ImportResolver, ObjectResolver, Personality } from "./os/personality.ts";
import { loadPersonality, PERSONALITIES } from "./os/personalities.ts";

export { LoaderError } from "./loader/errors.ts";
export { GuestFault } from "./memory/errors.ts";
export type { Arch, Image } from "./loader/image.ts";
export type { EngineMode } from "./engine/dispatcher.ts";

/** What `--trace` can show. */
export type TraceKind = "syscall" | "block" | "insn" | "pc";

/** Where guest output goes when not to the host's stdout/stderr. */
export interface GuestOutput {
  /** Take the bytes; return how many were taken. */
  write(bytes: Uint8Array): number;
}

/** Where guest input comes from when not from the host's stdin. */
export interface GuestInput {
  /** Fill `buf`; return the count, or null at end of input. */
  read(buf: Uint8Array): number | null;
}

/**
 * Override one system call: return a number to answer it (a negative errno
 * for failure), or undefined to let kitemu handle it.
 */
export type SyscallOverride = (nr: number, args: number[]) => number | undefined;

export type { ImportResolver, ObjectResolver } from "./os/personality.ts";

/** Embedder hooks. */
export interface Bindings {
  syscall?: SyscallOverride;
  resolveImport?: ImportResolver;
  resolveObject?: ObjectResolver;
}

/** Options for {@link KitEmu.create}. */
export interface KitEmuOptions {
  /** Guest argv; argv[0] defaults to `programPath`. */
  argv?: string[];
  /** Guest environment. The guest sees nothing of the host's unless given here. */
  env?: Record<string, string> | string[];
  /** "jit" (default) or "interp" (one instruction at a time, same semantics). */
  mode?: EngineMode;
  /** What to trace to `traceWriter`. */
  trace?: TraceKind[];
  /** Receives trace lines (default: the host's stderr). */
  traceWriter?: (line: string) => void;
  /** Cap on guest memory in bytes (default 1 GiB). */
  maxMemory?: number;
  /** Stop the guest after this many seconds (exit status 124). */
  timeout?: number;
  /** The guest-visible path of the program (for /proc/self/exe and AT_EXECFN). */
  programPath?: string;
  /** Guest stdin (default: the host's). */
  stdin?: GuestInput;
  /** Guest stdout (default: the host's). */
  stdout?: GuestOutput;
  /** Guest stderr (default: the host's). */
  stderr?: GuestOutput;
  /** Most open guest file descriptors. */
  maxFds?: number;
  /** Most bytes the guest may write to files and stdio. */
  maxOutput?: number;
  /** Embedder hooks. */
  bindings?: Bindings;
  /** Instructions per time slice between checks for timeouts and async work. */
  sliceInsns?: number;
  /** Most guest processes alive at once (fork/clone fail with EAGAIN past it; default 256). */
  maxProcs?: number;
  /**
   * qemu-user's `-L DIR`: absolute paths the guest opens (and the PT_INTERP path of a
   * dynamically linked program) are looked up under DIR first, then as given. "/" is the
   * host's own root. Both lookups need read permission.
   */
  sysroot?: string;
}

/** How a guest ended. */
export interface Termination {
  /** "exit": the guest exited; "signal": a fault or a fatal signal; "timeout": --timeout. */
  kind: "exit" | "signal" | "timeout";
  /** The exit status kitemu reports (128+signal for signals, 124 for timeouts). */
  status: number;
  /** The signal number, for "signal". */
  signal?: number;
  /** A one-line description for stderr, e.g. "Segmentation fault: …". */
  message?: string;
}

const SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

/**
 * The host's setImmediate (Deno provides it as a global). Read on the first
 * yield, not at module load: the global is a getter that loads Deno's Node
 * timers polyfill, about 10 ms that a short guest (hello world) never needs.
 */
let immediate: ((cb: () => void) => unknown) | undefined | null = null;

/**
 * Let the host's event loop run (timers, async I/O, signals) and come back as
 * soon as it has. setImmediate rather than setTimeout(0): zero timeouts set
 * from a timer's continuation are clamped to 4 ms, which measured 2.4 ms per
 * yield against 0.02 ms (Deno 2.9), and kitemu yields every 50 ms of guest time.
 */
function yieldToHost(): Promise<void> {
  if (immediate === null) {
    immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;
  }
  const run = immediate;
  return new Promise((r) => run ? run(r) : setTimeout(r, 0));
}

function hex(n: number): string {
  return "0x" + n.toString(16);
}

function envList(env: KitEmuOptions["env"]): string[] {
  if (!env) return [];
  if (Array.isArray(env)) return env;
  return Object.entries(env).map(([k, v]) => `${k}=${v}`);
}

/** What seedCode reads of a BlockCache (its private maps). */
interface CacheMaps {
  byPc: Map<number, RegionFn>;
  byPage: Map<number, number[]>;
}

/**
 * Copy into `dst`'s cache every translation of `src` whose code pages hold
 * the same bytes, with the same flags, in both address spaces. Translated
 * functions read memory only through the CPU state they are given, so a
 * region compiled for one process runs unchanged in another with the same
 * code. Pages are compared byte for byte: a page the source process
 * rewrote is not shared.
 */
function seedCode(
  dst: Engine<{ len: number; flags: number }>,
  dstMem: AddressSpace,
  src: Engine<{ len: number; flags: number }>,
  srcMem: AddressSpace,
): void {
  if (dst === src || dst.opts.mode !== src.opts.mode) return;
  const from = src.cache as unknown as CacheMaps;
  const same = new Map<number, boolean>();
  const PF_X = 4, PF_MAPPED = 16, PAGE = 4096;
  const pageSame = (pg: number): boolean => {
    let v = same.get(pg);
    if (v !== undefined) return v;
    const f = srcMem.pf[pg];
    v = (f & (PF_X | PF_MAPPED)) === (PF_X | PF_MAPPED) &&
      (dstMem.pf[pg] & (PF_X | PF_MAPPED)) === (PF_X | PF_MAPPED);
    if (v) {
      const a = new Int32Array(srcMem.memory.buffer, pg * PAGE, PAGE / 4);
      const b = new Int32Array(dstMem.memory.buffer, pg * PAGE, PAGE / 4);
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
          v = false;
          break;
        }
      }
    }
    same.set(pg, v);
    return v;
  };
  // Pages of each entry, then entries and pages of each function.
  const pagesOf = new Map<number, number[]>();
  for (const [pg, pcs] of from.byPage) {
    for (const pc of pcs) {
      let l = pagesOf.get(pc);
      if (!l) pagesOf.set(pc, l = []);
      l.push(pg);
    }
  }
  const groups = new Map<RegionFn, { entries: number[]; pages: Set<number> }>();
  let bad = new Set<RegionFn>();
  for (const [pc, fn] of from.byPc) {
    if (dst.cache.get(pc) !== undefined) continue;
    const pages = pagesOf.get(pc) ?? [];
    if (pages.length === 0 || !pages.every(pageSame)) {
      bad.add(fn);
      continue;
    }
    let g = groups.get(fn);
    if (!g) groups.set(fn, g = { entries: [], pages: new Set() });
    g.entries.push(pc);
    for (const pg of pages) g.pages.add(pg);
  }
  for (const [fn, g] of groups) {
    if (bad.has(fn)) continue;
    dst.cache.add(fn, g.entries, [...g.pages]);
    for (const pg of g.pages) dstMem.pf[pg] |= 8; // PF_CODE: a write there drops the copy
  }
  bad = new Set();
}

/**
 * One guest program: its address space, CPU, OS personality and JIT.
 *
 * @example
 * ```ts
 * const emu = KitEmu.create(await Deno.readFile("prog"), { argv: ["prog", "x"] });
 * while (await emu.step(1000)) { } // or: await emu.run()
 * console.log(emu.termination);
 * emu.dispose();
 * ```
 */
export class KitEmu {
  /** The parsed executable. */
  readonly image: Image;
  /** The guest's ISA. */
  readonly arch: Arch;
  /** Guest memory (of the first process; execve replaces it). */
  mem: AddressSpace;
  /** The CPU state (of the first process's first thread). */
  cpu: CpuState;
  /** The Linux process the guest runs in (the first one; its exit ends the run). */
  readonly process: LinuxProcess;
  /** The translator and dispatcher (of the first process's first thread). */
  engine: Engine<{ len: number; flags: number }>;
  /** The process table: every guest process and thread. */
  readonly kernel: Kernel;
  private readonly mainTask: Task;
  /** Engines per address space (threads share one), so code changes reach every cache. */
  private readonly engines = new WeakMap<AddressSpace, Engine<{ len: number; flags: number }>[]>();
  /** Pipe-blocking hooks per process (see files.ts pipeWaits). */
  private readonly hooks = new WeakMap<LinuxProcess, typeof pipeWaits>();
  /** Set once the guest has ended. */
  termination: Termination | null = null;
  private readonly support: ArchSupport;
  /** The Windows or Darwin personality, for PE and Mach-O guests. */
  private personality: Personality | null = null;
  private readonly opts: KitEmuOptions;
  private deadline = Infinity;
  private lastYield = 0;
  private disposed = false;

  private constructor(bytes: Uint8Array, opts: KitEmuOptions, image?: Image) {
    this.opts = opts;
    this.image = image ?? loadImage(bytes);
    const support = ARCHES[this.image.arch];
    if (!support) {
      throw new LoaderError(
        `The ${this.image.arch} instruction set is not loaded: import mod.ts (every ISA), ` +
          "or start the guest with `await KitEmu.load(bytes, options)`",
        0,
        "arch",
      );
    }
    const personalityOf = this.image.os === "linux" ? undefined : PERSONALITIES[this.image.os];
    if (this.image.os !== "linux" && !personalityOf) {
      throw new LoaderError(
        `The ${this.image.os} personality is not loaded: import mod.ts (every personality), ` +
          "or start the guest with `await KitEmu.load(bytes, options)`",
        0,
        "format",
      );
    }
    this.support = support;
    this.arch = this.image.arch;
    this.mem = new AddressSpace({ maxMemory: opts.maxMemory, windowHi: this.image.windowHi });
    this.cpu = support.createCpu(this.mem);
    const trace = new Set(opts.trace ?? []);
    const write = opts.traceWriter ?? ((line: string) => console.error(line));
    const programPath = opts.programPath ?? "/proc/self/exe";
    const argv = opts.argv && opts.argv.length ? opts.argv : [programPath];
    this.process = new LinuxProcess({
      mem: this.mem,
      info: support.linux,
      abi: support.abi,
      argv,
      env: envList(opts.env),
      exePath: programPath,
      policy: opts.sysroot ? withSysroot(denoPolicy, sysrootPath(opts.sysroot)) : undefined,
      stdin: opts.stdin,
      stdout: opts.stdout,
      stderr: opts.stderr,
      trace: trace.has("syscall") ? write : undefined,
      maxFds: opts.maxFds,
      maxOutput: opts.maxOutput,
    });
    const mode: EngineMode = trace.has("insn") ? "interp" : opts.mode ?? "jit";
    const backend = support.backend;
    const engineOpts = {
      mode,
      onBlock: trace.has("block") || trace.has("insn")
        ? (pc: number, text: string[]) => {
          if (trace.has("block")) write(`block ${hex(pc)} (${text.length} insns)`);
          for (const t of text) write(`  ${t}`);
        }
        : undefined,
      onDispatch: trace.has("pc") ? (pc: number) => write(`pc ${hex(pc)}`) : undefined,
    };
    this.engine = new Engine(
      backend,
      this.mem,
      this.cpu,
      support.createRuntime(this.mem),
      engineOpts,
    );
    this.engines.set(this.mem, [this.engine]);
    this.kernel = new Kernel({
      maxProcs: opts.maxProcs ?? DEFAULT_MAX_PROCS,
      makeTask: (proc, mem) => {
        const cpu = support.createCpu(mem);
        const engine = new Engine(backend, mem, cpu, support.createRuntime(mem), engineOpts);
        this.shareCode(mem, engine);
        if (trace.has("syscall") && proc.pid !== GUEST_PID) {
          // strace -f style: lines of other processes and threads carry their id.
          proc.trace = (line) => write(`[pid ${proc.kernel?.current?.tid ?? proc.pid}] ${line}`);
        }
        return { cpu, engine };
      },
      seedCode: (dst, dstMem, src, srcMem) => seedCode(dst, dstMem, src, srcMem),
    });
    if (trace.has("syscall")) {
      const p = this.process;
      p.trace = (line) => {
        const tid = p.kernel?.current?.tid ?? GUEST_PID;
        write(tid === GUEST_PID ? line : `[pid ${tid}] ${line}`);
      };
    }
    if (personalityOf) {
      this.personality = personalityOf({
        proc: this.process,
        mem: this.mem,
        cpu: this.cpu,
        support,
        bytes,
        image: this.image,
        argv,
        env: envList(opts.env),
        programPath,
        resolveImport: opts.bindings?.resolveImport,
        resolveObject: opts.bindings?.resolveObject,
        trace: trace.has("syscall") ? write : undefined,
      });
    } else {
      execImage(this.process, this.mem, this.cpu, bytes, programPath, argv, envList(opts.env));
    }
    this.mainTask = this.kernel.adopt(this.process, this.cpu, this.engine);
    if (opts.timeout && opts.timeout > 0) this.deadline = performance.now() + opts.timeout * 1000;
  }

  /** Register `engine` as running over `mem`: code changes there reach every engine on it. */
  private shareCode(mem: AddressSpace, engine: Engine<{ len: number; flags: number }>): void {
    const list = this.engines.get(mem);
    if (!list) {
      this.engines.set(mem, [engine]);
      return;
    }
    list.push(engine);
    mem.onCodeChange = (first, last) => {
      for (const e of list) e.cache.invalidatePages(first, last);
    };
  }

  /**
   * Load a program and prepare it to run.
   *
   * @param bytes the executable file's contents
   * @param options argv, env, mode, limits, tracing and bindings
   * @returns a ready-to-run emulator
   * @throws {LoaderError} when the executable is malformed or unsupported
   *
   * @example
   * ```ts
   * const emu = KitEmu.create(bytes, { argv: ["prog"], env: { LANG: "C" }, mode: "jit" });
   * ```
   */
  static create(bytes: Uint8Array, options: KitEmuOptions = {}): KitEmu {
    return new KitEmu(bytes, options);
  }

  /**
   * Like {@link KitEmu.create}, but first loads the modules of the guest's
   * ISA if they are not loaded yet. The CLI starts guests this way, so that a
   * run loads one ISA's decoder and lifter instead of all three.
   *
   * @param bytes the executable file's contents
   * @param options argv, env, mode, limits, tracing and bindings
   * @returns a ready-to-run emulator
   * @throws {LoaderError} when the executable is malformed or unsupported
   *
   * @example
   * ```ts
   * const emu = await KitEmu.load(bytes, { argv: ["prog"] });
   * ```
   */
  static async load(bytes: Uint8Array, options: KitEmuOptions = {}): Promise<KitEmu> {
    const image = loadImage(bytes);
    await loadArch(image.arch);
    if (image.os !== "linux") await loadPersonality(image.os);
    return new KitEmu(bytes, options, image);
  }

  /** The guest's exit status, or null while it runs. */
  get exitCode(): number | null {
    return this.termination ? this.termination.status : null;
  }

  /**
   * The compiled code entered at guest address `pc`, compiling it if needed,
   * or null when `pc` is not executable.
   *
   * @example
   * ```ts
   * const fn = emu.lookup(emu.image.entry);
   * ```
   */
  lookup(pc: number): RegionFn | null {
    return this.engine.lookup(pc);
  }

  /**
   * Run at most `nBlocks` region entries (each region runs until it leaves),
   * handling traps on the way. Resolves to false once the guest has ended.
   *
   * @example
   * ```ts
   * while (await emu.step(100)) console.log("pc", emu.cpu.pc.toString(16));
   * ```
   */
  async step(nBlocks = 1): Promise<boolean> {
    if (this.termination) return false;
    const k = this.kernel;
    if (k.tasks.length !== 1 || k.tasks[0].blocked) {
      await this.round(this.opts.sliceInsns ?? 1_000_000, nBlocks);
      return this.termination === null;
    }
    const t = k.tasks[0];
    const code = t.engine.run(this.opts.sliceInsns ?? 1_000_000, nBlocks);
    const wait = this.handleTrap(t, code);
    if (wait) {
      if (k.tasks.length > 1) this.park(t, wait);
      else await wait;
    }
    return this.termination === null;
  }

  /**
   * Run the guest to the end: until the first process exits.
   *
   * One process with one thread runs as it always did: `engine.run` for a
   * slice, the trap handled, a blocking call awaited. Once there are more,
   * {@link round} schedules them round-robin.
   *
   * @returns the exit status: the guest's own, 128+signal, or 124 on timeout
   *
   * @example
   * ```ts
   * const status = await emu.run();
   * ```
   */
  async run(): Promise<number> {
    const slice = this.opts.sliceInsns ?? 1_000_000;
    const k = this.kernel;
    while (!this.termination) {
      if (k.tasks.length === 1 && !k.tasks[0].blocked) {
        const t = k.tasks[0];
        const code = t.engine.run(slice);
        const wait = this.handleTrap(t, code);
        if (wait) {
          // A vfork parent waits for its child: the child must run meanwhile.
          if (k.tasks.length > 1) this.park(t, wait);
          else await wait;
        }
        continue;
      }
      await this.round(slice);
    }
    return this.termination.status;
  }

  /** A task's system call must wait: skip the task until the wait settles. */
  private park(t: Task, wait: Promise<void>): void {
    t.blocked = true;
    wait.then(
      () => {
        t.blocked = false;
        this.kernel.wakeups.wake();
      },
      (e) => {
        t.blocked = false;
        this.failure ??= e;
        this.kernel.wakeups.wake();
      },
    );
  }

  private failure: unknown = null;

  /**
   * One round of the scheduler: every runnable task runs one slice (or up to
   * its next trap); a task whose system call must wait is parked. When every
   * task waits, wait for one to wake (or for --timeout).
   */
  private async round(slice: number, nBlocks = Infinity): Promise<void> {
    const k = this.kernel;
    const runnable = k.tasks.filter((t) => !t.blocked && !t.dead);
    if (runnable.length === 0) {
      if (k.tasks.length === 0) {
        // Nothing left to run, yet the first process lives on (cannot happen): end.
        this.afterExit(this.process);
        return;
      }
      await this.untilDeadline(k.wakeups.wait());
      this.rethrow();
      return;
    }
    for (const t of runnable) {
      if (this.termination) return;
      if (t.dead || t.blocked) continue;
      const p = t.proc;
      if (!p.exited && p.sigpending !== 0n && hasDeliverable(p)) deliverPending(p, t.cpu);
      if (p.exited) {
        this.afterExit(p);
        continue;
      }
      const code = t.engine.run(slice, nBlocks);
      const wait = this.handleTrap(t, code);
      if (wait) this.park(t, wait);
    }
    // Let settled waits finish (their continuations are a few promise hops long), and the
    // host's event loop run now and then.
    if (k.tasks.some((t) => t.blocked)) { for (let i = 0; i < 12; i++) await null; }
    const now = performance.now();
    if (now > this.deadline) this.timedOut();
    else if (now - this.lastYield > 50) {
      this.lastYield = now;
      await yieldToHost();
    }
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure !== null) {
      const e = this.failure;
      this.failure = null;
      throw e;
    }
  }

  /**
   * Release the guest's memory and close its files.
   *
   * @example
   * ```ts
   * emu.dispose();
   * ```
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.flush();
    this.kernel.shutdown();
    this.process.closeAll();
  }

  /** Turn one trap into OS work. Returns a Promise only when something must be awaited. */
  private handleTrap(task: Task, code: number): Promise<void> | void {
    const cpu = task.cpu;
    const proc = task.proc;
    if (this.personality && code !== T_BUDGET && code !== T_FLUSH) {
      const r = this.personality.trap(code, cpu);
      if (r === true) return this.afterSyscall(task);
      if (r) return this.untilDeadline(r).then(() => this.afterSyscall(task));
    }
    switch (code) {
      case T_SYSCALL: {
        const override = this.opts.bindings?.syscall;
        if (override) {
          const abi = this.support.abi;
          const args = [0, 1, 2, 3, 4, 5].map((i) => abi.arg(cpu, i));
          const r = override(abi.number(cpu), args);
          if (r !== undefined) {
            abi.setResult(cpu, r);
            return;
          }
        }
        const k = this.kernel;
        k.current = task;
        let hooks = this.hooks.get(proc);
        if (!hooks) {
          hooks = {
            block: (wait, attempt) => block(proc, [{ wait }], attempt, -1, 0, true),
            sigpipe: () => proc.raise(13),
          };
          this.hooks.set(proc, hooks);
        }
        pipeWaits.block = hooks.block;
        pipeWaits.sigpipe = hooks.sigpipe;
        let r;
        try {
          r = handleSyscall(proc, cpu);
        } finally {
          pipeWaits.block = null;
          pipeWaits.sigpipe = null;
          k.current = null;
        }
        if (r) return this.untilDeadline(r).then(() => this.afterSyscall(task));
        this.afterSyscall(task);
        return;
      }
      case T_BUDGET:
        return this.onBudget();
      case T_FLUSH:
        for (const e of this.engines.get(proc.mem) ?? [task.engine]) e.flush();
        task.engine.flush();
        return;
      case T_FAULT: {
        const mem = proc.mem;
        const access = cpu.faultAccess === 4 ? "execute" : cpu.faultAccess === 2 ? "write" : "read";
        const kind =
          cpu.faultAccess === 2 && (cpu.faultAddr % 8 !== 0) && mem.check(cpu.faultAddr, 1, 2)
            ? SIGBUS
            : SIGSEGV;
        const name = kind === SIGBUS ? "Bus error" : "Segmentation fault";
        // A guest handler for the signal gets it, with the faulting pc in its frame.
        const segv = kind === SIGSEGV;
        const info = {
          code: segv ? segvCode(proc, cpu.faultAddr) : 1,
          addr: cpu.faultAddr,
        };
        if (deliverFault(proc, cpu, kind, info)) return this.afterSyscall(task);
        return this.die(
          task,
          kind,
          `${name}: invalid ${access} at address ${hex(cpu.faultAddr)} (pc ${hex(cpu.pc)})`,
        );
      }
      case T_ILLEGAL: {
        let bytes = "";
        try {
          const b = proc.mem.read(cpu.pc, proc.mem.check(cpu.pc + 2, 2, 1) ? 4 : 2);
          bytes = [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");
        } catch (e) {
          if (!(e instanceof GuestFault)) throw e;
        }
        // ILL_ILLOPC, at the instruction.
        if (deliverFault(proc, cpu, SIGILL, { code: 1, addr: cpu.pc })) {
          return this.afterSyscall(task);
        }
        return this.die(task, SIGILL, `Illegal instruction: pc ${hex(cpu.pc)}, bytes ${bytes}`);
      }
      case T_DIVIDE: {
        // An integer divide error (x86 #DE): SIGFPE with FPE_INTDIV, at the instruction.
        if (deliverFault(proc, cpu, SIGFPE, { code: 1, addr: cpu.pc })) {
          return this.afterSyscall(task);
        }
        return this.die(
          task,
          SIGFPE,
          `Floating point exception: divide error at pc ${hex(cpu.pc)}`,
        );
      }
      case T_BREAK: {
        // Linux reports the breakpoint at the ebreak itself (the saved pc points at it).
        const next = cpu.pc;
        cpu.pc = cpu.trapPc;
        // TRAP_BRKPT, at the breakpoint.
        if (deliverFault(proc, cpu, SIGTRAP, { code: 1, addr: cpu.trapPc })) {
          return this.afterSyscall(task);
        }
        cpu.pc = next;
        return this.die(task, SIGTRAP, `Trace/breakpoint trap: pc ${hex(cpu.trapPc)}`);
      }
      default:
        return this.die(
          task,
          SIGILL,
          `Unexpected trap ${TRAP_NAMES[code] ?? code} at pc ${hex(cpu.pc)}`,
        );
    }
  }

  private afterSyscall(task: Task): void {
    const p = task.proc;
    if (task === this.mainTask) {
      // execve gave the first process a new CPU, engine and memory.
      this.cpu = task.cpu;
      this.engine = task.engine;
      this.mem = p.mem;
    }
    if (p.exited) this.afterExit(p);
  }

  /** A process has ended: reap its tasks; the first process's end ends the run. */
  private afterExit(p: LinuxProcess): void {
    if (this.kernel.tasksOf(p).length > 0 || !p.reaped) {
      p.reaped = true;
      // What the process translated that its parent has not (a child's own paths: after
      // fork, exit) goes back to the parent, so that the parent's next child has it.
      const t = this.kernel.tasksOf(p)[0];
      const parentTask = p.parent ? this.kernel.tasksOf(p.parent)[0] : undefined;
      if (t && parentTask) seedCode(parentTask.engine, p.parent!.mem, t.engine, p.mem);
      this.kernel.reapTasks(p);
    }
    if (p !== this.process || this.termination) return;
    if (p.exitSignal) {
      this.termination = {
        kind: "signal",
        status: 128 + p.exitSignal,
        signal: p.exitSignal,
        message: `Killed by signal ${p.exitSignal}`,
      };
    } else {
      this.termination = { kind: "exit", status: p.exitCode & 0xff };
    }
  }

  /**
   * Wait for a blocking system call (accept, poll, sleep, sigsuspend...), but
   * no longer than --timeout allows: then the guest ends as onBudget ends it.
   */
  private untilDeadline(wait: Promise<void>): Promise<void> {
    if (!Number.isFinite(this.deadline)) return wait;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timedOut();
        resolve();
      }, Math.max(0, this.deadline - performance.now()));
      wait.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  private timedOut(): void {
    if (!this.termination) {
      this.termination = {
        kind: "timeout",
        status: 124,
        message: `Timeout: the guest ran longer than ${this.opts.timeout} s`,
      };
    }
  }

  private onBudget(): Promise<void> | void {
    const now = performance.now();
    if (now > this.deadline) {
      this.timedOut();
      return;
    }
    // Let the host event loop run now and then (timers, async I/O, signals).
    if (now - this.lastYield > 50) {
      this.lastYield = now;
      return yieldToHost();
    }
  }

  /**
   * A fault or trap no handler takes: the first process's ends the run with
   * `message`; another process dies of the signal silently (its parent sees it in wait4).
   */
  private die(task: Task, signal: number, message: string): void {
    const p = task.proc;
    if (p === this.process) {
      this.termination = { kind: "signal", status: 128 + signal, signal, message };
      return;
    }
    if (p.trace) p.trace(`+++ killed by signal ${signal} +++`);
    p.exited = true;
    p.exitSignal = signal;
    p.exitCode = 128 + signal;
    this.afterExit(p);
  }
}
