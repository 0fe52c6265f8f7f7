/* Expects the fixture links lnk -> b.txt and dangling -> nowhere.
 * open/openat flags, read/write family, lseek, stat family, access, truncate,
 * fsync, chmod/chown, umask. */
#include "common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static void show_stat(const char *label, const struct stat *st) {
  printf("%s: size=%ld mode=%o nlink=%ld reg=%d dir=%d lnk=%d\n", label, (long)st->st_size,
         st->st_mode & 07777, (long)st->st_nlink, S_ISREG(st->st_mode), S_ISDIR(st->st_mode),
         S_ISLNK(st->st_mode));
}

int main(void) {
  fresh_fds();
  char buf[256];
  struct stat st;

  T("umask(022)", umask(022));
  T("umask(077) old", umask(077));
  T("umask(022) old", umask(022));

  /* O_CREAT, mode and umask */
  int fd = open("a.txt", O_CREAT | O_WRONLY, 0666);
  T("open create fd", fd);
  T("write", write(fd, "hello world\n", 12));
  T("fstat", fstat(fd, &st));
  show_stat("a.txt", &st);
  T("read on O_WRONLY", read(fd, buf, 4));
  T("close", close(fd));
  T("close again", close(fd));
  T("close -1", close(-1));

  /* O_EXCL */
  T("open O_EXCL existing", open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
  fd = open("b.txt", O_CREAT | O_EXCL | O_RDWR, 0600);
  T("open O_EXCL new fd", fd);
  T("fstat b", fstat(fd, &st));
  show_stat("b.txt", &st);
  close(fd);

  /* reading, pread, lseek */
  fd = open("a.txt", O_RDONLY);
  T("open rdonly", fd);
  memset(buf, 0, sizeof buf);
  T("read 5", read(fd, buf, 5));
  printf("data: %s\n", buf);
  T("lseek cur", lseek(fd, 0, SEEK_CUR));
  T("lseek end", lseek(fd, 0, SEEK_END));
  T("lseek set 6", lseek(fd, 6, SEEK_SET));
  T("lseek negative", lseek(fd, -100, SEEK_SET));
  T("lseek bad whence", lseek(fd, 0, 17));
  memset(buf, 0, sizeof buf);
  T("read rest", read(fd, buf, sizeof buf));
  printf("data: %s", buf);
  T("read at eof", read(fd, buf, sizeof buf));
  memset(buf, 0, sizeof buf);
  T("pread 0 5", pread(fd, buf, 5, 0));
  printf("data: %s\n", buf);
  T("pread past end", pread(fd, buf, 5, 100));
  T("pread negative", pread(fd, buf, 5, -1));
  T("lseek after pread", lseek(fd, 0, SEEK_CUR));
  T("write on O_RDONLY", write(fd, "x", 1));
  T("lseek beyond end", lseek(fd, 100, SEEK_SET));
  T("read beyond end", read(fd, buf, 10));
  close(fd);

  /* pwrite, readv, writev */
  fd = open("a.txt", O_RDWR);
  T("pwrite", pwrite(fd, "HELLO", 5, 0));
  T("lseek after pwrite", lseek(fd, 0, SEEK_CUR));
  struct iovec iov[3] = {{"one ", 4}, {"", 0}, {"two\n", 4}};
  T("lseek end", lseek(fd, 0, SEEK_END));
  T("writev", writev(fd, iov, 3));
  T("lseek 0", lseek(fd, 0, SEEK_SET));
  char p1[6] = {0}, p2[32] = {0};
  struct iovec riov[2] = {{p1, 5}, {p2, 31}};
  T("readv", readv(fd, riov, 2));
  printf("readv: [%s] [%s]", p1, p2);
  T("writev bad count", writev(fd, iov, -1));
  close(fd);

  /* O_APPEND */
  fd = open("a.txt", O_WRONLY | O_APPEND);
  T("lseek 0 on append", lseek(fd, 0, SEEK_SET));
  T("append write", write(fd, "end\n", 4));
  T("offset after append", lseek(fd, 0, SEEK_CUR));
  T("fcntl getfl has O_APPEND", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  close(fd);
  T("stat size", stat("a.txt", &st) == 0 ? st.st_size : -1);

  /* O_TRUNC */
  fd = open("a.txt", O_RDONLY | O_TRUNC);
  T("O_RDONLY|O_TRUNC fd", fd);
  close(fd);
  T("size after rdonly trunc", stat("a.txt", &st) == 0 ? st.st_size : -1);
  fd = open("a.txt", O_WRONLY | O_TRUNC);
  close(fd);
  T("size after trunc", stat("a.txt", &st) == 0 ? st.st_size : -1);

  /* O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC */
  mkdir("d", 0755);
  T("O_DIRECTORY on file", open("b.txt", O_RDONLY | O_DIRECTORY));
  fd = open("d", O_RDONLY | O_DIRECTORY);
  T("O_DIRECTORY on dir", fd);
  T("read dir", read(fd, buf, 10));
  close(fd);
  T("open dir for write", open("d", O_WRONLY));
  /* "lnk" -> "b.txt" and "dangling" -> "nowhere" are made by the test before the
   * run (creating links needs unscoped grants in Deno: see links.c). */
  T("O_NOFOLLOW on link", open("lnk", O_RDONLY | O_NOFOLLOW));
  fd = open("lnk", O_RDONLY);
  T("follow link", fd);
  close(fd);
  T("open dangling", open("dangling", O_RDONLY));
  T("open missing", open("missing", O_RDONLY));
  T("open missing/x", open("missing/x", O_RDONLY));
  T("open b.txt/x", open("b.txt/x", O_RDONLY));
  T("open empty path", open("", O_RDONLY));
  fd = open("b.txt", O_RDONLY | O_CLOEXEC);
  T("O_CLOEXEC F_GETFD", fcntl(fd, F_GETFD));
  close(fd);
  fd = openat(AT_FDCWD, "b.txt", O_RDONLY);
  T("openat AT_FDCWD F_GETFD", fcntl(fd, F_GETFD));
  close(fd);
  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  fd = openat(dfd, "inner", O_CREAT | O_WRONLY, 0644);
  T("openat dirfd create", fd >= 0);
  close(fd);
  T("stat d/inner", stat("d/inner", &st));
  int ffd = open("b.txt", O_RDONLY);
  T("openat file as dirfd", openat(ffd, "x", O_RDONLY));
  T("openat bad dirfd", openat(999, "x", O_RDONLY));
  close(ffd);

  /* stat family */
  T("lstat lnk", lstat("lnk", &st));
  printf("lnk is link: %d size: %ld\n", S_ISLNK(st.st_mode), (long)st.st_size);
  T("stat lnk", stat("lnk", &st));
  printf("lnk target is reg: %d\n", S_ISREG(st.st_mode));
  T("fstatat dirfd", fstatat(dfd, "inner", &st, 0));
  T("fstatat AT_EMPTY_PATH", fstatat(dfd, "", &st, AT_EMPTY_PATH));
  printf("empty path is dir: %d\n", S_ISDIR(st.st_mode));
  T("fstatat empty no flag", fstatat(dfd, "", &st, 0));
  T("fstatat bad flag", fstatat(AT_FDCWD, "b.txt", &st, 0x40000000));
  T("stat missing", stat("missing", &st));
  T("stat dangling", stat("dangling", &st));
  T("lstat dangling", lstat("dangling", &st));
  struct statx sx;
  T("statx", statx(AT_FDCWD, "b.txt", 0, STATX_BASIC_STATS, &sx));
  printf("statx: size=%ld mode=%o nlink=%u mask_basic=%d\n", (long)sx.stx_size,
         sx.stx_mode & 07777, sx.stx_nlink, (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
  T("statx nofollow", statx(AT_FDCWD, "lnk", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx));
  printf("statx lnk: %d\n", S_ISLNK(sx.stx_mode));
  T("statx missing", statx(AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &sx));
  close(dfd);

  /* access */
  T("access F_OK", access("b.txt", F_OK));
  T("access R_OK|W_OK", access("b.txt", R_OK | W_OK));
  T("access X_OK on 0600", access("b.txt", X_OK));
  T("access missing", access("missing", F_OK));
  T("access bad mode", access("b.txt", 0100));
  T("faccessat", faccessat(AT_FDCWD, "d", X_OK, 0));
  T("faccessat2 nofollow", syscall(SYS_faccessat2, AT_FDCWD, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
  T("faccessat2 follow", syscall(SYS_faccessat2, AT_FDCWD, "dangling", F_OK, 0));
  T("faccessat2 bad flag", syscall(SYS_faccessat2, AT_FDCWD, "b.txt", F_OK, 0x8000000));

  /* truncate, ftruncate, fsync */
  fd = open("c.txt", O_CREAT | O_RDWR, 0644);
  T("ftruncate 1000", ftruncate(fd, 1000));
  T("fstat size", fstat(fd, &st) == 0 ? st.st_size : -1);
  T("pread hole", pread(fd, buf, 4, 500));
  printf("hole bytes zero: %d\n", buf[0] == 0 && buf[3] == 0);
  T("ftruncate -1", ftruncate(fd, -1));
  T("truncate 10", truncate("c.txt", 10));
  T("fstat size", fstat(fd, &st) == 0 ? st.st_size : -1);
  T("truncate dir", truncate("d", 0));
  T("fsync", fsync(fd));
  T("fdatasync", fdatasync(fd));
  T("fsync bad fd", fsync(77));
  close(fd);
  fd = open("c.txt", O_RDONLY);
  T("ftruncate rdonly", ftruncate(fd, 0));
  close(fd);

  /* chmod family, chown family */
  T("chmod 0640", chmod("c.txt", 0640));
  T("mode", stat("c.txt", &st) == 0 ? (long)(st.st_mode & 07777) : -1);
  fd = open("c.txt", O_RDONLY);
  T("fchmod 0604", fchmod(fd, 0604));
  T("mode", stat("c.txt", &st) == 0 ? (long)(st.st_mode & 07777) : -1);
  T("fchmodat 0600", fchmodat(AT_FDCWD, "c.txt", 0600, 0));
  T("mode", stat("c.txt", &st) == 0 ? (long)(st.st_mode & 07777) : -1);
  T("fchmodat missing", fchmodat(AT_FDCWD, "missing", 0600, 0));
  T("fchown -1 -1", fchown(fd, -1, -1));
  T("fchown bad fd", fchown(99, -1, -1));
  T("fchownat -1 -1", fchownat(AT_FDCWD, "c.txt", -1, -1, 0));
  T("chown missing", chown("missing", -1, -1));
  close(fd);

  /* unlink while open */
  fd = open("c.txt", O_RDONLY);
  T("unlink open file", unlink("c.txt"));
  T("fstat after unlink", fstat(fd, &st) == 0 ? (long)st.st_nlink : -1);
  T("read after unlink", read(fd, buf, 100));
  close(fd);
  T("stat after unlink", stat("c.txt", &st));

  /* O_TMPFILE: an unnamed file in a directory */
  mkdir("tmpdir", 0755);
  fd = open("tmpdir", O_TMPFILE | O_RDWR, 0600);
  T("O_TMPFILE fd", fd >= 0);
  T("write", write(fd, "temp", 4));
  T("pread", pread(fd, buf, 4, 0));
  T("fstat size", fstat(fd, &st) == 0 ? st.st_size : -1);
  T("fstat reg", S_ISREG(st.st_mode));
  close(fd);
  int dfd2 = open("tmpdir", O_RDONLY | O_DIRECTORY);
  char dents[512];
  T("tmpdir still empty (getdents bytes)", syscall(SYS_getdents64, dfd2, dents, sizeof dents) <= 48);
  close(dfd2);
  T("O_TMPFILE read-only", open("tmpdir", O_TMPFILE | O_RDONLY, 0600));
  T("O_TMPFILE on a file", open("b.txt", O_TMPFILE | O_RDWR, 0600));
  T("rmdir tmpdir", rmdir("tmpdir"));

  /* bad pointers */
  T("read EFAULT at end of file", read(open("b.txt", O_RDONLY), (void *)8, 1));
  int efd = open("e.txt", O_CREAT | O_RDWR | O_TRUNC, 0600);
  write(efd, "xyz", 3);
  lseek(efd, 0, SEEK_SET);
  T("read EFAULT with data", read(efd, (void *)8, 1));
  T("offset after the failed read", lseek(efd, 0, SEEK_CUR));
  close(efd);
  unlink("e.txt");
  T("open EFAULT", open((char *)8, O_RDONLY));
  puts("done");
  return 0;
}
