/* Attack: metadata across the boundary (stat, access, statx). */
#include "adv.h"

MAIN {
  struct stat st;
  struct statx sx;
  R("stat ../secret.txt", stat("../secret.txt", &st));
  R("access ../secret.txt F_OK", access("../secret.txt", F_OK));
  R("stat lnk", stat("lnk", &st));
  R("lstat lnk", lstat("lnk", &st));
  R("statx ../secret/s.txt", statx(AT_FDCWD, "../secret/s.txt", 0, STATX_BASIC_STATS, &sx));
  R("stat T/allowed2", stat(P("allowed2"), &st));
  R("access dlnk/s.txt R_OK", access("dlnk/s.txt", R_OK));
  R("stat ..", stat("..", &st));
}
