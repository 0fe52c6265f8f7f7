/**
 * The adversarial suite: every program in testdata/adversarial/ (built by
 * `make -C testdata` into testdata/build/adversarial/riscv64/) is one attack on
 * the sandbox. Each runs under kitemu as a real subprocess,
 * `deno run --no-prompt --allow-read=… --allow-write=… cli.ts PROG TREE`, so
 * Deno's own permission flags apply, on a fresh directory tree:
 *
 * ```
 * T/allowed/            read and write grant; the guest starts here
 * T/ro/r.txt            read grant only
 * T/one/f.txt           read grant on T/one, write grant on this one file
 * T/secret/, T/secret.txt, T/allowed2/   no grant; hold the canary
 * T/bin/prog            the guest (read grant on this file)
 * ```
 *
 * Some attacks need links made by the guest; Deno only makes links under
 * unscoped grants, so those run with `--allow-read --allow-write` and
 * `--deny-read`/`--deny-write` on the secrets (the "open" profile).
 *
 * Each case asserts:
 * - the guest's report, one line per step, equals the expected one: errno
 *   values from the specification (EACCES for a refusal, issue 3) and, for the
 *   cases marked `native`, identical to qemu-riscv64 on an identical tree;
 * - nothing outside the grants changed: the tree is snapshotted (type, mode,
 *   size, times, nlink, content or link text) before and after, and nothing
 *   may appear, vanish or change outside T/allowed;
 * - the canary (in the secret files, a secret link's text and the host
 *   environment of the Deno process) never appears in the guest's output;
 * - files an attack would create (`absent`) do not exist, and no host program
 *   ran (the execve case's marker files).
 *
 * The last test shows Deno alone falling for the symlink bypass that kitemu
 * refuses.
 * @module
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  CLI_PATH,
  DENO,
  REPO_ROOT,
  requireFile,
  requireTool,
  runQemu,
  spawnProcess,
  text,
} from "../helpers.ts";

const BUILD = join(REPO_ROOT, "testdata/build/adversarial/riscv64");

/** Which Deno permissions the kitemu process gets. */
type Profile = "scoped" | "open";

interface Case {
  /** The program in testdata/adversarial/. */
  name: string;
  profile?: Profile;
  /** Extra kitemu options (limits). */
  kitemu?: string[];
  /** Extra Deno flags, given the tree. */
  deno?: (t: string) => string[];
  /** Expected report lines ("done" is appended); `{A,B}` accepts either. */
  expect?: string[];
  /** Expected exit status (default 0). */
  status?: number;
  /** Also run under qemu-riscv64 on the same tree: plain Linux semantics, same report. */
  native?: boolean;
  /** Paths (relative to T, or absolute) that must not exist afterwards. */
  absent?: string[];
  /** Paths outside T/allowed that the case may change (inside its grants). */
  mayChange?: string[];
  /** Files whose content must be exactly this afterwards (relative to T). */
  content?: Record<string, string>;
  /** Extra setup on the fresh tree. */
  setup?: (t: string) => Promise<void> | void;
  /** Extra checks of the run. */
  check?: (r: Run, t: string) => Promise<void> | void;
}

interface Run {
  code: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  ms: number;
}

// ---- the tree ---------------------------------------------------------------------------

async function makeTree(canary: string, prog: string): Promise<string> {
  const t = await Deno.realPath(await Deno.makeTempDir({ prefix: "kitemu-adv-" }));
  const w = (rel: string, data: string) => Deno.writeTextFileSync(join(t, rel), data);
  const d = (rel: string) => Deno.mkdirSync(join(t, rel), { recursive: true });
  const l = (target: string, rel: string) => Deno.symlinkSync(target, join(t, rel));
  for (const dir of ["allowed/sub/inner", "ro", "one", "secret/dir", "allowed2", "bin"]) d(dir);
  w("allowed/file.txt", "hello\n");
  w("allowed/s.txt", "decoy\n");
  w("ro/r.txt", "readonly\n");
  w("one/f.txt", "one\n");
  w("secret/s.txt", `${canary} s\n`);
  w("secret/dir/inner.txt", `${canary} inner\n`);
  w("secret.txt", `${canary} top\n`);
  w("allowed2/x.txt", `${canary} sibling\n`);
  l(`${canary}-link-text`, "secret/l");
  // Links placed by the host inside the allowed directory.
  l("../secret.txt", "allowed/lnk");
  l(join(t, "secret.txt"), "allowed/alnk");
  l("../secret", "allowed/dlnk");
  l("c2", "allowed/c1");
  l("sub/c3", "allowed/c2");
  l("../../secret.txt", "allowed/sub/c3");
  l("sub/g2", "allowed/g1");
  l("../file.txt", "allowed/sub/g2");
  l("../secret/dir", "allowed/pl");
  l("sub/inner", "allowed/in");
  l("sub/inner", "allowed/cl");
  l("../secret", "allowed/co");
  l("../secret/new.txt", "allowed/dang");
  l(join(t, "pwned.txt"), "allowed/dang2");
  l("lb", "allowed/la");
  l("la", "allowed/lb");
  Deno.copyFileSync(prog, join(t, "bin/prog"));
  Deno.chmodSync(join(t, "bin/prog"), 0o755);
  return t;
}

