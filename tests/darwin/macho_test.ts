/**
 * The Mach-O loader (src/loader/macho.ts): real ld64.lld-14 output checked
 * against llvm-objdump (segments, entry, dylinker, dylibs, rebase, bind and
 * lazy-bind tables), the static and universal files our tools make, images
 * built in TypeScript (opcode and chained fixups, both entry kinds, run to
 * their exit status), and every malformed case ending in a LoaderError.
 * @module
 */

import assert from "node:assert/strict";
import { loadImage } from "../../src/loader/detect.ts";
import { LoaderError } from "../../src/loader/errors.ts";
import { parseMacho, pickFatSlice } from "../../src/loader/macho.ts";
import { KitEmu } from "../../mod.ts";
import { requireFile, requireTool } from "../helpers.ts";
import { makeFat } from "../../testdata/darwin/tools/mkfat.ts";
import { buildMacho } from "./macho_builder.ts";

const B = "testdata/build/darwin";
const OBJDUMP = "llvm-objdump-14";

function objdump(args: string[]): string {
  requireTool(OBJDUMP);
  const r = new Deno.Command(OBJDUMP, { args, stdout: "piped", stderr: "piped" }).outputSync();
  assert.ok(r.success, new TextDecoder().decode(r.stderr));
  return new TextDecoder().decode(r.stdout);
}

function loaderError(f: () => unknown): LoaderError {
  try {
    f();
  } catch (e) {
    if (e instanceof LoaderError) return e;
    throw new Error(`Expected a LoaderError, got ${e}`);
  }
  throw new Error("Expected a LoaderError, got an image");
}

interface Dumped {
  segments: {
    name: string;
    vmaddr: number;
    vmsize: number;
    fileoff: number;
    filesize: number;
    prot: number;
  }[];
  entryoff?: number;
  pc?: number;
  dylinker?: string;
  dylibs: string[];
  rebases: number[];
  binds: { addr: number; symbol: string }[];
  lazy: { addr: number; symbol: string }[];
}

/** llvm-objdump's view of a thin file. */
function dump(path: string): Dumped {
  const out = objdump(["--macho", "--private-headers", "--rebase", "--bind", "--lazy-bind", path]);
  const d: Dumped = { segments: [], dylibs: [], rebases: [], binds: [], lazy: [] };
  const prot = (s: string) =>
    (s[0] === "r" ? 1 : 0) | (s[1] === "w" ? 2 : 0) | (s[2] === "x" ? 4 : 0);
  const blocks = out.split(/\nLoad command \d+\n/);
  for (const b of blocks.slice(1)) {
    const f = (k: string) => b.match(new RegExp(`^\\s*${k} (\\S+)`, "m"))?.[1];
    const cmd = f("cmd");
    if (cmd === "LC_SEGMENT_64") {
      d.segments.push({
        name: f("segname")!,
        vmaddr: Number(f("vmaddr")),
        vmsize: Number(f("vmsize")),
        fileoff: Number(f("fileoff")),
        filesize: Number(f("filesize")),
        prot: prot(f("initprot")!),
      });
    } else if (cmd === "LC_MAIN") d.entryoff = Number(f("entryoff"));
    else if (cmd === "LC_LOAD_DYLINKER") d.dylinker = f("name");
    else if (cmd === "LC_LOAD_DYLIB") d.dylibs.push(f("name")!);
    else if (cmd === "LC_UNIXTHREAD") d.pc = Number(b.match(/\b(?:pc|rip)\s+(0x[0-9a-f]+)/)![1]);
  }
  const table = (title: string) => {
    const m = out.split(`${title}:\n`)[1];
    if (!m) return [];
    return m.split("\n\n")[0].split("\n").slice(1).filter((l) => l.trim());
  };
  d.rebases = table("Rebase table").map((l) => Number(l.trim().split(/\s+/)[2]));
  d.binds = table("Bind table").map((l) => {
    const w = l.trim().split(/\s+/);
    return { addr: Number(w[2]), symbol: w[w.length - 1] };
  });
  d.lazy = table("Lazy bind table").map((l) => {
    const w = l.trim().split(/\s+/);
    return { addr: Number(w[2]), symbol: w[w.length - 1] };
  });
  return d;
}

