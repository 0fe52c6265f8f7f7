/*
 * x86-64 SSE3, SSE4.1 and SSE4.2 instruction vectors (and fisttp), computed
 * natively: each test runs one instruction with chosen xmm0, xmm1, xmm2, rax,
 * rcx, rdx, MXCSR (rounding mode, flags clear) and flags, rsi pointing at a
 * 16-byte buffer, and prints the same state afterwards.
 *
 *   sh gen.sh   (writes insns_gen.h, builds this file, writes sse4_vectors.txt)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  uint64_t x0[2], x1[2], x2[2];
  uint64_t rax, rcx, rdx, mxcsr, fl, rsi;
  uint64_t mem[2];
} __attribute__((aligned(16))) St;

#define T(name, kind, insn)                                                             \
  extern const unsigned char b_##name[], e_##name[];                                   \
  static void t_##name(St *s) {                                                         \
    register St *p asm("r15") = s;                                                      \
    asm volatile("movdqu 0(%%r15),%%xmm0\n movdqu 16(%%r15),%%xmm1\n"                  \
                 "movdqu 32(%%r15),%%xmm2\n mov 48(%%r15),%%rax\n"                     \
                 "mov 56(%%r15),%%rcx\n mov 64(%%r15),%%rdx\n"                         \
                 "ldmxcsr 72(%%r15)\n mov 88(%%r15),%%rsi\n"                           \
                 "push 80(%%r15)\n popfq\n"                                            \
                 ".globl b_" #name "\nb_" #name ":\n" insn "\n"                          \
                 ".globl e_" #name "\ne_" #name ":\n"                                    \
                 "pushfq\n pop 80(%%r15)\n stmxcsr 72(%%r15)\n"                        \
                 "movdqu %%xmm0,0(%%r15)\n movdqu %%xmm1,16(%%r15)\n"                  \
                 "movdqu %%xmm2,32(%%r15)\n mov %%rax,48(%%r15)\n"                     \
                 "mov %%rcx,56(%%r15)\n mov %%rdx,64(%%r15)\n"                         \
                 "ldmxcsr mx_default(%%rip)\n"                                           \
                 :                                                                      \
                 : "r"(p)                                                               \
                 : "rax", "rcx", "rdx", "rsi", "xmm0", "xmm1", "xmm2", "memory", "cc"); \
  }

asm(".data\nmx_default: .long 0x1f80\n.text\n");

#include "insns.h"
#include "insns_gen.h"
#undef T

typedef struct {
  const char *name;
  void (*fn)(St *);
  const unsigned char *b, *e;
  int kind; /* 0 double, 1 float, 2 integer bytes, 3 strings (pcmpXstrX), 4 crc32 */
} Test;

static const Test tests[] = {
#define T(name, kind, insn) {#name, t_##name, b_##name, e_##name, kind},
#include "insns.h"
#include "insns_gen.h"
#undef T
};

static uint64_t rng = 0x13198a2e03707344ull;
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
    0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x4002000000000000ull, 0xc012000000000000ull,
    0x800fffffffffffffull, 0x432fffffffffffffull, 0xfff8000000000001ull, 0x3fefffffffffffffull,
};
static const uint32_t fedge[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x3eaaaaab, 0x7f7fffff,
    0x00800000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x4b800001,
    0x40200000, 0xc0600000, 0x4effffff, 0x5f000000, 0x3dcccccd, 0x4b000000, 0x3f000000,
    0xbf000000, 0x40100000, 0xc0900000, 0x807fffff, 0x4affffff, 0xffc00001, 0x3f7fffff,
};
#define ND (sizeof dedge / sizeof dedge[0])
#define NF (sizeof fedge / sizeof fedge[0])

/* Edge values first, then moderate magnitudes (fractions matter), then anything. */
static uint64_t dval(int k, int t) {
  if (k < 16) return dedge[(k * 7 + t) % ND];
  if (k < 28) return (next() & 0x800fffffffffffffull) | ((uint64_t)(1016 + next() % 48) << 52);
  return (next() & 0x800fffffffffffffull) | ((next() % 0x7ff) << 52);
}
static uint32_t f1(int k, int t) {
  if (k < 16) return fedge[(k * 7 + t) % NF];
  if (k < 28) return ((uint32_t)next() & 0x807fffff) | ((uint32_t)(120 + next() % 20) << 23);
  return (uint32_t)next();
}
static uint64_t fval(int k, int t) {
  uint32_t a = f1(k, t);
  uint32_t b = f1(k < 16 ? k * 3 + 1 : k, t);
  return a | (uint64_t)b << 32;
}
/* String bytes: a small alphabet with zeros, so matches and terminators are common. */
static uint64_t sval(int k) {
  static const unsigned char alpha[] = {'a', 'b', 'c', 'a', 'b', 'z', 0x80, 0xff, 0x7f, 'A', '0', 'a', 'b', 'c', 0, 'm'};
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) {
    uint64_t r = next();
    unsigned char c = alpha[r % 16];
    if (k & 1 && c == 0) c = 'q';
    v |= (uint64_t)c << (8 * i);
  }
  return v;
}
static const int64_t lens[] = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 100, -1, -3, -8, -9, -16, -17,
                               0x7fffffff, (int64_t)0xffffffff80000000ull, 0x100000004ll,
                               (int64_t)0x8000000000000000ull, 4, 6, 10, 12, 13, 14, 11, 1, 2, 3};

