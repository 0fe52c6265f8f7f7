/**
 * Running dynamically linked guests under kitemu with a sysroot (`-L DIR`) and explicit
 * read grants, and the grants a sysroot's libraries need.
 * @module
 */

import {
  CLI_PATH,
  DENO,
  type KitemuMode,
  type RunOptions,
  type RunResult,
  spawnProcess,
} from "../helpers.ts";

/** Options for {@linkcode runDynamic}. */
export interface DynamicOptions extends RunOptions {
  /** `-L DIR`. */
  sysroot: string;
  /** Every host path the guest may read (`--allow-read`), the program included. */
  read: string[];
  /** `--mode=`. */
  mode?: KitemuMode;
  /** Put `--sysroot=DIR` instead of `-L DIR` on the command line. */
  longFlag?: boolean;
}

/** The deno process's own environment (not the guest's). */
function denoEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };
  for (const key of ["HOME", "PATH", "DENO_DIR", "TMPDIR", "XDG_CACHE_HOME"]) {
    const v = Deno.env.get(key);
    if (v !== undefined) env[key] = v;
  }
  return env;
}

/**
 * `deno run --no-prompt --allow-read=<read> cli.ts -L <sysroot> [--env K=V…] PROG ARGS`.
 *
 * @example
 * ```ts
 * const r = await runDynamic(["/usr/bin/true"], { sysroot: "/", read: hostGrants("/usr/bin/true") });
 * ```
 */
export function runDynamic(args: string[], opts: DynamicOptions): Promise<RunResult> {
  const denoArgs = ["run", "--no-prompt", `--allow-read=${opts.read.join(",")}`, CLI_PATH];
  if (opts.mode) denoArgs.push(`--mode=${opts.mode}`);
  if (opts.longFlag) denoArgs.push(`--sysroot=${opts.sysroot}`);
  else denoArgs.push("-L", opts.sysroot);
  for (const [k, v] of Object.entries(opts.env ?? {})) denoArgs.push("--env", `${k}=${v}`);
  denoArgs.push(...args);
  return spawnProcess(DENO, denoArgs, { ...opts, env: denoEnv() }, false);
}

/**
 * What an x86-64 host program needs to read with `-L /` on a merged-/usr Debian: the links
 * /lib and /lib64 themselves (the resolver must see where they point), the interpreter's
 * directory /usr/lib64, the libraries' /usr/lib/x86_64-linux-gnu and /etc/ld.so.cache.
 */
export const HOST_LIBRARY_GRANTS: readonly string[] = [
  "/lib",
  "/lib64",
  "/usr/lib64",
  "/usr/lib/x86_64-linux-gnu",
  "/etc/ld.so.cache",
];

/** Debian's cross sysroots (`libc6-dev-<arch>-cross`). */
export const SYSROOTS = {
  riscv64: "/usr/riscv64-linux-gnu",
  aarch64: "/usr/aarch64-linux-gnu",
} as const;

/** What a cross program needs to read with `-L <sysroot>`: its libraries and the cache. */
export function crossGrants(sysroot: string): string[] {
  return [`${sysroot}/lib`, "/etc/ld.so.cache"];
}
