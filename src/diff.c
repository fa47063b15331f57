/*
 * diff.c — `bdlc diff [-f text|json|html] [--layout NAME] OLD NEW` (issue 13).
 *
 * What changed in the published document between two budgets: every table
 * cell as the layout prints it (table, row code and name, column header,
 * old, new, change), tables, rows, projects and indicators added or
 * removed, and texts (titles, names, project texts).  OLD and NEW are two
 * roots, two folders (roots matched by their path below the folder), or
 * either of them `REV:PATH`, read from git (see git_side).
 *
 * Each side goes through the pipeline compile uses (load, check, layout,
 * model), then is flattened into items: one per printed value, each with a
 * key that says what it is (table id, row code or label, column key).  The
 * two lists are matched by key.  Nothing is summed here: an amount is the
 * model's, rescaled to the table's unit and decimals as printed
 * (table_amount), and a change is the difference of two printed amounts.
 *
 * Matching rules (docs/en/reference.md, `bdlc diff`):
 *   - a classification row is its code (its name is a text of the row);
 *     a row without a code is its label, the nearest text cell left of the
 *     amount, without its numbering (一、 1. （一）) or spaces; the
 *     two sides of a summary table are so matched apart; a row with neither
 *     is its place;
 *   - amounts are equal when their printed values are (in the finer of the
 *     two units and decimals; a blank is zero), so that a change of number
 *     format alone (a zero printed as blank or 0) is one line for the table
 *     (its `zero`), not one per cell;
 *   - a title that differs only by the budget year is not a change;
 *   - an indicator is its project and three levels; a project its code.
 *
 * --textconv FILE prints one budget's published values one a line, for
 * git's textconv (docs: the git integration): a root that includes nothing
 * (git hands the driver a lone copy of the file, whose includes it could
 * not find); any other file is printed as it is.
 */
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bdl.h"

static const char usage_diff[] =
    N_("usage: bdlc diff [-f text|json|html] [--layout NAME] OLD NEW\n"
    "       bdlc diff --textconv FILE\n"
    "\n"
    "Compares the published tables of two budgets: every table cell that\n"
    "changed (row, column, old, new, change), tables, rows, projects and\n"
    "indicators added or removed, and texts that changed.  OLD and NEW are\n"
    "two root .bdl files, two folders (their budgets matched by path), or\n"
    "REV:PATH, a budget or folder as it is in a git revision (PATH from the\n"
    "repository's top, or ./PATH from the current folder), e.g.\n"
    "  bdlc diff HEAD~1:examples/x/budget.bdl examples/x/budget.bdl\n"
    "\n"
    "Exit status: 0 the same, 1 different, 2 an error (a budget that does not\n"
    "check: its diagnostics are printed).\n"
    "\n"
    "options:\n"
    "  -f FORMAT        text (default), json or html, on standard output\n"
    "  --layout NAME    the table set for both budgets; overrides theirs\n"
    "  --textconv       print FILE's published values one a line (git's textconv)\n"
    "  -I DIR           look for imported modules in DIR first\n"
    "  --color WHEN     auto (default), always or never, for diagnostics\n");

/* ------------------------------------------------------------- items */

/* What an item is (JSON "kind"). */
typedef enum {
    IK_BUDGET,    /* a field of the budget block: year, department, unit … */
    IK_AGENCY,    /* an agency (presence; its name is the text) */
    IK_TABLE,     /* a table (presence) */
    IK_ATTR,      /* a table's title, unit, decimals, zero, note */
    IK_CELL,      /* a grid cell: an amount, or a text such as a row's name */
    IK_FIELD,     /* a labelled value above a grid, or a project's field */
    IK_INDICATOR, /* an indicator row (presence) */
    IK_PROJECT,   /* a project (presence) */
} ItemKind;
static const char *const kind_names[] = { "budget", "agency", "table", "table-attribute", "cell", "field",
                                          "indicator", "project" };

typedef struct Item {
    ItemKind kind;
    int sect;           /* its section (Flat.sects) */
    const char *key;    /* unique in its budget; what the sides are matched by */
    const char *code;   /* its row's code, or NULL */
    const char *label;  /* its row's label (name), or NULL */
    const char *col;    /* column / field key, or NULL */
    const char *head;   /* column header / field title, or NULL */
    const char *text;   /* as printed ("" blank) */
    const char *same;   /* compared instead of text when set (a title without its year) */
    bool amount;
    int64_t val;        /* amount: the printed value, in 10^exp of 元 */
    int exp, unit_pow;  /* exp = unit_pow - decimals */
    int parent;         /* the presence item it belongs to, or -1 */
} Item;

typedef struct Sect {
    const char *key;   /* "budget", "table\x1fID", "projects" */
    const char *id;    /* a table's id, else NULL */
    int number;
    const char *title;
} Sect;

typedef struct Flat {
    Arena a;
    Item *items;
    int n, cap;
    Sect *sects;
    int nsects, capsects;
    Map index; /* key → item index + 1 */
    Map sindex; /* section key → index + 1 */
    Map seen;  /* a key given twice → how many times so far (no quadratic search) */
} Flat;

static void flat_free(Flat *f)
{
    xfree(f->items);
    xfree(f->sects);
    map_free(&f->index);
    map_free(&f->sindex);
    map_free(&f->seen);
    arena_free(&f->a);
    memset(f, 0, sizeof *f);
}

static const char *dup_s(Flat *f, Str s) { return arena_strndup(&f->a, s.s ? s.s : "", s.n); }
static const char *dup_c(Flat *f, const char *s) { return s ? arena_strndup(&f->a, s, strlen(s)) : NULL; }

static int add_sect(Flat *f, const char *key, const char *id, int number, const char *title)
{
    if (f->nsects == f->capsects) {
        f->capsects = f->capsects ? f->capsects * 2 : 16;
        f->sects = xrealloc(f->sects, sizeof(Sect) * (size_t)f->capsects);
    }
    f->sects[f->nsects] = (Sect){ dup_c(f, key), dup_c(f, id), number, dup_c(f, title) };
    map_put(&f->sindex, str_c(f->sects[f->nsects].key), (void *)(intptr_t)(f->nsects + 1));
    return f->nsects++;
}

/* A new item of section `sect` under the key parts; a key met before in
 * this budget (two rows of one label) gets #2, #3 … */
static Item *add_item(Flat *f, int sect, ItemKind kind, const char *key, int parent)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 256;
        f->items = xrealloc(f->items, sizeof(Item) * (size_t)f->cap);
    }
    const char *full = buf_format(&f->a, "%s\x1f%s", f->sects[sect].key, key);
    if (map_get(&f->index, str_c(full))) {
        const char *base = full;
        intptr_t k = (intptr_t)map_get(&f->seen, str_c(base));
        do full = buf_format(&f->a, "%s#%d", base, (int)(k = k ? k + 1 : 2));
        while (map_get(&f->index, str_c(full)));
        map_put(&f->seen, str_c(base), (void *)k);
    }
    Item *it = &f->items[f->n];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->sect = sect;
    it->key = full;
    it->parent = parent;
    map_put(&f->index, str_c(full), (void *)(intptr_t)(f->n + 1));
    f->n++;
    return it;
}

