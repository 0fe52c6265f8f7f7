/**
 * The one table of A64 encodings, in the style of Ryujinx's `SetA64`: each row
 * is a 32-character bit pattern (bit 31 first; `0`/`1` fixed, any other
 * character free), an op name, an operand format and flags. The decoder
 * (decode.ts), the disassembler (disasm.ts) and the lifter (lift.ts) all read
 * these rows. Later rows never shadow earlier ones: the decoder takes the
 * first match in table order, so more specific rows come first.
 *
 * Families with many mnemonics that share one layout (Advanced SIMD
 * three-same, two-register-misc, …) are listed compactly and expanded into
 * rows here, one row per mnemonic.
 * @module
 */

/** The instruction ends a basic block. */
export const ENDS_BLOCK = 1;
/** Conditional or unconditional branch with a static target. */
export const BRANCH = 2;
/** Reads or writes FP/SIMD state. */
export const FPSIMD = 4;

/** One encoding row. */
export interface A64Row {
  /** The 32-character pattern. */
  pat: string;
  /** Op name: the semantic unit (a mnemonic, or a family the format splits further). */
  op: string;
  /** Operand format: selects field extraction in the disassembler and lifter. */
  fmt: string;
  /** {@link ENDS_BLOCK}, {@link BRANCH}, {@link FPSIMD}. */
  flags: number;
  /** Bits that must match. */
  mask: number;
  /** Their values. */
  value: number;
}

function row(pat: string, op: string, fmt: string, flags = 0): A64Row {
  const p = pat.replace(/[ _]/g, "");
  if (p.length !== 32) throw new Error(`Bad pattern length for ${op}: ${p.length}`);
  let mask = 0, value = 0;
  for (let i = 0; i < 32; i++) {
    const c = p[i];
    const bit = 31 - i;
    if (c === "0" || c === "1") {
      mask |= 1 << bit;
      if (c === "1") value |= 1 << bit;
    }
  }
  return { pat: p, op, fmt, flags, mask: mask >>> 0, value: value >>> 0 };
}

const EB = ENDS_BLOCK, BR = ENDS_BLOCK | BRANCH, V = FPSIMD;

