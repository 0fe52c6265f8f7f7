/*
 * msvcrt_fmt: built with __USE_MINGW_ANSI_STDIO=0, so printf, sprintf and _snprintf are
 * msvcrt.dll's own (mingw-w64 otherwise formats in its own code): Windows format semantics.
 */
#include <stdio.h>
#include <string.h>

int main(void) {
  printf("[%I64d] [%I64u] [%I32d] [%lld]\n", -9000000000000000000LL, 18446744073709551615ULL,
         -5, 1234567890123LL);
  printf("[%ld] [%lu] [%hd] [%x]\n", 2147483647L, 4294967295UL, (short)-3, 0xbeefu);
  printf("[%ls] [%S] [%hs] [%c]\n", L"wide", L"upper-S", "narrow", 'q');
  printf("[%e] [%.2e] [%g] [%G]\n", 12345.678, 0.000123, 1e20, 1e-10);
  printf("[%f] [%.0f] [%8.3f] [%-8.2f|]\n", 3.14159, 2.4, -1.0 / 3, 7.126);
  printf("[%p] [%#x] [%+d] [% d] [%05.1f]\n", (void *)0x1234, 255u, 5, 7, 3.14159);
  char buf[32];
  int n = sprintf(buf, "%s=%d", "key", 42);
  printf("sprintf %d [%s]\n", n, buf);
  memset(buf, '#', sizeof buf);
  n = _snprintf(buf, 5, "%s", "truncated");
  buf[6] = 0;
  printf("_snprintf %d [%s]\n", n, buf);
  fprintf(stderr, "to stderr %d\n", 1);
  return 0;
}
