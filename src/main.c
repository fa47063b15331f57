/*
 * main.c — the command line (spec §7).
 *
 *   bdlc check [options] FILE...
 *   bdlc compile -f csv|json|html [-o OUT] FILE
 *   bdlc fmt [--check | -w] FILE...
 *   bdlc import FILE.txt
 *
 * Exit status: 0 clean (warnings allowed), 1 problems found (or warnings
 * with --werror), 2 usage or I/O error.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bdl.h"

static const char *usage_main =
    N_("usage: bdlc COMMAND [options] FILE...\n"
    "\n"
    "BDL, the Budget Description Language: write a department budget once,\n"
    "check every sum, and compile the published tables.\n"
    "\n"
    "commands:\n"
    "  check FILE...        parse and run every check; writes nothing\n"
    "  compile -f FMT FILE  check, then write the tables as csv, json or html\n"
    "  fmt FILE...          lay files out in the canonical form\n"
    "  import FILE.txt      turn published tab-separated tables into BDL\n"
    "  explain [CODE]       what a diagnostic code means, with an example and its fix\n"
    "\n"
    "  bdlc --version       print the version\n"
    "  bdlc COMMAND --help  options of one command\n"
    "  --lang zh|en         messages in Chinese or English, with any command\n"
    "                       (else $BDL_LANG, else the locale: LANG=zh_CN.UTF-8)\n"
    "\n"
    "exit status: 0 clean, 1 problems found, 2 usage or I/O error\n");

static const char *usage_check =
    N_("usage: bdlc check [options] FILE...\n"
    "\n"
    "Checks each budget.  A FILE without a `budget` block is a fragment: the\n"
    "budgets in its folder and the folders above (up to the git repository's\n"
    "top) that include it are checked instead.\n"
    "\n"
    "options:\n"
    "  -I DIR                      look for imported modules in DIR first\n"
    "  --max-errors N              print at most N problems (default 50; 0 = all)\n"
    "  --werror                    warnings make the exit status 1\n"
    "  --diagnostics-format FMT    text (default, on stderr), json or sarif (on stdout)\n"
    "  --color WHEN                auto (default), always or never; NO_COLOR turns it off\n"
    "  --verbose                   also list codes the budget adds to a classification,\n"
    "                              and name the budget checked for a fragment\n");

typedef struct Options {
    const char *dirs[64];
    int ndirs;
    DiagOptions diag;
    int color; /* -1 never, 0 auto, 1 always */
    bool verbose;
    const char **files; /* points into argv: as many as were given */
    int nfiles;
} Options;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("bdlc: ", stderr);
    fprintf(stderr, _(fmt), arg);
    fputs(_("\n(run 'bdlc --help' for usage)\n"), stderr);
    return 2;
}

