/*
 * i18n.c — which language messages are printed in, and where the
 * translations are (GNU gettext, text domain "bdlc").
 *
 * English is the source language: every message is written in English in
 * the code and looked up in po/zh_CN.po's compiled catalogue when Chinese
 * is wanted.  Codes, positions, exit statuses, JSON/SARIF keys and the
 * files bdlc writes never depend on the language; only the texts do.
 *
 * Which language, first match wins:
 *   1. `--lang zh|en` on the command line (main.c hands it to i18n_init);
 *   2. $BDL_LANG (zh or en; so a CI job or an editor can ask for one
 *      without touching the locale);
 *   3. the locale, as gettext reads it: LC_ALL, then LC_MESSAGES, then LANG
 *      (zh_CN.UTF-8 or any zh* gives Chinese); when they are unset or name
 *      a locale other than C/POSIX, $LANGUAGE's first zh* or en* entry.
 *
 * Why bdlc decides instead of letting setlocale(LC_ALL, "") do it: a
 * minimal Debian image has only the C, C.UTF-8 and POSIX locales.  There
 * setlocale(LC_MESSAGES, "") fails for LANG=zh_CN.UTF-8 and leaves "C",
 * and glibc's gettext ignores $LANGUAGE and translates nothing under the
 * C locale.  glibc does honour $LANGUAGE under C.UTF-8, which every glibc
 * since 2.35 has built in (checked here with `locale -a`: C, C.utf8,
 * POSIX).  So for Chinese bdlc sets LC_MESSAGES to C.UTF-8 (or zh_CN.UTF-8
 * when C.UTF-8 is missing and that one exists) and LANGUAGE=zh_CN, and asks
 * for the catalogue in UTF-8 (bind_textdomain_codeset) so that LC_CTYPE,
 * which bdlc leaves at "C" on purpose (byte-wise ctype.h, no locale-
 * dependent number formats), does not make gettext transliterate the
 * Chinese to '?' (glibc's own "libc" domain too, for strerror's texts).
 * For English nothing is looked up at all.
 *
 * Where the catalogue is (locale/zh_CN/LC_MESSAGES/bdlc.mo below one of):
 *   1. $BDL_LOCALEDIR (tests);
 *   2. the folder of the running binary + "/locale": the build tree
 *      (`make` compiles build/locale next to build/bdlc);
 *   3. the binary's folder + "/../share/locale": an installed bdlc at any
 *      prefix (make install puts it in $(PREFIX)/share/locale);
 *   4. LOCALEDIR compiled in ($(PREFIX)/share/locale at build time).
 * None has it: English, without a word about it.
 */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bdl.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static bool active; /* Chinese wanted and its catalogue found */

/* zh → 1, en → 0, anything else → -1 (not a language bdlc has). */
static int lang_of(const char *s)
{
    if (!s || !*s) return -1;
    if (strncmp(s, "zh", 2) == 0) return 1;
    if (strncmp(s, "en", 2) == 0) return 0;
    return -1;
}

static int lang_from_locale(void)
{
    const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    const char *loc = NULL;
    for (int i = 0; i < 3 && !loc; i++) {
        const char *v = getenv(names[i]);
        if (v && *v) loc = v;
    }
    if (loc && lang_of(loc) == 1) return 1;
    /* LC_ALL=C is how scripts ask for untranslated output: honour it as
     * gettext does.  An unset locale (a bare container) is not such a
     * request, so LANGUAGE still counts there, unlike in gettext. */
    if (loc && (strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)) return 0;
    const char *list = getenv("LANGUAGE");
    while (list && *list) {
        int l = lang_of(list);
        if (l >= 0) return l;
        const char *colon = strchr(list, ':');
        list = colon ? colon + 1 : NULL;
    }
    return 0;
}

static bool has_catalogue(const char *dir)
{
    char path[PATH_MAX + 64];
    struct stat st;
    snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/bdlc.mo", dir);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool find_catalogue(char *out, size_t cap)
{
    const char *env = getenv("BDL_LOCALEDIR");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return has_catalogue(out);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        snprintf(out, cap, "%s/locale", exe);
        if (has_catalogue(out)) return true;
        snprintf(out, cap, "%s/../share/locale", exe);
        if (has_catalogue(out)) return true;
    }
    snprintf(out, cap, "%s", LOCALEDIR);
    return has_catalogue(out);
}

void i18n_init(const char *lang)
{
    int want = lang_of(lang);
    if (want < 0) want = lang_of(getenv("BDL_LANG"));
    if (want < 0) want = lang_from_locale();
    active = false;
    if (want != 1) return;
    char dir[PATH_MAX + 32];
    if (!find_catalogue(dir, sizeof dir)) return;
    if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "zh_CN.UTF-8")) return;
    setenv("LANGUAGE", "zh_CN", 1);
    if (!bindtextdomain("bdlc", dir) || !bind_textdomain_codeset("bdlc", "UTF-8") || !textdomain("bdlc"))
        return;
    /* strerror's texts come from glibc's own catalogue: in UTF-8 too, or
     * they would print as '?' under LC_CTYPE=C */
    bind_textdomain_codeset("libc", "UTF-8");
    active = true;
}

bool i18n_chinese(void) { return active; }

const char *i18n_gettext(const char *msgid)
{
    return active ? dgettext("bdlc", msgid) : msgid;
}

const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
{
    return active ? dngettext("bdlc", one, many, n) : n == 1 ? one : many;
}
