"""Writes a .wat module for huge-block-guard.test: function $many has COUNT
counted loops of 16 iterations in a row, each storing to addresses of its
own, which full unrolling turns into one block of thousands of
instructions; function $few has two.

Usage: unrolled-loops.py OUT.wat [COUNT]"""

import sys


def loops(f, count):
    for k in range(count):
        f.write("    (local.set $i (i32.const 0))\n")
        f.write("    (loop $l%d\n" % k)
        f.write("      (i32.store offset=%d (i32.shl (local.get $i) (i32.const 2))\n"
                % (64 * k))
        f.write("        (i32.add (i32.mul (local.get $x) (local.get $i))"
                " (i32.const %d)))\n" % k)
        f.write("      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n")
        f.write("      (br_if $l%d (i32.lt_u (local.get $i) (i32.const 16))))\n"
                % k)


out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
with open(out, "w") as f:
    f.write("(module\n  (memory 1)\n")
    for name, n in (("many", count), ("few", 2)):
        f.write("  (func $%s (export \"%s\") (param $x i32) (local $i i32)\n"
                % (name, name))
        loops(f, n)
        f.write("  )\n")
    f.write(")\n")
