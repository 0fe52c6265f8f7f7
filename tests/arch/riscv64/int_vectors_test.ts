/**
 * RISC-V 64 integer instruction vectors, run through the engine in both modes.
 *
 * The expected values come from testdata/vectors/riscv64/int/int_vectors.txt, produced by
 * gen_int.c running every instruction under qemu-riscv64 (regenerate with gen.sh there).
 * Each vector is one instruction (or an lr/sc sequence) placed at P = 0x12000 and followed
 * by `ebreak`; the rest of the code pages hold `c.ebreak`, so a control transfer stops
 * wherever it lands. Memory operands point into a data buffer at D = 0x20ff0, which
 * straddles a page boundary so that misaligned accesses there take the slow path.
 *
 * Every vector also runs in an address space whose window is the second 4 GiB
 * (windowHi = 1, as for PE images), with P and D moved up by 2^32: pc-relative results,
 * link registers and addresses then have a non-zero high half.
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { Engine, type EngineMode } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, T_FLUSH, TRAP_NAMES } from "../../../src/engine/trap.ts";
import { RvCpu } from "../../../src/arch/riscv64/cpu.ts";
import { decode, type RvInsn } from "../../../src/arch/riscv64/decode.ts";
import { disasm } from "../../../src/arch/riscv64/disasm.ts";
import { INT_SEMANTICS } from "../../../src/arch/riscv64/semantics.ts";
import { BACKEND, makeRuntime } from "../../../testdata/vectors/riscv64/int/harness.ts";

const VECTOR_FILE = new URL(
  "../../../testdata/vectors/riscv64/int/int_vectors.txt",
  import.meta.url,
);

/** Window offsets: where the tested code goes, and the code mapping around it. */
const P_OFF = 0x12000;
const CODE_START = 0x10000;
const CODE_LEN = 0x4000;
/** The data buffer (D in the vectors) and its mapping. */
const D_OFF = 0x20ff0;
const DATA_START = 0x20000;
const DATA_LEN = 0x3000;
/** The zone around D that is cleared before and checked after every vector. */
const SCRATCH_LO = D_OFF - 0x100;
const SCRATCH_HI = D_OFF + 0x400;

const C_EBREAK = 0x9002;
const EBREAK = 0x00100073;

/** A value relative to nothing, to P or to D. */
interface Val {
  base: "" | "P" | "D";
  v: bigint;
}

interface Vector {
  line: number;
  name: string;
  text: string;
  code: number[];
  len: number;
  inRegs: Map<number, Val>;
  inFcsr: number | null;
  memOff: number;
  memBefore: Uint8Array | null;
  outRegs: Map<number, Val>;
  outFcsr: number | null;
  memAfter: Uint8Array | null;
  next: Val | null;
}

function parseVal(s: string): Val {
  const m = /^([PD])([+-])([0-9a-f]+)$/.exec(s);
  if (m) {
    const v = BigInt("0x" + m[3]);
    return { base: m[1] as "P" | "D", v: m[2] === "-" ? -v : v };
  }
  if (!/^[0-9a-f]+$/.test(s)) throw new Error(`Bad value ${s}`);
  return { base: "", v: BigInt("0x" + s) };
}

/** A value in an address space whose window starts at `base`. */
function resolve(x: Val, base: number): bigint {
  const b = x.base === "P" ? BigInt(base + P_OFF) : x.base === "D" ? BigInt(base + D_OFF) : 0n;
  return BigInt.asIntN(64, b + x.v);
}

function hexBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function loadVectors(): Vector[] {
  const out: Vector[] = [];
  const lines = Deno.readTextFileSync(VECTOR_FILE).split("\n");
  lines.forEach((text, i) => {
    if (text === "" || text.startsWith("#")) return;
    const tok = text.split(" ");
    const arrow = tok.indexOf("->");
    if (arrow < 2) throw new Error(`Line ${i + 1}: no arrow`);
    const code = tok[1].split(",").map((h) => parseInt(h, 16));
    const len = tok[1].split(",").reduce((n, h) => n + h.length / 2, 0);
    const v: Vector = {
      line: i + 1,
      name: tok[0],
      text,
      code,
      len,
      inRegs: new Map(),
      inFcsr: null,
      memOff: 0,
      memBefore: null,
      outRegs: new Map(),
      outFcsr: null,
      memAfter: null,
      next: null,
    };
    for (let k = 2; k < tok.length; k++) {
      if (k === arrow) continue;
      const input = k < arrow;
      const [key, val] = tok[k].split("=");
      if (/^x\d+$/.test(key)) {
        (input ? v.inRegs : v.outRegs).set(Number(key.slice(1)), parseVal(val));
      } else if (key === "fcsr") {
        if (input) v.inFcsr = parseInt(val, 16);
        else v.outFcsr = parseInt(val, 16);
      } else if (key === "m") {
        if (input) {
          const [where, bytes] = val.split(":");
          v.memOff = Number(parseVal(where).v);
          v.memBefore = hexBytes(bytes);
        } else {
          v.memAfter = hexBytes(val);
        }
      } else if (key === "pc" && !input) {
        v.next = parseVal(val);
      } else {
        throw new Error(`Line ${i + 1}: unknown token ${tok[k]}`);
      }
    }
    out.push(v);
  });
  return out;
}

