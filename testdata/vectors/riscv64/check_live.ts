/**
 * Live comparison of the RISC-V decoder and disassembler against GNU objdump 2.40.
 * Needs the cross binutils; run by hand, not by the test suite:
 *
 *   deno run -A testdata/vectors/riscv64/check_live.ts c16          # all 16-bit encodings
 *   deno run -A testdata/vectors/riscv64/check_live.ts rand 200000  # random 32-bit words
 *   deno run -A testdata/vectors/riscv64/check_live.ts rows 200    # N random fills per table row
 *   deno run -A testdata/vectors/riscv64/check_live.ts elf /tmp/h   # every insn of an ELF's code
 *
 * With NO_ALIASES=1 it compares disasmNoAliases() with `objdump -M no-aliases`.
 * Prints mismatches (first 40) and a summary line "N passed, N failed".
 * @module
 */

import { CROWS, decode, ROWS } from "../../../src/arch/riscv64/decode.ts";
import { disasm, disasmNoAliases } from "../../../src/arch/riscv64/disasm.ts";
import { expectFor } from "./expect.ts";
import { type ObjdumpLine, objdumpWords } from "./objdump.ts";

/** Compare one objdump line with our result; returns an error text or null. */
const kinds: Record<string, number> = {};
const noAliases = Deno.env.get("NO_ALIASES") === "1";
const extraArgs = noAliases ? ["-M", "no-aliases"] : [];

function judge(word: number, l: ObjdumpLine): string | null {
  const e = expectFor(word, l.text);
  kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  const insn = decode(word);
  const hexw = word.toString(16).padStart(l.hex.length, "0");
  if (e.kind === "null") {
    return insn === null ? null : `${hexw}: expected null (${e.why}), got ${insn.op}`;
  }
  if (insn === null) return `${hexw}: got null, objdump says ${JSON.stringify(l.text)}`;
  if (e.kind === "accept") {
    return insn.op === e.op ? null : `${hexw}: expected ${e.op} (${e.why}), got ${insn.op}`;
  }
  const got = (noAliases ? disasmNoAliases : disasm)(insn, l.addr);
  return got === e.text
    ? null
    : `${hexw}: objdump ${JSON.stringify(e.text)} ours ${JSON.stringify(got)}`;
}

let seed = 0x2545f491;
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

async function checkWords(words: number[]): Promise<[number, number]> {
  let pass = 0, fail = 0;
  const chunk = 20000;
  for (let i = 0; i < words.length; i += chunk) {
    const part = words.slice(i, i + chunk);
    const lines = await objdumpWords(part, extraArgs);
    for (let j = 0; j < part.length; j++) {
      const err = judge(part[j], lines[j]);
      if (err === null) pass++;
      else {
        if (fail < 40) console.log(err);
        fail++;
      }
    }
  }
  return [pass, fail];
}

async function checkElf(path: string): Promise<[number, number]> {
  const out = await new Deno.Command("riscv64-linux-gnu-objdump", {
    args: ["-d", ...extraArgs, path],
    stdout: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  let pass = 0, fail = 0;
  for (const line of text.split("\n")) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f]+)\s*\t(.*)$/.exec(line);
    if (m === null) continue;
    const l: ObjdumpLine = {
      addr: parseInt(m[1], 16),
      hex: m[2],
      text: m[3].replace(/ <[^>]*>$/, "").replace(/\s+#.*$/, "").trimEnd(),
    };
    const err = judge(parseInt(m[2], 16) >>> 0, l);
    if (err === null) pass++;
    else {
      if (fail < 40) console.log(`${m[1]}: ${err}`);
      fail++;
    }
  }
  return [pass, fail];
}

const [mode, arg] = Deno.args;
let result: [number, number];
if (mode === "c16") {
  const words: number[] = [];
  for (let h = 0; h < 0x10000; h++) if ((h & 3) !== 3) words.push(h);
  result = await checkWords(words);
} else if (mode === "rand") {
  const n = Number(arg ?? "100000");
  const words: number[] = [];
  while (words.length < n) {
    const w = (rnd() | 3) >>> 0;
    if ((w & 0x1c) !== 0x1c) words.push(w);
  }
  result = await checkWords(words);
} else if (mode === "rows") {
  const n = Number(arg ?? "100");
  const words: number[] = [];
  for (const r of ROWS) for (let i = 0; i < n; i++) words.push((r.match | (rnd() & ~r.mask)) >>> 0);
  for (const r of CROWS) {
    for (let i = 0; i < n; i++) words.push((r.match | (rnd() & ~r.mask)) & 0xffff);
  }
  result = await checkWords(words);
} else if (mode === "elf") {
  result = await checkElf(arg);
} else {
  throw new Error("Usage: check_live.ts c16 | rand N | elf PATH");
}
console.log(`kinds: ${JSON.stringify(kinds)}`);
console.log(`${result[0]} passed, ${result[1]} failed`);
