/**
 * Engine tests over the RISC-V 64 backend: the generated source is data-free, `num()`
 * guards it, stores invalidate translated code, faults/illegal instructions/budget leave
 * the right state, and the committed freestanding programs behave as under qemu-riscv64.
 *
 * Instruction encodings below are built with the field layouts of the RISC-V manual
 * (checked against objdump-produced encodings in the first test).
 */

import assert from "node:assert/strict";
import { AddressSpace, PF_R, PF_W, PF_X } from "../../src/memory/address_space.ts";
import { Engine, type EngineMode } from "../../src/engine/dispatcher.ts";
import {
  type CompileOptions,
  compileRegion,
  compileTier0,
  type TemplateFn,
} from "../../src/engine/compile.ts";
import { Emitter, num } from "../../src/engine/emitter.ts";
import {
  T_BREAK,
  T_BUDGET,
  T_FAULT,
  T_FLUSH,
  T_ILLEGAL,
  T_SYSCALL,
  TRAP_NAMES,
} from "../../src/engine/trap.ts";
import { RvCpu } from "../../src/arch/riscv64/cpu.ts";
import type { RvInsn } from "../../src/arch/riscv64/decode.ts";
import { parseElf } from "../../src/loader/elf.ts";
import type { Image } from "../../src/loader/image.ts";
import { BACKEND, makeRuntime } from "../../testdata/vectors/riscv64/int/harness.ts";

const MODES: EngineMode[] = ["jit", "interp"];
const FREESTANDING = new URL("../../testdata/freestanding/", import.meta.url);
const INT_VECTORS = new URL(
  "../../testdata/vectors/riscv64/int/int_vectors.txt",
  import.meta.url,
);
const DECODE_VECTORS = new URL(
  "../../testdata/vectors/riscv64/decode_vectors.txt",
  import.meta.url,
);

// ---- encoders (RISC-V manual, chapter "RV32I Base Integer Instruction Set") ----------

const A0 = 10, A1 = 11, A2 = 12;

