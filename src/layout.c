/*
 * layout.c — layouts as data: read a table set from its module and arrange
 * the model's quantities into it.
 *
 * A layout module is a folder layout/NAME holding *.layout files, read in
 * name order as one text (found like every module: -I folders, $BDL_PATH,
 * then the copy compiled into bdlc).  The format is our own, small and
 * declarative (docs/en/reference.md, "Layout modules"): it is not BDL
 * because a layout says how tables look, not what a budget holds, and
 * keeping it out of the BDL grammar lets a region be added without touching
 * the parser.  Nothing here names a table or a region: ids, titles, labels
 * and the arrangement come from the module; the amounts from model.c.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

/* ------------------------------------------------------------ scanning */

typedef struct Lex {
    const char *p, *end;
    int line;
    Layout *l;
    char *err;
    size_t errlen;
    bool failed;
    Str tok;       /* the current token */
    bool quoted;   /* it was a "string" */
    bool eof;
} Lex;

static void fail(Lex *x, const char *what)
{
    if (x->failed) return;
    x->failed = true;
    if (!x->eof && !x->tok.n)
        snprintf(x->err, x->errlen, _("layout %.*s, line %d: %s"), (int)x->l->name.n, x->l->name.s, x->line, what);
    else if (x->eof)
        snprintf(x->err, x->errlen, _("layout %.*s, line %d: %s (at the end)"), (int)x->l->name.n, x->l->name.s,
                 x->line, what);
    else
        snprintf(x->err, x->errlen, _("layout %.*s, line %d: %s (near '%.*s')"), (int)x->l->name.n, x->l->name.s,
                 x->line, what, (int)(x->tok.n > 40 ? 40 : x->tok.n), x->tok.s ? x->tok.s : "");
}

static void next(Lex *x)
{
    x->quoted = false;
    for (;;) {
        while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\r' || *x->p == '\n'))
            if (*x->p++ == '\n') x->line++;
        if (x->p < x->end && *x->p == '#') {
            while (x->p < x->end && *x->p != '\n') x->p++;
            continue;
        }
        break;
    }
    if (x->p >= x->end) {
        x->eof = true;
        x->tok = (Str){ "", 0 };
        return;
    }
    const char *s = x->p;
    if (*s == '{' || *s == '}') {
        x->p++;
        x->tok = (Str){ s, 1 };
        return;
    }
    if (*s == '"') {
        const char *e = s + 1;
        while (e < x->end && *e != '"' && *e != '\n') e++;
        x->tok = (Str){ s + 1, (uint32_t)(e - s - 1) };
        x->quoted = true;
        if (e >= x->end || *e != '"') fail(x, _("a string is not closed on its line"));
        x->p = e < x->end ? e + 1 : e;
        return;
    }
    const char *e = s;
    while (e < x->end && !strchr(" \t\r\n{}\"#", *e)) e++;
    x->tok = (Str){ s, (uint32_t)(e - s) };
    x->p = e;
}

static bool is(Lex *x, const char *w) { return !x->quoted && !x->eof && str_eqc(x->tok, w); }

static bool accept(Lex *x, const char *w)
{
    if (!is(x, w)) return false;
    next(x);
    return true;
}

static Str take_string(Lex *x)
{
    if (!x->quoted) {
        fail(x, _("expected a \"quoted text\""));
        return (Str){ "", 0 };
    }
    Str s = { arena_strndup(&x->l->arena, x->tok.s, x->tok.n), x->tok.n };
    next(x);
    return s;
}

static Str take_word(Lex *x)
{
    if (x->quoted || x->eof || is(x, "{") || is(x, "}")) {
        fail(x, _("expected a word"));
        return (Str){ "", 0 };
    }
    Str s = { arena_strndup(&x->l->arena, x->tok.s, x->tok.n), x->tok.n };
    next(x);
    return s;
}

static int take_int(Lex *x, int lo, int hi)
{
    Str w = take_word(x);
    int v = 0;
    for (uint32_t i = 0; i < w.n; i++) {
        if (w.s[i] < '0' || w.s[i] > '9' || v > 100000) {
            fail(x, _("expected a number"));
            return lo;
        }
        v = v * 10 + (w.s[i] - '0');
    }
    if (!w.n || v < lo || v > hi) fail(x, _("number out of range"));
    return v;
}

/* ------------------------------------------------------------- parsing */

static void *grow_arr(Layout *l, void *items, int n, size_t size)
{
    if (n & (n - 1)) return items; /* room while n is not a power of two */
    void *bigger = arena_alloc(&l->arena, size * (size_t)(n ? 2 * n : 1));
    if (n) memcpy(bigger, items, size * (size_t)n);
    return bigger;
}

static const char *cell_names[NCELLS] = {
    [CELL_BASIC] = "basic", [CELL_PROJECT] = "project", [CELL_TOTAL] = "total",
    [CELL_PERSONNEL] = "personnel", [CELL_PUBLIC] = "public",
};

static void parse_item(Lex *x, LItem *it)
{
    if (accept(x, "none")) return;
    if (accept(x, "label")) {
        it->kind = LI_LABEL;
        it->label = take_string(x);
    } else if (accept(x, "each")) {
        it->kind = LI_EACH;
        it->label_no = -1;
    } else if (accept(x, "classes")) {
        it->kind = LI_CLASSES;
        if (accept(x, "numbered")) it->numbered = true;
        return;
    } else {
        fail(x, _("expected 'label', 'each', 'classes' or 'none'"));
        return;
    }
    for (;;) {
        if (accept(x, "income")) it->qty |= LQ_INCOME;
        else if (accept(x, "carryover")) it->qty |= LQ_CARRYOVER;
        else if (accept(x, "spent")) it->qty |= LQ_SPENT;
        else if (accept(x, "of")) it->of = take_word(x);
        else if (it->kind == LI_EACH && accept(x, "name")) it->label_no = -1;
        else if (it->kind == LI_EACH && accept(x, "label")) it->label_no = take_int(x, 0, 2);
        else if (it->kind == LI_EACH && accept(x, "written")) it->written = true;
        else break;
    }
}

