"""Canonical transcripts and the comparison rules of the differential fuzzer
(docs/testing.md, "Differential fuzzing", lists them with their reasons):

- NaN: an f32 or f64 value that is a NaN compares as `nan` of its type,
  whatever its sign and payload. v128 values and memory are compared bit
  for bit (their lanes and bytes have no types): the generators make NaN
  bits deterministic at the source (generators.py).
- Traps: compared by kind, with the kinds an oracle cannot tell apart
  merged: every call_indirect and table trap is `table` (V8 has one message
  for a null entry and a type mismatch, and one for an index out of bounds
  of call_indirect and of table.get/set); a float-to-int truncation out of
  range (`integer overflow`) and of a NaN (`invalid conversion`) are both
  `int-overflow/conversion`, with integer division overflow (V8 says "float
  unrepresentable in integer range" for both truncations).
- Resource exhaustion: when an engine exhausts its stack in call K, the two
  transcripts being compared end before call K (depths differ between
  engines, and so do the effects of the frames that ran). Out of fuel ends
  them the same way in a configuration given a budget (and is a difference
  anywhere else).
  memory.grow cannot fail at different sizes: every memory has a maximum
  within what each engine can allocate (the rewriter caps it).
"""

import difflib

TRAP_CLASSES = {
    "table-oob": "table",
    "undefined-element": "table",
    "uninitialized-element": "table",
    "call-type-mismatch": "table",
    "int-overflow": "int-overflow/conversion",
    "conversion": "int-overflow/conversion",
}


def is_f32_nan(bits):
    return (bits & 0x7F800000) == 0x7F800000 and bits & 0x007FFFFF


def is_f64_nan(bits):
    return ((bits & 0x7FF0000000000000) == 0x7FF0000000000000 and
            bits & 0x000FFFFFFFFFFFFF)


def canonical_value(v):
    t, _, hexbits = v.partition(":")
    if t == "f32" and is_f32_nan(int(hexbits, 16)):
        return "f32:nan"
    if t == "f64" and is_f64_nan(int(hexbits, 16)):
        return "f64:nan"
    return v


def canonical_line(line):
    parts = line.split()
    if not parts:
        return line
    if parts[0] == "log":
        return "log " + canonical_value(parts[1])
    if parts[0] == "call" and len(parts) > 2 and parts[2] == "ok":
        return " ".join(parts[:3] + [canonical_value(v) for v in parts[3:]])
    if parts[0] in ("call", "instantiate") and "trap" in parts[:3]:
        i = parts.index("trap")
        kind = parts[i + 1] if len(parts) > i + 1 else "?"
        return " ".join(parts[:i + 1] + [TRAP_CLASSES.get(kind, kind)])
    if parts[0] == "state":
        i = parts.index("globals")
        return " ".join(parts[:i + 1] +
                        [canonical_value(v) for v in parts[i + 1:]])
    return line


class Record:
    """What one call did: its logs, its outcome, the state after it."""

    def __init__(self, index):
        self.index = index
        self.logs = []
        self.outcome = None
        self.state = None

    def key(self):
        return (tuple(self.logs), self.outcome, self.state)


class Transcript:
    """A canonical transcript: the instantiation's outcome, one Record per
    call, and how the process ended if it did not end normally."""

    def __init__(self, lines, exhaustion=("stack-exhausted",)):
        """exhaustion: the trap kinds that end the comparison."""
        self.exhaustion = set(exhaustion)
        self.lines = [canonical_line(l) for l in lines if l.strip()]
        self.instantiate = None
        self.records = []
        self.end = None  # "timeout", "crash ...", "compile ..."
        logs = []
        by_index = {}
        for line in self.lines:
            parts = line.split()
            if parts[0] == "instantiate":
                self.instantiate = line
            elif parts[0] == "log":
                logs.append(parts[1])
            elif parts[0] == "call":
                r = Record(int(parts[1]))
                r.logs, logs = logs, []
                r.outcome = " ".join(parts[2:])
                self.records.append(r)
                by_index[r.index] = r
            elif parts[0] == "state":
                r = by_index.get(int(parts[1]))
                if r is not None:
                    r.state = " ".join(parts[2:])
            else:
                self.end = line
        if logs:
            # Logs of a call that never ended (a crash or a timeout).
            r = Record(len(self.records))
            r.logs = logs
            self.records.append(r)

    def exhausted_at(self):
        """The first call that exhausted a resource, or None."""
        for r in self.records:
            if r.outcome and r.outcome.startswith("trap ") and \
                    r.outcome.split()[1] in self.exhaustion:
                return r.index
        return None


