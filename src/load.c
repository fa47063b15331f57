/*
 * load.c — a unit: the root file plus what it imports and includes.
 *
 * Includes are spliced in place, depth first, without recursion (an
 * explicit stack), so a 10,000-deep include chain needs no C stack.  Every
 * file is loaded once: a file reached again is E021, a cycle when it is
 * still open, "included twice" otherwise.  Imports name stdlib modules,
 * looked up in -I dirs, $BDL_PATH, then the copy compiled into bdlc; a
 * module imported again is simply already there (that is what modules are
 * for), unless it imports itself (E021).
 *
 * Parsing runs on several cores (jobs.c): the files an include pattern
 * brings in are read and parsed at once, and so are the pieces of a
 * big file, cut where a statement starts at top level.  Each piece has its
 * own diagnostics and statement list, and its worker thread's arena, merged
 * in order afterwards, so the unit is the same as when one thread reads it.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bdl.h"

const ProjMore proj_more_none; /* every field absent */

Unit *unit_new(const LoadOptions *opts)
{
    Unit *u = xmalloc(sizeof *u);
    memset(u, 0, sizeof *u);
    u->opts = opts;
    diag_init(&u->diags, &u->files);
    return u;
}

void unit_free(Unit *u)
{
    if (!u) return;
    consolidate_free(u);
    for (int i = 0; i < u->files.n; i++) {
        SrcFile *f = u->files.v[i];
        xfree(f->path);
        xfree(f->real);
        xfree(f->text);
        xfree(f);
    }
    vec_free(&u->files);
    diag_free(&u->diags);
    arena_free(&u->arena);
    xfree(u);
}

typedef struct Frame {
    SrcFile *file;
    Vec stmts;
    int next;
    const char *module; /* the module this file belongs to, or NULL */
} Frame;

typedef struct Loader {
    Unit *u;
    Map by_real;    /* canonical path → SrcFile*, every file read so far */
    Map open_files; /* canonical path → non-NULL while its frame is on the stack */
    Frame *stack;
    int depth, cap;
    char **modules; /* imported module names */
    int nmodules;
    char *dir, *real_dir; /* the last folder real_of looked up, and its canonical path */
} Loader;

static bool has_wildcard(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup("");
    size_t n = (size_t)(slash - path) + 1;
    char *d = xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = 0;
    return d;
}

static char *join(const char *dir, const char *rel)
{
    if (rel[0] == '/') return xstrdup(rel);
    size_t a = strlen(dir), b = strlen(rel);
    char *s = xmalloc(a + b + 1);
    memcpy(s, dir, a);
    memcpy(s + a, rel, b + 1);
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ------------------------------------------------------- parsing in pieces */

/* A file at least this big is parsed in pieces.  $BDL_SPLIT overrides it:
 * the tests set it to 1 to cut every file wherever it can be cut, and check
 * that the result does not change. */
enum { SPLIT_MIN = 4 << 20 };

typedef struct Piece {
    SrcFile *file;
    size_t from, to; /* bytes to parse; the piece ends at `to` */
    size_t next;     /* where the next piece starts (to + 2 when cut) */
    char saved[2];   /* the bytes at to and to + 1, NULs while it is parsed */
    int line;        /* number of its first line */
    Vec stmts;
    Diags diags;
    bool clean;
} Piece;

/* The pieces of one file, or the files of one include pattern.  One arena
 * per worker thread, not per piece: a thousand small files each starting a
 * 64 KiB block cost more than parsing them on one thread. */
typedef struct Pieces {
    Piece *p;
    int n;
    Arena arena[JOBS_MAX];
} Pieces;

static size_t split_min(void) { return jobs_split_min(SPLIT_MIN); }

static void count_lines_job(void *ctx, int i, int worker)
{
    (void)worker;
    Piece *pc = ((Pieces *)ctx)->p + i;
    const char *t = pc->file->text, *q = t + pc->from, *end = t + pc->next;
    int n = 0;
    while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) { n++; q++; }
    pc->line = n; /* turned into the first line's number by the caller */
}

static void parse_job(void *ctx, int i, int worker)
{
    Pieces *ps = ctx;
    Piece *pc = ps->p + i;
    pc->clean = parse_range(pc->file, pc->from, pc->to, pc->line, &ps->arena[worker], &pc->diags, &pc->stmts);
}

