/*
 * Host oracle for tests/os/crt_test.ts: runs the host glibc's snprintf,
 * strtol family and strtod on cases read from stdin, one per line, and
 * prints the results. Built at test time with the host gcc (never committed
 * as a binary).
 *
 * Input lines (fields separated by tabs, strings hex-encoded):
 *   P <fmt> <arg>...   snprintf; arg = i<hex64> (integer/pointer), d<hex64> (double
 *                      bits), s<hexbytes> (pointer to that string), w<hex32...> (pointer
 *                      to a wchar_t string of those code points), L<hex64> (the double
 *                      converted to long double; must be the only argument)
 *   I <func> <base> <str>   func in strtol strtoll strtoul strtoull
 *   D <str>                 strtod
 *   M <func> <hex64> [<hex64>]   a libm function on doubles given as bits
 * Output: one line per case:
 *   P: <return value> <hex of the output bytes>
 *   I: <value as unsigned hex64> <end offset or -1 if untouched> <errno>
 *   D: <bits hex64> <end offset> <errno>
 *   M: <result bits hex64>
 *
 * The printf call passes 16 integer and 8 double arguments whatever the
 * format says: on x86-64 SysV, va_arg takes integers and doubles from
 * separate register sequences (and the 8 doubles all travel in xmm0-7, so the
 * stack overflow area holds only integers, in order). This lets one call
 * site serve any mix of up to 16 integers and 8 doubles.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const struct { const char *name; double (*f1)(double); double (*f2)(double, double); } fns[] = {
  {"sin", sin, 0}, {"cos", cos, 0}, {"tan", tan, 0}, {"asin", asin, 0}, {"acos", acos, 0},
  {"atan", atan, 0}, {"sinh", sinh, 0}, {"cosh", cosh, 0}, {"tanh", tanh, 0},
  {"asinh", asinh, 0}, {"acosh", acosh, 0}, {"atanh", atanh, 0}, {"exp", exp, 0},
  {"exp2", exp2, 0}, {"expm1", expm1, 0}, {"log", log, 0}, {"log2", log2, 0},
  {"log10", log10, 0}, {"log1p", log1p, 0}, {"cbrt", cbrt, 0}, {"sqrt", sqrt, 0},
  {"fabs", fabs, 0}, {"floor", floor, 0}, {"ceil", ceil, 0}, {"trunc", trunc, 0},
  {"round", round, 0}, {"rint", rint, 0}, {"nearbyint", nearbyint, 0}, {"logb", logb, 0},
  {"pow", 0, pow}, {"atan2", 0, atan2}, {"hypot", 0, hypot}, {"fmod", 0, fmod},
  {"remainder", 0, remainder}, {"drem", 0, remainder}, {"fmin", 0, fmin}, {"fmax", 0, fmax},
  {"fdim", 0, fdim}, {"copysign", 0, copysign}, {"nextafter", 0, nextafter},
};

static char line[1 << 16];
static char out[1 << 16];

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

static char *unhex(const char *h) {
  size_t n = strlen(h) / 2;
  char *s = malloc(n + 1);
  for (size_t i = 0; i < n; i++) s[i] = (char)(hexval(h[2 * i]) * 16 + hexval(h[2 * i + 1]));
  s[n] = 0;
  return s;
}

static uint64_t hex64(const char *h) {
  uint64_t v = 0;
  while (*h) v = v * 16 + (uint64_t)hexval(*h++);
  return v;
}

static void put_hex(const char *p, int n) {
  for (int i = 0; i < n; i++) printf("%02x", (unsigned char)p[i]);
}

int main(void) {
  setlocale(LC_ALL, "C.UTF-8");
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    char *fields[40];
    int nf = 0;
    for (char *t = strtok(line, "\t"); t && nf < 40; t = strtok(NULL, "\t")) fields[nf++] = t;
    if (nf == 0) continue;
    if (fields[0][0] == 'P') {
      char *fmt = unhex(fields[1]);
      long g[16] = {0};
      double d[8] = {0};
      int ng = 0, nd = 0, r;
      long double ld = 0;
      int use_ld = 0;
      for (int i = 2; i < nf; i++) {
        char *a = fields[i];
        uint64_t bits;
        switch (a[0]) {
        case 'i': g[ng++] = (long)hex64(a + 1); break;
        case 'd': bits = hex64(a + 1); memcpy(&d[nd++], &bits, 8); break;
        case 's': g[ng++] = (long)unhex(a + 1); break;
        case 'w': {
          size_t n = strlen(a + 1) / 8;
          wchar_t *w = calloc(n + 1, sizeof(wchar_t));
          for (size_t k = 0; k < n; k++) {
            char tmp[9];
            memcpy(tmp, a + 1 + 8 * k, 8);
            tmp[8] = 0;
            w[k] = (wchar_t)hex64(tmp);
          }
          g[ng++] = (long)w;
          break;
        }
        case 'L': {
          double x;
          bits = hex64(a + 1);
          memcpy(&x, &bits, 8);
          ld = x;
          use_ld = 1;
          break;
        }
        }
      }
      if (use_ld) r = snprintf(out, sizeof out, fmt, ld);
      else
        r = snprintf(out, sizeof out, fmt, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8],
                     g[9], g[10], g[11], g[12], g[13], g[14], g[15], d[0], d[1], d[2], d[3], d[4],
                     d[5], d[6], d[7]);
      printf("%d\t", r);
      put_hex(out, r < (int)sizeof out ? r : (int)sizeof out - 1);
      printf("\n");
    } else if (fields[0][0] == 'I') {
      char *s = unhex(nf > 3 ? fields[3] : "");
      int base = atoi(fields[2]);
      char *end = (char *)1;
      unsigned long long v;
      errno = 0;
      if (!strcmp(fields[1], "strtol")) v = (unsigned long long)strtol(s, &end, base);
      else if (!strcmp(fields[1], "strtoll")) v = (unsigned long long)strtoll(s, &end, base);
      else if (!strcmp(fields[1], "strtoul")) v = strtoul(s, &end, base);
      else v = strtoull(s, &end, base);
      int e = errno;
      printf("%016llx\t%ld\t%d\n", v, end == (char *)1 ? -1L : (long)(end - s), e);
    } else if (fields[0][0] == 'M') {
      uint64_t a = hex64(fields[2]), b = nf > 3 ? hex64(fields[3]) : 0, rb;
      double x, y, r = 0;
      memcpy(&x, &a, 8);
      memcpy(&y, &b, 8);
      for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
        if (strcmp(fns[k].name, fields[1])) continue;
        r = fns[k].f1 ? fns[k].f1(x) : fns[k].f2(x, y);
      }
      memcpy(&rb, &r, 8);
      printf("%016llx\n", (unsigned long long)rb);
    } else if (fields[0][0] == 'D') {
      char *s = unhex(nf > 1 ? fields[1] : "");
      char *end;
      errno = 0;
      double x = strtod(s, &end);
      int e = errno;
      uint64_t bits;
      memcpy(&bits, &x, 8);
      printf("%016llx\t%ld\t%d\n", (unsigned long long)bits, (long)(end - s), e);
    }
    fflush(stdout);
  }
  return 0;
}
