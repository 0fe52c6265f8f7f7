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
import { AddressSpace } from "../../../src/memory/address_space.ts";
import { X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";
import { MM0, MMX_RUNTIME } from "../../../src/arch/x86_64/mmx.ts";
import { ROWS } from "../../../src/arch/x86_64/decode.ts";
import { MMX } from "../../../src/arch/x86_64/table.ts";
import { MMX_SEMANTICS } from "../../../src/arch/x86_64/semantics_mmx.ts";
import {
  D_OFF,
  DATA_START,
  dataFreeTest,
  loadVectors,
  runVector,
  type Vector,
  vectorTests,
} from "./vector_harness.ts";

const VECTORS = loadVectors(
  new URL("../../../testdata/vectors/x86_64/mmx/mmx_vectors.txt", import.meta.url),
);

function setMm(cpu: X86Cpu, n: number, v: bigint): void {
  cpu.xi[(MM0 + n) * 4] = Number(BigInt.asIntN(32, v));
  cpu.xi[(MM0 + n) * 4 + 1] = Number(BigInt.asIntN(32, v >> 32n));
  MMX_RUNTIME.sync(cpu, n);
}
function getMm(cpu: X86Cpu, n: number): bigint {
  return (BigInt(cpu.xi[(MM0 + n) * 4 + 1] >>> 0) << 32n) | BigInt(cpu.xi[(MM0 + n) * 4] >>> 0);
}

function setup(v: Vector): (cpu: X86Cpu) => void {
  return (cpu) => {
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
  };
}

function read(cpu: X86Cpu): Record<string, bigint> {
  // The harness's fxsave runs before its movq stores; then mm0/mm1 as those stores see them.
  let tw = 0;
  for (let p = 0; p < 8; p++) if (!((cpu.ftag >> p) & 1)) tw |= 1 << p;
  const top = BigInt(cpu.ftop);
  if ((cpu.ftag | cpu.ftop) !== 0) MMX_RUNTIME.enter(cpu);
  return {
    x0: getMm(cpu, 0),
    x1: getMm(cpu, 1),
    rax: BigInt.asUintN(64, cpu.getBig(0)),
    tw: BigInt(tw),
    top,
  };
}

vectorTests("MMX", VECTORS, 10000, (r, v) => runVector(r, v, 64, setup(v), read));

dataFreeTest("MMX", VECTORS, 64, 300);

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
