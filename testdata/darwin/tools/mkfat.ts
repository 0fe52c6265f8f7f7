/**
 * mkfat: joins thin Mach-O files into a universal ("fat") file, as
 * `lipo -create` does: a big-endian fat_header, one fat_arch per slice, and
 * each slice at a 16 KiB aligned offset.
 *
 *   deno run --allow-read --allow-write testdata/darwin/tools/mkfat.ts OUT THIN...
 * @module
 */

/** Slice alignment: 2^14 (the arm64 page size, what lipo uses). */
const ALIGN_LOG2 = 14;

/**
 * Build a universal file from thin Mach-O images.
 *
 * @example
 * ```ts
 * const fat = makeFat([arm64Bytes, x86Bytes]);
 * ```
 */
export function makeFat(slices: Uint8Array[]): Uint8Array {
  const align = 1 << ALIGN_LOG2;
  let offset = align;
  const placed = slices.map((s) => {
    const v = new DataView(s.buffer, s.byteOffset, s.byteLength);
    if (v.getUint32(0, true) !== 0xfeedfacf) throw new Error("Not a thin 64-bit Mach-O file");
    const at = offset;
    offset = Math.ceil((offset + s.length) / align) * align;
    return { s, at, cpu: v.getUint32(4, true), sub: v.getUint32(8, true) };
  });
  const last = placed[placed.length - 1];
  const out = new Uint8Array(last.at + last.s.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xcafebabe, false);
  dv.setUint32(4, placed.length, false);
  placed.forEach((p, i) => {
    const e = 8 + 20 * i;
    dv.setUint32(e, p.cpu, false);
    dv.setUint32(e + 4, p.sub, false);
    dv.setUint32(e + 8, p.at, false);
    dv.setUint32(e + 12, p.s.length, false);
    dv.setUint32(e + 16, ALIGN_LOG2, false);
    out.set(p.s, p.at);
  });
  return out;
}

if (import.meta.main) {
  const [dst, ...src] = Deno.args;
  if (!dst || src.length === 0) {
    console.error("usage: mkfat.ts OUT THIN...");
    Deno.exit(2);
  }
  Deno.writeFileSync(dst, makeFat(src.map((f) => Deno.readFileSync(f))), { mode: 0o755 });
}
