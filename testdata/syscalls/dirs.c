/* Directories: mkdirat, getdents64, getcwd, chdir, fchdir, unlinkat, renameat,
 * renameat2, linkat, utimensat; reading the fixture links with readlinkat.
 * Expects the fixture links lnk -> b.txt and dangling -> nowhere. */
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static int cmpstr(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

/* List a directory with raw getdents64 (small buffer: several calls), sorted. */
static void list(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    printf("list %s: -1 %s\n", path, ename(errno));
    return;
  }
  char buf[64] __attribute__((aligned(8)));
  char *names[64];
  int n = 0, calls = 0;
  for (;;) {
    long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (r < 0) {
      printf("getdents64: -1 %s\n", ename(errno));
      break;
    }
    if (r == 0) break;
    calls++;
    for (long off = 0; off < r;) {
      struct linux_dirent64 *d = (void *)(buf + off);
      char *s = malloc(300);
      snprintf(s, 300, "%s:%d", d->d_name, d->d_type);
      if (n < 64) names[n++] = s;
      off += d->d_reclen;
    }
  }
  qsort(names, n, sizeof names[0], cmpstr);
  printf("list %s (%d entries, several calls: %d):", path, n, calls > 1);
  for (int i = 0; i < n; i++) printf(" %s", names[i]);
  printf("\n");
  close(fd);
}

