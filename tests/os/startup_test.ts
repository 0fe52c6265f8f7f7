// Process start-up: segment mapping and the initial stack. The expected
// layout is Linux's (fs/binfmt_elf.c create_elf_tables): argc, argv[],
// NULL, envp[], NULL, auxv pairs ending in AT_NULL, sp 16-byte aligned.
// For a real binary, expectations come from riscv64-linux-gnu-readelf.

import assert from "node:assert/strict";
import { LoaderError } from "../../src/loader/errors.ts";
import { parseElf } from "../../src/loader/elf.ts";
import type { Image } from "../../src/loader/image.ts";
import { PF_R, PF_W, PF_X } from "../../src/memory/address_space.ts";
import { riscv64Abi } from "../../src/os/linux/abi_riscv64.ts";
import { STACK_TOP, startProcess } from "../../src/os/linux/startup.ts";
import { harness } from "./helpers.ts";

const dec = new TextDecoder();

function pattern(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff || 1;
  return b;
}

function image(over: Partial<Image> = {}): Image {
  const text = pattern(0x1234, 1);
  const data = pattern(0x100, 2);
  return {
    format: "elf",
    arch: "riscv64",
    os: "linux",
    type: "exec",
    entry: 0x10100,
    segments: [
      { vaddr: 0x10000, memsz: 0x1234, fileOffset: 0, filesz: 0x1234, data: text, prot: 5 },
      // Starts on the page where the text ends, with bss past its file bytes.
      { vaddr: 0x11800, memsz: 0x2000, fileOffset: 0x1800, filesz: 0x100, data, prot: 3 },
    ],
    minVaddr: 0x10000,
    maxVaddr: 0x14000,
    phdr: { vaddr: 0x10040, entsize: 56, count: 2 },
    execStack: false,
    flags: 5,
    ...over,
  };
}

/** Read the initial stack back: argc, argv, envp, auxv. */
function readStack(h: ReturnType<typeof harness>) {
  const { mem } = h.proc;
  const sp = riscv64Abi.sp(h.cpu);
  let p = sp;
  const word = () => {
    const v = mem.readU64(p);
    p += 8;
    return v;
  };
  const argc = word();
  const argv: string[] = [];
  for (let i = 0; i < argc; i++) argv.push(dec.decode(mem.readCString(word())!));
  assert.equal(word(), 0, "argv ends in NULL");
  const envp: string[] = [];
  for (let a = word(); a !== 0; a = word()) envp.push(dec.decode(mem.readCString(a)!));
  const auxStart = p;
  const auxv: [number, number][] = [];
  for (;;) {
    const k = word();
    const v = word();
    auxv.push([k, v]);
    if (k === 0) break;
  }
  return {
    sp,
    argc,
    argv,
    envp,
    auxv,
    aux: new Map(auxv),
    auxBytes: mem.read(auxStart, p - auxStart),
  };
}

const AT = {
  PHDR: 3,
  PHENT: 4,
  PHNUM: 5,
  PAGESZ: 6,
  BASE: 7,
  FLAGS: 8,
  ENTRY: 9,
  UID: 11,
  EUID: 12,
  GID: 13,
  EGID: 14,
  PLATFORM: 15,
  HWCAP: 16,
  CLKTCK: 17,
  SECURE: 23,
  RANDOM: 25,
  HWCAP2: 26,
  EXECFN: 31,
};