const PROGRAMS = ["hello", "checksum", "callbacks", "bigprog", "fileio"];

for (const isa of ["arm64", "x86_64"]) {
  Deno.test(`macho: ld64.lld ${isa} executables agree with llvm-objdump`, () => {
    for (const name of PROGRAMS) {
      const path = `${B}/${isa}/${name}`;
      requireFile(path);
      const img = parseMacho(Deno.readFileSync(path));
      const d = dump(path);
      const m = img.macho!;
      assert.equal(img.format, "macho");
      assert.equal(img.os, "darwin");
      assert.equal(img.arch, isa === "arm64" ? "aarch64" : "x86_64");
      assert.equal(m.pageSize, isa === "arm64" ? 16384 : 4096);
      const loaded = d.segments.filter((s) => s.name !== "__PAGEZERO");
      assert.deepEqual(
        img.segments.map((s) => [s.vaddr, s.memsz, s.fileOffset, s.filesz, s.prot]),
        loaded.map((s) => [s.vmaddr, s.vmsize, s.fileoff, s.filesize, s.prot]),
        name,
      );
      const text = loaded.find((s) => s.name === "__TEXT")!;
      assert.equal(m.entryKind, "main");
      assert.equal(img.entry, text.vmaddr + d.entryoff!, name);
      assert.equal(m.pie, true);
      assert.equal(img.type, "dyn");
      assert.equal(m.dylinker, d.dylinker);
      assert.deepEqual(m.dylibs, d.dylibs);
      assert.equal(m.fixups, "dyld-info");
      assert.deepEqual(m.rebases.map((r) => r.addr), d.rebases, `${name} rebases`);
      assert.deepEqual(
        m.binds.filter((b) => !b.lazy).map((b) => ({ addr: b.addr, symbol: b.symbol })),
        d.binds,
        `${name} binds`,
      );
      assert.deepEqual(
        m.binds.filter((b) => b.lazy).map((b) => ({ addr: b.addr, symbol: b.symbol })),
        d.lazy,
        `${name} lazy binds`,
      );
      assert.ok(
        m.symbols.some((s) =>
          s.name === (name === "hello" || name === "checksum" ? "_start" : "_main")
        ),
      );
    }
  });

  Deno.test(`macho: static ${isa} images from mkstatic.ts agree with llvm-objdump`, () => {
    for (const name of ["hello", "checksum"]) {
      const path = `${B}/${isa}/${name}.static`;
      requireFile(path);
      const img = parseMacho(Deno.readFileSync(path));
      const d = dump(path);
      const m = img.macho!;
      assert.equal(m.entryKind, "thread");
      assert.equal(img.entry, d.pc);
      assert.equal(m.pie, false);
      assert.equal(img.type, "exec");
      assert.equal(m.dylinker, undefined);
      assert.equal(m.fixups, "none");
      assert.equal(img.minVaddr, 0x400000);
      assert.deepEqual(d.rebases, []);
    }
  });
}

