#!/bin/sh
# test-gen-cn.sh - tests for stdlib/gen-cn.sh (the cn/YEAR stdlib generator).
#
#   sh tests/stdlib/test-gen-cn.sh
#
# Uses only sh, awk, diff, mktemp (and rm for clean-up). Fixtures are written
# here with printf so their bytes (BOM, CRLF, tabs) are exact. Prints one line
# per check and a final "gen-cn: N passed, M failed"; exits 1 on any failure.

set -u
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
root=$(cd "$here/../.." && pwd) || exit 2
gen="$root/stdlib/gen-cn.sh"
committed="$root/stdlib/cn/2026"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT; trap 'exit 143' TERM

passed=0 failed=0
ok()   { passed=$((passed + 1)); printf 'ok   - %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL - %s\n' "$1"; }

# contains FILE TEXT: FILE has a line containing TEXT (a fixed string).
contains() { awk -v t="$2" 'index($0, t) { f = 1 } END { exit !f }' "$1"; }
# body FILE: the classification block of a generated file (no comments).
body() { awk '!/^#/ && !/^$/' "$1"; }
# put FILE: write standard input to FILE.
put() { awk '{ print }' >"$1"; }

# ---- 1. the committed module is what the generator makes from the data ----
if sh "$gen" --out "$tmp/cn" >"$tmp/out1" 2>&1; then
    for f in function economic vocab; do
        if diff "$committed/$f.bdl" "$tmp/cn/$f.bdl" >"$tmp/diff-$f"; then
            ok "committed stdlib/cn/2026/$f.bdl is up to date"
        else
            fail "stdlib/cn/2026/$f.bdl differs from a fresh run (regenerate: sh stdlib/gen-cn.sh)"
            awk 'NR <= 20' "$tmp/diff-$f"
        fi
    done
else
    fail "generator fails on the shipped data"; awk '{ print "    " $0 }' "$tmp/out1"
fi

# Every data row (minus the header) is in the committed files, once.
data="$root/stdlib/data/classification"
for f in function economic; do
    if [ -f "$data/$f-2026.tsv" ]; then
        rows=$(awk 'NR > 1 && NF' "$data/$f-2026.tsv" | awk 'END { print NR }')
        codes=$(awk '/^    [0-9]/' "$committed/$f.bdl" | awk 'END { print NR }')
        if [ "$rows" = "$codes" ]; then ok "$f.bdl holds all $rows codes of $f-2026.tsv"
        else fail "$f.bdl has $codes codes, $f-2026.tsv $rows rows"; fi
    else
        fail "the shipped data stdlib/data/classification/$f-2026.tsv is missing"
    fi
done

# Spot checks on the committed files.
if contains "$committed/economic.bdl" "    30213 维修（护）费" &&
   contains "$committed/economic.bdl" "    301 工资福利支出 personnel" &&
   contains "$committed/economic.bdl" "    303 对个人和家庭的补助 personnel" &&
   contains "$committed/economic.bdl" "    302 商品和服务支出 public" &&
   contains "$committed/economic.bdl" "    310 资本性支出 public" &&
   contains "$committed/economic.bdl" "    30101 基本工资"; then
    ok "economic: 类 marks and bare （） names"
else fail "economic: 类 marks or bare （） names"; fi
if contains "$committed/function.bdl" "PARTIAL" && contains "$committed/economic.bdl" "PARTIAL"; then
    ok "headers say the lists are PARTIAL"
else fail "headers do not say PARTIAL"; fi

# ---- 2. a spreadsheet CSV export: BOM, CRLF, header, quotes, indentation ----
# 　 is U+3000 (full-width space), used by exports to indent 款/项 names.
printf '\357\273\277科目编码,科目名称\r\n' >"$tmp/func.csv"
printf '201,一般公共服务支出\r\n' >>"$tmp/func.csv"
printf '2010101,\343\200\200\343\200\200行政运行\r\n' >>"$tmp/func.csv"
printf '20101, 人大事务 \r\n' >>"$tmp/func.csv"          # out of order, spaces
printf '2010102,"名称, 含逗号"\r\n' >>"$tmp/func.csv"
printf '2010103,total\r\n' >>"$tmp/func.csv"               # a keyword
printf '2010104,"含""引号\\反斜杠"\r\n' >>"$tmp/func.csv"
printf '2010105,会议：全角冒号\r\n' >>"$tmp/func.csv"
printf '2010106,a-b_c9\r\n' >>"$tmp/func.csv"
printf '2010107,9开头\r\n' >>"$tmp/func.csv"
printf '201,一般公共服务支出\r\n' >>"$tmp/func.csv"         # same row again: fine
printf ',,\r\n\r\n' >>"$tmp/func.csv"
printf 'code\tname\tlevel\n302\t商品和服务支出\t类\n30213\t维修（护）费\t款\n301\t工资福利支出\t类\n30101\t基本 工资\t款\n' >"$tmp/eco.tsv"

