/**
 * Import binding at run time on images built in TypeScript: imports by ordinal, delay-load
 * imports, embedder bindings, relocations applied when the image moves.
 */
import assert from "node:assert/strict";
import { KitEmu } from "../../mod.ts";
import { parsePe } from "../../src/loader/pe.ts";
import { buildPe, PE_LAYOUT as L } from "./pe_builder.ts";

/** `call [rip+X]` at `at` (6 bytes) to the IAT slot `slot` (RVAs). */
function callIat(at: number, slot: number): number[] {
  const d = slot - (at + 6);
  return [0xff, 0x15, d & 255, (d >> 8) & 255, (d >> 16) & 255, (d >>> 24) & 255];
}

/** An image whose code calls `first` (result in eax), then ExitProcess(eax). */
function program(first: [string, string], delay: boolean): { bytes: Uint8Array } {
  const spec = {
    imports: { "KERNEL32.dll": ["ExitProcess", "#7"] },
    delayImports: delay ? { "USER32.dll": ["MessageBoxA", "#12"] } : undefined,
    relocs: [L.data, L.data + 8],
  };
  const probe = parsePe(buildPe(spec)).pe!;
  const slot = (dll: string, name: string) =>
    probe.imports.find((d) => d.dll === dll)!.functions.find((f) =>
      (f.name ?? `#${f.ordinal}`) === name
    )!
      .iatRva;
  const code = [
    0xb9,
    0x05,
    0x00,
    0x00,
    0x00, // mov ecx, 5
    ...callIat(L.text + 5, slot(...first)),
    0x89,
    0xc1, // mov ecx, eax
    ...callIat(L.text + 13, slot("KERNEL32.dll", "ExitProcess")),
  ];
  return { bytes: buildPe({ ...spec, code: Uint8Array.from(code) }) };
}

function sink(): { out: number[]; w: { write(b: Uint8Array): number } } {
  const out: number[] = [];
  return { out, w: { write: (b) => (out.push(...b), b.length) } };
}

Deno.test("thunks: a delay-load import bound through resolveImport, then ExitProcess", async () => {
  const seen: string[] = [];
  const { bytes } = program(["USER32.dll", "MessageBoxA"], true);
  const emu = KitEmu.create(bytes, {
    bindings: {
      resolveImport: (dll, name) =>
        dll === "USER32.dll" && name === "MessageBoxA"
          ? (args) => {
            seen.push(`${name}(${args[0]})`);
            return args[0] * 8 + 2;
          }
          : undefined,
    },
  });
  try {
    assert.equal(await emu.run(), 42);
    assert.deepEqual(seen, ["MessageBoxA(5)"]);
    // The image moved (it has relocations): the DIR64 fields now point into the new place.
    const base = 0x1000_0000;
    assert.equal(emu.mem.readU64(base + L.data), base + L.data);
    assert.equal(emu.mem.readU64(base + L.data + 8), base + L.data);
  } finally {
    emu.dispose();
  }
});

Deno.test("thunks: an import by ordinal kitemu lacks fails when called, naming DLL!#ordinal", async () => {
  const err = sink();
  const { bytes } = program(["KERNEL32.dll", "#7"], false);
  const emu = KitEmu.create(bytes, { stderr: err.w });
  try {
    assert.equal(await emu.run(), 127);
    assert.match(
      new TextDecoder().decode(Uint8Array.from(err.out)),
      /unimplemented import KERNEL32\.dll!#7 called/,
    );
  } finally {
    emu.dispose();
  }
});

Deno.test("thunks: the IAT holds addresses of non-executable thunks, never zero", () => {
  const { bytes } = program(["USER32.dll", "MessageBoxA"], true);
  const emu = KitEmu.create(bytes);
  try {
    const pe = emu.image.pe!;
    const seen = new Set<number>();
    for (const d of pe.imports) {
      for (const f of d.functions) {
        const addr = emu.mem.readU64(0x1000_0000 + f.iatRva);
        assert.notEqual(addr, 0);
        assert.ok(emu.mem.check(addr, 8, 1), "thunk readable");
        assert.ok(!emu.mem.check(addr, 1, 4), "thunk not executable");
        seen.add(addr);
      }
    }
    assert.equal(seen.size, 4, "one thunk per distinct import");
  } finally {
    emu.dispose();
  }
});
