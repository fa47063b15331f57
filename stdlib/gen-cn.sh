#!/bin/sh
# gen-cn.sh - generate the cn/YEAR stdlib module of bdlc from classification lists.
#
# Writes OUT/function.bdl and OUT/economic.bdl from two code lists, and
# OUT/vocab.bdl (sources, indicator levels, 三公 codes, links) from the
# hand-written heredoc at the end of this script.
#
# Usage (from anywhere; default paths are relative to the project root):
#   sh stdlib/gen-cn.sh [--function FILE] [--economic FILE] [--year YEAR]
#                       [--out DIR] [--complete]
#
#   --function FILE  支出功能分类科目 list
#                    (default stdlib/data/classification/function-YEAR.tsv)
#   --economic FILE  部门预算支出经济分类科目 list
#                    (default stdlib/data/classification/economic-YEAR.tsv)
#   --year YEAR      edition (default 2026)
#   --out DIR        output folder (default stdlib/cn/YEAR)
#   --complete       the lists are the complete official edition: leave out the
#                    PARTIAL caveat in the generated headers
#
# Input, one code per line:  code<TAB>name[<TAB>level]   or   code,name[,level]
#   - the separator is detected from the first non-blank line (tab if it has
#     one, else comma); fields may be "quoted" CSV-style ("" is a quote);
#   - a UTF-8 BOM and CR line ends are stripped; fields are trimmed of spaces
#     (ASCII, full-width U+3000 and no-break, as spreadsheets indent names);
#   - a first line whose first field is not a number is a header and skipped;
#   - level, when present, must be 类/款/项 and agree with the code length:
#     function 3/5/7 digits = 类/款/项, economic 3/5 digits = 类/款.
# Errors (named FILE:LINE, all reported, then exit 1, nothing written):
#   invalid UTF-8, malformed code, missing name, wrong level, extra columns,
#   a duplicate code with another name, a code whose parent is missing.
# Exit status: 0 written, 1 bad input data, 2 usage or I/O error.
#
# Needs only POSIX sh and awk; tested with mawk (Debian's default), gawk,
# busybox awk and original-awk under dash, bash --posix and busybox sh.
# Output files are written to temporary siblings and renamed into place only
# when all three are complete, so a failed run never leaves a half module.

set -u
prog=gen-cn

usage() {
    cat <<'EOF'
usage: sh stdlib/gen-cn.sh [--function FILE] [--economic FILE] [--year YEAR] [--out DIR] [--complete]
  FILE lines: code<TAB>name[<TAB>level] or code,name[,level] (CSV export; header, BOM, CRLF ok)
  defaults: stdlib/data/classification/{function,economic}-YEAR.tsv, YEAR 2026, stdlib/cn/YEAR
  --complete: the lists are the full official edition (no PARTIAL caveat in the headers)
EOF
}
die() { printf '%s: %s\n' "$prog" "$1" >&2; exit 2; }

# The project root is the parent of the folder holding this script.
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
root=$(cd "$here/.." && pwd) || die "cannot find the project root from $0"

year=2026 func= econ= out= complete=no
while [ $# -gt 0 ]; do
    case $1 in
        --function|--economic|--year|--out)
            [ $# -ge 2 ] || { usage >&2; die "$1 needs a value"; }
            case $1 in
                --function) func=$2 ;; --economic) econ=$2 ;;
                --year) year=$2 ;;     --out) out=$2 ;;
            esac
            shift 2 ;;
        --function=*) func=${1#*=}; shift ;;
        --economic=*) econ=${1#*=}; shift ;;
        --year=*)     year=${1#*=}; shift ;;
        --out=*)      out=${1#*=};  shift ;;
        --complete)   complete=yes; shift ;;
        -h|--help)    usage; exit 0 ;;
        *)            usage >&2; die "unknown argument: $1" ;;
    esac
done

case $year in [12][0-9][0-9][0-9]) ;; *) die "--year must be four digits, not '$year'" ;; esac

# What the headers say the inputs were: the path as the user gave it, or the
# default as a project-relative path (so the output does not depend on where
# the project is checked out and the committed files can be diffed).
data=stdlib/data/classification
# An edition without lists of its own (2023-2025) is generated from the
# 2026 lists, and its headers say so: the data we have shows no difference
# between the editions (SOURCES.md), and none is invented.
same=
if [ -z "$func" ] && [ -z "$econ" ] && [ "$year" != 2026 ] && [ ! -f "$root/$data/function-$year.tsv" ]; then
    same=2026
