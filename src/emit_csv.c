/*
 * emit_csv.c — `bdlc compile -f csv -o DIR` (spec §8).
 *
 * One RFC 4180 file per table (CRLF line ends, fields quoted when they hold
 * a comma, a quote or a line break), UTF-8, a BOM only with --bom.  The
 * header row holds the Chinese column titles; a title that two columns of
 * one table share (项目, 预算数 in the summaries), or a 小计, is prefixed
 * with the header above it (收入项目, 公务用车购置及运行费小计).  Amounts are written without grouping; a blank cell
 * is empty.  A text cell starting with = + - @, tab or CR gets a leading '
 * so that no spreadsheet runs it as a formula.
 */
#include <string.h>

#include "bdl.h"

static void field(Buf *o, Str s, bool text)
{
    bool defuse = text && s.n && strchr("=+-@\t\r", s.s[0]);
    bool quote = false;
    for (uint32_t i = 0; i < s.n && !quote; i++)
        if (s.s[i] == '"' || s.s[i] == ',' || s.s[i] == '\n' || s.s[i] == '\r') quote = true;
    if (quote) buf_adds(o, "\"");
    if (defuse) buf_adds(o, "'");
    size_t run = 0;
    for (uint32_t i = 0; i < s.n; i++) {
        if (s.s[i] != '"') continue;
        buf_add(o, s.s + run, i + 1 - run); /* the quote, then its double */
        run = i;
    }
    if (s.n > run) buf_add(o, s.s + run, s.n - run); /* s.s may be NULL when s.n is 0 */
    if (quote) buf_adds(o, "\"");
}

static void cell(Buf *o, const Model *m, const MTable *t, const MVal *v)
{
    char buf[40];
    Str s = t ? table_cell_text(m, t, NULL, v, false, buf) : model_cell_text(m, v, false, buf);
    field(o, s, v->kind == MV_TEXT);
}

/* A title that says little alone: two columns share it, or it is a 小计. */
static bool title_needs_group(const MTable *t, int k)
{
    if (str_eqc(t->cols[k].title, "小计")) return true;
    for (int i = 0; i < t->ncols; i++)
        if (i != k && str_eq(t->cols[i].title, t->cols[k].title)) return true;
    return false;
}

static void header(Buf *o, const MTable *t)
{
    for (int k = 0; k < t->ncols; k++) {
        const MColumn *c = &t->cols[k];
        if (k) buf_adds(o, ",");
        if (c->ngroups && title_needs_group(t, k)) {
            Str g = c->group[c->ngroups - 1];
            Buf both = { 0 };
            buf_add(&both, g.s, g.n);
            buf_add(&both, c->title.s, c->title.n);
            field(o, (Str){ both.s, (uint32_t)both.n }, true);
            buf_free(&both);
        } else {
            field(o, c->title, true);
        }
    }
    buf_adds(o, "\r\n");
}

void emit_csv_table(const Model *m, const MTable *t, bool bom, Buf *o)
{
    if (bom) buf_adds(o, "\xEF\xBB\xBF");
    header(o, t);
    for (int i = 0; i < t->nrows; i++) {
        for (int k = 0; k < t->ncols; k++) {
            if (k) buf_adds(o, ",");
            cell(o, m, t, &t->rows[i].cells[k]);
        }
        buf_adds(o, "\r\n");
    }
}

void emit_csv_projects(const Model *m, bool bom, Buf *o)
{
    if (bom) buf_adds(o, "\xEF\xBB\xBF");
    for (int k = 0; k < PF_COUNT; k++) {
        if (k) buf_adds(o, ",");
        field(o, str_c(model_project_field[k][1]), true);
    }
    buf_adds(o, "\r\n");
    for (int i = 0; i < m->nprojects; i++) {
        for (int k = 0; k < PF_COUNT; k++) {
            if (k) buf_adds(o, ",");
            cell(o, m, NULL, &m->projects[i].f[k].val);
        }
        buf_adds(o, "\r\n");
    }
}

/* index.csv: the tables in print order, so that the titles live somewhere
 * while each table's own file keeps only its grid. */
void emit_csv_index(const Model *m, bool bom, Buf *o)
{
    if (bom) buf_adds(o, "\xEF\xBB\xBF");
    buf_adds(o, "number,id,title,unit,file\r\n");
    for (int i = 0; i < m->ntables; i++) {
        const MTable *t = &m->tables[i];
        buf_addf(o, "%d,", t->number);
        field(o, str_c(t->id), true);
        buf_adds(o, ",");
        field(o, t->title, true);
        buf_adds(o, ",");
        field(o, t->unit, true);
        buf_adds(o, ",");
        buf_adds(o, t->id);
        buf_adds(o, ".csv\r\n");
    }
}
