#!/bin/sh
# tests/i18n/run.sh BDLC — messages in Chinese (po/zh_CN.po, docs/glossary.md):
#   - the catalogue is complete (100% translated, 0 fuzzy) and not stale
#     (its messages are exactly those of the sources, regenerated here);
#   - it uses the glossary's words, one word per concept;
#   - the reference budget's check output in Chinese is the golden
#     tests/golden/check/nanchuan-budget.zh.txt, whichever way Chinese is
#     asked for (LANG=zh_CN.UTF-8, --lang zh, BDL_LANG=zh), on a machine
#     without a zh_CN locale (the environment is emptied, so nothing but
#     C/C.UTF-8 is assumed); English stays English (LANG=C, --lang en);
#   - codes, places, exit statuses, JSON/SARIF keys and source snippets with
#     their carets do not depend on the language;
#   - an installed layout (bin/ + share/locale/) finds the catalogue, and a
#     binary without one falls back to English.
set -u
. "$(dirname "$0")/../lib.sh"
compiler "$@"
G=$ROOT/tests/golden/check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a clean environment: no locale at all unless a test sets one
run() { env -i PATH="$PATH" NO_COLOR=1 "$@"; }

# ---- the catalogue
stats=$(msgfmt --check --statistics -o /dev/null "$ROOT/po/zh_CN.po" 2>&1)
case $stats in
*fuzzy* | *untranslated* | *error*) bad "po/zh_CN.po is not complete: $stats" ;;
*" translated message"*) ok ;;
*) bad "msgfmt says: $stats" ;;
esac
grep -q '^#~' "$ROOT/po/zh_CN.po" && bad "po/zh_CN.po keeps obsolete (#~) entries: run make po and delete them" || ok
if (cd "$ROOT" && make -s --no-print-directory B="$tmp/pot" "$tmp/pot/bdlc.pot") > "$tmp/pot.log" 2>&1; then
    # every message of the sources is in the catalogue, and nothing else is
    if msgcmp "$ROOT/po/zh_CN.po" "$tmp/pot/bdlc.pot" > "$tmp/cmp1" 2>&1 &&
       msgcmp --use-untranslated "$tmp/pot/bdlc.pot" "$ROOT/po/zh_CN.po" > "$tmp/cmp2" 2>&1; then ok; else
        bad "the catalogue is stale (run make po and translate): $(head -5 "$tmp/cmp1" "$tmp/cmp2")"
    fi
else
    bad "xgettext failed: $(cat "$tmp/pot.log")"
fi
out=$(python3 "$ROOT/tests/i18n/glossary.py" "$ROOT/docs/glossary.md" "$ROOT/po/zh_CN.po") && ok || bad "$out"

# ---- the reference budget in Chinese, three ways, and English
cd "$ROOT/examples/nanchuan-renda-2026" || exit 2
golden() { # name expected command...
    name=$1 exp=$2; shift 2
    run "$@" > "$tmp/out" 2>&1
    if cmp -s "$exp" "$tmp/out"; then ok; else bad "$name"; diff "$exp" "$tmp/out" | head -10; fi
}
golden "LANG=zh_CN.UTF-8" "$G/nanchuan-budget.zh.txt" LANG=zh_CN.UTF-8 "$BDLC" check budget.bdl
golden "LC_ALL=zh_CN.UTF-8 over LANG=C" "$G/nanchuan-budget.zh.txt" LANG=C LC_ALL=zh_CN.UTF-8 "$BDLC" check budget.bdl
golden "LANGUAGE=zh_CN with no locale set" "$G/nanchuan-budget.zh.txt" LANGUAGE=zh_CN "$BDLC" check budget.bdl
golden "--lang zh" "$G/nanchuan-budget.zh.txt" "$BDLC" check --lang zh budget.bdl
golden "--lang=zh before the command" "$G/nanchuan-budget.zh.txt" "$BDLC" --lang=zh check budget.bdl
golden "BDL_LANG=zh" "$G/nanchuan-budget.zh.txt" BDL_LANG=zh "$BDLC" check budget.bdl
golden "LANG=C" "$G/nanchuan-budget.txt" LANG=C "$BDLC" check budget.bdl
golden "LC_ALL=C wins over LANGUAGE" "$G/nanchuan-budget.txt" LC_ALL=C LANGUAGE=zh_CN "$BDLC" check budget.bdl
golden "--lang en over LANG=zh_CN.UTF-8" "$G/nanchuan-budget.txt" LANG=zh_CN.UTF-8 "$BDLC" check --lang en budget.bdl
golden "BDL_LANG=en over LANG=zh_CN.UTF-8" "$G/nanchuan-budget.txt" LANG=zh_CN.UTF-8 BDL_LANG=en "$BDLC" check budget.bdl
golden "--lang over BDL_LANG" "$G/nanchuan-budget.zh.txt" BDL_LANG=en "$BDLC" check --lang zh budget.bdl

