/**
 * Structured exception handling for Windows guests, enough for the CRT and
 * for C++ exceptions of mingw-w64 programs (libgcc's SEH unwinder):
 * RtlVirtualUnwind (the x64 UNWIND_INFO interpreter), RaiseException (the
 * dispatch: each frame's language handler is called, as ntdll's
 * RtlDispatchException does), RtlUnwindEx (the unwind: handlers called with
 * EXCEPTION_UNWINDING, then the target context installed) and
 * RtlCaptureContext. The layouts follow the Win64 ABI documentation
 * (CONTEXT, EXCEPTION_RECORD, DISPATCHER_CONTEXT, UNWIND_INFO).
 *
 * Handlers run on the guest stack below the caller of RaiseException or
 * RtlUnwindEx and return to the "resume" thunk. A walk that meets the resume
 * thunk as a return address continues at the frame whose handler was being
 * called (what the ntdll dispatcher frames would unwind to on Windows).
 * @module
 */

import type { X86Cpu } from "../../arch/x86_64/cpu.ts";
import type { AddressSpace } from "../../memory/address_space.ts";
import {
  type HostGen,
  type HostValue,
  JUMPED,
  type Win64Args,
  type WinProcess,
} from "./process.ts";

/** CONTEXT (x64) field offsets. */
const C_FLAGS = 0x30, C_MXCSR = 0x34, C_EFLAGS = 0x44, C_GPR = 0x78, C_RIP = 0xf8, C_XMM = 0x1a0;
/** sizeof(CONTEXT). */
export const CONTEXT_SIZE = 0x4d0;
const EXCEPTION_NONCONTINUABLE = 1, EXCEPTION_UNWINDING = 2, EXCEPTION_TARGET_UNWIND = 0x20;
const UNW_FLAG_EHANDLER = 1, UNW_FLAG_UHANDLER = 2, UNW_FLAG_CHAININFO = 4;
const RSP = 4;
const MAX_FRAMES = 10000;

/** A register context on the host side. */
export interface Ctx {
  /** rax..r15 as unsigned 64-bit values. */
  r: bigint[];
  rip: number;
  /** xmm0-15, 16 bytes each. */
  xmm: Uint8Array;
  mxcsr: number;
}

function copyCtx(c: Ctx): Ctx {
  return { r: [...c.r], rip: c.rip, xmm: c.xmm.slice(), mxcsr: c.mxcsr };
}

const num = (v: bigint): number => Number(BigInt.asUintN(64, v));

/** The CPU's registers as a context, with rsp and rip given (the caller's view). */
export function cpuCtx(cpu: X86Cpu, rsp: number, rip: number): Ctx {
  const r: bigint[] = [];
  for (let i = 0; i < 16; i++) {
    r.push((BigInt(cpu.x[2 * i + 1] >>> 0) << 32n) | BigInt(cpu.x[2 * i] >>> 0));
  }
  r[RSP] = BigInt(rsp);
  return { r, rip, xmm: cpu.xb.slice(0, 256), mxcsr: cpu.mxcsr };
}

/** Install a context into the CPU (RtlRestoreContext). */
function restore(cpu: X86Cpu, c: Ctx): void {
  for (let i = 0; i < 16; i++) {
    cpu.x[2 * i] = Number(BigInt.asIntN(32, c.r[i]));
    cpu.x[2 * i + 1] = Number(BigInt.asIntN(32, c.r[i] >> 32n));
  }
  cpu.xb.set(c.xmm, 0);
  cpu.mxcsr = c.mxcsr;
  cpu.pc = c.rip;
}

/** Write a context as a CONTEXT structure. */
export function writeCtx(mem: AddressSpace, at: number, c: Ctx): void {
  mem.fill(at, CONTEXT_SIZE, 0);
  mem.writeU32(at + C_FLAGS, 0x10001f); // CONTEXT_ALL (AMD64)
  mem.writeU32(at + C_MXCSR, c.mxcsr);
  mem.writeU32(at + C_EFLAGS, 0x202);
  for (let i = 0; i < 16; i++) mem.writeBig(at + C_GPR + 8 * i, c.r[i]);
  mem.writeU64(at + C_RIP, c.rip);
  mem.writeU16(at + 0x100, 0x27f); // FltSave.ControlWord
  mem.writeU32(at + 0x100 + 24, c.mxcsr); // FltSave.MxCsr
  mem.write(at + C_XMM, c.xmm);
}

/** Read a CONTEXT structure. */
export function readCtx(mem: AddressSpace, at: number): Ctx {
  const r: bigint[] = [];
  for (let i = 0; i < 16; i++) r.push(mem.readBig(at + C_GPR + 8 * i));
  return {
    r,
    rip: mem.readU64(at + C_RIP),
    xmm: mem.read(at + C_XMM, 256).slice(),
    mxcsr: mem.readU32(at + C_MXCSR),
  };
}

