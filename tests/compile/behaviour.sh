#!/bin/sh
# tests/compile/behaviour.sh BDLC
#
# What `bdlc compile` promises beyond the tables (spec §7, §8): usage errors,
# errors mean no output (an earlier output is left untouched, no temporary
# file is left behind), atomic -o, whole-folder CSV, --bom, byte-for-byte
# determinism, escaping (HTML, JSON) and formula defusing (CSV), the
# zero/blank rule, and overflow of a derived sum.
. tests/compile/lib.sh
setup "$1" behaviour
EDGE=tests/compile/fixtures/edge.bdl
PUBLISHED=examples/nanchuan-renda-2026/budget.bdl

# expect_rc RC DESCRIPTION COMMAND...
expect_rc() {
    want=$1 d=$2; shift 2
    "$@" >"$OUT/stdout" 2>"$OUT/stderr"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$d: exit $got, expected $want"; sed 's/^/  | /' "$OUT/stderr" | head -5; fi
}
has() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }
no_temp_files() { [ -z "$(ls -A "$1" | grep '^\.')" ]; }

# ---------------------------------------------------------------- usage
expect_rc 2 "no -f" "$BDLC" compile "$EXAMPLE"
expect_rc 2 "unknown format" "$BDLC" compile -f xml "$EXAMPLE"
expect_rc 2 "csv without -o" "$BDLC" compile -f csv "$EXAMPLE"
expect_rc 2 "csv to standard output" "$BDLC" compile -f csv -o - "$EXAMPLE"
expect_rc 2 "missing file" "$BDLC" compile -f json "$OUT/none.bdl"
expect_rc 2 "a directory" "$BDLC" compile -f json examples
expect_rc 2 "two files" "$BDLC" compile -f json "$EXAMPLE" "$EXAMPLE"
expect_rc 2 "unknown option" "$BDLC" compile -f json --frobnicate "$EXAMPLE"
expect_rc 0 "--help" "$BDLC" compile --help
check "--help lists -f" has "$OUT/stdout" "-f FORMAT"

# ------------------------------------------------------ errors: no output
expect_rc 1 "a budget with errors" "$BDLC" compile -f json "$PUBLISHED"
check "errors: nothing on standard output" test ! -s "$OUT/stdout"
check "errors: the diagnostics are printed" has "$OUT/stderr" "error[E120]"
check "errors: says nothing was written" has "$OUT/stderr" "nothing written"

for fmt in json html; do
    "$BDLC" compile -f $fmt -o "$OUT/earlier.$fmt" "$EXAMPLE" || bad "first $fmt compile"
    cp "$OUT/earlier.$fmt" "$OUT/copy.$fmt"
    expect_rc 1 "$fmt over an earlier output, with errors" "$BDLC" compile -f $fmt -o "$OUT/earlier.$fmt" "$PUBLISHED"
    check "$fmt: the earlier output is untouched" cmp -s "$OUT/earlier.$fmt" "$OUT/copy.$fmt"
done
"$BDLC" compile -f csv -o "$OUT/earlier-csv" "$EXAMPLE" || bad "first csv compile"
cp -R "$OUT/earlier-csv" "$OUT/copy-csv"
expect_rc 1 "csv over an earlier folder, with errors" "$BDLC" compile -f csv -o "$OUT/earlier-csv" "$PUBLISHED"
check "csv: the earlier folder is untouched" diff -r "$OUT/earlier-csv" "$OUT/copy-csv"
check "no temporary file left behind" no_temp_files "$OUT"

# warnings do not stop the output, unless --werror
expect_rc 0 "warnings only" "$BDLC" compile -f json tests/compile/fixtures/warning.bdl
check "warnings: output written" test -s "$OUT/stdout"
check "warnings: the warning is printed" has "$OUT/stderr" "warning[W104]"
expect_rc 1 "warnings with --werror" "$BDLC" compile --werror -f json tests/compile/fixtures/warning.bdl
check "--werror: nothing written" test ! -s "$OUT/stdout"

