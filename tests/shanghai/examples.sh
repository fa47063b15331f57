#!/bin/sh
# tests/shanghai/examples.sh BDLC [--check-only] — the four real Shanghai documents in
# examples/shanghai-*: each root checks with exactly the diagnostics its README lists (the
# codes, in order), and each root that checks compiles to JSON whose tables compare.py
# matches, table by table, with the publication's text (published.txt; FAULTS.md's list of
# misprinted cells and texts counted apart where the output has the correct one). Prints
# compare.py's matched/total figures and style.py's printed-style check.
# --check-only runs the first half alone.
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
        # the printed style (style.py): the tables whose amounts are not all printed as published
        case $name/$(basename "$root") in
        shanghai-sifaju-2026/budget.bdl) want_style="4" ;; # 政府性基金/国有资本经营 columns blank, its 0.00 elsewhere: a per-column zero style BDL cannot state yet
        shanghai-wanli-2023/budget.bdl) want_style="" ;;
        shanghai-wanli-2024/budget.bdl) want_style="9" ;; # 公务用车购置费 printed 25, not 25.00 (FAULTS.md C)
        *) continue ;;
        esac
        "$BDLC" compile -f html -o "$T/$name.html" "$root" >/dev/null 2>&1
        python3 tests/shanghai/style.py "${dir}published.txt" "$T/$name.html" > "$T/$name.style"
        got_style=$(sed -n 's/^table \([0-9]\): .*published only.*/\1/p' "$T/$name.style" | tr '\n' ' ' | sed 's/ $//')
        if [ "$got_style" = "$want_style" ]; then echo "ok   $root: printed style, tables differing: ${got_style:-none}"; else
            echo "FAIL $root: printed style differs in tables '${got_style}', expected '${want_style}'"; cat "$T/$name.style"; fail=1; fi
    done
done
exit $fail
