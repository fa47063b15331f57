#!/bin/sh
# tests/hostile/run.sh BDLC — hostile inputs (issue 4).
#
# Every input must be answered with a coded diagnostic (exit 1) or a clear
# I/O error (exit 2) — never a crash, a signal, a hang or unbounded memory.
# Each command runs under `timeout 20` (scaled, below); its peak RSS is measured with
# /usr/bin/time (GNU time) and must stay under a per-test limit (without
# /usr/bin/time, a `ulimit -v` of twice that limit is set instead, except
# for instrumented builds, whose shadow memory needs a huge address space).
#
# The bounds are those of a normal -O2 build; instrumented builds are slower
# and bigger, so both are scaled by the build type:
#   HOSTILE_TIME=N  multiplies the 20 s timeout        } set by the caller, or
#   HOSTILE_MEM=N   multiplies each memory limit       } detected from BDLC:
#     ASan + UBSan build (`make SANITIZE=1`, symbol __asan_init): time x3,
#       memory x4 + 384 MB (shadow memory, the 256 MB quarantine);
#     coverage build (`make coverage`, gcc --coverage, symbol __gcov_init):
#       time x3 (an atomic counter update on every branch), memory x1;
#     BDLC a wrapper script that runs valgrind: time x30, memory x3 + 256 MB
#       (the RSS measured is valgrind's own);
#     otherwise x1 and x1.
# (Memory limits scale as LIMIT*N + (N-1)*128 MB.)
# Big inputs (100 MB lines, 10^6 errors, a 10,000-file include chain) are
# generated in a temporary folder that is deleted afterwards.
#
# Unreadable files: the suite usually runs as root, for whom chmod 000
# changes nothing, so those checks run bdlc as `nobody` through setpriv
# (util-linux) when we are root — on a copy of the binary in the temporary
# folder when nobody may not run it where it is (a clone under /root); as
# another user they run directly.  A
# dangling symlink, a FIFO and a folder stand for the other ways a path can
# fail to be a readable file.
#
# Prints "ok - NAME" or "FAIL - NAME: why" per check and a last line
# "hostile: N passed, M failed"; exit 1 when any failed.
set -u
BDLC=${1:?usage: tests/hostile/run.sh BDLC}
case $BDLC in /*) ;; *) BDLC=$(pwd)/$BDLC ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/bdlc-hostile.XXXXXX") || exit 2
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 2' INT TERM
pass=0
fail=0
TIME=
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && TIME=/usr/bin/time
# time and memory factors: the caller's, else from the build (see the top)
TF=1 SCALE=1
if grep -q __asan_init "$BDLC" 2>/dev/null; then TF=3 SCALE=4
elif grep -q __gcov_init "$BDLC" 2>/dev/null; then TF=3
elif head -c 4 "$BDLC" 2>/dev/null | grep -q '^#!' && grep -q valgrind "$BDLC"; then TF=30 SCALE=3
fi
TF=${HOSTILE_TIME:-$TF}
SCALE=${HOSTILE_MEM:-$SCALE}
case $TF$SCALE in *[!0-9]*) echo "HOSTILE_TIME and HOSTILE_MEM are whole numbers" >&2; exit 2 ;; esac
SECS=$((20 * TF))
[ "$TF$SCALE" = 11 ] || echo "note: bounds scaled for this build: timeout ${SECS} s, memory x$SCALE"
[ -n "$TIME" ] || echo "note: /usr/bin/time not found: memory bounded by ulimit -v instead of measured"

ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1: $2"; }

# run NAME RCS MAX_MB ARGS... — run "$BDLC ARGS..." in $T with output in
# $T/out; pass when the exit status is one of RCS (e.g. "1" or "0 1"), and
# time and peak memory stay in bounds.  Sets $rc for the checks after it.
run() {
    name=$1 rcs=$2 mb=$(($3 * SCALE + (SCALE - 1) * 128)) # ASan: + its 256 MB quarantine, shadow
    shift 3
    if [ -n "$TIME" ]; then
        (cd "$T" && "$TIME" -f %M -o "$T/rss" timeout -k 5 "$SECS" "$BDLC" "$@") >"$T/out" 2>&1
        rc=$?
        kb=$(tail -n 1 "$T/rss" 2>/dev/null)
    else
        (cd "$T" && { [ "$SCALE" = 1 ] && ulimit -v $((mb * 2048)); exec timeout -k 5 "$SECS" "$BDLC" "$@"; }) \
            >"$T/out" 2>&1
        rc=$?
        kb=0
    fi
    case $kb in '' | *[!0-9]*) kb=0 ;; esac
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then bad "$name" "timed out ($SECS s)"; return; fi
    if [ "$rc" -ge 128 ]; then bad "$name" "killed by signal $((rc - 128))"; return; fi
    case " $rcs " in
    *" $rc "*) ;;
    *) bad "$name" "exit status $rc, wanted $rcs; output: $(head -c 600 "$T/out")"; return ;;
    esac
    if [ "$kb" -gt $((mb * 1024)) ]; then bad "$name" "peak RSS $((kb / 1024)) MB > $mb MB"; return; fi
    ok "$name (exit $rc, $((kb / 1024)) MB)"
}

# has NAME PATTERN [COUNT] — the last run's output holds PATTERN (an
# extended regex) on exactly COUNT lines (default: at least one).
has() {
    n=$(grep -a -c -E "$2" "$T/out")
    if [ $# -ge 3 ]; then
        [ "$n" -eq "$3" ] && ok "$1" || bad "$1" "$n lines match '$2', wanted $3"
    else
        [ "$n" -ge 1 ] && ok "$1" || bad "$1" "no line matches '$2'; output: $(head -c 600 "$T/out")"
    fi
}

# A prelude that makes a small budget check clean (tests/cases/README.md).
prelude() {
    printf 'source general 一般公共预算资金 fiscal\n'
    printf 'classification function {\n    201 一般公共服务支出\n    20101 人大事务\n    2010101 行政运行\n}\n'
    printf 'budget 2026 {\n}\n'
}
# n copies of the byte-string $2 (no newline), n a multiple of 1000
rep() { awk -v n="$1" -v s="$2" 'BEGIN { b = ""; for (i = 0; i < 1000; i++) b = b s; for (i = 0; i < n / 1000; i++) printf "%s", b }'; }

cd "$T" || exit 2

# ------------------------------------------------------------ empty, NUL
: >empty.bdl
run "empty file" 1 64 check --color=never empty.bdl
has "empty file: E030" 'error\[E030\]'

{ printf 'budget 2026 {\n}\n\0\0\0\n# c\0c\nperformance {\n    goal "a\0b"\n}\n\0'; } >nul.bdl
run "NUL bytes" 1 64 check --color=never nul.bdl
has "NUL bytes: one E002 per line, 4 lines" 'error\[E002\]: unexpected control character U\+0000' 4
head -c 1000000 /dev/zero >zeros.bdl
run "1 MB of NUL bytes" 1 64 check --color=never zeros.bdl
has "1 MB of NUL bytes: one E002" 'error\[E002\]' 1

# ------------------------------------------------------ 100 MB single lines
{ prelude; printf '# '; rep 100000000 a; printf '\n'; } >long.bdl
run "100 MB comment line" 0 400 check --color=never long.bdl
{ prelude; rep 100000000 a; printf '\n'; } >long.bdl
run "100 MB identifier" 1 400 check --color=never long.bdl
has "100 MB identifier: E010" 'error\[E010\]' 1
{ prelude; rep 50000000 'x '; printf '\n'; } >long.bdl
run "100 MB line of 50,000,000 tokens" 1 400 check --color=never long.bdl
has "100 MB line of tokens: one E010" 'error\[E010\]' 1
{ prelude; printf 'expenditure {\n    2010101 行政运行 basic '; rep 100000000 9; printf '\n}\n'; } >long.bdl
run "100 MB amount" 1 400 check --color=never long.bdl
has "100 MB amount: E103" 'error\[E103\]' 1
rm -f long.bdl
# a pasted 3 MB line used to be echoed whole under each diagnostic on it
# (9 MB of output): a snippet shows a window of the line around the caret
{ prelude; printf 'performance {\n    goal "'; rep 1000000 '中'; printf '" x\n    goal 1 "'; rep 1000000 '文'; printf '"\n}\n'; } >long.bdl
run "3 MB pasted line: a window around the caret" 1 64 check --color=never long.bdl
has "3 MB pasted line: E010 at its end and at its start" 'error\[E010\]' 2
size=$(wc -c <"$T/out")
[ "$size" -lt 2000 ] && ok "3 MB pasted line: $size bytes of diagnostics" || bad "3 MB pasted line" "$size bytes of diagnostics"
has "3 MB pasted line: cut with … before the caret" '^ +[0-9]+ \| …中+" x$' 1
has "3 MB pasted line: cut with … after the caret" '^ +[0-9]+ \|     goal 1 "文+…$' 1

# joining adjacent strings was quadratic: 1 MB of "ab" "ab" … took gigabytes
{ prelude; printf 'performance {\n    goal '; rep 200000 '"ab" '; printf '\n}\n'; } >strings.bdl
run "200,000 adjacent strings on one line" 0 64 check --color=never strings.bdl
{ prelude; printf 'performance {\n    goal "ab"\n'; rep 200000 '        "ab"
'; printf '}\n'; } >strings.bdl
run "200,000 adjacent strings across lines" 0 64 check --color=never strings.bdl

# ------------------------------------------------------------ 10^6 errors
{ prelude; yes '?' | head -n 1000000; } >errors.bdl
run "10^6 errors, default --max-errors" 1 400 check --color=never errors.bdl
has "10^6 errors: 50 printed" 'error\[E002\]' 50
has "10^6 errors: one 'more' line" '999950 more problems not shown' 1
run "10^6 errors, --max-errors 3" 1 400 check --color=never --max-errors 3 errors.bdl
has "10^6 errors, --max-errors 3: 3 printed" 'error\[E002\]' 3
{ prelude; yes 'x y' | head -n 1000000; } >errors.bdl
run "10^6 syntax errors" 1 400 check --color=never errors.bdl
has "10^6 syntax errors: 50 printed" 'error\[E010\]' 50
rm -f errors.bdl

# ------------------------------------------------------------ includes
mkdir chain
awk 'BEGIN { n = 10000
    for (i = 0; i < n; i++) {
        f = "chain/f" i ".bdl"
        if (i + 1 < n) printf "include \"f%d.bdl\"\n", i + 1 > f; else print "source general 一般公共预算资金 fiscal" > f
        close(f)
    } }'
printf 'include "chain/f0.bdl"\nbudget 2026 {\n}\n' >chain.bdl
run "10,000-deep include chain" 0 128 check --color=never chain.bdl
run "a fragment in the middle of the chain (E030)" 1 128 check --color=never chain/f5000.bdl
has "fragment of the chain: E030" 'error\[E030\]' 1
rm -rf chain chain.bdl

printf 'include "cyc-a.bdl"\nbudget 2026 {\n}\n' >cyc.bdl
printf 'include "cyc-b.bdl"\n' >cyc-a.bdl
printf 'include "cyc-a.bdl"\n' >cyc-b.bdl
run "include cycle a -> b -> a" 1 64 check --color=never cyc.bdl
has "include cycle: E021" 'error\[E021\].*cycle' 1
printf 'include "self.bdl"\nbudget 2026 {\n}\n' >self.bdl
run "a file including itself" 1 64 check --color=never self.bdl
has "self include: E021" 'error\[E021\]' 1
printf 'include "*.bdl"\nbudget 2026 {\n}\n' >globself.bdl
run "a pattern matching the including file" 1 64 check --color=never globself.bdl
has "pattern matching itself: E021" 'error\[E021\]'
rm -f cyc*.bdl self.bdl globself.bdl

# ------------------------------------------------------ 400-digit numbers
D=$(printf '%0400d' 0 | tr 0 9)
{ prelude; printf 'expenditure {\n    2010101 行政运行 basic %s\n}\n' "$D"; } >digits.bdl
run "400-digit amount" 1 64 check --color=never digits.bdl
has "400-digit amount: E103" 'error\[E103\]' 1
{ prelude; printf 'expenditure {\n    2010101 行政运行 basic %s.%s\n}\n' "$D" "$D"; } >digits.bdl
run "400-digit amount with 400 decimals" 1 64 check --color=never digits.bdl
has "400.400-digit amount: E103" 'error\[E103\]' 1
{ printf 'budget 2026 {\n    decimals %s\n}\n' "$D"; } >digits.bdl
run "400-digit decimals" 1 64 check --color=never digits.bdl
has "400-digit decimals: E103" 'error\[E103\]' 1
{ prelude; printf 'performance {\n    indicator 产出指标 / 数量指标 / 次数 >= %s 次 weight %s\n}\n' "$D" "$D"; } >digits.bdl
run "400-digit indicator value and weight" 1 64 check --color=never digits.bdl
has "400-digit weight: E122" 'error\[E122\]' 1
{ printf 'budget %s {\n}\n' "$D"; } >digits.bdl
run "400-digit year" "0 1" 64 check --color=never digits.bdl
rm -f digits.bdl

# --------------------------------------- invalid UTF-8 in every token kind
{
    prelude
    printf 'source gen\377eral 名 fiscal\n'            # identifier, line 9
    printf 'source "gen\377eral" 名 fiscal\n'          # string, line 10
    printf '# comment \377\n'                          # comment, line 11
    printf 'income {\n    general 12\37734\n}\n'       # number, line 13
    printf 'classification economic {\n    301\377 工资福利支出 personnel\n}\n' # code, line 16
    printf 'performance {\n    goal "好\344\275"\n}\n' # truncated sequence in a string, line 19
    printf '\300\257 budget\n'                         # overlong, line 21
} >utf8.bdl
run "invalid UTF-8 in each token kind" 1 64 check --color=never utf8.bdl
has "invalid UTF-8: 7 E001" 'error\[E001\]' 7
has "invalid UTF-8: in an identifier" 'utf8.bdl:9:11: error\[E001\]' 1
has "invalid UTF-8: in a string" 'utf8.bdl:10:12: error\[E001\]' 1
has "invalid UTF-8: in a comment" 'utf8.bdl:11:11: error\[E001\]' 1
has "invalid UTF-8: in a number" 'utf8.bdl:13:15: error\[E001\]' 1
has "invalid UTF-8: in a code" 'utf8.bdl:16:8: error\[E001\]' 1
has "invalid UTF-8: nothing but E001" 'error\[E[0-9]+\]' 7

# ---------------------------------------------------- line ends, BOMs
{
    printf 'source general 一般公共预算资金 fiscal\r\n'
    printf 'classification function {\n    201 一般公共服务支出\r\n    20101 人大事务\n    2010101 行政运行\r\n}\r\n'
    printf 'budget 2026 {\r\n    unit 元\n}\r\n'
    printf 'expenditure {\r\n    2010101 行政运行 basic 1.00\r\n    total basic 1.00\n}\r\n'
    printf 'performance {\r\n    goal "第一段"\r\n        "第二段"\n}\r\n'
} >mixed.bdl
run "mixed LF and CRLF line ends" 0 64 check --color=never mixed.bdl
tr -d '\r' <mixed.bdl | sed 's/$/\r/' >crlf.bdl
run "CRLF line ends" 0 64 check --color=never crlf.bdl
printf '\357\273\277' | cat - crlf.bdl >crlf-bom.bdl
run "CRLF with a leading BOM" 0 64 check --color=never crlf-bom.bdl
printf 'budget 2026 {\n}\n# a\rb\n' >cr.bdl
run "a lone CR" 1 64 check --color=never cr.bdl
has "lone CR: E002 on its line" 'cr.bdl:3:4: error\[E002\]' 1
{ prelude; printf 'performance {\n    goal "a\357\273\277b"\n}\n\357\273\277# bom\n'; } >bom.bdl
run "a BOM in the middle" 1 64 check --color=never bom.bdl
has "BOM in the middle: E002 in a string and at a line start" 'error\[E002\]: a byte order mark' 2

# ------------------------------------------------------- brace floods
{ prelude; rep 100000 '{'; printf '\n'; } >braces.bdl
run "100,000 '{' at top level" 1 64 check --color=never braces.bdl
has "brace flood: one E010" 'error\[E010\]' 1
{ prelude; printf 'expenditure {\n'; rep 100000 '{'; printf '\n'; } >braces.bdl
run "100,000 '{' in an unclosed block" 1 64 check --color=never braces.bdl
{ prelude; rep 100000 '}'; printf '\n'; } >braces.bdl
run "100,000 '}' at top level" 1 64 check --color=never braces.bdl
rm -f braces.bdl

# --------------------------------------- paths that are not readable files
mkdir dir.bdl
run "a folder given as a file" 2 64 check dir.bdl
has "folder: says so" 'is a directory'
run "a folder given to compile" 2 64 compile -f json dir.bdl
ln -s nowhere.bdl dangling.bdl
run "a dangling symlink" 2 64 check dangling.bdl
run "a missing file" 2 64 check missing.bdl
if mkfifo fifo.bdl 2>/dev/null; then
    run "a FIFO given as a file (no writer: must not block)" 2 64 check fifo.bdl
    has "FIFO: not a regular file" 'not a regular file'
    run "a FIFO given to compile" 2 64 compile -f json fifo.bdl
    { printf 'include "fifo.bdl"\n'; prelude; } >incfifo.bdl
    run "including a FIFO (E020, no hang)" 1 64 check --color=never incfifo.bdl
    has "including a FIFO: E020" 'error\[E020\].*not a regular file' 1
    rm -f fifo.bdl incfifo.bdl
else
    echo "note: mkfifo failed: FIFO checks skipped"
fi
{ printf 'include "/dev/zero"\n'; prelude; } >zero.bdl
run "including /dev/zero (E020, bounded memory)" 1 64 check --color=never zero.bdl
has "including /dev/zero: E020" 'error\[E020\]' 1
{ printf 'include "dir.bdl"\n'; prelude; } >incdir.bdl
run "including a folder" 1 64 check --color=never incdir.bdl
has "including a folder: E020" 'error\[E020\]' 1

# a sparse file claiming 3 GB: refused before reading (offsets are 32-bit)
if truncate -s 3G sparse.bdl 2>/dev/null; then
    run "a sparse 3 GB file" 2 64 check sparse.bdl
    has "sparse 3 GB file: larger than 2 GiB" 'larger than 2 GiB' 1
    { printf 'include "sparse.bdl"\n'; prelude; } >incsparse.bdl
    run "including a sparse 3 GB file" 1 64 check --color=never incsparse.bdl
    has "including a sparse 3 GB file: E020" 'error\[E020\].*larger than 2 GiB' 1
    rm -f sparse.bdl incsparse.bdl
fi
# a 1 MB module name and include paths
L=$(rep 1000000 a)
{ printf 'import "%s"\ninclude "%s"\ninclude "%s*"\n' "$L" "$L" "$L"; prelude; } >longpath.bdl
run "1 MB import name and include paths" 1 64 check --color=never longpath.bdl
has "1 MB names: two E020" 'error\[E020\]' 2
rm -f longpath.bdl

# unreadable: as nobody when we are root (root reads mode-000 files)
prelude >secret.bdl
chmod 000 secret.bdl
{ printf 'include "secret.bdl"\n'; prelude; } >incsecret.bdl
AS=
if [ "$(id -u)" = 0 ]; then
    # nobody must be able to run bdlc: a checkout under a private folder
    # (/root) is not, so then a copy in $T (made world-readable) is run
    chmod 755 "$T"
    NB=$BDLC
    if command -v setpriv >/dev/null 2>&1 &&
        ! setpriv --reuid=65534 --regid=65534 --clear-groups "$NB" --version >/dev/null 2>&1; then
        cp "$BDLC" "$T/bdlc-copy" && chmod 755 "$T/bdlc-copy" && NB=$T/bdlc-copy
    fi
    if ! command -v setpriv >/dev/null 2>&1; then
        bad "unreadable files" "setpriv is not installed (Debian package util-linux)"
    elif setpriv --reuid=65534 --regid=65534 --clear-groups "$NB" --version >/dev/null 2>&1; then
        AS=nobody
        # run as nobody: a wrapper script, so `run` measures it the same way
        printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups -- "%s" "$@"\n' "$NB" >as-nobody
        chmod 755 as-nobody
    else
        bad "unreadable files" "user nobody cannot run $NB (is $T on a noexec file system?)"
    fi
else
    AS=self
fi
if [ -n "$AS" ]; then
    real=$BDLC
    [ "$AS" = nobody ] && BDLC=$T/as-nobody
    run "an unreadable file (mode 000, as $AS)" 2 64 check secret.bdl
    has "unreadable file: permission denied" 'ermission denied'
    run "an unreadable file given to compile" 2 64 compile -f json secret.bdl
    run "including an unreadable file (as $AS)" 1 64 check --color=never incsecret.bdl
    has "including an unreadable file: E020" 'error\[E020\].*ermission denied' 1
    BDLC=$real
fi

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
