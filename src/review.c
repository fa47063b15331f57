/*
 * review.c — `bdlc review [-o DIR] FILE...`: many published budgets
 * imported in memory, checked, and reported together.
 *
 * A published PDF is untrusted input to a large library (poppler), so each
 * document is read in a child process with limits: address space
 * (RLIMIT_AS), CPU time (RLIMIT_CPU) and a wall-clock deadline after which
 * the parent kills it.  A crash, a hang or a decompression bomb costs that
 * one document, which gets its own line.  Children run on every core.
 *
 * The child imports (import_file), checks the BDL in memory (load_unit_memory,
 * check_unit) and writes its findings to a pipe, one record a line:
 *   R <status> <import warnings>           the import's result
 *   M <text>                               a message of the import
 *   D <E|W> <code> <line> <page> <table> <message> <row>
 *                                          a diagnostic of the check, with the line
 *                                          of the imported BDL it names, and the
 *                                          page (0 unknown) and table of the
 *                                          document that line comes from
 * Anything else on the pipe is the child's own stderr (e.g. out of memory).
 * The parent writes a summary line per document and, with -o, review.html,
 * review.json and review.sarif in DIR.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "import.h"

static const char usage_review[] =
    N_("usage: bdlc review [-o DIR] FILE...\n"
    "\n"
    "Imports every published budget (PDF, tab-separated or pdftotext -layout\n"
    "text) in memory, checks it, and prints one line per document: read or\n"
    "not read and why, errors, warnings.  With -o DIR, also writes\n"
    "DIR/review.html (one section per document, problems by severity),\n"
    "DIR/review.json and DIR/review.sarif.\n"
    "\n"
    "Each document is read in a process of its own with limits, so a PDF\n"
    "that crashes or hangs the PDF library costs that document only:\n"
    "BDL_REVIEW_SECONDS (default 60) and BDL_REVIEW_MEGABYTES (default 2048).\n"
    "Documents are read in parallel (BDL_THREADS, default one per processor).\n"
    "\n"
    "exit status: 0 every document read and free of errors, 1 a document\n"
    "has errors or could not be read, 2 usage or I/O error\n");

/* ------------------------------------------------------------ results */

typedef struct Problem {
    bool error;
    char code[8];
    int line, page;
    char *msg, *row, *table; /* table: "" when unknown */
} Problem;

typedef struct Doc {
    const char *path;
    pid_t pid;
    int fd;
    struct timespec start;
    Buf raw;        /* what the child wrote */
    bool timed_out;
    int wstatus;
    /* parsed */
    bool read;      /* an R record with status 0 */
    int import_warnings;
    char *why;      /* not read: the reason */
    Vec messages;   /* char*: the import's messages */
    Vec problems;   /* Problem* */
    int errors, warnings;
} Doc;

static long limit_env(const char *name, long dflt)
{
    const char *v = getenv(name);
    long n = v && *v ? strtol(v, NULL, 10) : 0;
    return n > 0 ? n : dflt;
}

/* ------------------------------------------------------------- child */

/* Tabs and newlines would break the record: spaces instead. */
static void put_field(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], f);
}

static void put_row(FILE *f, const Buf *bdl, int line)
{
    const char *s = bdl->s, *end = bdl->s + bdl->n;
    for (int l = 1; s < end && l < line; s++)
        if (*s == '\n') l++;
    const char *e = s;
    while (e < end && *e != '\n') e++;
    while (s < e && (*s == ' ')) s++;
    put_field(f, s, (size_t)(e - s));
}

/* Where line `line` of the imported BDL comes from: the import's map (the
 * last entry at or above it), else the table comment above it (the tables
 * import_write.c writes: "# TITLE (line N) …"). */
