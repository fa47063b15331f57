/*
 * grid.c — table grids from positioned words (see grid.h).
 *
 *  1. Words are sorted by page, line and x, and gathered into lines.
 *  2. In a line, words closer than `gap` make one cell (a space between
 *     them when they are `space` apart or more).
 *  3. A line that starts with a 3-digit cell and one or two 2-digit cells
 *     is a code printed in 类/款/项 columns: the cells become one code.
 *  4. Per page, the columns are the x-ranges covered by the cells of the
 *     data rows (a row with a number and another cell), overlapping ranges
 *     merged; every cell of a multi-cell line goes to the column it
 *     overlaps most.  Only data rows decide, because a header cell often
 *     spans several columns (一般公共预算支出 over 合计/基本/项目).
 *  5. A text-only line right under a data row, whose cells sit inside
 *     columns where that row has text, is the rest of a wrapped cell.
 *  6. The lines above a page's first data row that all repeat the header
 *     of the previous table page are the header printed again: dropped.
 * Positions are ints in the caller's units: no floating point here.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"

typedef struct GCell {
    int x0, x1, col;
    char *text;
    size_t n;
} GCell;

typedef struct GLine {
    int page, y;
    GCell *cell;
    int ncell;
    bool data, drop, single;
} GLine;

typedef struct Grid {
    Arena a;
    GridOpt opt;
    GLine *line;
    int nline;
} Grid;

/* ------------------------------------------------------------ words */

static int cmp_word(const void *pa, const void *pb)
{
    const GWord *a = pa, *b = pb;
    if (a->page != b->page) return a->page < b->page ? -1 : 1;
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    if (a->x0 != b->x0) return a->x0 < b->x0 ? -1 : 1;
    return 0;
}

