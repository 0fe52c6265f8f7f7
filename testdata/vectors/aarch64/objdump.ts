/**
 * Runs aarch64-linux-gnu-objdump and normalizes its lines: `<symbol>` suffixes
 * and `// comment` tails are dropped, so the text is what disasm.ts produces.
 * Used by the vector generator and by the corpus sweep.
 * @module
 */

/** One disassembled instruction from objdump. */
export interface ObjdumpLine {
  addr: number;
  word: number;
  text: string;
}

/** Normalize one objdump instruction text. */
export function normalize(text: string): string {
  return text.replace(/\s*\/\/.*$/, "").replace(/ <[^>]*>/g, "").trimEnd()
    .replace(/(\t|, )0x([0-9a-f]+)$/, "$1$2");
}

/** Disassemble the .text (or every executable section) of `file`. */
export function objdump(file: string, args: string[] = ["-d"]): ObjdumpLine[] {
  const out = new Deno.Command("aarch64-linux-gnu-objdump", { args: [...args, file] }).outputSync();
  if (!out.success) throw new Error(`objdump failed: ${new TextDecoder().decode(out.stderr)}`);
  const lines: ObjdumpLine[] = [];
  for (const l of new TextDecoder().decode(out.stdout).split("\n")) {
    const m = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/.exec(l);
    if (!m) continue;
    lines.push({ addr: parseInt(m[1], 16), word: parseInt(m[2], 16) >>> 0, text: normalize(m[3]) });
  }
  return lines;
}
