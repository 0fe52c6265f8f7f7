/*
 * argsenv: prints argc, argv, the environment (in order) and getenv lookups,
 * then changes the environment with setenv/unsetenv. The same source runs on
 * Linux for the expected output (no auxiliary vector: Darwin has none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv, char **envp) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (i == 0 && strrchr(s, '/')) s = strrchr(s, '/') + 1;
    printf("argv[%d]=[%s] len=%zu\n", i, s, strlen(s));
  }
  printf("argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");
  printf("envp == environ: %s\n", envp == environ ? "yes" : "no");
  int n = 0;
  for (char **e = environ; *e; e++) printf("environ[%d]=[%s]\n", n++, *e);
  printf("envc=%d\n", n);
  const char *keys[] = {"KITEMU_TEST", "EMPTY", "WITH_EQUALS", "HOME", "NOT_SET"};
  for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *v = getenv(keys[i]);
    printf("getenv(%s)=%s%s%s\n", keys[i], v ? "[" : "", v ? v : "(null)", v ? "]" : "");
  }
  setenv("ADDED", "yes", 1);
  setenv("EMPTY", "not replaced", 0);
  unsetenv("KITEMU_TEST");
  printf("after setenv/unsetenv: ADDED=%s EMPTY=[%s] KITEMU_TEST=%s\n", getenv("ADDED"),
         getenv("EMPTY"), getenv("KITEMU_TEST") ? getenv("KITEMU_TEST") : "(null)");
  n = 0;
  for (char **e = environ; *e; e++) n++;
  printf("envc now=%d\n", n);
  return argc;
}
