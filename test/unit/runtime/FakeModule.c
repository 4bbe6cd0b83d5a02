/*===- FakeModule.c - A hand-written "compiled module" for the tests ------===*\
 *
 * \file
 * Stands in for compiler output so that runtime-support can be tested on
 * its own: a shared object whose only export is a module descriptor
 * following abi.h, with C functions in place of compiled wasm functions
 * (vmctx first, runtime calls through vmctx->rt, a stack-limit check).
 *
 * The module, in wasm terms:
 *   (type $t0 (func (param i32) (result i32)))   (type $t1 (func))
 *   (import "env" "callback" (func $callback (type $t0)))       ;; func 0
 *   (import "env" "g" (global $g i32))                          ;; global 0
 *   (table $tab 4 8 funcref)  (memory $mem 1 4)
 *   (global $count (mut i32) (global.get $g))                   ;; global 1
 *   func 1 "load"          (i32.load (local.get 0))  -- guard mode
 *   func 2 "trap"          traps with kind = argument
 *   func 3 "recurse"       unbounded recursion
 *   func 4 "call_import"   (call $callback (local.get 0))
 *   func 5 "start"         (i32.store8 (i32.const 8) (i32.const 42)),
 *                          $count += 1
 *   func 6 "grow"          (memory.grow (local.get 0))
 *   func 7 "call_indirect" (call_indirect (type $t0) (i32.const 8)
 *                                         (local.get 0))
 *   func 8 "spin"          loops (local.get 0) times, with the fuel and
 *                          epoch checks of compile --fuel --epoch;
 *                          returns the iterations done
 *   func 9 "load_bad_fp"   "load", from code that keeps -8 in the frame
 *                          pointer register (as optimised code without
 *                          frame pointers may: x86-64 and AArch64 only)
 *   (start 5)
 *   (elem (i32.const 1) func 1 4 (ref.null func))   ;; table[3] stays null
 *   (elem passive func 7)  (elem declare func 6)
 *   (data (i32.const 0) "hi!")  (data passive "xyz")
 *   exports: the functions by name, "mem", "tab", "count" (global 1)
\*===----------------------------------------------------------------------===*/

#include "wasm2native/abi.h"

#define GLOBALS_OFF W2N_VMCTX_HEADER_SIZE
#define TABLES_OFF (GLOBALS_OFF + 8u * 2u)
#define MEMORIES_OFF (TABLES_OFF + 8u * 1u)
#define FUNCS_OFF (MEMORIES_OFF + 8u * 1u)
#define TYPE_IDS_OFF (FUNCS_OFF + 8u * 10u)
#define VMCTX_SIZE ((TYPE_IDS_OFF + 4u * 2u + 7u) & ~7u)

#define AT(ctx, off, T) (*(T *)((char *)(ctx) + (off)))

typedef uint32_t (*fn_t0)(void *, uint32_t);
typedef void (*fn_t1)(void *);

static const w2n_runtime_fns *rt(w2n_vmctx *ctx) {
  return AT(ctx, W2N_VMCTX_RUNTIME, const w2n_runtime_fns *);
}

__attribute__((noreturn)) static void trap(w2n_vmctx *ctx, uint32_t kind,
                                           uint32_t func) {
  rt(ctx)->trap(ctx, kind, func);
  __builtin_unreachable();
}

static uint32_t f_load(w2n_vmctx *ctx, uint32_t addr) {
  w2n_memory *m = AT(ctx, W2N_VMCTX_MEMORY, w2n_memory *);
  return *(volatile uint32_t *)(m->base + (uint64_t)addr);
}

static uint32_t f_trap(w2n_vmctx *ctx, uint32_t kind) { trap(ctx, kind, 2); }

static uint32_t f_recurse(w2n_vmctx *ctx, uint32_t n) {
  volatile char pad[256];
  if ((uintptr_t)__builtin_frame_address(0) <
      (uintptr_t)AT(ctx, W2N_VMCTX_STACK_LIMIT, void *))
    trap(ctx, W2N_TRAP_CALL_STACK_EXHAUSTED, 3);
  pad[0] = (char)n;
  return f_recurse(ctx, n + 1) + (uint32_t)pad[0];
}

static uint32_t f_call_import(w2n_vmctx *ctx, uint32_t x) {
  w2n_funcref *f = AT(ctx, FUNCS_OFF + 0u, w2n_funcref *);
  return ((fn_t0)f->code)(f->vmctx, x);
}

