/* Attack: O_CREAT through a dangling link the guest made. */
#include "adv.h"

MAIN {
  R("symlink T/secret/new2.txt dg", symlink(P("secret/new2.txt"), "dg"));
  OP("open dg O_CREAT", "dg", O_WRONLY | O_CREAT);
  R("symlink /etc/kitemu-pwned dg2", symlink("/etc/kitemu-pwned", "dg2"));
  OP("open dg2 O_CREAT", "dg2", O_RDWR | O_CREAT);
}
