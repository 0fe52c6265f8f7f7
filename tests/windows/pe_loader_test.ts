/**
 * The PE32+ loader: images built in TypeScript (pe_builder.ts), every malformed case the
 * issue lists, and the mingw-w64 test programs checked against objdump -p.
 */
import assert from "node:assert/strict";
import { loadImage } from "../../src/loader/detect.ts";
import { LoaderError } from "../../src/loader/errors.ts";
import { parsePe } from "../../src/loader/pe.ts";
import { fileExists, requireTool, SETUP_HINT, TESTDATA } from "../helpers.ts";
import { buildPe, PE_LAYOUT as L } from "./pe_builder.ts";

function loaderError(bytes: Uint8Array): LoaderError {
  try {
    loadImage(bytes);
  } catch (e) {
    assert.ok(e instanceof LoaderError, `expected a LoaderError, got ${e}`);
    return e;
  }
  assert.fail("expected a LoaderError");
}

function patch(b: Uint8Array, off: number, width: 2 | 4 | 8, v: number): Uint8Array {
  const c = b.slice();
  const dv = new DataView(c.buffer);
  if (width === 2) dv.setUint16(off, v, true);
  else if (width === 4) dv.setUint32(off, v >>> 0, true);
  else dv.setBigUint64(off, BigInt(v), true);
  return c;
}

Deno.test("pe: a built image parses into segments, imports, relocations and TLS", () => {
  const bytes = buildPe({
    imports: { "KERNEL32.dll": ["ExitProcess", "#7", "WriteFile"], "msvcrt.dll": ["printf"] },
    delayImports: { "USER32.dll": ["MessageBoxA", "#12"] },
    relocs: [L.data, L.data + 8],
    tls: true,
  });
  const img = loadImage(bytes);
  assert.equal(img.format, "pe");
  assert.equal(img.os, "windows");
  assert.equal(img.arch, "x86_64");
  assert.equal(img.type, "dyn");
  assert.equal(img.entry, 0x1_4000_1000);
  assert.deepEqual(img.segments.map((s) => [s.vaddr - 0x1_4000_0000, s.memsz, s.prot]), [
    [0, 0x1000, 1],
    [0x1000, 0x100, 5],
    [0x2000, 0x400, 3],
    [0x3000, 0x100, 1],
    [0x4000, 0x300, 3],
  ]);
  const pe = img.pe!;
  assert.deepEqual(
    pe.imports.map((d) => [d.dll, d.delay, d.functions.map((f) => f.name ?? `#${f.ordinal}`)]),
    [
      ["KERNEL32.dll", false, ["ExitProcess", "#7", "WriteFile"]],
      ["msvcrt.dll", false, ["printf"]],
      ["USER32.dll", true, ["MessageBoxA", "#12"]],
    ],
  );
  assert.deepEqual(pe.relocs, [{ rva: L.data, type: 10 }, { rva: L.data + 8, type: 10 }]);
  assert.equal(pe.relocatable, true);
  assert.deepEqual(pe.tls?.callbacks, [0x1_4000_1000]);
  assert.equal(pe.tls?.indexVa, 0x1_4000_4040);
  // Without relocations the image is fixed.
  const fixed = loadImage(buildPe());
  assert.equal(fixed.type, "exec");
  assert.equal(fixed.pe!.relocatable, false);
});

