/**
 * The x86-64 opcode table: one row per encoding, in the style of v86's `x86_table`.
 * The decoder ({@link ./decode.ts}), the disassembler ({@link ./disasm.ts}), the test
 * generators and the lifter all read these rows; nothing else lists x86 encodings.
 *
 * A row is `[key, op, spec, flags, att?]`:
 *
 * - `key` selects the encoding. Space-separated tokens, in this order:
 *   - an optional mandatory prefix `66`, `f2` or `f3` (maps 0f, 0f38, 0f3a; and `f3 90`);
 *   - an optional map `0f`, `0f38` or `0f3a` (absent: the one-byte map);
 *   - the opcode byte in hex, optionally `+r` (eight opcodes, the register in the low
 *     three bits, operand `Z*`) or `+cc` (sixteen opcodes, condition code in the low four
 *     bits, copied to `X86Insn.cond`);
 *   - `/N`: ModRM.reg must be N (opcode groups);
 *   - `rmN`: ModRM.mod must be 3 and ModRM.rm must be N (x87 and 0f 01 specials);
 *   - `W0`/`W1`: REX.W must be clear/set; `B0`: REX.B must be clear;
 *   - `m`/`r`: ModRM.mod must be != 3 / == 3. Operands `M*` imply `m`; `R*`, `U*`, `STi`
 *     and `rmN` imply `r`.
 * - `op` is the semantic mnemonic family the lifter keys on (Intel names, so `fsubr` is
 *   the Intel FSUBR even where AT&T prints `fsub`). Families that differ only in operand
 *   size or condition share one op: `jcc`, `setcc`, `cmovcc`, `fcmovcc` (condition in
 *   `cond`), `imul1`/`imul2`/`imul3` (the one-, two- and three-operand forms), `movs`,
 *   `cbw` (cbw/cwde/cdqe by opsize), `cwd` (cwd/cdq/cqo by opsize).
 * - `spec` lists the operands in Intel order (destination first), comma-separated, in the
 *   Intel SDM's notation (see {@link SPEC_TOKENS}).
 * - `flags` are the bit flags below.
 * - `att` is objdump's AT&T mnemonic template when it differs from `op`. Placeholders:
 *   `%S` the size suffix (b/w/l/q) of the first r/m operand when no operand is a
 *   register that fixes the size (`addl $1,(%rax)` but `add $1,%eax`); `%N` (a digit)
 *   the suffix of operand N; `%mN` the suffix of operand N only when it is in memory;
 *   `%C` the condition name (o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g).
 * @module
 */

/** The instruction ends a basic block (jumps, branches, calls, returns, traps). */
export const ENDS_BLOCK = 1;
/** A lock prefix is allowed (when the destination operand is in memory). */
export const LOCKABLE = 2;
/** Default operand size 64 bits: `v` operands are 64-bit unless 66 selects 16. */
export const D64 = 4;
/** Operand size forced to 64 bits (near branches); with a 66 prefix the row decodes to null. */
export const F64 = 8;
/** Unconditional jump (jmp rel, jmp r/m). */
export const JUMP = 16;
/** Conditional branch (jcc, loop, loope, loopne, jrcxz, xbegin). */
export const BRANCH = 32;
/** Call (call rel, call r/m). */
export const CALL = 64;
/** Near return. */
export const RET = 128;
/** String instruction: honours rep/repe/repne (movs, cmps, stos, lods, scas). */
export const STRING = 256;
/** Reads or writes x87 state. */
export const X87 = 512;
/** SSE-family instruction: xmm registers or MXCSR; prefixes 66/F2/F3 select the row strictly. */
export const SSE = 1024;
/** Always leaves the block through a trap (syscall, int3, int, ud0/ud1/ud2, hlt). */
export const TRAP = 2048;
/** MMX form (mm registers; always also SSE so that a 66/F2/F3 prefix never selects it). */
export const MMX = 4096;

/** One raw table row: key, op, operand spec, flags, optional AT&T template. */
export type RawRow = readonly [key: string, op: string, spec: string, flags: number, att?: string];

/**
 * Operand tokens of `spec` (Intel SDM notation, sizes: b 1, w 2, d 4, q 8, t 10, x 16,
 * v operand size 2/4/8, y 4 or 8 by REX.W, z 2 or 4 (immediates, sign-extended to v)):
 *
 * - `E?` ModRM r/m: general register or memory. `Edb`/`Edw`: a 32-bit register, or a
 *   byte/word in memory (pinsrb, pinsrw, pextrb, pextrw).
 * - `G?` ModRM.reg general register. `R?` ModRM r/m general register only.
 * - `M?` ModRM r/m memory only (`M` alone: an address that is not accessed, or whose size
 *   is implicit — lea, prefetch, clflush, xsave; `M512`, `M28`, `M108`: fixed-size areas).
 * - `V?` ModRM.reg xmm register. `W?` ModRM r/m xmm register or memory. `U?` r/m xmm only.
 * - `P?` ModRM.reg mm register. `Q?` ModRM r/m mm register or memory. `N?` r/m mm only.
 * - `Z?` general register in the opcode's low three bits, extended by REX.B.
 * - `Ib`, `Iw` immediates (zero-extended); `Ibs` imm8 sign-extended to the operand size;
 *   `Iz` imm16/imm32 sign-extended to the operand size; `Iv` imm16/32/64 (mov r, imm).
 * - `Jb`, `Jz` relative branch targets. `Ob`, `Ov` moffs (absolute address, 8 bytes).
 * - `Xb`, `Xv` string source [rsi] (segment overridable); `Yb`, `Yv` string destination
 *   es:[rdi]; `Bb` xlat's [rbx + al].
 * - Fixed registers: `AL`, `CL`, `AX`, `rAX` (by operand size), `XMM0`, `ST0`; `STi` is
 *   st(i) from ModRM.rm; `1` is the constant 1 (shift by one).
 */
