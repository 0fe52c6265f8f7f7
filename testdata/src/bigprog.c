/*
 * bigprog: a larger program. A tiny language (tokenizer, recursive-descent parser to an AST,
 * tree-walking evaluator with variables, while, if, functions and recursion) runs a few
 * scripts; then a sieve, an open-addressing hash table of words, and a merge sort.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the tiny language -------------------------------------------------- */

enum kind { NUM, VAR, BIN, NEG, ASSIGN, SEQ, WHILE, IF, PRINT, CALL, RET, FUNC };

typedef struct node {
  enum kind kind;
  int op;
  long value;
  int slot;
  struct node *a, *b, *c;
} node;

static const char *src;
static char names[64][16];
static int nnames;
static node *funcs[16];
static int func_params[16][4];
static int func_nparams[16];
static char func_names[16][16];
static int nfuncs;

static node *mk(enum kind k, node *a, node *b) {
  node *n = calloc(1, sizeof *n);
  n->kind = k;
  n->a = a;
  n->b = b;
  return n;
}

static void skip(void) {
  for (;;) {
    while (*src == ' ' || *src == '\n' || *src == '\t') src++;
    if (*src == '#') {
      while (*src && *src != '\n') src++;
    } else {
      return;
    }
  }
}

static int accept(const char *tok) {
  skip();
  size_t n = strlen(tok);
  if (strncmp(src, tok, n) == 0) {
    src += n;
    return 1;
  }
  return 0;
}

static void expect(const char *tok) {
  if (!accept(tok)) {
    fprintf(stderr, "parse error: expected %s near '%.10s'\n", tok, src);
    exit(2);
  }
}

static int ident(char *out) {
  skip();
  int n = 0;
  while ((*src >= 'a' && *src <= 'z') || *src == '_') {
    if (n < 15) out[n++] = *src;
    src++;
  }
  out[n] = 0;
  return n;
}

static int slot_of(const char *name) {
  for (int i = 0; i < nnames; i++)
    if (strcmp(names[i], name) == 0) return i;
  strcpy(names[nnames], name);
  return nnames++;
}

static node *expr(void);
static node *stmt(void);

static node *primary(void) {
  skip();
  if (accept("(")) {
    node *e = expr();
    expect(")");
    return e;
  }
  if (accept("-")) return mk(NEG, primary(), NULL);
  if (*src >= '0' && *src <= '9') {
    node *n = mk(NUM, NULL, NULL);
    n->value = strtol(src, (char **)&src, 10);
    return n;
  }
  char name[16];
  if (!ident(name)) {
    fprintf(stderr, "parse error near '%.10s'\n", src);
    exit(2);
  }
  if (accept("(")) {
    node *call = mk(CALL, NULL, NULL);
    call->slot = -1;
    for (int i = 0; i < nfuncs; i++)
      if (strcmp(func_names[i], name) == 0) call->slot = i;
    node **tail = &call->a;
    if (!accept(")")) {
      do {
        *tail = mk(SEQ, expr(), NULL);
        tail = &(*tail)->b;
      } while (accept(","));
      expect(")");
    }
    return call;
  }
  node *v = mk(VAR, NULL, NULL);
  v->slot = slot_of(name);
  return v;
}

static const char *ops[] = {"==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^"};
static int prec(int op) {
  static const int p[] = {1, 1, 2, 2, 2, 2, 4, 4, 5, 5, 5, 3, 3, 3};
  return p[op];
}

static int peek_op(void) {
  skip();
  for (int i = 0; i < 14; i++)
    if (strncmp(src, ops[i], strlen(ops[i])) == 0) return i;
  return -1;
}

static node *binary(int min) {
  node *lhs = primary();
  for (;;) {
    int op = peek_op();
    if (op < 0 || prec(op) < min) return lhs;
    src += strlen(ops[op]);
    node *rhs = binary(prec(op) + 1);
    lhs = mk(BIN, lhs, rhs);
    lhs->op = op;
  }
}

static node *expr(void) {
  return binary(1);
}

