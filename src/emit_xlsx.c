/*
 * emit_xlsx.c — `bdlc compile -f xlsx`: the plugin build/lib/bdlc/xlsx.so.
 *
 * A workbook as budget offices exchange them, written with libxlsxwriter:
 * one sheet per table in the model's order, named as the table; the title,
 * the unit line, the multi-row header with merged cells as emit_html.c
 * lays it out, amounts as numbers in the table's number format (never
 * text), blank cells where the publication is blank, 合计 rows bold, frozen
 * header rows, A4 print setup.  The performance tables are the published
 * forms.  Every text goes through worksheet_write_string (or a merged
 * range's string), so a name like "=HYPERLINK(…)" stays a string.
 *
 * Nothing here sums: every value comes from the model.  Deterministic:
 * the document's dates are fixed (SOURCE_DATE_EPOCH, else 1 January of the
 * budget year), and libxlsxwriter dates the zip entries from them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "bdl.h"

/* ------------------------------------------------ per-table properties */

/* The unit and decimals of a table: the layout gives each table its own. */
static Str table_unit(const Model *m, const MTable *t)
{
    return t && t->unit.n ? t->unit : m->unit;
}

static int table_decimals(const Model *m, const MTable *t)
{
    return t ? t->decimals : m->decimals;
}

/* A printed table is wide (landscape) from 7 columns on, as in HTML. */
static bool table_wide(const MTable *t) { return t->ncols >= 7; }

/* ----------------------------------------------------------- formats */

enum { F_LEFT, F_CENTER, F_AMOUNT, F_NUMBER, F_WRAP, F_NROLES };
#define MAX_INDENT 3

typedef struct Xlsx {
    const Model *m;
    lxw_workbook *wb;
    lxw_format *title, *subtitle, *unit, *meta, *head, *note, *label;
    lxw_format *cell[2][F_NROLES][MAX_INDENT + 1]; /* [bold][role][indent] */
    lxw_format *amount_fmt[2][10];                 /* [bold][decimals]: #,##0.00 */
    char *err;
    size_t errlen;
    bool failed;
    char names[LAYOUT_MAX_TABLES][128]; /* sheet names so far (unique) */
    int nnames;
} Xlsx;

static lxw_format *boxed(Xlsx *x)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

static void make_formats(Xlsx *x)
{
    x->title = workbook_add_format(x->wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 16);
    format_set_align(x->title, LXW_ALIGN_CENTER);
    format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
    x->subtitle = workbook_add_format(x->wb);
    format_set_bold(x->subtitle);
    format_set_font_size(x->subtitle, 13);
    format_set_align(x->subtitle, LXW_ALIGN_CENTER);
    x->unit = workbook_add_format(x->wb);
    format_set_align(x->unit, LXW_ALIGN_RIGHT);
    x->meta = workbook_add_format(x->wb);
    format_set_align(x->meta, LXW_ALIGN_LEFT);
    x->note = workbook_add_format(x->wb);
    format_set_text_wrap(x->note);
    format_set_align(x->note, LXW_ALIGN_VERTICAL_TOP);
    x->head = boxed(x);
    format_set_bold(x->head);
    format_set_align(x->head, LXW_ALIGN_CENTER);
    format_set_text_wrap(x->head);
    format_set_bg_color(x->head, 0xE4E9F0);
    x->label = boxed(x);
    format_set_bold(x->label);
    format_set_align(x->label, LXW_ALIGN_CENTER);
    format_set_text_wrap(x->label);
    format_set_bg_color(x->label, 0xEEF1F5);
    for (int b = 0; b < 2; b++)
        for (int r = 0; r < F_NROLES; r++)
            for (int i = 0; i <= MAX_INDENT; i++) {
                if (i && r != F_LEFT) continue;
                lxw_format *f = boxed(x);
                if (b) format_set_bold(f);
                if (r == F_CENTER || r == F_NUMBER) format_set_align(f, LXW_ALIGN_CENTER); /* weights */
                if (r == F_LEFT && i) format_set_indent(f, (uint8_t)i);
                if (r == F_WRAP) {
                    format_set_text_wrap(f);
                    format_set_align(f, LXW_ALIGN_LEFT);
                }
                x->cell[b][r][i] = f;
            }
}

