/**
 * Sweep: disassemble every instruction of the given aarch64 binaries with
 * kitemu and objdump and report the match percentage, with the most common
 * mismatching mnemonics.
 *
 *   deno run -A testdata/vectors/aarch64/sweep.ts testdata/build/aarch64/* testdata/build/busybox/aarch64/busybox
 * @module
 */

import { decode } from "../../../src/arch/aarch64/decode.ts";
import { disasm } from "../../../src/arch/aarch64/disasm.ts";
import { objdump } from "./objdump.ts";

let total = 0, ok = 0;
const bad = new Map<string, { n: number; ex: string[] }>();
for (const f of Deno.args) {
  for (const l of objdump(f)) {
    total++;
    const i = decode(l.word);
    const got = i ? disasm(i, l.addr) : "(null)";
    if (got === l.text) {
      ok++;
      continue;
    }
    const mn = l.text.split("\t")[0];
    const b = bad.get(mn) ?? { n: 0, ex: [] };
    b.n++;
    if (b.ex.length < 3) {
      b.ex.push(`${l.word.toString(16).padStart(8, "0")} want '${l.text}' got '${got}'`);
    }
    bad.set(mn, b);
  }
}
console.log(`${ok}/${total} match (${(100 * ok / total).toFixed(3)}%)`);
for (
  const [mn, b] of [...bad].sort((a, c) => c[1].n - a[1].n).slice(
    0,
    Number(Deno.env.get("TOP") ?? 40),
  )
) {
  console.log(`${mn}: ${b.n}`);
  for (const e of b.ex) console.log(`   ${e}`);
}
