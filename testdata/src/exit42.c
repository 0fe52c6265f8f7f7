/* exit42: prints through stdio, registers atexit handlers, returns 42 from main. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) {
  printf("atexit: registered first, runs last\n");
}

static void second(void) {
  printf("atexit: registered second, runs first\n");
}

int main(void) {
  atexit(first);
  atexit(second);
  printf("returning 42 from main (buffered, no newline yet)");
  printf("\n");
  return 42;
}
