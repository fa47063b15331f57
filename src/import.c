/*
 * import.c — `bdlc import FILE.txt` (spec §7): a published budget copied as
 * tab-separated text (the layout of examples/nanchuan-renda-2026/published.txt)
 * becomes one BDL root file on standard output.
 *
 * How it reads the document:
 *  1. Lines are split at tabs into cells; every cell is trimmed and loses the
 *     markup of the printing system (<p>, <br>, &nbsp; …).
 *  2. A line whose only cell ends with a known table title (财政拨款收支总表,
 *     …, 项目支出绩效目标表) starts a table; the line just above it, when it
 *     is a lone name that another table's title or heading repeats, is the
 *     heading that carries the department's name.  Another lone line ending
 *     in 表 starts a table bdlc does not import; a document with no known
 *     table at all is refused (nothing is guessed, nothing written).
 *  3. Grid tables (function, economic, procurement) find their columns from
 *     the header rows above the first data row (a code or a 合计 label) by
 *     the header words; the summaries and 三公 by their labels; the
 *     performance tables are forms: a label cell (项目名称, 当年预算（万元）,
 *     …) takes the first non-blank cell after it, and the indicator grid is
 *     aligned on its header, one cell either way (rows shifted left happen).
 *
 * What it writes: every published row of the function and economic tables,
 * 合计 and 类/款 rows included, so `bdlc check` verifies them as assertions;
 * income and carry-over from the summary tables; 三公 items; procurement;
 * the performance blocks and every project.  What BDL derives and cannot
 * hold (the summary tables' expenditure side, 部门支出总表, 合计/小计 of 三公,
 * 本级安排, 部门支出预算数) is compared here with what the file derives;
 * a difference is a warning and the line is kept as a comment.  So is every
 * line that fits nowhere: nothing is dropped silently.
 *
 * The whole output is built in memory and written at the end: a layout the
 * importer cannot understand gives exit status 1 and no output at all.
 * Amounts stay digits as written; sums are int64 in 10^-6 units.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

static const char usage_import[] =
    N_("usage: bdlc import FILE.txt > budget.bdl\n"
    "\n"
    "Reads a published budget copied as tab-separated text (table titles,\n"
    "\"单位：万元\", header rows, data rows, notes and the performance tables)\n"
    "and writes one BDL root file on standard output.  Published 合计 and\n"
    "类/款 rows become assertions, so `bdlc check` verifies the import.\n"
    "A line that fits nowhere is kept as a comment, with a warning naming it.\n"
    "FILE may be - for standard input.\n"
    "\n"
    "exit status: 0 written (warnings allowed), 1 layout not understood\n"
    "(nothing written), 2 usage or I/O error\n");

/* --------------------------------------------------------- vocabulary */

/* The sources of cn/2026 (spec §4): name, key, and the labels the tables
 * print for them (expenditure column, carry-over row, procurement column). */
enum { NSRC = 9 };
static const struct SrcInfo {
    const char *name, *key, *column, *carry, *proc;
    bool fiscal;
} SRC[NSRC] = {
    { "一般公共预算资金", "general", "一般公共预算", "一般公共预算拨款", "一般公共预算拨款收入", true },
    { "政府性基金预算资金", "fund", "政府性基金预算", "政府性基金预算拨款", "政府性基金预算拨款收入", true },
    { "国有资本经营预算资金", "capital", "国有资本经营预算", "国有资本经营收入", "国有资本经营预算拨款收入", true },
    { "财政专户管理资金", "special", "财政专户管理资金", "财政专户管理资金", "财政专户管理资金收入", false },
    { "事业收入资金", "business", "事业收入", "事业收入", "事业收入", false },
    { "上级补助收入资金", "grant", "上级补助收入", "上级补助收入", "上级补助收入", false },
    { "附属单位上缴收入资金", "affiliated", "附属单位上缴收入", "附属单位上缴收入", "附属单位上缴收入", false },
    { "事业单位经营收入资金", "operation", "事业单位经营收入", "事业单位经营收入", "事业单位经营收入", false },
    { "其他收入资金", "other", "其他收入", "其他收入", "其他收入", false },
};

/* 三公 items (spec §3 order) and their economic codes in cn/2026. */
static const char *const TP_KEY[4] = { "overseas", "vehicle-purchase", "vehicle-operation", "reception" };
static const char *const TP_CODE[4] = { "30212", "31013", "30231", "30217" };

enum Kind {
    K_NONE, K_FISCAL, K_GENERAL, K_BASIC, K_TP, K_FUND, K_DSUM, K_DEXP, K_PROC, K_DPERF, K_PPERF, K_UNKNOWN
};

/* Titles, compared on the normalised text (no spaces or quotes), by suffix. */
static const struct {
    int kind;
    const char *suffix;
} TITLES[] = {
    { K_FISCAL, "财政拨款收支总表" },
    { K_GENERAL, "一般公共预算财政拨款支出预算表" },
    { K_BASIC, "一般公共预算财政拨款基本支出预算表" },
    { K_TP, "三公经费支出表" },
    { K_TP, "三公经费支出预算表" },
    { K_FUND, "政府性基金预算支出表" },
    { K_FUND, "政府性基金预算支出预算表" },
    { K_DSUM, "部门收支总表" },
    { K_DEXP, "部门支出总表" },
    { K_PROC, "政府采购预算明细表" },
    { K_PROC, "政府采购预算表" },
    { K_DPERF, "部门整体绩效目标表" },
    { K_PPERF, "项目支出绩效目标表" },
    { K_PPERF, "项目绩效目标表" },
};

static const char *const KIND_TITLE[] = {
    "", "财政拨款收支总表", "一般公共预算财政拨款支出预算表", "一般公共预算财政拨款基本支出预算表",
    "一般公共预算“三公”经费支出表", "政府性基金预算支出表", "部门收支总表", "部门支出总表", "政府采购预算明细表",
    "部门整体绩效目标表", "项目支出绩效目标表", "",
};

/* ------------------------------------------------------------- model */

typedef struct Amt {
    Str text; /* as written, e.g. "2,216.40" */
    int line;
    bool present, ok;
    int64_t v; /* 10^-6 units when ok */
} Amt;

/* A line kept as a comment, with the reason. */
typedef struct Note {
    int line, to; /* the lines kept: line..to (to 0: line only) */
    char *why;
} Note;

/* A row of a function or economic table: c[] is total/basic/project or
 * total/personnel/public.  A row with `note` set is a comment in place. */
typedef struct XRow {
    int line;
    bool total;
    Str code, name;
    Amt c[3];
    Note *note;
    bool leaf; /* no other row below it (set before the comparisons) */
} XRow;

typedef struct XTable {
    int line; /* the title line; 0 when the document has no such table */
    Vec rows; /* XRow* */
    Vec notes;
    int data; /* rows with amounts */
    Map by_code; /* code → its first XRow, built before the comparisons */
} XTable;

enum { OPK_GE, OPK_LE, OPK_EQ, OPK_GT, OPK_LT, OPK_QUAL };
static const char *const OP_TEXT[] = { "≥", "≤", "=", ">", "<", "qualitative" };

typedef struct Ind {
    int line;
    Str lv[3];
    Str weight, unit, value;
    int op;
    bool core;
} Ind;

typedef struct Proj {
    int line;
    Str code, name, agency, owner, category, execw, summary, basis, goal;
    Amt amount, superior, local;
    Vec inds;  /* Ind* */
    Vec notes; /* Note* */
    bool named;
    int last; /* its last line */
    int seen[32]; /* line of each form field, for repeats */
} Proj;

typedef struct ProcItem {
    int line;
    Str code, name, category;
    Amt src[NSRC], total;
} ProcItem;

typedef struct Agency {
    Str code, name;
    int line;
} Agency;

enum { CK_INCOME, CK_CARRY, CK_INOUT, CK_EXP, CK_DEXP, CK_TP_TOTAL, CK_TP_SUB, CK_PERF_EXP, CK_LOCAL, CK_PROC_TOTAL };

/* A published value BDL derives: compared once everything is read. */
typedef struct Check {
    int kind, line;
    const char *table;
    char *what;
    Amt w;
    Str code;   /* CK_EXP, CK_DEXP: the function code; n == 0: the total */
    int src;    /* CK_EXP: source index, -1 all; CK_INCOME…: 1 fiscal only */
    int col;    /* CK_DEXP: 0 total, 1 basic, 2 project */
    void *item; /* CK_LOCAL: Proj*; CK_PROC_TOTAL: ProcItem* */
    Vec *notes;
    int *mismatches;
} Check;

typedef struct TLine {
    int no;
    Str raw;
    Str *cell; /* cleaned */
    int ncell, nonblank, first;
} TLine;

typedef struct Imp {
    Arena a;
    const char *path;
    TLine *L;
    int nl;
    Vec warns; /* Note* */
    bool failed;
    int fail_line;
    char *fail_msg;
    Vec fail_notes; /* char*: printed under the error */

    Str year;
    Str unit;
    int unit_line;
    int decimals;
    Str dept_code, dept_name;
    int dept_rank; /* 0 none, 1 title, 2 heading, 3 部门(单位)名称 */
    Vec agencies;  /* Agency* */

    Amt income[NSRC], carry[NSRC];
    int income_from[NSRC], carry_from[NSRC]; /* line of the table that set it */
    bool has_income, has_carry;
    int sum_line[2]; /* 财政拨款收支总表, 部门收支总表 */
    int sum_mismatch[2];
    Vec sum_notes;

    XTable exp[3]; /* 一般公共预算, 政府性基金预算, 部门支出总表 */
    int dexp_mismatch;
    bool dexp_as_general;
    XTable eco;

    int tp_line;
    Amt tp[4];
    Vec tp_notes;
    int tp_mismatch;

    int proc_line;
    Vec procs; /* ProcItem* */
    XTable proc; /* its notes */
    bool proc_empty_ok;

    int perf_line;
    Str perf_goal;
    Vec perf_inds;
    Vec perf_notes;
    int perf_seen[32];
    int perf_mismatch;

    Vec projects; /* Proj* */
    Vec checks;   /* Check* */
    Vec loose;    /* Note*: lines outside the tables bdlc knows */
    int nplaced_not;
    bool fund_empty_ok;
} Imp;

/* ----------------------------------------------------------- helpers */

static Str slice(const char *s, size_t n)
{
    Str r = { s, (uint32_t)n };
    return r;
}

