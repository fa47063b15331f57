/*
 * consolidate.c — a department's budget (部门预算) as the sum of its
 * agencies' budgets (单位预算), issue 15.
 *
 *   budget 2026 { variant department  agency "本部" …  agency "中心" … }
 *   agencies "agencies/NAME/budget.bdl"  (a pattern: NAME may be a star)
 *
 * Each agency keeps its own root (`variant agency`, one `agency` clause:
 * itself).  check_unit calls consolidate_unit first: every root the
 * patterns match (relative to the file, sorted, a file once) is loaded and
 * checked as a budget of its own; it must fit the department (E157: an
 * agency root, same department, year, unit, decimals and layout, naming no
 * agencies itself, so there is never a second level or a cycle to follow)
 * and be clean (E158; its own diagnostics are reported against its own
 * files).  The department's agency clauses and the roots must match one to
 * one (E156).  Then the figures are added up exactly, by source and code:
 * income, carryover, expenditure (basic, project, total), economic (total,
 * personnel, public), 机关运行经费 and 政府采购 by kind.  Every figure the
 * department states is compared with that sum (E155, naming each agency's
 * part), and the department's income, carryover, expenditure and economic
 * blocks are replaced by the sums (their leaves; parents and 合计 are
 * derived as for any budget), so the checks, the model and every back end
 * see the department as its agencies add up.  Projects and procurement items
 * belong to their agency: they are parsed again from the agency's files
 * into the department (their diagnostics point there), a project without an
 * `agency` clause getting its agency's.  三公 come from the consolidated
 * economic codes (E115, W134 check what the department states).
 *
 * Nothing here is a global: district.c checks departments on several
 * threads at once.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bdl.h"

/* One added-up figure: a source's income or carryover, or a code's row of
 * an expenditure or economic block of a source (code empty: its 合计). */
enum { FK_INCOME, FK_CARRYOVER, FK_EXP, FK_ECO, FK_OTHER /* 机关运行经费, 政府采购 */ };
typedef struct Fig {
    int kind;
    Str src;           /* the source's key */
    Str code, name;    /* classification code and name; code.n == 0 the 合计 */
    bool leaf;
    int64_t v[NCELLS];
    bool w[NCELLS];    /* some agency wrote this cell (on a leaf) */
    int64_t *part;     /* [agency * NCELLS + cell] */
} Fig;

/* An agency's statement read into the department: its bytes in its file. */
typedef struct Spliced {
    int agency, file;
    uint32_t from, to;
} Spliced;

typedef struct Cons {
    Unit *u;                 /* the department */
    const CheckOptions *o;
    Consolidation *c;
    Stmt *budget;
    Vec decls;               /* the agencies statements (Stmt*) */
    int decimals, unit_pow;
    Str unit, layout;        /* as written, or the defaults 万元 / "" */
    const Symtab *st;        /* the first agency's: the same modules */
    Map figs;                /* key → Fig* */
    Vec order;               /* Fig*, in order of creation */
    const Stmt **decl_of;    /* the agencies statement that matched each root */
    bool failed;
    Spliced *spliced;        /* the agencies' statements read into the department */
    int nspliced;
} Cons;

static Loc at_decl(const Stmt *s) { return s->u.inc.path_loc; }

static Str budget_unit(const Stmt *b)
{
    return b->u.budget.unit_clause.present ? b->u.budget.unit.s : str_c("万元");
}

static Str label_of(const AgencyDecl *d) { return d->name.present ? d->name.s : d->code.s; }

/* ------------------------------------------------------------ finding */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 0;
    char *d = xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = 0;
    return d;
}

static void add_root(Cons *k, const char *path, const Stmt *decl)
{
    Consolidation *c = k->c;
    c->agencies = xrealloc(c->agencies, sizeof(AgencyRoot) * (size_t)(c->n + 1));
    k->decl_of = xrealloc(k->decl_of, sizeof(Stmt *) * (size_t)(c->n + 1));
    memset(&c->agencies[c->n], 0, sizeof(AgencyRoot));
    c->agencies[c->n].path = xstrdup(path);
    k->decl_of[c->n] = decl;
    c->n++;
}

/* The roots a pattern matches, in path order; a file matched again (by
 * this or another pattern) counts once. */
static void find_roots(Cons *k, const Stmt *decl, Map *seen, const char *self)
{
    Unit *u = k->u;
    SrcFile *f = u->files.v[decl->loc.file];
    char *pat = arena_strndup(&u->arena, decl->u.inc.path.s, decl->u.inc.path.n);
    char *dir = dir_of(f->path);
    size_t n = strlen(dir) + strlen(pat) + 1;
    char *full = xmalloc(n);
    snprintf(full, n, "%s%s", pat[0] == '/' ? "" : dir, pat);
    xfree(dir);
    glob_t g;
    memset(&g, 0, sizeof g);
    int found = 0;
    if (glob(full, GLOB_NOSORT, NULL, &g) == 0) {
        qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), cmp_str);
        for (size_t i = 0; i < g.gl_pathc; i++) {
            struct stat st;
            if (stat(g.gl_pathv[i], &st) != 0 || !S_ISREG(st.st_mode)) continue; /* folders, FIFOs */
            char *real = realpath(g.gl_pathv[i], NULL);
            if (!real) continue;
            found++;
            if (self && strcmp(real, self) == 0) {
                diag_at(&u->diags, at_decl(decl), "E159", "the pattern \"%s\" matches this budget's own root",
                        pat);
                diag_help(&u->diags, "a department is the sum of its agencies; keep its own root out of the "
                          "pattern, e.g. \"agencies/*/budget.bdl\"");
                k->failed = true;
            } else if (!map_get(seen, str_c(real))) {
                map_put(seen, str_c(arena_strndup(&u->arena, real, strlen(real))), (void *)1);
                add_root(k, g.gl_pathv[i], decl);
            }
            free(real);
        }
    }
    globfree(&g);
    xfree(full);
    if (!found) {
        diag_at(&u->diags, at_decl(decl), "E159", "the pattern \"%s\" matches no file", pat);
        diag_help(&u->diags, "the pattern is relative to this file, e.g. agencies \"agencies/*/budget.bdl\"");
        k->failed = true;
    }
}

