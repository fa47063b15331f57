#!/bin/sh
# tests/docs/examples.sh BDLC — every example folder that the docs point to
# stays usable: each root except the published-with-its-errors reference
# (examples/nanchuan-renda-2026/budget.bdl, covered by tests/golden) checks
# clean with --werror, prints nothing, and compiles to html, json and csv;
# the JSON is valid against tests/compile/bdl-output.schema.json; and the
# illustrative budget really uses what the reference points to it for.
set -u
BDLC=${1:?usage: $0 path/to/bdlc}
case $BDLC in /*) ;; *) BDLC=$PWD/$BDLC ;; esac
cd "$(dirname "$0")/../.." || exit 2
. tests/compile/lib.sh
T=$(mktemp -d)
jsons=
trap 'rm -rf "$T"' EXIT INT TERM

for root in examples/*/*.bdl; do
    grep -q '^[[:space:]]*budget[[:space:]]' "$root" || continue
    [ "$root" = examples/nanchuan-renda-2026/budget.bdl ] && continue
    # the real Shanghai documents: their own test is tests/shanghai/examples.sh (their
    # budget.bdl roots keep the documents' faults; all need the shanghai layout)
    case $root in examples/shanghai-*) continue ;; esac
    name=$(echo "$root" | tr / _)
    if "$BDLC" check --werror "$root" > "$T/out" 2>&1 && [ ! -s "$T/out" ]; then ok; else
        bad "$root does not check clean"; cat "$T/out"; fi
    check "$root compiles to html" "$BDLC" compile -f html -o "$T/$name.html" "$root"
    check "$root compiles to json" "$BDLC" compile -f json -o "$T/$name.json" "$root"
    check "$root compiles to csv" "$BDLC" compile -f csv -o "$T/$name.csv" "$root"
    n=$(ls "$T/$name.csv" 2>/dev/null | wc -l)
    [ "$n" -eq 12 ] && ok || bad "$root: $n CSV files, not 12 (ten tables, projects.csv, index.csv)"
    grep -q '<table' "$T/$name.html" 2>/dev/null && ok || bad "$root: no table in the HTML page"
    jsons="$jsons $T/$name.json"
done

# The illustrative budget: unit 元, three agencies, procurement rows, carryover.
Q=examples/qingshan-justice-2026
J=$T/$(echo $Q/budget.bdl | tr / _).json
grep -q '"unit": "元"' "$J" && ok || bad "qingshan: the unit is not 元"
grep -q '单位：元' "$T/$(echo $Q/budget.bdl | tr / _).html" && ok || bad "qingshan: the HTML does not say 单位：元"
grep -q '"code": "2026001", "name": "司法行政信息化运维服务", "total": 380000.00, "general": 380000.00' "$J" && ok ||
    bad "qingshan: procurement item 2026001 not in the procurement table"
[ "$(grep -c '"agency": "12300[123]"' "$J")" -eq 4 ] && ok || bad "qingshan: the four projects do not name their agencies"
# each feature is load-bearing: without `projects partial` E114 fires, without
# `allow W124` W124 does (variants in a copy, so the folder is never touched)
mkdir -p "$T/q" && cp -R $Q/. "$T/q/"
sed 's/^ *projects partial//' $Q/budget.bdl > "$T/q/nopartial.bdl"
"$BDLC" check "$T/q/nopartial.bdl" 2>&1 | grep -q 'error\[E114\]' && ok || bad "qingshan: projects partial is not needed"
sed 's/^ *allow W124//' $Q/budget.bdl > "$T/q/noallow.bdl"
[ "$("$BDLC" check "$T/q/noallow.bdl" 2>&1 | grep -c 'warning\[W124\]')" -eq 4 ] && ok || bad "qingshan: allow W124 is not needed"

PY=$(python_with jsonschema python3-jsonschema) || { bad "no python3 with jsonschema"; summary "examples"; exit 1; }
# shellcheck disable=SC2086
check "example JSON valid against the schema" "$PY" tests/compile/validate.py tests/compile/bdl-output.schema.json $jsons
summary "examples"
