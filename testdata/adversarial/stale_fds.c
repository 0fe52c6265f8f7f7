/* Attack: descriptors whose paths were replaced by links to outside. */
#include "adv.h"

MAIN {
  R("mkdir e", mkdir("e", 0755));
  int dfd = open("e", O_RDONLY | O_DIRECTORY);
  R("open e", dfd);
  int fd = open("f", O_RDWR | O_CREAT, 0644);
  R("create f", fd);
  R("rename e e_old", rename("e", "e_old"));
  R("symlink T/secret e", symlink(P("secret"), "e"));
  R("rename f f_old", rename("f", "f_old"));
  R("symlink T/secret.txt f", symlink(P("secret.txt"), "f"));
  int g = openat(dfd, "s.txt", O_RDONLY);
  R("openat(e, s.txt)", g);
  char buf[4096];
  long n = syscall(SYS_getdents64, dfd, buf, sizeof buf);
  int names = 0;
  for (long off = 0; n > 0 && off < n;) {
    struct dirent64 *d = (struct dirent64 *)(buf + off);
    if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
      names++;
      printf("entry: %s\n", d->d_name);
    }
    off += d->d_reclen;
  }
  if (n < 0) R("getdents(e)", n);
  else printf("getdents(e): %d names\n", names);
  R("fchmod(f)", fchmod(fd, 0777));
  struct timespec ts[2] = {{0, 0}, {0, 0}};
  R("futimens(f)", futimens(fd, ts));
  R("fchdir(e)", fchdir(dfd));
  OP("open s.txt after fchdir", "s.txt", O_RDONLY);
}
