import assert from "node:assert/strict";
import { detectFormat, loadImage } from "../../src/loader/detect.ts";
import { LoaderError } from "../../src/loader/errors.ts";
import { buildElf } from "./elf_builder.ts";

function bytesOf(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "string") { for (const c of p) out.push(c.charCodeAt(0)); }
    else out.push(...p);
  }
  return new Uint8Array(out);
}

/** A minimal DOS header whose e_lfanew (at 0x3c) points at `lfanew`, of `size` bytes. */
function mz(lfanew: number, size: number, sig = "PE\0\0"): Uint8Array {
  const b = new Uint8Array(size);
  b[0] = 0x4d; // M
  b[1] = 0x5a; // Z
  new DataView(b.buffer).setUint32(0x3c, lfanew, true);
  for (let i = 0; i < sig.length && lfanew + i < size; i++) b[lfanew + i] = sig.charCodeAt(i);
  return b;
}

function catchError(fn: () => unknown): LoaderError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof LoaderError, `expected a LoaderError, got ${e}`);
    return e;
  }
  assert.fail("expected a LoaderError");
}

Deno.test("detect: ELF", () => {
  assert.equal(detectFormat(bytesOf([0x7f], "ELF")), "elf");
  assert.equal(detectFormat(buildElf().bytes), "elf");
  assert.equal(detectFormat(bytesOf([0x7f], "ELG")), null);
});

Deno.test("detect: Mach-O thin, both widths and byte orders", () => {
  assert.equal(detectFormat(bytesOf([0xfe, 0xed, 0xfa, 0xce])), "macho");
  assert.equal(detectFormat(bytesOf([0xfe, 0xed, 0xfa, 0xcf])), "macho");
  assert.equal(detectFormat(bytesOf([0xce, 0xfa, 0xed, 0xfe])), "macho");
  assert.equal(detectFormat(bytesOf([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0, 0, 1])), "macho");
  assert.equal(detectFormat(bytesOf([0xcf, 0xfa, 0xed, 0xff])), null);
});

Deno.test("detect: universal Mach-O vs Java class files", () => {
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2])), "macho-fat");
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbf, 0, 0, 0, 1])), "macho-fat");
  // Java class: minor_version 0, major_version 52 (Java 8) / 65 (Java 21).
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52])), null);
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 65])), null);
  // Java 1.1: minor 3, major 45.
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 3, 0, 45])), null);
  // No architectures, or too short to tell.
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0])), null);
  assert.equal(detectFormat(bytesOf([0xca, 0xfe, 0xba, 0xbe])), null);
  // Little-endian fat magic is not a thing.
  assert.equal(detectFormat(bytesOf([0xbe, 0xba, 0xfe, 0xca, 2, 0, 0, 0])), null);
});

Deno.test("detect: PE needs MZ and a PE signature at e_lfanew", () => {
  assert.equal(detectFormat(mz(0x80, 0x100)), "pe");
  assert.equal(detectFormat(mz(0x40, 0x44)), "pe"); // signature ends exactly at EOF
  assert.equal(detectFormat(mz(0x40, 0x43)), null); // truncated signature
  assert.equal(detectFormat(mz(0xffff_fffc, 0x100)), null); // e_lfanew far past EOF
  assert.equal(detectFormat(mz(0x80, 0x100, "NE\0\0")), null);
  assert.equal(detectFormat(mz(0x80, 0x100, "PE\0\x01")), null);
  assert.equal(detectFormat(bytesOf("MZ")), null); // too short for e_lfanew
});

Deno.test("detect: nothing recognizable", () => {
  assert.equal(detectFormat(new Uint8Array(0)), null);
  assert.equal(detectFormat(bytesOf([0x7f, 0x45, 0x4c])), null);
  assert.equal(detectFormat(bytesOf("#!/bin/sh\n")), null);
  assert.equal(detectFormat(new Uint8Array(64)), null);
});

Deno.test("detect: works on a subarray with a byte offset", () => {
  const big = new Uint8Array(16);
  big.set([0x7f, 0x45, 0x4c, 0x46], 5);
  assert.equal(detectFormat(big.subarray(5)), "elf");
  assert.equal(detectFormat(big.subarray(4)), null);
});

