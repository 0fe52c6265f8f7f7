/* Attack: chmod across the boundary. */
#include "adv.h"

MAIN {
  R("chmod ../secret.txt", chmod("../secret.txt", 0777));
  R("chmod lnk", chmod("lnk", 0777));
  R("fchmodat dlnk", fchmodat(AT_FDCWD, "dlnk", 0777, 0));
  R("chmod T/ro/r.txt", chmod(P("ro/r.txt"), 0777));
  int fd = open("lnk", O_PATH | O_NOFOLLOW);
  R("open lnk O_PATH|O_NOFOLLOW", fd);
  R("fchmod O_PATH fd", fchmod(fd, 0777));
}