static void origin(const Buf *bdl, const Buf *where, int line, int *page, char *table, size_t cap)
{
    *page = 0;
    table[0] = 0;
    for (const char *s = where->s, *end = where->s + where->n; s && s < end;) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e) e = end;
        char *q;
        long out = strtol(s, &q, 10);
        if (out > line) break;
        long pg = strtol(q, &q, 10);
        strtol(q, &q, 10);
        if (*q == '\t') q++;
        *page = (int)pg;
        snprintf(table, cap, "%.*s", (int)(e - q), q);
        s = e + 1;
    }
    if (table[0] || !bdl->s) return;
    /* the comment above: the nearest "# …(line" before the line */
    const char *s = bdl->s, *end = bdl->s + bdl->n, *best = NULL;
    for (int l = 1; s < end && l <= line; l++) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e) e = end;
        if (e - s > 2 && s[0] == '#' && s[1] == ' ' && s[2] != ' ') {
            const char *p = s;
            while (p + 6 < e && memcmp(p, " (line ", 7)) p++;
            if (p + 6 < e) best = s;
        }
        s = e + 1;
    }
    if (!best) return;
    const char *p = best + 2;
    while (p + 6 < end && *p != '\n' && memcmp(p, " (line ", 7)) p++;
    snprintf(table, cap, "%.*s", (int)(p - best - 2), best + 2);
}

static void check_in_memory(FILE *f, const char *path, const Buf *bdl, const Buf *where)
{
    LoadOptions lo = { 0 };
    Unit *u = unit_new(&lo);
    if (!load_unit_memory(u, path, bdl->s ? bdl->s : "", bdl->n)) {
        fprintf(f, "M\tthe imported budget could not be loaded\n");
        unit_free(u);
        return;
    }
    CheckResult res;
    check_unit(u, &(CheckOptions){ .result = &res });
    diag_sort(&u->diags);
    for (int i = 0; i < u->diags.n; i++) {
        const Diag *d = &u->diags.d[i];
        if (d->dup || d->sev == SEV_NOTE) continue;
        int page;
        char table[400];
        origin(bdl, where, d->loc.line, &page, table, sizeof table);
        fprintf(f, "D\t%c\t%s\t%d\t%d\t", d->sev == SEV_ERROR ? 'E' : 'W', d->code, d->loc.line, page);
        put_field(f, table, strlen(table));
        fputc('\t', f);
        put_field(f, d->msg, strlen(d->msg));
        fputc('\t', f);
        put_row(f, bdl, d->loc.line);
        fputc('\n', f);
    }
    unit_free(u);
}

/* The hard limit a little above the soft one: at the soft CPU limit the
 * child gets SIGXCPU (which the parent names), not a bare SIGKILL. */
static void limit(int resource, rlim_t v)
{
    struct rlimit r = { v, resource == RLIMIT_CPU ? v + 2 : v };
    setrlimit(resource, &r);
}

static _Noreturn void child(const char *path, int fd)
{
    dup2(fd, 2); /* the child's own complaints (out of memory …) go to the parent too */
#if !defined(__SANITIZE_ADDRESS__) /* ASan maps terabytes of shadow: no address-space limit under it */
    limit(RLIMIT_AS, (rlim_t)limit_env("BDL_REVIEW_MEGABYTES", 2048) << 20);
#endif
    limit(RLIMIT_CPU, (rlim_t)limit_env("BDL_REVIEW_SECONDS", 60));
    limit(RLIMIT_CORE, 0);
    FILE *f = fdopen(fd, "w");
    if (!f) _exit(3);
    char *mtext = NULL;
    size_t mlen = 0;
    FILE *msg = open_memstream(&mtext, &mlen);
    Buf bdl = { 0 }, where = { 0 };
    int nwarn = 0;
    int rc = msg ? import_file_where(path, &bdl, msg, &nwarn, &where) : 2;
    if (msg) fclose(msg);
    for (char *s = mtext, *e; s && *s; s = *e ? e + 1 : e) {
        e = strchr(s, '\n');
        if (!e) e = s + strlen(s);
        fputs("M\t", f);
        put_field(f, s, (size_t)(e - s));
        fputc('\n', f);
    }
    fprintf(f, "R\t%d\t%d\n", rc, nwarn);
    fflush(f);
    if (rc == 0) check_in_memory(f, path, &bdl, &where);
    fflush(f);
    _exit(0);
}

/* ------------------------------------------------------------ parent */