Deno.test("loadImage: ELF is parsed", () => {
  const b = buildElf();
  const img = loadImage(b.bytes);
  assert.equal(img.format, "elf");
  assert.equal(img.entry, b.entry);
});

Deno.test("loadImage: Mach-O and PE are recognized and rejected", () => {
  // Mach-O goes to the Mach-O loader (tests/darwin/macho_test.ts), which names what is wrong.
  let e = catchError(() => loadImage(bytesOf([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0, 0, 1])));
  assert.equal(e.message, "Mach-O header is truncated");
  assert.equal(e.offset, 0);
  assert.equal(e.field, "mach_header");
  e = catchError(() => loadImage(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2])));
  assert.match(e.message, /^Universal Mach-O nfat_arch 2 overflows the file \(8 bytes\)$/);
  assert.equal(e.field, "nfat_arch");
  // A PE signature alone goes to the PE loader, which wants an x86-64 COFF header.
  e = catchError(() => loadImage(mz(0x80, 0x100)));
  assert.equal(e.message, "PE machine 0x0 (unknown) is not supported");
  assert.equal(e.offset, 0x84);
  assert.equal(e.field, "Machine");
});

Deno.test("loadImage: unknown formats name their magic", () => {
  let e = catchError(() => loadImage(bytesOf("#!/bin/sh\n")));
  assert.match(e.message, /^Unknown executable format \(magic 23 21 2f 62\)$/);
  assert.equal(e.field, "magic");
  e = catchError(() => loadImage(bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52])));
  assert.match(e.message, /magic ca fe ba be/);
  e = catchError(() => loadImage(new Uint8Array(0)));
  assert.match(e.message, /too short/);
  e = catchError(() => loadImage(bytesOf([0x7f, 0x45])));
  assert.match(e.message, /too short .*magic 7f 45/);
  e = catchError(() => loadImage(mz(0x80, 0x100, "NE\0\0")));
  assert.match(e.message, /^MZ executable without a PE header/);
  assert.equal(e.field, "e_lfanew");
  assert.equal(e.offset, 0x3c);
});

// Real files from real toolchains, when they are installed.

function run(cmd: string, args: string[]): boolean {
  try {
    return new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

const HAS_CLANG = run("clang", ["--version"]);
const LIPO = run("llvm-lipo", ["-version"]) ? "llvm-lipo" : "llvm-lipo-14";

Deno.test({
  name: "detect: clang-built PE, Mach-O and universal Mach-O files",
  ignore: !HAS_CLANG,
  fn() {
    const dir = Deno.makeTempDirSync({ prefix: "kitemu_detect_" });
    try {
      Deno.writeTextFileSync(`${dir}/a.c`, "int start(void) { return 0; }\n");
      const pe = run("clang", [
        "-target",
        "x86_64-pc-windows-msvc",
        "-fuse-ld=lld",
        "-nostdlib",
        "-Wl,/entry:start",
        "-Wl,/subsystem:console",
        "-o",
        `${dir}/a.exe`,
        `${dir}/a.c`,
      ]);
      assert.ok(pe, "clang + lld-link could not build a PE file");
      const exe = Deno.readFileSync(`${dir}/a.exe`);
      assert.equal(detectFormat(exe), "pe");
      const peImage = loadImage(exe);
      assert.equal(peImage.format, "pe");
      assert.equal(peImage.os, "windows");
      const thin: string[] = [];
      for (const [i, target] of ["arm64-apple-macos11", "x86_64-apple-macos11"].entries()) {
        const out = `${dir}/m${i}.o`;
        assert.ok(run("clang", ["-target", target, "-c", "-o", out, `${dir}/a.c`]), target);
        const bytes = Deno.readFileSync(out);
        assert.equal(detectFormat(bytes), "macho");
        assert.match(
          catchError(() => loadImage(bytes)).message,
          /^Mach-O file type 1 \(MH_OBJECT\) is not an executable/,
        );
        thin.push(out);
      }
      if (run(LIPO, ["-create", ...thin, "-output", `${dir}/fat.o`])) {
        assert.equal(detectFormat(Deno.readFileSync(`${dir}/fat.o`)), "macho-fat");
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
