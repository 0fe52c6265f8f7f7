/**
 * Helper for the RISC-V vector generators: assembles raw encodings with the GNU
 * cross assembler and returns what GNU objdump prints for each of them. Needs
 * `riscv64-linux-gnu-as` and `riscv64-linux-gnu-objdump` (binutils 2.40) on PATH.
 * Only the generators use this; the tests read the committed vector files.
 * @module
 */

/** One line of objdump output: address, encoding and the mnemonic+operands column. */
export interface ObjdumpLine {
  /** Address of the instruction. */
  addr: number;
  /** Encoding as objdump prints it (hex, 4 or 8 digits). */
  hex: string;
  /** Mnemonic, a tab, operands; any ` <symbol>` suffix removed. */
  text: string;
}

/** The -march string the vectors are generated for. */
export const MARCH = "rv64gc_zba_zbb";

/** The load address objdump reports (via --adjust-vma). */
export const BASE = 0x10000;

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) {
    throw new Error(`${cmd} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/**
 * Disassemble `source` (assembly text) with objdump and return its lines in order.
 * Extra `objdumpArgs` (e.g. `-M no-aliases`) are passed through.
 */
export async function objdumpSource(
  source: string,
  objdumpArgs: string[] = [],
): Promise<ObjdumpLine[]> {
  const dir = await Deno.makeTempDir({ prefix: "rvvec" });
  try {
    await Deno.writeTextFile(`${dir}/t.s`, source);
    await run("riscv64-linux-gnu-as", [`-march=${MARCH}`, "-o", `${dir}/t.o`, `${dir}/t.s`]);
    const text = await run("riscv64-linux-gnu-objdump", [
      "-d",
      `--adjust-vma=0x${BASE.toString(16)}`,
      ...objdumpArgs,
      `${dir}/t.o`,
    ]);
    const lines: ObjdumpLine[] = [];
    for (const l of text.split("\n")) {
      const m = /^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$/.exec(l);
      if (m === null) continue;
      lines.push({
        addr: parseInt(m[1], 16),
        hex: m[2].replace(/ /g, ""),
        text: m[3].replace(/\s+#.*$/, "").replace(/ <[^>]*>$/, "").trimEnd(),
      });
    }
    return lines;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Disassemble raw encodings (16-bit ones have low bits != 3) and return one line per word. */
export async function objdumpWords(
  words: readonly number[],
  objdumpArgs: string[] = [],
): Promise<ObjdumpLine[]> {
  const src = ".text\n" + words.map((w) => `.insn 0x${(w >>> 0).toString(16)}\n`).join("");
  const lines = await objdumpSource(src, objdumpArgs);
  if (lines.length !== words.length) {
    throw new Error(`Objdump printed ${lines.length} lines for ${words.length} words`);
  }
  return lines;
}
