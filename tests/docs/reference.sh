#!/bin/sh
# tests/docs/reference.sh BDLC — docs/en/reference.md against bdlc:
#   - every ```bdl block parses (`bdlc fmt -` accepts it; a block of bare
#     indicator or goal lines is read inside a `performance` block), and a
#     block with both `import` and `budget` is a whole budget that checks
#     clean with --werror;
#   - every keyword of grammar/lexer.l is named in backticks, and every
#     diagnostic code of src/diag.c appears and links to explain/CODE.md.
set -u
BDLC=${1:?usage: $0 path/to/bdlc}
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DOC=$ROOT/docs/en/reference.md
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

awk -v D="$T" '
/^ *```bdl$/ { n++; f = sprintf("%s/%03d.bdl", D, n); inb = 1; start[n] = NR; printf "" > f; next }
inb && /^ *```$/ { inb = 0; close(f); next }
inb { sub(/^  /, ""); print > f }
' "$DOC"
n=0
for f in "$T"/*.bdl; do
    n=$((n + 1))
    first=$(grep -v '^[[:space:]]*\(#.*\)\?$' "$f" | head -n 1 | sed 's/^[[:space:]]*//')
    case $first in
    "indicator "*|"goal "*) { echo "performance {"; cat "$f"; echo "}"; } > "$T/in" ;;
    *) cp "$f" "$T/in" ;;
    esac
    if "$BDLC" fmt - < "$T/in" > /dev/null 2> "$T/err"; then ok; else
        bad "block $(basename "$f" .bdl) of reference.md does not parse"; sed 's/^/    /' "$f" | head -5; cat "$T/err"; fi
    if grep -q '^import ' "$f" && grep -q '^budget ' "$f"; then
        if "$BDLC" check --werror "$f" > "$T/err" 2>&1 && [ ! -s "$T/err" ]; then ok; else
            bad "the whole budget in block $(basename "$f" .bdl) does not check clean"; cat "$T/err"; fi
    fi
done
[ "$n" -ge 19 ] && ok || bad "only $n bdl blocks found"

for kw in $(sed -n 's/^"\([a-z-]*\)"[[:space:]]*{ return KW_.*/\1/p' "$ROOT/grammar/lexer.l"); do
    grep -q "\`$kw\`" "$DOC" && ok || bad "keyword $kw is not named in backticks"
done
for code in $(sed -n 's/^    { "\([EW][0-9][0-9][0-9]\)", ".*/\1/p' "$ROOT/src/diag.c"); do
    grep -q "\[$code\](explain/$code.md)" "$DOC" && ok || bad "code $code has no row linking explain/$code.md"
done
echo "reference: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
