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

#include "import.h"

static const char usage_import[] =
    N_("usage: bdlc import [-o DIR] FILE > budget.bdl\n"
    "\n"
    "Reads a published budget: the PDF, the text of `pdftotext -layout`, or\n"
    "text copied with tabs between cells.  The Chongqing tables are read as\n"
    "such; any other document through the layout module whose table titles\n"
    "it prints (layout/shanghai …), said on standard error.  Writes one BDL\n"
    "root file on standard output.  Published 合计 and 类/款 rows become\n"
    "assertions, so `bdlc check` verifies the import; tables BDL derives are\n"
    "compared, a difference is a warning.  A line that fits nowhere is kept\n"
    "as a comment.  FILE may be - for standard input.\n"
    "\n"
    "  -o DIR   write a budget tree instead: DIR/budget.bdl, one fragment per\n"
    "           table group and per project; DIR must not exist or be empty\n"
    "\n"
    "exit status: 0 written (warnings allowed), 1 layout not understood\n"
    "(nothing written), 2 usage or I/O error\n");
/* --------------------------------------------------------- vocabulary */

const struct SrcInfo IMP_SRC[NSRC] = {
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

const char *const IMP_TP_KEY[4] = { "overseas", "vehicle-purchase", "vehicle-operation", "reception" };
const char *const IMP_TP_CODE[4] = { "30212", "31013", "30231", "30217" };

const char *const IMP_KIND_TITLE[K_UNKNOWN + 1] = {
    "", "财政拨款收支总表", "一般公共预算财政拨款支出预算表", "一般公共预算财政拨款基本支出预算表",
    "一般公共预算“三公”经费支出表", "政府性基金预算支出表", "部门收支总表", "部门支出总表", "政府采购预算明细表",
    "部门整体绩效目标表", "项目支出绩效目标表", "",
};

const char *const IMP_OP_TEXT[] = { "≥", "≤", "=", ">", "<", "qualitative" };

/* ------------------------------------------------------------ command */

static int cmp_warn(const void *a, const void *b)
{
    const Note *x = *(Note *const *)a, *y = *(Note *const *)b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int page_of(const Imp *im, int line)
{
    return line >= 1 && line <= im->nl ? im->page[line - 1] : 1;
}

static void print_messages(const Imp *im, FILE *msg)
{
    if (im->said) fprintf(msg, "%s: %s\n", im->path, im->said);
    for (int i = 0; i < im->warns.n; i++) {
        Note *w = im->warns.v[i];
        if (im->page) fprintf(msg, _("%s: page %d: warning: %s\n"), im->path, page_of(im, w->line), w->why);
        else fprintf(msg, _("%s:%d: warning: %s\n"), im->path, w->line, w->why);
    }
    if (!im->failed) return;
    if (im->page) fprintf(msg, _("%s: page %d: error: %s\n"), im->path, page_of(im, im->fail_line), im->fail_msg);
    else fprintf(msg, _("%s:%d: error: %s\n"), im->path, im->fail_line, im->fail_msg);
    for (int i = 0; i < im->fail_notes.n; i++) fprintf(msg, _("   = note: %s\n"), (char *)im->fail_notes.v[i]);
}

static void imp_free(Imp *im)
{
    for (int t = 0; t < 3; t++) map_free(&im->exp[t].by_code);
    map_free(&im->eco.by_code);
    buf_free(&im->lay);
    buf_free(&im->where);
    xfree(im->pages_text);
    arena_free(&im->a);
    xfree(im);
}

/* Line starts of b: *n lines, each [at[i], at[i + 1]). */
static size_t *line_starts(const Buf *b, int *n)
{
    int k = 0;
    for (size_t i = 0; i < b->n; i++) k += b->s[i] == '\n';
    size_t *at = xmalloc(sizeof *at * ((size_t)k + 2));
    *n = 0;
    at[(*n)++] = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->s[i] == '\n') at[(*n)++] = i + 1;
    if (at[*n - 1] == b->n) (*n)--; /* no line after the last newline */
    at[*n] = b->n;
    return at;
}

static bool blank_line(const Buf *b, const size_t *at, int i)
{
    for (size_t k = at[i]; k < at[i + 1]; k++)
        if (b->s[k] != ' ' && b->s[k] != '\n' && b->s[k] != '\t') return false;
    return true;
}

/* The written BDL `one` through fmt's layout (so `bdlc fmt` of an import
 * changes nothing) into out; `where` (lines "OUT\tPAGE\tLINE\tTABLE") follows
 * it.  fmt only aligns within lines and adds or drops blank lines, so the
 * k-th non-blank line stays the k-th: that is how OUT moves.  When fmt
 * cannot lay it out (it always can), the text goes as written. */
static void put_formatted(const char *name, const Buf *one, const Buf *where, Buf *out, Buf *where_out)
{
    Buf f = { 0 };
    if (!fmt_buffer(name, one->s ? one->s : "", one->n, &f)) {
        buf_add(out, one->s, one->n);
        if (where_out && where) buf_add(where_out, where->s, where->n);
        return;
    }
    if (where_out && where && where->n) {
        int n0, n1;
        size_t *a0 = line_starts(one, &n0), *a1 = line_starts(&f, &n1);
        int *to = xmalloc(sizeof *to * ((size_t)n0 + 2)); /* old line (0-based) → new line (1-based) */
        int j = 0;
        for (int i = 0; i < n0; i++) {
            if (blank_line(one, a0, i)) {
                to[i] = -1;
                continue;
            }
            while (j < n1 && blank_line(&f, a1, j)) j++;
            to[i] = j < n1 ? ++j : n1;
        }
        to[n0] = n1 + 1;
        for (int i = n0 - 1; i >= 0; i--) /* a blank line: the next line's place */
            if (to[i] < 0) to[i] = to[i + 1];
        for (size_t i = 0; i < where->n;) {
            const char *e = memchr(where->s + i, '\n', where->n - i);
            size_t len = e ? (size_t)(e - (where->s + i)) + 1 : where->n - i;
            char *tab;
            long old = strtol(where->s + i, &tab, 10);
            if (old >= 1 && old <= n0 && tab < where->s + i + len) {
                buf_addf(where_out, "%d", to[old - 1]);
                buf_add(where_out, tab, len - (size_t)(tab - (where->s + i)));
            } else {
                buf_add(where_out, where->s + i, len);
            }
            i += len;
        }
        xfree(to);
        xfree(a0);
        xfree(a1);
    }
    buf_add(out, f.s, f.n);
    buf_free(&f);
}

static int import_lines(const char *name, char *text, size_t len, int *pages, Buf *out, FILE *msg, int *nwarn,
                        Buf *where)
{
    Imp *im = xmalloc(sizeof *im);
    memset(im, 0, sizeof *im);
    im->path = name;
    im->page = pages;
    im->pages_text = read_text_pages();
    if (text_load_lines(im, text, len)) tables_parse_document(im);
    if (!im->failed && im->by_layout) {
        put_formatted(name, &im->lay, &im->where, out, where);
    } else if (!im->failed) {
        if (!im->decimals) im->decimals = 2;
        Buf one = { 0 };
        write_document(im, &one);
        put_formatted(name, &one, NULL, out, NULL);
        buf_free(&one);
    }
    if (im->warns.n > 1) qsort(im->warns.v, (size_t)im->warns.n, sizeof(void *), cmp_warn);
    print_messages(im, msg);
    *nwarn = im->warns.n;
    int rc = im->failed ? 1 : 0;
    imp_free(im);
    xfree(pages);
    xfree(text);
    return rc;
}

static int not_read(const char *name, int status, const char *err, FILE *msg)
{
    if (status == 1) fprintf(msg, _("%s: error: %s\n"), name, err);
    else fprintf(msg, _("bdlc: error: %s\n"), err);
    return status;
}

int import_bytes(const char *name, char *text, size_t len, Buf *out, FILE *msg, int *nwarn)
{
    char err[1200];
    int *pages = NULL, status = 0;
    *nwarn = 0;
    text = read_bytes(name, text, &len, &pages, &status, err, sizeof err);
    if (!text) return not_read(name, status, err, msg);
    return import_lines(name, text, len, pages, out, msg, nwarn, NULL);
}

int import_file(const char *path, Buf *out, FILE *msg, int *nwarn)
{
    return import_file_where(path, out, msg, nwarn, NULL);
}

int import_file_where(const char *path, Buf *out, FILE *msg, int *nwarn, Buf *where)
{
    char err[1200];
    size_t len = 0;
    int *pages = NULL, status = 0;
    *nwarn = 0;
    bool in = strcmp(path, "-") == 0;
    char *text = read_document(in ? NULL : path, &len, &pages, &status, err, sizeof err);
    if (!text) return not_read(path, status, err, msg);
    return import_lines(in ? "<stdin>" : path, text, len, pages, out, msg, nwarn, where);
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
    const char *dir = cl->val[OPT_OUT];
    if (dir && !*dir) return cl->usage_error(cl, _("-o needs a folder: %s"), "-o DIR");
    if (dir && import_tree_check(dir, stderr)) return 2;
    Buf out = { 0 };
    int nwarn;
    int rc = import_file(path, &out, stderr, &nwarn);
    if (rc == 1) fprintf(stderr, _("bdlc: import: nothing was written\n"));
    if (!rc && dir) rc = import_write_tree(dir, &out, stderr);
    else if (!rc && ((out.n && fwrite(out.s, 1, out.n, stdout) != out.n) || fflush(stdout) != 0)) {
        fprintf(stderr, _("bdlc: error: cannot write the output: %s\n"), strerror(errno));
        rc = 2;
    }
    buf_free(&out);
    return rc;
}

const Command cmd_import = {
    "import", "import FILE", N_("turn a published budget (PDF or text) into BDL"), usage_import, OPT(OPT_OUT),
    "bdlc: import: ", "bdlc import --help", import_run,
};