/* "#,##0.00" for 2 decimals, "#,##0" for none. */
static lxw_format *amount_format(Xlsx *x, int decimals, bool bold)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    lxw_format **f = &x->amount_fmt[bold][decimals];
    if (!*f) {
        char spec[24] = "#,##0";
        if (decimals) {
            strcat(spec, ".");
            for (int i = 0; i < decimals; i++) strcat(spec, "0");
        }
        *f = boxed(x);
        format_set_num_format(*f, spec);
        if (bold) format_set_bold(*f);
    }
    return *f;
}

/* ----------------------------------------------------------- writing */

static void fail(Xlsx *x, const char *what, lxw_error e)
{
    if (x->failed) return;
    x->failed = true;
    snprintf(x->err, x->errlen, "%s: %s", what, lxw_strerror(e));
}

static void check(Xlsx *x, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR) fail(x, what, e);
}

/* A Str as a NUL-terminated string (libxlsxwriter's interface). */
static const char *cs(Str s, char *buf, size_t cap)
{
    size_t n = s.n < cap - 1 ? s.n : cap - 1;
    if (n) memcpy(buf, s.s, n);
    buf[n] = 0;
    return buf;
}

/* Long texts (goals, bases) need more than a stack buffer. */
static void put_text(Xlsx *x, lxw_worksheet *ws, int r, int c, Str s, lxw_format *f)
{
    char *z = xmalloc(s.n + 1u);
    cs(s, z, s.n + 1u);
    check(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, z, f), "cannot write a cell");
    xfree(z);
}

static void merge_text(Xlsx *x, lxw_worksheet *ws, int r0, int c0, int r1, int c1, Str s, lxw_format *f)
{
    char *z = xmalloc(s.n + 1u);
    cs(s, z, s.n + 1u);
    if (r0 == r1 && c0 == c1)
        check(x, worksheet_write_string(ws, (lxw_row_t)r0, (lxw_col_t)c0, z, f), "cannot write a cell");
    else
        check(x, worksheet_merge_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1, z, f),
              "cannot merge cells");
    xfree(z);
}

/* An amount as the spreadsheet's number: the exact decimal text read by
 * strtod, the nearest double, which prints back as the same digits while
 * they are at most 15 (a spreadsheet keeps no more; larger amounts fail). */
static bool amount_value(Xlsx *x, const MTable *t, int64_t v, double *out)
{
    v = table_amount(x->m, t, v); /* in the table's unit and decimals */
    int64_t lim = 1000000000000000; /* 10^15 */
    if (v >= lim || v <= -lim) {
        if (!x->failed)
            snprintf(x->err, x->errlen, _("table %s: the amount %lld (in 10^-%d %.*s) has more than 15 digits, "
                     "more than a spreadsheet number holds exactly"), t->id, (long long)v, table_decimals(x->m, t),
                     (int)table_unit(x->m, t).n, table_unit(x->m, t).s);
        x->failed = true;
        return false;
    }
    char buf[40];
    *out = strtod(money_format(v, table_decimals(x->m, t), false, buf), NULL);
    return true;
}

