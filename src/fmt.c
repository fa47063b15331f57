/*
 * fmt.c — `bdlc fmt [--check | -w] FILE...`: the canonical layout (spec §7).
 *
 * A token-level formatter.  The file is parsed first (any E001–E010 and it
 * is left alone), then re-scanned by the same flex scanner with comments
 * surfaced as '#' tokens (Lexer.keep_comments), cut into lines at NL, and
 * every line re-emitted with canonical spacing.  Tokens are never added,
 * removed or reordered; only the whitespace between them changes, plus the
 * grouping commas of amounts.  Before anything is written the result is
 * re-scanned and re-parsed, and must give the same tokens, the same line
 * structure and no syntax error (else: internal error, file untouched).
 *
 * LAYOUT RULES
 *
 *  1. Lines.  Line breaks are kept as written, so every row, clause and
 *     string continuation stays on its own line; fmt never joins lines.
 *     The only breaks it adds are at the braces of a block that spans
 *     several lines: its `{` ends its line and its `}` stands on a line of
 *     its own (`2010199 … project 24.52 }` becomes two lines).  One-line
 *     blocks (`carryover { }`, `three-public { overseas 0.00 … }`) stay on
 *     one line.  Whitespace at the end of lines is removed; the file ends
 *     with one line break.  Line ends follow the file's first line break
 *     (LF or CRLF); a BOM at the start is kept.
 *  2. Indent: 4 spaces per open block.  A line that continues the previous
 *     line's text (adjacent strings, spec §2) is indented so that its first
 *     string sits under the first string of the text it continues.
 *  3. Spacing: one space between tokens, none around the `/` of an
 *     indicator path (`产出指标/数量指标/会议资料`), `{ }` with a space.
 *  4. Columns.  The rows of one block are aligned in columns by display
 *     width (a CJK character is 2 columns).  Rows align with rows of the
 *     same kind in the same block, also across blank lines and comments:
 *       expenditure  code, name, then cells  total / basic / personnel /
 *                    public / project, each
 *                    cell in its own column (a missing cell leaves a gap);
 *                    two spaces before each cell
 *       economic     code, name, bare amount, class marker, then cells
 *                    total / personnel / public (two spaces before amounts)
 *       income, carryover, procurement   source, amount
 *       indicators   indicator, path, operator, value, unit, weight, core
 *                    (`qualitative TEXT` spans operator, value and unit)
 *       project      `amount`/`superior` rows together; `function`/
 *                    `economic` rows together; indicators together
 *       budget       `department` and `agency` rows together
 *       classification   code, name, class marker
 *       three-public, three-public-codes, links, labels: the items of a
 *                    line are pairs, aligned by position, two spaces
 *                    between pairs
 *     At top level, consecutive one-line `source` statements (and any other
 *     run of one-line statements of one keyword) align the same way.
 *     Amounts and weights are right-aligned; everything else is left-aligned,
 *     indicator values included (they read with their operator: `≥ 7`).  In
 *     expenditure and economic blocks every amount column is as wide as the
 *     widest amount, so the table reads as one grid.  Cells are never
 *     reordered: a cell written out of the block's usual order gets a column
 *     of its own.  A row continued on the next line is not aligned.
 *  5. Amounts (the AMOUNT positions of spec §3: cells, bare amounts, source
 *     rows, 三公 items, project amount/superior/function/economic amounts)
 *     get grouping commas in their integer part (1234.5 → 1,234.5); the
 *     fractional digits stay as written (a fragment has no `decimals`).
 *     Everything else — codes, the budget year, `decimals`, indicator
 *     values, weights, execution-weight — is kept exactly as written, as
 *     are strings (escapes included), operators (`>=` and `≥`) and comments.
 *  6. Blank lines: at most one in a row; none at the start or end of the
 *     file, after a line that opens a block, or before a closing `}`.  Two
 *     top-level statements of which one spans several lines are separated
 *     by one blank line (inserted above the comment lines directly on top of
 *     the second, if any); consecutive one-line statements (imports,
 *     includes, sources, `carryover { }`) keep the author's grouping.
 *  7. Comments stay on their line.  Whole-line comments take the indent of
 *     the line's block; trailing comments are set two spaces after the code,
 *     and a run of consecutive lines with trailing comments lines them up at
 *     one column.  Comment text is kept as written (trailing blanks cut).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bdl.h"
#include "parser.h"

#define GROW(arr, n, cap)                                                         \
    do {                                                                          \
        if ((n) == (cap)) {                                                       \
            (cap) = (cap) ? (cap) * 2 : 64;                                       \
            (arr) = xrealloc((arr), sizeof *(arr) * (size_t)(cap));               \
        }                                                                         \
    } while (0)

/* ------------------------------------------------------------------ data */

typedef struct RTok { /* a raw token, NL and comments included */
    int kind;
    uint32_t off, len;
    int32_t line;
    bool multi;
} RTok;

typedef struct FTok { /* a real token (no NL, no comment) */
    int kind;
    uint32_t off, len;
    bool multi;  /* a brace whose partner is on another source line */
    bool amount; /* printed with grouping commas */
} FTok;

typedef struct OLine { /* one output line, before blank-line handling */
    int t0, t1;              /* its tokens */
    uint32_t coff, clen;     /* its comment (clen 0: none) */
    int depth;
    bool blank, cont, opener, closer, blank_before;
    int row;                 /* the logical row it belongs to, -1: none */
    char *text;              /* rendered code, indent included */
    size_t tlen;
    int width;
} OLine;

typedef struct FCell {
    int key;         /* slot key: which column it goes to */
    int t0, t1;      /* its tokens; t0 == t1: an empty cell */
    int sep;         /* spaces before it */
    int span;        /* slots it covers (qualitative targets: 3) */
    int slot;
    bool right, amount;
    char *text;
    size_t len;
    int width;
} FCell;

typedef struct LRow { /* a logical row: a line plus its continuation lines */
    int l0, nl, t0, t1;
    int block;
    int cls;         /* alignment class; 0: printed as is, not aligned */
    int group;       /* top level: run of adjacent one-line statements */
    FCell *cells;
    int ncells, capcells;
} LRow;

enum { B_TOP, B_PLAIN, B_BUDGET, B_SRC, B_EXP, B_ECO, B_TP, B_PROC, B_PERF, B_PROJ, B_CLS,
       B_LABELS, B_LEVELS, B_TPC, B_LINKS };

