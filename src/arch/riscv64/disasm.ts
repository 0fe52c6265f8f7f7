/**
 * RISC-V 64 disassembler. The text matches the mnemonic and operand columns of
 * GNU objdump 2.40 (`riscv64-linux-gnu-objdump -d`, aliases on): the mnemonic, a
 * tab, then comma-separated operands. Jump and branch targets are absolute hex
 * without `0x` and without the ` <symbol>` suffix; objdump's ` # address`
 * comments are not produced.
 * @module
 */

import { CROWS, rowOf, type RvInsn } from "./decode.ts";
import { FREG_NAMES, XREG_NAMES } from "./cpu.ts";

const X = XREG_NAMES;
const F = FREG_NAMES;

const RM = ["rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn"];

const FENCE_SET = [
  "unknown",
  "w",
  "r",
  "rw",
  "o",
  "ow",
  "or",
  "orw",
  "i",
  "iw",
  "ir",
  "irw",
  "io",
  "iow",
  "ior",
  "iorw",
];

/** CSR names objdump 2.40 knows (default privileged spec), by number. */
const CSR_NAMES: ReadonlyMap<number, string> = (() => {
  const m = new Map<number, string>();
  const add = (n: number, name: string) => m.set(n, name);
  const list: [number, string][] = [
    [0x001, "fflags"],
    [0x002, "frm"],
    [0x003, "fcsr"],
    [0x008, "vstart"],
    [0x009, "vxsat"],
    [0x00a, "vxrm"],
    [0x00f, "vcsr"],
    [0x015, "seed"],
    [0x100, "sstatus"],
    [0x104, "sie"],
    [0x105, "stvec"],
    [0x106, "scounteren"],
    [0x10a, "senvcfg"],
    [0x114, "sieh"],
    [0x140, "sscratch"],
    [0x141, "sepc"],
    [0x142, "scause"],
    [0x143, "stval"],
    [0x144, "sip"],
    [0x14d, "stimecmp"],
    [0x150, "siselect"],
    [0x151, "sireg"],
    [0x154, "siph"],
    [0x15c, "stopei"],
    [0x15d, "stimecmph"],
    [0x180, "satp"],
    [0x200, "vsstatus"],
    [0x204, "vsie"],
    [0x205, "vstvec"],
    [0x214, "vsieh"],
    [0x240, "vsscratch"],
    [0x241, "vsepc"],
    [0x242, "vscause"],
    [0x243, "vstval"],
    [0x244, "vsip"],
    [0x24d, "vstimecmp"],
    [0x250, "vsiselect"],
    [0x251, "vsireg"],
    [0x254, "vsiph"],
    [0x25c, "vstopei"],
    [0x25d, "vstimecmph"],
    [0x280, "vsatp"],
    [0x300, "mstatus"],
    [0x301, "misa"],
    [0x302, "medeleg"],
    [0x303, "mideleg"],
    [0x304, "mie"],
    [0x305, "mtvec"],
    [0x306, "mcounteren"],
    [0x308, "mvien"],
    [0x309, "mvip"],
    [0x30a, "menvcfg"],
    [0x310, "mstatush"],
    [0x313, "midelegh"],
    [0x314, "mieh"],
    [0x318, "mvienh"],
    [0x319, "mviph"],
    [0x31a, "menvcfgh"],
    [0x320, "mcountinhibit"],
    [0x340, "mscratch"],
    [0x341, "mepc"],
    [0x342, "mcause"],
    [0x343, "mtval"],
    [0x344, "mip"],
    [0x34a, "mtinst"],
    [0x34b, "mtval2"],
    [0x350, "miselect"],
    [0x351, "mireg"],
    [0x354, "miph"],
    [0x35c, "mtopei"],
    [0x5a8, "scontext"],
    [0x600, "hstatus"],
    [0x602, "hedeleg"],
    [0x603, "hideleg"],
    [0x604, "hie"],
    [0x605, "htimedelta"],
    [0x606, "hcounteren"],
    [0x607, "hgeie"],
    [0x608, "hvien"],
    [0x609, "hvictl"],
    [0x60a, "henvcfg"],
    [0x613, "hidelegh"],
    [0x615, "htimedeltah"],
    [0x618, "hvienh"],
    [0x61a, "henvcfgh"],
    [0x643, "htval"],
    [0x644, "hip"],
    [0x645, "hvip"],
    [0x646, "hviprio1"],
    [0x647, "hviprio2"],
    [0x64a, "htinst"],
    [0x655, "hviph"],
    [0x656, "hviprio1h"],
    [0x657, "hviprio2h"],
    [0x680, "hgatp"],
    [0x6a8, "hcontext"],
    [0x747, "mseccfg"],
    [0x757, "mseccfgh"],
    [0x7a0, "tselect"],
    [0x7a1, "tdata1"],
    [0x7a2, "tdata2"],
    [0x7a3, "tdata3"],
    [0x7a4, "tinfo"],
    [0x7a5, "tcontrol"],
    [0x7a8, "mcontext"],
    [0x7aa, "mscontext"],
    [0x7b0, "dcsr"],
    [0x7b1, "dpc"],
    [0x7b2, "dscratch0"],
    [0x7b3, "dscratch1"],
    [0xb00, "mcycle"],
    [0xb02, "minstret"],
    [0xb80, "mcycleh"],
    [0xb82, "minstreth"],
    [0xc00, "cycle"],
    [0xc01, "time"],
    [0xc02, "instret"],
    [0xc20, "vl"],
    [0xc21, "vtype"],
    [0xc22, "vlenb"],
    [0xc80, "cycleh"],
    [0xc81, "timeh"],
    [0xc82, "instreth"],
    [0xda0, "scountovf"],
    [0xdb0, "stopi"],
    [0xe12, "hgeip"],
    [0xeb0, "vstopi"],
    [0xf11, "mvendorid"],
    [0xf12, "marchid"],
    [0xf13, "mimpid"],
    [0xf14, "mhartid"],
    [0xf15, "mconfigptr"],
    [0xfb0, "mtopi"],
  ];
  for (const [n, name] of list) add(n, name);
  for (let i = 0; i < 4; i++) {
    add(0x10c + i, `sstateen${i}`);
    add(0x30c + i, `mstateen${i}`);
    add(0x31c + i, `mstateen${i}h`);
    add(0x60c + i, `hstateen${i}`);
    add(0x61c + i, `hstateen${i}h`);
  }
  for (let i = 3; i < 32; i++) {
    add(0x320 + i, `mhpmevent${i}`);
    add(0x720 + i, `mhpmevent${i}h`);
    add(0xb00 + i, `mhpmcounter${i}`);
    add(0xb80 + i, `mhpmcounter${i}h`);
    add(0xc00 + i, `hpmcounter${i}`);
    add(0xc80 + i, `hpmcounter${i}h`);
  }
  for (let i = 0; i < 16; i++) add(0x3a0 + i, `pmpcfg${i}`);
  for (let i = 0; i < 64; i++) add(0x3b0 + i, `pmpaddr${i}`);
  return m;
})();