/* ----------------------------------------------- agency diagnostics */

/* The agency's diagnostics, moved into the department's report against
 * the agency's own files (copied into the department, once each). */
static bool spliced_at(const Cons *k, int agency, Loc at)
{
    for (int i = 0; i < k->nspliced; i++) {
        const Spliced *x = &k->spliced[i];
        if (x->agency == agency && x->file == at.file && at.off >= x->from && at.off < x->to) return true;
    }
    return false;
}

static void copy_diags(Cons *k, int agency, Unit *au)
{
    Unit *u = k->u;
    int *map = xmalloc(sizeof(int) * (size_t)(au->files.n + 1));
    for (int i = 0; i < au->files.n; i++) map[i] = -1;
    diag_sort(&au->diags);
    for (int i = 0; i < au->diags.n; i++) {
        Diag *d = &au->diags.d[i];
        if (spliced_at(k, agency, d->loc)) continue; /* the department's check says it again */
        Loc locs[1 + 64];
        int nl = 1 + (d->nnotes < 64 ? d->nnotes : 64);
        locs[0] = d->loc;
        for (int j = 1; j < nl; j++) locs[j] = d->notes[j - 1].loc;
        bool ok = true;
        for (int j = 0; j < nl && ok; j++) {
            if (j && !d->notes[j - 1].has_loc) continue;
            int fi = locs[j].file;
            if (fi >= au->files.n) { ok = false; break; }
            if (map[fi] < 0) {
                SrcFile *f = au->files.v[fi];
                if (u->files.n >= LOC_MAX_FILES) { ok = false; break; }
                SrcFile *g = src_from_memory(u, f->path, f->text, f->len, f->builtin);
                xfree(g->real);
                g->real = xstrdup(f->real);
                map[fi] = g->id;
            }
            locs[j].file = (uint16_t)map[fi];
        }
        if (!ok) continue;
        diag_at(&u->diags, locs[0], d->code, "%s", d->msg);
        for (int j = 0; j < d->nnotes; j++) {
            DiagNote *n = &d->notes[j];
            if (strcmp(n->kind, "help") == 0) diag_help(&u->diags, "%s", n->msg);
            else diag_note(&u->diags, n->has_loc && j + 1 < nl ? &locs[j + 1] : NULL, "%s", n->msg);
        }
    }
    xfree(map);
}

/* ------------------------------------------------------ fitting */

static const Stmt *root_budget(const Unit *au)
{
    for (int i = 0; i < au->stmts.n; i++) {
        const Stmt *s = au->stmts.v[i];
        if (s->kind == ST_BUDGET && s->loc.file == 0) return s;
    }
    return NULL;
}

static bool names_agencies(const Unit *au)
{
    for (int i = 0; i < au->stmts.n; i++)
        if (((const Stmt *)au->stmts.v[i])->kind == ST_AGENCIES) return true;
    return false;
}

static void misfit(Cons *k, int i, const char *what, Str theirs, Str ours)
{
    diag_at(&k->u->diags, at_decl(k->decl_of[i]), "E157", "the agency root '%s' has %s %.*s, the department %.*s",
            k->c->agencies[i].path, _(what), (int)theirs.n, theirs.s, (int)ours.n, ours.s);
    diag_help(&k->u->diags, "an agency's budget is part of its department's: the same department, year, unit, "
              "decimals and layout, and the agency's kind as the department states it");
    k->failed = true;
}

/* Does the checked agency root fit the department?  E157 when not. */
static void fit(Cons *k, int i)
{
    AgencyRoot *a = &k->c->agencies[i];
    const Stmt *ab = a->result.budget, *db = k->budget;
    Diags *ds = &k->u->diags;
    Loc at = at_decl(k->decl_of[i]);
    if (!ab) return;
    Str variant = ab->u.budget.variant.s;
    if (!ab->u.budget.variant_clause.present || !str_eqc(variant, "agency")) {
        diag_at(ds, at, "E157", "the agency root '%s' is not an agency's budget: its budget block has no "
                "`variant agency`", a->path);
        diag_help(ds, "an agency root says `variant agency` and names itself in one `agency` clause");
        k->failed = true;
    }
    if (ab->u.budget.agencies.n != 1) {
        diag_at(ds, at, "E157", "the agency root '%s' names %d agencies; an agency root names exactly one, itself",
                a->path, ab->u.budget.agencies.n);
        k->failed = true;
    } else {
        a->decl = ab->u.budget.agencies.v[0];
    }
    if (!str_eq(ab->u.budget.year, db->u.budget.year)) misfit(k, i, N_("year"), ab->u.budget.year, db->u.budget.year);
    if (!str_eq(budget_unit(ab), k->unit)) misfit(k, i, N_("unit"), budget_unit(ab), k->unit);
    if (a->result.decimals != k->decimals) {
        char x[8], y[8];
        snprintf(x, sizeof x, "%d", a->result.decimals);
        snprintf(y, sizeof y, "%d", k->decimals);
        misfit(k, i, N_("decimals"), str_c(x), str_c(y));
    }
    Str lay = ab->u.budget.layout_clause.present ? ab->u.budget.layout.s : (Str){ "", 0 };
    if (!str_eq(lay, k->layout)) misfit(k, i, N_("layout"), lay.n ? lay : str_c("-"), k->layout.n ? k->layout : str_c("-"));
    const Code *dc = &db->u.budget.department, *ac = &ab->u.budget.department;
    bool same = dc->present && ac->present ? str_eq(dc->s, ac->s)
                                           : name_equiv(db->u.budget.department_name.s, ab->u.budget.department_name.s);
    if (!same) misfit(k, i, N_("department"), ab->u.budget.department_name.s, db->u.budget.department_name.s);
}