static void warn(Imp *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(Imp *im, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Note *w = arena_alloc(&im->a, sizeof *w);
    w->line = line;
    w->why = buf_vformat(&im->a, _(fmt), ap); /* stderr only: translated */
    va_end(ap);
    vec_apush(&im->a, &im->warns, w);
}

static void fail(Imp *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(Imp *im, int line, const char *fmt, ...)
{
    if (im->failed) return;
    va_list ap;
    va_start(ap, fmt);
    im->fail_msg = buf_vformat(&im->a, _(fmt), ap);
    va_end(ap);
    im->failed = true;
    im->fail_line = line;
}

/* A note under the error that stopped the import (what it reads, what it saw). */
static void fail_note(Imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail_note(Imp *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vec_apush(&im->a, &im->fail_notes, buf_vformat(&im->a, _(fmt), ap));
    va_end(ap);
}

/* Keep a line as a comment in `notes`, with a warning that names it. */
static Note *unplaced(Imp *im, Vec *notes, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static Note *unplaced(Imp *im, Vec *notes, int line, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    Note *nt = arena_alloc(&im->a, sizeof *nt);
    nt->line = line;
    /* the comment in the output is English in every language (the file
     * bdlc writes does not depend on the locale); the warning is not */
    nt->why = buf_vformat(&im->a, fmt, ap);
    const char *said = buf_vformat(&im->a, _(fmt), ap2);
    va_end(ap2);
    va_end(ap);
    if (notes) vec_apush(&im->a, notes, nt);
    warn(im, line, "%s; kept as a comment", said);
    im->nplaced_not++;
    return nt;
}

/* utf8_decode that never fails: a bad byte is U+FFFD (the input was
 * validated up front, so this only guards slices cut mid-character). */
static int decode_lenient(const char *s, size_t n, uint32_t *cp)
{
    int k = utf8_decode(s, n, cp);
    if (!k) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

static int enc(uint32_t cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
           cp == 0x3000 || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200B);
}

static Str trim(Str s)
{
    uint32_t cp;
    while (s.n) {
        int k = decode_lenient(s.s, s.n, &cp);
        if (!is_space_cp(cp)) break;
        s.s += k;
        s.n -= (uint32_t)k;
    }
    while (s.n) {
        uint32_t i = s.n - 1;
        while (i > 0 && ((unsigned char)s.s[i] & 0xC0) == 0x80) i--;
        decode_lenient(s.s + i, s.n - i, &cp);
        if (!is_space_cp(cp)) break;
        s.n = i;
    }
    return s;
}

/* The text of a cell without the printing system's markup: known tags are
 * dropped (<br> and a paragraph break become a line break), the common
 * entities decoded.  Other '<' and '&' stay as they are. */
static const char *const TAGS[] = { "p", "br", "span", "div", "font", "b", "i", "u", "em", "strong", "sup",
                                    "sub", "a", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr" };

static Str clean(Imp *im, const char *s, size_t n)
{
    if (!memchr(s, '<', n) && !memchr(s, '&', n)) return trim(slice(s, n));
    char *out = arena_alloc(&im->a, n + 1);
    size_t o = 0;
    bool pending = false;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            size_t j = i + 1;
            bool closing = j < n && s[j] == '/';
            if (closing) j++;
            size_t name = j;
            while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
                j++;
            size_t nlen = j - name, k = j;
            while (k < n && s[k] != '>' && s[k] != '<') k++;
            bool known = false;
            for (size_t t = 0; nlen && t < sizeof TAGS / sizeof *TAGS; t++)
                if (strlen(TAGS[t]) == nlen) {
                    size_t q = 0;
                    while (q < nlen && (s[name + q] | 0x20) == TAGS[t][q]) q++;
                    known |= q == nlen;
                }
            if (known && k < n && s[k] == '>' && (j == k || s[j] == ' ' || s[j] == '/')) {
                bool br = nlen == 2 && (s[name] | 0x20) == 'b' && (s[name + 1] | 0x20) == 'r';
                bool para = (nlen == 1 && (s[name] | 0x20) == 'p') ||
                            (nlen == 3 && (s[name] | 0x20) == 'd' && (s[name + 1] | 0x20) == 'i');
                if (br && o) pending = true;
                if (para && closing && o) pending = true;
                i = k + 1;
                continue;
            }
        }
        char c = s[i];
        size_t len = 1;
        char tmp[4];
        int tn = 0;
        if (c == '&') {
            static const struct { const char *e; char c; } ENT[] = {
                { "&nbsp;", ' ' }, { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
                { "&#39;", '\'' }, { "&apos;", '\'' },
            };
            for (size_t t = 0; t < sizeof ENT / sizeof *ENT; t++) {
                size_t el = strlen(ENT[t].e);
                if (i + el <= n && memcmp(s + i, ENT[t].e, el) == 0) {
                    tmp[0] = ENT[t].c;
                    tn = 1;
                    len = el;
                    break;
                }
            }
            if (!tn && i + 3 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                bool hex = s[j] == 'x' || s[j] == 'X';
                if (hex) j++;
                uint32_t cp = 0;
                size_t d0 = j;
                while (j < n && j - d0 < 7) {
                    char h = s[j];
                    int v = h >= '0' && h <= '9' ? h - '0' : hex && (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : -1;
                    if (v < 0) break;
                    cp = cp * (hex ? 16 : 10) + (uint32_t)v;
                    j++;
                }
                if (j > d0 && j < n && s[j] == ';' && cp >= 0x20 && cp != 0x7F && cp <= 0x10FFFF &&
                    !(cp >= 0xD800 && cp <= 0xDFFF) && !(cp >= 0x80 && cp < 0xA0)) {
                    tn = enc(cp, tmp);
                    len = j + 1 - i;
                }
            }
        }
        if (!tn) {
            tmp[0] = c;
            tn = 1;
        }
        if (pending && !(tn == 1 && (tmp[0] == ' ' || tmp[0] == '\t'))) {
            out[o++] = '\n';
            pending = false;
        }
        memcpy(out + o, tmp, (size_t)tn);
        o += (size_t)tn;
        i += len;
    }
    return trim(slice(out, o));
}

/* The text used to recognise labels and titles: spaces and quotes dropped,
 * （）：＝＞＜ folded to ASCII. */
static Str norm(Imp *im, Str s)
{
    char *out = arena_alloc(&im->a, s.n + 1);
    size_t o = 0;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = decode_lenient(s.s + i, s.n - i, &cp);
        i += (uint32_t)k;
        if (is_space_cp(cp) || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
            cp == 0x2019)
            continue;
        if (cp == 0xFF08) cp = '(';
        else if (cp == 0xFF09) cp = ')';
        else if (cp == 0xFF1A) cp = ':';
        else if (cp == 0xFF1D) cp = '=';
        else if (cp == 0xFF1E) cp = '>';
        else if (cp == 0xFF1C) cp = '<';
        o += (size_t)enc(cp, out + o);
    }
    out[o] = 0;
    return slice(out, o);
}

static bool eqc(Str a, const char *c) { return str_eqc(a, c); }

static bool ends_with(Str a, const char *c)
{
    size_t n = strlen(c);
    return a.n >= n && memcmp(a.s + a.n - n, c, n) == 0;
}

static bool starts_with(Str a, const char *c)
{
    size_t n = strlen(c);
    return a.n >= n && memcmp(a.s, c, n) == 0;
}

static bool contains(Str a, const char *c)
{
    size_t n = strlen(c);
    if (n > a.n) return false;
    for (size_t i = 0; i + n <= a.n; i++)
        if (memcmp(a.s + i, c, n) == 0) return true;
    return false;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* -?(\d+|\d{1,3}(,\d{3})+)(\.\d+)? — a BDL number (spec §2). */
static bool is_number(Str s)
{
    uint32_t i = 0;
    if (i < s.n && s.s[i] == '-') i++;
    uint32_t d0 = i;
    while (i < s.n && is_digit(s.s[i])) i++;
    uint32_t lead = i - d0;
    if (!lead) return false;
    if (i < s.n && s.s[i] == ',') {
        if (lead > 3) return false;
        while (i < s.n && s.s[i] == ',') {
            i++;
            uint32_t g = i;
            while (i < s.n && is_digit(s.s[i])) i++;
            if (i - g != 3) return false;
        }
    }
    if (i < s.n && s.s[i] == '.') {
        i++;
        uint32_t f = i;
        while (i < s.n && is_digit(s.s[i])) i++;
        if (i == f) return false;
    }
    return i == s.n;
}

static int frac_digits(Str s)
{
    for (uint32_t i = 0; i < s.n; i++)
        if (s.s[i] == '.') return (int)(s.n - i - 1);
    return 0;
}

/* A classification or project code: a digit, then ASCII letters and digits. */
static bool is_code(Str s)
{
    if (!s.n || !is_digit(s.s[0])) return false;
    for (uint32_t i = 1; i < s.n; i++) {
        char c = s.s[i];
        if (!is_digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return false;
    }
    return true;
}

/* An amount cell: blank, or a number (recorded); anything else is false. */
static bool amount_of(Imp *im, Str cell, int line, Amt *out)
{
    memset(out, 0, sizeof *out);
    out->line = line;
    if (!cell.n) return true;
    if (!is_number(cell)) return false;
    out->text = cell;
    out->present = true;
    int64_t v;
    out->ok = money_parse(cell, 6, &v) == 0;
    out->v = out->ok ? v : 0;
    int f = frac_digits(cell);
    if (f > im->decimals) im->decimals = f;
    return true;
}

static char *fmt_amount(Imp *im, int64_t v6)
{
    char buf[40];
    int d = im->decimals > 6 ? 6 : im->decimals;
    int64_t scale = 1;
    for (int k = d; k < 6; k++) scale *= 10;
    if (v6 % scale) {
        money_format(v6, 6, true, buf);
        return buf_format(&im->a, "%s", buf);
    }
    money_format(v6 / scale, d, true, buf);
    return buf_format(&im->a, "%s", buf);
}

/* The code at the start of "CODE-NAME" (also "CODE NAME", "CODE－NAME");
 * false when the text does not start with a code. */
static bool split_code_name(Str v, Str *code, Str *name)
{
    uint32_t i = 0;
    if (!v.n || !is_digit(v.s[0])) return false;
    while (i < v.n && (is_digit(v.s[i]) || ((v.s[i] | 0x20) >= 'a' && (v.s[i] | 0x20) <= 'z'))) i++;
    *code = slice(v.s, i);
    Str rest = slice(v.s + i, v.n - i);
    uint32_t cp = 0;
    if (rest.n) {
        int k = decode_lenient(rest.s, rest.n, &cp);
        if (cp == '-' || cp == 0xFF0D || cp == 0x2014 || cp == 0x2013 || cp == '_' || cp == ' ' || cp == 0x3000 ||
            cp == ':' || cp == 0xFF1A) {
            rest.s += k;
            rest.n -= (uint32_t)k;
        } else {
            return false; /* "2026年…" is not a code */
        }
    }
    *name = trim(rest);
    return true;
}

/* ---------------------------------------------------------- reading */

/* The column arrays of a table (roles, labels) are this wide; published
 * tables have about fifteen columns.  A cell further right has no column
 * and is kept as a comment with a warning, like any cell bdlc cannot place. */
enum { IMP_MAX_COLS = 64 };

static bool load_lines(Imp *im, char *text, size_t len)
{
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) start = 3;
    /* UTF-8 and NUL check first: the message names the line */
    int line = 1;
    for (size_t i = start; i < len;) {
        uint32_t cp;
        if (text[i] == '\n') { line++; i++; continue; }
        if (text[i] == 0) {
            fail(im, line, "a NUL byte: this is not a text file");
            return false;
        }
        int k = utf8_decode(text + i, len - i, &cp);
        if (!k) {
            fail(im, line,
                 "invalid UTF-8 (byte 0x%02X): save the document as UTF-8 (a GBK export converts with "
                 "`iconv -f GBK -t UTF-8`)",
                 (unsigned char)text[i]);
            return false;
        }
        i += (size_t)k;
    }
    int cap = line;
    im->L = arena_alloc(&im->a, sizeof(TLine) * (size_t)cap);
    size_t i = start;
    while (i <= len && im->nl < cap) {
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
        size_t le = e;
        if (le > i && text[le - 1] == '\r') le--;
        if (e == len && le == i && im->nl > 0) break; /* the final newline */
        TLine *L = &im->L[im->nl];
        L->no = im->nl + 1;
        L->raw = slice(text + i, le - i);
        int nc = 1;
        for (size_t k = i; k < le; k++) nc += text[k] == '\t';
        L->cell = arena_alloc(&im->a, sizeof(Str) * (size_t)nc);
        L->first = -1;
        size_t c0 = i;
        for (size_t k = i; k <= le; k++) {
            if (k == le || text[k] == '\t') {
                Str c = clean(im, text + c0, k - c0);
                if (c.n) {
                    L->nonblank++;
                    if (L->first < 0) L->first = L->ncell;
                }
                L->cell[L->ncell++] = c;
                c0 = k + 1;
            }
        }
        im->nl++;
        i = e + 1;
    }
    return true;
}

static Str cell(const TLine *L, int i)
{
    if (i < 0 || i >= L->ncell) return slice("", 0);
    return L->cell[i];
}

/* A row of dashes only (a printed table rule). */
static bool is_rule(const TLine *L)
{
    if (!L->nonblank) return false;
    for (int i = 0; i < L->ncell; i++) {
        Str c = L->cell[i];
        for (uint32_t k = 0; k < c.n; k++)
            if (c.s[k] != '-' && c.s[k] != '=' && c.s[k] != ' ') return false;
    }
    return true;
}

static Str single(const TLine *L) { return L->nonblank == 1 ? L->cell[L->first] : slice("", 0); }

static int title_kind(Imp *im, const TLine *L, size_t *prefix_bytes)
{
    if (L->nonblank != 1) return K_NONE;
    Str c = single(L);
    Str n = norm(im, c);
    for (size_t t = 0; t < sizeof TITLES / sizeof *TITLES; t++)
        if (ends_with(n, TITLES[t].suffix)) {
            /* the raw prefix: walk the raw text until the normalised prefix is consumed */
            size_t want = n.n - strlen(TITLES[t].suffix), got = 0;
            uint32_t i = 0;
            while (i < c.n && got < want) {
                uint32_t cp;
                int k = decode_lenient(c.s + i, c.n - i, &cp);
                Str one = norm(im, slice(c.s + i, (size_t)k));
                got += one.n;
                i += (uint32_t)k;
            }
            if (prefix_bytes) *prefix_bytes = i;
            return TITLES[t].kind;
        }
    if (L->first == 0 && ends_with(n, "表") && n.n <= 90 && !starts_with(n, "(") && !contains(n, "：") && !contains(n, ":"))
        return K_UNKNOWN;
    return K_NONE;
}

static bool is_unit_line(Imp *im, const TLine *L, Str *unit)
{
    if (L->nonblank != 1) return false;
    Str n = norm(im, single(L));
    const char *pre[] = { "单位:", "金额单位:", "单位：" };
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (starts_with(n, pre[k])) {
            *unit = slice(n.s + strlen(pre[k]), n.n - strlen(pre[k]));
            return true;
        }
    return false;
}

static bool is_agency_line(Imp *im, const TLine *L, Str *val)
{
    if (L->nonblank != 1) return false;
    Str c = single(L);
    Str n = norm(im, c);
    if (!starts_with(n, "编制单位:") && !starts_with(n, "预算单位:")) return false;
    /* the value from the raw text: after the first colon */
    for (uint32_t i = 0; i < c.n; i++) {
        if (c.s[i] == ':') { *val = trim(slice(c.s + i + 1, c.n - i - 1)); return true; }
        if (i + 3 <= c.n && memcmp(c.s + i, "：", 3) == 0) { *val = trim(slice(c.s + i + 3, c.n - i - 3)); return true; }
    }
    *val = slice("", 0);
    return true;
}

/* "(备注：…)" and friends: the note's text. */
static bool is_note_line(Imp *im, const TLine *L, Str *text)
{
    if (L->nonblank != 1) return false;
    Str c = single(L);
    Str n = norm(im, c);
    if (!(starts_with(n, "(备注") || starts_with(n, "备注") || starts_with(n, "(注") || starts_with(n, "注:") ||
          starts_with(n, "说明:")))
        return false;
    Str t = c;
    uint32_t cp;
    int k = decode_lenient(t.s, t.n, &cp);
    if (cp == '(' || cp == 0xFF08) { t.s += k; t.n -= (uint32_t)k; }
    if (ends_with(t, ")")) t.n -= 1;
    else if (ends_with(t, "）")) t.n -= 3;
    const char *pre[] = { "备注：", "备注:", "注：", "注:", "说明：", "说明:", "备注" };
    for (size_t p = 0; p < sizeof pre / sizeof *pre; p++)
        if (starts_with(t, pre[p])) { t.s += strlen(pre[p]); t.n -= (uint32_t)strlen(pre[p]); break; }
    *text = trim(t);
    return true;
}

static void set_unit(Imp *im, Str u, int line)
{
    if (!u.n) return;
    if (!im->unit.n) {
        im->unit = u;
        im->unit_line = line;
    } else if (!str_eq(im->unit, u)) {
        warn(im, line, "this table is in %.*s, an earlier one (line %d) in %.*s; the budget uses %.*s", (int)u.n,
             u.s, im->unit_line, (int)im->unit.n, im->unit.s, (int)im->unit.n, im->unit.s);
    }
}

static void set_dept(Imp *im, Str code, Str name, int rank)
{
    if (rank <= im->dept_rank) return;
    if (code.n) im->dept_code = code;
    if (name.n) im->dept_name = name;
    im->dept_rank = rank;
}

static Agency *add_agency(Imp *im, Str text, int line, Vec *notes)
{
    Str code, name;
    if (!split_code_name(text, &code, &name)) {
        unplaced(im, notes, line, "编制单位 “%.*s” has no unit code (expected “204001-name”)", (int)text.n, text.s);
        return NULL;
    }
    for (int i = 0; i < im->agencies.n; i++) {
        Agency *a = im->agencies.v[i];
        if (str_eq(a->code, code)) {
            if (name.n && !str_eq(a->name, name))
                warn(im, line, "编制单位 %.*s is named “%.*s” here but “%.*s” on line %d; the first name is kept",
                     (int)code.n, code.s, (int)name.n, name.s, (int)a->name.n, a->name.s, a->line);
            return a;
        }
    }
    Agency *a = arena_alloc(&im->a, sizeof *a);
    a->code = code;
    a->name = name;
    a->line = line;
    vec_apush(&im->a, &im->agencies, a);
    return a;
}

/* Lines every table may hold: blanks, rules, units, notes, 编制单位.
 * Returns true when the line was taken care of. */
static bool common_line(Imp *im, const TLine *L, Vec *notes, Agency **agency)
{
    Str v;
    if (!L->nonblank || is_rule(L)) return true;
    if (is_unit_line(im, L, &v)) {
        set_unit(im, v, L->no);
        return true;
    }
    if (is_agency_line(im, L, &v)) {
        Agency *a = add_agency(im, v, L->no, notes);
        if (agency) *agency = a;
        return true;
    }
    return false;
}

static void add_check(Imp *im, int kind, int line, const char *table, char *what, const Amt *w, Vec *notes,
                      int *mism)
{
    Check *c = arena_alloc(&im->a, sizeof *c);
    c->kind = kind;
    c->line = line;
    c->table = table;
    c->what = what;
    c->w = *w;
    c->notes = notes;
    c->mismatches = mism;
    vec_apush(&im->a, &im->checks, c);
}

/* ------------------------------------------------------- grid tables */

enum { R_NONE, R_CODE, R_NAME, R_TOTAL, R_A1, R_A2, R_CATEGORY, R_SRC0 };

typedef struct Word {
    int role;
    const char *w;
    bool contains;
} Word;

static const Word EXP_WORDS[] = {
    { R_CODE, "科目编码", true }, { R_CODE, "科目代码", true }, { R_CODE, "编码", false },
    { R_NAME, "科目名称", true }, { R_NAME, "名称", false },     { R_TOTAL, "总计", false },
    { R_TOTAL, "合计", false },   { R_TOTAL, "小计", false },     { R_A1, "基本支出", true },
    { R_A2, "项目支出", true },
};
static const Word ECO_WORDS[] = {
    { R_CODE, "科目编码", true }, { R_CODE, "科目代码", true }, { R_CODE, "编码", false },
    { R_NAME, "科目名称", true }, { R_NAME, "名称", false },     { R_TOTAL, "总计", false },
    { R_TOTAL, "合计", false },   { R_TOTAL, "小计", false },     { R_A1, "人员经费", true },
    { R_A1, "人员支出", true },   { R_A2, "公用经费", true },     { R_A2, "公用支出", true },
};
static const Word PROC_WORDS[] = {
    { R_CODE, "项目编号", true }, { R_CODE, "项目编码", true }, { R_CODE, "编号", false },
    { R_NAME, "项目名称", true }, { R_NAME, "采购项目", false }, { R_NAME, "项目", false },
    { R_CATEGORY, "品目", true }, { R_CATEGORY, "采购类别", true }, { R_CATEGORY, "采购类型", true },
    { R_CATEGORY, "类别", false }, { R_TOTAL, "总计", false },   { R_TOTAL, "合计", false },
};

static int word_role(Imp *im, Str c, int kind)
{
    Str n = norm(im, c);
    if (!n.n) return R_NONE;
    const Word *w = kind == K_BASIC ? ECO_WORDS : kind == K_PROC ? PROC_WORDS : EXP_WORDS;
    size_t nw = kind == K_BASIC ? sizeof ECO_WORDS / sizeof *ECO_WORDS
                : kind == K_PROC ? sizeof PROC_WORDS / sizeof *PROC_WORDS
                                 : sizeof EXP_WORDS / sizeof *EXP_WORDS;
    for (size_t i = 0; i < nw; i++)
        if (w[i].contains ? contains(n, w[i].w) : eqc(n, w[i].w)) return w[i].role;
    if (kind == K_PROC)
        for (int s = 0; s < NSRC; s++)
            if (eqc(n, SRC[s].proc) || eqc(n, SRC[s].column) || eqc(n, SRC[s].name)) return R_SRC0 + s;
    return R_NONE;
}

static bool is_total_label(Imp *im, Str c)
{
    Str n = norm(im, c);
    return eqc(n, "合计") || eqc(n, "总计") || eqc(n, "支出合计") || eqc(n, "合 计");
}

/* Does the row start the data: a code or a 合计 label in the first two
 * cells, everything after it amounts or names? */
static bool looks_like_data(Imp *im, const TLine *L)
{
    if (L->first < 0 || L->first > 1) return false;
    Str f = L->cell[L->first];
    if (is_code(f)) return true;
    if (!is_total_label(im, f)) return false;
    for (int i = L->first + 1; i < L->ncell; i++)
        if (L->cell[i].n && !is_number(L->cell[i])) return false;
    return true;
}

static const char *role_title(int kind, int role)
{
    switch (role) {
    case R_CODE: return kind == K_PROC ? "项目编号" : "科目编码";
    case R_NAME: return kind == K_PROC ? "项目" : "科目名称";
    case R_TOTAL: return "总计";
    case R_A1: return kind == K_BASIC ? "人员经费" : "基本支出";
    case R_A2: return kind == K_BASIC ? "日常公用经费" : "项目支出";
    case R_CATEGORY: return "采购品目";
    default: return role >= R_SRC0 ? SRC[role - R_SRC0].proc : "?";
    }
}

static void note_line_in_rows(Imp *im, XTable *t, Note *nt)
{
    XRow *r = arena_alloc(&im->a, sizeof *r);
    r->line = nt->line;
    r->note = nt;
    vec_apush(&im->a, &t->rows, r);
}

/* One grid table: function (K_GENERAL, K_FUND, K_DEXP), economic
 * (K_BASIC) or procurement (K_PROC).  Lines [from, to). */
static void parse_grid(Imp *im, int kind, int from, int to, XTable *t)
{
    const char *title = KIND_TITLE[kind];
    int role[IMP_MAX_COLS];
    int header0 = 0;
    bool data = false, any_header = false;
    for (int i = 0; i < IMP_MAX_COLS; i++) role[i] = R_NONE;
    int col_of[R_SRC0 + NSRC];
    for (int i = 0; i < R_SRC0 + NSRC; i++) col_of[i] = -1;
    Str empty_note = slice("", 0);
    int note_line = 0;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, &t->notes, NULL)) continue;
        if (is_note_line(im, L, &v)) {
            empty_note = v;
            note_line = L->no;
            continue;
        }
        if (!data && !looks_like_data(im, L) && L->ncell < 2) {
            note_line_in_rows(im, t, unplaced(im, NULL, L->no, "%s: a line that is neither a header nor a row", title));
            continue;
        }
        if (!data && !looks_like_data(im, L)) {
            /* a header row: the lowest word found in a column wins */
            if (!any_header) header0 = L->no;
            any_header = true;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                int r = word_role(im, L->cell[c], kind);
                if (r != R_NONE) role[c] = r;
            }
            continue;
        }
        if (!data) {
            data = true;
            for (int c = 0; c < IMP_MAX_COLS; c++) col_of[role[c]] = role[c] == R_NONE ? -1 : c;
            col_of[R_NONE] = -1;
            if (!any_header) { /* no header at all: the published order */
                col_of[R_CODE] = 0;
                col_of[R_NAME] = 1;
                if (kind != K_PROC) {
                    col_of[R_TOTAL] = 2;
                    col_of[R_A1] = 3;
                    col_of[R_A2] = 4;
                } else {
                    col_of[R_TOTAL] = 2;
                    for (int s = 0; s < NSRC; s++) col_of[R_SRC0 + s] = 3 + s;
                }
                warn(im, L->no, "%s has no header row; its columns are taken in the published order (%s)", title,
                     kind == K_BASIC ? "科目编码, 科目名称, 总计, 人员经费, 日常公用经费"
                     : kind == K_PROC ? _("项目编号, 项目, 总计, then the nine sources")
                                      : "科目编码, 科目名称, 总计, 基本支出, 项目支出");
            }
            bool amounts = col_of[R_TOTAL] >= 0 || col_of[R_A1] >= 0 || col_of[R_A2] >= 0;
            for (int s = 0; kind == K_PROC && s < NSRC; s++) amounts |= col_of[R_SRC0 + s] >= 0;
            if (col_of[R_CODE] < 0 || !amounts) {
                fail(im, header0,
                     "cannot tell the columns of %s from its header: expected %s and at least one of %s", title,
                     kind == K_PROC ? "项目编号" : "科目编码",
                     kind == K_BASIC ? "总计, 人员经费, 日常公用经费"
                     : kind == K_PROC ? _("总计 or a source column (一般公共预算拨款收入 …)")
                                      : "总计, 基本支出, 项目支出");
                return;
            }
            if (col_of[R_NAME] < 0 && col_of[R_CODE] + 1 < IMP_MAX_COLS && role[col_of[R_CODE] + 1] == R_NONE)
                col_of[R_NAME] = col_of[R_CODE] + 1;
        }
        /* a data row */
        Str code = cell(L, col_of[R_CODE]), name = cell(L, col_of[R_NAME]);
        bool total = (is_total_label(im, code) && (!name.n || is_total_label(im, name))) ||
                     (!code.n && is_total_label(im, name));
        if (!total && !is_code(code)) {
            note_line_in_rows(im, t, kind == K_PROC
                ? unplaced(im, NULL, L->no, "%s: “%.*s” is not a project number", title, (int)code.n, code.s)
                : unplaced(im, NULL, L->no, "%s: “%.*s” is not a classification code", title, (int)code.n, code.s));
            continue;
        }
        /* every non-blank cell must have a column */
        bool stray = false;
        for (int c = 0; c < L->ncell && !stray; c++) {
            if (!L->cell[c].n) continue;
            int r = c < IMP_MAX_COLS ? role[c] : R_NONE;
            if (!any_header) r = c <= (kind == K_PROC ? 2 + NSRC : 4) ? R_CODE : R_NONE;
            if (r == R_NONE && c != col_of[R_CODE] && c != col_of[R_NAME]) {
                note_line_in_rows(im, t, unplaced(im, NULL, L->no, "%s: “%.*s” is in a column without a header bdlc knows",
                                                  title, (int)L->cell[c].n, L->cell[c].s));
                stray = true;
            }
        }
        if (stray) continue;
        if (kind == K_PROC) {
            if (total) { /* the 合计 row: derived, its 总计 compared */
                Amt a;
                Str tt = cell(L, col_of[R_TOTAL]);
                if (amount_of(im, tt, L->no, &a) && a.present)
                    add_check(im, CK_PROC_TOTAL, L->no, title, buf_format(&im->a, "合计 总计"), &a, &t->notes, NULL);
                continue;
            }
            ProcItem *p = arena_alloc(&im->a, sizeof *p);
            p->line = L->no;
            p->code = code;
            p->name = name;
            p->category = cell(L, col_of[R_CATEGORY]);
            bool bad = false, any = false;
            for (int s = 0; s < NSRC && !bad; s++) {
                Str a = cell(L, col_of[R_SRC0 + s]);
                if (!amount_of(im, a, L->no, &p->src[s])) bad = true;
                any |= p->src[s].present;
            }
            Str tt = cell(L, col_of[R_TOTAL]);
            if (bad || !amount_of(im, tt, L->no, &p->total)) {
                unplaced(im, &im->proc.notes, L->no, "%s: a cell of %.*s is not an amount", title, (int)code.n, code.s);
                continue;
            }
            if (!any) {
                unplaced(im, &im->proc.notes, L->no, "%s: %.*s has no amount in a source column", title,
                         (int)code.n, code.s);
                continue;
            }
            vec_apush(&im->a, &im->procs, p);
            if (p->total.present) {
                add_check(im, CK_PROC_TOTAL, L->no, title, buf_format(&im->a, "总计 of %.*s", (int)code.n, code.s), &p->total,
                          &im->proc.notes, NULL);
                ((Check *)im->checks.v[im->checks.n - 1])->item = p;
            }
            continue;
        }
        XRow *r = arena_alloc(&im->a, sizeof *r);
        r->line = L->no;
        r->total = total;
        r->code = total ? slice("", 0) : code;
        r->name = total ? slice("", 0) : name;
        static const int AR[3] = { R_TOTAL, R_A1, R_A2 };
        bool bad = false, any = false;
        int badc = 0;
        for (int k = 0; k < 3 && !bad; k++) {
            Str a = cell(L, col_of[AR[k]]);
            if (!amount_of(im, a, L->no, &r->c[k])) {
                bad = true;
                badc = AR[k];
            }
            any |= r->c[k].present;
        }
        if (bad) {
            Str a = cell(L, col_of[badc]);
            note_line_in_rows(im, t, unplaced(im, NULL, L->no, "%s: “%.*s” in the %s column is not an amount", title,
                                              (int)a.n, a.s, role_title(kind, badc)));
            continue;
        }
        if (!any) {
            if (!total)
                note_line_in_rows(im, t, unplaced(im, NULL, L->no, "%s: %.*s has no amount", title, (int)code.n,
                                                  code.s));
            continue;
        }
        t->data++;
        vec_apush(&im->a, &t->rows, r);
    }
    if (im->failed) return;
    if (note_line) {
        const char *std = kind == K_FUND ? "本单位无政府性基金收支，故此表无数据。"
                          : kind == K_PROC ? "本部门无政府采购预算，故此表无数据。"
                                           : NULL;
        bool has = kind == K_PROC ? im->procs.n > 0 : t->data > 0;
        if (std && !has && str_eqc(empty_note, std)) {
            if (kind == K_FUND) im->fund_empty_ok = true;
            else im->proc_empty_ok = true;
        } else {
            unplaced(im, kind == K_PROC ? &im->proc.notes : &t->notes, note_line,
                     "%s: the note “%.*s” is not what bdlc prints for this table", title, (int)empty_note.n,
                     empty_note.s);
        }
    }
}

/* ---------------------------------------------------- summary tables */

static int source_by(Imp *im, Str label, bool carry)
{
    Str n = norm(im, label);
    for (int s = 0; s < NSRC; s++) {
        if (carry ? eqc(n, SRC[s].carry) : (eqc(n, SRC[s].column) || eqc(n, SRC[s].proc)))
            return s;
        if (eqc(n, SRC[s].name) || eqc(n, SRC[s].key)) return s;
    }
    return -1;
}

static bool label_in(Imp *im, Str c, const char *const *list)
{
    Str n = norm(im, c);
    for (; *list; list++)
        if (eqc(n, *list)) return true;
    return false;
}

static const char *const L_INCOME[] = { "一、本年收入", "本年收入", "一.本年收入", NULL };
static const char *const L_CARRY[] = { "二、上年结转", "上年结转", "二.上年结转", NULL };
static const char *const L_INTOTAL[] = { "收入合计", "收入总计", "合计", "总计", NULL };
static const char *const L_OUT[] = { "一、本年支出", "本年支出", "一.本年支出", NULL };
static const char *const L_CARRYOUT[] = { "二、结转下年", "结转下年", "二.结转下年", NULL };
static const char *const L_OUTTOTAL[] = { "支出合计", "支出总计", "合计", "总计", NULL };

/* The function code of a 类 name, from the document's function tables. */
static Str code_by_name(Imp *im, Str name)
{
    Str n = norm(im, name), best = slice("", 0);
    for (int t = 0; t < 3; t++)
        for (int i = 0; i < im->exp[t].rows.n; i++) {
            XRow *r = im->exp[t].rows.v[i];
            if (r->note || r->total || !r->name.n) continue;
            if (str_eq(norm(im, r->name), n) && (!best.n || r->code.n < best.n)) best = r->code;
        }
    return best;
}

static void parse_summary(Imp *im, int kind, int from, int to)
{
    const char *title = KIND_TITLE[kind];
    int si = kind == K_FISCAL ? 0 : 1;
    bool fiscal = kind == K_FISCAL;
    int in_label = 0, in_amt = 1, out_label = -1;
    int out_src[IMP_MAX_COLS];
    for (int i = 0; i < IMP_MAX_COLS; i++) out_src[i] = -2; /* -2 none, -1 total, else source */
    bool data = false;
    int section = 0; /* 0 income, 1 carry-over */
    int header0 = 0;
    im->has_income = true;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, &im->sum_notes, NULL)) continue;
        if (is_note_line(im, L, &v)) {
            unplaced(im, &im->sum_notes, L->no, "%s: the note “%.*s” has no place in BDL", title, (int)v.n, v.s);
            continue;
        }
        bool has_amount = false;
        for (int c = 0; c < L->ncell; c++) has_amount |= is_number(L->cell[c]);
        Str c0 = cell(L, 0);
        bool known = label_in(im, c0, L_INCOME) || label_in(im, c0, L_CARRY) || label_in(im, c0, L_INTOTAL) ||
                     source_by(im, c0, false) >= 0 || source_by(im, c0, true) >= 0;
        if (!data && !has_amount && !known && L->ncell < 2) {
            unplaced(im, &im->sum_notes, L->no, "%s: a line that is neither a header nor a row", title);
            continue;
        }
        if (!data && !has_amount && !known) {
            if (!header0) header0 = L->no;
            int nitem = 0;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                Str n = norm(im, L->cell[c]);
                if (eqc(n, "项目")) {
                    if (nitem++ == 0) in_label = c;
                    else out_label = c;
                } else if (eqc(n, "支出") && out_label < 0) {
                    out_label = c;
                }
            }
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                Str n = norm(im, L->cell[c]);
                if (out_label >= 0 && c > out_label) {
                    if (eqc(n, "合计") || eqc(n, "预算数") || eqc(n, "总计") || eqc(n, "金额")) out_src[c] = -1;
                    for (int s = 0; s < NSRC; s++)
                        if (eqc(n, SRC[s].column) || eqc(n, SRC[s].name)) out_src[c] = s;
                } else if (c > in_label && (eqc(n, "预算数") || eqc(n, "金额") || eqc(n, "合计"))) {
                    in_amt = c;
                }
            }
            continue;
        }
        if (!data) {
            data = true;
            if (out_label < 0) {
                out_label = in_amt + 1;
                out_src[out_label + 1] = -1;
                for (int c = out_label + 2; c < IMP_MAX_COLS; c++) out_src[c] = c - out_label - 2 < 3 ? c - out_label - 2 : -2;
                if (header0)
                    warn(im, header0, "%s: no 项目 column for the expenditure side; assuming the published layout",
                         title);
            }
        }
        /* stray cells: in no column we know */
        bool stray = false;
        for (int c = 0; c < L->ncell; c++)
            if (L->cell[c].n && c != in_label && c != in_amt && c != out_label && (c >= IMP_MAX_COLS || out_src[c] == -2)) {
                unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is in a column bdlc does not know", title,
                         (int)L->cell[c].n, L->cell[c].s);
                stray = true;
                break;
            }
        if (stray) continue;
        /* income side */
        Str lab = cell(L, in_label);
        Amt a;
        Str at = cell(L, in_amt);
        if (!amount_of(im, at, L->no, &a)) {
            unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is not an amount", title, (int)at.n, at.s);
        } else if (!lab.n) {
            if (a.present)
                unplaced(im, &im->sum_notes, L->no, "%s: the amount %.*s has no label", title, (int)at.n, at.s);
        } else if (label_in(im, lab, L_INCOME)) {
            section = 0;
            add_check(im, CK_INCOME, L->no, title, buf_format(&im->a, "%.*s", (int)lab.n, lab.s), &a, &im->sum_notes,
                      &im->sum_mismatch[si]);
            ((Check *)im->checks.v[im->checks.n - 1])->src = fiscal;
        } else if (label_in(im, lab, L_CARRY)) {
            section = 1;
            im->has_carry = true;
            add_check(im, CK_CARRY, L->no, title, buf_format(&im->a, "%.*s", (int)lab.n, lab.s), &a, &im->sum_notes,
                      &im->sum_mismatch[si]);
            ((Check *)im->checks.v[im->checks.n - 1])->src = fiscal;
        } else if (label_in(im, lab, L_INTOTAL)) {
            add_check(im, CK_INOUT, L->no, title, buf_format(&im->a, "%.*s", (int)lab.n, lab.s), &a, &im->sum_notes,
                      &im->sum_mismatch[si]);
            ((Check *)im->checks.v[im->checks.n - 1])->src = fiscal;
        } else {
            int s = source_by(im, lab, section == 1);
            if (s < 0 && section == 0 && source_by(im, lab, true) >= 0) {
                /* a carry-over row without the 二、上年结转 heading */
                s = source_by(im, lab, true);
                section = 1;
                im->has_carry = true;
            }
            if (s < 0) {
                unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is not a funding source of cn/2026", title,
                         (int)lab.n, lab.s);
            } else {
                Amt *dst = section ? &im->carry[s] : &im->income[s];
                int *from_line = section ? &im->carry_from[s] : &im->income_from[s];
                if (!*from_line) {
                    *dst = a;
                    *from_line = L->no;
                } else if (dst->present != a.present || (a.present && dst->v != a.v)) {
                    unplaced(im, &im->sum_notes, L->no, "%s: %s %s is %.*s here but %.*s on line %d", title,
                             SRC[s].name, section ? "上年结转" : "本年收入", a.present ? (int)a.text.n : 4,
                             a.present ? a.text.s : "blank", dst->present ? (int)dst->text.n : 4,
                             dst->present ? dst->text.s : "blank", *from_line);
                    im->sum_mismatch[si]++;
                }
            }
        }
        /* expenditure side */
        Str out = cell(L, out_label);
        bool any = false;
        for (int c = out_label + 1; c < L->ncell && c < IMP_MAX_COLS; c++) any |= L->cell[c].n > 0;
        if (!out.n && !any) continue;
        if (!out.n) {
            unplaced(im, &im->sum_notes, L->no, "%s: expenditure amounts without a label", title);
            continue;
        }
        bool carryout = label_in(im, out, L_CARRYOUT);
        bool tot = label_in(im, out, L_OUT) || label_in(im, out, L_OUTTOTAL);
        Str code = slice("", 0);
        if (!carryout && !tot) {
            code = code_by_name(im, out);
            if (!code.n) {
                unplaced(im, &im->sum_notes, L->no,
                         "%s: “%.*s” is not a row of the function tables, so it cannot be checked", title, (int)out.n,
                         out.s);
                continue;
            }
        }
        for (int c = out_label + 1; c < IMP_MAX_COLS; c++) {
            if (out_src[c] == -2) continue;
            Str x = cell(L, c);
            Amt b;
            if (!amount_of(im, x, L->no, &b)) {
                unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is not an amount", title, (int)x.n, x.s);
                break;
            }
            if (carryout) {
                if (b.present && b.ok && b.v != 0)
                    unplaced(im, &im->sum_notes, L->no, "%s: %.*s %.*s: BDL has no carry-over to next year", title,
                             (int)out.n, out.s, (int)x.n, x.s);
                continue;
            }
            const char *col = out_src[c] < 0 ? (fiscal ? "合计" : "预算数") : SRC[out_src[c]].column;
            add_check(im, CK_EXP, L->no, title, buf_format(&im->a, "%.*s (%s)", (int)out.n, out.s, col), &b, &im->sum_notes,
                      &im->sum_mismatch[si]);
            Check *ck = im->checks.v[im->checks.n - 1];
            ck->code = code;
            ck->src = out_src[c];
        }
    }
}

