// hello: writes "hello\n" with raw Darwin system calls and exits with 7.
// The message is reached through a pointer in __DATA, so the image's rebase
// (or, in the static layout, the rewritten pointer) is exercised too.
  .globl _start
_start:
#ifdef __x86_64__
  movl $0x2000004, %eax       // write
  movl $1, %edi
  movq msgptr(%rip), %rsi
  movl $6, %edx
  syscall
  movl $0x2000001, %eax       // exit
  movl $7, %edi
  syscall
  hlt
#else
  mov x16, #4                 // write
  mov x0, #1
  adrp x1, msgptr@PAGE
  ldr x1, [x1, msgptr@PAGEOFF]
  mov x2, #6
  svc #0x80
  mov x16, #1                 // exit
  mov x0, #7
  svc #0x80
  brk #1
#endif
msg:
  .ascii "hello\n"

  .data
  .p2align 3
msgptr:
  .quad msg
