/*
 * smc: self-modifying code. smc_func (`addi a0, zero, N; ret`) sits in a writable and
 * executable section. The program calls it, rewrites the immediate, runs fence.i and calls
 * it again, many times, so that a translator must drop stale code each time.
 */
#include "sys.h"

__asm__(
    ".section .smc,\"awx\",@progbits\n"
    ".globl smc_func\n"
    ".type smc_func, @function\n"
    ".balign 4\n"
    "smc_func:\n"
    ".option push\n"
    ".option norvc\n"
    "  addi a0, zero, 1\n"
    "  ret\n"
    ".option pop\n"
    ".size smc_func, .-smc_func\n"
    ".previous\n");

extern long smc_func(void);
extern volatile u32 smc_word __asm__("smc_func");

static u32 encode_li_a0(long n) {
  /* addi a0, zero, n: imm[11:0] | rs1=0 | funct3=0 | rd=10 | opcode=0x13 */
  return ((u32)n & 0xfff) << 20 | 10u << 7 | 0x13u;
}

static void patch(long n) {
  smc_word = encode_li_a0(n);
  __asm__ volatile("fence.i" ::: "memory");
}

int main(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  (void)envp;
  long (*volatile fn)(void) = smc_func;
  put_str("first call: ");
  put_dec(fn());
  put_str("\n");
  patch(42);
  put_str("after patch: ");
  put_dec(fn());
  put_str("\n");
  /* Repeat, so that the function is hot when it is patched. */
  long sum = 0;
  for (long i = 0; i < 3000; i++) {
    patch((i % 2000) - 1000);
    sum += fn();
    sum += fn();
  }
  put_str("loop sum: ");
  put_dec(sum);
  put_str("\n");
  patch(-7);
  put_str("final: ");
  put_dec(fn());
  put_str("\n");
  return 0;
}
