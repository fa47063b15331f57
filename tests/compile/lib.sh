# tests/compile/lib.sh — shared by the compile tests (sourced, POSIX sh).
#
#   BDLC    the compiler under test (first argument of each script)
#   OUT     a scratch folder beside it, e.g. build/compile (made afresh)
#   EXAMPLE the example budget's root
#   GOLDEN  its committed outputs
# and the helpers of tests/lib.sh (ok, bad, check, summary NAME for the
# last line), need/python_with (tests/need.sh) to fail with the Debian
# package to install when a tool is missing (the tests install nothing
# themselves).

EXAMPLE=examples/nanchuan-renda-2026/corrected.bdl
GOLDEN=tests/golden/nanchuan
REFERENCE=${BDL_REFERENCE:-examples/nanchuan-renda-2026/published.txt}
. tests/lib.sh

setup() {
    compiler "$1"
    [ -x "$BDLC" ] || { echo "no compiler at $BDLC (run make)"; exit 2; }
    OUT=$(dirname "$BDLC")/compile/$2
    rm -rf "$OUT"
    mkdir -p "$OUT"
}

# need COMMAND PACKAGE, python_with MODULE PACKAGE: see tests/need.sh
. tests/need.sh
