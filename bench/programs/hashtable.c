/*===-- hashtable.c - open-addressing hash table -------------------------===*/
/*
 * A linear-probing table of 64-bit keys to 32-bit values with tombstones:
 * inserts argv[1] (default 1000000) PRNG keys, looks up twice as many
 * (half present), deletes a third and re-inserts, argv[2] rounds
 * (default 4), growing by doubling.
 */
#include "bench.h"

typedef struct {
  uint64_t *keys; /* 0 = empty, 1 = deleted */
  uint32_t *vals;
  uint32_t cap, used, live;
} table;

static uint32_t hash64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return (uint32_t)k;
}

static void init(table *t, uint32_t cap) {
  t->keys = calloc(cap, sizeof *t->keys);
  t->vals = calloc(cap, sizeof *t->vals);
  if (!t->keys || !t->vals)
    bench_fail("calloc");
  t->cap = cap;
  t->used = t->live = 0;
}

static void put(table *t, uint64_t k, uint32_t v);

static void grow(table *t) {
  table old = *t;
  init(t, old.cap * 2);
  for (uint32_t i = 0; i < old.cap; i++)
    if (old.keys[i] > 1)
      put(t, old.keys[i], old.vals[i]);
  free(old.keys);
  free(old.vals);
}

static void put(table *t, uint64_t k, uint32_t v) {
  if ((t->used + 1) * 4 > t->cap * 3)
    grow(t);
  uint32_t mask = t->cap - 1, i = hash64(k) & mask;
  int64_t tomb = -1;
  for (;;) {
    uint64_t cur = t->keys[i];
    if (cur == k) {
      t->vals[i] = v;
      return;
    }
    if (cur == 1 && tomb < 0)
      tomb = i;
    if (cur == 0)
      break;
    i = (i + 1) & mask;
  }
  if (tomb >= 0) {
    i = (uint32_t)tomb;
  } else {
    t->used++;
  }
  t->keys[i] = k;
  t->vals[i] = v;
  t->live++;
}

static int get(const table *t, uint64_t k, uint32_t *v) {
  uint32_t mask = t->cap - 1, i = hash64(k) & mask;
  for (;;) {
    uint64_t cur = t->keys[i];
    if (cur == k) {
      *v = t->vals[i];
      return 1;
    }
    if (cur == 0)
      return 0;
    i = (i + 1) & mask;
  }
}

static int del(table *t, uint64_t k) {
  uint32_t mask = t->cap - 1, i = hash64(k) & mask;
  for (;;) {
    uint64_t cur = t->keys[i];
    if (cur == k) {
      t->keys[i] = 1;
      t->live--;
      return 1;
    }
    if (cur == 0)
      return 0;
    i = (i + 1) & mask;
  }
}

static uint64_t key_of(uint64_t x) { return (x | 2) ^ 0x5bd1e995ull; }

int main(int argc, char **argv) {
  uint32_t n = bench_arg(argc, argv, 1, 1000000);
  uint32_t rounds = bench_arg(argc, argv, 2, 4);
  uint64_t *keys = bench_alloc(sizeof(uint64_t) * n);
  uint64_t h = FNV_INIT;
  bench_rng r;
  rng_seed(&r, 6);
  for (uint32_t round = 0; round < rounds; round++) {
    table t;
    init(&t, 1024);
    for (uint32_t i = 0; i < n; i++) {
      keys[i] = key_of(rng_next(&r));
      put(&t, keys[i], i);
    }
    uint32_t found = 0, sum = 0, v;
    for (uint32_t i = 0; i < 2 * n; i++) {
      uint64_t k = i & 1 ? keys[(i / 2 * 7u) % n] : key_of(rng_next(&r));
      if (get(&t, k, &v)) {
        found++;
        sum += v;
      }
    }
    uint32_t deleted = 0;
    for (uint32_t i = 0; i < n; i += 3)
      deleted += (uint32_t)del(&t, keys[i]);
    for (uint32_t i = 0; i < n; i += 6)
      put(&t, keys[i], i ^ 0x55);
    uint32_t after = 0;
    for (uint32_t i = 0; i < n; i++)
      if (get(&t, keys[i], &v))
        after += v;
    uint32_t res[6] = {found, sum, deleted, t.live, after, t.cap};
    h = fnv1a(h, res, sizeof res);
    free(t.keys);
    free(t.vals);
  }
  printf("checksum: %016llx\n", (unsigned long long)h);
  free(keys);
  return 0;
}
