/**
 * kitemu: run untrusted native programs inside Deno's sandbox.
 *
 * kitemu loads a guest executable, translates its machine code into
 * JavaScript a region at a time, and routes every system call through an OS
 * layer that checks Deno's own permissions (`--allow-read`, `--allow-write`,
 * `--allow-net`, `--allow-env`). Static RISC-V 64 Linux programs run today.
 *
 * @example
 * ```ts
 * import { KitEmu } from "./mod.ts";
 * const bytes = await Deno.readFile("testdata/freestanding/hello.riscv64");
 * const emu = KitEmu.create(bytes, { argv: ["hello"] });
 * const status = await emu.run();
 * emu.dispose();
 * console.log("exit status", status);
 * ```
 * @module
 */

import "./src/arch/all.ts";
import "./src/os/all_personalities.ts";

export * from "./src/kitemu.ts";
