#!/bin/sh
# tests/facts/run.sh BDLC — the facts database: `bdlc compile -f sqlite`
# (plugin sqlite.so) and `-f facts` (CSV), read back with the sqlite3 CLI.
#
# A small district (tests/bench/gen.c budgets in three departments, one
# split over fragments, one with an error, one whose department is named
# x'); DROP TABLE cells; --) and the example qingshan-justice-2026:
#   - the schema is docs/facts.sql, meta holds schema version 1;
#   - every amount cell of every clean budget's `compile -f json` is a row
#     of `cells` (same table, row number, column, exact text, integer in
#     10^-decimals units) and there is no other; indicators and projects
#     likewise; the budget with errors has its diagnostics and no cells;
#   - run twice, the same row counts; a changed budget compiled alone
#     replaces its own rows and leaves the others';
#   - the hostile name is stored as a name, every table still there;
#   - the documented query "total 三公 by department" equals the JSON;
#   - -f facts: one CSV per table, headers = the schema's columns, the
#     same rows as the database (loaded back with sqlite3 .import);
#   - without the plugin: exit 2 and what to install.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
scratch
command -v sqlite3 >/dev/null 2>&1 || { echo "facts: no sqlite3 (Debian package sqlite3)"; exit 1; }
PY=python3

cc -std=c11 -O1 -o "$T/gen" "$ROOT/tests/bench/gen.c" 2> "$T/cc.err" || { bad "cannot build gen.c: $(cat "$T/cc.err")"; exit 1; }
D=$T/district
HOSTILE="x'); DROP TABLE cells; --"
n=0
for dept in 301 302 303; do
    for a in 1 2; do
        n=$((n + 1))
        dir=$D/d$dept/a$a
        mkdir -p "$dir"
        if [ $n = 2 ]; then
            "$T/gen" -L "$ROOT/stdlib/cn/2026" -s 1 -p 3 -S $n -o "$T/one.bdl" -d "$dir" -n 3 2> /dev/null
        else
            "$T/gen" -L "$ROOT/stdlib/cn/2026" -s 1 -p $((2 + n)) -S $n -o "$dir/budget.bdl" 2> /dev/null
        fi || { bad "gen failed"; exit 1; }
        name="部门$dept"
        [ $dept = 303 ] && name=$HOSTILE
        # the department: its code and name (sed: the name holds no '|' or '&')
        sed -i "s|^    department 305 \"[^\"]*\"|    department $dept \"$name\"|" "$dir/budget.bdl"
    done
done
printf 'frobnicate\n' >> "$D/d302/a2/budget.bdl" # an error: diagnostics only
cp -r "$ROOT/examples/qingshan-justice-2026" "$D/qingshan"
cd "$T" || exit 1
roots=$(find district -name budget.bdl | LC_ALL=C sort)
clean=$(echo "$roots" | grep -v d302/a2)

"$BDLC" compile -f sqlite -o d.db district 2> err; rc=$?
check_sh '[ $rc = 1 ] && grep -q "E010" err' "a district with one budget in error: exit $rc, not 1 with its E010"
q() { sqlite3 -batch -noheader d.db "$1"; }
check_sh '[ -f d.db ] && [ "$(q "SELECT value FROM meta WHERE key = '"'schema_version'"'")" = 1 ]' "meta: schema_version 1"
sqlite3 d.db .schema > schema.sql
grep -v '^--' "$ROOT/docs/facts.sql" > want.sql
check_sh 'cmp -s want.sql schema.sql' "the schema is not docs/facts.sql: $(diff want.sql schema.sql | head -5)"
check_sh '[ "$(q "SELECT count(*) FROM budgets")" = $(echo "$roots" | wc -l) ]' "one budgets row per root ($(q "SELECT count(*) FROM budgets"))"
check_sh '[ "$(q "SELECT status FROM budgets WHERE budget = '"'district/d302/a2/budget.bdl'"'")" = errors ]' "the budget with errors is marked so"
check_sh '[ "$(q "SELECT count(*) FROM cells WHERE budget = '"'district/d302/a2/budget.bdl'"'")" = 0 ]' "the budget with errors has cells"
check_sh '[ "$(q "SELECT code || '"' '"' || line FROM diagnostics WHERE budget = '"'district/d302/a2/budget.bdl'"'")" = "E010 $(wc -l < district/d302/a2/budget.bdl)" ]' "its diagnostic: E010 on the last line"
check_sh '[ "$(q "SELECT count(*) FROM budgets WHERE budget LIKE '"'%parts%'"'")" = 0 ]' "a fragment became a budget"

