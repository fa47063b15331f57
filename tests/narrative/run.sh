#!/bin/sh
# tests/narrative/run.sh BDLC — last year and the narrative (issue 13):
#   - 万里 2024 names 2023 (`previous`): it checks clean, and every comparison its
#     publication states is generated with the same figures, but for the places
#     FAULTS.md lists (B2 B3 B4) and three percentages the publication computed from
#     its rounded 万元 figures (compare.py);
#   - the wording and arithmetic: 增加100.00% on a zero base, 持平 without a
#     percentage, a percentage rounded half away from zero from exact amounts;
#   - the templates are data: a test layout's changed sentence needs no rebuild; a
#     template error is exit status 2 naming the template's line;
#   - JSON and HTML: the sections, before and after the tables, in the contents;
#     deterministic; a budget without `narrative` or `previous` has none.
set -u
BDLC=${1:?usage: $0 path/to/bdlc}
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0
check() { name=$1; shift; if "$@"; then pass=$((pass + 1)); else echo "FAIL: $name"; fail=$((fail + 1)); fi; }
W=$ROOT/examples/shanghai-wanli-2024

# --- 万里 2024 against its publication
"$BDLC" check "$W/budget.bdl" > "$T/check.out" 2>&1
check "wanli 2024 checks clean, with 2023 as its previous year" test $? -eq 0 -a ! -s "$T/check.out"
python3 "$ROOT/tests/narrative/compare.py" "$BDLC" "$W" > "$T/cmp" 2>&1
check "compare: no unexplained difference" test $? -eq 0
check "compare: the faults are B2 (item 4), B3 (item 15), B4 (item 31)" \
    test "$(grep '^FAULT' "$T/cmp" | sed 's/^FAULT: item \([0-9]*\) .*/\1/' | tr '\n' ' ')" = "4 15 31 "
# items 12 13 22: the publication's percentages are from its printed 万元 figures, and so
# are bdlc's: the execution is a stated figure (reference, "How a change is computed")
check "compare: every other comparison matches" grep -q '^sentences generated [0-9]*, comparisons 275, matched 274, rounded 0, faults 3, other 0$' "$T/cmp"
sed 's/^/    /' "$T/cmp"

# --- 司法局 2026 against its publication: last year only as stated figures (previous { })
S=$ROOT/examples/shanghai-sifaju-2026
"$BDLC" check "$S/budget.bdl" > "$T/scheck.out" 2>&1
check "sifaju 2026 checks with the one W134 of the tables (FAULTS.md A1)" \
    test "$(grep -c 'warning\[' "$T/scheck.out")" -eq 1 -a "$(grep -c 'warning\[W134\]' "$T/scheck.out")" -eq 1
python3 "$ROOT/tests/narrative/compare.py" "$BDLC" "$S" > "$T/scmp" 2>&1
check "sifaju compare: no unexplained difference" test $? -eq 0
check "sifaju compare: B1, the wrong year, in its five places" \
    test "$(grep -c '^FAULT: .*: compared with 2026年预算; last year is 2025$' "$T/scmp")" -eq 5
check "sifaju compare: B2 (item 6), B3 (item 9), B4 (item 12)" \
    test "$(grep '^FAULT: item' "$T/scmp" | sed 's/^FAULT: item \([0-9]*\) .*/\1/' | tr '\n' ' ')" = "6 9 12 "
check "sifaju compare: item 7's percentage is from the exact amount (the other method)" \
    test "$(grep '^ROUNDED' "$T/scmp" | sed 's/^ROUNDED: item \([0-9]*\) .*/\1/' | tr '\n' ' ')" = "7 "
check "sifaju compare: every other comparison matches" \
    grep -q '^sentences generated [0-9]*, comparisons 135, matched 126, rounded 1, faults 8, other 0$' "$T/scmp"
sed 's/^/    /' "$T/scmp"
"$BDLC" compile -f json "$S/budget.bdl" > "$T/sj.json" 2>/dev/null
check "stated precision: 9.98 万元 against a stated 9.98 is 持平" grep -q '公务用车运行费9.98万元，比2025年预算持平' "$T/sj.json"
check "stated precision: a stated 0 is exact (9628.22 against 8835.08 + 0 + 0: 793.14)" \
    grep -q '财政拨款收入9628.22万元，比2025年预算增加793.14万元' "$T/sj.json"
