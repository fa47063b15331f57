#!/bin/sh
# tests/compile/diskfull.sh BDLC — `compile -o` never leaves a partial or
# corrupt output: on a full disk (a 32 KiB tmpfs) and when killed mid-write,
# the earlier output is either untouched or wholly replaced.
set -u
BDLC=$1
EX=examples/nanchuan-renda-2026/corrected.bdl
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
T=$(mktemp -d)
trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT

if [ "$(id -u)" = 0 ] && mkdir -p "$T/full" && mount -t tmpfs -o size=32k tmpfs "$T/full" 2>/dev/null; then
    for fmt in html json; do
        echo old > "$T/full/out"
        "$BDLC" compile -f $fmt -o "$T/full/out" "$EX" 2>/dev/null
        rc=$?
        [ $rc -eq 2 ] && [ "$(cat "$T/full/out")" = old ] && [ "$(ls -A "$T/full")" = out ] \
            && ok "disk full ($fmt): exit 2, earlier output untouched, no temporary left" \
            || bad "disk full ($fmt): exit $rc, $(ls -A "$T/full" | tr '\n' ' ')"
    done
    rm -f "$T/full/out"
    mkdir "$T/full/csv" && echo old > "$T/full/csv/fiscal-summary.csv"
    "$BDLC" compile -f csv -o "$T/full/csv" "$EX" 2>/dev/null
    rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$T/full/csv/fiscal-summary.csv")" = old ] && [ "$(ls -A "$T/full")" = csv ] \
        && ok "disk full (csv): exit 2, earlier folder untouched, no temporary left" \
        || bad "disk full (csv): exit $rc"
    umount "$T/full"
else
    echo "skip - disk full: needs root to mount a small tmpfs"
fi

# Killed mid-write: a budget big enough that compiling takes a while, killed
# at growing delays; the output must always be the old one or the new one.
"$BDLC" compile -f json -o "$T/new.json" "$EX" || { bad "reference compile"; exit 1; }
big="$T/big"
mkdir -p "$big"
cp -r examples/nanchuan-renda-2026/. "$big/"
i=0
while [ $i -lt 3000 ]; do   # many projects: a multi-megabyte page
    printf 'project 9%08d "项目%d" {\n    amount 0.00\n    goal "目标"\n    indicator 产出指标/数量指标/次数 >= 1 次 weight 90 core\n    execution-weight 10\n}\n' $i $i
    i=$((i + 1))
done > "$big/extra.bdl"
sed -i 's/^include "tables.bdl"/include "tables.bdl"\ninclude "extra.bdl"/' "$big/corrected.bdl"
"$BDLC" compile -f html -o "$T/full.html" "$big/corrected.bdl" || { bad "big compile"; exit 1; }
for delay in 0.005 0.01 0.02 0.03 0.04 0.05 0.06 0.08; do
    echo old > "$T/out.html"
    "$BDLC" compile -f html -o "$T/out.html" "$big/corrected.bdl" 2>/dev/null &
    pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if [ "$(cat "$T/out.html")" = old ] || cmp -s "$T/out.html" "$T/full.html"; then
        ok "killed after ${delay}s: output is the old or the complete new one"
    else
        bad "killed after ${delay}s: partial output"
    fi
done
echo "diskfull: $pass passed, $fail failed"
[ $fail -eq 0 ]