export const SPEC_TOKENS =
  "E G R M V W U P Q N Z I J O X Y Bb AL CL AX rAX XMM0 ST0 STi 1 (see the module documentation)";

const EB = ENDS_BLOCK;
const LK = LOCKABLE;

const CC = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];

/** objdump's condition-code names, indexed by the 4-bit condition. */
export const COND_NAMES: readonly string[] = CC;

function hex(n: number): string {
  return n.toString(16).padStart(2, "0");
}

const rows: RawRow[] = [];
function r(key: string, op: string, spec = "", flags = 0, att?: string): void {
  rows.push(att === undefined ? [key, op, spec, flags] : [key, op, spec, flags, att]);
}

// ---------------------------------------------------------------------------
// One-byte map.

const ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
for (let i = 0; i < 8; i++) {
  const op = ALU[i];
  const lk = op === "cmp" ? 0 : LK;
  const b = i * 8;
  const att = op + "%S";
  r(hex(b), op, "Eb,Gb", lk, att);
  r(hex(b + 1), op, "Ev,Gv", lk, att);
  r(hex(b + 2), op, "Gb,Eb", 0, att);
  r(hex(b + 3), op, "Gv,Ev", 0, att);
  r(hex(b + 4), op, "AL,Ib", 0, att);
  r(hex(b + 5), op, "rAX,Iz", 0, att);
  r(`80 /${i}`, op, "Eb,Ib", lk, att);
  r(`81 /${i}`, op, "Ev,Iz", lk, att);
  r(`83 /${i}`, op, "Ev,Ibs", lk, att);
}

r("50+r", "push", "Zv", D64);
r("58+r", "pop", "Zv", D64);
r("63 W1", "movsxd", "Gv,Ed", 0, "movslq");
r("63 W0", "movsxd", "Gv,Ed", 0, "movsxd");
r("68", "push", "Iz", D64, "push%S");
r("69", "imul3", "Gv,Ev,Iz", 0, "imul");
r("6a", "push", "Ibs", D64, "push%S");
r("6b", "imul3", "Gv,Ev,Ibs", 0, "imul");
r("70+cc", "jcc", "Jb", EB | BRANCH | F64, "j%C");
r("84", "test", "Eb,Gb", 0, "test%S");
r("85", "test", "Ev,Gv", 0, "test%S");
r("86", "xchg", "Eb,Gb", LK, "xchg%S");
r("87", "xchg", "Ev,Gv", LK, "xchg%S");
r("88", "mov", "Eb,Gb", 0, "mov%S");
r("89", "mov", "Ev,Gv", 0, "mov%S");
r("8a", "mov", "Gb,Eb", 0, "mov%S");
r("8b", "mov", "Gv,Ev", 0, "mov%S");
r("8d", "lea", "Gv,M");
r("8f /0", "pop", "Ev", D64);
r("f3 90 B0", "pause");
r("90 B0", "nop");
r("90+r", "xchg", "Zv,rAX");
r("98", "cbw");
r("99", "cwd");
r("9b", "fwait", "", X87);
r("9c", "pushf", "", D64);
r("9d", "popf", "", D64);
r("9e", "sahf");
r("9f", "lahf");
r("a0", "mov", "AL,Ob", 0, "movabs");
r("a1", "mov", "rAX,Ov", 0, "movabs");
r("a2", "mov", "Ob,AL", 0, "movabs");
r("a3", "mov", "Ov,rAX", 0, "movabs");
r("a4", "movs", "Yb,Xb", STRING, "movs%0");
r("a5", "movs", "Yv,Xv", STRING, "movs%0");
r("a6", "cmps", "Xb,Yb", STRING, "cmps%0");
r("a7", "cmps", "Xv,Yv", STRING, "cmps%0");
r("a8", "test", "AL,Ib", 0, "test");
r("a9", "test", "rAX,Iz", 0, "test");
r("aa", "stos", "Yb,AL", STRING);
r("ab", "stos", "Yv,rAX", STRING);
r("ac", "lods", "AL,Xb", STRING);
r("ad", "lods", "rAX,Xv", STRING);
r("ae", "scas", "AL,Yb", STRING);
r("af", "scas", "rAX,Yv", STRING);
r("b0+r", "mov", "Zb,Ib");
r("b8+r", "mov", "Zv,Iv");

const SHIFTS = ["rol", "ror", "rcl", "rcr", "shl", "shr", "shl", "sar"];
for (let i = 0; i < 8; i++) {
  const op = SHIFTS[i];
  const att = op + "%S";
  r(`c0 /${i}`, op, "Eb,Ib", 0, att);
  r(`c1 /${i}`, op, "Ev,Ib", 0, att);
  r(`d0 /${i}`, op, "Eb,1", 0, att);
  r(`d1 /${i}`, op, "Ev,1", 0, att);
  r(`d2 /${i}`, op, "Eb,CL", 0, att);
  r(`d3 /${i}`, op, "Ev,CL", 0, att);
}

