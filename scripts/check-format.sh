#!/usr/bin/env bash
# Checks that the C and C++ sources are formatted as .clang-format says,
# with clang-format-19 (the LLVM the project builds with; other versions
# break some lines differently, so the version is pinned here and in
# scripts/lib.sh's packages).
#
#   scripts/check-format.sh [--fix] [FILE...]
#
# Without FILEs: every tracked *.c, *.cpp, *.h under compiler/,
# runtime-support/, targets/, tools/, test/ and examples/. Not checked:
# *.def tables (one entry a line, as in LLVM), and bench/ (programs
# compiled as benchmarks, kept as their authors wrote them). Reports each
# file that differs and ends with `N passed, N failed` (files); exits
# non-zero if any differs. --fix rewrites the files in place instead.
set -uo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CLANG_FORMAT=${CLANG_FORMAT:-clang-format-19}
FIX=0
if [ "${1:-}" = --fix ]; then
  FIX=1
  shift
fi

if ! command -v "$CLANG_FORMAT" >/dev/null; then
  echo "format: $CLANG_FORMAT not found (scripts/setup.sh installs it)" >&2
  exit 1
fi

cd "$REPO" || exit 1
FILES=("$@")
if [ ${#FILES[@]} -eq 0 ]; then
  mapfile -t FILES < <(git ls-files -- \
    'compiler/*' 'runtime-support/*' 'targets/*' 'tools/*' 'test/*' \
    'examples/*' | grep -E '\.(c|cpp|h)$')
fi

if [ "$FIX" -eq 1 ]; then
  "$CLANG_FORMAT" -i "${FILES[@]}"
  exit
fi

passed=0
failed=0
for f in "${FILES[@]}"; do
  if "$CLANG_FORMAT" --dry-run -Werror "$f" 2>/dev/null; then
    passed=$((passed + 1))
  else
    echo "format: $f differs from $CLANG_FORMAT's output"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
