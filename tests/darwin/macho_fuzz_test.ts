/**
 * Loader fuzzing of Mach-O images alone (tests/loader/fuzz.ts's harness with
 * Mach-O seeds only): every mutation of a thin or universal image, with
 * opcode or chained fixups, ends in a valid Image or a LoaderError, quickly,
 * and the mutations reach the load commands, segments, fixups and fat
 * header. A second pass starts the mutated images that load, through
 * KitEmu (mapping, fixups, binding, stack), for a few thousand instructions:
 * that too must end in a LoaderError or a running guest, never an exception.
 * @module
 */

import assert from "node:assert/strict";
import { KitEmu, LoaderError } from "../../mod.ts";
import { makeFat } from "../../testdata/darwin/tools/mkfat.ts";
import { fuzz, Rng } from "../loader/fuzz.ts";
import { buildMacho } from "./macho_builder.ts";

function seeds(): Uint8Array[] {
  const fixups = {
    rebases: [0, 16, 48],
    binds: [
      { offset: 8, symbol: "_printf" },
      { offset: 24, symbol: "_puts", lazy: true },
      { offset: 32, symbol: "___stdoutp", addend: 8 },
    ],
  };
  const arm = buildMacho({ cpu: "arm64", ...fixups }).bytes;
  const x86 = buildMacho({ cpu: "x86_64", ...fixups }).bytes;
  return [
    arm,
    x86,
    buildMacho({ cpu: "arm64", entry: "thread", chained: true, ...fixups }).bytes,
    buildMacho({ cpu: "x86_64", entry: "thread", pie: false, ...fixups }).bytes,
    buildMacho({ cpu: "x86_64", chained: true, ...fixups }).bytes,
    makeFat([x86, arm]),
  ];
}

Deno.test("macho fuzz: every mutated Mach-O ends in a valid Image or a LoaderError", () => {
  for (const seed of [3, 0xd0d0]) {
    const r = fuzz(seeds(), 4000, seed);
    assert.equal(
      r.failureCount,
      0,
      JSON.stringify(r.failures.slice(0, 3), (k, v) => (k === "input" ? undefined : v)),
    );
    assert.equal(r.images + r.loaderErrors, 4000);
    assert.ok(r.images > 400, `only ${r.images} images`);
    for (
      const field of ["cmdsize", "ncmds", "sizeofcmds", "fileoff", "vmaddr", "cputype", "magic"]
    ) {
      assert.ok(
        (r.errorFields[field] ?? 0) > 0,
        `no LoaderError on ${field}: ${JSON.stringify(r.errorFields)}`,
      );
    }
    const fixupErrors = ["rebase", "bind", "lazy bind", "dyld_chained_fixups"]
      .reduce((n, f) => n + (r.errorFields[f] ?? 0), 0);
    assert.ok(fixupErrors > 0, `no fixup errors: ${JSON.stringify(r.errorFields)}`);
  }
});

Deno.test("macho fuzz: mutated images start and run, or end in a LoaderError", async () => {
  const s = seeds();
  const rng = new Rng(11);
  let ran = 0;
  const sink = { write: (b: Uint8Array) => b.length };
  for (let i = 0; i < 60; i++) {
    const b = s[rng.below(s.length)].slice();
    for (let k = 1 + rng.below(3); k > 0; k--) {
      const at = rng.below(2) ? rng.below(Math.min(b.length, 1024)) : rng.below(b.length);
      b[at] = rng.below(256);
    }
    let emu: KitEmu;
    try {
      emu = KitEmu.create(b, { stdout: sink, stderr: sink });
    } catch (e) {
      if (e instanceof LoaderError) continue;
      throw new Error(`input ${i}: ${e}`);
    }
    try {
      await emu.step(200);
      ran++;
    } finally {
      emu.dispose();
    }
  }
  assert.ok(ran > 8, `only ${ran} images started`);
});
