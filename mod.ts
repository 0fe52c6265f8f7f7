/**
 * kitemu: run untrusted native programs inside Deno's sandbox.
 *
 * kitemu loads a guest executable, translates its machine code into
 * JavaScript a region at a time, and routes every system call through an OS
 * layer that checks Deno's own permissions (`--allow-read`, `--allow-write`,
 * `--allow-net`, `--allow-env`). Static RISC-V 64 Linux programs run today.
 *
 * @example
 * ```ts
 * import { KitEmu } from "./mod.ts";
 * const bytes = await Deno.readFile("testdata/freestanding/hello.riscv64");
 * const emu = KitEmu.create(bytes, { argv: ["hello"] });
 * const status = await emu.run();
 * emu.dispose();
 * console.log("exit status", status);
 * ```
 * @module
 */

import { loadImage } from "./src/loader/detect.ts";
import type { Arch, Image } from "./src/loader/image.ts";
import { LoaderError } from "./src/loader/errors.ts";
import { AddressSpace } from "./src/memory/address_space.ts";
import { GuestFault } from "./src/memory/errors.ts";
import type { CpuState } from "./src/arch/isa.ts";
import { ARCHES, type ArchSupport } from "./src/arch/registry.ts";
import { Engine, type EngineMode } from "./src/engine/dispatcher.ts";
import type { RegionFn } from "./src/engine/compile.ts";
import {
  T_BREAK,
  T_BUDGET,
  T_DIVIDE,
  T_FAULT,
  T_FLUSH,
  T_ILLEGAL,
  T_SYSCALL,
  TRAP_NAMES,
} from "./src/engine/trap.ts";
import { LinuxProcess } from "./src/os/linux/process.ts";
import { handleSyscall } from "./src/os/linux/syscalls.ts";
import { startProcess } from "./src/os/linux/startup.ts";
import { deliverFault, segvCode } from "./src/os/linux/signals.ts";

export { LoaderError } from "./src/loader/errors.ts";
export { GuestFault } from "./src/memory/errors.ts";
export type { Arch, Image } from "./src/loader/image.ts";
export type { EngineMode } from "./src/engine/dispatcher.ts";

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

/** Resolve an imported function (PE/Mach-O guests) to a host implementation. */
export type ImportResolver = (
  library: string,
  name: string,
) => ((args: number[]) => number) | undefined;

/** Resolve a library object (a DLL or dylib) by name; true when it can be provided. */
export type ObjectResolver = (name: string) => boolean;

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

function hex(n: number): string {
  return "0x" + n.toString(16);
}

