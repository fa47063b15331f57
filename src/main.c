/*
 * main.c — the command line (spec §7).
 *
 *   bdlc check [options] FILE...
 *   bdlc compile -f csv|json|html [-o OUT] FILE
 *   bdlc fmt [--check | -w] FILE...
 *   bdlc import FILE.txt
 *
 * One parser for every command: a command is a row of `commands` and says
 * which rows of `options` it takes; the parser checks each value as it
 * meets it, and the command gets the result (CmdLine) and its operands.
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

static const char usage_check[] =
    N_("usage: bdlc check [options] FILE...\n"
    "       bdlc check [options] [--shard I/N] [--files-from LIST] DIR...\n"
    "\n"
    "Checks each budget.  A FILE without a `budget` block is a fragment: the\n"
    "budgets in its folder and the folders above (up to the git repository's\n"
    "top) that include it are checked instead.\n"
    "\n"
    "A DIR (or --files-from, or --shard) checks a district: every budget under\n"
    "the folders, in path order, in parallel, and prints one line per budget\n"
    "(clean, warnings or errors) and the counts.\n"
    "\n"
    "options:\n"
    "  -I DIR                      look for imported modules in DIR first\n"
    "  --max-errors N              print at most N problems (default 50; 0 = all)\n"
    "  --werror                    warnings make the exit status 1\n"
    "  --diagnostics-format FMT    text (default, on stderr), json or sarif (on stdout)\n"
    "  --color WHEN                auto (default), always or never; NO_COLOR turns it off\n"
    "  --verbose                   also list codes the budget adds to a classification,\n"
    "                              and name the budget checked for a fragment\n"
    "  --files-from LIST           also check the FILEs and DIRs listed in LIST, one a\n"
    "                              line (- reads standard input)\n"
    "  --shard I/N                 only the budgets whose place in the sorted list,\n"
    "                              counted from 0, is I-1 modulo N (CI runners)\n");

static int check_run(const CmdLine *cl);

const Command cmd_check = {
    "check", "check FILE...", N_("parse and run every check; writes nothing"), usage_check,
    OPT(OPT_INCLUDE) | OPT(OPT_MAX_ERRORS) | OPT(OPT_WERROR) | OPT(OPT_DIAG_FORMAT) | OPT(OPT_COLOR) |
        OPT(OPT_VERBOSE) | OPT(OPT_SHARD) | OPT(OPT_FILES_FROM),
    "bdlc: ", "bdlc --help", check_run,
};

/* The commands, in the order `bdlc --help` lists them: a new command is a
 * new row (and its Command, beside its code). */
static const Command *const commands[] = { &cmd_check, &cmd_compile, &cmd_fmt, &cmd_import, &cmd_review,
                                                   &cmd_explain, &cmd_diff };
enum { NCOMMANDS = sizeof commands / sizeof *commands };

/* ---------------------------------------------------------------- options */

typedef struct OptSpec {
    const char *name;            /* "--max-errors", "-I" */
    const char *alias;           /* "-v", "--write", or NULL */
    bool value;                  /* takes a value */
    const char *const *choices;  /* the values it accepts (NULL-ended), or NULL */
    const char *bad;             /* the usage error for a value it refuses */
    bool number;                 /* the value is a count, 0 … INT_MAX */
} OptSpec;

static const char *const color_words[] = { "auto", "always", "never", NULL };
static const char *const diag_words[] = { "text", "json", "sarif", NULL };
static const char *const diff_words[] = { "text", "json", "html", NULL };
static const char *const format_words[] = { "json", "html", "csv", "xlsx", "pdf", "facts", "sqlite", NULL };

