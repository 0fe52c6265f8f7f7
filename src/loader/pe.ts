/**
 * PE32+ (64-bit Windows) executable parser: DOS and NT headers, sections,
 * base relocations, imports by name and by ordinal, delay-load imports, the
 * TLS directory and its callbacks, the exception directory. Every field is
 * checked against the file before it is used; a malformed image ends in a
 * {@link LoaderError} naming the field and its file offset.
 *
 * The result is a format-neutral {@link Image} (segments are views into the
 * file) plus {@link PeInfo} in `image.pe`, which the Windows personality
 * (`src/os/windows/`) uses to map, relocate and bind the image.
 *
 * All work is bounded by the file size: every table is walked only as far as
 * its bytes lie inside the file, and counts are capped.
 * @module
 */

import { LoaderError } from "./errors.ts";
import { type Image, PROT_EXEC, PROT_READ, PROT_WRITE, type Segment } from "./image.ts";

/** Windows' own limit on the section count. */
export const MAX_SECTIONS = 96;
/** Largest SizeOfImage accepted (the image must fit kitemu's address window with room to spare). */
export const MAX_IMAGE_SIZE = 0x4000_0000;
/** Most imported functions in one image (all DLLs together). */
export const MAX_IMPORTS = 65536;
/** Largest TLS zero fill accepted (the template is copied for the thread at start-up). */
export const MAX_TLS_ZERO_FILL = 16 << 20;
/** Most TLS callbacks read. */
export const MAX_TLS_CALLBACKS = 256;
/** Longest DLL or function name. */
const MAX_NAME = 512;
const USER_ADDR_LIMIT = 2 ** 47;

/** IMAGE_FILE_MACHINE_AMD64. */
export const MACHINE_AMD64 = 0x8664;
/** IMAGE_FILE_RELOCS_STRIPPED. */
export const FILE_RELOCS_STRIPPED = 0x0001;
/** IMAGE_FILE_DLL. */
export const FILE_DLL = 0x2000;
/** IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE. */
export const DLL_DYNAMIC_BASE = 0x0040;

/** Section characteristics. */
export const SCN_CNT_CODE = 0x20;
export const SCN_CNT_UNINITIALIZED_DATA = 0x80;
export const SCN_MEM_EXECUTE = 0x2000_0000;
export const SCN_MEM_READ = 0x4000_0000;
export const SCN_MEM_WRITE = 0x8000_0000;

/** Base relocation types. */
export const REL_ABSOLUTE = 0;
export const REL_HIGH = 1;
export const REL_LOW = 2;
export const REL_HIGHLOW = 3;
export const REL_DIR64 = 10;

/** Data directory indexes. */
const DIR_IMPORT = 1;
const DIR_EXCEPTION = 3;
const DIR_BASERELOC = 5;
const DIR_TLS = 9;
const DIR_DELAY_IMPORT = 13;

/** One section header. */
export interface PeSection {
  name: string;
  /** RVA and size in memory. */
  rva: number;
  vsize: number;
  /** File offset and size of the raw data. */
  rawOffset: number;
  rawSize: number;
  characteristics: number;
}

/** One imported function. */
export interface PeImport {
  /** The name, or undefined for an import by ordinal. */
  name?: string;
  /** The ordinal (imports by ordinal), or the hint (imports by name). */
  ordinal: number;
  /** RVA of the IAT slot (8 bytes) the loader fills with the function's address. */
  iatRva: number;
}

/** The imports from one DLL. */
export interface PeImportDll {
  dll: string;
  /** True for delay-load imports (bound eagerly by kitemu). */
  delay: boolean;
  /** RVA of the delay-load module handle slot (delay imports), or 0. */
  handleRva: number;
  functions: PeImport[];
}

/** The TLS directory (addresses are VAs at the preferred ImageBase). */
export interface PeTls {
  startVa: number;
  endVa: number;
  indexVa: number;
  callbacksVa: number;
  zeroFill: number;
  /** The callback addresses as stored in the file (preferred-base VAs). */
  callbacks: number[];
}