# a derived sum that overflows is an error, not a wrapped number
expect_rc 1 "overflowing sum" "$BDLC" compile -f json tests/compile/fixtures/overflow.bdl
check "overflow: nothing written" test ! -s "$OUT/stdout"
check "overflow: says why" has "$OUT/stderr" "overflow"

# ------------------------------------------------------------ atomic -o
echo stale > "$OUT/replace.json"
expect_rc 0 "-o over an existing file" "$BDLC" compile -f json -o "$OUT/replace.json" "$EXAMPLE"
check "-o replaces the file" has "$OUT/replace.json" '"bdl": 1'
check "-o: standard output stays empty" test ! -s "$OUT/stdout"
check "-o: mode follows the umask" test "$(umask 022; "$BDLC" compile -f json -o "$OUT/mode.json" "$EXAMPLE"; stat -c %a "$OUT/mode.json")" = 644
expect_rc 0 "-o - is standard output" "$BDLC" compile -f json -o - "$EXAMPLE"
check "-o - wrote the JSON" cmp -s "$OUT/stdout" "$OUT/replace.json"
expect_rc 2 "-o into a missing folder" "$BDLC" compile -f json -o "$OUT/no/such/dir/x.json" "$EXAMPLE"

# ------------------------------------------------------------------ CSV
mkdir -p "$OUT/foreign" && echo keep > "$OUT/foreign/notes.txt"
expect_rc 2 "csv refuses a folder holding other files" "$BDLC" compile -f csv -o "$OUT/foreign" "$EXAMPLE"
check "that folder is untouched" has "$OUT/foreign/notes.txt" keep
echo x > "$OUT/afile"
expect_rc 2 "csv onto a file" "$BDLC" compile -f csv -o "$OUT/afile" "$EXAMPLE"
expect_rc 0 "csv replaces an earlier folder" "$BDLC" compile -f csv -o "$OUT/earlier-csv" "$EXAMPLE"
check "csv: 12 files (ten tables, projects.csv, index.csv)" test "$(ls "$OUT/earlier-csv" | wc -l)" -eq 12
expect_rc 0 "csv --bom" "$BDLC" compile -f csv --bom -o "$OUT/bom" "$EXAMPLE"
for f in "$OUT"/bom/*.csv; do
    check "--bom: $(basename "$f") starts with a BOM" test "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf
done
check "no BOM without --bom" test "$(head -c 3 "$OUT/earlier-csv/three-public.csv")" = "合"
check "csv: CRLF line ends" test "$(head -1 "$OUT/earlier-csv/three-public.csv" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n'
"$BDLC" compile -f csv -o "$OUT/edge-csv" "$EDGE" || bad "compile the fixture to csv"
P=$OUT/edge-csv/projects.csv
check "defused: leading = (and quotes doubled)" has "$P" '"'"'"'=HYPERLINK(""http://example.invalid"")"'
check "defused: agency name starting with =" has "$P" "'=cmd|' /C calc'!A0"
check "defused: leading +" has "$P" "'+一般性项目"
check "defused: leading tab (quoted for the comma)" has "$P" "\"'	概述, with a tab\""
check "defused: leading -" has "$OUT/edge-csv/department-performance.csv" "'-1+1"
check "defused: leading @" has "$OUT/edge-csv/department-performance.csv" "'@次"
csv_shape() {  # every file: RFC 4180, as many fields in each record as in the header
    "$PY" - "$@" <<'PYEOF'
import csv, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        sys.exit("%s: records of unequal length" % path)
PYEOF
}
PY=$(python_with csv python3) || bad "no python3 (Debian package python3)"
check "csv: the example's files parse, records as wide as the header" csv_shape "$OUT"/earlier-csv/*.csv
check "csv: the fixture's files parse (quotes, commas, line breaks)" csv_shape "$OUT"/edge-csv/*.csv
check "csv: --bom files parse" csv_shape "$OUT"/bom/*.csv
check "amounts have no grouping" has "$OUT/earlier-csv/general-expenditure.csv" ",2216.40,1529.94,686.46"
check "csv: duplicate titles carry their group" has "$OUT/earlier-csv/department-summary.csv" "收入项目,收入预算数,支出项目,支出预算数"

# ---------------------------------------------------------- determinism
for fmt in json html; do
    "$BDLC" compile -f $fmt -o "$OUT/a.$fmt" "$EXAMPLE"
    (cd examples/nanchuan-renda-2026 && LC_ALL=C TZ=Pacific/Kiritimati "$BDLC" compile -f $fmt corrected.bdl) > "$OUT/b.$fmt"
    check "$fmt is byte-for-byte deterministic (other folder, locale, zone)" cmp -s "$OUT/a.$fmt" "$OUT/b.$fmt"
done
(cd examples/nanchuan-renda-2026 && LC_ALL=C "$BDLC" compile -f csv -o "$OUT/det-csv" corrected.bdl)
check "csv is byte-for-byte deterministic" diff -r "$OUT/earlier-csv" "$OUT/det-csv"

# ------------------------------------------------------- escaping (HTML)
"$BDLC" compile -f html -o "$OUT/edge.html" "$EDGE" || bad "compile the fixture to html"
H=$OUT/edge.html
check "html: no <script> element" test "$(grep -ci '<script' "$H")" -eq 0
check "html: department name escaped" has "$H" "&lt;script&gt;alert(&quot;部门&quot;)&lt;/script&gt; &amp; &#39;Co&#39;"
check "html: a goal cannot close the table" has "$H" "目标 &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"
check "html: & in a procurement name" has "$H" "办公设备 &amp; &lt;采购&gt;"
check "html: line breaks of a goal" has "$H" "第一行<br>第二行<br>&lt;script&gt;"
check "html: qualitative value escaped" has "$H" "好 &amp; &lt;b&gt;"
for pat in '<script' 'src=' '<link' '@import' 'url(' 'http:' 'https:' '//'; do
    check "example html: no script, no external resource ($pat)" lacks "$OUT/a.html" "$pat"
done
for pat in 'src=' '<link' '@import' 'url('; do
    check "fixture html: no external resource ($pat)" lacks "$H" "$pat"
done
# ------------------------------------------------------- escaping (JSON)
"$BDLC" compile -f json -o "$OUT/edge.json" "$EDGE" || bad "compile the fixture to json"
J=$OUT/edge.json
check "json: quotes escaped" has "$J" '"name": "<script>alert(\"部门\")</script> & '"'"'Co'"'"'"'
check "json: tab and newline escaped" has "$J" '"summary": "\t概述, with a tab"'
check "json: goals joined by a line break" has "$J" '"goal": "第一行\n第二行\n<script>'

# ------------------------------------------------------------ zero/blank
check "a written 0.00 prints 0.00" has "$J" '{"code": "2010102", "name": "一般行政管理事务", "total": 15.00, "basic": 0.00, "project": 15.00}'
check "三公: written zero kept, derived zero blank, derived from project breakdowns" has "$J" \
    '{"total": 15.00, "overseas": 0.00, "vehicle": 12.00, "vehicle-purchase": null, "vehicle-operation": 12.00, "reception": 3.00}'
check "a written zero income prints 0.00" has "$J" '{"income-item": "事业收入资金", "income": 0.00,'
check "本级安排 = amount - superior" has "$J" '"amount": 15.00, "local": 10.00, "superior": 5.00'
check "department summary: carry-over section when there is one" has "$J" '{"income-item": "上年结转", "income": 5.00, "item": "结转下年", "expenditure": null}'
check "the example's blank 三公 items are null" has "$OUT/a.json" '{"total": 25.50, "overseas": null, "vehicle": 17.50, "vehicle-purchase": null, "vehicle-operation": 17.50, "reception": 8.00}'
check "empty tables carry their note" has "$OUT/a.json" '"note": "本部门无政府采购预算，故此表无数据。"'

summary "behaviour"
