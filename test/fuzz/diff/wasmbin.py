"""The few parts of the wasm binary format the differential fuzzer reads and
rewrites: types, imports, functions, memories, globals and exports. Every
other section is kept as bytes, in place.

`rewrite` makes the state of a module visible to every engine: it exports
each global and the memory under reserved names, caps the memory's maximum
and, for the imports variant, turns the defined memory and globals into
imports of module "env" (docs/testing.md, "Differential fuzzing").
"""

import struct

# Value types (binary encodings).
I32, I64, F32, F64, V128, FUNCREF, EXTERNREF = (
    0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F)
TYPE_NAMES = {I32: "i32", I64: "i64", F32: "f32", F64: "f64", V128: "v128",
              FUNCREF: "funcref", EXTERNREF: "externref"}
NUMERIC = (I32, I64, F32, F64, V128)

KIND_FUNC, KIND_TABLE, KIND_MEMORY, KIND_GLOBAL = range(4)

# Section ids, and the order known sections must appear in.
SEC_CUSTOM, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE, SEC_MEMORY = range(6)
SEC_GLOBAL, SEC_EXPORT, SEC_START, SEC_ELEM, SEC_CODE, SEC_DATA = range(6, 12)
SEC_DATACOUNT = 12
SECTION_ORDER = [SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE, SEC_MEMORY,
                 SEC_GLOBAL, SEC_EXPORT, SEC_START, SEC_ELEM, SEC_DATACOUNT,
                 SEC_CODE, SEC_DATA]

# Export names the rewriter owns; exports with this prefix are replaced.
RESERVED_PREFIX = "fuzzdiff:"
MEMORY_EXPORT = RESERVED_PREFIX + "memory"


def global_export(index):
    return f"{RESERVED_PREFIX}g{index}"


class FormatError(Exception):
    pass


# ---- Encoding --------------------------------------------------------------

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


def name(s):
    data = s.encode("utf-8") if isinstance(s, str) else bytes(s)
    return uleb(len(data)) + data


def limits(lo, hi):
    return b"\x00" + uleb(lo) if hi is None else b"\x01" + uleb(lo) + uleb(hi)


def vector(items):
    return uleb(len(items)) + b"".join(items)


# ---- Decoding --------------------------------------------------------------

class Reader:
    def __init__(self, data, pos=0, end=None):
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def byte(self):
        if self.pos >= self.end:
            raise FormatError("unexpected end")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def bytes(self, n):
        if self.pos + n > self.end:
            raise FormatError("unexpected end")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return bytes(b)

    def uleb(self):
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def sleb(self):
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                if b & 0x40:
                    result -= 1 << shift
                return result

    def name(self):
        return self.bytes(self.uleb()).decode("utf-8", "surrogateescape")

    def limits(self):
        flags = self.byte()
        lo = self.uleb()
        hi = self.uleb() if flags & 1 else None
        return lo, hi

    def done(self):
        return self.pos >= self.end


def read_const_expr(r):
    """Reads a constant expression up to its `end`; returns (bytes, value)
    where value is (type, bits) for a t.const, ("global", i) for a
    global.get, ("ref", ...) for references, None otherwise."""
    start = r.pos
    value = None
    while True:
        op = r.byte()
        if op == 0x0B:
            return bytes(r.data[start:r.pos]), value
        if op == 0x41:
            value = (I32, r.sleb() & 0xFFFFFFFF)
        elif op == 0x42:
            value = (I64, r.sleb() & 0xFFFFFFFFFFFFFFFF)
        elif op == 0x43:
            value = (F32, struct.unpack("<I", r.bytes(4))[0])
        elif op == 0x44:
            value = (F64, struct.unpack("<Q", r.bytes(8))[0])
        elif op == 0x23:
            value = ("global", r.uleb())
        elif op == 0xD0:
            value = ("ref.null", r.byte())
        elif op == 0xD2:
            value = ("ref.func", r.uleb())
        elif op == 0xFD:
            sub = r.uleb()
            if sub != 12:
                raise FormatError(f"unexpected 0xfd {sub} in a constant")
            value = (V128, int.from_bytes(r.bytes(16), "little"))
        else:
            # Extended constant expressions: keep the bytes, no value.
            value = None
            if op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):
                continue
            raise FormatError(f"unexpected opcode {op:#x} in a constant")


class Import:
    def __init__(self, module, field, kind, desc):
        self.module, self.field, self.kind, self.desc = (
            module, field, kind, desc)


