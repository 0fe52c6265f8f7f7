/* Attack: names that are not UTF-8. */
#include "adv.h"

MAIN {
  OP("open n\\xff", "n\xff", O_RDONLY);
  OP("open n\\xfe O_RDWR", "n\xfe", O_RDWR);
  OP("create new\\xff", "new\xff", O_WRONLY | O_CREAT);
  R("mkdir d\\xff", mkdir("d\xff", 0755));
  R("unlink n\\xff", unlink("n\xff"));
  R("rename file.txt n\\xfe", rename("file.txt", "n\xfe"));
  /* What the listing shows for n\xff and n\xfe, and what opening that shows. */
  DIR *dir = opendir(".");
  struct dirent *e;
  int seen = 0;
  while (dir && (e = readdir(dir))) {
    if (e->d_name[0] != 'n') continue;
    seen++;
    printf("listed: n+%zu bytes\n", strlen(e->d_name) - 1);
    OP("open listed name", e->d_name, O_RDWR);
  }
  printf("n* entries: %d\n", seen);
  /* U+FFFD itself is a valid name: a third, distinct file. */
  int fd = open("n\xef\xbf\xbd", O_WRONLY | O_CREAT | O_EXCL, 0644);
  R("create n+U+FFFD", fd);
  if (fd >= 0) { R("write", write(fd, "guest", 5)); close(fd); }
  /* Listed once, and opening it opens the guest's file. */
  seen = 0;
  rewinddir(dir);
  while (dir && (e = readdir(dir))) if (e->d_name[0] == 'n') seen++;
  printf("n* entries after: %d\n", seen);
  RD("open n+U+FFFD", "n\xef\xbf\xbd", O_RDONLY);
}