static void set_amount(Flat *f, Item *it, int64_t v, int unit_pow, int decimals, bool grouping)
{
    char buf[40];
    it->amount = true;
    it->val = v;
    it->unit_pow = unit_pow;
    it->exp = unit_pow - decimals;
    it->text = dup_c(f, money_format(v, decimals, grouping, buf));
}

/* A label as a key: without its numbering (一、 1. 1． （一） (1)), spaces
 * and full-width brackets folded, so that a row renumbered (a class added
 * above it) is the same row. */
static const char *label_key(Flat *f, const char *s)
{
    static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", NULL };
    const char *p = s;
    while (*p == ' ') p++;
    bool paren = false;
    if (strncmp(p, "（", 3) == 0) p += 3, paren = true;
    else if (*p == '(') p++, paren = true;
    const char *q = p;
    for (bool more = true; more;) {
        more = false;
        if (*q >= '0' && *q <= '9') { q++; more = true; continue; }
        for (int i = 0; numerals[i]; i++)
            if (strncmp(q, numerals[i], 3) == 0) { q += 3; more = true; break; }
    }
    if (q > p) {
        const char *r = q;
        if (paren && strncmp(r, "）", 3) == 0) r += 3;
        else if (paren && *r == ')') r++;
        else if (paren) r = NULL;
        if (r && (strncmp(r, "、", 3) == 0 || strncmp(r, "．", 3) == 0)) r += 3;
        else if (r && *r == '.') r++;
        else if (r && !paren) r = NULL;
        if (r) p = r;
        else p = s;
    } else {
        p = s;
    }
    Buf b = { 0 };
    for (; *p; p++) {
        if (*p == ' ' || *p == '\t') continue;
        if (strncmp(p, "\u3000", 3) == 0) { p += 2; continue; }
        if (strncmp(p, "（", 3) == 0) { buf_adds(&b, "("); p += 2; continue; }
        if (strncmp(p, "）", 3) == 0) { buf_adds(&b, ")"); p += 2; continue; }
        buf_add(&b, p, 1);
    }
    const char *out = dup_c(f, b.s ? b.s : "");
    buf_free(&b);
    return out;
}

/* A title without "YEAR年": the year is said once, for the budget. */
static const char *yearless(Flat *f, Str title, Str year)
{
    Buf b = { 0 };
    for (uint32_t i = 0; i < title.n; i++) {
        if (year.n && i + year.n + 3 <= title.n && memcmp(title.s + i, year.s, year.n) == 0 &&
            memcmp(title.s + i + year.n, "年", 3) == 0) {
            i += year.n + 2;
            continue;
        }
        buf_add(&b, title.s + i, 1);
    }
    const char *out = dup_c(f, b.s ? b.s : "");
    buf_free(&b);
    return out;
}

static const char *mval_text(Flat *f, const Model *m, const MVal *v)
{
    char buf[40];
    return dup_s(f, model_cell_text(m, v, true, buf));
}

static const char *col_head(Flat *f, const MColumn *c)
{
    if (!c->ngroups) return dup_s(f, c->title);
    Str g = c->group[c->ngroups - 1];
    return buf_format(&f->a, "%.*s/%.*s", (int)g.n, g.s ? g.s : "", (int)c->title.n, c->title.s ? c->title.s : "");
}

static bool is_code_col(const MColumn *c) { return !c->amount && (strcmp(c->key, "code") == 0 || strncmp(c->key, "code-", 5) == 0); }

static int col_of(const MTable *t, const char *key)
{
    for (int k = 0; k < t->ncols; k++)
        if (strcmp(t->cols[k].key, key) == 0) return k;
    return -1;
}

typedef struct TableCtx {
    Flat *f;
    const Model *m;
    const MTable *t;
    int sect, presence;
    int unit_pow;
} TableCtx;

static void cell_item(TableCtx *x, const char *rowkey, const char *code, const char *label, int k, const MVal *v,
                      int parent)
{
    Flat *f = x->f;
    const MColumn *c = &x->t->cols[k];
    Item *it = add_item(f, x->sect, IK_CELL, buf_format(&f->a, "%s\x1f%s", rowkey, c->key), parent);
    it->code = code;
    it->label = label;
    it->col = dup_c(f, c->key);
    it->head = col_head(f, c);
    if (c->amount && (v->kind == MV_AMOUNT || v->kind == MV_BLANK)) {
        int64_t p = v->kind == MV_AMOUNT ? table_amount(x->m, x->t, v->amount) : 0;
        set_amount(f, it, p, x->unit_pow, x->t->decimals, x->t->grouping);
        char buf[40];
        it->text = dup_s(f, table_cell_text(x->m, x->t, c, v, true, buf));
    } else {
        it->text = mval_text(f, x->m, v);
    }
}

/* A grid row: cut into parts at each text column (a two-sided summary has
 * an income part and an expenditure part), each part keyed by the row's
 * code, else by its label, else by its place. */
static void grid_row(TableCtx *x, int i)
{
    Flat *f = x->f;
    const MTable *t = x->t;
    const MRow *row = &t->rows[i];
    Buf code = { 0 };
    for (int k = 0; k < t->ncols; k++)
        if (is_code_col(&t->cols[k]) && row->cells[k].kind != MV_BLANK) {
            char buf[40];
            Str s = model_cell_text(x->m, &row->cells[k], false, buf);
            buf_add(&code, s.s ? s.s : "", s.n);
        }
    const char *rcode = code.n ? dup_c(f, code.s) : NULL;
    buf_free(&code);
    const char *label = NULL, *rowkey = NULL;
    for (int k = 0; k < t->ncols; k++) {
        const MColumn *c = &t->cols[k];
        const MVal *v = &row->cells[k];
        if (is_code_col(c)) continue;
        if (!c->amount && (v->kind == MV_TEXT || v->kind == MV_BLANK)) {
            /* a new part starts at a text cell; under a code, the text is the row's name */
            label = v->kind == MV_TEXT ? mval_text(f, x->m, v) : NULL;
            if (rcode) {
                rowkey = buf_format(&f->a, "C%s", rcode);
                if (label) cell_item(x, rowkey, rcode, label, k, v, x->presence);
            } else if (label && *label) {
                rowkey = buf_format(&f->a, "L%s", label_key(f, label));
            } else {
                rowkey = row->kind == MR_TOTAL ? "T" : buf_format(&f->a, "#%d", i + 1);
            }
            continue;
        }
        if (!rowkey) rowkey = rcode ? buf_format(&f->a, "C%s", rcode) : row->kind == MR_TOTAL ? "T" : buf_format(&f->a, "#%d", i + 1);
        /* a part with no label and nothing in it is not printed */
        if (!rcode && !label && v->kind == MV_BLANK) continue;
        cell_item(x, rowkey, rcode, label, k, v, x->presence);
    }
}

/* A project page's row (the texts of one project): keyed by its project, every
 * cell a field of it, texts included. */
