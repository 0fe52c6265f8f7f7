/*
 * callbacks: C library routines that call back into the program (qsort,
 * bsearch, atexit handlers), formatted output into buffers (snprintf,
 * vsnprintf), input parsing (sscanf), number parsing with errno (strtol, strtoul, strtod), and
 * errno through ___error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void bye1(void) { printf("atexit handler 1 (runs last)\n"); }
static void bye2(void) { printf("atexit handler 2 (runs first)\n"); }

static int say(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return r;
}

int main(void) {
  atexit(bye1);
  atexit(bye2);
  int v[] = {42, -7, 19, 0, 1000, 3, 19, -100, 8, 77};
  size_t n = sizeof v / sizeof v[0];
  qsort(v, n, sizeof v[0], cmp_int);
  for (size_t i = 0; i < n; i++) printf("%d%c", v[i], i + 1 < n ? ' ' : '\n');
  int key = 77;
  int *hit = bsearch(&key, v, n, sizeof v[0], cmp_int);
  printf("bsearch 77: index %ld\n", hit ? (long)(hit - v) : -1L);
  key = 5;
  printf("bsearch 5: %s\n", bsearch(&key, v, n, sizeof v[0], cmp_int) ? "found" : "absent");
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry"};
  qsort(words, 5, sizeof words[0], cmp_str);
  for (int i = 0; i < 5; i++) printf("%s%s", words[i], i < 4 ? "," : "\n");
  char buf[32];
  int r = snprintf(buf, sizeof buf, "%s-%05d-%x-%.3f", "abc", 42, 255, 3.14159);
  printf("snprintf %d [%s]\n", r, buf);
  r = say(buf, 8, "%d %d %d", 123, 456, 789);
  printf("vsnprintf %d [%s]\n", r, buf);
  printf("doubles %g %e %.10f %5.1f|\n", 1e-5, 12345.678, 1.0 / 3, -2.25);
  printf("mixed %d %f %ld %f %s %f %d %f %f %f %f %f\n", 1, 2.5, 3L, 4.5, "five", 6.5, 7, 8.5,
         9.5, 10.5, 11.5, 12.5);
  char *end;
  errno = 0;
  long a = strtol("  -12345xyz", &end, 10);
  printf("strtol %ld rest [%s] errno %d\n", a, end, errno);
  errno = 0;
  long b = strtol("99999999999999999999", &end, 10);
  printf("strtol overflow %ld errno==ERANGE %d\n", b, errno == ERANGE);
  unsigned long c = strtoul("0x1fF", &end, 0);
  printf("strtoul %lu\n", c);
  double d = strtod("2.5e3 rest", &end);
  printf("strtod %.1f rest [%s]\n", d, end);
  int si, sj, sn = 0;
  unsigned sx;
  double sd;
  float sf;
  char word[16], ch[3] = {0};
  int got = sscanf("  -17 0x1f 2.75e2 token rest", "%d %i %lf %15s", &si, &sj, &sd, word);
  printf("sscanf: %d %d %d %g %s\n", got, si, sj, sd, word);
  got = sscanf("ff:10 xy 1.5", "%x:%o %2c %f%n", &sx, &sj, ch, &sf, &sn);
  printf("sscanf: %d %u %d [%s] %.2f n=%d\n", got, sx, sj, ch, sf, sn);
  got = sscanf("abc", "%d", &si);
  printf("sscanf no match: %d; empty: %d\n", got, sscanf("   ", "%d", &si));
  char *dup = strdup("duplicate");
  dup = realloc(dup, 64);
  strcat(dup, " and more");
  printf("%s (%zu)\n", dup, strlen(dup));
  free(dup);
  int *zeros = calloc(100, sizeof(int));
  int sum = 0;
  for (int i = 0; i < 100; i++) sum += zeros[i];
  printf("calloc sum %d\n", sum);
  free(zeros);
  printf("main returns 5\n");
  return 5;
}
