#!/bin/sh
# tests/all.sh — the whole test suite, from a fresh Debian machine:
# installs what it needs, builds, runs `make test`, the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, bdlc under valgrind, and the
# parallel parse and check under ThreadSanitizer.
set -u
cd "$(dirname "$0")/.." || exit 2
sh tests/deps.sh test || exit 1
status=0
echo "### make test"
make -j2 >/dev/null && make test || status=1
echo "### make test SANITIZE=1 (ASan + UBSan)"
make -j2 SANITIZE=1 >/dev/null && make test SANITIZE=1 || status=1
echo "### valgrind"
sh tests/valgrind.sh build/bdlc || status=1
echo "### ThreadSanitizer (parsing and checking on two threads)"
make -j2 B=build/tsan CC=clang CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS=-fsanitize=thread build/tsan/bdlc >/dev/null &&
    TSAN_OPTIONS="halt_on_error=1:exitcode=66" sh tests/parallel/run.sh build/tsan/bdlc || status=1
echo "### clang -Wall -Wextra -Wpedantic"
make -j2 CC=clang B=build/clang build/clang/bdlc 2>&1 | grep -E "(warning|error):" && status=1
[ $status -eq 0 ] && echo "all: 5 passed, 0 failed" || echo "all: suite FAILED"
exit $status
