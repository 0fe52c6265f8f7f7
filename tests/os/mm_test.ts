// Memory system calls: brk, mmap (anonymous, fixed, file-backed), munmap,
// mprotect, mremap, madvise. Expected behaviour from the Linux man pages.

import assert from "node:assert/strict";
import { PF_R, PF_W, PF_X } from "../../src/memory/address_space.ts";
import { AT_FDCWD, harness, NR } from "./helpers.ts";

const PROT_READ = 1;
const PROT_WRITE = 2;
const PROT_EXEC = 4;
const MAP_SHARED = 1;
const MAP_PRIVATE = 2;
const MAP_FIXED = 0x10;
const MAP_ANONYMOUS = 0x20;
const MAP_FIXED_NOREPLACE = 0x100000;
const EINVAL = -22;
const EEXIST = -17;
const ENOMEM = -12;
const EBADF = -9;
const MREMAP_MAYMOVE = 1;
const MADV_DONTNEED = 4;

Deno.test("brk grows and shrinks the heap", () => {
  const h = harness();
  h.proc.mem.brkStart = h.proc.mem.brkCur = 0x40_0000;
  assert.equal(h.sys(NR.brk, 0), 0x40_0000);
  assert.equal(h.sys(NR.brk, 0x40_2010), 0x40_2010);
  assert.ok(h.proc.mem.check(0x40_0000, 0x3000, PF_R | PF_W));
  h.proc.mem.writeU32(0x40_2000, 7);
  assert.equal(h.sys(NR.brk, 0x40_1000), 0x40_1000);
  assert.ok(!h.proc.mem.check(0x40_1000, 1, PF_R));
  // Below the start: the current break comes back unchanged.
  assert.equal(h.sys(NR.brk, 0x1000), 0x40_1000);
  assert.equal(h.trace.at(-1), "brk(0x1000) = 0x401000");
});

