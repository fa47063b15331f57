/*
 * test_symtab.c — the hash map, name folding and the symbol table built from
 * the cn/2026 stdlib (src/symtab.c; spec §3 "Names" and §4).
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

/* ------------------------------------------------------------------ map */

static void test_map_basic(void **state)
{
    (void)state;
    Map m = { 0 };
    int a = 1, b = 2, c = 3;
    assert_null(map_get(&m, str_c("x"))); /* an empty map */
    map_put(&m, str_c("201"), &a);
    map_put(&m, str_c("20101"), &b);
    map_put(&m, str_c("2010101"), &c);
    assert_int_equal(m.n, 3);
    assert_ptr_equal(map_get(&m, str_c("201")), &a);
    assert_ptr_equal(map_get(&m, str_c("20101")), &b);
    assert_ptr_equal(map_get(&m, str_c("2010101")), &c);
    assert_null(map_get(&m, str_c("20")));
    assert_null(map_get(&m, str_c("2010")));
    assert_null(map_get(&m, str_c("")));
    /* a key is its bytes, not a C string: a slice of a longer buffer */
    const char *buf = "20101XYZ";
    assert_ptr_equal(map_get(&m, (Str){ buf, 5 }), &b);
    assert_ptr_equal(map_get(&m, (Str){ buf, 3 }), &a);
    /* put replaces */
    map_put(&m, (Str){ buf, 3 }, &c);
    assert_int_equal(m.n, 3);
    assert_ptr_equal(map_get(&m, str_c("201")), &c);
    /* CJK keys */
    map_put(&m, str_c("产出指标/数量指标"), &a);
    assert_ptr_equal(map_get(&m, str_c("产出指标/数量指标")), &a);
    assert_null(map_get(&m, str_c("产出指标/质量指标")));
    /* the empty key is a key like any */
    map_put(&m, str_c(""), &b);
    assert_ptr_equal(map_get(&m, str_c("")), &b);
    assert_int_equal(m.n, 5);
    map_free(&m);
    assert_int_equal(m.n, 0);
    assert_null(map_get(&m, str_c("201")));
    map_free(&m); /* twice is harmless */
}

static void test_map_growth(void **state)
{
    (void)state;
    enum { N = 10000, W = 16 };
    char *keys = malloc((size_t)N * W);
    int *vals = malloc(sizeof(int) * N);
    assert_non_null(keys);
    assert_non_null(vals);
    Map m = { 0 };
    for (int i = 0; i < N; i++) {
        int n = snprintf(keys + (size_t)i * W, W, "k%d", i);
        vals[i] = i;
        map_put(&m, (Str){ keys + (size_t)i * W, (uint32_t)n }, &vals[i]);
    }
    assert_int_equal(m.n, N);
    assert_true(m.cap >= 2 * N);
    assert_int_equal(m.cap & (m.cap - 1), 0); /* a power of two */
    for (int i = 0; i < N; i++) {
        const char *k = keys + (size_t)i * W;
        int *v = map_get(&m, str_c(k));
        assert_non_null(v);
        assert_int_equal(*v, i);
    }
    assert_null(map_get(&m, str_c("k10000")));
    assert_null(map_get(&m, str_c("k-1")));
    assert_null(map_get(&m, str_c("k")));
    /* replacing does not add */
    for (int i = 0; i < N; i += 2) map_put(&m, str_c(keys + (size_t)i * W), &vals[N - 1 - i]);
    assert_int_equal(m.n, N);
    for (int i = 0; i < N; i++) {
        int *v = map_get(&m, str_c(keys + (size_t)i * W));
        assert_int_equal(*v, i % 2 ? i : N - 1 - i);
    }
    map_free(&m);
    free(keys);
    free(vals);
}

/* -------------------------------------------------------------- folding */

static const char *fold(const char *s)
{
    static char buf[256];
    Buf b = { 0 };
    name_fold(str_c(s), &b);
    assert_true(b.n < sizeof buf);
    memcpy(buf, b.s ? b.s : "", b.n);
    buf[b.n] = 0;
    buf_free(&b);
    return buf;
}

