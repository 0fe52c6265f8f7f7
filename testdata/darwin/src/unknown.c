/*
 * unknown: calls sysctlbyname, which kitemu's libSystem stub exports (so the
 * program links) but kitemu does not implement: the call must stop the guest
 * loudly, naming the symbol, after the output written before it.
 */
#include <stdio.h>
#include <stddef.h>

int sysctlbyname(const char *, void *, size_t *, void *, size_t);

int main(void) {
  printf("before the unknown import\n");
  fflush(stdout);
  char buf[64];
  size_t len = sizeof buf;
  int r = sysctlbyname("kern.ostype", buf, &len, NULL, 0);
  printf("after the unknown import: %d\n", r);
  return 0;
}
