#!/bin/sh
# tests/run.sh BUILD_DIR — the whole suite that `make test` runs:
# cmocka unit tests, the case files, the stdlib generator, the example
# budget's golden diagnostics, the explanations of the codes, the lists that
# must agree with their source, and the pre-commit hook.
set -u
# a sanitizer report must never look like "errors found" (exit 1)
export ASAN_OPTIONS="exitcode=99:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
B=${1:-build}
fail=0
pass=0
step() {
    name=$1; shift
    echo "== $name"
    if "$@"; then pass=$((pass + 1)); else echo "FAILED: $name"; fail=$((fail + 1)); fi
}
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    step "unit: $(basename "$t")" "$t"
done
step "command line" sh tests/cli/run.sh "$B/bdlc"
step "cases" "$B/tests/case_runner" "$B/bdlc" tests/cases
step "cases, parsed in pieces and checked on two threads" env BDL_SPLIT=1 BDL_THREADS=2 "$B/tests/case_runner" "$B/bdlc" tests/cases
step "parallel = one thread" sh tests/parallel/run.sh "$B/bdlc"
step "a district in one run (check DIR, --shard)" sh tests/district/run.sh "$B/bdlc"
step "a department as the sum of its agencies (agencies)" sh tests/consolidate/run.sh "$B/bdlc"
step "the facts database (compile -f sqlite, -f facts)" sh tests/facts/run.sh "$B/bdlc"
step "diff: two budgets, folders, git revisions, the textconv driver" sh tests/diff/run.sh "$B/bdlc"
step "stdlib generator" sh tests/stdlib/test-gen-cn.sh
step "example diagnostics" sh tests/golden/run.sh "$B/bdlc"
step "messages in Chinese" sh tests/i18n/run.sh "$B/bdlc"
step "cases in Chinese (codes and lines do not depend on the language)" env BDL_LANG=zh "$B/tests/case_runner" "$B/bdlc" tests/cases
step "fuzz targets, replaying their seeds" sh tests/fuzz/replay.sh "$B"
step "hostile inputs" sh tests/hostile/run.sh "$B/bdlc"
step "fmt" sh tests/fmt/run.sh "$B/bdlc"
step "compile: goldens" sh tests/compile/golden.sh "$B/bdlc"
step "compile: reference document" sh tests/compile/reference.sh "$B/bdlc"
step "compile: JSON schema" sh tests/compile/schema.sh "$B/bdlc"
step "compile: behaviour" sh tests/compile/behaviour.sh "$B/bdlc"
step "compile: browser" sh tests/compile/browser.sh "$B/bdlc"
step "compile: disk full, killed mid-write" sh tests/compile/diskfull.sh "$B/bdlc"
step "compile: xlsx and pdf, read back" sh tests/formats/run.sh "$B/bdlc"
step "layouts: the grep, a test-only layout, errors" sh tests/layout/run.sh "$B/bdlc"
step "import" sh tests/import/run.sh "$B/bdlc"
step "review" sh tests/review/run.sh "$B/bdlc"
step "import: the Shanghai documents, through the layout" sh tests/import-shanghai/run.sh "$B/bdlc"
step "docs: examples" sh tests/docs/examples.sh "$B/bdlc"
step "shanghai: compare script" sh tests/shanghai/run.sh
step "narrative: last year, templates, the 万里 2024 publication" sh tests/narrative/run.sh "$B/bdlc"
step "shanghai: the examples check as their READMEs say, and compile to their publications (numbers, labels, printed style)" sh tests/shanghai/examples.sh "$B/bdlc"
step "docs: tutorial" sh tests/docs/tutorial.sh "$B/bdlc"
step "docs: tutorial in Chinese" env BDL_LANG=zh sh tests/docs/tutorial.sh "$B/bdlc" docs/zh/tutorial.md
step "docs: translations not older than their English" sh tests/docs/translations.sh
step "docs: reference" sh tests/docs/reference.sh "$B/bdlc"
step "editors, man page, install" sh tests/editors/run.sh "$B"
step "explain: every code's example and fix" sh tests/explain/run.sh "$B/bdlc"
step "lists that must agree (codes, keywords)" sh tests/lists/run.sh "$B/bdlc"
[ -f tests/precommit/run.sh ] && step "pre-commit hook" sh tests/precommit/run.sh "$B/bdlc"
echo "suite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
