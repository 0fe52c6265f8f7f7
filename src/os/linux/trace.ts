/**
 * strace-style rendering of system calls: `openat(AT_FDCWD, "x", O_RDONLY) = 3`,
 * `write(1, "hello\n", 6) = 6`, `= -1 ENOENT (No such file or directory)`.
 *
 * Every byte that came from the guest is escaped (C escapes and octal), so a
 * guest cannot inject terminal control sequences through the trace.
 * @module
 */

import { errnoName, strerror } from "./errno.ts";
import {
  AT_FDCWD,
  AT_FLAG_NAMES,
  CLOCK_NAMES,
  FCNTL_NAMES,
  formatFlags,
  formatMapFlags,
  formatOpenFlags,
  IOCTL_NAMES,
  O_CREAT,
  O_TMPFILE,
  openFlagsFromGuest,
  PROT_NAMES,
  RLIMIT_NAMES,
  signalName,
} from "./numbers.ts";
import type { LinuxProcess } from "./process.ts";

/** How an argument is shown (and, in the table, what it is). */
export type ArgFormat =
  | "int"
  | "uint"
  | "long"
  | "hex"
  | "ptr"
  | "fd"
  | "dirfd"
  | "path"
  | "str"
  | "buf_in"
  | "buf_out"
  | "iov_in"
  | "iov_out"
  | "size"
  | "off"
  | "flags_open"
  | "mode"
  | "open_mode"
  | "octal"
  | "prot"
  | "mmap_flags"
  | "at_flags"
  | "whence"
  | "signal"
  | "clock"
  | "resource"
  | "fcntl_cmd"
  | "ioctl_req"
  | "sighow";

/** strace's default string limit (-s 32). */
export const STRING_LIMIT = 32;

/**
 * Quote bytes as strace does: C escapes, octal for anything unprintable,
 * and `...` after the closing quote when truncated at `limit`.
 *
 * @example
 * ```ts
 * escapeBytes(new TextEncoder().encode("hi\n\x1b[2J")); // "\"hi\\n\\33[2J\""
 * ```
 */
export function escapeBytes(bytes: Uint8Array, limit = STRING_LIMIT): string {
  const n = Math.min(bytes.length, limit);
  let s = '"';
  for (let i = 0; i < n; i++) s += escapeByte(bytes[i], i + 1 < n ? bytes[i + 1] : -1);
  s += '"';
  if (bytes.length > limit) s += "...";
  return s;
}

function escapeByte(b: number, next: number): string {
  switch (b) {
    case 0x09:
      return "\\t";
    case 0x0a:
      return "\\n";
    case 0x0b:
      return "\\v";
    case 0x0c:
      return "\\f";
    case 0x0d:
      return "\\r";
    case 0x22:
      return '\\"';
    case 0x5c:
      return "\\\\";
  }
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  const digitNext = next >= 0x30 && next <= 0x37;
  return "\\" + (digitNext ? b.toString(8).padStart(3, "0") : b.toString(8));
}

/** Make free text (host paths in denial messages) safe for a terminal. */
export function escapeText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    s += b >= 0x20 && b < 0x7f && b !== 0x5c
      ? String.fromCharCode(b)
      : escapeByte(b, bytes[i + 1] ?? -1);
  }
  return s;
}

function hex(v: number): string {
  return v < 0 ? "-0x" + (-v).toString(16) : "0x" + v.toString(16);
}

/** C's "%#03o", as strace prints modes: 0644, 022, 000. */
function octal(v: number): string {
  return (v === 0 ? "0" : "0" + v.toString(8)).padStart(3, "0");
}

function ptr(v: number): string {
  return v === 0 ? "NULL" : hex(v);
}

function readPath(proc: LinuxProcess, addr: number, limit: number): string {
  try {
    const b = proc.mem.readCString(addr, limit + 1);
    if (b === null) return escapeBytes(proc.mem.read(addr, limit), limit) + "...";
    return escapeBytes(b, limit);
  } catch {
    return ptr(addr);
  }
}

function readBuf(proc: LinuxProcess, addr: number, len: number): string {
  if (len < 0) return ptr(addr);
  try {
    const n = Math.min(len, STRING_LIMIT);
    const bytes = proc.mem.read(addr, n);
    return escapeBytes(bytes, STRING_LIMIT) + (len > STRING_LIMIT ? "..." : "");
  } catch {
    return ptr(addr);
  }
}

