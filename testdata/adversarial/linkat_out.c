/* Attack: hard links across the boundary. */
#include "adv.h"

MAIN {
  R("link T/secret.txt h1", link(P("secret.txt"), "h1"));
  R("linkat lnk h2 AT_SYMLINK_FOLLOW", linkat(AT_FDCWD, "lnk", AT_FDCWD, "h2", AT_SYMLINK_FOLLOW));
  R("link file.txt ../h3", link("file.txt", "../h3"));
  R("link T/ro/r.txt h4", link(P("ro/r.txt"), "h4"));
  R("link dlnk/s.txt h5", link("dlnk/s.txt", "h5"));
}
