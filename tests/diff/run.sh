#!/bin/sh
# tests/diff/run.sh BDLC — `bdlc diff` (issue 13 item 5):
#   - the Shanghai pair 万里街道 2023 → 2024: exit 1, and the amount cells it lists in
#     the nine tables are exactly the cells whose printed value differs between the two
#     publications (check_shanghai.py reads the published texts without bdlc);
#     tables 6 and 7 (empty) list nothing: their notes differ by the year only;
#   - small fixtures (fixtures/): equal (exit 0, nothing printed), one amount changed
#     (the exact lines), a row removed and one added, project and indicator changes;
#   - -f json (parsed, its counts and fields), -f html (one page, escaped);
#   - the same bytes twice (deterministic);
#   - two folders: roots matched by path, a budget added, one removed, a fragment skipped;
#   - exit 2: a side with errors (its diagnostics printed, nothing on stdout), a missing
#     file, a folder against a file, usage; hostile inputs (binary, a FIFO, a terminal
#     escape in a name): no crash, no escape on the terminal;
#   - git: REV:PATH of a one-file and of a multi-file budget (includes of the same
#     revision), a folder at a revision, the working tree left untouched; the textconv
#     setup (`*.bdl diff=bdl`, diff.bdl.textconv "bdlc diff --textconv"): `git diff` and
#     `git log -p` show the published values that moved.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
F=$ROOT/tests/diff/fixtures
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
export BDL_LANG=en
has() { grep -qF -- "$1" "$2"; }

# ------------------------------------------------------------- Shanghai pair
S=$ROOT/examples
"$BDLC" diff -f json "$S/shanghai-wanli-2023/budget.bdl" "$S/shanghai-wanli-2024/budget.bdl" > "$T/sh.json" 2> "$T/sh.err"
check_sh '[ $? = 1 ] && [ ! -s "$T/sh.err" ]' "wanli 2023 → 2024: exit 1, quiet stderr ($(head -3 "$T/sh.err"))"
python3 "$ROOT/tests/diff/check_shanghai.py" "$S/shanghai-wanli-2023/published.txt" "$S/shanghai-wanli-2024/published.txt" "$T/sh.json" > "$T/sh.check"
check_sh '[ $? = 0 ]' "wanli: bdlc diff against the publications: $(cat "$T/sh.check")"
sed 's/^/  /' "$T/sh.check"
python3 - "$T/sh.json" > "$T/sh.other" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
tables = set()
for c in d["budgets"][0]["changes"]:
    t = c.get("table")
    if t: tables.add(t["number"])
    if t and t["number"] in (6, 7):
        print("table", t["number"], c)
print("tables", sorted(tables))
PY
# (10: the project page's texts changed; 11: 2023 prints 财政项目支出绩效目标填报表 forms, 2024 none)
check_sh 'has "tables [1, 2, 3, 4, 5, 8, 9, 10, 11]" "$T/sh.other" && [ $(wc -l < "$T/sh.other") = 1 ]' "wanli: changes in every table but the empty 6 and 7 (their notes differ by the year only) and the forms 2023 alone prints: $(cat "$T/sh.other")"
"$BDLC" diff "$S/shanghai-wanli-2023/budget.bdl" "$S/shanghai-wanli-2024/budget.bdl" > "$T/sh.txt"
check_sh 'has "  ~ 2010507 专项普查活动 · 收入预算/合计: 601,300 → 257,700 (-343,600)" "$T/sh.txt"' "wanli text: a function row's change"
check_sh 'has "  ~ zero printed as: (blank) → 0" "$T/sh.txt"' "wanli text: table 2's zero style, once"
check_sh 'has "  ~ 机关运行经费预算数: 786.09 → 443.18 (-342.91)" "$T/sh.txt"' "wanli text: table 9 in 万元"
check_sh 'has "  + 30213 维修（护）费 · 一般公共预算基本支出/合计: 430,000 (+430,000)" "$T/sh.txt"' "wanli text: an economic row added"
check_sh 'has "  - 2080206 社会组织管理 · 支出预算/合计: 215,000 (-215,000)" "$T/sh.txt"' "wanli text: a function row removed"
check_sh '! grep -q "title" "$T/sh.txt"' "wanli text: titles differing by the year only are not changes"
"$BDLC" diff "$S/shanghai-wanli-2023/budget.bdl" "$S/shanghai-wanli-2024/budget.bdl" > "$T/sh2.txt"
check_sh 'cmp -s "$T/sh.txt" "$T/sh2.txt"' "wanli: the same output twice"

