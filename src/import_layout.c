/*
 * import_layout.c — a published document read through a layout module
 * (stdlib/layout/NAME: the tables the compiler prints), for the layouts
 * whose tables import_tables.c does not know by heart (the Chongqing
 * reader there is older than the layouts).
 *
 * Nothing here names a table or a region.  The layout says, for each table:
 * its title with {year} (department and agency wording), its columns in
 * order (which are amounts, which cell or source set each shows), its rows
 * (function or economic classification over a source set, two-sided income
 * and expenditure, the 三公 row), its 合计 label and note.  So:
 *
 *  1. A line that is exactly a table's title ({year} four digits, or
 *     absent) starts that table; the layout whose titles match most lines
 *     is the document's, and the wording (部门 or 单位) that matches most
 *     is its variant.  A contents page (numbered titles) never matches.
 *  2. Classification rows: a code (split 类/款/项 cells joined, each part
 *     two digits), a name, then the amount columns in the layout's order;
 *     the 合计 row by the layout's label.  Two-sided rows: the left labels
 *     are the layout's income items, in order; the right ones the 类.  The
 *     三公 row: the amount columns in order.
 *  3. What BDL holds is written (a classification over one source is an
 *     `expenditure` or `economic` block, every printed row an assertion;
 *     income items of one source; the 三公 items and 机关运行经费).  What
 *     BDL derives (a classification over several sources, the two-sided
 *     tables' right side and fiscal sums) is compared here with what the
 *     written blocks give: a difference is a warning and a comment.
 *  4. How each table prints (unit, decimals, grouping, zeros, an income
 *     label or title other than the layout's) becomes a `table ID { … }`.
 *
 * Every line outside the tables is kept as a comment with its page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

enum { LI_MAXAMT = 16, LI_MAXSIDE = 8, LI_MAXSRC = 32 };

typedef struct LRow {
    int line;
    bool total;
    Str code, name;
    Amt a[LI_MAXAMT];
    bool sums_quiet; /* a made 类/款 row: its basic and project are the sums below, for the comparisons only */
} LRow;

typedef struct LSide { /* one side of a two-sided row */
    int line;
    Str label;         /* as printed, numbering included */
    Amt a[LI_MAXSIDE];
    int na;
} LSide;

typedef struct LTab LTab;
struct LTab {
    const LTable *lt;
    int title, from, to; /* line indexes: the title, its body [from, to) */
    int last;            /* the last line read as part of the table (index) */
    Str printed_title, year, unit, note;
    int amt[LI_MAXAMT], namt; /* amount columns (indexes into lt->cols) */
    Vec rows;                 /* LRow* (classification, official) */
    Vec left, right;          /* LSide* (two-sided data part) */
    LSide *ltot, *rtot;       /* the totals part */
    Vec notes;                /* Note*: comparisons and lines kept */
    int mismatch;
    /* how it prints */
    int dec, grouped, plain, zero_dot, zero_int, zero_blank;
    bool empty; /* printed as an empty table (无, or no row) */
    bool none_row; /* its empty form has the 无 row */
    Map by_code; /* LRow* of a classification table */
    const LTab *from_source, *from_split; /* a source's block made from these tables (not printed as such) */
};

typedef struct Income {
    Amt a[LI_MAXSRC];
    int line[LI_MAXSRC];
    const struct LTab *from;
} Income;

typedef struct LImp {
    Imp *im;
    const Layout *lay;
    int variant;
    LTab *tabs; /* in document order, then the blocks of non-fiscal sources (made_sources) */
    int ntabs, nmade;
    bool *used; /* per line: part of a table */
    Str dept;
    Income inc; /* the income of each source, as the first two-sided table prints it */
    const Buf *out; /* the output, for `mark` */
    size_t counted; /* bytes of out whose lines are counted … */
    int lines;      /* … and how many lines they hold */
    int expected;   /* the layout's tables in this variant */
    /* the sources of the document's year, as the standard library declares them */
    struct LSrc {
        Str key, name, column;
        bool fiscal;
    } src[LI_MAXSRC];
    int nsrc;
} LImp;

/* ------------------------------------------------------------ text */

