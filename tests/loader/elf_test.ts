import assert from "node:assert/strict";
import { parseElf } from "../../src/loader/elf.ts";
import { LoaderError } from "../../src/loader/errors.ts";
import { type Image, PROT_EXEC, PROT_READ, PROT_WRITE } from "../../src/loader/image.ts";
import {
  buildElf,
  EH,
  EM,
  ET,
  PF,
  PHDR_SIZE,
  phField,
  PT,
  setU16,
  setU32,
  setU64,
  writeElf,
} from "./elf_builder.ts";

const RX = PROT_READ | PROT_EXEC;
const RW = PROT_READ | PROT_WRITE;

/** Asserts that `fn` throws a LoaderError with this field, offset and message. */
function assertLoaderError(
  fn: () => unknown,
  field: string,
  message: RegExp,
  offset?: number,
): LoaderError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, "expected a LoaderError, nothing was thrown");
  assert.ok(caught instanceof LoaderError, `expected a LoaderError, got ${caught}`);
  assert.ok(caught instanceof SyntaxError);
  assert.equal(caught.field, field, `field of: ${caught.message}`);
  assert.match(caught.message, message);
  assert.match(caught.message, /^[A-Z]/);
  assert.doesNotMatch(caught.message, /\.$/);
  if (offset !== undefined) assert.equal(caught.offset, offset, `offset of: ${caught.message}`);
  return caught;
}

function pageUp(n: number): number {
  return Math.ceil(n / 4096) * 4096;
}

// ---------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------

Deno.test("elf: ET_EXEC riscv64 with PT_PHDR and PT_GNU_STACK", () => {
  const b = buildElf({ phdr: true, gnuStack: PF.R | PF.W, flags: 5, bssSize: 0x2000 });
  const img = parseElf(b.bytes);
  assert.equal(img.format, "elf");
  assert.equal(img.arch, "riscv64");
  assert.equal(img.os, "linux");
  assert.equal(img.type, "exec");
  assert.equal(img.entry, b.entry);
  assert.equal(img.flags, 5);
  assert.equal(img.execStack, false);
  assert.equal(img.interp, undefined);
  assert.equal(img.tls, undefined);
  assert.equal(img.segments.length, 2);
  const [t, d] = img.segments;
  const shape = (s: { vaddr: number; memsz: number; fileOffset: number; filesz: number }) => ({
    vaddr: s.vaddr,
    memsz: s.memsz,
    offset: s.fileOffset,
    filesz: s.filesz,
  });
  assert.deepEqual(shape(t), b.text);
  assert.deepEqual(shape(d), b.data);
  assert.equal(t.prot, RX);
  assert.equal(d.prot, RW);
  assert.equal(d.memsz, 0x40 + 0x2000);
  assert.equal(img.minVaddr, 0x10000);
  assert.equal(img.maxVaddr, pageUp(b.data.vaddr + b.data.memsz));
  assert.deepEqual(img.phdr, { vaddr: 0x10000 + 64, entsize: PHDR_SIZE, count: b.phnum });
});

Deno.test("elf: segment data are views into the file, exactly filesz bytes", () => {
  const b = buildElf();
  const img = parseElf(b.bytes);
  for (const seg of img.segments) {
    assert.equal(seg.data.buffer, b.bytes.buffer, "no copy");
    assert.equal(seg.data.byteOffset, b.bytes.byteOffset + seg.fileOffset);
    assert.equal(seg.data.byteLength, seg.filesz);
  }
  assert.equal(img.segments[1].data[0], 0xd5);
});

Deno.test("elf: input that is a subarray of a larger buffer", () => {
  const b = buildElf({ tls: { filesz: 8, memsz: 16, align: 8 } });
  const big = new Uint8Array(b.bytes.length + 7).fill(0xee);
  big.set(b.bytes, 3);
  const view = big.subarray(3, 3 + b.bytes.length);
  const img = parseElf(view);
  assert.equal(img.entry, b.entry);
  assert.equal(img.segments[1].data.byteOffset, 3 + b.data.offset);
  assert.equal(img.segments[1].data[0], 0xd5);
  assert.deepEqual(img.tls, { vaddr: b.data.vaddr, filesz: 8, memsz: 16, align: 8 });
});

Deno.test("elf: static-pie ET_DYN without PT_INTERP is type dyn", () => {
  const b = buildElf({ type: "dyn", phdr: true });
  const img = parseElf(b.bytes);
  assert.equal(img.type, "dyn");
  assert.equal(img.interp, undefined);
  assert.equal(img.minVaddr, 0);
  assert.equal(img.entry, b.entry);
  assert.deepEqual(img.phdr, { vaddr: 64, entsize: 56, count: b.phnum });
});

