/**
 * x86-64 integer instruction vectors, run through the engine in both modes.
 *
 * The expected values come from testdata/vectors/x86_64/int/int_vectors.txt, produced by
 * gen_int.c running every instruction natively on this x86-64 host (regenerate with gen.sh
 * there). Each vector is placed at P = 0x12000 and followed by int3; rsi points at a 16-byte
 * buffer D that straddles a page boundary, rdi at D + 8. Registers the vector does not name
 * are filled with a pattern and must come back unchanged; flags are compared under the mask
 * of the flags the instruction defines.
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { Engine, type EngineMode } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, T_DIVIDE, TRAP_NAMES } from "../../../src/engine/trap.ts";
import { FL, FOP, X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { x86_64Backend } from "../../../src/arch/x86_64/lift.ts";
import { flags, makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import type { X86Insn } from "../../../src/arch/x86_64/decode.ts";

const FILE = new URL("../../../testdata/vectors/x86_64/int/int_vectors.txt", import.meta.url);
const P_OFF = 0x12000, CODE_START = 0x10000, CODE_LEN = 0x4000;
const D_OFF = 0x20ff8, DATA_START = 0x20000, DATA_LEN = 0x3000;
const NAMES = ["rax", "rbx", "rcx", "rdx"];
const REGNO = [0, 3, 1, 2];

interface Vector {
  line: number;
  name: string;
  code: Uint8Array;
  inp: Map<string, bigint>;
  out: Map<string, bigint>;
  mask: number;
  trap: boolean;
  memIn: bigint;
  memOut: bigint;
}

function load(): Vector[] {
  const out: Vector[] = [];
  Deno.readTextFileSync(FILE).split("\n").forEach((l, i) => {
    if (!l || l.startsWith("#")) return;
    const tok = l.split(" ");
    const hex = tok[1];
    const code = new Uint8Array(hex.length / 2);
    for (let k = 0; k < code.length; k++) code[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
    const v: Vector = {
      line: i + 1,
      name: tok[0],
      code,
      inp: new Map(),
      out: new Map(),
      mask: 0,
      trap: false,
      memIn: 0n,
      memOut: 0n,
    };
    let side = v.inp;
    for (const t of tok.slice(2)) {
      if (t === "->") {
        side = v.out;
        continue;
      }
      const [k, val] = t.split("=");
      if (k === "trap") v.trap = true;
      else if (k === "m") {
        if (side === v.inp) v.memIn = BigInt("0x" + val);
        else v.memOut = BigInt("0x" + val);
      } else if (k === "fl" && side === v.out) {
        const [f, m] = val.split("/");
        side.set("fl", BigInt("0x" + f));
        v.mask = parseInt(m, 16);
      } else side.set(k, BigInt("0x" + val));
    }
    out.push(v);
  });
  return out;
}

const VECTORS = load();

function fill(i: number): bigint {
  return BigInt.asIntN(64, 0x5a5a_0000_0000_0000n | BigInt(i << 8) | BigInt(i));
}

interface Runner {
  mem: AddressSpace;
  cpu: X86Cpu;
  engine: Engine<X86Insn>;
}

function makeRunner(mode: EngineMode, hotThreshold?: number): Runner {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  assert.equal(mem.mapFixed(CODE_START, CODE_LEN, PF_R | PF_X), 0);
  assert.equal(mem.mapFixed(DATA_START, DATA_LEN, PF_R | PF_W), 0);
  mem.u8.fill(0xcc, CODE_START, CODE_START + CODE_LEN);
  const cpu = new X86Cpu(mem.dv, mem.u8, mem.pf);
  const rt = Object.assign(makeX86Runtime(mem), makeBaseRuntime(mem));
  const engine = new Engine(x86_64Backend, mem, cpu, rt, { mode, hotThreshold });
  return { mem, cpu, engine };
}

function memBig(mem: AddressSpace): bigint {
  return (mem.dv.getBigUint64(D_OFF + 8, true) << 64n) | mem.dv.getBigUint64(D_OFF, true);
}

/** Run one vector; returns its differences. */
function run(r: Runner, v: Vector): string[] {
  const { mem, cpu, engine } = r;
  mem.u8.fill(0xcc, P_OFF, P_OFF + 32);
  mem.u8.set(v.code, P_OFF);
  mem.noteWrite(P_OFF, 32);
  engine.flush();
  mem.dv.setBigUint64(D_OFF, v.memIn & 0xffffffffffffffffn, true);
  mem.dv.setBigUint64(D_OFF + 8, v.memIn >> 64n, true);
  cpu.x.fill(0);
  for (let i = 0; i < 16; i++) cpu.setBig(i, fill(i));
  NAMES.forEach((n, k) => cpu.setBig(REGNO[k], v.inp.get(n)!));
  cpu.setBig(6, BigInt(D_OFF));
  cpu.setBig(7, BigInt(D_OFF + 8));
  cpu.x[FOP] = 0;
  cpu.x[FL] = Number(v.inp.get("fl")!);
  cpu.pc = P_OFF;
  const code = engine.run(64);
  const d: string[] = [];
  if (v.trap) {
    if (code !== T_DIVIDE) d.push(`trap ${TRAP_NAMES[code]}, want divide`);
    return d;
  }
  if (code !== T_BREAK) return [`trap ${TRAP_NAMES[code] ?? code} at ${cpu.pc.toString(16)}`];
  NAMES.forEach((n, k) => {
    const got = BigInt.asUintN(64, cpu.getBig(REGNO[k]));
    const want = v.out.get(n)!;
    if (got !== want) d.push(`${n}=${got.toString(16)}, want ${want.toString(16)}`);
  });
  for (const i of [4, 5, 8, 9, 10, 11, 12, 13, 14, 15]) {
    if (cpu.getBig(i) !== BigInt.asUintN(64, fill(i)) && cpu.getBig(i) !== fill(i)) {
      d.push(`register ${i} changed`);
    }
  }
  const x = cpu.x;
  const f = flags(x[FOP], x[33], x[34], x[35], x[36], x[37], x[38], x[FL]) & v.mask;
  if (BigInt(f) !== v.out.get("fl")) {
    d.push(
      `flags=${f.toString(16)}, want ${v.out.get("fl")!.toString(16)} (mask ${
        v.mask.toString(16)
      })`,
    );
  }
  const m = memBig(mem);
  if (m !== v.memOut) d.push(`mem=${m.toString(16)}, want ${v.memOut.toString(16)}`);
  return d;
}

function check(mode: EngineMode, hotThreshold?: number): string[] {
  const r = makeRunner(mode, hotThreshold);
  const failures: string[] = [];
  for (const v of VECTORS) {
    const d = run(r, v);
    if (d.length) failures.push(`line ${v.line} ${v.name}: ${d.join("; ")}`);
  }
  return failures;
}

// Each vector runs once, so "jit" runs it in tier 0 (one template per instruction). "region"
// compiles it at once as a region (hot threshold 0), where a flag producer and its reader in
// one block fuse (cmp + setb inline, flags not stored when dead).
for (
  const [name, mode, hot] of [["jit", "jit", undefined], ["region", "jit", 0], [
    "interp",
    "interp",
    undefined,
  ]] as [string, EngineMode, number | undefined][]
) {
  Deno.test(`x86-64 integer vectors (${name})`, () => {
    const failures = check(mode, hot);
    if (Deno.env.get("X86_SHOW_ALL")) console.log(failures.join("\n"));
    assert.ok(VECTORS.length > 10000, "vector file looks truncated");
    assert.deepEqual(failures.slice(0, 30), []);
  });
}
