#!/bin/sh
# tests/import/run.sh BDLC — `bdlc import` (spec §7).
#
#  - Round trip on the reference document (examples/nanchuan-renda-2026/published.txt,
#    or $BDL_REFERENCE): the import is silent, `bdlc check` on it reports
#    exactly the document's real problems (E121 x3 and E120 on project
#    50011926T000005321589, W126 for 30113 against 2210201); with the three
#    repeated indicators removed it compiles, and every table equals the
#    reference (tests/compile/reference.py) and the hand-written example.
#  - A garbage file: exit 1, the line named, nothing on standard output.
#  - Lines that fit nowhere or disagree with what BDL derives: kept as
#    comments with a warning naming the line; the output still parses.
#  - Quoting and escapes, usage and I/O errors, standard input; valgrind
#    on a normal build.
# Prints "import: N passed, M failed".
set -u
BDLC=${1:?usage: tests/import/run.sh path/to/bdlc}
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
cd "$(dirname "$0")/../.." || exit 2
if [ ! -x "$BDLC" ]; then
    echo "FAIL: no compiler at $BDLC (run make)"
    echo "import: 0 passed, 1 failed"
    exit 1
fi
REF=${BDL_REFERENCE:-examples/nanchuan-renda-2026/published.txt}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect_status NAME WANT COMMAND...
expect_status() {
    n=$1 want=$2; shift 2
    "$@"; got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$n: exit status $got, expected $want"; fi
}
# has NAME FILE FIXED-STRING (runs of spaces count as one: alignment may change)
has() {
    if tr -s ' ' < "$2" | grep -qF -- "$(printf '%s' "$3" | tr -s ' ')"; then ok; else
        bad "$1: '$3' not in $2"; sed 's/^/    /' "$2" | head -20; fi
}
hasnt() {
    if grep -qF -- "$3" "$2"; then bad "$1: '$3' found in $2"; else ok; fi
}
# codes FILE.json: the diagnostic codes of a JSON report, sorted
codes() {
    python3 -c 'import json,sys; print(" ".join(sorted(d["code"] for d in json.load(open(sys.argv[1])))))' "$1"
}
# no_syntax_errors BDLFILE: bdlc reads the whole file (no E001–E010)
no_syntax_errors() {
    "$BDLC" check --max-errors 0 --diagnostics-format json "$1" > "$T/syn.json" 2>/dev/null
    c=$(python3 -c 'import json,sys; print(" ".join(d["code"] for d in json.load(open(sys.argv[1])) if d["code"] < "E011"))' "$T/syn.json")
    if [ -z "$c" ]; then ok; else bad "$1 does not parse: $c"; fi
}

if [ ! -f "$REF" ]; then
    echo "FAIL: the reference document $REF is missing (set BDL_REFERENCE)"
    echo "import: 0 passed, 1 failed"
    exit 1
fi

# ------------------------------------------------------------ round trip
expect_status "import the reference" 0 "$BDLC" import "$REF" > "$T/budget.bdl" 2> "$T/import.err"
if [ -s "$T/import.err" ]; then bad "the reference imports with warnings:"; cat "$T/import.err"; else ok; fi
"$BDLC" import "$REF" > "$T/again.bdl" 2>/dev/null
if cmp -s "$T/budget.bdl" "$T/again.bdl"; then ok; else bad "two imports differ (output must be deterministic)"; fi
head -c 200 "$T/budget.bdl" | grep -q '^# ' && ok || bad "no header comment"
has "root file" "$T/budget.bdl" 'import "cn/2026"'
has "department" "$T/budget.bdl" 'department 204 "重庆市南川区人民代表大会常务委员会办公室"'
has "agency (编制单位： with and without a space)" "$T/budget.bdl" 'agency 204001 "重庆市南川区人民代表大会常务委员会办公室（本级）"'
has "合计 row as an assertion" "$T/budget.bdl" 'total 2,216.40  basic 1,529.94  project 686.46'
has "shifted department indicator" "$T/budget.bdl" '产出指标/数量指标/建设代表之家（站、点）'
has "shifted project indicator" "$T/budget.bdl" '效益指标/可持续发展指标/保证阅文系统正常运行'
hasnt "<p> stripped" "$T/budget.bdl" '<p>'
hasnt "superior only when published" "$T/budget.bdl" 'superior'
hasnt "nothing left unplaced" "$T/budget.bdl" 'not placed'
n=$(grep -c '^project ' "$T/budget.bdl")
[ "$n" -eq 12 ] && ok || bad "12 projects expected, got $n"
n=$(grep -c '^ *indicator ' "$T/budget.bdl")
[ "$n" -eq 69 ] && ok || bad "69 indicator lines expected (9 + 60 as published), got $n"