Deno.test("elf: ET_DYN with PT_INTERP", () => {
  const b = buildElf({ type: "dyn", interp: "/lib/ld-linux-riscv64-lp64d.so.1", phdr: true });
  const img = parseElf(b.bytes);
  assert.equal(img.type, "dyn");
  assert.equal(img.interp, "/lib/ld-linux-riscv64-lp64d.so.1");
});

Deno.test("elf: PT_TLS template", () => {
  const b = buildElf({ tls: { filesz: 0x20, memsz: 0x68, align: 16 } });
  const img = parseElf(b.bytes);
  assert.deepEqual(img.tls, { vaddr: b.data.vaddr, filesz: 0x20, memsz: 0x68, align: 16 });
});

Deno.test("elf: PT_GNU_STACK with PF_X sets execStack", () => {
  assert.equal(parseElf(buildElf({ gnuStack: PF.R | PF.W | PF.X }).bytes).execStack, true);
  assert.equal(parseElf(buildElf({ gnuStack: PF.R | PF.W }).bytes).execStack, false);
  assert.equal(parseElf(buildElf({}).bytes).execStack, false);
});

Deno.test("elf: e_machine maps to arch", () => {
  assert.equal(parseElf(buildElf({ machine: EM.RISCV }).bytes).arch, "riscv64");
  assert.equal(parseElf(buildElf({ machine: EM.AARCH64 }).bytes).arch, "aarch64");
  assert.equal(parseElf(buildElf({ machine: EM.X86_64 }).bytes).arch, "x86_64");
});

Deno.test("elf: two segments sharing a page (disjoint byte ranges) are accepted", () => {
  const b = buildElf({ dataPlacement: "shared" });
  assert.equal(Math.floor(b.data.vaddr / 4096), Math.floor((b.text.vaddr + b.text.memsz) / 4096));
  const img = parseElf(b.bytes);
  assert.equal(img.segments.length, 2);
  assert.equal(img.segments[1].vaddr, b.data.vaddr);
});

Deno.test("elf: PT_LOADs out of order are returned sorted by vaddr", () => {
  const b = buildElf();
  // Swap program headers 0 (text) and 1 (data).
  const a0 = b.phoff, a1 = b.phoff + PHDR_SIZE;
  const tmp = b.bytes.slice(a0, a0 + PHDR_SIZE);
  b.bytes.copyWithin(a0, a1, a1 + PHDR_SIZE);
  b.bytes.set(tmp, a1);
  const img = parseElf(b.bytes);
  assert.deepEqual(img.segments.map((s) => s.vaddr), [b.text.vaddr, b.data.vaddr]);
});

Deno.test("elf: PT_LOAD with p_memsz 0 is skipped, unknown p_types are ignored", () => {
  const b = buildElf();
  const bytes = writeElf({
    size: b.bytes.length,
    entry: b.entry,
    phdrs: [
      { type: PT.LOAD, flags: PF.R | PF.X, ...b.text, align: 0x1000 },
      { type: PT.LOAD, flags: PF.R, offset: 0, vaddr: 0x900000, filesz: 0, memsz: 0, align: 0 },
      // A PT_NOTE / vendor segment pointing nowhere is not our business.
      {
        type: PT.NOTE,
        flags: 0,
        offset: 1n << 63n,
        vaddr: 1n << 60n,
        filesz: 9,
        memsz: 9,
        align: 3,
      },
      { type: 0x70000003, flags: 0, offset: 0, vaddr: 0, filesz: 0, memsz: 0, align: 1 },
    ],
  });
  const img = parseElf(bytes);
  assert.equal(img.segments.length, 1);
  assert.equal(img.maxVaddr, pageUp(b.text.vaddr + b.text.memsz));
});

Deno.test("elf: e_phentsize larger than 56 is a stride", () => {
  const stride = 64;
  const bytes = writeElf({
    size: 0x400,
    entry: 0x10200,
    phentsize: stride,
    phdrs: [
      {
        type: PT.LOAD,
        flags: PF.R | PF.X,
        offset: 0,
        vaddr: 0x10000,
        filesz: 0x400,
        memsz: 0x400,
        align: 0x1000,
      },
    ],
  });
  const img = parseElf(bytes);
  assert.deepEqual(img.phdr, { vaddr: 0x10040, entsize: 64, count: 1 });
});

