/**
 * The state of one Windows guest and the machinery its imported functions
 * share: Win64 argument access, calls back into guest code (generators),
 * handles, the last-error value, Windows paths mapped onto the sandbox, and
 * a bridge to the Linux system call implementations (which do every host
 * access through the resolver and Deno's permissions).
 * @module
 */

import { type CpuState, regGet, regGetBig, regSet } from "../../arch/isa.ts";
import type { X86Cpu } from "../../arch/x86_64/cpu.ts";
import { type AddressSpace, PF_R } from "../../memory/address_space.ts";
import { GuestFault } from "../../memory/errors.ts";
import { SysArgs } from "../linux/args.ts";
import { SysError } from "../linux/errno.ts";
import type { LinuxProcess } from "../linux/process.ts";
import type { SyscallHandler } from "../linux/syscalls.ts";
import type { PersonalityContext } from "../personality.ts";

/** Registers of the first four Win64 integer arguments: rcx, rdx, r8, r9. */
const ARG_REGS = [1, 2, 8, 9];
const RAX = 0, RSP = 4;

/** A request, yielded by a host function, to call guest code. */
export interface GuestCall {
  /** Guest address of the function. */
  call: number;
  /** Integer arguments (Win64 convention). */
  args: number[];
  /** Place the call's frame below this address too (records the host function keeps there). */
  stackTop?: number;
}

/** Returned by a host function that set pc and rsp itself (longjmp): no return to the caller. */
export const JUMPED: { readonly jumped: true } = { jumped: true };

/** What a host function returns: rax (number or bigint), a double for xmm0, nothing, or JUMPED. */
export type HostValue = number | bigint | { f64: number } | typeof JUMPED | void;

/** A host function that calls back into the guest: yields calls, is resumed with rax. */
export type HostGen = Generator<GuestCall, HostValue, number>;

/** An imported function implemented by kitemu. */
export type HostFn = (w: WinProcess, a: Win64Args) => HostValue | HostGen | Promise<HostValue>;

/** What an import binds to: a function (through a thunk) or a data object (its address). */
export type Export = { fn: HostFn } | { data: (w: WinProcess) => number };

/** Win64 arguments of the current import call (rsp points at the return address). */
export class Win64Args {
  constructor(readonly cpu: X86Cpu, readonly mem: AddressSpace, readonly sp: number) {}

  /** Address of stack argument slot i (i >= 4; slots 0-3 are the shadow space). */
  slot(i: number): number {
    return this.sp + 8 + 8 * i;
  }

  /** Argument i as a signed 64-bit number (pointers, sizes). */
  n(i: number): number {
    if (i < 4) return regGet(this.cpu, ARG_REGS[i]);
    return this.mem.readI64(this.slot(i));
  }

  /** Argument i as an unsigned 64-bit bigint. */
  big(i: number): bigint {
    if (i < 4) return regGetBig(this.cpu, ARG_REGS[i]);
    return this.mem.readBig(this.slot(i));
  }

  /** Argument i as a C int. */
  i32(i: number): number {
    if (i < 4) return this.cpu.x[2 * ARG_REGS[i]];
    return this.mem.readI32(this.slot(i));
  }

  /** Argument i as a DWORD / unsigned int. */
  u32(i: number): number {
    return this.i32(i) >>> 0;
  }

  /** Argument i as a double (xmm0-3 for the first four). */
  f64(i: number): number {
    if (i < 4) return this.cpu.xd[i * 2];
    return this.mem.dv.getFloat64(this.mem.access(this.slot(i), 8, PF_R), true);
  }

  /** Argument i as a float (xmm0-3 for the first four). */
  f32(i: number): number {
    if (i < 4) return this.cpu.xf[i * 4];
    return this.mem.dv.getFloat32(this.mem.access(this.slot(i), 4, PF_R), true);
  }

  /** The raw 64 bits of variadic slot i (integers and doubles alike), as a bigint. */
  rawBig(i: number): bigint {
    return this.big(i);
  }
}

