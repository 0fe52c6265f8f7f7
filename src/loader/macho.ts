/**
 * Mach-O (64-bit, little-endian) executable parser: thin files and universal
 * ("fat") files, for arm64 and x86-64. It validates every field against the
 * file before using it and produces an {@link Image} (segment data are views
 * into the input) plus a {@link MachoInfo} with what dyld would need: the
 * entry kind (LC_MAIN or LC_UNIXTHREAD), the dylinker and dylibs, and the
 * fixups (rebases and binds) decoded from LC_DYLD_INFO(_ONLY) opcodes or
 * LC_DYLD_CHAINED_FIXUPS chains, and the symbol table for traces.
 *
 * As in the ELF parser, 64-bit fields of 2^53 or more saturate to `Infinity`
 * so that every range check rejects them, and nothing is allocated in
 * proportion to a header value without first checking it against the file.
 * @module
 */

import { LoaderError } from "./errors.ts";
import { type Arch, type Image, PROT_EXEC, type Segment } from "./image.ts";

/** One pointer-sized fixup: write `target` (plus the slide for PIE images) at `addr`. */
export interface MachoRebase {
  /** Unslid address of the 8-byte slot. */
  addr: number;
  /** Unslid address the slot points at. */
  target: number;
}

/** One bind: write the address of `symbol` (from dylib `ordinal`) plus `addend` at `addr`. */
export interface MachoBind {
  /** Unslid address of the 8-byte slot. */
  addr: number;
  /** The symbol name as in the file (with the leading underscore). */
  symbol: string;
  /** Library ordinal: 1-based index into `dylibs`, 0 self, -1 main executable, -2 flat lookup. */
  ordinal: number;
  /** Added to the symbol's address. */
  addend: number;
  /** A weak import (missing is not an error). */
  weak: boolean;
  /** From the lazy-binding stream (bound eagerly by kitemu). */
  lazy: boolean;
}

/** A defined symbol from LC_SYMTAB. */
export interface MachoSymbol {
  name: string;
  /** Unslid address. */
  addr: number;
  /** Externally visible (N_EXT). */
  external: boolean;
}

/** Mach-O specifics of an {@link Image} (see `Image.macho`). */
export interface MachoInfo {
  /** mach_header_64.flags (MH_PIE = 0x200000, MH_DYLDLINK = 4, ...). */
  flags: number;
  /** MH_PIE: the image may be slid. */
  pie: boolean;
  /** "main": LC_MAIN (dyld calls main); "thread": LC_UNIXTHREAD (the kernel starts at pc). */
  entryKind: "main" | "thread";
  /** LC_MAIN stacksize, or 0. */
  stackSize: number;
  /** LC_UNIXTHREAD: the initial general registers (x86-64: rax..r15 order of the thread state; arm64: x0..x28, fp, lr, sp). */
  threadRegs?: number[];
  /** LC_LOAD_DYLINKER path. */
  dylinker?: string;
  /** LC_LOAD_DYLIB / LC_LOAD_WEAK_DYLIB / LC_REEXPORT_DYLIB paths, in ordinal order. */
  dylibs: string[];
  /** Rebases, in file order. */
  rebases: MachoRebase[];
  /** Binds (non-lazy, lazy and weak), in file order. */
  binds: MachoBind[];
  /** Where the fixups came from. */
  fixups: "none" | "dyld-info" | "chained";
  /** Defined symbols (for traces). */
  symbols: MachoSymbol[];
  /** Undefined (imported) symbol names from the symbol table. */
  imports: string[];
  /** The VM page size the image was linked for: 16 KiB on arm64, 4 KiB on x86-64. */
  pageSize: number;
  /** Offset of the slice in a universal file (0 for a thin file). */
  sliceOffset: number;
  /** Unslid address of the Mach-O header (the __TEXT segment's start). */
  headerAddr: number;
  /**
   * The thread-local variable template (__thread_data then __thread_bss): its unslid address,
   * its size, and how many bytes at its start come from the image (the rest are zero).
   */
  tlv?: { addr: number; size: number; initSize: number };
}

const MH_MAGIC_64 = 0xfeedfacf;
const MH_MAGIC = 0xfeedface;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const CPU_TYPE_X86_64 = 0x01000007;
const CPU_TYPE_ARM64 = 0x0100000c;
const MH_EXECUTE = 2;
const MH_PIE = 0x200000;
const HEADER_SIZE = 32;

const LC_REQ_DYLD = 0x80000000;
const LC_SYMTAB = 0x2;
const LC_UNIXTHREAD = 0x5;
const LC_DYSYMTAB = 0xb;
const LC_LOAD_DYLIB = 0xc;
const LC_LOAD_DYLINKER = 0xe;
const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;
const LC_LOAD_WEAK_DYLIB = 0x18 + LC_REQ_DYLD;
const LC_REEXPORT_DYLIB = 0x1f + LC_REQ_DYLD;
const LC_LAZY_LOAD_DYLIB = 0x20;
const LC_LOAD_UPWARD_DYLIB = 0x23 + LC_REQ_DYLD;
const LC_DYLD_INFO = 0x22;
const LC_DYLD_INFO_ONLY = 0x22 + LC_REQ_DYLD;
const LC_MAIN = 0x28 + LC_REQ_DYLD;
const LC_DYLD_CHAINED_FIXUPS = 0x34 + LC_REQ_DYLD;

