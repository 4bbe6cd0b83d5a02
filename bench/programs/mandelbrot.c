/*===-- mandelbrot.c - Mandelbrot set bitmap -----------------------------===*/
/*
 * Renders a w x w (argv[1], default 4500) one-bit bitmap of the Mandelbrot
 * set with at most 50 iterations per pixel, as in the benchmarks game,
 * and hashes the bytes.
 */
#include "bench.h"

int main(int argc, char **argv) {
  uint32_t w = bench_arg(argc, argv, 1, 4500);
  uint32_t row_bytes = (w + 7) / 8;
  unsigned char *bits = bench_alloc((size_t)row_bytes * w);
  for (uint32_t y = 0; y < w; y++) {
    double ci = 2.0 * y / w - 1.0;
    unsigned char acc = 0;
    for (uint32_t x = 0; x < w; x++) {
      double cr = 2.0 * x / w - 1.5;
      double zr = 0, zi = 0, tr = 0, ti = 0;
      int i = 0;
      for (; i < 50 && tr + ti <= 4.0; i++) {
        zi = 2.0 * zr * zi + ci;
        zr = tr - ti + cr;
        tr = zr * zr;
        ti = zi * zi;
      }
      acc = (unsigned char)(acc << 1 | (tr + ti <= 4.0));
      if ((x & 7) == 7 || x == w - 1) {
        if ((x & 7) != 7)
          acc = (unsigned char)(acc << (7 - (x & 7)));
        bits[(size_t)y * row_bytes + x / 8] = acc;
        acc = 0;
      }
    }
  }
  uint64_t h = fnv1a(FNV_INIT, bits, (size_t)row_bytes * w);
  uint32_t set = 0;
  for (size_t i = 0; i < (size_t)row_bytes * w; i++)
    set += (uint32_t)__builtin_popcount(bits[i]);
  printf("checksum: %016llx %u\n", (unsigned long long)h, set);
  free(bits);
  return 0;
}