static Pieces *new_pieces(Unit *u, int n)
{
    Pieces *ps = xmalloc(sizeof *ps);
    memset(ps, 0, sizeof *ps);
    ps->n = n;
    ps->p = xmalloc(sizeof(Piece) * (size_t)n);
    memset(ps->p, 0, sizeof(Piece) * (size_t)n);
    for (int i = 0; i < n; i++) diag_init_like(&ps->p[i].diags, &u->diags);
    return ps;
}

/* After the pieces were parsed: hand their statements, memory and
 * diagnostics to the unit in order, into outs[i].  With `pieces_of_file`,
 * a piece other than the last that ended with an error means the file was
 * cut in a wrong place (or has an error there): the pieces before it are
 * kept, since each began where one thread reading the file would have been
 * between two statements, and the rest of the file is read on this thread. */
static void finish_pieces(Unit *u, Pieces *ps, Vec **outs, bool pieces_of_file)
{
    Piece *pcs = ps->p;
    int n = ps->n, keep = n;
    if (pieces_of_file)
        for (int i = 0; i + 1 < n; i++)
            if (!pcs[i].clean) { keep = i; break; }
    for (int i = 0; i < n; i++) {
        if (i < keep) {
            for (int k = 0; k < pcs[i].stmts.n; k++) vec_apush(&u->arena, outs[i], pcs[i].stmts.v[k]);
            diag_adopt(&u->diags, &pcs[i].diags);
        }
        diag_free(&pcs[i].diags);
    }
    /* the pieces dropped share the workers' arenas with those kept: their
     * memory goes with the unit, unless none is kept */
    for (int w = 0; w < JOBS_MAX; w++) {
        if (keep) arena_adopt(&u->arena, &ps->arena[w]);
        arena_free(&ps->arena[w]);
    }
    if (keep < n) {
        Piece *pc = &pcs[keep];
        parse_range(pc->file, pc->from, pc->file->len, pc->line, &u->arena, &u->diags, outs[keep]);
    }
    xfree(ps->p);
    xfree(ps);
}

/* Where a piece may start: a line beginning with a keyword (a lowercase
 * letter) after a blank line, the first at or after `at`; 0 if none.  The
 * two bytes before it become the flex end-of-buffer NULs of the piece
 * before: in an LF file the newline that ends the line before and the blank
 * line (the parser supplies the end of the last line at the end of any
 * input), in a CRLF file the blank line's "\r\n".  Whether the cut really
 * was between two statements is known after parsing: the piece before must
 * end without an error. */
static size_t cut_at(const SrcFile *f, size_t at)
{
    const char *t = f->text;
    size_t n = f->len;
    for (size_t i = at; i + 3 < n; i++) {
        const char *q = memchr(t + i, '\n', n - 3 - i);
        if (!q) return 0;
        i = (size_t)(q - t);
        bool cr = t[i - 1] == '\r'; /* i >= at > 0 */
        if (!cr && t[i + 1] == '\n' && t[i + 2] >= 'a' && t[i + 2] <= 'z') return i + 2;
        if (cr && t[i + 1] == '\r' && t[i + 2] == '\n' && t[i + 3] >= 'a' && t[i + 3] <= 'z') return i + 3;
    }
    return 0;
}

/* Parse a file, in pieces on every core when it is big. */
static void parse_file_pieces(Unit *u, SrcFile *f, Vec *out)
{
    int threads = jobs_threads();
    size_t len = f->len - f->start, min = split_min();
    if (threads < 2 || len < min || len < 2) {
        parse_file(u, f, out);
        return;
    }
    /* about four pieces per thread, none under min / 4; with $BDL_SPLIT
     * under 4 (the tests), a cut at every place where one can be */
    size_t step = len / ((size_t)threads * 4);
    if (step < min / 4) step = min / 4;
    if (min < 4) step = 1;
    int n = 1, cap = 16;
    size_t *starts = xmalloc(sizeof(size_t) * (size_t)cap);
    starts[0] = f->start;
    for (size_t m = cut_at(f, f->start + step); m; m = cut_at(f, m + step)) {
        if (n == cap) starts = xrealloc(starts, sizeof(size_t) * (size_t)(cap *= 2));
        starts[n++] = m;
    }
    if (n == 1) {
        xfree(starts);
        parse_file(u, f, out);
        return;
    }
    Pieces *ps = new_pieces(u, n);
    Piece *pcs = ps->p;
    Vec **outs = xmalloc(sizeof(Vec *) * (size_t)n);
    for (int i = 0; i < n; i++) {
        pcs[i].file = f;
        pcs[i].from = starts[i];
        pcs[i].next = i + 1 < n ? starts[i + 1] : f->len;
        pcs[i].to = i + 1 < n ? starts[i + 1] - 2 : f->len;
        outs[i] = out;
    }
    jobs_run(n, count_lines_job, ps);
    for (int i = 0, line = 1; i < n; i++) {
        int lines = pcs[i].line;
        pcs[i].line = line;
        line += lines;
    }
    for (int i = 0; i + 1 < n; i++) {
        memcpy(pcs[i].saved, f->text + pcs[i].to, 2);
        f->text[pcs[i].to] = f->text[pcs[i].to + 1] = 0;
    }
    jobs_run(n, parse_job, ps);
    for (int i = 0; i + 1 < n; i++) memcpy(f->text + pcs[i].to, pcs[i].saved, 2);
    finish_pieces(u, ps, outs, true);
    xfree(outs);
    xfree(starts);
}

