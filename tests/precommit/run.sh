#!/bin/sh
# tests/precommit/run.sh BDLC — run the hooks of this repository's
# .pre-commit-hooks.yaml through the real pre-commit framework, offline.
#
# How: the hooks file is copied into a throwaway git repository (HOOKS) and
# committed there; a second throwaway repository (WORK) holds a copy of
# examples/nanchuan-renda-2026 and a .pre-commit-config.yaml whose `repo:` is
# HOOKS at that commit, so pre-commit clones HOOKS and reads our hooks file
# exactly as it would for a user. `bdlc` is found on PATH (language: system),
# where this script puts the BDLC under test.
#
# The example has two roots: budget.bdl (as published: E120, E121 x3, W126)
# and corrected.bdl (clean). Every fragment but 07-staff-* is included by both,
# so a staged fragment is checked through both. The passing cases therefore
# run on a WORK tree holding only corrected.bdl and its files; budget.bdl and
# projects/07-staff-published.bdl are added for the failing cases.
#
# Everything (HOME, XDG_CACHE_HOME, PRE_COMMIT_HOME, both repositories) lives
# in one temporary folder, removed at exit. Last line: "precommit: N passed,
# M failed"; exit status 1 when a case failed or pre-commit is unavailable.
set -u

if [ $# -ne 1 ]; then
    echo "usage: sh tests/precommit/run.sh BDLC" >&2
    exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
EXAMPLE=$REPO/examples/nanchuan-renda-2026

case $1 in
    /*) BDLC=$1 ;;
    *) BDLC=$(pwd)/$1 ;;
esac
if [ ! -x "$BDLC" ]; then
    echo "precommit: $1 is not an executable bdlc (run make first)" >&2
    echo "precommit: 0 passed, 1 failed"
    exit 1
fi

# ---------------------------------------------------------------- pre-commit
# The Debian package `pre-commit` ships the framework; nothing else is
# fetched (language: system hooks need no environment of their own).  The
# test installs nothing: tests/deps.sh (tests/all.sh, CI) does.
. "$REPO/tests/need.sh"
if ! need pre-commit pre-commit; then
    echo "precommit: 0 passed, 1 failed"
    exit 1
fi
need git git || { echo "precommit: 0 passed, 1 failed"; exit 1; }
PRE_COMMIT=$(command -v pre-commit)

# ---------------------------------------------------------------- sandbox
T=$(mktemp -d "${TMPDIR:-/tmp}/bdlc-precommit.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing from the caller's git or pre-commit setup, nothing written outside $T.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_CEILING_DIRECTORIES \
      PRE_COMMIT_ALLOW_NO_CONFIG SKIP 2>/dev/null
export HOME="$T/home" XDG_CACHE_HOME="$T/cache" XDG_CONFIG_HOME="$T/config" \
       PRE_COMMIT_HOME="$T/pre-commit" GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_COLOR=never \
       GIT_TERMINAL_PROMPT=0 LC_ALL=C.UTF-8
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$T/bin"

# The entry is `bdlc check`: put the binary under test on PATH as `bdlc`.
ln -s "$BDLC" "$T/bin/bdlc"
PATH="$T/bin:$PATH"
export PATH

git_init() {
    git init -q "$1" &&
    git -C "$1" config user.name "bdlc pre-commit test" &&
    git -C "$1" config user.email "precommit-test@bdlc.invalid" &&
    git -C "$1" config commit.gpgsign false
}

pass=0
fail=0
OUT=$T/out
ok() {
    pass=$((pass + 1))
    echo "ok   - $1"
    # PRECOMMIT_VERBOSE=1 shows what each passing case printed too
    [ -n "${PRECOMMIT_VERBOSE:-}" ] && [ -f "$OUT" ] && sed 's/^/    | /' "$OUT"
    rm -f "$OUT"
}
not_ok() {
    fail=$((fail + 1))
    echo "FAIL - $1: $2"
    [ -f "$OUT" ] && sed 's/^/    | /' "$OUT"
    rm -f "$OUT"
}

# expect NAME STATUS PATTERN... -- COMMAND...: COMMAND exits with STATUS
# (0, or "nonzero") and its output has every PATTERN (fixed strings; a PATTERN
# starting with ! must be absent).
expect() {
    name=$1 want=$2
    shift 2
    pats=$T/pats
    : >"$pats"
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        printf '%s\n' "$1" >>"$pats"
        shift
    done
    shift
    "$@" >"$OUT" 2>&1
    got=$?
    if [ "$want" = 0 ] && [ "$got" -ne 0 ]; then
        not_ok "$name" "exit status $got, expected 0"; return
    fi
    if [ "$want" != 0 ] && [ "$got" -eq 0 ]; then
        not_ok "$name" "exit status 0, expected non-zero"; return
    fi
    while IFS= read -r p; do
        case $p in
            !*) if grep -qF -- "${p#!}" "$OUT"; then
                    not_ok "$name" "output has '${p#!}'"; return
                fi ;;
            *)  if ! grep -qF -- "$p" "$OUT"; then
                    not_ok "$name" "output lacks '$p'"; return
                fi ;;
        esac
    done <"$pats"
    ok "$name"
}

# ---------------------------------------------------------------- HOOKS repo
# A throwaway repository holding this repository's hooks file as it is now
# (committed or not), so the test sees the working copy being tested.
HOOKS=$T/hooks
git_init "$HOOKS" >/dev/null || { echo "precommit: git init failed" >&2; exit 1; }
cp "$REPO/.pre-commit-hooks.yaml" "$HOOKS/"
if ! { git -C "$HOOKS" add .pre-commit-hooks.yaml &&
        git -C "$HOOKS" commit -q -m "hooks under test"; }; then
    echo "precommit: cannot commit the hooks file" >&2; exit 1
fi
REV=$(git -C "$HOOKS" rev-parse HEAD)

expect "the hooks file is a valid pre-commit manifest" 0 -- \
    "$PRE_COMMIT" validate-manifest "$REPO/.pre-commit-hooks.yaml"

# ---------------------------------------------------------------- WORK repo
W=$T/work
D=nanchuan-renda-2026          # the example's folder inside WORK
git_init "$W" >/dev/null || exit 1
cd "$W" || exit 1
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $HOOKS
    rev: $REV
    hooks:
      - id: bdlc-check
EOF
expect "the work repository's config is valid" 0 -- \
    "$PRE_COMMIT" validate-config .pre-commit-config.yaml

# Corrected state: corrected.bdl and its files only, committed before any hook.
mkdir -p "$D/projects"
cp "$EXAMPLE/corrected.bdl" "$EXAMPLE/tables.bdl" "$D/"
for f in "$EXAMPLE"/projects/*.bdl; do
    case $f in */07-staff-published.bdl) continue ;; esac
    cp "$f" "$D/projects/"