static double elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool start(Doc *d)
{
    int p[2];
    if (pipe(p) != 0) return false;
    fflush(NULL);
    d->pid = fork();
    if (d->pid < 0) {
        close(p[0]);
        close(p[1]);
        return false;
    }
    if (d->pid == 0) {
        close(p[0]);
        child(d->path, p[1]);
    }
    close(p[1]);
    d->fd = p[0];
    clock_gettime(CLOCK_MONOTONIC, &d->start);
    return true;
}

static void finish(Doc *d)
{
    close(d->fd);
    d->fd = -1;
    while (waitpid(d->pid, &d->wstatus, 0) < 0 && errno == EINTR) {}
}

/* Read what is there; EOF finishes the document. */
static void drain(Doc *d)
{
    char chunk[8192];
    ssize_t n = read(d->fd, chunk, sizeof chunk);
    if (n > 0) buf_add(&d->raw, chunk, (size_t)n);
    else if (n == 0 || errno != EINTR) finish(d);
}

static void kill_late(Doc *docs, int *active, int nactive, double wall)
{
    for (int i = 0; i < nactive; i++) {
        Doc *d = &docs[active[i]];
        if (d->fd >= 0 && !d->timed_out && elapsed(&d->start) > wall) {
            kill(d->pid, SIGKILL);
            d->timed_out = true;
        }
    }
}

/* Run every document, at most `par` at a time. */
static void run_all(Doc *docs, int n, int par, double wall)
{
    int *active = xmalloc(sizeof(int) * (size_t)(par + 1));
    struct pollfd *pf = xmalloc(sizeof(struct pollfd) * (size_t)(par + 1));
    int next = 0, nactive = 0;
    while (next < n || nactive) {
        while (nactive < par && next < n) {
            if (start(&docs[next])) active[nactive++] = next;
            else docs[next].why = (char *)_("could not start a process to read it");
            next++;
        }
        for (int i = 0; i < nactive; i++) pf[i] = (struct pollfd){ docs[active[i]].fd, POLLIN, 0 };
        if (nactive && poll(pf, (nfds_t)nactive, 200) > 0)
            for (int i = 0; i < nactive; i++)
                if (pf[i].revents) drain(&docs[active[i]]);
        kill_late(docs, active, nactive, wall);
        int k = 0;
        for (int i = 0; i < nactive; i++)
            if (docs[active[i]].fd >= 0) active[k++] = active[i];
        nactive = k;
    }
    xfree(active);
    xfree(pf);
}

/* ----------------------------------------------------------- parsing */

static char *field(char **s)
{
    char *f = *s, *t = strchr(f, '\t');
    if (t) {
        *t = 0;
        *s = t + 1;
    } else {
        *s = f + strlen(f);
    }
    return f;
}

/* The import's error, without its "FILE: error: " or "FILE: page N: error: ". */
static char *import_error(const Doc *d)
{
    const char *tag = _(": error: ");
    for (int i = 0; i < d->messages.n; i++) {
        char *m = d->messages.v[i], *e = strstr(m, tag);
        if (e) return e + strlen(tag);
    }
    return d->messages.n ? d->messages.v[0] : (char *)_("not readable as a budget");
}

static void parse_record(Doc *d, char *line, Arena *a)
{
    char *s = line + 2;
    if (line[0] == 'R' && line[1] == '\t') {
        int rc = atoi(field(&s));
        d->import_warnings = atoi(field(&s));
        d->read = rc == 0;
        if (rc && !d->why) d->why = import_error(d);
    } else if (line[0] == 'M' && line[1] == '\t') {
        vec_apush(a, &d->messages, arena_strndup(a, s, strlen(s)));
    } else if (line[0] == 'D' && line[1] == '\t') {
        Problem *p = arena_alloc(a, sizeof *p);
        p->error = *field(&s) == 'E';
        snprintf(p->code, sizeof p->code, "%s", field(&s));
        p->line = atoi(field(&s));
        p->page = atoi(field(&s));
        char *t = field(&s);
        p->table = arena_strndup(a, t, strlen(t));
        char *m = field(&s);
        p->msg = arena_strndup(a, m, strlen(m));
        p->row = arena_strndup(a, s, strlen(s));
        vec_apush(a, &d->problems, p);
        if (p->error) d->errors++;
        else d->warnings++;
    } else if (*line) {
        vec_apush(a, &d->messages, arena_strndup(a, line, strlen(line)));
    }
}

