/* Attack: a symlink that makes lexical and physical `..` differ. */
#include "adv.h"

MAIN {
  /* pl -> ../secret/dir: lexically pl/../s.txt is allowed/s.txt (a decoy),
   * physically it is T/secret/s.txt. */
  RD("open pl/../s.txt", "pl/../s.txt", O_RDONLY);
  /* in -> sub/inner: lexically in/../../file.txt leaves the allowed directory,
   * physically it is allowed/file.txt. */
  RD("open in/../../file.txt", "in/../../file.txt", O_RDONLY);
  RD("open s.txt", "s.txt", O_RDONLY);
}
