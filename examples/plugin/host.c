/*===- host.c - Run the example plugin on each argument ------------------===*\
 *
 * \file
 *   plugin-host PLUGIN.so INPUT...
 *
 * For each INPUT: a fresh instance of the compiled plugin (so no state
 * leaks between calls), with a 16-page (1 MiB) memory limit; alloc() room
 * for the input, write it into linear memory, call process(), split the
 * i64 result into pointer and length and read the output back. A trap in
 * the plugin is reported and the host goes on with the next input.
\*===----------------------------------------------------------------------===*/

#include "wasm2native/wasm2native.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* env.host_log(ptr, len): prints a message from the plugin's memory. */
static wasm2native_error *host_log(void *env, wasm2native_instance *caller,
                                   const wasm2native_val *args,
                                   wasm2native_val *results) {
  (void)results;
  const char *prefix = (const char *)env;
  char buf[128];
  uint32_t len = (uint32_t)args[1].of.i32;
  if (len >= sizeof buf)
    return wasm2native_trap_new("host_log: message too long");
  wasm2native_error *err = wasm2native_instance_memory_read(
      caller, (uint32_t)args[0].of.i32, buf, len);
  if (err)
    return err; /* traps the plugin */
  buf[len] = 0;
  printf("%s%s\n", prefix, buf);
  return NULL;
}

static int fail(wasm2native_error *err) {
  fprintf(stderr, "plugin-host: %s\n", wasm2native_error_message(err));
  wasm2native_error_delete(err);
  return 1;
}

/* Runs the plugin on one input in a fresh instance; 0 on success. */
static int run_one(const wasm2native_linker *linker, wasm2native_module *mod,
                   const char *input) {
  wasm2native_limits limits;
  wasm2native_limits_init(&limits);
  limits.max_memory_pages = 16;
  wasm2native_instance *inst;
  wasm2native_error *err = wasm2native_instantiate(linker, mod, &limits, &inst);
  if (err)
    return fail(err);

  uint32_t len = (uint32_t)strlen(input);
  wasm2native_val arg = {WASM2NATIVE_I32, {.i32 = (int32_t)len}}, ptr;
  err = wasm2native_instance_call(inst, "alloc", &arg, 1, &ptr, 1);
  if (!err)
    err = wasm2native_instance_memory_write(inst, (uint32_t)ptr.of.i32, input,
                                            len);
  wasm2native_val args[2] = {ptr, arg}, packed;
  if (!err)
    err = wasm2native_instance_call(inst, "process", args, 2, &packed, 1);
  if (err) {
    if (wasm2native_error_kind(err) == WASM2NATIVE_ERROR_TRAP)
      printf("%s -> trapped: %s\n", input, wasm2native_error_message(err));
    else
      fprintf(stderr, "plugin-host: %s\n", wasm2native_error_message(err));
    wasm2native_error_delete(err);
    wasm2native_instance_delete(inst);
    return 1;
  }

  uint64_t result = (uint64_t)packed.of.i64;
  uint32_t out_ptr = (uint32_t)(result >> 32), out_len = (uint32_t)result;
  char *out = malloc(out_len + 1);
  err = wasm2native_instance_memory_read(inst, out_ptr, out, out_len);
  if (err) {
    free(out);
    wasm2native_instance_delete(inst);
    return fail(err);
  }
  out[out_len] = 0;
  printf("%s -> %s\n", input, out);
  free(out);
  wasm2native_instance_delete(inst);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: plugin-host PLUGIN.so INPUT...\n");
    return 2;
  }
  wasm2native_module *mod;
  wasm2native_error *err = wasm2native_module_load(argv[1], &mod);
  if (err)
    return fail(err);
  static char prefix[] = "  [plugin] ";
  wasm2native_linker *linker = wasm2native_linker_new();
  uint8_t params[] = {WASM2NATIVE_I32, WASM2NATIVE_I32};
  err = wasm2native_linker_define_func(linker, "env", "host_log", params, 2,
                                       NULL, 0, host_log, (void *)prefix, NULL);
  if (err)
    return fail(err);

  int failures = 0;
  for (int i = 2; i < argc; ++i)
    failures += run_one(linker, mod, argv[i]);

  wasm2native_linker_delete(linker);
  wasm2native_module_delete(mod);
  return failures ? 1 : 0;
}
