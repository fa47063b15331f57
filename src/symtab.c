/*
 * symtab.c — classifications, funding sources and vocabularies (spec §4).
 *
 * Declarations are collected from every statement of the unit, stdlib and
 * user files alike, before any check runs: a budget may use a code that a
 * classification block further down the file adds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

/* ------------------------------------------------------------- folding */

/* Spec §3: fold （）/() and drop ASCII spaces, U+3000 and no-break spaces.
 * Into a Buf: the whole name, however long (a fixed buffer once cut long
 * names short, and two that differed only past its end compared equal). */
void name_fold(Str s, Buf *out)
{
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = utf8_decode(s.s + i, s.n - i, &cp);
        if (!k) { k = 1; cp = 0xFFFD; }
        if (cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == 0x202F || cp == '\t') { i += (uint32_t)k; continue; }
        if (cp == 0xFF08) buf_add(out, "(", 1);
        else if (cp == 0xFF09) buf_add(out, ")", 1);
        else buf_add(out, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
}

/* The bytes that start a character folding changes, as a table: one load a
 * byte.  Only spaces, NBSP (C2 A0), U+202F (E2 80 AF), U+3000 (E3 80 80)
 * and （ ） (EF BC 88/89) fold; most names hold none (CJK ideographs start
 * with E4-E9). */
static const bool fold_lead[256] = { [' '] = 1, ['\t'] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1 };

/* Could folding change s? */
bool name_foldable(Str s)
{
    const bool *lead = fold_lead;
    const unsigned char *p = (const unsigned char *)s.s;
    for (uint32_t i = 0; i < s.n; i++)
        if (lead[p[i]]) return true;
    return false;
}

/* name_fold's output one byte at a time, without a buffer: a byte that
 * cannot start a folding character (see name_foldable) stands for itself,
 * and so does every byte inside a character (continuation bytes never
 * start one), so only those lead bytes need decoding. */
typedef struct Folder {
    const unsigned char *s;
    uint32_t n, i;
} Folder;

static int fold_next(Folder *f)
{
    while (f->i < f->n) {
        unsigned char c = f->s[f->i];
        if (!fold_lead[c]) { f->i++; return c; }
        uint32_t cp;
        int k = utf8_decode((const char *)f->s + f->i, f->n - f->i, &cp);
        if (!k) { f->i++; return c; } /* invalid: the byte itself, as name_fold */
        f->i += (uint32_t)k;
        if (cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == 0x202F || cp == '\t') continue;
        if (cp == 0xFF08) return '(';
        if (cp == 0xFF09) return ')';
        f->i -= (uint32_t)k - 1; /* any other character: its bytes as they are */
        return c;
    }
    return -1;
}

/* name_fold(a) == name_fold(b), compared as they are made: most pairs of
 * different names differ within a few bytes, and nothing is allocated (this
 * runs for every pair of indicators of a project). */
bool name_equiv(Str a, Str b)
{
    if (str_eq(a, b)) return true;
    /* bytes that cannot start a folding character stand for themselves: up
     * to the first that can, compare them as they are (ideographs are such
     * bytes, so this usually decides) */
    const unsigned char *p = (const unsigned char *)a.s, *q = (const unsigned char *)b.s;
    uint32_t i = 0, n = a.n < b.n ? a.n : b.n;
    for (; i < n && !fold_lead[p[i]] && !fold_lead[q[i]]; i++)
        if (p[i] != q[i]) return false;
    Folder x = { p, a.n, i }, y = { q, b.n, i };
    for (;;) {
        int cx = fold_next(&x), cy = fold_next(&y);
        if (cx != cy) return false;
        if (cx < 0) return true;
    }
}

/* --------------------------------------------------------------- build */

ClassCode *sym_code(const Symtab *st, int cls, Str code)
{
    return map_get(&st->cls[cls].map, code);
}

Source *sym_source(const Symtab *st, Str s)
{
    for (int i = 0; i < st->sources.n; i++) {
        Source *src = st->sources.v[i];
        if (str_eq(src->name, s) || str_eq(src->key, s)) return src;
    }
    return NULL;
}

static int cmp_code(const void *a, const void *b)
{
    const ClassCode *x = *(ClassCode *const *)a, *y = *(ClassCode *const *)b;
    uint32_t n = x->code.n < y->code.n ? x->code.n : y->code.n;
    int c = memcmp(x->code.s, y->code.s, n);
    if (c) return c;
    return x->code.n < y->code.n ? -1 : x->code.n > y->code.n;
}

static bool file_builtin(Unit *u, Loc loc)
{
    return ((SrcFile *)u->files.v[loc.file])->builtin;
}

static void add_entry(Symtab *st, Unit *u, Stmt *s, ClassEntry *e, bool verbose)
{
    int k = s->u.cls.economic ? CLS_ECONOMIC : CLS_FUNCTION;
    Classification *c = &st->cls[k];
    ClassCode *old = map_get(&c->map, e->code.s);
    if (old) {
        if (!name_equiv(old->name, e->name.s)) {
            diag_at(&u->diags, e->code.loc, "E105",
                    "code %.*s is already declared as '%.*s'; a classification code keeps its standard name",
                    (int)e->code.s.n, e->code.s.s, (int)old->name.n, old->name.s);
            diag_note(&u->diags, &old->loc, "declared here");
        } else if (old->block == s) {
            diag_at(&u->diags, e->code.loc, "E105", "code %.*s is declared twice in this block",
                    (int)e->code.s.n, e->code.s.s);
            diag_note(&u->diags, &old->loc, "first declared here");
        }
        return;
    }
    ClassCode *cc = arena_alloc(&u->arena, sizeof *cc);
    cc->code = e->code.s;
    cc->name = e->name.s;
    cc->mark = e->mark;
    cc->loc = e->code.loc;
    cc->block = s;
    cc->builtin = file_builtin(u, e->code.loc);
    map_put(&c->map, cc->code, cc);
    vec_push(&c->codes, cc);
    if (verbose && !cc->builtin) {
        SrcFile *f = u->files.v[cc->loc.file];
        fprintf(stderr, "%s:%d: note: %s code %.*s %.*s added by this budget\n", f->path, cc->loc.line,
                k == CLS_ECONOMIC ? "economic" : "function", (int)cc->code.n, cc->code.s, (int)cc->name.n,
                cc->name.s);
    }
}

/* Parenthood is by code prefix: 2010101 → 20101 → 201. */
static void link_parents(Classification *c, bool economic)
{
    /* the stdlib lists its codes in order: sorting them again at every
     * start cost more than the check of the reference budget's projects */
    bool sorted = true;
    for (int i = 1; i < c->codes.n && sorted; i++) sorted = cmp_code(&c->codes.v[i - 1], &c->codes.v[i]) < 0;
    if (!sorted) qsort(c->codes.v, (size_t)c->codes.n, sizeof(void *), cmp_code);
    for (int i = 0; i < c->codes.n; i++) {
        ClassCode *cc = c->codes.v[i];
        for (uint32_t n = cc->code.n; n > 3;) {
            n = n - 2 >= 3 ? n - 2 : 3;
            ClassCode *p = map_get(&c->map, (Str){ cc->code.s, n });
            if (p) {
                cc->parent = p;
                p->nchildren++;
                break;
            }
        }
    }
    if (!economic) return;
    /* classes are inherited top-down; codes are sorted so parents come first */
    for (int i = 0; i < c->codes.n; i++) {
        ClassCode *cc = c->codes.v[i];
        if (!cc->mark) cc->mark = cc->parent ? cc->parent->mark : CELL_PUBLIC;
    }
}

void sym_build(Symtab *st, Unit *u, bool verbose)
{
    memset(st, 0, sizeof *st);
    Diags *ds = &u->diags;
    for (int i = 0; i < u->stmts.n; i++) {
        Stmt *s = u->stmts.v[i];
        if (s->broken) continue;
        switch (s->kind) {
        case ST_CLASSIFICATION: {
            Classification *c = &st->cls[s->u.cls.economic];
            c->present = true;
            if (s->u.cls.title.present && !c->title.n) c->title = s->u.cls.title.s;
            for (int j = 0; j < s->u.cls.entries.n; j++) add_entry(st, u, s, s->u.cls.entries.v[j], verbose);
            break;
        }
        case ST_SOURCE: {
            Source *dup = sym_source(st, s->u.source.key.s);
            if (!dup) dup = sym_source(st, s->u.source.name.s);
            if (dup) {
                diag_at(ds, s->u.source.key.loc, "E105", "the funding source '%.*s' is declared twice",
                        (int)s->u.source.name.s.n, s->u.source.name.s.s);
                break;
            }
            Source *src = arena_alloc(&u->arena, sizeof *src);
            src->key = s->u.source.key.s;
            src->name = s->u.source.name.s;
            src->fiscal = s->u.source.fiscal;
            for (int k = 0; k < 3; k++)
                src->label[k] = s->u.source.label[k].present ? s->u.source.label[k].s : src->name;
            src->index = st->sources.n;
            vec_push(&st->sources, src);
            break;
        }
        case ST_LEVELS:
            st->has_levels = true;
            for (int j = 0; j < s->u.levels.groups.n; j++) {
                LevelGroup *g = s->u.levels.groups.v[j];
                for (int k = 0; k < g->level2.n; k++) {
                    Name *l2 = g->level2.v[k];
                    size_t n = g->level1.s.n + 1 + l2->s.n;
                    char *key = arena_alloc(&u->arena, n + 1);
                    memcpy(key, g->level1.s.s, g->level1.s.n);
                    key[g->level1.s.n] = '/';
                    memcpy(key + g->level1.s.n + 1, l2->s.s, l2->s.n);
                    map_put(&st->levels, (Str){ key, (uint32_t)n }, key);
                }
            }
            break;
        case ST_TP_CODES:
            st->has_tp_codes = true;
            for (int k = 0; k < 4; k++)
                if (s->u.tpcodes.code[k].present) st->tp_code[k] = s->u.tpcodes.code[k].s;
            break;
        case ST_LINKS:
            for (int j = 0; j < s->u.links.pairs.n; j++) vec_push(&st->links, s->u.links.pairs.v[j]);
            break;
        default:
            break;
        }
    }
    link_parents(&st->cls[CLS_FUNCTION], false);
    link_parents(&st->cls[CLS_ECONOMIC], true);
}

void sym_free(Symtab *st)
{
    for (int k = 0; k < 2; k++) {
        map_free(&st->cls[k].map);
        vec_free(&st->cls[k].codes);
    }
    vec_free(&st->sources);
    map_free(&st->levels);
    vec_free(&st->links);
}

const char *const proc_kind_name[PK_COUNT] = { "货物", "工程", "服务" };
