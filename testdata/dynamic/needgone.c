/* Needs libkitemugone.so, which is not installed anywhere: the dynamic loader reports it. */
#include <stdio.h>

int kitemu_gone(int x);

int main(void) {
  printf("%d\n", kitemu_gone(41));
  return 0;
}
