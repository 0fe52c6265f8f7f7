/* Memory: mmap (anonymous, file-backed private, MAP_FIXED, MAP_FIXED_NOREPLACE,
 * shared anonymous), munmap, mprotect, mremap, madvise, brk. */
#include "common.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define PG 4096

int main(void) {
  fresh_fds();

  /* anonymous private */
  char *a = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  B("mmap anon ok", a != MAP_FAILED);
  B("page aligned", ((uintptr_t)a & (PG - 1)) == 0);
  B("zeroed", a[0] == 0 && a[3 * PG - 1] == 0);
  a[0] = 1;
  a[2 * PG] = 2;
  T("mmap len 0", (long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  T("mmap no type", (long)mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0));
  T("mmap bad fd", (long)mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0));
  T("mmap unaligned offset", (long)mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100));

  /* MAP_FIXED over part of it, MAP_FIXED_NOREPLACE */
  char *f = mmap(a + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  B("MAP_FIXED at address", f == a + PG);
  B("others kept", a[0] == 1 && a[2 * PG] == 2);
  void *nr = mmap(a, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  printf("MAP_FIXED_NOREPLACE taken = %s\n", nr == MAP_FAILED ? ename(errno) : "mapped elsewhere");
  T("MAP_FIXED unaligned", (long)mmap(a + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));

  /* munmap a hole, then NOREPLACE into it */
  T("munmap middle", munmap(a + PG, PG));
  char *n = mmap(a + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  B("MAP_FIXED_NOREPLACE into hole", n == a + PG);
  B("fresh page zeroed", n[0] == 0);
  T("munmap unaligned", munmap(a + 1, PG));
  T("munmap len 0", munmap(a, 0));
  T("munmap all", munmap(a, 3 * PG));
  T("munmap again (unmapped is fine)", munmap(a, 3 * PG));

  /* file-backed private */
  int fd = open("data", O_CREAT | O_RDWR | O_TRUNC, 0644);
  char block[PG + 10];
  for (int i = 0; i < (int)sizeof block; i++) block[i] = 'a' + i % 26;
  write(fd, block, sizeof block);
  char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  B("mmap file ok", m != MAP_FAILED);
  printf("bytes: %c%c%c %c tail zero: %d\n", m[0], m[1], m[2], m[PG + 9], m[PG + 10] == 0);
  m[0] = 'Z';
  char c;
  pread(fd, &c, 1, 0);
  printf("private write not in file: %c\n", c);
  char *m2 = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, PG);
  B("mmap file offset ok", m2 != MAP_FAILED);
  printf("offset byte: %c\n", m2[0]);
  munmap(m2, PG);
  munmap(m, 2 * PG);
  int ro = open("data", O_RDONLY);
  T("MAP_SHARED|PROT_WRITE on O_RDONLY", (long)mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
  int wo = open("data", O_WRONLY);
  T("mmap O_WRONLY file", (long)mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wo, 0));
  close(ro);
  close(wo);
  char *sro = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
  B("MAP_SHARED read-only file ok", sro != MAP_FAILED && sro[1] == 'b');
  munmap(sro, PG);

  /* shared file mapping: writes reach the file (msync, munmap, read) */
  int rw = open("data", O_RDWR);
  char *sh = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, rw, 0);
  B("MAP_SHARED rw file ok", sh != MAP_FAILED);
  close(rw); /* the mapping keeps the file */
  sh[0] = 'S';
  T("msync", msync(sh, PG, MS_SYNC));
  pread(fd, &c, 1, 0);
  printf("after msync file has: %c\n", c);
  sh[1] = 'T';
  pread(fd, &c, 1, 1);
  printf("read sees mapping write: %c\n", c);
  sh[PG + 5] = 'U';
  T("munmap shared", munmap(sh, 2 * PG));
  pread(fd, &c, 1, PG + 5);
  printf("after munmap file has: %c\n", c);
  struct stat fst;
  fstat(fd, &fst);
  printf("file size unchanged: %ld\n", (long)fst.st_size);
  T("msync unaligned", msync(sh + 1, PG, MS_SYNC));
  T("msync bad flags", msync(block - ((unsigned long)block & (PG - 1)), PG, MS_SYNC | MS_ASYNC));

  /* shared anonymous */
  char *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  B("shared anon ok", s != MAP_FAILED && s[0] == 0);
  s[5] = 42;
  B("shared anon write", s[5] == 42);
  munmap(s, PG);

  /* mprotect */
  char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  p[0] = 7;
  T("mprotect read-only", mprotect(p, PG, PROT_READ));
  B("still readable", p[0] == 7);
  T("mprotect unaligned", mprotect(p + 1, PG, PROT_READ));
  T("mprotect bad prot", mprotect(p, PG, 0x100));
  T("mprotect unmapped", mprotect((void *)0x1000, PG, PROT_READ));
  T("mprotect rw", mprotect(p, PG, PROT_READ | PROT_WRITE));
  p[1] = 8;
  B("writable again", p[1] == 8);

  /* madvise */
  p[PG] = 9;
  T("madvise DONTNEED", madvise(p, 2 * PG, MADV_DONTNEED));
  B("zeroed after DONTNEED", p[0] == 0 && p[PG] == 0);
  T("madvise WILLNEED", madvise(p, PG, MADV_WILLNEED));
  T("madvise unaligned", madvise(p + 1, PG, MADV_NORMAL));
  T("madvise bad advice", madvise(p, PG, 12345));
  T("madvise unmapped", madvise((void *)0x1000, PG, MADV_NORMAL));

  /* mremap */
  p[0] = 11;
  p[PG] = 12;
  char *r = mremap(p, 2 * PG, 16 * PG, MREMAP_MAYMOVE);
  B("mremap grow ok", r != MAP_FAILED);
  B("contents kept", r[0] == 11 && r[PG] == 12);
  B("new part zero", r[15 * PG] == 0);
  r[15 * PG] = 13;
  char *r2 = mremap(r, 16 * PG, PG, 0);
  B("mremap shrink in place", r2 == r && r2[0] == 11);
  T("mremap unaligned", (long)mremap(r + 1, PG, 2 * PG, MREMAP_MAYMOVE));
  T("mremap bad flags", (long)mremap(r, PG, 2 * PG, 0x80));
  T("mremap FIXED without MAYMOVE", (long)mremap(r, PG, 2 * PG, MREMAP_FIXED, (void *)0x100000));
  char *dst = mmap(NULL, 4 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *r3 = mremap(r, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG);
  B("mremap FIXED", r3 == dst + PG && r3[0] == 11);
  T("mremap new size 0", (long)mremap(r3, PG, 0, MREMAP_MAYMOVE));
  munmap(dst, 4 * PG);

  /* brk */
  void *b0 = (void *)syscall(SYS_brk, 0);
  void *b1 = (void *)syscall(SYS_brk, (char *)b0 + 10 * PG);
  B("brk grows", b1 == (char *)b0 + 10 * PG);
  ((char *)b0)[5 * PG] = 1;
  void *b2 = (void *)syscall(SYS_brk, (char *)b0 + PG);
  B("brk shrinks", b2 == (char *)b0 + PG);
  void *b3 = (void *)syscall(SYS_brk, (char *)b0 + 10 * PG);
  B("regrown brk is zero", b3 == (char *)b0 + 10 * PG && ((char *)b0)[5 * PG] == 0);
  void *b4 = (void *)syscall(SYS_brk, 1);
  B("brk below start fails (returns current)", b4 == b3);
  char *q = sbrk(0);
  B("sbrk", sbrk(100) == q && sbrk(0) == q + 100);
  void *big = malloc(10 << 20);
  B("malloc 10 MiB", big != NULL);
  memset(big, 1, 10 << 20);
  free(big);
  puts("done");
  return 0;
}
