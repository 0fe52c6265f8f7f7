/*
 * files_win: writes argv[1] with fopen/fprintf, reads it back with fgets and fread, seeks,
 * then removes it. argv[2], when given, is opened for reading, and the errno of a failure is
 * printed (EACCES when the sandbox denies it).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *f = fopen(argv[1], "w");
  if (!f) {
    printf("fopen w failed errno=%d\n", errno);
    return 1;
  }
  for (int i = 0; i < 5; i++) fprintf(f, "line %d: %s\n", i, "abcdefghij" + i);
  fputs("last\n", f);
  fclose(f);
  f = fopen(argv[1], "rb");
  if (!f) return 1;
  char line[100];
  int lines = 0;
  while (fgets(line, sizeof line, f)) {
    lines++;
    printf("read: %s", line);
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 5, SEEK_SET);
  char buf[8] = {0};
  size_t got = fread(buf, 1, 6, f);
  printf("lines=%d size=%ld got=%u [%s] pos=%ld\n", lines, size, (unsigned)got, buf, ftell(f));
  fclose(f);
  printf("remove=%d\n", remove(argv[1]));
  printf("reopen=%s\n", fopen(argv[1], "r") ? "yes" : "no");
  if (argc > 2) {
    errno = 0;
    FILE *g = fopen(argv[2], "r");
    printf("open %s: %s errno=%d\n", "argv[2]", g ? "ok" : "failed", g ? 0 : errno);
    if (g) fclose(g);
  }
  return 0;
}