static node *block(void) {
  expect("{");
  node *head = NULL, **tail = &head;
  while (!accept("}")) {
    *tail = mk(SEQ, stmt(), NULL);
    tail = &(*tail)->b;
  }
  return head;
}

static node *stmt(void) {
  if (accept("while")) {
    node *c = expr();
    return mk(WHILE, c, block());
  }
  if (accept("if")) {
    node *c = expr();
    node *n = mk(IF, c, block());
    if (accept("else")) n->c = block();
    return n;
  }
  if (accept("print")) {
    node *n = mk(PRINT, expr(), NULL);
    expect(";");
    return n;
  }
  if (accept("return")) {
    node *n = mk(RET, expr(), NULL);
    expect(";");
    return n;
  }
  const char *save = src;
  char name[16];
  if (ident(name) && accept("=") && *src != '=') {
    node *n = mk(ASSIGN, expr(), NULL);
    n->slot = slot_of(name);
    expect(";");
    return n;
  }
  src = save;
  node *n = expr();
  expect(";");
  return n;
}

static node *program(void) {
  node *head = NULL, **tail = &head;
  for (;;) {
    skip();
    if (!*src) return head;
    if (accept("func")) {
      int f = nfuncs++;
      ident(func_names[f]);
      expect("(");
      if (!accept(")")) {
        do {
          char p[16];
          ident(p);
          func_params[f][func_nparams[f]++] = slot_of(p);
        } while (accept(","));
        expect(")");
      }
      funcs[f] = block();
      continue;
    }
    *tail = mk(SEQ, stmt(), NULL);
    tail = &(*tail)->b;
  }
}

static long vars[64];
static int returning;
static long ret_value;
static unsigned long steps;

static long eval(node *n);

static void exec(node *n) {
  for (; n && !returning; n = n->b) eval(n->a);
}

static long eval(node *n) {
  steps++;
  switch (n->kind) {
    case NUM:
      return n->value;
    case VAR:
      return vars[n->slot];
    case NEG:
      return -eval(n->a);
    case BIN: {
      long x = eval(n->a), y = eval(n->b);
      switch (n->op) {
        case 0: return x == y;
        case 1: return x != y;
        case 2: return x <= y;
        case 3: return x >= y;
        case 4: return x < y;
        case 5: return x > y;
        case 6: return x + y;
        case 7: return x - y;
        case 8: return x * y;
        case 9: return y ? x / y : 0;
        case 10: return y ? x % y : 0;
        case 11: return x & y;
        case 12: return x | y;
        default: return x ^ y;
      }
    }
    case ASSIGN:
      return vars[n->slot] = eval(n->a);
    case WHILE:
      while (!returning && eval(n->a)) exec(n->b);
      return 0;
    case IF:
      if (eval(n->a)) exec(n->b);
      else exec(n->c);
      return 0;
    case PRINT:
      printf("%ld\n", eval(n->a));
      return 0;
    case RET:
      ret_value = eval(n->a);
      returning = 1;
      return 0;
    case CALL: {
      int f = n->slot;
      long args[4], saved[64];
      int k = 0;
      for (node *a = n->a; a && k < 4; a = a->b) args[k++] = eval(a->a);
      memcpy(saved, vars, sizeof vars);
      for (int i = 0; i < func_nparams[f]; i++) vars[func_params[f][i]] = args[i];
      returning = 0;
      ret_value = 0;
      exec(funcs[f]);
      returning = 0;
      memcpy(vars, saved, sizeof vars);
      return ret_value;
    }
    default:
      return 0;
  }
}

static void run_script(const char *name, const char *text) {
  printf("== script %s\n", name);
  src = text;
  nnames = 0;
  nfuncs = 0;
  memset(func_nparams, 0, sizeof func_nparams);
  memset(vars, 0, sizeof vars);
  steps = 0;
  exec(program());
  printf("(%lu evaluation steps)\n", steps);
}

/* ---- classic kernels --------------------------------------------------- */

