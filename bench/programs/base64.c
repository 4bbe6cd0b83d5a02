/*===-- base64.c - base64 encode and decode with verification ------------===*/
/*
 * Encodes a 1 MiB PRNG buffer to base64 and decodes it back, argv[1] times
 * (default 600), checking the round trip each time and hashing the text.
 */
#include "bench.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t encode(const unsigned char *in, size_t n, char *out) {
  size_t o = 0, i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = alphabet[(v >> 6) & 63];
    out[o++] = alphabet[v & 63];
  }
  if (i < n) {
    uint32_t v = (uint32_t)in[i] << 16;
    if (i + 1 < n)
      v |= (uint32_t)in[i + 1] << 8;
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return o;
}

static signed char rev[256];

/* Returns the decoded length, or (size_t)-1 on a bad character. */
static size_t decode(const char *in, size_t n, unsigned char *out) {
  size_t o = 0;
  if (n % 4)
    return (size_t)-1;
  for (size_t i = 0; i < n; i += 4) {
    int a = rev[(unsigned char)in[i]], b = rev[(unsigned char)in[i + 1]];
    int pad = (in[i + 3] == '=') + (in[i + 2] == '=');
    int c = pad >= 2 ? 0 : rev[(unsigned char)in[i + 2]];
    int d = pad >= 1 ? 0 : rev[(unsigned char)in[i + 3]];
    if ((a | b | c | d) < 0)
      return (size_t)-1;
    uint32_t v =
        (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
    out[o++] = (unsigned char)(v >> 16);
    if (pad < 2)
      out[o++] = (unsigned char)(v >> 8);
    if (pad < 1)
      out[o++] = (unsigned char)v;
  }
  return o;
}

int main(int argc, char **argv) {
  uint32_t reps = bench_arg(argc, argv, 1, 600);
  memset(rev, -1, sizeof rev);
  for (int i = 0; i < 64; i++)
    rev[(unsigned char)alphabet[i]] = (signed char)i;
  const size_t n = (1 << 20) + 1; /* not a multiple of 3: exercises padding */
  unsigned char *buf = bench_alloc(n);
  unsigned char *back = bench_alloc(n);
  char *text = bench_alloc((n + 2) / 3 * 4);
  bench_rng r;
  rng_seed(&r, 4);
  for (size_t i = 0; i < n; i++)
    buf[i] = (unsigned char)rng_u32(&r);
  uint64_t h = FNV_INIT;
  for (uint32_t i = 0; i < reps; i++) {
    size_t tn = encode(buf, n, text);
    size_t bn = decode(text, tn, back);
    if (bn != n || memcmp(buf, back, n) != 0)
      bench_fail("base64 round trip");
    h = fnv1a(h, text + (i * 7919) % (tn - 64), 64);
    buf[(i * 104729) % n] ^= (unsigned char)(i + 1);
  }
  printf("checksum: %016llx\n", (unsigned long long)h);
  free(buf);
  free(back);
  free(text);
  return 0;
}