/** Everything the Windows personality needs beyond the generic Image. */
export interface PeInfo {
  imageBase: number;
  sizeOfImage: number;
  sizeOfHeaders: number;
  sectionAlignment: number;
  entryRva: number;
  /** COFF Characteristics and DllCharacteristics. */
  characteristics: number;
  dllCharacteristics: number;
  subsystem: number;
  stackReserve: number;
  stackCommit: number;
  /** True when the image carries base relocations and may be moved. */
  relocatable: boolean;
  /** Base relocations: RVA of the patched field and its type (ABSOLUTE entries dropped). */
  relocs: { rva: number; type: number }[];
  sections: PeSection[];
  imports: PeImportDll[];
  tls?: PeTls;
  /** The exception directory (RUNTIME_FUNCTION table), RVA and size, or zeros. */
  exceptionRva: number;
  exceptionSize: number;
}

function fail(message: string, offset: number, field: string): never {
  throw new LoaderError(message, offset, field);
}

/** Parsing state: the file and its views. */
class Reader {
  readonly dv: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get size(): number {
    return this.bytes.byteLength;
  }
  need(off: number, len: number, what: string, field: string): void {
    if (!(off >= 0 && len >= 0 && off + len <= this.size)) {
      fail(`Cannot read ${what}: it lies outside the file`, off, field);
    }
  }
  u16(off: number): number {
    return this.dv.getUint16(off, true);
  }
  u32(off: number): number {
    return this.dv.getUint32(off, true);
  }
  /** A u64 as a number; 2^53 or more saturates to Infinity (every range check rejects it). */
  u64(off: number): number {
    const lo = this.dv.getUint32(off, true), hi = this.dv.getUint32(off + 4, true);
    return hi >= 0x200000 ? Infinity : hi * 0x1_0000_0000 + lo;
  }
}

function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/**
 * Parses a PE32+ executable into an {@link Image} with `image.pe` set.
 *
 * @example
 * ```ts
 * const image = parsePe(await Deno.readFile("hello.exe"));
 * console.log(image.pe?.imports.map((d) => d.dll));
 * ```
 * @param bytes The whole file.
 * @returns The parsed image.
 */
