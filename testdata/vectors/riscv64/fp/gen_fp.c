/*
 * Generates RISC-V F/D instruction vectors by executing every instruction
 * (inline assembly, static rounding modes) on a RISC-V 64 host or under
 * qemu-riscv64. See Makefile for how fp_vectors.txt is produced.
 *
 * Usage: gen_fp [random-cases-per-op [seed [full]]]
 *        gen_fp eval < cases     (lines "<op> <rs1> <rs2> <rs3>", hex or "-")
 *
 * With "full", every pair of edge operands is run for two-operand instructions;
 * otherwise only pairs of the first N_CORE edge operands, plus every edge operand
 * against 1.0 and against 3.0 in both orders.
 *
 * Output, one line per case:
 *
 *   <op> <rm> <rs1> <rs2> <rs3> <result> <fflags>
 *
 *   op      the mnemonic, e.g. fadd.d, fcvt.w.s, fmv.x.w
 *   rm      the static rounding mode 0..4 (rne rtz rdn rup rmm); "*" when all five
 *           modes gave the same result and flags (the line stands for all five);
 *           "-" for instructions without a rounding mode
 *   rs1..3  64-bit operand patterns in hex: the full FP register (single operands
 *           are NaN-boxed unless a case tests a bad box) or the integer register;
 *           "-" when the instruction has no such operand
 *   result  the full 64-bit destination register (FP or integer) after the op
 *   fflags  the accrued flags after the op (cleared before it), 2 hex digits
 *
 * Lines starting with '#' are comments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t u64;
typedef uint32_t u32;

/* ------------------------------------------------------------------------ */
/* Instruction wrappers. Each runs one instruction with fflags cleared first
 * and reads the flags back in the same asm block. */

typedef void (*fn3)(u64, u64, u64, u64 *, u64 *);

#define FF3(NAME, INSN, RM)                                                        \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                         \
    u64 res, flags;                                                                \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfmv.d.x ft2, %4\n\t"   \
                     "csrw fflags, zero\n\t" INSN " ft3, ft0, ft1, ft2, " RM "\n\t" \
                     "frflags %1\n\tfmv.x.d %0, ft3"                               \
                     : "=&r"(res), "=&r"(flags)                                    \
                     : "r"(a), "r"(b), "r"(c)                                      \
                     : "ft0", "ft1", "ft2", "ft3", "memory");                      \
    *r = res;                                                                      \
    *fl = flags;                                                                   \
  }

#define FF2(NAME, INSN, RM)                                                         \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                          \
    u64 res, flags;                                                                 \
    (void)c;                                                                        \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfmv.d.x ft3, zero\n\t"  \
                     "csrw fflags, zero\n\t" INSN " ft3, ft0, ft1" RM "\n\t"        \
                     "frflags %1\n\tfmv.x.d %0, ft3"                                \
                     : "=&r"(res), "=&r"(flags)                                     \
                     : "r"(a), "r"(b)                                               \
                     : "ft0", "ft1", "ft3", "memory");                              \
    *r = res;                                                                       \
    *fl = flags;                                                                    \
  }

#define FF1(NAME, INSN, RM)                                                         \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                          \
    u64 res, flags;                                                                 \
    (void)b;                                                                        \
    (void)c;                                                                        \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft3, zero\n\t"                     \
                     "csrw fflags, zero\n\t" INSN " ft3, ft0" RM "\n\t"             \
                     "frflags %1\n\tfmv.x.d %0, ft3"                                \
                     : "=&r"(res), "=&r"(flags)                                     \
                     : "r"(a)                                                       \
                     : "ft0", "ft3", "memory");                                     \
    *r = res;                                                                       \
    *fl = flags;                                                                    \
  }

/* FP sources, integer destination. */
#define XF2(NAME, INSN, RM)                                                       \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                        \
    u64 res, flags;                                                               \
    (void)c;                                                                      \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\t"                     \
                     "csrw fflags, zero\n\t" INSN " %0, ft0, ft1" RM "\n\t"       \
                     "frflags %1"                                                 \
                     : "=&r"(res), "=&r"(flags)                                   \
                     : "r"(a), "r"(b)                                             \
                     : "ft0", "ft1", "memory");                                   \
    *r = res;                                                                     \
    *fl = flags;                                                                  \
  }

#define XF1(NAME, INSN, RM)                                                       \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                        \
    u64 res, flags;                                                               \
    (void)b;                                                                      \
    (void)c;                                                                      \
    __asm__ volatile("fmv.d.x ft0, %2\n\t"                                        \
                     "csrw fflags, zero\n\t" INSN " %0, ft0" RM "\n\t"            \
                     "frflags %1"                                                 \
                     : "=&r"(res), "=&r"(flags)                                   \
                     : "r"(a)                                                     \
                     : "ft0", "memory");                                          \
    *r = res;                                                                     \
    *fl = flags;                                                                  \
  }

/* Integer source, FP destination. */
#define FX1(NAME, INSN, RM)                                                       \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                        \
    u64 res, flags;                                                               \
    (void)b;                                                                      \
    (void)c;                                                                      \
    __asm__ volatile("fmv.d.x ft3, zero\n\t"                                      \
                     "csrw fflags, zero\n\t" INSN " ft3, %2" RM "\n\t"            \
                     "frflags %1\n\tfmv.x.d %0, ft3"                              \
                     : "=&r"(res), "=&r"(flags)                                   \
                     : "r"(a)                                                     \
                     : "ft3", "memory");                                          \
    *r = res;                                                                     \
    *fl = flags;                                                                  \
  }

