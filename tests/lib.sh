# tests/lib.sh — sourced by the test scripts (POSIX sh), after `set -u`:
#
#   ROOT                 the top of the tree (every script is tests/*/NAME.sh)
#   compiler "$@"        BDLC := the script's first argument, made absolute
#                        (the scripts cd about); a usage error without it
#   scratch              T := a new empty folder, removed when the script ends
#   ok, bad WHY          count a check passed / failed; bad prints "FAIL: WHY"
#   check WHAT CMD...    the command must succeed
#   check_sh 'TEST' WHAT the same for a test written as shell text (eval'd,
#                        so it may use && || and $? of the line before)
#   summary NAME         the last line, "NAME: N passed, M failed"; its status
#                        is 0 when none failed, the script's exit status
#
# A failed check prints its line and the script goes on: one run shows every
# failure.

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
pass=0
fail=0

compiler() {
    BDLC=${1:?usage: sh $0 path/to/bdlc}
    case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
}

scratch() {
    T=$(mktemp -d)
    trap 'rm -rf "$T"' EXIT INT TERM
}

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
check_sh() { if eval "$1"; then ok; else bad "$2"; fi; }

summary() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