/** Most load commands we accept (real executables have a few dozen). */
const MAX_NCMDS = 4096;
/** Most fixups (rebases + binds) we decode. */
const MAX_FIXUPS = 1 << 20;
/** Most sections in one segment. */
const MAX_NSECTS = 1024;
const MAX_PATH = 4096;
const ADDR_LIMIT = 2 ** 48;
const PAGE = 4096;

const ARCHES: ReadonlyMap<number, Arch> = new Map<number, Arch>([
  [CPU_TYPE_ARM64, "aarch64"],
  [CPU_TYPE_X86_64, "x86_64"],
]);

const latin1 = new TextDecoder("latin1");

function u64(view: DataView, off: number): number {
  const lo = view.getUint32(off, true);
  const hi = view.getUint32(off + 4, true);
  if (hi >= 0x200000) return Infinity;
  return hi * 2 ** 32 + lo;
}

function u64be(view: DataView, off: number): number {
  const hi = view.getUint32(off, false);
  const lo = view.getUint32(off + 4, false);
  if (hi >= 0x200000) return Infinity;
  return hi * 2 ** 32 + lo;
}

function hex(n: number): string {
  return Number.isFinite(n) ? `0x${n.toString(16)}` : "2^53 or more";
}

function cpuName(t: number): string {
  switch (t) {
    case CPU_TYPE_ARM64:
      return "arm64";
    case CPU_TYPE_X86_64:
      return "x86_64";
    case 7:
      return "i386";
    case 12:
      return "arm";
    case 18:
      return "ppc";
    case 0x01000012:
      return "ppc64";
    case 0x0200000c:
      return "arm64_32";
    default:
      return `cputype ${hex(t >>> 0)}`;
  }
}

/**
 * Picks the slice of a universal file that kitemu runs: arm64 when present, else x86-64.
 *
 * @example
 * ```ts
 * const { offset, size } = pickFatSlice(bytes);
 * ```
 * @param bytes The whole universal file.
 * @returns The slice's file offset and size.
 */
export function pickFatSlice(bytes: Uint8Array): { offset: number; size: number; arch: Arch } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  if (n < 8) throw new LoaderError("Universal Mach-O header is truncated", 0, "fat_header");
  const magic = view.getUint32(0, false);
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) {
    throw new LoaderError("Not a universal Mach-O file", 0, "magic");
  }
  const wide = magic === FAT_MAGIC_64;
  const entSize = wide ? 32 : 20;
  const nfat = view.getUint32(4, false);
  if (nfat === 0) throw new LoaderError("Universal Mach-O file has no slices", 4, "nfat_arch");
  if (8 + nfat * entSize > n) {
    throw new LoaderError(
      `Universal Mach-O nfat_arch ${nfat} overflows the file (${n} bytes)`,
      4,
      "nfat_arch",
    );
  }
  const found: string[] = [];
  let best: { offset: number; size: number; arch: Arch; rank: number } | null = null;
  for (let i = 0; i < nfat; i++) {
    const at = 8 + i * entSize;
    const cpu = view.getInt32(at, false);
    const offset = wide ? u64be(view, at + 8) : view.getUint32(at + 8, false);
    const size = wide ? u64be(view, at + 16) : view.getUint32(at + 12, false);
    found.push(cpuName(cpu >>> 0));
    const arch = ARCHES.get(cpu >>> 0);
    if (!arch) continue;
    if (!(offset + size <= n) || offset < 8 + nfat * entSize) {
      throw new LoaderError(
        `Cannot load universal slice ${i}: offset ${hex(offset)} + size ${
          hex(size)
        } exceeds file size`,
        at + 8,
        "offset",
      );
    }
    const rank = arch === "aarch64" ? 0 : 1;
    if (!best || rank < best.rank) best = { offset, size, arch, rank };
  }
  if (!best) {
    throw new LoaderError(
      `Universal Mach-O file has no arm64 or x86_64 slice (it holds ${found.join(", ")})`,
      8,
      "cputype",
    );
  }
  return { offset: best.offset, size: best.size, arch: best.arch };
}

interface SegmentCommand {
  name: string;
  vmaddr: number;
  vmsize: number;
  fileoff: number;
  filesize: number;
  initprot: number;
  at: number;
  /** Mapped (not __PAGEZERO or another empty reservation): fixups may only land here. */
  loaded?: boolean;
}

/** A bounded reader of ULEB/SLEB opcode streams. */
class Stream {
  pos: number;
  constructor(
    private readonly b: Uint8Array,
    start: number,
    readonly end: number,
    private readonly what: string,
  ) {
    this.pos = start;
  }
  get done(): boolean {
    return this.pos >= this.end;
  }
  byte(): number {
    if (this.pos >= this.end) this.fail("ends inside an opcode");
    return this.b[this.pos++];
  }
  uleb(): number {
    let v = 0, scale = 1;
    for (;;) {
      const x = this.byte();
      if (scale < 2 ** 64) v += (x & 0x7f) * scale;
      else if (x & 0x7f) v = Infinity;
      scale *= 128;
      if (!(x & 0x80)) break;
    }
    return v >= 2 ** 53 ? Infinity : v;
  }
  sleb(): number {
    let v = 0, scale = 1, x = 0;
    do {
      x = this.byte();
      if (scale < 2 ** 64) v += (x & 0x7f) * scale;
      scale *= 128;
    } while (x & 0x80);
    if (x & 0x40 && scale <= 2 ** 64) v -= scale;
    if (Math.abs(v) >= 2 ** 53) return Infinity;
    return v;
  }
  cstring(): string {
    const start = this.pos;
    while (this.pos < this.end && this.b[this.pos] !== 0) this.pos++;
    if (this.pos >= this.end) this.fail("has a symbol name without NUL");
    const s = latin1.decode(this.b.subarray(start, this.pos));
    this.pos++;
    return s;
  }
  fail(why: string): never {
    throw new LoaderError(`The ${this.what} stream ${why}`, this.pos, this.what);
  }
}

