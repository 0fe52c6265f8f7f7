/*
 * k32_files: the kernel32 file API. In directory argv[1]: CreateDirectoryA, CreateFileA,
 * WriteFile, SetFilePointer, GetFileSize(Ex), ReadFile, GetFileAttributesA, FindFirstFileA/
 * FindNextFileA, DeleteFileA, RemoveDirectoryA; then CreateFileA of argv[2] and the
 * GetLastError it leaves (ERROR_ACCESS_DENIED, 5, when the sandbox refuses it), and a few
 * process facts (environment variable, module handle, GetProcAddress).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  char dir[MAX_PATH], path[MAX_PATH];
  snprintf(dir, sizeof dir, "%s\\sub", argv[1]);
  BOOL ok = CreateDirectoryA(dir, NULL);
  printf("CreateDirectoryA=%d\n", ok);
  ok = CreateDirectoryA(dir, NULL);
  printf("again=%d err=%lu\n", ok, GetLastError());
  snprintf(path, sizeof path, "%s\\data.bin", dir);
  HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL, NULL);
  printf("CreateFileA ok=%d\n", h != INVALID_HANDLE_VALUE);
  DWORD n = 0, r;
  const char text[] = "0123456789abcdefghij";
  ok = WriteFile(h, text, 20, &n, NULL);
  printf("WriteFile=%d n=%lu\n", ok, n);
  r = SetFilePointer(h, 5, NULL, FILE_BEGIN);
  printf("SetFilePointer=%lu\n", r);
  char buf[32] = {0};
  ok = ReadFile(h, buf, 8, &n, NULL);
  printf("ReadFile=%d n=%lu [%s]\n", ok, n, buf);
  LARGE_INTEGER size;
  r = GetFileSize(h, NULL);
  ok = GetFileSizeEx(h, &size);
  printf("GetFileSize=%lu GetFileSizeEx=%d %lld\n", r, ok, size.QuadPart);
  SetFilePointer(h, 0, NULL, FILE_END);
  ok = ReadFile(h, buf, 8, &n, NULL);
  printf("ReadFile at EOF=%d n=%lu\n", ok, n);
  printf("CloseHandle=%d\n", CloseHandle(h));
  DWORD a1 = GetFileAttributesA(dir), a2 = GetFileAttributesA(path);
  printf("attrs dir=0x%lx file=0x%lx\n", a1, a2);
  a1 = GetFileAttributesA("missing.txt");
  printf("attrs missing=0x%lx err=%lu\n", a1, GetLastError());
  snprintf(path, sizeof path, "%s\\second.txt", dir);
  h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
  CloseHandle(h);
  h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
  printf("CREATE_NEW twice: invalid=%d err=%lu\n", h == INVALID_HANDLE_VALUE, GetLastError());
  WIN32_FIND_DATAA fd;
  snprintf(path, sizeof path, "%s\\*", dir);
  HANDLE f = FindFirstFileA(path, &fd);
  if (f != INVALID_HANDLE_VALUE) {
    do {
      if (fd.cFileName[0] != '.') printf("found %s size=%lu dir=%d\n", fd.cFileName, fd.nFileSizeLow,
                                         !!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY));
    } while (FindNextFileA(f, &fd));
    printf("FindNextFileA end err=%lu\n", GetLastError());
    FindClose(f);
  }
  snprintf(path, sizeof path, "%s\\data.bin", dir);
  printf("DeleteFileA=%d\n", DeleteFileA(path));
  ok = DeleteFileA(path);
  printf("DeleteFileA again=%d err=%lu\n", ok, GetLastError());
  snprintf(path, sizeof path, "%s\\second.txt", dir);
  DeleteFileA(path);
  printf("RemoveDirectoryA=%d\n", RemoveDirectoryA(dir));
  SetLastError(0);
  h = CreateFileA(argv[2], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
  printf("denied: invalid=%d err=%lu\n", h == INVALID_HANDLE_VALUE, GetLastError());
  char env[64];
  DWORD e = GetEnvironmentVariableA("KITEMU_TEST", env, sizeof env);
  printf("GetEnvironmentVariableA=%lu [%s]\n", e, e ? env : "");
  e = GetEnvironmentVariableA("NOT_SET", env, sizeof env);
  printf("missing=%lu err=%lu\n", e, GetLastError());
  HMODULE k32 = GetModuleHandleA("kernel32.dll");
  FARPROC p1 = GetProcAddress(k32, "GetTickCount"), p2 = GetProcAddress(k32, "NoSuchFunction");
  printf("kernel32 handle=%d GetProcAddress(GetTickCount)=%d missing=%d err=%lu\n", k32 != NULL,
         p1 != NULL, p2 != NULL, GetLastError());
  printf("image handle=%d\n", GetModuleHandleA(NULL) != NULL);
  return 0;
}
