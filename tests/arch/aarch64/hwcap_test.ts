/**
 * AT_HWCAP/AT_HWCAP2 agree with the ID registers an EL0 program reads with MRS (Linux's
 * HWCAP_CPUID emulation), and both describe only what the A64 backend implements.
 *
 * The field-to-hwcap mapping is Linux's (arch/arm64/kernel/cpufeature.c, arm64_elf_hwcaps;
 * bit numbers from arch/arm64/include/uapi/asm/hwcap.h); the ID register layouts are the
 * Arm ARM's. Every advertised feature's instructions must also decode to an emitter.
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_X } from "../../../src/memory/address_space.ts";
import { Engine } from "../../../src/engine/dispatcher.ts";
import { T_BREAK, T_ILLEGAL } from "../../../src/engine/trap.ts";
import { makeBaseRuntime } from "../../../src/engine/runtime.ts";
import { A64Cpu } from "../../../src/arch/aarch64/cpu.ts";
import { decode } from "../../../src/arch/aarch64/decode.ts";
import { aarch64Backend, SEMANTICS } from "../../../src/arch/aarch64/lift.ts";
import { A64_RUNTIME } from "../../../src/arch/aarch64/runtime.ts";
import { aarch64Linux } from "../../../src/os/linux/abi_aarch64.ts";

const CODE = 0x10000;
const BRK = 0xd4200000;

/** Run `mrs x0, <op0.op1.CRn.CRm.op2>` for real: the value, or null when it traps as illegal. */
function mrs(op1: number, crn: number, crm: number, op2: number): bigint | null {
  const mem = new AddressSpace({ maxMemory: 1 << 20, windowHi: 0 });
  assert.equal(mem.mapFixed(mem.base + CODE, 0x1000, PF_R | PF_X), 0);
  const w = (0xd5380000 | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5)) >>> 0;
  mem.dv.setUint32(CODE, w, true);
  mem.dv.setUint32(CODE + 4, BRK, true);
  const cpu = new A64Cpu(mem.dv, mem.u8, mem.pf);
  const rt = Object.assign({}, makeBaseRuntime(mem), A64_RUNTIME);
  const engine = new Engine(aarch64Backend, mem, cpu, rt, { mode: "jit" });
  cpu.set(0, -1);
  cpu.pc = mem.base + CODE;
  const code = engine.run(100);
  if (code === T_ILLEGAL) return null;
  assert.equal(code, T_BREAK);
  return cpu.getBig(0);
}

const ID = {
  pfr0: () => mrs(0, 0, 4, 0),
  pfr1: () => mrs(0, 0, 4, 1),
  isar0: () => mrs(0, 0, 6, 0),
  isar1: () => mrs(0, 0, 6, 1),
  mmfr2: () => mrs(0, 0, 7, 2),
};
type Reg = keyof typeof ID;

/** [hwcap word (1 or 2), bit, register, field shift, minimum value, signed field]. */
const MAP: [number, number, Reg, number, number, boolean][] = [
  [1, 0, "pfr0", 16, 0, true], // FP
  [1, 1, "pfr0", 20, 0, true], // ASIMD
  [1, 3, "isar0", 4, 1, false], // AES
  [1, 4, "isar0", 4, 2, false], // PMULL
  [1, 5, "isar0", 8, 1, false], // SHA1
  [1, 6, "isar0", 12, 1, false], // SHA2
  [1, 7, "isar0", 16, 1, false], // CRC32
  [1, 8, "isar0", 20, 2, false], // ATOMICS
  [1, 9, "pfr0", 16, 1, true], // FPHP
  [1, 10, "pfr0", 20, 1, true], // ASIMDHP
  [1, 12, "isar0", 28, 1, false], // ASIMDRDM
  [1, 13, "isar1", 12, 1, false], // JSCVT
  [1, 14, "isar1", 16, 1, false], // FCMA
  [1, 15, "isar1", 20, 1, false], // LRCPC
  [1, 16, "isar1", 0, 1, false], // DCPOP
  [1, 17, "isar0", 32, 1, false], // SHA3
  [1, 18, "isar0", 36, 1, false], // SM3
  [1, 19, "isar0", 40, 1, false], // SM4
  [1, 20, "isar0", 44, 1, false], // ASIMDDP
  [1, 21, "isar0", 12, 2, false], // SHA512
  [1, 22, "pfr0", 32, 1, false], // SVE
  [1, 23, "isar0", 48, 1, false], // ASIMDFHM
  [1, 24, "pfr0", 48, 1, false], // DIT
  [1, 25, "mmfr2", 32, 1, false], // USCAT
  [1, 26, "isar1", 20, 2, false], // ILRCPC
  [1, 27, "isar0", 52, 1, false], // FLAGM
  [1, 28, "pfr1", 4, 2, false], // SSBS
  [1, 29, "isar1", 36, 1, false], // SB
  [1, 30, "isar1", 8, 1, false], // PACA (API)
  [1, 31, "isar1", 28, 1, false], // PACG (GPI)
  [2, 0, "isar1", 0, 2, false], // DCPODP
  [2, 3, "isar0", 52, 2, false], // FLAGM2
  [2, 7, "isar1", 32, 1, false], // FRINT
  [2, 13, "isar1", 52, 1, false], // I8MM
  [2, 14, "isar1", 44, 1, false], // BF16
  [2, 15, "isar1", 48, 1, false], // DGH
  [2, 16, "isar0", 60, 1, false], // RNG
  [2, 17, "pfr1", 0, 1, false], // BTI
  [2, 18, "pfr1", 8, 2, false], // MTE
];