check "item 10: 0.644 万元 at the 0.01 of its stated execution 0.50: 28.00%" grep -q '比2025年预算执行数增加28.00%' "$T/sj.json"
check "the 三公 合计 as table 9 prints it (10.81 as published)" grep -q '“三公”经费预算数为10.81万元，比2025年预算持平' "$T/sj.json"

"$BDLC" compile -f json "$W/budget.bdl" > "$T/w.json"
check "json: sections duties organisation plan other" \
    test "$(python3 -c 'import json,sys; print(" ".join(s["id"]+":"+s["place"] for s in json.load(open(sys.argv[1]))["narrative"]["sections"]))' "$T/w.json")" = \
    "duties:before organisation:before plan:before other:after"
check "zero base: 增加100.00% (2059999, executed 0.00)" grep -q '2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%' "$T/w.json"
check "unchanged: 持平, no percentage" grep -q '2024年预算安排10.00万元，比2023年预算执行数持平。主要原因是：科普活动经费保持不变。' "$T/w.json"
check "totals: the change from exact amounts (164,978,640 − 156,211,123 元)" grep -q '财政拨款收入15621.11万元，比2023年预算减少876.75万元；' "$T/w.json"
check "三公: figures trimmed as published (25, 0)" grep -q '公务用车购置费25万元，比2023年预算增加25万元' "$T/w.json"
# (the schema's tables are Chongqing's ten: only the narrative is validated here)
python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2]))["narrative"], json.load(open(sys.argv[1]))["properties"]["narrative"])' \
    "$ROOT/tests/compile/bdl-output.schema.json" "$T/w.json" > "$T/schema.err" 2>&1
check "json: the narrative is valid against tests/compile/bdl-output.schema.json" test $? -eq 0
"$BDLC" compile -f json "$W/budget.bdl" | cmp -s - "$T/w.json"
check "json: deterministic" test $? -eq 0

# --- HTML: the sections around the tables, in the contents
"$BDLC" compile -f html -o "$T/w.html" "$W/budget.bdl"
check "html: the 编制说明 before the first table" \
    test "$(grep -n 'id="n-plan"' "$T/w.html" | cut -d: -f1)" -lt "$(grep -n 'id="department-summary"' "$T/w.html" | cut -d: -f1)"
check "html: 其他相关情况说明 after the last table" \
    test "$(grep -n 'id="n-other"' "$T/w.html" | cut -d: -f1)" -gt "$(grep -n 'id="three-public"' "$T/w.html" | cut -d: -f1)"
check "html: the contents name the sections" grep -q '<li><a href="#n-plan">2024年部门预算编制说明</a></li>' "$T/w.html"

# --- the whole document in a real browser: every paragraph rendered, printed on A4,
# the 编制说明 before the tables and 其他相关情况说明 after them, each on its own page
if ! command -v chromium > /dev/null || ! command -v pdftotext > /dev/null; then
    check "chromium and pdftotext (Debian chromium, poppler-utils) are installed" false
else
    profile=$(mktemp -d)
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom "file://$T/w.html" \
        > "$T/dom.html" 2> "$T/chromium.log"
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --no-pdf-header-footer \
        --print-to-pdf="$T/w.pdf" "file://$T/w.html" >> "$T/chromium.log" 2>&1
    rm -rf "$profile"
    python3 - "$T/w.json" "$T/dom.html" > "$T/dom.err" <<'EOP'
import html, json, re, sys
d = json.load(open(sys.argv[1]))
dom = html.unescape(re.sub(r"<[^>]+>", "\n", open(sys.argv[2], encoding="utf-8").read()))
lines = {l.strip() for l in dom.split("\n")}
missing = [p for s in d["narrative"]["sections"] for p in [s["title"]] + s["paragraphs"] if p not in lines]
print("\n".join(missing))
sys.exit(1 if missing else 0)
EOP
    check "browser: every title and paragraph of the narrative is rendered" test $? -eq 0
    pdfinfo "$T/w.pdf" > "$T/pdfinfo" 2>/dev/null
    check "print: A4 pages" grep -q '^Page size:.*(A4)' "$T/pdfinfo"
    pages=$(sed -n 's/^Pages: *//p' "$T/pdfinfo")
    page_of() { # the first page after the contents whose text holds $1
        i=2
        while [ "$i" -le "${pages:-0}" ]; do
            pdftotext -f "$i" -l "$i" -layout "$T/w.pdf" - 2>/dev/null | tr -d ' ' | grep -qF "$1" && { echo "$i"; return; }
            i=$((i + 1))
        done
        echo 0
    }
    p_plan=$(page_of '2024年部门预算编制说明'); p_t1=$(page_of '2024年部门财务收支预算总表')
    p_t9=$(page_of '部门“三公”经费和机关运行经费预算表'); p_other=$(page_of '一、2024年“三公”经费预算情况说明')
    check "print: the 编制说明 ($p_plan) before table 1 ($p_t1)" test "$p_plan" -gt 0 -a "$p_plan" -lt "$p_t1"
    check "print: 其他相关情况说明 ($p_other) after table 9 ($p_t9)" test "$p_t9" -gt 0 -a "$p_other" -gt "$p_t9"
    check "print: the contents page names the sections" sh -c "pdftotext -f 1 -l 1 '$T/w.pdf' - | tr -d ' ' | grep -qF 2024年部门预算编制说明"
