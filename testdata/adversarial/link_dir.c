/* Attack: a host symlink to a directory outside (dlnk -> ../secret). */
#include "adv.h"

MAIN {
  struct stat st;
  OP("open dlnk/s.txt", "dlnk/s.txt", O_RDONLY);
  OP("open dlnk O_DIRECTORY", "dlnk", O_RDONLY | O_DIRECTORY);
  R("chdir dlnk", chdir("dlnk"));
  R("stat dlnk/dir/inner.txt", stat("dlnk/dir/inner.txt", &st));
  OP("create dlnk/new", "dlnk/new", O_WRONLY | O_CREAT);
}
