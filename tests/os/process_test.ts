/**
 * Processes, threads, exec, pipes and signals inside the sandbox.
 *
 * - testdata/procs/*.c (built by `make -C testdata` into testdata/build/procs/<isa>/):
 *   fork/wait, pipes and exec, signals between processes, pthreads, raw futex
 *   operations, a main thread that exits first. Each runs under kitemu and under a
 *   reference: qemu-riscv64 / qemu-aarch64 (native x86-64 for x86-64); for `pipes`,
 *   which execs itself and a `#!` script, qemu-user cannot run the exec'd guest (it
 *   would need binfmt_misc), so the reference is the same source built for x86-64 and
 *   run natively (its output does not depend on the ISA).
 * - A fork bomb under --max-procs is contained (EAGAIN, then everything is reaped).
 * - Debian busybox `sh` runs a script of pipelines, command substitution, subshells,
 *   xargs, find, trap, kill of a background job, wait, exit codes and while loops; every
 *   command is a guest (a symlink directory of busybox applets on the guest's PATH).
 *   The reference is the x86-64 busybox, run natively on the same script with its own
 *   symlink directory (the script's output does not depend on the ISA).
 * - Unit checks: AddressSpace.clone, trace lines with the guest pid.
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type Arch,
  busyboxPath,
  compareRuns,
  REPO_ROOT,
  requireFile,
  requireTool,
  runKitemu,
  runNative,
  runQemu,
  type RunResult,
  text,
} from "../helpers.ts";
import { AddressSpace, PF_CODE, PF_R, PF_W, PF_X } from "../../src/memory/address_space.ts";
import { KitEmu } from "../../mod.ts";

const ISAS: Arch[] = ["riscv64", "aarch64", "x86_64"];
const PROGRAMS = ["forkwait", "pipes", "sigs", "threads", "futex", "mainexit"];

function prog(isa: Arch, name: string): string {
  return `testdata/build/procs/${isa}/${name}`;
}

/** The reference run of a program for an ISA. */
function reference(isa: Arch, name: string): Promise<RunResult> {
  if (isa === "x86_64" || name === "pipes") {
    requireFile(join(REPO_ROOT, prog("x86_64", name)));
    return runNative([prog("x86_64", name)]);
  }
  requireTool(`qemu-${isa}`);
  return runQemu(isa, [prog(isa, name)]);
}

for (const isa of ISAS) {
  for (const name of PROGRAMS) {
    Deno.test(`procs: ${isa} ${name} matches ${isa === "x86_64" || name === "pipes" ? "native x86-64" : `qemu-${isa}`}`, async () => {
      requireFile(join(REPO_ROOT, prog(isa, name)));
      const [expected, actual] = await Promise.all([
        reference(isa, name),
        // /nonexistent: so that the sandbox may tell the guest it does not exist (ENOENT).
        runKitemu([prog(isa, name)], { read: ["/tmp", "/nonexistent"], write: ["/tmp"] }),
      ]);
      const problems = compareRuns(`${isa} ${name}`, expected, actual);
      if (problems.length) throw new Error(problems.join("\n"));
    });
  }
}

Deno.test("procs: riscv64 threads and forkwait in interpreter mode match qemu-riscv64", async () => {
  for (const name of ["threads", "forkwait"]) {
    const [expected, actual] = await Promise.all([
      reference("riscv64", name),
      runKitemu([prog("riscv64", name)], { read: ["/tmp"], write: ["/tmp"], mode: "interp" }),
    ]);
    const problems = compareRuns(`interp ${name}`, expected, actual);
    if (problems.length) throw new Error(problems.join("\n"));
  }
});

Deno.test("procs: a fork bomb under --max-procs is contained", async () => {
  const path = prog("riscv64", "forkbomb");
  requireFile(join(REPO_ROOT, path));
  const r = await runKitemu(["--max-procs=20", path], { read: [path], timeoutMs: 60_000 });
  const out = text(r.stdout);
  const m = /^fork failed: Resource temporarily unavailable after (\d+)\nreaped (\d+) children\n$/
    .exec(out);
  assert.ok(m, `unexpected output: ${out} / ${text(r.stderr)}`);
  assert.equal(m[1], m[2]);
  assert.equal(r.code, 0);
});