/* Why a child that wrote no result stopped. */
static char *stopped_why(const Doc *d, Arena *a)
{
    long secs = limit_env("BDL_REVIEW_SECONDS", 60), mb = limit_env("BDL_REVIEW_MEGABYTES", 2048);
    if (d->timed_out) return buf_format(a, _("stopped: reading took longer than %ld seconds"), secs * 2);
    for (int i = 0; i < d->messages.n; i++)
        if (strstr(d->messages.v[i], "out of memory") || strstr(d->messages.v[i], "alloc"))
            return buf_format(a, _("stopped: reading needed more than %ld MB of memory"), mb);
    if (WIFSIGNALED(d->wstatus)) {
        int sig = WTERMSIG(d->wstatus);
        if (sig == SIGXCPU || sig == SIGKILL) return buf_format(a, _("stopped: reading used more than %ld seconds of CPU"), secs);
        return buf_format(a, _("the reader crashed (signal %d, %s): the PDF is damaged or hostile"), sig, strsignal(sig));
    }
    return buf_format(a, _("the reader stopped without a result (exit status %d)"), WEXITSTATUS(d->wstatus));
}

static void parse_doc(Doc *d, Arena *a)
{
    buf_add(&d->raw, "", 0);
    bool result = false;
    for (char *s = d->raw.s, *e; s && *s; s = e + 1) {
        e = strchr(s, '\n');
        if (!e) break; /* a record cut short: the child was stopped */
        *e = 0;
        result |= s[0] == 'R' && s[1] == '\t';
        parse_record(d, s, a);
    }
    if (!result) d->why = stopped_why(d, a);
}

/* ----------------------------------------------------------- reports */

static int cmp_problem(const void *pa, const void *pb)
{
    const Problem *a = *(Problem *const *)pa, *b = *(Problem *const *)pb;
    if (a->error != b->error) return a->error ? -1 : 1;
    return a->line != b->line ? (a->line < b->line ? -1 : 1) : strcmp(a->code, b->code);
}

static void summary(FILE *f, const Doc *d)
{
    if (!d->read)
        fprintf(f, _("%s: not read: %s\n"), d->path, d->why ? d->why : "?");
    else
        fprintf(f, _("%s: read; %d errors, %d warnings (%d import warnings)\n"), d->path, d->errors, d->warnings,
                d->import_warnings);
}

/* Where a problem is in the document: "page 12, 表3 …" (what is known). */
static void where_text(Buf *b, const Problem *p)
{
    if (p->page) buf_addf(b, _("page %d"), p->page);
    if (p->page && p->table[0]) buf_adds(b, ", ");
    buf_adds(b, p->table);
}

static void text_problem(FILE *f, const Problem *p)
{
    Buf w = { 0 };
    where_text(&w, p);
    fprintf(f, "    %s%s%s[%s] %s\n", w.n ? w.s : "", w.n ? ": " : "", p->error ? _("error") : _("warning"), p->code,
            p->msg);
    buf_free(&w);
}

static void html_text(Buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<') buf_adds(b, "&lt;");
        else if (*s == '>') buf_adds(b, "&gt;");
        else if (*s == '&') buf_adds(b, "&amp;");
        else if (*s == '"') buf_adds(b, "&quot;");
        else buf_add(b, s, 1);
    }
}

/* the one JSON string writer (buf.c): a path's invalid UTF-8 stays valid JSON */
static void json_text(Buf *b, const char *s) { buf_json_str(b, str_c(s)); }