/* One cell of the model.  role: F_LEFT, F_CENTER or F_WRAP for texts. */
static void put_val(Xlsx *x, lxw_worksheet *ws, const MTable *t, int r, int c, const MVal *v, int role, bool bold,
                    int indent)
{
    lxw_row_t row = (lxw_row_t)r;
    lxw_col_t col = (lxw_col_t)c;
    double d;
    if (indent > MAX_INDENT) indent = MAX_INDENT;
    switch (v->kind) {
    case MV_AMOUNT:
        if (amount_value(x, t, v->amount, &d))
            check(x, worksheet_write_number(ws, row, col, d, amount_format(x, table_decimals(x->m, t), bold)),
                  "cannot write a number");
        break;
    case MV_NUMBER: {
        char buf[64];
        check(x, worksheet_write_number(ws, row, col, strtod(cs(v->text, buf, sizeof buf), NULL),
                                        x->cell[bold][F_NUMBER][0]), "cannot write a number");
        break;
    }
    case MV_TEXT:
        put_text(x, ws, r, c, v->text, x->cell[bold][role][role == F_LEFT ? indent : 0]);
        break;
    case MV_BOOL:
        put_text(x, ws, r, c, str_c(v->yes ? "是" : "否"), x->cell[bold][F_CENTER][0]);
        break;
    default: /* blank, as published: the cell keeps its rules */
        if (role == F_AMOUNT && t && t->has_zero && !v->none) { /* the layout prints a zero here */
            check(x, worksheet_write_number(ws, row, col, 0, amount_format(x, table_decimals(x->m, t), bold)),
                  "cannot write a number");
            break;
        }
        check(x, worksheet_write_blank(ws, row, col, x->cell[bold][role][0]), "cannot write a cell");
    }
}

/* A value in a merged range: the range first, then the value on top. */
static void merge_val(Xlsx *x, lxw_worksheet *ws, const MTable *t, int r0, int c0, int r1, int c1, const MVal *v,
                      int role)
{
    if (v->kind == MV_TEXT) {
        merge_text(x, ws, r0, c0, r1, c1, v->text, x->cell[0][role][0]);
        return;
    }
    lxw_format *f = v->kind == MV_AMOUNT ? amount_format(x, table_decimals(x->m, t), false) : x->cell[0][role][0];
    if (r0 != r1 || c0 != c1)
        check(x, worksheet_merge_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1, "", f),
              "cannot merge cells");
    put_val(x, ws, t, r0, c0, v, role, false, 0);
}

/* Sheet names: the table's title, at most 31 characters (UTF-16 units),
 * without []:*?/\ and not starting or ending with ', unique ignoring
 * ASCII case (Excel's rules); a clash gets " (2)". */
static void sheet_name(Xlsx *x, Str title, char *out, size_t cap)
{
    char base[128]; /* 31 UTF-16 units are at most 124 bytes */
    size_t n = 0, cut[32] = { 0 }; /* cut[k]: bytes of the first k units */
    int units = 0;
    for (uint32_t i = 0; i < title.n;) {
        uint32_t cp;
        int len = utf8_decode(title.s + i, title.n - i, &cp);
        if (len <= 0) break; /* the model holds valid UTF-8 */
        int u = cp >= 0x10000 ? 2 : 1;
        if (units + u > 31) break;
        if (cp < 0x80 && strchr("[]:*?/\\", (int)cp)) base[n++] = '_';
        else memcpy(base + n, title.s + i, (size_t)len), n += (size_t)len;
        units += u;
        cut[units] = n;
        if (u == 2) cut[units - 1] = n - (size_t)len;
        i += (uint32_t)len;
    }
    base[n] = 0;
    if (n && base[0] == '\'') base[0] = '_';
    if (n && base[n - 1] == '\'') base[n - 1] = '_';
    if (!n) n = (size_t)snprintf(base, sizeof base, "Sheet%d", x->nnames + 1), units = (int)n;
    snprintf(out, cap, "%s", base);
    for (int k = 2;; k++) {
        bool clash = false;
        for (int i = 0; i < x->nnames && !clash; i++) clash = strcasecmp(x->names[i], out) == 0;
        if (!clash) break;
        char suffix[16];
        int sn = snprintf(suffix, sizeof suffix, " (%d)", k);
        int keep = units + sn > 31 ? 31 - sn : units;
        snprintf(out, cap, "%.*s%s", (int)(keep == units ? n : cut[keep]), base, suffix);
    }
    snprintf(x->names[x->nnames++], sizeof x->names[0], "%s", out);
}