static bool same_agency(const AgencyDecl *a, const AgencyDecl *b)
{
    if (a->code.present && b->code.present) return str_eq(a->code.s, b->code.s);
    return a->name.present && b->name.present && name_equiv(a->name.s, b->name.s);
}

/* The department's agency clauses and the roots, one to one (E156). */
static void membership(Cons *k)
{
    Consolidation *c = k->c;
    const Vec *dv = &k->budget->u.budget.agencies;
    int *root_of = xmalloc(sizeof(int) * (size_t)(dv->n + 1));
    for (int j = 0; j < dv->n; j++) root_of[j] = -1;
    Diags *ds = &k->u->diags;
    for (int i = 0; i < c->n; i++) {
        const AgencyDecl *ad = c->agencies[i].decl;
        if (!ad) continue;
        int j = 0;
        while (j < dv->n && !same_agency(ad, dv->v[j])) j++;
        Str name = label_of(ad);
        if (j == dv->n) {
            diag_at(ds, at_decl(k->decl_of[i]), "E156", "the agency root '%s' is the budget of %.*s, which the "
                    "department does not name", c->agencies[i].path, (int)name.n, name.s);
            diag_help(ds, "add `agency \"%.*s\"` to the department's budget block, or leave the file out of the "
                      "pattern", (int)name.n, name.s);
            k->failed = true;
        } else if (root_of[j] >= 0) {
            diag_at(ds, at_decl(k->decl_of[i]), "E156", "'%s' and '%s' are both budgets of the agency %.*s",
                    c->agencies[root_of[j]].path, c->agencies[i].path, (int)name.n, name.s);
            diag_help(ds, "an agency has one budget; its figures would count twice");
            k->failed = true;
        } else {
            root_of[j] = i;
            const AgencyDecl *dd = dv->v[j];
            if (ad->kind.present && dd->kind.present && !str_eq(ad->kind.s, dd->kind.s))
                misfit(k, i, N_("kind"), ad->kind.s, dd->kind.s);
        }
    }
    for (int j = 0; j < dv->n; j++) {
        if (root_of[j] >= 0) continue;
        /* a root that could not be checked may be this agency's: say nothing more */
        bool unknown = false;
        for (int i = 0; i < c->n; i++) unknown |= !c->agencies[i].decl;
        if (unknown) continue;
        const AgencyDecl *d = dv->v[j];
        Str name = label_of(d);
        diag_at(ds, d->name.present ? d->name.loc : d->code.loc, "E156", "the agency %.*s has no budget among the "
                "agency roots", (int)name.n, name.s);
        diag_help(ds, "write its root (`variant agency`, `agency \"%.*s\"`) where an `agencies` pattern finds it",
                  (int)name.n, name.s);
        k->failed = true;
    }
    xfree(root_of);
}

/* ---------------------------------------------------------- adding up */

static Fig *fig(Cons *k, int kind, Str src, Str code, Str name)
{
    char key[512];
    int n = snprintf(key, sizeof key, "%d\x1f%.*s\x1f%.*s", kind, (int)src.n, src.s, (int)code.n, code.s);
    if (n >= (int)sizeof key) n = (int)sizeof key - 1;
    Fig *f = map_get(&k->figs, (Str){ key, (uint32_t)n });
    if (f) return f;
    Arena *a = &k->u->arena;
    f = arena_alloc(a, sizeof *f);
    f->kind = kind;
    f->src = (Str){ arena_strndup(a, src.s, src.n), src.n };
    f->code = (Str){ arena_strndup(a, code.s, code.n), code.n };
    f->name = (Str){ arena_strndup(a, name.s, name.n), name.n };
    f->part = arena_alloc(a, sizeof(int64_t) * NCELLS * (size_t)(k->c->n ? k->c->n : 1));
    map_put(&k->figs, (Str){ arena_strndup(a, key, (size_t)n), (uint32_t)n }, f);
    vec_push(&k->order, f);
    return f;
}

static void fig_add(Cons *k, Fig *f, int agency, const int64_t *v, const bool *w)
{
    for (int c = 0; c < NCELLS; c++) {
        if (!money_add(&f->v[c], v[c]) || !money_add(&f->part[agency * NCELLS + c], v[c])) k->failed = true;
        if (w) f->w[c] |= w[c];
    }
}

static int64_t amount_in(const Cons *k, const Amount *a)
{
    int64_t v = 0;
    if (a->present) amount_parse(a, k->decimals, k->unit_pow, &v);
    return v;
}

static const Source *block_src(const Symtab *st, const Stmt *s)
{
    if (s->u.block.source.present) return sym_source(st, s->u.block.source.s);
    const Source *g = sym_source(st, str_c("一般公共预算资金"));
    return g ? g : sym_source(st, str_c("general"));
}

