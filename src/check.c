/*
 * check.c — every check of spec §5.
 *
 * The order: the budget block (decimals, allow), the symbol table, then each
 * block on its own (codes, names, amounts, parent sums), then the
 * cross-checks between blocks.  A broken block (one holding an E001–E010)
 * is skipped, and so is every cross-check that reads it; a row whose amount
 * or code is already wrong "poisons" the sums it is part of, so one mistake
 * gives one message, not a cascade.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

/* Terms put into sentences: marked here, translated where they are used. */
static const char *col_name[NCELLS] = { N_("basic"), N_("project"), N_("total"), N_("personnel"), N_("public") };
static const char *tp_name[4] = { N_("overseas (因公出国（境）费)"), N_("vehicle-purchase (公务用车购置费)"),
                                  N_("vehicle-operation (公务用车运行费)"), N_("reception (公务接待费)") };

/* What the checker knows about one row of an expenditure or economic block. */
typedef struct RowInfo {
    Row *row;
    ClassCode *cc;     /* NULL for the total row or an unknown code */
    bool skip;         /* unknown or duplicate code: take no part in sums */
    bool parent;       /* the code has children in the classification */
    int64_t cell[NCELLS]; /* the written cells' values (0 when absent or unusable) */
    int64_t bare;         /* economic: the bare amount's value */
    bool bare_bad;        /* … written but unusable (E102/E103) */
    int64_t val[NCELLS];  /* the cells the sums use: as written; economic leaves: split */
    bool bad[NCELLS];  /* written but unusable (E102/E103/E106/E111) */
    bool desc[NCELLS]; /* some descendant row writes this column */
    int64_t sum[NCELLS];
    bool poison[NCELLS];
} RowInfo;

typedef struct Block {
    Stmt *s;
    Source *src;
    RowInfo *ri;
    int n;
    bool ok;             /* usable by cross-checks */
    int64_t tot[NCELLS]; /* derived totals over the leaves */
    bool poison[NCELLS];
    Row *total_row;
    Map by_code;         /* code → RowInfo* */
    bool overflowed;     /* E103 for a sum was reported */
    /* expenditure: the basic split (personnel/public) of the whole block,
     * when its rows state it (check_split); split_at is where it is written */
    bool split_known;
    int64_t split[2];
    Loc split_at;
} Block;

typedef struct Ctx {
    Unit *u;
    Diags *ds;
    Arena *arena;  /* the unit's, or a project-checking thread's own */
    Symtab st;
    int decimals;
    bool decimals_ok;
    int unit_pow;  /* the budget's unit in 元: 0 (元), 4 (万元) */
    Stmt *budget;
    Stmt *income, *carryover, *three_public, *performance;
    bool income_ok, carryover_ok;
    Block *exp, *eco; /* one per expenditure / economic block, as many as there are */
    int nexp, neco, capexp, capeco;
    bool exp_broken, eco_broken; /* some block of that kind is broken */
    Vec projects;
    Vec procurements;      /* the procurement items checked (Stmt*), for E137 */
    bool partial;
    SourceSum *sums;       /* income and carryover by source (Source.index), derived once */
    bool sums_ok[2];       /* every income [0] / carryover [1] row usable, of a known source */
    int64_t sums_total[2]; /* … and their totals */
    int64_t tp_sum[4];     /* the economic amounts of the four 三公 codes */
    bool tp_ok[4], tp_any;
    Stmt *opcost, *psum;   /* operating-costs, procurement-summary */
    int64_t opcost_derived;
    bool opcost_derivable;
    Vec tables;            /* table overrides (Stmt*), one per id */
    bool verbose;          /* check --verbose: list what the budget adds or overrides */
    bool weights_optional; /* the layout's forms have no weights: none are asked for (E120, E122) */
} Ctx;

/* ------------------------------------------------------------ helpers */

static char *fmt_amt(Ctx *c, int64_t v, char *buf)
{
    return money_format(v, c->decimals, true, buf);
}

/* An amount's value in the budget's decimals, read quietly: false (and 0)
 * when it is missing or cannot be one (scale said why where it checked it).
 * Amounts stay as parsed in the syntax tree; their values live in the
 * checker's own records (RowInfo, SourceSum) or are read again here. */
/* How many powers of ten an amount's unit is above the budget's: 4 for
 * 万元 in a 元 budget, -4 for 元 in a 万元 budget, else 0. */
static int unit_shift(const Ctx *c, const Amount *a)
{
    int p = a->unit == AMT_WAN ? 4 : a->unit == AMT_YUAN ? 0 : c->unit_pow;
    return p - c->unit_pow;
}

/* An amount in 10^-decimals of the budget's unit, exactly: 217.83 万元 in a
 * 元 budget of 2 decimals is read with 6 decimals (2,178,300.00 元).  A 元
 * figure in a 万元 budget must fall on the budget's precision (else 102). */
static int parse_amount(const Ctx *c, const Amount *a, int64_t *v)
{
    return amount_parse(a, c->decimals, c->unit_pow, v);
}

/* The precision of an amount as written, in 10^-decimals of the budget's
 * unit: 1 for a figure in the budget's unit; 100.00 元 for 9.98 万元.  A
 * derived exact amount matches it when it rounds to it at this step. */
static int64_t written_step(const Ctx *c, const Amount *a)
{
    int sh = unit_shift(c, a);
    if (sh <= 0) return 1;
    int frac = 0;
    const char *dot = memchr(a->text.s, '.', a->text.n);
    if (dot) frac = (int)(a->text.s + a->text.n - dot - 1);
    int e = c->decimals + sh - frac;
    return e > 0 ? money_pow10(e) : 1;
}

/* v rounded to the precision and in the unit a is written in: 10.80 万元. */
static char *fmt_as(const Ctx *c, const Amount *a, int64_t v, char *buf)
{
    int64_t step = written_step(c, a);
    int frac = 0;
    const char *dot = memchr(a->text.s, '.', a->text.n);
    if (dot) frac = (int)(a->text.s + a->text.n - dot - 1);
    if (unit_shift(c, a) <= 0 || frac > c->decimals + unit_shift(c, a)) return money_format(v, c->decimals, true, buf);
    money_format(money_round(v, step) / step, frac, true, buf);
    strcat(buf, a->unit == AMT_WAN ? " 万元" : " 元");
    return buf;
}

static bool value(const Ctx *c, const Amount *a, int64_t *v)
{
    *v = 0;
    if (!a->present || !c->decimals_ok) return false;
    if (parse_amount(c, a, v) == 0) return true;
    *v = 0;
    return false;
}

/* Written but unusable in sums (E102/E103). */
static bool unusable(const Ctx *c, const Amount *a)
{
    int64_t v;
    return a->present && !value(c, a, &v);
}

/* value(), saying what is wrong (E102/E103).  Called once per amount, where
 * its statement is checked, so each mistake is reported once. */
static bool scale(Ctx *c, const Amount *a, int64_t *v)
{
    *v = 0;
    if (!a->present || !c->decimals_ok) return false; /* E103 on decimals already said it */
    int r = parse_amount(c, a, v);
    if (r == 102 && unit_shift(c, a)) {
        diag_at(c->ds, a->loc, "E102", "%.*s %s is more precise than this budget's %d decimals of %s", (int)a->text.n,
                a->text.s, a->unit == AMT_WAN ? "万元" : "元", c->decimals, c->unit_pow ? "万元" : "元");
        diag_help(c->ds, "round it, or write it in the budget's unit");
    } else if (r == 102) {
        unsigned long nd = (unsigned long)c->decimals;
        diag_at(c->ds, a->loc, "E102", i18n_ngettext("%.*s has more digits after the point than this budget's %d decimal",
                "%.*s has more digits after the point than this budget's %d decimals", nd),
                (int)a->text.n, a->text.s, c->decimals);
        diag_help(c->ds, i18n_ngettext("round it to %d decimal place, or raise `decimals` in the budget block",
                  "round it to %d decimal places, or raise `decimals` in the budget block", nd), c->decimals);
    } else if (r == 103) {
        if (a->text.n && a->text.s[0] == '-')
            diag_at(c->ds, a->loc, "E103", "amounts cannot be negative in BDL 1 (found %.*s)", (int)a->text.n,
                    a->text.s);
        else
            diag_at(c->ds, a->loc, "E103", "%.*s is too large to be an amount", (int)a->text.n, a->text.s);
    }
    if (r) *v = 0;
    return r == 0;
}

static void diff_note(Ctx *c, int64_t written, int64_t derived)
{
    char b[40];
    int64_t d = written - derived;
    diag_note(c->ds, NULL, "difference %s", fmt_amt(c, d, b));
}

static void report_sum(Ctx *c, Loc at, const char *code, const char *what, int64_t written, int64_t derived,
                       const char *derived_as)
{
    char w[40], d[40];
    /* what and derived_as are marked N_() or already translated */
    diag_at(c->ds, at, code, "%s is written as %s, but %s %s", _(what), fmt_amt(c, written, w), _(derived_as),
            fmt_amt(c, derived, d));
    diff_note(c, written, derived);
}

static Str code_label(Str code, ClassCode *cc, char *buf, size_t cap)
{
    if (cc) snprintf(buf, cap, "%.*s %.*s", (int)code.n, code.s, (int)cc->name.n, cc->name.s);
    else snprintf(buf, cap, "%.*s", (int)code.n, code.s);
    return str_c(buf);
}

/* Levenshtein distance, for "did you mean". */
static int distance(Str a, Str b)
{
    if (a.n > 40 || b.n > 40) return 99;
    int d[41][41];
    for (uint32_t i = 0; i <= a.n; i++) d[i][0] = (int)i;
    for (uint32_t j = 0; j <= b.n; j++) d[0][j] = (int)j;
    for (uint32_t i = 1; i <= a.n; i++)
        for (uint32_t j = 1; j <= b.n; j++) {
            int x = d[i - 1][j] + 1, y = d[i][j - 1] + 1, z = d[i - 1][j - 1] + (a.s[i - 1] != b.s[j - 1]);
            d[i][j] = x < y ? (x < z ? x : z) : (y < z ? y : z);
        }
    return d[a.n][b.n];
}

/* E101 with the nearest codes as help. */
static void unknown_code(Ctx *c, int cls, Code code)
{
    Classification *k = &c->st.cls[cls];
    const char *kind = cls == CLS_ECONOMIC ? _("economic classification (经济分类)") : _("function classification (功能分类)");
    /* Nothing loaded this classification and an import failed (E020): the
     * module was meant to declare it; reporting every code would bury the
     * E020 under dozens of errors on correct rows. */
    if (c->u->missing_modules && !k->present) return;
    diag_at(c->ds, code.loc, "E101", "%.*s is not a code of the %s", (int)code.s.n, code.s.s, kind);
    ClassCode *best[3] = { 0 };
    int bd[3] = { 99, 99, 99 };
    for (int i = 0; i < k->codes.n; i++) {
        ClassCode *cc = k->codes.v[i];
        int dd = distance(code.s, cc->code);
        if (cc->code.n != code.s.n) dd += 1;
        for (int j = 0; j < 3; j++)
            if (dd < bd[j]) {
                for (int m = 2; m > j; m--) { bd[m] = bd[m - 1]; best[m] = best[m - 1]; }
                bd[j] = dd;
                best[j] = cc;
                break;
            }
    }
    char buf[512];
    size_t o = 0;
    for (int j = 0; j < 3 && best[j] && bd[j] <= 2; j++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s %.*s", j ? _(", ") : "", (int)best[j]->code.n,
                              best[j]->code.s, (int)best[j]->name.n, best[j]->name.s);
    if (o) diag_help(c->ds, "did you mean %s?", buf);
    if (!k->present)
        diag_help(c->ds, "no %s is loaded: add `import \"cn/2026\"`", kind);
    else
        diag_help(c->ds, "if the code is real but missing from the stdlib (its list is partial), declare it: "
                         "classification %s { %.*s NAME }",
                  cls == CLS_ECONOMIC ? "economic" : "function", (int)code.s.n, code.s.s);
}

