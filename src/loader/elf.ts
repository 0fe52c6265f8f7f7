/**
 * ELF64 little-endian executable parser. It validates every header field
 * against the file before using it and produces a format-neutral
 * {@link Image} whose segment data are views into the input (no copies).
 *
 * Every 64-bit field is read as two u32 halves; values of 2^53 or more
 * saturate to `Infinity`, so that every later range check rejects them and no
 * imprecise number is ever created.
 * @module
 */

import { LoaderError } from "./errors.ts";
import {
  type Arch,
  type Image,
  PROT_EXEC,
  PROT_READ,
  PROT_WRITE,
  type Segment,
  type TlsTemplate,
} from "./image.ts";

/** Size of the ELF64 file header. */
const EHDR_SIZE = 64;
/** Minimum size of one ELF64 program header. */
const PHDR_SIZE = 56;
/** Most program headers we accept (real binaries have about a dozen). */
export const MAX_PHNUM = 4096;
/** Exclusive upper bound of user-space addresses. */
export const USER_ADDR_LIMIT = 2 ** 48;
/** Most bytes of memory all loadable segments together may ask for. */
export const MAX_TOTAL_MEMSZ = 2 ** 32;
/** Longest PT_INTERP string, NUL included (Linux PATH_MAX). */
const MAX_INTERP = 4096;
const PAGE_SIZE = 4096;

// e_ident
const EI_CLASS = 4;
const EI_DATA = 5;
const EI_VERSION = 6;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const EV_CURRENT = 1;
// ELF header field offsets
const E_TYPE = 16;
const E_MACHINE = 18;
const E_ENTRY = 24;
const E_PHOFF = 32;
const E_FLAGS = 48;
const E_PHENTSIZE = 54;
const E_PHNUM = 56;
// Program header field offsets
const P_TYPE = 0;
const P_FLAGS = 4;
const P_OFFSET = 8;
const P_VADDR = 16;
const P_FILESZ = 32;
const P_MEMSZ = 40;
const P_ALIGN = 48;

const ET_EXEC = 2;
const ET_DYN = 3;

const PT_LOAD = 1;
const PT_INTERP = 3;
const PT_PHDR = 6;
const PT_TLS = 7;
const PT_GNU_STACK = 0x6474e551;

const PF_X = 1;
const PF_W = 2;
const PF_R = 4;

const MACHINES: ReadonlyMap<number, Arch> = new Map<number, Arch>([
  [243, "riscv64"],
  [183, "aarch64"],
  [62, "x86_64"],
]);

const interpDecoder = new TextDecoder("utf-8");

/** A PT_LOAD before sorting, with the file offset of its program header. */
interface LoadEntry {
  seg: Segment;
  index: number;
  base: number;
}

/** Reads a u64 exactly, or returns Infinity when it is 2^53 or more. */
function u64(view: DataView, off: number): number {
  const lo = view.getUint32(off, true);
  const hi = view.getUint32(off + 4, true);
  if (hi >= 0x200000) return Infinity;
  return hi * 0x100000000 + lo;
}

/** Formats the raw u64 at `off` as hex, for messages. */
function hex64(view: DataView, off: number): string {
  return "0x" + view.getBigUint64(off, true).toString(16);
}

/** True when the raw u64 at `off` is a power of two. */
function isPow2At(view: DataView, off: number): boolean {
  const lo = view.getUint32(off, true);
  const hi = view.getUint32(off + 4, true);
  if (hi === 0) return lo !== 0 && (lo & (lo - 1)) === 0;
  return lo === 0 && (hi & (hi - 1)) === 0;
}

function headerError(detail: string, offset: number, field: string): LoaderError {
  return new LoaderError(`Cannot load ELF header: ${detail}`, offset, field);
}

function phdrError(index: number, detail: string, offset: number, field: string): LoaderError {
  return new LoaderError(`Cannot load program header ${index}: ${detail}`, offset, field);
}

