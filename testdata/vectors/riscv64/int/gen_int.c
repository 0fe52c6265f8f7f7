/*
 * Generator of RISC-V 64 integer instruction vectors for kitemu.
 *
 * Built for riscv64 (rv64gc + Zba + Zbb) and run under qemu-riscv64 (see gen.sh). Every
 * case runs one instruction (or a short sequence, lr + sc) through an inline-asm harness
 * that loads x1, x2, x5..x29 and fcsr from an array, executes the instruction, and stores
 * them back. The harness records the instruction's address (label 7) and the address where
 * execution continued after it (label 6, or a branch landing pad), so the vector can say
 * where control went. Memory operands point into a data buffer `D`.
 *
 * Output, one case per line (tokens separated by one space):
 *
 *   NAME CODE IN... -> OUT...
 *
 *   NAME  the instruction mnemonic (for messages only)
 *   CODE  the encodings, comma-separated, each 4 (16-bit) or 8 (32-bit) hex digits
 *   IN    xN=V   input register value (every register the instruction reads)
 *         fcsr=V input fcsr (CSR cases)
 *         m=D+OFF:HEX  16 bytes of memory at D+OFF before the instruction
 *   OUT   xN=V   output register value: the destination, plus any other register that
 *                changed; every register not listed keeps its input value
 *         fcsr=V output fcsr (CSR cases)
 *         m=HEX  the same 16 bytes after
 *         pc=P+N where execution continued (control transfers only; otherwise P+length)
 *
 * V is hex without leading zeros (64-bit two's complement), or P+N / P-N (relative to the
 * address of the first instruction), or D+N / D-N (relative to the data buffer); N and OFF
 * are hex too.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef uint64_t u64;

/* ---- the harness --------------------------------------------------------------------- */

/* Slots of S (8 bytes each): 0..31 registers, then these. */
#define S_PC 32   /* address of label 7, the first tested instruction */
#define S_NEXT 33 /* where execution continued */
#define S_FCSR 34
#define S_SAVE 35 /* ra, sp, s0..s11 of the C code */
#define S_N 64

static u64 S[S_N], S0[S_N];

#define SAVE_C                                                                            \
  "sd ra, 280(t6)\n sd sp, 288(t6)\n sd s0, 296(t6)\n sd s1, 304(t6)\n sd s2, 312(t6)\n" \
  "sd s3, 320(t6)\n sd s4, 328(t6)\n sd s5, 336(t6)\n sd s6, 344(t6)\n sd s7, 352(t6)\n"  \
  "sd s8, 360(t6)\n sd s9, 368(t6)\n sd s10, 376(t6)\n sd s11, 384(t6)\n"
#define RESTORE_C                                                                         \
  "ld ra, 280(t6)\n ld sp, 288(t6)\n ld s0, 296(t6)\n ld s1, 304(t6)\n ld s2, 312(t6)\n" \
  "ld s3, 320(t6)\n ld s4, 328(t6)\n ld s5, 336(t6)\n ld s6, 344(t6)\n ld s7, 352(t6)\n"  \
  "ld s8, 360(t6)\n ld s9, 368(t6)\n ld s10, 376(t6)\n ld s11, 384(t6)\n"
#define LOAD_X                                                                            \
  "ld x1, 8(t6)\n ld x2, 16(t6)\n ld x5, 40(t6)\n ld x6, 48(t6)\n ld x7, 56(t6)\n"       \
  "ld x8, 64(t6)\n ld x9, 72(t6)\n ld x10, 80(t6)\n ld x11, 88(t6)\n ld x12, 96(t6)\n"   \
  "ld x13, 104(t6)\n ld x14, 112(t6)\n ld x15, 120(t6)\n ld x16, 128(t6)\n"              \
  "ld x17, 136(t6)\n ld x18, 144(t6)\n ld x19, 152(t6)\n ld x20, 160(t6)\n"              \
  "ld x21, 168(t6)\n ld x22, 176(t6)\n ld x23, 184(t6)\n ld x24, 192(t6)\n"              \
  "ld x25, 200(t6)\n ld x26, 208(t6)\n ld x27, 216(t6)\n ld x28, 224(t6)\n"              \
  "ld x29, 232(t6)\n"
#define STORE_X                                                                           \
  "sd x1, 8(t6)\n sd x2, 16(t6)\n sd x5, 40(t6)\n sd x6, 48(t6)\n sd x7, 56(t6)\n"       \
  "sd x8, 64(t6)\n sd x9, 72(t6)\n sd x10, 80(t6)\n sd x11, 88(t6)\n sd x12, 96(t6)\n"   \
  "sd x13, 104(t6)\n sd x14, 112(t6)\n sd x15, 120(t6)\n sd x16, 128(t6)\n"              \
  "sd x17, 136(t6)\n sd x18, 144(t6)\n sd x19, 152(t6)\n sd x20, 160(t6)\n"              \
  "sd x21, 168(t6)\n sd x22, 176(t6)\n sd x23, 184(t6)\n sd x24, 192(t6)\n"              \
  "sd x25, 200(t6)\n sd x26, 208(t6)\n sd x27, 216(t6)\n sd x28, 224(t6)\n"              \
  "sd x29, 232(t6)\n"

#define PRE                                               \
  ".option push\n .option norelax\n .option norvc\n" SAVE_C \
  "lla t5, 7f\n sd t5, 256(t6)\n ld t5, 272(t6)\n csrw fcsr, t5\n" LOAD_X
#define POST                                                                   \
  "9: sd t5, 264(t6)\n" STORE_X "csrr t5, fcsr\n sd t5, 272(t6)\n csrw fcsr, x0\n" \
  RESTORE_C ".option pop\n"

/* Bodies. Each leaves the address where execution continued in t5 and reaches label 9. */
/* A straight-line instruction (or sequence). */
#define PLAIN(text) "7: " text "\n6: auipc t5, 0\n"
/* The same, assembled with compression enabled (for c.* mnemonics). */
#define CPLAIN(text) "7:\n .option rvc\n " text "\n .option norvc\n6: auipc t5, 0\n"
/* A control transfer whose target is 8f, placed `pad` bytes after the fall-through pad. */
#define FWD(text, pad) \
  "7: " text "\n auipc t5, 0\n j 9f\n .skip " #pad "\n8: auipc t5, 0\n"
#define CFWD(text, pad)                                                                  \
  "7:\n .option rvc\n " text "\n .option norvc\n auipc t5, 0\n j 9f\n .skip " #pad "\n" \
  "8: auipc t5, 0\n"
/* A control transfer whose target 8b lies before it. */
#define BACK(text) "j 7f\n8: auipc t5, 0\n j 9f\n7: " text "\n auipc t5, 0\n"
#define CBACK(text) \
  "j 7f\n8: auipc t5, 0\n j 9f\n7:\n .option rvc\n " text "\n .option norvc\n auipc t5, 0\n"