static void check_name(Ctx *c, Name *n, ClassCode *cc)
{
    if (!n->present || !cc) return;
    if (name_equiv(n->s, cc->name)) return;
    diag_at(c->ds, n->loc, "W104", "'%.*s' is not the standard name of %.*s", (int)n->s.n, n->s.s,
            (int)cc->code.n, cc->code.s);
    diag_help(c->ds, "the standard name is '%.*s'; outputs print the standard name", (int)cc->name.n, cc->name.s);
}

static Source *resolve_source(Ctx *c, Name *n)
{
    if (!n->present) {
        Source *s = sym_source(&c->st, str_c("一般公共预算资金"));
        return s ? s : sym_source(&c->st, str_c("general"));
    }
    Source *s = sym_source(&c->st, n->s);
    if (!s && !(c->u->missing_modules && !c->st.sources.n)) { /* as in unknown_code */
        diag_at(c->ds, n->loc, "E130", "'%.*s' is not a funding source", (int)n->s.n, n->s.s);
        if (c->st.sources.n) {
            char buf[600];
            size_t o = 0;
            for (int i = 0; i < c->st.sources.n && o < sizeof buf - 80; i++) {
                Source *x = c->st.sources.v[i];
                o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s", i ? _(", ") : "", (int)x->name.n, x->name.s);
            }
            diag_help(c->ds, "the sources are: %s", buf);
        } else {
            diag_help(c->ds, "no sources are declared: add `import \"cn/2026\"`");
        }
    }
    return s;
}

/* What names a project (or procurement item) in messages and for E105:
 * its code, or its name when it has none. */
static Str proj_id(const Stmt *s)
{
    return s->u.proj.code.present ? s->u.proj.code.s : s->u.proj.name.s;
}
static Loc proj_id_loc(const Stmt *s)
{
    return s->u.proj.code.present ? s->u.proj.code.loc : s->u.proj.name.loc;
}
static Str proc_id(const Stmt *s)
{
    return s->u.proc.code.present ? s->u.proc.code.s : s->u.proc.name.s;
}
static Loc proc_id_loc(const Stmt *s)
{
    return s->u.proc.code.present ? s->u.proc.code.loc : s->u.proc.name.loc;
}

static bool is_descendant(Str code, Str of)
{
    return code.n > of.n && memcmp(code.s, of.s, of.n) == 0;
}

/* ------------------------------------------------------------ budget */

/* Each warning code is kept once: Diags.allowed then holds at most one entry
 * per warning code of BDL, far below its size, however often a code is
 * repeated (the 65th `allow` was once dropped without a word). */
static bool already_allowed(const Diags *ds, const char *code)
{
    for (int i = 0; i < ds->nallowed; i++)
        if (strcmp(ds->allowed[i], code) == 0) return true;
    return false;
}

/* W136: a budget of one year that imports the classification of another
 * (`import "cn/2025"` in `budget 2026`): the codes of another edition. */
static void check_edition(Ctx *c, const Stmt *b)
{
    Str y = b->u.budget.year;
    for (int i = 0; i < c->u->stmts.n; i++) {
        const Stmt *s = c->u->stmts.v[i];
        if (s->kind != ST_IMPORT) continue;
        Str p = s->u.inc.path;
        if (p.n != 7 || memcmp(p.s, "cn/", 3) != 0) continue;
        bool digits = true;
        for (int k = 3; k < 7; k++) digits = digits && p.s[k] >= '0' && p.s[k] <= '9';
        if (!digits || (y.n == 4 && memcmp(p.s + 3, y.s, 4) == 0)) continue;
        bool loaded = false; /* a module not found is E020 already */
        char dir[16];
        snprintf(dir, sizeof dir, "%.7s/", p.s);
        for (int k = 0; k < c->u->files.n && !loaded; k++)
            loaded = strstr(((SrcFile *)c->u->files.v[k])->path, dir) != NULL;
        if (!loaded) continue;
        diag_at(c->ds, s->u.inc.path_loc, "W136", "this budget is for %.*s, but it imports the classification of "
                "%.4s", (int)y.n, y.s, p.s + 3);
        diag_help(c->ds, "import the edition of the budget's year: import \"cn/%.*s\"", (int)y.n, y.s);
    }
}

static void check_budget(Ctx *c)
{
    Unit *u = c->u;
    c->decimals = 2;
    c->decimals_ok = true;
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        if (s->kind != ST_BUDGET) continue;
        if (c->budget) {
            diag_at(c->ds, s->loc, "E030", "a budget has one `budget` block; this is a second one");
            diag_note(c->ds, &c->budget->loc, "the first `budget` block is here");
            continue;
        }
        c->budget = s;
    }
    if (!c->budget) {
        SrcFile *root = u->files.v[0];
        Loc at = { .off = (uint32_t)root->start, .line = 1, .file = 0 };
        diag_at(c->ds, at, "E030", "this file has no `budget` block, so it is not a budget");
        diag_help(c->ds, "a root file declares `budget YEAR { department CODE NAME ... }`; "
                         "a file meant to be included must be included by one");
        return;
    }
    Stmt *b = c->budget;
    if (b->broken) return;
    if (b->u.budget.decimals_clause.present) {
        Str d = b->u.budget.decimals;
        int v = 0;
        bool big = d.n > 2;
        for (uint32_t i = 0; i < d.n && !big; i++) v = v * 10 + (d.s[i] - '0');
        if (big || v > 6) {
            diag_at(c->ds, b->u.budget.decimals_loc, "E103", "decimals is %.*s, but at most 6 are supported",
                    (int)d.n, d.s);
            c->decimals_ok = false;
        } else {
            c->decimals = v;
        }
    }
    c->partial = b->u.budget.partial.present;
    check_edition(c, b);
    if (b->u.budget.unit_clause.present && str_eqc(b->u.budget.unit.s, "万元")) c->unit_pow = 4;
    /* allow: warnings only, and real ones */
    for (int i = 0; i < b->u.budget.allow.n; i++) {
        Name *n = b->u.budget.allow.v[i];
        char code[8];
        snprintf(code, sizeof code, "%.*s", (int)(n->s.n < 7 ? n->s.n : 7), n->s.s);
        if (n->s.n != 4 || !diag_is_known(code)) {
            diag_at(c->ds, n->loc, "E132", "'%.*s' is not a diagnostic code of BDL", (int)n->s.n, n->s.s);
            diag_help(c->ds, "warnings that can be allowed: %s", bdl_allowable_warnings);
        } else if (code[0] == 'E') {
            diag_at(c->ds, n->loc, "E132", "%s is an error; only warnings can be allowed", code);
            diag_help(c->ds, "fix the problem instead; warnings that can be allowed: %s", bdl_allowable_warnings);
        } else if (!already_allowed(c->ds, code)) {
            c->ds->allowed[c->ds->nallowed++] = arena_strndup(&u->arena, code, 4);
        }
    }
    /* agencies: each code once, each name once */
    Vec *ag = &b->u.budget.agencies;
    for (int i = 0; i < ag->n; i++) {
        AgencyDecl *a = ag->v[i];
        for (int j = 0; j < i; j++) {
            AgencyDecl *x = ag->v[j];
            if (a->code.present && x->code.present && str_eq(x->code.s, a->code.s)) {
                diag_at(c->ds, a->code.loc, "E105", "agency %.*s is declared twice", (int)a->code.s.n, a->code.s.s);
                diag_note(c->ds, &x->code.loc, "first declared here");
                break;
            }
            if (name_equiv(x->name.s, a->name.s)) {
                diag_at(c->ds, a->name.loc, "E105", "agency %.*s is declared twice", (int)a->name.s.n, a->name.s.s);
                diag_note(c->ds, &x->name.loc, "first declared here");
                break;
            }
        }
    }
}

/* ------------------------------------------------- once-per-unit blocks */

static Stmt *once(Ctx *c, Stmt **slot, Stmt *s, const char *what)
{
    if (*slot) {
        diag_at(c->ds, s->loc, "E105", "a budget has one `%s` block; this is a second one", what);
        diag_note(c->ds, &(*slot)->loc, "the first one is here");
        return NULL;
    }
    *slot = s;
    return s;
}

/* ------------------------------------------------ income, carryover, … */

static void check_src_rows(Ctx *c, Vec *rows)
{
    for (int i = 0; i < rows->n; i++) {
        SrcRow *r = rows->v[i];
        int64_t v;
        scale(c, &r->amount, &v);
        Source *s = resolve_source(c, &r->source);
        if (!s) continue;
        for (int j = 0; j < i; j++) {
            SrcRow *x = rows->v[j];
            if (sym_source(&c->st, x->source.s) == s) {
                diag_at(c->ds, r->source.loc, "E105", "the source '%.*s' is written twice in this block",
                        (int)s->name.n, s->name.s);
                diag_note(c->ds, &x->source.loc, "first written here");
                break;
            }
        }
    }
}

/* Income [which = 0] or carryover [1] by source, in one pass: E112 needs
 * the block's total, E117 each source's, the model prints both.  A row of
 * an unknown source, with an unusable amount, or repeating its source
 * (E105) makes the total unusable, and the last two also its source's sum. */
static void sum_source_rows(Ctx *c, const Stmt *s, int which)
{
    c->sums_ok[which] = true;
    if (!s) return;
    for (int i = 0; i < s->u.block.rows.n; i++) {
        const SrcRow *r = s->u.block.rows.v[i];
        Source *src = sym_source(&c->st, r->source.s);
        int64_t v;
        bool ok = value(c, &r->amount, &v);
        if (!src) { c->sums_ok[which] = false; continue; }
        SourceSum *ss = &c->sums[src->index];
        if (ss->row[which]) ok = false; /* written twice */
        else ss->row[which] = r;
        if (!ok || !money_add(&ss->amount[which], v)) ss->ok[which] = false;
        if (!ok || !money_add(&c->sums_total[which], v)) c->sums_ok[which] = false;
    }
}

static void sum_sources(Ctx *c)
{
    c->sums = xmalloc(sizeof(SourceSum) * (size_t)(c->st.sources.n + 1));
    memset(c->sums, 0, sizeof(SourceSum) * (size_t)(c->st.sources.n + 1));
    for (int i = 0; i < c->st.sources.n; i++) c->sums[i].ok[0] = c->sums[i].ok[1] = true;
    sum_source_rows(c, c->income && c->income_ok ? c->income : NULL, 0);
    sum_source_rows(c, c->carryover && c->carryover_ok ? c->carryover : NULL, 1);
}

/* ------------------------------------------------------- expenditure */

