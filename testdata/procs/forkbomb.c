/* A fork bomb: every process forks until fork fails. Under kitemu --max-procs
 * the failures are EAGAIN and the first process reports, then everything ends.
 * (Not compared with qemu or native: it is only run under kitemu's limit.) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int p[2];
  pipe(p);
  pid_t first = getpid();
  int made = 0;
  for (int i = 0; i < 100000; i++) {
    pid_t c = fork();
    if (c < 0) {
      if (getpid() == first) printf("fork failed: %s after %d\n", strerror(errno), made);
      break;
    }
    if (c > 0) made++;
  }
  if (getpid() != first) {
    char ch;
    close(p[1]);
    read(p[0], &ch, 1); /* wait until the first process closes the write end */
    _exit(0);
  }
  close(p[1]);
  close(p[0]);
  int n = 0;
  while (wait(NULL) > 0) n++;
  printf("reaped %d children\n", n);
  return 0;
}