fi
lists=$year; [ -z "$same" ] || lists=$same
if [ -n "$func" ]; then func_shown=$func
else func=$root/$data/function-$lists.tsv; func_shown=$data/function-$lists.tsv; fi
if [ -n "$econ" ]; then econ_shown=$econ
else econ=$root/$data/economic-$lists.tsv; econ_shown=$data/economic-$lists.tsv; fi
[ -n "$out" ] || out=$root/stdlib/cn/$year

for f in "$func" "$econ"; do
    [ -f "$f" ] && [ -r "$f" ] || die "cannot read $f"
done
mkdir -p "$out" || die "cannot create $out"

# ---------------------------------------------------------------------------
# The awk program: reads one list, checks it, prints one classification block.
# Runs with LC_ALL=C so that every awk (mawk, gawk, busybox) works on bytes;
# UTF-8 is decoded by hand where the identifier rules need code points.
# ---------------------------------------------------------------------------
awk_prog='
BEGIN {
    kind = ENVIRON["GEN_KIND"]; title = ENVIRON["GEN_TITLE"]; year = ENVIRON["GEN_YEAR"]
    complete = ENVIRON["GEN_COMPLETE"]; shown_input = ENVIRON["GEN_SHOWN"]
    regen = ENVIRON["GEN_REGEN"]; file = ENVIRON["GEN_FILE"]   # file: for messages

    # ord[c]: byte value of a one-byte string (awk has no ord()).
    for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i

    # Spec section 2 keywords: a name spelled like one must be quoted.
    split("import include budget department agency unit decimals projects partial " \
          "allow income carryover expenditure economic total basic project personnel " \
          "public three-public overseas vehicle-purchase vehicle-operation reception " \
          "procurement category performance goal indicator weight core qualitative " \
          "amount superior owner function execution-weight summary basis " \
          "classification source fiscal labels column indicator-levels " \
          "three-public-codes links", kwl, " ")
    for (i in kwl) kw[kwl[i]] = 1

    # Levels by code length.
    lev[3] = "类"; lev[5] = "款"
    if (kind == "function") { lev[7] = "项"; lens = "3, 5 or 7 digits (类/款/项)" }
    else                    { lens = "3 or 5 digits (类/款)" }

    BOM = "\357\273\277"; IDSP = "\343\200\200"; NBSP = "\302\240"
    n = 0; nerr = 0; started = 0; sep = ""
}

# Report an error at the current line; the run goes on to find the others.
function err(msg) {
    printf "%s:%d: error: %s\n", file, FNR, msg | "cat 1>&2"
    nerr++
}

# 1 if s is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
function utf8_ok(s,    i, j, m, b, k, lo, hi) {
    m = length(s)
    for (i = 1; i <= m; ) {
        b = ord[substr(s, i, 1)]
        if (b < 128) { i++; continue }
        lo = 128; hi = 191
        if      (b >= 194 && b <= 223) k = 1
        else if (b >= 224 && b <= 239) { k = 2; if (b == 224) lo = 160; if (b == 237) hi = 159 }
        else if (b >= 240 && b <= 244) { k = 3; if (b == 240) lo = 144; if (b == 244) hi = 143 }
        else return 0
        if (i + k > m) return 0
        b = ord[substr(s, i + 1, 1)]
        if (b < lo || b > hi) return 0
        for (j = 2; j <= k; j++) {
            b = ord[substr(s, i + j, 1)]
            if (b < 128 || b > 191) return 0
        }
        i += k + 1
    }
    return 1
}

# Strip ASCII spaces/tabs, U+3000 and U+00A0 at both ends (spreadsheet
# exports often indent 款/项 names with full-width spaces).
function trim(s) {
    for (;;) {
        if (s ~ /^[ \t]/)                 s = substr(s, 2)
        else if (substr(s, 1, 3) == IDSP) s = substr(s, 4)
        else if (substr(s, 1, 2) == NBSP) s = substr(s, 3)
        else break
    }
    for (;;) {
        if (s ~ /[ \t]$/)                                  s = substr(s, 1, length(s) - 1)
        else if (length(s) >= 3 && substr(s, length(s) - 2) == IDSP) s = substr(s, 1, length(s) - 3)
        else if (length(s) >= 2 && substr(s, length(s) - 1) == NBSP) s = substr(s, 1, length(s) - 2)
        else break
    }
    return s
}

