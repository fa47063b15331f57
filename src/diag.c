/*
 * diag.c — collecting and printing diagnostics (spec §6).
 *
 * Diagnostics are collected during the whole run, sorted by file and place
 * (the order a reader goes through the budget), then printed in one of
 * three formats: GNU text with the source line and a caret, a JSON array,
 * or SARIF 2.1.0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

/* The codes themselves are generated from docs/en/explain/CODE.md (bdl_codes,
 * build/gen/explain_data.c): one file per code is the only list. */
const DiagCode *diag_code(const char *code)
{
    for (int i = 0; i < bdl_ncodes; i++)
        if (strcmp(bdl_codes[i].code, code) == 0) return &bdl_codes[i];
    return NULL;
}

bool diag_is_known(const char *code)
{
    return diag_code(code) != NULL;
}

const char *diag_title(const char *code)
{
    const DiagCode *c = diag_code(code);
    if (!c) return NULL;
    return i18n_chinese() ? c->title_zh : c->title;
}

void diag_init(Diags *ds, Vec *files)
{
    memset(ds, 0, sizeof *ds);
    ds->files = files;
}

void diag_free(Diags *ds)
{
    for (int i = 0; i < ds->n; i++) {
        xfree(ds->d[i].msg);
        for (int j = 0; j < ds->d[i].nnotes; j++) {
            xfree(ds->d[i].notes[j].msg);
            xfree(ds->d[i].notes[j].kind);
        }
        xfree(ds->d[i].notes);
    }
    xfree(ds->d);
    ds->d = NULL;
    ds->n = ds->cap = 0;
}

static bool allowed(Diags *ds, const char *code)
{
    for (int i = 0; i < ds->nallowed; i++)
        if (strcmp(ds->allowed[i], code) == 0) return true;
    return false;
}

/* The last diagnostic was dropped (allowed warning): its notes go too. */


void diag_at(Diags *ds, Loc loc, const char *code, const char *fmt, ...)
{
    ds->last_dropped = true;
    if (ds->quiet) return;
    if (code[0] == 'W' && allowed(ds, code)) return;
    ds->last_dropped = false;
    if (ds->n == ds->cap) {
        ds->cap = ds->cap ? ds->cap * 2 : 16;
        ds->d = xrealloc(ds->d, sizeof(Diag) * (size_t)ds->cap);
    }
    Diag *d = &ds->d[ds->n];
    memset(d, 0, sizeof *d);
    d->sev = code[0] == 'W' ? SEV_WARNING : SEV_ERROR;
    snprintf(d->code, sizeof d->code, "%s", code);
    d->loc = loc;
    d->seq = ds->n;
    va_list ap;
    va_start(ap, fmt);
    d->msg = buf_vformat(NULL, _(fmt), ap); /* translated here, so call sites stay plain */
    va_end(ap);
    ds->n++;
    if (d->sev == SEV_ERROR) ds->nerrors++;
    else ds->nwarnings++;
}

static void add_note(Diags *ds, const Loc *loc, const char *kind, const char *fmt, va_list ap)
{
    if (ds->last_dropped || ds->n == 0) return;
    Diag *d = &ds->d[ds->n - 1];
    d->notes = xrealloc(d->notes, sizeof(DiagNote) * (size_t)(d->nnotes + 1));
    DiagNote *n = &d->notes[d->nnotes++];
    memset(n, 0, sizeof *n);
    if (loc) {
        n->has_loc = true;
        n->loc = *loc;
    }
    n->kind = xstrdup(kind);
    n->msg = buf_vformat(NULL, _(fmt), ap); /* translated here, so call sites stay plain */
}

void diag_note(Diags *ds, const Loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_note(ds, loc, "note", fmt, ap);
    va_end(ap);
}

void diag_help(Diags *ds, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_note(ds, NULL, "help", fmt, ap);
    va_end(ap);
}

void diag_init_like(Diags *ds, const Diags *like)
{
    diag_init(ds, like->files);
    memcpy(ds->allowed, like->allowed, sizeof ds->allowed);
    ds->nallowed = like->nallowed;
    ds->quiet = like->quiet;
}