function encI(op: number, rd: number, f3: number, rs1: number, imm: number): number {
  return (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
}
function encS(f3: number, rs1: number, rs2: number, imm: number): number {
  return ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    ((imm & 31) << 7) | 0x23) >>> 0;
}
function encJ(rd: number, imm: number): number {
  return ((((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20) |
    (((imm >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;
}
function encB(f3: number, rs1: number, rs2: number, imm: number): number {
  const b12 = (imm >> 12) & 1,
    b11 = (imm >> 11) & 1,
    b10_5 = (imm >> 5) & 63,
    b4_1 = (imm >> 1) & 15;
  return (b12 << 31) | (b10_5 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (b4_1 << 8) |
    (b11 << 7) | 0x63;
}
const addi = (rd: number, rs1: number, imm: number) => encI(0x13, rd, 0, rs1, imm);
const ld = (rd: number, rs1: number, imm: number) => encI(0x03, rd, 3, rs1, imm);
const sw = (rs2: number, rs1: number, imm: number) => encS(2, rs1, rs2, imm);
const jal = (rd: number, imm: number) => encJ(rd, imm);
const jalr = (rd: number, rs1: number, imm: number) => encI(0x67, rd, 0, rs1, imm);
const csrrs = (rd: number, csr: number, rs1: number) => encI(0x73, rd, 2, rs1, csr);
const csrrw = (rd: number, csr: number, rs1: number) => encI(0x73, rd, 1, rs1, csr);
const EBREAK = 0x00100073;
const ECALL = 0x00000073;
const FENCE_I = 0x0000100f;

// ---- helpers -------------------------------------------------------------------------

interface Machine {
  mem: AddressSpace;
  cpu: RvCpu;
  engine: Engine<RvInsn>;
}

function machine(mode: EngineMode, mem = new AddressSpace({ maxMemory: 64 << 20 })): Machine {
  const cpu = new RvCpu(mem.dv, mem.u8, mem.pf);
  const engine = new Engine(BACKEND, mem, cpu, makeRuntime(mem), { mode });
  return { mem, cpu, engine };
}

/** Write 32-bit words at `addr` straight into the buffer (no permission check). */
function poke(mem: AddressSpace, addr: number, words: number[]): void {
  words.forEach((w, i) => mem.dv.setUint32(addr - mem.base + 4 * i, w >>> 0, true));
}

function trapName(code: number): string {
  return TRAP_NAMES[code] ?? String(code);
}

/** Map an image's segments page by page with the union of the protections sharing a page. */
function mapImage(mem: AddressSpace, img: Image): void {
  const prot = new Map<number, number>();
  for (const s of img.segments) {
    for (let p = Math.floor(s.vaddr / 4096); p * 4096 < s.vaddr + s.memsz; p++) {
      prot.set(p, (prot.get(p) ?? 0) | s.prot);
    }
  }
  for (const [p, f] of prot) assert.equal(mem.mapFixed(p * 4096, 4096, f), 0);
  for (const s of img.segments) mem.u8.set(s.data, s.vaddr - mem.base);
}

function freestandingNames(): string[] {
  return [...Deno.readDirSync(FREESTANDING)]
    .filter((e) => e.name.endsWith(".riscv64"))
    .map((e) => e.name)
    .sort();
}

// ---- (a) generated code is data-free -------------------------------------------------

/** Names generated code may use on its own (derived from emitter.ts and the semantics). */
const FREE_NAME = /^(x\d+|t\d+|s|rt|X|dv|pf|F|F32|FI|pc|npc|bud|code|exit|Math|k)$/;
const KEYWORDS = new Set([
  "const",
  "let",
  "if",
  "else",
  "for",
  "switch",
  "case",
  "default",
  "break",
  "continue",
  "return",
  "true",
  "false",
]);

function memberNames(): Map<string, Set<string>> {
  const mem = new AddressSpace({ maxMemory: 1 << 20 });
  const cpu = new RvCpu(mem.dv, mem.u8, mem.pf);
  const dvMethods = Object.getOwnPropertyNames(DataView.prototype).filter((n) =>
    /^(get|set)(Int|Uint|Float)\d+$/.test(n)
  );
  return new Map([
    ["s", new Set(Object.keys(cpu))],
    ["rt", new Set(Object.keys(makeRuntime(mem) as Record<string, unknown>))],
    ["dv", new Set(dvMethods)],
    ["Math", new Set(Object.getOwnPropertyNames(Math))],
  ]);
}
const MEMBERS = memberNames();

/** Every way `source` breaks the data-free rules (empty when it is clean). */
function sourceProblems(source: string): string[] {
  const problems: string[] = [];
  const head = `"use strict";\n`;
  if (!source.startsWith(head)) problems.push("does not start with the use strict directive");
  const body = source.startsWith(head) ? source.slice(head.length) : source;
  for (const q of ['"', "'", "`", "\\", "//", "/*"]) {
    if (body.includes(q)) problems.push(`contains ${q}`);
  }
  const tokens = body.match(/[A-Za-z_$][\w$]*|\d[\w.]*|\S/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (/^\d/.test(t)) {
      if (!/^\d+$/.test(t)) problems.push(`number literal ${t}`);
      continue;
    }
    if (!/^[A-Za-z_$]/.test(t)) continue;
    if (tokens[i - 1] === ".") {
      const obj = tokens[i - 2];
      if (!MEMBERS.get(obj)?.has(t)) problems.push(`member ${obj}.${t}`);
      continue;
    }
    if (!FREE_NAME.test(t) && !KEYWORDS.has(t)) problems.push(`identifier ${t}`);
  }
  return [...new Set(problems)];
}

const REGION: CompileOptions = { single: false, maxBlockInsns: 200, maxBlocks: 64 };
const SINGLE: CompileOptions = { single: true, maxBlockInsns: 1, maxBlocks: 1 };

function checkRegion(mem: AddressSpace, pc: number, opts: CompileOptions, what: string): number {
  const r = compileRegion(BACKEND, mem, pc, opts);
  if (!r) return 0;
  const p = sourceProblems(r.source);
  assert.deepEqual(p, [], `${what} at 0x${pc.toString(16)}: ${p.join(", ")}\n${r.source}`);
  return 1;
}

Deno.test("engine: the source checker catches quotes, stray names and members", () => {
  const ok = `"use strict";\nconst X = s.x, dv = s.dv, pf = s.pf;\nlet x2 = X[2];\n` +
    `x2 = (dv.getInt32(x2, true) + rt.mul(1, 2, 3, 4) + Math.imul(x2, 3)) | 0;\nreturn code;`;
  assert.deepEqual(sourceProblems(ok), []);
  assert.notDeepEqual(sourceProblems(ok.replace("x2 = X[2]", "x2 = 'a'")), []);
  assert.notDeepEqual(sourceProblems(ok.replace("x2 = X[2]", "x2 = eval(1)")), []);
  assert.notDeepEqual(sourceProblems(ok.replace("x2 = X[2]", "x2 = s.constructor")), []);
  assert.notDeepEqual(sourceProblems(ok.replace("x2 = X[2]", "x2 = 1.5")), []);
  assert.notDeepEqual(sourceProblems(ok.replace("x2 = X[2]", "x2 = `x`")), []);
});

Deno.test("engine: regions compiled from the freestanding binaries are data-free", () => {
  let regions = 0;
  for (const name of freestandingNames()) {
    const img = parseElf(Deno.readFileSync(new URL(name, FREESTANDING)));
    const mem = new AddressSpace({ maxMemory: 64 << 20 });
    mapImage(mem, img);
    for (const s of img.segments) {
      if (!(s.prot & PF_X)) continue;
      // Linear sweep: every instruction start is a possible region entry.
      for (let pc = s.vaddr; pc < s.vaddr + s.filesz;) {
        regions += checkRegion(mem, pc, REGION, name);
        regions += checkRegion(mem, pc, SINGLE, name);
        pc += (mem.u8[pc - mem.base] & 3) === 3 ? 4 : 2;
      }
    }
  }
  assert.ok(regions > 1000, `only ${regions} regions`);
});

/** One encoding of every vector name in int_vectors.txt (every integer instruction class). */
function everyIntEncoding(): number[][] {
  const seen = new Map<string, number[]>();
  for (const line of Deno.readTextFileSync(INT_VECTORS).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [name, code] = line.split(" ");
    if (!seen.has(name + code)) seen.set(name + code, code.split(",").map((h) => parseInt(h, 16)));
  }
  return [...seen.values()];
}

Deno.test("engine: regions holding every instruction class are data-free", () => {
  const mem = new AddressSpace({ maxMemory: 64 << 20 });
  const base = 0x10000, size = 0x40000;
  assert.equal(mem.mapFixed(base, size, PF_R | PF_X), 0);
  // Every distinct integer encoding of the vectors, back to back.
  let at = base;
  const starts: number[] = [];
  for (const seq of everyIntEncoding()) {
    for (const w of seq) {
      starts.push(at);
      if ((w & 3) === 3) {
        mem.dv.setUint32(at, w >>> 0, true);
        at += 4;
      } else {
        mem.dv.setUint16(at, w, true);
        at += 2;
      }
    }
  }
  const intEnd = at;
  // And every encoding objdump knows from the decoder vectors (FP too, when lift.ts loads).
  for (const line of Deno.readTextFileSync(DECODE_VECTORS).split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const hex = line.split(" ")[1];
    if (at + 4 > base + size) break;
    starts.push(at);
    if (hex.length === 8) {
      mem.dv.setUint32(at, parseInt(hex, 16) >>> 0, true);
      at += 4;
    } else {
      mem.dv.setUint16(at, parseInt(hex, 16), true);
      at += 2;
    }
  }
  let n = 0;
  // Tier-0 templates of every instruction (one block per start).
  const templates = new Map<string, TemplateFn>();
  const oneInsn: CompileOptions = { single: false, maxBlockInsns: 1, maxBlocks: 1 };
  for (const pc of starts) compileTier0(BACKEND, mem, pc, oneInsn, templates);
  assert.ok(templates.size > 100, `only ${templates.size} templates`);
  for (const fn of templates.values()) {
    // The source new Function compiled: the body of `function anonymous(s,rt,k\n) {…}`.
    const text = fn.toString();
    const source = text.slice(text.indexOf(") {\n") + 4, text.lastIndexOf("\n}"));
    const p = sourceProblems(source);
    assert.deepEqual(p, [], `template: ${p.join(", ")}\n${source}`);
  }
  starts.forEach((pc, i) => {
    n += checkRegion(mem, pc, SINGLE, "single");
    // Regions are long (up to 64 blocks): entering at every 64th instruction covers all.
    if (pc < intEnd && i % 64 === 0) n += checkRegion(mem, pc, REGION, "region");
  });
  assert.ok(n > starts.length, `only ${n} regions`);
});

// ---- (b) num() -----------------------------------------------------------------------

Deno.test("engine: num() formats integers and throws on anything else", () => {
  assert.equal(num(0), "0");
  assert.equal(num(4294967296), "4294967296");
  assert.equal(num(-5), "(-5)");
  for (const bad of [1.5, -0.25, NaN, Infinity, -Infinity, 2 ** 51 + 0.5]) {
    assert.throws(() => num(bad), TypeError, `num(${bad})`);
  }
  assert.throws(() => num("1; evil()" as unknown as number), TypeError);
  const e = new Emitter(0, new Set());
  assert.throws(() => e.num(0.5), TypeError);
  assert.throws(() => e.access("x2", "x3", 4096, 4, false), RangeError);
});

// ---- (c) self-modifying code ---------------------------------------------------------

for (const mode of MODES) {
  Deno.test(`engine (${mode}): a guest store over translated code drops it`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_W | PF_X), 0);
    assert.equal(mem.mapFixed(0x11000, 0x1000, PF_R | PF_X), 0);
    poke(mem, 0x10000, [addi(A0, A0, 1), EBREAK]);
    poke(mem, 0x11000, [sw(A2, A1, 0), EBREAK]);
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(cpu.get(A0), 1);
    const dropped = engine.cache.dropped;
    // Another page stores `addi a0, a0, 100` over the executed instruction.
    cpu.set(A1, 0x10000);
    cpu.set(A2, addi(A0, A0, 100));
    cpu.pc = 0x11000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(mem.readU32(0x10000), addi(A0, A0, 100));
    assert.ok(engine.cache.dropped > dropped, "no translated code was dropped");
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(cpu.get(A0), 101);
  });

  Deno.test(`engine (${mode}): store + fence.i in the same page, then jump back`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_W | PF_X), 0);
    poke(mem, 0x10000, [
      addi(A0, A0, 1), // 0x10000: the instruction that gets patched
      EBREAK, //          0x10004
      sw(A2, A1, 0), //   0x10008
      FENCE_I, //         0x1000c
      jal(0, -16), //     0x10010: j 0x10000
    ]);
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(cpu.get(A0), 1);
    for (const [imm, want] of [[100, 101], [-7, 94], [2047, 2141]]) {
      cpu.set(A1, 0x10000);
      cpu.set(A2, addi(A0, A0, imm));
      cpu.pc = 0x10008;
      let code = engine.run(100);
      assert.equal(trapName(code), "flush");
      assert.equal(cpu.pc, 0x10010);
      engine.flush();
      code = engine.run(100);
      assert.equal(trapName(code), "break");
      assert.equal(cpu.trapPc, 0x10004);
      assert.equal(cpu.get(A0), want);
    }
  });

  Deno.test(`engine (${mode}): a host write through AddressSpace drops translated code`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_W | PF_X), 0);
    poke(mem, 0x10000, [addi(A0, 0, 5), EBREAK]);
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(cpu.get(A0), 5);
    mem.writeU32(0x10000, addi(A0, 0, -9));
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(cpu.get(A0), -9);
    // Reprotecting and remapping drop code too.
    assert.equal(mem.mprotect(0x10000, 0x1000, PF_R | PF_X), 0);
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "break");
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0); // zero-filled: illegal
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "illegal");
  });
}

