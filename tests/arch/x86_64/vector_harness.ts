/**
 * What the x86-64 SSE, SSE4 and MMX vector tests share: the vector file format
 * (`name hexcode k=v ... -> k=v ...`, values in hex, produced natively by the
 * generators under testdata/vectors/x86_64/), a machine with a code page and a
 * data page, and the tests that run every vector in both engine modes and
 * check that the lifted code is data-free. Each test file supplies how a
 * vector's state is loaded and read back.
 * @module
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { Engine, type EngineMode } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, TRAP_NAMES } from "../../../src/engine/trap.ts";
import { X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { x86_64Backend } from "../../../src/arch/x86_64/lift.ts";
import { makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import type { X86Insn } from "../../../src/arch/x86_64/decode.ts";
import { compileRegion } from "../../../src/engine/compile.ts";

/** Where a vector's code is placed. */
export const P_OFF = 0x12000;
/** The 16-byte buffer the vectors address through rsi. */
export const D_OFF = 0x20ff8;
/** The data mapping (DATA_START..+0x3000). */
export const DATA_START = 0x20000;
const CODE_START = 0x10000, CODE_LEN = 0x4000, DATA_LEN = 0x3000;
const M64 = 0xffffffffffffffffn;

/** One line of a vector file. */
export interface Vector {
  line: number;
  name: string;
  code: Uint8Array;
  inp: Map<string, bigint>;
  out: Map<string, bigint>;
}

/** Parse a vector file. */
export function loadVectors(file: URL): Vector[] {
  const out: Vector[] = [];
  Deno.readTextFileSync(file).split("\n").forEach((l, i) => {
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

/** A machine for running vectors. */
export interface Runner {
  mem: AddressSpace;
  cpu: X86Cpu;
  engine: Engine<X86Insn>;
}

/** A fresh machine: code page filled with int3, a read/write data page. */
export function makeRunner(mode: EngineMode | "region"): Runner {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  assert.equal(mem.mapFixed(CODE_START, CODE_LEN, PF_R | PF_X), 0);
  assert.equal(mem.mapFixed(DATA_START, DATA_LEN, PF_R | PF_W), 0);
  mem.u8.fill(0xcc, CODE_START, CODE_START + CODE_LEN);
  const cpu = new X86Cpu(mem.dv, mem.u8, mem.pf);
  const rt = Object.assign(makeX86Runtime(mem), makeBaseRuntime(mem));
  // "region": compiled at once as a region (hot threshold 0), as hot loops run; "jit" runs a
  // vector (once) in tier 0.
  const opts = mode === "region" ? { mode: "jit" as const, hotThreshold: 0 } : { mode };
  const engine: Engine<X86Insn> = new Engine(x86_64Backend, mem, cpu, rt, opts);
  return { mem, cpu, engine };
}

/** Put a vector's code at P_OFF (int3 after it, `span` bytes in all). */
export function placeCode(r: Runner, v: Vector, span: number): void {
  r.mem.u8.fill(0xcc, P_OFF, P_OFF + span);
  r.mem.u8.set(v.code, P_OFF);
  r.mem.noteWrite(P_OFF, span);
}

/**
 * Place the code, the 16-byte buffer `m`, clear the registers, let `setup`
 * load the rest, run to the int3, and compare what `read` returns with the
 * vector's outputs. Returns the differences.
 */
export function runVector(
  r: Runner,
  v: Vector,
  span: number,
  setup: (cpu: X86Cpu) => void,
  read: (cpu: X86Cpu) => Record<string, bigint>,
): string[] {
  const { mem, cpu, engine } = r;
  placeCode(r, v, span);
  engine.flush();
  const m = v.inp.get("m")!;
  mem.dv.setBigUint64(D_OFF, m & M64, true);
  mem.dv.setBigUint64(D_OFF + 8, m >> 64n, true);
  cpu.x.fill(0);
  setup(cpu);
  cpu.pc = P_OFF;
  const code = engine.run(64);
  if (code !== T_BREAK) return [`trap ${TRAP_NAMES[code] ?? code} at ${cpu.pc.toString(16)}`];
  const got = read(cpu);
  got.m = (mem.dv.getBigUint64(D_OFF + 8, true) << 64n) | mem.dv.getBigUint64(D_OFF, true);
  const d: string[] = [];
  for (const [k, want] of v.out) {
    if (got[k] !== want) d.push(`${k}=${got[k].toString(16)}, want ${want.toString(16)}`);
  }
  return d;
}

/** xmm register `r` as a 128-bit value. */
export function setXmm(cpu: X86Cpu, r: number, v: bigint): void {
  for (let k = 0; k < 4; k++) cpu.xi[r * 4 + k] = Number(BigInt.asIntN(32, v >> BigInt(32 * k)));
}

/** xmm register `r` as a 128-bit value. */
export function getXmm(cpu: X86Cpu, r: number): bigint {
  let v = 0n;
  for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(cpu.xi[r * 4 + k] >>> 0);
  return v;
}

/** Register a test per engine mode that runs every vector and expects no difference. */
export function vectorTests(
  label: string,
  vectors: Vector[],
  minCount: number,
  run: (r: Runner, v: Vector) => string[],
): void {
  for (const mode of ["jit", "region", "interp"] as const) {
    Deno.test(`x86-64 ${label} vectors (${mode})`, () => {
      const r = makeRunner(mode);
      const failures: string[] = [];
      for (const v of vectors) {
        const d = run(r, v);
        if (d.length) failures.push(`line ${v.line} ${v.name}: ${d.join("; ")}`);
      }
      if (Deno.env.get("X86_SHOW_ALL")) console.log(failures.join("\n"));
      console.log(
        `${mode}: ${vectors.length - failures.length} of ${vectors.length} vectors match`,
      );
      assert.ok(vectors.length > minCount, "vector file looks truncated");
      assert.deepEqual(failures.slice(0, 30), []);
    });
  }
}

/** Register a test that compiles every distinct encoding and checks the source is data-free. */
export function dataFreeTest(
  label: string,
  vectors: Vector[],
  span: number,
  minDistinct: number,
): void {
  Deno.test(`x86-64 ${label} lifted code is data-free (no string or non-integer literals)`, () => {
    const r = makeRunner("jit");
    const seen = new Set<string>();
    let checked = 0;
    for (const v of vectors) {
      const key = [...v.code].join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      placeCode(r, v, span);
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
    assert.ok(checked > minDistinct, `only ${checked} distinct encodings`);
  });
}
