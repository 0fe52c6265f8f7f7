/**
 * The Darwin personality: runs Mach-O executables for arm64 and x86-64.
 *
 * It plays the kernel's part (map the segments, sliding MH_PIE images into
 * kitemu's window; build the stack with argv, envp and the `apple` strings;
 * start at LC_UNIXTHREAD's pc) and dyld's part for LC_MAIN programs (apply
 * rebases, bind every import to a thunk, call `main(argc, argv, envp,
 * apple)` with a return address that exits with main's result).
 *
 * Thunks are addresses in a page mapped readable but not executable: a guest
 * call to one makes the engine stop with an execute fault at that address,
 * which this personality turns into a call of the host implementation
 * (`libsystem.ts`), reading arguments under the ISA's C convention
 * (`abi.ts`). BSD system calls (`syscall` with 0x2000000|nr on x86-64, `svc
 * #0x80` with x16 = nr on arm64) go to `syscalls.ts`.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import { regGet, regSet } from "../../arch/isa.ts";
import { T_FAULT, T_SYSCALL } from "../../engine/trap.ts";
import { LoaderError } from "../../loader/errors.ts";
import type { Image } from "../../loader/image.ts";
import type { MachoInfo } from "../../loader/macho.ts";
import {
  type AddressSpace,
  MAP_ANONYMOUS,
  MAP_PRIVATE,
  PAGE_SIZE,
  PF_R,
  PF_W,
} from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import type { LinuxProcess } from "../linux/process.ts";
import type { Personality, PersonalityContext, PersonalityFactory } from "../personality.ts";
import { type DarwinAbi, darwinAbiFor } from "./abi.ts";
import { createLibSystem, type LibCall, type LibImpl, type LibSystem } from "./libsystem.ts";
import { DARWIN_ENOSYS, darwinErrno, type DarwinSys, darwinSyscall } from "./syscalls.ts";

/** The library every import is bound to unless its ordinal names another. */
const LIBSYSTEM = "/usr/lib/libSystem.B.dylib";
/** Where a position-independent image's Mach-O header is placed. */
export const DARWIN_IMAGE_BASE = 0x1000_0000;
/** kitemu's register numbers of the x86_THREAD_STATE64 fields rax..r15. */
const X86_STATE_ORDER = [0, 3, 1, 2, 7, 6, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15];
/** ... and of the ARM_THREAD_STATE64 fields x0..x28, fp, lr, sp (the same numbers). */
const A64_STATE_ORDER = Array.from({ length: 32 }, (_, i) => i);
/** Top of the main thread's stack (below 2^31, as for Linux guests). */
const STACK_TOP = 0x8000_0000;
/** Default stack size (Darwin's main thread: 8 MiB). */
const STACK_SIZE = 8 << 20;
/** Bytes between two thunk addresses. */
const THUNK_STRIDE = 16;
/** Thunk slots reserved for the personality's own return paths. */
const T_MAIN_RETURN = 0;
const T_RESUME = 1;
const SCRATCH_SIZE = 64 << 10;

/** An import call in progress that called back into guest code (qsort, atexit handlers). */
interface Pending {
  gen: Generator<GuestCall, number | bigint | void, number>;
  sp: number;
  lr: number;
}

/** What a host routine yields to call guest code: the function and its integer arguments. */
export interface GuestCall {
  fn: number;
  args: number[];
}

class Darwin implements Personality {
  readonly abi: DarwinAbi;
  readonly mem: AddressSpace;
  readonly proc: LinuxProcess;
  readonly sys: DarwinSys;
  readonly lib: LibSystem;
  private thunkBase = 0;
  private thunkNames: string[] = [];
  private readonly pending: Pending[] = [];
  private readonly trace?: (line: string) => void;
  /** The image's slide (PIE images), for symbolizing addresses. */
  readonly slide: number;
  /** The first address of the guest's 4 GiB window. */
  readonly base: number;
  readonly macho: MachoInfo;

