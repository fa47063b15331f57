/*
 * test_lexer.c — the scanner on small in-memory sources (grammar/lexer.l;
 * spec §2).  Tokens come straight from lex_next, before the parser's token
 * filter: after a lexical error the scanner still returns the rest of the
 * line's tokens, but reports nothing more on it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bdl.h"
#include "parser.h"

enum { MAXTOK = 256 };

typedef struct Lexed {
    Unit *u;
    SrcFile *f;
    int n;          /* tokens, the final YYEOF included */
    Tok tok[MAXTOK];
} Lexed;

static Lexed *cur; /* freed by the teardown, also when an assertion fails */

static int teardown(void **state);

static Lexed *lex_n(const char *text, size_t len)
{
    teardown(NULL); /* the previous source of this test, if any */
    Lexed *L = calloc(1, sizeof *L);
    assert_non_null(L);
    cur = L;
    L->u = unit_new(NULL);
    L->f = src_from_memory(L->u, "t.bdl", text, len, false);
    Lexer lx;
    lexer_open(&lx, L->u, L->f);
    for (;;) {
        assert_true(L->n < MAXTOK);
        Tok *t = &L->tok[L->n++];
        memset(t, 0, sizeof *t);
        t->kind = lex_next(&lx, t);
        if (t->kind == YYEOF) break;
    }
    lexer_close(&lx);
    return L;
}
#define LEX(lit) lex_n((lit), sizeof(lit) - 1)

static int teardown(void **state)
{
    (void)state;
    if (cur) {
        unit_free(cur->u);
        free(cur);
        cur = NULL;
    }
    return 0;
}

static const char *kind_name(int k)
{
    static char buf[32];
    switch (k) {
    case YYEOF: return "YYEOF";
    case YYerror: return "YYerror";
    case IDENT: return "IDENT";
    case STRING: return "STRING";
    case INTEGER: return "INTEGER";
    case DECIMAL: return "DECIMAL";
    case CODE: return "CODE";
    case NL: return "NL";
    case GE: return "GE";
    case LE: return "LE";
    default: break;
    }
    if (k > 0 && k < 128) snprintf(buf, sizeof buf, "'%c'", k);
    else snprintf(buf, sizeof buf, "%d", k);
    return buf;
}

static void dump(const Lexed *L)
{
    for (int i = 0; i < L->n; i++)
        print_error("  [%d] %s '%.*s' off %u len %u line %d\n", i, kind_name(L->tok[i].kind), (int)L->tok[i].s.n,
                    L->tok[i].s.s, L->tok[i].loc.off, L->tok[i].loc.len, L->tok[i].loc.line);
    for (int i = 0; i < L->u->diags.n; i++) {
        Diag *d = &L->u->diags.d[i];
        print_error("  diag %s at off %u line %d: %s\n", d->code, d->loc.off, d->loc.line, d->msg);
    }
}

/* The token kinds, YYEOF included, must be exactly these. */
static void kinds_are(const Lexed *L, const int *want, int n, int line)
{
    bool ok = L->n == n;
    for (int i = 0; ok && i < n; i++) ok = L->tok[i].kind == want[i];
    if (!ok) {
        print_error("token kinds differ (test line %d); got:\n", line);
        dump(L);
        print_error("wanted:");
        for (int i = 0; i < n; i++) print_error(" %s", kind_name(want[i]));
        print_error("\n");
        fail();
    }
}
#define KINDS(L, ...)                                                                  \
    kinds_are((L), (const int[]){ __VA_ARGS__ }, (int)(sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int)), \
              __LINE__)

/* Token i has this text (the token's value: strings decoded). */
static void text_is(const Lexed *L, int i, const char *want)
{
    assert_true(i < L->n);
    const Tok *t = &L->tok[i];
    if (t->s.n != strlen(want) || memcmp(t->s.s, want, t->s.n) != 0) {
        print_error("token %d is '%.*s', wanted '%s'\n", i, (int)t->s.n, t->s.s, want);
        fail();
    }
}

static int ndiags(const Lexed *L) { return L->u->diags.n; }

