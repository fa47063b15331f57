#!/bin/sh
# tests/import-shanghai/run.sh BDLC — `bdlc import` of the four real Shanghai documents
# (examples/shanghai-*/published.pdf and their `pdftotext -layout` text published.txt),
# read through the layout module stdlib/layout/shanghai:
#
#  - the import names the layout and variant it read and the nine tables it recognised;
#    the root says `layout shanghai` and `variant department|agency`;
#  - `bdlc check` of the import reports the table faults of the document's FAULTS.md
#    (section A) and nothing else — exactly these codes, at these rows;
#  - the faults in tables BDL derives (and so cannot hold) are the import's warnings;
#  - a budget that checks compiles (-f json) to tables that tests/shanghai/compare.py
#    matches with the publication's text, number for number (it reads published.txt,
#    never bdlc's output, for what it expects);
#  - -o DIR: a budget tree that checks like the single file.
# Prints "import-shanghai: N passed, M failed".
set -u
BDLC=${1:?usage: tests/import-shanghai/run.sh path/to/bdlc}
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() {
    if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $2"; sed 's/^/    /' "$2" | head -12; fi
}
same() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$3', got '$2'"; fi
}
# codes FILE: the diagnostic codes of bdlc check, with their rows' first words, in file order
codes() {
    "$BDLC" check --max-errors 0 --diagnostics-format json "$1" 2>/dev/null | python3 -c '
import json, sys
for d in json.load(sys.stdin):
    print(d["code"])' | tr '\n' ' ' | sed 's/ $//'
}

pdf=yes
if ! "$BDLC" import examples/shanghai-wanli-2024/published.pdf > /dev/null 2> "$T/probe"; then
    if grep -q 'pdfin.so' "$T/probe"; then pdf=no; echo "note: no PDF plugin (pdfin.so): the .pdf half is skipped"; fi
fi

# doc NAME VARIANT EXT 'CODES' AMOUNTS [DIFFERENCES]: import, check, compile, compare
# (DIFFERENCES: compare.py's count of non-amount differences, the publication's own)
doc() {
    d=examples/shanghai-$1 variant=$2 ext=$3 want=$4 amounts=$5 diffs=${6:-0}
    [ "$ext" = pdf ] && [ "$pdf" = no ] && return
    n=$1.$ext
    "$BDLC" import "$d/published.$ext" > "$T/$n.bdl" 2> "$T/$n.err"
    same "$n: import exit status" "$?" 0
    has "$n: layout said" "$T/$n.err" "read as layout shanghai, variant $variant: 9 of its 9 tables recognised"
    has "$n: root layout" "$T/$n.bdl" "    layout shanghai"
    has "$n: root variant" "$T/$n.bdl" "    variant $variant"
    has "$n: lines outside the tables counted" "$T/$n.err" "lines outside the tables"
    "$BDLC" fmt --check "$T/$n.bdl" > "$T/$n.fmt" 2>&1
    same "$n: written as bdlc fmt lays it out (fmt --check)" "$?" 0
    same "$n: bdlc check codes" "$(codes "$T/$n.bdl")" "$want"
    [ "$amounts" = - ] && return
    "$BDLC" compile -f json -o "$T/$n.json" "$T/$n.bdl" > /dev/null 2>&1
    same "$n: compile exit status" "$?" 0
    python3 tests/shanghai/compare.py --tables "$d/published.txt" "$T/$n.json" > "$T/$n.cmp" 2>&1
    same "$n: compare.py exit status" "$?" $((diffs > 0))
    has "$n: every number matched" "$T/$n.cmp" "all tables: $amounts/$amounts amounts matched"
    tables=$(grep -c '^table [1-9] .*: \([0-9]*\)/\1 amounts, \([0-9]*\)/\2 labels$' "$T/$n.cmp")
    same "$n: tables matched in full" "$tables" $((9 - diffs))
}

