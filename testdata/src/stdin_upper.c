/*
 * stdin_upper: copies standard input to standard output in upper case and reports the byte
 * and line counts on stderr.
 */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  int c;
  unsigned long bytes = 0, lines = 0;
  while ((c = getchar()) != EOF) {
    bytes++;
    lines += c == '\n';
    putchar(toupper(c));
  }
  printf("-- %lu bytes, %lu lines\n", bytes, lines);
  fprintf(stderr, "stdin_upper: done\n");
  return 0;
}
