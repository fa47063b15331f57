#!/bin/sh
# tests/fmt/run.sh BDLC — `bdlc fmt`:
#   1. golden pairs (tests/fmt/golden/NAME.in.bdl → NAME.out.bdl, checked by
#      hand); each .out.bdl must also be a fixed point;
#   2. the corpus (examples/, tests/cases/, stdlib/, the goldens): every file
#      is formatted in a copy of the tree; files with syntax errors must be
#      refused and left byte for byte; every other file must format, to the
#      same text with its indentation removed, and formatting it again must
#      change nothing; and every file must mean the
#      same afterwards: `bdlc compile -f json` gives identical output and
#      exit status, and where compile stops on errors, `bdlc check
#      --diagnostics-format json` gives the same diagnostics once line and
#      column numbers are taken out (they move when lines are re-laid) and
#      grouping commas in messages are ignored;
#   3. the command line: --check, -w (atomic, mode kept, symlinks followed),
#      standard input, CRLF and BOM, refusal of syntax errors, usage errors,
#      and a --help that fits on one screen.
# Prints `fmt: N passed, M failed`.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
HERE=$(cd "$(dirname "$0")" && pwd)
scratch

# ------------------------------------------------------------- 1. goldens
for in in "$HERE"/golden/*.in.bdl; do
    name=$(basename "$in" .in.bdl)
    want=${in%.in.bdl}.out.bdl
    "$BDLC" fmt "$in" > "$T/got" 2> "$T/err"
    rc=$?
    if [ "$rc" -eq 0 ] && cmp -s "$want" "$T/got"; then ok; else
        bad "golden $name (exit $rc)"; diff "$want" "$T/got" | head -20; cat "$T/err"; fi
    if "$BDLC" fmt --check "$want" > "$T/got" 2>&1; then ok; else
        bad "golden $name.out.bdl is not a fixed point"; cat "$T/got"; fi
done

# -------------------------------------------------------------- 2. corpus
# Two copies of the same tree: a/ stays as written, b/ is formatted.
mkdir -p "$T/a" "$T/b"
for d in examples tests/cases stdlib tests/fmt/golden; do
    mkdir -p "$T/a/$d" "$T/b/$d"
    cp -R "$ROOT/$d/." "$T/a/$d/"
    cp -R "$ROOT/$d/." "$T/b/$d/"
done
(cd "$T/a" && find . -name '*.bdl' | LC_ALL=C sort) > "$T/files"
# each tree imports its own copy of the stdlib, so the formatted stdlib
# is compared too
TAB=$(printf '\t')
nfiles=0 nsyntax=0 ncompiled=0 nchecked=0
normalize() { # check JSON without places; 1,234.5 and 1234.5 alike; either tree
    sed -e "s|$T/[ab]/|T/|g" -e 's/"line": [0-9]*, "column": [0-9]*, //g' -e 's/"end": {[^}]*}, //g' \
        -e 's/"line": [0-9]*, //g' -e 's/"column": [0-9]*//g' \
        -e 's/\([0-9]\),\([0-9][0-9][0-9]\)/\1\2/g' -e 's/\([0-9]\),\([0-9][0-9][0-9]\)/\1\2/g' "$1"
}
while IFS= read -r f; do
    nfiles=$((nfiles + 1))
    (cd "$T/b" && "$BDLC" fmt -w "$f") > "$T/out" 2> "$T/err"
    rc=$?
    if [ "$rc" -eq 1 ]; then
        nsyntax=$((nsyntax + 1))
        if cmp -s "$T/a/$f" "$T/b/$f" && grep -q 'E0[01][0-9]' "$T/err" && [ ! -s "$T/out" ]; then ok; else
            bad "$f: a file with syntax errors must be left as it is, with the errors reported"; fi
        continue
    fi
    if [ "$rc" -ne 0 ]; then bad "$f: fmt -w exit $rc"; cat "$T/err"; continue; fi
    # the same text on standard output as written by -w
    (cd "$T/a" && "$BDLC" fmt "$f") > "$T/stdout" 2>&1
    if cmp -s "$T/stdout" "$T/b/$f"; then ok; else bad "$f: fmt and fmt -w differ"; fi
    # indentation as written plays no part
    sed "s/^[ $TAB]*//" "$T/a/$f" > "$T/flat.bdl"
    "$BDLC" fmt "$T/flat.bdl" > "$T/flat.out" 2>&1
    if cmp -s "$T/flat.out" "$T/b/$f"; then ok; else bad "$f: the written indentation changes the result"; fi
    # formatting twice changes nothing
    if (cd "$T/b" && "$BDLC" fmt --check "$f") > "$T/out" 2>&1; then ok; else
        bad "$f: not idempotent"; (cd "$T/b" && "$BDLC" fmt "$f") | diff "$T/b/$f" - | head -10; fi
done < "$T/files"
# meaning: only once every file of b/ is formatted (roots include fragments)
while IFS= read -r f; do
    (cd "$T/a" && BDL_PATH="$T/a/stdlib" "$BDLC" compile -f json "$f") > "$T/ja" 2> /dev/null
    ra=$?
    (cd "$T/b" && BDL_PATH="$T/b/stdlib" "$BDLC" compile -f json "$f") > "$T/jb" 2> /dev/null
    rb=$?
    if [ "$ra" -ne "$rb" ] || ! cmp -s "$T/ja" "$T/jb"; then
        bad "$f: compile -f json differs after fmt (exit $ra / $rb)"; diff "$T/ja" "$T/jb" | head -10; continue; fi
    if [ "$ra" -eq 0 ]; then ncompiled=$((ncompiled + 1)); ok; continue; fi
    (cd "$T/a" && BDL_PATH="$T/a/stdlib" "$BDLC" check --max-errors 0 --diagnostics-format json "$f") > "$T/ca" 2> /dev/null
    ra=$?
    (cd "$T/b" && BDL_PATH="$T/b/stdlib" "$BDLC" check --max-errors 0 --diagnostics-format json "$f") > "$T/cb" 2> /dev/null
    rb=$?
    normalize "$T/ca" > "$T/na"
    normalize "$T/cb" > "$T/nb"
    if [ "$ra" -eq "$rb" ] && cmp -s "$T/na" "$T/nb"; then nchecked=$((nchecked + 1)); ok; else
        bad "$f: check diagnostics differ after fmt (exit $ra / $rb)"; diff "$T/na" "$T/nb" | head -10; fi