/* Diagnostic i has this code, at this byte offset and line. */
static const Diag *diag_is(const Lexed *L, int i, const char *code, uint32_t off, int line)
{
    if (i >= L->u->diags.n) {
        print_error("no diagnostic %d; have:\n", i);
        dump(L);
        fail();
    }
    const Diag *d = &L->u->diags.d[i];
    if (strcmp(d->code, code) != 0 || d->loc.off != off || d->loc.line != line) {
        print_error("diagnostic %d is %s at off %u line %d, wanted %s at off %u line %d\n", i, d->code, d->loc.off,
                    d->loc.line, code, off, line);
        dump(L);
        fail();
    }
    return d;
}

static bool has_help(const Diag *d, const char *needle)
{
    for (int i = 0; i < d->nnotes; i++)
        if (strcmp(d->notes[i].kind, "help") == 0 && strstr(d->notes[i].msg, needle)) return true;
    return false;
}

/* ------------------------------------------------------------ keywords */

static void test_keywords_vs_identifiers(void **state)
{
    (void)state;
    Lexed *L = LEX("total totals three-public three-public-codes three-publicx Total total_ budgets budget");
    KINDS(L, KW_TOTAL, IDENT, KW_THREE_PUBLIC, KW_THREE_PUBLIC_CODES, IDENT, IDENT, IDENT, IDENT, KW_BUDGET, YYEOF);
    text_is(L, 1, "totals");
    text_is(L, 4, "three-publicx");
    text_is(L, 5, "Total");
    text_is(L, 6, "total_");
    text_is(L, 7, "budgets");
    assert_int_equal(ndiags(L), 0);
}

static void test_all_keywords(void **state)
{
    (void)state;
    Lexed *L = LEX("import include budget department agency unit decimals projects partial allow income "
                   "carryover expenditure economic total basic project personnel public three-public overseas "
                   "vehicle-purchase vehicle-operation reception procurement category performance goal indicator "
                   "weight core qualitative amount superior owner function execution-weight summary basis "
                   "classification source fiscal labels column indicator-levels three-public-codes links");
    KINDS(L, KW_IMPORT, KW_INCLUDE, KW_BUDGET, KW_DEPARTMENT, KW_AGENCY, KW_UNIT, KW_DECIMALS, KW_PROJECTS,
          KW_PARTIAL, KW_ALLOW, KW_INCOME, KW_CARRYOVER, KW_EXPENDITURE, KW_ECONOMIC, KW_TOTAL, KW_BASIC, KW_PROJECT,
          KW_PERSONNEL, KW_PUBLIC, KW_THREE_PUBLIC, KW_OVERSEAS, KW_VEHICLE_PURCHASE, KW_VEHICLE_OPERATION,
          KW_RECEPTION, KW_PROCUREMENT, KW_CATEGORY, KW_PERFORMANCE, KW_GOAL, KW_INDICATOR, KW_WEIGHT, KW_CORE,
          KW_QUALITATIVE, KW_AMOUNT, KW_SUPERIOR, KW_OWNER, KW_FUNCTION, KW_EXECUTION_WEIGHT, KW_SUMMARY, KW_BASIS,
          KW_CLASSIFICATION, KW_SOURCE, KW_FISCAL, KW_LABELS, KW_COLUMN, KW_INDICATOR_LEVELS,
          KW_THREE_PUBLIC_CODES, KW_LINKS, YYEOF);
    assert_int_equal(ndiags(L), 0);
}

/* lex_is_keyword (bdlc import: which names to quote) asks the same rules. */
static void test_lex_is_keyword(void **state)
{
    (void)state;
    const char *yes[] = { "budget", "total", "three-public", "three-public-codes", "execution-weight", "links" };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) assert_true(lex_is_keyword(yes[i], strlen(yes[i])));
    const char *no[] = { "", "Budget", "budgets", "indicator-level", "core-", "-core", "总total", "weight2",
                         "\xff", "three public", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) assert_false(lex_is_keyword(no[i], strlen(no[i])));
    assert_true(lex_is_keyword("totals", 5)); /* a slice: its length counts */
}

static void test_keyword_prefixes(void **state)
{
    (void)state;
    /* a keyword followed by more identifier characters is an identifier */
    Lexed *L = LEX("indicator indicator-level indicator-levels execution-weights weight2 core- 总total");
    KINDS(L, KW_INDICATOR, IDENT, KW_INDICATOR_LEVELS, IDENT, IDENT, IDENT, IDENT, YYEOF);
    text_is(L, 1, "indicator-level");
    text_is(L, 3, "execution-weights");
    text_is(L, 4, "weight2");
    text_is(L, 5, "core-");
    text_is(L, 6, "总total");
}