r("c2", "ret", "Iw", EB | RET | F64);
r("c3", "ret", "", EB | RET | F64);
r("c6 /0", "mov", "Eb,Ib", 0, "mov%S");
r("c6 /7 rm0", "xabort", "Ib");
r("c7 /0", "mov", "Ev,Iz", 0, "mov%S");
r("c7 /7 rm0", "xbegin", "Jz", EB | BRANCH | F64);
r("c8", "enter", "Iw,Ib", D64);
r("c9", "leave", "", D64);
r("cc", "int3", "", EB | TRAP);
r("cd", "int", "Ib", EB | TRAP);
r("d7", "xlat", "Bb");
r("e0", "loopne", "Jb", EB | BRANCH | F64);
r("e1", "loope", "Jb", EB | BRANCH | F64);
r("e2", "loop", "Jb", EB | BRANCH | F64);
r("e3", "jrcxz", "Jb", EB | BRANCH | F64);
r("e8", "call", "Jz", EB | CALL | F64);
r("e9", "jmp", "Jz", EB | JUMP | F64);
r("eb", "jmp", "Jb", EB | JUMP | F64);
r("f4", "hlt", "", EB | TRAP);
r("f5", "cmc");
r("f6 /0", "test", "Eb,Ib", 0, "test%S");
r("f6 /1", "test", "Eb,Ib", 0, "test%S");
r("f6 /2", "not", "Eb", LK, "not%S");
r("f6 /3", "neg", "Eb", LK, "neg%S");
r("f6 /4", "mul", "Eb", 0, "mul%S");
r("f6 /5", "imul1", "Eb", 0, "imul%S");
r("f6 /6", "div", "Eb", 0, "div%S");
r("f6 /7", "idiv", "Eb", 0, "idiv%S");
r("f7 /0", "test", "Ev,Iz", 0, "test%S");
r("f7 /1", "test", "Ev,Iz", 0, "test%S");
r("f7 /2", "not", "Ev", LK, "not%S");
r("f7 /3", "neg", "Ev", LK, "neg%S");
r("f7 /4", "mul", "Ev", 0, "mul%S");
r("f7 /5", "imul1", "Ev", 0, "imul%S");
r("f7 /6", "div", "Ev", 0, "div%S");
r("f7 /7", "idiv", "Ev", 0, "idiv%S");
r("f8", "clc");
r("f9", "stc");
r("fc", "cld");
r("fd", "std");
r("fe /0", "inc", "Eb", LK, "inc%S");
r("fe /1", "dec", "Eb", LK, "dec%S");
r("ff /0", "inc", "Ev", LK, "inc%S");
r("ff /1", "dec", "Ev", LK, "dec%S");
r("ff /2", "call", "Ev", EB | CALL | F64);
r("ff /4", "jmp", "Ev", EB | JUMP | F64);
r("ff /6", "push", "Ev", D64);

// ---------------------------------------------------------------------------
// x87 (d8-df). Memory forms carry objdump's size suffix in `att`.

