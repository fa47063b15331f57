/*
 * test_diag.c — printing diagnostics (src/diag.c; spec §6): the GNU text
 * form with its source line and caret, JSON, SARIF 2.1.0 and the
 * --max-errors cap.
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

/* ------------------------------------------------------------- capture */

typedef struct Out {
    char *buf;
    size_t len;
    Unit *u[2];
} Out;

static Out out; /* freed by the teardown */

static int teardown(void **state)
{
    (void)state;
    free(out.buf);
    for (int i = 0; i < 2; i++) unit_free(out.u[i]);
    memset(&out, 0, sizeof out);
    return 0;
}

/* Print the diagnostics of the given units into out.buf. */
static int render(Unit **units, int n, DiagFormat format, int max_errors, bool color)
{
    free(out.buf);
    out.buf = NULL;
    FILE *fp = open_memstream(&out.buf, &out.len);
    assert_non_null(fp);
    Diags *list[2];
    for (int i = 0; i < n; i++) list[i] = &units[i]->diags;
    DiagOptions o = { .format = format, .max_errors = max_errors, .color = color };
    int r = diag_print(list, n, &o, fp);
    fclose(fp);
    return r;
}

static int render1(DiagFormat format, int max_errors) { return render(out.u, 1, format, max_errors, false); }

static Unit *unit_with(int slot, const char *path, const char *text)
{
    out.u[slot] = unit_new(NULL);
    src_from_memory(out.u[slot], path, text, strlen(text), false);
    return out.u[slot];
}

/* A Loc for `needle` (the n-th occurrence, from 1) in file 0 of u. */
static Loc loc_of(Unit *u, const char *needle, int nth)
{
    SrcFile *f = u->files.v[0];
    const char *p = f->text;
    for (int i = 0; i < nth; i++) {
        p = strstr(i ? p + 1 : p, needle);
        assert_non_null(p);
    }
    Loc l = { .off = (uint32_t)(p - f->text), .line = 1, .file = 0, .len = loc_len(strlen(needle)) };
    for (const char *q = f->text; q < p; q++) l.line += *q == '\n';
    return l;
}

static void same_text(const char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        print_error("got:\n%s\nwanted:\n%s\n", got, want);
        size_t i = 0;
        while (got[i] && got[i] == want[i]) i++;
        print_error("first difference at byte %zu\n", i);
        fail();
    }
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/* ------------------------------------------------ a small JSON checker */

typedef struct J {
    const char *s;
    bool ok;
} J;

static void j_ws(J *j)
{
    while (*j->s == ' ' || *j->s == '\n' || *j->s == '\t' || *j->s == '\r') j->s++;
}

static void j_value(J *j, int depth);

static void j_string(J *j)
{
    if (*j->s != '"') { j->ok = false; return; }
    j->s++;
    while (j->ok && *j->s != '"') {
        unsigned char c = (unsigned char)*j->s;
        if (c == 0 || c < 0x20) { j->ok = false; return; }
        if (c == '\\') {
            j->s++;
            if (strchr("\"\\/bfnrt", *j->s) && *j->s) j->s++;
            else if (*j->s == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", j->s[i]) || !j->s[i]) { j->ok = false; return; }
                j->s += 5;
            } else { j->ok = false; return; }
        } else if (c >= 0x80) {
            uint32_t cp;
            int k = utf8_decode(j->s, strlen(j->s), &cp);
            if (!k) { j->ok = false; return; }
            j->s += k;
        } else j->s++;
    }
    if (j->ok) j->s++;
}

static void j_number(J *j)
{
    const char *s = j->s;
    if (*s == '-') s++;
    if (*s == '0') s++;
    else if (*s >= '1' && *s <= '9') while (*s >= '0' && *s <= '9') s++;
    else { j->ok = false; return; }
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9')) { j->ok = false; return; }
        while (*s >= '0' && *s <= '9') s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!(*s >= '0' && *s <= '9')) { j->ok = false; return; }
        while (*s >= '0' && *s <= '9') s++;
    }
    j->s = s;
}

