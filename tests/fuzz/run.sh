#!/bin/sh
# tests/fuzz/run.sh FUZZ_DIR SECONDS — what `make fuzz` runs.
#
# 1. Replays the regression inputs (tests/fuzz/seeds/: minimized crashes,
#    tests/cases/ with its fuzz/ group, examples/) through both targets once:
#    a fixed bug must stay fixed.
# 2. Fuzzes each target for SECONDS on FUZZ_DIR/corpus/TARGET, seeded at run
#    time from examples/, tests/cases/ and tests/fuzz/seeds/ (the corpus is
#    kept between runs and never committed), with the dictionary bdl.dict.
# Crashes, leaks and timeouts are written to FUZZ_DIR/artifacts/.  Exit 1 if
# any target failed.  FUZZ_NICE (e.g. "nice -n 10") and FUZZ_FLAGS (extra
# libFuzzer options) come from the environment.
set -u
FZ=${1:?usage: run.sh FUZZ_DIR SECONDS}
SECS=${2:-60}
HERE=$(dirname "$0")
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
fail=0
mkdir -p "$FZ/artifacts"

regress=$(find "$HERE/seeds" tests/cases examples -type f \( -name '*.bdl' -o -path "$HERE/seeds/*" \) 2>/dev/null | sort)
for t in fuzz_parse fuzz_check fuzz_pieces; do
    if [ -n "$regress" ]; then
        echo "== $t: replaying $(echo "$regress" | wc -l) regression inputs"
        # shellcheck disable=SC2086
        if ! "$FZ/$t" -runs=1 $regress >"$FZ/$t.replay.log" 2>&1; then
            echo "FAILED: $t on a regression input (see $FZ/$t.replay.log)"
            tail -30 "$FZ/$t.replay.log"
            fail=1
        fi
    fi
done

for t in fuzz_parse fuzz_check fuzz_pieces; do
    corpus="$FZ/corpus/$t"
    mkdir -p "$corpus"
    # seeds: every example and case file, flattened into one folder
    find examples tests/cases "$HERE/seeds" -type f \( -name '*.bdl' -o -path "$HERE/seeds/*" \) 2>/dev/null | while read -r f; do
        cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
    done
    echo "== $t: fuzzing for $SECS s ($(ls "$corpus" | wc -l) corpus files)"
    # shellcheck disable=SC2086
    if ! ${FUZZ_NICE:-} "$FZ/$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
            -dict="$HERE/bdl.dict" -artifact_prefix="$FZ/artifacts/$t-" -print_final_stats=1 \
            ${FUZZ_FLAGS:-} "$corpus" >"$FZ/$t.log" 2>&1; then
        echo "FAILED: $t found a problem (see $FZ/$t.log):"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$FZ/$t.log" | head -20
        fail=1
    fi
    grep -E '^#[0-9]+.*(DONE|pulse)' "$FZ/$t.log" | tail -1
    grep -E 'stat::' "$FZ/$t.log"
done
# fuzz_import: the importer's text and the grid builder (tests/fuzz/fuzz_import.c);
# seeds: the committed ones under seeds-import/ (first byte: 0 text, 1 words)
# and the published text documents, each behind a 0 byte
t=fuzz_import
corpus="$FZ/corpus/$t"
mkdir -p "$corpus"
cp "$HERE"/seeds-import/* "$corpus/" 2>/dev/null
for f in examples/*/published.txt; do
    { printf '\000'; head -c 60000 "$f"; } > "$corpus/seed-$(echo "$f" | tr '/' '_')"
done
echo "== $t: replaying $(ls "$HERE/seeds-import" | wc -l) regression inputs"
if ! "$FZ/$t" -runs=1 "$HERE"/seeds-import/* >"$FZ/$t.replay.log" 2>&1; then
    echo "FAILED: $t on a regression input (see $FZ/$t.replay.log)"
    tail -30 "$FZ/$t.replay.log"
    fail=1
fi
echo "== $t: fuzzing for $SECS s ($(ls "$corpus" | wc -l) corpus files)"
# shellcheck disable=SC2086
if ! ${FUZZ_NICE:-} "$FZ/$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$FZ/artifacts/$t-" -print_final_stats=1 ${FUZZ_FLAGS:-} "$corpus" >"$FZ/$t.log" 2>&1; then
    echo "FAILED: $t found a problem (see $FZ/$t.log):"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$FZ/$t.log" | head -20
    fail=1
fi
grep -E '^#[0-9]+.*(DONE|pulse)' "$FZ/$t.log" | tail -1
[ "$fail" -eq 0 ]
