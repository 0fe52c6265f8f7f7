/*
 * fp: floating point. float and double arithmetic, sqrt, fma, conversions in both
 * directions, printf %f/%e/%g/%a, libm functions, min/max with NaN and signed zeros, NaN bit
 * patterns, every rounding mode through fesetround, exception flags through fetestexcept,
 * and long double.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Inputs go through volatiles so that the compiler cannot fold anything. */
static volatile double vd[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 2.5, -2.5, 3.5, 1e10,
                               1e-10, 123456.789, -987654.321, 1e300, 1e-300, 4.9e-324,
                               DBL_MAX, DBL_MIN, INFINITY, -INFINITY, NAN};
static volatile float vf[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, 1.0f / 3.0f, 2.5f, -2.5f, 3.5f,
                              1e10f, 1e-10f, 123456.789f, 1e38f, 1e-38f, 1.4e-45f, FLT_MAX,
                              FLT_MIN, INFINITY, -INFINITY, NAN};
#define ND (sizeof vd / sizeof vd[0])
#define NF (sizeof vf / sizeof vf[0])

static uint64_t dbits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static uint32_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static void print_flags(const char *what) {
  int f = fetestexcept(FE_ALL_EXCEPT);
  printf("%-22s", what);
  printf("%s", f & FE_INVALID ? " invalid" : "");
  printf("%s", f & FE_DIVBYZERO ? " divbyzero" : "");
  printf("%s", f & FE_OVERFLOW ? " overflow" : "");
  printf("%s", f & FE_UNDERFLOW ? " underflow" : "");
  printf("%s", f & FE_INEXACT ? " inexact" : "");
  printf("%s\n", f ? "" : " none");
}

static void arithmetic(void) {
  printf("-- double arithmetic (bits)\n");
  uint64_t h = 0;
  for (unsigned i = 0; i < ND; i++) {
    for (unsigned j = 0; j < ND; j++) {
      double a = vd[i], b = vd[j];
      h = h * 31 + dbits(a + b);
      h = h * 31 + dbits(a - b);
      h = h * 31 + dbits(a * b);
      h = h * 31 + dbits(a / b);
      h = h * 31 + dbits(fma(a, b, vd[(i + j) % ND]));
      h = h * 31 + (uint64_t)((a < b) | (a <= b) << 1 | (a == b) << 2 | isunordered(a, b) << 3);
    }
  }
  printf("double hash %016" PRIx64 "\n", h);
  uint32_t hf = 0;
  for (unsigned i = 0; i < NF; i++) {
    for (unsigned j = 0; j < NF; j++) {
      float a = vf[i], b = vf[j];
      hf = hf * 31 + fbits(a + b);
      hf = hf * 31 + fbits(a - b);
      hf = hf * 31 + fbits(a * b);
      hf = hf * 31 + fbits(a / b);
      hf = hf * 31 + fbits(fmaf(a, b, vf[(i + j) % NF]));
      hf = hf * 31 + (uint32_t)((a < b) | (a <= b) << 1 | (a == b) << 2);
    }
  }
  printf("float hash %08" PRIx32 "\n", hf);
  for (unsigned i = 0; i < ND; i++) {
    double a = vd[i];
    printf("sqrt(%a) = %a  float: %a\n", a, sqrt(a), (double)sqrtf((float)a));
  }
  printf("fma(0.1, 10, -1) = %a vs %a\n", fma(vd[4], 10.0, -1.0), vd[4] * 10.0 - 1.0);
  printf("fmaf(0.1f, 10, -1) = %a\n", (double)fmaf(vf[4], 10.0f, -1.0f));
}

