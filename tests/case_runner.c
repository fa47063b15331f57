/*
 * case_runner.c — runs `bdlc check` on every case under tests/cases/ and
 * compares its diagnostics with the expectations written in the case files
 * (see tests/cases/README.md):
 *
 *     201 一般公共服务支出 basic 1,078.68   #~ E110        a code on this line
 *     ...                                   #~ E110@41     and its column
 *
 * The set of (file, line, code[, column]) reported must equal the set
 * annotated, and the exit status must follow (1 with any error, else 0).
 * Each case is one cmocka test, so adding a case needs no C.
 *
 * usage: case_runner BDLC CASES_DIR
 */
#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

typedef struct Expect {
    char file[PATH_MAX];
    int line, col; /* col 0 = any */
    char code[8];
    bool matched;
} Expect;

typedef struct Case {
    char root[PATH_MAX];
    char args[256];
} Case;

static const char *bdlc;
static Case *cases;
static int ncases;

/* ------------------------------------------------------ finding cases */

static void add_case(const char *path)
{
    cases = realloc(cases, sizeof(Case) * (size_t)(ncases + 1));
    Case *c = &cases[ncases++];
    memset(c, 0, sizeof *c);
    snprintf(c->root, sizeof c->root, "%s", path);
    FILE *f = fopen(path, "rb");
    if (f) {
        char line[512];
        if (fgets(line, sizeof line, f) && strncmp(line, "#! args:", 8) == 0) {
            line[strcspn(line, "\r\n")] = 0;
            if (snprintf(c->args, sizeof c->args, "%s", line + 8) >= (int)sizeof c->args)
                fprintf(stderr, "case_runner: %s: #! args: line too long\n", path);
        }
        fclose(f);
    }
}

static int cmp_case(const void *a, const void *b) { return strcmp(((const Case *)a)->root, ((const Case *)b)->root); }

/* Roots are the .bdl files of a folder; a folder named like a root (x/ for
 * x.bdl) holds that root's included files and is not searched for roots. */
static void find_cases(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char names[512][256];
    int n = 0;
    while ((e = readdir(d)) && n < 512) {
        if (e->d_name[0] == '.') continue;
        snprintf(names[n++], 256, "%s", e->d_name);
    }
    closedir(d);
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path) continue;
        struct stat st;
        if (stat(path, &st) != 0) continue;
        size_t len = strlen(names[i]);
        if (S_ISDIR(st.st_mode)) {
            char root[PATH_MAX + 8];
            snprintf(root, sizeof root, "%s.bdl", path);
            if (stat(root, &st) == 0) continue; /* x/ belongs to x.bdl */
            find_cases(path);
        } else if (len > 4 && strcmp(names[i] + len - 4, ".bdl") == 0) {
            add_case(path);
        }
    }
}

/* ------------------------------------------------------- expectations */

static void read_expectations(const char *path, Expect **ex, int *nex)
{
    FILE *f = fopen(path, "rb");
    if (!f) return;
    char *real = realpath(path, NULL);
    char line[65536];
    int lineno = 0;
    /* count lines the way bdlc does: LF ends a line (CRLF too) */
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        bool complete = len && line[len - 1] == '\n';
        lineno++;
        char *p = line;
        while ((p = strstr(p, "#~"))) {
            p += 2;
            for (;;) {
                while (*p == ' ' || *p == '\t') p++;
                if (!((*p == 'E' || *p == 'W') && p[1] >= '0' && p[1] <= '9')) break;
                Expect e;
                memset(&e, 0, sizeof e);
                snprintf(e.file, sizeof e.file, "%s", real ? real : path);
                e.line = lineno;
                memcpy(e.code, p, 4);
                p += 4;
                if (*p == '@') e.col = (int)strtol(p + 1, &p, 10);
                *ex = realloc(*ex, sizeof(Expect) * (size_t)(*nex + 1));
                (*ex)[(*nex)++] = e;
            }
        }
        if (!complete && len == sizeof line - 1) lineno--; /* a very long line continues */
    }
    free(real);
    fclose(f);
}