Deno.test("elf: AT_PHDR is the covering PT_LOAD's vaddr plus the file delta", () => {
  // The table sits at file offset 0x1040, inside a PT_LOAD that starts at file offset 0x1000.
  const phdrs = [
    {
      type: PT.PHDR,
      flags: PF.R,
      offset: 0x1040,
      vaddr: 0x20040,
      filesz: 112,
      memsz: 112,
      align: 8,
    },
    {
      type: PT.LOAD,
      flags: PF.R | PF.X,
      offset: 0x1000,
      vaddr: 0x20000,
      filesz: 0x400,
      memsz: 0x400,
      align: 0x1000,
    },
  ];
  const bytes = writeElf({ size: 0x1400, entry: 0x20200, phoff: 0x1040, phdrs });
  assert.deepEqual(parseElf(bytes).phdr, { vaddr: 0x20040, entsize: 56, count: 2 });
  // The same without PT_PHDR: still computed from the PT_LOAD.
  const noPhdr = writeElf({ size: 0x1400, entry: 0x20200, phoff: 0x1040, phdrs: [phdrs[1]] });
  assert.deepEqual(parseElf(noPhdr).phdr, { vaddr: 0x20040, entsize: 56, count: 1 });
});

Deno.test("elf: a 1 MB binary parses in well under 1 ms", () => {
  const b = buildElf({
    textSize: 1 << 20,
    dataSize: 0x1000,
    tls: { filesz: 8, memsz: 8, align: 8 },
  });
  for (let i = 0; i < 200; i++) parseElf(b.bytes); // warm up
  const runs = 1000;
  const t0 = performance.now();
  let img: Image | undefined;
  for (let i = 0; i < runs; i++) img = parseElf(b.bytes);
  const per = (performance.now() - t0) / runs;
  assert.ok(img && img.segments[0].filesz > 1 << 20);
  assert.ok(per < 0.5, `parse took ${per.toFixed(4)} ms`);
});

// ---------------------------------------------------------------------------
// ELF header errors
// ---------------------------------------------------------------------------

Deno.test("elf error: file shorter than the ELF header", () => {
  const b = buildElf();
  assertLoaderError(
    () => parseElf(b.bytes.subarray(0, 63)),
    "e_ident",
    /shorter than the ELF header/,
  );
  assertLoaderError(() => parseElf(new Uint8Array(0)), "e_ident", /shorter than the ELF header/);
});

Deno.test("elf error: wrong class, byte order, version", () => {
  let b = buildElf().bytes;
  b[EH.EI_CLASS] = 1;
  assertLoaderError(() => parseElf(b), "EI_CLASS", /EI_CLASS 1 is not supported/, 4);
  b = buildElf().bytes;
  b[EH.EI_DATA] = 2;
  assertLoaderError(() => parseElf(b), "EI_DATA", /EI_DATA 2 .*little-endian/, 5);
  b = buildElf().bytes;
  b[EH.EI_VERSION] = 0;
  assertLoaderError(() => parseElf(b), "EI_VERSION", /EI_VERSION 0/, 6);
  b = buildElf().bytes;
  b[0] = 0x7e;
  assertLoaderError(() => parseElf(b), "e_ident", /magic/, 0);
});

Deno.test("elf error: e_type not ET_EXEC or ET_DYN", () => {
  for (const t of [ET.REL, ET.CORE, 0, 0xfe00]) {
    const b = buildElf().bytes;
    setU16(b, EH.e_type, t);
    assertLoaderError(
      () => parseElf(b),
      "e_type",
      new RegExp(`e_type ${t} is not an executable`),
      16,
    );
  }
});

Deno.test("elf error: unsupported e_machine is named with its value", () => {
  const b = buildElf({ machine: EM.ARM }).bytes;
  const e = assertLoaderError(() => parseElf(b), "e_machine", /e_machine 40 is not supported/, 18);
  assert.match(e.message, /^Cannot load ELF header: /);
});

Deno.test("elf error: e_phoff past EOF", () => {
  const b = buildElf().bytes;
  setU64(b, EH.e_phoff, b.length + 1);
  assertLoaderError(() => parseElf(b), "e_phoff", /e_phoff .* exceeds file size/, 32);
});

Deno.test("elf error: e_phoff near 2^64 (would overflow)", () => {
  for (const v of [0xffff_ffff_ffff_fff8n, 1n << 53n, 1n << 63n]) {
    const b = buildElf().bytes;
    setU64(b, EH.e_phoff, v);
    assertLoaderError(() => parseElf(b), "e_phoff", /exceeds file size/, 32);
  }
});

