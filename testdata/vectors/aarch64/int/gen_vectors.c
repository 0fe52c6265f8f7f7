/*
 * Generator of AArch64 instruction vectors for kitemu.
 *
 * Built with aarch64-linux-gnu-gcc and run under `qemu-aarch64 -cpu max,pauth=off` (see
 * gen.sh). Every case runs a short code sequence (usually one instruction) in an inline-asm
 * harness that loads x0..x7, NZCV, FPCR, v0..v3 from the array S, executes the sequence
 * (between local labels 1 and 2), and stores them back with FPSR. x9/x10 belong to the
 * harness. Memory operands point into the 64-byte buffer D.
 *
 * Output, one case per line (tokens separated by one space):
 *
 *   NAME WORDS IN... -> OUT...
 *
 *   WORDS  the encodings between the labels, comma-separated hex
 *   IN     x0..x7=V, nzcv=V, and with FP/SIMD: fpcr=V v0..v3=HEX32; with memory: m=HEX128
 *   OUT    every x register that changed, nzcv=V; with FP/SIMD: fpsr=V, every changed v0..v3;
 *          with memory: m=HEX128
 *
 * V is hex; a value in [D, D+0x100) is written D+OFF. HEX32 is the 16 bytes of the vector
 * register in memory order.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t u64;

enum { S_X = 0, S_NZCV = 8, S_FPCR = 9, S_V = 10, S_FPSR = 18, S_START = 19, S_END = 20, S_N = 21 };
static u64 S[S_N], IN[S_N];
static uint8_t D[64] __attribute__((aligned(64))), MB[64];
static uint64_t seed = 0x9e3779b97f4a7c15ull;
static unsigned flags;
enum { F_V = 1, F_M = 2 };

static u64 rnd(void) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

#define DA(off) ((u64)(uintptr_t)D + (off))

static void prep(unsigned f) {
  flags = f;
  for (int i = 0; i < 8; i++) S[i] = rnd();
  S[S_NZCV] = (rnd() & 15) << 28;
  S[S_FPCR] = 0;
  for (int i = 0; i < 8; i++) S[S_V + i] = rnd();
  S[S_FPSR] = 0;
  for (int i = 0; i < 64; i++) D[i] = (uint8_t)(rnd() >> 32);
}

#define PRE                                                                                 \
  "mov x9, %[s]\n ldr x10, [x9, #72]\n msr fpcr, x10\n msr fpsr, xzr\n"                       \
  "ldp q0, q1, [x9, #80]\n ldp q2, q3, [x9, #112]\n ldr x10, [x9, #64]\n msr nzcv, x10\n"     \
  "ldp x0, x1, [x9]\n ldp x2, x3, [x9, #16]\n ldp x4, x5, [x9, #32]\n ldp x6, x7, [x9, #48]\n" \
  "1:\n"
#define POST                                                                                  \
  "\n2:\n stp x0, x1, [x9]\n stp x2, x3, [x9, #16]\n stp x4, x5, [x9, #32]\n"                  \
  "stp x6, x7, [x9, #48]\n mrs x10, nzcv\n str x10, [x9, #64]\n stp q0, q1, [x9, #80]\n"      \
  "stp q2, q3, [x9, #112]\n mrs x10, fpsr\n str x10, [x9, #144]\n adr x10, 1b\n"              \
  "str x10, [x9, #152]\n adr x10, 2b\n str x10, [x9, #160]\n"
#define RUN(BODY)                                                                      \
  __asm__ volatile(PRE BODY POST ::[s] "r"(S)                                          \
                   : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x10", "v0", "v1", "v2", \
                     "v3", "memory", "cc")

static void val(const char *k, u64 v) {
  if (v >= DA(0) && v < DA(0x100)) printf(" %s=D+%llx", k, (unsigned long long)(v - DA(0)));
  else printf(" %s=%llx", k, (unsigned long long)v);
}

static void vreg(int i, const u64 *s) {
  const uint8_t *b = (const uint8_t *)&s[S_V + 2 * i];
  printf(" v%d=", i);
  for (int k = 0; k < 16; k++) printf("%02x", b[k]);
}

static void mem(const uint8_t *m) {
  printf(" m=");
  for (int k = 0; k < 64; k++) printf("%02x", m[k]);
}

static void report(const char *body) {
  char name[32];
  int n = 0;
  while (body[n] && body[n] != ' ' && body[n] != '\n' && n < 31) name[n] = body[n], n++;
  name[n] = 0;
  printf("%s ", name);
  const uint32_t *p = (const uint32_t *)(uintptr_t)S[S_START];
  const uint32_t *e = (const uint32_t *)(uintptr_t)S[S_END];
  for (; p < e; p++) printf("%08x%s", *p, p + 1 < e ? "," : "");
  char k[8];
  for (int i = 0; i < 8; i++) {
    sprintf(k, "x%d", i);
    val(k, IN[i]);
  }
  printf(" nzcv=%llx", (unsigned long long)IN[S_NZCV] >> 28);
  if (flags & F_V) {
    printf(" fpcr=%llx", (unsigned long long)IN[S_FPCR]);
    for (int i = 0; i < 4; i++) vreg(i, IN);
  }
  if (flags & F_M) mem(MB);
  printf(" ->");
  for (int i = 0; i < 8; i++) {
    if (S[i] != IN[i]) {
      sprintf(k, "x%d", i);
      val(k, S[i]);
    }
  }
  printf(" nzcv=%llx", (unsigned long long)S[S_NZCV] >> 28);
  if (flags & F_V) {
    printf(" fpsr=%llx", (unsigned long long)S[S_FPSR]);
    for (int i = 0; i < 4; i++)
      if (memcmp(&S[S_V + 2 * i], &IN[S_V + 2 * i], 16) != 0) vreg(i, S);
  }
  if (flags & F_M) mem(D);
  printf("\n");
}

#define T(F, BODY, ...)          \
  do {                           \
    prep(F);                     \
    __VA_ARGS__;                 \
    memcpy(IN, S, sizeof S);     \
    memcpy(MB, D, sizeof D);     \
    RUN(BODY);                   \
    report(BODY);                \
  } while (0)

static const u64 IV[] = {0,          1,          0x7fffffffffffffffull, 0x8000000000000000ull,
                         ~0ull,      0x80000000, 0xffffffff,            0x123456789abcdef0ull,
                         0xfedcba98, 63};
#define NIV (sizeof IV / sizeof IV[0])

/* Two-operand integer op: x0 = op(x1, x2), every pair of IV, nzcv varied. */
#define ALU2(BODY)                                                       \
  for (unsigned a = 0; a < NIV; a++)                                     \
    for (unsigned b = 0; b < NIV; b++)                                   \
  T(0, BODY, S[1] = IV[a], S[2] = IV[b], S[S_NZCV] = (u64)((a + b) & 15) << 28)
/* One-operand: x0 = op(x1) over IV plus random values. */
#define ALU1(BODY)                                        \
  for (unsigned a = 0; a < NIV + 6; a++)                  \
  T(0, BODY, S[1] = a < NIV ? IV[a] : rnd(), S[S_NZCV] = (u64)(a & 15) << 28)

static const double DV[] = {-0.0, 1.0, -1.5, 0.1, 1e300, -1e-310, __builtin_inf(), __builtin_nan(""), 2.5, 4294967296.5, -9.3e18};
#define NDV (sizeof DV / sizeof DV[0])
static const float FV[] = {0.0f, -0.0f, 1.0f, -1.5f, 0.1f, 3e38f, 1e-40f, __builtin_inff(), __builtin_nanf(""), -2.5f, -2147483648.0f};
#define NFV (sizeof FV / sizeof FV[0])

static void setd(int r, double d) { memcpy(&S[S_V + 2 * r], &d, 8); }
static void setf(int r, float f) { memcpy(&S[S_V + 2 * r], &f, 4); }

/* Scalar FP double op on d1, d2 (and d3), all pairs of DV, every rounding mode in turn. */
#define FPD(BODY)                                                         \
  for (unsigned a = 0; a < NDV; a++)                                      \
    for (unsigned b = 0; b < NDV; b++)                                    \
  T(F_V, BODY, setd(1, DV[a]), setd(2, DV[b]), setd(3, DV[(a + b) % NDV]), \
    S[S_FPCR] = (u64)((a * 3 + b) & 3) << 22)