static bool is_space_at(const char *s, uint32_t n, uint32_t i, int *k)
{
    uint32_t cp;
    *k = text_decode(s + i, n - i, &cp);
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* s without any space, brackets folded to ASCII: titles and labels compare so. */
static Str squash(Arena *a, Str s)
{
    char *o = arena_alloc(a, s.n + 1);
    uint32_t n = 0;
    for (uint32_t i = 0; i < s.n;) {
        int k;
        if (is_space_at(s.s, s.n, i, &k)) {
            i += (uint32_t)k;
            continue;
        }
        if (k == 3 && memcmp(s.s + i, "（", 3) == 0) o[n++] = '(';
        else if (k == 3 && memcmp(s.s + i, "）", 3) == 0) o[n++] = ')';
        else if (k == 3 && memcmp(s.s + i, "：", 3) == 0) o[n++] = ':';
        else {
            memcpy(o + n, s.s + i, (size_t)k);
            n += (uint32_t)k;
        }
        i += (uint32_t)k;
    }
    o[n] = 0;
    return (Str){ o, n };
}

/* The whole line, cells joined without separators. */
static Str line_text(Imp *im, const TLine *L)
{
    Buf b = { 0 };
    for (int c = 0; c < L->ncell; c++) buf_add(&b, L->cell[c].s, L->cell[c].n);
    Str s = squash(&im->a, (Str){ b.s ? b.s : "", (uint32_t)b.n });
    buf_free(&b);
    return s;
}

/* Does `text` read as the title `pat` ({year}: four digits, or nothing with
 * the 年 after it)?  The year seen goes to *year. */
static bool title_is(Arena *a, Str pat, Str text, Str *year)
{
    pat = squash(a, pat);
    uint32_t i = 0, j = 0;
    *year = (Str){ "", 0 };
    while (i < pat.n) {
        if (pat.n - i >= 6 && memcmp(pat.s + i, "{year}", 6) == 0) {
            i += 6;
            bool digits = j + 4 <= text.n;
            for (uint32_t k = 0; digits && k < 4; k++) digits = text_is_digit(text.s[j + k]);
            if (digits) {
                *year = text_slice(text.s + j, 4);
                j += 4;
            } else if (pat.n - i >= 3 && memcmp(pat.s + i, "年", 3) == 0) {
                i += 3;
            }
            continue;
        }
        if (j >= text.n || pat.s[i] != text.s[j]) return false;
        i++;
        j++;
    }
    return j == text.n;
}

/* The numbering before a label: 一、 二、 1. 1、 1． (一) … its length in bytes. */
static uint32_t numbering(Str s)
{
    static const char *const cn[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    uint32_t i = 0;
    bool any = false;
    for (;;) {
        bool hit = false;
        if (i < s.n && text_is_digit(s.s[i])) {
            i++;
            hit = true;
        }
        for (size_t k = 0; !hit && k < sizeof cn / sizeof *cn; k++)
            if (s.n - i >= 3 && memcmp(s.s + i, cn[k], 3) == 0) {
                i += 3;
                hit = true;
            }
        if (!hit) break;
        any = true;
    }
    if (!any) return 0;
    if (i < s.n && s.s[i] == '.') i++;
    else if (s.n - i >= 3 && (memcmp(s.s + i, "、", 3) == 0 || memcmp(s.s + i, "．", 3) == 0)) i += 3;
    else return 0;
    while (i < s.n && s.s[i] == ' ') i++;
    return i;
}

static Str unnumbered(Str s)
{
    if (!s.n) return (Str){ "", 0 }; /* an empty cell's text may be NULL */
    uint32_t k = numbering(s);
    return text_trim(text_slice(s.s + k, s.n - k));
}

static int frac(Str s)
{
    for (uint32_t i = 0; i < s.n; i++)
        if (s.s[i] == '.') return (int)(s.n - i - 1);
    return 0;
}

static bool all_digits(Str s)
{
    if (!s.n) return false;
    for (uint32_t i = 0; i < s.n; i++)
        if (!text_is_digit(s.s[i])) return false;
    return true;
}

/* How a printed amount tells the table's style. */
static void style_of(LTab *t, const Amt *a, bool blank)
{
    if (blank) {
        t->zero_blank++;
        return;
    }
    if (!a->present) return;
    int f = frac(a->text);
    if (a->ok && a->v == 0) {
        if (f) t->zero_dot++;
        else t->zero_int++;
        return;
    }
    if (f > t->dec) t->dec = f > 6 ? 6 : f; /* BDL's most (E103 above) */
    if (memchr(a->text.s, ',', a->text.n)) t->grouped++;
    else if (a->ok && (a->v >= 1000000000LL || a->v <= -1000000000LL)) t->plain++;
}

/* ------------------------------------------------------------ detecting */

static bool meta_line(LImp *li, LTab *t, const TLine *L)
{
    bool any = false;
    for (int c = 0; c < L->ncell; c++) {
        Str x = squash(&li->im->a, L->cell[c]);
        const char *colon = NULL;
        for (uint32_t i = 0; i + 1 <= x.n; i++)
            if (x.s[i] == ':') {
                colon = x.s + i;
                break;
            }
        if (!colon) continue;
        Str head = text_slice(x.s, (size_t)(colon - x.s)), val = text_slice(colon + 1, x.n - (uint32_t)(colon - x.s) - 1);
        if (str_eqc(head, "单位") && (str_eqc(val, "元") || str_eqc(val, "万元"))) {
            t->unit = val;
            any = true;
        } else if ((text_starts_with(head, "编制") || text_ends_with(head, "名称")) &&
                   (text_ends_with(head, "部门") || text_ends_with(head, "单位") || text_ends_with(head, "名称")) &&
                   val.n) {
            if (!li->dept.n) li->dept = val;
            any = true;
        }
    }
    return any;
}

/* A project page (项目经费情况说明, 绩效目标填报表): prose per project, not a
 * grid this reader maps; its lines stay comments, and it is not counted
 * among the tables a document should have. */
static bool is_page(const LTable *lt)
{
    return lt->rows == LR_PROJECT_TEXTS || lt->rows == LR_PROJECT_INDICATORS;
}

/* The table whose title this line is, in layout `l`: its index, the
 * variant the wording says (-1 both alike), the year. */
static int title_of(Arena *a, const Layout *l, Str text, int *variant, Str *year)
{
    for (int t = 0; t < l->ntables; t++) {
        const LTable *lt = &l->tables[t];
        for (int v = 0; v < 2; v++) {
            if (lt->variant >= 0 && lt->variant != v) continue;
            if (!lt->title[v].n || !title_is(a, lt->title[v], text, year)) continue;
            bool same = lt->variant < 0 && str_eq(lt->title[0], lt->title[1]);
            *variant = same ? -1 : v;
            return t;
        }
    }
    return -1;
}

static int layout_names(char names[][64], int cap)
{
    int n = 0;
    for (int i = 0; i < bdl_builtin_layouts_count && n < cap; i++) {
        const char *p = bdl_builtin_layouts[i].path;
        if (strncmp(p, "layout/", 7)) continue;
        const char *slash = strchr(p + 7, '/');
        if (!slash || slash - (p + 7) >= 64) continue;
        int len = (int)(slash - (p + 7));
        bool seen = false;
        for (int j = 0; j < n && !seen; j++) seen = (int)strlen(names[j]) == len && !strncmp(names[j], p + 7, (size_t)len);
        if (seen) continue;
        memcpy(names[n], p + 7, (size_t)len);
        names[n++][len] = 0;
    }
    return n;
}

/* ------------------------------------------------------------ reading */

static void keep(LImp *li, LTab *t, int i, const char *why)
{
    Imp *im = li->im;
    Note *nt = arena_alloc(&im->a, sizeof *nt);
    nt->line = im->L[i].no;
    nt->why = (char *)why;
    vec_apush(&im->a, t ? &t->notes : &im->loose, nt);
    im->nplaced_not++;
}

/* A printed value that is not what it is made of: `sum` says the row's
 * own columns disagree, else the tables BDL holds give `want`. */
static void mismatch_as(LImp *li, LTab *t, int line, const char *what, const Amt *printed, int64_t want, bool sum)
{
    Imp *im = li->im;
    Note *nt = arena_alloc(&im->a, sizeof *nt);
    Str p = printed->present ? printed->text : str_c("blank");
    const char *w = text_fmt_amount(im, want);
    nt->line = line;
    nt->why = buf_format(&im->a, "table %d, %s: printed %.*s, %s %s", t->lt->number, what, (int)p.n, p.s,
                         sum ? "its columns add up to" : "the tables above give", w);
    vec_apush(&im->a, &t->notes, nt);
    if (sum)
        imp_warn(im, line, "table %d (%s), %s: printed %.*s, but its columns add up to %s", t->lt->number,
                 t->lt->id, what, (int)p.n, p.s, w);
    else
        imp_warn(im, line, "table %d (%s), %s: printed %.*s, but the tables it is derived from give %s",
                 t->lt->number, t->lt->id, what, (int)p.n, p.s, w);
    t->mismatch++;
}

static void mismatch(LImp *li, LTab *t, int line, const char *what, const Amt *printed, int64_t want)
{
    mismatch_as(li, t, line, what, printed, want, false);
}

/* A code split over cells (`301`, `2` for 30102): joined, each part two digits. */
static int read_code(Imp *im, const TLine *L, int c, int levels, Str *code)
{
    Str first = L->cell[c];
    if (!all_digits(first) || first.n < 3) return c;
    Buf b = { 0 };
    buf_add(&b, first.s, first.n);
    int k = c + 1;
    for (int lv = 1; lv < levels && k < L->ncell; lv++, k++) {
        Str p = L->cell[k];
        if (!p.n) continue; /* a 款 or 项 cell left empty: the code is whole in the first */
        if (!all_digits(p) || p.n > 2 || k + 1 >= L->ncell || text_is_number(L->cell[k + 1])) break;
        if (p.n == 1) buf_add(&b, "0", 1);
        buf_add(&b, p.s, p.n);
    }
    *code = text_slice(arena_strndup(&im->a, b.s, b.n), b.n);
    buf_free(&b);
    return k;
}

static bool is_note(Str x) { return text_starts_with(x, "注"); }

static void read_note(LImp *li, LTab *t, int i, Str x)
{
    for (int v = 0; v < 2; v++) {
        Str y;
        if (t->lt->note[v].n && title_is(&li->im->a, t->lt->note[v], x, &y)) {
            t->note = x;
            return;
        }
    }
    keep(li, t, i, "a note the layout does not print under this table");
    imp_warn(li->im, li->im->L[i].no, "table %d (%s) has a note the layout does not print under it (kept as a "
             "comment): “%.*s”", t->lt->number, t->lt->id, (int)x.n, x.s);
}

static void read_classes(LImp *li, LTab *t)
{
    Imp *im = li->im;
    int levels = 0;
    for (int k = 0; k < 3; k++) levels += t->lt->code_titles[k].n > 0;
    if (!levels) levels = 3;
    bool data = false, done = false;
    for (int i = t->from; i < t->to; i++) {
        TLine *L = &im->L[i];
        if (!L->nonblank) continue;
        Str x = line_text(im, L);
        if (done && !is_note(x)) break;
        if (meta_line(li, t, L)) continue;
        if (is_note(x)) {
            read_note(li, t, i, x);
            t->last = i;
            continue;
        }
        if (str_eqc(x, "无")) {
            t->empty = t->none_row = true;
            continue;
        }
        int c = L->first;
        LRow *r = arena_alloc(&im->a, sizeof *r);
        memset(r, 0, sizeof *r);
        r->line = L->no;
        int k = read_code(im, L, c, levels, &r->code);
        if (k > c) {
            if (k < L->ncell && !text_is_number(L->cell[k])) r->name = L->cell[k++];
        } else if (t->lt->total.n && str_eq(squash(&im->a, L->cell[c]), squash(&im->a, t->lt->total))) {
            r->total = true;
            k = c + 1;
        } else {
            if (data) keep(li, t, i, "not a row of this table");
            t->last = data ? i : t->last;
            continue; /* a header line */
        }
        /* a long name spills into the next column and leaves an empty cell
         * before the amounts; a row's 合计 is never blank */
        if (t->namt && !strcmp(t->lt->cols[t->amt[0]].key, "total"))
            while (k + 1 < L->ncell && !L->cell[k].n) k++;
        /* more cells than amount columns: an empty one is a split column */
        int extra = L->ncell - k - t->namt;
        bool bad = false;
        int n = 0;
        for (; k < L->ncell && n < t->namt; k++, n++) {
            if (extra > 0 && !L->cell[k].n) {
                extra--;
                n--;
                continue;
            }
            bool blank = !L->cell[k].n;
            if (!text_amount(im, L->cell[k], L->no, &r->a[n])) bad = true;
            style_of(t, &r->a[n], blank);
        }
        if (k < L->ncell) bad = true;
        for (int m = n; m < t->namt && !bad; m++) t->zero_blank += n > 0;
        if (bad) {
            keep(li, t, i, "a row whose cells are not the table's amounts");
            continue;
        }
        data = true;
        t->last = i;
        if (r->total && n == 0) {
            t->empty = true; /* 合计 with nothing: an empty table */
        } else {
            vec_apush(&im->a, &t->rows, r);
            if (r->code.n && !map_get(&t->by_code, r->code)) map_put(&t->by_code, r->code, r);
        }
        if (r->total && t->lt->total_bottom) done = true;
    }
    if (!t->rows.n) t->empty = true;
}

static void read_official(LImp *li, LTab *t)
{
    Imp *im = li->im;
    bool got = false;
    for (int i = t->from; i < t->to; i++) {
        TLine *L = &im->L[i];
        if (!L->nonblank) continue;
        Str x = line_text(im, L);
        if (meta_line(li, t, L)) continue;
        bool nums = true;
        for (int c = 0; c < L->ncell && nums; c++) nums = !L->cell[c].n || text_is_number(L->cell[c]);
        if (!got && nums) {
            LRow *r = arena_alloc(&im->a, sizeof *r);
            memset(r, 0, sizeof *r);
            r->line = L->no;
            int n = 0;
            for (int c = L->first; c < L->ncell && n < t->namt; c++, n++) {
                text_amount(im, L->cell[c], L->no, &r->a[n]);
                style_of(t, &r->a[n], !L->cell[c].n);
            }
            vec_apush(&im->a, &t->rows, r);
            got = true;
            t->last = i;
            continue;
        }
        if (got && is_note(x)) {
            read_note(li, t, i, x);
            t->last = i;
            continue;
        }
        if (got) break;
    }
    t->empty = !got;
}

/* A two-sided line as sides: a label (a lone numbering cell joined to the
 * label after it) and the amounts after it. */
static int sides_of(Imp *im, const TLine *L, LSide *out, int cap)
{
    int n = 0;
    for (int c = 0; c < L->ncell; c++) {
        Str x = L->cell[c];
        if (!x.n) continue;
        if (text_is_number(x)) {
            if (!n) {
                memset(&out[n], 0, sizeof out[n]);
                out[n].line = L->no;
                n++;
            }
            LSide *s = &out[n - 1];
            if (s->na < LI_MAXSIDE) text_amount(im, x, L->no, &s->a[s->na++]);
            continue;
        }
        if (n == cap) break;
        /* `pdftotext -layout` text: an amount and the label after it, one space apart */
        uint32_t sp = 0;
        while (sp < x.n && x.s[sp] != ' ') sp++;
        if (sp < x.n && text_is_number(text_slice(x.s, sp))) {
            if (!n) {
                memset(&out[n], 0, sizeof out[n]);
                out[n].line = L->no;
                n++;
            }
            LSide *s = &out[n - 1];
            if (s->na < LI_MAXSIDE) text_amount(im, text_slice(x.s, sp), L->no, &s->a[s->na++]);
            x = text_trim(text_slice(x.s + sp, x.n - sp));
            if (n == cap) break;
        }
        LSide *s = &out[n++];
        memset(s, 0, sizeof *s);
        s->line = L->no;
        s->label = x;
        if (numbering(x) == x.n && c + 1 < L->ncell && L->cell[c + 1].n && !text_is_number(L->cell[c + 1])) {
            char *j = buf_format(&im->a, "%.*s%.*s", (int)x.n, x.s, (int)L->cell[c + 1].n, L->cell[c + 1].s);
            s->label = str_c(j);
            c++;
        }
    }
    return n;
}

static const LPart *part_of(const LTable *lt, MRowKind kind)
{
    for (int p = 0; p < lt->nparts; p++)
        if (lt->parts[p].kind == kind) return &lt->parts[p];
    return NULL;
}

/* Labels alike: equal without numbering and spaces, or one the start of the other. */
static bool label_like(Arena *a, Str x, Str y)
{
    x = squash(a, unnumbered(x));
    y = squash(a, unnumbered(y));
    if (!x.n || !y.n) return false;
    uint32_t n = x.n < y.n ? x.n : y.n;
    return memcmp(x.s, y.s, n) == 0 && n >= 6;
}

static void read_paired(LImp *li, LTab *t)
{
    Imp *im = li->im;
    const LPart *data = part_of(t->lt, MR_DATA), *tot = part_of(t->lt, MR_TOTAL);
    if (!data) return;
    int nleft = data->nitems[0];
    bool started = false;
    for (int i = t->from; i < t->to; i++) {
        TLine *L = &im->L[i];
        if (!L->nonblank) continue;
        if (meta_line(li, t, L)) continue;
        LSide s[4];
        int n = sides_of(im, L, s, 4);
        if (!n) continue;
        bool is_total = false;
        for (int k = 0; k < n && tot; k++)
            for (int side = 0; side < 2; side++)
                if (tot->nitems[side] && tot->side[side][0].kind == LI_LABEL && s[k].label.n &&
                    str_eq(squash(&im->a, s[k].label), squash(&im->a, tot->side[side][0].label)))
                    is_total = true;
        if (is_total) {
            for (int k = 0; k < n; k++) {
                LSide *c = arena_alloc(&im->a, sizeof *c);
                *c = s[k];
                for (int m = 0; m < c->na; m++) style_of(t, &c->a[m], false);
                bool left = tot->nitems[0] && str_eq(squash(&im->a, c->label), squash(&im->a, tot->side[0][0].label));
                if (left) t->ltot = c;
                else t->rtot = c;
            }
            t->last = i;
            return;
        }
        if (!started) {
            if (!nleft || data->side[0][0].kind != LI_LABEL || !label_like(&im->a, s[0].label, data->side[0][0].label))
                continue; /* header */
            started = true;
        }
        t->last = i;
        for (int k = 0; k < n; k++) {
            LSide *c = arena_alloc(&im->a, sizeof *c);
            *c = s[k];
            for (int m = 0; m < c->na; m++) style_of(t, &c->a[m], false);
            int next = t->left.n;
            bool left = k == 0 && next < nleft && (n > 1 || (data->side[0][next].kind == LI_LABEL &&
                                                              label_like(&im->a, c->label, data->side[0][next].label)));
            if (left && !c->na) t->zero_blank++;
            vec_apush(&im->a, left ? &t->left : &t->right, c);
        }
    }
}

/* ------------------------------------------------------------ sources */

/* The sources of cn/YEAR (or of cn/2026 when the library has no such year),
 * read from the standard library itself: keys, names, the fiscal set and
 * the expenditure column's label are its, not a copy. */
static void load_sources(LImp *li, Str year)
{
    Imp *im = li->im;
    char text[64];
    int n = snprintf(text, sizeof text, "import \"cn/%.*s\"\n", (int)(year.n > 8 ? 8 : year.n), year.s);
    LoadOptions lo = { 0 };
    Unit *u = unit_new(&lo);
    if (load_unit_memory(u, "<import>", text, (size_t)n)) {
        CheckResult r;
        check_unit(u, &(CheckOptions){ .result = &r });
        for (int i = 0; i < r.st.sources.n && li->nsrc < LI_MAXSRC; i++) {
            const Source *x = r.st.sources.v[i];
            struct LSrc *d = &li->src[li->nsrc++];
            d->key = text_slice(arena_strndup(&im->a, x->key.s, x->key.n), x->key.n);
            d->name = text_slice(arena_strndup(&im->a, x->name.s, x->name.n), x->name.n);
            d->column = text_slice(arena_strndup(&im->a, x->label[0].s, x->label[0].n), x->label[0].n);
            d->fiscal = x->fiscal;
        }
        check_result_free(&r);
    }
    unit_free(u);
}

static int src_index(const LImp *li, Str key)
{
    for (int k = 0; k < li->nsrc; k++)
        if (str_eq(key, li->src[k].key) || str_eq(key, li->src[k].name)) return k;
    return -1;
}

static bool src_in(const LImp *li, int k, Str set)
{
    if (!set.n || str_eqc(set, "all")) return true;
    if (str_eqc(set, "fiscal")) return k >= 0 && li->src[k].fiscal;
    return src_index(li, set) == k;
}

/* The written tables: classification over one source. */
static bool written(const LImp *li, const LTab *t)
{
    return t->lt->rows <= LR_ECONOMIC && src_index(li, t->lt->set) >= 0;
}

static int cell_of(const LColumn *c)
{
    if (c->has_cell) return c->cell;
    if (!strcmp(c->key, "basic")) return CELL_BASIC;
    if (!strcmp(c->key, "project")) return CELL_PROJECT;
    if (!strcmp(c->key, "personnel")) return CELL_PERSONNEL;
    if (!strcmp(c->key, "public")) return CELL_PUBLIC;
    return CELL_TOTAL;
}

static int64_t amt(const Amt *a) { return a->present && a->ok ? a->v : 0; }

/* Σ over the written tables of rows `rows` (function/economic) whose source is
 * in `set`, of cell `cell` of `code` (n == 0: the 合计 row). */
static bool derive(LImp *li, LRows rows, Str set, Str code, int cell, int64_t *v)
{
    *v = 0;
    bool any = false;
    for (int i = 0; i < li->ntabs + li->nmade; i++) {
        LTab *t = &li->tabs[i];
        if (!written(li, t) || t->lt->rows != rows || !src_in(li, src_index(li, t->lt->set), set)) continue;
        LRow *r = NULL;
        if (code.n) r = map_get(&t->by_code, code);
        else
            for (int k = 0; k < t->rows.n && !r; k++)
                if (((LRow *)t->rows.v[k])->total) r = t->rows.v[k];
        any = true;
        if (!r) continue;
        int64_t x = 0;
        bool found = false;
        for (int k = 0; k < t->namt; k++)
            if (cell_of(&t->lt->cols[t->amt[k]]) == cell) {
                x = amt(&r->a[k]);
                found = true;
            }
        if (!found && cell == CELL_TOTAL) continue;
        if (!found) return false;
        if (!money_add(v, x)) return false;
    }
    return any;
}

static void compare_classes(LImp *li, LTab *t)
{
    for (int i = 0; i < t->rows.n; i++) {
        LRow *r = t->rows.v[i];
        for (int k = 0; k < t->namt; k++) {
            const LColumn *c = &t->lt->cols[t->amt[k]];
            Str set = c->has_cell && c->set.n ? c->set : t->lt->set;
            if (c->has_cell && c->set.n && !src_in(li, 0, t->lt->set)) set = t->lt->set;
            int64_t want;
            if (!derive(li, t->lt->rows, set, r->total ? (Str){ "", 0 } : r->code, cell_of(c), &want)) continue;
            if (amt(&r->a[k]) == want) continue;
            mismatch(li, t, r->line,
                     buf_format(&li->im->a, "row %.*s, column %.*s", (int)(r->total ? 6 : r->code.n),
                                r->total ? "合计" : r->code.s, (int)c->title.n, c->title.s),
                     &r->a[k], want);
        }
    }
}

/* The 类 of the written function tables, by name. */
static Str class_code(LImp *li, Str name)
{
    Str want = squash(&li->im->a, unnumbered(name));
    for (int i = 0; i < li->ntabs + li->nmade; i++) {
        LTab *t = &li->tabs[i];
        if (!written(li, t) || t->lt->rows != LR_FUNCTION) continue;
        for (int k = 0; k < t->rows.n; k++) {
            LRow *r = t->rows.v[k];
            if (r->code.n == 3 && str_eq(squash(&li->im->a, r->name), want)) return r->code;
        }
    }
    return (Str){ "", 0 };
}

/* The right side's amount columns, in order (the left has one). */
static int right_cols(const LTable *lt, int *cols, int cap)
{
    int n = 0;
    bool first = true;
    for (int c = 0; c < lt->ncols && n < cap; c++) {
        if (!lt->cols[c].amount) continue;
        if (first) {
            first = false;
            continue;
        }
        cols[n++] = c;
    }
    return n;
}

static int64_t income_of(LImp *li, Str set, bool *any);

/* A right-side row that prints its 合计 and the cells it is made of
 * (人员经费 + 公用经费 + 项目支出, or 基本支出 + 项目支出): they add up. */
static void compare_row_sum(LImp *li, LTab *t, const LSide *s, const int *cols, int n)
{
    int64_t part[NCELLS] = { 0 };
    bool has[NCELLS] = { false };
    int total = -1;
    for (int m = 0, k = 0; m < n && k < s->na; m++, k++) {
        const LColumn *c = &t->lt->cols[cols[m]];
        if (c->per_source) return;
        int cell = cell_of(c);
        if (cell == CELL_TOTAL && total < 0) total = k;
        else if (cell != CELL_TOTAL) {
            part[cell] = amt(&s->a[k]);
            has[cell] = true;
        }
    }
    if (total < 0 || !has[CELL_PROJECT] || !(has[CELL_BASIC] || (has[CELL_PERSONNEL] && has[CELL_PUBLIC]))) return;
    int64_t want = part[CELL_PROJECT];
    if (has[CELL_BASIC]) money_add(&want, part[CELL_BASIC]);
    else {
        money_add(&want, part[CELL_PERSONNEL]);
        money_add(&want, part[CELL_PUBLIC]);
    }
    if (amt(&s->a[total]) != want)
        mismatch_as(li, t, s->line, buf_format(&li->im->a, "%.*s, 合计", (int)s->label.n, s->label.s), &s->a[total],
                    want, true);
}

static void compare_right(LImp *li, LTab *t, const LSide *s, Str code)
{
    int cols[LI_MAXSIDE];
    int n = right_cols(t->lt, cols, LI_MAXSIDE);
    compare_row_sum(li, t, s, cols, n);
    int k = 0;
    for (int m = 0; m < n && k < LI_MAXSIDE; m++) {
        const LColumn *c = &t->lt->cols[cols[m]];
        if (c->per_source) {
            /* one column per source of its set */
            for (int q = 0; q < li->nsrc && k < LI_MAXSIDE; q++) {
                if (!src_in(li, q, c->set)) continue;
                int64_t want;
                Str key = li->src[q].key;
                if (derive(li, LR_FUNCTION, key, code, CELL_TOTAL, &want) && k < s->na + 1 &&
                    amt(&s->a[k]) != want)
                    mismatch(li, t, s->line, buf_format(&li->im->a, "%.*s, column %.*s", (int)s->label.n, s->label.s,
                                                        (int)li->src[q].column.n, li->src[q].column.s), &s->a[k], want);
                k++;
            }
            continue;
        }
        int cell = cell_of(c);
        int64_t want;
        bool ok;
        if (cell == CELL_PERSONNEL || cell == CELL_PUBLIC) {
            ok = !code.n && derive(li, LR_ECONOMIC, t->lt->set, code, cell, &want);
            if (code.n && k < s->na && amt(&s->a[k]) != 0) ok = false; /* not derivable by 类: as printed */
        } else {
            ok = derive(li, LR_FUNCTION, t->lt->set, code, cell, &want);
        }
        if (ok && k < LI_MAXSIDE && amt(&s->a[k]) != want)
            mismatch(li, t, s->line, buf_format(&li->im->a, "%.*s, column %.*s", (int)s->label.n, s->label.s,
                                                (int)c->title.n, c->title.s), &s->a[k], want);
        k++;
    }
}

static void compare_paired(LImp *li, LTab *t)
{
    const LPart *data = part_of(t->lt, MR_DATA);
    for (int i = 0; i < t->right.n; i++) {
        LSide *s = t->right.v[i];
        Str code = class_code(li, s->label);
        if (!code.n) {
            Note *nt = arena_alloc(&li->im->a, sizeof *nt);
            nt->line = s->line;
            nt->why = buf_format(&li->im->a, "table %d: “%.*s” is not the name of a 类 of the function tables, so "
                                 "its amounts were not compared", t->lt->number, (int)s->label.n, s->label.s);
            vec_apush(&li->im->a, &t->notes, nt);
            imp_warn(li->im, s->line, "table %d (%s): “%.*s” is not a 类 of the function tables; its amounts are not "
                     "compared", t->lt->number, t->lt->id, (int)s->label.n, s->label.s);
            continue;
        }
        compare_right(li, t, s, code);
    }
    if (t->rtot) compare_right(li, t, t->rtot, (Str){ "", 0 });
    /* the left side: items of a source set are sums of the written income */
    for (int i = 0; data && i < t->left.n && i < data->nitems[0]; i++) {
        const LItem *it = &data->side[0][i];
        LSide *s = t->left.v[i];
        if (it->kind != LI_LABEL || !(it->qty & LQ_INCOME) || src_index(li, it->of) >= 0) continue;
        bool any;
        int64_t want = income_of(li, it->of.n ? it->of : t->lt->set, &any);
        if (any && amt(&s->a[0]) != want)
            mismatch(li, t, s->line, buf_format(&li->im->a, "%.*s", (int)s->label.n, s->label.s), &s->a[0], want);
    }
    if (t->ltot && t->ltot->na) {
        bool any;
        int64_t want = income_of(li, t->lt->set, &any);
        if (any && amt(&t->ltot->a[0]) != want)
            mismatch(li, t, t->ltot->line, buf_format(&li->im->a, "%.*s", (int)t->ltot->label.n, t->ltot->label.s),
                     &t->ltot->a[0], want);
    }
}

/* ------------------------------------------------------------ income */

/* The income of each source: the first two-sided table over all sources
 * whose left items name one source (later tables are compared with it). */
static void read_income(LImp *li, Income *inc)
{
    memset(inc, 0, sizeof *inc);
    for (int pass = 0; pass < 2 && !inc->from; pass++)
        for (int i = 0; i < li->ntabs && !inc->from; i++) {
            LTab *t = &li->tabs[i];
            if (t->lt->rows != LR_PAIRED) continue;
            if (pass == 0 && !str_eqc(t->lt->set, "all")) continue;
            const LPart *data = part_of(t->lt, MR_DATA);
            if (!data) continue;
            for (int k = 0; k < t->left.n && k < data->nitems[0]; k++) {
                const LItem *it = &data->side[0][k];
                int s = src_index(li, it->of);
                if (it->kind != LI_LABEL || !(it->qty & LQ_INCOME) || s < 0) continue;
                LSide *side = t->left.v[k];
                if (side->na) inc->a[s] = side->a[0];
                inc->line[s] = side->line;
                inc->from = t;
            }
        }
}

static int64_t income_of(LImp *li, Str set, bool *any)
{
    Income *inc = &li->inc;
    *any = inc->from != NULL;
    int64_t v = 0;
    for (int k = 0; k < li->nsrc; k++)
        if (src_in(li, k, set)) money_add(&v, amt(&inc->a[k]));
    return v;
}

/* ------------------------------------------------------------ other sources */

/* Money from a source the fiscal tables do not show (事业收入, 事业单位经营收入,
 * 其他收入) is printed only in the tables over all sources: by function and
 * source, totals only (the “by source” table, Shanghai's table 2), and by
 * function with 基本支出/项目支出 for all sources together (the “split”
 * table, table 3).  Each such source becomes a block of its own: the by-source
 * table's column, every printed row (类/款 and 合计 rows as assertions, so a
 * column that does not add up is bdlc check's E110/E111), each leaf split into
 * basic and project by what the split table gives beyond the fiscal tables.
 * Where one code has money from two such sources, the publication does not say
 * which of them pays the 基本支出: the import gives it to the first in the
 * standard library's order, and says so in a comment. */

static const LColumn MADE_COLS[3] = {
    { .key = "total", .title = { "合计", 6 }, .amount = true },
    { .key = "basic", .title = { "基本支出", 12 }, .amount = true },
    { .key = "project", .title = { "项目支出", 12 }, .amount = true },
};

/* The amount column of t showing the total of source q alone, or -1. */
static int source_column(const LImp *li, const LTab *t, int q)
{
    for (int k = 0; k < t->namt; k++) {
        const LColumn *c = &t->lt->cols[t->amt[k]];
        if (c->has_cell && c->set.n && cell_of(c) == CELL_TOTAL && src_index(li, c->set) == q) return k;
    }
    return -1;
}

/* The amount column of t showing `cell` over the table's own sources, or -1. */
static int plain_column(const LTab *t, int cell)
{
    for (int k = 0; k < t->namt; k++) {
        const LColumn *c = &t->lt->cols[t->amt[k]];
        if (!(c->has_cell && c->set.n) && !c->per_source && cell_of(c) == cell) return k;
    }
    return -1;
}

static bool leaf_in(const LTab *t, const LRow *r)
{
    if (r->total) return false;
    for (int j = 0; j < t->rows.n; j++) {
        const LRow *o = t->rows.v[j];
        if (o != r && !o->total && o->code.n > r->code.n && !memcmp(o->code.s, r->code.s, r->code.n)) return false;
    }
    return true;
}

static void money_sub(int64_t *acc, int64_t v)
{
    if (v != INT64_MIN) money_add(acc, -v);
}

static Amt made_amount(Imp *im, int64_t v, int line)
{
    Amt a = { .line = line, .present = v != 0, .ok = true, .v = v };
    a.text = str_c(text_fmt_amount(im, v));
    return a;
}

/* 基本支出 of `code` that the split table gives beyond the fiscal tables and
 * the blocks made before this one. */
static int64_t basic_left(LImp *li, const LTab *split, Str code)
{
    int bk = split ? plain_column(split, CELL_BASIC) : -1;
    const LRow *r3 = bk >= 0 ? map_get(&((LTab *)split)->by_code, code) : NULL;
    if (!r3) return 0;
    int64_t left = amt(&r3->a[bk]), f;
    if (derive(li, LR_FUNCTION, str_c("fiscal"), code, CELL_BASIC, &f)) money_sub(&left, f);
    for (int i = 0; i < li->nmade; i++) {
        LTab *m = &li->tabs[li->ntabs + i];
        const LRow *r = map_get(&m->by_code, code);
        if (r) money_sub(&left, amt(&r->a[1]));
    }
    return left;
}

static void make_sources(LImp *li)
{
    Imp *im = li->im;
    const LTab *by = NULL, *split = NULL;
    for (int i = 0; i < li->ntabs; i++) {
        const LTab *t = &li->tabs[i];
        if (t->lt->rows != LR_FUNCTION || written(li, t) || t->empty) continue;
        bool per = false;
        for (int q = 0; q < li->nsrc && !per; q++) per = !li->src[q].fiscal && source_column(li, t, q) >= 0;
        if (per && !by) by = t;
        else if (!per && !split && plain_column(t, CELL_BASIC) >= 0 && plain_column(t, CELL_PROJECT) >= 0) split = t;
    }
    if (!by) return;
    for (int q = 0; q < li->nsrc && li->nmade < LI_MAXSRC; q++) {
        int m = li->src[q].fiscal ? -1 : source_column(li, by, q);
        if (m < 0) continue;
        bool any = false;
        for (int i = 0; i < by->rows.n && !any; i++) any = amt(&((LRow *)by->rows.v[i])->a[m]) != 0;
        if (!any) continue;
        LTab *t = &li->tabs[li->ntabs + li->nmade];
        memset(t, 0, sizeof *t);
        LTable *lt = arena_alloc(&im->a, sizeof *lt);
        *lt = *by->lt;
        lt->cols = (LColumn *)MADE_COLS;
        lt->ncols = 3;
        lt->set = li->src[q].key;
        t->lt = lt;
        t->title = by->title;
        t->printed_title = by->printed_title;
        t->last = by->last;
        t->from_source = by;
        t->from_split = split;
        t->namt = 3;
        for (int k = 0; k < 3; k++) t->amt[k] = k;
        for (int i = 0; i < by->rows.n; i++) {
            const LRow *r = by->rows.v[i];
            int64_t s = amt(&r->a[m]);
            if (!s) continue;
            LRow *n = arena_alloc(&im->a, sizeof *n);
            memset(n, 0, sizeof *n);
            n->line = r->line;
            n->total = r->total;
            n->code = r->code;
            n->name = r->name;
            n->a[0] = r->a[m];
            if (leaf_in(by, r)) {
                int64_t b = basic_left(li, split, r->code);
                b = s < 0 || b < 0 ? 0 : b > s ? s : b;
                int64_t p = s;
                money_sub(&p, b);
                n->a[1] = made_amount(im, b, r->line);
                n->a[2] = made_amount(im, p, r->line);
            } else {
                n->sums_quiet = true; /* filled below */
            }
            vec_apush(&im->a, &t->rows, n);
            if (n->code.n && !map_get(&t->by_code, n->code)) map_put(&t->by_code, n->code, n);
        }
        /* the 类/款 and 合计 rows' basic and project: the sums of the leaves (compared, not written) */
        for (int i = 0; i < t->rows.n; i++) {
            LRow *n = t->rows.v[i];
            if (!n->sums_quiet) continue;
            int64_t sum[2] = { 0, 0 };
            for (int j = 0; j < t->rows.n; j++) {
                const LRow *o = t->rows.v[j];
                if (o->sums_quiet || (!n->total && (o->code.n <= n->code.n || memcmp(o->code.s, n->code.s, n->code.n))))
                    continue;
                money_add(&sum[0], amt(&o->a[1]));
                money_add(&sum[1], amt(&o->a[2]));
            }
            for (int k = 0; k < 2; k++) n->a[1 + k] = made_amount(im, sum[k], n->line);
        }
        li->nmade++;
    }
}

/* ------------------------------------------------------------ writing */

static int width(Str s)
{
    int w = 0;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        w += char_width(cp);
        i += (uint32_t)k;
    }
    return w;
}

static void pad(Buf *b, int n)
{
    for (int i = 0; i < n; i++) buf_add(b, " ", 1);
}

/* A name as BDL reads it: bare when it is CJK ideographs only (never a
 * keyword, never a number), else quoted. */
static void put_name(Buf *b, Str s)
{
    bool bare = s.n > 0;
    for (uint32_t i = 0; i < s.n && bare;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        bare = cp >= 0x4E00 && cp <= 0x9FFF;
        i += (uint32_t)k;
    }
    if (bare) buf_add(b, s.s, s.n);
    else import_put_string(b, s);
}

static void put_comment(Buf *b, Str s)
{
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        if (cp == '\t') buf_adds(b, " | ");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) buf_add(b, " ", 1);
        else buf_add(b, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
}

static int page_at(const Imp *im, int line)
{
    const int *pg = im->page ? im->page : im->pages_text;
    return pg && line >= 1 && line <= im->nl ? pg[line - 1] : 0;
}

static void put_where(const Imp *im, Buf *b, int line)
{
    int p = page_at(im, line);
    if (p) buf_addf(b, "page %d, line %d", p, line);
    else buf_addf(b, "line %d", line);
}

static void put_notes(LImp *li, Buf *b, Vec *notes)
{
    Imp *im = li->im;
    for (int i = 0; i < notes->n; i++) {
        Note *n = notes->v[i];
        buf_adds(b, "# ");
        put_where(im, b, n->line);
        if (n->why) {
            buf_adds(b, ": ");
            put_comment(b, str_c(n->why));
        }
        buf_adds(b, "\n#     ");
        Str raw = im->L[n->line - 1].raw;
        while (raw.n && (raw.s[raw.n - 1] == '\t' || raw.s[raw.n - 1] == ' ')) raw.n--;
        put_comment(b, raw);
        buf_add(b, "\n", 1);
    }
}

/* The lines outside every table, a run at a time. */
static void put_loose(LImp *li, Buf *b, int from, int to)
{
    Imp *im = li->im;
    int first = -1;
    for (int i = from; i < to; i++) {
        if (li->used[i] || !im->L[i].nonblank) continue;
        if (first < 0) {
            buf_adds(b, "# not placed, from ");
            put_where(im, b, im->L[i].no);
            buf_adds(b, ":\n");
            first = i;
        }
        Str raw = im->L[i].raw;
        while (raw.n && (raw.s[raw.n - 1] == '\t' || raw.s[raw.n - 1] == ' ')) raw.n--;
        buf_adds(b, "#     ");
        put_comment(b, raw);
        buf_add(b, "\n", 1);
    }
    if (first >= 0) buf_add(b, "\n", 1);
}

static void put_table_head(LImp *li, Buf *b, const LTab *t)
{
    buf_addf(b, "# 表%d ", t->lt->number);
    put_comment(b, t->printed_title);
    buf_addf(b, " (%s, ", t->lt->id);
    put_where(li->im, b, li->im->L[t->title].no);
    buf_adds(b, ")");
}

/* The next line written to the output comes from source line `line` of
 * table t (for `bdlc review`: a problem names its table and page). */
static void mark(LImp *li, const LTab *t, int line)
{
    Imp *im = li->im;
    const Buf *b = li->out;
    for (; li->counted < b->n; li->counted++) li->lines += b->s[li->counted] == '\n';
    buf_addf(&im->where, "%d\t%d\t%d\t表%d ", li->lines + 1, page_at(im, line), line, t->lt->number);
    Str title = t->printed_title;
    for (uint32_t i = 0; i < title.n; i++) buf_add(&im->where, title.s[i] == '\t' || title.s[i] == '\n' ? " " : title.s + i, 1);
    buf_add(&im->where, "\n", 1);
}

static const char *const CELL_KW[NCELLS] = { "basic", "project", "total", "personnel", "public" };

static void put_classes(LImp *li, Buf *b, LTab *t)
{
    bool eco = t->lt->rows == LR_ECONOMIC;
    int s = src_index(li, t->lt->set);
    mark(li, t, li->im->L[t->title].no);
    buf_adds(b, eco ? "economic" : "expenditure");
    if (s > 0) buf_addf(b, " %.*s", (int)li->src[s].name.n, li->src[s].name.s);
    buf_adds(b, " {\n");
    int codew = 5, namew = 0;
    int aw[LI_MAXAMT] = { 0 };
    for (int i = 0; i < t->rows.n; i++) {
        LRow *r = t->rows.v[i];
        if ((int)r->code.n > codew) codew = (int)r->code.n;
        if (width(r->name) > namew) namew = width(r->name);
        for (int k = 0; k < t->namt; k++)
            if ((int)r->a[k].text.n > aw[k]) aw[k] = (int)r->a[k].text.n;
    }
    for (int i = 0; i < t->rows.n; i++) {
        LRow *r = t->rows.v[i];
        mark(li, t, r->line);
        pad(b, 4);
        if (r->total) {
            buf_adds(b, "total");
            pad(b, codew - 5 + 1 + namew + (namew ? 1 : 0));
        } else {
            buf_add(b, r->code.s, r->code.n);
            pad(b, codew - (int)r->code.n + 1);
            size_t at = b->n;
            put_name(b, r->name);
            int w = width((Str){ b->s + at, (uint32_t)(b->n - at) });
            pad(b, namew - w + 1);
        }
        bool leaf = !r->total;
        if (leaf)
            for (int j = 0; j < t->rows.n && leaf; j++) {
                LRow *o = t->rows.v[j];
                leaf = o == r || o->total || o->code.n <= r->code.n || memcmp(o->code.s, r->code.s, r->code.n) != 0;
            }
        for (int k = 0; k < t->namt; k++) {
            const LColumn *c = &t->lt->cols[t->amt[k]];
            int cell = cell_of(c);
            Amt *a = &r->a[k];
            bool show = a->present && !(a->ok && a->v == 0) && !(r->sums_quiet && cell != CELL_TOTAL);
            if (eco && cell == CELL_TOTAL) {
                /* the bare amount of an economic row is its total */
                pad(b, aw[k] - (int)a->text.n);
                if (a->present) buf_add(b, a->text.s, a->text.n);
                else buf_adds(b, "0");
                continue;
            }
            if (eco && leaf && !show) {
                pad(b, 2 + (int)strlen(CELL_KW[cell]) + aw[k]);
                continue;
            }
            if (!show) {
                pad(b, 2 + (int)strlen(CELL_KW[cell]) + 1 + aw[k]);
                continue;
            }
            buf_addf(b, "  %s ", CELL_KW[cell]);
            pad(b, aw[k] - (int)a->text.n);
            buf_add(b, a->text.s, a->text.n);
        }
        while (b->n && b->s[b->n - 1] == ' ') b->n--;
        buf_add(b, "\n", 1);
    }
    buf_adds(b, "}\n");
}

static void put_made(LImp *li, Buf *b, const LTab *from)
{
    for (int i = 0; i < li->nmade; i++) {
        LTab *t = &li->tabs[li->ntabs + i];
        if (t->from_source != from) continue;
        const struct LSrc *s = &li->src[src_index(li, t->lt->set)];
        const LColumn *c = &from->lt->cols[from->amt[source_column(li, from, src_index(li, t->lt->set))]];
        buf_addf(b, "\n# %.*s: 表%d's column ", (int)s->name.n, s->name.s, from->lt->number);
        put_comment(b, c->title);
        buf_adds(b, ", row for row; each item's 基本支出 and 项目支出");
        if (t->from_split) buf_addf(b, " are what 表%d gives\n# beyond the fiscal tables (where several sources share "
                                      "an item, the 基本支出 goes to the first of them).\n",
                                      t->from_split->lt->number);
        else buf_adds(b, " are not printed: written as 项目支出.\n");
        put_classes(li, b, t);
    }
}

static bool put_official(LImp *li, Buf *b, LTab *t)
{
    if (!t->rows.n) return false;
    LRow *r = t->rows.v[0];
    Imp *im = li->im;
    Str unit = t->unit.n ? t->unit : t->lt->unit;
    Amt *cost = NULL;
    bool opened = false;
    for (int k = 0; k < t->namt; k++) {
        const char *key = t->lt->cols[t->amt[k]].key;
        Amt *a = &r->a[k];
        if (!strcmp(key, "operating-costs")) {
            cost = a;
            continue;
        }
        bool item = !strcmp(key, "total");
        for (int q = 0; q < 4; q++) item |= !strcmp(key, IMP_TP_KEY[q]);
        if (!item) continue;
        if (!opened) {
            mark(li, t, r->line);
            buf_adds(b, "three-public");
            if (unit.n && !str_eq(unit, im->unit)) buf_addf(b, " %.*s", (int)unit.n, unit.s);
            buf_adds(b, " {\n");
            opened = true;
        }
        mark(li, t, r->line);
        buf_addf(b, "    %s %.*s\n", key, (int)(a->present ? a->text.n : 1), a->present ? a->text.s : "0");
    }
    if (opened) buf_adds(b, "}\n");
    if (cost && cost->present) {
        mark(li, t, r->line);
        buf_addf(b, "operating-costs %.*s", (int)cost->text.n, cost->text.s);
        if (unit.n && !str_eq(unit, im->unit)) buf_addf(b, " %.*s", (int)unit.n, unit.s);
        buf_add(b, "\n", 1);
    }
    return true;
}

/* A vehicle 小计 (or any column of the 三公 row that is no item) is derived:
 * the items of its group must add up to it. */
static void compare_official(LImp *li, LTab *t)
{
    if (!t->rows.n) return;
    LRow *r = t->rows.v[0];
    for (int k = 0; k < t->namt; k++) {
        const LColumn *c = &t->lt->cols[t->amt[k]];
        if (strcmp(c->key, "vehicle")) continue;
        int64_t want = 0;
        for (int m = 0; m < t->namt; m++) {
            const char *key = t->lt->cols[t->amt[m]].key;
            if (!strncmp(key, "vehicle-", 8)) money_add(&want, amt(&r->a[m]));
        }
        if (amt(&r->a[k]) != want)
            mismatch(li, t, r->line, buf_format(&li->im->a, "column %.*s", (int)c->title.n, c->title.s), &r->a[k], want);
    }
}

static void put_style(LImp *li, Buf *b, LTab *t)
{
    Imp *im = li->im;
    Buf body = { 0 };
    Str title = t->lt->title[li->variant].n ? t->lt->title[li->variant] : t->lt->title[0];
    Str y;
    if (!title_is(&im->a, title, t->printed_title, &y) || !y.n) {
        buf_adds(&body, "    title ");
        import_put_string(&body, t->printed_title);
        buf_add(&body, "\n", 1);
    }
    Str unit = t->unit.n ? t->unit : im->unit;
    if (t->unit.n && (t->lt->unit.n ? !str_eq(unit, t->lt->unit) : !str_eq(unit, im->unit)))
        buf_addf(&body, "    unit %.*s\n", (int)unit.n, unit.s);
    else if (t->lt->unit.n && t->unit.n)
        buf_addf(&body, "    unit %.*s\n", (int)unit.n, unit.s);
    if (t->grouped + t->plain + t->dec > 0 || t->lt->decimals >= 0) buf_addf(&body, "    decimals %d\n", t->dec);
    if (t->grouped || t->plain) buf_addf(&body, "    grouping %s\n", t->grouped >= t->plain ? "yes" : "no");
    if (t->zero_blank > t->zero_dot + t->zero_int) buf_adds(&body, "    zero blank\n");
    else if (t->zero_dot >= t->zero_int && t->zero_dot) buf_addf(&body, "    zero \"0.%.*s\"\n", t->dec > 0 ? t->dec : 2,
                                                                 "000000");
    else if (t->zero_int) buf_adds(&body, "    zero \"0\"\n");
    /* an empty table printed without the layout's 无 row */
    if (t->empty && t->lt->empty_row.n && !t->none_row) buf_adds(&body, "    label empty-row \"\"\n");
    /* income labels other than the layout's */
    const LPart *data = part_of(t->lt, MR_DATA);
    for (int i = 0; data && t->lt->rows == LR_PAIRED && i < t->left.n && i < data->nitems[0]; i++) {
        const LItem *it = &data->side[0][i];
        LSide *s = t->left.v[i];
        if (it->kind != LI_LABEL || !it->of.n) continue;
        Str mine = squash(&im->a, unnumbered(s->label)), theirs = squash(&im->a, unnumbered(it->label));
        if (str_eq(mine, theirs) || !mine.n) continue;
        buf_addf(&body, "    label %.*s ", (int)it->of.n, it->of.s);
        import_put_string(&body, unnumbered(s->label));
        buf_add(&body, "\n", 1);
    }
    if (body.n) {
        mark(li, t, im->L[t->title].no);
        buf_addf(b, "table %s {", t->lt->id);
        buf_adds(b, "          # ");
        buf_addf(b, "表%d ", t->lt->number);
        put_comment(b, t->printed_title);
        buf_add(b, "\n", 1);
        buf_add(b, body.s, body.n);
        buf_adds(b, "}\n");
    }
    buf_free(&body);
}

static bool has_stdlib(Str year)
{
    char p[32];
    snprintf(p, sizeof p, "cn/%.*s/", (int)(year.n > 8 ? 8 : year.n), year.s);
    for (int i = 0; i < bdl_builtin_stdlib_count; i++)
        if (!strncmp(bdl_builtin_stdlib[i].path, p, strlen(p))) return true;
    return false;
}

static void write_layout_document(LImp *li, Buf *b, const Income *inc)
{
    Imp *im = li->im;
    li->out = b;
    const char *base = strrchr(im->path, '/');
    base = base ? base + 1 : im->path;
    const char *vname = li->variant ? "agency" : "department";
    buf_adds(b, "# ");
    if (li->dept.n) {
        put_comment(b, li->dept);
        buf_add(b, " ", 1);
    }
    buf_addf(b, "%.*s年, imported by `bdlc import` from ", (int)im->year.n, im->year.s);
    put_comment(b, str_c(base));
    buf_addf(b, " (layout %.*s, variant %s).\n", (int)li->lay->name.n, li->lay->name.s, vname);
    buf_adds(b, "# Every printed row of the tables BDL holds is written, 合计 and 类/款 rows\n"
                "# included: they are assertions `bdlc check` verifies.  The tables BDL derives\n"
                "# were compared with what this file gives (a difference is a comment below).\n");
    buf_addf(b, "# Tables recognised: %d of the layout's %d.\n", li->ntabs, li->expected);
    if (im->nplaced_not)
        buf_addf(b, "# %d line%s of the document could not be placed: see the \"not placed\" comments.\n",
                 im->nplaced_not, im->nplaced_not == 1 ? "" : "s");
    Str year = has_stdlib(im->year) ? im->year : str_c("2026");
    buf_addf(b, "\nimport \"cn/%.*s\"\n\n", (int)year.n, year.s);
    int first = li->ntabs ? li->tabs[0].title : im->nl;
    put_loose(li, b, 0, first);
    buf_addf(b, "budget %.*s {\n", (int)im->year.n, im->year.s);
    buf_addf(b, "    layout %.*s\n    variant %s\n", (int)li->lay->name.n, li->lay->name.s, vname);
    if (li->dept.n) {
        buf_adds(b, "    department ");
        import_put_string(b, li->dept);
        buf_add(b, "\n", 1);
    }
    if (im->unit.n) buf_addf(b, "    unit %.*s\n", (int)im->unit.n, im->unit.s);
    buf_addf(b, "    decimals %d\n", im->decimals > 6 ? 6 : im->decimals);
    buf_adds(b, "    # The import reads the tables, not the project descriptions.\n    projects partial\n}\n");
    /* income */
    if (inc->from) {
        buf_add(b, "\n", 1);
        put_table_head(li, b, inc->from);
        buf_adds(b, ": the income side.\n");
        bool any = false;
        for (int k = 0; k < li->nsrc; k++) any |= amt(&inc->a[k]) != 0;
        mark(li, inc->from, li->im->L[inc->from->title].no);
        if (!any) buf_adds(b, "income { }\n");
        else {
            buf_adds(b, "income {\n");
            for (int k = 0; k < li->nsrc; k++)
                if (amt(&inc->a[k])) {
                    mark(li, inc->from, inc->line[k]);
                    buf_addf(b, "    %.*s %.*s\n", (int)li->src[k].name.n, li->src[k].name.s, (int)inc->a[k].text.n,
                             inc->a[k].text.s);
                }
            buf_adds(b, "}\n");
        }
    }
    for (int i = 0; i < li->ntabs; i++) {
        LTab *t = &li->tabs[i];
        buf_add(b, "\n", 1);
        put_table_head(li, b, t);
        if (written(li, t)) {
            if (t->empty) buf_adds(b, ": printed empty.\n");
            else {
                buf_adds(b, ", row for row.\n");
                put_notes(li, b, &t->notes);
                put_classes(li, b, t);
            }
        } else if (t->lt->rows == LR_OFFICIAL) {
            buf_adds(b, t->mismatch ? ": its derived columns differ (below).\n" : ".\n");
            put_notes(li, b, &t->notes);
            if (!put_official(li, b, t)) buf_adds(b, "# no row of amounts\n");
        } else {
            buf_adds(b, t->mismatch ? ": derived; it differs from the tables above (below).\n"
                                    : ": derived; it matched the tables above.\n");
            put_notes(li, b, &t->notes);
            put_made(li, b, t);
        }
        int end = i + 1 < li->ntabs ? li->tabs[i + 1].title : im->nl;
        if (end > t->last + 1) {
            buf_add(b, "\n", 1);
            put_loose(li, b, t->last + 1, end);
        }
    }
    buf_adds(b, "\n# How each table prints, where it is not the layout's default.\n");
    for (int i = 0; i < li->ntabs; i++) put_style(li, b, &li->tabs[i]);
}

/* ------------------------------------------------------------ the reader */

static int cmp_tab(const void *a, const void *b)
{
    const LTab *x = a, *y = b;
    return (x->title > y->title) - (x->title < y->title);
}

/* Read the document through the best-matching layout; false (nothing
 * changed) when no layout's title matches any line. */
static bool find_layout(Imp *im, Layout **out, int *variant)
{
    char names[16][64];
    int n = layout_names(names, 16), best = 0;
    *out = NULL;
    Str *texts = arena_alloc(&im->a, sizeof(Str) * (size_t)(im->nl + 1));
    for (int i = 0; i < im->nl; i++) texts[i] = im->L[i].nonblank ? line_text(im, &im->L[i]) : (Str){ "", 0 };
    for (int k = 0; k < n; k++) {
        char err[512];
        Layout *l = layout_load(names[k], NULL, err, sizeof err);
        if (!l) continue;
        int hits = 0, votes[2] = { 0, 0 };
        for (int i = 0; i < im->nl; i++) {
            if (!texts[i].n || texts[i].n > 200) continue;
            int v;
            Str y;
            if (title_of(&im->a, l, texts[i], &v, &y) < 0) continue;
            hits++;
            if (v >= 0) votes[v]++;
        }
        if (hits > best) {
            if (*out) layout_free(*out);
            *out = l;
            best = hits;
            *variant = votes[1] > votes[0];
        } else {
            layout_free(l);
        }
    }
    return *out != NULL;
}

static void read_tables(LImp *li)
{
    Imp *im = li->im;
    li->tabs = arena_alloc(&im->a, sizeof(LTab) * (size_t)(li->lay->ntables + LI_MAXSRC + 1));
    for (int i = 0; i < im->nl; i++) {
        if (!im->L[i].nonblank) continue;
        Str text = line_text(im, &im->L[i]);
        if (text.n > 200) continue;
        int v;
        Str y;
        int k = title_of(&im->a, li->lay, text, &v, &y);
        if (k < 0) continue;
        const LTable *lt = &li->lay->tables[k];
        if (lt->variant >= 0 && lt->variant != li->variant) { /* the other wording's table of that number */
            for (int j = 0; j < li->lay->ntables; j++)
                if (li->lay->tables[j].number == lt->number && li->lay->tables[j].variant == li->variant)
                    lt = &li->lay->tables[j];
        }
        bool dup = false;
        for (int j = 0; j < li->ntabs && !dup; j++) dup = li->tabs[j].lt == lt;
        if (dup) {
            keep(li, NULL, i, "the title of a table printed before");
            continue;
        }
        if (li->ntabs == li->lay->ntables) break;
        LTab *t = &li->tabs[li->ntabs++];
        memset(t, 0, sizeof *t);
        t->lt = lt;
        t->title = i;
        t->printed_title = text;
        t->year = y;
        if (y.n && !im->year.n) im->year = y;
    }
    qsort(li->tabs, (size_t)li->ntabs, sizeof *li->tabs, cmp_tab);
    for (int i = 0; i < li->ntabs; i++) {
        LTab *t = &li->tabs[i];
        t->from = t->title + 1;
        t->to = i + 1 < li->ntabs ? li->tabs[i + 1].title : im->nl;
        t->last = t->title;
        for (int c = 0; c < t->lt->ncols && t->namt < LI_MAXAMT; c++)
            if (t->lt->cols[c].amount) t->amt[t->namt++] = c;
        switch (t->lt->rows) {
        case LR_FUNCTION:
        case LR_ECONOMIC: read_classes(li, t); break;
        case LR_PAIRED: read_paired(li, t); break;
        case LR_OFFICIAL: read_official(li, t); break;
        default:
            imp_warn(im, im->L[t->title].no, "table %d (%s) is a kind of table bdlc import does not read yet",
                     t->lt->number, t->lt->id);
            t->last = t->title;
            break;
        }
        for (int l = t->title; l <= t->last && l < im->nl; l++) li->used[l] = true;
        /* the lines kept inside the table are not used either: their notes hold them */
        for (int n = 0; n < t->notes.n; n++) {
            Note *nt = t->notes.v[n];
            if (nt->why && nt->line >= 1) li->used[nt->line - 1] = true;
        }
    }
}

static void unit_and_decimals(LImp *li)
{
    Imp *im = li->im;
    im->decimals = 0;
    for (int i = 0; i < li->ntabs; i++) {
        LTab *t = &li->tabs[i];
        if (!t->unit.n) continue;
        if (t->lt->unit.n && !str_eq(t->lt->unit, t->unit)) continue;
        if (!im->unit.n) im->unit = t->unit;
    }
    if (!im->unit.n) im->unit = str_c("元");
    for (int i = 0; i < li->ntabs; i++) {
        LTab *t = &li->tabs[i];
        Str u = t->unit.n ? t->unit : t->lt->unit.n ? t->lt->unit : im->unit;
        if (str_eq(u, im->unit) && t->dec > im->decimals) im->decimals = t->dec;
    }
}

static void count_loose(LImp *li)
{
    Imp *im = li->im;
    int run = -1, n = 0;
    for (int i = 0; i <= im->nl; i++) {
        bool loose = i < im->nl && !li->used[i] && im->L[i].nonblank;
        if (loose) {
            if (run < 0) run = i;
            n++;
            im->nplaced_not++;
            continue;
        }
        if (i < im->nl && !im->L[i].nonblank) continue;
        if (run >= 0 && n) {
            int p0 = page_at(im, im->L[run].no);
            if (p0)
                imp_warn(im, im->L[run].no, "%d line%s outside the tables (from page %d), kept as comments", n,
                         n == 1 ? "" : "s", p0);
            else
                imp_warn(im, im->L[run].no, "%d line%s outside the tables, kept as comments", n, n == 1 ? "" : "s");
        }
        run = -1;
        n = 0;
    }
}

/* The narrative's facts (import_narrative.c), from the lines no table used. */
static void narrative_facts(LImp *li, Buf *out)
{
    Imp *im = li->im;
    Vec rows = { 0 };
    for (int i = 0; i < li->ntabs; i++) {
        const LTab *t = &li->tabs[i];
        if (t->lt->rows != LR_FUNCTION) continue;
        for (int k = 0; k < t->rows.n; k++) {
            const LRow *r = t->rows.v[k];
            if (r->total || !r->code.n) continue;
            NarrRow *n = arena_alloc(&im->a, sizeof *n);
            memset(n, 0, sizeof *n);
            n->code = r->code;
            n->name = r->name;
            vec_apush(&im->a, &rows, n);
        }
    }
    LSrcName srcs[LI_MAXSRC];
    for (int k = 0; k < li->nsrc; k++) {
        const struct LSrc *s = &li->src[k];
        srcs[k].key = arena_strndup(&im->a, s->key.s, s->key.n);
        srcs[k].name = arena_strndup(&im->a, s->name.s, s->name.n);
        Str stem = s->column;
        if (text_ends_with(stem, "预算")) stem.n -= (uint32_t)strlen("预算");
        snprintf(srcs[k].stem, sizeof srcs[k].stem, "%.*s", s->fiscal ? (int)stem.n : 0, stem.s);
    }
    im->narrative_items = narrative_import(im, li->used, &rows, srcs, li->nsrc, out);
}

bool layout_import(Imp *im, Buf *out)
{
    Layout *lay;
    int variant = 0;
    if (!find_layout(im, &lay, &variant)) return false;
    LImp li = { .im = im, .lay = lay, .variant = variant };
    li.used = arena_alloc(&im->a, (size_t)im->nl + 1);
    memset(li.used, 0, (size_t)im->nl + 1);
    read_tables(&li);
    load_sources(&li, has_stdlib(im->year) ? im->year : str_c("2026"));
    unit_and_decimals(&li);
    read_income(&li, &li.inc);
    make_sources(&li);
    for (int i = 0; i < li.ntabs; i++) {
        LTab *t = &li.tabs[i];
        if (t->lt->rows <= LR_ECONOMIC && !written(&li, t)) compare_classes(&li, t);
        else if (t->lt->rows == LR_PAIRED) compare_paired(&li, t);
        else if (t->lt->rows == LR_OFFICIAL) compare_official(&li, t);
    }
    if (!im->year.n) {
        imp_fail(im, im->L[li.ntabs ? li.tabs[0].title : 0].no,
                 "no budget year: no table title of layout %.*s has one (expected a title such as “2026年%s”)",
                 (int)lay->name.n, lay->name.s, "部门收入预算总表");
        for (int i = 0; i < li.ntabs + li.nmade; i++) map_free(&li.tabs[i].by_code);
        layout_free(lay);
        return true;
    }
    count_loose(&li);
    int expected = 0, read = 0;
    for (int i = 0; i < lay->ntables; i++)
        if (!is_page(&lay->tables[i]) && (lay->tables[i].variant < 0 || lay->tables[i].variant == variant)) expected++;
    for (int i = 0; i < li.ntabs; i++) read += !is_page(li.tabs[i].lt);
    li.expected = expected;
    im->said = buf_format(&im->a, _("read as layout %.*s, variant %s: %d of its %d tables recognised"),
                          (int)lay->name.n, lay->name.s, variant ? "agency" : "department", read, expected);
    write_layout_document(&li, out, &li.inc);
    narrative_facts(&li, out);
    for (int i = 0; i < li.ntabs + li.nmade; i++) map_free(&li.tabs[i].by_code);
    layout_free(lay);
    return true;
}