void diag_adopt(Diags *dst, Diags *src)
{
    for (int i = 0; i < src->n; i++) {
        if (dst->n == dst->cap) {
            dst->cap = dst->cap ? dst->cap * 2 : 16;
            dst->d = xrealloc(dst->d, sizeof(Diag) * (size_t)dst->cap);
        }
        Diag *d = &dst->d[dst->n];
        *d = src->d[i];
        d->seq = dst->n++;
        if (d->sev == SEV_ERROR) dst->nerrors++;
        else dst->nwarnings++;
    }
    xfree(src->d);
    src->d = NULL;
    src->n = src->cap = src->nerrors = src->nwarnings = 0;
}

static int cmp_diag(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (x->loc.file != y->loc.file) return x->loc.file < y->loc.file ? -1 : 1;
    if (x->loc.line != y->loc.line) return x->loc.line < y->loc.line ? -1 : 1;
    if (x->loc.off != y->loc.off) return x->loc.off < y->loc.off ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_sort(Diags *ds)
{
    if (ds->n > 1) qsort(ds->d, (size_t)ds->n, sizeof(Diag), cmp_diag);
}

/* ----------------------------------------------------------------- text */

static SrcFile *file_of(Diags *ds, Loc loc)
{
    return loc.file < ds->files->n ? ds->files->v[loc.file] : NULL;
}

/* A snippet shows at most this many display columns of its line: a pasted
 * 3 MB line echoed whole made 9 MB of diagnostics.  A longer line is cut
 * around the caret (SNIPPET_LEAD columns before it), with … at each cut,
 * as clang does. */
enum { SNIPPET_WIDTH = 140, SNIPPET_LEAD = 50 };

/* The character at s[0..n) as a snippet prints it: *k bytes, shown as *rep
 * when not NULL (tabs expanded, invalid bytes and controls as '?'); returns
 * its display width, so carets line up with what was printed. */
static int shown_char(const char *s, size_t n, int *k, const char **rep)
{
    uint32_t cp;
    *k = utf8_decode(s, n, &cp);
    *rep = NULL;
    if (!*k) { *k = 1; *rep = "?"; return 1; }
    if (cp == '\t') { *rep = "    "; return 4; }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) { *rep = "?"; return 1; }
    return char_width(cp);
}

static int shown_width(const char *s, size_t n)
{
    int w = 0, k;
    const char *rep;
    for (size_t i = 0; i < n; i += (size_t)k) w += shown_char(s + i, n - i, &k, &rep);
    return w;
}

/* Print line.s[from, to).  Plain runs go out in one fwrite: stderr is
 * unbuffered (a 100 MB line written a character at a time took minutes). */
static void print_source_part(FILE *out, Str line, size_t from, size_t to)
{
    size_t i = from, run = from;
    while (i < to) {
        int k;
        const char *rep;
        shown_char(line.s + i, line.n - i, &k, &rep);
        if (rep) {
            fwrite(line.s + run, 1, i - run, out);
            fputs(rep, out);
            run = i + (size_t)k;
        }
        i += (size_t)k;
    }
    fwrite(line.s + run, 1, to - run, out);
}

/* n copies of ch, a block at a time (see above). */
static void put_n(FILE *out, char ch, int n)
{
    char b[4096];
    memset(b, ch, sizeof b);
    for (; n > 0; n -= (int)sizeof b) fwrite(b, 1, n < (int)sizeof b ? (size_t)n : sizeof b, out);
}

typedef struct Colors {
    const char *bold, *err, *warn, *note, *caret, *reset;
} Colors;

/* The bytes [*from, *to) of a line too wide to print whole: a window of
 * SNIPPET_WIDTH columns that starts SNIPPET_LEAD columns before the caret
 * (column `at`), moved left when that would leave the line's end short. */