# every cell, indicator and project against the JSON
for r in $clean; do
    "$BDLC" compile -f json "$r" > "$(echo "$r" | tr / _).json" || bad "compile -f json $r"
done
sqlite3 -json d.db "SELECT * FROM cells ORDER BY budget, table_id, row_no, column_key" > cells.json
sqlite3 -json d.db "SELECT * FROM indicators ORDER BY budget, table_id, row_no" > indicators.json
sqlite3 -json d.db "SELECT * FROM projects ORDER BY budget, code" > projects.json
$PY - "$clean" > compare.out 2>&1 <<'EOF'
import json, sys
roots = sys.argv[1].split()
def load(p):
    try: return json.load(open(p))
    except ValueError: return []   # sqlite3 -json prints nothing for no rows
cells, inds, projs = load("cells.json"), load("indicators.json"), load("projects.json")
bad = 0
def no(msg):
    global bad
    bad += 1
    if bad < 10: print(msg)
for r in roots:
    out = json.load(open(r.replace("/", "_") + ".json"), parse_float=str, parse_int=str)
    dec = int(out["budget"]["decimals"])
    want = {}
    wind = []
    for t in out["tables"]:
        keys = [c["key"] for c in t["columns"]]
        if "level-1" in keys:
            for i, row in enumerate(t["rows"]):
                wind.append((t["id"], i + 1, row["level-1"], row["level-2"], row["level-3"], row["value"]))
            continue
        for i, row in enumerate(t["rows"]):
            for k in keys:
                v = row[k]
                if isinstance(v, str) and v.replace(".", "").replace("-", "").isdigit() and k not in ("code", "name", "item", "income-item"):
                    want[(t["id"], i + 1, k)] = v
    got = {(c["table_id"], c["row_no"], c["column_key"]): c for c in cells if c["budget"] == r}
    if set(got) != set(want):
        no("%s: cells differ: only in db %s, only in json %s" % (r, sorted(set(got) - set(want))[:3], sorted(set(want) - set(got))[:3]))
    for k, v in want.items():
        c = got.get(k)
        if not c: continue
        if c["amount_text"] != v: no("%s %s: text %s, json %s" % (r, k, c["amount_text"], v))
        if c["amount"] != int(v.replace(".", "")) or c["decimals"] != dec or ("." in v) != (dec > 0):
            no("%s %s: amount %s decimals %s, json %s" % (r, k, c["amount"], c["decimals"], v))
        if c["department_code"] != out["budget"]["department"]["code"] or c["department_name"] != out["budget"]["department"]["name"] or c["year"] != out["budget"]["year"]:
            no("%s %s: department or year differ" % (r, k))
    gi = [(i["table_id"], i["row_no"], i["level1"], i["level2"], i["level3"], i["value"]) for i in inds if i["budget"] == r]
    if sorted(gi) != sorted(wind): no("%s: indicators differ (%d in db, %d in json)" % (r, len(gi), len(wind)))
    gp = sorted((p["code"], p["name"], p["amount_text"]) for p in projs if p["budget"] == r)
    wp = sorted((p["code"], p["name"], p["amount"]) for p in out["projects"])
    if gp != wp: no("%s: projects differ: %s / %s" % (r, gp[:2], wp[:2]))
    if not want: no("%s: no cells at all" % r)
print("compared", len(roots), "budgets,", bad, "differences")
sys.exit(1 if bad else 0)
EOF
check_sh '[ $? = 0 ]' "the database is not the JSON: $(cat compare.out)"
sed "s/^/facts: /" compare.out

# idempotent: the same counts after a second run
counts() { q "SELECT (SELECT count(*) FROM budgets), (SELECT count(*) FROM cells), (SELECT count(*) FROM projects), (SELECT count(*) FROM indicators), (SELECT count(*) FROM diagnostics)"; }
c1=$(counts)
"$BDLC" compile -f sqlite -o d.db district 2> /dev/null
c2=$(counts)
check_sh '[ "$c1" = "$c2" ]' "a second run changed the counts: $c1 then $c2"
# one budget again, changed: its rows replaced, the others' kept
r1=district/d301/a1/budget.bdl
before=$(q "SELECT count(*) FROM cells WHERE budget <> '$r1'")
sed -i 's|^    department 301 "部门301"|    department 301 "部门301改"|' "$r1"
"$BDLC" compile -f sqlite -o d.db "$r1" 2> /dev/null; rc=$?
check_sh '[ $rc = 0 ] && [ "$(q "SELECT DISTINCT department_name FROM cells WHERE budget = '"'$r1'"'")" = 部门301改 ]' "a budget compiled again: its rows not replaced"
check_sh '[ "$(q "SELECT count(*) FROM cells WHERE budget <> '"'$r1'"'")" = "$before" ] && [ "$(counts)" = "$c2" ]' "a budget compiled again changed the others' rows"
sed -i 's|^    department 301 "部门301改"|    department 301 "部门301"|' "$r1"
"$BDLC" compile -f sqlite -o d.db "$r1" 2> /dev/null

