#!/bin/sh
# tests/cli/run.sh BDLC — the command line (main.c): --version, --help and
# COMMAND --help, every way of writing an option (--opt=V, --opt V, -xV,
# -x V, `--`), the usage errors word for word with exit status 2, and no
# cap on repeated options (-I given 70 times).
set -u
BDLC=$1
case $BDLC in /*) ;; *) BDLC=$(pwd)/$BDLC ;; esac
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
EX=examples/nanchuan-renda-2026/corrected.bdl
PUB=examples/nanchuan-renda-2026/budget.bdl

# run NAME: runs the rest, keeps stdout in $T/out, stderr in $T/err, status in $rc
run() { "$@" > "$T/out" 2> "$T/err"; rc=$?; }
# expect NAME STATUS WANT-STDERR CMD...: exact stderr and status
expect() {
    name=$1 st=$2 want=$3; shift 3
    run "$@"
    if [ "$rc" = "$st" ] && [ "$(cat "$T/err")" = "$want" ]; then ok "$name"
    else bad "$name (exit $rc; stderr: $(cat "$T/err"))"; fi
}
# same NAME CMD1 -- CMD2: the same stdout, stderr and status
same() {
    name=$1; shift
    a=""; while [ "$1" != "--" ]; do a="$a $1"; shift; done; shift
    # shellcheck disable=SC2086
    "$BDLC" $a > "$T/o1" 2> "$T/e1"; r1=$?
    "$@" > "$T/o2" 2> "$T/e2"; r2=$?
    if [ $r1 = $r2 ] && cmp -s "$T/o1" "$T/o2" && cmp -s "$T/e1" "$T/e2"; then ok "$name"
    else bad "$name (exit $r1 / $r2)"; fi
}

# --------------------------------------------------------- version, help
run "$BDLC" --version
[ $rc = 0 ] && [ "$(cat "$T/out")" = "bdlc 0.1.0 (BDL 1)" ] && ok "--version" || bad "--version: $(cat "$T/out")"
run "$BDLC" --help
[ $rc = 0 ] && [ ! -s "$T/err" ] && cat > "$T/want" <<'EOF' && cmp -s "$T/want" "$T/out" && ok "--help lists every command" || bad "--help"
usage: bdlc COMMAND [options] FILE...

BDL, the Budget Description Language: write a department budget once,
check every sum, and compile the published tables.

commands:
  check FILE...        parse and run every check; writes nothing
  compile -f FMT FILE  check, then write the tables as csv, json, html, xlsx or pdf
  fmt FILE...          lay files out in the canonical form
  import FILE          turn a published budget (PDF or text) into BDL
  review FILE...       import and check many published budgets; one report
  explain [CODE]       what a diagnostic code means, with an example and its fix
  diff OLD NEW         what changed in the published tables between two budgets

  bdlc --version       print the version
  bdlc COMMAND --help  options of one command
  --lang zh|en         messages in Chinese or English, with any command
                       (else $BDL_LANG, else the locale: LANG=zh_CN.UTF-8)

exit status: 0 clean, 1 problems found, 2 usage or I/O error
EOF
cp "$T/out" "$T/help"
run "$BDLC"
[ $rc = 2 ] && [ ! -s "$T/out" ] && cmp -s "$T/help" "$T/err" && ok "no command: the usage on stderr, exit 2" || bad "no command"
for h in -h help; do
    run "$BDLC" $h
    [ $rc = 0 ] && cmp -s "$T/help" "$T/out" && ok "$h is --help" || bad "$h"
done
for c in check compile fmt import; do
    for h in --help -h; do
        run "$BDLC" $c $h
        [ $rc = 0 ] && head -1 "$T/out" | grep -q "^usage: bdlc $c" \
            && [ ! -s "$T/err" ] && ok "$c $h" || bad "$c $h: $(head -1 "$T/out")"
    done
done
run "$BDLC" check "$PUB" --help
[ $rc = 0 ] && grep -q "^usage: bdlc check" "$T/out" && ok "--help after a file" || bad "--help after a file"
expect "a bad value before --help is reported" 2 "bdlc: --color is auto, always or never, not 'bad'
(run 'bdlc --help' for usage)" "$BDLC" check --color=bad --help
expect "unknown command" 2 "bdlc: unknown command 'frobnicate'
(run 'bdlc --help' for usage)" "$BDLC" frobnicate

# ------------------------------------------------- one way to write options
same "check --max-errors=2 = --max-errors 2" check --max-errors=2 "$PUB" -- "$BDLC" check --max-errors 2 "$PUB"
same "compile --max-errors=2 = --max-errors 2" compile -f json --max-errors=2 "$PUB" -- "$BDLC" compile -f json --max-errors 2 "$PUB"
same "-fjson = -f json" compile -fjson "$EX" -- "$BDLC" compile -f json "$EX"
same "-Istdlib = -I stdlib" check -Istdlib "$EX" -- "$BDLC" check -I stdlib "$EX"
same "--color=never = --color never" check --color=never "$PUB" -- "$BDLC" check --color never "$PUB"
same "--diagnostics-format=json = --diagnostics-format json" check --diagnostics-format=json "$PUB" -- \
    "$BDLC" check --diagnostics-format json "$PUB"
same "fmt --color=never = --color never" fmt --color=never "$EX" -- "$BDLC" fmt --color never "$EX"
same "-v = --verbose" check -v "$EX" -- "$BDLC" check --verbose "$EX"
same "fmt -w --check = --write --check" fmt -w --check "$EX" -- "$BDLC" fmt --write --check "$EX"
run "$BDLC" compile -f json "-o$T/glued.json" "$EX"
[ $rc = 0 ] && [ -s "$T/glued.json" ] && ok "-oOUT" || bad "-oOUT (exit $rc)"
run "$BDLC" compile -f json -o "$T/apart.json" "$EX"
cmp -s "$T/glued.json" "$T/apart.json" && ok "-o OUT = -oOUT" || bad "-o OUT"
run "$BDLC" check --max-errors=1 "$PUB"
[ $rc = 1 ] && [ "$(grep -c '^[^ ].*\(error\|warning\)\[' "$T/err")" = 1 ] && ok "--max-errors=1 prints one" || bad "--max-errors=1"
run "$BDLC" compile --max-errors=1 -f json "$PUB"
[ $rc = 1 ] && [ "$(grep -c '^[^ ].*\(error\|warning\)\[' "$T/err")" = 1 ] && ok "compile takes --max-errors=1 too" || bad "compile --max-errors=1"

# `--` ends the options: a file whose name starts with a dash
cp "$EX" "$T/-budget.bdl"
cp -r examples/nanchuan-renda-2026/projects examples/nanchuan-renda-2026/tables.bdl "$T/"
(cd "$T" && "$BDLC" check -- -budget.bdl > out 2> err); rc=$?
[ $rc = 0 ] && ok "check -- -budget.bdl" || bad "check -- -budget.bdl (exit $rc: $(cat "$T/err"))"
(cd "$T" && "$BDLC" compile -f json -- -budget.bdl > out 2> err); rc=$?
[ $rc = 0 ] && [ -s "$T/out" ] && ok "compile -- -budget.bdl" || bad "compile -- (exit $rc)"
(cd "$T" && "$BDLC" fmt -- -budget.bdl > out 2> err); rc=$?
[ $rc = 0 ] && ok "fmt -- -budget.bdl" || bad "fmt -- (exit $rc)"
expect "without --, -budget.bdl is an option" 2 "bdlc: unknown option '-budget.bdl'
(run 'bdlc --help' for usage)" "$BDLC" check -budget.bdl

# ------------------------------------------------------------ usage errors
expect "check: no file" 2 "bdlc: no input files; usage: bdlc check [options] FILE...
(run 'bdlc --help' for usage)" "$BDLC" check
expect "check: unknown option" 2 "bdlc: unknown option '--frob'
(run 'bdlc --help' for usage)" "$BDLC" check --frob "$EX"
expect "check: a value missing" 2 "bdlc: option -I needs a value
(run 'bdlc --help' for usage)" "$BDLC" check -I
expect "check: --max-errors not a number" 2 "bdlc: --max-errors wants a number, not 'x'
(run 'bdlc --help' for usage)" "$BDLC" check --max-errors=x "$EX"
expect "check: --max-errors negative" 2 "bdlc: --max-errors wants a number, not '-1'
(run 'bdlc --help' for usage)" "$BDLC" check --max-errors -1 "$EX"
expect "check: --max-errors empty" 2 "bdlc: --max-errors wants a number, not ''
(run 'bdlc --help' for usage)" "$BDLC" check --max-errors= "$EX"
expect "check: --diagnostics-format" 2 "bdlc: --diagnostics-format is text, json or sarif, not 'xml'
(run 'bdlc --help' for usage)" "$BDLC" check --diagnostics-format=xml "$EX"
expect "check: a flag with a value" 2 "bdlc: unknown option '--werror=yes'
(run 'bdlc --help' for usage)" "$BDLC" check --werror=yes "$EX"
expect "check: compile's option" 2 "bdlc: unknown option '-f'
(run 'bdlc --help' for usage)" "$BDLC" check -f json "$EX"
expect "compile: -f wrong" 2 "bdlc compile: -f is csv, json, html, xlsx, pdf, facts or sqlite, not 'xml'
(run 'bdlc compile --help' for usage)" "$BDLC" compile -f xml "$EX"
expect "compile: -f glued wrong" 2 "bdlc compile: -f is csv, json, html, xlsx, pdf, facts or sqlite, not 'xml'
(run 'bdlc compile --help' for usage)" "$BDLC" compile -fxml "$EX"
expect "compile: no -f" 2 "bdlc compile: say which output with -f csv, json, html, xlsx or pdf
(run 'bdlc compile --help' for usage)" "$BDLC" compile "$EX"
expect "compile: no file" 2 "bdlc compile: no input file
(run 'bdlc compile --help' for usage)" "$BDLC" compile -f json
expect "compile: two files" 2 "bdlc compile: compile takes one budget file; '$PUB' is a second one
(run 'bdlc compile --help' for usage)" "$BDLC" compile -f json "$EX" "$PUB"
expect "compile: csv to stdout" 2 "bdlc compile: -f csv writes one file per table: give the folder with -o DIR
(run 'bdlc compile --help' for usage)" "$BDLC" compile -f csv "$EX"
expect "compile: -o without a value" 2 "bdlc compile: option -o needs a value
(run 'bdlc compile --help' for usage)" "$BDLC" compile -f json "$EX" -o
expect "compile: check's option" 2 "bdlc compile: unknown option '--verbose'
(run 'bdlc compile --help' for usage)" "$BDLC" compile -f json --verbose "$EX"
expect "fmt: -w and --check" 2 "bdlc fmt: -w and --check exclude each other
(run 'bdlc fmt --help' for usage)" "$BDLC" fmt -w --check "$EX"
expect "fmt: no file" 2 "bdlc fmt: no input files; usage: bdlc fmt [--check | -w] FILE...
(run 'bdlc fmt --help' for usage)" "$BDLC" fmt
expect "fmt: two files to print" 2 "bdlc fmt: without -w or --check, give one file (the result goes to standard output)
(run 'bdlc fmt --help' for usage)" "$BDLC" fmt "$EX" "$PUB"
expect "fmt: -w on stdin" 2 "bdlc fmt: -w cannot rewrite standard input
(run 'bdlc fmt --help' for usage)" "$BDLC" fmt -w -
expect "fmt: --color wrong" 2 "bdlc fmt: --color is auto, always or never, not 'pink'
(run 'bdlc fmt --help' for usage)" "$BDLC" fmt --color=pink "$EX"
expect "fmt: --color without a value" 2 "bdlc fmt: option --color needs a value
(run 'bdlc fmt --help' for usage)" "$BDLC" fmt --color
expect "import: unknown option" 2 "bdlc: import: unknown option '--frob'
(run 'bdlc import --help' for usage)" "$BDLC" import --frob
expect "import: two files" 2 "bdlc: import takes one file, not 'b' as well
(run 'bdlc import --help' for usage)" "$BDLC" import a b
expect "import: no file" 2 "bdlc: import: no input file; usage: bdlc import FILE.txt > budget.bdl" "$BDLC" import

# ------------------------------------------------------------ no fixed cap
# 70 folders given with -I; only the last holds the module (bdlc once kept
# the first 64 -I folders and dropped the rest without a word)
args=""
i=1
while [ $i -le 70 ]; do mkdir -p "$T/inc/d$i"; args="$args -I $T/inc/d$i"; i=$((i + 1)); done
mkdir -p "$T/inc/d70/local/extra"
printf 'classification function {\n    2019999 本地补充科目\n}\n' > "$T/inc/d70/local/extra/more.bdl"
sed 's#^import "cn/2026"#import "cn/2026"\nimport "local/extra"#' "$EX" > "$T/-budget.bdl"
# shellcheck disable=SC2086
(cd "$T" && "$BDLC" check --verbose $args -- -budget.bdl > out 2> err); rc=$?
[ $rc = 0 ] && grep -q 2019999 "$T/err" && ok "the 70th -I folder is searched" || bad "70 -I folders (exit $rc: $(head -3 "$T/err"))"
# shellcheck disable=SC2086
(cd "$T" && "$BDLC" compile -f json $args -- -budget.bdl > out 2> err); rc=$?
[ $rc = 0 ] && ok "compile: the 70th -I folder is searched" || bad "compile: 70 -I folders (exit $rc: $(head -3 "$T/err"))"

echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
