/**
 * The Windows personality: maps a PE32+ image (relocated when it can move),
 * binds every import to a thunk, builds the TEB, PEB and process parameters,
 * runs the TLS callbacks and the entry point, and turns calls into thunks
 * into host functions (kernel32, msvcrt) with the Win64 calling convention.
 *
 * Thunks: every import gets an 8-byte slot in a page mapped readable but not
 * executable. A guest `call`/`jmp` there makes the engine leave with
 * T_FAULT (execute access) at that address; the personality reads the
 * arguments (rcx, rdx, r8, r9, then the stack past the 32-byte shadow
 * space), runs the host function, sets rax (or xmm0), and returns to the
 * caller by popping the return address. Slot 0 is the "resume" thunk that
 * guest callbacks (TLS callbacks, atexit handlers, qsort comparators,
 * _initterm entries) return to.
 * @module
 */

import { GSH, GSL, type X86Cpu } from "../../arch/x86_64/cpu.ts";
import { T_FAULT, T_SYSCALL } from "../../engine/trap.ts";
import { LoaderError } from "../../loader/errors.ts";
import type { PeInfo } from "../../loader/pe.ts";
import { FILE_DLL, REL_DIR64, REL_HIGH, REL_HIGHLOW, REL_LOW } from "../../loader/pe.ts";
import type { AddressSpace } from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import type { Personality, PersonalityContext, PersonalityFactory } from "../personality.ts";
import { lookupExport, normalizeDll } from "./dlls.ts";
import {
  type HostFn,
  type HostGen,
  JUMPED,
  printable,
  Win64Args,
  winError,
  WinProcess,
} from "./process.ts";
import { SysError } from "../linux/errno.ts";
import { HeapError } from "../crt/heap.ts";

/** Where a relocatable image is placed (window offset): low, so addresses stay int32. */
export const RELOCATED_BASE = 0x1000_0000;
/** Import thunk slots beyond the image's own imports (GetProcAddress results). */
const EXTRA_SLOTS = 4096;
const PAGE = 4096;
const TEB_SIZE = 0x2000;
/** Exit status of a guest that called an import kitemu does not implement. */
export const EXIT_UNIMPLEMENTED = 127;

/** One thunk slot. */
interface Slot {
  dll: string;
  name: string;
  fn?: HostFn;
}

/** The thunk page: slot addresses and what they do. */
export class Thunks {
  readonly slots: Slot[] = [{ dll: "kitemu", name: "resume" }];
  private readonly byName = new Map<string, number>();
  constructor(readonly base: number, readonly capacity: number) {}

  /** Address of the thunk for dll!name (made on first use). */
  get(dll: string, name: string, fn: HostFn | undefined): number {
    const key = normalizeDll(dll) + "!" + name;
    let i = this.byName.get(key);
    if (i === undefined) {
      if (this.slots.length >= this.capacity) throw new RangeError("Out of import thunk slots");
      i = this.slots.length;
      this.slots.push({ dll, name, fn });
      this.byName.set(key, i);
    }
    return this.base + 8 * i;
  }

  /** The slot at `addr`, or undefined when `addr` is not a thunk. */
  at(addr: number): Slot | undefined {
    const off = addr - this.base;
    if (off < 0 || off % 8 !== 0) return undefined;
    return this.slots[off / 8];
  }