static void parse_part(Lex *x, LTable *t)
{
    t->parts = grow_arr(x->l, t->parts, t->nparts, sizeof(LPart));
    LPart *p = &t->parts[t->nparts++];
    memset(p, 0, sizeof *p);
    if (accept(x, "data")) p->kind = MR_DATA;
    else if (accept(x, "section")) p->kind = MR_SECTION;
    else if (accept(x, "total")) p->kind = MR_TOTAL;
    else fail(x, _("a part is 'data', 'section' or 'total'"));
    if (accept(x, "when-carryover")) p->when_carryover = true;
    for (;;) {
        int side = accept(x, "left") ? 0 : accept(x, "right") ? 1 : -1;
        if (side < 0 || x->failed) break;
        if (p->nitems[side] == LPART_MAX_ITEMS) {
            fail(x, _("a side of a part has at most 16 items"));
            break;
        }
        parse_item(x, &p->side[side][p->nitems[side]++]);
    }
}

static LColumn *new_column(Lex *x, LTable *t)
{
    t->cols = grow_arr(x->l, t->cols, t->ncols, sizeof(LColumn));
    LColumn *c = &t->cols[t->ncols++];
    memset(c, 0, sizeof *c);
    c->label_no = -1;
    return c;
}

static void parse_column_tail(Lex *x, LColumn *c)
{
    for (;;) {
        if (accept(x, "amount")) c->amount = true;
        else if (accept(x, "group")) {
            if (c->ngroups == 2) fail(x, _("a column has at most two group headers"));
            else c->group[c->ngroups++] = take_string(x);
        } else if (accept(x, "cell")) {
            int k = 0;
            while (k < NCELLS && !is(x, cell_names[k])) k++;
            if (k == NCELLS) {
                fail(x, _("a cell is 'total', 'basic', 'project', 'personnel' or 'public'"));
                return;
            }
            next(x);
            c->cell = k;
            c->has_cell = true;
        } else if (accept(x, "of")) c->set = take_word(x);
        else break;
    }
}

static const char *const rows_names[] = {
    [LR_FUNCTION] = "function", [LR_ECONOMIC] = "economic", [LR_PAIRED] = "paired", [LR_OFFICIAL] = "official",
    [LR_ITEMS] = "items",       [LR_INDICATORS] = "indicators", [LR_PROJECTS] = "projects",
    [LR_PROJECT_TEXTS] = "project-texts", [LR_PROJECT_INDICATORS] = "project-indicators",
};

/* The forms print their indicator grid by position: the eight columns
 * last (after code and name in a project form). */
static bool form_columns(const LTable *t)
{
    static const char *const ind[8] = { "level-1", "level-2", "level-3", "weight", "unit", "nature", "value", "core" };
    if (t->rows != LR_INDICATORS && t->rows != LR_PROJECTS) return true;
    int first = t->rows == LR_PROJECTS ? 2 : 0;
    if (t->ncols != first + 8) return false;
    if (first && (strcmp(t->cols[0].key, "code") || strcmp(t->cols[1].key, "name"))) return false;
    for (int k = 0; k < 8; k++)
        if (strcmp(t->cols[first + k].key, ind[k]) || t->cols[first + k].per_source) return false;
    return true;
}