static void html_doc(Buf *b, const Doc *d)
{
    buf_adds(b, "<section>\n<h2>");
    html_text(b, d->path);
    buf_adds(b, "</h2>\n<p>");
    if (!d->read) {
        buf_adds(b, "not read: ");
        html_text(b, d->why ? d->why : "?");
    } else {
        buf_addf(b, "%d errors, %d warnings", d->errors, d->warnings);
    }
    buf_adds(b, "</p>\n");
    if (d->problems.n) {
        buf_adds(b, "<table>\n<tr><th>severity</th><th>code</th><th>page</th><th>table</th><th>line</th>"
                    "<th>problem</th><th>row</th></tr>\n");
        for (int i = 0; i < d->problems.n; i++) {
            const Problem *p = d->problems.v[i];
            buf_addf(b, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>", p->error ? "error" : "warning",
                     p->error ? "error" : "warning", p->code);
            if (p->page) buf_addf(b, "%d", p->page);
            buf_adds(b, "</td><td>");
            html_text(b, p->table);
            buf_addf(b, "</td><td>%d</td><td>", p->line);
            html_text(b, p->msg);
            buf_adds(b, "</td><td><code>");
            html_text(b, p->row);
            buf_adds(b, "</code></td></tr>\n");
        }
        buf_adds(b, "</table>\n");
    }
    buf_adds(b, "</section>\n");
}

static void html_report(Buf *b, const Doc *docs, int n)
{
    buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>bdlc review</title>\n"
                "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;"
                "padding:2px 6px;text-align:left}.error td:first-child{color:#b00}</style>\n</head>\n<body>\n"
                "<h1>bdlc review</h1>\n");
    for (int i = 0; i < n; i++) html_doc(b, &docs[i]);
    buf_adds(b, "</body>\n</html>\n");
}

static void json_doc(Buf *b, const Doc *d)
{
    buf_adds(b, "    {\"document\": ");
    json_text(b, d->path);
    buf_addf(b, ", \"read\": %s", d->read ? "true" : "false");
    if (!d->read) {
        buf_adds(b, ", \"why\": ");
        json_text(b, d->why ? d->why : "");
    }
    buf_addf(b, ", \"errors\": %d, \"warnings\": %d, \"import_warnings\": %d, \"problems\": [", d->errors, d->warnings,
             d->import_warnings);
    for (int i = 0; i < d->problems.n; i++) {
        const Problem *p = d->problems.v[i];
        buf_addf(b, "%s\n      {\"severity\": \"%s\", \"code\": \"%s\", \"line\": %d, ", i ? "," : "",
                 p->error ? "error" : "warning", p->code, p->line);
        if (p->page) buf_addf(b, "\"page\": %d, ", p->page);
        if (p->table[0]) {
            buf_adds(b, "\"table\": ");
            json_text(b, p->table);
            buf_adds(b, ", ");
        }
        buf_adds(b, "\"message\": ");
        json_text(b, p->msg);
        buf_adds(b, ", \"row\": ");
        json_text(b, p->row);
        buf_adds(b, "}");
    }
    buf_adds(b, d->problems.n ? "\n    ]}" : "]}");
}

static void json_report(Buf *b, const Doc *docs, int n)
{
    buf_adds(b, "{\n  \"documents\": [\n");
    for (int i = 0; i < n; i++) {
        json_doc(b, &docs[i]);
        buf_adds(b, i + 1 < n ? ",\n" : "\n");
    }
    buf_adds(b, "  ]\n}\n");
}