/* A frame for a file; parse_frames reads it. */
static void push_frame(Loader *L, SrcFile *f, const char *module)
{
    if (L->depth == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 16;
        L->stack = xrealloc(L->stack, sizeof(Frame) * (size_t)L->cap);
    }
    Frame *fr = &L->stack[L->depth++];
    memset(fr, 0, sizeof *fr);
    fr->file = f;
    fr->module = module;
    map_put(&L->by_real, str_c(f->real), f);
    map_put(&L->open_files, str_c(f->real), f);
}

/* Parse the files of the frames pushed since `base`: all at once when there
 * are several and enough to read, else one by one (a big one in pieces). */
static void parse_frames(Loader *L, int base)
{
    Unit *u = L->u;
    int n = L->depth - base;
    size_t total = 0;
    for (int i = base; i < L->depth; i++) total += L->stack[i].file->len;
    if (n < 2 || jobs_threads() < 2 || total < split_min() / 16) {
        for (int i = base; i < L->depth; i++) parse_file_pieces(u, L->stack[i].file, &L->stack[i].stmts);
        return;
    }
    Pieces *ps = new_pieces(u, n);
    Piece *pcs = ps->p;
    Vec **outs = xmalloc(sizeof(Vec *) * (size_t)n);
    for (int i = 0; i < n; i++) {
        SrcFile *f = L->stack[base + i].file;
        pcs[i].file = f;
        pcs[i].from = f->start;
        pcs[i].to = pcs[i].next = f->len;
        pcs[i].line = 1;
        outs[i] = &L->stack[base + i].stmts;
    }
    jobs_run(n, parse_job, ps);
    finish_pieces(u, ps, outs, false);
    xfree(outs);
}

/* Parse the files pushed since `base` in order (a pattern's matches, a
 * module's files), then reverse their frames: the stack is worked from the
 * top, and the first file must be read first. */
static void parse_in_order(Loader *L, int base)
{
    parse_frames(L, base);
    for (int a = base, b = L->depth - 1; a < b; a++, b--) {
        Frame t = L->stack[a];
        L->stack[a] = L->stack[b];
        L->stack[b] = t;
    }
}

/* Both look-ups are hashed: a 10,000-file include chain stays linear. */
static bool on_stack(Loader *L, SrcFile *f)
{
    return map_get(&L->open_files, str_c(f->real)) != NULL;
}

static SrcFile *find_loaded(Loader *L, const char *real)
{
    return map_get(&L->by_real, str_c(real));
}

/* The canonical path of a file to include (malloc'd, NULL if none).
 * realpath() reads every component of the path with readlink: for a
 * 1,000-file budget that was two thirds of the system time.  A file that is
 * not itself a symbolic link is its folder's canonical path, looked up once
 * per folder, and its name. */
static char *real_of(Loader *L, const char *path)
{
    struct stat st;
    const char *slash = strrchr(path, '/');
    if (lstat(path, &st) != 0 || S_ISLNK(st.st_mode) || (slash && slash[1] == 0)) return realpath(path, NULL);
    size_t dn = slash ? (size_t)(slash - path) : 0;
    if (!L->dir || strlen(L->dir) != dn || memcmp(L->dir, path, dn) != 0) {
        xfree(L->dir);
        free(L->real_dir);
        L->dir = xmalloc(dn + 1);
        memcpy(L->dir, path, dn);
        L->dir[dn] = 0;
        L->real_dir = realpath(slash ? (dn ? L->dir : "/") : ".", NULL);
    }
    if (!L->real_dir) return realpath(path, NULL);
    const char *name = slash ? slash + 1 : path;
    size_t a = strlen(L->real_dir), b = strlen(name);
    char *r = malloc(a + b + 2);
    if (!r) return realpath(path, NULL);
    memcpy(r, L->real_dir, a);
    r[a] = '/';
    memcpy(r + a + (a && L->real_dir[a - 1] == '/' ? 0 : 1), name, b + 1);
    return r;
}

