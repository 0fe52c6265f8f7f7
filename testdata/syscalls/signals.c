/* Signals for one process: rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigreturn, sigaltstack, kill/tgkill/raise to itself, and delivery of
 * SIGSEGV, SIGILL, SIGFPE, SIGPIPE, SIGTRAP to handlers with a correct frame.
 * The frame checks (saved pc, saved registers, FP/SIMD state) are per ISA:
 * RISC-V 64, AArch64 and x86-64. */
#include "common.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>

#if defined(__riscv)
#define UC_PC(uc) ((uc)->uc_mcontext.__gregs[REG_PC])
#define UC_ARGREG(uc) ((uc)->uc_mcontext.__gregs[REG_A0 + 5]) /* a5 */
#elif defined(__aarch64__)
#define UC_PC(uc) ((uc)->uc_mcontext.pc)
#define UC_ARGREG(uc) ((uc)->uc_mcontext.regs[5]) /* x5 */
#elif defined(__x86_64__)
#define UC_PC(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#define UC_ARGREG(uc) ((uc)->uc_mcontext.gregs[REG_R8]) /* r8 */
#else
#error "unsupported ISA"
#endif

static volatile int hits, last_sig, last_code, nested_blocked, on_alt, addr_ok;
static volatile long saw_arg;
static sigjmp_buf jb;
static char *altbase;
static char *prot_page;

static void h_count(int sig) {
  hits++;
  last_sig = sig;
}

/* Where the kernel puts siginfo and ucontext: RISC-V and AArch64 put struct rt_sigframe
 * { siginfo; ucontext; } at the 16-byte-aligned stack pointer; x86-64 puts { pretcode;
 * ucontext; siginfo; } so that the handler's rsp (the frame) is 8 mod 16, as after a call. */
static volatile int frame_ok = -1;
static int frame_layout_ok(siginfo_t *si, void *uc) {
#if defined(__x86_64__)
  return (char *)si - (char *)uc == 304 && ((unsigned long)uc - 8) % 16 == 8;
#else
  return (char *)uc - (char *)si == 128 && (unsigned long)si % 16 == 0;
#endif
}

