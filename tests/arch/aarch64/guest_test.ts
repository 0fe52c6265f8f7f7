/**
 * AArch64 guests end to end: the static glibc corpus (`testdata/build/aarch64/*`, built
 * from `testdata/src/*.c` by `deno task setup`) and Debian's busybox-static for arm64
 * (`testdata/build/busybox/aarch64/busybox`, which uses PAC and BTI) run under
 * `qemu-aarch64 -cpu max,pauth=off` (the reference) and under kitemu in `--mode=jit` and
 * `--mode=interp`. Standard output and exit status must be identical. A missing tool or
 * build artifact fails the test with a hint to run the setup.
 *
 * The busybox battery here is a self-contained subset of tests/conformance/busybox_test.ts
 * (importing that module would register its riscv64 tests a second time).
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
  requireTool,
  runKitemu,
  runQemu,
  type RunResult,
  sortLines,
  TESTDATA,
} from "../../helpers.ts";

interface GuestCase {
  name: string;
  program: string;
  args?: string[];
  env?: Record<string, string>;
  stdinFile?: string;
  read?: string[];
  compareStderr?: boolean;
  sortLines?: boolean;
}

const BUILD = "testdata/build/aarch64";
const IN = "testdata/inputs";

const SETTINGS: Record<string, Omit<GuestCase, "name" | "program">[]> = {
  argsenv: [{
    args: ["x", "y z", "", "last"],
    env: { KITEMU_TEST: "1", EMPTY: "", WITH_EQUALS: "a=b", HOME: "/home/guest" },
  }],
  fileread: [
    { args: [`${IN}/words.txt`], read: [IN] },
    { args: [`${IN}/bytes.bin`], read: [IN] },
  ],
  stderr_out: [{ compareStderr: true }],
  stdin_upper: [{ stdinFile: `${IN}/lorem.txt` }],
};

function corpusCases(): GuestCase[] {
  const names: string[] = [];
  for (const e of Deno.readDirSync(`${TESTDATA}/src`)) {
    if (e.isFile && e.name.endsWith(".c")) names.push(e.name.slice(0, -2));
  }
  names.sort();
  const out: GuestCase[] = [];
  for (const n of names) {
    const settings = SETTINGS[n] ?? [{}];
    settings.forEach((s, i) =>
      out.push({ name: settings.length > 1 ? `${n}#${i + 1}` : n, program: `${BUILD}/${n}`, ...s })
    );
  }
  return out;
}

const BB = busyboxPath("aarch64");
const APPLETS: Omit<GuestCase, "name" | "program">[] = [
  { args: ["cat", "-n", `${IN}/log.txt`] },
  { args: ["echo", "-e", "tab\\there\\nnewline \\x41\\0101"] },
  { args: ["wc", `${IN}/words.txt`, `${IN}/lorem.txt`] },
  { args: ["head", "-n", "5", `${IN}/words.txt`] },
  { args: ["tail", "-c", "50", `${IN}/lorem.txt`] },
  { args: ["sort", `${IN}/words.txt`] },
  { args: ["sort", "-n", `${IN}/numbers.txt`] },
  { args: ["sort", "-t", ",", "-k4,4n", "-k2", `${IN}/people.csv`] },
  { args: ["uniq", "-c", `${IN}/numbers.txt`] },
  { args: ["cut", "-d", ",", "-f", "2,4", `${IN}/people.csv`] },
  { args: ["tr", "a-z", "A-Z"], stdinFile: `${IN}/lorem.txt` },
  { args: ["sed", "-E", "s/^([^ ]+) ([^ ]+)/\\2 \\1/;y/abc/XYZ/", `${IN}/scores.txt`] },
  { args: ["grep", "-n", "-i", "LOREM", `${IN}/lorem.txt`] },
  { args: ["grep", "-E", "ERROR|WARN", `${IN}/log.txt`] },
  { args: ["awk", "-f", `${IN}/stats.awk`, `${IN}/scores.txt`] },
  { args: ["md5sum", `${IN}/words.txt`, `${IN}/lorem.txt`, `${IN}/bytes.bin`] },
  { args: ["sha256sum", `${IN}/words.txt`, `${IN}/bytes.bin`] },
  { args: ["sha512sum", `${IN}/words.txt`, `${IN}/bytes.bin`] },
  { args: ["gzip", "-c", "-9"], stdinFile: `${IN}/lorem.txt` },
  { args: ["bzip2", "-c", `${IN}/log.txt`] },
  { args: ["od", "-A", "x", "-t", "x1", "-c", `${IN}/bytes.bin`] },
  { args: ["hexdump", "-C", `${IN}/bytes.bin`] },
  { args: ["factor", "1234567890", "600851475143", "4294967297", "18446744073709551615"] },
  { args: ["expr", "12345", "*", "6789", "-", "100", "/", "7"] },
  { args: ["date", "-u", "-d", "@1234567890"] },
  { args: ["ls", "-R", "-a", `${IN}/tree`] },
  { args: ["find", `${IN}/tree`], sortLines: true },
  { args: ["bc", "-l", `${IN}/calc.bc`] },
  { args: ["dc", "-e", "2 64 ^ p 100 7 / p 10 k 1 3 / p"] },
  { args: ["base64", `${IN}/bytes.bin`] },
  { args: ["crc32", `${IN}/lorem.txt`] },
  { args: ["stat", "-c", "%s %F %n", `${IN}/bytes.bin`, `${IN}/tree`] },
  { args: ["diff", "-u", `${IN}/scores.txt`, `${IN}/scores_edited.txt`] },
  { args: ["cmp", `${IN}/words.txt`, `${IN}/lorem.txt`] },
  { args: ["false"] },
  { args: ["uname", "-m"] },
];

function busyboxCases(): GuestCase[] {
  return APPLETS.map((a) => ({
    name: `busybox ${a.args!.join(" ").slice(0, 60)}`,
    program: BB,
    read: [IN],
    ...a,
  }));
}

function stdinOf(c: GuestCase): Uint8Array | undefined {
  return c.stdinFile ? readRepoFile(c.stdinFile) : undefined;
}

async function check(c: GuestCase): Promise<void> {
  requireTool("qemu-aarch64");
  requireFile(c.program);
  requireCli();
  const modes: KitemuMode[] = ["jit", "interp"];
  const ref = await runQemu("aarch64", [c.program, ...(c.args ?? [])], {
    env: c.env ?? {},
    stdin: stdinOf(c),
  });
  const runs: RunResult[] = [];
  for (const mode of modes) {
    runs.push(
      await runKitemu([c.program, ...(c.args ?? [])], {
        mode,
        env: c.env ?? {},
        read: c.read,
        stdin: stdinOf(c),
        timeoutMs: 600_000,
      }),
    );
  }
  if (c.sortLines) {
    ref.stdout = sortLines(ref.stdout);
    for (const r of runs) r.stdout = sortLines(r.stdout);
  }
  const problems: string[] = [];
  runs.forEach((r, i) =>
    problems.push(...compareRuns(modes[i], ref, r, { stderr: c.compareStderr }))
  );
  assert.ok(problems.length === 0, `${c.name} differs from qemu-aarch64:\n${problems.join("\n")}`);
}

/**
 * Guests of this suite built from sources in testdata/vectors/aarch64/guest/ (static glibc,
 * into the git-ignored testdata/build/aarch64-guest/), rebuilt when the source is newer.
 */