int main(void) {
  fresh_fds();
  char buf[512];
  struct stat st;
  char start[4096];
  getcwd(start, sizeof start);

  T("mkdir d", mkdir("d", 0700));
  T("mkdir d again", mkdir("d", 0700));
  T("mkdir a/b (no parent)", mkdir("a/b", 0700));
  T("mode", stat("d", &st) == 0 ? (long)(st.st_mode & 07777) : -1);
  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  T("mkdirat dirfd", mkdirat(dfd, "sub", 0755));
  T("mkdirat trailing slash", mkdirat(dfd, "sub2/", 0755));
  close(open("d/f1", O_CREAT | O_WRONLY, 0644));
  close(open("d/f2", O_CREAT | O_WRONLY, 0644));
  close(open("b.txt", O_CREAT | O_WRONLY, 0644));
  list("d");
  list(".");
  T("getdents64 on file", syscall(SYS_getdents64, open("b.txt", O_RDONLY), buf, sizeof buf));
  T("getdents64 bad fd", syscall(SYS_getdents64, 99, buf, sizeof buf));
  T("getdents64 tiny buffer", syscall(SYS_getdents64, dfd, buf, 8));

  /* getcwd, chdir, fchdir */
  T("chdir d", chdir("d"));
  getcwd(buf, sizeof buf);
  printf("cwd relative: %s\n", buf + strlen(start));
  T("chdir ..", chdir(".."));
  getcwd(buf, sizeof buf);
  printf("cwd back: %d\n", strcmp(buf, start) == 0);
  T("chdir file", chdir("b.txt"));
  T("chdir missing", chdir("missing"));
  T("fchdir", fchdir(dfd));
  getcwd(buf, sizeof buf);
  printf("cwd after fchdir: %s\n", buf + strlen(start));
  T("getcwd small", (long)getcwd(buf, 2));
  T("syscall getcwd length", syscall(SYS_getcwd, buf, sizeof buf) == (long)strlen(start) + 3);
  chdir(start);
  T("fchdir on file", fchdir(open("b.txt", O_RDONLY)));

  /* readlink of the fixture links */
  long n = readlink("lnk", buf, sizeof buf);
  T("readlink lnk", n);
  if (n >= 0) printf("target: %.*s\n", (int)n, buf);
  T("readlink truncated", readlink("lnk", buf, 2));
  T("readlinkat dangling", readlinkat(AT_FDCWD, "dangling", buf, sizeof buf));
  T("readlink regular", readlink("b.txt", buf, sizeof buf));
  T("readlink missing", readlink("missing", buf, sizeof buf));
  T("readlink size 0", readlink("lnk", buf, 0));

  /* unlinkat */
  T("unlinkat dir without flag", unlinkat(AT_FDCWD, "d/sub", 0));
  T("unlinkat file with flag", unlinkat(AT_FDCWD, "d/f1", AT_REMOVEDIR));
  T("rmdir non-empty", rmdir("d"));
  T("unlinkat dirfd", unlinkat(dfd, "f1", 0));
  T("unlinkat missing", unlinkat(dfd, "f1", 0));
  T("unlinkat sub", unlinkat(dfd, "sub", AT_REMOVEDIR));
  T("unlinkat bad flag", unlinkat(dfd, "f2", 0x1000));
  T("rmdir .", rmdir("d/."));
  list("d");

  /* renameat, renameat2 */
  close(open("r1", O_CREAT | O_WRONLY, 0644));
  write(open("r2", O_CREAT | O_WRONLY, 0644), "r2", 2);
  T("rename r1 -> r3", rename("r1", "r3"));
  T("rename missing", rename("r1", "r4"));
  T("renameat2 NOREPLACE exists", syscall(SYS_renameat2, AT_FDCWD, "r3", AT_FDCWD, "r2", RENAME_NOREPLACE));
  T("renameat2 NOREPLACE new", syscall(SYS_renameat2, AT_FDCWD, "r3", AT_FDCWD, "r5", RENAME_NOREPLACE));
  T("renameat2 EXCHANGE", syscall(SYS_renameat2, AT_FDCWD, "r5", AT_FDCWD, "r2", RENAME_EXCHANGE));
  T("size of r5 (was r2)", stat("r5", &st) == 0 ? st.st_size : -1);
  T("size of r2 (was r5)", stat("r2", &st) == 0 ? st.st_size : -1);
  T("renameat2 EXCHANGE missing", syscall(SYS_renameat2, AT_FDCWD, "r5", AT_FDCWD, "zz", RENAME_EXCHANGE));
  T("renameat2 both flags", syscall(SYS_renameat2, AT_FDCWD, "r5", AT_FDCWD, "r2", RENAME_EXCHANGE | RENAME_NOREPLACE));
  T("renameat2 bad flag", syscall(SYS_renameat2, AT_FDCWD, "r5", AT_FDCWD, "r2", 0x100));
  T("rename file over dir", rename("r5", "d"));
  mkdir("e", 0755);
  T("rename dir over file", rename("e", "r5"));
  T("rename dir into itself", rename("e", "e/x"));
  T("renameat dirfd", renameat(AT_FDCWD, "r5", dfd, "moved"));
  T("stat d/moved", stat("d/moved", &st));
  T("rename dir over empty dir", rename("e", "d/sub3") == 0 && rename("d/sub3", "e") == 0);

  /* linkat */
  T("link", link("r2", "r2.hard"));
  T("nlink", stat("r2", &st) == 0 ? (long)st.st_nlink : -1);
  T("link exists", link("r2", "r2.hard"));
  T("link dir", link("d", "d.hard"));
  T("link missing", link("zz", "zz.hard"));
  T("linkat dirfd", linkat(AT_FDCWD, "r2", dfd, "r2.inside", 0));
  T("nlink", stat("r2", &st) == 0 ? (long)st.st_nlink : -1);
  T("linkat bad flag", linkat(AT_FDCWD, "r2", AT_FDCWD, "r2.x", 0x1));
  T("linkat to link (nofollow)", linkat(AT_FDCWD, "lnk", AT_FDCWD, "lnk.hard", 0));
  T("lstat lnk.hard is link", lstat("lnk.hard", &st) == 0 ? S_ISLNK(st.st_mode) : -1);
  T("linkat AT_SYMLINK_FOLLOW", linkat(AT_FDCWD, "lnk", AT_FDCWD, "lnk.follow", AT_SYMLINK_FOLLOW));
  T("lstat lnk.follow is reg", lstat("lnk.follow", &st) == 0 ? S_ISREG(st.st_mode) : -1);

  /* utimensat */
  struct timespec ts[2] = {{1000000000, 5000}, {1200000000, 123456789}};
  T("utimensat", utimensat(AT_FDCWD, "r2", ts, 0));
  stat("r2", &st);
  /* Milliseconds: Deno reports file times with millisecond precision. */
  printf("atime %ld.%03ld mtime %ld.%03ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec / 1000000,
         (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec / 1000000);
  struct timespec omit[2] = {{0, UTIME_OMIT}, {1300000000, 0}};
  T("utimensat omit atime", utimensat(AT_FDCWD, "r2", omit, 0));
  stat("r2", &st);
  printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
  struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  T("utimensat now", utimensat(AT_FDCWD, "r2", now, 0));
  stat("r2", &st);
  printf("atime recent: %d mtime %ld\n", st.st_atim.tv_sec > 1600000000, (long)st.st_mtim.tv_sec);
  struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
  T("utimensat bad nsec", utimensat(AT_FDCWD, "r2", bad, 0));
  T("utimensat missing", utimensat(AT_FDCWD, "zz", ts, 0));
  int fd = open("r2", O_RDONLY);
  T("futimens", futimens(fd, ts));
  T("mtime", fstat(fd, &st) == 0 ? (long)st.st_mtim.tv_sec : -1);
  T("utimensat NULL times", utimensat(AT_FDCWD, "r2", NULL, 0));
  T("mtime recent", stat("r2", &st) == 0 ? st.st_mtim.tv_sec > 1600000000 : -1);
  T("utimensat bad flags", utimensat(AT_FDCWD, "r2", ts, 0x4000));
  close(fd);
  close(dfd);
  puts("done");
  return 0;
}
