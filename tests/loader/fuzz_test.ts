import assert from "node:assert/strict";
import { loadImage } from "../../src/loader/detect.ts";
import { LoaderError } from "../../src/loader/errors.ts";
import type { Image } from "../../src/loader/image.ts";
import { checkImage, defaultSeeds, fuzz, Rng } from "./fuzz.ts";

const ITERATIONS = 5000;

function describe(r: ReturnType<typeof fuzz>): string {
  return r.failures.slice(0, 5).map((f) =>
    `iteration ${f.iteration} (${f.kind}): ${f.message}; mutations: ${f.mutations.join("; ")}`
  ).join("\n");
}

Deno.test("fuzz: the seeds are valid images", () => {
  for (const [i, s] of defaultSeeds().entries()) {
    const img = loadImage(s);
    assert.equal(checkImage(img, s), null, `seed ${i}`);
  }
});

Deno.test("fuzz: every mutated ELF ends in a valid Image or a LoaderError", () => {
  const t0 = performance.now();
  for (const seed of [1, 0x5eed]) {
    const r = fuzz(defaultSeeds(), ITERATIONS, seed);
    assert.equal(r.failureCount, 0, describe(r));
    assert.equal(r.images + r.loaderErrors, ITERATIONS);
    // The mutations must reach past the ELF header, not only break the magic.
    assert.ok(r.images > ITERATIONS / 20, `only ${r.images} images`);
    assert.ok(r.loaderErrors > ITERATIONS / 2, `only ${r.loaderErrors} errors`);
    for (const field of ["e_phoff", "e_phnum", "e_entry", "p_offset", "p_filesz", "p_vaddr"]) {
      assert.ok((r.errorFields[field] ?? 0) > 0, `no LoaderError on ${field}`);
    }
    assert.ok(r.slowestMs < 100, `slowest load ${r.slowestMs} ms`);
  }
  assert.ok(performance.now() - t0 < 20_000, "fuzz test took more than 20 s");
});

Deno.test("fuzz: the same seed gives the same run", () => {
  const a = fuzz(defaultSeeds(), 500, 7);
  const b = fuzz(defaultSeeds(), 500, 7);
  const c = fuzz(defaultSeeds(), 500, 8);
  assert.deepEqual([a.images, a.loaderErrors, a.errorFields], [
    b.images,
    b.loaderErrors,
    b.errorFields,
  ]);
  assert.notDeepEqual([a.images, a.errorFields], [c.images, c.errorFields]);
});

Deno.test("fuzz: seeds are not modified", () => {
  const seeds = defaultSeeds();
  const copies = seeds.map((s) => s.slice());
  fuzz(seeds, 300, 3);
  assert.deepEqual(seeds, copies);
});

Deno.test("fuzz: the harness catches crashes, invalid images and slow loads", () => {
  // A loader that throws a plain TypeError on some inputs.
  let r = fuzz(defaultSeeds(), 200, 1, {
    load(bytes) {
      if (bytes.length % 2 === 1) throw new TypeError("Cannot read properties of undefined");
      return loadImage(bytes);
    },
  });
  assert.ok(r.failureCount > 0);
  assert.ok(r.failures.every((f) => f.kind === "exception" && /TypeError/.test(f.message)));
  assert.ok(r.failures[0].mutations.length > 0);

  // A loader that returns an image whose entry point is not executable.
  r = fuzz(defaultSeeds(), 50, 1, {
    load(bytes) {
      const img = loadImage(bytes);
      return { ...img, entry: img.segments[img.segments.length - 1].vaddr + 2 ** 48 };
    },
  });
  assert.ok(r.failureCount > 0);
  assert.ok(r.failures.every((f) => f.kind === "invalid-image"));

  // A slow loader.
  r = fuzz(defaultSeeds(), 3, 1, {
    timeLimitMs: 5,
    load(_bytes) {
      const until = performance.now() + 8;
      while (performance.now() < until) { /* busy */ }
      throw new LoaderError("Slow", 0, "x");
    },
  });
  assert.equal(r.failureCount, 3);
  assert.ok(r.failures.every((f) => f.kind === "slow"));
});

Deno.test("fuzz: checkImage rejects broken images", () => {
  const seed = defaultSeeds()[0];
  const good = loadImage(seed);
  assert.equal(checkImage(good, seed), null);
  const broken: [string, Image][] = [
    ["overlap", { ...good, segments: [good.segments[0], { ...good.segments[0] }] }],
    ["copy", {
      ...good,
      segments: good.segments.map((s) => ({ ...s, data: s.data.slice() })),
    }],
    ["unsafe", { ...good, entry: 2 ** 53 + 2 }],
    ["unaligned", { ...good, minVaddr: good.minVaddr + 1 }],
  ];
  for (const [name, img] of broken) assert.notEqual(checkImage(img, seed), null, name);
});

Deno.test("fuzz: Rng is deterministic and spreads", () => {
  const a = new Rng(42), b = new Rng(42);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const x = a.u32();
    assert.equal(x, b.u32());
    seen.add(a.below(10));
    b.below(10);
  }
  assert.equal(seen.size, 10);
});
