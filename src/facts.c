/*
 * facts.c — a budget as rows of a facts database (issue 15):
 * `bdlc compile -f facts` (CSV, one file per table) and `-f sqlite` (the
 * plugin sqlite.so, emit_sqlite.c, stores the same rows).
 *
 * The rows come from the model's generic tables only (MTable: columns with
 * a key and an `amount` flag, rows of cells), so any table a layout adds
 * becomes facts without a change here:
 *   - a cell: every non-blank amount cell of every table; its row's code is
 *     the cell in the column keyed `code`, its row's name the nearest text
 *     column to its left other than `code` (a two-sided summary names its
 *     income and its expenditure cells apart);
 *   - an indicator: every row of a table with a `level-1` column;
 *   - a project: Model.projects' fields.
 * Amounts are exact: their decimal text and the integer in 10^-decimals
 * units, never a float.  The schema (column names and types) is
 * facts_tables below; docs/facts.sql is the SQL DDL the plugin makes of it
 * (tests/facts checks that they agree).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

static const char *const budget_cols[] = { "budget", "year", "department_code", "department_name", "agency_code",
                                           "agency_name", "layout", "unit", "decimals", "status", "errors",
                                           "warnings" };
static const char *const cell_cols[] = { "budget", "year", "department_code", "department_name", "agency_code",
                                         "agency_name", "layout", "table_id", "row_no", "row_kind", "depth",
                                         "row_code", "row_name", "column_key", "amount_text", "amount",
                                         "decimals" };
static const char *const project_cols[] = { "budget", "year", "department_code", "code", "name", "agency_code",
                                            "agency_name", "owner", "category", "amount_text", "amount",
                                            "decimals" };
static const char *const indicator_cols[] = { "budget", "year", "department_code", "table_id", "row_no",
                                              "project_code", "level1", "level2", "level3", "nature", "value",
                                              "unit", "weight", "core" };
static const char *const diag_cols[] = { "budget", "seq", "file", "line", "col", "severity", "code", "message" };

const FactSpec facts_tables[FT_COUNT] = {
    [FT_BUDGETS] = { "budgets", budget_cols, "TTTTTTTTITII", 12 },
    [FT_CELLS] = { "cells", cell_cols, "TTTTTTTTITITTTTII", 17 },
    [FT_PROJECTS] = { "projects", project_cols, "TTTTTTTTTTII", 12 },
    [FT_INDICATORS] = { "indicators", indicator_cols, "TTTTITTTTTTTTI", 14 },
    [FT_DIAGNOSTICS] = { "diagnostics", diag_cols, "TITIITTT", 8 },
};

void facts_init(Facts *f) { memset(f, 0, sizeof *f); }

void facts_free(Facts *f)
{
    for (int i = 0; i < FT_COUNT; i++) vec_free(&f->rows[i]);
    arena_free(&f->arena);
    memset(f, 0, sizeof *f);
}

static char **new_row(Facts *f, int t)
{
    char **r = arena_alloc(&f->arena, sizeof(char *) * (size_t)facts_tables[t].ncols);
    vec_push(&f->rows[t], r);
    return r;
}

static char *dup_s(Facts *f, Str s) { return s.s ? arena_strndup(&f->arena, s.s, s.n) : NULL; }
static char *dup_c(Facts *f, const char *s) { return s ? arena_strndup(&f->arena, s, strlen(s)) : NULL; }
static char *int_s(Facts *f, long long v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    return dup_c(f, b);
}

/* The text of a cell for a text column (NULL when blank). */
static char *cell_text(Facts *f, const Model *m, const MVal *v)
{
    if (v->kind == MV_BLANK) return NULL;
    char buf[40];
    Str s = model_cell_text(m, v, false, buf);
    return dup_s(f, s.s ? s : (Str){ "", 0 });
}

typedef struct Who {
    char *budget, *year, *dept_code, *dept_name, *agency_code, *agency_name, *decimals;
} Who;

