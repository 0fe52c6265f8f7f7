/* Attack: symlinks made by the guest (symlinkat to /etc/passwd, then open). */
#include "adv.h"

MAIN {
  char b[256];
  R("symlink /etc/passwd pw", symlink("/etc/passwd", "pw"));
  OP("open pw", "pw", O_RDONLY);
  long n = readlink("pw", b, sizeof b - 1);
  R("readlink pw", n);
  if (n > 0) { b[n] = 0; printf("target: %s\n", b); }
  R("symlinkat T/secret/s.txt ps", symlinkat(P("secret/s.txt"), AT_FDCWD, "ps"));
  OP("open ps", "ps", O_RDONLY);
  R("symlink ../secret pd", symlink("../secret", "pd"));
  OP("open pd/s.txt", "pd/s.txt", O_RDONLY);
  R("symlink ../secret.txt sub/up", symlink("../../secret.txt", "sub/up"));
  OP("open sub/up", "sub/up", O_RDONLY);
}
