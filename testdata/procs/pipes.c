/* pipe2 between processes: blocking reads, EOF, EPIPE/SIGPIPE, dup2 onto stdio,
 * execve of a program (itself, with an argument) and of a #! script, O_CLOEXEC. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "child")) {
    /* exec'd: stdout is the pipe; fd 5 was O_CLOEXEC, fd 6 was not */
    printf("exec'd child argv[2]=%s fd5 %s fd6 %s\n", argc > 2 ? argv[2] : "-",
           fcntl(5, F_GETFD) == -1 ? "closed" : "open", fcntl(6, F_GETFD) == -1 ? "closed" : "open");
    printf("env KITEMU_T=%s\n", getenv("KITEMU_T") ? getenv("KITEMU_T") : "(none)");
    return 5;
  }
  setvbuf(stdout, NULL, _IONBF, 0);
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    for (int i = 0; i < 3; i++) {
      usleep(20000);
      dprintf(p[1], "line %d\n", i);
    }
    _exit(0);
  }
  close(p[1]);
  char buf[256];
  int total = 0, reads = 0;
  ssize_t n;
  while ((n = read(p[0], buf, sizeof buf)) > 0) {
    total += n;
    reads++;
  }
  printf("read %d bytes, eof %zd\n", total, n);
  close(p[0]);
  waitpid(c, NULL, 0);

  /* a big transfer through a 64 KiB pipe */
  pipe(p);
  c = fork();
  if (c == 0) {
    close(p[0]);
    static char big[300000];
    memset(big, 'x', sizeof big);
    ssize_t w = write(p[1], big, sizeof big);
    _exit(w == sizeof big ? 0 : 1);
  }
  close(p[1]);
  long got = 0;
  while ((n = read(p[0], buf, sizeof buf)) > 0) got += n;
  int st;
  waitpid(c, &st, 0);
  printf("big transfer %ld writer status %d\n", got, WEXITSTATUS(st));
  close(p[0]);

  /* EPIPE and SIGPIPE */
  pipe(p);
  close(p[0]);
  signal(SIGPIPE, SIG_IGN);
  errno = 0;
  ssize_t wr = write(p[1], "x", 1);
  printf("write no reader %zd %s\n", wr, strerror(errno));
  signal(SIGPIPE, SIG_DFL);
  c = fork();
  if (c == 0) {
    write(p[1], "x", 1);
    _exit(0);
  }
  waitpid(c, &st, 0);
  printf("sigpipe kills %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
  close(p[1]);

  /* exec with dup2 onto stdout */
  pipe(p);
  int cl = open("/dev/null", O_RDONLY | O_CLOEXEC);
  dup2(cl, 5);
  fcntl(5, F_SETFD, FD_CLOEXEC);
  dup2(cl, 6);
  c = fork();
  if (c == 0) {
    dup2(p[1], 1);
    close(p[0]);
    close(p[1]);
    char *args[] = {argv[0], "child", "arg", NULL};
    char *envp[] = {"KITEMU_T=yes", NULL};
    execve(argv[0], args, envp);
    _exit(99);
  }
  close(p[1]);
  while ((n = read(p[0], buf, sizeof buf - 1)) > 0) {
    buf[n] = 0;
    fputs(buf, stdout);
  }
  waitpid(c, &st, 0);
  printf("exec status %d\n", WEXITSTATUS(st));
  close(p[0]);

  /* exec failures */
  errno = 0;
  char *none[] = {"x", NULL};
  int er = execve("/nonexistent/prog", none, none + 1);
  printf("exec missing %d %s\n", er, strerror(errno));
  char tmpl[] = "/tmp/kitemu-pipes-XXXXXX";
  int fd = mkstemp(tmpl);
  write(fd, "plain text\n", 11);
  close(fd);
  errno = 0;
  er = execve(tmpl, none, none + 1);
  printf("exec not executable %d %s\n", er, strerror(errno));
  chmod(tmpl, 0755);
  errno = 0;
  er = execve(tmpl, none, none + 1);
  printf("exec not a program %d %s\n", er, strerror(errno));
  /* a #! script whose interpreter is this program */
  fd = open(tmpl, O_WRONLY | O_TRUNC);
  dprintf(fd, "#!%s child\n", argv[0]);
  close(fd);
  pipe(p);
  c = fork();
  if (c == 0) {
    dup2(p[1], 1);
    close(p[1]);
    char *args[] = {"script", "extra", NULL};
    execve(tmpl, args, none + 1);
    _exit(98);
  }
  close(p[1]);
  while ((n = read(p[0], buf, sizeof buf - 1)) > 0) {
    buf[n] = 0;
    /* argv[2] is the script's path: replace it with a fixed name */
    char *at = strstr(buf, tmpl);
    if (at) memcpy(at, "/tmp/kitemu-pipes-SCRIPT", strlen(tmpl));
    fputs(buf, stdout);
  }
  waitpid(c, &st, 0);
  printf("script status %d\n", WEXITSTATUS(st));
  unlink(tmpl);
  return 0;
}
