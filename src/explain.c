/*
 * explain.c — `bdlc explain [--lang en|zh] [CODE]`, as `rustc --explain`.
 *
 * The explanations are docs/en/explain/CODE.md and docs/zh/explain/CODE.md,
 * compiled into the binary by docs/embed-explain.sh (bdl_codes): the files
 * are the only definition of a code, so what is printed is the file as it
 * is written, byte for byte (tests/explain/run.sh compares them).  Without
 * a CODE every code is listed with its title.  A code is read without
 * regard to case (`e120`); one that is not a code gets the nearest ones and
 * exit status 2, like any usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

static const char usage_explain[] =
    N_("usage: bdlc explain [--lang en|zh] [CODE]\n"
    "\n"
    "Explains a diagnostic code (E120, w126 …): what it means, a small budget\n"
    "that gets it, and the same budget fixed.  Without CODE, lists every code.\n"
    "\n"
    "options:\n"
    "  --lang en|zh    the language (default: that of the messages: $BDL_LANG, the locale)\n");

static const char *lang_option; /* --lang, when given */

/* The language of the explanations: the language of the messages (the
 * global --lang, $BDL_LANG, the locale: i18n.c), unless asked here. */
static const char *explain_lang(void)
{
    if (lang_option) return lang_option;
    return i18n_chinese() ? "zh" : "en";
}

static int explain_usage_error(const char *fmt, const char *arg)
{
    fputs("bdlc explain: ", stderr);
    fprintf(stderr, _(fmt), arg);
    fputs(_("\n(run 'bdlc explain --help' for usage)\n"), stderr);
    return 2;
}

static void list_codes(bool zh)
{
    for (int i = 0; i < bdl_ncodes; i++) {
        const DiagCode *c = &bdl_codes[i];
        const char *sev = c->sev == SEV_ERROR ? (zh ? "错误" : "error  ") : (zh ? "警告" : "warning");
        printf("%s  %s  %s\n", c->code, sev, zh ? c->title_zh : c->title);
    }
}

/* The digits of what was asked, as a number; -1 when there are none. */
static int digits_of(const char *s, char *digits, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (*s >= '0' && *s <= '9') digits[n++] = *s;
    digits[n] = 0;
    return n ? atoi(digits) : -1;
}

/* Up to three codes near what was asked: those whose number starts with its
 * digits ("E12" → E120 E121 E122), else those closest in number (a mistyped
 * digit; the letter does not count: a wrong letter still finds the code). */
static void print_nearest(const char *asked)
{
    char digits[16];
    int want = digits_of(asked, digits, sizeof digits);
    if (want < 0) return;
    const DiagCode *pick[3];
    int n = 0;
    for (int i = 0; i < bdl_ncodes && n < 3; i++)
        if (strncmp(bdl_codes[i].code + 1, digits, strlen(digits)) == 0) pick[n++] = &bdl_codes[i];
    if (n == 0) {
        bool used[256] = { 0 };
        for (; n < 3 && n < bdl_ncodes; n++) {
            int best = -1, bestd = 0;
            for (int i = 0; i < bdl_ncodes && i < 256; i++) {
                int d = abs(atoi(bdl_codes[i].code + 1) - want);
                if (!used[i] && (best < 0 || d < bestd)) { best = i; bestd = d; }
            }
            used[best] = true;
            pick[n] = &bdl_codes[best];
        }
    }
    fputs(_("the nearest codes:"), stderr);
    for (int i = 0; i < n; i++) fprintf(stderr, " %s", pick[i]->code);
    fputs("\n", stderr);
}

int explain_main(int argc, char **argv)
{
    const char *asked = NULL;
    lang_option = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(_(usage_explain), stdout);
            return 0;
        }
        if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return explain_usage_error("%s", _("--lang needs a value: en or zh"));
            if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0)
                return explain_usage_error("--lang is en or zh, not '%s'", v);
            lang_option = v;
        } else if (a[0] == '-' && a[1]) {
            return explain_usage_error("unknown option '%s'", a);
        } else if (asked) {
            return explain_usage_error("one code at a time ('%s' is a second one)", a);
        } else {
            asked = a;
        }
    }
    bool zh = strcmp(explain_lang(), "zh") == 0;
    if (!asked) {
        list_codes(zh);
        return 0;
    }
    char code[8] = "";
    size_t n = strlen(asked);
    if (n == 4) {
        for (size_t i = 0; i < n; i++) code[i] = asked[i] >= 'a' && asked[i] <= 'z' ? (char)(asked[i] - 32) : asked[i];
        code[n] = 0;
    }
    const DiagCode *c = diag_code(code);
    if (!c) {
        fprintf(stderr, _("bdlc explain: '%s' is not a diagnostic code of BDL\n"), asked);
        print_nearest(asked);
        fputs(_("(run 'bdlc explain' for the list)\n"), stderr);
        return 2;
    }
    fputs(zh ? c->text_zh : c->text, stdout);
    return 0;
}

static int explain_run(const CmdLine *cl)
{
    return explain_main(cl->nfiles, (char **)cl->files);
}

/* The global --lang (main.c) has been taken off the command line before
 * this runs: the options left are --help and the code. */
const Command cmd_explain = {
    "explain", "explain [CODE]", N_("what a diagnostic code means, with an example and its fix"), usage_explain, 0,
    "bdlc explain: ", "bdlc explain --help", explain_run,
};