static void project_row(TableCtx *x, int i)
{
    const MRow *row = &x->t->rows[i];
    const MProject *pr = &x->m->projects[row->project];
    const char *code = mval_text(x->f, x->m, &pr->f[PF_CODE].val);
    const char *name = mval_text(x->f, x->m, &pr->f[PF_NAME].val);
    const char *rowkey = *code ? buf_format(&x->f->a, "P%s", code) : buf_format(&x->f->a, "N%s", name);
    for (int k = 0; k < x->t->ncols; k++) {
        if (is_code_col(&x->t->cols[k]) || strcmp(x->t->cols[k].key, "name") == 0) continue;
        cell_item(x, rowkey, *code ? code : NULL, name, k, &row->cells[k], x->presence);
    }
}

/* An indicator row: its project and three levels; its other cells under it. */
static void indicator_row(TableCtx *x, int i)
{
    Flat *f = x->f;
    const MTable *t = x->t;
    const MRow *row = &t->rows[i];
    const char *pcode = NULL;
    if (row->project >= 0 && row->project < x->m->nprojects)
        pcode = mval_text(f, x->m, &x->m->projects[row->project].f[PF_CODE].val);
    Buf lv = { 0 };
    static const char *const levels[] = { "level-1", "level-2", "level-3" };
    for (int l = 0; l < 3; l++) {
        int k = col_of(t, levels[l]);
        if (l) buf_adds(&lv, "/");
        if (k >= 0) {
            char buf[40];
            Str s = model_cell_text(x->m, &row->cells[k], false, buf);
            buf_add(&lv, s.s ? s.s : "", s.n);
        }
    }
    const char *label = dup_c(f, lv.s ? lv.s : "");
    buf_free(&lv);
    const char *rowkey = buf_format(&f->a, "I%s\x1f%s", pcode ? pcode : "", label);
    Item *p = add_item(f, x->sect, IK_INDICATOR, rowkey, x->presence);
    p->code = pcode;
    p->label = label;
    p->text = label;
    int pi = f->n - 1;
    /* its cells' keys: the indicator's own (#2 when it is listed twice) */
    rowkey = p->key + strlen(f->sects[x->sect].key) + 1;
    for (int k = 0; k < t->ncols; k++) {
        const char *key = t->cols[k].key;
        if (is_code_col(&t->cols[k]) || strcmp(key, "name") == 0 || strncmp(key, "level-", 6) == 0) continue;
        cell_item(x, rowkey, pcode, label, k, &row->cells[k], pi);
    }
}

static void attr_item(Flat *f, int sect, int parent, const char *what, const char *text, const char *same)
{
    Item *it = add_item(f, sect, IK_ATTR, what, parent);
    it->col = what;
    it->head = what;
    it->text = text;
    it->same = same;
}

static void flat_table(Flat *f, const Model *m, const MTable *t)
{
    char key[300];
    snprintf(key, sizeof key, "table\x1f%s", t->id);
    char title[1024];
    snprintf(title, sizeof title, "%.*s", (int)t->title.n, t->title.s ? t->title.s : "");
    int sect = add_sect(f, key, t->id, t->number, title);
    Item *p = add_item(f, sect, IK_TABLE, "", -1);
    p->text = dup_c(f, title);
    p->same = ""; /* a table is there or not; its title is an attribute */
    int presence = f->n - 1;
    attr_item(f, sect, presence, "title", dup_c(f, title), yearless(f, t->title, m->year));
    attr_item(f, sect, presence, "unit", dup_s(f, t->unit), NULL);
    attr_item(f, sect, presence, "decimals", buf_format(&f->a, "%d", t->decimals), NULL);
    attr_item(f, sect, presence, "zero", t->has_zero ? dup_s(f, t->zero) : "", NULL);
    attr_item(f, sect, presence, "note", t->note.n ? dup_s(f, t->note) : "", yearless(f, t->note, m->year));
    TableCtx x = { f, m, t, sect, presence, m->unit_pow + t->scale };
    for (int i = 0; i < t->nfields; i++) {
        const MField *fd = &t->fields[i];
        Item *it = add_item(f, sect, IK_FIELD, buf_format(&f->a, "F%s", fd->key), presence);
        it->col = dup_c(f, fd->key);
        it->head = dup_s(f, fd->title);
        if (fd->val.kind == MV_AMOUNT) {
            set_amount(f, it, table_amount(m, t, fd->val.amount), x.unit_pow, t->decimals, t->grouping);
        } else {
            it->text = mval_text(f, m, &fd->val);
        }
    }
    bool indicators = col_of(t, "level-1") >= 0;
    for (int i = 0; i < t->nrows; i++) {
        if (indicators) indicator_row(&x, i);
        else if (t->rows[i].project >= 0 && t->rows[i].project < m->nprojects) project_row(&x, i);
        else grid_row(&x, i);
    }
}

static void budget_item(Flat *f, int sect, const char *what, const char *text)
{
    Item *it = add_item(f, sect, IK_BUDGET, what, -1);
    it->col = what;
    it->head = what;
    it->text = text;
}

static void flat_projects(Flat *f, const Model *m)
{
    int sect = add_sect(f, "projects", NULL, 0, NULL);
    for (int i = 0; i < m->nprojects; i++) {
        const MProject *pr = &m->projects[i];
        const char *code = mval_text(f, m, &pr->f[PF_CODE].val);
        const char *name = mval_text(f, m, &pr->f[PF_NAME].val);
        const char *key = *code ? buf_format(&f->a, "P%s", code) : buf_format(&f->a, "N%s", name);
        Item *p = add_item(f, sect, IK_PROJECT, key, -1);
        const char *pcode = p->code = *code ? code : NULL;
        p->label = name;
        p->text = name;
        int pi = f->n - 1;
        for (int k = 0; k < PF_COUNT; k++) {
            if (k == PF_CODE) continue;
            const MField *fd = &pr->f[k];
            Item *it = add_item(f, sect, IK_FIELD, buf_format(&f->a, "%s\x1f%s", key, model_project_field[k][0]), pi);
            it->code = pcode;
            it->label = name;
            it->col = model_project_field[k][0];
            it->head = model_project_field[k][1];
            if (fd->val.kind == MV_AMOUNT) set_amount(f, it, fd->val.amount, m->unit_pow, m->decimals, true);
            else it->text = mval_text(f, m, &fd->val);
        }
        const struct { const char *key; Str s; } texts[] = {
            { "implementer", pr->implementer }, { "plan", pr->plan }, { "period", pr->period },
            { "schedule", pr->schedule }, { "nature", pr->nature }, { "start", pr->start },
            { "end", pr->end }, { "annual-goal", pr->annual_goal },
        };
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
            Item *it = add_item(f, sect, IK_FIELD, buf_format(&f->a, "%s\x1f%s", key, texts[k].key), pi);
            it->code = pcode;
            it->label = name;
            it->col = texts[k].key;
            it->head = texts[k].key;
            it->text = dup_s(f, texts[k].s);
        }
    }
}

