/* Shared helpers for kitemu's syscall conformance programs.
 *
 * Each program prints one line per check in a stable text form: the value a
 * call returned, or "-1 ENAME" with the errno name. Only deterministic values
 * are printed (no pids, times, inode numbers or addresses). Each program runs
 * in a fresh, empty current directory and exits 0 when it reaches the end. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline const char *ename(int e) {
  const char *n = strerrorname_np(e);
  return n ? n : "E?";
}

/* Print "label = value" or "label = -1 ENAME". */
#define T(label, expr)                                                   \
  do {                                                                   \
    errno = 0;                                                           \
    long _r = (long)(expr);                                              \
    int _e = errno;                                                      \
    if (_r == -1 && _e) printf("%s = -1 %s\n", (label), ename(_e));      \
    else printf("%s = %ld\n", (label), _r);                              \
  } while (0)

/* Print "label: 0/1" for a condition. */
#define B(label, cond) printf("%s: %d\n", (label), (cond) ? 1 : 0)

/* Close every descriptor above stderr that the parent may have leaked, so
 * descriptor numbers are the same under every runner. */
static inline void fresh_fds(void) {
  for (int fd = 3; fd < 1024; fd++) close(fd);
  setvbuf(stdout, NULL, _IOLBF, 0);
}
