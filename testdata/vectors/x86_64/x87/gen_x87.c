/*
 * x86-64 x87 vectors, computed natively: each test loads a control word and
 * two 80-bit operands from a buffer at rsi, runs one x87 instruction, and
 * stores st(0) as 80 bits and the status word back to the buffer.
 * Buffer layout: a at 0, b at 16, control word at 32, result at 48, status at 64,
 * an fxsave area at 128.
 *
 *   gcc -O1 -o gen_x87 gen_x87.c && ./gen_x87 > x87_vectors.txt
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define T(name, insn)                                                              \
  extern const unsigned char b_##name[], e_##name[];                              \
  static void t_##name(unsigned char *buf) {                                       \
    asm volatile("mov %0,%%rsi\n fninit\n"                                         \
                 ".globl b_" #name "\nb_" #name ":\n"                                \
                 "fldcw 32(%%rsi)\n fldt 16(%%rsi)\n fldt (%%rsi)\n" insn "\n"      \
                 "fstpt 48(%%rsi)\n fnstsw 64(%%rsi)\n"                            \
                 ".globl e_" #name "\ne_" #name ":\n"                                \
                 "fninit\n"                                                        \
                 :                                                                 \
                 : "r"(buf)                                                        \
                 : "rsi", "memory", "st", "st(1)");                                \
  }

T(fadd, "faddp")
T(fsub, "fsubrp")
T(fsubr, "fsubp")
T(fmul, "fmulp")
T(fdiv, "fdivrp")
T(fdivr, "fdivp")
T(fsqrt, "fsqrt")
T(frndint, "frndint")
T(fprem, "fprem")
T(fscale, "fscale")
T(fchs, "fchs")
T(fabs, "fabs")
T(fxam, "fxam")
T(fcom, "fcom %%st(1)")
T(fldl2e, "fldl2e\n fstp %%st(1)")
T(fldpi, "fldpi\n fstp %%st(1)")
T(fxsave, "fxsave 128(%%rsi)\n fninit\n fxrstor 128(%%rsi)\n fsubrp")
#undef T

typedef struct {
  const char *name;
  void (*fn)(unsigned char *);
  const unsigned char *b, *e;
} Test;
#define T(n) {#n, t_##n, b_##n, e_##n}
static const Test tests[] = {T(fadd), T(fsub), T(fsubr), T(fmul), T(fdiv), T(fdivr), T(fsqrt),
                             T(frndint), T(fprem), T(fscale), T(fchs), T(fabs), T(fxam),
                             T(fcom), T(fldl2e), T(fldpi), T(fxsave)};

static uint64_t rng = 0x6a09e667f3bcc908ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void put80(unsigned char *p, uint64_t m, unsigned se) {
  memcpy(p, &m, 8);
  p[8] = se & 0xff;
  p[9] = se >> 8;
}

static void rand80(unsigned char *p, int k) {
  static const long double edge[] = {0.0L, -0.0L, 1.0L, -1.0L, 0.1L, 3.0L, 1e300L, 1e-300L, 2.5L, -7.5L, 1.0L / 3};
  if (k < 11) {
    long double v = edge[k];
    memcpy(p, &v, 10);
    return;
  }
  uint64_t m = next() | 0x8000000000000000ull;
  unsigned e = 16383 + (int)(next() % 200) - 100;
  if (k % 5 == 0) e = 16383 + (int)(next() % 8) - 4;
  put80(p, m, e | ((next() & 1) << 15));
}

static void hex(const unsigned char *b, const unsigned char *e) {
  for (; b < e; b++) printf("%02x", *b);
}

int main(void) {
  static const unsigned cws[] = {0x37f, 0x77f, 0xb7f, 0xf7f, 0x27f, 0x07f};
  printf("# x86-64 x87 vectors from gen_x87.c, run natively. Do not edit.\n");
  printf("# <name> <bytes> a=<80 bits> b=<80 bits> cw=<hex> -> r=<80 bits> sw=<C0..C3 bits>\n");
  for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
    for (int k = 0; k < 40; k++) {
      unsigned char buf[704] __attribute__((aligned(16)));
      memset(buf, 0, sizeof buf);
      rand80(buf, k < 11 ? k : 11 + k);
      rand80(buf + 16, k < 11 ? (k * 3 + 1) % 11 : 12 + k);
      unsigned cw = cws[k % 6];
      buf[32] = cw & 0xff;
      buf[33] = cw >> 8;
      tests[t].fn(buf);
      unsigned sw = (buf[64] | buf[65] << 8) & 0x4700;
      printf("%s ", tests[t].name);
      hex(tests[t].b, tests[t].e);
      printf(" a=");
      hex(buf, buf + 10);
      printf(" b=");
      hex(buf + 16, buf + 26);
      printf(" cw=%x -> r=", cw);
      hex(buf + 48, buf + 58);
      printf(" sw=%x\n", sw);
    }
  }
  return 0;
}