Deno.test("macho: universal files pick arm64, else x86_64, and name what they hold", () => {
  const arm = buildMacho({ cpu: "arm64" }).bytes;
  const x86 = buildMacho({ cpu: "x86_64" }).bytes;
  const both = makeFat([x86, arm]);
  assert.equal(loadImage(both).arch, "aarch64");
  assert.equal(loadImage(makeFat([x86])).arch, "x86_64");
  const s = pickFatSlice(both);
  assert.equal(s.offset, 0x4000 + Math.ceil(x86.length / 0x4000) * 0x4000);
  // Segment data are views of the slice inside the fat file, with fat file offsets.
  const img = loadImage(both);
  assert.equal(img.segments[0].fileOffset, s.offset);
  assert.equal(img.segments[0].data.byteOffset, s.offset);
  const ppc = makeFat([x86]);
  new DataView(ppc.buffer).setUint32(8, 18, false); // cputype ppc
  assert.match(
    loaderError(() => loadImage(ppc)).message,
    /no arm64 or x86_64 slice \(it holds ppc\)/,
  );
  // nfat_arch far beyond the file: detect refuses the magic (Java class files), and the
  // parser itself says which field overflows.
  const short = both.slice(0, 200);
  new DataView(short.buffer).setUint32(4, 40, false);
  const e = loaderError(() => loadImage(short));
  assert.equal(e.field, "nfat_arch");
  assert.match(e.message, /nfat_arch 40 overflows the file \(200 bytes\)/);
  const huge = both.slice();
  new DataView(huge.buffer).setUint32(4, 0xffffffff, false);
  assert.equal(loaderError(() => pickFatSlice(huge)).field, "nfat_arch");
  assert.match(loaderError(() => loadImage(huge)).message, /Unknown executable format/);
  // A slice past the end of the file.
  const cut = both.slice(0, both.length - 100);
  assert.equal(loaderError(() => loadImage(cut)).field, "offset");
  requireFile(`${B}/fat/bigprog`);
  requireTool("llvm-lipo-14");
  {
    const lipo = new Deno.Command("llvm-lipo-14", {
      args: ["-info", `${B}/fat/bigprog`],
      stdout: "piped",
    })
      .outputSync();
    assert.match(new TextDecoder().decode(lipo.stdout), /x86_64 arm64/);
  }
});

for (const cpu of ["arm64", "x86_64"] as const) {
  for (const chained of [false, true]) {
    for (const entry of ["main", "thread"] as const) {
      Deno.test(`macho: built ${cpu} image, ${chained ? "chained fixups" : "dyld info"}, ${entry}: parsed and run`, async () => {
        const b = buildMacho({
          cpu,
          entry,
          chained,
          rebases: [0, 16, 40],
          binds: [
            { offset: 8, symbol: "_printf" },
            { offset: 24, symbol: "_puts", lazy: true, addend: 4 },
            { offset: 32, symbol: "___stack_chk_guard" },
          ],
        });
        const img = loadImage(b.bytes);
        const m = img.macho!;
        assert.equal(img.entry, b.entry);
        assert.equal(m.entryKind, entry);
        assert.equal(m.fixups, chained ? "chained" : "dyld-info");
        assert.deepEqual(
          m.rebases,
          [0, 16, 40].map((o, i) => ({
            addr: b.base + 0x4000 + o,
            target: b.base + 0x100 + 8 * i,
          })),
        );
        assert.deepEqual(
          m.binds.map((x) => [x.addr - b.base - 0x4000, x.symbol, x.addend, x.ordinal])
            .sort((p, q) => (p[0] as number) - (q[0] as number)),
          [[8, "_printf", 0, 1], [24, "_puts", 4, 1], [32, "___stack_chk_guard", 0, 1]],
        );
        assert.deepEqual(
          m.binds.filter((x) => x.lazy).map((x) => x.symbol),
          chained ? [] : ["_puts"],
        );
        assert.deepEqual(m.dylibs, ["/usr/lib/libSystem.B.dylib"]);
        assert.deepEqual(m.symbols.map((s) => s.name), ["__mh_execute_header", "_start"]);
        const emu = KitEmu.create(b.bytes, {});
        try {
          assert.equal(await emu.run(), 42);
          // The rebased slots point into the slid image; bound slots at thunks or data.
          const slide = 0x1000_0000 - b.base;
          const slot = (o: number) => Number(emu.mem.readBig(b.base + slide + 0x4000 + o));
          assert.equal(slot(0), b.base + slide + 0x100);
          assert.equal(slot(40), b.base + slide + 0x110);
          assert.notEqual(slot(8), 0);
          assert.equal(slot(24) - 4 - slot(8), 16 * (chained ? 1 : 1), "_puts thunk + addend 4");
          assert.ok(emu.mem.check(slot(32), 8, 1), "___stack_chk_guard is readable data");
          assert.ok(!emu.mem.check(slot(8), 1, 4), "thunks are not executable");
        } finally {
          emu.dispose();
        }
      });
    }
  }
}