static void sieve(void) {
  enum { LIMIT = 300000 };
  static unsigned char composite[LIMIT + 1];
  unsigned long count = 0, sum = 0, last = 0;
  for (unsigned long i = 2; i <= LIMIT; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    last = i;
    for (unsigned long j = i * i; j <= LIMIT; j += i) composite[j] = 1;
  }
  printf("sieve: %lu primes below %d, sum %lu, largest %lu\n", count, LIMIT, sum, last);
}

struct entry {
  char key[12];
  unsigned count;
};

static void hashtable(void) {
  enum { CAP = 1 << 15 };
  static struct entry table[CAP];
  uint32_t rng = 7;
  unsigned distinct = 0, probes = 0;
  for (int i = 0; i < 60000; i++) {
    char w[12];
    rng = rng * 1103515245u + 12345u;
    int len = 1 + (int)((rng >> 16) % 3);
    for (int k = 0; k < len; k++) {
      rng = rng * 1103515245u + 12345u;
      w[k] = (char)('a' + (rng >> 16) % 20);
    }
    w[len] = 0;
    uint32_t h = 2166136261u;
    for (int k = 0; k < len; k++) h = (h ^ (unsigned char)w[k]) * 16777619u;
    for (uint32_t slot = h & (CAP - 1);; slot = (slot + 1) & (CAP - 1)) {
      probes++;
      if (table[slot].count == 0) {
        strcpy(table[slot].key, w);
        table[slot].count = 1;
        distinct++;
        break;
      }
      if (strcmp(table[slot].key, w) == 0) {
        table[slot].count++;
        break;
      }
    }
  }
  unsigned best = 0;
  const char *best_key = "";
  for (int i = 0; i < CAP; i++) {
    if (table[i].count > best || (table[i].count == best && best && strcmp(table[i].key, best_key) < 0)) {
      best = table[i].count;
      best_key = table[i].key;
    }
  }
  printf("hash table: %u distinct, %u probes, most common '%s' x%u\n", distinct, probes, best_key,
         best);
}

static void merge_sort(long *a, long *tmp, size_t n) {
  if (n < 2) return;
  size_t h = n / 2;
  merge_sort(a, tmp, h);
  merge_sort(a + h, tmp, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}

static void sorting(void) {
  enum { N = 100000 };
  long *a = malloc(N * sizeof *a), *tmp = malloc(N * sizeof *tmp);
  uint64_t s = 1;
  for (int i = 0; i < N; i++) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    a[i] = (long)(s >> 33) - (1l << 30);
  }
  merge_sort(a, tmp, N);
  int ok = 1;
  uint64_t h = 0;
  for (int i = 0; i < N; i++) {
    if (i && a[i - 1] > a[i]) ok = 0;
    h = h * 31 + (uint64_t)a[i];
  }
  printf("merge sort: ok=%d min=%ld median=%ld max=%ld hash=%016llx\n", ok, a[0], a[N / 2],
         a[N - 1], (unsigned long long)h);
  free(a);
  free(tmp);
}

int main(void) {
  run_script("fib",
             "func fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }\n"
             "i = 0; while i < 20 { print fib(i); i = i + 5; }\n");
  run_script("collatz",
             "# longest Collatz chain below 3000\n"
             "best = 0; arg = 0; n = 1;\n"
             "while n < 3000 { x = n; c = 0;\n"
             "  while x != 1 { if x % 2 == 0 { x = x / 2; } else { x = 3 * x + 1; } c = c + 1; }\n"
             "  if c > best { best = c; arg = n; } n = n + 1; }\n"
             "print arg; print best;\n");
  run_script("gcd",
             "func gcd(a, b) { while b != 0 { t = a % b; a = b; b = t; } return a; }\n"
             "s = 0; i = 1; while i < 200 { j = 1; while j < 50 { s = s + gcd(i, j); j = j + 1; } "
             "i = i + 1; }\n"
             "print s; print gcd(1071, 462); print -7 / 2; print -7 % 2; print (5 ^ 3) | 8;\n");
  sieve();
  hashtable();
  sorting();
  return 0;
}
