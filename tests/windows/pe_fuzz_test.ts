/**
 * Loader fuzzing of PE32+ images: mutated images built by pe_builder.ts (and the mingw-w64
 * hello when it is built) must each end in a valid Image or a LoaderError, quickly.
 */
import assert from "node:assert/strict";
import { KitEmu, LoaderError } from "../../mod.ts";
import { loadImage } from "../../src/loader/detect.ts";
import { checkImage, fuzz } from "../loader/fuzz.ts";
import { peSeeds } from "./pe_builder.ts";

const ITERATIONS = 4000;

Deno.test("pe fuzz: the seeds are valid images", () => {
  for (const [i, s] of peSeeds().entries()) {
    assert.equal(checkImage(loadImage(s), s), null, `seed ${i}`);
  }
});

Deno.test("pe fuzz: every mutated PE ends in a valid Image or a LoaderError", () => {
  const t0 = performance.now();
  for (const seed of [1, 0x5eed]) {
    const r = fuzz(peSeeds(), ITERATIONS, seed);
    const shown = r.failures.slice(0, 5).map((f) =>
      `${f.kind}: ${f.message} (${f.mutations.join("; ")})`
    );
    assert.equal(r.failureCount, 0, shown.join("\n"));
    assert.equal(r.images + r.loaderErrors, ITERATIONS);
    assert.ok(r.images > ITERATIONS / 20, `only ${r.images} images`);
    assert.ok(r.loaderErrors > ITERATIONS / 10, `only ${r.loaderErrors} errors`);
    for (const field of ["e_lfanew", "NumberOfSections", "VirtualSize", "SizeOfImage"]) {
      assert.ok(
        (r.errorFields[field] ?? 0) > 0,
        `no LoaderError on ${field}: ${JSON.stringify(r.errorFields)}`,
      );
    }
    assert.ok(r.slowestMs < 100, `slowest load ${r.slowestMs} ms`);
  }
  assert.ok(performance.now() - t0 < 20_000, "PE fuzzing took more than 20 s");
});

Deno.test("pe fuzz: random bytes anywhere in the file (tables included) never crash the loader", () => {
  const seeds = peSeeds();
  let state = 12345;
  const rnd = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 0x1_0000_0000) * n);
  };
  const counts = { images: 0, errors: 0 };
  const fields = new Set<string>();
  for (let it = 0; it < 20000; it++) {
    const b = seeds[rnd(seeds.length)].slice();
    const n = 1 + rnd(6);
    for (let k = 0; k < n; k++) {
      const pos = rnd(b.length);
      b[pos] = rnd(3) === 0 ? 0xff : rnd(256);
    }
    const t0 = performance.now();
    try {
      const img = loadImage(b);
      assert.equal(checkImage(img, b), null);
      counts.images++;
    } catch (e) {
      if (!(e instanceof Error) || e.name !== "LoaderError") throw e;
      fields.add((e as unknown as { field: string }).field);
      counts.errors++;
    }
    assert.ok(performance.now() - t0 < 100, "a load took more than 100 ms");
  }
  for (const f of ["SizeOfBlock", "HintName", "Name", "OriginalFirstThunk"]) {
    assert.ok(fields.has(f), `no LoaderError on ${f}: ${[...fields].join(", ")}`);
  }
  assert.ok(counts.images > 1000 && counts.errors > 1000, JSON.stringify(counts));
});

Deno.test("pe fuzz: starting mutated images (mapping, relocations, imports, TLS) never crashes", () => {
  const seeds = peSeeds();
  let state = 777;
  const rnd = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 0x1_0000_0000) * n);
  };
  let started = 0, rejected = 0;
  for (let it = 0; it < 120; it++) {
    const b = seeds[rnd(seeds.length)].slice();
    for (let k = 1 + rnd(4); k > 0; k--) b[rnd(b.length)] = rnd(256);
    let emu: KitEmu | null = null;
    try {
      emu = KitEmu.create(b, {
        stdout: { write: (x) => x.length },
        stderr: { write: (x) => x.length },
      });
      started++;
    } catch (e) {
      if (!(e instanceof LoaderError)) throw e;
      rejected++;
    } finally {
      emu?.dispose();
    }
  }
  assert.ok(started > 20 && rejected > 5, `started ${started}, rejected ${rejected}`);
});
