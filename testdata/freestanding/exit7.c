/* exit7: exits with status 7 and prints nothing. */
#include "sys.h"

int main(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  (void)envp;
  sys_exit(7);
}
