#!/bin/sh
# tests/editors/run.sh [BUILD_DIR] — editor support, the man page, make install.
#
#  - editors/textmate: valid JSON (grammar, VS Code manifest, language
#    configuration); every keyword (the keyword rules of grammar/lexer.l,
#    the one list of them) is a keyword scope; strings, escapes, numbers, codes,
#    comments, operators and look-alikes get their scopes
#    (tests/editors/tmgrammar.py); valid BDL shows nothing invalid.
#  - editors/vim: every keyword appears in a `syntax keyword` line; a
#    headless Vim (Debian package vim: the group fails without it) detects
#    *.bdl and highlights a sample and the examples (tests/editors/probe.vim).
#  - src/bdlc.1 renders without warnings (groff, man; packages groff, man-db).
#  - `make install PREFIX=$(mktemp -d)`: the binary, the man page and the
#    stdlib modules land where they should, and BDL_PATH=PREFIX/share/bdlc/stdlib
#    is read (a renamed code there shows up as W104).
# BUILD_DIR (default build) is the folder holding bdlc, as `make test` passes it.
# Prints "editors: N passed, M failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2
B=${1:-build}
scratch
TM=editors/textmate

# ---------------------------------------------------------------- JSON
for f in $TM/bdl.tmLanguage.json $TM/package.json $TM/language-configuration.json; do
    if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$f" 2> "$T/json.err"; then ok; else
        bad "$f is not valid JSON: $(cat "$T/json.err" | tail -1)"; fi
done

# ------------------------------------------------------------ keywords
# the keyword rules of the scanner: "word"  { return KW_...; }
KEYWORDS=$(echo $(sed -n 's/^"\([a-z][a-z-]*\)" *{ *return KW_.*/\1/p' grammar/lexer.l))
echo "$KEYWORDS" > "$T/keywords"
n=$(echo $KEYWORDS | wc -w)
[ "$n" -ge 40 ] && ok || bad "only $n keywords found in grammar/lexer.l"
VIMKW=$(grep '^syntax keyword bdl\(Statement\|Clause\|Cell\)' editors/vim/syntax/bdl.vim | awk '{for (i = 4; i <= NF; i++) print $i}')
missing=""
for kw in $KEYWORDS; do
    echo "$VIMKW" | grep -qx -- "$kw" || missing="$missing $kw"
done
[ -z "$missing" ] && ok || bad "keywords missing from editors/vim/syntax/bdl.vim:$missing"
for kw in $VIMKW; do
    case " $KEYWORDS " in *" $kw "*) ;; *) bad "editors/vim/syntax/bdl.vim: '$kw' is not a keyword (grammar/lexer.l)" ;; esac
done
missing=""
for kw in $KEYWORDS; do
    grep -q -- "[|(:]$kw[|)]" $TM/bdl.tmLanguage.json || missing="$missing $kw"
done
[ -z "$missing" ] && ok || bad "keywords missing from $TM/bdl.tmLanguage.json:$missing"

# -------------------------------------------------- TextMate behaviour
VALID=$(find examples stdlib -name '*.bdl' | sort)
if python3 tests/editors/tmgrammar.py $TM/bdl.tmLanguage.json "$T/keywords" $VALID > "$T/tm.out"; then ok; else
    bad "TextMate grammar:"; grep FAIL "$T/tm.out" | head -20; fi

# ------------------------------------------------------------------ Vim
if command -v vim > /dev/null 2>&1; then
    cat > "$T/sample.bdl" <<'EOF'
# TODO a comment
three-public { vehicle-operation 17.50 }
    2010101 行政运行 total 934.58 basic 1,00.00