/** An open kernel32 handle. */
export type WinHandle =
  | { kind: "file"; fd: number; path: string; append: boolean }
  | {
    kind: "find";
    entries: { name: string; attrs: number; size: number; mtime: number }[];
    pos: number;
  }
  | { kind: "heap" }
  | { kind: "event"; signaled: boolean; manual: boolean }
  | { kind: "mutex"; held: number }
  | { kind: "semaphore"; count: number; max: number }
  | { kind: "module"; name: string };

/** Win32 error codes. */
export const ERROR_SUCCESS = 0;
export const ERROR_INVALID_FUNCTION = 1;
export const ERROR_FILE_NOT_FOUND = 2;
export const ERROR_PATH_NOT_FOUND = 3;
export const ERROR_TOO_MANY_OPEN_FILES = 4;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_INVALID_HANDLE = 6;
export const ERROR_NOT_ENOUGH_MEMORY = 8;
export const ERROR_NO_MORE_FILES = 18;
export const ERROR_HANDLE_EOF = 38;
export const ERROR_FILE_EXISTS = 80;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_INSUFFICIENT_BUFFER = 122;
export const ERROR_MOD_NOT_FOUND = 126;
export const ERROR_PROC_NOT_FOUND = 127;
export const ERROR_DIR_NOT_EMPTY = 145;
export const ERROR_ALREADY_EXISTS = 183;
export const ERROR_ENVVAR_NOT_FOUND = 203;

/** Linux errno → Win32 error. */
export function winError(errno: number): number {
  switch (errno) {
    case 2:
      return ERROR_FILE_NOT_FOUND;
    case 20:
      return ERROR_PATH_NOT_FOUND;
    case 1:
    case 13:
    case 21:
    case 30:
      return ERROR_ACCESS_DENIED;
    case 9:
      return ERROR_INVALID_HANDLE;
    case 12:
      return ERROR_NOT_ENOUGH_MEMORY;
    case 17:
      return ERROR_FILE_EXISTS;
    case 24:
      return ERROR_TOO_MANY_OPEN_FILES;
    case 39:
      return ERROR_DIR_NOT_EMPTY;
    case 22:
      return ERROR_INVALID_PARAMETER;
    default:
      return ERROR_INVALID_FUNCTION;
  }
}

/** The Linux AT_FDCWD. */
export const AT_FDCWD = -100;

/** One guest callback frame: the host generator waiting for a guest function to return. */
interface Frame {
  gen: HostGen;
  /** rsp at the import call (pointing at its return address). */
  sp: number;
  /** Import name, for traces. */
  name: string;
}

/** The state of a running Windows guest. */
export class WinProcess {
  readonly proc: LinuxProcess;
  readonly mem: AddressSpace;
  readonly cpu: X86Cpu;
  readonly ctx: PersonalityContext;
  /** Where the image was mapped, and how far from its preferred base. */
  imageBase = 0;
  delta = 0;
  /** GetLastError. */
  lastError = 0;
  /** Open handles by value. */
  readonly handles: Map<number, WinHandle> = new Map();
  private nextHandle = 0x1000;
  /** TEB and PEB addresses. */
  teb = 0;
  peb = 0;
  /** Guest-visible strings and tables made once (command line, environment block...). */
  readonly cache: Map<string, number> = new Map();
  /** The scratch page for passing paths to the Linux layer. */
  scratch = 0;
  /** Bump allocator for permanent guest data. */
  private dataPtr = 0;
  private dataEnd = 0;
  /** Pending guest callbacks, innermost last. */
  readonly frames: Frame[] = [];
  /** Address guest callbacks return to (a thunk). */
  resumeAddr = 0;
  /** Host services for the CRT (set by msvcrt when first needed). */
  readonly crt: Record<string, unknown> = {};
  /** Run at exit (flush C streams...). */
  readonly exitHooks: (() => void)[] = [];
  /** Import traces (--trace=syscall). */
  trace?: (line: string) => void;
  /** Resolve dll!name (embedder bindings first, then kitemu's DLLs); set by the personality. */
  resolve: (dll: string, name: string) => Export | undefined = () => undefined;
  /** The address GetProcAddress returns for dll!name, or 0; set by the personality. */
  thunkFor: (dll: string, name: string) => number = () => 0;
  /** Module handles of loaded DLLs by lower-case name. */
  readonly modules: Map<string, number> = new Map();

