"""A generator of modules whose loops run over memory near its end, the code
that LLVM's loop passes (vectoriser, LICM, unrolling, store promotion)
transform and where a trap in the middle of a loop must leave exactly the
stores and global updates of the iterations before it. Binaryen's -ttf
caps loops at about ten iterations, which never reaches those passes.

Each module has a memory of 1 to 3 pages (with a maximum, sometimes room
to grow), data near its end, a few mutable i32/i64 globals used as
counters, and 4 to 9 exported kernels, each called several times with
arguments chosen so that the loop stays inside memory, leaves it at a
chosen iteration, starts outside it, or runs no iteration:

- fill: a store per iteration (every width and type, static offsets up to
  past the end of memory, strides of one or more elements, an index or a
  bumped pointer, counting up or down), a global counter before or after
  the store, the last index stored to memory or a global;
- copy: a load and a store per iteration (overlapping or not, either
  direction);
- reduce: a sum of loads (integers, float bits, i32x4 lanes), stored after
  the loop;
- search: an early exit on a loaded value (a memchr or memcmp loop);
- nested: a constant inner trip count (full unrolling) inside an outer
  loop;
- trap sandwich: a store and a global.set, an access that may trap (a
  load, a store, memory.fill/copy, or a call of a kernel that traps), then
  the same store and global.set with other values;
- bulk: memory.fill and memory.copy ranges that reach the end;
- grow: memory.grow by one page (until the maximum).

Floats are only moved (load/store, reinterpret), never computed, so every
engine must give the same bits: memory is compared exactly.
"""

LOADS = {
    "i32.load8_u": (1, "i32"), "i32.load8_s": (1, "i32"),
    "i32.load16_u": (2, "i32"), "i32.load16_s": (2, "i32"),
    "i32.load": (4, "i32"), "i64.load8_u": (1, "i64"),
    "i64.load16_s": (2, "i64"), "i64.load32_u": (4, "i64"),
    "i64.load32_s": (4, "i64"), "i64.load": (8, "i64"),
    "f32.load": (4, "f32"), "f64.load": (8, "f64"),
    "v128.load": (16, "v128"),
}
STORES = {
    "i32.store8": (1, "i32"), "i32.store16": (2, "i32"),
    "i32.store": (4, "i32"), "i64.store8": (1, "i64"),
    "i64.store16": (2, "i64"), "i64.store32": (4, "i64"),
    "i64.store": (8, "i64"), "f32.store": (4, "f32"),
    "f64.store": (8, "f64"), "v128.store": (16, "v128"),
}
PAGE = 65536
I32 = 0x7F  # wasmbin.I32
I32_MASK = 0xFFFFFFFF


def from_i32(t, e):
    """An expression of type t made from the i32 expression e, without
    float arithmetic."""
    if t == "i32":
        return e
    if t == "i64":
        return f"(i64.extend_i32_u {e})"
    if t == "f32":
        return f"(f32.reinterpret_i32 {e})"
    if t == "f64":
        return f"(f64.reinterpret_i64 (i64.extend_i32_s {e}))"
    return f"(i32x4.splat {e})"