static lxw_worksheet *new_sheet(Xlsx *x, const MTable *t)
{
    char name[128];
    sheet_name(x, t->title, name, sizeof name);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        if (!x->failed) snprintf(x->err, x->errlen, _("cannot add the sheet '%s'"), name);
        x->failed = true;
        return NULL;
    }
    worksheet_set_paper(ws, 9); /* A4 */
    if (table_wide(t)) worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    return ws;
}

/* Title (row 0) and the unit line (row 1) over ncols columns; with a
 * `left` text (编制单位) on the unit line's left. */
static void heading(Xlsx *x, lxw_worksheet *ws, const MTable *t, int row, int ncols, Str title, Str left,
                    lxw_format *tf)
{
    merge_text(x, ws, row, 0, row, ncols - 1, title, tf);
    worksheet_set_row(ws, (lxw_row_t)row, tf == x->title ? 30 : 22, NULL);
    Buf u = { 0 };
    buf_adds(&u, "单位：");
    buf_add(&u, table_unit(x->m, t).s, table_unit(x->m, t).n);
    int split = left.n ? ncols - 2 : 0;
    if (left.n) merge_text(x, ws, row + 1, 0, row + 1, split - 1, left, x->meta);
    merge_text(x, ws, row + 1, split, row + 1, ncols - 1, (Str){ u.s, (uint32_t)u.n }, x->unit);
    buf_free(&u);
}

/* ------------------------------------------------------- grid tables */


/* The header rows from row r0, merged as emit_html.c merges them. */
static void header(Xlsx *x, lxw_worksheet *ws, const MTable *t, int r0, int depth)
{
    for (int row = 0; row < depth; row++)
        for (int i = 0; i < t->ncols;) {
            const MColumn *c = &t->cols[i];
            if (row < c->ngroups) {
                int span = 1;
                while (i + span < t->ncols && model_same_groups(c, &t->cols[i + span], row)) span++;
                merge_text(x, ws, r0 + row, i, r0 + row, i + span - 1, c->group[row], x->head);
                i += span;
                continue;
            }
            if (row == c->ngroups) merge_text(x, ws, r0 + row, i, r0 + depth - 1, i, c->title, x->head);
            i++;
        }
}

static bool is_key(const MColumn *c, const char *k) { return strcmp(c->key, k) == 0; }

static int text_role(const MColumn *c)
{
    if (is_key(c, "name") || is_key(c, "item") || is_key(c, "income-item") || strncmp(c->key, "code", 4) == 0)
        return F_LEFT;
    return F_CENTER;
}

/* Column widths from display width (CJK counts two), as printed. */
static void grid_widths(Xlsx *x, lxw_worksheet *ws, const MTable *t)
{
    for (int k = 0; k < t->ncols; k++) {
        const MColumn *c = &t->cols[k];
        int w = str_width(c->title.s, c->title.n, 1);
        for (int i = 0; i < t->nrows; i++) {
            char buf[40];
            Str s = table_cell_text(x->m, t, c, &t->rows[i].cells[k], true, buf);
            int cw = str_width(s.s, s.n, 1) + 2 * t->rows[i].depth;
            if (cw > w) w = cw;
        }
        if (c->amount && w < 12) w = 12;
        if (w > 60) w = 60;
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, w + 3, NULL);
    }
}

/* The code columns (one "code" or split "code-1" …) before "name", or 0. */
static int code_columns(const MTable *t)
{
    int n = 0;
    while (n < t->ncols && strncmp(t->cols[n].key, "code", 4) == 0) n++;
    return n && n < t->ncols && is_key(&t->cols[n], "name") ? n : 0;
}

static bool classified(const MTable *t) { return code_columns(t) > 0; }

