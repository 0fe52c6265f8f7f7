/* Creating symbolic links: symlinkat, symlink, then using them. (Deno only
 * creates links with unscoped read and write grants, so the test runs this
 * one with --allow-read --allow-write; the guest still only touches its own
 * directory.) */
#include "common.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void) {
  fresh_fds();
  char buf[256];
  struct stat st;
  close(open("t", O_CREAT | O_WRONLY, 0644));
  mkdir("dir", 0755);
  T("symlink", symlink("t", "l1"));
  T("symlink exists", symlink("t", "l1"));
  T("symlink empty target", symlink("", "l2"));
  T("symlink dangling", symlink("nothing/here", "l3"));
  int dfd = open("dir", O_RDONLY | O_DIRECTORY);
  T("symlinkat dirfd", symlinkat("../t", dfd, "up"));
  T("symlinkat missing parent", symlinkat("t", AT_FDCWD, "nope/l"));
  long n = readlink("dir/up", buf, sizeof buf);
  T("readlink dir/up", n);
  printf("target: %.*s\n", (int)(n > 0 ? n : 0), buf);
  T("stat through dir/up", stat("dir/up", &st));
  T("lstat l3", lstat("l3", &st) == 0 ? S_ISLNK(st.st_mode) : -1);
  T("open l3 O_CREAT", open("l3", O_CREAT | O_WRONLY, 0644));
  T("symlink loop a", symlink("loopb", "loopa"));
  T("symlink loop b", symlink("loopa", "loopb"));
  T("open loop", open("loopa", O_RDONLY));
  T("stat loop", stat("loopa", &st));
  T("symlink to dir", symlink("dir", "dl"));
  T("open via dir link", open("dl/up", O_RDONLY) >= 0);
  T("chdir via link", chdir("dl"));
  T("stat ../t", stat("../t", &st));
  chdir("..");
  T("unlink link", unlink("l1"));
  T("target still there", stat("t", &st));
  T("rmdir dir link", rmdir("dl"));
  T("unlink dir link", unlink("dl"));
  close(dfd);
  puts("done");
  return 0;
}
