/*
 * import_text.c — reading the document: lines cut into cells at tabs, every cell
 * cleaned of the printing system's markup; numbers, codes and amounts; the
 * importer's warnings, its one error, and the lines kept as comments.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* ----------------------------------------------------------- helpers */

Str text_slice(const char *s, size_t n)
{
    Str r = { s, (uint32_t)n };
    return r;
}

void imp_warn(Imp *im, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Note *w = arena_alloc(&im->a, sizeof *w);
    w->line = line;
    w->why = buf_vformat(&im->a, _(fmt), ap); /* stderr only: translated */
    va_end(ap);
    vec_apush(&im->a, &im->warns, w);
}

void imp_fail(Imp *im, int line, const char *fmt, ...)
{
    if (im->failed) return;
    va_list ap;
    va_start(ap, fmt);
    im->fail_msg = buf_vformat(&im->a, _(fmt), ap);
    va_end(ap);
    im->failed = true;
    im->fail_line = line;
}

/* A note under the error that stopped the import (what it reads, what it saw). */
void imp_fail_note(Imp *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vec_apush(&im->a, &im->fail_notes, buf_vformat(&im->a, _(fmt), ap));
    va_end(ap);
}

/* Keep a line as a comment in `notes`, with a warning that names it. */
Note *imp_unplaced(Imp *im, Vec *notes, int line, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    Note *nt = arena_alloc(&im->a, sizeof *nt);
    nt->line = line;
    /* the comment in the output is English in every language (the file
     * bdlc writes does not depend on the locale); the warning is not */
    nt->why = buf_vformat(&im->a, fmt, ap);
    const char *said = buf_vformat(&im->a, _(fmt), ap2);
    va_end(ap2);
    va_end(ap);
    if (notes) vec_apush(&im->a, notes, nt);
    imp_warn(im, line, "%s; kept as a comment", said);
    im->nplaced_not++;
    return nt;
}

/* utf8_decode that never fails: a bad byte is U+FFFD (the input was
 * validated up front, so this only guards slices cut mid-character). */
int text_decode(const char *s, size_t n, uint32_t *cp)
{
    int k = utf8_decode(s, n, cp);
    if (!k) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

static int enc(uint32_t cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
           cp == 0x3000 || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200B);
}

Str text_trim(Str s)
{
    uint32_t cp;
    while (s.n) {
        int k = text_decode(s.s, s.n, &cp);
        if (!is_space_cp(cp)) break;
        s.s += k;
        s.n -= (uint32_t)k;
    }
    while (s.n) {
        uint32_t i = s.n - 1;
        while (i > 0 && ((unsigned char)s.s[i] & 0xC0) == 0x80) i--;
        text_decode(s.s + i, s.n - i, &cp);
        if (!is_space_cp(cp)) break;
        s.n = i;
    }
    return s;
}

/* The text of a cell without the printing system's markup: known tags are
 * dropped (<br> and a paragraph break become a line break), the common
 * entities decoded.  Other '<' and '&' stay as they are. */