Deno.test("elf error: program header table extends past EOF", () => {
  const b = buildElf().bytes;
  setU64(b, EH.e_phoff, b.length - PHDR_SIZE); // 2 headers, room for 1
  assertLoaderError(() => parseElf(b), "e_phoff", /extends past the end of the file/, 32);
  const c = buildElf().bytes;
  setU16(c, EH.e_phnum, 200); // 200 * 56 bytes > file size
  assertLoaderError(() => parseElf(c), "e_phoff", /extends past the end of the file/, 32);
});

Deno.test("elf error: e_phentsize smaller than 56", () => {
  for (const v of [0, 32, 55]) {
    const b = buildElf().bytes;
    setU16(b, EH.e_phentsize, v);
    assertLoaderError(
      () => parseElf(b),
      "e_phentsize",
      new RegExp(`e_phentsize ${v} is smaller`),
      54,
    );
  }
});

Deno.test("elf error: too many program headers", () => {
  for (const v of [4097, 0xffff]) {
    const b = buildElf().bytes;
    setU16(b, EH.e_phnum, v);
    assertLoaderError(() => parseElf(b), "e_phnum", /too many program headers/, 56);
  }
});

Deno.test("elf error: no program headers / no PT_LOAD", () => {
  const b = buildElf().bytes;
  setU16(b, EH.e_phnum, 0);
  assertLoaderError(() => parseElf(b), "e_phnum", /no program headers/, 56);
  const c = buildElf();
  setU32(c.bytes, phField(c.phoff, c.index.text, "p_type"), PT.NULL);
  setU32(c.bytes, phField(c.phoff, c.index.data, "p_type"), PT.NOTE);
  assertLoaderError(() => parseElf(c.bytes), "e_phnum", /no PT_LOAD/);
});

Deno.test("elf error: e_entry outside every executable segment", () => {
  const b = buildElf();
  setU64(b.bytes, EH.e_entry, b.data.vaddr); // in the RW segment
  assertLoaderError(
    () => parseElf(b.bytes),
    "e_entry",
    /e_entry 0x[0-9a-f]+ is outside every executable segment/,
    24,
  );
  for (const v of [0n, BigInt(b.text.vaddr + b.text.memsz), 0xffff_ffff_ffff_fff0n]) {
    setU64(b.bytes, EH.e_entry, v);
    assertLoaderError(() => parseElf(b.bytes), "e_entry", /outside every executable segment/, 24);
  }
  // Just inside the text segment is fine.
  setU64(b.bytes, EH.e_entry, b.text.vaddr + b.text.memsz - 1);
  assert.equal(parseElf(b.bytes).entry, b.text.vaddr + b.text.memsz - 1);
});

// ---------------------------------------------------------------------------
// Program header errors
// ---------------------------------------------------------------------------

Deno.test("elf error: p_offset exceeds file size", () => {
  const b = buildElf();
  const off = phField(b.phoff, 1, "p_offset");
  // Keep p_offset ≡ p_vaddr (mod p_align) so only the file bound is wrong.
  setU64(b.bytes, off, b.data.offset + 0x10000);
  const e = assertLoaderError(
    () => parseElf(b.bytes),
    "p_offset",
    /p_offset exceeds file size/,
    off,
  );
  assert.match(e.message, /^Cannot load program header 1: p_offset exceeds file size/);
  setU64(b.bytes, off, 0xffff_ffff_ffff_f000n + BigInt(b.data.offset % 0x1000));
  assertLoaderError(() => parseElf(b.bytes), "p_offset", /p_offset exceeds file size/, off);
});

Deno.test("elf error: p_offset + p_filesz past EOF", () => {
  const b = buildElf();
  const off = phField(b.phoff, 1, "p_filesz");
  setU64(b.bytes, off, b.data.filesz + 1);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_filesz",
    /^Cannot load program header 1: p_offset \+ p_filesz exceeds file size/,
    off,
  );
  setU64(b.bytes, off, 0xffff_ffff_ffff_ff00n); // would wrap
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_filesz",
    /p_offset \+ p_filesz exceeds file size/,
    off,
  );
});

Deno.test("elf error: p_filesz > p_memsz", () => {
  const b = buildElf({ bssSize: 0 });
  const off = phField(b.phoff, 1, "p_memsz");
  setU64(b.bytes, off, b.data.filesz - 1);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_filesz",
    /^Cannot load program header 1: p_filesz exceeds p_memsz/,
    phField(b.phoff, 1, "p_filesz"),
  );
});