static void snippet_window(Str line, int at, int total, size_t *from, size_t *to)
{
    int start = at > SNIPPET_LEAD ? at - SNIPPET_LEAD : 0;
    if (start > total - SNIPPET_WIDTH) start = total - SNIPPET_WIDTH;
    int w = 0, k;
    const char *rep;
    size_t i = 0;
    while (i < line.n && w < start) {
        w += shown_char(line.s + i, line.n - i, &k, &rep);
        i += (size_t)k;
    }
    *from = i;
    int used = 0;
    while (i < line.n) {
        int cw = shown_char(line.s + i, line.n - i, &k, &rep);
        if (used + cw > SNIPPET_WIDTH) break;
        used += cw;
        i += (size_t)k;
    }
    *to = i;
}

static void print_snippet(FILE *out, SrcFile *f, Loc loc, const Colors *c, const char *caret_color)
{
    Str line = src_line(f, loc.off);
    size_t col_bytes = f->text + loc.off - line.s;
    if (col_bytes > line.n) col_bytes = line.n;
    size_t span = loc.len;
    if (col_bytes + span > line.n) span = line.n - col_bytes;
    int at = shown_width(line.s, col_bytes);
    int total = at + shown_width(line.s + col_bytes, line.n - col_bytes);
    size_t from = 0, to = line.n;
    if (total > SNIPPET_WIDTH) snippet_window(line, at, total, &from, &to);
    fprintf(out, "%s%5d |%s ", c->note, loc.line, c->reset);
    if (from > 0) fputs("…", out);
    print_source_part(out, line, from, to);
    if (to < line.n) fputs("…", out);
    fputc('\n', out);
    if (col_bytes < from) col_bytes = from; /* cannot happen: the window holds the caret */
    int pad = (from > 0) + shown_width(line.s + from, col_bytes - from);
    if (col_bytes + span > to) span = to > col_bytes ? to - col_bytes : 0;
    int w = shown_width(line.s + col_bytes, span);
    fprintf(out, "%s      |%s ", c->note, c->reset);
    put_n(out, ' ', pad);
    fprintf(out, "%s^", caret_color);
    put_n(out, '~', w - 1);
    fprintf(out, "%s\n", c->reset);
}

/* "note" and "help" as printed (JSON keeps the English word as a key). */
static const char *kind_word(const char *kind)
{
    return strcmp(kind, "help") == 0 ? _("help") : _("note");
}

static void print_text(Diags *ds, Diag *d, FILE *out, const Colors *c, bool werror)
{
    SrcFile *f = file_of(ds, d->loc);
    /* the words are translated, the punctuation and code are not: editors
     * find `FILE:LINE:COL: WORD[CODE]: ` in any language */
    const char *sev = d->sev == SEV_ERROR ? _("error") : _("warning");
    const char *col = d->sev == SEV_ERROR ? c->err : c->warn;
    (void)werror;
    if (f)
        fprintf(out, "%s%s:%d:%d:%s ", c->bold, f->path, d->loc.line, src_column(f, d->loc.off), c->reset);
    fprintf(out, "%s%s[%s]%s: %s%s%s\n", col, sev, d->code, c->reset, c->bold, d->msg, c->reset);
    if (f && d->loc.line > 0) print_snippet(out, f, d->loc, c, col);
    for (int i = 0; i < d->nnotes; i++) {
        DiagNote *n = &d->notes[i];
        SrcFile *nf = n->has_loc ? file_of(ds, n->loc) : NULL;
        if (nf) {
            fprintf(out, "%s%s:%d:%d:%s %s%s:%s %s\n", c->bold, nf->path, n->loc.line,
                    src_column(nf, n->loc.off), c->reset, c->note, kind_word(n->kind), c->reset, n->msg);
            print_snippet(out, nf, n->loc, c, c->note);
        } else {
            fprintf(out, "   %s= %s:%s %s\n", c->note, kind_word(n->kind), c->reset, n->msg);
        }
    }
}

/* ----------------------------------------------------------------- JSON */

static void json_cstr(FILE *out, const char *s)
{
    Buf b = { 0 };
    buf_json_str(&b, str_c(s));
    fwrite(b.s, 1, b.n, out);
    buf_free(&b);
}

