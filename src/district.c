/*
 * district.c — a district's budgets in one run (issue 15).
 *
 *   bdlc check DIR...            every root under each DIR
 *   bdlc check --files-from LIST the FILEs and DIRs listed, one a line
 *   bdlc check --shard I/N DIR   the roots whose index ≡ I-1 (mod N)
 *
 * A root is a .bdl file with a `budget` block of its own; the fragments a
 * root includes are checked through it, never alone.  The roots are sorted
 * by path, so the order, the shards and the output are the same on every
 * machine and every run.
 *
 * Budgets are checked on every core in windows of a few per thread: a
 * worker loads, checks and renders one budget's diagnostics into text, and
 * frees the budget; the calling thread prints the window in path order.  So
 * memory holds a window of budgets and the rendered diagnostics, whatever
 * the number of budgets.  Each budget is its own report (--max-errors
 * counts per budget, and a problem is never merged with another budget's),
 * so a shard prints exactly its budgets' part of the whole run.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bdl.h"

/* ------------------------------------------------------------ finding */

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void push(Roots *r, char *path)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->path = xrealloc(r->path, sizeof(char *) * (size_t)r->cap);
    }
    r->path[r->n++] = path;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    bool slash = a && dir[a - 1] == '/';
    char *s = xmalloc(a + b + 2);
    memcpy(s, dir, a);
    if (!slash) s[a++] = '/';
    memcpy(s + a, name, b + 1);
    return s;
}

/* Every .bdl file under dir (hidden entries and symbolic links to folders
 * are skipped: a link loop must not hang the walk). */
static void walk(const char *dir, Roots *out)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *p = join(dir, e->d_name);
        struct stat st;
        size_t len = strlen(e->d_name);
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(p, out);
            xfree(p);
        } else if (len > 4 && strcmp(e->d_name + len - 4, ".bdl") == 0 && stat(p, &st) == 0 &&
                   S_ISREG(st.st_mode)) {
            push(out, p);
        } else {
            xfree(p);
        }
    }
    closedir(d);
}

typedef struct Entry {
    char *path;
    bool maybe; /* a root only if it has a budget block (every file, so far) */
} Entry;

static int cmp_entry(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c;
}

/* Could the file hold a budget block?  Not without the word: most
 * fragments are ruled out without being parsed. */
static bool has_word(const char *path)
{
    size_t len;
    char err[PATH_MAX + 128];
    char *text = file_read(path, SRC_DIR_MSG, &len, err, sizeof err);
    if (!text) return true; /* the check will say why it cannot be read */
    bool yes = false;
    for (const char *p = text, *end = text + len; !yes && (p = memchr(p, 'b', (size_t)(end - p))); p++)
        yes = (size_t)(end - p) >= 6 && memcmp(p, "budget", 6) == 0;
    xfree(text);
    return yes;
}

static void root_job(void *ctx, int i, int worker)
{
    (void)worker;
    Roots *r = ctx;
    r->maybe[i] = has_word(r->path[i]) && load_is_root(r->path[i]);
}

bool district_is_root(const Unit *u)
{
    for (int i = 0; i < u->stmts.n; i++) {
        const Stmt *s = u->stmts.v[i];
        if (s->kind == ST_BUDGET && s->loc.file == 0) return true;
    }
    return false;
}

bool district_mode(const CmdLine *cl)
{
    if (cl->val[OPT_SHARD] || cl->val[OPT_FILES_FROM]) return true;
    for (int i = 0; i < cl->nfiles; i++)
        if (is_dir(cl->files[i])) return true;
    return false;
}

/* --shard I/N: 0 and *i, *n; else the usage error's status. */
static int shard_of(const CmdLine *cl, int *i, int *n)
{
    *i = *n = 1;
    const char *v = cl->val[OPT_SHARD];
    if (!v) return 0;
    char *end;
    long a = strtol(v, &end, 10), b = 0;
    bool ok = end != v && *end == '/';
    if (ok) {
        const char *q = end + 1;
        b = strtol(q, &end, 10);
        ok = end != q && !*end && a >= 1 && b >= a && b <= 1000000;
    }
    if (!ok) return cl->usage_error(cl, "--shard is I/N with 1 <= I <= N (e.g. 2/4), not '%s'", v);
    *i = (int)a;
    *n = (int)b;
    return 0;
}

