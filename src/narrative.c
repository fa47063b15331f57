/*
 * narrative.c — last year, the narrative's checks, and the templates that
 * write the published narrative (部门预算编制说明, 其他相关情况说明 …).
 *
 * Three jobs, in the order compile runs them:
 *  - narrative_check, after check_unit: read the year a `previous PATH`
 *    names (loaded, checked, its quantities computed: E145), last year's
 *    figures stated in `previous { … }` (E146 against the root's), and
 *    check the texts of the budget (E148 residue), the codes of
 *    `narrative { … }` (E149), changes without a reason (W147) and reasons
 *    on unchanged items (W150);
 *  - the templates: every layout/NAME/ file ending in .narrative, found as the
 *    layout is, read as one text and parsed into sections of nodes (text,
 *    values, if/elif/else, for).  Their language is in docs/en/reference.md,
 *    "Narrative templates".  No sentence of the narrative is here: they are
 *    all in the layout module, so a region's wording changes with no rebuild;
 *  - narrative_render, after model_build: the sections and paragraphs, in
 *    Model.sections, for the back ends.
 *
 * Every number is computed from exact amounts (10^-decimals of the budget's
 * unit): a change is this − last, a percentage (this − last) × 100 / last in
 * 128-bit integers, each rounded once, half away from zero, when printed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

__extension__ typedef unsigned __int128 u128; /* exact percentages: 64 × 64 bits */

/* ------------------------------------------------------------ templates */

typedef enum { N_TEXT, N_VALUE, N_IF, N_FOR, N_PARA } NodeKind;
typedef struct Node Node;
typedef struct Branch {
    Str cond;      /* the path tested; n == 0: else */
    bool negate;
    Node **body;
    int n;
} Branch;
struct Node {
    NodeKind kind;
    int line;
    Str text;      /* N_TEXT: the text; N_VALUE: the path; N_FOR: the list's path */
    Str format;    /* N_VALUE: after '|' */
    Str var;       /* N_FOR: the loop variable */
    Branch *br;    /* N_IF: the branches; N_FOR: one, its body */
    int nbr;
};

typedef struct Section {
    Str id, title;
    Node **tnodes;   /* the title, a template of one line */
    int ntnodes;
    bool after;
    Node **body;
    int n;
    int line;
} Section;

typedef struct Settings {
    int unit_pow, decimals, pdecimals;
    Str word[3];        /* up, down, same */
    Str zero_base;      /* the percentage printed when last year is 0 */
    int64_t threshold;  /* percent */
    bool reason_same;   /* an unchanged item may carry a reason */
} Settings;

typedef struct Templates {
    Arena arena;
    Str name;
    Settings set;
    Section *sec;
    int nsec;
} Templates;

static void default_settings(Settings *s)
{
    s->unit_pow = 4;
    s->decimals = 2;
    s->pdecimals = 2;
    s->threshold = 10;
    s->reason_same = false;
    s->zero_base = (Str){ "100.00", 6 };
}

typedef struct TLex {
    Templates *t;
    char *err;
    size_t errlen;
    bool failed;
} TLex;

static void tfail(TLex *x, int line, const char *what, Str near)
{
    if (x->failed) return;
    x->failed = true;
    if (near.n)
        snprintf(x->err, x->errlen, _("layout %.*s, narrative templates, line %d: %s (near '%.*s')"),
                 (int)x->t->name.n, x->t->name.s, line, what, (int)(near.n > 40 ? 40 : near.n), near.s);
    else
        snprintf(x->err, x->errlen, _("layout %.*s, narrative templates, line %d: %s"), (int)x->t->name.n,
                 x->t->name.s, line, what);
}

static Str sdup(Arena *a, const char *s, size_t n) { return (Str){ arena_strndup(a, s, n), (uint32_t)n }; }

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The words of a line: bare words and "quoted texts". */
static int words(TLex *x, int line, const char *s, const char *e, Str *w, bool *quoted, int cap)
{
    int n = 0;
    while (s < e) {
        while (s < e && is_blank(*s)) s++;
        if (s >= e || *s == '#') break;
        if (n == cap) {
            tfail(x, line, _("too many words on a line"), (Str){ 0 });
            break;
        }
        if (*s == '"') {
            const char *q = memchr(s + 1, '"', (size_t)(e - s - 1));
            if (!q) {
                tfail(x, line, _("a text is not closed on its line"), (Str){ s, (uint32_t)(e - s) });
                break;
            }
            w[n] = sdup(&x->t->arena, s + 1, (size_t)(q - s - 1));
            quoted[n++] = true;
            s = q + 1;
        } else {
            const char *b = s;
            while (s < e && !is_blank(*s)) s++;
            w[n] = sdup(&x->t->arena, b, (size_t)(s - b));
            quoted[n++] = false;
        }
    }
    return n;
}

static int small_int(Str w, int hi)
{
    int v = 0;
    if (!w.n || w.n > 4) return -1;
    for (uint32_t i = 0; i < w.n; i++) {
        if (w.s[i] < '0' || w.s[i] > '9') return -1;
        v = v * 10 + (w.s[i] - '0');
    }
    return v <= hi ? v : -1;
}

static void setting(TLex *x, int line, Str *w, bool *q, int n)
{
    Settings *s = &x->t->set;
    Str k = n > 1 ? w[1] : (Str){ 0 };
    int v = n > 2 && !q[2] ? small_int(w[2], 1000) : -1;
    if (n == 3 && str_eqc(k, "unit") && (str_eqc(w[2], "万元") || str_eqc(w[2], "元")))
        s->unit_pow = str_eqc(w[2], "万元") ? 4 : 0;
    else if (n == 3 && str_eqc(k, "decimals") && v >= 0 && v <= 6) s->decimals = v;
    else if (n == 3 && str_eqc(k, "percent-decimals") && v >= 0 && v <= 6) s->pdecimals = v;
    else if (n == 3 && str_eqc(k, "threshold") && v >= 0) s->threshold = v;
    else if (n == 3 && str_eqc(k, "zero-base") && q[2]) s->zero_base = w[2];
    else if (n == 3 && str_eqc(k, "reason-when-same") && (str_eqc(w[2], "yes") || str_eqc(w[2], "no")))
        s->reason_same = str_eqc(w[2], "yes");
    else if (n == 5 && str_eqc(k, "words") && q[2] && q[3] && q[4])
        for (int i = 0; i < 3; i++) s->word[i] = w[2 + i];
    else
        tfail(x, line, _("a setting is unit 万元|元, decimals N, percent-decimals N, words \"UP\" \"DOWN\" \"SAME\", "
                         "zero-base \"TEXT\", threshold N or reason-when-same yes|no"), k);
}

/* A flat list of pieces (text, tags, paragraph ends) becomes a tree. */
typedef struct Piece {
    int kind;      /* 0 text, 1 tag, 2 paragraph end */
    Str s;
    int line;
} Piece;

typedef struct NodeList {
    Node **v;
    int n, cap;
} NodeList;

static void push_node(Arena *a, NodeList *l, Node *nd)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 8;
        Node **v = arena_alloc(a, sizeof(Node *) * (size_t)cap);
        if (l->n) memcpy(v, l->v, sizeof(Node *) * (size_t)l->n);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = nd;
}

static Str trim(Str s)
{
    while (s.n && is_blank(s.s[0])) { s.s++; s.n--; }
    while (s.n && is_blank(s.s[s.n - 1])) s.n--;
    return s;
}

static bool starts(Str s, const char *w, Str *rest)
{
    size_t n = strlen(w);
    if (s.n < n || memcmp(s.s, w, n) || (s.n > n && !is_blank(s.s[n]))) return false;
    *rest = trim((Str){ s.s + n, (uint32_t)(s.n - n) });
    return true;
}

static bool valid_path(Str p)
{
    if (!p.n) return false;
    for (uint32_t i = 0; i < p.n; i++) {
        char c = p.s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) return false;
    }
    return p.s[0] != '.' && p.s[p.n - 1] != '.';
}

