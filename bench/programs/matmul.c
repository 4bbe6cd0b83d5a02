/*===-- matmul.c - dense double-precision matrix multiply ----------------===*/
/*
 * C = A * B for n x n matrices (argv[1], default 512), repeated argv[2]
 * times (default 20) with B perturbed between rounds. The i-k-j loop order
 * streams rows of B and C; no reduction is reassociated, so native and wasm
 * results are bit-identical.
 */
#include "bench.h"

int main(int argc, char **argv) {
  uint32_t n = bench_arg(argc, argv, 1, 512);
  uint32_t reps = bench_arg(argc, argv, 2, 20);
  double *a = bench_alloc(sizeof(double) * n * n);
  double *b = bench_alloc(sizeof(double) * n * n);
  double *c = bench_alloc(sizeof(double) * n * n);
  bench_rng r;
  rng_seed(&r, 2);
  for (uint32_t i = 0; i < n * n; i++) {
    a[i] = (double)(rng_u32(&r) % 2001) / 1000.0 - 1.0;
    b[i] = (double)(rng_u32(&r) % 2001) / 1000.0 - 1.0;
  }
  uint64_t h = FNV_INIT;
  for (uint32_t rep = 0; rep < reps; rep++) {
    memset(c, 0, sizeof(double) * n * n);
    for (uint32_t i = 0; i < n; i++) {
      double *ci = c + (size_t)i * n;
      for (uint32_t k = 0; k < n; k++) {
        double aik = a[(size_t)i * n + k];
        const double *bk = b + (size_t)k * n;
        for (uint32_t j = 0; j < n; j++)
          ci[j] += aik * bk[j];
      }
    }
    double trace = 0;
    for (uint32_t i = 0; i < n; i++)
      trace += c[(size_t)i * n + i];
    int64_t t = (int64_t)(trace * 1e6);
    h = fnv1a(h, &t, sizeof t);
    b[rep % (n * n)] += 0.5;
  }
  h = fnv1a(h, c, sizeof(double) * n * n);
  printf("checksum: %016llx\n", (unsigned long long)h);
  free(a);
  free(b);
  free(c);
  return 0;
}
