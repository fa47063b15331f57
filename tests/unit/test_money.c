/*
 * test_money.c — exact amounts (src/money.c; spec §1.3, E102, E103).
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

static int parse(const char *text, int decimals, int64_t *out)
{
    *out = -12345; /* must be left alone on failure, or overwritten on success */
    return money_parse(str_c(text), decimals, out);
}

#define assert_parses(text, dec, want)                         \
    do {                                                       \
        int64_t v_;                                            \
        assert_int_equal(parse((text), (dec), &v_), 0);        \
        assert_true(v_ == (int64_t)(want));                    \
    } while (0)

/* ------------------------------------------------------------ money_parse */

static void test_parse_plain(void **state)
{
    (void)state;
    assert_parses("0", 2, 0);
    assert_parses("0.00", 2, 0);
    assert_parses("7", 2, 700);
    assert_parses("1529.94", 2, 152994);
    assert_parses("934.58", 2, 93458);
    assert_parses("0.01", 2, 1);
    assert_parses("000012.50", 2, 1250); /* leading zeros are digits like any */
}

static void test_parse_grouping(void **state)
{
    (void)state;
    assert_parses("1,529.94", 2, 152994);
    assert_parses("2,216.40", 2, 221640);
    assert_parses("1,000", 2, 100000);
    assert_parses("12,345,678.9", 2, 1234567890);
    assert_parses("1,234,567", 0, 1234567);
}

static void test_parse_short_fraction(void **state)
{
    (void)state;
    assert_parses("1.5", 2, 150);
    assert_parses("1.5", 6, 1500000);
    assert_parses("12", 6, 12000000);
    assert_parses("0.1", 3, 100);
    assert_parses("3.14", 4, 31400);
}

static void test_parse_too_precise(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(parse("1.234", 2, &v), 102);
    assert_int_equal(parse("0.001", 2, &v), 102);
    assert_int_equal(parse("1,529.945", 2, &v), 102);
    /* trailing zeros are still written digits */
    assert_int_equal(parse("1.230", 2, &v), 102);
    assert_int_equal(parse("1.0", 0, &v), 102);
    assert_int_equal(parse("0.0000001", 6, &v), 102);
    assert_int_equal(parse("5.5", 0, &v), 102);
}

static void test_parse_negative(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(parse("-1", 2, &v), 103);
    assert_int_equal(parse("-1,529.94", 2, &v), 103);
    assert_int_equal(parse("-0.01", 2, &v), 103);
    assert_int_equal(parse("-0", 2, &v), 103);
}

static void test_parse_overflow(void **state)
{
    (void)state;
    int64_t v;
    /* the edges of int64 */
    assert_parses("9223372036854775807", 0, INT64_MAX);
    assert_parses("9,223,372,036,854,775,807", 0, INT64_MAX);
    assert_parses("92233720368547758.07", 2, INT64_MAX);
    assert_parses("9223372036854.775807", 6, INT64_MAX);
    assert_int_equal(parse("9223372036854775808", 0, &v), 103);
    assert_int_equal(parse("92233720368547758.08", 2, &v), 103);
    assert_int_equal(parse("18446744073709551616", 0, &v), 103); /* 2^64 wraps to 0 if unchecked */
    /* fits as written, overflows once scaled to the decimals */
    assert_parses("92233720368547758", 2, 9223372036854775800LL);
    assert_int_equal(parse("92233720368547759", 2, &v), 103);
    assert_int_equal(parse("9223372036854775807", 1, &v), 103);
    assert_int_equal(parse("9223372036855", 6, &v), 103);
}

static void test_parse_huge(void **state)
{
    (void)state;
    int64_t v;
    char big[1024];
    /* 400 digits */
    big[0] = '1';
    memset(big + 1, '0', 399);
    big[400] = 0;
    assert_int_equal(parse(big, 2, &v), 103);
    assert_int_equal(parse(big, 0, &v), 103);
    memset(big, '9', 400);
    memcpy(big + 400, ".99", 4);
    assert_int_equal(parse(big, 2, &v), 103);
    /* 400 digits in groups of three: 1 then 133 groups of ",999" */
    size_t o = 0;
    big[o++] = '1';
    for (int i = 0; i < 133; i++) { memcpy(big + o, ",999", 4); o += 4; }
    big[o] = 0;
    assert_int_equal(parse(big, 2, &v), 103);
    /* 400 digits that are mostly leading zeros: a small value, no overflow */
    memset(big, '0', 399);
    big[399] = '1';
    big[400] = 0;
    assert_parses(big, 2, 100);
}