enum { CLS_PLAIN, CLS_ENTITY, CLS_SRC, CLS_EXP, CLS_ECO, CLS_PAIRS, CLS_IND, CLS_MONEY,
       CLS_BREAKDOWN, CLS_CLS, CLS_GROUP, CLS_KW_BASE = 1000 };
#define CLS_KW(k) (CLS_KW_BASE + (k))

/* Slot keys: fixed columns, keyed cells (by keyword), positional pairs. */
#define K_FIX(i) (i)
#define K_KEY(kind, v) (1000 + 2 * (kind) + (v))
#define K_POS(i, v) (4000 + 2 * (i) + (v))
#define K_END 0x40000000

typedef struct Fmt {
    const SrcFile *f;
    Arena arena;
    FTok *t;
    int nt, capt;
    OLine *l;
    int nl, capl;
    LRow *r;
    int nr, capr;
    int *bkind;
    int nb, capb;
    bool crlf, seen_nl;
} Fmt;

/* ------------------------------------------------------------- helpers */

static bool is_name(int k) { return k == IDENT || k == STRING; }
static bool is_code(int k) { return k == CODE || k == INTEGER; }
static bool is_num(int k) { return k == INTEGER || k == DECIMAL; }
static bool is_op(int k) { return k == GE || k == LE || k == '=' || k == '>' || k == '<'; }
static bool is_tp_key(int k)
{
    return k == KW_OVERSEAS || k == KW_VEHICLE_PURCHASE || k == KW_VEHICLE_OPERATION || k == KW_RECEPTION;
}

static bool is_syntax_code(const char *code)
{
    return code[0] == 'E' && code[1] == '0' && (code[2] == '0' || (code[2] == '1' && code[3] == '0'));
}

static void pad(Buf *b, int n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        int k = n > 32 ? 32 : n;
        buf_add(b, sp, (size_t)k);
        n -= k;
    }
}

/* An amount with grouping commas; the fraction as written.  Exact string
 * work: the lexer already checked the shape -?(\d+|\d{1,3}(,\d{3})+)(\.\d+)? */
static void put_amount(const char *s, size_t n, Buf *b)
{
    size_t i = 0, end, nd = 0, seen = 0;
    if (n && s[0] == '-') { buf_add(b, "-", 1); i = 1; }
    for (end = i; end < n && s[end] != '.'; end++)
        if (s[end] != ',') nd++;
    for (size_t k = i; k < end; k++) {
        if (s[k] == ',') continue;
        if (seen > 0 && (nd - seen) % 3 == 0) buf_add(b, ",", 1);
        buf_add(b, s + k, 1);
        seen++;
    }
    buf_add(b, s + end, n - end);
}

static void put_tok(const Fmt *F, int i, Buf *b)
{
    const FTok *t = &F->t[i];
    if (t->amount) put_amount(F->f->text + t->off, t->len, b);
    else buf_add(b, F->f->text + t->off, t->len);
}

/* Tokens [t0, t1) with canonical spacing.  *mark (when given) receives the
 * byte position at which token `at` starts. */
static void put_range(const Fmt *F, int t0, int t1, Buf *b, int at, size_t *mark)
{
    for (int i = t0; i < t1; i++) {
        if (i > t0 && F->t[i - 1].kind != '/' && F->t[i].kind != '/') buf_add(b, " ", 1);
        if (mark && i == at) *mark = b->n;
        put_tok(F, i, b);
    }
}

static char *keep(Fmt *F, const Buf *b)
{
    return arena_strndup(&F->arena, b->s ? b->s : "", b->n);
}

/* --------------------------------------------------------------- lexing */

static bool fmt_lex(Unit *u, SrcFile *f, RTok **out, int *nout)
{
    Lexer lx;
    RTok *r = NULL;
    int n = 0, cap = 0;
    bool ok = true;
    lexer_open(&lx, u, f);
    lx.keep_comments = true;
    for (;;) {
        Tok tok;
        memset(&tok, 0, sizeof tok);
        int k = lex_next(&lx, &tok);
        if (k == YYEOF) break;
        if (k == YYerror) { ok = false; break; }
        GROW(r, n, cap);
        r[n++] = (RTok){ k, tok.loc.off, tok.len, tok.loc.line, false };
    }
    lexer_close(&lx);
    *out = r;
    *nout = n;
    return ok;
}

/* ---------------------------------------------------------------- lines */

static void push_line(Fmt *F, OLine *cur)
{
    cur->blank = cur->t0 == cur->t1 && cur->clen == 0;
    cur->row = -1;
    GROW(F->l, F->nl, F->capl);
    F->l[F->nl++] = *cur;
    memset(cur, 0, sizeof *cur);
    cur->t0 = cur->t1 = F->nt;
}

/* Match braces, cut the tokens into lines at NL and at the braces of blocks
 * that span several lines. */
static bool build_lines(Fmt *F, RTok *R, int n)
{
    int *stk = xmalloc(sizeof(int) * (size_t)(n + 1)), sp = 0;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        if (R[i].kind == '{') stk[sp++] = i;
        else if (R[i].kind == '}') {
            if (!sp) { ok = false; break; }
            int j = stk[--sp];
            R[i].multi = R[j].multi = R[i].line != R[j].line;
        }
    }
    if (sp) ok = false;
    xfree(stk);
    if (!ok) return false;

    OLine cur;
    memset(&cur, 0, sizeof cur);
    bool brk = false;
    for (int i = 0; i < n; i++) {
        RTok *x = &R[i];
        if (x->kind == NL) {
            if (!F->seen_nl) {
                F->seen_nl = true;
                F->crlf = x->len == 2;
            }
            push_line(F, &cur);
            brk = false;
            continue;
        }
        if (x->kind == '#') {
            const char *s = F->f->text + x->off;
            uint32_t len = x->len;
            while (len > 1 && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
            cur.coff = x->off;
            cur.clen = len;
            continue;
        }
        if (cur.t1 > cur.t0 && (brk || (x->kind == '}' && x->multi))) push_line(F, &cur);
        brk = false;
        GROW(F->t, F->nt, F->capt);
        F->t[F->nt++] = (FTok){ x->kind, x->off, x->len, x->multi, false };
        cur.t1 = F->nt;
        if ((x->kind == '{' || x->kind == '}') && x->multi) brk = true;
    }
    if (cur.t1 > cur.t0 || cur.clen) push_line(F, &cur);
    return true;
}

