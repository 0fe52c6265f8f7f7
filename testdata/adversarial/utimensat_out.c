/* Attack: utimensat across the boundary. */
#include "adv.h"

MAIN {
  struct timespec ts[2] = {{0, 0}, {0, 0}};
  R("utimensat ../secret.txt", utimensat(AT_FDCWD, "../secret.txt", ts, 0));
  R("utimensat lnk", utimensat(AT_FDCWD, "lnk", ts, 0));
  R("utimensat dlnk/s.txt", utimensat(AT_FDCWD, "dlnk/s.txt", ts, 0));
  R("utimensat T/ro/r.txt", utimensat(AT_FDCWD, P("ro/r.txt"), ts, 0));
}
