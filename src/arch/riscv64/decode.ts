/**
 * RISC-V 64 instruction decoding, driven by one table of encodings.
 *
 * {@link ROWS} lists every 32-bit instruction of RV64GC + Zicsr + Zifencei + Zba + Zbb
 * as a (mask, match, format) row, in the style of QEMU's decodetree. {@link CROWS}
 * lists the 16-bit compressed encodings and says how each one expands to a 32-bit
 * row. {@link decode} returns the expanded instruction, so later stages only ever
 * see 32-bit mnemonics. Privileged instructions (mret, wfi, sfence.vma, …) and
 * reserved encodings decode to `null`.
 * @module
 */

/** The instruction ends a basic block (branches, jal, jalr, ecall, ebreak, fence.i). */
export const ENDS_BLOCK = 1;
/** The instruction reads or writes FP registers or FP state (F and D extensions). */
export const FP = 2;
/** Conditional branch. */
export const BRANCH = 4;
/** Unconditional jump (jal, jalr). */
export const JUMP = 8;
/** Memory load (including FP loads and lr). */
export const LOAD = 16;
/** Memory store (including FP stores and sc). */
export const STORE = 32;
/** Atomic memory operation (A extension: lr, sc, amo*). */
export const ATOMIC = 64;
/** Zicsr instruction (reads or writes a CSR). */
export const CSR = 128;
/** Environment call or breakpoint (ecall, ebreak). */
export const SYSTEM = 256;

/**
 * Operand format of a 32-bit row. It drives both the field extraction in
 * {@link decode} and the operand layout of the disassembler.
 *
 * - `r`: rd, rs1, rs2 (integer registers).
 * - `r1`: rd, rs1 (integer unary ops: clz, sext.b, rev8, …).
 * - `i`: rd, rs1, 12-bit signed imm.
 * - `sh6` / `sh5`: rd, rs1, shift amount (6 or 5 bits) in imm.
 * - `load` / `store`: rd or rs2, imm(rs1).
 * - `fload` / `fstore`: FP rd or FP rs2, imm(rs1).
 * - `b`: rs1, rs2, branch byte offset. `u`: rd, shifted imm. `j`: rd, jump byte offset.
 * - `jalr`: rd, imm(rs1).
 * - `fence`: pred in imm bits 7:4, succ in bits 3:0, fm in bits 11:8 (imm holds the 12 bits).
 * - `none`: no operands (ecall, ebreak, fence.i).
 * - `csr`: rd, csr, rs1. `csri`: rd, csr, 5-bit zimm in imm.
 * - `amo`: rd, rs2, (rs1) + aq/rl. `lr`: rd, (rs1) + aq/rl.
 * - `fr`: FP rd, rs1, rs2 + rm. `fr_nrm`: FP rd, rs1, rs2 without rm.
 * - `fr4`: FP rd, rs1, rs2, rs3 + rm. `fr1`: FP rd, FP rs1 + rm.
 * - `fcmp`: integer rd, FP rs1, FP rs2. `fcvt_xf`: integer rd, FP rs1 + rm.
 * - `fcvt_fx`: FP rd, integer rs1 + rm. `fmv_xf`: integer rd, FP rs1. `fmv_fx`: FP rd, integer rs1.
 */
export type RvFormat =
  | "r"
  | "r1"
  | "i"
  | "sh6"
  | "sh5"
  | "load"
  | "store"
  | "fload"
  | "fstore"
  | "b"
  | "u"
  | "j"
  | "jalr"
  | "fence"
  | "none"
  | "csr"
  | "csri"
  | "amo"
  | "lr"
  | "fr"
  | "fr_nrm"
  | "fr4"
  | "fr1"
  | "fcmp"
  | "fcvt_xf"
  | "fcvt_fx"
  | "fmv_xf"
  | "fmv_fx";

/** One 32-bit encoding: `(word & mask) === match` selects it. */
export interface RvRow {
  /** Mnemonic of the 32-bit instruction, e.g. "addi", "fmadd.d", "lr.w", "sh1add.uw". */
  op: string;
  /** Bits that must match (unsigned 32-bit). */
  mask: number;
  /** Their values (unsigned 32-bit). */
  match: number;
  /** Operand format, drives field extraction and disassembly layout. */
  fmt: RvFormat;
  /** Bit flags: {@link ENDS_BLOCK}, {@link FP}, {@link BRANCH}, … */
  flags: number;
}

/** A decoded instruction. Compressed encodings are returned in their expanded 32-bit form. */
export interface RvInsn {
  /** Expanded 32-bit mnemonic ("c.*" never appears here). */
  op: string;
  /** Encoding length in bytes. */
  len: 2 | 4;
  /** The raw encoding (16 or 32 bits, unsigned). */
  raw: number;
  /** Destination register (integer or FP, per the format). */
  rd: number;
  /** First source register. */
  rs1: number;
  /** Second source register. */
  rs2: number;
  /** Third source register (fused multiply-add). */
  rs3: number;
  /**
   * Sign-extended immediate (int32 range). U-type: already shifted. Branches and jal:
   * the signed byte offset. Shifts: the shamt. CSR immediate forms: the 5-bit zimm.
   * fence: the 12-bit fm/pred/succ field.
   */
  imm: number;
  /** CSR number for Zicsr ops, else 0. */
  csr: number;
  /**
   * FP rounding-mode field (bits 14:12) for FP ops that have one, else 0. The reserved
   * values 5 and 6 still decode (objdump prints them as "unknown"); executing such an
   * instruction must raise an illegal-instruction exception, as must rm = 7 (dyn) when
   * frm holds an invalid mode.
   */
  rm: number;
  /** A extension acquire bit. */
  aq: boolean;
  /** A extension release bit. */
  rl: boolean;
  /** Flags copied from the row. */
  flags: number;
}

