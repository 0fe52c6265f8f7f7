/* Time and identity: clock_gettime, clock_getres, gettimeofday, nanosleep,
 * clock_nanosleep, times, getrusage, uname, sysinfo, getpid/getppid/gettid,
 * uid/gid/groups, getrandom, sched_getaffinity, sched_yield, prlimit64,
 * getrlimit. Only relations are printed, never the values themselves. */
#include "common.h"
#include <sched.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

static double now(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
  fresh_fds();
  struct timespec a, b, r;

  /* clocks */
  T("clock_gettime MONOTONIC", clock_gettime(CLOCK_MONOTONIC, &a));
  T("clock_gettime MONOTONIC again", clock_gettime(CLOCK_MONOTONIC, &b));
  B("monotonic does not go back", b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
  B("nsec in range", a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
  T("clock_gettime REALTIME", clock_gettime(CLOCK_REALTIME, &a));
  B("realtime after 2020", a.tv_sec > 1577836800);
  T("clock_gettime BOOTTIME", clock_gettime(CLOCK_BOOTTIME, &a));
  T("clock_gettime MONOTONIC_RAW", clock_gettime(CLOCK_MONOTONIC_RAW, &a));
  T("clock_gettime REALTIME_COARSE", clock_gettime(CLOCK_REALTIME_COARSE, &a));
  T("clock_gettime PROCESS_CPUTIME", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
  T("clock_gettime THREAD_CPUTIME", clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a));
  T("clock_gettime bad clock", syscall(SYS_clock_gettime, 99, &a));
  T("clock_getres MONOTONIC", clock_getres(CLOCK_MONOTONIC, &r));
  printf("res: %ld.%09ld\n", (long)r.tv_sec, r.tv_nsec);
  T("clock_getres REALTIME", clock_getres(CLOCK_REALTIME, &r));
  printf("res: %ld.%09ld\n", (long)r.tv_sec, r.tv_nsec);
  T("clock_getres NULL", clock_getres(CLOCK_MONOTONIC, NULL));
  T("clock_getres bad", syscall(SYS_clock_getres, 99, &r));
  struct timeval tv;
  T("gettimeofday", gettimeofday(&tv, NULL));
  B("usec in range", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
  B("gettimeofday near realtime", labs(tv.tv_sec - (long)now(CLOCK_REALTIME)) <= 1);

  /* sleeping */
  double t0 = now(CLOCK_MONOTONIC);
  struct timespec req = {0, 30000000}, rem = {7, 7};
  T("nanosleep 30ms", nanosleep(&req, &rem));
  double t1 = now(CLOCK_MONOTONIC);
  B("slept >= 30ms", t1 - t0 >= 0.029);
  B("monotonic increases", t1 > t0);
  req.tv_nsec = 1000000000;
  T("nanosleep bad nsec", nanosleep(&req, NULL));
  req.tv_sec = -1;
  req.tv_nsec = 0;
  T("nanosleep negative", nanosleep(&req, NULL));
  req.tv_sec = 0;
  req.tv_nsec = 20000000;
  t0 = now(CLOCK_MONOTONIC);
  T("clock_nanosleep relative", clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
  B("slept >= 20ms", now(CLOCK_MONOTONIC) - t0 >= 0.019);
  clock_gettime(CLOCK_MONOTONIC, &a);
  a.tv_nsec += 20000000;
  if (a.tv_nsec >= 1000000000) {
    a.tv_sec++;
    a.tv_nsec -= 1000000000;
  }
  T("clock_nanosleep absolute", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL));
  B("reached deadline", now(CLOCK_MONOTONIC) >= a.tv_sec + a.tv_nsec / 1e9 - 1e-6);
  clock_gettime(CLOCK_MONOTONIC, &a);
  a.tv_sec -= 10;
  T("clock_nanosleep absolute past", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL));
  T("clock_nanosleep bad clock", clock_nanosleep(99, 0, &req, NULL));
  T("clock_nanosleep THREAD_CPUTIME", clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL));

  /* times, getrusage */
  struct tms tm;
  clock_t c = times(&tm);
  B("times ok", c != (clock_t)-1);
  B("tms fields non-negative", tm.tms_utime >= 0 && tm.tms_stime >= 0 && tm.tms_cutime == 0 && tm.tms_cstime == 0);
  struct rusage ru;
  T("getrusage SELF", getrusage(RUSAGE_SELF, &ru));
  B("ru_maxrss > 0", ru.ru_maxrss > 0);
  B("utime usec in range", ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
  T("getrusage CHILDREN", getrusage(RUSAGE_CHILDREN, &ru));
  B("children zero", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0);
  T("getrusage bad", getrusage(5, &ru));

  /* uname, sysinfo */
  struct utsname u;
  T("uname", uname(&u));
  printf("sysname %s machine %s\n", u.sysname, u.machine);
  B("release set", u.release[0] != 0);
  struct sysinfo si;
  T("sysinfo", sysinfo(&si));
  B("totalram > 0", si.totalram > 0 && si.mem_unit > 0);
  B("freeram <= totalram", si.freeram <= si.totalram);
  B("procs > 0", si.procs > 0);

  /* ids */
  pid_t pid = getpid();
  B("getpid > 0", pid > 0);
  B("gettid == getpid", syscall(SYS_gettid) == pid);
  B("getppid > 0", getppid() > 0);
  B("getppid != getpid", getppid() != pid);
  B("uid == euid", getuid() == geteuid());
  B("gid == egid", getgid() == getegid());
  uid_t ru1, eu1, su1;
  T("getresuid", getresuid(&ru1, &eu1, &su1));
  B("resuid all equal uid", ru1 == getuid() && eu1 == getuid() && su1 == getuid());
  gid_t rg, eg, sg;
  T("getresgid", getresgid(&rg, &eg, &sg));
  B("resgid all equal gid", rg == getgid() && eg == getgid() && sg == getgid());
  int ng = getgroups(0, NULL);
  B("getgroups count >= 0", ng >= 0);
  gid_t groups[64];
  B("getgroups list", getgroups(64, groups) == ng);
  T("getgroups negative", getgroups(-1, groups));
  T("setuid(getuid())", setuid(getuid()));
  T("setgid(getgid())", setgid(getgid()));
  T("setresuid(-1,-1,-1)", setresuid(-1, -1, -1));
  T("setresgid(-1,-1,-1)", setresgid(-1, -1, -1));
  T("setreuid(-1,-1)", setreuid(-1, -1));
  T("setregid(-1,-1)", setregid(-1, -1));
  B("still same uid", getuid() == ru1);
  /* A group or session whose leader lives outside the caller's pid namespace
   * reads as 0 (containers, CI), so only the sign is portable. */
  B("getpgid(0) >= 0", getpgid(0) >= 0);
  B("getsid(0) >= 0", getsid(0) >= 0);

  /* getrandom */
  unsigned char buf[64] = {0}, buf2[64] = {0};
  T("getrandom 64", getrandom(buf, sizeof buf, 0));
  T("getrandom NONBLOCK", getrandom(buf2, sizeof buf2, GRND_NONBLOCK));
  B("different", memcmp(buf, buf2, sizeof buf) != 0);
  T("getrandom 0", getrandom(buf, 0, 0));
  T("getrandom bad flags", getrandom(buf, 8, 0x100));
  T("getrandom EFAULT", getrandom((void *)8, 8, 0));

  /* scheduling */
  cpu_set_t set;
  CPU_ZERO(&set);
  long n = syscall(SYS_sched_getaffinity, 0, sizeof set, &set);
  B("sched_getaffinity returns size", n > 0 && n <= (long)sizeof set && n % 8 == 0);
  B("at least one cpu", CPU_COUNT(&set) >= 1);
  T("sched_getaffinity small", syscall(SYS_sched_getaffinity, 0, 1, &set));
  T("sched_getaffinity other pid", syscall(SYS_sched_getaffinity, 999999, sizeof set, &set));
  T("sched_yield", sched_yield());

  /* limits */
  struct rlimit rl, old;
  T("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &rl));
  B("soft <= hard", rl.rlim_cur <= rl.rlim_max);
  B("soft >= 64", rl.rlim_cur >= 64);
  struct rlimit lower = {100, rl.rlim_max};
  T("prlimit64 set soft 100", prlimit(0, RLIMIT_NOFILE, &lower, &old));
  B("old matches", old.rlim_cur == rl.rlim_cur && old.rlim_max == rl.rlim_max);
  T("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &rl));
  printf("soft now %ld\n", (long)rl.rlim_cur);
  T("dup2 past soft limit", dup2(1, 150));
  struct rlimit bad = {200, 100};
  T("setrlimit soft > hard", setrlimit(RLIMIT_NOFILE, &bad));
  T("getrlimit bad resource", getrlimit(99, &rl));
  T("getrlimit STACK", getrlimit(RLIMIT_STACK, &rl));
  B("stack soft > 0", rl.rlim_cur > 0);
  T("prlimit64 other pid", prlimit(999999, RLIMIT_NOFILE, NULL, &rl));
  puts("done");
  return 0;
}
