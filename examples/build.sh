#!/bin/sh
# examples/build.sh — build bdlc, then check and compile every example.
#
#   sh examples/build.sh
#
# Installs what the build needs when it is missing (tests/deps.sh build: gcc,
# make, flex, bison; apt-get as root, else sudo, else it says what to
# install), runs `make`,
# then for every example folder compiles each root that checks clean (for
# the reference budget: corrected.bdl; budget.bdl keeps the document's
# errors on purpose) into
#
#   out/<example>/index.html   the published tables, one page (open it in a browser)
#   out/<example>/csv/         one CSV file per table
#   out/<example>/budget.json  the tables as data
#   out/<example>/budget.xlsx  the workbook, one sheet per table
#   out/<example>/budget.pdf   the published document
#
# (out/<example>-<root>/ when a folder has several clean roots).
set -eu
cd "$(dirname "$0")/.."

sh tests/deps.sh build || exit 2

make -s
BDLC=build/bdlc

is_root() { grep -q '^[[:space:]]*budget[[:space:]]' "$1"; }

built=
for dir in examples/*/; do
    example=$(basename "$dir")
    roots=
    for f in "$dir"*.bdl; do
        [ -f "$f" ] && is_root "$f" || continue
        if "$BDLC" check "$f" >/dev/null 2>&1; then
            roots="$roots $f"
        else
            echo "skipped $f: it does not check clean (bdlc check $f)"
        fi
    done
    n=$(echo $roots | wc -w)
    for f in $roots; do
        out=out/$example
        [ "$n" -gt 1 ] && out=out/$example-$(basename "$f" .bdl)
        mkdir -p "$out"
        "$BDLC" compile -f html -o "$out/index.html" "$f"
        "$BDLC" compile -f json -o "$out/budget.json" "$f"
        "$BDLC" compile -f csv -o "$out/csv" "$f"
        "$BDLC" compile -f xlsx -o "$out/budget.xlsx" "$f"
        "$BDLC" compile -f pdf -o "$out/budget.pdf" "$f"
        built="$built $out"
        echo "compiled $f"
    done
done

if [ -z "$built" ]; then
    echo "no example compiled" >&2
    exit 1
fi
echo
echo "open in a browser:"
for out in $built; do
    echo "  file://$(pwd)/$out/index.html"
done
echo "CSV tables: out/<example>/csv/, data: out/<example>/budget.json, workbook: out/<example>/budget.xlsx, PDF: out/<example>/budget.pdf"