Deno.test("anonymous mmap, munmap, mprotect", () => {
  const h = harness();
  const { mem } = h.proc;
  const a = h.sys(NR.mmap, 0, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  assert.ok(a > 0 && a % 4096 === 0, String(a));
  assert.ok(a + 12288 <= mem.mmapTop);
  assert.ok(mem.check(a, 12288, PF_R | PF_W));
  assert.deepEqual([...mem.read(a, 12288)].some((b) => b !== 0), false);
  assert.equal(
    h.trace.at(-1),
    `mmap(NULL, 10000, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x${
      a.toString(16)
    }`,
  );
  mem.writeU32(a + 4096, 0x1234);
  assert.equal(h.sys(NR.mprotect, a, 4096, PROT_READ), 0);
  assert.ok(!mem.check(a, 1, PF_W));
  assert.ok(mem.check(a + 4096, 1, PF_W));
  assert.equal(h.sys(NR.mprotect, a + 1, 4096, PROT_READ), EINVAL);
  assert.equal(h.sys(NR.munmap, a, 4096), 0);
  assert.ok(!mem.check(a, 1, PF_R));
  assert.equal(mem.readU32(a + 4096), 0x1234);
  assert.equal(h.sys(NR.munmap, a + 1, 4096), EINVAL);
  assert.equal(h.sys(NR.munmap, a, 0), EINVAL);
  // mprotect over a hole: ENOMEM.
  assert.equal(h.sys(NR.mprotect, a, 8192, PROT_READ), ENOMEM);
  // Bad arguments.
  assert.equal(h.sys(NR.mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
  assert.equal(h.sys(NR.mmap, 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
  assert.equal(h.sys(NR.mmap, 0, 4096, PROT_READ, MAP_PRIVATE, 77, 0), EBADF);
  // Shared anonymous memory works like private memory with one process.
  const s = h.sys(NR.mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  assert.ok(s > 0);
});

Deno.test("MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses", () => {
  const h = harness();
  const { mem } = h.proc;
  const at = 0x3000_0000;
  const rw = PROT_READ | PROT_WRITE;
  assert.equal(h.sys(NR.mmap, at, 8192, rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), at);
  mem.writeU32(at, 99);
  assert.equal(
    h.sys(NR.mmap, at, 4096, rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
    EEXIST,
  );
  assert.equal(mem.readU32(at), 99);
  assert.equal(
    h.sys(NR.mmap, at, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
    at,
  );
  assert.equal(mem.readU32(at), 0);
  assert.ok(mem.check(at, 4096, PF_R | PF_X));
  assert.equal(
    h.sys(NR.mmap, at + 1, 4096, rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
    EINVAL,
  );
  // A hint that is free is honoured.
  assert.equal(
    h.sys(NR.mmap, 0x3100_0000, 4096, rw, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
    0x3100_0000,
  );
});

Deno.test("file-backed private mappings copy the file", () => {
  const dir = Deno.makeTempDirSync();
  const bytes = new Uint8Array(10000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
  Deno.writeFileSync(`${dir}/data`, bytes);
  const h = harness();
  const { mem } = h.proc;
  const fd = h.sys(NR.openat, AT_FDCWD, h.str(`${dir}/data`), 0, 0);
  const a = h.sys(NR.mmap, 0, 8192, PROT_READ, MAP_PRIVATE, fd, 4096);
  assert.ok(a > 0);
  // File bytes 4096..9999, then zeros to the end of the mapping.
  const expected = new Uint8Array(8192);
  expected.set(bytes.subarray(4096));
  assert.deepEqual(mem.read(a, 8192), expected);
  assert.ok(!mem.check(a, 1, PF_W));
  assert.equal(mem.mappings().find((m) => m.start === a)?.name, `${dir}/data`);
  // The file offset is untouched.
  assert.equal(h.sys(NR.lseek, fd, 0, 1), 0);
  assert.equal(h.sys(NR.mmap, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
  assert.equal(h.sys(NR.mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), -13);
  const rw = h.sys(NR.openat, AT_FDCWD, h.str(`${dir}/data`), 2, 0);
  // A shared writable mapping writes back to the file at msync (227).
  const sh = h.sys(NR.mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, rw, 0);
  assert.ok(sh > 0);
  mem.writeU8(sh + 1, 0xab);
  assert.equal(Deno.readFileSync(`${dir}/data`)[1], 7);
  assert.equal(h.sys(227, sh, 4096, 4 /* MS_SYNC */), 0);
  assert.equal(Deno.readFileSync(`${dir}/data`)[1], 0xab);
  assert.equal(h.sys(NR.munmap, sh, 4096), 0);
  // A private writable copy does not write through.
  const c = h.sys(NR.mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, rw, 0);
  mem.writeU8(c, 0xee);
  assert.equal(Deno.readFileSync(`${dir}/data`)[0], 0);
  // MADV_DONTNEED keeps file pages, zeroes anonymous ones.
  assert.equal(h.sys(NR.madvise, c, 4096, MADV_DONTNEED), 0);
  assert.equal(mem.readU8(c), 0xee);
  const anon = h.sys(NR.mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mem.writeU8(anon, 5);
  assert.equal(h.sys(NR.madvise, anon, 4096, MADV_DONTNEED), 0);
  assert.equal(mem.readU8(anon), 0);
  // /dev/zero maps as anonymous memory.
  const z = h.sys(NR.openat, AT_FDCWD, h.str("/dev/zero"), 2, 0);
  assert.ok(h.sys(NR.mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0) > 0);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("mremap shrinks, grows in place, and moves by copying", () => {
  const h = harness();
  const { mem } = h.proc;
  const rw = PROT_READ | PROT_WRITE;
  const at = 0x2000_0000;
  h.sys(NR.mmap, at, 16384, rw, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  mem.writeU32(at, 0xabcd);
  mem.writeU32(at + 8192, 0x5678);
  assert.equal(h.sys(NR.mremap, at, 16384, 8192, 0, 0), at);
  assert.ok(!mem.check(at + 8192, 1, PF_R));
  assert.equal(h.sys(NR.mremap, at, 8192, 16384, 0, 0), at);
  assert.ok(mem.check(at, 16384, PF_R | PF_W));
  assert.equal(mem.readU32(at + 8192), 0);
  // Block the tail, then grow: without MAYMOVE it fails, with it the data moves.
  h.sys(NR.mmap, at + 16384, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  assert.equal(h.sys(NR.mremap, at, 16384, 32768, 0, 0), ENOMEM);
  h.sys(NR.mprotect, at + 4096, 4096, PROT_READ);
  const moved = h.sys(NR.mremap, at, 16384, 32768, MREMAP_MAYMOVE, 0);
  assert.ok(moved > 0 && moved !== at);
  assert.equal(mem.readU32(moved), 0xabcd);
  assert.ok(!mem.check(moved + 4096, 1, PF_W));
  assert.ok(mem.check(moved + 8192, 24576, PF_R | PF_W));
  assert.ok(!mem.check(at, 1, PF_R));
  assert.equal(h.sys(NR.mremap, at + 1, 4096, 8192, MREMAP_MAYMOVE, 0), EINVAL);
  assert.equal(h.sys(NR.mremap, 0x5000_0000, 4096, 8192, MREMAP_MAYMOVE, 0), -14);
});
