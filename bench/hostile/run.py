#!/usr/bin/env python3
"""bench/hostile/run.py - compile cost of hostile modules against issue 14's bound.

    python3 bench/hostile/run.py [--only SHAPE[:N],...] [-O2] [--timeout S]

Generates every shape of gen.py (at its issue size and at the larger
sizes the issue measured), compiles each with `wasm2native compile -jN
-O<level>` under GNU time, and prints one Markdown row per module: size,
CPU seconds (user + system), peak resident memory and the bound

    CPU   <= 1 s + 10 s per MiB of wasm
    RSS   <= 256 MiB + 64 x the module size

A compile that exceeds --timeout or the address-space limit (--max-vm)
is reported as such; the limits keep a regression from taking the machine
down. The exit status is 1 when any module misses its bound.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402

# (shape, N): the sizes first, then the larger ones it measured.
DEFAULT_RUNS = [
    ("block-groups", 8000), ("block-groups", 16000), ("block-groups", 25000),
    ("globals", 1000),
    ("locals", 10000), ("locals", 50000),
    ("br-table", 10000),
    ("nested-ifs", 10000), ("nested-ifs", 100000),
    ("loops", 1000),
    ("functions", 50000),
    ("signature", 1000),
    ("types", 10000), ("types", 100000),
    ("nested-blocks", 10000),
    ("nested-loops", 1000),
    ("interpreter", 10000),
    ("deep-stack", 10000),
    ("imports", 10000),
    ("exports", 10000),
    ("block-results", 1000),
]

MiB = 1024 * 1024


def bound(size):
    return 1.0 + 10.0 * size / MiB, 256.0 + 64.0 * size / MiB


def measure(tool, wasm, args, timeout, max_vm):
    out = wasm + ".so"
    cmd = ["/usr/bin/time", "-f", "%U %S %M", "-o", wasm + ".time",
           "timeout", str(timeout), tool, "compile", wasm, "-o", out] + args
    # The address-space limit applies to the compiler only.
    preexec = None
    if max_vm:
        import resource

        def preexec():
            resource.setrlimit(resource.RLIMIT_AS,
                               (max_vm * MiB, max_vm * MiB))
    start = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       preexec_fn=preexec)
    wall = time.monotonic() - start
    with open(wasm + ".time") as f:
        fields = f.read().split()
    # On failure GNU time prints a "Command exited..." line first.
    user, sys_, rss = fields[-3:]
    status = "ok"
    if p.returncode == 124:
        status = "timeout"
    elif p.returncode != 0:
        status = "failed: " + p.stderr.decode(errors="replace").strip()[:80]
    return float(user) + float(sys_), int(rss) / 1024.0, wall, status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated SHAPE or SHAPE:N")
    ap.add_argument("--wasm2native",
                    default=os.path.join(ROOT, "build", "bin", "wasm2native"))
    ap.add_argument("-O", dest="opt", default="2", help="optimisation level")
    ap.add_argument("-j", dest="jobs", default="1", help="compile threads")
    ap.add_argument("--extra", action="append", default=[],
                    help="another argument for compile (repeatable)")
    ap.add_argument("--timeout", type=int, default=120,
                    help="seconds per compile (default 120)")
    ap.add_argument("--max-vm", type=int, default=8192,
                    help="address-space limit in MiB (default 8192, 0: none)")
    ap.add_argument("--keep", help="directory to keep the modules in")
    a = ap.parse_args()

    runs = DEFAULT_RUNS
    if a.only:
        runs = []
        for item in a.only.split(","):
            shape, _, n = item.partition(":")
            if shape not in gen.SHAPES:
                ap.error("unknown shape " + shape)
            if n:
                runs.append((shape, int(n)))
            else:
                runs += [r for r in DEFAULT_RUNS if r[0] == shape]
    args = ["-O" + a.opt, "-j" + a.jobs] + a.extra
    tmp = a.keep or tempfile.mkdtemp(prefix="w2n-hostile-")
    os.makedirs(tmp, exist_ok=True)
    print(f"`wasm2native compile {' '.join(args)}`, CPU = user + system "
          f"(GNU time), limits: {a.timeout} s, {a.max_vm} MiB of address "
          "space")
    print()
    print("| shape | N | wasm KiB | CPU s | bound s | peak RSS MiB "
          "| bound MiB | |")
    print("|---|---|---|---|---|---|---|---|")
    misses = 0
    for shape, n in runs:
        fn, _ = gen.SHAPES[shape]
        wasm = os.path.join(tmp, f"{shape}-{n}.wasm")
        data = fn(n).encode()
        with open(wasm, "wb") as f:
            f.write(data)
        cpu, rss, wall, status = measure(a.wasm2native, wasm, args,
                                         a.timeout, a.max_vm)
        cpu_bound, rss_bound = bound(len(data))
        ok = status == "ok" and cpu <= cpu_bound and rss <= rss_bound
        misses += not ok
        verdict = "ok" if ok else ("**over**" if status == "ok" else
                                   f"**{status}**")
        print(f"| {shape} | {n} | {len(data) / 1024:.0f} | {cpu:.2f} "
              f"| {cpu_bound:.1f} | {rss:.0f} | {rss_bound:.0f} | {verdict} |",
              flush=True)
        if not a.keep:
            for ext in ("", ".so", ".time"):
                try:
                    os.unlink(wasm + ext)
                except OSError:
                    pass
    if not a.keep:
        os.rmdir(tmp)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