#define FPS(BODY)                                                         \
  for (unsigned a = 0; a < NFV; a++)                                      \
    for (unsigned b = 0; b < NFV; b++)                                    \
  T(F_V, BODY, setf(1, FV[a]), setf(2, FV[b]), setf(3, FV[(a + b) % NFV]), \
    S[S_FPCR] = (u64)((a * 3 + b) & 3) << 22)
/* SIMD op over random vectors (several seeds), with some equal lanes. */
#define SIMD(BODY)                                  \
  for (unsigned a = 0; a < 8; a++)                  \
  T(F_V, BODY, S[S_V + 2] = (a & 1) ? S[S_V] : S[S_V + 2], S[S_V + 4] = (a & 2) ? 0 : S[S_V + 4], \
    S[S_V + 3] = (a & 4) ? ~S[S_V + 1] : S[S_V + 3])
/* Memory op: x1 = D + off. */
#define MEM(BODY, off)                               \
  for (unsigned a = 0; a < 3; a++)                  \
  T(F_M | F_V, BODY, S[1] = DA(off), S[2] = (u64)a * 8 - 8, S[3] = (u64)a * 2)

/* LSE atomics: x1 = D + 8, the memory operand m and the register operand r (x2) take the
 * edge pairs below in the low SZ bytes; the other bytes of both stay random, so a B/H/W form
 * must ignore them. */
static u64 szmask(unsigned sz) { return sz == 8 ? ~0ull : (1ull << (8 * sz)) - 1; }
static u64 edge(unsigned k, unsigned sz, int reg) {
  const u64 smax = szmask(sz) >> 1, smin = smax + 1;
  static u64 same;
  switch (k) {
  case 0: return 0;
  case 1: return reg ? ~0ull : 1;
  case 2: return reg ? 1 : ~0ull;
  case 3: return reg ? smin : smax;
  case 4: return reg ? smax : smin;
  case 5: return reg ? 0 : smin;
  case 6: return reg ? same : (same = rnd());
  default: return rnd();
  }
}
static u64 rdm(unsigned off) {
  u64 m;
  memcpy(&m, D + off, 8);
  return m;
}
static void setm(unsigned off, unsigned sz, u64 v) {
  u64 m;
  memcpy(&m, D + off, 8);
  m = (m & ~szmask(sz)) | (v & szmask(sz));
  memcpy(D + off, &m, 8);
}
#define NAE 8
#define ATOM(BODY, SZ)                                                              \
  for (unsigned k = 0; k < NAE; k++)                                                \
  T(F_M, BODY, S[1] = DA(8), setm(8, SZ, edge(k, SZ, 0)),                           \
    S[2] = (S[2] & ~szmask(SZ)) | (edge(k, SZ, 1) & szmask(SZ)))
/* The four orderings of one LSE mnemonic, in size SFX ("b", "h", "") with registers R (w/x). */
#define ATOM4(OP, SFX, R, SZ)                                   \
  ATOM(OP SFX " " R "2, " R "0, [x1]", SZ);                     \
  ATOM(OP "a" SFX " " R "2, " R "0, [x1]", SZ);                 \
  ATOM(OP "l" SFX " " R "2, " R "0, [x1]", SZ);                 \
  ATOM(OP "al" SFX " " R "2, " R "0, [x1]", SZ)
#define ATOMALL(OP) \
  ATOM4(OP, "b", "w", 1); ATOM4(OP, "h", "w", 2); ATOM4(OP, "", "w", 4); ATOM4(OP, "", "x", 8)
/* ST<op> aliases (Rt = zr), with and without release. */
#define STALL(OP)                                                                          \
  ATOM(OP "b w2, [x1]", 1); ATOM(OP "lb w2, [x1]", 1); ATOM(OP "h w2, [x1]", 2);           \
  ATOM(OP "lh w2, [x1]", 2); ATOM(OP " w2, [x1]", 4); ATOM(OP "l w2, [x1]", 4);            \
  ATOM(OP " x2, [x1]", 8); ATOM(OP "l x2, [x1]", 8)
/* CAS: x1 = D + 8, x2 (compare) equal to memory in the low SZ bytes on even k, x3 random. */
#define CAS1(BODY, SZ)                                                                  \
  for (unsigned k = 0; k < 6; k++)                                                      \
  T(F_M, BODY, S[1] = DA(8), S[2] = (k & 1) ? (k == 5 ? S[2] ^ 1 : S[2])                \
                                            : (S[2] & ~szmask(SZ)) | (rdm(8) & szmask(SZ)))
#define CAS4(SFX, R, SZ)                                \
  CAS1("cas" SFX " " R "2, " R "3, [x1]", SZ);           \
  CAS1("casa" SFX " " R "2, " R "3, [x1]", SZ);          \
  CAS1("casl" SFX " " R "2, " R "3, [x1]", SZ);          \
  CAS1("casal" SFX " " R "2, " R "3, [x1]", SZ)
/* CASP: x1 = D + 16; k & 1 makes the first compare register equal to memory, k & 2 the
 * second (in the low SZ bytes; the upper half of a W register stays random). */
static void caspset(unsigned k, unsigned sz) {
  u64 lo = 0, hi = 0;
  memcpy(&lo, D + 16, sz);
  memcpy(&hi, D + 16 + sz, sz);
  if (k & 1) S[2] = (S[2] & ~szmask(sz)) | lo;
  if (k & 2) S[3] = (S[3] & ~szmask(sz)) | hi;
  if (k & 4) S[2] ^= (k & 1) ? 0 : 1ull << (8 * sz - 1); /* differ only in the top bit */
}
#define CASP(BODY, SZ) \
  for (unsigned k = 0; k < 8; k++) T(F_M, BODY, S[1] = DA(16), caspset(k, SZ))
/* The same with a zero register as the second compare half: k & 2 zeroes that memory half. */
#define CASPZ(BODY, SZ)                                                                  \
  for (unsigned k = 0; k < 8; k++)                                                       \
  T(F_M, BODY, S[1] = DA(16), ((k & 2) ? memset(D + 16 + SZ, 0, SZ) : 0), caspset(k, SZ))

/* FP lanes with edge values: doubles from DV (even a) or singles from FV (odd a) in every
 * lane of v0..v3, each rounding mode, and FPCR.DN for a >= 16. */
static void fillv(unsigned r, unsigned a) {
  uint8_t *v = (uint8_t *)&S[S_V + 2 * r];
  for (unsigned i = 0; i < 4; i++) {
    if (a & 1) {
      float f = FV[(a * 7 + i * 3 + r * 2) % NFV];
      memcpy(v + 4 * i, &f, 4);
    } else if (i < 2) {
      double d = DV[(a * 3 + i * 5 + r) % NDV];
      memcpy(v + 8 * i, &d, 8);
    }
  }
}
#define FPV(BODY)                                                                  \
  for (unsigned a = 0; a < 24; a++)                                                \
  T(F_V, BODY, fillv(0, a), fillv(1, a), fillv(2, a + 1), fillv(3, a + 2),          \
    S[S_FPCR] = ((u64)(a & 3) << 22) | (a >= 16 ? 1ull << 25 : 0))

/* Table lookups: index bytes in v0 mostly within 4 registers (0..63), some beyond. */
#define TBLV(BODY)                                                                         \
  for (unsigned a = 0; a < 8; a++)                                                         \
  T(F_V, BODY, S[S_V] &= 0x3f3f3f3f3f3f3f3full, S[S_V + 1] &= (a & 1) ? ~0ull : 0x1f3f1f3f1f3f1f3full, \
    S[S_V] |= (u64)a << 61)

/* Register shifts: the bytes of v2 are small signed shift counts ([-20, 20], or [-70, 70]
 * for odd a); v1 lanes random, all-ones, or the signed minimum. */
static void shv(unsigned a) {
  uint8_t *b = (uint8_t *)&S[S_V + 4];
  for (int i = 0; i < 16; i++) b[i] = (uint8_t)((int)(b[i] % ((a & 1) ? 141 : 41)) - ((a & 1) ? 70 : 20));
  if (a == 6) S[S_V + 2] = S[S_V + 3] = ~0ull;
  if (a == 7) S[S_V + 2] = S[S_V + 3] = 0x8000000080000000ull;
}
#define SHV(BODY) \
  for (unsigned a = 0; a < 10; a++) T(F_V, BODY, shv(a))
