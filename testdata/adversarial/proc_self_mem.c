/* Attack: /proc/self/mem (the host's memory). */
#include "adv.h"

MAIN {
  OP("open /proc/self/mem O_RDWR", "/proc/self/mem", O_RDWR);
  OP("open /proc/self/mem O_RDONLY", "/proc/self/mem", O_RDONLY);
  OP("open /proc/1000/mem", "/proc/1000/mem", O_RDONLY);
  OP("open /proc/self/task/1000/mem", "/proc/self/task/1000/mem", O_RDONLY);
}
