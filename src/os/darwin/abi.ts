/**
 * The Darwin calling conventions kitemu needs on both ISAs: where a BSD
 * system call finds its number and arguments and how it reports errors (the
 * carry flag), and how an import thunk reads a C call's arguments and
 * returns (x86-64 System V; arm64 with Apple's rule that variadic arguments
 * go on the stack, 8 bytes each).
 * @module
 */

import { type CpuState, regGet, regGetBig, regSet } from "../../arch/isa.ts";
import { CF, FAH, FAL, FBH, FBL, FL, FOP, FRH, FRL } from "../../arch/x86_64/cpu.ts";
import { flags as lazyFlags } from "../../arch/x86_64/runtime.ts";
import type { AddressSpace } from "../../memory/address_space.ts";

/** A source of variadic arguments, in the order printf consumes them. */
export interface VaArgs {
  int32(): number;
  int64(): bigint;
  double(): number;
  ptr(): number;
}

/** One ISA's Darwin conventions. */
export interface DarwinAbi {
  /** The BSD syscall number (x86-64: rax without the 0x2000000 class; arm64: x16), or -1 for another class. */
  syscallNumber(cpu: CpuState): number;
  /** The raw class of the x86-64 syscall (2 for BSD), or 2 on arm64. */
  syscallClass(cpu: CpuState): number;
  /** System call argument i (signed 64-bit number). */
  syscallArg(cpu: CpuState, i: number): number;
  /** System call argument i as an unsigned bigint. */
  syscallArgBig(cpu: CpuState, i: number): bigint;
  /** Finish a system call: the value (and second value) and carry clear, or errno and carry set. */
  syscallReturn(cpu: CpuState, value: number, error: boolean, value2?: number): void;
  /** Integer argument i of a C call (i counts integer arguments only). */
  arg(cpu: CpuState, mem: AddressSpace, i: number): number;
  /** Integer argument i as an unsigned bigint. */
  argBig(cpu: CpuState, mem: AddressSpace, i: number): bigint;
  /** Integer argument i as a C int: only the low 32 bits (the upper half of the register is undefined). */
  argInt(cpu: CpuState, mem: AddressSpace, i: number): number;
  /** Floating-point argument i (a double in the vector registers). */
  argDouble(cpu: CpuState, i: number): number;
  /** The variadic arguments after `fixedInts` named integer arguments. */
  varargs(cpu: CpuState, mem: AddressSpace, fixedInts: number): VaArgs;
  /** The arguments a `va_list` value points at (vprintf and friends). */
  vaList(mem: AddressSpace, va: number): VaArgs;
  /** Return from the thunk: set the integer result and go back to the caller. */
  ret(cpu: CpuState, mem: AddressSpace, value: number | bigint): void;
  /** Return a double (xmm0 / d0). */
  retDouble(cpu: CpuState, mem: AddressSpace, value: number): void;
  /** The caller's return address of a thunk call (for traces and errors). */
  returnAddress(cpu: CpuState, mem: AddressSpace): number;
  /** Start a call of guest code at `fn` with integer args; it returns to `retAddr`. */
  call(cpu: CpuState, mem: AddressSpace, fn: number, args: number[], retAddr: number): void;
  /** Stack pointer register index. */
  readonly sp: number;
}