# Split a record on sep into f[1..], honouring CSV quotes ("a,b" and "" for
# a quote), which spreadsheets add around fields holding a comma or quote.
# Returns the field count, or -1 for an unterminated quote.
function splitrec(s, sep, f,    nf, i, m, c, fld, inq) {
    if (index(s, "\"") == 0) return split(s, f, sep)   # the common, fast case
    nf = 0; fld = ""; inq = 0; m = length(s)
    for (i = 1; i <= m; i++) {
        c = substr(s, i, 1)
        if (inq) {
            if (c != "\"") fld = fld c
            else if (substr(s, i + 1, 1) == "\"") { fld = fld "\""; i++ }
            else inq = 0
        } else if (c == sep) { f[++nf] = fld; fld = "" }
        else if (c == "\"" && fld ~ /^[ \t]*$/) { inq = 1; fld = "" }
        else fld = fld c
    }
    if (inq) return -1
    f[++nf] = fld
    return nf
}

# Code point of the UTF-8 sequence of length k at s[i] (input is valid).
function cp_at(s, i, k,    b) {
    b = ord[substr(s, i, 1)]
    if (k == 1) return b
    if (k == 2) return (b - 192) * 64 + ord[substr(s, i + 1, 1)] - 128
    if (k == 3) return (b - 224) * 4096 + (ord[substr(s, i + 1, 1)] - 128) * 64 \
                       + ord[substr(s, i + 2, 1)] - 128
    return (b - 240) * 262144 + (ord[substr(s, i + 1, 1)] - 128) * 4096 \
           + (ord[substr(s, i + 2, 1)] - 128) * 64 + ord[substr(s, i + 3, 1)] - 128
}

# Scan a name (valid UTF-8). Sets name_bad to a message when it holds a
# character that BDL forbids even inside strings (controls, a BOM: E002);
# returns 1 when the name can be written bare, i.e. it lexes as one IDENT:
# starts with an ASCII letter, _ or a non-ASCII character other than the
# look-alikes and >= <= signs, and continues with those, ASCII digits and -.
function scan(s,    i, m, b, k, cp, bare) {
    name_bad = ""
    bare = !(s in kw)
    m = length(s)
    for (i = 1; i <= m; i += k) {
        b = ord[substr(s, i, 1)]
        k = (b < 128) ? 1 : (b < 224) ? 2 : (b < 240) ? 3 : 4
        cp = cp_at(s, i, k)
        if (cp < 32 || cp == 127 || (cp >= 128 && cp <= 159)) {
            name_bad = sprintf("control character U+%04X in the name", cp); return 0
        }
        if (cp == 65279) { name_bad = "byte order mark (U+FEFF) inside the name"; return 0 }
        if (cp < 128) {
            if (substr(s, i, 1) ~ /[A-Za-z_]/) continue
            if (i > 1 && substr(s, i, 1) ~ /[0-9-]/) continue
            bare = 0                        # space, punctuation, leading digit or -
        } else if (cp == 12288 || cp == 8722 || cp == 8805 || cp == 8804 \
                   || (cp >= 8216 && cp <= 8217) || (cp >= 8220 && cp <= 8221) \
                   || (cp >= 65281 && cp <= 65374 && cp != 65288 && cp != 65289)) {
            bare = 0    # look-alikes (U+3000, U+2212, quotes, full-width ASCII but （）) and ≥ ≤
        } else if (cp == 160 || (cp >= 8192 && cp <= 8203) || cp == 8239 || cp == 8287) {
            bare = 0    # other spaces: legal in an IDENT, but quoting keeps them visible
        }
    }
    return bare
}

# The name as BDL source: bare when it is an identifier, else a string
# with \ and " escaped (byte loop: gsub replacement escaping varies by awk).
function fmtname(s,    i, m, c, q) {
    if (scan(s)) return s
    q = ""; m = length(s)
    for (i = 1; i <= m; i++) {
        c = substr(s, i, 1)
        if (c == "\\" || c == "\"") q = q "\\"
        q = q c
    }
    return "\"" q "\""
}

