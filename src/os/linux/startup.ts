/**
 * Process start-up: map an ELF image into the guest's address space and build
 * the initial stack exactly as Linux's `create_elf_tables` does (argc, argv,
 * envp, the auxiliary vector, and the strings and random bytes above them).
 *
 * Layout of the 4 GiB window for Linux guests:
 * - fixed-address images (ET_EXEC) where they were linked (usually 0x10000);
 * - position-independent images (ET_DYN) at {@link DYN_LOAD_BIAS};
 * - the program interpreter (PT_INTERP, `ld.so`) at the top of the mmap area, where the
 *   kernel's top-down mmap would put it (see `exec_image.ts`);
 * - the heap (brk) right after the highest segment, growing up;
 * - mmap placement top-down from {@link MMAP_TOP};
 * - an 8 MiB stack whose top is {@link STACK_TOP}.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import type { Image } from "../../loader/image.ts";
import { LoaderError } from "../../loader/errors.ts";
import { type AddressSpace, PAGE_SIZE, PF_R, PF_W, PF_X } from "../../memory/address_space.ts";
import type { LinuxProcess } from "./process.ts";

/**
 * Top of the initial stack (exclusive). The stack and the mmap area sit below 2^31 so that the
 * buffer offsets lifted code computes stay int32: V8's optimizing tiers speculate on int32
 * arithmetic, and every site that first sees an offset of 2^31 or more deoptimizes its whole
 * region (measured: 451 deoptimizations and 30 s of recompilation in one busybox sort run).
 */
export const STACK_TOP = 0x8000_0000;
/** Size of the stack mapping. */
export const STACK_SIZE = 8 << 20;
/** Top-down mmap placement starts here, below a guard gap under the stack. */
export const MMAP_TOP = 0x7000_0000;
/** Load address of position-independent images (static-pie). */
export const DYN_LOAD_BIAS = 0x4000_0000;

/** Auxiliary vector keys. */
export const AT_NULL = 0;
/** Program headers address. */
export const AT_PHDR = 3;
/** Size of one program header. */
export const AT_PHENT = 4;
/** Number of program headers. */
export const AT_PHNUM = 5;
/** Page size. */
export const AT_PAGESZ = 6;
/** Interpreter base address. */
export const AT_BASE = 7;
/** Flags. */
export const AT_FLAGS = 8;
/** Program entry point. */
export const AT_ENTRY = 9;
/** Real uid. */
export const AT_UID = 11;
/** Effective uid. */
export const AT_EUID = 12;
/** Real gid. */
export const AT_GID = 13;
/** Effective gid. */
export const AT_EGID = 14;
/** Platform string address. */
export const AT_PLATFORM = 15;
/** Hardware capabilities. */
export const AT_HWCAP = 16;
/** Clock ticks per second. */
export const AT_CLKTCK = 17;
/** Secure mode (setuid). */
export const AT_SECURE = 23;
/** Address of 16 random bytes. */
export const AT_RANDOM = 25;
/** More hardware capabilities. */
export const AT_HWCAP2 = 26;
/** Address of the executable's file name. */
export const AT_EXECFN = 31;

const enc = new TextEncoder();
const WINDOW = 0x1_0000_0000;

function pageDown(n: number): number {
  return Math.floor(n / PAGE_SIZE) * PAGE_SIZE;
}
function pageUp(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}

/** PROT_* (same bits as the image's) to page flags. */
function pf(prot: number): number {
  return (prot & 1 ? PF_R : 0) | (prot & 2 ? PF_W : 0) | (prot & 4 ? PF_X : 0);
}

/**
 * Map the segments of `image` at `bias` (named `name` in /proc/self/maps). Pages shared by two
 * segments get the union of their protections. Returns the end of the highest segment.
 */
export function mapImage(mem: AddressSpace, image: Image, bias: number, name: string): number {
  // Page → protection, over every page any segment touches.
  const prots = new Map<number, number>();
  let top = 0;
  for (const seg of image.segments) {
    if (seg.memsz === 0) continue;
    const start = seg.vaddr + bias;
    const end = start + seg.memsz;
    if (
      mem.offsetOf(start) < 0 || end - mem.base > WINDOW - PAGE_SIZE || start < mem.base + PAGE_SIZE
    ) {
      throw new LoaderError(
        `Cannot map segment at 0x${start.toString(16)}: outside the 4 GiB guest window`,
      );
    }
    for (let p = pageDown(start); p < end; p += PAGE_SIZE) {
      prots.set(p, (prots.get(p) ?? 0) | pf(seg.prot));
    }
    top = Math.max(top, end);
  }
  // Map each run of consecutive pages read-write once, so shared pages are not wiped.
  const pages = [...prots.keys()].sort((a, b) => a - b);
  for (let i = 0; i < pages.length;) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + PAGE_SIZE) j++;
    const start = pages[i];
    const len = pages[j] + PAGE_SIZE - start;
    const e = mem.mapFixed(start, len, PF_R | PF_W, name);
    if (e < 0) {
      throw new LoaderError(
        `Cannot map ${len} bytes at 0x${start.toString(16)}: out of guest memory (errno ${-e})`,
      );
    }
    i = j + 1;
  }
  for (const seg of image.segments) {
    if (seg.filesz > 0) mem.write(seg.vaddr + bias, seg.data.subarray(0, seg.filesz));
  }
  for (const [page, prot] of prots) mem.mprotect(page, PAGE_SIZE, prot);
  return top;
}

