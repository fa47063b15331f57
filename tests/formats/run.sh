#!/bin/sh
# tests/formats/run.sh BDLC — `bdlc compile -f xlsx` and `-f pdf`, read back
# by readers that are not ours (issue 14):
#
#   - bdlc itself links none of libxlsxwriter, cairo, pango, poppler, SQLite (ldd):
#     the back ends are plugins; a missing plugin is a clear exit 2;
#   - for every example root that checks clean: the XLSX read by openpyxl
#     equals the JSON output cell by cell, with types, number formats,
#     merges, frozen panes and print setup (xlsx_check.py), and LibreOffice
#     headless turns each sheet into the same CSV as the JSON, as displayed;
#   - the PDF read by poppler: every title and number on its expected page
#     (pdftotext -layout), the pinned font embedded (pdffonts), no unknown
#     glyph (bdlc fails on one), A4 pages, landscape for wide tables
#     (pdf_check.py);
#   - both byte-identical across two runs; hostile names stay strings.
#
# Needs python3-openpyxl, libreoffice-calc-nogui and poppler-utils
# (installed when missing, see tests/compile/lib.sh).  FORMATS_NO_LO=1
# skips LibreOffice (slow: ~5 s per workbook).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/compile/lib.sh
setup "${1:-}" formats
PY=$(python_with openpyxl python3-openpyxl) || { echo "formats: python3-openpyxl is missing"; exit 1; }
command -v pdftotext >/dev/null 2>&1 || install_pkgs poppler-utils || exit 1
LO=
if [ "${FORMATS_NO_LO:-}" != 1 ]; then
    command -v soffice >/dev/null 2>&1 || install_pkgs libreoffice-calc-nogui || true
    command -v soffice >/dev/null 2>&1 && LO=soffice || bad "LibreOffice (soffice) is missing: apt-get install libreoffice-calc-nogui"
fi
PLUGINS=$(dirname "$BDLC")/lib/bdlc
# sanitizer builds: the font and text libraries' caches are not our leaks
export LSAN_OPTIONS="suppressions=$PWD/tests/formats/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# ---------------------------------------------------- plugins, not links
libs=$(ldd "$BDLC" 2>&1)
for lib in xlsxwriter cairo pango poppler fontconfig freetype harfbuzz glib sqlite; do
    case $libs in *$lib*) bad "bdlc links $lib: it must load it as a plugin only";; *) ok;; esac
done
for f in xlsx pdf; do
    [ -f "$PLUGINS/$f.so" ] && ok || bad "no plugin $PLUGINS/$f.so (make builds it)"
    rm -f "$OUT/missing.$f"
    BDL_PLUGIN_DIR=$OUT/nowhere "$BDLC" compile -f $f -o "$OUT/missing.$f" "$EXAMPLE" > "$OUT/missing.err" 2>&1
    rc=$?
    [ $rc -eq 2 ] && ok || bad "-f $f without its plugin: exit $rc, not 2"
    grep -q "needs the plugin .*$f.so" "$OUT/missing.err" && grep -q "BDL_PLUGIN_DIR" "$OUT/missing.err" && ok ||
        bad "-f $f without its plugin: unclear message: $(cat "$OUT/missing.err")"
    [ ! -e "$OUT/missing.$f" ] && ok || bad "-f $f without its plugin wrote a file"
done

