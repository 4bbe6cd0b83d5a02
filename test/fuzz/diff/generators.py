"""Module generators. Each takes a seed and returns (module bytes, calls):
the calls are (export, [(type, bits)], state?) in order.

- ttf: Binaryen's `wasm-opt -ttf` ("translate to fuzz") on random bytes,
  then `--denan` (every NaN an f32 or f64 expression produces becomes 0)
  and wasmbin.canonicalise_simd_nans (every NaN lane of f32x4/f64x2
  arithmetic becomes the canonical NaN), so that no NaN with unspecified
  bits reaches memory, a global or an integer. Each export is called once,
  after the module's `hangLimitInitializer` (Binaryen's loop and recursion
  budget), with arguments drawn from the seed.
- mem: memgen.py, loops over memory near its end (see there).
"""

import random
import subprocess

import memgen
import wasmbin
from wasmbin import I32, I64, F32, F64, V128, FUNCREF, EXTERNREF

# The features both oracles and wasm2native support, and that Binaryen 108
# generates in the standard encoding (its reference types are those of the
# typed function references proposal, so they stay off).
FEATURES = ["--enable-sign-ext", "--enable-nontrapping-float-to-int",
            "--enable-bulk-memory", "--enable-simd", "--enable-multivalue",
            "--enable-mutable-globals"]

HANG_LIMIT = "hangLimitInitializer"

I32_POOL = [0, 1, 2, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 8, 100, 0xFFFF,
            0x10000, 0xFFF0]
I64_POOL = [0, 1, 2**64 - 1, 2**63 - 1, 2**63, 0x100000000, 100]
F32_POOL = [0, 0x3F800000, 0xBF800000, 0x80000000, 0x7F800000, 0x4B000000,
            0x3FC00000, 0x7FC00000]
F64_POOL = [0, 0x3FF0000000000000, 0xBFF0000000000000, 2**63,
            0x7FF0000000000000, 0x4330000000000000, 0x7FF8000000000000]


def random_arg(rng, t):
    """An argument of type t: a value from a pool of edge cases, or random
    bits."""
    if t in (FUNCREF, EXTERNREF):
        return (t, 1)  # null
    if rng.random() < 0.3:
        return (t, rng.getrandbits({I32: 32, F32: 32, I64: 64, F64: 64,
                                    V128: 128}[t]))
    if t == V128:
        return (t, rng.choice([0, 2**128 - 1, 1]))
    pool = {I32: I32_POOL, I64: I64_POOL, F32: F32_POOL, F64: F64_POOL}[t]
    return (t, rng.choice(pool))


def ttf(seed, tools, workdir):
    rng = random.Random(f"ttf-{seed}")
    size = rng.randint(512, 12 * 1024)
    src = workdir / "ttf-input.bin"
    out = workdir / "generated.wasm"
    src.write_bytes(rng.getrandbits(8 * size).to_bytes(size, "little"))
    subprocess.run([tools.wasm_opt, "-ttf", str(src), "--denan", *FEATURES,
                    "-o", str(out)], check=True, capture_output=True)
    data = wasmbin.canonicalise_simd_nans(out.read_bytes())
    return data, ttf_calls(data, rng)


def ttf_calls(data, rng):
    """Every exported function once, each after hangLimitInitializer."""
    m = wasmbin.Module(data)
    names = [n for n, _, _ in m.exported_funcs()]
    calls = []
    for name, params, _ in m.exported_funcs():
        if name == HANG_LIMIT:
            continue
        if HANG_LIMIT in names:
            calls.append((HANG_LIMIT, [], False))
        calls.append((name, [random_arg(rng, t) for t in params], True))
    return calls


def mem(seed, tools, workdir):
    wat, calls = memgen.generate(random.Random(f"mem-{seed}"))
    src = workdir / "generated.wat"
    out = workdir / "generated.wasm"
    src.write_text(wat)
    subprocess.run([tools.wat2wasm, "--enable-all", str(src), "-o", str(out)],
                   check=True, capture_output=True)
    return out.read_bytes(), calls


GENERATORS = {"ttf": ttf, "mem": mem}