static void j_value(J *j, int depth)
{
    if (depth > 64) { j->ok = false; return; }
    j_ws(j);
    char c = *j->s;
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->s++;
        j_ws(j);
        if (*j->s == close) { j->s++; return; }
        for (;;) {
            if (c == '{') {
                j_ws(j);
                j_string(j);
                j_ws(j);
                if (!j->ok || *j->s != ':') { j->ok = false; return; }
                j->s++;
            }
            j_value(j, depth + 1);
            if (!j->ok) return;
            j_ws(j);
            if (*j->s == ',') { j->s++; continue; }
            if (*j->s == close) { j->s++; return; }
            j->ok = false;
            return;
        }
    } else if (c == '"') j_string(j);
    else if (strncmp(j->s, "true", 4) == 0) j->s += 4;
    else if (strncmp(j->s, "false", 5) == 0) j->s += 5;
    else if (strncmp(j->s, "null", 4) == 0) j->s += 4;
    else j_number(j);
}

static bool json_valid(const char *s)
{
    J j = { s, true };
    j_value(&j, 0);
    j_ws(&j);
    return j.ok && *j.s == 0;
}

static void test_json_checker(void **state)
{
    (void)state;
    assert_true(json_valid("[]"));
    assert_true(json_valid("{\"a\": [1, -2.5, 3e4, true, false, null, \"x\\n\\u00e9\"]}\n"));
    assert_false(json_valid("[1,]"));
    assert_false(json_valid("{\"a\" 1}"));
    assert_false(json_valid("[\"a\tb\"]"));     /* raw control character */
    assert_false(json_valid("[\"\xFF\"]"));     /* invalid UTF-8 */
    assert_false(json_valid("[01]"));
    assert_false(json_valid("[\"\\x\"]"));
    assert_false(json_valid("[] []"));
}

/* ------------------------------------------------------- the spec example */

static const char SPEC_LINE[] = "    201 一般公共服务支出 basic 1,078.68 project 696.46";
static const char SPEC_MSG[] = "project of 201 一般公共服务支出 is written as 696.46, but its rows sum to 686.46";

/* budget.bdl with the spec's line on line 14, and its E110 reported. */
static Unit *spec_unit(void)
{
    char text[1024] = "";
    for (int i = 1; i < 14; i++) strcat(text, i == 3 ? "expenditure {\n" : "\n");
    strcat(text, SPEC_LINE);
    strcat(text, "\n}\n");
    Unit *u = unit_with(0, "budget.bdl", text);
    Loc at = loc_of(u, "696.46", 1);
    assert_int_equal(at.line, 14);
    diag_at(&u->diags, at, "E110", "%s", SPEC_MSG);
    diag_note(&u->diags, NULL, "difference 10.00");
    return u;
}

static void test_text_spec_example(void **state)
{
    (void)state;
    spec_unit();
    assert_int_equal(render1(FMT_TEXT, 50), 1);
    char want[2048];
    char pad[64];
    memset(pad, ' ', 48); /* 48 display columns precede the caret */
    pad[48] = 0;
    snprintf(want, sizeof want,
             "budget.bdl:14:41: error[E110]: %s\n"
             "   14 | %s\n"
             "      | %s^~~~~~\n"
             "   = note: difference 10.00\n",
             SPEC_MSG, SPEC_LINE, pad);
    same_text(out.buf, want);
    /* the same, byte for byte, as the spec's text */
    assert_non_null(strstr(out.buf, "      |                                                 ^~~~~~\n"));
}

static void test_text_carets(void **state)
{
    (void)state;
    Unit *u = unit_with(0, "t.bdl",
                        "\tx = 1\n"            /* a tab: 4 columns */
                        "维修（护）费 5\n"    /* a CJK span: two columns a character */
                        "a\xFF" "b\n"          /* an invalid byte: shown as ?, one column */
                        "abc\r\n"              /* CRLF: the CR is not shown */
                        "end");
    diag_at(&u->diags, loc_of(u, "x", 1), "E002", "tab");
    diag_at(&u->diags, loc_of(u, "维修", 1), "W104", "cjk");
    diag_at(&u->diags, loc_of(u, "b", 1), "E002", "bad byte");
    Loc point = loc_of(u, "c", 1);
    point.len = 0;
    diag_at(&u->diags, point, "E010", "point");
    Loc wide = loc_of(u, "nd", 1);
    wide.len = 50; /* past the end of the file: clipped */
    diag_at(&u->diags, wide, "E010", "clipped");
    render1(FMT_TEXT, 0);
    same_text(out.buf,
              "t.bdl:1:2: error[E002]: tab\n"
              "    1 |     x = 1\n"
              "      |     ^\n"
              "t.bdl:2:1: warning[W104]: cjk\n"
              "    2 | 维修（护）费 5\n"
              "      | ^~~~\n"
              "t.bdl:3:3: error[E002]: bad byte\n"
              "    3 | a?b\n"
              "      |   ^\n"
              "t.bdl:4:3: error[E010]: point\n"
              "    4 | abc\n"
              "      |   ^\n"
              "t.bdl:5:2: error[E010]: clipped\n"
              "    5 | end\n"
              "      |  ^~\n");
}

