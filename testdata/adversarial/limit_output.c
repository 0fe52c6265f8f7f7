/* Attack: --max-output: EFBIG (results in the exit status: stdout is the limit). */
#include "adv.h"

MAIN {
  static char b[600];
  memset(b, 'a', sizeof b);
  long w1 = write(1, b, 600);
  long w2 = write(1, b, 600);
  long w3 = write(1, b, 1);
  int e3 = errno;
  long w4 = write(2, b, 1);
  int e4 = errno;
  /* 0: 600, then a short 400, then EFBIG on stdout and stderr alike. */
  _exit(w1 == 600 && w2 == 400 && w3 == -1 && e3 == EFBIG && w4 == -1 && e4 == EFBIG ? 0 : 1);
}
