/*
 * printf: the printf family on every conversion, flag, width, precision and
 * length modifier a C program uses (no %n, which kitemu's shared printf
 * engine never stores through, and no NaN or null %p, whose text differs
 * between glibc and Darwin's libc), through printf, fprintf, sprintf,
 * snprintf, vprintf, vfprintf, puts, fputs, putchar, fputc and fwrite.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void vp(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  va_start(ap, fmt);
  vfprintf(stdout, fmt, ap);
  va_end(ap);
}

int main(void) {
  printf("ints: [%d] [%i] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.3d]\n", 42, -42, 42, 42, 42,
         42, 42, 7, -7);
  printf("unsigned: [%u] [%x] [%X] [%#x] [%o] [%#o] [%#X]\n", 3000000000u, 255, 255, 255, 8, 8, 0);
  printf("limits: %d %d %u %ld %ld %lu\n", INT_MAX, INT_MIN, UINT_MAX, LONG_MAX, LONG_MIN,
         ULONG_MAX);
  printf("lengths: %hhd %hd %ld %lld %jd %zd %td %hhu %hu %llx\n", (signed char)-1, (short)-2,
         -3L, -4LL, (intmax_t)-5, (ptrdiff_t)-6, (ptrdiff_t)7, (unsigned char)255,
         (unsigned short)65535, 0x123456789abcdefULL);
  printf("chars: [%c] [%3c] [%-3c] [%%]\n", 'a', 'b', 'c');
  printf("strings: [%s] [%10s] [%-10s] [%.2s] [%*s] [%-*.*s]\n", "hi", "right", "left", "truncate",
         6, "star", 8, 3, "precision");
  printf("floats: [%f] [%.2f] [%10.3f] [%-10.1f] [%+f] [%08.2f] [%.0f] [%#.0f]\n", 3.14159, 2.71828,
         -1.5, 0.25, 1.0, -3.5, 2.5, 3.0);
  printf("exp: [%e] [%.2e] [%E] [%12.4e] [%e]\n", 12345.6789, 0.000123, 1e100, -2.5e-10, 0.0);
  printf("g: [%g] [%g] [%g] [%.3g] [%G] [%#g] [%g]\n", 100000.0, 1000000.0, 0.0001, 3.14159, 1e-20,
         1.5, 1e15);
  printf("hexfloat: [%a] [%.2a] [%A]\n", 1.0, 3.14159, -0.5);
  printf("inf: [%f] [%e] [%g] [%F]\n", 1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0, 1.0 / 0.0);
  printf("big: %.20f %.15e %f\n", 0.1, 1.0 / 3.0, 1e20);
  printf("positional: %2$s %1$s %2$s\n", "world", "hello");
  char buf[64];
  int r = sprintf(buf, "%s=%d", "x", 17);
  printf("sprintf %d [%s]\n", r, buf);
  r = snprintf(buf, 6, "%s", "truncated string");
  printf("snprintf %d [%s]\n", r, buf);
  r = snprintf(NULL, 0, "%d %s", 123456, "abc");
  printf("snprintf(NULL, 0) %d\n", r);
  vp("vprintf/vfprintf: %d %s %.1f %c\n", 9, "nine", 9.0, '9');
  fprintf(stdout, "fprintf %s\n", "stdout");
  fprintf(stderr, "fprintf %s\n", "stderr");
  puts("puts");
  fputs("fputs\n", stdout);
  putchar('p');
  fputc('\n', stdout);
  fwrite("fwrite 12345\n", 1, 13, stdout);
  printf("many: %d %d %d %d %d %d %d %d %d %d %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f\n",
         1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5);
  return (int)strlen(buf);
}