/** The image's RUNTIME_FUNCTION for `pc` (its address), or 0. */
export function lookupFunction(w: WinProcess, pc: number): number {
  const pe = w.ctx.image.pe;
  if (!pe || !pe.exceptionSize) return 0;
  const rva = pc - w.imageBase;
  if (rva < 0 || rva >= pe.sizeOfImage) return 0;
  const table = w.imageBase + pe.exceptionRva;
  let lo = 0, hi = Math.floor(pe.exceptionSize / 12) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = table + mid * 12;
    const begin = w.mem.readU32(e), end = w.mem.readU32(e + 4);
    if (rva < begin) hi = mid - 1;
    else if (rva >= end) lo = mid + 1;
    else return e;
  }
  return 0;
}

/** What {@link virtualUnwind} found. */
export interface Unwound {
  handler: number;
  handlerData: number;
  establisher: number;
}

/**
 * Undo the prolog of the function at `entry` (RUNTIME_FUNCTION address) for
 * `pc` in context `c` (updated in place to the caller's context). Returns the
 * language handler of the requested kind, its data and the establisher frame.
 */
export function virtualUnwind(
  mem: AddressSpace,
  imageBase: number,
  pc: number,
  entry: number,
  c: Ctx,
  type: number,
): Unwound {
  let handler = 0, handlerData = 0, establisher = 0, machFrame = false;
  for (let depth = 0; depth < 32; depth++) {
    const begin = imageBase + mem.readU32(entry);
    const info = imageBase + mem.readU32(entry + 8);
    const flags = mem.readU8(info) >> 3;
    const count = mem.readU8(info + 2);
    const fr = mem.readU8(info + 3);
    const frameReg = fr & 15, frameOff = (fr >> 4) * 16;
    const offset = depth === 0 ? pc - begin : Infinity; // chained parts: the whole prolog ran
    const frame = frameReg ? num(c.r[frameReg]) - frameOff : num(c.r[RSP]);
    if (depth === 0) establisher = frame;
    const code = (i: number) => mem.readU16(info + 4 + 2 * i);
    for (let i = 0; i < count;) {
      const slot = code(i);
      const at = slot & 255, op = (slot >> 8) & 15, opInfo = slot >> 12;
      const done = at <= offset; // only prolog operations that already ran
      let n = 1;
      switch (op) {
        case 0: // UWOP_PUSH_NONVOL
          if (done) {
            c.r[opInfo] = mem.readBig(num(c.r[RSP]));
            c.r[RSP] += 8n;
          }
          break;
        case 1: { // UWOP_ALLOC_LARGE
          n = opInfo === 0 ? 2 : 3;
          const size = opInfo === 0 ? code(i + 1) * 8 : code(i + 1) + code(i + 2) * 65536;
          if (done) c.r[RSP] += BigInt(size);
          break;
        }
        case 2: // UWOP_ALLOC_SMALL
          if (done) c.r[RSP] += BigInt(opInfo * 8 + 8);
          break;
        case 3: // UWOP_SET_FPREG
          if (done) c.r[RSP] = BigInt.asUintN(64, c.r[frameReg] - BigInt(frameOff));
          break;
        case 4: // UWOP_SAVE_NONVOL
          n = 2;
          if (done) c.r[opInfo] = mem.readBig(frame + code(i + 1) * 8);
          break;
        case 5: // UWOP_SAVE_NONVOL_FAR
          n = 3;
          if (done) c.r[opInfo] = mem.readBig(frame + code(i + 1) + code(i + 2) * 65536);
          break;
        case 6: // UWOP_EPILOG (version 2): descriptors only
          n = 2;
          break;
        case 8: // UWOP_SAVE_XMM128
          n = 2;
          if (done) c.xmm.set(mem.read(frame + code(i + 1) * 16, 16), opInfo * 16);
          break;
        case 9: // UWOP_SAVE_XMM128_FAR
          n = 3;
          if (done) c.xmm.set(mem.read(frame + code(i + 1) + code(i + 2) * 65536, 16), opInfo * 16);
          break;
        case 10: { // UWOP_PUSH_MACHFRAME
          if (done) {
            let sp = num(c.r[RSP]);
            if (opInfo) sp += 8;
            c.rip = mem.readU64(sp);
            c.r[RSP] = mem.readBig(sp + 24);
            machFrame = true;
          }
          break;
        }
        default:
          throw new RangeError(`Unknown unwind operation ${op}`);
      }
      i += n;
    }
    const tail = info + 4 + 2 * (count + (count & 1));
    if (flags & UNW_FLAG_CHAININFO) {
      entry = tail;
      continue;
    }
    if (flags & type & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER)) {
      handler = imageBase + mem.readU32(tail);
      handlerData = tail + 4;
    }
    break;
  }
  if (!machFrame) {
    c.rip = mem.readU64(num(c.r[RSP]));
    c.r[RSP] += 8n;
  }
  return { handler, handlerData, establisher };
}