/**
 * Parses a Mach-O executable (thin or universal) into an {@link Image} with
 * `image.macho` set.
 *
 * @example
 * ```ts
 * const img = parseMacho(await Deno.readFile("hello.arm64"));
 * img.macho!.entryKind; // "main"
 * ```
 * @param bytes The whole file.
 * @returns The parsed image.
 */
export function parseMacho(bytes: Uint8Array): Image {
  const n = bytes.byteLength;
  if (n >= 4) {
    const m = new DataView(bytes.buffer, bytes.byteOffset, n).getUint32(0, false);
    if (m === FAT_MAGIC || m === FAT_MAGIC_64) {
      const s = pickFatSlice(bytes);
      return parseThin(bytes, s.offset, s.size);
    }
  }
  return parseThin(bytes, 0, n);
}

function parseThin(file: Uint8Array, base: number, size: number): Image {
  const b = file.subarray(base, base + size);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const err = (msg: string, off: number, field: string): never => {
    throw new LoaderError(msg, base + off, field);
  };
  if (size < HEADER_SIZE) err("Mach-O header is truncated", 0, "mach_header");
  const magic = view.getUint32(0, true);
  if (magic === MH_MAGIC) err("32-bit Mach-O executables are not supported", 0, "magic");
  if (magic !== MH_MAGIC_64) {
    err("Big-endian Mach-O executables are not supported", 0, "magic");
  }
  const cputype = view.getUint32(4, true);
  const arch = ARCHES.get(cputype);
  if (!arch) err(`Unsupported Mach-O CPU type (${cpuName(cputype)})`, 4, "cputype");
  const filetype = view.getUint32(12, true);
  if (filetype !== MH_EXECUTE) {
    const names: Record<number, string> = {
      1: "MH_OBJECT",
      6: "MH_DYLIB",
      7: "MH_DYLINKER",
      8: "MH_BUNDLE",
      4: "MH_CORE",
    };
    err(
      `Mach-O file type ${filetype}${
        names[filetype] ? ` (${names[filetype]})` : ""
      } is not an executable (MH_EXECUTE)`,
      12,
      "filetype",
    );
  }
  const ncmds = view.getUint32(16, true);
  const sizeofcmds = view.getUint32(20, true);
  const flags = view.getUint32(24, true);
  if (HEADER_SIZE + sizeofcmds > size) {
    err(`sizeofcmds ${sizeofcmds} exceeds file size`, 20, "sizeofcmds");
  }
  if (ncmds > MAX_NCMDS || ncmds * 8 > sizeofcmds) {
    err(`ncmds ${ncmds} overflows sizeofcmds ${sizeofcmds}`, 16, "ncmds");
  }
  const cmdsEnd = HEADER_SIZE + sizeofcmds;
  const segs: SegmentCommand[] = [];
  const dylibs: string[] = [];
  let dylinker: string | undefined;
  let entryKind: "main" | "thread" | undefined;
  let entryOff = 0, stackSize = 0, threadPc = 0;
  let threadRegs: number[] | undefined;
  let symtab:
    | { at: number; symoff: number; nsyms: number; stroff: number; strsize: number }
    | null = null;
  let dyldInfo: number[] | null = null;
  let dyldInfoAt = 0;
  let chained: { at: number; off: number; size: number } | null = null;
  const tlvSections: { addr: number; size: number; zerofill: boolean }[] = [];
  let entryAt = 0;

  const pathAt = (at: number, cmdsize: number, field: string): string => {
    const off = view.getUint32(at + 8, true);
    if (off < 12 || off >= cmdsize) {
      err(`Load command string offset ${off} is outside the command`, at + 8, field);
    }
    const s = b.subarray(at + off, at + cmdsize);
    const z = s.indexOf(0);
    if (z <= 0 || z >= MAX_PATH) {
      err("Load command string is empty or not NUL-terminated", at + off, field);
    }
    return latin1.decode(s.subarray(0, z));
  };

  let at = HEADER_SIZE;
  for (let i = 0; i < ncmds; i++) {
    if (at + 8 > cmdsEnd) err(`Load command ${i} starts past sizeofcmds`, at, "ncmds");
    const cmd = view.getUint32(at, true);
    const cmdsize = view.getUint32(at + 4, true);
    if (cmdsize < 8) {
      err(`Cannot load command ${i}: cmdsize ${cmdsize} is too small`, at + 4, "cmdsize");
    }
    if (cmdsize % 8 !== 0) {
      err(`Cannot load command ${i}: cmdsize ${cmdsize} is not a multiple of 8`, at + 4, "cmdsize");
    }
    if (at + cmdsize > cmdsEnd) {
      err(`Cannot load command ${i}: cmdsize ${cmdsize} runs past sizeofcmds`, at + 4, "cmdsize");
    }
    const need = (min: number) => {
      if (cmdsize < min) {
        err(`Cannot load command ${i}: cmdsize ${cmdsize} is below ${min}`, at + 4, "cmdsize");
      }
    };
    switch (cmd) {
      case LC_SEGMENT:
        err(`Cannot load command ${i}: 32-bit LC_SEGMENT in a 64-bit image`, at, "cmd");
        break;
      case LC_SEGMENT_64: {
        need(72);
        const nsects = view.getUint32(at + 64, true);
        if (nsects > MAX_NSECTS || 72 + nsects * 80 > cmdsize) {
          err(
            `Cannot load segment command ${i}: nsects ${nsects} overflows cmdsize`,
            at + 64,
            "nsects",
          );
        }
        const raw = b.subarray(at + 8, at + 24);
        const z = raw.indexOf(0);
        const seg: SegmentCommand = {
          name: latin1.decode(z < 0 ? raw : raw.subarray(0, z)),
          vmaddr: u64(view, at + 24),
          vmsize: u64(view, at + 32),
          fileoff: u64(view, at + 40),
          filesize: u64(view, at + 48),
          initprot: view.getUint32(at + 60, true),
          at,
        };
        if (!(seg.fileoff + seg.filesize <= size)) {
          err(
            `Cannot load segment ${seg.name}: fileoff ${hex(seg.fileoff)} + filesize ${
              hex(seg.filesize)
            } exceeds file size`,
            at + 40,
            "fileoff",
          );
        }
        if (seg.filesize > seg.vmsize) {
          err(`Cannot load segment ${seg.name}: filesize exceeds vmsize`, at + 48, "filesize");
        }
        if (!(seg.vmaddr + seg.vmsize <= ADDR_LIMIT)) {
          err(`Cannot load segment ${seg.name}: vmaddr + vmsize beyond 2^48`, at + 24, "vmaddr");
        }
        if (seg.initprot > 7) {
          err(`Cannot load segment ${seg.name}: initprot ${seg.initprot}`, at + 60, "initprot");
        }
        // Thread-local variable templates (S_THREAD_LOCAL_REGULAR / _ZEROFILL sections).
        for (let k = 0; k < nsects; k++) {
          const sa = at + 72 + 80 * k;
          const type = view.getUint32(sa + 64, true) & 0xff;
          if (type !== 0x11 && type !== 0x12) continue;
          const addr = u64(view, sa + 32), sz = u64(view, sa + 40);
          if (!(addr >= seg.vmaddr && addr + sz <= seg.vmaddr + seg.vmsize)) {
            err(
              `Thread-local section ${k} of ${seg.name} lies outside its segment`,
              sa + 32,
              "addr",
            );
          }
          tlvSections.push({ addr, size: sz, zerofill: type === 0x12 });
        }
        segs.push(seg);
        break;
      }
      case LC_SYMTAB: {
        need(24);
        if (symtab) err("Duplicate LC_SYMTAB", at, "cmd");
        symtab = {
          at,
          symoff: view.getUint32(at + 8, true),
          nsyms: view.getUint32(at + 12, true),
          stroff: view.getUint32(at + 16, true),
          strsize: view.getUint32(at + 20, true),
        };
        break;
      }
      case LC_DYSYMTAB:
        need(80);
        break;
      case LC_LOAD_DYLINKER:
        need(12);
        if (dylinker !== undefined) err("Duplicate LC_LOAD_DYLINKER", at, "cmd");
        dylinker = pathAt(at, cmdsize, "dylinker");
        break;
      case LC_LOAD_DYLIB:
      case LC_LOAD_WEAK_DYLIB:
      case LC_REEXPORT_DYLIB:
      case LC_LAZY_LOAD_DYLIB:
      case LC_LOAD_UPWARD_DYLIB:
        need(24);
        if (dylibs.length >= 4096) err("Too many dylibs", at, "cmd");
        dylibs.push(pathAt(at, cmdsize, "dylib"));
        break;
      case LC_MAIN:
        need(24);
        if (entryKind) err("More than one entry point command (LC_MAIN, LC_UNIXTHREAD)", at, "cmd");
        entryKind = "main";
        entryAt = at;
        entryOff = u64(view, at + 8);
        stackSize = u64(view, at + 16);
        break;
      case LC_UNIXTHREAD: {
        need(16);
        if (entryKind) err("More than one entry point command (LC_MAIN, LC_UNIXTHREAD)", at, "cmd");
        entryKind = "thread";
        entryAt = at;
        const flavor = view.getUint32(at + 8, true);
        const count = view.getUint32(at + 12, true);
        const [wantFlavor, wantCount, nregs, pcIndex] = arch === "x86_64"
          ? [4, 42, 16, 16] // x86_THREAD_STATE64: rax rbx rcx rdx rdi rsi rbp rsp r8..r15 rip ...
          : [6, 68, 32, 32]; // ARM_THREAD_STATE64: x0..x28 fp lr sp pc cpsr
        if (flavor !== wantFlavor || count !== wantCount || 16 + count * 4 > cmdsize) {
          err(
            `Cannot load LC_UNIXTHREAD: flavor ${flavor} count ${count} is not the ${arch} thread state`,
            at + 8,
            "flavor",
          );
        }
        threadRegs = [];
        for (let r = 0; r < nregs; r++) threadRegs.push(u64(view, at + 16 + 8 * r));
        threadPc = u64(view, at + 16 + 8 * pcIndex);
        break;
      }
      case LC_DYLD_INFO:
      case LC_DYLD_INFO_ONLY: {
        need(48);
        if (dyldInfo) err("Duplicate LC_DYLD_INFO", at, "cmd");
        dyldInfo = [];
        dyldInfoAt = at;
        for (let k = 0; k < 10; k++) dyldInfo.push(view.getUint32(at + 8 + 4 * k, true));
        for (let k = 0; k < 5; k++) {
          if (dyldInfo[2 * k] + dyldInfo[2 * k + 1] > size) {
            err(`LC_DYLD_INFO table ${k} exceeds file size`, at + 8 + 8 * k, "dyld_info");
          }
        }
        break;
      }
      case LC_DYLD_CHAINED_FIXUPS: {
        need(16);
        if (chained) err("Duplicate LC_DYLD_CHAINED_FIXUPS", at, "cmd");
        chained = { at, off: view.getUint32(at + 8, true), size: view.getUint32(at + 12, true) };
        if (chained.off + chained.size > size) {
          err("LC_DYLD_CHAINED_FIXUPS data exceeds file size", at + 8, "dataoff");
        }
        break;
      }
      default:
        break; // LC_UUID, LC_BUILD_VERSION, LC_FUNCTION_STARTS, LC_CODE_SIGNATURE, ...
    }
    at += cmdsize;
  }

  // Segments: skip __PAGEZERO (and any other empty, inaccessible reservation).
  const loaded = segs.filter((s) =>
    s.vmsize > 0 && !(s.name === "__PAGEZERO" || (s.initprot === 0 && s.filesize === 0))
  ).sort((x, y) => x.vmaddr - y.vmaddr);
  if (loaded.length === 0) err("Mach-O image has no segment to load", HEADER_SIZE, "LC_SEGMENT_64");
  for (const s of loaded) s.loaded = true;
  let total = 0;
  const segments: Segment[] = [];
  for (const [k, s] of loaded.entries()) {
    if (s.vmaddr % PAGE !== 0) {
      err(
        `Cannot load segment ${s.name}: vmaddr ${hex(s.vmaddr)} is not page aligned`,
        s.at + 24,
        "vmaddr",
      );
    }
    if (k > 0 && s.vmaddr < loaded[k - 1].vmaddr + loaded[k - 1].vmsize) {
      err(
        `Cannot load segment ${s.name}: it overlaps segment ${loaded[k - 1].name}`,
        s.at + 24,
        "vmaddr",
      );
    }
    total += s.vmsize;
    segments.push({
      vaddr: s.vmaddr,
      memsz: s.vmsize,
      fileOffset: base + s.fileoff,
      filesz: s.filesize,
      data: b.subarray(s.fileoff, s.fileoff + s.filesize),
      prot: s.initprot,
    });
  }
  const minVaddr = segments[0].vaddr;
  const last = segments[segments.length - 1];
  const maxVaddr = Math.ceil((last.vaddr + last.memsz) / PAGE) * PAGE;
  if (total > 2 ** 32 || maxVaddr - minVaddr > 2 ** 32) {
    err("Mach-O segments span more than 4 GiB", HEADER_SIZE, "vmsize");
  }

  // Entry point.
  if (!entryKind) err("Mach-O executable has no LC_MAIN or LC_UNIXTHREAD", HEADER_SIZE, "cmd");
  let entry: number;
  if (entryKind === "main") {
    const seg = loaded.find((s) => entryOff >= s.fileoff && entryOff < s.fileoff + s.filesize);
    if (!seg) {
      err(`LC_MAIN entryoff ${hex(entryOff)} is outside every segment`, entryAt + 8, "entryoff");
    }
    entry = seg!.vmaddr + (entryOff - seg!.fileoff);
  } else {
    entry = threadPc;
  }
  const inExec = segments.some((s) =>
    (s.prot & PROT_EXEC) !== 0 && entry >= s.vaddr && entry < s.vaddr + s.memsz
  );
  if (!inExec) {
    err(`Entry point ${hex(entry)} is outside every executable segment`, entryAt + 8, "entry");
  }

  // Finds the segment holding [addr, addr + 8), for fixups.
  const segOf = (addr: number): SegmentCommand | undefined =>
    loaded.find((s) => addr >= s.vmaddr && addr + 8 <= s.vmaddr + s.vmsize);
  const readPtr = (addr: number): number => {
    const s = segOf(addr)!;
    const off = addr - s.vmaddr;
    if (off + 8 > s.filesize) return 0;
    return u64(view, s.fileoff + off);
  };

  const rebases: MachoRebase[] = [];
  const binds: MachoBind[] = [];
  // Every fixup slot holds 8 bytes of the file (pointers to rebase, GOT and lazy pointer
  // slots are file-backed), so a real image has at most size / 8 of them: more means a
  // fixup stream that repeats itself, which would otherwise cost time and memory.
  const maxFixups = Math.min(MAX_FIXUPS, Math.floor(size / 8) + 64);
  let fixups: MachoInfo["fixups"] = "none";
  const budget = () => {
    if (rebases.length + binds.length >= maxFixups) {
      err("Mach-O image has too many fixups", dyldInfoAt || chained?.at || 0, "fixups");
    }
  };

  if (dyldInfo) {
    fixups = "dyld-info";
    decodeRebases(b, dyldInfo[0], dyldInfo[1], segs, rebases, readPtr, budget, base);
    decodeBinds(b, dyldInfo[2], dyldInfo[3], segs, binds, false, false, budget, base);
    decodeBinds(b, dyldInfo[4], dyldInfo[5], segs, binds, true, false, budget, base);
    decodeBinds(b, dyldInfo[6], dyldInfo[7], segs, binds, false, true, budget, base);
  } else if (chained) {
    fixups = "chained";
    decodeChained(b, chained.off, chained.size, segs, rebases, binds, budget, base, view, minVaddr);
  }

  // Every bind names a library the image loads (or a special ordinal: self, main, flat lookup).
  for (const bd of binds) {
    if (bd.ordinal > dylibs.length || bd.ordinal < -3) {
      err(
        `Bind of ${bd.symbol} names library ordinal ${bd.ordinal}, but the image loads ${dylibs.length}`,
        dyldInfoAt || chained?.at || 0,
        "ordinal",
      );
    }
  }

  // Symbols.
  const symbols: MachoSymbol[] = [];
  const imports: string[] = [];
  if (symtab) {
    const t = symtab as {
      at: number;
      symoff: number;
      nsyms: number;
      stroff: number;
      strsize: number;
    };
    if (t.symoff + t.nsyms * 16 > size) {
      err("LC_SYMTAB symbols exceed file size", t.at + 8, "symoff");
    }
    if (t.stroff + t.strsize > size) err("LC_SYMTAB strings exceed file size", t.at + 16, "stroff");
    const strs = b.subarray(t.stroff, t.stroff + t.strsize);
    for (let k = 0; k < t.nsyms; k++) {
      const o = t.symoff + 16 * k;
      const strx = view.getUint32(o, true);
      const type = b[o + 4];
      if (type & 0xe0) continue; // N_STAB debugging entries
      if (strx >= t.strsize) continue;
      const z = strs.indexOf(0, strx);
      const name = latin1.decode(strs.subarray(strx, z < 0 ? t.strsize : z));
      const kind = type & 0x0e;
      if (kind === 0xe) symbols.push({ name, addr: u64(view, o + 8), external: (type & 1) !== 0 });
      else if (kind === 0 && (type & 1)) imports.push(name);
    }
  }

  const text = loaded.find((s) => s.fileoff === 0 && s.filesize > 0);
  let tlv: MachoInfo["tlv"];
  if (tlvSections.length > 0) {
    const start = Math.min(...tlvSections.map((t) => t.addr));
    const end = Math.max(...tlvSections.map((t) => t.addr + t.size));
    const regular = tlvSections.filter((t) => !t.zerofill);
    const initEnd = regular.length ? Math.max(...regular.map((t) => t.addr + t.size)) : start;
    if (end - start > 2 ** 30) {
      err("Thread-local template is larger than 1 GiB", HEADER_SIZE, "size");
    }
    tlv = { addr: start, size: end - start, initSize: initEnd - start };
  }
  const macho: MachoInfo = {
    flags,
    pie: (flags & MH_PIE) !== 0,
    entryKind: entryKind!,
    stackSize: Number.isFinite(stackSize) ? stackSize : 0,
    threadRegs,
    dylinker,
    dylibs,
    rebases,
    binds,
    fixups,
    symbols,
    imports,
    pageSize: arch === "aarch64" ? 16384 : 4096,
    sliceOffset: base,
    headerAddr: text ? text.vmaddr : minVaddr,
    tlv,
  };
  // A fixed-address image runs in the 4 GiB window holding it (PIE images are slid into
  // window 0 by the personality).
  const windowHi = macho.pie ? undefined : Math.floor(minVaddr / 2 ** 32);
  return {
    windowHi: windowHi || undefined,
    format: "macho",
    arch: arch!,
    os: "darwin",
    type: macho.pie ? "dyn" : "exec",
    entry,
    segments,
    minVaddr,
    maxVaddr,
    execStack: false,
    flags,
    macho,
  };
}