const X = X87;
const FARITH = ["fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"];
const FIARITH = ["fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr"];
for (let i = 0; i < 8; i++) {
  r(`d8 /${i}`, FARITH[i], "Md", X, FARITH[i] + "s");
  r(`dc /${i}`, FARITH[i], "Mq", X, FARITH[i] + "l");
  r(`da /${i}`, FIARITH[i], "Md", X, FIARITH[i] + "l");
  r(`de /${i}`, FIARITH[i], "Mw", X, FIARITH[i] + "s");
}
r("d8 /0", "fadd", "ST0,STi", X);
r("d8 /1", "fmul", "ST0,STi", X);
r("d8 /2", "fcom", "STi", X);
r("d8 /3", "fcomp", "STi", X);
r("d8 /4", "fsub", "ST0,STi", X);
r("d8 /5", "fsubr", "ST0,STi", X);
r("d8 /6", "fdiv", "ST0,STi", X);
r("d8 /7", "fdivr", "ST0,STi", X);
r("d9 /0", "fld", "Md", X, "flds");
r("d9 /2", "fst", "Md", X, "fsts");
r("d9 /3", "fstp", "Md", X, "fstps");
r("d9 /4", "fldenv", "M28", X);
r("d9 /5", "fldcw", "Mw", X);
r("d9 /6", "fnstenv", "M28", X);
r("d9 /7", "fnstcw", "Mw", X);
r("d9 /0", "fld", "STi", X);
r("d9 /1", "fxch", "STi", X);
r("d9 /2 rm0", "fnop", "", X);
const D9 = [
  ["fchs", "fabs", "", "", "ftst", "fxam", "", ""],
  ["fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz", ""],
  ["f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fdecstp", "fincstp"],
  ["fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint", "fscale", "fsin", "fcos"],
];
for (let g = 0; g < 4; g++) {
  for (let i = 0; i < 8; i++) if (D9[g][i] !== "") r(`d9 /${g + 4} rm${i}`, D9[g][i], "", X);
}
const FCMOV = [2, 4, 6, 10]; // b, e, be, u; the db forms are the negations
const FCMOV_NAMES = ["b", "e", "be", "u"];
for (let i = 0; i < 4; i++) {
  rows.push([`da /${i} cc${FCMOV[i]}`, "fcmovcc", "ST0,STi", X, "fcmov" + FCMOV_NAMES[i]]);
  rows.push([`db /${i} cc${FCMOV[i] + 1}`, "fcmovcc", "ST0,STi", X, "fcmovn" + FCMOV_NAMES[i]]);
}
r("da /5 rm1", "fucompp", "", X);
r("db /0", "fild", "Md", X, "fildl");
r("db /1", "fisttp", "Md", X, "fisttpl");
r("db /2", "fist", "Md", X, "fistl");
r("db /3", "fistp", "Md", X, "fistpl");
r("db /5", "fld", "Mt", X, "fldt");
r("db /7", "fstp", "Mt", X, "fstpt");
r("db /4 rm2", "fnclex", "", X);
r("db /4 rm3", "fninit", "", X);
r("db /5", "fucomi", "ST0,STi", X);
r("db /6", "fcomi", "ST0,STi", X);
// dc and de register forms: AT&T (and objdump) swap the names of the reversed forms.
r("dc /0", "fadd", "STi,ST0", X);
r("dc /1", "fmul", "STi,ST0", X);
r("dc /4", "fsubr", "STi,ST0", X, "fsub");
r("dc /5", "fsub", "STi,ST0", X, "fsubr");
r("dc /6", "fdivr", "STi,ST0", X, "fdiv");
r("dc /7", "fdiv", "STi,ST0", X, "fdivr");
r("dd /0", "fld", "Mq", X, "fldl");
r("dd /1", "fisttp", "Mq", X, "fisttpll");
r("dd /2", "fst", "Mq", X, "fstl");
r("dd /3", "fstp", "Mq", X, "fstpl");
r("dd /4", "frstor", "M108", X);
r("dd /6", "fnsave", "M108", X);
r("dd /7", "fnstsw", "Mw", X);
r("dd /0", "ffree", "STi", X);
r("dd /2", "fst", "STi", X);
r("dd /3", "fstp", "STi", X);
r("dd /4", "fucom", "STi", X);
r("dd /5", "fucomp", "STi", X);
r("de /0", "faddp", "STi,ST0", X);
r("de /1", "fmulp", "STi,ST0", X);
r("de /3 rm1", "fcompp", "", X);
r("de /4", "fsubrp", "STi,ST0", X, "fsubp");
r("de /5", "fsubp", "STi,ST0", X, "fsubrp");
r("de /6", "fdivrp", "STi,ST0", X, "fdivp");
r("de /7", "fdivp", "STi,ST0", X, "fdivrp");
r("df /0", "fild", "Mw", X, "filds");
r("df /1", "fisttp", "Mw", X, "fisttps");
r("df /2", "fist", "Mw", X, "fists");
r("df /3", "fistp", "Mw", X, "fistps");
r("df /4", "fbld", "Mt", X);
r("df /5", "fild", "Mq", X, "fildll");
r("df /6", "fbstp", "Mt", X);
r("df /7", "fistp", "Mq", X, "fistpll");
r("df /4 rm0", "fnstsw", "AX", X);
r("df /5", "fucomip", "ST0,STi", X);
r("df /6", "fcomip", "ST0,STi", X);

// ---------------------------------------------------------------------------
// Two-byte map (0f), general purpose.