static int parse_check_options(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    o->diag.max_errors = 50;
    o->files = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(_(usage_check), stdout);
            exit(0);
        }
        if (strcmp(a, "-I") == 0 || strcmp(a, "--max-errors") == 0 || strcmp(a, "--diagnostics-format") == 0 ||
            strcmp(a, "--color") == 0) {
            if (i + 1 >= argc) return usage_error("option %s needs a value", a);
            val = argv[++i];
        } else if (strncmp(a, "-I", 2) == 0) {
            val = a + 2;
            a = "-I";
        } else if (strncmp(a, "--max-errors=", 13) == 0) {
            val = a + 13;
            a = "--max-errors";
        } else if (strncmp(a, "--diagnostics-format=", 21) == 0) {
            val = a + 21;
            a = "--diagnostics-format";
        } else if (strncmp(a, "--color=", 8) == 0) {
            val = a + 8;
            a = "--color";
        }
        if (strcmp(a, "-I") == 0) {
            if (o->ndirs < 64) o->dirs[o->ndirs++] = val;
        } else if (strcmp(a, "--max-errors") == 0) {
            char *end;
            long n = strtol(val, &end, 10);
            if (*end || n < 0 || n > INT_MAX) return usage_error("--max-errors wants a number, not '%s'", val);
            o->diag.max_errors = (int)n;
        } else if (strcmp(a, "--diagnostics-format") == 0) {
            if (strcmp(val, "text") == 0) o->diag.format = FMT_TEXT;
            else if (strcmp(val, "json") == 0) o->diag.format = FMT_JSON;
            else if (strcmp(val, "sarif") == 0) o->diag.format = FMT_SARIF;
            else return usage_error("--diagnostics-format is text, json or sarif, not '%s'", val);
        } else if (strcmp(a, "--color") == 0) {
            if (strcmp(val, "auto") == 0) o->color = 0;
            else if (strcmp(val, "always") == 0) o->color = 1;
            else if (strcmp(val, "never") == 0) o->color = -1;
            else return usage_error("--color is auto, always or never, not '%s'", val);
        } else if (strcmp(a, "--werror") == 0) {
            o->diag.werror = true;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) o->files[o->nfiles++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else {
            o->files[o->nfiles++] = a;
        }
    }
    if (!o->nfiles) return usage_error("%s", _("no input files; usage: bdlc check [options] FILE..."));
    const char *nc = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (o->color == 1) o->diag.color = true;
    else if (o->color == 0)
        o->diag.color = isatty(2) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0) &&
                        o->diag.format == FMT_TEXT;
    return 0;
}

/* ------------------------------------------------------ roots, fragments */

typedef struct Run {
    Options *o;
    LoadOptions lo;
    Unit **units;
    char **via; /* the fragment a unit was found through, or NULL */
    int nunits;
    char **roots; /* canonical paths of the roots already checked */
    int nroots;
    bool io_error;
} Run;

static void add_unit(Run *r, Unit *u)
{
    r->units = xrealloc(r->units, sizeof(Unit *) * (size_t)(r->nunits + 1));
    r->via = xrealloc(r->via, sizeof(char *) * (size_t)(r->nunits + 1));
    r->via[r->nunits] = NULL;
    r->units[r->nunits++] = u;
}

static bool seen_root(Run *r, const char *real)
{
    for (int i = 0; i < r->nroots; i++)
        if (strcmp(r->roots[i], real) == 0) return true;
    r->roots = xrealloc(r->roots, sizeof(char *) * (size_t)(r->nroots + 1));
    r->roots[r->nroots++] = xstrdup(real);
    return false;
}

static void check_root(Run *r, const char *path, Unit *loaded)
{
    char *real = realpath(path, NULL);
    bool seen = seen_root(r, real ? real : path);
    free(real);
    if (seen) { unit_free(loaded); return; }
    Unit *u = loaded;
    if (!u) {
        u = unit_new(&r->lo);
        char err[600];
        if (!load_unit(u, path, err, sizeof err)) {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            r->io_error = true;
            unit_free(u);
            return;
        }
    }
    check_unit(u, &(CheckOptions){ .verbose = r->o->verbose });
    diag_sort(&u->diags);
    add_unit(r, u);
}

/* Does the unit's root file itself (not an included one) hold a budget
 * block?  The same answer as load_is_root, without parsing the file again. */
static bool unit_is_root(const Unit *u)
{
    for (int i = 0; i < u->stmts.n; i++) {
        const Stmt *s = u->stmts.v[i];
        if (s->kind == ST_BUDGET && s->loc.file == 0) return true;
    }
    return false;
}