/* The operands: the command line's, then --files-from's lines. */
static bool add_operand(const char *op, Roots *cand, Roots *files)
{
    if (is_dir(op)) {
        walk(op, cand);
        return true;
    }
    char err[PATH_MAX + 128];
    if (!file_check_input(op, N_("give the budget's .bdl files or their folders"), err, sizeof err)) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        return false;
    }
    push(files, xstrdup(op));
    return true;
}

static bool read_list(const char *list, Roots *cand, Roots *files)
{
    size_t len;
    char err[PATH_MAX + 128];
    char *text = file_read(strcmp(list, "-") == 0 ? NULL : list, N_("'%s' is a directory, not a list of budgets"),
                           &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        return false;
    }
    bool ok = true;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r') line[--n] = 0;
        if (n && !add_operand(line, cand, files)) ok = false;
    }
    xfree(text);
    return ok;
}

/* The roots, sorted by path.  A file found in a folder stays a candidate
 * (maybe[i]) that its check confirms, as loading it tells whether it has a
 * budget block, unless --shard needs every root's place first: then the
 * candidates are parsed alone here, on every core. */
int district_find(const CmdLine *cl, Roots *out)
{
    memset(out, 0, sizeof *out);
    int si, sn, rc = shard_of(cl, &si, &sn);
    if (rc) return rc;
    Roots cand = { 0 }, files = { 0 };
    bool ok = true;
    for (int i = 0; i < cl->nfiles; i++) ok &= add_operand(cl->files[i], &cand, &files);
    if (cl->val[OPT_FILES_FROM]) ok &= read_list(cl->val[OPT_FILES_FROM], &cand, &files);
    int n = cand.n + files.n;
    Entry *e = xmalloc(sizeof(Entry) * (size_t)(n + 1));
    for (int i = 0; i < cand.n; i++) e[i] = (Entry){ cand.path[i], true };
    /* a file named on its own too: a fragment is checked through the
     * budgets that include it, and said to be skipped */
    for (int i = 0; i < files.n; i++) e[cand.n + i] = (Entry){ files.path[i], true };
    xfree(cand.path);
    xfree(files.path);
    if (n > 1) qsort(e, (size_t)n, sizeof(Entry), cmp_entry);
    /* the same path twice (overlapping operands) is one budget */
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k && strcmp(e[k - 1].path, e[i].path) == 0) xfree(e[i].path);
        else e[k++] = e[i];
    }
    n = k;
    Roots all = { 0 };
    all.maybe = xmalloc(sizeof(bool) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        all.maybe[all.n] = e[i].maybe;
        push(&all, e[i].path);
    }
    xfree(e);
    if (sn > 1) {
        /* the shards count roots: find them all now */
        Roots c = { 0 };
        c.maybe = xmalloc(sizeof(bool) * (size_t)(n + 1));
        for (int i = 0; i < n; i++)
            if (all.maybe[i]) push(&c, all.path[i]);
        jobs_run(c.n, root_job, &c);
        for (int i = 0, j = 0; i < n; i++)
            if (all.maybe[i]) {
                if (!c.maybe[j++]) { xfree(all.path[i]); all.path[i] = NULL; }
                all.maybe[i] = false;
            }
        xfree(c.path);
        xfree(c.maybe);
    }
    out->maybe = xmalloc(sizeof(bool) * (size_t)(n + 1));
    for (int i = 0, idx = 0; i < n; i++) {
        if (!all.path[i]) continue;
        if (idx++ % sn == si - 1) {
            out->maybe[out->n] = all.maybe[i];
            push(out, all.path[i]);
        } else {
            xfree(all.path[i]);
        }
    }
    xfree(all.path);
    xfree(all.maybe);
    return ok ? 0 : 2;
}

