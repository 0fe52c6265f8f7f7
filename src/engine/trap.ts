/**
 * How a lifted block leaves: the value it returns. The dispatcher is the only
 * place that turns a trap into OS work.
 * @module
 */

/** Keep running at `cpu.pc` (the block reached a pc outside itself). */
export const T_NONE = 0;
/** The instruction budget ran out; `cpu.pc` is where to resume. */
export const T_BUDGET = 1;
/** A system call: `cpu.pc` is the instruction after it, `cpu.trapPc` the call itself. */
export const T_SYSCALL = 2;
/** A memory fault: `cpu.pc` is the faulting instruction, `cpu.faultAddr` the address. */
export const T_FAULT = 3;
/** An undecodable instruction at `cpu.pc`. */
export const T_ILLEGAL = 4;
/** A breakpoint instruction (ebreak, brk, int3) at `cpu.trapPc`; `cpu.pc` is after it. */
export const T_BREAK = 5;
/** The guest asked for code to be re-read (fence.i, isb + ic ivau); resume at `cpu.pc`. */
export const T_FLUSH = 6;
/** A call to an import thunk (PE, Mach-O): `cpu.trapPc` is the thunk address. */
export const T_IMPORT = 7;
/** Integer divide by zero on ISAs that trap on it (x86): `cpu.pc` is the instruction. */
export const T_DIVIDE = 8;

/** Names of the trap codes, for traces and messages. */
export const TRAP_NAMES: readonly string[] = [
  "none",
  "budget",
  "syscall",
  "fault",
  "illegal",
  "break",
  "flush",
  "import",
  "divide",
];
