/*===- abi.h - The module ABI shared by compiler and runtime -----*- C -*-===*\
 *
 * \file
 * The one description of what a compiled module (.so) contains and how
 * compiled code sees an instance. The compiler emits data and code that
 * follows it; runtime-support reads and fills it. Both include this header;
 * neither has a second copy of any offset (style.md, "one table").
 *
 * A compiled module exports exactly one symbol, W2N_DESCRIPTOR_SYMBOL, a
 * w2n_module_descriptor. Every compiled function takes the instance context
 * (w2n_vmctx *) as its first argument, followed by its wasm parameters as
 * native values (i32/i64/f32/f64, v128 as <16 x i8>, references as pointers),
 * and returns its single result natively, or a struct of its results when it
 * has several.
 *
 * Bump W2N_ABI_VERSION on any change to this file that changes layout or
 * meaning; the runtime refuses modules with another version.
\*===----------------------------------------------------------------------===*/

#ifndef WASM2NATIVE_ABI_H
#define WASM2NATIVE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define W2N_ABI_VERSION 2u
#define W2N_DESCRIPTOR_SYMBOL "wasm2native_module_descriptor"
#define W2N_WASM_PAGE_SIZE 65536u

/* Value types use their wasm binary encodings. */
enum w2n_valtype {
  W2N_I32 = 0x7f,
  W2N_I64 = 0x7e,
  W2N_F32 = 0x7d,
  W2N_F64 = 0x7c,
  W2N_V128 = 0x7b,
  W2N_FUNCREF = 0x70,
  W2N_EXTERNREF = 0x6f,
};

enum w2n_extern_kind {
  W2N_EXTERN_FUNC = 0,
  W2N_EXTERN_TABLE = 1,
  W2N_EXTERN_MEMORY = 2,
  W2N_EXTERN_GLOBAL = 3,
};

/* Trap kinds: the spec's, plus the runtime's own. Keep in sync with
 * w2n_trap_message() in runtime-support. */
enum w2n_trap_kind {
  W2N_TRAP_NONE = 0,
  W2N_TRAP_UNREACHABLE = 1,
  W2N_TRAP_INT_DIV_BY_ZERO = 2,
  W2N_TRAP_INT_OVERFLOW = 3,
  W2N_TRAP_INVALID_CONVERSION = 4,
  W2N_TRAP_MEMORY_OUT_OF_BOUNDS = 5,
  W2N_TRAP_TABLE_OUT_OF_BOUNDS = 6,
  W2N_TRAP_UNDEFINED_ELEMENT = 7,     /* call_indirect index past the table */
  W2N_TRAP_UNINITIALIZED_ELEMENT = 8, /* call_indirect of a null entry */
  W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH = 9,
  W2N_TRAP_CALL_STACK_EXHAUSTED = 10,
  W2N_TRAP_HOST = 11,        /* a host function reported a trap */
  W2N_TRAP_OUT_OF_FUEL = 12, /* compile --fuel: the budget ran out */
  W2N_TRAP_INTERRUPTED = 13, /* compile --epoch: the deadline passed */
};

/* Flags in w2n_module_descriptor.flags. */
enum w2n_module_flags {
  /* Set: accesses are compared with the memory size (explicit mode).
   * Clear: no compare; the runtime must reserve W2N 4 GiB + guard_size so
   * every 33-bit effective address lands in the reservation (guard mode). */
  W2N_FLAG_EXPLICIT_BOUNDS = 1u << 0,
  /* The code charges vmctx->fuel (about one unit per instruction, per
   * straight-line region) and traps W2N_TRAP_OUT_OF_FUEL below zero. */
  W2N_FLAG_FUEL = 1u << 1,
  /* Loop headers (of the optimised code) and the entries of functions that
   * call compare *vmctx->epoch_counter with vmctx->epoch_deadline and call
   * rt->epoch_interrupt when it is reached. */
  W2N_FLAG_EPOCH = 1u << 2,
};

