/**
 * Generates `decode_vectors.txt`: RISC-V encodings and the text GNU objdump 2.40
 * prints for them, and `decode_vectors_noalias.txt`: the same (minus the large
 * sweeps) as printed by `objdump -M no-aliases`. Needs `riscv64-linux-gnu-as` and `riscv64-linux-gnu-objdump`:
 *
 *   deno run -A testdata/vectors/riscv64/gen_decode.ts
 *
 * Inputs: the hand-written `decode_src.s` (assembled, so its encodings do not come
 * from our decoder), plus encodings made by filling the free bits of every row of
 * ROWS and CROWS with edge values and seeded random values, every rounding mode,
 * every aq/rl pair, all 4096 CSR numbers, CSR pseudo forms, a sample of the whole
 * 16-bit space, random 32-bit words and known-illegal encodings. The expected text
 * always comes from objdump, never from the code under test.
 *
 * Output line format: `<address hex> <encoding hex> <objdump text>`, where the text
 * is `mnemonic<TAB>operands` with ` <symbol>` and ` # comment` suffixes removed.
 * Lines starting with `#` are comments.
 * @module
 */

import { CROWS, ROWS } from "../../../src/arch/riscv64/decode.ts";
import { type ObjdumpLine, objdumpSource, objdumpWords } from "./objdump.ts";

const here = new URL(".", import.meta.url).pathname;

let seed = 0x12345678;
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

function fill32(mask: number, match: number, bits: number): number {
  return (match | (bits & ~mask)) >>> 0;
}

const sections: { name: string; words: number[] }[] = [];

// Every 32-bit row: free bits all 0, all 1, only bit 31, all but bit 31, and random.
{
  const words: number[] = [];
  for (const r of ROWS) {
    for (const b of [0, 0xffffffff, 0x80000000, 0x7fffffff]) words.push(fill32(r.mask, r.match, b));
    for (let i = 0; i < 10; i++) words.push(fill32(r.mask, r.match, rnd()));
  }
  sections.push({ name: "32-bit rows: edge and random fills", words });
}

// Every compressed row: free bits 0, all 1, only bit 12, all but bit 12, and random.
{
  const words: number[] = [];
  for (const r of CROWS) {
    for (const b of [0, 0xffff, 0x1000, 0xefff]) words.push((r.match | (b & ~r.mask)) & 0xffff);
    for (let i = 0; i < 14; i++) words.push((r.match | (rnd() & ~r.mask)) & 0xffff);
  }
  sections.push({ name: "16-bit rows: edge and random fills", words });
}

// Every rounding mode (0..7) for every row that has an rm field.
{
  const words: number[] = [];
  for (const r of ROWS) {
    if (!["fr", "fr4", "fr1", "fcvt_xf", "fcvt_fx"].includes(r.fmt)) continue;
    for (let rm = 0; rm < 8; rm++) {
      words.push(((fill32(r.mask, r.match, rnd()) & ~0x7000) | (rm << 12)) >>> 0);
    }
  }
  sections.push({ name: "every rounding mode", words });
}

// Every aq/rl pair for every A-extension row.
{
  const words: number[] = [];
  for (const r of ROWS) {
    if (r.fmt !== "amo" && r.fmt !== "lr") continue;
    for (let aqrl = 0; aqrl < 4; aqrl++) {
      words.push(((fill32(r.mask, r.match, rnd()) & ~0x06000000) | (aqrl << 25)) >>> 0);
    }
  }
  sections.push({ name: "every aq/rl pair", words });
}