static void init_block(Ctx *c, Block *bk, Stmt *s, int cls)
{
    memset(bk, 0, sizeof *bk);
    bk->s = s;
    bk->n = s->u.block.rows.n;
    bk->ri = arena_alloc(&c->u->arena, sizeof(RowInfo) * (size_t)(bk->n ? bk->n : 1));
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        Row *r = s->u.block.rows.v[i];
        ri->row = r;
        for (int k = 0; k < NCELLS; k++) {
            if (r->cell[k].present && !scale(c, &r->cell[k], &ri->cell[k])) ri->bad[k] = true;
            ri->val[k] = ri->cell[k];
        }
        if (r->bare.present && !scale(c, &r->bare, &ri->bare)) ri->bare_bad = true;
        if (r->is_total) {
            if (bk->total_row) {
                diag_at(c->ds, r->loc, "E105", "this block already has a `total` row");
                diag_note(c->ds, &bk->total_row->loc, "first written here");
                ri->skip = true;
            } else {
                bk->total_row = r;
            }
            continue;
        }
        ri->cc = sym_code(&c->st, cls, r->code.s);
        if (!ri->cc) {
            unknown_code(c, cls, r->code);
            ri->skip = true;
            continue;
        }
        check_name(c, &r->name, ri->cc);
        RowInfo *dup = map_get(&bk->by_code, r->code.s);
        if (dup) {
            diag_at(c->ds, r->code.loc, "E105", "code %.*s is written twice in this block", (int)r->code.s.n,
                    r->code.s.s);
            diag_note(c->ds, &dup->row->code.loc, "first written here");
            ri->skip = true;
            continue;
        }
        map_put(&bk->by_code, r->code.s, ri);
        ri->parent = ri->cc->nchildren > 0;
    }
}

/* A row whose code is unknown or repeated takes no part in sums; the rows
 * above it (found by code prefix, as it has no ClassCode) can't be checked
 * either, or one wrong code would also make every parent look wrong. */
static void poison_prefixes(Block *bk, RowInfo *ri, const int *cols, int ncols)
{
    Str code = ri->row->code.s;
    for (uint32_t n = code.n; n > 3;) {
        n = n - 2 >= 3 ? n - 2 : 3;
        RowInfo *anc = map_get(&bk->by_code, (Str){ code.s, n });
        if (!anc || anc == ri) continue;
        for (int k = 0; k < ncols; k++) {
            anc->desc[cols[k]] = true;
            anc->poison[cols[k]] = true;
        }
    }
}

/* Mark on every ancestor row which columns its descendants write. */
static void mark_descendants(Block *bk, const int *cols, int ncols)
{
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        if (ri->skip && !ri->row->is_total) poison_prefixes(bk, ri, cols, ncols);
        if (ri->skip || !ri->cc) continue;
        for (ClassCode *a = ri->cc->parent; a; a = a->parent) {
            RowInfo *anc = map_get(&bk->by_code, a->code);
            if (!anc) continue;
            for (int k = 0; k < ncols; k++)
                if (ri->row->cell[cols[k]].present || (cols[k] == CELL_TOTAL && ri->row->bare.present))
                    anc->desc[cols[k]] = true;
        }
    }
}

/* A sum that no longer fits an int64: E103 at the leaf amount that tipped
 * it over (once per block), and the sum is poisoned. */
static void sum_overflow(Ctx *c, Block *bk, RowInfo *ri, int k)
{
    if (bk->overflowed) return;
    bk->overflowed = true;
    Row *r = ri->row;
    Loc at = r->cell[k].present ? r->cell[k].loc : r->bare.present ? r->bare.loc : r->loc;
    diag_at(c->ds, at, "E103", "adding this amount makes a total of the block too large to be an amount");
}

/* Add a leaf's value for column k to every ancestor row and to the block. */
static void add_up(Ctx *c, Block *bk, RowInfo *ri, int k, int64_t v, bool bad)
{
    for (ClassCode *a = ri->cc ? ri->cc->parent : NULL; a; a = a->parent) {
        RowInfo *anc = map_get(&bk->by_code, a->code);
        if (!anc) continue;
        if (bad) anc->poison[k] = true;
        else if (!money_add(&anc->sum[k], v)) { anc->poison[k] = true; sum_overflow(c, bk, ri, k); }
    }
    if (bad) bk->poison[k] = true;
    else if (!money_add(&bk->tot[k], v)) { bk->poison[k] = true; sum_overflow(c, bk, ri, k); }
}

static void check_split(Ctx *c, Block *bk); /* personnel/public on expenditure rows, below */

static void check_expenditure(Ctx *c, Block *bk, Stmt *s)
{
    init_block(c, bk, s, CLS_FUNCTION);
    static const int cols[] = { CELL_BASIC, CELL_PROJECT };
    mark_descendants(bk, cols, 2);
    char lab[256];
    /* leaves and wrong-level rows */
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        Row *r = ri->row;
        if (ri->skip) {
            if (!r->is_total) { bk->poison[CELL_BASIC] = bk->poison[CELL_PROJECT] = true; }
            continue;
        }
        if (r->is_total) continue;
        if (!ri->parent) {
            if (!r->cell[CELL_BASIC].present && !r->cell[CELL_PROJECT].present) {
                diag_at(c->ds, r->loc, "E107", "the row %s has no amount: write `basic AMOUNT` and/or `project AMOUNT`",
                        code_label(r->code.s, ri->cc, lab, sizeof lab).s);
            }
            for (int k = 0; k < 2; k++) add_up(c, bk, ri, cols[k], ri->val[cols[k]], ri->bad[cols[k]]);
            if (r->cell[CELL_TOTAL].present && !ri->bad[CELL_TOTAL] && !ri->bad[CELL_BASIC] && !ri->bad[CELL_PROJECT]) {
                int64_t t = ri->val[CELL_BASIC];
                if (money_add(&t, ri->val[CELL_PROJECT]) && t != ri->val[CELL_TOTAL]) {
                    char what[300];
                    code_label(r->code.s, ri->cc, lab, sizeof lab);
                    snprintf(what, sizeof what, _("the total of %s"), lab);
                    report_sum(c, r->cell[CELL_TOTAL].loc, "E111", what, ri->val[CELL_TOTAL], t,
                               N_("its basic + project is"));
                }
            }
            continue;
        }
        /* a parent code: every written column needs a descendant row */
        bool wrong = false;
        for (int k = 0; k < 2; k++)
            if (r->cell[cols[k]].present && !ri->desc[cols[k]]) wrong = true;
        if (wrong) {
            code_label(r->code.s, ri->cc, lab, sizeof lab);
            diag_at(c->ds, r->code.loc, "E106", "%s is a heading with sub-codes; amounts are written on its "
                    "leaf codes, and this block has none under it", lab);
            ClassCode *first = NULL;
            for (int j = 0; j < c->st.cls[CLS_FUNCTION].codes.n && !first; j++) {
                ClassCode *x = c->st.cls[CLS_FUNCTION].codes.v[j];
                if (x->parent && is_descendant(x->code, ri->cc->code) && x->nchildren == 0) first = x;
            }
            if (first)
                diag_help(c->ds, "write the amount on a leaf code such as %.*s %.*s", (int)first->code.n,
                          first->code.s, (int)first->name.n, first->name.s);
            for (int k = 0; k < 2; k++)
                if (r->cell[cols[k]].present && !ri->desc[cols[k]]) {
                    ri->bad[cols[k]] = true;
                    add_up(c, bk, ri, cols[k], 0, true);
                }
        }
    }
    /* parent rows: assertions */
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        Row *r = ri->row;
        if (ri->skip || r->is_total || !ri->parent) continue;
        code_label(r->code.s, ri->cc, lab, sizeof lab);
        int64_t eff[2];
        bool effok = true;
        for (int k = 0; k < 2; k++) {
            int col = cols[k];
            eff[k] = ri->sum[col];
            if (ri->poison[col]) effok = false;
            if (!r->cell[col].present || ri->bad[col] || ri->poison[col]) continue;
            if (ri->val[col] != ri->sum[col]) {
                char what[300];
                snprintf(what, sizeof what, _("%s of %s"), _(col_name[col]), lab);
                report_sum(c, r->cell[col].loc, "E110", what, ri->val[col], ri->sum[col], N_("its rows sum to"));
            }
            eff[k] = ri->val[col];
        }
        if (r->cell[CELL_TOTAL].present && !ri->bad[CELL_TOTAL] && effok && !ri->bad[0] && !ri->bad[1]) {
            int64_t t = eff[0];
            if (money_add(&t, eff[1]) && t != ri->val[CELL_TOTAL]) {
                char what[300];
                snprintf(what, sizeof what, _("the total of %s"), lab);
                report_sum(c, r->cell[CELL_TOTAL].loc, "E111", what, ri->val[CELL_TOTAL], t, N_("its basic + project is"));
            }
        }
    }
    /* the total row */
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        Row *r = ri->row;
        if (!r->is_total || ri->skip) continue;
        int64_t eff[2];
        bool effok = true;
        for (int k = 0; k < 2; k++) {
            int col = cols[k];
            eff[k] = bk->tot[col];
            if (bk->poison[col]) effok = false;
            if (!r->cell[col].present || ri->bad[col] || bk->poison[col]) continue;
            if (ri->val[col] != bk->tot[col]) {
                char what[80];
                snprintf(what, sizeof what, _("the %s total (合计)"), _(col_name[col]));
                report_sum(c, r->cell[col].loc, "E111", what, ri->val[col], bk->tot[col], N_("the rows sum to"));
            }
            eff[k] = ri->val[col];
        }
        if (r->cell[CELL_TOTAL].present && !ri->bad[CELL_TOTAL] && effok && !ri->bad[0] && !ri->bad[1]) {
            int64_t t = eff[0];
            if (money_add(&t, eff[1]) && t != ri->val[CELL_TOTAL])
                report_sum(c, r->cell[CELL_TOTAL].loc, "E111", N_("the grand total (合计)"), ri->val[CELL_TOTAL], t,
                           N_("basic + project is"));
        }
    }
    bk->ok = !bk->poison[CELL_BASIC] && !bk->poison[CELL_PROJECT];
    check_split(c, bk);
}

/* ------------------------------------------------- the basic split */

/* `personnel`/`public` on expenditure rows split the row's basic (人员经费
 * and 公用经费 by function code, which a layout may print per 类).  A row's split
 * is known when the row writes it (one cell leaves the remainder of its
 * basic to the other), or when every code below it with basic expenditure
 * has a known split (then a written split is an assertion, E110/E111).  A
 * leaf without basic expenditure splits into 0 and 0. */
typedef struct SplitNode {
    ClassCode *cc;     /* NULL: the block's 合计 */
    RowInfo *ri;       /* its written row, or NULL */
    int64_t basic;     /* derived from the leaves below */
    int64_t sum[2];    /* the children's splits */
    bool open;         /* some child's split is unknown */
    bool known;
    int64_t v[2];
} SplitNode;

static int cmp_split(const void *x, const void *y)
{
    const SplitNode *a = *(SplitNode *const *)x, *b = *(SplitNode *const *)y;
    Str p = a->cc->code, q = b->cc->code;
    uint32_t n = p.n < q.n ? p.n : q.n;
    int r = memcmp(p.s, q.s, n);
    return r ? r : p.n < q.n ? -1 : p.n > q.n;
}

static SplitNode *split_node(Ctx *c, Map *by, Vec *all, Block *bk, ClassCode *cc)
{
    SplitNode *x = map_get(by, cc->code);
    if (x) return x;
    x = arena_alloc(&c->u->arena, sizeof *x);
    x->cc = cc;
    x->ri = map_get(&bk->by_code, cc->code);
    map_put(by, cc->code, x);
    vec_push(all, x);
    return x;
}

/* A row's written split against its basic (E111), then against what its
 * rows derive (E110; the 合计: E111).  Its split goes to x->v. */