done
printf 'BDL budgets under pre-commit.\n' >README.md
if ! { git add -A && git commit -q -m "corrected budget"; }; then
    echo "precommit: cannot make the first commit" >&2; exit 1
fi

run_hook() { "$PRE_COMMIT" run bdlc-check --color never; }
# back to the committed state; untracked test files are removed by the caller
reset_work() { git reset -q --hard HEAD; }

# (a) a staged fragment passes, checked through the root that includes it.
printf '# touched by the pre-commit test\n' >>"$D/projects/01-welfare.bdl"
git add "$D/projects/01-welfare.bdl"
expect "(a) staged fragment of the corrected budget passes" 0 \
    "bdlc check" "Passed" "!no files to check" -- run_hook
reset_work

# (a') the same fragment with an error of its own fails, reported in it.
sed -n '/^ *indicator /{p;q;}' "$D/projects/01-welfare.bdl" >"$T/ind"
if [ -s "$T/ind" ]; then
    # repeat the first indicator line just after itself: E121 in the fragment
    awk -v dup="$(cat "$T/ind")" '{print} $0 == dup && !done {print; done = 1}' \
        "$D/projects/01-welfare.bdl" >"$T/frag" && cp "$T/frag" "$D/projects/01-welfare.bdl"
    git add "$D/projects/01-welfare.bdl"
    expect "(a') staged fragment with a duplicate indicator fails" nonzero \
        "Failed" "E121" "$D/projects/01-welfare.bdl" -- run_hook
    reset_work