static bool unit_has_file(Unit *u, const char *real)
{
    for (int i = 0; i < u->files.n; i++)
        if (strcmp(((SrcFile *)u->files.v[i])->real, real) == 0) return true;
    return false;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The roots in one folder that include `frag` (by canonical path). */
/* Show a path relative to the current folder when it is below it. */
static void display_path(const char *abs, char *out, size_t cap)
{
    char cwd[PATH_MAX];
    size_t n;
    if (getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 0 && strncmp(abs, cwd, n) == 0 && abs[n] == '/')
        snprintf(out, cap, "%s", abs + n + 1);
    else
        snprintf(out, cap, "%s", abs);
}

static int roots_in_dir(Run *r, const char *dir, const char *frag)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    char **names = NULL;
    int n = 0, found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".bdl") != 0) continue;
        names = xrealloc(names, sizeof(char *) * (size_t)(n + 1));
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, (size_t)n, sizeof(char *), cmp_str);
    for (int i = 0; i < n; i++) {
        char abs[PATH_MAX + 256], path[PATH_MAX + 256];
        snprintf(abs, sizeof abs, "%s/%s", dir, names[i]);
        display_path(abs, path, sizeof path);
        struct stat st;
        /* load_is_root parses the file alone: loading every fragment's
         * includes made a 10,000-file include chain quadratic (hostile tests) */
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !load_is_root(path)) continue;
        Unit *u = unit_new(&r->lo);
        char err[600];
        if (load_unit(u, path, err, sizeof err) && unit_is_root(u) && unit_has_file(u, frag)) {
            int before = r->nunits;
            check_root(r, path, u);
            if (r->nunits > before) { /* say why a staged fragment shows another file's problems */
                char fd[PATH_MAX];
                display_path(frag, fd, sizeof fd);
                r->via[r->nunits - 1] = xstrdup(fd);
            }
            found++;
        } else {
            unit_free(u);
        }
    }
    for (int i = 0; i < n; i++) xfree(names[i]);
    xfree(names);
    return found;
}

static void check_fragment(Run *r, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real) return;
    /* the folders to search: the fragment's own and those above, up to the
     * repository's top (outside a repository: its own folder only) */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    char top[PATH_MAX];
    snprintf(top, sizeof top, "%s", dir);
    bool in_repo = false;
    for (;;) {
        char git[PATH_MAX + 8];
        struct stat st;
        snprintf(git, sizeof git, "%s/.git", top[0] ? top : "");
        if (stat(git, &st) == 0) { in_repo = true; break; }
        char *s = strrchr(top, '/');
        if (!s || s == top) break;
        *s = 0;
    }
    int found = 0;
    char cur[PATH_MAX];
    snprintf(cur, sizeof cur, "%s", dir);
    for (;;) {
        found += roots_in_dir(r, cur[0] ? cur : "/", real);
        if (!in_repo || strcmp(cur, top) == 0) break;
        char *s = strrchr(cur, '/');
        if (!s || s == cur) break;
        *s = 0;
    }
    free(real);
    if (found) return;
    /* no root includes it: E030, plus whatever its own parse found */
    Unit *u = unit_new(&r->lo);
    char err[600];
    if (!load_unit(u, path, err, sizeof err)) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        r->io_error = true;
        unit_free(u);
        return;
    }
    SrcFile *f = u->files.v[0];
    Loc at = { .off = (uint32_t)f->start, .line = 1, .file = 0 };
    diag_at(&u->diags, at, "E030", "this file has no `budget` block, and no budget in its folder or above includes it");
    const char *base = strrchr(f->path, '/');
    diag_help(&u->diags, "include it from a budget file with `include \"%s\"` (the path is relative to the "
              "including file), or give it a `budget` block", base ? base + 1 : f->path);
    diag_sort(&u->diags);
    add_unit(r, u);
}

