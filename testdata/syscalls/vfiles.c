/* Virtual files: /proc/self/{exe,cmdline,environ,maps,status,fd/,auxv},
 * /proc/cpuinfo, /proc/meminfo, /dev/{null,zero,full,urandom,random,stdin,
 * stdout,stderr}. Run with argv "vfiles one two" and environment FOO=bar. */
#include "common.h"
#include <elf.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/sysmacros.h>
#include <sys/stat.h>

static long slurp(const char *path, char *buf, long size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -errno;
  long n = 0, r;
  while (n < size && (r = read(fd, buf + n, size - n)) > 0) n += r;
  close(fd);
  return n;
}

int main(int argc, char **argv) {
  fresh_fds();
  static char buf[1 << 16];
  long n;

  /* exe */
  n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  char *base = strrchr(buf, '/');
  printf("exe absolute: %d basename: %s\n", buf[0] == '/', base ? base + 1 : "?");
  struct stat a, b;
  B("exe stat is regular", stat("/proc/self/exe", &a) == 0 && S_ISREG(a.st_mode));

  /* cmdline and environ */
  n = slurp("/proc/self/cmdline", buf, sizeof buf);
  printf("cmdline:");
  for (long i = 0, start = 0; i < n; i++)
    if (!buf[i]) {
      char *arg = buf + start;
      char *slash = start == 0 ? strrchr(arg, '/') : NULL;
      printf(" [%s]", slash ? slash + 1 : arg);
      start = i + 1;
    }
  printf("\n");
  n = slurp("/proc/self/environ", buf, sizeof buf);
  printf("environ:");
  for (long i = 0, start = 0; i < n; i++)
    if (!buf[i]) {
      printf(" [%s]", buf + start);
      start = i + 1;
    }
  printf("\n");

  /* maps */
  n = slurp("/proc/self/maps", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  B("maps has [stack]", strstr(buf, "[stack]") != NULL);
  char exe_line[64];
  snprintf(exe_line, sizeof exe_line, "r-xp");
  B("maps has an r-x mapping", strstr(buf, exe_line) != NULL);
  unsigned long lo, hi;
  int ok = 0;
  for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && (unsigned long)&n >= lo && (unsigned long)&n < hi) ok = 1;
  }
  B("a stack variable lies in a mapping", ok);
  ok = 0;
  for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && (unsigned long)main >= lo && (unsigned long)main < hi)
      ok = strstr(line, "r-xp") != NULL && strstr(line, "/vfiles") != NULL && strchr(line, '\n') != NULL;
  }
  B("main lies in an r-xp mapping of the program", ok);

  /* status */
  n = slurp("/proc/self/status", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  B("status has Pid", strstr(buf, "\nPid:\t") != NULL);
  B("status has Uid", strstr(buf, "\nUid:\t") != NULL);
  char want[64];
  snprintf(want, sizeof want, "\nPid:\t%d\n", getpid());
  B("status Pid is getpid", strstr(buf, want) != NULL);

  /* fd/ */
  int fd = open("somefile", O_CREAT | O_RDWR, 0644);
  snprintf(want, sizeof want, "/proc/self/fd/%d", fd);
  n = readlink(want, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  base = strrchr(buf, '/');
  printf("fd link basename: %s\n", base ? base + 1 : buf);
  B("fd stat same file", stat(want, &a) == 0 && fstat(fd, &b) == 0 && a.st_ino == b.st_ino);
  int fd2 = open(want, O_RDONLY);
  write(fd, "abc", 3);
  memset(buf, 0, 8);
  T("reopen via /proc/self/fd: read", read(fd2, buf, 8));
  printf("data: %s\n", buf);
  close(fd2);
  T("/proc/self/fd/99", open("/proc/self/fd/99", O_RDONLY));
  int dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
  B("/proc/self/fd opens as a directory", dfd >= 0);
  close(dfd);

  /* auxv */
  n = slurp("/proc/self/auxv", buf, sizeof buf);
  B("auxv size multiple of 16", n > 0 && n % 16 == 0);
  Elf64_auxv_t *av = (Elf64_auxv_t *)buf;
  long pagesz = 0, entry = 0, last_null = 0;
  for (long i = 0; i < n / 16; i++) {
    if (av[i].a_type == AT_PAGESZ) pagesz = av[i].a_un.a_val;
    if (av[i].a_type == AT_ENTRY) entry = av[i].a_un.a_val;
    if (av[i].a_type == AT_NULL) last_null = i == n / 16 - 1;
  }
  printf("AT_PAGESZ %ld AT_ENTRY matches getauxval %d ends with AT_NULL %ld\n", pagesz,
         entry == (long)getauxval(AT_ENTRY), last_null);

  /* cpuinfo, meminfo */
  n = slurp("/proc/cpuinfo", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  B("cpuinfo has processor", strstr(buf, "processor") != NULL);
  n = slurp("/proc/meminfo", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  B("meminfo has MemTotal", strncmp(buf, "MemTotal:", 9) == 0);

  /* devices */
  fd = open("/dev/null", O_RDWR);
  T("/dev/null write", write(fd, "xyz", 3));
  T("/dev/null read", read(fd, buf, 10));
  T("/dev/null fstat chr", fstat(fd, &a) == 0 ? S_ISCHR(a.st_mode) : -1);
  printf("/dev/null rdev %d,%d\n", major(a.st_rdev), minor(a.st_rdev));
  close(fd);
  fd = open("/dev/zero", O_RDONLY);
  memset(buf, 1, 100);
  T("/dev/zero read", read(fd, buf, 100));
  B("zeros", buf[0] == 0 && buf[99] == 0);
  close(fd);
  fd = open("/dev/full", O_WRONLY);
  T("/dev/full write", write(fd, "x", 1));
  close(fd);
  fd = open("/dev/full", O_RDONLY);
  T("/dev/full read", read(fd, buf, 10));
  close(fd);
  unsigned char r1[32] = {0}, r2[32] = {0};
  fd = open("/dev/urandom", O_RDONLY);
  T("/dev/urandom read", read(fd, r1, 32));
  close(fd);
  fd = open("/dev/random", O_RDONLY);
  T("/dev/random read", read(fd, r2, 32));
  close(fd);
  B("random differs", memcmp(r1, r2, 32) != 0);
  fd = open("/dev/stdout", O_WRONLY);
  T("/dev/stdout write", write(fd, "via /dev/stdout\n", 16));
  close(fd);
  T("/dev/stdin open", (fd = open("/dev/stdin", O_RDONLY)) >= 0);
  T("/dev/stdin read (empty)", read(fd, buf, 10));
  close(fd);
  T("/dev/stderr open", (fd = open("/dev/stderr", O_WRONLY)) >= 0);
  close(fd);
  n = readlink("/dev/stdin", buf, 100);
  buf[n > 0 ? n : 0] = 0;
  printf("/dev/stdin -> %s\n", buf);
  T("/dev/nonexistent", open("/dev/nonexistent-kitemu", O_RDONLY));
  (void)argc;
  (void)argv;
  puts("done");
  return 0;
}
