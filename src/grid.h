/*
 * grid.h — table grids from positioned words (src/grid.c).
 *
 * Knows nothing of PDF: the PDF plugin (pdfin.so) and the reader of
 * `pdftotext -layout` text both hand it words with positions, and it hands
 * back tab-separated lines, the form the table recogniser (import_tables.c)
 * reads.  So it can be tested, and fuzzed, with words made up in a test.
 */
#ifndef BDL_GRID_H
#define BDL_GRID_H

#include "bdl.h"

/* A word (or a glyph) on a page.  Units are the caller's: hundredths of a
 * point from a PDF, character columns and line numbers from layout text. */
typedef struct GWord {
    int page;
    int y;      /* the line: top of the glyph box, or the line number */
    int x0, x1; /* left and right edges */
    Str text;
} GWord;

typedef struct GridOpt {
    int ytol;   /* words whose y differ by at most this are on one line */
    int space;  /* a gap of at least this between words is a space */
    int gap;    /* a gap of at least this between words starts a new cell */
    int align;  /* cells whose edges differ by at most this line up in a column */
    bool keep_lines; /* y are line numbers: write one line per y, blank ones too */
} GridOpt;

/* Words → lines of tab-separated cells appended to `out`; the cells of a
 * page's data rows line up in columns found from their coordinates, a
 * wrapped cell is rejoined to the row above it, a table header repeated at
 * the top of a page is dropped, and a code split into 类/款/项 cells
 * (`204 06 01`) is joined into one (`2040601`).  Returns the number of
 * lines written.  The words may come in any order.  When `pages` is not
 * NULL, *pages is set to the page of each line written (xfree it). */
int grid_build(const GWord *words, int n, GridOpt opt, Buf *out, int **pages);

/* The text of `pdftotext -layout` → words (one per run of non-blanks; x in
 * display columns, y the line number, a form feed a new page), appended to
 * `out` as GWord* allocated in `a`.  The options that suit such words. */
void grid_words_of_layout(Arena *a, const char *text, size_t len, Vec *out);
GridOpt grid_layout_options(void);

#endif
