/*
 * tls_ctors: thread-local variables (initialized and zeroed), constructors and destructors
 * with priorities, a static initializer chain, setjmp/longjmp.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static __thread int tls_counter = 100;
static __thread long tls_zero;
static __thread char tls_buf[64] = "thread-local buffer";
static int order[8];
static int norder;

__attribute__((constructor(200))) static void ctor_late(void) {
  order[norder++] = 200;
}

__attribute__((constructor(101))) static void ctor_early(void) {
  order[norder++] = 101;
  tls_counter += 1;
}

__attribute__((destructor)) static void dtor(void) {
  printf("destructor ran, tls_counter=%d\n", tls_counter);
}

static jmp_buf env;

static void deep(int n) {
  if (n == 0) longjmp(env, 17);
  deep(n - 1);
}

int main(void) {
  printf("constructors:");
  for (int i = 0; i < norder; i++) printf(" %d", order[i]);
  printf("\n");
  printf("tls_counter=%d tls_zero=%ld tls_buf=%s\n", tls_counter, tls_zero, tls_buf);
  for (int i = 0; i < 10; i++) tls_counter += i;
  tls_zero = -5;
  tls_buf[0] = 'T';
  printf("after: %d %ld %s\n", tls_counter, tls_zero, tls_buf);
  int *p = &tls_counter;
  printf("tls address aligned: %d\n", ((unsigned long)p % _Alignof(int)) == 0);
  int v = setjmp(env);
  if (v == 0) {
    deep(50);
    printf("not reached\n");
  } else {
    printf("longjmp returned %d\n", v);
  }
  return 0;
}