/** Checks that a fixup slot lies inside segment `segIndex` and returns its address. */
function slot(
  segs: SegmentCommand[],
  segIndex: number,
  offset: number,
  s: Stream,
): number {
  const seg = segs[segIndex];
  if (!seg) s.fail(`names segment ${segIndex}, which does not exist`);
  if (!seg.loaded) s.fail(`points into segment ${seg.name}, which is not mapped`);
  if (!(offset >= 0 && offset + 8 <= seg.vmsize)) {
    s.fail(`points outside segment ${seg.name} (offset ${hex(offset)})`);
  }
  return seg.vmaddr + offset;
}

function decodeRebases(
  b: Uint8Array,
  off: number,
  size: number,
  segs: SegmentCommand[],
  out: MachoRebase[],
  readPtr: (addr: number) => number,
  budget: () => void,
  _base: number,
): void {
  const s = new Stream(b, off, off + size, "rebase");
  let seg = -1, offset = 0;
  const rebase = () => {
    budget();
    if (seg < 0) s.fail("rebases before setting a segment");
    const addr = slot(segs, seg, offset, s);
    const target = readPtr(addr);
    if (!Number.isFinite(target)) s.fail(`rebases a pointer of 2^53 or more at ${hex(addr)}`);
    out.push({ addr, target });
  };
  while (!s.done) {
    const op = s.byte();
    const imm = op & 0x0f;
    switch (op & 0xf0) {
      case 0x00: // DONE
        return;
      case 0x10: // SET_TYPE_IMM
        if (imm !== 1) s.fail(`has rebase type ${imm} (only pointers are supported)`);
        break;
      case 0x20: // SET_SEGMENT_AND_OFFSET_ULEB
        seg = imm;
        offset = s.uleb();
        break;
      case 0x30: // ADD_ADDR_ULEB
        offset += s.uleb();
        break;
      case 0x40: // ADD_ADDR_IMM_SCALED
        offset += imm * 8;
        break;
      case 0x50: // DO_REBASE_IMM_TIMES
        for (let k = 0; k < imm; k++) {
          rebase();
          offset += 8;
        }
        break;
      case 0x60: { // DO_REBASE_ULEB_TIMES
        const count = s.uleb();
        for (let k = 0; k < count; k++) {
          rebase();
          offset += 8;
        }
        break;
      }
      case 0x70: // DO_REBASE_ADD_ADDR_ULEB
        rebase();
        offset += 8 + s.uleb();
        break;
      case 0x80: { // DO_REBASE_ULEB_TIMES_SKIPPING_ULEB
        const count = s.uleb();
        const skip = s.uleb();
        for (let k = 0; k < count; k++) {
          rebase();
          offset += 8 + skip;
        }
        break;
      }
      default:
        s.fail(`has unknown opcode ${hex(op)}`);
    }
  }
}

