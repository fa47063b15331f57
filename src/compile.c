/*
 * compile.c — `bdlc compile -f csv|json|html|xlsx|pdf [-o OUT] FILE` (spec §7).
 *
 * Load, check (diagnostics printed as `bdlc check` prints them), build the
 * derived model once, then one back end.  Errors mean no output at all: the
 * output is built in memory and only then written, atomically: a file goes
 * to a temporary sibling renamed into place, a CSV folder is built beside
 * OUT and swapped in when every file is complete.
 *
 * XLSX and PDF come from plugins (xlsx.so, pdf.so), loaded only for their
 * format, so that `bdlc check` never maps libxlsxwriter, cairo or pango
 * (start-up stays small, and bdlc runs where those are not installed).
 */
#include <dlfcn.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bdl.h"

static const char usage_compile[] =
    N_("usage: bdlc compile -f csv|json|html|xlsx|pdf [-o OUT] [options] FILE\n"
    "       bdlc compile -f facts|sqlite -o OUT [options] FILE|DIR...\n"
    "\n"
    "Checks the budget FILE and, when it has no errors, writes its published\n"
    "tables (spec §8).  Nothing is written when there are errors.\n"
    "\n"
    "-f sqlite and -f facts write the facts database of every budget given or\n"
    "found under a DIR (one row per published amount, projects, indicators,\n"
    "diagnostics): into the SQLite file OUT, replacing each budget's old rows,\n"
    "or as one CSV file per table in the folder OUT.  A budget with errors\n"
    "gets its diagnostics only, and the exit status is 1.\n"
    "\n"
    "options:\n"
    "  -f FORMAT          json, html, xlsx, pdf (one file; standard output without -o\n"
    "                     or with -o -)\n"
    "                     or csv (one file per table in the folder given by -o)\n"
    "                     or facts, sqlite (the facts database; see above)\n"
    "  -o OUT             write to OUT, atomically (a failed compile leaves it untouched)\n"
    "  --bom              csv: start each file with a UTF-8 byte order mark\n"
    "  --layout NAME      the table set (a layout module); overrides the budget's\n"
    "  --agency NAME      a department adding up its agencies: write the tables of\n"
    "                     its agency NAME (code or name) instead of the department's\n"
    "  -I DIR             look for imported modules in DIR first\n"
    "  --max-errors N     print at most N problems (default 50; 0 = all)\n"
    "  --werror           warnings count as errors (and so stop the output)\n"
    "  --color WHEN       auto (default), always or never; NO_COLOR turns it off\n");

typedef enum { OUT_NONE, OUT_JSON, OUT_HTML, OUT_CSV, OUT_XLSX, OUT_PDF, OUT_FACTS, OUT_SQLITE } OutFormat;

typedef struct CompileOptions {
    OutFormat format;
    const char *out;
    bool bom;
    const char *file;
    const char *layout; /* --layout, or NULL */
    const char *agency; /* --agency, or NULL */
} CompileOptions;

/* What the common parser leaves to compile: one file, an output format,
 * and a folder for CSV. */
