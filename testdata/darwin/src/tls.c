/*
 * tls: thread-local variables (__thread), initialized and zero-filled, read
 * and written through pointers and from another function. On Darwin every
 * access goes through a __thread_vars descriptor whose thunk dyld binds
 * (_tlv_bootstrap); on Linux through the TLS segment.
 */
#include <stdio.h>
#include <string.h>

__thread int counter = 5;
__thread char name[16] = "thread-local";
__thread long long big = 0x123456789abcLL;
static __thread long zeroed;
static __thread int table[100];

static int bump(int by) { return counter += by; }

int main(void) {
  bump(1);
  bump(10);
  zeroed += 3;
  for (int i = 0; i < 100; i++) table[i] = i * i;
  int *p = &counter;
  *p *= 2;
  strcat(name, "!");
  long sum = 0;
  for (int i = 0; i < 100; i++) sum += table[i];
  printf("counter %d name %s big %llx zeroed %ld sum %ld same address %d\n", counter, name, big,
         zeroed, sum, p == &counter);
  return counter;
}
