/* Attack: an O_PATH descriptor of a link to outside, used as a directory. */
#include "adv.h"

MAIN {
  int fd = open("dlnk", O_PATH | O_NOFOLLOW);
  R("open dlnk O_PATH|O_NOFOLLOW", fd);
  struct stat st;
  if (fstat(fd, &st) == 0) printf("is link: %d\n", S_ISLNK(st.st_mode));
  R("openat(fd, s.txt)", openat(fd, "s.txt", O_RDONLY));
  R("fchdir(fd)", fchdir(fd));
  OP("open s.txt", "s.txt", O_RDONLY);
}