r("0f 01 /2 rm0", "xgetbv");
r("0f 01 /2 rm5", "xend");
r("0f 01 /2 rm6", "xtest");
r("0f 01 /7 rm1", "rdtscp");
r("0f 05", "syscall", "", EB | TRAP);
r("0f 0b", "ud2", "", EB | TRAP);
r("0f 0d /0", "prefetch", "M");
r("0f 0d /1", "prefetchw", "M");
r("0f 18 /0", "prefetchnta", "M");
r("0f 18 /1", "prefetcht0", "M");
r("0f 18 /2", "prefetcht1", "M");
r("0f 18 /3", "prefetcht2", "M");
r("f3 0f 1e /7 rm2", "endbr64");
r("f3 0f 1e /7 rm3", "endbr32");
r("f3 0f 1e /1 r", "rdssp", "Ry", 0, "rdssp%0");
for (let o = 0x18; o <= 0x1f; o++) {
  if (o !== 0x1a && o !== 0x1b) r(`0f ${hex(o)}`, "nop", "Ev", 0, "nop%m0");
}
r("0f 31", "rdtsc");
r("0f 40+cc", "cmovcc", "Gv,Ev", 0, "cmov%C");
r("0f 80+cc", "jcc", "Jz", EB | BRANCH | F64, "j%C");
r("0f 90+cc", "setcc", "Eb", 0, "set%C");
r("0f a2", "cpuid");
r("0f a3", "bt", "Ev,Gv", 0, "bt%S");
r("0f a4", "shld", "Ev,Gv,Ib", 0, "shld%S");
r("0f a5", "shld", "Ev,Gv,CL", 0, "shld%S");
r("0f ab", "bts", "Ev,Gv", LK, "bts%S");
r("0f ac", "shrd", "Ev,Gv,Ib", 0, "shrd%S");
r("0f ad", "shrd", "Ev,Gv,CL", 0, "shrd%S");
r("0f ae /0 W1", "fxsave64", "M512", X87 | SSE);
r("0f ae /1 W1", "fxrstor64", "M512", X87 | SSE);
r("0f ae /4 W1", "xsave64", "M", X87 | SSE);
r("0f ae /5 W1", "xrstor64", "M", X87 | SSE);
r("0f ae /6 W1", "xsaveopt64", "M", X87 | SSE);
r("0f ae /0", "fxsave", "M512", X87 | SSE);
r("0f ae /1", "fxrstor", "M512", X87 | SSE);
r("0f ae /2", "ldmxcsr", "Md", SSE);
r("0f ae /3", "stmxcsr", "Md", SSE);
r("0f ae /4", "xsave", "M", X87 | SSE);
r("0f ae /5", "xrstor", "M", X87 | SSE);
r("0f ae /6", "xsaveopt", "M", X87 | SSE);
r("0f ae /7", "clflush", "Mb");
r("66 0f ae /6 m", "clwb", "Mb");
r("66 0f ae /7 m", "clflushopt", "Mb");
r("0f ae /5 r", "lfence");
r("0f ae /6 r", "mfence");
r("0f ae /7 r", "sfence");
r("f3 0f ae /0 r", "rdfsbase", "Ry", 0);
r("f3 0f ae /1 r", "rdgsbase", "Ry", 0);
r("f3 0f ae /2 r", "wrfsbase", "Ry", 0);
r("f3 0f ae /3 r", "wrgsbase", "Ry", 0);
r("f3 0f ae /5 r", "incssp", "Ry", 0, "incssp%0");
r("0f af", "imul2", "Gv,Ev", 0, "imul");
r("0f b0", "cmpxchg", "Eb,Gb", LK, "cmpxchg%S");
r("0f b1", "cmpxchg", "Ev,Gv", LK, "cmpxchg%S");
r("0f b3", "btr", "Ev,Gv", LK, "btr%S");
r("0f b6", "movzx", "Gv,Eb", 0, "movzb%0");
r("0f b7", "movzx", "Gv,Ew", 0, "movzw%0");
r("f3 0f b8", "popcnt", "Gv,Ev", 0, "popcnt%S");
r("0f b9", "ud1", "Gv,Ev", EB | TRAP);
r("0f ba /4", "bt", "Ev,Ib", 0, "bt%S");
r("0f ba /5", "bts", "Ev,Ib", LK, "bts%S");
r("0f ba /6", "btr", "Ev,Ib", LK, "btr%S");
r("0f ba /7", "btc", "Ev,Ib", LK, "btc%S");
r("0f bb", "btc", "Ev,Gv", LK, "btc%S");
r("0f bc", "bsf", "Gv,Ev", 0, "bsf%S");
r("f3 0f bc", "tzcnt", "Gv,Ev", 0, "tzcnt%S");
r("0f bd", "bsr", "Gv,Ev", 0, "bsr%S");
r("f3 0f bd", "lzcnt", "Gv,Ev", 0, "lzcnt%S");
r("0f be", "movsx", "Gv,Eb", 0, "movsb%0");
r("0f bf", "movsx", "Gv,Ew", 0, "movsw%0");
r("0f c0", "xadd", "Eb,Gb", LK, "xadd%S");
r("0f c1", "xadd", "Ev,Gv", LK, "xadd%S");
r("0f c3", "movnti", "My,Gy", 0, "movnti%S");
r("0f c7 /1 W1", "cmpxchg16b", "Mx", LK);
r("0f c7 /1", "cmpxchg8b", "Mq", LK);
r("0f c7 /4 W1", "xsavec64", "M", X87 | SSE);
r("0f c7 /4", "xsavec", "M", X87 | SSE);
r("0f c7 /6 r", "rdrand", "Rv");
r("0f c7 /7 r", "rdseed", "Rv");
r("f3 0f c7 /7 r", "rdpid", "Rq");
r("0f c8+r", "bswap", "Zy");
r("0f ff", "ud0", "Gv,Ev", EB | TRAP);

// ---------------------------------------------------------------------------
// SSE, SSE2, SSE3 (0f map).

