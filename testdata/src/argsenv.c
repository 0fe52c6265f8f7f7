/*
 * argsenv: prints argc, argv, the environment (in order), getenv lookups and the page size
 * from the auxiliary vector.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (i == 0 && strrchr(s, '/')) s = strrchr(s, '/') + 1;
    printf("argv[%d]=[%s] len=%zu\n", i, s, strlen(s));
  }
  printf("argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");
  int n = 0;
  for (char **e = environ; *e; e++) printf("environ[%d]=[%s]\n", n++, *e);
  printf("envc=%d\n", n);
  const char *keys[] = {"KITEMU_TEST", "EMPTY", "WITH_EQUALS", "HOME", "NOT_SET"};
  for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *v = getenv(keys[i]);
    printf("getenv(%s)=%s%s%s\n", keys[i], v ? "[" : "", v ? v : "(null)", v ? "]" : "");
  }
  setenv("ADDED", "yes", 1);
  unsetenv("KITEMU_TEST");
  printf("after setenv/unsetenv: ADDED=%s KITEMU_TEST=%s\n", getenv("ADDED"),
         getenv("KITEMU_TEST") ? getenv("KITEMU_TEST") : "(null)");
  printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
  return 0;
}
