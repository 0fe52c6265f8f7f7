/**
 * A tiny ELF64 little-endian writer for tests, written from the ELF
 * specification (System V gABI) independently of `src/loader/elf.ts`: the
 * field offsets and constants here are the tests' own.
 * @module
 */

/** ELF header field offsets (ELF64). */
export const EH = {
  e_ident: 0,
  EI_CLASS: 4,
  EI_DATA: 5,
  EI_VERSION: 6,
  EI_OSABI: 7,
  e_type: 16,
  e_machine: 18,
  e_version: 20,
  e_entry: 24,
  e_phoff: 32,
  e_shoff: 40,
  e_flags: 48,
  e_ehsize: 52,
  e_phentsize: 54,
  e_phnum: 56,
  e_shentsize: 58,
  e_shnum: 60,
  e_shstrndx: 62,
} as const;

/** Program header field offsets (ELF64). */
export const PH = {
  p_type: 0,
  p_flags: 4,
  p_offset: 8,
  p_vaddr: 16,
  p_paddr: 24,
  p_filesz: 32,
  p_memsz: 40,
  p_align: 48,
} as const;

/** Size of the ELF64 header and of one program header. */
export const EHDR_SIZE = 64;
/** Size of one ELF64 program header. */
export const PHDR_SIZE = 56;

/** p_type values. */
export const PT = {
  NULL: 0,
  LOAD: 1,
  DYNAMIC: 2,
  INTERP: 3,
  NOTE: 4,
  PHDR: 6,
  TLS: 7,
  GNU_EH_FRAME: 0x6474e550,
  GNU_STACK: 0x6474e551,
  GNU_RELRO: 0x6474e552,
} as const;

/** p_flags bits. */
export const PF = { X: 1, W: 2, R: 4 } as const;

/** e_machine values. */
export const EM = { X86_64: 62, AARCH64: 183, RISCV: 243, ARM: 40 } as const;

/** e_type values. */
export const ET = { REL: 1, EXEC: 2, DYN: 3, CORE: 4 } as const;

/** One program header, field by field. */
export interface RawPhdr {
  type: number;
  flags: number;
  offset: number | bigint;
  vaddr: number | bigint;
  paddr?: number | bigint;
  filesz: number | bigint;
  memsz: number | bigint;
  align: number | bigint;
}

/** Everything needed to write a raw ELF file. */
export interface RawElf {
  /** Total file size; the file is zero-filled before writing. */
  size: number;
  type?: number;
  machine?: number;
  entry: number | bigint;
  phoff?: number | bigint;
  flags?: number;
  phentsize?: number;
  /** Defaults to phdrs.length. */
  phnum?: number;
  phdrs: RawPhdr[];
  /** Extra bytes to place in the file. */
  blobs?: { offset: number; bytes: Uint8Array }[];
}

/** Writes a u64 field (number or bigint) little-endian. */
export function setU64(bytes: Uint8Array, off: number, value: number | bigint): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setBigUint64(
    off,
    BigInt.asUintN(64, BigInt(value)),
    true,
  );
}

/** Writes a u32 field little-endian. */
export function setU32(bytes: Uint8Array, off: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(off, value >>> 0, true);
}

/** Writes a u16 field little-endian. */
export function setU16(bytes: Uint8Array, off: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint16(off, value, true);
}

/** Reads a u64 field little-endian as a bigint. */
export function getU64(bytes: Uint8Array, off: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(off, true);
}

