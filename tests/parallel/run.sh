#!/bin/sh
# tests/parallel/run.sh BDLC — parsing and checking on several threads
# (src/jobs.c, load.c, check.c) must give exactly what one thread gives.
#
#  1. Every case file and example, checked (JSON) with BDL_THREADS=1 and
#     with BDL_SPLIT=1 BDL_THREADS=2 (every file cut wherever it can be,
#     every project check spread): byte-identical output and exit status.
#  2. The examples compiled to JSON both ways: identical.
#  3. A generated 6 MB budget (tests/bench/gen.c), one file and split over
#     200 included files, with the default thresholds (so it really is cut
#     into pieces and its ~5,000 projects checked on two threads): clean,
#     and identical to one thread; then the same with errors put in the
#     middle of pieces, before and after cuts.
set -u
BDLC=${1:-build/bdlc}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "not ok - $1"; }

# same LABEL CMD...: run CMD one-threaded and in pieces, compare
same() {
    label=$1; shift
    BDL_THREADS=1 "$@" > "$T/one.out" 2>&1; a=$?
    BDL_SPLIT=1 BDL_THREADS=2 "$@" > "$T/many.out" 2>&1; b=$?
    if [ "$a" = "$b" ] && [ "$a" != 2 ] && cmp -s "$T/one.out" "$T/many.out"; then
        return 0
    fi
    no "$label: one thread (exit $a) and pieces (exit $b) differ, or could not run"
    diff "$T/one.out" "$T/many.out" | head -10
    return 1
}

n=0; bad=0
for f in $(find "$ROOT/tests/cases" "$ROOT/examples" -name '*.bdl' | sort); do
    n=$((n + 1))
    same "$f" "$BDLC" check --diagnostics-format json "$f" || bad=$((bad + 1))
done
[ "$bad" = 0 ] && ok "check --diagnostics-format json of $n case and example files: one thread = pieces"

for f in "$ROOT"/examples/*/corrected.bdl; do
    same "compile $f" "$BDLC" compile -f json "$f" && ok "compile -f json $(basename "$(dirname "$f")"): one thread = pieces"
done

# a generated budget big enough for the default thresholds
cc -std=c11 -O1 -o "$T/gen" "$ROOT/tests/bench/gen.c" 2> "$T/cc.err" || { no "cannot build gen.c: $(cat "$T/cc.err")"; exit 1; }
"$T/gen" -L "$ROOT/stdlib/cn/2026" -s 6000000 -o "$T/big.bdl" -d "$T/split" -n 200 2> /dev/null ||
    { no "gen failed"; exit 1; }
for f in "$T/big.bdl" "$T/split/budget.bdl"; do
    BDL_THREADS=1 "$BDLC" check --diagnostics-format json "$f" > "$T/one.json" 2>&1; a=$?
    "$BDLC" check --diagnostics-format json "$f" > "$T/dflt.json" 2>&1; b=$?
    BDL_THREADS=2 "$BDLC" check --diagnostics-format json "$f" > "$T/two.json" 2>&1; c=$?
    if [ "$a$b$c" = 000 ] && cmp -s "$T/one.json" "$T/dflt.json" && cmp -s "$T/one.json" "$T/two.json"; then
        ok "$(basename "$f") (6 MB): clean, on one thread and on two"
    else
        no "$(basename "$f") (6 MB): exits $a $b $c, or outputs differ"
    fi
done
# errors in the middle: a bad amount (E004), a syntax error (E010), an
# unclosed block right before a cut, a duplicate project, a wrong sum
lines=$(wc -l < "$T/big.bdl")
awk -v L="$lines" '
    NR == int(L * 0.3) && /^ *amount / { print "    amount 12.3.4"; next }
    NR == int(L * 0.45) { print; print "    summary summary"; next }
    NR > int(L * 0.6) && !done1 && /^}$/ { getline nx; if (nx == "") { done1 = 1; next } print; print nx; next }
    NR > int(L * 0.8) && !done2 && /^ *amount / { sub(/amount .*/, "amount 1.00"); done2 = 1 }
    { print }' "$T/big.bdl" > "$T/bad.bdl"
for t in 1 2; do BDL_THREADS=$t "$BDLC" check --diagnostics-format json "$T/bad.bdl" > "$T/bad$t.json" 2>&1; echo $? > "$T/bad$t.exit"; done
if [ "$(cat "$T/bad1.exit")" = 1 ] && cmp -s "$T/bad1.exit" "$T/bad2.exit" && cmp -s "$T/bad1.json" "$T/bad2.json" &&
   [ "$(grep -c '"code"' "$T/bad1.json")" -ge 3 ]; then
    ok "6 MB budget with errors in several pieces: same $(grep -c '"code"' "$T/bad1.json") diagnostics on one thread and two"
else
    no "6 MB budget with errors: one thread and two differ (exits $(cat "$T/bad1.exit") $(cat "$T/bad2.exit"))"
    diff "$T/bad1.json" "$T/bad2.json" | head -10
fi
# errors only in the last piece: the pieces before are kept, the last one's
# diagnostics come from its own parse
awk -v L="$lines" 'NR == int(L * 0.97) { print; print "    summary summary"; next } { print }' "$T/big.bdl" > "$T/end.bdl"
for t in 1 2; do BDL_THREADS=$t "$BDLC" check --diagnostics-format json "$T/end.bdl" > "$T/end$t.json" 2>&1; echo $? > "$T/end$t.exit"; done
if [ "$(cat "$T/end1.exit")" = 1 ] && cmp -s "$T/end1.exit" "$T/end2.exit" && cmp -s "$T/end1.json" "$T/end2.json" &&
   grep -q E010 "$T/end1.json"; then
    ok "6 MB budget with an error in its last piece: same diagnostics on one thread and two"
else
    no "6 MB budget with an error in its last piece: one thread and two differ"
    diff "$T/end1.json" "$T/end2.json" | head -10
fi
echo "parallel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