const VECTORS = loadVectors();

/** Filler for registers a vector does not name: must come back unchanged. */
function fill(i: number): bigint {
  return BigInt.asIntN(64, 0xc0de_0000_0000_0000n | BigInt(i << 8) | BigInt(i));
}

function hex64(v: bigint): string {
  return "0x" + BigInt.asUintN(64, v).toString(16);
}

function bytesHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Objdump-style text of a vector's code, for messages. */
function describe(v: Vector): string {
  let pc = P_OFF;
  return v.code.map((w) => {
    let s: string;
    try {
      const insn: RvInsn | null = decode(w >>> 0);
      s = insn ? disasm(insn, pc) : "(undecodable)";
      pc += insn ? insn.len : 4;
    } catch (err) {
      s = `(disasm threw ${(err as Error).message})`;
    }
    return s.replace("\t", " ");
  }).join("; ");
}

interface Runner {
  mem: AddressSpace;
  cpu: RvCpu;
  engine: Engine<RvInsn>;
}

/**
 * "jit" runs each vector (once) in tier 0, one template per instruction; "region" compiles it
 * at once as a region (hot threshold 0), the code hot loops run; "interp" is the interpreter.
 */
type VectorMode = EngineMode | "region";

function engineOptions(mode: VectorMode): { mode: EngineMode; hotThreshold?: number } {
  return mode === "region" ? { mode: "jit", hotThreshold: 0 } : { mode };
}

function makeRunner(mode: VectorMode, windowHi: number): Runner {
  const mem = new AddressSpace({ maxMemory: 1 << 20, windowHi });
  assert.equal(mem.mapFixed(mem.base + CODE_START, CODE_LEN, PF_R | PF_X), 0);
  assert.equal(mem.mapFixed(mem.base + DATA_START, DATA_LEN, PF_R | PF_W), 0);
  for (let a = CODE_START; a < CODE_START + CODE_LEN; a += 2) mem.dv.setUint16(a, C_EBREAK, true);
  const cpu = new RvCpu(mem.dv, mem.u8, mem.pf);
  const engine = new Engine(BACKEND, mem, cpu, makeRuntime(mem), engineOptions(mode));
  return { mem, cpu, engine };
}

