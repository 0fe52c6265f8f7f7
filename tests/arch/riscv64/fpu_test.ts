/**
 * Checks the RISC-V F/D soft-float (fpu.ts) and its emitters (semantics_fp.ts)
 * against testdata/vectors/riscv64/fp/fp_vectors.txt, whose expected bits and
 * fflags come from executing each instruction under qemu-riscv64 (gen_fp.c).
 *
 * Every vector runs twice: through the FPU_RUNTIME helper directly (static rm,
 * and rm = 7 with frm set; with rd distinct from and equal to rs1), and
 * through code emitted by FP_SEMANTICS and compiled by the engine's
 * compileRegion (which covers the bit-moving instructions that have no
 * helper). Set KITEMU_FP_VECTORS to run another vector file (e.g. the stress
 * set from `make -C testdata/vectors/riscv64/fp stress`).
 * @module
 */

import assert from "node:assert/strict";
import { FPU_RUNTIME } from "../../../src/arch/riscv64/fpu.ts";
import { FP_SEMANTICS } from "../../../src/arch/riscv64/semantics_fp.ts";
import { RvCpu } from "../../../src/arch/riscv64/cpu.ts";
import type { RvInsn } from "../../../src/arch/riscv64/decode.ts";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { compileRegion, type IsaBackend, type RegionFn } from "../../../src/engine/compile.ts";
import { Emitter } from "../../../src/engine/emitter.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import { T_FAULT, T_ILLEGAL } from "../../../src/engine/trap.ts";

// ---------------------------------------------------------------------------
// Vectors.

interface Vec {
  line: number;
  op: string;
  /** Rounding modes the expectation holds for (empty for ops without rm). */
  modes: number[];
  src: ([number, number] | null)[];
  want: [number, number];
  flags: number;
}

/** Split a 16-digit hex pattern into (lo, hi) int32 halves. */
function halves(h: string): [number, number] {
  if (!/^[0-9a-f]{16}$/.test(h)) throw new SyntaxError(`Bad hex pattern ${h}`);
  return [parseInt(h.slice(8), 16) | 0, parseInt(h.slice(0, 8), 16) | 0];
}