function decodeBinds(
  b: Uint8Array,
  off: number,
  size: number,
  segs: SegmentCommand[],
  out: MachoBind[],
  weakStream: boolean,
  lazy: boolean,
  budget: () => void,
  _base: number,
): void {
  const what = lazy ? "lazy bind" : weakStream ? "weak bind" : "bind";
  const s = new Stream(b, off, off + size, what);
  let seg = -1, offset = 0, ordinal = 0, addend = 0, symbol = "", weak = false;
  const bind = () => {
    budget();
    if (seg < 0) s.fail("binds before setting a segment");
    if (symbol === "") s.fail("binds without a symbol name");
    if (!Number.isFinite(addend)) s.fail("has an addend of 2^53 or more");
    out.push({ addr: slot(segs, seg, offset, s), symbol, ordinal, addend, weak, lazy });
  };
  while (!s.done) {
    const op = s.byte();
    const imm = op & 0x0f;
    switch (op & 0xf0) {
      case 0x00: // DONE (the lazy stream separates its entries with it)
        if (!lazy) return;
        break;
      case 0x10: // SET_DYLIB_ORDINAL_IMM
        ordinal = imm;
        break;
      case 0x20: // SET_DYLIB_ORDINAL_ULEB
        ordinal = s.uleb();
        break;
      case 0x30: // SET_DYLIB_SPECIAL_IMM
        ordinal = imm === 0 ? 0 : imm - 16;
        break;
      case 0x40: // SET_SYMBOL_TRAILING_FLAGS_IMM
        symbol = s.cstring();
        weak = (imm & 1) !== 0 || weakStream;
        break;
      case 0x50: // SET_TYPE_IMM
        if (imm !== 1) s.fail(`has bind type ${imm} (only pointers are supported)`);
        break;
      case 0x60: // SET_ADDEND_SLEB
        addend = s.sleb();
        break;
      case 0x70: // SET_SEGMENT_AND_OFFSET_ULEB
        seg = imm;
        offset = s.uleb();
        break;
      case 0x80: // ADD_ADDR_ULEB
        offset += s.uleb();
        break;
      case 0x90: // DO_BIND
        bind();
        offset += 8;
        break;
      case 0xa0: // DO_BIND_ADD_ADDR_ULEB
        bind();
        offset += 8 + s.uleb();
        break;
      case 0xb0: // DO_BIND_ADD_ADDR_IMM_SCALED
        bind();
        offset += 8 + imm * 8;
        break;
      case 0xc0: { // DO_BIND_ULEB_TIMES_SKIPPING_ULEB
        const count = s.uleb();
        const skip = s.uleb();
        for (let k = 0; k < count; k++) {
          bind();
          offset += 8 + skip;
        }
        break;
      }
      default:
        s.fail(`has unknown opcode ${hex(op)}`);
    }
  }
}