static void cond_of(TLex *x, int line, Str c, Branch *b)
{
    Str rest;
    if (starts(c, "not", &rest)) {
        b->negate = true;
        c = rest;
    }
    if (!valid_path(c)) tfail(x, line, _("a condition is NAME or not NAME"), c);
    b->cond = c;
}

/* Parse pieces [*i, n) into `out` until {elif}, {else}, {end} or the end;
 * returns the tag that stopped it (n == 0 at the end). */
static Str parse_nodes(TLex *x, Piece *p, int n, int *i, NodeList *out, int depth)
{
    Arena *a = &x->t->arena;
    while (*i < n && !x->failed) {
        Piece *pc = &p[(*i)++];
        if (pc->kind == 0 || pc->kind == 2) {
            Node *nd = arena_alloc(a, sizeof *nd);
            nd->kind = pc->kind == 0 ? N_TEXT : N_PARA;
            nd->text = pc->s;
            nd->line = pc->line;
            push_node(a, out, nd);
            continue;
        }
        Str t = trim(pc->s), rest;
        if (str_eqc(t, "end") || str_eqc(t, "else") || starts(t, "elif", &rest)) {
            if (!depth) tfail(x, pc->line, _("this tag has no {if} or {for} to belong to"), t);
            return t;
        }
        Node *nd = arena_alloc(a, sizeof *nd);
        nd->line = pc->line;
        if (starts(t, "if", &rest)) {
            nd->kind = N_IF;
            nd->br = arena_alloc(a, sizeof(Branch) * 64);
            Str stop = rest;
            bool is_else = false;
            for (;;) {
                if (nd->nbr == 64) {
                    tfail(x, pc->line, _("an {if} has at most 64 branches"), t);
                    break;
                }
                Branch *b = &nd->br[nd->nbr++];
                if (!is_else) cond_of(x, pc->line, stop, b);
                NodeList body = { 0 };
                Str tag = parse_nodes(x, p, n, i, &body, depth + 1);
                b->body = body.v;
                b->n = body.n;
                if (x->failed) break;
                if (!tag.n) {
                    tfail(x, pc->line, _("this {if} has no {end}"), t);
                    break;
                }
                if (str_eqc(tag, "end")) break;
                if (is_else) {
                    tfail(x, p[*i - 1].line, _("nothing may follow {else} but {end}"), tag);
                    break;
                }
                if (str_eqc(tag, "else")) is_else = true;
                else starts(tag, "elif", &stop);
            }
        } else if (starts(t, "for", &rest)) {
            nd->kind = N_FOR;
            const char *in = NULL;
            for (uint32_t k = 0; k + 4 <= rest.n && !in; k++)
                if (memcmp(rest.s + k, " in ", 4) == 0) in = rest.s + k;
            if (!in) {
                tfail(x, pc->line, _("a loop is {for NAME in LIST}"), t);
                return (Str){ 0 };
            }
            nd->var = trim((Str){ rest.s, (uint32_t)(in - rest.s) });
            nd->text = trim((Str){ in + 4, (uint32_t)(rest.s + rest.n - in - 4) });
            if (!valid_path(nd->var) || memchr(nd->var.s, '.', nd->var.n) || !valid_path(nd->text))
                tfail(x, pc->line, _("a loop is {for NAME in LIST}"), t);
            nd->br = arena_alloc(a, sizeof(Branch));
            nd->nbr = 1;
            NodeList body = { 0 };
            Str tag = parse_nodes(x, p, n, i, &body, depth + 1);
            nd->br[0].body = body.v;
            nd->br[0].n = body.n;
            if (!x->failed && !str_eqc(tag, "end")) tfail(x, pc->line, _("this {for} has no {end}"), t);
        } else {
            nd->kind = N_VALUE;
            const char *bar = memchr(t.s, '|', t.n);
            nd->text = bar ? trim((Str){ t.s, (uint32_t)(bar - t.s) }) : t;
            if (bar) nd->format = trim((Str){ bar + 1, (uint32_t)(t.s + t.n - bar - 1) });
            if (!valid_path(nd->text)) tfail(x, pc->line, _("a value is {NAME} or {NAME|FORMAT}"), t);
            if (bar && !str_eqc(nd->format, "amount") && !str_eqc(nd->format, "trim") &&
                !str_eqc(nd->format, "percent") && !str_eqc(nd->format, "cn"))
                tfail(x, pc->line, _("a format is amount, trim, percent or cn"), nd->format);
        }
        push_node(a, out, nd);
    }
    return (Str){ 0 };
}

typedef struct PieceList {
    Piece *v;
    int n, cap;
} PieceList;

static void add_piece(PieceList *l, int kind, Str s, int line)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = xrealloc(l->v, sizeof(Piece) * (size_t)l->cap);
    }
    l->v[l->n++] = (Piece){ kind, s, line };
}

/* One line of a section's body: text and {tags}; `{{` is a '{'. */
static void line_pieces(TLex *x, PieceList *l, const char *s, const char *e, int line)
{
    const char *t = s;
    while (s < e) {
        if (*s != '{') { s++; continue; }
        if (s + 1 < e && s[1] == '{') {
            add_piece(l, 0, (Str){ t, (uint32_t)(s + 1 - t) }, line);
            s += 2;
            t = s;
            continue;
        }
        if (s > t) add_piece(l, 0, (Str){ t, (uint32_t)(s - t) }, line);
        const char *c = memchr(s, '}', (size_t)(e - s));
        if (!c) {
            tfail(x, line, _("a tag is not closed on its line"), (Str){ s, (uint32_t)(e - s) });
            return;
        }
        add_piece(l, 1, (Str){ s + 1, (uint32_t)(c - s - 1) }, line);
        s = t = c + 1;
    }
    if (s > t) add_piece(l, 0, (Str){ t, (uint32_t)(s - t) }, line);
}

static void end_section(TLex *x, Section *sec, PieceList *pl)
{
    if (!sec) return;
    int i = 0;
    NodeList out = { 0 };
    parse_nodes(x, pl->v, pl->n, &i, &out, 0);
    sec->body = out.v;
    sec->n = out.n;
    pl->n = 0;
}

static void parse_templates(TLex *x, const char *s, const char *e)
{
    Templates *t = x->t;
    PieceList pl = { 0 };
    Section *sec = NULL;
    int line = 0, cap = 0;
    while (s < e && !x->failed) {
        const char *nl = memchr(s, '\n', (size_t)(e - s)), *end = nl ? nl : e;
        line++;
        const char *b = s;
        while (b < end && is_blank(*b)) b++;
        Str w[8];
        bool q[8];
        Str rest;
        Str whole = { b, (uint32_t)(end - b) };
        while (whole.n && whole.s[whole.n - 1] == '\r') whole.n--;
        if (whole.n && whole.s[0] == '#') {
            /* a comment */
        } else if (starts(whole, "setting", &rest) && !sec) {
            int n = words(x, line, b, end, w, q, 8);
            if (!x->failed) setting(x, line, w, q, n);
        } else if (starts(whole, "section", &rest)) {
            int n = words(x, line, b, end, w, q, 8);
            if (x->failed) break;
            if (n < 3 || q[1] || !q[2] || (n == 4 && !str_eqc(w[3], "after") && !str_eqc(w[3], "before")) || n > 4) {
                tfail(x, line, _("a section is: section ID \"TITLE\" [before|after]"), whole);
                break;
            }
            end_section(x, sec, &pl);
            if (t->nsec == cap) {
                cap = cap ? 2 * cap : 8;
                Section *v = arena_alloc(&t->arena, sizeof(Section) * (size_t)cap);
                if (t->nsec) memcpy(v, t->sec, sizeof(Section) * (size_t)t->nsec);
                t->sec = v;
            }
            sec = &t->sec[t->nsec++];
            memset(sec, 0, sizeof *sec);
            sec->id = w[1];
            sec->title = w[2];
            sec->after = n == 4 && str_eqc(w[3], "after");
            sec->line = line;
            PieceList tl = { 0 };
            line_pieces(x, &tl, sec->title.s, sec->title.s + sec->title.n, line);
            int at = 0;
            NodeList tn = { 0 };
            if (!x->failed) parse_nodes(x, tl.v, tl.n, &at, &tn, 0);
            xfree(tl.v);
            sec->tnodes = tn.v;
            sec->ntnodes = tn.n;
            for (int i = 0; i + 1 < t->nsec; i++)
                if (str_eq(t->sec[i].id, sec->id)) tfail(x, line, _("two sections have this id"), sec->id);
        } else if (!sec && whole.n) {
            tfail(x, line, _("expected 'setting' or 'section'"), whole);
        } else if (sec) {
            if (!whole.n) add_piece(&pl, 2, (Str){ 0 }, line);
            else line_pieces(x, &pl, whole.s, whole.s + whole.n, line);
        }
        s = nl ? nl + 1 : e;
    }
    if (!x->failed) end_section(x, sec, &pl);
    xfree(pl.v);
}

