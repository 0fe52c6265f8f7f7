/* Attack: a read-only grant: read yes, anything else no. */
#include "adv.h"

MAIN {
  RD("read T/ro/r.txt", P("ro/r.txt"), O_RDONLY);
  OP("open T/ro/r.txt O_WRONLY", P("ro/r.txt"), O_WRONLY);
  OP("create T/ro/new", P("ro/new"), O_WRONLY | O_CREAT);
  R("unlink T/ro/r.txt", unlink(P("ro/r.txt")));
  R("mkdir T/ro/d", mkdir(P("ro/d"), 0755));
  R("rename T/ro/r.txt r2", rename(P("ro/r.txt"), "r2"));
  R("symlink x T/ro/l", symlink("x", P("ro/l")));
}
