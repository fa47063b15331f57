/*
 * emit_pdf.c — `bdlc compile -f pdf`: the plugin build/lib/bdlc/pdf.so.
 *
 * The published document as a PDF, laid out by pango (text shaping, line
 * breaking, CJK) and drawn by cairo: A4, a cover page with the contents
 * (linked, and as the PDF outline), then each table as emit_html.c lays it
 * out — ruled cells, multi-row headers with merged cells, 合计 rows bold,
 * wrapped text — breaking across pages with its header repeated, wide
 * tables on landscape pages, page numbers at the foot.  The performance
 * tables are the published forms, one per project.  This file decides
 * what goes in which grid; pdf_grid.c measures, draws and paginates them.
 *
 * The font is pinned: a fontconfig configuration holding only the two
 * Noto Sans CJK files (Debian's fonts-noto-cjk), so the output does not
 * depend on the machine's fonts, and a character the font lacks is an
 * error (pango counts unknown glyphs) rather than a silent box.
 * Deterministic: fixed dates (SOURCE_DATE_EPOCH, else 1 January of the
 * budget year), no hinting.  Two passes: the first lays the document out
 * to learn each table's page, the second draws it with the contents and
 * "第 N 页 共 M 页" filled in.  Nothing here sums: the values are the
 * model's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include "pdf.h"

/* ------------------------------------------------ per-table properties */

static Str table_unit(const Model *m, const MTable *t)
{
    return t && t->unit.n ? t->unit : m->unit;
}

static bool table_wide(const MTable *t) { return t->ncols >= 7; }

/* -------------------------------------------------------- grid tables */

typedef struct TableArg {
    const MTable *t;
} TableArg;

/* dept name, title (（续） on later pages), the unit line */
static void table_heading(Pdf *p, const void *arg, bool cont)
{
    const MTable *t = ((const TableArg *)arg)->t;
    const Model *m = p->m;
    char *s = xmalloc(t->title.n + m->dept_name.n + m->unit.n + 64u);
    snprintf(s, t->title.n + m->dept_name.n + 64u, "%.*s", (int)m->dept_name.n, m->dept_name.s);
    p->y += pdf_line(p, s, 8.5, false, AL_CENTER) + 2;
    snprintf(s, t->title.n + 64u, "%.*s%s", (int)t->title.n, t->title.s, cont ? "（续）" : "");
    p->y += pdf_line(p, s, 14, true, AL_CENTER) + 4;
    Str u = table_unit(m, t);
    snprintf(s, u.n + 64u, "单位：%.*s", (int)u.n, u.s);
    p->y += pdf_line(p, s, BODY_PT, false, AL_RIGHT) + 2;
    xfree(s);
}


static void head_cell(GCell *c)
{
    c->align = AL_CENTER;
    c->bold = true;
    c->shade = true;
}

/* The header rows, merged as emit_html.c merges them. */
static void grid_header(Grid *g, const MTable *t)
{
    int depth = model_header_depth(t);
    for (int row = 0; row < depth; row++) {
        GRow *r = pdf_row(g);
        for (int i = 0; i < t->ncols;) {
            const MColumn *c = &t->cols[i];
            if (row < c->ngroups) {
                int span = 1;
                while (i + span < t->ncols && model_same_groups(c, &t->cols[i + span], row)) span++;
                head_cell(pdf_cell(r, i, span, 1, c->group[row]));
                i += span;
                continue;
            }
            if (row == c->ngroups) head_cell(pdf_cell(r, i, 1, depth - c->ngroups, c->title));
            i++;
        }
    }
    g->nhead = depth;
}

static bool is_key(const MColumn *c, const char *k) { return strcmp(c->key, k) == 0; }

static bool is_code(const MColumn *c) { return strncmp(c->key, "code", 4) == 0; }

/* The code columns (one "code" or split "code-1" …) before "name", or 0. */
static int code_columns(const MTable *t)
{
    int n = 0;
    while (n < t->ncols && is_code(&t->cols[n])) n++;
    return n && n < t->ncols && is_key(&t->cols[n], "name") ? n : 0;
}

static bool classified(const MTable *t) { return code_columns(t) > 0; }

/* A cell's text: in its table's number format when t is given. */
static Str cell_str(const Model *m, const MTable *t, int col, const MVal *v, char *buf)
{
    return t ? table_cell_text(m, t, &t->cols[col], v, true, buf) : model_cell_text(m, v, true, buf);
}