static void parse_table(Lex *x)
{
    Layout *l = x->l;
    if (l->ntables == LAYOUT_MAX_TABLES) fail(x, _("a layout has at most 64 tables"));
    l->tables = grow_arr(l, l->tables, l->ntables, sizeof(LTable));
    LTable *t = &l->tables[l->ntables++];
    memset(t, 0, sizeof *t);
    t->decimals = -1;
    t->grouping = true;
    t->number = l->ntables; /* numbered in order unless it says */
    Str id = take_word(x);
    t->id = id.s;
    t->variant = accept(x, "department") ? 0 : accept(x, "agency") ? 1 : -1;
    for (int i = 0; i + 1 < l->ntables; i++)
        if (strcmp(l->tables[i].id, t->id) == 0 &&
            (l->tables[i].variant < 0 || t->variant < 0 || l->tables[i].variant == t->variant))
            fail(x, _("two tables have this id"));
    if (!accept(x, "{")) fail(x, _("expected '{' after the table id"));
    while (!x->failed && !x->eof && !is(x, "}")) {
        if (accept(x, "number")) t->number = take_int(x, 1, 999);
        else if (accept(x, "title")) {
            t->title[0] = t->title[1] = take_string(x);
            if (x->quoted) t->title[1] = take_string(x);
        } else if (accept(x, "note")) {
            t->note[0] = t->note[1] = take_string(x);
            if (x->quoted) t->note[1] = take_string(x);
        } else if (accept(x, "empty-row")) t->empty_row = take_string(x);
        else if (accept(x, "optional")) t->optional = true;
        else if (accept(x, "form-title")) t->form_title = take_string(x);
        else if (accept(x, "rows")) {
            int k = 0;
            while (k <= LR_PROJECT_INDICATORS && !is(x, rows_names[k])) k++;
            if (k > LR_PROJECT_INDICATORS) {
                fail(x, _("'rows' is 'function', 'economic', 'paired', 'official', 'items', 'indicators', 'projects', "
                          "'project-texts' or 'project-indicators'"));
                break;
            }
            next(x);
            t->rows = (LRows)k;
            if (!x->quoted && !x->eof && !is(x, "}") && (k == LR_FUNCTION || k == LR_ECONOMIC || k == LR_PAIRED))
                t->set = take_word(x);
        } else if (accept(x, "total")) {
            t->total = take_string(x);
            if (accept(x, "bottom")) t->total_bottom = true;
            else accept(x, "top");
        } else if (accept(x, "unit")) t->unit = take_word(x);
        else if (accept(x, "decimals")) t->decimals = take_int(x, 0, 6);
        else if (accept(x, "grouping")) {
            if (accept(x, "yes")) t->grouping = true;
            else if (accept(x, "no")) t->grouping = false;
            else fail(x, _("grouping is 'yes' or 'no'"));
        } else if (accept(x, "zero")) {
            if (accept(x, "blank")) t->has_zero = false;
            else {
                t->has_zero = true;
                t->zero = take_string(x);
            }
        } else if (accept(x, "column")) {
            LColumn *c = new_column(x, t);
            Str k = take_word(x);
            c->key = k.s;
            c->title = take_string(x);
            parse_column_tail(x, c);
        } else if (accept(x, "sources")) {
            LColumn *c = new_column(x, t);
            c->per_source = true;
            c->amount = true;
            c->set = take_word(x);
            if (accept(x, "label")) c->label_no = take_int(x, 0, 2);
            parse_column_tail(x, c);
        } else if (accept(x, "part")) parse_part(x, t);
        else fail(x, _("unknown statement in a table"));
    }
    if (!accept(x, "}")) fail(x, _("expected '}' to close the table"));
    Lex at = *x; /* a whole-table problem is reported at the table's id */
    at.tok = (Str){ t->id, (uint32_t)strlen(t->id) };
    at.eof = false;
    if (!x->failed && !t->ncols) fail(&at, _("a table has at least one column"));
    else if (!x->failed && !form_columns(t))
        fail(&at, _("a form ('rows indicators' or 'rows projects') ends with the columns 'level-1', 'level-2', "
                    "'level-3', 'weight', 'unit', 'nature', 'value', 'core'; 'rows projects' starts with 'code', 'name'"));
    x->failed |= at.failed;
    if (!t->title[0].s) t->title[0] = t->title[1] = (Str){ "", 0 };
}

static void parse(Lex *x)
{
    next(x);
    while (!x->failed && !x->eof) {
        if (accept(x, "layout")) x->l->name = take_word(x);
        else if (accept(x, "document")) x->l->doc_title = take_string(x);
        else if (accept(x, "weights")) {
            if (accept(x, "required")) x->l->weights_optional = false;
            else if (accept(x, "optional")) x->l->weights_optional = true;
            else fail(x, _("'weights' is 'required' or 'optional'"));
        } else if (accept(x, "table")) parse_table(x);
        else fail(x, _("expected 'layout', 'document', 'weights' or 'table'"));
    }
}

/* ------------------------------------------------------------- finding */

static int cmp_path(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every *.EXT of DIR/layout/NAME, in name order, appended to text. */
static int from_dir(const char *dir, const char *name, const char *ext, Buf *text)
{
    size_t n = strlen(dir) + strlen(name) + strlen(ext) + 32;
    char *pat = xmalloc(n);
    snprintf(pat, n, "%s%slayout/%s/*.%s", dir, dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", name, ext);
    glob_t g;
    memset(&g, 0, sizeof g);
    int found = 0;
    if (glob(pat, 0, NULL, &g) == 0) {
        qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), cmp_path);
        for (size_t i = 0; i < g.gl_pathc; i++) {
            char err[512];
            size_t len;
            char *s = file_read(g.gl_pathv[i], "%s", &len, err, sizeof err);
            if (!s) continue;
            buf_add(text, s, len);
            buf_adds(text, "\n");
            xfree(s);
            found++;
        }
    }
    globfree(&g);
    xfree(pat);
    return found;
}

/* The built-in files of layout NAME (layout/NAME/FILE), in their order. */
static int from_builtin(const char *name, const BuiltinFile *files, int nfiles, Buf *text)
{
    int found = 0;
    size_t nl = strlen(name);
    for (int i = 0; i < nfiles; i++) {
        const char *p = files[i].path;
        if (strncmp(p, "layout/", 7) || strncmp(p + 7, name, nl) || p[7 + nl] != '/' || strchr(p + 8 + nl, '/'))
            continue;
        buf_add(text, files[i].text, files[i].len);
        buf_adds(text, "\n");
        found++;
    }
    return found;
}

int layout_read_files(const char *name, const char *ext, const BuiltinFile *files, int nfiles,
                      const LoadOptions *o, Buf *text)
{
    int found = 0;
    for (int i = 0; o && i < o->ninclude_dirs && !found; i++) found = from_dir(o->include_dirs[i], name, ext, text);
    const char *env = getenv("BDL_PATH");
    if (!found && env && *env) {
        char *copy = xstrdup(env), *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save))
            found = from_dir(d, name, ext, text);
        xfree(copy);
    }
    if (!found) found = from_builtin(name, files, nfiles, text);
    return found;
}

/* Layout texts are printed into every format: UTF-8 without control
 * characters other than tab and line ends. */
static bool valid_text(Lex *x)
{
    int line = 1;
    for (const char *p = x->p; p < x->end;) {
        uint32_t cp;
        int n = utf8_decode(p, (size_t)(x->end - p), &cp);
        if (!n || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f) {
            x->line = line;
            x->tok = (Str){ "", 0 };
            fail(x, _("not UTF-8 text, or a control character"));
            return false;
        }
        if (cp == '\n') line++;
        p += n;
    }
    return true;
}

static bool valid_name(const char *s)
{
    if (!*s || strlen(s) > 64) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')) return false;
    return true;
}

