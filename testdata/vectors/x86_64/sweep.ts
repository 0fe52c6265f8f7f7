/**
 * Sweep: disassemble whole binaries with objdump and with kitemu's x86-64
 * decoder, and report how many instructions match exactly.
 *
 *   deno run -A testdata/vectors/x86_64/sweep.ts testdata/build/x86_64-musl/* testdata/build/busybox/x86_64/busybox
 *
 * VEX/EVEX-encoded instructions (out of scope) are counted separately.
 * @module
 */

import { decode } from "../../../src/arch/x86_64/decode.ts";
import { disasm } from "../../../src/arch/x86_64/disasm.ts";

const show = Number(Deno.env.get("SHOW") ?? "0");
let total = 0, ok = 0, vex = 0;
const bad = new Map<string, number>();
const examples: string[] = [];
for (const path of Deno.args) {
  const r = new Deno.Command("objdump", {
    args: ["-d", "-w", "--insn-width=16", "-j", ".text", path],
    stdout: "piped",
  }).outputSync();
  const out = new TextDecoder().decode(r.stdout);
  for (const l of out.split("\n")) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$/.exec(l);
    if (!m) continue;
    const hex = m[2].replace(/ /g, "");
    const bytes = new Uint8Array(hex.length / 2);
    for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
    // Stripped binaries have no symbols: objdump then writes targets as 0x...
    const text = m[3].replace(/ <[^>]*>/g, "").replace(/\s+$/, "")
      .replace(/# 0x([0-9a-f]+)$/, "# $1")
      .replace(/^((?:\S+ )*?(?:j[a-z,]+|call|loop[a-z]*|xbegin)\s+)0x([0-9a-f]+)$/, "$1$2");
    total++;
    const i = decode(bytes, 0);
    const got = i ? disasm(i, parseInt(m[1], 16)) : null;
    if (i && i.len === bytes.length && got === text) {
      ok++;
      continue;
    }
    let p = 0;
    while ([0x66, 0x67, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65].includes(bytes[p])) p++;
    if (bytes[p] === 0xc4 || bytes[p] === 0xc5 || bytes[p] === 0x62) {
      vex++;
      continue;
    }
    const key = text.split(/\s+/)[0];
    bad.set(key, (bad.get(key) ?? 0) + 1);
    if (examples.length < show) examples.push(`${hex}: objdump ${text} | ours ${got}`);
  }
}
const pct = (n: number, d: number) => (100 * n / d).toFixed(3) + "%";
console.log(`${total} instructions, ${ok} match (${pct(ok, total)})`);
console.log(`${vex} VEX/EVEX (not decoded); of the rest ${pct(ok, total - vex)} match`);
console.log(
  [...bad].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${k}:${v}`).join(" "),
);
for (const e of examples) console.log(e);
