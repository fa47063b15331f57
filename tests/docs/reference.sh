#!/bin/sh
# tests/docs/reference.sh BDLC — docs/en/reference.md and its translation
# docs/zh/reference.md against bdlc, each page on its own:
#   - every ```bdl block parses (`bdlc fmt -` accepts it; a block of bare
#     indicator or goal lines is read inside a `performance` block), and a
#     block with both `import` and `budget` is a whole budget that checks
#     clean with --werror;
#   - every keyword of grammar/lexer.l is named in backticks, and every
#     diagnostic code (docs/en/explain/CODE.md) appears and links to explain/CODE.md.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
scratch

for lang in en zh; do
DOC=$ROOT/docs/$lang/reference.md
rm -f "$T"/*.bdl
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
        bad "block $(basename "$f" .bdl) of $lang/reference.md does not parse"; sed 's/^/    /' "$f" | head -5; cat "$T/err"; fi
    if grep -q '^import ' "$f" && grep -q '^budget ' "$f"; then
        if "$BDLC" check --werror "$f" > "$T/err" 2>&1 && [ ! -s "$T/err" ]; then ok; else
            bad "the whole budget in block $(basename "$f" .bdl) of $lang/reference.md does not check clean"; cat "$T/err"; fi
    fi
done
[ "$n" -ge 19 ] && ok || bad "only $n bdl blocks found in $lang/reference.md"

for kw in $(sed -n 's/^"\([a-z-]*\)"[[:space:]]*{ return KW_.*/\1/p' "$ROOT/grammar/lexer.l"); do
    grep -q "\`$kw\`" "$DOC" && ok || bad "keyword $kw is not named in backticks in $lang/reference.md"
done
# the codes are their explanations (docs/embed-explain.sh); src/diag.c no
# longer holds a table of them, so reading it found none and checked nothing
ncodes=0
for code in $(cd "$ROOT/docs/en/explain" && ls | sed -n 's/^\([EW][0-9][0-9][0-9]\)\.md$/\1/p'); do
    ncodes=$((ncodes + 1))
    grep -q "\[$code\](explain/$code.md)" "$DOC" && ok || bad "code $code has no row linking explain/$code.md in $lang/reference.md"
done
[ "$ncodes" -ge 33 ] && ok || bad "only $ncodes codes found in docs/en/explain"
done
summary reference