/** Base integer, branch, system and load/store rows. */
const BASE: A64Row[] = [
  // PC-relative addressing
  row("0xx10000 xxxxxxxxxxxxxxxxxxx xxxxx", "adr", "adr"),
  row("1xx10000 xxxxxxxxxxxxxxxxxxx xxxxx", "adrp", "adr"),
  // Add/subtract (immediate): sf op S 100010 sh imm12 Rn Rd
  row("xxx100010 x xxxxxxxxxxxx xxxxx xxxxx", "addsub_imm", "addsub_imm"),
  // Logical (immediate): sf opc 100100 N immr imms Rn Rd
  row("xxx100100 x xxxxxx xxxxxx xxxxx xxxxx", "logic_imm", "logic_imm"),
  // Move wide: sf opc 100101 hw imm16 Rd
  row("x00100101 xx xxxxxxxxxxxxxxxx xxxxx", "movn", "movw"),
  row("x10100101 xx xxxxxxxxxxxxxxxx xxxxx", "movz", "movw"),
  row("x11100101 xx xxxxxxxxxxxxxxxx xxxxx", "movk", "movw"),
  // Bitfield: sf opc 100110 N immr imms Rn Rd
  row("x00100110 x xxxxxx xxxxxx xxxxx xxxxx", "sbfm", "bitfield"),
  row("x01100110 x xxxxxx xxxxxx xxxxx xxxxx", "bfm", "bitfield"),
  row("x10100110 x xxxxxx xxxxxx xxxxx xxxxx", "ubfm", "bitfield"),
  // Extract
  row("x00100111 x 0 xxxxx xxxxxx xxxxx xxxxx", "extr", "extr"),

  // Branches, exception generation, system
  row("01010100 xxxxxxxxxxxxxxxxxxx 0 xxxx", "b_cond", "b_cond", BR),
  row("11010100 000 xxxxxxxxxxxxxxxx 000 01", "svc", "exc", EB),
  row("11010100 001 xxxxxxxxxxxxxxxx 000 00", "brk", "exc", EB),
  row("00000000 00000000 xxxxxxxxxxxxxxxx", "udf", "udf", EB),
  row("11010101 00000011 0010 xxxx xxx 11111", "hint", "hint"),
  row("11010101 00000011 0011 xxxx 010 11111", "clrex", "barrier"),
  row("11010101 00000011 0011 xxxx 100 11111", "dsb", "barrier"),
  row("11010101 00000011 0011 xxxx 101 11111", "dmb", "barrier"),
  row("11010101 00000011 0011 xxxx 110 11111", "isb", "barrier", EB),
  row("11010101 00000 xxx 0100 xxxx xxx 11111", "msr_imm", "msr_imm"),
  row("11010101 00001 xxx xxxx xxxx xxx xxxxx", "sys", "sys"),
  row("11010101 00101 xxx xxxx xxxx xxx xxxxx", "sysl", "sys"),
  row("11010101 0001 x xxx xxxx xxxx xxx xxxxx", "msr", "sysreg"),
  row("11010101 0011 x xxx xxxx xxxx xxx xxxxx", "mrs", "sysreg"),
  row("1101011 0000 11111 000000 xxxxx 00000", "br", "branch_reg", EB),
  row("1101011 0001 11111 000000 xxxxx 00000", "blr", "branch_reg", EB),
  row("1101011 0010 11111 000000 xxxxx 00000", "ret", "branch_reg", EB),
  row("000101 xxxxxxxxxxxxxxxxxxxxxxxxxx", "b", "b", BR),
  row("100101 xxxxxxxxxxxxxxxxxxxxxxxxxx", "bl", "b", BR),
  row("x0110100 xxxxxxxxxxxxxxxxxxx xxxxx", "cbz", "cb", BR),
  row("x0110101 xxxxxxxxxxxxxxxxxxx xxxxx", "cbnz", "cb", BR),
  row("x0110110 xxxxx xxxxxxxxxxxxxx xxxxx", "tbz", "tb", BR),
  row("x0110111 xxxxx xxxxxxxxxxxxxx xxxxx", "tbnz", "tb", BR),

  // Loads and stores
  // Compare and swap: size 001000 1 L 1 Rs o0 11111 Rn Rt
  row("xx001000 1 x 1 xxxxx x 11111 xxxxx xxxxx", "cas", "cas"),
  // Compare and swap pair: 0 sz 001000 0 L 1 Rs o0 11111 Rn Rt (Rs, Rt even)
  row("0x001000 0 x 1 xxxxx x 11111 xxxxx xxxxx", "casp", "casp"),
  // Exclusive / ordered: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt
  row("xx001000 0 x x xxxxx x xxxxx xxxxx xxxxx", "excl", "excl"),
  row("xx001000 1 x 0 xxxxx x xxxxx xxxxx xxxxx", "ordered", "excl"),
  // Load register (literal): opc 011 V 00 imm19 Rt
  row("xx011 x 00 xxxxxxxxxxxxxxxxxxx xxxxx", "ldr_lit", "ldr_lit"),
  // Load/store pair: opc 101 V 0 idx(2) L imm7 Rt2 Rn Rt
  row("xx101 x 0 xx x xxxxxxx xxxxx xxxxx xxxxx", "ldst_pair", "ldst_pair"),
  // Atomic memory operations (LSE): size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt
  row("xx111 0 00 xx 1 xxxxx x xxx 00 xxxxx xxxxx", "atomic", "atomic"),
  // Load/store register (register offset): size 111 V 00 opc 1 Rm option S 10 Rn Rt
  row("xx111 x 00 xx 1 xxxxx xxx x 10 xxxxx xxxxx", "ldst_reg", "ldst_reg"),
  // Load/store register (unscaled, post, unprivileged, pre): size 111 V 00 opc 0 imm9 xx Rn Rt
  row("xx111 x 00 xx 0 xxxxxxxxx xx xxxxx xxxxx", "ldst_imm9", "ldst_imm9"),
  // Load/store register (unsigned offset)
  row("xx111 x 01 xx xxxxxxxxxxxx xxxxx xxxxx", "ldst_uimm", "ldst_uimm"),
  // Advanced SIMD load/store multiple structures (no offset, post-index)
  row("0x 0011000 x 000000 xxxx xx xxxxx xxxxx", "simd_ldst_m", "simd_ldst_m", V),
  row("0x 0011001 x 0 xxxxx xxxx xx xxxxx xxxxx", "simd_ldst_m", "simd_ldst_m", V),
  // Advanced SIMD load/store single structure (no offset, post-index)
  row("0x 0011010 x x 00000 xxx x xx xxxxx xxxxx", "simd_ldst_s", "simd_ldst_s", V),
  row("0x 0011011 x x xxxxx xxx x xx xxxxx xxxxx", "simd_ldst_s", "simd_ldst_s", V),

  // Data processing (register)
  row("xxx01010 xx x xxxxx xxxxxx xxxxx xxxxx", "logic_reg", "logic_reg"),
  row("xxx01011 xx 0 xxxxx xxxxxx xxxxx xxxxx", "addsub_sreg", "addsub_sreg"),
  row("xxx01011 00 1 xxxxx xxxxxx xxxxx xxxxx", "addsub_ext", "addsub_ext"),
  row("xxx11010000 xxxxx 000000 xxxxx xxxxx", "adc", "adc"),
  row("xx111010010 xxxxx xxxx x 0 xxxxx 0 xxxx", "ccmp", "ccmp"),
  row("xx011010100 xxxxx xxxx 0 x xxxxx xxxxx", "csel", "csel"),
  row("x0011010110 xxxxx xxxxxx xxxxx xxxxx", "dp2", "dp2"),
  row("x101101011000000000 xxx xxxxx xxxxx", "dp1", "dp1"),
  row("x0011011 xxx xxxxx x xxxxx xxxxx xxxxx", "dp3", "dp3"),

  // Scalar floating point
  row("00011110 xx 1 xxxxxx 10000 xxxxx xxxxx", "fp1", "fp1", V),
  row("00011110 xx 1 xxxxx 001000 xxxxx xxxxx", "fcmp", "fcmp", V),
  row("00011110 xx 1 xxxxxxxx 100 00000 xxxxx", "fmov_imm", "fmov_imm", V),
  row("00011110 xx 1 xxxxx xxxx 01 xxxxx xxxxx", "fccmp", "fccmp", V),
  row("00011110 xx 1 xxxxx xxxx 10 xxxxx xxxxx", "fp2", "fp2", V),
  row("00011110 xx 1 xxxxx xxxx 11 xxxxx xxxxx", "fcsel", "fcsel", V),
  row("00011111 xx x xxxxx x xxxxx xxxxx xxxxx", "fp3", "fp3", V),
  row("x0011110 xx 1 xx xxx 000000 xxxxx xxxxx", "fpint", "fpint", V),
  row("x0011110 xx 0 xx xxx xxxxxx xxxxx xxxxx", "fpfix", "fpfix", V),
];