// ---- (d) fetch faults and data faults -------------------------------------------------

for (const mode of MODES) {
  Deno.test(`engine (${mode}): fetching from a non-executable page faults`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
    assert.equal(mem.mapFixed(0x20000, 0x1000, PF_R | PF_W), 0);
    poke(mem, 0x20000, [addi(A0, A0, 1), EBREAK]);
    // Entering a data page directly.
    cpu.pc = 0x20000;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.faultAddr, 0x20000);
    assert.equal(cpu.faultAccess, PF_X);
    assert.equal(cpu.get(A0), 0);
    // Jumping there from code: jalr x0, 0(a1).
    poke(mem, 0x10000, [addi(A0, A0, 3), jalr(0, A1, 0)]);
    cpu.set(A1, 0x20010);
    cpu.pc = 0x10000;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.faultAddr, 0x20010);
    assert.equal(cpu.pc, 0x20010);
    assert.equal(cpu.get(A0), 3);
    // An unmapped page.
    cpu.pc = 0x50000;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.faultAddr, 0x50000);
    // A jump to the top of the 64-bit space: pc and the fault address stay unsigned.
    cpu.setBig(A1, 0xffff_ffff_0000_0000n);
    cpu.pc = 0x10004;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.pc, 2 ** 64 - 2 ** 32);
    assert.equal(cpu.faultAddr, 2 ** 64 - 2 ** 32);
  });

  Deno.test(`engine (${mode}): a page-straddling fetch fault reports the second page`, () => {
    // An instruction that straddles into a non-executable page faults at the start of that
    // page (the privileged spec: stval holds the portion of the instruction that faulted,
    // and Linux passes it on as si_addr), while pc stays at the instruction.
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x1f000, 0x1000, PF_R | PF_X), 0);
    assert.equal(mem.mapFixed(0x20000, 0x1000, PF_R | PF_W), 0);
    mem.dv.setUint16(0x1fffa, 0x0505, true); // c.addi a0, 1
    mem.dv.setUint16(0x1fffc, 0x0505, true); // c.addi a0, 1
    mem.dv.setUint16(0x1fffe, 0x0513, true); // low half of a 32-bit addi
    // Reached by falling through from the instructions before it.
    cpu.pc = 0x1fffa;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.pc, 0x1fffe);
    assert.equal(cpu.get(A0), 2);
    assert.equal(cpu.faultAddr, 0x20000, "fault address after falling through");
    // Entered directly.
    cpu.pc = 0x1fffe;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.pc, 0x1fffe);
    assert.equal(cpu.faultAddr, 0x20000, "fault address when entered directly");
  });

  Deno.test(`engine (${mode}): loads and stores outside the mapping fault precisely`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
    assert.equal(mem.mapFixed(0x30000, 0x1000, PF_R), 0);
    poke(mem, 0x10000, [addi(A0, A0, 1), ld(A2, A1, 8), addi(A0, A0, 1), EBREAK]);
    for (const [base, access] of [[0x50000, PF_R], [0x1_0000_2000, PF_R], [0x30ffc, PF_R]]) {
      cpu.set(A0, 0);
      cpu.set(A1, base);
      cpu.pc = 0x10000;
      assert.equal(trapName(engine.run(100)), "fault", `ld at 0x${base.toString(16)}`);
      assert.equal(cpu.pc, 0x10004);
      assert.equal(cpu.faultAddr, base + 8);
      assert.equal(cpu.faultAccess, access);
      assert.equal(cpu.get(A0), 1);
    }
    poke(mem, 0x10100, [sw(A2, A1, -4), EBREAK]);
    cpu.set(A1, 0x30004);
    cpu.pc = 0x10100;
    assert.equal(trapName(engine.run(100)), "fault");
    assert.equal(cpu.pc, 0x10100);
    assert.equal(cpu.faultAddr, 0x30000);
    assert.equal(cpu.faultAccess, PF_W);
  });
}