done < "$T/files"
echo "fmt corpus: $nfiles files, $nsyntax refused for syntax errors, $ncompiled compiled alike," \
     "$nchecked compared by their check diagnostics"

# ------------------------------------------------------- 3. command line
cd "$T" || exit 2
G=$HERE/golden
status() { # name expected-status command...
    name=$1 want=$2; shift 2
    "$@" > "$T/out" 2> "$T/err"; got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "exit status of $name: $got, expected $want"; cat "$T/err"; fi
}
cp "$G/tables.in.bdl" messy.bdl
cp "$G/tables.out.bdl" tidy.bdl
status "--check, one file to format" 1 "$BDLC" fmt --check tidy.bdl messy.bdl
if [ "$(cat out)" = "messy.bdl" ]; then ok; else bad "--check lists the files to format: got '$(cat out)'"; fi
if cmp -s messy.bdl "$G/tables.in.bdl"; then ok; else bad "--check changed a file"; fi
status "--check, all formatted" 0 "$BDLC" fmt --check tidy.bdl
if [ ! -s out ]; then ok; else bad "--check printed something for formatted files"; fi

chmod 640 messy.bdl
ln -s messy.bdl link.bdl
before=$(ls -i messy.bdl | awk '{print $1}')
status "-w through a symlink" 0 "$BDLC" fmt -w link.bdl
if [ -L link.bdl ] && cmp -s messy.bdl "$G/tables.out.bdl"; then ok; else bad "-w did not rewrite the link's target"; fi
after=$(ls -i messy.bdl | awk '{print $1}')
if [ "$before" != "$after" ]; then ok; else bad "-w wrote in place instead of renaming a new file"; fi
if [ "$(ls -l messy.bdl | cut -c1-10)" = "-rw-r-----" ]; then ok; else bad "-w lost the file's mode"; fi
if [ -z "$(ls -A | grep fmt-)" ]; then ok; else bad "-w left a temporary file"; fi
touch -t 202001010000 tidy.bdl
status "-w on a formatted file" 0 "$BDLC" fmt -w tidy.bdl
if [ -z "$(find tidy.bdl -newer messy.bdl)" ]; then ok; else bad "-w rewrote a file that needed nothing"; fi

printf 'budget 2026 {\n  unit 万元\n  department 204 "x" "y\n}\n' > broken.bdl
cp broken.bdl broken.orig
status "syntax error, -w" 1 "$BDLC" fmt -w broken.bdl
if cmp -s broken.bdl broken.orig && grep -q 'E003' err; then ok; else bad "a file with a syntax error was changed or not reported"; fi
status "syntax error, stdout" 1 "$BDLC" fmt broken.bdl
if [ ! -s out ]; then ok; else bad "a file with a syntax error was printed"; fi
status "syntax error among good files" 1 "$BDLC" fmt --check tidy.bdl broken.bdl
printf 'budget 2026 {\n  agency 1 "a"\n  agency 1 "a"\n  unit x\n  unit y\n}\n' > dup.bdl
status "E105 is not a syntax error" 0 "$BDLC" fmt dup.bdl

printf 'budget 2026 {\r\n  unit 万元   # u\r\n}\r\n' > crlf.bdl
printf 'budget 2026 {\r\n    unit 万元  # u\r\n}\r\n' > crlf.want
status "CRLF" 0 "$BDLC" fmt crlf.bdl
if cmp -s out crlf.want; then ok; else bad "CRLF line ends are not kept"; od -c out | head; fi
printf '\357\273\277income {\n一般公共预算资金 1000\n}' > bom.bdl
printf '\357\273\277income {\n    一般公共预算资金 1,000\n}\n' > bom.want
status "BOM, no final line break" 0 "$BDLC" fmt bom.bdl
if cmp -s out bom.want; then ok; else bad "BOM or final line break"; od -c out | head; fi
status "standard input" 0 sh -c "\"$BDLC\" fmt - < bom.bdl"
if cmp -s out bom.want; then ok; else bad "formatting standard input"; fi
: > empty.bdl
status "empty file" 0 "$BDLC" fmt empty.bdl
if [ ! -s out ]; then ok; else bad "an empty file formats to something"; fi

status "two files without -w/--check" 2 "$BDLC" fmt tidy.bdl messy.bdl
status "-w and --check" 2 "$BDLC" fmt -w --check tidy.bdl
status "-w on standard input" 2 "$BDLC" fmt -w -
status "unknown option" 2 "$BDLC" fmt --frobnicate tidy.bdl
status "no file" 2 "$BDLC" fmt
status "missing file" 2 "$BDLC" fmt --check no-such.bdl
status "directory" 2 "$BDLC" fmt --check "$T"
status "--help" 0 "$BDLC" fmt --help
lines=$(wc -l < out)
wide=$(awk 'length($0) > 80' out | wc -l)
if [ "$lines" -le 24 ] && [ "$wide" -eq 0 ] && grep -q -- '--check' out; then ok; else
    bad "--help must fit on one screen (24 lines of 80 columns): $lines lines, $wide too wide"; fi

summary fmt
