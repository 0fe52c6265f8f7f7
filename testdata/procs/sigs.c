/* Signals between processes: kill to a child with a handler, sigsuspend,
 * pause, alarm, setitimer ITIMER_REAL, rt_sigtimedwait, kill of a group. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_usr1(int s) { got = s; }
static volatile sig_atomic_t alarms;
static void on_alrm(int s) { (void)s; alarms++; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int p[2];
  pipe(p);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  signal(SIGUSR1, on_usr1);
  pid_t c = fork();
  if (c == 0) {
    write(p[1], "r", 1); /* ready */
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    printf("child: sigsuspend %d %s got %d\n", r, strerror(errno), got);
    _exit(got == SIGUSR1 ? 0 : 1);
  }
  char ch;
  read(p[0], &ch, 1);
  kill(c, SIGUSR1);
  int st;
  waitpid(c, &st, 0);
  printf("child status %d\n", WEXITSTATUS(st));

  /* sigtimedwait in the child for a signal the parent sends */
  c = fork();
  if (c == 0) {
    write(p[1], "r", 1);
    siginfo_t si;
    struct timespec ts = {5, 0};
    int s = sigtimedwait(&block, &si, &ts);
    printf("child: sigtimedwait %d code is user %d from parent %d\n", s, si.si_code == SI_USER,
           si.si_pid == getppid());
    _exit(0);
  }
  read(p[0], &ch, 1);
  kill(c, SIGUSR1);
  waitpid(c, &st, 0);
  sigprocmask(SIG_SETMASK, &old, NULL);

  /* pause until a signal from the child */
  got = 0;
  pid_t me = getpid();
  c = fork();
  if (c == 0) {
    usleep(30000);
    kill(me, SIGUSR1);
    _exit(0);
  }
  while (!got) pause();
  printf("pause woke by %d\n", got);
  waitpid(c, &st, 0);

  /* alarm */
  signal(SIGALRM, on_alrm);
  alarm(1);
  printf("alarm left %u\n", alarm(1));
  while (!alarms) pause();
  printf("alarms %d\n", (int)alarms);

  /* setitimer, periodic */
  alarms = 0;
  struct itimerval it = {{0, 20000}, {0, 20000}};
  setitimer(ITIMER_REAL, &it, NULL);
  while (alarms < 3) pause();
  struct itimerval zero = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &zero, &it);
  printf("itimer fired %d interval %ld\n", alarms >= 3, (long)it.it_interval.tv_usec);

  /* default action of SIGALRM in a child */
  c = fork();
  if (c == 0) {
    signal(SIGALRM, SIG_DFL);
    alarm(1);
    for (;;) pause();
  }
  waitpid(c, &st, 0);
  printf("alarm kills child %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

  /* SA_RESTART: a read interrupted by a handler is restarted; without it, EINTR */
  for (int restart = 1; restart >= 0; restart--) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR2, &sa, NULL);
    int q[2];
    pipe(q);
    got = 0;
    c = fork();
    if (c == 0) {
      close(q[0]);
      usleep(30000);
      kill(getppid(), SIGUSR2);
      usleep(30000);
      write(q[1], "z", 1);
      _exit(0);
    }
    close(q[1]);
    char b2[4];
    errno = 0;
    ssize_t n = read(q[0], b2, sizeof b2);
    int e = errno;
    printf("SA_RESTART=%d read %zd %s handler ran %d\n", restart, n, n < 0 ? strerror(e) : "ok",
           got == SIGUSR2);
    waitpid(c, &st, 0);
    close(q[0]);
  }

  /* kill a process group */
  c = fork();
  if (c == 0) {
    setpgid(0, 0);
    if (fork() == 0) {
      for (;;) pause();
    }
    for (;;) pause();
  }
  setpgid(c, c);
  usleep(20000);
  kill(-c, SIGKILL);
  waitpid(c, &st, 0);
  printf("group killed %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  return 0;
}
