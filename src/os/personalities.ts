/**
 * The OS personalities besides Linux, by the OS an image asks for. Like the
 * ISAs (src/arch/registry.ts), a personality's modules load only when a guest
 * needs them (`loadPersonality`, called by `KitEmu.load`); `mod.ts` loads them
 * all eagerly through `all_personalities.ts` so that `KitEmu.create` works.
 * Adding a personality means adding one entry to `LOADERS` and one to
 * `all_personalities.ts`.
 * @module
 */

import type { OsKind } from "../loader/image.ts";
import type { PersonalityFactory } from "./personality.ts";

/** Personality factories loaded so far, by OS; Linux images take the built-in Linux path. */
export const PERSONALITIES: Partial<Record<OsKind, PersonalityFactory>> = {};

const LOADERS: Partial<Record<OsKind, () => Promise<PersonalityFactory>>> = {
  darwin: async () => (await import("./darwin/personality.ts")).darwinPersonality,
  windows: async () => (await import("./windows/personality.ts")).windowsPersonality,
};

/**
 * Load a personality's modules (once) and register it in {@link PERSONALITIES}.
 *
 * @example
 * ```ts
 * await loadPersonality("windows");
 * ```
 * @returns the factory, or undefined for Linux and unknown OSes
 */
export async function loadPersonality(os: OsKind): Promise<PersonalityFactory | undefined> {
  const have = PERSONALITIES[os];
  if (have) return have;
  const load = Object.hasOwn(LOADERS, os) ? LOADERS[os] : undefined;
  if (!load) return undefined;
  return PERSONALITIES[os] = await load();
}
