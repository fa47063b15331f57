/*
 * buf.c — a growable byte buffer (every back end, fmt and import write
 * into one), printf into new strings, and JSON string escaping.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bdl.h"

void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    if (n) memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

void buf_adds(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

Str buf_joined(Buf *b, Str a, const char *mid, Str c, const char *end)
{
    b->n = 0;
    buf_add(b, a.s, a.n);
    buf_adds(b, mid);
    buf_add(b, c.s, c.n);
    buf_adds(b, end);
    buf_add(b, "", 1); /* NUL-terminated too, for libraries that want a C string */
    return (Str){ b->s, (uint32_t)b->n - 1 };
}

void buf_addf(Buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        buf_add(b, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_add(b, big, (size_t)n);
    xfree(big);
}

void buf_free(Buf *b)
{
    xfree(b->s);
    memset(b, 0, sizeof *b);
}

/* ---------------------------------------------------------------- printf */

char *buf_vformat(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0; /* an encoding error: an empty string, never a crash */
    char *s = a ? arena_alloc(a, (size_t)n + 1) : xmalloc((size_t)n + 1);
    if (n) vsnprintf(s, (size_t)n + 1, fmt, ap);
    else s[0] = 0;
    return s;
}

char *buf_format(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = buf_vformat(a, fmt, ap);
    va_end(ap);
    return s;
}

/* ------------------------------------------------------------------ JSON */

/* Text reaches JSON from two places: budget texts (valid UTF-8, the lexer
 * refuses anything else with E001) and diagnostics, whose file paths are
 * whatever bytes the file system holds.  So invalid UTF-8 is possible and
 * becomes U+FFFD, one per bad byte, keeping the output valid JSON.  Control
 * characters and DEL are escaped (\n, \t, \r by name, the rest as \u00XX);
 * U+2028 and U+2029 are legal in JSON but end a line in JavaScript before
 * ES2019, so they are escaped too and the output can be pasted into a
 * script.  Everything else is copied as it is, in runs. */
void buf_json_str(Buf *b, Str s)
{
    static const char hex[] = "0123456789abcdef";
    buf_add(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < s.n;) {
        unsigned char ch = (unsigned char)s.s[i];
        uint32_t cp = ch;
        int k = 1;
        if (ch >= 0x80) {
            k = utf8_decode(s.s + i, s.n - i, &cp);
            if (k && cp != 0x2028 && cp != 0x2029) { i += (size_t)k; continue; }
        } else if (ch >= 0x20 && ch != '"' && ch != '\\' && ch != 0x7F) {
            i++;
            continue;
        }
        buf_add(b, s.s + run, i - run);
        if (!k) { buf_add(b, "\\ufffd", 6); k = 1; }
        else if (ch == '"') buf_add(b, "\\\"", 2);
        else if (ch == '\\') buf_add(b, "\\\\", 2);
        else if (ch == '\n') buf_add(b, "\\n", 2);
        else if (ch == '\t') buf_add(b, "\\t", 2);
        else if (ch == '\r') buf_add(b, "\\r", 2);
        else {
            char u[6] = { '\\', 'u', hex[cp >> 12 & 15], hex[cp >> 8 & 15], hex[cp >> 4 & 15], hex[cp & 15] };
            buf_add(b, u, 6);
        }
        i += (size_t)k;
        run = i;
    }
    if (s.n > run) buf_add(b, s.s + run, s.n - run); /* s.s may be NULL when s.n is 0 */
    buf_add(b, "\"", 1);
}