/* The layouts built into bdlc, "a, b", in buf. */
static void builtin_names(char *buf, size_t cap)
{
    buf[0] = 0;
    for (int i = 0; i < bdl_builtin_layouts_count; i++) {
        const char *p = bdl_builtin_layouts[i].path + 7, *slash = strchr(p, '/');
        if (!slash) continue;
        int n = (int)(slash - p);
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen |= strncmp(bdl_builtin_layouts[j].path + 7, p, (size_t)n + 1) == 0;
        if (seen) continue;
        size_t len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%.*s", len ? ", " : "", n, p);
    }
}

/* The default layout's name: the built-in file layout/DEFAULT says it, so
 * that no region is named in C. */
static const char *default_name(char *buf, size_t cap)
{
    snprintf(buf, cap, "?");
    for (int i = 0; i < bdl_builtin_layouts_count; i++)
        if (strcmp(bdl_builtin_layouts[i].path, "layout/DEFAULT") == 0) {
            size_t n = 0;
            const char *t = bdl_builtin_layouts[i].text;
            while (n < bdl_builtin_layouts[i].len && n + 1 < cap && t[n] != '\n') n++;
            memcpy(buf, t, n);
            buf[n] = 0;
        }
    return buf;
}

Layout *layout_load(const char *name, const LoadOptions *o, char *err, size_t errlen)
{
    char dflt[64];
    if (!name) name = default_name(dflt, sizeof dflt);
    if (!valid_name(name)) {
        snprintf(err, errlen, _("'%s' is not a layout name (lower-case letters, digits, '-' and '_')"), name);
        return NULL;
    }
    Buf text = { 0 };
    int found = layout_read_files(name, "layout", bdl_builtin_layouts, bdl_builtin_layouts_count, o, &text);
    if (!found) {
        char have[256];
        builtin_names(have, sizeof have);
        snprintf(err, errlen, _("cannot find the layout '%s': it is a folder layout/%s of *.layout files in an "
                                "-I folder or $BDL_PATH; the layouts built into bdlc are %s"),
                 name, name, have);
        buf_free(&text);
        return NULL;
    }
    Layout *l = xmalloc(sizeof *l);
    memset(l, 0, sizeof *l);
    l->name = (Str){ arena_strndup(&l->arena, name, strlen(name)), (uint32_t)strlen(name) };
    Lex x = { .p = text.s, .end = text.s + text.n, .line = 1, .l = l, .err = err, .errlen = errlen };
    if (!valid_text(&x)) {
        buf_free(&text);
        layout_free(l);
        return NULL;
    }
    parse(&x);
    if (!x.failed && !l->ntables) {
        x.tok = (Str){ "", 0 };
        fail(&x, _("the layout has no table"));
    }
    buf_free(&text);
    if (x.failed) {
        layout_free(l);
        return NULL;
    }
    return l;
}

void layout_free(Layout *l)
{
    if (!l) return;
    arena_free(&l->arena);
    xfree(l);
}

/* ------------------------------------------------ checking overrides */

/* Is key the key of one of the budget's sources in a set (all, fiscal, a
 * source)?  Without the budget's sources (st NULL) any key may be. */
static bool source_key_in(const Symtab *st, Str set, Str key)
{
    if (!st) return true;
    const Source *s = sym_source(st, key);
    if (!s || !str_eq(s->key, key)) return false;
    if (!set.n || str_eqc(set, "all")) return true;
    if (str_eqc(set, "fiscal")) return s->fiscal;
    return sym_source(st, set) == s;
}

/* Does the layout's table have a row (`label KEY`) or column (`column
 * KEY`) of this key?  Rows: the source an item sums (`of KEY`), or, for an
 * `each` item, a source of its set; columns: their key, or a source of a
 * `sources SET` column's set (keys of the budget's own sources, st). */
static bool has_key(const LTable *t, const Symtab *st, bool label, Str key)
{
    for (int i = 0; i < t->ncols && !label; i++)
        if (t->cols[i].per_source ? source_key_in(st, t->cols[i].set, key) : str_eqc(key, t->cols[i].key))
            return true;
    if (!label) return false;
    if (t->empty_row.n && str_eqc(key, "empty-row")) return true;
    for (int i = 0; i < t->nparts; i++)
        for (int s = 0; s < 2; s++)
            for (int j = 0; j < t->parts[i].nitems[s]; j++) {
                const LItem *it = &t->parts[i].side[s][j];
                if (it->kind == LI_EACH && source_key_in(st, it->of.n ? it->of : t->set, key)) return true;
                if (it->kind == LI_LABEL && str_eq(it->of, key)) return true;
            }
    return false;
}

static void table_ids(const Layout *l, char *buf, size_t cap)
{
    buf[0] = 0;
    for (int i = 0; i < l->ntables; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++) seen |= strcmp(l->tables[i].id, l->tables[j].id) == 0;
        size_t n = strlen(buf);
        if (!seen && n + 2 < cap) snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", l->tables[i].id);
    }
}

/* The layout of a check: -l NAME, else the budget's, read once. */
static const Layout *checked_layout(const LayoutCheck *c, const Stmt *budget)
{
    if (!*c->loaded) {
        char name[256], err[600];
        const char *n = c->name;
        if (!n && budget && budget->u.budget.layout_clause.present) {
            snprintf(name, sizeof name, "%.*s", (int)budget->u.budget.layout.s.n, budget->u.budget.layout.s.s);
            n = name;
        }
        *c->loaded = layout_load(n, c->load, err, sizeof err);
    }
    return *c->loaded; /* NULL: compile says why, once */
}

bool layout_weights_optional(const void *ctx, const Stmt *budget)
{
    const Layout *l = checked_layout(ctx, budget);
    return l && l->weights_optional;
}

