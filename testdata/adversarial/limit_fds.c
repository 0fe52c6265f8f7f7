/* Attack: --max-fds: EMFILE. */
#include "adv.h"

MAIN {
  int n = 0, fd;
  while ((fd = open("/dev/null", O_RDONLY)) >= 0 && n < 100000) n++;
  printf("opened: %d\n", n);
  R("next open", fd);
  R("dup", dup(0));
  R("pipe", pipe((int[2]){0, 0}));
}