Deno.test("elf error: p_vaddr + p_memsz wraps past 2^64 or leaves user space", () => {
  const b = buildElf();
  const va = phField(b.phoff, 1, "p_vaddr");
  const ms = phField(b.phoff, 1, "p_memsz");
  const low = BigInt(b.data.offset % 0x1000); // keep congruence with p_offset
  // p_vaddr itself beyond 2^48 / 2^53 / near 2^64 (the sum would wrap).
  for (const v of [0xffff_ffff_ffff_f000n + low, (1n << 53n) + low, (1n << 48n) + low]) {
    setU64(b.bytes, va, v);
    assertLoaderError(
      () => parseElf(b.bytes),
      "p_vaddr",
      /outside the user address space \(2\^48\)/,
      va,
    );
  }
  // p_vaddr fine, p_vaddr + p_memsz crosses 2^48.
  setU64(b.bytes, va, (1n << 48n) - 0x1000n + low);
  setU64(b.bytes, ms, 0x2000);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_memsz",
    /^Cannot load program header 1: p_vaddr \+ p_memsz exceeds the user address space/,
    ms,
  );
  // p_memsz near 2^64: caught as absurd before any sum is formed.
  setU64(b.bytes, va, b.data.vaddr);
  setU64(b.bytes, ms, 0xffff_ffff_ffff_f000n);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_memsz",
    /p_memsz 0xfffffffffffff000 exceeds 4 GiB/,
    ms,
  );
});

Deno.test("elf error: overlapping PT_LOAD byte ranges", () => {
  const b = buildElf({ dataPlacement: "shared" });
  // Grow the text segment's memsz so it runs 16 bytes into the data segment.
  const ms = phField(b.phoff, 0, "p_memsz");
  setU64(b.bytes, ms, b.data.vaddr - b.text.vaddr + 16);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_vaddr",
    /^Cannot load program header 1: PT_LOAD .* overlaps program header 0/,
    phField(b.phoff, 1, "p_vaddr"),
  );
  // Ending exactly where the next begins is not an overlap.
  setU64(b.bytes, ms, b.data.vaddr - b.text.vaddr);
  assert.equal(parseElf(b.bytes).segments.length, 2);
});

Deno.test("elf error: segment contained in another", () => {
  const b = buildElf();
  const bytes = writeElf({
    size: b.bytes.length,
    entry: b.entry,
    phdrs: [
      {
        type: PT.LOAD,
        flags: PF.R | PF.X,
        offset: 0,
        vaddr: 0x10000,
        filesz: 0x100,
        memsz: 0x10000,
        align: 0x1000,
      },
      {
        type: PT.LOAD,
        flags: PF.R,
        offset: 0x40,
        vaddr: 0x12040,
        filesz: 0x10,
        memsz: 0x10,
        align: 0x1000,
      },
      {
        type: PT.LOAD,
        flags: PF.R,
        offset: 0x80,
        vaddr: 0x30080,
        filesz: 0x10,
        memsz: 0x10,
        align: 0x1000,
      },
    ],
  });
  assertLoaderError(() => parseElf(bytes), "p_vaddr", /program header 1: PT_LOAD .* overlaps/);
});

Deno.test("elf error: p_align not a power of two", () => {
  for (const v of [3n, 0x1800n, 0xffff_ffff_ffff_ffffn, (1n << 32n) + 1n]) {
    const b = buildElf();
    const off = phField(b.phoff, 1, "p_align");
    setU64(b.bytes, off, v);
    assertLoaderError(
      () => parseElf(b.bytes),
      "p_align",
      /p_align 0x[0-9a-f]+ is not a power of two/,
      off,
    );
  }
});

Deno.test("elf error: p_vaddr and p_offset not congruent modulo p_align", () => {
  const b = buildElf();
  const va = phField(b.phoff, 1, "p_vaddr");
  setU64(b.bytes, va, b.data.vaddr + 8);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_align",
    /^Cannot load program header 1: p_vaddr 0x[0-9a-f]+ and p_offset 0x[0-9a-f]+ are not congruent/,
    phField(b.phoff, 1, "p_align"),
  );
  // With p_align 0 or 1 there is no constraint.
  for (const a of [0, 1]) {
    setU64(b.bytes, phField(b.phoff, 1, "p_align"), a);
    assert.equal(parseElf(b.bytes).segments[1].vaddr, b.data.vaddr + 8);
  }
});

