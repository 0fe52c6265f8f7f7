/**
 * The x86-64 backend of the JIT: fetch with execute checks, decode through
 * the one table, emit through the semantics tables.
 * @module
 */

import type { AddressSpace } from "../../memory/address_space.ts";
import { PF_MAPPED, PF_X } from "../../memory/address_space.ts";
import type { FetchResult, IsaBackend } from "../../engine/compile.ts";
import type { Emitter } from "../../engine/emitter.ts";
import { T_ILLEGAL } from "../../engine/trap.ts";
import {
  BRANCH,
  CALL,
  decode,
  ENDS_BLOCK,
  JUMP,
  O_IMM,
  O_ONE,
  O_REL,
  RET,
  SSE,
  TRAP,
  type X86Insn,
} from "./decode.ts";
import { disasm } from "./disasm.ts";
import { INT_SEMANTICS, resetFlagKnowledge, setFlagsLive, type X86Semantics } from "./semantics.ts";
import { SSE_SEMANTICS } from "./semantics_sse.ts";
import { X87_SEMANTICS } from "./semantics_x87.ts";
import { MMX_SEMANTICS } from "./semantics_mmx.ts";
import { MMX } from "./table.ts";

/** Every x86-64 instruction's emitter, by op. */
export const SEMANTICS: Readonly<Record<string, X86Semantics>> = {
  ...INT_SEMANTICS,
  ...SSE_SEMANTICS,
  ...X87_SEMANTICS,
};

/** The emitter of a decoded instruction (MMX rows have their own table). */
function semanticsOf(i: X86Insn): X86Semantics | undefined {
  return i.row.flags & MMX ? MMX_SEMANTICS[i.op] : SEMANTICS[i.op];
}

const EXEC = PF_X | PF_MAPPED;
const buf = new Uint8Array(15);

let lastEmitter: Emitter | null = null;
/** The address space of the last fetch: emit decodes ahead in it for flag liveness. */
let lastMem: AddressSpace | null = null;

/** Instructions that write all six status flags without reading them. */
const FLAG_WRITERS = new Set([
  "add",
  "or",
  "and",
  "sub",
  "xor",
  "cmp",
  "test",
  "neg",
  "imul1",
  "imul2",
  "imul3",
  "mul",
  "popcnt",
  "bsf",
  "bsr",
  "tzcnt",
  "lzcnt",
  "xadd",
  "cmpxchg",
  "ucomisd",
  "comisd",
  "ucomiss",
  "comiss",
  "fcomi",
  "fucomi",
  "fcomip",
  "fucomip",
  "popf",
  "ptest",
  "pcmpistri",
  "pcmpistrm",
  "pcmpestri",
  "pcmpestrm",
]); // deno-fmt-ignore
/** Instructions that neither read nor write the status flags. */
const FLAG_NEUTRAL = new Set([
  "mov", "movzx", "movsx", "movsxd", "lea", "push", "pop", "xchg", "bswap", "cbw", "cwd", "not",
  "nop", "endbr64", "leave", "div", "idiv", "movs", "stos", "lods", "cld", "std", "prefetcht0", "prefetchnta", "prefetch", "prefetchw", "pause", "crc32", "movbe",
]); // deno-fmt-ignore

/** The six status flags as EFLAGS bits: CF, PF, AF, ZF, SF, OF. */
const CF_BIT = 0x1, OF_BIT = 0x800, ALL_FLAGS = 0x8d5;

/**
 * Whether the flags written by the instruction ending at `next` may be read:
 * decode ahead within the block until an instruction reads them (live) or
 * every one of them has been overwritten (dead). Flags are tracked one by one:
 * `inc`/`dec` overwrite all but CF, and `rol`/`ror` by a nonzero constant only
 * CF and OF, so a rotate between two arithmetic instructions (SHA-256's
 * rounds) does not keep the first one's flags alive. Anything unknown, or the
 * block's end, is live.
 */
function flagsLiveAfter(next: number): boolean {
  const mem = lastMem;
  if (!mem) return true;
  let pc = next;
  let pending = ALL_FLAGS;
  for (let n = 0; n < 24; n++) {
    const r = x86_64Backend.fetch(mem, pc);
    if (r.kind !== "ok") return true;
    const i = r.insn;
    if (FLAG_WRITERS.has(i.op)) return false;
    // A shift or rotate count known at decode time (masked as the CPU masks it), or -1.
    const src = i.ops[1];
    const count = src === undefined
      ? -1
      : src.t === O_ONE
      ? 1
      : src.t === O_IMM
      ? src.imm & (i.ops[0].size === 8 ? 63 : 31)
      : -1;
    if ((i.op === "shl" || i.op === "shr" || i.op === "sar") && count > 0) return false;
    if (i.op === "inc" || i.op === "dec") {
      pending &= CF_BIT;
    } else if ((i.op === "rol" || i.op === "ror") && count >= 0) {
      // A rotate by 0 changes no flag; by more, CF and OF; it reads none.
      if (count > 0) pending &= ~(CF_BIT | OF_BIT);
    } else {
      // The block's end (a jump, call, return or trap): what runs next is not known here.
      if (i.row.flags & ENDS_BLOCK) return true;
      if (!FLAG_NEUTRAL.has(i.op) && !(i.row.flags & SSE && !i.op.includes("comis"))) return true;
    }
    if (pending === 0) return false;
    pc += i.len;
  }
  return true;
}