/* Everything the document prints, in print order. */
static void flat_model(Flat *f, const Model *m)
{
    int sect = add_sect(f, "budget", NULL, 0, NULL);
    budget_item(f, sect, "year", dup_s(f, m->year));
    budget_item(f, sect, "department-code", dup_s(f, m->dept_code));
    budget_item(f, sect, "department", dup_s(f, m->dept_name));
    budget_item(f, sect, "layout", dup_s(f, m->layout));
    budget_item(f, sect, "unit", dup_s(f, m->unit));
    budget_item(f, sect, "decimals", buf_format(&f->a, "%d", m->decimals));
    for (int i = 0; i < m->nagencies; i++) {
        const MAgency *a = &m->agencies[i];
        Item *it = add_item(f, sect, IK_AGENCY,
                            buf_format(&f->a, "A%s", a->code.n ? dup_s(f, a->code) : dup_s(f, a->name)), -1);
        it->code = a->code.n ? dup_s(f, a->code) : NULL;
        it->label = dup_s(f, a->name);
        it->text = it->label;
    }
    for (int i = 0; i < m->ntables; i++) flat_table(f, m, &m->tables[i]);
    flat_projects(f, m);
}

/* --------------------------------------------------------------- sides */

typedef struct DiffOpts {
    const CmdLine *cl;
    const char *layout;
    bool quiet; /* --textconv: no diagnostics (git's output is no place for them) */
} DiffOpts;

static const char *budget_layout_name(const CheckResult *r, char *buf, size_t cap)
{
    if (!r->budget || !r->budget->u.budget.layout_clause.present) return NULL;
    Str s = r->budget->u.budget.layout.s;
    snprintf(buf, cap, "%.*s", (int)s.n, s.s);
    return buf;
}

/* Show `shown` instead of the folder `tmp` in the unit's file names (a
 * budget read from git is named REV:PATH in its diagnostics). */
static void rename_files(Unit *u, const char *tmp, const char *shown)
{
    size_t n = tmp ? strlen(tmp) : 0;
    if (!n) return;
    for (int i = 0; i < u->files.n; i++) {
        SrcFile *sf = u->files.v[i];
        if (!sf->path || strncmp(sf->path, tmp, n) != 0 || sf->path[n] != '/') continue;
        char *p = xmalloc(strlen(shown) + strlen(sf->path + n + 1) + 1);
        strcpy(p, shown);
        strcat(p, sf->path + n + 1);
        xfree(sf->path);
        sf->path = p;
    }
}

/* Load, check and model one budget and flatten it into f.  0, 1 when the
 * file is not a root (folder mode skips it), 2 on an error (diagnostics
 * or a message printed).  `tmp`/`shown`: see rename_files. */
static int side_build(const DiffOpts *o, const char *path, bool maybe, const char *tmp, const char *shown, Flat *f)
{
    const CmdLine *cl = o->cl;
    char err[PATH_MAX + 600];
    if (tmp && access(path, F_OK) != 0) {
        fprintf(stderr, _("bdlc: error: %s%s: no such file in that revision\n"), shown, path + strlen(tmp) + 1);
        return 2;
    }
    if (!file_check_input(path, N_("give the budget's root .bdl file, or a folder"), err, sizeof err)) {
        if (!o->quiet) fprintf(stderr, _("bdlc: error: %s\n"), err);
        return 2;
    }
    Unit *u = unit_new(&cl->load);
    if (!load_unit(u, path, err, sizeof err)) {
        if (!o->quiet) fprintf(stderr, _("bdlc: error: %s\n"), err);
        unit_free(u);
        return 2;
    }
    rename_files(u, tmp, shown);
    if (maybe && !district_is_root(u)) {
        unit_free(u);
        return 1;
    }
    CheckResult res;
    Layout *lay = NULL;
    LayoutCheck lc = { o->layout, &cl->load, &lay };
    check_unit(u, &(CheckOptions){ .result = &res, .table_hook = layout_check_table, .table_hook_ctx = &lc });
    diag_sort(&u->diags);
    int rc = 0;
    const char *name = ((SrcFile *)u->files.v[0])->path;
    if (o->quiet && (u->diags.nerrors || !district_is_root(u))) {
        rc = 2;
    } else if (!district_is_root(u)) {
        fprintf(stderr, _("bdlc: error: %s has no `budget` block; bdlc diff compares whole budgets: give their "
                          "root files\n"), name);
        rc = 2;
    } else if (u->diags.nerrors) {
        Diags *list[1] = { &u->diags };
        DiagOptions dopt = cl->diag;
        diag_print(list, 1, &dopt, stderr);
        fprintf(stderr, _("bdlc: %s does not check, so it cannot be compared\n"), name);
        rc = 2;
    } else {
        char lname[256];
        if (!lay)
            lay = layout_load(o->layout ? o->layout : budget_layout_name(&res, lname, sizeof lname), &cl->load, err,
                              sizeof err);
        Model *m = lay ? model_build(u, &res, lay, err, sizeof err) : NULL;
        if (m) flat_model(f, m);
        else {
            if (!o->quiet) fprintf(stderr, _("bdlc: error: %s\n"), err);
            rc = 2;
        }
        model_free(m);
    }
    layout_free(lay);
    check_result_free(&res);
    unit_free(u);
    return rc;
}

/* ---------------------------------------------------------------- git */

/* Run argv (no shell); its standard output into out when given.  The exit
 * status, or -1 when it could not be run. */
