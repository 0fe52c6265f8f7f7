/**
 * The C corpus (testdata/src/*.c) built dynamically linked (PIE with PT_INTERP, by
 * `make -C testdata dynamic`) and run under kitemu with a sysroot:
 * - riscv64 and aarch64 with `-L /usr/<triple>` (Debian's cross sysroots), compared with
 *   `qemu-<arch> -L /usr/<triple>` (aarch64 with `-cpu max,pauth=off`);
 * - x86-64, built by the host's gcc, with `-L /` against the host's own glibc, and by
 *   musl-gcc against musl's loader (/lib/ld-musl-x86_64.so.1), compared with running it
 *   natively.
 * The guest may read only the program, the sysroot's library directories, /etc/ld.so.cache and
 * its inputs. Exit status and standard output must be identical (and standard error where the
 * program writes to it).
 */

import assert from "node:assert/strict";
import {
  type Arch,
  compareRuns,
  type KitemuMode,
  readRepoFile,
  requireCli,
  requireFile,
  requireTool,
  runNative,
  runQemu,
  type RunResult,
  TESTDATA,
} from "../helpers.ts";
import { crossGrants, HOST_LIBRARY_GRANTS, runDynamic, SYSROOTS } from "./helpers.ts";

interface Case {
  name: string;
  args?: string[];
  env?: Record<string, string>;
  read?: string[];
  stdinFile?: string;
  compareStderr?: boolean;
}

/** How particular programs run (the same settings as the static corpus). */
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

function cases(): Case[] {
  const names = [...Deno.readDirSync(`${TESTDATA}/src`)]
    .filter((e) => e.isFile && e.name.endsWith(".c"))
    .map((e) => e.name.slice(0, -2))
    .sort();
  const out: Case[] = [];
  for (const name of names) {
    const settings = SETTINGS[name] ?? [{}];
    settings.forEach((s, i) =>
      out.push({ name: settings.length > 1 ? `${name}#${i + 1}` : name, ...s })
    );
  }
  return out;
}

interface Suite {
  label: string;
  arch: Arch;
  dir: string;
  sysroot: string;
  grants: readonly string[];
}

/** musl's dynamic loader is libc.so itself, reached through two links. */
const MUSL_GRANTS = ["/lib", "/usr/lib/ld-musl-x86_64.so.1", "/usr/lib/x86_64-linux-musl"];

const SUITES: Suite[] = [
  ...(["riscv64", "aarch64"] as const).map((arch) => ({
    label: arch,
    arch,
    dir: `${TESTDATA}/build/${arch}-dyn`,
    sysroot: SYSROOTS[arch],
    grants: crossGrants(SYSROOTS[arch]),
  })),
  {
    label: "x86_64",
    arch: "x86_64",
    dir: `${TESTDATA}/build/x86_64-dyn`,
    sysroot: "/",
    grants: HOST_LIBRARY_GRANTS,
  },
  {
    label: "x86_64-musl",
    arch: "x86_64",
    dir: `${TESTDATA}/build/x86_64-musl-dyn`,
    sysroot: "/",
    grants: MUSL_GRANTS,
  },
];

for (const { label, arch, dir, sysroot, grants } of SUITES) {
  for (const c of cases()) {
    const program = `${dir}/${c.name.replace(/#\d+$/, "")}`;
    // Both engines on a few programs; the JIT alone on the rest (the static corpus runs both).
    const modes: KitemuMode[] = ["argsenv", "tls_ctors", "fp"].includes(c.name)
      ? ["jit", "interp"]
      : ["jit"];
    Deno.test(`dynamic corpus ${label}: ${c.name}`, async () => {
      requireCli();
      requireFile(program);
      if (arch !== "x86_64") requireTool(`qemu-${arch}`);
      const stdin = c.stdinFile ? readRepoFile(c.stdinFile) : undefined;
      const env = c.env ?? {};
      const args = [program, ...(c.args ?? [])];
      const read = [program, ...grants, ...(c.read ?? [])];
      const reference: Promise<RunResult> = arch === "x86_64"
        ? runNative(args, { env, stdin })
        : runQemu(arch, args, { env, stdin, sysroot });
      const [ref, ...runs] = await Promise.all([
        reference,
        ...modes.map((mode) => runDynamic(args, { sysroot, read, mode, env, stdin })),
      ]);
      const problems: string[] = [];
      runs.forEach((r, i) =>
        problems.push(...compareRuns(modes[i], ref, r, { stderr: c.compareStderr }))
      );
      assert.ok(
        problems.length === 0,
        `${c.name} differs from ${arch === "x86_64" ? "native" : "qemu"}:\n${problems.join("\n")}`,
      );
    });
  }
}
