/*
 * test_utf8.c — UTF-8 decoding, display width and source positions
 * (src/source.c; spec §2 and §6).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bdl.h"

/* Decode a byte string given with its length; returns bytes used. */
static int dec(const char *s, size_t n, uint32_t *cp)
{
    *cp = 0xDEADBEEF;
    return utf8_decode(s, n, cp);
}

/* --------------------------------------------------------- utf8_decode */

static void test_decode_valid(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("A", 1, &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(dec("\x7F", 1, &cp), 1);
    assert_int_equal(cp, 0x7F);
    /* NUL is a valid one-byte sequence (the lexer rejects it, not the decoder) */
    assert_int_equal(dec("\0", 1, &cp), 1);
    assert_int_equal(cp, 0);
    /* two bytes: the smallest, é, the largest */
    assert_int_equal(dec("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(dec("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(dec("\xDF\xBF", 2, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    /* three bytes */
    assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3);
    assert_int_equal(cp, 0x800);
    assert_int_equal(dec("中", 3, &cp), 3);
    assert_int_equal(cp, 0x4E2D);
    assert_int_equal(dec("\xED\x9F\xBF", 3, &cp), 3); /* just below the surrogates */
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(dec("\xEE\x80\x80", 3, &cp), 3); /* just above */
    assert_int_equal(cp, 0xE000);
    assert_int_equal(dec("\xEF\xBB\xBF", 3, &cp), 3); /* BOM */
    assert_int_equal(cp, 0xFEFF);
    assert_int_equal(dec("\xEF\xBF\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFF);
    /* four bytes */
    assert_int_equal(dec("\xF0\x90\x80\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x10000);
    assert_int_equal(dec("😀", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(dec("\xF0\xA0\x80\x80", 4, &cp), 4); /* CJK extension B */
    assert_int_equal(cp, 0x20000);
    assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* only the first sequence is decoded */
    assert_int_equal(dec("中文", 6, &cp), 3);
    assert_int_equal(cp, 0x4E2D);
    assert_int_equal(dec("ab", 2, &cp), 1);
    assert_int_equal(cp, 'a');
}

static void test_decode_overlong(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("\xC0\x80", 2, &cp), 0);         /* NUL in two bytes */
    assert_int_equal(dec("\xC0\xAF", 2, &cp), 0);         /* '/' */
    assert_int_equal(dec("\xC1\xBF", 2, &cp), 0);         /* 0x7F */
    assert_int_equal(dec("\xE0\x80\x80", 3, &cp), 0);
    assert_int_equal(dec("\xE0\x9F\xBF", 3, &cp), 0);     /* 0x7FF in three */
    assert_int_equal(dec("\xF0\x80\x80\x80", 4, &cp), 0);
    assert_int_equal(dec("\xF0\x8F\xBF\xBF", 4, &cp), 0); /* 0xFFFF in four */
}

static void test_decode_surrogates(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("\xED\xA0\x80", 3, &cp), 0); /* U+D800 */
    assert_int_equal(dec("\xED\xAD\xBF", 3, &cp), 0); /* U+DB7F */
    assert_int_equal(dec("\xED\xB0\x80", 3, &cp), 0); /* U+DC00 */
    assert_int_equal(dec("\xED\xBF\xBF", 3, &cp), 0); /* U+DFFF */
    /* CESU-8 pair for U+1F600 */
    assert_int_equal(dec("\xED\xA0\xBD\xED\xB8\x80", 6, &cp), 0);
}

static void test_decode_too_large(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("\xF4\x90\x80\x80", 4, &cp), 0); /* U+110000 */
    assert_int_equal(dec("\xF7\xBF\xBF\xBF", 4, &cp), 0); /* U+1FFFFF */
    assert_int_equal(dec("\xF5\x80\x80\x80", 4, &cp), 0);
    /* 5- and 6-byte forms of old UTF-8, and bytes never used */
    assert_int_equal(dec("\xF8\x88\x80\x80\x80", 5, &cp), 0);
    assert_int_equal(dec("\xFC\x84\x80\x80\x80\x80", 6, &cp), 0);
    assert_int_equal(dec("\xFE", 1, &cp), 0);
    assert_int_equal(dec("\xFF", 1, &cp), 0);
}

static void test_decode_truncated(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("", 0, &cp), 0);
    assert_int_equal(dec("\xC3", 1, &cp), 0);
    assert_int_equal(dec("\xE4\xB8", 2, &cp), 0);
    assert_int_equal(dec("\xF0\x9F\x98", 3, &cp), 0);
    /* n limits the decoder even when more bytes follow in memory */
    assert_int_equal(dec("中", 2, &cp), 0);
    assert_int_equal(dec("😀", 3, &cp), 0);
    /* a lead byte followed by a non-continuation */
    assert_int_equal(dec("\xE4" "A\xAD", 3, &cp), 0);
    assert_int_equal(dec("\xE4\xB8" "A", 3, &cp), 0);
    assert_int_equal(dec("\xC3" "(", 2, &cp), 0);
    assert_int_equal(dec("\xF0\x9F\x98" "A", 4, &cp), 0);
    /* a lone continuation byte */
    assert_int_equal(dec("\x80", 1, &cp), 0);
    assert_int_equal(dec("\xBF" "A", 2, &cp), 0);
}

/* ---------------------------------------------------------- char_width */

static void test_width_ascii(void **state)
{
    (void)state;
    for (uint32_t c = 0x20; c < 0x7F; c++) assert_int_equal(char_width(c), 1);
    assert_int_equal(char_width(0xE9), 1);   /* é */
    assert_int_equal(char_width(0x3B1), 1);  /* α */
    assert_int_equal(char_width(0x2265), 1); /* ≥ */
    assert_int_equal(char_width(0x201C), 1); /* “ */
}

static void test_width_cjk(void **state)
{
    (void)state;
    assert_int_equal(char_width(0x4E00), 2); /* 一 */
    assert_int_equal(char_width(0x4E2D), 2); /* 中 */
    assert_int_equal(char_width(0x9FA5), 2);
    assert_int_equal(char_width(0x3001), 2); /* 、 */
    assert_int_equal(char_width(0x300A), 2); /* 《 */
    assert_int_equal(char_width(0x3014), 2); /* 〔 */
    assert_int_equal(char_width(0x3400), 2); /* extension A */
    assert_int_equal(char_width(0x20000), 2); /* extension B */
    assert_int_equal(char_width(0xAC00), 2); /* 가 */
    assert_int_equal(char_width(0x3042), 2); /* あ */
    assert_int_equal(char_width(0x1F600), 2); /* emoji */
}

static void test_width_fullwidth(void **state)
{
    (void)state;
    assert_int_equal(char_width(0xFF08), 2); /* （ */
    assert_int_equal(char_width(0xFF09), 2); /* ） */
    assert_int_equal(char_width(0xFF0C), 2); /* ， */
    assert_int_equal(char_width(0xFF1D), 2); /* ＝ */
    assert_int_equal(char_width(0xFF11), 2); /* １ */
    assert_int_equal(char_width(0xFF21), 2); /* Ａ */
    assert_int_equal(char_width(0xFF5E), 2); /* ～ */
    assert_int_equal(char_width(0xFFE5), 2); /* ￥ */
    assert_int_equal(char_width(0x3000), 2); /* ideographic space */
}

static void test_width_zero(void **state)
{
    (void)state;
    assert_int_equal(char_width(0x0300), 0); /* combining grave */
    assert_int_equal(char_width(0x0301), 0); /* combining acute */
    assert_int_equal(char_width(0x036F), 0);
    assert_int_equal(char_width(0x200B), 0); /* zero width space */
    assert_int_equal(char_width(0x200D), 0); /* ZWJ */
    assert_int_equal(char_width(0xFE0F), 0); /* variation selector */
    assert_int_equal(char_width(0xFEFF), 0);
    assert_int_equal(char_width(0x00), 0);
    assert_int_equal(char_width(0x07), 0);
}

/* ---------------------------------------------------- src_column, src_line */

static SrcFile *mem(Unit *u, const char *text, size_t len)
{
    return src_from_memory(u, "t.bdl", text, len, false);
}
#define MEM(u, lit) mem((u), (lit), sizeof(lit) - 1)

static void test_column_ascii(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    SrcFile *f = MEM(u, "abc\ndef\n\nxyz");
    assert_int_equal(src_column(f, 0), 1);
    assert_int_equal(src_column(f, 2), 3);
    assert_int_equal(src_column(f, 3), 4);  /* the newline itself */
    assert_int_equal(src_column(f, 4), 1);  /* line 2 */
    assert_int_equal(src_column(f, 6), 3);
    assert_int_equal(src_column(f, 8), 1);  /* the empty line */
    assert_int_equal(src_column(f, 9), 1);
    assert_int_equal(src_column(f, 11), 3);
    assert_int_equal(src_column(f, 12), 4); /* end of file */
    assert_int_equal(src_column(f, 9999), 4); /* clamped to the end */
    unit_free(u);
}

static void test_column_cjk(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    /* "ab中文cd\n中x（y）" */
    SrcFile *f = MEM(u, "ab中文cd\n中x（y）");
    assert_int_equal(src_column(f, 2), 3);  /* 中 */
    assert_int_equal(src_column(f, 5), 4);  /* 文 */
    assert_int_equal(src_column(f, 8), 5);  /* c */
    assert_int_equal(src_column(f, 9), 6);  /* d */
    assert_int_equal(src_column(f, 11), 1); /* 中 on line 2 */
    assert_int_equal(src_column(f, 14), 2); /* x */
    assert_int_equal(src_column(f, 15), 3); /* （ */
    assert_int_equal(src_column(f, 18), 4); /* y */
    assert_int_equal(src_column(f, 19), 5); /* ） */
    /* astral characters are one code point */
    SrcFile *g = MEM(u, "😀😀x");
    assert_int_equal(src_column(g, 8), 3);
    unit_free(u);
}

/* The line of spec §6: `696.46` starts at code point 41. */
static void test_column_spec_example(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    const char *line = "    201 一般公共服务支出 basic 1,078.68 project 696.46\n";
    SrcFile *f = mem(u, line, strlen(line));
    const char *at = strstr(line, "696.46");
    assert_int_equal(src_column(f, (uint32_t)(at - line)), 41);
    assert_int_equal(src_column(f, (uint32_t)(strstr(line, "basic") - line)), 18);
    unit_free(u);
}

static void test_column_invalid_bytes(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    /* every invalid byte is one column */
    SrcFile *f = MEM(u, "a\xFF\xFE" "b");
    assert_int_equal(src_column(f, 1), 2);
    assert_int_equal(src_column(f, 2), 3);
    assert_int_equal(src_column(f, 3), 4);
    /* a truncated sequence: each of its bytes counts */
    SrcFile *g = MEM(u, "\xE4\xB8" "b中c");
    assert_int_equal(src_column(g, 2), 3);
    assert_int_equal(src_column(g, 3), 4);
    assert_int_equal(src_column(g, 6), 5);
    /* a surrogate encoding is three invalid bytes */
    SrcFile *h = MEM(u, "\xED\xA0\x80z");
    assert_int_equal(src_column(h, 3), 4);
    unit_free(u);
}

static void test_column_bom(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    SrcFile *f = MEM(u, "\xEF\xBB\xBF" "ab\ncd");
    assert_int_equal(f->start, 3);
    assert_int_equal(src_column(f, 3), 1); /* a */
    assert_int_equal(src_column(f, 4), 2); /* b */
    assert_int_equal(src_column(f, 7), 2); /* d: later lines are unaffected */
    /* a BOM that is not at the start counts like any character */
    SrcFile *g = MEM(u, "a\xEF\xBB\xBF" "b");
    assert_int_equal(g->start, 0);
    assert_int_equal(src_column(g, 4), 3);
    unit_free(u);
}

static void test_column_crlf(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    SrcFile *f = MEM(u, "ab\r\ncd\r\n");
    assert_int_equal(src_column(f, 4), 1);
    assert_int_equal(src_column(f, 5), 2);
    unit_free(u);
}

#define assert_line(f, off, want) assert_line_at((f), (off), (want), __LINE__)
static void assert_line_at(SrcFile *f, uint32_t off, const char *want, int line)
{
    Str l = src_line(f, off);
    if (l.n != strlen(want)) print_error("src_line at offset %u (test line %d): got '%.*s'\n", off, line, (int)l.n, l.s);
    assert_int_equal(l.n, strlen(want));
    if (l.n) assert_memory_equal(l.s, want, l.n);
}

static void test_src_line(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    SrcFile *f = MEM(u, "first\nsecond 中文\r\n\nlast");
    assert_line(f, 0, "first");
    assert_line(f, 3, "first");
    assert_line(f, 5, "first");              /* the newline belongs to its line */
    assert_line(f, 6, "second 中文");        /* CR of CRLF is not part of the line */
    assert_line(f, 15, "second 中文");
    assert_line(f, 19, "second 中文");        /* at the CR */
    assert_line(f, 20, "second 中文");        /* at the LF */
    assert_line(f, 21, "");                  /* the empty line */
    assert_line(f, 22, "last");              /* no final newline */
    assert_line(f, 26, "last");              /* end of file */
    assert_line(f, 1000, "last");            /* clamped */
    Str l = src_line(f, 6);
    assert_ptr_equal(l.s, f->text + 6);      /* a slice of the buffer, not a copy */
    SrcFile *g = MEM(u, "\xEF\xBB\xBF" "budget 2026 {\n}\n");
    assert_line(g, 3, "budget 2026 {");     /* the BOM is not part of line 1 */
    assert_line(g, 10, "budget 2026 {");
    assert_line(g, 17, "}");
    SrcFile *h = MEM(u, "x\n");
    assert_line(h, 2, "");                   /* after the last newline */
    SrcFile *e = MEM(u, "");
    assert_line(e, 0, "");
    assert_int_equal(src_column(e, 0), 1);
    unit_free(u);
}

/* A Loc keeps a 16-bit file index: the 65,536th file of a unit is refused
 * with a message, not given a wrong index. */
static void test_file_limit(void **state)
{
    (void)state;
    Unit *u = unit_new(NULL);
    while (u->files.n < LOC_MAX_FILES) src_from_memory(u, "x.bdl", "x", 1, false);
    char err[256] = "";
    assert_null(src_load(u, "tests/unit/test_utf8.c", err, sizeof err));
    assert_non_null(strstr(err, "at most 65535 files"));
    /* a file read ahead on another thread (load.c) is refused the same way */
    err[0] = 0;
    assert_null(src_add(u, "x.bdl", NULL, strdup("x\0"), 1, err, sizeof err));
    assert_non_null(strstr(err, "at most 65535 files"));
    unit_free(u);
    /* and so is a stdlib module imported past the limit: E020 at the import */
    u = unit_new(NULL);
    while (u->files.n < LOC_MAX_FILES - 1) src_from_memory(u, "x.bdl", "x", 1, false);
    load_unit_memory(u, "root.bdl", "import \"cn/2026\"\n", 17);
    bool e020 = false;
    for (int i = 0; i < u->diags.n; i++)
        if (strcmp(u->diags.d[i].code, "E020") == 0 && strstr(u->diags.d[i].msg, "at most 65535 files")) e020 = true;
    assert_true(e020);
    assert_int_equal(u->files.n, LOC_MAX_FILES);
    unit_free(u);
    assert_int_equal(loc_len(70000), 65535);
    assert_int_equal(loc_len(12), 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_overlong),
        cmocka_unit_test(test_decode_surrogates),
        cmocka_unit_test(test_decode_too_large),
        cmocka_unit_test(test_decode_truncated),
        cmocka_unit_test(test_width_ascii),
        cmocka_unit_test(test_width_cjk),
        cmocka_unit_test(test_width_fullwidth),
        cmocka_unit_test(test_width_zero),
        cmocka_unit_test(test_column_ascii),
        cmocka_unit_test(test_column_cjk),
        cmocka_unit_test(test_column_spec_example),
        cmocka_unit_test(test_column_invalid_bytes),
        cmocka_unit_test(test_column_bom),
        cmocka_unit_test(test_column_crlf),
        cmocka_unit_test(test_src_line),
        cmocka_unit_test(test_file_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