static bool utf8_text(const char *s, const char *e, int *line)
{
    *line = 1;
    while (s < e) {
        uint32_t cp;
        int n = utf8_decode(s, (size_t)(e - s), &cp);
        if (!n || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f) return false;
        if (cp == '\n') ++*line;
        s += n;
    }
    return true;
}

/* The templates of layout NAME: NULL and err[0] == 0 when it has none,
 * NULL and a message when they cannot be read. */
static Templates *templates_load(const char *name, const LoadOptions *o, char *err, size_t errlen)
{
    err[0] = 0;
    if (!name || !*name || strlen(name) > 64 || strchr(name, '/') || strstr(name, "..")) return NULL;
    Buf text = { 0 };
    int found = layout_read_files(name, "narrative", bdl_builtin_narratives, bdl_builtin_narratives_count, o, &text);
    if (!found) {
        buf_free(&text);
        return NULL;
    }
    Templates *t = xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = sdup(&t->arena, name, strlen(name));
    default_settings(&t->set);
    char *copy = arena_strndup(&t->arena, text.s, text.n); /* the nodes point into it */
    buf_free(&text);
    TLex x = { .t = t, .err = err, .errlen = errlen };
    int bad;
    if (!utf8_text(copy, copy + strlen(copy), &bad)) tfail(&x, bad, _("not UTF-8 text, or a control character"), (Str){ 0 });
    else parse_templates(&x, copy, copy + strlen(copy));
    if (!x.failed && !t->nsec) tfail(&x, 1, _("the templates have no section"), (Str){ 0 });
    if (!x.failed) return t;
    arena_free(&t->arena);
    xfree(t);
    return NULL;
}

static void templates_free(Templates *t)
{
    if (!t) return;
    arena_free(&t->arena);
    xfree(t);
}

/* ------------------------------------------------------- the two years */

/* A comparison: this year's amount against last year's. */
typedef struct Cmp {
    int64_t now, last;
    bool known;    /* last year's figure is known */
    Str reason;
    int64_t step;  /* last year's figure is stated at this precision (0, 1: exact) */
} Cmp;

/* This year's amount as it is compared: exact against an exact figure (a
 * root's), rounded half away from zero to the precision of a stated one
 * (9.975 against a stated 9.98 万元 is 9.98: 持平), so that a change is never
 * smaller than the figure it is measured against can tell. */
static int64_t cmp_now(const Cmp *c)
{
    if (c->step <= 1) return c->now;
    return c->now < 0 ? -money_round(-c->now, c->step) : money_round(c->now, c->step);
}

enum { TP_OVERSEAS, TP_PURCHASE, TP_OPERATION, TP_RECEPTION, TP_TOTAL, TP_VEHICLE, TP_N };
static const char *const tp_key[TP_N] = { "overseas", "vehicle-purchase", "vehicle-operation", "reception",
                                          "total", "vehicle" };

typedef struct Item {
    const NLeaf *leaf;
    const NarrLine *line; /* its narrative line, or NULL */
    Cmp amount;           /* against the execution */
} Item;

struct Narrative {
    Templates *t;          /* NULL: the layout has none */
    char terr[600];        /* why the templates could not be read */
    bool wanted;           /* the budget has a `narrative` or `previous` statement */
    Unit *u;
    const CheckResult *r;
    const Stmt *budget, *prev_stmt, *narr;
    Unit *pu;              /* the previous year's unit, or NULL */
    CheckResult pres;
    bool has_pres;
    NYear cur, prev;
    bool has_cur, has_prev;
    /* last year's figures in this budget's units, by source and 三公 */
    int64_t *last_income, *last_spent;
    int64_t *last_step;    /* by source: the stated figure's precision (0: exact or none) */
    bool sources_known;
    int64_t last_tp[TP_N], tp_step[TP_N];
    bool tp_known[TP_N];
    Item *items;
    int nitems;
};

static const Stmt *first_stmt(Diags *ds, Unit *u, int kind, const char *word)
{
    const Stmt *first = NULL;
    for (int i = 0; i < u->stmts.n; i++) {
        const Stmt *s = u->stmts.v[i];
        if (s->kind != kind || s->broken) continue;
        if (!first) { first = s; continue; }
        diag_at(ds, s->loc, "E105", "'%s' may be written once per budget", word);
        diag_note(ds, &first->loc, "first written here");
    }
    return first;
}

/* Convert an amount of another year (its decimals and unit) to ours, exactly
 * when it can be, else rounded half away from zero. */
static int64_t convert(int64_t v, const NYear *from, const NYear *to)
{
    int sh = (from->unit_pow - to->unit_pow) + (to->decimals - from->decimals);
    if (sh >= 0) {
        for (int i = 0; i < sh; i++) v = v > INT64_MAX / 10 ? INT64_MAX : v * 10;
        return v;
    }
    return money_round(v < 0 ? -v : v, money_pow10(-sh)) / money_pow10(-sh) * (v < 0 ? -1 : 1);
}

/* The previous year, named by `previous PATH`: loaded, checked, computed. */
static void load_previous(Narrative *n, const LoadOptions *lo)
{
    const Stmt *b = n->budget;
    Diags *ds = &n->u->diags;
    const Name *path = &b->u.budget.previous;
    const SrcFile *f = n->u->files.v[path->loc.file];
    char rel[4096];
    const char *slash = strrchr(f->path, '/');
    if (path->s.n && path->s.s[0] == '/')
        snprintf(rel, sizeof rel, "%.*s", (int)path->s.n, path->s.s);
    else
        snprintf(rel, sizeof rel, "%.*s%.*s", slash ? (int)(slash - f->path + 1) : 0, f->path, (int)path->s.n,
                 path->s.s);
    char err[600];
    if (!file_check_input(rel, N_("give the previous year's root .bdl file"), err, sizeof err)) {
        diag_at(ds, path->loc, "E145", "last year's budget cannot be read: %s", err);
        return;
    }
    n->pu = unit_new(lo);
    if (!load_unit(n->pu, rel, err, sizeof err)) {
        diag_at(ds, path->loc, "E145", "last year's budget cannot be read: %s", err);
        return;
    }
    check_unit(n->pu, &(CheckOptions){ .result = &n->pres });
    n->has_pres = true;
    diag_sort(&n->pu->diags);
    if (!n->pres.budget || n->pres.budget->loc.file != 0) {
        diag_at(ds, path->loc, "E145", "%s is not a budget's root file: it has no budget block", rel);
        check_result_free(&n->pres); /* a fragment's own problems would only distract */
        n->has_pres = false;
        unit_free(n->pu);
        n->pu = NULL;
        return;
    }
    if (n->pu->diags.nerrors) {
        diag_at(ds, path->loc, "E145", "last year's budget %s has errors; they are listed with its own files", rel);
        return;
    }
    Str py = n->pres.budget->u.budget.year, y = b->u.budget.year;
    long a = strtol(arena_strndup(&n->u->arena, y.s, y.n), NULL, 10);
    long p = strtol(arena_strndup(&n->u->arena, py.s, py.n), NULL, 10);
    if (p + 1 != a) {
        diag_at(ds, path->loc, "E145", "%s is the budget of %ld, not of the year before %ld", rel, p, a);
        return;
    }
    model_year(n->pu, &n->pres, &n->prev);
    n->has_prev = true;
}