# ------------------------------------------------------------------ fixtures
cd "$F" || exit 1
"$BDLC" diff base.bdl base.bdl > "$T/eq.out" 2>&1
check_sh '[ $? = 0 ] && [ ! -s "$T/eq.out" ]' "equal: exit 0, nothing printed ($(cat "$T/eq.out"))"
"$BDLC" diff -f json base.bdl base.bdl > "$T/eq.json"
check_sh '[ $? = 0 ] && has "\"equal\": true" "$T/eq.json" && has "\"status\": \"equal\"" "$T/eq.json"' "equal -f json"

"$BDLC" diff base.bdl one-cell.bdl > "$T/one.out" 2> "$T/one.err"
check_sh '[ $? = 1 ] && [ ! -s "$T/one.err" ]' "one cell: exit 1"
cat > "$T/one.want" <<'TXT'
table 2 一般公共预算财政拨款支出预算表 [general-expenditure]
  ~ 合计 · 2026年预算数/总计: 130.00 → 131.50 (+1.50)
  ~ 合计 · 2026年预算数/基本支出: 100.00 → 101.50 (+1.50)
  ~ 201 一般公共服务支出 · 2026年预算数/总计: 130.00 → 131.50 (+1.50)
  ~ 201 一般公共服务支出 · 2026年预算数/基本支出: 100.00 → 101.50 (+1.50)
  ~ 20101 人大事务 · 2026年预算数/总计: 130.00 → 131.50 (+1.50)
  ~ 20101 人大事务 · 2026年预算数/基本支出: 100.00 → 101.50 (+1.50)
  ~ 2010101 行政运行 · 2026年预算数/总计: 100.00 → 101.50 (+1.50)
  ~ 2010101 行政运行 · 2026年预算数/基本支出: 100.00 → 101.50 (+1.50)
TXT
sed -n '/^table 2 /,/^table 6 /p' "$T/one.out" | sed '$d' > "$T/one.t2"
check_sh 'cmp -s "$T/one.want" "$T/one.t2"' "one cell: table 2's lines: $(diff "$T/one.want" "$T/one.t2")"
check_sh '[ "$(tail -1 "$T/one.out")" = "25 changed, 0 added, 0 removed" ]' "one cell: the counts ($(tail -1 "$T/one.out"))"
check_sh '! grep -q "项目支出" "$T/one.out"' "one cell: the project column did not move"

"$BDLC" diff base.bdl rows.bdl > "$T/rows.out"
check_sh '[ $? = 1 ]' "rows: exit 1"
check_sh 'has "  + 2010102 一般行政管理事务 · 2026年预算数/基本支出: 100.00 (+100.00)" "$T/rows.out"' "rows: the row added"
check_sh 'has "  - 2010101 行政运行 · 2026年预算数/基本支出: 100.00 (-100.00)" "$T/rows.out"' "rows: the row removed"
check_sh '! grep -q "^  ~" "$T/rows.out" && [ "$(tail -1 "$T/rows.out")" = "0 changed, 6 added, 6 removed" ]' "rows: the totals did not change ($(tail -1 "$T/rows.out"))"

"$BDLC" diff base.bdl projects.bdl > "$T/pr.out"
check_sh '[ $? = 1 ]' "projects: exit 1"
for line in \
    "  ~ 50011926T000005286480 产出指标/数量指标/举行全体会议 · 指标值: 7 → 8" \
    "  + indicator 50011926T000005286480 满意度指标/服务对象满意度指标/代表满意度" \
    "  - indicator 50011926T000005286480 效益指标/社会效益指标/代表满意度" \
    "  ~ 50011926T000005286480 区人大大型会议类 · 当年预算: 30.00 → 20.00 (-10.00)" \
    "  ~ 50011926T000005286480 区人大大型会议类 · 当年绩效目标: 组织召开区人大全体会议 → 组织召开区人大全体会议和常委会会议" \
    "  + project 50011926T000005286481 代表履职经费"; do
    check_sh 'has "$line" "$T/pr.out"' "projects: '$line'"
done
check_sh '! grep -q "代表履职经费 ·" "$T/pr.out"' "projects: an added project is one line, not one per field"

