/* Signals for one process: rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigreturn, sigaltstack, kill/tgkill/raise to itself, and delivery of
 * SIGSEGV, SIGILL, SIGFPE, SIGPIPE, SIGTRAP to handlers with a correct frame. */
#include "common.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>

static volatile int hits, last_sig, last_code, nested_blocked, on_alt, addr_ok;
static volatile long saw_arg;
static sigjmp_buf jb;
static char *altbase;
static char *prot_page;

static void h_count(int sig) {
  hits++;
  last_sig = sig;
}

static void h_info(int sig, siginfo_t *si, void *uc) {
  hits++;
  last_sig = sig;
  last_code = si->si_code;
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  nested_blocked = sigismember(&cur, sig);
  char here;
  on_alt = altbase && &here >= altbase && &here < altbase + 65536;
  (void)uc;
}

static void h_segv_jump(int sig, siginfo_t *si, void *uc) {
  last_sig = sig;
  last_code = si->si_code;
  addr_ok = si->si_addr == (void *)16;
  siglongjmp(jb, 1);
}

static void h_segv_fix(int sig, siginfo_t *si, void *uc) {
  last_sig = sig;
  last_code = si->si_code;
  addr_ok = (char *)si->si_addr == prot_page + 8;
  mprotect(prot_page, 4096, PROT_READ | PROT_WRITE);
}

/* Skip the faulting instruction (4 bytes) by editing the saved pc. */
static void h_skip(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  last_sig = sig;
  last_code = si->si_code;
  addr_ok = si->si_addr == (void *)uc->uc_mcontext.__gregs[REG_PC];
  uc->uc_mcontext.__gregs[REG_PC] += 4;
  hits++;
}

/* Change a saved register: the interrupted code sees it after sigreturn. */
static void h_setreg(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  saw_arg = uc->uc_mcontext.__gregs[REG_A0 + 5];
  uc->uc_mcontext.__gregs[REG_A0 + 5] = 4242;
}

/* Clobber FP registers in the handler: they must come back after sigreturn. */
static void h_fp(int sig) {
  register double x asm("fs0") = 1.5;
  register double y asm("ft0") = 2.5;
  asm volatile("fadd.d %0, %0, %1" : "+f"(x) : "f"(y));
  asm volatile("fmv.d.x fs1, zero\nfmv.d.x fs0, zero" ::: "fs0", "fs1");
  hits++;
}

static volatile int alt_flags_in_handler = -1, alt_set_in_handler;
static char seq[16];
static volatile int seqn;

static void h_alt_query(int sig) {
  stack_t cur, ss = {0};
  sigaltstack(NULL, &cur);
  alt_flags_in_handler = cur.ss_flags;
  ss.ss_sp = malloc(65536);
  ss.ss_size = 65536;
  alt_set_in_handler = sigaltstack(&ss, NULL) == 0 ? 0 : errno;
  hits++;
}

static void h_seq_usr1(int sig) { seq[seqn++] = '1'; }

static void h_seq_usr2(int sig) {
  seq[seqn++] = '2';
  raise(SIGUSR1); /* blocked by sa_mask: runs after this handler returns */
  seq[seqn++] = '2';
}

static void h_overflow(int sig, siginfo_t *si, void *uc) {
  char here;
  on_alt = altbase && &here >= altbase && &here < altbase + 65536;
  last_sig = sig;
  siglongjmp(jb, 2);
}

static int recurse(int n) {
  volatile char pad[1024];
  pad[0] = (char)n;
  return recurse(n + 1) + pad[0];
}

static void show(const char *what) {
  printf("%s: hits=%d sig=%d code=%d\n", what, hits, last_sig, last_code);
  hits = last_sig = last_code = 0;
}