static GCell *table_cell(Pdf *p, const MTable *t, GRow *r, int col, int colspan, int rowspan, const MVal *v,
                         int align)
{
    char buf[40];
    Str s = cell_str(p->m, t, col, v, buf);
    GCell *c = pdf_cell(r, col, colspan, rowspan, s);
    c->align = v->kind == MV_AMOUNT || v->kind == MV_NUMBER ? (align == AL_LEFT ? AL_LEFT : AL_RIGHT) : align;
    if (v->kind == MV_AMOUNT) c->nowrap = true;
    return c;
}

static GCell *value_cell(Pdf *p, GRow *r, int col, int colspan, int rowspan, const MVal *v, int align)
{
    char buf[40];
    Str s = model_cell_text(p->m, v, true, buf);
    GCell *c = pdf_cell(r, col, colspan, rowspan, s);
    c->align = v->kind == MV_AMOUNT || v->kind == MV_NUMBER ? (align == AL_LEFT ? AL_LEFT : AL_RIGHT) : align;
    if (v->kind == MV_AMOUNT) c->nowrap = true;
    return c;
}

/* Column widths: shares of the page by kind, as emit_html.c weighs them
 * (names get the room), but never narrower than a column's widest amount
 * or code, which must not wrap. */
static double col_weight(const MColumn *c)
{
    if (c->amount) return 12;
    if (is_code(c)) return 11;
    if (is_key(c, "name") || is_key(c, "item") || is_key(c, "income-item")) return 28;
    return 20;
}

static void grid_widths(Pdf *p, Grid *g, const MTable *t)
{
    double W = pdf_inner_w(p);
    int n = t->ncols;
    g->ncols = n;
    g->w = xmalloc(sizeof *g->w * (size_t)n);
    double *min = xmalloc(sizeof *min * (size_t)n);
    bool *fixed = xmalloc(sizeof *fixed * (size_t)n);
    double summin = 0;
    for (int k = 0; k < n; k++) {
        const MColumn *c = &t->cols[k];
        min[k] = 24;
        fixed[k] = false;
        if (c->amount || is_code(c))
            for (int i = 0; i < t->nrows; i++) {
                char buf[40], z[48];
                Str s = cell_str(p->m, t, k, &t->rows[i].cells[k], buf);
                if (!s.n) continue;
                snprintf(z, sizeof z, "%.*s", (int)s.n, s.s);
                double tw = pdf_text_width(p, z, BODY_PT, true) + 2 * PAD_X + 2;
                if (tw > min[k]) min[k] = tw;
            }
        summin += min[k];
    }
    if (summin > W) /* too many columns for the page: shrink even the minimums */
        for (int k = 0; k < n; k++) min[k] *= W / summin;
    /* share the width by weight; a column whose share is below its
     * minimum takes the minimum, the others share what is left */
    for (bool again = true; again;) {
        again = false;
        double rest = W, weights = 0;
        for (int k = 0; k < n; k++) {
            if (fixed[k]) rest -= min[k];
            else weights += col_weight(&t->cols[k]);
        }
        for (int k = 0; k < n; k++) {
            if (fixed[k]) { g->w[k] = min[k]; continue; }
            g->w[k] = weights > 0 ? rest * col_weight(&t->cols[k]) / weights : min[k];
            if (g->w[k] < min[k]) fixed[k] = again = true;
        }
    }
    xfree(min);
    xfree(fixed);
}