def first_difference(a, b):
    """None if transcripts a and b agree under the rules, else (category,
    call index or None, description)."""
    diffs = differences(a, b, first_only=True)
    return diffs[0] if diffs else None


def differences(a, b, first_only=False):
    """Every difference of transcripts a and b under the rules, as
    (category, call index or None, description), in order."""
    limit = comparison_limit(a, b)
    if a.instantiate != b.instantiate:
        return [("instantiate", None, f"{a.instantiate} / {b.instantiate}")]
    ra = [r for r in a.records if limit is None or r.index < limit]
    rb = [r for r in b.records if limit is None or r.index < limit]
    out = []
    for x, y in zip(ra, rb):
        if x.key() == y.key():
            continue
        out.append(record_difference(x, y))
        if first_only:
            return out
    if a.end != b.end and limit is None:
        out.append(("end", None, f"{a.end} / {b.end}"))
    elif len(ra) != len(rb):
        out.append(("calls", None, f"{len(ra)} calls / {len(rb)} calls"))
    return out


def record_difference(x, y):
    """(category, index, description) of two records that differ."""
    parts = record_parts(x, y)
    return (parts[0][0], x.index, "; ".join(d for _, d in parts))


def record_parts(x, y):
    """[(category, description)] of every part in which two records differ:
    the outcome (a trap or results) alone, else the logs, the globals and
    the memory."""
    if x.outcome != y.outcome:
        ox, oy = x.outcome or "", y.outcome or ""
        cat = "result" if ox.startswith("ok") and oy.startswith("ok") \
            else "trap"
        return [(cat, f"{x.outcome} / {y.outcome}")]
    found = []
    if x.logs != y.logs:
        found.append(("log", f"logs {x.logs} / {y.logs}"))
    gx, _, mx = (x.state or "").partition(" globals")
    gy, _, my = (y.state or "").partition(" globals")
    if mx != my:
        vx, vy = mx.split(), my.split()
        diffs = [f"global {i}: {p} / {q}"
                 for i, (p, q) in enumerate(zip(vx, vy)) if p != q]
        found.append(("globals", ", ".join(diffs) or
                      f"{len(vx)} / {len(vy)} globals"))
    if gx != gy:
        found.append(("memory", f"memory {gx} / {gy}"))
    return found


def all_categories(a, b):
    """The set of categories of every record in which a and b differ."""
    limit = comparison_limit(a, b)
    cats = set()
    for x, y in zip(a.records, b.records):
        if limit is not None and x.index >= limit:
            break
        if x.key() != y.key():
            cats |= {c for c, _ in record_parts(x, y)}
    return cats


def comparison_limit(a, b):
    """The first call not compared (the rule on resource exhaustion), or
    None."""
    cut = [x for x in (a.exhausted_at(), b.exhausted_at()) if x is not None]
    return min(cut) if cut else None


def category_of_end(t):
    """A finer category for a transcript that ended badly."""
    if t.end is None:
        return None
    return t.end.split()[0] if t.end.split()[0] in (
        "timeout", "crash", "compile") else None


class Verdict:
    """One wasm2native configuration against the oracles.

    status: "pass", "finding" (it differs from oracles that agree, or from
    both when they do not), or "split" (the oracles disagree and it agrees
    with one of them)."""

    def __init__(self, config, status, signature=None, detail=None):
        self.config, self.status = config, status
        self.signature, self.detail = signature, detail


def judge(config, t, oracles):
    """Verdict of transcript t of `config` against {name: Transcript}."""
    names = sorted(oracles)
    diffs = {n: first_difference(t, oracles[n]) for n in names}
    if all(d is None for d in diffs.values()):
        return Verdict(config, "pass")
    agree = first_difference(oracles[names[0]], oracles[names[1]]) is None
    if not agree and any(d is None for d in diffs.values()):
        return Verdict(config, "split")
    d = next(d for d in diffs.values() if d is not None)
    category = category_of_end(t) or d[0]
    return Verdict(config, "finding", f"{config}:{category}",
                   f"call {d[1]}: {d[2]}" if d[1] is not None else d[2])


def unified_diff(a_name, a, b_name, b):
    return "".join(difflib.unified_diff(
        [l + "\n" for l in a.lines], [l + "\n" for l in b.lines],
        a_name, b_name, n=2))