static void f_start(w2n_vmctx *ctx) {
  w2n_memory *m = AT(ctx, W2N_VMCTX_MEMORY, w2n_memory *);
  m->base[8] = 42;
  AT(ctx, GLOBALS_OFF + 8u, w2n_val *)->i32 += 1;
}

static uint32_t f_grow(w2n_vmctx *ctx, uint32_t delta) {
  return rt(ctx)->memory_grow(ctx, 0, delta);
}

static uint32_t f_call_indirect(w2n_vmctx *ctx, uint32_t i) {
  w2n_table *t = AT(ctx, TABLES_OFF, w2n_table *);
  if (i >= t->size)
    trap(ctx, W2N_TRAP_UNDEFINED_ELEMENT, 7);
  w2n_funcref *f = (w2n_funcref *)t->elems[i];
  if (!f)
    trap(ctx, W2N_TRAP_UNINITIALIZED_ELEMENT, 7);
  if (f->type_id != AT(ctx, TYPE_IDS_OFF, uint32_t))
    trap(ctx, W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH, 7);
  return ((fn_t0)f->code)(f->vmctx, 8);
}

static uint32_t f_spin(w2n_vmctx *ctx, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; ++i) {
    const volatile uint64_t *epoch =
        AT(ctx, W2N_VMCTX_EPOCH_COUNTER, const volatile uint64_t *);
    if (*epoch >= AT(ctx, W2N_VMCTX_EPOCH_DEADLINE, volatile uint64_t))
      rt(ctx)->epoch_interrupt(ctx, 8);
    volatile int64_t *fuel = &AT(ctx, W2N_VMCTX_FUEL, int64_t);
    *fuel -= 1;
    if (*fuel < 0)
      trap(ctx, W2N_TRAP_OUT_OF_FUEL, 8);
  }
  return i;
}

/* Loads from Addr with -8 in the frame pointer register; it never returns
 * when Addr faults (the trap unwinds it), and traps otherwise. */
__attribute__((naked, noinline)) static void
load_with_fp_minus_8(const volatile uint8_t *addr) {
#if defined(__x86_64__)
  __asm__ volatile("movq $-8, %rbp\n\t"
                   "movb (%rdi), %al\n\t"
                   "ud2");
#elif defined(__aarch64__)
  __asm__ volatile("mov x29, #-8\n\t"
                   "ldrb w1, [x0]\n\t"
                   "udf #0");
#else
  __asm__ volatile("unimp");
#endif
}

static uint32_t f_load_bad_fp(w2n_vmctx *ctx, uint32_t addr) {
  w2n_memory *m = AT(ctx, W2N_VMCTX_MEMORY, w2n_memory *);
  load_with_fp_minus_8(m->base + (uint64_t)addr);
  return 0;
}

static void invoke_t0(void *code, void *vmctx, w2n_val *slots) {
  slots[0].i32 = ((fn_t0)code)(vmctx, slots[0].i32);
}

static void invoke_t1(void *code, void *vmctx, w2n_val *slots) {
  ((fn_t1)code)(vmctx);
}

static uint32_t host_t0(void *vmctx, uint32_t a) {
  w2n_host_func *h = (w2n_host_func *)vmctx;
  w2n_val s[1];
  s[0].i64 = 0;
  s[0].i32 = a;
  h->callback(h, s);
  return s[0].i32;
}

static void host_t1(void *vmctx) {
  w2n_host_func *h = (w2n_host_func *)vmctx;
  w2n_val s[1];
  h->callback(h, s);
}

static const uint8_t t0_types[] = {W2N_I32, W2N_I32};
static const w2n_func_type types[] = {{1, 1, t0_types}, {0, 0, 0}};
static const w2n_invoke_fn invokes[] = {invoke_t0, invoke_t1};
static void *const host_trampolines[] = {(void *)host_t0, (void *)host_t1};

static const w2n_import imports[] = {
    {"env", "callback", W2N_EXTERN_FUNC, 0, 3, 8},
    {"env", "g", W2N_EXTERN_GLOBAL, 0, 3, 1},
};

static const uint32_t func_types[] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
static void *const func_code[] = {
    (void *)f_load,          (void *)f_trap,  (void *)f_recurse,
    (void *)f_call_import,   (void *)f_start, (void *)f_grow,
    (void *)f_call_indirect, (void *)f_spin,  (void *)f_load_bad_fp};
static const char *const func_names[] = {
    "callback", "load", "trap", "recurse", "call_import",
    "start",    "grow", 0,      "spin",    "load_bad_fp"};

