#!/usr/bin/env python3
"""Splits prepared spec command lists into independent segments.

    split-lists.py [--modules N] LIST.json...

A command list (`wasm2native wast --prepare`) runs in one store, so every
instance of a script lives until its end. Under qemu-user 7.2 each
guard-mode memory then costs the emulator 49 MB for as long as it runs
(docs/cross.md), and simd_align.wast alone (46 memories) took 2.3 GB.

A script whose modules are not named, not registered and not referred to
by name is a series of independent parts, each one `module` command and
the commands after it up to the next (or an assert_uninstantiable or
assert_unlinkable module that nothing after it needs, part_starts). Such a list is written as
LIST~K.json, K = 0, 1, ..., segments of N parts (default 4), so that
wasm2native-run --spec gives each its own store and frees it before the
next (the runtime then maps the next memories where the last ones were):
at most N memories of the script live at once (4: 268 MB for
simd_align.wast, 6.2 s; 8: 465 MB, 7.1 s; whole: 2.3 GB, 5.8 s). N trades memory for time:
each store costs qemu about 0.1 s to set up (the spectest module), so one
part a segment made the aarch64 guard run twice as long. Each segment keeps
the script's source_filename, so the runner's report names the script;
run-spec.sh's merge adds the segments' counts up. Other lists are left
whole. Prints the lists to run, in order, one a line.
"""

import json
import sys


def splittable(commands):
    for c in commands:
        if c["type"] == "register" or "name" in c:
            return False
        if "module" in c.get("action", {}):
            return False
    return True


# Commands that instantiate a module of their own and leave the current
# module as it was: their instances (and memories) stay in the store too.
INSTANTIATING = ("assert_uninstantiable", "assert_unlinkable")
# Commands that use the current module.
USES_CURRENT = ("action", "assert_return", "assert_trap", "assert_exhaustion",
                "assert_exception")


def part_starts(commands):
    """The indices where a part may start: every `module`, and every
    instantiating assertion after which nothing uses the current module
    before the next `module` (multi-memory/data1.wast is 14
    assert_uninstantiable modules of up to 3 memories each, and nothing
    else)."""
    starts = set()
    uses_ahead = False
    for i in range(len(commands) - 1, -1, -1):
        t = commands[i]["type"]
        if t == "module":
            starts.add(i)
            uses_ahead = False
        elif t in INSTANTIATING and not uses_ahead:
            starts.add(i)
        elif t in USES_CURRENT:
            uses_ahead = True
    return starts


def segments(commands, per_segment):
    starts = part_starts(commands)
    seg = []
    parts = 0
    for i, c in enumerate(commands):
        if i in starts:
            if parts == per_segment:
                yield seg
                seg = []
                parts = 0
            parts += 1
        seg.append(c)
    if seg:
        yield seg


def main(args):
    per_segment = 4
    if args[:1] == ["--modules"]:
        per_segment = int(args[1])
        args = args[2:]
    paths = args
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        commands = data["commands"]
        parts = []
        if splittable(commands):
            parts = list(segments(commands, per_segment))
        if len(parts) <= 1:
            print(path)
            continue
        stem = path[: -len(".json")]
        for k, part in enumerate(parts):
            out = f"{stem}~{k}.json"
            with open(out, "w") as f:
                json.dump(dict(data, commands=part), f)
            print(out)


if __name__ == "__main__":
    main(sys.argv[1:])