/** Name objdump uses for a CSR number (its name, or `0x…` when unnamed). */
export function csrName(csr: number): string {
  return CSR_NAMES.get(csr) ?? "0x" + csr.toString(16);
}

function hex(v: number): string {
  return "0x" + (v >>> 0).toString(16);
}

/** Absolute target of a pc-relative jump, as objdump prints it (64-bit hex, no 0x). */
function target(pc: number, off: number): string {
  const t = pc + off;
  if (t >= 0) return t.toString(16);
  return BigInt.asUintN(64, BigInt(t)).toString(16);
}

function fmt(m: string, ops?: string): string {
  return ops === undefined ? m : `${m}\t${ops}`;
}

/** ",rm" suffix as objdump prints it: omitted for dyn. */
function rmSuffix(rm: number): string {
  return rm === 7 ? "" : "," + RM[rm];
}

function aqrl(i: RvInsn): string {
  return i.aq ? (i.rl ? ".aqrl" : ".aq") : i.rl ? ".rl" : "";
}

/** Disassembly of a compressed encoding, where objdump's text differs from the 32-bit form. */
function disasmCompressedHint(i: RvInsn): string | null {
  const h = i.raw;
  const q = h & 3;
  const f3 = h >>> 13;
  const rd = (h >>> 7) & 31;
  if (q === 1 && f3 === 0) {
    // c.addi / c.nop
    if (rd === 0) return i.imm === 0 ? "nop" : fmt("c.nop", String(i.imm));
    return fmt("add", `${X[rd]},${X[rd]},${i.imm}`);
  }
  if (q === 1 && f3 === 1) {
    // c.addiw
    return i.imm === 0
      ? fmt("sext.w", `${X[rd]},${X[rd]}`)
      : fmt("addw", `${X[rd]},${X[rd]},${i.imm}`);
  }
  if (q === 1 && f3 === 2 && rd === 0) return fmt("c.li", `zero,${i.imm}`);
  if (q === 1 && f3 === 3 && rd === 0) return fmt("c.lui", `zero,${hex((i.imm >>> 12) & 0xfffff)}`);
  if ((i.op === "srli" || i.op === "srai") && i.imm === 0) {
    return fmt(i.op === "srli" ? "c.srli64" : "c.srai64", X[i.rd]);
  }
  if (q === 2 && f3 === 0) {
    if (i.imm === 0) return fmt("c.slli64", X[rd]);
    if (rd === 0) return fmt("c.slli", `zero,${hex(i.imm)}`);
    return null;
  }
  if (q === 2 && f3 === 4 && rd === 0 && ((h >>> 2) & 31) !== 0) {
    return fmt((h & 0x1000) !== 0 ? "c.add" : "c.mv", `zero,${X[i.rs2]}`);
  }
  if (q === 2 && f3 === 4 && (h & 0x1000) === 0 && ((h >>> 2) & 31) !== 0) {
    return fmt("mv", `${X[i.rd]},${X[i.rs2]}`);
  }
  return null;
}