static void grid_table(Pdf *p, const MTable *t)
{
    TableArg arg = { t };
    Grid g = { 0 };
    grid_widths(p, &g, t);
    grid_header(&g, t);
    bool cls = classified(t);
    for (int i = 0; i < t->nrows; i++) {
        const MRow *row = &t->rows[i];
        bool bold = row->kind != MR_DATA || (cls && row->depth == 0);
        bool shade = row->kind != MR_DATA;
        GRow *r = pdf_row(&g);
        int k = 0;
        int nc = code_columns(t);
        bool blank_codes = true;
        for (int j = 0; j < nc; j++) blank_codes &= row->cells[j].kind == MV_BLANK;
        if (cls && row->kind == MR_TOTAL && blank_codes) { /* 合计 over code and name */
            GCell *c = table_cell(p, t, r, 0, nc + 1, 1, &row->cells[nc], AL_CENTER);
            c->bold = c->shade = true;
            k = nc + 1;
        }
        for (; k < t->ncols; k++) {
            const MColumn *col = &t->cols[k];
            bool left = is_key(col, "name") || is_key(col, "item") || is_key(col, "income-item") || is_code(col);
            GCell *c = table_cell(p, t, r, k, 1, 1, &row->cells[k], left ? AL_LEFT : AL_CENTER);
            c->bold = bold;
            c->shade = shade;
            if (cls && is_key(col, "name") && row->kind == MR_DATA) c->indent = row->depth > 3 ? 3 : row->depth;
            if (is_code(col)) c->nowrap = true;
        }
    }
    pdf_put_grid(p, &g, table_heading, &arg);
    pdf_grid_free(&g);
    if (t->note.n) {
        char *s = xmalloc(t->note.n + 32u);
        snprintf(s, t->note.n + 32u, "(备注：%.*s)", (int)t->note.n, t->note.s);
        p->y += 4;
        p->y += pdf_line(p, s, BODY_PT, false, AL_LEFT);
        xfree(s);
    }
}

/* -------------------------------------------------- performance forms */

/* The forms' nine columns, as emit_html.c weighs them (per cent). */
static const int form_weight[9] = { 13, 10, 12, 19, 12, 8, 8, 9, 9 };

static void form_grid(Pdf *p, Grid *g)
{
    g->ncols = 9;
    g->w = xmalloc(sizeof *g->w * 9);
    for (int k = 0; k < 9; k++) g->w[k] = pdf_inner_w(p) * form_weight[k] / 100.0;
}

static GCell *label(GRow *r, int col, int colspan, int rowspan, Str s)
{
    GCell *c = pdf_cell(r, col, colspan, rowspan, s);
    head_cell(c);
    return c;
}

static void form_pair(Pdf *p, Grid *g, const MField *a, const MField *b)
{
    GRow *r = pdf_row(g);
    label(r, 0, 1, 1, a->title);
    value_cell(p, r, 1, 3, 1, &a->val, AL_LEFT);
    label(r, 4, 1, 1, b->title);
    value_cell(p, r, 5, 4, 1, &b->val, AL_LEFT);
}

static void form_text(Pdf *p, Grid *g, Str title, const MVal *v)
{
    GRow *r = pdf_row(g);
    label(r, 0, 1, 1, title);
    value_cell(p, r, 1, 8, 1, v, AL_LEFT);
}

static void indicator_grid(Pdf *p, Grid *g, const MTable *t, int first, int n)
{
    int off = t->ncols - 8;
    GRow *r = pdf_row(g);
    label(r, 0, 1, n + 1, str_c("绩效指标"));
    for (int k = 0; k < 8; k++) label(r, 1 + k, 1, 1, t->cols[off + k].title);
    for (int i = first; i < first + n; i++) {
        r = pdf_row(g);
        for (int k = 0; k < 8; k++)
            value_cell(p, r, 1 + k, 1, 1, &t->rows[i].cells[off + k], k == 2 ? AL_LEFT : AL_CENTER)->align =
                k == 2 ? AL_LEFT : AL_CENTER;
    }
}

static void department_form(Pdf *p, const MTable *t)
{
    TableArg arg = { t };
    Grid g = { 0 };
    form_grid(p, &g);
    form_pair(p, &g, &t->fields[DF_DEPARTMENT], &t->fields[DF_EXPENDITURE]);
    form_text(p, &g, t->fields[DF_GOAL].title, &t->fields[DF_GOAL].val);
    indicator_grid(p, &g, t, 0, t->nrows);
    pdf_put_grid(p, &g, table_heading, &arg);
    pdf_grid_free(&g);
}


typedef struct ProjectArg {
    const MTable *t;
    const MProject *pr;
} ProjectArg;

