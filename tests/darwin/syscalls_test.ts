/**
 * The Darwin system call layer (src/os/darwin/syscalls.ts): the carry-flag
 * convention on both ISAs (guest code built in TypeScript), Darwin errno
 * numbers (XNU's <sys/errno.h>), and each BSD call against what the host
 * says about the same files (Deno.statSync, Deno.readDirSync, ...), with
 * Darwin's structure layouts (struct stat with 64-bit inodes, struct dirent
 * of getdirentries64).
 * @module
 */

import assert from "node:assert/strict";
import { KitEmu } from "../../mod.ts";
import { MAP_ANONYMOUS, MAP_PRIVATE, PF_R, PF_W } from "../../src/memory/address_space.ts";
import { darwinErrno, type DarwinSys, darwinSyscall } from "../../src/os/darwin/syscalls.ts";
import { buildMacho } from "./macho_builder.ts";

const le32 = (w: number[]) =>
  w.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24]);

/** Code that makes syscall `nr` after setting the carry flag, and exits with base + CF + (errno if CF). */
const CODE = {
  // stc; mov eax, 0x2000000|nr; syscall; setc bl; movzx edi, bl; jnc 1f; imul edi, edi, 100; add edi, eax;
  // 1: add edi, 50; mov eax, 0x2000001; syscall
  x86_64: (nr: number) => [
    0xf9,
    0xb8,
    ...le32([0x2000000 | nr]).slice(0, 4),
    0x0f,
    0x05,
    0x0f,
    0x92,
    0xc3,
    0x0f,
    0xb6,
    0xfb,
    0x73,
    0x05,
    0x6b,
    0xff,
    0x64,
    0x01,
    0xc7,
    0x83,
    0xc7,
    0x32,
    0xb8,
    0x01,
    0x00,
    0x00,
    0x02,
    0x0f,
    0x05,
  ],
  // cmp xzr, #0 (C=1); movz x16, #nr; svc #0x80; cset x1, cs; cbz x1, 1f; mov x2, #100;
  // madd x1, x1, x2, x0; 1: add x0, x1, #50; movz x16, #1; svc #0x80
  arm64: (nr: number) =>
    le32([
      0xf100001f,
      0xd2800010 | (nr << 5),
      0xd4001001,
      0x9a9f37e1,
      0xb4000061,
      0xd2800c82,
      0x9b020021,
      0x9100c820,
      0xd2800030,
      0xd4001001,
    ]),
};

for (const cpu of ["arm64", "x86_64"] as const) {
  Deno.test(`darwin ${cpu}: a failing syscall sets the carry and returns the errno; success clears it`, async () => {
    const run = async (nr: number) => {
      const emu = KitEmu.create(buildMacho({ cpu, code: CODE[cpu](nr) }).bytes, {});
      try {
        return await emu.run();
      } finally {
        emu.dispose();
      }
    };
    assert.equal(await run(9999), (100 + 78 + 50) & 0xff, "unknown number: carry, ENOSYS (78)");
    assert.equal(await run(20), 50, "getpid: carry cleared");
    // open(argc = 1 as the path pointer, ...): EFAULT (14).
    assert.equal(await run(5), (100 + 14 + 50) & 0xff, "open of address 1: EFAULT (14)");
  });
}

/** putchar(0xdeadbeef_00000041) through the GOT slot at __DATA+8, then exit(its result) through __DATA+16. */
const CALLS = {
  x86_64: [
    0x48,
    0xbf,
    0x41,
    0,
    0,
    0,
    0xef,
    0xbe,
    0xad,
    0xde, // movabs rdi, 0xdeadbeef00000041
    0xff,
    0x15,
    ...le32([0x2ff8]), // call [rip + 0x2ff8] (__DATA+8)
    0x89,
    0xc7, // mov edi, eax
    0xff,
    0x15,
    ...le32([0x2ff8]), // call [rip + 0x2ff8] (__DATA+16)
    0xf4,
  ],
  arm64: le32([
    0xd2800820, // movz x0, #0x41
    0xf2d7dde0, // movk x0, #0xbeef, lsl #32
    0xf2fbd5a0, // movk x0, #0xdead, lsl #48
    0x58017ff0, // ldr x16, __DATA+8
    0xd63f0200, // blr x16
    0x58017ff0, // ldr x16, __DATA+16
    0xd63f0200, // blr x16
    0xd4200020, // brk #1
  ]),
};

for (const cpu of ["arm64", "x86_64"] as const) {
  Deno.test(`darwin ${cpu}: import thunks read C arguments (an int's upper half ignored) and return`, async () => {
    const b = buildMacho({
      cpu,
      code: CALLS[cpu],
      binds: [{ offset: 8, symbol: "_putchar" }, { offset: 16, symbol: "_exit" }],
    });
    let out = "";
    const emu = KitEmu.create(b.bytes, {
      stdout: { write: (x: Uint8Array) => (out += new TextDecoder().decode(x), x.length) },
    });
    try {
      assert.equal(await emu.run(), 0x41, "exit(putchar('A'))");
      assert.equal(out, "A", "exit flushed stdout");
    } finally {
      emu.dispose();
    }
  });
}