static const OptSpec options[OPT_COUNT] = {
    [OPT_INCLUDE] = { "-I", NULL, true, NULL, NULL, false },
    [OPT_MAX_ERRORS] = { "--max-errors", NULL, true, NULL, "--max-errors wants a number, not '%s'", true },
    [OPT_WERROR] = { "--werror", NULL, false, NULL, NULL, false },
    [OPT_DIAG_FORMAT] = { "--diagnostics-format", NULL, true, diag_words,
                          "--diagnostics-format is text, json or sarif, not '%s'", false },
    [OPT_COLOR] = { "--color", NULL, true, color_words, "--color is auto, always or never, not '%s'", false },
    [OPT_VERBOSE] = { "--verbose", "-v", false, NULL, NULL, false },
    [OPT_FORMAT] = { "-f", NULL, true, format_words, "-f is csv, json, html, xlsx, pdf, facts or sqlite, not '%s'", false },
    [OPT_OUT] = { "-o", NULL, true, NULL, NULL, false },
    [OPT_BOM] = { "--bom", NULL, false, NULL, NULL, false },
    [OPT_WRITE] = { "--write", "-w", false, NULL, NULL, false },
    [OPT_CHECK] = { "--check", NULL, false, NULL, NULL, false },
    [OPT_SHARD] = { "--shard", NULL, true, NULL, NULL, false },
    [OPT_FILES_FROM] = { "--files-from", NULL, true, NULL, NULL, false },
    [OPT_LAYOUT] = { "--layout", NULL, true, NULL, NULL, false },
    [OPT_AGENCY] = { "--agency", NULL, true, NULL, NULL, false },
    [OPT_DIFF_FORMAT] = { "-f", NULL, true, diff_words, N_("-f is text, json or html, not '%s'"), false },
    [OPT_TEXTCONV] = { "--textconv", NULL, false, NULL, NULL, false },
};

static int usage_error(const CmdLine *cl, const char *fmt, const char *arg)
{
    fputs(cl->cmd->err, stderr);
    fprintf(stderr, _(fmt), arg);
    fprintf(stderr, _("\n(run '%s' for usage)\n"), cl->cmd->help);
    return 2;
}

/* Does argument a name the option?  Sets *glued to a value written in the
 * same argument (--opt=V, -xV), else NULL. */
static bool opt_matches(const OptSpec *o, const char *a, const char **glued)
{
    *glued = NULL;
    if (strcmp(a, o->name) == 0 || (o->alias && strcmp(a, o->alias) == 0)) return true;
    size_t n = strlen(o->name);
    if (!o->value || strncmp(a, o->name, n) != 0) return false;
    if (o->name[1] != '-') *glued = a + n; /* -fjson, -Idir */
    else if (a[n] == '=') *glued = a + n + 1;
    return *glued != NULL;
}

static int find_option(const CmdLine *cl, const char *a, const char **glued)
{
    for (int id = 0; id < OPT_COUNT; id++)
        if ((cl->cmd->opts & OPT(id)) && opt_matches(&options[id], a, glued)) return id;
    return -1;
}

static bool is_number(const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n >= 0 && n <= INT_MAX;
}

static int check_value(const CmdLine *cl, const OptSpec *o, const char *v)
{
    if (o->number && !is_number(v)) return usage_error(cl, o->bad, v);
    if (!o->choices) return 0;
    for (const char *const *c = o->choices; *c; c++)
        if (strcmp(*c, v) == 0) return 0;
    return usage_error(cl, o->bad, v);
}

/* The options every command shares, into the forms the phases take. */
static void settle(CmdLine *cl)
{
    const char **v = cl->val;
    cl->diag.max_errors = v[OPT_MAX_ERRORS] ? atoi(v[OPT_MAX_ERRORS]) : 50;
    cl->diag.werror = v[OPT_WERROR] != NULL;
    cl->diag.format = !v[OPT_DIAG_FORMAT] || strcmp(v[OPT_DIAG_FORMAT], "text") == 0 ? FMT_TEXT
                      : strcmp(v[OPT_DIAG_FORMAT], "json") == 0                      ? FMT_JSON
                                                                                      : FMT_SARIF;
    const char *color = v[OPT_COLOR] ? v[OPT_COLOR] : "auto";
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if (strcmp(color, "auto") == 0)
        cl->diag.color = isatty(2) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0) &&
                         cl->diag.format == FMT_TEXT;
    else cl->diag.color = strcmp(color, "always") == 0;
    cl->load.include_dirs = cl->dirs;
    cl->load.ninclude_dirs = cl->ndirs;
}