/**
 * Recently decoded instructions, direct-mapped by pc. The flag look-ahead decodes the rest of
 * the block again for each instruction it emits, and a region decodes blocks tier 0 decoded
 * before; on busybox `true` decoding was a third of the time spent translating. An entry is
 * used only when the bytes at pc are still the ones it was decoded from (decoding depends on
 * nothing else), so code that changes, or another address space's code, is decoded afresh.
 */
const MEMO_SLOTS = 4096;
const memoPc = new Float64Array(MEMO_SLOTS).fill(-1);
const memoInsn: (X86Insn | null)[] = new Array(MEMO_SLOTS).fill(null);
const memoBytes = new Uint8Array(MEMO_SLOTS * 16);

function memoSlot(pc: number): number {
  return (pc ^ (pc >>> 12)) & (MEMO_SLOTS - 1);
}

function memoGet(mem: AddressSpace, pc: number, off: number): X86Insn | null {
  const slot = memoSlot(pc);
  if (memoPc[slot] !== pc) return null;
  const insn = memoInsn[slot]!;
  const n = insn.len, u8 = mem.u8, at = slot * 16;
  // The caller checked the first byte's page; a straddling instruction's second page must
  // still be executable.
  if (((off & 4095) + n > 4096) && (mem.pf[(off + n - 1) >>> 12] & EXEC) !== EXEC) return null;
  for (let i = 0; i < n; i++) if (u8[off + i] !== memoBytes[at + i]) return null;
  return insn;
}

function memoPut(mem: AddressSpace, pc: number, off: number, insn: X86Insn): void {
  const slot = memoSlot(pc);
  memoPc[slot] = pc;
  memoInsn[slot] = insn;
  memoBytes.set(mem.u8.subarray(off, off + insn.len), slot * 16);
}

/** The x86-64 JIT backend. */
export const x86_64Backend: IsaBackend<X86Insn> = {
  fetch(mem: AddressSpace, pc: number): FetchResult<X86Insn> {
    lastMem = mem;
    const off = mem.offsetOf(pc);
    if (off < 0 || (mem.pf[off >>> 12] & EXEC) !== EXEC) return { kind: "fault", addr: pc };
    const known = off + 15 < 0x1_0000_0000 ? memoGet(mem, pc, off) : null;
    if (known !== null) return { kind: "ok", insn: known };
    if ((off & 4095) <= 4096 - 15) {
      // All 15 bytes an instruction may span are in this page: decode in place.
      const insn = decode(mem.u8, off);
      if (insn && semanticsOf(insn)) {
        memoPut(mem, pc, off, insn);
        return { kind: "ok", insn };
      }
    }
    // Copy up to 15 bytes, stopping at a page that is not executable.
    let n = 0;
    while (n < 15 && off + n < 0x1_0000_0000) {
      if (((off + n) & 4095) === 0 && n > 0 && (mem.pf[(off + n) >>> 12] & EXEC) !== EXEC) break;
      buf[n] = mem.u8[off + n];
      n++;
    }
    const insn = decode(n === 15 ? buf : buf.subarray(0, n), 0);
    if (!insn) {
      // A truncated instruction at a non-executable page boundary is a fetch fault.
      if (n < 15) {
        const full = new Uint8Array(15);
        full.set(buf.subarray(0, n));
        if (decode(full, 0)) return { kind: "fault", addr: pc + n };
      }
      return { kind: "illegal", bytes: mem.u8.slice(off, off + Math.min(n, 4)) };
    }
    if (!semanticsOf(insn)) return { kind: "illegal", bytes: mem.u8.slice(off, off + insn.len) };
    memoPut(mem, pc, off, insn);
    return { kind: "ok", insn };
  },

  emit(insn: X86Insn, e: Emitter): void {
    // What is known about the flags holds within one block of one emitter. A template
    // (tier 0) starts afresh, even though the engine reuses its emitter for the next
    // instruction: a template shared by instructions of one shape should not depend on
    // its neighbours (and busybox `true` then needs 297 templates instead of 326).
    if (e !== lastEmitter || e.template || e.inRegion.has(e.pc)) {
      lastEmitter = e;
      resetFlagKnowledge();
    }
    // A template (tier 0) always stores the flags it computes: it runs a few times, and
    // without the look-ahead it is one template per instruction shape instead of two (flags
    // live or dead), and costs no decoding of the instructions after it.
    setFlagsLive(e.template || flagsLiveAfter(e.next));
    const sem = semanticsOf(insn);
    if (!sem) {
      e.stmt(`s.pc = ${e.num(e.pc)}; ${e.exit(T_ILLEGAL)}`);
      e.ended = true;
      return;
    }
    sem(insn, e);
  },

  successors(insn: X86Insn, pc: number): number[] {
    const next = pc + insn.len;
    const f = insn.row.flags;
    const rel = insn.ops[0]?.t === O_REL ? next + insn.ops[0].imm : -1;
    if (f & BRANCH) return rel >= 0 ? [rel, next] : [next];
    if (f & CALL) return rel >= 0 ? [rel, next] : [next];
    if (f & JUMP) return rel >= 0 ? [rel] : [];
    if (f & RET) return [];
    if (f & TRAP) return insn.op === "syscall" ? [next] : [];
    return [next];
  },

  disasm,
};