static void grid_table(Xlsx *x, const MTable *t)
{
    lxw_worksheet *ws = new_sheet(x, t);
    if (!ws) return;
    int depth = model_header_depth(t);
    heading(x, ws, t, 0, t->ncols, t->title, (Str){ "", 0 }, x->title);
    header(x, ws, t, 2, depth);
    int r = 2 + depth;
    worksheet_freeze_panes(ws, (lxw_row_t)r, 0);
    check(x, worksheet_repeat_rows(ws, 2, (lxw_row_t)(r - 1)), "cannot set the repeated rows");
    bool cls = classified(t);
    for (int i = 0; i < t->nrows && !x->failed; i++, r++) {
        const MRow *row = &t->rows[i];
        bool bold = row->kind != MR_DATA || (cls && row->depth == 0);
        int k = 0;
        int nc = code_columns(t);
        bool blank_codes = true;
        for (int j = 0; j < nc; j++) blank_codes &= row->cells[j].kind == MV_BLANK;
        if (cls && row->kind == MR_TOTAL && blank_codes) { /* 合计 over code and name */
            char buf[40];
            merge_text(x, ws, r, 0, r, nc, model_cell_text(x->m, &row->cells[nc], true, buf),
                       x->cell[1][F_CENTER][0]);
            k = nc + 1;
        }
        for (; k < t->ncols; k++) {
            const MColumn *c = &t->cols[k];
            int role = c->amount ? F_AMOUNT : text_role(c);
            int indent = cls && is_key(c, "name") && row->kind == MR_DATA ? row->depth : 0;
            put_val(x, ws, t, r, k, &row->cells[k], role, bold, indent);
        }
    }
    if (t->note.n) {
        Buf n = { 0 };
        buf_adds(&n, "(备注：");
        buf_add(&n, t->note.s, t->note.n);
        buf_adds(&n, ")");
        merge_text(x, ws, r, 0, r, t->ncols - 1, (Str){ n.s, (uint32_t)n.n }, x->note);
        buf_free(&n);
    }
    grid_widths(x, ws, t);
}

/* -------------------------------------------------- performance forms */

/* The forms' nine columns, as emit_html.c weighs them. */
static const int form_width[9] = { 16, 13, 15, 24, 15, 10, 10, 11, 11 };

static void form_widths(lxw_worksheet *ws)
{
    for (int k = 0; k < 9; k++) worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, form_width[k], NULL);
}

/* A row holding a long merged text: merged cells do not grow by
 * themselves, so give the row the height of its wrapped lines. */
static void fit_height(lxw_worksheet *ws, int r, Str s, int c0, int c1)
{
    int room = 0;
    for (int k = c0; k <= c1; k++) room += form_width[k];
    int lines = 1, w = 0;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int len = utf8_decode(s.s + i, s.n - i, &cp);
        if (len <= 0) len = 1;
        int cw = cp == '\n' ? room + 1 : char_width(cp);
        if (w + cw > room - 2) lines++, w = cp == '\n' ? 0 : cw;
        else w += cw;
        i += (uint32_t)len;
    }
    if (lines > 1) worksheet_set_row(ws, (lxw_row_t)r, 15.0 * lines + 4, NULL);
}

static void form_pair(Xlsx *x, lxw_worksheet *ws, const MTable *t, int r, const MField *a, const MField *b)
{
    merge_text(x, ws, r, 0, r, 0, a->title, x->label);
    merge_val(x, ws, t, r, 1, r, 3, &a->val, F_WRAP);
    merge_text(x, ws, r, 4, r, 4, b->title, x->label);
    merge_val(x, ws, t, r, 5, r, 8, &b->val, F_WRAP);
}

static void form_text(Xlsx *x, lxw_worksheet *ws, const MTable *t, int r, Str title, const MVal *v)
{
    merge_text(x, ws, r, 0, r, 0, title, x->label);
    merge_val(x, ws, t, r, 1, r, 8, v, F_WRAP);
    char buf[40];
    fit_height(ws, r, model_cell_text(x->m, v, true, buf), 1, 8);
}

