/*===-- crc32.c - table-driven CRC-32 (IEEE 802.3) -----------------------===*/
/*
 * CRC-32 with the reflected polynomial 0xEDB88320, slicing by 4 bytes,
 * over a 1 MiB PRNG buffer argv[1] times (default 1000); one byte of the
 * buffer changes between passes. Checked against "123456789" -> cbf43926.
 */
#include "bench.h"

static uint32_t table[4][256];

static void init_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++)
    for (int t = 1; t < 4; t++)
      table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
}

static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n) {
  crc = ~crc;
  while (n >= 4) {
    crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
    crc = table[3][crc & 0xff] ^ table[2][(crc >> 8) & 0xff] ^
          table[1][(crc >> 16) & 0xff] ^ table[0][crc >> 24];
    p += 4;
    n -= 4;
  }
  while (n--)
    crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(int argc, char **argv) {
  uint32_t reps = bench_arg(argc, argv, 1, 1000);
  init_table();
  if (crc32(0, (const unsigned char *)"123456789", 9) != 0xcbf43926u)
    bench_fail("crc32(\"123456789\")");
  const size_t n = 1 << 20;
  unsigned char *buf = bench_alloc(n);
  bench_rng r;
  rng_seed(&r, 3);
  for (size_t i = 0; i < n; i++)
    buf[i] = (unsigned char)rng_u32(&r);
  uint32_t acc = 0;
  for (uint32_t i = 0; i < reps; i++) {
    uint32_t c = crc32(0, buf, n);
    acc = acc * 31 + c;
    buf[c % n] ^= (unsigned char)c;
  }
  printf("checksum: %08x\n", acc);
  free(buf);
  return 0;
}