void layout_check_table(const void *ctx, Diags *ds, const Symtab *st, const Stmt *budget, const Stmt *table)
{
    const LayoutCheck *c = ctx;
    const Layout *l = checked_layout(c, budget);
    if (!l) return;
    const Name *id = &table->u.table.id;
    const LTable *t = NULL;
    for (int i = 0; i < l->ntables && !t; i++)
        if (str_eqc(id->s, l->tables[i].id)) t = &l->tables[i];
    if (!t) {
        char ids[1024];
        table_ids(l, ids, sizeof ids);
        diag_at(ds, id->loc, "E138", "the layout %.*s has no table %.*s; its tables are %s", (int)l->name.n,
                l->name.s, (int)id->s.n, id->s.s, ids);
        return;
    }
    for (int i = 0; i < table->u.table.sets.n; i++) {
        const TableSet *s = table->u.table.sets.v[i];
        bool label = str_eqc(s->what, "label");
        if (!s->key.present || (!label && !str_eqc(s->what, "column"))) continue;
        bool found = false;
        for (int k = 0; k < l->ntables && !found; k++) /* either variant's table */
            found = strcmp(l->tables[k].id, t->id) == 0 && has_key(&l->tables[k], st, label, s->key.s);
        if (!found && label)
            diag_at(ds, s->key.loc, "E138", "the table %.*s of the layout %.*s has no row %.*s", (int)id->s.n,
                    id->s.s, (int)l->name.n, l->name.s, (int)s->key.s.n, s->key.s.s);
        else if (!found)
            diag_at(ds, s->key.loc, "E138", "the table %.*s of the layout %.*s has no column %.*s", (int)id->s.n,
                    id->s.s, (int)l->name.n, l->name.s, (int)s->key.s.n, s->key.s.s);
    }
}

/* ----------------------------------------------------------- arranging */

/* The sources of a set, in an arena array; their count in *n. */
static const Source **sources_of(MQ *q, Str set, int *n)
{
    int cap = mq_nsources(q) + 1;
    const Source **v = arena_alloc(mq_arena(q), sizeof(Source *) * (size_t)cap);
    *n = mq_sources(q, set, v, cap);
    return v;
}

static int variant_of(const Model *m) { return m->variant == 1 ? 1 : 0; }

/* A text with {year} replaced by the budget's year. */
static Str expand(Arena *a, const Model *m, Str s)
{
    Buf b = { 0 };
    for (uint32_t i = 0; i < s.n; i++) {
        if (s.n - i >= 6 && memcmp(s.s + i, "{year}", 6) == 0) {
            buf_add(&b, m->year.s, m->year.n);
            i += 5;
        } else buf_add(&b, s.s + i, 1);
    }
    Str r = { arena_strndup(a, b.s ? b.s : "", b.n), (uint32_t)b.n };
    buf_free(&b);
    return r;
}

/* ---------------------------------------------------------- overrides */

/* The budget's `table ID { WHAT [KEY] VALUE }` line for this table, or
 * NULL: the last one wins (the checks allow one block per id). */
static const MOverride *override_of(const Model *m, const char *table, const char *what, const char *key)
{
    const MOverride *found = NULL;
    for (int i = 0; i < m->noverrides; i++) {
        const MOverride *o = &m->overrides[i];
        if (str_eqc(o->table, table) && str_eqc(o->what, what) && (!key || str_eqc(o->key, key))) found = o;
    }
    return found;
}

/* The numbering in front of a label ("一、", "1. ", "3、"), kept when a
 * budget renames the row: the override says the name, the layout the
 * numbering, so one override fits the department and agency wordings. */
static uint32_t numbering(Str s)
{
    static const char *const marks[] = { "、", ". ", "." };
    uint32_t i = 0;
    while (i < s.n) {
        uint32_t cp;
        int n = utf8_decode(s.s + i, s.n - i, &cp);
        static const uint32_t cn[] = { 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d, 0x5341 };
        bool digit = n && cp >= '0' && cp <= '9'; /* 0-9, or 一 … 十 */
        for (int k = 0; n && k < 10; k++) digit |= cp == cn[k];
        if (!digit) break;
        i += (uint32_t)n;
    }
    if (!i) return 0;
    for (int k = 0; k < 3; k++) {
        uint32_t n = (uint32_t)strlen(marks[k]);
        if (s.n - i >= n && memcmp(s.s + i, marks[k], n) == 0) return i + n;
    }
    return 0;
}

/* A row's label as the budget renames it (`label KEY "…"`), else as is. */
static Str row_label(Arena *a, const Model *m, const char *table, Str key, Str label)
{
    if (!key.n) return label;
    char k[128];
    snprintf(k, sizeof k, "%.*s", (int)key.n, key.s);
    const MOverride *o = override_of(m, table, "label", k);
    if (!o) return label;
    uint32_t pre = numbering(label);
    char *s = buf_format(a, "%.*s%.*s", (int)pre, label.s, (int)o->value.n, o->value.s);
    return str_c(s);
}

static MColumn *add_column(MQ *q, MTable *t, const char *key, Str title)
{
    if ((t->ncols & (t->ncols - 1)) == 0) {
        MColumn *bigger = arena_alloc(mq_arena(q), sizeof(MColumn) * (size_t)(t->ncols ? 2 * t->ncols : 1));
        if (t->ncols) memcpy(bigger, t->cols, sizeof(MColumn) * (size_t)t->ncols);
        t->cols = bigger;
    }
    MColumn *c = &t->cols[t->ncols++];
    memset(c, 0, sizeof *c);
    c->key = key;
    c->title = title;
    return c;
}