/* Doubling multiplies: random lanes, and both operands at the signed minimum (saturation). */
#define DMULH(BODY)                                                                   \
  for (unsigned a = 0; a < 6; a++)                                                    \
  T(F_V, BODY, (a >= 4 ? (S[S_V + 2] = S[S_V + 4] = 0x8000800080008000ull,              \
                          S[S_V + 3] = S[S_V + 5] = a == 5 ? 0x8000000080000000ull : 0) : 0))

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  /* add/sub */
  ALU2("add x0, x1, x2");
  ALU2("adds x0, x1, x2");
  ALU2("adds w0, w1, w2");
  ALU2("subs x0, x1, x2");
  ALU2("subs w0, w1, w2");
  ALU2("sub w0, w1, w2, lsl #3");
  ALU2("add x0, x1, x2, asr #63");
  ALU2("sub x0, x1, x2, lsr #17");
  ALU2("cmp x1, x2");
  ALU2("cmn w1, w2");
  ALU2("adds x0, x1, w2, sxtw #2");
  ALU2("sub x0, x1, w2, uxtb");
  ALU2("subs x0, x1, x2, sxtx #1");
  ALU2("add w0, w1, w2, sxth");
  ALU1("add x0, x1, #0xfff");
  ALU1("adds x0, x1, #1, lsl #12");
  ALU1("subs w0, w1, #1");
  ALU1("cmp x1, #0");
  ALU1("cmn w1, #5");
  ALU1("neg x0, x1");
  ALU1("negs w0, w1");
  ALU2("adc x0, x1, x2");
  ALU2("adcs x0, x1, x2");
  ALU2("adcs w0, w1, w2");
  ALU2("sbc x0, x1, x2");
  ALU2("sbcs x0, x1, x2");
  ALU2("sbcs w0, w1, w2");
  ALU1("ngc x0, x1");
  /* logic */
  ALU2("and x0, x1, x2");
  ALU2("ands w0, w1, w2, ror #7");
  ALU2("orr x0, x1, x2, lsl #63");
  ALU2("orn w0, w1, w2");
  ALU2("eor x0, x1, x2, asr #3");
  ALU2("eon x0, x1, x2");
  ALU2("bic x0, x1, x2");
  ALU2("bics x0, x1, x2");
  ALU2("tst w1, w2");
  ALU1("mvn x0, x1");
  ALU1("and x0, x1, #0xff00ff00ff00ff00");
  ALU1("ands w0, w1, #0x80000001");
  ALU1("orr x0, x1, #0x7ffffffffffffffe");
  ALU1("eor w0, w1, #0x55555555");
  ALU1("tst x1, #0x8000000000000000");
  /* moves */
  ALU1("mov x0, #0x1234");
  ALU1("movz x0, #0xbeef, lsl #48");
  ALU1("movn x0, #0x12, lsl #16");
  ALU1("movn w0, #0x12, lsl #16");
  ALU1("movk x1, #0xabcd, lsl #32");
  ALU1("movk w1, #0xabcd, lsl #16");
  ALU1("movk x1, #0xabcd");
  ALU1("mov x0, x1");
  ALU1("mov w0, w1");
  ALU1("adr x0, 3f\n 3: adr x1, 3b\n sub x0, x0, x1\n mov x1, #0");
  ALU1("3: adrp x0, 3b\n adr x1, 3b\n and x1, x1, #~0xfff\n sub x0, x0, x1\n mov x1, #0");
  /* bitfield */
  ALU2("ubfx x0, x1, #3, #9");
  ALU2("ubfx w0, w1, #31, #1");
  ALU2("sbfx x0, x1, #60, #4");
  ALU2("sbfx w0, w1, #4, #8");
  ALU2("ubfiz x0, x1, #13, #40");
  ALU2("sbfiz w0, w1, #3, #5");
  ALU2("bfi x2, x1, #8, #16");
  ALU2("bfi w2, w1, #31, #1");
  ALU2("bfxil x2, x1, #40, #20");
  ALU2("bfxil w2, w1, #0, #32");
  ALU1("lsl x0, x1, #63");
  ALU1("lsr w0, w1, #1");
  ALU1("asr x0, x1, #32");
  ALU1("asr w0, w1, #31");
  ALU1("sxtb x0, w1");
  ALU1("sxth w0, w1");
  ALU1("sxtw x0, w1");
  ALU1("uxtb w0, w1");
  ALU1("uxth w0, w1");
  ALU2("extr x0, x1, x2, #13");
  ALU2("extr w0, w1, w2, #31");
  ALU1("ror x0, x1, #1");
  /* conditional */
  ALU2("csel x0, x1, x2, eq");
  ALU2("csinc x0, x1, x2, hi");
  ALU2("csinv w0, w1, w2, ge");
  ALU2("csneg x0, x1, x2, lt");
  ALU2("csneg w0, w1, w2, le");
  ALU2("cset w0, gt");
  ALU2("csetm x0, ls");
  ALU2("cinc x0, x1, vs");
  ALU2("ccmp x1, x2, #5, ne");
  ALU2("ccmp w1, #31, #10, cs");
  ALU2("ccmn x1, x2, #3, mi");
  ALU2("ccmn w1, #7, #12, pl");
  /* 2-source, 1-source, 3-source */
  ALU2("udiv x0, x1, x2");
  ALU2("sdiv x0, x1, x2");
  ALU2("udiv w0, w1, w2");
  ALU2("sdiv w0, w1, w2");
  ALU2("lsl x0, x1, x2");
  ALU2("lsr w0, w1, w2");
  ALU2("asr x0, x1, x2");
  ALU2("ror w0, w1, w2");
  ALU2("ror x0, x1, x2");
  ALU2("crc32b w0, w1, w2");
  ALU2("crc32h w0, w1, w2");
  ALU2("crc32w w0, w1, w2");
  ALU2("crc32x w0, w1, x2");
  ALU2("crc32cb w0, w1, w2");
  ALU2("crc32cx w0, w1, x2");
  ALU1("rbit x0, x1");
  ALU1("rbit w0, w1");
  ALU1("rev x0, x1");
  ALU1("rev w0, w1");
  ALU1("rev16 x0, x1");
  ALU1("rev32 x0, x1");
  ALU1("clz x0, x1");
  ALU1("clz w0, w1");
  ALU1("cls x0, x1");
  ALU1("cls w0, w1");
  ALU2("madd x0, x1, x2, x3");
  ALU2("msub w0, w1, w2, w3");
  ALU2("mul x0, x1, x2");
  ALU2("mneg w0, w1, w2");
  ALU2("smaddl x0, w1, w2, x3");
  ALU2("umsubl x0, w1, w2, x3");
  ALU2("smull x0, w1, w2");
  ALU2("umull x0, w1, w2");
  ALU2("smulh x0, x1, x2");
  ALU2("umulh x0, x1, x2");
  /* branches: x0 records the path */
  for (unsigned c = 0; c < 16; c++) {
    T(0, "b.eq 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.ne 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.cs 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.cc 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.mi 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.pl 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.vs 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.vc 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.hi 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.ls 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.ge 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.lt 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.gt 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.le 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
    T(0, "b.al 3f\n mov x0, #1\n 3:", S[S_NZCV] = (u64)c << 28);
  }
  ALU1("cbz x1, 3f\n mov x0, #1\n 3:");
  ALU1("cbnz w1, 3f\n mov x0, #1\n 3:");
  ALU1("tbz x1, #63, 3f\n mov x0, #1\n 3:");
  ALU1("tbnz w1, #0, 3f\n mov x0, #1\n 3:");
  ALU1("tbnz x1, #32, 3f\n mov x0, #1\n 3:");
  ALU1("b 3f\n mov x0, #1\n 3:");
  ALU1("adr x1, 3f\n bl 3f\n mov x0, #1\n 3: sub x2, x30, x1\n mov x1, #0");
  ALU1("adr x1, 3f\n br x1\n mov x0, #1\n 3: mov x1, #0");
  ALU1("adr x1, 3f\n blr x1\n mov x0, #1\n 3: sub x2, x30, x1\n mov x1, #0");
  ALU1("adr x2, 3f\n mov x3, x30\n mov x30, x2\n ret\n mov x0, #1\n 3: mov x30, x3\n mov x2, #0\n mov x3, #0");
  ALU1("nop\n paciasp\n autiasp\n bti c\n xpaclri\n mov x0, #3");
  /* loads and stores */
  MEM("ldr x0, [x1, #8]", 0);
  MEM("ldr w0, [x1, #4]", 0);
  MEM("ldrb w0, [x1, #63]", 0);
  MEM("ldrh w0, [x1, #62]", 0);
  MEM("ldrsb x0, [x1, #7]", 0);
  MEM("ldrsb w0, [x1, #7]", 0);
  MEM("ldrsh x0, [x1, #6]", 0);
  MEM("ldrsh w0, [x1, #2]", 0);
  MEM("ldrsw x0, [x1, #12]", 0);
  MEM("ldur x0, [x1, #-5]", 16);
  MEM("ldursw x0, [x1, #-1]", 16);
  MEM("ldr x0, [x1, #8]!", 0);
  MEM("ldr x0, [x1], #-8", 16);
  MEM("ldrb w0, [x1, #1]!", 0);
  MEM("ldrsh w0, [x1], #2", 8);
  MEM("str x2, [x1, #8]", 0);
  MEM("str w2, [x1, #-4]!", 16);
  MEM("strb w2, [x1], #3", 16);
  MEM("strh w2, [x1, #30]", 0);
  MEM("stur x2, [x1, #-3]", 16);
  MEM("ldr x0, [x1, x2]", 32);
  MEM("ldr x0, [x1, x3, lsl #3]", 16);
  MEM("ldr w0, [x1, w3, sxtw #2]", 16);
  MEM("ldrb w0, [x1, w3, uxtw]", 16);
  MEM("ldrsh x0, [x1, x2, lsl #1]", 32);
  MEM("str x2, [x1, w3, sxtw]", 16);
  MEM("strb w2, [x1, x3]", 16);
  MEM("ldp x0, x2, [x1, #16]", 0);
  MEM("ldp w0, w2, [x1, #-8]", 16);
  MEM("ldpsw x0, x2, [x1, #4]", 0);
  MEM("ldp x0, x2, [x1], #16", 0);
  MEM("ldp x0, x2, [x1, #-16]!", 32);
  MEM("stp x2, x3, [x1, #8]", 0);
  MEM("stp w2, w3, [x1, #-8]!", 16);
  MEM("stp x2, x3, [x1], #-16", 32);
  MEM("stnp x2, x3, [x1, #16]", 0);
  MEM("ldnp x0, x2, [x1]", 0);
  MEM("ldr q0, [x1, #16]", 0);
  MEM("ldr d0, [x1, #8]", 0);
  MEM("ldr s0, [x1, #4]", 0);
  MEM("ldr h0, [x1, #2]", 0);
  MEM("ldr b0, [x1, #1]", 0);
  MEM("str q1, [x1, #16]", 0);
  MEM("str d1, [x1, #-8]!", 16);
  MEM("str s1, [x1], #4", 0);
  MEM("str h1, [x1, #6]", 0);
  MEM("str b1, [x1, #7]", 0);
  MEM("ldur q0, [x1, #-1]", 32);
  MEM("ldp q0, q1, [x1]", 0);
  MEM("stp q2, q3, [x1, #32]", 0);
  MEM("ldp d0, d1, [x1, #-16]!", 32);
  MEM("stp s2, s3, [x1], #8", 0);
  MEM("ldr q0, [x1, x2]", 16);
  MEM("ldr d0, [x1, x3, lsl #3]", 16);
  MEM("ldxr x0, [x1]\n stxr w4, x2, [x1]", 8);
  MEM("ldaxr w0, [x1]\n stlxr w4, w2, [x1]", 8);
  MEM("ldxrb w0, [x1]\n stxrb w4, w2, [x1]", 8);
  MEM("stxr w4, x2, [x1]", 8);
  MEM("ldxp x0, x5, [x1]\n stxp w4, x2, x3, [x1]", 16);
  MEM("ldar x0, [x1]", 8);
  MEM("stlr w2, [x1]", 8);
  MEM("ldarb w0, [x1]", 8);
  MEM("stlrh w2, [x1]", 8);
  MEM("cas x2, x3, [x1]", 8);
  MEM("ldr x2, [x1]\n casal x2, x3, [x1]", 8);
  MEM("ldr w2, [x1]\n casb w2, w3, [x1]", 8);
  MEM("ldadd x2, x0, [x1]", 8);
  MEM("ldaddal w2, w0, [x1]", 8);
  MEM("ldclr x2, x0, [x1]", 8);
  MEM("ldeor w2, w0, [x1]", 8);
  MEM("ldset x2, x0, [x1]", 8);
  MEM("ldsmax x2, x0, [x1]", 8);
  MEM("ldsmin w2, w0, [x1]", 8);
  MEM("ldumax x2, x0, [x1]", 8);
  MEM("ldumin w2, w0, [x1]", 8);
  MEM("ldsmaxb w2, w0, [x1]", 8);
  MEM("lduminh w2, w0, [x1]", 8);
  MEM("swp x2, x0, [x1]", 8);
  MEM("swpal w2, w0, [x1]", 8);
  MEM("stadd x2, [x1]", 8);
  MEM("ldapr x0, [x1]", 8);
  MEM("ldr x0, 3f\n b 4f\n 3: .quad 0x1122334455667788\n 4:", 0);
  MEM("ldr w0, 3f\n ldrsw x2, 3f\n b 4f\n 3: .word 0x88776655\n 4:", 0);
  MEM("ldr q0, 3f\n b 4f\n .balign 16\n 3: .quad 1, 2\n 4:", 0);
  MEM("ld1 {v0.16b}, [x1]", 0);
  MEM("ld1 {v0.8b, v1.8b}, [x1], #16", 0);
  MEM("ld1 {v0.4s-v3.4s}, [x1]", 0);
  MEM("ld1 {v1.2d, v2.2d}, [x1], x3", 16);
  MEM("st1 {v0.16b, v1.16b}, [x1]", 0);
  MEM("st1 {v2.4h}, [x1], #8", 0);
  MEM("ld2 {v0.8b, v1.8b}, [x1]", 0);
  MEM("ld4 {v0.4h-v3.4h}, [x1]", 0);
  MEM("st2 {v2.4s, v3.4s}, [x1]", 0);
  MEM("ld1 {v0.s}[1], [x1]", 0);
  MEM("ld1 {v0.b}[15], [x1], #1", 0);
  MEM("st1 {v1.d}[1], [x1]", 8);
  MEM("st1 {v1.h}[5], [x1], x2", 16);
  MEM("ld1r {v0.4s}, [x1]", 4);
  MEM("ld1r {v0.16b}, [x1], #1", 4);
  /* system */
  ALU1("mrs x0, nzcv");
  ALU1("msr nzcv, x1");
  ALU1("mrs x0, fpcr");
  ALU1("msr fpcr, x1\n mrs x0, fpcr\n msr fpcr, xzr");
  ALU1("mrs x0, dczid_el0");
  ALU1("mrs x0, ctr_el0");
  ALU1("mrs x0, cntfrq_el0");
  ALU1("mrs x3, tpidr_el0\n msr tpidr_el0, x1\n mrs x2, tpidr_el0\n msr tpidr_el0, x3\n mov x3, #0");
  ALU1("dmb ish\n dsb sy\n isb\n clrex\n mov x0, #2");
  /* scalar FP */
  FPD("fadd d0, d1, d2");
  FPD("fsub d0, d1, d2");
  FPD("fmul d0, d1, d2");
  FPD("fdiv d0, d1, d2");
  FPD("fnmul d0, d1, d2");
  FPD("fmax d0, d1, d2");
  FPD("fmin d0, d1, d2");
  FPD("fmaxnm d0, d1, d2");
  FPD("fminnm d0, d1, d2");
  FPD("fmadd d0, d1, d2, d3");
  FPD("fmsub d0, d1, d2, d3");
  FPD("fnmadd d0, d1, d2, d3");
  FPD("fnmsub d0, d1, d2, d3");
  FPD("fcmp d1, d2");
  FPD("fcmpe d1, d2");
  FPD("fcmp d1, #0.0");
  FPD("fccmp d1, d2, #3, eq");
  FPD("fcsel d0, d1, d2, gt");
  FPD("fsqrt d0, d1");
  FPD("fabs d0, d1");
  FPD("fneg d0, d1");
  FPD("fmov d0, d1");
  FPD("fcvt s0, d1");
  FPD("frintn d0, d1");
  FPD("frinta d0, d1");
  FPD("frintm d0, d1");
  FPD("frintp d0, d1");
  FPD("frintz d0, d1");
  FPD("frintx d0, d1");
  FPD("frinti d0, d1");
  FPD("fcvtzs x0, d1");
  FPD("fcvtzs w0, d1");
  FPD("fcvtzu x0, d1");
  FPD("fcvtzu w0, d1");
  FPD("fcvtns x0, d1");
  FPD("fcvtas w0, d1");
  FPD("fcvtms x0, d1");
  FPD("fcvtps x0, d1");
  FPD("fcvtzs d0, d1");
  FPD("fmov x0, d1");
  FPD("fmov d0, x1");
  FPD("fmov v0.d[1], x1");
  FPD("fmov x0, v1.d[1]");
  FPD("scvtf d0, x1");
  FPD("ucvtf d0, x1");
  FPD("scvtf d0, w1");
  FPD("scvtf d0, d1");
  FPD("fmov d0, #-1.25");
  FPD("fcvtzs x0, d1, #8");
  FPD("scvtf d0, x1, #4");
  FPS("fadd s0, s1, s2");
  FPS("fsub s0, s1, s2");
  FPS("fmul s0, s1, s2");
  FPS("fdiv s0, s1, s2");
  FPS("fmadd s0, s1, s2, s3");
  FPS("fnmsub s0, s1, s2, s3");
  FPS("fmax s0, s1, s2");
  FPS("fminnm s0, s1, s2");
  FPS("fcmp s1, s2");
  FPS("fcmpe s1, #0.0");
  FPS("fsqrt s0, s1");
  FPS("fabs s0, s1");
  FPS("fneg s0, s1");
  FPS("fcvt d0, s1");
  FPS("frintn s0, s1");
  FPS("frintz s0, s1");
  FPS("fcvtzs w0, s1");
  FPS("fcvtzu x0, s1");
  FPS("fmov w0, s1");
  FPS("fmov s0, w1");
  FPS("scvtf s0, w1");
  FPS("ucvtf s0, x1");
  FPS("fmov s0, #0.5");
  /* Advanced SIMD */
  SIMD("and v0.16b, v1.16b, v2.16b");
  SIMD("bic v0.8b, v1.8b, v2.8b");
  SIMD("orr v0.16b, v1.16b, v2.16b");
  SIMD("orn v0.16b, v1.16b, v2.16b");
  SIMD("eor v0.16b, v1.16b, v2.16b");
  SIMD("bsl v0.16b, v1.16b, v2.16b");
  SIMD("bit v0.16b, v1.16b, v2.16b");
  SIMD("bif v0.8b, v1.8b, v2.8b");
  SIMD("mov v0.16b, v1.16b");
  SIMD("add v0.16b, v1.16b, v2.16b");
  SIMD("add v0.2d, v1.2d, v2.2d");
  SIMD("sub v0.8h, v1.8h, v2.8h");
  SIMD("sub v0.2s, v1.2s, v2.2s");
  SIMD("mul v0.4s, v1.4s, v2.4s");
  SIMD("mla v0.8h, v1.8h, v2.8h");
  SIMD("mls v0.16b, v1.16b, v2.16b");
  SIMD("cmeq v0.16b, v1.16b, v2.16b");
  SIMD("cmeq v0.2d, v1.2d, v2.2d");
  SIMD("cmhi v0.8h, v1.8h, v2.8h");
  SIMD("cmhs v0.16b, v1.16b, v2.16b");
  SIMD("cmgt v0.4s, v1.4s, v2.4s");
  SIMD("cmge v0.8b, v1.8b, v2.8b");
  SIMD("cmtst v0.16b, v1.16b, v2.16b");
  SIMD("umax v0.16b, v1.16b, v2.16b");
  SIMD("umin v0.4s, v1.4s, v2.4s");
  SIMD("smax v0.8h, v1.8h, v2.8h");
  SIMD("smin v0.16b, v1.16b, v2.16b");
  SIMD("umaxp v0.16b, v1.16b, v2.16b");
  SIMD("uminp v0.16b, v1.16b, v2.16b");
  SIMD("uminp v0.4s, v1.4s, v2.4s");
  SIMD("smaxp v0.8h, v1.8h, v2.8h");
  SIMD("addp v0.16b, v1.16b, v2.16b");
  SIMD("addp v0.2d, v1.2d, v2.2d");
  SIMD("uqadd v0.16b, v1.16b, v2.16b");
  SIMD("uqsub v0.8h, v1.8h, v2.8h");
  SIMD("sqadd v0.4s, v1.4s, v2.4s");
  SIMD("sqsub v0.16b, v1.16b, v2.16b");
  SIMD("uqsub h0, h1, h2");
  SIMD("uqadd b0, b1, b2");
  SIMD("sqadd s0, s1, s2");
  SIMD("sqsub d0, d1, d2");
  SIMD("uqsub d0, d1, d2");
  SIMD("sqadd h0, h1, h2");
  SIMD("ushl v0.16b, v1.16b, v2.16b");
  SIMD("sshl v0.2d, v1.2d, v2.2d");
  SIMD("uabd v0.16b, v1.16b, v2.16b");
  SIMD("sabd v0.4s, v1.4s, v2.4s");
  SIMD("rev64 v0.16b, v1.16b");
  SIMD("rev32 v0.8h, v1.8h");
  SIMD("rev16 v0.16b, v1.16b");
  SIMD("cnt v0.16b, v1.16b");
  SIMD("cnt v0.8b, v1.8b");
  SIMD("mvn v0.16b, v1.16b");
  SIMD("rbit v0.8b, v1.8b");
  SIMD("cmeq v0.16b, v1.16b, #0");
  SIMD("cmgt v0.4s, v1.4s, #0");
  SIMD("cmge v0.8h, v1.8h, #0");
  SIMD("cmle v0.16b, v1.16b, #0");
  SIMD("cmlt v0.2d, v1.2d, #0");
  SIMD("abs v0.4s, v1.4s");
  SIMD("neg v0.16b, v1.16b");
  SIMD("xtn v0.8b, v1.8h");
  SIMD("xtn2 v0.8h, v1.4s");
  SIMD("xtn v0.2s, v1.2d");
  SIMD("sqxtn v0.8b, v1.8h");
  SIMD("uqxtn v0.4h, v1.4s");
  SIMD("sqxtun v0.8b, v1.8h");
  SIMD("addv b0, v1.16b");
  SIMD("addv h0, v1.8h");
  SIMD("addv s0, v1.4s");
  SIMD("umaxv b0, v1.16b");
  SIMD("uminv h0, v1.8h");
  SIMD("smaxv s0, v1.4s");
  SIMD("sminv b0, v1.8b");
  SIMD("uaddlv h0, v1.16b");
  SIMD("saddlv s0, v1.8h");
  SIMD("ushr v0.16b, v1.16b, #3");
  SIMD("sshr v0.2d, v1.2d, #63");
  SIMD("shl v0.4s, v1.4s, #31");
  SIMD("usra v0.8h, v1.8h, #1");
  SIMD("ssra v0.16b, v1.16b, #8");
  SIMD("sri v0.4s, v1.4s, #7");
  SIMD("sli v0.2d, v1.2d, #12");
  SIMD("shrn v0.8b, v1.8h, #4");
  SIMD("shrn2 v0.16b, v1.8h, #8");
  SIMD("rshrn v0.4h, v1.4s, #3");
  SIMD("ushll v0.8h, v1.8b, #2");
  SIMD("uxtl2 v0.4s, v1.8h");
  SIMD("sxtl v0.2d, v1.2s");
  SIMD("ushr d0, d1, #1");
  SIMD("shl d0, d1, #63");
  SIMD("sshr d0, d1, #9");
  SIMD("uaddl v0.8h, v1.8b, v2.8b");
  SIMD("uaddw2 v0.4s, v1.4s, v2.8h");
  SIMD("usubl v0.2d, v1.2s, v2.2s");
  SIMD("ssubw v0.8h, v1.8h, v2.8b");
  SIMD("saddl2 v0.4s, v1.8h, v2.8h");
  SIMD("umull v0.8h, v1.8b, v2.8b");
  SIMD("umull2 v0.2d, v1.4s, v2.4s");
  SIMD("smull v0.4s, v1.4h, v2.4h");
  SIMD("umlal v0.8h, v1.8b, v2.8b");
  SIMD("smlal2 v0.2d, v1.4s, v2.4s");
  SIMD("addhn v0.8b, v1.8h, v2.8h");
  SIMD("raddhn2 v0.8h, v1.4s, v2.4s");
  SIMD("zip1 v0.16b, v1.16b, v2.16b");
  SIMD("zip2 v0.4s, v1.4s, v2.4s");
  SIMD("uzp1 v0.8h, v1.8h, v2.8h");
  SIMD("uzp2 v0.16b, v1.16b, v2.16b");
  SIMD("trn1 v0.2d, v1.2d, v2.2d");
  SIMD("trn2 v0.8b, v1.8b, v2.8b");
  SIMD("ext v0.16b, v1.16b, v2.16b, #7");
  SIMD("ext v0.8b, v1.8b, v2.8b, #3");
  SIMD("tbl v0.16b, {v1.16b}, v2.16b");
  SIMD("movi v3.16b, #0x1f\n and v2.16b, v2.16b, v3.16b\n tbl v0.16b, {v1.16b, v2.16b}, v2.16b");
  SIMD("tbx v0.8b, {v1.16b}, v2.8b");
  SIMD("dup v0.16b, v1.b[3]");
  SIMD("dup v0.4s, v1.s[3]");
  SIMD("dup v0.2d, x1");
  SIMD("dup v0.8b, w1");
  SIMD("mov v0.s[1], w1");
  SIMD("mov v0.d[1], v1.d[0]");
  SIMD("mov v0.b[9], v1.b[15]");
  SIMD("umov w0, v1.b[5]");
  SIMD("umov w0, v1.h[7]");
  SIMD("mov w0, v1.s[3]");
  SIMD("mov x0, v1.d[1]");
  SIMD("smov x0, v1.b[2]");
  SIMD("smov w0, v1.h[3]");
  SIMD("mov d0, v1.d[1]");
  SIMD("mov s0, v1.s[2]");
  SIMD("movi v0.16b, #0x80");
  SIMD("movi v0.2d, #0xff00ff0000ffff00");
  SIMD("movi d0, #0xffffffff00000000");
  SIMD("movi v0.4s, #0x12, lsl #16");
  SIMD("movi v0.8h, #0x34, lsl #8");
  SIMD("mvni v0.4s, #0x5, msl #8");
  SIMD("mvni v0.4h, #0x7");
  SIMD("orr v0.4s, #0x1, lsl #24");
  SIMD("bic v0.8h, #0xff");
  SIMD("fmov v0.4s, #-3.0");
  SIMD("fmov v0.2d, #0.25");
  SIMD("add d0, d1, d2");
  SIMD("sub d0, d1, d2");
  SIMD("cmeq d0, d1, d2");
  SIMD("cmtst d0, d1, d2");
  SIMD("addp d0, v1.2d");
  SIMD("cmeq d0, d1, #0");
  SIMD("neg d0, d1");
  SIMD("fadd v0.4s, v1.4s, v2.4s");
  SIMD("fmul v0.2d, v1.2d, v2.2d");
  SIMD("fmla v0.4s, v1.4s, v2.4s");
  SIMD("fmaxnm v0.2d, v1.2d, v2.2d");
  SIMD("fcmeq v0.4s, v1.4s, v2.4s");
  SIMD("fcmgt v0.2d, v1.2d, v2.2d");
  SIMD("faddp v0.4s, v1.4s, v2.4s");
  SIMD("faddp d0, v1.2d");
  SIMD("fabs v0.4s, v1.4s");
  SIMD("fneg v0.2d, v1.2d");
  SIMD("scvtf v0.4s, v1.4s");
  SIMD("ucvtf v0.2d, v1.2d");
  SIMD("fcvtzs v0.4s, v1.4s");
  SIMD("frintm v0.2d, v1.2d");
  SIMD("sminp v0.4s, v1.4s, v2.4s");
  SIMD("fsub v0.4s, v1.4s, v2.4s");
  SIMD("fdiv v0.2d, v1.2d, v2.2d");
  SIMD("fmls v0.2d, v1.2d, v2.2d");
  SIMD("fmax v0.4s, v1.4s, v2.4s");
  SIMD("fmin v0.2d, v1.2d, v2.2d");
  SIMD("fminnm v0.4s, v1.4s, v2.4s");
  SIMD("fcmge v0.4s, v1.4s, v2.4s");
  SIMD("fmaxp v0.2d, v1.2d, v2.2d");
  SIMD("fminp v0.4s, v1.4s, v2.4s");
  SIMD("fabd v0.2d, v1.2d, v2.2d");
  SIMD("fsqrt v0.4s, v1.4s");
  SIMD("fcvtzu v0.2d, v1.2d");
  SIMD("frintn v0.4s, v1.4s");
  SIMD("frintp v0.2d, v1.2d");
  SIMD("frintz v0.4s, v1.4s");
  SIMD("frinta v0.2d, v1.2d");
  SIMD("frintx v0.4s, v1.4s");
  SIMD("frinti v0.2d, v1.2d");
  SIMD("saddw v0.8h, v1.8h, v2.8b");
  SIMD("ssubl v0.4s, v1.4h, v2.4h");
  SIMD("usubw v0.2d, v1.2d, v2.2s");
  SIMD("cmgt d0, d1, #0");
  SIMD("cmlt d0, d1, #0");
  SIMD("cmge d0, d1, #0");
  SIMD("cmle d0, d1, #0");
  SIMD("abs d0, d1");
  FPD("fabd d0, d1, d2");
  FPD("ucvtf d0, d1");
  FPD("fcvtzu d0, d1");
  FPS("fabd s0, s1, s2");
  FPS("fcvtzu s0, s1");
  FPS("scvtf s0, s1");
  /* every FEAT_LSE form: orderings, sizes, ST aliases, CAS and CASP with edge operands */
  ATOMALL("ldadd");
  ATOMALL("ldclr");
  ATOMALL("ldeor");
  ATOMALL("ldset");
  ATOMALL("ldsmax");
  ATOMALL("ldsmin");
  ATOMALL("ldumax");
  ATOMALL("ldumin");
  ATOMALL("swp");
  STALL("stadd");
  STALL("stclr");
  STALL("steor");
  STALL("stset");
  STALL("stsmax");
  STALL("stsmin");
  STALL("stumax");
  STALL("stumin");
  ATOM("ldaddal x2, x2, [x1]", 8);
  ATOM("ldsmaxa w2, w2, [x1]", 4);
  ATOM("swpl x2, x2, [x1]", 8);
  ATOM("ldumaxab w2, wzr, [x1]", 1);
  ATOM("ldaprb w0, [x1]", 1);
  ATOM("ldaprh w0, [x1]", 2);
  ATOM("ldapr w0, [x1]", 4);
  ATOM("ldapr x0, [x1]", 8);
  CAS4("b", "w", 1);
  CAS4("h", "w", 2);
  CAS4("", "w", 4);
  CAS4("", "x", 8);
  CAS1("casal x2, x2, [x1]", 8);
  CAS1("cas x2, xzr, [x1]", 8);
  CASP("casp x2, x3, x4, x5, [x1]", 8);
  CASP("caspa x2, x3, x4, x5, [x1]", 8);
  CASP("caspl x2, x3, x4, x5, [x1]", 8);
  CASP("caspal x2, x3, x4, x5, [x1]", 8);
  CASP("casp w2, w3, w4, w5, [x1]", 4);
  CASP("caspa w2, w3, w4, w5, [x1]", 4);
  CASP("caspl w2, w3, w4, w5, [x1]", 4);
  CASP("caspal w2, w3, w4, w5, [x1]", 4);
  CASP("casp x2, x3, x2, x3, [x1]", 8);
  CASP("caspal w2, w3, w2, w3, [x1]", 4);
  CASP("casp x2, x3, x6, x7, [x1]\n mov x4, x6", 8);
  /* xzr halves: (x30, xzr) as the new pair, and as the compare pair (x30 saved in x6) */
  CASP("mov x6, x30\n mov x30, x4\n casp x2, x3, x30, xzr, [x1]\n mov x30, x6\n mov x6, #0", 8);
  CASPZ("mov x6, x30\n mov x30, x2\n caspal x30, xzr, x4, x5, [x1]\n mov x2, x30\n mov x30, x6\n mov x6, #0", 8);
  CASPZ("mov x6, x30\n mov x30, x2\n caspl w30, wzr, w4, w5, [x1]\n mov x2, x30\n mov x30, x6\n mov x6, #0", 4);
  /* by element: FP (vector and scalar), integer, widening */
  FPV("fmla v0.4s, v1.4s, v2.s[3]");
  FPV("fmla v0.2s, v1.2s, v2.s[1]");
  FPV("fmls v0.4s, v1.4s, v3.s[0]");
  FPV("fmul v0.4s, v1.4s, v2.s[2]");
  FPV("fmla v0.2d, v1.2d, v2.d[1]");
  FPV("fmls v0.2d, v1.2d, v2.d[0]");
  FPV("fmul v0.2d, v1.2d, v3.d[1]");
  FPV("fmla s0, s1, v2.s[3]");
  FPV("fmls d0, d1, v2.d[1]");
  FPV("fmls s0, s1, v3.s[2]");
  FPV("fmla d0, d1, v3.d[0]");
  FPV("fmul s0, s1, v3.s[1]");
  FPV("fmul d0, d1, v2.d[0]");
  FPV("fmla v1.4s, v1.4s, v1.s[0]");
  SIMD("mul v0.8h, v1.8h, v2.h[7]");
  SIMD("mul v0.2s, v1.2s, v2.s[1]");
  SIMD("mla v0.4h, v1.4h, v2.h[5]");
  SIMD("mla v0.4s, v1.4s, v3.s[3]");
  SIMD("mls v0.8h, v1.8h, v2.h[0]");
  SIMD("mls v0.2s, v1.2s, v2.s[2]");
  SIMD("mul v1.8h, v1.8h, v1.h[2]");
  SIMD("smull v0.4s, v1.4h, v2.h[3]");
  SIMD("smull2 v0.2d, v1.4s, v2.s[1]");
  SIMD("umull v0.2d, v1.2s, v2.s[3]");
  SIMD("umull2 v0.4s, v1.8h, v3.h[6]");
  SIMD("smlal v0.2d, v1.2s, v2.s[0]");
  SIMD("smlal2 v0.4s, v1.8h, v2.h[4]");
  SIMD("umlal v0.4s, v1.4h, v2.h[2]");
  SIMD("umlal2 v0.2d, v1.4s, v3.s[2]");
  SIMD("smlsl v0.4s, v1.4h, v2.h[1]");
  SIMD("smlsl2 v0.2d, v1.4s, v2.s[3]");
  SIMD("umlsl v0.2d, v1.2s, v2.s[1]");
  SIMD("umlsl2 v0.4s, v1.8h, v2.h[7]");
  SIMD("smull2 v1.4s, v1.8h, v1.h[7]");
  /* float to integer with every rounding, vector and scalar; single <-> double */
  FPV("fcvtns v0.4s, v1.4s");
  FPV("fcvtnu v0.2d, v1.2d");
  FPV("fcvtms v0.2s, v1.2s");
  FPV("fcvtmu v0.4s, v1.4s");
  FPV("fcvtps v0.2d, v1.2d");
  FPV("fcvtpu v0.4s, v1.4s");
  FPV("fcvtas v0.4s, v1.4s");
  FPV("fcvtas v0.2d, v1.2d");
  FPV("fcvtau v0.2d, v1.2d");
  FPV("fcvtzs v0.2d, v1.2d");
  FPV("fcvtns s0, s1");
  FPV("fcvtnu d0, d1");
  FPV("fcvtms d0, d1");
  FPV("fcvtmu s0, s1");
  FPV("fcvtps s0, s1");
  FPV("fcvtpu d0, d1");
  FPV("fcvtas d0, d1");
  FPV("fcvtau s0, s1");
  FPV("fcvtl v0.2d, v1.2s");
  FPV("fcvtl2 v0.2d, v1.4s");
  FPV("fcvtn v0.2s, v1.2d");
  FPV("fcvtn2 v0.4s, v1.2d");
  FPV("fcvtl2 v1.2d, v1.4s");
  FPV("fcvtn2 v1.4s, v1.2d");
  /* tbl/tbx with 1-4 table registers, across-lane ops on every arrangement, structures */
  TBLV("tbl v0.16b, {v1.16b, v2.16b}, v0.16b");
  TBLV("tbl v0.8b, {v1.16b, v2.16b, v3.16b}, v0.8b");
  TBLV("tbl v0.16b, {v0.16b, v1.16b, v2.16b, v3.16b}, v0.16b");
  TBLV("tbx v0.16b, {v1.16b, v2.16b}, v0.16b");
  TBLV("tbx v0.16b, {v1.16b, v2.16b, v3.16b}, v0.16b");
  TBLV("tbx v0.8b, {v0.16b, v1.16b, v2.16b, v3.16b}, v0.8b");
  TBLV("tbl v3.16b, {v1.16b}, v0.16b");
  SIMD("addv b0, v1.8b");
  SIMD("addv h0, v1.4h");
  SIMD("umaxv b0, v1.8b");
  SIMD("umaxv h0, v1.8h");
  SIMD("umaxv h0, v1.4h");
  SIMD("umaxv s0, v1.4s");
  SIMD("uminv b0, v1.16b");
  SIMD("uminv b0, v1.8b");
  SIMD("uminv h0, v1.4h");
  SIMD("uminv s0, v1.4s");
  SIMD("smaxv b0, v1.16b");
  SIMD("smaxv h0, v1.4h");
  SIMD("sminv h0, v1.8h");
  SIMD("sminv s0, v1.4s");
  SIMD("uaddlv s0, v1.4h");
  SIMD("uaddlv d0, v1.4s");
  SIMD("saddlv h0, v1.8b");
  SIMD("saddlv d0, v1.4s");
  MEM("ld3 {v0.4s, v1.4s, v2.4s}, [x1]", 0);
  MEM("ld3 {v1.8b, v2.8b, v3.8b}, [x1], #24", 8);
  MEM("st3 {v1.8h, v2.8h, v3.8h}, [x1]", 8);
  MEM("st4 {v0.2s, v1.2s, v2.2s, v3.2s}, [x1], x3", 0);
  MEM("ld4 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1]", 0);
  MEM("ld2 {v0.2d, v1.2d}, [x1], #32", 0);
  MEM("ld1 {v0.8h, v1.8h, v2.8h}, [x1]", 8);
  MEM("st1 {v1.2d, v2.2d, v3.2d}, [x1], #48", 8);
  MEM("st1 {v0.1d, v1.1d, v2.1d, v3.1d}, [x1]", 16);
  /* three-same integer: halving, rounding, accumulate, register shifts, pmul, doubling */
  SIMD("shadd v0.16b, v1.16b, v2.16b");
  SIMD("uhadd v0.8h, v1.8h, v2.8h");
  SIMD("srhadd v0.4s, v1.4s, v2.4s");
  SIMD("urhadd v0.8b, v1.8b, v2.8b");
  SIMD("shsub v0.4h, v1.4h, v2.4h");
  SIMD("uhsub v0.2s, v1.2s, v2.2s");
  SIMD("saba v0.8h, v1.8h, v2.8h");
  SIMD("uaba v0.16b, v1.16b, v2.16b");
  SIMD("uaba v0.4s, v1.4s, v2.4s");
  SIMD("pmul v0.16b, v1.16b, v2.16b");
  SIMD("pmul v0.8b, v1.8b, v2.8b");
  SHV("srshl v0.16b, v1.16b, v2.16b");
  SHV("urshl v0.8h, v1.8h, v2.8h");
  SHV("srshl v0.2d, v1.2d, v2.2d");
  SHV("urshl v0.4s, v1.4s, v2.4s");
  SHV("sqshl v0.8b, v1.8b, v2.8b");
  SHV("uqshl v0.4s, v1.4s, v2.4s");
  SHV("sqshl v0.2d, v1.2d, v2.2d");
  SHV("uqshl v0.8h, v1.8h, v2.8h");
  SHV("sqrshl v0.4h, v1.4h, v2.4h");
  SHV("uqrshl v0.16b, v1.16b, v2.16b");
  SHV("sqrshl v0.2d, v1.2d, v2.2d");
  SHV("uqrshl v0.2s, v1.2s, v2.2s");
  DMULH("sqdmulh v0.8h, v1.8h, v2.8h");
  DMULH("sqdmulh v0.2s, v1.2s, v2.2s");
  DMULH("sqrdmulh v0.4h, v1.4h, v2.4h");
  DMULH("sqrdmulh v0.4s, v1.4s, v2.4s");
  /* three-different: absolute difference (accumulate), subtract high narrow, multiply-subtract,
   * saturating doubling multiplies, polynomial */
  SIMD("sabal v0.8h, v1.8b, v2.8b");
  SIMD("uabal2 v0.4s, v1.8h, v2.8h");
  SIMD("sabdl2 v0.2d, v1.4s, v2.4s");
  SIMD("uabdl v0.8h, v1.8b, v2.8b");
  SIMD("subhn v0.8b, v1.8h, v2.8h");
  SIMD("subhn2 v0.4s, v1.2d, v2.2d");
  SIMD("rsubhn v0.4h, v1.4s, v2.4s");
  SIMD("rsubhn2 v0.16b, v1.8h, v2.8h");
  SIMD("smlsl v0.4s, v1.4h, v2.4h");
  SIMD("umlsl2 v0.8h, v1.16b, v2.16b");
  SIMD("umlsl v0.2d, v1.2s, v2.2s");
  SIMD("pmull v0.8h, v1.8b, v2.8b");
  SIMD("pmull2 v0.8h, v1.16b, v2.16b");
  DMULH("sqdmull v0.4s, v1.4h, v2.4h");
  DMULH("sqdmull2 v0.2d, v1.4s, v2.4s");
  DMULH("sqdmlal v0.4s, v1.4h, v2.4h");
  DMULH("sqdmlal2 v0.2d, v1.4s, v2.4s");
  DMULH("sqdmlsl v0.2d, v1.2s, v2.2s");
  DMULH("sqdmlsl2 v0.4s, v1.8h, v2.8h");
  /* two-register misc: pairwise long adds, count leading, saturating abs/neg/accumulate, shll,
   * FP compares with zero */
  SIMD("saddlp v0.4h, v1.8b");
  SIMD("uaddlp v0.4s, v1.8h");
  SIMD("saddlp v0.2d, v1.4s");
  SIMD("sadalp v0.8h, v1.16b");
  SIMD("uadalp v0.1d, v1.2s");
  SIMD("uadalp v0.2s, v1.4h");
  SIMD("clz v0.16b, v1.16b");
  SIMD("clz v0.4h, v2.4h");
  SIMD("clz v0.4s, v1.4s");
  SIMD("cls v0.8b, v1.8b");
  SIMD("cls v0.8h, v2.8h");
  SIMD("cls v0.2s, v1.2s");
  DMULH("sqabs v0.8h, v1.8h");
  DMULH("sqabs v0.2d, v1.2d");
  DMULH("sqneg v0.4s, v1.4s");
  DMULH("sqneg v0.16b, v1.16b");
  SIMD("suqadd v0.16b, v1.16b");
  SIMD("suqadd v0.2d, v1.2d");
  SIMD("usqadd v0.4h, v1.4h");
  SIMD("usqadd v0.4s, v1.4s");
  SIMD("shll v0.8h, v1.8b, #8");
  SIMD("shll2 v0.4s, v1.8h, #16");
  SIMD("shll v0.2d, v1.2s, #32");
  FPV("fcmeq v0.4s, v1.4s, #0.0");
  FPV("fcmge v0.2d, v1.2d, #0.0");
  FPV("fcmgt v0.2s, v1.2s, #0.0");
  FPV("fcmle v0.4s, v1.4s, #0.0");
  FPV("fcmlt v0.2d, v1.2d, #0.0");
  /* shift by immediate: rounding, saturating left, saturating narrow */
  SIMD("srshr v0.16b, v1.16b, #3");
  SIMD("urshr v0.4s, v1.4s, #32");
  SIMD("srshr v0.2d, v1.2d, #1");
  SIMD("urshr v0.8h, v1.8h, #9");
  SIMD("srsra v0.4h, v1.4h, #16");
  SIMD("ursra v0.2d, v1.2d, #64");
  SIMD("ursra v0.8b, v1.8b, #1");
  SIMD("sqshl v0.16b, v1.16b, #3");
  SIMD("sqshl v0.2d, v1.2d, #0");
  SIMD("uqshl v0.8h, v1.8h, #15");
  SIMD("uqshl v0.2s, v1.2s, #1");
  SIMD("sqshlu v0.4s, v1.4s, #7");
  SIMD("sqshlu v0.8b, v1.8b, #0");
  DMULH("sqshrn v0.8b, v1.8h, #1");
  SIMD("sqshrn2 v0.8h, v1.4s, #16");
  SIMD("sqrshrn v0.2s, v1.2d, #32");
  SIMD("sqrshrn2 v0.16b, v1.8h, #4");
  SIMD("uqshrn v0.4h, v1.4s, #3");
  SIMD("uqshrn2 v0.4s, v1.2d, #1");
  SIMD("uqrshrn v0.8b, v1.8h, #8");
  SIMD("uqrshrn2 v0.8h, v1.4s, #13");
  DMULH("sqshrun v0.4h, v1.4s, #2");
  SIMD("sqshrun2 v0.4s, v1.2d, #20");
  SIMD("sqrshrun v0.8b, v1.8h, #5");
  SIMD("sqrshrun2 v0.16b, v1.8h, #1");
  /* ld2-ld4/st2-st4 single structure, ld2r-ld4r */
  MEM("ld2 {v0.s, v1.s}[1], [x1]", 0);
  MEM("ld2 {v2.b, v3.b}[9], [x1], #2", 5);
  MEM("ld3 {v1.h, v2.h, v3.h}[6], [x1]", 2);
  MEM("ld3 {v0.d, v1.d, v2.d}[1], [x1], x3", 8);
  MEM("ld4 {v0.b, v1.b, v2.b, v3.b}[15], [x1], #4", 3);
  MEM("ld4 {v0.d, v1.d, v2.d, v3.d}[0], [x1]", 16);
  MEM("st2 {v2.h, v3.h}[7], [x1]", 6);
  MEM("st3 {v0.s, v1.s, v2.s}[2], [x1], #12", 4);
  MEM("st4 {v0.s, v1.s, v2.s, v3.s}[3], [x1], x2", 16);
  MEM("st4 {v0.b, v1.b, v2.b, v3.b}[0], [x1]", 1);
  MEM("ld2r {v0.4s, v1.4s}, [x1]", 0);
  MEM("ld2r {v2.8b, v3.8b}, [x1], #2", 7);
  MEM("ld3r {v0.8h, v1.8h, v2.8h}, [x1], x3", 8);
  MEM("ld4r {v0.2d, v1.2d, v2.2d, v3.2d}, [x1]", 16);
  MEM("ld4r {v0.2s, v1.2s, v2.2s, v3.2s}, [x1], #16", 8);
  /* FP three-same: pairwise max/min number, absolute compares, fmulx */
  FPV("fmaxnmp v0.4s, v1.4s, v2.4s");
  FPV("fminnmp v0.2d, v1.2d, v2.2d");
  FPV("fmaxnmp v0.2s, v1.2s, v2.2s");
  FPV("facge v0.4s, v1.4s, v2.4s");
  FPV("facgt v0.2d, v1.2d, v2.2d");
  FPV("facgt v0.2s, v1.2s, v3.2s");
  FPV("fmulx v0.4s, v1.4s, v2.4s");
  FPV("fmulx v0.2d, v1.2d, v3.2d");
  /* fixed-point <-> FP, vector: random integers under every rounding mode, FP edge values */
  for (unsigned r = 0; r < 4; r++) {
    for (unsigned a = 0; a < 3; a++) T(F_V, "scvtf v0.4s, v1.4s, #1", S[S_FPCR] = (u64)r << 22);
    for (unsigned a = 0; a < 3; a++) T(F_V, "ucvtf v0.2d, v1.2d, #64", S[S_FPCR] = (u64)r << 22);
    for (unsigned a = 0; a < 3; a++) T(F_V, "scvtf v0.2d, v1.2d, #13", S[S_FPCR] = (u64)r << 22);
    for (unsigned a = 0; a < 3; a++) T(F_V, "ucvtf v0.2s, v1.2s, #32", S[S_FPCR] = (u64)r << 22);
  }
  FPV("fcvtzs v0.4s, v1.4s, #3");
  FPV("fcvtzu v0.2d, v1.2d, #1");
  FPV("fcvtzs v0.2d, v1.2d, #64");
  FPV("fcvtzu v0.2s, v1.2s, #32");
  return 0;
}