/* -------------------------------------------------------------- 三公 */

enum { TP_NONE = -3, TP_TOTAL = -2, TP_SUB = -1 };

static int tp_role(Imp *im, Str c)
{
    Str n = norm(im, c);
    if (!n.n) return TP_NONE;
    if (contains(n, "购置及运行") || eqc(n, "小计")) return TP_SUB;
    if (contains(n, "出国")) return 0;
    if (contains(n, "购置")) return 1;
    if (contains(n, "运行")) return 2;
    if (contains(n, "接待")) return 3;
    if (eqc(n, "合计") || eqc(n, "总计")) return TP_TOTAL;
    return TP_NONE;
}

static void tp_value(Imp *im, int role, Amt *a, int line)
{
    static const char *const NAMES[4] = { "因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费" };
    if (role >= 0) {
        if (im->tp[role].present || im->tp[role].line) {
            unplaced(im, &im->tp_notes, line, "三公经费: %s is given twice", NAMES[role]);
            return;
        }
        im->tp[role] = *a;
        im->tp[role].line = line;
        return;
    }
    add_check(im, role == TP_TOTAL ? CK_TP_TOTAL : CK_TP_SUB, line, KIND_TITLE[K_TP],
              buf_format(&im->a, "%s", role == TP_TOTAL ? "合计" : "公务用车购置及运行费 小计"), a, &im->tp_notes,
              &im->tp_mismatch);
}