/* Depth, continuation lines, logical rows. */
static void build_rows(Fmt *F)
{
    int d = 0, row = -1;
    for (int k = 0; k < F->nl; k++) {
        OLine *L = &F->l[k];
        if (L->t1 == L->t0) { L->depth = d; continue; }
        L->closer = F->t[L->t0].kind == '}' && F->t[L->t0].multi;
        L->opener = F->t[L->t1 - 1].kind == '{' && F->t[L->t1 - 1].multi;
        if (L->closer && d > 0) d--;
        L->depth = d;
        if (L->opener) d++;
        const OLine *P = k ? &F->l[k - 1] : NULL;
        L->cont = row >= 0 && P && P->t1 > P->t0 && !P->clen && F->t[P->t1 - 1].kind == STRING &&
                  F->t[L->t0].kind == STRING;
        if (L->cont) {
            F->r[row].nl++;
            F->r[row].t1 = L->t1;
        } else {
            GROW(F->r, F->nr, F->capr);
            LRow *r = &F->r[F->nr++];
            memset(r, 0, sizeof *r);
            r->l0 = k;
            r->nl = 1;
            r->t0 = L->t0;
            r->t1 = L->t1;
            row = F->nr - 1;
        }
        L->row = row;
    }
}

/* -------------------------------------------------------------- shaping */

/* Cut a row into cells for its block's kind (spec §3 rows and clauses). */
typedef struct Sh {
    Fmt *F;
    LRow *r;
    int i, end;
} Sh;

static int sk(const Sh *s) { return s->i < s->end ? s->F->t[s->i].kind : -1; }
static int sk2(const Sh *s) { return s->i + 1 < s->end ? s->F->t[s->i + 1].kind : -1; }

/* A name may be several adjacent strings: one atom. */
static int atom_end(const Sh *s)
{
    int j = s->i;
    if (j < s->end && s->F->t[j].kind == STRING) {
        while (j < s->end && s->F->t[j].kind == STRING) j++;
        return j;
    }
    return j + 1;
}

static bool add(Sh *s, int key, int t0, int t1, int sep, bool right)
{
    LRow *r = s->r;
    if (r->ncells == r->capcells) return false;
    FCell *c = &r->cells[r->ncells++];
    memset(c, 0, sizeof *c);
    c->key = key;
    c->t0 = t0;
    c->t1 = t1;
    c->sep = sep;
    c->span = 1;
    c->right = right;
    return true;
}

static bool take(Sh *s, int key, int sep, bool right)
{
    if (s->i >= s->end) return false;
    int e = atom_end(s);
    bool ok = add(s, key, s->i, e, sep, right);
    s->i = e;
    return ok;
}

static bool take_amount(Sh *s, int key, int sep)
{
    if (!is_num(sk(s)) || !take(s, key, sep, true)) return false;
    s->r->cells[s->r->ncells - 1].amount = true;
    return true;
}

static bool none(Sh *s, int key, int sep) { return add(s, key, s->i, s->i, sep, false); }

/* expRow / ecoRow */
static bool sh_table(Sh *s, bool eco)
{
    int k = sk(s);
    if (!is_code(k) && k != KW_TOTAL) return false;
    if (!take(s, K_FIX(0), 1, false)) return false;
    if (!(is_name(sk(s)) ? take(s, K_FIX(1), 1, false) : none(s, K_FIX(1), 1))) return false;
    if (eco) {
        if (!(is_num(sk(s)) ? take_amount(s, K_FIX(2), 2) : none(s, K_FIX(2), 2))) return false;
        bool mark = (sk(s) == KW_PERSONNEL || sk(s) == KW_PUBLIC) && !is_num(sk2(s));
        if (!(mark ? take(s, K_FIX(3), 1, false) : none(s, K_FIX(3), 1))) return false;
    }
    while (s->i < s->end) {
        k = sk(s);
        bool key = eco ? (k == KW_PERSONNEL || k == KW_PUBLIC || k == KW_TOTAL)
                       : (k == KW_BASIC || k == KW_PROJECT || k == KW_TOTAL || k == KW_PERSONNEL || k == KW_PUBLIC);
        if (!key || !is_num(sk2(s))) return false;
        if (!take(s, K_KEY(k, 0), 2, false) || !take_amount(s, K_KEY(k, 1), 1)) return false;
    }
    return true;
}

/* SOURCE AMOUNT */
static bool sh_src(Sh *s)
{
    return is_name(sk(s)) && take(s, K_FIX(0), 1, false) && take_amount(s, K_FIX(1), 1);
}

/* A keyword and the rest of the line. */
static bool sh_kv(Sh *s)
{
    if (!take(s, K_FIX(0), 1, false)) return false;
    if (s->i < s->end) {
        if (!add(s, K_FIX(1), s->i, s->end, 1, false)) return false;
        s->i = s->end;
    }
    return true;
}

static bool sh_indicator(Sh *s)
{
    if (sk(s) != KW_INDICATOR || !take(s, K_FIX(0), 1, false)) return false;
    int p0 = s->i;
    for (int n = 0; n < 3; n++) {
        if (n) {
            if (sk(s) != '/') return false;
            s->i++;
        }
        if (!is_name(sk(s))) return false;
        s->i = atom_end(s);
    }
    if (!add(s, K_FIX(1), p0, s->i, 1, false)) return false;
    if (is_op(sk(s))) {
        if (!take(s, K_FIX(2), 1, false) || !is_num(sk(s)) || !take(s, K_FIX(3), 1, false)) return false;
        if (!((is_name(sk(s)) || sk(s) == '%') ? take(s, K_FIX(4), 1, false) : none(s, K_FIX(4), 1)))
            return false;
    } else if (sk(s) == KW_QUALITATIVE) {
        int q = s->i++;
        if (sk(s) != STRING) return false;
        s->i = atom_end(s);
        if (!add(s, K_FIX(2), q, s->i, 1, false)) return false;
        s->r->cells[s->r->ncells - 1].span = 3;
        if (!none(s, K_FIX(3), 1) || !none(s, K_FIX(4), 1)) return false;
    } else {
        return false;
    }
    if (sk(s) == KW_WEIGHT && is_num(sk2(s))) {
        if (!take(s, K_FIX(5), 1, false) || !take(s, K_FIX(6), 1, true)) return false;
    } else if (!none(s, K_FIX(5), 1) || !none(s, K_FIX(6), 1)) {
        return false;
    }
    return sk(s) == KW_CORE ? take(s, K_FIX(7), 1, false) : none(s, K_FIX(7), 1);
}