/* ---- Run-time objects that compiled code reads directly ---------------- */

/* A linear memory. base never moves once the memory exists (the runtime
 * reserves the maximum up front), so compiled code may load it once per
 * function; size_bytes changes on memory.grow. */
typedef struct w2n_memory {
  uint8_t *base;
  uint64_t size_bytes;
} w2n_memory;

/* A function reference: what funcref values point to, what table entries
 * hold, and how every call through a reference or an import is made:
 * code(vmctx, args...). For host functions, code is a trampoline of the
 * importing module and vmctx points to the runtime's host function. */
typedef struct w2n_funcref {
  void *code;
  void *vmctx;
  uint32_t type_id; /* canonical type id, shared by equal function types */
  uint32_t reserved;
} w2n_funcref;

/* A table: elems[i] is a w2n_funcref * (funcref tables) or an opaque
 * externref; NULL is the null reference. */
typedef struct w2n_table {
  void **elems;
  uint32_t size;
  uint32_t max; /* UINT32_MAX when unbounded */
} w2n_table;

/* A value in the generic calling convention: 16 bytes, little-endian,
 * i32/f32 in the low 4 bytes, i64/f64/references in the low 8. */
typedef union w2n_val {
  uint32_t i32;
  uint64_t i64;
  float f32;
  double f64;
  void *ref;
  uint8_t v128[16];
} w2n_val;

typedef struct w2n_vmctx w2n_vmctx;

/* Entry points of the runtime that compiled code calls; the instance's
 * vmctx holds a pointer to one of these. The slots, their order and their
 * signatures are the table in runtime_fns.def. */
typedef struct w2n_runtime_fns {
#define W2N_RUNTIME_FN(name, Name, Result, Params) Result(*name) Params;
#define W2N_RUNTIME_FN_RETIRED(name) void (*name)(void);
#include "wasm2native/runtime_fns.def"
} w2n_runtime_fns;

/* ---- The instance context (vmctx) --------------------------------------
 *
 *   offset                         field
 *   0                              w2n_memory *memory        (memory 0;
 *                                  NULL if none)
 *   8                              void *stack_limit         (lowest usable
 *                                  stack address; prologues compare sp)
 *   16                             const w2n_runtime_fns *rt
 *   24                             void *instance            (runtime's)
 *   32                             int64_t fuel              (remaining;
 *                                  compile --fuel)
 *   40                             uint64_t epoch_deadline   (compile
 *                                  --epoch)
 *   48                             uint64_t load_sink        (written by
 *                                  compiled code only; see EmitMemory.cpp)
 *   56                             const uint64_t *epoch_counter (the
 *                                  engine's counter; compile --epoch)
 *   W2N_VMCTX_HEADER_SIZE = 64
 *   globals_offset                 w2n_val *globals[num_globals]
 *   tables_offset                  w2n_table *tables[num_tables]
 *   memories_offset                w2n_memory *memories[num_memories]
 *   funcs_offset                   w2n_funcref *funcs[num_funcs]
 *   type_ids_offset                uint32_t type_ids[num_types]
 *   size (8-aligned)
 *
 * globals[i] points at the global's storage (in the exporting instance for
 * imported globals). memories[i] is memory i; compiled code reaches memory
 * 0 through the header's memory field (the same object) and the others
 * (multi-memory) through the array. funcs[i] points at function i's reference
 * object, so an imported function is called as funcs[i]->code(funcs[i]->vmctx,
 * ...) and ref.func i is funcs[i]. type_ids[t] is the canonical id of type t.
 */
#define W2N_VMCTX_MEMORY 0u
#define W2N_VMCTX_STACK_LIMIT 8u
#define W2N_VMCTX_RUNTIME 16u
#define W2N_VMCTX_INSTANCE 24u
#define W2N_VMCTX_FUEL 32u
#define W2N_VMCTX_EPOCH_DEADLINE 40u
#define W2N_VMCTX_LOAD_SINK 48u
#define W2N_VMCTX_EPOCH_COUNTER 56u
#define W2N_VMCTX_HEADER_SIZE 64u

