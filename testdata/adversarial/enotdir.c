/* Attack: ENOTDIR. */
#include "adv.h"

MAIN {
  struct stat st;
  OP("open file.txt/x", "file.txt/x", O_RDONLY);
  OP("open file.txt/", "file.txt/", O_RDONLY);
  R("stat file.txt/.", stat("file.txt/.", &st));
  R("mkdir file.txt/d", mkdir("file.txt/d", 0755));
  R("chdir file.txt", chdir("file.txt"));
  OP("open file.txt/..", "file.txt/..", O_RDONLY);
  OP("open file.txt O_DIRECTORY", "file.txt", O_RDONLY | O_DIRECTORY);
}