static void test_parse_decimals_range(void **state)
{
    (void)state;
    static const int64_t want[7] = { 0, 0, 0, 12345, 123450, 1234500, 12345000 };
    int64_t v;
    for (int d = 0; d <= 6; d++) {
        if (d < 3) assert_int_equal(parse("12.345", d, &v), 102);
        else assert_parses("12.345", d, want[d]);
    }
    int64_t p = 1;
    for (int d = 0; d <= 6; d++, p *= 10) assert_parses("1", d, p);
}

/* ----------------------------------------------------------- money_format */

static const char *fmt(int64_t v, int decimals, bool grouping)
{
    static char buf[64];
    memset(buf, 'X', sizeof buf);
    char *r = money_format(v, decimals, grouping, buf);
    assert_ptr_equal(r, buf);
    assert_true(strlen(buf) < 32); /* the documented buffer size */
    return buf;
}

static void test_format_grouping(void **state)
{
    (void)state;
    assert_string_equal(fmt(152994, 2, true), "1,529.94");
    assert_string_equal(fmt(152994, 2, false), "1529.94");
    assert_string_equal(fmt(99999, 2, true), "999.99");
    assert_string_equal(fmt(100000, 2, true), "1,000.00");
    assert_string_equal(fmt(123456, 0, true), "123,456");
    assert_string_equal(fmt(1234567, 0, true), "1,234,567");
    assert_string_equal(fmt(12345678901LL, 2, true), "123,456,789.01");
    assert_string_equal(fmt(12345678901LL, 2, false), "123456789.01");
    assert_string_equal(fmt(1234567, 6, true), "1.234567");
    assert_string_equal(fmt(1234567890, 6, true), "1,234.567890");
}

static void test_format_small(void **state)
{
    (void)state;
    assert_string_equal(fmt(0, 2, true), "0.00");
    assert_string_equal(fmt(0, 0, true), "0");
    assert_string_equal(fmt(0, 6, false), "0.000000");
    assert_string_equal(fmt(5, 2, true), "0.05");
    assert_string_equal(fmt(50, 2, true), "0.50");
    assert_string_equal(fmt(1, 6, true), "0.000001");
    assert_string_equal(fmt(7, 0, true), "7");
    assert_string_equal(fmt(1750, 2, true), "17.50");
}

static void test_format_negative(void **state)
{
    (void)state;
    assert_string_equal(fmt(-1000, 2, true), "-10.00");
    assert_string_equal(fmt(-5, 2, true), "-0.05");
    assert_string_equal(fmt(-123456789, 2, true), "-1,234,567.89");
    assert_string_equal(fmt(-123456789, 2, false), "-1234567.89");
    assert_string_equal(fmt(-100000, 2, true), "-1,000.00");
    assert_string_equal(fmt(-999, 0, true), "-999");
}

static void test_format_extremes(void **state)
{
    (void)state;
    assert_string_equal(fmt(INT64_MAX, 2, true), "92,233,720,368,547,758.07");
    assert_string_equal(fmt(INT64_MAX, 2, false), "92233720368547758.07");
    assert_string_equal(fmt(INT64_MAX, 0, true), "9,223,372,036,854,775,807");
    assert_string_equal(fmt(INT64_MAX, 6, true), "9,223,372,036,854.775807");
    assert_string_equal(fmt(INT64_MIN, 0, true), "-9,223,372,036,854,775,808");
    assert_string_equal(fmt(INT64_MIN, 2, true), "-92,233,720,368,547,758.08");
    assert_string_equal(fmt(INT64_MIN + 1, 1, true), "-922,337,203,685,477,580.7");
}

