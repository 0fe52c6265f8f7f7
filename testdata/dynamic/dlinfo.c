/*
 * What a dynamically linked program sees of its own loading: the auxiliary vector
 * (getauxval), the loaded objects (dl_iterate_phdr: names, program headers, TLS and RELRO
 * segments), a library loaded later with dlopen/dlsym, and dlerror's message for a missing
 * one. Nothing address-dependent is printed, so qemu -L, a native run and kitemu must agree.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static __thread int tls_counter = 5;
static int objects;

static const char *base(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static int show(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  const char *name = info->dlpi_name;
  if (strncmp(name, "linux-vdso", 10) == 0 || strncmp(name, "linux-gate", 10) == 0) return 0;
  int tls = 0, relro = 0, load = 0, dyn = 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    switch (info->dlpi_phdr[i].p_type) {
    case PT_TLS: tls = 1; break;
    case PT_GNU_RELRO: relro = 1; break;
    case PT_LOAD: load++; break;
    case PT_DYNAMIC: dyn = 1; break;
    }
  }
  printf("object %d: %s phnum=%d load=%d dynamic=%d tls=%d relro=%d\n", objects++,
         name[0] ? base(name) : "(main)", info->dlpi_phnum, load, dyn, tls, relro);
  return 0;
}

int main(int argc, char **argv) {
  (void)argc;
  printf("AT_PAGESZ=%lu AT_SECURE=%lu AT_BASE!=0:%d AT_ENTRY!=0:%d\n", getauxval(AT_PAGESZ),
         getauxval(AT_SECURE), getauxval(AT_BASE) != 0, getauxval(AT_ENTRY) != 0);
  printf("AT_EXECFN=%s argv0=%s\n", base((const char *)getauxval(AT_EXECFN)), base(argv[0]));
  const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
  printf("AT_PHNUM=%lu AT_PHENT=%lu first p_type=%u\n", getauxval(AT_PHNUM), getauxval(AT_PHENT),
         ph ? ph[0].p_type : 0u);
  tls_counter += 2;
  printf("tls=%d\n", tls_counter);
  dl_iterate_phdr(show, NULL);

  void *m = dlopen("libm.so.6", RTLD_NOW);
  if (!m) {
    printf("dlopen libm: %s\n", dlerror());
    return 1;
  }
  double (*cosine)(double) = (double (*)(double))dlsym(m, "cos");
  printf("dlsym cos: %s, cos(1)=%.9f\n", cosine ? "found" : "missing", cosine ? cosine(1.0) : 0.0);
  objects = 0;
  dl_iterate_phdr(show, NULL);
  dlclose(m);

  void *none = dlopen("libkitemu_nonexistent.so.7", RTLD_NOW);
  printf("dlopen missing: %s\n", none ? "loaded?!" : dlerror());
  return 0;
}