function hex(lo: number, hi: number): string {
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

const VEC_PATH = Deno.env.get("KITEMU_FP_VECTORS") ??
  new URL("../../../testdata/vectors/riscv64/fp/fp_vectors.txt", import.meta.url).pathname;

function loadVectors(): Vec[] {
  const text = Deno.readTextFileSync(VEC_PATH);
  const out: Vec[] = [];
  let n = 0;
  for (const raw of text.split("\n")) {
    n++;
    const l = raw.trim();
    if (l === "" || l.startsWith("#")) continue;
    const f = l.split(/\s+/);
    if (f.length !== 7) throw new SyntaxError(`Line ${n}: expected 7 fields`);
    const modes = f[1] === "*" ? [0, 1, 2, 3, 4] : f[1] === "-" ? [] : [Number(f[1])];
    out.push({
      line: n,
      op: f[0],
      modes,
      src: f.slice(2, 5).map((x) => (x === "-" ? null : halves(x))),
      want: halves(f[5]),
      flags: parseInt(f[6], 16),
    });
  }
  return out;
}

const VECTORS = loadVectors();

// ---------------------------------------------------------------------------
// How each instruction is shaped.

type Shape =
  | "f1" // FP rd, FP rs1, rm
  | "f2" // FP rd, FP rs1, FP rs2, rm
  | "f3" // FP rd, FP rs1..3, rm
  | "n2" // FP rd, FP rs1, FP rs2 (no rm)
  | "c2" // x rd, FP rs1, FP rs2
  | "c1" // x rd, FP rs1 (no rm)
  | "xw" // x rd (32-bit, sign-extended), FP rs1, rm
  | "xl" // x rd (64-bit), FP rs1, rm
  | "fx" // FP rd, x rs1, rm
  | "mx"; // FP rd, x rs1 (no rm)

const SHAPES: Record<string, Shape> = {};
for (const p of ["s", "d"]) {
  for (const o of ["fadd", "fsub", "fmul", "fdiv"]) SHAPES[`${o}.${p}`] = "f2";
  SHAPES[`fsqrt.${p}`] = "f1";
  for (const o of ["fmadd", "fmsub", "fnmsub", "fnmadd"]) SHAPES[`${o}.${p}`] = "f3";
  for (const o of ["fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax"]) SHAPES[`${o}.${p}`] = "n2";
  for (const o of ["feq", "flt", "fle"]) SHAPES[`${o}.${p}`] = "c2";
  SHAPES[`fclass.${p}`] = "c1";
  SHAPES[`fcvt.w.${p}`] = "xw";
  SHAPES[`fcvt.wu.${p}`] = "xw";
  SHAPES[`fcvt.l.${p}`] = "xl";
  SHAPES[`fcvt.lu.${p}`] = "xl";
  for (const i of ["w", "wu", "l", "lu"]) SHAPES[`fcvt.${p}.${i}`] = "fx";
}
SHAPES["fcvt.s.d"] = "f1";
SHAPES["fcvt.d.s"] = "f1";
SHAPES["fmv.x.w"] = "c1";
SHAPES["fmv.x.d"] = "c1";
SHAPES["fmv.w.x"] = "mx";
SHAPES["fmv.d.x"] = "mx";

/** Every F and D instruction of RV64. */
const ALL_OPS = [...Object.keys(SHAPES), "flw", "fsw", "fld", "fsd"].sort();

// ---------------------------------------------------------------------------
// Runtime helpers, called directly.

// deno-lint-ignore no-explicit-any
const RT = FPU_RUNTIME as unknown as Record<string, (...a: any[]) => number>;

function newCpu(): RvCpu {
  return new RvCpu(new DataView(new ArrayBuffer(8)), new Uint8Array(8), new Uint8Array(1));
}

function setF(cpu: RvCpu, r: number, v: [number, number]): void {
  cpu.fi[2 * r] = v[0];
  cpu.fi[2 * r + 1] = v[1];
}

/**
 * Run one vector through the helper: returns the 64-bit result, or null when
 * the op has no helper (bit moves, which only the emitted code implements).
 */
function callHelper(cpu: RvCpu, v: Vec, rm: number, rd: number): [number, number] | null {
  const name = v.op.replace(/\./g, "_");
  const fn = RT[name];
  const shape = SHAPES[v.op];
  if (!fn) return null;
  cpu.fi.fill(0x5a5a5a5a);
  for (let k = 0; k < 3; k++) if (v.src[k] && shape !== "fx") setF(cpu, k + 1, v.src[k]!);
  switch (shape) {
    case "f1":
      fn(cpu, rd, 1, rm);
      break;
    case "f2":
      fn(cpu, rd, 1, 2, rm);
      break;
    case "f3":
      fn(cpu, rd, 1, 2, 3, rm);
      break;
    case "n2":
      fn(cpu, rd, 1, 2);
      break;
    case "fx":
      fn(cpu, rd, v.src[0]![0], v.src[0]![1], rm);
      break;
    case "c2": {
      const r = fn(cpu, 1, 2);
      return [r, r >> 31];
    }
    case "c1": {
      const r = fn(cpu, 1);
      return [r, r >> 31];
    }
    case "xw": {
      const r = fn(cpu, 1, rm);
      return [r, r >> 31];
    }
    case "xl": {
      const r = fn(cpu, 1, rm);
      return [r, RT.fhi()];
    }
    default:
      return null;
  }
  return [cpu.fi[2 * rd], cpu.fi[2 * rd + 1]];
}

const MODE_NAMES = ["rne", "rtz", "rdn", "rup", "rmm"];

function describe(v: Vec, how: string, got: [number, number], gotFlags: number): string {
  const srcs = v.src.filter((x) => x).map((x) => hex(x![0], x![1])).join(" ");
  return `line ${v.line}: ${v.op} ${how} ${srcs} -> ${hex(got[0], got[1])} flags ${
    gotFlags.toString(16)
  }, want ${hex(v.want[0], v.want[1])} flags ${v.flags.toString(16)}`;
}

Deno.test("fpu: vectors hold every F and D instruction", () => {
  const seen = new Set(VECTORS.map((v) => v.op));
  for (const op of Object.keys(SHAPES)) assert.ok(seen.has(op), `No vectors for ${op}`);
  assert.ok(VECTORS.length > 5000, `Only ${VECTORS.length} vectors`);
});

Deno.test("fpu: FPU_RUNTIME helpers match the qemu vectors", () => {
  const cpu = newCpu();
  let checked = 0, failed = 0;
  const fails: string[] = [];
  for (const v of VECTORS) {
    const modes = v.modes.length ? v.modes : [0];
    for (const mode of modes) {
      // Static rm, dynamic rm (7 with frm), and rd aliasing rs1.
      for (const [rm, frm, rd] of [[mode, 0, 4], [7, mode, 4], [mode, 0, 1]]) {
        cpu.fflags = 0;
        cpu.frm = frm;
        const got = callHelper(cpu, v, rm, rd);
        if (got === null) continue;
        checked++;
        if (got[0] !== v.want[0] || got[1] !== v.want[1] || cpu.fflags !== v.flags) {
          failed++;
          const how = v.modes.length ? `${MODE_NAMES[mode]}${rm === 7 ? "(dyn)" : ""}` : "";
          if (fails.length < 40) fails.push(describe(v, `${how} rd=f${rd}`, got, cpu.fflags));
        }
      }
    }
  }
  console.log(
    `fpu helpers: ${checked - failed}/${checked} checks passed (${
      ((100 * (checked - failed)) / checked).toFixed(3)
    }%) over ${VECTORS.length} vectors`,
  );
  assert.equal(failed, 0, `${failed} mismatches:\n${fails.join("\n")}`);
});

// ---------------------------------------------------------------------------
// Emitted code, compiled by the engine.

const CODE = 0x10000;
const DATA = 0x20000;

function insn(op: string, f: Partial<RvInsn> = {}): RvInsn {
  return {
    op,
    len: 4,
    raw: 0,
    rd: 0,
    rs1: 0,
    rs2: 0,
    rs3: 0,
    imm: 0,
    csr: 0,
    rm: 0,
    aq: false,
    rl: false,
    flags: 0,
    ...f,
  };
}

/** A backend whose only instruction is `i` at CODE; the next fetch is illegal. */
function backendFor(i: RvInsn): IsaBackend<RvInsn> {
  return {
    fetch: (_mem, pc) =>
      pc === CODE ? { kind: "ok", insn: i } : { kind: "illegal", bytes: new Uint8Array(4) },
    emit: (x, e) => {
      const fn = FP_SEMANTICS[x.op];
      if (!fn) throw new Error(`No emitter for ${x.op}`);
      fn(x, e);
    },
    successors: () => [],
    disasm: (x) => x.op,
  };
}

interface Machine {
  mem: AddressSpace;
  cpu: RvCpu;
  rt: unknown;
}

function newMachine(): Machine {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  assert.equal(mem.mapFixed(CODE, 0x1000, PF_R | PF_X), 0);
  assert.equal(mem.mapFixed(DATA, 0x2000, PF_R | PF_W), 0);
  const cpu = new RvCpu(mem.dv, mem.u8, mem.pf);
  const rt = { ...makeBaseRuntime(mem), ...FPU_RUNTIME };
  return { mem, cpu, rt };
}

function compile(m: Machine, i: RvInsn): RegionFn {
  const r = compileRegion(backendFor(i), m.mem, CODE, {
    single: false,
    maxBlockInsns: 8,
    maxBlocks: 1,
  });
  assert.ok(r, "Region did not compile");
  return r.fn;
}

/** Run a compiled single-instruction region; returns the trap code. */
function run(m: Machine, fn: RegionFn): number {
  m.cpu.pc = CODE;
  m.cpu.budget = 100;
  return fn(m.cpu, m.rt);
}

/** FP operands in f1..f3, integer operand in x5; FP result in f4, integer result in x6. */
function insnFor(op: string, rm: number): RvInsn {
  const shape = SHAPES[op];
  const intRd = shape === "c1" || shape === "c2" || shape === "xw" || shape === "xl";
  const intRs = shape === "fx" || shape === "mx";
  return insn(op, { rd: intRd ? 6 : 4, rs1: intRs ? 5 : 1, rs2: 2, rs3: 3, rm });
}

Deno.test("fpu: emitted code matches the qemu vectors", () => {
  const m = newMachine();
  const fns = new Map<string, RegionFn>();
  let checked = 0, failed = 0;
  const fails: string[] = [];
  for (const v of VECTORS) {
    const shape = SHAPES[v.op];
    const modes = v.modes.length ? v.modes : [0];
    for (const mode of modes) {
      for (const dyn of v.modes.length ? [false, true] : [false]) {
        const rm = dyn ? 7 : mode;
        const key = `${v.op}/${rm}`;
        let fn = fns.get(key);
        if (!fn) {
          fn = compile(m, insnFor(v.op, rm));
          fns.set(key, fn);
        }
        const cpu = m.cpu;
        cpu.fi.fill(0x5a5a5a5a);
        cpu.x.fill(0x3c3c3c3c);
        cpu.fflags = 0;
        cpu.frm = dyn ? mode : 0;
        if (shape === "fx" || shape === "mx") {
          cpu.x[10] = v.src[0]![0];
          cpu.x[11] = v.src[0]![1];
        } else {
          for (let k = 0; k < 3; k++) if (v.src[k]) setF(cpu, k + 1, v.src[k]!);
        }
        const code = run(m, fn);
        const intRd = shape === "c1" || shape === "c2" || shape === "xw" || shape === "xl";
        const got: [number, number] = intRd ? [cpu.x[12], cpu.x[13]] : [cpu.fi[8], cpu.fi[9]];
        checked++;
        if (
          code !== T_ILLEGAL || cpu.pc !== CODE + 4 || got[0] !== v.want[0] ||
          got[1] !== v.want[1] || cpu.fflags !== v.flags
        ) {
          failed++;
          const how = v.modes.length ? `${MODE_NAMES[mode]}${dyn ? "(dyn)" : ""}` : "";
          if (fails.length < 40) {
            fails.push(describe(v, how, got, cpu.fflags) + ` (exit ${code} at ${cpu.pc})`);
          }
        }
      }
    }
  }
  console.log(
    `fpu emitted code: ${checked - failed}/${checked} checks passed over ${fns.size} regions`,
  );
  assert.equal(failed, 0, `${failed} mismatches:\n${fails.join("\n")}`);
});

Deno.test("fpu: every F and D instruction has an emitter with data-free output", () => {
  for (const op of ALL_OPS) {
    assert.ok(FP_SEMANTICS[op], `No emitter for ${op}`);
    for (const rm of [0, 3, 5, 7]) {
      for (const [rd, rs1] of [[0, 0], [4, 1], [31, 31]]) {
        const e = new Emitter(0, new Set([CODE]));
        e.beginInsn(CODE, CODE + 4);
        FP_SEMANTICS[op](insn(op, { rd, rs1, rs2: 2, rs3: 3, rm, imm: -8 }), e);
        const body = e.takeBody();
        if (rd !== 0) assert.ok(body.length > 0, `${op}: nothing emitted`);
        assert.ok(!/["'`]/.test(body), `${op}: quote in generated code: ${body}`);
        assert.ok(!/\d\.\d|e[+-]\d/.test(body), `${op}: non-integer literal: ${body}`);
      }
    }
  }
  const extra = Object.keys(FP_SEMANTICS).filter((op) => !ALL_OPS.includes(op));
  assert.deepEqual(extra, []);
});

Deno.test("fpu: reserved and invalid dynamic rounding modes are illegal", () => {
  const m = newMachine();
  for (const op of ["fadd.d", "fmadd.s", "fcvt.w.d", "fcvt.d.w", "fcvt.s.l", "fcvt.d.s"]) {
    for (const rm of [5, 6]) {
      const fn = compile(m, insnFor(op, rm));
      m.cpu.fflags = 0;
      assert.equal(run(m, fn), T_ILLEGAL, `${op} rm=${rm}`);
      assert.equal(m.cpu.pc, CODE, `${op} rm=${rm} must stop at the instruction`);
    }
    const dyn = compile(m, insnFor(op, 7));
    for (const frm of [5, 6, 7]) {
      m.cpu.frm = frm;
      assert.equal(run(m, dyn), T_ILLEGAL);
      assert.equal(m.cpu.pc, CODE, `${op} frm=${frm} must stop at the instruction`);
    }
    m.cpu.frm = 4;
    assert.equal(run(m, dyn), T_ILLEGAL);
    assert.equal(m.cpu.pc, CODE + 4, `${op} frm=4 must execute`);
  }
});

Deno.test("fpu: loads and stores move raw bits and NaN-box singles", () => {
  const m = newMachine();
  const { mem, cpu } = m;
  const dv = mem.dv;
  // x5 = DATA + 0x100.
  const base = DATA + 0x100;
  const setX5 = (a: number) => {
    cpu.x[10] = a;
    cpu.x[11] = 0;
  };
  // fld of a signaling NaN with payload keeps every bit.
  dv.setUint32(base + 8, 0x00000001, true);
  dv.setUint32(base + 12, 0x7ff00000, true);
  setX5(base);
  assert.equal(run(m, compile(m, insn("fld", { rd: 4, rs1: 5, imm: 8 }))), T_ILLEGAL);
  assert.equal(hex(cpu.fi[8], cpu.fi[9]), "7ff0000000000001");
  // flw of a single sNaN: NaN-boxed, payload kept.
  dv.setUint32(base - 4, 0x7f800001, true);
  cpu.fi[8] = 0;
  cpu.fi[9] = 0;
  assert.equal(run(m, compile(m, insn("flw", { rd: 4, rs1: 5, imm: -4 }))), T_ILLEGAL);
  assert.equal(hex(cpu.fi[8], cpu.fi[9]), "ffffffff7f800001");
  // fsw stores the low word even when the register is not NaN-boxed.
  cpu.fi[6] = 0x12345678;
  cpu.fi[7] = 0x00000000;
  assert.equal(run(m, compile(m, insn("fsw", { rs1: 5, rs2: 3, imm: 16 }))), T_ILLEGAL);
  assert.equal(dv.getUint32(base + 16, true), 0x12345678);
  // fsd stores all 64 bits (a quiet NaN with payload).
  cpu.fi[6] = 0x0badf00d;
  cpu.fi[7] = 0xfff81234 | 0;
  assert.equal(run(m, compile(m, insn("fsd", { rs1: 5, rs2: 3, imm: 24 }))), T_ILLEGAL);
  assert.equal(dv.getUint32(base + 24, true), 0x0badf00d);
  assert.equal(dv.getUint32(base + 28, true), 0xfff81234);
  // A misaligned fld that crosses a page boundary takes the slow path and still works.
  dv.setUint32(DATA + 0xffc, 0x11223344, true);
  dv.setUint32(DATA + 0x1000, 0x55667788, true);
  setX5(DATA + 0xffc);
  assert.equal(run(m, compile(m, insn("fld", { rd: 4, rs1: 5 }))), T_ILLEGAL);
  assert.equal(hex(cpu.fi[8], cpu.fi[9]), "5566778811223344");
  // Unmapped addresses fault at the instruction.
  setX5(0x40000);
  assert.equal(run(m, compile(m, insn("fld", { rd: 4, rs1: 5 }))), T_FAULT);
  assert.equal(cpu.pc, CODE);
  assert.equal(cpu.faultAddr, 0x40000);
  setX5(0x40000);
  assert.equal(run(m, compile(m, insn("fsw", { rs1: 5, rs2: 3, imm: 4 }))), T_FAULT);
  assert.equal(cpu.faultAddr, 0x40004);
});

Deno.test("fpu: x0 destinations are discarded but flags are still raised", () => {
  const m = newMachine();
  const { cpu } = m;
  setF(cpu, 1, halves("7ff0000000000001")); // sNaN
  setF(cpu, 2, halves("3ff0000000000000"));
  for (const op of ["feq.d", "fcvt.w.d", "fcvt.l.d", "fclass.d", "fmv.x.d"]) {
    cpu.x.fill(0);
    cpu.fflags = 0;
    assert.equal(run(m, compile(m, insn(op, { rd: 0, rs1: 1, rs2: 2 }))), T_ILLEGAL);
    assert.equal(cpu.x[0] | cpu.x[1], 0, op);
    const nv = op === "fclass.d" || op === "fmv.x.d" ? 0 : 16;
    assert.equal(cpu.fflags, nv, `${op} flags`);
  }
});
