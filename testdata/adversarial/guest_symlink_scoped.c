/* Attack: symlinkat under scoped grants (Deno itself refuses to make links). */
#include "adv.h"

MAIN {
  R("symlink /etc/passwd pw", symlink("/etc/passwd", "pw"));
  OP("open pw", "pw", O_RDONLY);
}
