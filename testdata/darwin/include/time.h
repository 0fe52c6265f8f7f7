#ifndef _KITEMU_TIME_H
#define _KITEMU_TIME_H
#include <_types.h>
#define CLOCKS_PER_SEC 1000000
struct timespec { time_t tv_sec; long tv_nsec; };
time_t time(time_t *);
clock_t clock(void);
typedef int clockid_t;
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_MONOTONIC 6
#define CLOCK_PROCESS_CPUTIME_ID 12
int clock_gettime(clockid_t, struct timespec *);
int nanosleep(const struct timespec *, struct timespec *);
#endif
