#!/bin/sh
# tests/deps.sh SET-OR-PACKAGE... — make sure these Debian packages are
# installed: with apt-get when we are root, through sudo otherwise, or say
# clearly what to install.  The one place that installs anything: used by
# the README's two commands (examples/build.sh: `build`; tests/all.sh:
# `test`) and so by CI; `make test` itself never installs (a missing tool
# fails its group, naming the package: tests/need.sh).
#
#   build   what `make` needs (with the -f xlsx, -f pdf and -f sqlite plugins, the font)
#   test    what every group of the suite needs (tests/all.sh): the build,
#           cmocka, clang and its sanitizer runtimes (ThreadSanitizer, `make
#           fuzz`), valgrind, python3 (the reference and schema checks),
#           Chromium and a CJK font (the page in a browser), pre-commit, vim
#           (the Vim syntax), groff and man-db (the man page), GNU time (the
#           hostile inputs' memory), gettext (the translations), openpyxl,
#           LibreOffice and poppler (reading the XLSX and PDF back), sqlite3
#           (querying the facts database)
# Any other word is a package name.
set -u
BUILD="make gcc libc6-dev flex bison gettext pkg-config libxlsxwriter-dev libcairo2-dev libpango1.0-dev libsqlite3-dev libpoppler-glib-dev
       fonts-noto-cjk"
TEST="$BUILD libcmocka-dev clang libclang-rt-14-dev valgrind git python3
      python3-jsonschema chromium fonts-noto-cjk fontconfig pre-commit vim groff man-db time
      gettext python3-openpyxl libreoffice-calc-nogui poppler-utils sqlite3"
want=""
for a in "$@"; do
    case $a in
        build) want="$want $BUILD" ;;
        test) want="$want $TEST" ;;
        *) want="$want $a" ;;
    esac
done
# shellcheck disable=SC2086
set -- $want

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian system: make sure these (Debian names) are installed:" $want
    exit 0
fi
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "error: these Debian packages are needed:$missing" >&2
    echo "       ask an administrator to run: apt-get install -y$missing" >&2
    exit 1
fi
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
    # a fresh machine has no package lists yet, or stale ones
    $SUDO apt-get update -q >/dev/null 2>&1
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
} || {
    echo "error: could not install:$missing (apt-get install$missing)" >&2
    exit 1
}