/* jalr: the base register holds an offset from label 8; make it absolute first. */
#define JFWD(reg, text) "lla t5, 8f\n add " reg ", " reg ", t5\n" FWD(text, 12)
#define CJFWD(reg, text) "lla t5, 8f\n add " reg ", " reg ", t5\n" CFWD(text, 12)

#define CLOBBERS                                                                          \
  "t0", "t1", "t2", "t3", "t4", "t5", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", \
      "memory"

/* ---- cases --------------------------------------------------------------------------- */

enum kind {
  K_RR,   /* rd = f(rs1, rs2) */
  K_RRA,  /* the same with aliased registers: fewer values */
  K_R1,   /* rd = f(rs1) (unary, or immediate forms) */
  K_U,    /* lui / auipc: no inputs */
  K_LD,   /* rd = mem[rs1 + imm] */
  K_ST,   /* mem[rs1 + imm] = rs2 */
  K_AMO,  /* rd = mem[rs1]; mem[rs1] = f(mem, rs2); size in imm */
  K_AMOA, /* the same with aliased registers or ordering bits: fewer values */
  K_LRSC, /* lr + sc sequences, size in imm */
  K_BR,   /* conditional branch on rs1, rs2 */
  K_BRA,  /* the same with other registers or offsets: fewer values */
  K_BR1,  /* c.beqz / c.bnez: rs1 only */
  K_JAL,  /* jal / c.j: link in rd */
  K_JALR, /* jalr: base rs1 (an offset from the target), imm */
  K_CSR,  /* Zicsr on fflags / frm / fcsr: rs1 value and fcsr */
  K_CSRA, /* the same with other registers: fewer values */
  K_CSRI, /* Zicsr immediate forms: fcsr only */
  K_NONE, /* fence & co: nothing changes */
};

struct def {
  const char *name;
  int kind;
  int rd, rs1, rs2;
  int imm; /* memory displacement (loads, stores), jalr offset, or AMO size */
  int pcrel; /* print rd relative to P (auipc) */
};

/* ---- values -------------------------------------------------------------------------- */

