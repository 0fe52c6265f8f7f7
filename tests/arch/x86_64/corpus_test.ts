/**
 * The static x86-64 corpus under kitemu, in JIT and interpreter mode, compared
 * with running the same binaries natively on this x86-64 host: the musl builds
 * (testdata/build/x86_64-musl, made by `make -C testdata`) and static glibc
 * builds of the same sources (testdata/build/x86_64-glibc, made here with the
 * host's `gcc -O2 -static` when missing or stale).
 */

import assert from "node:assert/strict";
import {
  compareRuns,
  type KitemuMode,
  readRepoFile,
  requireCli,
  runKitemu,
  runNative,
  TESTDATA,
} from "../../helpers.ts";

interface Case {
  name: string;
  args?: string[];
  env?: Record<string, string>;
  read?: string[];
  stdinFile?: string;
  compareStderr?: boolean;
}

const MUSL = `${TESTDATA}/build/x86_64-musl`;
const GLIBC = `${TESTDATA}/build/x86_64-glibc`;

/** Build testdata/src/*.c with the host gcc and static glibc, where missing or stale. */
function buildGlibc(): void {
  try {
    Deno.mkdirSync(GLIBC, { recursive: true });
    for (const e of Deno.readDirSync(`${TESTDATA}/src`)) {
      if (!e.name.endsWith(".c")) continue;
      const src = `${TESTDATA}/src/${e.name}`, out = `${GLIBC}/${e.name.slice(0, -2)}`;
      let stale = true;
      try {
        stale = Deno.statSync(out).mtime! < Deno.statSync(src).mtime!;
      } catch { /* missing */ }
      if (!stale) continue;
      const r = new Deno.Command("gcc", { args: ["-O2", "-static", "-o", out, src, "-lm"] })
        .outputSync();
      if (!r.success) throw new Error(new TextDecoder().decode(r.stderr));
    }
  } catch (e) {
    console.error(`x86_64-glibc corpus not built: ${(e as Error).message}`);
  }
}

/** How particular programs run (the same settings as the RISC-V corpus). */
const SETTINGS: Record<string, Omit<Case, "name">[]> = {
  argsenv: [{
    args: ["x", "y z", "", "last"],
    env: { KITEMU_TEST: "1", EMPTY: "", WITH_EQUALS: "a=b", HOME: "/home/guest" },
  }],
  fileread: [
    { args: ["testdata/inputs/words.txt"], read: ["testdata/inputs"] },
    { args: ["testdata/inputs/bytes.bin"], read: ["testdata/inputs"] },
  ],
  stderr_out: [{ compareStderr: true }],
  stdin_upper: [{ stdinFile: "testdata/inputs/lorem.txt" }],
};

/** The corpus cases of one build directory (one per built program). */
export function cases(dir: string): Case[] {
  try {
    Deno.statSync(dir);
  } catch {
    return [];
  }
  const out: Case[] = [];
  for (const e of [...Deno.readDirSync(dir)].sort((a, b) => a.name < b.name ? -1 : 1)) {
    const settings = SETTINGS[e.name] ?? [{}];
    settings.forEach((s, i) =>
      out.push({ name: settings.length > 1 ? `${e.name}#${i + 1}` : e.name, ...s })
    );
  }
  return out;
}

buildGlibc();
const SUITES: [string, string][] = [["x86_64-musl", MUSL], ["x86_64-glibc", GLIBC]];
for (const [label, dir] of SUITES) {
  for (const c of cases(dir)) {
    const program = `${dir}/${c.name.replace(/#\d+$/, "")}`;
    Deno.test(`corpus ${label}: ${c.name}`, async () => {
      requireCli();
      const stdin = c.stdinFile ? readRepoFile(c.stdinFile) : undefined;
      const modes: KitemuMode[] = ["jit", "interp"];
      const [ref, ...runs] = await Promise.all([
        runNative([program, ...(c.args ?? [])], { env: c.env ?? {}, stdin }),
        ...modes.map((mode) =>
          runKitemu([program, ...(c.args ?? [])], { mode, env: c.env ?? {}, read: c.read, stdin })
        ),
      ]);
      const problems: string[] = [];
      runs.forEach((r, i) =>
        problems.push(...compareRuns(modes[i], ref, r, { stderr: c.compareStderr }))
      );
      assert.ok(problems.length === 0, `${c.name} differs from native:\n${problems.join("\n")}`);
    });
  }
}
