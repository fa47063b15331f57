/*
 * model.c — the derived model of spec §8, built once after the checks.
 *
 * Every back end prints this model and nothing else, so the tables agree
 * across formats by construction.  Built from a unit that checked clean and
 * the CheckResult the checks handed over: leaves are read from the AST as
 * parsed (money_parse in the budget's decimals), the income and carryover by
 * source and the 三公 items come from the result (derived once, by the
 * checks), and parents, 合计 rows, the personnel/public split and the
 * summaries' expenditure side are derived here.
 *
 * Zero and blank (spec §8): every cell carries whether the author wrote it.
 * A derived zero becomes MV_BLANK; a written amount stays, zeros included.
 * A parent or 合计 cell counts as written when its own row writes it (the
 * assertion), a summary cell never does.
 *
 * The model computes quantities, the layout (layout.c, from a layout
 * module) arranges them: sums by function or economic code over a set of
 * sources (mq_tree), income, carry-over and expenditure by source, the 三公
 * row, procurement items, indicators and projects.  Which tables exist, their
 * titles, columns, labels and order are the layout's; nothing here names one.
 *
 * Decisions where the spec is silent (also in the report of issue 3):
 *  - 三公经费 are the sums E115 checks (every economic block plus the
 *    projects' economic breakdowns), so a written item always equals what
 *    the table shows.
 *  - Several `goal` lines of the department are joined with a line break.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

/* ------------------------------------------------------------- context */

/* One row of a classification table being summed: own cells and flags. */
typedef struct Acc {
    ClassCode *cc;
    int64_t v[NCELLS];
    bool w[NCELLS]; /* the author wrote this cell on this row */
    /* function codes: the basic split (personnel/public) written on the
     * row, and whether the split is known (resolve_split) */
    int64_t sp[2];
    bool spw[2];
    int64_t below[2]; /* the children's splits */
    bool open;        /* some child's split is unknown */
    bool known;
    bool unknown;     /* merged over blocks: unknown in some block */
} Acc;

typedef struct AccSet {
    Map by_code;
    Vec list; /* Acc* */
    Acc total;
} AccSet;

struct MQ {
    Model *m;
    Unit *u;
    const CheckResult *r; /* what the checks derived */
    const Symtab *st;     /* r's symbol table */
    Arena *a;
    bool overflow;
    Source *general, *fund;
    const Stmt *budget;
    Stmt *income, *carryover, *performance;
    Vec exp, eco, projects, procurements; /* Stmt* */
};
typedef struct MQ Build;

static void add(Build *b, int64_t *acc, int64_t v)
{
    if (!money_add(acc, v)) b->overflow = true;
}

static Str lit(const char *s) { return str_c(s); }

static Str dup_str(Build *b, const char *s, size_t n)
{
    return (Str){ arena_strndup(b->a, s, n), (uint32_t)n };
}

/* ------------------------------------------------------------- values */

static MVal v_blank(void) { return (MVal){ .kind = MV_BLANK }; }

static MVal v_text(Str s)
{
    return s.s ? (MVal){ .kind = MV_TEXT, .text = s } : v_blank();
}

static MVal v_amount(int64_t v, bool written)
{
    if (v == 0 && !written) return v_blank();
    return (MVal){ .kind = MV_AMOUNT, .amount = v };
}

/* An amount of a unit that checked clean: it always reads (0 when absent). */
static int64_t amount_of(const Build *b, const Amount *a)
{
    int64_t v = 0;
    if (a->present) amount_parse(a, b->r->decimals, b->r->unit_pow, &v);
    return v;
}

static MVal v_written(const Build *b, const Amount *a)
{
    return a->present ? v_amount(amount_of(b, a), true) : v_blank();
}

static MVal v_decimal(Build *b, Str text)
{
    int64_t w;
    if (!text.n || !decimal_parse(text, &w)) return v_blank();
    char buf[40];
    decimal_format(w, buf);
    return (MVal){ .kind = MV_NUMBER, .text = dup_str(b, buf, strlen(buf)) };
}

static MVal v_bool(bool yes) { return (MVal){ .kind = MV_BOOL, .yes = yes }; }

Str model_cell_text(const Model *m, const MVal *v, bool grouping, char *buf)
{
    switch (v->kind) {
    case MV_TEXT:
    case MV_NUMBER:
        return v->text;
    case MV_AMOUNT:
        return str_c(money_format(v->amount, m->decimals, grouping, buf));
    case MV_BOOL:
        return str_c(v->yes ? "是" : "否");
    default:
        return (Str){ "", 0 };
    }
}

/* -------------------------------------------------------------- tables */

typedef struct ColSpec {
    const char *key;
    const char *title;
    bool amount;
} ColSpec;


/* An amount of the budget (10^-decimals) in a table's unit and decimals:
 * divided by 10^(scale + decimals - t->decimals), rounded half away from
 * zero.  Exact when nothing is divided. */
static int64_t rescale(int64_t v, int from_decimals, const MTable *t)
{
    int shift = t->scale + from_decimals - t->decimals;
    for (; shift < 0; shift++) v *= 10; /* checked amounts are far below overflow */
    if (!shift) return v;
    int64_t d = 1;
    for (int i = 0; i < shift; i++) d *= 10;
    int64_t q = v / d, r = v % d;
    if (r >= 0 ? 2 * r >= d : -2 * r >= d) q += v < 0 ? -1 : 1;
    return q;
}