/* 绩效指标 spans the header row and the n indicator rows; returns the next row. */
static int indicator_grid(Xlsx *x, lxw_worksheet *ws, const MTable *t, int r, int first, int n)
{
    int off = t->ncols - 8; /* project-performance rows start with code, name */
    merge_text(x, ws, r, 0, r + n, 0, str_c("绩效指标"), x->label);
    for (int k = 0; k < 8; k++) merge_text(x, ws, r, 1 + k, r, 1 + k, t->cols[off + k].title, x->label);
    r++;
    for (int i = first; i < first + n; i++, r++)
        for (int k = 0; k < 8; k++)
            put_val(x, ws, t, r, 1 + k, &t->rows[i].cells[off + k], k == 2 ? F_WRAP : F_CENTER, false, 0);
    return r;
}

static void department_form(Xlsx *x, const MTable *t)
{
    lxw_worksheet *ws = new_sheet(x, t);
    if (!ws) return;
    form_widths(ws);
    heading(x, ws, t, 0, 9, t->title, (Str){ "", 0 }, x->title);
    form_pair(x, ws, t, 2, &t->fields[DF_DEPARTMENT], &t->fields[DF_EXPENDITURE]);
    form_text(x, ws, t, 3, t->fields[DF_GOAL].title, &t->fields[DF_GOAL].val);
    indicator_grid(x, ws, t, 4, 0, t->nrows);
}


/* One project's form from row r; returns the next free row. */
static int project_form(Xlsx *x, lxw_worksheet *ws, const MTable *t, const MProject *p, int r)
{
    const MField *f = p->f;
    Buf a = { 0 }, b = { 0 };
    Buf title = { 0 };
    buf_add(&title, t->form_title.s, t->form_title.n);
    heading(x, ws, t, r, 9, (Str){ title.s, (uint32_t)title.n },
            buf_joined(&a, str_c("编制单位："), "", buf_joined(&b, f[PF_AGENCY].val.text, "-", f[PF_AGENCY_NAME].val.text, ""),
                   ""),
            x->subtitle);
    buf_free(&title);
    r += 2;
    merge_text(x, ws, r, 0, r, 0, str_c("项目名称"), x->label);
    merge_text(x, ws, r, 1, r, 3, buf_joined(&a, f[PF_CODE].val.text, "-", f[PF_NAME].val.text, ""), x->cell[0][F_WRAP][0]);
    merge_text(x, ws, r, 4, r, 4, f[PF_OWNER].title, x->label);
    merge_val(x, ws, t, r, 5, r, 8, &f[PF_OWNER].val, F_WRAP);
    r++;
    form_pair(x, ws, t, r++, &f[PF_EXEC_WEIGHT], &f[PF_CATEGORY]);
    Str unit = table_unit(x->m, t);
    merge_text(x, ws, r, 0, r + 1, 0, buf_joined(&a, f[PF_AMOUNT].title, "（", unit, "）"), x->label);
    merge_val(x, ws, t, r, 1, r + 1, 3, &f[PF_AMOUNT].val, F_WRAP);
    merge_text(x, ws, r, 4, r, 4, buf_joined(&a, f[PF_LOCAL].title, "（", unit, "）"), x->label);
    merge_val(x, ws, t, r, 5, r, 8, &f[PF_LOCAL].val, F_WRAP);
    r++;
    merge_text(x, ws, r, 4, r, 4, buf_joined(&a, f[PF_SUPERIOR].title, "（", unit, "）"), x->label);
    merge_val(x, ws, t, r, 5, r, 8, &f[PF_SUPERIOR].val, F_WRAP);
    r++;
    form_text(x, ws, t, r++, f[PF_SUMMARY].title, &f[PF_SUMMARY].val);
    form_text(x, ws, t, r++, f[PF_BASIS].title, &f[PF_BASIS].val);
    form_text(x, ws, t, r++, f[PF_GOAL].title, &f[PF_GOAL].val);
    r = indicator_grid(x, ws, t, r, p->first_row, p->nrows);
    buf_free(&a);
    buf_free(&b);
    return r + 1; /* a blank row between forms */
}