// ---------------------------------------------------------------------------
// Row builders. Each computes mask/match from the fixed fields of one family.

const OPC = 0x7f;
const F3 = 0x7000;
const F7 = 0xfe000000;
const RS2 = 0x01f00000;

const EB = ENDS_BLOCK;

function row(op: string, fmt: RvFormat, mask: number, match: number, flags: number): RvRow {
  return { op, mask: mask >>> 0, match: match >>> 0, fmt, flags };
}

/** R-type: funct7, funct3, opcode fixed. */
function rr(op: string, opc: number, f3: number, f7: number, flags = 0): RvRow {
  return row(op, "r", F7 | F3 | OPC, (f7 << 25) | (f3 << 12) | opc, flags);
}

/** Unary R-type with a fixed rs2 field (Zbb clz, sext.b, …), or a fixed 12-bit imm (rev8, orc.b). */
function r1(op: string, opc: number, f3: number, f12: number): RvRow {
  return row(op, "r1", 0xfff00000 | F3 | OPC, (f12 << 20) | (f3 << 12) | opc, 0);
}

/** Formats whose only fixed fields are funct3 and opcode. */
function f3row(op: string, fmt: RvFormat, opc: number, f3: number, flags = 0): RvRow {
  return row(op, fmt, F3 | OPC, (f3 << 12) | opc, flags);
}

/** 64-bit shift-immediate: funct6 (bits 31:26) fixed, 6-bit shamt. */
function sh6(op: string, opc: number, f3: number, f6: number): RvRow {
  return row(op, "sh6", 0xfc000000 | F3 | OPC, (f6 << 26) | (f3 << 12) | opc, 0);
}

/** 32-bit shift-immediate: funct7 fixed, 5-bit shamt. */
function sh5(op: string, opc: number, f3: number, f7: number): RvRow {
  return row(op, "sh5", F7 | F3 | OPC, (f7 << 25) | (f3 << 12) | opc, 0);
}

/** A extension: funct5 (bits 31:27) and funct3 (width) fixed; aq/rl free. */
function amo(op: string, f5: number, f3: number): RvRow {
  const isLr = f5 === 0b00010;
  const flags = ATOMIC | (isLr ? LOAD : f5 === 0b00011 ? STORE : LOAD | STORE);
  return row(
    op,
    isLr ? "lr" : "amo",
    0xf8000000 | (isLr ? RS2 : 0) | F3 | OPC,
    (f5 << 27) | (f3 << 12) | 0x2f,
    flags,
  );
}

/** OP-FP with an rm field: funct7 fixed, rm free. */
function fpRm(op: string, fmt: RvFormat, f7: number, flags = 0): RvRow {
  return row(op, fmt, F7 | OPC, (f7 << 25) | 0x53, FP | flags);
}

/** OP-FP with an rm field and a fixed rs2 field (fsqrt, fcvt.*). */
function fpRmRs2(op: string, fmt: RvFormat, f7: number, rs2: number): RvRow {
  return row(op, fmt, F7 | RS2 | OPC, (f7 << 25) | (rs2 << 20) | 0x53, FP);
}

/** OP-FP with funct3 as part of the opcode (fsgnj, fmin, feq, …). */
function fpF3(op: string, fmt: RvFormat, f7: number, f3: number): RvRow {
  return row(op, fmt, F7 | F3 | OPC, (f7 << 25) | (f3 << 12) | 0x53, FP);
}

/** OP-FP with fixed funct3 and rs2 (fclass, fmv.x.w, fmv.w.x). */
function fpF3Rs2(op: string, fmt: RvFormat, f7: number, f3: number): RvRow {
  return row(op, fmt, F7 | RS2 | F3 | OPC, (f7 << 25) | (f3 << 12) | 0x53, FP);
}

/** Fused multiply-add: opcode and fmt (bits 26:25) fixed. */
function fma(op: string, opc: number, fmt2: number): RvRow {
  return row(op, "fr4", 0x06000000 | OPC, (fmt2 << 25) | opc, FP);
}

function csrRow(op: string, f3: number, imm: boolean): RvRow {
  return f3row(op, imm ? "csri" : "csr", 0x73, f3, CSR);
}

// Major opcodes.
const LOAD_OPC = 0x03;
const LOAD_FP = 0x07;
const MISC_MEM = 0x0f;
const OP_IMM = 0x13;
const AUIPC = 0x17;
const OP_IMM_32 = 0x1b;
const STORE_OPC = 0x23;
const STORE_FP = 0x27;
const OP = 0x33;
const LUI = 0x37;
const OP_32 = 0x3b;
const BRANCH_OPC = 0x63;
const JALR = 0x67;
const JAL = 0x6f;