const S = SSE;
/** Packed/scalar float family: np ps, 66 pd, f3 ss, f2 sd. */
function fp4(opc: string, name: string, imm = false): void {
  const i = imm ? ",Ib" : "";
  r(`0f ${opc}`, name + "ps", "Vx,Wx" + i, S);
  r(`66 0f ${opc}`, name + "pd", "Vx,Wx" + i, S);
  r(`f3 0f ${opc}`, name + "ss", "Vx,Wd" + i, S);
  r(`f2 0f ${opc}`, name + "sd", "Vx,Wq" + i, S);
}
function fp2(opc: string, name: string, imm = false): void {
  const i = imm ? ",Ib" : "";
  r(`0f ${opc}`, name + "ps", "Vx,Wx" + i, S);
  r(`66 0f ${opc}`, name + "pd", "Vx,Wx" + i, S);
}
r("0f 10", "movups", "Vx,Wx", S);
r("66 0f 10", "movupd", "Vx,Wx", S);
r("f3 0f 10", "movss", "Vx,Wd", S);
r("f2 0f 10", "movsd", "Vx,Wq", S);
r("0f 11", "movups", "Wx,Vx", S);
r("66 0f 11", "movupd", "Wx,Vx", S);
r("f3 0f 11", "movss", "Wd,Vx", S);
r("f2 0f 11", "movsd", "Wq,Vx", S);
r("0f 12", "movlps", "Vx,Mq", S);
r("0f 12", "movhlps", "Vx,Ux", S);
r("66 0f 12", "movlpd", "Vx,Mq", S);
r("f2 0f 12", "movddup", "Vx,Wq", S);
r("f3 0f 12", "movsldup", "Vx,Wx", S);
r("0f 13", "movlps", "Mq,Vx", S);
r("66 0f 13", "movlpd", "Mq,Vx", S);
fp2("14", "unpckl");
fp2("15", "unpckh");
r("0f 16", "movhps", "Vx,Mq", S);
r("0f 16", "movlhps", "Vx,Ux", S);
r("66 0f 16", "movhpd", "Vx,Mq", S);
r("f3 0f 16", "movshdup", "Vx,Wx", S);
r("0f 17", "movhps", "Mq,Vx", S);
r("66 0f 17", "movhpd", "Mq,Vx", S);
r("0f 28", "movaps", "Vx,Wx", S);
r("66 0f 28", "movapd", "Vx,Wx", S);
r("0f 29", "movaps", "Wx,Vx", S);
r("66 0f 29", "movapd", "Wx,Vx", S);
r("f3 0f 2a", "cvtsi2ss", "Vx,Ey", S, "cvtsi2ss%m1");
r("f2 0f 2a", "cvtsi2sd", "Vx,Ey", S, "cvtsi2sd%m1");
r("0f 2b", "movntps", "Mx,Vx", S);
r("66 0f 2b", "movntpd", "Mx,Vx", S);
r("f3 0f 2c", "cvttss2si", "Gy,Wd", S);
r("f2 0f 2c", "cvttsd2si", "Gy,Wq", S);
r("f3 0f 2d", "cvtss2si", "Gy,Wd", S);
r("f2 0f 2d", "cvtsd2si", "Gy,Wq", S);
r("0f 2e", "ucomiss", "Vx,Wd", S);
r("66 0f 2e", "ucomisd", "Vx,Wq", S);
r("0f 2f", "comiss", "Vx,Wd", S);
r("66 0f 2f", "comisd", "Vx,Wq", S);
r("0f 50", "movmskps", "Gy,Ux", S);
r("66 0f 50", "movmskpd", "Gy,Ux", S);
fp4("51", "sqrt");
r("0f 52", "rsqrtps", "Vx,Wx", S);
r("f3 0f 52", "rsqrtss", "Vx,Wd", S);
r("0f 53", "rcpps", "Vx,Wx", S);
r("f3 0f 53", "rcpss", "Vx,Wd", S);
fp2("54", "and");
fp2("55", "andn");
fp2("56", "or");
fp2("57", "xor");
fp4("58", "add");
fp4("59", "mul");
r("0f 5a", "cvtps2pd", "Vx,Wq", S);
r("66 0f 5a", "cvtpd2ps", "Vx,Wx", S);
r("f3 0f 5a", "cvtss2sd", "Vx,Wd", S);
r("f2 0f 5a", "cvtsd2ss", "Vx,Wq", S);
r("0f 5b", "cvtdq2ps", "Vx,Wx", S);
r("66 0f 5b", "cvtps2dq", "Vx,Wx", S);
r("f3 0f 5b", "cvttps2dq", "Vx,Wx", S);
fp4("5c", "sub");
fp4("5d", "min");
fp4("5e", "div");
fp4("5f", "max");