static void test_text_notes(void **state)
{
    (void)state;
    Unit *u = unit_with(0, "b.bdl", "income {\n    一般公共预算资金 1.00\n    一般公共预算资金 2.00\n}\n");
    Loc first = loc_of(u, "一般", 1), second = loc_of(u, "一般", 2);
    first.len = second.len = strlen("一般公共预算资金");
    diag_at(&u->diags, second, "E105", "the source is written twice");
    diag_note(&u->diags, &first, "first written here");
    diag_help(&u->diags, "remove one");
    render1(FMT_TEXT, 50);
    same_text(out.buf,
              "b.bdl:3:5: error[E105]: the source is written twice\n"
              "    3 |     一般公共预算资金 2.00\n"
              "      |     ^~~~~~~~~~~~~~~~\n" /* 16 columns */
              "b.bdl:2:5: note: first written here\n"
              "    2 |     一般公共预算资金 1.00\n"
              "      |     ^~~~~~~~~~~~~~~~\n" /* 16 columns */
              "   = help: remove one\n");
}

static void test_text_color(void **state)
{
    (void)state;
    spec_unit();
    render(out.u, 1, FMT_TEXT, 50, true);
    assert_non_null(strstr(out.buf, "\033["));
    assert_non_null(strstr(out.buf, "error[E110]"));
    render(out.u, 1, FMT_TEXT, 50, false);
    assert_null(strstr(out.buf, "\033"));
}

/* ------------------------------------------------------------------ JSON */

static void test_json(void **state)
{
    (void)state;
    Unit *u = spec_unit();
    Loc l = loc_of(u, "1,078.68", 1);
    diag_at(&u->diags, l, "W104", "odd \"quotes\" \\ back\nslash\ttab \x01 ctl \xFF bad 中文");
    diag_note(&u->diags, &l, "with a place");
    diag_sort(&u->diags);
    assert_int_equal(render1(FMT_JSON, 50), 2);
    if (!json_valid(out.buf)) {
        print_error("not valid JSON:\n%s\n", out.buf);
        fail();
    }
    assert_int_equal(out.buf[0], '[');
    assert_non_null(strstr(out.buf, "\"file\": \"budget.bdl\""));
    assert_non_null(strstr(out.buf, "\"line\": 14"));
    assert_non_null(strstr(out.buf, "\"column\": 41"));
    assert_non_null(strstr(out.buf, "\"end\": {\"line\": 14, \"column\": 47}"));
    assert_non_null(strstr(out.buf, "\"severity\": \"error\""));
    assert_non_null(strstr(out.buf, "\"severity\": \"warning\""));
    assert_non_null(strstr(out.buf, "\"code\": \"E110\""));
    assert_non_null(strstr(out.buf, "\"code\": \"W104\""));
    assert_non_null(strstr(out.buf, "\"message\": \"project of 201 一般公共服务支出 is written as 696.46"));
    assert_non_null(strstr(out.buf, "\"notes\": ["));
    assert_non_null(strstr(out.buf, "difference 10.00"));
    assert_non_null(strstr(out.buf, "odd \\\"quotes\\\" \\\\ back\\nslash\\ttab \\u0001 ctl \\ufffd bad 中文"));
    /* nothing to report: still one valid array */
    teardown(NULL);
    unit_with(0, "empty.bdl", "x\n");
    assert_int_equal(render1(FMT_JSON, 50), 0);
    assert_true(json_valid(out.buf));
    assert_non_null(strstr(out.buf, "[]"));
}

/* ----------------------------------------------------------------- SARIF */

