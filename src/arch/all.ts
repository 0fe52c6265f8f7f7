/**
 * Every ISA kitemu runs, loaded eagerly: `mod.ts` imports this so that the
 * synchronous `KitEmu.create` works for any guest. The CLI does not: it loads
 * only the guest's ISA (`KitEmu.load`).
 * @module
 */

import { registerArch } from "./registry.ts";
import { support as riscv64 } from "./riscv64/support.ts";
import { support as aarch64 } from "./aarch64/support.ts";
import { support as x86_64 } from "./x86_64/support.ts";

registerArch(riscv64);
registerArch(aarch64);
registerArch(x86_64);
