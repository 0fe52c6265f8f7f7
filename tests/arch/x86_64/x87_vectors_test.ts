/**
 * x86-64 x87 vectors: 80-bit loads, arithmetic at every rounding mode and at 24-, 53- and
 * 64-bit precision, fsqrt, frndint, fprem, fscale, fxam, fcom, constants and an
 * fxsave/fninit/fxrstor round trip, compared bit for bit with
 * testdata/vectors/x86_64/x87/x87_vectors.txt (gen_x87.c, run natively).
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../../src/memory/address_space.ts";
import { Engine } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, TRAP_NAMES } from "../../../src/engine/trap.ts";
import { X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { x86_64Backend } from "../../../src/arch/x86_64/lift.ts";
import { makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import type { X86Insn } from "../../../src/arch/x86_64/decode.ts";

const FILE = new URL("../../../testdata/vectors/x86_64/x87/x87_vectors.txt", import.meta.url);
const P = 0x12000, D = 0x20f00;

function hexBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length / 2);
  for (let k = 0; k < b.length; k++) b[k] = parseInt(s.slice(2 * k, 2 * k + 2), 16);
  return b;
}
function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

const VECTORS = Deno.readTextFileSync(FILE).split("\n").map((l, i) => ({ l, line: i + 1 }))
  .filter(({ l }) => l && !l.startsWith("#")).map(({ l, line }) => {
    const t = l.split(" ");
    const kv = Object.fromEntries(
      t.slice(2).filter((x) => x.includes("=")).map((x) => x.split("=")),
    );
    return { line, name: t[0], code: hexBytes(t[1]), ...kv } as {
      line: number;
      name: string;
      code: Uint8Array;
      a: string;
      b: string;
      cw: string;
      r: string;
      sw: string;
    };
  });

for (const mode of ["jit", "region", "interp"] as const) {
  Deno.test(`x86-64 x87 vectors (${mode})`, () => {
    const mem = new AddressSpace({ maxMemory: 1 << 20 });
    assert.equal(mem.mapFixed(0x10000, 0x4000, PF_R | PF_X), 0);
    assert.equal(mem.mapFixed(0x20000, 0x2000, PF_R | PF_W), 0);
    const cpu = new X86Cpu(mem.dv, mem.u8, mem.pf);
    const rt = Object.assign(makeX86Runtime(mem), makeBaseRuntime(mem));
    const opts = mode === "region" ? { mode: "jit" as const, hotThreshold: 0 } : { mode };
    const engine: Engine<X86Insn> = new Engine(x86_64Backend, mem, cpu, rt, opts);
    const failures: string[] = [];
    for (const v of VECTORS) {
      mem.u8.fill(0xcc, P, P + 64);
      mem.u8.set(v.code, P);
      mem.noteWrite(P, 64);
      engine.flush();
      mem.u8.fill(0, D, D + 704);
      mem.u8.set(hexBytes(v.a), D);
      mem.u8.set(hexBytes(v.b), D + 16);
      mem.dv.setUint16(D + 32, parseInt(v.cw, 16), true);
      rt.x87.init(cpu);
      cpu.set(6, D);
      cpu.pc = P;
      const code = engine.run(64);
      if (code !== T_BREAK) {
        failures.push(`line ${v.line} ${v.name}: trap ${TRAP_NAMES[code]}`);
        continue;
      }
      const r = toHex(mem.u8.subarray(D + 48, D + 58));
      const sw = (mem.dv.getUint16(D + 64, true) & 0x4700).toString(16);
      if (r !== v.r || sw !== v.sw) {
        failures.push(
          `line ${v.line} ${v.name} cw=${v.cw}: r=${r} sw=${sw}, want r=${v.r} sw=${v.sw}`,
        );
      }
    }
    if (Deno.env.get("X86_SHOW_ALL")) console.log(failures.join("\n"));
    assert.ok(VECTORS.length > 600, "vector file looks truncated");
    assert.deepEqual(failures.slice(0, 30), []);
  });
}
