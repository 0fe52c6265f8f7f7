/* Attack: --timeout: a guest that never ends is stopped (status 124). */
#include "adv.h"

MAIN {
  volatile unsigned long n = 0;
  for (;;) n++;
}
