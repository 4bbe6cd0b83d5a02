#!/usr/bin/env python3
"""bench/run.py - wasm2native's benchmark suite, in one command.

    python3 bench/run.py [--runs N] [--quick] [--only a,b] [--no-docs] ...

Builds every program in bench/programs natively (clang-19 -O2) and to
wasm32-wasi (clang-19 --target=wasm32-wasi -O2, Debian's wasi-libc), then
compiles the wasm with wasm2native (guard, explicit, --fuel, --epoch),
with wasm2c 1.0.32 + clang-19 -O2 (bench/wasm2c/main.c is the WASI shim)
and runs it under Node.js's V8 (bench/node/run-wasi.mjs). It runs every
program under every runner N times, interleaved (each repetition runs each
program under every runner before the next repetition starts, with the
runner order rotated), checks each checksum against native, and reports
medians: time ratios to native with a geometric mean, compile times,
sizes, start-up time and resident memory, fuel and epoch overheads, SIMD
with and without -msimd128, and the compile time of a ~1 MiB module.

Without --no-docs a full run (not --quick, not --only) rewrites the results
section of docs/performance.md and the chart docs/performance.svg. Results
are also kept in OUT/results.json (OUT is bench/out unless --out).
Only the Python standard library is used.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PROGRAMS = BENCH / "programs"
DOCS = ROOT / "docs"
CC = "clang-19"
TIME = "/usr/bin/time"  # GNU time, for the max RSS of each run
# --single-threaded-gc works around a node v20.20 crash after memcopy (see
# bench/node/run-wasi.mjs); the GC barely runs in these programs.
NODE_FLAGS = ["--no-warnings", "--single-threaded-gc"]
CFLAGS = ["-O2"]
# Bulk memory and non-trapping float-to-int conversions are standard wasm
# 2.0 and on by default in clang 20+ (its `generic` CPU); clang 19 needs the
# flags. With them a C `memcpy`/`memset` of unknown size is one
# `memory.copy`/`memory.fill` instruction, not a call of wasi-libc's
# portable byte loop. Every wasm runner here runs the same .wasm.
# cc_wasm compiles with WASM_CFLAGS, then links with WASM_LDFLAGS in a
# second command, without -O: an optimising clang link runs Binaryen's
# wasm-opt when it is on PATH, and every runner must get clang's own output
# (--no-wasm-opt, meant to turn that off, makes clang 19 skip the link).
WASM_CFLAGS = ["--target=wasm32-wasi", "-O2", "-mbulk-memory",
               "-mnontrapping-fptoint"]
WASM_LDFLAGS = ["--target=wasm32-wasi", "-Wl,--strip-debug"]
DEFAULT_W2N = ROOT / "build" / "bin" / "wasm2native"
WASM_RT_DIRS = [Path("/usr/share/wabt/wasm2c"), Path("/usr/src/wasm2c")]


class Bench:
    """One program: its source, full-size and quick arguments."""

    def __init__(self, name, full, quick, simd=False):
        self.name, self.full, self.quick, self.simd = name, full, quick, simd
        self.source = PROGRAMS / f"{name}.c"


# Full sizes take about 0.5-1 s natively on the reference machine.
BENCHMARKS = [
    Bench("sha256", ["250000"], ["10000"]),
    Bench("matmul", ["512", "20"], ["256", "4"]),
    Bench("nbody", ["20000000"], ["1000000"]),
    Bench("fannkuch", ["10", "5"], ["9", "2"]),
    Bench("mandelbrot", ["4500"], ["800"]),
    Bench("crc32", ["1000"], ["50"]),
    Bench("base64", ["600"], ["30"]),
    Bench("sort", ["2000000", "4"], ["200000", "2"]),
    Bench("hashtable", ["1000000", "4"], ["100000", "2"]),
    Bench("lzss", ["30"], ["2"]),
    Bench("memcopy", ["200"], ["10"]),
    Bench("simd", ["1600"], ["80"], simd=True),
]
EMPTY = Bench("empty", [], [])

# wasm2native variants: the suffix of the .so and the extra compile flags.
W2N_VARIANTS = {
    "guard": ["--bounds-checks", "guard"],
    "explicit": ["--bounds-checks", "explicit"],
    "fuel": ["--bounds-checks", "guard", "--fuel"],
    "epoch": ["--bounds-checks", "guard", "--epoch"],
}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run_cmd(cmd, timeout=None, **kw):
    """Runs cmd, raising with its output if it fails."""
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                       timeout=timeout, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed "
                           f"({p.returncode}):\n{p.stdout}{p.stderr}")
    return p


def cc_wasm(source, wasm, extra=()):
    """Compiles C source to wasm (WASM_CFLAGS, then WASM_LDFLAGS)."""
    obj = Path(f"{wasm}.o")
    run_cmd([CC, *WASM_CFLAGS, *extra, "-c", source, "-o", obj])
    run_cmd([CC, *WASM_LDFLAGS, obj, "-o", wasm])
    obj.unlink()


def timed(cmd, timeout=None):
    """Runs cmd; returns (wall seconds, max RSS KiB, exit status, stdout,
    stderr). The child runs under /usr/bin/time for its max RSS: a child
    forked from Python would count Python's own pages (Linux keeps the
    pre-exec high-water mark); `time` adds well under 1 ms to every runner."""
    rss_path = f"/tmp/w2n-bench-rss-{os.getpid()}"
    t0 = time.perf_counter()
    p = subprocess.run([TIME, "-f", "%M", "-o", rss_path, "--quiet",
                        *[str(c) for c in cmd]], capture_output=True,
                       stdin=subprocess.DEVNULL, timeout=timeout)
    wall = time.perf_counter() - t0
    try:
        rss = int(open(rss_path).read().split()[-1])
        os.unlink(rss_path)
    except (OSError, ValueError, IndexError):
        rss = None
    return (wall, rss, p.returncode, p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace"))


def checksum_of(stdout):
    m = re.search(r"^checksum: (.*)$", stdout, re.M)
    return m.group(1).strip() if m else None


def newer(target, *deps):
    """True if target exists and is newer than every dependency."""
    if not target.exists():
        return False
    t = target.stat().st_mtime
    return all(t >= Path(d).stat().st_mtime for d in deps)


def geomean(xs):
    xs = [x for x in xs if x is not None and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


class Suite:
    def __init__(self, args):
        self.args = args
        self.out = Path(args.out).resolve()
        self.w2n = Path(args.wasm2native).resolve()
        self.benches = BENCHMARKS
        if args.only:
            names = args.only.split(",")
            unknown = set(names) - {b.name for b in BENCHMARKS}
            if unknown:
                sys.exit(f"run.py: unknown benchmark(s): {', '.join(unknown)}")
            self.benches = [b for b in BENCHMARKS if b.name in names]
        self.notes = []
        self.results = {"benchmarks": {}, "compile": {}, "startup": {},
                        "simd": {}, "large": {}, "notes": self.notes}
        self.baseline = (Path(args.baseline).resolve() if args.baseline
                         else None)
        self.have_wasm2c = shutil.which("wasm2c") is not None
        self.have_node = shutil.which("node") is not None
        self.w2n_run = False  # set by build_compiler()
        self.wasm2c_simd = None  # whether wasm2c translates simd128 code

    # ---------------------------------------------------------- discovery
    def detect_w2n_run(self):
        """`wasm2native run` exists once the WASI issue lands."""
        if not self.w2n.exists():
            self.notes.append(f"{self.w2n} not built: wasm2native runners "
                              "skipped")
            return False
        p = subprocess.run([self.w2n, "--help"], capture_output=True,
                           text=True)
        if not re.search(r"^\s+run\s", p.stdout, re.M):
            self.notes.append("`wasm2native run` does not exist yet: "
                              "wasm2native runners skipped (compile times "
                              "and sizes are still measured)")
            return False
        return True

    def args_of(self, b):
        return b.quick if self.args.quick else b.full

    # -------------------------------------------------------------- build
    def build_compiler(self):
        """Brings build/ up to date (or makes it, as scripts/setup.sh does)
        unless --no-build or a --wasm2native of one's own is given."""
        if not self.args.no_build and self.w2n == DEFAULT_W2N:
            self.rebuild_compiler()
        self.snapshot_tools()
        self.w2n_run = self.detect_w2n_run()

    def snapshot_tools(self):
        """Measures copies of wasm2native and wasm2native-run, so that a
        rebuild of build/ during the run (someone else's) changes nothing."""
        if not self.w2n.exists():
            return
        d = self.out / "bin"
        d.mkdir(parents=True, exist_ok=True)
        for tool in (self.w2n, self.w2n.parent / "wasm2native-run"):
            if tool.exists():
                tmp = d / (tool.name + ".tmp")
                shutil.copy2(tool, tmp)
                os.replace(tmp, d / tool.name)
        self.w2n = d / self.w2n.name

    def rebuild_compiler(self):
        build = ROOT / "build"
        if not (build / "build.ninja").exists():
            log("build: configuring and building build/ (scripts/lib.sh)")
            cmd = ["bash", "-c", f'. "{ROOT}/scripts/lib.sh" && w2n_build']
        else:
            log("build: cmake --build build (wasm2native, wasm2native-run)")
            cmd = ["cmake", "--build", build, "--target", "wasm2native",
                   "wasm2native-run", "-j2"]
        p = subprocess.run([str(c) for c in cmd], capture_output=True,
                           text=True)
        if p.returncode != 0:
            tail = (p.stdout + p.stderr).strip().splitlines()[-5:]
            if not self.w2n.exists():
                sys.exit("run.py: building wasm2native failed:\n" +
                         "\n".join(tail))
            self.notes.append("rebuilding wasm2native failed; measured the "
                              "existing build/bin/wasm2native")
            log("build: FAILED, using the existing binary:\n" +
                "\n".join(tail))

    def build(self):
        for d in ("native", "wasm", "w2n", "wasm2c", "large"):
            (self.out / d).mkdir(parents=True, exist_ok=True)
        hdr = PROGRAMS / "bench.h"
        for b in self.benches + [EMPTY]:
            exe = self.out / "native" / b.name
            if not newer(exe, b.source, hdr, Path(__file__)):
                log(f"build: native {b.name}")
                run_cmd([CC, *CFLAGS, b.source, "-o", exe, "-lm"])
            for wasm, extra in self.wasm_variants(b):
                if not newer(wasm, b.source, hdr, Path(__file__)):
                    log(f"build: wasm {wasm.name}")
                    cc_wasm(b.source, wasm, extra)
        if self.have_wasm2c:
            self.build_wasm2c_runtime()

    def wasm_variants(self, b):
        """(.wasm path, extra cflags): the SIMD kernel twice."""
        base = self.out / "wasm" / f"{b.name}.wasm"
        if not b.simd:
            return [(base, [])]
        return [(base, ["-msimd128"]),
                (self.out / "wasm" / f"{b.name}-scalar.wasm", [])]

    def build_wasm2c_runtime(self):
        rt_dir = next((d for d in WASM_RT_DIRS
                       if (d / "wasm-rt-impl.c").exists()), None)
        if rt_dir is None:
            self.notes.append("wabt's wasm-rt-impl.c not found: wasm2c "
                              "skipped")
            self.have_wasm2c = False
            return
        self.wasm_rt_dir = rt_dir
        obj = self.out / "wasm2c" / "wasm-rt-impl.o"
        if not newer(obj, rt_dir / "wasm-rt-impl.c"):
            log("build: wasm2c runtime (wabt's wasm-rt-impl.c)")
            run_cmd([CC, *CFLAGS, "-c", rt_dir / "wasm-rt-impl.c",
                     f"-I{rt_dir}", "-o", obj])

    def wasm2c_compile(self, wasm, name):
        """wasm2c + clang -O2 -c of one module. Returns seconds, or None if
        wasm2c cannot translate it."""
        d = self.out / "wasm2c"
        c_file, obj = d / f"{name}.c", d / f"{name}.o"
        t0 = time.perf_counter()
        p = subprocess.run(["wasm2c", wasm, "-n", "bench", "-o", c_file],
                           capture_output=True, text=True)
        if p.returncode != 0:
            for stale in (c_file, obj, d / name):
                stale.unlink(missing_ok=True)
            return None
        run_cmd([CC, *CFLAGS, "-c", c_file, f"-I{self.wasm_rt_dir}",
                 "-o", obj])
        return time.perf_counter() - t0

    def wasm2c_link(self, name):
        d = self.out / "wasm2c"
        main_o = d / f"{name}.main.o"
        run_cmd([CC, *CFLAGS, "-c", BENCH / "wasm2c" / "main.c",
                 f'-DW2C_HEADER="{name}.h"', f"-I{d}",
                 f"-I{self.wasm_rt_dir}", "-o", main_o])
        run_cmd([CC, d / f"{name}.o", main_o, d / "wasm-rt-impl.o", "-lm",
                 "-o", d / name])

    def w2n_compile(self, wasm, so, flags, jobs, cpu=None, compiler=None):
        """Compiles with wasm2native (or `compiler`); returns the wall time
        and, if `cpu` is a list, appends the CPU time (user + system) to
        it."""
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        run_cmd([compiler or self.w2n, "compile", wasm, "-o", so, "-O2",
                 f"-j{jobs}", *flags])
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        return wall

    def compile_all(self):
        """Compiles every module with wasm2native and wasm2c, timing the
        compiles (median of --compile-runs, -j1 and -j2 interleaved)."""
        reps = self.args.compile_runs
        todo = [(wasm.stem, wasm) for b in self.benches + [EMPTY]
                for wasm, _ in self.wasm_variants(b)]
        for name, wasm in todo:
            rec = {"wasm_bytes": wasm.stat().st_size}
            if self.w2n.exists():
                j1, j2 = [], []
                so = self.out / "w2n" / f"{name}.guard.so"
                for _ in range(reps):
                    j1.append(self.w2n_compile(wasm, so,
                                               W2N_VARIANTS["guard"], 1))
                    j2.append(self.w2n_compile(wasm, so,
                                               W2N_VARIANTS["guard"], 2))
                rec.update(w2n_j1=median(j1), w2n_j2=median(j2),
                           so_bytes=so.stat().st_size)
                for v, flags in W2N_VARIANTS.items():
                    if v != "guard":
                        self.w2n_compile(wasm, self.out / "w2n" /
                                         f"{name}.{v}.so", flags, 2)
                log(f"compile: wasm2native {name}: -j1 {rec['w2n_j1']:.2f}s"
                    f" -j2 {rec['w2n_j2']:.2f}s")
                if self.baseline:
                    # The same compiles with the baseline compiler: its
                    # modules run under the same runner, interleaved.
                    bj1 = []
                    for _ in range(reps):
                        bj1.append(self.w2n_compile(
                            wasm, self.out / "w2n" / f"{name}.base-guard.so",
                            W2N_VARIANTS["guard"], 1, compiler=self.baseline))
                    rec["base_j1"] = median(bj1)
                    self.w2n_compile(
                        wasm, self.out / "w2n" / f"{name}.base-explicit.so",
                        W2N_VARIANTS["explicit"], 2, compiler=self.baseline)
            if self.have_wasm2c:
                ts = [self.wasm2c_compile(wasm, name) for _ in range(reps)]
                if None in ts:
                    rec["wasm2c"] = None
                    if name == "simd":
                        self.wasm2c_simd = False
                    log(f"compile: wasm2c cannot translate {name}")
                else:
                    rec["wasm2c"] = median(ts)
                    rec["wasm2c_obj_bytes"] = (
                        self.out / "wasm2c" / f"{name}.o").stat().st_size
                    self.wasm2c_link(name)
                    if name == "simd":
                        self.wasm2c_simd = True
            self.results["compile"][name] = rec
        if self.wasm2c_simd is False:
            self.notes.append("wasm2c 1.0.32 aborts on the simd128 module "
                              "(std::out_of_range in its C writer): no "
                              "wasm2c figure for simd")

    # ----------------------------------------------------------- runners
    def runners(self):
        """name -> function(bench name, args) returning argv, or None when
        that runner cannot run that module."""
        rs = {}
        rs["native"] = lambda n, a: [self.out / "native" / n, *a]

        def w2n(variant):
            # The baseline's modules run on the baseline's own runtime: a
            # module runs only on a runtime of its ABI version.
            tool = (self.baseline if variant.startswith("base-")
                    else self.w2n)

            def cmd(n, a):
                so = self.out / "w2n" / f"{n}.{variant}.so"
                if not so.exists():
                    return None
                if self.args.w2n_runner == "standalone":
                    return [tool.parent / "wasm2native-run",
                            *self.run_flags(variant), so, *a]
                return [tool, "run", *self.run_flags(variant), so, *a]
            return cmd

        if self.w2n_run:
            for v in ("guard", "explicit"):
                rs[f"w2n-{v}"] = w2n(v)
            if self.baseline:
                for v in ("guard", "explicit"):
                    rs[f"base-{v}"] = w2n(f"base-{v}")
        if self.have_wasm2c:
            def w2c(n, a):
                exe = self.out / "wasm2c" / n
                return [exe, *a] if exe.exists() else None
            rs["wasm2c"] = w2c
        if self.have_node:
            rs["node"] = lambda n, a: ["node", *NODE_FLAGS,
                                       BENCH / "node" / "run-wasi.mjs",
                                       self.out / "wasm" / f"{n}.wasm", *a]
        if self.w2n_run and not self.args.no_limits:
            for v in ("fuel", "epoch"):
                rs[f"w2n-{v}"] = w2n(v)
        # The runtime-only runner (no LLVM in the process), for start-up
        # time and memory: it runs the trivial module only.
        small = self.w2n.parent / "wasm2native-run"
        if self.w2n_run and small.exists():
            def w2n_small(n, a):
                so = self.out / "w2n" / f"{n}.guard.so"
                return [small, so, *a] if n == "empty" else None
            rs["w2n-small"] = w2n_small
        return rs

    def run_flags(self, variant):
        """`run` options a variant needs (a fuel budget for --fuel code)."""
        if variant == "fuel" and self.args.fuel_budget:
            return ["--fuel", str(self.args.fuel_budget)]
        return []

    def run_all(self):
        rs = self.runners()
        # (bench name, module name): the SIMD kernel's scalar build runs
        # only under the wasm runners, for the -msimd128 comparison.
        jobs = []
        for b in self.benches:
            jobs.append((b.name, b.name))
            if b.simd:
                jobs.append((b.name, f"{b.name}-scalar"))
        jobs.append(("empty", "empty"))
        names = list(rs)
        times = {j: {r: [] for r in names} for j in jobs}
        rss = {j: {r: [] for r in names} for j in jobs}
        sums = {j: {} for j in jobs}
        failures = {}
        runs = self.args.runs
        for rep in range(runs):
            log(f"run: repetition {rep + 1}/{runs}")
            for job in jobs:
                bname, mod = job
                a = self.args_of(EMPTY if bname == "empty" else
                                 next(b for b in self.benches
                                      if b.name == bname))
                k = rep % len(names)
                for r in names[k:] + names[:k]:
                    if mod.endswith("-scalar") and r in ("native",):
                        continue
                    cmd = rs[r](mod, a)
                    if cmd is None or (job, r) in failures:
                        continue
                    try:
                        wall, maxrss, code, out, err = timed(
                            cmd, timeout=self.args.timeout)
                    except subprocess.TimeoutExpired:
                        wall, maxrss, code, out, err = (
                            None, None, -1, "",
                            f"timed out after {self.args.timeout} s")
                    cs = checksum_of(out)
                    if code != 0 or cs is None:
                        # Once more, in case the failure was the machine's
                        # (a tool being relinked, a transient error).
                        log(f"  {mod} under {r}: exit {code}, retrying")
                        try:
                            wall, maxrss, code, out, err = timed(
                                cmd, timeout=self.args.timeout)
                        except subprocess.TimeoutExpired:
                            code = -1
                        cs = checksum_of(out)
                    if code != 0 or cs is None:
                        failures[(job, r)] = (f"exit {code}: "
                                              f"{err.strip()[-300:]}")
                        log(f"  {mod} under {r}: FAILED "
                            f"({failures[(job, r)]})")
                        continue
                    sums[job].setdefault(r, cs)
                    times[job][r].append(wall)
                    rss[job][r].append(maxrss)
        # Checksums: every runner must agree with native (the scalar SIMD
        # build with the SIMD one's native checksum).
        for job in jobs:
            want = sums.get((job[0], job[0]), {}).get("native")
            for r, cs in sums[job].items():
                if want is not None and cs != want:
                    failures[(job, r)] = f"checksum {cs} != native {want}"
                    times[job][r] = []
                    log(f"  {job[1]} under {r}: WRONG CHECKSUM {cs} "
                        f"(native {want})")
        for (job, r), why in failures.items():
            self.notes.append(f"{job[1]} under {r} failed: {why}")
        for job in jobs:
            self.results["benchmarks"][job[1]] = {
                r: {"median_s": median(times[job][r]),
                    "runs_s": times[job][r],
                    "maxrss_kib": median(rss[job][r]),
                    "checksum_ok": (job, r) not in failures
                    and bool(times[job][r])}
                for r in names}
        self.runner_names = names

    # ------------------------------------------------------------ startup
    def startup_detail(self):
        """In-process instantiate time where a runner reports it."""
        res = {}
        if self.have_node:
            vals = []
            for _ in range(max(3, self.args.runs)):
                p = subprocess.run(
                    ["node", *NODE_FLAGS, BENCH / "node" / "run-wasi.mjs",
                     "--time-instantiate", self.out / "wasm" / "empty.wasm"],
                    capture_output=True, text=True)
                m = re.search(r"instantiate_us: ([0-9.]+)", p.stderr)
                if m:
                    vals.append(float(m.group(1)))
            res["node_instantiate_us"] = median(vals)
        self.results["startup"] = res

    # -------------------------------------------------------------- large
    def large(self):
        """Compile time of a ~1 MiB module at -O2, -j1 against -j2."""
        d = self.out / "large"
        src, wasm = d / "large.c", d / "large.wasm"
        gen = BENCH / "gen-large.py"
        if not newer(src, gen):
            run_cmd([sys.executable, gen, src])
        if not newer(wasm, src):
            log("build: large.wasm (about a minute)")
            cc_wasm(src, wasm)
        rec = {"wasm_bytes": wasm.stat().st_size}
        p = run_cmd(["wasm-objdump", "-h", wasm]) if shutil.which(
            "wasm-objdump") else None
        if p:
            m = re.search(r"Code .*size=0x([0-9a-f]+)\) count: (\d+)",
                          p.stdout)
            if m:
                rec["code_bytes"] = int(m.group(1), 16)
                rec["functions"] = int(m.group(2))
        if self.w2n.exists():
            # The minimum, not the median: other jobs on the machine only
            # ever add time, and -j2 needs the second core free. The CPU
            # time of the -j2 compile shows the parallelism all the same.
            so = d / "large.so"
            j1, j2, cpu1, cpu2 = [], [], [], []
            for _ in range(self.args.compile_runs):
                j1.append(self.w2n_compile(wasm, so, [], 1, cpu1))
                j2.append(self.w2n_compile(wasm, so, [], 2, cpu2))
            best = min(range(len(j2)), key=lambda i: j2[i])
            rec.update(w2n_j1=min(j1), w2n_j2=min(j2),
                       w2n_j1_cpu=cpu1[j1.index(min(j1))],
                       w2n_j2_cpu=cpu2[best], w2n_j1_all=j1, w2n_j2_all=j2,
                       so_bytes=so.stat().st_size,
                       load_avg=os.getloadavg()[0])
            log(f"compile: large -j1 {rec['w2n_j1']:.1f}s "
                f"-j2 {rec['w2n_j2']:.1f}s "
                f"(CPU {rec['w2n_j2_cpu']:.1f}s)")
            if self.w2n_run:
                native = d / "large-native"
                if not newer(native, src):
                    run_cmd([CC, *CFLAGS, src, "-o", native])
                want = checksum_of(run_cmd([native]).stdout)
                got = checksum_of(run_cmd([self.w2n, "run", so]).stdout)
                rec["checksum_ok"] = want == got
                if want != got:
                    self.notes.append(f"large.so checksum {got} != native "
                                      f"{want}")
        if self.have_wasm2c and self.args.large_wasm2c:
            t = self.wasm2c_compile(wasm, "large")
            rec["wasm2c"] = t
            log(f"compile: large wasm2c+clang {t:.1f}s")
        self.results["large"] = rec

    # ------------------------------------------------------------ machine
    def machine(self):
        def first(cmd):
            try:
                return subprocess.run(cmd, capture_output=True, text=True
                                      ).stdout.splitlines()[0].strip()
            except (OSError, IndexError):
                return None
        cpu = None
        try:
            for line in open("/proc/cpuinfo"):
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        rev = first(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
        dirty = first(["git", "-C", ROOT, "status", "--porcelain"])
        return {
            "date": datetime.date.today().isoformat(),
            "cpu": cpu, "cores": os.cpu_count(),
            "kernel": platform.release(),
            "clang": first([CC, "--version"]),
            "node": first(["node", "--version"]) if self.have_node else None,
            "wasm2c": first(["wasm2c", "--version"])
            if self.have_wasm2c else None,
            "commit": (rev or "?") + ("+dirty" if dirty else ""),
            "runs": self.args.runs, "quick": self.args.quick,
            "load_avg": os.getloadavg()[0],
        }


# --------------------------------------------------------------- report
RUNNER_LABELS = {
    "native": "native", "w2n-guard": "w2n guard",
    "w2n-explicit": "w2n explicit", "base-guard": "baseline guard",
    "base-explicit": "baseline explicit", "wasm2c": "wasm2c",
    "node": "node (V8)",
    "w2n-fuel": "w2n fuel", "w2n-epoch": "w2n epoch",
    "w2n-small": "wasm2native-run",
}


def fmt(x, spec="{:.2f}", none="–"):
    return none if x is None else spec.format(x)


def tables(res):
    """The results as Markdown tables (one string)."""
    bench = res["benchmarks"]
    names = [n for n in bench if n != "empty" and not n.endswith("-scalar")]
    runners = res["runners"]
    ratio_runners = [r for r in runners
                     if r not in ("native", "w2n-fuel", "w2n-epoch",
                                  "w2n-small")]
    out = []

    def t(n, r):
        return bench.get(n, {}).get(r, {}).get("median_s")

    # Time ratios.
    hdr = ["benchmark", "native s"] + [RUNNER_LABELS[r] for r in
                                        ratio_runners]
    has_limits = "w2n-fuel" in runners or "w2n-epoch" in runners
    if has_limits:
        hdr += ["fuel +%", "epoch +%"]
    out.append("| " + " | ".join(hdr) + " |")
    out.append("|" + "---|" * len(hdr))
    cols = {r: [] for r in ratio_runners + ["fuel", "epoch"]}
    for n in names:
        nat = t(n, "native")
        row = [n, fmt(nat)]
        for r in ratio_runners:
            x = t(n, r) / nat if nat and t(n, r) else None
            cols[r].append(x)
            row.append(fmt(x))
        if has_limits:
            g = t(n, "w2n-guard")
            for v in ("fuel", "epoch"):
                x = t(n, f"w2n-{v}") / g if g and t(n, f"w2n-{v}") else None
                cols[v].append(x)
                row.append(fmt(None if x is None else (x - 1) * 100,
                               "{:+.0f}"))
        out.append("| " + " | ".join(row) + " |")
    row = ["**geomean**", ""]
    for r in ratio_runners:
        row.append(fmt(geomean(cols[r]), "**{:.2f}**"))
    if has_limits:
        for v in ("fuel", "epoch"):
            g = geomean(cols[v])
            row.append(fmt(None if g is None else (g - 1) * 100,
                           "**{:+.0f}**"))
    out.append("| " + " | ".join(row) + " |")
    out.append("")
    out.append("Time ratios to native (lower is better; whole process, "
               "median). Fuel and epoch: extra time over `w2n guard`.")
    out.append("")

    # Compile time and size.
    comp = res["compile"]
    has_base = any("base_j1" in c for c in comp.values())
    out.append("| module | wasm KiB | w2n -j1 s | w2n -j2 s | " +
               ("baseline -j1 s | " if has_base else "") +
               "wasm2c+clang s | w2n .so KiB | wasm2c .o KiB |")
    out.append("|" + "---|" * (8 if has_base else 7))
    for n in names + [n for n in comp if n.endswith("-scalar")] + ["empty"]:
        c = comp.get(n)
        if not c:
            continue
        out.append("| " + " | ".join([
            n, fmt(c.get("wasm_bytes"), "{:.0f}", none="–") if c.get(
                "wasm_bytes") is None else f"{c['wasm_bytes'] / 1024:.0f}",
            fmt(c.get("w2n_j1")), fmt(c.get("w2n_j2")),
            *([fmt(c.get("base_j1"))] if has_base else []),
            fmt(c.get("wasm2c"), none="n/a"),
            fmt(c.get("so_bytes") and c["so_bytes"] / 1024, "{:.0f}"),
            fmt(c.get("wasm2c_obj_bytes") and
                c["wasm2c_obj_bytes"] / 1024, "{:.0f}", none="n/a"),
        ]) + " |")
    out.append("")

    # Resident memory.
    mem_runners = [r for r in runners if r in ("native", "w2n-guard",
                                               "w2n-explicit", "wasm2c",
                                               "node")]
    out.append("| max RSS MiB | " + " | ".join(RUNNER_LABELS[r]
                                               for r in mem_runners) + " |")
    out.append("|" + "---|" * (len(mem_runners) + 1))
    for n in names + ["empty"]:
        row = [n]
        for r in mem_runners:
            k = bench.get(n, {}).get(r, {}).get("maxrss_kib")
            row.append(fmt(k and k / 1024, "{:.1f}"))
        out.append("| " + " | ".join(row) + " |")
    out.append("")

    # Start-up.
    su_runners = mem_runners + [r for r in runners if r == "w2n-small"]
    out.append("| start-up (trivial module, whole process) | " +
               " | ".join(RUNNER_LABELS[r] for r in su_runners) + " |")
    out.append("|" + "---|" * (len(su_runners) + 1))
    out.append("| wall time ms | " + " | ".join(
        fmt(t("empty", r) and t("empty", r) * 1000, "{:.1f}")
        for r in su_runners) + " |")
    out.append("| max RSS MiB | " + " | ".join(
        fmt(bench.get("empty", {}).get(r, {}).get("maxrss_kib") and
            bench["empty"][r]["maxrss_kib"] / 1024, "{:.1f}")
        for r in su_runners) + " |")
    su = res.get("startup", {})
    if su.get("node_instantiate_us") is not None:
        out.append("")
        out.append(f"V8 compile+instantiate of the trivial module "
                   f"in process: {su['node_instantiate_us']:.0f} µs.")
    out.append("")

    # SIMD.
    if "simd-scalar" in bench:
        out.append("| SIMD kernel | -msimd128 s | scalar s | speed-up |")
        out.append("|---|---|---|---|")
        for r in runners:
            if r in ("native", "w2n-small"):
                continue
            a, b = t("simd", r), t("simd-scalar", r)
            out.append(f"| {RUNNER_LABELS[r]} | {fmt(a)} | {fmt(b)} | "
                       f"{fmt(a and b and b / a, '{:.2f}×')} |")
        out.append("| native (SSE2, for reference) | "
                   f"{fmt(t('simd', 'native'))} | | |")
        out.append("")

    # Large module.
    lg = res.get("large") or {}
    if lg.get("w2n_j1"):
        sp = lg["w2n_j1"] / lg["w2n_j2"] if lg.get("w2n_j2") else None
        out.append("| 1 MiB module (fastest of the compiles; load average "
                   f"{lg.get('load_avg', 0):.1f} after them) | value |")
        out.append("|---|---|")
        out.append(f"| .wasm size | {lg['wasm_bytes'] / 1024:.0f} KiB "
                   f"({lg.get('code_bytes', 0) / 1024:.0f} KiB code, "
                   f"{lg.get('functions', '?')} functions) |")
        out.append(f"| wasm2native -O2 -j1 | {lg['w2n_j1']:.1f} s "
                   f"(CPU {lg.get('w2n_j1_cpu', 0):.1f} s) |")
        out.append(f"| wasm2native -O2 -j2 | {lg['w2n_j2']:.1f} s "
                   f"({fmt(sp, '{:.2f}×')}; CPU "
                   f"{lg.get('w2n_j2_cpu', 0):.1f} s, so "
                   f"{fmt(lg.get('w2n_j2_cpu', 0) / lg['w2n_j2'], '{:.2f}')}"
                   f" cores busy on average) |")
        if lg.get("wasm2c"):
            out.append(f"| wasm2c + clang -O2 | {lg['wasm2c']:.1f} s |")
        out.append(f"| .so size | {lg.get('so_bytes', 0) / 1024:.0f} KiB |")
        out.append("")

    if res.get("notes"):
        out.append("Notes from this run:")
        out.append("")
        out += [f"- {n}" for n in res["notes"]]
        out.append("")
    return "\n".join(out)


def svg_chart(res, path):
    """A grouped bar chart of time ratios to native, one group per
    benchmark plus the geometric mean, written without any library."""
    bench = res["benchmarks"]
    names = [n for n in bench if n != "empty" and not n.endswith("-scalar")]
    runners = [r for r in res["runners"] if r not in ("native",
                                                       "w2n-small")]
    colors = {"w2n-guard": "#1f77b4", "w2n-explicit": "#6baed6",
              "wasm2c": "#ff7f0e", "node": "#2ca02c",
              "w2n-fuel": "#9467bd", "w2n-epoch": "#c5b0d5"}
    rows = []
    for n in names:
        nat = bench[n]["native"]["median_s"]
        rows.append((n, {r: (bench[n][r]["median_s"] / nat
                             if nat and bench[n][r]["median_s"] else None)
                         for r in runners}))
    rows.append(("geomean", {r: geomean([v[r] for _, v in rows])
                             for r in runners}))
    vmax = max([v for _, d in rows for v in d.values() if v] + [1.5])
    vmax = math.ceil(vmax * 2) / 2
    bar_h, gap, left, top, width = 9, 10, 90, 40, 560
    group_h = bar_h * len(runners) + gap
    height = top + group_h * len(rows) + 40
    sx = width / vmax
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" '
         f'width="{left + width + 170}" height="{height}" '
         f'font-family="sans-serif" font-size="11">',
         f'<rect width="100%" height="100%" fill="white"/>',
         f'<text x="{left}" y="18" font-size="13" font-weight="bold">'
         f'Time relative to native clang -O2 (lower is better)</text>']
    for i in range(int(vmax * 2) + 1):
        x = left + i * 0.5 * sx
        s.append(f'<line x1="{x:.1f}" y1="{top - 5}" x2="{x:.1f}" '
                 f'y2="{height - 35}" stroke="{"#444" if i == 2 else "#ddd"}"'
                 f'/>')
        s.append(f'<text x="{x:.1f}" y="{height - 22}" text-anchor="middle">'
                 f'{i * 0.5:.1f}</text>')
    for gi, (n, d) in enumerate(rows):
        y0 = top + gi * group_h
        weight = ' font-weight="bold"' if n == "geomean" else ""
        s.append(f'<text x="{left - 6}" y="{y0 + group_h / 2:.1f}" '
                 f'text-anchor="end" dominant-baseline="middle"{weight}>'
                 f'{n}</text>')
        for ri, r in enumerate(runners):
            v = d.get(r)
            if v is None:
                continue
            y = y0 + ri * bar_h
            s.append(f'<rect x="{left}" y="{y}" width="{v * sx:.1f}" '
                     f'height="{bar_h - 1}" fill="{colors.get(r, "#999")}">'
                     f'<title>{n} {RUNNER_LABELS[r]}: {v:.2f}</title></rect>')
    for ri, r in enumerate(runners):
        y = top + ri * 16
        s.append(f'<rect x="{left + width + 15}" y="{y}" width="12" '
                 f'height="10" fill="{colors.get(r, "#999")}"/>')
        s.append(f'<text x="{left + width + 32}" y="{y + 9}">'
                 f'{RUNNER_LABELS[r]}</text>')
    m = res["machine"]
    s.append(f'<text x="{left}" y="{height - 6}" fill="#666">'
             f'median of {m["runs"]} runs, {m["date"]}, {m["cpu"]}, '
             f'{m["cores"]} cores</text>')
    s.append("</svg>")
    path.write_text("\n".join(s) + "\n")