Deno.test("macho: the thread-local template spans __thread_data and __thread_bss", () => {
  for (const isa of ["arm64", "x86_64"]) {
    const path = `${B}/${isa}/tls`;
    requireFile(path);
    const m = parseMacho(Deno.readFileSync(path)).macho!;
    const out = objdump(["--macho", "--section-headers", path]);
    const sect = (name: string) => {
      const l = out.split("\n").find((x) => x.includes(` ${name} `))!;
      const w = l.trim().split(/\s+/);
      return { size: parseInt(w[2], 16), addr: parseInt(w[3], 16) };
    };
    const data = sect("__thread_data"), bss = sect("__thread_bss");
    assert.deepEqual(m.tlv, {
      addr: data.addr,
      size: bss.addr + bss.size - data.addr,
      initSize: data.size,
    });
  }
});

Deno.test("macho: chained imports with addends (DYLD_CHAINED_IMPORT_ADDEND)", () => {
  const b = buildMacho({
    cpu: "arm64",
    chained: true,
    importsFormat: 2,
    rebases: [0],
    binds: [{ offset: 8, symbol: "_printf", addend: 0x1234 }, { offset: 16, symbol: "_puts" }],
  });
  const m = loadImage(b.bytes).macho!;
  assert.deepEqual(m.binds.map((x) => [x.symbol, x.addend]), [["_printf", 0x1234], ["_puts", 0]]);
  assert.deepEqual(m.rebases, [{ addr: b.base + 0x4000, target: b.base + 0x100 }]);
});

Deno.test("macho: malformed images end in a LoaderError naming the field", () => {
  const good = () =>
    buildMacho({ cpu: "x86_64", rebases: [0], binds: [{ offset: 8, symbol: "_puts" }] });
  const cases: [
    string,
    (b: Uint8Array, dv: DataView, at: ReturnType<typeof good>["at"]) => void,
    RegExp,
    string,
  ][] = [
    [
      "cmdsize 0",
      (_b, dv, at) => dv.setUint32(at.cmdsize[1], 0, true),
      /cmdsize 0 is too small/,
      "cmdsize",
    ],
    [
      "cmdsize past sizeofcmds",
      (_b, dv, at) => dv.setUint32(at.cmdsize[2], 0x10000, true),
      /runs past sizeofcmds/,
      "cmdsize",
    ],
    [
      "ncmds overflowing",
      (_b, dv) => dv.setUint32(16, 0x7fffffff, true),
      /ncmds \d+ overflows/,
      "ncmds",
    ],
    [
      "ncmds one too many",
      (_b, dv) => dv.setUint32(16, dv.getUint32(16, true) + 1, true),
      /past sizeofcmds|overflows/,
      "ncmds",
    ],
    [
      "sizeofcmds past EOF",
      (_b, dv) => dv.setUint32(20, 0x7ffffff0, true),
      /sizeofcmds \d+ exceeds file size/,
      "sizeofcmds",
    ],
    [
      "fileoff + filesize past EOF",
      (_b, dv, at) => dv.setBigUint64(at.segFileoff.__DATA, 0x10000000n, true),
      /fileoff 0x10000000 \+ filesize 0x4000 exceeds file size/,
      "fileoff",
    ],
    [
      "filesize 2^64-1",
      (_b, dv, at) => dv.setBigUint64(at.segFileoff.__DATA + 8, 0xffffffffffffffffn, true),
      /exceeds file size/,
      "fileoff",
    ],
    ["32-bit magic", (_b, dv) => dv.setUint32(0, 0xfeedface, true), /32-bit Mach-O/, "magic"],
    ["big-endian", (_b, dv) => dv.setUint32(0, 0xfeedfacf, false), /Big-endian/, "magic"],
    [
      "MH_OBJECT",
      (_b, dv) => dv.setUint32(12, 1, true),
      /file type 1 \(MH_OBJECT\) is not an executable/,
      "filetype",
    ],
    [
      "unknown CPU",
      (_b, dv) => dv.setUint32(4, 18, true),
      /Unsupported Mach-O CPU type \(ppc\)/,
      "cputype",
    ],
    [
      "entry outside the image",
      (_b, dv, at) => dv.setBigUint64(at.entry, 0x4100n, true),
      /outside every executable segment/,
      "entry",
    ],
    [
      "rebase into a missing segment",
      (b) => patchOpcode(b, 0x22, 0x29),
      /names segment 9/,
      "rebase",
    ],
    [
      "bind stream cut inside a name",
      (b) => patchBindSize(b, 4),
      /ends inside an opcode|without NUL/,
      "bind",
    ],
    ["unknown bind opcode", (b) => patchOpcode(b, 0x90, 0xe0), /unknown opcode 0xe0/, "bind"],
    [
      "bind to a library the image does not load",
      (b) => patchOpcode(b, 0x11, 0x12, 1),
      /names library ordinal 2, but the image loads 1/,
      "ordinal",
    ],
  ];
  for (const [name, mutate, message, field] of cases) {
    const g = good();
    const bytes = g.bytes.slice();
    mutate(bytes, new DataView(bytes.buffer), g.at);
    const e = loaderError(() => loadImage(bytes));
    assert.match(e.message, message, name);
    assert.equal(e.field, field, `${name}: ${e.message}`);
    assert.ok(e.offset >= 0 && e.offset < bytes.length, `${name}: offset ${e.offset}`);
  }
  // Duplicated and missing entry commands.
  const twice = buildMacho({ cpu: "arm64" });
  const dv = new DataView(twice.bytes.buffer);
  const lcMain = twice.at.entry - 8;
  dv.setUint32(twice.at.cmdsize[4] - 4, 0x80000028, true); // LC_DYLD_INFO_ONLY becomes a second LC_MAIN
  assert.match(loaderError(() => loadImage(twice.bytes)).message, /More than one entry point/);
  const none = buildMacho({ cpu: "arm64" });
  new DataView(none.bytes.buffer).setUint32(lcMain, 0x26, true); // LC_FUNCTION_STARTS
  assert.match(loaderError(() => loadImage(none.bytes)).message, /no LC_MAIN or LC_UNIXTHREAD/);
  // A non-PIE image in the upper half of its window leaves no room for the stack, and one at
  // the very start of a window (lld's 0x1_0000_0000 without PIE) cannot be mapped: kitemu
  // never maps a window's first pages.
  for (const base of [0x1_9000_0000, 0x1_0000_0000]) {
    const high = buildMacho({ cpu: "x86_64", pie: false, base });
    assert.match(
      loaderError(() => KitEmu.create(high.bytes, {})).message,
      /does not fit kitemu's window/,
    );
  }
});