/* The precision a figure is written at, in our units: the step between two
 * of its values (217.83 万元 in a 元 budget of 2 decimals: 100.00 元). */
static int64_t written_step(const Amount *a, int decimals, int unit_pow)
{
    int p = a->unit == AMT_WAN ? 4 : a->unit == AMT_YUAN ? 0 : unit_pow;
    const char *dot = memchr(a->text.s, '.', a->text.n);
    int fd = dot ? (int)(a->text.s + a->text.n - dot - 1) : 0;
    int e = (p - unit_pow) + decimals - fd;
    return e > 0 && e < 19 ? money_pow10(e) : 1;
}

/* An amount of `previous` or `narrative` that does not read (rc of
 * amount_parse), reported as the checks report a table's. */
static void bad_amount(Diags *ds, const Amount *a, int rc, int decimals)
{
    if (rc == 102)
        diag_at(ds, a->loc, "E102", "this amount has more decimals than the budget's %d", decimals);
    else if (a->text.n && a->text.s[0] == '-')
        diag_at(ds, a->loc, "E103", "amounts cannot be negative in BDL 1 (found %.*s)", (int)a->text.n, a->text.s);
    else
        diag_at(ds, a->loc, "E103", "%.*s is too large to be an amount", (int)a->text.n, a->text.s);
}

/* Last year's figures: the root's, the stated ones, E146 where both. */
static void last_figures(Narrative *n)
{
    Diags *ds = &n->u->diags;
    int ns = n->cur.nsources, dec = n->r->decimals, up = n->r->unit_pow;
    Arena *a = &n->u->arena;
    n->last_income = arena_alloc(a, sizeof(int64_t) * (size_t)(ns ? ns : 1));
    n->last_spent = arena_alloc(a, sizeof(int64_t) * (size_t)(ns ? ns : 1));
    n->last_step = arena_alloc(a, sizeof(int64_t) * (size_t)(ns ? ns : 1));
    if (n->has_prev) {
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < n->prev.nsources; j++)
                if (str_eq(n->cur.key[i], n->prev.key[j])) {
                    n->last_income[i] = convert(n->prev.income[j], &n->prev, &n->cur);
                    n->last_spent[i] = convert(n->prev.spent[j], &n->prev, &n->cur);
                }
        n->sources_known = true;
        for (int k = 0; k < 4; k++) {
            n->last_tp[k] = convert(n->prev.tp[k], &n->prev, &n->cur);
            n->tp_known[k] = true;
        }
        n->tp_known[TP_TOTAL] = true;
    }
    if (n->prev_stmt) {
        const Vec *rows = &n->prev_stmt->u.prev.rows;
        for (int i = 0; i < rows->n; i++) {
            const PrevRow *pr = rows->v[i];
            int64_t v;
            int rc = amount_parse(&pr->amount, dec, up, &v);
            if (rc) {
                bad_amount(ds, &pr->amount, rc, dec);
                continue;
            }
            int64_t step = written_step(&pr->amount, dec, up), derived = 0;
            bool have = n->has_prev;
            int src = -1;
            if (pr->tp < 0) {
                const Source *s = sym_source(&n->r->st, pr->source.s);
                if (!s) {
                    diag_at(ds, pr->source.loc, "E130", "unknown funding source '%.*s'", (int)pr->source.s.n,
                            pr->source.s.s);
                    continue;
                }
                src = s->index;
                derived = n->last_spent[src];
            } else if (pr->tp < 4) derived = n->last_tp[pr->tp];
            else {
                derived = 0;
                for (int k = 0; k < 4; k++) money_add(&derived, n->last_tp[k]);
            }
            if (have && money_round(derived < 0 ? -derived : derived, step) != v) {
                char d[40];
                diag_at(ds, pr->amount.loc, "E146",
                        "last year's figure is written as %.*s, but last year's budget has %s (in this budget's unit)",
                        (int)pr->amount.text.n, pr->amount.text.s, money_format(derived, dec, true, d));
                continue;
            }
            if (have) continue; /* the root's exact figure is used */
            if (v == 0) step = 1; /* a stated 0 is exactly 0, whatever its decimals */
            if (pr->tp < 0) {
                n->last_income[src] = n->last_spent[src] = v;
                n->last_step[src] = step;
                n->sources_known = true;
            } else {
                n->last_tp[pr->tp] = v;
                n->tp_step[pr->tp] = step;
                n->tp_known[pr->tp] = true;
            }
        }
        if (!n->has_prev) { /* the parts a document states: the others are 0 */
            bool parts = false;
            for (int k = 0; k < 4; k++) parts |= n->tp_known[k];
            if (parts) {
                for (int k = 0; k < 4; k++) n->tp_known[k] = true;
                if (!n->tp_known[TP_TOTAL]) {
                    n->last_tp[TP_TOTAL] = 0;
                    for (int k = 0; k < 4; k++) {
                        money_add(&n->last_tp[TP_TOTAL], n->last_tp[k]);
                        if (n->tp_step[k] > n->tp_step[TP_TOTAL]) n->tp_step[TP_TOTAL] = n->tp_step[k];
                    }
                    n->tp_known[TP_TOTAL] = true;
                }
            }
        }
    }
    if (n->has_prev) {
        n->last_tp[TP_TOTAL] = 0;
        for (int k = 0; k < 4; k++) money_add(&n->last_tp[TP_TOTAL], n->last_tp[k]);
    }
    n->last_tp[TP_VEHICLE] = n->last_tp[TP_PURCHASE];
    money_add(&n->last_tp[TP_VEHICLE], n->last_tp[TP_OPERATION]);
    n->tp_step[TP_VEHICLE] = n->tp_step[TP_PURCHASE] > n->tp_step[TP_OPERATION] ? n->tp_step[TP_PURCHASE]
                                                                                : n->tp_step[TP_OPERATION];
    n->tp_known[TP_VEHICLE] = n->tp_known[TP_PURCHASE] && n->tp_known[TP_OPERATION];
}

/* ------------------------------------------------------------ checks */

static bool is_ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The first w[0 … wn) in [s, end), or NULL. */
static const char *find(const char *s, const char *end, const char *w, size_t wn)
{
    while ((size_t)(end - s) >= wn && (s = memchr(s, w[0], (size_t)(end - s) - wn + 1)) != NULL) {
        if (memcmp(s, w, wn) == 0) return s;
        s++;
    }
    return NULL;
}

/* Template residue in a text: 待填写, 待补充, XX (not inside a Latin word),
 * ＸＸ, ***, or …… standing for a figure (the whole text, or before 万元, %
 * or 元).  Returns the residue found, or NULL. */
static const char *residue(Str s)
{
    /* memchr to the candidates, not a memcmp call at every byte: this runs
     * on every text of every check (it was a third of the reference
     * budget's instructions) */
    static const char *const words[] = { "待填写", "待补充", "ＸＸ", "***" };
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (find(s.s, s.s + s.n, words[k], strlen(words[k]))) return words[k];
    for (uint32_t i = 0; i + 2 <= s.n; i++) {
        bool xx = (s.s[i] == 'X' && s.s[i + 1] == 'X') || (s.s[i] == 'x' && s.s[i + 1] == 'x');
        if (!xx) continue;
        uint32_t e = i;
        while (e < s.n && (s.s[e] == 'X' || s.s[e] == 'x')) e++;
        if ((i == 0 || !is_ascii_alnum(s.s[i - 1])) && (e == s.n || !is_ascii_alnum(s.s[e]))) return "XX";
        i = e;
    }
    static const char dots[] = "……";
    size_t dn = strlen(dots);
    Str t = trim(s);
    bool only = t.n > 0;
    for (uint32_t i = 0; i < t.n; i += (uint32_t)dn)
        if (t.n - i < dn || memcmp(t.s + i, dots, dn)) { only = false; break; }
    if (only) return dots;
    for (const char *d = s.s, *end = s.s + s.n; (d = find(d, end, dots, dn)) != NULL; d++) {
        uint32_t i = (uint32_t)(d - s.s);
        Str after = { s.s + i + dn, s.n - i - (uint32_t)dn };
        if ((after.n >= 6 && memcmp(after.s, "万元", 6) == 0) || (after.n >= 1 && after.s[0] == '%') ||
            (after.n >= 3 && memcmp(after.s, "元", 3) == 0))
            return dots;
    }
    return NULL;
}

