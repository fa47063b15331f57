#!/bin/sh
# tests/valgrind.sh BDLC — every case file and example checked under
# valgrind (two at a time): no invalid access, no uninitialised value, no leak.
set -u
BDLC=$1
list=$(mktemp)
{ ls examples/*/*.bdl; find tests/cases -name '*.bdl' | sort; } > "$list"
n=$(wc -l < "$list")
bad=$(xargs -P 2 -I{} sh -c 'for cmd in "check --max-errors 0" fmt; do
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            "$0" $cmd "{}" >/dev/null 2>&1
        [ $? -eq 99 ] && echo "{}"; done' "$BDLC" < "$list")
rm -f "$list"
fail=0
for f in $bad; do
    echo "valgrind found a problem in: $BDLC check $f"
    fail=$((fail + 1))
done
echo "valgrind: $((n - fail)) passed, $fail failed"
[ $fail -eq 0 ]