// ---- (e) undecodable instructions ----------------------------------------------------

for (const mode of MODES) {
  Deno.test(`engine (${mode}): an undecodable instruction traps at its own pc`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
    const cases: [string, number][] = [
      ["all zeros", 0x00000000],
      ["all ones", 0xffffffff],
      ["csrr a0, mstatus", csrrs(A0, 0x300, 0)],
      ["csrw cycle, a1", csrrw(0, 0xc00, A1)],
      ["mret", 0x30200073],
    ];
    for (const [what, word] of cases) {
      poke(mem, 0x10000, [addi(A0, 0, 7), word, EBREAK]);
      mem.noteWrite(0x10000, 12);
      cpu.set(A0, 0);
      cpu.pc = 0x10000;
      assert.equal(trapName(engine.run(100)), "illegal", what);
      assert.equal(cpu.pc, 0x10004, what);
      assert.equal(cpu.get(A0), 7, what);
      // Entering at the instruction itself.
      cpu.pc = 0x10004;
      assert.equal(trapName(engine.run(100)), "illegal", what);
      assert.equal(cpu.pc, 0x10004, what);
    }
  });

  Deno.test(`engine (${mode}): ecall and ebreak trap after themselves`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
    poke(mem, 0x10000, [addi(17, 0, 93), ECALL, EBREAK]);
    cpu.pc = 0x10000;
    assert.equal(engine.run(100), T_SYSCALL);
    assert.equal(cpu.trapPc, 0x10004);
    assert.equal(cpu.pc, 0x10008);
    assert.equal(cpu.get(17), 93);
    assert.equal(engine.run(100), T_BREAK);
    assert.equal(cpu.trapPc, 0x10008);
    assert.equal(cpu.pc, 0x1000c);
  });
}

