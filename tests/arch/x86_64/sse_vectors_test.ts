/**
 * x86-64 SSE/SSE2 instruction vectors, run through the engine in both modes.
 *
 * The expected values come from testdata/vectors/x86_64/sse/sse_vectors.txt, produced by
 * gen_sse.c running every instruction natively on this x86-64 host (regenerate with gen.sh
 * there): xmm0, xmm1, rax, MXCSR (rounding mode and exception flags), the status flags and a
 * 16-byte buffer at rsi, before and after.
 */

import { FL, FOP, type X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { flags } from "../../../src/arch/x86_64/runtime.ts";
import {
  D_OFF,
  getXmm,
  loadVectors,
  runVector,
  setXmm,
  type Vector,
  vectorTests,
} from "./vector_harness.ts";

const VECTORS = loadVectors(
  new URL("../../../testdata/vectors/x86_64/sse/sse_vectors.txt", import.meta.url),
);

function setup(v: Vector): (cpu: X86Cpu) => void {
  return (cpu) => {
    setXmm(cpu, 0, v.inp.get("x0")!);
    setXmm(cpu, 1, v.inp.get("x1")!);
    cpu.setBig(0, v.inp.get("rax")!);
    cpu.setBig(6, BigInt(D_OFF));
    cpu.mxcsr = Number(v.inp.get("mx")!);
    cpu.x[FOP] = 0;
    cpu.x[FL] = Number(v.inp.get("fl")!);
  };
}

function read(cpu: X86Cpu): Record<string, bigint> {
  const x = cpu.x;
  return {
    x0: getXmm(cpu, 0),
    x1: getXmm(cpu, 1),
    rax: BigInt.asUintN(64, cpu.getBig(0)),
    mx: BigInt(cpu.mxcsr),
    fl: BigInt(flags(x[FOP], x[33], x[34], x[35], x[36], x[37], x[38], x[FL]) & 0x8d5),
  };
}

vectorTests("SSE", VECTORS, 4000, (r, v) => runVector(r, v, 32, setup(v), read));