/* A file of an include pattern, read ahead on a worker thread. */
typedef struct Ahead {
    const char *path;
    bool regular; /* to be read ahead */
    char *text;   /* NULL when not read, or not readable */
    size_t len;
} Ahead;

static void read_job(void *ctx, int i, int worker)
{
    (void)worker;
    Ahead *a = (Ahead *)ctx + i;
    if (!a->regular) return;
    char err[512];
    a->text = file_read(a->path, SRC_DIR_MSG, &a->len, err, sizeof err);
}

/* Include one file found on disk (already read when `ahead` has its text). */
static void include_file(Loader *L, const char *path, Stmt *s, Ahead *ahead)
{
    Unit *u = L->u;
    char *real = real_of(L, path);
    if (real) {
        SrcFile *f = find_loaded(L, real);
        if (f) {
            free(real);
            if (on_stack(L, f)) {
                diag_at(&u->diags, s->u.inc.path_loc, "E021",
                        "including '%s' here makes a cycle: it is already being read", f->path);
                diag_help(&u->diags, "remove this include; a file cannot include itself, directly or through others");
            } else {
                diag_at(&u->diags, s->u.inc.path_loc, "E021",
                        "'%s' is already part of this budget; including it twice would count it twice", f->path);
                Loc first = { .off = (uint32_t)f->start, .line = 1, .file = (uint16_t)f->id };
                diag_note(&u->diags, &first, "this file was first included before");
            }
            return;
        }
    }
    char err[512];
    SrcFile *f;
    if (ahead && ahead->text) {
        f = src_add(u, path, real, ahead->text, ahead->len, err, sizeof err);
        ahead->text = NULL;
    } else {
        f = src_load_real(u, path, real, err, sizeof err);
    }
    free(real);
    if (!f) {
        diag_at(&u->diags, s->u.inc.path_loc, "E020", "%s", err);
        return;
    }
    push_frame(L, f, NULL);
}

static void do_include(Loader *L, Frame *fr, Stmt *s)
{
    Unit *u = L->u;
    char *pat = arena_strndup(&u->arena, s->u.inc.path.s, s->u.inc.path.n);
    if (fr->file->builtin) {
        diag_at(&u->diags, s->u.inc.path_loc, "E020", "a stdlib module cannot include files");
        return;
    }
    char *dir = dir_of(fr->file->path);
    char *full = join(dir, pat);
    xfree(dir);
    if (!has_wildcard(pat)) {
        struct stat st;
        if (stat(full, &st) != 0) {
            diag_at(&u->diags, s->u.inc.path_loc, "E020", "cannot find the file '%s' to include", full);
            diag_help(&u->diags, "include paths are relative to the file that includes them");
        } else if (S_ISDIR(st.st_mode)) {
            diag_at(&u->diags, s->u.inc.path_loc, "E020", "'%s' is a folder; include a file or a pattern such as \"%s/*.bdl\"",
                    full, pat);
        } else if (!S_ISREG(st.st_mode)) { /* a FIFO would block forever, /dev/zero never end */
            diag_at(&u->diags, s->u.inc.path_loc, "E020", "'%s' is not a regular file; include a .bdl file", full);
        } else {
            int base = L->depth;
            include_file(L, full, s, NULL);
            parse_frames(L, base);
        }
        xfree(full);
        return;
    }
    glob_t g;
    memset(&g, 0, sizeof g);
    int r = glob(full, GLOB_NOSORT, NULL, &g);
    xfree(full);
    if (r != 0) { globfree(&g); return; } /* a pattern may match nothing */
    qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), cmp_str);
    /* the regular files among the matches are read ahead, on every core
     * when there are several; include_file reads any other again, to say
     * why it cannot */
    int n = 0, nread = 0;
    Ahead *ahead = xmalloc(sizeof(Ahead) * (g.gl_pathc ? g.gl_pathc : 1));
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct stat st;
        bool ok = stat(g.gl_pathv[i], &st) == 0;
        if (ok && !S_ISREG(st.st_mode)) continue; /* folders, FIFOs, devices */
        ahead[n++] = (Ahead){ g.gl_pathv[i], ok, NULL, 0 };
        nread += ok;
    }
    if (nread >= 2 && jobs_threads() >= 2) jobs_run(n, read_job, ahead);
    int base = L->depth;
    for (int i = 0; i < n; i++) include_file(L, ahead[i].path, s, &ahead[i]);
    for (int i = 0; i < n; i++) xfree(ahead[i].text); /* not taken: included twice (E021) */
    xfree(ahead);
    parse_in_order(L, base);
    globfree(&g);
}