/**
 * Expand a compact list into SIMD rows: each `U` of `shape` takes the list
 * entry's U bit, and the `O`s take the characters of its opcode string in order.
 */
function simd(shape: string, fmt: string, list: [number, string, string][]): A64Row[] {
  return list.map(([u, opc, name]) => {
    const o = opc.replace(/ /g, "");
    let k = 0;
    const p = shape.replace(/[ _]/g, "").replace(/[UO]/g, (c) => c === "U" ? String(u) : o[k++]);
    if (k !== o.length) throw new Error(`Opcode length mismatch for ${name}`);
    return row(p, name, fmt, FPSIMD);
  });
}

// Advanced SIMD three same: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd. Sizes given where fixed.
const THREE_SAME: [number, string, string][] = [
  [0, "00 00011", "and"],
  [0, "01 00011", "bic"],
  [0, "10 00011", "orr"],
  [0, "11 00011", "orn"],
  [1, "00 00011", "eor"],
  [1, "01 00011", "bsl"],
  [1, "10 00011", "bit"],
  [1, "11 00011", "bif"],
];
const THREE_SAME_INT: [number, string, string][] = [
  [0, "xx 00001", "sqadd"],
  [0, "xx 00101", "sqsub"],
  [0, "xx 00110", "cmgt"],
  [0, "xx 00111", "cmge"],
  [0, "xx 01000", "sshl"],
  [0, "xx 01100", "smax"],
  [0, "xx 01101", "smin"],
  [0, "xx 01110", "sabd"],
  [0, "xx 10000", "add"],
  [0, "xx 10001", "cmtst"],
  [0, "xx 10010", "mla"],
  [0, "xx 10011", "mul"],
  [0, "xx 10100", "smaxp"],
  [0, "xx 10101", "sminp"],
  [0, "xx 10111", "addp"],
  [1, "xx 00001", "uqadd"],
  [1, "xx 00101", "uqsub"],
  [1, "xx 00110", "cmhi"],
  [1, "xx 00111", "cmhs"],
  [1, "xx 01000", "ushl"],
  [1, "xx 01100", "umax"],
  [1, "xx 01101", "umin"],
  [1, "xx 01110", "uabd"],
  [1, "xx 10000", "sub"],
  [1, "xx 10001", "cmeq"],
  [1, "xx 10010", "mls"],
  [1, "xx 10100", "umaxp"],
  [1, "xx 10101", "uminp"],
  [0, "xx 00000", "shadd"],
  [1, "xx 00000", "uhadd"],
  [0, "xx 00010", "srhadd"],
  [1, "xx 00010", "urhadd"],
  [0, "xx 00100", "shsub"],
  [1, "xx 00100", "uhsub"],
  [0, "xx 01001", "sqshl"],
  [1, "xx 01001", "uqshl"],
  [0, "xx 01010", "srshl"],
  [1, "xx 01010", "urshl"],
  [0, "xx 01011", "sqrshl"],
  [1, "xx 01011", "uqrshl"],
  [0, "xx 01111", "saba"],
  [1, "xx 01111", "uaba"],
  [1, "xx 10011", "pmul"],
  [0, "xx 10110", "sqdmulh"],
  [1, "xx 10110", "sqrdmulh"],
];
// FP three same: U, a(size<1>) + opcode
const THREE_SAME_FP: [number, string, string][] = [
  [0, "0 11000", "fmaxnm"],
  [0, "0 11001", "fmla"],
  [0, "0 11010", "fadd"],
  [0, "0 11100", "fcmeq"],
  [0, "0 11110", "fmax"],
  [0, "1 11000", "fminnm"],
  [0, "1 11001", "fmls"],
  [0, "1 11010", "fsub"],
  [0, "1 11110", "fmin"],
  [1, "0 11010", "faddp"],
  [1, "0 11011", "fmul"],
  [1, "0 11100", "fcmge"],
  [1, "0 11110", "fmaxp"],
  [1, "0 11111", "fdiv"],
  [1, "1 11010", "fabd"],
  [1, "1 11100", "fcmgt"],
  [1, "1 11110", "fminp"],
  [1, "0 11000", "fmaxnmp"],
  [1, "1 11000", "fminnmp"],
  [1, "0 11101", "facge"],
  [1, "1 11101", "facgt"],
  [0, "0 11011", "fmulx"],
];
// Two-register misc: U, size-constraint + opcode
const TWO_MISC: [number, string, string][] = [
  [0, "xx 00000", "rev64"],
  [0, "xx 00001", "rev16"],
  [0, "xx 00101", "cnt"],
  [0, "xx 01000", "cmgt0"],
  [0, "xx 01001", "cmeq0"],
  [0, "xx 01010", "cmlt0"],
  [0, "xx 01011", "abs"],
  [0, "xx 10010", "xtn"],
  [0, "xx 10100", "sqxtn"],
  [1, "xx 00000", "rev32"],
  [1, "00 00101", "not"],
  [1, "01 00101", "rbit"],
  [1, "xx 01000", "cmge0"],
  [1, "xx 01001", "cmle0"],
  [1, "xx 01011", "neg"],
  [1, "xx 10010", "sqxtun"],
  [1, "xx 10100", "uqxtn"],
  [0, "1x 01111", "fabs"],
  [1, "1x 01111", "fneg"],
  [1, "1x 11111", "fsqrt"],
  [0, "0x 11101", "scvtf"],
  [1, "0x 11101", "ucvtf"],
  [0, "1x 11011", "fcvtzs"],
  [1, "1x 11011", "fcvtzu"],
  [0, "0x 11010", "fcvtns"],
  [0, "0x 11011", "fcvtms"],
  [0, "0x 11100", "fcvtas"],
  [0, "1x 11010", "fcvtps"],
  [1, "0x 11010", "fcvtnu"],
  [1, "0x 11011", "fcvtmu"],
  [1, "0x 11100", "fcvtau"],
  [1, "1x 11010", "fcvtpu"],
  [0, "0x 10110", "fcvtn"],
  [0, "0x 10111", "fcvtl"],
  [0, "xx 00010", "saddlp"],
  [1, "xx 00010", "uaddlp"],
  [0, "xx 00011", "suqadd"],
  [1, "xx 00011", "usqadd"],
  [0, "xx 00100", "cls"],
  [1, "xx 00100", "clz"],
  [0, "xx 00110", "sadalp"],
  [1, "xx 00110", "uadalp"],
  [0, "xx 00111", "sqabs"],
  [1, "xx 00111", "sqneg"],
  [1, "xx 10011", "shll"],
  [0, "1x 01100", "fcmgt0"],
  [0, "1x 01101", "fcmeq0"],
  [0, "1x 01110", "fcmlt0"],
  [1, "1x 01100", "fcmge0"],
  [1, "1x 01101", "fcmle0"],
  [0, "0x 11000", "frintn"],
  [0, "0x 11001", "frintm"],
  [0, "1x 11000", "frintp"],
  [0, "1x 11001", "frintz"],
  [1, "0x 11000", "frinta"],
  [1, "0x 11001", "frintx"],
  [1, "1x 11001", "frinti"],
];
const ACROSS: [number, string, string][] = [
  [0, "00011", "saddlv"],
  [0, "01010", "smaxv"],
  [0, "11010", "sminv"],
  [0, "11011", "addv"],
  [1, "00011", "uaddlv"],
  [1, "01010", "umaxv"],
  [1, "11010", "uminv"],
];
const SHIFT_IMM: [number, string, string][] = [
  [0, "00000", "sshr"],
  [0, "00010", "ssra"],
  [0, "01010", "shl"],
  [0, "10000", "shrn"],
  [0, "10001", "rshrn"],
  [0, "10100", "sshll"],
  [1, "00000", "ushr"],
  [1, "00010", "usra"],
  [1, "01000", "sri"],
  [1, "01010", "sli"],
  [1, "10100", "ushll"],
  [0, "00100", "srshr"],
  [1, "00100", "urshr"],
  [0, "00110", "srsra"],
  [1, "00110", "ursra"],
  [0, "01110", "sqshl_imm"],
  [1, "01110", "uqshl_imm"],
  [1, "01100", "sqshlu"],
  [0, "10010", "sqshrn"],
  [0, "10011", "sqrshrn"],
  [1, "10010", "uqshrn"],
  [1, "10011", "uqrshrn"],
  [1, "10000", "sqshrun"],
  [1, "10001", "sqrshrun"],
  [0, "11100", "scvtf_fix"],
  [1, "11100", "ucvtf_fix"],
  [0, "11111", "fcvtzs_fix"],
  [1, "11111", "fcvtzu_fix"],
];
const THREE_DIFF: [number, string, string][] = [
  [0, "0000", "saddl"],
  [0, "0001", "saddw"],
  [0, "0010", "ssubl"],
  [0, "0011", "ssubw"],
  [0, "0100", "addhn"],
  [0, "1000", "smlal"],
  [0, "1100", "smull"],
  [1, "0000", "uaddl"],
  [1, "0001", "uaddw"],
  [1, "0010", "usubl"],
  [1, "0011", "usubw"],
  [1, "0100", "raddhn"],
  [1, "1000", "umlal"],
  [1, "1100", "umull"],
  [0, "0101", "sabal"],
  [1, "0101", "uabal"],
  [0, "0110", "subhn"],
  [1, "0110", "rsubhn"],
  [0, "0111", "sabdl"],
  [1, "0111", "uabdl"],
  [0, "1010", "smlsl"],
  [1, "1010", "umlsl"],
  [0, "1001", "sqdmlal"],
  [0, "1011", "sqdmlsl"],
  [0, "1101", "sqdmull"],
  [0, "1110", "pmull"],
];
const PERM: [number, string, string][] = [
  [0, "001", "uzp1"],
  [0, "010", "trn1"],
  [0, "011", "zip1"],
  [0, "101", "uzp2"],
  [0, "110", "trn2"],
  [0, "111", "zip2"],
];