  contains(addr: number): boolean {
    return addr >= this.base && addr < this.base + 8 * this.capacity;
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Apply base relocations for a move by `delta`. */
function relocate(mem: AddressSpace, base: number, pe: PeInfo, delta: number): void {
  const d = BigInt(delta);
  for (const { rva, type } of pe.relocs) {
    const a = base + rva;
    switch (type) {
      case REL_DIR64:
        mem.writeBig(a, mem.readBig(a) + d);
        break;
      case REL_HIGHLOW:
        mem.writeU32(a, (mem.readU32(a) + Number(BigInt.asUintN(32, d))) >>> 0);
        break;
      case REL_HIGH:
        mem.writeU16(a, (mem.readU16(a) + Number(BigInt.asUintN(16, d >> 16n))) & 0xffff);
        break;
      case REL_LOW:
        mem.writeU16(a, (mem.readU16(a) + Number(BigInt.asUintN(16, d))) & 0xffff);
        break;
    }
  }
}

/** Write a UNICODE_STRING (Length, MaximumLength, Buffer) for `s` at `at`. */
function unicodeString(w: WinProcess, at: number, s: string): void {
  const buf = w.allocWString(s);
  w.mem.writeU16(at, s.length * 2);
  w.mem.writeU16(at + 2, s.length * 2 + 2);
  w.mem.writeU64(at + 8, buf);
}

/** Build the TEB, PEB, process parameters and the TLS block; set gs. */
function buildTeb(w: WinProcess, pe: PeInfo, stackLo: number, stackHi: number): void {
  const mem = w.mem;
  const teb = w.alloc(TEB_SIZE);
  const peb = w.alloc(0x400);
  const params = w.alloc(0x400);
  w.teb = teb;
  w.peb = peb;
  mem.writeBig(teb + 0x00, 0xffff_ffff_ffff_ffffn); // ExceptionList: none
  mem.writeU64(teb + 0x08, stackHi); // StackBase
  mem.writeU64(teb + 0x10, stackLo); // StackLimit
  mem.writeU64(teb + 0x30, teb); // Self
  mem.writeU64(teb + 0x40, 1000); // ClientId.UniqueProcess
  mem.writeU64(teb + 0x48, 1004); // ClientId.UniqueThread
  mem.writeU64(teb + 0x60, peb);
  mem.writeU64(peb + 0x10, w.imageBase); // ImageBaseAddress
  mem.writeU64(peb + 0x20, params);
  mem.writeU64(peb + 0x30, 0x10000); // ProcessHeap: a handle value (see kernel32 HeapAlloc)
  mem.writeU32(params + 0x00, 0x400); // MaximumLength
  mem.writeU32(params + 0x04, 0x400); // Length
  mem.writeU32(params + 0x08, 1); // Flags: normalized
  unicodeString(w, params + 0x38, w.cwdWin());
  unicodeString(w, params + 0x60, w.exeWin());
  unicodeString(w, params + 0x70, w.commandLine());
  mem.writeU64(params + 0x80, w.environmentW());
  // Implicit TLS (the image's .tls): one block, slot 0 of ThreadLocalStoragePointer.
  const tls = pe.tls;
  if (tls) {
    const start = tls.startVa ? tls.startVa + w.delta : 0,
      end = tls.endVa ? tls.endVa + w.delta : 0;
    const len = Math.max(0, end - start) + tls.zeroFill;
    const block = w.alloc(len + 16);
    if (end > start) mem.write(block, mem.read(start, end - start));
    const vector = w.alloc(64 * 8);
    mem.writeU64(vector, block);
    mem.writeU64(teb + 0x58, vector);
    if (tls.indexVa) mem.writeU32(tls.indexVa + w.delta, 0);
  }
  const cpu = w.cpu as X86Cpu;
  cpu.x[GSL] = teb | 0;
  cpu.x[GSH] = Math.floor(teb / 0x1_0000_0000) | 0;
}

/** Bind every import of the image: write each IAT slot. */
function bindImports(w: WinProcess, pe: PeInfo, thunks: Thunks): void {
  for (const d of pe.imports) {
    if (d.delay && d.handleRva) w.mem.writeU64(w.imageBase + d.handleRva, w.moduleHandle(d.dll));
    for (const f of d.functions) {
      const name = f.name ?? `#${f.ordinal}`;
      const e = w.resolve(d.dll, name);
      const addr = e && "data" in e ? e.data(w) : thunks.get(d.dll, name, e?.fn);
      w.mem.writeU64(w.imageBase + f.iatRva, addr);
    }
  }
}

/** Set page protections from the section characteristics (a shared page gets the union). */
function protect(
  mem: AddressSpace,
  base: number,
  pe: PeInfo,
  image: PersonalityContext["image"],
): void {
  const pages = new Map<number, number>();
  for (const s of image.segments) {
    const first = Math.floor((s.vaddr - image.minVaddr) / PAGE);
    const last = Math.floor((s.vaddr - image.minVaddr + s.memsz - 1) / PAGE);
    for (let p = first; p <= last; p++) pages.set(p, (pages.get(p) ?? 0) | s.prot);
  }
  const n = alignUp(pe.sizeOfImage, PAGE) / PAGE;
  for (let p = 0; p < n; p++) mem.mprotect(base + p * PAGE, PAGE, pages.get(p) ?? 1);
}

/** TLS callbacks, then the entry point; its return value is the exit code (ExitProcess). */
function* boot(w: WinProcess, entry: number): HostGen {
  for (const cb of w.tlsCallbacks) yield { call: cb, args: [w.imageBase, 1, 0] };
  const r = yield { call: entry, args: [] };
  yield* w.exitProcess(r | 0);
}

/**
 * The personality factory for PE32+ x86-64 images.
 *
 * @example
 * ```ts
 * PERSONALITIES.windows = windowsPersonality;
 * ```
 */
export const windowsPersonality: PersonalityFactory = (ctx: PersonalityContext): Personality => {
  const { image } = ctx;
  const pe = image.pe;
  if (!pe || image.arch !== "x86_64") {
    throw new LoaderError("Only x86-64 PE32+ images can run as Windows guests", 0, "Machine");
  }
  if (pe.characteristics & FILE_DLL) {
    throw new LoaderError("The image is a DLL, not an executable", 0, "Characteristics");
  }
  try {
    return start(ctx, pe);
  } catch (e) {
    // Memory ran out while building the process (a huge image, TLS block or stack).
    if (e instanceof GuestFault) {
      throw new LoaderError("Not enough memory to start the image", 0, "SizeOfImage");
    }
    throw e;
  }
};

/** Map, relocate and bind the image, build the process, and return the personality. */
function start(ctx: PersonalityContext, pe: PeInfo): Personality {
  const { image, mem } = ctx;
  const size = alignUp(pe.sizeOfImage, PAGE);
  const hi = Math.floor(pe.imageBase / 0x1_0000_0000);
  let base: number;
  if (pe.relocatable && mem.windowHi === 0) {
    base = pe.imageBase + size <= 0x7000_0000 ? pe.imageBase : RELOCATED_BASE;
  } else if (hi === mem.windowHi && Math.floor((pe.imageBase + size - 1) / 0x1_0000_0000) === hi) {
    // A fixed image: KitEmu made the address space in its window (Image.windowHi).
    base = pe.imageBase;
  } else {
    throw new LoaderError(
      `Image at 0x${pe.imageBase.toString(16)} has no relocations and cannot be placed`,
      0,
      "ImageBase",
    );
  }
  const w = new WinProcess(ctx);
  w.imageBase = base;
  w.delta = base - pe.imageBase;
  if (mem.mapFixed(base, size, 3, ctx.programPath) < 0) {
    throw new LoaderError("Not enough memory for the image", 0, "SizeOfImage");
  }
  for (const s of image.segments) {
    if (s.filesz > 0) mem.write(s.vaddr + w.delta, s.data);
  }
  if (w.delta !== 0) relocate(mem, base, pe, w.delta);
  // ImageBase in the mapped headers, as the Windows loader leaves it.
  const lfanew = mem.readU32(base + 0x3c);
  mem.writeU64(base + lfanew + 24 + 24, base);

  const nSlots = 1 + pe.imports.reduce((n, d) => n + d.functions.length, 0) + EXTRA_SLOTS;
  const thunkBase = mem.mmap(0, alignUp(nSlots * 8, PAGE), 1, 0x22, "[import thunks]");
  if (thunkBase < 0) throw new LoaderError("Not enough memory for import thunks", 0, "ImportTable");
  const thunks = new Thunks(thunkBase, alignUp(nSlots * 8, PAGE) / 8);
  w.resumeAddr = thunkBase;
  w.resolve = (dll, name) => {
    const own = ctx.resolveImport?.(dll, name);
    if (own) return { fn: (_w, a) => own([0, 1, 2, 3, 4, 5, 6, 7].map((i) => a.n(i))) };
    return lookupExport(dll, name);
  };
  w.thunkFor = (dll, name) => {
    const e = w.resolve(dll, name);
    if (e && "data" in e) return e.data(w);
    if (!e) return 0;
    try {
      return thunks.get(dll, name, e.fn);
    } catch (err) {
      if (err instanceof RangeError) return 0; // out of thunk slots
      throw err;
    }
  };
  w.scratch = w.mapData(PAGE * 2, "[scratch]");

  // The stack: the image's reserve, 1 to 8 MiB.
  const stackSize = alignUp(Math.min(Math.max(pe.stackReserve, 1 << 20), 8 << 20), PAGE);
  const stackLo = w.mapData(stackSize, "[stack]");
  const stackHi = stackLo + stackSize;
  buildTeb(w, pe, stackLo, stackHi);
  bindImports(w, pe, thunks);
  protect(mem, base, pe, image);

  const cpu = ctx.cpu as X86Cpu;
  const sp0 = stackHi - 0x100;
  mem.writeU64(sp0, 0);
  w.sp = sp0;
  w.tlsCallbacks = (pe.tls?.callbacks ?? []).map((c) => c + w.delta);
  w.step(boot(w, image.entry + w.delta), sp0, "start", 0);

  const hex = (n: number) => "0x" + n.toString(16);
  const stderr = (s: string) => ctx.proc.stdio.error.write(new TextEncoder().encode(s + "\n"));
  return {
    trap(code, c) {
      if (code === T_SYSCALL) {
        // Windows programs reach the kernel through ntdll, never with raw Linux system calls.
        stderr(`kitemu: raw system call at pc ${hex(c.pc)} (not supported for Windows guests)`);
        w.exit(EXIT_UNIMPLEMENTED);
        return true;
      }
      if (code !== T_FAULT || c.faultAccess !== 4 || !thunks.contains(c.pc)) return false;
      const slot = thunks.at(c.pc);
      if (c.pc === thunks.base) return w.resume(); // false: no callback waits (a stray jump)
      const sp = w.sp;
      const ret = mem.check(sp, 8, 1) ? mem.readU64(sp) : 0;
      if (!slot || !slot.fn) {
        const name = slot ? printable(`${slot.dll}!${slot.name}`) : `thunk ${hex(c.pc)}`;
        stderr(`kitemu: unimplemented import ${name} called (return address ${hex(ret)})`);
        w.exit(EXIT_UNIMPLEMENTED);
        return true;
      }
      const a = new Win64Args(cpu, mem, sp);
      const label = printable(`${slot.dll}!${slot.name}`);
      let r;
      try {
        r = slot.fn(w, a);
      } catch (e) {
        if (e instanceof SysError) {
          // A host-side failure with an errno (a path too long...): the call fails.
          w.lastError = winError(e.errno);
          w.setResult(0);
          w.returnTo(sp);
          return true;
        }
        if (e instanceof HeapError) {
          // A bad free or realloc: Windows raises STATUS_HEAP_CORRUPTION; end the guest.
          stderr(`kitemu: heap corruption in ${label}: ${e.message}`);
          w.exit(3);
          return true;
        }
        if (!(e instanceof GuestFault)) throw e;
        stderr(`kitemu: access violation in ${label} at address ${hex(e.addr)}`);
        c.faultAddr = e.addr;
        c.faultAccess = e.access === "write" ? 2 : 1;
        c.pc = ret;
        return false;
      }
      if (w.trace) {
        const args = [0, 1, 2, 3].map((i) => hex(Number(BigInt.asUintN(64, a.big(i)))));
        w.trace(`${label}(${args.join(", ")}) from ${hex(ret)}`);
      }
      if (ctx.proc.exited) return true;
      if (r instanceof Promise) {
        return r.then((v) => {
          if (ctx.proc.exited || v === JUMPED) return;
          w.setResult(v);
          w.returnTo(sp);
        });
      }
      if (r !== null && typeof r === "object" && "next" in r) {
        w.step(r as HostGen, sp, label, 0);
        return true;
      }
      if (r === JUMPED) return true;
      w.setResult(r as Exclude<typeof r, HostGen>);
      w.returnTo(sp);
      return true;
    },
  };
}
