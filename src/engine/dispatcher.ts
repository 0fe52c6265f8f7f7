/**
 * The dispatcher: looks compiled regions up by pc, compiles what is missing,
 * and runs them until one leaves through a trap. It is synchronous; the
 * caller (the process loop in mod.ts) turns traps into OS work and awaits
 * only when a handler must wait.
 * @module
 */

import type { AddressSpace } from "../memory/address_space.ts";
import type { CpuState } from "../arch/isa.ts";
import { BlockCache } from "./block_cache.ts";
import { compileRegion, type DecodedInsn, type IsaBackend, type RegionFn } from "./compile.ts";
import { T_FAULT, T_NONE } from "./trap.ts";

/** How the engine translates code. */
export type EngineMode = "jit" | "interp";

/** Options for {@link Engine}. */
export interface EngineOptions {
  /** "jit" compiles page-local regions; "interp" runs one instruction per step. */
  mode: EngineMode;
  /** Most instructions per basic block (jit). Default 200. */
  maxBlockInsns?: number;
  /** Most blocks per region (jit). Default 64. */
  maxBlocks?: number;
  /** Called with every block compiled: its pc and disassembly lines. */
  onBlock?: (pc: number, text: string[]) => void;
  /** Called with every pc the dispatcher enters (region entries). */
  onDispatch?: (pc: number) => void;
}

/** Runs one CPU over one address space. */
export class Engine<I extends DecodedInsn> {
  /** Compiled regions. */
  readonly cache: BlockCache = new BlockCache();
  /** Region dispatches so far. */
  dispatches = 0;
  readonly isa: IsaBackend<I>;
  readonly mem: AddressSpace;
  readonly cpu: CpuState;
  readonly rt: unknown;
  readonly opts: EngineOptions;

  /**
   * @param isa the ISA backend
   * @param mem the address space
   * @param cpu the CPU state
   * @param rt the runtime object lifted code calls
   * @param opts mode and tracing
   */
  constructor(
    isa: IsaBackend<I>,
    mem: AddressSpace,
    cpu: CpuState,
    rt: unknown,
    opts: EngineOptions,
  ) {
    this.isa = isa;
    this.mem = mem;
    this.cpu = cpu;
    this.rt = rt;
    this.opts = opts;
    mem.onCodeChange = (first, last) => this.cache.invalidatePages(first, last);
  }

  /** The compiled region entered at `pc`, compiling it if needed; null if pc cannot be fetched. */
  lookup(pc: number): RegionFn | null {
    const hit = this.cache.get(pc);
    if (hit) return hit;
    const r = compileRegion(this.isa, this.mem, pc, {
      single: this.opts.mode === "interp",
      maxBlockInsns: this.opts.maxBlockInsns ?? 200,
      maxBlocks: this.opts.maxBlocks ?? 64,
      onBlock: this.opts.onBlock,
    });
    if (!r) return null;
    this.cache.add(r.fn, r.entries, r.pages);
    return r.fn;
  }

  /** Drop all translated code (fence.i and friends). */
  flush(): void {
    this.cache.clear();
  }

  /**
   * Run until a trap, for at most `budget` instructions and `maxDispatch`
   * region entries. Returns the trap code (T_BUDGET when either runs out).
   */
  run(budget: number, maxDispatch = Infinity): number {
    const cpu = this.cpu, rt = this.rt, cache = this.cache, trace = this.opts.onDispatch;
    cpu.budget = budget;
    cpu.sliceBudget = budget;
    let code = T_NONE;
    let n = 0;
    while (n < maxDispatch) {
      n++;
      let fn = cache.get(cpu.pc);
      if (fn === undefined) {
        const f = this.lookup(cpu.pc);
        if (f === null) {
          // Ask the backend which byte failed: an instruction straddling into a
          // non-executable page faults at the start of that page, not at pc.
          const r = this.isa.fetch(this.mem, cpu.pc);
          cpu.faultAddr = r.kind === "fault" ? r.addr : cpu.pc;
          cpu.faultAccess = 4;
          code = T_FAULT;
          break;
        }
        fn = f;
      }
      if (trace) trace(cpu.pc);
      code = fn(cpu, rt);
      if (code !== T_NONE) break;
    }
    this.dispatches += n;
    cpu.retired += cpu.sliceBudget - cpu.budget;
    cpu.sliceBudget = cpu.budget;
    return code === T_NONE ? 1 /* T_BUDGET */ : code;
  }
}
