#!/usr/bin/env python3
"""bench/hostile/gen.py - writes hostile but valid WebAssembly modules.

    python3 bench/hostile/gen.py SHAPE [N] -o OUT.wasm
    python3 bench/hostile/gen.py --list

Each shape stresses one dimension of compile cost that an ahead-of-time
compiler must keep bounded (issue 14): huge basic blocks, many locals,
huge switches, deep nesting, many small loops, many functions, huge
signatures, many types. N scales the shape (default: the size the issue
measured). The modules are written byte by byte (no wabt needed), are
valid WebAssembly 2.0 and depend only on SHAPE and N.
"""

import argparse
import sys

I32, I64, F32, F64 = 0x7F, 0x7E, 0x7D, 0x7C

# Opcodes used below.
UNREACHABLE, BLOCK, LOOP, IF, ELSE, END = 0x00, 0x02, 0x03, 0x04, 0x05, 0x0B
BR, BR_IF, BR_TABLE, RETURN, CALL, CALL_INDIRECT = (0x0C, 0x0D, 0x0E, 0x0F,
                                                    0x10, 0x11)
DROP, SELECT = 0x1A, 0x1B
LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET = (0x20, 0x21, 0x22,
                                                           0x23, 0x24)
I32_LOAD, I32_STORE = 0x28, 0x36
I32_CONST = 0x41
I32_EQZ, I32_LT_U = 0x45, 0x49
I32_ADD, I32_SUB, I32_MUL, I32_AND, I32_XOR, I32_SHL, I32_ROTL = (
    0x6A, 0x6B, 0x6C, 0x71, 0x73, 0x74, 0x77)
VOID = 0x40


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(s):
    return uleb(len(s)) + s.encode()


class Code:
    """A function body under construction."""

    def __init__(self):
        self.b = bytearray()

    def op(self, *ops):
        self.b.extend(ops)
        return self

    def idx(self, op, i):
        self.b.append(op)
        self.b.extend(uleb(i))
        return self

    def i32(self, v):
        self.b.append(I32_CONST)
        self.b.extend(sleb(v))
        return self

    def mem(self, op, offset, align=2):
        self.b.append(op)
        self.b.extend(uleb(align))
        self.b.extend(uleb(offset))
        return self


class ModuleBuilder:
    def __init__(self):
        self.types = []      # encoded function types
        self.imports = []
        self.funcs = []      # (type index, locals [(count, type)], Code)
        self.tables = []
        self.memories = []
        self.globals = []
        self.exports = []
        self.elems = []

    def type(self, params, results):
        t = b"\x60" + vec([bytes([p]) for p in params]) + \
            vec([bytes([r]) for r in results])
        self.types.append(t)
        return len(self.types) - 1

    def func(self, type_index, code, locals_=(), export=None):
        self.funcs.append((type_index, list(locals_), code))
        index = len(self.imports) + len(self.funcs) - 1
        if export:
            self.exports.append(name(export) + b"\x00" + uleb(index))
        return index

    def memory(self, pages=1):
        self.memories.append(b"\x00" + uleb(pages))

    def global_i32(self, value, mutable=True):
        self.globals.append(bytes([I32, 1 if mutable else 0]) +
                            bytes([I32_CONST]) + sleb(value) + bytes([END]))

    def encode(self):
        def section(sid, payload):
            return bytes([sid]) + uleb(len(payload)) + payload

        out = bytearray(b"\0asm\x01\0\0\0")
        if self.types:
            out += section(1, vec(self.types))
        if self.imports:
            out += section(2, vec(self.imports))
        if self.funcs:
            out += section(3, vec([uleb(t) for t, _, _ in self.funcs]))
        if self.tables:
            out += section(4, vec(self.tables))
        if self.memories:
            out += section(5, vec(self.memories))
        if self.globals:
            out += section(6, vec(self.globals))
        if self.exports:
            out += section(7, vec(self.exports))
        if self.elems:
            out += section(9, vec(self.elems))
        if self.funcs:
            bodies = []
            for _, locals_, code in self.funcs:
                body = vec([uleb(n) + bytes([t]) for n, t in locals_]) + \
                    bytes(code.b) + bytes([END])
                bodies.append(uleb(len(body)) + body)
            out += section(10, vec(bodies))
        return bytes(out)


# ---- Shapes ----------------------------------------------------------------
#
# Each builder takes N and returns a ModuleBuilder. Constants come from a
# multiplicative hash of the position so the code is not trivially foldable.


def mix(k):
    return (k * 2654435761) & 0x7FFF


