/* Attack: move a denied directory out from under its --deny-read by renaming its parent, or
 * plant a tree under a --deny-write by renaming it into place. */
#include "adv.h"

MAIN {
  R("rename box box2", rename("box", "box2"));
  OP("open box2/private/p.txt", "box2/private/p.txt", O_RDONLY);
  R("mkdir mine", mkdir("mine", 0755));
  R("mkdir mine/private", mkdir("mine/private", 0755));
  int fd = open("mine/private/evil", O_WRONLY | O_CREAT, 0644);
  R("create mine/private/evil", fd);
  if (fd >= 0) close(fd);
  R("rename mine empty (lands on box-like denied path)", rename("mine", "empty"));
  R("rename sub sub2 (no denied entries)", rename("sub", "sub2"));
}