static void expectations_under(const char *dir, Expect **ex, int *nex)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) expectations_under(path, ex, nex);
        else read_expectations(path, ex, nex);
    }
    closedir(d);
}

/* ------------------------------------------------------------ running */

/* Pull "key": value out of one JSON object line written by bdlc. */
static bool json_field(const char *obj, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    const char *p = strstr(obj, pat);
    if (!p) return false;
    p += strlen(pat);
    size_t o = 0;
    if (*p == '"') {
        p++;
        while (*p && *p != '"' && o + 1 < cap) {
            if (*p == '\\' && p[1]) p++;
            out[o++] = *p++;
        }
    } else {
        while (*p && *p != ',' && *p != '}' && o + 1 < cap) out[o++] = *p++;
    }
    out[o] = 0;
    return true;
}

static void run_case(void **state)
{
    Case *c = *state;
    Expect *ex = NULL;
    int nex = 0;
    read_expectations(c->root, &ex, &nex);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", (int)(strlen(c->root) - 4), c->root);
    expectations_under(dir, &ex, &nex);

    char cmd[PATH_MAX * 2];
    snprintf(cmd, sizeof cmd, "'%s' check --max-errors 0 --diagnostics-format json %s '%s'", bdlc, c->args, c->root);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *line = NULL;
    size_t cap = 0;
    int failures = 0, errors = 0, warnings = 0;
    while (getline(&line, &cap, p) > 0) {
        if (!strstr(line, "\"code\": ")) continue;
        char file[PATH_MAX], ln[16], col[16], code[16], msg[1024], sev[16];
        json_field(line, "file", file, sizeof file);
        json_field(line, "line", ln, sizeof ln);
        json_field(line, "column", col, sizeof col);
        json_field(line, "code", code, sizeof code);
        json_field(line, "message", msg, sizeof msg);
        json_field(line, "severity", sev, sizeof sev);
        if (strcmp(sev, "error") == 0) errors++;
        else warnings++;
        char *real = realpath(file, NULL);
        int l = atoi(ln), cl = atoi(col);
        bool ok = false;
        for (int i = 0; i < nex && !ok; i++) {
            Expect *e = &ex[i];
            if (e->matched || e->line != l || strcmp(e->code, code) != 0) continue;
            if (strcmp(e->file, real ? real : file) != 0) continue;
            if (e->col && e->col != cl) continue;
            e->matched = ok = true;
        }
        if (!ok) {
            fprintf(stderr, "  unexpected: %s:%s:%s: %s[%s] %s\n", file, ln, col, sev, code, msg);
            failures++;
        }
        free(real);
    }
    free(line);
    int status = pclose(p);
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    bool want_error = false, werror = strstr(c->args, "--werror") != NULL;
    for (int i = 0; i < nex; i++) {
        if (ex[i].code[0] == 'E' || werror) want_error = true;
        if (!ex[i].matched) {
            if (ex[i].col) fprintf(stderr, "  missing:    %s:%d:%d: %s\n", ex[i].file, ex[i].line, ex[i].col, ex[i].code);
            else fprintf(stderr, "  missing:    %s:%d: %s\n", ex[i].file, ex[i].line, ex[i].code);
            failures++;
        }
    }
    int want_rc = want_error ? 1 : 0;
    if (rc != want_rc) {
        fprintf(stderr, "  exit status %d, expected %d (%d errors, %d warnings)\n", rc, want_rc, errors, warnings);
        failures++;
    }
    free(ex);
    if (failures) fail_msg("%s: %d mismatch%s", c->root, failures, failures == 1 ? "" : "es");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: case_runner BDLC CASES_DIR\n");
        return 2;
    }
    bdlc = argv[1];
    find_cases(argv[2]);
    qsort(cases, (size_t)ncases, sizeof(Case), cmp_case);
    struct CMUnitTest *tests = calloc((size_t)ncases + 1, sizeof *tests);
    for (int i = 0; i < ncases; i++) {
        tests[i].name = cases[i].root;
        tests[i].test_func = run_case;
        tests[i].initial_state = &cases[i];
    }
    int r = _cmocka_run_group_tests("cases", tests, (size_t)ncases, NULL, NULL);
    free(tests);
    free(cases);
    return r;
}
