/* TCP on loopback, client and server in one process: socket, bind, listen,
 * connect, accept4, getsockname/getpeername, send/recv (sendto, recvfrom,
 * sendmsg, recvmsg, read, write), poll on sockets, shutdown, setsockopt/
 * getsockopt. Usage: net PORT [6] (6: IPv6, ::1). Without a grant for the
 * address, kitemu answers bind and connect with EACCES. */
#include "common.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

static int v6;
static int port;

static socklen_t addr_of(struct sockaddr_storage *ss, int p) {
  memset(ss, 0, sizeof *ss);
  if (v6) {
    struct sockaddr_in6 *a = (void *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(p);
    a->sin6_addr = in6addr_loopback;
    return sizeof *a;
  }
  struct sockaddr_in *a = (void *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons(p);
  a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return sizeof *a;
}

static int port_of(struct sockaddr_storage *ss) {
  return ntohs(v6 ? ((struct sockaddr_in6 *)ss)->sin6_port : ((struct sockaddr_in *)ss)->sin_port);
}

static int is_loopback(struct sockaddr_storage *ss) {
  if (v6) return memcmp(&((struct sockaddr_in6 *)ss)->sin6_addr, &in6addr_loopback, 16) == 0;
  return ((struct sockaddr_in *)ss)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
}

int main(int argc, char **argv) {
  fresh_fds();
  if (argc < 2) return 2;
  port = atoi(argv[1]);
  v6 = argc > 2 && argv[2][0] == '6';
  int fam = v6 ? AF_INET6 : AF_INET;
  struct sockaddr_storage ss, got;
  socklen_t len;
  char buf[256];
  int one = 1, val;

  int srv = socket(fam, SOCK_STREAM | SOCK_CLOEXEC, 0);
  T("socket server", srv);
  T("F_GETFD", fcntl(srv, F_GETFD));
  T("setsockopt SO_REUSEADDR", setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
  len = sizeof val;
  T("getsockopt SO_REUSEADDR", getsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &val, &len) == 0 ? val != 0 : -1);
  len = sizeof val;
  T("getsockopt SO_TYPE", getsockopt(srv, SOL_SOCKET, SO_TYPE, &val, &len) == 0 ? val : -1);
  T("getsockopt bad option", getsockopt(srv, SOL_SOCKET, 9999, &val, &len));
  socklen_t alen = addr_of(&ss, port);
  if (bind(srv, (struct sockaddr *)&ss, alen) != 0) {
    /* No grant for the address under kitemu: bind and connect both refuse. */
    printf("bind = -1 %s\n", ename(errno));
    int c = socket(fam, SOCK_STREAM, 0);
    T("connect", connect(c, (struct sockaddr *)&ss, alen));
    T("listen (port 0 on any address)", listen(c, 1));
    puts("done");
    return 0;
  }
  puts("bind = 0");
  T("listen", listen(srv, 8));
  len = sizeof got;
  T("getsockname", getsockname(srv, (struct sockaddr *)&got, &len));
  B("bound to the port", port_of(&got) == port && is_loopback(&got));
  len = sizeof got;
  T("getpeername on listener", getpeername(srv, (struct sockaddr *)&got, &len));
  len = sizeof val;
  T("SO_ACCEPTCONN", getsockopt(srv, SOL_SOCKET, SO_ACCEPTCONN, &val, &len) == 0 ? val : -1);

  /* a non-blocking connect, completed through poll */
  int nb = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
  T("nonblocking connect", connect(nb, (struct sockaddr *)&ss, alen));
  struct pollfd np = {nb, POLLOUT, 0};
  T("poll until connected", poll(&np, 1, 5000));
  printf("revents: %x\n", np.revents);
  len = sizeof val;
  T("SO_ERROR", getsockopt(nb, SOL_SOCKET, SO_ERROR, &val, &len) == 0 ? val : -1);
  T("connect when connected", connect(nb, (struct sockaddr *)&ss, alen));
  int nbc = accept(srv, NULL, NULL);
  B("accepted it", nbc >= 0);
  close(nbc);
  close(nb);

  /* nothing to accept yet */
  struct pollfd pf = {srv, POLLIN, 0};
  T("poll listener (empty)", poll(&pf, 1, 0));
  int fl = fcntl(srv, F_GETFL);
  fcntl(srv, F_SETFL, fl | O_NONBLOCK);
  T("accept nonblocking (empty)", accept(srv, NULL, NULL));
  fcntl(srv, F_SETFL, fl);

  int cli = socket(fam, SOCK_STREAM, 0);
  T("socket client", cli);
  T("send before connect", send(cli, "x", 1, MSG_NOSIGNAL));
  T("recv before connect", recv(cli, buf, 1, 0));
  T("connect", connect(cli, (struct sockaddr *)&ss, alen));
  T("connect again", connect(cli, (struct sockaddr *)&ss, alen));
  len = sizeof got;
  T("getpeername", getpeername(cli, (struct sockaddr *)&got, &len));
  B("peer is the server", port_of(&got) == port && is_loopback(&got));
  struct sockaddr_storage cli_local;
  len = sizeof cli_local;
  getsockname(cli, (struct sockaddr *)&cli_local, &len);

  pf.revents = 0;
  T("poll listener (pending)", poll(&pf, 1, 5000));
  printf("revents: %x\n", pf.revents);
  len = sizeof got;
  int conn = accept4(srv, (struct sockaddr *)&got, &len, SOCK_CLOEXEC);
  B("accept4", conn >= 0);
  B("accepted peer is the client", port_of(&got) == port_of(&cli_local) && is_loopback(&got));
  T("accepted F_GETFD", fcntl(conn, F_GETFD));
  T("TCP_NODELAY", setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
  len = sizeof val;
  T("get TCP_NODELAY", getsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &val, &len) == 0 ? val != 0 : -1);

  /* data both ways */
  T("send ping", send(cli, "ping", 4, 0));
  memset(buf, 0, sizeof buf);
  T("recv", recv(conn, buf, sizeof buf, MSG_WAITALL & 0));
  printf("server got: %s\n", buf);
  T("write pong", write(conn, "pong!", 5));
  memset(buf, 0, sizeof buf);
  T("recv peek", recv(cli, buf, 2, MSG_PEEK));
  T("read", read(cli, buf, 5));
  printf("client got: %.5s\n", buf);
  T("sendto (address ignored)", sendto(cli, "abc", 3, 0, NULL, 0));
  len = sizeof got;
  memset(buf, 0, sizeof buf);
  T("recvfrom", recvfrom(conn, buf, 3, MSG_WAITALL, (struct sockaddr *)&got, &len));
  printf("recvfrom: %s from client: %d\n", buf, port_of(&got) == port_of(&cli_local));
  struct iovec iov[2] = {{"hello ", 6}, {"world", 5}};
  struct msghdr mh = {0};
  mh.msg_iov = iov;
  mh.msg_iovlen = 2;
  T("sendmsg", sendmsg(conn, &mh, 0));
  char p1[4] = {0}, p2[16] = {0};
  struct iovec riov[2] = {{p1, 3}, {p2, 15}};
  struct msghdr rh = {0};
  rh.msg_iov = riov;
  rh.msg_iovlen = 2;
  T("recvmsg", recvmsg(cli, &rh, MSG_WAITALL & 0));
  printf("recvmsg: [%.3s] [%s]\n", p1, p2);
  T("FIONREAD-free nonblocking recv", recv(cli, buf, 10, MSG_DONTWAIT));

  /* a bigger transfer */
  static char big[200000];
  for (int i = 0; i < (int)sizeof big; i++) big[i] = i * 7;
  long sent = 0;
  while (sent < (long)sizeof big) {
    long n = write(cli, big + sent, sizeof big - sent);
    if (n <= 0) break;
    sent += n;
  }
  T("big sent", sent);
  static char back[200000];
  long got_n = 0;
  while (got_n < (long)sizeof back) {
    long n = read(conn, back + got_n, sizeof back - got_n);
    if (n <= 0) break;
    got_n += n;
  }
  T("big received", got_n);
  B("big intact", memcmp(big, back, sizeof big) == 0);

  /* poll on a connected pair */
  struct pollfd two[2] = {{cli, POLLIN | POLLOUT, 0}, {conn, POLLIN, 0}};
  T("poll connected", poll(two, 2, 0));
  printf("revents: %x %x\n", two[0].revents, two[1].revents);
  write(cli, "z", 1);
  two[0].events = POLLIN;
  T("poll data", poll(two + 1, 1, 5000));
  printf("revents: %x\n", two[1].revents);
  read(conn, buf, 1);

  /* shutdown: the server reads end of stream */
  T("shutdown SHUT_WR", shutdown(cli, SHUT_WR));
  T("recv after peer shutdown", recv(conn, buf, sizeof buf, 0));
  T("send after shutdown", send(cli, "x", 1, MSG_NOSIGNAL));
  T("shutdown bad how", shutdown(conn, 7));
  T("server still sends", send(conn, "bye", 3, 0));
  memset(buf, 0, sizeof buf);
  T("client still reads", recv(cli, buf, 3, MSG_WAITALL));
  printf("got: %s\n", buf);
  T("close conn", close(conn));
  T("client reads EOF", recv(cli, buf, 3, 0));
  close(cli);
  T("close listener", close(srv));

  /* errors */
  cli = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
  T("nonblocking connect to closed port", connect(cli, (struct sockaddr *)&ss, alen));
  struct pollfd cp = {cli, POLLOUT, 0};
  T("poll it", poll(&cp, 1, 5000));
  printf("revents: %x\n", cp.revents);
  len = sizeof val;
  T("SO_ERROR", getsockopt(cli, SOL_SOCKET, SO_ERROR, &val, &len) == 0 ? val : -1);
  T("SO_ERROR again", getsockopt(cli, SOL_SOCKET, SO_ERROR, &val, &len) == 0 ? val : -1);
  close(cli);
  cli = socket(fam, SOCK_STREAM, 0);
  T("connect to closed port", connect(cli, (struct sockaddr *)&ss, alen));
  close(cli);
  T("socket bad protocol", socket(fam, SOCK_STREAM, 17));
  T("bind on non-socket", bind(1, (struct sockaddr *)&ss, alen));
  T("shutdown not connected", shutdown(socket(fam, SOCK_STREAM, 0), SHUT_RDWR));
  puts("done");
  return 0;
}