Deno.test("elf error: total p_memsz above 4 GiB", () => {
  const b = buildElf();
  // One segment alone.
  const ms = phField(b.phoff, 1, "p_memsz");
  setU64(b.bytes, ms, 2 ** 32 + 1);
  assertLoaderError(() => parseElf(b.bytes), "p_memsz", /p_memsz 0x100000001 exceeds 4 GiB/, ms);
  // Two segments of 3 GiB and 2 GiB.
  const c = buildElf();
  setU64(c.bytes, phField(c.phoff, 0, "p_memsz"), 3 * 2 ** 30);
  setU64(c.bytes, phField(c.phoff, 1, "p_vaddr"), 2 ** 40 + c.data.offset);
  setU64(c.bytes, phField(c.phoff, 1, "p_memsz"), 2 * 2 ** 30);
  assertLoaderError(
    () => parseElf(c.bytes),
    "p_memsz",
    /total p_memsz .* exceeds 4 GiB/,
    phField(c.phoff, 1, "p_memsz"),
  );
});

Deno.test("elf error: loadable segments spanning more than 4 GiB", () => {
  const b = buildElf();
  setU64(b.bytes, phField(b.phoff, 1, "p_vaddr"), 2 ** 33 + b.data.offset);
  assertLoaderError(() => parseElf(b.bytes), "p_vaddr", /span more than 4 GiB/);
});

Deno.test("elf error: PT_INTERP problems", () => {
  const path = "/lib/ld.so";
  let b = buildElf({ interp: path });
  const iv = b.index.interp ?? -1;
  // Not NUL-terminated.
  setU64(b.bytes, phField(b.phoff, iv, "p_filesz"), path.length);
  assertLoaderError(() => parseElf(b.bytes), "p_filesz", /PT_INTERP string is not NUL-terminated/);
  // Past EOF.
  b = buildElf({ interp: path });
  setU64(b.bytes, phField(b.phoff, iv, "p_offset"), b.bytes.length - 4);
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_filesz",
    new RegExp(`^Cannot load program header ${iv}: p_offset \\+ p_filesz exceeds file size`),
  );
  // Longer than PATH_MAX (the file is big enough to hold it).
  b = buildElf({ interp: path, textSize: 0x3000 });
  setU64(b.bytes, phField(b.phoff, iv, "p_filesz"), 4097);
  b.bytes[(b.interpOffset ?? 0) + 4096] = 0;
  assertLoaderError(
    () => parseElf(b.bytes),
    "p_filesz",
    /PT_INTERP p_filesz 4097 is not between 2 and 4096/,
  );
  // Empty.
  b = buildElf({ interp: path });
  b.bytes[b.interpOffset ?? -1] = 0;
  assertLoaderError(() => parseElf(b.bytes), "p_offset", /PT_INTERP string is empty/);
});

Deno.test("elf error: duplicate PT_TLS / PT_INTERP", () => {
  const b = buildElf({ tls: { filesz: 8, memsz: 8, align: 8 }, gnuStack: PF.R | PF.W });
  const tlsBase = b.phoff + (b.index.tls ?? -1) * PHDR_SIZE;
  const stackBase = b.phoff + (b.index.stack ?? -1) * PHDR_SIZE;
  b.bytes.copyWithin(stackBase, tlsBase, tlsBase + PHDR_SIZE);
  assertLoaderError(() => parseElf(b.bytes), "p_type", /more than one PT_TLS/, stackBase);
  const c = buildElf({ interp: "/x", gnuStack: PF.R | PF.W });
  const ib = c.phoff + (c.index.interp ?? -1) * PHDR_SIZE;
  const sb = c.phoff + (c.index.stack ?? -1) * PHDR_SIZE;
  c.bytes.copyWithin(sb, ib, ib + PHDR_SIZE);
  assertLoaderError(() => parseElf(c.bytes), "p_type", /more than one PT_INTERP/, sb);
});

Deno.test("elf error: PT_TLS problems", () => {
  // Initialization image outside every PT_LOAD's file bytes.
  const b = buildElf({ tls: { filesz: 8, memsz: 8, align: 8 } });
  const t = b.index.tls ?? -1;
  setU64(b.bytes, phField(b.phoff, t, "p_vaddr"), 0x7000_0000);
  assertLoaderError(() => parseElf(b.bytes), "p_vaddr", /PT_TLS initialization image is outside/);
  // p_filesz > p_memsz.
  const c = buildElf({ tls: { filesz: 16, memsz: 8, align: 8 } });
  assertLoaderError(() => parseElf(c.bytes), "p_filesz", /p_filesz exceeds p_memsz/);
  // Bad alignment.
  const d = buildElf({ tls: { filesz: 8, memsz: 8, align: 12 } });
  assertLoaderError(() => parseElf(d.bytes), "p_align", /not a power of two/);
});

