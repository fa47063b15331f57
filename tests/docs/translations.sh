#!/bin/sh
# tests/docs/translations.sh — the Chinese pages are not older than their
# English source.
#
# Each page of docs/zh/ (outside explain/) is a translation, and its first
# line names its source and the source's SHA-256 as it was translated:
#     <!-- translation of docs/en/reference.md, sha256 <64 hex digits> -->
# When the English changes, its hash no longer matches and this fails, naming
# the page, until the translation is brought up to date and the marker
# refreshed (the command is printed).  Also failing: a zh page without the
# marker or naming a missing source, and an English page (docs/en/*.md, and
# the index docs/README.md) without its Chinese page.
#
# The explanations of the codes (docs/en/explain, docs/zh/explain) are not
# checked here: they are written as pairs, and tests/lists (and the build,
# docs/embed-explain.sh) fail when a code lacks one of its two files.
set -u
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2

# every English page has its Chinese page
for en in docs/README.md docs/en/*.md; do
    case $en in docs/README.md) zh=docs/zh/README.md ;; *) zh=docs/zh/${en#docs/en/} ;; esac
    [ -f "$zh" ] && ok || bad "$en has no Chinese page $zh"
done

# every Chinese page names its source and the source's hash
n=0
for zh in docs/zh/*.md; do
    [ -f "$zh" ] || continue
    n=$((n + 1))
    first=$(sed -n 1p "$zh")
    src=$(printf '%s\n' "$first" | sed -n 's/^<!-- translation of \([^ ,]*\), sha256 [0-9a-f]* -->$/\1/p')
    had=$(printf '%s\n' "$first" | sed -n 's/^<!-- translation of [^ ,]*, sha256 \([0-9a-f]*\) -->$/\1/p')
    if [ -z "$src" ]; then
        bad "$zh: its first line is not <!-- translation of docs/en/PAGE.md, sha256 HEX -->"
        continue
    fi
    if [ ! -f "$src" ]; then bad "$zh: its source $src does not exist"; continue; fi
    now=$(sha256sum "$src" | cut -d' ' -f1)
    if [ "$had" = "$now" ]; then ok; else
        bad "$zh is older than $src (the English changed since it was translated)"
        echo "    update the translation (git log -p $src shows what changed), then refresh its marker:"
        echo "    sed -i \"1s/sha256 [0-9a-f]*/sha256 \$(sha256sum $src | cut -d' ' -f1)/\" $zh"
    fi
done
[ "$n" -ge 3 ] && ok || bad "only $n Chinese pages found in docs/zh"
summary translations