/** An iovec array; `total` limits what is shown (the result of a read), null for all. */
function readIov(proc: LinuxProcess, addr: number, count: number, total: number | null): string {
  try {
    const parts: string[] = [];
    let left = total ?? Infinity;
    for (let i = 0; i < Math.min(count, 8); i++) {
      const base = proc.mem.readU64(addr + 16 * i);
      const len = proc.mem.readU64(addr + 16 * i + 8);
      const show = Math.min(len, Math.max(0, left));
      left -= show;
      parts.push(`{iov_base=${readBuf(proc, base, show)}, iov_len=${len}}`);
    }
    if (count > 8) parts.push("...");
    return `[${parts.join(", ")}]`;
  } catch {
    return ptr(addr);
  }
}

function int32(v: number): number {
  return Number.isSafeInteger(v) ? v | 0 : Number(BigInt.asIntN(32, BigInt(Math.trunc(v))));
}

/**
 * Render one argument. `args` are all six (signed), `result` the return
 * value. Returns null for an argument strace leaves out (open's mode without
 * O_CREAT or O_TMPFILE).
 */
export function formatArg(
  proc: LinuxProcess,
  fmt: ArgFormat,
  i: number,
  args: readonly number[],
  result: number,
): string | null {
  const v = args[i];
  switch (fmt) {
    case "open_mode": {
      const flags = openFlagsFromGuest(proc.info.arch, int32(args[i - 1]));
      if (!(flags & O_CREAT) && (flags & O_TMPFILE) !== O_TMPFILE) return null;
      return octal(int32(v) >>> 0);
    }
    case "int":
    case "fd":
      return String(int32(v));
    case "dirfd":
      return int32(v) === AT_FDCWD ? "AT_FDCWD" : String(int32(v));
    case "uint":
      return String(int32(v) >>> 0);
    case "long":
    case "off":
      return String(v);
    case "size":
      return v < 0 ? String(BigInt.asUintN(64, BigInt(v))) : String(v);
    case "hex":
      return hex(v);
    case "ptr":
      return ptr(v);
    case "path":
      return readPath(proc, v, 4096);
    case "str":
      return readPath(proc, v, STRING_LIMIT);
    case "buf_in":
      return readBuf(proc, v, args[i + 1]);
    case "buf_out":
      return result < 0 ? ptr(v) : readBuf(proc, v, Math.min(result, args[i + 1]));
    case "iov_in":
      return readIov(proc, v, args[i + 1], null);
    case "iov_out":
      return result < 0 ? ptr(v) : readIov(proc, v, args[i + 1], result);
    case "flags_open":
      return formatOpenFlags(openFlagsFromGuest(proc.info.arch, int32(v)));
    case "mode":
    case "octal":
      return octal(int32(v) >>> 0);
    case "prot":
      return formatFlags(int32(v), PROT_NAMES, "PROT_NONE");
    case "mmap_flags":
      return formatMapFlags(int32(v));
    case "at_flags":
      return formatFlags(int32(v), AT_FLAG_NAMES, "0");
    case "whence":
      return ["SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"][int32(v)] ??
        String(int32(v));
    case "signal":
      return signalName(int32(v));
    case "clock":
      return CLOCK_NAMES[int32(v)] ?? String(int32(v));
    case "resource":
      return RLIMIT_NAMES[int32(v)] ?? String(int32(v));
    case "fcntl_cmd":
      return FCNTL_NAMES.get(int32(v)) ?? String(int32(v));
    case "ioctl_req":
      return IOCTL_NAMES.get(int32(v) >>> 0) ?? hex(int32(v) >>> 0);
    case "sighow":
      return ["SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"][int32(v)] ?? String(int32(v));
  }
}

/** Render a return value: `3`, `0x1000`, `022`, `-1 ENOENT (No such file or directory)`. */
export function formatResult(result: number, as: "dec" | "hex" | "octal", detail = ""): string {
  if (result < 0 && result >= -4095) {
    const errno = -result;
    return `-1 ${errnoName(errno)} (${detail ? escapeText(detail) : strerror(errno)})`;
  }
  return as === "hex" ? hex(result) : as === "octal" ? octal(result) : String(result);
}

/** The trace line of a call with no table row. */
export function formatUnknown(nr: number, args: readonly number[]): string {
  return `syscall_${hex(nr)}(${args.map(hex).join(", ")}) = -1 ENOSYS (not implemented)`;
}

/** The shape of a table row that the tracer needs. */
export interface TraceRow {
  name: string;
  args: readonly ArgFormat[];
  ret?: "hex" | "octal" | "none";
}

/** The full line for a finished call. */
export function formatCall(
  proc: LinuxProcess,
  row: TraceRow,
  args: readonly number[],
  result: number,
  detail = "",
): string {
  const shown = row.args.map((fmt, i) => formatArg(proc, fmt, i, args, result))
    .filter((s) => s !== null).join(", ");
  const ret = row.ret === "none" ? "?" : formatResult(result, row.ret ?? "dec", detail);
  return `${row.name}(${shown}) = ${ret}`;
}
