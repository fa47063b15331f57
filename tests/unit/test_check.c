/*
 * test_check.c — the checks of spec §5 on small budgets loaded from temp
 * files (load_unit + check_unit), asserting the exact diagnostics: code,
 * line and code-point column, and for sums the declared value, the derived
 * value and the difference.  Also the reference example: as published it
 * gives E120, E121 ×3 and W126; the corrected copy gives nothing.
 *
 * Run from the repository root (as tests/run.sh does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bdl.h"

/* A clean budget: every check that can run, runs, and passes. */
static const char BASE[] =
    "import \"cn/2026\"\n"                                                           /*  1 */
    "\n"                                                                             /*  2 */
    "budget 2026 {\n"                                                                /*  3 */
    "    department 204 \"重庆市南川区人民代表大会常务委员会办公室\"\n"              /*  4 */
    "}\n"                                                                            /*  5 */
    "\n"                                                                             /*  6 */
    "income {\n"                                                                     /*  7 */
    "    一般公共预算资金 1,100.00\n"                                                /*  8 */
    "}\n"                                                                            /*  9 */
    "\n"                                                                             /* 10 */
    "expenditure {\n"                                                                /* 11 */
    "    total                 basic 1,000.00 project 100.00\n"                      /* 12 */
    "    201     一般公共服务支出 basic 1,000.00 project 100.00\n"                   /* 13 */
    "    20101   人大事务         basic 1,000.00 project 100.00\n"                   /* 14 */
    "    2010101 行政运行         basic 1,000.00\n"                                  /* 15 */
    "    2010104 人大会议         project 100.00\n"                                  /* 16 */
    "}\n"                                                                            /* 17 */
    "\n"                                                                             /* 18 */
    "economic {\n"                                                                   /* 19 */
    "    total 1,000.00 personnel 800.00 public 200.00\n"                            /* 20 */
    "    301 工资福利支出 800.00\n"                                                  /* 21 */
    "    30101 基本工资 800.00\n"                                                    /* 22 */
    "    302 商品和服务支出 200.00\n"                                                /* 23 */
    "    30201 办公费 200.00\n"                                                      /* 24 */
    "}\n"                                                                            /* 25 */
    "\n"                                                                             /* 26 */
    "project 50011926T000005286480 \"区人大大型会议类\" {\n"                         /* 27 */
    "    amount 100.00\n"                                                            /* 28 */
    "    function 2010104\n"                                                         /* 29 */
    "    goal \"目标\"\n"                                                            /* 30 */
    "    indicator 产出指标/数量指标/会议次数 >= 2 次 weight 50 core\n"              /* 31 */
    "    indicator 满意度指标/满意度指标/满意度 >= 90 % weight 50\n"                 /* 32 */
    "}\n";                                                                           /* 33 */

/* ------------------------------------------------------------- fixture */

typedef struct Run {
    char *path;
    char *text; /* what was written */
    Unit *u;
} Run;

static Run *cur;

static int teardown(void **state)
{
    (void)state;
    if (!cur) return 0;
    if (cur->u) unit_free(cur->u);
    if (cur->path) {
        unlink(cur->path);
        free(cur->path);
    }
    free(cur->text);
    free(cur);
    cur = NULL;
    return 0;
}

/* Load and check a unit from a file (the text is written to a temp file
 * when path is NULL). */
static Unit *run_file(const char *path, const char *text)
{
    teardown(NULL);
    cur = calloc(1, sizeof *cur);
    assert_non_null(cur);
    if (!path) {
        char tmpl[] = "/tmp/bdl-test-check-XXXXXX.bdl";
        int fd = mkstemps(tmpl, 4);
        assert_true(fd >= 0);
        size_t n = strlen(text);
        assert_int_equal(write(fd, text, n), (ssize_t)n);
        close(fd);
        cur->path = strdup(tmpl);
        cur->text = strdup(text);
        path = cur->path;
    }
    cur->u = unit_new(NULL);
    char err[512];
    if (!load_unit(cur->u, path, err, sizeof err)) {
        print_error("cannot load %s: %s\n", path, err);
        fail();
    }
    CheckOptions o = { 0 };
    check_unit(cur->u, &o);
    diag_sort(&cur->u->diags);
    return cur->u;
}

static Unit *run(const char *text) { return run_file(NULL, text); }

