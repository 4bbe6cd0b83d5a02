/*===- wasm2native.h - The C embedding API -------------------------*- C
-*-===*\
 *
 * \file
 * Load modules compiled by `wasm2native compile`, give them host functions
 * (and, if wanted, WASI), instantiate them with resource limits, call
 * their exports and read and write their memory. Traps are values: a call
 * that traps returns a wasm2native_error, and the host process carries on.
 *
 * \code
 *   wasm2native_error *err;
 *   wasm2native_module *mod;
 *   if ((err = wasm2native_module_load("plugin.so", &mod))) ...
 *   wasm2native_linker *linker = wasm2native_linker_new();
 *   uint8_t params[] = {WASM2NATIVE_I32, WASM2NATIVE_I32};
 *   wasm2native_linker_define_func(linker, "env", "log", params, 2, NULL, 0,
 *                                  my_log, my_env, NULL);
 *   wasm2native_limits limits;
 *   wasm2native_limits_init(&limits);
 *   limits.max_memory_pages = 16;          // 1 MiB
 *   wasm2native_instance *inst;
 *   if ((err = wasm2native_instantiate(linker, mod, &limits, &inst))) ...
 *   wasm2native_val args[1] = {WASM2NATIVE_VAL_I32(7)}, result;
 *   err = wasm2native_instance_call(inst, "double", args, 1, &result, 1);
 *   if (err) {
 *     printf("%s\n", wasm2native_error_message(err));   // e.g. a trap
 *     wasm2native_error_delete(err);
 *   }
 *   wasm2native_instance_delete(inst);
 * \endcode
 *
 * Ownership: every object returned by a *_new, *_load or *_instantiate
 * function belongs to the caller and is freed with the matching *_delete.
 * A module may be instantiated any number of times and must outlive its
 * instances. An instance is self-contained (its own store): instances
 * share nothing, and each may be used by one thread at a time.
 *
 * Errors, including traps, are wasm2native_error objects; NULL means
 * success.
\*===----------------------------------------------------------------------===*/

#ifndef WASM2NATIVE_WASM2NATIVE_H
#define WASM2NATIVE_WASM2NATIVE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Value types: the wasm binary encodings (as in abi.h). */
enum wasm2native_valkind {
  WASM2NATIVE_I32 = 0x7f,
  WASM2NATIVE_I64 = 0x7e,
  WASM2NATIVE_F32 = 0x7d,
  WASM2NATIVE_F64 = 0x7c,
};

/* A typed value. */
typedef struct wasm2native_val {
  uint8_t kind; /* wasm2native_valkind */
  union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
  } of;
} wasm2native_val;

#ifndef __cplusplus
/* Value constructors for C (compound literals). */
#define WASM2NATIVE_VAL_I32(v)                                                 \
  ((wasm2native_val){WASM2NATIVE_I32, {.i32 = (int32_t)(v)}})
#define WASM2NATIVE_VAL_I64(v)                                                 \
  ((wasm2native_val){WASM2NATIVE_I64, {.i64 = (int64_t)(v)}})
#define WASM2NATIVE_VAL_F32(v)                                                 \
  ((wasm2native_val){WASM2NATIVE_F32, {.f32 = (float)(v)}})
#define WASM2NATIVE_VAL_F64(v)                                                 \
  ((wasm2native_val){WASM2NATIVE_F64, {.f64 = (double)(v)}})
#endif

typedef struct wasm2native_module wasm2native_module;
typedef struct wasm2native_linker wasm2native_linker;
typedef struct wasm2native_instance wasm2native_instance;
typedef struct wasm2native_error wasm2native_error;

/* ---- Errors and traps ---------------------------------------------------- */

enum wasm2native_error_kind {
  /* The wasm code trapped; wasm2native_error_trap_code says how. */
  WASM2NATIVE_ERROR_TRAP = 1,
  /* The guest called WASI proc_exit; see wasm2native_error_exit_code. */
  WASM2NATIVE_ERROR_EXIT = 2,
  /* A module could not be loaded (missing file, not a compiled module,
   * an ABI or target it was not compiled for). */
  WASM2NATIVE_ERROR_LOAD = 3,
  /* An import is missing or has another type. */
  WASM2NATIVE_ERROR_LINK = 4,
  /* A limit was exceeded or memory could not be reserved. */
  WASM2NATIVE_ERROR_RESOURCE = 5,
  /* The call was wrong: no such export, wrong number or types of
   * arguments, memory access out of bounds. */
  WASM2NATIVE_ERROR_USAGE = 6,
};

