// File system calls on a temporary directory. Expected values come from the
// host (Deno.statSync, Deno.readTextFileSync), from the Linux ABI (struct
// layouts in asm-generic/stat.h, linux_dirent64) and from strace's format.

import assert from "node:assert/strict";
import { AT_FDCWD, harness, NR } from "./helpers.ts";

const O_RDONLY = 0;
const O_WRONLY = 1;
const O_RDWR = 2;
const O_CREAT = 0o100;
const O_EXCL = 0o200;
const O_TRUNC = 0o1000;
const O_APPEND = 0o2000;
const O_DIRECTORY = 0o200000;
const O_NOFOLLOW = 0o400000;
const O_CLOEXEC = 0o2000000;
const ENOENT = -2;
const EBADF = -9;
const EAGAIN = -11;
const EFAULT = -14;
const EEXIST = -17;
const ENOTDIR = -20;
const EISDIR = -21;
const EINVAL = -22;
const ENOTTY = -25;
const EFBIG = -27;
const ELOOP = -40;
const ENOTEMPTY = -39;

function tmp(): string {
  return Deno.realPathSync(Deno.makeTempDirSync({ prefix: "kitemu_fs_" }));
}

const dec = new TextDecoder();

Deno.test("open, write, close, read, lseek, fstat on a host file", () => {
  const dir = tmp();
  const h = harness();
  const path = `${dir}/a.txt`;
  const fd = h.sys(NR.openat, AT_FDCWD, h.str(path), O_WRONLY | O_CREAT | O_TRUNC, 0o644);
  assert.equal(fd, 3);
  assert.equal(h.sys(NR.write, fd, h.str("hello\n"), 6), 6);
  assert.equal(h.sys(NR.close, fd), 0);
  assert.equal(Deno.readTextFileSync(path), "hello\n");
  assert.equal(Deno.statSync(path).mode! & 0o777, 0o644);

  const rd = h.sys(NR.openat, AT_FDCWD, h.str(path), O_RDONLY, 0);
  assert.equal(rd, 3);
  const buf = h.alloc(100);
  assert.equal(h.sys(NR.read, rd, buf, 100), 6);
  assert.equal(dec.decode(h.proc.mem.read(buf, 6)), "hello\n");
  assert.equal(h.sys(NR.read, rd, buf, 100), 0);
  assert.equal(h.sys(NR.lseek, rd, 1, 0), 1);
  assert.equal(h.sys(NR.read, rd, buf, 2), 2);
  assert.equal(dec.decode(h.proc.mem.read(buf, 2)), "el");
  assert.equal(h.sys(NR.lseek, rd, 0, 2), 6);
  assert.equal(h.sys(NR.lseek, rd, -7, 1), EINVAL);
  assert.equal(h.sys(NR.write, rd, buf, 1), EBADF);

  // struct stat (asm-generic): st_ino @8, st_mode @16 (u32), st_nlink @20, st_size @48.
  // Files from open() report O_LARGEFILE, as Linux does on 64-bit ISAs.
  assert.equal(h.sys(NR.fcntl, rd, 3 /* F_GETFL */), 0o100000);
  const st = h.alloc(128);
  assert.equal(h.sys(NR.fstat, rd, st), 0);
  const host = Deno.statSync(path);
  assert.equal(h.proc.mem.readU64(st + 8), host.ino);
  assert.equal(h.proc.mem.readU32(st + 16), host.mode);
  assert.equal(h.proc.mem.readU32(st + 20), 1);
  assert.equal(h.proc.mem.readU64(st + 48), 6);
  assert.equal(h.proc.mem.readU64(st + 88), Math.floor(host.mtime!.getTime() / 1000));

  // pread/pwrite leave the offset alone.
  const rw = h.sys(NR.openat, AT_FDCWD, h.str(path), O_RDWR, 0);
  assert.equal(h.sys(NR.pwrite64, rw, h.str("J"), 1, 0), 1);
  assert.equal(h.sys(NR.pread64, rw, buf, 3, 3), 3);
  assert.equal(dec.decode(h.proc.mem.read(buf, 3)), "lo\n");
  assert.equal(h.sys(NR.lseek, rw, 0, 1), 0);
  assert.equal(Deno.readTextFileSync(path), "Jello\n");

  // O_APPEND writes at the end whatever the offset.
  const ap = h.sys(NR.openat, AT_FDCWD, h.str(path), O_WRONLY | O_APPEND, 0);
  assert.equal(h.sys(NR.write, ap, h.str("!"), 1), 1);
  assert.equal(Deno.readTextFileSync(path), "Jello\n!");

  assert.equal(h.sys(NR.ftruncate, ap, 2), 0);
  assert.equal(Deno.readTextFileSync(path), "Je");
  for (const fd of [rd, rw, ap]) assert.equal(h.sys(NR.close, fd), 0);
  assert.equal(h.sys(NR.close, rd), EBADF);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("open errors follow Linux", () => {
  const dir = tmp();
  Deno.writeTextFileSync(`${dir}/f`, "x");
  Deno.mkdirSync(`${dir}/d`);
  Deno.symlinkSync("f", `${dir}/lnk`);
  const h = harness();
  const open = (p: string, flags: number) => h.sys(NR.openat, AT_FDCWD, h.str(p), flags, 0o600);
  assert.equal(open(`${dir}/missing`, O_RDONLY), ENOENT);
  assert.equal(open(`${dir}/f`, O_CREAT | O_EXCL | O_WRONLY), EEXIST);
  assert.equal(open(`${dir}/d`, O_WRONLY), EISDIR);
  assert.equal(open(`${dir}/f`, O_RDONLY | O_DIRECTORY), ENOTDIR);
  assert.equal(open(`${dir}/f/x`, O_RDONLY), ENOTDIR);
  assert.equal(open(`${dir}/lnk`, O_RDONLY | O_NOFOLLOW), ELOOP);
  assert.ok(open(`${dir}/lnk`, O_RDONLY) >= 3);
  assert.equal(h.sys(NR.openat, AT_FDCWD, 0, O_RDONLY, 0), EFAULT);
  assert.equal(h.sys(NR.openat, AT_FDCWD, h.str(""), O_RDONLY, 0), ENOENT);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("the trace reads like strace", () => {
  const dir = tmp();
  const h = harness();
  const path = `${dir}/t`;
  const fd = h.sys(NR.openat, AT_FDCWD, h.str(path), O_WRONLY | O_CREAT | O_CLOEXEC, 0o640);
  h.sys(NR.write, fd, h.str("hello\n"), 6);
  h.sys(NR.close, fd);
  h.sys(NR.openat, AT_FDCWD, h.str(`${dir}/nope`), O_RDONLY, 0);
  h.sys(NR.write, 1, h.str("\x1b[2J" + "a".repeat(40)), 44);
  h.sys(0x1c2, 1, 2, 3, 4, 5, 6);
  h.sys(NR.exit_group, 3);
  assert.deepEqual(h.trace, [
    `openat(AT_FDCWD, "${path}", O_WRONLY|O_CREAT|O_CLOEXEC, 0640) = 3`,
    `write(3, "hello\\n", 6) = 6`,
    `close(3) = 0`,
    `openat(AT_FDCWD, "${dir}/nope", O_RDONLY) = -1 ENOENT (No such file or directory)`,
    `write(1, "\\33[2J${"a".repeat(28)}"..., 44) = 44`,
    `syscall_0x1c2(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (not implemented)`,
    `exit_group(3) = ?`,
  ]);
  // No raw control character reaches a trace line.
  // deno-lint-ignore no-control-regex
  for (const line of h.trace) assert.ok(!/[\x00-\x1f\x7f]/.test(line), line);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("getdents64 lays out linux_dirent64 records", () => {
  const dir = tmp();
  Deno.writeTextFileSync(`${dir}/a`, "");
  Deno.writeTextFileSync(`${dir}/bb`, "");
  Deno.mkdirSync(`${dir}/sub`);
  Deno.symlinkSync("a", `${dir}/ln`);
  const h = harness();
  const fd = h.sys(NR.openat, AT_FDCWD, h.str(dir), O_RDONLY | O_DIRECTORY, 0);
  assert.ok(fd >= 3);
  const buf = h.alloc(4096);
  const n = h.sys(NR.getdents64, fd, buf, 4096);
  assert.ok(n > 0);
  const seen = new Map<string, { ino: number; type: number }>();
  let lastOff = 0;
  for (let off = 0; off < n;) {
    const ino = h.proc.mem.readU64(buf + off);
    const doff = h.proc.mem.readU64(buf + off + 8);
    const reclen = h.proc.mem.readU16(buf + off + 16);
    const type = h.proc.mem.readU8(buf + off + 18);
    const name = dec.decode(h.proc.mem.readCString(buf + off + 19)!);
    assert.equal(reclen, (19 + name.length + 1 + 7) & ~7, name);
    assert.ok(doff > lastOff);
    lastOff = doff;
    assert.notEqual(ino, 0);
    seen.set(name, { ino, type });
    off += reclen;
  }
  assert.deepEqual([...seen.keys()].sort(), [".", "..", "a", "bb", "ln", "sub"]);
  // d_type: DT_DIR 4, DT_REG 8, DT_LNK 10.
  assert.equal(seen.get("sub")!.type, 4);
  assert.equal(seen.get("a")!.type, 8);
  assert.equal(seen.get("ln")!.type, 10);
  assert.equal(seen.get(".")!.type, 4);
  assert.equal(seen.get("a")!.ino, Deno.lstatSync(`${dir}/a`).ino);
  assert.equal(seen.get(".")!.ino, Deno.statSync(dir).ino);
  assert.equal(h.sys(NR.getdents64, fd, buf, 4096), 0);
  // Rewind, then a buffer too small for one record.
  assert.equal(h.sys(NR.lseek, fd, 0, 0), 0);
  assert.equal(h.sys(NR.getdents64, fd, buf, 16), EINVAL);
  assert.ok(h.sys(NR.getdents64, fd, buf, 24) > 0);
  const f = h.sys(NR.openat, AT_FDCWD, h.str(`${dir}/a`), O_RDONLY, 0);
  assert.equal(h.sys(NR.getdents64, f, buf, 4096), ENOTDIR);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("stat, readlink, access, mkdir, rename, unlink, symlink, link", () => {
  const dir = tmp();
  Deno.writeTextFileSync(`${dir}/f`, "12345");
  Deno.symlinkSync("f", `${dir}/l`);
  const h = harness();
  const st = h.alloc(256);
  const AT_SYMLINK_NOFOLLOW = 0x100;
  assert.equal(h.sys(NR.newfstatat, AT_FDCWD, h.str(`${dir}/l`), st, 0), 0);
  assert.equal(h.proc.mem.readU64(st + 48), 5);
  assert.equal(h.proc.mem.readU32(st + 16) & 0o170000, 0o100000);
  assert.equal(h.sys(NR.newfstatat, AT_FDCWD, h.str(`${dir}/l`), st, AT_SYMLINK_NOFOLLOW), 0);
  assert.equal(h.proc.mem.readU32(st + 16) & 0o170000, 0o120000);
  // statx: stx_mode @28 (u16), stx_size @40, stx_ino @32.
  assert.equal(h.sys(NR.statx, AT_FDCWD, h.str(`${dir}/f`), 0, 0x7ff, st), 0);
  assert.equal(h.proc.mem.readU16(st + 28), Deno.statSync(`${dir}/f`).mode);
  assert.equal(h.proc.mem.readU64(st + 40), 5);
  assert.equal(h.proc.mem.readU64(st + 32), Deno.statSync(`${dir}/f`).ino);

  const buf = h.alloc(64);
  assert.equal(h.sys(NR.readlinkat, AT_FDCWD, h.str(`${dir}/l`), buf, 64), 1);
  assert.equal(dec.decode(h.proc.mem.read(buf, 1)), "f");
  assert.equal(h.sys(NR.readlinkat, AT_FDCWD, h.str(`${dir}/f`), buf, 64), EINVAL);

  assert.equal(h.sys(NR.faccessat, AT_FDCWD, h.str(`${dir}/f`), 4), 0);
  assert.equal(h.sys(NR.faccessat, AT_FDCWD, h.str(`${dir}/none`), 0), ENOENT);

  assert.equal(h.sys(NR.mkdirat, AT_FDCWD, h.str(`${dir}/d/`), 0o755), 0);
  assert.ok(Deno.statSync(`${dir}/d`).isDirectory);
  assert.equal(h.sys(NR.mkdirat, AT_FDCWD, h.str(`${dir}/d`), 0o755), EEXIST);
  assert.equal(
    h.sys(NR.renameat2, AT_FDCWD, h.str(`${dir}/f`), AT_FDCWD, h.str(`${dir}/d/g`), 0),
    0,
  );
  assert.equal(Deno.readTextFileSync(`${dir}/d/g`), "12345");
  assert.equal(h.sys(NR.unlinkat, AT_FDCWD, h.str(`${dir}/d`), 0x200), ENOTEMPTY);
  assert.equal(h.sys(NR.unlinkat, AT_FDCWD, h.str(`${dir}/d`), 0), EISDIR);
  assert.equal(h.sys(NR.unlinkat, AT_FDCWD, h.str(`${dir}/d/g`), 0x200), ENOTDIR);
  assert.equal(
    h.sys(NR.linkat, AT_FDCWD, h.str(`${dir}/d/g`), AT_FDCWD, h.str(`${dir}/hard`), 0),
    0,
  );
  assert.equal(Deno.statSync(`${dir}/hard`).nlink, 2);
  assert.equal(h.sys(NR.unlinkat, AT_FDCWD, h.str(`${dir}/d/g`), 0), 0);
  assert.equal(h.sys(NR.unlinkat, AT_FDCWD, h.str(`${dir}/d`), 0x200), 0);
  assert.throws(() => Deno.statSync(`${dir}/d`));
  assert.equal(h.sys(NR.symlinkat, h.str("target"), AT_FDCWD, h.str(`${dir}/s`)), 0);
  assert.equal(Deno.readLinkSync(`${dir}/s`), "target");
  // unlink removes the link, not what it points to.
  assert.equal(h.sys(NR.unlinkat, AT_FDCWD, h.str(`${dir}/l`), 0), 0);
  assert.throws(() => Deno.lstatSync(`${dir}/l`));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("cwd, chdir, fchdir and dirfd-relative paths", () => {
  const dir = tmp();
  Deno.mkdirSync(`${dir}/sub`);
  Deno.writeTextFileSync(`${dir}/sub/x`, "x");
  const h = harness({ cwd: dir });
  const buf = h.alloc(4096);
  assert.equal(h.sys(NR.getcwd, buf, 4096), dir.length + 1);
  assert.equal(dec.decode(h.proc.mem.readCString(buf)!), dir);
  assert.equal(h.sys(NR.getcwd, buf, 2), -34 /* ERANGE */);
  assert.equal(h.sys(NR.chdir, h.str("sub")), 0);
  assert.equal(h.sys(NR.getcwd, buf, 4096), `${dir}/sub`.length + 1);
  assert.ok(h.sys(NR.openat, AT_FDCWD, h.str("x"), O_RDONLY, 0) >= 3);
  assert.equal(h.sys(NR.chdir, h.str("x")), ENOTDIR);
  assert.equal(h.sys(NR.chdir, h.str("..")), 0);
  assert.equal(dec.decode(h.proc.mem.read(buf, dir.length)), dir);
  const dfd = h.sys(NR.openat, AT_FDCWD, h.str("sub"), O_RDONLY | O_DIRECTORY, 0);
  assert.ok(h.sys(NR.openat, dfd, h.str("x"), O_RDONLY, 0) >= 3);
  const ffd = h.sys(NR.openat, dfd, h.str("x"), O_RDONLY, 0);
  assert.equal(h.sys(NR.openat, ffd, h.str("y"), O_RDONLY, 0), ENOTDIR);
  assert.equal(h.sys(NR.fchdir, dfd), 0);
  assert.equal(h.proc.cwd, `${dir}/sub`);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("dup, dup3, fcntl, pipes", () => {
  const h = harness();
  const fds = h.alloc(8);
  assert.equal(h.sys(NR.pipe2, fds, O_CLOEXEC), 0);
  const r = h.proc.mem.readI32(fds);
  const w = h.proc.mem.readI32(fds + 4);
  assert.deepEqual([r, w], [3, 4]);
  const F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD = 0;
  assert.equal(h.sys(NR.fcntl, r, F_GETFD), 1);
  assert.equal(h.sys(NR.fcntl, r, F_SETFD, 0), 0);
  assert.equal(h.sys(NR.fcntl, r, F_GETFD), 0);
  // Pipe ends report just their access mode (no O_LARGEFILE: that is added by open()).
  assert.equal(h.sys(NR.fcntl, r, F_GETFL), O_RDONLY);
  assert.equal(h.sys(NR.fcntl, w, F_SETFL, 0o4000), 0);
  assert.equal(h.sys(NR.fcntl, w, F_GETFL), 0o4000 | O_WRONLY);
  assert.equal(h.sys(NR.fcntl, w, F_DUPFD, 10), 10);

  const buf = h.alloc(16);
  assert.equal(h.sys(NR.read, r, buf, 16), EAGAIN);
  assert.equal(h.sys(NR.write, w, h.str("ping"), 4), 4);
  const d = h.sys(NR.dup, r);
  assert.equal(d, 5);
  assert.equal(h.sys(NR.read, d, buf, 2), 2);
  assert.equal(h.sys(NR.read, r, buf + 2, 16), 2);
  assert.equal(dec.decode(h.proc.mem.read(buf, 4)), "ping");
  assert.equal(h.sys(NR.dup3, r, r, 0), EINVAL);
  assert.equal(h.sys(NR.dup3, r, 7, O_CLOEXEC), 7);
  assert.equal(h.sys(NR.fcntl, 7, F_GETFD), 1);
  for (const fd of [w, 10]) assert.equal(h.sys(NR.close, fd), 0);
  assert.equal(h.sys(NR.read, r, buf, 16), 0);
  // Writing with no reader left: EPIPE, and SIGPIPE's default action ends the process.
  const fds2 = h.alloc(8);
  h.sys(NR.pipe2, fds2, 0);
  h.sys(NR.close, h.proc.mem.readI32(fds2));
  assert.equal(h.sys(NR.write, h.proc.mem.readI32(fds2 + 4), buf, 1), -32);
  assert.equal(h.proc.exited, true);
  assert.equal(h.proc.exitSignal, 13);
});

Deno.test("readv and writev", () => {
  const h = harness();
  const iov = h.alloc(48);
  const a = h.str("ab");
  const b = h.str("cde");
  h.proc.mem.writeU64(iov, a);
  h.proc.mem.writeU64(iov + 8, 2);
  h.proc.mem.writeU64(iov + 16, b);
  h.proc.mem.writeU64(iov + 24, 3);
  assert.equal(h.sys(NR.writev, 1, iov, 2), 5);
  assert.equal(h.out.text(), "abcde");
  assert.equal(
    h.trace.at(-1),
    `writev(1, [{iov_base="ab", iov_len=2}, {iov_base="cde", iov_len=3}], 2) = 5`,
  );
  const fds = h.alloc(8);
  h.sys(NR.pipe2, fds, 0);
  h.sys(NR.write, h.proc.mem.readI32(fds + 4), h.str("12345"), 5);
  const x = h.alloc(4);
  const y = h.alloc(4);
  h.proc.mem.writeU64(iov, x);
  h.proc.mem.writeU64(iov + 8, 2);
  h.proc.mem.writeU64(iov + 16, y);
  h.proc.mem.writeU64(iov + 24, 4);
  assert.equal(h.sys(NR.readv, h.proc.mem.readI32(fds), iov, 2), 5);
  assert.equal(dec.decode(h.proc.mem.read(x, 2)) + dec.decode(h.proc.mem.read(y, 3)), "12345");
});

Deno.test("bad pointers give EFAULT, short buffers give partial transfers", () => {
  const h = harness();
  assert.equal(h.sys(NR.write, 1, 0, 5), EFAULT);
  assert.equal(h.sys(NR.write, 1, 0xdead_0000, 5), EFAULT);
  assert.equal(h.sys(NR.read, 0, 0, 5), EFAULT);
  assert.equal(h.sys(NR.fstat, 1, 0x10), EFAULT);
  // The scratch area ends at 0x200000: a write of 8 bytes from 4 before the end writes 4.
  const end = 0x20_0000;
  h.proc.mem.write(end - 4, new TextEncoder().encode("tail"));
  assert.equal(h.sys(NR.write, 1, end - 4, 8), 4);
  assert.equal(h.out.text(), "tail");
});

Deno.test("stdout, maxOutput and isatty", () => {
  const h = harness({ maxOutput: 10 });
  assert.equal(h.sys(NR.write, 1, h.str("0123456789abc"), 13), 10);
  assert.equal(h.sys(NR.write, 1, h.str("x"), 1), EFBIG);
  assert.equal(h.out.text(), "0123456789");
  const TCGETS = 0x5401;
  assert.equal(h.sys(NR.ioctl, 1, TCGETS, h.alloc(64)), ENOTTY);
  const tty = harness({ stdout: { write: (b) => b.length, isTerminal: () => true } });
  const t = tty.alloc(64);
  assert.equal(tty.sys(NR.ioctl, 1, TCGETS, t), 0);
  // c_lflag has ICANON (2) and ECHO (8) set in a fresh terminal.
  assert.equal(tty.proc.mem.readU32(t + 12) & 0xa, 0xa);
});

Deno.test("virtual /dev and /proc", () => {
  const h = harness({ env: ["A=1", "SECRET_FREE=yes"], argv: ["prog", "x y"] });
  const buf = h.alloc(4096);
  const open = (p: string, f = O_RDONLY) => h.sys(NR.openat, AT_FDCWD, h.str(p), f, 0);
  const readAll = (fd: number) => {
    const n = h.sys(NR.read, fd, buf, 4096);
    assert.ok(n >= 0);
    return dec.decode(h.proc.mem.read(buf, n));
  };
  assert.equal(h.sys(NR.readlinkat, AT_FDCWD, h.str("/proc/self/exe"), buf, 100), 9);
  assert.equal(dec.decode(h.proc.mem.read(buf, 9)), "/bin/prog");
  assert.equal(readAll(open("/proc/self/environ")), "A=1\0SECRET_FREE=yes\0");
  assert.equal(readAll(open("/proc/self/cmdline")), "prog\0x y\0");
  assert.match(
    readAll(open("/proc/self/maps")),
    /^00100000-00200000 rw-p 00000000 00:00 0 +\[scratch\]\n/,
  );
  assert.match(readAll(open("/proc/self/status")), /Pid:\t1000\n/);
  assert.equal(readAll(open("/dev/null")), "");
  const z = open("/dev/zero");
  h.proc.mem.fill(buf, 8, 0xff);
  assert.equal(h.sys(NR.read, z, buf, 8), 8);
  assert.deepEqual([...h.proc.mem.read(buf, 8)], [0, 0, 0, 0, 0, 0, 0, 0]);
  const n = open("/dev/null", O_WRONLY);
  assert.equal(h.sys(NR.write, n, buf, 8), 8);
  const full = open("/dev/full", O_WRONLY);
  assert.equal(h.sys(NR.write, full, buf, 8), -28);
  assert.equal(h.sys(NR.readlinkat, AT_FDCWD, h.str("/proc/self/fd/1"), buf, 100) > 0, true);
  assert.equal(open("/proc/self/nothing"), ENOENT);
  assert.equal(open("/proc/self/environ", O_WRONLY), -13);
  assert.equal(open("/dev/newfile", O_CREAT | O_WRONLY), -13);
  // /proc/self/fd/N reopens the descriptor.
  const fds = h.alloc(8);
  h.sys(NR.pipe2, fds, 0);
  h.sys(NR.write, h.proc.mem.readI32(fds + 4), h.str("via fd"), 6);
  const again = open(`/proc/self/fd/${h.proc.mem.readI32(fds)}`);
  assert.equal(readAll(again), "via fd");
  // "/dev/../proc" leaves the virtual tree and comes back in.
  assert.equal(readAll(open("/dev/../proc/self/cmdline")), "prog\0x y\0");
  // Directory listing of /proc/self/fd.
  const dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
  assert.ok(h.sys(NR.getdents64, dfd, buf, 4096) > 0);
});

Deno.test("errors inside handlers become EIO (or surface in debug mode)", () => {
  const boom = {
    canRead: () => {
      throw new TypeError("Policy exploded");
    },
    canWrite: () => false,
    canEnv: () => false,
  };
  const h = harness({ policy: boom, debug: false });
  assert.equal(h.sys(NR.openat, AT_FDCWD, h.str("/tmp/x"), O_RDONLY, 0), -5);
  assert.match(h.trace.at(-1)!, /= -1 EIO \(internal error: Policy exploded\)$/);
  const d = harness({ policy: boom, debug: true });
  assert.throws(() => d.sys(NR.openat, AT_FDCWD, d.str("/tmp/x"), O_RDONLY, 0), TypeError);
});
