#!/bin/sh
# tests/consolidate/run.sh BDLC — a department as the sum of its agencies
# (`agencies "PATTERN"`, src/consolidate.c, issue 15). The codes' own cases are
# tests/cases/e155 … e159; this checks the rest:
#   - the worked example examples/shanghai-sifaju-2026-consolidated: budget.bdl
#     reports exactly the publications' faults (本部's E111 ×2 in its own file,
#     E158, the department's W134), corrected.bdl is clean and compiles to JSON
#     byte for byte equal to the hand-written department
#     (examples/shanghai-sifaju-2026/corrected.bdl), whose tables match
#     published.txt 382/382 (compare.py); derive.py reproduces the derived agency;
#   - compile --agency NAME writes the agency's tables from its own root (equal
#     to compiling that root, but for the agency's name), an unknown NAME is exit
#     2, and a budget without `agencies` refuses --agency;
#   - deterministic: two runs, one thread and two, give the same bytes;
#   - a department with errors in an agency writes nothing;
#   - a cycle (agencies naming each other and the department) ends at once;
#   - a district run (`bdlc check DIR`) checks every agency root once as its own
#     budget, and the department does not repeat an agency's diagnostics
#     (E158 only); `check dept agency` prints a shared diagnostic once.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
scratch
codes() { sed -n 's/.*\(error\|warning\)\[\([EW][0-9]*\)\].*/\2/p' "$1" | tr '\n' ' ' | sed 's/ $//'; }

EX=$ROOT/examples/shanghai-sifaju-2026-consolidated
cd "$EX" || exit 2
"$BDLC" check budget.bdl > "$T/out" 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 1 ] && [ "$(codes "$T/err")" = "E158 W134 E111 E111 E139 E111" ]' \
    "example budget.bdl: exit $rc, codes '$(codes "$T/err")', not 'E158 W134 E111 E111 E139 E111'"
check_sh 'grep -q "^agencies/benbu/../../../shanghai-sifaju-2026-benbu/expenditure-published.bdl:10:53: error\[E111\]" "$T/err"' \
    "the agency's E111 is reported against its own file"
check_sh 'grep -q "^budget.bdl:29:10: error\[E158\]: the agency root .agencies/benbu/budget.bdl. has 4 errors" "$T/err"' \
    "E158 at the pattern, naming the agency root"
"$BDLC" check corrected.bdl > "$T/out" 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 0 ] && [ ! -s "$T/err" ]' "example corrected.bdl: exit $rc, $(head -3 "$T/err")"
"$BDLC" compile -f json -o "$T/cons.json" corrected.bdl 2> "$T/err"
"$BDLC" compile -f json -o "$T/dept.json" ../shanghai-sifaju-2026/corrected.bdl 2>> "$T/err"
check_sh 'cmp -s "$T/cons.json" "$T/dept.json"' "the consolidated department's JSON differs from the hand-written department's"
python3 "$ROOT/tests/shanghai/compare.py" published.txt "$T/cons.json" > "$T/cmp" 2>&1
check_sh 'grep -q "^all tables: 382/382 amounts matched$" "$T/cmp"' "compare.py: $(tail -1 "$T/cmp")"
python3 derive.py > "$T/derived.bdl" && "$BDLC" fmt "$T/derived.bdl" > "$T/derived.fmt" 2>&1
check_sh 'cmp -s "$T/derived.fmt" agencies/falvyuanzhu/tables.bdl' "derive.py | bdlc fmt differs from agencies/falvyuanzhu/tables.bdl"
for f in html csv; do
    o=$T/d1.$f; [ $f = csv ] && o=$T/d1-csv
    "$BDLC" compile -f $f -o "$o" corrected.bdl 2>/dev/null
    o2=$T/d2.$f; [ $f = csv ] && o2=$T/d2-csv
    BDL_THREADS=1 "$BDLC" compile -f $f -o "$o2" corrected.bdl 2>/dev/null
    check_sh 'diff -r "$o" "$o2" > /dev/null' "-f $f: one thread and two differ"
done
"$BDLC" check --diagnostics-format json budget.bdl > "$T/j1" 2>/dev/null
BDL_THREADS=1 "$BDLC" check --diagnostics-format json budget.bdl > "$T/j2" 2>/dev/null
check_sh 'cmp -s "$T/j1" "$T/j2" && [ -s "$T/j1" ]' "check: one thread and two differ"

