/**
 * doc/SYSCALLS.md is generated from the syscall table: the committed file must
 * be what tools/gen_syscalls_md.ts makes now, and it must list every row.
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers.ts";
import {
  formattedSyscallsMd,
  renderSyscallsMd,
  SYSCALLS_MD_PATH,
} from "../../tools/gen_syscalls_md.ts";
import { SYSCALLS } from "../../src/os/linux/syscalls.ts";

Deno.test("doc/SYSCALLS.md is current (regenerate: deno run -A tools/gen_syscalls_md.ts)", async () => {
  const committed = Deno.readTextFileSync(join(REPO_ROOT, SYSCALLS_MD_PATH));
  assert.equal(committed, await formattedSyscallsMd());
});

Deno.test("doc/SYSCALLS.md has one line per syscall row", () => {
  const md = renderSyscallsMd();
  for (const row of SYSCALLS) {
    const lines = md.split("\n").filter((l) => l.startsWith(`| \`${row.name}\` |`));
    assert.equal(lines.length, 1, `${row.name}: ${lines.length} lines`);
    assert.ok(lines[0].includes(`| ${row.status} |`), `${row.name}: status missing`);
  }
});