static void project_forms(Xlsx *x, const MTable *t)
{
    lxw_worksheet *ws = new_sheet(x, t);
    if (!ws) return;
    form_widths(ws);
    int r = 0;
    if (!x->m->nprojects) {
        heading(x, ws, t, 0, 9, t->title, (Str){ "", 0 }, x->title);
        return;
    }
    /* a page per project when printed (Excel takes at most 1023 breaks) */
    int nbreaks = x->m->nprojects - 1 < 1023 ? x->m->nprojects - 1 : 1023;
    lxw_row_t *breaks = xmalloc(sizeof *breaks * (size_t)(nbreaks + 1));
    for (int p = 0; p < x->m->nprojects && !x->failed; p++) {
        if (p && p <= nbreaks) breaks[p - 1] = (lxw_row_t)r;
        r = project_form(x, ws, t, &x->m->projects[p], r);
    }
    breaks[nbreaks] = 0;
    if (nbreaks) check(x, worksheet_set_h_pagebreaks(ws, breaks), "cannot set the page breaks");
    xfree(breaks);
}

/* ---------------------------------------------------------- workbook */

/* The document's date: SOURCE_DATE_EPOCH when set (reproducible builds),
 * else 1 January of the budget year, 00:00 UTC. */
static time_t document_date(const Model *m)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        long long v = strtoll(e, &end, 10);
        if (!*end && v >= 0) return (time_t)v;
    }
    int year = 0;
    for (uint32_t i = 0; i < m->year.n && m->year.s[i] >= '0' && m->year.s[i] <= '9' && year < 100000; i++)
        year = year * 10 + (m->year.s[i] - '0');
    if (year < 1980 || year > 9999) year = 1980; /* the zip format starts in 1980 */
    long long days = 0;
    for (int y = 1970; y < year; y++) days += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
    return (time_t)(days * 86400);
}

static bool slurp(const char *path, Buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(out, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

int bdlc_emit_xlsx(const Model *m, Buf *out, char *err, size_t errlen)
{
    /* libxlsxwriter writes a file: a private temporary one, read back so
     * that compile.c writes OUT atomically as for every format */
    const char *tmpdir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/bdlc-xlsx-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(err, errlen, _("cannot create a temporary file in %s: %s"), tmpdir && *tmpdir ? tmpdir : "/tmp",
                 strerror(errno));
        return 1;
    }
    close(fd);
    Xlsx x = { .m = m, .err = err, .errlen = errlen };
    lxw_workbook_options opt = { .constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0 };
    x.wb = workbook_new_opt(path, &opt);
    if (!x.wb) {
        snprintf(err, errlen, "%s", _("cannot start the workbook"));
        unlink(path);
        return 1;
    }
    char title[512], company[256];
    snprintf(title, sizeof title, "%.*s %.*s", (int)m->dept_name.n, m->dept_name.s, (int)m->doc_title.n,
             m->doc_title.s);
    cs(m->dept_name, company, sizeof company);
    lxw_doc_properties props = { .title = title, .company = company, .author = "bdlc", .created = document_date(m) };
    check(&x, workbook_set_properties(x.wb, &props), "cannot set the document properties");
    make_formats(&x);
    for (int i = 0; i < m->ntables && !x.failed; i++) {
        const MTable *t = &m->tables[i];
        if (t->form == MF_FIELDS) department_form(&x, t);
        else if (t->form == MF_PROJECTS) project_forms(&x, t);
        else grid_table(&x, t);
    }
    lxw_error e = workbook_close(x.wb); /* frees it too */
    if (!x.failed && e != LXW_NO_ERROR) fail(&x, "cannot write the workbook", e);
    if (!x.failed && !slurp(path, out)) {
        snprintf(err, errlen, _("cannot read back %s: %s"), path, strerror(errno));
        x.failed = true;
    }
    unlink(path);
    return x.failed ? 1 : 0;
}