/** Deno permission flags for a profile. */
function permissions(t: string, profile: Profile): string[] {
  const p = (rel: string) => join(t, rel);
  if (profile === "scoped") {
    return [
      `--allow-read=${[p("allowed"), p("ro"), p("one"), p("bin/prog")].join(",")}`,
      `--allow-write=${[p("allowed"), p("one/f.txt")].join(",")}`,
    ];
  }
  const secrets = [p("secret"), p("secret.txt"), p("allowed2")];
  return [
    "--allow-read",
    "--allow-write",
    `--deny-read=${[...secrets, "/etc/passwd", "/etc/shadow"].join(",")}`,
    `--deny-write=${[...secrets, p("ro"), p("one"), p("bin"), "/etc"].join(",")}`,
  ];
}

/** Environment of the Deno process: the host's basics plus a canary variable. */
function hostEnv(canary: string): Record<string, string> {
  const env: Record<string, string> = {
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    KITEMU_ADV_HOST: canary,
  };
  for (const key of ["HOME", "PATH", "DENO_DIR", "TMPDIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(key);
    if (value !== undefined) env[key] = value;
  }
  return env;
}

type Snapshot = Map<string, string>;

async function digest(path: string): Promise<string> {
  const h = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Everything observable about every entry under `t` (except access times). */
async function snapshot(t: string): Promise<Snapshot> {
  const out: Snapshot = new Map();
  const walk = async (rel: string) => {
    const abs = rel ? join(t, rel) : t;
    let st: Deno.FileInfo;
    try {
      st = Deno.lstatSync(abs);
    } catch {
      // A name that is not UTF-8 (Deno sees it with U+FFFD): recorded as such.
      out.set(rel, "unnamable");
      return;
    }
    let what = `${st.mode?.toString(8)} ${st.size} ${st.mtime?.getTime()} ${st.ctime?.getTime()}` +
      ` ${st.nlink}`;
    if (st.isSymlink) what += ` -> ${Deno.readLinkSync(abs)}`;
    else if (st.isFile) what += ` ${await digest(abs)}`;
    out.set(rel, what);
    if (st.isDirectory) {
      for (const e of Deno.readDirSync(abs)) await walk(rel ? `${rel}/${e.name}` : e.name);
    }
  };
  await walk("");
  return out;
}

function under(rel: string, prefix: string): boolean {
  return rel === prefix || rel.startsWith(prefix + "/");
}

/** Every difference between two snapshots outside the paths that may change. */
function changes(before: Snapshot, after: Snapshot, may: string[]): string[] {
  const out: string[] = [];
  const free = (rel: string) => rel === "" || may.some((m) => under(rel, m));
  for (const [rel, was] of before) {
    if (free(rel)) continue;
    const now = after.get(rel);
    if (now === undefined) out.push(`removed: T/${rel}`);
    else if (now !== was) out.push(`changed: T/${rel} (${was} => ${now})`);
  }
  for (const rel of after.keys()) {
    if (!before.has(rel) && !free(rel)) out.push(`created: T/${rel}`);
  }
  return out;
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

// ---- running ---------------------------------------------------------------------------

async function runKitemu(c: Case, t: string, canary: string): Promise<Run> {
  const args = [
    "run",
    "--no-prompt",
    ...permissions(t, c.profile ?? "scoped"),
    ...(c.deno?.(t) ?? []),
    CLI_PATH,
    ...(c.kitemu ?? []),
    join(t, "bin/prog"),
    t,
  ];
  return await spawnProcess(DENO, args, {
    cwd: join(t, "allowed"),
    env: hostEnv(canary),
    timeoutMs: 60_000,
  }, false);
}

/** Sort each run of consecutive "entry: " lines (directory order is the host's). */
function normalize(lines: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  for (const l of [...lines, ""]) {
    if (l.startsWith("entry: ")) {
      run.push(l);
      continue;
    }
    out.push(...run.sort());
    run = [];
    out.push(l);
  }
  out.pop();
  return out;
}

function reportLines(stdout: Uint8Array): string[] {
  const s = text(stdout);
  return normalize(s.endsWith("\n") ? s.slice(0, -1).split("\n") : s.split("\n"));
}

/** True when an actual line matches an expected one ("{A,B}" accepts A or B). */
function lineMatches(expected: string, actual: string): boolean {
  const m = /^(.*)\{([^}]*)\}$/.exec(expected);
  if (!m) return expected === actual;
  return m[2].split(",").some((alt) => m[1] + alt === actual);
}

function compareReport(expected: string[], actual: string[]): string[] {
  const problems: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === undefined || a === undefined || !lineMatches(e, a)) {
      problems.push(`line ${i + 1}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
    }
  }
  return problems;
}

// ---- the cases -------------------------------------------------------------------------

const E = "EACCES";
const lines = (...l: string[]) => l;

const CASES: Case[] = [
  {
    name: "dotdot_rel",
    expect: lines(
      `../secret.txt: ${E}`,
      `../secret/s.txt: ${E}`,
      `sub/../../secret.txt: ${E}`,
      `./././../secret.txt: ${E}`,
      `deep ../ to /etc/passwd: ${E}`,
      `../secret.txt O_WRONLY: ${E}`,
      `../created O_CREAT: ${E}`,
    ),
    absent: ["created"],
  },
  {
    name: "dotdot_abs",
    expect: lines(
      `T/allowed/../secret.txt: ${E}`,
      `T/allowed/sub/../../secret/s.txt: ${E}`,
      `/etc/passwd: ${E}`,
      "T/allowed/../allowed/file.txt: ok hello|",
    ),
  },
  {
    name: "prefix_sibling",
    expect: lines(
      `T/allowed2/x.txt: ${E}`,
      `../allowed2/x.txt: ${E}`,
      `stat T/allowed2: ${E}`,
      `T/allowed2/new O_CREAT: ${E}`,
    ),
  },
  {
    name: "link_rel_file",
    expect: lines(
      `open lnk: ${E}`,
      `stat lnk: ${E}`,
      "lstat lnk: ok",
      `open lnk O_WRONLY|O_APPEND: ${E}`,
    ),
  },
  {
    name: "link_abs_file",
    expect: lines(`open alnk: ${E}`, `open alnk O_RDWR: ${E}`, `open sub/../alnk: ${E}`),
  },
  {
    name: "link_dir",
    expect: lines(
      `open dlnk/s.txt: ${E}`,
      `open dlnk O_DIRECTORY: ${E}`,
      `chdir dlnk: ${E}`,
      `stat dlnk/dir/inner.txt: ${E}`,
      `create dlnk/new: ${E}`,
    ),
    absent: ["secret/new"],
  },
  {
    name: "link_chain",
    expect: lines(
      `open c1: ${E}`,
      `open c2: ${E}`,
      `open sub/c3: ${E}`,
      "open g1 (chain that stays inside): ok hello|",
    ),
  },
  {
    name: "link_dotdot_physical",
    expect: lines(
      `open pl/../s.txt: ${E}`,
      "open in/../../file.txt: ok hello|",
      "open s.txt: ok decoy|",
    ),
  },
  {
    name: "guest_symlink_open",
    profile: "open",
    expect: lines(
      "symlink /etc/passwd pw: ok",
      `open pw: ${E}`,
      "readlink pw: ok",
      "target: /etc/passwd",
      "symlinkat T/secret/s.txt ps: ok",
      `open ps: ${E}`,
      "symlink ../secret pd: ok",
      `open pd/s.txt: ${E}`,
      "symlink ../secret.txt sub/up: ok",
      `open sub/up: ${E}`,
    ),
  },
  {
    name: "guest_symlink_scoped",
    expect: lines(`symlink /etc/passwd pw: ${E}`, "open pw: ENOENT"),
    absent: ["allowed/pw"],
  },
  {
    name: "chdir_link_dotdot",
    expect: lines(
      "chdir cl: ok",
      "cwd: T/allowed/sub/inner",
      `open ../../../secret.txt: ${E}`,
      "open ../../file.txt: ok hello|",
      "chdir ..: ok",
      "chdir .. again: ok",
      "cwd: T/allowed",
      `chdir .. out: ${E}`,
      `chdir co (link outside): ${E}`,
      "open file.txt: ok hello|",
    ),
  },
  {
    name: "stale_cwd",
    profile: "open",
    expect: lines(
      "mkdir d: ok",
      "chdir d: ok",
      "rename T/allowed/d T/allowed/d_old: ok",
      "symlink T/secret T/allowed/d: ok",
      "open s.txt: {EACCES,ENOENT}",
      "create x: {EACCES,ENOENT}",
      "stat dir/inner.txt: {EACCES,ENOENT}",
    ),
    absent: ["secret/x"],
  },
  {
    name: "stale_fds",
    profile: "open",
    expect: lines(
      "mkdir e: ok",
      "open e: ok",
      "create f: ok",
      "rename e e_old: ok",
      "symlink T/secret e: ok",
      "rename f f_old: ok",
      "symlink T/secret.txt f: ok",
      "openat(e, s.txt): {EACCES,ENOENT}",
      "getdents(e): {ENOENT,0 names}",
      "fchmod(f): {ENOENT,ok}",
      "futimens(f): {ENOENT,ok}",
      "fchdir(e): {ENOENT,ok}",
      "open s.txt after fchdir: {EACCES,ENOENT}",
    ),
  },
  {
    name: "dangling_creat",
    expect: lines(
      `open dang O_CREAT: ${E}`,
      `open dang2 O_CREAT|O_TRUNC: ${E}`,
      "open dang O_CREAT|O_EXCL: EEXIST",
      "mkdir dang: EEXIST",
    ),
    absent: ["secret/new.txt", "pwned.txt"],
  },
  {
    name: "dangling_guest",
    profile: "open",
    expect: lines(
      "symlink T/secret/new2.txt dg: ok",
      `open dg O_CREAT: ${E}`,
      "symlink /etc/kitemu-pwned dg2: ok",
      `open dg2 O_CREAT: ${E}`,
    ),
    absent: ["secret/new2.txt", "/etc/kitemu-pwned"],
  },
  {
    name: "write_through_link",
    expect: lines(
      `open lnk O_WRONLY|O_TRUNC: ${E}`,
      `truncate lnk: ${E}`,
      `open lnk O_RDWR|O_APPEND: ${E}`,
    ),
  },
  {
    name: "proc_self_mem",
    expect: lines(
      "open /proc/self/mem O_RDWR: {ENOENT,EACCES}",
      "open /proc/self/mem O_RDONLY: {ENOENT,EACCES}",
      "open /proc/1000/mem: {ENOENT,EACCES}",
      "open /proc/self/task/1000/mem: {ENOENT,EACCES}",
    ),
  },
  {
    name: "proc_environ",
    kitemu: ["--env", "A=1"],
    expect: lines(
      "/proc/self/environ: ok A=1|",
      "env: A=1",
      "environ count: 1",
      "getenv KITEMU_ADV_HOST: (null)",
      "getenv HOME: (null)",
      "getenv PATH: (null)",
      "open /proc/1/environ: ENOENT",
    ),
  },
  {
    name: "proc_exe",
    expect: lines(
      "readlink /proc/self/exe: ok",
      "exe: T/bin/prog",
      "open /proc/self/exe: ok",
      "e_machine: 243",
      `open /proc/self/exe O_WRONLY: {EACCES,ETXTBSY}`,
    ),
  },
  {
    name: "proc_escape",
    expect: lines(
      `/proc/self/cwd/../secret.txt: ${E}`,
      "/proc/self/root/etc/passwd: {ENOENT,EACCES}",
      `/proc/self/fd/N/../../secret.txt: ${E}`,
      "/proc/self/../1/cmdline: ENOENT",
      "/proc/1/root: ENOENT",
      "/proc/self/mountinfo: ENOENT",
      `/proc/self/environ O_WRONLY: ${E}`,
    ),
  },
  {
    name: "proc_fd_upgrade",
    expect: lines(
      "open T/ro/r.txt: ok",
      `reopen O_RDWR: ${E}`,
      `reopen O_WRONLY|O_TRUNC: ${E}`,
      "reopen O_RDONLY: ok readonly|",
    ),
  },
  {
    name: "execve_host",
    // Deno would let kitemu start processes: kitemu itself must not.
    deno: () => ["--allow-run"],
    setup: (t) => Deno.copyFileSync("/usr/bin/touch", join(t, "allowed/tool")),
    expect: lines(
      "execve /bin/sh: {ENOSYS,EACCES,ENOEXEC}",
      "execve ./tool: {ENOSYS,EACCES,ENOEXEC}",
      "execve T/allowed/tool: {ENOSYS,EACCES,ENOEXEC}",
      "system: failed",
    ),
    absent: ["allowed/pwned", "allowed/pwned2", "allowed/pwned3"],
  },
  {
    name: "nonutf8",
    setup: async (t) => {
      const sh = await spawnProcess(
        "sh",
        [
          "-c",
          `cd "$1" && printf ff > "n$(printf '\\377')" && printf fe > "n$(printf '\\376')"`,
          "sh",
          join(t, "allowed"),
        ],
        {},
        true,
      );
      assert.equal(sh.code, 0, text(sh.stderr));
    },
    expect: lines(
      "open n\\xff: EILSEQ",
      "open n\\xfe O_RDWR: EILSEQ",
      "create new\\xff: EILSEQ",
      "mkdir d\\xff: EILSEQ",
      "unlink n\\xff: EILSEQ",
      "rename file.txt n\\xfe: EILSEQ",
      "n* entries: 0",
      "create n+U+FFFD: ok",
      "write: ok",
      "n* entries after: 1",
      "open n+U+FFFD: ok guest",
    ),
    content: { "allowed/file.txt": "hello\n", "allowed/n\uFFFD": "guest" },
    check: async (_r, t) => {
      // The two host files with bytes that are not UTF-8 are untouched.
      const sh = await spawnProcess(
        "sh",
        [
          "-c",
          `cd "$1" && cat "n$(printf '\\377')" "n$(printf '\\376')"`,
          "sh",
          join(t, "allowed"),
        ],
        {},
        true,
      );
      assert.equal(text(sh.stdout), "fffe");
    },
  },
  {
    name: "renameat_out",
    expect: lines(
      `rename file.txt ../stolen.txt: ${E}`,
      `rename T/secret.txt got.txt: ${E}`,
      `rename file.txt dlnk/x: ${E}`,
      `renameat(sub, ../file.txt, ../../x): ${E}`,
      `rename sub ../sub: ${E}`,
      `rename T/allowed T/allowed_moved: ${E}`,
      `renameat2 RENAME_NOREPLACE out: ${E}`,
    ),
    absent: ["stolen.txt", "allowed/got.txt", "secret/x", "x", "sub", "allowed_moved", "x2"],
    content: { "allowed/file.txt": "hello\n" },
  },
  {
    name: "linkat_out",
    expect: lines(
      `link T/secret.txt h1: ${E}`,
      `linkat lnk h2 AT_SYMLINK_FOLLOW: ${E}`,
      `link file.txt ../h3: ${E}`,
      `link T/ro/r.txt h4: ${E}`,
      `link dlnk/s.txt h5: ${E}`,
    ),
    absent: ["allowed/h1", "allowed/h2", "h3", "allowed/h4", "allowed/h5"],
  },
  {
    name: "unlinkat_out",
    expect: lines(
      `unlink ../secret.txt: ${E}`,
      `unlink dlnk/s.txt: ${E}`,
      `rmdir ../secret/dir: ${E}`,
      `unlinkat(sub, ../../secret.txt): ${E}`,
      `unlink T/allowed2/x.txt: ${E}`,
      `unlink T/ro/r.txt: ${E}`,
      `rmdir T/allowed (the grant itself): ${E}`,
    ),
  },
  {
    name: "one_file_grant",
    expect: lines(
      "open T/one/f.txt O_APPEND: ok",
      "write: ok",
      `unlink T/one/f.txt: ${E}`,
      `rename T/one/f.txt T/one/g.txt: ${E}`,
      `rename file.txt over T/one/f.txt: ${E}`,
      `create T/one/new.txt: ${E}`,
      "chmod T/one/f.txt 0600: ok",
    ),
    mayChange: ["one/f.txt"],
    content: { "one/f.txt": "one\nmore\n", "allowed/file.txt": "hello\n" },
    check: (_r, t) => {
      assert.equal(Deno.lstatSync(join(t, "one/f.txt")).isFile, true);
      assert.equal(Deno.lstatSync(join(t, "one/f.txt")).mode! & 0o777, 0o600);
    },
  },
  {
    name: "mkdirat_out",
    expect: lines(
      `mkdir ../newdir: ${E}`,
      `mkdir dlnk/newdir: ${E}`,
      `mkdirat(sub, ../../newdir2): ${E}`,
      `mkdir T/secret/x: ${E}`,
      "mkdir dang (dangling link): EEXIST",
    ),
    absent: ["newdir", "secret/newdir", "newdir2", "secret/x"],
  },
  {
    name: "truncate_out",
    expect: lines(
      `truncate ../secret.txt: ${E}`,
      `truncate lnk: ${E}`,
      `truncate T/allowed2/x.txt: ${E}`,
      `truncate T/ro/r.txt: ${E}`,
      "open T/ro/r.txt: ok",
      "ftruncate read-only fd: EINVAL",
    ),
  },
  {
    name: "utimensat_out",
    expect: lines(
      `utimensat ../secret.txt: ${E}`,
      `utimensat lnk: ${E}`,
      `utimensat dlnk/s.txt: ${E}`,
      `utimensat T/ro/r.txt: ${E}`,
    ),
  },
  {
    name: "chmod_out",
    expect: lines(
      `chmod ../secret.txt: ${E}`,
      `chmod lnk: ${E}`,
      `fchmodat dlnk: ${E}`,
      `chmod T/ro/r.txt: ${E}`,
      "open lnk O_PATH|O_NOFOLLOW: ok",
      "fchmod O_PATH fd: EBADF",
    ),
  },
  {
    name: "openat_dirfd",
    expect: lines(
      "open sub: ok",
      `openat(sub, ../../secret.txt): ${E}`,
      `openat(sub, T/secret.txt): ${E}`,
      "openat(sub, ../file.txt): ok",
      `open .. O_DIRECTORY: ${E}`,
      `open .. O_PATH: ${E}`,
      "openat(file, x): ENOTDIR",
    ),
  },
  {
    name: "opath_link_dirfd",
    expect: lines(
      "open dlnk O_PATH|O_NOFOLLOW: ok",
      "is link: 1",
      "openat(fd, s.txt): ENOTDIR",
      "fchdir(fd): ENOTDIR",
      "open s.txt: ok",
    ),
  },
  {
    name: "nofollow",
    expect: lines(
      "open lnk O_NOFOLLOW: ELOOP",
      `open dlnk/s.txt O_NOFOLLOW: ${E}`,
      "fstatat lnk AT_SYMLINK_NOFOLLOW: ok",
      "open lnk O_PATH|O_NOFOLLOW: ok",
      "open file.txt O_NOFOLLOW: ok hello|",
    ),
  },
  {
    name: "readlink_out",
    expect: lines(
      `readlink T/secret/l: ${E}`,
      `readlink ../secret/l: ${E}`,
      `readlinkat(sub, ../../secret/l): ${E}`,
      `readlink dlnk/l: ${E}`,
      "readlink lnk: ok",
      "lnk: ../secret.txt",
    ),
  },
  {
    name: "getdents_out",
    expect: lines(
      `open .. O_DIRECTORY: ${E}`,
      `open dlnk O_DIRECTORY: ${E}`,
      `open T/secret O_DIRECTORY: ${E}`,
      `open / O_DIRECTORY: ${E}`,
      `open /tmp O_DIRECTORY: ${E}`,
      `openat(sub, ../.. O_DIRECTORY): ${E}`,
      "getdents sub: ok",
      "entry: c3",
      "entry: g2",
      "entry: inner",
    ),
  },
  {
    name: "stat_out",
    expect: lines(
      `stat ../secret.txt: ${E}`,
      `access ../secret.txt F_OK: ${E}`,
      `stat lnk: ${E}`,
      "lstat lnk: ok",
      `statx ../secret/s.txt: ${E}`,
      `stat T/allowed2: ${E}`,
      `access dlnk/s.txt R_OK: ${E}`,
      `stat ..: ${E}`,
    ),
  },
  {
    name: "long_path",
    native: true,
    expect: lines(
      "length 4095",
      "open 4095-byte path: ok",
      "length 4096",
      "open 4096-byte path: ENAMETOOLONG",
      "open 255-byte name: ENOENT",
      "open 256-byte name: ENAMETOOLONG",
      "mkdir 256-byte name: ENAMETOOLONG",
      "open 6000-byte path: ENAMETOOLONG",
    ),
  },
  {
    name: "symlink_loop",
    profile: "open",
    native: true,
    expect: lines(
      "symlink loopb loopa: ok",
      "symlink loopa loopb: ok",
      "open loopa: ELOOP",
      "stat loopa: ELOOP",
      "symlink self self: ok",
      "open self/x: ELOOP",
      "open k1 (40 links): ok hello|",
      "open k0 (41 links): ELOOP",
    ),
  },
  {
    name: "symlink_loop_host",
    native: true,
    expect: lines("open la: ELOOP", "open la O_CREAT: ELOOP", "open sub/../la/x: ELOOP"),
  },
  {
    name: "enotdir",
    native: true,
    expect: lines(
      "open file.txt/x: ENOTDIR",
      "open file.txt/: ENOTDIR",
      "stat file.txt/.: ENOTDIR",
      "mkdir file.txt/d: ENOTDIR",
      "chdir file.txt: ENOTDIR",
      "open file.txt/..: ENOTDIR",
      "open file.txt O_DIRECTORY: ENOTDIR",
    ),
  },
  {
    name: "limit_fds",
    kitemu: ["--max-fds=16"],
    expect: lines("opened: 13", "next open: EMFILE", "dup: EMFILE", "pipe: EMFILE"),
  },
  {
    name: "limit_output",
    kitemu: ["--max-output=1000"],
    check: (r) => {
      assert.equal(text(r.stdout), "a".repeat(1000));
    },
  },
  {
    name: "limit_timeout",
    kitemu: ["--timeout=1"],
    status: 124,
    check: (r) => {
      assert.match(text(r.stderr), /time/i);
      assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
    },
  },
  {
    name: "limit_memory",
    kitemu: ["--max-memory=64M"],
    expect: lines(
      "malloc failed before 64 MiB: yes",
      "got at least 16 MiB: yes",
      "mmap 1 GiB: ENOMEM",
      "brk +1 GiB: ENOMEM",
    ),
  },
  {
    name: "dev_paths",
    expect: lines(
      "open /dev/sda: ENOENT",
      "open /dev/mem: ENOENT",
      "open /dev/shm/x O_CREAT: {ENOENT,EACCES}",
      "open /dev/null: ok",
      "write /dev/null: ok",
      `open /dev/../secret.txt: ${E}`,
      `open /dev/../etc/passwd: ${E}`,
      "open /sys/class/net: ENOENT",
      `open /sys/../etc/shadow: ${E}`,
    ),
  },
  {
    name: "ro_grant",
    expect: lines(
      "read T/ro/r.txt: ok readonly|",
      `open T/ro/r.txt O_WRONLY: ${E}`,
      `create T/ro/new: ${E}`,
      `unlink T/ro/r.txt: ${E}`,
      `mkdir T/ro/d: ${E}`,
      `rename T/ro/r.txt r2: ${E}`,
      `symlink x T/ro/l: ${E}`,
    ),
    absent: ["allowed/r2"],
  },
  {
    name: "deny_inside",
    setup: (t) => {
      Deno.mkdirSync(join(t, "allowed/private"));
      Deno.writeTextFileSync(join(t, "allowed/private/p.txt"), "private\n");
      Deno.symlinkSync("private/p.txt", join(t, "allowed/plnk"));
    },
    deno: (
      t,
    ) => [
      `--deny-read=${join(t, "allowed/private")}`,
      `--deny-write=${join(t, "allowed/private")}`,
    ],
    expect: lines(
      `open private/p.txt: ${E}`,
      `open plnk: ${E}`,
      "open private/../file.txt: ok hello|",
      `create private/new: ${E}`,
      `unlink private/p.txt: ${E}`,
      `rename private p2: ${E}`,
    ),
    content: { "allowed/private/p.txt": "private\n" },
    absent: ["allowed/p2", "allowed/private/new"],
  },
  {
    name: "deny_rename_parent",
    setup: (t) => {
      Deno.mkdirSync(join(t, "allowed/box/private"), { recursive: true });
      Deno.writeTextFileSync(join(t, "allowed/box/private/p.txt"), "private\n");
    },
    deno: (t) => {
      const denied = [join(t, "allowed/box/private"), join(t, "allowed/empty/private")];
      return [`--deny-read=${denied.join(",")}`, `--deny-write=${denied.join(",")}`];
    },
    expect: lines(
      `rename box box2: ${E}`,
      "open box2/private/p.txt: ENOENT",
      "mkdir mine: ok",
      "mkdir mine/private: ok",
      "create mine/private/evil: ok",
      `rename mine empty (lands on box-like denied path): ${E}`,
      "rename sub sub2 (no denied entries): ok",
    ),
    content: { "allowed/box/private/p.txt": "private\n" },
    absent: ["allowed/box2", "allowed/empty"],
  },
  {
    name: "mmap_ro",
    expect: lines(
      "open T/ro/r.txt: ok",
      "mmap MAP_SHARED PROT_WRITE: EACCES",
      "mmap MAP_PRIVATE PROT_WRITE: ok",
      "msync: ok",
      "munmap: ok",
      `reopen O_RDWR: ${E}`,
    ),
    content: { "ro/r.txt": "readonly\n" },
  },
];

// ---- the tests -------------------------------------------------------------------------

Deno.test("adversarial: at least 40 attack programs, one per case", () => {
  const sources = [...Deno.readDirSync(join(REPO_ROOT, "testdata/adversarial"))]
    .filter((e) => e.name.endsWith(".c")).map((e) => e.name.slice(0, -2)).sort();
  assert.ok(CASES.length >= 40, `${CASES.length} cases`);
  assert.deepEqual(CASES.map((c) => c.name).sort(), sources);
});

for (const c of CASES) {
  Deno.test(`adversarial: ${c.name}`, async () => {
    const prog = join(BUILD, c.name);
    requireFile(prog);
    const canary = `KITEMU-CANARY-${crypto.randomUUID()}`;
    const t = await makeTree(canary, prog);
    let q: string | null = null;
    try {
      await c.setup?.(t);
      const before = await snapshot(t);
      const r = await runKitemu(c, t, canary);
      const out = text(r.stdout);
      const err = text(r.stderr);
      const where = `\n--- stdout\n${out}--- stderr\n${err}`;

      // Nothing secret in the guest's output.
      assert.ok(!out.includes(canary) && !err.includes(canary), `canary leaked${where}`);
      assert.ok(!out.includes(`${canary.slice(0, 20)}`), `canary leaked${where}`);
      // The status and the report.
      assert.equal(r.code, c.status ?? 0, `exit status${where}`);
      if (c.expect) {
        const problems = compareReport([...c.expect, "done"], reportLines(r.stdout));
        assert.deepEqual(problems, [], `report differs${where}`);
      }
      // Nothing outside the grants changed, appeared or vanished.
      const after = await snapshot(t);
      const diff = changes(before, after, ["allowed", ...(c.mayChange ?? [])]);
      assert.deepEqual(diff, [], "host tree changed outside the grants");
      for (const a of c.absent ?? []) {
        const path = a.startsWith("/") ? a : join(t, a);
        assert.ok(!exists(path), `${path} exists`);
      }
      for (const [rel, want] of Object.entries(c.content ?? {})) {
        assert.equal(Deno.readTextFileSync(join(t, rel)), want, `content of T/${rel}`);
      }
      await c.check?.(r, t);

      // Plain Linux semantics: qemu-riscv64 on an identical tree reports the same.
      if (c.native) {
        requireTool("qemu-riscv64");
        q = await makeTree(canary, prog);
        await c.setup?.(q);
        const ref = await runQemu("riscv64", [join(q, "bin/prog"), q], { cwd: join(q, "allowed") });
        assert.deepEqual(reportLines(r.stdout), reportLines(ref.stdout), "differs from qemu");
        assert.equal(r.code, ref.code);
      }
    } finally {
      await Deno.remove(t, { recursive: true });
      if (q) await Deno.remove(q, { recursive: true });
    }
  });
}

Deno.test("adversarial: Deno alone follows a link out of its grant; kitemu refuses", async () => {
  const prog = join(BUILD, "link_rel_file");
  requireFile(prog);
  const canary = `KITEMU-CANARY-${crypto.randomUUID()}`;
  const t = await makeTree(canary, prog);
  try {
    const reader = join(t, "bin/reader.ts");
    Deno.writeTextFileSync(
      reader,
      `for (const p of Deno.args) {
  try { console.log(Deno.readTextFileSync(p).trim()); } catch (e) { console.log((e as Error).name); }
}\n`,
    );
    const paths = ["allowed/lnk", "allowed/alnk", "allowed/dlnk/s.txt", "secret.txt"]
      .map((p) => join(t, p));
    // Scoped grant: the link's location is checked, its target is not.
    const alone = await spawnProcess(
      DENO,
      [
        "run",
        "--no-prompt",
        `--allow-read=${join(t, "allowed")}`,
        reader,
        ...paths,
      ],
      { cwd: join(t, "allowed"), env: hostEnv(canary) },
      false,
    );
    assert.deepEqual(text(alone.stdout).trim().split("\n"), [
      `${canary} top`,
      `${canary} top`,
      `${canary} s`,
      "NotCapable",
    ]);
    // An explicit --deny-read on the secret is bypassed the same way.
    const denied = await spawnProcess(
      DENO,
      [
        "run",
        "--no-prompt",
        "--allow-read",
        `--deny-read=${join(t, "secret.txt")}`,
        reader,
        paths[0],
        paths[3],
      ],
      { cwd: join(t, "allowed"), env: hostEnv(canary) },
      false,
    );
    assert.deepEqual(text(denied.stdout).trim().split("\n"), [`${canary} top`, "NotCapable"]);

    // kitemu, under the very same grants, refuses the link.
    for (const profile of ["scoped", "open"] as Profile[]) {
      const r = await runKitemu({ name: "link_rel_file", profile }, t, canary);
      const out = text(r.stdout);
      assert.ok(!out.includes(canary));
      assert.deepEqual(reportLines(r.stdout), [
        `open lnk: ${E}`,
        `stat lnk: ${E}`,
        "lstat lnk: ok",
        `open lnk O_WRONLY|O_APPEND: ${E}`,
        "done",
      ], `${profile}:\n${out}${text(r.stderr)}`);
    }
  } finally {
    await Deno.remove(t, { recursive: true });
  }
});