/** Options for {@link startProcess}. */
export interface StartOptions {
  /** AT_EXECFN text (the name execve was given); default: the process's exe path. */
  execfn?: string;
  /** The 16 AT_RANDOM bytes; default: from crypto.getRandomValues. */
  random?: Uint8Array;
}

/** Everything {@link startImages} needs besides the process and the CPU. */
export interface StartImages extends StartOptions {
  /** The address space to map into (fresh: nothing mapped yet). */
  mem: AddressSpace;
  /** The program. */
  image: Image;
  /** Its name in /proc/self/maps. */
  name: string;
  /** The program's interpreter (PT_INTERP), already read and parsed, or null. */
  interp: Image | null;
  /** The interpreter's name in /proc/self/maps. */
  interpName?: string;
  /** The guest's argv and environment ("K=V" each). */
  argv: string[];
  env: string[];
}

/** Where {@link startImages} put things. */
export interface StartResult {
  /** Where the CPU starts: the interpreter's entry, or the program's. */
  entry: number;
  /** The initial stack pointer (at argc). */
  sp: number;
  /** The program's load bias (0 for ET_EXEC). */
  bias: number;
  /** The interpreter's load address (AT_BASE), or 0. */
  interpBase: number;
}

/**
 * Map `image` into `proc.mem`, build the initial stack and point the CPU at
 * the entry: zeroed registers, sp at argc, pc at the entry point. Static
 * programs only (see `exec_image.ts` for PT_INTERP).
 *
 * @example
 * ```ts
 * startProcess(proc, parseElf(bytes), cpu);
 * // run the CPU until proc.exited
 * ```
 */
export function startProcess(
  proc: LinuxProcess,
  image: Image,
  cpu: CpuState,
  opts: StartOptions = {},
): void {
  if (image.interp !== undefined) {
    throw new LoaderError(
      `Dynamically linked programs are not supported yet (PT_INTERP ${image.interp})`,
    );
  }
  startImages(proc, cpu, {
    ...opts,
    mem: proc.mem,
    image,
    name: proc.exePath,
    interp: null,
    argv: proc.argv,
    env: proc.env,
  });
}

/**
 * Linux's binfmt_elf for a fresh address space: map the program (ET_DYN at
 * {@link DYN_LOAD_BIAS}) and, when given, its interpreter (at the top of the
 * mmap area, where the kernel's top-down mmap would put it), the heap after the
 * program, the stack; then build the initial stack as `create_elf_tables` does
 * (AT_BASE = the interpreter's base, AT_PHDR/AT_ENTRY of the program) and point
 * the CPU at the interpreter's entry (or the program's). Sets `proc.auxv`.
 *
 * @example
 * ```ts
 * const r = startImages(proc, cpu, { mem: proc.mem, image, name: "/bin/x", interp: null,
 *   argv: ["x"], env: [] });
 * ```
 */
