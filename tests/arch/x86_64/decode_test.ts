/**
 * x86-64 decoder and disassembler tests. The expected texts are GNU objdump
 * 2.40 output committed in testdata/vectors/x86_64/decode_vectors.txt
 * (regenerate with gen_decode.ts).
 */

import assert from "node:assert/strict";
import { decode, O_MEM, O_REG, ROWS } from "../../../src/arch/x86_64/decode.ts";
import { disasm } from "../../../src/arch/x86_64/disasm.ts";

interface Vector {
  line: number;
  addr: number;
  bytes: Uint8Array;
  text: string;
}

function loadVectors(): Vector[] {
  const file = new URL("../../../testdata/vectors/x86_64/decode_vectors.txt", import.meta.url);
  const out: Vector[] = [];
  Deno.readTextFileSync(file).split("\n").forEach((l, i) => {
    if (l === "" || l.startsWith("#")) return;
    const a = l.indexOf(" ");
    const b = l.indexOf(" ", a + 1);
    const hex = l.slice(a + 1, b);
    const bytes = new Uint8Array(hex.length / 2);
    for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
    out.push({ line: i + 1, addr: parseInt(l.slice(0, a), 16), bytes, text: l.slice(b + 1) });
  });
  return out;
}

/** Check every vector; returns the failure messages. */
export function checkVectors(vectors: Vector[]): { failures: string[]; bad: number } {
  const failures: string[] = [];
  let bad = 0;
  for (const v of vectors) {
    const insn = decode(v.bytes, 0);
    const where = `line ${v.line} (${
      [...v.bytes].map((x) => x.toString(16).padStart(2, "0")).join(" ")
    })`;
    if (v.text.includes("(bad)")) {
      bad++;
      if (insn && insn.len === v.bytes.length) {
        failures.push(`${where}: objdump says (bad), we decode ${disasm(insn, v.addr)}`);
      }
      continue;
    }
    if (!insn && /^rex(\.[WRXB]+)?$/.test(v.text)) continue; // a lone REX before a prefix
    if (!insn) {
      failures.push(`${where}: got null, objdump prints ${JSON.stringify(v.text)}`);
      continue;
    }
    const got = disasm(insn, v.addr);
    if (insn.len !== v.bytes.length || got !== v.text) {
      failures.push(
        `${where}: objdump ${JSON.stringify(v.text)}, ours ${JSON.stringify(got)} len ${insn.len}`,
      );
    }
  }
  return { failures, bad };
}

const VECTORS = loadVectors();

Deno.test("decode vectors: decode() and disasm() agree with objdump 2.40", () => {
  const { failures } = checkVectors(VECTORS);
  if (Deno.env.get("X86_SHOW_ALL")) console.log(failures.join("\n"));
  assert.deepEqual(failures.slice(0, 40), []);
  assert.ok(VECTORS.length > 10000, "vector file looks truncated");
});

Deno.test("decode: prefixes, REX and operand sizes by hand", () => {
  // 66 41 89 c8: mov %cx,%r8w
  const a = decode(new Uint8Array([0x66, 0x41, 0x89, 0xc8]), 0)!;
  assert.equal(a.op, "mov");
  assert.equal(a.opsize, 2);
  assert.equal(a.ops[0].t, O_REG);
  assert.equal(a.ops[0].reg, 8);
  // 40 88 e0 is mov %spl,%al; 88 e0 is mov %ah,%al
  assert.equal(decode(new Uint8Array([0x88, 0xe0]), 0)!.ops[1].h8, true);
  assert.equal(decode(new Uint8Array([0x40, 0x88, 0xe0]), 0)!.ops[1].h8, false);
  // 48 8b 05 10 00 00 00: mov 0x10(%rip),%rax
  const r = decode(new Uint8Array([0x48, 0x8b, 0x05, 0x10, 0, 0, 0]), 0)!;
  assert.equal(r.ops[1].t, O_MEM);
  assert.equal(r.ops[1].rip, true);
  assert.equal(r.ops[1].disp, 16);
  assert.equal(r.len, 7);
  // truncated input and VEX are null
  assert.equal(decode(new Uint8Array([0x48, 0x8b, 0x05, 0x10]), 0), null);
  assert.equal(decode(new Uint8Array([0xc5, 0xf9, 0x6f, 0xc1]), 0), null);
  // a lock on a register destination is invalid
  assert.equal(decode(new Uint8Array([0xf0, 0x01, 0xc0]), 0), null);
  assert.ok(ROWS.length > 500);
});