static const char *const TAGS[] = { "p", "br", "span", "div", "font", "b", "i", "u", "em", "strong", "sup",
                                    "sub", "a", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr" };

static Str clean(Imp *im, const char *s, size_t n)
{
    if (!memchr(s, '<', n) && !memchr(s, '&', n)) return text_trim(text_slice(s, n));
    char *out = arena_alloc(&im->a, n + 1);
    size_t o = 0;
    bool pending = false;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            size_t j = i + 1;
            bool closing = j < n && s[j] == '/';
            if (closing) j++;
            size_t name = j;
            while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
                j++;
            size_t nlen = j - name, k = j;
            while (k < n && s[k] != '>' && s[k] != '<') k++;
            bool known = false;
            for (size_t t = 0; nlen && t < sizeof TAGS / sizeof *TAGS; t++)
                if (strlen(TAGS[t]) == nlen) {
                    size_t q = 0;
                    while (q < nlen && (s[name + q] | 0x20) == TAGS[t][q]) q++;
                    known |= q == nlen;
                }
            if (known && k < n && s[k] == '>' && (j == k || s[j] == ' ' || s[j] == '/')) {
                bool br = nlen == 2 && (s[name] | 0x20) == 'b' && (s[name + 1] | 0x20) == 'r';
                bool para = (nlen == 1 && (s[name] | 0x20) == 'p') ||
                            (nlen == 3 && (s[name] | 0x20) == 'd' && (s[name + 1] | 0x20) == 'i');
                if (br && o) pending = true;
                if (para && closing && o) pending = true;
                i = k + 1;
                continue;
            }
        }
        char c = s[i];
        size_t len = 1;
        char tmp[4];
        int tn = 0;
        if (c == '&') {
            static const struct { const char *e; char c; } ENT[] = {
                { "&nbsp;", ' ' }, { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
                { "&#39;", '\'' }, { "&apos;", '\'' },
            };
            for (size_t t = 0; t < sizeof ENT / sizeof *ENT; t++) {
                size_t el = strlen(ENT[t].e);
                if (i + el <= n && memcmp(s + i, ENT[t].e, el) == 0) {
                    tmp[0] = ENT[t].c;
                    tn = 1;
                    len = el;
                    break;
                }
            }
            if (!tn && i + 3 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                bool hex = s[j] == 'x' || s[j] == 'X';
                if (hex) j++;
                uint32_t cp = 0;
                size_t d0 = j;
                while (j < n && j - d0 < 7) {
                    char h = s[j];
                    int v = h >= '0' && h <= '9' ? h - '0' : hex && (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : -1;
                    if (v < 0) break;
                    cp = cp * (hex ? 16 : 10) + (uint32_t)v;
                    j++;
                }
                if (j > d0 && j < n && s[j] == ';' && cp >= 0x20 && cp != 0x7F && cp <= 0x10FFFF &&
                    !(cp >= 0xD800 && cp <= 0xDFFF) && !(cp >= 0x80 && cp < 0xA0)) {
                    tn = enc(cp, tmp);
                    len = j + 1 - i;
                }
            }
        }
        if (!tn) {
            tmp[0] = c;
            tn = 1;
        }
        if (pending && !(tn == 1 && (tmp[0] == ' ' || tmp[0] == '\t'))) {
            out[o++] = '\n';
            pending = false;
        }
        memcpy(out + o, tmp, (size_t)tn);
        o += (size_t)tn;
        i += len;
    }
    return text_trim(text_slice(out, o));
}

/* The text used to recognise labels and titles: spaces and quotes dropped,
 * （）：＝＞＜ folded to ASCII. */
Str text_norm(Imp *im, Str s)
{
    char *out = arena_alloc(&im->a, s.n + 1);
    size_t o = 0;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        i += (uint32_t)k;
        if (is_space_cp(cp) || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
            cp == 0x2019)
            continue;
        if (cp == 0xFF08) cp = '(';
        else if (cp == 0xFF09) cp = ')';
        else if (cp == 0xFF1A) cp = ':';
        else if (cp == 0xFF1D) cp = '=';
        else if (cp == 0xFF1E) cp = '>';
        else if (cp == 0xFF1C) cp = '<';
        o += (size_t)enc(cp, out + o);
    }
    out[o] = 0;
    return text_slice(out, o);
}

bool text_eqc(Str a, const char *c) { return str_eqc(a, c); }

bool text_ends_with(Str a, const char *c)
{
    size_t n = strlen(c);
    return a.n >= n && memcmp(a.s + a.n - n, c, n) == 0;
}

bool text_starts_with(Str a, const char *c)
{
    size_t n = strlen(c);
    return a.n >= n && memcmp(a.s, c, n) == 0;
}

bool text_contains(Str a, const char *c)
{
    size_t n = strlen(c);
    if (n > a.n) return false;
    for (size_t i = 0; i + n <= a.n; i++)
        if (memcmp(a.s + i, c, n) == 0) return true;
    return false;
}

bool text_is_digit(char c) { return c >= '0' && c <= '9'; }

/* -?(\d+|\d{1,3}(,\d{3})+)(\.\d+)? — a BDL number (spec §2). */
bool text_is_number(Str s)
{
    uint32_t i = 0;
    if (i < s.n && s.s[i] == '-') i++;
    uint32_t d0 = i;
    while (i < s.n && text_is_digit(s.s[i])) i++;
    uint32_t lead = i - d0;
    if (!lead) return false;
    if (i < s.n && s.s[i] == ',') {
        if (lead > 3) return false;
        while (i < s.n && s.s[i] == ',') {
            i++;
            uint32_t g = i;
            while (i < s.n && text_is_digit(s.s[i])) i++;
            if (i - g != 3) return false;
        }
    }
    if (i < s.n && s.s[i] == '.') {
        i++;
        uint32_t f = i;
        while (i < s.n && text_is_digit(s.s[i])) i++;
        if (i == f) return false;
    }
    return i == s.n;
}

static int frac_digits(Str s)
{
    for (uint32_t i = 0; i < s.n; i++)
        if (s.s[i] == '.') return (int)(s.n - i - 1);
    return 0;
}

