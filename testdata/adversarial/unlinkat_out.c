/* Attack: unlinkat across the boundary. */
#include "adv.h"

MAIN {
  R("unlink ../secret.txt", unlink("../secret.txt"));
  R("unlink dlnk/s.txt", unlink("dlnk/s.txt"));
  R("rmdir ../secret/dir", rmdir("../secret/dir"));
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  R("unlinkat(sub, ../../secret.txt)", unlinkat(d, "../../secret.txt", 0));
  R("unlink T/allowed2/x.txt", unlink(P("allowed2/x.txt")));
  R("unlink T/ro/r.txt", unlink(P("ro/r.txt")));
  R("rmdir T/allowed (the grant itself)", rmdir(P("allowed")));
}
