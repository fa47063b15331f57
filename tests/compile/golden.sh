#!/bin/sh
# tests/compile/golden.sh BDLC [--update]
#
# Compiles the example budget to JSON, HTML and CSV and compares each with
# the committed goldens in tests/golden/nanchuan/ (budget.json, index.html,
# csv/*.csv), byte for byte.  --update rewrites the goldens: only after
# checking the new output against the reference (tests/compile/reference.sh
# does that for every number and text).
. tests/compile/lib.sh
setup "$1" golden

"$BDLC" compile -f json -o "$OUT/budget.json" "$EXAMPLE" || bad "compile -f json"
"$BDLC" compile -f html -o "$OUT/index.html" "$EXAMPLE" || bad "compile -f html"
"$BDLC" compile -f csv -o "$OUT/csv" "$EXAMPLE" || bad "compile -f csv"

if [ "${2:-}" = --update ]; then
    rm -rf "$GOLDEN"
    mkdir -p "$GOLDEN"
    cp -R "$OUT/budget.json" "$OUT/index.html" "$OUT/csv" "$GOLDEN/"
    echo "goldens rewritten in $GOLDEN: review them (git diff) before committing"
    exit 0
fi

for f in budget.json index.html; do
    if cmp -s "$GOLDEN/$f" "$OUT/$f"; then ok; else
        bad "$f differs from $GOLDEN/$f"
        diff -u "$GOLDEN/$f" "$OUT/$f" | head -40
    fi
done
# the same set of CSV files, each identical
if [ "$(ls "$GOLDEN/csv")" = "$(ls "$OUT/csv")" ]; then ok; else
    bad "the CSV files differ: $(ls "$GOLDEN/csv" | tr '\n' ' ') vs $(ls "$OUT/csv" | tr '\n' ' ')"
fi
for f in "$GOLDEN"/csv/*.csv; do
    n=$(basename "$f")
    if cmp -s "$f" "$OUT/csv/$n"; then ok; else
        bad "csv/$n differs from the golden"
        diff -u "$f" "$OUT/csv/$n" | head -20
    fi
done
summary "goldens"
