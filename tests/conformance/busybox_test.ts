/**
 * Real third-party guest: Debian's busybox-static for riscv64 (fetched by
 * `deno task setup` into `testdata/build/busybox/riscv64/busybox`). Each case runs
 * `busybox APPLET ARGS` with inputs from `testdata/inputs/` under qemu-riscv64 (the
 * reference) and under kitemu in `--mode=jit` and `--mode=interp`; standard output and exit
 * status must be identical. A missing busybox or qemu fails the test (with a hint to run the
 * setup); nothing is skipped.
 *
 * `deno run -A tests/conformance/busybox_test.ts` prints the qemu reference runs as a table.
 * @module
 */

import assert from "node:assert/strict";
import {
  type Arch,
  busyboxPath,
  bytesEqual,
  compareRuns,
  describeDifference,
  type KitemuMode,
  pool,
  readRepoFile,
  requireCli,
  requireFile,
  requireTool,
  runKitemu,
  runQemu,
  type RunResult,
  text,
} from "../helpers.ts";

/** One busybox invocation. */
export interface AppletCase {
  /** The applet and its arguments (after `busybox`). */
  args: string[];
  /** A file (relative to the repository root) fed to standard input. */
  stdinFile?: string;
  /** The guest's whole environment (default: empty). */
  env?: Record<string, string>;
  /** Compare standard output as sorted lines (for applets whose order is the directory's). */
  sortLines?: boolean;
  /** Exit status the reference itself must show (checks the test data). */
  expectCode?: number;
  /** Extra check on the kitemu run (e.g. a round trip through the reference). */
  extra?: (kitemu: RunResult, mode: KitemuMode) => Promise<string[]>;
}

const ARCH: Arch = "riscv64";
const BUSYBOX = busyboxPath(ARCH);
const IN = "testdata/inputs";

/** Decompresses `data` with the reference busybox and compares it with a file. */
function roundTrip(applet: string, original: string) {
  return async (run: RunResult, mode: KitemuMode): Promise<string[]> => {
    const back = await runQemu(ARCH, [BUSYBOX, applet, "-c"], { stdin: run.stdout });
    const want = readRepoFile(original);
    if (back.code === 0 && bytesEqual(back.stdout, want)) return [];
    return [
      `${mode}: qemu ${applet} of kitemu's output exited ${back.code} and does not give ` +
      `${original} back: ${describeDifference(want, back.stdout)}`,
    ];
  };
}

