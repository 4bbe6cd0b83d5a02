#!/usr/bin/env python3
"""Turns the logs of `wasm2native wast` runs into the per-file table of
docs/spec-results.md.

    scripts/spec-table.py MODE=LOG [MODE=LOG...] > docs/spec-results.md

Each LOG holds the output of one `wasm2native wast ... core/*.wast` run:
lines `PATH: N passed, N failed`, failure lines, and a last line
`N passed, N failed`."""

import os
import re
import sys

LINE = re.compile(r"^(\S+\.wast): (\d+) passed, (\d+) failed$")
TOTAL = re.compile(r"^(\d+) passed, (\d+) failed$")


def read(log):
    files, total = {}, None
    with open(log) as f:
        for line in f:
            line = line.rstrip("\n")
            m = LINE.match(line)
            if m:
                files[os.path.basename(m[1])] = (int(m[2]), int(m[3]))
                continue
            m = TOTAL.match(line)
            if m:
                total = (int(m[1]), int(m[2]))
    return files, total


def main(args):
    runs = []
    for arg in args:
        mode, _, log = arg.partition("=")
        runs.append((mode, *read(log)))
    names = sorted({n for _, files, _ in runs for n in files})
    out = ["# Spec suite results", "",
           "`wasm2native wast` over every file of "
           "`../shared/wasm-testsuite/core/` (WebAssembly 2.0 with SIMD), "
           "one column per mode; each cell is passed/failed commands. "
           "Text-format `assert_malformed` modules test the text parser and "
           "are not counted. Regenerate with `scripts/check.sh` (which "
           "writes `build/spec-results.md`).", ""]
    out.append("| file | " + " | ".join(m for m, _, _ in runs) + " |")
    out.append("| --- |" + " ---: |" * len(runs))
    for n in names:
        cells = []
        for _, files, _ in runs:
            p, f = files.get(n, (0, 0))
            cells.append(f"{p}/{f}")
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    cells = [f"**{t[0]}/{t[1]}**" if t else "-" for _, _, t in runs]
    out.append("| **total** | " + " | ".join(cells) + " |")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
