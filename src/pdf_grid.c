/*
 * pdf_grid.c — the PDF plugin's text and page primitives, and ruled grids:
 * rows of cells with column and row spans, measured with pango, drawn with
 * cairo, broken across pages with their header rows repeated.  A cell
 * spanning rows that a page break cuts is drawn on each page in the part
 * that falls there, its text again in each part.
 */
#include <stdio.h>
#include <string.h>

#include "pdf.h"

GRow *pdf_row(Grid *g)
{
    if (g->nrows == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 32;
        g->rows = xrealloc(g->rows, sizeof *g->rows * (size_t)g->cap);
    }
    GRow *r = &g->rows[g->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

GCell *pdf_cell(GRow *r, int col, int colspan, int rowspan, Str text)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->cells = xrealloc(r->cells, sizeof *r->cells * (size_t)r->cap);
    }
    GCell *c = &r->cells[r->n++];
    memset(c, 0, sizeof *c);
    c->col = col;
    c->colspan = colspan;
    c->rowspan = rowspan;
    c->text = xmalloc(text.n + 1u);
    if (text.n) memcpy(c->text, text.s, text.n);
    c->text[text.n] = 0;
    return c;
}

void pdf_grid_free(Grid *g)
{
    for (int i = 0; i < g->nrows; i++) {
        for (int k = 0; k < g->rows[i].n; k++) xfree(g->rows[i].cells[k].text);
        xfree(g->rows[i].cells);
    }
    xfree(g->rows);
    xfree(g->w);
    memset(g, 0, sizeof *g);
}

double pdf_bottom(const Pdf *p) { return p->ph - MARGIN_BOTTOM; }
double pdf_inner_w(const Pdf *p) { return p->pw - 2 * MARGIN_X; }

/* Lay out text at `pt` points, bold or not, wrapped at width w (< 0: no
 * wrap); returns its height. */