/* Parse the arguments after the command's name.  0 and a filled cl, or an
 * exit status: 2 after a usage error, 0 after --help.  (*help is set then.) */
static int parse_args(CmdLine *cl, int argc, char **argv, bool *help)
{
    cl->files = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    cl->dirs = xmalloc(sizeof(char *) * (size_t)(argc + 1)); /* as many -I as given: no fixed cap */
    cl->usage_error = usage_error;
    bool operands_only = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *val;
        if (operands_only || a[0] != '-' || !a[1]) { cl->files[cl->nfiles++] = argv[i]; continue; }
        if (strcmp(a, "--") == 0) { operands_only = true; continue; }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(_(cl->cmd->usage), stdout);
            *help = true;
            return 0;
        }
        int id = find_option(cl, a, &val);
        if (id < 0) return usage_error(cl, "unknown option '%s'", a);
        if (options[id].value && !val) {
            if (i + 1 >= argc) return usage_error(cl, "option %s needs a value", a);
            val = argv[++i];
        }
        int rc = options[id].value ? check_value(cl, &options[id], val) : 0;
        if (rc) return rc;
        cl->val[id] = options[id].value ? val : "";
        if (id == OPT_INCLUDE) cl->dirs[cl->ndirs++] = val;
    }
    cl->files[cl->nfiles] = NULL;
    settle(cl);
    return 0;
}

static int run_command(const Command *cmd, int argc, char **argv)
{
    CmdLine cl = { .cmd = cmd };
    bool help = false;
    int rc = parse_args(&cl, argc, argv, &help);
    if (!rc && !help) rc = cmd->run(&cl);
    xfree(cl.files);
    xfree(cl.dirs);
    return rc;
}

static void print_usage(FILE *out)
{
    fputs(_("usage: bdlc COMMAND [options] FILE...\n"
            "\n"
            "BDL, the Budget Description Language: write a department budget once,\n"
            "check every sum, and compile the published tables.\n"
            "\n"
            "commands:\n"), out);
    for (int i = 0; i < NCOMMANDS; i++) fprintf(out, "  %-21s%s\n", commands[i]->synopsis, _(commands[i]->summary));
    fputs(_("\n"
            "  bdlc --version       print the version\n"
            "  bdlc COMMAND --help  options of one command\n"
            "  --lang zh|en         messages in Chinese or English, with any command\n"
            "                       (else $BDL_LANG, else the locale: LANG=zh_CN.UTF-8)\n"
            "\n"
            "exit status: 0 clean, 1 problems found, 2 usage or I/O error\n"), out);
}

/* ------------------------------------------------------ roots, fragments */