/**
 * Disassemble a decoded instruction at address `pc`, as GNU objdump 2.40 prints it
 * (aliases on): `mnemonic<TAB>operands`.
 */
export function disasm(insn: RvInsn, pc: number): string {
  if (insn.len === 2) {
    const s = disasmCompressedHint(insn);
    if (s !== null) return s;
  }
  const { op, rd, rs1, rs2, imm } = insn;
  const xd = X[rd], x1 = X[rs1], x2 = X[rs2];
  switch (op) {
    case "lui":
    case "auipc":
      return fmt(op, `${xd},${hex((imm >>> 12) & 0xfffff)}`);
    case "jal":
      if (rd === 0) return fmt("j", target(pc, imm));
      if (rd === 1) return fmt("jal", target(pc, imm));
      return fmt("jal", `${xd},${target(pc, imm)}`);
    case "jalr":
      if (rd === 0) {
        if (rs1 === 1 && imm === 0) return "ret";
        return fmt("jr", imm === 0 ? x1 : `${imm}(${x1})`);
      }
      if (rd === 1) return fmt("jalr", imm === 0 ? x1 : `${imm}(${x1})`);
      return fmt("jalr", imm === 0 ? `${xd},${x1}` : `${xd},${imm}(${x1})`);
    case "beq":
    case "bne":
      if (rs2 === 0) return fmt(op + "z", `${x1},${target(pc, imm)}`);
      return fmt(op, `${x1},${x2},${target(pc, imm)}`);
    case "bge":
      if (rs1 === 0) return fmt("blez", `${x2},${target(pc, imm)}`);
      if (rs2 === 0) return fmt("bgez", `${x1},${target(pc, imm)}`);
      return fmt(op, `${x1},${x2},${target(pc, imm)}`);
    case "blt":
      if (rs2 === 0) return fmt("bltz", `${x1},${target(pc, imm)}`);
      if (rs1 === 0) return fmt("bgtz", `${x2},${target(pc, imm)}`);
      return fmt(op, `${x1},${x2},${target(pc, imm)}`);
    case "addi":
      if (rd === 0 && rs1 === 0 && imm === 0) return "nop";
      if (rs1 === 0) return fmt("li", `${xd},${imm}`);
      if (imm === 0) return fmt("mv", `${xd},${x1}`);
      return fmt("add", `${xd},${x1},${imm}`);
    case "sltiu":
      if (imm === 1) return fmt("seqz", `${xd},${x1}`);
      return fmt(op, `${xd},${x1},${imm}`);
    case "xori":
      if (imm === -1) return fmt("not", `${xd},${x1}`);
      return fmt("xor", `${xd},${x1},${imm}`);
    case "ori":
      return fmt("or", `${xd},${x1},${imm}`);
    case "andi":
      if (imm === 255) return fmt("zext.b", `${xd},${x1}`);
      return fmt("and", `${xd},${x1},${imm}`);
    case "addiw":
      if (imm === 0) return fmt("sext.w", `${xd},${x1}`);
      return fmt("addw", `${xd},${x1},${imm}`);
    case "slli":
    case "srli":
    case "srai":
    case "slliw":
    case "srliw":
    case "sraiw":
      return fmt(op.slice(0, 3) + (op.endsWith("w") ? "w" : ""), `${xd},${x1},${hex(imm)}`);
    case "rori":
      return fmt("ror", `${xd},${x1},${hex(imm)}`);
    case "roriw":
      return fmt("rorw", `${xd},${x1},${hex(imm)}`);
    case "sub":
      if (rs1 === 0) return fmt("neg", `${xd},${x2}`);
      return fmt(op, `${xd},${x1},${x2}`);
    case "subw":
      if (rs1 === 0) return fmt("negw", `${xd},${x2}`);
      return fmt(op, `${xd},${x1},${x2}`);
    case "slt":
      if (rs2 === 0) return fmt("sltz", `${xd},${x1}`);
      if (rs1 === 0) return fmt("sgtz", `${xd},${x2}`);
      return fmt(op, `${xd},${x1},${x2}`);
    case "sltu":
      if (rs1 === 0) return fmt("snez", `${xd},${x2}`);
      return fmt(op, `${xd},${x1},${x2}`);
    case "add.uw":
      if (rs2 === 0) return fmt("zext.w", `${xd},${x1}`);
      return fmt(op, `${xd},${x1},${x2}`);
    case "fence": {
      if (imm === 0x0ff) return "fence";
      if (imm === 0x833) return "fence.tso";
      return fmt("fence", `${FENCE_SET[(imm >>> 4) & 15]},${FENCE_SET[imm & 15]}`);
    }
    case "csrrw":
    case "csrrs":
    case "csrrc":
    case "csrrwi":
    case "csrrsi":
    case "csrrci":
      return disasmCsr(insn);
    case "fsgnj.s":
    case "fsgnj.d":
    case "fsgnjn.s":
    case "fsgnjn.d":
    case "fsgnjx.s":
    case "fsgnjx.d":
      if (rs1 === rs2) {
        const alias = op.startsWith("fsgnjn") ? "fneg" : op.startsWith("fsgnjx") ? "fabs" : "fmv";
        return fmt(alias + op.slice(-2), `${F[rd]},${F[rs1]}`);
      }
      return fmt(op, `${F[rd]},${F[rs1]},${F[rs2]}`);
  }
  return byFormat(insn, pc);
}