static void parse_tp(Imp *im, int from, int to)
{
    int role[IMP_MAX_COLS];
    for (int i = 0; i < IMP_MAX_COLS; i++) role[i] = TP_NONE;
    bool done = false;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, &im->tp_notes, NULL)) continue;
        if (is_note_line(im, L, &v)) {
            unplaced(im, &im->tp_notes, L->no, "三公经费: the note “%.*s” has no place in BDL", (int)v.n, v.s);
            continue;
        }
        bool has_amount = false;
        for (int c = 0; c < L->ncell; c++) has_amount |= is_number(L->cell[c]);
        int lab = L->first >= 0 ? tp_role(im, L->cell[L->first]) : TP_NONE;
        if (has_amount && lab != TP_NONE && L->nonblank == 2) { /* one item per row */
            Amt a;
            Str x = L->cell[L->first + 1 < L->ncell ? L->first + 1 : L->first];
            for (int c = L->first + 1; c < L->ncell; c++)
                if (L->cell[c].n) { x = L->cell[c]; break; }
            amount_of(im, x, L->no, &a);
            tp_value(im, lab, &a, L->no);
            continue;
        }
        if (!has_amount) {
            bool words = false;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                int r = tp_role(im, L->cell[c]);
                if (r != TP_NONE) { role[c] = r; words = true; }
            }
            if (!words && L->nonblank) {
                Str n = norm(im, L->cell[L->first]);
                if (!(n.n > 4 && is_digit(n.s[0]) && contains(n, "年")))
                    unplaced(im, &im->tp_notes, L->no, "三公经费: a row bdlc cannot read");
            }
            continue;
        }
        if (done) {
            unplaced(im, &im->tp_notes, L->no, "三公经费: a second row of amounts");
            continue;
        }
        bool bad = false;
        for (int c = 0; c < L->ncell && !bad; c++) {
            if (!L->cell[c].n) continue;
            Amt a;
            if (c >= IMP_MAX_COLS || role[c] == TP_NONE || !amount_of(im, L->cell[c], L->no, &a)) {
                unplaced(im, &im->tp_notes, L->no, "三公经费: “%.*s” has no column bdlc knows or is not an amount",
                         (int)L->cell[c].n, L->cell[c].s);
                bad = true;
            }
        }
        if (bad) continue;
        done = true;
        for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
            Amt a;
            if (role[c] == TP_NONE) continue;
            amount_of(im, L->cell[c], L->no, &a);
            if (role[c] >= 0 && !a.present) { /* blank item: not written */
                im->tp[role[c]].line = L->no;
                continue;
            }
            tp_value(im, role[c], &a, L->no);
        }
    }
}

/* ------------------------------------------------------------- forms */

enum {
    F_DEPT, F_DEXP, F_DGOAL, F_PNAME, F_PCODE, F_OWNER, F_EXECW, F_CATEGORY, F_AMOUNT, F_LOCAL, F_SUPERIOR,
    F_SUMMARY, F_BASIS, F_GOAL, F_AGENCY, F_COUNT
};
static const struct {
    int f;
    const char *w;
} FORM[] = {
    { F_DEPT, "部门(单位)名称" }, { F_DEPT, "部门名称" },         { F_DEPT, "单位名称" },
    { F_DEXP, "部门支出预算数" }, { F_DEXP, "部门预算数" },       { F_DGOAL, "当年整体绩效目标" },
    { F_DGOAL, "整体绩效目标" },  { F_DGOAL, "年度整体绩效目标" }, { F_DGOAL, "部门整体绩效目标" },
    { F_PNAME, "项目名称" },      { F_PCODE, "项目编码" },         { F_PCODE, "项目代码" },
    { F_PCODE, "项目编号" },      { F_OWNER, "业务主管部门" },     { F_OWNER, "主管部门" },
    { F_EXECW, "预算执行率权重" }, { F_EXECW, "执行率权重" },      { F_CATEGORY, "项目分类" },
    { F_CATEGORY, "项目类别" },   { F_CATEGORY, "项目类型" },      { F_AMOUNT, "当年预算" },
    { F_AMOUNT, "年度预算" },     { F_AMOUNT, "项目预算" },        { F_LOCAL, "本级安排" },
    { F_SUPERIOR, "上级补助" },   { F_SUMMARY, "项目概述" },       { F_SUMMARY, "项目概况" },
    { F_BASIS, "立项依据" },      { F_GOAL, "当年绩效目标" },      { F_GOAL, "年度绩效目标" },
    { F_GOAL, "项目绩效目标" },   { F_AGENCY, "编制单位" },
};
static const char *const FIELD_TITLE[F_COUNT] = {
    "部门(单位)名称", "部门支出预算数", "当年整体绩效目标", "项目名称", "项目编码", "业务主管部门", "预算执行率权重",
    "项目分类", "当年预算", "本级安排", "上级补助", "项目概述", "立项依据", "当年绩效目标", "编制单位",
};

/* A label cell's field; a label such as 当年预算（万元） also prints the
 * unit of the amounts (a document without a 单位： line). */
static int form_label(Imp *im, Str c, int line)
{
    Str n = norm(im, c);
    while (n.n && (n.s[n.n - 1] == ':')) n.n--;
    const char *suf[] = { "(万元)", "(元)" }, *unit = NULL;
    for (size_t k = 0; k < 2; k++)
        if (ends_with(n, suf[k])) {
            n.n -= (uint32_t)strlen(suf[k]);
            unit = k == 0 ? "万元" : "元";
        }
    for (size_t i = 0; i < sizeof FORM / sizeof *FORM; i++)
        if (eqc(n, FORM[i].w)) {
            if (unit) set_unit(im, str_c(unit), line);
            return FORM[i].f;
        }
    return -1;
}

/* The indicator grid's columns. */
enum { I_L1, I_L2, I_L3, I_W, I_U, I_OP, I_V, I_CORE, I_COUNT };

static int ind_role(Imp *im, Str c)
{
    Str n = norm(im, c);
    if (eqc(n, "一级指标")) return I_L1;
    if (eqc(n, "二级指标")) return I_L2;
    if (eqc(n, "三级指标")) return I_L3;
    if (contains(n, "权重") || eqc(n, "分值")) return I_W;
    if (contains(n, "单位")) return I_U;
    if (contains(n, "性质") || contains(n, "符号") || contains(n, "方向")) return I_OP;
    if (contains(n, "核心")) return I_CORE;
    if (contains(n, "指标值") || contains(n, "目标值")) return I_V;
    return -1;
}

static int op_of(Imp *im, Str c, uint32_t *used)
{
    static const struct { const char *w; int op; } OPS[] = {
        { "≥", OPK_GE }, { ">=", OPK_GE }, { "≧", OPK_GE }, { "大于等于", OPK_GE }, { "不低于", OPK_GE },
        { "不少于", OPK_GE }, { "≤", OPK_LE }, { "<=", OPK_LE }, { "≦", OPK_LE }, { "小于等于", OPK_LE },
        { "不高于", OPK_LE }, { "不超过", OPK_LE }, { "不多于", OPK_LE }, { "=", OPK_EQ }, { "等于", OPK_EQ },
        { ">", OPK_GT }, { "大于", OPK_GT }, { "<", OPK_LT }, { "小于", OPK_LT }, { "定性", OPK_QUAL },
    };
    Str n = norm(im, c);
    for (size_t i = 0; i < sizeof OPS / sizeof *OPS; i++) {
        if (used ? starts_with(n, OPS[i].w) : eqc(n, OPS[i].w)) {
            if (used) *used = (uint32_t)strlen(OPS[i].w);
            return OPS[i].op;
        }
    }
    return -1;
}