expect_status "check the import" 1 "$BDLC" check --diagnostics-format json --max-errors 0 "$T/budget.bdl" > "$T/diag.json" 2>/dev/null
got=$(codes "$T/diag.json")
[ "$got" = "E120 E121 E121 E121 W126" ] && ok || bad "diagnostics of the import: '$got', expected 'E120 E121 E121 E121 W126'"
python3 - "$T/diag.json" "$T/budget.bdl" <<'EOF' && ok || bad "the diagnostics are not where the document's problems are"
import json, sys
diags = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
def line(d): return lines[d["line"] - 1]
e120 = [d for d in diags if d["code"] == "E120"]
assert len(e120) == 1 and line(e120[0]).startswith("project 50011926T000005321589 "), e120
proj = e120[0]["line"]
end = next(i for i in range(proj, len(lines)) if lines[i] == "}") + 1
for d in diags:
    if d["code"] == "E121":
        assert proj < d["line"] < end, d
w = [d for d in diags if d["code"] == "W126"]
assert len(w) == 1 and "30113" in line(w[0]) and "89.62" in line(w[0]), w
EOF

# remove the document's real problems: the three repeated indicators
python3 - "$T/diag.json" "$T/budget.bdl" "$T/fixed.bdl" <<'EOF'
import json, sys
drop = {d["line"] for d in json.load(open(sys.argv[1])) if d["code"] == "E121"}
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
open(sys.argv[3], "w", encoding="utf-8").write("\n".join(l for i, l in enumerate(lines, 1) if i not in drop))
EOF
expect_status "check without the repeats" 0 "$BDLC" check --diagnostics-format json "$T/fixed.bdl" > "$T/diag2.json" 2>/dev/null
got=$(codes "$T/diag2.json")
[ "$got" = "W126" ] && ok || bad "diagnostics without the repeats: '$got', expected 'W126'"
expect_status "compile the import" 0 "$BDLC" compile -f json -o "$T/import.json" "$T/fixed.bdl" 2>/dev/null
if [ -f tests/compile/reference.py ]; then
    if python3 tests/compile/reference.py "$REF" "$T/import.json" > "$T/ref.out"; then ok; else
        bad "the compiled import differs from the reference:"; head -40 "$T/ref.out"; fi
fi
"$BDLC" compile -f json -o "$T/example.json" examples/nanchuan-renda-2026/corrected.bdl 2>/dev/null
python3 - "$T/import.json" "$T/example.json" <<'EOF' && ok || bad "the compiled import differs from the hand-written example"
import json, sys
def raw(p):
    return json.loads(open(p, encoding="utf-8").read(), parse_float=str, parse_int=str)
a, b = raw(sys.argv[1]), raw(sys.argv[2])
assert a["budget"] == b["budget"], (a["budget"], b["budget"])
for x, y in zip(a["tables"], b["tables"]):
    assert x == y, "table %s differs" % x["id"]
assert len(a["tables"]) == len(b["tables"])
assert a["projects"] == b["projects"], "projects differ"
EOF

