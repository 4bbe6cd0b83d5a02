#!/usr/bin/env python3
"""Instruction counts of the benchmark programs, one compiler against another.

    python3 bench/icount.py --wasm DIR --baseline OLD/wasm2native \
        [--compiler build/bin/wasm2native] [--only a,b] [--variants guard,explicit]

DIR holds the programs as wasm (bench/run.py writes them to OUT/wasm). Each
is compiled at -O2 by both compilers in each bounds-check variant and run
once, at its quick size (bench/run.py's BENCHMARKS), under valgrind's
callgrind with build/bin/wasm2native-run; the table gives the new count over
the baseline's and the geomean. Counts do not depend on the machine's load,
so they show a change of 1% that the interleaved timings of bench/run.py
need a quiet machine and many repetitions to show; they do not see cache
or branch-prediction effects, which only timings do.
"""

import argparse
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: the programs and their sizes)

VARIANTS = {"guard": ["--bounds-checks=guard"],
            "explicit": ["--bounds-checks=explicit"]}


def count(runner, so, args):
    p = subprocess.run(["valgrind", "--tool=callgrind",
                        "--callgrind-out-file=/dev/null", str(runner),
                        str(so), *args],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, check=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if not m:
        sys.exit(f"icount: no count from callgrind for {so}")
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wasm", required=True, type=Path)
    ap.add_argument("--baseline", required=True, type=Path)
    ap.add_argument("--compiler", type=Path, default=run.DEFAULT_W2N)
    ap.add_argument("--only")
    ap.add_argument("--variants", default="guard,explicit")
    a = ap.parse_args()
    runner = a.compiler.parent / "wasm2native-run"
    variants = a.variants.split(",")
    only = set(a.only.split(",")) if a.only else None
    ratios = {v: [] for v in variants}
    print("| benchmark | " + " | ".join(f"{v} new/old" for v in variants) + " |")
    print("|---|" + "---|" * len(variants))
    with tempfile.TemporaryDirectory() as tmp:
        for b in run.BENCHMARKS:
            if only and b.name not in only:
                continue
            wasm = a.wasm / f"{b.name}.wasm"
            cells = []
            for v in variants:
                counts = []
                for tag, cc in (("new", a.compiler), ("old", a.baseline)):
                    so = Path(tmp) / f"{b.name}.{v}.{tag}.so"
                    subprocess.run([str(cc), "compile", "-O2", *VARIANTS[v],
                                    str(wasm), "-o", str(so)], check=True)
                    counts.append(count(runner, so, b.quick))
                r = counts[0] / counts[1]
                ratios[v].append(r)
                cells.append(f"{r:.3f} ({counts[0] / 1e6:.0f}M)")
            print(f"| {b.name} | " + " | ".join(cells) + " |", flush=True)
    geo = [math.exp(sum(map(math.log, ratios[v])) / len(ratios[v]))
           for v in variants if ratios[v]]
    print("| **geomean** | " + " | ".join(f"**{g:.3f}**" for g in geo) + " |")


if __name__ == "__main__":
    main()
