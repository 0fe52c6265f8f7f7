/* Attack: ELOOP: loops and the 40-link limit (links made by the guest). */
#include "adv.h"

MAIN {
  struct stat st;
  R("symlink loopb loopa", symlink("loopb", "loopa"));
  R("symlink loopa loopb", symlink("loopa", "loopb"));
  OP("open loopa", "loopa", O_RDONLY);
  R("stat loopa", stat("loopa", &st));
  R("symlink self self", symlink("self", "self"));
  OP("open self/x", "self/x", O_RDONLY);
  char a[32], b[32];
  for (int i = 0; i < 41; i++) {
    snprintf(a, sizeof a, "k%d", i);
    snprintf(b, sizeof b, i == 40 ? "file.txt" : "k%d", i + 1);
    if (symlink(b, a) < 0) R("symlink chain", -1);
  }
  RD("open k1 (40 links)", "k1", O_RDONLY);
  OP("open k0 (41 links)", "k0", O_RDONLY);
}