function protOf(pFlags: number): number {
  return ((pFlags & PF_R) ? PROT_READ : 0) | ((pFlags & PF_W) ? PROT_WRITE : 0) |
    ((pFlags & PF_X) ? PROT_EXEC : 0);
}

/**
 * Checks the file range [p_offset, p_offset + p_filesz) of program header
 * `index` (whose header starts at `base`) and returns the two values.
 */
function fileRange(
  view: DataView,
  index: number,
  base: number,
  size: number,
  allowEmptyPastEnd: boolean,
): { offset: number; filesz: number } {
  const offset = u64(view, base + P_OFFSET);
  const filesz = u64(view, base + P_FILESZ);
  if (filesz === 0 && allowEmptyPastEnd) {
    if (offset >= USER_ADDR_LIMIT) {
      throw phdrError(index, "p_offset exceeds file size", base + P_OFFSET, "p_offset");
    }
    return { offset, filesz };
  }
  if (offset > size) {
    throw phdrError(
      index,
      `p_offset exceeds file size (p_offset ${hex64(view, base + P_OFFSET)}, file size ${size})`,
      base + P_OFFSET,
      "p_offset",
    );
  }
  if (filesz > size - offset) {
    throw phdrError(
      index,
      `p_offset + p_filesz exceeds file size (p_filesz ${hex64(view, base + P_FILESZ)}, ` +
        `file size ${size})`,
      base + P_FILESZ,
      "p_filesz",
    );
  }
  return { offset, filesz };
}

/**
 * Checks p_align of a PT_LOAD or PT_TLS header: zero or a power of two, below
 * 2^48, and (for PT_LOAD when above 1) p_vaddr ≡ p_offset modulo p_align.
 */
function checkAlign(
  view: DataView,
  index: number,
  base: number,
  vaddr: number,
  offset: number,
  congruent: boolean,
): number {
  const align = u64(view, base + P_ALIGN);
  if (align === 0) return 0;
  if (!isPow2At(view, base + P_ALIGN)) {
    throw phdrError(
      index,
      `p_align ${hex64(view, base + P_ALIGN)} is not a power of two`,
      base + P_ALIGN,
      "p_align",
    );
  }
  if (align >= USER_ADDR_LIMIT) {
    throw phdrError(
      index,
      `p_align ${hex64(view, base + P_ALIGN)} exceeds the user address space (2^48)`,
      base + P_ALIGN,
      "p_align",
    );
  }
  if (congruent && align > 1 && vaddr % align !== offset % align) {
    throw phdrError(
      index,
      `p_vaddr 0x${vaddr.toString(16)} and p_offset 0x${offset.toString(16)} ` +
        `are not congruent modulo p_align 0x${align.toString(16)}`,
      base + P_ALIGN,
      "p_align",
    );
  }
  return align;
}

/**
 * Checks p_filesz ≤ p_memsz ≤ 4 GiB and p_vaddr + p_memsz ≤ 2^48 and returns
 * p_vaddr and p_memsz.
 */
function memRange(
  view: DataView,
  index: number,
  base: number,
  filesz: number,
): { vaddr: number; memsz: number } {
  const vaddr = u64(view, base + P_VADDR);
  const memsz = u64(view, base + P_MEMSZ);
  if (filesz > memsz) {
    throw phdrError(
      index,
      `p_filesz exceeds p_memsz (p_filesz 0x${filesz.toString(16)}, ` +
        `p_memsz ${hex64(view, base + P_MEMSZ)})`,
      base + P_FILESZ,
      "p_filesz",
    );
  }
  if (memsz > MAX_TOTAL_MEMSZ) {
    throw phdrError(
      index,
      `p_memsz ${hex64(view, base + P_MEMSZ)} exceeds 4 GiB`,
      base + P_MEMSZ,
      "p_memsz",
    );
  }
  if (vaddr >= USER_ADDR_LIMIT) {
    throw phdrError(
      index,
      `p_vaddr ${hex64(view, base + P_VADDR)} is outside the user address space (2^48)`,
      base + P_VADDR,
      "p_vaddr",
    );
  }
  if (vaddr + memsz > USER_ADDR_LIMIT) {
    throw phdrError(
      index,
      `p_vaddr + p_memsz exceeds the user address space (2^48) ` +
        `(p_vaddr 0x${vaddr.toString(16)}, p_memsz 0x${memsz.toString(16)})`,
      base + P_MEMSZ,
      "p_memsz",
    );
  }
  return { vaddr, memsz };
}

