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
import {
  compileRegion,
  compileTier0,
  type DecodedInsn,
  type IsaBackend,
  type RegionFn,
  type TemplateFn,
} from "./compile.ts";
import { T_FAULT, T_NONE } from "./trap.ts";

/** Calls that warm a new function's exit path (see Engine.warm). */
const WARM_CALLS = 10;

/** How the engine translates code. */
export type EngineMode = "jit" | "interp";

/** Options for {@link Engine}. */
export interface EngineOptions {
  /**
   * "jit" compiles page-local regions; "interp" runs one instruction per step
   * through its shared template (tier 0), never compiling a block.
   */
  mode: EngineMode;
  /** Most instructions per basic block (jit). Default 200. */
  maxBlockInsns?: number;
  /** Most blocks per region (jit). Default 64. */
  maxBlocks?: number;
  /**
   * Dispatches into a single-block translation before it is recompiled as a
   * region of the blocks that have run (jit). Default 64; 0 compiles whole
   * page regions at once.
   */
  hotThreshold?: number;
  /**
   * Dispatches into a block run through shared instruction templates (tier 0)
   * before it is compiled on its own (jit, tiered). Default 24; 0 skips tier 0.
   */
  coldRuns?: number;
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
  /** Hot blocks recompiled as regions so far. */
  promotions = 0;
  /** See {@link EngineOptions.hotThreshold}. */
  readonly hotThreshold: number;
  /** See {@link EngineOptions.coldRuns}. */
  readonly coldRuns: number;
  /** Tier-0 instruction templates by Emitter.templateKey (shared by all blocks). */
  readonly templates: Map<string, TemplateFn> = new Map();
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
    this.hotThreshold = opts.hotThreshold ?? 64;
    this.coldRuns = this.hotThreshold > 0 && opts.mode === "jit"
      ? Math.min(opts.coldRuns ?? 24, this.hotThreshold)
      : 0;
    mem.onCodeChange = (first, last) => this.cache.invalidatePages(first, last);
  }

  /** The compiled region entered at `pc`, compiling it if needed; null if pc cannot be fetched. */
  lookup(pc: number): RegionFn | null {
    const hit = this.cache.get(pc);
    if (hit) return hit;
    const interp = this.opts.mode === "interp";
    if (this.coldRuns > 0 || interp) {
      // The interpreter runs every instruction through its template, one per dispatch.
      const r0 = compileTier0(this.isa, this.mem, pc, {
        single: interp,
        maxBlockInsns: interp ? 1 : this.opts.maxBlockInsns ?? 200,
        maxBlocks: 1,
        onBlock: this.opts.onBlock,
      }, this.templates);
      if (r0) {
        // Counts up to hotThreshold like a tier-1 block, then upgrade() compiles it; the
        // interpreter's never do.
        r0.fn.hits = interp ? -0x3fff_ffff : this.hotThreshold - this.coldRuns;
        this.cache.add(r0.fn, r0.entries, r0.pages);
        return r0.fn;
      }
    }
    return this.compileBlock(pc, true);
  }

  /**
   * Compile the block at `pc` on its own (tier 1, or a region / one instruction
   * untiered); `report` passes it to onBlock (a tier-0 block was reported already).
   */
  private compileBlock(pc: number, report: boolean): RegionFn | null {
    const interp = this.opts.mode === "interp";
    const tiered = !interp && this.hotThreshold > 0;
    const r = compileRegion(this.isa, this.mem, pc, {
      single: interp,
      maxBlockInsns: this.opts.maxBlockInsns ?? 200,
      maxBlocks: tiered ? 1 : this.opts.maxBlocks ?? 64,
      onBlock: report ? this.opts.onBlock : undefined,
      tier: tiered ? 1 : 2,
    });
    if (!r) return null;
    this.cache.add(r.fn, r.entries, r.pages);
    this.warm(r.fn, pc);
    return r.fn;
  }

  /**
   * Run a new function once with no budget: it leaves at its first budget
   * check through its tail, which stores every register it writes back
   * unchanged. The tail then has V8 type feedback before the function first
   * loops; without this, code optimized on stack (OSR) while still inside its
   * first loop deoptimized at its first exit (63 times in one gzip run).
   */
  private warm(fn: RegionFn, pc: number): void {
    const cpu = this.cpu;
    const budget = cpu.budget, at = cpu.pc;
    cpu.budget = 0;
    // V8 allocates a function's feedback vector only after about 8 calls
    // (--invocation-count-for-feedback-allocation); calls before that record nothing.
    for (let i = 0; i < WARM_CALLS; i++) {
      cpu.pc = pc;
      fn(cpu, this.rt);
    }
    cpu.budget = budget;
    cpu.pc = at;
  }

  /**
   * Recompile a hot block as a region of the blocks reachable from it in its
   * page that have already run, so that a loop's blocks share one function
   * and keep guest registers in JS locals. Returns the new function.
   */
  promote(pc: number, cold: RegionFn): RegionFn {
    cold.hits = -0x3fff_ffff; // do not try again soon, even if the region cannot grow
    const cache = this.cache;
    const r = compileRegion(this.isa, this.mem, pc, {
      single: false,
      maxBlockInsns: this.opts.maxBlockInsns ?? 200,
      maxBlocks: this.opts.maxBlocks ?? 32,
      // Only blocks that have run often: a block that ran once may still hold code that
      // never ran, and V8 deoptimizes (then recompiles the whole region) at code it has no
      // type feedback for. And not blocks that are in a region already: copying them into
      // this one gives V8 the same code to optimize twice, while its one compiler thread
      // (on 2 cores) is what the short runs wait for. On busybox `sort` (riscv64) region
      // blocks went 735 → 532, dispatches 856k → 1.1M, and the median run 917 → 790 ms.
      include: (p) => {
        const f = cache.get(p);
        return f !== undefined && f.tier !== 2 && f.hits >= 8;
      },
      tier: 2,
      // Nothing to gain when the block alone is the region: it stays as it is.
      minBlocks: 2,
    });
    if (!r) return cold;
    this.promotions++;
    // The region takes over its entry and the blocks that are still single-block
    // translations. A block already inside another region stays there: taking it would
    // split that region's loop (its other blocks keep jumping to it through the
    // dispatcher), and measured on gzip's longest-match loop, that doubles dispatches.
    const claim = r.entries.filter((p) => p === pc || cache.get(p)?.tier !== 2);
    cache.add(r.fn, claim, r.pages);
    this.warm(r.fn, pc);
    return r.fn;
  }

  /**
   * A tier-0 block that has run coldRuns times: compile it with the blocks around it that have
   * run as a region at once, or, when it would be alone in its region, as a block of its own
   * (tier 1, promoted later if it gets hot). Going straight to a region skips compiling, then
   * discarding, a single-block translation of each block a region takes in: on busybox `sort`
   * (riscv64) 398 tier-1 compilations (362 KB of source) became 12, and the run 9% faster.
   */
  private upgrade(pc: number, cold: RegionFn): RegionFn {
    const region = this.promote(pc, cold);
    if (region !== cold) return region;
    const fn = this.compileBlock(pc, false);
    if (fn === null) {
      cold.hits = -0x3fff_ffff;
      return cold;
    }
    return fn;
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
    const hot = this.hotThreshold;
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
      } else if (fn.tier < 2 && ++fn.hits >= hot) {
        fn = fn.tier === 0 ? this.upgrade(cpu.pc, fn) : this.promote(cpu.pc, fn);
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
