/*
 * checksum: a freestanding program (no libc) that fills 64 KiB from a linear
 * congruential generator, prints its CRC-32 and FNV-1a hashes in hex, checks
 * that a write to a closed descriptor fails with EBADF (the carry flag on
 * Darwin, a negative result on Linux), and exits with the CRC's low 7 bits.
 * The same source builds for Darwin (raw BSD system calls) and for Linux
 * (the reference run).
 */
typedef unsigned long u64;
typedef unsigned int u32;

/* A raw system call with three arguments; returns the result or -errno. */
static long sys3(long n, long a, long b, long c) {
#if defined(__APPLE__) && defined(__x86_64__)
  long r;
  unsigned char cf;
  __asm__ volatile("syscall; setc %1"
                   : "=a"(r), "=q"(cf)
                   : "a"(0x2000000 | n), "D"(a), "S"(b), "d"(c)
                   : "rcx", "r11", "memory", "cc");
  return cf ? -r : r;
#elif defined(__APPLE__) && defined(__aarch64__)
  register long x16 __asm__("x16") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  long cf;
  __asm__ volatile("svc #0x80; cset %1, cs"
                   : "+r"(x0), "=r"(cf)
                   : "r"(x16), "r"(x1), "r"(x2)
                   : "memory", "cc");
  return cf ? -x0 : x0;
#elif defined(__x86_64__)
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
#elif defined(__aarch64__)
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
#else
#error "unsupported target"
#endif
}

#if defined(__APPLE__)
#define NR_WRITE 4
#define NR_EXIT 1
#elif defined(__x86_64__)
#define NR_WRITE 1
#define NR_EXIT 60
#else
#define NR_WRITE 64
#define NR_EXIT 93
#endif

static unsigned char buf[65536];
static u32 table[256];

static void out(const char *s, long n) { sys3(NR_WRITE, 1, (long)s, n); }

static long hex(char *p, u64 v, int digits) {
  for (int i = digits - 1; i >= 0; i--) {
    p[i] = "0123456789abcdef"[v & 15];
    v >>= 4;
  }
  return digits;
}

__attribute__((noreturn)) static void quit(int code) {
  sys3(NR_EXIT, code, 0, 0);
  for (;;) {
  }
}

void start(void) {
  u32 seed = 12345;
  for (unsigned i = 0; i < sizeof buf; i++) {
    seed = seed * 1103515245u + 12345u;
    buf[i] = (unsigned char)(seed >> 16);
  }
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  u32 crc = 0xffffffffu;
  u64 fnv = 1469598103934665603ull;
  for (unsigned i = 0; i < sizeof buf; i++) {
    crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    fnv = (fnv ^ buf[i]) * 1099511628211ull;
  }
  crc ^= 0xffffffffu;
  char line[64];
  long n = 0;
  const char *a = "crc32 ", *b = " fnv1a ";
  while (*a) line[n++] = *a++;
  n += hex(line + n, crc, 8);
  while (*b) line[n++] = *b++;
  n += hex(line + n, fnv, 16);
  line[n++] = '\n';
  out(line, n);
  long r = sys3(NR_WRITE, 99, (long)line, 1);
  if (r == -9) out("write to fd 99: EBADF\n", 22);
  else out("write to fd 99: unexpected\n", 27);
  quit(crc & 0x7f);
}