int64_t table_amount(const Model *m, const MTable *t, int64_t v) { return rescale(v, m->decimals, t); }

Str table_cell_text(const Model *m, const MTable *t, const MColumn *c, const MVal *v, bool grouping, char *buf)
{
    if (v->kind == MV_BLANK && v->none) return (Str){ "", 0 };
    bool is_zero = v->kind == MV_BLANK || (v->kind == MV_AMOUNT && v->amount == 0);
    if (t->has_zero && is_zero && c && c->amount) return t->zero;
    if (v->kind != MV_AMOUNT) return model_cell_text(m, v, grouping, buf);
    return str_c(money_format(rescale(v->amount, m->decimals, t), t->decimals, grouping && t->grouping, buf));
}

/* Room for one more item in an arena array of *cap items (doubling). */
static void *grow(Build *b, void *items, int n, int *cap, size_t size)
{
    if (n < *cap) return items;
    *cap = *cap ? *cap * 2 : 16;
    void *bigger = arena_alloc(b->a, size * (size_t)*cap);
    if (n) memcpy(bigger, items, size * (size_t)n);
    return bigger;
}

static int col_index(const MTable *t, const char *key)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].key, key) == 0) return i;
    return -1;
}

/* Append a blank row; the caller fills its cells. */
static MRow *add_row(Build *b, MTable *t, MRowKind kind)
{
    t->rows = grow(b, t->rows, t->nrows, &t->caprows, sizeof(MRow));
    MRow *row = &t->rows[t->nrows++];
    row->kind = kind;
    row->project = -1;
    row->cells = arena_alloc(b->a, sizeof(MVal) * (size_t)(t->ncols ? t->ncols : 1));
    return row;
}

static void put(const MTable *t, MRow *r, const char *key, MVal v)
{
    int i = col_index(t, key);
    if (i >= 0) r->cells[i] = v;
}

/* ------------------------------------------------- classification sums */


static Acc *acc_get(Build *b, AccSet *set, ClassCode *cc)
{
    Acc *x = map_get(&set->by_code, cc->code);
    if (x) return x;
    x = arena_alloc(b->a, sizeof *x);
    x->cc = cc;
    map_put(&set->by_code, cc->code, x);
    vec_push(&set->list, x);
    return x;
}

/* A leaf's values go to its own row, every ancestor and the 合计. */
static void acc_leaf(Build *b, AccSet *set, ClassCode *cc, const int64_t *v, const bool *w)
{
    Acc *own = acc_get(b, set, cc);
    for (int k = 0; k < NCELLS; k++) {
        add(b, &own->v[k], v[k]);
        own->w[k] |= w[k];
        add(b, &set->total.v[k], v[k]);
    }
    for (ClassCode *p = cc->parent; p; p = p->parent) {
        Acc *anc = acc_get(b, set, p);
        for (int k = 0; k < NCELLS; k++) add(b, &anc->v[k], v[k]);
    }
}

/* A parent or 合计 row: its written cells are assertions; remember them. */
static void acc_written(Acc *x, const Row *r)
{
    for (int k = 0; k < NCELLS; k++)
        if (r->cell[k].present) x->w[k] = true;
    if (r->bare.present) x->w[CELL_TOTAL] = true;
}

/* A leaf expenditure row: basic and project as written, total their sum
 * (its personnel/public split is resolved per block: resolve_split). */
static void expenditure_leaf(Build *b, const Row *r, int64_t *v, bool *w)
{
    for (int k = 0; k < NCELLS; k++) {
        w[k] = r->cell[k].present;
        if (w[k] && (k == CELL_BASIC || k == CELL_PROJECT)) v[k] = amount_of(b, &r->cell[k]);
    }
    v[CELL_TOTAL] = v[CELL_BASIC];
    add(b, &v[CELL_TOTAL], v[CELL_PROJECT]);
}

/* The split written on an expenditure row, for resolve_split. */
static void split_written(const Build *b, Acc *x, const Row *r)
{
    static const int col[2] = { CELL_PERSONNEL, CELL_PUBLIC };
    for (int k = 0; k < 2; k++)
        if (r->cell[col[k]].present) {
            x->spw[k] = true;
            x->sp[k] = amount_of(b, &r->cell[col[k]]);
        }
}

/* A leaf economic row split into personnel and public: the split the
 * checks verified (eco_split, check.c). */
static void economic_leaf(const Build *b, const Row *r, const ClassCode *cc, int64_t *v, bool *w)
{
    int cls = r->mark ? r->mark : cc->mark ? cc->mark : CELL_PUBLIC;
    w[CELL_PERSONNEL] = r->cell[CELL_PERSONNEL].present;
    w[CELL_PUBLIC] = r->cell[CELL_PUBLIC].present;
    w[CELL_TOTAL] = r->bare.present || r->cell[CELL_TOTAL].present;
    int64_t cell[NCELLS];
    for (int k = 0; k < NCELLS; k++) cell[k] = amount_of(b, &r->cell[k]);
    eco_split(r, cell, amount_of(b, &r->bare), cls, v);
}

/* Add up one expenditure (CLS_FUNCTION) or economic block: leaves give
 * values, parent and 合计 rows only say which cells were written. */