/* Items of three-public, three-public-codes, links and labels: pairs,
 * aligned by position, two spaces between pairs. */
static bool sh_pairs(Sh *s, int bkind, int first_sep)
{
    for (int n = 0; s->i < s->end && sk(s) != '}'; n++) {
        int k = sk(s), v = sk2(s);
        bool ok;
        switch (bkind) {
        case B_TP: ok = (is_tp_key(k) || k == KW_TOTAL) && is_num(v); break;
        case B_TPC: ok = is_tp_key(k) && is_code(v); break;
        case B_LINKS: ok = is_code(k) && is_code(v); break;
        default: ok = (k == KW_COLUMN || k == KW_CARRYOVER || k == KW_PROCUREMENT) && v == STRING; break;
        }
        if (!ok || !take(s, K_POS(n, 0), n ? 2 : first_sep, false)) return false;
        if (!(bkind == B_TP ? take_amount(s, K_POS(n, 1), 1) : take(s, K_POS(n, 1), 1, false))) return false;
    }
    return true;
}

/* One-line top-level statements worth aligning with their neighbours. */
static bool sh_top(Sh *s)
{
    int k = sk(s);
    if (k == KW_THREE_PUBLIC || k == KW_THREE_PUBLIC_CODES || k == KW_LINKS) {
        s->r->cls = CLS_KW(k);
        int bk = k == KW_THREE_PUBLIC ? B_TP : k == KW_LINKS ? B_LINKS : B_TPC;
        return take(s, K_FIX(0), 1, false) && sk(s) == '{' && take(s, K_FIX(1), 1, false) &&
               sh_pairs(s, bk, 1) && sk(s) == '}' && take(s, K_END, 1, false);
    }
    if (k == KW_SOURCE) {
        s->r->cls = CLS_KW(k);
        if (!take(s, K_FIX(0), 1, false) || sk(s) != IDENT || !take(s, K_FIX(1), 1, false) ||
            !is_name(sk(s)) || !take(s, K_FIX(2), 1, false))
            return false;
        if (!(sk(s) == KW_FISCAL ? take(s, K_FIX(3), 1, false) : none(s, K_FIX(3), 1))) return false;
        if (sk(s) == KW_LABELS)
            return take(s, K_FIX(4), 1, false) && sk(s) == '{' && take(s, K_FIX(5), 1, false) &&
                   sh_pairs(s, B_LABELS, 1) && sk(s) == '}' && take(s, K_END, 1, false);
        return true;
    }
    return false;
}

static bool shape(Sh *s, int bkind)
{
    int k = sk(s);
    LRow *r = s->r;
    switch (bkind) {
    case B_TOP:
        return sh_top(s);
    case B_BUDGET:
        if (k == KW_DEPARTMENT || k == KW_AGENCY) {
            r->cls = CLS_ENTITY;
            return take(s, K_FIX(0), 1, false) && is_code(sk(s)) && take(s, K_FIX(1), 1, false) &&
                   is_name(sk(s)) && take(s, K_FIX(2), 1, false);
        }
        r->cls = CLS_KW(k);
        return sh_kv(s);
    case B_SRC:
        r->cls = CLS_SRC;
        return sh_src(s);
    case B_EXP:
        r->cls = CLS_EXP;
        return sh_table(s, false);
    case B_ECO:
        r->cls = CLS_ECO;
        return sh_table(s, true);
    case B_TP: case B_TPC: case B_LINKS: case B_LABELS:
        r->cls = CLS_PAIRS;
        return sh_pairs(s, bkind, 1);
    case B_PROC:
        if (k == KW_CATEGORY) {
            r->cls = CLS_KW(k);
            return sh_kv(s);
        }
        r->cls = CLS_SRC;
        return sh_src(s);
    case B_PERF:
        if (k == KW_INDICATOR) {
            r->cls = CLS_IND;
            return sh_indicator(s);
        }
        r->cls = CLS_KW(k);
        return sh_kv(s);
    case B_PROJ:
        if (k == KW_AMOUNT || k == KW_SUPERIOR) {
            r->cls = CLS_MONEY;
            return take(s, K_FIX(0), 1, false) && take_amount(s, K_FIX(1), 1);
        }
        if (k == KW_FUNCTION || k == KW_ECONOMIC) {
            r->cls = CLS_BREAKDOWN;
            return take(s, K_FIX(0), 1, false) && is_code(sk(s)) && take(s, K_FIX(1), 1, false) &&
                   (is_num(sk(s)) ? take_amount(s, K_FIX(2), 1) : none(s, K_FIX(2), 1));
        }
        if (k == KW_INDICATOR) {
            r->cls = CLS_IND;
            return sh_indicator(s);
        }
        r->cls = CLS_KW(k);
        return sh_kv(s);
    case B_CLS:
        r->cls = CLS_CLS;
        if (!is_code(k) || !take(s, K_FIX(0), 1, false) || !is_name(sk(s)) || !take(s, K_FIX(1), 1, false))
            return false;
        return (sk(s) == KW_PERSONNEL || sk(s) == KW_PUBLIC) ? take(s, K_FIX(2), 1, false)
                                                            : none(s, K_FIX(2), 1);
    case B_LEVELS:
        r->cls = CLS_GROUP;
        if (!is_name(k) || !take(s, K_FIX(0), 1, false) || sk(s) != '{') return false;
        if (!add(s, K_FIX(1), s->i, s->end, 1, false)) return false;
        s->i = s->end;
        return true;
    default:
        return false;
    }
}

/* The kind of the block a row opens. */
static int child_kind(int parent, int k)
{
    if (parent == B_LEVELS) return B_PLAIN;
    if (parent != B_TOP) return B_PLAIN;
    switch (k) {
    case KW_BUDGET: return B_BUDGET;
    case KW_INCOME: case KW_CARRYOVER: return B_SRC;
    case KW_EXPENDITURE: return B_EXP;
    case KW_ECONOMIC: return B_ECO;
    case KW_THREE_PUBLIC: return B_TP;
    case KW_PROCUREMENT: return B_PROC;
    case KW_PERFORMANCE: return B_PERF;
    case KW_PROJECT: return B_PROJ;
    case KW_CLASSIFICATION: return B_CLS;
    case KW_SOURCE: return B_LABELS;
    case KW_INDICATOR_LEVELS: return B_LEVELS;
    case KW_THREE_PUBLIC_CODES: return B_TPC;
    case KW_LINKS: return B_LINKS;
    default: return B_PLAIN;
    }
}

