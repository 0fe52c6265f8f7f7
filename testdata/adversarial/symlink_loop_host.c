/* Attack: ELOOP through host-made links. */
#include "adv.h"

MAIN {
  OP("open la", "la", O_RDONLY);
  OP("open la O_CREAT", "la", O_WRONLY | O_CREAT);
  OP("open sub/../la/x", "sub/../la/x", O_RDONLY);
}
