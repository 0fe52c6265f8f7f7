/*
 * fileread: reads the file named by argv[1] and prints its size (from stat and from
 * reading), line/word/character counts, the longest line, the five most common letters and
 * a checksum. Reads through stdio with a small buffer and again through read(2).
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: fileread FILE\n");
    return 2;
  }
  struct stat st;
  if (stat(argv[1], &st) != 0) {
    perror("stat");
    return 1;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror("fopen");
    return 1;
  }
  setvbuf(f, NULL, _IOFBF, 100);
  unsigned long bytes = 0, lines = 0, words = 0, longest = 0, cur = 0, longest_no = 0;
  unsigned long letters[26] = {0};
  uint64_t h = 1469598103934665603ull;
  int c, in_word = 0;
  while ((c = fgetc(f)) != EOF) {
    bytes++;
    h = (h ^ (unsigned char)c) * 1099511628211ull;
    if (c == '\n') {
      lines++;
      if (cur > longest) {
        longest = cur;
        longest_no = lines;
      }
      cur = 0;
    } else {
      cur++;
    }
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
    if (isalpha(c)) letters[tolower(c) - 'a']++;
  }
  fclose(f);

  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    perror("open");
    return 1;
  }
  char buf[4096];
  unsigned long total = 0;
  ssize_t n;
  uint32_t sum = 0;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) sum = (sum << 5 | sum >> 27) ^ (unsigned char)buf[i];
    total += (unsigned long)n;
  }
  off_t end = lseek(fd, 0, SEEK_END);
  off_t mid = lseek(fd, (off_t)(total / 2), SEEK_SET);
  char one = 0;
  ssize_t r1 = read(fd, &one, 1);
  close(fd);

  const char *base = strrchr(argv[1], '/');
  printf("file %s\n", base ? base + 1 : argv[1]);
  printf("stat size %lld, read %lu bytes, stdio %lu bytes, lseek end %lld mid %lld -> %d '%c'\n",
         (long long)st.st_size, total, bytes, (long long)end, (long long)mid, (int)r1,
         isprint((unsigned char)one) ? one : '.');
  printf("lines %lu words %lu longest %lu (line %lu)\n", lines, words, longest, longest_no);
  printf("top letters:");
  for (int k = 0; k < 5; k++) {
    int best = 0;
    for (int i = 1; i < 26; i++)
      if (letters[i] > letters[best]) best = i;
    printf(" %c=%lu", 'a' + best, letters[best]);
    letters[best] = 0;
  }
  printf("\nfnv1a %016llx rot %08x\n", (unsigned long long)h, sum);
  FILE *missing = fopen("testdata/inputs/does-not-exist", "r");
  printf("missing file: %s\n", missing ? "opened?!" : "not found");
  return 0;
}
