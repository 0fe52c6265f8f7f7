/**
 * The virtual file systems: `/dev`, `/proc` and a sliver of `/sys`. Guest
 * paths under these roots never reach the host: they are answered here, from
 * the guest's own state, and need no permission. The host's `/proc`, `/dev`
 * and `/sys` are never read, so nothing about the host or Deno leaks.
 *
 * Only the tree is described here; reading and writing the device nodes is
 * the OS personality's job.
 * @module
 */

import type { MappingInfo } from "../memory/address_space.ts";

/** What the virtual file systems need to know about the guest process. */
export interface VfsContext {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  umask: number;
  /** The guest's path of its executable. */
  exePath: string;
  /** The guest's current directory (a guest path). */
  cwd: string;
  argv: readonly string[];
  /** The guest's environment ("K=V"), and only it. */
  env: readonly string[];
  /** uname machine, e.g. "riscv64". */
  machine: string;
  /** The ISA string for /proc/cpuinfo, e.g. "rv64imafdc". */
  isa: string;
  /** Bytes of guest memory allowed and in use. */
  memTotal: number;
  memUsed: number;
  /** The guest's mappings, for /proc/self/maps. */
  mappings(): MappingInfo[];
  /** The auxiliary vector as the guest got it (pairs of u64, AT_NULL last). */
  auxv(): Uint8Array;
  /** Open descriptors, ascending. */
  fds(): number[];
  /** What a descriptor refers to: its path text and, for a host directory, its host path. */
  fdInfo(fd: number): { path: string; hostDir?: string } | null;
  /** Signal masks for /proc/self/status (hex digits). */
  sigBlocked(): bigint;
}

/** The device nodes kitemu emulates. */
export type DevKind = "null" | "zero" | "full" | "random" | "urandom" | "tty";

/** The kind of a virtual directory entry, for getdents. */
export type VEntryType = "dir" | "file" | "dev" | "link";

/** One entry of a virtual directory. */
export interface VDirEntry {
  name: string;
  type: VEntryType;
}

/** A node of the virtual tree. `path` is its canonical guest path. */
export type VNode =
  | { kind: "dir"; path: string; list(): VDirEntry[] }
  | { kind: "file"; path: string; data(): Uint8Array }
  | { kind: "dev"; path: string; dev: DevKind; rdev: number }
  | { kind: "link"; path: string; target(): string }
  | { kind: "fdlink"; path: string; fd: number; target: string; hostDir?: string };

/** The top-level names that are virtual. */
const ROOTS = new Set(["proc", "dev", "sys"]);

/** True when a top-level directory name belongs to the virtual file systems. */
export function isVirtualRoot(name: string): boolean {
  return ROOTS.has(name);
}

/** Linux st_rdev encoding of (major, minor). */
export function makedev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}

const DEVICES: Record<DevKind, number> = {
  null: makedev(1, 3),
  zero: makedev(1, 5),
  full: makedev(1, 7),
  random: makedev(1, 8),
  urandom: makedev(1, 9),
  tty: makedev(5, 0),
};

const enc = new TextEncoder();

function text(path: string, make: () => string): VNode {
  return { kind: "file", path, data: () => enc.encode(make()) };
}

function dir(path: string, names: () => VDirEntry[]): VNode {
  return { kind: "dir", path, list: names };
}