static void test_sarif(void **state)
{
    (void)state;
    Unit *u = spec_unit();
    Loc l = loc_of(u, "201", 1);
    diag_at(&u->diags, l, "W104", "a \"warning\"");
    diag_note(&u->diags, &l, "related");
    diag_sort(&u->diags);
    render1(FMT_SARIF, 50);
    if (!json_valid(out.buf)) {
        print_error("not valid JSON:\n%s\n", out.buf);
        fail();
    }
    assert_non_null(strstr(out.buf, "\"version\": \"2.1.0\""));
    assert_non_null(strstr(out.buf, "sarif-2.1.0"));
    assert_non_null(strstr(out.buf, "\"runs\""));
    assert_non_null(strstr(out.buf, "\"ruleId\": \"E110\""));
    assert_non_null(strstr(out.buf, "\"ruleId\": \"W104\""));
    assert_non_null(strstr(out.buf, "\"level\": \"error\""));
    assert_non_null(strstr(out.buf, "\"level\": \"warning\""));
    assert_non_null(strstr(out.buf, "\"uri\": \"budget.bdl\""));
    assert_non_null(strstr(out.buf, "\"startLine\": 14, \"startColumn\": 41"));
    assert_non_null(strstr(out.buf, "\"endColumn\": 47"));
    assert_non_null(strstr(out.buf, "\"relatedLocations\""));
    assert_non_null(strstr(out.buf, "difference 10.00")); /* a note without a place joins the message */
    /* every code (the table generated from docs/en/explain) is a rule, in order */
    const char *at = out.buf;
    for (int i = 0; i < bdl_ncodes; i++) {
        char id[32];
        snprintf(id, sizeof id, "{\"id\": \"%s\"", bdl_codes[i].code);
        const char *found = strstr(at, id);
        if (!found) {
            print_error("no SARIF rule for %s (or out of order)\n", bdl_codes[i].code);
            fail();
        }
        at = found;
    }
}

/* --------------------------------------------------------- --max-errors */

static void five_errors(void)
{
    Unit *u = unit_with(0, "m.bdl", "a\nb\nc\nd\ne\n");
    const char *names[] = { "a", "b", "c", "d", "e" };
    for (int i = 0; i < 5; i++) diag_at(&u->diags, loc_of(u, names[i], 1), "E010", "problem %d", i + 1);
}

static void test_max_errors(void **state)
{
    (void)state;
    five_errors();
    assert_int_equal(render1(FMT_TEXT, 2), 5);
    assert_int_equal(count(out.buf, "error[E010]"), 2);
    assert_non_null(strstr(out.buf, "problem 2"));
    assert_null(strstr(out.buf, "problem 3"));
    const char *last = "bdlc: 3 more problems not shown (raise the limit with --max-errors N)\n";
    size_t n = strlen(last);
    assert_true(out.len >= n);
    assert_string_equal(out.buf + out.len - n, last); /* the last line */
    assert_int_equal(count(out.buf, "more problem"), 1);
    render1(FMT_TEXT, 4);
    assert_int_equal(count(out.buf, "error[E010]"), 4);
    assert_non_null(strstr(out.buf, "bdlc: 1 more problem not shown"));
    render1(FMT_TEXT, 5);
    assert_int_equal(count(out.buf, "error[E010]"), 5);
    assert_null(strstr(out.buf, "more problem"));
    render1(FMT_TEXT, 0); /* no cap */
    assert_int_equal(count(out.buf, "error[E010]"), 5);
    /* JSON stays valid under the cap */
    render1(FMT_JSON, 2);
    assert_true(json_valid(out.buf));
    assert_int_equal(count(out.buf, "\"code\": \"E010\""), 2);
    render1(FMT_SARIF, 2);
    assert_true(json_valid(out.buf));
    assert_int_equal(count(out.buf, "\"ruleId\": \"E010\""), 2);
}

/* ------------------------------------------------------------- the rest */

static void test_shared_fragment_reported_once(void **state)
{
    (void)state;
    /* two roots including the same fragment report its problem once */
    Unit *a = unit_with(0, "frag.bdl", "x ＝ 1\n");
    Unit *b = unit_with(1, "frag.bdl", "x ＝ 1\n");
    diag_at(&a->diags, loc_of(a, "＝", 1), "E002", "look-alike");
    diag_at(&b->diags, loc_of(b, "＝", 1), "E002", "look-alike");
    assert_int_equal(render(out.u, 2, FMT_TEXT, 50, false), 1);
    assert_int_equal(count(out.buf, "error[E002]"), 1);
}