/* A leaf of an agency's expenditure (cls CLS_FUNCTION) or economic block:
 * its cells as the checks read them. */
static void leaf_cells(const Cons *k, const Row *r, const ClassCode *cc, int cls, int64_t *v, bool *w)
{
    if (cls == CLS_FUNCTION) {
        w[CELL_BASIC] = r->cell[CELL_BASIC].present;
        w[CELL_PROJECT] = r->cell[CELL_PROJECT].present;
        w[CELL_TOTAL] = r->cell[CELL_TOTAL].present;
        v[CELL_BASIC] = amount_in(k, &r->cell[CELL_BASIC]);
        v[CELL_PROJECT] = amount_in(k, &r->cell[CELL_PROJECT]);
        v[CELL_TOTAL] = v[CELL_BASIC] + v[CELL_PROJECT]; /* checked clean: no overflow */
        return;
    }
    int mark = r->mark ? r->mark : cc->mark ? cc->mark : CELL_PUBLIC;
    int64_t cell[NCELLS];
    for (int c = 0; c < NCELLS; c++) cell[c] = amount_in(k, &r->cell[c]);
    eco_split(r, cell, amount_in(k, &r->bare), mark, v);
    w[CELL_PERSONNEL] = r->cell[CELL_PERSONNEL].present;
    w[CELL_PUBLIC] = r->cell[CELL_PUBLIC].present;
    w[CELL_TOTAL] = r->bare.present || r->cell[CELL_TOTAL].present;
}

static void add_block(Cons *k, int i, const Stmt *s, const Symtab *st)
{
    int cls = s->kind == ST_ECONOMIC ? CLS_ECONOMIC : CLS_FUNCTION;
    int kind = cls == CLS_ECONOMIC ? FK_ECO : FK_EXP;
    const Source *src = block_src(st, s);
    if (!src) return;
    for (int j = 0; j < s->u.block.rows.n; j++) {
        const Row *r = s->u.block.rows.v[j];
        if (r->is_total) continue;
        ClassCode *cc = sym_code(st, cls, r->code.s);
        if (!cc || cc->nchildren) continue; /* parents are derived */
        int64_t v[NCELLS] = { 0 };
        bool w[NCELLS] = { false };
        leaf_cells(k, r, cc, cls, v, w);
        Fig *f = fig(k, kind, src->key, cc->code, cc->name);
        f->leaf = true;
        fig_add(k, f, i, v, w);
        for (ClassCode *p = cc->parent; p; p = p->parent) fig_add(k, fig(k, kind, src->key, p->code, p->name), i, v, NULL);
        fig_add(k, fig(k, kind, src->key, (Str){ "", 0 }, (Str){ "", 0 }), i, v, NULL);
    }
}

static void add_agency(Cons *k, int i)
{
    AgencyRoot *a = &k->c->agencies[i];
    const CheckResult *r = &a->result;
    for (int j = 0; j < r->st.sources.n; j++) {
        const Source *src = r->st.sources.v[j];
        const SourceSum *ss = &r->sources[src->index];
        for (int which = 0; which < 2; which++) {
            if (!ss->row[which]) continue;
            int64_t v[NCELLS] = { 0 };
            bool w[NCELLS] = { false };
            v[CELL_TOTAL] = ss->amount[which];
            w[CELL_TOTAL] = true;
            fig_add(k, fig(k, which ? FK_CARRYOVER : FK_INCOME, src->key, (Str){ "", 0 }, src->name), i, v, w);
        }
    }
    for (int j = 0; j < a->unit->stmts.n; j++) {
        const Stmt *s = a->unit->stmts.v[j];
        if ((s->kind == ST_EXPENDITURE || s->kind == ST_ECONOMIC) && !s->broken) add_block(k, i, s, &r->st);
    }
}

/* ------------------------------------------------------- comparing */

/* "本部 14,348,853.34 + 法律援助中心 2,377,872.10" */
static void parts_text(const Cons *k, const Fig *f, int cell, Buf *out)
{
    for (int i = 0; i < k->c->n; i++) {
        const AgencyDecl *d = k->c->agencies[i].decl;
        Str name = d ? label_of(d) : str_c(k->c->agencies[i].path);
        char b[40];
        buf_addf(out, "%s%.*s %s", i ? " + " : "", (int)name.n, name.s,
                 money_format(f ? f->part[i * NCELLS + cell] : 0, k->decimals, true, b));
    }
}

/* The precision an amount is written at, in the department's 10^-decimals
 * (as check.c's written_step): 100.00 元 for 9.98 万元 in a 元 budget. */
static int64_t step_of(const Cons *k, const Amount *a)
{
    int p = a->unit == AMT_WAN ? 4 : a->unit == AMT_YUAN ? 0 : k->unit_pow;
    int sh = p - k->unit_pow;
    if (sh <= 0) return 1;
    int frac = 0;
    const char *dot = memchr(a->text.s, '.', a->text.n);
    if (dot) frac = (int)(a->text.s + a->text.n - dot - 1);
    int e = k->decimals + sh - frac;
    return e > 0 ? money_pow10(e) : 1;
}

