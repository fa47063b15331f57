# tests/compile/lib.sh — shared by the compile tests (sourced, POSIX sh).
#
#   BDLC    the compiler under test (first argument of each script)
#   OUT     a scratch folder beside it, e.g. build/compile (made afresh)
#   EXAMPLE the example budget's root
#   GOLDEN  its committed outputs
# and small helpers: ok/bad to count checks, install_pkgs for what Debian
# must provide (apt-get as root, else sudo, else a message saying what to
# install), python_with MODULE to find a python3 that has MODULE.

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

# install_pkgs PKG...: Debian packages, installed when missing.
install_pkgs() {
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        echo "this test needs the Debian packages: $*"
        echo "install them (as root: apt-get install $*) and run the tests again"
        return 1
    fi
}

# python_with MODULE DEBIAN-PACKAGE: print a python3 that can import MODULE.
python_with() {
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c "import $1" 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    install_pkgs python3 "$2" >&2 || return 1
    /usr/bin/python3 -c "import $1" 2>/dev/null && echo /usr/bin/python3
}