static int cmd_check(int argc, char **argv)
{
    Options o;
    int rc = parse_check_options(argc, argv, &o);
    if (rc) {
        xfree(o.files);
        return rc;
    }
    Run r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    r.lo.include_dirs = o.dirs;
    r.lo.ninclude_dirs = o.ndirs;
    for (int i = 0; i < o.nfiles; i++) {
        const char *path = o.files[i];
        struct stat st;
        if (stat(path, &st) != 0) {
            fprintf(stderr, _("bdlc: error: cannot open '%s': no such file\n"), path);
            r.io_error = true;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, _("bdlc: error: '%s' is a directory; give the budget's .bdl files\n"), path);
            r.io_error = true;
            continue;
        }
        if (!S_ISREG(st.st_mode)) { /* a FIFO would block forever, a device never end */
            fprintf(stderr, _("bdlc: error: '%s' is not a regular file\n"), path);
            r.io_error = true;
            continue;
        }
        if (access(path, R_OK) != 0) {
            fprintf(stderr, _("bdlc: error: cannot read '%s': permission denied\n"), path);
            r.io_error = true;
            continue;
        }
        /* Load once and look at the root's statements: asking load_is_root
         * first parsed every root twice (half the time of a big budget). */
        Unit *u = unit_new(&r.lo);
        char err[600];
        if (load_unit(u, path, err, sizeof err) && unit_is_root(u)) {
            check_root(&r, path, u);
        } else {
            unit_free(u);
            check_fragment(&r, path);
        }
    }
    Diags **list = xmalloc(sizeof(Diags *) * (size_t)(r.nunits + 1));
    int errors = 0, warnings = 0;
    for (int i = 0; i < r.nunits; i++) {
        list[i] = &r.units[i]->diags;
        errors += list[i]->nerrors;
        warnings += list[i]->nwarnings;
    }
    /* A clean check is silent (pre-commit hooks print nothing on success);
     * --verbose says which budget stood in for the fragment all the same. */
    if (o.diag.format == FMT_TEXT)
        for (int i = 0; i < r.nunits; i++) {
            const char *root = ((SrcFile *)r.units[i]->files.v[0])->path;
            if (r.via[i] && r.units[i]->diags.n)
                fprintf(stderr, _("bdlc: %s is part of %s, so that whole budget was checked:\n"), r.via[i], root);
            else if (r.via[i] && o.verbose)
                fprintf(stderr, _("bdlc: %s is part of %s, which was checked whole and has no problems\n"), r.via[i],
                        root);
        }
    diag_print(list, r.nunits, &o.diag, o.diag.format == FMT_TEXT ? stderr : stdout);
    fflush(stdout);
    xfree(list);
    for (int i = 0; i < r.nunits; i++) {
        unit_free(r.units[i]);
        xfree(r.via[i]);
    }
    xfree(r.via);
    for (int i = 0; i < r.nroots; i++) xfree(r.roots[i]);
    xfree(r.roots);
    xfree(r.units);
    xfree(o.files);
    if (r.io_error) return 2;
    if (errors || (o.diag.werror && warnings)) return 1;
    return 0;
}

/* `--lang zh|en` (or --lang=zh) anywhere before `--` holds for every
 * command: it is taken out of argv, so the commands never see it.  NULL
 * when not given, "" when its value is missing or not zh/en. */
static const char *take_lang(int *argc, char **argv)
{
    const char *lang = NULL;
    int j = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc) argv[j++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--lang") == 0) lang = i + 1 < *argc ? argv[++i] : "";
        else if (strncmp(argv[i], "--lang=", 7) == 0) lang = argv[i] + 7;
        else argv[j++] = argv[i];
    }
    argv[j] = NULL;
    *argc = j;
    if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) return "";
    return lang;
}

int main(int argc, char **argv)
{
    const char *lang = take_lang(&argc, argv);
    i18n_init(lang && *lang ? lang : NULL);
    if (lang && !*lang) return usage_error("%s", _("--lang is zh (Chinese) or en (English)"));
    if (argc < 2) {
        fputs(_(usage_main), stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("bdlc %s (BDL 1)\n", BDL_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(_(usage_main), stdout);
        return 0;
    }
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "compile") == 0) return cmd_compile(argc - 2, argv + 2);
    if (strcmp(cmd, "import") == 0) return cmd_import(argc - 2, argv + 2);
    if (strcmp(cmd, "fmt") == 0) return cmd_fmt(argc - 2, argv + 2);
    if (strcmp(cmd, "explain") == 0) return explain_main(argc - 2, argv + 2);
    if (strcmp(cmd, "import") == 0) {
        fprintf(stderr, _("bdlc: '%s' is not available in this build yet\n"), cmd);
        return 2;
    }
    return usage_error("unknown command '%s'", cmd);
}