/* E155 when a stated amount is not the agencies' sum (at its precision). */
static void compare(Cons *k, const Amount *a, const char *row, const char *col, const Fig *f, int cell,
                    int64_t summed)
{
    if (!a->present) return;
    int64_t stated;
    if (amount_parse(a, k->decimals, k->unit_pow, &stated) != 0) return; /* E102/E103 say why */
    int64_t step = step_of(k, a);
    if (money_round(summed, step) == stated) return;
    char s1[40], s2[96], w[64];
    Buf parts = { 0 };
    parts_text(k, f, cell, &parts);
    money_format(summed, k->decimals, true, s2);
    const char *unit = a->unit == AMT_WAN ? " 万元" : a->unit == AMT_YUAN ? " 元" : "";
    snprintf(w, sizeof w, "%.*s%s", (int)(a->text.n < 40 ? a->text.n : 40), a->text.s, unit);
    if (step > 1) { /* a coarser unit: the sum as it is written, 217.83 万元 */
        const char *dot = memchr(a->text.s, '.', a->text.n);
        int frac = dot ? (int)(a->text.s + a->text.n - dot - 1) : 0;
        char r[40];
        money_format(money_round(summed, step) / step, frac, true, r);
        size_t n = strlen(s2);
        snprintf(s2 + n, sizeof s2 - n, " = %s%s", r, unit);
    }
    if (col)
        diag_at(&k->u->diags, a->loc, "E155", "%s, %s: the department states %s, its agencies add up to %s (%s)", row,
                _(col), w, s2, parts.s);
    else
        diag_at(&k->u->diags, a->loc, "E155", "%s: the department states %s, its agencies add up to %s (%s)", row, w,
                s2, parts.s);
    int64_t d = stated - summed;
    diag_note(&k->u->diags, NULL, "difference %s", money_format(d, k->decimals, true, s1));
    diag_help(&k->u->diags, "a department's figures are its agencies' sum: correct the department, or the agency "
              "whose part is wrong");
    buf_free(&parts);
}

static const Fig *find_fig(Cons *k, int kind, Str src, Str code)
{
    char key[512];
    int n = snprintf(key, sizeof key, "%d\x1f%.*s\x1f%.*s", kind, (int)src.n, src.s, (int)code.n, code.s);
    if (n >= (int)sizeof key) n = (int)sizeof key - 1;
    return map_get(&k->figs, (Str){ key, (uint32_t)n });
}

static const char *const cell_key[NCELLS] = { N_("basic"), N_("project"), N_("total"), N_("personnel"),
                                               N_("public") };

static void compare_block(Cons *k, const Stmt *s)
{
    bool eco = s->kind == ST_ECONOMIC;
    const Source *src = block_src(k->st, s);
    if (!src) return; /* an unknown source: the checks say so */
    for (int j = 0; j < s->u.block.rows.n; j++) {
        const Row *r = s->u.block.rows.v[j];
        Str code = r->is_total ? (Str){ "", 0 } : r->code.s;
        const Fig *f = find_fig(k, eco ? FK_ECO : FK_EXP, src->key, code);
        char row[300];
        if (r->is_total) snprintf(row, sizeof row, "%s", eco ? _("economic 合计") : _("expenditure 合计"));
        else if (r->name.present) snprintf(row, sizeof row, "%.*s %.*s", (int)code.n, code.s, (int)r->name.s.n, r->name.s.s);
        else snprintf(row, sizeof row, "%.*s", (int)code.n, code.s);
        for (int c = 0; c < NCELLS; c++)
            compare(k, &r->cell[c], row, cell_key[c], f, c, f ? f->v[c] : 0);
        if (eco) compare(k, &r->bare, row, NULL, f, CELL_TOTAL, f ? f->v[CELL_TOTAL] : 0);
    }
}

static void compare_sources(Cons *k, const Stmt *s, int kind)
{
    for (int j = 0; j < s->u.block.rows.n; j++) {
        const SrcRow *r = s->u.block.rows.v[j];
        const Source *src = sym_source(k->st, r->source.s);
        if (!src) continue;
        const Fig *f = find_fig(k, kind, src->key, (Str){ "", 0 });
        char row[300];
        snprintf(row, sizeof row, "%s %.*s", kind == FK_INCOME ? _("income") : _("carryover"), (int)r->source.s.n,
                 r->source.s.s);
        compare(k, &r->amount, row, NULL, f, CELL_TOTAL, f ? f->v[CELL_TOTAL] : 0);
    }
}

/* 机关运行经费 of each agency: derived where its kinds allow, else stated;
 * false when some agency has none. */
static bool opcost_sum(Cons *k, Fig *f)
{
    for (int i = 0; i < k->c->n; i++) {
        const CheckResult *r = &k->c->agencies[i].result;
        int64_t v[NCELLS] = { 0 };
        if (r->opcost_derivable) v[CELL_TOTAL] = r->opcost_derived;
        else if (r->opcost_written) v[CELL_TOTAL] = r->opcost_stated;
        else return false;
        fig_add(k, f, i, v, NULL);
    }
    return true;
}

/* ------------------------------------------------------ synthesizing */

static Amount amount_text(Cons *k, int64_t v, Loc at)
{
    char b[40];
    money_format(v, k->decimals, false, b);
    return (Amount){ .text = { arena_strndup(&k->u->arena, b, strlen(b)), (uint32_t)strlen(b) }, .loc = at,
                     .present = true, .unit = AMT_BUDGET };
}

static Stmt *new_stmt(Cons *k, int kind, Loc at)
{
    Stmt *s = arena_alloc(&k->u->arena, sizeof *s);
    s->kind = (uint8_t)kind;
    s->loc = at;
    s->end_line = at.line;
    return s;
}

static Name name_at(Str s, Loc at) { return (Name){ s, at, true }; }

