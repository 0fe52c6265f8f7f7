/**
 * OS personalities other than Linux (Windows for PE images, Darwin for
 * Mach-O images) plug into {@link KitEmu} through this interface.
 *
 * A personality runs on top of a {@link LinuxProcess}: that object is the
 * sandbox's service layer (file descriptors through the path resolver and
 * Deno's permissions, guest memory management, output limits, the exit
 * status). The personality maps its own image format, sets up the CPU, and
 * turns its own traps (Darwin system calls, calls into import thunks) into
 * work on that process. Linux-only machinery (signals, fork, execve) is not
 * offered to it.
 *
 * Registering a personality means adding one entry to
 * `src/os/personalities.ts`.
 * @module
 */

import type { CpuState } from "../arch/isa.ts";
import type { ArchSupport } from "../arch/registry.ts";
import type { Image } from "../loader/image.ts";
import type { AddressSpace } from "../memory/address_space.ts";
import type { LinuxProcess } from "./linux/process.ts";

/**
 * Resolve an imported function (PE/Mach-O guests) to a host implementation.
 * The function receives the integer arguments of the guest's calling
 * convention (as JS numbers) and returns the value for the return register.
 */
export type ImportResolver = (
  library: string,
  name: string,
) => ((args: number[]) => number) | undefined;

/** Resolve a library object (a DLL or dylib) by name; true when it can be provided. */
export type ObjectResolver = (name: string) => boolean;

/** What a personality gets to start a guest. */
export interface PersonalityContext {
  /** The sandbox services: files, memory limits, stdio, exit status. */
  proc: LinuxProcess;
  /** The guest's address space (empty). */
  mem: AddressSpace;
  /** The guest's CPU (reset). */
  cpu: CpuState;
  /** The ISA's CPU, ABI and lifter. */
  support: ArchSupport;
  /** The whole executable file. */
  bytes: Uint8Array;
  /** The parsed image. */
  image: Image;
  /** Guest argv (argv[0] first). */
  argv: string[];
  /** Guest environment, as K=V strings. */
  env: string[];
  /** The guest-visible path of the program. */
  programPath: string;
  /** Embedder hooks for imports. */
  resolveImport?: ImportResolver;
  /** Embedder hook for whole libraries. */
  resolveObject?: ObjectResolver;
  /** Trace sink for syscall/import traces (strace style), when tracing. */
  trace?: (line: string) => void;
}

/** One running guest's OS personality. */
export interface Personality {
  /**
   * Handle a trap (a T_* code from `src/engine/trap.ts`; never T_BUDGET or
   * T_FLUSH). Return true when handled: the CPU is ready to continue, or
   * `proc.exited` is set. Return a Promise when the guest must wait (a
   * blocking read, Sleep). Return false to let the generic handling run
   * (faults and illegal instructions become SIGSEGV/SIGILL reports).
   */
  trap(code: number, cpu: CpuState): boolean | Promise<void>;
}

/**
 * Map `ctx.image` into `ctx.mem`, set up `ctx.cpu` to start at the entry
 * point, and return the personality that handles the guest's traps. Throws
 * LoaderError for images it cannot start.
 */
export type PersonalityFactory = (ctx: PersonalityContext) => Personality;