Deno.test("procs: trace lines of other processes carry their pid", async () => {
  const r = await runKitemu([prog("riscv64", "forkwait")], {
    read: ["/tmp"],
    write: ["/tmp"],
    trace: "syscall",
  });
  const lines = text(r.stderr).split("\n");
  assert.ok(lines.some((l) => /^clone\(.*\) = 1001$/.test(l)), "the parent's clone returns 1001");
  assert.ok(lines.some((l) => l === "[pid 1001] getppid() = 1000"), "the child's getppid");
  assert.ok(lines.some((l) => l === "[pid 1001] exit_group(3) = ?"));
  assert.ok(lines.some((l) => /^wait4\(1001, 0x[0-9a-f]+, 0x0, NULL\) = 1001$/.test(l)));
});

// ---- busybox sh --------------------------------------------------------------------------

const APPLETS = [
  "sh",
  "cat",
  "grep",
  "sort",
  "uniq",
  "wc",
  "head",
  "tail",
  "tr",
  "sed",
  "xargs",
  "find",
  "echo",
  "printf",
  "seq",
  "sleep",
  "kill",
  "true",
  "false",
  "expr",
  "cut",
  "ls",
  "mkdir",
  "rm",
  "touch",
  "basename",
  "env",
  "awk",
  "mktemp",
];

const SCRIPT = `set -u
echo "== pipelines"
printf 'pear\\napple\\nfig\\napple\\nkiwi\\n' | sort | uniq -c | sort -rn | head -2
seq 1 2000 | grep 7 | wc -l
echo "one two three" | tr ' ' '\\n' | tail -1
echo "== command substitution"
n=$(seq 1 10 | wc -l)
echo "n=$n nested=$(echo $(echo inner))"
echo "== subshells"
x=outer
(x=inner; echo "in subshell $x"; exit 3)
echo "subshell status $? x=$x"
(cd /tmp; pwd)
echo "== exit codes"
false; echo "false $?"
sh -c 'exit 42'; echo "sh -c exit $?"
true && echo "and ok"; false || echo "or ok"
! false; echo "not $?"
echo "== while loop"
i=0
while [ $i -lt 5 ]; do i=$((i+1)); printf '%s ' $i; done; echo
seq 3 | while read l; do echo "read $l"; done
echo "== xargs and find"
d=$(mktemp -d /tmp/kitemu-bb.XXXXXX)
mkdir $d/a $d/a/b && touch $d/a/one.txt $d/a/b/two.txt $d/three.log
find $d -name '*.txt' | sort | xargs -n1 basename
find $d -type f | wc -l
echo a b c d e | xargs -n 2 echo pair
rm -r $d
echo "== trap"
trap 'echo trapped USR1' USR1
kill -USR1 $$
trap 'echo exiting' EXIT
echo "== background jobs"
sleep 5 &
bg=$!
kill $bg
wait $bg
echo "killed job status $?"
(sleep 0; exit 7) &
wait $!
echo "bg exit $?"
sh -c 'kill -TERM $$'; echo "self-killed $?"
echo "== pipeline status"
false | true; echo "last $?"
echo done | cat | cat | cat
exit 5
`;

/** A directory with the script and a bin/ of applet symlinks to `busybox`. */
function scriptDir(busybox: string): string {
  const dir = Deno.makeTempDirSync({ prefix: "kitemu-bbsh-" });
  Deno.mkdirSync(`${dir}/bin`);
  for (const a of APPLETS) Deno.symlinkSync(busybox, `${dir}/bin/${a}`);
  Deno.writeTextFileSync(`${dir}/script.sh`, SCRIPT);
  return dir;
}