Deno.test("pe: malformed images end in a LoaderError naming the field", () => {
  const good = buildPe({ relocs: [L.data] });
  const cases: [string, Uint8Array, string][] = [
    ["e_lfanew beyond the file", patch(good, 0x3c, 4, 0xfff0), "e_lfanew"],
    ["e_lfanew inside the DOS header", patch(good, 0x3c, 4, 0x10), "e_lfanew"],
    ["huge NumberOfSections", patch(good, L.coff + 2, 2, 0xffff), "NumberOfSections"],
    ["no sections", patch(good, L.coff + 2, 2, 0), "NumberOfSections"],
    ["a section past SizeOfImage", patch(good, L.sections + 3 * 40 + 8, 4, 0x2000), "VirtualSize"],
    ["raw data past the file", patch(good, L.sections + 40 + 20, 4, 0xd00), "PointerToRawData"],
    ["overlapping sections", patch(good, L.sections + 40 + 12, 4, 0x1000), "VirtualAddress"],
    ["SizeOfBlock < 8", patch(good, L.fileReloc + 4, 4, 4), "SizeOfBlock"],
    ["SizeOfBlock past the directory", patch(good, L.fileReloc + 4, 4, 0x1000), "SizeOfBlock"],
    [
      "an import name out of bounds",
      patch(good, L.idata - L.idata + L.fileIdata + 12, 4, 0x9000),
      "Name",
    ],
    ["a hint/name RVA out of bounds", patch(good, L.fileIdata + 0x100, 8, 0x7fff_0000), "HintName"],
    ["PE32 magic", patch(good, L.opt, 2, 0x10b), "Magic"],
    ["i386 machine", patch(good, L.coff, 2, 0x14c), "Machine"],
    ["entry outside code", patch(good, L.opt + 16, 4, 0x4000), "AddressOfEntryPoint"],
    ["SizeOfImage 0", patch(good, L.opt + 56, 4, 0), "SizeOfImage"],
    ["odd SectionAlignment", patch(good, L.opt + 32, 4, 0x1001), "SectionAlignment"],
    ["ImageBase not 64K aligned", patch(good, L.opt + 24, 8, 0x1_4000_1000), "ImageBase"],
    ["truncated in the section table", good.slice(0, L.sections + 50), "SizeOfHeaders"],
  ];
  for (const [what, bytes, field] of cases) {
    const e = loaderError(bytes);
    assert.equal(e.field, field, `${what}: ${e.message}`);
    assert.match(e.message, /^[A-Z]/, what);
    assert.ok(!e.message.endsWith("."), what);
  }
});

Deno.test("pe: a relocation type the loader cannot apply is rejected", () => {
  const good = buildPe({ relocs: [L.data] });
  const e = loaderError(patch(good, L.fileReloc + 8, 2, 0x7000));
  assert.equal(e.field, "TypeOffset");
});

/** objdump -p facts about a PE file: ImageBase, entry, imports per DLL. */
async function objdump(path: string): Promise<{ base: number; entry: number; imports: string[] }> {
  const out = await new Deno.Command("x86_64-w64-mingw32-objdump", { args: ["-p", path] }).output();
  const text = new TextDecoder().decode(out.stdout);
  const base = parseInt(/ImageBase\s+([0-9a-f]+)/.exec(text)![1], 16);
  const entry = parseInt(/AddressOfEntryPoint\s+([0-9a-f]+)/.exec(text)![1], 16);
  const imports: string[] = [];
  let dll = "";
  for (const line of text.split("\n")) {
    const m = /^\s+DLL Name: (\S+)/.exec(line);
    if (m) dll = m[1];
    const f = /^\s+[0-9a-f]+\s+(\d+)\s+(\S+)$/.exec(line);
    if (dll && f) imports.push(`${dll}!${f[2]}`);
  }
  return { base, entry, imports };
}

Deno.test("pe: the mingw-w64 programs match objdump -p", async () => {
  requireTool("x86_64-w64-mingw32-objdump");
  const dir = `${TESTDATA}/build/windows`;
  for (
    const name of ["hello_k32", "hello_k32_fixed", "printf_win", "corpus/bigprog", "unknown_import"]
  ) {
    const path = `${dir}/${name}.exe`;
    assert.ok(fileExists(path), `${path} is missing: ${SETUP_HINT}`);
    const img = parsePe(await Deno.readFile(path));
    const ref = await objdump(path);
    assert.equal(img.pe!.imageBase, ref.base, name);
    assert.equal(img.entry, ref.base + ref.entry, name);
    const mine = img.pe!.imports.flatMap((d) => d.functions.map((f) => `${d.dll}!${f.name}`));
    assert.deepEqual(mine.sort(), ref.imports.sort(), name);
    assert.equal(
      img.type,
      name === "hello_k32_fixed" || name === "unknown_import" ? "exec" : "dyn",
      name,
    );
  }
});
