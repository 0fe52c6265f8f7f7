/**
 * Loading a program image into a fresh address space, as Linux's binfmt_elf
 * does for execve: the program, its interpreter (PT_INTERP: `ld-linux-*.so`,
 * `ld-musl-*.so`) when it has one, the heap, the stack and the initial stack
 * contents. The KitEmu constructor calls {@link execImage} for the first
 * program, and execve for the next.
 *
 * The interpreter's path is looked up like any guest path: through the
 * sandbox resolver (so under the sysroot first, qemu's `-L DIR`), with its
 * read permission checked, and its bytes read through `sandbox/host.ts`.
 * @module
 */

import type { CpuState } from "../../arch/isa.ts";
import { loadImage } from "../../loader/detect.ts";
import { parseElf } from "../../loader/elf.ts";
import { LoaderError } from "../../loader/errors.ts";
import type { Image } from "../../loader/image.ts";
import type { AddressSpace } from "../../memory/address_space.ts";
import { EACCES, EISDIR, ENOENT, ENOTDIR, SysError } from "../../sandbox/errors.ts";
import { errnoOf, hostCwd, hostReadProgram, isDirMode } from "../../sandbox/host.ts";
import { type Policy, withSysroot } from "../../sandbox/policy.ts";
import { resolvePath } from "../../sandbox/resolve.ts";
import type { LinuxProcess } from "./process.ts";
import { startImages, type StartOptions, type StartResult } from "./startup.ts";

/** What {@link execImage} did. */
export interface ExecResult extends StartResult {
  /** The program as parsed. */
  image: Image;
  /** The interpreter as parsed, when the program has PT_INTERP. */
  interp: Image | null;
  /** The host path the interpreter was read from, or "". */
  interpHostPath: string;
}

/**
 * An absolute, normalized sysroot path (qemu canonicalizes `-L DIR` textually: a relative
 * DIR is taken from the current directory; `.` and `..` are applied, links are not).
 *
 * @example
 * ```ts
 * sysrootPath("/usr/riscv64-linux-gnu/"); // "/usr/riscv64-linux-gnu"
 * ```
 */
export function sysrootPath(dir: string): string {
  const abs = dir.startsWith("/") ? dir : `${hostCwd()}/${dir}`;
  const out: string[] = [];
  for (const c of abs.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") out.pop();
    else out.push(c);
  }
  return "/" + out.join("/");
}

const messages: Record<number, string> = {
  [ENOENT]: "No such file or directory",
  [EACCES]: "Permission denied (grant it with --allow-read)",
  [ENOTDIR]: "Not a directory",
  [EISDIR]: "Is a directory",
};

/** Resolve and read the interpreter named by PT_INTERP; LoaderError with the path on failure. */
function readInterpreter(
  proc: LinuxProcess,
  policy: Policy,
  name: string,
): { bytes: Uint8Array; hostPath: string } {
  const where = policy.sysroot && policy.sysroot !== "/"
    ? ` (looked up under the sysroot ${policy.sysroot}, then as given)`
    : "";
  const fail = (errno: number): never => {
    const text = messages[errno] ?? `errno ${errno}`;
    throw new LoaderError(
      `Cannot load the program interpreter ${name}: ${text}${where}`,
      -1,
      "PT_INTERP",
      errno,
    );
  };
  let hostPath = "";
  try {
    const r = resolvePath({ policy, vfs: proc.vfs }, proc.cwdHost, name, {
      follow: true,
      allowMissing: false,
    });
    if (r.kind !== "host") return fail(EACCES);
    if (r.stat && isDirMode(r.stat.mode)) return fail(EISDIR);
    if (r.exists === null || !policy.canRead(r.path)) return fail(EACCES);
    hostPath = r.path;
  } catch (e) {
    if (e instanceof SysError) return fail(e.errno);
    throw e;
  }
  try {
    return { bytes: hostReadProgram(hostPath), hostPath };
  } catch (e) {
    return fail(errnoOf(e));
  }
}

/**
 * Load a program into a fresh address space and set the CPU up to run it:
 * the program (ET_DYN at the PIE base), its interpreter when it has PT_INTERP
 * (at its own base, below the mmap area; the CPU starts at the interpreter's
 * entry, and AT_BASE tells it where it is), the heap, the stack with argv, envp
 * and the auxiliary vector. Also sets `proc.argv`, `proc.env` and `proc.auxv`.
 *
 * @param proc the process (its policy decides what may be read)
 * @param mem the fresh address space to map into
 * @param cpu the CPU to point at the entry (registers are zeroed)
 * @param bytes the program file's contents
 * @param path the program's guest path (AT_EXECFN, /proc/self/maps)
 * @param argv the guest's argv
 * @param env the guest's environment, "K=V" each
 * @param sysroot qemu's `-L DIR` for the interpreter lookup; default: the policy's own
 * @param opts AT_RANDOM bytes, AT_EXECFN override
 * @returns the entry point, the stack pointer and the load addresses
 * @throws {LoaderError} for a malformed program, or an interpreter that is missing, denied,
 *   malformed or for another ISA (`errno` says what execve would return)
 *
 * @example
 * ```ts
 * const r = execImage(proc, proc.mem, cpu, bytes, "/usr/bin/ls", ["ls"], [], "/");
 * console.log(r.entry.toString(16), r.interpBase.toString(16));
 * ```
 */
export function execImage(
  proc: LinuxProcess,
  mem: AddressSpace,
  cpu: CpuState,
  bytes: Uint8Array,
  path: string,
  argv: string[],
  env: string[],
  sysroot?: string,
  opts: StartOptions = {},
): ExecResult {
  const image = loadImage(bytes);
  if (image.os !== "linux") {
    throw new LoaderError(`${image.os} programs are not supported yet`, 0, "format");
  }
  if (image.arch !== proc.info.arch) {
    throw new LoaderError(
      `The program is for ${image.arch}, the process runs ${proc.info.arch}`,
      18,
      "e_machine",
    );
  }
  let interp: Image | null = null;
  let interpHostPath = "";
  if (image.interp !== undefined) {
    const policy = sysroot !== undefined
      ? withSysroot(proc.policy, sysrootPath(sysroot))
      : proc.policy;
    const got = readInterpreter(proc, policy, image.interp);
    interpHostPath = got.hostPath;
    try {
      interp = parseElf(got.bytes);
    } catch (e) {
      if (!(e instanceof LoaderError)) throw e;
      throw new LoaderError(
        `Cannot load the program interpreter ${image.interp} (${got.hostPath}): ${e.message}`,
        e.offset,
        e.field,
      );
    }
    if (interp.arch !== image.arch) {
      throw new LoaderError(
        `The program interpreter ${image.interp} (${got.hostPath}) is for ${interp.arch}, ` +
          `the program for ${image.arch}`,
        18,
        "e_machine",
      );
    }
  }
  proc.argv = [...argv];
  proc.env = [...env];
  const r = startImages(proc, cpu, {
    ...opts,
    execfn: opts.execfn ?? path,
    mem,
    image,
    name: path,
    interp,
    interpName: image.interp,
    argv,
    env,
  });
  return { ...r, image, interp, interpHostPath };
}