static void check_text(Diags *ds, const Name *n)
{
    if (!n->present) return;
    const char *r = residue(n->s);
    if (!r) return;
    diag_at(ds, n->loc, "E148", "this text still holds the template's placeholder %s", r);
    diag_help(ds, "write the text the document publishes in its place");
}

/* Every text of the budget: the narrative's, the projects', the goals. */
static void check_texts(Narrative *n)
{
    Diags *ds = &n->u->diags;
    for (int i = 0; i < n->u->stmts.n; i++) {
        const Stmt *s = n->u->stmts.v[i];
        if (s->loc.file >= n->u->files.n || ((SrcFile *)n->u->files.v[s->loc.file])->builtin) continue;
        if (s->kind == ST_NARRATIVE)
            for (int j = 0; j < s->u.narr.lines.n; j++) {
                const NarrLine *l = s->u.narr.lines.v[j];
                check_text(ds, &l->text);
                check_text(ds, &l->purpose);
                check_text(ds, &l->reason);
            }
        else if (s->kind == ST_PROJECT) {
            const ProjMore *x = proj_more(s);
            const Name *t[] = { &s->u.proj.summary, &s->u.proj.basis, &x->plan, &x->period,
                                &x->schedule, &x->annual_goal, &x->implementer };
            for (size_t k = 0; k < sizeof t / sizeof *t; k++) check_text(ds, t[k]);
            for (int j = 0; j < s->u.proj.goals.n; j++) check_text(ds, s->u.proj.goals.v[j]);
        } else if (s->kind == ST_PERFORMANCE)
            for (int j = 0; j < s->u.perf.goals.n; j++) check_text(ds, s->u.perf.goals.v[j]);
    }
}

static bool has_code(const NYear *y, Str code)
{
    for (int i = 0; i < y->ncodes; i++)
        if (str_eq(y->codes[i], code)) return true;
    return false;
}

/* |now − last| × 100 > threshold × last, exactly (last > 0); a zero base
 * with a non-zero amount is always above. */
static bool above(const Cmp *c, int64_t threshold)
{
    int64_t now = cmp_now(c);
    if (!c->known || now == c->last) return false;
    if (c->last <= 0) return true;
    u128 d = (u128)(now > c->last ? now - c->last : c->last - now);
    return d * 100 > (u128)threshold * (u128)c->last;
}

static const Settings *settings(const Narrative *n)
{
    static Settings dflt;
    if (n->t) return &n->t->set;
    default_settings(&dflt);
    return &dflt;
}

static const NarrLine *reason_line(const Narrative *n, const char *key)
{
    if (!n->narr) return NULL;
    for (int i = 0; i < n->narr->u.narr.lines.n; i++) {
        const NarrLine *l = n->narr->u.narr.lines.v[i];
        if (l->kind == NL_REASON && str_eqc(l->key.s, key)) return l;
    }
    return NULL;
}

static Loc narrative_loc(const Narrative *n)
{
    if (n->narr) return n->narr->loc;
    if (n->prev_stmt) return n->prev_stmt->loc;
    return n->budget->u.budget.previous.loc;
}

static int64_t sum_sources(const Narrative *n, const int64_t *v, bool fiscal_only)
{
    int64_t s = 0;
    for (int i = 0; i < n->cur.nsources; i++)
        if (!fiscal_only || n->cur.fiscal[i]) money_add(&s, v[i]);
    return s;
}

/* The precision of a sum of stated figures: the coarsest of its parts. */
static int64_t sum_step(const Narrative *n, bool fiscal_only)
{
    int64_t s = 0;
    for (int i = 0; i < n->cur.nsources; i++)
        if ((!fiscal_only || n->cur.fiscal[i]) && n->last_step[i] > s) s = n->last_step[i];
    return s;
}

static Cmp tp_cmp(const Narrative *n, int k)
{
    int64_t now[TP_N];
    for (int i = 0; i < 4; i++) now[i] = n->cur.tp[i];
    now[TP_VEHICLE] = now[TP_PURCHASE];
    money_add(&now[TP_VEHICLE], now[TP_OPERATION]);
    now[TP_TOTAL] = now[TP_OVERSEAS];
    money_add(&now[TP_TOTAL], now[TP_VEHICLE]);
    money_add(&now[TP_TOTAL], now[TP_RECEPTION]);
    if (n->r->three_public_total_written) now[TP_TOTAL] = n->r->three_public_total; /* as table 9 prints it */
    const NarrLine *l = reason_line(n, k == TP_TOTAL ? "three-public" : tp_key[k]);
    return (Cmp){ now[k], n->last_tp[k], n->tp_known[k], l ? l->text.s : (Str){ 0 }, n->tp_step[k] };
}

/* Where W147 on a total or a 三公 part points: last year's figure as stated in
 * `previous { }` (tp < 0: the first fiscal source's row; tp 0–3 a 三公 part; TP_N
 * none), else this year's
 * 三公 item as written, else the narrative (or previous) statement. */
static Loc figure_loc(const Narrative *n, int tp)
{
    if (n->prev_stmt)
        for (int i = 0; i < n->prev_stmt->u.prev.rows.n; i++) {
            const PrevRow *pr = n->prev_stmt->u.prev.rows.v[i];
            if (tp < 0 && pr->tp < 0) {
                const Source *src = sym_source(&n->r->st, pr->source.s);
                if (src && src->fiscal) return pr->amount.loc;
            } else if (tp >= 0 && tp < 4 && pr->tp == tp)
                return pr->amount.loc;
        }
    const Stmt *tps = NULL;
    for (int i = 0; i < n->u->stmts.n && tp >= 0 && tp < 4; i++) {
        const Stmt *st = n->u->stmts.v[i];
        if (st->kind == ST_THREE_PUBLIC && !st->broken) tps = st;
    }
    if (tps && tps->u.tp.item[tp].present) return tps->u.tp.item[tp].loc;
    return narrative_loc(n);
}