Deno.test("segments are mapped with their bytes, bss and protections", () => {
  const h = harness({ argv: ["prog"], env: [] });
  const img = image();
  startProcess(h.proc, img, h.cpu, { random: new Uint8Array(16) });
  const { mem } = h.proc;
  assert.deepEqual(mem.read(0x10000, 0x1234), img.segments[0].data);
  assert.deepEqual(mem.read(0x11800, 0x100), img.segments[1].data);
  // Between the text's end and the data, and after the data's file bytes: zeros.
  assert.ok(mem.read(0x11234, 0x11800 - 0x11234).every((b) => b === 0));
  assert.ok(mem.read(0x11900, 0x13800 - 0x11900).every((b) => b === 0));
  // Page protections: text R-X, the shared page gets both, data RW-, nothing past 0x14000.
  assert.ok(mem.check(0x10000, 0x1000, PF_R | PF_X) && !mem.check(0x10000, 1, PF_W));
  assert.ok(mem.check(0x11000, 0x1000, PF_R | PF_W | PF_X));
  assert.ok(mem.check(0x12000, 0x2000, PF_R | PF_W) && !mem.check(0x12000, 1, PF_X));
  assert.ok(!mem.check(0x14000, 1, PF_R));
  assert.equal(mem.brkStart, 0x14000);
  assert.equal(mem.brkCur, 0x14000);
  // The stack: 8 MiB, read-write, not executable, top at 0xf0000000.
  assert.ok(mem.check(STACK_TOP - (8 << 20), 8 << 20, PF_R | PF_W));
  assert.ok(!mem.check(STACK_TOP - 4096, 1, PF_X));
  assert.ok(!mem.check(STACK_TOP, 1, PF_R));
  assert.ok(mem.mmapTop <= STACK_TOP - (8 << 20));
  assert.ok(mem.mappings().some((m) => m.name === "[stack]" && m.end === STACK_TOP));
  assert.equal(h.cpu.pc, 0x10100);
});

Deno.test("the initial stack holds argc, argv, envp and auxv as Linux lays them out", () => {
  const h = harness({ argv: ["prog", "arg one", ""], env: ["A=1", "B=two"] });
  const random = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
  h.cpu.x.fill(-1);
  startProcess(h.proc, image(), h.cpu, { random, execfn: "./prog" });
  const s = readStack(h);
  assert.equal(s.sp % 16, 0);
  assert.equal(s.argc, 3);
  assert.deepEqual(s.argv, ["prog", "arg one", ""]);
  assert.deepEqual(s.envp, ["A=1", "B=two"]);
  const { aux } = s;
  assert.equal(s.auxv.at(-1)![0], 0, "AT_NULL last");
  assert.equal(aux.get(AT.PAGESZ), 4096);
  assert.equal(aux.get(AT.PHDR), 0x10040);
  assert.equal(aux.get(AT.PHENT), 56);
  assert.equal(aux.get(AT.PHNUM), 2);
  assert.equal(aux.get(AT.ENTRY), 0x10100);
  assert.equal(aux.get(AT.BASE), 0);
  assert.equal(aux.get(AT.FLAGS), 0);
  assert.equal(aux.get(AT.SECURE), 0);
  assert.equal(aux.get(AT.CLKTCK), 100);
  for (const k of [AT.UID, AT.EUID, AT.GID, AT.EGID]) assert.equal(aux.get(k), 1000);
  // RISC-V hwcap: one bit per single-letter extension, bit = letter - 'a': I M A F D C.
  assert.equal(aux.get(AT.HWCAP), (1 << 8) | (1 << 12) | (1 << 0) | (1 << 5) | (1 << 3) | (1 << 2));
  assert.equal(aux.get(AT.HWCAP2), 0);
  assert.equal(aux.has(AT.PLATFORM), false);
  assert.deepEqual(h.proc.mem.read(aux.get(AT.RANDOM)!, 16), random);
  assert.equal(dec.decode(h.proc.mem.readCString(aux.get(AT.EXECFN)!)!), "./prog");
  // Strings and random bytes sit above the vectors, below the top of the stack.
  for (const a of [aux.get(AT.RANDOM)!, aux.get(AT.EXECFN)!]) {
    assert.ok(a > s.sp && a < STACK_TOP);
  }
  // Registers other than sp are zero (a0 is rtld_fini for _start: must be 0).
  assert.equal(h.cpu.x[20], 0);
  assert.equal(h.cpu.x[21], 0);
  assert.equal(h.cpu.x[2], 0); // ra
  // sp is x2: low half at x[4], high half at x[5].
  assert.equal(h.cpu.x[4] >>> 0, s.sp);
  assert.equal(h.cpu.x[5], 0);
  // /proc/self/auxv shows the same vector.
  assert.deepEqual(h.proc.auxv, s.auxBytes);
  // getuid agrees with AT_UID.
  assert.equal(h.sys(174), 1000);
});