static int compile_options(const CmdLine *cl, CompileOptions *o)
{
    memset(o, 0, sizeof *o);
    const char *f = cl->val[OPT_FORMAT];
    if (f)
        o->format = strcmp(f, "json") == 0   ? OUT_JSON
                    : strcmp(f, "html") == 0 ? OUT_HTML
                    : strcmp(f, "xlsx") == 0 ? OUT_XLSX
                    : strcmp(f, "pdf") == 0  ? OUT_PDF
                    : strcmp(f, "facts") == 0  ? OUT_FACTS
                    : strcmp(f, "sqlite") == 0 ? OUT_SQLITE
                                             : OUT_CSV;
    o->out = cl->val[OPT_OUT];
    o->bom = cl->val[OPT_BOM] != NULL;
    o->layout = cl->val[OPT_LAYOUT];
    o->agency = cl->val[OPT_AGENCY];
    o->file = cl->files[0];
    if (o->format == OUT_FACTS || o->format == OUT_SQLITE) {
        /* a district: several operands, folders */
        if (!o->file) return cl->usage_error(cl, "%s", _("no input file"));
        if (!o->out || strcmp(o->out, "-") == 0)
            return cl->usage_error(cl, "%s", o->format == OUT_FACTS
                                                 ? _("-f facts writes one CSV file per table: give the folder with -o DIR")
                                                 : _("-f sqlite writes a database: give its file with -o FILE"));
        return 0;
    }
    if (cl->nfiles > 1)
        return cl->usage_error(cl, "compile takes one budget file; '%s' is a second one", cl->files[1]);
    if (!o->format) return cl->usage_error(cl, "%s", _("say which output with -f csv, json, html, xlsx or pdf"));
    if (!o->file) return cl->usage_error(cl, "%s", _("no input file"));
    if (o->format == OUT_CSV && (!o->out || strcmp(o->out, "-") == 0))
        return cl->usage_error(cl, "%s", _("-f csv writes one file per table: give the folder with -o DIR"));
    return 0;
}

/* ------------------------------------------------------- atomic output */

static int io_error(const char *what, const char *path)
{
    fprintf(stderr, _("bdlc: error: %s '%s': %s\n"), _(what), path, strerror(errno));
    return 2;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Remove a CSV folder: it holds nothing but regular *.csv files.  With
 * `check_only`, just say whether that is so. */
static bool csv_folder(const char *dir, bool check_only)
{
    DIR *d = opendir(dir);
    if (!d) return false;
    bool ok = true;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char p[PATH_MAX + 256];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode) || !ends_with(e->d_name, ".csv")) { ok = false; continue; }
        if (!check_only && unlink(p) != 0) ok = false;
    }
    closedir(d);
    if (!check_only && ok) ok = rmdir(dir) == 0;
    return ok;
}

/* Put the complete folder `tmp` in the place of `out`. */
static int swap_in(const char *tmp, const char *out)
{
    if (rename(tmp, out) == 0) return 0; /* out did not exist, or was empty */
#if defined(SYS_renameat2) && defined(AT_FDCWD)
    if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, out, 2 /* RENAME_EXCHANGE */) == 0) {
        csv_folder(tmp, false); /* tmp now holds the old output */
        return 0;
    }
#endif
    char old[PATH_MAX];
    file_sibling(out, "old", old, sizeof old);
    if (!mkdtemp(old) || rmdir(old) != 0 || rename(out, old) != 0) return io_error("cannot replace", out);
    if (rename(tmp, out) != 0) {
        int rc = io_error("cannot replace", out);
        rename(old, out);
        return rc;
    }
    csv_folder(old, false);
    return 0;
}

static int write_csv_folder(const Model *m, const char *out, bool bom)
{
    struct stat st;
    if (stat(out, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, _("bdlc: error: '%s' exists and is not a folder; -f csv writes a folder\n"), out);
            return 2;
        }
        if (!csv_folder(out, true)) {
            fprintf(stderr, _("bdlc: error: '%s' holds files other than .csv tables; bdlc replaces the whole "
                            "folder, so give a new or empty one\n"), out);
            return 2;
        }
    }
    char tmp[PATH_MAX];
    file_sibling(out, "tmp", tmp, sizeof tmp);
    if (!mkdtemp(tmp)) return io_error("cannot create a temporary folder beside", out);
    int rc = chmod(tmp, (mode_t)file_default_mode(0777)) == 0 ? 0 : io_error("cannot set the mode of", tmp);
    /* the tables, projects.csv, then index.csv (numbers and titles) */
    for (int i = 0; i <= m->ntables + 1 && !rc; i++) {
        Buf b = { 0 };
        char path[PATH_MAX + 64];
        if (i < m->ntables) emit_csv_table(m, &m->tables[i], bom, &b);
        else if (i == m->ntables) emit_csv_projects(m, bom, &b);
        else emit_csv_index(m, bom, &b);
        snprintf(path, sizeof path, "%s/%s.csv", tmp,
                 i < m->ntables ? m->tables[i].id : i == m->ntables ? "projects" : "index");
        char err[PATH_MAX + 128];
        if (!file_write(path, "tmp", b.s ? b.s : "", b.n, err, sizeof err)) {
            fprintf(stderr, "bdlc: error: %s\n", err);
            rc = 2;
        }
        buf_free(&b);
    }
    if (!rc) rc = swap_in(tmp, out);
    if (rc) csv_folder(tmp, false);
    return rc;
}