/** Exact conversions that objdump 2.40 prints without a rounding mode when rm is 0. */
const RM0_EXACT = new Set(["fcvt.d.s", "fcvt.d.w", "fcvt.d.wu"]);

/** Default layout, driven by the row's operand format. */
function byFormat(insn: RvInsn, pc: number): string {
  const { op, rd, rs1, rs2, imm, rm } = insn;
  const row = rowOf(op);
  if (row === undefined) throw new Error(`Unknown op ${op}`);
  const xd = X[rd], x1 = X[rs1], x2 = X[rs2];
  const rmS = RM0_EXACT.has(op) && rm === 0 ? "" : rmSuffix(rm);
  switch (row.fmt) {
    case "r":
      return fmt(op, `${xd},${x1},${x2}`);
    case "r1":
      return fmt(op, `${xd},${x1}`);
    case "i":
      return fmt(op, `${xd},${x1},${imm}`);
    case "sh6":
    case "sh5":
      return fmt(op, `${xd},${x1},${hex(imm)}`);
    case "load":
    case "jalr":
      return fmt(op, `${xd},${imm}(${x1})`);
    case "store":
      return fmt(op, `${x2},${imm}(${x1})`);
    case "fload":
      return fmt(op, `${F[rd]},${imm}(${x1})`);
    case "fstore":
      return fmt(op, `${F[rs2]},${imm}(${x1})`);
    case "b":
      return fmt(op, `${x1},${x2},${target(pc, imm)}`);
    case "u":
      return fmt(op, `${xd},${hex((imm >>> 12) & 0xfffff)}`);
    case "j":
      return fmt(op, `${xd},${target(pc, imm)}`);
    case "none":
    case "fence":
    case "csr":
    case "csri":
      return op;
    case "amo":
      return fmt(op + aqrl(insn), `${xd},${x2},(${x1})`);
    case "lr":
      return fmt(op + aqrl(insn), `${xd},(${x1})`);
    case "fr":
      return fmt(op, `${F[rd]},${F[rs1]},${F[rs2]}${rmS}`);
    case "fr_nrm":
      return fmt(op, `${F[rd]},${F[rs1]},${F[rs2]}`);
    case "fr4":
      return fmt(op, `${F[rd]},${F[rs1]},${F[rs2]},${F[insn.rs3]}${rmS}`);
    case "fr1":
      return fmt(op, `${F[rd]},${F[rs1]}${rmS}`);
    case "fcmp":
      return fmt(op, `${xd},${F[rs1]},${F[rs2]}`);
    case "fcvt_xf":
      return fmt(op, `${xd},${F[rs1]}${rmS}`);
    case "fcvt_fx":
      return fmt(op, `${F[rd]},${x1}${rmS}`);
    case "fmv_xf":
      return fmt(op, `${xd},${F[rs1]}`);
    case "fmv_fx":
      return fmt(op, `${F[rd]},${x1}`);
  }
}