# --layout: both sides in another table set
"$BDLC" diff --layout shanghai base.bdl one-cell.bdl > "$T/lay.out"
check_sh '[ $? = 1 ] && has "table 3 2026年部门支出预算总表 [department-expenditure]" "$T/lay.out" && has "  ~ 2010101 行政运行 · 支出预算/基本支出: 100.00 → 101.50 (+1.50)" "$T/lay.out"' "--layout shanghai: the Shanghai tables"
"$BDLC" diff --layout nosuch base.bdl one-cell.bdl > /dev/null 2> "$T/lay.err"
check_sh '[ $? = 2 ] && [ $(grep -c "nosuch" "$T/lay.err") = 1 ]' "--layout nosuch: exit 2, said once"

# JSON and HTML
"$BDLC" diff -f json base.bdl projects.bdl > "$T/pr.json"
python3 - "$T/pr.json" > "$T/pr.jcheck" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["bdl-diff"] == 1 and d["equal"] is False, d
b = d["budgets"][0]
assert b["path"] is None and b["status"] == "changed"
n = {"changed": 0, "added": 0, "removed": 0}
for c in b["changes"]:
    n[c["status"]] += 1
    assert set(c) >= {"status", "kind", "code", "label", "column", "old", "new", "change"}, c
assert n == d["counts"], (n, d["counts"])
amt = [c for c in b["changes"] if c["kind"] == "field" and c["column"]["key"] == "amount"]
assert amt and amt[0]["old"] == "30.00" and amt[0]["new"] == "20.00" and amt[0]["change"] == "-10.00", amt
proj = [c for c in b["changes"] if c["kind"] == "project"]
assert len(proj) == 1 and proj[0]["status"] == "added" and proj[0]["code"] == "50011926T000005286481", proj
print("ok")
PY
check_sh 'has ok "$T/pr.jcheck"' "projects -f json: $(cat "$T/pr.jcheck")"
"$BDLC" diff -f html base.bdl projects.bdl > "$T/pr.html"
check_sh '[ $? = 1 ] && has "<!DOCTYPE html>" "$T/pr.html" && [ $(grep -c "<table>" "$T/pr.html") = 2 ] && has "<td>50011926T000005286480 区人大大型会议类 · 当年预算</td>" "$T/pr.html"' "projects -f html: one page, a table per section"
"$BDLC" diff -f html base.bdl projects.bdl > "$T/pr2.html"
check_sh 'cmp -s "$T/pr.html" "$T/pr2.html"' "html: the same bytes twice"
"$BDLC" diff -f xml base.bdl projects.bdl > /dev/null 2> "$T/f.err"
check_sh '[ $? = 2 ] && has "-f is text, json or html" "$T/f.err"' "-f xml: usage error"