static void columns(MQ *q, const Model *m, const LTable *lt, MTable *t)
{
    Arena *a = mq_arena(q);
    for (int i = 0; i < lt->ncols; i++) {
        const LColumn *lc = &lt->cols[i];
        int n = 1;
        const Source **src = lc->per_source ? sources_of(q, lc->set, &n) : NULL;
        for (int k = 0; k < n; k++) {
            MColumn *c = lc->per_source
                             ? add_column(q, t, arena_strndup(a, src[k]->key.s, src[k]->key.n),
                                          lc->label_no >= 0 ? src[k]->label[lc->label_no] : src[k]->name)
                             : add_column(q, t, lc->key, expand(a, m, lc->title));
            c->amount = lc->amount;
            c->ngroups = lc->ngroups;
            for (int g = 0; g < lc->ngroups; g++) c->group[g] = expand(a, m, lc->group[g]);
        }
    }
}

static bool has_data(const MTable *t)
{
    for (int i = 0; i < t->nrows; i++)
        if (t->rows[i].kind == MR_DATA) return true;
    return false;
}

/* The 合计 row goes where the layout says: rows are built with it first. */
static void total_to_bottom(MTable *t)
{
    if (t->nrows < 2 || t->rows[0].kind != MR_TOTAL) return;
    MRow tot = t->rows[0];
    memmove(&t->rows[0], &t->rows[1], sizeof(MRow) * (size_t)(t->nrows - 1));
    t->rows[t->nrows - 1] = tot;
}

/* -------------------------------------------------- classification rows */

static int cell_of(const LColumn *c)
{
    static const char *const names[NCELLS] = {
        [CELL_BASIC] = "basic", [CELL_PROJECT] = "project", [CELL_TOTAL] = "total",
        [CELL_PERSONNEL] = "personnel", [CELL_PUBLIC] = "public",
    };
    if (c->has_cell) return c->cell;
    for (int k = 0; k < NCELLS; k++)
        if (strcmp(c->key, names[k]) == 0) return k;
    return -1;
}

/* A code split into 类 (3 digits), 款 and 项 (2 each), for split columns. */
static Str code_part(Str code, int k)
{
    static const int from[4] = { 0, 3, 5, 7 };
    if (code.n < (uint32_t)from[k + 1]) return (Str){ NULL, 0 };
    return (Str){ code.s + from[k], (uint32_t)(from[k + 1] - from[k]) };
}

static void tree_cells(const LTable *lt, MTable *t, MRow *r, const MQRow *x, const MQTree *other, bool total)
{
    for (int i = 0; i < lt->ncols; i++) {
        const LColumn *c = &lt->cols[i];
        if (c->per_source) continue; /* per-source columns belong to paired rows */
        int k = cell_of(c);
        if (k < 0) continue;
        const MQRow *y = x;
        if (c->set.n) y = total ? &other[i].total : mq_find(&other[i], x->code);
        mq_put(t, r, c->key, y ? mq_amount(y->v[k], y->w[k]) : mq_amount(0, false));
    }
}

static void tree_rows(const LTable *lt, MQ *q, MTable *t)
{
    MQTree tree, *other = xmalloc(sizeof(MQTree) * (size_t)(lt->ncols ? lt->ncols : 1));
    int cls = lt->rows == LR_FUNCTION ? CLS_FUNCTION : CLS_ECONOMIC;
    mq_tree(q, cls, lt->set, &tree);
    for (int i = 0; i < lt->ncols; i++)
        if (lt->cols[i].set.n && !lt->cols[i].per_source) mq_tree(q, cls, lt->cols[i].set, &other[i]);
    MRow *tot = mq_add_row(q, t, MR_TOTAL);
    if (lt->total.n) mq_put(t, tot, "name", (MVal){ .kind = MV_TEXT, .text = lt->total });
    tree_cells(lt, t, tot, &tree.total, other, true);
    for (int i = 0; i < tree.n; i++) {
        const MQRow *x = &tree.rows[i];
        MRow *r = mq_add_row(q, t, MR_DATA);
        r->depth = x->depth;
        mq_put(t, r, "code", (MVal){ .kind = MV_TEXT, .text = x->code });
        static const char *const part_key[3] = { "code-1", "code-2", "code-3" };
        for (int k = 0; k < 3; k++) {
            Str p = code_part(x->code, k);
            if (p.s) mq_put(t, r, part_key[k], (MVal){ .kind = MV_TEXT, .text = p });
        }
        mq_put(t, r, "name", (MVal){ .kind = MV_TEXT, .text = x->name });
        tree_cells(lt, t, r, x, other, false);
    }
    xfree(other);
}

/* ------------------------------------------------------ two-sided rows */

static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                        "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八",
                                        "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五" };

/* One entry of a side: its label and amount; `top` a 类 row for the
 * per-source columns (NULL: the side's total). */
typedef struct Entry {
    MVal label, amount;
    const MQRow *top;
    bool spent, has_amount;
} Entry;

typedef struct Paired {
    MQ *q;
    const Model *m;
    const LTable *lt;
    MTable *t;
    MQTree tops;            /* the table set's function tree */
    MQTree *per;            /* one per per-source column */
    const Source **src;
    int nsrc;
} Paired;

static int64_t sum_of(Paired *p, const LItem *it, Str set)
{
    int n;
    const Source **src = sources_of(p->q, it->of.n ? it->of : set, &n);
    int64_t v = 0;
    bool w;
    for (int i = 0; i < n; i++) {
        if (it->qty & LQ_INCOME) mq_overflow(p->q, &v, mq_income(p->q, src[i], false, &w));
        if (it->qty & LQ_CARRYOVER) mq_overflow(p->q, &v, mq_income(p->q, src[i], true, &w));
        if (it->qty & LQ_SPENT) mq_overflow(p->q, &v, mq_spent(p->q, src[i]));
    }
    return v;
}

