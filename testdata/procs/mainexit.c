/* The main thread ends with pthread_exit: the process lives on until its last thread ends. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *work(void *a) { (void)a; usleep(20000); printf("thread still runs\n"); fflush(stdout); return NULL; }
int main(void) { pthread_t t; pthread_create(&t, NULL, work, NULL); pthread_exit(NULL); }