/* Conversions the assembler refuses a rounding mode for (they are exact), encoded with .insn
 * so that the rm field can still be set: integer or FP source, FP destination. */
#define FXI(NAME, F3, F7, RS2)                                                    \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                        \
    u64 res, flags;                                                               \
    (void)b;                                                                      \
    (void)c;                                                                      \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft3, zero\n\t"                     \
                     "csrw fflags, zero\n\t.insn r 0x53, " F3 ", " F7 ", ft3, %2, " RS2 \
                     "\n\tfrflags %1\n\tfmv.x.d %0, ft3"                            \
                     : "=&r"(res), "=&r"(flags)                                   \
                     : "r"(a)                                                     \
                     : "ft0", "ft3", "memory");                                   \
    *r = res;                                                                     \
    *fl = flags;                                                                  \
  }

#define FFI(NAME, F3, F7, RS2)                                                    \
  static void NAME(u64 a, u64 b, u64 c, u64 *r, u64 *fl) {                        \
    u64 res, flags;                                                               \
    (void)b;                                                                      \
    (void)c;                                                                      \
    __asm__ volatile("fmv.d.x ft0, %2\n\tfmv.d.x ft3, zero\n\t"                     \
                     "csrw fflags, zero\n\t.insn r 0x53, " F3 ", " F7 ", ft3, ft0, " RS2 \
                     "\n\tfrflags %1\n\tfmv.x.d %0, ft3"                            \
                     : "=&r"(res), "=&r"(flags)                                   \
                     : "r"(a)                                                     \
                     : "ft0", "ft3", "memory");                                   \
    *r = res;                                                                     \
    *fl = flags;                                                                  \
  }

