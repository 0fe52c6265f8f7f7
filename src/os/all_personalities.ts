/**
 * Every OS personality, loaded eagerly (`mod.ts` imports this, as it imports
 * src/arch/all.ts), so that the synchronous `KitEmu.create` runs PE and
 * Mach-O guests too.
 * @module
 */

import { PERSONALITIES } from "./personalities.ts";
import { darwinPersonality } from "./darwin/personality.ts";
import { windowsPersonality } from "./windows/personality.ts";

PERSONALITIES.darwin = darwinPersonality;
PERSONALITIES.windows = windowsPersonality;
