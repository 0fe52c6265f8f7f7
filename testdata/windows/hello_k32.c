/*
 * hello_k32: kernel32 only, no C runtime. Writes a greeting with WriteFile to the standard
 * output handle and exits with ExitProcess(7). Built with and without base relocations.
 */
#include <windows.h>

static const char msg[] = "Hello from kernel32\n";
static const char *volatile table[2] = {msg, "second line via a relocated pointer\n"};

void start(void) {
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  DWORD n = 0;
  for (int i = 0; i < 2; i++) {
    const char *s = table[i];
    DWORD len = 0;
    while (s[len]) len++;
    WriteFile(out, s, len, &n, NULL);
  }
  ExitProcess(7);
}
