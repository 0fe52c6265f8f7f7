/*
 * checksum: 64-bit integer arithmetic without libc. Fills a buffer from a xorshift
 * generator, folds it with mul/div/rem/shift/rotate and the 32-bit "W" forms, prints the
 * hex results; then prints the RISC-V-defined results of division corner cases
 * (division by zero, INT64_MIN / -1) computed with inline asm.
 */
#include "sys.h"

static u64 rotl(u64 x, unsigned r) {
  r &= 63;
  return r ? (x << r) | (x >> (64 - r)) : x;
}

static u64 rotr(u64 x, unsigned r) {
  r &= 63;
  return r ? (x >> r) | (x << (64 - r)) : x;
}

static u64 xorshift(u64 *s) {
  u64 x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *s = x;
  return x;
}

static u64 mulhu(u64 a, u64 b) {
  u64 r;
  __asm__("mulhu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

static i64 mulh(i64 a, i64 b) {
  i64 r;
  __asm__("mulh %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

static i64 mulhsu(i64 a, u64 b) {
  i64 r;
  __asm__("mulhsu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

#define ASM_OP(name, insn, T)                                     \
  static T name(T a, T b) {                                       \
    T r;                                                          \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); \
    return r;                                                     \
  }
ASM_OP(op_div, "div", i64)
ASM_OP(op_divu, "divu", u64)
ASM_OP(op_rem, "rem", i64)
ASM_OP(op_remu, "remu", u64)
ASM_OP(op_divw, "divw", i64)
ASM_OP(op_divuw, "divuw", i64)
ASM_OP(op_remw, "remw", i64)
ASM_OP(op_remuw, "remuw", i64)

static u8 buf[8192];

static void line(const char *label, u64 v) {
  put_str(label);
  put_str(" ");
  put_hex(v);
  put_str("\n");
}

int main(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  (void)envp;
  u64 seed = 0x9e3779b97f4a7c15ul;
  for (unsigned i = 0; i < sizeof buf; i += 8) {
    u64 v = xorshift(&seed);
    for (int k = 0; k < 8; k++) buf[i + k] = (u8)(v >> (8 * k));
  }

  u64 h = 0xcbf29ce484222325ul; /* FNV-1a 64 */
  u64 acc = 1, mix = 0, hi = 0;
  i64 sacc = -12345;
  u32 w = 0x12345678u;
  for (unsigned i = 0; i < sizeof buf; i += 8) {
    u64 v = 0;
    for (int k = 7; k >= 0; k--) v = (v << 8) | buf[i + k];
    for (int k = 0; k < 8; k++) {
      h ^= buf[i + k];
      h *= 0x100000001b3ul;
    }
    acc = acc * (v | 1) + rotl(v, (unsigned)i);
    mix ^= rotr(acc, (unsigned)(v & 63)) + (v >> 3) - (v << 5);
    hi += mulhu(v, acc) ^ (u64)mulh((i64)v, (i64)acc) ^ (u64)mulhsu((i64)acc, v);
    u64 d = (v >> 40) | 1;
    mix += acc / d + acc % d;
    i64 sv = (i64)v;
    i64 sd = (i64)((v >> 17) | 1) * ((v & 1) ? -1 : 1);
    sacc += sv / sd - sv % sd + (sv >> (v & 63));
    w = w * 2654435761u + (u32)(v >> 32);
    w ^= w >> 15;
    w += (u32)((i32)w / (i32)((v & 0xffff) | 1));
    w -= (u32)((u32)v % ((u32)(v >> 48) | 1u));
    w = (w << (v & 31)) | (w >> ((32 - (v & 31)) & 31));
  }
  line("fnv1a", h);
  line("acc", acc);
  line("mix", mix);
  line("mulh", hi);
  line("sdiv", (u64)sacc);
  line("word", w);

  /* RISC-V defines the results of these; C leaves them undefined. */
  const i64 min = (i64)0x8000000000000000ul;
  const i64 imin32 = (i64)(i32)0x80000000u;
  line("div min/-1", (u64)op_div(min, -1));
  line("rem min/-1", (u64)op_rem(min, -1));
  line("div 7/0", (u64)op_div(7, 0));
  line("divu 7/0", op_divu(7, 0));
  line("rem 7/0", (u64)op_rem(7, 0));
  line("remu 7/0", op_remu(7, 0));
  line("div -7/2", (u64)op_div(-7, 2));
  line("rem -7/2", (u64)op_rem(-7, 2));
  line("divu -7/2", op_divu((u64)-7, 2));
  line("divw min/-1", (u64)op_divw(imin32, -1));
  line("remw min/-1", (u64)op_remw(imin32, -1));
  line("divw 5/0", (u64)op_divw(5, 0));
  line("divuw 5/0", (u64)op_divuw(5, 0));
  line("remw -5/0", (u64)op_remw(-5, 0));
  line("remuw -5/0", (u64)op_remuw(-5, 0));
  line("divuw big", (u64)op_divuw((i64)0xffffffff80000000ul, 3));
  line("mulh min*min", (u64)mulh(min, min));
  line("mulhu max*max", mulhu(~0ul, ~0ul));
  line("mulhsu -1*max", (u64)mulhsu(-1, ~0ul));
  return 0;
}
