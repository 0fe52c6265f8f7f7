/**
 * Builds small PE32+ images in TypeScript for loader tests and fuzz seeds:
 * headers, a .text section, an import directory (by name and by ordinal),
 * optional delay imports, base relocations and a TLS directory. Field offsets
 * follow the PE/COFF specification.
 * @module
 */

/** What to put in the image. */
export interface PeSpec {
  imageBase?: number;
  /** Imports: DLL name → function names ("#N" for ordinal N). */
  imports?: Record<string, string[]>;
  delayImports?: Record<string, string[]>;
  /** RVAs of 8-byte fields to relocate (DIR64). */
  relocs?: number[];
  tls?: boolean;
  /** Override the section count field (NumberOfSections). */
  numberOfSections?: number;
  machine?: number;
  /** Bytes of the .text section (default: `ret`). */
  code?: Uint8Array;
}

/** Offsets of interesting fields in images made by {@link buildPe}. */
export const PE_LAYOUT = {
  lfanew: 0x80,
  coff: 0x84,
  opt: 0x98,
  sections: 0x98 + 240,
  text: 0x1000,
  idata: 0x2000,
  reloc: 0x3000,
  data: 0x4000,
  fileText: 0x400,
  fileIdata: 0x600,
  fileReloc: 0xa00,
  fileData: 0xc00,
  size: 0xe00,
} as const;