static void cells_of(Facts *f, const Model *m, const Who *w, const MTable *t)
{
    int code_col = -1;
    for (int k = 0; k < t->ncols; k++)
        if (strcmp(t->cols[k].key, "code") == 0) code_col = k;
    static const char *const kinds[] = { "data", "total", "section" };
    for (int i = 0; i < t->nrows; i++) {
        const MRow *row = &t->rows[i];
        int name_col = -1;
        for (int k = 0; k < t->ncols; k++) {
            const MColumn *c = &t->cols[k];
            const MVal *v = &row->cells[k];
            if (!c->amount) {
                if (k != code_col) name_col = k;
                continue;
            }
            if (v->kind != MV_AMOUNT) continue;
            char **r = new_row(f, FT_CELLS), buf[40];
            r[0] = w->budget, r[1] = w->year, r[2] = w->dept_code, r[3] = w->dept_name;
            r[4] = w->agency_code, r[5] = w->agency_name, r[6] = NULL;
            r[7] = dup_c(f, t->id);
            r[8] = int_s(f, i + 1);
            r[9] = dup_c(f, kinds[row->kind]);
            r[10] = int_s(f, row->depth);
            r[11] = code_col >= 0 ? cell_text(f, m, &row->cells[code_col]) : NULL;
            r[12] = name_col >= 0 ? cell_text(f, m, &row->cells[name_col]) : NULL;
            r[13] = dup_c(f, c->key);
            r[14] = dup_c(f, money_format(v->amount, m->decimals, false, buf));
            r[15] = int_s(f, v->amount);
            r[16] = w->decimals;
        }
    }
}

static int col_of(const MTable *t, const char *key)
{
    for (int k = 0; k < t->ncols; k++)
        if (strcmp(t->cols[k].key, key) == 0) return k;
    return -1;
}

static void indicators_of(Facts *f, const Model *m, const Who *w, const MTable *t)
{
    static const char *const keys[] = { "level-1", "level-2", "level-3", "nature", "value", "unit", "weight" };
    int at[7];
    for (int k = 0; k < 7; k++) at[k] = col_of(t, keys[k]);
    int core = col_of(t, "core");
    for (int i = 0; i < t->nrows; i++) {
        const MRow *row = &t->rows[i];
        char **r = new_row(f, FT_INDICATORS);
        r[0] = w->budget, r[1] = w->year, r[2] = w->dept_code;
        r[3] = dup_c(f, t->id);
        r[4] = int_s(f, i + 1);
        r[5] = row->project >= 0 && row->project < m->nprojects
                   ? cell_text(f, m, &m->projects[row->project].f[PF_CODE].val)
                   : NULL;
        for (int k = 0; k < 7; k++) r[6 + k] = at[k] >= 0 ? cell_text(f, m, &row->cells[at[k]]) : NULL;
        r[13] = core >= 0 && row->cells[core].kind == MV_BOOL ? int_s(f, row->cells[core].yes) : NULL;
    }
}

static void projects_of(Facts *f, const Model *m, const Who *w)
{
    for (int i = 0; i < m->nprojects; i++) {
        const MField *pf = m->projects[i].f;
        char **r = new_row(f, FT_PROJECTS), buf[40];
        r[0] = w->budget, r[1] = w->year, r[2] = w->dept_code;
        r[3] = cell_text(f, m, &pf[PF_CODE].val);
        r[4] = cell_text(f, m, &pf[PF_NAME].val);
        r[5] = cell_text(f, m, &pf[PF_AGENCY].val);
        r[6] = cell_text(f, m, &pf[PF_AGENCY_NAME].val);
        r[7] = cell_text(f, m, &pf[PF_OWNER].val);
        r[8] = cell_text(f, m, &pf[PF_CATEGORY].val);
        const MVal *a = &pf[PF_AMOUNT].val;
        bool am = a->kind == MV_AMOUNT;
        r[9] = am ? dup_c(f, money_format(a->amount, m->decimals, false, buf)) : NULL;
        r[10] = am ? int_s(f, a->amount) : NULL;
        r[11] = w->decimals;
    }
}