static void nan_bits(void) {
  printf("-- NaN bits\n");
  volatile double z = 0.0;
  volatile float zf = 0.0f;
  printf("0/0 double %016" PRIx64 "\n", dbits(z / z));
  printf("0/0 float %08" PRIx32 "\n", fbits(zf / zf));
  printf("sqrt(-1) %016" PRIx64 "\n", dbits(sqrt(vd[3])));
  printf("inf-inf %016" PRIx64 "\n", dbits(vd[18] + vd[19]));
  printf("nan as float %08" PRIx32 "\n", fbits((float)vd[20]));
  printf("fmin(nan, 1) %g  fmax(1, nan) %g\n", fmin(vd[20], 1.0), fmax(1.0, vd[20]));
  printf("fmin(-0, 0) %016" PRIx64 " fmax(-0, 0) %016" PRIx64 "\n", dbits(fmin(vd[1], vd[0])),
         dbits(fmax(vd[1], vd[0])));
  printf("copysign %g %g, fabs %g\n", copysign(3.0, vd[1]), copysign(vd[20], -1.0), fabs(vd[7]));
  for (unsigned i = 0; i < ND; i++) {
    double a = vd[i];
    printf("class %a: %d %d %d %d %d\n", a, fpclassify(a), isnan(a) != 0, isinf(a),
           signbit(a) != 0, isnormal(a) != 0);
  }
}

static void conversions(void) {
  printf("-- conversions\n");
  for (unsigned i = 0; i < ND; i++) {
    double a = vd[i];
    if (isnan(a) || a >= 9.2e18 || a <= -9.2e18) continue;
    printf("%a -> i64 %lld, i32 %d, float %a\n", a, (long long)a,
           (a < 2147483648.0 && a > -2147483649.0) ? (int)a : 0, (double)(float)a);
  }
  volatile int64_t iv[] = {0, 1, -1, INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN,
                           (1ll << 53) + 1, -(1ll << 53) - 1, 16777217};
  for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
    int64_t v = iv[i];
    printf("%lld -> double %a float %a u->d %a u32->f %a\n", (long long)v, (double)v,
           (double)(float)v, (double)(uint64_t)v, (double)(float)(uint32_t)v);
  }
  volatile float f = 3.999999f;
  printf("float->double->float %a %a\n", (double)f, (double)(float)(double)f);
#if defined(__riscv) || defined(__aarch64__)
  /* Out-of-range conversions saturate on these ISAs (C leaves them undefined). */
  volatile double big = 1e20, nbig = -1e20, nan = NAN;
  printf("saturate: %d %d %d %lld %lld %lld %u %llu\n", (int)big, (int)nbig, (int)nan,
         (long long)big, (long long)nbig, (long long)nan, (unsigned)nbig,
         (unsigned long long)big);
#endif
}

static void printing(void) {
  printf("-- printf\n");
  for (unsigned i = 0; i < ND; i++) {
    double a = vd[i];
    printf("[%f] [%e] [%g] [%a] [%.17g] [%10.3f] [%-12.4e|] [%+g] [%#.0f] [%08.2f]\n", a, a, a,
           a, a, a, a, a, a, a);
  }
  printf("[%.0f] [%.0f] [%.0f] [%.1f] [%.2e] [%G] [%E] [%A]\n", 0.5, 1.5, 2.5, 0.05, 12345.0,
         1e-20, 1e20, 255.5);
  printf("[%.30f] [%.20e] [%La]\n", 0.1, 1.0 / 3.0, 1.0L / 3.0L);
  printf("[%Lf] [%Lg] [%.30Le]\n", 2.0L / 3.0L, (long double)vd[11], 1.0L / 7.0L);
}

static void libm(void) {
  printf("-- libm\n");
  volatile double xs[] = {0.5, 1.0, 2.0, 10.0, -3.7, 100.25, 1e-5};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
    double x = xs[i];
    int e = 0;
    double ip = 0.0;
    double fr = frexp(x, &e), mf = modf(x, &ip);
    printf("x=%g sin %a cos %a tan %a exp %a log %a pow %a atan2 %a\n", x, sin(x), cos(x),
           tan(x), exp(x), log(fabs(x)), pow(fabs(x), 1.7), atan2(x, 3.0));
    printf("  floor %g ceil %g round %g trunc %g fmod %a remainder %a frexp %a/%d modf %a/%g\n",
           floor(x), ceil(x), round(x), trunc(x), fmod(x, 0.75), remainder(x, 0.75),
           fr, e, mf, ip);
    printf("  ldexp %a hypot %a cbrt %a sinf %a expf %a logf %a\n", ldexp(x, 7), hypot(x, 4.0),
           cbrt(x), (double)sinf((float)x), (double)expf((float)x),
           (double)logf(fabsf((float)x)));
  }
}

