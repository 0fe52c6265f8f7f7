/* unknown_import: calls a kernel32 function kitemu does not implement, after printing. */
#include <windows.h>

void start(void) {
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  DWORD n;
  WriteFile(out, "before\n", 7, &n, NULL);
  Beep(440, 10);
  WriteFile(out, "after\n", 6, &n, NULL);
  ExitProcess(0);
}