function nulJoin(list: readonly string[]): string {
  return list.map((s) => s + "\0").join("");
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/** /proc/self/maps text, in the kernel's column layout. */
export function formatMaps(maps: MappingInfo[]): string {
  let out = "";
  for (const m of maps) {
    const perms = (m.prot & 1 ? "r" : "-") + (m.prot & 2 ? "w" : "-") + (m.prot & 4 ? "x" : "-") +
      "p";
    let line = `${hex8(m.start)}-${hex8(m.end)} ${perms} 00000000 00:00 0`;
    if (m.name) line = line.padEnd(72) + " " + m.name.replace(/\n/g, "\\012");
    out += line + "\n";
  }
  return out;
}

function status(ctx: VfsContext): string {
  const kb = (n: number) => `${Math.ceil(n / 1024)}`.padStart(8) + " kB";
  const name = (ctx.exePath.split("/").pop() ?? "").slice(0, 15).replace(/\n/g, "\\n");
  const ids = (n: number) => `${n}\t${n}\t${n}\t${n}`;
  return [
    `Name:\t${name}`,
    `Umask:\t${ctx.umask.toString(8).padStart(4, "0")}`,
    "State:\tR (running)",
    `Tgid:\t${ctx.pid}`,
    "Ngid:\t0",
    `Pid:\t${ctx.pid}`,
    `PPid:\t${ctx.ppid}`,
    "TracerPid:\t0",
    `Uid:\t${ids(ctx.uid)}`,
    `Gid:\t${ids(ctx.gid)}`,
    `FDSize:\t${Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, ...ctx.fds(), 1) + 1)))}`,
    "Groups:\t",
    `VmPeak:\t${kb(ctx.memUsed)}`,
    `VmSize:\t${kb(ctx.memUsed)}`,
    `VmRSS:\t${kb(ctx.memUsed)}`,
    "Threads:\t1",
    "SigPnd:\t0000000000000000",
    "ShdPnd:\t0000000000000000",
    `SigBlk:\t${ctx.sigBlocked().toString(16).padStart(16, "0")}`,
    "Cpus_allowed:\t1",
    "Cpus_allowed_list:\t0",
    "",
  ].join("\n");
}

function meminfo(ctx: VfsContext): string {
  const row = (k: string, v: number) =>
    `${k}:`.padEnd(15) + `${Math.floor(v / 1024)}`.padStart(9) +
    " kB";
  const free = Math.max(0, ctx.memTotal - ctx.memUsed);
  return [
    row("MemTotal", ctx.memTotal),
    row("MemFree", free),
    row("MemAvailable", free),
    row("Buffers", 0),
    row("Cached", 0),
    row("SwapTotal", 0),
    row("SwapFree", 0),
    "",
  ].join("\n");
}

function cpuinfo(ctx: VfsContext): string {
  if (ctx.machine === "riscv64") {
    return `processor\t: 0\nhart\t\t: 0\nisa\t\t: ${ctx.isa}\nmmu\t\t: sv39\nuarch\t\t: kitemu\n\n`;
  }
  return `processor\t: 0\nmodel name\t: kitemu ${ctx.machine}\n\n`;
}

function procPid(ctx: VfsContext, base: string, rest: string[]): VNode | null {
  const files: Record<string, () => VNode> = {
    exe: () => ({ kind: "link", path: `${base}/exe`, target: () => ctx.exePath }),
    cwd: () => ({ kind: "link", path: `${base}/cwd`, target: () => ctx.cwd }),
    cmdline: () => text(`${base}/cmdline`, () => nulJoin(ctx.argv)),
    environ: () => text(`${base}/environ`, () => nulJoin(ctx.env)),
    maps: () => text(`${base}/maps`, () => formatMaps(ctx.mappings())),
    status: () => text(`${base}/status`, () => status(ctx)),
    comm: () =>
      text(`${base}/comm`, () => (ctx.exePath.split("/").pop() ?? "").slice(0, 15) + "\n"),
    auxv: () => ({ kind: "file", path: `${base}/auxv`, data: () => ctx.auxv() }),
    fd: () =>
      dir(`${base}/fd`, () => ctx.fds().map((n) => ({ name: String(n), type: "link" as const }))),
  };
  if (rest.length === 0) {
    return dir(base, () =>
      Object.keys(files).map((name) => ({
        name,
        type: name === "fd"
          ? "dir" as const
          : name === "exe" || name === "cwd"
          ? "link" as const
          : "file" as const,
      })));
  }
  const make = files[rest[0]];
  if (!make) return null;
  if (rest[0] === "fd" && rest.length === 2) {
    if (!/^(0|[1-9][0-9]{0,9})$/.test(rest[1])) return null;
    const fd = Number(rest[1]);
    const info = ctx.fdInfo(fd);
    if (!info) return null;
    return {
      kind: "fdlink",
      path: `${base}/fd/${fd}`,
      fd,
      target: info.path,
      hostDir: info.hostDir,
    };
  }
  return rest.length === 1 ? make() : null;
}

/**
 * Look up a virtual node by its path components below the root, e.g.
 * `["proc", "self", "maps"]`. Returns null when no such node exists. The
 * components must not contain "." or "..": the resolver applies those first.
 *
 * @example
 * ```ts
 * const node = vfsLookup(ctx, ["dev", "null"]); // { kind: "dev", dev: "null", ... }
 * ```
 */
export function vfsLookup(ctx: VfsContext, comps: readonly string[]): VNode | null {
  const [root, ...rest] = comps;
  if (root === "dev") {
    if (rest.length === 0) {
      return dir("/dev", () => [
        ...Object.keys(DEVICES).map((name) => ({ name, type: "dev" as const })),
        { name: "stdin", type: "link" },
        { name: "stdout", type: "link" },
        { name: "stderr", type: "link" },
        { name: "fd", type: "link" },
      ]);
    }
    if (rest.length !== 1) return null;
    const name = rest[0];
    if (Object.hasOwn(DEVICES, name)) {
      const dev = name as DevKind;
      return { kind: "dev", path: `/dev/${name}`, dev, rdev: DEVICES[dev] };
    }
    const std = ["stdin", "stdout", "stderr"].indexOf(name);
    if (std >= 0) {
      return {
        kind: "link",
        path: `/dev/${name}`,
        target: () => `/proc/self/fd/${std}`,
      };
    }
    if (name === "fd") return { kind: "link", path: "/dev/fd", target: () => "/proc/self/fd" };
    return null;
  }
  if (root === "proc") {
    if (rest.length === 0) {
      return dir("/proc", () => [
        { name: "self", type: "link" },
        { name: String(ctx.pid), type: "dir" },
        { name: "cpuinfo", type: "file" },
        { name: "meminfo", type: "file" },
      ]);
    }
    const [top, ...more] = rest;
    if (top === "self") {
      if (more.length === 0) {
        return { kind: "link", path: "/proc/self", target: () => String(ctx.pid) };
      }
      return procPid(ctx, `/proc/${ctx.pid}`, more);
    }
    if (top === String(ctx.pid)) return procPid(ctx, `/proc/${ctx.pid}`, more);
    if (more.length > 0) return null;
    if (top === "cpuinfo") return text("/proc/cpuinfo", () => cpuinfo(ctx));
    if (top === "meminfo") return text("/proc/meminfo", () => meminfo(ctx));
    return null;
  }
  if (root === "sys") {
    const p = rest.join("/");
    const tree: Record<string, string[]> = {
      "": ["devices"],
      "devices": ["system"],
      "devices/system": ["cpu"],
      "devices/system/cpu": ["online", "possible", "present"],
    };
    if (Object.hasOwn(tree, p)) {
      return dir(
        "/sys" + (p ? "/" + p : ""),
        () =>
          tree[p].map((name) => ({
            name,
            type: p === "devices/system/cpu" ? "file" as const : "dir" as const,
          })),
      );
    }
    if (/^devices\/system\/cpu\/(online|possible|present)$/.test(p)) {
      return text("/sys/" + p, () => "0\n");
    }
    return null;
  }
  return null;
}
