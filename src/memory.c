/*
 * memory.c — the allocator hook, the arena and small vectors.
 *
 * Every allocation goes through bdl_realloc_hook so a test can count or
 * fail them.  A unit's AST lives in one arena: freed at once, never leaked
 * on an error path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

static void *default_realloc(void *ptr, size_t size)
{
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

void *(*bdl_realloc_hook)(void *ptr, size_t size) = default_realloc;

void *xrealloc(void *ptr, size_t size)
{
    void *p = bdl_realloc_hook(ptr, size ? size : 1);
    if (!p) {
        /* _Exit, not exit: a parsing thread may get here while another
         * thread runs (exit from two threads at once is undefined); an
         * output file is written only by rename, so nothing is half done */
        fputs("bdlc: out of memory\n", stderr);
        _Exit(2);
    }
    return p;
}

void *xmalloc(size_t size) { return xrealloc(NULL, size); }
void xfree(void *ptr) { if (ptr) bdl_realloc_hook(ptr, 0); }

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

struct ArenaBlock {
    ArenaBlock *next;
    /* data follows */
};

/* Blocks start at 64 KiB and double up to 8 MiB: a small budget stays
 * small, a big one takes few allocations.  (Asking for transparent huge
 * pages here was tried: in this VM it made page faults slower, not faster.) */
enum { ARENA_BLOCK = 64 * 1024, ARENA_BLOCK_MAX = 8 << 20 };

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if ((size_t)(a->end - a->cur) < size) {
        if (a->block < ARENA_BLOCK) a->block = ARENA_BLOCK;
        else if (a->block < ARENA_BLOCK_MAX) a->block *= 2;
        size_t bsize = size > a->block / 4 ? size : a->block;
        ArenaBlock *b = xmalloc(sizeof(ArenaBlock) + bsize);
        b->next = a->head;
        a->head = b;
        a->cur = (char *)(b + 1);
        a->end = a->cur + bsize;
    }
    void *p = a->cur;
    a->cur += size;
    memset(p, 0, size);
    return p;
}

/* Take over src's blocks (a piece parsed on another thread): they are freed
 * with dst.  dst keeps allocating from its current block. */
void arena_adopt(Arena *dst, Arena *src)
{
    if (!src->head) return;
    if (!dst->head) {
        *dst = *src;
    } else {
        ArenaBlock *tail = src->head;
        while (tail->next) tail = tail->next;
        tail->next = dst->head->next;
        dst->head->next = src->head;
    }
    src->head = NULL;
    src->cur = src->end = NULL;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        xfree(b);
        b = next;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
}

void vec_push(Vec *vec, void *item)
{
    if (vec->n == vec->cap) {
        vec->cap = vec->cap ? vec->cap * 2 : 8;
        vec->v = xrealloc(vec->v, sizeof(void *) * (size_t)vec->cap);
    }
    vec->v[vec->n++] = item;
}

void vec_free(Vec *vec)
{
    xfree(vec->v);
    vec->v = NULL;
    vec->n = vec->cap = 0;
}

bool str_eq(Str a, Str b) { return a.n == b.n && (a.n == 0 || memcmp(a.s, b.s, a.n) == 0); }
bool str_eqc(Str a, const char *c) { return str_eq(a, str_c(c)); }
Str str_c(const char *c) { return (Str){ c, (uint32_t)strlen(c) }; }

/* Vectors inside the AST grow in the arena: nothing to free one by one. */
void vec_apush(Arena *a, Vec *vec, void *item)
{
    if (vec->n == vec->cap) {
        int cap = vec->cap ? vec->cap * 2 : 4;
        void **v = arena_alloc(a, sizeof(void *) * (size_t)cap);
        if (vec->n) memcpy(v, vec->v, sizeof(void *) * (size_t)vec->n);
        vec->v = v;
        vec->cap = cap;
    }
    vec->v[vec->n++] = item;
}