fi

# --- no narrative or previous: no narrative, the output as before
"$BDLC" compile -f json "$ROOT/examples/shanghai-wanli-2023/budget.bdl" > "$T/s.json" 2>/dev/null
check "a budget without narrative or previous has none" test "$(grep -c '"narrative"' "$T/s.json")" -eq 0

# --- arithmetic: half away from zero, from exact amounts
mkdir -p "$T/a"
cat > "$T/a/2025.bdl" <<'EOB'
import "cn/2025"
budget 2025 {
    layout shanghai
    department "某区司法局"
}
income {
    一般公共预算资金 16.00
}
expenditure {
    2010101 行政运行 basic 16.00
}
EOB
cat > "$T/a/budget.bdl" <<'EOB'
import "cn/2026"
budget 2026 {
    layout shanghai
    department "某区司法局"
    previous "2025.bdl"
}
income {
    一般公共预算资金 16.01
}
expenditure {
    2010101 行政运行 basic 8.01
    2010102 一般行政管理事务 basic 8.00
}
narrative {
    2010101 execution 8.00 purpose "机关运行"
    2010102 execution 0.03 purpose "管理事务" reason "增加"
}
EOB
"$BDLC" compile -f json "$T/a/budget.bdl" > "$T/a.json" 2> "$T/a.err"
check "small budget compiles" test $? -eq 0
check "0.125% prints 0.13% (half away from zero, not to even)" grep -q '比2025年预算执行数增加0.13%' "$T/a.json"
check "26566.666…% prints 26566.67%" grep -q '比2025年预算执行数增加26566.67%' "$T/a.json"
check "a change of 0.01 万元 prints 0.01" grep -q '财政拨款收入16.01万元，比2025年预算增加0.01万元' "$T/a.json"
check "no reason needed below the threshold; W147 only where needed" test ! -s "$T/a.err"

# --- templates are data: a test layout's sentence, no rebuild
mkdir -p "$T/lib/layout/shanghai"
cp "$ROOT/stdlib/layout/shanghai/"*.layout "$T/lib/layout/shanghai/"
sed 's/财政拨款支出主要内容如下：/财政拨款支出的主要内容是：/' "$ROOT/stdlib/layout/shanghai/narrative.narrative" > "$T/lib/layout/shanghai/narrative.narrative"
"$BDLC" compile -f json -I "$T/lib" "$W/budget.bdl" > "$T/t.json"
check "a changed sentence in a test layout (-I), no rebuild" grep -q '"财政拨款支出的主要内容是："' "$T/t.json"
check "the built-in sentence otherwise" grep -q '"财政拨款支出主要内容如下："' "$T/w.json"
printf 'section x "X"\n{if year}never closed\n' > "$T/lib/layout/shanghai/narrative.narrative"
"$BDLC" compile -f json -I "$T/lib" "$W/budget.bdl" > /dev/null 2> "$T/e1"
check "an unclosed {if}: exit 2" test $? -eq 2
check "… naming the template's line" grep -q 'layout shanghai, narrative templates, line 2: this {if} has no {end}' "$T/e1"
printf 'section x "X"\n{no-such-name}\n' > "$T/lib/layout/shanghai/narrative.narrative"
"$BDLC" compile -f json -I "$T/lib" "$W/budget.bdl" > /dev/null 2> "$T/e2"
check "an unknown name: exit 2, its line" grep -q 'line 2: no value has this name (near .no-such-name.)' "$T/e2"
printf 'setting reason-when-same no\nsection x "X"\n{year}\n' > "$T/lib/layout/shanghai/narrative.narrative"
"$BDLC" check -I "$T/lib" "$W/budget.bdl" > /dev/null 2> "$T/e3"
check "settings are the layout's: reason-when-same no gives W150 on the five 持平 items" test "$(grep -c 'warning\[W150\]' "$T/e3")" -eq 5