static void split_row(Ctx *c, SplitNode *x, const char *lab, bool leaf)
{
    static const int col[2] = { CELL_PERSONNEL, CELL_PUBLIC };
    RowInfo *ri = x->ri;
    Row *r = ri ? ri->row : NULL;
    bool has[2] = { r && r->cell[CELL_PERSONNEL].present, r && r->cell[CELL_PUBLIC].present };
    bool dknown = leaf ? x->basic == 0 : !x->open;
    int64_t d[2] = { leaf ? 0 : x->sum[0], leaf ? 0 : x->sum[1] };
    if (!has[0] && !has[1]) {
        x->known = dknown;
        x->v[0] = d[0];
        x->v[1] = d[1];
        return;
    }
    x->known = false;
    if (ri->bad[CELL_PERSONNEL] || ri->bad[CELL_PUBLIC]) return;
    bool own = r->cell[CELL_BASIC].present && !ri->bad[CELL_BASIC];
    int64_t basic = own ? ri->val[CELL_BASIC] : x->basic;
    char a[40], b[40], w[40];
    if (has[0] && has[1]) {
        int64_t sum = ri->val[CELL_PERSONNEL];
        if (!money_add(&sum, ri->val[CELL_PUBLIC]) || sum != basic) {
            diag_at(c->ds, r->cell[CELL_PUBLIC].loc, "E111",
                    "personnel %s + public %s do not add up to the basic %s of %s",
                    fmt_amt(c, ri->val[CELL_PERSONNEL], a), fmt_amt(c, ri->val[CELL_PUBLIC], b), fmt_amt(c, basic, w), lab);
            diff_note(c, sum, basic);
            return;
        }
        x->v[0] = ri->val[CELL_PERSONNEL];
        x->v[1] = ri->val[CELL_PUBLIC];
    } else {
        int k = has[0] ? 0 : 1;
        int64_t one = ri->val[col[k]];
        if (one > basic) {
            if (k == 0)
                diag_at(c->ds, r->cell[col[k]].loc, "E111", "personnel %s is more than the basic %s of %s",
                        fmt_amt(c, one, a), fmt_amt(c, basic, w), lab);
            else
                diag_at(c->ds, r->cell[col[k]].loc, "E111", "public %s is more than the basic %s of %s",
                        fmt_amt(c, one, a), fmt_amt(c, basic, w), lab);
            diff_note(c, one, basic);
            return;
        }
        x->v[k] = one;
        x->v[1 - k] = basic - one;
    }
    x->known = true;
    if (leaf || !dknown) return;
    for (int k = 0; k < 2; k++) {
        if (!has[k] || x->v[k] == d[k]) continue;
        if (!x->cc) x->known = false; /* a 合计 that is E111 here is not compared again (E139) */
        char what[300];
        if (x->cc) {
            snprintf(what, sizeof what, _("%s of %s"), _(col_name[col[k]]), lab);
            report_sum(c, r->cell[col[k]].loc, "E110", what, x->v[k], d[k], N_("its rows sum to"));
        } else {
            snprintf(what, sizeof what, _("the %s total (合计)"), _(col_name[col[k]]));
            report_sum(c, r->cell[col[k]].loc, "E111", what, x->v[k], d[k], N_("the rows sum to"));
        }
    }
}

/* The split of every code of a block and of its 合计 (bk->split). */
static void check_split(Ctx *c, Block *bk)
{
    bool any = false;
    for (int i = 0; i < bk->n && !any; i++)
        any = bk->ri[i].row->cell[CELL_PERSONNEL].present || bk->ri[i].row->cell[CELL_PUBLIC].present;
    if (!any || !bk->ok) return;
    Map by = { 0 };
    Vec all = { 0 };
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        if (ri->skip || ri->row->is_total || ri->parent) continue;
        for (ClassCode *a = ri->cc; a; a = a->parent) {
            SplitNode *x = split_node(c, &by, &all, bk, a);
            x->basic += ri->val[CELL_BASIC]; /* below the block's checked total: no overflow */
        }
    }
    if (all.n > 1) qsort(all.v, (size_t)all.n, sizeof(void *), cmp_split);
    SplitNode top = { .basic = bk->tot[CELL_BASIC] };
    for (int i = 0; i < bk->n; i++)
        if (bk->ri[i].row->is_total && !bk->ri[i].skip) top.ri = &bk->ri[i];
    char lab[256];
    for (int i = all.n - 1; i >= 0; i--) {
        SplitNode *x = all.v[i];
        code_label(x->cc->code, x->cc, lab, sizeof lab);
        split_row(c, x, lab, x->cc->nchildren == 0);
        SplitNode *up = x->cc->parent ? map_get(&by, x->cc->parent->code) : &top;
        if (!up) up = &top;
        up->open |= !x->known;
        for (int k = 0; k < 2; k++) money_add(&up->sum[k], x->v[k]);
    }
    split_row(c, &top, "合计", false);
    bk->split_known = top.known;
    bk->split[0] = top.v[0];
    bk->split[1] = top.v[1];
    bool first = true;
    for (int i = 0; i < bk->n; i++) { /* where the split is written: the 合计, else its first row */
        Row *r = bk->ri[i].row;
        Amount *w = r->cell[CELL_PERSONNEL].present ? &r->cell[CELL_PERSONNEL] : &r->cell[CELL_PUBLIC];
        if (!w->present || !(first || r->is_total)) continue;
        bk->split_at = w->loc;
        first = false;
    }
    map_free(&by);
    vec_free(&all);
}

/* ---------------------------------------------------------- economic */

/* The personnel/public split of a leaf economic row (spec §3, ecoRow): its
 * bare amount (or total cell) is the row's total; one written class cell
 * leaves the remainder to the other; with none, the class `cls` takes it
 * all.  Shared with the model, so the tables show what the checks checked. */
SplitResult eco_split(const Row *r, const int64_t cell[NCELLS], int64_t bare, int cls, int64_t v[NCELLS])
{
    bool P = r->cell[CELL_PERSONNEL].present, Q = r->cell[CELL_PUBLIC].present, T = r->cell[CELL_TOTAL].present;
    v[CELL_PERSONNEL] = P ? cell[CELL_PERSONNEL] : 0;
    v[CELL_PUBLIC] = Q ? cell[CELL_PUBLIC] : 0;
    if (!r->bare.present && !T) { /* cells only */
        v[CELL_TOTAL] = v[CELL_PERSONNEL];
        return money_add(&v[CELL_TOTAL], v[CELL_PUBLIC]) ? SPLIT_OK : SPLIT_OVERFLOW;
    }
    int64_t total = r->bare.present ? bare : cell[CELL_TOTAL];
    v[CELL_TOTAL] = total;
    if (r->bare.present && T && cell[CELL_TOTAL] != total) return SPLIT_TOTAL_CELL;
    if (P && Q) {
        int64_t sum = cell[CELL_PERSONNEL];
        if (!money_add(&sum, cell[CELL_PUBLIC]) || sum != total) return SPLIT_CELLS_SUM;
    } else if (P || Q) {
        int64_t one = cell[P ? CELL_PERSONNEL : CELL_PUBLIC];
        if (one > total) return SPLIT_CELL_EXCEEDS;
        v[P ? CELL_PUBLIC : CELL_PERSONNEL] = total - one;
    } else {
        v[cls] = total;
        v[cls == CELL_PERSONNEL ? CELL_PUBLIC : CELL_PERSONNEL] = 0;
    }
    return SPLIT_OK;
}

/* Split a leaf economic row, saying what does not fit (E111). */
static bool split_leaf(Ctx *c, RowInfo *ri)
{
    Row *r = ri->row;
    Amount *P = &r->cell[CELL_PERSONNEL], *Q = &r->cell[CELL_PUBLIC], *T = &r->cell[CELL_TOTAL];
    if (ri->bad[CELL_PERSONNEL] || ri->bad[CELL_PUBLIC] || ri->bad[CELL_TOTAL] || ri->bare_bad) return false;
    int cls = r->mark ? r->mark : (ri->cc ? ri->cc->mark : CELL_PUBLIC);
    const int64_t *cell = ri->cell;
    int64_t total = r->bare.present ? ri->bare : cell[CELL_TOTAL];
    char w[40], a[40], b[40];
    switch (eco_split(r, cell, ri->bare, cls, ri->val)) {
    case SPLIT_OK:
        return true;
    case SPLIT_OVERFLOW:
        return false;
    case SPLIT_TOTAL_CELL:
        report_sum(c, T->loc, "E111", N_("the total cell"), cell[CELL_TOTAL], total, N_("the row's amount is"));
        return false;
    case SPLIT_CELLS_SUM: {
        int64_t sum = cell[CELL_PERSONNEL];
        money_add(&sum, cell[CELL_PUBLIC]);
        diag_at(c->ds, Q->loc, "E111", "personnel %s + public %s do not add up to the row's amount %s",
                fmt_amt(c, cell[CELL_PERSONNEL], a), fmt_amt(c, cell[CELL_PUBLIC], b), fmt_amt(c, total, w));
        diff_note(c, sum, total);
        return false;
    }
    case SPLIT_CELL_EXCEEDS: {
        Amount *one = P->present ? P : Q;
        int64_t v = cell[P->present ? CELL_PERSONNEL : CELL_PUBLIC];
        if (P->present)
            diag_at(c->ds, one->loc, "E111", "personnel %s is more than the row's amount %s", fmt_amt(c, v, a),
                    fmt_amt(c, total, w));
        else
            diag_at(c->ds, one->loc, "E111", "public %s is more than the row's amount %s", fmt_amt(c, v, a),
                    fmt_amt(c, total, w));
        diff_note(c, v, total);
        return false;
    }
    }
    return false;
}

static void check_economic(Ctx *c, Block *bk, Stmt *s)
{
    init_block(c, bk, s, CLS_ECONOMIC);
    static const int cols[] = { CELL_TOTAL, CELL_PERSONNEL, CELL_PUBLIC };
    mark_descendants(bk, cols, 3);
    char lab[256];
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        Row *r = ri->row;
        if (ri->skip) {
            if (!r->is_total) for (int k = 0; k < 3; k++) bk->poison[cols[k]] = true;
            continue;
        }
        if (r->is_total) continue;
        bool any_desc = ri->desc[CELL_TOTAL] || ri->desc[CELL_PERSONNEL] || ri->desc[CELL_PUBLIC];
        if (ri->parent && !any_desc) {
            code_label(r->code.s, ri->cc, lab, sizeof lab);
            diag_at(c->ds, r->code.loc, "E106", "%s is a heading with sub-codes; amounts are written on its "
                    "款 codes, and this block has none under it", lab);
            for (int k = 0; k < 3; k++) add_up(c, bk, ri, cols[k], 0, true);
            ri->skip = true;
            continue;
        }
        if (ri->parent) continue;
        bool ok = split_leaf(c, ri);
        for (int k = 0; k < 3; k++) add_up(c, bk, ri, cols[k], ri->val[cols[k]], !ok);
    }
    for (int i = 0; i < bk->n; i++) {
        RowInfo *ri = &bk->ri[i];
        Row *r = ri->row;
        if (ri->skip) continue;
        if (!r->is_total && !ri->parent) continue;
        const char *code = r->is_total ? "E111" : "E110";
        if (!r->is_total) code_label(r->code.s, ri->cc, lab, sizeof lab);
        else snprintf(lab, sizeof lab, "合计");
        int64_t *sum = r->is_total ? bk->tot : ri->sum;
        bool *poison = r->is_total ? bk->poison : ri->poison;
        for (int k = 0; k < 3; k++) {
            bool bare = k == 0 && r->bare.present; /* the row's amount: bare, else its total cell */
            const Amount *a = bare ? &r->bare : &r->cell[cols[k]];
            int64_t v = bare ? ri->bare : ri->cell[cols[k]];
            if (!a->present || (bare ? ri->bare_bad : ri->bad[cols[k]]) || poison[cols[k]]) continue;
            if (v != sum[cols[k]]) {
                char what[300];
                snprintf(what, sizeof what, _("%s of %s"), k == 0 ? _("the amount") : _(col_name[cols[k]]), lab);
                report_sum(c, a->loc, code, what, v, sum[cols[k]],
                           r->is_total ? N_("the rows sum to") : N_("its rows sum to"));
            }
        }
        if (r->bare.present && r->cell[CELL_TOTAL].present && !ri->bad[CELL_TOTAL] && !ri->bare_bad &&
            ri->cell[CELL_TOTAL] != ri->bare)
            report_sum(c, r->cell[CELL_TOTAL].loc, "E111", N_("the total cell"), ri->cell[CELL_TOTAL], ri->bare,
                       N_("the row's amount is"));
    }
    bk->ok = !bk->poison[CELL_TOTAL];
}