static void test_name_fold(void **state)
{
    (void)state;
    assert_string_equal(fold("行政运行"), "行政运行");
    assert_string_equal(fold("维修（护）费"), "维修(护)费");
    assert_string_equal(fold("维修(护)费"), "维修(护)费");
    assert_string_equal(fold("一般 公共\t预算"), "一般公共预算");
    assert_string_equal(fold("一般\xE3\x80\x80公共"), "一般公共");  /* U+3000 */
    assert_string_equal(fold("一般\xC2\xA0公共"), "一般公共");      /* NBSP */
    assert_string_equal(fold("一般\xE2\x80\xAF公共"), "一般公共");  /* narrow NBSP */
    assert_string_equal(fold(" 因公出国（境）费 "), "因公出国(境)费");
    assert_string_equal(fold(""), "");
    assert_string_equal(fold("   "), "");
    /* other full-width forms are not folded */
    assert_string_equal(fold("【Ａ】"), "【Ａ】");
    /* a long name is folded whole (a fixed buffer once cut it at ~1,000 bytes) */
    char long_name[3001];
    for (int i = 0; i < 1000; i++) memcpy(long_name + 3 * i, "会", 3);
    long_name[3000] = 0;
    Buf b = { 0 };
    name_fold(str_c(long_name), &b);
    assert_int_equal(b.n, 3000);
    buf_free(&b);
}

static void test_name_equiv(void **state)
{
    (void)state;
    assert_true(name_equiv(str_c("维修（护）费"), str_c("维修(护)费")));
    assert_true(name_equiv(str_c("维修(护）费"), str_c("维修（护)费")));
    assert_true(name_equiv(str_c("一般公共服务支出"), str_c("一般 公共 服务 支出")));
    assert_true(name_equiv(str_c("一般公共服务支出"), str_c("一般公共\xE3\x80\x80服务支出")));
    assert_true(name_equiv(str_c("一般公共服务支出"), str_c("一般公共\xC2\xA0服务支出")));
    assert_true(name_equiv(str_c("建设代表之家（站、点）"), str_c("建设代表之家 (站、点)")));
    assert_true(name_equiv(str_c(""), str_c(" ")));
    assert_false(name_equiv(str_c("行政运行"), str_c("行政运作")));
    assert_false(name_equiv(str_c("人大事务"), str_c("人大事务支出")));
    assert_false(name_equiv(str_c("维修（护）费"), str_c("维修【护】费")));
    assert_false(name_equiv(str_c("维修（护）费"), str_c("维修护费")));
    assert_false(name_equiv(str_c("a,b"), str_c("a，b"))); /* only the brackets fold */
    /* names equal for 1,500 bytes and different after are different */
    char a[1600], c[1600];
    for (int i = 0; i < 500; i++) memcpy(a + 3 * i, "会", 3);
    memcpy(c, a, 1500);
    memcpy(a + 1500, " 甲", 5);
    memcpy(c + 1500, " 乙", 5);
    assert_false(name_equiv((Str){ a, 1505 }, (Str){ c, 1505 }));
    assert_true(name_equiv((Str){ a, 1505 }, (Str){ a, 1505 }));
}

/* name_equiv compares as it folds, without name_fold's buffer: it must
 * agree with comparing name_fold's outputs on any bytes, invalid UTF-8 and
 * characters cut short included (pieces joined at random, deterministic). */