/** Writes a complete ELF64 LE file from raw fields. */
export function writeElf(spec: RawElf): Uint8Array {
  const out = new Uint8Array(spec.size);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  setU16(out, EH.e_type, spec.type ?? ET.EXEC);
  setU16(out, EH.e_machine, spec.machine ?? EM.RISCV);
  setU32(out, EH.e_version, 1);
  setU64(out, EH.e_entry, spec.entry);
  const phoff = spec.phoff ?? EHDR_SIZE;
  setU64(out, EH.e_phoff, phoff);
  setU64(out, EH.e_shoff, 0);
  setU32(out, EH.e_flags, spec.flags ?? 0);
  setU16(out, EH.e_ehsize, EHDR_SIZE);
  const phentsize = spec.phentsize ?? PHDR_SIZE;
  setU16(out, EH.e_phentsize, phentsize);
  setU16(out, EH.e_phnum, spec.phnum ?? spec.phdrs.length);
  setU16(out, EH.e_shentsize, 64);
  for (const blob of spec.blobs ?? []) out.set(blob.bytes, blob.offset);
  spec.phdrs.forEach((ph, i) => {
    const b = Number(phoff) + i * phentsize;
    setU32(out, b + PH.p_type, ph.type);
    setU32(out, b + PH.p_flags, ph.flags);
    setU64(out, b + PH.p_offset, ph.offset);
    setU64(out, b + PH.p_vaddr, ph.vaddr);
    setU64(out, b + PH.p_paddr, ph.paddr ?? ph.vaddr);
    setU64(out, b + PH.p_filesz, ph.filesz);
    setU64(out, b + PH.p_memsz, ph.memsz);
    setU64(out, b + PH.p_align, ph.align);
  });
  return out;
}

/** Options for {@link buildElf}, a typical two-segment executable. */
export interface BuildOptions {
  /** e_machine; RISC-V by default. */
  machine?: number;
  /** "exec" (ET_EXEC at 0x10000 by default) or "dyn" (ET_DYN at 0). */
  type?: "exec" | "dyn";
  /** Link address of the first PT_LOAD (file offset 0). */
  base?: number;
  /** e_flags. */
  flags?: number;
  /** Bytes of code after the headers (filled with a pattern). */
  textSize?: number;
  /** Bytes of initialized data. */
  dataSize?: number;
  /** Bytes of bss after the data. */
  bssSize?: number;
  /** Add a PT_INTERP with this path. */
  interp?: string;
  /** Add a PT_TLS at the start of the data segment. */
  tls?: { filesz: number; memsz: number; align: number };
  /** Add a PT_GNU_STACK with these flags (PF_R|PF_W, or with PF_X). */
  gnuStack?: number;
  /** Add a PT_PHDR. */
  phdr?: boolean;
  /**
   * "page": the data segment's vaddr is one page above its file position (as
   * GNU ld lays it out); "shared": the data segment starts in the same page
   * the text segment ends in (byte ranges still disjoint).
   */
  dataPlacement?: "page" | "shared";
  /** p_align for both PT_LOADs. */
  align?: number;
}