BEGIN = "<!-- bench:results:begin (written by bench/run.py) -->"
END = "<!-- bench:results:end -->"


def update_doc(res, text):
    doc = DOCS / "performance.md"
    m = res["machine"]
    block = "\n".join([
        BEGIN, "",
        f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores, Linux "
        f"{m['kernel']}, load average {m['load_avg']:.1f} at the start), "
        f"commit {m['commit']}, median of {m['runs']} interleaved runs; "
        f"{m['clang']}, node {m['node']}, wasm2c {m['wasm2c']}.", "",
        "![time ratios to native](performance.svg)", "",
        text, END])
    cur = doc.read_text() if doc.exists() else ""
    if BEGIN in cur and END in cur:
        a = cur.index(BEGIN)
        b = cur.index(END) + len(END)
        cur = cur[:a] + block + cur[b:]
    else:
        cur = cur + ("\n" if cur else "") + "## Latest results\n\n" + \
            block + "\n"
    doc.write_text(cur)


def main():
    ap = argparse.ArgumentParser(
        description="wasm2native benchmark suite (see docs/performance.md)")
    ap.add_argument("--runs", type=int, default=None,
                    help="repetitions per program and runner (default 5, "
                    "1 with --quick)")
    ap.add_argument("--quick", action="store_true",
                    help="small sizes, 1 run, no 1 MiB module (CI-sized)")
    ap.add_argument("--only", help="comma-separated benchmark names")
    ap.add_argument("--compile-runs", type=int, default=None,
                    help="repetitions of each timed compile (default 3, "
                    "1 with --quick)")
    ap.add_argument("--no-large", action="store_true",
                    help="skip the 1 MiB module's compile time")
    ap.add_argument("--large-wasm2c", action="store_true",
                    help="also time wasm2c+clang on the 1 MiB module "
                    "(several minutes)")
    ap.add_argument("--no-limits", action="store_true",
                    help="skip the --fuel and --epoch variants")
    ap.add_argument("--fuel-budget", type=int, default=None,
                    help="pass `run --fuel N` to the fuel variant")
    ap.add_argument("--w2n-runner", choices=["run", "standalone"],
                    default="run",
                    help="run .so files with `wasm2native run` (default) or "
                    "with wasm2native-run, the runner without LLVM (about "
                    "10 ms less start-up per run)")
    ap.add_argument("--no-docs", action="store_true",
                    help="do not rewrite docs/performance.md and the chart")
    ap.add_argument("--timeout", type=float, default=300,
                    help="seconds before one run counts as failed")
    ap.add_argument("--out", default=str(BENCH / "out"),
                    help="build and results directory (default bench/out)")
    ap.add_argument("--wasm2native", default=str(DEFAULT_W2N),
                    help="the compiler to measure (default build/bin/"
                    "wasm2native, rebuilt first unless --no-build)")
    ap.add_argument("--no-build", action="store_true",
                    help="do not rebuild build/ before measuring")
    ap.add_argument("--baseline", default=None,
                    help="a second wasm2native (another build) whose guard "
                    "and explicit modules run beside the measured ones, "
                    "interleaved, as 'baseline guard'/'baseline explicit' "
                    "(for A/B comparisons of a change)")
    args = ap.parse_args()
    if args.runs is None:
        args.runs = 1 if args.quick else 5
    if args.compile_runs is None:
        args.compile_runs = 1 if args.quick else 3
    for tool in (CC, TIME):
        if not shutil.which(tool):
            sys.exit(f"run.py: {tool} not found (scripts/setup.sh installs "
                     "it)")
    if not Path("/usr/lib/wasm32-wasi/libc.a").exists():
        sys.exit("run.py: Debian's wasi-libc is not installed "
                 "(scripts/setup.sh installs it)")

    suite = Suite(args)
    t0 = time.time()
    suite.build_compiler()
    suite.build()
    suite.compile_all()
    suite.run_all()
    suite.startup_detail()
    if not args.quick and not args.no_large:
        suite.large()
    res = suite.results
    res["runners"] = suite.runner_names
    res["machine"] = suite.machine()
    res["elapsed_s"] = time.time() - t0
    (suite.out / "results.json").write_text(json.dumps(res, indent=1,
                                                       default=str))
    text = tables(res)
    print(text)
    if not args.no_docs and not args.quick and not args.only:
        svg_chart(res, DOCS / "performance.svg")
        update_doc(res, text)
        log("run.py: wrote docs/performance.md and docs/performance.svg")
    failed = [n for n in res["notes"] if "failed" in n]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
