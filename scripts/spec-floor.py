#!/usr/bin/env python3
"""The WebAssembly 3.0 spec suite's floor: what must keep passing.

`wasm2native wast` runs every script of ../shared/wasm-spec/core and counts
every command; while 3.0 features are still missing (issues 16, 17 and 20),
many commands fail. The floor file (test/spec/wasm-3.0-floor.txt) records,
per script, how many commands passed when it was last updated, out of how
many. `check` fails when a run passes fewer commands of a script than its
floor (a regression), and says when a script passes more (update the floor:
the floor only rises). Nothing is skipped: every script runs and every
failure is printed by `wasm2native wast`.

  spec-floor.py check FLOOR MODE=LOG...   the last line is `N passed, N failed`:
                                          the commands passed, and those below
                                          the floor (regressions)
  spec-floor.py update FLOOR MODE=LOG...  the floor becomes the least count of
                                          the runs
  spec-floor.py table MODE=LOG...         a Markdown table per directory

LOG is the output of `wasm2native wast` over the scripts: a line
`PATH: N passed, N failed` or `PATH: error: ...` per script.
"""

import re
import sys
from collections import OrderedDict

LINE = re.compile(r"^(\S+\.wast)(?::0x[0-9a-f]+)?: (?:(\d+) passed, (\d+) failed|error: .*)$")
CORE = "wasm-spec/core/"


def script_name(path):
    """The script's path below core/ (e.g. simd/simd_lane.wast)."""
    i = path.find(CORE)
    return path[i + len(CORE):] if i >= 0 else path


def read_log(path):
    """{script: (passed, failed)}; a script that could not run is (0, 1)."""
    results = OrderedDict()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            name = script_name(m.group(1))
            if m.group(2) is None:
                results[name] = (0, 1)
            else:
                results[name] = (int(m.group(2)), int(m.group(3)))
    return results


def read_floor(path):
    floor = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, counts = line.split()
            passed, total = counts.split("/")
            floor[name] = (int(passed), int(total))
    return floor


def parse_runs(args):
    runs = []
    for arg in args:
        mode, _, log = arg.rpartition("=")
        runs.append((mode or log, read_log(log)))
    return runs


def check(floor_path, runs):
    floor = read_floor(floor_path)
    total_passed = 0
    regressions = 0
    rises = set()
    for mode, results in runs:
        passed = sum(p for p, _ in results.values())
        failed = sum(f for _, f in results.values())
        below = 0
        for name, (want, _) in floor.items():
            got = results.get(name, (0, 1))[0]
            if got < want:
                below += want - got
                print(f"{mode}: {name}: {got} passed, below the floor of {want}")
            elif got > want:
                rises.add(name)
        for name in results:
            if name not in floor:
                print(f"{mode}: {name}: not in the floor file")
                below += 1
        print(f"{mode}: {passed} passed, {failed} failed "
              f"({below} below the floor)")
        total_passed += passed
        regressions += below
    if rises:
        print(f"{len(rises)} scripts pass more than their floor "
              f"({', '.join(sorted(rises)[:8])}{'...' if len(rises) > 8 else ''}): "
              f"raise it with scripts/spec-floor.py update")
    print(f"{total_passed} passed, {regressions} failed")
    return 1 if regressions else 0


def update(floor_path, runs):
    names = OrderedDict()
    for _, results in runs:
        for name in results:
            names[name] = True
    lines = []
    for name in sorted(names):
        passed = min(r.get(name, (0, 1))[0] for _, r in runs)
        total = max(sum(r.get(name, (0, 1))) for _, r in runs)
        lines.append(f"{name} {passed}/{total}")
    with open(floor_path, encoding="utf-8") as f:
        header = [l for l in f if l.startswith("#")]
    with open(floor_path, "w", encoding="utf-8") as f:
        f.writelines(header)
        f.write("\n".join(lines) + "\n")
    print(f"{floor_path}: {len(lines)} scripts")
    return 0


def table(runs):
    modes = [m for m, _ in runs]
    dirs = OrderedDict()
    for _, results in runs:
        for name in results:
            d = name.rsplit("/", 1)[0] if "/" in name else "(top level)"
            dirs.setdefault(d, set()).add(name)
    print("| directory | scripts | " + " | ".join(modes) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in modes) + " |")
    totals = [[0, 0] for _ in modes]
    for d in sorted(dirs, key=lambda d: (d != "(top level)", d)):
        cells = []
        for i, (_, results) in enumerate(runs):
            p = sum(results.get(n, (0, 1))[0] for n in dirs[d])
            t = sum(sum(results.get(n, (0, 1))) for n in dirs[d])
            totals[i][0] += p
            totals[i][1] += t
            cells.append(f"{p}/{t}")
        print(f"| {d} | {len(dirs[d])} | " + " | ".join(cells) + " |")
    print("| all | " + str(sum(len(s) for s in dirs.values())) + " | " +
          " | ".join(f"{p}/{t}" for p, t in totals) + " |")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "check":
        return check(argv[2], parse_runs(argv[3:]))
    if len(argv) >= 3 and argv[1] == "update":
        return update(argv[2], parse_runs(argv[3:]))
    if len(argv) >= 2 and argv[1] == "table":
        return table(parse_runs(argv[2:]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
