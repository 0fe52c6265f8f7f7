/**
 * Unit tests of the sandbox's first wall, in process: path resolution
 * (`resolve.ts`), the policy helpers (`policy.ts`) and the re-checks in
 * `host.ts`, on a scratch tree with an explicit prefix policy. Expected values
 * are Linux's (path_resolution(7), MAXSYMLINKS = 40, PATH_MAX = 4096 with the
 * NUL, NAME_MAX = 255) and the rules of issue 3.
 * @module
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  EACCES,
  EILSEQ,
  ELOOP,
  ENAMETOOLONG,
  ENOENT,
  ENOTDIR,
  SysError,
} from "../../src/sandbox/errors.ts";
import { hostReadDir, hostStat } from "../../src/sandbox/host.ts";
import { prefixPolicy, requireEntry } from "../../src/sandbox/policy.ts";
import {
  checkMove,
  decodePath,
  type ResolveContext,
  type ResolveOptions,
  resolvePath,
} from "../../src/sandbox/resolve.ts";
import type { VfsContext } from "../../src/sandbox/vfs.ts";
import { spawnProcess } from "../helpers.ts";

const vfs: VfsContext = {
  pid: 1000,
  ppid: 1,
  uid: 1000,
  gid: 1000,
  umask: 0o022,
  exePath: "/guest/prog",
  cwd: "/",
  argv: ["prog"],
  env: ["A=1"],
  machine: "riscv64",
  isa: "rv64imafdc",
  memTotal: 1 << 20,
  memUsed: 0,
  mappings: () => [],
  auxv: () => new Uint8Array(16),
  fds: () => [0, 1, 2],
  fdInfo: () => null,
  sigBlocked: () => 0n,
};

const FOLLOW: ResolveOptions = { follow: true, allowMissing: false };

function errno(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof SysError) return e.errno;
    throw e;
  }
  return 0;
}

/** A scratch tree: T/in (read and write grant), T/out (no grant). */
async function withTree(fn: (t: string, ctx: ResolveContext) => Promise<void> | void) {
  const t = await Deno.realPath(await Deno.makeTempDir({ prefix: "kitemu-resolve-" }));
  try {
    Deno.mkdirSync(join(t, "in/sub"), { recursive: true });
    Deno.mkdirSync(join(t, "out"));
    Deno.writeTextFileSync(join(t, "in/f"), "f");
    Deno.writeTextFileSync(join(t, "out/s"), "secret");
    const policy = prefixPolicy({ read: [join(t, "in")], write: [join(t, "in")] });
    await fn(t, { policy, vfs });
  } finally {
    await Deno.remove(t, { recursive: true });
  }
}

Deno.test("resolve: `..` is physical, links are expanded, the result has no links", () =>
  withTree((t, ctx) => {
    Deno.symlinkSync("../out", join(t, "in/l"));
    Deno.symlinkSync("sub", join(t, "in/s"));
    const r = resolvePath(ctx, join(t, "in"), "l/../out/s", FOLLOW);
    assert.equal(r.kind === "host" && r.path, join(t, "out/s"));
    assert.equal(r.kind === "host" && r.exists, null); // not inspected: no grant there
    const q = resolvePath(ctx, join(t, "in"), "s/../f", FOLLOW);
    assert.equal(q.kind === "host" && q.path, join(t, "in/f"));
    const root = resolvePath(ctx, "/", "/../../..", FOLLOW);
    assert.equal(root.kind === "host" && root.path, "/");
  }));

Deno.test("resolve: at most 40 links per lookup, then ELOOP", () =>
  withTree((t, ctx) => {
    for (let i = 0; i < 41; i++) {
      Deno.symlinkSync(i === 40 ? "f" : `c${i + 1}`, join(t, `in/c${i}`));
    }
    const r = resolvePath(ctx, join(t, "in"), "c1", FOLLOW);
    assert.equal(r.kind === "host" && r.path, join(t, "in/f"));
    assert.equal(errno(() => resolvePath(ctx, join(t, "in"), "c0", FOLLOW)), ELOOP);
    Deno.symlinkSync("self", join(t, "in/self"));
    assert.equal(errno(() => resolvePath(ctx, join(t, "in"), "self/x", FOLLOW)), ELOOP);
  }));

Deno.test("resolve: ENAMETOOLONG, ENOTDIR, ENOENT, EILSEQ", () =>
  withTree((t, ctx) => {
    const start = join(t, "in");
    assert.equal(errno(() => resolvePath(ctx, start, "." + "/".repeat(4093) + "f", FOLLOW)), 0);
    assert.equal(
      errno(() => resolvePath(ctx, start, "." + "/".repeat(4094) + "f", FOLLOW)),
      ENAMETOOLONG,
    );
    assert.equal(errno(() => resolvePath(ctx, start, "a".repeat(256), FOLLOW)), ENAMETOOLONG);
    assert.equal(errno(() => resolvePath(ctx, start, "a".repeat(255), FOLLOW)), ENOENT);
    assert.equal(errno(() => resolvePath(ctx, start, "f/x", FOLLOW)), ENOTDIR);
    assert.equal(errno(() => resolvePath(ctx, start, "f/", FOLLOW)), ENOTDIR);
    assert.equal(errno(() => resolvePath(ctx, start, "", FOLLOW)), ENOENT);
    assert.equal(errno(() => decodePath(new Uint8Array([0x6e, 0xff]))), EILSEQ);
    assert.equal(decodePath(new Uint8Array([0x6e, 0xef, 0xbf, 0xbd])), "n\uFFFD");
  }));

