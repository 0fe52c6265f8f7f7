/**
 * The OS personalities besides Linux, by the OS an image asks for. Adding a
 * personality means adding one entry here.
 * @module
 */

import type { OsKind } from "../loader/image.ts";
import type { PersonalityFactory } from "./personality.ts";

/** Personality factories by OS; Linux images take the built-in Linux path. */
export const PERSONALITIES: Partial<Record<OsKind, PersonalityFactory>> = {};