static void check_reasons(Narrative *n, bool settings_known)
{
    Diags *ds = &n->u->diags;
    const Settings *st = settings(n);
    Map codes = { 0 }, keys = { 0 };
    /* lines: E105 on a repeated reason key or code, E149 on a code with no expenditure */
    if (n->narr)
        for (int i = 0; i < n->narr->u.narr.lines.n; i++) {
            const NarrLine *l = n->narr->u.narr.lines.v[i];
            Map *m = l->kind == NL_ITEM ? &codes : l->kind == NL_REASON ? &keys : NULL;
            const Loc *at = l->kind == NL_ITEM ? &l->code.loc : &l->key.loc;
            Str k = l->kind == NL_ITEM ? l->code.s : l->key.s;
            if (!m) continue;
            const NarrLine *first = map_get(m, k);
            if (first) {
                diag_at(ds, *at, "E105", "%.*s already has a line in this narrative", (int)k.n, k.s);
                diag_note(ds, first->kind == NL_ITEM ? &first->code.loc : &first->key.loc, "first written here");
                continue;
            }
            map_put(m, k, (void *)l);
            if (l->kind != NL_ITEM || has_code(&n->cur, k)) continue;
            if (!sym_code(&n->r->st, CLS_FUNCTION, k))
                diag_at(ds, *at, "E149", "%.*s is not a function code, so it has no item in the narrative", (int)k.n,
                        k.s);
            else
                diag_at(ds, *at, "E149", "the narrative states an item for %.*s, but the budget has no expenditure "
                        "on that code", (int)k.n, k.s);
        }
    map_free(&codes);
    map_free(&keys);
    if (!settings_known) return;
    /* W147 and W150 on the function items */
    for (int i = 0; i < n->nitems; i++) {
        const Item *it = &n->items[i];
        if (!it->line || !it->amount.known) continue;
        if (above(&it->amount, st->threshold) && !it->line->reason.present)
            diag_at(ds, it->line->code.loc, "W147",
                    "%.*s %.*s changes by more than %lld%% against last year's execution, but no reason is given",
                    (int)it->leaf->code.n, it->leaf->code.s, (int)it->leaf->name.n, it->leaf->name.s,
                    (long long)st->threshold);
        else if (it->amount.now == it->amount.last && it->line->reason.present && !st->reason_same)
            diag_at(ds, it->line->reason.loc, "W150",
                    "%.*s did not change, and the layout gives no reason for an unchanged item", (int)it->leaf->code.n,
                    it->leaf->code.s);
    }
    /* the totals and the 三公 parts */
    if (n->sources_known) {
        Cmp total = { sum_sources(n, n->cur.spent, true), sum_sources(n, n->last_spent, true), true, { 0 },
                      sum_step(n, true) };
        if (above(&total, st->threshold) && !reason_line(n, "total"))
            diag_at(ds, figure_loc(n, -1), "W147", "the fiscal (财政拨款) total changes by more than %lld%% against "
                    "last year's budget, but no reason is given (reason total)", (long long)st->threshold);
    }
    for (int k = 0; k < TP_N; k++) {
        if (k == TP_TOTAL) continue;
        Cmp c = tp_cmp(n, k);
        if (above(&c, st->threshold) && !c.reason.n)
            diag_at(ds, figure_loc(n, k == TP_VEHICLE ? TP_N : k) /* 公务用车 as a whole has no line */, "W147", "the 三公 item %s changes by more than %lld%% against last "
                    "year's budget, but no reason is given (reason %s)", tp_key[k], (long long)st->threshold, tp_key[k]);
    }
}

static void build_items(Narrative *n)
{
    n->items = arena_alloc(&n->u->arena, sizeof(Item) * (size_t)(n->cur.nleaves ? n->cur.nleaves : 1));
    for (int i = 0; i < n->cur.nleaves; i++) {
        Item *it = &n->items[n->nitems++];
        it->leaf = &n->cur.leaves[i];
        it->amount.now = it->leaf->amount;
        if (!n->narr) continue;
        for (int j = 0; j < n->narr->u.narr.lines.n && !it->line; j++) {
            const NarrLine *l = n->narr->u.narr.lines.v[j];
            if (l->kind == NL_ITEM && str_eq(l->code.s, it->leaf->code)) it->line = l;
        }
        if (!it->line) continue;
        it->amount.reason = it->line->reason.s;
        int rc = it->line->execution.present
                     ? amount_parse(&it->line->execution, n->r->decimals, n->r->unit_pow, &it->amount.last)
                     : -1;
        if (rc == 0) {
            it->amount.known = true;
            it->amount.step = it->amount.last ? written_step(&it->line->execution, n->r->decimals, n->r->unit_pow) : 1;
        }
        else if (rc > 0) bad_amount(&n->u->diags, &it->line->execution, rc, n->r->decimals);
    }
}

Narrative *narrative_check(Unit *u, const CheckResult *r, const LoadOptions *lo, const char *layout)
{
    Narrative *n = xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->u = u;
    n->r = r;
    n->budget = r->budget;
    if (!n->budget) return n;
    Diags *ds = &u->diags;
    n->prev_stmt = first_stmt(ds, u, ST_PREVIOUS, "previous");
    n->narr = first_stmt(ds, u, ST_NARRATIVE, "narrative");
    bool named = n->budget->u.budget.previous_clause.present && n->budget->u.budget.previous.present;
    n->wanted = n->prev_stmt || n->narr || named;
    check_texts(n);
    if (!n->wanted) return n;
    char lname[80];
    if (layout) snprintf(lname, sizeof lname, "%s", layout);
    else if (n->budget->u.budget.layout_clause.present)
        snprintf(lname, sizeof lname, "%.*s", (int)n->budget->u.budget.layout.s.n, n->budget->u.budget.layout.s.s);
    else { /* the default layout, which the built-in file layout/DEFAULT names (as layout.c reads it) */
        lname[0] = 0;
        for (int i = 0; i < bdl_builtin_layouts_count; i++)
            if (strcmp(bdl_builtin_layouts[i].path, "layout/DEFAULT") == 0) {
                const char *t = bdl_builtin_layouts[i].text;
                size_t k = 0;
                while (k < bdl_builtin_layouts[i].len && k + 1 < sizeof lname && t[k] != '\n') k++;
                memcpy(lname, t, k);
                lname[k] = 0;
            }
    }
    if (lname[0]) n->t = templates_load(lname, lo, n->terr, sizeof n->terr);
    if (named) {
        check_text(ds, &n->budget->u.budget.previous);
        load_previous(n, lo);
    }
    if (ds->nerrors) return n; /* the quantities need a budget that checked clean */
    model_year(u, r, &n->cur);
    n->has_cur = true;
    last_figures(n);
    build_items(n);
    check_reasons(n, !n->terr[0]); /* broken templates: compile says why; no guess at their settings */
    return n;
}

Unit *narrative_previous_unit(const Narrative *n) { return n ? n->pu : NULL; }

Unit *narrative_take_previous(Narrative *n)
{
    if (!n) return NULL;
    Unit *pu = n->pu;
    if (n->has_prev) model_year_free(&n->prev); /* it points into the unit's symbols */
    n->has_prev = false;
    if (n->has_pres) check_result_free(&n->pres);
    n->has_pres = false;
    n->pu = NULL;
    return pu;
}

void narrative_free(Narrative *n)
{
    if (!n) return;
    if (n->has_cur) model_year_free(&n->cur);
    if (n->has_prev) model_year_free(&n->prev);
    if (n->has_pres) check_result_free(&n->pres);
    if (n->pu) unit_free(n->pu);
    templates_free(n->t);
    xfree(n);
}

/* ------------------------------------------------------------ rendering */

typedef enum { V_NONE, V_TEXT, V_AMOUNT, V_PERCENT, V_INT, V_BOOL, V_LIST, V_WORD } ValKind;
typedef struct Val {
    ValKind kind;
    Str text;
    int64_t amount;   /* V_AMOUNT, V_INT; V_BOOL: 0/1 */
    Cmp cmp;          /* V_PERCENT: the comparison */
    int list;         /* V_LIST: 0 items, 1 agencies */
    int count;
} Val;

typedef struct Frame {
    Str var;
    int list, index;
} Frame;

typedef struct Render {
    Narrative *n;
    const Model *m;
    Buf out;
    Frame frames[8];
    int nframes;
    char *err;
    size_t errlen;
    bool failed;
    Arena *a;
} Render;

static void rfail(Render *r, int line, const char *what, Str near)
{
    if (r->failed) return;
    r->failed = true;
    snprintf(r->err, r->errlen, _("layout %.*s, narrative templates, line %d: %s (near '%.*s')"),
             (int)r->n->t->name.n, r->n->t->name.s, line, what, (int)(near.n > 40 ? 40 : near.n), near.s);
}

static Val v_text(Str s) { return (Val){ .kind = s.s ? V_TEXT : V_NONE, .text = s }; }
static Val v_amount(int64_t v) { return (Val){ .kind = V_AMOUNT, .amount = v }; }
static Val v_bool(bool b) { return (Val){ .kind = V_BOOL, .amount = b }; }

/* A path's next segment: *p advances past it and its dot. */
static Str segment(Str *p)
{
    const char *dot = memchr(p->s, '.', p->n);
    Str s = { p->s, dot ? (uint32_t)(dot - p->s) : p->n };
    p->s += s.n + (dot ? 1 : 0);
    p->n -= s.n + (dot ? 1 : 0);
    return s;
}