/**
 * The 32-bit decode table. Rows are disjoint, except that a more specific row
 * always comes before a more general one with the same match bits.
 */
export const ROWS: readonly RvRow[] = [
  // RV64I
  row("lui", "u", OPC, LUI, 0),
  row("auipc", "u", OPC, AUIPC, 0),
  row("jal", "j", OPC, JAL, EB | JUMP),
  f3row("jalr", "jalr", JALR, 0, EB | JUMP),
  f3row("beq", "b", BRANCH_OPC, 0, EB | BRANCH),
  f3row("bne", "b", BRANCH_OPC, 1, EB | BRANCH),
  f3row("blt", "b", BRANCH_OPC, 4, EB | BRANCH),
  f3row("bge", "b", BRANCH_OPC, 5, EB | BRANCH),
  f3row("bltu", "b", BRANCH_OPC, 6, EB | BRANCH),
  f3row("bgeu", "b", BRANCH_OPC, 7, EB | BRANCH),
  f3row("lb", "load", LOAD_OPC, 0, LOAD),
  f3row("lh", "load", LOAD_OPC, 1, LOAD),
  f3row("lw", "load", LOAD_OPC, 2, LOAD),
  f3row("ld", "load", LOAD_OPC, 3, LOAD),
  f3row("lbu", "load", LOAD_OPC, 4, LOAD),
  f3row("lhu", "load", LOAD_OPC, 5, LOAD),
  f3row("lwu", "load", LOAD_OPC, 6, LOAD),
  f3row("sb", "store", STORE_OPC, 0, STORE),
  f3row("sh", "store", STORE_OPC, 1, STORE),
  f3row("sw", "store", STORE_OPC, 2, STORE),
  f3row("sd", "store", STORE_OPC, 3, STORE),
  f3row("addi", "i", OP_IMM, 0),
  f3row("slti", "i", OP_IMM, 2),
  f3row("sltiu", "i", OP_IMM, 3),
  f3row("xori", "i", OP_IMM, 4),
  f3row("ori", "i", OP_IMM, 6),
  f3row("andi", "i", OP_IMM, 7),
  sh6("slli", OP_IMM, 1, 0b000000),
  sh6("srli", OP_IMM, 5, 0b000000),
  sh6("srai", OP_IMM, 5, 0b010000),
  rr("add", OP, 0, 0x00),
  rr("sub", OP, 0, 0x20),
  rr("sll", OP, 1, 0x00),
  rr("slt", OP, 2, 0x00),
  rr("sltu", OP, 3, 0x00),
  rr("xor", OP, 4, 0x00),
  rr("srl", OP, 5, 0x00),
  rr("sra", OP, 5, 0x20),
  rr("or", OP, 6, 0x00),
  rr("and", OP, 7, 0x00),
  f3row("addiw", "i", OP_IMM_32, 0),
  sh5("slliw", OP_IMM_32, 1, 0x00),
  sh5("srliw", OP_IMM_32, 5, 0x00),
  sh5("sraiw", OP_IMM_32, 5, 0x20),
  rr("addw", OP_32, 0, 0x00),
  rr("subw", OP_32, 0, 0x20),
  rr("sllw", OP_32, 1, 0x00),
  rr("srlw", OP_32, 5, 0x00),
  rr("sraw", OP_32, 5, 0x20),
  // fence and fence.i ignore their reserved fields (rd, rs1, unknown fm values), as the
  // ISA manual requires; objdump 2.40 is stricter and prints those as .4byte.
  f3row("fence", "fence", MISC_MEM, 0),
  row("ecall", "none", 0xffffffff, 0x00000073, EB | SYSTEM),
  row("ebreak", "none", 0xffffffff, 0x00100073, EB | SYSTEM),
  // Zifencei
  f3row("fence.i", "none", MISC_MEM, 1, EB),
  // Zicsr
  csrRow("csrrw", 1, false),
  csrRow("csrrs", 2, false),
  csrRow("csrrc", 3, false),
  csrRow("csrrwi", 5, true),
  csrRow("csrrsi", 6, true),
  csrRow("csrrci", 7, true),
  // M
  rr("mul", OP, 0, 0x01),
  rr("mulh", OP, 1, 0x01),
  rr("mulhsu", OP, 2, 0x01),
  rr("mulhu", OP, 3, 0x01),
  rr("div", OP, 4, 0x01),
  rr("divu", OP, 5, 0x01),
  rr("rem", OP, 6, 0x01),
  rr("remu", OP, 7, 0x01),
  rr("mulw", OP_32, 0, 0x01),
  rr("divw", OP_32, 4, 0x01),
  rr("divuw", OP_32, 5, 0x01),
  rr("remw", OP_32, 6, 0x01),
  rr("remuw", OP_32, 7, 0x01),
  // A
  amo("lr.w", 0b00010, 2),
  amo("sc.w", 0b00011, 2),
  amo("amoswap.w", 0b00001, 2),
  amo("amoadd.w", 0b00000, 2),
  amo("amoxor.w", 0b00100, 2),
  amo("amoand.w", 0b01100, 2),
  amo("amoor.w", 0b01000, 2),
  amo("amomin.w", 0b10000, 2),
  amo("amomax.w", 0b10100, 2),
  amo("amominu.w", 0b11000, 2),
  amo("amomaxu.w", 0b11100, 2),
  amo("lr.d", 0b00010, 3),
  amo("sc.d", 0b00011, 3),
  amo("amoswap.d", 0b00001, 3),
  amo("amoadd.d", 0b00000, 3),
  amo("amoxor.d", 0b00100, 3),
  amo("amoand.d", 0b01100, 3),
  amo("amoor.d", 0b01000, 3),
  amo("amomin.d", 0b10000, 3),
  amo("amomax.d", 0b10100, 3),
  amo("amominu.d", 0b11000, 3),
  amo("amomaxu.d", 0b11100, 3),
  // F
  f3row("flw", "fload", LOAD_FP, 2, FP | LOAD),
  f3row("fsw", "fstore", STORE_FP, 2, FP | STORE),
  fma("fmadd.s", 0x43, 0),
  fma("fmsub.s", 0x47, 0),
  fma("fnmsub.s", 0x4b, 0),
  fma("fnmadd.s", 0x4f, 0),
  fpRm("fadd.s", "fr", 0x00),
  fpRm("fsub.s", "fr", 0x04),
  fpRm("fmul.s", "fr", 0x08),
  fpRm("fdiv.s", "fr", 0x0c),
  fpRmRs2("fsqrt.s", "fr1", 0x2c, 0),
  fpF3("fsgnj.s", "fr_nrm", 0x10, 0),
  fpF3("fsgnjn.s", "fr_nrm", 0x10, 1),
  fpF3("fsgnjx.s", "fr_nrm", 0x10, 2),
  fpF3("fmin.s", "fr_nrm", 0x14, 0),
  fpF3("fmax.s", "fr_nrm", 0x14, 1),
  fpRmRs2("fcvt.w.s", "fcvt_xf", 0x60, 0),
  fpRmRs2("fcvt.wu.s", "fcvt_xf", 0x60, 1),
  fpRmRs2("fcvt.l.s", "fcvt_xf", 0x60, 2),
  fpRmRs2("fcvt.lu.s", "fcvt_xf", 0x60, 3),
  fpF3Rs2("fmv.x.w", "fmv_xf", 0x70, 0),
  fpF3("feq.s", "fcmp", 0x50, 2),
  fpF3("flt.s", "fcmp", 0x50, 1),
  fpF3("fle.s", "fcmp", 0x50, 0),
  fpF3Rs2("fclass.s", "fmv_xf", 0x70, 1),
  fpRmRs2("fcvt.s.w", "fcvt_fx", 0x68, 0),
  fpRmRs2("fcvt.s.wu", "fcvt_fx", 0x68, 1),
  fpRmRs2("fcvt.s.l", "fcvt_fx", 0x68, 2),
  fpRmRs2("fcvt.s.lu", "fcvt_fx", 0x68, 3),
  fpF3Rs2("fmv.w.x", "fmv_fx", 0x78, 0),
  // D
  f3row("fld", "fload", LOAD_FP, 3, FP | LOAD),
  f3row("fsd", "fstore", STORE_FP, 3, FP | STORE),
  fma("fmadd.d", 0x43, 1),
  fma("fmsub.d", 0x47, 1),
  fma("fnmsub.d", 0x4b, 1),
  fma("fnmadd.d", 0x4f, 1),
  fpRm("fadd.d", "fr", 0x01),
  fpRm("fsub.d", "fr", 0x05),
  fpRm("fmul.d", "fr", 0x09),
  fpRm("fdiv.d", "fr", 0x0d),
  fpRmRs2("fsqrt.d", "fr1", 0x2d, 0),
  fpF3("fsgnj.d", "fr_nrm", 0x11, 0),
  fpF3("fsgnjn.d", "fr_nrm", 0x11, 1),
  fpF3("fsgnjx.d", "fr_nrm", 0x11, 2),
  fpF3("fmin.d", "fr_nrm", 0x15, 0),
  fpF3("fmax.d", "fr_nrm", 0x15, 1),
  fpRmRs2("fcvt.s.d", "fr1", 0x20, 1),
  fpRmRs2("fcvt.d.s", "fr1", 0x21, 0),
  fpF3("feq.d", "fcmp", 0x51, 2),
  fpF3("flt.d", "fcmp", 0x51, 1),
  fpF3("fle.d", "fcmp", 0x51, 0),
  fpF3Rs2("fclass.d", "fmv_xf", 0x71, 1),
  fpRmRs2("fcvt.w.d", "fcvt_xf", 0x61, 0),
  fpRmRs2("fcvt.wu.d", "fcvt_xf", 0x61, 1),
  fpRmRs2("fcvt.l.d", "fcvt_xf", 0x61, 2),
  fpRmRs2("fcvt.lu.d", "fcvt_xf", 0x61, 3),
  fpRmRs2("fcvt.d.w", "fcvt_fx", 0x69, 0),
  fpRmRs2("fcvt.d.wu", "fcvt_fx", 0x69, 1),
  fpRmRs2("fcvt.d.l", "fcvt_fx", 0x69, 2),
  fpRmRs2("fcvt.d.lu", "fcvt_fx", 0x69, 3),
  fpF3Rs2("fmv.x.d", "fmv_xf", 0x71, 0),
  fpF3Rs2("fmv.d.x", "fmv_fx", 0x79, 0),
  // Zba
  rr("add.uw", OP_32, 0, 0x04),
  rr("sh1add", OP, 2, 0x10),
  rr("sh2add", OP, 4, 0x10),
  rr("sh3add", OP, 6, 0x10),
  rr("sh1add.uw", OP_32, 2, 0x10),
  rr("sh2add.uw", OP_32, 4, 0x10),
  rr("sh3add.uw", OP_32, 6, 0x10),
  sh6("slli.uw", OP_IMM_32, 1, 0b000010),
  // Zbb
  rr("andn", OP, 7, 0x20),
  rr("orn", OP, 6, 0x20),
  rr("xnor", OP, 4, 0x20),
  r1("clz", OP_IMM, 1, 0x600),
  r1("clzw", OP_IMM_32, 1, 0x600),
  r1("ctz", OP_IMM, 1, 0x601),
  r1("ctzw", OP_IMM_32, 1, 0x601),
  r1("cpop", OP_IMM, 1, 0x602),
  r1("cpopw", OP_IMM_32, 1, 0x602),
  rr("max", OP, 6, 0x05),
  rr("maxu", OP, 7, 0x05),
  rr("min", OP, 4, 0x05),
  rr("minu", OP, 5, 0x05),
  r1("sext.b", OP_IMM, 1, 0x604),
  r1("sext.h", OP_IMM, 1, 0x605),
  r1("zext.h", OP_32, 4, 0x080),
  rr("rol", OP, 1, 0x30),
  rr("rolw", OP_32, 1, 0x30),
  rr("ror", OP, 5, 0x30),
  sh6("rori", OP_IMM, 5, 0b011000),
  sh5("roriw", OP_IMM_32, 5, 0x30),
  rr("rorw", OP_32, 5, 0x30),
  r1("orc.b", OP_IMM, 5, 0x287),
  r1("rev8", OP_IMM, 5, 0x6b8),
];