typedef struct w2n_vmctx_layout {
  uint32_t globals_offset;
  uint32_t tables_offset;
  uint32_t memories_offset;
  uint32_t funcs_offset;
  uint32_t type_ids_offset;
  uint32_t size;
} w2n_vmctx_layout;

static inline w2n_vmctx_layout w2n_compute_vmctx_layout(uint32_t num_globals,
                                                        uint32_t num_tables,
                                                        uint32_t num_memories,
                                                        uint32_t num_funcs,
                                                        uint32_t num_types) {
  w2n_vmctx_layout L;
  L.globals_offset = W2N_VMCTX_HEADER_SIZE;
  L.tables_offset = L.globals_offset + 8u * num_globals;
  L.memories_offset = L.tables_offset + 8u * num_tables;
  L.funcs_offset = L.memories_offset + 8u * num_memories;
  L.type_ids_offset = L.funcs_offset + 8u * num_funcs;
  L.size = (L.type_ids_offset + 4u * num_types + 7u) & ~7u;
  return L;
}

/* ---- The module descriptor --------------------------------------------- */

typedef struct w2n_func_type {
  uint32_t num_params;
  uint32_t num_results;
  const uint8_t *types; /* params, then results (w2n_valtype) */
} w2n_func_type;

/* Flags in w2n_limits.flags. */
enum w2n_limits_flags {
  /* The address type is i64 (memory64): addresses, sizes and page counts
   * are i64. Such a memory is at most 4 GiB here too (compiled code traps
   * on an effective address of 2^32 or more), and imports must agree. */
  W2N_LIMITS_I64 = 1u << 0,
};

typedef struct w2n_limits {
  uint64_t min;
  uint64_t max;
  uint32_t has_max;
  uint32_t flags; /* w2n_limits_flags; 0 before memory64 */
} w2n_limits;

typedef struct w2n_table_type {
  uint8_t elem_type; /* W2N_FUNCREF or W2N_EXTERNREF */
  w2n_limits limits;
} w2n_table_type;

typedef struct w2n_global_type {
  uint8_t type;
  uint8_t mutable_;
} w2n_global_type;

/* A constant expression of WebAssembly 2.0 is one instruction. An extended
 * constant expression (several instructions: i32/i64 add, sub and mul
 * over constants and global.get) is W2N_CONST_SEQUENCE: index is the
 * number of steps and value.ref points at that many w2n_const_expr, run in
 * order on a stack. A step is W2N_CONST_VALUE or W2N_CONST_GLOBAL_GET
 * (pushes its value) or W2N_CONST_ADD/SUB/MUL (pops two values of the
 * step's type, W2N_I32 or W2N_I64, and pushes the result, wrapping); the
 * steps leave one value of the sequence's type. Runtimes older than these
 * kinds refuse such modules ("unknown constant expression kind"). */
enum w2n_const_kind {
  W2N_CONST_VALUE = 0,      /* t.const: bits in value */
  W2N_CONST_REF_NULL = 1,   /* ref.null */
  W2N_CONST_REF_FUNC = 2,   /* ref.func index */
  W2N_CONST_GLOBAL_GET = 3, /* global.get index */
  W2N_CONST_SEQUENCE = 4,   /* index steps at value.ref */
  W2N_CONST_ADD = 5,        /* steps only: i32.add or i64.add */
  W2N_CONST_SUB = 6,        /* steps only: i32.sub or i64.sub */
  W2N_CONST_MUL = 7,        /* steps only: i32.mul or i64.mul */
};

typedef struct w2n_const_expr {
  uint8_t kind;
  uint8_t type; /* the value's w2n_valtype */
  uint32_t index;
  w2n_val value;
} w2n_const_expr;

