/*
 * wide_win: a -municode program (wmain): wide argv, GetEnvironmentVariableW, CreateFileW,
 * GetFileAttributesW, FindFirstFileW, DeleteFileW, MultiByteToWideChar/WideCharToMultiByte,
 * WriteConsoleW, GetCommandLineW. Output goes through the narrow printf.
 */
#include <stdio.h>
#include <windows.h>

static const char *narrow(const wchar_t *w) {
  static char buf[4][256];
  static int k;
  char *b = buf[k++ & 3];
  WideCharToMultiByte(CP_UTF8, 0, w, -1, b, 256, NULL, NULL);
  return b;
}

int wmain(int argc, wchar_t **argv) {
  for (int i = 1; i < argc; i++) printf("argv[%d]=[%s]\n", i, narrow(argv[i]));
  wchar_t env[64];
  DWORD n = GetEnvironmentVariableW(L"KITEMU_TEST", env, 64);
  printf("GetEnvironmentVariableW=%lu [%s]\n", n, n ? narrow(env) : "");
  n = GetEnvironmentVariableW(L"KITEMU_TEST", env, 2);
  printf("too small: needs %lu\n", n);
  HANDLE h = CreateFileW(L"wide.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
  DWORD done = 0;
  WriteFile(h, "abcdef", 6, &done, NULL);
  CloseHandle(h);
  printf("GetFileAttributesW=0x%lx\n", GetFileAttributesW(L"wide.txt"));
  WIN32_FIND_DATAW fd;
  HANDLE f = FindFirstFileW(L"wid?.txt", &fd);
  printf("FindFirstFileW ok=%d name=%s size=%lu\n", f != INVALID_HANDLE_VALUE, narrow(fd.cFileName),
         fd.nFileSizeLow);
  FindClose(f);
  BOOL ok = DeleteFileW(L"wide.txt");
  printf("DeleteFileW=%d\n", ok);
  int len = MultiByteToWideChar(CP_UTF8, 0, "h\xc3\xa9llo", -1, NULL, 0);
  wchar_t w[16];
  MultiByteToWideChar(CP_UTF8, 0, "h\xc3\xa9llo", -1, w, 16);
  int back = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  printf("MultiByteToWideChar=%d w[1]=0x%x WideCharToMultiByte=%d\n", len, (unsigned)w[1], back);
  WriteConsoleW(GetStdHandle(STD_OUTPUT_HANDLE), L"wide console \x263a\n", 15, &done, NULL);
  printf("WriteConsoleW wrote %lu\n", done);
  const wchar_t *cmd = GetCommandLineW();
  printf("command line has args: %d\n", wcsstr(cmd, L"two words") != NULL);
  return argc;
}
