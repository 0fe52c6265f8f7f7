/**
 * x86-64 SSE3, SSE4.1 and SSE4.2 instruction vectors (and fisttp), run through the engine in
 * both modes.
 *
 * The expected values come from testdata/vectors/x86_64/sse4/sse4_vectors.txt, produced by
 * gen_sse4.c running every instruction natively on this x86-64 host (regenerate with gen.sh
 * there, which also writes the imm8 sweeps of round*, pcmpXstrX, blends, dpps/dppd, mpsadbw
 * and insertps): xmm0-xmm2, rax, rcx, rdx, MXCSR (rounding mode and exception flags), the
 * status flags and a 16-byte buffer at rsi, before and after.
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { Engine, type EngineMode } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, TRAP_NAMES } from "../../../src/engine/trap.ts";
import { FL, FOP, X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { x86_64Backend } from "../../../src/arch/x86_64/lift.ts";
import { flags, makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import type { X86Insn } from "../../../src/arch/x86_64/decode.ts";
import { compileRegion } from "../../../src/engine/compile.ts";

const FILE = new URL("../../../testdata/vectors/x86_64/sse4/sse4_vectors.txt", import.meta.url);
const P_OFF = 0x12000, CODE_START = 0x10000, CODE_LEN = 0x4000;
const D_OFF = 0x20ff8, DATA_START = 0x20000, DATA_LEN = 0x3000;

interface Vector {
  line: number;
  name: string;
  code: Uint8Array;
  inp: Map<string, bigint>;
  out: Map<string, bigint>;
}

function load(): Vector[] {
  const out: Vector[] = [];
  Deno.readTextFileSync(FILE).split("\n").forEach((l, i) => {
    if (!l || l.startsWith("#")) return;
    const tok = l.split(" ");
    const code = new Uint8Array(tok[1].length / 2);
    for (let k = 0; k < code.length; k++) code[k] = parseInt(tok[1].slice(2 * k, 2 * k + 2), 16);
    const v: Vector = { line: i + 1, name: tok[0], code, inp: new Map(), out: new Map() };
    let side = v.inp;
    for (const t of tok.slice(2)) {
      if (t === "->") side = v.out;
      else {
        const [k, val] = t.split("=");
        side.set(k, BigInt("0x" + val));
      }
    }
    out.push(v);
  });
  return out;
}

const VECTORS = load();
const M64 = 0xffffffffffffffffn;

function setXmm(cpu: X86Cpu, r: number, v: bigint): void {
  for (let k = 0; k < 4; k++) cpu.xi[r * 4 + k] = Number(BigInt.asIntN(32, v >> BigInt(32 * k)));
}
function getXmm(cpu: X86Cpu, r: number): bigint {
  let v = 0n;
  for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(cpu.xi[r * 4 + k] >>> 0);
  return v;
}

function makeRunner(mode: EngineMode) {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  assert.equal(mem.mapFixed(CODE_START, CODE_LEN, PF_R | PF_X), 0);
  assert.equal(mem.mapFixed(DATA_START, DATA_LEN, PF_R | PF_W), 0);
  mem.u8.fill(0xcc, CODE_START, CODE_START + CODE_LEN);
  const cpu = new X86Cpu(mem.dv, mem.u8, mem.pf);
  const rt = Object.assign(makeX86Runtime(mem), makeBaseRuntime(mem));
  const engine: Engine<X86Insn> = new Engine(x86_64Backend, mem, cpu, rt, { mode });
  return { mem, cpu, engine };
}

function run(r: ReturnType<typeof makeRunner>, v: Vector): string[] {
  const { mem, cpu, engine } = r;
  mem.u8.fill(0xcc, P_OFF, P_OFF + 32);
  mem.u8.set(v.code, P_OFF);
  mem.noteWrite(P_OFF, 32);
  engine.flush();
  const m = v.inp.get("m")!;
  mem.dv.setBigUint64(D_OFF, m & M64, true);
  mem.dv.setBigUint64(D_OFF + 8, m >> 64n, true);
  cpu.x.fill(0);
  setXmm(cpu, 0, v.inp.get("x0")!);
  setXmm(cpu, 1, v.inp.get("x1")!);
  setXmm(cpu, 2, v.inp.get("x2")!);
  cpu.setBig(0, v.inp.get("rax")!);
  cpu.setBig(1, v.inp.get("rcx")!);
  cpu.setBig(2, v.inp.get("rdx")!);
  cpu.setBig(6, BigInt(D_OFF));
  cpu.mxcsr = Number(v.inp.get("mx")!);
  cpu.x[FOP] = 0;
  cpu.x[FL] = Number(v.inp.get("fl")!);
  cpu.pc = P_OFF;
  const code = engine.run(64);
  if (code !== T_BREAK) return [`trap ${TRAP_NAMES[code] ?? code} at ${cpu.pc.toString(16)}`];
  const d: string[] = [];
  const x = cpu.x;
  const got: Record<string, bigint> = {
    x0: getXmm(cpu, 0),
    x1: getXmm(cpu, 1),
    x2: getXmm(cpu, 2),
    rax: BigInt.asUintN(64, cpu.getBig(0)),
    rcx: BigInt.asUintN(64, cpu.getBig(1)),
    rdx: BigInt.asUintN(64, cpu.getBig(2)),
    mx: BigInt(cpu.mxcsr),
    fl: BigInt(flags(x[FOP], x[33], x[34], x[35], x[36], x[37], x[38], x[FL]) & 0x8d5),
    m: (mem.dv.getBigUint64(D_OFF + 8, true) << 64n) | mem.dv.getBigUint64(D_OFF, true),
  };
  for (const [k, want] of v.out) {
    if (got[k] !== want) d.push(`${k}=${got[k].toString(16)}, want ${want.toString(16)}`);
  }
  return d;
}

for (const mode of ["jit", "interp"] as EngineMode[]) {
  Deno.test(`x86-64 SSE3/SSE4 vectors (${mode})`, () => {
    const r = makeRunner(mode);
    const failures: string[] = [];
    for (const v of VECTORS) {
      const d = run(r, v);
      if (d.length) failures.push(`line ${v.line} ${v.name}: ${d.join("; ")}`);
    }
    if (Deno.env.get("X86_SHOW_ALL")) console.log(failures.join("\n"));
    console.log(`${mode}: ${VECTORS.length - failures.length} of ${VECTORS.length} vectors match`);
    assert.ok(VECTORS.length > 8000, "vector file looks truncated");
    assert.deepEqual(failures.slice(0, 30), []);
  });
}

Deno.test("x86-64 SSE3/SSE4 lifted code is data-free (no string or non-integer literals)", () => {
  const r = makeRunner("jit");
  const seen = new Set<string>();
  let checked = 0;
  for (const v of VECTORS) {
    const key = [...v.code].join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    r.mem.u8.fill(0xcc, P_OFF, P_OFF + 32);
    r.mem.u8.set(v.code, P_OFF);
    r.mem.noteWrite(P_OFF, 32);
    const region = compileRegion(x86_64Backend, r.mem, P_OFF, {
      single: false,
      maxBlockInsns: 200,
      maxBlocks: 1,
    });
    assert.ok(region, `line ${v.line} ${v.name}: did not compile`);
    const body = region.source.replace(/^"use strict";\n/, "");
    for (const q of ['"', "'", "`", "\\", "//", "/*"]) {
      assert.ok(!body.includes(q), `line ${v.line} ${v.name}: source contains ${q}`);
    }
    for (const t of body.match(/\b\d[\w.]*/g) ?? []) {
      assert.match(t, /^\d+$/, `line ${v.line} ${v.name}: number literal ${t}`);
    }
    checked++;
  }
  assert.ok(checked > 700, `only ${checked} distinct encodings`);
});
