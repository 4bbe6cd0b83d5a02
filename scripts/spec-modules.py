#!/usr/bin/env python3
"""Writes every binary module of a script converted by the spec's reference
interpreter (`wasm -d SCRIPT -o OUT`) to DIR/PREFIX.N.wasm: the fuzzer's
seeds from the WebAssembly 3.0 suite (scripts/fuzz.sh).

  spec-modules.py CONVERTED DIR PREFIX
"""

import re
import sys

# `(module [definition] [$id] binary "..." "..." ...)`: the strings that
# follow `binary`, in order; only \\hh, \\t, \\n, \\r, \\", \\', \\\\ appear in
# the interpreter's output of bytes.
MODULE = re.compile(r'\(module(?: definition)?(?: \$\S+)? binary((?:\s+"(?:[^"\\]|\\.)*")*)\s*\)')
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPES = {"t": 9, "n": 10, "r": 13, '"': 34, "'": 39, "\\": 92}


def decode(text):
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
        elif text[i + 1] in ESCAPES:
            out.append(ESCAPES[text[i + 1]])
            i += 2
        else:
            out.append(int(text[i + 1:i + 3], 16))
            i += 3
    return bytes(out)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8", errors="surrogateescape") as f:
        script = f.read()
    n = 0
    for m in MODULE.finditer(script):
        data = b"".join(decode(s) for s in STRING.findall(m.group(1)))
        with open(f"{argv[2]}/{argv[3]}.{n}.wasm", "wb") as out:
            out.write(data)
        n += 1
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
