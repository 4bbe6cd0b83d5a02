/*===-- fannkuch.c - pancake flips over every permutation ----------------===*/
/*
 * For every permutation of 1..n (argv[1], default 10), count the prefix
 * reversals until 1 comes first; report the maximum and an alternating sum.
 * Repeated argv[2] times (default 5). Permutations are enumerated in the
 * usual rotation order with a count array.
 */
#include "bench.h"

static int fannkuch(int n, int *checksum) {
  int perm[16], perm1[16], count[16];
  int max_flips = 0, sum = 0, parity = 0;
  for (int i = 0; i < n; i++)
    perm1[i] = i;
  int r = n;
  for (;;) {
    for (; r != 1; r--)
      count[r - 1] = r;
    if (perm1[0] != 0 && perm1[n - 1] != n - 1) {
      for (int i = 0; i < n; i++)
        perm[i] = perm1[i];
      int flips = 0;
      int k = perm[0];
      while (k != 0) {
        for (int i = 0, j = k; i < j; i++, j--) {
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        flips++;
        k = perm[0];
      }
      if (flips > max_flips)
        max_flips = flips;
      sum += parity ? -flips : flips;
    }
    /* Next permutation: rotate the first r+1 elements left. */
    for (;;) {
      if (r == n) {
        *checksum = sum;
        return max_flips;
      }
      int p0 = perm1[0];
      for (int i = 0; i < r; i++)
        perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      count[r]--;
      if (count[r] > 0)
        break;
      r++;
    }
    parity ^= 1;
  }
}

int main(int argc, char **argv) {
  uint32_t n = bench_arg(argc, argv, 1, 10);
  uint32_t reps = bench_arg(argc, argv, 2, 5);
  if (n > 12)
    bench_fail("n must be at most 12");
  int flips = 0, sum = 0;
  int64_t total = 0;
  for (uint32_t i = 0; i < reps; i++) {
    flips = fannkuch((int)n, &sum);
    total += sum + flips;
  }
  printf("checksum: %d %d %lld\n", sum, flips, (long long)total);
  return 0;
}