/* Names are NUL-terminated for convenience, but wasm names may contain
 * NUL bytes: compare them with their lengths. */
typedef struct w2n_import {
  const char *module;
  const char *name;
  uint8_t kind;   /* w2n_extern_kind */
  uint32_t index; /* index in that kind's index space */
  uint32_t module_len;
  uint32_t name_len;
} w2n_import;

typedef struct w2n_export {
  const char *name;
  uint8_t kind;
  uint32_t index;
  uint32_t name_len;
} w2n_export;

typedef struct w2n_global_desc {
  w2n_global_type type;
  w2n_const_expr init; /* defined globals only */
} w2n_global_desc;

enum w2n_segment_mode {
  W2N_SEGMENT_ACTIVE = 0,
  W2N_SEGMENT_PASSIVE = 1,
  W2N_SEGMENT_DECLARATIVE = 2,
};

typedef struct w2n_elem_segment {
  uint8_t mode;
  uint8_t elem_type;
  uint32_t table_index;
  w2n_const_expr offset;
  uint32_t num_items;
  const w2n_const_expr *items;
} w2n_elem_segment;

typedef struct w2n_data_segment {
  uint8_t mode;
  uint32_t memory_index;
  w2n_const_expr offset;
  uint64_t size;
  const uint8_t *bytes;
} w2n_data_segment;

/* Calls code (a compiled function of the trampoline's type) with arguments
 * read from slots[0..num_params) and writes results to slots[0..). */
typedef void (*w2n_invoke_fn)(void *code, void *vmctx, w2n_val *slots);

/* A host function, as the runtime presents it to compiled code: the
 * import's w2n_funcref has code = the importing module's host trampoline
 * for the type and vmctx = this object. */
typedef struct w2n_host_func w2n_host_func;
typedef void (*w2n_host_callback)(w2n_host_func *self, w2n_val *slots);
struct w2n_host_func {
  w2n_host_callback callback; /* must be first: trampolines load it */
  void *env;
};

typedef struct w2n_module_descriptor {
  uint32_t abi_version;
  uint32_t flags;       /* w2n_module_flags */
  uint64_t guard_bytes; /* guard mode: bytes reserved past 4 GiB */
  const char *target_triple;

  uint32_t num_types;
  const w2n_func_type *types;
  /* invoke[t]: generic entry for functions of type t (runtime -> wasm). */
  const w2n_invoke_fn *invoke;
  /* host_trampolines[t]: native code of type t that forwards to a
   * w2n_host_func passed as its vmctx (wasm -> runtime). */
  void *const *host_trampolines;

  uint32_t num_imports;
  const w2n_import *imports;

  uint32_t num_funcs; /* imported first */
  uint32_t num_imported_funcs;
  const uint32_t *func_types;    /* type index of every function */
  void *const *func_code;        /* code of each defined function */
  const char *const *func_names; /* every function; NULL if unnamed */

  uint32_t num_tables; /* imported first */
  uint32_t num_imported_tables;
  const w2n_table_type *tables;

  uint32_t num_memories; /* imported first; 0 or 1 in WebAssembly 2.0 */
  uint32_t num_imported_memories;
  const w2n_limits *memories;

  uint32_t num_globals; /* imported first */
  uint32_t num_imported_globals;
  const w2n_global_desc *globals;

  uint32_t num_exports;
  const w2n_export *exports;

  uint32_t has_start;
  uint32_t start_func;

  uint32_t num_elem_segments;
  const w2n_elem_segment *elem_segments;
  uint32_t num_data_segments;
  const w2n_data_segment *data_segments;

  w2n_vmctx_layout vmctx_layout;
  const char *module_name; /* from the name section, or NULL */
} w2n_module_descriptor;

#ifdef __cplusplus
}
#endif

#endif /* WASM2NATIVE_ABI_H */
