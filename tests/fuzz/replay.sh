#!/bin/sh
# tests/fuzz/replay.sh BUILD_DIR — what `make test` runs of the fuzz
# targets: each, linked with tests/fuzz/replay.c instead of libFuzzer
# (BUILD_DIR/fuzz-replay/), reads its committed seeds and the inputs
# `make fuzz` seeds its corpus with, once.  A crash, a sanitizer report or
# fuzz_pieces' abort on a difference fails; so does a target that no
# longer builds (make stops before the suite).
set -u
B=${1:?usage: replay.sh BUILD_DIR}
R=$B/fuzz-replay
HERE=$(dirname "$0")
fail=0
bdl=$(find "$HERE/seeds" tests/cases examples -type f \( -name '*.bdl' -o -path "$HERE/seeds/*" \) | sort)
for t in fuzz_parse fuzz_check fuzz_pieces; do
    # shellcheck disable=SC2086
    out=$("$R/$t" $bdl 2>&1) || { echo "FAILED: $t"; echo "$out" | tail -20; fail=1; continue; }
    echo "$t: $(echo "$out" | tail -1)"
done
out=$("$R/fuzz_import" "$HERE"/seeds-import/* 2>&1) || { echo "FAILED: fuzz_import"; echo "$out" | tail -20; fail=1; }
echo "fuzz_import: $(echo "$out" | tail -1)"
[ "$fail" -eq 0 ]
