/*
 * import.h — what the four parts of `bdlc import` share (private to them):
 * the document as read (lines and cells), the tables as recognised, the
 * checks BDL cannot hold, and the vocabulary of the published tables.
 *
 *   import_read.c    the text of a .txt, of `pdftotext -layout`, of a PDF (via grid.c)
 *   import_text.c    lines, cells, cleaning, numbers, the importer's messages
 *   import_tables.c  recognising the tables and reading them into Imp
 *   import_derive.c  published values BDL derives, compared with the rows
 *   import_write.c   the BDL root file
 *   import_layout.c  a document read through a layout module (Shanghai)
 *   import_narrative.c  its narrative's facts: previous { … }, narrative { … }
 *   import_tree.c    -o DIR
 *   import.c         the command
 */
#ifndef BDL_IMPORT_H
#define BDL_IMPORT_H

#include <stdio.h>

#include "bdl.h"

/* ------------------------------------------------------- vocabulary */

/* The sources of cn/2026 (spec §4), in stdlib order: name, key, and the labels
 * the tables print for them (expenditure column, carry-over row, procurement column). */
enum { NSRC = 9 };
struct SrcInfo {
    const char *name, *key, *column, *carry, *proc;
    bool fiscal;
};
extern const struct SrcInfo IMP_SRC[NSRC];
extern const char *const IMP_TP_KEY[4];  /* 三公 items, spec §3 order */
extern const char *const IMP_TP_CODE[4]; /* their economic codes in cn/2026 */

enum Kind {
    K_NONE, K_FISCAL, K_GENERAL, K_BASIC, K_TP, K_FUND, K_DSUM, K_DEXP, K_PROC, K_DPERF, K_PPERF, K_UNKNOWN
};
extern const char *const IMP_KIND_TITLE[K_UNKNOWN + 1];

/* The column arrays of a table (roles, labels) are this wide; published
 * tables have about fifteen columns.  A cell further right has no column
 * and is kept as a comment with a warning, like any cell bdlc cannot place. */
enum { IMP_MAX_COLS = 64 };

/* ------------------------------------------------------------- model */

typedef struct Amt {
    Str text; /* as written, e.g. "2,216.40" */
    int line;
    bool present, ok;
    int64_t v; /* 10^-6 units when ok */
} Amt;

/* A line kept as a comment, with the reason. */
typedef struct Note {
    int line, to; /* the lines kept: line..to (to 0: line only) */
    char *why;
} Note;

/* A row of a function or economic table: c[] is total/basic/project or
 * total/personnel/public.  A row with `note` set is a comment in place. */
typedef struct XRow {
    int line;
    bool total;
    Str code, name;
    Amt c[3];
    Note *note;
    bool leaf; /* no other row below it (set before the comparisons) */
} XRow;

typedef struct XTable {
    int line; /* the title line; 0 when the document has no such table */
    Vec rows; /* XRow* */
    Vec notes;
    int data; /* rows with amounts */
    Map by_code; /* code → its first XRow, built before the comparisons */
} XTable;

enum { OPK_GE, OPK_LE, OPK_EQ, OPK_GT, OPK_LT, OPK_QUAL };
extern const char *const IMP_OP_TEXT[6];

typedef struct Ind {
    int line;
    Str lv[3];
    Str weight, unit, value;
    int op;
    bool core;
} Ind;

typedef struct Proj {
    int line;
    Str code, name, agency, owner, category, execw, summary, basis, goal;
    Amt amount, superior, local;
    Vec inds;  /* Ind* */
    Vec notes; /* Note* */
    bool named;
    int last; /* its last line */
    int seen[32]; /* line of each form field, for repeats */
} Proj;

typedef struct ProcItem {
    int line;
    Str code, name, category;
    Amt src[NSRC], total;
} ProcItem;

typedef struct Agency {
    Str code, name;
    int line;
} Agency;

enum { CK_INCOME, CK_CARRY, CK_INOUT, CK_EXP, CK_DEXP, CK_TP_TOTAL, CK_TP_SUB, CK_PERF_EXP, CK_LOCAL, CK_PROC_TOTAL };

/* A published value BDL derives: compared once everything is read. */
typedef struct Check {
    int kind, line;
    const char *table;
    char *what;
    Amt w;
    Str code;   /* CK_EXP, CK_DEXP: the function code; n == 0: the total */
    int src;    /* CK_EXP: source index, -1 all; CK_INCOME…: 1 fiscal only */
    int col;    /* CK_DEXP: 0 total, 1 basic, 2 project */
    void *item; /* CK_LOCAL: Proj*; CK_PROC_TOTAL: ProcItem* */
    Vec *notes;
    int *mismatches;
} Check;

typedef struct TLine {
    int no;
    Str raw;
    Str *cell; /* cleaned */
    int ncell, nonblank, first;
} TLine;

