/* fork, wait4/waitpid/waitid, exit statuses, zombies, ECHILD, WNOHANG, SIGCHLD,
 * shared file offsets after fork, getppid, process groups. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int chld, chld_code, chld_status;
static void on_chld(int s, siginfo_t *si, void *uc) {
  (void)s;
  (void)uc;
  chld++;
  chld_code = si->si_code;
  chld_status = si->si_status;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pid_t me = getpid();
  pid_t c = fork();
  if (c == 0) {
    printf("child: ppid is parent %d\n", getppid() == me);
    printf("child: pid differs %d\n", getpid() != me);
    _exit(3);
  }
  int st = 0;
  pid_t w = waitpid(c, &st, 0);
  printf("waitpid same pid %d exited %d status %d\n", w == c, WIFEXITED(st), WEXITSTATUS(st));
  errno = 0;
  int wr = wait(&st);
  printf("wait again %d errno %s\n", wr, strerror(errno));

  /* killed by a signal */
  c = fork();
  if (c == 0) {
    for (;;) pause();
  }
  printf("WNOHANG while running %d\n", (int)waitpid(c, &st, WNOHANG));
  kill(c, SIGTERM);
  waitpid(c, &st, 0);
  printf("signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

  /* a crash */
  c = fork();
  if (c == 0) {
    volatile int *p = (int *)16;
    *p = 1;
    _exit(0);
  }
  waitpid(c, &st, 0);
  printf("segv signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

  /* SIGCHLD handler */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGCHLD, &sa, NULL);
  c = fork();
  if (c == 0) _exit(9);
  while (!chld) pause();
  printf("sigchld %d code %d status %d\n", chld, chld_code, chld_status);
  waitpid(c, &st, 0);

  /* waitid */
  c = fork();
  if (c == 0) _exit(42);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int r = waitid(P_PID, c, &si, WEXITED);
  printf("waitid %d signo %d code %d status %d pid ok %d\n", r, si.si_signo, si.si_code,
         si.si_status, si.si_pid == c);

  /* many children, reaped in any order */
  int sum = 0;
  for (int i = 0; i < 5; i++) {
    if (fork() == 0) _exit(i + 1);
  }
  for (int i = 0; i < 5; i++) {
    wait(&st);
    sum += WEXITSTATUS(st);
  }
  printf("sum of statuses %d\n", sum);

  /* shared offset after fork */
  char path[] = "/tmp/kitemu-forkwait-XXXXXX";
  int fd = mkstemp(path);
  unlink(path);
  c = fork();
  if (c == 0) {
    write(fd, "child", 5);
    _exit(0);
  }
  waitpid(c, &st, 0);
  write(fd, "parent", 6);
  printf("offset shared %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  close(fd);

  /* memory is copied, not shared */
  static int value = 1;
  c = fork();
  if (c == 0) {
    value = 2;
    _exit(value);
  }
  waitpid(c, &st, 0);
  printf("child saw %d parent sees %d\n", WEXITSTATUS(st), value);

  /* process groups */
  c = fork();
  if (c == 0) {
    setpgid(0, 0);
    printf("child own group %d\n", getpgid(0) == getpid());
    printf("child setsid fails as leader %d\n", setsid() == -1);
    _exit(0);
  }
  waitpid(c, &st, 0);
  c = fork();
  if (c == 0) {
    pid_t s = setsid();
    printf("setsid %d sid %d\n", s == getpid(), getsid(0) == getpid());
    _exit(0);
  }
  waitpid(c, &st, 0);
  int kr = kill(999999, 0);
  printf("kill no such pid %d errno %s\n", kr, strerror(errno));
  return 7;
}
