#!/bin/sh
# tests/review/run.sh BDLC — `bdlc review`: many documents, one report.
#
#  - The reference document (tab-separated): read, its real faults counted
#    (E120, E121 x3, W126: 4 errors, 1 warning), exit 1.
#  - Hostile PDFs (tests/review/hostile.py): 0 bytes, not a PDF, truncated,
#    encrypted, scanned (no text), a decompression bomb under a low CPU
#    limit, and a FIFO that never delivers (the wall-clock deadline): each
#    gets its own line, in the order given, and never stops the others.
#  - -o DIR: review.html (a section per document), review.json and
#    review.sarif, both valid JSON with the documents' problems.
# Prints "review: N passed, M failed".
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
cd "$(dirname "$0")/../.." || exit 2
scratch
has() { grep -qF -- "$3" "$2" && ok || { bad "$1: '$3' not in $2"; sed 's/^/    /' "$2" | head -20; }; }
status() { # name want got
    [ "$3" -eq "$2" ] && ok || bad "$1: exit status $3, expected $2"
}

REF=examples/nanchuan-renda-2026/published.txt
SHPDF=examples/shanghai-sifaju-2026/published.pdf
if [ ! -f "$(dirname "$BDLC")/lib/bdlc/pdfin.so" ]; then
    bad "no pdfin.so beside $BDLC (install libpoppler-glib-dev and run make)"
    summary review
    exit 1
fi
python3 tests/review/hostile.py "$T/h" "$SHPDF" || bad "hostile.py failed"
mkfifo "$T/h/hang.pdf"

# ---- every document its line, the hostile ones included, in the order given
BDL_REVIEW_SECONDS=2 "$BDLC" review -o "$T/out" "$REF" "$T/h/empty.pdf" "$T/h/notpdf.pdf" "$T/h/truncated.pdf" \
    "$T/h/encrypted.pdf" "$T/h/scanned.pdf" "$T/h/bomb.pdf" "$T/h/hang.pdf" "$SHPDF" > "$T/sum" 2> "$T/err"
status "review" 1 $?
[ "$(grep -vc '^    ' "$T/sum")" -eq 9 ] && ok || bad "review: $(grep -vc '^    ' "$T/sum") summary lines for 9 documents"
# under a document's line, its problems, each with the page and table it comes from
has "Shanghai: the problem's page and table" "$T/sum" "    page 21, 表9 2026年部门“三公”经费和机关运行经费预算表: warning[W134] the 三公 total 10.81 万元"
has "reference: the problem's table" "$T/sum" "    项目支出绩效目标表"
has "reference: read, its faults" "$T/sum" "$REF: read; 4 errors, 1 warnings (0 import warnings)"
has "empty" "$T/sum" "$T/h/empty.pdf: not read: the file is empty (0 bytes)"
has "not a PDF" "$T/sum" "$T/h/notpdf.pdf: not read: not a PDF (no %PDF- header)"
has "truncated" "$T/sum" "$T/h/truncated.pdf: not read: not a readable PDF: "
has "encrypted" "$T/sum" "$T/h/encrypted.pdf: not read: the PDF is encrypted"
has "scanned" "$T/sum" "$T/h/scanned.pdf: not read: no page of the PDF has text"
# the CPU limit (2 s) or, on a loaded machine, the deadline (4 s) stops it
has "bomb: stopped" "$T/sum" "$T/h/bomb.pdf: not read: stopped: reading "
has "hang: deadline" "$T/sum" "$T/h/hang.pdf: not read: stopped: reading took longer than 4 seconds"
has "Shanghai: read through its layout, its fault (W134)" "$T/sum" "$SHPDF: read; 0 errors, 1 warnings"
[ "$(grep -v '^    ' "$T/sum" | head -1 | cut -d: -f1)" = "$REF" ] && [ "$(grep -v '^    ' "$T/sum" | tail -1 | cut -d: -f1)" = "$SHPDF" ] && ok ||
    bad "review: lines not in the order given"
[ -s "$T/err" ] && bad "review: stderr not empty: $(head -3 "$T/err")" || ok

# ---- the reports
for f in review.html review.json review.sarif; do [ -s "$T/out/$f" ] && ok || bad "-o: no $f"; done
[ "$(grep -c '<section>' "$T/out/review.html")" -eq 9 ] && ok || bad "html: not one section per document"
has "html: a problem with its row" "$T/out/review.html" "<td>E121</td>"
has "html: a problem with its page and table" "$T/out/review.html" "<td>W134</td><td>21</td><td>表9 2026年部门“三公”经费和机关运行经费预算表</td>"
python3 - "$T/out/review.json" "$T/out/review.sarif" > "$T/py" 2>&1 <<'PY' && ok || { bad "json/sarif: $(cat "$T/py")"; }
import json, sys
j = json.load(open(sys.argv[1]))
docs = j["documents"]
assert len(docs) == 9, len(docs)
ref = docs[0]
assert ref["read"] and ref["errors"] == 4 and ref["warnings"] == 1, ref
codes = sorted(p["code"] for p in ref["problems"])
assert codes == ["E120", "E121", "E121", "E121", "W126"], codes
sev = [p["severity"] for p in ref["problems"]]
assert sev == sorted(sev), "not sorted by severity: %s" % sev
assert all(not d["read"] and d["why"] for d in docs[1:-1]), "unread documents need a reason"
sh = docs[-1]
assert sh["read"] and sh["errors"] == 0 and [p["code"] for p in sh["problems"]] == ["W134"], sh
p = sh["problems"][0]
assert p["page"] == 21 and p["table"] == "表9 2026年部门“三公”经费和机关运行经费预算表", p
assert all(q.get("table") for q in ref["problems"]), "reference: a problem without its table: %s" % ref["problems"]
s = json.load(open(sys.argv[2]))
assert s["version"] == "2.1.0"
res = s["runs"][0]["results"]
assert len(res) == 5 + 7 + 1, len(res)
assert {r["level"] for r in res} == {"error", "warning"}
w = [r for r in res if r["ruleId"] == "W134"][0]
assert w["locations"][0]["logicalLocations"][0]["name"].startswith("表9 "), w
assert w["properties"]["page"] == 21 and "(page 21, 表9 " in w["message"]["text"], w
PY

# ---- usage; a file that is not there is a document not read
"$BDLC" review > /dev/null 2> "$T/usage.err"
status "no documents" 2 $?
has "no documents: says so" "$T/usage.err" "bdlc review: no documents given"
"$BDLC" review "$T/missing.txt" > "$T/missing.sum" 2>&1
status "a missing file" 1 $?
has "a missing file: its line" "$T/missing.sum" "$T/missing.txt: not read: "

summary review