static void test_name_equiv_is_fold_equality(void **state)
{
    (void)state;
    static const char *const piece[] = { "会", "（", "）", "(", ")", " ", "\t", "\xE3\x80\x80", "\xC2\xA0",
        "\xE2\x80\xAF", "\xE2\x80\x94", "\xEF\xBC", "\xE3", "\xC2", "\xEF\xBC\x88\xEF", "a", "\xC2\xA1", "\x80" };
    enum { NP = sizeof piece / sizeof *piece };
    uint32_t r = 12345;
    for (int t = 0; t < 20000; t++) {
        char x[64], y[64];
        size_t nx = 0, ny = 0;
        for (int k = 0; k < 2; k++) {
            char *o = k ? y : x;
            size_t *n = k ? &ny : &nx;
            r = r * 1103515245u + 12345u;
            int m = (int)(r >> 16) % 6;
            for (int j = 0; j < m; j++) {
                r = r * 1103515245u + 12345u;
                const char *p = piece[(r >> 16) % NP];
                memcpy(o + *n, p, strlen(p));
                *n += strlen(p);
            }
        }
        Buf bx = { 0 }, by = { 0 };
        name_fold((Str){ x, (uint32_t)nx }, &bx);
        name_fold((Str){ y, (uint32_t)ny }, &by);
        bool want = bx.n == by.n && (bx.n == 0 || memcmp(bx.s, by.s, bx.n) == 0);
        assert_int_equal(name_equiv((Str){ x, (uint32_t)nx }, (Str){ y, (uint32_t)ny }), want);
        buf_free(&bx);
        buf_free(&by);
    }
}

/* --------------------------------------------------------- symbol table */

static char *write_temp(const char *text)
{
    char tmpl[] = "/tmp/bdl-test-symtab-XXXXXX.bdl";
    int fd = mkstemps(tmpl, 4);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return strdup(tmpl);
}

typedef struct Fixture {
    char *path;
    Unit *u;
    Symtab st;
    bool built;
} Fixture;

static Fixture *fx_load(void **state, const char *text)
{
    Fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    *state = fx;
    fx->path = write_temp(text);
    fx->u = unit_new(NULL);
    char err[512];
    assert_true(load_unit(fx->u, fx->path, err, sizeof err));
    sym_build(&fx->st, fx->u, false);
    fx->built = true;
    return fx;
}

static int fx_teardown(void **state)
{
    Fixture *fx = *state;
    if (!fx) return 0;
    if (fx->built) sym_free(&fx->st);
    unit_free(fx->u);
    if (fx->path) unlink(fx->path);
    free(fx->path);
    free(fx);
    *state = NULL;
    return 0;
}

static void assert_str(Str s, const char *want)
{
    if (s.n != strlen(want) || memcmp(s.s, want, s.n) != 0) {
        print_error("got '%.*s', wanted '%s'\n", (int)s.n, s.s, want);
        fail();
    }
}

static ClassCode *code(Fixture *fx, int cls, const char *c)
{
    ClassCode *cc = sym_code(&fx->st, cls, str_c(c));
    if (!cc) {
        print_error("code %s not in the %s classification\n", c, cls ? "economic" : "function");
        fail();
    }
    return cc;
}

static void test_stdlib_function(void **state)
{
    Fixture *fx = fx_load(state, "import \"cn/2026\"\n");
    assert_int_equal(fx->u->diags.n, 0);
    Classification *f = &fx->st.cls[CLS_FUNCTION];
    assert_true(f->present);
    assert_str(f->title, "支出功能分类科目");
    ClassCode *c7 = code(fx, CLS_FUNCTION, "2010101");
    ClassCode *c5 = code(fx, CLS_FUNCTION, "20101");
    ClassCode *c3 = code(fx, CLS_FUNCTION, "201");
    assert_str(c7->name, "行政运行");
    assert_str(c5->name, "人大事务");
    assert_str(c3->name, "一般公共服务支出");
    assert_ptr_equal(c7->parent, c5);
    assert_ptr_equal(c5->parent, c3);
    assert_null(c3->parent);
    assert_int_equal(c7->nchildren, 0);
    assert_int_equal(c5->nchildren, 7); /* 2010101 02 04 05 08 50 99 */
    assert_true(c7->builtin && c5->builtin && c3->builtin);
    assert_ptr_equal(code(fx, CLS_FUNCTION, "2010104")->parent, c5);
    assert_ptr_equal(code(fx, CLS_FUNCTION, "2210201")->parent, code(fx, CLS_FUNCTION, "22102"));
    assert_str(code(fx, CLS_FUNCTION, "2010601")->name, "行政运行"); /* same name, other branch */
    assert_null(sym_code(&fx->st, CLS_FUNCTION, str_c("2010103")));    /* not in the partial list */
    assert_null(sym_code(&fx->st, CLS_ECONOMIC, str_c("2010101")));    /* the other classification */
    /* nchildren agrees with the codes; codes are sorted; every 款/项 has its parent */
    int kuan201 = 0;
    for (int i = 0; i < f->codes.n; i++) {
        ClassCode *cc = f->codes.v[i];
        if (i > 0) {
            ClassCode *prev = f->codes.v[i - 1];
            uint32_t n = prev->code.n < cc->code.n ? prev->code.n : cc->code.n;
            int cmp = memcmp(prev->code.s, cc->code.s, n);
            assert_true(cmp < 0 || (cmp == 0 && prev->code.n < cc->code.n));
        }
        if (cc->code.n == 5 && memcmp(cc->code.s, "201", 3) == 0) kuan201++;
        if (cc->code.n > 3 && cc->parent) {
            assert_int_equal(cc->parent->code.n, cc->code.n - 2);
            assert_memory_equal(cc->parent->code.s, cc->code.s, cc->parent->code.n);
        }
    }
    assert_int_equal(c3->nchildren, kuan201);
    assert_true(f->codes.n >= 100);
    assert_int_equal(f->map.n, f->codes.n);
}

