/**
 * execImage (src/os/linux/exec_image.ts) on real dynamically linked programs: where the
 * program and its interpreter land, the auxiliary vector (AT_BASE, AT_PHDR, AT_ENTRY...), the
 * entry point, and the errors for a missing, denied, malformed or foreign interpreter. The
 * expected values come from riscv64-linux-gnu-readelf and the files themselves. Also the
 * sysroot rules of the resolver (qemu's util/path.c: under DIR first, then as given).
 */

import assert from "node:assert/strict";
import { LoaderError } from "../../src/loader/errors.ts";
import { riscv64Abi } from "../../src/os/linux/abi_riscv64.ts";
import { execImage, sysrootPath } from "../../src/os/linux/exec_image.ts";
import { DYN_LOAD_BIAS } from "../../src/os/linux/startup.ts";
import { prefixPolicy, withSysroot } from "../../src/sandbox/policy.ts";
import { resolvePath } from "../../src/sandbox/resolve.ts";
import { SysError } from "../../src/sandbox/errors.ts";
import { harness } from "../os/helpers.ts";
import { requireFile, TESTDATA } from "../helpers.ts";

const SYSROOT = "/usr/riscv64-linux-gnu";
const PROG = `${TESTDATA}/build/riscv64-dyn/exit42`;
const INTERP = "/lib/ld-linux-riscv64-lp64d.so.1";

function readelfHeader(file: string): Record<string, number> {
  const out = new Deno.Command("riscv64-linux-gnu-readelf", { args: ["-h", file] }).outputSync();
  assert.ok(out.success, "riscv64-linux-gnu-readelf failed");
  const text = new TextDecoder().decode(out.stdout);
  const num = (label: string) => {
    const m = new RegExp(`${label}:\\s+(0x[0-9a-f]+|\\d+)`).exec(text);
    assert.ok(m, `readelf has no ${label}`);
    return Number(m[1]);
  };
  return {
    entry: num("Entry point address"),
    phoff: num("Start of program headers"),
    phnum: num("Number of program headers"),
    phentsize: num("Size of program headers"),
  };
}

function auxv(bytes: Uint8Array): Map<number, number> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const m = new Map<number, number>();
  for (let o = 0; o + 16 <= bytes.length; o += 16) {
    const k = Number(dv.getBigUint64(o, true));
    if (k === 0) break;
    m.set(k, Number(dv.getBigUint64(o + 8, true)));
  }
  return m;
}

const grants = (extra: string[] = []) =>
  withSysroot(prefixPolicy({ read: [PROG, `${SYSROOT}/lib`, ...extra], write: [] }), SYSROOT);

Deno.test("execImage: program at the PIE base, ld.so below the mmap top, auxv as Linux's", () => {
  requireFile(PROG);
  const prog = readelfHeader(PROG);
  const ldPath = `${SYSROOT}${INTERP}`;
  const ld = readelfHeader(ldPath);
  const h = harness({ policy: grants() });
  const bytes = Deno.readFileSync(PROG);
  const r = execImage(h.proc, h.proc.mem, h.cpu, bytes, "/bin/exit42", ["exit42", "a"], ["K=V"]);
  const a = auxv(h.proc.auxv);
  assert.equal(r.bias, DYN_LOAD_BIAS);
  assert.equal(a.get(9), DYN_LOAD_BIAS + prog.entry, "AT_ENTRY");
  assert.equal(a.get(3), DYN_LOAD_BIAS + prog.phoff, "AT_PHDR");
  assert.equal(a.get(4), prog.phentsize, "AT_PHENT");
  assert.equal(a.get(5), prog.phnum, "AT_PHNUM");
  assert.equal(a.get(23), 0, "AT_SECURE");
  const base = a.get(7)!;
  assert.equal(base, r.interpBase, "AT_BASE");
  assert.ok(base > DYN_LOAD_BIAS && base < 0x7000_0000, `AT_BASE 0x${base.toString(16)}`);
  assert.equal(base % 4096, 0);
  assert.equal(h.cpu.pc, base + ld.entry, "the CPU starts in the interpreter");
  assert.equal(r.interpHostPath, ldPath);
  // The interpreter's first page is its file's first page; the program's likewise.
  const ldBytes = Deno.readFileSync(ldPath);
  assert.deepEqual(h.proc.mem.read(base, 64), ldBytes.subarray(0, 64));
  assert.deepEqual(h.proc.mem.read(DYN_LOAD_BIAS, 64), bytes.subarray(0, 64));
  // AT_EXECFN is the path given; argv and envp are on the stack.
  assert.equal(new TextDecoder().decode(h.proc.mem.readCString(a.get(31)!)!), "/bin/exit42");
  const sp = riscv64Abi.sp(h.cpu);
  assert.equal(h.proc.mem.readU64(sp), 2, "argc");
  assert.deepEqual(h.proc.argv, ["exit42", "a"]);
  assert.deepEqual(h.proc.env, ["K=V"]);
});

