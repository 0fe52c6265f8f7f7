/*
 * sort_search: qsort and bsearch over ints, doubles, strings and structs; also a stable
 * merge sort to compare against. Prints samples and checksums.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 20000

static uint64_t state = 88172645463325252ull;
static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) {
  return cmp_int(b, a);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct rec {
  int key;
  int seq;
  char name[12];
};

static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return strcmp(x->name, y->name);
}

int main(void) {
  static int ints[N];
  static double dbl[N];
  static char words[N][12];
  static char *ptrs[N];
  static struct rec recs[N];
  for (int i = 0; i < N; i++) {
    ints[i] = (int)(next() % 100000) - 50000;
    dbl[i] = (double)(int64_t)next() / 1e15;
    int len = 3 + (int)(next() % 8);
    for (int k = 0; k < len; k++) words[i][k] = (char)('a' + next() % 26);
    words[i][len] = 0;
    ptrs[i] = words[i];
    recs[i].key = (int)(next() % 100);
    recs[i].seq = i;
    snprintf(recs[i].name, sizeof recs[i].name, "n%05d", (int)(next() % 100000));
  }
  qsort(ints, N, sizeof ints[0], cmp_int);
  qsort(dbl, N, sizeof dbl[0], cmp_double);
  qsort(ptrs, N, sizeof ptrs[0], cmp_str);
  qsort(recs, N, sizeof recs[0], cmp_rec);
  int sorted = 1;
  for (int i = 1; i < N; i++) {
    sorted &= ints[i - 1] <= ints[i];
    sorted &= dbl[i - 1] <= dbl[i];
    sorted &= strcmp(ptrs[i - 1], ptrs[i]) <= 0;
    sorted &= cmp_rec(&recs[i - 1], &recs[i]) <= 0;
  }
  printf("sorted=%d\n", sorted);
  printf("ints: %d %d %d ... %d\n", ints[0], ints[1], ints[N / 2], ints[N - 1]);
  printf("doubles: %.6f %.6f ... %.6f\n", dbl[0], dbl[N / 2], dbl[N - 1]);
  printf("words: %s %s %s ... %s\n", ptrs[0], ptrs[1], ptrs[N / 2], ptrs[N - 1]);
  printf("recs: %d/%s %d/%s\n", recs[0].key, recs[0].name, recs[N - 1].key, recs[N - 1].name);
  uint64_t h = 0;
  for (int i = 0; i < N; i++) h = h * 1000003 + (uint64_t)(uint32_t)ints[i] + (uint64_t)recs[i].seq;
  printf("hash %016llx\n", (unsigned long long)h);

  int found = 0, missing = 0;
  for (int probe = -50000; probe < 50000; probe += 7) {
    int *p = bsearch(&probe, ints, N, sizeof ints[0], cmp_int);
    if (p) {
      found++;
      if (*p != probe) missing += 1000;
    } else {
      missing++;
    }
  }
  printf("bsearch ints: found=%d missing=%d\n", found, missing);
  const char *key = ptrs[1234];
  char **hit = bsearch(&key, ptrs, N, sizeof ptrs[0], cmp_str);
  printf("bsearch word: %s\n", hit ? *hit : "(none)");
  qsort(ints, N, sizeof ints[0], cmp_int_desc);
  printf("desc: %d %d\n", ints[0], ints[N - 1]);
  /* Already sorted and all-equal inputs. */
  qsort(ints, N, sizeof ints[0], cmp_int_desc);
  for (int i = 0; i < N; i++) ints[i] = 7;
  qsort(ints, N, sizeof ints[0], cmp_int);
  printf("equal: %d %d\n", ints[0], ints[N - 1]);
  return 0;
}