static int entries(Paired *p, const LItem *it, Entry *out, int cap)
{
    Arena *a = mq_arena(p->q);
    int n = 0;
    if (it->kind == LI_LABEL && cap) {
        Str label = row_label(a, p->m, p->lt->id, it->of, expand(a, p->m, it->label));
        out[n] = (Entry){ .label = { .kind = MV_TEXT, .text = label } };
        if (it->qty) {
            out[n].has_amount = true;
            out[n].amount = mq_amount(sum_of(p, it, p->lt->set), false);
            out[n].spent = (it->qty & LQ_SPENT) != 0;
        }
        n++;
    } else if (it->kind == LI_EACH) {
        int ns;
        const Source **src = sources_of(p->q, it->of.n ? it->of : p->lt->set, &ns);
        for (int i = 0; i < ns && n < cap; i++) {
            bool w;
            int64_t v = mq_income(p->q, src[i], (it->qty & LQ_CARRYOVER) != 0, &w);
            if (it->written && !w) continue;
            Str label = row_label(a, p->m, p->lt->id, src[i]->key,
                                  it->label_no >= 0 ? src[i]->label[it->label_no] : src[i]->name);
            out[n++] = (Entry){ .label = { .kind = MV_TEXT, .text = label },
                                .amount = w ? mq_amount(v, true) : (MVal){ .kind = MV_BLANK },
                                .has_amount = true };
        }
    } else if (it->kind == LI_CLASSES) {
        for (int i = 0; i < p->tops.n && n < cap; i++) {
            const MQRow *x = &p->tops.rows[i];
            if (x->depth) continue;
            Str name = x->name;
            if (it->numbered && n < (int)(sizeof numerals / sizeof *numerals)) {
                char *s = buf_format(a, "%s、%.*s", numerals[n], (int)x->name.n, x->name.s);
                name = str_c(s);
            }
            out[n++] = (Entry){ .label = { .kind = MV_TEXT, .text = name },
                                .amount = mq_amount(x->v[CELL_TOTAL], false), .top = x, .spent = true,
                                .has_amount = true };
        }
    }
    return n;
}

static void put_entry(Paired *p, MRow *r, const Entry *e, int side)
{
    static const char *const label_key[2] = { "income-item", "item" };
    static const char *const amount_key[2] = { "income", "expenditure" };
    mq_put(p->t, r, label_key[side], e->label);
    if (e->has_amount) mq_put(p->t, r, amount_key[side], e->amount);
    if (!e->spent) return;
    /* columns of a cell (basic, project …): the 类 row's, or the tree's total */
    for (int i = 0; i < p->lt->ncols; i++) {
        const LColumn *c = &p->lt->cols[i];
        if (!c->has_cell || c->per_source) continue;
        const MQRow *x = e->top ? e->top : &p->tops.total;
        mq_put(p->t, r, c->key, mq_amount(x->v[c->cell], false));
    }
    for (int i = 0; i < p->nsrc; i++) {
        int64_t v;
        if (e->top) {
            const MQRow *y = mq_find(&p->per[i], e->top->code);
            v = y ? y->v[CELL_TOTAL] : 0;
        } else v = mq_spent(p->q, p->src[i]);
        char *key = arena_strndup(mq_arena(p->q), p->src[i]->key.s, p->src[i]->key.n);
        mq_put(p->t, r, key, mq_amount(v, false));
    }
}

/* A side with no item on this row: its amounts print nothing, not the
 * table's zero (a 2026 table 1 prints 0.00 under its items, and nothing
 * beside the income rows where the expenditure side has run out). */
static void no_entry(Paired *p, MRow *r, int side)
{
    MVal none = { .kind = MV_BLANK, .none = true };
    mq_put(p->t, r, side ? "expenditure" : "income", none);
    if (!side) return;
    for (int i = 0; i < p->lt->ncols; i++)
        if (p->lt->cols[i].has_cell && !p->lt->cols[i].per_source) mq_put(p->t, r, p->lt->cols[i].key, none);
    for (int i = 0; i < p->nsrc; i++)
        mq_put(p->t, r, arena_strndup(mq_arena(p->q), p->src[i]->key.s, p->src[i]->key.n), none);
}

static void paired_rows(const LTable *lt, MQ *q, const Model *m, MTable *t)
{
    Paired *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->q = q;
    p->m = m;
    p->lt = lt;
    p->t = t;
    mq_tree(q, CLS_FUNCTION, lt->set, &p->tops);
    int cap = 0;
    for (int i = 0; i < lt->ncols; i++) cap += lt->cols[i].per_source ? mq_nsources(q) : 0;
    p->per = arena_alloc(mq_arena(q), sizeof(MQTree) * (size_t)(cap + 1));
    p->src = arena_alloc(mq_arena(q), sizeof(Source *) * (size_t)(cap + 1));
    for (int i = 0; i < lt->ncols; i++)
        if (lt->cols[i].per_source) {
            int n;
            const Source **src = sources_of(q, lt->cols[i].set, &n);
            for (int k = 0; k < n && p->nsrc < cap; k++) {
                p->src[p->nsrc] = src[k];
                mq_tree(q, CLS_FUNCTION, src[k]->key, &p->per[p->nsrc++]);
            }
        }
    LItem carry = { .kind = LI_LABEL, .qty = LQ_CARRYOVER };
    bool any_carry = sum_of(p, &carry, lt->set) != 0;
    /* a side: each item at most one entry per source, or the 类 rows */
    int room = (mq_nsources(q) + p->tops.n + 1) * LPART_MAX_ITEMS;
    Entry *e[2];
    for (int s = 0; s < 2; s++) e[s] = xmalloc(sizeof(Entry) * (size_t)room);
    for (int i = 0; i < lt->nparts; i++) {
        const LPart *part = &lt->parts[i];
        if (part->when_carryover && !any_carry) continue;
        int n[2] = { 0, 0 };
        for (int s = 0; s < 2; s++)
            for (int j = 0; j < part->nitems[s]; j++) n[s] += entries(p, &part->side[s][j], e[s] + n[s], room - n[s]);
        int rows = n[0] > n[1] ? n[0] : n[1];
        for (int k = 0; k < rows; k++) {
            MRow *r = mq_add_row(q, t, part->kind);
            for (int s = 0; s < 2; s++)
                if (k < n[s]) put_entry(p, r, &e[s][k], s);
                else no_entry(p, r, s);
        }
    }
    for (int s = 0; s < 2; s++) xfree(e[s]);
    xfree(p);
}

