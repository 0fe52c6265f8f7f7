/*
 * malloc_stress: many malloc/calloc/realloc/free calls with a fixed pseudo-random pattern,
 * small and large (mmap-sized) blocks, contents checked after every move, aligned
 * allocations. Prints counts and checksums, never addresses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512

static uint32_t rng = 12345;
static uint32_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

struct slot {
  unsigned char *p;
  size_t size;
  unsigned char tag;
};

static int check(const struct slot *s) {
  for (size_t i = 0; i < s->size; i += 1 + i / 64) {
    if (s->p[i] != (unsigned char)(s->tag + i)) return 0;
  }
  return 1;
}

static void fill(struct slot *s) {
  for (size_t i = 0; i < s->size; i++) s->p[i] = (unsigned char)(s->tag + i);
}

int main(void) {
  static struct slot slots[SLOTS];
  unsigned long mallocs = 0, reallocs = 0, frees = 0, bad = 0, bytes = 0;
  for (int round = 0; round < 40000; round++) {
    unsigned i = next() % SLOTS;
    struct slot *s = &slots[i];
    uint32_t op = next() % 10;
    size_t size = next() % 4 == 0 ? next() % 20000 : next() % 200;
    if (next() % 500 == 0) size = 200000 + next() % 300000; /* above the mmap threshold */
    if (s->p == NULL) {
      s->p = op < 3 ? calloc(1, size + 1) : malloc(size + 1);
      if (op < 3) {
        for (size_t k = 0; k <= size; k++) bad += s->p[k] != 0;
      }
      s->size = size;
      s->tag = (unsigned char)next();
      fill(s);
      mallocs++;
      bytes += size;
    } else if (op < 4) {
      if (!check(s)) bad++;
      free(s->p);
      s->p = NULL;
      frees++;
    } else {
      if (!check(s)) bad++;
      unsigned char *q = realloc(s->p, size + 1);
      if (q == NULL) {
        bad++;
        continue;
      }
      size_t keep = size < s->size ? size : s->size;
      struct slot t = {q, keep, s->tag};
      if (!check(&t)) bad++;
      s->p = q;
      s->size = size;
      fill(s);
      reallocs++;
    }
  }
  unsigned long live = 0;
  for (unsigned i = 0; i < SLOTS; i++) {
    if (slots[i].p) {
      if (!check(&slots[i])) bad++;
      free(slots[i].p);
      live++;
    }
  }
  int misaligned = 0;
  for (size_t align = 16; align <= 65536; align *= 4) {
    void *p = aligned_alloc(align, align * 3);
    void *q = NULL;
    if (posix_memalign(&q, align, 100) != 0) misaligned++;
    misaligned += ((uintptr_t)p % align != 0) + ((uintptr_t)q % align != 0);
    memset(p, 0xab, align * 3);
    free(p);
    free(q);
  }
  char *s = NULL;
  size_t len = 0;
  for (int i = 0; i < 2000; i++) {
    s = realloc(s, len + 8);
    len += (size_t)sprintf(s + len, "%d,", i % 1000);
  }
  unsigned long sum = 0;
  for (size_t i = 0; i < len; i++) sum = sum * 33 + (unsigned char)s[i];
  free(s);
  printf("mallocs=%lu reallocs=%lu frees=%lu live=%lu bytes=%lu\n", mallocs, reallocs, frees,
         live, bytes);
  printf("bad=%lu misaligned=%d string=%zu/%lx\n", bad, misaligned, len, sum);
  return bad != 0 || misaligned != 0;
}