def block_groups(n):
    """One basic block of N groups; a group loads a word, adds a running
    value kept in a local and stores the sum elsewhere (17 bytes):
        local.get 0; local.get 0; i32.load offset=A; local.get 1;
        i32.add; local.tee 1; i32.store offset=B
    A and B walk over 16 KiB, so neighbouring groups touch different
    words and every load may alias every earlier store."""
    m = ModuleBuilder()
    m.memory(1)
    t = m.type([I32, I32], [I32])
    c = Code()
    for k in range(n):
        a = 128 + (4 * k) % 16000
        b = 128 + (4 * mix(k)) % 16000
        c.idx(LOCAL_GET, 0).idx(LOCAL_GET, 0).mem(I32_LOAD, a)
        c.idx(LOCAL_GET, 1).op(I32_ADD).idx(LOCAL_TEE, 1).mem(I32_STORE, b)
    c.idx(LOCAL_GET, 1)
    m.func(t, c, export="run")
    return m


def globals_(n):
    """N mutable i32 globals, each read and written twice in one basic
    block: g[i] = g[i] + g[(7i + 1) mod N] * 3, in two rounds."""
    m = ModuleBuilder()
    for k in range(n):
        m.global_i32(mix(k))
    t = m.type([], [I32])
    c = Code()
    for _ in range(2):
        for i in range(n):
            c.idx(GLOBAL_GET, i).idx(GLOBAL_GET, (7 * i + 1) % n).i32(3)
            c.op(I32_MUL, I32_ADD).idx(GLOBAL_SET, i)
    c.idx(GLOBAL_GET, 0)
    m.func(t, c, export="run")
    return m


def locals_(n):
    """One function with N i32 locals, all live around one loop: each
    iteration does l[i] = l[i] + l[i+1] for every i, then loops while
    the parameter counts down."""
    m = ModuleBuilder()
    t = m.type([I32], [I32])
    c = Code()
    c.op(LOOP, VOID)
    for i in range(1, n + 1):
        c.idx(LOCAL_GET, i).idx(LOCAL_GET, 1 + i % n).op(I32_ADD)
        c.idx(LOCAL_SET, i)
    c.idx(LOCAL_GET, 0).i32(1).op(I32_SUB).idx(LOCAL_TEE, 0).idx(BR_IF, 0)
    c.op(END)
    c.idx(LOCAL_GET, 1)
    m.func(t, c, locals_=[(n, I32)], export="run")
    return m


def br_table(n):
    """A switch of N cases: one br_table into N + 1 nested blocks; case k
    adds its own constant to a local and falls through to the next case
    (C's switch without break), the default returns."""
    m = ModuleBuilder()
    t = m.type([I32], [I32])
    c = Code()
    for _ in range(n + 1):
        c.op(BLOCK, VOID)
    c.idx(LOCAL_GET, 0)
    c.op(BR_TABLE)
    c.b.extend(uleb(n))
    for k in range(n):
        c.b.extend(uleb(k))
    c.b.extend(uleb(n))
    for k in range(n):
        c.op(END)
        c.idx(LOCAL_GET, 1).idx(LOCAL_GET, 0).i32(mix(k)).op(I32_XOR)
        c.op(I32_ADD).idx(LOCAL_SET, 1)
    c.op(END)
    c.idx(LOCAL_GET, 1)
    m.func(t, c, locals_=[(1, I32)], export="run")
    return m


def nested_ifs(n):
    """N nested ifs, each testing a bit of the running value and updating
    it: if (x & 1) { x = x * 3 + k; if (...) {...} }."""
    m = ModuleBuilder()
    t = m.type([I32], [I32])
    c = Code()
    for k in range(n):
        c.idx(LOCAL_GET, 0).i32(1).op(I32_AND).op(IF, VOID)
        c.idx(LOCAL_GET, 0).i32(3).op(I32_MUL).i32(mix(k)).op(I32_ADD)
        c.idx(LOCAL_SET, 0)
    for _ in range(n):
        c.op(END)
    c.idx(LOCAL_GET, 0)
    m.func(t, c, export="run")
    return m


def loops(n):
    """N small loops of 16 iterations one after another, each storing to
    memory and summing (33 bytes each), so full unrolling could multiply
    the code by 16."""
    m = ModuleBuilder()
    m.memory(1)
    t = m.type([I32], [I32])
    c = Code()
    for k in range(n):
        c.i32(0).idx(LOCAL_SET, 1)
        c.op(LOOP, VOID)
        c.idx(LOCAL_GET, 1).idx(LOCAL_GET, 1).idx(LOCAL_GET, 0).op(I32_ADD)
        c.mem(I32_STORE, 64 + (k % 64) * 4)
        c.idx(LOCAL_GET, 0).idx(LOCAL_GET, 1).op(I32_XOR).idx(LOCAL_SET, 0)
        c.idx(LOCAL_GET, 1).i32(1).op(I32_ADD).idx(LOCAL_TEE, 1)
        c.i32(16).op(I32_LT_U).idx(BR_IF, 0)
        c.op(END)
    c.idx(LOCAL_GET, 0)
    m.func(t, c, locals_=[(1, I32)], export="run")
    return m


