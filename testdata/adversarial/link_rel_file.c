/* Attack: a host symlink inside, relative target outside (lnk -> ../secret.txt). */
#include "adv.h"

MAIN {
  struct stat st;
  OP("open lnk", "lnk", O_RDONLY);
  R("stat lnk", stat("lnk", &st));
  R("lstat lnk", lstat("lnk", &st));
  OP("open lnk O_WRONLY|O_APPEND", "lnk", O_WRONLY | O_APPEND);
}
