#!/bin/sh
# tests/golden/run.sh BDLC — the reference budget's diagnostics, exactly.
# The expected files were checked by hand against the published document:
# project 50011926T000005321589 lists its three indicators twice (E121 x3,
# weights 10 + 6 x 30 = 190: E120) and 30113 住房公积金 89.62 differs from
# 2210201 住房公积金 89.61 (W126).  The corrected copy must be silent.
set -u
BDLC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
G=$(cd "$(dirname "$0")" && pwd)/check
cd "$(dirname "$0")/../../examples/nanchuan-renda-2026" || exit 2
pass=0 fail=0
t() { # name expected-file actual-command...
    name=$1 exp=$2; shift 2
    out=$(mktemp)
    "$@" > "$out" 2>&1
    if cmp -s "$exp" "$out"; then pass=$((pass + 1)); else
        echo "golden mismatch: $name"; diff "$exp" "$out" | head -20; fail=$((fail + 1)); fi
    rm -f "$out"
}
status() { # name expected-status command...
    name=$1 want=$2; shift 2
    "$@" > /dev/null 2>&1; got=$?
    if [ "$got" -eq "$want" ]; then pass=$((pass + 1)); else
        echo "exit status of $name: $got, expected $want"; fail=$((fail + 1)); fi
}
NO_COLOR=1 t "text" "$G/nanchuan-budget.txt" "$BDLC" check budget.bdl
t "json" "$G/nanchuan-budget.json" "$BDLC" check --diagnostics-format json budget.bdl
t "sarif" "$G/nanchuan-budget.sarif" "$BDLC" check --diagnostics-format sarif budget.bdl
status "budget.bdl" 1 "$BDLC" check budget.bdl
status "corrected.bdl" 0 "$BDLC" check --werror corrected.bdl
empty=$(mktemp); : > "$empty"
t "corrected is silent" "$empty" "$BDLC" check corrected.bdl
rm -f "$empty"
status "a fragment checks through its roots" 1 "$BDLC" check projects/07-staff-published.bdl
# a fragment names the budget checked in its place when that budget has problems, or with --verbose
NO_COLOR=1 t "fragment with problems: named" "$G/../fragment/problems.txt" sh -c '"$1" check "$2" 2>&1 | head -n 1' sh "$BDLC" projects/07-staff-published.bdl
empty=$(mktemp); : > "$empty"
t "clean fragment: silent" "$empty" sh -c 'cd "$1" && "$2" check parts/income.bdl' sh "$G/../fragment" "$BDLC"
rm -f "$empty"
t "clean fragment, --verbose: named" "$G/../fragment/verbose.txt" sh -c 'cd "$1" && "$2" check --verbose parts/income.bdl' sh "$G/../fragment" "$BDLC"
# a line wider than 140 columns: a window around each caret, carets under their CJK tokens
NO_COLOR=1 t "long line" "$G/long-line.txt" sh -c 'cd "$1" && "$2" check long-line.bdl' sh "$G" "$BDLC"
# messages a new user met (issue 9): each messages/NAME.bdl gives exactly messages/NAME.txt
for m in "$G"/../messages/*.bdl; do
    NO_COLOR=1 t "message $(basename "$m")" "${m%.bdl}.txt" sh -c 'cd "$1" && "$2" check "$3"' sh "$(dirname "$m")" "$BDLC" "$(basename "$m")"
done
status "usage error" 2 "$BDLC" check --no-such-option budget.bdl
status "missing file" 2 "$BDLC" check no-such-file.bdl
status "directory" 2 "$BDLC" check projects
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