# ------------------------------------------------- layouts it cannot read
printf 'hello world\nfoo\tbar\n' > "$T/garbage.txt"
expect_status "garbage" 1 "$BDLC" import "$T/garbage.txt" > "$T/garbage.out" 2> "$T/garbage.err"
[ -s "$T/garbage.out" ] && bad "garbage: something was written to stdout" || ok
has "garbage names the line" "$T/garbage.err" "garbage.txt:1: error:"
has "garbage quotes the line" "$T/garbage.err" "hello world"
: > "$T/empty.txt"
expect_status "empty file" 1 "$BDLC" import "$T/empty.txt" > "$T/empty.out" 2>/dev/null
[ -s "$T/empty.out" ] && bad "empty: something was written" || ok
printf '2026年项目支出绩效目标表\n\262\342\312\324\n' > "$T/gbk.txt"
expect_status "invalid UTF-8" 1 "$BDLC" import "$T/gbk.txt" > "$T/gbk.out" 2> "$T/gbk.err"
has "invalid UTF-8 names line 2" "$T/gbk.err" "gbk.txt:2: error:"
[ -s "$T/gbk.out" ] && bad "invalid UTF-8: something was written" || ok
# a known table whose header bdlc cannot map: no half file
printf '一般公共预算财政拨款支出预算表\n单位：万元\n甲\t乙\t丙\n201\t一般公共服务支出\t1.00\n' > "$T/header.txt"
expect_status "unknown header" 1 "$BDLC" import "$T/header.txt" > "$T/header.out" 2> "$T/header.err"
has "unknown header names its line" "$T/header.err" "header.txt:3: error:"
[ -s "$T/header.out" ] && bad "unknown header: something was written" || ok
# a cell past column 64 is kept as a comment like any cell without a column
# (in a performance form's row it was once dropped without a word)
python3 - "$REF" "$T/wide.txt" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = s.index("2101101\t行政单位医疗\t67.17\t67.17\t")            # a grid row
s[i] = s[i] + "\t" * 60 + "wide-grid"
j = next(k for k, l in enumerate(s) if l.startswith("项目名称\t"))  # a form row
s[j] = s[j] + "\t" * 70 + "wide-form"
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(s))
EOF
expect_status "cells past column 64" 0 "$BDLC" import "$T/wide.txt" > "$T/wide.bdl" 2> "$T/wide.err"
for w in grid form; do
    line=$(grep -n "wide-$w\$" "$T/wide.txt" | cut -d: -f1)
    has "a cell past column 64 ($w row): warning" "$T/wide.err" "wide.txt:$line: warning:"
    has "a cell past column 64 ($w row): comment" "$T/wide.bdl" "# not placed, line $line:"
done

# -------------------------------------------- it never passes off a guess
# A real document in a layout bdlc has no module for (the Shanghai text with its
# titles' 部门 changed to 某某, so no layout's title matches): exit 1, nothing written,
# the layout and titles it reads named, and what it saw.
SH=$T/dept.txt
sed 's/部门/某某/g' tests/data/shanghai/sifaju-2026/dept.txt > "$SH"
expect_status "Shanghai layout" 1 "$BDLC" import "$SH" > "$T/sh.out" 2> "$T/sh.err"
[ -s "$T/sh.out" ] && bad "Shanghai layout: something was written to stdout" || ok
has "Shanghai: says it found none" "$T/sh.err" "dept.txt:1: error: this document has none of the tables bdlc import reads, so there is nothing to import"
has "Shanghai: names the layout" "$T/sh.err" "bdlc import reads one layout, the tab-separated tables of a Chongqing department budget"
has "Shanghai: lists the titles it reads" "$T/sh.err" "with titles ending in 财政拨款收支总表, 一般公共预算财政拨款支出预算表, 一般公共预算财政拨款基本支出预算表, 一般公共预算“三公”经费支出表, 政府性基金预算支出表, 部门收支总表, 部门支出总表, 政府采购预算明细表, 部门整体绩效目标表 and 项目支出绩效目标表"
has "Shanghai: names the titles it saw" "$T/sh.err" "this document's tables are titled “2026年某某财务收支预算总表” (line 138), “2026年某某收入预算总表” (line 155), “2026年某某支出预算总表” (line 198), “2026年某某财政拨款收支预算总表” (line 227) and 5 more"
# its columns of spaces are read as cells (pdftotext -layout): no "no cells" note
grep -q "no line of this document has cells" "$T/sh.err" && bad "Shanghai: layout text not read as cells" || ok
printf 'a list\nof words\n' > "$T/nocells.txt"
expect_status "no cells" 1 "$BDLC" import "$T/nocells.txt" > /dev/null 2> "$T/nocells.err"
has "no cells: says so" "$T/nocells.err" "no line of this document has cells: bdlc import reads cells separated by tabs"
has "Shanghai: nothing written" "$T/sh.err" "bdlc: import: nothing was written"
has "garbage: the first lines it looked at" "$T/garbage.err" "the first lines it looked at are “hello world” (line 1)"
# a lone line above a title, said by no other table, is not the department's name
printf '%s\n' '详见单位的' '2025年项目支出绩效目标表' '单位：万元' \
    '项目名称	301X0001-某项目	业务主管部门	某某局' '当年预算（万元）	10.00	本级安排（万元）	10.00' \
    '绩效指标	一级指标	二级指标	三级指标	指标权重	计量单位	指标性质	指标值	是否核心指标' \
    '	产出指标	数量指标	次数	100	次	≥	1	是' > "$T/guess.txt"
