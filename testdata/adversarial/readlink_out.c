/* Attack: readlink across the boundary (a link's text is data too). */
#include "adv.h"

MAIN {
  char b[256];
  R("readlink T/secret/l", readlink(P("secret/l"), b, sizeof b));
  R("readlink ../secret/l", readlink("../secret/l", b, sizeof b));
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  R("readlinkat(sub, ../../secret/l)", readlinkat(d, "../../secret/l", b, sizeof b));
  R("readlink dlnk/l", readlink("dlnk/l", b, sizeof b));
  long n = readlink("lnk", b, sizeof b - 1);
  R("readlink lnk", n);
  if (n > 0) { b[n] = 0; printf("lnk: %s\n", b); }
}
