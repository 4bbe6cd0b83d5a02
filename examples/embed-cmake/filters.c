/*===- filters.c - A module for the embed-cmake example ------------------===*\
 *
 * \file
 * Compiled to wasm32 with no libc. The host writes text into linear memory
 * (alloc), counts its words (count_words, which reports each word to the
 * host through env.on_word) and reads bytes back (byte_at, which traps on
 * an address outside the memory).
\*===----------------------------------------------------------------------===*/

#include <stdint.h>

__attribute__((import_module("env"), import_name("on_word"))) void
on_word(uint32_t start, uint32_t len);

extern unsigned char __heap_base;

__attribute__((export_name("alloc"))) void *alloc(uint32_t size) {
  static uintptr_t next;
  if (!next)
    next = (uintptr_t)&__heap_base;
  uintptr_t p = next;
  next += (size + 7) & ~7u;
  if (next > __builtin_wasm_memory_size(0) * 65536 &&
      __builtin_wasm_memory_grow(
          0, (next >> 16) + 1 - __builtin_wasm_memory_size(0)) == (uintptr_t)-1)
    return 0;
  return (void *)p;
}

__attribute__((export_name("count_words"))) int32_t
count_words(const char *text, uint32_t len) {
  int32_t words = 0;
  for (uint32_t i = 0; i < len; ++i) {
    if (text[i] == ' ')
      continue;
    uint32_t start = i;
    while (i < len && text[i] != ' ')
      ++i;
    on_word((uint32_t)(uintptr_t)(text + start), i - start);
    ++words;
  }
  return words;
}

__attribute__((export_name("byte_at"))) int32_t byte_at(uint32_t address) {
  return *(volatile unsigned char *)(uintptr_t)address;
}
