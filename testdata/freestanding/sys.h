/*
 * sys.h: the whole "runtime" of kitemu's freestanding RISC-V 64 test programs.
 *
 * No libc: raw Linux syscalls through `ecall`, a _start that sets up gp and calls
 * main(argc, argv, envp), and a few output helpers. Build with
 *   riscv64-linux-gnu-gcc -Os -nostdlib -ffreestanding -fno-builtin -static
 */
#ifndef KITEMU_SYS_H
#define KITEMU_SYS_H

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned char u8;

#define SYS_openat 56
#define SYS_close 57
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93

static inline long sys_call3(long n, long a, long b, long c) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

static inline long sys_call4(long n, long a, long b, long c, long d) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a3 __asm__("a3") = d;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a7) : "memory");
  return a0;
}

static inline long sys_write(int fd, const void *buf, u64 len) {
  return sys_call3(SYS_write, fd, (long)buf, (long)len);
}

static inline long sys_read(int fd, void *buf, u64 len) {
  return sys_call3(SYS_read, fd, (long)buf, (long)len);
}

#define AT_FDCWD (-100)
static inline long sys_openat(int dirfd, const char *path, int flags, int mode) {
  return sys_call4(SYS_openat, dirfd, (long)path, flags, mode);
}

static inline long sys_close(int fd) {
  return sys_call3(SYS_close, fd, 0, 0);
}

static inline __attribute__((noreturn)) void sys_exit(int code) {
  for (;;) sys_call3(SYS_exit, code, 0, 0);
}

/* ---- output helpers ---------------------------------------------------- */

#define UNUSED __attribute__((unused))


UNUSED static u64 str_len(const char *s) {
  u64 n = 0;
  while (s[n]) n++;
  return n;
}

UNUSED static void put_str(const char *s) {
  sys_write(1, s, str_len(s));
}

UNUSED static void put_hex(u64 v) {
  char buf[19];
  buf[0] = '0';
  buf[1] = 'x';
  for (int i = 0; i < 16; i++) {
    unsigned d = (unsigned)(v >> (60 - 4 * i)) & 15;
    buf[2 + i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
  }
  sys_write(1, buf, 18);
}

UNUSED static void put_udec(u64 v) {
  char buf[21];
  int i = 20;
  buf[i] = 0;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  put_str(buf + i);
}

UNUSED static void put_dec(i64 v) {
  if (v < 0) {
    put_str("-");
    put_udec(-(u64)v);
  } else {
    put_udec((u64)v);
  }
}

UNUSED static u64 parse_udec(const char *s) {
  u64 v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (u64)(*s++ - '0');
  return v;
}

/* ---- entry point ------------------------------------------------------- */

int main(int argc, char **argv, char **envp);

/* Called by _start with the initial stack pointer: argc, argv[], NULL, envp[], NULL. */
__attribute__((used, noreturn)) static void kitemu_cstart(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  sys_exit(main(argc, argv, envp));
}

/* gp must be set before any gp-relative access that the linker relaxation creates. */
__asm__(
    ".section .text._start,\"ax\",@progbits\n"
    ".globl _start\n"
    ".type _start, @function\n"
    "_start:\n"
    ".option push\n"
    ".option norelax\n"
    "  lla gp, __global_pointer$\n"
    ".option pop\n"
    "  mv a0, sp\n"
    "  andi sp, sp, -16\n"
    "  call kitemu_cstart\n"
    "  unimp\n"
    ".size _start, .-_start\n"
    ".previous\n");

#endif