/** The applets and their arguments. */
export const BUSYBOX_CASES: AppletCase[] = [
  { args: ["cat", `${IN}/lorem.txt`, `${IN}/numbers.txt`] },
  { args: ["cat", "-n", `${IN}/log.txt`] },
  { args: ["cat"], stdinFile: `${IN}/words.txt` },
  { args: ["echo", "hello", "two  words", "-", "end"] },
  { args: ["echo", "-e", "tab\\there\\nnewline \\x41\\0101"] },
  {
    args: [
      "printf",
      "%s=%d %05.2f %x %o %c|%-6s|%e\\n",
      "pi",
      "3",
      "3.14159",
      "255",
      "8",
      "kite",
      "x",
      "12345.678",
    ],
  },
  { args: ["wc", `${IN}/words.txt`, `${IN}/lorem.txt`] },
  { args: ["wc", "-l", "-w", "-c"], stdinFile: `${IN}/log.txt` },
  { args: ["head", "-n", "5", `${IN}/words.txt`] },
  { args: ["head", "-c", "100", `${IN}/lorem.txt`] },
  { args: ["tail", "-n", "3", `${IN}/log.txt`] },
  { args: ["tail", "-c", "50", `${IN}/lorem.txt`] },
  { args: ["sort", `${IN}/words.txt`] },
  { args: ["sort", "-n", `${IN}/numbers.txt`] },
  { args: ["sort", "-r", `${IN}/words.txt`] },
  { args: ["sort", "-k3", "-n", `${IN}/scores.txt`] },
  { args: ["sort", "-u", "-n", `${IN}/numbers.txt`] },
  { args: ["sort", "-t", ",", "-k4,4n", "-k2", `${IN}/people.csv`] },
  { args: ["uniq", "-c", `${IN}/numbers.txt`] },
  { args: ["cut", "-d", ",", "-f", "2,4", `${IN}/people.csv`] },
  { args: ["cut", "-c", "1-10,21-", `${IN}/log.txt`] },
  { args: ["tr", "a-z", "A-Z"], stdinFile: `${IN}/lorem.txt` },
  { args: ["tr", "-d", "aeiou0-9"], stdinFile: `${IN}/words.txt` },
  { args: ["tr", "-s", " "], stdinFile: `${IN}/lorem.txt` },
  { args: ["sed", "-n", "/ERROR/p", `${IN}/log.txt`] },
  { args: ["sed", "-e", "s/[0-9][0-9]*/<&>/g", "-e", "3d", "-e", "5q", `${IN}/words.txt`] },
  { args: ["sed", "-E", "s/^([^ ]+) ([^ ]+)/\\2 \\1/;y/abc/XYZ/", `${IN}/scores.txt`] },
  { args: ["grep", "INFO", `${IN}/log.txt`] },
  { args: ["grep", "-c", "accepted", `${IN}/log.txt`] },
  { args: ["grep", "-v", "INFO", `${IN}/log.txt`] },
  { args: ["grep", "-E", "ERROR|WARN", `${IN}/log.txt`] },
  { args: ["grep", "-n", "-i", "LOREM", `${IN}/lorem.txt`] },
  { args: ["grep", "-q", "no such text", `${IN}/log.txt`], expectCode: 1 },
  { args: ["awk", "-f", `${IN}/stats.awk`, `${IN}/scores.txt`] },
  {
    args: [
      "awk",
      "-F",
      ",",
      'NR>1{s+=$5; n++; a[$3]++} END{printf "%.3f %d %d\\n", s/n, n, a["Oslo"]}',
      `${IN}/people.csv`,
    ],
  },
  {
    args: [
      "awk",
      'BEGIN{for(i=1;i<=25;i++){x+=i*i; y=y*3+i; printf "%d %d %d %.6f %s\\n", i, x, y%1000003, x/7, i%3?"odd":"three"}}',
    ],
  },
  { args: ["md5sum", `${IN}/words.txt`, `${IN}/lorem.txt`, `${IN}/bytes.bin`] },
  { args: ["sha1sum", `${IN}/words.txt`, `${IN}/bytes.bin`] },
  { args: ["sha256sum", `${IN}/words.txt`, `${IN}/bytes.bin`] },
  { args: ["sha512sum", `${IN}/words.txt`, `${IN}/bytes.bin`] },
  { args: ["sha3sum", `${IN}/lorem.txt`] },
  { args: ["gzip", "-c", `${IN}/words.txt`], extra: roundTrip("gunzip", `${IN}/words.txt`) },
  {
    args: ["gzip", "-c", "-9"],
    stdinFile: `${IN}/lorem.txt`,
    extra: roundTrip("gunzip", `${IN}/lorem.txt`),
  },
  { args: ["bzip2", "-c", `${IN}/log.txt`], extra: roundTrip("bunzip2", `${IN}/log.txt`) },
  // Debian's busybox od has no "z" suffix: an error path (exit 1), which must match too.
  { args: ["od", "-A", "x", "-t", "x1z", `${IN}/bytes.bin`], expectCode: 1 },
  { args: ["od", "-A", "x", "-t", "x1", "-c", `${IN}/bytes.bin`] },
  { args: ["od", "-t", "d4", "-t", "o2", `${IN}/bytes.bin`] },
  { args: ["xxd", `${IN}/bytes.bin`] },
  { args: ["hexdump", "-C", `${IN}/bytes.bin`] },
  {
    args: [
      "factor",
      "1234567890",
      "600851475143",
      "4294967297",
      "9007199254740993",
      "18446744073709551615",
    ],
  },
  { args: ["seq", "1", "3", "40"] },
  { args: ["seq", "-w", "-s", ",", "8", "12"] },
  { args: ["expr", "12345", "*", "6789", "-", "100", "/", "7"] },
  { args: ["expr", "5", ">", "10"], expectCode: 1 },
  { args: ["expr", "length", "kitemu-emulator"] },
  { args: ["basename", "/a/b/c.txt", ".txt"] },
  { args: ["dirname", "/usr/local/lib/kitemu.so"] },
  { args: ["date", "-u", "-d", "@1234567890"] },
  { args: ["date", "-u", "-d", "@0", "+%Y-%m-%d %H:%M:%S %j %a %b"] },
  { args: ["ls", `${IN}/tree`] },
  { args: ["ls", "-R", "-a", `${IN}/tree`] },
  { args: ["find", `${IN}/tree`], sortLines: true },
  { args: ["find", `${IN}/tree`, "-name", "*.c", "-type", "f"], sortLines: true },
  { args: ["bc", "-l", `${IN}/calc.bc`] },
  { args: ["dc", "-e", "2 64 ^ p 100 7 / p 10 k 1 3 / p"] },
  { args: ["tac", `${IN}/lorem.txt`] },
  { args: ["rev", `${IN}/lorem.txt`] },
  { args: ["nl", `${IN}/log.txt`] },
  { args: ["fold", "-w", "30", `${IN}/lorem.txt`] },
  { args: ["base64", `${IN}/bytes.bin`] },
  { args: ["base64", "-d"], stdinFile: `${IN}/bytes.b64` },
  { args: ["uuencode", `${IN}/bytes.bin`, "bytes.bin"] },
  { args: ["crc32", `${IN}/lorem.txt`] },
  { args: ["true"], expectCode: 0 },
  { args: ["false"], expectCode: 1 },
  { args: ["test", "-d", `${IN}/tree`], expectCode: 0 },
  { args: ["test", "-f", `${IN}/does-not-exist`], expectCode: 1 },
  { args: ["stat", "-c", "%s %F %n", `${IN}/bytes.bin`, `${IN}/tree`] },
  { args: ["cmp", `${IN}/words.txt`, `${IN}/lorem.txt`], expectCode: 1 },
  { args: ["diff", "-u", `${IN}/scores.txt`, `${IN}/scores_edited.txt`], expectCode: 1 },
  { args: ["paste", "-s", "-d", ",", `${IN}/numbers.txt`] },
  { args: ["expand", "-t", "4", `${IN}/lorem.txt`] },
  { args: ["strings", "-n", "3", `${IN}/bytes.bin`] },
  { args: ["cal", "2", "2009"] },
  { args: ["ipcalc", "-n", "-b", "-m", "192.168.1.77/20"] },
  { args: ["uname", "-m"] },
  { args: ["env"], env: { KITEMU: "1", GREETING: "hello world" }, sortLines: true },
  { args: ["dd", `if=${IN}/bytes.bin`, "bs=16", "skip=2", "count=3"] },
  { args: ["sleep", "0.05"], expectCode: 0 },
];