const SSE2_INT: [number, string][] = [
  [0x60, "punpcklbw"],
  [0x61, "punpcklwd"],
  [0x62, "punpckldq"],
  [0x63, "packsswb"],
  [0x64, "pcmpgtb"],
  [0x65, "pcmpgtw"],
  [0x66, "pcmpgtd"],
  [0x67, "packuswb"],
  [0x68, "punpckhbw"],
  [0x69, "punpckhwd"],
  [0x6a, "punpckhdq"],
  [0x6b, "packssdw"],
  [0x6c, "punpcklqdq"],
  [0x6d, "punpckhqdq"],
  [0x74, "pcmpeqb"],
  [0x75, "pcmpeqw"],
  [0x76, "pcmpeqd"],
  [0xd1, "psrlw"],
  [0xd2, "psrld"],
  [0xd3, "psrlq"],
  [0xd4, "paddq"],
  [0xd5, "pmullw"],
  [0xd8, "psubusb"],
  [0xd9, "psubusw"],
  [0xda, "pminub"],
  [0xdb, "pand"],
  [0xdc, "paddusb"],
  [0xdd, "paddusw"],
  [0xde, "pmaxub"],
  [0xdf, "pandn"],
  [0xe0, "pavgb"],
  [0xe1, "psraw"],
  [0xe2, "psrad"],
  [0xe3, "pavgw"],
  [0xe4, "pmulhuw"],
  [0xe5, "pmulhw"],
  [0xe8, "psubsb"],
  [0xe9, "psubsw"],
  [0xea, "pminsw"],
  [0xeb, "por"],
  [0xec, "paddsb"],
  [0xed, "paddsw"],
  [0xee, "pmaxsw"],
  [0xef, "pxor"],
  [0xf1, "psllw"],
  [0xf2, "pslld"],
  [0xf3, "psllq"],
  [0xf4, "pmuludq"],
  [0xf5, "pmaddwd"],
  [0xf6, "psadbw"],
  [0xf8, "psubb"],
  [0xf9, "psubw"],
  [0xfa, "psubd"],
  [0xfb, "psubq"],
  [0xfc, "paddb"],
  [0xfd, "paddw"],
  [0xfe, "paddd"],
];
for (const [o, name] of SSE2_INT) r(`66 0f ${hex(o)}`, name, "Vx,Wx", S);
r("66 0f 6e W1", "movq", "Vx,Eq", S);
r("66 0f 6e", "movd", "Vx,Ed", S);
r("66 0f 6f", "movdqa", "Vx,Wx", S);
r("f3 0f 6f", "movdqu", "Vx,Wx", S);
r("66 0f 70", "pshufd", "Vx,Wx,Ib", S);
r("f3 0f 70", "pshufhw", "Vx,Wx,Ib", S);
r("f2 0f 70", "pshuflw", "Vx,Wx,Ib", S);
r("66 0f 71 /2", "psrlw", "Ux,Ib", S);
r("66 0f 71 /4", "psraw", "Ux,Ib", S);
r("66 0f 71 /6", "psllw", "Ux,Ib", S);
r("66 0f 72 /2", "psrld", "Ux,Ib", S);
r("66 0f 72 /4", "psrad", "Ux,Ib", S);
r("66 0f 72 /6", "pslld", "Ux,Ib", S);
r("66 0f 73 /2", "psrlq", "Ux,Ib", S);
r("66 0f 73 /3", "psrldq", "Ux,Ib", S);
r("66 0f 73 /6", "psllq", "Ux,Ib", S);
r("66 0f 73 /7", "pslldq", "Ux,Ib", S);
r("66 0f 7c", "haddpd", "Vx,Wx", S);
r("f2 0f 7c", "haddps", "Vx,Wx", S);
r("66 0f 7d", "hsubpd", "Vx,Wx", S);
r("f2 0f 7d", "hsubps", "Vx,Wx", S);
r("66 0f 7e W1", "movq", "Eq,Vx", S);
r("66 0f 7e", "movd", "Ed,Vx", S);
r("f3 0f 7e", "movq", "Vx,Wq", S);
r("66 0f 7f", "movdqa", "Wx,Vx", S);
r("f3 0f 7f", "movdqu", "Wx,Vx", S);
fp4("c2", "cmp", true);
r("66 0f c4", "pinsrw", "Vx,Edw,Ib", S);
r("66 0f c5", "pextrw", "Gd,Ux,Ib", S);
fp2("c6", "shuf", true);
r("66 0f d0", "addsubpd", "Vx,Wx", S);
r("f2 0f d0", "addsubps", "Vx,Wx", S);
r("66 0f d6", "movq", "Wq,Vx", S);
r("66 0f d7", "pmovmskb", "Gy,Ux", S);
r("66 0f e6", "cvttpd2dq", "Vx,Wx", S);
r("f3 0f e6", "cvtdq2pd", "Vx,Wq", S);
r("f2 0f e6", "cvtpd2dq", "Vx,Wx", S);
r("66 0f e7", "movntdq", "Mx,Vx", S);
r("f2 0f f0", "lddqu", "Vx,Mx", S);
r("66 0f f7", "maskmovdqu", "Vx,Ux", S);

// MMX (0f without a mandatory prefix; the SSE-era and SSSE3 mm forms too).
const MX = S | MMX;
for (const [o, name] of SSE2_INT) {
  if (o === 0x6c || o === 0x6d) continue;
  r(`0f ${hex(o)}`, name, o >= 0x60 && o <= 0x62 ? "Pq,Qd" : "Pq,Qq", MX);
}
r("0f 6e W1", "movq", "Pq,Eq", MX);
r("0f 6e", "movd", "Pq,Ed", MX);
r("0f 6f", "movq", "Pq,Qq", MX);
r("0f 70", "pshufw", "Pq,Qq,Ib", MX);
r("0f 71 /2", "psrlw", "Nq,Ib", MX);
r("0f 71 /4", "psraw", "Nq,Ib", MX);
r("0f 71 /6", "psllw", "Nq,Ib", MX);
r("0f 72 /2", "psrld", "Nq,Ib", MX);
r("0f 72 /4", "psrad", "Nq,Ib", MX);
r("0f 72 /6", "pslld", "Nq,Ib", MX);
r("0f 73 /2", "psrlq", "Nq,Ib", MX);
r("0f 73 /6", "psllq", "Nq,Ib", MX);
r("0f 77", "emms", "", MX);
r("0f 7e W1", "movq", "Eq,Pq", MX);
r("0f 7e", "movd", "Ed,Pq", MX);
r("0f 7f", "movq", "Qq,Pq", MX);
r("0f c4", "pinsrw", "Pq,Edw,Ib", MX);
r("0f c5", "pextrw", "Gd,Nq,Ib", MX);
r("0f d7", "pmovmskb", "Gy,Nq", MX);
r("0f e7", "movntq", "Mq,Pq", MX);
r("0f f7", "maskmovq", "Pq,Nq", MX);

// ---------------------------------------------------------------------------
// Three-byte maps: SSSE3, SSE4.1, SSE4.2, AES, PCLMUL, SHA, movbe, crc32, adx.