/* A Loc holds a 16-bit file index: past LOC_MAX_FILES files, a module file
 * is E020 like an included one (src_load refuses those itself). */
static bool room_for_file(Loader *L, Stmt *s)
{
    if (L->u->files.n < LOC_MAX_FILES) return true;
    diag_at(&L->u->diags, s->u.inc.path_loc, "E020", "cannot read more files: a budget can be made of at most %d files",
            LOC_MAX_FILES);
    return false;
}

/* Module files under DIR/name/ *.bdl, sorted.  Returns how many. */
static int module_from_dir(Loader *L, Stmt *s, const char *dir, const char *name, const char *module)
{
    size_t n = strlen(dir) + strlen(name) + 16;
    char *pat = xmalloc(n);
    snprintf(pat, n, "%s%s%s/*.bdl", dir, dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", name);
    glob_t g;
    memset(&g, 0, sizeof g);
    int found = 0;
    if (glob(pat, GLOB_NOSORT, NULL, &g) == 0) {
        qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), cmp_str);
        int base = L->depth;
        for (size_t i = 0; i < g.gl_pathc && room_for_file(L, s); i++) {
            char err[512];
            SrcFile *f = src_load(L->u, g.gl_pathv[i], err, sizeof err);
            if (!f) continue;
            push_frame(L, f, module);
            found++;
        }
        parse_in_order(L, base);
    }
    globfree(&g);
    xfree(pat);
    return found;
}

static int module_builtin(Loader *L, Stmt *s, const char *name, const char *module)
{
    size_t nl = strlen(name);
    int base = L->depth, found = 0;
    for (int i = 0; i < bdl_builtin_stdlib_count; i++) {
        const BuiltinFile *b = &bdl_builtin_stdlib[i];
        if (strncmp(b->path, name, nl) != 0 || b->path[nl] != '/' || strchr(b->path + nl + 1, '/')) continue;
        if (!room_for_file(L, s)) break;
        char shown[512];
        snprintf(shown, sizeof shown, "<stdlib>/%s", b->path);
        SrcFile *f = src_from_memory(L->u, shown, b->text, b->len, true);
        push_frame(L, f, module);
        found++;
    }
    parse_frames(L, base);
    for (int a = base, b = L->depth - 1; a < b; a++, b--) {
        Frame t = L->stack[a];
        L->stack[a] = L->stack[b];
        L->stack[b] = t;
    }
    return found;
}

/* The names of the modules compiled into bdlc, quoted: "cn/2026". */
static void builtin_modules(char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = 0;
    for (int i = 0; i < bdl_builtin_stdlib_count; i++) {
        const char *path = bdl_builtin_stdlib[i].path, *slash = strrchr(path, '/');
        int n = slash ? (int)(slash - path) : (int)strlen(path);
        bool seen = false;
        for (int j = 0; j < i && !seen; j++) {
            const char *q = bdl_builtin_stdlib[j].path;
            seen = strncmp(q, path, (size_t)n) == 0 && q[n] == '/' && !strchr(q + n + 1, '/');
        }
        if (seen || o + (size_t)n + 5 >= cap) continue;
        o += (size_t)snprintf(buf + o, cap - o, "%s\"%.*s\"", o ? ", " : "", n, path);
    }
}