static void project_heading(Pdf *p, const void *arg, bool cont)
{
    const ProjectArg *a = arg;
    const Model *m = p->m;
    const MField *f = a->pr->f;
    Buf b = { 0 }, c = { 0 };
    buf_add(&b, a->t->form_title.s, a->t->form_title.n);
    if (cont) buf_adds(&b, "（续）");
    buf_add(&b, "", 1);
    p->y += pdf_line(p, b.s, 12, true, AL_CENTER) + 3;
    Str agency = buf_joined(&c, f[PF_AGENCY].val.text, "-", f[PF_AGENCY_NAME].val.text, "");
    buf_joined(&b, str_c("编制单位："), "", agency, "");
    double h = pdf_layout(p, b.s, BODY_PT, false, pdf_inner_w(p) * 0.8, AL_LEFT);
    pdf_show(p, MARGIN_X, p->y);
    Str u = table_unit(m, a->t);
    buf_joined(&c, str_c("单位："), "", u, "");
    pdf_layout(p, c.s, BODY_PT, false, pdf_inner_w(p), AL_RIGHT);
    pdf_show(p, MARGIN_X, p->y);
    p->y += h + 2;
    buf_free(&b);
    buf_free(&c);
}

static void project_form(Pdf *p, const MTable *t, int idx)
{
    const MProject *pr = &p->m->projects[idx];
    const MField *f = pr->f;
    ProjectArg arg = { t, pr };
    Grid g = { 0 };
    Buf b = { 0 };
    form_grid(p, &g);
    GRow *r = pdf_row(&g);
    label(r, 0, 1, 1, str_c("项目名称"));
    pdf_cell(r, 1, 3, 1, buf_joined(&b, f[PF_CODE].val.text, "-", f[PF_NAME].val.text, ""));
    label(r, 4, 1, 1, f[PF_OWNER].title);
    value_cell(p, r, 5, 4, 1, &f[PF_OWNER].val, AL_LEFT);
    form_pair(p, &g, &f[PF_EXEC_WEIGHT], &f[PF_CATEGORY]);
    Str unit = table_unit(p->m, t);
    r = pdf_row(&g);
    label(r, 0, 1, 2, buf_joined(&b, f[PF_AMOUNT].title, "（", unit, "）"));
    value_cell(p, r, 1, 3, 2, &f[PF_AMOUNT].val, AL_LEFT);
    label(r, 4, 1, 1, buf_joined(&b, f[PF_LOCAL].title, "（", unit, "）"));
    value_cell(p, r, 5, 4, 1, &f[PF_LOCAL].val, AL_LEFT);
    r = pdf_row(&g);
    label(r, 4, 1, 1, buf_joined(&b, f[PF_SUPERIOR].title, "（", unit, "）"));
    value_cell(p, r, 5, 4, 1, &f[PF_SUPERIOR].val, AL_LEFT);
    form_text(p, &g, f[PF_SUMMARY].title, &f[PF_SUMMARY].val);
    form_text(p, &g, f[PF_BASIS].title, &f[PF_BASIS].val);
    form_text(p, &g, f[PF_GOAL].title, &f[PF_GOAL].val);
    indicator_grid(p, &g, t, pr->first_row, pr->nrows);
    buf_free(&b);
    /* keep a form on one page when it fits on one */
    double h = pdf_grid_height(p, &g) + 40;
    if (p->y + h > pdf_bottom(p) && h < pdf_bottom(p) - MARGIN_TOP) pdf_new_page(p, p->landscape);
    else if (idx) p->y += 18;
    p->proj_page[idx] = p->page;
    project_heading(p, &arg, false);
    pdf_put_grid(p, &g, project_heading, &arg);
    pdf_grid_free(&g);
}

/* ------------------------------------------------------------ contents */

static void toc_line(Pdf *p, const char *text, int page, double indent, double pt, bool bold)
{
    char num[16];
    snprintf(num, sizeof num, "%d", page);
    double nw = pdf_text_width(p, num, pt, false);
    double x = MARGIN_X + indent, w = pdf_inner_w(p) - indent - nw - 24;
    double h = pdf_layout(p, text, pt, bold, w, AL_LEFT);
    if (p->y + h > pdf_bottom(p)) {
        pdf_new_page(p, false); /* draws the foot with the same layout object: lay the line out again */
        pdf_layout(p, text, pt, bold, w, AL_LEFT);
    }
    int lw, lh;
    pango_layout_get_size(p->lay, &lw, &lh);
    double end = x + (double)lw / PANGO_SCALE + 4;
    if (p->drawing && page > 0) {
        char attrs[64];
        snprintf(attrs, sizeof attrs, "page=%d", page);
        cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
    }
    pdf_show(p, x, p->y);
    if (p->drawing) { /* dot leaders to the page number */
        cairo_save(p->cr);
        double dash[2] = { 0.6, 2.4 };
        cairo_set_dash(p->cr, dash, 2, 0);
        cairo_set_line_width(p->cr, 0.6);
        cairo_set_source_rgb(p->cr, 0.4, 0.4, 0.4);
        double base = p->y + h - pt * 0.45;
        cairo_move_to(p->cr, end, base);
        cairo_line_to(p->cr, p->pw - MARGIN_X - nw - 4, base);
        cairo_stroke(p->cr);
        cairo_restore(p->cr);
    }
    pdf_layout(p, num, pt, false, -1, AL_LEFT);
    pdf_show(p, p->pw - MARGIN_X - nw, p->y);
    if (p->drawing && page > 0) cairo_tag_end(p->cr, CAIRO_TAG_LINK);
    p->y += h + 3;
}

