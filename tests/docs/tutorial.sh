#!/bin/sh
# tests/docs/tutorial.sh BDLC [TUTORIAL] — a tutorial (docs/en/tutorial.md by
# default), run as written.  The Chinese one is run as
#     BDL_LANG=zh sh tests/docs/tutorial.sh BDLC docs/zh/tutorial.md
# so the outputs it shows are bdlc's real Chinese messages.
#
# The tutorial marks what is to be run (GitHub renders the markers as plain
# prose, or not at all); each marker is a line of its own, in English or in
# Chinese (full-width colon):
#   File `PATH`:                     the next ```bdl block is the file PATH
#   文件 `PATH`：
#   Change line N of `PATH` to:      the next ```bdl block replaces line N
#   将 `PATH` 第 N 行改为：
#   Add at the end of `PATH`:        the next ```bdl block is appended
#   在 `PATH` 末尾添加：
#   <!-- exit N -->                  before a ```console block: the status of
#                                    each of its commands (0 when absent)
#   ```console                       `$ CMD` lines are run in order (sh, in an
#                                    empty folder, with BDLC first on PATH as
#                                    `bdlc`); the lines up to the next `$ ` are
#                                    the exact output (stdout and stderr;
#                                    CRs are dropped, as a terminal shows
#                                    CSV's CRLF line ends like LF)
# ```sh blocks (installing bdlc) are not run.  Every ```bdl block must be a
# file, a change or an addition, so no example escapes the test.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
DOC=${2:-$(cd "$(dirname "$0")/../.." && pwd)/docs/en/tutorial.md}
[ -f "$DOC" ] || { echo "FAIL: no tutorial $DOC"; exit 1; }
# the messages are in the language of the tutorial, not of whoever runs it
export BDL_LANG=${BDL_LANG:-en}
scratch
mkdir -p "$T/bin" "$T/steps" "$T/work"
ln -s "$BDLC" "$T/bin/bdlc"

# Split the tutorial into numbered steps: NNN.file|change|append (the body)
# with NNN.arg (the path, and the line for a change), or NNN.cmd, NNN.out
# and NNN.status.
awk -v D="$T/steps" '
function step(kind) { n++; f = sprintf("%s/%03d.%s", D, n, kind); return f }
inblock && /^```/ { inblock = 0; if (out != "") close(out); out = ""; status = 0; next }
inblock && kind == "console" {
    if (substr($0, 1, 2) == "$ ") {
        if (out != "") close(out)
        c = step("cmd"); print substr($0, 3) > c; close(c)
        s = sprintf("%s/%03d.status", D, n); print status > s; close(s)
        out = sprintf("%s/%03d.out", D, n); printf "" > out
    } else if (out != "") print > out
    else { print "output before any command in a console block: " $0 > "/dev/stderr"; bad = 1 }
    next
}
inblock { if (out != "") print > out; next }
/^File `[^`]+`:$/ { pending = "file"; arg = $0; sub(/^File `/, "", arg); sub(/`:$/, "", arg); next }
/^Change line [0-9]+ of `[^`]+` to:$/ {
    pending = "change"; split($0, w, " "); arg = $0; sub(/^Change line [0-9]+ of `/, "", arg); sub(/` to:$/, "", arg)
    arg = arg "\n" w[3]; next }
/^Add at the end of `[^`]+`:$/ { pending = "append"; arg = $0; sub(/^Add at the end of `/, "", arg); sub(/`:$/, "", arg); next }
/^文件 `[^`]+`：$/ { pending = "file"; arg = $0; sub(/^文件 `/, "", arg); sub(/`：$/, "", arg); next }
/^将 `[^`]+` 第 [0-9]+ 行改为：$/ {
    pending = "change"; split($0, w, " "); arg = $0; sub(/^将 `/, "", arg); sub(/` 第 [0-9]+ 行改为：$/, "", arg)
    arg = arg "\n" w[4]; next }
/^在 `[^`]+` 末尾添加：$/ { pending = "append"; arg = $0; sub(/^在 `/, "", arg); sub(/` 末尾添加：$/, "", arg); next }
/^<!-- exit [0-9]+ -->$/ { status = $3; next }
/^```console$/ { inblock = 1; kind = "console"; out = ""; next }
/^```bdl$/ {
    inblock = 1; kind = "bdl"
    if (pending == "") { print "a ```bdl block without File/Change/Add before it, line " NR > "/dev/stderr"; bad = 1; out = ""; next }
    out = step(pending); a = sprintf("%s/%03d.arg", D, n); print arg > a; close(a); pending = ""; next
}
/^```/ { inblock = 1; kind = "other"; out = ""; next }
END { if (bad) exit 1 }
' "$DOC" || bad "the tutorial's markers"

nsteps=0
for s in $(cd "$T/steps" && ls | sed -n 's/^\([0-9]*\)\.\(file\|change\|append\|cmd\)$/\1.\2/p' | sort); do
    nsteps=$((nsteps + 1))
    num=${s%.*} kind=${s#*.}
    case $kind in
    file)
        path=$(cat "$T/steps/$num.arg")
        mkdir -p "$(dirname "$T/work/$path")"
        cp "$T/steps/$s" "$T/work/$path" ;;
    append)
        path=$(cat "$T/steps/$num.arg")
        cat "$T/steps/$s" >> "$T/work/$path" ;;
    change)
        path=$(sed -n 1p "$T/steps/$num.arg") line=$(sed -n 2p "$T/steps/$num.arg")
        awk -v L="$line" -v F="$T/steps/$s" 'NR == L { while ((getline l < F) > 0) print l; next } { print }' \
            "$T/work/$path" > "$T/new" && mv "$T/new" "$T/work/$path" ;;
    cmd)
        cmd=$(cat "$T/steps/$s")
        want=$(cat "$T/steps/$num.status")
        (cd "$T/work" && PATH="$T/bin:$PATH" NO_COLOR=1 sh -c "$cmd") > "$T/raw" 2>&1
        rc=$?
        tr -d '\r' < "$T/raw" > "$T/got"
        if [ "$rc" -eq "$want" ]; then ok; else bad "\$ $cmd: exit status $rc, the tutorial says $want"; fi
        if cmp -s "$T/steps/$num.out" "$T/got"; then ok; else
            bad "\$ $cmd: the output differs from the tutorial's"
            diff "$T/steps/$num.out" "$T/got" | head -20
        fi ;;
    esac
done
# the tutorial must still hold its steps (a marker typo would silently skip them)
[ "$nsteps" -ge 15 ] && ok || bad "only $nsteps steps found in the tutorial"
summary "tutorial ($(basename "$(dirname "$DOC")")/$(basename "$DOC"))"
