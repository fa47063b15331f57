#!/bin/sh
# tests/compile/reference.sh BDLC
#
# The goldens must not drift from the published numbers: compiles the
# example and compares every table, amount and text with the reference
# document itself (examples/nanchuan-renda-2026/published.txt, or
# $BDL_REFERENCE), and runs the same comparison on the committed golden JSON;
# then the same for CSV: every cell of every CSV file, compiled and golden
# (csv_reference.py, which reuses reference.py's reading of the document).
. tests/compile/lib.sh
setup "$1" reference
if [ ! -f "$REFERENCE" ]; then
    echo "FAIL: the reference document $REFERENCE is missing (set BDL_REFERENCE to its path)"
    exit 1
fi
PY=$(python_with json python3) || exit 1
"$BDLC" compile -f json -o "$OUT/budget.json" "$EXAMPLE" || bad "compile -f json"
check "compiled JSON matches the reference" "$PY" tests/compile/reference.py "$REFERENCE" "$OUT/budget.json"
check "golden JSON matches the reference" "$PY" tests/compile/reference.py "$REFERENCE" "$GOLDEN/budget.json"
"$BDLC" compile -f csv -o "$OUT/csv" "$EXAMPLE" || bad "compile -f csv"
check "compiled CSV matches the reference" "$PY" tests/compile/csv_reference.py "$REFERENCE" "$OUT/csv"
check "golden CSV matches the reference" "$PY" tests/compile/csv_reference.py "$REFERENCE" "$GOLDEN/csv"
summary "reference"