static void cover(Pdf *p)
{
    const Model *m = p->m;
    char s[512];
    pdf_new_page(p, false);
    p->y = MARGIN_TOP + 60;
    snprintf(s, sizeof s, "%.*s", (int)m->dept_name.n, m->dept_name.s);
    p->y += pdf_line(p, s, 20, true, AL_CENTER) + 10;
    snprintf(s, sizeof s, "%.*s", (int)m->doc_title.n, m->doc_title.s);
    p->y += pdf_line(p, s, 16, false, AL_CENTER) + 40;
    p->y += pdf_line(p, "目录", 15, true, AL_CENTER) + 14;
    for (int i = 0; i < m->ntables; i++) {
        const MTable *t = &m->tables[i];
        snprintf(s, sizeof s, "%d. %.*s", t->number, (int)t->title.n, t->title.s);
        toc_line(p, s, p->tab_page[i], 0, 11, false);
        if (t->form == MF_PROJECTS)
            for (int k = 0; k < m->nprojects; k++) {
                const MField *f = m->projects[k].f;
                snprintf(s, sizeof s, "%.*s", (int)f[PF_NAME].val.text.n, f[PF_NAME].val.text.s);
                toc_line(p, s, p->proj_page[k], 22, 9.5, false);
            }
    }
}

/* ------------------------------------------------------------ document */

static void outline(Pdf *p, int i, const MTable *t)
{
    if (!p->drawing) return;
    char attrs[32], *title = xmalloc(t->title.n + 1u);
    snprintf(title, t->title.n + 1u, "%.*s", (int)t->title.n, t->title.s);
    snprintf(attrs, sizeof attrs, "page=%d", p->page);
    p->outline[i] = cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, title, attrs, 0);
    xfree(title);
}

static void document(Pdf *p)
{
    const Model *m = p->m;
    cover(p);
    for (int i = 0; i < m->ntables; i++) {
        const MTable *t = &m->tables[i];
        TableArg arg = { t };
        pdf_new_page(p, t->form != MF_GRID ? true : table_wide(t));
        p->tab_page[i] = p->page;
        outline(p, i, t);
        if (t->form == MF_PROJECTS) {
            if (!m->nprojects) table_heading(p, &arg, false);
            for (int k = 0; k < m->nprojects; k++) {
                project_form(p, t, k);
                if (p->drawing) {
                    const MField *f = m->projects[k].f;
                    char attrs[32], *name = xmalloc(f[PF_NAME].val.text.n + 1u);
                    snprintf(name, f[PF_NAME].val.text.n + 1u, "%.*s", (int)f[PF_NAME].val.text.n,
                             f[PF_NAME].val.text.s);
                    snprintf(attrs, sizeof attrs, "page=%d", p->proj_page[k]);
                    cairo_pdf_surface_add_outline(p->surface, p->outline[i], name, attrs, 0);
                    xfree(name);
                }
            }
            continue;
        }
        table_heading(p, &arg, false);
        if (t->form == MF_FIELDS) department_form(p, t);
        else grid_table(p, t);
    }
    pdf_footer(p);
}

/* ------------------------------------------------------------ plumbing */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
    if (closure) buf_add(closure, (const char *)data, n);
    return CAIRO_STATUS_SUCCESS;
}

