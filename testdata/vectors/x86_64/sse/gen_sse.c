/*
 * x86-64 SSE/SSE2 instruction vectors, computed natively: each test runs one
 * instruction with chosen xmm0, xmm1, rax, MXCSR (rounding mode, flags clear)
 * and flags, rsi pointing at a 16-byte buffer, and prints xmm0, xmm1, rax,
 * the status flags, MXCSR and the buffer afterwards.
 *
 *   gcc -O1 -o gen_sse gen_sse.c && ./gen_sse > sse_vectors.txt
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  uint64_t x0[2], x1[2];
  uint64_t rax, mxcsr, fl, rsi;
  uint64_t mem[2];
} __attribute__((aligned(16))) St;

#define T(name, insn)                                                                  \
  extern const unsigned char b_##name[], e_##name[];                                  \
  static void t_##name(St *s) {                                                        \
    register St *p asm("r15") = s;                                                     \
    asm volatile("movdqu 0(%%r15),%%xmm0\n movdqu 16(%%r15),%%xmm1\n"                 \
                 "mov 32(%%r15),%%rax\n ldmxcsr 40(%%r15)\n mov 56(%%r15),%%rsi\n"    \
                 "push 48(%%r15)\n popfq\n"                                           \
                 ".globl b_" #name "\nb_" #name ":\n" insn "\n"                         \
                 ".globl e_" #name "\ne_" #name ":\n"                                   \
                 "pushfq\n pop 48(%%r15)\n stmxcsr 40(%%r15)\n"                       \
                 "movdqu %%xmm0,0(%%r15)\n movdqu %%xmm1,16(%%r15)\n mov %%rax,32(%%r15)\n" \
                 "ldmxcsr mx_default(%%rip)\n"                                          \
                 :                                                                     \
                 : "r"(p)                                                              \
                 : "rax", "rsi", "xmm0", "xmm1", "memory", "cc");                     \
  }

asm(".data\nmx_default: .long 0x1f80\n.text\n");

#include "insns.h"
#undef T

typedef struct {
  const char *name;
  void (*fn)(St *);
  const unsigned char *b, *e;
  int kind; /* 0 double, 1 float, 2 integer bytes */
} Test;

static const Test tests[] = {
#define T(name, insn) {#name, t_##name, b_##name, e_##name, KIND_##name},
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

static const uint64_t dedge[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x3ff8000000000000ull, 0x3fd5555555555555ull, 0x7fefffffffffffffull, 0x0010000000000000ull,
    0x0000000000000001ull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0x4340000000000001ull, 0x4004000000000000ull, 0xc00c000000000000ull,
    0x41dfffffffc00000ull, 0x43e0000000000000ull, 0x3fb999999999999aull, 0x4330000000000000ull,
};
static const uint32_t fedge[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x3eaaaaab, 0x7f7fffff,
    0x00800000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x4b800001,
    0x40200000, 0xc0600000, 0x4effffff, 0x5f000000, 0x3dcccccd, 0x4b000000,
};
#define ND (sizeof dedge / sizeof dedge[0])

static uint64_t dval(int k, int t) {
  return k < 16 ? dedge[(k * 7 + t) % ND] : (next() & 0x800fffffffffffffull) | ((next() % 0x7ff) << 52);
}
static uint64_t fval(int k, int t) {
  uint32_t a = k < 16 ? fedge[(k * 7 + t) % ND] : (uint32_t)next();
  uint32_t b = k < 16 ? fedge[(k * 3 + t + 1) % ND] : (uint32_t)next();
  return a | (uint64_t)b << 32;
}

static void hex(const unsigned char *b, const unsigned char *e) {
  for (; b < e; b++) printf("%02x", *b);
}

int main(void) {
  printf("# x86-64 SSE vectors from gen_sse.c, run natively. Do not edit.\n");
  printf("# <name> <bytes> x0 x1 rax mx fl m -> x0 x1 rax fl mx m (128-bit values high:low)\n");
  for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
    const Test *T = &tests[t];
    for (int k = 0; k < 24; k++) {
      St s;
      memset(&s, 0, sizeof s);
      for (int h = 0; h < 2; h++) {
        if (T->kind == 0) {
          s.x0[h] = dval(k + h, t);
          s.x1[h] = dval(k * 5 + h + 3, t);
          s.mem[h] = dval(k * 3 + h + 1, t);
        } else if (T->kind == 1) {
          s.x0[h] = fval(k + h, t);
          s.x1[h] = fval(k * 5 + h + 3, t);
          s.mem[h] = fval(k * 3 + h + 1, t);
        } else {
          s.x0[h] = next();
          s.x1[h] = (k & 1) ? s.x0[h] ^ (next() & next() & next()) : next();
          s.mem[h] = next();
        }
      }
      s.rax = (k % 3 == 0) ? (uint64_t)(int64_t)(k - 12) * 0x10000001ull : next() >> (k & 63);
      s.mxcsr = 0x1f80 | ((k >= 20 ? (k - 19) & 3 : 0) << 13);
      s.fl = 0x202 | (next() & 0x8d5);
      St in = s;
      s.rsi = (uint64_t)&s.mem[0];
      T->fn(&s);
      printf("%s ", T->name);
      hex(T->b, T->e);
      printf(" x0=%016" PRIx64 "%016" PRIx64 " x1=%016" PRIx64 "%016" PRIx64 " rax=%" PRIx64
             " mx=%" PRIx64 " fl=%" PRIx64 " m=%016" PRIx64 "%016" PRIx64 " ->",
             in.x0[1], in.x0[0], in.x1[1], in.x1[0], in.rax, in.mxcsr, in.fl & 0x8d5, in.mem[1],
             in.mem[0]);
      printf(" x0=%016" PRIx64 "%016" PRIx64 " x1=%016" PRIx64 "%016" PRIx64 " rax=%" PRIx64
             " mx=%" PRIx64 " fl=%" PRIx64 " m=%016" PRIx64 "%016" PRIx64 "\n",
             s.x0[1], s.x0[0], s.x1[1], s.x1[0], s.rax, s.mxcsr, s.fl & 0x8d5, s.mem[1], s.mem[0]);
    }
  }
  return 0;
}
