/**
 * x86-64 MMX instruction vectors, run through the engine in both modes.
 *
 * The expected values come from testdata/vectors/x86_64/mmx/mmx_vectors.txt, produced by
 * gen_mmx.c running every instruction natively on this x86-64 host (regenerate with gen.sh
 * there): mm0, mm1, rax and a 16-byte buffer at rsi (= rdi) before and after, plus the x87
 * abridged tag byte and TOP after (an MMX instruction makes every tag valid and TOP 0; emms
 * empties the tags; x87 code before and after MMX code sees the aliased registers; fxsave and
 * fxrstor keep the mm registers).
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { Engine, type EngineMode } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, TRAP_NAMES } from "../../../src/engine/trap.ts";
import { X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { x86_64Backend } from "../../../src/arch/x86_64/lift.ts";
import { makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";
import { MM0, MMX_RUNTIME } from "../../../src/arch/x86_64/mmx.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import { ROWS, type X86Insn } from "../../../src/arch/x86_64/decode.ts";
import { MMX } from "../../../src/arch/x86_64/table.ts";
import { MMX_SEMANTICS } from "../../../src/arch/x86_64/semantics_mmx.ts";
import { compileRegion } from "../../../src/engine/compile.ts";

const FILE = new URL("../../../testdata/vectors/x86_64/mmx/mmx_vectors.txt", import.meta.url);
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

function setMm(cpu: X86Cpu, n: number, v: bigint): void {
  cpu.xi[(MM0 + n) * 4] = Number(BigInt.asIntN(32, v));
  cpu.xi[(MM0 + n) * 4 + 1] = Number(BigInt.asIntN(32, v >> 32n));
  MMX_RUNTIME.sync(cpu, n);
}
function getMm(cpu: X86Cpu, n: number): bigint {
  return (BigInt(cpu.xi[(MM0 + n) * 4 + 1] >>> 0) << 32n) | BigInt(cpu.xi[(MM0 + n) * 4] >>> 0);
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
  mem.u8.fill(0xcc, P_OFF, P_OFF + 64);
  mem.u8.set(v.code, P_OFF);
  mem.noteWrite(P_OFF, 64);
  engine.flush();
  const m = v.inp.get("m")!;
  mem.dv.setBigUint64(D_OFF, m & M64, true);
  mem.dv.setBigUint64(D_OFF + 8, m >> 64n, true);
  cpu.x.fill(0);
  // The state the native harness's movq loads leave: all tags valid, TOP 0.
  cpu.fcw = 0x37f;
  cpu.ftop = 0;
  cpu.ftag = 0;
  for (let n = 0; n < 8; n++) setMm(cpu, n, 0n);
  setMm(cpu, 0, v.inp.get("x0")!);
  setMm(cpu, 1, v.inp.get("x1")!);
  cpu.setBig(0, v.inp.get("rax")!);
  cpu.setBig(6, BigInt(D_OFF));
  cpu.setBig(7, BigInt(D_OFF));
  cpu.setBig(15, BigInt(DATA_START + 0x400)); // the harness's 16-byte aligned scratch area at 48(%r15)
  cpu.pc = P_OFF;
  const code = engine.run(64);
  if (code !== T_BREAK) return [`trap ${TRAP_NAMES[code] ?? code} at ${cpu.pc.toString(16)}`];
  // The harness's fxsave runs before its movq stores; then mm0/mm1 as those stores see them.
  let tw = 0;
  for (let p = 0; p < 8; p++) if (!((cpu.ftag >> p) & 1)) tw |= 1 << p;
  const top = BigInt(cpu.ftop);
  if ((cpu.ftag | cpu.ftop) !== 0) MMX_RUNTIME.enter(cpu);
  const d: string[] = [];
  const got: Record<string, bigint> = {
    x0: getMm(cpu, 0),
    x1: getMm(cpu, 1),
    rax: BigInt.asUintN(64, cpu.getBig(0)),
    m: (mem.dv.getBigUint64(D_OFF + 8, true) << 64n) | mem.dv.getBigUint64(D_OFF, true),
    tw: BigInt(tw),
    top,
  };
  for (const [k, want] of v.out) {
    if (got[k] !== want) d.push(`${k}=${got[k].toString(16)}, want ${want.toString(16)}`);
  }
  return d;
}

for (const mode of ["jit", "interp"] as EngineMode[]) {
  Deno.test(`x86-64 MMX vectors (${mode})`, () => {
    const r = makeRunner(mode);
    const failures: string[] = [];
    for (const v of VECTORS) {
      const d = run(r, v);
      if (d.length) failures.push(`line ${v.line} ${v.name}: ${d.join("; ")}`);
    }
    if (Deno.env.get("X86_SHOW_ALL")) console.log(failures.join("\n"));
    assert.ok(VECTORS.length > 10000, "vector file looks truncated");
    assert.deepEqual(failures.slice(0, 30), []);
  });
}

Deno.test("x86-64 MMX lifted code is data-free (no string or non-integer literals)", () => {
  const r = makeRunner("jit");
  const seen = new Set<string>();
  let checked = 0;
  for (const v of VECTORS) {
    const key = [...v.code].join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    r.mem.u8.fill(0xcc, P_OFF, P_OFF + 64);
    r.mem.u8.set(v.code, P_OFF);
    r.mem.noteWrite(P_OFF, 64);
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
  assert.ok(checked > 300, `only ${checked} distinct encodings`);
});

Deno.test("x86-64 MMX: CPUID.1:EDX reports MMX and every MMX row has a lifter", () => {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  const cpu = new X86Cpu(mem.dv, mem.u8, mem.pf);
  const rt = makeX86Runtime(mem);
  cpu.x[0] = 1;
  rt.cpuid(cpu);
  assert.equal((cpu.x[4] >>> 23) & 1, 1, "CPUID.01H:EDX.MMX[bit 23]");
  const missing = ROWS.filter((row) => row.flags & MMX && !MMX_SEMANTICS[row.op]).map((r) => r.key);
  assert.deepEqual(missing, []);
});