// ---------------------------------------------------------------------------
// Compressed encodings.

/**
 * How a compressed encoding's fields map to the expanded instruction. `p` marks
 * the 3-bit "prime" register fields (x8–x15). See the RISC-V C extension chapter.
 *
 * - `ciw`: c.addi4spn (rd'=4:2, rs1=sp, nzuimm).
 * - `cl_w` / `cl_d`: rd'=4:2, rs1'=9:7, word / doubleword scaled offset.
 * - `cs_w` / `cs_d`: rs2'=4:2, rs1'=9:7, word / doubleword scaled offset.
 * - `ci`: rd=rs1=11:7, 6-bit signed imm. `ci_li`: rd=11:7, rs1=x0, 6-bit signed imm.
 * - `ci_sp16`: c.addi16sp. `ci_lui`: rd=11:7, imm<<12. `ci_sh`: rd=rs1=11:7, 6-bit shamt.
 * - `cb_sh`: rd=rs1=9:7', 6-bit shamt. `cb_andi`: rd=rs1=9:7', 6-bit signed imm.
 * - `ca`: rd=rs1=9:7', rs2=4:2'. `cj`: rd=x0, jump offset. `cb`: rs1=9:7', rs2=x0, branch offset.
 * - `ci_lwsp` / `ci_ldsp`: rd=11:7, rs1=sp. `css_sw` / `css_sd`: rs2=6:2, rs1=sp.
 * - `cr_jr`: rd=x0, rs1=11:7. `cr_jalr`: rd=ra, rs1=11:7. `cr_mv`: rd=11:7, rs1=x0, rs2=6:2.
 * - `cr_add`: rd=rs1=11:7, rs2=6:2. `cr_none`: no fields.
 */