/* ---------------------------------------------------------- identifiers */

static void test_cjk_identifiers(void **state)
{
    (void)state;
    Lexed *L = LEX("一般公共预算资金 维修（护）费 《公民报》 召开区十八届八次人代会、年中 execution_x _a1 a-b--c 基本工资293\n");
    KINDS(L, IDENT, IDENT, IDENT, IDENT, IDENT, IDENT, IDENT, IDENT, NL, YYEOF);
    text_is(L, 0, "一般公共预算资金");
    text_is(L, 1, "维修（护）费");
    text_is(L, 2, "《公民报》");
    text_is(L, 3, "召开区十八届八次人代会、年中");
    text_is(L, 4, "execution_x");
    text_is(L, 5, "_a1");
    text_is(L, 6, "a-b--c");
    text_is(L, 7, "基本工资293");
    assert_int_equal(ndiags(L), 0);
    /* byte offsets and lengths */
    assert_int_equal(L->tok[0].loc.off, 0);
    assert_int_equal(L->tok[0].loc.len, 24);
    assert_int_equal(L->tok[1].loc.off, 25);
    assert_int_equal(L->tok[1].loc.line, 1);
    assert_int_equal(L->tok[8].loc.line, 1); /* NL belongs to the line it ends */
}

static void test_identifier_stops_at_punctuation(void **state)
{
    (void)state;
    /* `（` `）` are part of names, the ASCII brackets are not */
    Lexed *L = LEX("建设代表之家（站、点）\n");
    KINDS(L, IDENT, NL, YYEOF);
    text_is(L, 0, "建设代表之家（站、点）");
    teardown(NULL);
    L = LEX("维修(护)费\n");
    KINDS(L, IDENT, YYerror, IDENT, YYerror, IDENT, NL, YYEOF);
    text_is(L, 0, "维修");
    assert_int_equal(ndiags(L), 1);
    const Diag *d = diag_is(L, 0, "E002", 6, 1);
    assert_true(has_help(d, "quoted"));
}

/* ---------------------------------------------------------------- codes */

static void test_codes(void **state)
{
    (void)state;
    Lexed *L = LEX("2010101 204001 50011926T000005286480 12kg 0 201 9A 2026\n");
    KINDS(L, INTEGER, INTEGER, CODE, CODE, INTEGER, INTEGER, CODE, INTEGER, NL, YYEOF);
    text_is(L, 0, "2010101");
    text_is(L, 2, "50011926T000005286480");
    text_is(L, 3, "12kg");
    text_is(L, 6, "9A");
    assert_int_equal(ndiags(L), 0);
}

/* -------------------------------------------------------------- numbers */

static void test_numbers(void **state)
{
    (void)state;
    Lexed *L = LEX("1,529.94 1529.94 1,000 0.5 686.46 -5 -1,234.5 12,345,678 100\n");
    KINDS(L, DECIMAL, DECIMAL, DECIMAL, DECIMAL, DECIMAL, DECIMAL, DECIMAL, DECIMAL, INTEGER, NL, YYEOF);
    text_is(L, 0, "1,529.94");
    text_is(L, 5, "-5");
    text_is(L, 6, "-1,234.5");
    text_is(L, 7, "12,345,678");
    assert_int_equal(ndiags(L), 0);
}

static void test_bad_numbers(void **state)
{
    (void)state;
    /* each on its own line: one E004 per line, at the number, spanning it */
    Lexed *L = LEX("1,00.00\n1.\n100,\n1.2.3\n1,2345\n12,345,67\n-1.\n1234,567\n");
    KINDS(L, YYerror, NL, YYerror, NL, YYerror, NL, YYerror, NL, YYerror, NL, YYerror, NL, YYerror, NL, YYerror,
          NL, YYEOF);
    static const uint32_t offs[] = { 0, 8, 11, 16, 22, 29, 39, 43 };
    static const uint32_t lens[] = { 7, 2, 4, 5, 6, 9, 3, 8 };
    assert_int_equal(ndiags(L), 8);
    for (int i = 0; i < 8; i++) {
        const Diag *d = diag_is(L, i, "E004", offs[i], i + 1);
        assert_int_equal(d->loc.len, lens[i]);
        assert_int_equal(d->sev, SEV_ERROR);
    }
}

