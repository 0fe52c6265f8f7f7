/**
 * The table of implemented Windows imports for doc/WINDOWS.md: one line per
 * function with the capability it checks. A test keeps the document current.
 * @module
 */

import { allExports } from "./dlls.ts";

const PATH_READ = /^(FindFirstFile|GetFileAttributes|SetCurrentDirectory|fopen)/;
const PATH_WRITE = /^(DeleteFile|CreateDirectory|RemoveDirectory|remove|rename|_unlink)/;
const FD_READ = /^(ReadFile|fread|fgets|fgetc|getc|getchar|_read|ungetc)$/;
const FD_WRITE =
  /^(WriteFile|WriteConsole[AW]|printf|vprintf|fprintf|vfprintf|fputc|putc|putchar|fputs|puts|fwrite|_write|perror|__stdio_common_vfprintf|SetEndOfFile)$/;
const ENV =
  /^(GetEnvironment|SetEnvironment|getenv|__getmainargs|_initialize_narrow_environment|__p__environ|FreeEnvironment)/;
const MEMORY = /^(Virtual|Heap|malloc|calloc|realloc|free|_msize|strdup|_strdup|GlobalAlloc)/;
const TIME =
  /^(GetSystemTime|GetLocalTime|QueryPerformance|GetTickCount|time|_time64|clock|Sleep|SleepEx|FileTimeToSystemTime)/;

/** The capability an import checks, as the doc shows it. */
export function capabilityOf(name: string): string {
  if (name === "CreateFileA" || name === "CreateFileW") return "read/write (resolved path)";
  if (PATH_READ.test(name)) return "read (resolved path)";
  if (PATH_WRITE.test(name)) return "write (resolved path)";
  if (FD_READ.test(name)) return "read (checked at open)";
  if (FD_WRITE.test(name)) return "write (checked at open; --max-output)";
  if (ENV.test(name)) return "env (only what --env or --allow-env gives)";
  if (MEMORY.test(name)) return "memory (--max-memory)";
  if (TIME.test(name)) return "time (host clock)";
  return "none";
}

/** The generated part of doc/WINDOWS.md. */
export function importTable(): string {
  const lines = ["| DLL | import | kind | capability |", "| --- | --- | --- | --- |"];
  const rows = allExports().sort((a, b) => (a[0] + "!" + a[1]).localeCompare(b[0] + "!" + b[1]));
  for (const [dll, name, kind] of rows) {
    lines.push(`| ${dll} | \`${name}\` | ${kind} | ${capabilityOf(name)} |`);
  }
  return lines.join("\n") + "\n";
}

if (import.meta.main) {
  // deno run src/os/windows/doc.ts > table.md
  console.log(importTable());
}
