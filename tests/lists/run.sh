#!/bin/sh
# tests/lists/run.sh BDLC — the lists that must agree with their one source:
# diagnostic codes (docs/en/explain/CODE.md) and keywords (grammar/lexer.l).
# What is checked, and how, is at the top of tests/lists/lists.py; the
# failures and the count are printed.
set -u
cd "$(dirname "$0")/../.." || exit 2
BDLC=$1
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
out=$(python3 tests/lists/lists.py "$BDLC"); rc=$?
printf '%s\n' "$out" | grep -v '^ok - '
exit $rc