typedef struct Grid {
    bool on;
    int pos[I_COUNT];
    int line;
} Grid;

static Str gcell(const TLine *L, const Grid *g, int k, int shift)
{
    if (g->pos[k] < 0) return slice("", 0);
    return cell(L, g->pos[k] + shift);
}

static bool is_yes_no(Str c) { return !c.n || eqc(c, "是") || eqc(c, "否"); }

/* Read an indicator row; false (with `why`) when it cannot be written. */
static bool read_indicator(Imp *im, const TLine *L, const Grid *g, const Ind *prev, Ind *out, char **why)
{
    int best = 0, best_score = -100;
    static const int SHIFTS[3] = { 0, -1, 1 };
    for (int si = 0; si < 3; si++) {
        int s = SHIFTS[si], score = 0;
        Str op = gcell(L, g, I_OP, s), w = gcell(L, g, I_W, s), core = gcell(L, g, I_CORE, s);
        Str v = gcell(L, g, I_V, s), l3 = gcell(L, g, I_L3, s);
        if (g->pos[I_OP] >= 0) score += op_of(im, op, NULL) >= 0 ? 2 : op.n ? -2 : 0;
        if (g->pos[I_W] >= 0) score += !w.n || is_number(w) ? 1 : -1;
        if (g->pos[I_CORE] >= 0) score += is_yes_no(core) ? 1 : -1;
        score += is_number(v) ? 1 : 0;
        score += l3.n && !is_number(l3) ? 1 : -1;
        /* cells left outside the grid */
        int lo = IMP_MAX_COLS, hi = -1;
        for (int k = 0; k < I_COUNT; k++)
            if (g->pos[k] >= 0) {
                if (g->pos[k] + s < lo) lo = g->pos[k] + s;
                if (g->pos[k] + s > hi) hi = g->pos[k] + s;
            }
        for (int c = 0; c < L->ncell; c++)
            if (L->cell[c].n && (c < lo || c > hi)) score -= 3;
        if (score > best_score) {
            best_score = score;
            best = s;
        }
    }
    memset(out, 0, sizeof *out);
    out->line = L->no;
    for (int k = 0; k < 3; k++) out->lv[k] = gcell(L, g, I_L1 + k, best);
    if (!out->lv[0].n && prev) out->lv[0] = prev->lv[0]; /* merged cells */
    if (!out->lv[1].n && prev && str_eq(out->lv[0], prev->lv[0])) out->lv[1] = prev->lv[1];
    if (!out->lv[0].n || !out->lv[1].n || !out->lv[2].n) {
        *why = buf_format(&im->a, "an indicator row without its %s", !out->lv[0].n ? "一级指标" : !out->lv[1].n ? "二级指标" : "三级指标");
        return false;
    }
    out->weight = gcell(L, g, I_W, best);
    if (out->weight.n && (!is_number(out->weight) || out->weight.s[0] == '-')) {
        *why = buf_format(&im->a, "the weight “%.*s” is not a number", (int)out->weight.n, out->weight.s);
        return false;
    }
    out->unit = gcell(L, g, I_U, best);
    Str v = gcell(L, g, I_V, best), op = gcell(L, g, I_OP, best);
    int o = op.n ? op_of(im, op, NULL) : -1;
    if (op.n && o < 0) {
        *why = buf_format(&im->a, "“%.*s” is not a 指标性质 (≥ ≤ = > < or 定性)", (int)op.n, op.s);
        return false;
    }
    if (o < 0 && v.n) { /* the operator written into the value: "≥95" */
        uint32_t used = 0;
        int o2 = op_of(im, v, &used);
        if (o2 >= 0 && o2 != OPK_QUAL) {
            /* cut the raw text after the operator's characters */
            Str n = norm(im, v);
            Str rest = slice(n.s + used, n.n - used);
            o = o2;
            v = rest;
        }
    }
    if (o < 0) o = !is_number(v) ? OPK_QUAL : g->pos[I_OP] < 0 ? OPK_EQ : -1;
    if (o < 0) {
        *why = buf_format(&im->a, "the value %.*s has no 指标性质", (int)v.n, v.s);
        return false;
    }
    if (o == OPK_QUAL) {
        if (!v.n) {
            *why = buf_format(&im->a, "a qualitative indicator without a value");
            return false;
        }
        if (out->unit.n) {
            *why = buf_format(&im->a, "a qualitative indicator with a 计量单位 (“%.*s”), which BDL cannot hold", (int)out->unit.n,
                        out->unit.s);
            return false;
        }
    } else if (!is_number(v)) {
        /* "100%": the number, then the unit, when the unit cell is blank */
        uint32_t i = 0;
        while (i < v.n && (is_digit(v.s[i]) || v.s[i] == '.' || v.s[i] == ',' || (i == 0 && v.s[i] == '-'))) i++;
        Str num = slice(v.s, i), rest = trim(slice(v.s + i, v.n - i));
        if (i && is_number(num) && !out->unit.n && rest.n) {
            v = num;
            out->unit = rest;
        } else {
            *why = buf_format(&im->a, "the value “%.*s” is not a number", (int)v.n, v.s);
            return false;
        }
    }
    out->op = o;
    out->value = v;
    Str core = gcell(L, g, I_CORE, best);
    if (!is_yes_no(core)) {
        *why = buf_format(&im->a, "是否核心指标 is “%.*s”, not 是 or 否", (int)core.n, core.s);
        return false;
    }
    out->core = eqc(core, "是");
    return true;
}

static Proj *new_project(Imp *im, int line, Agency *agency)
{
    Proj *p = arena_alloc(&im->a, sizeof *p);
    p->line = line;
    if (agency) p->agency = agency->code;
    return p;
}

/* 部门整体绩效目标表 (dept) or one 项目支出绩效目标表 (a project). */
static void parse_form(Imp *im, int kind, int from, int to)
{
    bool dept = kind == K_DPERF;
    const char *title = KIND_TITLE[kind];
    Agency *agency = NULL;
    Proj *p = NULL;
    Grid g;
    memset(&g, 0, sizeof g);
    Vec *notes = dept ? &im->perf_notes : NULL;
    Vec pending; /* notes before the project starts */
    memset(&pending, 0, sizeof pending);
    if (!dept) notes = &pending;
    Vec *inds = dept ? &im->perf_inds : NULL;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, notes, &agency)) {
            if (p && agency && L->nonblank && is_agency_line(im, L, &v)) p->agency = agency->code;
            continue;
        }
        if (is_note_line(im, L, &v)) {
            unplaced(im, notes, L->no, "%s: the note “%.*s” has no place in BDL", title, (int)v.n, v.s);
            continue;
        }
        /* the labels of this row */
        int lab[IMP_MAX_COLS], nlab = 0;
        bool header = false;
        for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
            lab[c] = L->cell[c].n ? form_label(im, L->cell[c], L->no) : -1;
            nlab += lab[c] >= 0;
            header |= ind_role(im, L->cell[c]) == I_L1;
        }
        if (header) {
            memset(&g, 0, sizeof g);
            for (int k = 0; k < I_COUNT; k++) g.pos[k] = -1;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                int r = ind_role(im, L->cell[c]);
                if (r >= 0 && g.pos[r] < 0) g.pos[r] = c;
            }
            g.on = true;
            g.line = L->no;
            if (g.pos[I_L2] < 0 || g.pos[I_L3] < 0 || (g.pos[I_V] < 0 && g.pos[I_OP] < 0)) {
                fail(im, L->no, "%s: the indicator header needs 一级指标, 二级指标, 三级指标 and 指标值", title);
                return;
            }
            if (!dept && !p) {
                unplaced(im, notes, L->no, "%s: indicators before the 项目名称", title);
                g.on = false;
            }
            continue;
        }
        if (!nlab && g.on) {
            Ind *ind = arena_alloc(&im->a, sizeof *ind);
            Vec *list = dept ? inds : &p->inds;
            char *why = NULL;
            if (p) p->last = L->no;
            if (read_indicator(im, L, &g, list->n ? list->v[list->n - 1] : NULL, ind, &why))
                vec_apush(&im->a, list, ind);
            else
                unplaced(im, notes, L->no, "%s: %s", title, why);
            continue;
        }
        if (!nlab) {
            unplaced(im, notes, L->no, "%s: a row without a label bdlc knows", title);
            continue;
        }
        g.on = false;
        /* label cells: each takes the first non-blank cell before the next label */
        bool stray = false;
        for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
            if (lab[c] < 0) {
                if (L->cell[c].n) {
                    /* a value: owned by the nearest label to its left */
                    int o = c - 1;
                    while (o >= 0 && lab[o] < 0) o--;
                    bool first = true;
                    for (int q = o + 1; o >= 0 && q < c; q++) first &= !L->cell[q].n;
                    if (o < 0 || !first) stray = true;
                }
                continue;
            }
            int f = lab[c];
            Str val = slice("", 0);
            for (int q = c + 1; q < L->ncell && q < IMP_MAX_COLS && lab[q] < 0; q++)
                if (L->cell[q].n) { val = L->cell[q]; break; }
            if (f == F_AGENCY) {
                Agency *ag = add_agency(im, val, L->no, notes);
                if (ag) {
                    agency = ag;
                    if (p) p->agency = ag->code;
                }
                continue;
            }
            bool dept_field = f == F_DEPT || f == F_DEXP || f == F_DGOAL;
            if (dept != dept_field) {
                unplaced(im, notes, L->no, "%s: %s does not belong in this table", title, FIELD_TITLE[f]);
                continue;
            }
            if (!dept && (f == F_PNAME || f == F_PCODE) && (!p || p->seen[f])) {
                if (p) vec_apush(&im->a, &im->projects, p);
                p = new_project(im, L->no, agency);
                for (int k = 0; k < pending.n; k++) vec_apush(&im->a, &p->notes, pending.v[k]);
                pending.n = 0;
                notes = &p->notes;
            }
            if (!dept && !p) {
                unplaced(im, notes, L->no, "%s: %s before the 项目名称", title, FIELD_TITLE[f]);
                continue;
            }
            int *seen = dept ? im->perf_seen : p->seen;
            if (seen[f]) {
                unplaced(im, notes, L->no, "%s: %s is given twice (first on line %d)", title, FIELD_TITLE[f], seen[f]);
                continue;
            }
            seen[f] = L->no;
            if (p) p->last = L->no;
            Amt a;
            switch (f) {
            case F_DEPT: {
                Str code, name;
                if (split_code_name(val, &code, &name)) set_dept(im, code, name, 3);
                else if (val.n) set_dept(im, slice("", 0), val, 3);
                break;
            }
            case F_DEXP:
                if (!amount_of(im, val, L->no, &a))
                    unplaced(im, notes, L->no, "%s: 部门支出预算数 “%.*s” is not an amount", title, (int)val.n, val.s);
                else
                    add_check(im, CK_PERF_EXP, L->no, title, buf_format(&im->a, "部门支出预算数"), &a, notes, &im->perf_mismatch);
                break;
            case F_DGOAL: im->perf_goal = val; break;
            case F_PNAME: {
                Str code, name;
                p->line = L->no;
                if (split_code_name(val, &code, &name) && code.n) {
                    if (!p->code.n) p->code = code;
                    p->name = name;
                } else {
                    p->name = val;
                }
                p->named = true;
                break;
            }
            case F_PCODE:
                if (is_code(val)) p->code = val;
                else unplaced(im, notes, L->no, "%s: 项目编码 “%.*s” is not a code", title, (int)val.n, val.s);
                break;
            case F_OWNER: p->owner = val; break;
            case F_CATEGORY: p->category = val; break;
            case F_EXECW:
                if (!val.n) break;
                if (is_number(val) && val.s[0] != '-') p->execw = val;
                else unplaced(im, notes, L->no, "%s: 预算执行率权重 “%.*s” is not a number", title, (int)val.n, val.s);
                break;
            case F_AMOUNT:
            case F_SUPERIOR:
            case F_LOCAL:
                if (!amount_of(im, val, L->no, &a)) {
                    unplaced(im, notes, L->no, "%s: %s “%.*s” is not an amount", title, FIELD_TITLE[f], (int)val.n,
                             val.s);
                    break;
                }
                if (f == F_AMOUNT) p->amount = a;
                else if (f == F_SUPERIOR) p->superior = a;
                else p->local = a;
                break;
            case F_SUMMARY: p->summary = val; break;
            case F_BASIS: p->basis = val; break;
            case F_GOAL: p->goal = val; break;
            default: break;
            }
        }
        for (int c = IMP_MAX_COLS; c < L->ncell; c++) stray |= L->cell[c].n > 0; /* (once dropped unsaid) */
        if (stray)
            unplaced(im, notes, L->no, "%s: a cell of this row belongs to no label bdlc knows", title);
    }
    if (!dept) {
        if (p) {
            vec_apush(&im->a, &im->projects, p);
        } else if (pending.n) {
            for (int k = 0; k < pending.n; k++) vec_apush(&im->a, &im->loose, pending.v[k]);
        }
    }
}

/* ------------------------------------------------------ derivations */

static bool row_val(const XRow *r, int col, int64_t *v)
{
    if (r->c[col].present) {
        if (!r->c[col].ok) return false;
        *v = r->c[col].v;
        return true;
    }
    *v = 0;
    if (col == 0)
        for (int k = 1; k < 3; k++) {
            if (!r->c[k].present) continue;
            if (!r->c[k].ok || !money_add(v, r->c[k].v)) return false;
        }
    return true;
}

/* The value of a code (n == 0: the 合计) in one table: its own row when it
 * writes the cell, else the sum of the leaves below it. */
static bool table_val(const XTable *t, Str code, int col, int64_t *v)
{
    *v = 0;
    const XRow *me = NULL;
    if (code.n) {
        me = map_get(&t->by_code, code);
    } else {
        for (int i = 0; i < t->rows.n && !me; i++) {
            const XRow *r = t->rows.v[i];
            if (!r->note && r->total) me = r;
        }
    }
    if (me) {
        int64_t x;
        if (!row_val(me, col, &x)) return false;
        bool any = me->c[0].present || me->c[1].present || me->c[2].present;
        if (any && (me->c[col].present || col == 0 || me->leaf)) {
            *v = x;
            return true;
        }
    }
    for (int i = 0; i < t->rows.n; i++) {
        const XRow *r = t->rows.v[i];
        if (r->note || r->total || !r->leaf || r->code.n < code.n || memcmp(r->code.s, code.s, code.n) != 0) continue;
        int64_t x;
        if (!row_val(r, col, &x) || !money_add(v, x)) return false;
    }
    return true;
}

static int cmp_code(const void *a, const void *b)
{
    const XRow *x = *(XRow *const *)a, *y = *(XRow *const *)b;
    uint32_t n = x->code.n < y->code.n ? x->code.n : y->code.n;
    int c = memcmp(x->code.s, y->code.s, n);
    return c ? c : x->code.n < y->code.n ? -1 : x->code.n > y->code.n;
}

