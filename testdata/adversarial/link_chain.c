/* Attack: a chain of host symlinks ending outside (c1 -> c2 -> sub/c3 -> ../../secret.txt). */
#include "adv.h"

MAIN {
  OP("open c1", "c1", O_RDONLY);
  OP("open c2", "c2", O_RDONLY);
  OP("open sub/c3", "sub/c3", O_RDONLY);
  RD("open g1 (chain that stays inside)", "g1", O_RDONLY);
}
