/* Attack: a sibling whose name starts with the allowed one (allowed2). */
#include "adv.h"

MAIN {
  OP("T/allowed2/x.txt", P("allowed2/x.txt"), O_RDONLY);
  OP("../allowed2/x.txt", "../allowed2/x.txt", O_RDONLY);
  struct stat st;
  R("stat T/allowed2", stat(P("allowed2"), &st));
  OP("T/allowed2/new O_CREAT", P("allowed2/new"), O_WRONLY | O_CREAT);
}
