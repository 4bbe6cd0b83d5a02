/*===-- lzss.c - LZSS compressor with hash chains ------------------------===*/
/*
 * Compresses a 2 MiB text-like PRNG buffer (words from a skewed vocabulary)
 * with LZSS: a 64 KiB window, matches of 3..258 bytes found through hash
 * chains (at most 32 candidates), a flag byte per eight items. Decompresses
 * and verifies, argv[1] times (default 30), mutating the input in between.
 */
#include "bench.h"

#define WIN (1u << 16)
#define MIN_MATCH 3
#define MAX_MATCH 258
#define HBITS 15
#define MAX_CHAIN 32

static uint32_t hash3(const unsigned char *p) {
  uint32_t v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
  return (v * 2654435761u) >> (32 - HBITS);
}

/* Output: per group a flag byte (bit set = match), then 8 items: a literal
 * byte or a match as offset-1 (2 bytes, little endian) and length-3. */
static size_t compress(const unsigned char *in, size_t n, unsigned char *out,
                       int32_t *head, int32_t *prev) {
  for (uint32_t i = 0; i < (1u << HBITS); i++)
    head[i] = -1;
  size_t o = 0, flag_pos = 0, i = 0;
  int nitems = 8;
  while (i < n) {
    if (nitems == 8) {
      flag_pos = o++;
      out[flag_pos] = 0;
      nitems = 0;
    }
    size_t best_len = 0, best_off = 0;
    if (i + MIN_MATCH <= n) {
      uint32_t hv = hash3(in + i);
      int32_t cand = head[hv];
      size_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
      for (int chain = 0; cand >= 0 && chain < MAX_CHAIN; chain++) {
        size_t off = i - (size_t)cand;
        if (off > WIN)
          break;
        if (in[cand + best_len] == in[i + best_len]) {
          size_t l = 0;
          while (l < limit && in[cand + l] == in[i + l])
            l++;
          if (l > best_len) {
            best_len = l;
            best_off = off;
            if (l == limit)
              break;
          }
        }
        cand = prev[cand & (WIN - 1)];
      }
    }
    size_t step = best_len >= MIN_MATCH ? best_len : 1;
    if (best_len >= MIN_MATCH) {
      out[flag_pos] |= (unsigned char)(1 << nitems);
      out[o++] = (unsigned char)(best_off - 1);
      out[o++] = (unsigned char)((best_off - 1) >> 8);
      out[o++] = (unsigned char)(best_len - MIN_MATCH);
    } else {
      out[o++] = in[i];
    }
    nitems++;
    for (size_t k = 0; k < step; k++, i++) {
      if (i + MIN_MATCH <= n) {
        uint32_t hv = hash3(in + i);
        prev[i & (WIN - 1)] = head[hv];
        head[hv] = (int32_t)i;
      }
    }
  }
  return o;
}

static size_t decompress(const unsigned char *in, size_t n, unsigned char *out,
                         size_t cap) {
  size_t i = 0, o = 0;
  while (i < n) {
    unsigned flags = in[i++];
    for (int k = 0; k < 8 && i < n; k++) {
      if (flags & (1u << k)) {
        size_t off = (size_t)in[i] + ((size_t)in[i + 1] << 8) + 1;
        size_t len = (size_t)in[i + 2] + MIN_MATCH;
        i += 3;
        if (off > o || o + len > cap)
          return (size_t)-1;
        for (size_t l = 0; l < len; l++, o++)
          out[o] = out[o - off];
      } else {
        if (o >= cap)
          return (size_t)-1;
        out[o++] = in[i++];
      }
    }
  }
  return o;
}

int main(int argc, char **argv) {
  uint32_t reps = bench_arg(argc, argv, 1, 30);
  const size_t n = 2u << 20;
  static const char *words[] = {
      "the ",  "of ",       "and ",    "wasm ",   "native ", "compiler ",
      "a ",    "to ",       "memory ", "bounds ", "check ",  "function ",
      "in ",   "is ",       "table ",  "LLVM ",   "module ", "instance ",
      "trap ", "for ",      "with ",   "stack ",  "\n",      "guard ",
      "page ", "register ", "load ",   "store ",  "branch ", "loop "};
  const int nwords = sizeof words / sizeof *words;
  unsigned char *in = bench_alloc(n);
  unsigned char *z = bench_alloc(n + n / 8 + 16);
  unsigned char *back = bench_alloc(n);
  int32_t *head = bench_alloc(sizeof(int32_t) << HBITS);
  int32_t *prev = bench_alloc(sizeof(int32_t) * WIN);
  bench_rng r;
  rng_seed(&r, 7);
  size_t fill = 0;
  while (fill < n) {
    uint32_t x = rng_u32(&r);
    /* Skewed choice: small indices far more often. */
    int w = (int)(((x & 0xffff) * (x & 0xffff) >> 16) * nwords >> 16);
    const char *s = words[w];
    if ((x >> 16) % 23 == 0) {
      in[fill++] = (unsigned char)('0' + (x >> 20) % 10);
      continue;
    }
    for (; *s && fill < n; s++)
      in[fill++] = (unsigned char)*s;
  }
  uint64_t h = FNV_INIT;
  for (uint32_t rep = 0; rep < reps; rep++) {
    size_t zn = compress(in, n, z, head, prev);
    size_t bn = decompress(z, zn, back, n);
    if (bn != n || memcmp(in, back, n) != 0)
      bench_fail("lzss round trip");
    uint64_t sz = zn;
    h = fnv1a(h, &sz, sizeof sz);
    h = fnv1a(h, z + zn / 2, 256);
    for (uint32_t k = 0; k < 64; k++)
      in[(rng_u32(&r)) % n] = (unsigned char)('A' + k % 26);
  }
  printf("checksum: %016llx\n", (unsigned long long)h);
  free(in);
  free(z);
  free(back);
  free(head);
  free(prev);
  return 0;
}