/** A valid PE32+ image per `spec`. */
export function buildPe(spec: PeSpec = {}): Uint8Array {
  const L = PE_LAYOUT;
  const b = new Uint8Array(L.size);
  const dv = new DataView(b.buffer);
  const u16 = (o: number, v: number) => dv.setUint16(o, v, true);
  const u32 = (o: number, v: number) => dv.setUint32(o, v >>> 0, true);
  const u64 = (o: number, v: number) => dv.setBigUint64(o, BigInt(v), true);
  const str = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) b[o + i] = s.charCodeAt(i);
  };
  const base = spec.imageBase ?? 0x1_4000_0000;
  // DOS header.
  str(0, "MZ");
  u32(0x3c, L.lfanew);
  str(L.lfanew, "PE\0\0");
  // COFF header.
  u16(L.coff, spec.machine ?? 0x8664);
  u16(L.coff + 2, spec.numberOfSections ?? 4);
  u16(L.coff + 16, 240);
  u16(L.coff + 18, 0x22 | (spec.relocs?.length ? 0 : 1));
  // Optional header.
  const o = L.opt;
  u16(o, 0x20b);
  u32(o + 16, L.text); // AddressOfEntryPoint
  u64(o + 24, base);
  u32(o + 32, 0x1000);
  u32(o + 36, 0x200);
  u16(o + 40, 4);
  u16(o + 48, 5);
  u32(o + 56, 0x5000); // SizeOfImage
  u32(o + 60, 0x400); // SizeOfHeaders
  u16(o + 68, 3); // console
  u16(o + 70, spec.relocs?.length ? 0x60 : 0);
  u64(o + 72, 0x200000);
  u64(o + 80, 0x1000);
  u32(o + 108, 16);
  const dir = (i: number, rva: number, size: number) => {
    u32(o + 112 + i * 8, rva);
    u32(o + 116 + i * 8, size);
  };
  // Sections.
  const sec = (
    i: number,
    name: string,
    rva: number,
    vsize: number,
    raw: number,
    rawSize: number,
    ch: number,
  ) => {
    const h = L.sections + i * 40;
    str(h, name);
    u32(h + 8, vsize);
    u32(h + 12, rva);
    u32(h + 16, rawSize);
    u32(h + 20, raw);
    u32(h + 36, ch);
  };
  sec(0, ".text", L.text, 0x100, L.fileText, 0x200, 0x6000_0020);
  sec(1, ".idata", L.idata, 0x400, L.fileIdata, 0x400, 0xc000_0040);
  sec(2, ".reloc", L.reloc, 0x100, L.fileReloc, 0x200, 0x4200_0040);
  sec(3, ".data", L.data, 0x300, L.fileData, 0x200, 0xc000_0040);
  b.set(spec.code ?? Uint8Array.of(0xc3), L.fileText);

  // Imports: descriptors, then ILTs, IATs and names in .idata.
  const fileOf = (rva: number) => rva - L.idata + L.fileIdata;
  let next = L.idata + 0x100; // after at most 12 descriptors
  const take = (n: number) => {
    const r = next;
    next += Math.ceil(n / 8) * 8;
    return r;
  };
  const nameRva = (s: string) => {
    const r = take(s.length + 1);
    str(fileOf(r), s);
    return r;
  };
  const thunkTable = (fns: string[]) => {
    const ilt = take(8 * (fns.length + 1)), iat = take(8 * (fns.length + 1));
    fns.forEach((f, i) => {
      let v: bigint;
      if (f.startsWith("#")) v = (1n << 63n) | BigInt(Number(f.slice(1)));
      else {
        const hn = take(2 + f.length + 1);
        str(fileOf(hn) + 2, f);
        v = BigInt(hn);
      }
      dv.setBigUint64(fileOf(ilt) + 8 * i, v, true);
      dv.setBigUint64(fileOf(iat) + 8 * i, v, true);
    });
    return { ilt, iat };
  };
  const imports = Object.entries(spec.imports ?? { "KERNEL32.dll": ["ExitProcess", "#7"] });
  imports.forEach(([dll, fns], i) => {
    const { ilt, iat } = thunkTable(fns);
    const d = fileOf(L.idata + 20 * i);
    u32(d, ilt);
    u32(d + 12, nameRva(dll));
    u32(d + 16, iat);
  });
  dir(1, L.idata, 20 * (imports.length + 1));
  const delay = Object.entries(spec.delayImports ?? {});
  if (delay.length) {
    const table = take(32 * (delay.length + 1));
    delay.forEach(([dll, fns], i) => {
      const { ilt, iat } = thunkTable(fns);
      const d = fileOf(table + 32 * i);
      u32(d, 1);
      u32(d + 4, nameRva(dll));
      u32(d + 8, L.data + 0x180 + 8 * i); // module handle slot
      u32(d + 12, iat);
      u32(d + 16, ilt);
    });
    dir(13, table, 32 * (delay.length + 1));
  }
  if (next > L.idata + 0x400) throw new RangeError("Too many imports for the builder");

  // Base relocations: one block per page.
  const relocs = spec.relocs ?? [];
  if (relocs.length) {
    let p = L.fileReloc;
    const pages = new Map<number, number[]>();
    for (const r of relocs) {
      const pg = r & ~0xfff;
      pages.set(pg, [...(pages.get(pg) ?? []), r & 0xfff]);
    }
    for (const [pg, offs] of pages) {
      const n = offs.length + (offs.length % 2);
      u32(p, pg);
      u32(p + 4, 8 + 2 * n);
      offs.forEach((off, i) => u16(p + 8 + 2 * i, 0xa000 | off));
      p += 8 + 2 * n;
    }
    dir(5, L.reloc, p - L.fileReloc);
    for (const r of relocs) {
      // Each relocated field holds an address inside the image (file offset of .data fields).
      const fo = r >= L.data ? r - L.data + L.fileData : r - L.text + L.fileText;
      u64(fo, base + L.data);
    }
  }
  if (spec.tls) {
    // TLS directory at .data+0x100: template .data[0..16), index at .data+0x40, callbacks at +0x50.
    const t = L.fileData + 0x100;
    u64(t, base + L.data);
    u64(t + 8, base + L.data + 16);
    u64(t + 16, base + L.data + 0x40);
    u64(t + 24, base + L.data + 0x50);
    u64(L.fileData + 0x50, base + L.text);
    dir(9, L.data + 0x100, 40);
  }
  return b;
}

/** Valid PE seeds: imports by name and ordinal, delay imports, relocations, TLS. */
export function peSeeds(): Uint8Array[] {
  return [
    buildPe(),
    buildPe({ relocs: [PE_LAYOUT.data, PE_LAYOUT.data + 8, PE_LAYOUT.data + 0x10], tls: true }),
    buildPe({
      imports: { "KERNEL32.dll": ["ExitProcess", "#7"], "msvcrt.dll": ["printf", "malloc"] },
      delayImports: { "USER32.dll": ["MessageBoxA", "#3"] },
      relocs: [PE_LAYOUT.data],
    }),
  ];
}
