/*
 * fuzz_check.c — libFuzzer target for the whole pipeline: load (imports of
 * the built-in stdlib), every check, diagnostics printed in one of the three
 * formats, and — when the input checks clean — the derived model and the
 * JSON, HTML and CSV back ends through the budget's layout, with the
 * narrative.  Built and run by `make fuzz`; `make test` replays the seeds
 * through it (tests/fuzz/replay.c), so a change of an API it calls breaks
 * the suite, not only the next fuzzing run.
 *
 * The input is the root file, loaded from memory under the name
 * TMP/fuzz.bdl, so its includes resolve in TMP, a private temporary folder
 * holding a few small fixture files (a declaration fragment, a file that
 * includes it, one that includes itself), so include, E020 and E021 paths
 * are reached without touching the rest of the file system: an input that
 * contains `include` is skipped unless it is free of '/' and '\' (no
 * absolute or parent paths, no escapes spelling them); so is one naming
 * another file by `previous` or `agencies`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bdl.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;
static char tmpdir[] = "/tmp/bdlc-fuzz.XXXXXX";
static char root[64];

static const struct { const char *name, *text; } fixtures[] = {
    { "decl.bdl", "source general 一般公共预算资金 fiscal\n"
                  "classification function {\n    201 一般公共服务支出\n    20101 人大事务\n"
                  "    2010101 行政运行\n}\n" },
    { "inc.bdl", "include \"decl.bdl\"\n" },
    { "self.bdl", "include \"self.bdl\"\n" },
    { "bad.bdl", "income {\n  x 1.5.5\n}\n\xff\n" },
};

static void cleanup(void)
{
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
        char p[64];
        snprintf(p, sizeof p, "%s/%s", tmpdir, fixtures[i].name);
        unlink(p);
    }
    rmdir(tmpdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    unsetenv("BDL_PATH");
    if (!mkdtemp(tmpdir)) abort();
    snprintf(root, sizeof root, "%s/fuzz.bdl", tmpdir);
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
        char p[64];
        snprintf(p, sizeof p, "%s/%s", tmpdir, fixtures[i].name);
        FILE *f = fopen(p, "w");
        if (!f) abort();
        fputs(fixtures[i].text, f);
        fclose(f);
    }
    atexit(cleanup);
    return 0;
}

/* The layout the budget block names, or NULL for the default (as compile
 * does). */
static const char *budget_layout(const CheckResult *r, char *buf, size_t cap)
{
    if (!r->budget || !r->budget->u.budget.layout_clause.present) return NULL;
    Str s = r->budget->u.budget.layout.s;
    snprintf(buf, cap, "%.*s", (int)s.n, s.s);
    return buf;
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
    if (size > (1u << 24)) return 0;
    if ((has(data, size, "include") || has(data, size, "previous") || has(data, size, "agencies")) &&
        (memchr(data, '/', size) || memchr(data, '\\', size)))
        return 0;
    Unit *u = unit_new(NULL);
    load_unit_memory(u, root, (const char *)data, size);
    CheckResult res;
    Layout *lay = NULL;
    LayoutCheck lc = { NULL, NULL, &lay };
    check_unit(u, &(CheckOptions){ .verbose = size & 1, .result = &res, .table_hook = layout_check_table,
                                   .table_hook_ctx = &lc });
    Narrative *nv = narrative_check(u, &res, NULL, NULL);
    diag_sort(&u->diags);
    /* vary the report without spending input bytes on it */
    DiagOptions o = { .format = (DiagFormat)(size % 3), .max_errors = (size & 4) ? 0 : 50,
                      .color = (size & 8) != 0, .werror = (size & 16) != 0 };
    Diags *list[1] = { &u->diags };
    diag_print(list, 1, &o, devnull);
    if (!u->diags.nerrors) {
        char err[600];
        if (!lay) lay = layout_load(budget_layout(&res, err, sizeof err), NULL, err, sizeof err);
        Model *m = lay ? model_build(u, &res, lay, err, sizeof err) : NULL;
        if (m && narrative_render(nv, m, err, sizeof err) == 0) {
            Buf b = { 0 };
            emit_json(m, &b);
            emit_html(m, &b);
            for (int i = 0; i < m->ntables; i++) emit_csv_table(m, &m->tables[i], i & 1, &b);
            emit_csv_projects(m, true, &b);
            emit_csv_index(m, false, &b);
            buf_free(&b);
        }
        model_free(m);
    }
    layout_free(lay);
    narrative_free(nv);
    check_result_free(&res);
    unit_free(u);
    return 0;
}
