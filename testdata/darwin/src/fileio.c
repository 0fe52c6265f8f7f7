/*
 * fileio: creates a file in the directory given as argv[1], writes it with
 * stdio and with write(2), reads it back with read(2) and fgets, checks its
 * size with stat/fstat and lseek, appends, and removes it; then opens the
 * path in argv[2] (which the sandbox may deny) and reports errno's text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: fileio DIR OTHER\n");
    return 2;
  }
  char path[512];
  snprintf(path, sizeof path, "%s/fileio.tmp", argv[1]);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror("fopen w");
    return 1;
  }
  for (int i = 0; i < 5; i++) fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
  fclose(f);
  int fd = open(path, O_WRONLY | O_APPEND);
  if (fd < 0) {
    perror("open append");
    return 1;
  }
  const char tail[] = "tail written with write(2)\n";
  printf("write: %ld\n", (long)write(fd, tail, strlen(tail)));
  close(fd);
  struct stat st;
  if (stat(path, &st) != 0) {
    perror("stat");
    return 1;
  }
  printf("stat: size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);
  fd = open(path, O_RDONLY);
  char buf[256];
  long n = read(fd, buf, sizeof buf - 1);
  buf[n < 0 ? 0 : n] = 0;
  printf("read %ld bytes, first line: %.*s\n", n, (int)strcspn(buf, "\n"), buf);
  struct stat st2;
  fstat(fd, &st2);
  printf("fstat size %lld, lseek end %lld\n", (long long)st2.st_size, (long long)lseek(fd, 0, SEEK_END));
  close(fd);
  f = fopen(path, "r");
  int lines = 0;
  while (fgets(buf, sizeof buf, f)) {
    lines++;
    if (lines == 3) printf("third line: %s", buf);
  }
  printf("lines %d, feof %d\n", lines, feof(f));
  fclose(f);
  printf("unlink: %d\n", unlink(path));
  errno = 0;
  int sr = stat(path, &st);
  printf("stat after unlink: %d, %s\n", sr, strerror(errno));
  printf("access(%s, R_OK): %d\n", "argv[2]", access(argv[2], R_OK));
  f = fopen(argv[2], "r");
  if (!f) {
    printf("fopen(argv[2]): %s\n", strerror(errno));
    perror("fopen");
    return 3;
  }
  int c = fgetc(f);
  printf("fopen(argv[2]) ok, first byte %d\n", c);
  fclose(f);
  return 0;
}