/* Trap codes (as abi.h's w2n_trap_kind). */
enum wasm2native_trap_code {
  WASM2NATIVE_TRAP_UNREACHABLE = 1,
  WASM2NATIVE_TRAP_INT_DIV_BY_ZERO = 2,
  WASM2NATIVE_TRAP_INT_OVERFLOW = 3,
  WASM2NATIVE_TRAP_INVALID_CONVERSION = 4,
  WASM2NATIVE_TRAP_MEMORY_OUT_OF_BOUNDS = 5,
  WASM2NATIVE_TRAP_TABLE_OUT_OF_BOUNDS = 6,
  WASM2NATIVE_TRAP_UNDEFINED_ELEMENT = 7,
  WASM2NATIVE_TRAP_UNINITIALIZED_ELEMENT = 8,
  WASM2NATIVE_TRAP_INDIRECT_CALL_TYPE_MISMATCH = 9,
  WASM2NATIVE_TRAP_CALL_STACK_EXHAUSTED = 10,
  WASM2NATIVE_TRAP_HOST = 11, /* a host function returned an error */
  WASM2NATIVE_TRAP_OUT_OF_FUEL = 12,
  WASM2NATIVE_TRAP_INTERRUPTED = 13,
};

int wasm2native_error_kind(const wasm2native_error *e);
/* A one-line description, e.g. "integer divide by zero (in div)". */
const char *wasm2native_error_message(const wasm2native_error *e);
/* TRAP errors: the wasm2native_trap_code; otherwise 0. */
uint32_t wasm2native_error_trap_code(const wasm2native_error *e);
/* TRAP errors: the trapping wasm function's name, or "" if unknown. */
const char *wasm2native_error_function(const wasm2native_error *e);
/* EXIT errors: the guest's exit status; otherwise -1. */
int wasm2native_error_exit_code(const wasm2native_error *e);
void wasm2native_error_delete(wasm2native_error *e);

/* For host functions: an error that makes the calling wasm code trap
 * (WASM2NATIVE_TRAP_HOST) with this message. */
wasm2native_error *wasm2native_trap_new(const char *message);

/* ---- Modules ------------------------------------------------------------- */

/* Loads a compiled module (.so). */
wasm2native_error *wasm2native_module_load(const char *path,
                                           wasm2native_module **out);
void wasm2native_module_delete(wasm2native_module *m);

/* A module linked into the program rather than loaded: an object made by
 * `wasm2native compile --emit=obj --module-name NAME` names its descriptor
 * NAME_wasm2native_descriptor and puts all its code in the ELF section
 * w2n_text_NAME, whose bounds the linker provides as __start_w2n_text_NAME
 * and __stop_w2n_text_NAME. Pass those three here; faults in that code
 * become traps as for a loaded module. The function NAME_module() that
 * `wasm2native header --glue` writes (and the CMake function
 * wasm2native_add_module builds) does this. */
wasm2native_error *wasm2native_module_from_linked(const void *descriptor,
                                                  const void *code_begin,
                                                  const void *code_end,
                                                  wasm2native_module **out);

/* ---- Host functions (the linker) ------------------------------------------
 */

/* A host function. args and results hold exactly the declared number and
 * types of values (results arrive with their kinds set). caller is the
 * instance whose code made the call: use it to read and write its memory.
 * Return NULL, or an error (e.g. wasm2native_trap_new) to trap. */
typedef wasm2native_error *(*wasm2native_host_fn)(void *env,
                                                  wasm2native_instance *caller,
                                                  const wasm2native_val *args,
                                                  wasm2native_val *results);

wasm2native_linker *wasm2native_linker_new(void);
/* Also runs the finalizers of the functions defined in it. */
void wasm2native_linker_delete(wasm2native_linker *l);

/* Defines import (module, name) as a host function of the given type
 * (params and results are wasm2native_valkind values). finalizer, if not
 * NULL, is called with env when the linker is deleted. A later definition
 * of the same name replaces an earlier one. Returns NULL or a USAGE error
 * (an unsupported value kind). */
