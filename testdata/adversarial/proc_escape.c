/* Attack: paths through /proc that lead back to the host. */
#include "adv.h"

MAIN {
  OP("/proc/self/cwd/../secret.txt", "/proc/self/cwd/../secret.txt", O_RDONLY);
  OP("/proc/self/root/etc/passwd", "/proc/self/root/etc/passwd", O_RDONLY);
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d/../../secret.txt", d);
  OP("/proc/self/fd/N/../../secret.txt", p, O_RDONLY);
  OP("/proc/self/../1/cmdline", "/proc/self/../1/cmdline", O_RDONLY);
  OP("/proc/1/root", "/proc/1/root", O_RDONLY);
  OP("/proc/self/mountinfo", "/proc/self/mountinfo", O_RDONLY);
  OP("/proc/self/environ O_WRONLY", "/proc/self/environ", O_WRONLY);
}
