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
  /**
   * A sysroot (qemu-user's `-L DIR`): an absolute guest path is looked up under this host
   * directory first, then as given (see `resolve.ts`). Absent or "/": the host's own root.
   */
  readonly sysroot?: string;
}

/**
 * `policy` with a sysroot (qemu's `-L DIR`): the same grants, and absolute guest paths looked
 * up under `dir` first. `dir` must be an absolute host path.
 *
 * @example
 * ```ts
 * const p = withSysroot(denoPolicy, "/usr/riscv64-linux-gnu");
 * ```
 */
export function withSysroot(policy: Policy, dir: string): Policy {
  const root = dir.replace(/\/+$/, "") || "/";
  return {
    canRead: (path) => policy.canRead(path),
    canWrite: (path) => policy.canWrite(path),
    canEnv: (name) => policy.canEnv(name),
    sysroot: root,
  };
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

/**
 * Throw EACCES unless the guest may create, remove or rename the entry
 * `path` of the directory `parent` (both resolved). That changes the
 * directory, so it needs a write grant on the parent as well as on the entry
 * itself ("denied: write /parent" otherwise). A grant on one file lets the
 * guest write that file, never delete it or put a symbolic link in its place
 * for the next host program that opens it; nor can a guest remove or replace
 * the directory it was granted.
 *
 * @example
 * ```ts
 * const p = prefixPolicy({ read: [], write: ["/tmp/out/f"] });
 * requireEntry(p, "/tmp/out", "/tmp/out/f"); // throws EACCES: denied: write /tmp/out
 * ```
 */
export function requireEntry(policy: Policy, parent: string, path: string): void {
  requireWrite(policy, path);
  requireWrite(policy, parent);
}

// ---- network ---------------------------------------------------------------------------
// Every address is numeric (kitemu never resolves names for the guest) and is checked against
// `--allow-net` as Deno spells grants: `1.2.3.4:80`, `[::1]:80`. A refusal is EACCES.

/** A numeric host and port. */
export interface NetAddr {
  /** Dotted IPv4 or (unbracketed) IPv6 text. */
  host: string;
  port: number;
}

/** The grant text Deno matches for an address. */
function grantText(a: NetAddr): string {
  return a.host.includes(":") ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/**
 * May the guest connect to or listen on this address? Asks Deno's permission
 * state (`--allow-net`), never prompting.
 *
 * @example
 * ```ts
 * if (!netGranted({ host: "127.0.0.1", port: 8080 })) console.log("EACCES");
 * ```
 */
export function netGranted(a: NetAddr): boolean {
  try {
    return Deno.permissions.querySync({ name: "net", host: grantText(a) }).state === "granted";
  } catch {
    return false;
  }
}

/** Throw EACCES ("denied: net 1.2.3.4:80") unless the address is granted. */
export function requireNet(a: NetAddr): void {
  if (!netGranted(a)) throw new SysError(EACCES, `denied: net ${grantText(a)}`);
}
