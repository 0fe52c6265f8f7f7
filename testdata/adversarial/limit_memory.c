/* Attack: --max-memory: ENOMEM, and Deno survives. */
#include "adv.h"

MAIN {
  long got = 0;
  for (int i = 0; i < 4096; i++) {
    char *p = malloc(1 << 20);
    if (!p) break;
    memset(p, 1, 1 << 20);
    got++;
  }
  printf("malloc failed before 64 MiB: %s\n", got < 64 ? "yes" : "no");
  printf("got at least 16 MiB: %s\n", got >= 16 ? "yes" : "no");
  void *m = (void *)syscall(SYS_mmap, 0, 1UL << 30, 3, 0x22, -1, 0);
  R("mmap 1 GiB", (long)m == -1 ? -1 : 0);
  R("brk +1 GiB", sbrk(1L << 30) == (void *)-1 ? -1 : 0);
}