static bool is_digits(const char *s, size_t n, size_t want)
{
    if (n != want) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* A number as tables print it: digits, commas, a point, a leading minus. */
static bool is_numeric(const GCell *c)
{
    bool digit = false;
    for (size_t i = 0; i < c->n; i++) {
        char ch = c->text[i];
        if (ch >= '0' && ch <= '9') digit = true;
        else if (ch != ',' && ch != '.' && !(ch == '-' && i == 0)) return false;
    }
    return digit;
}

/* The words of one line (sorted by x) → cells. */
static void make_cells(Grid *g, GLine *L, const GWord *w, int n)
{
    L->cell = arena_alloc(&g->a, sizeof(GCell) * (size_t)(n ? n : 1));
    Buf b = { 0 };
    for (int i = 0; i < n; i++) {
        int gapw = i ? w[i].x0 - w[i - 1].x1 : 0;
        if (i == 0 || gapw >= g->opt.gap) {
            if (i) {
                GCell *c = &L->cell[L->ncell - 1];
                c->text = arena_strndup(&g->a, b.s ? b.s : "", b.n);
                c->n = b.n;
                b.n = 0;
            }
            GCell *c = &L->cell[L->ncell++];
            c->x0 = w[i].x0;
            c->x1 = w[i].x1;
        } else if (gapw >= g->opt.space) {
            buf_add(&b, " ", 1);
        }
        buf_add(&b, w[i].text.s, w[i].text.n);
        if (w[i].x1 > L->cell[L->ncell - 1].x1) L->cell[L->ncell - 1].x1 = w[i].x1;
    }
    if (L->ncell) {
        GCell *c = &L->cell[L->ncell - 1];
        c->text = arena_strndup(&g->a, b.s ? b.s : "", b.n);
        c->n = b.n;
    }
    buf_free(&b);
}

/* `204 06 01` in 类/款/项 columns → `2040601` (also `204 06`). */
static void join_code(Grid *g, GLine *L)
{
    if (L->ncell < 2 || !is_digits(L->cell[0].text, L->cell[0].n, 3)) return;
    int k = 1;
    while (k < 3 && k < L->ncell && is_digits(L->cell[k].text, L->cell[k].n, 2)) k++;
    if (k == 1) return;
    char code[8];
    size_t n = 0;
    for (int i = 0; i < k; i++) {
        memcpy(code + n, L->cell[i].text, L->cell[i].n);
        n += L->cell[i].n;
    }
    L->cell[0].text = arena_strndup(&g->a, code, n);
    L->cell[0].n = n;
    L->cell[0].x1 = L->cell[k - 1].x1;
    memmove(L->cell + 1, L->cell + k, sizeof(GCell) * (size_t)(L->ncell - k));
    L->ncell -= k - 1;
}

static void classify(GLine *L)
{
    L->single = L->ncell == 1;
    if (L->ncell < 2) return;
    for (int i = 0; i < L->ncell; i++)
        if (is_numeric(&L->cell[i])) L->data = true;
}

static void make_lines(Grid *g, GWord *w, int n)
{
    qsort(w, (size_t)n, sizeof *w, cmp_word);
    g->line = arena_alloc(&g->a, sizeof(GLine) * (size_t)(n ? n : 1));
    int i = 0;
    while (i < n) {
        int j = i + 1;
        while (j < n && w[j].page == w[i].page && w[j].y - w[i].y <= g->opt.ytol) j++;
        /* words of one line may differ a little in y: sort them by x */
        GWord *lw = w + i;
        for (int a = 1; a < j - i; a++)
            for (int b = a; b > 0 && lw[b].x0 < lw[b - 1].x0; b--) {
                GWord t = lw[b];
                lw[b] = lw[b - 1];
                lw[b - 1] = t;
            }
        GLine *L = &g->line[g->nline++];
        L->page = w[i].page;
        L->y = w[i].y;
        make_cells(g, L, lw, j - i);
        join_code(g, L);
        classify(L);
        i = j;
    }
}

/* ---------------------------------------------------------- columns */

/* A column is found by where its cells line up: text and codes on the
 * left edge, amounts (right-aligned in every published table) on the right
 * edge.  Extents (the x-range its data cells cover) place header cells. */
typedef struct Col {
    bool right;
    int lo, hi; /* the edges its cells line up on */
    int x0, x1; /* extent of its data cells */
    int id;     /* the order it was found in */
} Col;

static bool right_aligned(const GLine *L, int k)
{
    return k > 0 && is_numeric(&L->cell[k]);
}

static int edge(const GCell *c, bool right) { return right ? c->x1 : c->x0; }

typedef struct Anchor {
    bool right;
    int at;
    GCell *cell;
    int line;
} Anchor;

static int cmp_anchor(const void *pa, const void *pb)
{
    const Anchor *a = pa, *b = pb;
    if (a->right != b->right) return a->right - b->right;
    if (a->at != b->at) return a->at < b->at ? -1 : 1;
    return a->line - b->line;
}

static int cmp_col(const void *pa, const void *pb)
{
    const Col *a = pa, *b = pb;
    return a->lo != b->lo ? (a->lo < b->lo ? -1 : 1) : a->right - b->right;
}

static Anchor *anchors(Grid *g, int from, int to, int *n)
{
    int m = 0;
    for (int i = from; i < to; i++)
        if (g->line[i].data) m += g->line[i].ncell;
    Anchor *an = arena_alloc(&g->a, sizeof(Anchor) * (size_t)(m ? m : 1));
    m = 0;
    for (int i = from; i < to; i++) {
        GLine *L = &g->line[i];
        for (int k = 0; L->data && k < L->ncell; k++) {
            bool r = right_aligned(L, k);
            an[m++] = (Anchor){ r, edge(&L->cell[k], r), &L->cell[k], i - from };
        }
    }
    if (m > 1) qsort(an, (size_t)m, sizeof *an, cmp_anchor);
    *n = m;
    return an;
}

static bool shares_a_row(const Grid *g, int from, int to, int a, int b)
{
    for (int i = from; i < to; i++) {
        const GLine *L = &g->line[i];
        bool ina = false, inb = false;
        for (int k = 0; L->data && k < L->ncell; k++) {
            ina |= L->cell[k].col == a;
            inb |= L->cell[k].col == b;
        }
        if (ina && inb) return true;
    }
    return false;
}

/* Two neighbouring columns whose cells overlap and never meet in a row are
 * one column printed centred (numbers of different widths) or a label like
 * 合计 placed across the code and name columns. */
static int merge_columns(Grid *g, int from, int to, Col *col, int ncol)
{
    for (int k = 0; k + 1 < ncol;) {
        Col *a = &col[k], *b = &col[k + 1];
        if (b->x0 >= a->x1 || shares_a_row(g, from, to, k, k + 1)) {
            k++;
            continue;
        }
        if (b->x0 < a->x0) a->x0 = b->x0;
        if (b->x1 > a->x1) a->x1 = b->x1;
        if (b->hi > a->hi) a->hi = b->hi;
        for (int i = from; i < to; i++)
            for (int c = 0; g->line[i].data && c < g->line[i].ncell; c++) {
                GCell *cell = &g->line[i].cell[c];
                if (cell->col > k) cell->col--;
            }
        memmove(col + k + 1, col + k + 2, sizeof(Col) * (size_t)(ncol - k - 2));
        ncol--;
    }
    return ncol;
}

/* The columns of the data rows of lines [from, to): their cells' edges,
 * sorted; an edge within `align` of the column's last one joins it, unless
 * its row already has a cell there (positions from `pdftotext -layout`
 * wander a few columns along a page; two cells of a row never share one). */
static int find_columns(Grid *g, int from, int to, Col **out)
{
    int n;
    Anchor *an = anchors(g, from, to, &n);
    Col *col = arena_alloc(&g->a, sizeof(Col) * (size_t)(n ? n : 1));
    int *last = arena_alloc(&g->a, sizeof(int) * (size_t)(to - from + 1));
    for (int i = 0; i <= to - from; i++) last[i] = -1;
    int ncol = 0;
    for (int i = 0; i < n; i++) {
        Col *c = ncol ? &col[ncol - 1] : NULL;
        bool joins = c && c->right == an[i].right && an[i].at - c->hi <= g->opt.align && last[an[i].line] != ncol - 1;
        if (!joins) {
            c = &col[ncol++];
            *c = (Col){ an[i].right, an[i].at, an[i].at, INT_MAX, INT_MIN, ncol - 1 };
        }
        c->hi = an[i].at;
        if (an[i].cell->x0 < c->x0) c->x0 = an[i].cell->x0;
        if (an[i].cell->x1 > c->x1) c->x1 = an[i].cell->x1;
        an[i].cell->col = ncol - 1;
        last[an[i].line] = ncol - 1;
    }
    if (ncol > 1) qsort(col, (size_t)ncol, sizeof *col, cmp_col);
    int *order = arena_alloc(&g->a, sizeof(int) * (size_t)(ncol ? ncol : 1));
    for (int k = 0; k < ncol; k++) order[col[k].id] = k;
    for (int i = 0; i < n; i++) an[i].cell->col = order[an[i].cell->col];
    ncol = merge_columns(g, from, to, col, ncol);
    *out = col;
    return ncol;
}

static int overlap(const GCell *c, const Col *k)
{
    int lo = c->x0 > k->x0 ? c->x0 : k->x0, hi = c->x1 < k->x1 ? c->x1 : k->x1;
    return hi - lo; /* negative: the distance between them */
}

/* A cell of a header row: the column it overlaps most, else the nearest. */
static int column_by_extent(const GCell *c, const Col *col, int ncol)
{
    int best = 0, score = 0;
    for (int k = 0; k < ncol; k++) {
        int o = col[k].x0 <= col[k].x1 ? overlap(c, &col[k]) : INT_MIN / 2;
        if (k == 0 || o > score) {
            best = k;
            score = o;
        }
    }
    return best;
}

static void place_cells(Grid *g, int from, int to)
{
    Col *col;
    int ncol = find_columns(g, from, to, &col);
    for (int i = from; i < to; i++) {
        GLine *L = &g->line[i];
        if (L->data) continue;
        for (int k = 0; k < L->ncell; k++)
            L->cell[k].col = ncol ? column_by_extent(&L->cell[k], col, ncol) : k;
    }
}

/* ---------------------------------------------------- wrapped cells */

static bool inside_text_cell(const GCell *c, const GLine *above)
{
    for (int k = 0; k < above->ncell; k++) {
        const GCell *a = &above->cell[k];
        if (a->col == c->col && !is_numeric(a)) return true;
    }
    return false;
}

static void append_to(Grid *g, GLine *above, const GCell *c)
{
    for (int k = 0; k < above->ncell; k++) {
        GCell *a = &above->cell[k];
        if (a->col != c->col) continue;
        char *t = arena_alloc(&g->a, a->n + c->n + 1);
        memcpy(t, a->text, a->n);
        memcpy(t + a->n, c->text, c->n);
        a->text = t;
        a->n += c->n;
        return;
    }
}

/* A line directly under a data row (the next line of the same page) whose
 * every cell is text continuing a text cell of that row. */
static void rejoin_wrapped(Grid *g)
{
    for (int i = 1; i < g->nline; i++) {
        GLine *L = &g->line[i], *up = &g->line[i - 1];
        if (L->data || !up->data || up->drop || L->page != up->page || !L->ncell) continue;
        if (g->opt.keep_lines && L->y != up->y + 1) continue;
        bool fits = true;
        for (int k = 0; k < L->ncell && fits; k++)
            fits = !is_numeric(&L->cell[k]) && inside_text_cell(&L->cell[k], up) &&
                   (L->ncell > 1 || L->cell[k].x0 > up->cell[0].x0);
        if (!fits) continue;
        for (int k = 0; k < L->ncell; k++) append_to(g, up, &L->cell[k]);
        L->drop = true;
    }
}

/* ------------------------------------------------- repeated headers */

static bool same_line(const GLine *a, const GLine *b)
{
    if (a->ncell != b->ncell) return false;
    for (int k = 0; k < a->ncell; k++)
        if (a->cell[k].n != b->cell[k].n || memcmp(a->cell[k].text, b->cell[k].text, a->cell[k].n) != 0) return false;
    return true;
}

/* The lines of page-part [from, to) before its first data row. */
static int header_end(const Grid *g, int from, int to)
{
    int i = from;
    while (i < to && !g->line[i].data) i++;
    return i < to ? i : from;
}

static bool in_header(const Grid *g, const GLine *L, int hfrom, int hto)
{
    for (int i = hfrom; i < hto; i++)
        if (same_line(L, &g->line[i])) return true;
    return false;
}

static void drop_repeated_header(Grid *g, int pfrom, int pto, int *hfrom, int *hto)
{
    int end = header_end(g, pfrom, pto);
    if (end == pfrom) return; /* no data row, or no header: nothing to compare */
    bool all = *hto > *hfrom;
    for (int i = pfrom; i < end && all; i++) all = in_header(g, &g->line[i], *hfrom, *hto);
    if (all) {
        for (int i = pfrom; i < end; i++) g->line[i].drop = true;
        return;
    }
    *hfrom = pfrom;
    *hto = end;
}

/* ------------------------------------------------------------ output */

static void put_line(Buf *out, const GLine *L)
{
    int cur = 0; /* the column the output is in */
    for (int k = 0; k < L->ncell; k++) {
        const GCell *c = &L->cell[k];
        if (L->single) {
            /* a title, a note, a lone label: the line itself, no column */
        } else if (k && c->col <= cur) {
            buf_add(out, " ", 1); /* a second cell in one column: one cell */
        } else {
            for (; cur < c->col; cur++) buf_add(out, "\t", 1);
        }
        /* one output line per line: a line break inside a word (a PDF's
         * text can hold one) would shift every later line's page */
        for (size_t i = 0; i < c->n; i++) buf_add(out, c->text[i] == '\n' || c->text[i] == '\r' ? " " : c->text + i, 1);
    }
    buf_add(out, "\n", 1);
}

int grid_build(const GWord *words, int n, GridOpt opt, Buf *out, int **pages)
{
    Vec pv = { 0 };
    Grid g = { .opt = opt };
    GWord *w = xmalloc(sizeof(GWord) * (size_t)(n ? n : 1));
    if (n) memcpy(w, words, sizeof(GWord) * (size_t)n);
    make_lines(&g, w, n);
    int hfrom = 0, hto = 0;
    for (int p = 0; p < g.nline;) {
        int q = p;
        while (q < g.nline && g.line[q].page == g.line[p].page) q++;
        place_cells(&g, p, q);
        drop_repeated_header(&g, p, q, &hfrom, &hto);
        p = q;
    }
    rejoin_wrapped(&g);
    int written = 0, y = 1;
    for (int i = 0; i < g.nline; i++) {
        GLine *L = &g.line[i];
        if (opt.keep_lines)
            for (; y < L->y; y++, written++) {
                buf_add(out, "\n", 1);
                if (pages) vec_push(&pv, (void *)(intptr_t)L->page); /* a blank line: the page of the next */
            }
        if (L->drop && !opt.keep_lines) continue;
        if (L->drop) buf_add(out, "\n", 1);
        else put_line(out, L);
        written++;
        if (pages) vec_push(&pv, (void *)(intptr_t)L->page);
        y = L->y + 1;
    }
    if (pages) {
        *pages = xmalloc(sizeof(int) * (size_t)(pv.n + 1));
        for (int i = 0; i < pv.n; i++) (*pages)[i] = (int)(intptr_t)pv.v[i];
        vec_free(&pv);
    }
    xfree(w);
    arena_free(&g.a);
    return written;
}

/* ------------------------------------------------------- layout text */

GridOpt grid_layout_options(void)
{
    return (GridOpt){ .ytol = 0, .space = 1, .gap = 2, .align = 6, .keep_lines = true };
}

void grid_words_of_layout(Arena *a, const char *text, size_t len, Vec *out)
{
    int page = 1, y = 1, x = 0;
    size_t i = 0;
    while (i < len) {
        char c = text[i];
        if (c == '\n') { y++; x = 0; i++; continue; }
        if (c == '\f') { page++; i++; continue; }
        if (c == ' ' || c == '\t' || c == '\r') { x += c == '\t' ? 8 - x % 8 : c == ' '; i++; continue; }
        GWord *w = arena_alloc(a, sizeof *w);
        w->page = page;
        w->y = y;
        w->x0 = x;
        size_t s = i;
        while (i < len && text[i] != ' ' && text[i] != '\n' && text[i] != '\f' && text[i] != '\t' && text[i] != '\r') {
            uint32_t cp;
            int k = utf8_decode(text + i, len - i, &cp);
            if (!k) { k = 1; cp = '?'; }
            if (cp == 0x3000) break; /* an ideographic space ends the word */
            x += char_width(cp) ? char_width(cp) : 0;
            i += (size_t)k;
        }
        if (i == s) { /* U+3000: two columns of blank */
            x += 2;
            i += 3;
            continue;
        }
        w->x1 = x;
        w->text = (Str){ text + s, (uint32_t)(i - s) };
        vec_apush(a, out, w);
    }
}