const M38: [number, string, string?][] = [
  [0x00, "pshufb"],
  [0x01, "phaddw"],
  [0x02, "phaddd"],
  [0x03, "phaddsw"],
  [0x04, "pmaddubsw"],
  [0x05, "phsubw"],
  [0x06, "phsubd"],
  [0x07, "phsubsw"],
  [0x08, "psignb"],
  [0x09, "psignw"],
  [0x0a, "psignd"],
  [0x0b, "pmulhrsw"],
  [0x10, "pblendvb", "Vx,Wx,XMM0"],
  [0x14, "blendvps", "Vx,Wx,XMM0"],
  [0x15, "blendvpd", "Vx,Wx,XMM0"],
  [0x17, "ptest"],
  [0x1c, "pabsb"],
  [0x1d, "pabsw"],
  [0x1e, "pabsd"],
  [0x20, "pmovsxbw", "Vx,Wq"],
  [0x21, "pmovsxbd", "Vx,Wd"],
  [0x22, "pmovsxbq", "Vx,Ww"],
  [0x23, "pmovsxwd", "Vx,Wq"],
  [0x24, "pmovsxwq", "Vx,Wd"],
  [0x25, "pmovsxdq", "Vx,Wq"],
  [0x28, "pmuldq"],
  [0x29, "pcmpeqq"],
  [0x2a, "movntdqa", "Vx,Mx"],
  [0x2b, "packusdw"],
  [0x30, "pmovzxbw", "Vx,Wq"],
  [0x31, "pmovzxbd", "Vx,Wd"],
  [0x32, "pmovzxbq", "Vx,Ww"],
  [0x33, "pmovzxwd", "Vx,Wq"],
  [0x34, "pmovzxwq", "Vx,Wd"],
  [0x35, "pmovzxdq", "Vx,Wq"],
  [0x37, "pcmpgtq"],
  [0x38, "pminsb"],
  [0x39, "pminsd"],
  [0x3a, "pminuw"],
  [0x3b, "pminud"],
  [0x3c, "pmaxsb"],
  [0x3d, "pmaxsd"],
  [0x3e, "pmaxuw"],
  [0x3f, "pmaxud"],
  [0x40, "pmulld"],
  [0x41, "phminposuw"],
  [0xdb, "aesimc"],
  [0xdc, "aesenc"],
  [0xdd, "aesenclast"],
  [0xde, "aesdec"],
  [0xdf, "aesdeclast"],
];
for (const [o, name, spec] of M38) r(`66 0f38 ${hex(o)}`, name, spec ?? "Vx,Wx", S);
for (const [o, name] of M38) {
  if (o <= 0x0b || (o >= 0x1c && o <= 0x1e)) r(`0f38 ${hex(o)}`, name, "Pq,Qq", MX);
}
r("0f38 c8", "sha1nexte", "Vx,Wx", S);
r("0f38 c9", "sha1msg1", "Vx,Wx", S);
r("0f38 ca", "sha1msg2", "Vx,Wx", S);
r("0f38 cb", "sha256rnds2", "Vx,Wx,XMM0", S);
r("0f38 cc", "sha256msg1", "Vx,Wx", S);
r("0f38 cd", "sha256msg2", "Vx,Wx", S);
r("0f38 f0", "movbe", "Gv,Mv", 0, "movbe%S");
r("0f38 f1", "movbe", "Mv,Gv", 0, "movbe%S");
r("f2 0f38 f0", "crc32", "Gy,Eb", 0, "crc32%m1");
r("f2 0f38 f1", "crc32", "Gy,Ev", 0, "crc32%m1");
r("66 0f38 f6", "adcx", "Gy,Ey", 0, "adcx%S");
r("f3 0f38 f6", "adox", "Gy,Ey", 0, "adox%S");

const M3A: [number, string, string?][] = [
  [0x08, "roundps"],
  [0x09, "roundpd"],
  [0x0a, "roundss", "Vx,Wd,Ib"],
  [0x0b, "roundsd", "Vx,Wq,Ib"],
  [0x0c, "blendps"],
  [0x0d, "blendpd"],
  [0x0e, "pblendw"],
  [0x0f, "palignr"],
  [0x14, "pextrb", "Edb,Vx,Ib"],
  [0x15, "pextrw", "Edw,Vx,Ib"],
  [0x17, "extractps", "Ed,Vx,Ib"],
  [0x20, "pinsrb", "Vx,Edb,Ib"],
  [0x21, "insertps", "Vx,Wd,Ib"],
  [0x40, "dpps"],
  [0x41, "dppd"],
  [0x42, "mpsadbw"],
  [0x44, "pclmulqdq"],
  [0x60, "pcmpestrm"],
  [0x61, "pcmpestri"],
  [0x62, "pcmpistrm"],
  [0x63, "pcmpistri"],
  [0xdf, "aeskeygenassist"],
];
r("66 0f3a 16 W1", "pextrq", "Eq,Vx,Ib", S);
r("66 0f3a 16", "pextrd", "Ed,Vx,Ib", S);
r("66 0f3a 22 W1", "pinsrq", "Vx,Eq,Ib", S);
r("66 0f3a 22", "pinsrd", "Vx,Ed,Ib", S);
for (const [o, name, spec] of M3A) r(`66 0f3a ${hex(o)}`, name, spec ?? "Vx,Wx,Ib", S);
r("0f3a 0f", "palignr", "Pq,Qq,Ib", MX);
r("0f3a cc", "sha1rnds4", "Vx,Wx,Ib", S);

/** Every row of the table, in match order (more specific rows first within an opcode). */
export const RAW_ROWS: readonly RawRow[] = rows;