static void shape_rows(Fmt *F)
{
    int *stk = NULL, sp = 0, cap = 0;
    GROW(F->bkind, F->nb, F->capb);
    F->bkind[F->nb++] = B_TOP;
    GROW(stk, sp, cap);
    stk[sp++] = 0;
    for (int i = 0; i < F->nr; i++) {
        LRow *r = &F->r[i];
        const OLine *L0 = &F->l[r->l0], *Ln = &F->l[r->l0 + r->nl - 1];
        if (L0->closer) {
            if (sp > 1) sp--;
            r->block = stk[sp - 1];
            continue;
        }
        r->block = stk[sp - 1];
        r->capcells = r->t1 - r->t0 + 16;
        r->cells = arena_alloc(&F->arena, sizeof(FCell) * (size_t)r->capcells);
        Sh s = { F, r, r->t0, r->t1 };
        if (shape(&s, F->bkind[r->block]) && s.i == s.end && r->ncells > 0) {
            for (int c = 0; c < r->ncells; c++)
                if (r->cells[c].amount) F->t[r->cells[c].t0].amount = true;
        } else {
            r->cls = CLS_PLAIN;
            r->ncells = 0;
        }
        if (Ln->opener) {
            GROW(F->bkind, F->nb, F->capb);
            F->bkind[F->nb++] = child_kind(F->bkind[r->block], F->t[r->t0].kind);
            GROW(stk, sp, cap);
            stk[sp++] = F->nb - 1;
            r->cls = CLS_PLAIN;
        }
        if (r->nl > 1) r->cls = CLS_PLAIN;
    }
    xfree(stk);
    /* top level: runs of adjacent one-line statements of one keyword */
    int g = 0, prevk = -1;
    for (int k = 0; k < F->nl; k++) {
        const OLine *L = &F->l[k];
        LRow *r = L->row >= 0 ? &F->r[L->row] : NULL;
        if (r && !L->cont && r->block == 0 && r->nl == 1 && !L->opener && !L->closer) {
            int kind = F->t[L->t0].kind;
            if (kind != prevk) g++;
            r->group = g;
            prevk = kind;
        } else {
            prevk = -1;
        }
    }
}

/* ------------------------------------------------------------ alignment */

typedef struct Slots {
    int *key, *w, *sep;
    bool *used;
    int n, cap;
} Slots;

static int slot_find(const Slots *S, int key, int from)
{
    for (int j = from; j < S->n; j++)
        if (S->key[j] == key) return j;
    return -1;
}

static void slot_insert(Slots *S, int at, int key)
{
    if (S->n == S->cap) {
        S->cap = S->cap ? S->cap * 2 : 16;
        S->key = xrealloc(S->key, sizeof(int) * (size_t)S->cap);
    }
    memmove(S->key + at + 1, S->key + at, sizeof(int) * (size_t)(S->n - at));
    S->key[at] = key;
    S->n++;
}

/* Merge a row's keys into the column list: each row's keys must appear in
 * order; a key not there yet goes as late as possible (just before the
 * next key of the row that is there), so the usual case — rows that all
 * list their cells in one order — gives one column per key. */
static void slot_merge(Slots *S, const LRow *r)
{
    int p = -1;
    for (int c = 0; c < r->ncells;) {
        int j = slot_find(S, r->cells[c].key, p + 1);
        if (j >= 0) { p = j; c++; continue; }
        int e = c + 1, q = -1;
        for (; e < r->ncells; e++)
            if ((q = slot_find(S, r->cells[e].key, p + 1)) >= 0) break;
        int at = e < r->ncells ? q : S->n;
        for (int x = c; x < e; x++) slot_insert(S, at + (x - c), r->cells[x].key);
        p = at + (e - c) - 1;
        c = e;
    }
}

static void cell_texts(Fmt *F, LRow *r)
{
    Buf b = { 0 };
    for (int c = 0; c < r->ncells; c++) {
        FCell *x = &r->cells[c];
        b.n = 0;
        put_range(F, x->t0, x->t1, &b, -1, NULL);
        x->text = keep(F, &b);
        x->len = b.n;
        x->width = str_width(x->text, x->len, 1);
    }
    buf_free(&b);
}

static void set_text(Fmt *F, OLine *L, Buf *b)
{
    while (b->n && b->s[b->n - 1] == ' ') b->n--;
    L->text = keep(F, b);
    L->tlen = b->n;
    L->width = str_width(L->text, L->tlen, 1);
}

static void render_plain(Fmt *F, LRow *r);

