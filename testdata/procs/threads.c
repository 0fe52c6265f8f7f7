/* pthreads: create/join, a mutex-protected counter, a condition variable
 * hand-off, thread ids, exit of one thread vs the process. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 4
#define ITERS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int turn;
static int tids_differ;

static void *work(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < ITERS; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  if (syscall(SYS_gettid) != getpid()) __atomic_add_fetch(&tids_differ, 1, __ATOMIC_SEQ_CST);
  /* take turns in id order */
  pthread_mutex_lock(&mu);
  while (turn != id) pthread_cond_wait(&cv, &mu);
  printf("thread %ld its turn\n", id);
  turn++;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  return (void *)(id * 10);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t[N];
  for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, work, (void *)i);
  long sum = 0;
  for (int i = 0; i < N; i++) {
    void *r;
    pthread_join(t[i], &r);
    sum += (long)r;
  }
  printf("counter %ld sum %ld tids differ %d\n", counter, sum, tids_differ);
  printf("main tid is pid %d\n", syscall(SYS_gettid) == getpid());
  return 0;
}