function setBig(cpu: CpuState, i: number, v: bigint): void {
  cpu.x[2 * i] = Number(BigInt.asIntN(32, v));
  cpu.x[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

function setValue(cpu: CpuState, i: number, v: number | bigint): void {
  if (typeof v === "bigint") setBig(cpu, i, v);
  else regSet(cpu, i, v);
}

function readU64(mem: AddressSpace, addr: number): number {
  const v = mem.readBig(addr);
  return Number(BigInt.asIntN(64, v));
}

/** Variadic arguments from 8-byte stack slots (arm64 Apple; x86-64 overflow area). */
class StackVa implements VaArgs {
  constructor(private readonly mem: AddressSpace, public at: number) {}
  int64(): bigint {
    const v = this.mem.readBig(this.at);
    this.at += 8;
    return v;
  }
  int32(): number {
    return Number(BigInt.asIntN(32, this.int64()));
  }
  ptr(): number {
    return Number(BigInt.asIntN(64, this.int64()));
  }
  double(): number {
    const b = new DataView(new ArrayBuffer(8));
    b.setBigUint64(0, this.int64(), true);
    return b.getFloat64(0, true);
  }
}

// ---- x86-64 --------------------------------------------------------------------------

const X86_INT_ARGS = [7, 6, 2, 1, 8, 9]; // rdi rsi rdx rcx r8 r9
const X86_SYS_ARGS = [7, 6, 2, 10, 8, 9]; // rdi rsi rdx r10 r8 r9
const RAX = 0, RDX = 2, RSP = 4;

interface X86Like extends CpuState {
  xd: Float64Array;
  xi: Int32Array;
}

function x86SetCarry(cpu: CpuState, on: boolean): void {
  const x = cpu.x;
  const f = lazyFlags(x[FOP], x[FRL], x[FRH], x[FAL], x[FAH], x[FBL], x[FBH], x[FL]);
  x[FL] = on ? (f | CF) : (f & ~CF);
  x[FOP] = 0;
}

/** System V x86-64 va_list: { gp_offset, fp_offset, overflow_arg_area, reg_save_area }. */
class X86VaList implements VaArgs {
  constructor(private readonly mem: AddressSpace, private readonly va: number) {}
  private gp(): number {
    const gpOff = this.mem.readBig(this.va) & 0xffffffffn;
    if (gpOff < 48n) {
      const save = readU64(this.mem, this.va + 16);
      this.mem.writeBig(this.va, (this.mem.readBig(this.va) & ~0xffffffffn) | (gpOff + 8n));
      return save + Number(gpOff);
    }
    return this.overflow();
  }
  private overflow(): number {
    const at = readU64(this.mem, this.va + 8);
    this.mem.writeBig(this.va + 8, BigInt(at + 8));
    return at;
  }
  int64(): bigint {
    return this.mem.readBig(this.gp());
  }
  int32(): number {
    return Number(BigInt.asIntN(32, this.int64()));
  }
  ptr(): number {
    return Number(BigInt.asIntN(64, this.int64()));
  }
  double(): number {
    const word = this.mem.readBig(this.va);
    const fpOff = word >> 32n;
    let at: number;
    if (fpOff < 176n) {
      at = readU64(this.mem, this.va + 16) + Number(fpOff);
      this.mem.writeBig(this.va, (word & 0xffffffffn) | ((fpOff + 16n) << 32n));
    } else {
      at = this.overflow();
    }
    const b = new DataView(new ArrayBuffer(8));
    b.setBigUint64(0, this.mem.readBig(at), true);
    return b.getFloat64(0, true);
  }
}

/** Variadic arguments of an x86-64 call: registers first, then the stack. */
class X86Va implements VaArgs {
  private stack: StackVa;
  constructor(
    private readonly cpu: X86Like,
    mem: AddressSpace,
    private gpi: number,
    private fpi: number,
  ) {
    this.stack = new StackVa(mem, regGet(cpu, RSP) + 8);
  }
  int64(): bigint {
    if (this.gpi < 6) return regGetBig(this.cpu, X86_INT_ARGS[this.gpi++]);
    return this.stack.int64();
  }
  int32(): number {
    return Number(BigInt.asIntN(32, this.int64()));
  }
  ptr(): number {
    return Number(BigInt.asIntN(64, this.int64()));
  }
  double(): number {
    if (this.fpi < 8) return this.cpu.xd[2 * this.fpi++];
    return this.stack.double();
  }
}

/** Darwin x86-64: `syscall` with rax = 0x2000000 | number; carry set on error. */
export const x86_64Darwin: DarwinAbi = {
  sp: RSP,
  syscallClass: (cpu) => (cpu.x[0] >>> 24) & 0xff,
  syscallNumber: (cpu) => ((cpu.x[0] >>> 24) === 2 ? cpu.x[0] & 0xffffff : -1),
  syscallArg: (cpu, i) => regGet(cpu, X86_SYS_ARGS[i]),
  syscallArgBig: (cpu, i) => regGetBig(cpu, X86_SYS_ARGS[i]),
  syscallReturn(cpu, value, error, value2) {
    regSet(cpu, RAX, value);
    if (value2 !== undefined) regSet(cpu, RDX, value2);
    x86SetCarry(cpu, error);
  },
  arg(cpu, mem, i) {
    if (i < 6) return regGet(cpu, X86_INT_ARGS[i]);
    return readU64(mem, regGet(cpu, RSP) + 8 + 8 * (i - 6));
  },
  argBig(cpu, mem, i) {
    if (i < 6) return regGetBig(cpu, X86_INT_ARGS[i]);
    return mem.readBig(regGet(cpu, RSP) + 8 + 8 * (i - 6));
  },
  argInt(cpu, mem, i) {
    if (i < 6) return cpu.x[2 * X86_INT_ARGS[i]];
    return mem.readI32(regGet(cpu, RSP) + 8 + 8 * (i - 6));
  },
  argDouble: (cpu, i) => (cpu as X86Like).xd[2 * i],
  varargs: (cpu, mem, fixed) => new X86Va(cpu as X86Like, mem, fixed, 0),
  vaList: (mem, va) => new X86VaList(mem, va),
  ret(cpu, mem, value) {
    setValue(cpu, RAX, value);
    const sp = regGet(cpu, RSP);
    cpu.pc = readU64(mem, sp);
    regSet(cpu, RSP, sp + 8);
  },
  retDouble(cpu, mem, value) {
    const c = cpu as X86Like;
    c.xd[0] = value;
    c.xd[1] = 0;
    const sp = regGet(cpu, RSP);
    cpu.pc = readU64(mem, sp);
    regSet(cpu, RSP, sp + 8);
  },
  returnAddress: (cpu, mem) => readU64(mem, regGet(cpu, RSP)),
  call(cpu, mem, fn, args, retAddr) {
    let sp = regGet(cpu, RSP);
    sp = Math.floor((sp - 128) / 16) * 16; // past the red zone, aligned
    sp -= 8;
    mem.writeBig(sp, BigInt(retAddr));
    regSet(cpu, RSP, sp);
    args.forEach((v, i) => regSet(cpu, X86_INT_ARGS[i], v));
    regSet(cpu, RAX, 0);
    cpu.pc = fn;
  },
};

// ---- arm64 ---------------------------------------------------------------------------

const A64_SP = 31, LR = 30;

interface A64Like extends CpuState {
  vd: Float64Array;
}

/** Darwin arm64: `svc #0x80` with x16 = number; carry (NZCV.C) set on error. */
export const aarch64Darwin: DarwinAbi = {
  sp: A64_SP,
  syscallClass: (cpu) => (cpu.x[32] < 0 ? 1 : 2), // negative x16: Mach traps
  syscallNumber: (cpu) => (cpu.x[32] < 0 ? -1 : cpu.x[32]),
  syscallArg: (cpu, i) => regGet(cpu, i),
  syscallArgBig: (cpu, i) => regGetBig(cpu, i),
  syscallReturn(cpu, value, error, value2) {
    regSet(cpu, 0, value);
    if (value2 !== undefined) regSet(cpu, 1, value2);
    cpu.x[66] = error ? 1 : 0;
  },
  arg(cpu, mem, i) {
    if (i < 8) return regGet(cpu, i);
    return readU64(mem, regGet(cpu, A64_SP) + 8 * (i - 8));
  },
  argBig(cpu, mem, i) {
    if (i < 8) return regGetBig(cpu, i);
    return mem.readBig(regGet(cpu, A64_SP) + 8 * (i - 8));
  },
  argInt(cpu, mem, i) {
    if (i < 8) return cpu.x[2 * i];
    return mem.readI32(regGet(cpu, A64_SP) + 8 * (i - 8));
  },
  argDouble: (cpu, i) => (cpu as A64Like).vd[2 * i],
  varargs: (cpu, mem, fixed) => new StackVa(mem, regGet(cpu, A64_SP) + 8 * Math.max(0, fixed - 8)),
  vaList: (mem, va) => new StackVa(mem, va),
  ret(cpu, _mem, value) {
    setValue(cpu, 0, value);
    cpu.pc = regGet(cpu, LR);
  },
  retDouble(cpu, _mem, value) {
    const c = cpu as A64Like;
    c.vd[0] = value;
    c.vd[1] = 0;
    cpu.pc = regGet(cpu, LR);
  },
  returnAddress: (cpu) => regGet(cpu, LR),
  call(cpu, _mem, fn, args, retAddr) {
    const sp = regGet(cpu, A64_SP);
    regSet(cpu, A64_SP, Math.floor(sp / 16) * 16);
    args.forEach((v, i) => regSet(cpu, i, v));
    regSet(cpu, LR, retAddr);
    cpu.pc = fn;
  },
};

/** The conventions for an ISA. */
export function darwinAbiFor(arch: string): DarwinAbi {
  if (arch === "x86_64") return x86_64Darwin;
  if (arch === "aarch64") return aarch64Darwin;
  throw new RangeError(`No Darwin ABI for ${arch}`);
}
