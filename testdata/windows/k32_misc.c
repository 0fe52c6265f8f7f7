/*
 * k32_misc: kernel32 memory, heap, TLS, time, module and system functions. Prints only what
 * the Win32 documentation fixes (no addresses or times).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static LONG WINAPI filter(EXCEPTION_POINTERS *p) {
  (void)p;
  return 0;
}

int main(void) {
  DWORD err;
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  printf("page %lu granularity %lu arch %u cpus>0 %d\n", si.dwPageSize, si.dwAllocationGranularity,
         si.wProcessorArchitecture, si.dwNumberOfProcessors > 0);

  char *p = VirtualAlloc(NULL, 3 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
  printf("VirtualAlloc ok=%d aligned=%d zero=%d\n", p != NULL, ((ULONG_PTR)p & 0xffff) == 0, p[5000] == 0);
  strcpy(p + 4096, "written");
  MEMORY_BASIC_INFORMATION mbi;
  SIZE_T q = VirtualQuery(p + 100, &mbi, sizeof mbi);
  printf("VirtualQuery=%u base_ok=%d size=%lu state=0x%lx protect=0x%lx type=0x%lx\n", (unsigned)q,
         mbi.BaseAddress == p, (unsigned long)mbi.RegionSize, mbi.State, mbi.Protect, mbi.Type);
  DWORD old = 0;
  BOOL ok = VirtualProtect(p + 4096, 10, PAGE_READONLY, &old);
  printf("VirtualProtect=%d old=0x%lx\n", ok, old);
  VirtualQuery(p + 4096, &mbi, sizeof mbi);
  printf("after: protect=0x%lx size=%lu [%s]\n", mbi.Protect, (unsigned long)mbi.RegionSize, p + 4096);
  VirtualProtect(p + 4096, 10, PAGE_READWRITE, &old);
  printf("restored old=0x%lx\n", old);
  printf("VirtualFree=%d\n", VirtualFree(p, 0, MEM_RELEASE));
  HMODULE me = GetModuleHandleA(NULL);
  VirtualQuery((char *)me + 0x1000, &mbi, sizeof mbi);
  printf("image: type=0x%lx allocbase_ok=%d protect=0x%lx\n", mbi.Type, mbi.AllocationBase == me,
         mbi.Protect);

  HANDLE heap = GetProcessHeap();
  int *a = HeapAlloc(heap, HEAP_ZERO_MEMORY, 40);
  printf("HeapAlloc zeroed=%d size=%u\n", a[9] == 0, (unsigned)HeapSize(heap, 0, a));
  for (int i = 0; i < 10; i++) a[i] = i * i;
  a = HeapReAlloc(heap, HEAP_ZERO_MEMORY, a, 4000);
  printf("HeapReAlloc kept=%d zeroed=%d\n", a[9] == 81, a[999] == 0);
  printf("HeapFree=%d\n", HeapFree(heap, 0, a));
  HANDLE h2 = HeapCreate(0, 0, 0);
  void *b = HeapAlloc(h2, 0, 100);
  printf("HeapCreate ok=%d alloc ok=%d destroy=%d\n", h2 != NULL, b != NULL, HeapDestroy(h2));

  DWORD t = TlsAlloc();
  printf("TlsAlloc ok=%d get=%p\n", t != TLS_OUT_OF_INDEXES, TlsGetValue(t));
  TlsSetValue(t, (void *)0x1234);
  void *got = TlsGetValue(t);
  err = GetLastError();
  printf("TlsGetValue=%p err=%lu free=%d\n", got, err, TlsFree(t));

  CRITICAL_SECTION cs;
  InitializeCriticalSection(&cs);
  EnterCriticalSection(&cs);
  printf("TryEnterCriticalSection=%d\n", TryEnterCriticalSection(&cs));
  LeaveCriticalSection(&cs);
  LeaveCriticalSection(&cs);
  DeleteCriticalSection(&cs);

  LARGE_INTEGER f, c1, c2;
  QueryPerformanceFrequency(&f);
  QueryPerformanceCounter(&c1);
  Sleep(20);
  QueryPerformanceCounter(&c2);
  double ms = (double)(c2.QuadPart - c1.QuadPart) * 1000.0 / (double)f.QuadPart;
  printf("Sleep(20) took at least 15 ms: %d\n", ms >= 15.0);
  FILETIME ft;
  GetSystemTimeAsFileTime(&ft);
  ULONGLONG t100 = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
  printf("FILETIME after 2020: %d\n", t100 > 132223104000000000ULL);
  ULONGLONG k1 = GetTickCount64();
  printf("GetTickCount64 monotonic: %d\n", GetTickCount64() >= k1);

  char name[MAX_PATH];
  DWORD n = GetModuleFileNameA(NULL, name, sizeof name);
  printf("GetModuleFileNameA ends with k32_misc.exe: %d len_ok=%d\n",
         n > 12 && strcmp(name + n - 12, "k32_misc.exe") == 0, n == strlen(name));
  n = GetModuleFileNameA(NULL, name, 4);
  err = GetLastError();
  printf("truncated: n=%lu err=%lu len=%u\n", n, err, (unsigned)strlen(name));
  printf("IsDebuggerPresent=%d GetACP=%u\n", IsDebuggerPresent(), GetACP());
  LPTOP_LEVEL_EXCEPTION_FILTER prev = SetUnhandledExceptionFilter(filter);
  LPTOP_LEVEL_EXCEPTION_FILTER mine = SetUnhandledExceptionFilter(prev);
  printf("SetUnhandledExceptionFilter returns the previous one: %d %d\n", prev != filter, mine == filter);
  DWORD64 base = 0;
  PRUNTIME_FUNCTION rf = RtlLookupFunctionEntry((DWORD64)(ULONG_PTR)main, &base, NULL);
  printf("RtlLookupFunctionEntry found=%d base_ok=%d\n", rf != NULL, base == (DWORD64)(ULONG_PTR)me);
  HMODULE k32 = LoadLibraryA("KERNEL32.DLL");
  HMODULE none = LoadLibraryA("nosuch.dll");
  err = GetLastError();
  printf("LoadLibraryA kernel32=%d nosuch=%d err=%lu\n", k32 != NULL, none != NULL, err);
  typedef DWORD(WINAPI * tick_fn)(void);
  tick_fn tick = (tick_fn)GetProcAddress(k32, "GetTickCount");
  printf("through GetProcAddress: %d\n", tick != NULL && tick() < 0xffffffffu);

  /* Synchronization objects, one thread: waits with a zero timeout see the state now. */
  HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
  DWORD w0 = WaitForSingleObject(ev, 0);
  BOOL set = SetEvent(ev);
  DWORD w1 = WaitForSingleObject(ev, 0);
  DWORD w2 = WaitForSingleObject(ev, 0);
  ResetEvent(ev);
  DWORD w3 = WaitForSingleObject(ev, 0);
  printf("manual event: %lu %d %lu %lu %lu\n", w0, set, w1, w2, w3);
  HANDLE ae = CreateEventA(NULL, FALSE, TRUE, NULL);
  DWORD a1 = WaitForSingleObject(ae, 0);
  DWORD a2 = WaitForSingleObject(ae, 0);
  printf("auto-reset event: %lu %lu\n", a1, a2);
  HANDLE mx = CreateMutexA(NULL, FALSE, NULL);
  DWORD m1 = WaitForSingleObject(mx, 0);
  DWORD m2 = WaitForSingleObject(mx, 0);
  BOOL r1 = ReleaseMutex(mx), r2 = ReleaseMutex(mx), r3 = ReleaseMutex(mx);
  err = GetLastError();
  printf("mutex: %lu %lu %d %d %d err=%lu\n", m1, m2, r1, r2, r3, err);
  HANDLE sem = CreateSemaphoreA(NULL, 1, 2, NULL);
  DWORD s1 = WaitForSingleObject(sem, 0);
  DWORD s2 = WaitForSingleObject(sem, 0);
  LONG prevc = -1;
  BOOL rs1 = ReleaseSemaphore(sem, 2, &prevc);
  LONG prev1 = prevc;
  BOOL rs2 = ReleaseSemaphore(sem, 1, &prevc);
  err = GetLastError();
  printf("semaphore: %lu %lu %d prev=%ld %d err=%lu\n", s1, s2, rs1, prev1, rs2, err);
  HANDLE both[2] = {ev, ae};
  SetEvent(ae);
  DWORD any = WaitForMultipleObjects(2, both, FALSE, 0);
  DWORD all = WaitForMultipleObjects(2, both, TRUE, 0);
  printf("WaitForMultipleObjects any=%lu all=%lu\n", any, all);
  BOOL bad = SetEvent((HANDLE)(ULONG_PTR)0x1234);
  err = GetLastError();
  printf("SetEvent(bad)=%d err=%lu\n", bad, err);
  CloseHandle(ev);
  CloseHandle(ae);
  CloseHandle(mx);
  CloseHandle(sem);
  return 0;
}