# ---- one input line -------------------------------------------------------
{
    line = $0
    if (FNR == 1 && substr(line, 1, 3) == BOM) line = substr(line, 4)
    sub(/\r$/, "", line)
    if (!utf8_ok(line)) {
        err("not valid UTF-8 (a GBK/GB18030 spreadsheet export? convert it first: " \
            "iconv -f GB18030 -t UTF-8 FILE > FILE.utf8)")
        next
    }
    if (line ~ /^[ \t]*$/) next
    if (sep == "") sep = index(line, "\t") ? "\t" : ","   # first non-blank line decides
    nf = splitrec(line, sep, f)
    if (nf < 0) { err("unterminated \" quote"); next }
    for (i = 1; i <= nf; i++) f[i] = trim(f[i])
    empty = 1
    for (i = 1; i <= nf; i++) if (f[i] != "") empty = 0
    if (empty) next                     # e.g. ",,," rows at the end of an export
    code = f[1]; name = (nf >= 2) ? f[2] : ""; level = (nf >= 3) ? f[3] : ""

    # Only the first non-blank line may be a header ("code,name", "科目编码,科目名称"):
    # it is one when its first field is not a number. Later lines are data.
    if (!started++ && code !~ /^[0-9]+$/) next

    if (code !~ /^[0-9]+$/ || !(length(code) in lev)) {
        err(sprintf("malformed %s code \"%s\": expected %s", kind, code, lens)); next
    }
    if (name == "") { err("code " code " has no name"); next }
    for (i = 4; i <= nf; i++)
        if (f[i] != "") {
            err(sprintf("unexpected column %d \"%s\" (expected code%sname[%slevel]; quote a name holding the separator)", \
                        i, f[i], sep == "\t" ? "<TAB>" : ",", sep == "\t" ? "<TAB>" : ","))
            next
        }
    if (level != "" && level != lev[length(code)]) {
        err(sprintf("level \"%s\" does not match code %s (%d digits: %s)", level, code, length(code), lev[length(code)]))
        next
    }
    out = fmtname(name)
    if (name_bad != "") { err(name_bad " of code " code); next }

    if (code in nameof) {
        # The same row twice is harmless (lists pasted together); another name is not.
        if (nameof[code] != name)
            err(sprintf("duplicate code %s: \"%s\" here, but \"%s\" at %s:%d", \
                        code, name, nameof[code], file, lineof[code]))
        next
    }
    nameof[code] = name; lineof[code] = FNR; shown[code] = out; codes[++n] = code
}

