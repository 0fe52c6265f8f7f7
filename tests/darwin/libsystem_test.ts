/**
 * testdata/darwin/libSystem.tbd (the stub programs link against) and
 * src/os/darwin/libsystem.ts (what kitemu implements) list the same symbols,
 * except the ones the stub exports on purpose without an implementation.
 * @module
 */

import assert from "node:assert/strict";
import { KitEmu } from "../../mod.ts";
import { LIBSYSTEM_DATA, LIBSYSTEM_FUNCTIONS } from "../../src/os/darwin/libsystem.ts";
import { readRepoFile, text } from "../helpers.ts";
import { buildMacho } from "./macho_builder.ts";

/** Exported by the stub, not implemented: dyld's own binder (never called, lazy pointers are
 * bound at load) and the unknown import of tests/darwin/programs_test.ts. */
const STUB_ONLY = ["dyld_stub_binder", "_sysctlbyname"];

Deno.test("libSystem.tbd lists exactly what kitemu's libSystem provides", () => {
  // Starting any Mach-O guest builds its libSystem (and fills the list of names).
  KitEmu.create(buildMacho({ cpu: "x86_64" }).bytes, {}).dispose();
  const tbd = text(readRepoFile("testdata/darwin/libSystem.tbd"));
  assert.ok(tbd.startsWith("--- !tapi-tbd\n"), "lld recognizes a .tbd by its first line");
  const symbols = [...tbd.matchAll(/'([^']+)'|\b(dyld_stub_binder|_sysctlbyname)\b/g)]
    .map((m) => m[1] ?? m[2])
    .filter((s) => s.startsWith("_") || s === "dyld_stub_binder")
    .filter((s) => s !== "/usr/lib/libSystem.B.dylib");
  const listed = new Set(symbols);
  const provided = new Set([...LIBSYSTEM_FUNCTIONS, ...LIBSYSTEM_DATA]);
  assert.ok(LIBSYSTEM_FUNCTIONS.length > 100, `${LIBSYSTEM_FUNCTIONS.length} functions`);
  assert.deepEqual(
    [...provided].filter((s) => !listed.has(s)).sort(),
    [],
    "implemented, not in the stub",
  );
  assert.deepEqual(
    [...listed].filter((s) => !provided.has(s)).sort(),
    [...STUB_ONLY].sort(),
    "in the stub, not implemented",
  );
});
