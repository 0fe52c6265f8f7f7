/* Shared helpers for the adversarial guests. Each guest is one attack on the
 * sandbox: it tries its route and prints one line per step,
 *   "<step>: ok"            the call succeeded,
 *   "<step>: ok <data>"     it succeeded and read <data> (printed so that a
 *                           leak would show up in the output),
 *   "<step>: <ERRNO>"       it failed with that errno (strerrorname_np),
 * so tests/sandbox/adversarial_test.ts can compare the lines with what the
 * specification (or qemu-riscv64, for plain Linux semantics) says.
 * argv[1] is the absolute path of the test tree; the guest starts in
 * <tree>/allowed. Host paths are printed with the tree replaced by "T". */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *T = "";

/* T + "/" + rel, in one of 8 rotating buffers. */
__attribute__((unused)) static const char *P(const char *rel) {
  static char buf[8][4096];
  static int i;
  char *b = buf[i++ & 7];
  snprintf(b, 4096, "%s/%s", T, rel);
  return b;
}

/* A host path with the tree's prefix replaced by "T". */
__attribute__((unused)) static const char *tpath(const char *s) {
  static char buf[4096];
  size_t n = strlen(T);
  if (n && strncmp(s, T, n) == 0) {
    snprintf(buf, sizeof buf, "T%s", s + n);
    return buf;
  }
  return s;
}

__attribute__((unused)) static long R(const char *step, long r) {
  if (r < 0) printf("%s: %s\n", step, strerrorname_np(errno));
  else printf("%s: ok\n", step);
  fflush(stdout);
  return r;
}

/* open, read up to 200 bytes, print them (newlines as '|'), close. */
__attribute__((unused)) static void RD(const char *step, const char *path, int flags) {
  int fd = open(path, flags);
  if (fd < 0) {
    printf("%s: %s\n", step, strerrorname_np(errno));
    return;
  }
  char b[201];
  long n = read(fd, b, 200);
  close(fd);
  if (n < 0) {
    printf("%s: read %s\n", step, strerrorname_np(errno));
    return;
  }
  for (long i = 0; i < n; i++) if (b[i] == '\n' || b[i] == 0) b[i] = '|';
  b[n] = 0;
  printf("%s: ok %s\n", step, b);
  fflush(stdout);
}

/* Open with flags (and mode); print the result; close on success. */
__attribute__((unused)) static void OP(const char *step, const char *path, int flags) {
  int fd = open(path, flags, 0644);
  R(step, fd);
  if (fd >= 0) close(fd);
}

#define MAIN                                     \
  static void attack(void);                      \
  int main(int argc, char **argv) {              \
    if (argc > 1) T = argv[1];                   \
    attack();                                    \
    puts("done");                                \
    return 0;                                    \
  }                                              \
  static void attack(void)