static void test_stdlib_economic(void **state)
{
    Fixture *fx = fx_load(state, "import \"cn/2026\"\n");
    Classification *e = &fx->st.cls[CLS_ECONOMIC];
    assert_true(e->present);
    assert_str(e->title, "部门预算支出经济分类科目");
    ClassCode *c301 = code(fx, CLS_ECONOMIC, "301"), *c30101 = code(fx, CLS_ECONOMIC, "30101");
    assert_str(c30101->name, "基本工资");
    assert_ptr_equal(c30101->parent, c301);
    assert_int_equal(c301->mark, CELL_PERSONNEL);
    assert_int_equal(c30101->mark, CELL_PERSONNEL); /* inherited */
    assert_int_equal(code(fx, CLS_ECONOMIC, "30113")->mark, CELL_PERSONNEL);
    assert_int_equal(code(fx, CLS_ECONOMIC, "302")->mark, CELL_PUBLIC);
    assert_int_equal(code(fx, CLS_ECONOMIC, "30201")->mark, CELL_PUBLIC);
    assert_int_equal(code(fx, CLS_ECONOMIC, "30217")->mark, CELL_PUBLIC);
    assert_int_equal(code(fx, CLS_ECONOMIC, "303")->mark, CELL_PERSONNEL);
    assert_int_equal(code(fx, CLS_ECONOMIC, "310")->mark, CELL_PUBLIC);
    assert_int_equal(code(fx, CLS_ECONOMIC, "31013")->mark, CELL_PUBLIC);
    /* every code has a class, and every 款 the class of its 类 */
    for (int i = 0; i < e->codes.n; i++) {
        ClassCode *cc = e->codes.v[i];
        assert_true(cc->mark == CELL_PERSONNEL || cc->mark == CELL_PUBLIC);
        if (cc->parent) assert_int_equal(cc->mark, cc->parent->mark);
        bool personnel = memcmp(cc->code.s, "301", 3) == 0 || memcmp(cc->code.s, "303", 3) == 0;
        assert_int_equal(cc->mark, personnel ? CELL_PERSONNEL : CELL_PUBLIC);
    }
    int kuan301 = 0;
    for (int i = 0; i < e->codes.n; i++) {
        ClassCode *cc = e->codes.v[i];
        kuan301 += cc->code.n == 5 && memcmp(cc->code.s, "301", 3) == 0;
    }
    assert_int_equal(c301->nchildren, kuan301);
}

