#ifndef _KITEMU_UNISTD_H
#define _KITEMU_UNISTD_H
#include <_types.h>
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
ssize_t read(int, void *, size_t);
ssize_t write(int, const void *, size_t);
int close(int);
off_t lseek(int, off_t, int);
int access(const char *, int);
int unlink(const char *);
pid_t getpid(void);
int isatty(int);
int getpagesize(void);
long sysconf(int);
char *getcwd(char *, size_t);
unsigned sleep(unsigned);
int usleep(unsigned);
#define _SC_PAGESIZE 29
#define _SC_NPROCESSORS_CONF 57
#define _SC_NPROCESSORS_ONLN 58
void _exit(int) __attribute__((noreturn));
#endif
