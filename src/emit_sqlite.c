/*
 * emit_sqlite.c — the plugin build/lib/bdlc/sqlite.so: `bdlc compile -f
 * sqlite -o DB` stores the facts rows (facts.c) in an SQLite database
 * (Debian's libsqlite3-dev).  A plugin, so that bdlc itself never links
 * SQLite (tests/formats checks with ldd).
 *
 * The tables are made from facts_tables (names, columns, types), so the
 * schema has one source; docs/facts.sql is what this makes of it, and
 * tests/facts compares the two.  Each budget is put in one transaction:
 * its old rows (all tables, by its `budget` key) deleted, its new rows
 * inserted, committed; a crash in between leaves the old rows (SQLite's
 * write-ahead log drops the transaction).  Every value is a bound parameter:
 * a name is never part of the SQL text.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdl.h"

typedef struct Db {
    sqlite3 *db;
    sqlite3_stmt *del[FT_COUNT], *ins[FT_COUNT];
} Db;

static void fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

static const char *sql_type(char t) { return t == 'I' ? "INTEGER" : "TEXT"; }

/* The DDL of the schema, as docs/facts.sql has it. */
static void schema(Buf *o)
{
    buf_adds(o, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);\n");
    for (int t = 0; t < FT_COUNT; t++) {
        const FactSpec *s = &facts_tables[t];
        buf_addf(o, "CREATE TABLE IF NOT EXISTS %s (", s->name);
        for (int k = 0; k < s->ncols; k++)
            buf_addf(o, "%s%s %s%s", k ? ", " : "", s->cols[k], sql_type(s->types[k]),
                     t == FT_BUDGETS && k == 0 ? " PRIMARY KEY" : "");
        buf_adds(o, ");\n");
        if (t != FT_BUDGETS) buf_addf(o, "CREATE INDEX IF NOT EXISTS %s_budget ON %s (budget);\n", s->name, s->name);
    }
    buf_adds(o, "CREATE INDEX IF NOT EXISTS cells_department ON cells (department_code, table_id, column_key);\n"
                "CREATE INDEX IF NOT EXISTS cells_row ON cells (table_id, row_code);\n"
                "CREATE INDEX IF NOT EXISTS projects_code ON projects (code);\n"
                "CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics (code);\n");
}

static bool prepare(Db *d, char *err, size_t errlen)
{
    for (int t = 0; t < FT_COUNT; t++) {
        const FactSpec *s = &facts_tables[t];
        Buf q = { 0 };
        buf_addf(&q, "DELETE FROM %s WHERE budget = ?1", s->name);
        int rc = sqlite3_prepare_v2(d->db, q.s, -1, &d->del[t], NULL);
        q.n = 0;
        buf_addf(&q, "INSERT INTO %s VALUES (", s->name);
        for (int k = 0; k < s->ncols; k++) buf_addf(&q, "%s?%d", k ? ", " : "", k + 1);
        buf_adds(&q, ")");
        if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(d->db, q.s, -1, &d->ins[t], NULL);
        buf_free(&q);
        if (rc != SQLITE_OK) {
            fail(d->db, "cannot prepare the statements", err, errlen);
            return false;
        }
    }
    return true;
}

int bdlc_sqlite_close(void *h, char *err, size_t errlen)
{
    Db *d = h;
    if (!d) return 0;
    for (int t = 0; t < FT_COUNT; t++) {
        sqlite3_finalize(d->del[t]);
        sqlite3_finalize(d->ins[t]);
    }
    sqlite3_exec(d->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    int rc = sqlite3_close(d->db) == SQLITE_OK ? 0 : 1;
    if (rc) fail(d->db, "cannot close the database", err, errlen);
    free(d);
    return rc;
}

void *bdlc_sqlite_open(const char *path, char *err, size_t errlen)
{
    Db *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        fail(d->db, path, err, errlen);
        bdlc_sqlite_close(d, err + strlen(err), errlen - strlen(err));
        return NULL;
    }
    sqlite3_busy_timeout(d->db, 10000);
    /* a commit per budget: with a write-ahead log and synchronous=NORMAL a
     * commit needs no fsync (the log is synced at checkpoints), and each
     * transaction is still all or nothing; close goes back to a plain
     * journal, so the database is one file again */
    sqlite3_exec(d->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    Buf ddl = { 0 };
    schema(&ddl);
    char *msg = NULL;
    int rc = sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
    if (rc == SQLITE_OK) rc = sqlite3_exec(d->db, ddl.s, NULL, NULL, &msg);
    buf_free(&ddl);
    /* the schema version: a database of another version is not ours to change */
    sqlite3_stmt *st = NULL;
    const char *have = NULL;
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(d->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) have = (const char *)sqlite3_column_text(st, 0);
    char want[16];
    snprintf(want, sizeof want, "%d", FACTS_SCHEMA_VERSION);
    bool other = have && strcmp(have, want) != 0;
    if (other) snprintf(err, errlen, "%s holds facts of schema version %s; this bdlc writes version %s: give a new file",
                        path, have, want);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK && !other && !have) {
        rc = sqlite3_prepare_v2(d->db, "INSERT INTO meta VALUES ('schema_version', ?1), ('generator', ?2)", -1, &st,
                                NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, want, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, "bdlc " BDL_VERSION, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_OK && !other) {
        snprintf(err, errlen, "%s: %s", path, msg ? msg : sqlite3_errmsg(d->db));
    }
    sqlite3_free(msg);
    if (rc != SQLITE_OK || other) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        char e2[8];
        bdlc_sqlite_close(d, e2, sizeof e2);
        return NULL;
    }
    if (sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK || !prepare(d, err, errlen)) {
        if (!*err) fail(d->db, path, err, errlen);
        char e2[8];
        bdlc_sqlite_close(d, e2, sizeof e2);
        return NULL;
    }
    return d;
}

static int bind_row(sqlite3_stmt *st, const FactSpec *s, char **r)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (int k = 0; k < s->ncols; k++) {
        if (!r[k]) continue; /* NULL */
        if (s->types[k] == 'I') sqlite3_bind_int64(st, k + 1, strtoll(r[k], NULL, 10));
        else sqlite3_bind_text(st, k + 1, r[k], -1, SQLITE_STATIC);
    }
    return sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
}

int bdlc_sqlite_put(void *h, const Facts *f, char *err, size_t errlen)
{
    Db *d = h;
    int rc = sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    for (int t = 0; t < FT_COUNT && rc == SQLITE_OK; t++) {
        sqlite3_stmt *st = d->del[t];
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, f->budget, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    for (int t = 0; t < FT_COUNT && rc == SQLITE_OK; t++)
        for (int i = 0; i < f->rows[t].n && rc == SQLITE_OK; i++)
            rc = bind_row(d->ins[t], &facts_tables[t], f->rows[t].v[i]);
    if (rc == SQLITE_OK) rc = sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fail(d->db, f->budget, err, errlen);
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return 1;
    }
    return 0;
}