def functions(n):
    """N tiny functions: f[k](x) = f[k+1](x + c[k]) (the last returns x),
    all in one table so none is dead, f[0] exported."""
    m = ModuleBuilder()
    t = m.type([I32], [I32])
    for k in range(n):
        c = Code()
        c.idx(LOCAL_GET, 0)
        if k + 1 < n:
            c.i32(mix(k)).op(I32_ADD).idx(CALL, k + 1)
        m.func(t, c, export="run" if k == 0 else None)
    m.tables.append(bytes([0x70, 0x00]) + uleb(n))
    m.elems.append(b"\x00" + bytes([I32_CONST, 0, END]) +
                   vec([uleb(k) for k in range(n)]))
    return m


def signature(n):
    """A function of N i32 parameters and N i32 results that returns its
    parameters reversed, exported, and a caller that passes constants and
    sums the results."""
    m = ModuleBuilder()
    big = m.type([I32] * n, [I32] * n)
    small = m.type([], [I32])
    c = Code()
    for i in reversed(range(n)):
        c.idx(LOCAL_GET, i)
    m.func(big, c, export="reverse")
    c = Code()
    for i in range(n):
        c.i32(mix(i))
    c.idx(CALL, 0)
    for _ in range(n - 1):
        c.op(I32_ADD)
    m.func(small, c, export="run")
    return m


VALTYPES = [I32, I64, F32, F64, 0x7B, 0x70, 0x6F]  # v128, funcref, externref


def distinct_params(k):
    """A parameter list of its own for every k (k spelled in base 7, with a
    leading digit so that no two lengths collide)."""
    params = []
    v = k + 1
    while v:
        params.append(VALTYPES[v % 7])
        v //= 7
    return params


def types_(n):
    """N distinct function types no function uses (their parameters spell
    the type's index in base 7 over the value types), and one trivial
    function."""
    m = ModuleBuilder()
    t = m.type([], [I32])
    for k in range(n):
        m.type(distinct_params(k), [])
    m.func(t, Code().i32(0), export="run")
    return m


# Relatives of the shapes above.