static void align(Fmt *F, const int *rows, int n)
{
    Slots S = { 0 };
    for (int i = 0; i < n; i++) slot_merge(&S, &F->r[rows[i]]);
    /* every row's keys are in the list, in order (the merge keeps each
     * row embedded), so the leftmost match from the last one finds them */
    for (int i = 0; i < n; i++) {
        LRow *r = &F->r[rows[i]];
        int p = -1, c = 0;
        for (; c < r->ncells; c++) {
            int j = slot_find(&S, r->cells[c].key, p + 1);
            if (j < 0) break;
            r->cells[c].slot = p = j;
        }
        if (c < r->ncells) { /* cannot happen; printed as written all the same */
            for (int j = 0; j < n; j++) render_plain(F, &F->r[rows[j]]);
            xfree(S.key);
            return;
        }
    }
    S.w = xmalloc(sizeof(int) * (size_t)(S.n + 1));
    S.sep = xmalloc(sizeof(int) * (size_t)(S.n + 1));
    S.used = xmalloc(sizeof(bool) * (size_t)(S.n + 1));
    for (int j = 0; j < S.n; j++) { S.w[j] = 0; S.sep[j] = 1; S.used[j] = false; }
    for (int i = 0; i < n; i++) {
        LRow *r = &F->r[rows[i]];
        cell_texts(F, r);
        for (int c = 0; c < r->ncells; c++) {
            FCell *x = &r->cells[c];
            int p = x->slot;
            if (x->sep > S.sep[p]) S.sep[p] = x->sep;
            if (x->t1 > x->t0) S.used[p] = true;
            if (x->span == 1 && x->width > S.w[p]) S.w[p] = x->width;
        }
    }
    /* in expenditure and economic tables every amount column has the
     * width of the widest amount, so the columns look like one grid */
    if (F->r[rows[0]].cls == CLS_EXP || F->r[rows[0]].cls == CLS_ECO) {
        bool *am = xmalloc(sizeof(bool) * (size_t)(S.n + 1));
        int wmax = 0;
        for (int j = 0; j < S.n; j++) am[j] = false;
        for (int i = 0; i < n; i++) {
            const LRow *r = &F->r[rows[i]];
            for (int c = 0; c < r->ncells; c++)
                if (r->cells[c].amount) am[r->cells[c].slot] = true;
        }
        for (int j = 0; j < S.n; j++)
            if (am[j] && S.w[j] > wmax) wmax = S.w[j];
        for (int j = 0; j < S.n; j++)
            if (am[j]) S.w[j] = wmax;
        xfree(am);
    }
    /* a cell over several columns widens the last of them if it must */
    for (int i = 0; i < n; i++) {
        LRow *r = &F->r[rows[i]];
        for (int c = 0; c < r->ncells; c++) {
            FCell *x = &r->cells[c];
            if (x->span == 1) continue;
            int avail = 0, last = x->slot;
            bool any = false;
            for (int u = x->slot; u < x->slot + x->span && u < S.n; u++)
                if (S.used[u]) {
                    avail += (any ? S.sep[u] : 0) + S.w[u];
                    any = true;
                    last = u;
                }
            if (x->width > avail) S.w[last] += x->width - avail;
        }
    }
    Buf b = { 0 };
    for (int i = 0; i < n; i++) {
        LRow *r = &F->r[rows[i]];
        OLine *L = &F->l[r->l0];
        b.n = 0;
        pad(&b, 4 * L->depth);
        bool first = true;
        int ci = 0;
        for (int s = 0; s < S.n;) {
            while (ci < r->ncells && r->cells[ci].slot < s) ci++;
            FCell *x = ci < r->ncells && r->cells[ci].slot == s ? &r->cells[ci] : NULL;
            if (x && x->span > 1) {
                int avail = 0;
                bool any = false;
                for (int u = s; u < s + x->span && u < S.n; u++)
                    if (S.used[u]) {
                        avail += (any ? S.sep[u] : 0) + S.w[u];
                        any = true;
                    }
                if (!first) pad(&b, S.sep[s]);
                first = false;
                buf_add(&b, x->text, x->len);
                pad(&b, avail - x->width);
                s += x->span;
                continue;
            }
            if (!S.used[s]) { s++; continue; }
            if (x && x->key == K_END) /* a closing brace follows the last item, not a column */
                while (b.n && b.s[b.n - 1] == ' ') b.n--;
            if (!first) pad(&b, S.sep[s]);
            first = false;
            int w = x ? x->width : 0;
            if (x && x->right) pad(&b, S.w[s] - w);
            if (x) buf_add(&b, x->text, x->len);
            if (!(x && x->right)) pad(&b, S.w[s] - w);
            s++;
        }
        set_text(F, L, &b);
    }
    buf_free(&b);
    xfree(S.key);
    xfree(S.w);
    xfree(S.sep);
    xfree(S.used);
}

static const Fmt *sort_fmt;
static int cmp_rows(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    const LRow *x = &sort_fmt->r[i], *y = &sort_fmt->r[j];
    if (x->block != y->block) return x->block < y->block ? -1 : 1;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->cls != y->cls) return x->cls < y->cls ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* Rows printed as written (spacing aside): openers, closers, continued
 * rows, and whatever has no columns. */
static void render_plain(Fmt *F, LRow *r)
{
    Buf b = { 0 };
    int col = 0;
    for (int k = 0; k < r->nl; k++) {
        OLine *L = &F->l[r->l0 + k];
        b.n = 0;
        if (k == 0) {
            pad(&b, 4 * L->depth);
            int s = L->t1 - 1;
            while (s > L->t0 && F->t[s - 1].kind == STRING) s--;
            size_t mark = b.n;
            put_range(F, L->t0, L->t1, &b, s, &mark);
            col = str_width(b.s, mark, 1);
        } else {
            pad(&b, col);
            put_range(F, L->t0, L->t1, &b, -1, NULL);
        }
        set_text(F, L, &b);
    }
    buf_free(&b);
}

static void render_rows(Fmt *F)
{
    int *idx = xmalloc(sizeof(int) * (size_t)(F->nr + 1)), n = 0;
    for (int i = 0; i < F->nr; i++) {
        if (F->r[i].cls != CLS_PLAIN) idx[n++] = i;
        else render_plain(F, &F->r[i]);
    }
    sort_fmt = F;
    if (n > 1) qsort(idx, (size_t)n, sizeof(int), cmp_rows);
    for (int a = 0; a < n;) {
        int e = a + 1;
        while (e < n && F->r[idx[e]].block == F->r[idx[a]].block && F->r[idx[e]].group == F->r[idx[a]].group &&
               F->r[idx[e]].cls == F->r[idx[a]].cls)
            e++;
        align(F, idx + a, e - a);
        a = e;
    }
    xfree(idx);
}

/* ------------------------------------------------------------- emitting */

static bool comment_only(const OLine *L) { return !L->blank && L->t0 == L->t1; }

/* A blank line between top-level statements when one of them spans
 * several lines, above the comment lines that sit directly on the second. */
static void mark_blank_lines(Fmt *F)
{
    int prev_end = -1;
    bool have_prev = false, prev_multi = false;
    for (int k = 0; k < F->nl;) {
        const OLine *L = &F->l[k];
        if (L->row < 0 || L->cont || L->depth != 0 || L->closer) { k++; continue; }
        const LRow *r = &F->r[L->row];
        int last = r->l0 + r->nl - 1, end = last;
        bool multi = F->l[last].opener;
        if (multi) {
            end = last + 1;
            while (end < F->nl && !(F->l[end].closer && F->l[end].depth == 0)) end++;
            if (end >= F->nl) end = F->nl - 1;
        }
        if (have_prev) {
            bool blank = false;
            for (int j = prev_end + 1; j < k; j++)
                if (F->l[j].blank) blank = true;
            int a = k;
            while (a - 1 > prev_end && comment_only(&F->l[a - 1])) a--;
            if (!blank && (prev_multi || multi)) F->l[a].blank_before = true;
        }
        have_prev = true;
        prev_end = end;
        prev_multi = multi;
        k = end + 1;
    }
}