Deno.test("elf error: PT_PHDR that does not match the mapped table", () => {
  const b = buildElf({ phdr: true });
  const va = phField(b.phoff, b.index.phdr ?? -1, "p_vaddr");
  setU64(b.bytes, va, b.phdrVaddr + 8);
  assertLoaderError(() => parseElf(b.bytes), "p_vaddr", /PT_PHDR p_vaddr .* does not match/, va);
  // A PT_PHDR with the table outside every PT_LOAD.
  const c = buildElf({ phdr: true });
  setU64(c.bytes, phField(c.phoff, c.index.text, "p_offset"), 0x1000);
  setU64(c.bytes, phField(c.phoff, c.index.text, "p_filesz"), 0);
  setU64(c.bytes, phField(c.phoff, c.index.text, "p_vaddr"), c.text.vaddr);
  assertLoaderError(() => parseElf(c.bytes), "p_vaddr", /PT_PHDR is present but no PT_LOAD maps/);
});

Deno.test("elf: without PT_PHDR and with the table unmapped, phdr is undefined", () => {
  const b = buildElf();
  // Text segment starting after the headers.
  const start = b.entry - b.text.vaddr; // file offset of the code
  setU64(b.bytes, phField(b.phoff, 0, "p_offset"), start);
  setU64(b.bytes, phField(b.phoff, 0, "p_vaddr"), b.text.vaddr + start);
  setU64(b.bytes, phField(b.phoff, 0, "p_filesz"), b.text.filesz - start);
  setU64(b.bytes, phField(b.phoff, 0, "p_memsz"), b.text.memsz - start);
  const img = parseElf(b.bytes);
  assert.equal(img.phdr, undefined);
  assert.equal(img.minVaddr, b.text.vaddr); // page aligned down
});

// ---------------------------------------------------------------------------
// Real binaries, checked against readelf
// ---------------------------------------------------------------------------

interface ReadelfInfo {
  type: string;
  machine: string;
  entry: number;
  flags: number;
  loads: { offset: number; vaddr: number; filesz: number; memsz: number; flg: string }[];
  interp?: string;
  phdrVaddr?: number;
  tls?: { vaddr: number; filesz: number; memsz: number; align: number };
  stackFlg?: string;
}

function readelf(path: string): ReadelfInfo | null {
  let out: Deno.CommandOutput;
  try {
    out = new Deno.Command("readelf", { args: ["-hlW", path], stdout: "piped", stderr: "null" })
      .outputSync();
  } catch {
    return null;
  }
  if (!out.success) return null;
  const text = new TextDecoder().decode(out.stdout);
  const hdr = (k: string) => (text.match(new RegExp(`^\\s*${k}:\\s*(.*)$`, "m")) ?? [])[1] ?? "";
  const info: ReadelfInfo = {
    type: hdr("Type").split(" ")[0],
    machine: hdr("Machine"),
    entry: Number(hdr("Entry point address")),
    flags: Number(hdr("Flags").split(",")[0]),
    loads: [],
  };
  const re =
    /^\s*(\S+)\s+(0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) ([R ][W ][E ]) (0x[0-9a-f]+)$/gm;
  for (const m of text.matchAll(re)) {
    const [, type, offset, vaddr, , filesz, memsz, flg, align] = m;
    if (type === "LOAD") {
      info.loads.push({
        offset: Number(offset),
        vaddr: Number(vaddr),
        filesz: Number(filesz),
        memsz: Number(memsz),
        flg,
      });
    } else if (type === "PHDR") info.phdrVaddr = Number(vaddr);
    else if (type === "TLS") {
      info.tls = {
        vaddr: Number(vaddr),
        filesz: Number(filesz),
        memsz: Number(memsz),
        align: Number(align),
      };
    } else if (type === "GNU_STACK") info.stackFlg = flg;
  }
  const interp = text.match(/\[Requesting program interpreter: (.*)\]/);
  if (interp) info.interp = interp[1];
  return info;
}

function protFromFlg(flg: string): number {
  return (flg[0] === "R" ? PROT_READ : 0) | (flg[1] === "W" ? PROT_WRITE : 0) |
    (flg[2] === "E" ? PROT_EXEC : 0);
}