function loaderError(fn: () => unknown, errno: number, text: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof LoaderError, String(e));
    assert.equal(e.errno, errno, e.message);
    assert.ok(e.message.includes(text), `${JSON.stringify(e.message)} lacks ${text}`);
    return true;
  });
}

Deno.test("execImage: a missing interpreter is ENOENT with its path", () => {
  requireFile(PROG);
  // The whole host may be inspected, and the interpreter is in neither the sysroot nor /.
  const h = harness({
    policy: withSysroot(prefixPolicy({ read: ["/"], write: [] }), "/usr/aarch64-linux-gnu"),
  });
  loaderError(
    () => execImage(h.proc, h.proc.mem, h.cpu, Deno.readFileSync(PROG), PROG, ["p"], []),
    2,
    `Cannot load the program interpreter ${INTERP}: No such file or directory`,
  );
});

Deno.test("execImage: an interpreter outside the grants is EACCES with its path", () => {
  requireFile(PROG);
  const h = harness({ policy: withSysroot(prefixPolicy({ read: [PROG], write: [] }), SYSROOT) });
  loaderError(
    () => execImage(h.proc, h.proc.mem, h.cpu, Deno.readFileSync(PROG), PROG, ["p"], []),
    13,
    `Cannot load the program interpreter ${INTERP}: Permission denied`,
  );
});

