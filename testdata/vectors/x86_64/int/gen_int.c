/*
 * x86-64 integer instruction vectors, computed natively: every test runs one
 * instruction (or a short sequence) with chosen rax, rbx, rcx, rdx and flags,
 * rsi pointing at a 16-byte buffer, and prints the registers, the flags the
 * instruction defines and the buffer afterwards. A divide error is recorded
 * as "trap=de". The instruction bytes are read from this program's own code.
 *
 *   gcc -O1 -o gen_int gen_int.c && ./gen_int > int_vectors.txt
 */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  uint64_t rax, rbx, rcx, rdx, rsi, rdi, fl, pad;
  uint64_t mem[2]; /* 16-byte aligned, for cmpxchg16b */
} __attribute__((aligned(16))) St;

static sigjmp_buf jb;
static void on_fpe(int sig) {
  (void)sig;
  siglongjmp(jb, 1);
}

#define T(name, insn)                                                                   \
  extern const unsigned char b_##name[], e_##name[];                                   \
  static void t_##name(St *s) {                                                         \
    register St *p asm("r15") = s;                                                      \
    asm volatile("mov 0(%%r15),%%rax\n mov 8(%%r15),%%rbx\n mov 16(%%r15),%%rcx\n"     \
                 "mov 24(%%r15),%%rdx\n mov 32(%%r15),%%rsi\n mov 40(%%r15),%%rdi\n"  \
                 "push 48(%%r15)\n popfq\n"                                            \
                 ".globl b_" #name "\nb_" #name ":\n" insn "\n"                          \
                 ".globl e_" #name "\ne_" #name ":\n"                                    \
                 "pushfq\n pop 48(%%r15)\n"                                            \
                 "mov %%rax,0(%%r15)\n mov %%rbx,8(%%r15)\n mov %%rcx,16(%%r15)\n"     \
                 "mov %%rdx,24(%%r15)\n mov %%rsi,32(%%r15)\n mov %%rdi,40(%%r15)\n"   \
                 :                                                                      \
                 : "r"(p)                                                               \
                 : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "memory", "cc");           \
  }

#include "insns.h"
#undef T

typedef struct {
  const char *name;
  void (*fn)(St *);
  const unsigned char *b, *e;
  unsigned mask;
} Test;

/* Flags each family defines: all six, logic (no AF), shift (CF SF ZF PF), CF+OF, ZF, CF, CF+ZF. */
#define ALL 0x8d5
#define LOGIC 0x8c5
#define SHIFT 0x0c5
#define MULF 0x801
#define ZFO 0x040
#define CFO 0x001
#define CZ 0x041
#define NONE 0

static const Test tests[] = {
#define T(name, insn) {#name, t_##name, b_##name, e_##name, MASK_##name},
#include "insns.h"
#undef T
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static const uint64_t edge[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000ull,
    0xffffffffull, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0x123456789abcdef0ull, 0xff00ff00ff00ff80ull,
};
#define NE (sizeof edge / sizeof edge[0])
static const uint64_t counts[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255};

static void hex(const unsigned char *b, const unsigned char *e) {
  for (; b < e; b++) printf("%02x", *b);
}

int main(void) {
  signal(SIGFPE, on_fpe);
  printf("# x86-64 integer vectors from gen_int.c, run natively. Do not edit.\n");
  printf("# <name> <bytes> in: rax rbx rcx rdx fl m -> out: rax rbx rcx rdx fl(masked) m | trap=de\n");
  for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
    const Test *T = &tests[t];
    for (int k = 0; k < 24; k++) {
      St s;
      memset(&s, 0, sizeof s);
      if (k < 14) {
        s.rax = edge[(k * 7 + t) % NE];
        s.rbx = edge[(k * 3 + t * 5) % NE];
      } else {
        s.rax = next();
        s.rbx = next();
        if (k & 1) s.rbx >>= (next() & 63);
      }
      s.rcx = (k % 3 == 0) ? counts[(k + t) % 16] : next();
      s.rdx = (k % 4 == 0) ? 0 : (k % 4 == 1) ? next() >> 40 : next();
      s.fl = 0x202 | (next() & 0x8d5);
      s.mem[0] = (k & 1) ? edge[(k + 3 * t) % NE] : next();
      s.mem[1] = next();
      St in = s;
      s.rsi = (uint64_t)&s.mem[0];
      s.rdi = (uint64_t)&s.mem[1];
      in.rsi = in.rdi = 0;
      int trapped = 0;
      if (sigsetjmp(jb, 1)) trapped = 1;
      else T->fn(&s);
      printf("%s ", T->name);
      hex(T->b, T->e);
      printf(" rax=%" PRIx64 " rbx=%" PRIx64 " rcx=%" PRIx64 " rdx=%" PRIx64 " fl=%" PRIx64
             " m=%016" PRIx64 "%016" PRIx64 " ->",
             in.rax, in.rbx, in.rcx, in.rdx, in.fl & 0x8d5, in.mem[1], in.mem[0]);
      if (trapped) {
        printf(" trap=de\n");
        continue;
      }
      printf(" rax=%" PRIx64 " rbx=%" PRIx64 " rcx=%" PRIx64 " rdx=%" PRIx64 " fl=%x/%x"
             " m=%016" PRIx64 "%016" PRIx64 "\n",
             s.rax, s.rbx, s.rcx, s.rdx, (unsigned)(s.fl & T->mask), T->mask, s.mem[1], s.mem[0]);
    }
  }
  return 0;
}
