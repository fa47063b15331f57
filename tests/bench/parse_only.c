/*
 * parse_only.c — `make bench`'s parser ceiling: load a budget exactly as
 * `bdlc check` does (load_unit: read, flex + bison with every semantic
 * action, imports and includes spliced) but run no check.  Prints what the
 * heap held at its peak, of which the source text, to size the AST.
 *
 *   build/bench/parse_only FILE
 */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "bdl.h"

static size_t live, peak;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* load_unit parses on several threads */

static void *count(void *ptr, size_t size);

/* the default hook, counting live bytes */
static void *counting_realloc(void *ptr, size_t size)
{
    pthread_mutex_lock(&lock);
    void *p = count(ptr, size);
    pthread_mutex_unlock(&lock);
    return p;
}

static void *count(void *ptr, size_t size)
{
    if (ptr) live -= malloc_usable_size(ptr);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (p) live += malloc_usable_size(p);
    else if (ptr) live += malloc_usable_size(ptr);
    if (live > peak) peak = live;
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: parse_only FILE\n", stderr);
        return 2;
    }
    bdl_realloc_hook = counting_realloc;
    LoadOptions lo = { 0 };
    Unit *u = unit_new(&lo);
    char err[600];
    if (!load_unit(u, argv[1], err, sizeof err)) {
        fprintf(stderr, "parse_only: %s\n", err);
        return 2;
    }
    size_t text = 0;
    for (int i = 0; i < u->files.n; i++) text += ((SrcFile *)u->files.v[i])->len;
    int rc = u->diags.nerrors ? 1 : 0;
    printf("%d files, %d statements, %d errors; heap at its peak %.1f MB, of which source text %.1f MB\n",
           u->files.n, u->stmts.n, u->diags.nerrors, peak / 1e6, text / 1e6);
    unit_free(u);
    return rc;
}
