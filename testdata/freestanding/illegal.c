/* illegal: prints a line, then executes the all-zero word. Expected: SIGILL (exit 132). */
#include "sys.h"

int main(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  (void)envp;
  put_str("about to execute an illegal instruction\n");
  __asm__ volatile(".word 0");
  put_str("still alive\n");
  return 0;
}
