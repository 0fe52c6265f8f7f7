/* Attack: a host symlink inside, absolute target outside (alnk -> T/secret.txt). */
#include "adv.h"

MAIN {
  OP("open alnk", "alnk", O_RDONLY);
  OP("open alnk O_RDWR", "alnk", O_RDWR);
  OP("open sub/../alnk", "sub/../alnk", O_RDONLY);
}