/* A classification or project code: a digit, then ASCII letters and digits. */
bool text_is_code(Str s)
{
    if (!s.n || !text_is_digit(s.s[0])) return false;
    for (uint32_t i = 1; i < s.n; i++) {
        char c = s.s[i];
        if (!text_is_digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return false;
    }
    return true;
}

/* An amount cell: blank, or a number (recorded); anything else is false. */
bool text_amount(Imp *im, Str cell, int line, Amt *out)
{
    memset(out, 0, sizeof *out);
    out->line = line;
    if (!cell.n) return true;
    if (!text_is_number(cell)) return false;
    out->text = cell;
    out->present = true;
    int64_t v;
    out->ok = money_parse(cell, 6, &v) == 0;
    out->v = out->ok ? v : 0;
    int f = frac_digits(cell);
    if (f > im->decimals) im->decimals = f;
    return true;
}

char *text_fmt_amount(Imp *im, int64_t v6)
{
    char buf[40];
    int d = im->decimals > 6 ? 6 : im->decimals;
    int64_t scale = 1;
    for (int k = d; k < 6; k++) scale *= 10;
    if (v6 % scale) {
        money_format(v6, 6, true, buf);
        return buf_format(&im->a, "%s", buf);
    }
    money_format(v6 / scale, d, true, buf);
    return buf_format(&im->a, "%s", buf);
}

/* The code at the start of "CODE-NAME" (also "CODE NAME", "CODE－NAME");
 * false when the text does not start with a code. */
bool text_split_code_name(Str v, Str *code, Str *name)
{
    uint32_t i = 0;
    if (!v.n || !text_is_digit(v.s[0])) return false;
    while (i < v.n && (text_is_digit(v.s[i]) || ((v.s[i] | 0x20) >= 'a' && (v.s[i] | 0x20) <= 'z'))) i++;
    *code = text_slice(v.s, i);
    Str rest = text_slice(v.s + i, v.n - i);
    uint32_t cp = 0;
    if (rest.n) {
        int k = text_decode(rest.s, rest.n, &cp);
        if (cp == '-' || cp == 0xFF0D || cp == 0x2014 || cp == 0x2013 || cp == '_' || cp == ' ' || cp == 0x3000 ||
            cp == ':' || cp == 0xFF1A) {
            rest.s += k;
            rest.n -= (uint32_t)k;
        } else {
            return false; /* "2026年…" is not a code */
        }
    }
    *name = text_trim(rest);
    return true;
}

/* ---------------------------------------------------------- reading */


bool text_load_lines(Imp *im, char *text, size_t len)
{
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) start = 3;
    /* UTF-8 and NUL check first: the message names the line */
    int line = 1;
    for (size_t i = start; i < len;) {
        uint32_t cp;
        if (text[i] == '\n') { line++; i++; continue; }
        if (text[i] == 0) {
            imp_fail(im, line, "a NUL byte: this is not a text file");
            return false;
        }
        int k = utf8_decode(text + i, len - i, &cp);
        if (!k) {
            imp_fail(im, line,
                 "invalid UTF-8 (byte 0x%02X): save the document as UTF-8 (a GBK export converts with "
                 "`iconv -f GBK -t UTF-8`)",
                 (unsigned char)text[i]);
            return false;
        }
        i += (size_t)k;
    }
    int cap = line;
    im->L = arena_alloc(&im->a, sizeof(TLine) * (size_t)cap);
    size_t i = start;
    while (i <= len && im->nl < cap) {
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
        size_t le = e;
        if (le > i && text[le - 1] == '\r') le--;
        if (e == len && le == i && im->nl > 0) break; /* the final newline */
        TLine *L = &im->L[im->nl];
        L->no = im->nl + 1;
        L->raw = text_slice(text + i, le - i);
        int nc = 1;
        for (size_t k = i; k < le; k++) nc += text[k] == '\t';
        L->cell = arena_alloc(&im->a, sizeof(Str) * (size_t)nc);
        L->first = -1;
        size_t c0 = i;
        for (size_t k = i; k <= le; k++) {
            if (k == le || text[k] == '\t') {
                Str c = clean(im, text + c0, k - c0);
                if (c.n) {
                    L->nonblank++;
                    if (L->first < 0) L->first = L->ncell;
                }
                L->cell[L->ncell++] = c;
                c0 = k + 1;
            }
        }
        im->nl++;
        i = e + 1;
    }
    return true;
}

Str text_cell(const TLine *L, int i)
{
    if (i < 0 || i >= L->ncell) return text_slice("", 0);
    return L->cell[i];
}

/* A row of dashes only (a printed table rule). */
bool text_is_rule(const TLine *L)
{
    if (!L->nonblank) return false;
    for (int i = 0; i < L->ncell; i++) {
        Str c = L->cell[i];
        for (uint32_t k = 0; k < c.n; k++)
            if (c.s[k] != '-' && c.s[k] != '=' && c.s[k] != ' ') return false;
    }
    return true;
}

Str text_single(const TLine *L) { return L->nonblank == 1 ? L->cell[L->first] : text_slice("", 0); }
