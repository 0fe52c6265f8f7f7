/* Attack: `..` out of the allowed directory, relative to the current directory. */
#include "adv.h"

MAIN {
  OP("../secret.txt", "../secret.txt", O_RDONLY);
  OP("../secret/s.txt", "../secret/s.txt", O_RDONLY);
  OP("sub/../../secret.txt", "sub/../../secret.txt", O_RDONLY);
  OP("./././../secret.txt", "./././../secret.txt", O_RDONLY);
  OP("deep ../ to /etc/passwd", "../../../../../../../../../../etc/passwd", O_RDONLY);
  OP("../secret.txt O_WRONLY", "../secret.txt", O_WRONLY);
  OP("../created O_CREAT", "../created", O_WRONLY | O_CREAT);
}
