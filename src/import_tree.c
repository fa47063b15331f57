/*
 * import_tree.c — `bdlc import -o DIR FILE`: the imported budget as a tree
 * of files, ready for git: the root budget.bdl (the import, the budget
 * block, what could not be placed, and an `include` per fragment), one
 * fragment per table group (income.bdl, expenditure.bdl, economic.bdl,
 * three-public.bdl, procurement.bdl, performance.bdl, style.bdl) and one
 * per project (projects/CODE.bdl).
 *
 * The tree is cut from the one-file output, which import_write.c and
 * import_layout.c write: a statement starts at the left margin with its
 * keyword and ends with the `}` at the left margin (or on its own line),
 * and the comment lines right above it go with it.  So there is one writer,
 * and the tree holds the same text.
 *
 * All or nothing: the files are written into a new folder beside DIR and
 * renamed to DIR at the end; an existing DIR must be empty (it is replaced
 * by the new one), anything else is refused before a byte is written.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"

enum { TREE_MAX = 512 };

typedef struct Frag {
    char name[256]; /* path inside the tree */
    Buf text;
} Frag;

typedef struct Tree {
    Frag f[TREE_MAX];
    int n;
    Buf root;
} Tree;

static const struct {
    const char *kw, *file;
} GROUPS[] = {
    { "income", "income.bdl" },          { "carryover", "income.bdl" },
    { "expenditure", "expenditure.bdl" }, { "economic", "economic.bdl" },
    { "three-public", "three-public.bdl" }, { "operating-costs", "three-public.bdl" },
    { "procurement", "procurement.bdl" }, { "procurement-summary", "procurement.bdl" },
    { "performance", "performance.bdl" }, { "table", "style.bdl" },
};

static bool starts_kw(const char *s, size_t n, const char *kw)
{
    size_t k = strlen(kw);
    return n > k && !memcmp(s, kw, k) && (s[k] == ' ' || s[k] == '{');
}

/* The file a statement line goes to, or NULL (it stays in the root). */
static const char *file_of(const char *s, size_t n, char *buf, size_t cap)
{
    if (starts_kw(s, n, "project")) {
        size_t i = 8, j;
        while (i < n && s[i] == ' ') i++;
        for (j = i; j < n && s[j] != ' ' && s[j] != '{'; j++)
            if (!(s[j] >= '0' && s[j] <= '9') && !((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') && s[j] != '-')
                break;
        if (j == i || (j < n && s[j] != ' ' && s[j] != '{')) return "projects.bdl";
        snprintf(buf, cap, "projects/%.*s.bdl", (int)(j - i), s + i);
        return buf;
    }
    for (size_t g = 0; g < sizeof GROUPS / sizeof *GROUPS; g++)
        if (starts_kw(s, n, GROUPS[g].kw)) return GROUPS[g].file;
    return NULL;
}

static Frag *frag(Tree *t, const char *name)
{
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->f[i].name, name)) return &t->f[i];
    if (t->n == TREE_MAX) return NULL;
    Frag *f = &t->f[t->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    buf_adds(&f->text, "# Fragment of budget.bdl (included by it), written by `bdlc import`.\n\n");
    return f;
}

/* Cut the one-file output into the root and its fragments. */
static bool cut(const Buf *one, Tree *t)
{
    const char *s = one->s ? one->s : "", *end = s + one->n;
    const char *pend = s; /* comments waiting for the next statement start here */
    bool budget_done = false;
    Buf includes = { 0 };
    while (s < end) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        const char *next = e ? e + 1 : end;
        size_t n = (size_t)((e ? e : end) - s);
        char nb[240];
        const char *file = n && s[0] != ' ' && s[0] != '#' ? file_of(s, n, nb, sizeof nb) : NULL;
        if (!file) {
            bool comment = n && s[0] == '#';
            if (!comment) {
                /* not a fragment statement: it and the comments above stay in the root */
                buf_add(&t->root, pend, (size_t)(next - pend));
                pend = next;
                if (starts_kw(s, n, "budget")) {
                    /* the budget block ends at the first `}` at the margin */
                    const char *q = next;
                    while (q < end && !(q[0] == '}')) {
                        const char *qe = memchr(q, '\n', (size_t)(end - q));
                        q = qe ? qe + 1 : end;
                    }
                    const char *qe = q < end ? memchr(q, '\n', (size_t)(end - q)) : NULL;
                    const char *after = qe ? qe + 1 : end;
                    buf_add(&t->root, next, (size_t)(after - next));
                    next = pend = after;
                    budget_done = true;
                }
            }
            s = next;
            continue;
        }
        /* a statement: to its closing `}` at the margin when it opens a block */
        bool block = memchr(s, '{', n) && !memchr(s, '}', n);
        const char *stop = next;
        if (block)
            while (stop < end && stop[0] != '}') {
                const char *qe = memchr(stop, '\n', (size_t)(end - stop));
                stop = qe ? qe + 1 : end;
            }
        if (block && stop < end) {
            const char *qe = memchr(stop, '\n', (size_t)(end - stop));
            stop = qe ? qe + 1 : end;
        }
        Frag *f = frag(t, file);
        if (!f) {
            buf_free(&includes);
            return false;
        }
        if (f->text.n > 80) buf_add(&f->text, "\n", 1);
        buf_add(&f->text, pend, (size_t)(stop - pend));
        char line[300];
        snprintf(line, sizeof line, "include \"%s\"\n", file);
        if (!strstr(includes.s ? includes.s : "", line)) buf_adds(&includes, line);
        s = pend = stop;
    }
    buf_add(&t->root, pend, (size_t)(end - pend));
    if (!budget_done || !includes.n) {
        buf_free(&includes);
        return budget_done;
    }
    buf_adds(&t->root, "\n");
    buf_add(&t->root, includes.s, includes.n);
    buf_free(&includes);
    return true;
}

static bool write_file(const char *dir, const char *name, const Buf *b, char *err, size_t errn)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *slash = strrchr(path, '/');
    if (slash > path + strlen(dir)) {
        *slash = 0;
        if (mkdir(path, 0777) && errno != EEXIST) {
            snprintf(err, errn, "%.4000s: %s", path, strerror(errno));
            return false;
        }
        *slash = '/';
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errn, "%.4000s: %s", path, strerror(errno));
        return false;
    }
    /* cut out of the formatted file, a file keeps blank lines where its neighbours were */
    Buf laid = { 0 };
    if (fmt_buffer(name, b->s ? b->s : "", b->n, &laid)) b = &laid;
    bool ok = (!b->n || fwrite(b->s, 1, b->n, f) == b->n);
    ok = (fclose(f) == 0) && ok;
    buf_free(&laid);
    if (!ok) snprintf(err, errn, "%.4000s: %s", path, strerror(errno ? errno : EIO));
    return ok;
}

