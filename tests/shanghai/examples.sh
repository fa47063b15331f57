#!/bin/sh
# tests/shanghai/examples.sh BDLC [--check-only] — the four real Shanghai documents in
# examples/shanghai-*: each root checks with exactly the diagnostics its README lists (the
# codes, in order), and each root that checks compiles to JSON whose tables compare.py
# matches, table by table, with the publication's text (published.txt; FAULTS.md's list of
# misprinted cells and texts counted apart where the output has the correct one). Prints
# compare.py's matched/total figures. The comparison needs the shanghai layout (branch
# layout); --check-only runs the first half alone (tests/run.sh, until the layout is in).
set -u
BDLC=${1:?usage: $0 path/to/bdlc [--check-only]}
only_check=no
[ "${2:-}" = --check-only ] && only_check=yes
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
fail=0
for dir in examples/shanghai-*/; do
    name=$(basename "$dir")
    for root in "$dir"budget.bdl "$dir"corrected.bdl; do
        [ -f "$root" ] || continue
        # the expected codes: the README's "Expected diagnostics" lines `root: CODE CODE …`
        want=$(sed -n "s/^- \`$(basename "$root")\`: //p" "$dir/README.md" | head -1 |
            grep -o '[EW][0-9][0-9][0-9]' | tr '\n' ' ' | sed 's/ $//')
        got=$("$BDLC" check "$root" 2>&1 | sed -n 's/.*\(error\|warning\)\[\([EW][0-9]*\)\].*/\2/p' | tr '\n' ' ' | sed 's/ $//')
        if [ "$got" = "$want" ]; then echo "ok   $root: ${got:-clean}"; else
            echo "FAIL $root: expected '${want:-clean}', got '${got:-clean}'"; fail=1; fi
        [ "$only_check" = no ] || continue
        "$BDLC" compile -f json -o "$T/$name.json" "$root" >/dev/null 2>&1 || continue
        echo "--- $root against ${dir}published.txt"
        faults=
        [ -f "${dir}FAULTS.md" ] && faults=${dir}FAULTS.md
        python3 tests/shanghai/compare.py "${dir}published.txt" "$T/$name.json" $faults || fail=1
    done
done
exit $fail