  constructor(ctx: PersonalityContext) {
    const image = ctx.image;
    const m = image.macho;
    if (!m) throw new LoaderError("Not a Mach-O image", 0, "magic");
    this.macho = m;
    this.abi = darwinAbiFor(image.arch);
    this.mem = ctx.mem;
    this.proc = ctx.proc;
    this.trace = ctx.trace;
    // PIE images are slid into window 0; a fixed image runs in the window it asks for
    // (Image.windowHi: e.g. window 1 for an old non-PIE image at 0x1_0000_0000).
    this.base = ctx.mem.windowHi * 2 ** 32;
    this.slide = m.pie ? this.base + DARWIN_IMAGE_BASE - m.headerAddr : 0;
    mapImage(ctx.mem, image, this.slide, this.base);
    const scratch = ctx.mem.mmap(
      0,
      SCRATCH_SIZE,
      PF_R | PF_W,
      MAP_PRIVATE | MAP_ANONYMOUS,
      "[scratch]",
    );
    if (scratch < 0) throw new LoaderError("Out of memory for the Darwin runtime", 0, "memory");
    this.sys = {
      proc: ctx.proc,
      scratch,
      random: (b) => crypto.getRandomValues(b),
    };
    this.lib = createLibSystem(this, ctx);
    // Rebases.
    for (const r of m.rebases) writePtr(ctx.mem, r.addr + this.slide, r.target + this.slide);
    // Thunks for every distinct imported function; data symbols get cells.
    const names: string[] = ["<return from main>", "<resume>"];
    const index = new Map<string, number>();
    const fnBinds: [number, string, number][] = [];
    const weakMissing = new Set<number>();
    for (const b of m.binds) {
      const data = this.lib.dataSymbol(b.symbol);
      if (data !== undefined) {
        writePtr(ctx.mem, b.addr + this.slide, data + b.addend);
        continue;
      }
      const library = b.ordinal >= 1 ? m.dylibs[b.ordinal - 1] : LIBSYSTEM;
      if (!this.libraries.has(b.symbol)) this.libraries.set(b.symbol, library);
      if (b.weak && !this.implOf(b.symbol)) {
        // A weak import nothing provides is bound to 0, as dyld does: `if (&f)` sees it missing.
        writePtr(ctx.mem, b.addr + this.slide, 0);
        weakMissing.add(b.addr);
        continue;
      }
      let i = index.get(b.symbol);
      if (i === undefined) {
        i = names.length;
        names.push(b.symbol);
        index.set(b.symbol, i);
      }
      fnBinds.push([b.addr + this.slide, b.symbol, i]);
    }
    const thunkBytes = Math.ceil((names.length * THUNK_STRIDE) / PAGE_SIZE) * PAGE_SIZE;
    this.thunkBase = ctx.mem.mmap(0, thunkBytes, PF_R, MAP_PRIVATE | MAP_ANONYMOUS, "[libSystem]");
    if (this.thunkBase < 0) throw new LoaderError("Out of memory for import thunks", 0, "memory");
    this.thunkNames = names;
    for (const [addr, , i] of fnBinds) writePtr(ctx.mem, addr, this.thunkBase + i * THUNK_STRIDE);
    for (const b of m.binds) {
      const i = index.get(b.symbol);
      if (i !== undefined && b.addend !== 0 && !weakMissing.has(b.addr)) {
        writePtr(ctx.mem, b.addr + this.slide, this.thunkBase + i * THUNK_STRIDE + b.addend);
      }
    }
    protectImage(ctx.mem, image, this.slide);
    this.start(ctx, image, m);
  }

  /** The library each imported symbol was bound from (by its ordinal). */
  private readonly libraries = new Map<string, string>();
  private readonly impls = new Map<string, LibImpl | null>();

