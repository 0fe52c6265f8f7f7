import assert from "node:assert/strict";
import {
  AddressSpace,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_PRIVATE,
  PF_CODE,
  PF_R,
  PF_W,
} from "../../src/memory/address_space.ts";
import { GuestFault } from "../../src/memory/errors.ts";

const mem = new AddressSpace({ maxMemory: 64 << 20 });

Deno.test("mapFixed, read and write round-trip", () => {
  assert.equal(mem.mapFixed(0x10000, 0x2000, PF_R | PF_W), 0);
  mem.writeU32(0x10ffe, 0xdeadbeef); // crosses a page inside one mapping
  assert.equal(mem.readU32(0x10ffe), 0xdeadbeef);
  mem.writeU64(0x10100, -2);
  assert.equal(mem.readI64(0x10100), -2);
  assert.equal(mem.readBig(0x10100), 0xffff_ffff_ffff_fffen);
  mem.write(0x10200, new TextEncoder().encode("hi\0"));
  assert.deepEqual(mem.readCString(0x10200), new TextEncoder().encode("hi"));
  mem.munmap(0x10000, 0x2000);
});

Deno.test("unmapped, read-only and out-of-window accesses fault", () => {
  assert.throws(() => mem.readU8(0x5000), GuestFault);
  mem.mapFixed(0x20000, 0x1000, PF_R);
  assert.equal(mem.readU8(0x20000), 0);
  assert.throws(() => mem.writeU8(0x20000, 1), GuestFault);
  assert.throws(() => mem.readU8(0x1_0000_0000), GuestFault);
  assert.throws(() => mem.readU8(-1), GuestFault);
  mem.munmap(0x20000, 0x1000);
});

Deno.test("page 0 and the last page of the window can never be mapped", () => {
  assert.ok(mem.mapFixed(0, 0x1000, PF_R) < 0);
  assert.ok(mem.mapFixed(0xffff_f000, 0x1000, PF_R) < 0);
  assert.ok(mem.mmap(0, 0x1000, PF_R, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) < 0);
});

Deno.test("mmap places mappings top-down, honours FIXED_NOREPLACE, and unmaps to zero", () => {
  const a = mem.mmap(0, 0x3000, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS);
  assert.ok(a > 0 && a % 4096 === 0);
  mem.writeU8(a + 5, 7);
  assert.equal(
    mem.mmap(a, 0x1000, PF_R, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE),
    -17,
  );
  assert.equal(mem.munmap(a, 0x3000), 0);
  const b = mem.mmap(a, 0x1000, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
  assert.equal(b, a);
  assert.equal(mem.readU8(a + 5), 0, "a fresh mapping reads as zero");
  mem.munmap(a, 0x1000);
});

Deno.test("the memory cap makes mmap and brk fail with ENOMEM, not the host", () => {
  const small = new AddressSpace({ maxMemory: 1 << 20 });
  assert.equal(small.mmap(0, 2 << 20, PF_R | PF_W, MAP_PRIVATE | MAP_ANONYMOUS), -12);
  small.brkStart = small.brkCur = 0x100000;
  assert.equal(small.brk(0x100000 + (4 << 20)), 0x100000);
  assert.equal(small.brk(0x100000 + 4096), 0x101000);
  small.writeU8(0x100fff, 1);
  assert.equal(small.brk(0x100000), 0x100000);
  assert.throws(() => small.readU8(0x100fff), GuestFault);
});

Deno.test("mprotect changes access; writes to code pages call the invalidator", () => {
  mem.mapFixed(0x30000, 0x2000, PF_R | PF_W);
  const seen: number[] = [];
  mem.onCodeChange = (first) => seen.push(first);
  mem.pf[0x30] |= PF_CODE;
  mem.writeU8(0x30010, 1);
  assert.deepEqual(seen, [0x30]);
  assert.equal(mem.pf[0x30] & PF_CODE, 0);
  assert.equal(mem.mprotect(0x30000, 0x1000, PF_R), 0);
  assert.throws(() => mem.writeU8(0x30000, 1), GuestFault);
  assert.equal(mem.mprotect(0x40000, 0x1000, PF_R), -12, "unmapped range");
  mem.munmap(0x30000, 0x2000);
  mem.onCodeChange = () => {};
});

Deno.test("mappings() merges pages and keeps names", () => {
  const m = new AddressSpace();
  m.mapFixed(0x10000, 0x3000, PF_R, "prog");
  m.mapFixed(0x13000, 0x1000, PF_R | PF_W);
  const maps = m.mappings();
  assert.deepEqual(maps.map((x) => [x.start, x.end, x.prot, x.name]), [
    [0x10000, 0x13000, PF_R, "prog"],
    [0x13000, 0x14000, PF_R | PF_W, ""],
  ]);
});