static void hex(const unsigned char *b, const unsigned char *e) {
  for (; b < e; b++) printf("%02x", *b);
}

static void show(const St *s) {
  printf(" x0=%016" PRIx64 "%016" PRIx64 " x1=%016" PRIx64 "%016" PRIx64 " x2=%016" PRIx64
         "%016" PRIx64 " rax=%" PRIx64 " rcx=%" PRIx64 " rdx=%" PRIx64 " mx=%" PRIx64 " fl=%" PRIx64
         " m=%016" PRIx64 "%016" PRIx64,
         s->x0[1], s->x0[0], s->x1[1], s->x1[0], s->x2[1], s->x2[0], s->rax, s->rcx, s->rdx,
         s->mxcsr, s->fl & 0x8d5, s->mem[1], s->mem[0]);
}

int main(void) {
  printf("# x86-64 SSE3/SSE4 vectors from gen_sse4.c, run natively. Do not edit.\n");
  printf("# <name> <bytes> x0 x1 x2 rax rcx rdx mx fl m -> the same after (128-bit values high:low)\n");
  for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
    const Test *T = &tests[t];
    int n = T->kind == 3 ? 12 : 32;
    for (int k = 0; k < n; k++) {
      St s;
      memset(&s, 0, sizeof s);
      for (int h = 0; h < 2; h++) {
        if (T->kind == 0) {
          s.x0[h] = dval(k + h, t);
          s.x1[h] = dval(k < 16 ? k * 5 + h + 3 : k, t);
          s.x2[h] = dval(k < 16 ? k * 11 + h + 5 : k, t);
          s.mem[h] = dval(k < 16 ? k * 3 + h + 1 : k, t);
        } else if (T->kind == 1) {
          s.x0[h] = fval(k + h, t);
          s.x1[h] = fval(k < 16 ? k * 5 + h + 3 : k, t);
          s.x2[h] = fval(k < 16 ? k * 11 + h + 5 : k, t);
          s.mem[h] = fval(k < 16 ? k * 3 + h + 1 : k, t);
        } else if (T->kind == 3) {
          s.x0[h] = sval(k);
          s.x1[h] = (k % 3 == 0) ? s.x0[h] : sval(k >> 1);
          s.x2[h] = sval(k);
          s.mem[h] = sval(k + 1);
        } else {
          s.x0[h] = next();
          s.x1[h] = (k & 1) ? s.x0[h] ^ (next() & next() & next()) : next();
          if (k % 8 == 3) s.x1[h] = h ? next() : s.x0[h];
          if (k % 8 == 5) s.x1[h] = ~s.x0[h];
          if (k % 8 == 7) s.x1[h] = s.x0[h] & next();
          if (k % 16 == 9) s.x1[h] = 0;
          if (k == 2) s.x0[h] = s.x1[h] = 0x8000000080000000ull;
          if (k == 4) s.x0[h] = s.x1[h] = ~0ull;
          s.x2[h] = next();
          s.mem[h] = next();
        }
      }
      if (T->kind == 3) {
        s.rax = (uint64_t)lens[(k * 7 + t) % 32];
        s.rdx = (uint64_t)lens[(k * 5 + t * 3 + 1) % 32];
      } else {
        s.rax = (k % 3 == 0) ? (uint64_t)(int64_t)(k - 12) * 0x10000001ull : next() >> (k & 63);
        s.rdx = next() >> (k & 31);
      }
      s.rcx = next();
      s.mxcsr = 0x1f80 | ((k >= 8 ? k & 3 : 0) << 13);
      s.fl = 0x202 | (next() & 0x8d5);
      St in = s;
      s.rsi = (uint64_t)&s.mem[0];
      T->fn(&s);
      printf("%s ", T->name);
      hex(T->b, T->e);
      show(&in);
      printf(" ->");
      show(&s);
      printf("\n");
    }
  }
  return 0;
}