static int run(char *const argv[], Buf *out)
{
    int fd[2] = { -1, -1 };
    if (out && pipe(fd) != 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        if (out) close(fd[0]), close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        if (out) {
            dup2(fd[1], 1);
            close(fd[0]);
            close(fd[1]);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (out) {
        close(fd[1]);
        char b[4096];
        ssize_t n;
        while ((n = read(fd[0], b, sizeof b)) > 0 || (n < 0 && errno == EINTR))
            if (n > 0) buf_add(out, b, (size_t)n);
        close(fd[0]);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void chomp(Buf *b)
{
    while (b->n && (b->s[b->n - 1] == '\n' || b->s[b->n - 1] == '\r')) b->s[--b->n] = 0;
}

/* Remove a folder we made, and everything in it. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
                char *p = buf_format(NULL, "%s/%s", path, e->d_name);
                remove_tree(p);
                xfree(p);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* A side named REV:PATH.  The whole tree of REV is written by `git
 * archive` into a temporary folder (the working tree and the index are
 * never touched) and PATH is read there, so that a budget's includes are
 * those of the same revision. */
typedef struct Side {
    const char *arg;   /* as given */
    char *path;        /* what to read: arg, or inside tmp */
    char *tmp;         /* the temporary folder, or NULL */
    char *tree;        /* tmp/tree */
    char *shown;       /* "REV:" + the path from the top, for diagnostics */
} Side;

static bool is_git_arg(const char *a)
{
    struct stat st;
    const char *colon = strchr(a, ':');
    return colon && colon != a && stat(a, &st) != 0;
}

static int git_side(Side *s)
{
    const char *colon = strchr(s->arg, ':');
    char *rev = xstrdup(s->arg);
    rev[colon - s->arg] = 0;
    const char *rel = colon + 1;
    if (rev[0] == '-') {
        fprintf(stderr, _("bdlc: error: '%s' is not a git revision\n"), rev);
        xfree(rev);
        return 2;
    }
    Buf top = { 0 }, prefix = { 0 };
    char *gtop[] = { "git", "rev-parse", "--show-toplevel", NULL };
    char *gpre[] = { "git", "rev-parse", "--show-prefix", NULL };
    if (run(gtop, &top) != 0 || run(gpre, &prefix) != 0 || !top.n) {
        fprintf(stderr, _("bdlc: error: '%s' names a git revision, but the current folder is not in a git "
                          "repository (or git cannot be run)\n"), s->arg);
        buf_free(&top), buf_free(&prefix), xfree(rev);
        return 2;
    }
    chomp(&top);
    chomp(&prefix);
    const char *t = getenv("TMPDIR");
    s->tmp = buf_format(NULL, "%s/bdlc-diff-XXXXXX", t && *t ? t : "/tmp");
    int rc = 0;
    if (!mkdtemp(s->tmp)) {
        fprintf(stderr, _("bdlc: error: cannot create a temporary folder '%s': %s\n"), s->tmp, strerror(errno));
        xfree(s->tmp);
        s->tmp = NULL;
        rc = 2;
    } else {
        char *tar = buf_format(NULL, "%s/tree.tar", s->tmp);
        s->tree = buf_format(NULL, "%s/tree", s->tmp);
        char *garch[] = { "git", "-C", top.s, "archive", "--format=tar", "-o", tar, rev, NULL };
        char *untar[] = { "tar", "-xf", tar, "-C", s->tree, NULL };
        if (mkdir(s->tree, 0700) != 0 || run(garch, NULL) != 0) {
            fprintf(stderr, _("bdlc: error: git cannot read the revision '%s'\n"), rev);
            rc = 2;
        } else if (run(untar, NULL) != 0) {
            fprintf(stderr, _("bdlc: error: cannot unpack revision '%s' with tar\n"), rev);
            rc = 2;
        }
        unlink(tar);
        xfree(tar);
        /* git's REV:PATH: from the top, or from here when it starts with ./ or ../ */
        bool here = strncmp(rel, "./", 2) == 0 || strncmp(rel, "../", 3) == 0 || strcmp(rel, ".") == 0;
        s->path = buf_format(NULL, "%s/%s%s", s->tree, here ? prefix.s : "", rel);
        size_t n = strlen(s->path);
        while (n > 1 && s->path[n - 1] == '/') s->path[--n] = 0;
        s->shown = buf_format(NULL, "%s:", rev); /* + the path below the tree: git's REV:PATH */
    }
    buf_free(&top);
    buf_free(&prefix);
    xfree(rev);
    return rc;
}

static int side_open(Side *s, const char *arg)
{
    memset(s, 0, sizeof *s);
    s->arg = arg;
    if (is_git_arg(arg)) return git_side(s);
    s->path = xstrdup(arg);
    return 0;
}

static void side_close(Side *s)
{
    if (s->tmp) remove_tree(s->tmp);
    xfree(s->tmp);
    xfree(s->tree);
    xfree(s->path);
    xfree(s->shown);
    memset(s, 0, sizeof *s);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --------------------------------------------------------------- match */

typedef enum { CH_CHANGED, CH_ADDED, CH_REMOVED } ChangeKind;
typedef struct Change {
    ChangeKind kind;
    const Item *old, *new;
    const Sect *sect;
    char change[48]; /* an amount's change, as printed, or "" */
} Change;

/* One budget compared (folder mode: one per path). */
typedef struct Pair {
    char *path;       /* below the folders, or NULL for two files */
    int status;       /* 0 equal, 1 changed, 2 added, 3 removed */
    Change *ch;
    int n, cap;
    int counts[3];
} Pair;

static const Item *find(const Flat *f, const char *key)
{
    intptr_t i = (intptr_t)map_get(&f->index, str_c(key));
    return i ? &f->items[i - 1] : NULL;
}

static int64_t pow10_or_0(int n)
{
    int64_t p = 1;
    for (int i = 0; i < n; i++)
        if (__builtin_mul_overflow(p, 10, &p)) return 0;
    return p;
}

/* a and b at the finer exponent; false on overflow. */
static bool common(const Item *a, const Item *b, int64_t *va, int64_t *vb, int *e)
{
    *e = a->exp < b->exp ? a->exp : b->exp;
    int64_t pa = pow10_or_0(a->exp - *e), pb = pow10_or_0(b->exp - *e);
    return pa && pb && !__builtin_mul_overflow(a->val, pa, va) && !__builtin_mul_overflow(b->val, pb, vb);
}

static bool same_item(const Item *a, const Item *b)
{
    if (a->amount && b->amount) {
        int64_t va, vb;
        int e;
        if (common(a, b, &va, &vb, &e)) return va == vb;
    }
    if (a->amount != b->amount) return false;
    const char *x = a->same ? a->same : a->text, *y = b->same ? b->same : b->text;
    return strcmp(x ? x : "", y ? y : "") == 0;
}

/* The change of an amount (new − old; an added cell from 0, a removed one
 * to 0) in the unit of the side shown, at the decimals that hold it. */
static void change_text(Change *c)
{
    const Item *a = c->old, *b = c->new;
    if (!(a ? a->amount : true) || !(b ? b->amount : true)) return;
    Item zero = { 0 };
    const Item *shown = b ? b : a;
    zero.amount = true;
    zero.exp = shown->exp;
    int64_t va, vb, d;
    int e;
    if (!common(a ? a : &zero, b ? b : &zero, &va, &vb, &e) || __builtin_sub_overflow(vb, va, &d)) return;
    if (d == 0) return;
    int decimals = shown->unit_pow - e;
    char buf[40];
    uint64_t mag = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
    if (mag > INT64_MAX) return;
    snprintf(c->change, sizeof c->change, "%s%s", d < 0 ? "-" : "+", money_format((int64_t)mag, decimals, true, buf));
}

static void push_change(Pair *p, ChangeKind k, const Item *a, const Item *b, const Sect *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->ch = xrealloc(p->ch, sizeof(Change) * (size_t)p->cap);
    }
    Change *c = &p->ch[p->n++];
    memset(c, 0, sizeof *c);
    c->kind = k;
    c->old = a;
    c->new = b;
    c->sect = s;
    change_text(c);
    p->counts[k]++;
}

/* An item whose presence item is itself added or removed is said by it;
 * so is an amount of 0 (or blank) in a row added or removed. */
static bool parent_unmatched(const Flat *f, const Item *it, const Flat *other)
{
    return (it->parent >= 0 && !find(other, f->items[it->parent].key)) || (it->amount && it->val == 0);
}

static void removed_in(Pair *p, const Flat *a, const Flat *b, int sect)
{
    for (int i = 0; i < a->n; i++) {
        const Item *it = &a->items[i];
        if (it->sect != sect || find(b, it->key) || parent_unmatched(a, it, b)) continue;
        push_change(p, CH_REMOVED, it, NULL, &a->sects[sect]);
    }
}

/* The changes, in the new budget's print order; what was removed comes
 * after what stands in the same section. */
static void compare(Pair *p, const Flat *a, const Flat *b)
{
    for (int s = 0; s < b->nsects; s++) {
        for (int i = 0; i < b->n; i++) {
            const Item *it = &b->items[i];
            if (it->sect != s) continue;
            const Item *old = find(a, it->key);
            if (old) {
                if (!same_item(old, it)) push_change(p, CH_CHANGED, old, it, &b->sects[s]);
            } else if (!parent_unmatched(b, it, a)) {
                push_change(p, CH_ADDED, NULL, it, &b->sects[s]);
            }
        }
        intptr_t as = (intptr_t)map_get(&a->sindex, str_c(b->sects[s].key));
        if (as) removed_in(p, a, b, (int)as - 1);
    }
    for (int s = 0; s < a->nsects; s++)
        if (!map_get(&b->sindex, str_c(a->sects[s].key))) removed_in(p, a, b, s);
    p->status = p->n ? 1 : 0;
}

/* -------------------------------------------------------------- output */

typedef struct Out {
    Buf b;
    const char *old, *new; /* the operands */
    Pair *pairs;
    int npairs;
    bool folders;
} Out;

/* Text for a terminal: control characters shown as U+FFFD (a hostile
 * name must not drive the terminal). */
static void put_text(Buf *o, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p < 0x20 || *p == 0x7f) buf_adds(o, *p == '\n' ? " " : "\xef\xbf\xbd");
        else buf_add(o, (const char *)p, 1);
    }
}

static const char *blank_or(const char *s) { return s && *s ? s : _("(blank)"); }

/* The words of the budget-level and table-level items. */
static const char *attr_word(const char *key)
{
    static const struct { const char *key, *word; } words[] = {
        { "year", N_("year") }, { "department-code", N_("department code") }, { "department", N_("department") },
        { "layout", N_("layout") }, { "unit", N_("unit") }, { "decimals", N_("decimals") },
        { "title", N_("title") }, { "zero", N_("zero printed as") }, { "note", N_("note") },
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i].key, key) == 0) return _(words[i].word);
    return key;
}

