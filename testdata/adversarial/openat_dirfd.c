/* Attack: openat with a directory descriptor. */
#include "adv.h"

MAIN {
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  R("open sub", d);
  int fd = openat(d, "../../secret.txt", O_RDONLY);
  R("openat(sub, ../../secret.txt)", fd);
  fd = openat(d, P("secret.txt"), O_RDONLY);
  R("openat(sub, T/secret.txt)", fd);
  fd = openat(d, "../file.txt", O_RDONLY);
  R("openat(sub, ../file.txt)", fd);
  OP("open .. O_DIRECTORY", "..", O_RDONLY | O_DIRECTORY);
  OP("open .. O_PATH", "..", O_PATH);
  int f = open("file.txt", O_RDONLY);
  R("openat(file, x)", openat(f, "x", O_RDONLY));
}
