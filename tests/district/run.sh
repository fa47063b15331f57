#!/bin/sh
# tests/district/run.sh BDLC — `bdlc check DIR`: a district's budgets in one
# run (src/district.c, issue 15).
#
# A generated tree (tests/bench/gen.c, small budgets): 3 departments, 11
# agency roots, two of them split over included fragments (parts/*.bdl,
# which are not roots), three with an error put in.  Checks:
#   - the summary: one line per budget in path order (clean / N errors),
#     the final counts, exit 1; the same diagnostics as checking each root
#     alone, in path order; JSON and SARIF are one valid document each;
#   - --shard I/N for N = 1, 2, 3, 4: the shards partition the roots (union
#     = all, no overlap, index ≡ I-1 mod N) and their diagnostics are the
#     unsharded run's, budget by budget; --shard 0/2, 3/2, x are usage errors;
#   - --files-from LIST (and -) gives the same as the folder; several
#     operands that overlap count a budget once;
#   - BDL_THREADS=1 gives byte for byte what two threads give;
#   - a clean district exits 0; a folder with no budget is exit 2 (a folder
#     of fragments given by mistake), an empty shard 0.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
scratch

cc -std=c11 -O1 -o "$T/gen" "$ROOT/tests/bench/gen.c" 2> "$T/cc.err" || { bad "cannot build gen.c: $(cat "$T/cc.err")"; exit 1; }
D=$T/district
n=0
for dept in 01-finance 02-health 10-justice; do
    for a in 1 2 3 4; do
        [ "$dept" = 10-justice ] && [ $a = 4 ] && continue
        n=$((n + 1))
        dir=$D/$dept/agency-$a
        mkdir -p "$dir"
        if [ $a = 2 ]; then # split: a root and its fragments
            "$T/gen" -L "$ROOT/stdlib/cn/2026" -s 1000 -p 4 -S $n -o "$T/one.bdl" -d "$dir" -n 4 2> /dev/null
        else
            "$T/gen" -L "$ROOT/stdlib/cn/2026" -s 1000 -p 3 -S $n -o "$dir/budget.bdl" 2> /dev/null
        fi || { bad "gen failed"; exit 1; }
    done
done
# a root whose budget block comes after 9 KB of other statements (the root
# test reads the first 4 KB first, then the whole file)
r4=$D/01-finance/agency-4/budget.bdl
{ i=0; while [ $i -lt 500 ]; do printf 'import "cn/2026"\n\n'; i=$((i + 1)); done; cat "$r4"; } > "$T/late.bdl"
mv "$T/late.bdl" "$r4"
# errors: an unknown statement (E010) in two roots, one in a fragment
printf 'frobnicate\n' >> "$D/01-finance/agency-3/budget.bdl"
printf 'frobnicate\n' >> "$D/10-justice/agency-1/budget.bdl"
frag=$(ls "$D/02-health/agency-2/parts/"*.bdl | head -1)
printf 'frobnicate\n' >> "$frag"
roots=$(cd "$T" && find district -name budget.bdl | LC_ALL=C sort)
check_sh '[ $(echo "$roots" | wc -l) = 11 ] && [ $(find "$D" -name "*.bdl" | wc -l) -gt 11 ]' "the tree has 11 roots and fragments"

