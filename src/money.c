/*
 * money.c — exact amounts (spec §1.3).
 *
 * An amount is kept as its digits until `decimals` is known, then becomes an
 * int64 count of 10^-decimals.  No floating point anywhere; every step that
 * could overflow is checked.
 */
#include <stdio.h>
#include <string.h>

#include "bdl.h"

bool money_add(int64_t *acc, int64_t v)
{
    int64_t r;
    if (__builtin_add_overflow(*acc, v, &r)) return false;
    *acc = r;
    return true;
}

int money_parse(Str text, int decimals, int64_t *out)
{
    const char *s = text.s;
    size_t n = text.n, i = 0;
    if (n && s[0] == '-') return 103;
    int64_t v = 0;
    int frac = -1;
    for (; i < n; i++) {
        char c = s[i];
        if (c == ',') continue;
        if (c == '.') {
            if (frac >= 0) return 103; /* a second point: not a number (the lexer says E004 first) */
            frac = 0;
            continue;
        }
        if (c < '0' || c > '9') return 103;
        if (frac >= 0) {
            frac++;
            if (frac > decimals) {
                /* trailing zeros beyond decimals still count as written digits */
                return 102;
            }
        }
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v)) return 103;
    }
    if (n == 0 || (n == 1 && s[0] == '.')) return 103;
    if (frac < 0) frac = 0;
    for (int k = frac; k < decimals; k++)
        if (__builtin_mul_overflow(v, 10, &v)) return 103;
    *out = v;
    return 0;
}

char *money_format(int64_t v, int decimals, bool grouping, char *buf)
{
    char digits[32];
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    /* pad so there is at least one integer digit */
    char padded[40];
    int pad = decimals + 1 - nd;
    if (pad < 0) pad = 0;
    memset(padded, '0', (size_t)pad);
    memcpy(padded + pad, digits, (size_t)nd + 1);
    int len = pad + nd, ilen = len - decimals;
    char *o = buf;
    if (v < 0) *o++ = '-';
    for (int i = 0; i < ilen; i++) {
        if (grouping && i > 0 && (ilen - i) % 3 == 0) *o++ = ',';
        *o++ = padded[i];
    }
    if (decimals > 0) {
        *o++ = '.';
        memcpy(o, padded + ilen, (size_t)decimals);
        o += decimals;
    }
    *o = 0;
    return buf;
}

/* Weights and other exact decimals: 10^-6 units. */
bool decimal_parse(Str text, int64_t *out)
{
    int64_t v;
    bool neg = text.n && text.s[0] == '-';
    Str t = neg ? (Str){ text.s + 1, text.n - 1 } : text;
    if (money_parse(t, 6, &v) != 0) return false;
    *out = neg ? -v : v;
    return true;
}

char *decimal_format(int64_t v, char *buf)
{
    money_format(v, 6, false, buf);
    /* drop trailing zeros of the fraction, and the point if nothing is left */
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0') *e-- = 0;
        if (e == dot) *e = 0;
    }
    return buf;
}

int64_t money_pow10(int n)
{
    int64_t v = 1;
    while (n-- > 0) v *= 10;
    return v;
}

/* Half away from zero; amounts are never negative in BDL 1.  Saturates
 * instead of overflowing near INT64_MAX (such a sum was reported as E103). */
int64_t money_round(int64_t v, int64_t step)
{
    if (step <= 1) return v;
    int64_t q = v / step, r = v % step;
    if (r * 2 >= step && q < INT64_MAX / step) q++;
    return q * step;
}

int amount_parse(const Amount *a, int decimals, int unit_pow, int64_t *out)
{
    int p = a->unit == AMT_WAN ? 4 : a->unit == AMT_YUAN ? 0 : unit_pow;
    int sh = p - unit_pow;
    if (sh >= 0) return money_parse(a->text, decimals + sh, out);
    int r = money_parse(a->text, decimals, out);
    if (r) return r;
    int64_t d = money_pow10(-sh);
    if (*out % d) return 102;
    *out /= d;
    return 0;
}