static void test_stdlib_sources(void **state)
{
    Fixture *fx = fx_load(state, "import \"cn/2026\"\n");
    static const struct {
        const char *key, *name;
        bool fiscal;
        const char *label[3];
    } want[] = {
        { "general", "一般公共预算资金", true, { "一般公共预算", "一般公共预算拨款", "一般公共预算拨款收入" } },
        { "fund", "政府性基金预算资金", true, { "政府性基金预算", "政府性基金预算拨款", "政府性基金预算拨款收入" } },
        { "capital", "国有资本经营预算资金", true, { "国有资本经营预算", "国有资本经营收入", "国有资本经营预算拨款收入" } },
        { "special", "财政专户管理资金", false, { "财政专户管理资金", "财政专户管理资金", "财政专户管理资金收入" } },
        { "business", "事业收入资金", false, { "事业收入", "事业收入", "事业收入" } },
        { "grant", "上级补助收入资金", false, { "上级补助收入", "上级补助收入", "上级补助收入" } },
        { "affiliated", "附属单位上缴收入资金", false, { "附属单位上缴收入", "附属单位上缴收入", "附属单位上缴收入" } },
        { "operation", "事业单位经营收入资金", false, { "事业单位经营收入", "事业单位经营收入", "事业单位经营收入" } },
        { "other", "其他收入资金", false, { "其他收入", "其他收入", "其他收入" } },
    };
    assert_int_equal(fx->st.sources.n, 9);
    for (int i = 0; i < 9; i++) {
        Source *s = fx->st.sources.v[i];
        assert_str(s->key, want[i].key);
        assert_str(s->name, want[i].name);
        assert_int_equal(s->fiscal, want[i].fiscal);
        for (int k = 0; k < 3; k++) assert_str(s->label[k], want[i].label[k]);
        assert_int_equal(s->index, i);
        assert_ptr_equal(sym_source(&fx->st, str_c(want[i].key)), s);
        assert_ptr_equal(sym_source(&fx->st, str_c(want[i].name)), s);
    }
    assert_null(sym_source(&fx->st, str_c("一般公共预算")));
    assert_null(sym_source(&fx->st, str_c("General")));
    assert_null(sym_source(&fx->st, str_c("")));
}