function envList(env: KitEmuOptions["env"]): string[] {
  if (!env) return [];
  if (Array.isArray(env)) return env;
  return Object.entries(env).map(([k, v]) => `${k}=${v}`);
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
  /** Guest memory. */
  readonly mem: AddressSpace;
  /** The CPU state. */
  readonly cpu: CpuState;
  /** The Linux process the guest runs in. */
  readonly process: LinuxProcess;
  /** The translator and dispatcher. */
  readonly engine: Engine<{ len: number; flags: number }>;
  /** Set once the guest has ended. */
  termination: Termination | null = null;
  private readonly support: ArchSupport;
  private readonly opts: KitEmuOptions;
  private deadline = Infinity;
  private lastYield = 0;
  private disposed = false;

  private constructor(bytes: Uint8Array, opts: KitEmuOptions) {
    this.opts = opts;
    this.image = loadImage(bytes);
    const support = ARCHES[this.image.arch];
    if (!support) {
      throw new LoaderError(
        `The ${this.image.arch} instruction set is not supported yet`,
        18,
        "e_machine",
      );
    }
    if (this.image.os !== "linux") {
      throw new LoaderError(`${this.image.os} programs are not supported yet`, 0, "format");
    }
    this.support = support;
    this.arch = this.image.arch;
    this.mem = new AddressSpace({ maxMemory: opts.maxMemory });
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
      stdin: opts.stdin,
      stdout: opts.stdout,
      stderr: opts.stderr,
      trace: trace.has("syscall") ? write : undefined,
      maxFds: opts.maxFds,
      maxOutput: opts.maxOutput,
    });
    const mode: EngineMode = trace.has("insn") ? "interp" : opts.mode ?? "jit";
    const backend = support.backend;
    this.engine = new Engine(backend, this.mem, this.cpu, support.createRuntime(this.mem), {
      mode,
      onBlock: trace.has("block") || trace.has("insn")
        ? (pc, text) => {
          if (trace.has("block")) write(`block ${hex(pc)} (${text.length} insns)`);
          for (const t of text) write(`  ${t}`);
        }
        : undefined,
      onDispatch: trace.has("pc") ? (pc) => write(`pc ${hex(pc)}`) : undefined,
    });
    startProcess(this.process, this.image, this.cpu, { execfn: programPath });
    if (opts.timeout && opts.timeout > 0) this.deadline = performance.now() + opts.timeout * 1000;
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
    const code = this.engine.run(this.opts.sliceInsns ?? 1_000_000, nBlocks);
    const wait = this.handleTrap(code);
    if (wait) await wait;
    return this.termination === null;
  }

  /**
   * Run the guest to the end.
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
    while (!this.termination) {
      const code = this.engine.run(slice);
      const wait = this.handleTrap(code);
      if (wait) await wait;
    }
    return this.termination.status;
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
    this.process.closeAll();
  }

  /** Turn one trap into OS work. Returns a Promise only when something must be awaited. */
  private handleTrap(code: number): Promise<void> | void {
    const cpu = this.cpu;
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
        const r = handleSyscall(this.process, cpu);
        if (r) return this.untilDeadline(r).then(() => this.afterSyscall());
        this.afterSyscall();
        return;
      }
      case T_BUDGET:
        return this.onBudget();
      case T_FLUSH:
        this.engine.flush();
        return;
      case T_FAULT: {
        const access = cpu.faultAccess === 4 ? "execute" : cpu.faultAccess === 2 ? "write" : "read";
        const kind =
          cpu.faultAccess === 2 && (cpu.faultAddr % 8 !== 0) && this.mem.check(cpu.faultAddr, 1, 2)
            ? SIGBUS
            : SIGSEGV;
        const name = kind === SIGBUS ? "Bus error" : "Segmentation fault";
        // A guest handler for the signal gets it, with the faulting pc in its frame.
        const segv = kind === SIGSEGV;
        const info = {
          code: segv ? segvCode(this.process, cpu.faultAddr) : 1,
          addr: cpu.faultAddr,
        };
        if (deliverFault(this.process, cpu, kind, info)) return this.afterSyscall();
        return this.die(
          kind,
          `${name}: invalid ${access} at address ${hex(cpu.faultAddr)} (pc ${hex(cpu.pc)})`,
        );
      }
      case T_ILLEGAL: {
        let bytes = "";
        try {
          const b = this.mem.read(cpu.pc, this.mem.check(cpu.pc + 2, 2, 1) ? 4 : 2);
          bytes = [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");
        } catch (e) {
          if (!(e instanceof GuestFault)) throw e;
        }
        // ILL_ILLOPC, at the instruction.
        if (deliverFault(this.process, cpu, SIGILL, { code: 1, addr: cpu.pc })) {
          return this.afterSyscall();
        }
        return this.die(SIGILL, `Illegal instruction: pc ${hex(cpu.pc)}, bytes ${bytes}`);
      }
      case T_DIVIDE: {
        // An integer divide error (x86 #DE): SIGFPE with FPE_INTDIV, at the instruction.
        if (deliverFault(this.process, cpu, SIGFPE, { code: 1, addr: cpu.pc })) {
          return this.afterSyscall();
        }
        return this.die(SIGFPE, `Floating point exception: divide error at pc ${hex(cpu.pc)}`);
      }
      case T_BREAK: {
        // Linux reports the breakpoint at the ebreak itself (the saved pc points at it).
        const next = cpu.pc;
        cpu.pc = cpu.trapPc;
        // TRAP_BRKPT, at the breakpoint.
        if (deliverFault(this.process, cpu, SIGTRAP, { code: 1, addr: cpu.trapPc })) {
          return this.afterSyscall();
        }
        cpu.pc = next;
        return this.die(SIGTRAP, `Trace/breakpoint trap: pc ${hex(cpu.trapPc)}`);
      }
      default:
        return this.die(SIGILL, `Unexpected trap ${TRAP_NAMES[code] ?? code} at pc ${hex(cpu.pc)}`);
    }
  }

  private afterSyscall(): void {
    const p = this.process;
    if (p.exited) {
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
  }

  /**
   * Wait for a blocking system call (accept, poll, sleep, sigsuspend...), but
   * no longer than --timeout allows: then the guest ends as onBudget ends it.
   */
  private untilDeadline(wait: Promise<void>): Promise<void> {
    if (!Number.isFinite(this.deadline)) return wait;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.termination) {
          this.termination = {
            kind: "timeout",
            status: 124,
            message: `Timeout: the guest ran longer than ${this.opts.timeout} s`,
          };
        }
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

  private onBudget(): Promise<void> | void {
    const now = performance.now();
    if (now > this.deadline) {
      this.termination = {
        kind: "timeout",
        status: 124,
        message: `Timeout: the guest ran longer than ${this.opts.timeout} s`,
      };
      return;
    }
    // Let the host event loop run now and then (timers, async I/O, signals).
    if (now - this.lastYield > 50) {
      this.lastYield = now;
      return new Promise((r) => setTimeout(r, 0));
    }
  }

  private die(signal: number, message: string): void {
    this.termination = { kind: "signal", status: 128 + signal, signal, message };
  }
}
