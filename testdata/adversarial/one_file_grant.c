/* Attack: a write grant on one file: write it, never remove or replace it. */
#include "adv.h"

MAIN {
  int fd = open(P("one/f.txt"), O_WRONLY | O_APPEND);
  R("open T/one/f.txt O_APPEND", fd);
  if (fd >= 0) { R("write", write(fd, "more\n", 5)); close(fd); }
  R("unlink T/one/f.txt", unlink(P("one/f.txt")));
  R("rename T/one/f.txt T/one/g.txt", rename(P("one/f.txt"), P("one/g.txt")));
  R("rename file.txt over T/one/f.txt", rename("file.txt", P("one/f.txt")));
  OP("create T/one/new.txt", P("one/new.txt"), O_WRONLY | O_CREAT);
  R("chmod T/one/f.txt 0600", chmod(P("one/f.txt"), 0600));
}
