/**
 * SSE3/SSE4 in real programs: sse4_guest.c built with the host gcc and static glibc twice,
 * at the baseline (glibc's ifunc selectors pick their SSE4.2/SSE4.1/SSSE3 string functions
 * from our CPUID, e.g. strcspn/strspn/strpbrk with pcmpistri) and with -march=x86-64-v2
 * (GCC itself emits roundsd/roundss, pmulld, pminsd, pcmpgtq, popcnt, crc32, fisttp), run
 * under kitemu in JIT and interpreter mode and compared with running them natively.
 * Also checks the CPUID feature bits that drive those selectors.
 * @module
 */

import assert from "node:assert/strict";
import {
  compareRuns,
  type KitemuMode,
  requireCli,
  runKitemu,
  runNative,
  TESTDATA,
} from "../../helpers.ts";
import { AddressSpace } from "../../../src/memory/address_space.ts";
import { X86Cpu } from "../../../src/arch/x86_64/cpu.ts";
import { makeX86Runtime } from "../../../src/arch/x86_64/runtime.ts";

const SRC = new URL("./sse4_guest.c", import.meta.url).pathname;
const OUT = `${TESTDATA}/build/x86_64-sse4`;
const BUILDS: [string, string[]][] = [
  ["baseline", ["-O2"]],
  ["x86-64-v2", ["-O3", "-march=x86-64-v2"]],
];

/** Build sse4_guest.c where missing or stale; returns the error text, or "". */
function build(name: string, flags: string[]): string {
  Deno.mkdirSync(OUT, { recursive: true });
  const out = `${OUT}/${name}`;
  try {
    if (Deno.statSync(out).mtime! >= Deno.statSync(SRC).mtime!) return "";
  } catch { /* missing */ }
  const r = new Deno.Command("gcc", { args: [...flags, "-static", "-o", out, SRC, "-lm"] })
    .outputSync();
  return r.success ? "" : new TextDecoder().decode(r.stderr);
}

/** Whether this host runs SSE4.2 natively (the reference runs need it). */
function hostHasSse42(): boolean {
  try {
    return /\bsse4_2\b/.test(Deno.readTextFileSync("/proc/cpuinfo"));
  } catch {
    return false;
  }
}

Deno.test("x86-64 CPUID leaf 1 and 0x80000001 advertise exactly what is implemented", () => {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  const cpu = new X86Cpu(mem.dv, mem.u8, mem.pf);
  const rt = makeX86Runtime(mem);
  cpu.x[0] = 1;
  cpu.x[2] = 0;
  rt.cpuid(cpu);
  const ecx = cpu.x[2] >>> 0, edx = cpu.x[4] >>> 0;
  // SSE3 0, SSSE3 9, CX16 13, SSE4.1 19, SSE4.2 20, MOVBE 22, POPCNT 23 (Intel SDM,
  // CPUID.01H:ECX).
  assert.equal(
    ecx.toString(16),
    ((1 | 1 << 9 | 1 << 13 | 1 << 19 | 1 << 20 | 1 << 22 | 1 << 23) >>> 0).toString(16),
  );
  // FPU 0, TSC 4, CX8 8, CMOV 15, CLFSH 19, MMX 23, FXSR 24, SSE 25, SSE2 26.
  const d = 1 | 1 << 4 | 1 << 8 | 1 << 15 | 1 << 19 | 1 << 23 | 1 << 24 | 1 << 25 | 1 << 26;
  assert.equal(edx.toString(16), (d >>> 0).toString(16));
  cpu.x[0] = 7;
  rt.cpuid(cpu);
  assert.deepEqual([cpu.x[0], cpu.x[6], cpu.x[2], cpu.x[4]], [0, 0, 0, 0], "no leaf 7 features");
  cpu.x[0] = 0x80000001 | 0;
  rt.cpuid(cpu);
  // LAHF/SAHF 0, LZCNT 5; SYSCALL 11, NX 20, RDTSCP 27, LM 29.
  assert.equal(cpu.x[2] >>> 0, 1 | 1 << 5);
  assert.equal(cpu.x[4] >>> 0, (1 << 11 | 1 << 20 | 1 << 27 | 1 << 29) >>> 0);
});

for (const [name, flags] of BUILDS) {
  Deno.test(`x86-64 SSE4 guest (${name}) matches native`, async () => {
    requireCli();
    if (!hostHasSse42()) throw new Error("this test needs an x86-64 host with SSE4.2");
    const err = build(name, flags);
    assert.equal(err, "", `gcc failed: ${err}`);
    const program = `${OUT}/${name}`;
    const modes: KitemuMode[] = ["jit", "interp"];
    const [ref, ...runs] = await Promise.all([
      runNative([program]),
      ...modes.map((mode) => runKitemu([program], { mode })),
    ]);
    assert.equal(ref.code, 0, "native exit status");
    assert.match(new TextDecoder().decode(ref.stdout), /crc32c [0-9a-f]{8} [0-9a-f]{8}\n/);
    const problems: string[] = [];
    runs.forEach((r, i) => problems.push(...compareRuns(modes[i], ref, r)));
    assert.ok(problems.length === 0, `${name} differs from native:\n${problems.join("\n")}`);
  });
}
