#!/bin/sh
# tests/layout/run.sh BDLC — layouts as data (docs/en/reference.md, "Layout modules"):
#  - no string in src/ or grammar/ names a region, a table id of a stdlib layout (as a C
#    string) or a published title; the importer (src/import.c, import_*.c, import.h),
#    the reader of the Chongqing publication's text, is the one known exception (it
#    still knows that document's titles: moving it onto the layouts is issue 12's work);
#  - a third, test-only layout (fixtures/layout/minimal, two files) compiles through -I and
#    $BDL_PATH with its ids, numbers, titles, split code columns, unit, totals and notes;
#  - --layout shanghai renders every format; unknown and broken layouts are clean errors.
set -u
BDLC=${1:?usage: $0 path/to/bdlc}
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

# --- the grep: nothing in src/ or grammar/ names a region or a table
SRCS=$(ls src/*.c src/*.h grammar/* | grep -v '^src/import\(_[a-z]*\)\?\.[ch]$')
keywords=$(sed -n 's/^"\([a-z-]*\)"[[:space:]].*/\1/p' grammar/lexer.l)
for id in $(sed -n 's/^table \([a-z0-9-]*\).*/\1/p' stdlib/layout/*/*.layout | sort -u); do
    # an id that is also a BDL keyword (procurement, three-public) names a statement there
    echo "$keywords" | grep -qx -- "$id" && continue
    hits=$(grep -n -- "\"$id\"" $SRCS)
    [ -z "$hits" ] && ok || bad "src/grammar name the table id \"$id\": $hits"
done
for region in chongqing shanghai 重庆 上海 南川 普陀; do
    hits=$(grep -n -i -- "$region" $SRCS)
    [ -z "$hits" ] && ok || bad "src/grammar name the region $region: $hits"
done
sed -n 's/^ *title \(.*\)/\1/p' stdlib/layout/*/*.layout | grep -o '"[^"]*"' | tr -d '"' |
    sed 's/{year}//' | sort -u > "$T/titles"
while IFS= read -r title; do
    hits=$(grep -n -F -- "$title" $SRCS)
    [ -z "$hits" ] && ok || bad "src/grammar print the published title $title: $hits"
done < "$T/titles"
check "the grep found titles to look for" test "$(wc -l < "$T/titles")" -ge 19

# --- the test-only layout, through -I
EX=examples/nanchuan-renda-2026/corrected.bdl
"$BDLC" compile -I tests/layout/fixtures --layout minimal -f json -o "$T/min.json" "$EX" 2> "$T/err"
check "minimal: compiles through -I" test $? -eq 0
python3 - "$T/min.json" <<'PY' > "$T/py" 2>&1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["tables"]
assert [x["id"] for x in t] == ["by-function", "income", "empty-fund"], [x["id"] for x in t]
assert [x["number"] for x in t] == [7, 8, 9]
f = t[0]
assert f["title"] == "2026年按功能分类的支出", f["title"]
assert f["unit"] == "元"
assert [c["key"] for c in f["columns"]] == ["code-1", "code-2", "code-3", "name", "total", "basic"]
rows = f["rows"]
assert rows[-1]["name"] == "总计" and rows[-1]["code-1"] is None, rows[-1]   # total at the bottom
assert rows[0]["code-1"] == "201" and rows[0]["code-2"] is None, rows[0]
three = [r for r in rows if r["code-3"]][0]
assert len(three["code-1"] + three["code-2"] + three["code-3"]) == 7, three
# 万元 budget, a 元 table at 0 decimals: 2216.40 万元 = 22164000 元
assert str(rows[-1]["total"]) == "22164000", rows[-1]
i = d["tables"][1]
assert i["rows"][-1] == {"income-item": "收入合计", "income": 2216.40}, i["rows"][-1]
e = d["tables"][2]
assert e["note"] == "2026年没有基金支出。" and len(e["rows"]) == 1, e
print("ok")
PY
check "minimal: ids, numbers, titles, split codes, unit, totals, note ($(tail -1 "$T/py"))" grep -qx ok "$T/py"

# HTML: the test layout's unit line, split code columns and zero style
"$BDLC" compile -I tests/layout/fixtures --layout minimal -f html -o "$T/min.html" "$EX"
check "minimal html: its document title" grep -q "<title>.*2026年测试预算</title>" "$T/min.html"
check "minimal html: the table's own unit" grep -q "单位：元" "$T/min.html"
check "minimal html: 总计 spans the three code columns and the name" grep -q '<td class="label" colspan="4">总计' "$T/min.html"
check "minimal html: no grouping (22164000)" grep -q '>22164000<' "$T/min.html"

# CSV: index.csv lists the tables
"$BDLC" compile -I tests/layout/fixtures --layout minimal -f csv -o "$T/csv" "$EX"
check "minimal csv: index.csv" grep -q '^7,by-function,2026年按功能分类的支出,元,by-function.csv' "$T/csv/index.csv"
check "minimal csv: one file per table" test -f "$T/csv/empty-fund.csv"

# $BDL_PATH finds it too; -I wins over the built-in copy
BDL_PATH=$PWD/tests/layout/fixtures "$BDLC" compile --layout minimal -f json -o "$T/p.json" "$EX"
check "minimal: through BDL_PATH" cmp -s "$T/min.json" "$T/p.json"

# --- errors
"$BDLC" compile --layout nowhere -f json -o "$T/x.json" "$EX" 2> "$T/err"
check "unknown layout: exit 2" test $? -eq 2
check "unknown layout: says so and lists the built-in ones" grep -q "cannot find the layout 'nowhere'.*chongqing, shanghai" "$T/err"
check "unknown layout: nothing written" test ! -e "$T/x.json"
"$BDLC" compile -I tests/layout/fixtures --layout broken -f json -o "$T/x.json" "$EX" 2> "$T/err"
check "broken layout: exit 2" test $? -eq 2
check "broken layout: file line and word" grep -q "layout broken, line 4: 'rows' is 'function'.*sideways" "$T/err"
"$BDLC" compile -I tests/layout/fixtures --layout noform -f json "$EX" > /dev/null 2> "$T/err"
check "a form without its indicator columns is refused" grep -q "layout noform, line .*: a form (.rows indicators. or .rows projects.) ends with the columns" "$T/err"
"$BDLC" compile -I tests/layout/fixtures --layout binary -f json "$EX" > /dev/null 2> "$T/err"
check "a control character in a layout is refused, with its line" grep -q "layout binary, line 2: not UTF-8 text, or a control character" "$T/err"
"$BDLC" compile --layout ../x -f json "$EX" > /dev/null 2> "$T/err"
check "a path is not a layout name" grep -q "is not a layout name" "$T/err"

# --- shanghai renders in every format (a 万元 budget, 元 tables)
for f in json html; do
    "$BDLC" compile --layout shanghai -f $f -o "$T/sh.$f" "$EX"
    check "shanghai: -f $f" test $? -eq 0
done
"$BDLC" compile --layout shanghai -f csv -o "$T/shcsv" "$EX"
# nine tables, the two project pages (the reference budget describes projects), projects.csv, index
check "shanghai: -f csv, nine tables + the project pages + projects + index" test "$(ls "$T/shcsv" | wc -l)" -eq 13
check "shanghai: the project pages, numbered 10 and 11" grep -q '^11,project-forms,财政项目支出绩效目标填报表,' "$T/shcsv/index.csv"
check "shanghai: table 9 in 万元" grep -q '^9,three-public,2026年部门“三公”经费和机关运行经费预算表,万元' "$T/shcsv/index.csv"
# --- a budget's `table ID { … }` overrides reach the tables (万里 2024: its style.bdl,
# plus a column header and a {year} title of our own)
mkdir -p "$T/wanli" "$T/shanghai-wanli-2023" && cp -r examples/shanghai-wanli-2024/. "$T/wanli/"
cp -r examples/shanghai-wanli-2023/. "$T/shanghai-wanli-2023/" # the 2024 budget names it: previous "../shanghai-wanli-2023/budget.bdl"
sed -i 's/^table fund-expenditure {.*/&\n    column total "总计"\n    title "{year}年基金表"/' "$T/wanli/style.bdl"
"$BDLC" compile -f csv -o "$T/wanli/out" "$T/wanli/budget.bdl"
check "overrides: compiles" test $? -eq 0
check "overrides: title without the year, unit 万元" grep -q '^9,three-public,部门“三公”经费和机关运行经费预算表,万元,three-public.csv' "$T/wanli/out/index.csv"
check "overrides: a title with {year}" grep -q '^6,fund-expenditure,2024年基金表,' "$T/wanli/out/index.csv"
check "overrides: label general keeps the numbering, decimals 0" grep -q '^1\. 一般公共预算资金,156211123,' "$T/wanli/out/department-summary.csv"
check "overrides: label fund in 表4" grep -q '^二、政府性基金,' "$T/wanli/out/fiscal-summary.csv"
check "overrides: column total's header" grep -q '^类,款,项,功能分类科目名称,总计,基本支出,项目支出' "$T/wanli/out/fund-expenditure.csv"
check "overrides: label empty-row \"\" drops the 无 row of an empty table, its 合计 blank" \
    test "$(sed -n '2,$p' "$T/wanli/out/fund-expenditure.csv" | tr -d '\r')" = ",,,合计,,,"
"$BDLC" compile --layout shanghai -f csv -o "$T/shcsv2" examples/shanghai-sifaju-2026/budget.bdl 2> /dev/null
check "empty-row: the 无 row above a blank 合计 (司法局 2026 表7)" \
    test "$(sed -n '2,$p' "$T/shcsv2/capital-expenditure.csv" | tr -d '\r' | tr '\n' '|')" = "无,,,,,,|,,,合计,,,|"
sed -i 's/^table capital-expenditure {.*/&\n    column totl "总计"/' "$T/wanli/style.bdl"
"$BDLC" compile -f csv -o "$T/wanli/bad" "$T/wanli/budget.bdl" 2> "$T/err"
check "overrides: an unknown column key stops compile (E138)" grep -q 'error\[E138\]: the table capital-expenditure of the layout shanghai has no column totl' "$T/err"
# the plugins' libraries (fontconfig, pango) keep caches for the process: as tests/formats
export LSAN_OPTIONS="suppressions=$PWD/tests/formats/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for f in xlsx pdf; do
    "$BDLC" compile --layout shanghai -f $f -o "$T/sh.$f" "$EX" 2> "$T/err"
    rc=$?
    if grep -q "plugin" "$T/err"; then ok; else check "shanghai: -f $f" test $rc -eq 0; fi
done
echo "layout: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