static void test_number_then_text(void **state)
{
    (void)state;
    /* a number run stops at the first character that is not a digit, comma or dot */
    Lexed *L = LEX("1,529.94元 30%\n");
    KINDS(L, DECIMAL, IDENT, INTEGER, '%', NL, YYEOF);
    text_is(L, 0, "1,529.94");
    text_is(L, 1, "元");
    assert_int_equal(ndiags(L), 0);
}

/* -------------------------------------------------------------- strings */

static void test_strings(void **state)
{
    (void)state;
    Lexed *L = LEX("\"plain 文本\" \"a\\\"b\\\\c\\nd\\te\\u{4E2D}\\u{1F600}\\u{41}\" \"\"\n");
    KINDS(L, STRING, STRING, STRING, NL, YYEOF);
    text_is(L, 0, "plain 文本");
    text_is(L, 1, "a\"b\\c\nd\te中😀A");
    text_is(L, 2, "");
    /* the token's place is the whole literal, quotes included */
    assert_int_equal(L->tok[0].loc.off, 0);
    assert_int_equal(L->tok[0].loc.len, 14);
    assert_int_equal(ndiags(L), 0);
}

static void test_strings_hold_anything(void **state)
{
    (void)state;
    /* look-alikes, ≥ and ≤, #, control-free punctuation: ordinary text inside strings */
    Lexed *L = LEX("\"＝ ， “ ” 　 １ ≥ ≤ # ( ) . - ‘’ −\"\n");
    KINDS(L, STRING, NL, YYEOF);
    text_is(L, 0, "＝ ， “ ” 　 １ ≥ ≤ # ( ) . - ‘’ −");
    assert_int_equal(ndiags(L), 0);
}

static void test_string_errors(void **state)
{
    (void)state;
    /* unterminated: at the string's start */
    Lexed *L = LEX("a \"abc\nb\n");
    KINDS(L, IDENT, YYerror, NL, IDENT, NL, YYEOF);
    diag_is(L, 0, "E003", 2, 1);
    assert_int_equal(ndiags(L), 1);
    teardown(NULL);
    /* unknown escape: at the escape */
    L = LEX("x \"ab\\qc\" y\nz\n");
    diag_is(L, 0, "E003", 5, 1);
    assert_int_equal(ndiags(L), 1);
    assert_int_equal(L->tok[L->n - 3].kind, IDENT); /* z on the next line lexes normally */
    text_is(L, L->n - 3, "z");
    teardown(NULL);
    /* \u{} naming a surrogate or a value above U+10FFFF */
    L = LEX("\"ok \\u{D800}\"\n\"\\u{110000}\"\n");
    assert_int_equal(ndiags(L), 2);
    diag_is(L, 0, "E003", 4, 1);
    diag_is(L, 1, "E003", 15, 2);
    teardown(NULL);
    /* unterminated at the end of the file */
    L = LEX("\"abc");
    KINDS(L, YYerror, YYEOF);
    diag_is(L, 0, "E003", 0, 1);
}

/* ---------------------------------------------------------- look-alikes */

