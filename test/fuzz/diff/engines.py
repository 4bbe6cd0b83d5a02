"""Running one case on every engine: wasm2native in each configuration
(compile, then wasm2native-diff-runner), V8 (node v8-harness.js) and wabt
(spectest-interp on a generated command list). Each returns a transcript in
wasm2native-diff-runner's format, with typed values and trap kinds in the
runner's names; compare.py canonicalises them.
"""

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import shims
import wasmbin
from wasmbin import I32, I64, F32, F64, V128, TYPE_NAMES

HERE = Path(__file__).resolve().parent

# wasm2native configurations: name -> compile flags.
CONFIGS = {
    "O0-guard": ["-O0", "--bounds-checks=guard"],
    "O0-explicit": ["-O0", "--bounds-checks=explicit"],
    "O2-guard": ["-O2", "--bounds-checks=guard"],
    "O2-explicit": ["-O2", "--bounds-checks=explicit"],
    "O2-guard-fuel-epoch": ["-O2", "--bounds-checks=guard", "--fuel",
                            "--epoch"],
    # Not in the default set (--configs).
    "O1-guard": ["-O1", "--bounds-checks=guard"],
    "O3-guard": ["-O3", "--bounds-checks=guard"],
    "O3-explicit": ["-O3", "--bounds-checks=explicit"],
    "O0-explicit-fuel-epoch": ["-O0", "--bounds-checks=explicit", "--fuel",
                               "--epoch"],
    # Run with a budget of fuel per call (FUEL_BUDGET), which some calls
    # exhaust: compare.py's rule on exhaustion applies.
    "O2-guard-fuel-budget": ["-O2", "--bounds-checks=guard", "--fuel"],
}
FUEL_BUDGET = {"O2-guard-fuel-budget": 20000}
DEFAULT_CONFIGS = ["O0-guard", "O0-explicit", "O2-guard", "O2-explicit",
                   "O2-guard-fuel-epoch"]
ORACLES = ["v8", "wabt"]

COMPILE_TIMEOUT = 120
RUN_TIMEOUT = 30

# Trap messages of the oracles -> the runner's trap kinds.
V8_TRAPS = [
    (r"RuntimeError: unreachable", "unreachable"),
    (r"RuntimeError: (divide|remainder) by zero", "div-zero"),
    (r"RuntimeError: divide result unrepresentable", "int-overflow"),
    (r"RuntimeError: float unrepresentable in integer range", "conversion"),
    (r"RuntimeError: (memory access|data segment).* out of bounds",
     "memory-oob"),
    (r"RuntimeError: table index is out of bounds", "table-oob"),
    (r"RuntimeError: (element segment|table).* out of bounds", "table-oob"),
    (r"RuntimeError: null function or function signature mismatch",
     "call-type-mismatch"),
    (r"RangeError: Maximum call stack size exceeded", "stack-exhausted"),
]
WABT_TRAPS = [
    (r"unreachable executed", "unreachable"),
    (r"integer divide by zero", "div-zero"),
    (r"integer overflow", "int-overflow"),
    (r"invalid conversion to integer", "conversion"),
    (r"out of bounds memory access", "memory-oob"),
    (r"out of bounds table access", "table-oob"),
    (r"undefined table index", "undefined-element"),
    (r"uninitialized table element", "uninitialized-element"),
    (r"indirect call signature mismatch", "call-type-mismatch"),
    (r"(call|value) stack exhausted", "stack-exhausted"),
]


def trap_kind(table, message):
    for pattern, kind in table:
        if re.search(pattern, message):
            return kind
    return "unknown(" + re.sub(r"\s+", "_", message.strip())[:80] + ")"


def fmt_value(t, bits):
    """TYPE:HEX, the runner's format (references: bits 1 is null, as
    ref.is_null says)."""
    if t in (I32, F32):
        return f"{TYPE_NAMES[t]}:{bits & 0xFFFFFFFF:08x}"
    if t in (I64, F64):
        return f"{TYPE_NAMES[t]}:{bits & (2**64 - 1):016x}"
    if t == V128:
        return f"v128:{bits:032x}"
    return f"{TYPE_NAMES[t]}:{'null' if bits else 'nonnull'}"