function disasmCsr(insn: RvInsn): string {
  const { op, rd, rs1, csr, imm } = insn;
  const xd = X[rd], x1 = X[rs1];
  const c = csrName(csr);
  switch (op) {
    case "csrrw":
      if (rd === 0 && rs1 === 0 && csr === 0xc00) return "unimp";
      if (csr >= 1 && csr <= 3) {
        const n = ["fsflags", "fsrm", "fscsr"][csr - 1];
        return fmt(n, rd === 0 ? x1 : `${xd},${x1}`);
      }
      return rd === 0 ? fmt("csrw", `${c},${x1}`) : fmt(op, `${xd},${c},${x1}`);
    case "csrrs":
      if (rs1 === 0) {
        if (csr >= 0xc00 && csr <= 0xc02) {
          return fmt(["rdcycle", "rdtime", "rdinstret"][csr - 0xc00], xd);
        }
        if (csr >= 1 && csr <= 3) return fmt(["frflags", "frrm", "frcsr"][csr - 1], xd);
        return fmt("csrr", `${xd},${c}`);
      }
      return rd === 0 ? fmt("csrs", `${c},${x1}`) : fmt(op, `${xd},${c},${x1}`);
    case "csrrc":
      return rd === 0 ? fmt("csrc", `${c},${x1}`) : fmt(op, `${xd},${c},${x1}`);
    case "csrrwi":
      if (csr === 1) return fmt("fsflagsi", `${xd},${imm}`);
      if (csr === 2) return fmt("fsrmi", `${xd},${imm}`);
      return rd === 0 ? fmt("csrw", `${c},${imm}`) : fmt("csrrw", `${xd},${c},${imm}`);
    case "csrrsi":
      return rd === 0 ? fmt("csrs", `${c},${imm}`) : fmt("csrrs", `${xd},${c},${imm}`);
    default: // csrrci
      return rd === 0 ? fmt("csrc", `${c},${imm}`) : fmt("csrrc", `${xd},${c},${imm}`);
  }
}

