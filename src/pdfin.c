/*
 * pdfin.c — the plugin build/lib/bdlc/pdfin.so: the text of a PDF with
 * positions, for `bdlc import FILE.pdf` and `bdlc review`.
 *
 * Built on Debian's poppler through its GLib binding (libpoppler-glib-dev):
 * a C API, so the plugin is C like the rest of bdlc (the cpp binding would
 * bring C++ and its runtime into a C project for the same text).  bdlc
 * dlopens it for PDF input only, so `bdlc check` links libc alone.
 *
 * Each glyph poppler reports becomes one GWord (grid.h) in hundredths of a
 * point; grid.c, which knows nothing of PDF, builds the table rows.  The
 * PDF is untrusted input to a large library: `bdlc review` calls this in a
 * child process with limits (review.c).
 */
#include <stdio.h>
#include <string.h>

#include <poppler.h>

#include "grid.h"

int bdlc_pdfin_words(const char *data, size_t len, Arena *a, Vec *out, int *pages, char *err, size_t errn);

/* One page's glyphs: poppler_page_get_text gives the characters, and
 * poppler_page_get_text_layout one rectangle per character, in order. */
static void page_words(PopplerPage *page, int no, Arena *a, Vec *out)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rect = NULL;
    guint nrect = 0;
    if (!text || !poppler_page_get_text_layout(page, &rect, &nrect)) {
        g_free(text);
        g_free(rect);
        return;
    }
    size_t len = strlen(text), i = 0;
    for (guint r = 0; r < nrect && i < len; r++) {
        uint32_t cp;
        int k = utf8_decode(text + i, len - i, &cp);
        if (!k) k = 1, cp = ' ';
        if (cp > ' ' && cp != 0x3000 && cp != 0xA0) {
            GWord *w = arena_alloc(a, sizeof *w);
            w->page = no;
            w->x0 = (int)(rect[r].x1 * 100);
            w->x1 = (int)(rect[r].x2 * 100);
            w->y = (int)(rect[r].y1 * 100);
            w->text = (Str){ arena_strndup(a, text + i, (size_t)k), (uint32_t)k };
            vec_apush(a, out, w);
        }
        i += (size_t)k;
    }
    g_free(rect);
    g_free(text);
}

/* 0: the words of every page appended to `out`, *pages set; 1: not a
 * readable PDF, 2: encrypted; `err` holds poppler's own words (the caller
 * writes the message, translated). */
int bdlc_pdfin_words(const char *data, size_t len, Arena *a, Vec *out, int *pages, char *err, size_t errn)
{
    GError *ge = NULL;
    GBytes *bytes = g_bytes_new_static(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    if (!doc) {
        bool enc = ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED;
        snprintf(err, errn, "%s", ge ? ge->message : "unknown error");
        if (ge) g_error_free(ge);
        g_bytes_unref(bytes);
        return enc ? 2 : 1;
    }
    int n = poppler_document_get_n_pages(doc);
    for (int p = 0; p < n; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page) continue;
        page_words(page, p + 1, a, out);
        g_object_unref(page);
    }
    *pages = n;
    g_object_unref(doc);
    g_bytes_unref(bytes);
    return 0;
}