for (const isa of ISAS) {
  Deno.test(`procs: busybox sh script on ${isa} matches the native x86-64 busybox`, async () => {
    const guestBb = join(REPO_ROOT, busyboxPath(isa));
    const hostBb = join(REPO_ROOT, busyboxPath("x86_64"));
    requireFile(guestBb);
    requireFile(hostBb);
    const g = scriptDir(guestBb);
    const h = scriptDir(hostBb);
    try {
      const expected = await runNative([`${h}/bin/sh`, `${h}/script.sh`], {
        env: { PATH: `${h}/bin` },
      });
      assert.equal(expected.code, 5, text(expected.stderr));
      const actual = await runKitemu([`${g}/bin/sh`, `${g}/script.sh`], {
        env: { PATH: `${g}/bin` },
        read: [g, guestBb, "/tmp"],
        write: ["/tmp"],
        timeoutMs: 300_000,
      });
      const problems = compareRuns(`busybox sh ${isa}`, expected, actual, { stderr: true });
      if (problems.length) throw new Error(problems.join("\n"));
    } finally {
      Deno.removeSync(g, { recursive: true });
      Deno.removeSync(h, { recursive: true });
    }
  });
}

// ---- unit checks ---------------------------------------------------------------------------

Deno.test("AddressSpace.clone copies mappings, bytes, heap state and names, not code marks", () => {
  const a = new AddressSpace({ maxMemory: 64 << 20 });
  assert.equal(a.mapFixed(0x10000, 0x3000, PF_R | PF_X, "/bin/x"), 0);
  assert.equal(a.mapFixed(0x20000, 0x2000, PF_R | PF_W, "[heap]"), 0);
  a.writeU32(0x20010, 0xdeadbeef);
  a.writeU32(0x21ffc, 7);
  a.pf[0x10] |= PF_CODE;
  a.brkStart = 0x20000;
  a.brkCur = 0x22000;
  const b = a.clone();
  assert.equal(b.readU32(0x20010), 0xdeadbeef);
  assert.equal(b.readU32(0x21ffc), 7);
  assert.equal(b.mapped, a.mapped);
  assert.equal(b.brkCur, 0x22000);
  assert.deepEqual(b.mappings(), a.mappings());
  assert.equal(b.pf[0x10] & PF_CODE, 0);
  // The copy is separate: writes do not cross.
  b.writeU32(0x20010, 1);
  assert.equal(a.readU32(0x20010), 0xdeadbeef);
  a.writeU32(0x20014, 2);
  assert.equal(b.readU32(0x20014), 0);
});

Deno.test("procs: the run ends with the first process; waits still pending settle at dispose", async () => {
  const path = join(REPO_ROOT, busyboxPath("riscv64"));
  requireFile(path);
  const chunks: string[] = [];
  const emu = KitEmu.create(Deno.readFileSync(path), {
    argv: ["sh", "-c", "sleep 30 & sleep 40 | cat & echo started; exit 4"],
    programPath: path,
    stdout: { write: (b) => (chunks.push(new TextDecoder().decode(b)), b.length) },
    stdin: { read: () => null },
    maxProcs: 8,
  });
  const t0 = performance.now();
  const status = await emu.run();
  assert.equal(status, 4);
  assert.equal(chunks.join(""), "started\n");
  assert.ok(performance.now() - t0 < 20_000, "did not wait for the background jobs");
  emu.dispose();
  // The sanitizers fail the test if a timer or interval of a pending wait is left.
  await new Promise((r) => setTimeout(r, 10));
});

Deno.test("procs: --max-memory counts every guest process together", async () => {
  const path = prog("riscv64", "memcap");
  requireFile(join(REPO_ROOT, path));
  const r = await runKitemu([path], { maxMemory: "64M" });
  assert.equal(
    text(r.stdout),
    "parent got 40 MiB: 1\nchild got 40 MiB more: 0\n" +
      "after the parent's munmap, child got 40 MiB: 1\n",
    text(r.stderr),
  );
  assert.equal(r.code, 0);
});

Deno.test("AddressSpace.retire hands a zeroed backing store to the next address space", () => {
  const a = new AddressSpace();
  assert.equal(a.mapFixed(0x30000, 0x2000, PF_R | PF_W), 0);
  a.writeU32(0x30ff0, 0x12345678);
  a.writeU32(0x31000, 9);
  a.retire();
  const b = new AddressSpace();
  assert.equal(b.memory, a.memory, "the store is reused");
  assert.equal(b.pf[0x30], 0, "no page is mapped");
  assert.equal(b.mapped, 0);
  assert.equal(b.mapFixed(0x30000, 0x2000, PF_R | PF_W), 0);
  assert.equal(b.readU32(0x30ff0), 0);
  assert.equal(b.readU32(0x31000), 0);
});
