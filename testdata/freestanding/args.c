/* args: prints argc, every argv string and every envp string. */
#include "sys.h"

int main(int argc, char **argv, char **envp) {
  put_str("argc=");
  put_dec(argc);
  put_str("\n");
  for (int i = 0; i < argc; i++) {
    put_str("argv[");
    put_dec(i);
    put_str("]=");
    /* argv[0] is the program path as given: print only its last component. */
    const char *s = argv[i];
    if (i == 0) {
      for (const char *p = s; *p; p++)
        if (*p == '/') s = p + 1;
    }
    put_str(s);
    put_str("\n");
  }
  if (argv[argc] != 0) put_str("argv not NULL-terminated\n");
  int n = 0;
  for (char **e = envp; *e; e++, n++) {
    put_str("env: ");
    put_str(*e);
    put_str("\n");
  }
  put_str("envc=");
  put_dec(n);
  put_str("\n");
  return 0;
}