# 司法局 2026 (department): FAULTS.md A1, the 三公 合计 10.81 = the sum of the rounded items.
for ext in pdf txt; do doc sifaju-2026 department $ext "W134" 382; done
# 司法局本部 2026 (agency): FAULTS.md A1/A2 (row 2040601 项目支出 64,840,547.00 in tables 3 and
# 5: E110 at 204 and 20406, E111 at the row, E111 at the 项目支出 合计, and so E112 income against
# expenditure) and A3 (合计 基本支出 22,118,861: E111 twice at the 合计 row). With errors it
# does not compile, as the hand-written budget.bdl.
for ext in pdf txt; do
    doc sifaju-2026-benbu agency $ext "E112 E110 E110 E111 E111 E111 E111" -
    n=sifaju-2026-benbu.$ext
    [ -f "$T/$n.err" ] || continue
    # FAULTS.md A4: table 1 (derived: BDL cannot hold it) prints 人员经费/公用经费 that are not
    # table 8's, and rows that do not add up
    has "$n: A4 人员经费" "$T/$n.err" "支出总计, column 人员经费: printed 20,374,181, but the tables it is derived from give 20,272,981.00"
    has "$n: A4 公用经费" "$T/$n.err" "支出总计, column 公用经费: printed 1,744,680, but the tables it is derived from give 1,845,880.34"
    has "$n: A4 row" "$T/$n.err" "一、公共安全支出, 合计: printed 79,189,400.34, but its columns add up to 79,189,400.00"
    has "$n: A4 kept as a comment" "$T/$n.bdl" "# page 8, line "
    w=$(grep -c 'warning: table' "$T/$n.err")
    same "$n: no other table warning" "$w" 4
done
# 万里街道 2023: no fault in the nine tables.
doc wanli-2023 department pdf "" 900
# 万里街道 2024: FAULTS.md A1, table 9's note says the table is empty: not the layout's note,
# so it is kept as a comment with a warning; the tables check clean.
for ext in pdf txt; do
    doc wanli-2024 department $ext "" 908 1
    n=wanli-2024.$ext
    [ -f "$T/$n.err" ] || continue
    has "$n: the one difference is the note" "$T/$n.cmp" "table 9 部门“三公”经费和机关运行经费预算表: 7/7 amounts, 1/1 labels, 1 differences"
    has "$n: A1 the note" "$T/$n.err" "table 9 (three-public) has a note the layout does not print under it"
    # (the project page is kept as comments: "a kind of table bdlc import does not read yet")
    w=$(grep 'warning: table' "$T/$n.err" | grep -vc 'does not read yet')
    same "$n: no other table warning" "$w" 1
done

# The style of each table as printed: 万里 2023 prints whole 元, blank zeros in table 1,
# 政府性基金 for 政府性基金预算; 2024's table 9 has no year in its title.
if [ "$pdf" = yes ]; then
    has "wanli-2023: decimals" "$T/wanli-2023.pdf.bdl" "    decimals 0"
    has "wanli-2023: a label" "$T/wanli-2023.pdf.bdl" '    label fund "政府性基金"'
    has "wanli-2023: blank zeros" "$T/wanli-2023.pdf.bdl" "    zero blank"
    has "wanli-2024: title" "$T/wanli-2024.pdf.bdl" '    title "部门“三公”经费和机关运行经费预算表"'
    has "sifaju-2026: page of a kept line" "$T/sifaju-2026.pdf.bdl" "# not placed, from page 1, line 1:"
fi

# ---- the narrative's facts (previous { … }, narrative { … }) from the 编制说明 and the 其他相关情况说明
# 万里街道 2024: the statements equal examples/shanghai-wanli-2024/narrative.bdl, written by hand
# (B2-B4 of its FAULTS.md included, as printed), and last year's budget as the reference states it
for ext in pdf txt; do
    n=wanli-2024.$ext
    [ -f "$T/$n.bdl" ] || continue
    python3 tests/import-shanghai/narrative.py "$T/$n.bdl" examples/shanghai-wanli-2024/narrative.bdl > "$T/$n.narr" 2>&1
    same "$n: narrative statements as written by hand" "$?:$(tail -1 "$T/$n.narr")" "0:41 statements, all equal"
    same "$n: previous { }" "$(sed -n '/^previous {/,/^}/p' "$T/$n.bdl" | tr -s ' ' | tr '\n' '|')" \
        "previous {| 一般公共预算资金 16,497.86 万元| 政府性基金预算资金 0.00 万元| 国有资本经营预算资金 0.00 万元| three-public 22.91 万元| overseas 0 万元| vehicle-purchase 0 万元| vehicle-operation 21.56 万元| reception 1.35 万元|}|"