  /** The host implementation of an import (libSystem's, or the embedder's), cached. */
  private implOf(name: string): LibImpl | undefined {
    let f = this.impls.get(name);
    if (f === undefined) {
      f = this.lib.lookup(name, this.libraries.get(name) ?? LIBSYSTEM) ?? null;
      this.impls.set(name, f);
    }
    return f ?? undefined;
  }

  /** The thunk address of a libSystem function (for host code that hands out function pointers). */
  thunkOf(i: number): number {
    return this.thunkBase + i * THUNK_STRIDE;
  }

  private start(ctx: PersonalityContext, image: Image, m: MachoInfo): void {
    const mem = ctx.mem;
    const cpu = ctx.cpu;
    const size = Math.min(Math.max(m.stackSize || STACK_SIZE, 64 << 10), 256 << 20);
    const stackSize = Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
    const stackTop = this.base + STACK_TOP;
    if (mem.mapFixed(stackTop - stackSize, stackSize, PF_R | PF_W, "[stack]") < 0) {
      throw new LoaderError("Out of memory for the stack", 0, "memory");
    }
    const exe = ctx.programPath;
    const apple = [`executable_path=${exe}`, "ptr_munge=", "main_stack="];
    // Strings at the top, then the pointer vectors.
    const enc = new TextEncoder();
    let top = stackTop - 16;
    const put = (s: string): number => {
      const b = enc.encode(s + "\0");
      top -= b.length;
      mem.write(top, b);
      return top;
    };
    const argvP = ctx.argv.map(put);
    const envP = ctx.env.map(put);
    const appleP = apple.map(put);
    top = Math.floor(top / 16) * 16;
    const words = [ctx.argv.length, ...argvP, 0, ...envP, 0, ...appleP, 0];
    let sp = top - words.length * 8;
    sp = Math.floor(sp / 16) * 16;
    words.forEach((w, i) => mem.writeBig(sp + 8 * i, BigInt(w)));
    const argv = sp + 8;
    const envp = argv + 8 * (ctx.argv.length + 1);
    const applep = envp + 8 * (ctx.env.length + 1);
    this.lib.setStartup({ argc: ctx.argv.length, argv, envp, apple: applep });
    const entry = image.entry + this.slide;
    if (m.entryKind === "thread") {
      // The kernel starts a static image at its pc with sp at argc.
      if (m.threadRegs) {
        // The thread state's registers, in its order (x86_THREAD_STATE64: rax rbx rcx rdx rdi
        // rsi rbp rsp r8..r15; ARM_THREAD_STATE64: x0..x28 fp lr sp), except sp: the stack is ours.
        const order = image.arch === "x86_64" ? X86_STATE_ORDER : A64_STATE_ORDER;
        m.threadRegs.forEach((v, i) => {
          const reg = order[i];
          if (Number.isFinite(v) && reg !== undefined && reg !== this.abi.sp) regSet(cpu, reg, v);
        });
      }
      regSet(cpu, this.abi.sp, sp);
      cpu.pc = entry;
      return;
    }
    // dyld: call main(argc, argv, envp, apple); its return exits.
    regSet(cpu, this.abi.sp, sp);
    this.abi.call(
      cpu,
      mem,
      entry,
      [ctx.argv.length, argv, envp, applep],
      this.thunkOf(T_MAIN_RETURN),
    );
  }

  trap(code: number, cpu: CpuState): boolean | Promise<void> {
    if (code === T_SYSCALL) return this.syscall(cpu);
    if (code === T_FAULT && cpu.faultAccess === 4) {
      const a = cpu.faultAddr;
      const i = Math.floor((a - this.thunkBase) / THUNK_STRIDE);
      if (a >= this.thunkBase && i < this.thunkNames.length && a % THUNK_STRIDE === 0) {
        return this.importCall(cpu, i);
      }
    }
    return false;
  }

