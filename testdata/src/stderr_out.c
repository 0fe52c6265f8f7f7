/*
 * stderr_out: writes to stdout and stderr in alternation, through stdio and through write(2),
 * then exits with status 3.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  for (int i = 0; i < 5; i++) {
    printf("stdout line %d\n", i);
    fprintf(stderr, "stderr line %d\n", i);
  }
  fflush(stdout);
  const char *msg = "raw write to fd 2\n";
  write(2, msg, strlen(msg));
  msg = "raw write to fd 1\n";
  write(1, msg, strlen(msg));
  perror("perror with errno 0");
  fputs("last stderr line without newline", stderr);
  return 3;
}
