/*
 * test_grid.c — table grids from positioned words (src/grid.c), with words
 * made up here: no PDF library involved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grid.h"

/* PDF-like units: hundredths of a point; one glyph 1000 wide. */
static const GridOpt OPT = { .ytol = 200, .space = 150, .gap = 400, .align = 400 };

typedef struct W {
    int page, y, x0, x1;
    const char *text;
} W;

static char *build(const W *in, int n, GridOpt opt, int **pages)
{
    GWord *w = calloc((size_t)n + 1, sizeof *w);
    for (int i = 0; i < n; i++) w[i] = (GWord){ in[i].page, in[i].y, in[i].x0, in[i].x1, str_c(in[i].text) };
    Buf b = { 0 };
    grid_build(w, n, opt, &b, pages);
    buf_add(&b, "", 0);
    free(w);
    return b.s;
}

/* Amounts right-aligned in three columns, one row shorter: columns by edge. */
static void test_columns_from_right_edges(void **state)
{
    (void)state;
    W w[] = {
        { 1, 1000, 1000, 4000, "2040601" }, { 1, 1000, 6000, 9000, "行政运行" },
        { 1, 1000, 20000, 26000, "16726725.44" }, { 1, 1000, 30000, 36000, "16726725.44" }, { 1, 1000, 42000, 44000, "0.00" },
        { 1, 3000, 1000, 4000, "2040604" }, { 1, 3000, 6000, 12000, "基层司法业务" },
        { 1, 3000, 20000, 26000, "21703947.00" }, { 1, 3000, 34000, 36000, "0.00" }, { 1, 3000, 38000, 44000, "21703947.00" },
    };
    char *t = build(w, 10, OPT, NULL);
    assert_string_equal(t, "2040601\t行政运行\t16726725.44\t16726725.44\t0.00\n"
                           "2040604\t基层司法业务\t21703947.00\t0.00\t21703947.00\n");
    free(t);
}

/* Glyph by glyph, as poppler gives them: joined into cells; 类/款/项 joined. */
static void test_glyphs_and_split_code(void **state)
{
    (void)state;
    W w[] = {
        { 1, 500, 1000, 1600, "2" }, { 1, 500, 1600, 2200, "0" }, { 1, 500, 2200, 2800, "4" },
        { 1, 500, 4000, 4600, "0" }, { 1, 500, 4600, 5200, "6" },
        { 1, 500, 6000, 6600, "0" }, { 1, 500, 6600, 7200, "1" },
        { 1, 500, 9000, 10000, "行" }, { 1, 500, 10000, 11000, "政" },
        { 1, 500, 20000, 26000, "9.00" },
    };
    char *t = build(w, 10, OPT, NULL);
    assert_string_equal(t, "2040601\t行政\t9.00\n");
    free(t);
}

/* A name wrapped onto the next line is rejoined to its row. */
static void test_wrapped_cell(void **state)
{
    (void)state;
    W w[] = {
        { 1, 1000, 1000, 4000, "2080505" }, { 1, 1000, 6000, 15000, "机关事业单位基本养老" },
        { 1, 1000, 20000, 26000, "1839485.00" },
        { 1, 2200, 6000, 12000, "保险缴费支出" },
        { 1, 3400, 1000, 4000, "2080506" }, { 1, 3400, 6000, 12000, "职业年金" }, { 1, 3400, 21000, 26000, "919739.00" },
    };
    char *t = build(w, 7, OPT, NULL);
    assert_string_equal(t, "2080505\t机关事业单位基本养老保险缴费支出\t1839485.00\n2080506\t职业年金\t919739.00\n");
    free(t);
}

/* The header printed again at the top of the next page is dropped; a new
 * table's header (another title) is kept; the page of each line is told. */
static void test_repeated_header(void **state)
{
    (void)state;
    W w[] = {
        { 1, 100, 6000, 12000, "项目" }, { 1, 100, 20000, 26000, "合计" },
        { 1, 1000, 1000, 4000, "204" }, { 1, 1000, 6000, 9000, "公共安全" }, { 1, 1000, 20000, 26000, "5.00" },
        { 2, 100, 6000, 12000, "项目" }, { 2, 100, 20000, 26000, "合计" },
        { 2, 1000, 1000, 4000, "208" }, { 2, 1000, 6000, 9000, "社保" }, { 2, 1000, 20000, 26000, "6.00" },
        { 3, 100, 6000, 12000, "项目" }, { 3, 100, 20000, 26000, "人员经费" },
        { 3, 1000, 1000, 4000, "301" }, { 3, 1000, 6000, 9000, "工资" }, { 3, 1000, 20000, 26000, "7.00" },
    };
    int *pages = NULL;
    char *t = build(w, 15, OPT, &pages);
    assert_string_equal(t, "\t项目\t合计\n204\t公共安全\t5.00\n208\t社保\t6.00\n\t项目\t人员经费\n301\t工资\t7.00\n");
    assert_int_equal(pages[0], 1);
    assert_int_equal(pages[2], 2);
    assert_int_equal(pages[4], 3);
    free(pages);
    free(t);
}

/* pdftotext -layout: columns of spaces, one output line per input line. */
static void test_layout_text(void **state)
{
    (void)state;
    const char *in = "标题\n\n204   06   01   行政运行        16726725.44      0.00\n\f合计            16726725.44      0.00\n";
    Arena a = { 0 };
    Vec v = { 0 };
    grid_words_of_layout(&a, in, strlen(in), &v);
    GWord *w = calloc((size_t)v.n + 1, sizeof *w);
    for (int i = 0; i < v.n; i++) w[i] = *(GWord *)v.v[i];
    Buf b = { 0 };
    int n = grid_build(w, v.n, grid_layout_options(), &b, NULL);
    buf_add(&b, "", 0);
    assert_int_equal(n, 4);
    assert_string_equal(b.s, "标题\n\n2040601\t行政运行\t16726725.44\t0.00\n合计\t16726725.44\t0.00\n");
    buf_free(&b);
    free(w);
    arena_free(&a);
}

/* Nothing in, nothing out; a lone word is a line of one cell. */
static void test_empty_and_single(void **state)
{
    (void)state;
    char *t = build(NULL, 0, OPT, NULL);
    assert_string_equal(t, "");
    free(t);
    W w[] = { { 1, 0, 0, 100, "无" } };
    t = build(w, 1, OPT, NULL);
    assert_string_equal(t, "无\n");
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_from_right_edges), cmocka_unit_test(test_glyphs_and_split_code),
        cmocka_unit_test(test_wrapped_cell), cmocka_unit_test(test_repeated_header),
        cmocka_unit_test(test_layout_text), cmocka_unit_test(test_empty_and_single),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