/**
 * Parses a 64-bit little-endian ELF executable (ET_EXEC or ET_DYN) for
 * RISC-V, AArch64 or x86-64.
 *
 * The segments' `data` are subarrays of `bytes`; nothing is copied. Any
 * malformed or unsupported input throws a {@link LoaderError} naming the
 * field and its file offset.
 *
 * @example
 * ```ts
 * const image = parseElf(await Deno.readFile("hello.riscv64"));
 * console.log(image.arch, image.entry.toString(16));
 * ```
 * @param bytes The whole file.
 * @returns The parsed image.
 */
export function parseElf(bytes: Uint8Array): Image {
  const size = bytes.byteLength;
  if (size < EHDR_SIZE) {
    throw headerError(
      `file is shorter than the ELF header (${size} of ${EHDR_SIZE} bytes)`,
      size,
      "e_ident",
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  if (view.getUint32(0, false) !== 0x7f454c46) {
    throw headerError("bad magic (expected 7f 45 4c 46)", 0, "e_ident");
  }
  const cls = bytes[EI_CLASS];
  if (cls !== ELFCLASS64) {
    throw headerError(
      `EI_CLASS ${cls} is not supported (only ELFCLASS64, 2)`,
      EI_CLASS,
      "EI_CLASS",
    );
  }
  const data = bytes[EI_DATA];
  if (data !== ELFDATA2LSB) {
    throw headerError(
      `EI_DATA ${data} is not supported (only little-endian ELFDATA2LSB, 1)`,
      EI_DATA,
      "EI_DATA",
    );
  }
  const version = bytes[EI_VERSION];
  if (version !== EV_CURRENT) {
    throw headerError(`EI_VERSION ${version} is not EV_CURRENT (1)`, EI_VERSION, "EI_VERSION");
  }
  const eType = view.getUint16(E_TYPE, true);
  if (eType !== ET_EXEC && eType !== ET_DYN) {
    throw headerError(
      `e_type ${eType} is not an executable (expected ET_EXEC 2 or ET_DYN 3)`,
      E_TYPE,
      "e_type",
    );
  }
  const eMachine = view.getUint16(E_MACHINE, true);
  const arch = MACHINES.get(eMachine);
  if (arch === undefined) {
    throw headerError(
      `e_machine ${eMachine} is not supported (expected RISC-V 243, AArch64 183 or x86-64 62)`,
      E_MACHINE,
      "e_machine",
    );
  }
  const entry = u64(view, E_ENTRY);
  const phoff = u64(view, E_PHOFF);
  const flags = view.getUint32(E_FLAGS, true);
  const phentsize = view.getUint16(E_PHENTSIZE, true);
  const phnum = view.getUint16(E_PHNUM, true);

  if (phnum === 0) {
    throw headerError("e_phnum is 0, the file has no program headers", E_PHNUM, "e_phnum");
  }
  if (phnum > MAX_PHNUM) {
    throw headerError(
      `too many program headers (e_phnum ${phnum}, at most ${MAX_PHNUM})`,
      E_PHNUM,
      "e_phnum",
    );
  }
  if (phentsize < PHDR_SIZE) {
    throw headerError(
      `e_phentsize ${phentsize} is smaller than an ELF64 program header (${PHDR_SIZE})`,
      E_PHENTSIZE,
      "e_phentsize",
    );
  }
  if (phoff > size) {
    throw headerError(
      `e_phoff ${hex64(view, E_PHOFF)} exceeds file size (${size})`,
      E_PHOFF,
      "e_phoff",
    );
  }
  // phnum ≤ 4096 and phentsize < 2^16, so the product and the sum are exact.
  const tableSize = phnum * phentsize;
  if (tableSize > size - phoff) {
    throw headerError(
      `program header table (e_phoff 0x${phoff.toString(16)} + e_phnum ${phnum} * ` +
        `e_phentsize ${phentsize}) extends past the end of the file (${size} bytes)`,
      E_PHOFF,
      "e_phoff",
    );
  }

  const loads: LoadEntry[] = [];
  let tls: TlsTemplate | undefined;
  let tlsIndex = -1;
  let tlsBase = 0;
  let interp: string | undefined;
  let interpSeen = false;
  let phdrVaddr = -1;
  let phdrBase = -1;
  let phdrIndex = -1;
  let execStack = false;

  for (let i = 0; i < phnum; i++) {
    const base = phoff + i * phentsize;
    const pType = view.getUint32(base + P_TYPE, true);
    switch (pType) {
      case PT_LOAD: {
        const { offset, filesz } = fileRange(view, i, base, size, true);
        const { vaddr, memsz } = memRange(view, i, base, filesz);
        checkAlign(view, i, base, vaddr, offset, true);
        if (memsz === 0) break; // Nothing to map.
        const pFlags = view.getUint32(base + P_FLAGS, true);
        const segData = filesz === 0
          ? bytes.subarray(0, 0)
          : bytes.subarray(offset, offset + filesz);
        loads.push({
          seg: { vaddr, memsz, fileOffset: offset, filesz, data: segData, prot: protOf(pFlags) },
          index: i,
          base,
        });
        break;
      }
      case PT_TLS: {
        if (tls !== undefined) {
          throw phdrError(i, "more than one PT_TLS", base + P_TYPE, "p_type");
        }
        const { offset, filesz } = fileRange(view, i, base, size, true);
        const { vaddr, memsz } = memRange(view, i, base, filesz);
        const align = checkAlign(view, i, base, vaddr, offset, false);
        tls = { vaddr, filesz, memsz, align };
        tlsIndex = i;
        tlsBase = base;
        break;
      }
      case PT_INTERP: {
        if (interpSeen) {
          throw phdrError(i, "more than one PT_INTERP", base + P_TYPE, "p_type");
        }
        interpSeen = true;
        const { offset, filesz } = fileRange(view, i, base, size, false);
        if (filesz < 2 || filesz > MAX_INTERP) {
          throw phdrError(
            i,
            `PT_INTERP p_filesz ${filesz} is not between 2 and ${MAX_INTERP}`,
            base + P_FILESZ,
            "p_filesz",
          );
        }
        if (bytes[offset + filesz - 1] !== 0) {
          throw phdrError(
            i,
            "PT_INTERP string is not NUL-terminated",
            offset + filesz - 1,
            "p_filesz",
          );
        }
        const end = bytes.indexOf(0, offset);
        if (end === offset) {
          throw phdrError(i, "PT_INTERP string is empty", offset, "p_offset");
        }
        interp = interpDecoder.decode(bytes.subarray(offset, end));
        break;
      }
      case PT_PHDR: {
        if (phdrIndex >= 0) {
          throw phdrError(i, "more than one PT_PHDR", base + P_TYPE, "p_type");
        }
        phdrVaddr = u64(view, base + P_VADDR);
        phdrBase = base;
        phdrIndex = i;
        break;
      }
      case PT_GNU_STACK:
        execStack = (view.getUint32(base + P_FLAGS, true) & PF_X) !== 0;
        break;
      default:
        break; // PT_DYNAMIC, PT_NOTE, PT_GNU_RELRO, ... are not the loader's business.
    }
  }

  if (loads.length === 0) {
    throw headerError("no PT_LOAD segment with a nonzero p_memsz", E_PHNUM, "e_phnum");
  }

  // Sort by vaddr (stable), then reject byte-range overlaps. Sharing a page is fine.
  loads.sort((a, b) => a.seg.vaddr - b.seg.vaddr);
  let end = 0;
  let total = 0;
  let prev: LoadEntry | undefined;
  for (const load of loads) {
    const { vaddr, memsz } = load.seg;
    if (prev !== undefined && vaddr < end) {
      throw phdrError(
        load.index,
        `PT_LOAD [0x${vaddr.toString(16)}, 0x${(vaddr + memsz).toString(16)}) overlaps ` +
          `program header ${prev.index}, which ends at 0x${end.toString(16)}`,
        load.base + P_VADDR,
        "p_vaddr",
      );
    }
    total += memsz;
    if (total > MAX_TOTAL_MEMSZ) {
      throw phdrError(
        load.index,
        "total p_memsz of the loadable segments exceeds 4 GiB",
        load.base + P_MEMSZ,
        "p_memsz",
      );
    }
    end = vaddr + memsz;
    prev = load;
  }

  const segments: Segment[] = loads.map((l) => l.seg);
  const first = segments[0];
  const minVaddr = Math.floor(first.vaddr / PAGE_SIZE) * PAGE_SIZE;
  const maxVaddr = Math.ceil(end / PAGE_SIZE) * PAGE_SIZE;
  if (maxVaddr - minVaddr > MAX_TOTAL_MEMSZ) {
    const last = loads[loads.length - 1];
    throw phdrError(
      last.index,
      `loadable segments span more than 4 GiB (0x${minVaddr.toString(16)} to ` +
        `0x${maxVaddr.toString(16)})`,
      last.base + P_VADDR,
      "p_vaddr",
    );
  }

  let entryOk = false;
  for (const seg of segments) {
    if ((seg.prot & PROT_EXEC) !== 0 && entry >= seg.vaddr && entry < seg.vaddr + seg.memsz) {
      entryOk = true;
      break;
    }
  }
  if (!entryOk) {
    throw headerError(
      `e_entry ${hex64(view, E_ENTRY)} is outside every executable segment`,
      E_ENTRY,
      "e_entry",
    );
  }

  if (tls !== undefined && tls.filesz > 0) {
    const t = tls;
    const covered = segments.some((s) =>
      t.vaddr >= s.vaddr && t.vaddr + t.filesz <= s.vaddr + s.filesz
    );
    if (!covered) {
      throw phdrError(
        tlsIndex,
        "PT_TLS initialization image is outside the file part of every PT_LOAD",
        tlsBase + P_VADDR,
        "p_vaddr",
      );
    }
  }

  // AT_PHDR: the vaddr of the PT_LOAD whose file bytes hold the table, plus the delta.
  let phdr: Image["phdr"];
  for (const seg of segments) {
    if (
      seg.filesz > 0 && phoff >= seg.fileOffset && phoff + tableSize <= seg.fileOffset + seg.filesz
    ) {
      phdr = { vaddr: seg.vaddr + (phoff - seg.fileOffset), entsize: phentsize, count: phnum };
      break;
    }
  }
  if (phdrIndex >= 0) {
    if (phdr === undefined) {
      throw phdrError(
        phdrIndex,
        "PT_PHDR is present but no PT_LOAD maps the program header table",
        phdrBase + P_VADDR,
        "p_vaddr",
      );
    }
    if (phdr.vaddr !== phdrVaddr) {
      throw phdrError(
        phdrIndex,
        `PT_PHDR p_vaddr ${hex64(view, phdrBase + P_VADDR)} does not match where the ` +
          `program headers are loaded (0x${phdr.vaddr.toString(16)})`,
        phdrBase + P_VADDR,
        "p_vaddr",
      );
    }
  }

  const image: Image = {
    format: "elf",
    arch,
    os: "linux",
    type: eType === ET_EXEC ? "exec" : "dyn",
    entry,
    segments,
    minVaddr,
    maxVaddr,
    execStack,
    flags,
  };
  if (phdr !== undefined) image.phdr = phdr;
  if (tls !== undefined) image.tls = tls;
  if (interp !== undefined) image.interp = interp;
  return image;
}