export function startImages(proc: LinuxProcess, cpu: CpuState, o: StartImages): StartResult {
  const { mem, image } = o;
  const bias = image.type === "dyn" ? DYN_LOAD_BIAS - pageDown(image.minVaddr) : 0;
  const top = mapImage(mem, image, bias, o.name);

  mem.brkStart = pageUp(top);
  mem.brkCur = mem.brkStart;

  const stackTop = mem.base + STACK_TOP;
  const stackBottom = stackTop - STACK_SIZE;
  if (stackBottom < pageUp(top)) {
    throw new LoaderError(`The image reaches 0x${top.toString(16)}, into the stack`);
  }
  const stackProt = PF_R | PF_W | (image.execStack ? PF_X : 0);
  if (mem.mapFixed(stackBottom, STACK_SIZE, stackProt, "[stack]") < 0) {
    throw new LoaderError("Cannot map the stack: out of guest memory");
  }
  mem.mmapTop = Math.min(mem.base + MMAP_TOP, stackBottom - PAGE_SIZE);

  // ---- the interpreter, at the top of the mmap area ----
  let interpBase = 0;
  let entry = image.entry + bias;
  if (o.interp) {
    const it = o.interp;
    const span = it.maxVaddr - pageDown(it.minVaddr);
    let at: number;
    if (it.type === "dyn") {
      at = mem.findFree(span);
      if (at < 0 || at < pageUp(top)) {
        throw new LoaderError(
          `Cannot map the interpreter ${o.interpName ?? ""}: out of guest memory`,
        );
      }
    } else {
      at = pageDown(it.minVaddr);
    }
    const ibias = it.type === "dyn" ? at - pageDown(it.minVaddr) : 0;
    mapImage(mem, it, ibias, o.interpName ?? "");
    interpBase = pageDown(it.minVaddr) + ibias;
    entry = it.entry + ibias;
  }

  // ---- strings at the top, as Linux copies them: argv, envp, execfn, then the end marker ----
  const execfn = o.execfn ?? proc.exePath;
  const argBytes = o.argv.map((s) => enc.encode(s + "\0"));
  const envBytes = o.env.map((s) => enc.encode(s + "\0"));
  const fnBytes = enc.encode(execfn + "\0");
  const stringsSize = [...argBytes, ...envBytes].reduce((n, b) => n + b.length, 0) + fnBytes.length;
  const vectors = (o.argv.length + o.env.length + 3 + 2 * 20) * 8;
  if (stringsSize + vectors + 1024 > STACK_SIZE / 4) {
    throw new RangeError("Arguments and environment are too large for the stack");
  }

  let sp = stackTop - 8; // the NULL end marker word
  sp -= fnBytes.length;
  const execfnAddr = sp;
  mem.write(sp, fnBytes);
  sp -= envBytes.reduce((n, b) => n + b.length, 0) + argBytes.reduce((n, b) => n + b.length, 0);
  let p = sp;
  const argPtrs: number[] = [];
  for (const b of argBytes) {
    argPtrs.push(p);
    mem.write(p, b);
    p += b.length;
  }
  const envPtrs: number[] = [];
  for (const b of envBytes) {
    envPtrs.push(p);
    mem.write(p, b);
    p += b.length;
  }

  // ---- platform string and random bytes (create_elf_tables) ----
  sp = Math.floor(sp / 16) * 16;
  let platformAddr = 0;
  if (proc.info.platform) {
    const b = enc.encode(proc.info.platform + "\0");
    sp -= b.length;
    platformAddr = sp;
    mem.write(sp, b);
  }
  const random = o.random ?? crypto.getRandomValues(new Uint8Array(16));
  if (random.length !== 16) throw new RangeError("AT_RANDOM needs exactly 16 bytes");
  sp -= 16;
  const randomAddr = sp;
  mem.write(sp, random);

  // ---- the auxiliary vector, in the kernel's order ----
  const auxv: [number, number][] = [
    [AT_HWCAP, proc.info.hwcap],
    [AT_PAGESZ, PAGE_SIZE],
    [AT_CLKTCK, 100],
  ];
  if (image.phdr) {
    auxv.push(
      [AT_PHDR, image.phdr.vaddr + bias],
      [AT_PHENT, image.phdr.entsize],
      [AT_PHNUM, image.phdr.count],
    );
  }
  auxv.push(
    [AT_BASE, interpBase],
    [AT_FLAGS, 0],
    [AT_ENTRY, image.entry + bias],
    [AT_UID, proc.uid],
    [AT_EUID, proc.uid],
    [AT_GID, proc.gid],
    [AT_EGID, proc.gid],
    [AT_SECURE, 0],
    [AT_RANDOM, randomAddr],
    [AT_HWCAP2, proc.info.hwcap2],
    [AT_EXECFN, execfnAddr],
  );
  if (platformAddr) auxv.push([AT_PLATFORM, platformAddr]);
  auxv.push([AT_NULL, 0]);

  // ---- argc, argv, envp, auxv, with sp 16-byte aligned ----
  const words = 1 + argPtrs.length + 1 + envPtrs.length + 1 + 2 * auxv.length;
  sp = Math.floor((sp - words * 8) / 16) * 16;
  const table = new Uint8Array(words * 8);
  const dv = new DataView(table.buffer);
  let w = 0;
  const put = (v: number) => {
    dv.setUint32(w, v >>> 0, true);
    dv.setUint32(w + 4, Math.floor(v / WINDOW) >>> 0, true);
    w += 8;
  };
  put(argPtrs.length);
  argPtrs.forEach(put);
  put(0);
  envPtrs.forEach(put);
  put(0);
  const auxStart = w;
  for (const [k, v] of auxv) {
    put(k);
    put(v);
  }
  mem.write(sp, table);
  proc.auxv = table.slice(auxStart);

  cpu.x.fill(0);
  proc.abi.setSp(cpu, sp);
  cpu.pc = entry;
  return { entry, sp, bias, interpBase };
}
