#!/bin/sh
# tests/bench/same.sh OLD NEW [FILE...] — do two bdlc binaries report the
# same?  A speed change must not change a byte of any diagnostic: this runs
# `check` (text and JSON, on one thread and on every core, cutting big files
# into pieces anywhere: BDL_SPLIT=1) on every .bdl of tests/ and examples/,
# the fuzzers' seeds and regression inputs, or the FILEs given, with both,
# and prints each difference.  Exit 1 when there is one.
set -u
OLD=$1 NEW=$2
shift 2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if [ $# = 0 ]; then
    set -- $(find "$ROOT/tests" "$ROOT/examples" -name '*.bdl' | sort) $(find "$ROOT/tests/fuzz/seeds" -type f | sort)
fi
bad=0 n=0
for f in "$@"; do
    for mode in "1 0 text" "2 1 text" "1 0 json"; do
        set -- $mode
        BDL_THREADS=$1 BDL_SPLIT=$([ "$2" = 1 ] && echo 1) "$OLD" check --color never --max-errors 0 --diagnostics-format "$3" "$f" > "$T/old" 2>&1
        echo "exit $?" >> "$T/old"
        BDL_THREADS=$1 BDL_SPLIT=$([ "$2" = 1 ] && echo 1) "$NEW" check --color never --max-errors 0 --diagnostics-format "$3" "$f" > "$T/new" 2>&1
        echo "exit $?" >> "$T/new"
        n=$((n + 1))
        if ! cmp -s "$T/old" "$T/new"; then
            echo "same.sh: $f (threads $1, split $2, $3) differs:"
            diff "$T/old" "$T/new" | head -10
            bad=1
        fi
    done
done
echo "same.sh: $n runs, $([ $bad = 0 ] && echo "no difference" || echo "DIFFERENCES")"
exit $bad