/* ------------------------------------------------------------ projects */

/* The indicator grid of one block (a project or the department). */
static void check_indicators(Ctx *c, Vec *inds, Stmt *owner, bool has_exec, int64_t exec_w)
{
    bool any_weight = false, missing = false, bad = false;
    int repeated = 0;
    for (int i = 0; i < inds->n && !c->weights_optional; i++)
        if (ind_has_weight(inds->v[i])) any_weight = true;
    int64_t sum = has_exec ? exec_w : 0;
    Map seen = { 0 }; /* folded path → first Indicator, for big blocks only */
    Buf key = { 0 };  /* a folded path (big blocks) or a level-1/level-2 pair */
    bool big = inds->n > 16;
    /* W123 looks up each level-1/level-2 pair; consecutive indicators often
     * share theirs, so the last pair's answer is kept */
    const Indicator *last_pair = NULL;
    bool last_known = false;
    for (int i = 0; i < inds->n; i++) {
        Indicator *in = inds->v[i], *first = NULL;
        if (!big) { /* a handful of indicators: compare pairwise, no allocation
                       (name_equiv folds as it compares and stops at the first
                       difference, the third level's usually) */
            for (int j = 0; j < i && !first; j++) {
                Indicator *o = inds->v[j];
                if (name_equiv(ind_str(in, 2), ind_str(o, 2)) && name_equiv(ind_str(in, 1), ind_str(o, 1)) &&
                    name_equiv(ind_str(in, 0), ind_str(o, 0)))
                    first = o;
            }
        } else {
            key.n = 0;
            for (int k = 0; k < 3; k++) {
                name_fold(ind_str(in, k), &key);
                buf_add(&key, "/", 1);
            }
            first = map_get(&seen, (Str){ key.s, (uint32_t)key.n });
            if (!first) map_put(&seen, (Str){ arena_strndup(c->arena, key.s, key.n), (uint32_t)key.n }, in);
        }
        if (first) {
            diag_at(c->ds, in->loc, "E121", "the indicator %.*s/%.*s/%.*s is listed twice in this block",
                    (int)in->n[0], in->s[0], (int)in->n[1], in->s[1],
                    (int)in->n[2], in->s[2]);
            diag_note(c->ds, &first->loc, "first listed here");
            repeated++;
        }
        if (c->st.has_levels) {
            bool known;
            if (last_pair && str_eq(ind_str(in, 1), ind_str(last_pair, 1)) && str_eq(ind_str(in, 0), ind_str(last_pair, 0))) {
                known = last_known;
            } else {
                /* "level1/level2", as sym_build keys the vocabulary: on the
                   stack when it fits (it always does in the stdlib's) */
                char pair[256];
                size_t n0 = in->n[0], n = n0 + 1 + in->n[1];
                Str k;
                if (n <= sizeof pair) {
                    memcpy(pair, in->s[0], n0);
                    pair[n0] = '/';
                    memcpy(pair + n0 + 1, in->s[1], in->n[1]);
                    k = (Str){ pair, (uint32_t)n };
                } else {
                    key.n = 0;
                    buf_add(&key, in->s[0], in->n[0]);
                    buf_add(&key, "/", 1);
                    buf_add(&key, in->s[1], in->n[1]);
                    k = (Str){ key.s, (uint32_t)key.n };
                }
                known = map_get(&c->st.levels, k) != NULL;
                last_pair = in;
                last_known = known;
            }
            if (!known) {
                diag_at(c->ds, ind_level0_loc(in), "W123", "%.*s is not a level-2 indicator under %.*s in the stdlib "
                        "vocabulary", (int)in->n[1], in->s[1], (int)in->n[0],
                        in->s[0]);
                diag_help(c->ds, "level-1/level-2 pairs come from `indicator-levels`, e.g. 产出指标/数量指标");
            }
        }
        if (ind_has_weight(in)) {
            int64_t w;
            if (!decimal_parse(ind_str(in, IND_WEIGHT), &w) || w <= 0 || w > 100 * 1000000LL) {
                diag_at(c->ds, ind_weight_loc(in), "E122", "a weight must be a number above 0 and at most 100; "
                        "this one is %.*s", (int)in->n[IND_WEIGHT], in->s[IND_WEIGHT]);
                bad = true;
            } else {
                sum += w; /* at most 10^8 each: no int64 overflow below 10^11 indicators */
            }
        } else if (any_weight) {
            diag_at(c->ds, in->loc, "E122", "this indicator has no weight, but others in the block do");
            diag_help(c->ds, "add `weight N` at the end of the line");
            missing = true;
        }
    }
    map_free(&seen);
    buf_free(&key);
    if (any_weight && !missing && !bad && sum != 100 * 1000000LL) {
        char b[40];
        decimal_format(sum, b);
        if (owner->kind == ST_PROJECT)
            diag_at(c->ds, owner->loc, "E120", "the weights of project %.*s add up to %s, not 100",
                    (int)proj_id(owner).n, proj_id(owner).s, b);
        else
            diag_at(c->ds, owner->loc, "E120", "the department's indicator weights add up to %s, not 100", b);
        if (has_exec) {
            char e[40];
            decimal_format(exec_w, e);
            diag_note(c->ds, NULL, "execution-weight %s counts toward the 100", e);
        }
        if (repeated)
            diag_note(c->ds, NULL, i18n_ngettext("%d indicator is listed twice (E121), and each listing counts",
                      "%d indicators are listed twice (E121), and each listing counts", (unsigned long)repeated),
                      repeated);
    }
}

/* The project's amount (0 and false when unusable) and E103 on a superior
 * (上级补助) above it. */
static bool project_amount(Ctx *c, Stmt *s, int64_t *amount)
{
    int64_t superior;
    bool amount_ok = scale(c, &s->u.proj.amount, amount);
    if (scale(c, &s->u.proj.superior, &superior) && amount_ok && superior > *amount) {
        char a[40], b[40];
        diag_at(c->ds, s->u.proj.superior.loc, "E103", "superior (上级补助) %s is more than the project's amount %s, "
                "so 本级安排 would be negative", fmt_amt(c, superior, a), fmt_amt(c, *amount, b));
        diag_help(c->ds, "`amount` is the whole 当年预算; `superior` is the part of it paid by the level above");
    }
    return amount_ok;
}

/* E131: the agency is declared, or the budget has only one. */
static void project_agency(Ctx *c, Stmt *s)
{
    Stmt *b = c->budget;
    if (b && !b->broken) {
        Vec *ag = &b->u.budget.agencies;
        if (s->u.proj.agency.present) {
            bool found = false, by_name = s->u.proj.agency_by_name;
            Str want = s->u.proj.agency.s;
            for (int i = 0; i < ag->n; i++) {
                AgencyDecl *a = ag->v[i];
                if (by_name ? name_equiv(a->name.s, want) : a->code.present && str_eq(a->code.s, want)) found = true;
            }
            if (!ag->n && (by_name ? b->u.budget.department_name.present && name_equiv(b->u.budget.department_name.s, want)
                                   : b->u.budget.department.present && str_eq(b->u.budget.department.s, want)))
                found = true;
            if (!found) {
                diag_at(c->ds, s->u.proj.agency.loc, "E131", "agency %.*s is not declared in the budget block",
                        (int)s->u.proj.agency.s.n, s->u.proj.agency.s.s);
                if (by_name)
                    diag_help(c->ds, "declare it: agency \"%.*s\"", (int)want.n, want.s);
                else
                    diag_help(c->ds, "declare it: agency %.*s NAME", (int)want.n, want.s);
            }
        } else if (ag->n > 1) {
            diag_at(c->ds, s->loc, "E131", "this budget has %d agencies; say which one this project belongs to",
                    ag->n);
            diag_help(c->ds, "add a line `agency CODE` (or `agency \"NAME\"`) to the project");
        }
    }
}

/* The function codes (E101, E105, E106) and their amounts against the
 * project's (E116). */
static void project_functions(Ctx *c, Stmt *s, bool amount_ok, int64_t amount)
{
    char lab[256];
    Vec *fs = &s->u.proj.functions;
    int64_t fsum = 0;
    bool fok = true, missing_amount = false;
    for (int i = 0; i < fs->n; i++) {
        ProjFunc *f = fs->v[i];
        ClassCode *cc = sym_code(&c->st, CLS_FUNCTION, f->code.s);
        if (!cc) { unknown_code(c, CLS_FUNCTION, f->code); fok = false; }
        else if (cc->nchildren) {
            code_label(f->code.s, cc, lab, sizeof lab);
            diag_at(c->ds, f->code.loc, "E106", "%s has sub-codes; a project's function must be a leaf code", lab);
            fok = false;
        }
        for (int j = 0; j < i; j++)
            if (str_eq(((ProjFunc *)fs->v[j])->code.s, f->code.s)) {
                diag_at(c->ds, f->code.loc, "E105", "function %.*s is named twice in this project",
                        (int)f->code.s.n, f->code.s.s);
                fok = false;
            }
        if (f->amount.present) {
            int64_t v;
            if (!scale(c, &f->amount, &v) || !money_add(&fsum, v)) fok = false;
        } else {
            missing_amount = true;
        }
    }
    if (fs->n > 1 && missing_amount && fok) {
        diag_at(c->ds, s->loc, "E116", "this project names %d function codes; each needs its amount", fs->n);
        diag_help(c->ds, "write `function CODE AMOUNT` on each line (one code alone takes the whole amount)");
    } else if (fs->n >= 1 && !(fs->n == 1 && missing_amount) && fok && amount_ok && fsum != amount) {
        char w[40], d[40];
        diag_at(c->ds, s->loc, "E116", "the function amounts of this project add up to %s, but its amount is %s",
                fmt_amt(c, fsum, d), fmt_amt(c, amount, w));
        diff_note(c, fsum, amount);
    }
}

/* The economic breakdown: codes (E101, E105) and amounts (E116). */
static void project_economics(Ctx *c, Stmt *s, bool amount_ok, int64_t amount)
{
    Vec *es = &s->u.proj.economics;
    int64_t esum = 0;
    bool eok = true;
    for (int i = 0; i < es->n; i++) {
        ProjFunc *e = es->v[i];
        if (!sym_code(&c->st, CLS_ECONOMIC, e->code.s)) { unknown_code(c, CLS_ECONOMIC, e->code); eok = false; }
        for (int j = 0; j < i; j++)
            if (str_eq(((ProjFunc *)es->v[j])->code.s, e->code.s)) {
                diag_at(c->ds, e->code.loc, "E105", "economic code %.*s is named twice in this project",
                        (int)e->code.s.n, e->code.s.s);
                eok = false;
            }
        int64_t v;
        if (!scale(c, &e->amount, &v) || !money_add(&esum, v)) eok = false;
    }
    if (es->n && eok && amount_ok && esum != amount) {
        char w[40], d[40];
        diag_at(c->ds, s->loc, "E116", "the economic amounts of this project add up to %s, but its amount is %s",
                fmt_amt(c, esum, d), fmt_amt(c, amount, w));
        diff_note(c, esum, amount);
    }
}

/* Weights (E122), indicators, and what a published project states (W124,
 * W125). */