/* A comparison's field (rest empty: the amount). */
static bool cmp_field(Cmp c, Str rest, Val *out)
{
    bool ok = true;
    int64_t now = cmp_now(&c), d = now - c.last;
    if (!rest.n) *out = v_amount(c.now);
    else if (str_eqc(rest, "last")) *out = c.known ? v_amount(c.last) : (Val){ 0 };
    else if (str_eqc(rest, "change")) *out = c.known ? v_amount(d < 0 ? -d : d) : (Val){ 0 };
    else if (str_eqc(rest, "percent")) *out = c.known ? (Val){ .kind = V_PERCENT, .cmp = c } : (Val){ 0 };
    else if (str_eqc(rest, "word")) *out = (Val){ .kind = c.known ? V_WORD : V_NONE, .amount = d > 0 ? 0 : d < 0 ? 1 : 2 };
    else if (str_eqc(rest, "up")) *out = v_bool(c.known && d > 0);
    else if (str_eqc(rest, "down")) *out = v_bool(c.known && d < 0);
    else if (str_eqc(rest, "same")) *out = v_bool(c.known && d == 0);
    else if (str_eqc(rest, "zero-base")) *out = v_bool(c.known && c.last == 0 && now != 0);
    else if (str_eqc(rest, "known")) *out = v_bool(c.known);
    else if (str_eqc(rest, "reason")) *out = v_text(c.reason);
    else ok = false;
    return ok;
}

/* income.KEY / expenditure.KEY: total, fiscal or a source's key. */
static bool source_cmp(Render *r, bool income, Str key, Cmp *c)
{
    Narrative *n = r->n;
    const int64_t *now = income ? n->cur.income : n->cur.spent, *last = income ? n->last_income : n->last_spent;
    *c = (Cmp){ 0 };
    c->known = n->sources_known;
    if (str_eqc(key, "total") || str_eqc(key, "fiscal")) {
        c->now = sum_sources(n, now, str_eqc(key, "fiscal"));
        c->last = sum_sources(n, last, str_eqc(key, "fiscal"));
        c->step = sum_step(n, str_eqc(key, "fiscal"));
        return true;
    }
    for (int i = 0; i < n->cur.nsources; i++)
        if (str_eq(n->cur.key[i], key)) {
            c->now = now[i];
            c->last = last[i];
            c->step = n->last_step[i];
            return true;
        }
    return false;
}

static bool lookup(Render *r, Str path, Val *out)
{
    Narrative *n = r->n;
    const Model *m = r->m;
    Str rest = path, head = segment(&rest);
    *out = (Val){ 0 };
    for (int f = r->nframes - 1; f >= 0; f--) {
        if (!str_eq(r->frames[f].var, head)) continue;
        int i = r->frames[f].index;
        Str field = segment(&rest);
        if (str_eqc(field, "index") && !rest.n) { *out = (Val){ .kind = V_INT, .amount = i + 1 }; return true; }
        if (r->frames[f].list == 1) {
            const MAgency *ag = &m->agencies[i];
            if (str_eqc(field, "name") && !rest.n) { *out = v_text(ag->name); return true; }
            if (str_eqc(field, "kind") && !rest.n) { *out = v_text(ag->kind.n ? ag->kind : (Str){ 0 }); return true; }
            return false;
        }
        const Item *it = &n->items[i];
        if (str_eqc(field, "amount")) return cmp_field(it->amount, rest, out);
        if (rest.n) return false;
        if (str_eqc(field, "code")) *out = v_text(it->leaf->code);
        else if (str_eqc(field, "name")) *out = v_text(it->leaf->name);
        else if (str_eqc(field, "class-name")) *out = v_text(it->leaf->class_name);
        else if (str_eqc(field, "section-name")) *out = v_text(it->leaf->section_name);
        else if (str_eqc(field, "purpose")) *out = v_text(it->line ? it->line->purpose.s : (Str){ 0 });
        else if (str_eqc(field, "reason")) *out = v_text(it->line ? it->line->reason.s : (Str){ 0 });
        else return false;
        return true;
    }
    if (!rest.n) {
        if (str_eqc(head, "year")) { *out = v_text(m->year); return true; }
        if (str_eqc(head, "last-year")) {
            long y = strtol(arena_strndup(r->a, m->year.s, m->year.n), NULL, 10);
            *out = v_text(str_c(buf_format(r->a, "%ld", y - 1)));
            return true;
        }
        if (str_eqc(head, "department")) { *out = v_text(m->dept_name); return true; }
        if (str_eqc(head, "agency-count")) { *out = (Val){ .kind = V_INT, .amount = m->nagencies }; return true; }
        if (str_eqc(head, "items")) { *out = (Val){ .kind = V_LIST, .list = 0, .count = n->nitems }; return true; }
        if (str_eqc(head, "agencies")) { *out = (Val){ .kind = V_LIST, .list = 1, .count = m->nagencies }; return true; }
        if (str_eqc(head, "operating-costs")) {
            *out = n->cur.opcost_known ? v_amount(n->cur.opcost) : (Val){ 0 };
            return true;
        }
        if (str_eqc(head, "duties") || str_eqc(head, "organisation")) {
            int kind = str_eqc(head, "duties") ? NL_DUTIES : NL_ORGANISATION;
            for (int i = 0; n->narr && i < n->narr->u.narr.lines.n; i++) {
                const NarrLine *l = n->narr->u.narr.lines.v[i];
                if (l->kind == kind) *out = v_text(l->text.s);
            }
            return true;
        }
        return false;
    }
    Str key = segment(&rest);
    if (str_eqc(head, "reason") && !rest.n) {
        const NarrLine *l = NULL;
        static const char *const keys[] = { "total", "three-public", "overseas", "vehicle", "vehicle-purchase",
                                            "vehicle-operation", "reception" };
        bool known = false;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) known |= str_eqc(key, keys[k]);
        if (!known) return false;
        char kb[32];
        snprintf(kb, sizeof kb, "%.*s", (int)key.n, key.s);
        l = reason_line(n, kb);
        *out = v_text(l ? l->text.s : (Str){ 0 });
        return true;
    }
    if (str_eqc(head, "income") || str_eqc(head, "expenditure")) {
        Cmp c;
        if (!source_cmp(r, str_eqc(head, "income"), key, &c)) return false;
        return cmp_field(c, rest, out);
    }
    if (str_eqc(head, "three-public")) {
        for (int k = 0; k < TP_N; k++)
            if (str_eqc(key, tp_key[k])) return cmp_field(tp_cmp(n, k), rest, out);
        return false;
    }
    if (str_eqc(head, "procurement") && !rest.n) {
        static const char *const kinds[PK_COUNT] = { "goods", "works", "services" };
        if (str_eqc(key, "total")) {
            int64_t s = 0;
            bool any = false;
            for (int k = 0; k < PK_COUNT; k++) {
                money_add(&s, n->cur.procurement[k]);
                any |= n->cur.procurement_known[k];
            }
            *out = any ? v_amount(s) : (Val){ 0 };
            return true;
        }
        for (int k = 0; k < PK_COUNT; k++)
            if (str_eqc(key, kinds[k])) {
                *out = n->cur.procurement_known[k] ? v_amount(n->cur.procurement[k]) : (Val){ 0 };
                return true;
            }
    }
    return false;
}

static bool truthy(const Val *v)
{
    switch (v->kind) {
    case V_TEXT: return v->text.n > 0;
    case V_WORD: return true;
    case V_AMOUNT: case V_INT: case V_BOOL: return v->amount != 0;
    case V_PERCENT: return cmp_now(&v->cmp) != v->cmp.last;
    case V_LIST: return v->count > 0;
    default: return false;
    }
}

/* The budget's unit as its tables print it: 万元 unless it says 元 (the
 * checks read a figure without a unit in the budget's decimals alone). */
static int display_pow(const Narrative *n)
{
    const Stmt *b = n->budget;
    return b->u.budget.unit_clause.present && str_eqc(b->u.budget.unit.s, "元") ? 0 : 4;
}