static const w2n_table_type tables[] = {{W2N_FUNCREF, {4, 8, 1, 0}}};
static const w2n_limits memories[] = {{1, 4, 1, 0}};

static const w2n_global_desc globals[] = {
    {{W2N_I32, 0}, {0, 0, 0, {0}}},
    {{W2N_I32, 1}, {W2N_CONST_GLOBAL_GET, W2N_I32, 0, {0}}},
};

static const w2n_export exports[] = {
    {"load", W2N_EXTERN_FUNC, 1, 4},
    {"trap", W2N_EXTERN_FUNC, 2, 4},
    {"recurse", W2N_EXTERN_FUNC, 3, 7},
    {"call_import", W2N_EXTERN_FUNC, 4, 11},
    {"grow", W2N_EXTERN_FUNC, 6, 4},
    {"call_indirect", W2N_EXTERN_FUNC, 7, 13},
    {"spin", W2N_EXTERN_FUNC, 8, 4},
    {"load_bad_fp", W2N_EXTERN_FUNC, 9, 11},
    {"mem", W2N_EXTERN_MEMORY, 0, 3},
    {"tab", W2N_EXTERN_TABLE, 0, 3},
    {"count", W2N_EXTERN_GLOBAL, 1, 5},
};

static const w2n_const_expr active_items[] = {
    {W2N_CONST_REF_FUNC, W2N_FUNCREF, 1, {0}},
    {W2N_CONST_REF_FUNC, W2N_FUNCREF, 4, {0}},
    {W2N_CONST_REF_NULL, W2N_FUNCREF, 0, {0}},
};
static const w2n_const_expr passive_items[] = {
    {W2N_CONST_REF_FUNC, W2N_FUNCREF, 7, {0}}};
static const w2n_const_expr declared_items[] = {
    {W2N_CONST_REF_FUNC, W2N_FUNCREF, 6, {0}}};

static const w2n_elem_segment elems[] = {
    {W2N_SEGMENT_ACTIVE,
     W2N_FUNCREF,
     0,
     {W2N_CONST_VALUE, W2N_I32, 0, {.i32 = 1}},
     3,
     active_items},
    {W2N_SEGMENT_PASSIVE, W2N_FUNCREF, 0, {0, 0, 0, {0}}, 1, passive_items},
    {W2N_SEGMENT_DECLARATIVE,
     W2N_FUNCREF,
     0,
     {0, 0, 0, {0}},
     1,
     declared_items},
};

static const uint8_t hi[] = {'h', 'i', '!'};
static const uint8_t xyz[] = {'x', 'y', 'z'};
static const w2n_data_segment datas[] = {
    {W2N_SEGMENT_ACTIVE, 0, {W2N_CONST_VALUE, W2N_I32, 0, {.i32 = 0}}, 3, hi},
    {W2N_SEGMENT_PASSIVE, 0, {0, 0, 0, {0}}, 3, xyz},
};

#if defined(__x86_64__)
#define TRIPLE "x86_64-unknown-linux-gnu"
#elif defined(__aarch64__)
#define TRIPLE "aarch64-unknown-linux-gnu"
#else
#define TRIPLE "riscv64-unknown-linux-gnu"
#endif

W2N_EXPORT const w2n_module_descriptor wasm2native_module_descriptor = {
    .abi_version = W2N_ABI_VERSION,
    .flags = W2N_FLAG_FUEL | W2N_FLAG_EPOCH,
    .guard_bytes = 65536,
    .target_triple = TRIPLE,
    .num_types = 2,
    .types = types,
    .invoke = invokes,
    .host_trampolines = host_trampolines,
    .num_imports = 2,
    .imports = imports,
    .num_funcs = 10,
    .num_imported_funcs = 1,
    .func_types = func_types,
    .func_code = func_code,
    .func_names = func_names,
    .num_tables = 1,
    .num_imported_tables = 0,
    .tables = tables,
    .num_memories = 1,
    .num_imported_memories = 0,
    .memories = memories,
    .num_globals = 2,
    .num_imported_globals = 1,
    .globals = globals,
    .num_exports = 11,
    .exports = exports,
    .has_start = 1,
    .start_func = 5,
    .num_elem_segments = 3,
    .elem_segments = elems,
    .num_data_segments = 2,
    .data_segments = datas,
    .vmctx_layout = {GLOBALS_OFF, TABLES_OFF, MEMORIES_OFF, FUNCS_OFF,
                     TYPE_IDS_OFF, VMCTX_SIZE},
    .module_name = "fake",
};