static void test_lookalikes(void **state)
{
    (void)state;
    static const struct {
        const char *ch;
        const char *hint; /* in the help line */
    } cases[] = {
        { "＝", "'='" }, { "，", "','" }, { "：", "':'" }, { "“", "\"" }, { "”", "\"" },
        { "\xE3\x80\x80", "space" }, { "１", "'1'" }, { "９", "'9'" }, { "＂", "'\"'" },
        { "‘", "double quotes" }, { "’", "double quotes" }, { "−", "'-'" }, { "～", "'~'" }, { "！", "'!'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char src[64];
        int n = snprintf(src, sizeof src, "ab %s cd\n", cases[i].ch);
        Lexed *L = lex_n(src, (size_t)n);
        KINDS(L, IDENT, YYerror, IDENT, NL, YYEOF);
        assert_int_equal(ndiags(L), 1);
        const Diag *d = diag_is(L, 0, "E002", 3, 1);
        assert_int_equal(d->loc.len, strlen(cases[i].ch));
        if (!has_help(d, cases[i].hint)) {
            print_error("look-alike %s: no help mentioning %s\n", cases[i].ch, cases[i].hint);
            dump(L);
            fail();
        }
        teardown(NULL);
    }
}

static void test_lookalike_ends_identifier(void **state)
{
    (void)state;
    /* look-alikes are never part of a name, even glued to one */
    Lexed *L = LEX("一般＝公共\n");
    KINDS(L, IDENT, YYerror, IDENT, NL, YYEOF);
    text_is(L, 0, "一般");
    diag_is(L, 0, "E002", 6, 1);
    assert_int_equal(ndiags(L), 1);
}

/* ------------------------------------------------------------ operators */

static void test_operators(void **state)
{
    (void)state;
    Lexed *L = LEX(">= ≥ <= ≤ = > < { } / % >=6 ≥6\n");
    KINDS(L, GE, GE, LE, LE, '=', '>', '<', '{', '}', '/', '%', GE, INTEGER, GE, INTEGER, NL, YYEOF);
    assert_int_equal(ndiags(L), 0);
    /* an indicator line */
    teardown(NULL);
    L = LEX("indicator 产出指标/数量指标/专题调研 ≥ 6 次 weight 10 core\n");
    KINDS(L, KW_INDICATOR, IDENT, '/', IDENT, '/', IDENT, GE, INTEGER, IDENT, KW_WEIGHT, INTEGER, KW_CORE, NL,
          YYEOF);
    assert_int_equal(ndiags(L), 0);
}

/* ------------------------------------------------- comments and lines */

static void test_comments(void **state)
{
    (void)state;
    Lexed *L = LEX("a # a comment with ＝ “x” ≥ \\ and \" \nb\n# whole line\n\nc # at the end");
    KINDS(L, IDENT, NL, IDENT, NL, NL, NL, IDENT, YYEOF);
    assert_int_equal(ndiags(L), 0);
    assert_int_equal(L->tok[1].flags, 1); /* NL of a line that ended in a comment */
    assert_int_equal(L->tok[3].flags, 0);
    assert_int_equal(L->tok[4].flags, 1);
    assert_int_equal(L->tok[2].loc.line, 2);
    assert_int_equal(L->tok[6].loc.line, 5);
}

static void test_crlf(void **state)
{
    (void)state;
    Lexed *L = LEX("a 1.5\r\nb\r\n\r\nc");
    KINDS(L, IDENT, DECIMAL, NL, IDENT, NL, NL, IDENT, YYEOF);
    assert_int_equal(ndiags(L), 0);
    assert_int_equal(L->tok[2].loc.len, 2); /* CRLF is one line end */
    assert_int_equal(L->tok[3].loc.line, 2);
    assert_int_equal(L->tok[6].loc.line, 4);
}

static void test_lone_cr(void **state)
{
    (void)state;
    Lexed *L = LEX("a\rb\nc\r\n");
    KINDS(L, IDENT, YYerror, IDENT, NL, IDENT, NL, YYEOF);
    assert_int_equal(ndiags(L), 1);
    diag_is(L, 0, "E002", 1, 1);
    assert_int_equal(L->tok[4].loc.line, 2); /* a lone CR does not end a line */
}

static void test_tabs_and_controls(void **state)
{
    (void)state;
    Lexed *L = LEX("a\tb\n");
    KINDS(L, IDENT, IDENT, NL, YYEOF);
    assert_int_equal(ndiags(L), 0);
    teardown(NULL);
    /* other controls, C1 controls, DEL and NUL are E002 */
    static const char *ctl[] = { "\x01", "\x1B", "\x7F", "\xC2\x85", "\x0C", "\x0B" };
    for (size_t i = 0; i < sizeof ctl / sizeof *ctl; i++) {
        char src[16];
        int n = snprintf(src, sizeof src, "ab%scd\n", ctl[i]);
        L = lex_n(src, (size_t)n);
        assert_int_equal(ndiags(L), 1);
        diag_is(L, 0, "E002", 2, 1);
        teardown(NULL);
    }
    L = lex_n("ab\0cd\n", 6);
    assert_int_equal(ndiags(L), 1);
    diag_is(L, 0, "E002", 2, 1);
}

static void test_bom(void **state)
{
    (void)state;
    /* at the start: ignored */
    Lexed *L = LEX("\xEF\xBB\xBF" "budget 2026\n");
    KINDS(L, KW_BUDGET, INTEGER, NL, YYEOF);
    assert_int_equal(L->tok[0].loc.off, 3);
    assert_int_equal(ndiags(L), 0);
    teardown(NULL);
    /* anywhere else: E002 */
    L = LEX("budget\n\xEF\xBB\xBF" "2026\n");
    assert_int_equal(ndiags(L), 1);
    diag_is(L, 0, "E002", 7, 2);
}

/* ---------------------------------------------------------- invalid UTF-8 */

static void test_invalid_utf8(void **state)
{
    (void)state;
    Lexed *L = LEX("ab \xFF\xFE cd\n");
    assert_int_equal(L->tok[1].kind, YYerror);
    assert_int_equal(ndiags(L), 1); /* one diagnostic for the run */
    const Diag *d = diag_is(L, 0, "E001", 3, 1);
    assert_int_equal(d->loc.len, 1);
    teardown(NULL);
    /* inside an identifier: the name stops before the bad byte */
    L = LEX("中\x80文\n");
    text_is(L, 0, "中");
    assert_int_equal(L->tok[1].kind, YYerror);
    diag_is(L, 0, "E001", 3, 1);
    assert_int_equal(ndiags(L), 1);
    teardown(NULL);
    /* overlong, surrogate, above U+10FFFF, truncated at the end of the file */
    static const char *bad[] = { "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE4\xB8" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char src[32];
        int n = snprintf(src, sizeof src, "x\nyy %s", bad[i]);
        L = lex_n(src, (size_t)n);
        assert_int_equal(ndiags(L), 1);
        diag_is(L, 0, "E001", 5, 2);
        teardown(NULL);
    }
    /* one per line */
    L = LEX("\xFF\n\xFF\n");
    assert_int_equal(ndiags(L), 2);
    diag_is(L, 0, "E001", 0, 1);
    diag_is(L, 1, "E001", 2, 2);
}

/* ------------------------------------------- the rules that never back up */

/* lexer.l matches a word, a text, a comment or nothing followed by a partial
 * multi-byte character (or a text by a partial escape) with rules of their
 * own, so that flex never backs up; each cuts its match back.  The tokens
 * and diagnostics must be those of the plain rules. */
static void test_cut_rules(void **state)
{
    (void)state;
    Lexed *L = LEX("project\xE4\xB8 x\n"); /* a keyword stays a keyword */
    KINDS(L, KW_PROJECT, YYerror, YYerror, IDENT, NL, YYEOF);
    diag_is(L, 0, "E001", 7, 1);
    assert_int_equal(L->tok[0].loc.len, 7);
    L = LEX("indicator-levels\xF0\x9F\x98 x\n");
    KINDS(L, KW_INDICATOR_LEVELS, YYerror, YYerror, YYerror, IDENT, NL, YYEOF);
    L = LEX("名称\xE4\xB8\n");
    KINDS(L, IDENT, YYerror, YYerror, NL, YYEOF);
    text_is(L, 0, "名称");
    diag_is(L, 0, "E001", 6, 1);
    L = LEX("\xE4\xB8 x\n"); /* a partial character alone: E001 at its first byte */
    KINDS(L, YYerror, YYerror, IDENT, NL, YYEOF);
    diag_is(L, 0, "E001", 0, 1);
    assert_int_equal(ndiags(L), 1);
    L = LEX("\"ab\xE4\xB8\"\n"); /* in a text */
    assert_int_equal(L->tok[0].kind, YYerror);
    diag_is(L, 0, "E001", 3, 1);
    assert_int_equal(ndiags(L), 1);
    L = LEX("\"ab\\u{12\" x\n"); /* a partial escape */
    assert_int_equal(L->tok[0].kind, YYerror);
    diag_is(L, 0, "E003", 3, 1);
    assert_int_equal(ndiags(L), 1);
    L = LEX("\"ab\\\n"); /* a backslash at the end of the line */
    assert_int_equal(L->tok[0].kind, YYerror);
    diag_is(L, 0, "E003", 3, 1);
    L = LEX("# c \xE4\xB8\nabc\n"); /* a comment */
    KINDS(L, YYerror, YYerror, NL, IDENT, NL, YYEOF);
    diag_is(L, 0, "E001", 4, 1);
    L = LEX("\"a\x01" "bc\\\nd\n"); /* the rest of a bad text ends before a last backslash */
    KINDS(L, YYerror, YYerror, NL, IDENT, NL, YYEOF);
    diag_is(L, 0, "E002", 2, 1);
    assert_int_equal(ndiags(L), 1);
}

/* ------------------------------------------------ identifier then digits */

static void test_name_glued_to_amount(void **state)
{
    (void)state;
    Lexed *L = LEX("30101 基本工资293.15\n");
    KINDS(L, INTEGER, IDENT, YYerror, INTEGER, NL, YYEOF);
    text_is(L, 1, "基本工资293");
    assert_int_equal(ndiags(L), 1);
    const Diag *d = diag_is(L, 0, "E002", 21, 1); /* at the '.' */
    assert_int_equal(d->loc.len, 1);
    assert_true(has_help(d, "space"));
}

static void test_stray_dot(void **state)
{
    (void)state;
    Lexed *L = LEX("a . b\n");
    KINDS(L, IDENT, YYerror, IDENT, NL, YYEOF);
    const Diag *d = diag_is(L, 0, "E002", 2, 1);
    assert_false(has_help(d, "space between the name")); /* not glued to a name with digits */
    teardown(NULL);
    L = LEX("- 5\n");
    d = diag_is(L, 0, "E002", 0, 1);
    assert_int_equal(ndiags(L), 1);
}

/* ------------------------------------------------ quiet after an error */

static void test_quiet_rest_of_line(void **state)
{
    (void)state;
    Lexed *L = LEX("1,00.00 ＝ \xFF “ \"bad\\q\" . 1. \r x\n＝ 1.\nok\n");
    /* line 1: only the first error; line 2 is reported again (once) */
    assert_int_equal(ndiags(L), 2);
    diag_is(L, 0, "E004", 0, 1);
    const char *line2 = strchr(L->f->text, '\n') + 1;
    diag_is(L, 1, "E002", (uint32_t)(line2 - L->f->text), 2);
    /* and the scanner carries on: the last line lexes cleanly */
    assert_int_equal(L->tok[L->n - 3].kind, IDENT);
    text_is(L, L->n - 3, "ok");
    assert_int_equal(L->tok[L->n - 3].loc.line, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_keywords_vs_identifiers, teardown),
        cmocka_unit_test_teardown(test_all_keywords, teardown),
        cmocka_unit_test_teardown(test_keyword_prefixes, teardown),
        cmocka_unit_test(test_lex_is_keyword),
        cmocka_unit_test_teardown(test_cjk_identifiers, teardown),
        cmocka_unit_test_teardown(test_identifier_stops_at_punctuation, teardown),
        cmocka_unit_test_teardown(test_codes, teardown),
        cmocka_unit_test_teardown(test_numbers, teardown),
        cmocka_unit_test_teardown(test_bad_numbers, teardown),
        cmocka_unit_test_teardown(test_number_then_text, teardown),
        cmocka_unit_test_teardown(test_strings, teardown),
        cmocka_unit_test_teardown(test_strings_hold_anything, teardown),
        cmocka_unit_test_teardown(test_string_errors, teardown),
        cmocka_unit_test_teardown(test_lookalikes, teardown),
        cmocka_unit_test_teardown(test_lookalike_ends_identifier, teardown),
        cmocka_unit_test_teardown(test_operators, teardown),
        cmocka_unit_test_teardown(test_comments, teardown),
        cmocka_unit_test_teardown(test_crlf, teardown),
        cmocka_unit_test_teardown(test_lone_cr, teardown),
        cmocka_unit_test_teardown(test_tabs_and_controls, teardown),
        cmocka_unit_test_teardown(test_bom, teardown),
        cmocka_unit_test_teardown(test_invalid_utf8, teardown),
        cmocka_unit_test_teardown(test_cut_rules, teardown),
        cmocka_unit_test_teardown(test_name_glued_to_amount, teardown),
        cmocka_unit_test_teardown(test_stray_dot, teardown),
        cmocka_unit_test_teardown(test_quiet_rest_of_line, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
