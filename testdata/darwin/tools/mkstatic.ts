/**
 * mkstatic: rewrites a dyld-style Mach-O executable (LC_MAIN, LC_LOAD_DYLINKER,
 * MH_PIE: what ld64.lld-14 always produces) into a truly static one, as the
 * macOS kernel starts it without dyld: LC_UNIXTHREAD with the entry pc,
 * no dylinker, no dyld info, no code signature, not PIE, and linked at
 * 0x400000 instead of 0x100000000 (so __PAGEZERO shrinks to 4 MiB), with
 * every rebase applied to the file's bytes. The input must import nothing
 * (raw system calls only) and have room for the larger load command (link
 * with `-headerpad 0x400`).
 *
 *   deno run --allow-read --allow-write testdata/darwin/tools/mkstatic.ts IN OUT
 * @module
 */

import { parseMacho } from "../../../src/loader/macho.ts";

/** The static image's base address. */
export const STATIC_BASE = 0x400000;

const LC_SEGMENT_64 = 0x19;
const LC_SYMTAB = 0x2;
const LC_UNIXTHREAD = 0x5;
const LC_LOAD_DYLINKER = 0xe;
const LC_MAIN = 0x80000028;
const LC_DYLD_INFO_ONLY = 0x80000022;
const LC_DYLD_INFO = 0x22;
const LC_CODE_SIGNATURE = 0x1d;
const LC_DYLD_CHAINED_FIXUPS = 0x80000034;
const LC_DYLD_EXPORTS_TRIE = 0x80000033;
const MH_PIE = 0x200000;
const MH_DYLDLINK = 0x4;
const CPU_TYPE_X86_64 = 0x01000007;

/**
 * Rewrite `input` (an LC_MAIN executable) as a static LC_UNIXTHREAD executable.
 *
 * @example
 * ```ts
 * const out = makeStatic(await Deno.readFile("hello"));
 * ```
 */
export function makeStatic(input: Uint8Array): Uint8Array {
  const img = parseMacho(input);
  const m = img.macho!;
  if (m.binds.length > 0) {
    throw new Error("The program imports symbols; only raw-syscall programs can be static");
  }
  if (m.entryKind !== "main") throw new Error("The program is not an LC_MAIN executable");
  const out = input.slice();
  const dv = new DataView(out.buffer);
  const delta = STATIC_BASE - m.headerAddr;
  const add64 = (off: number, d: number) =>
    dv.setBigUint64(off, dv.getBigUint64(off, true) + BigInt(d), true);

  // Apply the rebases in the file (each slot lies in a segment's file bytes).
  for (const r of m.rebases) {
    const seg = img.segments.find((s) => r.addr >= s.vaddr && r.addr + 8 <= s.vaddr + s.filesz);
    if (!seg) throw new Error(`Rebase at 0x${r.addr.toString(16)} is outside the file`);
    dv.setBigUint64(seg.fileOffset + (r.addr - seg.vaddr), BigInt(r.target + delta), true);
  }

  // Rebuild the load commands.
  const ncmds = dv.getUint32(16, true);
  const sizeofcmds = dv.getUint32(20, true);
  const cpu = dv.getUint32(4, true);
  const kept: Uint8Array[] = [];
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = dv.getUint32(at, true);
    const size = dv.getUint32(at + 4, true);
    const c = out.slice(at, at + size);
    const cv = new DataView(c.buffer);
    switch (cmd) {
      case LC_SEGMENT_64: {
        const name = new TextDecoder().decode(c.subarray(8, 24)).replace(/\0+$/, "");
        if (name === "__PAGEZERO") {
          cv.setBigUint64(32, BigInt(STATIC_BASE), true); // vmsize
        } else {
          cv.setBigUint64(24, cv.getBigUint64(24, true) + BigInt(delta), true);
          const nsects = cv.getUint32(64, true);
          for (let k = 0; k < nsects; k++) {
            const s = 72 + 80 * k;
            cv.setBigUint64(s + 32, cv.getBigUint64(s + 32, true) + BigInt(delta), true);
          }
        }
        kept.push(c);
        break;
      }
      case LC_SYMTAB: {
        const symoff = cv.getUint32(8, true), nsyms = cv.getUint32(12, true);
        for (let k = 0; k < nsyms; k++) {
          const o = symoff + 16 * k;
          if ((out[o + 4] & 0x0e) === 0x0e) add64(o + 8, delta);
        }
        kept.push(c);
        break;
      }
      case LC_MAIN:
      case LC_LOAD_DYLINKER:
      case LC_DYLD_INFO:
      case LC_DYLD_INFO_ONLY:
      case LC_DYLD_CHAINED_FIXUPS:
      case LC_DYLD_EXPORTS_TRIE:
      case LC_CODE_SIGNATURE:
        break; // the kernel starts a static image without dyld
      default:
        kept.push(c);
    }
    at += size;
  }
  const x86 = cpu === CPU_TYPE_X86_64;
  const count = x86 ? 42 : 68;
  const thread = new Uint8Array(16 + count * 4);
  const tv = new DataView(thread.buffer);
  tv.setUint32(0, LC_UNIXTHREAD, true);
  tv.setUint32(4, thread.length, true);
  tv.setUint32(8, x86 ? 4 : 6, true); // x86_THREAD_STATE64 / ARM_THREAD_STATE64
  tv.setUint32(12, count, true);
  tv.setBigUint64(16 + 8 * (x86 ? 16 : 32), BigInt(img.entry + delta), true); // rip / pc
  kept.push(thread);
  const total = kept.reduce((n, c) => n + c.length, 0);
  const firstSection = firstSectionOffset(input);
  if (32 + total > firstSection) {
    throw new Error(
      `No room for the load commands (${32 + total} > ${firstSection}): link with -headerpad 0x400`,
    );
  }
  out.fill(0, 32, 32 + Math.max(sizeofcmds, total));
  let p = 32;
  for (const c of kept) {
    out.set(c, p);
    p += c.length;
  }
  dv.setUint32(16, kept.length, true);
  dv.setUint32(20, total, true);
  dv.setUint32(24, dv.getUint32(24, true) & ~(MH_PIE | MH_DYLDLINK), true);
  return out;
}

/** The file offset of the first section's data (where the load commands must end). */
function firstSectionOffset(b: Uint8Array): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ncmds = dv.getUint32(16, true);
  let at = 32, min = b.length;
  for (let i = 0; i < ncmds; i++) {
    const cmd = dv.getUint32(at, true);
    if (cmd === LC_SEGMENT_64) {
      const nsects = dv.getUint32(at + 64, true);
      for (let k = 0; k < nsects; k++) {
        const off = dv.getUint32(at + 72 + 80 * k + 48, true);
        if (off > 0 && off < min) min = off;
      }
    }
    at += dv.getUint32(at + 4, true);
  }
  return min;
}

if (import.meta.main) {
  const [src, dst] = Deno.args;
  if (!src || !dst) {
    console.error("usage: mkstatic.ts IN OUT");
    Deno.exit(2);
  }
  Deno.writeFileSync(dst, makeStatic(Deno.readFileSync(src)), { mode: 0o755 });
}