expect_status "an unconfirmed heading" 0 "$BDLC" import "$T/guess.txt" > "$T/guess.bdl" 2> "$T/guess.err"
[ "$(grep -c '详见单位的' "$T/guess.bdl")" -eq 1 ] && ok || bad "an unconfirmed heading is used outside its comment"
has "an unconfirmed heading: kept as a comment" "$T/guess.bdl" "#     详见单位的"
has "an unconfirmed heading: warning" "$T/guess.err" "guess.txt:1: warning: the line above the table on line 2 is not taken as the department's name"
# a last line that ends like a title: no table, no department name, kept as a comment
{ tail -n +2 "$T/guess.txt"; printf '具体项目情况详见单位的项目支出绩效目标表\n'; } > "$T/last.txt"
expect_status "a sentence ending like a title" 0 "$BDLC" import "$T/last.txt" > "$T/last.bdl" 2> "$T/last.err"
head -n 1 "$T/last.bdl" | grep -q '^# 2025年部门预算' && ok || bad "a sentence ending like a title names the department: $(head -n 1 "$T/last.bdl")"
has "a sentence ending like a title: comment" "$T/last.bdl" "# not placed, line 7: this line ends like the title of a 项目支出绩效目标表, but no table follows it"
has "a sentence ending like a title: warning" "$T/last.err" "last.txt:7: warning: this line ends like the title"
hasnt "a sentence ending like a title: no department" "$T/last.bdl" "department"
# the unit comes from the tables' 单位 line or their labels, never a default
printf '%s\n' '一般公共预算财政拨款支出预算表' '单位：元' '功能分类科目		2026年预算数' \
    '科目编码	科目名称	总计	基本支出	项目支出' '201	一般公共服务支出	10.00	10.00	' \
    '20101	人大事务	10.00	10.00	' '2010101	行政运行	10.00	10.00	' > "$T/yuan.txt"
expect_status "unit 元" 0 "$BDLC" import "$T/yuan.txt" > "$T/yuan.bdl" 2>/dev/null
has "unit 元 from 单位：元" "$T/yuan.bdl" "    unit 元"
grep -v '单位：元' "$T/yuan.txt" > "$T/nounit.txt"
expect_status "no unit line" 0 "$BDLC" import "$T/nounit.txt" > "$T/nounit.bdl" 2> "$T/nounit.err"
hasnt "no unit line: no unit written" "$T/nounit.bdl" "    unit "
has "no unit line: said in the file" "$T/nounit.bdl" "# unit: no table of the document prints its unit (单位：万元 or 单位：元)"
has "no unit line: warning" "$T/nounit.err" "nounit.txt:1: warning: no table prints its unit (单位：万元 or 单位：元): the budget block has no \`unit\`"
sed 's/（万元）/（元）/g; /单位：万元/d' "$T/guess.txt" > "$T/label.txt"
expect_status "unit from a label" 0 "$BDLC" import "$T/label.txt" > "$T/label.bdl" 2>/dev/null
has "unit 元 from 当年预算（元）" "$T/label.bdl" "    unit 元"