  constructor(ctx: PersonalityContext) {
    this.ctx = ctx;
    this.proc = ctx.proc;
    this.mem = ctx.mem;
    this.cpu = ctx.cpu as X86Cpu;
    this.trace = ctx.trace;
  }

  // ---- guest memory -------------------------------------------------------------

  /** Map `len` bytes of fresh read-write memory (top-down); throws when memory runs out. */
  mapData(len: number, name: string): number {
    const a = this.mem.mmap(0, len, 3, 0x22, name);
    if (a < 0) throw new GuestFault("SIGSEGV", -1, 0, "write");
    return a;
  }

  /** Permanent guest data (never freed), 16-byte aligned. */
  alloc(len: number): number {
    len = Math.ceil(Math.max(len, 1) / 16) * 16;
    if (this.dataPtr + len > this.dataEnd) {
      const size = Math.max(65536, Math.ceil(len / 4096) * 4096);
      this.dataPtr = this.mapData(size, "[windows data]");
      this.dataEnd = this.dataPtr + size;
    }
    const a = this.dataPtr;
    this.dataPtr += len;
    return a;
  }

  /** A NUL-terminated byte string in permanent guest data. */
  allocString(s: string | Uint8Array): number {
    const b = typeof s === "string" ? new TextEncoder().encode(s) : s;
    const a = this.alloc(b.length + 1);
    this.mem.write(a, b);
    this.mem.writeU8(a + b.length, 0);
    return a;
  }

  /** A NUL-terminated UTF-16LE string in permanent guest data. */
  allocWString(s: string): number {
    const a = this.alloc(s.length * 2 + 2);
    writeW(this.mem, a, s);
    return a;
  }

  // ---- process facts ----------------------------------------------------------------

