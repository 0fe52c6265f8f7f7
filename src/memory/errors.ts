/**
 * Faults raised by guest execution.
 * @module
 */

/** The signal a guest fault maps to. */
export type FaultKind = "SIGSEGV" | "SIGBUS" | "SIGILL" | "SIGFPE" | "SIGTRAP";

/**
 * A fault caused by the guest: a bad memory access, an undecodable
 * instruction, a breakpoint. It becomes a Linux-style signal.
 */
export class GuestFault extends Error {
  /** Which signal the fault raises. */
  readonly kind: FaultKind;
  /** The guest pc of the faulting instruction (-1 when not yet known). */
  pc: number;
  /** The faulting data address (for SIGSEGV/SIGBUS), else the pc. */
  readonly addr: number;
  /** "read", "write", "exec" or a short description. */
  readonly access: string;

  /**
   * @param kind the signal
   * @param pc the guest pc, or -1
   * @param addr the faulting address
   * @param access what was attempted
   */
  constructor(kind: FaultKind, pc: number, addr: number, access = "") {
    super(`${kind} at pc 0x${pc.toString(16)} address 0x${addr.toString(16)}`);
    this.name = "GuestFault";
    this.kind = kind;
    this.pc = pc;
    this.addr = addr;
    this.access = access;
  }
}