# ------------------------------------------------------------- summary
(cd "$T" && "$BDLC" check district > out 2> err); rc=$?
check_sh '[ $rc = 1 ]' "a district with errors: exit $rc, not 1"
echo "$roots" | while read -r r; do
    case $r in
        district/01-finance/agency-3/*|district/10-justice/agency-1/*|district/02-health/agency-2/*) echo "$r: 1 error" ;;
        *) echo "$r: clean" ;;
    esac
done > "$T/want"
echo "bdlc: 11 budgets checked: 8 clean, 0 with warnings, 3 with errors (3 errors, 0 warnings)" >> "$T/want"
check_sh 'cmp -s "$T/want" "$T/out"' "summary: $(diff "$T/want" "$T/out" | head -5)"
# the diagnostics are those of each root checked alone, in path order
(cd "$T" && for r in $roots; do "$BDLC" check "$r" 2>&1; done) > "$T/alone"
check_sh 'cmp -s "$T/alone" "$T/err"' "diagnostics differ from the roots checked alone: $(diff "$T/alone" "$T/err" | head -5)"
check_sh 'grep -q "error\[E010\]" "$T/err" && [ $(grep -c "error\[E010\]" "$T/err") = 3 ]' "three E010 printed"
check_sh '! grep -q "parts/.*: clean" "$T/out"' "a fragment was checked alone"
# one thread: the same bytes
(cd "$T" && BDL_THREADS=1 "$BDLC" check district > out1 2> err1)
check_sh 'cmp -s "$T/out" "$T/out1" && cmp -s "$T/err" "$T/err1"' "one thread differs from two"
# JSON and SARIF: one document each, with the three problems
(cd "$T" && "$BDLC" check --diagnostics-format json district > j.json 2> j.err)
check_sh 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==3 and all(x[\"code\"]==\"E010\" for x in d)" "$T/j.json"' "JSON report"
check_sh 'grep -q "11 budgets checked" "$T/j.err"' "JSON: the summary goes to stderr"
(cd "$T" && "$BDLC" check --diagnostics-format sarif district > s.json 2> /dev/null)
check_sh 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"runs\"][0][\"results\"])==3" "$T/s.json"' "SARIF report"
(cd "$T" && "$BDLC" check --diagnostics-format json district/01-finance/agency-1 > c.json 2> /dev/null); rc=$?
check_sh '[ $rc = 0 ] && [ "$(cat "$T/c.json")" = "[]" ]' "a clean folder: exit $rc, JSON []"

# -------------------------------------------------------------- shards
for N in 1 2 3 4; do
    : > "$T/union"
    : > "$T/shard-err"
    I=1
    while [ $I -le $N ]; do
        (cd "$T" && "$BDLC" check --shard $I/$N district > sh.out 2> sh.err)
        grep -v '^bdlc: ' "$T/sh.out" | cut -d: -f1 >> "$T/union"
        # index ≡ I-1 mod N
        echo "$roots" | awk -v i=$I -v n=$N '(NR - 1) % n == i - 1' > "$T/want-shard"
        grep -v '^bdlc: ' "$T/sh.out" | cut -d: -f1 > "$T/got-shard"
        check_sh 'cmp -s "$T/want-shard" "$T/got-shard"' "shard $I/$N takes the wrong roots"
        cat "$T/sh.err" >> "$T/shard-err"
        I=$((I + 1))
    done
    LC_ALL=C sort "$T/union" > "$T/union.sorted"
    check_sh '[ "$(cat "$T/union.sorted")" = "$roots" ]' "shards of $N: union is not all the roots once"
    # the diagnostics of a shard are the unsharded run's for its budgets:
    # together (in budget order) they are the whole run's
    for r in $roots; do grep "^$r" "$T/err" ; done > /dev/null
    LC_ALL=C sort "$T/shard-err" > "$T/a"; LC_ALL=C sort "$T/err" > "$T/b"
    check_sh 'cmp -s "$T/a" "$T/b"' "shards of $N: diagnostics differ from the whole run"
done
for s in 0/2 3/2 x 1/0 2; do
    "$BDLC" check --shard $s "$D" > /dev/null 2> "$T/us.err"; rc=$?
    check_sh '[ $rc = 2 ] && grep -q "shard is I/N" "$T/us.err"' "--shard $s: exit $rc, not a usage error"
done

# ---------------------------------------------------------- operands
(cd "$T" && echo "$roots" > list && "$BDLC" check --files-from list > fl.out 2> fl.err)
check_sh 'cmp -s "$T/out" "$T/fl.out" && cmp -s "$T/err" "$T/fl.err"' "--files-from differs from the folder"
(cd "$T" && echo "$roots" | "$BDLC" check --files-from - > fl2.out 2> /dev/null)
check_sh 'cmp -s "$T/out" "$T/fl2.out"' "--files-from - differs"
(cd "$T" && "$BDLC" check district/02-health district district/10-justice/agency-1/budget.bdl > ov.out 2> /dev/null)
check_sh 'cmp -s "$T/out" "$T/ov.out"' "overlapping operands count a budget twice"
# a fragment named among the operands: not checked alone, and said so
(cd "$T" && "$BDLC" check district "$frag" > fr.out 2> fr.err)
check_sh 'cmp -s "$T/out" "$T/fr.out" && grep -q "has no .budget. block: it is checked through the budgets" "$T/fr.err" && [ $(grep -c E010 "$T/fr.err") = 3 ]' "a fragment named with the folder"
mkdir "$T/empty"
"$BDLC" check "$T/empty" > "$T/e.out" 2> "$T/e.err"; rc=$?
check_sh '[ $rc = 2 ] && grep -q "is a directory with no budget in it" "$T/e.err" && [ ! -s "$T/e.out" ]' "an empty folder: exit $rc, not 2 and what it lacks"
"$BDLC" check --shard 3/3 "$D/01-finance/agency-1" > "$T/e.out" 2> "$T/e.err"; rc=$?
check_sh '[ $rc = 0 ] && grep -q "0 budgets checked" "$T/e.out"' "a shard with no budget (more shards than budgets): exit $rc, not 0"
"$BDLC" check --files-from "$T/nowhere" > /dev/null 2> "$T/nf.err"; rc=$?
check_sh '[ $rc = 2 ] && grep -q nowhere "$T/nf.err"' "--files-from a missing list: exit $rc, not 2"
# clean: exit 0
rm -rf "$D/01-finance/agency-3" "$D/10-justice/agency-1" "$D/02-health/agency-2"
"$BDLC" check "$D" > /dev/null 2>&1; rc=$?
check_sh '[ $rc = 0 ]' "a clean district: exit $rc, not 0"

summary district