static int cmp_fig(const void *x, const void *y)
{
    const Fig *a = *(Fig *const *)x, *b = *(Fig *const *)y;
    if (a->kind != b->kind) return a->kind - b->kind;
    uint32_t n = a->code.n < b->code.n ? a->code.n : b->code.n;
    int r = memcmp(a->code.s, b->code.s, n);
    if (r) return r;
    return a->code.n < b->code.n ? -1 : a->code.n > b->code.n;
}

/* The department's figure blocks: one income, one carryover, an
 * expenditure and an economic block per source (the sources in their
 * declaration order, the leaves in code order). */
static void synthesize(Cons *k, Vec *out, Loc at)
{
    Arena *a = &k->u->arena;
    /* the sources: the first agency's in declaration order, then any other
     * an agency declares itself, in the order its figures came */
    Vec srcs = { 0 };
    for (int j = 0; j < k->st->sources.n; j++) vec_push(&srcs, &((Source *)k->st->sources.v[j])->key);
    for (int i = 0; i < k->order.n; i++) {
        Fig *f = k->order.v[i];
        bool known = f->kind == FK_OTHER;
        for (int j = 0; j < srcs.n && !known; j++) known = str_eq(*(Str *)srcs.v[j], f->src);
        if (!known) vec_push(&srcs, &f->src);
    }
    for (int kind = FK_INCOME; kind <= FK_ECO; kind++) {
        Stmt *flow = NULL;
        for (int j = 0; j < srcs.n; j++) {
            Str key = *(Str *)srcs.v[j];
            Vec leaves = { 0 };
            for (int i = 0; i < k->order.n; i++) {
                Fig *f = k->order.v[i];
                if (f->kind == kind && str_eq(f->src, key) && (f->leaf || kind <= FK_CARRYOVER))
                    vec_push(&leaves, f);
            }
            if (!leaves.n) continue;
            if (leaves.n > 1) qsort(leaves.v, (size_t)leaves.n, sizeof(void *), cmp_fig);
            if (kind <= FK_CARRYOVER) {
                if (!flow) {
                    flow = new_stmt(k, kind == FK_INCOME ? ST_INCOME : ST_CARRYOVER, at);
                    vec_push(out, flow);
                }
                Fig *f = leaves.v[0];
                SrcRow *r = arena_alloc(a, sizeof *r);
                r->source = name_at(f->src, at);
                r->amount = amount_text(k, f->v[CELL_TOTAL], at);
                vec_apush(a, &flow->u.block.rows, r);
                vec_free(&leaves);
                continue;
            }
            Stmt *s = new_stmt(k, kind == FK_EXP ? ST_EXPENDITURE : ST_ECONOMIC, at);
            s->u.block.source = name_at(key, at);
            for (int i = 0; i < leaves.n; i++) {
                Fig *f = leaves.v[i];
                Row *r = arena_alloc(a, sizeof *r);
                r->loc = at;
                r->code = (Code){ f->code, at, true };
                r->name = name_at(f->name, at);
                static const int exp_cells[] = { CELL_BASIC, CELL_PROJECT }, eco_cells[] = { CELL_PERSONNEL, CELL_PUBLIC };
                const int *cells = kind == FK_EXP ? exp_cells : eco_cells;
                bool any = false;
                for (int c = 0; c < 2; c++)
                    if (f->v[cells[c]] || f->w[cells[c]]) {
                        r->cell[cells[c]] = amount_text(k, f->v[cells[c]], at);
                        any = true;
                    }
                if (!any) r->cell[cells[0]] = amount_text(k, 0, at);
                if (kind == FK_EXP && f->w[CELL_TOTAL]) r->cell[CELL_TOTAL] = amount_text(k, f->v[CELL_TOTAL], at);
                vec_apush(a, &s->u.block.rows, r);
            }
            vec_push(out, s);
            vec_free(&leaves);
        }
    }
    vec_free(&srcs);
}

/* A project or procurement item of an agency, parsed again from its file
 * into the department, so that it is the department's statement with
 * places in the agency's file. */
static void splice(Cons *k, int agency, Unit *au, const Stmt *s, int *filemap, const AgencyDecl *ad, Vec *out)
{
    Unit *u = k->u;
    SrcFile *af = au->files.v[s->loc.file];
    if (af->builtin) return;
    if (filemap[s->loc.file] < 0) {
        if (u->files.n >= LOC_MAX_FILES) return;
        SrcFile *g = src_from_memory(u, af->path, af->text, af->len, false);
        xfree(g->real);
        g->real = xstrdup(af->real);
        filemap[s->loc.file] = g->id;
    }
    SrcFile *f = u->files.v[filemap[s->loc.file]];
    size_t from = s->loc.off, to = from;
    for (int line = s->loc.line; to < f->len; to++)
        if (f->text[to] == '\n' && ++line > s->end_line) { to++; break; }
    k->spliced = xrealloc(k->spliced, sizeof(Spliced) * (size_t)(k->nspliced + 1));
    k->spliced[k->nspliced++] = (Spliced){ agency, s->loc.file, (uint32_t)from, (uint32_t)to };
    char saved[2] = { f->text[to], f->text[to + 1] };
    f->text[to] = f->text[to + 1] = 0;
    Vec got = { 0 };
    parse_range(f, from, to, s->loc.line, &u->arena, &u->diags, &got);
    f->text[to] = saved[0];
    f->text[to + 1] = saved[1];
    for (int i = 0; i < got.n; i++) {
        Stmt *p = got.v[i];
        if (p->kind == ST_PROJECT && !p->u.proj.agency.present && ad) {
            p->u.proj.agency = (Code){ label_of(ad), p->loc, true };
            p->u.proj.agency_by_name = ad->name.present;
        }
        vec_push(out, p);
    }
}