export type RvCFormat =
  | "ciw"
  | "cl_w"
  | "cl_d"
  | "cs_w"
  | "cs_d"
  | "ci"
  | "ci_li"
  | "ci_sp16"
  | "ci_lui"
  | "ci_sh"
  | "cb_sh"
  | "cb_andi"
  | "ca"
  | "cj"
  | "cb"
  | "ci_lwsp"
  | "ci_ldsp"
  | "css_sw"
  | "css_sd"
  | "cr_jr"
  | "cr_jalr"
  | "cr_mv"
  | "cr_add"
  | "cr_none";

/** The encoding is reserved when its expanded immediate is zero. */
export const RES_IMM0 = 1;
/** The encoding is reserved when bits 11:7 (rd or rs1) are zero. */
export const RES_R0 = 2;

/** One 16-bit encoding and its expansion to a 32-bit row. */
export interface RvCRow {
  /** Compressed mnemonic, e.g. "c.addi16sp" (for documentation and tests). */
  cop: string;
  /** Bits that must match (16-bit). */
  mask: number;
  /** Their values. */
  match: number;
  /** Field layout of the compressed encoding. */
  cfmt: RvCFormat;
  /** Mnemonic of the equivalent 32-bit row in {@link ROWS}. */
  op: string;
  /** Reserved-encoding checks: {@link RES_IMM0}, {@link RES_R0}. */
  reserved: number;
}