# ------------------------------------------------------- every example
roots=
for root in examples/*/*.bdl; do
    # The Shanghai documents are published in their own layout (issue 11): they are
    # read back once the shanghai layout renders them (tests/shanghai/examples.sh).
    case $root in examples/shanghai-*) continue ;; esac
    grep -q '^[[:space:]]*budget[[:space:]]' "$root" || continue
    "$BDLC" check "$root" >/dev/null 2>&1 && roots="$roots $root"
done
[ -n "$roots" ] && ok || bad "no example root checks clean"

for root in $roots; do
    name=$(echo "$root" | sed 's|^examples/||; s|\.bdl$||; s|/|-|g')
    j=$OUT/$name.json
    check "$root compiles to json" "$BDLC" compile -f json -o "$j" "$root"
    # XLSX
    x=$OUT/$name.xlsx
    if check "$root compiles to xlsx" "$BDLC" compile -f xlsx -o "$x" "$root"; then
        # the second run in another time zone and language: neither may show
        check "$root: xlsx twice, byte-identical" sh -c "TZ=Asia/Tokyo PANGO_LANGUAGE=ja LANGUAGE=ja '$BDLC' compile -f xlsx '$root' > '$x.2' && cmp -s '$x' '$x.2'"
        csvdir=
        if [ -n "$LO" ]; then
            rm -rf "$OUT/lo-csv"
            # one CSV per sheet (last token -1), cells as shown (9th token true)
            case $OUT in /*) prof=$OUT/lo-profile ;; *) prof=$PWD/$OUT/lo-profile ;; esac
            $LO -env:UserInstallation="file://$prof" --headless \
                --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
                --outdir "$OUT/lo-csv" "$x" > "$OUT/lo.log" 2>&1
            [ -n "$(ls "$OUT/lo-csv" 2>/dev/null)" ] && csvdir=$OUT/lo-csv && ok ||
                bad "$root: LibreOffice did not convert the workbook: $(cat "$OUT/lo.log")"
        fi
        if "$PY" tests/formats/xlsx_check.py "$x" "$j" $csvdir > "$OUT/xlsx.log" 2>&1; then ok; else
            bad "$root: the workbook does not read back as the JSON:"; cat "$OUT/xlsx.log"; fi
    fi
    # PDF
    p=$OUT/$name.pdf
    if [ -f tests/formats/pdf_check.py ] && check "$root compiles to pdf" "$BDLC" compile -f pdf -o "$p" "$root"; then
        check "$root: pdf twice, byte-identical" sh -c "TZ=Asia/Tokyo PANGO_LANGUAGE=ja LANGUAGE=ja '$BDLC' compile -f pdf '$root' > '$p.2' && cmp -s '$p' '$p.2'"
        if "$PY" tests/formats/pdf_check.py "$p" "$j" > "$OUT/pdf.log" 2>&1; then ok; else
            bad "$root: the PDF does not hold the tables:"; cat "$OUT/pdf.log"; fi
    fi
done

# --------------------------------------------------------- hostile names
H=$OUT/hostile
rm -rf "$H"
cp -r examples/nanchuan-renda-2026 "$H"
# a project and its owner named like markup and a formula (the owner has a cell of its own)
sed -i -e 's|project 50011925T000004587488 "[^"]*"|project 50011925T000004587488 "<script>alert(1)</script>\&=1+1"|' \
    -e '/project 50011925T000004587488/,/^}/s|owner "[^"]*"|owner "=HYPERLINK(\\"http://evil.example/\\",\\"x\\")"|' \
    "$H/projects/01-welfare.bdl"
if check "hostile names: the budget still checks" "$BDLC" compile -f json -o "$H.json" "$H/corrected.bdl" &&
    check "hostile names: xlsx" "$BDLC" compile -f xlsx -o "$H.xlsx" "$H/corrected.bdl"; then
    if "$PY" - "$H.xlsx" > "$OUT/hostile.log" 2>&1 <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
want = {'=HYPERLINK("http://evil.example/","x")', "50011925T000004587488-<script>alert(1)</script>&=1+1"}
seen = {}
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value in want or c.data_type == "f":
                seen.setdefault(c.value, set()).add(c.data_type)
assert set(seen) == want and all(t == {"s"} for t in seen.values()), seen
EOF
    then ok; else bad "hostile names are not plain strings in the workbook:"; cat "$OUT/hostile.log"; fi
    if [ -f tests/formats/pdf_check.py ]; then
        check "hostile names: pdf" "$BDLC" compile -f pdf -o "$H.pdf" "$H/corrected.bdl" &&
            pdftotext "$H.pdf" - | tr -d ' \n' | grep -qF '<script>alert(1)</script>&=1+1' && ok ||
            bad "hostile names: the project name is not printed as text in the PDF"
    fi
fi

# --------------------------------------------------- the documents' dates
x=$OUT/date.xlsx p=$OUT/date.pdf
"$BDLC" compile -f pdf -o "$p" "$EXAMPLE" && pdfinfo "$p" | grep -q 'CreationDate: *Thu Jan  1 00:00:00 2026 UTC' &&
    ok || bad "the PDF is not dated 1 January of the budget year: $(pdfinfo "$p" | grep Date)"
SOURCE_DATE_EPOCH=1700000000 "$BDLC" compile -f pdf -o "$p" "$EXAMPLE" &&
    pdfinfo "$p" | grep -q 'ModDate: *Tue Nov 14 22:13:20 2023 UTC' && ok || bad "the PDF ignores SOURCE_DATE_EPOCH"
SOURCE_DATE_EPOCH=1700000000 "$BDLC" compile -f xlsx -o "$x" "$EXAMPLE" &&
    "$PY" -c "import sys, openpyxl; sys.exit(str(openpyxl.load_workbook('$x').properties.created) != '2023-11-14 22:13:20')" &&
    ok || bad "the workbook ignores SOURCE_DATE_EPOCH"

# ------------------------------------------ a glyph the font does not have
G=$OUT/glyph
rm -rf "$G"
cp -r examples/nanchuan-renda-2026 "$G"
sed -i 's|project 50011925T000004587488 "[^"]*"|project 50011925T000004587488 "遗属补助😀"|' "$G/projects/01-welfare.bdl"
"$BDLC" compile -f pdf -o "$G.pdf" "$G/corrected.bdl" > "$G.err" 2>&1
rc=$?
[ $rc -eq 1 ] && [ ! -e "$G.pdf" ] && ok || bad "a character without a glyph: exit $rc (want 1, no file)"
# twice: in the contents and over the form
grep -q "2 characters cannot be printed: the font Noto Sans CJK SC has no glyph for them (first in \"遗属补助😀\")" "$G.err" &&
    ok || bad "a character without a glyph: unclear message: $(cat "$G.err")"

# ------------------------- a budget of 300 projects: tables over many pages
if cc -O2 -o "$OUT/gen" tests/bench/gen.c 2> "$OUT/gen.log" &&
    "$OUT/gen" -L stdlib/cn/2026 -s 1 -p 300 -o "$OUT/p300.bdl" 2>> "$OUT/gen.log"; then
    check "300 projects: json" "$BDLC" compile -f json -o "$OUT/p300.json" "$OUT/p300.bdl"
    check "300 projects: xlsx" "$BDLC" compile -f xlsx -o "$OUT/p300.xlsx" "$OUT/p300.bdl"
    if "$PY" tests/formats/xlsx_check.py "$OUT/p300.xlsx" "$OUT/p300.json" > "$OUT/xlsx.log" 2>&1; then ok; else
        bad "300 projects: the workbook does not read back as the JSON:"; tail "$OUT/xlsx.log"; fi
    check "300 projects: pdf" "$BDLC" compile -f pdf -o "$OUT/p300.pdf" "$OUT/p300.bdl"
    if "$PY" tests/formats/pdf_check.py "$OUT/p300.pdf" "$OUT/p300.json" > "$OUT/pdf.log" 2>&1; then ok; else
        bad "300 projects: the PDF does not hold the tables:"; tail "$OUT/pdf.log"; fi
    # a table over several pages says （续） and repeats its header
    pdftotext -layout "$OUT/p300.pdf" - | awk 'BEGIN { RS = "\f" } /一般公共预算财政拨款支出预算表（续）/ && /科目编码/ && /基本支出/ { n++ } END { exit !n }' &&
        ok || bad "300 projects: no continued page of a table with its header repeated"
else
    bad "cannot build tests/bench/gen.c: $(cat "$OUT/gen.log")"
fi

# ------------------------------------------------- output stays atomic
printf 'keep' > "$OUT/keep.xlsx"
"$BDLC" compile -f xlsx -o "$OUT/keep.xlsx" examples/nanchuan-renda-2026/budget.bdl > /dev/null 2>&1
[ "$(cat "$OUT/keep.xlsx")" = keep ] && ok || bad "a budget with errors replaced an existing .xlsx"
[ -z "$(ls -A "$OUT" | grep '^\.keep')" ] && ok || bad "a temporary file was left beside the output"

summary formats