  private syscall(cpu: CpuState): boolean | Promise<void> {
    const abi = this.abi;
    const nr = abi.syscallNumber(cpu);
    const row = nr >= 0 ? darwinSyscall(nr) : undefined;
    const args = [0, 1, 2, 3, 4, 5].map((i) => abi.syscallArg(cpu, i));
    if (!row) {
      this.trace?.(
        `syscall_${nr < 0 ? `class${abi.syscallClass(cpu)}` : nr}(${
          args.map(hex).join(", ")
        }) = -1 ENOSYS`,
      );
      abi.syscallReturn(cpu, DARWIN_ENOSYS, true);
      return true;
    }
    const finish = (r: number) => {
      if (this.proc.exited) {
        this.trace?.(`${row.name}(${args.slice(0, 1).map(hex).join(", ")}) = ?`);
        return;
      }
      if (r < 0) {
        const e = darwinErrno(-r);
        this.trace?.(`${row.name}(${args.slice(0, 3).map(hex).join(", ")}) = -1 errno ${e}`);
        abi.syscallReturn(cpu, e, true);
      } else {
        this.trace?.(`${row.name}(${args.slice(0, 3).map(hex).join(", ")}) = ${r}`);
        abi.syscallReturn(cpu, r, false);
      }
    };
    let r: number | Promise<number>;
    try {
      r = row.handler(this.sys, args);
    } catch (e) {
      if (e instanceof GuestFault) r = -14;
      else throw e;
    }
    if (typeof r === "number") {
      finish(r);
      return true;
    }
    return r.then(finish);
  }

  private importCall(cpu: CpuState, i: number): boolean | Promise<void> {
    if (i === T_MAIN_RETURN) {
      const status = cpu.x[0]; // main's int result: eax / w0 (the low half of rax / x0)
      return this.runGen(cpu, this.lib.exit(status));
    }
    if (i === T_RESUME) {
      const p = this.pending.pop();
      if (!p) return false;
      const value = cpu.x[0]; // callbacks return int (comparators) or nothing (atexit)
      regSet(cpu, this.abi.sp, p.sp);
      if (this.abi.sp === 31) regSet(cpu, 30, p.lr);
      return this.step(cpu, p, value);
    }
    const name = this.thunkNames[i];
    const call: LibCall = { cpu, mem: this.mem, abi: this.abi, name };
    const impl = this.implOf(name);
    if (!impl) {
      this.lib.unknownImport(
        name,
        this.libraries.get(name) ?? LIBSYSTEM,
        this.abi.returnAddress(cpu, this.mem),
      );
      return true;
    }
    if (this.trace) {
      const args = [0, 1, 2].map((k) => hex(this.abi.arg(cpu, this.mem, k))).join(", ");
      this.trace(
        `${name}(${args}, ...) from ${this.symbolize(this.abi.returnAddress(cpu, this.mem))}`,
      );
    }
    let r;
    try {
      r = impl(call);
    } catch (e) {
      if (e instanceof GuestFault) {
        // A bad pointer handed to the C library: fault at the caller, as libSystem would inside.
        cpu.faultAddr = e.addr;
        cpu.faultAccess = e.access === "write" ? 2 : 1;
        return false;
      }
      throw e;
    }
    return this.finishCall(cpu, r);
  }

  /** Complete a host routine's result: a value, a double, a Promise or a generator. */
  private finishCall(cpu: CpuState, r: unknown): boolean | Promise<void> {
    if (this.proc.exited) return true;
    if (r === undefined) return true; // the routine set the CPU state itself
    if (typeof r === "number" || typeof r === "bigint") {
      this.abi.ret(cpu, this.mem, r);
      return true;
    }
    if (r instanceof Promise) {
      return r.then((v) => {
        this.finishCall(cpu, v);
      });
    }
    if (typeof r === "object" && r !== null && "double" in r) {
      this.abi.retDouble(cpu, this.mem, (r as { double: number }).double);
      return true;
    }
    return this.runGen(cpu, r as Generator<GuestCall, number | bigint | void, number>);
  }

