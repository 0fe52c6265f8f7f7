/* Scalar saturating add/subtract (sqadd, sqsub, uqadd, uqsub on b, h, s, d registers) with
 * edge operands, printing the result and FPSR.QC. busybox gzip uses scalar uqsub. */
#include <stdio.h>
#include <stdint.h>
static const uint64_t vals[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
  0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull, 0x1234, 0xfedcba9876543210ull};
#define N (sizeof vals / sizeof vals[0])
#define OP(name, reg) \
  static void t_##name##_##reg(uint64_t a, uint64_t b) { uint64_t r, fpsr; \
    __asm__ volatile("msr fpsr, xzr\n fmov d0, %2\n fmov d1, %3\n " #name " " #reg "0, " #reg "0, " #reg "1\n fmov %0, d0\n mrs %1, fpsr" \
      : "=r"(r), "=r"(fpsr) : "r"(a), "r"(b) : "v0", "v1"); \
    printf(#name " " #reg " %016llx %016llx -> %016llx qc=%d\n", (unsigned long long)a, (unsigned long long)b, (unsigned long long)r, (int)((fpsr >> 27) & 1)); }
OP(uqsub, b) OP(uqsub, h) OP(uqsub, s) OP(uqsub, d)
OP(uqadd, b) OP(uqadd, h) OP(uqadd, s) OP(uqadd, d)
OP(sqsub, b) OP(sqsub, h) OP(sqsub, s) OP(sqsub, d)
OP(sqadd, b) OP(sqadd, h) OP(sqadd, s) OP(sqadd, d)
int main(void) {
  for (unsigned i = 0; i < N; i++) for (unsigned j = 0; j < N; j++) {
    uint64_t a = vals[i], b = vals[j];
    t_uqsub_b(a,b); t_uqsub_h(a,b); t_uqsub_s(a,b); t_uqsub_d(a,b);
    t_uqadd_b(a,b); t_uqadd_h(a,b); t_uqadd_s(a,b); t_uqadd_d(a,b);
    t_sqsub_b(a,b); t_sqsub_h(a,b); t_sqsub_s(a,b); t_sqsub_d(a,b);
    t_sqadd_b(a,b); t_sqadd_h(a,b); t_sqadd_s(a,b); t_sqadd_d(a,b);
  }
  return 0;
}