Deno.test("aarch64 HWCAP bits are exactly what the ID registers report", () => {
  const regs = Object.fromEntries(
    Object.entries(ID).map(([k, f]) => [k, f()]),
  ) as Record<Reg, bigint | null>;
  for (const [k, v] of Object.entries(regs)) assert.notEqual(v, null, `mrs ${k} traps`);
  let want1 = 0, want2 = 0;
  for (const [word, bit, reg, shift, min, signed] of MAP) {
    let f = Number((regs[reg]! >> BigInt(shift)) & 15n);
    if (signed && f >= 8) f -= 16;
    if (f >= min) {
      if (word === 1) want1 |= 1 << bit;
      else want2 |= 1 << bit;
    }
  }
  // HWCAP_CPUID: MRS of the ID registers is emulated (checked above, and MIDR below).
  want1 |= 1 << 11;
  assert.equal((aarch64Linux.hwcap >>> 0).toString(2), (want1 >>> 0).toString(2));
  assert.equal(aarch64Linux.hwcap2.toString(2), want2.toString(2));
});

Deno.test("aarch64 EL0 ID register reads follow Linux's emulation", () => {
  assert.equal(mrs(0, 0, 0, 0), 0n); // MIDR_EL1
  assert.equal(mrs(0, 0, 0, 5), 0x80000000n); // MPIDR_EL1: SYS_MPIDR_SAFE_VAL
  assert.equal(mrs(0, 0, 0, 6), 0n); // REVIDR_EL1
  assert.equal(mrs(0, 0, 0, 1), null); // CTR_EL0 lives at op1=3; op1=0 CRm=0 op2=1 is not emulated
  assert.equal(mrs(0, 0, 2, 0), 0n); // ID_ISAR0_EL1 (AArch32): reads as zero
  assert.equal(mrs(0, 0, 7, 7), 0n); // reserved: reads as zero
  assert.equal(mrs(0, 0, 4, 0), 0x11n); // PFR0: EL0/EL1 AArch64 only, FP and AdvSIMD
});

Deno.test("aarch64 every advertised feature's instructions decode to an emitter", () => {
  const words: [string, number][] = [
    ["crc32cx w0, w1, x2", 0x9ac25c20],
    ["ldaddal x2, x0, [x1]", 0xf8e20020],
    ["casal x2, x3, [x1]", 0xc8e2fc23],
    ["casp x2, x3, x4, x5, [x1]", 0x48227c24],
    ["caspal w2, w3, w4, w5, [x1]", 0x0862fc24],
    ["swpalb w0, w1, [x2]", 0x38e08041],
    ["ldaprb w0, [x1]", 0x38bfc020],
    ["ldapr x0, [x1]", 0xf8bfc020],
    ["dc cvap, x0", 0xd50b7c20],
    ["mrs x0, id_aa64isar0_el1", 0xd5380600],
  ];
  for (const [text, w] of words) {
    const i = decode(w);
    assert.ok(i && SEMANTICS[i.op], text);
  }
});