static void sum_block(Build *b, Stmt *s, AccSet *set, int cls)
{
    for (int i = 0; i < s->u.block.rows.n; i++) {
        Row *r = s->u.block.rows.v[i];
        bool fn = cls == CLS_FUNCTION;
        if (r->is_total) {
            acc_written(&set->total, r);
            if (fn) split_written(b, &set->total, r);
            continue;
        }
        ClassCode *cc = sym_code(b->st, cls, r->code.s);
        if (!cc) continue;
        if (cc->nchildren) {
            acc_written(acc_get(b, set, cc), r);
            if (fn) split_written(b, acc_get(b, set, cc), r);
            continue;
        }
        int64_t v[NCELLS] = { 0 };
        bool w[NCELLS] = { false };
        if (fn) expenditure_leaf(b, r, v, w);
        else economic_leaf(b, r, cc, v, w);
        acc_leaf(b, set, cc, v, w);
        if (fn) split_written(b, acc_get(b, set, cc), r);
    }
}

/* One row's split: as written (one cell leaves the rest of its basic to
 * the other), else its rows' when each is known; a leaf without basic
 * expenditure splits into 0 and 0.  The checks (check_split) made the
 * written and the derived splits agree. */
static void split_of(Acc *x, bool leaf)
{
    int64_t basic = x->v[CELL_BASIC];
    x->known = true;
    if (x->spw[0] || x->spw[1]) {
        x->v[CELL_PERSONNEL] = x->spw[0] ? x->sp[0] : basic - x->sp[1];
        x->v[CELL_PUBLIC] = x->spw[1] ? x->sp[1] : basic - x->sp[0];
        x->w[CELL_PERSONNEL] = x->spw[0];
        x->w[CELL_PUBLIC] = x->spw[1];
    } else if (leaf ? basic == 0 : !x->open) {
        x->v[CELL_PERSONNEL] = leaf ? 0 : x->below[0];
        x->v[CELL_PUBLIC] = leaf ? 0 : x->below[1];
    } else {
        x->known = false;
        x->v[CELL_PERSONNEL] = x->v[CELL_PUBLIC] = 0;
    }
}

static void sort_accs(Vec *list);

/* The split of every code of one expenditure block, children first. */
static void resolve_split(Build *b, AccSet *set)
{
    sort_accs(&set->list);
    for (int i = set->list.n - 1; i >= 0; i--) {
        Acc *x = set->list.v[i];
        split_of(x, x->cc->nchildren == 0);
        Acc *up = x->cc->parent ? map_get(&set->by_code, x->cc->parent->code) : NULL;
        if (!up) up = &set->total;
        up->open |= !x->known;
        add(b, &up->below[0], x->v[CELL_PERSONNEL]);
        add(b, &up->below[1], x->v[CELL_PUBLIC]);
    }
    split_of(&set->total, false);
}

static void merge_acc(Build *b, Acc *into, const Acc *x)
{
    for (int k = 0; k < NCELLS; k++) {
        add(b, &into->v[k], x->v[k]);
        into->w[k] |= x->w[k];
    }
    into->unknown |= !x->known;
}

/* An expenditure block's sums, its split resolved, added to `set`: the
 * split is per block, as each block states its own. */
static void sum_exp_block(Build *b, Stmt *s, AccSet *set)
{
    AccSet one = { 0 };
    sum_block(b, s, &one, CLS_FUNCTION);
    resolve_split(b, &one);
    for (int i = 0; i < one.list.n; i++) {
        Acc *x = one.list.v[i];
        merge_acc(b, acc_get(b, set, x->cc), x);
    }
    merge_acc(b, &set->total, &one.total);
    map_free(&one.by_code);
    vec_free(&one.list);
}

static int cmp_acc(const void *x, const void *y)
{
    const Acc *a = *(Acc *const *)x, *c = *(Acc *const *)y;
    Str p = a->cc->code, q = c->cc->code;
    uint32_t n = p.n < q.n ? p.n : q.n;
    int r = memcmp(p.s, q.s, n);
    if (r) return r;
    return p.n < q.n ? -1 : p.n > q.n;
}

static void sort_accs(Vec *list)
{
    if (list->n > 1) qsort(list->v, (size_t)list->n, sizeof(void *), cmp_acc);
}

static int depth_of(const ClassCode *cc)
{
    int d = 0;
    for (const ClassCode *p = cc->parent; p; p = p->parent) d++;
    return d;
}

static void acc_free(AccSet *set)
{
    map_free(&set->by_code);
    vec_free(&set->list);
}

static Source *block_source(Build *b, Stmt *s)
{
    if (s->u.block.source.present) return sym_source(b->st, s->u.block.source.s);
    return b->general;
}

/* The expenditure of one source (NULL: every source), summed by code. */
static void sum_exp_of(Build *b, Source *only, bool all, AccSet *set)
{
    for (int i = 0; i < b->exp.n; i++) {
        Stmt *s = b->exp.v[i];
        if (all || (only && block_source(b, s) == only)) sum_exp_block(b, s, set);
    }
}

/* ------------------------------------------------------------ summaries */

/* A procurement item's row for one source, or NULL. */
static const SrcRow *src_row(Build *b, Vec *rows, Source *src)
{
    for (int i = 0; i < rows->n; i++) {
        SrcRow *r = rows->v[i];
        if (sym_source(b->st, r->source.s) == src) return r;
    }
    return NULL;
}


/* ----------------------------------------------------- the quantities */

