/* fault: prints a line, then stores to address 0x10. Expected: SIGSEGV (exit 139). */
#include "sys.h"

int main(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  (void)envp;
  put_str("about to fault\n");
  u64 addr = 0x10;
  __asm__ volatile("" : "+r"(addr)); /* hide the constant from the compiler */
  *(volatile u32 *)addr = 0x1234;
  put_str("still alive\n");
  return 0;
}
