/*===-- simd.c - loops the auto-vectoriser handles -----------------------===*/
/*
 * Plain C that clang vectorises (SSE2 natively, simd128 for wasm with
 * -msimd128, nothing without it): saxpy on floats, an integer dot product,
 * a 3x3 box blur on 8-bit pixels and a sum of absolute differences, over
 * a 512x512 image argv[1] times (default 1600). No float reduction is
 * reassociated (that would need -ffast-math), so results are exact.
 */
#include "bench.h"

#define W 512
#define H 512

static void saxpy(float *restrict y, const float *restrict x, float a,
                  size_t n) {
  for (size_t i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

static int32_t dot_i16(const int16_t *restrict a, const int16_t *restrict b,
                       size_t n) {
  int32_t s = 0;
  for (size_t i = 0; i < n; i++)
    s += (int32_t)a[i] * b[i];
  return s;
}

static void blur(unsigned char *restrict out,
                 const unsigned char *restrict in) {
  for (int y = 1; y < H - 1; y++) {
    const unsigned char *r0 = in + (y - 1) * W, *r1 = in + y * W,
                        *r2 = in + (y + 1) * W;
    unsigned char *o = out + y * W;
    for (int x = 1; x < W - 1; x++) {
      uint32_t s = (uint32_t)r0[x - 1] + r0[x] + r0[x + 1] + r1[x - 1] + r1[x] +
                   r1[x + 1] + r2[x - 1] + r2[x] + r2[x + 1];
      o[x] = (unsigned char)((s * 7282u) >> 16); /* ~ s / 9 */
    }
  }
}

static uint32_t sad(const unsigned char *restrict a,
                    const unsigned char *restrict b, size_t n) {
  uint32_t s = 0;
  for (size_t i = 0; i < n; i++) {
    int d = (int)a[i] - (int)b[i];
    s += (uint32_t)(d < 0 ? -d : d);
  }
  return s;
}

int main(int argc, char **argv) {
  uint32_t reps = bench_arg(argc, argv, 1, 1600);
  const size_t n = (size_t)W * H;
  float *x = bench_alloc(n * sizeof(float));
  float *y = bench_alloc(n * sizeof(float));
  int16_t *p = bench_alloc(n * sizeof(int16_t));
  int16_t *q = bench_alloc(n * sizeof(int16_t));
  unsigned char *img = bench_alloc(n), *tmp = bench_alloc(n);
  bench_rng r;
  rng_seed(&r, 8);
  for (size_t i = 0; i < n; i++) {
    x[i] = (float)(rng_u32(&r) % 1000) / 1000.0f;
    y[i] = 0;
    p[i] = (int16_t)(rng_u32(&r) % 512 - 256);
    q[i] = (int16_t)(rng_u32(&r) % 512 - 256);
    img[i] = tmp[i] = (unsigned char)rng_u32(&r);
  }
  uint64_t h = FNV_INIT;
  for (uint32_t k = 0; k < reps; k++) {
    saxpy(y, x, 0.5f + (float)(k % 3), n);
    int32_t d = dot_i16(p, q, n);
    blur(tmp, img);
    uint32_t s = sad(tmp, img, n);
    blur(img, tmp);
    p[k % n] = (int16_t)(d & 0x7f);
    uint32_t v[2] = {(uint32_t)d, s};
    h = fnv1a(h, v, sizeof v);
  }
  h = fnv1a(h, y, n * sizeof(float));
  h = fnv1a(h, img, n);
  printf("checksum: %016llx\n", (unsigned long long)h);
  free(x);
  free(y);
  free(p);
  free(q);
  free(img);
  free(tmp);
  return 0;
}