/* ------------------------------------------------------------ plugins */

/* Where the plugins are: $BDL_PLUGIN_DIR, else beside the running binary
 * in lib/bdlc (the build tree: build/bdlc → build/lib/bdlc), else in
 * ../lib/bdlc (installed: PREFIX/bin/bdlc → PREFIX/lib/bdlc). */
void compile_plugin_dir(char *out, size_t cap)
{
    const char *env = getenv("BDL_PLUGIN_DIR");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return;
    }
    char exe[PATH_MAX - 16]; /* room for "/../lib/bdlc" in out */
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(out, cap, "lib/bdlc");
        return;
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) *slash = 0;
    struct stat st;
    snprintf(out, cap, "%s/lib/bdlc", exe);
    if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) return;
    if (slash && (slash = strrchr(exe, '/'))) *slash = 0;
    snprintf(out, cap, "%s/lib/bdlc", exe);
}

/* The plugin `name` (xlsx, pdf, sqlite) and its function `sym`, or NULL
 * after saying what is missing.  No dlclose: glib (under pango) cannot be
 * unloaded, and bdlc exits soon. */
static void *load_plugin(const char *name, const char *lib, const char *sym)
{
    char dir[PATH_MAX], path[PATH_MAX + 64];
    compile_plugin_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/%s.so", dir, name);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, _("bdlc: error: -f %s needs the plugin %s, which cannot be loaded:\n  %s\n"
                          "  help: build it with `make` (it needs Debian's %s), or point BDL_PLUGIN_DIR at the "
                          "folder holding %s.so\n"), name, path, dlerror(), lib, name);
        return NULL;
    }
    void *fn = dlsym(h, sym);
    if (!fn) {
        fprintf(stderr, _("bdlc: error: %s is not a bdlc plugin (no %s)\n"), path, sym);
        dlclose(h);
    }
    return fn;
}

/* Run the back end `name` (xlsx, pdf) from its plugin: it fills b.
 * 2 when the plugin or a library it needs is missing, 1 when it fails. */
static int run_plugin(const char *name, const char *lib, const Model *m, Buf *b)
{
    char sym[64], err[600] = "";
    snprintf(sym, sizeof sym, "bdlc_emit_%s", name);
    int (*emit)(const Model *, Buf *, char *, size_t);
    void *fn = load_plugin(name, lib, sym);
    if (!fn) return 2;
    *(void **)&emit = fn; /* POSIX: a data pointer holds a function's address */
    int rc = emit(m, b, err, sizeof err);
    if (rc) fprintf(stderr, _("bdlc: error: -f %s: %s\n"), name, err);
    return rc ? 1 : 0;
}