/** DYLD_CHAINED_PTR_64 (targets are addresses) and DYLD_CHAINED_PTR_64_OFFSET (offsets). */
const PTR_64 = 2;
const PTR_64_OFFSET = 6;

function decodeChained(
  b: Uint8Array,
  off: number,
  size: number,
  segs: SegmentCommand[],
  rebases: MachoRebase[],
  binds: MachoBind[],
  budget: () => void,
  base: number,
  view: DataView,
  imageBase: number,
): void {
  const fail = (msg: string, at: number): never => {
    throw new LoaderError(`Chained fixups: ${msg}`, base + at, "dyld_chained_fixups");
  };
  if (size < 28) fail("header is truncated", off);
  const end = off + size;
  const startsOff = view.getUint32(off + 4, true);
  const importsOff = view.getUint32(off + 8, true);
  const symbolsOff = view.getUint32(off + 12, true);
  const importsCount = view.getUint32(off + 16, true);
  const importsFormat = view.getUint32(off + 20, true);
  // DYLD_CHAINED_IMPORT (4 bytes), _ADDEND (4 + int32 addend), _ADDEND64 (8 + uint64 addend).
  const entSize = [0, 4, 8, 16][importsFormat];
  if (!entSize) fail(`imports format ${importsFormat} is not supported`, off + 20);
  if (view.getUint32(off + 24, true) !== 0) {
    fail("compressed symbol names are not supported", off + 24);
  }
  if (importsOff + importsCount * entSize > size) fail("imports table exceeds the data", off + 8);
  if (symbolsOff > size) fail("symbols exceed the data", off + 12);
  const imports: { ordinal: number; weak: boolean; name: string; addend: number }[] = [];
  for (let i = 0; i < importsCount; i++) {
    const e = off + importsOff + entSize * i;
    const v = view.getUint32(e, true);
    const wide = importsFormat === 3;
    const ord = wide ? v & 0xffff : v & 0xff;
    const weak = wide ? (v & 0x10000) !== 0 : (v & 0x100) !== 0;
    const nameOff = wide ? view.getUint32(e + 4, true) : v >>> 9;
    const addend = importsFormat === 2
      ? view.getInt32(e + 4, true)
      : importsFormat === 3
      ? Number(view.getBigInt64(e + 8, true))
      : 0;
    if (!Number.isSafeInteger(addend)) fail(`import ${i} addend is 2^53 or more`, e);
    const at = off + symbolsOff + nameOff;
    if (at >= end) fail(`import ${i} name is outside the data`, e);
    const z = b.subarray(at, end).indexOf(0);
    if (z < 0) fail(`import ${i} name is not NUL-terminated`, at);
    const special = wide ? 0xfff0 : 0xf0;
    imports.push({
      ordinal: ord >= special ? ord - (wide ? 0x10000 : 0x100) : ord,
      weak,
      name: latin1.decode(b.subarray(at, at + z)),
      addend,
    });
  }
  if (startsOff + 4 > size) fail("starts_in_image exceeds the data", off + 4);
  const segCount = view.getUint32(off + startsOff, true);
  if (startsOff + 4 + 4 * segCount > size) fail("seg_count overflows the data", off + startsOff);
  for (let si = 0; si < segCount; si++) {
    const infoOff = view.getUint32(off + startsOff + 4 + 4 * si, true);
    if (infoOff === 0) continue;
    const io = off + startsOff + infoOff;
    if (io + 22 > end) fail(`segment ${si} starts exceed the data`, io);
    const seg = segs[si];
    if (!seg) fail(`segment ${si} does not exist`, io);
    if (!seg.loaded) fail(`segment ${seg.name} is not mapped`, io);
    const pageSize = view.getUint16(io + 4, true);
    const format = view.getUint16(io + 6, true);
    const pageCount = view.getUint16(io + 20, true);
    if (format !== PTR_64 && format !== PTR_64_OFFSET) {
      fail(`pointer format ${format} is not supported`, io + 6);
    }
    if (pageSize === 0 || io + 22 + 2 * pageCount > end) {
      fail(`segment ${si} page table is malformed`, io);
    }
    for (let p = 0; p < pageCount; p++) {
      const start = view.getUint16(io + 22 + 2 * p, true);
      if (start === 0xffff) continue;
      if (start & 0x8000) fail("multiple chain starts per page are not supported", io + 22 + 2 * p);
      let offset = p * pageSize + start;
      for (;;) {
        budget();
        if (!(offset + 8 <= seg.vmsize && offset + 8 <= seg.filesize)) {
          fail(`chain leaves segment ${seg.name}`, io);
        }
        const lo = view.getUint32(seg.fileoff + offset, true);
        const hi = view.getUint32(seg.fileoff + offset + 4, true);
        const addr = seg.vmaddr + offset;
        const next = (hi >>> 19) & 0xfff;
        if (hi & 0x80000000) {
          const ord = lo & 0xffffff;
          const imp = imports[ord];
          if (!imp) fail(`bind ordinal ${ord} is past the imports`, seg.fileoff + offset);
          binds.push({
            addr,
            symbol: imp.name,
            ordinal: imp.ordinal,
            addend: (lo >>> 24) + imp.addend, // addend:8 sits in bits 24..31 of the low word
            weak: imp.weak,
            lazy: false,
          });
        } else {
          const target36 = (hi & 0xf) * 2 ** 32 + (lo >>> 0);
          const high8 = (hi >>> 4) & 0xff;
          if (high8 !== 0) {
            fail("tagged (high8) rebase targets are not supported", seg.fileoff + offset);
          }
          const t = target36;
          rebases.push({ addr, target: format === PTR_64_OFFSET ? imageBase + t : t });
        }
        if (next === 0) break;
        offset += next * 4;
      }
    }
  }
}