typedef struct Imp {
    Arena a;
    const char *path;
    int *page; /* a PDF's: the page of each line (0-based by line); NULL for text */
    int *pages_text; /* `pdftotext -layout` text's pages (form feeds), for comments only */
    bool by_layout;  /* read through a layout module (import_layout.c): its output is in lay */
    Buf lay;
    char *said;      /* which layout it read, printed before the warnings */
    Buf where;       /* "OUT\tPAGE\tLINE\tTABLE\n": where a line of the output comes from */
    TLine *L;
    int nl;
    Vec warns; /* Note* */
    bool failed;
    int fail_line;
    char *fail_msg;
    Vec fail_notes; /* char*: printed under the error */

    Str year;
    Str unit;
    int unit_line;
    int decimals;
    Str dept_code, dept_name;
    int dept_rank; /* 0 none, 1 title, 2 heading, 3 部门(单位)名称 */
    Vec agencies;  /* Agency* */

    Amt income[NSRC], carry[NSRC];
    int income_from[NSRC], carry_from[NSRC]; /* line of the table that set it */
    bool has_income, has_carry;
    int sum_line[2]; /* 财政拨款收支总表, 部门收支总表 */
    int sum_mismatch[2];
    Vec sum_notes;

    XTable exp[3]; /* 一般公共预算, 政府性基金预算, 部门支出总表 */
    int dexp_mismatch;
    bool dexp_as_general;
    XTable eco;

    int tp_line;
    Amt tp[4];
    Vec tp_notes;
    int tp_mismatch;

    int proc_line;
    Vec procs; /* ProcItem* */
    XTable proc; /* its notes */
    bool proc_empty_ok;

    int perf_line;
    Str perf_goal;
    Vec perf_inds;
    Vec perf_notes;
    int perf_seen[32];
    int perf_mismatch;

    Vec projects; /* Proj* */
    Vec checks;   /* Check* */
    Vec loose;    /* Note*: lines outside the tables bdlc knows */
    int nplaced_not;
    bool fund_empty_ok;
    int narrative_items; /* function items of the 编制说明 read (import_narrative.c) */
} Imp;

/* ------------------------------------------------------------ parts */

/* import.c: `path` (- standard input) imported into `out` (the BDL root
 * file), its warnings and error printed to `msg`: 0 done, 1 not readable
 * as a budget (nothing in out), 2 I/O. */
int import_file(const char *path, Buf *out, FILE *msg, int *nwarn);
/* The same, and for `bdlc review` where the output's lines come from: one
 * line "OUT\tPAGE\tLINE\tTABLE" per row or block of the output that a
 * table of the document gave (PAGE 0 when unknown), in output order. */
int import_file_where(const char *path, Buf *out, FILE *msg, int *nwarn, Buf *where);
/* The same from bytes in memory (malloc'ed, taken over), the PDF path aside
 * (the fuzz target): tab-separated or `pdftotext -layout` text. */
int import_bytes(const char *name, char *text, size_t len, Buf *out, FILE *msg, int *nwarn);

/* import_read.c */
bool read_is_pdf(const char *text, size_t len);
char *read_document(const char *path, size_t *len, int **pages, int *status, char *err, size_t errn);
char *read_bytes(const char *name, char *text, size_t *len, int **pages, int *status, char *err, size_t errn);
/* After read_bytes or read_document: the pages of the last `pdftotext -layout`
 * text read (xfree it; NULL for other input). */
int *read_text_pages(void);

/* import_text.c */
Str text_slice(const char *s, size_t n);
void imp_warn(Imp *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void imp_fail(Imp *im, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void imp_fail_note(Imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
Note *imp_unplaced(Imp *im, Vec *notes, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int text_decode(const char *s, size_t n, uint32_t *cp);
Str text_trim(Str s);
Str text_norm(Imp *im, Str s);
bool text_eqc(Str a, const char *c);
bool text_ends_with(Str a, const char *c);
bool text_starts_with(Str a, const char *c);
bool text_contains(Str a, const char *c);
bool text_is_digit(char c);
bool text_is_number(Str s);
bool text_is_code(Str s);
bool text_amount(Imp *im, Str cell, int line, Amt *out);
char *text_fmt_amount(Imp *im, int64_t v6);
bool text_split_code_name(Str v, Str *code, Str *name);
bool text_load_lines(Imp *im, char *text, size_t len);
Str text_cell(const TLine *L, int i);
bool text_is_rule(const TLine *L);
Str text_single(const TLine *L);

/* import_tables.c */
void tables_add_check(Imp *im, int kind, int line, const char *table, char *what, const Amt *w, Vec *notes,
                      int *mism);
void tables_parse_document(Imp *im);

/* import_layout.c: a document in a layout module's tables (not one of the
 * Chongqing tables above): false when no layout's title is in it. */
bool layout_import(Imp *im, Buf *out);

/* import_narrative.c: the narrative's facts (previous { … }, narrative { … })
 * from the lines no table used, appended to out; the function items read.
 * rows: the function rows of the tables (NarrRow*), to find an item's code
 * by its names; srcs: the sources, stem the words of a fiscal one's
 * expenditure ("一般公共" of 一般公共预算拨款支出), "" for the others. */
typedef struct NarrRow {
    Str code, name;
    Str sq; /* the name compared (import_narrative.c fills it) */
} NarrRow;
typedef struct LSrcName {
    const char *key, *name;
    char stem[64];
} LSrcName;
int narrative_import(Imp *im, const bool *used, const Vec *rows, const LSrcName *srcs, int nsrc, Buf *out);

/* import_tree.c: `-o DIR`.  0, or 2 with a message: DIR exists and is
 * not an empty folder. */
int import_tree_check(const char *dir, FILE *msg);
/* The one-file output `one` as a budget tree in DIR, all or nothing. */
int import_write_tree(const char *dir, const Buf *one, FILE *msg);

/* import_derive.c */
void derive_run_checks(Imp *im);
void derive_department_table(Imp *im);

/* import_write.c */
void write_document(Imp *im, Buf *b);
/* s as a BDL string: quoted, with \" \\ \n \t and \u{…} for other controls */
void import_put_string(Buf *b, Str s);

#endif
