"""Writes a module for giant-function.test: $helper, a small function, and
$giant, of about 300 KiB of code (so it is lowered in parts, spread over
several chunks): COUNT nested blocks (i64 results), each with a counted
loop that calls $helper, a return that fires when the parameter names the
level, and a br_table that mostly ends the block and sometimes leaves up
to three levels out, across the parts. With --tail, that return is a
return_call of $helper (acc + level), for giant-tail-call.test.

Usage: giant-function.py OUT.wasm [COUNT] [--tail]"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "bench", "hostile"))
import gen  # noqa: E402
from gen import (BLOCK, BR_IF, BR_TABLE, CALL, END, I32, I32_ADD, I32_AND,
                 I32_CONST, I32_LT_U, I64, IF, LOCAL_GET, LOCAL_SET,
                 LOCAL_TEE, LOOP, RETURN, VOID, Code, ModuleBuilder, sleb,
                 uleb)

I64_CONST, I64_ADD, I64_MUL = 0x42, 0x7C, 0x7E
I64_EXTEND_U, I32_WRAP, I32_EQ, I32_XOR = 0xAD, 0xA7, 0x46, 0x73
P, ACC, I = 0, 1, 2

sys.setrecursionlimit(100000)


RETURN_CALL = 0x12


def build(count, tail=False):
    m = ModuleBuilder()
    helper_t = m.type([I64, I32], [I64])
    giant_t = m.type([I32], [I64])
    h = Code()
    h.idx(LOCAL_GET, 0).idx(LOCAL_GET, 1).op(I64_EXTEND_U).op(I64_ADD)
    m.func(helper_t, h, export="helper")
    c = Code()

    def level(k):
        c.op(BLOCK, I64)
        c.idx(LOCAL_GET, P).i32(k).op(I32_EQ).op(IF, VOID)
        if tail:
            c.idx(LOCAL_GET, ACC).i32(k).idx(RETURN_CALL, 0).op(END)
        else:
            c.idx(LOCAL_GET, ACC).op(RETURN).op(END)
        c.i32(0).idx(LOCAL_SET, I)
        c.op(LOOP, VOID)
        c.idx(LOCAL_GET, ACC).idx(LOCAL_GET, I).idx(CALL, 0)
        c.op(I64_CONST)
        c.b.extend(sleb(k + 1))
        c.op(I64_MUL).idx(LOCAL_SET, ACC)
        c.idx(LOCAL_GET, I).i32(1).op(I32_ADD).idx(LOCAL_TEE, I)
        c.i32(3).op(I32_LT_U).idx(BR_IF, 0)
        c.op(END)
        if k + 1 < count:
            level(k + 1)
        else:
            c.idx(LOCAL_GET, ACC)
        c.idx(LOCAL_GET, ACC).op(I64_ADD).idx(LOCAL_SET, ACC)
        c.idx(LOCAL_GET, ACC)
        c.idx(LOCAL_GET, ACC).op(I32_WRAP).idx(LOCAL_GET, P).op(I32_XOR)
        c.i32(15).op(I32_AND)
        targets = [0] * 12 + [min(1, k), min(2, k), min(3, k)]
        c.op(BR_TABLE)
        c.b.extend(uleb(len(targets)))
        for t in targets:
            c.b.extend(uleb(t))
        c.b.extend(uleb(0))
        c.op(END)

    level(0)
    m.func(giant_t, c, locals_=[(1, I64), (1, I32)], export="giant")
    return m


args = [a for a in sys.argv[1:] if a != "--tail"]
out = args[0]
count = int(args[1]) if len(args) > 1 else 3500
with open(out, "wb") as f:
    f.write(build(count, tail="--tail" in sys.argv).encode())