Deno.test("execImage: an interpreter for another ISA, or not ELF, is refused", () => {
  requireFile(PROG);
  const root = Deno.makeTempDirSync({ prefix: "kitemu-sysroot-" });
  try {
    Deno.mkdirSync(`${root}/lib`);
    const policy = withSysroot(prefixPolicy({ read: [PROG, root], write: [] }), root);
    Deno.copyFileSync("/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1", `${root}${INTERP}`);
    let h = harness({ policy });
    loaderError(
      () => execImage(h.proc, h.proc.mem, h.cpu, Deno.readFileSync(PROG), PROG, ["p"], []),
      8,
      "is for aarch64, the program for riscv64",
    );
    Deno.writeTextFileSync(`${root}${INTERP}`, "#!/bin/sh\n");
    h = harness({ policy });
    loaderError(
      () => execImage(h.proc, h.proc.mem, h.cpu, Deno.readFileSync(PROG), PROG, ["p"], []),
      8,
      `Cannot load the program interpreter ${INTERP} (${root}${INTERP})`,
    );
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("execImage: the sysroot argument overrides the policy's", () => {
  requireFile(PROG);
  const h = harness({
    policy: prefixPolicy({ read: [PROG, `${SYSROOT}/lib`], write: [] }),
  });
  const r = execImage(h.proc, h.proc.mem, h.cpu, Deno.readFileSync(PROG), PROG, ["p"], [], SYSROOT);
  assert.equal(r.interpHostPath, `${SYSROOT}${INTERP}`);
});

Deno.test("sysrootPath normalizes as qemu does (textually)", () => {
  assert.equal(sysrootPath("/usr/riscv64-linux-gnu/"), "/usr/riscv64-linux-gnu");
  assert.equal(sysrootPath("/usr/./x/../riscv64-linux-gnu"), "/usr/riscv64-linux-gnu");
  assert.equal(sysrootPath("/"), "/");
  assert.equal(sysrootPath("rel"), `${Deno.cwd()}/rel`);
});

// ---- the resolver with a sysroot ----------------------------------------------------------

const vfs = harness().proc.vfs;
const opts = { follow: true, allowMissing: false };

Deno.test("sysroot: an absolute path is looked up under the sysroot first, then as given", () => {
  const root = Deno.makeTempDirSync({ prefix: "kitemu-sysroot-" });
  const host = Deno.makeTempDirSync({ prefix: "kitemu-host-" });
  try {
    Deno.mkdirSync(`${root}${host}`, { recursive: true });
    Deno.writeTextFileSync(`${root}${host}/both`, "sysroot");
    Deno.writeTextFileSync(`${host}/both`, "host");
    Deno.writeTextFileSync(`${host}/only-host`, "host");
    const policy = withSysroot(prefixPolicy({ read: [root, host], write: [] }), root);
    const ctx = { policy, vfs };
    const path = (p: string) => {
      const r = resolvePath(ctx, "/", p, opts);
      assert.equal(r.kind, "host");
      return r.path;
    };
    assert.equal(path(`${host}/both`), `${root}${host}/both`);
    assert.equal(path(`${host}/only-host`), `${host}/only-host`);
    // Relative paths are not redirected; /proc stays virtual.
    assert.equal(resolvePath(ctx, host, "both", opts).path, `${host}/both`);
    assert.equal(resolvePath(ctx, "/", "/proc/self/maps", opts).kind, "virtual");
    // Missing in both: ENOENT; creation (allowMissing) goes to the path as given.
    assert.throws(
      () => path(`${host}/none`),
      (e: unknown) => e instanceof SysError && e.errno === 2,
    );
    const c = resolvePath(ctx, "/", `${host}/new`, { follow: true, allowMissing: true });
    assert.equal(c.path, `${host}/new`);
    // "/" itself is the sysroot, as under qemu (base + "/" exists).
    assert.equal(path("/"), root);
    // A symbolic link inside the sysroot with an absolute target means the host's root (as
    // qemu's host access() follows it), and the target is permission-checked like any path.
    Deno.symlinkSync(`${host}/only-host`, `${root}${host}/link`);
    assert.equal(path(`${host}/link`), `${host}/only-host`);
    // A link to a file outside the grants is not inspected, so the candidate is not taken:
    // the path as given (missing here) decides.
    Deno.symlinkSync("/etc/hostname", `${root}${host}/out`);
    assert.throws(
      () => path(`${host}/out`),
      (e: unknown) => e instanceof SysError && e.errno === 2,
    );
  } finally {
    Deno.removeSync(root, { recursive: true });
    Deno.removeSync(host, { recursive: true });
  }
});

Deno.test("sysroot: a candidate the guest may not inspect is skipped (nothing leaks)", () => {
  const root = Deno.makeTempDirSync({ prefix: "kitemu-sysroot-" });
  const host = Deno.makeTempDirSync({ prefix: "kitemu-host-" });
  try {
    Deno.mkdirSync(`${root}${host}`, { recursive: true });
    Deno.writeTextFileSync(`${root}${host}/f`, "sysroot");
    Deno.writeTextFileSync(`${host}/f`, "host");
    // Only the host copy is granted: the sysroot copy cannot be inspected, so the path as
    // given is used, and the guest cannot tell whether the sysroot has the file.
    const policy = withSysroot(prefixPolicy({ read: [host], write: [] }), root);
    const r = resolvePath({ policy, vfs }, "/", `${host}/f`, opts);
    assert.equal(r.path, `${host}/f`);
  } finally {
    Deno.removeSync(root, { recursive: true });
    Deno.removeSync(host, { recursive: true });
  }
});
