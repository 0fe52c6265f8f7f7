/* Attack: `..` out of the allowed directory in absolute paths. */
#include "adv.h"

MAIN {
  OP("T/allowed/../secret.txt", P("allowed/../secret.txt"), O_RDONLY);
  OP("T/allowed/sub/../../secret/s.txt", P("allowed/sub/../../secret/s.txt"), O_RDONLY);
  OP("/etc/passwd", "/etc/passwd", O_RDONLY);
  RD("T/allowed/../allowed/file.txt", P("allowed/../allowed/file.txt"), O_RDONLY);
}