/* A row is a leaf when no other row's code extends its code: sorted by
 * code, only the next row can. */
static void mark_leaves(XTable *t)
{
    int n = 0;
    XRow **v = xmalloc(sizeof(XRow *) * (size_t)(t->rows.n + 1));
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (!r->note && !r->total) v[n++] = r;
    }
    if (n > 1) qsort(v, (size_t)n, sizeof *v, cmp_code);
    for (int i = 0; i < n; i++) {
        XRow *q = i + 1 < n ? v[i + 1] : NULL;
        v[i]->leaf = !(q && q->code.n > v[i]->code.n && memcmp(q->code.s, v[i]->code.s, v[i]->code.n) == 0);
    }
    for (int i = t->rows.n - 1; i >= 0; i--) { /* the first row of a code wins */
        XRow *r = t->rows.v[i];
        if (!r->note && !r->total) map_put(&t->by_code, r->code, r);
    }
    xfree(v);
}

static bool exp_val(Imp *im, Str code, int src, int col, int64_t *v)
{
    int64_t a = 0, b = 0;
    if (src == 0 || src == -1)
        if (!table_val(&im->exp[0], code, col, &a)) return false;
    if (src == 1 || src == -1)
        if (!table_val(&im->exp[1], code, col, &b)) return false;
    *v = a;
    return money_add(v, b);
}

static bool src_sum(const Amt *a, bool fiscal_only, int64_t *v)
{
    *v = 0;
    for (int s = 0; s < NSRC; s++) {
        if (fiscal_only && !SRC[s].fiscal) continue;
        if (!a[s].present) continue;
        if (!a[s].ok || !money_add(v, a[s].v)) return false;
    }
    return true;
}

static bool tp_item(Imp *im, int k, int64_t *v)
{
    if (im->tp[k].present) {
        *v = im->tp[k].v;
        return im->tp[k].ok;
    }
    return table_val(&im->eco, str_c(TP_CODE[k]), 0, v);
}

static void run_checks(Imp *im)
{
    for (int t = 0; t < 3; t++) mark_leaves(&im->exp[t]);
    mark_leaves(&im->eco);
    for (int i = 0; i < im->checks.n; i++) {
        Check *c = im->checks.v[i];
        if (c->w.present && !c->w.ok) continue;
        int64_t d = 0, x = 0;
        bool ok = true;
        const char *basis = "";
        switch (c->kind) {
        case CK_INCOME:
            ok = src_sum(im->income, c->src, &d);
            basis = "the sum of the income rows";
            break;
        case CK_CARRY:
            ok = src_sum(im->carry, c->src, &d);
            basis = "the sum of the carry-over rows";
            break;
        case CK_INOUT:
            ok = src_sum(im->income, c->src, &d) && src_sum(im->carry, c->src, &x) && money_add(&d, x);
            basis = "income plus carry-over";
            break;
        case CK_EXP:
            if (c->src >= 2) d = 0;
            else ok = exp_val(im, c->code, c->src, 0, &d);
            basis = c->code.n ? "the function table" : "the function table's 合计";
            break;
        case CK_DEXP:
            ok = exp_val(im, c->code, -1, c->col, &d);
            basis = "the function tables";
            break;
        case CK_TP_TOTAL:
        case CK_TP_SUB:
            for (int k = c->kind == CK_TP_SUB ? 1 : 0; k < (c->kind == CK_TP_SUB ? 3 : 4) && ok; k++) {
                ok = tp_item(im, k, &x) && money_add(&d, x);
            }
            basis = "its items";
            break;
        case CK_PERF_EXP:
            ok = exp_val(im, slice("", 0), -1, 0, &d);
            basis = "the function tables' 合计";
            break;
        case CK_LOCAL: {
            Proj *p = c->item;
            if (!p->amount.present || !p->amount.ok || (p->superior.present && !p->superior.ok)) ok = false;
            else {
                d = p->amount.v; /* amounts are never negative (money_parse), so -v is safe */
                ok = money_add(&d, p->superior.present ? -p->superior.v : 0);
            }
            basis = "当年预算 minus 上级补助";
            break;
        }
        case CK_PROC_TOTAL:
            if (c->item) {
                ProcItem *p = c->item;
                ok = src_sum(p->src, false, &d);
                basis = "its source columns";
            } else {
                for (int k = 0; k < im->procs.n && ok; k++) {
                    ok = src_sum(((ProcItem *)im->procs.v[k])->src, false, &x) && money_add(&d, x);
                }
                basis = "the items";
            }
            break;
        default: ok = false;
        }
        if (!ok) continue;
        int64_t w = c->w.present ? c->w.v : 0;
        if (w == d) continue;
        unplaced(im, c->notes, c->line, "%s: %s is %.*s here, but %s is derived from %s", c->table, c->what,
                 c->w.present ? (int)c->w.text.n : 5, c->w.present ? c->w.text.s : "blank", fmt_amount(im, d), basis);
        if (c->mismatches) (*c->mismatches)++;
    }
}

/* The 部门支出总表 against the function tables, row for row. */
static void check_department_table(Imp *im)
{
    XTable *t = &im->exp[2];
    if (!t->line) return;
    if (!im->exp[0].line && !im->exp[1].line) {
        /* the only function table: it is the general budget's */
        im->exp[0] = *t;
        memset(t, 0, sizeof *t);
        im->dexp_as_general = true;
        warn(im, im->exp[0].line,
             "there is no 一般公共预算财政拨款支出预算表: the 部门支出总表 is imported as the expenditure of "
             "一般公共预算资金");
        return;
    }
    static const char *const COL[3] = { "总计", "基本支出", "项目支出" };
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (r->note) continue;
        for (int k = 0; k < 3; k++) {
            add_check(im, CK_DEXP, r->line, KIND_TITLE[K_DEXP],
                      r->total ? buf_format(&im->a, "合计 %s", COL[k])
                               : buf_format(&im->a, "%.*s %.*s %s", (int)r->code.n, r->code.s, (int)r->name.n, r->name.s, COL[k]),
                      &r->c[k], &t->notes, &im->dexp_mismatch);
            Check *c = im->checks.v[im->checks.n - 1];
            c->code = r->total ? slice("", 0) : r->code;
            c->col = k;
        }
    }
    /* rows the function tables have and the department table lacks */
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < im->exp[s].rows.n; i++) {
            XRow *r = im->exp[s].rows.v[i];
            if (r->note || r->total) continue;
            bool found = false;
            for (int j = 0; j < t->rows.n && !found; j++) {
                XRow *q = t->rows.v[j];
                found = !q->note && !q->total && str_eq(q->code, r->code);
            }
            if (!found) {
                unplaced(im, &t->notes, t->line, "部门支出总表 has no row for %.*s %.*s (line %d)", (int)r->code.n,
                         r->code.s, (int)r->name.n, r->name.s, r->line);
                im->dexp_mismatch++;
            }
        }
}

/* --------------------------------------------------------- segments */

typedef struct Seg {
    int kind, title, head, from, to; /* line indexes */
    Str prefix, heading; /* a department name in the title, or on the lone line above it */
} Seg;

static void find_year(Imp *im, const Seg *segs, int nseg)
{
    bool *title = arena_alloc(&im->a, (size_t)im->nl + 1);
    for (int s = 0; s < nseg; s++) title[segs[s].title] = true;
    for (int pass = 0; pass < 2 && !im->year.n; pass++)
        for (int i = 0; i < im->nl && !im->year.n; i++) {
            TLine *L = &im->L[i];
            if (pass == 0 && !title[i]) continue;
            for (int c = 0; c < L->ncell && !im->year.n; c++) {
                Str x = L->cell[c];
                for (uint32_t k = 0; k + 7 <= x.n; k++) {
                    if (pass == 1 && k > 0) break; /* headers: the cell starts with the year */
                    if (is_digit(x.s[k]) && is_digit(x.s[k + 1]) && is_digit(x.s[k + 2]) && is_digit(x.s[k + 3]) &&
                        memcmp(x.s + k + 4, "年", 3) == 0 && (x.s[k] == '1' || x.s[k] == '2') &&
                        (k == 0 || !is_digit(x.s[k - 1])) && (pass == 0 || x.n <= 40)) {
                        im->year = slice(x.s + k, 4);
                        break;
                    }
                }
            }
        }
}

/* Is `name` the heading or title prefix of another table than i? */
static bool said_twice(const Seg *segs, int nseg, int i, Str name)
{
    for (int j = 0; j < nseg; j++)
        if (j != i && (str_eq(segs[j].heading, name) || str_eq(segs[j].prefix, name))) return true;
    return false;
}

/* A name in a title or on the lone line above it is the department's only
 * when another table says the same: one such line can be anything (a new
 * user's import named the department "详见单位的", the end of a sentence
 * that ended in a table's title).  部门(单位)名称 needs no second word. */
static void confirm_headings(Imp *im, const Seg *segs, int nseg)
{
    for (int i = 0; i < nseg; i++)
        if (segs[i].prefix.n && said_twice(segs, nseg, i, segs[i].prefix)) set_dept(im, slice("", 0), segs[i].prefix, 1);
    for (int i = 0; i < nseg; i++) {
        Str h = segs[i].heading;
        if (!h.n) continue;
        if (said_twice(segs, nseg, i, h))
            set_dept(im, slice("", 0), h, 2);
        else
            unplaced(im, &im->loose, im->L[segs[i].head].no, "the line above the table on line %d is not taken as "
                     "the department's name, since no other table's title or heading says the same",
                     im->L[segs[i].title].no);
    }
}

/* A line quoted in a message: its first 60 bytes, whole characters. */
static Str quoted(const TLine *L)
{
    Str t = trim(L->raw);
    if (t.n <= 60) return t;
    uint32_t n = 60;
    while (n > 0 && ((unsigned char)t.s[n] & 0xC0) == 0x80) n--;
    return slice(t.s, n);
}

/* Not one table bdlc knows: say which layout and titles it reads and what
 * it saw instead, and write nothing (an empty budget would check clean). */
static void no_known_table(Imp *im, const Seg *segs, int nseg)
{
    int first = 0;
    while (first < im->nl && !im->L[first].nonblank) first++;
    if (first == im->nl) {
        fail(im, 1, "the file is empty: there is no table to import");
        return;
    }
    fail(im, im->L[first].no, "this document has none of the tables bdlc import reads, so there is nothing to import");
    char titles[1024];
    size_t o = 0;
    for (int k = K_FISCAL; k < K_UNKNOWN; k++)
        o += (size_t)snprintf(titles + o, sizeof titles - o, "%s%s", k == K_FISCAL ? "" : k == K_PPERF ? " and " : ", ",
                              KIND_TITLE[k]);
    fail_note(im, "bdlc import reads one layout, the tab-separated tables of a Chongqing department budget (like "
                  "the 重庆市南川区 reference document), with titles ending in %s", titles);
    if (nseg) {
        o = 0;
        int shown = 0;
        for (int i = 0; i < nseg && shown < 4; i++, shown++) {
            Str t = quoted(&im->L[segs[i].title]);
            o += (size_t)snprintf(titles + o, sizeof titles - o, "%s“%.*s” (line %d)", shown ? ", " : "", (int)t.n,
                                  t.s, im->L[segs[i].title].no);
        }
        if (nseg > shown)
            fail_note(im, "this document's tables are titled %s and %d more, and none of them is one bdlc import reads",
                      titles, nseg - shown);
        else
            fail_note(im, "this document's tables are titled %s, and none of them is one bdlc import reads", titles);
    } else {
        o = 0;
        int shown = 0;
        for (int i = first; i < im->nl && shown < 3; i++) {
            if (!im->L[i].nonblank) continue;
            Str t = quoted(&im->L[i]);
            o += (size_t)snprintf(titles + o, sizeof titles - o, "%s“%.*s” (line %d)", shown++ ? ", " : "", (int)t.n,
                                  t.s, im->L[i].no);
        }
        fail_note(im, "no line of this document is the title of a table; the first lines it looked at are %s", titles);
    }
    bool tabs = false;
    for (int i = 0; i < im->nl && !tabs; i++) tabs = im->L[i].ncell > 1;
    if (!tabs)
        fail_note(im, "no line of this document holds a tab: bdlc import reads cells separated by tabs, as copied "
                      "from the published web page or spreadsheet, not text laid out with spaces as `pdftotext "
                      "-layout` writes it");
}

