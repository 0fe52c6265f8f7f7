#ifndef _KITEMU_SIGNAL_H
#define _KITEMU_SIGNAL_H
typedef void (*sig_t)(int);
#define SIG_DFL ((sig_t)0)
#define SIG_IGN ((sig_t)1)
#define SIGINT 2
#define SIGPIPE 13
#define SIGTERM 15
sig_t signal(int, sig_t);
#endif