static void test_format_roundtrip(void **state)
{
    (void)state;
    static const char *texts[] = { "0.00", "0.01", "1,529.94", "686.46", "1,000,000.00",
                                   "92,233,720,368,547,758.07" };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        int64_t v;
        assert_int_equal(money_parse(str_c(texts[i]), 2, &v), 0);
        assert_string_equal(fmt(v, 2, true), texts[i]);
    }
}

/* -------------------------------------------------------------- money_add */

static void test_add(void **state)
{
    (void)state;
    int64_t acc = 1;
    assert_true(money_add(&acc, 2));
    assert_true(acc == 3);
    assert_true(money_add(&acc, -5));
    assert_true(acc == -2);
    acc = INT64_MAX - 1;
    assert_true(money_add(&acc, 1));
    assert_true(acc == INT64_MAX);
    assert_false(money_add(&acc, 1));
    assert_true(acc == INT64_MAX); /* unchanged on overflow */
    assert_false(money_add(&acc, INT64_MAX));
    assert_true(acc == INT64_MAX);
    acc = INT64_MIN;
    assert_false(money_add(&acc, -1));
    assert_true(acc == INT64_MIN);
    assert_true(money_add(&acc, INT64_MAX));
    assert_true(acc == -1);
    /* summing many amounts: the overflow is caught at the step it happens */
    acc = 0;
    int steps = 0;
    while (money_add(&acc, INT64_MAX / 4)) steps++;
    assert_int_equal(steps, 4);
    assert_true(acc == INT64_MAX / 4 * 4);
}

/* -------------------------------------------------------- decimal_parse */

static void test_decimal_parse(void **state)
{
    (void)state;
    int64_t v;
    assert_true(decimal_parse(str_c("5"), &v));
    assert_true(v == 5000000);
    assert_true(decimal_parse(str_c("12.5"), &v));
    assert_true(v == 12500000);
    assert_true(decimal_parse(str_c("100"), &v));
    assert_true(v == 100000000);
    assert_true(decimal_parse(str_c("0.000001"), &v));
    assert_true(v == 1);
    assert_true(decimal_parse(str_c("-3.25"), &v)); /* indicator values may be negative */
    assert_true(v == -3250000);
    assert_true(decimal_parse(str_c("1,000.5"), &v));
    assert_true(v == 1000500000);
    assert_false(decimal_parse(str_c("0.0000001"), &v)); /* more than 6 fractional digits */
    assert_false(decimal_parse(str_c("99999999999999"), &v)); /* overflows at 10^-6 */
    assert_false(decimal_parse(str_c("12a"), &v));
}

static void test_decimal_format(void **state)
{
    (void)state;
    char buf[40];
    assert_string_equal(decimal_format(5000000, buf), "5");
    assert_string_equal(decimal_format(12500000, buf), "12.5");
    assert_string_equal(decimal_format(100000000, buf), "100");
    assert_string_equal(decimal_format(190000000, buf), "190");
    assert_string_equal(decimal_format(1, buf), "0.000001");
    assert_string_equal(decimal_format(0, buf), "0");
    assert_string_equal(decimal_format(-3250000, buf), "-3.25");
    assert_string_equal(decimal_format(10000000, buf), "10"); /* zeros before the point stay */
    assert_string_equal(decimal_format(1000500000, buf), "1000.5"); /* no grouping */
    /* parse → format round trip */
    static const char *texts[] = { "5", "12.5", "0.333333", "99.99", "-1.5" };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        int64_t v;
        assert_true(decimal_parse(str_c(texts[i]), &v));
        assert_string_equal(decimal_format(v, buf), texts[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_plain),
        cmocka_unit_test(test_parse_grouping),
        cmocka_unit_test(test_parse_short_fraction),
        cmocka_unit_test(test_parse_too_precise),
        cmocka_unit_test(test_parse_negative),
        cmocka_unit_test(test_parse_overflow),
        cmocka_unit_test(test_parse_huge),
        cmocka_unit_test(test_parse_decimals_range),
        cmocka_unit_test(test_format_grouping),
        cmocka_unit_test(test_format_small),
        cmocka_unit_test(test_format_negative),
        cmocka_unit_test(test_format_extremes),
        cmocka_unit_test(test_format_roundtrip),
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_decimal_parse),
        cmocka_unit_test(test_decimal_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