static void project_performance(Ctx *c, Stmt *s)
{
    int64_t ew = 0;
    bool has_exec = s->u.proj.has_exec;
    if (has_exec && (!decimal_parse(s->u.proj.exec_weight, &ew) || ew < 0 || ew > 100 * 1000000LL)) {
        diag_at(c->ds, s->u.proj.exec_weight_loc, "E122", "execution-weight must be between 0 and 100; it is %.*s",
                (int)s->u.proj.exec_weight.n, s->u.proj.exec_weight.s);
        has_exec = false;
        ew = 0;
    }
    check_indicators(c, &s->u.proj.indicators, s, has_exec, ew);
    Vec *inds = &s->u.proj.indicators;
    if (!s->u.proj.goals.n || !inds->n) {
        const char *fmt = !s->u.proj.goals.n && !inds->n ? N_("project %.*s has no goal and no indicators")
                          : !inds->n ? N_("project %.*s has no indicators") : N_("project %.*s has no goal");
        diag_at(c->ds, s->loc, "W125", fmt, (int)proj_id(s).n, proj_id(s).s);
        diag_help(c->ds, "a published project states its 当年绩效目标 (`goal \"...\"`) and its indicators");
    }
    bool core = false;
    for (int i = 0; i < inds->n; i++)
        if (((Indicator *)inds->v[i])->core) core = true;
    if (!core) {
        diag_at(c->ds, s->loc, "W124", "project %.*s has no core indicator (是否核心指标)", (int)proj_id(s).n,
                proj_id(s).s);
        diag_help(c->ds, "mark its key indicators with `core` at the end of the line");
    }
}

static void check_project(Ctx *c, Stmt *s)
{
    int64_t amount;
    bool amount_ok = project_amount(c, s, &amount);
    project_agency(c, s);
    project_functions(c, s, amount_ok, amount);
    project_economics(c, s, amount_ok, amount);
    project_performance(c, s);
}

/* Each project is checked on its own (its amounts, codes and indicators),
 * so a big budget's projects are checked on every core: runs of them, each
 * with its own diagnostics and memory, merged in order afterwards.  So
 * check_project may write only into its own statement, c->ds and c->arena,
 * and only read the rest (the symbol table, the budget block). */
enum { PAR_PROJECTS = 512 };

typedef struct ProjRun {
    Ctx c;
    Stmt **s;
    int n;
    Diags ds;
    Arena arena;
} ProjRun;

static void check_run(void *ctx, int i, int worker)
{
    (void)worker;
    ProjRun *r = (ProjRun *)ctx + i;
    for (int k = 0; k < r->n; k++) check_project(&r->c, r->s[k]);
}

static void check_projects(Ctx *c, Vec *todo)
{
    int threads = jobs_threads(), n = todo->n;
    if (threads < 2 || n < 2 || (size_t)n < jobs_split_min(PAR_PROJECTS)) {
        for (int i = 0; i < n; i++) check_project(c, todo->v[i]);
        return;
    }
    int runs = threads * 4 < n ? threads * 4 : n;
    ProjRun *r = xmalloc(sizeof(ProjRun) * (size_t)runs);
    memset(r, 0, sizeof(ProjRun) * (size_t)runs);
    for (int i = 0; i < runs; i++) {
        int from = (int)((long)n * i / runs), to = (int)((long)n * (i + 1) / runs);
        r[i].c = *c;
        r[i].c.ds = &r[i].ds;
        r[i].c.arena = &r[i].arena;
        diag_init_like(&r[i].ds, c->ds);
        r[i].s = (Stmt **)todo->v + from;
        r[i].n = to - from;
    }
    jobs_run(runs, check_run, r);
    for (int i = 0; i < runs; i++) {
        diag_adopt(c->ds, &r[i].ds);
        arena_adopt(c->arena, &r[i].arena);
    }
    xfree(r);
}

/* --------------------------------------------------------- cross-checks */

static Block *exp_of(Ctx *c, Source *src)
{
    for (int i = 0; i < c->nexp; i++)
        if (c->exp[i].src == src) return &c->exp[i];
    return NULL;
}

static int64_t block_total(Block *bk)
{
    int64_t t = bk->tot[CELL_BASIC];
    money_add(&t, bk->tot[CELL_PROJECT]);
    return t;
}

static void check_income(Ctx *c)
{
    if (!c->income || !c->income_ok || c->exp_broken || !c->nexp) return;
    if (c->carryover && !c->carryover_ok) return;
    if (!c->sums_ok[0] || !c->sums_ok[1]) return;
    int64_t in = c->sums_total[0], ex = 0;
    money_add(&in, c->sums_total[1]);
    for (int i = 0; i < c->nexp; i++) {
        if (!c->exp[i].ok) return;
        money_add(&ex, block_total(&c->exp[i]));
    }
    if (in != ex) {
        char a[40], b[40];
        if (c->carryover)
            diag_at(c->ds, c->income->loc, "E112", "income (本年收入) + carryover (上年结转) is %s, but total "
                    "expenditure (本年支出) is %s", fmt_amt(c, in, a), fmt_amt(c, ex, b));
        else
            diag_at(c->ds, c->income->loc, "E112", "income (本年收入) is %s, but total expenditure (本年支出) is %s",
                    fmt_amt(c, in, a), fmt_amt(c, ex, b));
        diff_note(c, in, ex);
    }
}

static void check_sources(Ctx *c)
{
    /* sources used anywhere in income, carryover or expenditure */
    int nused = 0;
    if ((c->income && !c->income_ok) || (c->carryover && !c->carryover_ok) || c->exp_broken) return;
    bool *used = xmalloc(sizeof(bool) * (size_t)(c->st.sources.n + 1));
    for (int k = 0; k < c->st.sources.n; k++) {
        used[k] = c->sums[k].row[0] || c->sums[k].row[1];
        nused += used[k];
    }
    for (int i = 0; i < c->nexp; i++)
        if (c->exp[i].src && !used[c->exp[i].src->index]) {
            used[c->exp[i].src->index] = true;
            nused++;
        }
    for (int k = 0; nused >= 2 && k < c->st.sources.n; k++) {
        if (!used[k]) continue;
        Source *src = c->st.sources.v[k];
        const SourceSum *ss = &c->sums[k];
        if (!ss->ok[0] || !ss->ok[1]) continue;
        int64_t in = ss->amount[0], ex = 0;
        const SrcRow *row = ss->row[0];
        money_add(&in, ss->amount[1]);
        Block *bk = exp_of(c, src);
        if (bk) {
            if (!bk->ok) continue;
            ex = block_total(bk);
        }
        if (in == ex) continue;
        Loc at;
        if (bk) at = bk->s->loc;
        else if (row) at = row->source.loc;
        else continue;
        char a[40], b[40];
        diag_at(c->ds, at, "E117", "%.*s: expenditure is %s, but its income + carryover (本年收入 + 上年结转) is %s", (int)src->name.n,
                src->name.s, fmt_amt(c, ex, a), fmt_amt(c, in, b));
        diff_note(c, ex, in);
    }
    xfree(used);
}

static void check_economic_vs_function(Ctx *c)
{
    for (int i = 0; i < c->neco; i++) {
        Block *eb = &c->eco[i];
        if (!eb->ok || !eb->src) continue;
        Block *xb = exp_of(c, eb->src);
        if (!xb || !xb->ok || xb->poison[CELL_BASIC]) continue;
        int64_t basic = xb->tot[CELL_BASIC], eco = eb->tot[CELL_TOTAL];
        if (basic == eco) continue;
        Loc at = eb->total_row ? eb->total_row->loc : eb->s->loc;
        char a[40], b[40];
        diag_at(c->ds, at, "E113", "basic expenditure (基本支出) by economic code is %s, but by function it is %s (%.*s)",
                fmt_amt(c, eco, a), fmt_amt(c, basic, b), (int)eb->src->name.n, eb->src->name.s);
        diff_note(c, eco, basic);
        Loc xl = xb->total_row ? xb->total_row->loc : xb->s->loc;
        diag_note(c->ds, &xl, "the function side is here");
    }
}

/* E139: the basic split the expenditure rows state (personnel/public by
 * function code) against the economic block of the same source.  Not
 * while E113 says the two basic totals differ: one fault, one message. */
static void check_split_vs_economic(Ctx *c)
{
    for (int i = 0; i < c->neco; i++) {
        Block *eb = &c->eco[i];
        if (!eb->ok || !eb->src || eb->poison[CELL_PERSONNEL] || eb->poison[CELL_PUBLIC]) continue;
        Block *xb = exp_of(c, eb->src);
        if (!xb || !xb->ok || !xb->split_known || xb->tot[CELL_BASIC] != eb->tot[CELL_TOTAL]) continue;
        if (xb->split[0] == eb->tot[CELL_PERSONNEL] && xb->split[1] == eb->tot[CELL_PUBLIC]) continue;
        char a[40], b[40], d[40], e[40];
        diag_at(c->ds, xb->split_at, "E139",
                "by function code, basic expenditure splits into personnel (人员经费) %s and public (公用经费) %s, "
                "but by economic code into %s and %s (%.*s)",
                fmt_amt(c, xb->split[0], a), fmt_amt(c, xb->split[1], b), fmt_amt(c, eb->tot[CELL_PERSONNEL], d),
                fmt_amt(c, eb->tot[CELL_PUBLIC], e), (int)eb->src->name.n, eb->src->name.s);
        diff_note(c, xb->split[0], eb->tot[CELL_PERSONNEL]);
        Loc el = eb->total_row ? eb->total_row->loc : eb->s->loc;
        diag_note(c->ds, &el, "the economic side is here");
    }
}

/* The project column of one function code, over every expenditure block. */
static bool code_project_amount(Ctx *c, Str code, int64_t *out, Row **row)
{
    int64_t t = 0;
    *row = NULL;
    for (int i = 0; i < c->nexp; i++) {
        RowInfo *ri = map_get(&c->exp[i].by_code, code);
        if (!ri) continue;
        if (!*row) *row = ri->row;
        if (ri->bad[CELL_PROJECT]) return false;
        money_add(&t, ri->parent ? ri->sum[CELL_PROJECT] : ri->val[CELL_PROJECT]);
    }
    *out = t;
    return true;
}

