/* Attack: writes and truncation through a link to a file outside. */
#include "adv.h"

MAIN {
  OP("open lnk O_WRONLY|O_TRUNC", "lnk", O_WRONLY | O_TRUNC);
  R("truncate lnk", truncate("lnk", 0));
  OP("open lnk O_RDWR|O_APPEND", "lnk", O_RDWR | O_APPEND);
}
