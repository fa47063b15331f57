/*
 * source.c — source files, UTF-8 and display width.
 *
 * Files are read whole, with two trailing NULs so flex can scan the buffer
 * in place.  Columns are code points (spec §6); carets are placed by display
 * width, where CJK characters take two columns (as chibicc's unicode.c).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

/* Decode one UTF-8 sequence; returns its length, or 0 when s does not start
 * with a valid one (overlongs, surrogates and > U+10FFFF are invalid). */
int utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) return 0;
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    int len;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0) { len = 2; c = s[0] & 0x1F; min = 0x80; }
    else if ((s[0] & 0xF0) == 0xE0) { len = 3; c = s[0] & 0x0F; min = 0x800; }
    else if ((s[0] & 0xF8) == 0xF0) { len = 4; c = s[0] & 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)len > n) return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

typedef struct { uint32_t lo, hi; } Range;

/* East Asian Wide and Fullwidth blocks (the ones budgets meet). */
static const Range wide[] = {
    { 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
    { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
    { 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
    { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
    { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

/* Combining marks and other zero-width characters. */
static const Range zero[] = {
    { 0x0300, 0x036F }, { 0x200B, 0x200F }, { 0x2028, 0x202E }, { 0x2060, 0x2064 },
    { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF },
};

static bool in_ranges(const Range *r, size_t n, uint32_t c)
{
    for (size_t i = 0; i < n; i++)
        if (c >= r[i].lo && c <= r[i].hi) return true;
    return false;
}

int char_width(uint32_t cp)
{
    if (cp < 0x300) return cp < 0x20 || cp == 0x7F ? 0 : 1;
    if (in_ranges(zero, sizeof zero / sizeof *zero, cp)) return 0;
    if (in_ranges(wide, sizeof wide / sizeof *wide, cp)) return 2;
    return 1;
}

/* Display width of s[0..n): CJK two columns, an invalid byte one, a tab
 * `tab` columns (the caret line expands tabs; fmt keeps them in strings). */
int str_width(const char *s, size_t n, int tab)
{
    int w = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (!k) { w++; i++; continue; }
        w += cp == '\t' ? tab : char_width(cp);
        i += (size_t)k;
    }
    return w;
}

static size_t line_start(const SrcFile *f, uint32_t off)
{
    size_t s = off;
    while (s > f->start && f->text[s - 1] != '\n') s--;
    return s;
}

/* Code points from the start of the line; an invalid byte counts as one. */
int src_column(const SrcFile *f, uint32_t off)
{
    if (off > f->len) off = (uint32_t)f->len;
    size_t i = line_start(f, off);
    int col = 1;
    while (i < off) {
        uint32_t cp;
        int n = utf8_decode(f->text + i, off - i, &cp);
        i += n ? (size_t)n : 1;
        col++;
    }
    return col;
}

Str src_line(const SrcFile *f, uint32_t off)
{
    if (off > f->len) off = (uint32_t)f->len;
    size_t s = line_start(f, off), e = off;
    while (e < f->len && f->text[e] != '\n') e++;
    if (e > s && f->text[e - 1] == '\r') e--;
    return (Str){ f->text + s, (uint32_t)(e - s) };
}

static SrcFile *add_file(Unit *u, const char *path, char *text, size_t len, bool builtin)
{
    SrcFile *f = xmalloc(sizeof *f);
    memset(f, 0, sizeof *f);
    f->id = u->files.n;
    f->path = xstrdup(path);
    f->text = text;
    f->len = len;
    f->builtin = builtin;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) f->start = 3;
    vec_push(&u->files, f);
    return f;
}

SrcFile *src_from_memory(Unit *u, const char *path, const char *text, size_t len, bool builtin)
{
    char *buf = xmalloc(len + 2);
    memcpy(buf, text, len);
    buf[len] = buf[len + 1] = 0;
    SrcFile *f = add_file(u, path, buf, len, builtin);
    f->real = xstrdup(path);
    return f;
}

SrcFile *src_load(Unit *u, const char *path, char *errbuf, size_t errlen)
{
    return src_load_real(u, path, NULL, errbuf, errlen);
}

/* A Loc holds a 16-bit file index: a unit has room for LOC_MAX_FILES files. */
static bool unit_full(const Unit *u, const char *path, char *errbuf, size_t errlen)
{
    if (u->files.n < LOC_MAX_FILES) return false;
    snprintf(errbuf, errlen, _("cannot read '%s': a budget can be made of at most %d files"), path, LOC_MAX_FILES);
    return true;
}

SrcFile *src_add(Unit *u, const char *path, const char *known_real, char *text, size_t len, char *errbuf,
                 size_t errlen)
{
    if (unit_full(u, path, errbuf, errlen)) {
        xfree(text);
        return NULL;
    }
    SrcFile *f = add_file(u, path, text, len, false);
    if (known_real) {
        f->real = xstrdup(known_real);
    } else {
        char *real = realpath(path, NULL);
        f->real = real ? xstrdup(real) : xstrdup(path);
        free(real);
    }
    return f;
}

SrcFile *src_load_real(Unit *u, const char *path, const char *known_real, char *errbuf, size_t errlen)
{
    if (unit_full(u, path, errbuf, errlen)) return NULL; /* before reading it */
    size_t len;
    char *text = file_read(path, SRC_DIR_MSG, &len, errbuf, errlen);
    return text ? src_add(u, path, known_real, text, len, errbuf, errlen) : NULL;
}
