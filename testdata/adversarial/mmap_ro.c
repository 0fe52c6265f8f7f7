/* Attack: write to a read-only granted file through a shared mapping. */
#include "adv.h"
#include <sys/mman.h>

MAIN {
  int fd = open(P("ro/r.txt"), O_RDONLY);
  R("open T/ro/r.txt", fd);
  void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  R("mmap MAP_SHARED PROT_WRITE", m == MAP_FAILED ? -1 : 0);
  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  R("mmap MAP_PRIVATE PROT_WRITE", p == MAP_FAILED ? -1 : 0);
  if (p != MAP_FAILED) {
    memcpy(p, "PWNED", 5);
    R("msync", msync(p, 4096, MS_SYNC));
    R("munmap", munmap(p, 4096));
  }
  R("reopen O_RDWR", open(P("ro/r.txt"), O_RDWR));
}