static void parse_document(Imp *im)
{
    Seg *segs = arena_alloc(&im->a, sizeof(Seg) * (size_t)(im->nl + 1));
    int nseg = 0;
    for (int i = 0; i < im->nl; i++) {
        size_t pre = 0;
        int k = title_kind(im, &im->L[i], &pre);
        if (k == K_NONE) continue;
        Seg *s = &segs[nseg++];
        s->kind = k;
        s->title = i;
        s->head = -1;
        s->from = i + 1;
        /* the department heading just above, or the title's own prefix */
        Str c = single(&im->L[i]);
        Str prefix = trim(slice(c.s, pre));
        if (prefix.n >= 7 && is_digit(prefix.s[0]) && is_digit(prefix.s[3]) && memcmp(prefix.s + 4, "年", 3) == 0)
            prefix = trim(slice(prefix.s + 7, prefix.n - 7));
        if (prefix.n >= 7 && ends_with(prefix, "年") && is_digit(prefix.s[prefix.n - 4]) &&
            is_digit(prefix.s[prefix.n - 7]))
            prefix = trim(slice(prefix.s, prefix.n - 7));
        s->prefix = k != K_UNKNOWN ? prefix : slice("", 0);
        s->heading = slice("", 0);
        int j = i - 1;
        while (j >= 0 && !im->L[j].nonblank) j--;
        int floor = nseg > 1 ? segs[nseg - 2].title : -1;
        Str v;
        if (j > floor && im->L[j].nonblank == 1 && title_kind(im, &im->L[j], NULL) == K_NONE &&
            !is_unit_line(im, &im->L[j], &v) && !is_agency_line(im, &im->L[j], &v) && !is_note_line(im, &im->L[j], &v) &&
            !is_rule(&im->L[j])) {
            s->head = j;
            if (k != K_UNKNOWN && !prefix.n) s->heading = single(&im->L[j]);
        }
    }
    int known = 0;
    for (int s = 0; s < nseg; s++) {
        int end = s + 1 < nseg ? (segs[s + 1].head >= 0 ? segs[s + 1].head : segs[s + 1].title) : im->nl;
        segs[s].to = end;
        /* a sentence that ends like a title ("…详见单位的项目支出绩效目标表") has no table under it */
        bool empty = true;
        for (int i = segs[s].from; i < end && empty; i++) empty = !im->L[i].nonblank;
        if (empty && segs[s].kind != K_UNKNOWN) {
            segs[s].kind = K_NONE;
            segs[s].prefix = slice("", 0);
        }
        known += segs[s].kind != K_UNKNOWN && segs[s].kind != K_NONE;
    }
    if (!known) {
        no_known_table(im, segs, nseg);
        return;
    }
    confirm_headings(im, segs, nseg);
    for (int s = 0; s < nseg; s++)
        if (segs[s].kind == K_NONE)
            unplaced(im, &im->loose, im->L[segs[s].title].no, "this line ends like the title of a %s, but no table "
                     "follows it", KIND_TITLE[title_kind(im, &im->L[segs[s].title], NULL)]);
    find_year(im, segs, nseg);
    /* lines before the first table */
    int start = segs[0].head >= 0 ? segs[0].head : segs[0].title;
    for (int i = 0; i < start; i++) {
        TLine *L = &im->L[i];
        if (common_line(im, L, &im->loose, NULL)) continue;
        unplaced(im, &im->loose, L->no, "a line before the first table");
    }
    /* function tables first: the summaries look their 类 names up there */
    static const int ORDER[] = { K_GENERAL, K_FUND, K_DEXP, K_BASIC, K_TP, K_PROC, K_FISCAL, K_DSUM, K_DPERF,
                                 K_PPERF, K_UNKNOWN };
    for (size_t o = 0; o < sizeof ORDER / sizeof *ORDER && !im->failed; o++)
        for (int s = 0; s < nseg && !im->failed; s++) {
            Seg *g = &segs[s];
            if (g->kind != ORDER[o]) continue;
            int line = im->L[g->title].no;
            switch (g->kind) {
            case K_GENERAL:
            case K_FUND:
            case K_DEXP:
            case K_BASIC: {
                XTable *t = g->kind == K_GENERAL ? &im->exp[0] : g->kind == K_FUND ? &im->exp[1]
                            : g->kind == K_DEXP  ? &im->exp[2]
                                                 : &im->eco;
                if (t->line) {
                    for (int i = g->title; i < g->to; i++)
                        if (im->L[i].nonblank)
                            unplaced(im, &im->loose, im->L[i].no, "%s appears a second time (first on line %d)",
                                     KIND_TITLE[g->kind], t->line);
                    break;
                }
                t->line = line;
                parse_grid(im, g->kind, g->from, g->to, t);
                break;
            }
            case K_PROC:
                if (im->proc_line) {
                    unplaced(im, &im->loose, line, "%s appears a second time", KIND_TITLE[g->kind]);
                    break;
                }
                im->proc_line = line;
                parse_grid(im, K_PROC, g->from, g->to, &im->proc);
                break;
            case K_TP:
                if (im->tp_line) {
                    unplaced(im, &im->loose, line, "%s appears a second time", KIND_TITLE[g->kind]);
                    break;
                }
                im->tp_line = line;
                parse_tp(im, g->from, g->to);
                break;
            case K_FISCAL:
            case K_DSUM: {
                int si = g->kind == K_FISCAL ? 0 : 1;
                if (im->sum_line[si]) {
                    unplaced(im, &im->loose, line, "%s appears a second time", KIND_TITLE[g->kind]);
                    break;
                }
                im->sum_line[si] = line;
                parse_summary(im, g->kind, g->from, g->to);
                break;
            }
            case K_DPERF:
                if (im->perf_line) {
                    unplaced(im, &im->loose, line, "%s appears a second time", KIND_TITLE[g->kind]);
                    break;
                }
                im->perf_line = line;
                parse_form(im, K_DPERF, g->from, g->to);
                break;
            case K_PPERF:
                parse_form(im, K_PPERF, g->from, g->to);
                break;
            case K_UNKNOWN: {
                Str t = single(&im->L[g->title]);
                int n = 0, last = g->title;
                for (int i = g->title; i < g->to; i++)
                    if (im->L[i].nonblank) {
                        n++;
                        last = i;
                    }
                Note *nt = arena_alloc(&im->a, sizeof *nt);
                nt->line = line;
                nt->to = im->L[last].no;
                nt->why = buf_format(&im->a, "“%.*s” is not a table bdlc imports", (int)t.n, t.s);
                vec_apush(&im->a, &im->loose, nt);
                im->nplaced_not += n;
                warn(im, line, "“%.*s” is not a table bdlc imports; its %d lines are kept as comments", (int)t.n, t.s, n);
                break;
            }
            default: break;
            }
        }
    if (im->failed) return;
    if (!im->year.n) {
        fail(im, im->L[segs[0].title].no,
             "no budget year: expected a title or header with a year, such as “2026年项目支出绩效目标表” or "
             "“2026年预算数”");
        return;
    }
    for (int i = 0; i < im->projects.n; i++) {
        Proj *p = im->projects.v[i];
        if (!p->code.n) {
            int n = 0;
            for (int l = p->line; l <= p->last && l <= im->nl; l++) n += im->L[l - 1].nonblank > 0;
            warn(im, p->line, "a project without a project code (项目名称 “CODE-name” or 项目编码); its %d lines are "
                              "kept as comments", n);
            im->nplaced_not += n;
            continue;
        }
        if (p->local.present) {
            add_check(im, CK_LOCAL, p->local.line, KIND_TITLE[K_PPERF],
                      buf_format(&im->a, "本级安排 of %.*s", (int)p->code.n, p->code.s), &p->local, &p->notes, NULL);
            ((Check *)im->checks.v[im->checks.n - 1])->item = p;
        }
    }
    if (!im->dept_code.n)
        warn(im, im->L[segs[0].title].no,
             "no department code (部门(单位)名称 “204-name” in the 部门整体绩效目标表): the budget block has no "
             "`department`");
    if (!im->unit.n)
        warn(im, im->L[segs[0].title].no,
             "no table prints its unit (单位：万元 or 单位：元): the budget block has no `unit`, so BDL's default 万元 "
             "applies; write `unit 元` if the document's amounts are in 元");
    check_department_table(im);
    run_checks(im);
}

/* ----------------------------------------------------------- writing */

static bool ident_cp(uint32_t cp, bool first)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return true;
        if (cp == '_') return true;
        return !first && ((cp >= '0' && cp <= '9') || cp == '-');
    }
    if (cp < 0x100) return false; /* Latin-1: quoted, so a no-break space never hides in a name */
    if (cp == 0x3000 || (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF08 && cp != 0xFF09)) return false;
    if (cp >= 0x2000 && cp <= 0x206F) return false; /* quotes, dashes, invisible spaces */
    if (cp == 0x2212 || cp == 0x2264 || cp == 0x2265 || cp == 0xFEFF) return false;
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xE0000) return false;
    return true;
}

static bool ident_ok(Str s)
{
    if (!s.n) return false;
    if (lex_is_keyword(s.s, s.n)) return false;
    bool first = true;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = decode_lenient(s.s + i, s.n - i, &cp);
        if (!ident_cp(cp, first)) return false;
        first = false;
        i += (uint32_t)k;
    }
    return true;
}

static void put_string(Buf *b, Str s)
{
    buf_add(b, "\"", 1);
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = decode_lenient(s.s + i, s.n - i, &cp);
        if (cp == '"') buf_adds(b, "\\\"");
        else if (cp == '\\') buf_adds(b, "\\\\");
        else if (cp == '\n') buf_adds(b, "\\n");
        else if (cp == '\t') buf_adds(b, "\\t");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) buf_addf(b, "\\u{%X}", cp);
        else buf_add(b, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
    buf_add(b, "\"", 1);
}

static void put_name(Buf *b, Str s)
{
    if (ident_ok(s)) buf_add(b, s.s, s.n);
    else put_string(b, s);
}

static int width(Str s)
{
    int w = 0;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = decode_lenient(s.s + i, s.n - i, &cp);
        w += char_width(cp);
        i += (uint32_t)k;
    }
    return w;
}

static int name_width(Str s)
{
    if (ident_ok(s)) return width(s);
    Buf t = { 0 };
    put_string(&t, s);
    int w = width(slice(t.s, t.n));
    buf_free(&t);
    return w;
}

static void pad(Buf *b, int n)
{
    for (int i = 0; i < n; i++) buf_add(b, " ", 1);
}

/* A comment: control characters become spaces (E002 anywhere, spec §2). */
static void put_comment_text(Buf *b, Str s)
{
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = decode_lenient(s.s + i, s.n - i, &cp);
        if (cp == '\t') buf_adds(b, " | ");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) buf_add(b, " ", 1);
        else buf_add(b, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
}

static void put_raw_line(Imp *im, Buf *b, int indent, int line)
{
    Str raw = im->L[line - 1].raw;
    while (raw.n && (raw.s[raw.n - 1] == '\t' || raw.s[raw.n - 1] == ' ')) raw.n--;
    pad(b, indent);
    buf_adds(b, "#     ");
    put_comment_text(b, raw);
    buf_add(b, "\n", 1);
}

/* Notes grouped by line: the reasons, then the line as published. */
static void put_notes(Imp *im, Buf *b, int indent, Vec *notes)
{
    for (int i = 0; i < notes->n;) {
        Note *n = notes->v[i];
        int j = i;
        bool head = false;
        for (; j < notes->n && ((Note *)notes->v[j])->line == n->line; j++) {
            Note *m = notes->v[j];
            if (!m->why) continue;
            pad(b, indent);
            buf_addf(b, "# not placed, line %d: ", m->line);
            put_comment_text(b, str_c(m->why));
            buf_add(b, "\n", 1);
            head = true;
        }
        if (!head) {
            pad(b, indent);
            buf_addf(b, "# line %d:\n", n->line);
        }
        for (int l = n->line; l <= (n->to > n->line ? n->to : n->line) && l <= im->nl; l++)
            if (l == n->line || im->L[l - 1].nonblank) put_raw_line(im, b, indent, l);
        i = j;
    }
}

/* A text, split after 。 and ； into adjacent strings, one per line. */
static void put_text(Buf *b, const char *kw, Str s, int indent)
{
    pad(b, indent);
    buf_adds(b, kw);
    buf_add(b, " ", 1);
    int cont = indent + (int)strlen(kw) + 1;
    uint32_t start = 0, cps = 0;
    bool first = true;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = decode_lenient(s.s + i, s.n - i, &cp);
        i += (uint32_t)k;
        cps++;
        bool brk = (cp == 0x3002 || cp == 0xFF1B || cp == '\n') && cps >= 24 && i < s.n;
        if (brk || i == s.n) {
            if (!first) {
                buf_add(b, "\n", 1);
                pad(b, cont);
            }
            put_string(b, slice(s.s + start, i - start));
            first = false;
            start = i;
            cps = 0;
        }
    }
    if (first) put_string(b, slice("", 0));
    buf_add(b, "\n", 1);
}

static const char *const EXP_KW[3] = { "total", "basic", "project" };
static const char *const ECO_KW[3] = { "", "personnel", "public" };

static void put_xtable(Imp *im, Buf *b, XTable *t, bool eco)
{
    int codew = 0, namew = 0, aw[3] = { 0, 0, 0 };
    bool has[3] = { false, false, false };
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (r->note) continue;
        if ((int)r->code.n > codew) codew = (int)r->code.n;
        if (name_width(r->name) > namew) namew = name_width(r->name);
        for (int k = 0; k < 3; k++)
            if (r->c[k].present) {
                has[k] = true;
                if ((int)r->c[k].text.n > aw[k]) aw[k] = (int)r->c[k].text.n;
            }
    }
    int amax = aw[0] > aw[1] ? aw[0] : aw[1]; /* one width for every amount, as `bdlc fmt` aligns them */
    if (aw[2] > amax) amax = aw[2];
    for (int k = 0; k < 3; k++) aw[k] = amax;
    int labelw = codew + 1 + namew;
    if (labelw < 5) labelw = 5;
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (r->note) {
            Vec one = { 0 };
            vec_apush(&im->a, &one, r->note);
            put_notes(im, b, 4, &one);
            continue;
        }
        Buf line = { 0 };
        pad(&line, 4);
        if (r->total) {
            buf_adds(&line, "total");
            pad(&line, labelw - 5);
        } else {
            buf_add(&line, r->code.s, r->code.n);
            pad(&line, codew - (int)r->code.n + 1);
            if (r->name.n) put_name(&line, r->name);
            pad(&line, namew - name_width(r->name));
        }
        for (int k = 0; k < 3; k++) {
            if (!has[k]) continue;
            const char *kw = eco ? ECO_KW[k] : EXP_KW[k];
            int kwl = (int)strlen(kw);
            if (r->c[k].present) {
                pad(&line, 2);
                if (kwl) {
                    buf_adds(&line, kw);
                    pad(&line, 1);
                }
                pad(&line, aw[k] - (int)r->c[k].text.n);
                buf_add(&line, r->c[k].text.s, r->c[k].text.n);
            } else {
                pad(&line, 2 + (kwl ? kwl + 1 : 0) + aw[k]);
            }
        }
        while (line.n && line.s[line.n - 1] == ' ') line.n--;
        buf_add(b, line.s, line.n);
        buf_add(b, "\n", 1);
        buf_free(&line);
    }
    put_notes(im, b, 4, &t->notes);
}

static void put_indicators(Buf *b, Vec *inds)
{
    int pw = 0, vw = 0, uw = 0, ww = 0;
    for (int i = 0; i < inds->n; i++) {
        Ind *d = inds->v[i];
        int w = name_width(d->lv[0]) + name_width(d->lv[1]) + name_width(d->lv[2]) + 2;
        if (w > pw) pw = w;
        if (d->op != OPK_QUAL && (int)d->value.n > vw) vw = (int)d->value.n;
        int u = !d->unit.n ? 0 : eqc(d->unit, "%") ? 1 : name_width(d->unit);
        if (u > uw) uw = u;
        if ((int)d->weight.n > ww) ww = (int)d->weight.n;
    }
    for (int i = 0; i < inds->n; i++) {
        Ind *d = inds->v[i];
        Buf l = { 0 };
        buf_adds(&l, "    indicator ");
        for (int k = 0; k < 3; k++) {
            if (k) buf_add(&l, "/", 1);
            put_name(&l, d->lv[k]);
        }
        int w = name_width(d->lv[0]) + name_width(d->lv[1]) + name_width(d->lv[2]) + 2;
        pad(&l, pw - w + 1);
        if (d->op == OPK_QUAL) {
            buf_adds(&l, "qualitative ");
            put_string(&l, d->value);
        } else {
            buf_adds(&l, OP_TEXT[d->op]);
            buf_add(&l, " ", 1);
            buf_add(&l, d->value.s, d->value.n);
            pad(&l, vw - (int)d->value.n + 1);
            int u = 0;
            if (d->unit.n && eqc(d->unit, "%")) {
                buf_add(&l, "%", 1);
                u = 1;
            } else if (d->unit.n) {
                put_name(&l, d->unit);
                u = name_width(d->unit);
            }
            pad(&l, uw - u);
        }
        if (d->weight.n) {
            buf_adds(&l, " weight ");
            pad(&l, ww - (int)d->weight.n);
            buf_add(&l, d->weight.s, d->weight.n);
        }
        if (d->core) buf_adds(&l, " core");
        while (l.n && l.s[l.n - 1] == ' ') l.n--;
        buf_add(b, l.s, l.n);
        buf_add(b, "\n", 1);
        buf_free(&l);
    }
}

