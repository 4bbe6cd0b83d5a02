#!/usr/bin/env python3
"""Checks that no file includes a header across a forbidden layer edge.

The tree is made of layers (docs/compiler.md, "Layers"), and each may
include the headers of the layers below it only. The build already hides
the headers of libraries a target does not link (cmake/ExportHeaders.cmake);
this check covers what the link graph cannot: an edge between two libraries
that are linked together (transform and lower are both in codegen), a
relative path (`../lower/X.h`) that bypasses the include directories, and
the libraries that must stay free of LLVM (the runtime and what runs on
devices without it).

Usage: check-layering.py [--list-edges] ROOT
Prints one `FILE:LINE: error: ...` per bad include and exits 1 if any.
"""

import argparse
import os
import re
import sys

# Where each layer's files are (relative to ROOT). The first match wins.
LAYER_DIRS = [
    ("runtime-support/include/wasm2native", "runtime-api"),
    ("runtime-support", "runtime"),
    ("compiler/support", "support"),
    ("compiler/decode", "decode"),
    ("compiler/validate", "validate"),
    ("compiler/bindings", "bindings"),
    ("compiler/ir", "ir"),
    ("compiler/lower", "lower"),
    ("compiler/transform", "transform"),
    ("compiler/codegen", "codegen"),
    ("targets", "targets"),
    ("lib/runner", "runner"),
    ("lib/spec-runner", "spec-runner"),
    ("lib/wast", "wast"),
    ("tools/wasm2native-run", "tool-run"),
    ("tools/wasm2native", "tool"),
]

# The first directory of an include ("lower/X.h") names the layer of the
# header; a name without a directory is a header beside the includer.
INCLUDE_PREFIXES = {
    "support": "support",
    "decode": "decode",
    "validate": "validate",
    "bindings": "bindings",
    "ir": "ir",
    "lower": "lower",
    "transform": "transform",
    "codegen": "codegen",
    "targets": "targets",
    "runner": "runner",
    "spec-runner": "spec-runner",
    "wast": "wast",
}

# The ABI shared by compiler and runtime: the only runtime headers the
# compiler may see.
ABI_HEADERS = {"wasm2native/abi.h", "wasm2native/runtime_fns.def"}

# What each layer may include besides itself. "abi" is ABI_HEADERS,
# "runtime-api" every other public runtime header, "llvm" LLVM's headers.
ALLOWED = {
    "support": {"llvm"},
    "decode": {"support", "llvm"},
    "validate": {"decode", "support", "llvm"},
    "bindings": {"decode", "support", "llvm"},
    # The contract between lowering and the passes: below both.
    "ir": {"abi", "llvm"},
    "lower": {"decode", "support", "ir", "targets", "abi", "llvm"},
    "transform": {"ir", "abi", "llvm"},
    "codegen": {"decode", "support", "ir", "lower", "transform", "targets",
                "abi", "llvm"},
    # Per-target choices: LLVM alone, no compiler internals.
    "targets": {"llvm"},
    # The runtime, and what runs on devices with it, never see the compiler
    # or LLVM.
    "runtime-api": {"abi"},
    "runtime": {"abi", "runtime-api"},
    "runner": {"abi", "runtime-api"},
    "spec-runner": {"abi", "runtime-api"},
    "wast": {"llvm"},
    # The tools: the libraries' entry points, not lowering or the passes
    # (those are codegen's business).
    "tool": {"decode", "validate", "bindings", "codegen", "support",
             "targets", "runner", "spec-runner", "wast", "abi",
             "runtime-api", "llvm"},
    "tool-run": {"runner", "spec-runner", "abi", "runtime-api"},
}

SOURCE_SUFFIXES = (".c", ".cpp", ".h", ".hpp", ".def", ".inc", ".in")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def layer_of_path(rel):
    rel = rel.replace(os.sep, "/")
    for prefix, layer in LAYER_DIRS:
        if rel == prefix or rel.startswith(prefix + "/"):
            return layer
    return None


def layer_of_include(root, file_rel, delim, name):
    """The layer of the header `name` included by file_rel, or None if the
    include is outside every layer (the C or C++ library, gtest...)."""
    if name in ABI_HEADERS:
        return "abi"
    if name.startswith("wasm2native/"):
        return "runtime-api"
    if name.startswith(("llvm/", "llvm-c/", "lld/")):
        return "llvm"
    if delim == "<":
        return None
    first = name.split("/", 1)[0]
    if first in (".", ".."):
        # A path relative to the includer: the layer of where it leads.
        target = os.path.normpath(
            os.path.join(os.path.dirname(file_rel), name))
        return layer_of_path(target) or "outside"
    if "/" in name and first in INCLUDE_PREFIXES:
        return INCLUDE_PREFIXES[first]
    # A header beside the includer (or generated next to it)...
    if os.path.exists(os.path.join(root, os.path.dirname(file_rel), name)):
        return layer_of_path(file_rel)
    # ...or one found through an include directory of another layer's
    # (how tools/wasm2native once included tools/wasm2native-run's Runner.h).
    for prefix, layer in LAYER_DIRS:
        if os.path.isfile(os.path.join(root, prefix, name)):
            return layer
    return layer_of_path(file_rel)


def check(root):
    errors = []
    edges = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and d != "build")
        for fn in sorted(filenames):
            if not fn.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, root)
            layer = layer_of_path(rel)
            if layer is None:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE_RE.match(line)
                    if not m:
                        continue
                    delim, name = m.groups()
                    target = layer_of_include(root, rel, delim, name)
                    if target is None or target == layer:
                        continue
                    edges.add((layer, target))
                    if target not in ALLOWED[layer]:
                        errors.append(
                            "%s:%d: error: \"%s\" (%s) may not be included "
                            "from %s" % (rel, lineno, name, target, layer))
    return errors, edges


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", help="the top of the source tree")
    parser.add_argument("--list-edges", action="store_true",
                        help="print the layer edges found")
    args = parser.parse_args()
    errors, edges = check(args.root)
    if args.list_edges:
        for a, b in sorted(edges):
            print("%s -> %s" % (a, b))
    for e in errors:
        print(e)
    if errors:
        print("%d include(s) across a forbidden edge" % len(errors))
        return 1
    print("layering: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
