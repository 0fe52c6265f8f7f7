/* Attack: /dev and /sys paths. */
#include "adv.h"

MAIN {
  OP("open /dev/sda", "/dev/sda", O_RDONLY);
  OP("open /dev/mem", "/dev/mem", O_RDONLY);
  OP("open /dev/shm/x O_CREAT", "/dev/shm/x", O_RDWR | O_CREAT);
  int fd = open("/dev/null", O_RDWR);
  R("open /dev/null", fd);
  R("write /dev/null", write(fd, "x", 1));
  OP("open /dev/../secret.txt", "/dev/../secret.txt", O_RDONLY);
  OP("open /dev/../etc/passwd", "/dev/../etc/passwd", O_RDONLY);
  OP("open /sys/class/net", "/sys/class/net", O_RDONLY);
  OP("open /sys/../etc/shadow", "/sys/../etc/shadow", O_RDONLY);
}