static int write_output(const Model *m, const CompileOptions *o)
{
    if (o->format == OUT_CSV) return write_csv_folder(m, o->out, o->bom);
    Buf b = { 0 };
    int rc = 0;
    if (o->format == OUT_JSON) emit_json(m, &b);
    else if (o->format == OUT_HTML) emit_html(m, &b);
    else if (o->format == OUT_XLSX) rc = run_plugin("xlsx", "libxlsxwriter-dev", m, &b);
    else rc = run_plugin("pdf", "libcairo2-dev, libpango1.0-dev and fonts-noto-cjk", m, &b);
    if (rc) {
        buf_free(&b);
        return rc;
    }
    if (!o->out || strcmp(o->out, "-") == 0) {
        if (fwrite(b.s, 1, b.n, stdout) != b.n || fflush(stdout) != 0) {
            fprintf(stderr, _("bdlc: error: cannot write to standard output: %s\n"), strerror(errno));
            rc = 2;
        }
    } else {
        char err[PATH_MAX + 128];
        if (!file_write(o->out, "tmp", b.s ? b.s : "", b.n, err, sizeof err)) {
            fprintf(stderr, "bdlc: error: %s\n", err);
            rc = 2;
        }
    }
    buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------- command */

static int check_file(const char *path)
{
    char err[PATH_MAX + 128];
    if (file_check_input(path, N_("give the budget's root .bdl file"), err, sizeof err)) return 0;
    fprintf(stderr, _("bdlc: error: %s\n"), err);
    return 2;
}

static const char *budget_layout(const CheckResult *r);

/* ---------------------------------------------------------------- facts */

/* Where a budget's facts go: the CSV files of a folder being built beside
 * OUT (swapped in at the end), or the database through sqlite.so. */
typedef struct Sink {
    OutFormat format;
    char tmp[PATH_MAX];
    FILE *csv[FT_COUNT];
    void *db;
    void *(*open)(const char *, char *, size_t);
    int (*put)(void *, const Facts *, char *, size_t);
    int (*close)(void *, char *, size_t);
} Sink;

static int sink_open(Sink *k, const CompileOptions *o)
{
    if (o->format == OUT_SQLITE) {
        void *fo = load_plugin("sqlite", "libsqlite3-dev", "bdlc_sqlite_open");
        void *fp = fo ? load_plugin("sqlite", "libsqlite3-dev", "bdlc_sqlite_put") : NULL;
        void *fc = fp ? load_plugin("sqlite", "libsqlite3-dev", "bdlc_sqlite_close") : NULL;
        if (!fc) return 2;
        *(void **)&k->open = fo;
        *(void **)&k->put = fp;
        *(void **)&k->close = fc;
        char err[PATH_MAX + 256] = "";
        k->db = k->open(o->out, err, sizeof err);
        if (!k->db) {
            fprintf(stderr, _("bdlc: error: -f sqlite: %s\n"), err);
            return 2;
        }
        return 0;
    }
    struct stat st;
    if (stat(o->out, &st) == 0 && (!S_ISDIR(st.st_mode) || !csv_folder(o->out, true))) {
        fprintf(stderr, _("bdlc: error: '%s' holds files other than .csv tables; bdlc replaces the whole "
                          "folder, so give a new or empty one\n"), o->out);
        return 2;
    }
    file_sibling(o->out, "tmp", k->tmp, sizeof k->tmp);
    if (!mkdtemp(k->tmp)) return io_error("cannot create a temporary folder beside", o->out);
    if (chmod(k->tmp, (mode_t)file_default_mode(0777)) != 0) return io_error("cannot set the mode of", k->tmp);
    for (int t = 0; t < FT_COUNT; t++) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s.csv", k->tmp, facts_tables[t].name);
        if (!(k->csv[t] = fopen(path, "w"))) return io_error("cannot write", path);
        Buf b = { 0 };
        facts_csv_header(t, &b);
        fwrite(b.s, 1, b.n, k->csv[t]);
        buf_free(&b);
    }
    return 0;
}

static int sink_put(Sink *k, const Facts *f)
{
    if (k->db) {
        char err[PATH_MAX + 256] = "";
        if (k->put(k->db, f, err, sizeof err) == 0) return 0;
        fprintf(stderr, _("bdlc: error: -f sqlite: %s\n"), err);
        return 2;
    }
    for (int t = 0; t < FT_COUNT; t++) {
        Buf b = { 0 };
        facts_csv_rows(f, t, &b);
        bool ok = fwrite(b.s ? b.s : "", 1, b.n, k->csv[t]) == b.n;
        buf_free(&b);
        if (!ok) return io_error("cannot write", k->tmp);
    }
    return 0;
}

