#!/bin/sh
# bench/run.sh - the benchmark suite in one command; see bench/run.py --help
# and docs/performance.md. Passes every argument through to run.py.
exec python3 "$(dirname "$0")/run.py" "$@"
