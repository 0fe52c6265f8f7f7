/**
 * The DLL names kitemu implements, for LoadLibrary and GetModuleHandle.
 * @module
 */

/** A DLL name as a table key: lower case, without a directory or ".dll". */
export function normalizeDll(name: string): string {
  const base = name.replace(/^.*[\\/]/, "").toLowerCase().replace(/\.dll$/, "");
  if (base.startsWith("api-ms-win-crt-")) return "ucrtbase";
  if (base === "kernelbase" || base.startsWith("api-ms-win-core-")) return "kernel32";
  return base;
}

/** DLLs with a kitemu implementation. */
export const KNOWN_DLLS: ReadonlySet<string> = new Set([
  "kernel32",
  "ntdll",
  "msvcrt",
  "ucrtbase",
]);

/** True when kitemu implements `name`. */
export function hasDll(name: string): boolean {
  return KNOWN_DLLS.has(normalizeDll(name));
}