  /** The current directory, Windows style (C:\...). */
  cwdWin(): string {
    return "C:" + this.proc.cwd.replace(/\//g, "\\");
  }

  /** The program's path, Windows style. */
  exeWin(): string {
    const p = this.ctx.programPath;
    return p.startsWith("/") ? "C:" + p.replace(/\//g, "\\") : p.replace(/\//g, "\\");
  }

  /** The command line: argv quoted as the CRT parses it back. */
  commandLine(): string {
    return this.ctx.argv.map(quoteArg).join(" ");
  }

  /** The environment as K=V strings. */
  get env(): string[] {
    return this.proc.env;
  }

  /** The environment block (UTF-16, K=V\0...\0\0), made once. */
  environmentW(): number {
    let a = this.cache.get("envW");
    if (a === undefined) {
      const s = this.env.map((e) => e + "\0").join("") + "\0";
      a = this.alloc(s.length * 2 + 2);
      writeW(this.mem, a, s);
      this.cache.set("envW", a);
    }
    return a;
  }

  /** The environment block in bytes (K=V\0...\0\0), made once. */
  environmentA(): number {
    let a = this.cache.get("envA");
    if (a === undefined) {
      a = this.allocString(this.env.map((e) => e + "\0").join(""));
      this.cache.set("envA", a);
    }
    return a;
  }

  /** The handle of a DLL (made on first use), or the image's for null. */
  moduleHandle(dll: string | null): number {
    if (dll === null) return this.imageBase;
    const key = dll.toLowerCase().replace(/\.dll$/, "");
    let h = this.modules.get(key);
    if (h === undefined) {
      h = this.alloc(64);
      this.mem.writeU16(h, 0x5a4d);
      this.modules.set(key, h);
    }
    return h;
  }

  /** The DLL name of a module handle, or null (the image's handle gives ""). */
  moduleName(h: number): string | null {
    if (h === 0 || h === this.imageBase) return "";
    for (const [k, v] of this.modules) if (v === h) return k;
    return null;
  }

  // ---- handles ----------------------------------------------------------------------

  /** Register a handle; returns its value. */
  addHandle(h: WinHandle): number {
    const v = this.nextHandle;
    this.nextHandle += 4;
    this.handles.set(v, h);
    return v;
  }

  /** The file descriptor behind a file handle (standard handles included), or -1. */
  fdOf(handle: number): number {
    const h = this.handles.get(handle);
    return h && h.kind === "file" ? h.fd : -1;
  }

  // ---- the Linux layer ------------------------------------------------------------

  /**
   * Call a Linux system call implementation with these arguments. Returns its
   * result (a negative errno on failure), or a Promise of it when it waits.
   */
  linux(handler: SyscallHandler, ...vals: number[]): number | Promise<number> {
    const abi = {
      number: () => 0,
      arg: (_c: CpuState, i: number) => vals[i] ?? 0,
      argBig: (_c: CpuState, i: number) => BigInt.asUintN(64, BigInt(vals[i] ?? 0)),
      setResult: () => {},
      sp: () => 0,
      setSp: () => {},
    };
    const args = new SysArgs(this.cpu, abi);
    const fail = (e: unknown): number => {
      if (e instanceof SysError) return -e.errno;
      if (e instanceof GuestFault) return -14;
      throw e;
    };
    try {
      const r = handler(this.proc, args);
      return typeof r === "number" ? r : r.catch(fail);
    } catch (e) {
      return fail(e);
    }
  }

  /** As {@link linux}, for calls that never wait. */
  linuxSync(handler: SyscallHandler, ...vals: number[]): number {
    const r = this.linux(handler, ...vals);
    if (typeof r !== "number") throw new Error("A Linux call waited where it cannot");
    return r;
  }

  /** Put a host path into the scratch page (for the Linux layer); returns its address. */
  scratchPath(path: string): number {
    const b = new TextEncoder().encode(path);
    if (b.length >= 4095) throw new SysError(36);
    this.mem.write(this.scratch, b);
    this.mem.writeU8(this.scratch + b.length, 0);
    return this.scratch;
  }

  /** Set the last error from a negative Linux result; returns it (Win32 value). */
  failErrno(r: number): number {
    this.lastError = winError(-r);
    return this.lastError;
  }

  // ---- registers ---------------------------------------------------------------------

  /** rsp. */
  get sp(): number {
    return regGet(this.cpu, RSP);
  }
  set sp(v: number) {
    regSet(this.cpu, RSP, v);
  }

  /** Store a host function's result in rax / xmm0. */
  setResult(v: HostValue): void {
    if (v === undefined || v === JUMPED) return;
    if (typeof v === "number") regSet(this.cpu, RAX, v);
    else if (typeof v === "bigint") {
      this.cpu.x[0] = Number(BigInt.asIntN(32, v));
      this.cpu.x[1] = Number(BigInt.asIntN(32, v >> 32n));
    } else {
      this.cpu.xd[0] = (v as { f64: number }).f64;
      this.cpu.xd[1] = 0;
    }
  }

  /** Return from the import call whose rsp was `sp` (pop the return address). */
  returnTo(sp: number): void {
    this.cpu.pc = this.mem.readU64(sp);
    this.sp = sp + 8;
  }

  /**
   * Start a guest call for generator `gen` (called from the import whose rsp
   * was `sp`): shadow space, stack arguments, the resume thunk as return address.
   */
  enterGuest(gen: HostGen, sp: number, name: string, req: GuestCall): void {
    this.frames.push({ gen, sp, name });
    const nstack = Math.max(0, req.args.length - 4);
    let s = Math.min(sp, req.stackTop ?? sp) - 64 - 8 * nstack;
    s -= s % 16;
    for (let i = 4; i < req.args.length; i++) this.mem.writeU64(s + 32 + 8 * (i - 4), req.args[i]);
    s -= 8;
    this.mem.writeU64(s, this.resumeAddr);
    this.sp = s;
    for (let i = 0; i < 4; i++) regSet(this.cpu, ARG_REGS[i], req.args[i] ?? 0);
    this.cpu.pc = req.call;
  }

  /**
   * Drive generator `gen` one step with `input`: the next guest call, or its
   * end (result stored, return to the import's caller).
   */
  step(gen: HostGen, sp: number, name: string, input: number): void {
    const r = gen.next(input);
    if (this.proc.exited) return;
    if (r.done) {
      if (r.value === JUMPED) return;
      this.setResult(r.value);
      this.returnTo(sp);
      return;
    }
    this.enterGuest(gen, sp, name, r.value);
  }

  /** Callbacks whose frames lie below `sp` were abandoned (a longjmp past them). */
  dropFramesBelow(sp: number): void {
    while (this.frames.length > 0 && this.frames[this.frames.length - 1].sp < sp) this.frames.pop();
  }

  /** A guest callback returned to the resume thunk: continue its generator (false: none waits). */
  resume(): boolean {
    const f = this.frames.pop();
    if (!f) return false;
    this.step(f.gen, f.sp, f.name, regGet(this.cpu, RAX));
    return true;
  }

  /** TLS callbacks of the image (run with DLL_PROCESS_ATTACH at start, DETACH at exit). */
  tlsCallbacks: number[] = [];
  private exiting = false;

  /**
   * ExitProcess: the TLS callbacks with DLL_PROCESS_DETACH (0), then the end.
   * A second ExitProcess from inside them ends the guest at once.
   */
  *exitProcess(code: number): HostGen {
    if (!this.exiting) {
      this.exiting = true;
      for (const cb of this.tlsCallbacks) yield { call: cb, args: [this.imageBase, 0, 0] };
    }
    this.exit(code);
  }

  /** End the guest with an exit code (after the exit hooks). */
  exit(code: number): void {
    for (const h of this.exitHooks.splice(0)) h();
    this.proc.exit(code);
    this.proc.exitCode = code & 0xff;
  }
}

/** Quote one argument the way CommandLineToArgvW and the CRT parse it back. */
export function quoteArg(s: string): string {
  if (s !== "" && !/[ \t"]/.test(s)) return s;
  let out = '"';
  let bs = 0;
  for (const c of s) {
    if (c === "\\") {
      bs++;
      continue;
    }
    if (c === '"') out += "\\".repeat(bs * 2 + 1) + '"';
    else out += "\\".repeat(bs) + c;
    bs = 0;
  }
  return out + "\\".repeat(bs * 2) + '"';
}

/** Write a UTF-16LE string with its NUL. */
export function writeW(mem: AddressSpace, addr: number, s: string): void {
  const b = new Uint8Array(s.length * 2 + 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    b[2 * i] = c & 0xff;
    b[2 * i + 1] = c >> 8;
  }
  mem.write(addr, b);
}

/** Read a NUL-terminated UTF-16LE string (at most `max` units). */
export function readW(mem: AddressSpace, addr: number, max = 32768): string {
  let s = "";
  for (let i = 0; i < max; i++) {
    const c = mem.readU16(addr + 2 * i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Guest-controlled text made safe for a terminal: control characters become \xNN. */
export function printable(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) ? "\\x" + c.toString(16).padStart(2, "0") : ch;
  }
  return out;
}

/** Read a NUL-terminated byte string as latin-1/UTF-8 text. */
export function readA(mem: AddressSpace, addr: number, max = 32768): string {
  const b = mem.readCString(addr, max);
  if (b === null) throw new SysError(36);
  return new TextDecoder().decode(b);
}

/**
 * A Windows path as a host path for the sandbox resolver: `\` and `/` both
 * separate; a drive letter (`C:`) names the root; `NUL` is /dev/null.
 * Relative paths stay relative (to the guest's current directory).
 */
export function hostPathOf(win: string): string {
  let p = win.replace(/\\/g, "/");
  if (/^\/\/[?.]\//.test(p)) p = p.slice(4);
  if (/^[A-Za-z]:/.test(p)) p = p.slice(2) || ".";
  if (/^nul$/i.test(p)) return "/dev/null";
  return p;
}