/* An amount of the budget in the settings' unit and decimals. */
static void put_amount(Render *r, int64_t v, bool trim_zeros)
{
    const Settings *st = settings(r->n);
    int shift = (display_pow(r->n) - st->unit_pow) + (st->decimals - r->n->r->decimals);
    bool neg = v < 0;
    u128 x = neg ? (u128)(uint64_t)(-(v + 1)) + 1 : (u128)(uint64_t)v;
    for (; shift > 0; shift--) x *= 10;
    if (shift < 0) {
        u128 d = 1;
        for (; shift < 0; shift++) d *= 10;
        u128 q = x / d, rem = x % d;
        x = q + (2 * rem >= d ? 1 : 0);
    }
    char digits[64];
    int nd = 0;
    do { digits[nd++] = (char)('0' + (int)(x % 10)); x /= 10; } while (x);
    while (nd <= st->decimals) digits[nd++] = '0';
    char s[80];
    int k = 0;
    if (neg) s[k++] = '-';
    for (int i = nd - 1; i >= 0; i--) {
        s[k++] = digits[i];
        if (i == st->decimals && i) s[k++] = '.';
    }
    s[k] = 0;
    if (trim_zeros && strchr(s, '.')) {
        while (k && s[k - 1] == '0') s[--k] = 0;
        if (k && s[k - 1] == '.') s[--k] = 0;
    }
    buf_adds(&r->out, s);
}

static void put_percent(Render *r, Cmp c)
{
    const Settings *st = settings(r->n);
    c.now = cmp_now(&c);
    if (c.last == 0 && c.now != 0) {
        buf_add(&r->out, st->zero_base.s, st->zero_base.n);
        return;
    }
    if (c.last <= 0) {
        buf_adds(&r->out, "0");
        return;
    }
    u128 d = (u128)(c.now > c.last ? (uint64_t)c.now - (uint64_t)c.last : (uint64_t)c.last - (uint64_t)c.now);
    u128 num = d * 100;
    for (int i = 0; i < st->pdecimals; i++) num *= 10;
    u128 q = num / (u128)c.last, rem = num % (u128)c.last;
    if (2 * rem >= (u128)c.last) q++;
    char digits[64];
    int nd = 0;
    do { digits[nd++] = (char)('0' + (int)(q % 10)); q /= 10; } while (q);
    while (nd <= st->pdecimals) digits[nd++] = '0';
    for (int i = nd - 1; i >= 0; i--) {
        buf_add(&r->out, &digits[i], 1);
        if (i == st->pdecimals && i) buf_adds(&r->out, ".");
    }
}

static void put_cn(Render *r, int64_t v)
{
    static const char *const d[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (v <= 0 || v >= 100) {
        buf_addf(&r->out, "%lld", (long long)v);
        return;
    }
    if (v >= 10) {
        if (v >= 20) buf_adds(&r->out, d[v / 10]);
        buf_adds(&r->out, "十");
        if (v % 10) buf_adds(&r->out, d[v % 10]);
        return;
    }
    buf_adds(&r->out, d[v]);
}

/* A text: its "\n" are paragraph ends (the renderer's own '\n'). */
static void put_text(Render *r, Str s) { buf_add(&r->out, s.s, s.n); }

static void render_nodes(Render *r, Node **v, int n);

static void render_value(Render *r, const Node *nd)
{
    Val v;
    if (!lookup(r, nd->text, &v)) {
        rfail(r, nd->line, _("no value has this name"), nd->text);
        return;
    }
    const Settings *st = settings(r->n);
    bool trim_zeros = str_eqc(nd->format, "trim");
    switch (v.kind) {
    case V_NONE: break;
    case V_TEXT: put_text(r, v.text); break;
    case V_WORD: put_text(r, st->word[v.amount]); break;
    case V_AMOUNT: put_amount(r, v.amount, trim_zeros); break;
    case V_PERCENT: put_percent(r, v.cmp); break;
    case V_INT:
        if (str_eqc(nd->format, "cn")) put_cn(r, v.amount);
        else buf_addf(&r->out, "%lld", (long long)v.amount);
        break;
    case V_BOOL: break;
    case V_LIST: rfail(r, nd->line, _("a list is printed with {for NAME in LIST}"), nd->text); break;
    }
}

static void render_nodes(Render *r, Node **v, int n)
{
    for (int i = 0; i < n && !r->failed; i++) {
        const Node *nd = v[i];
        switch (nd->kind) {
        case N_TEXT: put_text(r, nd->text); break;
        case N_PARA: buf_adds(&r->out, "\n"); break;
        case N_VALUE: render_value(r, nd); break;
        case N_IF:
            for (int b = 0; b < nd->nbr && !r->failed; b++) {
                const Branch *br = &nd->br[b];
                bool take = true;
                if (br->cond.n) {
                    Val c;
                    if (!lookup(r, br->cond, &c)) {
                        rfail(r, nd->line, _("no value has this name"), br->cond);
                        return;
                    }
                    take = truthy(&c) != br->negate;
                }
                if (take) {
                    render_nodes(r, br->body, br->n);
                    break;
                }
            }
            break;
        case N_FOR: {
            Val l;
            if (!lookup(r, nd->text, &l) || l.kind != V_LIST) {
                rfail(r, nd->line, _("no list has this name"), nd->text);
                return;
            }
            if (r->nframes == 8) {
                rfail(r, nd->line, _("loops nest at most 8 deep"), nd->text);
                return;
            }
            Frame *f = &r->frames[r->nframes++];
            f->var = nd->var;
            f->list = l.list;
            for (f->index = 0; f->index < l.count && !r->failed; f->index++) render_nodes(r, nd->br[0].body, nd->br[0].n);
            r->nframes--;
            break;
        }
        }
    }
}

/* The rendered text split into paragraphs at '\n', each trimmed of blanks. */
static void paragraphs(Render *r, MSection *sec)
{
    const char *s = r->out.s ? r->out.s : "", *e = s + r->out.n;
    int cap = 0;
    while (s <= e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s)), *end = nl ? nl : e;
        Str p = trim((Str){ s, (uint32_t)(end - s) });
        if (p.n) {
            if (sec->nparas == cap) {
                cap = cap ? 2 * cap : 8;
                Str *v = arena_alloc(r->a, sizeof(Str) * (size_t)cap);
                if (sec->nparas) memcpy(v, sec->paras, sizeof(Str) * (size_t)sec->nparas);
                sec->paras = v;
            }
            sec->paras[sec->nparas++] = sdup(r->a, p.s, p.n);
        }
        if (!nl) break;
        s = nl + 1;
    }
}

int narrative_render(Narrative *n, Model *m, char *err, size_t errlen)
{
    if (!n || !n->wanted || !n->has_cur) return 0;
    if (!n->t) {
        if (n->terr[0]) {
            snprintf(err, errlen, "%s", n->terr);
            return 2;
        }
        return 0;
    }
    Render r = { .n = n, .m = m, .err = err, .errlen = errlen, .a = &m->arena };
    m->sections = arena_alloc(&m->arena, sizeof(MSection) * (size_t)n->t->nsec);
    m->nsections = 0;
    for (int i = 0; i < n->t->nsec && !r.failed; i++) {
        const Section *s = &n->t->sec[i];
        MSection *ms = &m->sections[m->nsections++];
        memset(ms, 0, sizeof *ms);
        ms->id = sdup(&m->arena, s->id.s, s->id.n);
        ms->after = s->after;
        render_nodes(&r, s->tnodes, s->ntnodes);
        ms->title = sdup(&m->arena, r.out.s ? r.out.s : "", r.out.n);
        r.out.n = 0;
        render_nodes(&r, s->body, s->n);
        paragraphs(&r, ms);
        if (!ms->nparas) m->nsections--; /* nothing to say: no section */
        r.out.n = 0;
        if (r.out.s) r.out.s[0] = 0;
    }
    buf_free(&r.out);
    return r.failed ? 2 : 0;
}