void district_free(Roots *r)
{
    for (int i = 0; i < r->n; i++) xfree(r->path[i]);
    xfree(r->path);
    xfree(r->maybe);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ checking */

typedef struct Result {
    bool skip;   /* a candidate without a budget block: a fragment */
    char *text;  /* the budget's diagnostics, rendered (JSON/SARIF: the items only) */
    size_t len;
    char *io;    /* the budget could not be read: the message */
    int nerrors, nwarnings;
} Result;

typedef struct District {
    const CmdLine *cl;
    Roots roots;
    int first;       /* the window's first budget */
    Result *res;     /* one per budget of the window */
} District;

/* Cut a one-budget JSON or SARIF report down to its items: what lies
 * between the array's "[" and its closing "\n]" (JSON) or "\n    ]"
 * (SARIF's results). */
static void items_only(Result *r, DiagFormat f)
{
    const char *open = f == FMT_JSON ? "[" : "\"results\": [";
    const char *close = f == FMT_JSON ? "\n]\n" : "\n    ]\n  }]\n}\n";
    char *a = strstr(r->text, open), *b = a ? strstr(a, close) : NULL;
    if (!a || !b) { r->len = 0; r->text[0] = 0; return; }
    a += strlen(open);
    r->len = (size_t)(b - a);
    memmove(r->text, a, r->len);
    r->text[r->len] = 0;
}

static void check_job(void *ctx, int i, int worker)
{
    (void)worker;
    District *d = ctx;
    const CmdLine *cl = d->cl;
    Result *r = &d->res[i];
    const char *path = d->roots.path[d->first + i];
    Unit *u = unit_new(&cl->load);
    char err[600];
    if (d->roots.maybe[d->first + i] && !has_word(path)) {
        r->skip = true;
        unit_free(u);
        return;
    }
    if (!load_unit(u, path, err, sizeof err)) {
        r->io = xstrdup(err);
        unit_free(u);
        return;
    }
    if (d->roots.maybe[d->first + i] && !district_is_root(u)) {
        r->skip = true;
        unit_free(u);
        return;
    }
    /* agency roots are budgets of the run: a department does not repeat them */
    Layout *lay = NULL; /* the budget's layout: E138, its weights rule */
    LayoutCheck lc = { NULL, &cl->load, &lay };
    CheckResult res;
    check_unit(u, &(CheckOptions){ .verbose = cl->val[OPT_VERBOSE] != NULL, .table_hook = layout_check_table,
                                   .weights_optional = layout_weights_optional, .table_hook_ctx = &lc,
                                   .agencies_reported = true, .result = &res });
    layout_free(lay);
    /* last year and the narrative, as for one budget; last year's own
     * diagnostics are not repeated: it is a budget of the district (or E145 says it has errors) */
    narrative_free(narrative_check(u, &res, &cl->load, NULL));
    check_result_free(&res);
    diag_sort(&u->diags);
    r->nerrors = u->diags.nerrors;
    r->nwarnings = u->diags.nwarnings;
    if (u->diags.n) {
        DiagOptions o = cl->diag;
        Diags *list[1] = { &u->diags };
        FILE *m = open_memstream(&r->text, &r->len);
        if (m) {
            diag_print(list, 1, &o, m);
            fclose(m);
            if (o.format != FMT_TEXT) items_only(r, o.format);
        }
    }
    unit_free(u);
}

static void summary_line(FILE *out, const char *path, const Result *r)
{
    if (r->io) fprintf(out, _("%s: not read\n"), path);
    else if (!r->nerrors && !r->nwarnings) fprintf(out, _("%s: clean\n"), path);
    else if (!r->nerrors)
        fprintf(out, i18n_ngettext("%s: %d warning\n", "%s: %d warnings\n", (unsigned long)r->nwarnings), path,
                r->nwarnings);
    else {
        char w[128] = "";
        if (r->nwarnings)
            snprintf(w, sizeof w, i18n_ngettext(", %d warning", ", %d warnings", (unsigned long)r->nwarnings),
                     r->nwarnings);
        fprintf(out, i18n_ngettext("%s: %d error%s\n", "%s: %d errors%s\n", (unsigned long)r->nerrors), path,
                r->nerrors, w);
    }
}

/* The SARIF report's head and tail around its results: those of a report
 * of no problems. */
static void sarif_frame(char **head, char **tail)
{
    char *s = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&s, &n);
    DiagOptions o = { .format = FMT_SARIF };
    if (m) {
        diag_print(NULL, 0, &o, m);
        fclose(m);
    }
    char *at = s ? strstr(s, "\"results\": [") : NULL;
    if (!at) { *head = xstrdup("{\"runs\": [{\"results\": ["); *tail = xstrdup("]}]}\n"); free(s); return; }
    at += strlen("\"results\": [");
    *tail = xstrdup(at);
    *at = 0;
    *head = xstrdup(s);
    free(s);
}