def typed(types, words):
    """The typed values of the integer words an oracle's driver returned
    (shims.bits_types)."""
    out = []
    words = list(words)
    for t in types:
        if t == V128:
            lo, hi = words.pop(0), words.pop(0)
            out.append(fmt_value(t, (hi << 64) | lo))
        else:
            out.append(fmt_value(t, words.pop(0)))
    return out


class Case:
    """One module with its plan, prepared in a directory: main.wasm (the
    rewritten module), plan.txt (the runner's plan) and the oracles'
    shims."""

    def __init__(self, workdir, module_bytes, calls, import_state,
                 memory_cap):
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        data, self.env = wasmbin.rewrite(module_bytes, memory_cap,
                                         import_state)
        self.module = wasmbin.Module(data)
        exported = {n: p for n, p, _ in self.module.exported_funcs()}
        # Calls to exports that are gone (in a reduced module) or whose
        # parameters changed are dropped.
        self.calls = [(e, args, st) for e, args, st in calls
                      if e in exported and
                      [t for t, _ in args] == list(exported[e])]
        self.unsupported = self._unsupported()
        (self.dir / "main.wasm").write_bytes(data)

    def _unsupported(self):
        for i in self.module.imports:
            if i.module == "fuzzing-support" and i.field in shims.LOG_TAGS:
                continue
            if i.module == "env":
                continue
            return f"import {i.module}.{i.field}"
        if any(t not in wasmbin.NUMERIC for t, _ in
               self.module.global_types()):
            return "reference-typed global"
        return None

    def plan_text(self):
        lines = []
        for item in self.env:
            if item[0] == "memory":
                _, field, lo, hi = item
                lines.append(f"import memory env {pct(field)} {lo} "
                             f"{'none' if hi is None else hi}")
            else:
                _, field, t, mut, bits = item
                lines.append(f"import global env {pct(field)} "
                             f"{TYPE_NAMES[t]} {'mut' if mut else 'const'} "
                             f"{fmt_value(t, bits)}")
        lines += [call_line(*c) for c in self.calls]
        return "\n".join(lines) + "\n"

    def prepare(self):
        """Writes the plan and the oracles' shims."""
        (self.dir / "plan.txt").write_text(self.plan_text())
        shims.assemble(shims.LOG_SHIM, self.dir / "log.wasm")
        if self.env:
            shims.assemble(shims.env_shim(self.env), self.dir / "env.wasm")
        calls = [(e, a) for e, a, _ in self.calls]
        shims.assemble(shims.driver(self.module, calls),
                       self.dir / "driver.wasm")
        (self.dir / "calls.json").write_text(
            json.dumps([st for _, _, st in self.calls]))

    # -- Types for the oracles' untyped words

    def result_types(self, k):
        export = self.calls[k][0]
        for n, _, results in self.module.exported_funcs():
            if n == export:
                return results
        raise KeyError(export)

    def global_types(self):
        return [t for t, _ in self.module.global_types()]


def call_line(export, args, state):
    """A call of the runner's plan (also the format of a kept case's
    calls.txt)."""
    vals = "".join(" " + fmt_value(t, b) for t, b in args)
    return f"call {pct(export)} {'state' if state else 'nostate'}{vals}"


def parse_call_line(line):
    """The (export, args, state) of a call_line."""
    names = {v: k for k, v in TYPE_NAMES.items()}
    parts = line.split()
    args = []
    for v in parts[3:]:
        t, _, bits = v.partition(":")
        args.append((names[t], {"null": 1, "nonnull": 0}.get(bits) if
                     bits in ("null", "nonnull") else int(bits, 16)))
    return unpct(parts[1]), args, parts[2] == "state"


def unpct(s):
    out = bytearray()
    i = 0
    while i < len(s):
        if s[i] == "%" and i + 2 < len(s):
            out.append(int(s[i + 1:i + 3], 16))
            i += 3
        else:
            out += s[i].encode()
            i += 1
    return out.decode("utf-8", "surrogateescape")


def pct(name):
    return "".join(c if re.match(r"[A-Za-z0-9_.:-]", c) else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8",
                                                         "surrogateescape"))
                   for c in name)