  private runGen(
    cpu: CpuState,
    gen: Generator<GuestCall, number | bigint | void, number>,
  ): boolean | Promise<void> {
    const p: Pending = {
      gen,
      sp: regGet(cpu, this.abi.sp),
      lr: this.abi.sp === 31 ? regGet(cpu, 30) : 0,
    };
    return this.step(cpu, p, undefined as unknown as number);
  }

  private step(cpu: CpuState, p: Pending, value: number): boolean | Promise<void> {
    const n = p.gen.next(value);
    if (this.proc.exited) return true;
    if (n.done) {
      if (n.value === undefined) return true;
      return this.finishCall(cpu, n.value);
    }
    this.pending.push(p);
    this.abi.call(cpu, this.mem, n.value.fn, n.value.args, this.thunkOf(T_RESUME));
    return true;
  }

  /** Write a line to the trace sink, if tracing. */
  log(line: string): void {
    this.trace?.(line);
  }

  /** A guest address as `0x... (_symbol+0x12)`, from the image's symbol table. */
  symbolize(addr: number): string {
    const unslid = addr - this.slide;
    let best: { name: string; addr: number } | undefined;
    for (const s of this.sortedSymbols()) {
      if (s.addr > unslid) break;
      best = s;
    }
    const text = `0x${addr.toString(16)}`;
    if (!best || unslid - best.addr > 1 << 20) return text;
    const off = unslid - best.addr;
    return `${text} (${best.name}${off ? `+0x${off.toString(16)}` : ""})`;
  }

  private sorted?: { name: string; addr: number }[];
  private sortedSymbols(): { name: string; addr: number }[] {
    this.sorted ??= this.macho.symbols.filter((s) => !s.name.startsWith("__mh_"))
      .sort((a, b) => a.addr - b.addr);
    return this.sorted;
  }
}

function hex(n: number): string {
  return n < 0 || n > 4096 ? `0x${(n < 0 ? n + 2 ** 64 : n).toString(16)}` : String(n);
}

function writePtr(mem: AddressSpace, addr: number, value: number): void {
  mem.writeBig(addr, BigInt.asUintN(64, BigInt(value)));
}

/** Map every segment of `image` at `slide`. */
function mapImage(mem: AddressSpace, image: Image, slide: number, base: number): void {
  for (const s of image.segments) {
    const at = s.vaddr + slide;
    const end = at + s.memsz;
    if (at - base < PAGE_SIZE * 16 || end - base > STACK_TOP - STACK_SIZE - PAGE_SIZE) {
      throw new LoaderError(
        `Segment at 0x${s.vaddr.toString(16)} does not fit kitemu's window` +
          (image.macho?.pie
            ? ""
            : " (a fixed-address image must lie in the low 2 GiB of one 4 GiB window)"),
        s.fileOffset,
        "vmaddr",
      );
    }
    const len = Math.ceil(s.memsz / PAGE_SIZE) * PAGE_SIZE;
    if (mem.mapFixed(at, len, PF_R | PF_W, "") < 0) {
      throw new LoaderError("Out of memory mapping the image", s.fileOffset, "vmsize");
    }
    mem.write(at, s.data);
  }
}

/** Give every segment its protection, once the fixups are written. */
function protectImage(mem: AddressSpace, image: Image, slide: number): void {
  for (const s of image.segments) {
    const len = Math.ceil(s.memsz / PAGE_SIZE) * PAGE_SIZE;
    mem.mprotect(s.vaddr + slide, len, s.prot);
  }
}

/**
 * The Darwin personality factory (registered in `src/os/personalities.ts`).
 *
 * @example
 * ```ts
 * PERSONALITIES.darwin = darwinPersonality;
 * ```
 */
export const darwinPersonality: PersonalityFactory = (ctx) => new Darwin(ctx);

export type { Darwin };