Arena *mq_arena(MQ *q) { return q->a; }
int mq_nsources(MQ *q) { return q->st->sources.n; }
bool mq_overflow(MQ *q, int64_t *acc, int64_t v)
{
    add(q, acc, v);
    return q->overflow;
}
MVal mq_amount(int64_t v, bool written) { return v_amount(v, written); }
MRow *mq_add_row(MQ *q, MTable *t, MRowKind kind) { return add_row(q, t, kind); }
void mq_put(const MTable *t, MRow *r, const char *key, MVal v) { put(t, r, key, v); }

static bool set_all(Str set) { return !set.n || str_eqc(set, "all"); }

int mq_sources(MQ *q, Str set, const Source **out, int cap)
{
    int n = 0;
    if (set_all(set) || str_eqc(set, "fiscal")) {
        for (int i = 0; i < q->st->sources.n && n < cap; i++) {
            Source *s = q->st->sources.v[i];
            if (set_all(set) || s->fiscal) out[n++] = s;
        }
        return n;
    }
    Source *s = sym_source(q->st, set);
    if (s && cap) out[n++] = s;
    return n;
}

static bool in_set(MQ *q, Str set, const Source *s)
{
    if (set_all(set)) return true;
    if (str_eqc(set, "fiscal")) return s && s->fiscal;
    return s && sym_source(q->st, set) == s;
}

/* A split some block does not state prints blank, not a partial sum. */
static void unknown_split(MQRow *r)
{
    r->v[CELL_PERSONNEL] = r->v[CELL_PUBLIC] = 0;
    r->w[CELL_PERSONNEL] = r->w[CELL_PUBLIC] = false;
}

/* Sums by code over the blocks of a source set: expenditure (function
 * codes) or basic expenditure by economic code.  `all` also takes a block
 * of a source no module declares. */
void mq_tree(MQ *q, int cls, Str set, MQTree *out)
{
    AccSet acc = { 0 };
    if (cls == CLS_FUNCTION && set_all(set)) sum_exp_of(q, NULL, true, &acc);
    else if (cls == CLS_FUNCTION) {
        for (int i = 0; i < q->st->sources.n; i++)
            if (in_set(q, set, q->st->sources.v[i])) sum_exp_of(q, q->st->sources.v[i], false, &acc);
    } else
        for (int i = 0; i < q->eco.n; i++)
            if (in_set(q, set, block_source(q, q->eco.v[i]))) sum_block(q, q->eco.v[i], &acc, CLS_ECONOMIC);
    sort_accs(&acc.list);
    memset(out, 0, sizeof *out);
    out->n = acc.list.n;
    out->rows = arena_alloc(q->a, sizeof(MQRow) * (size_t)(out->n ? out->n : 1));
    for (int i = 0; i < out->n; i++) {
        Acc *x = acc.list.v[i];
        MQRow *r = &out->rows[i];
        r->code = x->cc->code;
        r->name = x->cc->name;
        r->depth = depth_of(x->cc);
        memcpy(r->v, x->v, sizeof r->v);
        memcpy(r->w, x->w, sizeof r->w);
        if (x->unknown) unknown_split(r);
    }
    memcpy(out->total.v, acc.total.v, sizeof acc.total.v);
    memcpy(out->total.w, acc.total.w, sizeof acc.total.w);
    if (cls == CLS_FUNCTION && acc.total.unknown) unknown_split(&out->total);
    acc_free(&acc);
}

const MQRow *mq_find(const MQTree *t, Str code)
{
    for (int i = 0; i < t->n; i++)
        if (str_eq(t->rows[i].code, code)) return &t->rows[i];
    return NULL;
}

int64_t mq_income(MQ *q, const Source *s, bool carryover, bool *written)
{
    const SourceSum *ss = &q->r->sources[s->index];
    *written = ss->row[carryover] != NULL;
    return ss->amount[carryover];
}

int64_t mq_spent(MQ *q, const Source *s) { return q->r->sources[s->index].expenditure; }

/* Source keys are slices of the source text: columns want C strings. */
static const char *key_of(Build *b, Source *s)
{
    return arena_strndup(b->a, s->key.s, s->key.n);
}

/* ------------------------------------------------------------ 三公经费 */

/* 机关运行经费 in the budget's unit, and whether there is one to print: as
 * stated (`operating-costs`, checked against the derivation by E133), else
 * as derived where the agencies' kinds allow it; never invented. */
static int64_t operating_costs(const MQ *b, bool *stated)
{
    *stated = b->r->opcost_written || b->r->opcost_derivable;
    return b->r->opcost_written ? b->r->opcost_stated : b->r->opcost_derived;
}

/* One row: the four items (as written, else derived by the checks, E115),
 * the vehicle subtotal and the total. */
void mq_fill_official(MQ *b, MTable *t)
{
    static const char *const item_key[4] = { "overseas", "vehicle-purchase", "vehicle-operation", "reception" };
    const int64_t *item = b->r->three_public;
    MRow *row = add_row(b, t, MR_DATA);
    for (int k = 0; k < 4; k++) put(t, row, item_key[k], v_amount(item[k], b->r->three_public_written[k]));
    int64_t vehicle = item[1], total = item[0];
    add(b, &vehicle, item[2]);
    add(b, &total, vehicle);
    add(b, &total, item[3]);
    put(t, row, "vehicle", v_amount(vehicle, false));
    put(t, row, "total", v_amount(total, false));
    bool stated;
    int64_t oc = operating_costs(b, &stated);
    put(t, row, "operating-costs", stated ? v_amount(oc, true) : v_blank());
}