static void rounding(void) {
  static const struct {
    int mode;
    const char *name;
  } modes[] = {{FE_TONEAREST, "nearest"},
               {FE_UPWARD, "upward"},
               {FE_DOWNWARD, "downward"},
               {FE_TOWARDZERO, "towardzero"}};
  printf("-- rounding modes\n");
  for (unsigned m = 0; m < 4; m++) {
    if (fesetround(modes[m].mode) != 0) {
      printf("%s: fesetround failed\n", modes[m].name);
      continue;
    }
    volatile double one = 1.0, three = 3.0, two = 2.0, neg = -1.0;
    volatile float onef = 1.0f, threef = 3.0f;
    printf("%s: get=%d 1/3=%a -1/3=%a 1/3f=%a sqrt2=%a\n", modes[m].name,
           fegetround() == modes[m].mode, one / three, neg / three, (double)(onef / threef),
           sqrt(two));
    printf("  rint(2.5)=%g rint(-2.5)=%g rint(3.5)=%g nearbyint(-0.5)=%g lrint(2.5)=%ld "
           "llrint(-3.5)=%lld\n",
           rint(vd[6]), rint(vd[7]), rint(vd[8]), nearbyint(-0.5), lrint(vd[6]),
           llrint(-vd[8]));
    printf("  (float)0.1=%a (float)1e300=%a fma=%a 0.1+0.2=%.17g printf(2.5)=%.0f %.3f\n",
           (double)(float)vd[4], (double)(float)vd[13], fma(vd[4], 3.0, 0.7), vd[4] + 0.2,
           2.5, 1.0005);
    volatile long long big = (1ll << 53) + 1;
    printf("  (double)2^53+1=%a (float)16777217=%a\n", (double)big,
           (double)(float)(int)16777217);
  }
  fesetround(FE_TONEAREST);
}

static double two_point_five(void) {
  volatile double v = 2.5;
  return v;
}

static void flags(void) {
  volatile double one = 1.0, zero = 0.0, three = 3.0, dmax = DBL_MAX, dmin = DBL_MIN;
  volatile double nan = NAN, neg = -1.0, r;
  volatile float rf;
  volatile long long ri;
  printf("-- exception flags\n");
  feclearexcept(FE_ALL_EXCEPT);
  print_flags("cleared");
  feclearexcept(FE_ALL_EXCEPT);
  r = one + one;
  print_flags("1+1");
  feclearexcept(FE_ALL_EXCEPT);
  r = one / three;
  print_flags("1/3");
  feclearexcept(FE_ALL_EXCEPT);
  r = one / zero;
  print_flags("1/0");
  feclearexcept(FE_ALL_EXCEPT);
  r = zero / zero;
  print_flags("0/0");
  feclearexcept(FE_ALL_EXCEPT);
  r = sqrt(neg);
  print_flags("sqrt(-1)");
  feclearexcept(FE_ALL_EXCEPT);
  r = dmax * three;
  print_flags("max*3");
  feclearexcept(FE_ALL_EXCEPT);
  r = dmin / three;
  print_flags("min/3");
  feclearexcept(FE_ALL_EXCEPT);
  rf = (float)dmax;
  print_flags("(float)DBL_MAX");
  feclearexcept(FE_ALL_EXCEPT);
  r = nan + one;
  print_flags("qnan+1");
  feclearexcept(FE_ALL_EXCEPT);
  r = (double)(nan < one);
  print_flags("qnan<1");
  feclearexcept(FE_ALL_EXCEPT);
  r = (double)(nan == one);
  print_flags("qnan==1");
  feclearexcept(FE_ALL_EXCEPT);
  ri = (long long)(three / two_point_five());
  print_flags("(ll)1.2");
  feclearexcept(FE_ALL_EXCEPT);
  r = fma(dmax, three, -dmax);
  print_flags("fma overflow");
  feclearexcept(FE_ALL_EXCEPT);
  feraiseexcept(FE_INEXACT | FE_DIVBYZERO);
  print_flags("feraiseexcept");
  (void)r;
  (void)rf;
  (void)ri;
  feclearexcept(FE_ALL_EXCEPT);
}

int main(void) {
  arithmetic();
  nan_bits();
  conversions();
  printing();
  libm();
  rounding();
  flags();
  return 0;
}
