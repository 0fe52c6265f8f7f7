/* Attack: write or O_CREAT through a dangling host link. */
#include "adv.h"

MAIN {
  OP("open dang O_CREAT", "dang", O_WRONLY | O_CREAT);
  OP("open dang2 O_CREAT|O_TRUNC", "dang2", O_WRONLY | O_CREAT | O_TRUNC);
  OP("open dang O_CREAT|O_EXCL", "dang", O_WRONLY | O_CREAT | O_EXCL);
  R("mkdir dang", mkdir("dang", 0755));
}