static void test_allowed_and_quiet(void **state)
{
    (void)state;
    Unit *u = unit_with(0, "q.bdl", "abc\n");
    Diags *ds = &u->diags;
    ds->allowed[ds->nallowed++] = "W104";
    Loc l = loc_of(u, "abc", 1);
    diag_at(ds, l, "W104", "silenced");
    diag_help(ds, "its help goes too");
    diag_at(ds, l, "W124", "kept");
    diag_help(ds, "kept help");
    assert_int_equal(ds->n, 1);
    assert_int_equal(ds->nwarnings, 1);
    assert_int_equal(ds->nerrors, 0);
    assert_int_equal(ds->d[0].nnotes, 1);
    assert_string_equal(ds->d[0].notes[0].msg, "kept help");
    ds->quiet = true;
    diag_at(ds, l, "E001", "dropped while quiet");
    diag_help(ds, "dropped too");
    ds->quiet = false;
    assert_int_equal(ds->n, 1);
    assert_int_equal(ds->d[0].nnotes, 1);
    /* errors cannot be allowed this way either */
    ds->allowed[ds->nallowed++] = "E110";
    diag_at(ds, l, "E110", "an error");
    assert_int_equal(ds->nerrors, 1);
}

static void test_sort(void **state)
{
    (void)state;
    Unit *u = unit_with(0, "s.bdl", "a b\nc\n");
    Diags *ds = &u->diags;
    diag_at(ds, loc_of(u, "c", 1), "E010", "third");
    diag_at(ds, loc_of(u, "b", 1), "E010", "second");
    diag_at(ds, loc_of(u, "a", 1), "E010", "first");
    diag_at(ds, loc_of(u, "b", 1), "E002", "second, later");
    diag_sort(ds);
    assert_string_equal(ds->d[0].msg, "first");
    assert_string_equal(ds->d[1].msg, "second");
    assert_string_equal(ds->d[2].msg, "second, later"); /* same place: emission order */
    assert_string_equal(ds->d[3].msg, "third");
}

static void test_known_codes(void **state)
{
    (void)state;
    /* The table is generated from docs/{en,zh}/explain/CODE.md: each entry is
     * well formed, its severity follows its letter, codes come in order of
     * their number and once, and the explanation starts with its header. */
    assert_true(bdl_ncodes >= 33);
    for (int i = 0; i < bdl_ncodes; i++) {
        const DiagCode *c = &bdl_codes[i];
        assert_int_equal(strlen(c->code), 4);
        assert_true(c->code[0] == 'E' || c->code[0] == 'W');
        assert_int_equal(c->sev, c->code[0] == 'E' ? SEV_ERROR : SEV_WARNING);
        assert_true(diag_is_known(c->code));
        assert_ptr_equal(diag_code(c->code), c);
        assert_string_equal(diag_title(c->code), c->title);
        assert_true(c->title[0] && c->title_zh[0]);
        char head[16];
        snprintf(head, sizeof head, "# %s: ", c->code);
        assert_memory_equal(c->text, head, strlen(head));
        assert_memory_equal(c->text_zh, head, strlen(head));
        if (i) assert_true(strcmp(bdl_codes[i - 1].code + 1, c->code + 1) < 0);
        /* E132's help lists exactly the warnings */
        assert_int_equal(strstr(bdl_allowable_warnings, c->code) != NULL, c->sev == SEV_WARNING);
    }
    /* Not codes: none of these can ever become one (X is no severity). */
    assert_false(diag_is_known("X999"));
    assert_false(diag_is_known("E9999"));
    assert_false(diag_is_known("e120")); /* `allow` takes codes as written */
    assert_false(diag_is_known(""));
    assert_null(diag_title("X999"));
    assert_null(diag_code("X999"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_checker),
        cmocka_unit_test_teardown(test_text_spec_example, teardown),
        cmocka_unit_test_teardown(test_text_carets, teardown),
        cmocka_unit_test_teardown(test_text_notes, teardown),
        cmocka_unit_test_teardown(test_text_color, teardown),
        cmocka_unit_test_teardown(test_json, teardown),
        cmocka_unit_test_teardown(test_sarif, teardown),
        cmocka_unit_test_teardown(test_max_errors, teardown),
        cmocka_unit_test_teardown(test_shared_fragment_reported_once, teardown),
        cmocka_unit_test_teardown(test_allowed_and_quiet, teardown),
        cmocka_unit_test_teardown(test_sort, teardown),
        cmocka_unit_test_teardown(test_known_codes, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
