/* printf_win: the C runtime through msvcrt: printf with integers, strings and doubles. */
#include <stdio.h>
#include <string.h>

int main(void) {
  printf("Hello, %s!\n", "world");
  printf("%d %u %x %o %5d|%-5d|%05d\n", -42, 42u, 255u, 8u, 7, 7, 7);
  printf("%lld %llu\n", -1234567890123LL, 18446744073709551615ULL);
  printf("%.3f %g %g %.1f\n", 3.14159265, 0.0001, 2.5, -0.25);
  printf("%c%c%c %10s|%-10s|\n", 'a', 'b', 'c', "right", "left");
  char buf[64];
  int n = snprintf(buf, sizeof buf, "%s-%d-%.2f", "snp", 99, 2.5);
  printf("[%s] %d %u\n", buf, n, (unsigned)strlen(buf));
  puts("puts line");
  putchar('!');
  putchar('\n');
  fflush(stdout);
  return 3;
}
