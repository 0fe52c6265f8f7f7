/* Attack: listing directories across the boundary. */
#include "adv.h"

MAIN {
  OP("open .. O_DIRECTORY", "..", O_RDONLY | O_DIRECTORY);
  OP("open dlnk O_DIRECTORY", "dlnk", O_RDONLY | O_DIRECTORY);
  OP("open T/secret O_DIRECTORY", P("secret"), O_RDONLY | O_DIRECTORY);
  OP("open / O_DIRECTORY", "/", O_RDONLY | O_DIRECTORY);
  OP("open /tmp O_DIRECTORY", "/tmp", O_RDONLY | O_DIRECTORY);
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  OP("openat(sub, ../.. O_DIRECTORY)", "sub/../..", O_RDONLY | O_DIRECTORY);
  char buf[4096];
  long n = syscall(SYS_getdents64, d, buf, sizeof buf);
  R("getdents sub", n);
  for (long off = 0; n > 0 && off < n;) {
    struct dirent64 *e = (struct dirent64 *)(buf + off);
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) printf("entry: %s\n", e->d_name);
    off += e->d_reclen;
  }
}
