/**
 * Guest-corpus conformance: every freestanding program (`testdata/freestanding/*.riscv64`,
 * committed) and every glibc program (`testdata/build/riscv64/*`, built from
 * `testdata/src/*.c` by `deno task setup`) runs under qemu-riscv64 (the reference) and under
 * kitemu in both `--mode=jit` and `--mode=interp`. Standard output and exit status must be
 * identical. A missing tool or build artifact fails the test (with a hint to run the setup);
 * nothing is skipped.
 *
 * `deno run -A tests/conformance/corpus_test.ts` prints the qemu reference runs as a table.
 * @module
 */

import assert from "node:assert/strict";
import {
  compareRuns,
  fileExists,
  type KitemuMode,
  pool,
  readRepoFile,
  requireCli,
  requireFile,
  requireTool,
  runKitemu,
  runQemu,
  type RunResult,
  TESTDATA,
  text,
} from "../helpers.ts";

/** One program of the corpus and how to run it. */
export interface CorpusCase {
  /** Test name. */
  name: string;
  /** Path of the guest, relative to the repository root. */
  program: string;
  /** Arguments after the program. */
  args?: string[];
  /** The guest's whole environment. */
  env?: Record<string, string>;
  /** A file (relative to the repository root) fed to standard input. */
  stdinFile?: string;
  /** Extra paths the guest reads. */
  read?: string[];
  /** Compare standard error too. */
  compareStderr?: boolean;
  /** Exit status that the reference itself must show (checks the test data). */
  expectCode?: number;
  /** Exact standard output that the reference itself must show (checks the test data). */
  expectStdout?: string;
  /** The guest dies of a signal: kitemu's stderr must name it. */
  fatalSignal?: string;
}

const FREESTANDING_DIR = "testdata/freestanding";
const BUILD_DIR = "testdata/build/riscv64";

/** The freestanding programs (no libc). */
export const FREESTANDING_CASES: CorpusCase[] = [
  {
    name: "hello",
    program: `${FREESTANDING_DIR}/hello.riscv64`,
    expectCode: 0,
    expectStdout: "Hello from kitemu\n",
  },
  { name: "exit7", program: `${FREESTANDING_DIR}/exit7.riscv64`, expectCode: 7, expectStdout: "" },
  { name: "checksum", program: `${FREESTANDING_DIR}/checksum.riscv64`, expectCode: 0 },
  {
    name: "args",
    program: `${FREESTANDING_DIR}/args.riscv64`,
    args: ["first", "two words", "", "--flag=x"],
    env: { KITEMU_TEST: "1", EMPTY: "", WITH_EQUALS: "a=b=c" },
    expectCode: 0,
  },
  {
    name: "fault",
    program: `${FREESTANDING_DIR}/fault.riscv64`,
    expectCode: 139,
    expectStdout: "about to fault\n",
    fatalSignal: "Segmentation fault",
  },
  {
    name: "illegal",
    program: `${FREESTANDING_DIR}/illegal.riscv64`,
    expectCode: 132,
    expectStdout: "about to execute an illegal instruction\n",
    fatalSignal: "Illegal instruction",
  },
  { name: "smc", program: `${FREESTANDING_DIR}/smc.riscv64`, expectCode: 0 },
  { name: "loop", program: `${FREESTANDING_DIR}/loop.riscv64`, args: ["300000"], expectCode: 0 },
];

/** How to run particular glibc programs; the others run with no arguments. */
const GLIBC_SETTINGS: Record<string, Omit<CorpusCase, "name" | "program">[]> = {
  argsenv: [{
    args: ["x", "y z", "", "last"],
    env: { KITEMU_TEST: "1", EMPTY: "", WITH_EQUALS: "a=b", HOME: "/home/guest" },
    expectCode: 0,
  }],
  exit42: [{ expectCode: 42 }],
  fileread: [
    { args: ["testdata/inputs/words.txt"], read: ["testdata/inputs"], expectCode: 0 },
    { args: ["testdata/inputs/bytes.bin"], read: ["testdata/inputs"], expectCode: 0 },
  ],
  stderr_out: [{ compareStderr: true, expectCode: 3 }],
  stdin_upper: [{ stdinFile: "testdata/inputs/lorem.txt", expectCode: 0 }],
};