# carets and source lines are the same in both languages (aligned by display width)
grep -E '^ +([0-9]+)? \|' "$G/nanchuan-budget.txt" > "$tmp/snip.en"
grep -E '^ +([0-9]+)? \|' "$G/nanchuan-budget.zh.txt" > "$tmp/snip.zh"
if [ -s "$tmp/snip.en" ] && cmp -s "$tmp/snip.en" "$tmp/snip.zh"; then ok; else bad "source lines or carets differ between the languages"; fi
# the places and codes of every diagnostic line are the same
sed -n 's/^\([^ ]*:[0-9]*:[0-9]*:\) [^[]*\(\[[EW][0-9]*\]\)\{0,1\}.*/\1\2/p' "$G/nanchuan-budget.txt" > "$tmp/pl.en"
sed -n 's/^\([^ ]*:[0-9]*:[0-9]*:\) [^[]*\(\[[EW][0-9]*\]\)\{0,1\}.*/\1\2/p' "$G/nanchuan-budget.zh.txt" > "$tmp/pl.zh"
if [ -s "$tmp/pl.en" ] && cmp -s "$tmp/pl.en" "$tmp/pl.zh"; then ok; else bad "places or codes differ between the languages"; diff "$tmp/pl.en" "$tmp/pl.zh" | head; fi
grep -q '错误\[E120\]' "$G/nanchuan-budget.zh.txt" && grep -q '警告\[W126\]' "$G/nanchuan-budget.zh.txt" && ok ||
    bad "the Chinese golden has no 错误[E120] / 警告[W126]"

# JSON and SARIF: the same keys and values but for the message texts, which are Chinese
strip() { sed -E 's/"(message|text)": "([^"\\]|\\.)*"/"\1": ""/g'; }
for f in json sarif; do
    run "$BDLC" check --diagnostics-format $f budget.bdl > "$tmp/en.$f"; s1=$?
    run "$BDLC" check --lang zh --diagnostics-format $f budget.bdl > "$tmp/zh.$f"; s2=$?
    cmp -s "$tmp/en.$f" "$G/nanchuan-budget.$f" && ok || bad "$f: English output is not the golden"
    strip < "$tmp/en.$f" > "$tmp/en.$f.keys"; strip < "$tmp/zh.$f" > "$tmp/zh.$f.keys"
    if cmp -s "$tmp/en.$f.keys" "$tmp/zh.$f.keys"; then ok; else bad "$f: keys or values other than texts differ"; diff "$tmp/en.$f.keys" "$tmp/zh.$f.keys" | head -6; fi
    grep -q '指标权重合计为 190' "$tmp/zh.$f" && ok || bad "$f: the messages are not in Chinese"
    [ "$s1" -eq 1 ] && [ "$s2" -eq 1 ] && ok || bad "$f: exit statuses $s1 and $s2, expected 1 and 1"
done
# the rule titles are the Chinese explanations' first lines (docs/zh/explain/CODE.md)
zh_title=$(sed -n "1s/^# E120: //p" "$ROOT/docs/zh/explain/E120.md")
run "$BDLC" check --lang zh --diagnostics-format sarif budget.bdl | grep -qF "\"text\": \"$zh_title\"" && [ -n "$zh_title" ] && ok ||
    bad "sarif: the rule descriptions are not in Chinese"