put "$tmp/func.want" <<'EOF'
classification function "支出功能分类科目" {
    201 一般公共服务支出
    20101 人大事务
    2010101 行政运行
    2010102 "名称, 含逗号"
    2010103 "total"
    2010104 "含\"引号\\反斜杠"
    2010105 "会议：全角冒号"
    2010106 a-b_c9
    2010107 "9开头"
}
EOF
put "$tmp/eco.want" <<'EOF'
classification economic "部门预算支出经济分类科目" {
    301 工资福利支出 personnel
    30101 "基本 工资"
    302 商品和服务支出 public
    30213 维修（护）费
}
EOF
if sh "$gen" --function "$tmp/func.csv" --economic "$tmp/eco.tsv" --out "$tmp/csv" >"$tmp/out2" 2>&1; then
    body "$tmp/csv/function.bdl" >"$tmp/func.got"
    body "$tmp/csv/economic.bdl" >"$tmp/eco.got"
    if diff "$tmp/func.want" "$tmp/func.got"; then ok "CSV export with BOM/CRLF/header/quotes"
    else fail "CSV export with BOM/CRLF/header/quotes"; fi
    if diff "$tmp/eco.want" "$tmp/eco.got"; then ok "name with a space is quoted; TSV with level column"
    else fail "name with a space is quoted; TSV with level column"; fi
    if contains "$tmp/csv/function.bdl" "#   $tmp/func.csv"; then ok "header names the input file"
    else fail "header does not name the input file"; fi
else
    fail "generator rejects a valid CSV export"; awk '{ print "    " $0 }' "$tmp/out2"
fi

# ---- 3. bad input: exit 1, message FILE:LINE, nothing written ----------------
# expect_error NAME FILE TEXT: generating with FILE as the economic list fails
# with TEXT on stderr and leaves the existing output untouched.
mkdir "$tmp/keep"
printf 'KEEP\n' >"$tmp/keep/economic.bdl"
expect_error() {
    sh "$gen" --economic "$2" --out "$tmp/keep" >"$tmp/err.out" 2>"$tmp/err"
    st=$?
    if [ "$st" -eq 1 ] && contains "$tmp/err" "$3" && contains "$tmp/keep/economic.bdl" KEEP &&
       [ ! -f "$tmp/keep/function.bdl" ]; then
        ok "$1"
    else
        fail "$1 (exit $st; want 1 and \"$3\")"; awk '{ print "    " $0 }' "$tmp/err"
    fi
}
printf 'code\tname\n301\t工资福利支出\n30101\t基本工资\n30101\t基本工资\n30101\t基本薪酬\n' >"$tmp/dup.tsv"
expect_error "duplicate code with another name" "$tmp/dup.tsv" "$tmp/dup.tsv:5: error: duplicate code 30101"
printf '301,工资福利支出\n3010X,坏\n' >"$tmp/code.csv"
expect_error "malformed code" "$tmp/code.csv" "$tmp/code.csv:2: error: malformed economic code"
printf '301\t工资福利支出\n3010101\t七位\n' >"$tmp/len.tsv"
expect_error "function-length code in the economic list" "$tmp/len.tsv" "$tmp/len.tsv:2: error: malformed"
printf '301\t工资福利支出\n30201\t办公费\n' >"$tmp/orphan.tsv"
expect_error "code without its parent" "$tmp/orphan.tsv" "$tmp/orphan.tsv:2: error: code 30201 has no parent"
printf '301\t工资福利支出\t款\n' >"$tmp/level.tsv"
expect_error "level contradicting the code" "$tmp/level.tsv" "$tmp/level.tsv:1: error: level"
printf '301\t\271\244\327\312\n' >"$tmp/gbk.tsv"               # 工资 in GBK
expect_error "GBK export" "$tmp/gbk.tsv" "$tmp/gbk.tsv:1: error: not valid UTF-8"
printf '301,工资,福利,支出\n' >"$tmp/cols.csv"
expect_error "unquoted comma in a CSV name" "$tmp/cols.csv" "$tmp/cols.csv:1: error: unexpected column 4"
leftover=$(for f in "$tmp/keep/".*.tmp.*; do [ -e "$f" ] && printf '%s ' "$f"; done)
if [ -z "$leftover" ]; then ok "no temporary files left behind"
else fail "temporary files left: $leftover"; fi

# ---- summary ----------------------------------------------------------------
printf 'gen-cn: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
