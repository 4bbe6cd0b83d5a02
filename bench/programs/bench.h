/*===-- bench/programs/bench.h - shared helpers for the benchmarks -------===*/
/*
 * Every benchmark is one C file that includes this header, reads an
 * optional size parameter from argv[1], runs a deterministic kernel and
 * prints one "checksum: ..." line that must be identical natively and in
 * every WebAssembly runner. Only fixed-width integer types go into
 * checksums: `long` is 32 bits on wasm32 and 64 bits on x86-64.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[i] as a positive integer, or `dflt` when it is absent. */
static inline uint32_t bench_arg(int argc, char **argv, int i, uint32_t dflt) {
  if (argc <= i)
    return dflt;
  long v = strtol(argv[i], NULL, 10);
  if (v <= 0) {
    fprintf(stderr, "bad argument '%s': want a positive integer\n", argv[i]);
    exit(2);
  }
  return (uint32_t)v;
}

/* xorshift64*: small, fast and the same on every target. */
typedef struct {
  uint64_t s;
} bench_rng;

static inline void rng_seed(bench_rng *r, uint64_t seed) {
  r->s = seed ? seed : 0x9e3779b97f4a7c15ull;
}

static inline uint64_t rng_next(bench_rng *r) {
  uint64_t x = r->s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  r->s = x;
  return x * 0x2545f4914f6cdd1dull;
}

static inline uint32_t rng_u32(bench_rng *r) {
  return (uint32_t)(rng_next(r) >> 32);
}

/* FNV-1a over bytes, for checksums of buffers. */
static inline uint64_t fnv1a(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = (const unsigned char *)p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 0x100000001b3ull;
  }
  return h;
}
#define FNV_INIT 0xcbf29ce484222325ull

static inline void *bench_alloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fprintf(stderr, "out of memory (%zu bytes)\n", n);
    exit(3);
  }
  return p;
}

static inline void bench_fail(const char *what) {
  fprintf(stderr, "verification failed: %s\n", what);
  exit(1);
}

#endif
