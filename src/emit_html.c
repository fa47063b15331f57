/*
 * emit_html.c — `bdlc compile -f html` (spec §8).
 *
 * One self-contained page: inline CSS, no script, no external resource.
 * The department name and year head the page, a contents list follows,
 * then each table as the reference lays it out: multi-level column headers
 * (computed from each column's groups), "单位：万元", grouping commas, blank
 * cells for blanks, and the performance tables as forms with merged cells.
 * Print CSS: A4, one table per page, landscape for wide tables.
 * Every text goes through esc().
 */
#include <stdio.h>
#include <string.h>

#include "bdl.h"

static const char css[] =
    "*{box-sizing:border-box}\n"
    "html{color-scheme:light}\n"
    "body{margin:0;background:#eef0f3;color:#1b1f24;font:14px/1.55 \"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif}\n"
    ".page{max-width:1120px;margin:0 auto;padding:28px 36px 56px;background:#fff;min-height:100vh}\n"
    "header.doc{text-align:center;padding:8px 0 18px;border-bottom:3px double #1b1f24}\n"
    "header.doc h1{font-size:26px;line-height:1.3;margin:0 0 6px;letter-spacing:.02em}\n"
    "header.doc p{margin:0;font-size:18px;color:#3b4450}\n"
    "nav.toc{margin:22px 0 8px;padding:14px 22px;background:#f6f7f9;border:1px solid #d5d9e0;border-radius:4px}\n"
    "nav.toc h2{font-size:16px;margin:0 0 6px;text-align:left}\n"
    "nav.toc ol{margin:0;padding-left:1.8em;columns:2;column-gap:40px}\n"
    "nav.toc ol ol{columns:1;padding-left:1.4em;font-size:13px;color:#3b4450}\n"
    "nav.toc li{margin:2px 0;break-inside:avoid}\n"
    "nav.toc a{color:#1f4e8c;text-decoration:none}\n"
    "nav.toc a:hover{text-decoration:underline}\n"
    "section.sheet{margin:40px 0 0}\n"
    "h2{font-size:20px;text-align:center;margin:0 0 10px;letter-spacing:.04em}\n"
    "h3{font-size:17px;text-align:center;margin:26px 0 8px}\n"
    ".meta{display:flex;justify-content:space-between;gap:16px;font-size:13px;margin:0 0 4px}\n"
    ".meta .unit{margin-left:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}\n"
    "table.grid,table.perf{table-layout:fixed}\n"
    "th,td{border:1px solid #5b6470;padding:5px 7px;vertical-align:middle}\n"
    "thead th{background:#e4e9f0;font-weight:600;text-align:center}\n"
    "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "td.code{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "td.c{text-align:center}\n"
    "tr.d1 td.name{padding-left:1.5em}\n"
    "tr.d2 td.name{padding-left:2.5em}\n"
    "tr.d3 td.name{padding-left:3.5em}\n"
    "td.op{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,\"Noto Sans CJK SC\",sans-serif}\n"
    "tr.d0 td{font-weight:600}\n"
    "tr.total td,tr.section td{font-weight:700;background:#f3f5f8}\n"
    "tr.total td.label{text-align:center;letter-spacing:.3em}\n"
    "tbody tr:hover td{background:#fbf6e3}\n"
    "table.perf th{background:#eef1f5;font-weight:600;text-align:center}\n"
    "table.perf td.text{text-align:justify;line-height:1.7}\n"
    "table.perf td.v{text-align:left}\n"
    ".note{font-size:13px;margin:6px 0 0}\n"
    ".project{margin:0 0 36px;break-inside:avoid}\n"
    ".project+.project{border-top:1px dashed #c5cad3;padding-top:6px}\n"
    "p.dept{display:none}\n"
    "@page{size:A4 portrait;margin:14mm 12mm}\n"
    "@page wide{size:A4 landscape;margin:12mm 14mm}\n"
    "@media print{\n"
    "body{background:#fff;font-size:10.5pt}\n"
    ".page{max-width:none;padding:0;min-height:0}\n"
    "nav.toc{background:none;border:1px solid #999}\n"
    "section.sheet{break-before:page;margin:0}\n"
    "section.wide{page:wide}\n"
    ".project+.project{border-top:0;padding-top:0}\n"
    "p.dept{display:block;text-align:center;font-size:10pt;color:#3b4450;margin:0 0 2mm}\n"
    "table{font-size:9.5pt}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid}\n"
    "tbody tr:hover td{background:none}\n"
    "tr.total td,tr.section td,thead th,table.perf th{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "a{color:inherit;text-decoration:none}\n"
    "}\n";

/* ---------------------------------------------------------------- text */

static void esc(Buf *o, Str s)
{
    size_t run = 0;
    for (uint32_t i = 0; i < s.n; i++) {
        const char *rep;
        switch (s.s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\n': rep = "<br>"; break;
        default: continue;
        }
        buf_add(o, s.s + run, i - run);
        buf_adds(o, rep);
        run = i + 1;
    }
    if (s.n > run) buf_add(o, s.s + run, s.n - run); /* s.s may be NULL when s.n is 0 */
}

static void escc(Buf *o, const char *s) { esc(o, str_c(s)); }

static void cell_text(Buf *o, const Model *m, const MVal *v)
{
    char buf[40];
    esc(o, model_cell_text(m, v, true, buf));
}

/* ------------------------------------------------------ column headers */

/* Header rows come from the columns' groups (model_header_depth and
 * model_same_groups, model.c: every back end draws them alike). */
static void header_row(Buf *o, const MTable *t, int row, int depth)
{
    buf_adds(o, "<tr>");
    for (int i = 0; i < t->ncols;) {
        const MColumn *c = &t->cols[i];
        if (row < c->ngroups) { /* a group heading: merge the run sharing it */
            int span = 1;
            while (i + span < t->ncols && model_same_groups(c, &t->cols[i + span], row)) span++;
            buf_addf(o, span > 1 ? "<th colspan=\"%d\">" : "<th>", span);
            esc(o, c->group[row]);
            buf_adds(o, "</th>");
            i += span;
            continue;
        }
        if (row == c->ngroups) {
            int rows = depth - c->ngroups;
            buf_addf(o, rows > 1 ? "<th rowspan=\"%d\">" : "<th>", rows);
            esc(o, c->title);
            buf_adds(o, "</th>");
        }
        i++;
    }
    buf_adds(o, "</tr>\n");
}

static void thead(Buf *o, const MTable *t)
{
    int depth = model_header_depth(t);
    buf_adds(o, "<thead>\n");
    for (int r = 0; r < depth; r++) header_row(o, t, r, depth);
    buf_adds(o, "</thead>\n");
}

/* ---------------------------------------------------------- grid tables */

static const char *cell_class(const MColumn *c)
{
    if (c->amount) return "num";
    if (strncmp(c->key, "code", 4) == 0) return "code";
    if (strcmp(c->key, "name") == 0 || strcmp(c->key, "item") == 0 || strcmp(c->key, "income-item") == 0)
        return "name";
    return "c";
}

static void row_open(Buf *o, const MRow *r, bool classified)
{
    if (r->kind == MR_TOTAL) buf_adds(o, "<tr class=\"total\">");
    else if (r->kind == MR_SECTION) buf_adds(o, "<tr class=\"section\">");
    else if (classified) buf_addf(o, "<tr class=\"d%d\">", r->depth > 3 ? 3 : r->depth);
    else buf_adds(o, "<tr>");
}

/* The code columns a classification table starts with (one "code" or
 * split "code-1" …), followed by "name"; 0 when it has none. */
static int code_columns(const MTable *t)
{
    int n = 0;
    while (n < t->ncols && strncmp(t->cols[n].key, "code", 4) == 0) n++;
    return n && n < t->ncols && strcmp(t->cols[n].key, "name") == 0 ? n : 0;
}

static bool all_blank(const MRow *r, int n)
{
    for (int k = 0; k < n; k++)
        if (r->cells[k].kind != MV_BLANK) return false;
    return true;
}

static void grid_rows(Buf *o, const Model *m, const MTable *t)
{
    int nc = code_columns(t);
    bool classified = nc > 0;
    buf_adds(o, "<tbody>\n");
    for (int i = 0; i < t->nrows; i++) {
        const MRow *r = &t->rows[i];
        row_open(o, r, classified);
        int k = 0;
        if (classified && r->kind == MR_TOTAL && all_blank(r, nc)) { /* 合计 over code and name */
            buf_addf(o, "<td class=\"label\" colspan=\"%d\">", nc + 1);
            cell_text(o, m, &r->cells[nc]);
            buf_adds(o, "</td>");
            k = nc + 1;
        }
        for (; k < t->ncols; k++) {
            char buf[40];
            buf_addf(o, "<td class=\"%s\">", cell_class(&t->cols[k]));
            esc(o, table_cell_text(m, t, &t->cols[k], &r->cells[k], true, buf));
            buf_adds(o, "</td>");
        }
        buf_adds(o, "</tr>\n");
    }
    buf_adds(o, "</tbody>\n");
}

static void meta(Buf *o, const Model *m, const MTable *t, Str left)
{
    buf_adds(o, "<div class=\"meta\">");
    if (left.n) {
        buf_adds(o, "<span>");
        esc(o, left);
        buf_adds(o, "</span>");
    }
    buf_adds(o, "<span class=\"unit\">单位：");
    esc(o, t ? t->unit : m->unit);
    buf_adds(o, "</span></div>\n");
}

/* Column widths by kind, so the tables of one page line up and wide
 * headers wrap evenly: names get the room, amounts an equal share. */
static int col_weight(const MColumn *c)
{
    if (c->amount) return 12;
    if (strcmp(c->key, "code") == 0) return 11;
    if (strcmp(c->key, "name") == 0) return 28;
    return 20;
}

static void grid_colgroup(Buf *o, const MTable *t)
{
    int sum = 0;
    for (int i = 0; i < t->ncols; i++) sum += col_weight(&t->cols[i]);
    buf_adds(o, "<colgroup>");
    for (int i = 0; i < t->ncols; i++) {
        int pm = col_weight(&t->cols[i]) * 1000 / (sum ? sum : 1); /* per mille */
        buf_addf(o, "<col style=\"width:%d.%d%%\">", pm / 10, pm % 10);
    }
    buf_adds(o, "</colgroup>\n");
}

static void grid_table(Buf *o, const Model *m, const MTable *t)
{
    meta(o, m, t, (Str){ "", 0 });
    buf_adds(o, "<table class=\"grid\">\n");
    grid_colgroup(o, t);
    thead(o, t);
    grid_rows(o, m, t);
    buf_adds(o, "</table>\n");
    if (t->note.n) {
        buf_adds(o, "<p class=\"note\">(备注：");
        esc(o, t->note);
        buf_adds(o, ")</p>\n");
    }
}

/* ---------------------------------------------------- performance forms */

static void th(Buf *o, const char *attrs, Str s)
{
    buf_addf(o, "<th%s>", attrs);
    esc(o, s);
    buf_adds(o, "</th>");
}

static void td(Buf *o, const Model *m, const char *attrs, const MVal *v)
{
    buf_addf(o, "<td%s>", attrs);
    cell_text(o, m, v);
    buf_adds(o, "</td>");
}

static void perf_colgroup(Buf *o)
{
    static const int w[9] = { 13, 10, 12, 19, 12, 8, 8, 9, 9 };
    buf_adds(o, "<colgroup>");
    for (int i = 0; i < 9; i++) buf_addf(o, "<col style=\"width:%d%%\">", w[i]);
    buf_adds(o, "</colgroup>\n");
}

/* 绩效指标: the label spans the header row and every indicator row. */
static void indicator_grid(Buf *o, const Model *m, const MTable *t, int first, int n)
{
    int off = t->ncols - 8; /* project-performance rows start with code, name */
    buf_addf(o, "<tr><th rowspan=\"%d\">绩效指标</th>", n + 1);
    for (int k = 0; k < 8; k++) th(o, "", t->cols[off + k].title);
    buf_adds(o, "</tr>\n");
    static const char *const cls[8] = { " class=\"c\"", " class=\"c\"", " class=\"v\"", " class=\"c\"",
                                        " class=\"c\"", " class=\"c op\"", " class=\"c\"", " class=\"c\"" };
    for (int i = first; i < first + n; i++) {
        buf_adds(o, "<tr>");
        for (int k = 0; k < 8; k++) td(o, m, cls[k], &t->rows[i].cells[off + k]);
        buf_adds(o, "</tr>\n");
    }
}

static void form_pair(Buf *o, const Model *m, const MField *a, const MField *b)
{
    buf_adds(o, "<tr>");
    th(o, "", a->title);
    td(o, m, " class=\"v\" colspan=\"3\"", &a->val);
    th(o, "", b->title);
    td(o, m, " class=\"v\" colspan=\"4\"", &b->val);
    buf_adds(o, "</tr>\n");
}

static void form_text(Buf *o, const Model *m, Str title, const MVal *v)
{
    buf_adds(o, "<tr>");
    th(o, "", title);
    td(o, m, " class=\"text\" colspan=\"8\"", v);
    buf_adds(o, "</tr>\n");
}

static void department_form(Buf *o, const Model *m, const MTable *t)
{
    meta(o, m, t, (Str){ "", 0 });
    buf_adds(o, "<table class=\"perf\">\n");
    perf_colgroup(o);
    buf_adds(o, "<tbody>\n");
    form_pair(o, m, &t->fields[DF_DEPARTMENT], &t->fields[DF_EXPENDITURE]);
    form_text(o, m, t->fields[DF_GOAL].title, &t->fields[DF_GOAL].val);
    indicator_grid(o, m, t, 0, t->nrows);
    buf_adds(o, "</tbody>\n</table>\n");
}

/* "A-B" of two texts, or "title（unit）", escaped. */
static void joined(Buf *o, Str a, const char *mid, Str b, const char *end)
{
    esc(o, a);
    escc(o, mid);
    esc(o, b);
    escc(o, end);
}

static void th_unit(Buf *o, const Model *m, const char *attrs, const MField *f)
{
    buf_addf(o, "<th%s>", attrs);
    joined(o, f->title, "（", m->unit, "）");
    buf_adds(o, "</th>");
}

static void project_form(Buf *o, const Model *m, const MTable *t, const MProject *p)
{
    const MField *f = p->f;
    buf_adds(o, "<div class=\"project\" id=\"p-");
    esc(o, f[PF_CODE].val.text);
    buf_adds(o, "\">\n<h3>");
    esc(o, t->form_title);
    buf_adds(o, "</h3>\n<div class=\"meta\"><span>编制单位：");
    joined(o, f[PF_AGENCY].val.text, "-", f[PF_AGENCY_NAME].val.text, "");
    buf_adds(o, "</span><span class=\"unit\">单位：");
    esc(o, t->unit);
    buf_adds(o, "</span></div>\n<table class=\"perf\">\n");
    perf_colgroup(o);
    buf_adds(o, "<tbody>\n<tr><th>项目名称</th><td class=\"v\" colspan=\"3\">");
    joined(o, f[PF_CODE].val.text, "-", f[PF_NAME].val.text, "");
    buf_adds(o, "</td>");
    th(o, "", f[PF_OWNER].title);
    td(o, m, " class=\"v\" colspan=\"4\"", &f[PF_OWNER].val);
    buf_adds(o, "</tr>\n");
    form_pair(o, m, &f[PF_EXEC_WEIGHT], &f[PF_CATEGORY]);
    buf_adds(o, "<tr>");
    th_unit(o, m, " rowspan=\"2\"", &f[PF_AMOUNT]);
    td(o, m, " class=\"v\" colspan=\"3\" rowspan=\"2\"", &f[PF_AMOUNT].val);
    th_unit(o, m, "", &f[PF_LOCAL]);
    td(o, m, " class=\"v\" colspan=\"4\"", &f[PF_LOCAL].val);
    buf_adds(o, "</tr>\n<tr>");
    th_unit(o, m, "", &f[PF_SUPERIOR]);
    td(o, m, " class=\"v\" colspan=\"4\"", &f[PF_SUPERIOR].val);
    buf_adds(o, "</tr>\n");
    form_text(o, m, f[PF_SUMMARY].title, &f[PF_SUMMARY].val);
    form_text(o, m, f[PF_BASIS].title, &f[PF_BASIS].val);
    form_text(o, m, f[PF_GOAL].title, &f[PF_GOAL].val);
    indicator_grid(o, m, t, p->first_row, p->nrows);
    buf_adds(o, "</tbody>\n</table>\n</div>\n");
}

/* ------------------------------------------------------------- the page */

static bool wide(const MTable *t) { return t->ncols >= 7; }

static void toc_texts(Buf *o, const Model *m, bool after);

/* A contents entry, <li><a href="#{prefix}{id}">{title}</a>: the caller closes the <li>. */
static void toc_entry(Buf *o, const char *prefix, Str id, Str title)
{
    buf_adds(o, "<li><a href=\"#");
    buf_adds(o, prefix);
    esc(o, id);
    buf_adds(o, "\">");
    esc(o, title);
    buf_adds(o, "</a>");
}

static void toc(Buf *o, const Model *m)
{
    buf_adds(o, "<nav class=\"toc\">\n<h2>目录</h2>\n<ol>\n");
    toc_texts(o, m, false);
    for (int i = 0; i < m->ntables; i++) {
        const MTable *t = &m->tables[i];
        toc_entry(o, "", str_c(t->id), t->title);
        if (t->form == MF_PROJECTS && m->nprojects) {
            buf_adds(o, "\n<ol>\n");
            for (int p = 0; p < m->nprojects; p++) {
                const MField *f = m->projects[p].f;
                toc_entry(o, "p-", f[PF_CODE].val.text, f[PF_NAME].val.text);
                buf_adds(o, "</li>\n");
            }
            buf_adds(o, "</ol>\n");
        }
        buf_adds(o, "</li>\n");
    }
    toc_texts(o, m, true);
    buf_adds(o, "</ol>\n</nav>\n");
}

/* The narrative (issue 13): only a budget that has one gets its style and
 * sections, so every other page is as before. */
static const char narrative_css[] =
    "section.text p{text-indent:2em;text-align:justify;line-height:1.8;margin:0 0 .6em}\n"
    "section.text h2{margin-bottom:16px}\n";

static void text_section(Buf *o, const Model *m, const MSection *s)
{
    buf_adds(o, "<section class=\"sheet text\" id=\"n-");
    esc(o, s->id);
    buf_adds(o, "\">\n<p class=\"dept\">");
    esc(o, m->dept_name);
    buf_adds(o, "</p>\n<h2>");
    esc(o, s->title);
    buf_adds(o, "</h2>\n");
    for (int i = 0; i < s->nparas; i++) {
        buf_adds(o, "<p>");
        esc(o, s->paras[i]);
        buf_adds(o, "</p>\n");
    }
    buf_adds(o, "</section>\n");
}

static void toc_texts(Buf *o, const Model *m, bool after)
{
    for (int i = 0; i < m->nsections; i++) {
        if (m->sections[i].after != after) continue;
        toc_entry(o, "n-", m->sections[i].id, m->sections[i].title);
        buf_adds(o, "</li>\n");
    }
}

static void texts(Buf *o, const Model *m, bool after)
{
    for (int i = 0; i < m->nsections; i++)
        if (m->sections[i].after == after) text_section(o, m, &m->sections[i]);
}

static void section(Buf *o, const Model *m, const MTable *t)
{
    buf_adds(o, "<section class=\"sheet");
    if (wide(t)) buf_adds(o, " wide");
    buf_adds(o, "\" id=\"");
    escc(o, t->id);
    buf_adds(o, "\">\n<p class=\"dept\">"); /* printed pages: whose table this is */
    esc(o, m->dept_name);
    buf_adds(o, "</p>\n<h2>");
    esc(o, t->title);
    buf_adds(o, "</h2>\n");
    if (t->form == MF_FIELDS) department_form(o, m, t);
    else if (t->form == MF_PROJECTS)
        for (int p = 0; p < m->nprojects; p++) project_form(o, m, t, &m->projects[p]);
    else grid_table(o, m, t);
    buf_adds(o, "</section>\n");
}

void emit_html(const Model *m, Buf *o)
{
    buf_adds(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(o, m->dept_name);
    buf_adds(o, " ");
    esc(o, m->doc_title);
    buf_adds(o, "</title>\n<style>\n");
    buf_adds(o, css);
    if (m->nsections) buf_adds(o, narrative_css);
    buf_adds(o, "</style>\n</head>\n<body>\n<div class=\"page\">\n<header class=\"doc\">\n<h1>");
    esc(o, m->dept_name);
    buf_adds(o, "</h1>\n<p>");
    esc(o, m->doc_title);
    buf_adds(o, "</p>\n</header>\n");
    toc(o, m);
    buf_adds(o, "<main>\n");
    texts(o, m, false);
    for (int i = 0; i < m->ntables; i++) section(o, m, &m->tables[i]);
    texts(o, m, true);
    buf_adds(o, "</main>\n</div>\n</body>\n</html>\n");
}
