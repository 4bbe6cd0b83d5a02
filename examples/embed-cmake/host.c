/*===- host.c - Embed two modules through their generated headers --------===*\
 *
 * \file
 *   embed-host [WORDS...]
 *
 * filters.h and stats.h come from `wasm2native_add_module`: each export is
 * a C function taking the instance, its wasm parameters as C values and
 * pointers for its results; each import a field of a struct of function
 * pointers. Every call returns NULL or a wasm2native_error (a trap, for
 * instance), after which the instance is still usable.
\*===----------------------------------------------------------------------===*/

#include "filters.h"
#include "stats.h"

#include <stdio.h>
#include <string.h>

/* Prints an error, if any, and deletes it; returns whether there was one. */
static int failed(const char *what, wasm2native_error *err) {
  if (!err)
    return 0;
  printf("%s -> %s\n", what, wasm2native_error_message(err));
  wasm2native_error_delete(err);
  return 1;
}

/* filters imports env.on_word(start, len): print the word. */
static wasm2native_error *on_word(void *env, wasm2native_instance *caller,
                                  int32_t start, int32_t len) {
  char word[64];
  if (len < 0 || (size_t)len >= sizeof word)
    return wasm2native_trap_new("on_word: word too long");
  wasm2native_error *err =
      wasm2native_instance_memory_read(caller, (uint32_t)start, word, len);
  if (err)
    return err;
  word[len] = 0;
  printf("  %s word: %s\n", (const char *)env, word);
  return NULL;
}

static int run_filters(const char *text) {
  static char label[] = "filters";
  filters_imports imports;
  memset(&imports, 0, sizeof imports);
  imports.env = label;
  imports.env_on_word = on_word;
  wasm2native_linker *linker = wasm2native_linker_new();
  wasm2native_module *module;
  filters_instance inst;
  if (failed("filters setup", filters_define_imports(linker, &imports)) ||
      failed("filters_module", filters_module(&module)))
    return 1;
  wasm2native_limits limits;
  wasm2native_limits_init(&limits);
  limits.max_memory_pages = 4;
  if (failed("filters_instantiate",
             filters_instantiate(&inst, linker, module, &limits)))
    return 1;

  int32_t len = (int32_t)strlen(text), at = 0, words = 0, byte = 0;
  if (!failed("alloc", filters_alloc(&inst, len, &at)) &&
      !failed("write", wasm2native_instance_memory_write(
                           inst.instance, (uint32_t)at, text, (size_t)len)) &&
      !failed("count_words", filters_count_words(&inst, at, len, &words)))
    printf("filters: count_words(\"%s\") = %d\n", text, words);
  if (!failed("byte_at", filters_byte_at(&inst, at, &byte)))
    printf("filters: byte_at(%d) = '%c'\n", at, byte);
  /* Past the 4-page limit: the load faults, and the fault is a trap. */
  failed("filters: byte_at(0x7fffffff)",
         filters_byte_at(&inst, 0x7fffffff, &byte));
  /* The instance survives its trap. */
  if (!failed("count_words", filters_count_words(&inst, at, len, &words)))
    printf("filters: again, %d words\n", words);

  filters_free(&inst);
  wasm2native_module_delete(module);
  wasm2native_linker_delete(linker);
  return 0;
}

static int run_stats(void) {
  wasm2native_linker *linker = wasm2native_linker_new();
  wasm2native_module *module;
  stats_instance inst;
  if (failed("stats_module", stats_module(&module)) ||
      failed("stats_instantiate",
             stats_instantiate(&inst, linker, module, NULL)))
    return 1;
  int64_t f = 0;
  double m = 0;
  float s = 0;
  int32_t r = 0;
  if (!failed("fib", stats_fib(&inst, 90, &f)))
    printf("stats: fib(90) = %lld\n", (long long)f);
  if (!failed("mean", stats_mean(&inst, 1.5, 4.0, &m)))
    printf("stats: mean(1.5, 4) = %g\n", m);
  if (!failed("scale", stats_scale(&inst, 0.25f, 6, &s)))
    printf("stats: scale(0.25, 6) = %g\n", (double)s);
  if (!failed("ratio", stats_ratio(&inst, -7, 2, &r)))
    printf("stats: ratio(-7, 2) = %d\n", r);
  failed("stats: ratio(1, 0)", stats_ratio(&inst, 1, 0, &r));
  stats_free(&inst);
  wasm2native_module_delete(module);
  wasm2native_linker_delete(linker);
  return 0;
}

int main(int argc, char **argv) {
  const char *text = argc > 1 ? argv[1] : "the quick brown fox";
  return run_filters(text) | run_stats();
}
