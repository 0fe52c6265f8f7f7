/**
 * Every DLL kitemu implements for Windows guests, by normalized name.
 * @module
 */

import { normalizeDll } from "./dll_names.ts";
import { KERNEL32 } from "./kernel32.ts";
import { MSVCRT, MSVCRT_DATA } from "./msvcrt.ts";
import type { Export, HostFn, WinProcess } from "./process.ts";

export { normalizeDll };

/** ntdll functions the mingw start-up may import directly. */
const NTDLL: Record<string, HostFn> = {
  RtlCaptureContext: KERNEL32.RtlCaptureContext,
  RtlLookupFunctionEntry: KERNEL32.RtlLookupFunctionEntry,
  RtlVirtualUnwind: KERNEL32.RtlVirtualUnwind,
  RtlAddFunctionTable: KERNEL32.RtlAddFunctionTable,
  RtlUnwindEx: KERNEL32.RtlUnwindEx,
  RtlUnwind: KERNEL32.RtlUnwind,
};

const FUNCTIONS: Record<string, Record<string, HostFn>> = {
  kernel32: KERNEL32,
  ntdll: NTDLL,
  msvcrt: MSVCRT,
  ucrtbase: MSVCRT,
};

const DATA: Record<string, Record<string, (w: WinProcess) => number>> = {
  msvcrt: MSVCRT_DATA,
  ucrtbase: MSVCRT_DATA,
};

/** kitemu's implementation of dll!name, or undefined. */
export function lookupExport(dll: string, name: string): Export | undefined {
  // Guest-controlled names: only own properties count ("constructor", "__proto__"...).
  const key = normalizeDll(dll);
  const d = Object.hasOwn(DATA, key) && Object.hasOwn(DATA[key], name)
    ? DATA[key][name]
    : undefined;
  if (d) return { data: d };
  const f = Object.hasOwn(FUNCTIONS, key) ? FUNCTIONS[key] : undefined;
  if (f && Object.hasOwn(f, name)) return { fn: f[name] };
  return undefined;
}

/** Every implemented import, for doc/WINDOWS.md: [dll, name, kind]. */
export function allExports(): [string, string, "function" | "data"][] {
  const out: [string, string, "function" | "data"][] = [];
  // ucrtbase (and api-ms-win-crt-*) share msvcrt's table.
  for (const [dll, t] of Object.entries(FUNCTIONS)) {
    if (dll !== "ucrtbase") { for (const n of Object.keys(t)) out.push([dll, n, "function"]); }
  }
  for (const [dll, t] of Object.entries(DATA)) {
    if (dll !== "ucrtbase") { for (const n of Object.keys(t)) out.push([dll, n, "data"]); }
  }
  return out;
}
