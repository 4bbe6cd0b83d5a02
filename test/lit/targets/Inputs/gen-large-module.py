"""Writes a .wat module with more than 1.5 MiB of function bodies, so that
wasm2native splits it into several codegen chunks (about 512 KiB of wasm
code each: planCompile in compiler/lower/CompilePlan.cpp), with direct
calls between chunks, a table, a memory and exports.

Each function does a little real work (loads, stores, arithmetic, a direct
and an indirect call) and is padded to about 8 KiB with `(drop (i64.const
-1))`, which takes 12 bytes of code but leaves nothing to compile, so the
module is quick to compile for all its size.

Usage: gen-large-module.py OUT.wat [FUNCTIONS]"""

import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200

with open(out, "w") as f:
    f.write("(module\n  (memory (export \"mem\") 1)\n")
    f.write("  (table %d funcref)\n" % count)
    f.write("  (type $t (func (param i32 i32) (result i32)))\n")
    for i in range(count):
        f.write("  (func $f%d (export \"f%d\") (type $t)\n" % (i, i))
        f.write("    (local i32)\n")
        for k in range(8):
            f.write("    (local.set 2 (i32.xor (local.get 2) (i32.mul "
                    "(i32.load offset=%d (local.get 0)) (i32.const %d))))\n"
                    % (4 * k, i * 131 + k))
        f.write("    (i32.store offset=%d (local.get 1) (local.get 2))\n"
                % (4 * (i % 64)))
        f.write("    (drop (i64.const 0x7fffffffffffffff))\n" * 680)
        if i > 0:  # a call to a function in another chunk
            f.write("    (local.set 2 (i32.add (local.get 2) (call $f%d "
                    "(local.get 1) (local.get 0))))\n" % (count - i))
        f.write("    (i32.add (local.get 2) (call_indirect (type $t) "
                "(local.get 0) (local.get 1) (i32.const %d))))\n"
                % ((i * 7) % count))
    f.write("  (elem (i32.const 0) %s)\n"
            % " ".join("$f%d" % i for i in range(count)))
    f.write(")\n")