static void h_info(int sig, siginfo_t *si, void *uc) {
  frame_ok = frame_layout_ok(si, uc);
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

/* Skip the faulting instruction (skip_len bytes) by editing the saved pc. */
static volatile int skip_len;
static void h_skip(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  last_sig = sig;
  last_code = si->si_code;
  addr_ok = si->si_addr == (void *)UC_PC(uc);
  UC_PC(uc) += skip_len;
  hits++;
}

#if defined(__x86_64__)
/* int3 is a trap: the saved rip is already past the 0xcc byte (si_code SI_KERNEL, no address). */
static void h_int3(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  last_sig = sig;
  last_code = si->si_code;
  addr_ok = *(unsigned char *)(UC_PC(uc) - 1) == 0xcc;
  hits++;
}
#endif

/* Change a saved register: the interrupted code sees it after sigreturn. */
static void h_setreg(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  saw_arg = UC_ARGREG(uc);
  UC_ARGREG(uc) = 4242;
}

/* Clobber FP registers in the handler: they must come back after sigreturn. */
static void h_fp(int sig) {
#if defined(__riscv)
  register double x asm("fs0") = 1.5;
  register double y asm("ft0") = 2.5;
  asm volatile("fadd.d %0, %0, %1" : "+f"(x) : "f"(y));
  asm volatile("fmv.d.x fs1, zero\nfmv.d.x fs0, zero" ::: "fs0", "fs1");
#elif defined(__aarch64__)
  asm volatile("fmov d8, #1.5\nfmov d9, xzr\nfmov d8, xzr" ::: "d8", "d9");
#else
  asm volatile("fldpi\nfldpi\nfaddp\nfstp %%st(0)\npxor %%xmm1, %%xmm1" ::: "xmm1", "st");
#endif
  hits++;
}

/* The caller-saved vector/FP register and the FP control the direct-syscall test uses:
 * the handler reads their saved copies in the frame (saved_fp, saved_ctl), replaces the
 * low 32 bits of the saved register with 0xcafef00d (sigreturn must load it), then
 * clobbers the live registers. */
static volatile int fp_entry_default = -1;
static volatile unsigned saved_fp[4];
static volatile unsigned long saved_ctl;
static void h_fp_clobber(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
#if defined(__riscv)
  unsigned long long *f1 = (unsigned long long *)&uc->uc_mcontext.__fpregs.__d.__f[1];
  saved_fp[0] = (unsigned)*f1;
  saved_fp[1] = (unsigned)(*f1 >> 32);
  saved_ctl = (uc->uc_mcontext.__fpregs.__d.__fcsr >> 5) & 7; /* frm */
  *f1 = (*f1 & ~0xffffffffULL) | 0xcafef00d;
  asm volatile("fmv.d.x ft1, zero\nfsrmi 2" ::: "ft1");
#elif defined(__aarch64__)
  /* The first record in __reserved is struct fpsimd_context: magic, size, fpsr, fpcr, v0..v31. */
  unsigned char *rec = (unsigned char *)uc->uc_mcontext.__reserved;
  unsigned magic, fpcr;
  memcpy(&magic, rec, 4);
  memcpy(&fpcr, rec + 12, 4);
  saved_ctl = magic == 0x46508001 ? fpcr : 0xbad;
  for (int k = 0; k < 4; k++) memcpy((void *)&saved_fp[k], rec + 16 + 16 * 16 + 4 * k, 4);
  unsigned mark = 0xcafef00d;
  memcpy(rec + 16 + 16 * 16, &mark, 4);
  asm volatile("movi v16.2d, #0\nmsr fpcr, xzr" ::: "v16");
#else
  struct _libc_fpstate *fx = uc->uc_mcontext.fpregs;
  saved_ctl = fx ? fx->mxcsr : 0xbad;
  for (int k = 0; k < 4; k++) saved_fp[k] = fx ? fx->_xmm[8].element[k] : 0;
  if (fx) fx->_xmm[8].element[0] = 0xcafef00d;
  /* The kernel gives a handler a fresh FPU state (fpu__clear_user_states): default MXCSR,
   * default x87 control word, empty x87 stack. */
  unsigned mx = 0;
  unsigned short cw = 0, tw = 0;
  char env[28];
  asm volatile("stmxcsr %0" : "=m"(mx));
  asm volatile("fnstcw %0" : "=m"(cw));
  asm volatile("fnstenv %0\nfldenv %0" : "+m"(env));
  memcpy(&tw, env + 8, 2);
  fp_entry_default = mx == 0x1f80 && cw == 0x37f && tw == 0xffff;
  unsigned down = 0x3f80;
  asm volatile("pxor %%xmm8, %%xmm8\nldmxcsr %0\nfldz\nfldz" ::"m"(down) : "xmm8");
#endif
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
  B("frame layout and alignment as the kernel's", frame_ok == 1);
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
#if defined(__riscv)
  skip_len = 4;
  asm volatile(".option push\n.option norvc\n.word 0\n.option pop");
#elif defined(__aarch64__)
  skip_len = 4;
  asm volatile(".word 0"); /* udf #0 */
#else
  skip_len = 2;
  asm volatile("ud2");
#endif
  printf("SIGILL: hits=%d sig=%d code=%d addr ok=%d\n", hits, last_sig, last_code, addr_ok);
  hits = last_sig = last_code = addr_ok = 0;

  /* SIGTRAP from a breakpoint instruction, skipped the same way (x86-64: int3 traps after
   * the instruction, so the saved rip is already past it) */
#if defined(__riscv)
  sigaction(SIGTRAP, &sa, NULL);
  asm volatile(".option push\n.option norvc\nebreak\n.option pop");
#elif defined(__aarch64__)
  sigaction(SIGTRAP, &sa, NULL);
  asm volatile("brk #0");
#else
  sa.sa_sigaction = h_int3;
  sigaction(SIGTRAP, &sa, NULL);
  asm volatile("int3");
  sa.sa_sigaction = h_skip;
#endif
  printf("SIGTRAP: hits=%d sig=%d code=%d addr ok=%d\n", hits, last_sig, last_code, addr_ok);
  hits = last_sig = last_code = 0;

#if defined(__x86_64__)
  /* SIGFPE from an integer division by zero (div %rcx, 3 bytes), skipped */
  skip_len = 3;
  sigaction(SIGFPE, &sa, NULL);
  asm volatile("xor %%ecx, %%ecx\n.byte 0x48, 0xf7, 0xf1" ::: "rax", "rdx", "rcx");
  printf("SIGFPE divide: hits=%d sig=%d code=%d addr ok=%d\n", hits, last_sig, last_code,
         addr_ok);
  hits = last_sig = last_code = addr_ok = 0;
#endif

  /* SIGFPE raised (RISC-V and AArch64 do not trap on division) */
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

  /* the handler edits a saved register (a5, x5, r8) of a kill made by a direct syscall */
  sa.sa_sigaction = h_setreg;
  sigaction(SIGUSR1, &sa, NULL);
  long self = getpid();
#if defined(__riscv)
  register long reg asm("a5") = 17;
  register long a7 asm("a7") = SYS_kill;
  register long res asm("a0") = self;
  register long a1 asm("a1") = SIGUSR1;
  asm volatile("ecall" : "+r"(res), "+r"(reg) : "r"(a7), "r"(a1) : "memory");
#elif defined(__aarch64__)
  register long reg asm("x5") = 17;
  register long x8 asm("x8") = SYS_kill;
  register long res asm("x0") = self;
  register long x1 asm("x1") = SIGUSR1;
  asm volatile("svc #0" : "+r"(res), "+r"(reg) : "r"(x8), "r"(x1) : "memory");
#else
  register long reg asm("r8") = 17;
  long res = SYS_kill;
  asm volatile("syscall"
               : "+a"(res), "+r"(reg)
               : "D"(self), "S"((long)SIGUSR1)
               : "rcx", "r11", "memory");
#endif
  printf("saved register seen by handler: %ld, after return: %ld, result: %ld\n", saw_arg, reg,
         res);

  /* FP registers survive a handler that clobbers them */
  signal(SIGUSR1, h_fp);
#if defined(__riscv)
  register double keep asm("fs0") = 3.25;
#elif defined(__aarch64__)
  register double keep asm("d8") = 3.25;
#else
  double keep = 3.25;
#endif
#if defined(__riscv)
#define FPREG "+f"
#elif defined(__aarch64__)
#define FPREG "+w"
#else
#define FPREG "+x"
#endif
  asm volatile("" : FPREG(keep));
  raise(SIGUSR1);
  asm volatile("" : FPREG(keep));
  printf("callee-saved FP register after handler: %g hits=%d\n", keep, hits);
  hits = 0;

  /* A caller-saved vector/FP register and the FP control register, live across a kill by a
   * direct syscall: the handler clobbers both, sigreturn must bring them back. */
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h_fp_clobber;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, NULL);
  {
    static const unsigned pattern[4] = {0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00};
    unsigned back[4] = {0};
    unsigned long ctl = 0;
    (void)pattern;
#if defined(__riscv)
    unsigned long bits = 0x400a000000000000UL; /* 3.25 */
    register long a7r asm("a7") = SYS_kill;
    register long a0r asm("a0") = self;
    register long a1r asm("a1") = SIGUSR1;
    asm volatile("fmv.d.x ft1, %[bits]\nfsrmi 1\necall\nfmv.x.d %[bits], ft1\nfrrm %[ctl]\n"
                 "fsrmi 0"
                 : [bits] "+r"(bits), [ctl] "=r"(ctl), "+r"(a0r)
                 : "r"(a7r), "r"(a1r)
                 : "ft1", "memory");
    back[0] = (unsigned)bits;
    back[1] = (unsigned)(bits >> 32);
    printf("ft1 after handler: %08x%08x rounding mode: %lu hits=%d\n", back[1], back[0], ctl,
           hits);
#elif defined(__aarch64__)
    register long x8r asm("x8") = SYS_kill;
    register long x0r asm("x0") = self;
    register long x1r asm("x1") = SIGUSR1;
    asm volatile("ld1 {v16.16b}, [%[pat]]\n"
                 "mov x9, #0x00c00000\nmsr fpcr, x9\n" /* round toward zero */
                 "svc #0\n"
                 "st1 {v16.16b}, [%[back]]\nmrs %[ctl], fpcr\nmsr fpcr, xzr"
                 : [ctl] "=r"(ctl), "+r"(x0r)
                 : [pat] "r"(pattern), [back] "r"(back), "r"(x8r), "r"(x1r)
                 : "v16", "x9", "memory");
    printf("v16 after handler: %08x %08x %08x %08x fpcr: %#lx hits=%d\n", back[0], back[1],
           back[2], back[3], ctl, hits);
#else
    long rax = SYS_kill;
    unsigned mx_in = 0x7f80, mx_def = 0x1f80, mx_out = 0; /* round toward zero */
    double x87_in = 2.75, x87_out = 0;
    unsigned short cw_in = 0x77f, cw_out = 0, cw_def = 0x37f; /* x87 round toward zero */
    long redzone = 0x5a5a5a5a5a5a5a5aL; /* also: the frame leaves the 128-byte red zone alone */
    asm volatile("movdqu %[pat], %%xmm8\nldmxcsr %[mxin]\nfldcw %[cwin]\nfldl %[x87in]\n"
                 "movq %[rz], -8(%%rsp)\nmovq %[rz], -128(%%rsp)\n"
                 "syscall\n"
                 "movq -8(%%rsp), %[rz]\nxorq -128(%%rsp), %[rz]\n"
                 "fstpl %[x87out]\nfnstcw %[cwout]\nfldcw %[cwdef]\n"
                 "movdqu %%xmm8, %[back]\nstmxcsr %[mxout]\nldmxcsr %[mxdef]"
                 : "+a"(rax), [back] "=m"(back), [mxout] "=m"(mx_out), [x87out] "=m"(x87_out),
                   [cwout] "=m"(cw_out), [rz] "+r"(redzone)
                 : [pat] "m"(pattern), [mxin] "m"(mx_in), [mxdef] "m"(mx_def),
                   [x87in] "m"(x87_in), [cwin] "m"(cw_in), [cwdef] "m"(cw_def), "D"(self),
                   "S"((long)SIGUSR1)
                 : "rcx", "r11", "xmm8", "memory");
    ctl = mx_out;
    printf("xmm8 after handler: %08x %08x %08x %08x mxcsr: %#lx x87: %g fcw: %#x hits=%d\n",
           back[0], back[1], back[2], back[3], ctl, x87_out, cw_out, hits);
    printf("handler started with a fresh FPU state: %d\n", fp_entry_default);
    printf("red zone intact: %d\n", redzone == 0);
#endif
    printf("saved in the frame: %08x %08x %08x %08x control %#lx\n", saved_fp[0], saved_fp[1],
           saved_fp[2], saved_fp[3], saved_ctl);
    hits = 0;
  }

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
