/*
 * fuzz_check.c — libFuzzer target for the whole pipeline: load (imports of
 * the built-in stdlib), every check, diagnostics printed in one of the three
 * formats, and — when the input checks clean — the derived model and the
 * JSON, HTML and CSV back ends.  Built and run by `make fuzz`.
 *
 * The input is the root file, loaded from memory under the name
 * TMP/fuzz.bdl, so its includes resolve in TMP, a private temporary folder
 * holding a few small fixture files (a declaration fragment, a file that
 * includes it, one that includes itself), so include, E020 and E021 paths
 * are reached without touching the rest of the file system: an input that
 * contains `include` is skipped unless it is free of '/' and '\' (no
 * absolute or parent paths, no escapes spelling them).
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
    if (has(data, size, "include") && (memchr(data, '/', size) || memchr(data, '\\', size))) return 0;
    Unit *u = unit_new(NULL);
    load_unit_memory(u, root, (const char *)data, size);
    CheckResult res;
    check_unit(u, &(CheckOptions){ .verbose = size & 1, .result = &res });
    diag_sort(&u->diags);
    /* vary the report without spending input bytes on it */
    DiagOptions o = { .format = (DiagFormat)(size % 3), .max_errors = (size & 4) ? 0 : 50,
                      .color = (size & 8) != 0, .werror = (size & 16) != 0 };
    Diags *list[1] = { &u->diags };
    diag_print(list, 1, &o, devnull);
    if (!u->diags.nerrors) {
        char err[256];
        Model *m = model_build(u, &res, err, sizeof err);
        if (m) {
            Buf b = { 0 };
            emit_json(m, &b);
            emit_html(m, &b);
            for (int i = 0; i < MT_COUNT; i++) emit_csv_table(m, &m->tables[i], i & 1, &b);
            emit_csv_projects(m, true, &b);
            buf_free(&b);
            model_free(m);
        }
    }
    check_result_free(&res);
    unit_free(u);
    return 0;
}
