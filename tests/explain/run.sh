#!/bin/sh
# tests/explain/run.sh BDLC [CODE...] — the explanations of the diagnostic
# codes, docs/en/explain/CODE.md and docs/zh/explain/CODE.md, in both languages:
#  - the layout is right and the example and its fix are read out of them by
#    tests/explain/blocks.py (its docstring has the two conventions for what a
#    single typed file cannot show: ```bdl file=PATH blocks for the other files
#    of a budget, and \x{HH} for a byte that cannot be typed);
#  - `bdlc check --diagnostics-format json` on the example reports exactly the
#    set {CODE} (exit 1 for an error, 0 for a warning; a line `# also: CODE…` in
#    the example's root adds codes it reports too), and on the fix reports
#    nothing at all (exit 0);
#  - `bdlc explain CODE` prints the English file byte for byte, and
#    `--lang zh`, BDL_LANG=zh print the Chinese one; `e120` works as E120;
#  - `bdlc explain` lists every code once; a code that is not one (X999,
#    E12, E999) exits 2 and names the nearest codes.
# With CODEs, only those files are checked (while writing one).
# Prints "explain: N passed, M failed".
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"; shift
cd "$(dirname "$0")/../.." || exit 2
scratch

# the sorted set of codes in a JSON report
codes_of() {
    python3 -c 'import json,sys; print(" ".join(sorted({d["code"] for d in json.load(open(sys.argv[1]))})))' "$1" 2>/dev/null ||
        echo "(not JSON)"
}

if [ $# -gt 0 ]; then CODES=$*; else
    CODES=$(for f in docs/en/explain/*.md docs/zh/explain/*.md; do basename "$f" .md; done | sort -u); fi
n=$(echo $CODES | wc -w)
[ "$n" -gt 0 ] && ok || bad "no explanations in docs/en/explain"

for c in $CODES; do
    for lang in en zh; do
        f=docs/$lang/explain/$c.md
        [ -f "$f" ] || { bad "$f is missing"; continue; }
        D=$T/$lang-$c
        python3 tests/explain/blocks.py "$f" "$D" || { bad "$f: layout"; continue; }
        case $c in E*) want=1 ;; *) want=0 ;; esac
        (cd "$D/example" && "$BDLC" check --diagnostics-format json budget.bdl > ../example.json 2> ../example.err)
        rc=$?
        got=$(codes_of "$D/example.json")
        # `# also: CODE…` in the example's root: codes it reports beside its own
        # (E158: the agency's own errors, reported against the agency's file)
        set_=$(echo "$c $(sed -n 's/^# also: //p' "$D/example/budget.bdl")" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')
        [ "$got" = "$set_" ] && [ $rc -eq $want ] && ok ||
            bad "$f: the example reports {$got} (exit $rc), not exactly {$set_} (exit $want)"
        (cd "$D/fix" && "$BDLC" check --diagnostics-format json budget.bdl > ../fix.json 2> ../fix.err)
        rc=$?
        got=$(codes_of "$D/fix.json")
        [ -z "$got" ] && [ $rc -eq 0 ] && ok || bad "$f: the fix is not clean: {$got} (exit $rc)"
        if [ -n "$got" ] || [ $rc -ne 0 ]; then
            (cd "$D/fix" && "$BDLC" check budget.bdl 2>&1 | head -5)
        fi
    done
    # bdlc explain prints the files as they are
    "$BDLC" explain "$c" > "$T/out" 2>&1 && cmp -s "$T/out" "docs/en/explain/$c.md" && ok ||
        bad "bdlc explain $c differs from docs/en/explain/$c.md"
    "$BDLC" explain --lang zh "$c" > "$T/out" 2>&1 && cmp -s "$T/out" "docs/zh/explain/$c.md" && ok ||
        bad "bdlc explain --lang zh $c differs from docs/zh/explain/$c.md"
    BDL_LANG=zh_CN.UTF-8 "$BDLC" explain "$c" > "$T/out" 2>&1 && cmp -s "$T/out" "docs/zh/explain/$c.md" && ok ||
        bad "BDL_LANG=zh_CN.UTF-8 bdlc explain $c differs from docs/zh/explain/$c.md"
    BDL_LANG=zh "$BDLC" explain --lang en "$(echo "$c" | tr EW ew)" > "$T/out" 2>&1 &&
        cmp -s "$T/out" "docs/en/explain/$c.md" && ok || bad "bdlc explain --lang en (lowercase) $c is not the English file"
done

# the list: every code once, with its title; nothing else
"$BDLC" explain > "$T/list" 2>&1 && ok || bad "bdlc explain (the list) exits $?"
want=$(for f in docs/en/explain/*.md; do basename "$f" .md; done | sort)
got=$(cut -c1-4 "$T/list" | sort)
[ "$got" = "$want" ] && ok || bad "bdlc explain lists $(echo $got), not $(echo $want)"
grep -q '^E120  error    indicator weights do not add up to 100$' "$T/list" && ok ||
    bad "bdlc explain: no line 'E120  error    indicator weights do not add up to 100'"
"$BDLC" explain --lang zh > "$T/list" 2>&1 && grep -q '^W126  警告  ' "$T/list" && ok ||
    bad "bdlc explain --lang zh: no line for W126 with 警告"

# not codes: exit 2, the nearest codes
"$BDLC" explain X999 > "$T/out" 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -q "'X999' is not a diagnostic code" "$T/err" && ok ||
    bad "bdlc explain X999: exit $rc, $(cat "$T/err")"
"$BDLC" explain E12 > /dev/null 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nearest codes: E120 E121 E122$" "$T/err" && ok || bad "bdlc explain E12: exit $rc, $(cat "$T/err")"
"$BDLC" explain e119 > /dev/null 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nearest codes: E120 E117 E121$" "$T/err" && ok || bad "bdlc explain e119: exit $rc, $(cat "$T/err")"
"$BDLC" explain W120 > /dev/null 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nearest codes: E120" "$T/err" && ok || bad "bdlc explain W120: exit $rc, $(cat "$T/err")"
"$BDLC" explain --lang fr E120 > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "bdlc explain --lang fr: exit $rc, not 2"
"$BDLC" explain E120 E121 > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "bdlc explain E120 E121: exit $rc, not 2"

summary explain