static u64 rng = 0x9e3779b97f4a7c15ull;
static u64 xorshift(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* A random value of a random shape: full, sign-extended 32, zero-extended 32, small, one bit. */
static u64 rval(void) {
  u64 r = xorshift();
  switch (r & 7) {
  case 0:
  case 1:
  case 2:
    return xorshift();
  case 3:
    return (u64)(int64_t)(int32_t)xorshift();
  case 4:
    return (uint32_t)xorshift();
  case 5:
    return (u64)((int64_t)(xorshift() % 512) - 256);
  case 6:
    return 1ull << (xorshift() % 64);
  default:
    return ~(1ull << (xorshift() % 64));
  }
}

static const u64 EDGE[] = {
    0,
    1,
    0xffffffffffffffffull, /* -1 */
    31,
    32,
    63,
    0x7fffffffull,         /* INT32_MAX */
    0x80000000ull,
    0xffffffffull,
    0x100000000ull,
    0xffffffff80000000ull, /* INT32_MIN */
    0x8000000000000000ull, /* INT64_MIN */
    0x7fffffffffffffffull, /* INT64_MAX */
    0xaaaaaaaaaaaaaaaaull,
    /* below: unary and immediate forms only (and the aliased register-register forms) */
    0xfffffffffffffffeull, /* -2 */
    64,
    0x5555555555555555ull,
    2,
    33,
    65,
    127,
    0x0123456789abcdefull,
    0xfedcba9876543210ull,
    0xffffffff00000000ull,
    0x00000000ffff8000ull,
    0xffffffffffff8000ull,
    0x80ull,
    0x8080808080808080ull,
    0x0000ff0000ff0000ull,
};
#define N_EDGE (int)(sizeof EDGE / sizeof EDGE[0])
#define N_CORE 14

static const u64 BR_EDGE[] = {
    0, 1, 0xffffffffffffffffull, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull,
    0xffffffff80000000ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0xffffffff00000000ull,
};
#define N_BR_EDGE (int)(sizeof BR_EDGE / sizeof BR_EDGE[0])

static const u64 CSR_VALS[] = {0, 1, 0x1f, 0x20, 0xe0, 0xff, 0x100, 0xffffffffffffffffull,
                               0x15, 0x4a, 0xa5, 0x7};
#define N_CSR (int)(sizeof CSR_VALS / sizeof CSR_VALS[0])

/* Offsets into D of load/store windows: aligned, misaligned, and crossing 16-byte lines. */
static const int MEM_OFF[] = {0, 8, 16, 24, 1, 3, 5, 7, 13, 14, 15, 20};
#define N_MEM_OFF (int)(sizeof MEM_OFF / sizeof MEM_OFF[0])

static unsigned char buf[1024] __attribute__((aligned(64)));
#define D (buf + 256)

/* ---- printing ------------------------------------------------------------------------ */

static void hex(u64 v) { printf("%llx", (unsigned long long)v); }

static void rel(const char *base, int64_t d) {
  if (d < 0)
    printf("%s-%llx", base, (unsigned long long)-d);
  else
    printf("%s+%llx", base, (unsigned long long)d);
}

static void print_bytes(const unsigned char *p) {
  for (int i = 0; i < 16; i++) printf("%02x", p[i]);
}

static int insn_len(const unsigned char *p) { return (p[0] & 3) == 3 ? 4 : 2; }

static void print_code(const unsigned char *p, const unsigned char *end) {
  int first = 1;
  while (p < end) {
    int n = insn_len(p);
    if (!first) putchar(',');
    first = 0;
    if (n == 4)
      printf("%08x", (unsigned)(p[0] | p[1] << 8 | p[2] << 16 | (unsigned)p[3] << 24));
    else
      printf("%04x", (unsigned)(p[0] | p[1] << 8));
    p += n;
  }
}

/* ---- the driver ---------------------------------------------------------------------- */

static int cases;
static int mem_off;  /* window offset of the current memory case, or -1 */
static unsigned char mem_before[16];
static int abs_in[32]; /* input registers whose values are printed relative to P */

static void fill_regs(void) {
  memset(S, 0, sizeof S);
  for (int i = 1; i < 30; i++) S[i] = 0xf1f1000000000000ull | (u64)i << 8 | (u64)i;
  memset(abs_in, 0, sizeof abs_in);
  mem_off = -1;
}

static void fill_mem(void) {
  for (size_t i = 0; i < sizeof buf; i += 8) {
    u64 v = xorshift();
    memcpy(buf + i, &v, 8);
  }
}

static void set_window(int off) {
  mem_off = off & ~7;
  memcpy(mem_before, D + mem_off, 16);
}

/* Number of cases for a kind. */
static int count(const struct def *d) {
  switch (d->kind) {
  case K_RR:
    return N_CORE * N_CORE + 30;
  case K_RRA:
    return 10;
  case K_R1:
    return N_EDGE + 11;
  case K_U:
    return 1;
  case K_LD:
    return N_MEM_OFF * 2;
  case K_ST:
    return N_MEM_OFF * 3;
  case K_AMO:
    return 32;
  case K_AMOA:
    return 8;
  case K_LRSC:
    return 12;
  case K_BR:
    return N_BR_EDGE * N_BR_EDGE + 20;
  case K_BRA:
    return 16;
  case K_BR1:
    return N_BR_EDGE + 4;
  case K_JAL:
    return 1;
  case K_JALR:
    return 2;
  case K_CSR:
    return N_CSR * 3;
  case K_CSRA:
    return 6;
  case K_CSRI:
    return N_CSR;
  default:
    return 1;
  }
}

static u64 pick_a(int v) { return v < N_EDGE ? EDGE[v] : rval(); }

/* Set up case v of d in S; returns 0 when d has no case v. */
static int begin(const struct def *d, int v) {
  if (v >= count(d)) return 0;
  fill_regs();
  switch (d->kind) {
  case K_RR:
    if (v < N_CORE * N_CORE) {
      S[d->rs2] = EDGE[v % N_CORE];
      S[d->rs1] = EDGE[v / N_CORE];
    } else {
      S[d->rs2] = rval();
      S[d->rs1] = v & 3 ? rval() : S[d->rs2];
    }
    break;
  case K_RRA:
    S[d->rs2] = v < 8 ? EDGE[(v * 5 + 2) % N_EDGE] : rval();
    S[d->rs1] = v < 8 ? EDGE[(v * 7 + 3) % N_EDGE] : rval();
    break;
  case K_R1:
    S[d->rs1] = pick_a(v);
    break;
  case K_LD:
  case K_ST: {
    int off = MEM_OFF[v % N_MEM_OFF];
    fill_mem();
    if (v / N_MEM_OFF == 1) memset(D + (off & ~7), 0xff, 16); /* sign bits set */
    S[d->rs1] = (u64)(D + off - d->imm);
    if (d->kind == K_ST) S[d->rs2] = v < N_MEM_OFF ? EDGE[(v * 3) % N_EDGE] : rval();
    set_window(off);
    break;
  }
  case K_AMO:
  case K_AMOA:
  case K_LRSC: {
    int size = d->imm;
    int off = (v % 4) * size;
    u64 m = v < N_CORE ? EDGE[(v * 5 + 1) % N_CORE] : rval();
    fill_mem();
    memcpy(D + off, &m, size);
    S[d->rs1] = (u64)(D + off);
    S[d->rs2] = v < N_CORE ? EDGE[v] : rval();
    set_window(off);
    break;
  }
  case K_BRA:
    S[d->rs1] = v < 8 ? BR_EDGE[(v * 3) % N_BR_EDGE] : rval();
    S[d->rs2] = v & 1 ? S[d->rs1] : v < 8 ? BR_EDGE[(v * 5 + 1) % N_BR_EDGE] : rval();
    break;
  case K_BR:
    if (v < N_BR_EDGE * N_BR_EDGE) {
      S[d->rs1] = BR_EDGE[v / N_BR_EDGE];
      S[d->rs2] = BR_EDGE[v % N_BR_EDGE];
    } else {
      S[d->rs1] = rval();
      S[d->rs2] = v & 1 ? rval() : S[d->rs1];
    }
    break;
  case K_BR1:
    S[d->rs1] = v < N_BR_EDGE ? BR_EDGE[v] : rval();
    break;
  case K_JALR:
    /* rs1 = (target - imm + v) - target: the asm adds the target's address. */
    S[d->rs1] = (u64)(int64_t)(v - d->imm);
    abs_in[d->rs1] = 1;
    break;
  case K_CSR:
  case K_CSRA:
    S[d->rs1] = CSR_VALS[v % N_CSR];
    S[S_FCSR] = CSR_VALS[(v * 7 + 3 + v / N_CSR) % N_CSR] & 0xff;
    break;
  case K_CSRI:
    S[S_FCSR] = CSR_VALS[v] & 0xff;
    break;
  default:
    break;
  }
  memcpy(S0, S, sizeof S);
  return 1;
}

static void print_val(int reg, u64 v, int pcrel) {
  printf("x%d=", reg);
  if (pcrel)
    rel("P", (int64_t)(v - S[S_PC]));
  else
    hex(v);
}

static int spec_fixes;

/*
 * Where qemu 7.2 is known to disagree with the ISA manual, the vector takes the manual's
 * value. qemu 7.2 computes ctzw over all 64 bits when the low word is zero (ctzw of
 * 0x8000000000000000 gives 63); Zbb says ctzw counts within the low word, so the result is 32.
 */
static void spec_fix(const struct def *d) {
  if (strcmp(d->name, "ctzw") == 0 && d->rd && (uint32_t)S0[d->rs1] == 0 && S[d->rd] != 32) {
    S[d->rd] = 32;
    spec_fixes++;
  }
}

static void end(const struct def *d) {
  spec_fix(d);
  const unsigned char *pc = (const unsigned char *)S[S_PC];
  const unsigned char *next = (const unsigned char *)S[S_NEXT];
  int cf = d->kind == K_BR || d->kind == K_BRA || d->kind == K_BR1 || d->kind == K_JAL || d->kind == K_JALR;
  printf("%s ", d->name);
  print_code(pc, cf ? pc + insn_len(pc) : next);
  /* inputs: every register whose value the instruction may read */
  int in[32] = {0};
  switch (d->kind) {
  case K_RR:
  case K_RRA:
  case K_ST:
  case K_AMO:
  case K_AMOA:
  case K_LRSC:
  case K_BR:
  case K_BRA:
    in[d->rs1] = in[d->rs2] = 1;
    break;
  case K_R1:
  case K_LD:
  case K_BR1:
  case K_JALR:
  case K_CSR:
  case K_CSRA:
    in[d->rs1] = 1;
    break;
  default:
    break;
  }
  in[0] = 0;
  for (int r = 1; r < 32; r++) {
    if (!in[r]) continue;
    putchar(' ');
    if (abs_in[r]) {
      /* the harness made it absolute: base = target + (v - imm) */
      printf("x%d=", r);
      rel("P", (int64_t)(S0[r] + (S[S_NEXT] - S[S_PC])) + 0);
    } else if (mem_off >= 0 && r == d->rs1) {
      printf("x%d=", r);
      rel("D", (int64_t)(S0[r] - (u64)D));
    } else {
      printf("x%d=", r);
      hex(S0[r]);
    }
  }
  if (d->kind == K_CSR || d->kind == K_CSRA || d->kind == K_CSRI) printf(" fcsr=%llx", (unsigned long long)S0[S_FCSR]);
  if (mem_off >= 0) {
    printf(" m=");
    rel("D", mem_off);
    putchar(':');
    print_bytes(mem_before);
  }
  printf(" ->");
  /* outputs: rd, then every other register that changed */
  int pcrel_rd = d->pcrel || d->kind == K_JAL || d->kind == K_JALR;
  if (d->rd) {
    putchar(' ');
    print_val(d->rd, S[d->rd], pcrel_rd);
  }
  for (int r = 1; r < 30; r++) {
    if (r == d->rd || S[r] == S0[r]) continue;
    putchar(' ');
    if (abs_in[r]) {
      printf("x%d=", r);
      rel("P", (int64_t)(S[r] - S[S_PC]));
    } else if (mem_off >= 0 && r == d->rs1 && S[r] - (u64)D < 1024) {
      printf("x%d=", r);
      rel("D", (int64_t)(S[r] - (u64)D));
    } else {
      printf("x%d=", r);
      hex(S[r]);
    }
  }
  if (d->kind == K_CSR || d->kind == K_CSRA || d->kind == K_CSRI) printf(" fcsr=%llx", (unsigned long long)S[S_FCSR]);
  if (mem_off >= 0) {
    printf(" m=");
    print_bytes(D + mem_off);
  }
  if (cf) {
    printf(" pc=");
    rel("P", (int64_t)(S[S_NEXT] - S[S_PC]));
  }
  putchar('\n');
  cases++;
}

/* Run every case of one definition. `body` is one of the body macros above. */
#define CASE(nm, kind, rd, rs1, rs2, imm, pcrel, body)                             \
  do {                                                                             \
    static const struct def d_ = {nm, kind, rd, rs1, rs2, imm, pcrel};             \
    for (int v_ = 0; begin(&d_, v_); v_++) {                                       \
      register u64 *p_ asm("t6") = S;                                              \
      __asm__ volatile(PRE body POST : : "r"(p_) : CLOBBERS);                      \
      end(&d_);                                                                    \
    }                                                                              \
  } while (0)

/* Shorthands. Registers: rd = a0 (x10), rs1 = a1 (x11), rs2 = a2 (x12). */
#define RR(mn) CASE(#mn, K_RR, 10, 11, 12, 0, 0, PLAIN(#mn " a0, a1, a2"))
/* aliased forms: rd = rs1, rd = rs2, rs1 = rs2, rd = x0, high registers */
#define RRA(mn)                                                                           \
  do {                                                                                    \
    RR(mn);                                                                               \
    CASE(#mn, K_RRA, 11, 11, 12, 0, 0, PLAIN(#mn " a1, a1, a2"));                         \
    CASE(#mn, K_RRA, 12, 11, 12, 0, 0, PLAIN(#mn " a2, a1, a2"));                         \
    CASE(#mn, K_RRA, 10, 11, 11, 0, 0, PLAIN(#mn " a0, a1, a1"));                         \
    CASE(#mn, K_RRA, 0, 11, 12, 0, 0, PLAIN(#mn " x0, a1, a2"));                          \
    CASE(#mn, K_RRA, 29, 1, 28, 0, 0, PLAIN(#mn " t4, ra, t3"));                          \
  } while (0)
#define R1(mn)                                                       \
  do {                                                               \
    CASE(#mn, K_R1, 10, 11, 0, 0, 0, PLAIN(#mn " a0, a1"));          \
    CASE(#mn, K_RRA, 11, 11, 0, 0, 0, PLAIN(#mn " a1, a1"));         \
  } while (0)
#define RI(mn, imm) CASE(#mn, K_R1, 10, 11, 0, 0, 0, PLAIN(#mn " a0, a1, " #imm))
#define RI12(mn)                                                                       \
  do {                                                                                 \
    RI(mn, 0); RI(mn, 1); RI(mn, -1); RI(mn, 2047); RI(mn, -2048); RI(mn, 1365);       \
    RI(mn, -1366); RI(mn, 100);                                                        \
    CASE(#mn, K_RRA, 11, 11, 0, 0, 0, PLAIN(#mn " a1, a1, -7"));                       \
  } while (0)
#define SH6(mn)                                                                        \
  do {                                                                                 \
    RI(mn, 0); RI(mn, 1); RI(mn, 13); RI(mn, 31); RI(mn, 32); RI(mn, 33); RI(mn, 63);  \
    CASE(#mn, K_RRA, 11, 11, 0, 0, 0, PLAIN(#mn " a1, a1, 40"));                       \
  } while (0)
#define SH5(mn)                                                                        \
  do {                                                                                 \
    RI(mn, 0); RI(mn, 1); RI(mn, 15); RI(mn, 31);                                      \
    CASE(#mn, K_RRA, 11, 11, 0, 0, 0, PLAIN(#mn " a1, a1, 7"));                        \
  } while (0)
#define LD(mn, imm) CASE(#mn, K_LD, 10, 11, 0, imm, 0, PLAIN(#mn " a0, " #imm "(a1)"))
#define LDS(mn)                                                                        \
  do {                                                                                 \
    LD(mn, 0); LD(mn, 8); LD(mn, -8); LD(mn, 2047); LD(mn, -2048);                     \
    CASE(#mn, K_LD, 11, 11, 0, 4, 0, PLAIN(#mn " a1, 4(a1)"));                         \
    CASE(#mn, K_LD, 0, 11, 0, 0, 0, PLAIN(#mn " x0, 0(a1)"));                          \
  } while (0)
#define ST(mn, imm) CASE(#mn, K_ST, 0, 11, 12, imm, 0, PLAIN(#mn " a2, " #imm "(a1)"))
#define STS(mn)                                                                        \
  do {                                                                                 \
    ST(mn, 0); ST(mn, 8); ST(mn, -8); ST(mn, 2047); ST(mn, -2048);                     \
    CASE(#mn, K_ST, 0, 11, 0, 0, 0, PLAIN(#mn " x0, 0(a1)"));                          \
  } while (0)
#define AMO(mn, size)                                                                  \
  do {                                                                                 \
    CASE(#mn, K_AMO, 10, 11, 12, size, 0, PLAIN(#mn " a0, a2, (a1)"));                \
    CASE(#mn, K_AMOA, 12, 11, 12, size, 0, PLAIN(#mn " a2, a2, (a1)"));                \
    CASE(#mn, K_AMOA, 11, 11, 12, size, 0, PLAIN(#mn " a1, a2, (a1)"));                \
    CASE(#mn, K_AMOA, 0, 11, 12, size, 0, PLAIN(#mn " x0, a2, (a1)"));                 \
    CASE(#mn, K_AMOA, 10, 11, 12, size, 0, PLAIN(#mn ".aqrl a0, a2, (a1)"));           \
  } while (0)
#define BR(mn)                                                                         \
  do {                                                                                 \
    CASE(#mn, K_BR, 0, 11, 12, 0, 0, FWD(#mn " a1, a2, 8f", 4));  \
    CASE(#mn, K_BRA, 0, 11, 12, 0, 0, BACK(#mn " a1, a2, 8b"));                        \
    CASE(#mn, K_BRA, 0, 11, 11, 0, 0, FWD(#mn " a1, a1, 8f", 100));                    \
    CASE(#mn, K_BRA, 0, 11, 0, 0, 0, FWD(#mn " a1, x0, 8f", 2));                       \
    CASE(#mn, K_BRA, 0, 0, 12, 0, 0, FWD(#mn " x0, a2, 8f", 2));                       \
    CASE(#mn, K_BRA, 0, 28, 1, 0, 0, FWD(#mn " t3, ra, 8f", 3000));                    \
  } while (0)
#define CSRR(mn, csr)                                                                  \
  do {                                                                                 \
    CASE(#mn, K_CSR, 10, 11, 0, 0, 0, PLAIN(#mn " a0, " #csr ", a1"));                 \
    CASE(#mn, K_CSRA, 0, 11, 0, 0, 0, PLAIN(#mn " x0, " #csr ", a1"));                 \
    CASE(#mn, K_CSRA, 11, 11, 0, 0, 0, PLAIN(#mn " a1, " #csr ", a1"));                \
    CASE(#mn, K_CSRI, 10, 0, 0, 0, 0, PLAIN(#mn " a0, " #csr ", x0"));                 \
  } while (0)
#define CSRI(mn, csr)                                                                  \
  do {                                                                                 \
    CASE(#mn, K_CSRI, 10, 0, 0, 0, 0, PLAIN(#mn " a0, " #csr ", 0"));                  \
    CASE(#mn, K_CSRI, 10, 0, 0, 0, 0, PLAIN(#mn " a0, " #csr ", 1"));                  \
    CASE(#mn, K_CSRI, 10, 0, 0, 0, 0, PLAIN(#mn " a0, " #csr ", 21"));                 \
    CASE(#mn, K_CSRI, 10, 0, 0, 0, 0, PLAIN(#mn " a0, " #csr ", 31"));                 \
    CASE(#mn, K_CSRI, 0, 0, 0, 0, 0, PLAIN(#mn " x0, " #csr ", 10"));                  \
  } while (0)

/* Compressed forms: registers x8..x15 (a0 = x10, a1 = x11, a2 = x12) unless noted. */
#define C1(mn, imm) CASE("c." #mn, K_R1, 10, 10, 0, 0, 0, CPLAIN("c." #mn " a0, " #imm))

static void run_base(void) {
  /* RV64I register-register */
  RRA(add); RRA(sub); RRA(sll); RRA(slt); RRA(sltu); RRA(xor); RRA(srl); RRA(sra);
  RRA(or); RRA(and); RRA(addw); RRA(subw); RRA(sllw); RRA(srlw); RRA(sraw);
  /* register-immediate */
  RI12(addi); RI12(slti); RI12(sltiu); RI12(xori); RI12(ori); RI12(andi); RI12(addiw);
  SH6(slli); SH6(srli); SH6(srai); SH5(slliw); SH5(srliw); SH5(sraiw);
  CASE("addi", K_R1, 10, 0, 0, 0, 0, PLAIN("addi a0, x0, -5"));
  CASE("addi", K_R1, 0, 11, 0, 0, 0, PLAIN("addi x0, a1, 5"));
  CASE("addiw", K_R1, 10, 0, 0, 0, 0, PLAIN("addiw a0, x0, -2048"));
  /* upper immediates */
  CASE("lui", K_U, 10, 0, 0, 0, 0, PLAIN("lui a0, 0"));
  CASE("lui", K_U, 10, 0, 0, 0, 0, PLAIN("lui a0, 1"));
  CASE("lui", K_U, 10, 0, 0, 0, 0, PLAIN("lui a0, 0x7ffff"));
  CASE("lui", K_U, 10, 0, 0, 0, 0, PLAIN("lui a0, 0x80000"));
  CASE("lui", K_U, 10, 0, 0, 0, 0, PLAIN("lui a0, 0xfffff"));
  CASE("lui", K_U, 10, 0, 0, 0, 0, PLAIN("lui a0, 0x12345"));
  CASE("lui", K_U, 0, 0, 0, 0, 0, PLAIN("lui x0, 0x12345"));
  CASE("auipc", K_U, 10, 0, 0, 0, 1, PLAIN("auipc a0, 0"));
  CASE("auipc", K_U, 10, 0, 0, 0, 1, PLAIN("auipc a0, 1"));
  CASE("auipc", K_U, 10, 0, 0, 0, 1, PLAIN("auipc a0, 0x7ffff"));
  CASE("auipc", K_U, 10, 0, 0, 0, 1, PLAIN("auipc a0, 0x80000"));
  CASE("auipc", K_U, 10, 0, 0, 0, 1, PLAIN("auipc a0, 0xfffff"));
  CASE("auipc", K_U, 10, 0, 0, 0, 1, PLAIN("auipc a0, 0xffff0"));
  /* loads and stores */
  LDS(lb); LDS(lh); LDS(lw); LDS(ld); LDS(lbu); LDS(lhu); LDS(lwu);
  STS(sb); STS(sh); STS(sw); STS(sd);
  /* branches and jumps */
  BR(beq); BR(bne); BR(blt); BR(bge); BR(bltu); BR(bgeu);
  CASE("jal", K_JAL, 1, 0, 0, 0, 0, FWD("jal ra, 8f", 4));
  CASE("jal", K_JAL, 10, 0, 0, 0, 0, FWD("jal a0, 8f", 2046));
  CASE("jal", K_JAL, 0, 0, 0, 0, 0, FWD("jal x0, 8f", 6));
  CASE("jal", K_JAL, 1, 0, 0, 0, 0, BACK("jal ra, 8b"));
  CASE("jalr", K_JALR, 1, 11, 0, 0, 0, JFWD("a1", "jalr ra, 0(a1)"));
  CASE("jalr", K_JALR, 1, 11, 0, 16, 0, JFWD("a1", "jalr ra, 16(a1)"));
  CASE("jalr", K_JALR, 1, 11, 0, -16, 0, JFWD("a1", "jalr ra, -16(a1)"));
  CASE("jalr", K_JALR, 0, 11, 0, 2047, 0, JFWD("a1", "jalr x0, 2047(a1)"));
  CASE("jalr", K_JALR, 0, 11, 0, -2048, 0, JFWD("a1", "jalr x0, -2048(a1)"));
  CASE("jalr", K_JALR, 11, 11, 0, 4, 0, JFWD("a1", "jalr a1, 4(a1)"));
  CASE("jalr", K_JALR, 1, 1, 0, 0, 0, JFWD("ra", "jalr ra, 0(ra)"));
  /* fences */
  CASE("fence", K_NONE, 0, 0, 0, 0, 0, PLAIN("fence"));
  CASE("fence", K_NONE, 0, 0, 0, 0, 0, PLAIN("fence rw, rw"));
  CASE("fence", K_NONE, 0, 0, 0, 0, 0, PLAIN("fence r, w"));
  CASE("fence.tso", K_NONE, 0, 0, 0, 0, 0, PLAIN("fence.tso"));
  CASE("pause", K_NONE, 0, 0, 0, 0, 0, PLAIN(".insn i 0x0f, 0, x0, x0, 0x010"));
  CASE("fence.i", K_NONE, 0, 0, 0, 0, 0, PLAIN("fence.i"));
  CASE("nop", K_NONE, 0, 0, 0, 0, 0, PLAIN("nop"));
}

static void run_m(void) {
  RRA(mul); RRA(mulh); RRA(mulhsu); RRA(mulhu); RRA(div); RRA(divu); RRA(rem); RRA(remu);
  RRA(mulw); RRA(divw); RRA(divuw); RRA(remw); RRA(remuw);
}

static void run_a(void) {
  AMO(amoswap.w, 4); AMO(amoadd.w, 4); AMO(amoxor.w, 4); AMO(amoand.w, 4); AMO(amoor.w, 4);
  AMO(amomin.w, 4); AMO(amomax.w, 4); AMO(amominu.w, 4); AMO(amomaxu.w, 4);
  AMO(amoswap.d, 8); AMO(amoadd.d, 8); AMO(amoxor.d, 8); AMO(amoand.d, 8); AMO(amoor.d, 8);
  AMO(amomin.d, 8); AMO(amomax.d, 8); AMO(amominu.d, 8); AMO(amomaxu.d, 8);
  CASE("lr.w", K_AMO, 10, 11, 0, 4, 0, PLAIN("lr.w a0, (a1)"));
  CASE("lr.d", K_AMO, 10, 11, 0, 8, 0, PLAIN("lr.d a0, (a1)"));
  CASE("lr.w", K_AMO, 11, 11, 0, 4, 0, PLAIN("lr.w.aq a1, (a1)"));
  CASE("sc.w", K_LRSC, 13, 11, 12, 4, 0, PLAIN("sc.w a3, a2, (a1)"));
  CASE("sc.d", K_LRSC, 13, 11, 12, 8, 0, PLAIN("sc.d a3, a2, (a1)"));
  CASE("lr.w+sc.w", K_LRSC, 13, 11, 12, 4, 0, PLAIN("lr.w a0, (a1)\n sc.w a3, a2, (a1)"));
  CASE("lr.d+sc.d", K_LRSC, 13, 11, 12, 8, 0, PLAIN("lr.d a0, (a1)\n sc.d a3, a2, (a1)"));
  CASE("lr.w+sc.w", K_LRSC, 13, 11, 12, 4, 0,
       PLAIN("lr.w.aqrl a0, (a1)\n sc.w.aqrl a3, a2, (a1)"));
  CASE("lr.d+sc.d", K_LRSC, 10, 11, 12, 8, 0, PLAIN("lr.d a0, (a1)\n sc.d a0, a2, (a1)"));
  CASE("lr.w+sc.w", K_LRSC, 13, 11, 12, 4, 0, PLAIN("lr.w a0, (a1)\n addi a1, a1, 8\n sc.w a3, a2, (a1)"));
  CASE("lr.d+sc.d+sc.d", K_LRSC, 13, 11, 12, 8, 0,
       PLAIN("lr.d a0, (a1)\n sc.d a3, a2, (a1)\n sc.d a4, a0, (a1)"));
  CASE("lr.d+sd+sc.d", K_LRSC, 13, 11, 12, 8, 0,
       PLAIN("lr.d a0, (a1)\n sd a0, 8(a1)\n sc.d a3, a2, (a1)"));
}

static void run_csr(void) {
  CSRR(csrrw, fflags); CSRR(csrrs, fflags); CSRR(csrrc, fflags);
  CSRR(csrrw, frm); CSRR(csrrs, frm); CSRR(csrrc, frm);
  CSRR(csrrw, fcsr); CSRR(csrrs, fcsr); CSRR(csrrc, fcsr);
  CSRI(csrrwi, fflags); CSRI(csrrsi, fflags); CSRI(csrrci, fflags);
  CSRI(csrrwi, frm); CSRI(csrrsi, frm); CSRI(csrrci, frm);
  CSRI(csrrwi, fcsr); CSRI(csrrsi, fcsr); CSRI(csrrci, fcsr);
}

static void run_zba_zbb(void) {
  RRA(add.uw); RRA(sh1add); RRA(sh2add); RRA(sh3add); RRA(sh1add.uw); RRA(sh2add.uw);
  RRA(sh3add.uw);
  SH6(slli.uw);
  CASE("zext.w", K_R1, 10, 11, 0, 0, 0, PLAIN("zext.w a0, a1"));
  RRA(andn); RRA(orn); RRA(xnor); RRA(max); RRA(maxu); RRA(min); RRA(minu);
  RRA(rol); RRA(rolw); RRA(ror); RRA(rorw);
  SH6(rori); SH5(roriw);
  R1(clz); R1(clzw); R1(ctz); R1(ctzw); R1(cpop); R1(cpopw);
  R1(sext.b); R1(sext.h); R1(zext.h); R1(orc.b); R1(rev8);
}

static void run_c(void) {
  /* CI: rd = rs1 */
  C1(addi, 1); C1(addi, -1); C1(addi, 31); C1(addi, -32); C1(addi, 5);
  C1(addiw, 0); C1(addiw, 1); C1(addiw, -1); C1(addiw, 31); C1(addiw, -32);
  C1(slli, 1); C1(slli, 31); C1(slli, 32); C1(slli, 63);
  C1(srli, 1); C1(srli, 31); C1(srli, 32); C1(srli, 63);
  C1(srai, 1); C1(srai, 31); C1(srai, 32); C1(srai, 63);
  C1(andi, 0); C1(andi, -1); C1(andi, 31); C1(andi, -32); C1(andi, 5);
  CASE("c.slli", K_R1, 20, 20, 0, 0, 0, CPLAIN("c.slli s4, 3"));
  CASE("c.addi", K_R1, 1, 1, 0, 0, 0, CPLAIN("c.addi ra, -9"));
  CASE("c.addiw", K_R1, 25, 25, 0, 0, 0, CPLAIN("c.addiw s9, 7"));
  CASE("c.li", K_U, 10, 0, 0, 0, 0, CPLAIN("c.li a0, 0"));
  CASE("c.li", K_U, 10, 0, 0, 0, 0, CPLAIN("c.li a0, 31"));
  CASE("c.li", K_U, 10, 0, 0, 0, 0, CPLAIN("c.li a0, -32"));
  CASE("c.li", K_U, 17, 0, 0, 0, 0, CPLAIN("c.li a7, -1"));
  CASE("c.lui", K_U, 10, 0, 0, 0, 0, CPLAIN("c.lui a0, 1"));
  CASE("c.lui", K_U, 10, 0, 0, 0, 0, CPLAIN("c.lui a0, 31"));
  CASE("c.lui", K_U, 10, 0, 0, 0, 0, CPLAIN("c.lui a0, 0xfffe0"));
  CASE("c.lui", K_U, 5, 0, 0, 0, 0, CPLAIN("c.lui t0, 0xfffff"));
  CASE("c.addi16sp", K_R1, 2, 2, 0, 0, 0, CPLAIN("c.addi16sp sp, 16"));
  CASE("c.addi16sp", K_R1, 2, 2, 0, 0, 0, CPLAIN("c.addi16sp sp, -16"));
  CASE("c.addi16sp", K_R1, 2, 2, 0, 0, 0, CPLAIN("c.addi16sp sp, 496"));
  CASE("c.addi16sp", K_R1, 2, 2, 0, 0, 0, CPLAIN("c.addi16sp sp, -512"));
  CASE("c.addi4spn", K_R1, 10, 2, 0, 0, 0, CPLAIN("c.addi4spn a0, sp, 4"));
  CASE("c.addi4spn", K_R1, 10, 2, 0, 0, 0, CPLAIN("c.addi4spn a0, sp, 1020"));
  CASE("c.addi4spn", K_R1, 8, 2, 0, 0, 0, CPLAIN("c.addi4spn s0, sp, 256"));
  /* CR / CA */
  CASE("c.mv", K_R1, 10, 11, 0, 0, 0, CPLAIN("c.mv a0, a1"));
  CASE("c.mv", K_R1, 1, 29, 0, 0, 0, CPLAIN("c.mv ra, t4"));
  CASE("c.add", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.add a0, a1"));
  CASE("c.add", K_RRA, 10, 10, 10, 0, 0, CPLAIN("c.add a0, a0"));
  CASE("c.add", K_RRA, 28, 28, 1, 0, 0, CPLAIN("c.add t3, ra"));
  CASE("c.sub", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.sub a0, a1"));
  CASE("c.xor", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.xor a0, a1"));
  CASE("c.or", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.or a0, a1"));
  CASE("c.and", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.and a0, a1"));
  CASE("c.subw", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.subw a0, a1"));
  CASE("c.addw", K_RR, 10, 10, 11, 0, 0, CPLAIN("c.addw a0, a1"));
  CASE("c.addw", K_RRA, 8, 8, 15, 0, 0, CPLAIN("c.addw s0, a5"));
  CASE("c.subw", K_RRA, 9, 9, 9, 0, 0, CPLAIN("c.subw s1, s1"));
  /* loads and stores */
  CASE("c.lw", K_LD, 10, 11, 0, 0, 0, CPLAIN("c.lw a0, 0(a1)"));
  CASE("c.lw", K_LD, 10, 11, 0, 124, 0, CPLAIN("c.lw a0, 124(a1)"));
  CASE("c.lw", K_LD, 11, 11, 0, 4, 0, CPLAIN("c.lw a1, 4(a1)"));
  CASE("c.ld", K_LD, 10, 11, 0, 0, 0, CPLAIN("c.ld a0, 0(a1)"));
  CASE("c.ld", K_LD, 10, 11, 0, 248, 0, CPLAIN("c.ld a0, 248(a1)"));
  CASE("c.ld", K_LD, 8, 15, 0, 16, 0, CPLAIN("c.ld s0, 16(a5)"));
  CASE("c.sw", K_ST, 0, 11, 12, 0, 0, CPLAIN("c.sw a2, 0(a1)"));
  CASE("c.sw", K_ST, 0, 11, 12, 124, 0, CPLAIN("c.sw a2, 124(a1)"));
  CASE("c.sd", K_ST, 0, 11, 12, 0, 0, CPLAIN("c.sd a2, 0(a1)"));
  CASE("c.sd", K_ST, 0, 11, 12, 248, 0, CPLAIN("c.sd a2, 248(a1)"));
  CASE("c.sd", K_ST, 0, 9, 8, 8, 0, CPLAIN("c.sd s0, 8(s1)"));
  CASE("c.lwsp", K_LD, 10, 2, 0, 0, 0, CPLAIN("c.lwsp a0, 0(sp)"));
  CASE("c.lwsp", K_LD, 10, 2, 0, 252, 0, CPLAIN("c.lwsp a0, 252(sp)"));
  CASE("c.lwsp", K_LD, 1, 2, 0, 8, 0, CPLAIN("c.lwsp ra, 8(sp)"));
  CASE("c.ldsp", K_LD, 10, 2, 0, 0, 0, CPLAIN("c.ldsp a0, 0(sp)"));
  CASE("c.ldsp", K_LD, 10, 2, 0, 504, 0, CPLAIN("c.ldsp a0, 504(sp)"));
  CASE("c.ldsp", K_LD, 29, 2, 0, 24, 0, CPLAIN("c.ldsp t4, 24(sp)"));
  CASE("c.swsp", K_ST, 0, 2, 12, 0, 0, CPLAIN("c.swsp a2, 0(sp)"));
  CASE("c.swsp", K_ST, 0, 2, 12, 252, 0, CPLAIN("c.swsp a2, 252(sp)"));
  CASE("c.sdsp", K_ST, 0, 2, 12, 0, 0, CPLAIN("c.sdsp a2, 0(sp)"));
  CASE("c.sdsp", K_ST, 0, 2, 12, 504, 0, CPLAIN("c.sdsp a2, 504(sp)"));
  CASE("c.sdsp", K_ST, 0, 2, 1, 16, 0, CPLAIN("c.sdsp ra, 16(sp)"));
  /* control transfers */
  CASE("c.j", K_JAL, 0, 0, 0, 0, 0, CFWD("c.j 8f", 4));
  CASE("c.j", K_JAL, 0, 0, 0, 0, 0, CFWD("c.j 8f", 1000));
  CASE("c.j", K_JAL, 0, 0, 0, 0, 0, CBACK("c.j 8b"));
  CASE("c.beqz", K_BR1, 0, 10, 0, 0, 0, CFWD("c.beqz a0, 8f", 4));
  CASE("c.beqz", K_BR1, 0, 10, 0, 0, 0, CBACK("c.beqz a0, 8b"));
  CASE("c.bnez", K_BR1, 0, 10, 0, 0, 0, CFWD("c.bnez a0, 8f", 100));
  CASE("c.bnez", K_BR1, 0, 15, 0, 0, 0, CBACK("c.bnez a5, 8b"));
  CASE("c.jr", K_JALR, 0, 11, 0, 0, 0, CJFWD("a1", "c.jr a1"));
  CASE("c.jr", K_JALR, 0, 1, 0, 0, 0, CJFWD("ra", "c.jr ra"));
  CASE("c.jalr", K_JALR, 1, 11, 0, 0, 0, CJFWD("a1", "c.jalr a1"));
  CASE("c.jalr", K_JALR, 1, 1, 0, 0, 0, CJFWD("ra", "c.jalr ra"));
  CASE("c.nop", K_NONE, 0, 0, 0, 0, 0, CPLAIN("c.nop"));
}


/* ---- random straight-line sequences ------------------------------------------------- */

/*
 * Sequences of random register-register, register-immediate and unary instructions over
 * a small pool of registers, so that values flow from one instruction to the next (this is
 * what exercises a translator's register caching across instructions). The instruction
 * templates are assembled by gas with x0 operands; the generator fills in the register and
 * immediate fields. The sequence is written to an executable buffer and called from the
 * harness; it returns with `jalr x0, 0(t5)`, the last template.
 */
#define SEQ_RR(X)                                                                           \
  X(add) X(sub) X(sll) X(slt) X(sltu) X(xor) X(srl) X(sra) X(or) X(and) X(addw) X(subw)     \
  X(sllw) X(srlw) X(sraw) X(mul) X(mulh) X(mulhsu) X(mulhu) X(div) X(divu) X(rem) X(remu)   \
  X(mulw) X(divw) X(divuw) X(remw) X(remuw) X(add.uw) X(sh1add) X(sh2add) X(sh3add)         \
  X(sh1add.uw) X(sh2add.uw) X(sh3add.uw) X(andn) X(orn) X(xnor) X(max) X(maxu) X(min)       \
  X(minu) X(rol) X(rolw) X(ror) X(rorw)
/* ctzw is left out: qemu 7.2 gets it wrong (see spec_fix). */
#define SEQ_R1(X) \
  X(clz) X(clzw) X(ctz) X(cpop) X(cpopw) X(sext.b) X(sext.h) X(zext.h) X(orc.b) X(rev8)
#define SEQ_I12(X) X(addi) X(slti) X(sltiu) X(xori) X(ori) X(andi) X(addiw)
#define SEQ_SH6(X) X(slli) X(srli) X(srai) X(rori) X(slli.uw)
#define SEQ_SH5(X) X(slliw) X(srliw) X(sraiw) X(roriw)

#define T_RR(m) #m " x0, x0, x0\n"
#define T_R1(m) #m " x0, x0\n"
#define T_IMM(m) #m " x0, x0, 0\n"
__asm__(".pushsection .rodata\n .balign 4\n .option push\n .option norvc\n"
        "seq_tmpl:\n" SEQ_RR(T_RR) SEQ_R1(T_R1) SEQ_I12(T_IMM) SEQ_SH6(T_IMM) SEQ_SH5(T_IMM)
        "lui x0, 0\n jalr x0, 0(t5)\n .option pop\n .popsection\n");
extern const uint32_t seq_tmpl[];
#define N_OF(m) +1
enum {
  SEQ_N_RR = 0 SEQ_RR(N_OF),
  SEQ_N_R1 = 0 SEQ_R1(N_OF),
  SEQ_N_I12 = 0 SEQ_I12(N_OF),
  SEQ_N_SH6 = 0 SEQ_SH6(N_OF),
  SEQ_N_SH5 = 0 SEQ_SH5(N_OF),
  SEQ_LUI = SEQ_N_RR + SEQ_N_R1 + SEQ_N_I12 + SEQ_N_SH6 + SEQ_N_SH5,
  SEQ_RET,
};

#define SEQ_COUNT 250
#define SEQ_LEN 16
#define POOL 6

static int seq_reg(const int *pool) {
  return xorshift() % 16 == 0 ? 0 : pool[xorshift() % POOL];
}

static uint32_t seq_insn(const int *pool, int *rd_out) {
  int k = xorshift() % (SEQ_LUI + 1);
  uint32_t w = seq_tmpl[k];
  int rd = pool[xorshift() % POOL];
  if (xorshift() % 24 == 0) rd = 0;
  w |= (uint32_t)rd << 7 | (uint32_t)seq_reg(pool) << 15;
  if (k < SEQ_N_RR) {
    w |= (uint32_t)seq_reg(pool) << 20;
  } else if (k < SEQ_N_RR + SEQ_N_R1) {
    /* unary: rs2 is part of the opcode */
  } else if (k < SEQ_N_RR + SEQ_N_R1 + SEQ_N_I12) {
    w |= (uint32_t)(xorshift() & 0xfff) << 20;
  } else if (k < SEQ_N_RR + SEQ_N_R1 + SEQ_N_I12 + SEQ_N_SH6) {
    w |= (uint32_t)(xorshift() & 63) << 20;
  } else if (k < SEQ_LUI) {
    w |= (uint32_t)(xorshift() & 31) << 20;
  } else {
    w = seq_tmpl[k] | (uint32_t)rd << 7 | (uint32_t)(xorshift() & 0xfffff) << 12;
  }
  *rd_out = rd;
  return w;
}

static void run_seq(void) {
  static const int regs[] = {1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                             18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29};
  uint32_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
  if (code == MAP_FAILED) {
    perror("mmap");
    return;
  }
  for (int n = 0; n < SEQ_COUNT; n++) {
    int pool[POOL], rd;
    for (int i = 0; i < POOL; i++) {
      int r;
      do {
        r = regs[xorshift() % (sizeof regs / sizeof regs[0])];
        for (int j = 0; j < i; j++)
          if (pool[j] == r) r = -1;
      } while (r < 0);
      pool[i] = r;
    }
    for (int i = 0; i < SEQ_LEN; i++) code[i] = seq_insn(pool, &rd);
    code[SEQ_LEN] = seq_tmpl[SEQ_RET];
    __builtin___clear_cache((char *)code, (char *)(code + SEQ_LEN + 1));
    fill_regs();
    for (int i = 0; i < POOL; i++) S[pool[i]] = pick_a((int)(xorshift() % (N_EDGE + 8)));
    S[S_NEXT] = (u64)code;
    memcpy(S0, S, sizeof S);
    register u64 *p_ asm("t6") = S;
    __asm__ volatile(PRE "ld t5, 264(t6)\n jalr t5, 0(t5)\n7:\n" POST : : "r"(p_) : CLOBBERS);
    printf("seq ");
    for (int i = 0; i < SEQ_LEN; i++) printf("%s%08x", i ? "," : "", code[i]);
    for (int i = 0; i < POOL; i++) {
      printf(" x%d=", pool[i]);
      hex(S0[pool[i]]);
    }
    printf(" ->");
    for (int r = 1; r < 30; r++) {
      if (S[r] == S0[r]) continue;
      printf(" x%d=", r);
      hex(S[r]);
    }
    putchar('\n');
    cases++;
  }
}

int main(void) {
  printf("# RISC-V 64 integer instruction vectors for kitemu, generated by gen_int.c under\n");
  printf("# qemu-riscv64 (see gen.sh). Format: NAME CODE IN... -> OUT...; see gen_int.c.\n");
  run_base();
  run_m();
  run_a();
  run_csr();
  run_zba_zbb();
  run_c();
  run_seq();
  fprintf(stderr, "%d cases (%d results taken from the ISA manual, not qemu)\n", cases,
          spec_fixes);
  return 0;
}
