"""%wasi-cc: `wasi-cc.py CLANG FLAGS... SOURCE -o OUT` compiles SOURCE with
FLAGS (-c), then links the object in a second clang command with only the
--target flag.

The link has no -O flag on purpose: an optimising clang link runs Binaryen's
wasm-opt after wasm-ld when wasm-opt is on PATH, and wasm-opt drops the
`name` section that the trap tests check. The option meant to turn that off,
--no-wasm-opt, makes clang 19 skip the link itself (fixed in clang 20).
"""

import os
import subprocess
import sys


def main():
    clang, args = sys.argv[1], sys.argv[2:]
    i = args.index("-o")
    out = args[i + 1]
    args = args[:i] + args[i + 2:]
    sources = [a for a in args if a.endswith((".c", ".cc", ".cpp"))]
    flags = [a for a in args if a not in sources]
    obj = out + ".o"
    status = subprocess.call([clang, *flags, "-c", *sources, "-o", obj])
    if status:
        return status
    target = [a for a in flags if a.startswith("--target=")]
    status = subprocess.call([clang, *target, obj, "-o", out])
    os.unlink(obj)
    return status


if __name__ == "__main__":
    sys.exit(main())