/* Finish: 0, or 2 after an error (when `failed`, just clean up). */
static int sink_close(Sink *k, const CompileOptions *o, bool failed)
{
    int rc = 0;
    if (k->db) {
        char err[PATH_MAX + 256] = "";
        if (k->close(k->db, err, sizeof err) != 0) {
            fprintf(stderr, _("bdlc: error: -f sqlite: %s\n"), err);
            rc = 2;
        }
        return rc;
    }
    for (int t = 0; t < FT_COUNT; t++)
        if (k->csv[t] && fclose(k->csv[t]) != 0 && !rc) rc = io_error("cannot write", k->tmp);
    if (!k->tmp[0]) return rc;
    if (!failed && !rc) rc = swap_in(k->tmp, o->out);
    if (failed || rc) csv_folder(k->tmp, false);
    return rc;
}

/* -f facts / -f sqlite: every budget of the operands (files, folders: as
 * `bdlc check DIR` finds them), in path order.  A budget with errors gets
 * its diagnostics and its budgets row, no cells; the exit status is 1. */
static int facts_run(const CmdLine *cl, const CompileOptions *o)
{
    Roots roots;
    int rc = district_find(cl, &roots);
    if (!rc && !roots.n) {
        district_none(cl);
        rc = 2;
    }
    if (rc) {
        district_free(&roots);
        return rc;
    }
    Sink k;
    memset(&k, 0, sizeof k);
    k.format = o->format;
    rc = sink_open(&k, o);
    bool failed = false;
    int nbudgets = 0;
    DiagOptions dopt = cl->diag;
    for (int i = 0; i < roots.n && !rc; i++) {
        const char *path = roots.path[i];
        Unit *u = unit_new(&cl->load);
        char err[600];
        if (!load_unit(u, path, err, sizeof err)) {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            unit_free(u);
            rc = 2;
            break;
        }
        if (roots.maybe[i] && !district_is_root(u)) { /* a fragment found in a folder */
            unit_free(u);
            continue;
        }
        nbudgets++;
        CheckResult res;
        Layout *lay = NULL;
        LayoutCheck lc = { o->layout, &cl->load, &lay };
        check_unit(u, &(CheckOptions){ .result = &res, .table_hook = layout_check_table,
                                       .weights_optional = layout_weights_optional, .table_hook_ctx = &lc });
        diag_sort(&u->diags);
        Diags *list[1] = { &u->diags };
        diag_print(list, 1, &dopt, stderr);
        Model *m = NULL;
        if (!u->diags.nerrors && !(dopt.werror && u->diags.nwarnings)) {
            if (!lay) lay = layout_load(o->layout ? o->layout : budget_layout(&res), &cl->load, err, sizeof err);
            m = lay ? model_build(u, &res, lay, err, sizeof err) : NULL;
            if (!m) fprintf(stderr, _("bdlc: error: %s\n"), err);
        }
        if (!m) failed = true;
        Facts f;
        facts_init(&f);
        facts_budget(&f, path, u, m);
        rc = sink_put(&k, &f);
        facts_free(&f);
        model_free(m);
        layout_free(lay);
        check_result_free(&res);
        unit_free(u);
    }
    if (!rc && !nbudgets) {
        district_none(cl);
        rc = 2;
    }
    int rc2 = sink_close(&k, o, rc != 0);
    district_free(&roots);
    if (rc || rc2) return 2;
    return failed ? 1 : 0;
}

/* --agency NAME: the agency root of a consolidated department, by the
 * code or name of its agency clause; NULL (and a message) when none. */
static AgencyRoot *agency_named(const Unit *u, const char *name, const char *file)
{
    Consolidation *c = u->consol;
    if (!c || !c->done) {
        fprintf(stderr, _("bdlc compile: --agency: %s adds up no agencies (it has no `agencies` statement)\n"), file);
        return NULL;
    }
    Str want = str_c(name);
    for (int i = 0; i < c->n; i++) {
        const AgencyDecl *d = c->agencies[i].decl;
        if (d && ((d->code.present && str_eq(d->code.s, want)) || (d->name.present && name_equiv(d->name.s, want))))
            return &c->agencies[i];
    }
    Buf list = { 0 };
    for (int i = 0; i < c->n; i++) {
        const AgencyDecl *d = c->agencies[i].decl;
        Str n = d->name.present ? d->name.s : d->code.s;
        buf_addf(&list, "%s%.*s", i ? ", " : "", (int)n.n, n.s);
    }
    fprintf(stderr, _("bdlc compile: --agency: %s has no agency '%s'; its agencies are %s\n"), file, name, list.s);
    buf_free(&list);
    return NULL;
}