/* ---------------------------------------------------------- procurement */

/* Procurement items, a column per source (its key), their 合计 row first
 * (labelled by the layout, in the "name" column). */
void mq_fill_items(MQ *b, MTable *t, Str total_label)
{
    int ns = b->st->sources.n;
    MRow *tot = add_row(b, t, MR_TOTAL);
    put(t, tot, "name", v_text(total_label));
    int64_t *sum = xmalloc(sizeof(int64_t) * (size_t)(ns + 1));
    memset(sum, 0, sizeof(int64_t) * (size_t)(ns + 1));
    for (int i = 0; i < b->procurements.n; i++) {
        Stmt *s = b->procurements.v[i];
        MRow *r = add_row(b, t, MR_DATA);
        put(t, r, "code", v_text(s->u.proc.code.s));
        put(t, r, "name", v_text(s->u.proc.name.s));
        int64_t total = 0;
        for (int k = 0; k < ns; k++) {
            Source *src = b->st->sources.v[k];
            const SrcRow *sr = src_row(b, &s->u.proc.rows, src);
            if (!sr) continue;
            put(t, r, key_of(b, src), v_written(b, &sr->amount));
            add(b, &total, amount_of(b, &sr->amount));
            add(b, &sum[k], amount_of(b, &sr->amount));
        }
        put(t, r, "total", v_amount(total, false));
        add(b, &sum[ns], total);
    }
    put(t, tot, "total", v_amount(sum[ns], false));
    for (int k = 0; k < ns; k++) put(t, tot, key_of(b, b->st->sources.v[k]), v_amount(sum[k], false));
    xfree(sum);
}

int mq_nitems(MQ *q) { return q->procurements.n; }

static const char *const op_text[] = { "≥", "≤", "=", ">", "<", "定性" };

static void indicator_row(Build *b, MTable *t, const Indicator *in, int project)
{
    MRow *r = add_row(b, t, MR_DATA);
    r->project = project;
    static const char *const lk[3] = { "level-1", "level-2", "level-3" };
    for (int k = 0; k < 3; k++) put(t, r, lk[k], v_text(ind_str(in, IND_LEVEL0 + k)));
    put(t, r, "weight", ind_has_weight(in) ? v_decimal(b, ind_str(in, IND_WEIGHT)) : v_blank());
    put(t, r, "unit", in->s[IND_UNIT] && in->op != OP_QUAL ? v_text(ind_str(in, IND_UNIT)) : v_blank());
    put(t, r, "nature", v_text(lit(op_text[in->op])));
    put(t, r, "value", v_text(ind_str(in, IND_VALUE)));
    put(t, r, "core", v_bool(in->core));
}

/* Texts of several `goal` lines, one per line. */
static MVal goals_text(Build *b, Vec *goals)
{
    if (!goals->n) return v_blank();
    if (goals->n == 1) return v_text(((Name *)goals->v[0])->s);
    Buf buf = { 0 };
    for (int i = 0; i < goals->n; i++) {
        Name *n = goals->v[i];
        if (i) buf_adds(&buf, "\n");
        buf_add(&buf, n->s.s, n->s.n);
    }
    MVal v = v_text(dup_str(b, buf.s, buf.n));
    buf_free(&buf);
    return v;
}

static void field(MField *f, const char *key, const char *title, MVal v)
{
    f->key = key;
    f->title = lit(title);
    f->val = v;
}

/* The department's fields and its indicator rows. */
void mq_fill_indicators(MQ *b, MTable *t)
{
    Model *m = b->m;
    t->fields = arena_alloc(b->a, sizeof(MField) * DF_COUNT);
    t->nfields = DF_COUNT;
    AccSet set = { 0 };
    sum_exp_of(b, NULL, true, &set);
    field(&t->fields[DF_DEPARTMENT], "department", "部门(单位)名称",
          v_text(m->dept_code.n ? str_c(buf_format(b->a, "%.*s-%.*s", (int)m->dept_code.n, m->dept_code.s,
                                                   (int)m->dept_name.n, m->dept_name.s))
                                : m->dept_name)); /* no code written: none printed */
    field(&t->fields[DF_EXPENDITURE], "expenditure", "部门支出预算数", v_amount(set.total.v[CELL_TOTAL], false));
    field(&t->fields[DF_GOAL], "goal", "当年整体绩效目标",
          b->performance ? goals_text(b, &b->performance->u.perf.goals) : v_blank());
    acc_free(&set);
    if (!b->performance) return;
    Vec *inds = &b->performance->u.perf.indicators;
    for (int i = 0; i < inds->n; i++) indicator_row(b, t, inds->v[i], -1);
}

/* 编制单位: the project's agency, else the only agency, else the department. */
static void project_agency(Build *b, Stmt *s, Str *code, Str *name)
{
    Model *m = b->m;
    *code = m->dept_code;
    *name = m->dept_name;
    if (s->u.proj.agency.present && s->u.proj.agency_by_name) {
        *code = (Str){ 0 };
        *name = s->u.proj.agency.s;
        for (int i = 0; i < m->nagencies; i++)
            if (name_equiv(m->agencies[i].name, *name)) *code = m->agencies[i].code;
    } else if (s->u.proj.agency.present) {
        *code = s->u.proj.agency.s;
        for (int i = 0; i < m->nagencies; i++)
            if (str_eq(m->agencies[i].code, *code)) *name = m->agencies[i].name;
    } else if (m->nagencies == 1) {
        *code = m->agencies[0].code;
        *name = m->agencies[0].name;
    }
}

