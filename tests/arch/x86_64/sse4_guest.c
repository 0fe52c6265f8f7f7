/*
 * A guest for sse4_guest_test.ts: glibc's string functions (whose ifunc
 * selectors pick SSE4.2/SSE4.1/SSSE3 variants when CPUID advertises them:
 * strcspn/strspn/strpbrk use pcmpistri) and code that GCC compiles to SSE4
 * instructions with -march=x86-64-v2 (roundsd for floor/ceil/trunc/rint,
 * pmulld/pminsd/pmaxsd/pmovzx/ptest in vectorized loops, popcnt, crc32).
 * Prints results and a checksum; the test compares with a native run.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Comparison results: only the sign is specified (implementations differ in magnitude). */
static size_t sgn(int v) { return v < 0 ? 1 : v > 0 ? 2 : 0; }

static uint32_t crc32c_sw(uint32_t crc, const unsigned char *p, size_t n) {
  crc = ~crc;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0x82f63b78 : crc >> 1;
  }
  return ~crc;
}

#ifdef __SSE4_2__
#include <nmmintrin.h>
static uint32_t crc32c_hw(uint32_t crc, const unsigned char *p, size_t n) {
  crc = ~crc;
  while (n >= 8) {
    uint64_t v;
    memcpy(&v, p, 8);
    crc = (uint32_t)_mm_crc32_u64(crc, v);
    p += 8, n -= 8;
  }
  while (n--) crc = _mm_crc32_u8(crc, *p++);
  return ~crc;
}
#endif

int main(void) {
  static char buf[4096], set[64];
  static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 ,.;:-_";
  uint64_t sum = 0;
  for (int t = 0; t < 3000; t++) {
    size_t n = next() % 300, m = next() % 12;
    for (size_t i = 0; i < n; i++) buf[i] = alpha[next() % (sizeof alpha - 1)];
    buf[n] = 0;
    for (size_t i = 0; i < m; i++) set[i] = alpha[next() % (sizeof alpha - 1)];
    set[m] = 0;
    size_t off = next() % 17;
    if (off > n) off = n;
    const char *s = buf + off;
    sum = sum * 31 + strcspn(s, set);
    sum = sum * 31 + strspn(s, set);
    const char *p = strpbrk(s, set);
    sum = sum * 31 + (p ? (size_t)(p - s) : 999);
    sum = sum * 31 + sgn(strcasecmp(s, set));
    sum = sum * 31 + sgn(strncasecmp(s, buf + n / 2, m));
    const char *q = strstr(s, set);
    sum = sum * 31 + (q ? (size_t)(q - s) : 999);
    q = strchr(s, set[0] ? set[0] : 'x');
    sum = sum * 31 + (q ? (size_t)(q - s) : 999);
    q = strrchr(s, set[0] ? set[0] : 'x');
    sum = sum * 31 + (q ? (size_t)(q - s) : 999);
    sum = sum * 31 + sgn(memcmp(s, buf + n / 3, n - off < 40 ? n - off : 40));
    sum = sum * 31 + sgn(strcmp(s, buf + off + 1));
    sum = sum * 31 + strlen(s) + strnlen(s, m);
    if (t < 8) printf("%zu %zu %s|%s\n", strcspn(s, set), strspn(s, set), set, s);
  }
  printf("strings %016llx\n", (unsigned long long)sum);

  /* Wide strings. */
  static wchar_t w[512];
  uint64_t ws = 0;
  for (int t = 0; t < 500; t++) {
    size_t n = next() % 500;
    for (size_t i = 0; i < n; i++) w[i] = (wchar_t)(1 + next() % 300);
    w[n] = 0;
    const wchar_t *c = wcschr(w, 7);
    ws = ws * 31 + wcslen(w) + (c ? (size_t)(c - w) : 999) + wcsnlen(w, 100);
  }
  printf("wide %016llx\n", (unsigned long long)ws);

  /* Rounding (roundsd/roundss with -march=x86-64-v2), in every mode. */
  double acc = 0;
  float facc = 0;
  for (int t = 0; t < 2000; t++) {
    double v = ((double)(int64_t)next() / 9.3e15) * ((t & 7) + 1);
    float f = (float)v;
    acc += floor(v) * 3 + ceil(v) * 5 + trunc(v) * 7 + rint(v) * 11 + nearbyint(v) * 13;
    facc += floorf(f) + ceilf(f) * 2 + truncf(f) * 3 + rintf(f) * 4;
    if (t < 6) printf("%g: %g %g %g %g %g\n", v, floor(v), ceil(v), trunc(v), rint(v), round(v));
  }
  printf("round %.17g %.9g\n", acc, (double)facc);

  /* Vectorizable integer loops: pmulld, pminsd/pmaxsd, pmovzx/pmovsx, pcmpeqq/pcmpgtq. */
  static int32_t a[1024], b[1024], c[1024];
  static int64_t la[512], lb[512];
  static unsigned char bytes[1024];
  static int8_t sbytes[1024];
  for (int i = 0; i < 1024; i++) {
    a[i] = (int32_t)next();
    b[i] = (int32_t)next();
    bytes[i] = (unsigned char)next();
    sbytes[i] = (int8_t)next();
  }
  for (int i = 0; i < 512; i++) la[i] = (int64_t)next(), lb[i] = (i & 3) ? (int64_t)next() : la[i];
  int64_t vs = 0;
  for (int i = 0; i < 1024; i++) c[i] = a[i] * b[i];
  for (int i = 0; i < 1024; i++) vs += c[i];
  for (int i = 0; i < 1024; i++) c[i] = a[i] < b[i] ? a[i] : b[i];
  for (int i = 0; i < 1024; i++) vs += c[i];
  for (int i = 0; i < 1024; i++) c[i] = (uint32_t)a[i] > (uint32_t)b[i] ? a[i] : b[i];
  for (int i = 0; i < 1024; i++) vs ^= c[i];
  for (int i = 0; i < 1024; i++) c[i] = bytes[i] * 3 + sbytes[i];
  for (int i = 0; i < 1024; i++) vs += c[i];
  int eq = 0, gt = 0;
  for (int i = 0; i < 512; i++) eq += la[i] == lb[i], gt += la[i] > lb[i];
  unsigned pc = 0;
  for (int i = 0; i < 1024; i++) pc += __builtin_popcount((unsigned)a[i]);
  printf("vec %lld %d %d %u\n", (long long)vs, eq, gt, pc);

  uint32_t cs = crc32c_sw(0, bytes, sizeof bytes);
#ifdef __SSE4_2__
  uint32_t ch = crc32c_hw(0, bytes, sizeof bytes);
#else
  uint32_t ch = cs;
#endif
  printf("crc32c %08x %08x\n", cs, ch);

  /* long double to int casts (fisttp with -msse3). */
  long double ld = 0;
  long long li = 0;
  for (int t = 0; t < 200; t++) {
    ld = ((long double)(int64_t)next()) / 1e7L;
    li += (long long)ld + (int)(ld / 1e9L);
  }
  printf("fisttp %lld\n", li);
  return 0;
}
