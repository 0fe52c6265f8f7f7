/**
 * Builds small, valid Mach-O executables in TypeScript for the loader tests
 * and the fuzzer's seeds: __PAGEZERO, __TEXT (with code that exits with 42
 * through a raw Darwin system call), __DATA, __LINKEDIT; LC_MAIN or
 * LC_UNIXTHREAD; LC_LOAD_DYLINKER, LC_LOAD_DYLIB; fixups as LC_DYLD_INFO_ONLY
 * opcodes or LC_DYLD_CHAINED_FIXUPS chains; LC_SYMTAB. Field offsets are
 * returned so tests can corrupt exactly one field.
 * @module
 */

/** What to build. */
export interface MachoSpec {
  cpu?: "arm64" | "x86_64";
  entry?: "main" | "thread";
  /** MH_PIE (default true). */
  pie?: boolean;
  /** Offsets in __DATA of pointers to rebase; each holds the address of __TEXT + 0x100 + 8 i. */
  rebases?: number[];
  /** Offsets in __DATA bound to symbols (library ordinal 1). */
  binds?: { offset: number; symbol: string; lazy?: boolean; addend?: number; weak?: boolean }[];
  /** Encode the fixups as chained fixups (DYLD_CHAINED_PTR_64_OFFSET) instead of opcodes. */
  chained?: boolean;
  /** Chained imports: DYLD_CHAINED_IMPORT (1, addends in the pointers) or _ADDEND (2, in the imports). */
  importsFormat?: 1 | 2;
  /** Omit LC_LOAD_DYLINKER. */
  noDylinker?: boolean;
  /** Where __TEXT starts (default 0x1_0000_0000 for PIE images, 0x400000 otherwise). */
  base?: number;
  /** LC_UNIXTHREAD register values by thread-state index (the pc is the entry point). */
  threadState?: number[];
  /** Machine code at the entry point (default: exit with 42), at most 0x1000 bytes. */
  code?: number[];
}

/** A built image and where its fields are. */
export interface BuiltMacho {
  bytes: Uint8Array;
  /** File offsets of interesting fields. */
  at: {
    ncmds: number;
    sizeofcmds: number;
    firstCmd: number;
    /** cmdsize of each load command, in order. */
    cmdsize: number[];
    /** fileoff of __TEXT, __DATA, __LINKEDIT. */
    segFileoff: Record<string, number>;
    entry: number;
  };
  /** Address of the entry point. */
  entry: number;
  base: number;
}

const PAGE = 0x4000;
const enc = new TextEncoder();

class Buf {
  b: number[] = [];
  u8(v: number) {
    this.b.push(v & 0xff);
  }
  u16(v: number) {
    this.u8(v);
    this.u8(v >>> 8);
  }
  u32(v: number) {
    for (let i = 0; i < 4; i++) this.u8(Number((BigInt(v) >> BigInt(8 * i)) & 0xffn));
  }
  u64(v: number | bigint) {
    const x = BigInt.asUintN(64, BigInt(v));
    for (let i = 0; i < 8; i++) this.u8(Number((x >> BigInt(8 * i)) & 0xffn));
  }
  str(s: string, len: number) {
    const e = enc.encode(s);
    for (let i = 0; i < len; i++) this.u8(i < e.length ? e[i] : 0);
  }
  uleb(v: number) {
    do {
      let x = v % 128;
      v = Math.floor(v / 128);
      if (v) x |= 0x80;
      this.u8(x);
    } while (v);
  }
  cstr(s: string) {
    for (const c of enc.encode(s)) this.u8(c);
    this.u8(0);
  }
  pad(n: number) {
    while (this.b.length % n) this.u8(0);
  }
  get length() {
    return this.b.length;
  }
}

/** Code that exits with 42: x86-64 `mov eax, 0x2000001; mov edi, 42; syscall`, arm64 the same with svc #0x80. */
function exitCode(cpu: "arm64" | "x86_64"): number[] {
  if (cpu === "x86_64") {
    return [0xb8, 0x01, 0x00, 0x00, 0x02, 0xbf, 0x2a, 0, 0, 0, 0x0f, 0x05, 0xf4];
  }
  const w = [0xd2800030, 0xd2800540, 0xd4001001]; // movz x16,#1; movz x0,#42; svc #0x80
  return w.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24]);
}

