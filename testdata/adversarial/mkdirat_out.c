/* Attack: mkdirat across the boundary. */
#include "adv.h"

MAIN {
  R("mkdir ../newdir", mkdir("../newdir", 0755));
  R("mkdir dlnk/newdir", mkdir("dlnk/newdir", 0755));
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  R("mkdirat(sub, ../../newdir2)", mkdirat(d, "../../newdir2", 0755));
  R("mkdir T/secret/x", mkdir(P("secret/x"), 0755));
  R("mkdir dang (dangling link)", mkdir("dang", 0755));
}