double pdf_layout(Pdf *p, const char *text, double pt, bool bold, double w, int align)
{
    pango_font_description_set_weight(p->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(p->font, (gint)(pt * PANGO_SCALE));
    pango_layout_set_font_description(p->lay, p->font);
    pango_layout_set_width(p->lay, w < 0 ? -1 : (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(p->lay, align == AL_CENTER ? PANGO_ALIGN_CENTER
                                       : align == AL_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_text(p->lay, text, -1);
    int lw, lh;
    pango_layout_get_size(p->lay, &lw, &lh);
    return (double)lh / PANGO_SCALE;
}

double pdf_text_width(Pdf *p, const char *text, double pt, bool bold)
{
    pdf_layout(p, text, pt, bold, -1, AL_LEFT);
    int lw, lh;
    pango_layout_get_size(p->lay, &lw, &lh);
    return (double)lw / PANGO_SCALE;
}

/* Draw the laid-out text at (x, y), counting glyphs the font lacks. */
void pdf_show(Pdf *p, double x, double y)
{
    if (!p->drawing) return;
    int u = pango_layout_get_unknown_glyphs_count(p->lay);
    if (u > 0) {
        if (!p->unknown) snprintf(p->unknown_text, sizeof p->unknown_text, "%s", pango_layout_get_text(p->lay));
        p->unknown += u;
    }
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->lay);
}

/* One line of text across the page's inner width. */
double pdf_line(Pdf *p, const char *text, double pt, bool bold, int align)
{
    double h = pdf_layout(p, text, pt, bold, pdf_inner_w(p), align);
    pdf_show(p, MARGIN_X, p->y);
    return h;
}

void pdf_footer(Pdf *p)
{
    char s[64];
    if (p->total) snprintf(s, sizeof s, "第 %d 页 共 %d 页", p->page, p->total);
    else snprintf(s, sizeof s, "第 %d 页", p->page);
    double y = p->y;
    p->y = p->ph - MARGIN_BOTTOM + 14;
    pdf_line(p, s, 8, false, AL_CENTER);
    p->y = y;
}

void pdf_new_page(Pdf *p, bool landscape)
{
    if (p->page) {
        pdf_footer(p);
        cairo_show_page(p->cr);
    }
    p->page++;
    p->landscape = landscape;
    p->pw = landscape ? A4_H : A4_W;
    p->ph = landscape ? A4_W : A4_H;
    cairo_pdf_surface_set_size(p->surface, p->pw, p->ph);
    p->y = MARGIN_TOP;
}

/* ---------------------------------------------------------- the grids */

static double span_w(const Grid *g, const GCell *c)
{
    double w = 0;
    for (int k = c->col; k < c->col + c->colspan && k < g->ncols; k++) w += g->w[k];
    return w;
}

static double col_x(const Grid *g, int col)
{
    double x = MARGIN_X;
    for (int k = 0; k < col; k++) x += g->w[k];
    return x;
}

static double cell_height(Pdf *p, const Grid *g, const GCell *c)
{
    double w = span_w(g, c) - 2 * PAD_X - c->indent * BODY_PT;
    return pdf_layout(p, c->text, BODY_PT, c->bold, c->nowrap ? -1 : (w > 4 ? w : 4), c->align) + 2 * PAD_Y;
}

/* GRow heights: the tallest single-row cell; a cell spanning rows makes
 * the last of them taller when the rows are too short for it. */
static void measure(Pdf *p, Grid *g)
{
    if (g->measured) return;
    g->measured = true;
    for (int r = 0; r < g->nrows; r++) {
        double h = BODY_PT * 1.45 + 2 * PAD_Y;
        for (int k = 0; k < g->rows[r].n; k++) {
            const GCell *c = &g->rows[r].cells[k];
            if (c->rowspan == 1) {
                double ch = cell_height(p, g, c);
                if (ch > h) h = ch;
            }
        }
        g->rows[r].h = h;
    }
    for (int r = 0; r < g->nrows; r++)
        for (int k = 0; k < g->rows[r].n; k++) {
            const GCell *c = &g->rows[r].cells[k];
            if (c->rowspan == 1) continue;
            int last = r + c->rowspan - 1 < g->nrows ? r + c->rowspan - 1 : g->nrows - 1;
            double have = 0, need = cell_height(p, g, c);
            for (int i = r; i <= last; i++) have += g->rows[i].h;
            if (need > have) g->rows[last].h += need - have;
        }
}

/* Draw the part of cell c (in row r) that lies in rows [from, to), whose
 * top is at y_of[row - from]. */
static void draw_cell(Pdf *p, const Grid *g, const GCell *c, int r, int from, int to, const double *y_of)
{
    int a = r > from ? r : from, b = r + c->rowspan < to ? r + c->rowspan : to;
    if (a >= b) return;
    double x = col_x(g, c->col), w = span_w(g, c), y = y_of[a - from], h = 0;
    for (int i = a; i < b; i++) h += g->rows[i].h;
    if (!p->drawing) return;
    if (c->shade) {
        cairo_set_source_rgb(p->cr, 0.93, 0.94, 0.96);
        cairo_rectangle(p->cr, x, y, w, h);
        cairo_fill(p->cr);
    }
    cairo_set_source_rgb(p->cr, 0.2, 0.22, 0.25);
    cairo_set_line_width(p->cr, 0.5);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_stroke(p->cr);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    double ind = c->indent * BODY_PT;
    double tw = w - 2 * PAD_X - ind;
    double th = pdf_layout(p, c->text, BODY_PT, c->bold, c->nowrap ? -1 : (tw > 4 ? tw : 4), c->align);
    double tx = x + PAD_X + ind;
    if (c->nowrap && c->align != AL_LEFT) { /* unwrapped: place it ourselves */
        double lw = pdf_text_width(p, c->text, BODY_PT, c->bold);
        tx = c->align == AL_RIGHT ? x + w - PAD_X - lw : x + (w - lw) / 2;
    }
    double ty = y + (h - th) / 2;
    cairo_save(p->cr);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_clip(p->cr);
    pdf_show(p, tx, ty);
    cairo_restore(p->cr);
}

/* Rows [from, to) from p->y: every cell starting there, and the parts of
 * cells from earlier rows that span into them. */
static void draw_rows(Pdf *p, const Grid *g, int from, int to, int scan_from)
{
    double *y_of = xmalloc(sizeof *y_of * (size_t)(to - from + 1));
    double y = p->y;
    for (int i = from; i < to; i++) y_of[i - from] = y, y += g->rows[i].h;
    for (int r = scan_from; r < to; r++)
        for (int k = 0; k < g->rows[r].n; k++) {
            const GCell *c = &g->rows[r].cells[k];
            if (r + c->rowspan > from) draw_cell(p, g, c, r, from, to, y_of);
        }
    p->y = y;
    xfree(y_of);
}


static double head_height(const Grid *g)
{
    double h = 0;
    for (int r = 0; r < g->nhead; r++) h += g->rows[r].h;
    return h;
}

/* The grid from p->y, breaking across pages: a continuation page gets the
 * heading (cont) and the header rows again. */
void pdf_put_grid(Pdf *p, Grid *g, HeadingFn heading, const void *arg)
{
    measure(p, g);
    double hh = head_height(g);
    int r = g->nhead;
    if (r < g->nrows && p->y + hh + g->rows[r].h > pdf_bottom(p)) {
        pdf_new_page(p, p->landscape);
        heading(p, arg, true);
    }
    if (g->nhead) draw_rows(p, g, 0, g->nhead, 0);
    while (r < g->nrows) {
        int start = r;
        double y = p->y;
        while (r < g->nrows && (r == start || y + g->rows[r].h <= pdf_bottom(p))) y += g->rows[r++].h;
        /* cells spanning into `start` from earlier rows: scan back to the
         * first row of the body whose spans may reach it */
        int scan = start;
        for (int i = g->nhead; i < start; i++)
            for (int k = 0; k < g->rows[i].n; k++)
                if (i + g->rows[i].cells[k].rowspan > start && i < scan) scan = i;
        draw_rows(p, g, start, r, scan);
        if (r < g->nrows) {
            pdf_new_page(p, p->landscape);
            heading(p, arg, true);
            if (g->nhead) draw_rows(p, g, 0, g->nhead, 0);
        }
    }
}

/* The grid's whole height, header included (to keep a form on one page). */
double pdf_grid_height(Pdf *p, Grid *g)
{
    measure(p, g);
    double h = 0;
    for (int r = 0; r < g->nrows; r++) h += g->rows[r].h;
    return h;
}