done
# the stated figures agree with 2023's budget (E146 would say otherwise): the hand-written
# example with the imported previous block added checks as before
if [ -f "$T/wanli-2024.txt.bdl" ]; then
    mkdir -p "$T/ex"
    cp -r examples/shanghai-wanli-2023 examples/shanghai-wanli-2024 "$T/ex/"
    sed -n '/^previous {/,/^}/p' "$T/wanli-2024.txt.bdl" >> "$T/ex/shanghai-wanli-2024/narrative.bdl"
    same "wanli-2024: imported previous against 2023's root" "$(codes "$T/ex/shanghai-wanli-2024/budget.bdl")" \
        "$(codes examples/shanghai-wanli-2024/budget.bdl)"
fi
# 司法局 2026: its items give their codes; "比2026年预算增加793.14万元" (the wrong year, FAULTS.md) is
# still 9628.22 - 793.14 = 8835.08; 与2025年预算持平 is a comparison too
if [ -f "$T/sifaju-2026.txt.bdl" ]; then
    f=$T/sifaju-2026.txt.bdl
    same "sifaju-2026: all items" "$(grep -c '^    2[0-9]\{6\} execution' "$f")" 13
    has "sifaju-2026: an item" "$f" '    2040613 execution 60.41 万元 purpose "信息化建设及运行维护等方面的支出" reason "业务量增加"'
    has "sifaju-2026: last year's total" "$f" "    一般公共预算资金 8,835.08 万元"
    has "sifaju-2026: the reason of the totals" "$f" '    reason total "工作量增加"'
    has "sifaju-2026: 与…持平" "$f" '    reason overseas "因公出国（境）无变化"'
fi
# 本部: "主要原因是。" states nothing: no reason written
if [ -f "$T/sifaju-2026-benbu.txt.bdl" ]; then
    same "benbu: an empty reason is not written" "$(grep -c 'reason vehicle ' "$T/sifaju-2026-benbu.txt.bdl")" 0
    has "benbu: 与2025年预算数持平" "$T/sifaju-2026-benbu.txt.bdl" "    three-public 10.71 万元"
fi
# 万里街道 2023: "政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元" gives -1,421.25: said and kept
# as a comment, never written
if [ -f "$T/wanli-2023.pdf.bdl" ]; then
    has "wanli-2023: a comparison that cannot be right" "$T/wanli-2023.pdf.err" \
        "the narrative's comparison gives last year's 政府性基金预算资金 as -1,421.25 万元, which is no budget amount"
    has "wanli-2023: kept as a comment" "$T/wanli-2023.pdf.bdl" "    # not written: 政府性基金预算资金 -1,421.25 万元"
    same "wanli-2023: items" "$(grep -c '^    2[0-9]\{6\} execution' "$T/wanli-2023.pdf.bdl")" 34
fi

# ---- money from sources other than the fiscal ones (business/make.py made the fixtures from
# 司法局 2026's text): each such source is an `expenditure` block of its own, table 2's column
# row for row, each item's 基本支出/项目支出 from table 3 beyond the fiscal tables
b=tests/import-shanghai/business
"$BDLC" import "$b/published.txt" > "$T/biz.bdl" 2> "$T/biz.err"
same "sources: import exit status" "$?" 0
same "sources: no table warning" "$(grep -c 'warning: table' "$T/biz.err")" 0
has "sources: 事业收入 block" "$T/biz.bdl" "expenditure 事业收入资金 {"
has "sources: 其他收入 block" "$T/biz.bdl" "expenditure 其他收入资金 {"
has "sources: income" "$T/biz.bdl" "    事业收入资金        600,000.00"
has "sources: a basic leaf" "$T/biz.bdl" "    2040601 行政运行      total 100,000.00  basic 100,000.00"
has "sources: a project leaf" "$T/biz.bdl" "    2040699 其他司法支出  total 500,000.00                    project 500,000.00"
has "sources: a 类 row asserts the column" "$T/biz.bdl" "    204     公共安全支出  total 600,000.00"
same "sources: bdlc check codes" "$(codes "$T/biz.bdl")" "W134"
"$BDLC" fmt --check "$T/biz.bdl" > /dev/null 2>&1
same "sources: fmt --check" "$?" 0
"$BDLC" compile -f json -o "$T/biz.json" "$T/biz.bdl" > /dev/null 2>&1
same "sources: compile exit status" "$?" 0
python3 tests/shanghai/compare.py --tables "$b/published.txt" "$T/biz.json" > "$T/biz.cmp" 2>&1
same "sources: compare.py exit status" "$?" 0
has "sources: every number matched" "$T/biz.cmp" "all tables: 382/382 amounts matched"
# the inconsistent variant: table 2's 类 row 204 prints 650,000.00 of 事业收入 (its items give
# 600,000.00): bdlc check says so at that row of the 事业收入 block
"$BDLC" import "$b/inconsistent.txt" > "$T/bad.bdl" 2> /dev/null
same "sources, inconsistent: import exit status" "$?" 0
same "sources, inconsistent: bdlc check codes" "$(codes "$T/bad.bdl")" "E111 W134"
"$BDLC" check "$T/bad.bdl" > "$T/bad.out" 2>&1
has "sources, inconsistent: the row" "$T/bad.out" "the total of 204 公共安全支出 is written as 650,000.00, but its basic + project is 600,000.00"