function buildGuest(name: string): string {
  const src = `testdata/vectors/aarch64/guest/${name}.c`;
  const out = `testdata/build/aarch64-guest/${name}`;
  const mtime = (f: string) => {
    try {
      return Deno.statSync(f).mtime?.getTime() ?? 0;
    } catch {
      return -1;
    }
  };
  if (mtime(out) < mtime(src)) {
    requireTool("aarch64-linux-gnu-gcc");
    Deno.mkdirSync("testdata/build/aarch64-guest", { recursive: true });
    const r = new Deno.Command("aarch64-linux-gnu-gcc", {
      args: ["-O2", "-static", "-o", out, src],
    }).outputSync();
    assert.ok(r.success, `building ${src} failed:\n${new TextDecoder().decode(r.stderr)}`);
  }
  return out;
}

for (const c of corpusCases()) Deno.test(`aarch64 corpus: ${c.name}`, () => check(c));
Deno.test("aarch64 signal frames (sigcontext + FPSIMD record, sigaltstack)", () =>
  check({ name: "sigframe", program: buildGuest("sigframe") }));
Deno.test("aarch64 scalar saturating add/subtract on every element size", () =>
  check({ name: "satscalar", program: buildGuest("satscalar") }));
for (const c of busyboxCases()) Deno.test(`aarch64 ${c.name}`, () => check(c));