#define RMI5(KIND, NAME, F7, RS2)          \
  KIND(NAME##_0, "0", F7, RS2)             \
  KIND(NAME##_1, "1", F7, RS2)             \
  KIND(NAME##_2, "2", F7, RS2)             \
  KIND(NAME##_3, "3", F7, RS2)             \
  KIND(NAME##_4, "4", F7, RS2)             \
  static const fn3 NAME[5] = {NAME##_0, NAME##_1, NAME##_2, NAME##_3, NAME##_4};

/* An instruction with a rounding mode: five wrappers and a table. */
#define RM5(KIND, NAME, INSN)                \
  KIND(NAME##_0, INSN, ", rne")              \
  KIND(NAME##_1, INSN, ", rtz")              \
  KIND(NAME##_2, INSN, ", rdn")              \
  KIND(NAME##_3, INSN, ", rup")              \
  KIND(NAME##_4, INSN, ", rmm")              \
  static const fn3 NAME[5] = {NAME##_0, NAME##_1, NAME##_2, NAME##_3, NAME##_4};

#define RM5_3(NAME, INSN)                    \
  FF3(NAME##_0, INSN, "rne")                 \
  FF3(NAME##_1, INSN, "rtz")                 \
  FF3(NAME##_2, INSN, "rdn")                 \
  FF3(NAME##_3, INSN, "rup")                 \
  FF3(NAME##_4, INSN, "rmm")                 \
  static const fn3 NAME[5] = {NAME##_0, NAME##_1, NAME##_2, NAME##_3, NAME##_4};

/* An instruction without a rounding mode: a table of one. */
#define RM1(KIND, NAME, INSN) \
  KIND(NAME##_0, INSN, "")    \
  static const fn3 NAME[1] = {NAME##_0};

RM5(FF2, op_fadd_s, "fadd.s")
RM5(FF2, op_fsub_s, "fsub.s")
RM5(FF2, op_fmul_s, "fmul.s")
RM5(FF2, op_fdiv_s, "fdiv.s")
RM5(FF1, op_fsqrt_s, "fsqrt.s")
RM5_3(op_fmadd_s, "fmadd.s")
RM5_3(op_fmsub_s, "fmsub.s")
RM5_3(op_fnmsub_s, "fnmsub.s")
RM5_3(op_fnmadd_s, "fnmadd.s")
RM5(FF2, op_fadd_d, "fadd.d")
RM5(FF2, op_fsub_d, "fsub.d")
RM5(FF2, op_fmul_d, "fmul.d")
RM5(FF2, op_fdiv_d, "fdiv.d")
RM5(FF1, op_fsqrt_d, "fsqrt.d")
RM5_3(op_fmadd_d, "fmadd.d")
RM5_3(op_fmsub_d, "fmsub.d")
RM5_3(op_fnmsub_d, "fnmsub.d")
RM5_3(op_fnmadd_d, "fnmadd.d")

RM1(FF2, op_fsgnj_s, "fsgnj.s")
RM1(FF2, op_fsgnjn_s, "fsgnjn.s")
RM1(FF2, op_fsgnjx_s, "fsgnjx.s")
RM1(FF2, op_fmin_s, "fmin.s")
RM1(FF2, op_fmax_s, "fmax.s")
RM1(FF2, op_fsgnj_d, "fsgnj.d")
RM1(FF2, op_fsgnjn_d, "fsgnjn.d")
RM1(FF2, op_fsgnjx_d, "fsgnjx.d")
RM1(FF2, op_fmin_d, "fmin.d")
RM1(FF2, op_fmax_d, "fmax.d")

RM1(XF2, op_feq_s, "feq.s")
RM1(XF2, op_flt_s, "flt.s")
RM1(XF2, op_fle_s, "fle.s")
RM1(XF2, op_feq_d, "feq.d")
RM1(XF2, op_flt_d, "flt.d")
RM1(XF2, op_fle_d, "fle.d")
RM1(XF1, op_fclass_s, "fclass.s")
RM1(XF1, op_fclass_d, "fclass.d")
RM1(XF1, op_fmv_x_w, "fmv.x.w")
RM1(XF1, op_fmv_x_d, "fmv.x.d")
RM1(FX1, op_fmv_w_x, "fmv.w.x")
RM1(FX1, op_fmv_d_x, "fmv.d.x")

RM5(XF1, op_fcvt_w_s, "fcvt.w.s")
RM5(XF1, op_fcvt_wu_s, "fcvt.wu.s")
RM5(XF1, op_fcvt_l_s, "fcvt.l.s")
RM5(XF1, op_fcvt_lu_s, "fcvt.lu.s")
RM5(XF1, op_fcvt_w_d, "fcvt.w.d")
RM5(XF1, op_fcvt_wu_d, "fcvt.wu.d")
RM5(XF1, op_fcvt_l_d, "fcvt.l.d")
RM5(XF1, op_fcvt_lu_d, "fcvt.lu.d")
RM5(FX1, op_fcvt_s_w, "fcvt.s.w")
RM5(FX1, op_fcvt_s_wu, "fcvt.s.wu")
RM5(FX1, op_fcvt_s_l, "fcvt.s.l")
RM5(FX1, op_fcvt_s_lu, "fcvt.s.lu")
RMI5(FXI, op_fcvt_d_w, "0x69", "x0")
RMI5(FXI, op_fcvt_d_wu, "0x69", "x1")
RM5(FX1, op_fcvt_d_l, "fcvt.d.l")
RM5(FX1, op_fcvt_d_lu, "fcvt.d.lu")
RM5(FF1, op_fcvt_s_d, "fcvt.s.d")
RMI5(FFI, op_fcvt_d_s, "0x21", "f0")

/* ------------------------------------------------------------------------ */
/* Output. */

static long lines;

/* Runs one case in every mode of the table; prints one "*" line when all agree. */
static void run(const char *name, const fn3 *t, int nrm, int nops, u64 a, u64 b, u64 c) {
  u64 r[5], f[5];
  char ops[64];
  int i, same = 1;
  for (i = 0; i < nrm; i++) t[i](a, b, c, &r[i], &f[i]);
  for (i = 1; i < nrm; i++)
    if (r[i] != r[0] || f[i] != f[0]) same = 0;
  if (nops == 1)
    snprintf(ops, sizeof ops, "%016llx - -", (unsigned long long)a);
  else if (nops == 2)
    snprintf(ops, sizeof ops, "%016llx %016llx -", (unsigned long long)a, (unsigned long long)b);
  else
    snprintf(ops, sizeof ops, "%016llx %016llx %016llx", (unsigned long long)a,
             (unsigned long long)b, (unsigned long long)c);
  if (nrm == 1) {
    printf("%s - %s %016llx %02llx\n", name, ops, (unsigned long long)r[0],
           (unsigned long long)f[0]);
    lines++;
  } else if (same) {
    printf("%s * %s %016llx %02llx\n", name, ops, (unsigned long long)r[0],
           (unsigned long long)f[0]);
    lines++;
  } else {
    for (i = 0; i < nrm; i++) {
      printf("%s %d %s %016llx %02llx\n", name, i, ops, (unsigned long long)r[i],
             (unsigned long long)f[i]);
      lines++;
    }
  }
}

/* ------------------------------------------------------------------------ */
/* Operands. */

#define BOX(x) (0xffffffff00000000ull | (u64)(u32)(x))

static const u64 EDGE_D[] = {
    /* The first N_CORE are paired with each other in compact runs; [14] must be 3.0. */
    0x0000000000000000ull, /* +0 */
    0x8000000000000000ull, /* -0 */
    0x3ff0000000000000ull, /* 1 */
    0xbff0000000000000ull, /* -1 */
    0x3ff0000000000001ull, /* 1 + ulp */
    0x7ff0000000000000ull, /* +inf */
    0xfff0000000000000ull, /* -inf */
    0x7ff8000000000000ull, /* qNaN */
    0x7ff0000000000001ull, /* sNaN */
    0x0000000000000001ull, /* min subnormal */
    0x800ffffffffffffdull, /* -subnormal */
    0x0010000000000000ull, /* DBL_MIN */
    0x7fefffffffffffffull, /* DBL_MAX */
    0xffefffffffffffffull, /* -DBL_MAX */
    /* The rest. */
    0x4008000000000000ull, /* 3 */
    0x3ff8000000000000ull, /* 1.5 */
    0x3fb999999999999aull, /* 0.1 */
    0x3fd5555555555555ull, /* 1/3 */
    0x3ca0000000000000ull, /* 2^-53 */
    0xc004000000000000ull, /* -2.5 */
    0x3fefffffffffffffull, /* 1 - ulp/2 */
    0xfff8000000000123ull, /* -qNaN with payload */
    0x7ff4000000000000ull, /* sNaN */
    0x000fffffffffffffull, /* max subnormal */
    0x8010000000000001ull, /* -(DBL_MIN + ulp) */
    0x0018000000000000ull, /* 1.5 DBL_MIN */
    0x7fe0000000000000ull, /* 2^1023 */
    0x1ff0000000000000ull, /* 2^-512 */
    0x5ff0000000000000ull, /* 2^512 */
    0x41dfffffffc00000ull, /* 2^31 - 1 */
};
#define N_EDGE_D (sizeof EDGE_D / sizeof EDGE_D[0])

static const u32 EDGE_S[] = {
    /* The first N_CORE are paired with each other in compact runs; [14] must be 3.0. */
    0x00000000u, /* +0 */
    0x80000000u, /* -0 */
    0x3f800000u, /* 1 */
    0xbf800000u, /* -1 */
    0x3f800001u, /* 1 + ulp */
    0x7f800000u, /* +inf */
    0xff800000u, /* -inf */
    0x7fc00000u, /* qNaN */
    0x7f800001u, /* sNaN */
    0x00000001u, /* min subnormal */
    0x807ffffdu, /* -subnormal */
    0x00800000u, /* FLT_MIN */
    0x7f7fffffu, /* FLT_MAX */
    0xff7fffffu, /* -FLT_MAX */
    /* The rest. */
    0x40400000u, /* 3 */
    0x3fc00000u, /* 1.5 */
    0x3dcccccdu, /* 0.1 */
    0x3eaaaaabu, /* 1/3 */
    0x33800000u, /* 2^-24 */
    0xc0200000u, /* -2.5 */
    0x3f7fffffu, /* 1 - ulp/2 */
    0xffc00123u, /* -qNaN with payload */
    0x7fa00000u, /* sNaN */
    0x007fffffu, /* max subnormal */
    0x80800001u, /* -(FLT_MIN + ulp) */
    0x00c00000u, /* 1.5 FLT_MIN */
    0x7f000000u, /* 2^127 */
    0x1f800000u, /* 2^-64 */
    0x5f800000u, /* 2^64 */
    0x4effffffu, /* 2^31 - 128 */
};
#define N_EDGE_S (sizeof EDGE_S / sizeof EDGE_S[0])
#define N_CORE 14

/* Single operands that are not properly NaN-boxed: they must read as the canonical NaN. */
static const u64 BADBOX_S[] = {
    0x000000003f800000ull,
    0x3ff0000000000000ull,
    0x7fffffff7f800001ull,
    0xfffffffe40000000ull,
};
#define N_BADBOX_S (sizeof BADBOX_S / sizeof BADBOX_S[0])

/* Doubles near integer-conversion boundaries. */
static const u64 CVT_D[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3fe0000000000000ull, /* 0.5 */
    0xbfe0000000000000ull, 0x3ff8000000000000ull, 0xbff8000000000000ull, /* +-1.5 */
    0x4004000000000000ull, 0xc004000000000000ull,                        /* +-2.5 */
    0x3fd0000000000000ull, 0xbfe8000000000000ull,                        /* .25 -.75 */
    0x41dfffffffc00000ull,                                               /* 2^31-1 */
    0x41dfffffffe00000ull,                                               /* 2^31-0.5 */
    0x41dffffffff00000ull,                                               /* 2^31-0.25 */
    0x41e0000000000000ull,                                               /* 2^31 */
    0x41e0000000100000ull,                                               /* 2^31+0.5 */
    0xc1e0000000000000ull,                                               /* -2^31 */
    0xc1e0000000100000ull,                                               /* -2^31-0.5 */
    0xc1e0000000200000ull,                                               /* -2^31-1 */
    0xc1dfffffffe00000ull,                                               /* -2^31+0.5 */
    0x41efffffffe00000ull,                                               /* 2^32-1 */
    0x41effffffff00000ull,                                               /* 2^32-0.5 */
    0x41f0000000000000ull,                                               /* 2^32 */
    0x43dfffffffffffffull,                                               /* 2^63-1024 */
    0x43e0000000000000ull,                                               /* 2^63 */
    0xc3e0000000000000ull,                                               /* -2^63 */
    0xc3e0000000000001ull,                                               /* -2^63-2048 */
    0x43efffffffffffffull,                                               /* 2^64-2048 */
    0x43f0000000000000ull,                                               /* 2^64 */
    0x4330000000000001ull,                                               /* 2^52+1 */
    0x432ffffffffffffdull,                                               /* 2^52-1.5 */
    0x4320000000000001ull,                                               /* 2^51+0.5 */
    0x4340000000000001ull,                                               /* 2^53+2 */
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff0000000000001ull, 0xfff8000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x3fefffffffffffffull, 0xbfefffffffffffffull,
};
#define N_CVT_D (sizeof CVT_D / sizeof CVT_D[0])

static const u32 CVT_S[] = {
    0x00000000u, 0x80000000u, 0x3f000000u, 0xbf000000u, 0x3fc00000u, 0xbfc00000u,
    0x40200000u, 0xc0200000u, 0x3e800000u, 0xbf400000u, 0x4effffffu, /* 2^31-128 */
    0x4f000000u,                                                     /* 2^31 */
    0x4f000001u, 0xcf000000u,                                        /* -2^31 */
    0xcf000001u, 0x4f7fffffu,                                        /* 2^32-256 */
    0x4f800000u,                                                     /* 2^32 */
    0x5effffffu,                                                     /* 2^63-2^39 */
    0x5f000000u,                                                     /* 2^63 */
    0xdf000000u, 0xdf000001u, 0x5f7fffffu, 0x5f800000u,              /* 2^64 */
    0x4b000001u,                                                     /* 2^23+1 */
    0x4affffffu,                                                     /* 2^23-0.5 */
    0x4a800001u,                                                     /* 2^22+0.5 */
    0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u, 0xffc00000u, 0x00000001u,
    0x807fffffu, 0x7f7fffffu, 0xff7fffffu, 0x3f7fffffu, 0xbf7fffffu,
};
#define N_CVT_S (sizeof CVT_S / sizeof CVT_S[0])

/* Integers for int -> float conversions. */
static const u64 CVT_I[] = {
    0,
    1,
    0xffffffffffffffffull, /* -1 */
    0x7fffffffull,
    0x80000000ull,
    0xffffffff80000000ull, /* -2^31 */
    0xffffffffull,
    0x7fffffffffffffffull,
    0x8000000000000000ull,
    0x8000000000000001ull,
    0x1000001ull,           /* 2^24+1: single tie */
    0x1000003ull,           /* 2^24+3: single tie */
    0x1000002ull,           /* exact */
    0xffffffffff000001ull,  /* -(2^24-1) */
    0xfffffffffeffffffull,  /* -(2^24+1) */
    0x20000000000001ull,    /* 2^53+1: double tie */
    0x20000000000003ull,    /* 2^53+3: double tie */
    0x20000000000005ull,
    0x7ffffffffffffdffull,  /* just below 2^63 - 512 */
    0x7ffffffffffffe00ull,  /* 2^63-512 tie */
    0x7ffffffffffffc00ull,
    0xfffffffffffff7ffull,  /* 2^64-2049 */
    0xfffffffffffff800ull,  /* 2^64-2048: tie */
    0xfffffffffffffc00ull,  /* 2^64-1024 */
    0x8000008000000000ull,  /* single tie at 2^63 */
    0x8000018000000000ull,
    0x00000000ffffff80ull,  /* 2^32-128: single tie */
    0x00000000ffffff7full,
    0x0000000000ffffffull,
    0x123456789abcdef0ull,
    0xfedcba9876543210ull,
};
#define N_CVT_I (sizeof CVT_I / sizeof CVT_I[0])

/* ------------------------------------------------------------------------ */
/* Random operands (xorshift64*). */

static u64 rs = 0x9e3779b97f4a7c15ull;

static u64 rnd(void) {
  rs ^= rs >> 12;
  rs ^= rs << 25;
  rs ^= rs >> 27;
  return rs * 0x2545f4914f6cdd1dull;
}

/* A random mantissa: sometimes full, sometimes few significant bits (exact results, ties). */
static u64 rnd_mant(int bits) {
  u64 m = rnd();
  switch (rnd() % 4) {
  case 0:
    m &= ~0ull << (bits - (int)(rnd() % 6)); /* only a few top bits */
    break;
  case 1:
    m |= ~0ull >> (64 - (int)(rnd() % 8)); /* a run of low ones */
    break;
  default:
    break;
  }
  return m & ((1ull << bits) - 1);
}

/* A random double: exponent mostly near 1, sometimes anywhere, sometimes at the edges. */
static u64 rnd_d(void) {
  u64 sign = (rnd() & 1) << 63;
  int e;
  switch (rnd() % 8) {
  case 0:
    e = (int)(rnd() % 2047);
    break;
  case 1:
    e = (int)(rnd() % 60); /* subnormal and tiny */
    break;
  case 2:
    e = 2046 - (int)(rnd() % 60); /* huge */
    break;
  default:
    e = 1023 - 40 + (int)(rnd() % 80);
    break;
  }
  return sign | ((u64)e << 52) | rnd_mant(52);
}

static u64 rnd_s(void) {
  u64 sign = (rnd() & 1) << 31;
  int e;
  switch (rnd() % 8) {
  case 0:
    e = (int)(rnd() % 255);
    break;
  case 1:
    e = (int)(rnd() % 30);
    break;
  case 2:
    e = 254 - (int)(rnd() % 30);
    break;
  default:
    e = 127 - 20 + (int)(rnd() % 40);
    break;
  }
  return BOX(sign | ((u64)e << 23) | rnd_mant(23));
}

static double d_of(u64 x) {
  double d;
  memcpy(&d, &x, 8);
  return d;
}

static u64 bits_d(double d) {
  u64 x;
  memcpy(&x, &d, 8);
  return x;
}

static float f_of(u64 x) {
  float f;
  u32 y = (u32)x;
  memcpy(&f, &y, 4);
  return f;
}

static u64 bits_f(float f) {
  u32 y;
  memcpy(&y, &f, 4);
  return BOX(y);
}

/* A random addend that nearly cancels a*b (the hard cases of fused multiply-add). */
static u64 cancel_d(u64 a, u64 b) {
  volatile double p = d_of(a) * d_of(b);
  u64 c = bits_d(-p);
  if ((c & 0x7ff0000000000000ull) == 0x7ff0000000000000ull) return rnd_d();
  switch (rnd() % 4) {
  case 0:
    return c;
  case 1:
    return c + (rnd() % 5) - 2;
  case 2:
    return c ^ (rnd() & 0xfffff);
  default:
    return bits_d(-p * 0.5);
  }
}

static u64 cancel_s(u64 a, u64 b) {
  volatile float p = f_of(a) * f_of(b);
  u64 c = bits_f(-p);
  if ((c & 0x7f800000ull) == 0x7f800000ull) return rnd_s();
  switch (rnd() % 4) {
  case 0:
    return c;
  case 1:
    return BOX((u32)c + (rnd() % 5) - 2);
  case 2:
    return c ^ (rnd() & 0xff);
  default:
    return bits_f(-p * 0.5f);
  }
}

/* A random addend far below a*b, around its rounding bits (the rounding-to-odd path). */
static u64 small_d(u64 a, u64 b) {
  volatile double p = d_of(a) * d_of(b);
  u64 c = bits_d(p);
  int k = 20 + (int)(rnd() % 100);
  int e = (int)((c >> 52) & 0x7ff) - k;
  if (e <= 0 || e >= 0x7ff) return rnd_d();
  return ((rnd() & 1) << 63) | ((u64)e << 52) | rnd_mant(52);
}

static u64 small_s(u64 a, u64 b) {
  volatile float p = f_of(a) * f_of(b);
  u64 c = bits_f(p);
  int k = 10 + (int)(rnd() % 50);
  int e = (int)((c >> 23) & 0xff) - k;
  if (e <= 0 || e >= 0xff) return rnd_s();
  return BOX(((rnd() & 1) << 31) | ((u64)e << 23) | rnd_mant(23));
}

/* A random double close to an integer-range boundary, or anywhere. */
static u64 rnd_cvt_d(void) {
  static const double base[] = {0, 1, 2147483648.0, 4294967296.0, 9223372036854775808.0,
                                18446744073709551616.0, 1e6, 4503599627370496.0};
  double b = base[rnd() % 8];
  double off = (double)((int64_t)(rnd() % 64) - 32) * 0.25;
  double v;
  if (rnd() % 4 == 0) return rnd_d();
  v = b + off * (b > 1e10 ? b * 0x1p-52 * 4 : 1);
  if (rnd() & 1) v = -v;
  return bits_d(v);
}

static u64 rnd_cvt_s(void) {
  static const float base[] = {0, 1, 2147483648.0f, 4294967296.0f, 9223372036854775808.0f,
                               18446744073709551616.0f, 1e6f, 8388608.0f};
  float b = base[rnd() % 8];
  float off = (float)((int)(rnd() % 64) - 32) * 0.25f;
  float v;
  if (rnd() % 4 == 0) return rnd_s();
  v = b + off * (b > 1e6f ? b * 0x1p-23f * 4 : 1);
  if (rnd() & 1) v = -v;
  return bits_f(v);
}

/* A random 64-bit integer of random bit length. */
static u64 rnd_int(void) {
  int len = 1 + (int)(rnd() % 64);
  u64 v = rnd_mant(len >= 64 ? 63 : len);
  if (len >= 64) v |= rnd() & 0x8000000000000000ull;
  if (len < 64) v |= 1ull << (len - 1);
  if (rnd() % 3 == 0) v = -v;
  return v;
}

/* ------------------------------------------------------------------------ */

struct op {
  const char *name;
  const fn3 *t;
  int nrm;   /* 5 or 1 */
  int nops;  /* operand count */
  char kind; /* 'd', 's': FP operands of that format; 'i': integer operand */
  char cvt;  /* conversion operand set: 0 none, 'd', 's', 'i' */
};

#define OP5(N, T, K, C) {N, T, 5, 1, K, C}

static const struct op OPS[] = {
    {"fadd.s", op_fadd_s, 5, 2, 's', 0},
    {"fsub.s", op_fsub_s, 5, 2, 's', 0},
    {"fmul.s", op_fmul_s, 5, 2, 's', 0},
    {"fdiv.s", op_fdiv_s, 5, 2, 's', 0},
    {"fsqrt.s", op_fsqrt_s, 5, 1, 's', 0},
    {"fmadd.s", op_fmadd_s, 5, 3, 's', 0},
    {"fmsub.s", op_fmsub_s, 5, 3, 's', 0},
    {"fnmsub.s", op_fnmsub_s, 5, 3, 's', 0},
    {"fnmadd.s", op_fnmadd_s, 5, 3, 's', 0},
    {"fadd.d", op_fadd_d, 5, 2, 'd', 0},
    {"fsub.d", op_fsub_d, 5, 2, 'd', 0},
    {"fmul.d", op_fmul_d, 5, 2, 'd', 0},
    {"fdiv.d", op_fdiv_d, 5, 2, 'd', 0},
    {"fsqrt.d", op_fsqrt_d, 5, 1, 'd', 0},
    {"fmadd.d", op_fmadd_d, 5, 3, 'd', 0},
    {"fmsub.d", op_fmsub_d, 5, 3, 'd', 0},
    {"fnmsub.d", op_fnmsub_d, 5, 3, 'd', 0},
    {"fnmadd.d", op_fnmadd_d, 5, 3, 'd', 0},
    {"fsgnj.s", op_fsgnj_s, 1, 2, 's', 0},
    {"fsgnjn.s", op_fsgnjn_s, 1, 2, 's', 0},
    {"fsgnjx.s", op_fsgnjx_s, 1, 2, 's', 0},
    {"fmin.s", op_fmin_s, 1, 2, 's', 0},
    {"fmax.s", op_fmax_s, 1, 2, 's', 0},
    {"fsgnj.d", op_fsgnj_d, 1, 2, 'd', 0},
    {"fsgnjn.d", op_fsgnjn_d, 1, 2, 'd', 0},
    {"fsgnjx.d", op_fsgnjx_d, 1, 2, 'd', 0},
    {"fmin.d", op_fmin_d, 1, 2, 'd', 0},
    {"fmax.d", op_fmax_d, 1, 2, 'd', 0},
    {"feq.s", op_feq_s, 1, 2, 's', 0},
    {"flt.s", op_flt_s, 1, 2, 's', 0},
    {"fle.s", op_fle_s, 1, 2, 's', 0},
    {"feq.d", op_feq_d, 1, 2, 'd', 0},
    {"flt.d", op_flt_d, 1, 2, 'd', 0},
    {"fle.d", op_fle_d, 1, 2, 'd', 0},
    {"fclass.s", op_fclass_s, 1, 1, 's', 0},
    {"fclass.d", op_fclass_d, 1, 1, 'd', 0},
    {"fmv.x.w", op_fmv_x_w, 1, 1, 's', 0},
    {"fmv.x.d", op_fmv_x_d, 1, 1, 'd', 0},
    {"fmv.w.x", op_fmv_w_x, 1, 1, 'i', 'i'},
    {"fmv.d.x", op_fmv_d_x, 1, 1, 'i', 'i'},
    OP5("fcvt.w.s", op_fcvt_w_s, 's', 's'),
    OP5("fcvt.wu.s", op_fcvt_wu_s, 's', 's'),
    OP5("fcvt.l.s", op_fcvt_l_s, 's', 's'),
    OP5("fcvt.lu.s", op_fcvt_lu_s, 's', 's'),
    OP5("fcvt.w.d", op_fcvt_w_d, 'd', 'd'),
    OP5("fcvt.wu.d", op_fcvt_wu_d, 'd', 'd'),
    OP5("fcvt.l.d", op_fcvt_l_d, 'd', 'd'),
    OP5("fcvt.lu.d", op_fcvt_lu_d, 'd', 'd'),
    OP5("fcvt.s.w", op_fcvt_s_w, 'i', 'i'),
    OP5("fcvt.s.wu", op_fcvt_s_wu, 'i', 'i'),
    OP5("fcvt.s.l", op_fcvt_s_l, 'i', 'i'),
    OP5("fcvt.s.lu", op_fcvt_s_lu, 'i', 'i'),
    OP5("fcvt.d.w", op_fcvt_d_w, 'i', 'i'),
    OP5("fcvt.d.wu", op_fcvt_d_wu, 'i', 'i'),
    OP5("fcvt.d.l", op_fcvt_d_l, 'i', 'i'),
    OP5("fcvt.d.lu", op_fcvt_d_lu, 'i', 'i'),
    OP5("fcvt.s.d", op_fcvt_s_d, 'd', 0),
    OP5("fcvt.d.s", op_fcvt_d_s, 's', 0),
};
#define N_OPS (sizeof OPS / sizeof OPS[0])

static u64 edge(char kind, unsigned i) {
  return kind == 'd' ? EDGE_D[i % N_EDGE_D] : BOX(EDGE_S[i % N_EDGE_S]);
}

static unsigned n_edge(char kind) { return kind == 'd' ? N_EDGE_D : N_EDGE_S; }

static int full;

static u64 rnd_f(char kind) { return kind == 'd' ? rnd_d() : rnd_s(); }

/* Extra doubles for fcvt.s.d: single-precision boundaries seen from double. */
static const u64 S_FROM_D[] = {
    0x47efffffe0000000ull, /* FLT_MAX */
    0x47effffff0000000ull, /* FLT_MAX + half ulp: overflows in RNE */
    0x47efffffefffffffull, /* just below the tie */
    0x47f0000000000000ull, /* 2^128 */
    0x3810000000000000ull, /* FLT_MIN */
    0x380fffffe0000000ull, /* FLT_MIN - half subnormal ulp */
    0x380ffffff0000000ull, /* tininess-after-rounding case */
    0x380fffffffffffffull,
    0x36a0000000000000ull, /* min single subnormal */
    0x3690000000000000ull, /* half of it */
    0x3690000000000001ull,
    0x3680000000000000ull,
    0x3ff0000010000000ull, /* 1 + half single ulp: tie */
    0x3ff0000030000000ull, /* tie, odd */
    0x3ff0000010000001ull,
    0x3ff000000fffffffull,
    0xbff0000010000000ull,
    0x36a8000000000000ull, /* 1.5 min subnormal */
    0x36b4000000000000ull, /* 2.5 min subnormal */
};
#define N_S_FROM_D (sizeof S_FROM_D / sizeof S_FROM_D[0])

/* "eval" mode: read "<op> <rs1> <rs2> <rs3>" lines (hex or "-") and print their vectors. */
static int eval(void) {
  char line[256], name[32], x[3][32];
  while (fgets(line, sizeof line, stdin)) {
    u64 v[3] = {0, 0, 0};
    unsigned o, k;
    if (line[0] == '#' || sscanf(line, "%31s %31s %31s %31s", name, x[0], x[1], x[2]) != 4)
      continue;
    for (o = 0; o < N_OPS; o++)
      if (!strcmp(OPS[o].name, name)) break;
    if (o == N_OPS) {
      fprintf(stderr, "gen_fp: unknown op %s\n", name);
      return 1;
    }
    for (k = 0; k < 3; k++)
      if (strcmp(x[k], "-")) v[k] = strtoull(x[k], 0, 16);
    run(OPS[o].name, OPS[o].t, OPS[o].nrm, OPS[o].nops, v[0], v[1], v[2]);
  }
  return 0;
}

int main(int argc, char **argv) {
  long nrand;
  unsigned i, j, k, o;
  long n;
  if (argc > 1 && !strcmp(argv[1], "eval")) return eval();
  nrand = argc > 1 ? atol(argv[1]) : 40;
  if (argc > 2) rs = strtoull(argv[2], 0, 0) | 1;
  full = argc > 3 && !strcmp(argv[3], "full");

  printf("# RISC-V F/D vectors from gen_fp.c (qemu-riscv64 or hardware); %ld random per op\n",
         nrand);
  printf("# op rm rs1 rs2 rs3 result fflags\n");
  for (o = 0; o < N_OPS; o++) {
    const struct op *op = &OPS[o];
    char kind = op->kind;
    printf("# %s\n", op->name);
    if (op->cvt == 'i') {
      for (i = 0; i < N_CVT_I; i++) run(op->name, op->t, op->nrm, 1, CVT_I[i], 0, 0);
      for (n = 0; n < nrand; n++) run(op->name, op->t, op->nrm, 1, rnd_int(), 0, 0);
      continue;
    }
    if (op->cvt == 'd' || op->cvt == 's') {
      unsigned m = op->cvt == 'd' ? N_CVT_D : N_CVT_S;
      for (i = 0; i < m; i++)
        run(op->name, op->t, op->nrm, 1, op->cvt == 'd' ? CVT_D[i] : BOX(CVT_S[i]), 0, 0);
      for (i = 0; i < N_BADBOX_S && op->cvt == 's'; i++)
        run(op->name, op->t, op->nrm, 1, BADBOX_S[i], 0, 0);
      for (n = 0; n < nrand; n++)
        run(op->name, op->t, op->nrm, 1, op->cvt == 'd' ? rnd_cvt_d() : rnd_cvt_s(), 0, 0);
      continue;
    }
    if (op->nops == 1) {
      for (i = 0; i < n_edge(kind); i++) run(op->name, op->t, op->nrm, 1, edge(kind, i), 0, 0);
      if (kind == 's')
        for (i = 0; i < N_BADBOX_S; i++) run(op->name, op->t, op->nrm, 1, BADBOX_S[i], 0, 0);
      if (!strcmp(op->name, "fcvt.s.d"))
        for (i = 0; i < N_S_FROM_D; i++) {
          run(op->name, op->t, op->nrm, 1, S_FROM_D[i], 0, 0);
          run(op->name, op->t, op->nrm, 1, S_FROM_D[i] ^ 0x8000000000000000ull, 0, 0);
        }
      for (n = 0; n < nrand * 2; n++) run(op->name, op->t, op->nrm, 1, rnd_f(kind), 0, 0);
      continue;
    }
    if (op->nops == 2) {
      {
        unsigned m = full ? n_edge(kind) : N_CORE;
        for (i = 0; i < m; i++)
          for (j = 0; j < m; j++) run(op->name, op->t, op->nrm, 2, edge(kind, i), edge(kind, j), 0);
        for (i = m; i < n_edge(kind); i++)
          for (j = 2; j < 15; j += 12) { /* 1.0 and 3.0 */
            run(op->name, op->t, op->nrm, 2, edge(kind, i), edge(kind, j), 0);
            run(op->name, op->t, op->nrm, 2, edge(kind, j), edge(kind, i), 0);
          }
      }
      if (kind == 's')
        for (i = 0; i < N_BADBOX_S; i++) {
          run(op->name, op->t, op->nrm, 2, BADBOX_S[i], edge(kind, 2), 0);
          run(op->name, op->t, op->nrm, 2, edge(kind, 3), BADBOX_S[i], 0);
        }
      for (n = 0; n < nrand * 4; n++) {
        u64 a = rnd_f(kind), b = rnd_f(kind);
        /* Half the time, operands of similar magnitude (cancellation, exact quotients). */
        if (n & 1) b = (b & (kind == 'd' ? 0x800fffffffffffffull : 0xffffffff807fffffull)) |
                       (a & (kind == 'd' ? 0x7ff0000000000000ull : 0x7f800000ull));
        run(op->name, op->t, op->nrm, 2, a, b, 0);
      }
      continue;
    }
    /* Fused multiply-add: a sample of edge triples, then random and cancelling ones. */
    for (i = 0; i < (full ? n_edge(kind) : N_CORE); i += 3)
      for (j = 1; j < (full ? n_edge(kind) : N_CORE); j += 4)
        for (k = 2; k < n_edge(kind); k += 5)
          run(op->name, op->t, op->nrm, 3, edge(kind, i), edge(kind, j), edge(kind, k));
    if (kind == 's')
      for (i = 0; i < N_BADBOX_S; i++)
        run(op->name, op->t, op->nrm, 3, edge(kind, 2), edge(kind, 2), BADBOX_S[i]);
    for (n = 0; n < nrand * 6; n++) {
      u64 a = rnd_f(kind), b = rnd_f(kind), c;
      switch (n % 4) {
      case 0:
        c = rnd_f(kind);
        break;
      case 1:
        c = kind == 'd' ? small_d(a, b) : small_s(a, b);
        break;
      default:
        c = kind == 'd' ? cancel_d(a, b) : cancel_s(a, b);
        break;
      }
      run(op->name, op->t, op->nrm, 3, a, b, c);
    }
  }
  fprintf(stderr, "gen_fp: %ld lines\n", lines);
  return 0;
}