static void test_stdlib_levels_codes_links(void **state)
{
    Fixture *fx = fx_load(state, "import \"cn/2026\"\n");
    Symtab *st = &fx->st;
    assert_true(st->has_levels);
    static const char *pairs[] = {
        "产出指标/数量指标", "产出指标/质量指标", "产出指标/时效指标", "产出指标/成本指标",
        "效益指标/经济效益指标", "效益指标/社会效益指标", "效益指标/生态效益指标", "效益指标/可持续影响指标",
        "效益指标/可持续发展指标", "满意度指标/服务对象满意度指标", "满意度指标/满意度指标",
        "成本指标/经济成本指标", "成本指标/社会成本指标", "成本指标/生态环境成本指标",
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if (!map_get(&st->levels, str_c(pairs[i]))) {
            print_error("level pair %s missing\n", pairs[i]);
            fail();
        }
    assert_int_equal(st->levels.n, (int)(sizeof pairs / sizeof *pairs));
    assert_null(map_get(&st->levels, str_c("产出指标/满意度指标")));
    assert_null(map_get(&st->levels, str_c("数量指标/产出指标")));
    assert_true(st->has_tp_codes);
    assert_str(st->tp_code[0], "30212");
    assert_str(st->tp_code[1], "31013");
    assert_str(st->tp_code[2], "30231");
    assert_str(st->tp_code[3], "30217");
    for (int k = 0; k < 4; k++) assert_non_null(sym_code(st, CLS_ECONOMIC, st->tp_code[k]));
    assert_int_equal(st->links.n, 3);
    static const char *links[3][2] = { { "30108", "2080505" }, { "30109", "2080506" }, { "30113", "2210201" } };
    for (int i = 0; i < 3; i++) {
        Code *pair = st->links.v[i];
        assert_str(pair[0].s, links[i][0]);
        assert_str(pair[1].s, links[i][1]);
    }
}

static void test_user_extension(void **state)
{
    Fixture *fx = fx_load(state,
                          "import \"cn/2026\"\n"
                          "classification function {\n"
                          "    2010103 机关服务\n"          /* new: under 20101 */
                          "    2010101 行政运行\n"          /* the standard name: fine */
                          "    2010104 \"人大 会议\"\n"     /* the same name after folding: fine */
                          "    2010105 立法工作\n"          /* another name: E105 */
                          "    2990101 测试项\n"            /* no parent at all */
                          "}\n"
                          "classification economic {\n"
                          "    399 其他支出\n"
                          "    39999 其他\n"
                          "    39901 测试 personnel\n"
                          "}\n");
    Diags *ds = &fx->u->diags;
    assert_int_equal(ds->n, 1);
    assert_string_equal(ds->d[0].code, "E105");
    assert_int_equal(ds->d[0].loc.line, 6);
    assert_true(strstr(ds->d[0].msg, "人大立法") != NULL); /* says the standard name */
    assert_int_equal(ds->d[0].nnotes, 1);                 /* and where it is declared */
    ClassCode *c = code(fx, CLS_FUNCTION, "2010103");
    assert_str(c->name, "机关服务");
    assert_false(c->builtin);
    assert_ptr_equal(c->parent, code(fx, CLS_FUNCTION, "20101"));
    assert_int_equal(code(fx, CLS_FUNCTION, "20101")->nchildren, 8);
    assert_str(code(fx, CLS_FUNCTION, "2010105")->name, "人大立法"); /* keeps its standard name */
    assert_true(code(fx, CLS_FUNCTION, "2010105")->builtin);
    assert_null(code(fx, CLS_FUNCTION, "2990101")->parent);
    assert_int_equal(code(fx, CLS_ECONOMIC, "399")->mark, CELL_PUBLIC);
    assert_int_equal(code(fx, CLS_ECONOMIC, "39999")->mark, CELL_PUBLIC);
    assert_int_equal(code(fx, CLS_ECONOMIC, "39901")->mark, CELL_PERSONNEL); /* its own marker wins */
    assert_ptr_equal(code(fx, CLS_ECONOMIC, "39999")->parent, code(fx, CLS_ECONOMIC, "399"));
    assert_int_equal(code(fx, CLS_ECONOMIC, "399")->nchildren, 2);
}

static void test_duplicates(void **state)
{
    Fixture *fx = fx_load(state,
                          "classification function \"mine\" {\n"
                          "    201 一般公共服务支出\n"
                          "    201 一般公共服务支出\n"
                          "}\n"
                          "source general 一般公共预算资金 fiscal\n"
                          "source general2 一般公共预算资金\n"
                          "source xyz 其他\n");
    Diags *ds = &fx->u->diags;
    assert_int_equal(ds->n, 2);
    assert_string_equal(ds->d[0].code, "E105");
    assert_int_equal(ds->d[0].loc.line, 3);
    assert_string_equal(ds->d[1].code, "E105");
    assert_int_equal(ds->d[1].loc.line, 6);
    assert_int_equal(fx->st.sources.n, 2);
    Source *s = fx->st.sources.v[0];
    assert_true(s->fiscal);
    /* labels default to the source's name */
    for (int k = 0; k < 3; k++) assert_str(s->label[k], "一般公共预算资金");
    assert_str(fx->st.cls[CLS_FUNCTION].title, "mine");
    assert_false(fx->st.cls[CLS_ECONOMIC].present);
    assert_false(fx->st.has_levels);
    assert_false(fx->st.has_tp_codes);
}

int main(void)
{
    unsetenv("BDL_PATH"); /* the stdlib compiled into the library */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_basic),
        cmocka_unit_test(test_map_growth),
        cmocka_unit_test(test_name_fold),
        cmocka_unit_test(test_name_equiv),
        cmocka_unit_test(test_name_equiv_is_fold_equality),
        cmocka_unit_test_teardown(test_stdlib_function, fx_teardown),
        cmocka_unit_test_teardown(test_stdlib_economic, fx_teardown),
        cmocka_unit_test_teardown(test_stdlib_sources, fx_teardown),
        cmocka_unit_test_teardown(test_stdlib_levels_codes_links, fx_teardown),
        cmocka_unit_test_teardown(test_user_extension, fx_teardown),
        cmocka_unit_test_teardown(test_duplicates, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
