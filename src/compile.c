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
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bdl.h"

static const char *usage_compile =
    N_("usage: bdlc compile -f csv|json|html|xlsx|pdf [-o OUT] [options] FILE\n"
    "\n"
    "Checks the budget FILE and, when it has no errors, writes its published\n"
    "tables (spec §8).  Nothing is written when there are errors.\n"
    "\n"
    "options:\n"
    "  -f FORMAT          json, html, xlsx, pdf (one file; standard output without -o\n"
    "                     or with -o -)\n"
    "                     or csv (one file per table in the folder given by -o)\n"
    "  -o OUT             write to OUT, atomically (a failed compile leaves it untouched)\n"
    "  --bom              csv: start each file with a UTF-8 byte order mark\n"
    "  -I DIR             look for imported modules in DIR first\n"
    "  --max-errors N     print at most N problems (default 50; 0 = all)\n"
    "  --werror           warnings count as errors (and so stop the output)\n"
    "  --color WHEN       auto (default), always or never; NO_COLOR turns it off\n");

typedef enum { OUT_NONE, OUT_JSON, OUT_HTML, OUT_CSV, OUT_XLSX, OUT_PDF } OutFormat;

typedef struct CompileOptions {
    OutFormat format;
    const char *out;
    bool bom;
    const char *dirs[64];
    int ndirs;
    DiagOptions diag;
    int color; /* -1 never, 0 auto, 1 always */
    const char *file;
} CompileOptions;

static int usage(const char *fmt, const char *arg)
{
    fputs("bdlc compile: ", stderr);
    fprintf(stderr, _(fmt), arg);
    fputs(_("\n(run 'bdlc compile --help' for usage)\n"), stderr);
    return 2;
}

/* An option's value: "-f json", "-fjson", "--max-errors=3". */
static const char *value_of(int argc, char **argv, int *i, const char *name)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strcmp(a, name) == 0) return *i + 1 < argc ? argv[++*i] : NULL;
    if (name[1] != '-') return a + n; /* -fjson */
    return a + n + 1;                 /* --name=value */
}

static bool is_opt(const char *a, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) return false;
    if (!a[n]) return true;
    return name[1] != '-' ? true : a[n] == '=';
}

static int set_option(CompileOptions *o, const char *name, const char *val)
{
    if (!val) return usage("option %s needs a value", name);
    if (strcmp(name, "-f") == 0) {
        if (strcmp(val, "json") == 0) o->format = OUT_JSON;
        else if (strcmp(val, "html") == 0) o->format = OUT_HTML;
        else if (strcmp(val, "csv") == 0) o->format = OUT_CSV;
        else if (strcmp(val, "xlsx") == 0) o->format = OUT_XLSX;
        else if (strcmp(val, "pdf") == 0) o->format = OUT_PDF;
        else return usage("-f is csv, json, html, xlsx or pdf, not '%s'", val);
    } else if (strcmp(name, "-o") == 0) {
        o->out = val;
    } else if (strcmp(name, "-I") == 0) {
        if (o->ndirs < 64) o->dirs[o->ndirs++] = val;
    } else if (strcmp(name, "--max-errors") == 0) {
        char *end;
        long n = strtol(val, &end, 10);
        if (*end || !*val || n < 0 || n > INT_MAX) return usage("--max-errors wants a number, not '%s'", val);
        o->diag.max_errors = (int)n;
    } else if (strcmp(name, "--color") == 0) {
        if (strcmp(val, "auto") == 0) o->color = 0;
        else if (strcmp(val, "always") == 0) o->color = 1;
        else if (strcmp(val, "never") == 0) o->color = -1;
        else return usage("--color is auto, always or never, not '%s'", val);
    }
    return 0;
}

static int parse_options(int argc, char **argv, CompileOptions *o)
{
    static const char *const with_value[] = { "-f", "-o", "-I", "--max-errors", "--color" };
    memset(o, 0, sizeof *o);
    o->diag.max_errors = 50;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(_(usage_compile), stdout);
            exit(0);
        }
        bool done = false;
        for (size_t k = 0; k < sizeof with_value / sizeof *with_value && !done; k++) {
            if (!is_opt(a, with_value[k])) continue;
            int rc = set_option(o, with_value[k], value_of(argc, argv, &i, with_value[k]));
            if (rc) return rc;
            done = true;
        }
        if (done) continue;
        if (strcmp(a, "--bom") == 0) o->bom = true;
        else if (strcmp(a, "--werror") == 0) o->diag.werror = true;
        else if (a[0] == '-' && a[1]) return usage("unknown option '%s'", a);
        else if (o->file) return usage("compile takes one budget file; '%s' is a second one", a);
        else o->file = a;
    }
    if (!o->format) return usage("%s", _("say which output with -f csv, json, html, xlsx or pdf"));
    if (!o->file) return usage("%s", _("no input file"));
    if (o->format == OUT_CSV && (!o->out || strcmp(o->out, "-") == 0))
        return usage("%s", _("-f csv writes one file per table: give the folder with -o DIR"));
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if (o->color == 1) o->diag.color = true;
    else if (o->color == 0) o->diag.color = isatty(2) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    return 0;
}

/* ------------------------------------------------------- atomic output */

static int io_error(const char *what, const char *path)
{
    fprintf(stderr, _("bdlc: error: %s '%s': %s\n"), _(what), path, strerror(errno));
    return 2;
}

