"""The wasm modules that stand between the oracles (V8, wabt) and the module
under test, written as text and assembled with wat2wasm. The same binaries
run on both oracles; wasm2native runs the module alone, with
wasm2native-diff-runner.

- The log shim is module "fuzzing-support": its log-* functions pass their
  argument's bits to spectest.print_i32 (a tag) and spectest.print_i64 (the
  payload, twice for v128), which wabt's spectest-interp prints and the V8
  harness records. So no float or v128 crosses into JavaScript.
- The env shim is module "env" of the imports variant: the memory and
  globals of the module, with its limits and initial values.
- The driver imports the module's exports and has one function per call of
  the plan, `c<K>`, which passes the plan's arguments as constants and
  returns the results as integer bits (floats reinterpreted, v128 as two
  i64, references as ref.is_null), and `state`, which returns the memory's
  size in pages, its hash (the runner's algorithm) and every global's bits.
"""

import subprocess

from wasmbin import (I32, I64, F32, F64, V128, FUNCREF, EXTERNREF,
                     TYPE_NAMES, MEMORY_EXPORT, global_export)

LOG_TAGS = {"log-i32": (1, I32), "log-i64": (2, I64), "log-f32": (3, F32),
            "log-f64": (4, F64), "log-v128": (5, V128)}
TAG_TYPES = {tag: t for tag, t in LOG_TAGS.values()}

LOG_SHIM = """(module
  (import "spectest" "print_i32" (func $tag (param i32)))
  (import "spectest" "print_i64" (func $bits (param i64)))
  (func (export "log-i32") (param i32)
    (call $tag (i32.const 1))
    (call $bits (i64.extend_i32_u (local.get 0))))
  (func (export "log-i64") (param i64)
    (call $tag (i32.const 2))
    (call $bits (local.get 0)))
  (func (export "log-f32") (param f32)
    (call $tag (i32.const 3))
    (call $bits (i64.extend_i32_u (i32.reinterpret_f32 (local.get 0)))))
  (func (export "log-f64") (param f64)
    (call $tag (i32.const 4))
    (call $bits (i64.reinterpret_f64 (local.get 0))))
  (func (export "log-v128") (param v128)
    (call $tag (i32.const 5))
    (call $bits (i64x2.extract_lane 0 (local.get 0)))
    (call $bits (i64x2.extract_lane 1 (local.get 0)))))
"""


def wat_string(s):
    """A wat string literal of s (bytes escaped as \\XX)."""
    out = []
    for b in s.encode("utf-8", "surrogateescape"):
        if 0x20 <= b < 0x7F and b not in (0x22, 0x5C):
            out.append(chr(b))
        else:
            out.append(f"\\{b:02x}")
    return '"' + "".join(out) + '"'


def float_literal(bits, exp_bits, mant_bits):
    """The exact text of the float with these bits: a NaN with its payload,
    an infinity or a hexadecimal float."""
    sign = "-" if bits >> (exp_bits + mant_bits) else ""
    exp = (bits >> mant_bits) & ((1 << exp_bits) - 1)
    mant = bits & ((1 << mant_bits) - 1)
    if exp == (1 << exp_bits) - 1:
        return f"{sign}nan:{mant:#x}" if mant else f"{sign}inf"
    bias = (1 << (exp_bits - 1)) - 1
    if exp == 0:  # zero or subnormal
        return f"{sign}0x0.{mant << (4 - mant_bits % 4) % 4:0{(mant_bits + 3) // 4}x}p-{bias - 1}"
    return f"{sign}0x1.{mant << (4 - mant_bits % 4) % 4:0{(mant_bits + 3) // 4}x}p{exp - bias:+d}"


def const(t, bits):
    """A constant instruction of type t with the given bits (valid in
    constant expressions)."""
    if t == I32:
        return f"(i32.const {bits:#x})"
    if t == I64:
        return f"(i64.const {bits:#x})"
    if t == F32:
        return f"(f32.const {float_literal(bits, 8, 23)})"
    if t == F64:
        return f"(f64.const {float_literal(bits, 11, 52)})"
    if t == V128:
        lo, hi = bits & (2**64 - 1), bits >> 64
        return f"(v128.const i64x2 {lo:#x} {hi:#x})"
    # References: null (the only reference the plan passes).
    return f"(ref.null {'func' if t == FUNCREF else 'extern'})"


def val_type(t):
    return TYPE_NAMES[t]


def bits_types(t):
    """The integer types a value of type t is returned as."""
    if t in (I32, F32, FUNCREF, EXTERNREF):
        return [I32]
    if t in (I64, F64):
        return [I64]
    return [I64, I64]  # v128