function crow(
  cop: string,
  mask: number,
  match: number,
  cfmt: RvCFormat,
  op: string,
  reserved = 0,
): RvCRow {
  return { cop, mask, match, cfmt, op, reserved };
}

const CQ = 0xe003; // quadrant + funct3

/** The 16-bit decode table (RV64C with the D-extension loads and stores). */
export const CROWS: readonly RvCRow[] = [
  // Quadrant 0
  crow("c.addi4spn", CQ, 0x0000, "ciw", "addi", RES_IMM0),
  crow("c.fld", CQ, 0x2000, "cl_d", "fld"),
  crow("c.lw", CQ, 0x4000, "cl_w", "lw"),
  crow("c.ld", CQ, 0x6000, "cl_d", "ld"),
  crow("c.fsd", CQ, 0xa000, "cs_d", "fsd"),
  crow("c.sw", CQ, 0xc000, "cs_w", "sw"),
  crow("c.sd", CQ, 0xe000, "cs_d", "sd"),
  // Quadrant 1
  crow("c.addi", CQ, 0x0001, "ci", "addi"),
  crow("c.addiw", CQ, 0x2001, "ci", "addiw", RES_R0),
  crow("c.li", CQ, 0x4001, "ci_li", "addi"),
  crow("c.addi16sp", 0xef83, 0x6101, "ci_sp16", "addi", RES_IMM0),
  crow("c.lui", CQ, 0x6001, "ci_lui", "lui", RES_IMM0),
  crow("c.srli", 0xec03, 0x8001, "cb_sh", "srli"),
  crow("c.srai", 0xec03, 0x8401, "cb_sh", "srai"),
  crow("c.andi", 0xec03, 0x8801, "cb_andi", "andi"),
  crow("c.sub", 0xfc63, 0x8c01, "ca", "sub"),
  crow("c.xor", 0xfc63, 0x8c21, "ca", "xor"),
  crow("c.or", 0xfc63, 0x8c41, "ca", "or"),
  crow("c.and", 0xfc63, 0x8c61, "ca", "and"),
  crow("c.subw", 0xfc63, 0x9c01, "ca", "subw"),
  crow("c.addw", 0xfc63, 0x9c21, "ca", "addw"),
  crow("c.j", CQ, 0xa001, "cj", "jal"),
  crow("c.beqz", CQ, 0xc001, "cb", "beq"),
  crow("c.bnez", CQ, 0xe001, "cb", "bne"),
  // Quadrant 2
  crow("c.slli", CQ, 0x0002, "ci_sh", "slli"),
  crow("c.fldsp", CQ, 0x2002, "ci_ldsp", "fld"),
  crow("c.lwsp", CQ, 0x4002, "ci_lwsp", "lw", RES_R0),
  crow("c.ldsp", CQ, 0x6002, "ci_ldsp", "ld", RES_R0),
  crow("c.jr", 0xf07f, 0x8002, "cr_jr", "jalr", RES_R0),
  crow("c.mv", 0xf003, 0x8002, "cr_mv", "add"),
  crow("c.ebreak", 0xffff, 0x9002, "cr_none", "ebreak"),
  crow("c.jalr", 0xf07f, 0x9002, "cr_jalr", "jalr"),
  crow("c.add", 0xf003, 0x9002, "cr_add", "add"),
  crow("c.fsdsp", CQ, 0xa002, "css_sd", "fsd"),
  crow("c.swsp", CQ, 0xc002, "css_sw", "sw"),
  crow("c.sdsp", CQ, 0xe002, "css_sd", "sd"),
];

// ---------------------------------------------------------------------------
// Indexes.

/** 32-bit rows bucketed by opcode bits 6:2 and funct3: index = (w >>> 2 & 31) | (f3 << 5). */
const INDEX: RvRow[][] = (() => {
  const idx: RvRow[][] = [];
  for (let i = 0; i < 256; i++) idx.push([]);
  for (const r of ROWS) {
    for (let f3 = 0; f3 < 8; f3++) {
      const key = ((r.match >>> 2) & 31) | (f3 << 5);
      if (((f3 << 12) & r.mask) === (r.match & r.mask & F3)) idx[key].push(r);
    }
  }
  return idx;
})();

const BY_OP: ReadonlyMap<string, RvRow> = new Map(ROWS.map((r) => [r.op, r]));

/** Compressed rows bucketed by quadrant and funct3: index = (h & 3) << 3 | h >>> 13. */
const CINDEX: { c: RvCRow; r: RvRow }[][] = (() => {
  const idx: { c: RvCRow; r: RvRow }[][] = [];
  for (let i = 0; i < 32; i++) idx.push([]);
  for (const c of CROWS) {
    const r = BY_OP.get(c.op);
    if (r === undefined) throw new Error(`Compressed row ${c.cop} expands to unknown op ${c.op}`);
    idx[((c.match & 3) << 3) | (c.match >>> 13)].push({ c, r });
  }
  return idx;
})();

