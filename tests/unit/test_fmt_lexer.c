/*
 * test_fmt_lexer.c — the scanner's comment tokens for `bdlc fmt`
 * (Lexer.keep_comments, grammar/lexer.l): off by default, so the parser
 * never sees a comment; on, each comment comes back as a '#' token spanning
 * the comment's bytes (not the line break, not a CR), and the NL after it
 * still carries flags = 1 (a comment ends a string continuation).
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

enum { MAXTOK = 64 };

static int lex(const char *text, bool keep, Tok *tok, Unit **up)
{
    Unit *u = unit_new(NULL);
    SrcFile *f = src_from_memory(u, "t.bdl", text, strlen(text), false);
    Lexer lx;
    lexer_open(&lx, u, f);
    lx.keep_comments = keep;
    int n = 0;
    for (;;) {
        assert_true(n < MAXTOK);
        memset(&tok[n], 0, sizeof tok[n]);
        tok[n].kind = lex_next(&lx, &tok[n]);
        if (tok[n++].kind == YYEOF) break;
    }
    lexer_close(&lx);
    *up = u;
    return n;
}

static void comments_skipped_by_default(void **state)
{
    (void)state;
    Tok t[MAXTOK];
    Unit *u;
    int n = lex("goal \"a\" # note\n# whole line\n\"b\"\n", false, t, &u);
    int kinds[] = { KW_GOAL, STRING, NL, NL, STRING, NL, YYEOF };
    assert_int_equal(n, 7);
    for (int i = 0; i < n; i++) assert_int_equal(t[i].kind, kinds[i]);
    assert_int_equal(t[2].flags, 1); /* the line ended in a comment */
    assert_int_equal(t[3].flags, 1);
    assert_int_equal(t[5].flags, 0);
    unit_free(u);
}

static void comments_as_tokens(void **state)
{
    (void)state;
    Tok t[MAXTOK];
    Unit *u;
    const char *src = "goal \"a\" # note  \r\n\t# whole line\n\"b\"#glued\n";
    int n = lex(src, true, t, &u);
    int kinds[] = { KW_GOAL, STRING, '#', NL, '#', NL, STRING, '#', NL, YYEOF };
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++) assert_int_equal(t[i].kind, kinds[i]);
    assert_int_equal(t[2].loc.len, strlen("# note  "));
    assert_memory_equal(src + t[2].loc.off, "# note  ", t[2].loc.len);
    assert_int_equal(t[2].loc.line, 1);
    assert_int_equal(t[3].flags, 1);
    assert_memory_equal(src + t[4].loc.off, "# whole line", t[4].loc.len);
    assert_int_equal(t[4].loc.line, 2);
    assert_memory_equal(src + t[7].loc.off, "#glued", t[7].loc.len);
    assert_int_equal(t[8].flags, 1);
    unit_free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comments_skipped_by_default),
        cmocka_unit_test(comments_as_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