// Vector by indexed element: U, opcode (bits 15:12)
const ELEM: [number, string, string][] = [
  [0, "0001", "fmla_elem"],
  [0, "0101", "fmls_elem"],
  [0, "1001", "fmul_elem"],
  [0, "1000", "mul_elem"],
  [1, "0000", "mla_elem"],
  [1, "0100", "mls_elem"],
  [0, "1010", "smull_elem"],
  [1, "1010", "umull_elem"],
  [0, "0010", "smlal_elem"],
  [1, "0010", "umlal_elem"],
  [0, "0110", "smlsl_elem"],
  [1, "0110", "umlsl_elem"],
];

const SIMD: A64Row[] = [
  // Scalar forms first (bits 31:30 = 01 and bit 28 = 1)
  row("01 0 11110000 xxxxx 0 0000 1 xxxxx xxxxx", "dup_scalar", "simd_copy", V),
  row("01 0 11110 11 1 xxxxx 10000 1 xxxxx xxxxx", "add_scalar", "simd_scalar3", V),
  row("01 1 11110 11 1 xxxxx 10000 1 xxxxx xxxxx", "sub_scalar", "simd_scalar3", V),
  row("01 1 11110 11 1 xxxxx 10001 1 xxxxx xxxxx", "cmeq_scalar", "simd_scalar3", V),
  row("01 0 11110 11 1 xxxxx 10001 1 xxxxx xxxxx", "cmtst_scalar", "simd_scalar3", V),
  row("01 0 11110 xx 1 xxxxx 00001 1 xxxxx xxxxx", "sqadd_scalar", "simd_scalar3_sz", V),
  row("01 0 11110 xx 1 xxxxx 00101 1 xxxxx xxxxx", "sqsub_scalar", "simd_scalar3_sz", V),
  row("01 1 11110 xx 1 xxxxx 00001 1 xxxxx xxxxx", "uqadd_scalar", "simd_scalar3_sz", V),
  row("01 1 11110 xx 1 xxxxx 00101 1 xxxxx xxxxx", "uqsub_scalar", "simd_scalar3_sz", V),
  row("01 0 11110 11 11000 11011 10 xxxxx xxxxx", "addp_scalar", "simd_scalarp", V),
  row("01 1 11110 0x 11000 01101 10 xxxxx xxxxx", "faddp_scalar", "simd_scalarp", V),
  row("01 0 111110 xxxx xxx 01010 1 xxxxx xxxxx", "shl_scalar", "simd_scalar_shift", V),
  row("01 1 111110 xxxx xxx 00000 1 xxxxx xxxxx", "ushr_scalar", "simd_scalar_shift", V),
  row("01 0 111110 xxxx xxx 00000 1 xxxxx xxxxx", "sshr_scalar", "simd_scalar_shift", V),
  row("01 1 11110 1x 1 xxxxx 11010 1 xxxxx xxxxx", "fabd_scalar", "simd_scalar3_fp", V),
  ...simd("01 U 11110 OO 10000 OOOOO 10 xxxxx xxxxx", "simd_scalar2", [
    [0, "xx 01000", "cmgt0_scalar"],
    [0, "xx 01001", "cmeq0_scalar"],
    [0, "xx 01010", "cmlt0_scalar"],
    [0, "xx 01011", "abs_scalar"],
    [1, "xx 01000", "cmge0_scalar"],
    [1, "xx 01001", "cmle0_scalar"],
    [1, "xx 01011", "neg_scalar"],
    [0, "0x 11101", "scvtf_scalar"],
    [1, "0x 11101", "ucvtf_scalar"],
    [0, "1x 11011", "fcvtzs_scalar"],
    [1, "1x 11011", "fcvtzu_scalar"],
    [0, "0x 11010", "fcvtns_scalar"],
    [0, "0x 11011", "fcvtms_scalar"],
    [0, "0x 11100", "fcvtas_scalar"],
    [0, "1x 11010", "fcvtps_scalar"],
    [1, "0x 11010", "fcvtnu_scalar"],
    [1, "0x 11011", "fcvtmu_scalar"],
    [1, "0x 11100", "fcvtau_scalar"],
    [1, "1x 11010", "fcvtpu_scalar"],
  ]),
  ...simd("01 U 11111 xx xx xxxx OOOO x 0 xxxxx xxxxx", "simd_elem", [
    [0, "0001", "fmla_selem"],
    [0, "0101", "fmls_selem"],
    [0, "1001", "fmul_selem"],
  ]),
  // Vector forms
  ...simd("0 x U 01111 xx xx xxxx OOOO x 0 xxxxx xxxxx", "simd_elem", ELEM),
  row("0 x x 0111100000 xxx xxxx x 1 xxxxx xxxxx", "modimm", "simd_modimm", V),
  row("0 x x 01110000 xxxxx 0 xxxx 1 xxxxx xxxxx", "copy", "simd_copy", V),
  row("0 x 101110 000 xxxxx 0 xxxx 0 xxxxx xxxxx", "ext", "simd_ext", V),
  row("0 x 001110 000 xxxxx 0 xx 0 00 xxxxx xxxxx", "tbl", "simd_tbl", V),
  row("0 x 001110 000 xxxxx 0 xx 1 00 xxxxx xxxxx", "tbx", "simd_tbl", V),
  ...simd("0 x U01110 xx 0 xxxxx 0 OOO 10 xxxxx xxxxx", "simd_perm", PERM),
  ...simd("0 x U 01110 OO 1 xxxxx OOOOO 1 xxxxx xxxxx", "simd_3same", THREE_SAME),
  ...simd("0 x U 01110 OO 1 xxxxx OOOOO 1 xxxxx xxxxx", "simd_3same", THREE_SAME_INT),
  ...simd("0 x U 01110 O x 1 xxxxx OOOOO 1 xxxxx xxxxx", "simd_3same_fp", THREE_SAME_FP),
  ...simd("0 x U 01110 OO 10000 OOOOO 10 xxxxx xxxxx", "simd_2misc", TWO_MISC),
  ...simd("0 x U 01110 xx 11000 OOOOO 10 xxxxx xxxxx", "simd_across", ACROSS),
  ...simd("0 x U 011110 xxxx xxx OOOOO 1 xxxxx xxxxx", "simd_shift", SHIFT_IMM),
  ...simd("0 x U 01110 xx 1 xxxxx OOOO 00 xxxxx xxxxx", "simd_3diff", THREE_DIFF),
];

/** Every row, in match order. */
export const ROWS: readonly A64Row[] = [...BASE, ...SIMD];
