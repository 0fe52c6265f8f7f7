/**
 * Debian's busybox-static for amd64 (`testdata/build/busybox/x86_64/busybox`, fetched by
 * `deno task setup`) under kitemu in JIT and interpreter mode, compared with running it
 * natively on this x86-64 host. The applet battery is the RISC-V one
 * (tests/conformance/busybox_test.ts), imported without registering its tests.
 * @module
 */

import assert from "node:assert/strict";
import {
  busyboxPath,
  compareRuns,
  type KitemuMode,
  readRepoFile,
  requireCli,
  requireFile,
  runKitemu,
  runNative,
} from "../../helpers.ts";
import type { AppletCase } from "../../conformance/busybox_test.ts";

// Import the battery without registering the RISC-V tests.
const realTest = Deno.test;
(Deno as unknown as { test: unknown }).test = () => {};
const battery = await import("../../conformance/busybox_test.ts");
(Deno as unknown as { test: unknown }).test = realTest;

const BUSYBOX = busyboxPath("x86_64");
const IN = "testdata/inputs";

/** Cases whose round trip runs the RISC-V reference under qemu: compared directly instead. */
function cases(): AppletCase[] {
  return battery.BUSYBOX_CASES.map((c: AppletCase) => ({ ...c, extra: undefined }));
}

for (const c of cases()) {
  Deno.test(`busybox x86_64: ${battery.caseName(c)}`, async () => {
    requireFile(BUSYBOX);
    requireCli();
    const stdin = c.stdinFile ? readRepoFile(c.stdinFile) : undefined;
    const modes: KitemuMode[] = ["jit", "interp"];
    const [ref, ...runs] = await Promise.all([
      runNative([BUSYBOX, ...c.args], { env: c.env ?? {}, stdin }),
      ...modes.map((mode) =>
        runKitemu([BUSYBOX, ...c.args], { mode, env: c.env ?? {}, read: [IN], stdin })
      ),
    ]);
    if (c.expectCode !== undefined) assert.equal(ref.code, c.expectCode, "native exit status");
    const problems: string[] = [];
    runs.forEach((r, i) =>
      problems.push(...compareRuns(modes[i], ref, r, { sortLines: c.sortLines }))
    );
    assert.ok(problems.length === 0, `busybox ${battery.caseName(c)}:\n${problems.join("\n")}`);
  });
}
