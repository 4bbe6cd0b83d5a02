"""Unit tests of the differential fuzzer's Python side (run by
test/lit/fuzz-diff/python-units.test): the binary rewriter, the SIMD NaN
instrumentation, the comparison rules, the float literals of the shims and
the determinism of the generators."""

import random
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
import engines  # noqa: E402
import memgen  # noqa: E402
import shims  # noqa: E402
import wasmbin  # noqa: E402

WAT2WASM = shutil.which("wat2wasm")


def assemble(wat):
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "m.wat", Path(d) / "m.wasm"
        src.write_text(wat)
        subprocess.run([WAT2WASM, "--enable-all", str(src), "-o", str(out)],
                       check=True, capture_output=True)
        return out.read_bytes()


def disassembles(data):
    """Whether wabt reads and validates data."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.wasm"
        p.write_bytes(data)
        return subprocess.run(["wasm-validate", "--enable-all", str(p)],
                              capture_output=True).returncode == 0


MODULE = """(module
  (import "fuzzing-support" "log-i32" (func (param i32)))
  (memory 2)
  (global $a (mut i32) (i32.const 5))
  (global $b f64 (f64.const -1.5))
  (func (export "f") (result i32) (global.get $a))
  (export "fuzzdiff:g0" (global $b)))
"""


@unittest.skipUnless(WAT2WASM, "wat2wasm is not on PATH")
class RewriteTest(unittest.TestCase):
    def test_exports_state_and_caps_memory(self):
        data, env = wasmbin.rewrite(assemble(MODULE), memory_cap=64)
        m = wasmbin.Module(data)
        self.assertEqual(env, [])
        self.assertEqual(m.memories, [(2, 64)])
        names = [n for n, _, _ in m.exports]
        # The module's own export with the reserved prefix is replaced.
        self.assertEqual(names, ["f", "fuzzdiff:g0", "fuzzdiff:g1",
                                 "fuzzdiff:memory"])
        self.assertEqual(m.exports[1], ("fuzzdiff:g0", wasmbin.KIND_GLOBAL,
                                        0))
        self.assertTrue(disassembles(data))

    def test_import_state(self):
        data, env = wasmbin.rewrite(assemble(MODULE), memory_cap=3,
                                    import_state=True)
        m = wasmbin.Module(data)
        self.assertEqual(m.memories, [])
        self.assertEqual(m.globals, [])
        self.assertEqual(m.memory_limits(), (2, 3, True))
        self.assertEqual(env, [
            ("memory", "memory", 2, 3),
            ("global", "g0", wasmbin.I32, 1, 5),
            ("global", "g1", wasmbin.F64, 0,
             struct.unpack("<Q", struct.pack("<d", -1.5))[0])])
        # Global indices are kept: global 0 is still the one f reads.
        self.assertEqual(m.global_types(), [(wasmbin.I32, 1),
                                            (wasmbin.F64, 0)])
        self.assertTrue(disassembles(data))

    def test_rewrite_twice_is_the_same(self):
        once, _ = wasmbin.rewrite(assemble(MODULE), memory_cap=64)
        twice, _ = wasmbin.rewrite(once, memory_cap=64)
        self.assertEqual(once, twice)


@unittest.skipUnless(WAT2WASM, "wat2wasm is not on PATH")
class SimdNaNTest(unittest.TestCase):
    def test_calls_after_float_arithmetic_only(self):
        data = assemble("""(module
          (func (export "f") (param v128) (result v128)
            (f64x2.max (f32x4.add (local.get 0) (local.get 0))
                       (f32x4.neg (i32x4.add (local.get 0) (local.get 0))))))""")
        out = wasmbin.canonicalise_simd_nans(data)
        self.assertTrue(disassembles(out))
        m = wasmbin.Module(out)
        self.assertEqual(len(m.func_types), 3)  # f and the two helpers
        code = next(p for s, p in m.sections if s == wasmbin.SEC_CODE)
        # f32x4.add then call 1; f64x2.max then call 2; nothing after
        # f32x4.neg or i32x4.add.
        self.assertIn(b"\xfd\xe4\x01\x10\x01", code)
        self.assertIn(b"\xfd\xf5\x01\x10\x02", code)
        self.assertEqual(code.count(b"\x10\x01") + code.count(b"\x10\x02"),
                         2)

    def test_no_simd_arithmetic_no_change(self):
        data = assemble(MODULE)
        self.assertEqual(wasmbin.canonicalise_simd_nans(data), data)


def transcript(*lines):
    return compare.Transcript(list(lines))


class CompareTest(unittest.TestCase):
    def test_nan_values_compare_equal(self):
        a = transcript("instantiate ok", "log f32:7fc00000",
                       "call 0 ok f64:fff8000000000001",
                       "state 0 pages 1 hash 01 globals f32:ffc00000")
        b = transcript("instantiate ok", "log f32:ff800001",
                       "call 0 ok f64:7ff8000000000000",
                       "state 0 pages 1 hash 01 globals f32:7fa00000")
        self.assertIsNone(compare.first_difference(a, b))

    def test_v128_and_integers_compare_exactly(self):
        a = transcript("instantiate ok", "call 0 ok v128:" + "ff" * 16)
        b = transcript("instantiate ok", "call 0 ok v128:" + "ff" * 15 + "fe")
        self.assertEqual(compare.first_difference(a, b)[0], "result")

    def test_trap_kinds_oracles_cannot_tell_apart(self):
        a = transcript("instantiate ok", "call 0 trap undefined-element",
                       "call 1 trap conversion")
        b = transcript("instantiate ok", "call 0 trap call-type-mismatch",
                       "call 1 trap int-overflow")
        self.assertIsNone(compare.first_difference(a, b))
        c = transcript("instantiate ok", "call 0 trap memory-oob",
                       "call 1 trap int-overflow")
        self.assertEqual(compare.first_difference(a, c)[:2], ("trap", 0))

    def test_stack_exhaustion_ends_the_comparison(self):
        a = transcript("instantiate ok", "call 0 ok", "log i32:00000001",
                       "call 1 trap stack-exhausted", "call 2 ok i32:00000001")
        b = transcript("instantiate ok", "call 0 ok", "log i32:00000001",
                       "log i32:00000002", "call 1 ok", "call 2 ok i32:00000002")
        self.assertIsNone(compare.first_difference(a, b))
        c = transcript("instantiate ok", "call 0 ok i32:00000001",
                       "call 1 trap stack-exhausted")
        self.assertEqual(compare.first_difference(a, c)[:2], ("result", 0))

    def test_state_differences_name_every_part(self):
        a = transcript("instantiate ok", "call 0 trap memory-oob",
                       "state 0 pages 1 hash 01 globals i32:00000001")
        b = transcript("instantiate ok", "call 0 trap memory-oob",
                       "state 0 pages 1 hash 02 globals i32:00000000")
        cat, index, detail = compare.first_difference(a, b)
        self.assertEqual((cat, index), ("globals", 0))
        self.assertIn("memory", detail)
        self.assertEqual(compare.all_categories(a, b), {"globals", "memory"})

    def test_verdicts(self):
        good = transcript("instantiate ok", "call 0 ok i32:00000001")
        bad = transcript("instantiate ok", "call 0 ok i32:00000002")
        crash = transcript("instantiate ok", "crash SIGSEGV")
        self.assertEqual(compare.judge("c", good, {"v8": good, "wabt": good})
                         .status, "pass")
        v = compare.judge("c", bad, {"v8": good, "wabt": good})
        self.assertEqual((v.status, v.signature), ("finding", "c:result"))
        self.assertEqual(compare.judge("c", bad, {"v8": good, "wabt": bad})
                         .status, "split")
        v = compare.judge("c", crash, {"v8": good, "wabt": good})
        self.assertEqual(v.signature, "c:crash")


class ShimsTest(unittest.TestCase):
    @unittest.skipUnless(WAT2WASM, "wat2wasm is not on PATH")
    def test_float_literals_keep_every_bit(self):
        f32s = [0, 0x80000000, 1, 0x80000001, 0x007FFFFF, 0x3F800000,
                0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001,
                0xFFFFFFFF]
        f64s = [0, 2**63, 1, 0x000FFFFFFFFFFFFF, 0x3FF0000000000000,
                0x7FF0000000000000, 0x7FF8000000000001, 0xFFF0000000000001]
        env = [("global", f"a{i}", wasmbin.F32, 0, b)
               for i, b in enumerate(f32s)]
        env += [("global", f"b{i}", wasmbin.F64, 0, b)
                for i, b in enumerate(f64s)]
        m = wasmbin.Module(assemble(shims.env_shim(env)))
        self.assertEqual([v for _, _, _, v in m.globals],
                         [(wasmbin.F32, b) for b in f32s] +
                         [(wasmbin.F64, b) for b in f64s])

    def test_call_lines_round_trip(self):
        call = ("odd name%", [(wasmbin.I32, 5), (wasmbin.V128, 2**127),
                              (wasmbin.FUNCREF, 1)], True)
        line = engines.call_line(*call)
        self.assertEqual(line.split()[1], "odd%20name%25")
        self.assertEqual(engines.parse_call_line(line), call)


@unittest.skipUnless(WAT2WASM, "wat2wasm is not on PATH")
class GeneratorTest(unittest.TestCase):
    def test_memgen_is_deterministic_and_valid(self):
        for seed in range(20):
            wat, calls = memgen.generate(random.Random(seed))
            again, calls_again = memgen.generate(random.Random(seed))
            self.assertEqual((wat, calls), (again, calls_again))
            m = wasmbin.Module(assemble(wat))
            exports = {n: p for n, p, _ in m.exported_funcs()}
            for export, args, _ in calls:
                self.assertEqual([t for t, _ in args],
                                 list(exports[export]))


if __name__ == "__main__":
    unittest.main()