def run_process(cmd, timeout, cwd=None):
    """(status, stdout, stderr); status is "timeout" or the exit code
    (negative: killed by that signal)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout,
                           start_new_session=True)
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stdout or b"").decode(errors="replace"), ""
    return (p.returncode, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


def process_end(status, stderr):
    """Transcript lines for a process that did not end normally."""
    if status == "timeout":
        return ["timeout"]
    if isinstance(status, int) and status < 0:
        return [f"crash {signal.Signals(-status).name}"]
    last = stderr.strip().splitlines()[-1:] or [""]
    return [f"crash exit {status}: {last[0][:200]}"]


# ---- wasm2native ------------------------------------------------------------

def run_wasm2native(case, config, tools, dump_dir=None):
    """Compiles the case with the configuration's flags and runs it (with
    the memory after each call in dump_dir/CONFIG-K.bin if asked)."""
    so = case.dir / f"{config}.so"
    cmd = [tools.wasm2native, "compile", "-j1", *CONFIGS[config],
           str(case.dir / "main.wasm"), "-o", str(so)]
    status, _, err = run_process(cmd, COMPILE_TIMEOUT)
    if status != 0:
        if status == "timeout":
            return ["compile timeout"]
        return [f"compile error {status}: " +
                (err.strip().splitlines() or [""])[-1][:200]]
    budget = ["--fuel-per-call", str(FUEL_BUDGET[config])] \
        if config in FUEL_BUDGET else []
    if dump_dir:
        budget += ["--dump-memory", f"{dump_dir}/{config}-"]
    status, out, err = run_process([tools.runner, *budget,
                                    str(case.dir / "plan.txt"), str(so)],
                                   RUN_TIMEOUT)
    lines = out.splitlines()
    if status != 0:
        lines += process_end(status, err)
    so.unlink(missing_ok=True)
    return lines


# ---- V8 ---------------------------------------------------------------------

def oracle_lines(case, raw, traps):
    """Types the words of an oracle's transcript (the V8 harness's format,
    which run_wabt also produces) and maps its trap messages."""
    out = []
    for line in raw:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "call" and parts[2] == "ok":
            k = int(parts[1])
            words = [int(w, 16) for w in parts[3:]]
            out.append(" ".join([f"call {k} ok"] +
                                typed(case.result_types(k), words)))
        elif parts[0] == "call" and parts[2] == "trap":
            msg = line.split(" trap ", 1)[1]
            out.append(f"call {parts[1]} trap {trap_kind(traps, msg)}")
        elif parts[0] == "state":
            head = " ".join(parts[:6])
            words = [int(w, 16) for w in parts[7:]]
            out.append(" ".join([head, "globals"] +
                                typed(case.global_types(), words)))
        elif parts[0] == "instantiate" and parts[1] == "trap":
            msg = line.split(" trap ", 1)[1]
            out.append(f"instantiate trap {trap_kind(traps, msg)}")
        else:
            out.append(line)
    return out


def exhaustion(engine):
    """The trap kinds that exhaust a resource of this engine (compare.py's
    rule): the stack, and fuel where it has a budget."""
    kinds = {"stack-exhausted"}
    if engine in FUEL_BUDGET:
        kinds.add("out-of-fuel")
    return kinds


def run_v8(case, tools):
    status, out, err = run_process(
        [tools.node, str(HERE / "v8-harness.js"),
         str(case.dir)], RUN_TIMEOUT)
    lines = oracle_lines(case, out.splitlines(), V8_TRAPS)
    if status != 0:
        lines += process_end(status, err)
    return lines


# ---- wabt -------------------------------------------------------------------

WABT_MAIN_LINE = 3
WABT_DRIVER_LINE = 5


def wabt_commands(case):
    cmds = [{"type": "module", "line": 1, "name": "$log",
             "filename": "log.wasm"},
            {"type": "register", "line": 1, "name": "$log",
             "as": "fuzzing-support"}]
    if case.env:
        cmds += [{"type": "module", "line": 2, "name": "$env",
                  "filename": "env.wasm"},
                 {"type": "register", "line": 2, "name": "$env", "as": "env"}]
    cmds += [{"type": "module", "line": WABT_MAIN_LINE, "name": "$m",
              "filename": "main.wasm"},
             {"type": "register", "line": WABT_MAIN_LINE, "name": "$m",
              "as": "m"},
             {"type": "module", "line": WABT_DRIVER_LINE, "name": "$d",
              "filename": "driver.wasm"}]
    for k, (_, _, state) in enumerate(case.calls):
        cmds.append({"type": "action", "line": 10 + k,
                     "action": {"type": "invoke", "module": "$d",
                                "field": f"c{k}", "args": []},
                     "expected": []})
        if state:
            cmds.append({"type": "action", "line": 10 + k,
                         "action": {"type": "invoke", "module": "$d",
                                    "field": "state", "args": []},
                         "expected": []})
    return {"source_filename": "fuzzdiff.wast", "commands": cmds}


WABT_VALUE = re.compile(r"(i32|i64):(\d+)")


def run_wabt(case, tools):
    (case.dir / "wabt.json").write_text(json.dumps(wabt_commands(case)))
    status, out, err = run_process(
        [tools.spectest_interp, "wabt.json"], RUN_TIMEOUT, cwd=case.dir)
    # spectest-interp's status is the number of failed commands (every
    # trap counts); only a signal or a timeout is abnormal.
    raw = []
    pending = None  # the log being assembled: [type, words left, words]
    calls = iter(range(len(case.calls)))
    k = None
    instantiated = True
    for line in (out + err).splitlines():
        m = re.match(r"called host spectest\.print_(i32|i64)\((.*)\) =>", line)
        if m:
            value = int(WABT_VALUE.match(m.group(2)).group(2))
            if m.group(1) == "i32":
                t = shims.TAG_TYPES[value]
                pending = [t, 2 if t == V128 else 1, []]
                continue
            pending[2].append(value)
            pending[1] -= 1
            if pending[1] == 0:
                t, _, words = pending
                bits = words[0] if t != V128 else (words[1] << 64) | words[0]
                raw.append("log " + fmt_value(t, bits))
                pending = None
            continue
        m = re.match(r"fuzzdiff\.wast:(\d+): (.*)", line)
        if m and int(m.group(1)) == WABT_MAIN_LINE:
            instantiated = False
            raw.append(wabt_instantiate(m.group(2)))
            continue
        if m and int(m.group(1)) == WABT_DRIVER_LINE and instantiated:
            raw.append("harness error " + m.group(2))
            continue
        m = re.match(r"(c\d+|state)\(\) =>\s?(.*)", line)
        if not m or not instantiated:
            continue
        name, result = m.groups()
        if name.startswith("c"):
            k = int(name[1:])
            if result.startswith("error: "):
                raw.append(f"call {k} trap {result[len('error: '):]}")
            else:
                words = [f"{int(v):x}" for _, v in
                         WABT_VALUE.findall(result)]
                raw.append(" ".join([f"call {k} ok"] + words))
            pending = None
        else:
            words = [int(v) for _, v in WABT_VALUE.findall(result)]
            pages, hash_ = words[0], words[1]
            mem = ("pages - hash -" if pages == 0xFFFFFFFF
                   else f"pages {pages} hash {hash_:016x}")
            raw.append(" ".join([f"state {k} {mem} globals"] +
                                [f"{w:x}" for w in words[2:]]))
    if instantiated and not any(r.startswith("instantiate") for r in raw):
        raw.insert(0, "instantiate ok")
    lines = oracle_lines(case, raw, WABT_TRAPS)
    if status == "timeout" or (isinstance(status, int) and status < 0):
        lines += process_end(status, err)
    return lines


def wabt_instantiate(message):
    """The transcript line for spectest-interp's message about the main
    module."""
    m = re.search(r"(error initializing module|error instantiating module)"
                  r"?:? ?(.*)", message)
    text = m.group(2) if m else message
    for pattern, _ in WABT_TRAPS:
        if re.search(pattern, text):
            return f"instantiate trap {text}"
    return f"instantiate error {message}"


class Tools:
    """Paths of the programs the fuzzer runs."""

    def __init__(self, build):
        # Absolute: wasm-reduce runs the interestingness test elsewhere.
        build = Path(build).resolve()
        self.wasm2native = str(build / "bin" / "wasm2native")
        self.runner = str(build / "bin" / "wasm2native-diff-runner")
        self.node = os.environ.get("NODE", "node")
        self.spectest_interp = "spectest-interp"
        self.wasm_opt = "wasm-opt"
        self.wasm_reduce = "wasm-reduce"
        self.wat2wasm = "wat2wasm"