class Module:
    """A parsed module: the sections the fuzzer needs, decoded; the rest as
    (id, bytes) in order."""

    def __init__(self, data):
        if data[:8] != b"\x00asm\x01\x00\x00\x00":
            raise FormatError("not a wasm module")
        self.sections = []  # (id, payload bytes), in file order
        r = Reader(data, 8)
        while not r.done():
            sid = r.byte()
            size = r.uleb()
            self.sections.append((sid, r.bytes(size)))
        self.types = []      # (params, results)
        self.imports = []    # Import
        self.func_types = []  # type index of each defined function
        self.memories = []   # (min, max) of defined memories
        self.globals = []    # (type, mutable, init bytes, value)
        self.exports = []    # (name, kind, index)
        for sid, payload in self.sections:
            r = Reader(payload)
            if sid == SEC_TYPE:
                for _ in range(r.uleb()):
                    if r.byte() != 0x60:
                        raise FormatError("not a function type")
                    params = [r.byte() for _ in range(r.uleb())]
                    results = [r.byte() for _ in range(r.uleb())]
                    self.types.append((params, results))
            elif sid == SEC_IMPORT:
                for _ in range(r.uleb()):
                    module, field, kind = r.name(), r.name(), r.byte()
                    if kind == KIND_FUNC:
                        desc = r.uleb()
                    elif kind == KIND_TABLE:
                        desc = (r.byte(), r.limits())
                    elif kind == KIND_MEMORY:
                        desc = r.limits()
                    elif kind == KIND_GLOBAL:
                        desc = (r.byte(), r.byte())
                    else:
                        raise FormatError(f"import kind {kind}")
                    self.imports.append(Import(module, field, kind, desc))
            elif sid == SEC_FUNCTION:
                self.func_types = [r.uleb() for _ in range(r.uleb())]
            elif sid == SEC_MEMORY:
                self.memories = [r.limits() for _ in range(r.uleb())]
            elif sid == SEC_GLOBAL:
                for _ in range(r.uleb()):
                    t, mut = r.byte(), r.byte()
                    init, value = read_const_expr(r)
                    self.globals.append((t, mut, init, value))
            elif sid == SEC_EXPORT:
                for _ in range(r.uleb()):
                    self.exports.append((r.name(), r.byte(), r.uleb()))

    # -- Index spaces

    def imported(self, kind):
        return [i for i in self.imports if i.kind == kind]

    def func_type(self, index):
        """The (params, results) of function `index`."""
        funcs = self.imported(KIND_FUNC)
        if index < len(funcs):
            return self.types[funcs[index].desc]
        return self.types[self.func_types[index - len(funcs)]]

    def global_types(self):
        """(type, mutable) of every global, imported first."""
        return ([i.desc for i in self.imported(KIND_GLOBAL)] +
                [(t, m) for t, m, _, _ in self.globals])

    def memory_limits(self):
        """(min, max, imported) of the memory, or None."""
        mems = self.imported(KIND_MEMORY)
        if mems:
            lo, hi = mems[0].desc
            return lo, hi, True
        if self.memories:
            lo, hi = self.memories[0]
            return lo, hi, False
        return None

    def exported_funcs(self):
        """(name, params, results) of every exported function, in order."""
        return [(n, *self.func_type(i)) for n, k, i in self.exports
                if k == KIND_FUNC]

    # -- Writing

    def encode(self):
        out = bytearray(b"\x00asm\x01\x00\x00\x00")
        for sid, payload in self.sections:
            out += bytes([sid]) + uleb(len(payload)) + payload
        return bytes(out)

    def set_section(self, sid, payload):
        """Replaces section sid, or inserts it in its place; None removes
        it."""
        for k, (s, _) in enumerate(self.sections):
            if s == sid:
                if payload is None:
                    del self.sections[k]
                else:
                    self.sections[k] = (sid, payload)
                return
        if payload is None:
            return
        rank = SECTION_ORDER.index(sid)
        at = len(self.sections)
        for k, (s, _) in enumerate(self.sections):
            if s != SEC_CUSTOM and SECTION_ORDER.index(s) > rank:
                at = k
                break
        self.sections.insert(at, (sid, payload))

    def encode_imports(self):
        items = []
        for i in self.imports:
            b = name(i.module) + name(i.field) + bytes([i.kind])
            if i.kind == KIND_FUNC:
                b += uleb(i.desc)
            elif i.kind == KIND_TABLE:
                b += bytes([i.desc[0]]) + limits(*i.desc[1])
            elif i.kind == KIND_MEMORY:
                b += limits(*i.desc)
            else:
                b += bytes(i.desc)
            items.append(b)
        return vector(items)


