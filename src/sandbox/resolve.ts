/**
 * Guest path resolution. A guest path is walked one component at a time,
 * against the guest's current directory (or a directory descriptor), with
 * `lstat` and `readLink` through `host.ts`, the way the kernel's namei does:
 *
 * - symbolic links are expanded by us: a relative target continues from the
 *   link's directory, an absolute one from the root; at most 40 per lookup
 *   (then ELOOP);
 * - `..` is applied to the physical path, after links were resolved;
 * - ENAMETOOLONG past 4095 bytes in all or 255 in one component, ENOTDIR when
 *   a non-directory is used as one, ENOENT when something is missing;
 * - for creation (`allowMissing`) the last component may be missing: the
 *   parent is resolved fully and the result is parent + final name;
 * - `follow: false` (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW, unlink, rename...)
 *   leaves a final symlink alone;
 * - the start directory (the current directory, or a directory descriptor's)
 *   is walked again too, on every lookup: the guest may have renamed it and put
 *   a link in its place since it entered it. (So, unlike Linux, a renamed
 *   current directory is found by its old name, or not at all.)
 *
 * The result is a real absolute host path with no symlinks in it, which the
 * caller then checks with `policy.ts`. This closes the escape that Deno alone
 * has: Deno checks where a link sits, not where it points.
 *
 * Paths under `/proc`, `/dev` and `/sys` resolve into the virtual file
 * systems of `vfs.ts` instead, however they are reached (directly, through
 * `..`, or through a host symlink): the host's own are never touched.
 *
 * Inspecting a component needs read permission on it (Deno's rule for
 * `lstat`). A component the guest may neither read nor write is walked
 * through by name without being inspected: the guest cannot have created it,
 * and the final policy check decides. A component the guest may write but not
 * read cannot be checked for a planted symlink, so it is refused (EACCES).
 * @module
 */

import { EACCES, EILSEQ, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, SysError } from "./errors.ts";
import {
  hostLstat,
  hostLstatStep,
  hostReadDir,
  hostReadLink,
  type HostStat,
  isDirMode,
  isLinkMode,
} from "./host.ts";
import type { Policy } from "./policy.ts";
import { isVirtualRoot, type VfsContext, vfsLookup, type VNode } from "./vfs.ts";

/** Most symbolic links followed in one lookup (the kernel's MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;
/** Longest path in bytes, without the NUL (PATH_MAX - 1). */
export const MAX_PATH = 4095;
/** Longest component in bytes (NAME_MAX). */
export const MAX_NAME = 255;

/** What the resolver needs: the policy (to know what it may inspect) and the guest, for /proc. */
export interface ResolveContext {
  policy: Policy;
  vfs: VfsContext;
}

/** How to treat the final component. */
export interface ResolveOptions {
  /** Follow a symbolic link in the final component. */
  follow: boolean;
  /** The final component may be missing (creation): then `exists` is false. */
  allowMissing: boolean;
}

/** A path that resolved to the host file system. */
export interface HostResolved {
  kind: "host";
  /** Absolute host path without symlinks (the final component may be an unfollowed link). */
  path: string;
  /** Host path of the directory holding the final component. */
  parent: string;
  /** The final component ("/" for the root). */
  name: string;
  /** true: exists; false: missing (only with allowMissing); null: not inspected (no read grant). */
  exists: boolean | null;
  /** lstat of the final component, when it was inspected and exists. */
  stat: HostStat | null;
  /** The guest path ended in "/" (the final must be a directory). */
  trailingSlash: boolean;
}

/** A path that resolved into the virtual file systems. */
export interface VirtualResolved {
  kind: "virtual";
  /** Canonical guest path, e.g. "/proc/1000/maps". */
  path: string;
  /** The final component. */
  name: string;
  /** The node, or null when missing (only with allowMissing). */
  node: VNode | null;
  trailingSlash: boolean;
}

/** The outcome of {@link resolvePath}. */
export type Resolved = HostResolved | VirtualResolved;

const dec = new TextDecoder("utf-8", { fatal: true });
const enc = new TextEncoder();

/** Guest path bytes to a string: EILSEQ for bytes that are not UTF-8 (Deno paths are strings). */
export function decodePath(path: Uint8Array | string): string {
  if (typeof path === "string") return path;
  try {
    return dec.decode(path);
  } catch {
    throw new SysError(EILSEQ);
  }
}

/** Sentinel queue entry for a trailing slash: the preceding component must be a directory. */
const SLASH = "";

function pushComponents(queue: string[], text: string): void {
  const parts = text.split("/").filter((s) => s !== "");
  const out = text.endsWith("/") && parts.length > 0 ? [...parts, SLASH] : parts;
  queue.unshift(...out);
}