/* ---------------------------------------------------------------- tables */

/* The unit and number style: the budget's `table ID { … }` over the
 * layout's table over the budget's unit and decimals. */
static void unit_format(const Model *m, const LTable *lt, MTable *t)
{
    const MOverride *o;
    t->unit = lt->unit.n ? lt->unit : m->unit;
    if ((o = override_of(m, lt->id, "unit", NULL))) t->unit = o->value;
    t->decimals = lt->decimals >= 0 ? lt->decimals : m->decimals;
    if ((o = override_of(m, lt->id, "decimals", NULL)) && o->value.n == 1) t->decimals = o->value.s[0] - '0';
    t->scale = 0;
    if (str_eqc(t->unit, "万元") && str_eqc(m->unit, "元")) t->scale = 4;
    if (str_eqc(t->unit, "元") && str_eqc(m->unit, "万元")) t->scale = -4;
    t->grouping = lt->grouping;
    if ((o = override_of(m, lt->id, "grouping", NULL))) t->grouping = str_eqc(o->value, "yes");
    t->has_zero = lt->has_zero;
    t->zero = lt->zero;
    if ((o = override_of(m, lt->id, "zero", NULL))) {
        t->has_zero = !str_eqc(o->value, "blank");
        t->zero = t->has_zero ? o->value : (Str){ NULL, 0 };
    }
}

/* `column KEY "…"`: that column's header (every column of the key). */
static void column_titles(Arena *a, const Model *m, MTable *t)
{
    for (int i = 0; i < t->ncols; i++) {
        const MOverride *o = override_of(m, t->id, "column", t->cols[i].key);
        if (o) t->cols[i].title = expand(a, m, o->value);
    }
}

/* A table without data shows the layout's `empty-row` text ("无") in its
 * first column, above its 合计, as published; `label empty-row ""` in a
 * budget drops it (the 2023-24 documents print none). */
static void empty_row(MQ *q, const Model *m, const LTable *lt, MTable *t)
{
    Str text = row_label(mq_arena(q), m, lt->id, str_c("empty-row"), lt->empty_row);
    if (!text.n || !t->ncols) return;
    MRow *r = mq_add_row(q, t, MR_SECTION);
    r->cells[0] = (MVal){ .kind = MV_TEXT, .text = text };
}

static void arrange(const LTable *lt, MQ *q, Model *m, MTable *t)
{
    Arena *a = mq_arena(q);
    int v = variant_of(m);
    t->id = lt->id;
    t->number = lt->number;
    const MOverride *o = override_of(m, lt->id, "title", NULL);
    t->title = expand(a, m, o ? o->value : lt->title[v]);
    if (lt->form_title.n) t->form_title = expand(a, m, lt->form_title);
    unit_format(m, lt, t);
    columns(q, m, lt, t);
    column_titles(a, m, t);
    switch (lt->rows) {
    case LR_FUNCTION:
    case LR_ECONOMIC: tree_rows(lt, q, t); break;
    case LR_PAIRED: paired_rows(lt, q, m, t); break;
    case LR_OFFICIAL: mq_fill_official(q, t); break;
    case LR_ITEMS: mq_fill_items(q, t, lt->total); break;
    case LR_INDICATORS:
        t->form = MF_FIELDS;
        mq_fill_indicators(q, t);
        break;
    case LR_PROJECTS:
        t->form = MF_PROJECTS;
        mq_fill_projects(q, t);
        break;
    case LR_PROJECT_TEXTS:
    case LR_PROJECT_INDICATORS: mq_fill_project_rows(q, t, lt->rows == LR_PROJECT_INDICATORS); break;
    }
    bool empty = !has_data(t);
    if (empty && lt->empty_row.n) { /* the empty form: its row, and blank amounts (no zero style) */
        empty_row(q, m, lt, t);
        t->has_zero = false;
    }
    if (lt->total_bottom) total_to_bottom(t);
    if (lt->note[v].n && empty) t->note = expand(a, m, lt->note[v]);
}

void layout_apply(const Layout *l, MQ *q, Model *m)
{
    m->tables = arena_alloc(mq_arena(q), sizeof(MTable) * (size_t)(l->ntables ? l->ntables : 1));
    memset(m->tables, 0, sizeof(MTable) * (size_t)(l->ntables ? l->ntables : 1));
    m->doc_title = expand(mq_arena(q), m, l->doc_title);
    m->layout = l->name;
    m->ntables = 0;
    for (int i = 0; i < l->ntables; i++)
        if (l->tables[i].variant < 0 || l->tables[i].variant == variant_of(m)) {
            MTable *t = &m->tables[m->ntables++];
            memset(t, 0, sizeof *t);
            arrange(&l->tables[i], q, m, t);
            if (l->tables[i].optional && !has_data(t)) m->ntables--; /* a budget without it: no page */
        }
}