# ------------------------------------------------------------------- folders
mkdir -p "$T/old/a" "$T/old/b" "$T/new/a" "$T/new/c"
cp base.bdl "$T/old/a/budget.bdl"; cp one-cell.bdl "$T/new/a/budget.bdl"
cp base.bdl "$T/old/b/budget.bdl"; cp base.bdl "$T/new/c/budget.bdl"
printf 'expenditure {\n}\n' > "$T/new/a/fragment.bdl"
mkdir -p "$T/same1/x" "$T/same2/x"; cp base.bdl "$T/same1/x/budget.bdl"; cp base.bdl "$T/same2/x/budget.bdl"
"$BDLC" diff "$T/old" "$T/new" > "$T/dir.out" 2> "$T/dir.err"
check_sh '[ $? = 1 ] && [ ! -s "$T/dir.err" ]' "folders: exit 1 ($(cat "$T/dir.err"))"
check_sh '[ "$(grep -v "^ \|^table" "$T/dir.out")" = "~ budget a/budget.bdl
- budget removed: b/budget.bdl
+ budget added: c/budget.bdl
25 changed, 0 added, 0 removed" ]' "folders: roots matched by path: $(grep -v '^ \|^table' "$T/dir.out")"
"$BDLC" diff "$T/same1" "$T/same2" > "$T/same.out"
check_sh '[ $? = 0 ] && [ ! -s "$T/same.out" ]' "folders, equal: exit 0"
"$BDLC" diff -f json "$T/old" "$T/new" > "$T/dir.json"
check_sh 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert [(b[\"path\"], b[\"status\"]) for b in d[\"budgets\"]] == [(\"a/budget.bdl\",\"changed\"),(\"b/budget.bdl\",\"removed\"),(\"c/budget.bdl\",\"added\")]" "$T/dir.json"' "folders -f json: paths and status"

# -------------------------------------------------------------------- exit 2
sed 's/basic 100.00/basic 100.00 total 99.00/' base.bdl > "$T/error.bdl"
"$BDLC" diff base.bdl "$T/error.bdl" > "$T/e.out" 2> "$T/e.err"
check_sh '[ $? = 2 ] && [ ! -s "$T/e.out" ] && grep -q "error\[E" "$T/e.err" && has "does not check" "$T/e.err"' "a side with errors: exit 2, its diagnostics ($(head -2 "$T/e.err"))"
cp "$T/error.bdl" "$T/old/b/budget.bdl"
"$BDLC" diff "$T/old" "$T/new" > "$T/e2.out" 2> "$T/e2.err"
check_sh '[ $? = 2 ] && [ ! -s "$T/e2.out" ] && grep -q "error\[E" "$T/e2.err"' "folders with a budget in error: exit 2"
"$BDLC" diff base.bdl "$T/missing.bdl" > /dev/null 2> "$T/m.err"
check_sh '[ $? = 2 ] && has "missing.bdl" "$T/m.err"' "a missing file: exit 2"
"$BDLC" diff "$T/old" base.bdl > /dev/null 2> "$T/fd.err"
check_sh '[ $? = 2 ] && has "is a folder" "$T/fd.err"' "a folder against a file: exit 2"
"$BDLC" diff base.bdl > /dev/null 2> "$T/u.err"
check_sh '[ $? = 2 ] && has "give OLD and NEW" "$T/u.err"' "one operand: usage, exit 2"
printf 'expenditure {\n    2010101 行政运行 basic 1.00\n}\n' > "$T/frag.bdl"
"$BDLC" diff "$T/frag.bdl" base.bdl > /dev/null 2> "$T/fr.err"
check_sh '[ $? = 2 ] && has "no \`budget\` block" "$T/fr.err"' "a fragment: exit 2, said why"

# hostile: binary, a FIFO, control characters in names, an unreadable file
head -c 3000 "$BDLC" > "$T/binary.bdl"
"$BDLC" diff base.bdl "$T/binary.bdl" > /dev/null 2>&1
check_sh '[ $? = 2 ]' "binary input: exit 2"
mkfifo "$T/fifo.bdl"
timeout 10 "$BDLC" diff base.bdl "$T/fifo.bdl" > /dev/null 2>&1
check_sh '[ $? = 2 ]' "a FIFO: exit 2, no hang"
sed "s/测试部门/测试$(printf '\033')[31m部门/" base.bdl > "$T/esc.bdl"
"$BDLC" diff base.bdl "$T/esc.bdl" > "$T/esc.out" 2>&1
rc=$?
check_sh '[ $rc = 1 ] || [ $rc = 2 ]' "an escape in a name: no crash (rc $rc)"
check_sh '! grep -q "$(printf "\033")" "$T/esc.out"' "an escape in a name is not printed raw"
cp base.bdl "$T/noread.bdl"; chmod 000 "$T/noread.bdl"
if [ "$(id -u)" != 0 ]; then
    "$BDLC" diff base.bdl "$T/noread.bdl" > /dev/null 2> "$T/nr.err"
    check_sh '[ $? = 2 ] && [ -s "$T/nr.err" ]' "an unreadable file: exit 2"
fi
for f in base one-cell rows projects; do "$BDLC" diff "$f.bdl" "$T/binary.bdl" > /dev/null 2>&1; [ $? -le 2 ] || bad "crash on $f vs binary"; done

# ----------------------------------------------------------------------- git
if command -v git > /dev/null 2>&1; then
    G=$T/repo
    mkdir -p "$G/multi" && cd "$G" || exit 1
    git init -q . && git config user.email t@example.com && git config user.name t && git config commit.gpgsign false
    cp "$F/base.bdl" budget.bdl
    sed -n '1,7p' "$F/base.bdl" > multi/budget.bdl
    echo 'include "tables.bdl"' >> multi/budget.bdl
    sed -n '8,$p' "$F/base.bdl" > multi/tables.bdl
    git add . && git commit -qm one
    cp "$F/one-cell.bdl" budget.bdl
    sed -n '8,$p' "$F/one-cell.bdl" > multi/tables.bdl
    git add . && git commit -qm two
    before=$(git status --porcelain; find . -path ./.git -prune -o -type f -print | sort)
    "$BDLC" diff HEAD~1:budget.bdl budget.bdl > "$T/g1.out" 2> "$T/g1.err"
    check_sh '[ $? = 1 ] && has "  ~ 2010101 行政运行 · 2026年预算数/基本支出: 100.00 → 101.50 (+1.50)" "$T/g1.out"' "git REV:PATH, one file ($(cat "$T/g1.err"))"
    "$BDLC" diff HEAD~1:multi/budget.bdl HEAD:multi/budget.bdl > "$T/g2.out" 2> "$T/g2.err"
    check_sh '[ $? = 1 ] && cmp -s "$T/g1.out" "$T/g2.out"' "git REV:PATH, a budget over two files: its includes from the same revision ($(cat "$T/g2.err"))"
    (cd multi && "$BDLC" diff HEAD~1:./budget.bdl budget.bdl > "$T/g3.out")
    check_sh 'cmp -s "$T/g1.out" "$T/g3.out"' "git REV:./PATH from a subfolder"
    "$BDLC" diff HEAD:budget.bdl budget.bdl > /dev/null
    check_sh '[ $? = 0 ]' "git HEAD:PATH against the working tree: equal"
    "$BDLC" diff HEAD~1:multi HEAD:multi > "$T/g4.out"
    check_sh '[ $? = 1 ] && has "~ budget budget.bdl" "$T/g4.out"' "git: a folder at two revisions"
    sed 's/basic 101.50/basic 101.50 total 1.00/' budget.bdl > budget.tmp && mv budget.tmp budget.bdl
    git commit -qam three
    "$BDLC" diff HEAD~1:budget.bdl HEAD:budget.bdl > /dev/null 2> "$T/g5.err"
    check_sh '[ $? = 2 ] && has "HEAD:budget.bdl:" "$T/g5.err"' "git: diagnostics name REV:PATH ($(head -1 "$T/g5.err"))"
    git reset -q --hard HEAD~1
    before=$(git status --porcelain; find . -path ./.git -prune -o -type f -print | sort)
    "$BDLC" diff nosuchrev:budget.bdl budget.bdl > /dev/null 2> "$T/g6.err"
    check_sh '[ $? = 2 ] && has "nosuchrev" "$T/g6.err"' "git: an unknown revision, exit 2"
    "$BDLC" diff HEAD:nosuch.bdl budget.bdl > /dev/null 2> "$T/g7.err"
    check_sh '[ $? = 2 ] && has "HEAD:nosuch.bdl" "$T/g7.err"' "git: a path not in the revision, exit 2"
    "$BDLC" diff -- -x:budget.bdl budget.bdl > /dev/null 2> "$T/g8.err"
    check_sh '[ $? = 2 ]' "git: a revision that looks like an option is refused"
    after=$(git status --porcelain; find . -path ./.git -prune -o -type f -print | sort)
    check_sh '[ "$before" = "$after" ]' "git: the working tree and index untouched"
    check_sh '[ -z "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name "bdlc-diff-*" -newer "$T/g1.out" 2>/dev/null)" ]' "git: no temporary tree left behind"

    # the textconv setup, as docs/en/reference.md gives it
    echo '*.bdl diff=bdl' > .gitattributes
    git config diff.bdl.textconv "$BDLC diff --textconv"
    git diff HEAD~1 HEAD -- budget.bdl > "$T/gd.out"
    check_sh 'has "-2 | 2010101 行政运行 · 2026年预算数/基本支出 | 100.00" "$T/gd.out" && has "+2 | 2010101 行政运行 · 2026年预算数/基本支出 | 101.50" "$T/gd.out"' "git diff through textconv: the published values that moved"
    check_sh '! grep -q "^[-+]    2010101" "$T/gd.out"' "git diff through textconv: not the source lines"
    git log -p -1 -- budget.bdl > "$T/gl.out"
    check_sh 'has "+7 | 2010101 行政运行 · 总计 | 101.50" "$T/gl.out"' "git log -p through textconv"
    git diff HEAD~1 HEAD -- multi/tables.bdl > "$T/gm.out"
    check_sh 'has "+    2010101 行政运行   basic 101.50" "$T/gm.out"' "textconv: a fragment is shown as it is"
    "$BDLC" diff --textconv budget.bdl > "$T/tc1"; "$BDLC" diff --textconv budget.bdl > "$T/tc2"
    check_sh 'cmp -s "$T/tc1" "$T/tc2" && has "== table 2 " "$T/tc1"' "textconv: deterministic"
    cd "$F" || exit 1
else
    echo "diff: no git: the git tests are skipped"
fi

summary diff