Deno.test("darwin: weak imports nothing provides are 0; the embedder can provide imports", async () => {
  const b = buildMacho({
    cpu: "arm64",
    code: CALLS.arm64,
    binds: [
      { offset: 8, symbol: "_putchar" },
      { offset: 16, symbol: "_exit" },
      { offset: 24, symbol: "_not_anywhere", weak: true },
      { offset: 32, symbol: "_printf", weak: true },
    ],
  });
  const seen: string[] = [];
  const emu = KitEmu.create(b.bytes, {
    bindings: {
      resolveImport: (lib, name) => {
        seen.push(`${lib}:${name}`);
        return name === "_putchar" ? () => 0x33 : undefined;
      },
    },
  });
  try {
    const slot = (o: number) => Number(emu.mem.readBig(0x1000_0000 + 0x4000 + o));
    assert.equal(slot(24), 0, "a weak import nothing provides is bound to 0");
    assert.notEqual(slot(32), 0, "a weak import kitemu provides is bound");
    // putchar comes from the embedder (it returns 0x33); exit(0x33) from libSystem.
    assert.equal(await emu.run(), 0x33);
    assert.ok(seen.includes("libSystem.B.dylib:_putchar"));
  } finally {
    emu.dispose();
  }
});

Deno.test("darwin: LC_UNIXTHREAD's register values reach the registers they name", async () => {
  // x86_THREAD_STATE64 index 1 is rbx; ARM_THREAD_STATE64 index 19 is x19. The code exits with it.
  const cases = [
    {
      cpu: "x86_64" as const,
      state: [0, 42],
      code: [0x89, 0xdf, 0xb8, 0x01, 0x00, 0x00, 0x02, 0x0f, 0x05], // mov edi, ebx; exit
    },
    {
      cpu: "arm64" as const,
      state: [...Array(19).fill(0), 42],
      code: le32([0xaa1303e0, 0xd2800030, 0xd4001001]), // mov x0, x19; exit
    },
  ];
  for (const c of cases) {
    const b = buildMacho({ cpu: c.cpu, entry: "thread", threadState: c.state, code: c.code });
    const emu = KitEmu.create(b.bytes, {});
    try {
      assert.equal(await emu.run(), 42, c.cpu);
    } finally {
      emu.dispose();
    }
  }
});

Deno.test("darwin: errno numbers are XNU's", () => {
  // Linux errno -> Darwin errno, from the two <errno.h>.
  const pairs: [number, number][] = [
    [1, 1],
    [2, 2],
    [9, 9],
    [13, 13],
    [17, 17],
    [22, 22],
    [25, 25],
    [28, 28],
    [32, 32],
    [34, 34],
    [11, 35],
    [35, 11],
    [36, 63],
    [37, 77],
    [38, 78],
    [39, 66],
    [40, 62],
    [75, 84],
    [84, 92],
    [88, 38],
    [95, 45],
    [110, 60],
    [111, 61],
  ];
  for (const [l, d] of pairs) assert.equal(darwinErrno(l), d, `Linux ${l}`);
});

