/*
 * sigframe: arm64 signal delivery. A SA_SIGINFO handler that clobbers FP registers and
 * edits uc_mcontext.regs[19], a SIGSEGV caught on an alternate stack and left with
 * siglongjmp. Built at test time (static glibc) by tests/arch/aarch64/guest_test.ts.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int hits;
static volatile double fpv = 1.5;

static void on_usr1(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  double x = fpv * 3.0;  /* clobbers FP registers */
  hits += (int)x;
  printf("usr1 sig=%d code=%d pid_ok=%d sp_aligned=%d\n", sig, si->si_code, si->si_pid == getpid(),
         ((unsigned long)uc->uc_mcontext.sp & 15) == 0);
  uc->uc_mcontext.regs[19] = 12345;
}

static void on_segv(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  printf("segv sig=%d addr=%p code=%d\n", sig, si->si_addr, si->si_code);
  siglongjmp(jb, 7);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  double keep = 2.25;
  register long x19 __asm__("x19") = 1;
  __asm__ volatile("" : "+r"(x19));
  raise(SIGUSR1);
  __asm__ volatile("" : "+r"(x19));
  printf("after usr1 hits=%d keep=%g x19=%ld\n", hits, keep * 2, x19);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGSEGV, &sa, 0);
  stack_t ss = {.ss_sp = malloc(65536), .ss_size = 65536, .ss_flags = 0};
  sigaltstack(&ss, 0);
  int r = sigsetjmp(jb, 1);
  if (r == 0) {
    *(volatile int *)16 = 1;
    puts("not reached");
  }
  printf("recovered r=%d\n", r);
  sigset_t m;
  sigprocmask(SIG_BLOCK, 0, &m);
  printf("segv blocked after longjmp: %d\n", sigismember(&m, SIGSEGV));
  return 0;
}
