/* Attack: the current directory renamed and replaced by a link to outside. */
#include "adv.h"

MAIN {
  R("mkdir d", mkdir("d", 0755));
  R("chdir d", chdir("d"));
  R("rename T/allowed/d T/allowed/d_old", rename(P("allowed/d"), P("allowed/d_old")));
  R("symlink T/secret T/allowed/d", symlink(P("secret"), P("allowed/d")));
  OP("open s.txt", "s.txt", O_RDONLY);
  OP("create x", "x", O_WRONLY | O_CREAT);
  struct stat st;
  R("stat dir/inner.txt", stat("dir/inner.txt", &st));
}
