/*
 * strings: <string.h>, <ctype.h> and <stdlib.h> conversions. Exercises the optimized
 * string routines at many lengths and alignments (overlapping memmove included).
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static uint32_t hash(const void *p, size_t n) {
  const unsigned char *s = p;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
  return h;
}

int main(void) {
  static char a[600], b[600];
  uint32_t h = 0;
  /* Lengths 0..256 at alignments 0..15. */
  for (int off = 0; off < 16; off++) {
    for (int len = 0; len < 257; len += 1 + len / 16) {
      for (int i = 0; i < len; i++) a[off + i] = (char)('A' + (i * 7 + off) % 50);
      a[off + len] = 0;
      h = h * 31 + (uint32_t)strlen(a + off);
      memset(b, 'z', sizeof b);
      memcpy(b + (15 - off), a + off, (size_t)len + 1);
      h = h * 31 + hash(b, sizeof b);
      h = h * 31 + (uint32_t)(strcmp(a + off, b + (15 - off)) == 0);
      if (len > 2) {
        b[15 - off + len / 2]++;
        int c = strcmp(a + off, b + (15 - off));
        int m = memcmp(a + off, b + (15 - off), (size_t)len);
        h = h * 31 + (uint32_t)((c < 0) * 2 + (c > 0)) + (uint32_t)((m < 0) * 8 + (m > 0) * 4);
      }
      char *p = strchr(a + off, 'A' + 13);
      h = h * 31 + (uint32_t)(p ? p - (a + off) : -1);
      p = memchr(a + off, 'A' + 3, (size_t)len);
      h = h * 31 + (uint32_t)(p ? p - (a + off) : -1);
      p = strrchr(a + off, 'A' + 20);
      h = h * 31 + (uint32_t)(p ? p - (a + off) : -1);
    }
  }
  printf("sweep hash %08x\n", h);

  /* Overlapping moves in both directions. */
  char m[64];
  for (int i = 0; i < 64; i++) m[i] = (char)('a' + i % 26);
  memmove(m + 5, m, 40);
  memmove(m + 1, m + 9, 30);
  printf("memmove %.*s\n", 64, m);

  char buf[128] = "Hello";
  strcat(buf, ", ");
  strncat(buf, "World!!!", 6);
  printf("strcat [%s] len %zu\n", buf, strlen(buf));
  char cpy[32];
  strncpy(cpy, "abc", sizeof cpy);
  printf("strncpy [%s] tail zero %d\n", cpy, cpy[31] == 0);
  printf("strstr %s | %s | %p\n", strstr("the quick brown fox", "brown"),
         strstr("aaaaab", "aab"), (void *)strstr("abc", "abd"));
  printf("strspn %zu strcspn %zu strpbrk %s\n", strspn("123abc", "0123456789"),
         strcspn("hello, world", ",;"), strpbrk("key=value", "=:"));
  printf("strcasecmp %d %d strncasecmp %d\n", strcasecmp("HeLLo", "hello") == 0,
         strcasecmp("abc", "ABD") < 0, strncasecmp("ABCdef", "abcXYZ", 3) == 0);
  char text[] = "  alpha, beta;gamma  delta,,epsilon ";
  int ntok = 0;
  for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;")) printf("tok%d=%s ", ntok++, t);
  printf("\n");
  char *dup = strdup("duplicate me");
  char *ndup = strndup("truncate this", 8);
  printf("strdup [%s] strndup [%s]\n", dup, ndup);
  free(dup);
  free(ndup);
  char up[] = "Mixed Case 123 !?";
  for (char *q = up; *q; q++) *q = (char)(islower((unsigned char)*q) ? toupper((unsigned char)*q) : tolower((unsigned char)*q));
  printf("swapcase [%s] isdigit %d isspace %d isalpha %d ispunct %d\n", up, isdigit('7') != 0,
         isspace('\t') != 0, isalpha('_') != 0, ispunct('!') != 0);

  static const char *nums[] = {"0", "42", "-17", "0x1F", "0777", "  +99xyz", "9223372036854775807",
                               "9223372036854775808", "-9223372036854775809", "junk", "1e5",
                               "-0.5", "3.25e-2", "inf", "nan", "0x1.8p1"};
  for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    char *end;
    errno = 0;
    long long v = strtoll(nums[i], &end, 0);
    int e1 = errno;
    errno = 0;
    unsigned long u = strtoul(nums[i], NULL, 10);
    int e2 = errno;
    double d = strtod(nums[i], NULL);
    printf("[%s] strtoll=%lld end=%td erange=%d strtoul=%lu erange=%d strtod=%g atoi=%d\n",
           nums[i], v, end - nums[i], e1 == ERANGE, u, e2 == ERANGE, d, atoi(nums[i]));
  }
  printf("strtol base 2: %ld base 36: %ld\n", strtol("101101", NULL, 2), strtol("zz", NULL, 36));
  printf("strerror(ENOENT)=%s\n", strerror(ENOENT));
  return 0;
}