# --agency
"$BDLC" compile -f json --agency 普陀区司法局本部 corrected.bdl > "$T/benbu.json" 2> "$T/err"; rc=$?
"$BDLC" compile -f json agencies/benbu/corrected.bdl > "$T/benbu-alone.json" 2>> "$T/err"
check_sh '[ $rc -eq 0 ] && cmp -s "$T/benbu.json" "$T/benbu-alone.json"' "--agency 普陀区司法局本部: exit $rc or not the agency root's own tables"
python3 - "$T/benbu.json" "$ROOT/examples/shanghai-sifaju-2026-benbu" "$BDLC" > "$T/py" 2>&1 <<'PY' || true
import json, subprocess, sys
a = json.load(open(sys.argv[1]))
b = json.loads(subprocess.run([sys.argv[3], "compile", "-f", "json", sys.argv[2] + "/corrected.bdl"],
                              capture_output=True, text=True).stdout)
# the nine tables: the consolidated 本部 also describes the department's project
# (人民调解), so it has a project page (表10) the 本部 document does not print
nine = lambda d: [t for t in d["tables"] if t["number"] <= 9]
print("same tables" if nine(a) == nine(b) else "tables differ")
print("variant agency" if "预算单位" in a["tables"][0]["title"] else "not the agency variant")
PY
check_sh 'grep -q "^same tables$" "$T/py" && grep -q "^variant agency$" "$T/py"' "--agency: $(cat "$T/py")"
"$BDLC" compile -f json --agency 普陀区法律援助中心 corrected.bdl > /dev/null 2>&1
check_sh '[ $? -eq 0 ]' "--agency 普陀区法律援助中心 fails"
"$BDLC" compile -f json --agency nobody corrected.bdl > /dev/null 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 2 ] && grep -q "its agencies are 普陀区司法局本部, 普陀区法律援助中心" "$T/err"' "--agency nobody: exit $rc, $(cat "$T/err")"
"$BDLC" compile -f json --agency x ../shanghai-sifaju-2026/corrected.bdl > /dev/null 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 2 ] && grep -q "adds up no agencies" "$T/err"' "--agency on a budget without agencies: exit $rc"
"$BDLC" compile -f json -o "$T/none.json" budget.bdl > /dev/null 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 1 ] && [ ! -e "$T/none.json" ] && grep -q "nothing written" "$T/err"' "an agency with errors: exit $rc, or something written"

# a cycle: a department whose agencies name it back, and each other
C=$T/cycle
mkdir -p "$C/a" "$C/b"
cat > "$C/dept.bdl" <<'BDL'
import "cn/2026"
budget 2026 {
    department "某局"
    agency "甲"
    agency "乙"
}
agencies "*/budget.bdl"
BDL
for x in a b; do
    name=甲; other=b; [ $x = b ] && { name=乙; other=a; }
    cat > "$C/$x/budget.bdl" <<BDL
import "cn/2026"
budget 2026 {
    variant agency
    department "某局"
    agency "$name"
}
agencies "../dept.bdl"
agencies "../$other/budget.bdl"
BDL
done
timeout 10 "$BDLC" check "$C/dept.bdl" > /dev/null 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 1 ] && [ "$(codes "$T/err")" = "E157 E157" ]' "a cycle: exit $rc (124 = a hang), codes '$(codes "$T/err")'"

# a district: the example's folder holds the department's two roots and three agency roots
"$BDLC" check "$EX" > "$T/out" 2> "$T/err"; rc=$?
check_sh '[ $rc -eq 1 ]' "district run: exit $rc"
check_sh '[ "$(grep -c "expenditure-published.bdl:10:53: error\[E111\]" "$T/err")" -eq 1 ]' \
    "district run: the agency's E111 is printed $(grep -c "expenditure-published.bdl:10:53: error\[E111\]" "$T/err") times, not once"
check_sh 'grep -q "shanghai-sifaju-2026-consolidated/agencies/benbu/budget.bdl: 4 errors" "$T/out"' "district run: the agency root has its own line"
check_sh 'grep -q "shanghai-sifaju-2026-consolidated/budget.bdl: 1 error, 1 warning" "$T/out"' \
    "district run: the department has E158 and W134 only: $(grep consolidated/budget.bdl "$T/out")"
check_sh 'grep -q "bdlc: 5 budgets checked: 3 clean, 0 with warnings, 2 with errors" "$T/out"' "district run: $(tail -1 "$T/out")"
"$BDLC" check budget.bdl agencies/benbu/budget.bdl > /dev/null 2> "$T/err"
check_sh '[ "$(grep -c "expenditure-published.bdl:10:53: error\[E111\]" "$T/err")" -eq 1 ]' \
    "check dept agency: the shared E111 is printed more than once"

summary consolidate