// ---- (f) the budget ------------------------------------------------------------------

for (const mode of MODES) {
  Deno.test(`engine (${mode}): an infinite loop returns T_BUDGET with the budget spent`, () => {
    const { mem, cpu, engine } = machine(mode);
    assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
    poke(mem, 0x10000, [jal(0, 0)]); // j .
    cpu.pc = 0x10000;
    assert.equal(engine.run(1000), T_BUDGET);
    assert.equal(cpu.budget, 0);
    assert.equal(cpu.retired, 1000);
    assert.equal(cpu.pc, 0x10000);
    assert.equal(engine.run(1), T_BUDGET);
    assert.equal(cpu.retired, 1001);
    assert.equal(engine.run(0), T_BUDGET);
    assert.equal(cpu.retired, 1001);

    // A three-instruction loop: a0 += 1; a1 += 1; j back.
    poke(mem, 0x10100, [addi(A0, A0, 1), addi(A1, A1, 1), jal(0, -8)]);
    cpu.set(A0, 0);
    cpu.set(A1, 0);
    cpu.retired = 0;
    cpu.pc = 0x10100;
    for (const budget of [1000, 1000, 7, 1]) {
      const before = cpu.retired;
      assert.equal(engine.run(budget), T_BUDGET);
      assert.ok(cpu.budget >= 0 && cpu.budget < 3, `budget left ${cpu.budget}`);
      assert.equal(cpu.retired - before, budget - cpu.budget);
      // Every retired instruction is one of the three: a0 and a1 count theirs, and the
      // jumps number a1, less one when the jump is the next instruction to run.
      const jumps = cpu.get(A1) - (cpu.pc === 0x10108 ? 1 : 0);
      assert.equal(cpu.get(A0) + cpu.get(A1) + jumps, cpu.retired);
      assert.ok([0x10100, 0x10104, 0x10108].includes(cpu.pc), `pc 0x${cpu.pc.toString(16)}`);
    }
    assert.ok(cpu.retired > 1900);
  });
}

