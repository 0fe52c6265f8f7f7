/**
 * The capability policy: may the guest read or write this fully resolved host
 * path? The answer comes from Deno's permission state, asked with
 * `Deno.permissions.querySync` and never by prompting: anything other than
 * "granted" is a denial (EACCES).
 *
 * The path passed in must already be resolved by `resolve.ts` (absolute, no
 * symlinks, no "." or ".."): Deno checks where a path sits, not where it
 * points, so only a resolved path makes the answer mean what it says.
 * @module
 */

import { EACCES, SysError } from "./errors.ts";

/** Answers capability questions. Tests and embedders may supply their own. */
export interface Policy {
  /** May the guest read this resolved host path (or list it, for a directory)? */
  canRead(path: string): boolean;
  /** May the guest modify, create or remove this resolved host path? */
  canWrite(path: string): boolean;
  /** May the guest see this host environment variable? */
  canEnv(name: string): boolean;
}

function granted(desc: Deno.PermissionDescriptor): boolean {
  try {
    return Deno.permissions.querySync(desc).state === "granted";
  } catch {
    return false;
  }
}

/**
 * The policy of the running Deno process: its `--allow-read`,
 * `--allow-write` and `--allow-env` grants (and `--deny-*`).
 *
 * @example
 * ```ts
 * if (!denoPolicy.canRead("/etc/passwd")) console.log("no");
 * ```
 */
export const denoPolicy: Policy = {
  canRead: (path) => granted({ name: "read", path }),
  canWrite: (path) => granted({ name: "write", path }),
  canEnv: (variable) => granted({ name: "env", variable }),
};

/** A policy that grants everything (for tests and fully trusted embedders). */
export const allowAllPolicy: Policy = {
  canRead: () => true,
  canWrite: () => true,
  canEnv: () => true,
};

/**
 * A policy from explicit lists of path prefixes (matched whole component by
 * component, as Deno does). Useful in tests.
 *
 * @example
 * ```ts
 * const p = prefixPolicy({ read: ["/tmp/a"], write: [] });
 * p.canRead("/tmp/a/b"); // true
 * p.canRead("/tmp/ab"); // false
 * ```
 */
export function prefixPolicy(
  lists: { read: string[]; write: string[]; env?: string[] },
): Policy {
  const under = (path: string, roots: string[]) =>
    roots.some((r) => r === "/" || path === r || path.startsWith(r.endsWith("/") ? r : r + "/"));
  return {
    canRead: (path) => under(path, lists.read),
    canWrite: (path) => under(path, lists.write),
    canEnv: (name) => (lists.env ?? []).includes(name),
  };
}

/** Throw EACCES ("denied: read /path") unless reading `path` is granted. */
export function requireRead(policy: Policy, path: string): void {
  if (!policy.canRead(path)) throw new SysError(EACCES, `denied: read ${path}`);
}

/** Throw EACCES ("denied: write /path") unless writing `path` is granted. */
export function requireWrite(policy: Policy, path: string): void {
  if (!policy.canWrite(path)) throw new SysError(EACCES, `denied: write ${path}`);
}
