/* Attack: truncate across the boundary. */
#include "adv.h"

MAIN {
  R("truncate ../secret.txt", truncate("../secret.txt", 0));
  R("truncate lnk", truncate("lnk", 0));
  R("truncate T/allowed2/x.txt", truncate(P("allowed2/x.txt"), 0));
  R("truncate T/ro/r.txt", truncate(P("ro/r.txt"), 0));
  int fd = open(P("ro/r.txt"), O_RDONLY);
  R("open T/ro/r.txt", fd);
  R("ftruncate read-only fd", ftruncate(fd, 0));
}
