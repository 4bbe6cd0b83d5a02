/*===- stats.c - A module for the embed-cmake example --------------------===*\
 *
 * \file
 * Compiled to wasm32 with no libc: plain arithmetic, one function per wasm
 * value type, and a division that traps on zero.
\*===----------------------------------------------------------------------===*/

#include <stdint.h>

__attribute__((export_name("fib"))) int64_t fib(int32_t n) {
  int64_t a = 0, b = 1;
  while (n-- > 0) {
    int64_t t = a + b;
    a = b;
    b = t;
  }
  return a;
}

__attribute__((export_name("mean"))) double mean(double x, double y) {
  return (x + y) / 2;
}

__attribute__((export_name("scale"))) float scale(float x, int32_t by) {
  return x * (float)by;
}

__attribute__((export_name("ratio"))) int32_t ratio(int32_t a, int32_t b) {
  return a / b;
}
