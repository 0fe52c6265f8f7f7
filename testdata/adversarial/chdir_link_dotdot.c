/* Attack: chdir into a link, then `..`. */
#include "adv.h"

MAIN {
  char b[4096];
  R("chdir cl", chdir("cl"));
  if (getcwd(b, sizeof b)) printf("cwd: %s\n", tpath(b));
  OP("open ../../../secret.txt", "../../../secret.txt", O_RDONLY);
  RD("open ../../file.txt", "../../file.txt", O_RDONLY);
  R("chdir ..", chdir(".."));
  R("chdir .. again", chdir(".."));
  if (getcwd(b, sizeof b)) printf("cwd: %s\n", tpath(b));
  R("chdir .. out", chdir(".."));
  R("chdir co (link outside)", chdir("co"));
  RD("open file.txt", "file.txt", O_RDONLY);
}