typedef struct Run {
    const CmdLine *cl;
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

/* PATH's budget loaded, or NULL once the reason it cannot be read is
 * printed (an I/O error: the run ends with exit 2). */
static Unit *load_or_say(Run *r, const char *path)
{
    Unit *u = unit_new(&r->lo);
    char err[600];
    if (load_unit(u, path, err, sizeof err)) return u;
    fprintf(stderr, _("bdlc: error: %s\n"), err);
    r->io_error = true;
    unit_free(u);
    return NULL;
}

static void check_root(Run *r, const char *path, Unit *loaded)
{
    char *real = realpath(path, NULL);
    bool seen = seen_root(r, real ? real : path);
    free(real);
    if (seen) { unit_free(loaded); return; }
    Unit *u = loaded ? loaded : load_or_say(r, path);
    if (!u) return;
    Layout *lay = NULL; /* the budget's layout, for E138 */
    LayoutCheck lc = { NULL, &r->lo, &lay };
    CheckResult res;
    check_unit(u, &(CheckOptions){ .verbose = r->cl->val[OPT_VERBOSE] != NULL, .table_hook = layout_check_table,
                                   .weights_optional = layout_weights_optional, .table_hook_ctx = &lc, .result = &res });
    layout_free(lay);
    /* last year (`previous`) and the narrative's texts; last year's own
     * diagnostics are printed with its files */
    Narrative *nv = narrative_check(u, &res, &r->lo, NULL);
    Unit *pu = narrative_take_previous(nv);
    narrative_free(nv);
    check_result_free(&res);
    diag_sort(&u->diags);
    add_unit(r, u);
    if (pu) add_unit(r, pu);
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

/* Check the roots in one folder that include `frag` (by canonical path);
 * returns how many there were. */
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
    Unit *u = load_or_say(r, path);
    if (!u) return;
    SrcFile *f = u->files.v[0];
    Loc at = { .off = (uint32_t)f->start, .line = 1, .file = 0 };
    diag_at(&u->diags, at, "E030", "this file has no `budget` block, and no budget in its folder or above includes it");
    const char *base = strrchr(f->path, '/');
    diag_help(&u->diags, "include it from a budget file with `include \"%s\"` (the path is relative to the "
              "including file), or give it a `budget` block", base ? base + 1 : f->path);
    diag_sort(&u->diags);
    add_unit(r, u);
}

static int check_run(const CmdLine *cl)
{
    if (district_mode(cl)) return district_check(cl);
    if (!cl->nfiles) return cl->usage_error(cl, "%s", "no input files; usage: bdlc check [options] FILE...");
    Run r;
    memset(&r, 0, sizeof r);
    r.cl = cl;
    r.lo = cl->load;
    for (int i = 0; i < cl->nfiles; i++) {
        const char *path = cl->files[i];
        char err[PATH_MAX + 128];
        if (!file_check_input(path, N_("give the budget's .bdl files"), err, sizeof err)) {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            r.io_error = true;
            continue;
        }
        /* Load once and look at the root's statements: asking load_is_root
         * first parsed every root twice (half the time of a big budget). */
        Unit *u = unit_new(&r.lo);
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
    if (cl->diag.format == FMT_TEXT)
        for (int i = 0; i < r.nunits; i++) {
            const char *root = ((SrcFile *)r.units[i]->files.v[0])->path;
            if (r.via[i] && r.units[i]->diags.n)
                fprintf(stderr, _("bdlc: %s is part of %s, so that whole budget was checked:\n"), r.via[i], root);
            else if (r.via[i] && cl->val[OPT_VERBOSE])
                fprintf(stderr, _("bdlc: %s is part of %s, which was checked whole and has no problems\n"), r.via[i],
                        root);
        }
    DiagOptions dopt = cl->diag;
    diag_print(list, r.nunits, &dopt, dopt.format == FMT_TEXT ? stderr : stdout);
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
    if (r.io_error) return 2;
    if (errors || (cl->diag.werror && warnings)) return 1;
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
    static const Command bdlc = { .name = "bdlc", .err = "bdlc: ", .help = "bdlc --help" };
    CmdLine top = { .cmd = &bdlc };
    const char *lang = take_lang(&argc, argv);
    i18n_init(lang && *lang ? lang : NULL);
    if (lang && !*lang) return usage_error(&top, "%s", _("--lang is zh (Chinese) or en (English)"));
    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("bdlc %s (BDL 1)\n", BDL_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        print_usage(stdout);
        return 0;
    }
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(cmd, commands[i]->name) == 0) return run_command(commands[i], argc - 2, argv + 2);
    return usage_error(&top, "unknown command '%s'", cmd);
}
