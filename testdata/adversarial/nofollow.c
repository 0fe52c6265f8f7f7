/* Attack: O_NOFOLLOW and AT_SYMLINK_NOFOLLOW. */
#include "adv.h"

MAIN {
  struct stat st;
  OP("open lnk O_NOFOLLOW", "lnk", O_RDONLY | O_NOFOLLOW);
  OP("open dlnk/s.txt O_NOFOLLOW", "dlnk/s.txt", O_RDONLY | O_NOFOLLOW);
  R("fstatat lnk AT_SYMLINK_NOFOLLOW", fstatat(AT_FDCWD, "lnk", &st, AT_SYMLINK_NOFOLLOW));
  OP("open lnk O_PATH|O_NOFOLLOW", "lnk", O_PATH | O_NOFOLLOW);
  RD("open file.txt O_NOFOLLOW", "file.txt", O_RDONLY | O_NOFOLLOW);
}