# ---- The rewrite -----------------------------------------------------------

def cap_limits(lo, hi, cap):
    """The memory limits with a maximum of at most `cap` pages (not below
    the minimum)."""
    hi = cap if hi is None else min(hi, cap)
    return lo, max(lo, hi)


def rewrite(data, memory_cap, import_state=False):
    """Returns (module bytes, env) for `data`: the module with every global
    and the memory exported under reserved names, the memory's maximum
    capped at memory_cap pages and, with import_state, the defined memory and
    numeric globals turned into imports of "env" ("memory", "g<index>").
    env lists what the harnesses must provide: ("memory", name, min, max)
    and ("global", name, type, mutable, bits). Imports of "env" that the
    module already has are listed too (globals with the value zero)."""
    m = Module(data)
    env = []
    values = {}  # initial values of the globals made imports, by name

    num_imported_globals = len(m.imported(KIND_GLOBAL))
    if import_state:
        # Defined memory -> import.
        if m.memories:
            lo, hi = cap_limits(*m.memories[0], memory_cap)
            m.imports.append(Import("env", "memory", KIND_MEMORY, (lo, hi)))
            m.memories = []
            m.set_section(SEC_MEMORY, None)
        # Defined globals -> imports, only when every one is numeric with a
        # constant initialiser (so the harness can provide its value), which
        # keeps the global indices: imported globals come first.
        if m.globals and all(t in NUMERIC and v is not None and v[0] == t
                             for t, _, _, v in m.globals):
            for k, (t, mut, _, v) in enumerate(m.globals):
                idx = num_imported_globals + k
                m.imports.append(Import("env", f"g{idx}", KIND_GLOBAL,
                                        (t, mut)))
                values[f"g{idx}"] = v[1]
            m.globals = []
            m.set_section(SEC_GLOBAL, None)
    else:
        if m.memories:
            m.memories = [cap_limits(*m.memories[0], memory_cap)] + \
                m.memories[1:]
            m.set_section(SEC_MEMORY, vector([limits(lo, hi)
                                              for lo, hi in m.memories]))

    # What the harnesses provide: every import of "env".
    for i in m.imports:
        if i.module != "env":
            continue
        if i.kind == KIND_MEMORY:
            lo, hi = cap_limits(*i.desc, memory_cap)
            i.desc = (lo, hi)
            env.append(("memory", i.field, lo, hi))
        elif i.kind == KIND_GLOBAL:
            env.append(("global", i.field, i.desc[0], i.desc[1],
                        values.get(i.field, 0)))
    if m.imports:
        m.set_section(SEC_IMPORT, m.encode_imports())

    # Exports: drop ours, then export every global and the memory.
    exports = [e for e in m.exports if not e[0].startswith(RESERVED_PREFIX)]
    for g in range(len(m.global_types())):
        exports.append((global_export(g), KIND_GLOBAL, g))
    if m.memory_limits() is not None:
        exports.append((MEMORY_EXPORT, KIND_MEMORY, 0))
    m.exports = exports
    m.set_section(SEC_EXPORT, vector([name(n) + bytes([k]) + uleb(i)
                                      for n, k, i in exports]))
    return m.encode(), env


# ---- Canonical NaNs in SIMD code ---------------------------------------------
#
# Binaryen's --denan replaces every NaN that an f32 or f64 expression
# produces by 0, but leaves v128 alone. canonicalise_simd_nans closes that
# gap: after every SIMD instruction whose float lanes may be a NaN with
# unspecified bits, it calls a function that makes every NaN lane the
# canonical NaN (0x7fc00000, 0x7ff8000000000000). abs, neg, pmin, pmax,
# splats, lane and bitwise operations move bits exactly and stay as they are.

# Sub-opcodes (after 0xfd) whose result is f32x4 or f64x2 arithmetic.
SIMD_F32X4_ARITH = {0x67, 0x68, 0x69, 0x6A, 0x5E,  # ceil..nearest, demote
                    0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9}  # sqrt..max
SIMD_F64X2_ARITH = {0x74, 0x75, 0x7A, 0x94, 0x5F,  # ceil..nearest, promote
                    0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5}  # sqrt..max


