/*
 * x86-64 MMX instruction vectors, computed natively: each test loads mm0,
 * mm1 (with movq, so every x87 tag is valid and TOP is 0), rax, and rsi = rdi
 * pointing at a 16-byte buffer, runs one instruction (or a short MMX/x87
 * sequence; r15 points at a 16-byte aligned scratch area at offset 48), saves
 * the x87 state with fxsave, and prints mm0, mm1, rax, the buffer, the
 * abridged tag word and TOP afterwards.
 *
 *   sh gen.sh
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  uint64_t mm0, mm1, rax, rsi; /* 0, 8, 16, 24 */
  uint64_t mem[2];             /* 32 */
  unsigned char fx[512];       /* 48 */
} __attribute__((aligned(16))) St;

#define T(name, insn)                                                                   \
  extern const unsigned char b_##name[], e_##name[];                                   \
  static void t_##name(St *s) {                                                         \
    register St *p asm("r15") = s;                                                      \
    asm volatile("movq 0(%%r15),%%mm0\n movq 8(%%r15),%%mm1\n"                          \
                 "mov 16(%%r15),%%rax\n mov 24(%%r15),%%rsi\n mov %%rsi,%%rdi\n"        \
                 ".globl b_" #name "\nb_" #name ":\n" insn "\n"                          \
                 ".globl e_" #name "\ne_" #name ":\n"                                    \
                 "fxsave 48(%%r15)\n"                                                   \
                 "movq %%mm0,0(%%r15)\n movq %%mm1,8(%%r15)\n mov %%rax,16(%%r15)\n"    \
                 "emms\n"                                                               \
                 :                                                                      \
                 : "r"(p)                                                               \
                 : "rax", "rsi", "rdi", "memory", "cc", "st", "st(1)", "st(2)", "st(3)", \
                   "st(4)", "st(5)", "st(6)", "st(7)");                                 \
  }

#include "insns.h"
#undef T

typedef struct {
  const char *name;
  void (*fn)(St *);
  const unsigned char *b, *e;
} Test;

static const Test tests[] = {
#define T(name, insn) {#name, t_##name, b_##name, e_##name},
#include "insns.h"
#undef T
};

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static const uint64_t edge[] = {
    0x0000000000000000ull, 0xffffffffffffffffull, 0x8000800080008000ull, 0x7fff7fff7fff7fffull,
    0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full, 0x0001000100010001ull, 0x80000000ffffffffull,
    0x00ff00ff00ff00ffull, 0xff00ff0080007fffull, 0x7fffffff80000000ull, 0x0102030405060708ull,
    0x8182838485868788ull, 0x3fff4000c000bfffull, 0x000000007fffffffull, 0xffff0000ffff0001ull,
};
#define NE (sizeof edge / sizeof edge[0])

static void hex(const unsigned char *b, const unsigned char *e) {
  for (; b < e; b++) printf("%02x", *b);
}

int main(void) {
  printf("# x86-64 MMX vectors from gen_mmx.c, run natively. Do not edit.\n");
  printf("# <name> <bytes> x0 x1 rax m -> x0 x1 rax m tw top (x0/x1: mm0/mm1; m: 128-bit "
         "buffer high:low; tw: fxsave abridged tag byte; top: FSW.TOP)\n");
  for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
    const Test *T = &tests[t];
    for (int k = 0; k < 32; k++) {
      St s;
      memset(&s, 0, sizeof s);
      if (k < 16) {
        s.mm0 = edge[(k * 5 + t) % NE];
        s.mm1 = edge[(k * 3 + t / 3) % NE];
        s.mem[0] = edge[(k * 7 + 1) % NE];
      } else if (k < 24) {
        s.mm0 = next();
        s.mm1 = (k & 1) ? s.mm0 ^ (next() & next() & next()) : next();
        s.mem[0] = (k & 2) ? s.mm0 ^ (next() & next()) : next();
      } else {
        /* Small values: shift counts through the register and memory forms. */
        s.mm0 = next();
        s.mm1 = (uint64_t)(k - 24) * 9;
        s.mem[0] = (uint64_t)(k - 24) * 9 + 4;
      }
      if (k == 30) s.mem[0] = 0x3ff8000000000000ull; /* 1.5 for the x87 sequence */
      s.mem[1] = next();
      s.rax = (k % 3 == 0) ? (uint64_t)(int64_t)(k - 12) * 0x10000001ull : next() >> (k & 63);
      St in = s;
      s.rsi = (uint64_t)&s.mem[0];
      T->fn(&s);
      unsigned top = (s.fx[2] | s.fx[3] << 8) >> 11 & 7;
      printf("%s ", T->name);
      hex(T->b, T->e);
      printf(" x0=%" PRIx64 " x1=%" PRIx64 " rax=%" PRIx64 " m=%016" PRIx64 "%016" PRIx64
             " ->",
             in.mm0, in.mm1, in.rax, in.mem[1], in.mem[0]);
      printf(" x0=%" PRIx64 " x1=%" PRIx64 " rax=%" PRIx64 " m=%016" PRIx64 "%016" PRIx64
             " tw=%x top=%x\n",
             s.mm0, s.mm1, s.rax, s.mem[1], s.mem[0], s.fx[4], top);
    }
  }
  return 0;
}