# exit statuses and the command line in Chinese
run "$BDLC" check --lang zh corrected.bdl > "$tmp/out" 2>&1; s=$?
[ "$s" -eq 0 ] && [ ! -s "$tmp/out" ] && ok || bad "corrected.bdl in Chinese: status $s, output $(cat "$tmp/out")"
run "$BDLC" check --lang zh --no-such-option budget.bdl > "$tmp/out" 2>&1; s=$?
[ "$s" -eq 2 ] && grep -q "未知选项 '--no-such-option'" "$tmp/out" && ok || bad "usage error in Chinese: status $s: $(cat "$tmp/out")"
run "$BDLC" --lang fr check budget.bdl > "$tmp/out" 2>&1; s=$?
[ "$s" -eq 2 ] && grep -q -- "--lang is zh (Chinese) or en (English)" "$tmp/out" && ok || bad "--lang fr: status $s: $(cat "$tmp/out")"
run "$BDLC" check --lang > "$tmp/out" 2>&1; s=$?
[ "$s" -eq 2 ] && ok || bad "--lang without a value: status $s"
run "$BDLC" --help --lang zh > "$tmp/out" 2>&1
grep -q '^用法：bdlc 命令' "$tmp/out" && ok || bad "--help in Chinese: $(head -2 "$tmp/out")"
run "$BDLC" check --lang zh --max-errors 1 budget.bdl > "$tmp/out" 2>&1
grep -q '^bdlc: 另有 4 个问题没有显示' "$tmp/out" && ok || bad "the plural line in Chinese: $(tail -1 "$tmp/out")"
run "$BDLC" check --max-errors 4 budget.bdl > "$tmp/out" 2>&1
grep -q '^bdlc: 1 more problem not shown' "$tmp/out" && ok || bad "the singular in English: $(tail -1 "$tmp/out")"
# a file after "--" named --lang is a file, not the option
run "$BDLC" check --lang zh -- --lang > "$tmp/out" 2>&1; s=$?
[ "$s" -eq 2 ] && grep -q "无法打开 '--lang'" "$tmp/out" && ok || bad "-- --lang: status $s: $(cat "$tmp/out")"

# the files bdlc writes do not depend on the language
run "$BDLC" compile --lang zh -f json corrected.bdl > "$tmp/zh.budget.json" 2> "$tmp/err"
cmp -s "$tmp/zh.budget.json" "$ROOT/tests/golden/nanchuan/budget.json" && ok || bad "compile -f json in Chinese differs from the golden"
printf '重庆市南川区测试部门\n2026年一般公共预算“三公”经费支出表\n单位：万元\n合计\t因公出国（境）费\n1\t2\t3\n奇怪的一行\n' > "$tmp/doc.txt"
run "$BDLC" import "$tmp/doc.txt" > "$tmp/en.bdl" 2> "$tmp/en.err"
run "$BDLC" import --lang zh "$tmp/doc.txt" > "$tmp/zh.bdl" 2> "$tmp/zh.err"
cmp -s "$tmp/en.bdl" "$tmp/zh.bdl" && [ -s "$tmp/en.bdl" ] && ok || bad "import writes another file in Chinese"
grep -q 'doc.txt:6: 警告: “三公”经费：bdlc 读不懂的一行；已保留为注释' "$tmp/zh.err" && ok || bad "import warnings in Chinese: $(cat "$tmp/zh.err")"
grep -q 'doc.txt:6: warning: 三公经费: a row bdlc cannot read; kept as a comment' "$tmp/en.err" && ok || bad "import warnings in English: $(cat "$tmp/en.err")"

# a system error's text (strerror) is glibc's: Chinese when libc-l10n is
# installed, English otherwise, never question marks
run "$BDLC" import --lang zh "$tmp/no-such-file.txt" > "$tmp/out" 2>&1
grep -q "无法打开 '$tmp/no-such-file.txt'：" "$tmp/out" && ! grep -q '??' "$tmp/out" && ok || bad "strerror in Chinese: $(cat "$tmp/out")"

# ---- where the catalogue is found
mo=$(dirname "$BDLC")/locale/zh_CN/LC_MESSAGES/bdlc.mo
if [ -f "$mo" ]; then ok; else bad "no catalogue beside the binary: $mo"; fi
mkdir -p "$tmp/prefix/bin" "$tmp/prefix/share/locale/zh_CN/LC_MESSAGES" "$tmp/bare"
cp "$BDLC" "$tmp/prefix/bin/bdlc"; cp "$mo" "$tmp/prefix/share/locale/zh_CN/LC_MESSAGES/bdlc.mo"
cp "$BDLC" "$tmp/bare/bdlc"
golden "installed: PREFIX/share/locale" "$G/nanchuan-budget.zh.txt" LANG=zh_CN.UTF-8 "$tmp/prefix/bin/bdlc" check budget.bdl
golden "BDL_LOCALEDIR" "$G/nanchuan-budget.zh.txt" BDL_LOCALEDIR="$tmp/prefix/share/locale" LANG=zh_CN.UTF-8 "$tmp/bare/bdlc" check budget.bdl
golden "no catalogue: English" "$G/nanchuan-budget.txt" BDL_LOCALEDIR="$tmp/nowhere" LANG=zh_CN.UTF-8 "$tmp/bare/bdlc" check budget.bdl
run BDL_LOCALEDIR="$tmp/nowhere" "$tmp/bare/bdlc" check --lang zh budget.bdl > /dev/null 2>&1; s=$?
[ "$s" -eq 1 ] && ok || bad "no catalogue: exit status $s, expected 1"

summary i18n