int main(void) {
  fresh_fds();
  struct sigaction sa, old;
  sigset_t set, cur, pend;

  /* sigaction bookkeeping */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h_count;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sa.sa_flags = SA_RESTART;
  T("sigaction USR1", sigaction(SIGUSR1, &sa, NULL));
  T("sigaction query", sigaction(SIGUSR1, NULL, &old));
  B("handler kept", old.sa_handler == h_count);
  B("mask kept", sigismember(&old.sa_mask, SIGUSR2) && !sigismember(&old.sa_mask, SIGINT));
  B("SA_RESTART kept", (old.sa_flags & SA_RESTART) != 0);
  T("sigaction KILL", sigaction(SIGKILL, &sa, NULL));
  T("sigaction STOP", sigaction(SIGSTOP, &sa, NULL));
  T("sigaction 0", syscall(SYS_rt_sigaction, 0, NULL, &old, 8));
  T("sigaction 65", syscall(SYS_rt_sigaction, 65, NULL, &old, 8));
  T("sigaction bad size", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4));
  T("query KILL", sigaction(SIGKILL, NULL, &old));

  /* raise, kill, tgkill to self */
  T("raise USR1", raise(SIGUSR1));
  show("after raise");
  T("kill self USR1", kill(getpid(), SIGUSR1));
  show("after kill");
  T("tgkill self", syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1));
  show("after tgkill");
  T("kill signal 0", kill(getpid(), 0));
  T("kill bad signal", kill(getpid(), 99));
  T("kill other pid", kill(999999, SIGUSR1));
  T("tgkill other", syscall(SYS_tgkill, 999999, 999999, SIGUSR1));
  T("tgkill bad tgid", syscall(SYS_tgkill, 0, 1, SIGUSR1));

  /* SA_SIGINFO, si_code, blocked during the handler */
  sa.sa_flags = SA_SIGINFO;
  sa.sa_sigaction = h_info;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR2, &sa, NULL);
  kill(getpid(), SIGUSR2);
  printf("siginfo kill: hits=%d code=%d blocked-in-handler=%d\n", hits, last_code, nested_blocked);
  hits = 0;
  syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR2);
  printf("siginfo tgkill: hits=%d code=%d\n", hits, last_code);
  hits = 0;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  printf("SA_NODEFER: hits=%d blocked-in-handler=%d\n", hits, nested_blocked);
  hits = 0;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  B("mask restored after handler", !sigismember(&cur, SIGUSR2));

  /* SA_RESETHAND */
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  sigaction(SIGUSR2, NULL, &old);
  printf("SA_RESETHAND: hits=%d now default=%d\n", hits, old.sa_handler == SIG_DFL);
  hits = 0;

  /* blocking, pending, unblocking */
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  T("block USR1", sigprocmask(SIG_BLOCK, &set, NULL));
  raise(SIGUSR1);
  raise(SIGUSR1);
  printf("while blocked: hits=%d\n", hits);
  T("sigpending", sigpending(&pend));
  B("USR1 pending", sigismember(&pend, SIGUSR1));
  T("unblock USR1", sigprocmask(SIG_UNBLOCK, &set, NULL));
  printf("after unblock: hits=%d (standard signals do not queue)\n", hits);
  hits = 0;
  sigpending(&pend);
  B("nothing pending", !sigismember(&pend, SIGUSR1));
  T("sigprocmask bad how", sigprocmask(99, &set, NULL));
  sigfillset(&set);
  sigprocmask(SIG_SETMASK, &set, NULL);
  sigprocmask(SIG_SETMASK, NULL, &cur);
  B("KILL and STOP not blockable", !sigismember(&cur, SIGKILL) && !sigismember(&cur, SIGSTOP));
  sigemptyset(&set);
  sigprocmask(SIG_SETMASK, &set, NULL);

  /* SIG_IGN */
  signal(SIGUSR1, SIG_IGN);
  T("raise ignored", raise(SIGUSR1));
  sigpending(&pend);
  B("ignored not pending", !sigismember(&pend, SIGUSR1));
  signal(SIGCHLD, SIG_DFL);
  T("raise SIGCHLD (default ignore)", raise(SIGCHLD));

  /* sigaltstack and SA_ONSTACK */
  stack_t ss, oss;
  T("sigaltstack query", sigaltstack(NULL, &oss));
  printf("initial flags: %d\n", oss.ss_flags);
  altbase = malloc(65536);
  ss.ss_sp = altbase;
  ss.ss_size = 65536;
  ss.ss_flags = 0;
  T("sigaltstack set", sigaltstack(&ss, NULL));
  T("sigaltstack query", sigaltstack(NULL, &oss));
  printf("flags %d size %ld same sp %d\n", oss.ss_flags, (long)oss.ss_size, oss.ss_sp == altbase);
  ss.ss_size = 100;
  T("sigaltstack too small", sigaltstack(&ss, NULL));
  ss.ss_flags = 99;
  ss.ss_size = 65536;
  T("sigaltstack bad flags", sigaltstack(&ss, NULL));
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  printf("SA_ONSTACK: hits=%d on alt stack=%d\n", hits, on_alt);
  hits = on_alt = 0;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  printf("without SA_ONSTACK: hits=%d on alt stack=%d\n", hits, on_alt);
  hits = 0;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h_alt_query;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  printf("inside SA_ONSTACK handler: hits=%d ss_flags=%d sigaltstack set -> %s\n", hits,
         alt_flags_in_handler, alt_set_in_handler ? ename(alt_set_in_handler) : "0");
  hits = 0;
  ss.ss_flags = SS_DISABLE;
  T("sigaltstack disable", sigaltstack(&ss, NULL));
  sigaltstack(NULL, &oss);
  printf("flags after disable: %d\n", oss.ss_flags);

  /* SIGSEGV: jump out of the handler */
  sa.sa_flags = SA_SIGINFO;
  sa.sa_sigaction = h_segv_jump;
  sigaction(SIGSEGV, &sa, NULL);
  if (sigsetjmp(jb, 1) == 0) {
    *(volatile int *)16 = 1;
    puts("not reached");
  }
  printf("SIGSEGV null write: sig=%d code=%d addr ok=%d\n", last_sig, last_code, addr_ok);
  sigprocmask(SIG_BLOCK, NULL, &cur);
  B("SEGV unblocked after siglongjmp", !sigismember(&cur, SIGSEGV));
  last_sig = last_code = addr_ok = 0;

  /* SIGSEGV: fix the protection and return (the access is retried) */
  prot_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  sa.sa_sigaction = h_segv_fix;
  sigaction(SIGSEGV, &sa, NULL);
  *(volatile int *)(prot_page + 8) = 99;
  printf("SIGSEGV protection: sig=%d code=%d addr ok=%d value=%d\n", last_sig, last_code, addr_ok,
         *(int *)(prot_page + 8));
  last_sig = last_code = addr_ok = 0;

  /* SIGILL: skip the instruction by editing the saved pc */
  sa.sa_sigaction = h_skip;
  sigaction(SIGILL, &sa, NULL);
  asm volatile(".option push\n.option norvc\n.word 0\n.option pop");
  printf("SIGILL: hits=%d sig=%d code=%d addr ok=%d\n", hits, last_sig, last_code, addr_ok);
  hits = last_sig = last_code = addr_ok = 0;

  /* SIGTRAP from ebreak (4-byte form), skipped the same way */
  sigaction(SIGTRAP, &sa, NULL);
  asm volatile(".option push\n.option norvc\nebreak\n.option pop");
  printf("SIGTRAP: hits=%d sig=%d code=%d addr ok=%d\n", hits, last_sig, last_code, addr_ok);
  hits = last_sig = last_code = 0;

  /* SIGFPE (RISC-V does not trap on division: raised) */
  sa.sa_sigaction = h_info;
  sigaction(SIGFPE, &sa, NULL);
  raise(SIGFPE);
  show("SIGFPE raised");

  /* SIGPIPE from writing to a pipe without reader */
  int p[2];
  pipe(p);
  close(p[0]);
  sigaction(SIGPIPE, &sa, NULL);
  T("write to broken pipe", write(p[1], "x", 1));
  show("SIGPIPE");
  signal(SIGPIPE, SIG_IGN);
  T("write to broken pipe, ignored", write(p[1], "x", 1));
  show("SIGPIPE ignored");
  close(p[1]);

  /* the handler edits a saved register (a5) */
  sa.sa_sigaction = h_setreg;
  sigaction(SIGUSR1, &sa, NULL);
  long self = getpid();
  register long a5 asm("a5") = 17;
  register long a7 asm("a7") = SYS_kill;
  register long a0 asm("a0") = self;
  register long a1 asm("a1") = SIGUSR1;
  asm volatile("ecall" : "+r"(a0), "+r"(a5) : "r"(a7), "r"(a1) : "memory");
  printf("saved a5 seen by handler: %ld, a5 after return: %ld, a0: %ld\n", saw_arg, a5, a0);

  /* FP registers survive a handler that clobbers them */
  signal(SIGUSR1, h_fp);
  register double keep asm("fs0") = 3.25;
  asm volatile("" : "+f"(keep));
  raise(SIGUSR1);
  asm volatile("" : "+f"(keep));
  printf("fs0 after handler: %g hits=%d\n", keep, hits);
  hits = 0;

  /* a signal raised inside a handler, blocked until it returns */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h_seq_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  sa.sa_handler = h_seq_usr2;
  sigaddset(&sa.sa_mask, SIGUSR1);
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  printf("order: %s\n", seq);

  /* sigsuspend */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h_count;
  sigaction(SIGUSR1, &sa, NULL);
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR1);
  printf("before sigsuspend: hits=%d\n", hits);
  sigset_t empty;
  sigemptyset(&empty);
  T("sigsuspend", sigsuspend(&empty));
  printf("after sigsuspend: hits=%d\n", hits);
  hits = 0;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  B("mask restored after sigsuspend", sigismember(&cur, SIGUSR1));
  /* sigtimedwait: take a blocked pending signal without its handler */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h_count;
  sigaction(SIGUSR2, &sa, NULL);
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  kill(getpid(), SIGUSR2);
  siginfo_t wsi;
  struct timespec zero = {0, 0}, short_wait = {0, 20000000};
  T("sigtimedwait", sigtimedwait(&set, &wsi, &zero));
  printf("si_signo %d si_code %d handler hits %d\n", wsi.si_signo, wsi.si_code, hits);
  T("sigtimedwait nothing pending", sigtimedwait(&set, &wsi, &zero));
  T("sigtimedwait 20ms", sigtimedwait(&set, &wsi, &short_wait));
  T("sigtimedwait bad timeout", (short_wait.tv_nsec = -1, sigtimedwait(&set, &wsi, &short_wait)));
  sigprocmask(SIG_UNBLOCK, &set, NULL);

  /* stack overflow, caught on the alternate stack */
  altbase = malloc(65536);
  stack_t big = {.ss_sp = altbase, .ss_size = 65536, .ss_flags = 0};
  sigaltstack(&big, NULL);
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h_overflow;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGSEGV, &sa, NULL);
  on_alt = last_sig = 0;
  if (sigsetjmp(jb, 1) == 0) printf("never: %d\n", recurse(0));
  printf("stack overflow: sig=%d on alt stack=%d\n", last_sig, on_alt);
  puts("done");
  return 0;
}
