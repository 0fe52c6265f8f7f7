/* Attack: ENAMETOOLONG. */
#include "adv.h"

MAIN {
  static char p[8192];
  /* "." + n slashes + "file.txt": 4095 bytes is the longest path. */
  p[0] = '.';
  memset(p + 1, '/', 4086);
  strcpy(p + 4087, "file.txt");
  printf("length %zu\n", strlen(p));
  OP("open 4095-byte path", p, O_RDONLY);
  memset(p + 1, '/', 4087);
  strcpy(p + 4088, "file.txt");
  printf("length %zu\n", strlen(p));
  OP("open 4096-byte path", p, O_RDONLY);
  memset(p, 'a', 255);
  p[255] = 0;
  OP("open 255-byte name", p, O_RDONLY);
  memset(p, 'a', 256);
  p[256] = 0;
  OP("open 256-byte name", p, O_RDONLY);
  R("mkdir 256-byte name", mkdir(p, 0755));
  memset(p, 'a', 6000);
  p[6000] = 0;
  OP("open 6000-byte path", p, O_RDONLY);
}