static void sect_heading(Buf *o, const Sect *s)
{
    if (s->id) {
        buf_addf(o, _("table %d "), s->number);
        put_text(o, s->title);
        buf_addf(o, " [%s]\n", s->id);
    } else if (strcmp(s->key, "budget") == 0) {
        buf_addf(o, "%s\n", _("budget"));
    } else {
        buf_addf(o, "%s\n", _("projects"));
    }
}

/* "CODE LABEL · HEADER" */
static void where(Buf *o, const Item *it)
{
    bool any = false;
    if (it->kind == IK_TABLE) {
        put_text(o, it->text);
        return;
    }
    if (it->kind == IK_AGENCY) buf_adds(o, _("agency "));
    if (it->kind == IK_PROJECT) buf_adds(o, _("project "));
    if (it->kind == IK_INDICATOR) buf_adds(o, _("indicator "));
    if (it->code) put_text(o, it->code), any = true;
    if (it->label && *it->label && it->kind != IK_INDICATOR) {
        if (any) buf_adds(o, " ");
        put_text(o, it->label);
        any = true;
    }
    if (it->kind == IK_INDICATOR) {
        if (any) buf_adds(o, " ");
        put_text(o, it->label);
        any = true;
    }
    if (it->head && it->kind != IK_INDICATOR && it->kind != IK_PROJECT && it->kind != IK_AGENCY) {
        if (any) buf_adds(o, " · ");
        put_text(o, it->kind == IK_BUDGET || it->kind == IK_ATTR ? attr_word(it->head) : it->head);
    }
}

static bool presence(const Item *it)
{
    return it->kind == IK_TABLE || it->kind == IK_INDICATOR || it->kind == IK_PROJECT || it->kind == IK_AGENCY;
}

static void text_change(Buf *o, const Change *c)
{
    static const char *const sym[] = { "~", "+", "-" };
    const Item *it = c->new ? c->new : c->old;
    buf_addf(o, "  %s ", sym[c->kind]);
    where(o, it);
    if (presence(it) && c->kind != CH_CHANGED) {
        buf_adds(o, "\n");
        return;
    }
    const char *a = c->old ? blank_or(c->old->text) : NULL, *b = c->new ? blank_or(c->new->text) : NULL;
    size_t len = (a ? strlen(a) : 0) + (b ? strlen(b) : 0);
    if (len > 90) { /* long texts: one line each */
        buf_adds(o, ":\n");
        if (a) buf_adds(o, "      - "), put_text(o, a), buf_adds(o, "\n");
        if (b) buf_adds(o, "      + "), put_text(o, b), buf_adds(o, "\n");
        return;
    }
    buf_adds(o, ": ");
    if (a) put_text(o, a);
    if (a && b) buf_adds(o, " → ");
    if (b) put_text(o, b);
    if (c->change[0]) buf_addf(o, " (%s)", c->change);
    buf_adds(o, "\n");
}

static void counts_line(Buf *o, const int counts[3])
{
    buf_addf(o, _("%d changed, %d added, %d removed\n"), counts[0], counts[1], counts[2]);
}

static void emit_text(Out *x, const int total[3])
{
    Buf *o = &x->b;
    for (int i = 0; i < x->npairs; i++) {
        const Pair *p = &x->pairs[i];
        if (!p->status) continue; /* the same: nothing to say (JSON lists it) */
        if (x->folders) {
            static const char *const st[] = { "=", "~", "+", "-" };
            buf_addf(o, "%s %s", st[p->status], p->status == 2 ? _("budget added:") : p->status == 3 ? _("budget removed:") : _("budget"));
            buf_adds(o, " ");
            put_text(o, p->path);
            buf_adds(o, "\n");
        }
        const Sect *cur = NULL;
        for (int k = 0; k < p->n; k++) {
            const Change *c = &p->ch[k];
            if (c->sect != cur && (!cur || strcmp(cur->key, c->sect->key) != 0)) sect_heading(o, c->sect);
            cur = c->sect;
            text_change(o, c);
        }
    }
    if (total[0] + total[1] + total[2]) counts_line(o, total);
}

static void json_s(Buf *o, const char *s)
{
    if (s) buf_json_str(o, str_c(s));
    else buf_adds(o, "null");
}

static void json_change(Buf *o, const Change *c)
{
    static const char *const st[] = { "changed", "added", "removed" };
    const Item *it = c->new ? c->new : c->old;
    buf_addf(o, "{\"status\": \"%s\", \"kind\": \"%s\", ", st[c->kind], kind_names[it->kind]);
    const Sect *s = c->sect;
    if (s->id) {
        buf_adds(o, "\"table\": {\"id\": ");
        json_s(o, s->id);
        buf_addf(o, ", \"number\": %d, \"title\": ", s->number);
        json_s(o, s->title);
        buf_adds(o, "}, ");
    } else {
        buf_adds(o, "\"section\": ");
        json_s(o, s->key);
        buf_adds(o, ", ");
    }
    buf_adds(o, "\"code\": ");
    json_s(o, it->code);
    buf_adds(o, ", \"label\": ");
    json_s(o, it->label);
    buf_adds(o, ", \"column\": ");
    if (it->col) {
        buf_adds(o, "{\"key\": ");
        json_s(o, it->col);
        buf_adds(o, ", \"title\": ");
        json_s(o, it->head);
        buf_adds(o, "}");
    } else {
        buf_adds(o, "null");
    }
    buf_adds(o, ", \"old\": ");
    json_s(o, c->old ? c->old->text : NULL);
    buf_adds(o, ", \"new\": ");
    json_s(o, c->new ? c->new->text : NULL);
    buf_adds(o, ", \"change\": ");
    json_s(o, c->change[0] ? c->change : NULL);
    buf_adds(o, "}");
}

