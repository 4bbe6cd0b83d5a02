/*===-- sort.c - quicksort and mergesort of a PRNG array -----------------===*/
/*
 * Sorts argv[1] (default 2000000) PRNG keys with an introsort-style
 * quicksort (median of three, insertion sort below 16) and with a bottom-up
 * mergesort, argv[2] times (default 4); checks both are sorted and equal.
 */
#include "bench.h"

static void insertion(uint32_t *a, int64_t lo, int64_t hi) {
  for (int64_t i = lo + 1; i <= hi; i++) {
    uint32_t v = a[i];
    int64_t j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void quicksort(uint32_t *a, int64_t lo, int64_t hi) {
  while (hi - lo > 16) {
    int64_t mid = lo + (hi - lo) / 2;
    uint32_t x = a[lo], y = a[mid], z = a[hi];
    uint32_t pivot =
        x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    int64_t i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot)
        i++;
      while (a[j] > pivot)
        j--;
      if (i <= j) {
        uint32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    /* Recurse into the smaller side, loop on the larger. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion(a, lo, hi);
}

static void mergesort(uint32_t *a, uint32_t *tmp, size_t n) {
  uint32_t *src = a, *dst = tmp;
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    uint32_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != a)
    memcpy(a, src, n * sizeof *a);
}

int main(int argc, char **argv) {
  uint32_t n = bench_arg(argc, argv, 1, 2000000);
  uint32_t reps = bench_arg(argc, argv, 2, 4);
  uint32_t *q = bench_alloc(sizeof(uint32_t) * n);
  uint32_t *m = bench_alloc(sizeof(uint32_t) * n);
  uint32_t *tmp = bench_alloc(sizeof(uint32_t) * n);
  bench_rng r;
  rng_seed(&r, 5);
  uint64_t h = FNV_INIT;
  for (uint32_t rep = 0; rep < reps; rep++) {
    for (uint32_t i = 0; i < n; i++)
      q[i] = m[i] = rng_u32(&r) % (n * 4u + 1);
    quicksort(q, 0, (int64_t)n - 1);
    mergesort(m, tmp, n);
    for (uint32_t i = 1; i < n; i++)
      if (q[i - 1] > q[i])
        bench_fail("quicksort order");
    if (memcmp(q, m, sizeof(uint32_t) * n) != 0)
      bench_fail("quicksort == mergesort");
    h = fnv1a(h, q + n / 3, sizeof(uint32_t) * (n / 3 < 1024 ? n / 3 : 1024));
  }
  printf("checksum: %016llx %u %u\n", (unsigned long long)h, q[0], q[n - 1]);
  free(q);
  free(m);
  free(tmp);
  return 0;
}