/** Where things ended up in a {@link buildElf} image: the expected values. */
export interface BuiltElf {
  bytes: Uint8Array;
  entry: number;
  phoff: number;
  phnum: number;
  /** Index of each program header by role. */
  index: {
    text: number;
    data: number;
    interp?: number;
    tls?: number;
    stack?: number;
    phdr?: number;
  };
  text: { offset: number; vaddr: number; filesz: number; memsz: number };
  data: { offset: number; vaddr: number; filesz: number; memsz: number };
  /** vaddr of the program header table. */
  phdrVaddr: number;
  interpOffset?: number;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/**
 * Builds a small, valid ELF64 executable: PT_PHDR?, PT_INTERP?, a R+X PT_LOAD
 * from file offset 0 (headers + text), a RW PT_LOAD (data + bss), PT_TLS?,
 * PT_GNU_STACK?. Returns the bytes and the layout it chose.
 */
export function buildElf(opts: BuildOptions = {}): BuiltElf {
  const type = opts.type ?? "exec";
  const base = opts.base ?? (type === "exec" ? 0x10000 : 0);
  const align = opts.align ?? 0x1000;
  const textSize = opts.textSize ?? 0x100;
  const dataSize = opts.dataSize ?? 0x40;
  const bssSize = opts.bssSize ?? 0x80;
  const enc = new TextEncoder();
  const interpBytes = opts.interp !== undefined ? enc.encode(opts.interp + "\0") : undefined;

  const index: BuiltElf["index"] = { text: 0, data: 0 };
  let n = 0;
  if (opts.phdr) index.phdr = n++;
  if (interpBytes) index.interp = n++;
  index.text = n++;
  index.data = n++;
  if (opts.tls) index.tls = n++;
  if (opts.gnuStack !== undefined) index.stack = n++;
  const phnum = n;

  const phoff = EHDR_SIZE;
  let cursor = phoff + phnum * PHDR_SIZE;
  let interpOffset: number | undefined;
  if (interpBytes) {
    interpOffset = cursor;
    cursor += interpBytes.length;
  }
  cursor = alignUp(cursor, 16);
  const entryOffset = cursor;
  cursor += textSize;
  const text = { offset: 0, vaddr: base, filesz: cursor, memsz: cursor };
  const dataOffset = alignUp(cursor, 16);
  const dataVaddr = base + dataOffset + ((opts.dataPlacement ?? "page") === "page" ? align : 0);
  const data = {
    offset: dataOffset,
    vaddr: dataVaddr,
    filesz: dataSize,
    memsz: dataSize + bssSize,
  };
  const size = dataOffset + dataSize;

  const phdrs: RawPhdr[] = new Array(phnum);
  if (index.phdr !== undefined) {
    phdrs[index.phdr] = {
      type: PT.PHDR,
      flags: PF.R,
      offset: phoff,
      vaddr: base + phoff,
      filesz: phnum * PHDR_SIZE,
      memsz: phnum * PHDR_SIZE,
      align: 8,
    };
  }
  if (index.interp !== undefined && interpBytes && interpOffset !== undefined) {
    phdrs[index.interp] = {
      type: PT.INTERP,
      flags: PF.R,
      offset: interpOffset,
      vaddr: base + interpOffset,
      filesz: interpBytes.length,
      memsz: interpBytes.length,
      align: 1,
    };
  }
  phdrs[index.text] = { type: PT.LOAD, flags: PF.R | PF.X, ...text, align };
  phdrs[index.data] = { type: PT.LOAD, flags: PF.R | PF.W, ...data, align };
  if (index.tls !== undefined && opts.tls) {
    phdrs[index.tls] = {
      type: PT.TLS,
      flags: PF.R,
      offset: data.offset,
      vaddr: data.vaddr,
      filesz: opts.tls.filesz,
      memsz: opts.tls.memsz,
      align: opts.tls.align,
    };
  }
  if (index.stack !== undefined && opts.gnuStack !== undefined) {
    phdrs[index.stack] = {
      type: PT.GNU_STACK,
      flags: opts.gnuStack,
      offset: 0,
      vaddr: 0,
      filesz: 0,
      memsz: 0,
      align: 16,
    };
  }

  const textFill = new Uint8Array(textSize);
  for (let i = 0; i < textSize; i++) textFill[i] = 0x13 + (i & 0x3f); // arbitrary pattern
  const dataFill = new Uint8Array(dataSize).fill(0xd5);
  const blobs = [{ offset: entryOffset, bytes: textFill }, { offset: dataOffset, bytes: dataFill }];
  if (interpBytes && interpOffset !== undefined) {
    blobs.push({ offset: interpOffset, bytes: interpBytes });
  }

  const bytes = writeElf({
    size,
    type: type === "exec" ? ET.EXEC : ET.DYN,
    machine: opts.machine ?? EM.RISCV,
    entry: base + entryOffset,
    phoff,
    flags: opts.flags ?? 0,
    phdrs,
    blobs,
  });
  return {
    bytes,
    entry: base + entryOffset,
    phoff,
    phnum,
    index,
    text,
    data,
    phdrVaddr: base + phoff,
    interpOffset,
  };
}

/** File offset of field `field` of program header `i` in an image with phdrs at `phoff`. */
export function phField(phoff: number, i: number, field: keyof typeof PH): number {
  return phoff + i * PHDR_SIZE + PH[field];
}