function join(comps: readonly string[]): string {
  return "/" + comps.join("/");
}

/**
 * Resolve a guest path. `start` is the absolute path (host or virtual, as
 * returned by an earlier resolution) that a relative path starts from.
 *
 * @example
 * ```ts
 * const r = resolvePath(ctx, "/tmp/work", "a/../b.txt", { follow: true, allowMissing: true });
 * if (r.kind === "host") console.log(r.path); // "/tmp/work/b.txt"
 * ```
 */
export function resolvePath(
  ctx: ResolveContext,
  start: string,
  path: Uint8Array | string,
  opts: ResolveOptions,
): Resolved {
  const text = decodePath(path);
  if (enc.encode(text).length > MAX_PATH) throw new SysError(ENAMETOOLONG);
  if (text === "") throw new SysError(ENOENT);
  const sysroot = ctx.policy.sysroot;
  if (sysroot && sysroot !== "/" && text.startsWith("/")) {
    const inRoot = resolveInSysroot(ctx, sysroot, text, opts);
    if (inRoot) return inRoot;
  }
  return resolveText(ctx, start, text, opts);
}

/**
 * qemu-user's `-L DIR` (util/path.c): an absolute path is taken as DIR + path when that
 * exists, else as given. The candidate is walked by this same resolver, so its symbolic links
 * are followed the way qemu's host `access()` follows them (an absolute link target inside the
 * sysroot means the host's root, as for qemu) and every component is permission-checked.
 * Only a candidate that exists and could be inspected (read grant) is taken: a guest learns
 * nothing about sysroot paths it may not read. /proc, /dev and /sys stay virtual.
 */
function resolveInSysroot(
  ctx: ResolveContext,
  sysroot: string,
  text: string,
  opts: ResolveOptions,
): Resolved | null {
  const first = text.split("/").find((c) => c !== "");
  if (first !== undefined && isVirtualRoot(first)) return null;
  const full = sysroot.replace(/\/+$/, "") + text;
  if (enc.encode(full).length > MAX_PATH) return null;
  try {
    const r = resolveText(ctx, "/", full, { ...opts, allowMissing: false });
    if (r.kind === "host" ? r.exists === true : r.node !== null) return r;
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
  }
  return null;
}