const char *const model_project_field[PF_COUNT][2] = {
    [PF_CODE] = { "code", "项目编码" },
    [PF_NAME] = { "name", "项目名称" },
    [PF_AGENCY] = { "agency", "编制单位编码" },
    [PF_AGENCY_NAME] = { "agency-name", "编制单位" },
    [PF_OWNER] = { "owner", "业务主管部门" },
    [PF_CATEGORY] = { "category", "项目分类" },
    [PF_EXEC_WEIGHT] = { "execution-weight", "预算执行率权重" },
    [PF_AMOUNT] = { "amount", "当年预算" },
    [PF_LOCAL] = { "local", "本级安排" },
    [PF_SUPERIOR] = { "superior", "上级补助" },
    [PF_SUMMARY] = { "summary", "项目概述" },
    [PF_BASIS] = { "basis", "立项依据" },
    [PF_GOAL] = { "goal", "当年绩效目标" },
};

static MVal opt_text(const Name *n) { return n->present ? v_text(n->s) : v_blank(); }

static void project_fields(Build *b, Stmt *s, MProject *p)
{
    Str acode, aname;
    project_agency(b, s, &acode, &aname);
    int64_t amount = amount_of(b, &s->u.proj.amount), superior = amount_of(b, &s->u.proj.superior);
    MVal v[PF_COUNT];
    v[PF_CODE] = v_text(s->u.proj.code.s);
    v[PF_NAME] = v_text(s->u.proj.name.s);
    v[PF_AGENCY] = v_text(acode);
    v[PF_AGENCY_NAME] = v_text(aname);
    v[PF_OWNER] = v_text(s->u.proj.owner.present ? s->u.proj.owner.s : b->m->dept_name);
    v[PF_CATEGORY] = opt_text(&s->u.proj.category);
    v[PF_EXEC_WEIGHT] = s->u.proj.has_exec ? v_decimal(b, s->u.proj.exec_weight) : v_blank();
    v[PF_AMOUNT] = v_written(b, &s->u.proj.amount);
    /* 本级安排 = 当年预算 - 上级补助; both are checked non-negative amounts */
    v[PF_LOCAL] = s->u.proj.amount.present ? v_amount(amount - superior, false) : v_blank();
    v[PF_SUPERIOR] = v_written(b, &s->u.proj.superior);
    v[PF_SUMMARY] = opt_text(&s->u.proj.summary);
    v[PF_BASIS] = opt_text(&s->u.proj.basis);
    v[PF_GOAL] = goals_text(b, &s->u.proj.goals);
    for (int k = 0; k < PF_COUNT; k++) field(&p->f[k], model_project_field[k][0], model_project_field[k][1], v[k]);
}

/* Each project's fields and its indicator rows (code and name on each). */
void mq_fill_projects(MQ *b, MTable *t)
{
    Model *m = b->m;
    for (int i = 0; i < b->projects.n && i < m->nprojects; i++) {
        Stmt *s = b->projects.v[i];
        MProject *p = &m->projects[i];
        p->first_row = t->nrows;
        for (int j = 0; j < s->u.proj.indicators.n; j++) {
            indicator_row(b, t, s->u.proj.indicators.v[j], i);
            put(t, &t->rows[t->nrows - 1], "code", v_text(s->u.proj.code.s));
            put(t, &t->rows[t->nrows - 1], "name", v_text(s->u.proj.name.s));
        }
        p->nrows = t->nrows - p->first_row;
    }
}

/* An indicator's target folded as the performance forms of some regions print it:
 * `≥13459.00(平方米)`, `=100.00(%)`; a qualitative one is its text. */
static MVal target_text(Build *b, const Indicator *in)
{
    Str value = ind_str(in, IND_VALUE), unit = ind_str(in, IND_UNIT);
    if (in->op == OP_QUAL) return v_text(value);
    char *s = unit.s ? buf_format(b->a, "%s%.*s(%.*s)", op_text[in->op], (int)value.n, value.s, (int)unit.n, unit.s)
                     : buf_format(b->a, "%s%.*s", op_text[in->op], (int)value.n, value.s);
    return v_text(str_c(s));
}

/* The fields of a project that the project pages print, by column key. */
static void project_row_fields(Build *b, MTable *t, MRow *r, const Stmt *s, const MProject *p)
{
    static const int pf[] = { PF_CODE, PF_NAME, PF_AGENCY_NAME, PF_OWNER, PF_CATEGORY, PF_AMOUNT, PF_SUMMARY,
                              PF_BASIS, PF_GOAL };
    for (size_t k = 0; k < sizeof pf / sizeof *pf; k++) put(t, r, p->f[pf[k]].key, p->f[pf[k]].val);
    (void)b;
    const ProjMore *x = proj_more(s);
    const Name *n[] = { &x->implementer, &x->plan, &x->period, &x->schedule,
                        &x->nature, &x->start, &x->end, &x->annual_goal };
    static const char *const key[] = { "implementer", "plan", "period", "schedule", "project-nature", "start", "end",
                                       "annual-goal" };
    for (size_t k = 0; k < sizeof key / sizeof *key; k++) put(t, r, key[k], opt_text(n[k]));
}

