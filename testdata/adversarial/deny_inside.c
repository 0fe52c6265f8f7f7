/* Attack: --deny-read/--deny-write on a directory inside the grant. */
#include "adv.h"

MAIN {
  OP("open private/p.txt", "private/p.txt", O_RDONLY);
  OP("open plnk", "plnk", O_RDONLY);
  RD("open private/../file.txt", "private/../file.txt", O_RDONLY);
  OP("create private/new", "private/new", O_WRONLY | O_CREAT);
  R("unlink private/p.txt", unlink("private/p.txt"));
  R("rename private p2", rename("private", "p2"));
}