project 50011926T000005286480 "区人大\"大型\" \u{4E00} \q" {
    indicator 产出指标/数量指标/培训次数 ≥ 1 "次/年" weight 30 core
x ＝ 5 “某” totals my-total
"unterminated
    execution-weight 10

EOF
    PROBE_SAMPLE=$T/sample.bdl PROBE_OUT=$T/vim.out PROBE_KEYWORDS=$KEYWORDS PROBE_VALID=$VALID \
        vim -Nu NONE -i NONE -n -es --cmd "set rtp^=$PWD/editors/vim" -c 'filetype plugin on' -c 'syntax on' \
        -c "source $PWD/tests/editors/probe.vim" -c 'qa!' < /dev/null > /dev/null 2>&1
    if [ ! -f "$T/vim.out" ]; then bad "vim did not run the probe"
    elif grep -q FAIL "$T/vim.out"; then bad "Vim syntax:"; grep FAIL "$T/vim.out" | head -20
    else ok; fi
else
    bad "vim is not installed, so Vim highlighting is not exercised (Debian package vim)"
fi

# ------------------------------------------------------------- man page
if command -v groff > /dev/null 2>&1; then
    groff -man -Tutf8 -ww -z src/bdlc.1 > "$T/groff.err" 2>&1
    [ -s "$T/groff.err" ] && { bad "groff warns on src/bdlc.1:"; head "$T/groff.err"; } || ok
else
    bad "groff is not installed, so the man page is not checked (Debian package groff)"
fi
if command -v man > /dev/null 2>&1; then
    MANWIDTH=80 man --warnings -E UTF-8 -l src/bdlc.1 > "$T/man.out" 2> "$T/man.err"
    [ -s "$T/man.err" ] && { bad "man warns on src/bdlc.1:"; head "$T/man.err"; } || ok
    grep -q "bdlc import" "$T/man.out" && grep -q "BDL_PATH" "$T/man.out" && ok || bad "the rendered man page lacks import or BDL_PATH"
else
    bad "man is not installed, so the man page is not rendered (Debian package man-db)"
fi

# --------------------------------------------------------- make install
P=$T/prefix
if make -s --no-print-directory install PREFIX="$P" B="$B" > "$T/install.out" 2>&1; then ok; else
    bad "make install PREFIX=$P failed:"; tail -5 "$T/install.out"; fi
[ -x "$P/bin/bdlc" ] && ok || bad "make install: no $P/bin/bdlc"
[ -f "$P/share/man/man1/bdlc.1" ] && ok || bad "make install: no man page"
n=$(find "$P/share/bdlc/stdlib" -name '*.bdl' 2>/dev/null | wc -l)
want=$(find stdlib -mindepth 3 -name '*.bdl' | wc -l)
[ "$n" -eq "$want" ] && [ "$n" -gt 0 ] && ok || bad "make install: $n stdlib modules installed, $want expected"
[ -f "$P/share/bdlc/stdlib/cn/2026/function.bdl" ] && ok || bad "make install: no share/bdlc/stdlib/cn/2026/function.bdl"
if [ -x "$P/bin/bdlc" ]; then
    (cd examples/nanchuan-renda-2026 && "$P/bin/bdlc" check --werror corrected.bdl) > /dev/null 2>&1 && ok ||
        bad "the installed bdlc does not check the example"
    # BDL_PATH is read: rename a code in the installed copy, see W104
    sed -i 's/^\( *201 \)一般公共服务支出/\1改过的名字/' "$P/share/bdlc/stdlib/cn/2026/function.bdl"
    (cd examples/nanchuan-renda-2026 &&
        BDL_PATH=$P/share/bdlc/stdlib "$P/bin/bdlc" check --diagnostics-format json corrected.bdl) > "$T/path.json" 2>/dev/null
    grep -q '"W104"' "$T/path.json" && ok || bad "BDL_PATH=$P/share/bdlc/stdlib is not read"
    if command -v man > /dev/null 2>&1; then
        MANWIDTH=80 man -l "$P/share/man/man1/bdlc.1" 2>/dev/null | grep -q "BDLC(1)" && ok || bad "the installed man page does not render"
    fi
fi

summary editors