# ---- -o DIR: a budget tree, all or nothing
src=examples/shanghai-sifaju-2026/published.txt
"$BDLC" import -o "$T/tree" "$src" 2> /dev/null
same "-o: exit status" "$?" 0
for f in budget.bdl income.bdl expenditure.bdl economic.bdl three-public.bdl style.bdl; do
    [ -f "$T/tree/$f" ] && ok || bad "-o: no $f in the tree: $(ls "$T/tree")"
done
has "-o: the root includes its fragments" "$T/tree/budget.bdl" 'include "expenditure.bdl"'
"$BDLC" fmt --check "$T/tree/"*.bdl > "$T/tree.fmt" 2>&1
same "-o: every file as bdlc fmt lays it out" "$?:$(cat "$T/tree.fmt")" "0:"
has "-o: the budget block stays in the root" "$T/tree/budget.bdl" "    layout shanghai"
same "-o: the tree checks as the one file" "$(codes "$T/tree/budget.bdl")" "W134"
"$BDLC" compile -f json -o "$T/tree.json" "$T/tree/budget.bdl" > /dev/null 2>&1
python3 tests/shanghai/compare.py --tables examples/shanghai-sifaju-2026/published.txt "$T/tree.json" > "$T/tree.cmp" 2>&1
has "-o: the tree compiles to the publication" "$T/tree.cmp" "all tables: 382/382 amounts matched"
# a non-empty DIR is refused before anything is read, and left as it was
"$BDLC" import -o "$T/tree" "$src" > "$T/again.out" 2> "$T/again.err"
same "-o: non-empty DIR: exit status" "$?" 2
has "-o: non-empty DIR: says so" "$T/again.err" "cannot write the budget tree into $T/tree: it is not empty"
same "-o: non-empty DIR: untouched" "$(ls "$T/tree" | tr '\n' ' ')" "budget.bdl economic.bdl expenditure.bdl income.bdl style.bdl three-public.bdl "
# an empty DIR is filled; a DIR that is a file is refused
mkdir "$T/empty"
"$BDLC" import -o "$T/empty" "$src" 2> /dev/null
same "-o: empty DIR: exit status" "$?" 0
[ -f "$T/empty/budget.bdl" ] && ok || bad "-o: empty DIR: no budget.bdl"
: > "$T/afile"
"$BDLC" import -o "$T/afile" "$src" 2> "$T/afile.err"
same "-o: DIR is a file: exit status" "$?" 2
has "-o: DIR is a file: says so" "$T/afile.err" "it exists and is not a folder"
# a document that cannot be read: exit 1, no DIR, nothing beside it
printf 'hello\nworld\n' > "$T/garbage.txt"
"$BDLC" import -o "$T/none" "$T/garbage.txt" 2> /dev/null
same "-o: unreadable document: exit status" "$?" 1
[ -e "$T/none" ] && bad "-o: unreadable document: DIR was made" || ok
# a DIR that cannot be made (its parent is a file): exit 2, nothing left
"$BDLC" import -o "$T/afile/sub" "$src" 2> "$T/sub.err"
same "-o: parent is a file: exit status" "$?" 2
same "-o: nothing left beside it" "$(ls "$T" | grep -c 'import-')" 0
# the Chongqing reference: one fragment per project
"$BDLC" import -o "$T/cq" examples/nanchuan-renda-2026/published.txt 2> /dev/null
same "-o: Chongqing: exit status" "$?" 0
np=$(ls "$T/cq/projects" 2> /dev/null | wc -l)
"$BDLC" import examples/nanchuan-renda-2026/published.txt > "$T/cq.bdl" 2> /dev/null
same "-o: Chongqing: a fragment per project" "$np" "$(grep -c '^project ' "$T/cq.bdl")"
same "-o: Chongqing: the tree checks as the one file" "$(codes "$T/cq/budget.bdl")" "$(codes "$T/cq.bdl")"

echo "import-shanghai: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