// ---- (g) tier 0: shared instruction templates -----------------------------------------

Deno.test("engine (jit): tier 0 shares one template between instructions of one shape", () => {
  const { mem, cpu, engine } = machine("jit");
  assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
  // Four addi with different registers and immediates, then ebreak.
  poke(mem, 0x10000, [
    addi(A0, A0, 5),
    addi(A1, A0, 7),
    addi(A2, A1, 1000),
    addi(A0, A2, 3),
    EBREAK,
  ]);
  cpu.set(A0, 10);
  cpu.pc = 0x10000;
  assert.equal(trapName(engine.run(100)), "break");
  // a0 = 10 + 5 = 15; a1 = 22; a2 = 1022; a0 = 1025.
  assert.equal(cpu.get(A0), 1025);
  assert.equal(cpu.get(A1), 22);
  assert.equal(cpu.get(A2), 1022);
  assert.equal(engine.cache.get(0x10000)?.tier, 0);
  // The four addi share one template, addi a0, a0 (rd == rs1) too: each register operand
  // reads its own constant. ebreak is a second. (A negative immediate would be a third:
  // its upper half is the literal -1.)
  assert.equal(engine.templates.size, 2, [...engine.templates.keys()].join("\n---\n"));
  assert.equal(cpu.retired, 5);
});

