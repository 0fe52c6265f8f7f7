/*
 * crt_misc: C runtime functions that call back into the program or keep state: qsort and
 * bsearch with comparators, atexit handlers (run in reverse order at exit), strtol family,
 * strtod, math, string functions, realloc growth, and a thread-local variable.
 */
#include <math.h>
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

static void bye1(void) { printf("atexit handler 1\n"); }
static void bye2(void) { printf("atexit handler 2\n"); }

static __thread int counter = 5;

int main(void) {
  atexit(bye1);
  atexit(bye2);
  int v[20];
  unsigned s = 12345;
  for (int i = 0; i < 20; i++) {
    s = s * 1103515245u + 12345u;
    v[i] = (int)(s >> 16) % 1000 - 500;
  }
  qsort(v, 20, sizeof v[0], cmp_int);
  for (int i = 0; i < 20; i++) printf("%d%c", v[i], i == 19 ? '\n' : ' ');
  int key = v[7];
  int *hit = bsearch(&key, v, 20, sizeof v[0], cmp_int);
  printf("bsearch %d -> index %d\n", key, hit ? (int)(hit - v) : -1);
  key = 10000;
  printf("bsearch missing -> %s\n", bsearch(&key, v, 20, sizeof v[0], cmp_int) ? "found" : "null");
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apple"};
  qsort(words, 7, sizeof words[0], cmp_str);
  for (int i = 0; i < 7; i++) printf("%s%c", words[i], i == 6 ? '\n' : ' ');

  char *end;
  long a = strtol("  -12345xyz", &end, 10);
  printf("strtol %ld rest [%s]\n", a, end);
  printf("strtol hex %ld, octal %ld, base36 %ld\n", strtol("0x7fff", NULL, 16),
         strtol("0777", NULL, 0), strtol("zz", NULL, 36));
  printf("strtoul %lu atoi %d atoi junk %d\n", strtoul("4000000000", NULL, 10), atoi("77abc"),
         atoi("abc"));
  printf("strtoll %lld\n", strtoll("-9000000000000000000", NULL, 10));
  double d = strtod("3.25e2rest", &end);
  printf("strtod %.3f rest [%s] atof %.2f\n", d, end, atof("-0.5"));

  printf("sqrt %.9f pow %.9f floor %.1f ceil %.1f fabs %.2f\n", sqrt(2.0), pow(2.0, 0.5),
         floor(-2.5), ceil(-2.5), fabs(-3.75));
  printf("sin %.9f cos %.9f atan2 %.9f exp %.9f log %.9f\n", sin(1.0), cos(1.0), atan2(1.0, 2.0),
         exp(1.5), log(10.0));
  printf("fmod %.3f ldexp %.1f\n", fmod(10.5, 3.0), ldexp(0.75, 4));

  char buf[64] = "hello, world";
  memmove(buf + 2, buf, 5);
  printf("memmove [%s] strchr [%s] strrchr [%s] strstr [%s]\n", buf, strchr(buf, ','),
         strrchr(buf, 'o'), strstr(buf, "wor"));
  printf("strncmp %d memcmp %d strlen %u\n", strncmp("abcd", "abce", 3) == 0,
         memcmp("abc", "abd", 3) < 0, (unsigned)strlen(buf));

  size_t cap = 1;
  char *p = malloc(cap);
  unsigned long long sum = 0;
  for (int i = 0; i < 5000; i++) {
    if ((size_t)i + 1 >= cap) {
      cap *= 2;
      p = realloc(p, cap);
    }
    p[i] = (char)('a' + i % 26);
    sum += (unsigned char)p[i] * (unsigned)(i + 1);
  }
  printf("realloc cap %u sum %llu last %c\n", (unsigned)cap, sum, p[4999]);
  free(p);
  counter += 10;
  printf("thread-local %d\n", counter);
  return 4;
}