/** The glibc programs: one per `testdata/src/*.c` (the build must exist). */
export function glibcCases(): CorpusCase[] {
  const names: string[] = [];
  for (const entry of Deno.readDirSync(`${TESTDATA}/src`)) {
    if (entry.isFile && entry.name.endsWith(".c")) names.push(entry.name.slice(0, -2));
  }
  names.sort();
  const cases: CorpusCase[] = [];
  for (const name of names) {
    const settings = GLIBC_SETTINGS[name] ?? [{ expectCode: 0 }];
    settings.forEach((s, i) => {
      const label = settings.length > 1 ? `${name}#${i + 1}` : name;
      cases.push({ name: label, program: `${BUILD_DIR}/${name}`, ...s });
    });
  }
  return cases;
}

/** Every case of this suite. */
export function allCases(): CorpusCase[] {
  return [...FREESTANDING_CASES, ...glibcCases()];
}

function preflight(c: CorpusCase): void {
  requireTool("qemu-riscv64");
  requireFile(c.program);
  if (c.stdinFile) requireFile(c.stdinFile);
}

/** Runs a case under qemu-riscv64. */
export function runReference(c: CorpusCase): Promise<RunResult> {
  return runQemu("riscv64", [c.program, ...(c.args ?? [])], {
    env: c.env ?? {},
    stdin: c.stdinFile ? readRepoFile(c.stdinFile) : undefined,
  });
}

function runUnderKitemu(c: CorpusCase, mode: KitemuMode): Promise<RunResult> {
  return runKitemu([c.program, ...(c.args ?? [])], {
    mode,
    env: c.env ?? {},
    read: c.read,
    stdin: c.stdinFile ? readRepoFile(c.stdinFile) : undefined,
  });
}

/** Checks the reference run against what the case itself promises. */
function checkReference(c: CorpusCase, ref: RunResult): void {
  if (c.expectCode !== undefined) {
    assert.equal(
      ref.code,
      c.expectCode,
      `qemu reference of ${c.name} exited ${ref.code}, the test data expects ${c.expectCode}` +
        `\n${text(ref.stderr)}`,
    );
  }
  if (c.expectStdout !== undefined) {
    assert.equal(text(ref.stdout), c.expectStdout, `qemu reference of ${c.name}: stdout`);
  }
}

for (const c of allCases()) {
  Deno.test(`corpus riscv64: ${c.name}`, async () => {
    preflight(c);
    requireCli();
    const modes: KitemuMode[] = ["jit", "interp"];
    const [ref, ...runs] = await Promise.all([
      runReference(c),
      ...modes.map((m) => runUnderKitemu(c, m)),
    ]);
    checkReference(c, ref);
    const problems: string[] = [];
    runs.forEach((run, i) => {
      const mode = modes[i];
      problems.push(...compareRuns(mode, ref, run, { stderr: c.compareStderr }));
      if (c.fatalSignal && !text(run.stderr).includes(c.fatalSignal)) {
        problems.push(
          `${mode}: stderr does not contain ${JSON.stringify(c.fatalSignal)}: ` +
            JSON.stringify(text(run.stderr).slice(0, 500)),
        );
      }
    });
    assert.ok(problems.length === 0, `${c.name} differs from qemu:\n${problems.join("\n")}`);
  });
}

/** Prints every reference run (`deno run -A tests/conformance/corpus_test.ts`). */
async function printReferenceTable(): Promise<void> {
  const cases = allCases();
  const start = performance.now();
  const rows = await pool(2, cases, async (c) => {
    if (!fileExists(c.program)) return `| ${c.name} | MISSING | | | |`;
    const r = await runReference(c);
    const first = text(r.stdout).split("\n")[0].slice(0, 60).replaceAll("|", "\\|");
    return `| ${c.name} | ${r.code} | ${r.stdout.length} | ${r.ms.toFixed(0)} | ${first} |`;
  });
  console.log("| program | exit | stdout bytes | ms | first line |");
  console.log("|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(`\n${cases.length} programs, ${(performance.now() - start).toFixed(0)} ms in all`);
}

if (import.meta.main) await printReferenceTable();
