/*===- plugin.c - A plugin for the plugin-host example -------------------===*\
 *
 * \file
 * Compiled to wasm32 with no libc (see CMakeLists.txt), then to native
 * code with `wasm2native compile`. The host calls
 *
 *   alloc(size) -> ptr         room for the input in linear memory
 *   process(ptr, len) -> i64   the result's pointer in the high 32 bits and
 *                              its length in the low 32
 *
 * process() upper-cases the input and prefixes the number of words and how
 * many times this instance has been called (always 1: the host uses a
 * fresh instance per call, so no state survives). It logs through the
 * host's env.host_log, and traps on the input "trap!" to show the host
 * surviving a misbehaving plugin.
\*===----------------------------------------------------------------------===*/

#include <stddef.h>
#include <stdint.h>

__attribute__((import_module("env"), import_name("host_log"))) void
host_log(const char *msg, uint32_t len);

extern unsigned char __heap_base;
static uintptr_t next;
static int calls;

__attribute__((export_name("alloc"))) void *alloc(uint32_t size) {
  if (!next)
    next = (uintptr_t)&__heap_base;
  uintptr_t p = (next + 7) & ~(uintptr_t)7;
  uintptr_t end = p + size;
  size_t have = __builtin_wasm_memory_size(0) * 65536;
  if (end > have &&
      __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1)
    return 0;
  next = end;
  return (void *)p;
}

static uint32_t put_num(char *out, uint32_t n) {
  char tmp[10];
  uint32_t k = 0, len = 0;
  do
    tmp[k++] = (char)('0' + n % 10);
  while ((n /= 10));
  while (k)
    out[len++] = tmp[--k];
  return len;
}

static uint32_t put_str(char *out, const char *s) {
  uint32_t n = 0;
  while (s[n]) {
    out[n] = s[n];
    ++n;
  }
  return n;
}

__attribute__((export_name("process"))) uint64_t process(const char *in,
                                                         uint32_t len) {
  ++calls;
  if (len == 5 && in[0] == 't' && in[1] == 'r' && in[2] == 'a' &&
      in[3] == 'p' && in[4] == '!')
    __builtin_trap();
  char *out = alloc(len + 64);
  if (!out)
    return 0;
  uint32_t words = 0;
  for (uint32_t i = 0; i < len; ++i)
    if (in[i] != ' ' && (i == 0 || in[i - 1] == ' '))
      ++words;
  uint32_t n = put_str(out, "call #");
  n += put_num(out + n, (uint32_t)calls);
  n += put_str(out + n, ", ");
  n += put_num(out + n, words);
  n += put_str(out + n, " words: ");
  for (uint32_t i = 0; i < len; ++i) {
    char c = in[i];
    out[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
  }
  host_log("processed", 9);
  return ((uint64_t)(uintptr_t)out << 32) | n;
}