static void check_projects_vs_expenditure(Ctx *c)
{
    if (!c->projects.n || !c->nexp || c->exp_broken) return;
    int64_t col = 0, sum = 0;
    for (int i = 0; i < c->nexp; i++) {
        if (!c->exp[i].ok) return;
        money_add(&col, c->exp[i].tot[CELL_PROJECT]);
    }
    bool ok = true;
    for (int i = 0; i < c->projects.n; i++) {
        Stmt *s = c->projects.v[i];
        int64_t v;
        if (s->broken || unusable(c, &s->u.proj.amount)) { ok = false; continue; }
        if (value(c, &s->u.proj.amount, &v)) money_add(&sum, v);
    }
    if (!ok) return;
    Block *first = &c->exp[0];
    if (sum != col && (!c->partial || sum > col)) {
        Loc at = first->total_row ? first->total_row->loc : first->s->loc;
        char a[40], b[40];
        diag_at(c->ds, at, "E114", "the projects add up to %s, but the project column (项目支出) totals %s", fmt_amt(c, sum, a),
                fmt_amt(c, col, b));
        diff_note(c, sum, col);
        if (!c->partial && sum < col)
            diag_help(c->ds, "if only some projects are described, say `projects partial` in the budget block");
    }
    /* per function code named by projects: one pass to add them up */
    typedef struct PerCode { int64_t sum; bool ok; Stmt *first; ProjFunc *f; } PerCode;
    Map per = { 0 };
    Vec order = { 0 };
    for (int i = 0; i < c->projects.n; i++) {
        Stmt *s = c->projects.v[i];
        Vec *fs = &s->u.proj.functions;
        for (int j = 0; j < fs->n; j++) {
            ProjFunc *f = fs->v[j];
            PerCode *pc = map_get(&per, f->code.s);
            if (!pc) {
                pc = arena_alloc(&c->u->arena, sizeof *pc);
                pc->ok = true;
                pc->first = s;
                pc->f = f;
                map_put(&per, f->code.s, pc);
                vec_push(&order, pc);
            }
            int64_t v; /* no project here is broken: see the return above */
            if (f->amount.present) {
                if (!value(c, &f->amount, &v) || !money_add(&pc->sum, v)) pc->ok = false;
            } else if (fs->n == 1 && value(c, &s->u.proj.amount, &v)) {
                if (!money_add(&pc->sum, v)) pc->ok = false;
            } else {
                pc->ok = false;
            }
        }
    }
    for (int i = 0; i < order.n; i++) {
        PerCode *pc = order.v[i];
        Str code = pc->f->code.s;
        ClassCode *cc = sym_code(&c->st, CLS_FUNCTION, code);
        if (!cc || cc->nchildren || !pc->ok) continue;
        int64_t amt;
        Row *row;
        if (!code_project_amount(c, code, &amt, &row)) continue;
        if (pc->sum == amt || (c->partial && pc->sum <= amt)) continue;
        char lab[256], a[40], b[40];
        code_label(code, cc, lab, sizeof lab);
        diag_at(c->ds, row ? row->loc : pc->first->loc, "E114", "the projects under %s add up to %s, but its project "
                "column is %s", lab, fmt_amt(c, pc->sum, a), fmt_amt(c, amt, b));
        diff_note(c, pc->sum, amt);
        if (row) diag_note(c->ds, &pc->first->loc, "the first project naming %.*s", (int)code.n, code.s);
    }
    map_free(&per);
    vec_free(&order);
}

/* Economic amounts of the four 三公 codes (each with its descendants), over
 * the economic blocks and the projects, in one pass: ok[k] is false when
 * something code k needs is broken, any is false when nothing was there. */
static void economic_amounts(Ctx *c, const Str code[4], int64_t out[4], bool ok[4], bool *any)
{
    *any = false;
    for (int k = 0; k < 4; k++) {
        out[k] = 0;
        ok[k] = code[k].n > 0;
    }
    for (int i = 0; i < c->neco; i++) {
        Block *bk = &c->eco[i];
        *any = true;
        if (!bk->ok) {
            for (int k = 0; k < 4; k++) ok[k] = false;
            return;
        }
        for (int j = 0; j < bk->n; j++) {
            RowInfo *ri = &bk->ri[j];
            if (ri->skip || ri->row->is_total || ri->parent) continue;
            for (int k = 0; k < 4; k++)
                if (ok[k] && (str_eq(ri->row->code.s, code[k]) || is_descendant(ri->row->code.s, code[k])))
                    money_add(&out[k], ri->val[CELL_TOTAL]);
        }
    }
    for (int i = 0; i < c->projects.n; i++) {
        Stmt *s = c->projects.v[i];
        for (int j = 0; j < s->u.proj.economics.n; j++) {
            ProjFunc *e = s->u.proj.economics.v[j];
            int64_t v;
            *any = true;
            if (s->broken || !value(c, &e->amount, &v)) { /* unchecked or unusable: no sum to trust */
                for (int k = 0; k < 4; k++) ok[k] = false;
                return;
            }
            for (int k = 0; k < 4; k++)
                if (ok[k] && (str_eq(e->code.s, code[k]) || is_descendant(e->code.s, code[k])))
                    money_add(&out[k], v);
        }
    }
}

/* Is 三公 item k derivable from the economic amounts (its code is known
 * and nothing it needs is broken)? */
static bool tp_derived(const Ctx *c, int k)
{
    return c->st.has_tp_codes && !c->eco_broken && c->tp_any && c->tp_ok[k];
}

/* A written 三公 item against its derived amount, at the written precision
 * (9.98 万元 matches 99,750.00 元).  Under `projects partial` a written item
 * above the derived one is no fault: undescribed projects may hold it. */
static bool tp_matches(const Ctx *c, const Amount *a, int64_t w, int64_t v)
{
    int64_t r = money_round(v, written_step(c, a));
    return r == w || (c->partial && w > r);
}

/* The written 合计 of the 三公: it must be what its parts can round to.  Each
 * part is exact when derived, else known only to its written precision, so
 * the exact sum lies in [lo, hi]; the total is right when some value there
 * rounds to it.  Else a total that is the sum of the ROUNDED parts is W134
 * (a common way of adding up a table in 万元), and anything else E135. */
static void check_tp_total(Ctx *c, Stmt *s)
{
    const Amount *t = &s->u.tp.item[4];
    int64_t tw;
    if (!value(c, t, &tw)) return;
    int64_t st = written_step(c, t), lo = 0, hi = 0, rounded = 0;
    for (int k = 0; k < 4; k++) {
        const Amount *a = &s->u.tp.item[k];
        int64_t w = 0, e;
        bool written = a->present;
        if (written && !value(c, a, &w)) return;
        if (tp_derived(c, k) && (!written || money_round(c->tp_sum[k], written_step(c, a)) == w)) {
            e = c->tp_sum[k];
            if (!money_add(&lo, e) || !money_add(&hi, e) || !money_add(&rounded, written ? w : money_round(e, st)))
                return;
        } else if (written) {
            /* a zero is printed "0" in any precision (a zero style): exact */
            int64_t half = w ? written_step(c, a) / 2 : 0, up = w;
            if (!money_add(&up, half) || !money_add(&lo, w > half ? w - half : 0) || !money_add(&hi, up) ||
                !money_add(&rounded, w))
                return;
        } else {
            return; /* a part neither written nor derivable: nothing to compare */
        }
    }
    int64_t half = st / 2;
    if (tw > INT64_MAX - st) return; /* E103 territory: nothing sensible to compare */
    if (hi >= tw - half && lo < tw + (st > 1 ? half : 1)) return; /* some exact sum rounds to it */
    char a[48], b[96];
    bool exact = lo == hi;
    if (rounded == tw) {
        diag_at(c->ds, t->loc, "W134", "the 三公 total %s is the sum of the rounded items, but their exact sum %s "
                "rounds to %s", fmt_as(c, t, tw, b), fmt_amt(c, lo, a), fmt_as(c, t, lo, b + 48));
        diag_help(c->ds, "a total in a coarser unit is the exact sum rounded, not the sum of the rounded parts");
    } else if (exact) {
        diag_at(c->ds, t->loc, "E135", "the 三公 total %s cannot be the rounded value of its items: they come to %s, "
                "which is %s", fmt_as(c, t, tw, b), fmt_amt(c, lo, a), fmt_as(c, t, lo, b + 48));
    } else {
        diag_at(c->ds, t->loc, "E135", "the 三公 total %s cannot be the rounded value of its items: they come to "
                "between %s and %s", fmt_as(c, t, tw, b), fmt_amt(c, lo, a), fmt_amt(c, hi, b + 48));
    }
}

static void check_three_public(Ctx *c)
{
    Stmt *s = c->three_public;
    if (!s || s->broken) return;
    check_tp_total(c, s);
    if (!c->st.has_tp_codes || c->eco_broken || !c->tp_any) return;
    for (int k = 0; k < 4; k++) {
        const Amount *a = &s->u.tp.item[k];
        int64_t w, v = c->tp_sum[k];
        if (!value(c, a, &w) || !c->tp_ok[k] || tp_matches(c, a, w, v)) continue;
        char what[160];
        snprintf(what, sizeof what, _("三公 %s"), _(tp_name[k]));
        char wb[40], d[40];
        diag_at(c->ds, a->loc, "E115", "%s is written as %s, but economic code %.*s comes to %s", what,
                fmt_amt(c, w, wb), (int)c->st.tp_code[k].n, c->st.tp_code[k].s, fmt_amt(c, v, d));
        diff_note(c, w, v);
    }
}

static void check_links(Ctx *c)
{
    for (int i = 0; i < c->st.links.n; i++) {
        Code *pair = c->st.links.v[i];
        for (int j = 0; j < c->neco; j++) {
            Block *eb = &c->eco[j];
            if (!eb->ok || !eb->src) continue;
            Block *xb = exp_of(c, eb->src);
            if (!xb || !xb->ok) continue;
            RowInfo *er = map_get(&eb->by_code, pair[0].s);
            RowInfo *fr = map_get(&xb->by_code, pair[1].s);
            if (!er && !fr) continue;
            if ((er && (er->skip || er->parent)) || (fr && (fr->skip || fr->bad[CELL_BASIC]))) continue;
            int64_t ev = er ? er->val[CELL_TOTAL] : 0;
            int64_t fv = fr ? (fr->parent ? fr->sum[CELL_BASIC] : fr->val[CELL_BASIC]) : 0;
            if (ev == fv) continue;
            ClassCode *ec = sym_code(&c->st, CLS_ECONOMIC, pair[0].s), *fc = sym_code(&c->st, CLS_FUNCTION, pair[1].s);
            char el[256], fl[256], a[40], b[40];
            code_label(pair[0].s, ec, el, sizeof el);
            code_label(pair[1].s, fc, fl, sizeof fl);
            Loc at = er ? er->row->loc : fr->row->loc;
            diag_at(c->ds, at, "W126", "economic %s is %s, but the linked function %s has basic %s", el,
                    fmt_amt(c, ev, a), fl, fmt_amt(c, fv, b));
            diff_note(c, ev, fv);
            if (er && fr) diag_note(c->ds, &fr->row->loc, "the function row is here");
        }
    }
}

/* 机关运行经费: the 公用经费 of the basic expenditure (the economic block)
 * from 一般公共预算 of agencies of kind 行政 or 参公.  Amounts are not
 * written by agency, so it is derivable only when every agency has a kind
 * and the kinds agree: all 行政/参公 (the whole 公用经费) or all 事业 (0).
 * Otherwise the stated figure stands as published: no split is invented. */
static void derive_operating_costs(Ctx *c)
{
    Stmt *b = c->budget;
    c->opcost_derivable = false;
    if (!b || b->broken || !b->u.budget.agencies.n || c->eco_broken) return;
    int admin = 0, inst = 0;
    for (int i = 0; i < b->u.budget.agencies.n; i++) {
        AgencyDecl *a = b->u.budget.agencies.v[i];
        if (!a->kind.present) return;
        if (str_eqc(a->kind.s, "事业")) inst++;
        else admin++;
    }
    if (admin && inst) return;
    Source *general = resolve_source(c, &(Name){ 0 });
    Block *bk = NULL;
    for (int i = 0; i < c->neco; i++)
        if (c->eco[i].src == general) bk = &c->eco[i];
    if (!bk || !bk->ok || bk->poison[CELL_PUBLIC]) return;
    c->opcost_derived = admin ? bk->tot[CELL_PUBLIC] : 0;
    c->opcost_derivable = true;
}

static void check_operating_costs(Ctx *c)
{
    derive_operating_costs(c);
    Stmt *s = c->opcost;
    int64_t w;
    if (!s || s->broken || !c->opcost_derivable || !value(c, &s->u.opcost.amount, &w)) return;
    const Amount *a = &s->u.opcost.amount;
    int64_t d = money_round(c->opcost_derived, written_step(c, a));
    if (d == w) return;
    char wb[48], db[48], rb[48];
    diag_at(c->ds, a->loc, "E133", "operating costs (机关运行经费) are written as %s, but the 公用经费 of the basic "
            "expenditure from 一般公共预算 come to %s, which is %s", fmt_as(c, a, w, wb), fmt_amt(c, c->opcost_derived, db),
            fmt_as(c, a, c->opcost_derived, rb));
    diag_help(c->ds, "every agency of this budget is of kind 行政 or 参公 (or all are 事业), so the figure is derived");
}

