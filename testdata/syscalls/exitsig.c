/* Exit status: exit(n), and death by a signal's default action (128+n). The
 * test runs it once per argument: exit N | term | abort | segv | fpe | ill |
 * pipe | usr1-blocked-then-unblocked | suspend (hangs) | (none: returns 3 from main). */
#include "common.h"
#include <signal.h>

int main(int argc, char **argv) {
  fresh_fds();
  if (argc < 2) {
    puts("return 3");
    return 3;
  }
  const char *w = argv[1];
  printf("mode %s\n", w);
  fflush(stdout);
  if (!strcmp(w, "exit")) exit(atoi(argv[2]));
  if (!strcmp(w, "term")) raise(SIGTERM);
  if (!strcmp(w, "abort")) abort();
  if (!strcmp(w, "segv")) *(volatile int *)0 = 1;
  if (!strcmp(w, "fpe")) {
#if defined(__x86_64__)
    /* x86-64 traps on an integer division by zero (#DE): SIGFPE */
    asm volatile("xor %%ecx, %%ecx\ndiv %%rcx" ::: "rax", "rdx", "rcx");
#else
    raise(SIGFPE); /* RISC-V and AArch64 do not trap on division */
#endif
  }
  if (!strcmp(w, "ill")) {
#if defined(__x86_64__)
    asm volatile("ud2");
#else
    asm volatile(".word 0"); /* an illegal instruction on RISC-V, udf #0 on AArch64 */
#endif
  }
  if (!strcmp(w, "pipe")) {
    int p[2];
    pipe(p);
    close(p[0]);
    write(p[1], "x", 1);
  }
  if (!strcmp(w, "usr1-blocked-then-unblocked")) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL);
    raise(SIGUSR1);
    puts("still alive while blocked");
    sigprocmask(SIG_UNBLOCK, &s, NULL);
  }
  if (!strcmp(w, "suspend")) {
    /* Waits forever (nothing will send a signal): only a time limit ends it. */
    sigset_t none;
    sigemptyset(&none);
    sigsuspend(&none);
  }
  puts("not reached");
  return 0;
}