static void do_import(Loader *L, Stmt *s)
{
    Unit *u = L->u;
    char *name = arena_strndup(&u->arena, s->u.inc.path.s, s->u.inc.path.n);
    for (int i = 0; i < L->depth; i++)
        if (L->stack[i].module && strcmp(L->stack[i].module, name) == 0) {
            diag_at(&u->diags, s->u.inc.path_loc, "E021", "module \"%s\" imports itself (an import cycle)", name);
            return;
        }
    for (int i = 0; i < L->nmodules; i++)
        if (strcmp(L->modules[i], name) == 0) return; /* already loaded */
    if (name[0] == 0 || name[0] == '/' || strstr(name, "..")) {
        diag_at(&u->diags, s->u.inc.path_loc, "E020", "\"%s\" is not a module name; write it like \"cn/2026\"", name);
        u->missing_modules++;
        return;
    }
    L->modules = xrealloc(L->modules, sizeof(char *) * (size_t)(L->nmodules + 1));
    L->modules[L->nmodules++] = name;
    const LoadOptions *o = u->opts;
    for (int i = 0; o && i < o->ninclude_dirs; i++)
        if (module_from_dir(L, s, o->include_dirs[i], name, name)) return;
    const char *env = getenv("BDL_PATH");
    if (env && *env) {
        char *copy = xstrdup(env), *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
            if (module_from_dir(L, s, d, name, name)) { xfree(copy); return; }
        xfree(copy);
    }
    if (module_builtin(L, s, name, name)) return;
    /* Everything the module would have declared is missing, so every code,
     * source and indicator of the budget would be reported (49 errors for
     * import "cn/2025"): report the import alone (check.c skips those). */
    u->missing_modules++;
    char have[256];
    builtin_modules(have, sizeof have);
    diag_at(&u->diags, s->u.inc.path_loc, "E020", "cannot find the module \"%s\"", name);
    diag_note(&u->diags, NULL, "while it is missing, the codes and funding sources of a kind that no other "
                               "file declares are not checked");
    diag_help(&u->diags, "the modules built into bdlc are %s; others are looked up in -I folders, then in $BDL_PATH", have);
}

static void load_from(Unit *u, SrcFile *f);

bool load_unit(Unit *u, const char *root, char *errbuf, size_t errlen)
{
    SrcFile *f = src_load(u, root, errbuf, errlen);
    if (!f) return false;
    load_from(u, f);
    return true;
}

/* The same from a buffer (the fuzzers and tests): `name` is the root's
 * shown path; its includes resolve relative to the current folder. */
bool load_unit_memory(Unit *u, const char *name, const char *text, size_t len)
{
    load_from(u, src_from_memory(u, name, text, len, false));
    return true;
}

static void load_from(Unit *u, SrcFile *f)
{
    Loader L;
    memset(&L, 0, sizeof L);
    L.u = u;
    push_frame(&L, f, NULL);
    parse_frames(&L, 0);
    while (L.depth > 0) {
        Frame *fr = &L.stack[L.depth - 1];
        if (fr->next == fr->stmts.n) {
            map_put(&L.open_files, str_c(fr->file->real), NULL);
            L.depth--;
            continue;
        }
        Stmt *s = fr->stmts.v[fr->next++];
        vec_apush(&u->arena, &u->stmts, s);
        if (s->broken) continue;
        if (s->kind == ST_INCLUDE) do_include(&L, fr, s);
        else if (s->kind == ST_IMPORT) do_import(&L, s);
        /* fr may be stale now: the stack can have moved */
    }
    xfree(L.stack);
    xfree(L.modules);
    xfree(L.dir);
    free(L.real_dir);
    map_free(&L.by_real);
    map_free(&L.open_files);
}

bool load_is_root(const char *path)
{
    Unit *u = unit_new(NULL);
    char err[512];
    bool root = false;
    SrcFile *f = src_load(u, path, err, sizeof err);
    if (f) {
        Vec stmts = { 0 };
        u->diags.quiet = true;
        /* a root's budget block is near its top: parse the first 4 KB or so
         * (to a place where a statement starts, as for the pieces) first,
         * and the whole file only when the block is not there */
        size_t cut = f->len - f->start > (8 << 10) ? cut_at(f, f->start + (4 << 10)) : 0;
        if (cut) {
            char saved[2];
            memcpy(saved, f->text + cut - 2, 2);
            f->text[cut - 2] = f->text[cut - 1] = 0;
            parse_range(f, f->start, cut - 2, 1, &u->arena, &u->diags, &stmts);
            memcpy(f->text + cut - 2, saved, 2);
            for (int i = 0; i < stmts.n; i++)
                if (((Stmt *)stmts.v[i])->kind == ST_BUDGET) root = true;
            stmts = (Vec){ 0 }; /* in the arena */
        }
        if (!root) parse_file(u, f, &stmts);
        for (int i = 0; i < stmts.n; i++)
            if (((Stmt *)stmts.v[i])->kind == ST_BUDGET) root = true;
    }
    unit_free(u);
    return root;
}