END {
    if (n == 0 && nerr == 0) {
        printf "%s: error: no codes found\n", file | "cat 1>&2"; exit 1
    }
    # Parenthood is by prefix (spec section 4): every 款/项 needs its parent,
    # or the compiler could not derive the 类/款 rows of the tables.
    for (i = 1; i <= n; i++) {
        c = codes[i]
        if (length(c) > 3 && !(substr(c, 1, length(c) - 2) in nameof)) {
            printf "%s:%d: error: code %s has no parent: %s is not in the list\n", \
                   file, lineof[c], c, substr(c, 1, length(c) - 2) | "cat 1>&2"
            nerr++
        }
    }
    if (nerr) exit 1

    # Sort by code as strings: byte order puts each code right after its
    # parent (201, 20101, 2010101, 20105...), the order of the official list.
    # Shell sort; the "" forces string comparison of numeric-looking values.
    for (gap = int(n / 2); gap > 0; gap = int(gap / 2))
        for (i = gap + 1; i <= n; i++) {
            t = codes[i]
            for (j = i; j > gap && (codes[j - gap] "") > (t ""); j -= gap) codes[j] = codes[j - gap]
            codes[j] = t
        }
    for (i = 1; i <= n; i++) cnt[length(codes[i])]++
    counts = sprintf("%d codes (%d 类, %d 款", n, cnt[3], cnt[5])
    counts = counts (kind == "function" ? sprintf(", %d 项)", cnt[7]) : ")")

    # ---- header ----
    print "# cn/" year " - " title " (" kind " classification)"
    print "#"
    print "# GENERATED by stdlib/gen-cn.sh - DO NOT EDIT. Input:"
    print "#   " shown_input
    print "# Regenerate (from the project root):"
    print "#   " regen
    print "# From a complete official list (TSV code<TAB>name[<TAB>level], or a CSV"
    print "# export code,name; header, BOM and CRLF are fine), in one command:"
    print "#   sh stdlib/gen-cn.sh --function 功能分类.csv --economic 经济分类.csv --year " year " --complete"
    print "#"
    if (ENVIRON["GEN_SAME"] != "") {
        print "# SAME DATA AS cn/" ENVIRON["GEN_SAME"] ": there is no list of the " year " edition in"
        print "# stdlib/data/classification, and the codes our sources attest (2023-2026,"
        print "# SOURCES.md) show no difference between the editions, so none is invented."
        print "# A budget of " year " imports cn/" year " to say which edition it follows."
        print "#"
    }
    if (complete == "yes") {
        print "# Complete list as supplied (--complete): " counts "."
    } else if (kind == "function") {
        print "# PARTIAL LIST: " counts "; the official edition has"
        print "# roughly 1,900 类/款/项. Per stdlib/data/classification/SOURCES.md, it holds"
        print "# only codes attested in published budgets and final accounts of Shanghai"
        print "# Putuo departments and 上海市财政局 (2023-2026), plus the 人大事务 branch"
        print "# (20101 and 7 项) of the reference document. Most 款 and 项 are absent."
    } else {
        print "# PARTIAL LIST: " counts ". Per"
        print "# stdlib/data/classification/SOURCES.md: 301, 302 and 303 appear complete"
        print "# (2024 部门决算 template); 310 is partial (31001-31003, 31007, 31013, 31019,"
        print "# 31021, 31022, 31099 only); the classes 307, 309, 311, 312, 313 and 399 are"
        print "# absent."
    }
    if (kind == "economic")
        print "# Classes: 301 and 303 are personnel, every other 类 public; 款 inherit."
    print "#"
    print "# A budget needing a code that is not here declares it in its own file:"
    print "#   classification " kind " {"
    if (kind == "function") print "#       2010103 机关服务"
    else                    print "#       31005 基础设施建设"
    print "#   }"
    print "# New codes are added (bdlc check --verbose lists them); a code listed here"
    print "# keeps its standard name (E105 if redeclared with another)."
    print ""

    # ---- body ----
    print "classification " kind " \"" title "\" {"
    for (i = 1; i <= n; i++) {
        c = codes[i]
        mark = ""
        if (kind == "economic" && length(c) == 3)
            mark = (c == "301" || c == "303") ? " personnel" : " public"
        print "    " c " " shown[c] mark
    }
    print "}"
}
'