/* End of a span: line and code-point column just past its last byte. */
static int end_column(SrcFile *f, Loc loc)
{
    uint32_t e = loc.off + loc.len;
    if (e > f->len) e = (uint32_t)f->len;
    return src_column(f, e);
}

/* A diagnostic to print, with the list (and so the files) it belongs to. */
typedef struct {
    Diags *ds;
    Diag *d;
} Shown;

static void print_json(const Shown *shown, int nshown, FILE *out)
{
    fputs("[", out);
    for (int i = 0; i < nshown; i++) {
        Diags *ds = shown[i].ds;
        Diag *d = shown[i].d;
        SrcFile *f = file_of(ds, d->loc);
        fputs(i ? ",\n  {" : "\n  {", out);
        fputs("\"file\": ", out);
        json_cstr(out, f ? f->path : "");
        fprintf(out, ", \"line\": %d, \"column\": %d", d->loc.line, f ? src_column(f, d->loc.off) : 0);
        fprintf(out, ", \"end\": {\"line\": %d, \"column\": %d}", d->loc.line, f ? end_column(f, d->loc) : 0);
        fprintf(out, ", \"severity\": \"%s\", \"code\": \"%s\", \"message\": ",
                d->sev == SEV_ERROR ? "error" : "warning", d->code);
        json_cstr(out, d->msg);
        fputs(", \"notes\": [", out);
        for (int j = 0; j < d->nnotes; j++) {
            DiagNote *n = &d->notes[j];
            SrcFile *nf = n->has_loc ? file_of(ds, n->loc) : NULL;
            fprintf(out, "%s{\"kind\": \"%s\", \"message\": ", j ? ", " : "", n->kind);
            json_cstr(out, n->msg);
            if (nf) {
                fputs(", \"file\": ", out);
                json_cstr(out, nf->path);
                fprintf(out, ", \"line\": %d, \"column\": %d", n->loc.line, src_column(nf, n->loc.off));
            }
            fputs("}", out);
        }
        fputs("]}", out);
    }
    fputs(nshown ? "\n]\n" : "]\n", out);
}

/* ---------------------------------------------------------------- SARIF */

static void sarif_location(Diags *ds, FILE *out, Loc loc)
{
    SrcFile *f = file_of(ds, loc);
    fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
    json_cstr(out, f ? f->path : "");
    fprintf(out, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d}}}",
            loc.line > 0 ? loc.line : 1, f ? src_column(f, loc.off) : 1, loc.line > 0 ? loc.line : 1,
            f ? end_column(f, loc) : 1);
}

static void print_sarif(const Shown *shown, int nshown, FILE *out)
{
    fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
          "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
          "    \"tool\": {\"driver\": {\"name\": \"bdlc\", \"version\": \"" BDL_VERSION "\",\n"
          "      \"rules\": [", out);
    for (int i = 0; i < bdl_ncodes; i++) {
        fprintf(out, "%s\n        {\"id\": \"%s\", \"shortDescription\": {\"text\": ", i ? "," : "", bdl_codes[i].code);
        json_cstr(out, diag_title(bdl_codes[i].code));
        fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                bdl_codes[i].sev == SEV_WARNING ? "warning" : "error");
    }
    fputs("]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [", out);
    for (int i = 0; i < nshown; i++) {
        Diags *ds = shown[i].ds;
        Diag *d = shown[i].d;
        int rule = 0;
        const DiagCode *dc = diag_code(d->code);
        if (dc) rule = (int)(dc - bdl_codes);
        fprintf(out, "%s\n      {\"ruleId\": \"%s\", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ",
                i ? "," : "", d->code, rule, d->sev == SEV_ERROR ? "error" : "warning");
        /* notes without a place join the message; those with one are related locations */
        size_t len = strlen(d->msg) + 1;
        for (int j = 0; j < d->nnotes; j++)
            if (!d->notes[j].has_loc) len += strlen(d->notes[j].msg) + strlen(kind_word(d->notes[j].kind)) + 4;
        char *text = xmalloc(len);
        strcpy(text, d->msg);
        for (int j = 0; j < d->nnotes; j++)
            if (!d->notes[j].has_loc) {
                strcat(text, "\n");
                strcat(text, kind_word(d->notes[j].kind));
                strcat(text, ": ");
                strcat(text, d->notes[j].msg);
            }
        json_cstr(out, text);
        xfree(text);
        fputs("},\n        \"locations\": [", out);
        sarif_location(ds, out, d->loc);
        fputs("]", out);
        bool any = false;
        for (int j = 0; j < d->nnotes; j++) {
            if (!d->notes[j].has_loc) continue;
            fputs(any ? ", " : ",\n        \"relatedLocations\": [", out);
            any = true;
            fputs("{\"message\": {\"text\": ", out);
            json_cstr(out, d->notes[j].msg);
            fputs("}, ", out);
            /* splice the physical location into the same object */
            SrcFile *f = file_of(ds, d->notes[j].loc);
            fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
            json_cstr(out, f ? f->path : "");
            fprintf(out, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d}}}", d->notes[j].loc.line,
                    f ? src_column(f, d->notes[j].loc.off) : 1);
        }
        if (any) fputs("]", out);
        fputs("}", out);
    }
    fputs(nshown ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n", out);
}