Deno.test("engine (jit): a block runs coldRuns times in tier 0, then in its caller's region", () => {
  const { mem, cpu, engine } = machine("jit");
  assert.equal(mem.mapFixed(0x10000, 0x1000, PF_R | PF_X), 0);
  // Call a block at 0x10100 (a0 += 1; ret) from a loop that counts a1 down.
  poke(mem, 0x10000, [jal(1, 0x100), addi(A1, A1, -1), encB(1, A1, 0, -8), EBREAK]);
  poke(mem, 0x10100, [addi(A0, A0, 1), jalr(0, 1, 0)]);
  const tiers: number[] = [];
  cpu.set(A1, 200);
  cpu.pc = 0x10000;
  for (let i = 0; i < 200; i++) {
    const code = engine.run(1_000_000, 3); // one loop iteration: three dispatches
    tiers.push(engine.cache.get(0x10100)?.tier ?? -1);
    if (code !== T_BUDGET) {
      assert.equal(trapName(code), "break");
      break;
    }
  }
  assert.equal(cpu.get(A0), 200);
  assert.equal(cpu.get(A1), 0);
  // Its first coldRuns runs (iterations) are tier 0; then the loop head, which has run as
  // often, is compiled with the blocks around it that have run, this one included (same
  // page, static target): no single-block compilation in between.
  assert.ok(engine.coldRuns > 0);
  assert.equal(tiers.findIndex((t) => t !== 0), engine.coldRuns, tiers.join(""));
  assert.equal(tiers.indexOf(1), -1, tiers.join(""));
  assert.equal(tiers[tiers.length - 1], 2, tiers.join(""));
  assert.deepEqual([...tiers].sort(), tiers, tiers.join(""));
});

Deno.test("engine (jit): a block alone in its page is compiled on its own after coldRuns runs", () => {
  const { mem, cpu, engine } = machine("jit");
  assert.equal(mem.mapFixed(0x10000, 0x2000, PF_R | PF_X), 0);
  // The loop is on the next page; the callee (a0 += 1; ret) has no static successor.
  poke(mem, 0x11000, [jal(1, 0x10100 - 0x11000), addi(A1, A1, -1), encB(1, A1, 0, -8), EBREAK]);
  poke(mem, 0x10100, [addi(A0, A0, 1), jalr(0, 1, 0)]);
  const tiers: number[] = [];
  cpu.set(A1, 200);
  cpu.pc = 0x11000;
  for (let i = 0; i < 200; i++) {
    const code = engine.run(1_000_000, 3);
    tiers.push(engine.cache.get(0x10100)?.tier ?? -1);
    if (code !== T_BUDGET) break;
  }
  assert.equal(cpu.get(A0), 200);
  // Tier 0 for coldRuns runs, then tier 1 for good: its region would be itself alone.
  assert.equal(tiers.indexOf(1), engine.coldRuns, tiers.join(""));
  assert.equal(tiers.indexOf(2), -1, tiers.join(""));
  assert.deepEqual([...tiers].sort(), tiers, tiers.join(""));
});