// All CSR numbers (csrrs a0,csr,a1), then pseudo forms of the named counters and FP CSRs.
{
  const words: number[] = [];
  for (let c = 0; c < 4096; c++) {
    words.push(((c << 20) | (11 << 15) | (2 << 12) | (10 << 7) | 0x73) >>> 0);
  }
  sections.push({ name: "all CSR numbers", words });
  const pw: number[] = [];
  for (const c of [0x001, 0x002, 0x003, 0x004, 0xc00, 0xc01, 0xc02, 0xc03, 0xc80, 0xc81, 0x300]) {
    for (const f3 of [1, 2, 3, 5, 6, 7]) {
      for (const rd of [0, 10]) {
        for (const rs1 of [0, 11]) {
          pw.push(((c << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x73) >>> 0);
        }
      }
    }
  }
  sections.push({ name: "CSR pseudo forms", words: pw });
}

// A sample of the whole 16-bit space (exhaustive check: check_live.ts c16).
{
  const words: number[] = [];
  for (let h = 0; h < 0x10000; h += 11) if ((h & 3) !== 3) words.push(h);
  sections.push({ name: "16-bit space, every 11th value", words });
}

// Random 32-bit words (mostly unknown encodings, which must decode to null).
{
  const words: number[] = [];
  while (words.length < 2000) {
    const w = (rnd() | 3) >>> 0;
    if ((w & 0x1c) !== 0x1c) words.push(w);
  }
  sections.push({ name: "random 32-bit words", words });
}

// Known illegal, reserved and privileged encodings.
sections.push({
  name: "illegal, reserved and privileged encodings",
  words: [
    0x0000, // all zero (c.unimp)
    0x0004, // c.addi4spn nzuimm=0 (rd'=a1)
    0x0010,
    0x8000, // quadrant 0 funct3=100
    0x9c41, // reserved CA (funct6 100111, funct2 10)
    0x9c61, // reserved CA (funct6 100111, funct2 11)
    0x2001, // c.addiw rd=0
    0x2005, // c.addiw rd=0, imm=1
    0x6101, // c.addi16sp nzimm=0
    0x6501, // c.lui nzimm=0
    0x6001, // c.lui rd=0 nzimm=0
    0x4002, // c.lwsp rd=0
    0x6002, // c.ldsp rd=0
    0x8002, // c.jr rs1=0
    0x30200073, // mret
    0x10200073, // sret
    0x00200073, // uret
    0x10500073, // wfi
    0x12000073, // sfence.vma
    0x7b200073, // dret
    0x22000073, // hfence.vvma
    0x0000200f, // MISC-MEM funct3=2 (cbo.* not in scope)
    0x0000005b, // custom-2
    0x0000000b, // custom-0
    0xfe000033, // OP with unknown funct7
    0x0000403b, // OP-32 funct3=4 funct7=0
    0x00002073, // csrrs zero,0x0,zero (legal Zicsr)
    0x06000053, // fadd.q (Q not in scope)
    0x04000053, // fadd.h (Zfh not in scope)
    0x4000101b, // slliw with bit 30 set
    0x0200101b, // slliw with bit 25 set (shamt[5])
    0x28001013, // bset-like (Zbs not in scope)
    0x48001033, // bclr (Zbs not in scope)
    0x0a001033, // clmul (Zbc not in scope)
    0x0800403b, // zext.h (legal) next to:
    0x0811403b, // packw (Zbkb, not in scope)
  ],
});

/** Sections that are also written with `-M no-aliases` (the large sweeps are not). */
const NO_ALIAS_SKIP = new Set([
  "all CSR numbers",
  "16-bit space, every 11th value",
  "random 32-bit words",
]);

async function write(file: string, args: string[], what: string): Promise<void> {
  const out: string[] = [
    `# RISC-V 64 decode vectors: <address> <encoding> <objdump 2.40${what} text>.`,
    "# Generated by gen_decode.ts from decode_src.s and table-driven fills; do not edit.",
  ];
  const emit = (name: string, lines: ObjdumpLine[]): void => {
    out.push(`# ${name}`);
    for (const l of lines) out.push(`${l.addr.toString(16)} ${l.hex} ${l.text}`);
  };
  const src = await Deno.readTextFile(`${here}decode_src.s`);
  emit("decode_src.s (assembled)", await objdumpSource(src, args));
  for (const s of sections) {
    if (args.length > 0 && NO_ALIAS_SKIP.has(s.name)) continue;
    emit(s.name, await objdumpWords(s.words, args));
  }
  await Deno.writeTextFile(`${here}${file}`, out.join("\n") + "\n");
  console.log(`Wrote ${out.length} lines to ${file}`);
}

await write("decode_vectors.txt", [], "");
await write("decode_vectors_noalias.txt", ["-M", "no-aliases"], " -M no-aliases");