/* Does the project have a page of texts (经费情况说明)?  Its own texts say so; an
 * `implementer` alone is also the form's 实施单位. */
static bool has_texts(const Stmt *s)
{
    const ProjMore *x = proj_more(s);
    return s->u.proj.summary.present || s->u.proj.basis.present || x->plan.present || x->period.present ||
           x->schedule.present;
}

void mq_fill_project_rows(MQ *b, MTable *t, bool indicators)
{
    for (int i = 0; i < b->projects.n; i++) {
        Stmt *s = b->projects.v[i];
        MProject p;
        project_fields(b, s, &p);
        if (!indicators) {
            if (has_texts(s)) {
                MRow *r = add_row(b, t, MR_DATA);
                r->project = i;
                project_row_fields(b, t, r, s, &p);
            }
            continue;
        }
        Vec *inds = &s->u.proj.indicators;
        for (int j = 0; j < inds->n; j++) {
            indicator_row(b, t, inds->v[j], i);
            MRow *r = &t->rows[t->nrows - 1];
            put(t, r, "target", target_text(b, inds->v[j]));
            if (!j) project_row_fields(b, t, r, s, &p); /* the form's head, once */
        }
    }
}

/* ------------------------------------------------------------- budget */


static void collect(Build *b)
{
    Unit *u = b->u;
    b->budget = b->r->budget;
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        switch (s->kind) {
        case ST_INCOME: b->income = s; break;
        case ST_CARRYOVER: b->carryover = s; break;
        case ST_PERFORMANCE: b->performance = s; break;
        case ST_EXPENDITURE: vec_push(&b->exp, s); break;
        case ST_ECONOMIC: vec_push(&b->eco, s); break;
        case ST_PROJECT: vec_push(&b->projects, s); break;
        case ST_PROCUREMENT: vec_push(&b->procurements, s); break;
        default: break;
        }
    }
    b->general = sym_source(b->st, lit("一般公共预算资金"));
    if (!b->general) b->general = sym_source(b->st, lit("general"));
    b->fund = sym_source(b->st, lit("政府性基金预算资金"));
    if (!b->fund) b->fund = sym_source(b->st, lit("fund"));
}

/* The budget's variant: 0 department (部门预算, the default), 1 agency
 * (单位预算): the budget block's `variant agency`. */
static int budget_variant(const Build *b)
{
    return b->budget && str_eqc(b->budget->u.budget.variant.s, "agency") ? 1 : 0;
}

static void budget_facts(Build *b)
{
    Model *m = b->m;
    const Stmt *s = b->budget;
    m->decimals = b->r->decimals;
    m->unit = lit("万元");
    if (!s) return;
    m->year = s->u.budget.year;
    if (s->u.budget.unit.present) m->unit = s->u.budget.unit.s;
    m->dept_code = s->u.budget.department.s;
    m->dept_name = s->u.budget.department_name.s;
    const Vec *ag = &s->u.budget.agencies;
    m->nagencies = ag->n;
    m->agencies = arena_alloc(b->a, sizeof(MAgency) * (size_t)(ag->n ? ag->n : 1));
    for (int i = 0; i < ag->n; i++) {
        AgencyDecl *e = ag->v[i];
        m->agencies[i] = (MAgency){ e->code.s, e->name.s, e->kind.s };
    }
    m->budget_layout = s->u.budget.layout.s;
    m->budget_variant = s->u.budget.variant.s;
    m->variant = budget_variant(b);
}

/* The quantities of operating-costs, procurement-summary and the 三公
 * total, as the checks derived them (CheckResult), and the table
 * overrides: plain data for the layout. */
static void budget_quantities(Build *b)
{
    Model *m = b->m;
    const CheckResult *r = b->r;
    m->unit_pow = r->unit_pow;
    m->opcost_stated = r->opcost_stated;
    m->opcost_written = r->opcost_written;
    m->opcost_derived = r->opcost_derived;
    m->opcost_derivable = r->opcost_derivable;
    for (int k = 0; k < PK_COUNT; k++) {
        m->procurement_kind[k] = r->procurement_kind[k];
        m->procurement_kind_written[k] = r->procurement_kind_written[k];
    }
    m->three_public_total = r->three_public_total;
    m->three_public_total_written = r->three_public_total_written;
    int n = 0;
    for (int i = 0; i < r->tables.n; i++) n += ((const Stmt *)r->tables.v[i])->u.table.sets.n;
    m->overrides = arena_alloc(b->a, sizeof(MOverride) * (size_t)(n ? n : 1));
    for (int i = 0; i < r->tables.n; i++) {
        const Stmt *s = r->tables.v[i];
        for (int j = 0; j < s->u.table.sets.n; j++) {
            const TableSet *t = s->u.table.sets.v[j];
            m->overrides[m->noverrides++] = (MOverride){ s->u.table.id.s, t->what, t->key.s, t->value.s };
        }
    }
}

/* Every project's fields, whatever the layout prints of them: the JSON,
 * `bdlc diff` and the facts database read them from the model. */