def to_bits(t, get):
    """Instructions that push the bits of a value of type t; get is the
    instruction that pushes the value."""
    if t in (I32, I64):
        return [get]
    if t == F32:
        return [f"(i32.reinterpret_f32 {get})"]
    if t == F64:
        return [f"(i64.reinterpret_f64 {get})"]
    if t == V128:
        return [f"(i64x2.extract_lane 0 {get})",
                f"(i64x2.extract_lane 1 {get})"]
    return [f"(ref.is_null {get})"]


def results_clause(types):
    return f" (result {' '.join(val_type(t) for t in types)})" if types else ""


def env_shim(env):
    """The "env" module of the imports variant (wasmbin.rewrite's env)."""
    lines = ["(module"]
    for item in env:
        if item[0] == "memory":
            _, field, lo, hi = item
            limits = f"{lo}" if hi is None else f"{lo} {hi}"
            lines.append(f"  (memory (export {wat_string(field)}) {limits})")
        else:
            _, field, t, mut, bits = item
            gt = f"(mut {val_type(t)})" if mut else val_type(t)
            lines.append(f"  (global (export {wat_string(field)}) {gt} "
                         f"{const(t, bits)})")
    lines.append(")")
    return "\n".join(lines) + "\n"


HASH_FUNC = """  (func $hash (result i64)
    (local $k i32) (local $n i32) (local $w i64) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (local.set $n (i32.shl (memory.size) (i32.const 13)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $w (i64.load (i32.shl (local.get $k) (i32.const 3))))
        (if (i64.ne (local.get $w) (i64.const 0))
          (then
            (local.set $h (i64.mul
              (i64.xor (local.get $h) (i64.extend_i32_u (local.get $k)))
              (i64.const 0x100000001b3)))
            (local.set $h (i64.mul (i64.xor (local.get $h) (local.get $w))
              (i64.const 0x100000001b3)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $h))
"""


def driver(module, calls):
    """The driver for `module` (a wasmbin.Module, rewritten) and `calls`, a
    list of (export name, [(type, bits)] arguments)."""
    lines = ["(module"]
    funcs = {}
    exported = {n: (p, r) for n, p, r in module.exported_funcs()}
    for export, _ in calls:
        if export in funcs:
            continue
        params, results = exported[export]
        funcs[export] = f"$f{len(funcs)}"
        plist = f" (param {' '.join(val_type(t) for t in params)})" \
            if params else ""
        lines.append(f"  (import \"m\" {wat_string(export)} (func "
                     f"{funcs[export]}{plist}{results_clause(results)}))")
    globals_ = module.global_types()
    for g, (t, mut) in enumerate(globals_):
        gt = f"(mut {val_type(t)})" if mut else val_type(t)
        lines.append(f"  (import \"m\" {wat_string(global_export(g))} "
                     f"(global $g{g} {gt}))")
    has_memory = module.memory_limits() is not None
    if has_memory:
        lines.append(f"  (import \"m\" {wat_string(MEMORY_EXPORT)} "
                     "(memory 0))")

    for k, (export, args) in enumerate(calls):
        _, results = exported[export]
        out_types = [b for t in results for b in bits_types(t)]
        locals_ = "".join(f" (local {val_type(t)})" for t in results)
        body = [const(t, bits) for t, bits in args]
        body.append(f"(call {funcs[export]})")
        # The results are on the stack: store them, then push their bits.
        for i in reversed(range(len(results))):
            body.append(f"(local.set {i})")
        for i, t in enumerate(results):
            body += to_bits(t, f"(local.get {i})")
        lines.append(f"  (func (export \"c{k}\"){results_clause(out_types)}"
                     f"{locals_}")
        lines += [f"    {b}" for b in body]
        lines[-1] += ")"

    state_types = [I32, I64] + [b for t, _ in globals_
                                for b in bits_types(t)]
    lines.append(f"  (func (export \"state\"){results_clause(state_types)}")
    if has_memory:
        lines.append("    (memory.size) (call $hash)")
    else:
        lines.append("    (i32.const -1) (i64.const 0)")
    for g, (t, _) in enumerate(globals_):
        lines += [f"    {b}" for b in to_bits(t, f"(global.get $g{g})")]
    lines[-1] += ")"
    if has_memory:
        lines.append(HASH_FUNC)
    lines.append(")")
    return "\n".join(lines) + "\n"


def assemble(wat, path, wat2wasm="wat2wasm"):
    """Writes the binary of `wat` to path (wat2wasm, every feature the
    fuzzer uses)."""
    src = str(path) + ".wat"
    with open(src, "w") as f:
        f.write(wat)
    subprocess.run([wat2wasm, "--enable-all", src, "-o", str(path)],
                   check=True, capture_output=True)