/* 机关运行经费 and 政府采购 by kind: a stated figure is compared with the
 * agencies' sum; none stated, the sum is stated for the department. */
static void summaries(Cons *k, Vec *out, Stmt *opcost, Stmt *psum, Loc at)
{
    Fig *oc = fig(k, FK_OTHER, str_c("opcost"), (Str){ "", 0 }, (Str){ "", 0 });
    if (opcost_sum(k, oc)) {
        if (opcost && !opcost->broken)
            compare(k, &opcost->u.opcost.amount, _("operating costs (机关运行经费)"), NULL, oc, CELL_TOTAL,
                    oc->v[CELL_TOTAL]);
        else if (!opcost) {
            Stmt *s = new_stmt(k, ST_OPERATING_COSTS, at);
            s->u.opcost.amount = amount_text(k, oc->v[CELL_TOTAL], at);
            vec_push(out, s);
        }
    }
    Stmt *syn = NULL;
    for (int kd = 0; kd < PK_COUNT; kd++) {
        Fig *f = fig(k, FK_OTHER, str_c("procurement"), str_c(proc_kind_name[kd]), (Str){ "", 0 });
        bool any = false;
        for (int i = 0; i < k->c->n; i++) {
            const CheckResult *r = &k->c->agencies[i].result;
            int64_t v[NCELLS] = { 0 };
            v[CELL_TOTAL] = r->procurement_kind[kd];
            any |= r->procurement_kind_written[kd];
            fig_add(k, f, i, v, NULL);
        }
        if (!any) continue;
        if (psum && !psum->broken) {
            char row[80];
            snprintf(row, sizeof row, _("政府采购 %s"), proc_kind_name[kd]);
            compare(k, &psum->u.psum.kind[kd], row, NULL, f, CELL_TOTAL, f->v[CELL_TOTAL]);
        } else if (!psum) {
            if (!syn) {
                syn = new_stmt(k, ST_PROC_SUMMARY, at);
                vec_push(out, syn);
            }
            syn->u.psum.kind[kd] = amount_text(k, f->v[CELL_TOTAL], at);
            syn->u.psum.kind_loc[kd] = at;
        }
    }
}

static void consolidate(Cons *k)
{
    Unit *u = k->u;
    Consolidation *c = k->c;
    for (int i = 0; i < c->n; i++) add_agency(k, i);
    if (k->failed) return; /* a sum too large: never an amount */
    Stmt *opcost = NULL, *psum = NULL;
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        if (s->broken) continue;
        if (s->kind == ST_EXPENDITURE || s->kind == ST_ECONOMIC) compare_block(k, s);
        else if (s->kind == ST_INCOME) compare_sources(k, s, FK_INCOME);
        else if (s->kind == ST_CARRYOVER) compare_sources(k, s, FK_CARRYOVER);
        else if (s->kind == ST_OPERATING_COSTS && !opcost) opcost = s;
        else if (s->kind == ST_PROC_SUMMARY && !psum) psum = s;
    }
    const Stmt *first = k->decls.v[0];
    Loc at = first->loc;
    Vec added = { 0 };
    synthesize(k, &added, at);
    summaries(k, &added, opcost, psum, at);
    for (int i = 0; i < c->n; i++) {
        Unit *au = c->agencies[i].unit;
        int *filemap = xmalloc(sizeof(int) * (size_t)(au->files.n + 1));
        for (int j = 0; j < au->files.n; j++) filemap[j] = -1;
        for (int j = 0; j < au->stmts.n; j++) {
            const Stmt *s = au->stmts.v[j];
            if ((s->kind == ST_PROJECT || s->kind == ST_PROCUREMENT) && !s->broken)
                splice(k, i, au, s, filemap, c->agencies[i].decl, &added);
        }
        xfree(filemap);
    }
    /* the department's own figure blocks go; the sums stand where the
     * first `agencies` statement is */
    Vec stmts = { 0 };
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        if (s->kind == ST_INCOME || s->kind == ST_CARRYOVER || s->kind == ST_EXPENDITURE || s->kind == ST_ECONOMIC)
            continue;
        vec_apush(&u->arena, &stmts, s);
        if (s == first)
            for (int j = 0; j < added.n; j++) vec_apush(&u->arena, &stmts, added.v[j]);
    }
    u->stmts = stmts;
    vec_free(&added);
    c->done = true;
}

/* ------------------------------------------------------------- main */

static void load_roots(Cons *k)
{
    Consolidation *c = k->c;
    Unit *u = k->u;
    for (int i = 0; i < c->n; i++) {
        AgencyRoot *a = &c->agencies[i];
        Loc at = at_decl(k->decl_of[i]);
        Unit *au = unit_new(u->opts);
        char err[600];
        if (!load_unit(au, a->path, err, sizeof err)) {
            diag_at(&u->diags, at, "E159", "cannot read the agency root: %s", err);
            unit_free(au);
            k->failed = true;
            continue;
        }
        a->unit = au;
        if (!root_budget(au)) { /* a fragment the pattern matches: only roots count */
            a->unit = NULL;
            a->fragment = true;
            unit_free(au);
            continue;
        }
        if (names_agencies(au)) { /* never followed: no second level, no cycle */
            diag_at(&u->diags, at, "E157", "the agency root '%s' names agency roots itself; only a department "
                    "adds up its agencies, one level deep", a->path);
            diag_help(&u->diags, "remove the `agencies` statement from the agency's root");
            k->failed = true;
            continue;
        }
        check_unit(au, &(CheckOptions){ .result = &a->result, .table_hook = k->o ? k->o->table_hook : NULL,
                                         .table_hook_ctx = k->o ? k->o->table_hook_ctx : NULL });
        a->checked = true;
        int ne = au->diags.nerrors;
        bool elsewhere = k->o && k->o->agencies_reported;
        if (ne) {
            diag_at(&u->diags, at, "E158", i18n_ngettext("the agency root '%s' has %d error, so the department's "
                    "figures cannot be added up", "the agency root '%s' has %d errors, so the department's figures "
                    "cannot be added up", (unsigned long)ne), a->path, ne);
            if (elsewhere) diag_help(&u->diags, "in a district run its problems are reported with its own budget; fix them first");
            else diag_help(&u->diags, "its problems are reported against its own files; fix them first");
            k->failed = true;
        }
        if (!ne) fit(k, i);
    }
}

