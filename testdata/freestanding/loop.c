/*
 * loop: the CPU-bound microbenchmark. Runs a 5-instruction loop N times (argv[1], default
 * 100000000) and prints a value that depends on every iteration. Guest instructions
 * executed by the loop: exactly 5 * N (plus a few hundred for start-up and printing).
 */
#include "sys.h"

static u64 spin(u64 n) {
  u64 acc = 0, tmp;
  if (n == 0) return 0;
  __asm__ volatile(
      "1:\n"
      "  add %0, %0, %1\n"
      "  srli %2, %0, 3\n"
      "  xor %0, %0, %2\n"
      "  addi %1, %1, -1\n"
      "  bnez %1, 1b\n"
      : "+r"(acc), "+r"(n), "=&r"(tmp));
  return acc;
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u64 n = argc > 1 ? parse_udec(argv[1]) : 100000000ul;
  u64 r = spin(n);
  put_str("iterations=");
  put_udec(n);
  put_str(" instructions=");
  put_udec(5 * n);
  put_str(" result=");
  put_hex(r);
  put_str("\n");
  return 0;
}