def skip_immediates(r, op):
    """Moves r past the immediates of instruction op (its opcode read).
    Returns the SIMD sub-opcode for 0xfd instructions, else None."""
    if op in (0x02, 0x03, 0x04):  # blocktype
        b = r.data[r.pos]
        if b == 0x40 or b in TYPE_NAMES:
            r.pos += 1
        else:
            r.sleb()
    elif op in (0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26,
                0xD2):
        r.uleb()
    elif op == 0x0E:
        for _ in range(r.uleb() + 1):
            r.uleb()
    elif op == 0x11:
        r.uleb()
        r.uleb()
    elif op == 0x1C:
        for _ in range(r.uleb()):
            r.byte()
    elif 0x28 <= op <= 0x3E:  # memarg
        r.uleb()
        r.uleb()
    elif op in (0x3F, 0x40, 0xD0):
        r.byte()
    elif op == 0x41 or op == 0x42:
        r.sleb()
    elif op == 0x43:
        r.bytes(4)
    elif op == 0x44:
        r.bytes(8)
    elif op == 0xFC:
        sub = r.uleb()
        if sub == 8:
            r.uleb()
            r.byte()
        elif sub in (9, 13, 15, 16, 17):
            r.uleb()
        elif sub == 10:
            r.byte()
            r.byte()
        elif sub == 11:
            r.byte()
        elif sub in (12, 14):
            r.uleb()
            r.uleb()
    elif op == 0xFD:
        sub = r.uleb()
        if sub <= 11 or sub in (92, 93):  # loads and stores: memarg
            r.uleb()
            r.uleb()
        elif sub in (12, 13):  # v128.const, i8x16.shuffle
            r.bytes(16)
        elif 21 <= sub <= 34:  # extract/replace lane
            r.byte()
        elif 84 <= sub <= 91:  # load/store lane: memarg, lane
            r.uleb()
            r.uleb()
            r.byte()
        return sub
    elif op in (0x12, 0x13, 0x06, 0x07, 0x08, 0x09, 0x18, 0x19, 0xFB, 0xFE):
        raise FormatError(f"unsupported opcode {op:#x}")
    return None


def canonical_nan_func(lane_pattern, ne_sub):
    """The body of (func (param v128) (result v128)) that replaces NaN
    lanes with lane_pattern: bitselect(canonical, x, x != x)."""
    return (b"\x00" + b"\xfd\x0c" + lane_pattern * (16 // len(lane_pattern)) +
            b"\x20\x00" + b"\x20\x00\x20\x00\xfd" + uleb(ne_sub) +
            b"\xfd" + uleb(0x52) + b"\x0b")


def canonicalise_simd_nans(data):
    """The module with a call of a NaN-canonicalising function after every
    f32x4/f64x2 arithmetic instruction (none added if it has none)."""
    m = Module(data)
    code = next((p for s, p in m.sections if s == SEC_CODE), None)
    if code is None:
        return data
    num_funcs = len(m.imported(KIND_FUNC)) + len(m.func_types)
    calls = {"f32": b"\x10" + uleb(num_funcs),
             "f64": b"\x10" + uleb(num_funcs + 1)}
    r = Reader(code)
    bodies = []
    changed = False
    for _ in range(r.uleb()):
        size = r.uleb()
        end = r.pos + size
        start = r.pos
        for _ in range(r.uleb()):  # local declarations
            r.uleb()
            r.byte()
        out = bytearray(code[start:r.pos])
        while r.pos < end:
            at = r.pos
            sub = skip_immediates(r, r.byte())
            out += code[at:r.pos]
            if code[at] == 0xFD and sub in SIMD_F32X4_ARITH:
                out += calls["f32"]
                changed = True
            elif code[at] == 0xFD and sub in SIMD_F64X2_ARITH:
                out += calls["f64"]
                changed = True
        bodies.append(uleb(len(out)) + bytes(out))
    if not changed:
        return data
    # One new type, (v128) -> (v128), and the two functions.
    type_index = len(m.types)
    types = next(p for s, p in m.sections if s == SEC_TYPE)
    tr = Reader(types)
    n = tr.uleb()
    m.set_section(SEC_TYPE, uleb(n + 1) + types[tr.pos:] +
                  b"\x60\x01\x7b\x01\x7b")
    m.set_section(SEC_FUNCTION, vector(
        [uleb(t) for t in m.func_types] + [uleb(type_index)] * 2))
    for pattern, ne in ((b"\x00\x00\xc0\x7f", 0x42),
                        (b"\x00\x00\x00\x00\x00\x00\xf8\x7f", 0x48)):
        body = canonical_nan_func(pattern, ne)
        bodies.append(uleb(len(body)) + body)
    m.set_section(SEC_CODE, vector(bodies))
    return m.encode()
