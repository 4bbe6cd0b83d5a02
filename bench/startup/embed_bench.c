/*===- embed_bench.c - Instantiate+call through the C embedding API ------===*\
 *
 * \file
 *   embed_bench MODULE.so EXPORT [ITERATIONS]
 *
 * Measures, in process, with wasm2native.h: (1) a fresh instance per call
 * (instantiate, call EXPORT, delete) as a plugin host does; (2) a call on
 * an existing instance; (3) a fresh instance with WASI defined. EXPORT
 * takes no arguments and returns one i32. Prints the median and the
 * 10th/90th percentiles in microseconds. Run by bench/startup/startup.sh.
\*===----------------------------------------------------------------------===*/

#include "wasm2native/wasm2native.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n) {
  qsort(t, n, sizeof *t, cmp);
  printf("%-44s median %8.2f us   p10 %8.2f   p90 %8.2f   (n=%d)\n", what,
         t[n / 2], t[n / 10], t[n * 9 / 10], n);
}

static void check(wasm2native_error *e) {
  if (e) {
    fprintf(stderr, "embed_bench: %s\n", wasm2native_error_message(e));
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: embed_bench MODULE.so EXPORT [ITERATIONS]\n");
    return 2;
  }
  int n = argc > 3 ? atoi(argv[3]) : 2000;
  double *t = malloc(sizeof(double) * n);
  wasm2native_module *mod;
  check(wasm2native_module_load(argv[1], &mod));
  wasm2native_linker *plain = wasm2native_linker_new();
  wasm2native_linker *wasi = wasm2native_linker_new();
  wasm2native_linker_enable_wasi(wasi);
  wasm2native_val r;

  for (int pass = 0; pass < 2; ++pass) { /* the first pass warms up */
    for (int i = 0; i < n; ++i) {
      double t0 = now_us();
      wasm2native_instance *inst;
      check(wasm2native_instantiate(plain, mod, NULL, &inst));
      check(wasm2native_instance_call(inst, argv[2], NULL, 0, &r, 1));
      wasm2native_instance_delete(inst);
      t[i] = now_us() - t0;
    }
  }
  report("instantiate + call + delete", t, n);

  wasm2native_instance *inst;
  check(wasm2native_instantiate(plain, mod, NULL, &inst));
  for (int i = 0; i < n; ++i) {
    double t0 = now_us();
    for (int k = 0; k < 100; ++k)
      check(wasm2native_instance_call(inst, argv[2], NULL, 0, &r, 1));
    t[i] = (now_us() - t0) / 100;
  }
  wasm2native_instance_delete(inst);
  report("call on an existing instance", t, n);

  for (int i = 0; i < n; ++i) {
    double t0 = now_us();
    check(wasm2native_instantiate(wasi, mod, NULL, &inst));
    check(wasm2native_instance_call(inst, argv[2], NULL, 0, &r, 1));
    wasm2native_instance_delete(inst);
    t[i] = now_us() - t0;
  }
  report("instantiate (with WASI) + call + delete", t, n);

  wasm2native_linker_delete(plain);
  wasm2native_linker_delete(wasi);
  wasm2native_module_delete(mod);
  free(t);
  return 0;
}
