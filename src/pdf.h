/*
 * pdf.h — shared by the PDF plugin's two files: pdf_grid.c (text, pages,
 * ruled grids that break across pages) and emit_pdf.c (the document: which
 * grids, the forms, the contents, the fonts).  Private to pdf.so.
 */
#ifndef BDL_PDF_H
#define BDL_PDF_H

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "bdl.h"

#define FONT_DIR "/usr/share/fonts/opentype/noto"
#define FONT_FAMILY "Noto Sans CJK SC"

/* A4 in points; margins. */
#define A4_W 595.276
#define A4_H 841.890
#define MARGIN_X 40.0
#define MARGIN_TOP 42.0
#define MARGIN_BOTTOM 48.0
#define PAD_X 3.0
#define PAD_Y 2.5
#define PDF_MAX_TABLES 64 /* a layout has at most this many tables (layout.c) */
#define BODY_PT 9.0

/* ------------------------------------------------------------- cells */

enum { AL_LEFT, AL_CENTER, AL_RIGHT };

typedef struct GCell {
    int col, colspan, rowspan;
    char *text;
    int align, indent;
    bool bold, shade, nowrap;
} GCell;

typedef struct GRow {
    GCell *cells;
    int n, cap;
    double h;
} GRow;

/* A ruled grid: header rows (repeated on every page) and body rows. */
typedef struct Grid {
    int ncols;
    double *w; /* column widths */
    GRow *rows;
    int nrows, cap, nhead;
    bool measured; /* row heights known */
} Grid;

/* -------------------------------------------------------- the document */

typedef struct Pdf {
    const Model *m;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pc;
    PangoLayout *lay;
    PangoFontDescription *font;
    bool drawing;            /* second pass */
    bool landscape;
    double pw, ph, y;        /* page size, the next free line */
    int page, total;         /* 1-based current page; pages in the document */
    int tab_page[PDF_MAX_TABLES];  /* first page of each table (pass 1 → 2) */
    int *proj_page;
    int outline[PDF_MAX_TABLES];
    long unknown;            /* glyphs the font lacks */
    char unknown_text[80];
} Pdf;

typedef void (*HeadingFn)(Pdf *p, const void *arg, bool cont); /* a page's heading; cont: a continued table */

/* pdf_grid.c */
double pdf_bottom(const Pdf *p);  /* the lowest y a row may reach */
double pdf_inner_w(const Pdf *p); /* the page's width between the margins */
/* Lay out text at pt points, bold or not, wrapped at width w (< 0: no
 * wrap) in p->lay; returns its height. */
double pdf_layout(Pdf *p, const char *text, double pt, bool bold, double w, int align);
double pdf_text_width(Pdf *p, const char *text, double pt, bool bold);
void pdf_show(Pdf *p, double x, double y); /* draw p->lay (second pass only), counting unknown glyphs */
double pdf_line(Pdf *p, const char *text, double pt, bool bold, int align); /* at p->y, full width */
void pdf_footer(Pdf *p);
void pdf_new_page(Pdf *p, bool landscape); /* the foot of the page before, then a new one */
GRow *pdf_row(Grid *g);
GCell *pdf_cell(GRow *r, int col, int colspan, int rowspan, Str text);
void pdf_grid_free(Grid *g);
void pdf_put_grid(Pdf *p, Grid *g, HeadingFn heading, const void *arg);
double pdf_grid_height(Pdf *p, Grid *g);

#endif
