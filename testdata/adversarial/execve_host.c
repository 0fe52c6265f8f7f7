/* Attack: execve of host programs (must never run natively). */
#include "adv.h"

MAIN {
  char *sh[] = {"sh", "-c", "echo pwned > pwned", NULL};
  char *env[] = {NULL};
  R("execve /bin/sh", execve("/bin/sh", sh, env));
  char *tool[] = {"tool", (char *)P("allowed/pwned2"), NULL};
  R("execve ./tool", execve("./tool", tool, env));
  R("execve T/allowed/tool", execve(P("allowed/tool"), tool, env));
  int st = system("echo pwned > pwned3");
  printf("system: %s\n", st == 0 ? "ran" : "failed");
}