static void emit(Fmt *F, Buf *out)
{
    int *E = xmalloc(sizeof(int) * (size_t)(2 * F->nl + 1)), ne = 0;
    for (int k = 0; k < F->nl; k++) {
        const OLine *L = &F->l[k];
        if (L->blank) {
            if (ne == 0 || E[ne - 1] < 0 || F->l[E[ne - 1]].opener) continue;
            int j = k + 1;
            while (j < F->nl && F->l[j].blank) j++;
            if (j == F->nl || F->l[j].closer) continue;
            E[ne++] = -1;
            continue;
        }
        if (L->blank_before && ne > 0 && E[ne - 1] >= 0) E[ne++] = -1;
        E[ne++] = k;
    }
    const char *eol = F->crlf ? "\r\n" : "\n";
    if (F->f->start == 3) buf_add(out, "\xEF\xBB\xBF", 3);
    for (int e = 0; e < ne;) {
        if (E[e] < 0) { buf_adds(out, eol); e++; continue; }
        const OLine *L = &F->l[E[e]];
        if (L->t1 > L->t0 && L->clen) {
            int j = e, col = 0;
            for (; j < ne && E[j] >= 0 && F->l[E[j]].t1 > F->l[E[j]].t0 && F->l[E[j]].clen; j++)
                if (F->l[E[j]].width > col) col = F->l[E[j]].width;
            for (; e < j; e++) {
                const OLine *M = &F->l[E[e]];
                buf_add(out, M->text, M->tlen);
                pad(out, col + 2 - M->width);
                buf_add(out, F->f->text + M->coff, M->clen);
                buf_adds(out, eol);
            }
            continue;
        }
        if (L->t1 > L->t0) {
            buf_add(out, L->text, L->tlen);
        } else {
            pad(out, 4 * L->depth);
            buf_add(out, F->f->text + L->coff, L->clen);
        }
        buf_adds(out, eol);
        e++;
    }
    xfree(E);
}

/* Format a file that parsed without syntax errors.  False when its tokens
 * cannot be laid out (unbalanced braces: cannot happen after a clean
 * parse). */
static bool fmt_text(Unit *u, SrcFile *f, Buf *out)
{
    Fmt F;
    memset(&F, 0, sizeof F);
    F.f = f;
    RTok *R;
    int n;
    bool ok = fmt_lex(u, f, &R, &n) && build_lines(&F, R, n);
    xfree(R);
    if (ok) {
        build_rows(&F);
        shape_rows(&F);
        render_rows(&F);
        mark_blank_lines(&F);
        emit(&F, out);
    }
    xfree(F.t);
    xfree(F.l);
    xfree(F.r);
    xfree(F.bkind);
    arena_free(&F.arena);
    return ok;
}

/* ---------------------------------------------------------------- guard */

/* What the parser sees of a file, whitespace aside: its tokens (numbers
 * without grouping commas), its comments, where lines break between two
 * tokens (ignoring breaks next to braces, which the grammar treats alike)
 * and which breaks join two strings. */