def nested_blocks(n):
    """N nested blocks, each with a br_if out to a block far outside."""
    m = ModuleBuilder()
    t = m.type([I32], [I32])
    c = Code()
    for k in range(n):
        c.op(BLOCK, VOID)
        c.idx(LOCAL_GET, 0).i32(mix(k)).op(I32_XOR).idx(LOCAL_TEE, 0)
        c.i32(7).op(I32_AND).op(I32_EQZ).idx(BR_IF, k // 2)
    for _ in range(n):
        c.op(END)
    c.idx(LOCAL_GET, 0)
    m.func(t, c, export="run")
    return m


def nested_loops(n):
    """N loops nested in each other, each counting a local down from 3."""
    m = ModuleBuilder()
    m.memory(1)
    t = m.type([I32], [I32])
    c = Code()
    for k in range(n):
        c.i32(3).idx(LOCAL_SET, 1 + k)
        c.op(LOOP, VOID)
    c.idx(LOCAL_GET, 0).idx(LOCAL_GET, 0).mem(I32_LOAD, 64)
    c.op(I32_ADD).idx(LOCAL_SET, 0)
    for k in reversed(range(n)):
        c.idx(LOCAL_GET, 1 + k).i32(1).op(I32_SUB).idx(LOCAL_TEE, 1 + k)
        c.idx(BR_IF, 0).op(END)
    c.idx(LOCAL_GET, 0)
    m.func(t, c, locals_=[(n, I32)], export="run")
    return m


def interpreter(n):
    """An interpreter loop: a br_table of N cases inside a loop, each
    case a few memory operations, then back to the dispatch."""
    m = ModuleBuilder()
    m.memory(1)
    t = m.type([I32], [I32])
    c = Code()
    c.op(BLOCK, VOID)  # exit
    c.op(LOOP, VOID)   # dispatch
    for _ in range(n + 1):
        c.op(BLOCK, VOID)
    # op = mem[pc]; pc += 4
    c.idx(LOCAL_GET, 0).mem(I32_LOAD, 0).idx(LOCAL_GET, 0).i32(4)
    c.op(I32_ADD).idx(LOCAL_SET, 0)
    c.op(BR_TABLE)
    c.b.extend(uleb(n))
    for k in range(n):
        c.b.extend(uleb(k))
    c.b.extend(uleb(n))
    for k in range(n):
        c.op(END)
        # acc = acc op mem[k]; mem[k] = acc; continue
        c.idx(LOCAL_GET, 1).idx(LOCAL_GET, 1).i32(4 * (k % 1024))
        c.mem(I32_LOAD, 1024).op(I32_ADD).i32(mix(k)).op(I32_ROTL)
        c.idx(LOCAL_TEE, 1).mem(I32_STORE, 8192)
        c.idx(BR, n - k)
    c.op(END)  # default: leave
    c.idx(BR, 1)
    c.op(END, END)
    c.idx(LOCAL_GET, 1)
    m.func(t, c, locals_=[(1, I32)], export="run")
    return m


def deep_stack(n):
    """One expression N operands deep: N constants pushed, then N - 1
    adds."""
    m = ModuleBuilder()
    t = m.type([I32], [I32])
    c = Code()
    for k in range(n):
        c.idx(LOCAL_GET, 0).i32(mix(k)).op(I32_XOR)
    for _ in range(n - 1):
        c.op(I32_ADD)
    m.func(t, c, export="run")
    return m


def imports_(n):
    """N imported functions of N distinct types, each called once: every
    type needs its host trampoline."""
    m = ModuleBuilder()
    for k in range(n):
        params = []
        v = k + 2
        while v > 1:
            params.append(I64 if v & 1 else I32)
            v >>= 1
        ti = m.type(params, [])
        m.imports.append(name("env") + name("f%d" % k) + b"\x00" + uleb(ti))
    t = m.type([], [])
    c = Code()
    for k in range(n):
        v = k + 2
        while v > 1:
            c.op(0x42, 0x00) if v & 1 else c.i32(0)
            v >>= 1
        c.idx(CALL, k)
    m.func(t, c, export="run")
    return m


def exports_(n):
    """N exported functions of N distinct types: every type needs its
    invoke entry."""
    m = ModuleBuilder()
    for k in range(n):
        params = []
        v = k + 2
        while v > 1:
            params.append(I64 if v & 1 else I32)
            v >>= 1
        ti = m.type(params, [I32])
        m.func(ti, Code().i32(k), export="f%d" % k)
    return m


def block_results(n):
    """Multi-value blocks: a block type of N results, N values flowing
    through an if/else and a br_if into the block end."""
    m = ModuleBuilder()
    bt = m.type([], [I32] * n)
    t = m.type([I32], [I32])
    c = Code()
    c.idx(LOCAL_GET, 0)
    c.op(IF)
    c.b.extend(sleb(bt))
    for k in range(n):
        c.idx(LOCAL_GET, 0).i32(k).op(I32_ADD)
    c.op(ELSE)
    for k in range(n):
        c.idx(LOCAL_GET, 0).i32(k).op(I32_XOR)
    c.op(END)
    for _ in range(n - 1):
        c.op(I32_ADD)
    m.func(t, c, export="run")
    return m


SHAPES = {
    "block-groups": (block_groups, 8000),
    "globals": (globals_, 1000),
    "locals": (locals_, 10000),
    "br-table": (br_table, 10000),
    "nested-ifs": (nested_ifs, 10000),
    "loops": (loops, 1000),
    "functions": (functions, 50000),
    "signature": (signature, 1000),
    "types": (types_, 10000),
    "nested-blocks": (nested_blocks, 10000),
    "nested-loops": (nested_loops, 1000),
    "interpreter": (interpreter, 10000),
    "deep-stack": (deep_stack, 10000),
    "imports": (imports_, 10000),
    "exports": (exports_, 10000),
    "block-results": (block_results, 1000),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shape", nargs="?", choices=sorted(SHAPES))
    ap.add_argument("n", nargs="?", type=int,
                    help="scale (default: the shape's issue size)")
    ap.add_argument("-o", "--output", help="output .wasm ('-' for stdout)")
    ap.add_argument("--list", action="store_true",
                    help="list the shapes with their default N")
    a = ap.parse_args()
    if a.list or not a.shape:
        for s in sorted(SHAPES):
            fn, n = SHAPES[s]
            print(f"{s:16} {n:7}  {fn.__doc__.splitlines()[0]}")
        return 0
    if not a.output:
        ap.error("-o OUT is required")
    fn, default = SHAPES[a.shape]
    data = fn(a.n if a.n is not None else default).encode()
    if a.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(a.output, "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
