/*
 * fuzz_import.c — libFuzzer target for `bdlc import` without a PDF library.
 * The first byte chooses the path:
 *   even  the rest is a document's text: tab-separated, or columns of
 *         spaces as `pdftotext -layout` writes them (import_bytes; input
 *         that starts %PDF- is skipped: that path needs the plugin);
 *   odd   the rest is positioned words, as pdfin.so would hand them over
 *         (page, y, x, width, length, UTF-8 bytes), for grid.c, whose
 *         tab-separated lines go through the same import.
 * Whatever is imported must then parse and check without a crash.  Built
 * and run by `make fuzz`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    unsetenv("BDL_PATH");
    setenv("BDL_THREADS", "1", 1);
    devnull = fopen("/dev/null", "w");
    return 0;
}

/* 7-byte headers and the bytes of each word; a word cut short ends the list. */
static char *words_to_text(const uint8_t *d, size_t n, size_t *len)
{
    Arena a = { 0 };
    Vec v = { 0 };
    size_t i = 0;
    while (i + 7 <= n) {
        GWord *w = arena_alloc(&a, sizeof *w);
        w->page = 1 + d[i] % 4;
        w->y = (d[i + 1] | d[i + 2] << 8) * 10;
        w->x0 = (d[i + 3] | d[i + 4] << 8) * 10;
        w->x1 = w->x0 + d[i + 5] * 10;
        size_t k = d[i + 6] % 16;
        i += 7;
        if (i + k > n) break;
        w->text = (Str){ arena_strndup(&a, (const char *)d + i, k), (uint32_t)k };
        i += k;
        vec_apush(&a, &v, w);
    }
    GWord *flat = malloc(sizeof(GWord) * (size_t)(v.n + 1));
    for (int k = 0; k < v.n; k++) flat[k] = *(GWord *)v.v[k];
    Buf b = { 0 };
    GridOpt opt = { .ytol = 200, .space = 150, .gap = 400, .align = 400 };
    int *pages = NULL;
    grid_build(flat, v.n, opt, &b, &pages);
    xfree(pages);
    free(flat);
    arena_free(&a);
    *len = b.n;
    return b.s ? b.s : xmalloc(1);
}

static void check(const Buf *bdl)
{
    Unit *u = unit_new(NULL);
    load_unit_memory(u, "import.bdl", bdl->s ? bdl->s : "", bdl->n);
    check_unit(u, NULL);
    unit_free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    size_t len = size - 1;
    char *text;
    if (data[0] & 1) {
        text = words_to_text(data + 1, len, &len);
    } else {
        if (read_is_pdf((const char *)data + 1, len)) return 0;
        text = xmalloc(len + 1);
        memcpy(text, data + 1, len);
        text[len] = 0;
    }
    Buf out = { 0 };
    int nwarn;
    if (import_bytes("fuzz.txt", text, len, &out, devnull, &nwarn) == 0) check(&out);
    buf_free(&out);
    return 0;
}