/* Fragments matched by a pattern are not agencies; a pattern that found
 * files but no root among them is E159. */
static void drop_fragments(Cons *k)
{
    Consolidation *c = k->c;
    int n = 0;
    Vec had = { 0 }; /* the patterns that matched a fragment */
    for (int i = 0; i < c->n; i++)
        if (c->agencies[i].fragment) vec_push(&had, (void *)k->decl_of[i]);
    for (int i = 0; i < c->n; i++) {
        if (c->agencies[i].fragment) {
            xfree(c->agencies[i].path);
            continue;
        }
        k->decl_of[n] = k->decl_of[i];
        c->agencies[n++] = c->agencies[i];
    }
    for (int d = 0; d < k->decls.n; d++) {
        const Stmt *s = k->decls.v[d];
        bool any = false, frag = false;
        for (int i = 0; i < n; i++) any |= k->decl_of[i] == s;
        for (int i = 0; i < had.n; i++) frag |= had.v[i] == s;
        if (any || !frag) continue;
        diag_at(&k->u->diags, at_decl(s), "E159", "the pattern \"%.*s\" matches no agency root, only files without "
                "a budget block", (int)s->u.inc.path.n, s->u.inc.path.s);
        diag_help(&k->u->diags, "an agency root has its own `budget` block (`variant agency`)");
        k->failed = true;
    }
    vec_free(&had);
    c->n = n;
}

void consolidate_unit(Unit *u, const CheckOptions *o)
{
    Cons k;
    memset(&k, 0, sizeof k);
    k.u = u;
    k.o = o;
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        if (s->kind == ST_AGENCIES && !s->broken) vec_push(&k.decls, s);
        if (s->kind == ST_BUDGET && !k.budget) k.budget = s;
    }
    if (!k.decls.n || u->consol) {
        vec_free(&k.decls);
        return;
    }
    k.c = u->consol = xmalloc(sizeof(Consolidation));
    memset(k.c, 0, sizeof(Consolidation));
    Stmt *b = k.budget;
    if (!b || b->broken) goto out; /* E030 or its syntax error */
    if (b->u.budget.variant_clause.present && str_eqc(b->u.budget.variant.s, "agency")) {
        for (int i = 0; i < k.decls.n; i++) {
            diag_at(&u->diags, ((Stmt *)k.decls.v[i])->loc, "E159", "an agency's budget (`variant agency`) cannot "
                    "name agency roots; only a department's budget adds up its agencies");
            diag_help(&u->diags, "move the `agencies` statement to the department's root, or make this budget "
                      "`variant department`");
        }
        goto out;
    }
    k.decimals = 2;
    if (b->u.budget.decimals_clause.present) {
        Str d = b->u.budget.decimals;
        int v = 0;
        for (uint32_t i = 0; i < d.n && i < 3; i++) v = v * 10 + (d.s[i] - '0');
        if (d.n > 1 || v > 6) goto out; /* E103 */
        k.decimals = v;
    }
    k.unit = budget_unit(b);
    k.unit_pow = str_eqc(k.unit, "万元") ? 4 : 0;
    k.layout = b->u.budget.layout_clause.present ? b->u.budget.layout.s : (Str){ "", 0 };
    char *self = realpath(((SrcFile *)u->files.v[0])->path, NULL);
    Map seen = { 0 };
    for (int i = 0; i < k.decls.n; i++) find_roots(&k, k.decls.v[i], &seen, self);
    map_free(&seen);
    free(self);
    load_roots(&k);
    drop_fragments(&k);
    if (!k.failed) membership(&k);
    for (int i = 0; i < k.c->n && !k.st; i++)
        if (k.c->agencies[i].checked) k.st = &k.c->agencies[i].result.st;
    if (!k.failed && k.st) consolidate(&k);
    /* the agencies' own diagnostics, against their files, once the
     * projects read into the department are known (it reports those) */
    if (!(o && o->agencies_reported))
        for (int i = 0; i < k.c->n; i++)
            if (k.c->agencies[i].checked) copy_diags(&k, i, k.c->agencies[i].unit);
out:
    xfree(k.spliced);
    map_free(&k.figs);
    vec_free(&k.order);
    vec_free(&k.decls);
    xfree(k.decl_of);
}

void consolidate_free(Unit *u)
{
    Consolidation *c = u->consol;
    if (!c) return;
    for (int i = 0; i < c->n; i++) {
        AgencyRoot *a = &c->agencies[i];
        if (a->checked) check_result_free(&a->result);
        unit_free(a->unit);
        xfree(a->path);
    }
    xfree(c->agencies);
    xfree(c);
    u->consol = NULL;
}
