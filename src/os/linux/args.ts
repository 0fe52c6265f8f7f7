/**
 * System call arguments as handlers see them, and helpers for moving data
 * between guest memory and the host.
 * @module
 */

import type { CpuState, SyscallAbi } from "../../arch/isa.ts";
import { type AddressSpace, PAGE_SIZE, PF_R, PF_W } from "../../memory/address_space.ts";
import { EFAULT, ENAMETOOLONG, SysError } from "./errno.ts";

/** The kernel's cap on one read or write (MAX_RW_COUNT). */
export const MAX_RW_COUNT = 0x7ffff000;

/** The six arguments of one call, with typed accessors. */
export class SysArgs {
  /** All six arguments as signed 64-bit numbers (exact below 2^53). */
  readonly raw: number[];
  readonly #cpu: CpuState;
  readonly #abi: SyscallAbi;

  /** @param cpu the trapping CPU @param abi its syscall convention */
  constructor(cpu: CpuState, abi: SyscallAbi) {
    this.#cpu = cpu;
    this.#abi = abi;
    this.raw = [0, 1, 2, 3, 4, 5].map((i) => abi.arg(cpu, i));
  }

  /** Argument i as a signed 64-bit number (pointers, offsets, lengths). */
  n(i: number): number {
    return this.raw[i];
  }

  /** Argument i as a C int (the low 32 bits, signed). */
  int(i: number): number {
    const v = this.raw[i];
    return Number.isSafeInteger(v) ? v | 0 : Number(BigInt.asIntN(32, this.big(i)));
  }

  /** Argument i as a C unsigned int (the low 32 bits). */
  uint(i: number): number {
    return this.int(i) >>> 0;
  }

  /** Argument i as an unsigned 64-bit bigint. */
  big(i: number): bigint {
    return this.#abi.argBig(this.#cpu, i);
  }

  /** Argument i as a size_t, saturated to Number.MAX_SAFE_INTEGER. */
  size(i: number): number {
    const v = this.raw[i];
    if (v >= 0 && Number.isSafeInteger(v)) return v;
    return Number.MAX_SAFE_INTEGER;
  }
}

/** How many bytes from `addr` (up to `len`) are mapped with all of `need`. */
export function accessiblePrefix(
  mem: AddressSpace,
  addr: number,
  len: number,
  need: number,
): number {
  let n = 0;
  while (n < len) {
    const a = addr + n;
    const chunk = Math.min(len - n, PAGE_SIZE - (a % PAGE_SIZE));
    if (!mem.check(a, chunk, need)) break;
    n += chunk;
  }
  return n;
}

/**
 * A writable view of guest memory for a read of up to `len` bytes at `addr`:
 * the writable prefix of the range (translated code on it is invalidated).
 * EFAULT when not even the first byte is writable.
 */
export function guestOut(mem: AddressSpace, addr: number, len: number): Uint8Array {
  if (len === 0) return new Uint8Array(0);
  const n = accessiblePrefix(mem, addr, len, PF_W);
  if (n === 0) throw new SysError(EFAULT);
  const off = mem.access(addr, n, PF_W);
  return mem.u8.subarray(off, off + n);
}

/** A read-only view of up to `len` readable guest bytes at `addr`; EFAULT when none are. */
export function guestIn(mem: AddressSpace, addr: number, len: number): Uint8Array {
  if (len === 0) return new Uint8Array(0);
  const n = accessiblePrefix(mem, addr, len, PF_R);
  if (n === 0) throw new SysError(EFAULT);
  return mem.view(addr, n);
}

/** A NUL-terminated path argument (at most 4095 bytes), ENAMETOOLONG past that. */
export function readPathArg(mem: AddressSpace, addr: number): Uint8Array {
  const b = mem.readCString(addr, 4096);
  if (b === null) throw new SysError(ENAMETOOLONG);
  return b;
}