/**
 * Disassemble without aliases, as `objdump -d -M no-aliases` prints it: canonical
 * mnemonics with every operand, and compressed encodings under their `c.*` names.
 */
export function disasmNoAliases(insn: RvInsn, pc: number): string {
  if (insn.len === 2) return disasmCompressedCanonical(insn, pc);
  const { op, rd, rs1, imm } = insn;
  switch (op) {
    case "fence":
      if (imm === 0x833) return "fence.tso";
      return fmt("fence", `${FENCE_SET[(imm >>> 4) & 15]},${FENCE_SET[imm & 15]}`);
    case "csrrw":
    case "csrrs":
    case "csrrc":
      if (insn.raw === 0xc0001073) return "unimp";
      return fmt(op, `${X[rd]},${csrName(insn.csr)},${X[rs1]}`);
    case "csrrwi":
    case "csrrsi":
    case "csrrci":
      return fmt(op, `${X[rd]},${csrName(insn.csr)},${imm}`);
  }
  return byFormat(insn, pc);
}

const C_FP = new Set(["c.fld", "c.fsd", "c.fldsp", "c.fsdsp"]);

function disasmCompressedCanonical(insn: RvInsn, pc: number): string {
  const h = insn.raw;
  const c = CROWS.find((r) => (h & r.mask) === r.match);
  if (c === undefined) throw new Error(`No compressed row for ${hex(h)}`);
  const { rd, rs1, rs2, imm } = insn;
  const cop = c.cop;
  const R = C_FP.has(cop) ? F : X;
  switch (c.cfmt) {
    case "ciw":
      return fmt(cop, `${X[rd]},sp,${imm}`);
    case "cl_w":
    case "cl_d":
      return fmt(cop, `${R[rd]},${imm}(${X[rs1]})`);
    case "cs_w":
    case "cs_d":
      return fmt(cop, `${R[rs2]},${imm}(${X[rs1]})`);
    case "ci":
    case "ci_li":
    case "cb_andi":
      return fmt(cop, `${X[rd]},${imm}`);
    case "ci_sp16":
      return fmt(cop, `sp,${imm}`);
    case "ci_lui":
      return fmt(cop, `${X[rd]},${hex((imm >>> 12) & 0xfffff)}`);
    case "ci_sh":
    case "cb_sh":
      return imm === 0 ? fmt(cop + "64", X[rd]) : fmt(cop, `${X[rd]},${hex(imm)}`);
    case "ca":
    case "cr_mv":
    case "cr_add":
      return fmt(cop, `${X[rd]},${X[rs2]}`);
    case "cj":
      return fmt(cop, target(pc, imm));
    case "cb":
      return fmt(cop, `${X[rs1]},${target(pc, imm)}`);
    case "ci_lwsp":
    case "ci_ldsp":
      return fmt(cop, `${R[rd]},${imm}(sp)`);
    case "css_sw":
    case "css_sd":
      return fmt(cop, `${R[rs2]},${imm}(sp)`);
    case "cr_jr":
    case "cr_jalr":
      return fmt(cop, X[rs1]);
    case "cr_none":
      return cop;
  }
}
