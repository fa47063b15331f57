/*
 * fuzz_pieces.c — libFuzzer target, differential: a budget read on one
 * thread and read in pieces on two (load.c, with BDL_SPLIT=1 every file is
 * cut wherever it can be; check.c spreads the projects) must give the same
 * statements and the same diagnostics, in the same order.  Any difference
 * aborts.  The input is the root file, loaded from memory; the stdlib is
 * imported from the copy compiled into bdlc.  Built and run by `make fuzz`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    unsetenv("BDL_PATH");
    return 0;
}

static Unit *run(const uint8_t *data, size_t size, bool pieces)
{
    setenv("BDL_THREADS", pieces ? "2" : "1", 1);
    setenv("BDL_SPLIT", pieces ? "1" : "4194304", 1);
    Unit *u = unit_new(NULL);
    load_unit_memory(u, "fuzz.bdl", (const char *)data, size);
    check_unit(u, NULL);
    diag_sort(&u->diags);
    return u;
}

static void same(bool ok, const char *what)
{
    if (ok) return;
    fprintf(stderr, "fuzz_pieces: one thread and pieces differ: %s\n", what);
    abort();
}

static bool has(const uint8_t *d, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(d + i, needle, k) == 0) return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (has(data, size, "include") || has(data, size, "previous") || has(data, size, "agencies"))
        return 0; /* no file system */
    Unit *a = run(data, size, false), *b = run(data, size, true);
    same(a->stmts.n == b->stmts.n, "statement count");
    for (int i = 0; i < a->stmts.n; i++) {
        Stmt *x = a->stmts.v[i], *y = b->stmts.v[i];
        same(x->kind == y->kind && x->loc.off == y->loc.off && x->loc.line == y->loc.line &&
                 x->loc.file == y->loc.file && x->end_line == y->end_line && x->broken == y->broken,
             "a statement");
    }
    same(a->diags.n == b->diags.n, "diagnostic count");
    for (int i = 0; i < a->diags.n; i++) {
        Diag *x = &a->diags.d[i], *y = &b->diags.d[i];
        same(strcmp(x->code, y->code) == 0 && x->loc.off == y->loc.off && x->loc.line == y->loc.line &&
                 x->loc.file == y->loc.file && x->loc.len == y->loc.len && strcmp(x->msg, y->msg) == 0 &&
                 x->nnotes == y->nnotes,
             "a diagnostic");
        for (int k = 0; k < x->nnotes; k++)
            same(strcmp(x->notes[k].msg, y->notes[k].msg) == 0 && x->notes[k].has_loc == y->notes[k].has_loc &&
                     (!x->notes[k].has_loc || x->notes[k].loc.off == y->notes[k].loc.off),
                 "a note");
    }
    unit_free(a);
    unit_free(b);
    return 0;
}
