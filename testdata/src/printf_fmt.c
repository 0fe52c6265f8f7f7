/*
 * printf_fmt: the printf family with many conversions, flags, widths and precisions, plus
 * snprintf truncation, %n, positional arguments and sscanf.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  static const int ints[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN};
  for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    int v = ints[i];
    printf("[%d] [%i] [%5d] [%-5d|] [%05d] [%+d] [% d] [%.3d] [%8.3d] [%u] [%x] [%X] [%#x] [%o] "
           "[%#o] [%c]\n",
           v, v, v, v, v, v, v, v, v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
           (unsigned)v, (unsigned)v, 'A' + (v & 15));
  }
  printf("[%ld] [%lu] [%lx] [%lld] [%llx] [%#llo]\n", LONG_MIN, ULONG_MAX, 0xdeadbeefL,
         LLONG_MIN, 0x0123456789abcdefULL, 0777ULL);
  printf("[%hhd] [%hhx] [%hd] [%hx] [%zu] [%zd] [%td] [%jd] [%ju]\n", 300, 300, 70000, 70000,
         (size_t)123456789, (ptrdiff_t)-5, (ptrdiff_t)77, (intmax_t)-9, (uintmax_t)9);
  printf("[%s] [%10s] [%-10s|] [%.3s] [%10.2s] [%s]\n", "hello", "hi", "left", "truncate",
         "xyz", "");
  printf("[%*d] [%-*d|] [%.*d] [%*.*f] [%.*s]\n", 6, 12, 6, 12, 4, 7, 9, 2, 3.14159, 2,
         "abcdef");
  printf("[%2$s %1$s] [%3$d]\n", "world", "hello", 99);
  printf("[%p] [%p] [%%] [%c%c%c]\n", (void *)0, (void *)0x1234, 'x', 'y', 'z');
  printf("[%5c] [%-5c|]\n", 'a', 'b');
  int n1 = 0, n2 = 0;
  printf("abc%n defgh%n\n", &n1, &n2);
  printf("n: %d %d\n", n1, n2);

  char buf[16];
  int r = snprintf(buf, sizeof buf, "%s-%d-%s", "abcdefgh", 12345, "ijklmnop");
  printf("snprintf: %d [%s]\n", r, buf);
  r = snprintf(buf, 0, "%d", 123456);
  printf("snprintf(0): %d\n", r);
  r = snprintf(NULL, 0, "%.100f", 1.0);
  printf("snprintf(NULL): %d\n", r);
  char big[256];
  sprintf(big, "%-20s|%20s|%020.6f|%+.3e", "L", "R", 3.14159265358979, -0.000123456);
  printf("sprintf: %s (%zu)\n", big, strlen(big));

  int a, b;
  unsigned x;
  double d;
  char word[32];
  int got = sscanf("  -17 0x1f 2.75e2 token rest", "%d %i %lf %31s", &a, &b, &d, word);
  printf("sscanf: %d %d %d %g %s\n", got, a, b, d, word);
  got = sscanf("ff:10", "%x:%o", &x, &b);
  printf("sscanf hex/oct: %d %u %d\n", got, x, b);
  fputs("fputs line\n", stdout);
  putchar('p');
  putchar('\n');
  puts("puts line");
  fprintf(stdout, "%s %s\n", "fprintf", "done");
  return 0;
}