static bool write_all(int fd, const Buf *b)
{
    size_t off = 0;
    while (off < b->n) {
        ssize_t w = write(fd, b->s + off, b->n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        off += (size_t)w;
    }
    return true;
}

static mode_t default_mode(mode_t full)
{
    mode_t mask = umask(0);
    umask(mask);
    return full & ~mask;
}

/* "dir/name" → "dir/.name.XXXXXX" (a hidden sibling). */
static void sibling(const char *path, const char *tag, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    int dn = slash ? (int)(slash - path + 1) : 0;
    snprintf(out, cap, "%.*s.%s.%sXXXXXX", dn, path, slash ? slash + 1 : path, tag);
}

static int write_file_atomic(const char *path, const Buf *b)
{
    char tmp[PATH_MAX];
    sibling(path, "tmp", tmp, sizeof tmp);
    int fd = mkstemp(tmp);
    if (fd < 0) return io_error("cannot create a temporary file beside", path);
    bool ok = fchmod(fd, default_mode(0666)) == 0 && write_all(fd, b) && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        int rc = io_error("cannot write", path);
        unlink(tmp);
        return rc;
    }
    return 0;
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
    sibling(out, "old", old, sizeof old);
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
    sibling(out, "tmp", tmp, sizeof tmp);
    if (!mkdtemp(tmp)) return io_error("cannot create a temporary folder beside", out);
    int rc = chmod(tmp, default_mode(0777)) == 0 ? 0 : io_error("cannot set the mode of", tmp);
    for (int i = 0; i <= MT_COUNT && !rc; i++) {
        Buf b = { 0 };
        char path[PATH_MAX + 64];
        if (i < MT_COUNT) emit_csv_table(m, &m->tables[i], bom, &b);
        else emit_csv_projects(m, bom, &b);
        snprintf(path, sizeof path, "%s/%s.csv", tmp, i < MT_COUNT ? m->tables[i].id : "projects");
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        bool ok = fd >= 0 && write_all(fd, &b) && fsync(fd) == 0;
        if (fd >= 0) ok = close(fd) == 0 && ok;
        if (!ok) rc = io_error("cannot write", path);
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
static void plugin_dir(char *out, size_t cap)
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

/* Run the back end `name` (xlsx, pdf) from its plugin: it fills b.
 * 2 when the plugin or a library it needs is missing, 1 when it fails. */
static int run_plugin(const char *name, const char *lib, const Model *m, Buf *b)
{
    char dir[PATH_MAX], path[PATH_MAX + 64], sym[64], err[600] = "";
    plugin_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/%s.so", dir, name);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, _("bdlc: error: -f %s needs the plugin %s, which cannot be loaded:\n  %s\n"
                          "  help: build it with `make` (it needs Debian's %s), or point BDL_PLUGIN_DIR at the "
                          "folder holding %s.so\n"), name, path, dlerror(), lib, name);
        return 2;
    }
    snprintf(sym, sizeof sym, "bdlc_emit_%s", name);
    int (*emit)(const Model *, Buf *, char *, size_t);
    *(void **)&emit = dlsym(h, sym); /* POSIX: a data pointer holds a function's address */
    if (!emit) {
        fprintf(stderr, _("bdlc: error: %s is not a bdlc plugin (no %s)\n"), path, sym);
        dlclose(h);
        return 2;
    }
    int rc = emit(m, b, err, sizeof err);
    if (rc) fprintf(stderr, _("bdlc: error: -f %s: %s\n"), name, err);
    /* no dlclose: glib (under pango) cannot be unloaded, and bdlc exits soon */
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
        rc = write_file_atomic(o->out, &b);
    }
    buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------- command */

static int check_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, _("bdlc: error: cannot open '%s': no such file\n"), path);
        return 2;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, _("bdlc: error: '%s' is a directory; give the budget's root .bdl file\n"), path);
        return 2;
    }
    if (!S_ISREG(st.st_mode)) { /* a FIFO would block forever, a device never end */
        fprintf(stderr, _("bdlc: error: '%s' is not a regular file\n"), path);
        return 2;
    }
    if (access(path, R_OK) != 0) {
        fprintf(stderr, _("bdlc: error: cannot read '%s': permission denied\n"), path);
        return 2;
    }
    return 0;
}

int cmd_compile(int argc, char **argv)
{
    CompileOptions o;
    int rc = parse_options(argc, argv, &o);
    if (rc || (rc = check_file(o.file))) return rc;
    LoadOptions lo = { .include_dirs = o.dirs, .ninclude_dirs = o.ndirs };
    Unit *u = unit_new(&lo);
    char err[600];
    if (!load_unit(u, o.file, err, sizeof err)) {
        fprintf(stderr, _("bdlc: error: %s\n"), err);
        unit_free(u);
        return 2;
    }
    Symtab st;
    check_unit(u, &(CheckOptions){ .symtab_out = &st });
    diag_sort(&u->diags);
    Diags *list[1] = { &u->diags };
    diag_print(list, 1, &o.diag, stderr);
    bool failed = u->diags.nerrors || (o.diag.werror && u->diags.nwarnings);
    if (!failed) {
        Model *m = model_build(u, &st, err, sizeof err);
        if (m) rc = write_output(m, &o);
        else {
            fprintf(stderr, _("bdlc: error: %s\n"), err);
            rc = 1;
        }
        model_free(m);
    } else {
        rc = 1;
        fputs(u->diags.nerrors ? _("bdlc: nothing written: the budget has errors\n")
                               : _("bdlc: nothing written: the budget has warnings and --werror is on\n"), stderr);
    }
    sym_free(&st);
    unit_free(u);
    return rc;
}