/* BASE with `from` (which must occur exactly once) replaced by `to`. */
static char *variant(const char *from, const char *to)
{
    const char *at = strstr(BASE, from);
    if (!at || strstr(at + 1, from)) {
        print_error("'%s' must occur exactly once in BASE\n", from);
        fail();
    }
    size_t a = (size_t)(at - BASE), nf = strlen(from), nt = strlen(to), nb = strlen(BASE);
    char *s = malloc(nb - nf + nt + 1);
    assert_non_null(s);
    memcpy(s, BASE, a);
    memcpy(s + a, to, nt);
    memcpy(s + a + nt, at + nf, nb - a - nf + 1);
    return s;
}

static Unit *run_variant(const char *from, const char *to)
{
    char *text = variant(from, to);
    Unit *u = run(text);
    free(text);
    return u;
}

/* The code-point column of `needle` on line `line` of `text` (1-based),
 * counted here independently of src_column. */
static int col_of(const char *text, int line, const char *needle)
{
    const char *p = text;
    for (int l = 1; l < line; l++) {
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    const char *eol = strchr(p, '\n');
    const char *at = strstr(p, needle);
    if (!at || (eol && at > eol)) {
        print_error("'%s' is not on line %d\n", needle, line);
        fail();
    }
    int col = 1;
    for (const char *q = p; q < at; q++)
        if (((unsigned char)*q & 0xC0) != 0x80) col++;
    return col;
}

typedef struct Want {
    const char *code;
    int line, col;
} Want;

static void dump(const Unit *u)
{
    for (int i = 0; i < u->diags.n; i++) {
        const Diag *d = &u->diags.d[i];
        const SrcFile *f = u->files.v[d->loc.file];
        print_error("  %s:%d:%d: %s: %s\n", f->path, d->loc.line, src_column(f, d->loc.off), d->code, d->msg);
    }
}

/* The diagnostics (sorted by place) are exactly these, all in the root file. */
static void diags_are(const Unit *u, const Want *w, int n, int tline)
{
    bool ok = u->diags.n == n;
    for (int i = 0; ok && i < n; i++) {
        const Diag *d = &u->diags.d[i];
        const SrcFile *f = u->files.v[d->loc.file];
        ok = d->loc.file == 0 && strcmp(d->code, w[i].code) == 0 && d->loc.line == w[i].line &&
             src_column(f, d->loc.off) == w[i].col;
    }
    if (!ok) {
        print_error("diagnostics differ (test line %d); got:\n", tline);
        dump(u);
        print_error("wanted:\n");
        for (int i = 0; i < n; i++) print_error("  %d:%d: %s\n", w[i].line, w[i].col, w[i].code);
        fail();
    }
}
#define DIAGS(u, ...)                                                                                 \
    diags_are((u), (const Want[]){ __VA_ARGS__ }, (int)(sizeof((const Want[]){ __VA_ARGS__ }) / sizeof(Want)), \
              __LINE__)
#define NO_DIAGS(u) diags_are((u), NULL, 0, __LINE__)

/* A sum diagnostic shows the declared value, the derived value and the
 * difference (spec §5). */
static void shows_sum(const Diag *d, const char *declared, const char *derived, const char *difference)
{
    bool ok = strstr(d->msg, declared) && strstr(d->msg, derived);
    bool diff = strstr(d->msg, difference) != NULL;
    for (int i = 0; i < d->nnotes; i++)
        if (strstr(d->notes[i].msg, difference)) diff = true;
    if (!ok || !diff) {
        print_error("%s '%s' should show %s, %s and a difference of %s\n", d->code, d->msg, declared, derived,
                    difference);
        for (int i = 0; i < d->nnotes; i++) print_error("  %s: %s\n", d->notes[i].kind, d->notes[i].msg);
        fail();
    }
}

/* ---------------------------------------------------------------- tests */

static void test_clean(void **state)
{
    (void)state;
    Unit *u = run(BASE);
    NO_DIAGS(u);
    assert_int_equal(u->diags.nerrors, 0);
    assert_int_equal(u->diags.nwarnings, 0);
}

static void test_e110_parent_row(void **state)
{
    (void)state;
    Unit *u = run_variant("201     一般公共服务支出 basic 1,000.00 project 100.00",
                          "201     一般公共服务支出 basic 1,000.00 project 110.00");
    DIAGS(u, { "E110", 13, col_of(cur->text, 13, "110.00") });
    assert_int_equal(col_of(cur->text, 13, "110.00"), 45);
    shows_sum(&u->diags.d[0], "110.00", "100.00", "10.00");
    assert_int_equal(u->diags.d[0].sev, SEV_ERROR);
}

static void test_e111_total_row(void **state)
{
    (void)state;
    Unit *u = run_variant("total                 basic 1,000.00", "total                 basic 1,000.01");
    DIAGS(u, { "E111", 12, col_of(cur->text, 12, "1,000.01") });
    shows_sum(&u->diags.d[0], "1,000.01", "1,000.00", "0.01");
}

static void test_e111_total_cell(void **state)
{
    (void)state;
    /* a `total` cell asserts basic + project of its own row */
    Unit *u = run_variant("人大事务         basic 1,000.00 project 100.00",
                          "人大事务         basic 1,000.00 project 100.00 total 1,110.00");
    DIAGS(u, { "E111", 14, col_of(cur->text, 14, "1,110.00") });
    shows_sum(&u->diags.d[0], "1,110.00", "1,100.00", "10.00");
}

static void test_e112_income(void **state)
{
    (void)state;
    Unit *u = run_variant("一般公共预算资金 1,100.00", "一般公共预算资金 1,200.00");
    DIAGS(u, { "E112", 7, 1 }); /* the `income` line */
    shows_sum(&u->diags.d[0], "1,200.00", "1,100.00", "100.00");
}

static void test_e113_economic_vs_function(void **state)
{
    (void)state;
    Unit *u = run_variant("    total 1,000.00 personnel 800.00 public 200.00\n"
                          "    301 工资福利支出 800.00\n"
                          "    30101 基本工资 800.00\n",
                          "    total 1,050.00 personnel 850.00 public 200.00\n"
                          "    301 工资福利支出 850.00\n"
                          "    30101 基本工资 850.00\n");
    DIAGS(u, { "E113", 20, 5 }); /* the economic total row */
    shows_sum(&u->diags.d[0], "1,050.00", "1,000.00", "50.00");
}

static void test_e101_unknown_code(void **state)
{
    (void)state;
    /* an unknown code in a project's breakdown: only E101, with help */
    Unit *u = run_variant("    function 2010104\n", "    function 2010104\n    economic 30250 100.00\n");
    DIAGS(u, { "E101", 30, 14 });
    assert_true(u->diags.d[0].nnotes >= 1);
}

static void test_w104_name(void **state)
{
    (void)state;
    Unit *u = run_variant("2010101 行政运行 ", "2010101 行政运作 ");
    DIAGS(u, { "W104", 15, 13 });
    const Diag *d = &u->diags.d[0];
    assert_int_equal(d->sev, SEV_WARNING);
    assert_int_equal(u->diags.nerrors, 0);
    bool help = false;
    for (int i = 0; i < d->nnotes; i++) help |= strstr(d->notes[i].msg, "行政运行") != NULL;
    assert_true(help); /* the standard name as help */
}

static void test_w104_folded_name_is_fine(void **state)
{
    (void)state;
    Unit *u = run_variant("30101 基本工资 800.00", "30101 \"基本 工资\" 800.00");
    NO_DIAGS(u);
}

static void test_e102_e103_amounts(void **state)
{
    (void)state;
    /* one message, no cascade into the sums the amount is part of */
    Unit *u = run_variant("30101 基本工资 800.00", "30101 基本工资 800.001");
    DIAGS(u, { "E102", 22, 16 });
    u = run_variant("一般公共预算资金 1,100.00", "一般公共预算资金 -1,100.00");
    DIAGS(u, { "E103", 8, 14 });
    u = run_variant("一般公共预算资金 1,100.00", "一般公共预算资金 99,999,999,999,999,999.00");
    DIAGS(u, { "E103", 8, 14 });
    /* decimals above 6 */
    u = run_variant("    department 204", "    decimals 7\n    department 204");
    DIAGS(u, { "E103", 4, 14 });
}

static void test_e106_wrong_level(void **state)
{
    (void)state;
    Unit *u = run_variant("    2010104 人大会议         project 100.00\n",
                          "    2010104 人大会议         project 100.00\n    20105 统计信息事务 basic 5.00\n");
    DIAGS(u, { "E106", 17, 5 });
}

static void test_e107_leaf_without_amount(void **state)
{
    (void)state;
    Unit *u = run_variant("    2010104 人大会议         project 100.00\n",
                          "    2010104 人大会议         project 100.00\n    2010102 一般行政管理事务 total 0.00\n");
    DIAGS(u, { "E107", 17, 5 });
}

static void test_e105_duplicates(void **state)
{
    (void)state;
    Unit *u = run_variant("    2010104 人大会议         project 100.00\n",
                          "    2010104 人大会议         project 100.00\n    2010104 人大会议 project 0.00\n");
    DIAGS(u, { "E105", 17, 5 });
    assert_int_equal(u->diags.d[0].nnotes, 1);     /* points at the first */
    assert_int_equal(u->diags.d[0].notes[0].loc.line, 16);
    /* a once-per-unit block twice: at the later one */
    u = run_variant("\nexpenditure {", "\nincome {\n}\n\nexpenditure {");
    DIAGS(u, { "E105", 11, 1 });
}

static void test_e114_projects(void **state)
{
    (void)state;
    Unit *u = run_variant("    amount 100.00\n", "    amount 90.00\n");
    /* the total: at the expenditure total row; per code: at the code's row */
    DIAGS(u, { "E114", 12, 5 }, { "E114", 16, 5 });
    shows_sum(&u->diags.d[0], "90.00", "100.00", "10.00");
}

static void test_e115_three_public(void **state)
{
    (void)state;
    Unit *u = run_variant("\nproject ", "\nthree-public {\n    reception 8.00 overseas 0.00\n}\n\nproject ");
    DIAGS(u, { "E115", 28, 15 });
    shows_sum(&u->diags.d[0], "8.00", "0.00", "8.00");
}

static void test_e116_project_breakdown(void **state)
{
    (void)state;
    Unit *u = run_variant("    function 2010104\n", "    function 2010104\n    economic 30201 60.00\n");
    DIAGS(u, { "E116", 27, 1 }); /* the project line */
    shows_sum(&u->diags.d[0], "60.00", "100.00", "40.00");
}

static void test_e120_e121_e122_weights(void **state)
{
    (void)state;
    Unit *u = run_variant("weight 50 core", "weight 40 core");
    DIAGS(u, { "E120", 27, 1 });
    assert_non_null(strstr(u->diags.d[0].msg, "90"));
    /* a duplicate counts in the sum, and is E121 at the later one */
    u = run_variant("    indicator 满意度指标/满意度指标/满意度 >= 90 % weight 50\n",
                    "    indicator 满意度指标/满意度指标/满意度 >= 90 % weight 25\n"
                    "    indicator 满意度指标/满意度指标/满意度 >= 95 % weight 25\n");
    DIAGS(u, { "E121", 33, 5 });
    u = run_variant("% weight 50\n", "% weight 0\n");
    DIAGS(u, { "E122", 32, 46 }); /* at the weight */
    u = run_variant("% weight 50\n", "% weight 100.5\n");
    DIAGS(u, { "E122", 32, 46 });
    u = run_variant("% weight 50\n", "%\n");
    DIAGS(u, { "E122", 32, 5 }); /* missing: at the indicator */
    /* execution-weight counts toward 100 */
    u = run_variant("    amount 100.00\n", "    amount 100.00\n    execution-weight 10\n");
    DIAGS(u, { "E120", 27, 1 });
}

static void test_w123_w124_w125(void **state)
{
    (void)state;
    Unit *u = run_variant("weight 50 core", "weight 50");
    DIAGS(u, { "W124", 27, 1 });
    u = run_variant("    goal \"目标\"\n", "");
    DIAGS(u, { "W125", 27, 1 });
    u = run_variant("产出指标/数量指标/会议次数", "产出指标/满意度指标/会议次数");
    DIAGS(u, { "W123", 31, 15 });
    assert_int_equal(u->diags.nerrors, 0);
}

static void test_e130_e131(void **state)
{
    (void)state;
    Unit *u = run_variant("expenditure {", "expenditure 不存在资金 {");
    DIAGS(u, { "E130", 11, 13 });
    u = run_variant("    function 2010104\n", "    function 2010104\n    agency 999\n");
    DIAGS(u, { "E131", 30, 12 });
}

static void test_e132_allow(void **state)
{
    (void)state;
    Unit *u = run_variant("    department 204", "    allow E110 W999 W104\n    department 204");
    DIAGS(u, { "E132", 4, 11 }, { "E132", 4, 16 });
    /* an allowed warning is silenced, notes and all */
    u = run_variant("    department 204", "    allow W104\n    department 204");
    NO_DIAGS(u);
    char *text = variant("    department 204", "    allow W104\n    department 204");
    char *t2 = malloc(strlen(text) + 16);
    assert_non_null(t2);
    const char *at = strstr(text, "2010101 行政运行");
    memcpy(t2, text, (size_t)(at - text));
    strcpy(t2 + (at - text), "2010101 行政运作");
    strcat(t2, at + strlen("2010101 行政运行"));
    u = run(t2);
    free(text);
    free(t2);
    NO_DIAGS(u);
}

static void test_e010_broken_block(void **state)
{
    (void)state;
    /* a syntax error breaks its block: no sum check runs on it */
    Unit *u = run_variant("2010101 行政运行         basic 1,000.00", "2010101 行政运行         basic");
    DIAGS(u, { "E010", 15, 31 });
    /* a lexical error too, and its column counts code points */
    u = run_variant("30201 办公费 200.00", "30201 办公费 200.00 ＝");
    DIAGS(u, { "E002", 24, 22 });
}

static void test_e030_no_budget(void **state)
{
    (void)state;
    Unit *u = run("import \"cn/2026\"\nincome {\n}\n");
    DIAGS(u, { "E030", 1, 1 });
    u = run("\xEF\xBB\xBF" "income {\n}\n");
    DIAGS(u, { "E030", 1, 1 });
    u = run_variant("\nincome {", "\nbudget 2027 {\n}\n\nincome {");
    DIAGS(u, { "E030", 7, 1 });
}

/* ------------------------------------------------- the reference example */

static void count_codes(const Unit *u, const char *code, int want)
{
    int n = 0;
    for (int i = 0; i < u->diags.n; i++) n += strcmp(u->diags.d[i].code, code) == 0;
    if (n != want) {
        print_error("%d × %s, wanted %d; all:\n", n, code, want);
        dump(u);
        fail();
    }
}

static void test_reference_as_published(void **state)
{
    (void)state;
    Unit *u = run_file("examples/nanchuan-renda-2026/budget.bdl", NULL);
    count_codes(u, "E120", 1);
    count_codes(u, "E121", 3);
    count_codes(u, "W126", 1);
    if (u->diags.n != 5) {
        dump(u);
        fail();
    }
    assert_int_equal(u->diags.nerrors, 4);
    assert_int_equal(u->diags.nwarnings, 1);
    /* E120 names the project that lists its indicators twice */
    for (int i = 0; i < u->diags.n; i++)
        if (strcmp(u->diags.d[i].code, "E120") == 0)
            assert_non_null(strstr(u->diags.d[i].msg, "190"));
    /* W126: 30113 住房公积金 89.62 against 2210201 89.61 */
    for (int i = 0; i < u->diags.n; i++)
        if (strcmp(u->diags.d[i].code, "W126") == 0) {
            assert_non_null(strstr(u->diags.d[i].msg, "89.62"));
            assert_non_null(strstr(u->diags.d[i].msg, "89.61"));
        }
}

static void test_reference_corrected(void **state)
{
    (void)state;
    Unit *u = run_file("examples/nanchuan-renda-2026/corrected.bdl", NULL);
    NO_DIAGS(u);
}

int main(void)
{
    unsetenv("BDL_PATH"); /* the stdlib compiled into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_clean, teardown),
        cmocka_unit_test_teardown(test_e110_parent_row, teardown),
        cmocka_unit_test_teardown(test_e111_total_row, teardown),
        cmocka_unit_test_teardown(test_e111_total_cell, teardown),
        cmocka_unit_test_teardown(test_e112_income, teardown),
        cmocka_unit_test_teardown(test_e113_economic_vs_function, teardown),
        cmocka_unit_test_teardown(test_e101_unknown_code, teardown),
        cmocka_unit_test_teardown(test_w104_name, teardown),
        cmocka_unit_test_teardown(test_w104_folded_name_is_fine, teardown),
        cmocka_unit_test_teardown(test_e102_e103_amounts, teardown),
        cmocka_unit_test_teardown(test_e106_wrong_level, teardown),
        cmocka_unit_test_teardown(test_e107_leaf_without_amount, teardown),
        cmocka_unit_test_teardown(test_e105_duplicates, teardown),
        cmocka_unit_test_teardown(test_e114_projects, teardown),
        cmocka_unit_test_teardown(test_e115_three_public, teardown),
        cmocka_unit_test_teardown(test_e116_project_breakdown, teardown),
        cmocka_unit_test_teardown(test_e120_e121_e122_weights, teardown),
        cmocka_unit_test_teardown(test_w123_w124_w125, teardown),
        cmocka_unit_test_teardown(test_e130_e131, teardown),
        cmocka_unit_test_teardown(test_e132_allow, teardown),
        cmocka_unit_test_teardown(test_e010_broken_block, teardown),
        cmocka_unit_test_teardown(test_e030_no_budget, teardown),
        cmocka_unit_test_teardown(test_reference_as_published, teardown),
        cmocka_unit_test_teardown(test_reference_corrected, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