const REAL_BINARIES = [
  "/usr/bin/ls",
  "/usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1",
  "/usr/riscv64-linux-gnu/lib/libc.so.6",
  "/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1",
  "/usr/aarch64-linux-gnu/lib/libc.so.6",
];

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** Parses `path` and checks every field against readelf's view of it. */
function compareWithReadelf(path: string): Image {
  const bytes = Deno.readFileSync(path);
  const img = parseElf(bytes);
  const re = readelf(path);
  if (re === null) return img; // No readelf on this host.
  const arch = {
    "Advanced Micro Devices X86-64": "x86_64",
    "AArch64": "aarch64",
    "RISC-V": "riscv64",
  };
  assert.equal(img.arch, arch[re.machine as keyof typeof arch]);
  assert.equal(img.type, re.type === "EXEC" ? "exec" : "dyn");
  assert.equal(img.entry, re.entry);
  assert.equal(img.flags, re.flags);
  assert.equal(img.interp, re.interp);
  assert.deepEqual(img.tls, re.tls);
  assert.equal(img.execStack, re.stackFlg !== undefined && re.stackFlg[2] === "E");
  const loads = re.loads.filter((l) => l.memsz > 0).sort((a, b) => a.vaddr - b.vaddr);
  assert.ok(loads.length > 0, "readelf output was parsed");
  assert.deepEqual(
    img.segments.map((s) => ({
      offset: s.fileOffset,
      vaddr: s.vaddr,
      filesz: s.filesz,
      memsz: s.memsz,
      prot: s.prot,
    })),
    loads.map((l) => ({
      offset: l.offset,
      vaddr: l.vaddr,
      filesz: l.filesz,
      memsz: l.memsz,
      prot: protFromFlg(l.flg),
    })),
  );
  for (const s of img.segments) {
    assert.deepEqual(s.data, bytes.subarray(s.fileOffset, s.fileOffset + s.filesz));
  }
  if (re.phdrVaddr !== undefined) assert.equal(img.phdr?.vaddr, re.phdrVaddr);
  assert.equal(img.minVaddr, Math.floor(loads[0].vaddr / 4096) * 4096);
  const last = loads[loads.length - 1];
  assert.equal(img.maxVaddr, pageUp(last.vaddr + last.memsz));
  return img;
}

for (const path of REAL_BINARIES) {
  Deno.test({
    name: `elf: real binary ${path} matches readelf`,
    ignore: !exists(path),
    fn() {
      const img = compareWithReadelf(path);
      if (path === "/usr/bin/ls") {
        assert.equal(img.arch, "x86_64");
        assert.ok(img.interp !== undefined && img.interp.startsWith("/"));
      }
    },
  });
}

function hasTool(name: string): boolean {
  try {
    return new Deno.Command(name, { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

const C_SOURCE = `__thread int tls_counter = 5;
__thread char tls_bss[64];
int main(void) { tls_bss[1] = 1; return tls_counter + tls_bss[1]; }
`;
/** The cross sysroots have no rcrt1.o, so the static-pie case is freestanding. */
const C_FREESTANDING = `__thread int tls_counter = 5;
__thread char tls_bss[64];
void _start(void) { tls_bss[1] = (char)tls_counter; for (;;) {} }
`;
const FREESTANDING_PIE = [
  "-nostdlib",
  "-ffreestanding",
  "-static-pie",
  "-fPIE",
  "-Wl,--no-dynamic-linker",
];

for (
  const [cc, flags, arch, type] of [
    ["riscv64-linux-gnu-gcc", ["-static"], "riscv64", "exec"],
    ["riscv64-linux-gnu-gcc", FREESTANDING_PIE, "riscv64", "dyn"],
    ["aarch64-linux-gnu-gcc", FREESTANDING_PIE, "aarch64", "dyn"],
    ["aarch64-linux-gnu-gcc", ["-static"], "aarch64", "exec"],
    ["musl-gcc", ["-static"], "x86_64", "exec"],
  ] as const
) {
  Deno.test({
    name: `elf: ${cc} ${
      flags === FREESTANDING_PIE ? "static-pie" : "-static"
    } output matches readelf`,
    ignore: !hasTool(cc),
    fn() {
      const dir = Deno.makeTempDirSync({ prefix: "kitemu_elf_" });
      try {
        Deno.writeTextFileSync(
          `${dir}/t.c`,
          flags === FREESTANDING_PIE ? C_FREESTANDING : C_SOURCE,
        );
        const out = new Deno.Command(cc, {
          args: ["-O1", ...flags, "-o", `${dir}/t`, `${dir}/t.c`],
          stdout: "null",
          stderr: "piped",
        }).outputSync();
        assert.ok(out.success, new TextDecoder().decode(out.stderr));
        const img = compareWithReadelf(`${dir}/t`);
        assert.equal(img.arch, arch);
        assert.equal(img.type, type);
        assert.equal(img.interp, undefined);
        assert.ok(img.tls !== undefined && img.tls.filesz >= 4 && img.tls.memsz >= 68);
      } finally {
        Deno.removeSync(dir, { recursive: true });
      }
    },
  });
}