export function parsePe(bytes: Uint8Array): Image {
  const r = new Reader(bytes);
  r.need(0, 0x40, "the DOS header", "e_magic");
  if (r.u16(0) !== 0x5a4d) fail("Not a PE file: no MZ signature", 0, "e_magic");
  const lfanew = r.u32(0x3c);
  if (lfanew < 0x40 || lfanew > r.size - 24 || lfanew % 4 !== 0) {
    fail(`e_lfanew (0x${lfanew.toString(16)}) is out of range`, 0x3c, "e_lfanew");
  }
  if (r.u32(lfanew) !== 0x4550) fail("No PE signature at e_lfanew", lfanew, "Signature");
  const coff = lfanew + 4;
  const machine = r.u16(coff);
  if (machine !== MACHINE_AMD64) {
    const names: Record<number, string> = { 0x14c: "i386", 0xaa64: "ARM64", 0x1c4: "ARMv7" };
    fail(
      `PE machine 0x${machine.toString(16)} (${names[machine] ?? "unknown"}) is not supported`,
      coff,
      "Machine",
    );
  }
  const nsec = r.u16(coff + 2);
  if (nsec === 0 || nsec > MAX_SECTIONS) {
    fail(`NumberOfSections (${nsec}) must be 1 to ${MAX_SECTIONS}`, coff + 2, "NumberOfSections");
  }
  const optSize = r.u16(coff + 16);
  const characteristics = r.u16(coff + 18);
  const opt = coff + 20;
  if (optSize < 112) {
    fail(`SizeOfOptionalHeader (${optSize}) is too small`, coff + 16, "SizeOfOptionalHeader");
  }
  r.need(opt, optSize, "the optional header", "SizeOfOptionalHeader");
  const magic = r.u16(opt);
  if (magic === 0x10b) fail("PE32 (32-bit) images are not supported", opt, "Magic");
  if (magic !== 0x20b) fail(`Unknown optional header magic 0x${magic.toString(16)}`, opt, "Magic");
  const entryRva = r.u32(opt + 16);
  const imageBase = r.u64(opt + 24);
  const sectionAlignment = r.u32(opt + 32);
  const fileAlignment = r.u32(opt + 36);
  const sizeOfImage = r.u32(opt + 56);
  const sizeOfHeaders = r.u32(opt + 60);
  const subsystem = r.u16(opt + 68);
  const dllCharacteristics = r.u16(opt + 70);
  const stackReserve = r.u64(opt + 72);
  const stackCommit = r.u64(opt + 80);
  const nDirs = r.u32(opt + 108);
  if (!isPow2(sectionAlignment)) {
    fail(
      `SectionAlignment (${sectionAlignment}) is not a power of two`,
      opt + 32,
      "SectionAlignment",
    );
  }
  if (!isPow2(fileAlignment) || fileAlignment > sectionAlignment && sectionAlignment >= 4096) {
    fail(`FileAlignment (${fileAlignment}) is invalid`, opt + 36, "FileAlignment");
  }
  if (
    imageBase % 0x10000 !== 0 || imageBase === 0 || !(imageBase + sizeOfImage < USER_ADDR_LIMIT)
  ) {
    fail(`ImageBase (0x${imageBase.toString(16)}) is invalid`, opt + 24, "ImageBase");
  }
  if (sizeOfImage === 0 || sizeOfImage > MAX_IMAGE_SIZE) {
    fail(`SizeOfImage (0x${sizeOfImage.toString(16)}) is out of range`, opt + 56, "SizeOfImage");
  }
  const secTable = opt + optSize;
  if (sizeOfHeaders > r.size || sizeOfHeaders > sizeOfImage || sizeOfHeaders < secTable) {
    fail(
      `SizeOfHeaders (0x${sizeOfHeaders.toString(16)}) is out of range`,
      opt + 60,
      "SizeOfHeaders",
    );
  }
  if (nDirs > 16 || 112 + nDirs * 8 > optSize) {
    fail(
      `NumberOfRvaAndSizes (${nDirs}) does not fit the optional header`,
      opt + 108,
      "NumberOfRvaAndSizes",
    );
  }
  const dir = (i: number): [number, number] =>
    i < nDirs ? [r.u32(opt + 112 + i * 8), r.u32(opt + 116 + i * 8)] : [0, 0];

  // ---- sections ----
  r.need(secTable, nsec * 40, "the section table", "NumberOfSections");
  const sections: PeSection[] = [];
  let prevEnd = 0;
  for (let i = 0; i < nsec; i++) {
    const h = secTable + i * 40;
    let name = "";
    for (let k = 0; k < 8 && bytes[h + k] !== 0; k++) name += String.fromCharCode(bytes[h + k]);
    const vsize = r.u32(h + 8),
      rva = r.u32(h + 12),
      rawSize = r.u32(h + 16),
      rawOffset = r.u32(h + 20);
    const ch = r.u32(h + 36);
    const memsz = vsize || rawSize;
    if (rva < sizeOfHeaders || rva < prevEnd) {
      fail(
        `Section ${i} (${name}) overlaps the headers or the section before it`,
        h + 12,
        "VirtualAddress",
      );
    }
    if (memsz === 0) fail(`Section ${i} (${name}) is empty`, h + 8, "VirtualSize");
    if (rva + memsz > sizeOfImage) {
      fail(`Section ${i} (${name}) overflows SizeOfImage`, h + 8, "VirtualSize");
    }
    const filesz = Math.min(rawSize, memsz);
    if (filesz > 0 && (rawOffset + filesz > r.size)) {
      fail(`Section ${i} (${name}): raw data exceeds the file size`, h + 20, "PointerToRawData");
    }
    prevEnd = alignUp(rva + memsz, Math.min(sectionAlignment, 4096) || 1);
    sections.push({ name, rva, vsize: memsz, rawOffset, rawSize: filesz, characteristics: ch });
  }

  /** File offset of `len` bytes at `rva`, or -1 when they are not all in the file. */
  const fileOff = (rva: number, len: number): number => {
    if (rva + len <= sizeOfHeaders) return rva;
    for (const s of sections) {
      if (rva >= s.rva && rva < s.rva + s.vsize) {
        return rva + len <= s.rva + s.rawSize ? s.rawOffset + (rva - s.rva) : -1;
      }
    }
    return -1;
  };
  const at = (rva: number, len: number, what: string, field: string, where: number): number => {
    const o = fileOff(rva, len);
    if (o < 0) fail(`${what} (RVA 0x${rva.toString(16)}) is outside the file's data`, where, field);
    return o;
  };
  const cstr = (rva: number, what: string, field: string, where: number): string => {
    const o = at(rva, 1, what, field, where);
    let s = "";
    for (let k = o;; k++) {
      if (k >= r.size || s.length > MAX_NAME) {
        fail(`${what} is unterminated or too long`, where, field);
      }
      const c = bytes[k];
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    if (s.length === 0) fail(`${what} is empty`, where, field);
    return s;
  };

  // ---- entry ----
  const isExe = (s: PeSection) => (s.characteristics & (SCN_MEM_EXECUTE | SCN_CNT_CODE)) !== 0;
  if (!sections.some((s) => isExe(s) && entryRva >= s.rva && entryRva < s.rva + s.vsize)) {
    fail(
      `AddressOfEntryPoint (0x${entryRva.toString(16)}) is not in an executable section`,
      opt + 16,
      "AddressOfEntryPoint",
    );
  }

  // ---- base relocations ----
  const relocs: { rva: number; type: number }[] = [];
  const [relRva, relSize] = dir(DIR_BASERELOC);
  const dirOff = (i: number) => opt + 112 + i * 8;
  if (relSize > 0) {
    let o = at(
      relRva,
      relSize,
      "The base relocation directory",
      "BaseRelocationTable",
      dirOff(DIR_BASERELOC),
    );
    const end = o + relSize;
    while (o + 8 <= end) {
      const page = r.u32(o), size = r.u32(o + 4);
      if (size < 8 || size % 2 !== 0 || o + size > end) {
        fail(`Base relocation block has an invalid SizeOfBlock (${size})`, o + 4, "SizeOfBlock");
      }
      for (let k = o + 8; k + 2 <= o + size; k += 2) {
        const e = r.u16(k), type = e >>> 12, rva = page + (e & 0xfff);
        if (type === REL_ABSOLUTE) continue;
        const width = type === REL_DIR64
          ? 8
          : type === REL_HIGHLOW
          ? 4
          : type === REL_HIGH || type === REL_LOW
          ? 2
          : 0;
        if (width === 0) fail(`Unsupported base relocation type ${type}`, k, "TypeOffset");
        if (rva + width > sizeOfImage) {
          fail(
            `Base relocation at RVA 0x${rva.toString(16)} is outside the image`,
            k,
            "TypeOffset",
          );
        }
        relocs.push({ rva, type });
      }
      o += size;
    }
  }
  const relocatable = relSize > 0 && (characteristics & FILE_RELOCS_STRIPPED) === 0;

  // ---- imports ----
  const imports: PeImportDll[] = [];
  let nImports = 0;
  const thunks = (ilt: number, iat: number, where: number, byVa: boolean): PeImport[] => {
    const out: PeImport[] = [];
    for (let i = 0;; i++) {
      const eo = at(ilt + i * 8, 8, "An import lookup table", "OriginalFirstThunk", where);
      const lo = r.u32(eo), hi = r.u32(eo + 4);
      if (lo === 0 && hi === 0) break;
      if (++nImports > MAX_IMPORTS) fail("Too many imports", where, "OriginalFirstThunk");
      const slot = iat + i * 8;
      if (slot + 8 > sizeOfImage) {
        fail("An import address table runs past SizeOfImage", where, "FirstThunk");
      }
      if (hi & 0x8000_0000) {
        out.push({ ordinal: lo & 0xffff, iatRva: slot });
      } else {
        let nameRva = lo;
        if (byVa) nameRva = hi * 0x1_0000_0000 + lo - imageBase;
        if (hi !== 0 && !byVa || nameRva < 0) {
          fail("An import name RVA is out of range", eo, "HintName");
        }
        const ho = at(nameRva, 2, "An import hint/name entry", "HintName", eo);
        out.push({
          name: cstr(nameRva + 2, "An import name", "HintName", eo),
          ordinal: r.u16(ho),
          iatRva: slot,
        });
      }
    }
    return out;
  };
  const [impRva, impSize] = dir(DIR_IMPORT);
  if (impSize > 0) {
    for (let i = 0;; i++) {
      const d = at(impRva + i * 20, 20, "The import directory", "ImportTable", dirOff(DIR_IMPORT));
      const ilt = r.u32(d), nameRva = r.u32(d + 12), iat = r.u32(d + 16);
      if (ilt === 0 && nameRva === 0 && iat === 0) break;
      const dll = cstr(nameRva, `Import descriptor ${i}'s DLL name`, "Name", d + 12);
      const functions = thunks(ilt || iat, iat, d, false);
      imports.push({ dll, delay: false, handleRva: 0, functions });
    }
  }
  const [dlyRva, dlySize] = dir(DIR_DELAY_IMPORT);
  if (dlySize > 0) {
    for (let i = 0;; i++) {
      const d = at(
        dlyRva + i * 32,
        32,
        "The delay import directory",
        "DelayImportDescriptor",
        dirOff(DIR_DELAY_IMPORT),
      );
      const attrs = r.u32(d), nameRva = r.u32(d + 4);
      if (attrs === 0 && nameRva === 0 && r.u32(d + 12) === 0) break;
      const byVa = (attrs & 1) === 0;
      const fix = (v: number) => byVa ? v - (imageBase % 0x1_0000_0000) : v;
      const dll = cstr(
        fix(nameRva),
        `Delay import descriptor ${i}'s DLL name`,
        "DllNameRVA",
        d + 4,
      );
      const handleRva = fix(r.u32(d + 8)), iat = fix(r.u32(d + 12)), int = fix(r.u32(d + 16));
      if (handleRva < 0 || handleRva + 8 > sizeOfImage) {
        fail("ModuleHandleRVA is outside the image", d + 8, "ModuleHandleRVA");
      }
      imports.push({ dll, delay: true, handleRva, functions: thunks(int, iat, d, byVa) });
    }
  }

  // ---- TLS ----
  let tls: PeTls | undefined;
  const [tlsRva, tlsSize] = dir(DIR_TLS);
  if (tlsSize > 0) {
    const o = at(tlsRva, 40, "The TLS directory", "TlsTable", dirOff(DIR_TLS));
    const va = (k: number, field: string, zeroOk: boolean): number => {
      const v = r.u64(o + k);
      if (v === 0 && zeroOk) return 0;
      if (!(v >= imageBase && v < imageBase + sizeOfImage)) {
        fail(`TLS ${field} (0x${v.toString(16)}) is outside the image`, o + k, field);
      }
      return v;
    };
    const startVa = va(0, "StartAddressOfRawData", true),
      endVa = va(8, "EndAddressOfRawData", true);
    if (endVa < startVa) {
      fail("TLS EndAddressOfRawData is below StartAddressOfRawData", o + 8, "EndAddressOfRawData");
    }
    const indexVa = va(16, "AddressOfIndex", true),
      callbacksVa = va(24, "AddressOfCallBacks", true);
    const zeroFill = r.u32(o + 32);
    if (zeroFill > MAX_TLS_ZERO_FILL) {
      fail("TLS SizeOfZeroFill is too large", o + 32, "SizeOfZeroFill");
    }
    const callbacks: number[] = [];
    if (callbacksVa) {
      for (let i = 0;; i++) {
        const co = fileOff(callbacksVa - imageBase + i * 8, 8);
        if (co < 0) break; // the rest lives in zero-filled memory: reads as the terminator
        const v = r.u64(co);
        if (v === 0) break;
        if (i >= MAX_TLS_CALLBACKS) fail("Too many TLS callbacks", co, "AddressOfCallBacks");
        if (!(v >= imageBase && v < imageBase + sizeOfImage)) {
          fail(
            `TLS callback ${i} (0x${v.toString(16)}) is outside the image`,
            co,
            "AddressOfCallBacks",
          );
        }
        callbacks.push(v);
      }
    }
    tls = { startVa, endVa, indexVa, callbacksVa, zeroFill, callbacks };
  }
  const [exceptionRva, exceptionSize0] = dir(DIR_EXCEPTION);
  const exceptionSize = exceptionRva + exceptionSize0 <= sizeOfImage ? exceptionSize0 : 0;

  // ---- segments: the headers, then each section ----
  const segments: Segment[] = [];
  const hdrFile = Math.min(sizeOfHeaders, r.size);
  const firstRva = sections[0].rva;
  segments.push({
    vaddr: imageBase,
    memsz: Math.max(1, Math.min(alignUp(sizeOfHeaders, 4096), firstRva)),
    fileOffset: 0,
    filesz: Math.min(hdrFile, firstRva),
    data: bytes.subarray(0, Math.min(hdrFile, firstRva)),
    prot: PROT_READ,
  });
  for (const s of sections) {
    const c = s.characteristics;
    let prot = 0;
    if (c & SCN_MEM_READ) prot |= PROT_READ;
    if (c & SCN_MEM_WRITE) prot |= PROT_WRITE;
    if (c & (SCN_MEM_EXECUTE | SCN_CNT_CODE)) prot |= PROT_EXEC | PROT_READ;
    segments.push({
      vaddr: imageBase + s.rva,
      memsz: s.vsize,
      fileOffset: s.rawSize ? s.rawOffset : 0,
      filesz: s.rawSize,
      data: bytes.subarray(s.rawOffset, s.rawOffset + s.rawSize),
      prot,
    });
  }
  const last = segments[segments.length - 1];
  const pe: PeInfo = {
    imageBase,
    sizeOfImage,
    sizeOfHeaders,
    sectionAlignment,
    entryRva,
    characteristics,
    dllCharacteristics,
    subsystem,
    stackReserve: Number.isFinite(stackReserve) ? stackReserve : 0,
    stackCommit: Number.isFinite(stackCommit) ? stackCommit : 0,
    relocatable,
    relocs,
    sections,
    imports,
    tls,
    exceptionRva: exceptionSize ? exceptionRva : 0,
    exceptionSize,
  };
  return {
    format: "pe",
    arch: "x86_64",
    os: "windows",
    type: relocatable ? "dyn" : "exec",
    entry: imageBase + entryRva,
    segments,
    minVaddr: imageBase,
    maxVaddr: alignUp(last.vaddr + last.memsz, 4096),
    execStack: false,
    flags: 0,
    // A fixed image runs in the 4 GiB window of its ImageBase (0x140000000: window 1).
    windowHi: relocatable ? undefined : Math.floor(imageBase / 0x1_0000_0000),
    pe,
  };
}