/* SOURCE_DATE_EPOCH when set, else 1 January of the budget year. */
static void document_date(const Model *m, char *out, size_t cap)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        long long v = strtoll(e, &end, 10);
        if (!*end && v >= 0) {
            time_t t = (time_t)v;
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
            return;
        }
    }
    int year = 0;
    for (uint32_t i = 0; i < m->year.n && m->year.s[i] >= '0' && m->year.s[i] <= '9' && year < 10000; i++)
        year = year * 10 + (m->year.s[i] - '0');
    if (year < 1 || year > 9999) year = 1980;
    snprintf(out, cap, "%04d-01-01T00:00:00Z", year);
}

/* One pass over the document into b (NULL: measure only). */
static int run_pass(Pdf *p, PangoFontMap *fm, Buf *b, char *err, size_t errlen)
{
    p->surface = cairo_pdf_surface_create_for_stream(to_buf, b, A4_W, A4_H);
    cairo_pdf_surface_restrict_to_version(p->surface, CAIRO_PDF_VERSION_1_5);
    char date[32], title[512];
    document_date(p->m, date, sizeof date);
    snprintf(title, sizeof title, "%.*s %.*s", (int)p->m->dept_name.n, p->m->dept_name.s,
             (int)p->m->doc_title.n, p->m->doc_title.s);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "bdlc");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    p->cr = cairo_create(p->surface);
    p->pc = pango_font_map_create_context(fm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(p->pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(p->pc, 72); /* sizes in points = PDF units */
    /* Simplified Chinese glyph forms whatever the locale or PANGO_LANGUAGE */
    pango_context_set_language(p->pc, pango_language_from_string("zh-cn"));
    pango_cairo_update_context(p->cr, p->pc);
    p->lay = pango_layout_new(p->pc);
    p->page = 0;
    document(p);
    g_object_unref(p->lay);
    g_object_unref(p->pc);
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surface);
    cairo_status_t st = cairo_surface_status(p->surface);
    cairo_surface_destroy(p->surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s", cairo_status_to_string(st));
        return 1;
    }
    return 0;
}

/* A font map that knows only the pinned font files. */
static PangoFontMap *pinned_fonts(char *err, size_t errlen)
{
    const char *dir = getenv("BDL_FONT_DIR");
    if (!dir || !*dir) dir = FONT_DIR;
    FcConfig *fc = FcConfigCreate();
    static const char *const files[] = { "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc" };
    for (int i = 0; i < 2; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (!FcConfigAppFontAddFile(fc, (const FcChar8 *)path)) {
            snprintf(err, errlen, _("cannot load the font %s (Debian: apt-get install fonts-noto-cjk; "
                                  "BDL_FONT_DIR names another folder holding it)"), path);
            FcConfigDestroy(fc);
            return NULL;
        }
    }
    PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fm) {
        snprintf(err, errlen, "%s", _("pango has no FreeType font map"));
        FcConfigDestroy(fc);
        return NULL;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fc);
    FcConfigDestroy(fc); /* the font map holds its own reference */
    return fm;
}

int bdlc_emit_pdf(const Model *m, Buf *out, char *err, size_t errlen)
{
    PangoFontMap *fm = pinned_fonts(err, errlen);
    if (!fm) return 1;
    Pdf p = { .m = m };
    p.font = pango_font_description_from_string(FONT_FAMILY);
    p.proj_page = xmalloc(sizeof *p.proj_page * (size_t)(m->nprojects + 1));
    memset(p.proj_page, 0, sizeof *p.proj_page * (size_t)(m->nprojects + 1));
    int rc = run_pass(&p, fm, NULL, err, errlen); /* learn the pages */
    if (!rc) {
        p.total = p.page;
        p.drawing = true;
        rc = run_pass(&p, fm, out, err, errlen);
    }
    if (!rc && p.total != p.page) {
        snprintf(err, errlen, _("internal error: the two passes laid out %d and %d pages"), p.total, p.page);
        rc = 1;
    }
    if (!rc && p.unknown) {
        snprintf(err, errlen,
                 i18n_ngettext("%ld character cannot be printed: the font %s has no glyph for it (first in \"%s\")",
                               "%ld characters cannot be printed: the font %s has no glyph for them (first in \"%s\")",
                               (unsigned long)p.unknown),
                 p.unknown, FONT_FAMILY, p.unknown_text);
        rc = 1;
    }
    pango_font_description_free(p.font);
    xfree(p.proj_page);
    g_object_unref(fm);
    return rc;
}
