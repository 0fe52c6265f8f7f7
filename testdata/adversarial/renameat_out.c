/* Attack: renameat across the boundary. */
#include "adv.h"

MAIN {
  R("rename file.txt ../stolen.txt", rename("file.txt", "../stolen.txt"));
  R("rename T/secret.txt got.txt", rename(P("secret.txt"), "got.txt"));
  R("rename file.txt dlnk/x", rename("file.txt", "dlnk/x"));
  int d = open("sub", O_RDONLY | O_DIRECTORY);
  R("renameat(sub, ../file.txt, ../../x)", renameat(d, "../file.txt", d, "../../x"));
  R("rename sub ../sub", rename("sub", "../sub"));
  R("rename T/allowed T/allowed_moved", rename(P("allowed"), P("allowed_moved")));
  R("renameat2 RENAME_NOREPLACE out", syscall(SYS_renameat2, AT_FDCWD, "file.txt", AT_FDCWD, "../x2", 1));
}
