/* Attack: /proc/self/environ and the environment (host variables without --allow-env). */
#include "adv.h"

MAIN {
  extern char **environ;
  RD("/proc/self/environ", "/proc/self/environ", O_RDONLY);
  int n = 0;
  for (char **e = environ; *e; e++) { printf("env: %s\n", *e); n++; }
  printf("environ count: %d\n", n);
  const char *v = getenv("KITEMU_ADV_HOST");
  printf("getenv KITEMU_ADV_HOST: %s\n", v ? v : "(null)");
  v = getenv("HOME");
  printf("getenv HOME: %s\n", v ? v : "(null)");
  v = getenv("PATH");
  printf("getenv PATH: %s\n", v ? v : "(null)");
  OP("open /proc/1/environ", "/proc/1/environ", O_RDONLY);
}
