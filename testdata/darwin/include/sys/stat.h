#ifndef _KITEMU_SYS_STAT_H
#define _KITEMU_SYS_STAT_H
#include <_types.h>
#include <time.h>
/* struct stat with 64-bit inodes (_DARWIN_FEATURE_64_BIT_INODE), 144 bytes. */
struct stat {
  dev_t st_dev;
  mode_t st_mode;
  nlink_t st_nlink;
  ino_t st_ino;
  uid_t st_uid;
  gid_t st_gid;
  dev_t st_rdev;
  struct timespec st_atimespec;
  struct timespec st_mtimespec;
  struct timespec st_ctimespec;
  struct timespec st_birthtimespec;
  off_t st_size;
  blkcnt_t st_blocks;
  blksize_t st_blksize;
  unsigned int st_flags;
  unsigned int st_gen;
  int st_lspare;
  long long st_qspare[2];
};
#define st_atime st_atimespec.tv_sec
#define st_mtime st_mtimespec.tv_sec
#define st_ctime st_ctimespec.tv_sec
#define S_IFMT 0170000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#ifdef __x86_64__
int stat(const char *, struct stat *) __asm("_stat$INODE64");
int fstat(int, struct stat *) __asm("_fstat$INODE64");
int lstat(const char *, struct stat *) __asm("_lstat$INODE64");
#else
int stat(const char *, struct stat *);
int fstat(int, struct stat *);
int lstat(const char *, struct stat *);
#endif
#endif