/* E137: a kind stated in procurement-summary against the procurement items
 * of that category (their rows over every source), at its printed precision,
 * when items are written at all.  An item that is broken, has no usable
 * amount or an unknown category leaves the sums unasserted. */
static void check_procurement_summary(Ctx *c)
{
    Stmt *ps = c->psum;
    if (!ps || ps->broken || !c->procurements.n) return;
    int64_t sum[PK_COUNT] = { 0 };
    for (int i = 0; i < c->procurements.n; i++) {
        Stmt *s = c->procurements.v[i];
        if (s->broken) return;
        int k = -1;
        for (int j = 0; j < PK_COUNT; j++)
            if (s->u.proc.category.present && str_eqc(s->u.proc.category.s, proc_kind_name[j])) k = j;
        if (k < 0) return;
        for (int j = 0; j < s->u.proc.rows.n; j++) {
            const SrcRow *r = s->u.proc.rows.v[j];
            int64_t v;
            if (!value(c, &r->amount, &v) || !money_add(&sum[k], v)) return;
        }
    }
    for (int k = 0; k < PK_COUNT; k++) {
        const Amount *a = &ps->u.psum.kind[k];
        int64_t w;
        if (!value(c, a, &w) || money_round(sum[k], written_step(c, a)) == w) continue;
        char wb[48], db[48], rb[48];
        diag_at(c->ds, a->loc, "E137", "政府采购 %s is stated as %s, but the procurement items of that category come to "
                "%s, which is %s", proc_kind_name[k], fmt_as(c, a, w, wb), fmt_amt(c, sum[k], db),
                fmt_as(c, a, sum[k], rb));
    }
}

/* A `table ID { … }` override: each id once, decimals at most 6.  Whether
 * the id is one of the layout's tables is the layout's to say
 * (CheckOptions.table_hook). */
static void check_table(Ctx *c, Stmt *s)
{
    if (s->broken) return;
    for (int i = 0; i < c->tables.n; i++) {
        Stmt *o = c->tables.v[i];
        if (str_eq(o->u.table.id.s, s->u.table.id.s)) {
            diag_at(c->ds, s->u.table.id.loc, "E105", "the table %.*s is already set up", (int)s->u.table.id.s.n,
                    s->u.table.id.s.s);
            diag_note(c->ds, &o->u.table.id.loc, "first set up here");
            return;
        }
    }
    for (int i = 0; i < s->u.table.sets.n; i++) {
        TableSet *t = s->u.table.sets.v[i];
        if (str_eqc(t->what, "decimals") && (t->value.s.n > 1 || t->value.s.s[0] > '6'))
            diag_at(c->ds, t->value.loc, "E103", "decimals is %.*s, but at most 6 are supported",
                    (int)t->value.s.n, t->value.s.s);
        if (c->verbose) { /* as symtab.c lists the codes a budget adds */
            SrcFile *f = c->u->files.v[t->loc.file];
            fprintf(stderr, "%s:%d: note: table %.*s: %.*s%s%.*s \"%.*s\" overrides the layout\n", f->path,
                    t->loc.line, (int)s->u.table.id.s.n, s->u.table.id.s.s, (int)t->what.n, t->what.s,
                    t->key.present ? " " : "", (int)t->key.s.n, t->key.s.s, (int)t->value.s.n, t->value.s.s);
        }
    }
    vec_push(&c->tables, s);
}

/* ---------------------------------------------------------------- main */

/* A block of the kind at the end of its array (which grows: a budget has
 * as many sources, and so blocks, as it declares); init_block fills it. */
static Block *new_block(Ctx *c, bool eco)
{
    Block **arr = eco ? &c->eco : &c->exp;
    int *n = eco ? &c->neco : &c->nexp, *cap = eco ? &c->capeco : &c->capexp;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *arr = xrealloc(*arr, sizeof(Block) * (size_t)*cap);
    }
    return &(*arr)[(*n)++];
}

/* An expenditure or economic block: one per source (E105), then its rows. */
static void check_block(Ctx *c, Stmt *s)
{
    bool eco = s->kind == ST_ECONOMIC;
    if (s->broken) {
        if (eco) c->eco_broken = true;
        else c->exp_broken = true;
        return;
    }
    Source *src = resolve_source(c, &s->u.block.source);
    Block *arr = eco ? c->eco : c->exp;
    int n = eco ? c->neco : c->nexp;
    bool dup = false;
    for (int k = 0; k < n; k++)
        if (src && arr[k].src == src) {
            diag_at(c->ds, s->loc, "E105", "a budget has one `%s` block per source; %.*s already has one",
                    eco ? "economic" : "expenditure", (int)src->name.n, src->name.s);
            diag_note(c->ds, &arr[k].s->loc, "the first one is here");
            dup = true;
        }
    if (dup) return;
    Block *bk = new_block(c, eco);
    if (eco) check_economic(c, bk, s);
    else check_expenditure(c, bk, s);
    bk->src = src;
    if (!src) bk->ok = false;
}

static void check_statements(Ctx *c)
{
    Unit *u = c->u;
    Map proj_codes = { 0 }, proc_codes = { 0 }, proj_names = { 0 }, proc_names = { 0 };
    Vec todo = { 0 }; /* projects to check, after the loop: on every core */
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        switch (s->kind) {
        case ST_INCOME:
            if (!once(c, &c->income, s, "income")) break;
            c->income_ok = !s->broken;
            if (!s->broken) check_src_rows(c, &s->u.block.rows);
            break;
        case ST_CARRYOVER:
            if (!once(c, &c->carryover, s, "carryover")) break;
            c->carryover_ok = !s->broken;
            if (!s->broken) check_src_rows(c, &s->u.block.rows);
            break;
        case ST_EXPENDITURE:
        case ST_ECONOMIC:
            check_block(c, s);
            break;
        case ST_THREE_PUBLIC:
            if (once(c, &c->three_public, s, "three-public") && !s->broken)
                for (int k = 0; k < 5; k++) {
                    int64_t v;
                    scale(c, &s->u.tp.item[k], &v);
                }
            break;
        case ST_PERFORMANCE:
            if (!once(c, &c->performance, s, "performance") || s->broken) break;
            check_indicators(c, &s->u.perf.indicators, s, false, 0);
            break;
        case ST_PROJECT: {
            Map *ids = s->u.proj.code.present ? &proj_codes : &proj_names;
            Stmt *first = map_get(ids, proj_id(s));
            if (first) {
                diag_at(c->ds, proj_id_loc(s), "E105", "project %.*s is declared twice", (int)proj_id(s).n,
                        proj_id(s).s);
                Loc fl = proj_id_loc(first);
                diag_note(c->ds, &fl, "first declared here");
                break;
            }
            map_put(ids, proj_id(s), s);
            vec_push(&c->projects, s);
            if (!s->broken) vec_push(&todo, s);
            break;
        }
        case ST_PROCUREMENT: {
            Map *ids = s->u.proc.code.present ? &proc_codes : &proc_names;
            Stmt *first = map_get(ids, proc_id(s));
            if (first) {
                diag_at(c->ds, proc_id_loc(s), "E105", "procurement item %.*s is declared twice",
                        (int)proc_id(s).n, proc_id(s).s);
                Loc fl = proc_id_loc(first);
                diag_note(c->ds, &fl, "first declared here");
                break;
            }
            map_put(ids, proc_id(s), s);
            vec_push(&c->procurements, s);
            if (!s->broken) check_src_rows(c, &s->u.proc.rows);
            break;
        }
        case ST_OPERATING_COSTS:
            if (once(c, &c->opcost, s, "operating-costs") && !s->broken) {
                int64_t v;
                scale(c, &s->u.opcost.amount, &v);
            }
            break;
        case ST_PROC_SUMMARY:
            if (once(c, &c->psum, s, "procurement-summary") && !s->broken)
                for (int k = 0; k < PK_COUNT; k++) {
                    int64_t v;
                    scale(c, &s->u.psum.kind[k], &v);
                }
            break;
        case ST_TABLE:
            check_table(c, s);
            break;
        default:
            break;
        }
    }
    map_free(&proj_codes);
    map_free(&proc_codes);
    map_free(&proj_names);
    map_free(&proc_names);
    check_projects(c, &todo);
    vec_free(&todo);
}

/* What the model reads: the symbol table, the sums derived here, and each
 * 三公 item as written or, when left out, as its economic code adds up. */
static void hand_over(Ctx *c, CheckResult *r)
{
    memset(r, 0, sizeof *r);
    r->st = c->st;
    r->decimals = c->decimals;
    r->budget = c->budget;
    r->sources = c->sums;
    for (int k = 0; k < c->st.sources.n; k++) {
        Block *bk = exp_of(c, c->st.sources.v[k]);
        c->sums[k].expenditure = bk ? block_total(bk) : 0;
    }
    for (int k = 0; k < 4; k++) {
        const Amount *a = c->three_public ? &c->three_public->u.tp.item[k] : NULL;
        r->three_public_written[k] = a && value(c, a, &r->three_public[k]);
        if (!r->three_public_written[k])
            r->three_public[k] = c->st.has_tp_codes && c->st.tp_code[k].n && c->tp_ok[k] ? c->tp_sum[k] : 0;
    }
    r->three_public_total_written = c->three_public && value(c, &c->three_public->u.tp.item[4], &r->three_public_total);
    r->unit_pow = c->unit_pow;
    r->opcost_written = c->opcost && value(c, &c->opcost->u.opcost.amount, &r->opcost_stated);
    r->opcost_derivable = c->opcost_derivable;
    r->opcost_derived = c->opcost_derived;
    for (int k = 0; k < PK_COUNT; k++)
        r->procurement_kind_written[k] = c->psum && value(c, &c->psum->u.psum.kind[k], &r->procurement_kind[k]);
    r->tables = c->tables; /* handed over: check_result_free frees it */
    c->tables = (Vec){ 0 };
}

void check_unit(Unit *u, const CheckOptions *o)
{
    Ctx *c = xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    c->u = u;
    c->ds = &u->diags;
    c->arena = &u->arena;
    c->verbose = o && o->verbose;
    consolidate_unit(u, o); /* a department: its figures become its agencies' sum */
    check_budget(c);
    c->weights_optional = o && o->weights_optional && o->weights_optional(o->table_hook_ctx, c->budget);
    sym_build(&c->st, u, o && o->verbose);
    check_statements(c);
    sum_sources(c);
    if (c->st.has_tp_codes) economic_amounts(c, c->st.tp_code, c->tp_sum, c->tp_ok, &c->tp_any);
    check_income(c);
    check_sources(c);
    check_economic_vs_function(c);
    check_split_vs_economic(c);
    check_projects_vs_expenditure(c);
    check_three_public(c);
    check_operating_costs(c);
    check_procurement_summary(c);
    check_links(c);
    if (o && o->table_hook)
        for (int i = 0; i < c->tables.n; i++) o->table_hook(o->table_hook_ctx, &u->diags, &c->st, c->budget, c->tables.v[i]);
    if (o && o->result) hand_over(c, o->result); /* before the blocks go */
    else {
        sym_free(&c->st);
        xfree(c->sums);
    }
    for (int i = 0; i < c->nexp; i++) map_free(&c->exp[i].by_code);
    for (int i = 0; i < c->neco; i++) map_free(&c->eco[i].by_code);
    xfree(c->exp);
    xfree(c->eco);
    vec_free(&c->projects);
    vec_free(&c->tables);
    vec_free(&c->procurements);
    xfree(c);
}

void check_result_free(CheckResult *r)
{
    sym_free(&r->st);
    xfree(r->sources);
    vec_free(&r->tables);
    memset(r, 0, sizeof *r);
}
