#!/bin/sh
# tests/all.sh — the whole test suite, from a fresh Debian machine:
# installs what it needs, builds, runs `make test`, the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, and bdlc under valgrind.
set -u
cd "$(dirname "$0")/.." || exit 2
sh tests/deps.sh make gcc clang flex bison libcmocka-dev valgrind git pre-commit chromium || exit 1
status=0
echo "### make test"
make -j2 >/dev/null && make test || status=1
echo "### make test SANITIZE=1 (ASan + UBSan)"
make -j2 SANITIZE=1 >/dev/null && make test SANITIZE=1 || status=1
echo "### valgrind"
sh tests/valgrind.sh build/bdlc || status=1
echo "### clang -Wall -Wextra -Wpedantic"
make -j2 CC=clang B=build/clang build/clang/bdlc 2>&1 | grep -E "(warning|error):" && status=1
[ $status -eq 0 ] && echo "all: 4 passed, 0 failed" || echo "all: suite FAILED"
exit $status