/**
 * Build a Mach-O executable.
 *
 * @example
 * ```ts
 * const { bytes } = buildMacho({ cpu: "arm64", rebases: [0, 8] });
 * ```
 */
export function buildMacho(spec: MachoSpec = {}): BuiltMacho {
  const cpu = spec.cpu ?? "arm64";
  const pie = spec.pie ?? true;
  const base = spec.base ?? (pie ? 0x1_0000_0000 : 0x400000);
  const rebases = spec.rebases ?? [];
  const binds = spec.binds ?? [];
  const entryOff = 0x1000;
  const textAddr = base, dataAddr = base + PAGE, linkAddr = base + 2 * PAGE;

  // __DATA contents: rebased pointers hold their targets (opcodes) or chain entries.
  const data = new Uint8Array(PAGE);
  const ddv = new DataView(data.buffer);
  rebases.forEach((off, i) => ddv.setBigUint64(off, BigInt(textAddr + 0x100 + 8 * i), true));

  // __LINKEDIT contents.
  const link = new Buf();
  let rebaseOff = 0, rebaseSize = 0, bindOff = 0, bindSize = 0, lazyOff = 0, lazySize = 0;
  let chainedOff = 0, chainedSize = 0;
  const linkBase = 2 * PAGE;
  if (!spec.chained) {
    rebaseOff = linkBase + link.length;
    link.u8(0x11); // REBASE_OPCODE_SET_TYPE_IMM pointer
    for (const off of rebases) {
      link.u8(0x22); // SET_SEGMENT_AND_OFFSET_ULEB, segment 2 (__DATA)
      link.uleb(off);
      link.u8(0x51); // DO_REBASE_IMM_TIMES 1
    }
    link.u8(0);
    link.pad(8);
    rebaseSize = linkBase + link.length - rebaseOff;
    const emitBinds = (lazy: boolean) => {
      for (const b of binds.filter((x) => !!x.lazy === lazy)) {
        link.u8(0x11); // SET_DYLIB_ORDINAL_IMM 1
        link.u8(b.weak ? 0x41 : 0x40); // SET_SYMBOL_TRAILING_FLAGS_IMM (1: weak import)
        link.cstr(b.symbol);
        if (!lazy) link.u8(0x51); // SET_TYPE_IMM pointer
        if (b.addend) {
          link.u8(0x60); // SET_ADDEND_SLEB (small positive values)
          link.uleb(b.addend);
        }
        link.u8(0x72); // SET_SEGMENT_AND_OFFSET_ULEB, segment 2
        link.uleb(b.offset);
        link.u8(0x90); // DO_BIND
        if (lazy) link.u8(0);
      }
      if (!lazy) link.u8(0);
    };
    bindOff = linkBase + link.length;
    emitBinds(false);
    link.pad(8);
    bindSize = linkBase + link.length - bindOff;
    lazyOff = linkBase + link.length;
    emitBinds(true);
    link.pad(8);
    lazySize = linkBase + link.length - lazyOff;
  } else {
    // Chain every fixup in __DATA in offset order (one page).
    const fix = [
      ...rebases.map((o, i) => ({ o, kind: "rebase" as const, i })),
      ...binds.map((b, i) => ({ o: b.offset, kind: "bind" as const, i })),
    ].sort((x, y) => x.o - y.o);
    fix.forEach((f, k) => {
      const next = k + 1 < fix.length ? (fix[k + 1].o - f.o) / 4 : 0;
      let v: bigint;
      if (f.kind === "rebase") v = BigInt(0x100 + 8 * f.i); // target: offset from the image base
      else {
        const inPtr = spec.importsFormat === 2 ? 0 : binds[f.i].addend ?? 0;
        v = BigInt(f.i) | (BigInt(inPtr) << 24n) | (1n << 63n);
      }
      v |= BigInt(next) << 51n;
      ddv.setBigUint64(f.o, v, true);
    });
    chainedOff = linkBase + link.length;
    const h = new Buf();
    const importsOffset = 32 + 4 + 16 + 24 + 8;
    const format = spec.importsFormat ?? 1;
    const symbolsOffset = importsOffset + 4 * format * binds.length;
    h.u32(0); // fixups_version
    h.u32(32); // starts_offset
    h.u32(importsOffset);
    h.u32(symbolsOffset);
    h.u32(binds.length);
    h.u32(format); // DYLD_CHAINED_IMPORT(_ADDEND)
    h.u32(0); // symbols_format
    h.pad(32);
    h.u32(4); // seg_count
    h.u32(0);
    h.u32(0);
    h.u32(4 + 16); // __DATA's starts_in_segment, relative to starts_in_image
    h.u32(0);
    h.u32(24); // size
    h.u16(PAGE);
    h.u16(6); // DYLD_CHAINED_PTR_64_OFFSET
    h.u64(PAGE); // segment_offset
    h.u32(0); // max_valid_pointer
    h.u16(1); // page_count
    h.u16(fix.length ? fix[0].o : 0xffff);
    h.pad(8);
    while (h.length < importsOffset) h.u8(0);
    let nameOff = 0;
    for (const b of binds) {
      h.u32(1 | (nameOff << 9));
      if (format === 2) h.u32(b.addend ?? 0);
      nameOff += enc.encode(b.symbol).length + 1;
    }
    for (const b of binds) h.cstr(b.symbol);
    h.pad(8);
    link.b.push(...h.b);
    chainedSize = h.length;
  }
  // Symbol table: _main (or start) and __mh_execute_header.
  const strtab = new Buf();
  strtab.u8(0x20);
  strtab.u8(0);
  const names = ["__mh_execute_header", "_start"];
  const strx = names.map((n) => {
    const at = strtab.length;
    strtab.cstr(n);
    return at;
  });
  strtab.pad(8);
  const symOff = linkBase + link.length;
  const syms = new Buf();
  [[strx[0], textAddr], [strx[1], textAddr + entryOff]].forEach(([s, v]) => {
    syms.u32(s);
    syms.u8(0x0f); // N_SECT | N_EXT
    syms.u8(1);
    syms.u16(0);
    syms.u64(v);
  });
  link.b.push(...syms.b);
  const strOff = linkBase + link.length;
  link.b.push(...strtab.b);
  const linkSize = link.length;

  // Load commands.
  const cmds: Buf[] = [];
  const seg = (
    name: string,
    vm: number,
    vmsize: number,
    off: number,
    size: number,
    prot: number,
    sect?: { name: string; addr: number; size: number; offset: number; flags: number },
  ) => {
    const c = new Buf();
    c.u32(0x19);
    c.u32(sect ? 152 : 72);
    c.str(name, 16);
    c.u64(vm);
    c.u64(vmsize);
    c.u64(off);
    c.u64(size);
    c.u32(prot);
    c.u32(prot);
    c.u32(sect ? 1 : 0);
    c.u32(0);
    if (sect) {
      c.str(sect.name, 16);
      c.str(name, 16);
      c.u64(sect.addr);
      c.u64(sect.size);
      c.u32(sect.offset);
      c.u32(3); // align 2^3
      c.u32(0);
      c.u32(0);
      c.u32(sect.flags);
      c.u32(0);
      c.u32(0);
      c.u32(0);
    }
    cmds.push(c);
  };
  seg("__PAGEZERO", 0, base, 0, 0, 0);
  seg("__TEXT", textAddr, PAGE, 0, PAGE, 5, {
    name: "__text",
    addr: textAddr + entryOff,
    size: 16,
    offset: entryOff,
    flags: 0x80000400,
  });
  seg("__DATA", dataAddr, PAGE, PAGE, PAGE, 3, {
    name: "__data",
    addr: dataAddr,
    size: PAGE,
    offset: PAGE,
    flags: 0,
  });
  seg("__LINKEDIT", linkAddr, Math.ceil(linkSize / PAGE) * PAGE, 2 * PAGE, linkSize, 1);
  if (!spec.chained) {
    const c = new Buf();
    c.u32(0x80000022);
    c.u32(48);
    for (const v of [rebaseOff, rebaseSize, bindOff, bindSize, 0, 0, lazyOff, lazySize, 0, 0]) {
      c.u32(v);
    }
    cmds.push(c);
  } else {
    const c = new Buf();
    c.u32(0x80000034);
    c.u32(16);
    c.u32(chainedOff);
    c.u32(chainedSize);
    cmds.push(c);
  }
  {
    const c = new Buf();
    c.u32(2);
    c.u32(24);
    c.u32(symOff);
    c.u32(2);
    c.u32(strOff);
    c.u32(strtab.length);
    cmds.push(c);
  }
  if (!spec.noDylinker) {
    const c = new Buf();
    c.u32(0xe);
    c.u32(32);
    c.u32(12);
    c.cstr("/usr/lib/dyld");
    c.pad(8);
    while (c.length < 32) c.u8(0);
    cmds.push(c);
  }
  {
    const c = new Buf();
    c.u32(0xc);
    c.u32(56);
    c.u32(24);
    c.u32(2);
    c.u32(0x10000);
    c.u32(0x10000);
    c.cstr("/usr/lib/libSystem.B.dylib");
    while (c.length < 56) c.u8(0);
    cmds.push(c);
  }
  if ((spec.entry ?? "main") === "main") {
    const c = new Buf();
    c.u32(0x80000028);
    c.u32(24);
    c.u64(entryOff);
    c.u64(0);
    cmds.push(c);
  } else {
    const c = new Buf();
    const count = cpu === "x86_64" ? 42 : 68;
    c.u32(5);
    c.u32(16 + 4 * count);
    c.u32(cpu === "x86_64" ? 4 : 6);
    c.u32(count);
    for (let i = 0; i < count / 2; i++) {
      c.u64(i === (cpu === "x86_64" ? 16 : 32) ? textAddr + entryOff : spec.threadState?.[i] ?? 0);
    }
    cmds.push(c);
  }
  const sizeofcmds = cmds.reduce((n, c) => n + c.length, 0);
  const file = new Uint8Array(2 * PAGE + linkSize);
  const dv = new DataView(file.buffer);
  dv.setUint32(0, 0xfeedfacf, true);
  dv.setUint32(4, cpu === "x86_64" ? 0x01000007 : 0x0100000c, true);
  dv.setUint32(8, cpu === "x86_64" ? 3 : 0, true);
  dv.setUint32(12, 2, true); // MH_EXECUTE
  dv.setUint32(16, cmds.length, true);
  dv.setUint32(20, sizeofcmds, true);
  dv.setUint32(24, 0x85 | (pie ? 0x200000 : 0) | (spec.noDylinker ? 0 : 0), true);
  const cmdsize: number[] = [];
  let p = 32;
  const segFileoff: Record<string, number> = {};
  let entryField = 0;
  for (const c of cmds) {
    file.set(c.b, p);
    cmdsize.push(p + 4);
    const cmd = dv.getUint32(p, true);
    if (cmd === 0x19) {
      const name = new TextDecoder().decode(file.subarray(p + 8, p + 24)).replace(/\0+$/, "");
      segFileoff[name] = p + 40;
    }
    if (cmd === 0x80000028) entryField = p + 8;
    if (cmd === 5) entryField = p + 16 + 8 * (cpu === "x86_64" ? 16 : 32);
    p += c.length;
  }
  file.set(spec.code ?? exitCode(cpu), entryOff);
  file.set(data, PAGE);
  file.set(link.b, 2 * PAGE);
  return {
    bytes: file,
    at: { ncmds: 16, sizeofcmds: 20, firstCmd: 32, cmdsize, segFileoff, entry: entryField },
    entry: textAddr + entryOff,
    base,
  };
}