/** Look up the 32-bit row of a mnemonic (undefined when it is not in {@link ROWS}). */
export function rowOf(op: string): RvRow | undefined {
  return BY_OP.get(op);
}

// ---------------------------------------------------------------------------
// Decoding.

function mk(
  r: RvRow,
  len: 2 | 4,
  raw: number,
  rd: number,
  rs1: number,
  rs2: number,
  rs3: number,
  imm: number,
  csr: number,
  rm: number,
  aq: boolean,
  rl: boolean,
): RvInsn {
  return { op: r.op, len, raw, rd, rs1, rs2, rs3, imm, csr, rm, aq, rl, flags: r.flags };
}

function decode32(w: number): RvInsn | null {
  const bucket = INDEX[((w >>> 2) & 31) | ((w >>> 7) & 0xe0)];
  let r: RvRow | undefined;
  for (let i = 0; i < bucket.length; i++) {
    const c = bucket[i];
    if (((w & c.mask) >>> 0) === c.match) {
      r = c;
      break;
    }
  }
  if (r === undefined) return null;
  const rd = (w >>> 7) & 31;
  const rs1 = (w >>> 15) & 31;
  const rs2 = (w >>> 20) & 31;
  const f3 = (w >>> 12) & 7;
  const w32 = w | 0;
  switch (r.fmt) {
    case "r":
      return mk(r, 4, w, rd, rs1, rs2, 0, 0, 0, 0, false, false);
    case "r1":
      return mk(r, 4, w, rd, rs1, 0, 0, 0, 0, 0, false, false);
    case "i":
    case "load":
    case "fload":
    case "jalr":
      return mk(r, 4, w, rd, rs1, 0, 0, w32 >> 20, 0, 0, false, false);
    case "sh6":
      return mk(r, 4, w, rd, rs1, 0, 0, (w >>> 20) & 63, 0, 0, false, false);
    case "sh5":
      return mk(r, 4, w, rd, rs1, 0, 0, (w >>> 20) & 31, 0, 0, false, false);
    case "store":
    case "fstore":
      return mk(r, 4, w, 0, rs1, rs2, 0, ((w32 >> 20) & ~31) | rd, 0, 0, false, false);
    case "b": {
      const imm = ((w32 >> 19) & ~0xfff) | ((w << 4) & 0x800) | ((w >>> 20) & 0x7e0) |
        ((w >>> 7) & 0x1e);
      return mk(r, 4, w, 0, rs1, rs2, 0, imm, 0, 0, false, false);
    }
    case "u":
      return mk(r, 4, w, rd, 0, 0, 0, w32 & ~0xfff, 0, 0, false, false);
    case "j": {
      const imm = ((w32 >> 11) & ~0xfffff) | (w & 0xff000) | ((w >>> 9) & 0x800) |
        ((w >>> 20) & 0x7fe);
      return mk(r, 4, w, rd, 0, 0, 0, imm, 0, 0, false, false);
    }
    case "fence":
      return mk(r, 4, w, 0, 0, 0, 0, (w >>> 20) & 0xfff, 0, 0, false, false);
    case "none":
      return mk(r, 4, w, 0, 0, 0, 0, 0, 0, 0, false, false);
    case "csr":
      return mk(r, 4, w, rd, rs1, 0, 0, 0, w >>> 20, 0, false, false);
    case "csri":
      return mk(r, 4, w, rd, 0, 0, 0, rs1, w >>> 20, 0, false, false);
    case "amo":
      return mk(r, 4, w, rd, rs1, rs2, 0, 0, 0, 0, ((w >>> 26) & 1) === 1, ((w >>> 25) & 1) === 1);
    case "lr":
      return mk(r, 4, w, rd, rs1, 0, 0, 0, 0, 0, ((w >>> 26) & 1) === 1, ((w >>> 25) & 1) === 1);
    case "fr":
      return mk(r, 4, w, rd, rs1, rs2, 0, 0, 0, f3, false, false);
    case "fr4":
      return mk(r, 4, w, rd, rs1, rs2, w >>> 27, 0, 0, f3, false, false);
    case "fr1":
    case "fcvt_xf":
    case "fcvt_fx":
      return mk(r, 4, w, rd, rs1, 0, 0, 0, 0, f3, false, false);
    case "fr_nrm":
    case "fcmp":
      return mk(r, 4, w, rd, rs1, rs2, 0, 0, 0, 0, false, false);
    case "fmv_xf":
    case "fmv_fx":
      return mk(r, 4, w, rd, rs1, 0, 0, 0, 0, 0, false, false);
  }
}

/** Sign-extend the low `bits` bits of `v`. */
function sext(v: number, bits: number): number {
  const s = 32 - bits;
  return (v << s) >> s;
}