wasm2native_error *
wasm2native_linker_define_func(wasm2native_linker *l, const char *module,
                               const char *name, const uint8_t *params,
                               size_t num_params, const uint8_t *results,
                               size_t num_results, wasm2native_host_fn fn,
                               void *env, void (*finalizer)(void *));

/* Defines import (module, name) as a global of value's type and value. */
wasm2native_error *wasm2native_linker_define_global(wasm2native_linker *l,
                                                    const char *module,
                                                    const char *name,
                                                    wasm2native_val value,
                                                    int is_mutable);

/* WASI: instances made with this linker get wasi_snapshot_preview1, each
 * with a fresh WASI state (descriptors, arguments, environment) built
 * from the settings below. Nothing is granted by default: no arguments,
 * no environment, no directories; stdio is the host's. */
void wasm2native_linker_enable_wasi(wasm2native_linker *l);
void wasm2native_linker_wasi_arg(wasm2native_linker *l, const char *arg);
/* "NAME=VALUE". */
void wasm2native_linker_wasi_env(wasm2native_linker *l, const char *var);
/* Grants host directory host_path to the guest as guest_path. */
void wasm2native_linker_wasi_preopen(wasm2native_linker *l,
                                     const char *host_path,
                                     const char *guest_path, int read_only);
/* Host descriptors for the guest's stdin, stdout and stderr (-1: closed).
 * They are borrowed, never closed. */
void wasm2native_linker_wasi_stdio(wasm2native_linker *l, int in, int out,
                                   int err);

/* ---- Instances ----------------------------------------------------------- */

typedef struct wasm2native_limits {
  /* Linear memory may not grow past this many 64 KiB pages; a module
   * whose minimum is larger fails to instantiate (RESOURCE). */
  uint64_t max_memory_pages;
  /* Tables may not grow past this many elements (likewise). */
  uint64_t max_table_elements;
  /* Bytes of native stack the wasm code may use; deeper recursion traps
   * with WASM2NATIVE_TRAP_CALL_STACK_EXHAUSTED. */
  uint64_t max_stack_bytes;
  /* Modules compiled with `--fuel`: the fuel the instance starts with
   * (its start function runs on it). Ignored for other modules. */
  int64_t fuel;
} wasm2native_limits;

/* The defaults: 65536 pages (4 GiB), 10,000,000 elements, 4 MiB, and
 * INT64_MAX fuel. */
void wasm2native_limits_init(wasm2native_limits *limits);

/* Instantiates m with the linker's definitions (the linker may be deleted
 * afterwards; m may not), running its start function. limits may be NULL
 * for the defaults. */
wasm2native_error *wasm2native_instantiate(const wasm2native_linker *l,
                                           wasm2native_module *m,
                                           const wasm2native_limits *limits,
                                           wasm2native_instance **out);
void wasm2native_instance_delete(wasm2native_instance *i);

/* Calls export `name` with num_args arguments, which must match its
 * parameter types, and stores its results (num_results must be the
 * function's result count). */
wasm2native_error *
wasm2native_instance_call(wasm2native_instance *i, const char *name,
                          const wasm2native_val *args, size_t num_args,
                          wasm2native_val *results, size_t num_results);

/* The parameter and result types of export `name`: returns 0 and sets the
 * counts (and fills the arrays up to their capacities, which may be 0);
 * -1 if there is no such exported function. */
int wasm2native_instance_func_type(const wasm2native_instance *i,
                                   const char *name, uint8_t *params,
                                   size_t *num_params, uint8_t *results,
                                   size_t *num_results);

/* The instance's linear memory 0 (its own or imported; WASI's memory too):
 * base address and size in bytes; NULL and 0 if it has none. The base
 * never moves, but the size grows; re-read it after calls. */
uint8_t *wasm2native_instance_memory(const wasm2native_instance *i,
                                     size_t *size);
/* Bounds-checked copies between the host and linear memory (USAGE error if
 * [offset, offset + len) is not inside the memory). */
wasm2native_error *
wasm2native_instance_memory_read(const wasm2native_instance *i, uint64_t offset,
                                 void *dst, size_t len);
wasm2native_error *wasm2native_instance_memory_write(wasm2native_instance *i,
                                                     uint64_t offset,
                                                     const void *src,
                                                     size_t len);