void district_none(const CmdLine *cl)
{
    bool said = false;
    for (int i = 0; i < cl->nfiles; i++)
        if (is_dir(cl->files[i])) {
            fprintf(stderr, _("bdlc: error: '%s' is a directory with no budget in it (a budget is a .bdl file with a "
                              "`budget` block)\n"), cl->files[i]);
            said = true;
        }
    if (!said) fputs(_("bdlc: error: no budget found (a budget is a .bdl file with a `budget` block)\n"), stderr);
}

int district_check(const CmdLine *cl)
{
    District d = { .cl = cl };
    int rc = district_find(cl, &d.roots);
    if (rc == 2 && !d.roots.n) { district_free(&d.roots); return 2; }
    if (rc && rc != 2) return rc;
    bool io_error = rc == 2;
    DiagFormat fmt = cl->diag.format;
    FILE *diag_out = fmt == FMT_TEXT ? stderr : stdout;
    /* the summary goes where it does not break a JSON/SARIF document */
    FILE *sum_out = fmt == FMT_TEXT ? stdout : stderr;
    char *head = NULL, *tail = NULL;
    if (fmt == FMT_SARIF) {
        sarif_frame(&head, &tail);
        fputs(head, stdout);
    } else if (fmt == FMT_JSON) {
        fputs("[", stdout);
    }
    int window = jobs_threads() * 8;
    d.res = xmalloc(sizeof(Result) * (size_t)window);
    int clean = 0, warned = 0, failed = 0, errors = 0, warnings = 0, unread = 0, nbudgets = 0;
    bool any_item = false;
    for (d.first = 0; d.first < d.roots.n; d.first += window) {
        int n = d.roots.n - d.first < window ? d.roots.n - d.first : window;
        memset(d.res, 0, sizeof(Result) * (size_t)n);
        jobs_run(n, check_job, &d);
        for (int i = 0; i < n; i++) {
            Result *r = &d.res[i];
            const char *path = d.roots.path[d.first + i];
            if (r->skip) {
                for (int k = 0; k < cl->nfiles; k++)
                    if (strcmp(cl->files[k], path) == 0) {
                        fprintf(stderr, _("bdlc: %s has no `budget` block: it is checked through the budgets "
                                          "that include it, not alone\n"), path);
                        break;
                    }
                continue;
            }
            nbudgets++;
            if (r->io) {
                fprintf(stderr, _("bdlc: error: %s\n"), r->io);
                unread++;
            } else if (r->len) {
                if (fmt != FMT_TEXT && any_item) fputs(",", diag_out);
                fwrite(r->text, 1, r->len, diag_out);
                any_item = true;
            }
            summary_line(sum_out, path, r);
            errors += r->nerrors;
            warnings += r->nwarnings;
            if (r->io) ;
            else if (r->nerrors) failed++;
            else if (r->nwarnings) warned++;
            else clean++;
            free(r->text); /* open_memstream's */
            xfree(r->io);
        }
    }
    if (fmt == FMT_SARIF) {
        if (any_item) fputs("\n    ", stdout);
        fputs(tail, stdout);
    }
    else if (fmt == FMT_JSON) fputs(any_item ? "\n]\n" : "]\n", stdout);
    fflush(stdout);
    /* a folder given with no budget in it is a mistake (a folder of
     * fragments, a typo); a shard with no budget is not: N may exceed the
     * budgets */
    if (!nbudgets && !io_error && !cl->val[OPT_SHARD]) {
        district_none(cl);
        io_error = true;
    } else {
        fprintf(sum_out,
                i18n_ngettext("bdlc: %d budget checked: %d clean, %d with warnings, %d with errors (%d errors, %d "
                              "warnings)\n",
                              "bdlc: %d budgets checked: %d clean, %d with warnings, %d with errors (%d errors, %d "
                              "warnings)\n",
                              (unsigned long)nbudgets),
                nbudgets, clean, warned, failed, errors, warnings);
    }
    fflush(sum_out);
    xfree(d.res);
    xfree(head);
    xfree(tail);
    district_free(&d.roots);
    if (io_error || unread) return 2;
    if (errors || (cl->diag.werror && warnings)) return 1;
    return 0;
}