# gen KIND TITLE FILE SHOWN: print the module file for one list on stdout.
# Strings reach awk through the environment, not -v, which would treat
# backslashes in file names as escapes.
# A relative path gets a ./ so that awk cannot take a name like a=b.csv for
# a variable assignment; messages still show the path as given.
gen() {
    case $3 in /*) path=$3 ;; *) path=./$3 ;; esac
    GEN_KIND=$1 GEN_TITLE=$2 GEN_FILE=$3 GEN_SHOWN=$4 GEN_YEAR=$year \
    GEN_COMPLETE=$complete GEN_REGEN=$regen GEN_SAME=$same LC_ALL=C awk "$awk_prog" "$path"
}

# shquote WORD: WORD as a shell word (single-quoted when it needs it; each
# quote inside becomes '\'' ). Plain %s formats only: printf escape handling
# differs between shells.
shquote() {
    case $1 in
        '' | *[!A-Za-z0-9_./=-]*) ;;
        *) printf '%s' "$1"; return ;;
    esac
    sq="'" bs='\' rest=$1
    printf '%s' "$sq"
    while :; do
        case $rest in
            *"$sq"*) printf '%s%s%s%s%s' "${rest%%"$sq"*}" "$sq" "$bs" "$sq" "$sq"; rest=${rest#*"$sq"} ;;
            *) printf '%s%s' "$rest" "$sq"; break ;;
        esac
    done
}

# The command that regenerates these files, as shown in their headers: the
# options given, minus --out (the files name their own folder).
regen="sh stdlib/gen-cn.sh"
[ "$func_shown" = "$data/function-$lists.tsv" ] || regen="$regen --function $(shquote "$func_shown")"
[ "$econ_shown" = "$data/economic-$lists.tsv" ] || regen="$regen --economic $(shquote "$econ_shown")"
[ "$year" = 2026 ] || regen="$regen --year $year"
[ "$complete" = no ] || regen="$regen --complete"

tmp_f=$out/.function.bdl.tmp.$$
tmp_e=$out/.economic.bdl.tmp.$$
tmp_v=$out/.vocab.bdl.tmp.$$
trap 'rm -f "$tmp_f" "$tmp_e" "$tmp_v"' EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM

# Both lists are always read, so one run reports the errors of both.
status=0
gen function 支出功能分类科目 "$func" "$func_shown" >"$tmp_f" || status=$?
gen economic 部门预算支出经济分类科目 "$econ" "$econ_shown" >"$tmp_e" || status=$?

# ---------------------------------------------------------------------------
# vocab.bdl: hand-written here (spec section 4), not derived from data.
# ---------------------------------------------------------------------------
cat >"$tmp_v" <<EOF || status=2
# cn/$year - vocabularies: funding sources, indicator levels, 三公 codes, links.${same:+
# The same in every edition (cn/2023 to cn/2026).}
#
# Written by stdlib/gen-cn.sh from a hand-written heredoc in that script (not
# derived from data) - DO NOT EDIT here: edit the heredoc and regenerate.
# Content as fixed by the language reference, section 4 (docs/en/reference.md).

# Funding sources, in this order: key, name, fiscal, labels (expenditure
# column title / carry-over row / procurement column).
source general 一般公共预算资金 fiscal labels { column "一般公共预算" carryover "一般公共预算拨款" procurement "一般公共预算拨款收入" }
source fund 政府性基金预算资金 fiscal labels { column "政府性基金预算" carryover "政府性基金预算拨款" procurement "政府性基金预算拨款收入" }
source capital 国有资本经营预算资金 fiscal labels { column "国有资本经营预算" carryover "国有资本经营收入" procurement "国有资本经营预算拨款收入" }
source special 财政专户管理资金 labels { column "财政专户管理资金" carryover "财政专户管理资金" procurement "财政专户管理资金收入" }
source business 事业收入资金 labels { column "事业收入" carryover "事业收入" procurement "事业收入" }
source grant 上级补助收入资金 labels { column "上级补助收入" carryover "上级补助收入" procurement "上级补助收入" }
source affiliated 附属单位上缴收入资金 labels { column "附属单位上缴收入" carryover "附属单位上缴收入" procurement "附属单位上缴收入" }
source operation 事业单位经营收入资金 labels { column "事业单位经营收入" carryover "事业单位经营收入" procurement "事业单位经营收入" }
source other 其他收入资金 labels { column "其他收入" carryover "其他收入" procurement "其他收入" }

# Performance indicators: level 1 { its level-2 names } (W123 otherwise).
indicator-levels {
    产出指标 { 数量指标 质量指标 时效指标 成本指标 }
    效益指标 { 经济效益指标 社会效益指标 生态效益指标 可持续影响指标 可持续发展指标 }
    满意度指标 { 服务对象满意度指标 满意度指标 }
    成本指标 { 经济成本指标 社会成本指标 生态环境成本指标 }
}

# 三公经费: the economic code behind each item.
three-public-codes { overseas 30212 vehicle-purchase 31013 vehicle-operation 30231 reception 30217 }

# Economic code / function code pairs whose basic amounts should agree (W126).
links { 30108 2080505  30109 2080506  30113 2210201 }
EOF

[ "$status" -eq 0 ] || { printf '%s: nothing written\n' "$prog" >&2; exit "$status"; }

mv -f "$tmp_f" "$out/function.bdl" &&
mv -f "$tmp_e" "$out/economic.bdl" &&
mv -f "$tmp_v" "$out/vocab.bdl" || die "cannot write to $out"

# One summary line per file: number of code rows written.
for k in function economic; do
    LC_ALL=C awk -v f="$out/$k.bdl" '/^    [0-9]/ { n++ } END { printf "gen-cn: wrote %s (%d codes)\n", f, n }' "$out/$k.bdl"
done
printf 'gen-cn: wrote %s\n' "$out/vocab.bdl"