/* ---- Typed calls ----------------------------------------------------------
 *
 * A compiled function is native code: code(vmctx, params...) with the C
 * calling convention, wasm values as int32_t, int64_t, float and double,
 * returning its result (none or one). The headers that `wasm2native header`
 * generates call exports that way, with C types and no wasm2native_val in
 * between; these two functions are what they are built on.
 */
typedef void (*wasm2native_native_code)(void);
typedef struct wasm2native_native_func {
  wasm2native_native_code code; /* cast to the function's own type */
  void *vmctx;
} wasm2native_native_func;

/* Looks up exported function `name` and checks that its type is params ->
 * results (wasm2native_valkind values); a USAGE error if there is no such
 * function or its type differs. out->code is NULL for a function that
 * cannot be called as native code (a host function, or one with more than
 * one result, whose native return does not follow the C ABI): call it with
 * wasm2native_instance_call. */
wasm2native_error *wasm2native_instance_native_func(
    const wasm2native_instance *i, const char *name, const uint8_t *params,
    size_t num_params, const uint8_t *results, size_t num_results,
    wasm2native_native_func *out);

/* Runs fn(arg) as a call into i: fn may call functions that
 * wasm2native_instance_native_func returned for i. If one traps (or calls
 * proc_exit, or a host function returns an error) fn ends there and the
 * error is returned, as wasm2native_instance_call would; otherwise NULL. A
 * trap leaves fn without returning, so fn must hold nothing that needs
 * cleaning up. */
wasm2native_error *wasm2native_instance_call_native(wasm2native_instance *i,
                                                    void (*fn)(void *arg),
                                                    void *arg);

/* WASI instances: whether the guest has exited and with what status. */
int wasm2native_instance_wasi_exited(const wasm2native_instance *i,
                                     int *status);

/* ---- Resource limits ------------------------------------------------------
 *
 * Fuel (modules compiled with `wasm2native compile --fuel`): each instance
 * has a budget of about one unit per executed wasm instruction; the code
 * that runs it out traps with WASM2NATIVE_TRAP_OUT_OF_FUEL. The count is
 * deterministic. On a module without fuel metering these functions
 * return a USAGE error (get: -1).
 */
wasm2native_error *wasm2native_instance_set_fuel(wasm2native_instance *i,
                                                 int64_t fuel);
/* Adds fuel (saturating at INT64_MAX). */
wasm2native_error *wasm2native_instance_add_fuel(wasm2native_instance *i,
                                                 int64_t fuel);
/* Stores the remaining fuel in *fuel (negative after an out-of-fuel trap). */
wasm2native_error *wasm2native_instance_get_fuel(const wasm2native_instance *i,
                                                 int64_t *fuel);

/* Epochs (modules compiled with `--epoch`): every loop of the compiled
 * code and the entry of every function that calls compare the instance's
 * epoch counter with its deadline; past it the call traps with
 * WASM2NATIVE_TRAP_INTERRUPTED, or calls the epoch callback (which must not
 * call into the instance: the interrupted code may hold its memory in
 * registers). increment_epoch may be called from any thread (e.g. a timer)
 * while the instance runs; the others only from the thread that uses the
 * instance. set_epoch_deadline returns a USAGE error for a module without
 * epoch checks. */
void wasm2native_instance_increment_epoch(wasm2native_instance *i);
/* The deadline becomes the current epoch plus ticks (the default is
 * never). */
wasm2native_error *
wasm2native_instance_set_epoch_deadline(wasm2native_instance *i,
                                        uint64_t ticks);
/* Called when the deadline is reached: return the ticks by which to
 * extend it and go on, or 0 to trap. NULL removes the callback. */
typedef uint64_t (*wasm2native_epoch_fn)(void *env, wasm2native_instance *i);
void wasm2native_instance_set_epoch_callback(wasm2native_instance *i,
                                             wasm2native_epoch_fn fn,
                                             void *env);

/* The most instances that may be alive at once in this process (0, the
 * default: no cap). wasm2native_instantiate fails with a RESOURCE error
 * past it. Lowering it below the live count affects only later
 * instantiations. */
void wasm2native_set_max_instances(uint64_t max);
/* How many instances are alive in this process. */
uint64_t wasm2native_live_instances(void);

#ifdef __cplusplus
}
#endif

#endif /* WASM2NATIVE_WASM2NATIVE_H */
