/*===-- empty.c - the trivial module for start-up measurements -----------===*/
/*
 * Not a benchmark: run.py times this whole process under every runner to
 * measure start-up (load, instantiate, wasi-libc start-up, exit) and the
 * resident memory of one instance with almost no linear memory in use.
 */
#include "bench.h"

int main(void) {
  printf("checksum: 0\n");
  return 0;
}
