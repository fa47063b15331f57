/*
 * import_read.c — the document's text, whatever it came as: tab-separated
 * text is read as is; the text of `pdftotext -layout` (columns made of
 * spaces) and a PDF (through the plugin pdfin.so) go through the grid
 * builder (grid.c), which writes the same tab-separated lines.  So the
 * table recogniser (import_tables.c) reads one form only.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grid.h"
#include "import.h"

bool read_is_pdf(const char *text, size_t len)
{
    /* the header may follow up to 1024 bytes of junk (PDF 1.7 §7.5.2) */
    size_t lim = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= lim; i++)
        if (memcmp(text + i, "%PDF-", 5) == 0) return true;
    return false;
}

/* Text with columns of spaces and no tab: what `pdftotext -layout` writes.
 * Three lines with a cell gap are enough to tell it from a plain list. */
static bool is_layout_text(const char *text, size_t len)
{
    if (memchr(text, '\t', len)) return false;
    int lines = 0;
    bool gap = false;
    for (size_t i = 0; i + 2 < len && lines < 3; i++) {
        if (text[i] == '\n') gap = false;
        else if (!gap && text[i] != ' ' && text[i + 1] == ' ' && text[i + 2] == ' ') {
            gap = true;
            lines++;
        }
    }
    return lines >= 3;
}

static char *grid_text(const GWord *w, int n, GridOpt opt, size_t *len, int **pages)
{
    Buf b = { 0 };
    grid_build(w, n, opt, &b, pages);
    buf_add(&b, "", 0);
    *len = b.n;
    return b.s ? b.s : xmalloc(1);
}

static GWord *flatten(const Vec *v)
{
    GWord *w = xmalloc(sizeof(GWord) * (size_t)(v->n + 1));
    for (int i = 0; i < v->n; i++) w[i] = *(const GWord *)v->v[i];
    return w;
}

static int *text_pages; /* the pages of the last layout text read (one reader per process) */

int *read_text_pages(void)
{
    int *p = text_pages;
    text_pages = NULL;
    return p;
}

/* `pdftotext -layout` text → tab-separated lines, one for one. */
static char *from_layout(char *text, size_t *len)
{
    xfree(text_pages);
    text_pages = NULL;
    Arena a = { 0 };
    Vec v = { 0 };
    grid_words_of_layout(&a, text, *len, &v);
    GWord *w = flatten(&v);
    char *out = grid_text(w, v.n, grid_layout_options(), len, &text_pages);
    xfree(w);
    arena_free(&a);
    xfree(text);
    return out;
}

typedef int (*WordsFn)(const char *, size_t, Arena *, Vec *, int *, char *, size_t);

static WordsFn load_pdfin(char *err, size_t errn)
{
    char dir[PATH_MAX], path[PATH_MAX + 64];
    compile_plugin_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/pdfin.so", dir);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errn, _("reading a PDF needs the plugin %s, which cannot be loaded: %s; build it with `make` "
                              "(it needs Debian's libpoppler-glib-dev), or point BDL_PLUGIN_DIR at its folder"),
                 path, dlerror());
        return NULL;
    }
    WordsFn fn;
    *(void **)&fn = dlsym(h, "bdlc_pdfin_words"); /* POSIX: a data pointer holds a function's address */
    if (!fn) snprintf(err, errn, _("%s is not a bdlc plugin (no %s)"), path, "bdlc_pdfin_words");
    return fn; /* no dlclose: glib cannot be unloaded */
}

/* PDF options: hundredths of a point.  Glyphs of a line share their top
 * within 2pt; a space is 1.5pt or more; table cells are padded 4pt or more
 * apart; a column's edges agree within 4pt. */
static const GridOpt PDF_GRID = { .ytol = 200, .space = 150, .gap = 400, .align = 400, .keep_lines = false };

static char *from_pdf(char *data, size_t *len, int **pages, int *status, char *err, size_t errn)
{
    WordsFn fn = load_pdfin(err, errn);
    if (!fn) {
        *status = 2;
        xfree(data);
        return NULL;
    }
    Arena a = { 0 };
    Vec v = { 0 };
    int npages = 0;
    char why[512] = "";
    int rc = fn(data, *len, &a, &v, &npages, why, sizeof why);
    char *out = NULL;
    if (rc == 2) snprintf(err, errn, "%s", _("the PDF is encrypted: its text cannot be read without the password"));
    else if (rc) snprintf(err, errn, _("not a readable PDF: %s"), why);
    else if (!v.n)
        snprintf(err, errn, "%s", npages ? _("no page of the PDF has text: a scanned document has to go through OCR first")
                                         : _("the PDF has no pages"));
    else {
        GWord *w = flatten(&v);
        out = grid_text(w, v.n, PDF_GRID, len, pages);
        xfree(w);
    }
    *status = out ? 0 : 1;
    arena_free(&a);
    xfree(data);
    return out;
}

/* `text` (malloc'ed, len bytes, taken over) as tab-separated lines; `name`
 * only for its .pdf ending.  NULL with *status 1 and err when it cannot be
 * read as a budget's text; *pages: for a PDF, the page of each line. */
char *read_bytes(const char *name, char *text, size_t *len, int **pages, int *status, char *err, size_t errn)
{
    *pages = NULL;
    *status = 0;
    size_t n = strlen(name ? name : "");
    bool pdf_name = n >= 4 && strcasecmp(name + n - 4, ".pdf") == 0;
    if (read_is_pdf(text, *len)) return from_pdf(text, len, pages, status, err, errn);
    if (pdf_name) {
        snprintf(err, errn, "%s", *len ? _("not a PDF (no %PDF- header): is it the right file?") : _("the file is empty (0 bytes)"));
        xfree(text);
        *status = 1;
        return NULL;
    }
    if (is_layout_text(text, *len)) return from_layout(text, len);
    return text;
}

/* The text of `path` (NULL: standard input) as tab-separated lines.  NULL
 * with *status 1 (not readable as a budget: err says why) or 2 (I/O). */
char *read_document(const char *path, size_t *len, int **pages, int *status, char *err, size_t errn)
{
    *pages = NULL;
    char *text = file_read(path, N_("'%s' is a directory; give the document's .txt or .pdf file"), len, err, errn);
    if (!text) {
        *status = 2;
        return NULL;
    }
    return read_bytes(path, text, len, pages, status, err, errn);
}
