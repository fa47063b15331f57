#!/bin/sh
# examples/build.sh — build bdlc, then check and compile every example.
#
#   sh examples/build.sh
#
# Installs what the build needs when it is missing (gcc, make, flex, bison:
# apt-get as root, else sudo, else it says what to install), runs `make`,
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

missing=
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v flex >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
# -f xlsx and -f pdf: plugins built by make when these are there
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
pkg-config --exists xlsxwriter 2>/dev/null || missing="$missing libxlsxwriter-dev"
pkg-config --exists pangocairo 2>/dev/null || missing="$missing libcairo2-dev libpango1.0-dev"
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
    echo "installing:$missing"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    else
        echo "examples/build.sh: bdlc needs$missing; install them (apt-get install$missing) and run it again" >&2
        exit 2
    fi
fi

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