# ------------------------------------------------ what it cannot place
python3 - "$REF" "$T/unplaced.txt" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = s.index("2101101\t行政单位医疗\t67.17\t67.17\t")          # first function table
s[i] = "2101101\t行政单位医疗\tabc\t67.17\t"
j = s.index("国有资本经营预算资金\t\t卫生健康支出\t75.50\t75.50\t\t")  # summary: differs from the function table
s[j] = "国有资本经营预算资金\t\t卫生健康支出\t75.51\t75.51\t\t"
s.insert(s.index("重庆市南川区人民代表大会常务委员会办公室部门整体绩效目标表"), "某某部门收入总表\n项目\t金额")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(s))
EOF
expect_status "unplaced rows" 0 "$BDLC" import "$T/unplaced.txt" > "$T/unplaced.bdl" 2> "$T/unplaced.err"
line=$(grep -n "	abc	" "$T/unplaced.txt" | head -1 | cut -d: -f1)
has "warning names the row's line" "$T/unplaced.err" "unplaced.txt:$line: warning:"
has "the row is kept as a comment" "$T/unplaced.bdl" "# not placed, line $line:"
has "with its text" "$T/unplaced.bdl" "2101101 | 行政单位医疗 | abc | 67.17"
line=$(grep -n "	75.51	" "$T/unplaced.txt" | cut -d: -f1)
has "a summary cell that differs: warning" "$T/unplaced.err" "unplaced.txt:$line: warning:"
has "a summary cell that differs: comment" "$T/unplaced.bdl" "# not placed, line $line:"
has "an unknown table: warning" "$T/unplaced.err" "is not a table bdlc imports"
has "an unknown table: comment" "$T/unplaced.bdl" "某某部门收入总表"
no_syntax_errors "$T/unplaced.bdl"

# ----------------------------------------------- quoting, escapes, stdin
printf '%s\n' '2025年项目支出绩效目标表' '编制单位： 301001-某某局（本级）' '单位：万元' \
    '项目名称	301X0001-测"引号"与\反斜杠	业务主管部门	某某局' \
    '预算执行率权重	10	项目分类	一般性 项目' \
    '当年预算（万元）	1,234.5678	本级安排（万元）	1,000.0000' \
    '	上级补助（万元）	234.5678' \
    '项目概述	<p>第一段。</p><p>第二段&nbsp;&amp;更多</p>' \
    '立项依据	依据' '当年绩效目标	目标' \
    '绩效指标	一级指标	二级指标	三级指标	指标权重	计量单位	指标性质	指标值	是否核心指标' \
    '	产出指标	数量指标	规范相关经济，社会持续发展	30	次/年	≥	1,000	是' \
    '			延续上一级	30	%	=	95	否' \
    '	满意度指标	服务对象满意度指标	total	30		定性	好	否' > "$T/synth.txt"
expect_status "synthetic project" 0 "$BDLC" import - < "$T/synth.txt" > "$T/synth.bdl" 2> "$T/synth.err"
has "escaped quotes and backslash" "$T/synth.bdl" 'project 301X0001 "测\"引号\"与\\反斜杠" {'
has "a name with a space is quoted" "$T/synth.bdl" 'category "一般性 项目"'
has "a name with ， is quoted" "$T/synth.bdl" '/"规范相关经济，社会持续发展" ≥ 1,000 "次/年"'
has "a keyword as a name is quoted" "$T/synth.bdl" '/"total"'
has "merged level cells are filled down" "$T/synth.bdl" '产出指标/数量指标/延续上一级'
has "superior when published" "$T/synth.bdl" 'superior 234.5678'
has "decimals follow the document" "$T/synth.bdl" 'decimals 4'
has "paragraphs become line breaks" "$T/synth.bdl" '"第一段。\n第二段 &更多"'
has "qualitative" "$T/synth.bdl" 'qualitative "好"'
has "no department: a warning" "$T/synth.err" "no department code"
expect_status "synthetic checks clean" 0 "$BDLC" check "$T/synth.bdl" 2>/dev/null

# ------------------------------------------------------- command line
expect_status "no file" 2 "$BDLC" import 2>/dev/null
expect_status "two files" 2 "$BDLC" import "$REF" "$REF" > /dev/null 2>&1
expect_status "unknown option" 2 "$BDLC" import --frobnicate "$REF" > /dev/null 2>&1
expect_status "missing file" 2 "$BDLC" import "$T/no-such-file.txt" > /dev/null 2>&1
expect_status "a directory" 2 "$BDLC" import "$T" > /dev/null 2>&1
expect_status "--help" 0 "$BDLC" import --help > "$T/help.txt"
has "--help" "$T/help.txt" "usage: bdlc import"