function resolveText(
  ctx: ResolveContext,
  start: string,
  text: string,
  opts: ResolveOptions,
): Resolved {
  // The start directory is walked again, component by component, like the path itself. It
  // names where a directory was when the guest entered or opened it; the guest may since have
  // renamed that directory and put a symbolic link in its place, and a start taken on trust
  // would let the host follow that link unchecked (chdir("d"), rename d, symlink outside → d,
  // open("f")). Walking it again costs an lstat per granted component and closes that route.
  const cur: string[] = [];
  const queue: string[] = [];
  pushComponents(queue, text);
  if (!text.startsWith("/")) pushComponents(queue, start.replace(/\/+$/, ""));
  let links = 0;
  const { policy } = ctx;

  // True when nothing but trailing-slash sentinels is left.
  const atEnd = () => queue.every((c) => c === SLASH);

  // Expand a symlink whose directory is `cur`; a trailing slash on the original must still apply.
  const follow = (target: string, slash: boolean) => {
    if (++links > MAX_SYMLINKS) throw new SysError(ELOOP);
    if (target === "") throw new SysError(ENOENT);
    if (target.startsWith("/")) cur.length = 0;
    pushComponents(queue, target);
    if (slash) queue.push(SLASH);
  };

  while (queue.length > 0) {
    const c = queue.shift()!;
    if (c === "." || c === SLASH) continue;
    if (c === "..") {
      cur.pop();
      continue;
    }
    if (enc.encode(c).length > MAX_NAME) throw new SysError(ENAMETOOLONG);
    const last = atEnd();
    const slash = last && queue.length > 0;
    if (slash) queue.length = 0;
    const wantFollow = !last || opts.follow || slash;

    // ---- virtual file systems ----
    if ((cur.length === 0 && isVirtualRoot(c)) || (cur.length > 0 && isVirtualRoot(cur[0]))) {
      const comps = [...cur, c];
      const node = vfsLookup(ctx.vfs, comps);
      if (!node) {
        if (last && opts.allowMissing) {
          return { kind: "virtual", path: join(comps), name: c, node: null, trailingSlash: slash };
        }
        throw new SysError(ENOENT);
      }
      if (node.kind === "link" && wantFollow) {
        follow(node.target(), slash);
        continue;
      }
      if (node.kind === "fdlink" && wantFollow && !last) {
        // A directory descriptor as a path prefix: walk its path again (checked like a link).
        if (!node.hostDir) throw new SysError(ENOTDIR);
        follow(node.hostDir, false);
        continue;
      }
      if (last) {
        if (slash && node.kind !== "dir" && node.kind !== "fdlink") throw new SysError(ENOTDIR);
        return { kind: "virtual", path: node.path, name: c, node, trailingSlash: slash };
      }
      if (node.kind !== "dir") throw new SysError(ENOTDIR);
      cur.push(c);
      continue;
    }

    // ---- host ----
    const parent = join(cur);
    const p = cur.length === 0 ? "/" + c : parent + "/" + c;
    if (!policy.canRead(p)) {
      if (policy.canWrite(p)) throw new SysError(EACCES, `denied: read ${p}`);
      // Opaque: neither readable nor writable, so the guest cannot have planted it. Walk
      // through by name; the caller's policy check on the final path decides.
      cur.push(c);
      if (last) {
        return {
          kind: "host",
          path: p,
          parent,
          name: c,
          exists: null,
          stat: null,
          trailingSlash: slash,
        };
      }
      continue;
    }
    let st: HostStat;
    try {
      st = hostLstatStep(p);
    } catch (e) {
      if (e instanceof SysError && e.errno === ENOENT && last && opts.allowMissing) {
        return {
          kind: "host",
          path: p,
          parent,
          name: c,
          exists: false,
          stat: null,
          trailingSlash: slash,
        };
      }
      throw e;
    }
    if (isLinkMode(st.mode) && wantFollow) {
      follow(hostReadLink(p), slash);
      continue;
    }
    if (isDirMode(st.mode)) {
      cur.push(c);
      if (last) {
        return {
          kind: "host",
          path: p,
          parent,
          name: c,
          exists: true,
          stat: st,
          trailingSlash: slash,
        };
      }
      continue;
    }
    if (!last || slash) throw new SysError(ENOTDIR);
    return { kind: "host", path: p, parent, name: c, exists: true, stat: st, trailingSlash: false };
  }

  // The path named a directory already walked ("/", ".", "a/..", "dir/"): return it.
  const p = join(cur);
  if (cur.length > 0 && isVirtualRoot(cur[0])) {
    const node = vfsLookup(ctx.vfs, cur);
    if (!node) throw new SysError(ENOENT);
    return {
      kind: "virtual",
      path: node.path,
      name: cur[cur.length - 1],
      node,
      trailingSlash: false,
    };
  }
  const parent = join(cur.slice(0, -1));
  const name = cur.length > 0 ? cur[cur.length - 1] : "/";
  if (!policy.canRead(p)) {
    if (policy.canWrite(p)) throw new SysError(EACCES, `denied: read ${p}`);
    return { kind: "host", path: p, parent, name, exists: null, stat: null, trailingSlash: false };
  }
  const st = hostLstatStep(p);
  return { kind: "host", path: p, parent, name, exists: true, stat: st, trailingSlash: false };
}

/**
 * Throw EACCES unless the guest may move the tree at `from` (a resolved host
 * path) to `to`. Grants and denials are paths, so moving a directory changes
 * what they cover: renaming `a` to `b` would take `a/private` out of a
 * `--deny-read=a/private`, and moving a tree the guest built into `a` would
 * plant files under a `--deny-write=a/private`. So every entry below `from`
 * must be readable and writable by the guest where it is, and writable where it
 * would land. A file (or a link) has no entries: only `from` and `to`
 * themselves are checked, by the caller. Symbolic links inside are moved as
 * they are and not followed. The walk costs a directory listing per
 * subdirectory, paid only when a directory is renamed.
 *
 * @example
 * ```ts
 * checkMove(policy, "/tmp/work/a", "/tmp/work/b"); // EACCES if /tmp/work/a/private is denied
 * ```
 */
export function checkMove(policy: Policy, from: string, to: string): void {
  let st: HostStat;
  try {
    st = hostLstat(from);
  } catch {
    return; // Missing or unreadable: the rename itself reports it.
  }
  if (!isDirMode(st.mode)) return;
  const walk = (rel: string) => {
    for (const e of hostReadDir(from + rel)) {
      const r = `${rel}/${e.name}`;
      const src = from + r;
      const dst = to + r;
      if (!policy.canRead(src)) throw new SysError(EACCES, `denied: read ${src}`);
      if (!policy.canWrite(src)) throw new SysError(EACCES, `denied: write ${src}`);
      if (!policy.canWrite(dst)) throw new SysError(EACCES, `denied: write ${dst}`);
      if (e.stat && isDirMode(e.stat.mode)) walk(r);
    }
  };
  walk("");
}