static void model_projects(Build *b)
{
    Model *m = b->m;
    m->nprojects = b->projects.n;
    m->projects = arena_alloc(b->a, sizeof(MProject) * (size_t)(m->nprojects ? m->nprojects : 1));
    for (int i = 0; i < b->projects.n; i++) project_fields(b, b->projects.v[i], &m->projects[i]);
}

/* The projects' texts (实施主体, 实施方案 …), beside the fields the tables print. */
static void project_texts(Build *b)
{
    for (int i = 0; i < b->projects.n && i < b->m->nprojects; i++) {
        const Stmt *s = b->projects.v[i];
        MProject *p = &b->m->projects[i];
        const ProjMore *x = proj_more(s);
        p->implementer = x->implementer.s;
        p->plan = x->plan.s;
        p->period = x->period.s;
        p->schedule = x->schedule.s;
        p->nature = x->nature.s;
        p->start = x->start.s;
        p->end = x->end.s;
        p->annual_goal = x->annual_goal.s;
    }
}

/* A year's quantities for the narrative (narrative.c): what the tables
 * print, by source and by function 项, without a layout.  Used for this
 * year and for the year a `previous` clause names. */
void model_year(Unit *u, const CheckResult *r, NYear *y)
{
    memset(y, 0, sizeof *y);
    Build b = { .u = u, .r = r, .st = &r->st, .a = &y->arena };
    collect(&b);
    if (b.budget) y->year = b.budget->u.budget.year;
    y->decimals = r->decimals;
    y->unit_pow = r->unit_pow;
    int ns = y->nsources = r->st.sources.n;
    size_t n1 = (size_t)(ns ? ns : 1);
    y->key = arena_alloc(b.a, sizeof(Str) * n1);
    y->fiscal = arena_alloc(b.a, sizeof(bool) * n1);
    y->income = arena_alloc(b.a, sizeof(int64_t) * n1);
    y->spent = arena_alloc(b.a, sizeof(int64_t) * n1);
    for (int i = 0; i < ns; i++) {
        Source *src = r->st.sources.v[i];
        y->key[i] = src->key;
        y->fiscal[i] = src->fiscal;
        y->income[i] = r->sources[src->index].amount[0];
        y->spent[i] = r->sources[src->index].expenditure;
    }
    for (int k = 0; k < 4; k++) y->tp[k] = r->three_public[k];
    y->opcost = operating_costs(&b, &y->opcost_known);
    for (int k = 0; k < PK_COUNT; k++) {
        y->procurement[k] = r->procurement_kind[k];
        y->procurement_known[k] = r->procurement_kind_written[k];
    }
    MQTree t;
    mq_tree(&b, CLS_FUNCTION, lit("fiscal"), &t);
    y->leaves = arena_alloc(b.a, sizeof(NLeaf) * (size_t)(t.n ? t.n : 1));
    for (int i = 0; i < t.n; i++) {
        ClassCode *cc = sym_code(b.st, CLS_FUNCTION, t.rows[i].code);
        if (!cc || cc->nchildren || !t.rows[i].v[CELL_TOTAL]) continue;
        NLeaf *l = &y->leaves[y->nleaves++];
        l->code = cc->code;
        l->name = cc->name;
        const ClassCode *sec = cc->parent, *cls = sec ? sec->parent : NULL;
        l->section_name = sec ? sec->name : (Str){ "", 0 };
        l->class_name = cls ? cls->name : (Str){ "", 0 };
        l->amount = t.rows[i].v[CELL_TOTAL];
    }
    mq_tree(&b, CLS_FUNCTION, lit("all"), &t);
    y->codes = arena_alloc(b.a, sizeof(Str) * (size_t)(t.n ? t.n : 1));
    for (int i = 0; i < t.n; i++) y->codes[y->ncodes++] = t.rows[i].code;
    vec_free(&b.exp);
    vec_free(&b.eco);
    vec_free(&b.projects);
    vec_free(&b.procurements);
}

void model_year_free(NYear *y) { arena_free(&y->arena); }

Model *model_build(Unit *u, const CheckResult *r, const Layout *lay, char *err, size_t errlen)
{
    Model *m = xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    Build b = { .m = m, .u = u, .r = r, .st = &r->st, .a = &m->arena };
    collect(&b);
    budget_facts(&b);
    budget_quantities(&b);
    model_projects(&b);
    project_texts(&b);
    layout_apply(lay, &b, m);
    vec_free(&b.exp);
    vec_free(&b.eco);
    vec_free(&b.projects);
    vec_free(&b.procurements);
    if (b.overflow) {
        snprintf(err, errlen, _("a derived sum is too large to be an amount (int64 overflow)"));
        model_free(m);
        return NULL;
    }
    return m;
}

void model_free(Model *m)
{
    if (!m) return;
    arena_free(&m->arena);
    xfree(m);
}

/* Header rows from the columns' groups, for every back end: how many rows
 * the header has (a column with fewer levels than the deepest spans the rows
 * below its title), and whether two neighbouring columns share their groups
 * down to row `upto` (then those header cells merge). */
int model_header_depth(const MTable *t)
{
    int d = 1;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].ngroups + 1 > d) d = t->cols[i].ngroups + 1;
    return d;
}

bool model_same_groups(const MColumn *a, const MColumn *b, int upto)
{
    if (a->ngroups <= upto || b->ngroups <= upto) return false;
    for (int g = 0; g <= upto; g++)
        if (!str_eq(a->group[g], b->group[g])) return false;
    return true;
}