Deno.test("darwin: BSD system calls against the host's view of the same files", () => {
  const emu = KitEmu.create(buildMacho({ cpu: "arm64" }).bytes, {});
  const dir = Deno.makeTempDirSync({ prefix: "kitemu_darwin_sys_" });
  try {
    const mem = emu.mem;
    const scratch = mem.mmap(0, 65536, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS);
    const s: DarwinSys = { proc: emu.process, scratch, random: (b) => crypto.getRandomValues(b) };
    const buf = mem.mmap(0, 65536, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS);
    const str = (at: number, t: string) => {
      mem.write(at, new TextEncoder().encode(t + "\0"));
      return at;
    };
    const call = (nr: number, ...a: number[]) => {
      const r = darwinSyscall(nr)!.handler(s, a);
      assert.equal(typeof r, "number");
      return r as number;
    };
    const path = str(buf, `${dir}/f.txt`);
    // open(O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC), twice: EEXIST the second time.
    const fd = call(5, path, 0x1 | 0x200 | 0x800 | 0x1000000, 0o640);
    assert.ok(fd >= 3);
    assert.equal(darwinErrno(-call(5, path, 0x1 | 0x200 | 0x800, 0o640)), 17);
    assert.equal(call(92, fd, 1), 1, "fcntl(F_GETFD): FD_CLOEXEC");
    assert.equal(call(92, fd, 3), 1, "fcntl(F_GETFL): O_WRONLY");
    assert.equal(call(92, fd, 4, 0x8), 0, "fcntl(F_SETFL, O_APPEND)");
    assert.equal(call(92, fd, 3), 0x9, "fcntl(F_GETFL): O_WRONLY | O_APPEND");
    assert.equal(call(194, 8, buf + 49152), 0, "getrlimit(RLIMIT_NOFILE)");
    assert.ok(Number(mem.readBig(buf + 49152)) >= 64);
    const data = str(buf + 4096, "0123456789abcdef");
    assert.equal(call(4, fd, data, 16), 16);
    assert.equal(call(199, fd, 0, 2), 16, "lseek(SEEK_END)");
    // fstat64: Darwin's struct stat (64-bit inode).
    assert.equal(call(339, fd, buf + 8192), 0);
    const st = Deno.statSync(`${dir}/f.txt`);
    const dv = new DataView(mem.read(buf + 8192, 144).buffer);
    assert.equal(dv.getUint16(4, true), 0o100640, "st_mode");
    assert.equal(Number(dv.getBigUint64(8, true)), st.ino, "st_ino");
    assert.equal(Number(dv.getBigInt64(96, true)), 16, "st_size");
    assert.equal(
      Number(dv.getBigInt64(48, true)),
      Math.floor(st.mtime!.getTime() / 1000),
      "st_mtime",
    );
    assert.equal(call(54, fd, 0x40087468, buf + 12288), -25, "ioctl(TIOCGWINSZ) on a file: ENOTTY");
    assert.equal(call(6, fd), 0);
    // openat(AT_FDCWD = -2) and pread.
    const fd2 = call(463, -2, path, 0, 0);
    assert.ok(fd2 >= 3);
    assert.equal(call(153, fd2, buf + 12288, 4, 10), 4);
    assert.equal(new TextDecoder().decode(mem.read(buf + 12288, 4)), "abcd");
    // stat64 / lstat64 on a symlink.
    Deno.symlinkSync("f.txt", `${dir}/link`);
    const link = str(buf + 16384, `${dir}/link`);
    assert.equal(call(338, link, buf + 8192), 0);
    assert.equal(mem.readU16(buf + 8192 + 4) & 0o170000, 0o100000, "stat follows the link");
    assert.equal(call(340, link, buf + 8192), 0);
    assert.equal(mem.readU16(buf + 8192 + 4) & 0o170000, 0o120000, "lstat does not");
    assert.equal(call(58, link, buf + 20480, 100), 5, "readlink");
    assert.equal(new TextDecoder().decode(mem.read(buf + 20480, 5)), "f.txt");
    // access: present, missing.
    assert.equal(call(33, path, 4), 0);
    assert.equal(darwinErrno(-call(33, str(buf + 24576, `${dir}/missing`), 0)), 2);
    // getdirentries64: Darwin struct dirent records.
    Deno.mkdirSync(`${dir}/sub`);
    const dfd = call(5, str(buf + 24576, dir), 0x100000, 0);
    assert.ok(dfd >= 3);
    const n = call(344, dfd, buf + 32768, 8192, buf + 28672);
    assert.ok(n > 0);
    const names: string[] = [];
    const d = new DataView(mem.read(buf + 32768, n).buffer);
    for (let p = 0; p < n;) {
      const reclen = d.getUint16(p + 16, true), namlen = d.getUint16(p + 18, true);
      assert.equal(reclen % 8, 0);
      const name = new TextDecoder().decode(new Uint8Array(d.buffer, p + 21, namlen));
      assert.equal(d.getUint8(p + 21 + namlen), 0);
      if (name === "sub") assert.equal(d.getUint8(p + 20), 4, "DT_DIR");
      names.push(name);
      p += reclen;
    }
    const host = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.deepEqual(names.filter((x) => x !== "." && x !== "..").sort(), host.sort());
    assert.equal(call(344, dfd, buf + 32768, 8192, buf + 28672), 0, "end of directory");
    // mmap (MAP_ANON | MAP_PRIVATE), mprotect, munmap.
    const m = call(197, 0, 8192, PF_R | PF_W, 0x1002, -1, 0);
    assert.ok(m > 0 && m % 4096 === 0);
    assert.ok(mem.check(m, 8192, PF_W));
    assert.equal(call(74, m, 4096, PF_R), 0);
    assert.ok(!mem.check(m, 1, PF_W));
    assert.equal(call(73, m, 8192), 0);
    assert.ok(!mem.check(m, 1, PF_R));
    // getentropy: at most 256 bytes.
    assert.equal(call(500, buf + 40960, 64), 0);
    assert.ok(mem.read(buf + 40960, 64).some((b) => b !== 0));
    assert.equal(darwinErrno(-call(500, buf + 40960, 257)), 5, "EIO past 256 bytes");
    // gettimeofday.
    assert.equal(call(116, buf + 45056, 0), 0);
    const sec = Number(mem.readBig(buf + 45056));
    assert.ok(Math.abs(sec - Date.now() / 1000) < 5);
    assert.equal(call(20), emu.process.pid, "getpid");
    assert.equal(darwinSyscall(9999), undefined);
  } finally {
    emu.dispose();
    Deno.removeSync(dir, { recursive: true });
  }
});