/**
 * A handler being called: where a walk that crosses the resume thunk continues (the raise
 * point for a dispatch, the frame being unwound for an unwind: a collided unwind).
 */
interface Active {
  frame: Ctx;
  sp: number;
}

function active(w: WinProcess): Active[] {
  return (w.crt.sehActive ??= []) as Active[];
}

/**
 * One step of a stack walk: the function entry of `c`'s frame, after crossing
 * resume thunks (back to the frame whose handler was called) and leaf frames.
 * Returns 0 at the end of the stack (or on a broken one).
 */
function frameEntry(w: WinProcess, c: Ctx, seen: { depth: number }): number {
  const list = active(w);
  for (let guard = 0; guard < 64; guard++) {
    if (c.rip === w.resumeAddr) {
      if (seen.depth <= 0) return 0;
      const outer = copyCtx(list[--seen.depth].frame);
      Object.assign(c, outer);
      continue;
    }
    const e = lookupFunction(w, c.rip);
    if (e) return e;
    // A leaf function (no unwind data) inside the image: its return address is at rsp.
    if (c.rip < w.imageBase || c.rip >= w.imageBase + (w.ctx.image.pe?.sizeOfImage ?? 0)) return 0;
    const sp = num(c.r[RSP]);
    if (!w.mem.check(sp, 8, 1)) return 0;
    c.rip = w.mem.readU64(sp);
    c.r[RSP] += 8n;
  }
  return 0;
}

/** Guest memory for the records of one dispatch, below `sp` (16-aligned). */
function scratchBelow(
  sp: number,
): { rec: number; ctx: number; walk: number; disp: number; top: number } {
  const top = (sp - 0x1000) & ~15;
  return {
    rec: top,
    ctx: top + 0xa0,
    walk: top + 0xa0 + CONTEXT_SIZE,
    disp: top + 0xa0 + 2 * CONTEXT_SIZE,
    top,
  };
}

function writeDisp(
  mem: AddressSpace,
  at: number,
  pc: number,
  imageBase: number,
  entry: number,
  u: Unwound,
  ctxRecord: number,
  targetIp: number,
): void {
  mem.fill(at, 80, 0);
  mem.writeU64(at, pc);
  mem.writeU64(at + 8, imageBase);
  mem.writeU64(at + 16, entry);
  mem.writeU64(at + 24, u.establisher);
  mem.writeU64(at + 32, targetIp);
  mem.writeU64(at + 40, ctxRecord);
  mem.writeU64(at + 48, u.handler);
  mem.writeU64(at + 56, u.handlerData);
}

/** RaiseException(code, flags, nargs, args): dispatch to the frames' language handlers. */
export function* raiseException(w: WinProcess, a: Win64Args): HostGen {
  const mem = w.mem, cpu = w.cpu;
  const code = a.u32(0), flags = a.u32(1) & EXCEPTION_NONCONTINUABLE;
  const nargs = Math.min(a.u32(2), 15), args = a.n(3);
  const s = scratchBelow(a.sp);
  const orig = cpuCtx(cpu, a.sp + 8, mem.readU64(a.sp));
  mem.fill(s.rec, 0xa0, 0);
  mem.writeU32(s.rec, code);
  mem.writeU32(s.rec + 4, flags);
  mem.writeU64(s.rec + 16, orig.rip); // ExceptionAddress
  mem.writeU32(s.rec + 24, nargs);
  for (let i = 0; i < nargs; i++) mem.writeU64(s.rec + 32 + 8 * i, mem.readU64(args + 8 * i));
  writeCtx(mem, s.ctx, orig);
  const c = copyCtx(orig);
  const seen = { depth: active(w).length };
  for (let n = 0; n < MAX_FRAMES; n++) {
    const entry = frameEntry(w, c, seen);
    if (!entry) break;
    const pc = c.rip;
    const u = virtualUnwind(mem, w.imageBase, pc, entry, c, UNW_FLAG_EHANDLER);
    if (!u.handler) continue;
    writeCtx(mem, s.walk, c);
    writeDisp(mem, s.disp, pc, w.imageBase, entry, u, s.walk, 0);
    // A walk from inside this handler (RtlUnwindEx) continues at the raise point, as the
    // unwind data of ntdll's dispatcher frames leads there on Windows.
    active(w).push({ frame: orig, sp: a.sp });
    const r = yield {
      call: u.handler,
      args: [s.rec, u.establisher, s.ctx, s.disp],
      stackTop: s.top,
    };
    active(w).pop();
    if ((r | 0) === 0) {
      // ExceptionContinueExecution: resume at the (possibly changed) original context.
      if (flags & EXCEPTION_NONCONTINUABLE) break;
      restore(cpu, readCtx(mem, s.ctx));
      w.dropFramesBelow(num(readCtx(mem, s.ctx).r[RSP]));
      return JUMPED;
    }
  }
  // No handler took it. libgcc's own exceptions return to their raiser (which then calls
  // std::terminate); anything else is an unhandled exception.
  if ((code & 0x00ff_ffff) === 0x474343) return 0;
  const msg = `kitemu: unhandled exception 0x${code.toString(16)} at 0x${orig.rip.toString(16)}\n`;
  w.proc.stdio.error.write(new TextEncoder().encode(msg));
  w.exit(code & 0xff || 1);
}