# ------------------------------------------------------------ valgrind
# (not on a sanitizer build: ASan and valgrind exclude each other)
if ! grep -q __asan_init "$BDLC" && ! command -v valgrind > /dev/null 2>&1; then
    bad "valgrind is not installed (Debian package valgrind)"
elif ! grep -q __asan_init "$BDLC"; then
    for f in "$REF" "$T/unplaced.txt" "$T/synth.txt" "$T/garbage.txt" "$T/gbk.txt" "$SH" "$T/guess.txt" "$T/nounit.txt"; do
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            "$BDLC" import "$f" > /dev/null 2>&1
        [ $? -eq 99 ] && bad "valgrind finds a problem in: bdlc import $f" || ok
    done
fi


# ------------------------------------------------ PDF and pdftotext -layout
# The PDF is read through pdfin.so (poppler) and the grid builder; the same
# grid builder reads `pdftotext -layout` text.  A Shanghai document is read
# through its layout module (tests/import-shanghai has the figures); its
# messages name the page.
SHPDF=examples/shanghai-sifaju-2026/published.pdf
if [ -f "$(dirname "$BDLC")/lib/bdlc/pdfin.so" ]; then
    expect_status "PDF: Shanghai" 0 "$BDLC" import "$SHPDF" > "$T/shpdf.out" 2> "$T/shpdf.err"
    has "PDF: the layout it read" "$T/shpdf.err" "published.pdf: read as layout shanghai, variant department: 9 of its 9 tables recognised"
    has "PDF: names the page" "$T/shpdf.err" "published.pdf: page 1: warning: 103 lines outside the tables (from page 1), kept as comments"
    has "PDF: the title's page in the output" "$T/shpdf.out" "# 表1 2026年部门财务收支预算总表 (department-summary, page 10, line 104)"
    python3 tests/review/hostile.py "$T/h" "$SHPDF"
    for case in "empty:the file is empty (0 bytes)" "notpdf:not a PDF (no %PDF- header)" \
                "truncated:not a readable PDF: " "encrypted:the PDF is encrypted: its text cannot be read without the password" \
                "scanned:no page of the PDF has text: a scanned document has to go through OCR first"; do
        name=${case%%:*} msg=${case#*:}
        expect_status "PDF: $name" 1 "$BDLC" import "$T/h/$name.pdf" > "$T/h.out" 2> "$T/h.err"
        [ -s "$T/h.out" ] && bad "PDF: $name: something written" || ok
        has "PDF: $name: says so" "$T/h.err" "$name.pdf: error: $msg"
    done
    # a .pdf that is not one: named by its name, not read as text
    cp "$REF" "$T/ref.pdf"
    expect_status "PDF: text named .pdf" 1 "$BDLC" import "$T/ref.pdf" > /dev/null 2> "$T/refpdf.err"
    has "PDF: text named .pdf: says so" "$T/refpdf.err" "not a PDF (no %PDF- header)"
    # no plugin: exit 2 and how to build it
    expect_status "PDF: no plugin" 2 env BDL_PLUGIN_DIR="$T/none" "$BDLC" import "$SHPDF" > /dev/null 2> "$T/noplug.err"
    has "PDF: no plugin: says which" "$T/noplug.err" "reading a PDF needs the plugin $T/none/pdfin.so"
else
    bad "PDF: no pdfin.so beside $BDLC (install libpoppler-glib-dev and run make)"
fi
# the text of pdftotext -layout: the same document, the same titles, by line
expect_status "layout text: Shanghai" 0 "$BDLC" import examples/shanghai-sifaju-2026/published.txt > "$T/shtxt.out" 2> "$T/shtxt.err"
has "layout text: the layout it read" "$T/shtxt.err" "published.txt: read as layout shanghai, variant department: 9 of its 9 tables recognised"
has "layout text: titles at their lines, pages from the form feeds" "$T/shtxt.out" "# 表1 2026年部门财务收支预算总表 (department-summary, page 10, line 138)"

echo "import: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