// ---- freestanding programs against qemu-riscv64 ---------------------------------------

interface Outcome {
  stdout: string;
  status: string;
}

const decoder = new TextDecoder();

function runGuest(name: string, args: string[], mode: EngineMode): Outcome {
  const img = parseElf(Deno.readFileSync(new URL(name, FREESTANDING)));
  const { mem, cpu, engine } = machine(mode);
  mapImage(mem, img);
  // Stack: argc, argv[], NULL, envp NULL, auxv AT_NULL.
  const top = 0x7fff0000;
  assert.equal(mem.mapFixed(top - 0x10000, 0x10000, PF_R | PF_W), 0);
  const argv = [name, ...args];
  let strAt = top - 0x1000;
  const ptrs: number[] = [];
  for (const a of argv) {
    const b = new TextEncoder().encode(a + "\0");
    mem.u8.set(b, strAt);
    ptrs.push(strAt);
    strAt += b.length;
  }
  const words = [argv.length, ...ptrs, 0, 0, 0, 0];
  const sp = top - 0x2000;
  words.forEach((w, i) => mem.writeU64(sp + 8 * i, w));
  cpu.set(2, sp);
  cpu.pc = img.entry;
  let out = "";
  for (let slices = 0; slices < 100_000 && cpu.retired < 500_000_000; slices++) {
    const code = engine.run(1_000_000);
    if (code === T_BUDGET) continue;
    if (code === T_FLUSH) {
      engine.flush();
      continue;
    }
    if (code === T_SYSCALL) {
      const n = cpu.get(17);
      if (n === 64) {
        const bytes = mem.read(cpu.get(11), cpu.get(12));
        if (cpu.get(10) === 1) out += decoder.decode(bytes);
        cpu.set(10, bytes.length);
      } else if (n === 93 || n === 94) {
        return { stdout: out, status: `exit ${cpu.get(10) & 255}` };
      } else {
        cpu.set(10, -38);
      }
      continue;
    }
    if (code === T_FAULT) return { stdout: out, status: "SIGSEGV" };
    if (code === T_ILLEGAL) return { stdout: out, status: "SIGILL" };
    return { stdout: out, status: `trap ${trapName(code)} at 0x${cpu.pc.toString(16)}` };
  }
  return { stdout: out, status: "did not finish" };
}

function hasQemu(): boolean {
  try {
    new Deno.Command("qemu-riscv64", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync();
    return true;
  } catch {
    return false;
  }
}

function runQemu(name: string, args: string[]): Outcome {
  const path = decodeURIComponent(new URL(name, FREESTANDING).pathname);
  const r = new Deno.Command("qemu-riscv64", {
    args: [path, ...args],
    clearEnv: true,
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  const status = r.signal ? r.signal : `exit ${r.code}`;
  return { stdout: decoder.decode(r.stdout), status };
}

const PROGRAM_ARGS: Record<string, string[]> = {
  "loop.riscv64": ["20000"],
  "args.riscv64": ["one", "two words"],
};

Deno.test({
  name: "engine: freestanding programs match qemu-riscv64 in both modes",
  ignore: !hasQemu(),
  fn() {
    for (const name of freestandingNames()) {
      const args = PROGRAM_ARGS[name] ?? [];
      const want = runQemu(name, args);
      // args prints argv[0] as given; qemu gets a path, kitemu the bare name.
      for (const mode of MODES) {
        const got = runGuest(name, args, mode);
        assert.deepEqual(got, want, `${name} (${mode})`);
      }
    }
  },
});