/** RtlUnwindEx(targetFrame, targetIp, record, returnValue, context, history). */
export function* unwindEx(w: WinProcess, a: Win64Args): HostGen {
  const mem = w.mem, cpu = w.cpu;
  const target = a.n(0), targetIp = a.n(1), retval = a.big(3);
  const s = scratchBelow(a.sp);
  let rec = a.n(2);
  if (!rec) {
    rec = s.rec;
    mem.fill(rec, 0xa0, 0);
    mem.writeU32(rec, 0xc0000027); // STATUS_UNWIND
  }
  const work = a.n(4) || s.ctx;
  const c = cpuCtx(cpu, a.sp + 8, mem.readU64(a.sp));
  const seen = { depth: active(w).length };
  for (let n = 0; n < MAX_FRAMES; n++) {
    const entry = frameEntry(w, c, seen);
    if (!entry) break;
    const pc = c.rip, frame = copyCtx(c);
    const next = copyCtx(c);
    const u = virtualUnwind(mem, w.imageBase, pc, entry, next, UNW_FLAG_UHANDLER);
    const isTarget = u.establisher === target;
    if (target && u.establisher > target) break; // past the target: a bad unwind
    if (u.handler) {
      const f = mem.readU32(rec + 4) & ~EXCEPTION_TARGET_UNWIND;
      mem.writeU32(rec + 4, f | EXCEPTION_UNWINDING | (isTarget ? EXCEPTION_TARGET_UNWIND : 0));
      writeCtx(mem, work, frame);
      writeDisp(mem, s.disp, pc, w.imageBase, entry, u, work, targetIp);
      active(w).push({ frame, sp: a.sp });
      yield { call: u.handler, args: [rec, u.establisher, work, s.disp], stackTop: s.top };
      active(w).pop();
      mem.writeU32(rec + 4, mem.readU32(rec + 4) & ~EXCEPTION_TARGET_UNWIND);
      if (isTarget) Object.assign(frame, readCtx(mem, work));
    }
    if (isTarget) {
      frame.r[0] = retval;
      frame.rip = targetIp;
      restore(cpu, frame);
      const sp = num(frame.r[RSP]);
      w.dropFramesBelow(sp);
      const list = active(w);
      while (list.length > 0 && list[list.length - 1].sp < sp) list.pop();
      return JUMPED;
    }
    Object.assign(c, next);
  }
  const msg = "kitemu: RtlUnwindEx did not reach its target frame\n";
  w.proc.stdio.error.write(new TextEncoder().encode(msg));
  w.exit(3);
}

/** RtlVirtualUnwind(type, imageBase, pc, entry, context, &handlerData, &establisher, pointers). */
export function rtlVirtualUnwind(w: WinProcess, a: Win64Args): HostValue {
  const mem = w.mem;
  const c = readCtx(mem, a.n(4));
  const u = virtualUnwind(mem, a.n(1), a.n(2), a.n(3), c, a.u32(0));
  writeCtx(mem, a.n(4), c);
  if (a.n(5)) mem.writeU64(a.n(5), u.handlerData);
  if (a.n(6)) mem.writeU64(a.n(6), u.establisher);
  return u.handler;
}

/** RtlCaptureContext(context): the caller's registers, rsp and rip after the call. */
export function rtlCaptureContext(w: WinProcess, a: Win64Args): HostValue {
  writeCtx(w.mem, a.n(0), cpuCtx(w.cpu, a.sp + 8, w.mem.readU64(a.sp)));
}