/* The layout the budget block names (`layout NAME`), or NULL for the
 * default one. */
static const char *budget_layout(const CheckResult *r)
{
    static char name[256]; /* compile loads one layout at a time */
    if (!r->budget || !r->budget->u.budget.layout_clause.present) return NULL;
    Str s = r->budget->u.budget.layout.s;
    snprintf(name, sizeof name, "%.*s", (int)s.n, s.s); /* a longer name is not a layout: not found */
    return name;
}

static int compile_run(const CmdLine *cl)
{
    CompileOptions o;
    int rc = compile_options(cl, &o);
    if (rc) return rc;
    if (o.format == OUT_FACTS || o.format == OUT_SQLITE) return facts_run(cl, &o);
    if ((rc = check_file(o.file))) return rc;
    Unit *u = unit_new(&cl->load);
    char err[600];
    if (!load_unit(u, o.file, err, sizeof err)) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        unit_free(u);
        return 2;
    }
    CheckResult res;
    Layout *lay = NULL;
    LayoutCheck lc = { o.layout, &cl->load, &lay };
    check_unit(u, &(CheckOptions){ .result = &res, .table_hook = layout_check_table,
                                       .weights_optional = layout_weights_optional, .table_hook_ctx = &lc });
    Narrative *nv = narrative_check(u, &res, &cl->load, o.layout);
    Unit *pu = narrative_previous_unit(nv); /* last year's diagnostics, with its own files */
    diag_sort(&u->diags);
    Diags *list[2] = { &u->diags, pu ? &pu->diags : NULL };
    DiagOptions dopt = cl->diag;
    diag_print(list, pu ? 2 : 1, &dopt, stderr);
    bool failed = u->diags.nerrors || (dopt.werror && u->diags.nwarnings);
    if (failed) {
        rc = 1;
        fputs(u->diags.nerrors ? _("bdlc: nothing written: the budget has errors\n")
                               : _("bdlc: nothing written: the budget has warnings and --werror is on\n"), stderr);
    } else if (!lay && !(lay = layout_load(o.layout ? o.layout : budget_layout(&res), &cl->load, err, sizeof err))) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        rc = 2;
    } else if (o.agency) { /* one agency of a department that adds them up */
        AgencyRoot *a = agency_named(u, o.agency, o.file);
        Model *m = a ? model_build(a->unit, &a->result, lay, err, sizeof err) : NULL;
        if (m) rc = write_output(m, &o);
        else if (a) {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            rc = 1;
        } else rc = 2;
        model_free(m);
    } else {
        Model *m = model_build(u, &res, lay, err, sizeof err);
        if (m && (rc = narrative_render(nv, m, err, sizeof err)) != 0) fprintf(stderr, _("bdlc: error: %s\n"), err);
        else if (m) rc = write_output(m, &o);
        else {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            rc = 1;
        }
        model_free(m);
    }
    layout_free(lay);
    narrative_free(nv);
    check_result_free(&res);
    unit_free(u);
    return rc;
}

const Command cmd_compile = {
    "compile", "compile -f FMT FILE", N_("check, then write the tables as csv, json, html, xlsx or pdf"),
    usage_compile,
    OPT(OPT_FORMAT) | OPT(OPT_OUT) | OPT(OPT_BOM) | OPT(OPT_LAYOUT) | OPT(OPT_AGENCY) | OPT(OPT_INCLUDE) | OPT(OPT_MAX_ERRORS) | OPT(OPT_WERROR) |
        OPT(OPT_COLOR),
    "bdlc compile: ", "bdlc compile --help", compile_run,
};