# the hostile name: a name, and every table is still there
check_sh '[ "$(q "SELECT DISTINCT department_name FROM cells WHERE department_code = '"'303'"'")" = "$HOSTILE" ]' "the hostile name is not stored as written"
check_sh '[ "$(q "SELECT count(*) FROM sqlite_master WHERE type = '"'table'"'")" = 6 ] && [ "$(q "SELECT count(*) FROM cells WHERE department_code = '"'303'"'")" -gt 0 ]' "a table went missing"

# the documented query: total 三公 by department (docs/en/reference.md)
q "SELECT department_code, department_name, decimals, SUM(amount) AS total
   FROM cells WHERE table_id = 'three-public' AND column_key = 'total'
   GROUP BY department_code, department_name, decimals ORDER BY department_code" > sangong.db
$PY - "$clean" > sangong.json <<'EOF'
import json, sys
tot = {}
for r in sys.argv[1].split():
    out = json.load(open(r.replace("/", "_") + ".json"), parse_float=str, parse_int=str)
    d = out["budget"]["department"]
    dec = int(out["budget"]["decimals"])
    t = [t for t in out["tables"] if t["id"] == "three-public"][0]
    for row in t["rows"]:
        v = row.get("total")
        if v is None: continue
        k = (d["code"], d["name"], dec)
        tot[k] = tot.get(k, 0) + int(v.replace(".", ""))
for k in sorted(tot): print("%s|%s|%d|%d" % (k[0], k[1], k[2], tot[k]))
EOF
check_sh '[ -s sangong.db ] && cmp -s sangong.db sangong.json' "total 三公 by department: $(diff sangong.db sangong.json | head -4)"
echo "facts: total 三公 by department: $(cat sangong.db | tr "\n" " ")"

# -f facts: the same rows as CSV
"$BDLC" compile -f facts -o facts district 2> /dev/null; rc=$?
check_sh '[ $rc = 1 ] && [ "$(ls facts | tr "\n" " ")" = "budgets.csv cells.csv diagnostics.csv indicators.csv projects.csv " ]' "-f facts: exit $rc and the five files"
for t in budgets cells projects indicators diagnostics; do
    h=$(head -1 facts/$t.csv)
    w=$(q "SELECT group_concat(name, ',') FROM pragma_table_info('$t')")
    check_sh '[ "$h" = "$w" ]' "$t.csv header '$h' is not the schema's '$w'"
    sqlite3 c.db ".import --csv facts/$t.csv $t" 2> /dev/null
    a=$(sqlite3 c.db "SELECT count(*) FROM $t") b=$(q "SELECT count(*) FROM $t")
    check_sh '[ "$a" = "$b" ]' "$t.csv has $a rows, the database $b"
done
check_sh '[ "$(sqlite3 c.db "SELECT sum(amount) FROM cells")" = "$(q "SELECT sum(amount) FROM cells")" ]' "cells.csv amounts differ from the database"
check_sh '[ "$(sqlite3 c.db "SELECT count(*) FROM cells WHERE department_name = '"'x'"''"'); DROP TABLE cells; --'"'")" = "$(q "SELECT count(*) FROM cells WHERE department_code = '"'303'"'")" ]' "the hostile name in CSV"
"$BDLC" compile -f facts -o facts district 2> /dev/null
check_sh '[ "$(ls facts | wc -l)" = 5 ] && ! ls -a . | grep -q "^\.facts"' "-f facts again: the folder replaced, no temporary left"

# usage and a missing plugin
"$BDLC" compile -f sqlite district > /dev/null 2> u.err; rc=$?
check_sh '[ $rc = 2 ] && grep -q "give its file with -o" u.err' "-f sqlite without -o: exit $rc"
BDL_PLUGIN_DIR=$T/nowhere "$BDLC" compile -f sqlite -o x.db district > /dev/null 2> p.err; rc=$?
check_sh '[ $rc = 2 ] && grep -q "libsqlite3-dev" p.err && [ ! -f x.db ]' "-f sqlite without its plugin: exit $rc"
echo "not a database" > bad.db
"$BDLC" compile -f sqlite -o bad.db district > /dev/null 2> b.err; rc=$?
check_sh '[ $rc = 2 ] && grep -q "bad.db" b.err' "-f sqlite into a file that is not a database: exit $rc"

summary facts
