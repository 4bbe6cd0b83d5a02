/*===-- memcopy.c - memory-bound copy and fill loops ---------------------===*/
/*
 * Streams over two 16 MiB buffers (larger than the caches): memset,
 * memcpy, an element-wise copy loop, a fill loop and a strided add, argv[1]
 * rounds (default 200). Measures memory bandwidth and the libc's (native:
 * glibc, wasm: wasi-libc) memcpy/memset.
 */
#include "bench.h"

static void copy_loop(uint32_t *restrict d, const uint32_t *restrict s,
                      size_t n) {
  for (size_t i = 0; i < n; i++)
    d[i] = s[i];
}

static void fill_loop(uint32_t *d, size_t n, uint32_t v) {
  for (size_t i = 0; i < n; i++)
    d[i] = v + (uint32_t)i;
}

static uint32_t strided_add(uint32_t *d, size_t n, size_t stride) {
  uint32_t s = 0;
  for (size_t i = 0; i < n; i += stride) {
    d[i] += 1;
    s += d[i];
  }
  return s;
}

int main(int argc, char **argv) {
  uint32_t rounds = bench_arg(argc, argv, 1, 200);
  const size_t bytes = 16u << 20, n = bytes / 4;
  uint32_t *a = bench_alloc(bytes);
  uint32_t *b = bench_alloc(bytes);
  uint64_t h = FNV_INIT;
  for (uint32_t r = 0; r < rounds; r++) {
    memset(a, (int)(r & 0xff), bytes);
    memcpy(b, a, bytes);
    fill_loop(a, n, r * 2654435761u);
    copy_loop(b, a, n);
    uint32_t s = strided_add(b, n, 16 + r % 7);
    memcpy(a + 1, b, bytes - 4 * 1024 - 4);
    uint32_t probe[4] = {s, a[r * 4099 % n], b[r * 7919 % n], a[n - 1]};
    h = fnv1a(h, probe, sizeof probe);
  }
  h = fnv1a(h, a + n / 2, 4096);
  printf("checksum: %016llx\n", (unsigned long long)h);
  free(a);
  free(b);
  return 0;
}
