/**
 * A64 decoder and disassembler tests. The expected texts are GNU objdump 2.40
 * output committed in testdata/vectors/aarch64/decode_vectors.txt (regenerate
 * with gen_decode.ts): encodings assembled from decode_src.s plus a sample of
 * every mnemonic in the static glibc corpus and Debian's busybox.
 */

import assert from "node:assert/strict";
import { decode, decodeBitMask } from "../../../src/arch/aarch64/decode.ts";
import { disasm } from "../../../src/arch/aarch64/disasm.ts";
import { ROWS } from "../../../src/arch/aarch64/table.ts";

/** Mnemonics of extensions kitemu does not implement (SVE, SME, MTE, MOPS): must not decode. */
const UNIMPLEMENTED =
  /^(st1b|ld1b|ldg|whilelo|stz2g|st2g|gmi|irg|cntd|cntb|ptrue|stzg|stg|smstop|addsvl|cpyf?[pme]|set[pme]|str\tza|mov\tz)/;

interface Vector {
  line: number;
  addr: number;
  word: number;
  text: string;
}

function loadVectors(): Vector[] {
  const file = new URL("../../../testdata/vectors/aarch64/decode_vectors.txt", import.meta.url);
  const out: Vector[] = [];
  Deno.readTextFileSync(file).split("\n").forEach((l, i) => {
    if (l === "" || l.startsWith("#")) return;
    const a = l.indexOf(" "), b = l.indexOf(" ", a + 1);
    out.push({
      line: i + 1,
      addr: parseInt(l.slice(0, a), 16),
      word: parseInt(l.slice(a + 1, b), 16) >>> 0,
      text: l.slice(b + 1),
    });
  });
  return out;
}

Deno.test("aarch64 disassembly matches objdump on every vector", () => {
  const vs = loadVectors();
  assert.ok(vs.length > 1000, `only ${vs.length} vectors`);
  const failures: string[] = [];
  let matched = 0, skipped = 0;
  for (const v of vs) {
    const i = decode(v.word);
    if (UNIMPLEMENTED.test(v.text)) {
      skipped++;
      if (i !== null) failures.push(`line ${v.line}: ${v.text} should not decode, got ${i.op}`);
      continue;
    }
    const got = i ? disasm(i, v.addr) : "(null)";
    if (got === v.text) matched++;
    else failures.push(`line ${v.line} (${v.word.toString(16)}): want '${v.text}' got '${got}'`);
  }
  assert.deepEqual(failures, [], `${failures.length} failures`);
  assert.ok(matched > 1000 && skipped < 60, `${matched} matched, ${skipped} skipped`);
});

Deno.test("aarch64 table rows are well formed and reachable", () => {
  for (const r of ROWS) {
    assert.equal(r.pat.length, 32);
    assert.equal((r.value & ~r.mask) >>> 0, 0, r.op);
  }
  // Every row's own value pattern decodes to some row (possibly an earlier, more specific one).
  assert.equal(decode(0xd503201f)?.op, "hint");
  assert.equal(decode(0xd4000001)?.op, "svc");
  assert.equal(decode(0x00000000)?.op, "udf");
  assert.equal(decode(0xffffffff), null);
});

Deno.test("aarch64 CASP with an odd register is unallocated", () => {
  // objdump 2.40: 48207c82 casp x0, x1, x2, x3, [x4]; with Rs or Rt odd, ".inst ... ; undefined"
  assert.equal(decode(0x48207c82)?.op, "casp");
  assert.equal(decode(0x08207c82)?.op, "casp");
  for (const w of [0x48217c82, 0x48207c83, 0x483f7fff, 0x08217c82, 0x08207c83]) {
    assert.equal(decode(w), null, w.toString(16));
  }
  // Rt2 must be 11111
  assert.equal(decode(0x48207882), null);
});

Deno.test("aarch64 logical immediates decode per DecodeBitMasks", () => {
  // orr x0, xzr, #0x5555555555555555: N=0 immr=0 imms=0b111100
  assert.deepEqual(decodeBitMask(0, 0b111100, 0, 64), [0x55555555, 0x55555555]);
  // and w0, w1, #0xff: N=0 immr=0 imms=7
  assert.deepEqual(decodeBitMask(0, 7, 0, 32), [0xff, 0]);
  // 0x8000000000000000: N=1 immr=1 imms=0
  assert.deepEqual(decodeBitMask(1, 0, 1, 64), [0, -0x80000000]);
  // all ones is reserved
  assert.equal(decodeBitMask(1, 0b111111, 0, 64), null);
});
