#!/bin/sh
# tests/shanghai/run.sh — the compare script's own tests (the publication parser against
# figures read by hand, the comparison against JSON documents in bdlc's output shape).
set -u
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/shanghai/test_compare.py
