/*
 * test_buf.c — the shared pieces: the buffer and its printf, JSON string
 * escaping (src/buf.c), the hash map (src/map.c), whole files (src/file.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "bdl.h"

/* The JSON text of n bytes of s. */
static char *json(const char *s, size_t n)
{
    Buf b = { 0 };
    buf_json_str(&b, (Str){ s, (uint32_t)n });
    return b.s; /* xfree */
}

#define assert_json(in, want)                             \
    do {                                                  \
        char *got_ = json((in), sizeof(in) - 1);          \
        assert_string_equal(got_, (want));                \
        xfree(got_);                                      \
    } while (0)

static void test_json_plain(void **state)
{
    (void)state;
    assert_json("", "\"\"");
    assert_json("abc", "\"abc\"");
    assert_json("一般公共预算资金", "\"一般公共预算资金\"");   /* UTF-8 copied as it is */
    assert_json("😀", "\"😀\"");                              /* 4-byte sequences too */
    char *e = json(NULL, 0);                                   /* an empty Str may have no bytes */
    assert_string_equal(e, "\"\"");
    xfree(e);
}

static void test_json_escapes(void **state)
{
    (void)state;
    assert_json("a\"b\\c", "\"a\\\"b\\\\c\"");
    assert_json("1\n2\t3\r", "\"1\\n2\\t3\\r\"");
    assert_json("\x01\x1f", "\"\\u0001\\u001f\"");
    assert_json("\x7f", "\"\\u007f\"");
    assert_json("/", "\"/\""); /* legal unescaped */
}

static void test_json_embedded_nul(void **state)
{
    (void)state;
    static const char s[] = { 'a', 0, 'b' };
    char *e = json(s, sizeof s);
    assert_string_equal(e, "\"a\\u0000b\"");
    xfree(e);
}

/* U+2028/U+2029 end a line in JavaScript before ES2019. */
static void test_json_line_separators(void **state)
{
    (void)state;
    assert_json("a\xe2\x80\xa8" "b\xe2\x80\xa9", "\"a\\u2028b\\u2029\"");
    assert_json("\xe2\x80\xa7", "\"\xe2\x80\xa7\""); /* U+2027 is not one */
}

/* Invalid UTF-8 (a file name, say) becomes U+FFFD, one per bad byte. */
static void test_json_invalid_utf8(void **state)
{
    (void)state;
    assert_json("a\xff" "b", "\"a\\ufffdb\"");
    assert_json("\xe4\xb8", "\"\\ufffd\\ufffd\"");                 /* cut short */
    assert_json("\xc0\xaf", "\"\\ufffd\\ufffd\"");                 /* overlong */
    assert_json("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");      /* a surrogate */
    assert_json("\xe4\xb8" "x", "\"\\ufffd\\ufffdx\"");
}

static void test_format(void **state)
{
    (void)state;
    Arena a = { 0 };
    assert_string_equal(buf_format(&a, "%d-%s", 42, "x"), "42-x");
    assert_string_equal(buf_format(&a, "%s", ""), "");
    char *h = buf_format(NULL, "%.*s", 3, "abcdef");
    assert_string_equal(h, "abc");
    xfree(h);
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_string_equal(buf_format(&a, "%s", big), big);
    arena_free(&a);
}

static void test_buf_addf(void **state)
{
    (void)state;
    Buf b = { 0 };
    buf_addf(&b, "%d", 7);
    char big[600];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = 0;
    buf_addf(&b, "%s", big); /* past the small stack buffer */
    assert_int_equal(b.n, 600);
    assert_int_equal(b.s[0], '7');
    assert_int_equal(b.s[b.n], 0);
    buf_free(&b);
}

static void test_map(void **state)
{
    (void)state;
    Map m = { 0 };
    char keys[1000][8];
    for (int i = 0; i < 1000; i++) { /* past several doublings */
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        map_put(&m, str_c(keys[i]), keys[i]);
    }
    assert_int_equal(m.n, 1000);
    for (int i = 0; i < 1000; i++) assert_ptr_equal(map_get(&m, str_c(keys[i])), keys[i]);
    assert_null(map_get(&m, str_c("k1000")));
    map_put(&m, str_c("k5"), keys[6]); /* replaces */
    assert_int_equal(m.n, 1000);
    assert_ptr_equal(map_get(&m, str_c("k5")), keys[6]);
    map_put(&m, (Str){ NULL, 0 }, keys[1]); /* the empty key */
    assert_ptr_equal(map_get(&m, str_c("")), keys[1]);
    map_free(&m);
    assert_null(map_get(&m, str_c("k1")));
}

static void test_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/bdl-test-buf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64], err[200];
    snprintf(path, sizeof path, "%s/f.txt", dir);
    assert_true(file_write(path, "tmp", "hello", 5, err, sizeof err));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, file_default_mode(0666));
    chmod(path, 0600);
    assert_true(file_write(path, "tmp", "bye", 3, err, sizeof err)); /* mode kept */
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    size_t n;
    char *text = file_read(path, SRC_DIR_MSG, &n, err, sizeof err);
    assert_non_null(text);
    assert_int_equal(n, 3);
    assert_memory_equal(text, "bye\0", 5); /* two NULs after the text */
    xfree(text);
    assert_null(file_read(dir, SRC_DIR_MSG, &n, err, sizeof err));
    char want[100];
    snprintf(want, sizeof want, "'%s' is a directory, not a BDL file", dir);
    assert_string_equal(err, want);
    unlink(path);
    assert_null(file_read(path, SRC_DIR_MSG, &n, err, sizeof err));
    assert_non_null(strstr(err, "cannot open"));
    char nodir[80];
    snprintf(nodir, sizeof nodir, "%s/none/f.txt", dir);
    assert_false(file_write(nodir, "tmp", "x", 1, err, sizeof err));
    assert_non_null(strstr(err, "cannot create a temporary file beside"));
    char tmpl[80];
    file_sibling("a/b/out.json", "tmp", tmpl, sizeof tmpl);
    assert_string_equal(tmpl, "a/b/.out.json.tmpXXXXXX");
    file_sibling("out", "old", tmpl, sizeof tmpl);
    assert_string_equal(tmpl, ".out.oldXXXXXX");
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_plain),
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_json_embedded_nul),
        cmocka_unit_test(test_json_line_separators),
        cmocka_unit_test(test_json_invalid_utf8),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_buf_addf),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
