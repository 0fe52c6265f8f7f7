/* Attack: /proc/self/exe (on the host it would be Deno). */
#include "adv.h"

MAIN {
  char b[4096];
  long n = readlink("/proc/self/exe", b, sizeof b - 1);
  R("readlink /proc/self/exe", n);
  if (n > 0) { b[n] = 0; printf("exe: %s\n", tpath(b)); }
  int fd = open("/proc/self/exe", O_RDONLY);
  R("open /proc/self/exe", fd);
  unsigned char h[20];
  if (fd >= 0 && read(fd, h, 20) == 20) printf("e_machine: %d\n", h[18] | h[19] << 8);
  OP("open /proc/self/exe O_WRONLY", "/proc/self/exe", O_WRONLY);
}