static bool meaning(Unit *u, SrcFile *f, Buf *out)
{
    RTok *R;
    int n;
    bool ok = fmt_lex(u, f, &R, &n);
    int prev = 0, nls = 0;
    bool com = false;
    for (int i = 0; ok && i < n; i++) {
        const RTok *t = &R[i];
        const char *s = f->text + t->off;
        if (t->kind == NL) { nls++; continue; }
        if (t->kind == '#') {
            uint32_t len = t->len;
            while (len > 1 && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
            buf_add(out, "C", 1);
            buf_add(out, s, len);
            buf_add(out, "\n", 1);
            com = true;
            continue;
        }
        if (prev && nls) {
            if (prev == STRING && t->kind == STRING && nls == 1 && !com) buf_adds(out, "J\n");
            else if (prev != '{' && prev != '}' && t->kind != '{' && t->kind != '}') buf_adds(out, "B\n");
        }
        nls = 0;
        com = false;
        if (is_num(t->kind)) {
            buf_add(out, "N", 1);
            for (uint32_t k = 0; k < t->len; k++)
                if (s[k] != ',') buf_add(out, s + k, 1);
            buf_add(out, "\n", 1);
        } else {
            char k[3] = { (char)('A' + t->kind / 64), (char)('0' + t->kind % 64), ':' };
            buf_add(out, k, 3);
            buf_add(out, s, t->len);
            buf_add(out, "\n", 1);
        }
        prev = t->kind;
    }
    xfree(R);
    return ok;
}

static int count_syntax_errors(const Diags *ds)
{
    int n = 0;
    for (int i = 0; i < ds->n; i++)
        if (is_syntax_code(ds->d[i].code)) n++;
    return n;
}

/* The formatted text must mean what the original meant. */
static bool guard(Unit *u, SrcFile *f, const Buf *formatted)
{
    Unit *v = unit_new(u->opts);
    SrcFile *g = src_from_memory(v, f->path, formatted->s ? formatted->s : "", formatted->n, false);
    Vec stmts = { 0 };
    parse_file(v, g, &stmts);
    bool ok = count_syntax_errors(&v->diags) == 0;
    Buf a = { 0 }, b = { 0 };
    ok = ok && meaning(u, f, &a) && meaning(v, g, &b) && a.n == b.n && (a.n == 0 || memcmp(a.s, b.s, a.n) == 0);
    buf_free(&a);
    buf_free(&b);
    unit_free(v);
    return ok;
}

/* For writers of BDL (bdlc import): `text` laid out as `bdlc fmt` lays it
 * out, so fmt of their output changes nothing.  False (out untouched) when
 * it has syntax errors or formatting would change its meaning. */
bool fmt_buffer(const char *name, const char *text, size_t len, Buf *out)
{
    static const LoadOptions lo;
    Unit *u = unit_new(&lo);
    SrcFile *f = src_from_memory(u, name, text, len, false);
    Vec stmts = { 0 };
    if (f) parse_file(u, f, &stmts);
    Buf b = { 0 };
    bool ok = f && !count_syntax_errors(&u->diags) && fmt_text(u, f, &b) && guard(u, f, &b);
    if (ok) {
        buf_free(out);
        *out = b;
    } else buf_free(&b);
    unit_free(u);
    return ok;
}

/* ------------------------------------------------------------------ I/O */

static SrcFile *read_stdin(Unit *u)
{
    size_t n;
    char err[64];
    char *text = file_read(NULL, N_("'%s' is a directory"), &n, err, sizeof err);
    SrcFile *f = text ? src_from_memory(u, "<stdin>", text, n, false) : NULL;
    xfree(text);
    return f;
}

/* Drop what is not a syntax error (the parser also reports E105). */
static void keep_syntax_errors(Diags *ds)
{
    int k = 0;
    for (int i = 0; i < ds->n; i++) {
        Diag *d = &ds->d[i];
        if (is_syntax_code(d->code)) { ds->d[k++] = *d; continue; }
        if (d->sev == SEV_ERROR) ds->nerrors--;
        else if (d->sev == SEV_WARNING) ds->nwarnings--;
        xfree(d->msg);
        for (int j = 0; j < d->nnotes; j++) {
            xfree(d->notes[j].msg);
            xfree(d->notes[j].kind);
        }
        xfree(d->notes);
    }
    ds->n = k;
}

/* ------------------------------------------------------------------ CLI */

enum { MODE_PRINT, MODE_WRITE, MODE_CHECK };
enum { R_SAME, R_CHANGED, R_SYNTAX, R_IO };

static const char usage_fmt[] =
    N_("usage: bdlc fmt [--check | -w] FILE...\n"
    "\n"
    "Lays BDL files out in the canonical form: one row per line, 4-space indent,\n"
    "the rows of a block aligned in columns (a CJK character is 2 columns wide),\n"
    "amounts with grouping commas (fractional digits as written), a blank line\n"
    "between block statements.  Comments stay where they are.  Only whitespace\n"
    "and grouping commas change, never the meaning; formatting twice changes\n"
    "nothing.  Without -w or --check, the formatted FILE (one; - reads standard\n"
    "input) is printed on standard output.\n"
    "\n"
    "options:\n"
    "  -w, --write     rewrite the files that change, in place and atomically\n"
    "                  (a temporary file in the same folder, then a rename)\n"
    "  --check         change nothing; list the files that are not formatted\n"
    "                  (for pre-commit hooks and CI)\n"
    "  --color WHEN    colour of diagnostics: auto (default), always or never\n"
    "\n"
    "A file with a syntax error (E001-E010) is never changed: its errors are\n"
    "printed and the exit status is 1.\n"
    "\n"
    "exit status: 0 done (--check: every file formatted), 1 syntax errors or\n"
    "(--check) files to format, 2 usage or I/O error\n");

static int fmt_one(const char *path, int mode, const DiagOptions *dopt)
{
    static const LoadOptions lo;
    Unit *u = unit_new(&lo);
    bool from_stdin = strcmp(path, "-") == 0;
    char err[600];
    SrcFile *f = from_stdin ? read_stdin(u) : src_load(u, path, err, sizeof err);
    if (!f) {
        if (from_stdin) fprintf(stderr, _("bdlc: error: cannot read standard input: %s\n"), strerror(errno));
        else fprintf(stderr, _("bdlc: error: %s\n"), err);
        unit_free(u);
        return R_IO;
    }
    Vec stmts = { 0 };
    parse_file(u, f, &stmts);
    if (count_syntax_errors(&u->diags)) {
        keep_syntax_errors(&u->diags);
        diag_sort(&u->diags);
        Diags *list[1] = { &u->diags };
        DiagOptions o = *dopt;
        diag_print(list, 1, &o, stderr);
        fprintf(stderr, _("bdlc: %s has syntax errors; it was not formatted\n"), f->path);
        unit_free(u);
        return R_SYNTAX;
    }
    Buf out = { 0 };
    int rc;
    if (!fmt_text(u, f, &out) || !guard(u, f, &out)) {
        fprintf(stderr, _("bdlc: internal error: formatting %s would change its meaning; it was left "
                        "untouched (please report this bug with the file)\n"), f->path);
        rc = R_IO;
    } else {
        const char *body = out.s ? out.s : "";
        bool same = out.n == f->len && memcmp(body, f->text, out.n) == 0;
        rc = same ? R_SAME : R_CHANGED;
        if (mode == MODE_PRINT) {
            fwrite(body, 1, out.n, stdout);
            if (fflush(stdout) != 0) {
                fprintf(stderr, _("bdlc: error: cannot write standard output: %s\n"), strerror(errno));
                rc = R_IO;
            }
        } else if (mode == MODE_CHECK) {
            if (!same) printf("%s\n", path);
        } else if (!same && !file_write(path, "fmt-", body, out.n, err, sizeof err)) {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            rc = R_IO;
        }
    }
    buf_free(&out);
    unit_free(u);
    return rc;
}

static int fmt_run(const CmdLine *cl)
{
    if (cl->val[OPT_WRITE] && cl->val[OPT_CHECK]) return cl->usage_error(cl, "%s", _("-w and --check exclude each other"));
    int mode = cl->val[OPT_CHECK] ? MODE_CHECK : cl->val[OPT_WRITE] ? MODE_WRITE : MODE_PRINT;
    if (!cl->nfiles) return cl->usage_error(cl, "%s", _("no input files; usage: bdlc fmt [--check | -w] FILE..."));
    if (mode == MODE_PRINT && cl->nfiles > 1)
        return cl->usage_error(cl, "%s", _("without -w or --check, give one file (the result goes to standard output)"));
    for (int i = 0; mode == MODE_WRITE && i < cl->nfiles; i++)
        if (strcmp(cl->files[i], "-") == 0) return cl->usage_error(cl, "%s", _("-w cannot rewrite standard input"));
    bool io = false, problems = false;
    for (int i = 0; i < cl->nfiles; i++) {
        int r = fmt_one(cl->files[i], mode, &cl->diag);
        if (r == R_IO) io = true;
        else if (r == R_SYNTAX || (r == R_CHANGED && mode == MODE_CHECK)) problems = true;
    }
    fflush(stdout);
    return io ? 2 : problems ? 1 : 0;
}

const Command cmd_fmt = {
    "fmt", "fmt FILE...", N_("lay files out in the canonical form"), usage_fmt, OPT(OPT_WRITE) | OPT(OPT_CHECK) | OPT(OPT_COLOR),
    "bdlc fmt: ", "bdlc fmt --help", fmt_run,
};