function decode16(h: number): RvInsn | null {
  const bucket = CINDEX[((h & 3) << 3) | (h >>> 13)];
  let e: { c: RvCRow; r: RvRow } | undefined;
  for (let i = 0; i < bucket.length; i++) {
    const b = bucket[i];
    if ((h & b.c.mask) === b.c.match) {
      e = b;
      break;
    }
  }
  if (e === undefined) return null;
  const { c, r } = e;
  const hi = (h >>> 7) & 31; // bits 11:7
  const lo = (h >>> 2) & 31; // bits 6:2
  const p97 = ((h >>> 7) & 7) + 8; // rs1' / rd' (9:7)
  const p42 = ((h >>> 2) & 7) + 8; // rd' / rs2' (4:2)
  const imm6 = sext(((h >>> 7) & 0x20) | lo, 6); // imm[5]=12, imm[4:0]=6:2
  const sh6 = ((h >>> 7) & 0x20) | lo;
  let rd = 0, rs1 = 0, rs2 = 0, imm = 0;
  switch (c.cfmt) {
    case "ciw":
      rd = p42;
      rs1 = 2;
      imm = ((h >>> 7) & 0x30) | ((h >>> 1) & 0x3c0) | ((h >>> 4) & 4) | ((h >>> 2) & 8);
      break;
    case "cl_w":
      rd = p42;
      rs1 = p97;
      imm = ((h >>> 7) & 0x38) | ((h >>> 4) & 4) | ((h << 1) & 0x40);
      break;
    case "cl_d":
      rd = p42;
      rs1 = p97;
      imm = ((h >>> 7) & 0x38) | ((h << 1) & 0xc0);
      break;
    case "cs_w":
      rs2 = p42;
      rs1 = p97;
      imm = ((h >>> 7) & 0x38) | ((h >>> 4) & 4) | ((h << 1) & 0x40);
      break;
    case "cs_d":
      rs2 = p42;
      rs1 = p97;
      imm = ((h >>> 7) & 0x38) | ((h << 1) & 0xc0);
      break;
    case "ci":
      rd = rs1 = hi;
      imm = imm6;
      break;
    case "ci_li":
      rd = hi;
      imm = imm6;
      break;
    case "ci_sp16":
      rd = rs1 = 2;
      imm = sext(
        ((h >>> 3) & 0x200) | ((h >>> 2) & 0x10) | ((h << 1) & 0x40) | ((h << 4) & 0x180) |
          ((h << 3) & 0x20),
        10,
      );
      break;
    case "ci_lui":
      rd = hi;
      imm = imm6 << 12;
      break;
    case "ci_sh":
      rd = rs1 = hi;
      imm = sh6;
      break;
    case "cb_sh":
      rd = rs1 = p97;
      imm = sh6;
      break;
    case "cb_andi":
      rd = rs1 = p97;
      imm = imm6;
      break;
    case "ca":
      rd = rs1 = p97;
      rs2 = p42;
      break;
    case "cj":
      imm = sext(
        ((h >>> 1) & 0x800) | ((h >>> 7) & 0x10) | ((h >>> 1) & 0x300) | ((h << 2) & 0x400) |
          ((h >>> 1) & 0x40) | ((h << 1) & 0x80) | ((h >>> 2) & 0xe) | ((h << 3) & 0x20),
        12,
      );
      break;
    case "cb":
      rs1 = p97;
      imm = sext(
        ((h >>> 4) & 0x100) | ((h >>> 7) & 0x18) | ((h << 1) & 0xc0) | ((h >>> 2) & 6) |
          ((h << 3) & 0x20),
        9,
      );
      break;
    case "ci_lwsp":
      rd = hi;
      rs1 = 2;
      imm = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1c) | ((h << 4) & 0xc0);
      break;
    case "ci_ldsp":
      rd = hi;
      rs1 = 2;
      imm = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x18) | ((h << 4) & 0x1c0);
      break;
    case "css_sw":
      rs2 = lo;
      rs1 = 2;
      imm = ((h >>> 7) & 0x3c) | ((h >>> 1) & 0xc0);
      break;
    case "css_sd":
      rs2 = lo;
      rs1 = 2;
      imm = ((h >>> 7) & 0x38) | ((h >>> 1) & 0x1c0);
      break;
    case "cr_jr":
      rs1 = hi;
      break;
    case "cr_jalr":
      rd = 1;
      rs1 = hi;
      break;
    case "cr_mv":
      rd = hi;
      rs2 = lo;
      break;
    case "cr_add":
      rd = rs1 = hi;
      rs2 = lo;
      break;
    case "cr_none":
      break;
  }
  if ((c.reserved & RES_IMM0) !== 0 && imm === 0) return null;
  if ((c.reserved & RES_R0) !== 0 && hi === 0) return null;
  return mk(r, 2, h, rd, rs1, rs2, 0, imm, 0, 0, false, false);
}

/**
 * Decode the instruction whose first 32 bits (little-endian) are `word`.
 * If `(word & 3) !== 3` the instruction is compressed and only the low 16 bits are
 * used. Returns `null` for illegal, reserved, privileged and out-of-scope encodings.
 */
export function decode(word: number): RvInsn | null {
  if ((word & 3) !== 3) return decode16(word & 0xffff);
  return decode32(word >>> 0);
}
