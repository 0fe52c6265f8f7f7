/* Raw futex operations between threads: WAIT (value mismatch, timeout), WAKE,
 * CMP_REQUEUE, WAIT_BITSET/WAKE_BITSET, and CLONE_CHILD_CLEARTID at thread exit
 * (pthread_join waits on it). */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long fx(uint32_t *a, int op, uint32_t v, const struct timespec *t, uint32_t *a2, uint32_t v3) {
  return syscall(SYS_futex, a, op, v, t, a2, v3);
}

static uint32_t A, B, C;
static int ready;
static int woke[8];

static void *waiter(void *arg) {
  long i = (long)arg;
  __atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
  long r = fx(&A, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  woke[i] = r == 0 ? 1 : -1;
  return NULL;
}

static void *bitwaiter(void *arg) {
  (void)arg;
  __atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
  long r = fx(&C, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 1);
  woke[7] = r == 0 ? 1 : -1;
  return NULL;
}

static void wait_ready(int n) {
  while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < n) usleep(1000);
  usleep(50000); /* let them reach the kernel */
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  errno = 0;
  long r = fx(&A, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
  printf("wait on changed value %ld %s\n", r, strerror(errno));
  struct timespec t = {0, 10 * 1000 * 1000};
  errno = 0;
  r = fx(&A, FUTEX_WAIT_PRIVATE, 0, &t, NULL, 0);
  printf("wait with timeout %ld %s\n", r, strerror(errno));
  printf("wake nobody %ld\n", fx(&A, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));

  pthread_t th[4];
  pthread_create(&th[0], NULL, waiter, (void *)0);
  wait_ready(1);
  printf("wake one %ld\n", fx(&A, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
  pthread_join(th[0], NULL);
  printf("woken %d\n", woke[0]);

  ready = 0;
  for (long i = 1; i <= 3; i++) pthread_create(&th[i], NULL, waiter, (void *)i);
  wait_ready(3);
  errno = 0;
  r = fx(&A, FUTEX_CMP_REQUEUE_PRIVATE, 1, (struct timespec *)2, &B, 5);
  printf("cmp_requeue bad val3 %ld %s\n", r, strerror(errno));
  r = fx(&A, FUTEX_CMP_REQUEUE_PRIVATE, 1, (struct timespec *)2, &B, 0);
  printf("cmp_requeue %ld\n", r);
  usleep(20000);
  printf("wake on old word %ld\n", fx(&A, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
  printf("wake requeued %ld\n", fx(&B, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0));
  for (int i = 1; i <= 3; i++) pthread_join(th[i], NULL);
  printf("all woken %d\n", woke[1] + woke[2] + woke[3]);

  ready = 0;
  pthread_t bt;
  pthread_create(&bt, NULL, bitwaiter, NULL);
  wait_ready(1);
  printf("wake other bits %ld\n", fx(&C, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 2));
  printf("wake its bit %ld\n", fx(&C, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 3));
  pthread_join(bt, NULL);
  printf("bit waiter %d\n", woke[7]);
  return 0;
}
