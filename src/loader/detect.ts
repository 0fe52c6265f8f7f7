/**
 * Executable format detection by magic number, and the loader entry point
 * that dispatches to the parser for the detected format.
 * @module
 */

import { parseElf } from "./elf.ts";
import { parseMacho } from "./macho.ts";
import { parsePe } from "./pe.ts";
import { LoaderError } from "./errors.ts";
import type { Image } from "./image.ts";

/** What {@link detectFormat} recognizes. */
export type DetectedFormat = "elf" | "macho" | "macho-fat" | "pe";

/**
 * A universal (fat) Mach-O header holds fewer architectures than this. Java
 * class files share the 0xcafebabe magic but have a class-file major version
 * of 45 or more in the same place (the test LLVM and file(1) use as well).
 */
const MAX_FAT_ARCHS = 43;
/** Offset of e_lfanew, the file offset of the PE signature, in the DOS header. */
const E_LFANEW = 0x3c;

/**
 * Recognizes an executable format by its magic number.
 *
 * - ELF: `7f 45 4c 46`.
 * - Mach-O: 0xfeedface / 0xfeedfacf in either byte order.
 * - Universal Mach-O: big-endian 0xcafebabe / 0xcafebabf followed by a small
 *   nonzero architecture count (so Java class files are not mistaken for it).
 * - PE: "MZ", then e_lfanew at 0x3c points at "PE\0\0".
 *
 * @example
 * ```ts
 * detectFormat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46])); // "elf"
 * ```
 * @param bytes The start of the file (the whole file for PE).
 * @returns The format, or null when none matches.
 */
export function detectFormat(bytes: Uint8Array): DetectedFormat | null {
  const n = bytes.byteLength;
  if (n < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const magic = view.getUint32(0, false);
  switch (magic) {
    case 0x7f454c46:
      return "elf";
    case 0xfeedface:
    case 0xfeedfacf:
    case 0xcefaedfe:
    case 0xcffaedfe:
      return "macho";
    case 0xcafebabe:
    case 0xcafebabf: {
      if (n < 8) return null;
      const nfat = view.getUint32(4, false);
      return nfat > 0 && nfat < MAX_FAT_ARCHS ? "macho-fat" : null;
    }
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a && n >= E_LFANEW + 4) {
    const lfanew = view.getUint32(E_LFANEW, true);
    if (lfanew <= n - 4 && view.getUint32(lfanew, false) === 0x50450000) return "pe";
  }
  return null;
}

function magicText(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0"));
  return shown.join(" ");
}

/**
 * Parses an executable of any supported format into an {@link Image}.
 *
 * ELF, Mach-O and PE32+ are parsed; anything unrecognized is rejected with
 * a clear {@link LoaderError}.
 *
 * @example
 * ```ts
 * const image = loadImage(await Deno.readFile("hello.riscv64"));
 * ```
 * @param bytes The whole file.
 * @returns The parsed image.
 */
export function loadImage(bytes: Uint8Array): Image {
  switch (detectFormat(bytes)) {
    case "elf":
      return parseElf(bytes);
    case "macho":
    case "macho-fat":
      return parseMacho(bytes);
    case "pe":
      return parsePe(bytes);
    case null:
      break;
  }
  if (bytes.byteLength < 4) {
    throw new LoaderError(
      `File is too short to be an executable (${bytes.byteLength} bytes, magic ${
        magicText(bytes) || "none"
      })`,
      0,
      "magic",
    );
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    throw new LoaderError(
      "MZ executable without a PE header is not supported (e_lfanew does not point at PE\\0\\0)",
      E_LFANEW,
      "e_lfanew",
    );
  }
  throw new LoaderError(
    `Unknown executable format (magic ${magicText(bytes)})`,
    0,
    "magic",
  );
}