def to_i32(t, e):
    """An i32 expression made from the value e of type t (bits only)."""
    if t == "i32":
        return e
    if t == "i64":
        return f"(i32.wrap_i64 {e})"
    if t == "f32":
        return f"(i32.reinterpret_f32 {e})"
    if t == "f64":
        return f"(i32.wrap_i64 (i64.reinterpret_f64 {e}))"
    return (f"(i32.xor (i32x4.extract_lane 0 {e}) "
            f"(i32x4.extract_lane 3 {e}))")


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.pages = rng.choice([1, 1, 1, 2, 3])
        self.max_pages = self.pages + rng.choice([0, 0, 1, 2])
        self.size = self.pages * PAGE  # the initial size in bytes
        self.globals = []  # (name, type)
        self.funcs = []    # wat text
        self.calls = []    # (export, [(type, bits)], state)
        self.kernels = 0
        # Kernels that can trap, for sandwiches: (name, parameter count).
        self.trapping = []

    # -- Random parts

    def offset(self):
        r = self.rng.random()
        if r < 0.3:
            return 0
        if r < 0.6:
            return self.rng.choice([1, 3, 4, 8, 15, 16, 100, 255, 256])
        if r < 0.85:
            return self.rng.choice([1000, 4096, 65535, 65536 - 100,
                                    self.size - 64, self.size - 1])
        # Past the end of memory: every access traps (or after a grow).
        return self.rng.choice([self.size, self.size + 8, 2**31, 2**32 - 1])

    def counter(self, t=None):
        t = t or self.rng.choice(["i32", "i32", "i64"])
        name = f"$g{len(self.globals)}"
        self.globals.append((name, t))
        return name, t

    def bump(self, g, t, by=1):
        return (f"(global.set {g} ({t}.add (global.get {g}) "
                f"({t}.const {by})))")

    def trip(self):
        return self.rng.choice([100, 200, 256, 300, 500, 1000, 1024, 2000,
                                4096])

    def value_expr(self, t, i="(local.get $i)"):
        k = self.rng.choice([1, 3, 0x01010101, 0x9E3779B1, 255])
        return from_i32(t, f"(i32.add (i32.mul {i} (i32.const {k})) "
                           f"(local.get $v))")

    # -- Addresses and calls

    def loop_args(self, stride, span, n_max):
        """Values of (p, n) for a loop whose iteration i touches
        [p + i*stride, p + i*stride + span), span including the offset:
        inside memory, leaving it at some iteration, outside from the
        start, and empty."""
        out = []
        n = n_max
        # Trap at iteration j (the first access past the end).
        for _ in range(self.rng.randint(1, 3)):
            j = self.rng.randrange(0, n)
            p = self.size - span - j * stride + 1 + self.rng.randrange(
                0, max(1, stride))
            out.append((p & I32_MASK, n))
        # Fully inside, ending within a few bytes of the end.
        p = self.size - span - (n - 1) * stride - self.rng.randrange(0, 8)
        out.append((max(p, 0) & I32_MASK, n))
        if self.rng.random() < 0.3:
            out.append((self.rng.choice([self.size, 2**32 - 4, 2**31]), n))
        if self.rng.random() < 0.2:
            out.append((self.rng.randrange(0, self.size), 0))
        self.rng.shuffle(out)
        return out

    def add_calls(self, name, arg_lists):
        for args in arg_lists:
            self.calls.append((name, [(I32, a & I32_MASK) for a in args],
                               True))

    def new_kernel(self, kind):
        name = f"{kind}{self.kernels}"
        self.kernels += 1
        return name

    # -- Kernels

    def loop(self, body, count_up=True, form=None):
        """A counted loop over $i in [0, $n) around body."""
        form = form or self.rng.choice(["while", "while", "dowhile", "down"])
        if form == "while":
            return f"""
    (block $exit (loop $top
      (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))
{body}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $top)))"""
        if form == "dowhile":
            return f"""
    (if (local.get $n) (then (loop $top
{body}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $top (i32.lt_u (local.get $i) (local.get $n))))))"""
        # Counting down from n - 1 to 0.
        return f"""
    (local.set $i (local.get $n))
    (block $exit (loop $top
      (br_if $exit (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
{body}
      (br $top)))"""

    def address(self, stride, base="$p"):
        style = self.rng.choice(["mul", "mul", "shl"])
        if style == "shl" and stride & (stride - 1) == 0:
            shift = stride.bit_length() - 1
            return (f"(i32.add (local.get {base}) (i32.shl (local.get $i) "
                    f"(i32.const {shift})))")
        return (f"(i32.add (local.get {base}) (i32.mul (local.get $i) "
                f"(i32.const {stride})))")

    def fill(self):
        name = self.new_kernel("fill")
        op = self.rng.choice(list(STORES))
        width, t = STORES[op]
        stride = width * self.rng.choice([1, 1, 1, 2, 3])
        off = self.offset()
        g, gt = self.counter()
        before = self.rng.random() < 0.5
        body = []
        # The address: from the index, or a pointer bumped each iteration
        # (counting up only: the calls' arguments assume it).
        form = self.rng.choice(["while", "while", "dowhile", "down"])
        if form != "down" and self.rng.random() < 0.3:
            addr = "(local.get $q)"
            init = "\n    (local.set $q (local.get $p))"
        else:
            addr, init = self.address(stride), ""
        if before:
            body.append("      " + self.bump(g, gt))
        body.append(f"      ({op} offset={off} {addr} "
                    f"{self.value_expr(t)})")
        if init:
            body.append(f"      (local.set $q (i32.add (local.get $q) "
                        f"(i32.const {stride})))")
        if not before:
            body.append("      " + self.bump(g, gt))
        last = self.rng.random()
        if last < 0.3:
            # The last index, to a fixed address (LICM store promotion).
            body.append("      (i32.store offset=16 (i32.const 0) "
                        "(local.get $i))")
        elif last < 0.5:
            lg, _ = self.counter("i32")
            body.append(f"      (global.set {lg} (local.get $i))")
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $p i32) (param $n i32) (param $v i32) (result i32)
    (local $i i32) (local $q i32){init}{self.loop(chr(10).join(body), form=form)}
    (local.get $i))""")
        span = off + width
        self.add_calls(name, [(p, n, self.rng.getrandbits(32))
                              for p, n in self.loop_args(stride, span,
                                                         self.trip())])
        self.trapping.append((name, 3))

    def copy(self):
        name = self.new_kernel("copy")
        t = self.rng.choice(["i32", "i64", "f32", "f64", "v128"])
        loads = [o for o, (_, lt) in LOADS.items() if lt == t]
        stores = [o for o, (_, st) in STORES.items() if st == t]
        lop, sop = self.rng.choice(loads), self.rng.choice(stores)
        lw, sw = LOADS[lop][0], STORES[sop][0]
        stride = max(lw, sw) * self.rng.choice([1, 1, 2])
        loff, soff = self.offset(), self.offset()
        body = [f"      ({sop} offset={soff} {self.address(stride, '$d')} "
                f"({lop} offset={loff} {self.address(stride, '$s')}))"]
        if self.rng.random() < 0.5:
            g, gt = self.counter()
            body.insert(self.rng.randrange(2), "      " + self.bump(g, gt))
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $d i32) (param $s i32) (param $n i32) (result i32)
    (local $i i32){self.loop(chr(10).join(body))}
    (local.get $i))""")
        args = []
        for p, n in self.loop_args(stride, max(loff + lw, soff + sw),
                                   self.trip()):
            # One of source and destination runs off the end, the other
            # stays low (or overlaps it).
            other = self.rng.choice([0, 64, p - stride, p + stride,
                                     self.rng.randrange(0, PAGE)])
            if self.rng.random() < 0.5:
                args.append((p, other & I32_MASK, n))
            else:
                args.append((other & I32_MASK, p, n))
        self.add_calls(name, args)
        self.trapping.append((name, 3))

    def reduce(self):
        name = self.new_kernel("reduce")
        op = self.rng.choice(list(LOADS))
        width, t = LOADS[op]
        stride = width * self.rng.choice([1, 1, 2])
        off = self.offset()
        if t == "v128":
            acc_t = "v128"
            step = (f"(local.set $acc (i32x4.add (local.get $acc) ({op} "
                    f"offset={off} {self.address(stride)})))")
            result = to_i32("v128", "(local.get $acc)")
        else:
            acc_t = "i64" if t in ("i64", "f64") else "i32"
            val = f"({op} offset={off} {self.address(stride)})"
            if t == "f32":
                val = f"(i32.reinterpret_f32 {val})"
            if t == "f64":
                val = f"(i64.reinterpret_f64 {val})"
            combine = self.rng.choice(["add", "xor", "add", "or"])
            step = (f"(local.set $acc ({acc_t}.{combine} (local.get $acc) "
                    f"{val}))")
            result = to_i32(acc_t, "(local.get $acc)")
        body = ["      " + step]
        if self.rng.random() < 0.5:
            g, gt = self.counter()
            body.append("      " + self.bump(g, gt))
        out = self.rng.choice(["store", "global", "log"])
        if out == "store":
            tail = f"    (i32.store offset=32 (i32.const 0) {result})"
        elif out == "global":
            rg, _ = self.counter("i32")
            tail = f"    (global.set {rg} {result})"
        else:
            tail = f"    (call $log_i32 {result})"
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $acc {acc_t}){self.loop(chr(10).join(body))}
{tail}
    {result})""")
        self.add_calls(name, self.loop_args(stride, off + width, self.trip()))
        self.trapping.append((name, 2))

    def search(self):
        name = self.new_kernel("search")
        op = self.rng.choice(["i32.load8_u", "i32.load16_u", "i32.load",
                              "i64.load"])
        width, t = LOADS[op]
        off = self.offset()
        g, gt = self.counter()
        compare = self.rng.choice(["needle", "memcmp"])
        if compare == "needle":
            cond = (f"({t}.eq ({op} offset={off} {self.address(width)}) "
                    f"{from_i32(t, '(local.get $v)')})")
        else:
            cond = (f"({t}.ne ({op} offset={off} {self.address(width)}) "
                    f"({op} offset={off} {self.address(width, '$v')}))")
        body = f"""      (br_if $exit {cond})
      {self.bump(g, gt)}"""
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $p i32) (param $n i32) (param $v i32) (result i32)
    (local $i i32){self.loop(body, form="while")}
    (local.get $i))""")
        args = []
        for p, n in self.loop_args(width, off + width, self.trip()):
            if compare == "needle":
                v = self.rng.choice([0, 0xFF, self.rng.getrandbits(8)])
            else:
                v = self.rng.choice([p, 0, 1024, p + width])
            args.append((p, n, v))
        self.add_calls(name, args)
        self.trapping.append((name, 3))

    def nested(self):
        name = self.new_kernel("nested")
        op = self.rng.choice(["i32.store8", "i32.store", "i64.store"])
        width, t = STORES[op]
        inner = self.rng.choice([2, 4, 8, 16])
        off = self.offset()
        g, gt = self.counter()
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $p i32) (param $n i32) (param $v i32) (result i32)
    (local $i i32) (local $j i32)
    (block $exit (loop $top
      (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $j (i32.const 0))
      (loop $in
        ({op} offset={off} (i32.add (local.get $p) (i32.mul (i32.add
          (i32.mul (local.get $i) (i32.const {inner})) (local.get $j))
          (i32.const {width}))) {from_i32(t, '(i32.add (local.get $j) (local.get $v))')})
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $in (i32.lt_u (local.get $j) (i32.const {inner}))))
      {self.bump(g, gt)}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $top)))
    (local.get $i))""")
        stride = inner * width
        self.add_calls(name, [(p, n, self.rng.getrandbits(32)) for p, n in
                              self.loop_args(stride, off + stride,
                                             self.trip() // inner + 1)])
        self.trapping.append((name, 3))

    def risky_access(self):
        """An access (or call) that traps for some arguments $q, as text,
        and the size it needs below the end of memory."""
        kind = self.rng.choice(["load", "store", "fill", "copy", "call"])
        if kind == "call" and self.trapping:
            callee, arity = self.rng.choice(self.trapping)
            rest = " (i32.const 300)" * (arity - 1)
            return f"(drop (call ${callee} (local.get $q){rest}))", 0
        if kind in ("load", "call"):
            op = self.rng.choice(list(LOADS))
            width, _ = LOADS[op]
            off = self.offset()
            return f"(drop ({op} offset={off} (local.get $q)))", off + width
        if kind == "store":
            op = self.rng.choice(list(STORES))
            width, t = STORES[op]
            off = self.offset()
            return (f"({op} offset={off} (local.get $q) "
                    f"{from_i32(t, '(i32.const 0x5a5a5a5a)')})", off + width)
        if kind == "fill":
            return ("(memory.fill (local.get $q) (i32.const 0xa5) "
                    "(i32.const 64))", 64)
        return "(memory.copy (local.get $q) (i32.const 0) (i32.const 64))", 64

    def sandwich(self):
        name = self.new_kernel("sandwich")
        op = self.rng.choice(list(STORES))
        width, t = STORES[op]
        off = self.rng.choice([0, 8, 100, 1000])
        g, gt = self.counter()
        risky, need = self.risky_access()
        in_loop = self.rng.random() < 0.4
        first = (f"({op} offset={off} (local.get $p) "
                 f"{from_i32(t, '(i32.const 0x11223344)')})\n"
                 f"    (global.set {g} ({gt}.const 7))")
        second = (f"({op} offset={off} (local.get $p) "
                  f"{from_i32(t, '(i32.const 0x55667788)')})\n"
                  f"    (global.set {g} ({gt}.const 9))")
        if in_loop:
            # The risky access in a loop over $q, the sandwich around it.
            middle = f"""(local.set $i (i32.const 0))
    (block $exit (loop $top
      (br_if $exit (i32.ge_u (local.get $i) (i32.const 300)))
      {risky}
      (local.set $q (i32.add (local.get $q) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $top)))"""
        else:
            middle = risky
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $p i32) (param $q i32) (result i32)
    (local $i i32)
    {first}
    {middle}
    {second}
    (i32.const 1))""")
        args = []
        for _ in range(self.rng.randint(2, 4)):
            p = self.rng.randrange(0, 2048)
            q = self.rng.choice([
                self.size - need + self.rng.randrange(-8, 9),
                self.size - need - 4 * self.rng.randrange(0, 300),
                0, 2**32 - 1])
            args.append((p, q & I32_MASK))
        self.add_calls(name, args)

    def bulk(self):
        name = self.new_kernel("bulk")
        g, gt = self.counter()
        self.funcs.append(f"""  (func ${name} (export "{name}") (param $d i32) (param $s i32) (param $n i32) (result i32)
    (i32.store offset=48 (i32.const 0) (local.get $n))
    {self.bump(g, gt)}
    (memory.fill (local.get $d) (i32.const 0x3c) (local.get $n))
    {self.bump(g, gt)}
    (memory.copy (local.get $d) (local.get $s) (local.get $n))
    {self.bump(g, gt)}
    (i32.store offset=52 (i32.const 0) (local.get $n))
    (i32.const 0))""")
        args = []
        for _ in range(self.rng.randint(2, 4)):
            n = self.rng.choice([0, 1, 15, 16, 100, 4096])
            d = self.size - n + self.rng.randrange(-4, 5)
            s = self.rng.choice([0, d - 1, d + 1, self.size - n])
            if self.rng.random() < 0.5:
                d, s = s, d
            args.append((d & I32_MASK, s & I32_MASK, n))
        self.add_calls(name, args)

    def grow(self):
        name = self.new_kernel("grow")
        self.funcs.append(f"""  (func ${name} (export "{name}") (result i32)
    (memory.grow (i32.const 1)))""")
        self.add_calls(name, [()])

    # -- The module

    def data(self):
        """Data segments: random bytes at the start and near the end."""
        segs = []
        for at in [0x100, self.size - 512, self.size - 96]:
            n = self.rng.choice([32, 64, 96])
            n = min(n, self.size - at)
            raw = bytes(self.rng.getrandbits(8) for _ in range(n))
            text = "".join(f"\\{b:02x}" for b in raw)
            segs.append(f'  (data (i32.const {at}) "{text}")')
        return segs

    def module(self):
        kinds = [self.fill, self.fill, self.copy, self.reduce, self.search,
                 self.nested, self.sandwich, self.sandwich, self.bulk]
        for _ in range(self.rng.randint(4, 9)):
            self.rng.choice(kinds)()
        if self.max_pages > self.pages and self.rng.random() < 0.5:
            # Grow, then run some kernels again on the larger memory.
            self.grow()
            again = [c for c in self.calls if c[0] != "grow"]
            self.calls += self.rng.sample(again, min(len(again), 4))
        lines = ["(module",
                 '  (import "fuzzing-support" "log-i32" '
                 "(func $log_i32 (param i32)))",
                 f"  (memory {self.pages} {self.max_pages})"]
        for name, t in self.globals:
            lines.append(f"  (global {name} (mut {t}) ({t}.const 0))")
        lines += self.data()
        lines += self.funcs
        lines.append(")")
        return "\n".join(lines) + "\n"


def generate(rng):
    """(wat text, calls) of a module from the random generator rng."""
    g = Generator(rng)
    wat = g.module()
    return wat, g.calls