static void put_amount_rows(Buf *b, const Amt *a)
{
    int nw = 0, aw = 0;
    for (int s = 0; s < NSRC; s++)
        if (a[s].present) {
            int w = width(str_c(SRC[s].name));
            if (w > nw) nw = w;
            if ((int)a[s].text.n > aw) aw = (int)a[s].text.n;
        }
    for (int s = 0; s < NSRC; s++) {
        if (!a[s].present) continue;
        Str n = str_c(SRC[s].name);
        pad(b, 4);
        buf_add(b, n.s, n.n);
        pad(b, nw - width(n) + 1 + aw - (int)a[s].text.n);
        buf_add(b, a[s].text.s, a[s].text.n);
        buf_add(b, "\n", 1);
    }
}

static bool any_present(const Amt *a)
{
    for (int s = 0; s < NSRC; s++)
        if (a[s].present) return true;
    return false;
}

static void put_document(Imp *im, Buf *b)
{
    const char *base = strrchr(im->path, '/');
    base = base ? base + 1 : im->path;
    buf_adds(b, "# ");
    if (im->dept_name.n) {
        put_comment_text(b, im->dept_name);
        buf_add(b, " ", 1);
    }
    buf_addf(b, "%.*s年部门预算, imported by `bdlc import` from ", (int)im->year.n, im->year.s);
    put_comment_text(b, str_c(base));
    buf_adds(b, ".\n"
                "# Every published row of the function and economic tables is written, 合计\n"
                "# and 类/款 rows included: they are assertions `bdlc check` verifies.  The\n"
                "# summary tables, 部门支出总表 and the other derived cells were compared with\n"
                "# what this file derives by the importer.\n");
    if (im->nplaced_not)
        buf_addf(b, "# %d line%s of the document could not be placed: see the \"not placed\" comments.\n",
                 im->nplaced_not, im->nplaced_not == 1 ? "" : "s");
    buf_adds(b, "\nimport \"cn/2026\"\n\n");
    if (im->loose.n) {
        buf_adds(b, "# Outside the tables bdlc imports:\n");
        put_notes(im, b, 0, &im->loose);
        buf_add(b, "\n", 1);
    }
    /* budget */
    buf_addf(b, "budget %.*s {\n", (int)im->year.n, im->year.s);
    int aw = im->dept_code.n ? (int)im->dept_code.n : 0;
    for (int i = 0; i < im->agencies.n; i++) {
        Agency *a = im->agencies.v[i];
        if ((int)a->code.n > aw) aw = (int)a->code.n;
    }
    int kw = im->dept_code.n ? 10 : 6; /* "department", "agency" */
    if (im->dept_code.n) {
        buf_adds(b, "    department ");
        buf_add(b, im->dept_code.s, im->dept_code.n);
        pad(b, aw - (int)im->dept_code.n + 1);
        put_string(b, im->dept_name);
        buf_add(b, "\n", 1);
    } else if (im->dept_name.n) {
        buf_adds(b, "    # department ?? ");
        put_comment_text(b, im->dept_name);
        buf_adds(b, "    (the document gives no department code)\n");
    }
    for (int i = 0; i < im->agencies.n; i++) {
        Agency *a = im->agencies.v[i];
        buf_adds(b, "    agency ");
        pad(b, kw - 6);
        buf_add(b, a->code.s, a->code.n);
        buf_add(b, " ", 1);
        pad(b, aw - (int)a->code.n);
        put_string(b, a->name);
        buf_add(b, "\n", 1);
    }
    if (im->unit.n) {
        buf_adds(b, "    unit ");
        put_name(b, im->unit);
        buf_add(b, "\n", 1);
    } else {
        buf_adds(b, "    # unit: no table of the document prints its unit (单位：万元 or 单位：元), so BDL's default\n"
                    "    # 万元 applies; write `unit 元` here if the amounts are in 元\n");
    }
    buf_addf(b, "    decimals %d\n}\n", im->decimals > 6 ? 6 : im->decimals);

    /* income, carry-over */
    if (im->has_income) {
        buf_add(b, "\n", 1);
        buf_adds(b, "#");
        for (int s = 0; s < 2; s++)
            if (im->sum_line[s])
                buf_addf(b, "%s %s (line %d)", s ? "," : "", KIND_TITLE[s ? K_DSUM : K_FISCAL], im->sum_line[s]);
        buf_adds(b, ": the income side is written below; the expenditure\n"
                    "# side and the totals are derived");
        buf_adds(b, im->sum_mismatch[0] || im->sum_mismatch[1] ? " (see the lines not placed).\n"
                                                                : " and matched the function tables.\n");
        put_notes(im, b, 0, &im->sum_notes);
        if (any_present(im->income)) {
            buf_adds(b, "income {\n");
            put_amount_rows(b, im->income);
            buf_adds(b, "}\n");
        } else {
            buf_adds(b, "income { }\n");
        }
        if (im->has_carry) {
            buf_add(b, "\n", 1);
            if (any_present(im->carry)) {
                buf_adds(b, "carryover {\n");
                put_amount_rows(b, im->carry);
                buf_adds(b, "}\n");
            } else {
                buf_adds(b, "carryover { }\n");
            }
        }
    }
    /* expenditure */
    for (int s = 0; s < 2; s++) {
        XTable *t = &im->exp[s];
        if (!t->line) continue;
        buf_add(b, "\n", 1);
        const char *title = s == 0 ? (im->dexp_as_general ? KIND_TITLE[K_DEXP] : KIND_TITLE[K_GENERAL])
                                   : KIND_TITLE[K_FUND];
        if (!t->data) {
            buf_addf(b, "# %s (line %d): no data", title, t->line);
            buf_adds(b, s == 1 && im->fund_empty_ok ? " (本单位无政府性基金收支，故此表无数据。)\n" : ".\n");
            put_notes(im, b, 0, &t->notes);
            for (int i = 0; i < t->rows.n; i++) {
                XRow *r = t->rows.v[i];
                if (!r->note) continue;
                Vec one = { 0 };
                vec_apush(&im->a, &one, r->note);
                put_notes(im, b, 0, &one);
            }
            continue;
        }
        buf_addf(b, "# %s (line %d), row for row.\n", title, t->line);
        buf_adds(b, s == 0 ? "expenditure {\n" : "expenditure 政府性基金预算资金 {\n");
        put_xtable(im, b, t, false);
        buf_adds(b, "}\n");
    }
    if (im->exp[2].line) {
        buf_addf(b, "\n# %s (line %d): derived from the expenditure blocks; ", KIND_TITLE[K_DEXP], im->exp[2].line);
        buf_adds(b, im->dexp_mismatch ? "it differs (see below).\n" : "it matched them row for row.\n");
        put_notes(im, b, 0, &im->exp[2].notes);
    }
    /* economic */
    if (im->eco.line) {
        buf_add(b, "\n", 1);
        if (!im->eco.data) {
            buf_addf(b, "# %s (line %d): no data.\n", KIND_TITLE[K_BASIC], im->eco.line);
            put_notes(im, b, 0, &im->eco.notes);
        } else {
            buf_addf(b, "# %s (line %d), row for row: 总计, then 人员经费 and 日常公用经费.\n", KIND_TITLE[K_BASIC],
                     im->eco.line);
            buf_adds(b, "economic {\n");
            put_xtable(im, b, &im->eco, true);
            buf_adds(b, "}\n");
        }
    }
    /* 三公 */
    if (im->tp_line) {
        bool any = false;
        for (int k = 0; k < 4; k++) any |= im->tp[k].present;
        buf_addf(b, "\n# %s (line %d): the items as published (blank items are derived); 合计 and\n"
                    "# 小计 are derived%s.\n",
                 KIND_TITLE[K_TP], im->tp_line, im->tp_mismatch ? " (see the lines not placed)" : " and matched");
        put_notes(im, b, 0, &im->tp_notes);
        if (any) {
            int kw4 = 0, aw4 = 0;
            for (int k = 0; k < 4; k++)
                if (im->tp[k].present) {
                    if ((int)strlen(TP_KEY[k]) > kw4) kw4 = (int)strlen(TP_KEY[k]);
                    if ((int)im->tp[k].text.n > aw4) aw4 = (int)im->tp[k].text.n;
                }
            buf_adds(b, "three-public {\n");
            for (int k = 0; k < 4; k++)
                if (im->tp[k].present) {
                    buf_addf(b, "    %s", TP_KEY[k]);
                    pad(b, kw4 - (int)strlen(TP_KEY[k]) + 1 + aw4 - (int)im->tp[k].text.n);
                    buf_addf(b, "%.*s\n", (int)im->tp[k].text.n, im->tp[k].text.s);
                }
            buf_adds(b, "}\n");
        }
    }
    /* procurement */
    if (im->proc_line) {
        buf_add(b, "\n", 1);
        if (!im->procs.n)
            buf_addf(b, "# %s (line %d): no data%s\n", KIND_TITLE[K_PROC], im->proc_line,
                     im->proc_empty_ok ? " (本部门无政府采购预算，故此表无数据。)" : ".");
        else
            buf_addf(b, "# %s (line %d).\n", KIND_TITLE[K_PROC], im->proc_line);
        put_notes(im, b, 0, &im->proc.notes);
        for (int i = 0; i < im->proc.rows.n; i++) {
            XRow *r = im->proc.rows.v[i];
            Vec one = { 0 };
            vec_apush(&im->a, &one, r->note);
            put_notes(im, b, 0, &one);
        }
        for (int i = 0; i < im->procs.n; i++) {
            ProcItem *p = im->procs.v[i];
            buf_adds(b, "procurement ");
            buf_add(b, p->code.s, p->code.n);
            buf_add(b, " ", 1);
            put_string(b, p->name);
            buf_adds(b, " {\n");
            if (p->category.n) {
                buf_adds(b, "    category ");
                put_name(b, p->category);
                buf_add(b, "\n", 1);
            }
            put_amount_rows(b, p->src);
            buf_adds(b, "}\n");
        }
    }
    /* department performance */
    if (im->perf_line) {
        buf_addf(b, "\n# %s (line %d); 部门支出预算数 is derived%s.\n", KIND_TITLE[K_DPERF], im->perf_line,
                 im->perf_mismatch ? " (see the lines not placed)" : " and matched");
        buf_adds(b, "performance {\n");
        if (im->perf_goal.n) put_text(b, "goal", im->perf_goal, 4);
        put_indicators(b, &im->perf_inds);
        put_notes(im, b, 4, &im->perf_notes);
        buf_adds(b, "}\n");
    }
    /* projects */
    for (int i = 0; i < im->projects.n; i++) {
        Proj *p = im->projects.v[i];
        buf_add(b, "\n", 1);
        if (!p->code.n) {
            buf_addf(b, "# %s (line %d): a project without a project code, not placed:\n", KIND_TITLE[K_PPERF],
                     p->line);
            put_notes(im, b, 0, &p->notes);
            for (int l = p->line; l <= p->last && l <= im->nl; l++)
                if (im->L[l - 1].nonblank) put_raw_line(im, b, 0, l);
            continue;
        }
        buf_addf(b, "# %s (line %d)\n", KIND_TITLE[K_PPERF], p->line);
        buf_adds(b, "project ");
        buf_add(b, p->code.s, p->code.n);
        buf_add(b, " ", 1);
        put_string(b, p->name);
        buf_adds(b, " {\n");
        if (p->amount.present || p->superior.present) { /* aligned as `bdlc fmt` does */
            bool both = p->amount.present && p->superior.present;
            int w = (int)(p->amount.text.n > p->superior.text.n ? p->amount.text.n : p->superior.text.n);
            if (p->amount.present) {
                buf_adds(b, "    amount ");
                pad(b, both ? 2 + w - (int)p->amount.text.n : 0);
                buf_addf(b, "%.*s\n", (int)p->amount.text.n, p->amount.text.s);
            }
            if (p->superior.present) {
                buf_adds(b, "    superior ");
                pad(b, both ? w - (int)p->superior.text.n : 0);
                buf_addf(b, "%.*s\n", (int)p->superior.text.n, p->superior.text.s);
            }
        }
        if (p->agency.n) buf_addf(b, "    agency %.*s\n", (int)p->agency.n, p->agency.s);
        if (p->owner.n) {
            buf_adds(b, "    owner ");
            put_string(b, p->owner);
            buf_add(b, "\n", 1);
        }
        if (p->category.n) {
            buf_adds(b, "    category ");
            put_name(b, p->category);
            buf_add(b, "\n", 1);
        }
        if (p->execw.n) buf_addf(b, "    execution-weight %.*s\n", (int)p->execw.n, p->execw.s);
        if (p->summary.n) put_text(b, "summary", p->summary, 4);
        if (p->basis.n) put_text(b, "basis", p->basis, 4);
        if (p->goal.n) put_text(b, "goal", p->goal, 4);
        put_indicators(b, &p->inds);
        put_notes(im, b, 4, &p->notes);
        buf_adds(b, "}\n");
    }
}

/* ------------------------------------------------------------ command */

static int cmp_warn(const void *a, const void *b)
{
    const Note *x = *(Note *const *)a, *y = *(Note *const *)b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int import_run(const CmdLine *cl)
{
    if (cl->nfiles > 1) {
        fprintf(stderr, _("bdlc: import takes one file, not '%s' as well\n(run 'bdlc import --help' for usage)\n"),
                cl->files[1]);
        return 2;
    }
    const char *path = cl->files[0];
    if (!path) {
        fputs("bdlc: import: no input file; usage: bdlc import FILE.txt > budget.bdl\n", stderr);
        return 2;
    }
    char err[600];
    size_t len = 0;
    char *text = file_read(strcmp(path, "-") == 0 ? NULL : path, N_("'%s' is a directory; give the document's .txt file"), &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        return 2;
    }
    Imp *im = xmalloc(sizeof *im);
    memset(im, 0, sizeof *im);
    im->path = strcmp(path, "-") == 0 ? "<stdin>" : path;
    Buf out = { 0 };
    if (load_lines(im, text, len)) parse_document(im);
    if (!im->failed) {
        if (!im->decimals) im->decimals = 2;
        put_document(im, &out);
    }
    if (im->warns.n > 1) qsort(im->warns.v, (size_t)im->warns.n, sizeof(void *), cmp_warn);
    for (int i = 0; i < im->warns.n; i++) {
        Note *w = im->warns.v[i];
        fprintf(stderr, _("%s:%d: warning: %s\n"), im->path, w->line, w->why);
    }
    int rc = 0;
    if (im->failed) {
        fprintf(stderr, _("%s:%d: error: %s\n"), im->path, im->fail_line, im->fail_msg);
        for (int i = 0; i < im->fail_notes.n; i++) fprintf(stderr, _("   = note: %s\n"), (char *)im->fail_notes.v[i]);
        fprintf(stderr, _("bdlc: import: nothing was written\n"));
        rc = 1;
    } else {
        if ((out.n && fwrite(out.s, 1, out.n, stdout) != out.n) || fflush(stdout) != 0) {
            fprintf(stderr, _("bdlc: error: cannot write the output: %s\n"), strerror(errno));
            rc = 2;
        }
    }
    buf_free(&out);
    for (int t = 0; t < 3; t++) map_free(&im->exp[t].by_code);
    map_free(&im->eco.by_code);
    arena_free(&im->a);
    xfree(im);
    xfree(text);
    return rc;
}

const Command cmd_import = {
    "import", "import FILE.txt", N_("turn published tab-separated tables into BDL"), usage_import, 0,
    "bdlc: import: ", "bdlc import --help", import_run,
};