/** A readable test name: the arguments with the inputs directory left out. */
export function caseName(c: AppletCase): string {
  const shown = c.args.map((a) => a.replaceAll(`${IN}/`, "")).map((a) =>
    a.length > 40 ? `${a.slice(0, 37)}...` : a
  );
  return shown.join(" ") + (c.stdinFile ? ` < ${c.stdinFile.replace(`${IN}/`, "")}` : "");
}

/** Runs a case under qemu-riscv64. */
export function runReference(c: AppletCase): Promise<RunResult> {
  return runQemu(ARCH, [BUSYBOX, ...c.args], {
    env: c.env ?? {},
    stdin: c.stdinFile ? readRepoFile(c.stdinFile) : undefined,
  });
}

function runUnderKitemu(c: AppletCase, mode: KitemuMode): Promise<RunResult> {
  return runKitemu([BUSYBOX, ...c.args], {
    mode,
    env: c.env ?? {},
    read: [IN],
    stdin: c.stdinFile ? readRepoFile(c.stdinFile) : undefined,
  });
}

for (const c of BUSYBOX_CASES) {
  Deno.test(`busybox ${ARCH}: ${caseName(c)}`, async () => {
    requireTool(`qemu-${ARCH}`);
    requireFile(BUSYBOX);
    if (c.stdinFile) requireFile(c.stdinFile);
    requireCli();
    const modes: KitemuMode[] = ["jit", "interp"];
    // The reference and both modes at once: two kitemu processes in flight per case.
    const [ref, ...runs] = await Promise.all([
      runReference(c),
      ...modes.map((m) => runUnderKitemu(c, m)),
    ]);
    if (c.expectCode !== undefined) {
      assert.equal(ref.code, c.expectCode, `qemu reference exit status\n${text(ref.stderr)}`);
    }
    const problems: string[] = [];
    for (let i = 0; i < modes.length; i++) {
      problems.push(...compareRuns(modes[i], ref, runs[i], { sortLines: c.sortLines }));
      if (c.extra && runs[i].code === 0) problems.push(...await c.extra(runs[i], modes[i]));
    }
    assert.ok(problems.length === 0, `busybox ${caseName(c)}:\n${problems.join("\n")}`);
  });
}

/** Prints every reference run (`deno run -A tests/conformance/busybox_test.ts`). */
async function printReferenceTable(): Promise<void> {
  requireTool(`qemu-${ARCH}`);
  requireFile(BUSYBOX);
  const start = performance.now();
  const rows = await pool(2, BUSYBOX_CASES, async (c) => {
    const r = await runReference(c);
    const out = text(r.stdout);
    const lines = out.split("\n").length - (out.endsWith("\n") ? 1 : 0);
    const first = out.split("\n")[0].slice(0, 50).replaceAll("|", "\\|")
      // deno-lint-ignore no-control-regex
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ".");
    const err = text(r.stderr).trim().split("\n")[0].slice(0, 40).replaceAll("|", "\\|");
    return `| ${caseName(c).replaceAll("|", "\\|")} | ${r.code} | ${r.stdout.length} | ` +
      `${lines} | ${r.ms.toFixed(0)} | ${first} | ${err} |`;
  });
  console.log("| applet and arguments | exit | stdout bytes | lines | ms | first line | stderr |");
  console.log("|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  const applets = [...new Set(BUSYBOX_CASES.map((c) => c.args[0]))];
  console.log(
    `\n${BUSYBOX_CASES.length} cases, ${applets.length} applets, ` +
      `${(performance.now() - start).toFixed(0)} ms in all (2 at a time)`,
  );
  console.log(`applets: ${applets.join(" ")}`);
}

if (import.meta.main) await printReferenceTable();
