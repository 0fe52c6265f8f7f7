/* Descriptors: fcntl, dup/dup2/dup3, pipe2, ioctl, poll/ppoll, select/pselect6,
 * sendfile, copy_file_range, statfs/fstatfs. */
#include "common.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <termios.h>

int main(void) {
  fresh_fds();
  char buf[256];
  signal(SIGPIPE, SIG_IGN);

  int fd = open("f", O_CREAT | O_RDWR, 0644);
  write(fd, "0123456789abcdef", 16);

  /* fcntl */
  T("F_GETFD", fcntl(fd, F_GETFD));
  T("F_SETFD cloexec", fcntl(fd, F_SETFD, FD_CLOEXEC));
  T("F_GETFD", fcntl(fd, F_GETFD));
  T("F_SETFD 0", fcntl(fd, F_SETFD, 0));
  T("F_GETFL accmode", fcntl(fd, F_GETFL) & O_ACCMODE);
  T("F_SETFL O_APPEND|O_NONBLOCK", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
  T("F_GETFL append", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  T("F_GETFL nonblock", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
  T("F_SETFL cannot change accmode", fcntl(fd, F_SETFL, O_RDONLY) == 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
  T("F_DUPFD 10", fcntl(fd, F_DUPFD, 10));
  T("F_GETFD of dup", fcntl(10, F_GETFD));
  T("F_DUPFD_CLOEXEC 10", fcntl(fd, F_DUPFD_CLOEXEC, 10));
  T("F_GETFD of dup", fcntl(11, F_GETFD));
  T("F_DUPFD negative", fcntl(fd, F_DUPFD, -1));
  T("fcntl bad fd", fcntl(99, F_GETFD));
  T("fcntl bad cmd", fcntl(fd, 9999));
  close(10);
  close(11);

  /* dup, dup2, dup3 */
  int d = dup(fd);
  T("dup", d);
  T("dup shares offset", lseek(fd, 3, SEEK_SET) == 3 && lseek(d, 0, SEEK_CUR) == 3);
  T("dup bad", dup(99));
  T("dup2 to 20", dup2(fd, 20));
  T("dup2 same", dup2(fd, fd));
  T("dup2 bad old", dup2(99, 21));
  T("dup3 cloexec", dup3(fd, 21, O_CLOEXEC));
  T("F_GETFD 21", fcntl(21, F_GETFD));
  T("dup3 same fd", dup3(fd, fd, 0));
  T("dup3 bad flag", dup3(fd, 22, O_APPEND));
  T("dup3 over open fd", dup3(d, 21, 0));
  T("F_GETFD 21", fcntl(21, F_GETFD));
  close(20);
  close(21);
  close(d);

  /* pipe2 */
  int p[2];
  T("pipe2", pipe2(p, O_CLOEXEC));
  printf("fds: %d %d\n", p[0], p[1]);
  T("F_GETFD", fcntl(p[0], F_GETFD));
  T("F_GETFL rd", fcntl(p[0], F_GETFL) & O_ACCMODE);
  T("F_GETFL wr", fcntl(p[1], F_GETFL) & O_ACCMODE);
  T("write pipe", write(p[1], "hello", 5));
  T("FIONREAD pipe", ioctl(p[0], FIONREAD, &d) == 0 ? d : -1);
  memset(buf, 0, sizeof buf);
  T("read pipe 3", read(p[0], buf, 3));
  printf("data: %s\n", buf);
  T("FIONREAD pipe", ioctl(p[0], FIONREAD, &d) == 0 ? d : -1);
  T("read wrong end", read(p[1], buf, 1));
  T("write wrong end", write(p[0], "x", 1));
  T("lseek pipe", lseek(p[0], 0, SEEK_SET));
  T("pread pipe", pread(p[0], buf, 1, 0));
  T("pipe2 bad flag", pipe2(p, O_APPEND));
  struct stat st;
  T("fstat pipe is fifo", fstat(p[0], &st) == 0 ? S_ISFIFO(st.st_mode) : -1);

  /* poll on pipes */
  struct pollfd pf[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {99, POLLIN, 0}};
  T("poll", poll(pf, 3, 0));
  printf("revents: %x %x %x\n", pf[0].revents, pf[1].revents, pf[2].revents);
  read(p[0], buf, sizeof buf);
  pf[0].revents = 0;
  T("poll empty pipe", poll(pf, 1, 0));
  printf("revents: %x\n", pf[0].revents);
  T("poll empty pipe 20ms", poll(pf, 1, 20));
  struct pollfd neg = {-1, POLLIN, 0};
  T("poll negative fd", poll(&neg, 1, 0));
  printf("revents: %x\n", neg.revents);
  T("poll regular file", (pf[0].fd = fd, poll(pf, 1, 0)));
  printf("revents: %x\n", pf[0].revents);
  struct timespec ts = {0, 1000000};
  sigset_t none;
  sigemptyset(&none);
  pf[0].fd = p[1];
  pf[0].events = POLLOUT;
  T("ppoll", ppoll(pf, 1, &ts, &none));
  printf("revents: %x\n", pf[0].revents);

  /* select */
  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(p[0], &rd);
  FD_SET(p[1], &wr);
  struct timeval tv = {0, 0};
  T("select", select(p[1] + 1, &rd, &wr, NULL, &tv));
  printf("rd %d wr %d\n", FD_ISSET(p[0], &rd), FD_ISSET(p[1], &wr));
  write(p[1], "x", 1);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  T("select readable", select(p[0] + 1, &rd, NULL, NULL, NULL));
  printf("rd %d\n", FD_ISSET(p[0], &rd));
  FD_ZERO(&rd);
  FD_SET(50, &rd);
  tv.tv_usec = 0;
  T("select bad fd", select(51, &rd, NULL, NULL, &tv));
  T("select negative nfds", select(-1, NULL, NULL, NULL, &tv));
  FD_ZERO(&rd);
  read(p[0], buf, 1);
  FD_SET(p[0], &rd);
  tv.tv_usec = 20000;
  T("select timeout", select(p[0] + 1, &rd, NULL, NULL, &tv));
  printf("rd %d\n", FD_ISSET(p[0], &rd));
  FD_ZERO(&wr);
  FD_SET(p[1], &wr);
  struct timespec pts = {0, 0};
  T("pselect", pselect(p[1] + 1, NULL, &wr, NULL, &pts, &none));
  printf("wr %d\n", FD_ISSET(p[1], &wr));

  /* closing ends */
  close(p[1]);
  pf[0].fd = p[0];
  pf[0].events = POLLIN;
  T("poll after writer closed", poll(pf, 1, 0));
  printf("revents: %x\n", pf[0].revents);
  T("read after writer closed", read(p[0], buf, 10));
  pipe(p);
  close(p[0]);
  T("write without reader", write(p[1], "x", 1));
  pf[0].fd = p[1];
  pf[0].events = POLLOUT;
  T("poll without reader", poll(pf, 1, 0));
  printf("revents: %x\n", pf[0].revents);
  close(p[1]);

  /* ioctl */
  struct termios tio;
  struct winsize ws;
  T("TCGETS on file", ioctl(fd, TCGETS, &tio));
  T("TIOCGWINSZ on file", ioctl(fd, TIOCGWINSZ, &ws));
  T("TCGETS on stdout pipe", ioctl(1, TCGETS, &tio));
  T("isatty(1)", isatty(1));
  T("FIONREAD on file", (lseek(fd, 10, SEEK_SET), ioctl(fd, FIONREAD, &d) == 0 ? d : -1));
  /* (An unknown request is ENOTTY on Linux; qemu-user says ENOSYS, so it is not compared.) */
  T("ioctl bad fd", ioctl(99, FIONREAD, &d));

  /* sendfile */
  int out = open("g", O_CREAT | O_RDWR | O_TRUNC, 0644);
  lseek(fd, 0, SEEK_SET);
  T("sendfile 5", sendfile(out, fd, NULL, 5));
  T("in offset moved", lseek(fd, 0, SEEK_CUR));
  off_t off = 10;
  T("sendfile offset", sendfile(out, fd, &off, 100));
  T("offset now", off);
  T("in offset unchanged", lseek(fd, 0, SEEK_CUR));
  T("sendfile to stdout", sendfile(1, fd, NULL, 3));
  printf("\n");
  T("sendfile bad in", sendfile(out, 99, NULL, 5));
  T("size g", fstat(out, &st) == 0 ? st.st_size : -1);

  /* copy_file_range */
  int cfr = open("h", O_CREAT | O_RDWR | O_TRUNC, 0644);
  loff_t in_off = 2, out_off = 0;
  T("copy_file_range", copy_file_range(fd, &in_off, cfr, &out_off, 6, 0));
  printf("offsets %ld %ld\n", (long)in_off, (long)out_off);
  lseek(fd, 0, SEEK_SET);
  T("copy_file_range cur offsets", copy_file_range(fd, NULL, cfr, NULL, 4, 0));
  T("fd offset", lseek(fd, 0, SEEK_CUR));
  T("cfr offset", lseek(cfr, 0, SEEK_CUR));
  memset(buf, 0, sizeof buf);
  pread(cfr, buf, 100, 0);
  printf("h: %s\n", buf);
  T("copy_file_range bad flags", copy_file_range(fd, NULL, cfr, NULL, 4, 1));
  T("copy_file_range past end", (in_off = 100, copy_file_range(fd, &in_off, cfr, NULL, 4, 0)));
  T("copy_file_range bad fd", copy_file_range(99, NULL, cfr, NULL, 4, 0));

  /* statfs */
  struct statfs sf;
  T("statfs", statfs(".", &sf));
  printf("namelen %ld blocks>0 %d bsize>0 %d\n", (long)sf.f_namelen, sf.f_blocks > 0, sf.f_bsize > 0);
  T("fstatfs", fstatfs(fd, &sf));
  T("statfs missing", statfs("missing", &sf));
  T("fstatfs bad fd", fstatfs(99, &sf));
  puts("done");
  return 0;
}