static void emit_json_diff(Out *x, const int total[3])
{
    Buf *o = &x->b;
    buf_adds(o, "{\n  \"bdl-diff\": 1,\n  \"old\": ");
    json_s(o, x->old);
    buf_adds(o, ",\n  \"new\": ");
    json_s(o, x->new);
    buf_addf(o, ",\n  \"equal\": %s,\n  \"counts\": {\"changed\": %d, \"added\": %d, \"removed\": %d},\n  \"budgets\": [",
             total[0] + total[1] + total[2] ? "false" : "true", total[0], total[1], total[2]);
    static const char *const st[] = { "equal", "changed", "added", "removed" };
    for (int i = 0; i < x->npairs; i++) {
        const Pair *p = &x->pairs[i];
        buf_adds(o, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        json_s(o, p->path);
        buf_addf(o, ", \"status\": \"%s\", \"changes\": [", st[p->status]);
        for (int k = 0; k < p->n; k++) {
            buf_adds(o, k ? ",\n      " : "\n      ");
            json_change(o, &p->ch[k]);
        }
        buf_adds(o, p->n ? "\n    ]}" : "]}");
    }
    buf_adds(o, x->npairs ? "\n  ]\n}\n" : "]\n}\n");
}

static void html_esc(Buf *o, const char *s)
{
    for (const char *p = s; p && *p; p++) {
        switch (*p) {
        case '&': buf_adds(o, "&amp;"); break;
        case '<': buf_adds(o, "&lt;"); break;
        case '>': buf_adds(o, "&gt;"); break;
        case '"': buf_adds(o, "&quot;"); break;
        case '\'': buf_adds(o, "&#39;"); break;
        default:
            if ((unsigned char)*p < 0x20 && *p != '\n') buf_adds(o, "\xef\xbf\xbd");
            else buf_add(o, p, 1);
        }
    }
}

static const char html_style[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif;margin:2em;color:#222}\n"
    "table{border-collapse:collapse;margin:0 0 1.5em}\n"
    "th,td{border:1px solid #999;padding:2px 6px;vertical-align:top}\n"
    "th{background:#eee}\n"
    "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "tr.added td.s{color:#060}tr.removed td.s{color:#a00}tr.changed td.s{color:#850}\n"
    "tr.removed td.o,tr.changed td.o{text-decoration:line-through;color:#777}\n";

static void emit_html_diff(Out *x, const int total[3])
{
    Buf *o = &x->b;
    buf_adds(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>bdlc diff</title>\n<style>\n");
    buf_adds(o, html_style);
    buf_adds(o, "</style>\n</head>\n<body>\n<h1>bdlc diff</h1>\n<p>");
    html_esc(o, x->old);
    buf_adds(o, " → ");
    html_esc(o, x->new);
    buf_adds(o, "</p>\n<p>");
    Buf line = { 0 };
    counts_line(&line, total);
    html_esc(o, line.s);
    buf_free(&line);
    buf_adds(o, "</p>\n");
    static const char *const cls[] = { "changed", "added", "removed" };
    static const char *const sym[] = { "~", "+", "−" };
    for (int i = 0; i < x->npairs; i++) {
        const Pair *p = &x->pairs[i];
        if (!p->status) continue;
        if (x->folders) {
            static const char *const st[] = { "=", "~", "+", "−" };
            buf_addf(o, "<h2>%s ", st[p->status]);
            html_esc(o, p->path);
            buf_adds(o, "</h2>\n");
        }
        const Sect *cur = NULL;
        for (int k = 0; k < p->n; k++) {
            const Change *c = &p->ch[k];
            if (c->sect != cur && (!cur || strcmp(cur->key, c->sect->key) != 0)) {
                if (cur) buf_adds(o, "</table>\n");
                Buf h = { 0 };
                sect_heading(&h, c->sect);
                chomp(&h);
                buf_adds(o, "<h3>");
                html_esc(o, h.s);
                buf_free(&h);
                buf_addf(o, "</h3>\n<table>\n<tr><th></th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                         _("where"), _("old"), _("new"), _("change"));
            }
            cur = c->sect;
            const Item *it = c->new ? c->new : c->old;
            buf_addf(o, "<tr class=\"%s\"><td class=\"s\">%s</td><td>", cls[c->kind], sym[c->kind]);
            Buf w = { 0 };
            where(&w, it);
            html_esc(o, w.s);
            buf_free(&w);
            bool pres = presence(it) && c->kind != CH_CHANGED;
            buf_addf(o, "</td><td class=\"%s\">", it->amount ? "o n" : "o");
            if (c->old && !pres) html_esc(o, c->old->text);
            buf_addf(o, "</td><td class=\"%s\">", it->amount ? "n" : "");
            if (c->new && !pres) html_esc(o, c->new->text);
            buf_adds(o, "</td><td class=\"n\">");
            html_esc(o, c->change);
            buf_adds(o, "</td></tr>\n");
        }
        if (cur) buf_adds(o, "</table>\n");
    }
    buf_adds(o, "</body>\n</html>\n");
}

/* ------------------------------------------------------------ textconv */

/* One budget's values one a line, for git's textconv: a diff of two such
 * listings is a diff of the published values.  A file that is not a root
 * including nothing is printed as it is (see the top of this file). */
static int textconv(const DiffOpts *o, const char *path)
{
    size_t len;
    char err[PATH_MAX + 600];
    char *text = file_read(path, SRC_DIR_MSG, &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        return 2;
    }
    Unit *u = unit_new(&o->cl->load);
    bool whole = load_unit(u, path, err, sizeof err) && district_is_root(u);
    for (int i = 0; whole && i < u->stmts.n; i++)
        if (((Stmt *)u->stmts.v[i])->kind == ST_INCLUDE) whole = false;
    unit_free(u);
    Flat f = { 0 };
    if (whole) {
        DiffOpts q = *o;
        q.quiet = true;
        whole = side_build(&q, path, false, NULL, NULL, &f) == 0;
    }
    Buf b = { 0 };
    if (!whole) {
        buf_add(&b, text, len);
    } else {
        for (int i = 0; i < f.n; i++) {
            const Item *it = &f.items[i];
            const Sect *s = &f.sects[it->sect];
            if (it->kind == IK_TABLE) {
                buf_addf(&b, "== ");
                sect_heading(&b, s);
                continue;
            }
            if (it->kind == IK_ATTR && strcmp(it->col, "title") == 0) continue;
            if (it->amount && it->val == 0) continue;
            if (!it->amount && !presence(it) && !*it->text) continue;
            if (s->id) buf_addf(&b, "%d | ", s->number);
            where(&b, it);
            if (!presence(it) || it->kind == IK_AGENCY) buf_adds(&b, " | "), put_text(&b, it->text);
            buf_adds(&b, "\n");
        }
    }
    int rc = fwrite(b.s ? b.s : "", 1, b.n, stdout) == b.n && fflush(stdout) == 0 ? 0 : 2;
    buf_free(&b);
    flat_free(&f);
    xfree(text);
    return rc;
}

/* ------------------------------------------------------------- command */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The roots below a folder (as `bdlc check DIR` finds them), as paths
 * relative to it, sorted. */
static int roots_below(const DiffOpts *o, const char *dir, char ***out, int *n)
{
    CmdLine sub = *o->cl;
    char *files[2] = { (char *)dir, NULL };
    sub.files = files;
    sub.nfiles = 1;
    sub.val[OPT_SHARD] = sub.val[OPT_FILES_FROM] = NULL;
    Roots r;
    int rc = district_find(&sub, &r);
    *out = xmalloc(sizeof(char *) * (size_t)(r.n + 1));
    *n = 0;
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    for (int i = 0; i < r.n; i++) {
        const char *p = r.path[i];
        if (strncmp(p, dir, dl) == 0 && p[dl] == '/') p += dl + 1;
        while (*p == '/') p++;
        (*out)[(*n)++] = xstrdup(p);
    }
    district_free(&r);
    if (*n > 1) qsort(*out, (size_t)*n, sizeof(char *), cmp_str);
    return rc;
}

static void pair_free(Pair *p)
{
    xfree(p->path);
    xfree(p->ch);
}

typedef struct Run {
    const DiffOpts *o;
    Side a, b;
    Flat *flats; /* kept while the output refers to them */
    int nflats;
    Pair *pairs;
    int npairs;
    bool failed;
} Run;

static Flat *new_flat(Run *r)
{
    r->flats = xrealloc(r->flats, sizeof(Flat) * (size_t)(r->nflats + 2));
    memset(&r->flats[r->nflats], 0, sizeof(Flat) * 2);
    r->nflats += 2;
    return &r->flats[r->nflats - 2];
}

static Pair *new_pair(Run *r, const char *path)
{
    r->pairs = xrealloc(r->pairs, sizeof(Pair) * (size_t)(r->npairs + 1));
    Pair *p = &r->pairs[r->npairs++];
    memset(p, 0, sizeof *p);
    p->path = path ? xstrdup(path) : NULL;
    return p;
}

static char *in_side(const Side *s, const char *rel) { return buf_format(NULL, "%s/%s", s->path, rel); }

/* Two folders: their roots matched by path. */
static void diff_folders(Run *r)
{
    char **ra, **rb;
    int na, nb;
    if (roots_below(r->o, r->a.path, &ra, &na) | roots_below(r->o, r->b.path, &rb, &nb)) r->failed = true;
    int i = 0, j = 0;
    while (i < na || j < nb) {
        int c = i >= na ? 1 : j >= nb ? -1 : strcmp(ra[i], rb[j]);
        const char *rel = c <= 0 ? ra[i] : rb[j];
        Flat *f = new_flat(r);
        int rc1 = 1, rc2 = 1;
        if (c <= 0) {
            char *p = in_side(&r->a, rel);
            rc1 = side_build(r->o, p, true, r->a.tree, r->a.shown, &f[0]);
            xfree(p);
        }
        if (c >= 0) {
            char *p = in_side(&r->b, rel);
            rc2 = side_build(r->o, p, true, r->b.tree, r->b.shown, &f[1]);
            xfree(p);
        }
        if (rc1 == 2 || rc2 == 2) r->failed = true;
        else if (rc1 == 0 && rc2 == 0) compare(new_pair(r, rel), &f[0], &f[1]);
        else if (rc1 == 0) new_pair(r, rel)->status = 3;
        else if (rc2 == 0) new_pair(r, rel)->status = 2;
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    for (int k = 0; k < na; k++) xfree(ra[k]);
    for (int k = 0; k < nb; k++) xfree(rb[k]);
    xfree(ra);
    xfree(rb);
}

static int diff_run(const CmdLine *cl)
{
    DiffOpts o = { cl, cl->val[OPT_LAYOUT], false };
    if (cl->val[OPT_TEXTCONV]) {
        if (cl->nfiles != 1) return cl->usage_error(cl, "%s", _("--textconv takes one file"));
        return textconv(&o, cl->files[0]);
    }
    if (cl->nfiles != 2)
        return cl->usage_error(cl, "%s", _("bdlc diff compares two budgets: give OLD and NEW"));
    if (o.layout) { /* said once, not once per side */
        char err[PATH_MAX + 600];
        Layout *l = layout_load(o.layout, &cl->load, err, sizeof err);
        if (!l) {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            return 2;
        }
        layout_free(l);
    }
    Run r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    int rc = side_open(&r.a, cl->files[0]);
    if (!rc) rc = side_open(&r.b, cl->files[1]);
    if (!rc) {
        bool da = is_dir(r.a.path), db = is_dir(r.b.path);
        if (da != db) {
            fprintf(stderr, _("bdlc: error: '%s' is a folder and '%s' is not: compare two budgets or two folders\n"),
                    da ? cl->files[0] : cl->files[1], da ? cl->files[1] : cl->files[0]);
            rc = 2;
        } else if (da) {
            diff_folders(&r);
        } else {
            Flat *f = new_flat(&r);
            int r1 = side_build(&o, r.a.path, false, r.a.tree, r.a.shown, &f[0]);
            int r2 = side_build(&o, r.b.path, false, r.b.tree, r.b.shown, &f[1]);
            if (r1 || r2) r.failed = true;
            else compare(new_pair(&r, NULL), &f[0], &f[1]);
        }
        if (r.failed) rc = 2;
    }
    bool folders = r.a.path && is_dir(r.a.path);
    /* the items hold copies of every text: the trees read from git go now,
     * before the output (a reader that stops early must not leave them) */
    side_close(&r.a);
    side_close(&r.b);
    if (!rc) {
        Out x = { .old = cl->files[0], .new = cl->files[1], .pairs = r.pairs, .npairs = r.npairs, .folders = folders };
        int total[3] = { 0, 0, 0 };
        bool differ = false;
        for (int i = 0; i < r.npairs; i++) {
            for (int k = 0; k < 3; k++) total[k] += r.pairs[i].counts[k];
            if (r.pairs[i].status) differ = true;
        }
        const char *f = cl->val[OPT_DIFF_FORMAT] ? cl->val[OPT_DIFF_FORMAT] : "text";
        if (strcmp(f, "json") == 0) emit_json_diff(&x, total);
        else if (strcmp(f, "html") == 0) emit_html_diff(&x, total);
        else emit_text(&x, total);
        if (fwrite(x.b.s ? x.b.s : "", 1, x.b.n, stdout) != x.b.n || fflush(stdout) != 0) {
            fprintf(stderr, _("bdlc: error: cannot write to standard output: %s\n"), strerror(errno));
            rc = 2;
        } else {
            rc = differ ? 1 : 0;
        }
        buf_free(&x.b);
    }
    for (int i = 0; i < r.npairs; i++) pair_free(&r.pairs[i]);
    xfree(r.pairs);
    for (int i = 0; i < r.nflats; i++) flat_free(&r.flats[i]);
    xfree(r.flats);
    return rc;
}

const Command cmd_diff = {
    "diff", "diff OLD NEW", N_("what changed in the published tables between two budgets"), usage_diff,
    OPT(OPT_DIFF_FORMAT) | OPT(OPT_LAYOUT) | OPT(OPT_TEXTCONV) | OPT(OPT_INCLUDE) | OPT(OPT_COLOR),
    "bdlc diff: ", "bdlc diff --help", diff_run,
};