/** Run one vector; returns a description of every difference (empty when it passes). */
function runVector(r: Runner, v: Vector): string[] {
  const { mem, cpu, engine } = r;
  const base = mem.base;
  const res = (x: Val) => resolve(x, base);
  // Code: restore the c.ebreak filler after P, then write the instruction(s) and ebreak.
  for (let a = P_OFF; a < P_OFF + 32; a += 2) mem.dv.setUint16(a, C_EBREAK, true);
  let at = P_OFF;
  for (const w of v.code) {
    if ((w & 3) === 3) {
      mem.dv.setUint32(at, w >>> 0, true);
      at += 4;
    } else {
      mem.dv.setUint16(at, w, true);
      at += 2;
    }
  }
  mem.dv.setUint32(at, EBREAK, true);
  mem.noteWrite(P_OFF, 32);
  // Data.
  mem.u8.fill(0, SCRATCH_LO, SCRATCH_HI);
  if (v.memBefore) mem.u8.set(v.memBefore, D_OFF + v.memOff);
  // Registers.
  cpu.x.fill(0);
  for (let i = 1; i < 32; i++) cpu.setBig(i, fill(i));
  for (const [i, val] of v.inRegs) cpu.setBig(i, res(val));
  const fcsrIn = v.inFcsr ?? 0;
  cpu.fflags = fcsrIn & 31;
  cpu.frm = (fcsrIn >> 5) & 7;
  cpu.resv = -1;
  cpu.pc = base + P_OFF;

  let code = 0;
  for (let tries = 0; tries < 4; tries++) {
    code = engine.run(64);
    if (code !== T_FLUSH) break;
    engine.flush();
  }

  const diffs: string[] = [];
  const wantNext = v.next ? res(v.next) : BigInt(base + P_OFF + v.len);
  if (code !== T_BREAK) {
    diffs.push(`trap ${TRAP_NAMES[code] ?? code} at pc ${hex64(BigInt(cpu.pc))}, want break`);
  } else if (BigInt(cpu.trapPc) !== wantNext) {
    diffs.push(`continued at ${hex64(BigInt(cpu.trapPc))}, want ${hex64(wantNext)}`);
  }
  for (let i = 0; i < 32; i++) {
    const out = v.outRegs.get(i), inp = v.inRegs.get(i);
    const want = i === 0 ? 0n : out ? res(out) : inp ? res(inp) : fill(i);
    const got = cpu.getBig(i);
    if (got !== want) diffs.push(`x${i} = ${hex64(got)}, want ${hex64(want)}`);
  }
  const fcsrGot = (cpu.frm << 5) | cpu.fflags;
  const fcsrWant = v.outFcsr ?? fcsrIn;
  if (fcsrGot !== fcsrWant) {
    diffs.push(`fcsr = 0x${fcsrGot.toString(16)}, want 0x${fcsrWant.toString(16)}`);
  }
  // Memory: the window as qemu left it, and zeros everywhere else in the scratch zone.
  if (v.memBefore) {
    const want = v.memAfter ?? v.memBefore;
    const got = mem.u8.subarray(D_OFF + v.memOff, D_OFF + v.memOff + 16);
    if (bytesHex(got) !== bytesHex(want)) {
      diffs.push(`memory at D+${v.memOff} = ${bytesHex(got)}, want ${bytesHex(want)}`);
    }
  }
  for (let a = SCRATCH_LO; a < SCRATCH_HI; a++) {
    const inWindow = v.memBefore !== null && a >= D_OFF + v.memOff &&
      a < D_OFF + v.memOff + 16;
    if (!inWindow && mem.u8[a] !== 0) {
      diffs.push(`stray write at D${a - D_OFF >= 0 ? "+" : ""}${a - D_OFF}`);
      break;
    }
  }
  return diffs;
}

function runAll(mode: VectorMode, windowHi: number): void {
  const r = makeRunner(mode, windowHi);
  const failures: string[] = [];
  const failedNames = new Map<string, number>();
  let passed = 0;
  for (const v of VECTORS) {
    let diffs: string[];
    try {
      diffs = runVector(r, v);
    } catch (err) {
      diffs = [`threw ${(err as Error).stack ?? err}`];
    }
    if (diffs.length === 0) {
      passed++;
      continue;
    }
    failedNames.set(v.name, (failedNames.get(v.name) ?? 0) + 1);
    if (failures.length < 60) {
      failures.push(
        `line ${v.line}: ${describe(v)}\n    vector: ${v.text}\n    ${diffs.join("\n    ")}`,
      );
    }
  }
  const total = VECTORS.length;
  const where = `${mode}, window ${windowHi}`;
  console.log(
    `${where}: ${passed}/${total} vectors pass` +
      ` (${((100 * passed) / total).toFixed(2)}%)`,
  );
  if (passed !== total) {
    const byName = [...failedNames].map(([n, c]) => `${n} x${c}`).join(", ");
    assert.fail(
      `${where}: ${total - passed} of ${total} vectors fail (${byName})\n` + failures.join("\n"),
    );
  }
}

Deno.test("int vectors: the vector file is well formed and covers the integer semantics", () => {
  assert.ok(VECTORS.length > 10000, `only ${VECTORS.length} vectors`);
  const seen = new Set<string>();
  for (const v of VECTORS) {
    for (const w of v.code) {
      const insn = decode(w >>> 0);
      if (insn) seen.add(insn.op);
    }
  }
  // Not in the vectors: traps, and counters whose values qemu and kitemu cannot share.
  const untestable = new Set(["ecall", "ebreak"]);
  const missing = Object.keys(INT_SEMANTICS).filter((op) => !seen.has(op) && !untestable.has(op));
  assert.deepEqual(missing, [], `no vectors for ${missing.join(", ")}`);
});

for (const windowHi of [0, 1]) {
  for (const mode of ["jit", "region", "interp"] as const) {
    Deno.test(`int vectors: ${mode} mode matches qemu (window ${windowHi})`, () => {
      runAll(mode, windowHi);
    });
  }
}
