/** doc/WINDOWS.md lists every implemented import (the generated table is current). */
import assert from "node:assert/strict";
import { importTable } from "../../src/os/windows/doc.ts";
import { lookupExport } from "../../src/os/windows/dlls.ts";
import { readRepoFile, text } from "../helpers.ts";

Deno.test("doc/WINDOWS.md: the import table is current", () => {
  const doc = text(readRepoFile("doc/WINDOWS.md"));
  const m = /<!-- imports:begin -->\n([\s\S]*)<!-- imports:end -->/.exec(doc);
  assert.ok(m, "the import table markers are missing");
  // Cells compared trimmed, separator rows skipped: `deno fmt` aligns the table's columns.
  const rows = (t: string) =>
    t.trim().split("\n").filter((l) => !/^\|[\s|:-]*\|$/.test(l)).map((l) =>
      l.split("|").map((c) => c.trim()).join("|")
    );
  assert.deepEqual(
    rows(m[1]),
    rows(importTable()),
    "regenerate: deno run src/os/windows/doc.ts",
  );
});

Deno.test("dlls: names resolve case-insensitively, api sets map to their DLL", () => {
  assert.ok(lookupExport("KERNEL32.DLL", "WriteFile"));
  assert.ok(lookupExport("kernelbase.dll", "WriteFile"));
  assert.ok(lookupExport("api-ms-win-crt-stdio-l1-1-0.dll", "__stdio_common_vfprintf"));
  assert.ok(
    lookupExport("msvcrt.dll", "_acmdln") && "data" in lookupExport("msvcrt.dll", "_acmdln")!,
  );
  assert.equal(lookupExport("KERNEL32.dll", "Beep"), undefined);
  for (
    const [dll, name] of [["KERNEL32.dll", "toString"], ["constructor", "name"], [
      "msvcrt",
      "__proto__",
    ], ["__proto__.dll", "x"]]
  ) {
    assert.equal(lookupExport(dll, name), undefined, `${dll}!${name}`);
  }
  assert.equal(lookupExport("user32.dll", "MessageBoxA"), undefined);
});
