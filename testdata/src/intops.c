/*
 * intops: integer arithmetic at every width. Signed and unsigned 8/16/32/64-bit add, sub,
 * mul, div, rem, shifts, comparisons and conversions, 128-bit products, bit tricks, and the
 * ISA-defined division corner cases (INT64_MIN / -1, division by zero) through inline asm
 * where the ISA defines them.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile uint64_t sink;

static uint64_t next(uint64_t *s) {
  /* splitmix64 */
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static const int64_t interesting[] = {
    0, 1, -1, 2, -2, 3, 7, -7, 10, 127, -128, 255, 32767, -32768, 65535, INT32_MAX,
    INT32_MIN, UINT32_MAX, (int64_t)1 << 32, ((int64_t)1 << 32) + 1, INT64_MAX,
    INT64_MIN + 1, 0x123456789abcdefll, -0x123456789abcdefll, 1000000007, -1000000007,
};
#define N_INTERESTING (sizeof interesting / sizeof interesting[0])

static uint64_t fold(uint64_t h, uint64_t v) {
  h ^= v;
  h *= 0x100000001b3ull;
  return h ^ (h >> 29);
}

#if defined(__riscv) && __riscv_xlen == 64
#define DEFINED_DIV 1
static int64_t isa_div(int64_t a, int64_t b) {
  int64_t r;
  __asm__ volatile("div %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static int64_t isa_rem(int64_t a, int64_t b) {
  int64_t r;
  __asm__ volatile("rem %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static uint64_t isa_divu(uint64_t a, uint64_t b) {
  uint64_t r;
  __asm__ volatile("divu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static int32_t isa_divw(int32_t a, int32_t b) {
  int64_t r;
  __asm__ volatile("divw %0, %1, %2" : "=r"(r) : "r"((int64_t)a), "r"((int64_t)b));
  return (int32_t)r;
}
#elif defined(__aarch64__)
#define DEFINED_DIV 1
static int64_t isa_div(int64_t a, int64_t b) {
  int64_t r;
  __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static int64_t isa_rem(int64_t a, int64_t b) {
  int64_t q = isa_div(a, b);
  return (int64_t)((uint64_t)a - (uint64_t)q * (uint64_t)b);
}
static uint64_t isa_divu(uint64_t a, uint64_t b) {
  uint64_t r;
  __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static int32_t isa_divw(int32_t a, int32_t b) {
  int32_t r;
  __asm__ volatile("sdiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
#else
#define DEFINED_DIV 0
#endif

int main(void) {
  uint64_t h = 0xcbf29ce484222325ull;
  /* Every pair of interesting values through every operator that is defined for it. */
  for (unsigned i = 0; i < N_INTERESTING; i++) {
    for (unsigned j = 0; j < N_INTERESTING; j++) {
      volatile int64_t a = interesting[i], b = interesting[j];
      uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
      h = fold(h, ua + ub);
      h = fold(h, ua - ub);
      h = fold(h, ua * ub);
      h = fold(h, (uint64_t)((unsigned __int128)ua * ub >> 64));
      h = fold(h, (uint64_t)((__int128)a * b >> 64));
      if (b != 0 && !(a == INT64_MIN && b == -1)) {
        h = fold(h, (uint64_t)(a / b));
        h = fold(h, (uint64_t)(a % b));
      }
      if (ub != 0) {
        h = fold(h, ua / ub);
        h = fold(h, ua % ub);
      }
      int32_t a32 = (int32_t)a, b32 = (int32_t)b;
      uint32_t ua32 = (uint32_t)a, ub32 = (uint32_t)b;
      h = fold(h, (uint32_t)(ua32 * ub32));
      h = fold(h, (uint64_t)(int64_t)(int32_t)(ua32 + ub32));
      if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1)) {
        h = fold(h, (uint64_t)(int64_t)(a32 / b32));
        h = fold(h, (uint64_t)(int64_t)(a32 % b32));
      }
      if (ub32 != 0) h = fold(h, (uint64_t)(ua32 / ub32) ^ ((uint64_t)(ua32 % ub32) << 32));
      unsigned sh = (unsigned)ub & 63;
      h = fold(h, ua << sh);
      h = fold(h, ua >> sh);
      h = fold(h, (uint64_t)(a >> sh));
      h = fold(h, (uint64_t)(int64_t)(int32_t)(ua32 << (sh & 31)));
      h = fold(h, (uint64_t)(int64_t)(a32 >> (sh & 31)));
      h = fold(h, (uint64_t)((a < b) | (ua < ub) << 1 | (a == b) << 2 | (a32 < b32) << 3));
      h = fold(h, (uint64_t)(int8_t)a * (uint64_t)(uint16_t)b + (uint64_t)(int16_t)a);
    }
  }
  printf("pairs hash: %016" PRIx64 "\n", h);

  /* Random operands. */
  uint64_t s = 42, r = 0;
  for (int i = 0; i < 200000; i++) {
    uint64_t x = next(&s), y = next(&s) >> (x & 63);
    r += x * y;
    r ^= y ? x / y : x;
    r += y ? x % y : 0;
    int64_t sx = (int64_t)x, sy = (int64_t)(y | 1);
    r += (uint64_t)(sx / sy) + (uint64_t)(sx % sy);
    r = (r << 7) | (r >> 57);
    r += (uint64_t)__builtin_popcountll(x) + (uint64_t)__builtin_clzll(x | 1) +
         (uint64_t)__builtin_ctzll(y | 0x8000000000000000ull);
  }
  printf("random hash: %016" PRIx64 "\n", r);

  /* Printing at every width. */
  printf("%d %u %ld %lu %lld %llu\n", INT32_MIN, UINT32_MAX, (long)INT64_MIN,
         (unsigned long)UINT64_MAX, (long long)INT64_MAX, (unsigned long long)UINT64_MAX);
  printf("%hhd %hhu %hd %hu\n", (signed char)-128, (unsigned char)255, (short)-32768,
         (unsigned short)65535);
  volatile int8_t c8 = 127;
  c8 = (int8_t)(c8 + 1);
  volatile uint16_t u16 = 65535;
  u16 = (uint16_t)(u16 + 1);
  printf("wrap: %d %u\n", c8, u16);
  volatile int64_t big = 0x7fffffffffffffffll;
  printf("conv: %d %u %lld\n", (int)(int32_t)big, (unsigned)(uint32_t)big,
         (long long)(int32_t)(uint32_t)0x80000000u);

#if DEFINED_DIV
  printf("isa div INT64_MIN/-1: %" PRId64 "\n", isa_div(INT64_MIN, -1));
  printf("isa rem INT64_MIN/-1: %" PRId64 "\n", isa_rem(INT64_MIN, -1));
  printf("isa div 5/0: %" PRId64 "\n", isa_div(5, 0));
  printf("isa rem 5/0: %" PRId64 "\n", isa_rem(5, 0));
  printf("isa divu 5/0: %" PRIu64 "\n", isa_divu(5, 0));
  printf("isa divw INT32_MIN/-1: %" PRId32 "\n", isa_divw(INT32_MIN, -1));
  printf("isa divw -9/0: %" PRId32 "\n", isa_divw(-9, 0));
#else
  printf("isa division corner cases: not defined on this ISA\n");
#endif
  sink = h;
  return 0;
}
