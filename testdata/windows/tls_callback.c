/*
 * tls_callback: an image TLS callback (the .CRT$XL* section) runs with DLL_PROCESS_ATTACH
 * before main and with DLL_PROCESS_DETACH after the atexit handlers, as Windows runs them.
 */
#include <stdlib.h>
#include <windows.h>

static void say(const char *s) {
  DWORD n;
  WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), s, lstrlenA(s), &n, NULL);
}

static void NTAPI callback(PVOID module, DWORD reason, PVOID reserved) {
  (void)module;
  (void)reserved;
  say(reason == DLL_PROCESS_ATTACH ? "callback: process attach\n"
      : reason == DLL_PROCESS_DETACH ? "callback: process detach\n"
                                     : "callback: other\n");
}

__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK tls_callback_entry = callback;

static void at_exit(void) { say("atexit handler\n"); }

int main(void) {
  atexit(at_exit);
  say("main\n");
  return 9;
}