for (const cpu of ["arm64", "x86_64"] as const) {
  Deno.test(`macho: a fixed (non-PIE) ${cpu} image at 0x1_0040_0000 runs in window 1, unslid`, async () => {
    const b = buildMacho({
      cpu,
      pie: false,
      base: 0x1_0040_0000,
      rebases: [0],
      binds: [{ offset: 8, symbol: "_puts" }],
    });
    const img = loadImage(b.bytes);
    assert.equal(img.windowHi, 1);
    assert.equal(img.type, "exec");
    const emu = KitEmu.create(b.bytes, {});
    try {
      assert.equal(emu.mem.windowHi, 1);
      // Not slid: the rebased slot holds its original target.
      assert.equal(Number(emu.mem.readBig(0x1_0040_4000)), 0x1_0040_0100);
      assert.equal(await emu.run(), 42);
    } finally {
      emu.dispose();
    }
  });
}

/** Replace occurrence `nth` (0-based) of opcode `from` in the LINKEDIT opcodes with `to`. */
function patchOpcode(b: Uint8Array, from: number, to: number, nth = 0): void {
  const img = parseMacho(b);
  const link = img.segments[img.segments.length - 1];
  let at = b.indexOf(from, link.fileOffset);
  for (let k = 0; k < nth; k++) at = b.indexOf(from, at + 1);
  b[at] = to;
}

/** Shrink the bind table (LC_DYLD_INFO_ONLY bind_size) to `size` bytes. */
function patchBindSize(b: Uint8Array, size: number): void {
  const dv = new DataView(b.buffer);
  let at = 32;
  for (let i = 0; i < dv.getUint32(16, true); i++) {
    if (dv.getUint32(at, true) === 0x80000022) {
      dv.setUint32(at + 20, size, true);
      return;
    }
    at += dv.getUint32(at + 4, true);
  }
}