static void sarif_result(Buf *b, const Doc *d, const char *rule, const char *level, const char *msg, int line,
                         const Problem *p, bool *first)
{
    buf_adds(b, *first ? "\n        " : ",\n        ");
    *first = false;
    buf_addf(b, "{\"ruleId\": \"%s\", \"level\": \"%s\", \"message\": {\"text\": ", rule, level);
    if (p && (p->page || p->table[0])) {
        Buf w = { 0 };
        buf_adds(&w, msg);
        buf_adds(&w, " (");
        where_text(&w, p);
        buf_adds(&w, ")");
        json_text(b, w.s);
        buf_free(&w);
    } else {
        json_text(b, msg);
    }
    buf_adds(b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    json_text(b, d->path);
    buf_adds(b, "}}");
    if (p && p->table[0]) {
        /* the table as a logical location: SARIF's place for "where in a document" without a text region */
        buf_adds(b, ", \"logicalLocations\": [{\"name\": ");
        json_text(b, p->table);
        buf_adds(b, ", \"kind\": \"table\"}]");
    }
    buf_adds(b, "}]");
    if (line) {
        buf_addf(b, ", \"properties\": {\"importedLine\": %d", line);
        if (p && p->page) buf_addf(b, ", \"page\": %d", p->page);
        buf_adds(b, "}");
    }
    buf_adds(b, "}");
}

static void sarif_report(Buf *b, const Doc *docs, int n)
{
    buf_adds(b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
                "  \"runs\": [\n    {\n      \"tool\": {\"driver\": {\"name\": \"bdlc\", \"version\": \"" BDL_VERSION
                "\"}},\n      \"results\": [");
    bool first = true;
    for (int i = 0; i < n; i++) {
        const Doc *d = &docs[i];
        if (!d->read) sarif_result(b, d, "not-read", "error", d->why ? d->why : "", 0, NULL, &first);
        for (int k = 0; k < d->problems.n; k++) {
            const Problem *p = d->problems.v[k];
            sarif_result(b, d, p->code, p->error ? "error" : "warning", p->msg, p->line, p, &first);
        }
    }
    buf_adds(b, "\n      ]\n    }\n  ]\n}\n");
}

static bool write_reports(const char *dir, const Doc *docs, int n)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, _("bdlc: error: cannot create the folder '%s': %s\n"), dir, strerror(errno));
        return false;
    }
    static const char *const NAME[3] = { "review.html", "review.json", "review.sarif" };
    for (int k = 0; k < 3; k++) {
        Buf b = { 0 };
        if (k == 0) html_report(&b, docs, n);
        else if (k == 1) json_report(&b, docs, n);
        else sarif_report(&b, docs, n);
        char path[4096], err[4200];
        snprintf(path, sizeof path, "%s/%s", dir, NAME[k]);
        bool ok = file_write(path, "tmp", b.s, b.n, err, sizeof err);
        buf_free(&b);
        if (!ok) {
            fprintf(stderr, "bdlc: error: %s\n", err);
            return false;
        }
    }
    return true;
}

/* ----------------------------------------------------------- command */

static int review_run(const CmdLine *cl)
{
    if (!cl->nfiles) {
        fputs(_("bdlc review: no documents given\n(run 'bdlc review --help' for usage)\n"), stderr);
        return 2;
    }
    Doc *docs = xmalloc(sizeof(Doc) * (size_t)cl->nfiles);
    memset(docs, 0, sizeof(Doc) * (size_t)cl->nfiles);
    for (int i = 0; i < cl->nfiles; i++) docs[i] = (Doc){ .path = cl->files[i], .fd = -1 };
    run_all(docs, cl->nfiles, jobs_threads(), (double)limit_env("BDL_REVIEW_SECONDS", 60) * 2);
    Arena a = { 0 };
    int bad = 0;
    for (int i = 0; i < cl->nfiles; i++) {
        Doc *d = &docs[i];
        if (d->pid) parse_doc(d, &a);
        if (d->problems.n > 1) qsort(d->problems.v, (size_t)d->problems.n, sizeof(void *), cmp_problem);
        summary(stdout, d);
        for (int k = 0; k < d->problems.n; k++) text_problem(stdout, d->problems.v[k]);
        bad += !d->read || d->errors;
    }
    int rc = bad ? 1 : 0;
    const char *dir = cl->val[OPT_OUT];
    if (dir && !write_reports(dir, docs, cl->nfiles)) rc = 2;
    if (fflush(stdout) != 0) rc = 2;
    for (int i = 0; i < cl->nfiles; i++) buf_free(&docs[i].raw);
    xfree(docs);
    arena_free(&a);
    return rc;
}

const Command cmd_review = {
    "review", "review FILE...", N_("import and check many published budgets; one report"), usage_review,
    OPT(OPT_OUT), "bdlc review: ", "bdlc review --help", review_run,
};
