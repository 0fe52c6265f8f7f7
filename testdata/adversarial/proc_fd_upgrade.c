/* Attack: reopening a read-only descriptor for writing through /proc/self/fd. */
#include "adv.h"

MAIN {
  int fd = open(P("ro/r.txt"), O_RDONLY);
  R("open T/ro/r.txt", fd);
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
  OP("reopen O_RDWR", p, O_RDWR);
  OP("reopen O_WRONLY|O_TRUNC", p, O_WRONLY | O_TRUNC);
  RD("reopen O_RDONLY", p, O_RDONLY);
}