Deno.test("position-independent images get a page-aligned load bias", () => {
  const h = harness();
  const img = image({
    type: "dyn",
    entry: 0x100,
    segments: [{
      vaddr: 0,
      memsz: 0x800,
      fileOffset: 0,
      filesz: 0x800,
      data: pattern(0x800, 3),
      prot: 5,
    }],
    minVaddr: 0,
    maxVaddr: 0x1000,
    phdr: { vaddr: 0x40, entsize: 56, count: 1 },
  });
  startProcess(h.proc, img, h.cpu, { random: new Uint8Array(16) });
  assert.equal(h.cpu.pc, 0x4000_0100);
  const s = readStack(h);
  assert.equal(s.aux.get(AT.ENTRY), 0x4000_0100);
  assert.equal(s.aux.get(AT.PHDR), 0x4000_0040);
  assert.deepEqual(h.proc.mem.read(0x4000_0000, 0x800), img.segments[0].data);
  assert.equal(h.proc.mem.brkStart, 0x4000_1000);
});

Deno.test("PT_INTERP is refused with a clear LoaderError", () => {
  const h = harness();
  assert.throws(
    () => startProcess(h.proc, image({ interp: "/lib/ld-linux-riscv64-lp64d.so.1" }), h.cpu),
    (e: unknown) =>
      e instanceof LoaderError &&
      e.message ===
        "Dynamically linked programs are not supported yet (PT_INTERP /lib/ld-linux-riscv64-lp64d.so.1)",
  );
  assert.throws(
    () =>
      startProcess(
        h.proc,
        image({ segments: [{ ...image().segments[0], vaddr: 0x1_0000_0000 }] }),
        h.cpu,
      ),
    LoaderError,
  );
});

function readelf(args: string[], file: string): string | null {
  try {
    const out = new Deno.Command("riscv64-linux-gnu-readelf", { args: [...args, file] })
      .outputSync();
    return out.success ? dec.decode(out.stdout) : null;
  } catch {
    return null;
  }
}

Deno.test("a real static binary: entry, program headers and bytes agree with readelf", () => {
  const file = new URL("../../testdata/freestanding/hello.riscv64", import.meta.url).pathname;
  const header = readelf(["-h"], file);
  const phdrs = readelf(["-lW"], file);
  if (header === null || phdrs === null) {
    console.warn("riscv64-linux-gnu-readelf not available: skipped");
    return;
  }
  const bytes = Deno.readFileSync(file);
  const h = harness({ argv: ["hello"], exePath: file });
  startProcess(h.proc, parseElf(bytes), h.cpu);
  const s = readStack(h);
  const entry = Number(/Entry point address:\s+(0x[0-9a-f]+)/.exec(header)![1]);
  const phnum = Number(/Number of program headers:\s+(\d+)/.exec(header)![1]);
  const phoff = Number(/Start of program headers:\s+(\d+)/.exec(header)![1]);
  assert.equal(h.cpu.pc, entry);
  assert.equal(s.aux.get(AT.ENTRY), entry);
  assert.equal(s.aux.get(AT.PHNUM), phnum);
  assert.equal(s.aux.get(AT.PHENT), 56);
  // Every LOAD segment's file bytes are in memory at its vaddr.
  const loads = [
    ...phdrs.matchAll(
      /^\s+LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+\S+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)/gm,
    ),
  ];
  assert.ok(loads.length > 0);
  for (const [, off, vaddr, filesz] of loads) {
    const o = Number(off);
    const n = Number(filesz);
    assert.deepEqual(h.proc.mem.read(Number(vaddr), n), bytes.subarray(o, o + n));
    // AT_PHDR points at the program headers where the segment holding them is loaded.
    if (phoff >= o && phoff < o + n) assert.equal(s.aux.get(AT.PHDR), Number(vaddr) + phoff - o);
  }
});