Deno.test("resolve: a start directory replaced by a link is walked again", () =>
  withTree((t, ctx) => {
    const d = join(t, "in/d");
    Deno.mkdirSync(d);
    Deno.renameSync(d, join(t, "in/d_old"));
    Deno.symlinkSync(join(t, "out"), d);
    // Trusting the start would give T/in/d/s, which Deno would open through the link.
    const r = resolvePath(ctx, d, "s", FOLLOW);
    assert.equal(r.kind === "host" && r.path, join(t, "out/s"));
    assert.equal(ctx.policy.canRead(join(t, "out/s")), false);
  }));

Deno.test("resolve: /proc, /dev and /sys are virtual however they are reached", () =>
  withTree((t, ctx) => {
    Deno.symlinkSync("/proc", join(t, "in/p"));
    Deno.symlinkSync("../../../../../../../../dev", join(t, "in/dv"));
    const a = resolvePath(ctx, join(t, "in"), "p/self/environ", FOLLOW);
    assert.equal(a.kind, "virtual");
    assert.equal(
      a.kind === "virtual" && a.node?.kind === "file" && new TextDecoder().decode(a.node.data()),
      "A=1\0",
    );
    const b = resolvePath(ctx, join(t, "in"), "dv/null", FOLLOW);
    assert.equal(b.kind === "virtual" && b.path, "/dev/null");
    assert.equal(errno(() => resolvePath(ctx, "/", "/proc/self/mem", FOLLOW)), ENOENT);
    const c = resolvePath(ctx, "/", "/proc/self/../../etc/passwd", FOLLOW);
    assert.equal(c.kind === "host" && c.path, "/etc/passwd");
  }));

Deno.test("policy: whole components; entries need the directory's write grant", () => {
  const p = prefixPolicy({ read: ["/a/b"], write: ["/a/b/f"] });
  assert.equal(p.canRead("/a/b/c"), true);
  assert.equal(p.canRead("/a/bc"), false);
  assert.equal(p.canWrite("/a/b/f"), true);
  assert.equal(errno(() => requireEntry(p, "/a/b", "/a/b/f")), EACCES);
  const q = prefixPolicy({ read: [], write: ["/a/b"] });
  assert.equal(errno(() => requireEntry(q, "/a/b", "/a/b/f")), 0);
  assert.equal(errno(() => requireEntry(q, "/a", "/a/b")), EACCES);
});

Deno.test("checkMove: a directory rename may not uncover or plant denied entries", () =>
  withTree((t) => {
    const inside = join(t, "in");
    Deno.mkdirSync(join(inside, "box/private"), { recursive: true });
    Deno.writeTextFileSync(join(inside, "box/private/p"), "p");
    const base = prefixPolicy({ read: [inside], write: [inside] });
    const deny = (paths: string[]) => ({
      canRead: (x: string) =>
        base.canRead(x) && !paths.some((d) => x === d || x.startsWith(d + "/")),
      canWrite: (x: string) =>
        base.canWrite(x) && !paths.some((d) => x === d || x.startsWith(d + "/")),
      canEnv: () => false,
    });
    const p = deny([join(inside, "box/private"), join(inside, "empty/private")]);
    assert.equal(errno(() => checkMove(p, join(inside, "box"), join(inside, "box2"))), EACCES);
    Deno.mkdirSync(join(inside, "mine/private"), { recursive: true });
    assert.equal(errno(() => checkMove(p, join(inside, "mine"), join(inside, "empty"))), EACCES);
    assert.equal(errno(() => checkMove(p, join(inside, "mine"), join(inside, "other"))), 0);
    assert.equal(errno(() => checkMove(p, join(inside, "f"), join(inside, "g"))), 0);
  }));

Deno.test("host: kept paths are checked again; names that are not UTF-8 are not listed", () =>
  withTree(async (t) => {
    const d = join(t, "in/d");
    Deno.mkdirSync(d);
    assert.equal(hostStat(d).ino > 0, true);
    Deno.renameSync(d, join(t, "in/d_old"));
    Deno.symlinkSync(join(t, "out"), d);
    assert.equal(errno(() => hostStat(d)), ENOENT);
    assert.equal(errno(() => hostReadDir(d)), ENOENT);
    assert.equal(errno(() => hostStat(join(d, "s"))), ENOENT);
    const sh = await spawnProcess(
      "sh",
      [
        "-c",
        `cd "$1" && printf a > "n$(printf '\\377')" && printf b > "n$(printf '\\376')"`,
        "sh",
        join(t, "in"),
      ],
      {},
      true,
    );
    assert.equal(sh.code, 0);
    Deno.writeTextFileSync(join(t, "in/n\uFFFD"), "c");
    const names = hostReadDir(join(t, "in")).map((e) => e.name).filter((n) => n.startsWith("n"));
    assert.deepEqual(names, ["n\uFFFD"]);
  }));