else
    not_ok "(a') staged fragment with a duplicate indicator fails" "no indicator line in 01-welfare.bdl"
fi

# A file that the hook's `files: \.bdl$` does not match is not checked.
printf 'More text.\n' >>README.md
git add README.md
expect "a staged non-.bdl file is skipped" 0 "no files to check" -- run_hook
reset_work

# Published state: budget.bdl and its 07 fragment beside corrected.bdl.
add_published() {
    cp "$EXAMPLE/budget.bdl" "$D/"
    cp "$EXAMPLE/projects/07-staff-published.bdl" "$D/projects/"
}
drop_published() {
    git rm -q --cached --ignore-unmatch "$D/budget.bdl" "$D/projects/07-staff-published.bdl"
    rm -f "$D/budget.bdl" "$D/projects/07-staff-published.bdl"
}

# (b) the published root, staged alone, fails with its E121s.
add_published
git add "$D/budget.bdl"
expect "(b) staged published budget.bdl fails with E121" nonzero \
    "Failed" "E121" "E120" -- run_hook
drop_published; reset_work

# (c) its fragment 07-staff-published.bdl, staged alone, fails through budget.bdl.
add_published
git add "$D/projects/07-staff-published.bdl"
expect "(c) staged fragment 07-staff-published.bdl fails through budget.bdl" nonzero \
    "Failed" "E121" "E120" "07-staff-published.bdl:23" -- run_hook
drop_published; reset_work

# A fragment shared by both roots is checked through both: with the published
# root present, the same harmless change as in (a) fails on budget.bdl's errors.
add_published
printf '# touched by the pre-commit test\n' >>"$D/projects/01-welfare.bdl"
git add "$D/projects/01-welfare.bdl"
expect "a fragment of both roots is checked through both (fails on budget.bdl)" nonzero \
    "Failed" "E121" "07-staff-published.bdl:23" "!01-welfare.bdl:" -- run_hook
drop_published; reset_work

# (d) a fragment that no root includes is E030.
cat >"$D/projects/09-orphan.bdl" <<'EOF'
# A project file that neither budget.bdl nor corrected.bdl includes.
project 50011926T000009999999 "孤立项目" {
    amount 1.00
}
EOF
git add "$D/projects/09-orphan.bdl"
expect "(d) staged fragment that no root includes fails with E030" nonzero \
    "Failed" "E030" "09-orphan.bdl" -- run_hook
git rm -q --cached "$D/projects/09-orphan.bdl"; rm -f "$D/projects/09-orphan.bdl"
reset_work

# (e) the installed hook guards a real `git commit`.
expect "pre-commit install" 0 "pre-commit installed" -- "$PRE_COMMIT" install
head0=$(git rev-parse HEAD)

add_published
git add "$D/budget.bdl" "$D/projects/07-staff-published.bdl"
expect "(e) git commit of the published budget is refused" nonzero \
    "bdlc check" "Failed" "E121" -- git commit -m "published budget"
if [ "$(git rev-parse HEAD)" = "$head0" ]; then
    ok "(e) the refused commit left HEAD where it was"
else
    not_ok "(e) the refused commit left HEAD where it was" "HEAD moved"
fi
drop_published; reset_work

printf '# touched by the pre-commit test\n' >>"$D/projects/01-welfare.bdl"
git add "$D/projects/01-welfare.bdl"
expect "(e) git commit of a good fragment change is accepted" 0 \
    "bdlc check" "Passed" -- git commit -m "touch 01-welfare"
if [ "$(git rev-parse HEAD^)" = "$head0" ] &&
   git diff --quiet HEAD^ HEAD -- "$D/corrected.bdl" &&
   ! git diff --quiet HEAD^ HEAD -- "$D/projects/01-welfare.bdl"; then
    ok "(e) the accepted commit holds the fragment change"
else
    not_ok "(e) the accepted commit holds the fragment change" "HEAD is not the new commit"
fi

echo "precommit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
