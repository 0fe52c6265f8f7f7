/* The memory cap counts every guest process together: under kitemu
 * --max-memory=64M a parent holding 40 MiB leaves its child no room for
 * another 40 MiB, and the room comes back when the parent lets go.
 * (Run only under kitemu with that limit; natively both succeed.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (40 << 20)

static int child_try(void) {
  pid_t c = fork();
  if (c == 0) {
    void *q = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    _exit(q == MAP_FAILED ? 1 : 0);
  }
  int st;
  waitpid(c, &st, 0);
  return WEXITSTATUS(st) == 0;
}

int main(void) {
  void *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("parent got 40 MiB: %d\n", p != MAP_FAILED);
  printf("child got 40 MiB more: %d\n", child_try());
  munmap(p, BIG);
  printf("after the parent's munmap, child got 40 MiB: %d\n", child_try());
  return 0;
}