/* Two roots that include the same fragment report its problems twice:
 * mark the repeats so they print once. */
static void mark_duplicates(Diags **list, int nlist)
{
    if (nlist < 2) return;
    Map seen = { 0 };
    for (int li = 0; li < nlist; li++)
        for (int i = 0; i < list[li]->n; i++) {
            Diag *d = &list[li]->d[i];
            SrcFile *f = file_of(list[li], d->loc);
            char key[1200];
            int n = snprintf(key, sizeof key, "%s\n%u\n%s\n%s", f ? f->real : "", d->loc.off, d->code, d->msg);
            if (n >= (int)sizeof key) n = (int)sizeof key - 1;
            Str k = { key, (uint32_t)n };
            if (map_get(&seen, k)) { d->dup = true; continue; }
            char *copy = xmalloc((size_t)n + 1);
            memcpy(copy, key, (size_t)n + 1);
            map_put(&seen, (Str){ copy, (uint32_t)n }, copy);
        }
    for (int i = 0; i < seen.cap; i++)
        if (seen.keys[i].s) xfree(seen.vals[i]);
    map_free(&seen);
}

int diag_print(Diags **list, int nlist, DiagOptions *o, void *outp)
{
    FILE *out = outp;
    mark_duplicates(list, nlist);
    int total = 0;
    for (int li = 0; li < nlist; li++)
        for (int i = 0; i < list[li]->n; i++) total += !list[li]->d[i].dup;
    int limit = total;
    if (o->max_errors > 0 && limit > o->max_errors) limit = o->max_errors;
    /* the first LIMIT in order, each repeat (dup) printed once */
    Shown *shown = xmalloc(sizeof *shown * (size_t)(limit ? limit : 1));
    int nshown = 0;
    for (int li = 0; li < nlist; li++)
        for (int i = 0; i < list[li]->n && nshown < limit; i++)
            if (!list[li]->d[i].dup) shown[nshown++] = (Shown){ list[li], &list[li]->d[i] };
    if (o->format == FMT_JSON) {
        print_json(shown, nshown, out);
    } else if (o->format == FMT_SARIF) {
        print_sarif(shown, nshown, out);
    } else {
        static const Colors plain = { "", "", "", "", "", "" };
        static const Colors ansi = { "\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;32m", "\033[0m" };
        const Colors *c = o->color ? &ansi : &plain;
        for (int i = 0; i < nshown; i++) print_text(shown[i].ds, shown[i].d, out, c, o->werror);
        if (limit < total)
            fprintf(out, i18n_ngettext("bdlc: %d more problem not shown (raise the limit with --max-errors N)\n",
                                       "bdlc: %d more problems not shown (raise the limit with --max-errors N)\n",
                                       (unsigned long)(total - limit)),
                    total - limit);
    }
    xfree(shown);
    return total;
}
