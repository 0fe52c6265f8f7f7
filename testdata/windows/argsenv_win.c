/* argsenv_win: argc, argv and getenv lookups (the environment itself is host-dependent). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=[%s] len=%u\n", i, argv[i], (unsigned)strlen(argv[i]));
  printf("argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");
  const char *keys[] = {"KITEMU_TEST", "EMPTY", "WITH_EQUALS", "NOT_SET"};
  for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *v = getenv(keys[i]);
    printf("getenv(%s)=%s%s%s\n", keys[i], v ? "[" : "", v ? v : "(null)", v ? "]" : "");
  }
  return argc;
}
