/**
 * The format-neutral description of a loaded guest executable. Every loader
 * (ELF, Mach-O, PE) produces an {@link Image}; the process builder maps it.
 *
 * Addresses are JS numbers holding unsigned 64-bit values that are below 2^53.
 * @module
 */

import type { MachoInfo } from "./macho.ts";
import type { PeInfo } from "./pe.ts";

/** Memory protection bits, the same values as Linux PROT_*. */
export const PROT_READ = 1;
/** Writable mapping. */
export const PROT_WRITE = 2;
/** Executable mapping. */
export const PROT_EXEC = 4;

/** The instruction sets kitemu knows about. */
export type Arch = "riscv64" | "aarch64" | "x86_64";
/** The executable formats kitemu recognizes. */
export type Format = "elf" | "macho" | "pe";
/** The OS personality an image expects. */
export type OsKind = "linux" | "darwin" | "windows";

/** One loadable segment: `memsz` bytes at `vaddr`, the first `filesz` from the file. */
export interface Segment {
  /** Guest virtual address (before any load bias for position-independent images). */
  vaddr: number;
  /** Size in memory; bytes past `filesz` are zero. */
  memsz: number;
  /** Offset of the segment's bytes in the file. */
  fileOffset: number;
  /** Number of bytes taken from the file. */
  filesz: number;
  /** The `filesz` bytes themselves (a view into the file). */
  data: Uint8Array;
  /** PROT_READ | PROT_WRITE | PROT_EXEC. */
  prot: number;
}

/** Thread-local storage template (ELF PT_TLS). */
export interface TlsTemplate {
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

/** A parsed executable, ready to be mapped into an address space. */
export interface Image {
  format: Format;
  arch: Arch;
  os: OsKind;
  /** "exec": fixed addresses; "dyn": position independent, add a load bias to every address. */
  type: "exec" | "dyn";
  /** Entry point (before load bias). */
  entry: number;
  /** Loadable segments, sorted by vaddr, non-overlapping. */
  segments: Segment[];
  /** Lowest and highest (exclusive) vaddr covered by the segments, page aligned. */
  minVaddr: number;
  maxVaddr: number;
  /** Where the program headers are in memory (for AT_PHDR), if they are mapped. */
  phdr?: { vaddr: number; entsize: number; count: number };
  tls?: TlsTemplate;
  /** PT_INTERP path, if any. */
  interp?: string;
  /** PT_GNU_STACK says the stack is executable. */
  execStack: boolean;
  /** ELF e_flags (RISC-V: float ABI, RVC), or 0. */
  flags: number;
  /**
   * High 32 bits of the 4 GiB address window a fixed-address image must run in
   * (a PE image without relocations at 0x140000000 needs window 1); absent: window 0.
   */
  windowHi?: number;
  /** PE images: what the Windows personality needs (imports, relocations, TLS). */
  pe?: PeInfo;
  /** Mach-O images: entry kind, dylibs, fixups and symbols (what dyld would need). */
  macho?: MachoInfo;
}
