/* hello: the smallest guest. Prints one line and exits 0. */
#include "sys.h"

int main(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  (void)envp;
  static const char msg[] = "Hello from kitemu\n";
  sys_write(1, msg, sizeof msg - 1);
  return 0;
}