static void diagnostics_of(Facts *f, const char *budget, const Diags *ds)
{
    for (int i = 0; i < ds->n; i++) {
        const Diag *d = &ds->d[i];
        const SrcFile *sf = ds->files && d->loc.file < ds->files->n ? ds->files->v[d->loc.file] : NULL;
        char **r = new_row(f, FT_DIAGNOSTICS);
        r[0] = dup_c(f, budget);
        r[1] = int_s(f, i + 1);
        r[2] = sf ? dup_c(f, sf->path) : NULL;
        r[3] = int_s(f, d->loc.line);
        r[4] = int_s(f, sf ? src_column(sf, d->loc.off) : 0);
        r[5] = dup_c(f, d->sev == SEV_ERROR ? "error" : "warning");
        r[6] = dup_c(f, d->code);
        r[7] = dup_c(f, d->msg);
    }
}

void facts_budget(Facts *f, const char *budget, const Unit *u, const Model *m)
{
    f->budget = dup_c(f, budget);
    Who w = { .budget = f->budget };
    if (m) {
        w.year = dup_s(f, m->year);
        w.dept_code = dup_s(f, m->dept_code);
        w.dept_name = dup_s(f, m->dept_name);
        /* an agency's own budget names one agency; a department's names
         * several, and its tables are the department's */
        if (m->nagencies == 1) {
            w.agency_code = dup_s(f, m->agencies[0].code);
            w.agency_name = dup_s(f, m->agencies[0].name);
        }
        w.decimals = int_s(f, m->decimals);
    }
    char **b = new_row(f, FT_BUDGETS);
    b[0] = w.budget, b[1] = w.year, b[2] = w.dept_code, b[3] = w.dept_name;
    b[4] = w.agency_code, b[5] = w.agency_name, b[6] = m ? dup_s(f, m->layout) : NULL;
    b[7] = m ? dup_s(f, m->unit) : NULL;
    b[8] = w.decimals;
    b[9] = dup_c(f, u->diags.nerrors ? "errors" : u->diags.nwarnings ? "warnings" : "clean");
    b[10] = int_s(f, u->diags.nerrors);
    b[11] = int_s(f, u->diags.nwarnings);
    if (m) {
        for (int i = 0; i < m->ntables; i++) {
            const MTable *t = &m->tables[i];
            cells_of(f, m, &w, t);
            if (col_of(t, "level-1") >= 0) indicators_of(f, m, &w, t);
        }
        projects_of(f, m, &w);
    }
    diagnostics_of(f, budget, &u->diags);
}

/* ------------------------------------------------------------------ CSV */

static void csv_field(Buf *o, const char *s)
{
    if (!s) return; /* NULL: an empty field */
    if (!strpbrk(s, ",\"\r\n") && *s) {
        buf_adds(o, s);
        return;
    }
    buf_adds(o, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"') buf_adds(o, "\"");
        buf_add(o, p, 1);
    }
    buf_adds(o, "\"");
}

void facts_csv_header(int t, Buf *o)
{
    const FactSpec *s = &facts_tables[t];
    for (int k = 0; k < s->ncols; k++) {
        if (k) buf_adds(o, ",");
        buf_adds(o, s->cols[k]);
    }
    buf_adds(o, "\n");
}

void facts_csv_rows(const Facts *f, int t, Buf *o)
{
    const FactSpec *s = &facts_tables[t];
    for (int i = 0; i < f->rows[t].n; i++) {
        char **r = f->rows[t].v[i];
        for (int k = 0; k < s->ncols; k++) {
            if (k) buf_adds(o, ",");
            csv_field(o, r[k]);
        }
        buf_adds(o, "\n");
    }
}
