# tests/compile/lib.sh — shared by the compile tests (sourced, POSIX sh).
#
#   BDLC    the compiler under test (first argument of each script)
#   OUT     a scratch folder beside it, e.g. build/compile (made afresh)
#   EXAMPLE the example budget's root
#   GOLDEN  its committed outputs
# and small helpers: ok/bad to count checks, need/python_with (tests/need.sh)
# to fail with the Debian package to install when a tool is missing (the tests
# install nothing themselves).

EXAMPLE=examples/nanchuan-renda-2026/corrected.bdl
GOLDEN=tests/golden/nanchuan
REFERENCE=${BDL_REFERENCE:-examples/nanchuan-renda-2026/published.txt}
checks=0
failed=0

setup() {
    BDLC=${1:?usage: $0 path/to/bdlc}
    case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
    [ -x "$BDLC" ] || { echo "no compiler at $BDLC (run make)"; exit 2; }
    OUT=$(dirname "$BDLC")/compile/$2
    rm -rf "$OUT"
    mkdir -p "$OUT"
}

ok() { checks=$((checks + 1)); }
bad() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL: $*"; }
# check DESCRIPTION COMMAND...: the command must succeed
check() { d=$1; shift; if "$@"; then ok; else bad "$d"; fi; }

finish() {
    echo "$1: $((checks - failed)) passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# need COMMAND PACKAGE, python_with MODULE PACKAGE: see tests/need.sh
. tests/need.sh