# --- last year's figure at its precision: rounded against a stated figure, exact against a root
mkdir -p "$T/p"
cat > "$T/p/2025.bdl" <<'EOB'
import "cn/2025"
budget 2025 {
    layout shanghai
    department "某区司法局"
    unit 元
    decimals 2
}
income {
    一般公共预算资金 160,000.00
}
expenditure {
    2010101 行政运行 basic 160,000.00
}
EOB
for how in stated root; do
    {
        printf 'import "cn/2026"\nbudget 2026 {\n    layout shanghai\n    department "某区司法局"\n    unit 元\n    decimals 2\n'
        [ "$how" = root ] && printf '    previous "2025.bdl"\n'
        printf '}\nincome {\n    一般公共预算资金 159,950.00\n}\nexpenditure {\n    2010101 行政运行 basic 159,950.00\n}\n'
        [ "$how" = stated ] && printf 'previous {\n    一般公共预算资金 16.00 万元\n}\n'
        [ "$how" = root ] && printf 'narrative {\n}\n'
    } > "$T/p/$how.bdl"
    "$BDLC" compile -f json "$T/p/$how.bdl" > "$T/p/$how.json" 2> "$T/p/$how.err"
done
check "15.995 万元 against a stated 16.00: rounded to 0.01 first, 持平" \
    grep -q '财政拨款收入16.00万元，比2025年预算持平' "$T/p/stated.json"
check "15.995 万元 against a root's exact 160,000.00 元: 减少0.01万元 (50 元, half away from zero)" \
    grep -q '财政拨款收入16.00万元，比2025年预算减少0.01万元' "$T/p/root.json"

# --- Chongqing: the skeleton when a budget asks (narrative { }), nothing otherwise
N=$ROOT/examples/nanchuan-renda-2026
"$BDLC" compile -f json "$N/corrected.bdl" > "$T/cq0.json" 2>/dev/null
check "chongqing without narrative or previous: no narrative" test "$(grep -c '"narrative"' "$T/cq0.json")" -eq 0
mkdir -p "$T/cq" && cp -r "$N/." "$T/cq/" && printf 'narrative {\n}\n' >> "$T/cq/corrected.bdl"
"$BDLC" compile -f json "$T/cq/corrected.bdl" > "$T/cq.json" 2>/dev/null
check "chongqing with narrative { }: 二、部门预算情况说明 and 三、名词解释 (no duties: no 一、)" \
    test "$(python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(open(sys.argv[1]))["narrative"]["sections"]))' "$T/cq.json")" = "plan glossary"
check "chongqing: the totals from the model" grep -q '收入预算2216.40万元，其中一般公共预算拨款收入2216.40万元' "$T/cq.json"
check "chongqing: no fund: the 无 wording" grep -q '本部门2026年无政府性基金预算拨款支出。' "$T/cq.json"
check "chongqing: 三公 from the model" grep -q '“三公”经费预算25.50万元。其中：因公出国（境）费0.00万元，公务接待费8.00万元' "$T/cq.json"

# --- a district reads previous as one budget does (E145 here), without repeating last year's diagnostics
mkdir -p "$T/d/2026" "$T/d/2025"
cp "$T/p/2025.bdl" "$T/d/2025/budget.bdl"
sed 's|previous "2025.bdl"|previous "../2025/missing.bdl"|' "$T/p/root.bdl" > "$T/d/2026/budget.bdl"
"$BDLC" check "$T/d" > "$T/d.out" 2> "$T/d.err"
check "district: exit 1, E145 at the previous clause of 2026/budget.bdl" \
    sh -c "test $? -eq 1 && grep -q '2026/budget.bdl:7:14: error\[E145\]' '$T/d.err'"
check "district: 2025 reported once, clean" test "$(grep -c '2025/budget.bdl: clean' "$T/d.out")" -eq 1
sed 's|previous "2025.bdl"|previous "../2025/budget.bdl"|' "$T/p/root.bdl" > "$T/d/2026/budget.bdl"
"$BDLC" check "$T/d" > "$T/d.out" 2> "$T/d.err"
check "district: with last year found, both clean" sh -c "test $? -eq 0 && test ! -s '$T/d.err'"

echo "narrative: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