static void remove_tree(const char *dir, Tree *t)
{
    char path[8192];
    for (int i = 0; i < t->n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, t->f[i].name);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/budget.bdl", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/projects", dir);
    rmdir(path);
    rmdir(dir);
}

/* 0: DIR does not exist or is an empty folder; else the reason it is refused. */
static const char *refused(const char *dir)
{
    struct stat st;
    if (stat(dir, &st)) return errno == ENOENT ? NULL : strerror(errno);
    if (!S_ISDIR(st.st_mode)) return N_("it exists and is not a folder");
    DIR *d = opendir(dir);
    if (!d) return strerror(errno);
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)))
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty ? NULL : N_("it is not empty (bdlc import writes a new budget tree, it does not overwrite one)");
}

int import_tree_check(const char *dir, FILE *msg)
{
    const char *why = refused(dir);
    if (!why) return 0;
    fprintf(msg, _("bdlc: import: cannot write the budget tree into %s: %s\n"), dir, _(why));
    return 2;
}

int import_write_tree(const char *dir, const Buf *one, FILE *msg)
{
    if (import_tree_check(dir, msg)) return 2;
    Tree *t = xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    int rc = 0;
    char err[4200] = "";
    char tmp[4096];
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--; /* DIR/ : the folder beside it, not inside */
    snprintf(tmp, sizeof tmp, "%.*s.import-XXXXXX", (int)dl, dir);
    if (!cut(one, t)) {
        fprintf(msg, _("bdlc: import: cannot write the budget tree into %s: %s\n"), dir,
                _("the imported budget could not be cut into files"));
        rc = 2;
    } else if (!mkdtemp(tmp)) {
        fprintf(msg, _("bdlc: import: cannot write the budget tree into %s: %s\n"), dir, strerror(errno));
        rc = 2;
    } else {
        bool ok = write_file(tmp, "budget.bdl", &t->root, err, sizeof err);
        for (int i = 0; ok && i < t->n; i++) ok = write_file(tmp, t->f[i].name, &t->f[i].text, err, sizeof err);
        if (ok) {
            /* mkdtemp made it 0700: the umask decides, as for mkdir */
            mode_t um = umask(0);
            umask(um);
            chmod(tmp, 0777 & ~um);
            rmdir(dir); /* an empty DIR is replaced */
            if (rename(tmp, dir)) {
                snprintf(err, sizeof err, "%.4000s: %s", dir, strerror(errno));
                ok = false;
            }
        }
        if (!ok) {
            fprintf(msg, _("bdlc: import: cannot write the budget tree into %s: %s\n"), dir, err);
            remove_tree(tmp, t);
            rc = 2;
        }
    }
    for (int i = 0; i < t->n; i++) buf_free(&t->f[i].text);
    buf_free(&t->root);
    xfree(t);
    return rc;
}
