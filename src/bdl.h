/*
 * bdl.h — the data structures every phase of bdlc shares.
 *
 * The pipeline is: source (load bytes, UTF-8) → lexer/parser (grammar/) →
 * load (import/include splicing) → check (symbols, sums, performance; it
 * hands a CheckResult on and leaves the syntax tree as parsed) → model →
 * back ends.  Everything a unit allocates lives in its arena and is freed at
 * once, so no error path can leak (the parser needs no %destructor that
 * frees anything).
 *
 * A function's prefix names its file (Lua style): arena_, vec_, str_
 * (memory.c; str_width is source.c's), map_ (map.c), buf_ (buf.c), file_
 * (file.c), src_, utf8_, char_ (source.c), diag_ (diag.c), money_,
 * decimal_ (money.c), load_, unit_ (load.c), jobs_ (jobs.c), sym_, name_
 * (symtab.c), check_, eco_ (check.c), model_ (model.c), emit_ (emit_*.c),
 * cmd_ (a command's table row: main.c, compile.c, fmt.c, import.c), parse_
 * (parser.y), i18n_ (i18n.c), explain_ (explain.c); the allocator hook is x*
 * (memory.c).
 */
#ifndef BDL_H
#define BDL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BDL_VERSION "0.1.0"

/* ------------------------------------------------------------------ i18n */

/* Messages are English in the code and translated through GNU gettext
 * (i18n.c, text domain "bdlc", po/).  _() marks and translates a message,
 * N_() only marks one that is translated where it is printed.  The
 * diagnostic functions translate their format themselves (diag.c). */
void i18n_init(const char *lang); /* "zh", "en" or NULL: $BDL_LANG, then the locale */
bool i18n_chinese(void);          /* messages are being translated */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));
const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));
#define _(s) i18n_gettext(s)
#define N_(s) s  /* no parentheses: it may initialise a char array */

/* ---------------------------------------------------------------- memory */

/* One allocator hook for the whole program (Lua style): tests can count or
 * fail allocations by replacing it.  Out of memory is fatal.  Big budgets
 * are parsed and checked on several threads (jobs.c), so a replacement must
 * be thread-safe, or set BDL_THREADS=1. */
extern void *(*bdl_realloc_hook)(void *ptr, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xmalloc(size_t size);
void xfree(void *ptr);
char *xstrdup(const char *s);

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
    char *cur, *end;
    size_t block; /* size of the next block */
} Arena;

void *arena_alloc(Arena *a, size_t size); /* zeroed, 8-byte aligned */
char *arena_strndup(Arena *a, const char *s, size_t n);
void arena_free(Arena *a);
void arena_adopt(Arena *dst, Arena *src); /* dst takes over src's blocks */

/* A growable array of pointers, in the arena or the heap. */
typedef struct Vec {
    void **v;
    int n, cap;
} Vec;
void vec_push(Vec *vec, void *item); /* heap storage; free with vec_free */
void vec_free(Vec *vec);
void vec_apush(Arena *a, Vec *vec, void *item); /* arena storage */

/* ------------------------------------------------------------ text, files */

/* A byte slice: points into a source buffer or the arena.  Not
 * NUL-terminated in general. */
typedef struct Str {
    const char *s;
    uint32_t n;
} Str;

bool str_eq(Str a, Str b);
bool str_eqc(Str a, const char *c);
Str str_c(const char *c);

/* A hash map from byte strings to pointers (map.c). */
typedef struct Map {
    Str *keys;
    void **vals;
    uint32_t *hashes;
    int n, cap;
} Map;
void *map_get(const Map *m, Str key);
void map_put(Map *m, Str key, void *val); /* replaces */
void map_free(Map *m);

/* A growable byte buffer, always NUL-terminated (buf.c). */
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;
void buf_add(Buf *b, const char *s, size_t n);
void buf_adds(Buf *b, const char *s);
void buf_addf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(Buf *b);
/* printf into a new string: in the arena, or on the heap (xfree it) when
 * a is NULL. */
char *buf_vformat(Arena *a, const char *fmt, va_list ap);
char *buf_format(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string, quotes included (invalid UTF-8 becomes U+FFFD). */
void buf_json_str(Buf *b, Str s);
/* b := a mid c end ("A-B", "title（unit）"), replacing what b held; the
 * result points into b and is NUL-terminated.  The back ends' labels. */
Str buf_joined(Buf *b, Str a, const char *mid, Str c, const char *end);

/* Whole files (file.c).  file_read reads path (standard input when NULL)
 * whole, with two NULs after it; it refuses a directory with `dir_msg` (a
 * format with one %s, the path, marked N_() and translated here: e.g.
 * SRC_DIR_MSG), and files over 2 GiB.  file_write
 * replaces path atomically: a temporary sibling named after `tag`, synced,
 * then renamed over it (symlinks followed, an existing file's mode kept).
 * Both return false / NULL with a message in err. */
char *file_read(const char *path, const char *dir_msg, size_t *len, char *err, size_t errlen);
bool file_write(const char *path, const char *tag, const char *data, size_t n, char *err, size_t errlen);
/* Is path a readable regular file?  Else false and a message (a directory:
 * "'PATH' is a directory; " and dir_hint, marked N_() by the caller). */
bool file_check_input(const char *path, const char *dir_hint, char *err, size_t errlen);
/* "dir/name" → "dir/.name.TAGXXXXXX", a template for mkstemp/mkdtemp. */
void file_sibling(const char *path, const char *tag, char *out, size_t cap);
/* The mode a new file or folder gets: full & ~umask. */
unsigned file_default_mode(unsigned full);

typedef struct SrcFile {
    int id;
    char *path;       /* as shown in diagnostics */
    char *real;       /* canonical path, for cycle/duplicate detection */
    char *text;       /* whole file, NUL-terminated */
    size_t len;
    size_t start;     /* 3 when the file starts with a BOM, else 0 */
    bool builtin;     /* from the stdlib compiled into the binary */
} SrcFile;

/* A place in a source file.  Columns are not stored: they are computed from
 * the byte offset only when a diagnostic is printed (that keeps the lexer's
 * hot path free of UTF-8 decoding).  12 bytes, as there are millions: a
 * unit reads at most LOC_MAX_FILES files, and a longer token's caret covers
 * its first 65,535 bytes. */
typedef struct Loc {
    uint32_t off;  /* byte offset of the first byte */
    int32_t line;
    uint16_t file; /* index in Unit.files */
    uint16_t len;  /* length in bytes (0 = a point), at most 65,535 */
} Loc;
#define LOC_MAX_FILES 65535
static inline uint16_t loc_len(size_t n) { return n > UINT16_MAX ? UINT16_MAX : (uint16_t)n; }

/* UTF-8 helpers (source.c) */
int utf8_decode(const char *s, size_t n, uint32_t *cp); /* bytes used, 0 on invalid */
int char_width(uint32_t cp);                            /* display columns: 0, 1 or 2 */
int str_width(const char *s, size_t n, int tab);         /* display columns of a byte string */
int src_column(const SrcFile *f, uint32_t off);         /* 1-based code point column */
Str src_line(const SrcFile *f, uint32_t off);           /* the whole line holding off */

/* ------------------------------------------------------------ diagnostics */

typedef enum { SEV_ERROR, SEV_WARNING, SEV_NOTE } Severity;

typedef struct DiagNote {
    bool has_loc;
    Loc loc;
    char *kind; /* "note" or "help" */
    char *msg;
} DiagNote;

typedef struct Diag {
    Severity sev;
    char code[5]; /* "E110", "W104" */
    Loc loc;
    char *msg;
    DiagNote *notes;
    int nnotes;
    long seq; /* emission order, for a stable sort */
    bool dup; /* already reported through another root */
} Diag;

typedef enum { FMT_TEXT, FMT_JSON, FMT_SARIF } DiagFormat;

typedef struct Diags {
    Diag *d;
    int n, cap;
    int nerrors, nwarnings;
    Vec *files;      /* SrcFile*, shared with the Unit */
    const char *allowed[64]; /* warning codes silenced by `allow`, each once (BDL has 5) */
    int nallowed;
    bool quiet;      /* drop diagnostics (used while skipping a bad line) */
    bool last_dropped; /* the last diagnostic was an allowed warning: drop its notes */
} Diags;

void diag_init(Diags *ds, Vec *files);
void diag_free(Diags *ds);
/* Report a problem.  The code's first letter decides the severity. */
void diag_at(Diags *ds, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Attach a note or help line to the last diagnostic. */
void diag_note(Diags *ds, const Loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_help(Diags *ds, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Diagnostics for a job on another thread, to be moved to `like` with
 * diag_adopt: the same files, allowed warnings and quietness. */
void diag_init_like(Diags *ds, const Diags *like);
/* Move src's diagnostics to the end of dst, in order (src is left empty). */
void diag_adopt(Diags *dst, Diags *src);
bool diag_is_known(const char *code); /* a code listed in spec §5 */
const char *diag_title(const char *code); /* one-line description of a code */

/* The diagnostic codes, generated from their explanations
 * docs/{en,zh}/explain/CODE.md by docs/embed-explain.sh (build/gen/explain_data.c):
 * adding a code is adding its two files. */
typedef struct DiagCode {
    const char *code;               /* "E120" */
    Severity sev;                   /* SEV_ERROR for E, SEV_WARNING for W */
    const char *title, *title_zh;   /* the files' first lines */
    const char *text, *text_zh;     /* the whole files, for `bdlc explain` */
} DiagCode;
extern const DiagCode bdl_codes[];  /* by number: E101 E102 E103 W104 E105 … */
extern const int bdl_ncodes;
extern const char bdl_allowable_warnings[]; /* "W104 W123 …": what `allow` takes */
const DiagCode *diag_code(const char *code); /* NULL when not a code */
int explain_main(int argc, char **argv);     /* `bdlc explain` (explain.c) */

typedef struct DiagOptions {
    DiagFormat format;
    int max_errors;
    bool color;
    bool werror;
} DiagOptions;
/* Sort by place. */
void diag_sort(Diags *ds);
/* Print the diagnostics of several units as one report (a problem two roots
 * share is printed once).  Returns how many there were. */
int diag_print(Diags **list, int nlist, DiagOptions *o, void *out /* FILE* */);

/* ------------------------------------------------------------------ money */

/* An amount as written.  Its value depends on the budget's `decimals`,
 * known only once every file is read: the checks and the model read it with
 * money_parse (the syntax tree stays as parsed). */
typedef struct Amount {
    Str text;      /* as written, e.g. "1,529.94" */
    Loc loc;
    bool present;  /* written at all */
    uint8_t unit;  /* AMT_*: the unit suffix written after it (`217.83 万元`) */
} Amount;
/* An amount's unit: the budget's (no suffix), or 元 / 万元 written after it
 * (1 万元 = 10^4 元).  A figure in a coarser unit than the budget's is an
 * exact amount rounded half away from zero to its written decimals. */
enum { AMT_BUDGET, AMT_YUAN, AMT_WAN };
/* An amount's value in 10^-decimals of the budget's unit (10^unit_pow 元),
 * its unit suffix applied exactly: 217.83 万元 in a 元 budget of 2 decimals
 * is 2,178,300.00 元.  Returns as money_parse; a 元 figure in a 万元 budget
 * finer than its decimals is 102. */
int amount_parse(const Amount *a, int decimals, int unit_pow, int64_t *out);
/* 10^n for n in 0 … 18. */
int64_t money_pow10(int n);
/* v rounded half away from zero to a multiple of step (> 0); v >= 0. */
int64_t money_round(int64_t v, int64_t step);

/* Parse `text` into units of 10^-decimals.  Returns 0 on success, 102 when
 * it has more fractional digits than decimals, 103 on overflow/negative. */
int money_parse(Str text, int decimals, int64_t *out);
/* Format `v` (10^-decimals units) with exactly `decimals` fractional digits,
 * with or without thousands separators.  buf needs 32 bytes. */
char *money_format(int64_t v, int decimals, bool grouping, char *buf);
bool money_add(int64_t *acc, int64_t v); /* false on overflow */
/* A decimal (weights): scaled by 10^6; false when malformed or too precise. */
bool decimal_parse(Str text, int64_t *out);
char *decimal_format(int64_t v, char *buf);

/* -------------------------------------------------------------------- AST */

typedef enum {
    ST_IMPORT, ST_INCLUDE, ST_BUDGET, ST_INCOME, ST_CARRYOVER, ST_EXPENDITURE,
    ST_ECONOMIC, ST_THREE_PUBLIC, ST_PROCUREMENT, ST_PERFORMANCE, ST_PROJECT,
    ST_CLASSIFICATION, ST_SOURCE, ST_LEVELS, ST_TP_CODES, ST_LINKS,
    ST_OPERATING_COSTS, ST_PROC_SUMMARY, ST_TABLE, ST_PREVIOUS, ST_NARRATIVE,
    ST_AGENCIES /* agencies "PATTERN": a department's agency roots (inc.path) */
} StmtKind;



/* A name as written: an identifier or a string. */
/* (Fields ordered so that no padding is wasted: 32 bytes.) */
typedef struct Name {
    Str s;
    Loc loc;
    bool present;
} Name;

typedef struct Code {
    Str s;
    Loc loc;
    bool present;
} Code;

/* An agency of the budget block: code optional, kind optional. */
typedef struct AgencyDecl {
    Code code;
    Name name;
    Name kind;  /* 行政 | 参公 | 事业, or not present */
} AgencyDecl;

/* One line of a `table ID { … }` override: KEY (title, unit, decimals,
 * grouping, zero, label, column), an optional row/column key, its value. */
typedef struct TableSet {
    Str what;   /* the clause keyword */
    Name key;   /* label/column: the row or column key */
    Name value; /* as written (a text's contents, or the word) */
    Loc loc;
} TableSet;

/* A row of `previous { … }` (last year's figures as published): a source's
 * budget (tp < 0), a 三公 part (tp 0–3: overseas, vehicle-purchase,
 * vehicle-operation, reception) or the 三公 合计 (tp 4). */
typedef struct PrevRow {
    Name source;
    int tp;
    Amount amount;
} PrevRow;

/* A line of `narrative { … }`: a text (duties, organisation), a reason by
 * key, or a function code's item (execution, purpose, reason). */
enum { NL_DUTIES, NL_ORGANISATION, NL_REASON, NL_ITEM };
typedef struct NarrLine {
    int kind;
    Loc loc;
    Name key;        /* NL_REASON: total, three-public, overseas, vehicle, … */
    Name text;       /* NL_DUTIES, NL_ORGANISATION, NL_REASON */
    Code code;       /* NL_ITEM */
    Amount execution;
    Name purpose, reason;
} NarrLine;

/* Procurement by kind: 货物, 工程, 服务. */
enum { PK_GOODS, PK_WORKS, PK_SERVICES, PK_COUNT };
extern const char *const proc_kind_name[PK_COUNT];

/* income / carryover / procurement row: SOURCE AMOUNT */
typedef struct SrcRow {
    Name source;
    Amount amount;
} SrcRow;

/* Cells of expenditure and economic rows. */
enum { CELL_BASIC, CELL_PROJECT, CELL_TOTAL, CELL_PERSONNEL, CELL_PUBLIC, NCELLS };

typedef struct Row {
    Loc loc;          /* the whole row's first token */
    bool is_total;    /* the `total` (合计) row */
    Code code;
    Name name;
    Amount bare;      /* economic rows: the bare amount (the row's total) */
    int mark;         /* economic: 0, CELL_PERSONNEL or CELL_PUBLIC after the bare amount */
    Loc mark_loc;
    Amount cell[NCELLS];
} Row;

typedef enum { OP_GE, OP_LE, OP_EQ, OP_GT, OP_LT, OP_QUAL } IndOp;

/* Half a million of these in a 100 MB budget: only the places a
 * diagnostic points at are kept, and its texts as pointers and lengths side
 * by side (a Str's padding was 24 of its bytes): 104 bytes (136 with a Str
 * each, 280 with a Name each).  Read them with ind_str() and the places
 * with ind_level0_loc() and ind_weight_loc(). */
enum { IND_LEVEL0, IND_LEVEL1, IND_LEVEL2, IND_VALUE, IND_UNIT, IND_WEIGHT, IND_NSTR };
typedef struct Indicator {
    const char *s[IND_NSTR]; /* the levels, the number as written or the qualitative text, the unit ("%"
                                or a name; NULL when there is none), the weight (NULL when none) */
    uint32_t n[IND_NSTR];
    Loc loc;                 /* the keyword */
    uint32_t level0_off;     /* W123 points at the first level, on the keyword's line */
    uint32_t weight_off;     /* E122 at the weight */
    int32_t weight_line;
    uint16_t level0_len, weight_len;
    uint8_t op;              /* IndOp */
    bool core;
} Indicator;
static inline Str ind_str(const Indicator *in, int k) { return (Str){ in->s[k], in->n[k] }; }
static inline bool ind_has_weight(const Indicator *in) { return in->s[IND_WEIGHT] != NULL; }
static inline Loc ind_level0_loc(const Indicator *in)
{
    return (Loc){ in->level0_off, in->loc.line, in->loc.file, in->level0_len };
}
static inline Loc ind_weight_loc(const Indicator *in)
{
    return (Loc){ in->weight_off, in->weight_line, in->loc.file, in->weight_len };
}

typedef struct ProjFunc {
    Code code;
    Amount amount; /* optional */
} ProjFunc;

typedef struct ClassEntry {
    Code code;
    Name name;
    int mark; /* 0, CELL_PERSONNEL, CELL_PUBLIC */
    Loc mark_loc;
} ClassEntry;

typedef struct LevelGroup {
    Name level1;
    Vec level2; /* Name* */
} LevelGroup;

/* A clause keyword with its place, for E105 on repeated clauses. */
typedef struct Clause {
    Loc loc;
    bool present;
} Clause;

/* A project's rarer texts (the fields of a project page): out of line,
 * allocated when one of them is written, so that the 85,000 projects of a
 * 100 MB budget that have none do not carry 256 empty bytes each. */
typedef struct ProjMore {
    Name implementer, plan, period, schedule, nature, start, end, annual_goal;
} ProjMore;

/* A statement takes the bytes of its own member of the union only
 * (parser.y: a procurement item or a row block a few dozen, not a project's
 * 400): read only the member of its kind. */
typedef struct Stmt {
    Loc loc;          /* the statement's keyword */
    int32_t end_line; /* last line, for "is this block broken" */
    uint8_t kind;     /* StmtKind */
    bool broken;      /* holds an E001–E010 */
    union {
        struct { Str path; Loc path_loc; } inc; /* import, include, agencies */
        struct {
            Str year; Loc year_loc;
            Code department; Name department_name; /* the code is optional */
            Vec agencies; /* AgencyDecl* */
            Name layout; Clause layout_clause;   /* the table set: a layout module's name */
            Name variant; Clause variant_clause; /* department | agency */
            Name unit; Clause unit_clause;
            Str decimals; Loc decimals_loc; Clause decimals_clause;
            Clause department_clause;
            Clause partial;
            Vec allow; /* Name* */
            Name previous; Clause previous_clause; /* last year's root, as written */
        } budget;
        struct {
            Name source; /* expenditure/economic: optional source */
            Vec rows;    /* Row* or SrcRow* */
        } block;
        struct {
            Amount item[5]; /* overseas, vehicle-purchase, vehicle-operation, reception, total (合计) */
            Loc item_loc[5];
            uint8_t unit;   /* AMT_*: `three-public 万元 {`, the unit of its amounts */
        } tp;
        struct { Amount amount; } opcost; /* operating-costs (机关运行经费) */
        struct { Vec rows; } prev;   /* previous { … }: PrevRow* */
        struct { Vec lines; } narr;  /* narrative { … }: NarrLine* */
        struct {
            Amount kind[PK_COUNT]; /* procurement-summary: 货物 工程 服务 */
            Loc kind_loc[PK_COUNT];
        } psum;
        struct {
            Name id;       /* a table id of the layout */
            Vec sets;      /* TableSet* */
        } table;
        struct {
            Code code; Name name;
            Name category;
            Vec rows; /* SrcRow* */
        } proc;
        struct {
            Vec goals;      /* Name* (TEXT) */
            Vec indicators; /* Indicator* */
        } perf;
        struct {
            Code code; Name name; /* the code is optional */
            Amount amount;
            Amount superior;
            Code agency;     /* by code, or by name (agency_by_name) */
            ProjMore *more; /* implementer … annual-goal, or NULL: read them with proj_more() */
            Name owner;
            Name category;
            Vec functions;  /* ProjFunc* */
            Vec economics;  /* ProjFunc* */
            Str exec_weight; Loc exec_weight_loc;
            bool has_exec;
            bool agency_by_name; /* (the two beside the Loc: no padding) */
            Name summary;
            Name basis;
            Vec goals;      /* Name* */
            Vec indicators; /* Indicator* */
        } proj;
        struct {
            bool economic; /* else function */
            Name title;
            Vec entries; /* ClassEntry* */
        } cls;
        struct {
            Name key; Name name; bool fiscal;
            Name label[3]; /* column, carryover, procurement */
        } source;
        struct { Vec groups; } levels; /* LevelGroup* */
        struct { Code code[4]; } tpcodes;
        struct { Vec pairs; } links;   /* Code* pairs: economic, function */
    } u;
} Stmt;

/* A project's rarer texts: none written is all absent (load.c). */
extern const ProjMore proj_more_none;
static inline const ProjMore *proj_more(const Stmt *s)
{
    return s->u.proj.more ? s->u.proj.more : &proj_more_none;
}

/* ------------------------------------------------------------------ units */

typedef struct LoadOptions {
    const char **include_dirs; /* -I */
    int ninclude_dirs;
} LoadOptions;

/* A compilation unit: a root file and everything it imports and includes,
 * statements in spliced order. */
typedef struct Unit {
    Arena arena;
    Vec files;  /* SrcFile*; files[0] is the root */
    Vec stmts;  /* Stmt*, includes expanded */
    Diags diags;
    const LoadOptions *opts;
    int missing_modules; /* imports not found (E020): the checks of codes and sources are off */
    struct Consolidation *consol; /* a department's agency roots (consolidate.c), or NULL */
} Unit;

/* Parse one file's statements (grammar/parser.y).  Appends to *out. */
void parse_file(Unit *u, SrcFile *f, Vec *out);
/* Parse bytes [from, to) of f, whose first line is `line`, into `a` and
 * `ds` (so that several ranges can be parsed at once, each into its own).
 * f->text[to] and f->text[to + 1] must be NUL.  True when the range parsed
 * without an error (E001–E010) and ended between two statements. */
bool parse_range(SrcFile *f, size_t from, size_t to, int line, Arena *a, Diags *ds, Vec *out);

SrcFile *src_load(Unit *u, const char *path, char *errbuf, size_t errlen);
/* The same when the canonical path is already known (load.c). */
SrcFile *src_load_real(Unit *u, const char *path, const char *real, char *errbuf, size_t errlen);
/* src_load in two steps, so that files can be read on several threads:
 * read a file whole (file_read, with SRC_DIR_MSG); then make it a file of
 * the unit, which takes text over (NULL and a message when the unit already
 * has LOC_MAX_FILES files). */
#define SRC_DIR_MSG N_("'%s' is a directory, not a BDL file") /* file_read's dir_msg */
SrcFile *src_add(Unit *u, const char *path, const char *real, char *text, size_t len, char *errbuf, size_t errlen);
SrcFile *src_from_memory(Unit *u, const char *path, const char *text, size_t len, bool builtin);

Unit *unit_new(const LoadOptions *opts);
void unit_free(Unit *u);
/* Load a root file and splice its imports/includes.  False on I/O error
 * of the root itself (message in errbuf); everything else is a diagnostic. */
bool load_unit(Unit *u, const char *root, char *errbuf, size_t errlen);
/* Load a root held in memory (fuzzers, tests); `name` is shown in
 * diagnostics, includes resolve relative to the current folder. */
bool load_unit_memory(Unit *u, const char *name, const char *text, size_t len);
/* Does the file (without includes) have a top-level budget block? */
bool load_is_root(const char *path);

/* The stdlib compiled into the binary (build/stdlib_data.c). */
typedef struct BuiltinFile {
    const char *path; /* e.g. "cn/2026/function.bdl" */
    const char *text;
    size_t len;
} BuiltinFile;
extern const BuiltinFile bdl_builtin_stdlib[];
extern const int bdl_builtin_stdlib_count;
/* Is s[0 … n) a keyword of BDL?  Asks the scanner, the one list (lexer.l). */
bool lex_is_keyword(const char *s, size_t n);


/* ------------------------------------------------------------------ jobs */

/* Run fn(ctx, i, worker) for i = 0 … n - 1 on up to jobs_threads() threads
 * (jobs.c).  Jobs must write only into what is theirs alone, or their
 * worker's: worker is below JOBS_MAX, and one worker runs one job at a time. */
enum { JOBS_MAX = 8 };
void jobs_run(int n, void (*fn)(void *ctx, int i, int worker), void *ctx);
/* Threads to use: $BDL_THREADS when set (1 = none), else the cores, at most JOBS_MAX. */
int jobs_threads(void);
/* How much work is worth spreading over threads (dflt: bytes of a file,
 * projects to check); $BDL_SPLIT overrides it: the tests set it to 1 so that
 * everything that can run in parallel does, and must give the same result. */
size_t jobs_split_min(size_t dflt);

/* ----------------------------------------------------------- symbol table */


/* One code of a classification. */
typedef struct ClassCode {
    Str code;
    Str name;
    struct ClassCode *parent;
    int nchildren;
    int mark;      /* economic: CELL_PERSONNEL or CELL_PUBLIC, inherited from the 类 */
    bool builtin;  /* declared in a stdlib module */
    Loc loc;
    const void *block; /* the classification statement */
} ClassCode;

typedef struct Classification {
    Map map;     /* code → ClassCode* */
    Vec codes;   /* ClassCode*, sorted by code once built */
    Str title;
    bool present;
} Classification;

typedef struct Source {
    Str key, name;
    bool fiscal;
    Str label[3]; /* expenditure column, carry-over row, procurement column */
    int index;    /* declaration order */
} Source;

typedef struct Symtab {
    Classification cls[2]; /* 0: function, 1: economic */
    Vec sources;           /* Source*, in declaration order */
    Map levels;            /* "level1/level2" → non-NULL */
    bool has_levels;
    Str tp_code[4];        /* overseas, vehicle-purchase, vehicle-operation, reception */
    bool has_tp_codes;
    Vec links;             /* Code* pairs: [0] economic, [1] function */
} Symtab;

enum { CLS_FUNCTION = 0, CLS_ECONOMIC = 1 };

/* Build the symbol table from the unit's declarations (E105 on clashes). */
void sym_build(Symtab *st, Unit *u, bool verbose);
void sym_free(Symtab *st);
ClassCode *sym_code(const Symtab *st, int cls, Str code);
Source *sym_source(const Symtab *st, Str name_or_key);
/* Name folding of spec §3, appended to out. */
void name_fold(Str s, Buf *out);

/* ----------------------------------------------------------------- checks */

/* The sums of one funding source. */
typedef struct SourceSum {
    const SrcRow *row[2]; /* its row in income [0] and carryover [1], or NULL */
    int64_t amount[2];    /* their amounts (0 without a row) */
    bool ok[2];           /* usable: no E102/E103, not written twice */
    int64_t expenditure;  /* basic + project of its expenditure block (0 without one) */
} SourceSum;

/* What the checks hand the model: the model reads the unit's statements as
 * parsed, and everything the checks derived from them from here. */
typedef struct CheckResult {
    Symtab st;              /* the symbol table */
    int decimals;           /* amounts are read in 10^-decimals */
    const Stmt *budget;     /* the budget block, or NULL */
    SourceSum *sources;     /* one per st.sources, by Source.index */
    int64_t three_public[4];      /* each 三公 item: as written, else its economic code's sum */
    bool three_public_written[4];
    int64_t three_public_total;   /* the 合计 as written (else 0) … */
    bool three_public_total_written;
    int unit_pow;                 /* the budget's unit: 0 元, 4 万元 */
    /* 机关运行经费: as stated (`operating-costs`), and derived where the
     * agencies' kinds allow it (see check.c's derive_operating_costs). */
    int64_t opcost_stated, opcost_derived;
    bool opcost_written, opcost_derivable;
    int64_t procurement_kind[PK_COUNT]; /* procurement-summary: 货物 工程 服务, as stated */
    bool procurement_kind_written[PK_COUNT];
    Vec tables;                   /* the `table ID { … }` overrides (const Stmt*), one per id */
} CheckResult;

typedef struct CheckOptions {
    bool verbose;
    CheckResult *result; /* when set, receives the result (free with check_result_free) */
    /* Called for each `table ID { … }` once the checks ran: the layout says
     * whether ID is one of its tables (and reports it; NULL: not checked). */
    void (*table_hook)(const void *ctx, Diags *ds, const Symtab *st, const Stmt *budget, const Stmt *table);
    const void *table_hook_ctx;
    /* A district run checks every agency root as its own budget: a
     * department consolidating it then says only that it has errors (E158)
     * instead of repeating its diagnostics. */
    bool agencies_reported;
    /* Does the budget's layout leave indicator weights optional (no E120,
     * no E122 for a missing weight)?  Called once, with table_hook_ctx. */
    bool (*weights_optional)(const void *ctx, const Stmt *budget);
} CheckOptions;

/* Run every check of spec §5 over a loaded unit. */
void check_unit(Unit *u, const CheckOptions *o);
void check_result_free(CheckResult *r);

/* Consolidation (consolidate.c): a department root's `agencies "PATTERN"`
 * statements name its agencies' roots; check_unit loads and checks each
 * (E157 a root that does not fit, E158 one with errors, E156 an agency
 * missing, twice or unnamed), compares every figure the department states
 * with their sum (E155), and replaces the department's income, carryover,
 * expenditure and economic blocks with the sums, adding the agencies'
 * projects and procurement items.  The agency roots stay in u->consol for
 * compile --agency. */
typedef struct AgencyRoot {
    char *path;           /* as shown */
    Unit *unit;           /* loaded (NULL when it could not be read) */
    CheckResult result;   /* when checked */
    bool checked;
    bool fragment;        /* matched, but no budget block: not an agency root */
    const AgencyDecl *decl; /* its own agency clause, when it has exactly one */
} AgencyRoot;
typedef struct Consolidation {
    AgencyRoot *agencies; /* sorted by path */
    int n;
    bool done;            /* the department's figures are its agencies' sum */
} Consolidation;
void consolidate_unit(Unit *u, const CheckOptions *o);
void consolidate_free(Unit *u);

typedef enum {
    SPLIT_OK, SPLIT_OVERFLOW, SPLIT_TOTAL_CELL, SPLIT_CELLS_SUM, SPLIT_CELL_EXCEEDS
} SplitResult;
/* Personnel/public split of a leaf economic row: `cell` holds the values of
 * its written cells, `bare` of its bare amount; `cls` is its class (the
 * row's mark, else its code's).  The split goes to v. */
SplitResult eco_split(const Row *r, const int64_t cell[NCELLS], int64_t bare, int cls, int64_t v[NCELLS]);

/* Name comparison of spec §3: fold （）/() and drop spaces. */
bool name_equiv(Str a, Str b);
/* Could folding change s (a space, a tab, or a bracket that folds)?  When
 * neither name can change, name_equiv is plain byte equality. */
bool name_foldable(Str s);

/* ---------------------------------------------------------- derived model */

/*
 * The derived model (model.c): built once from a unit that checked clean,
 * it holds the ten tables of spec §8 in order, every 类/款 parent row and
 * 合计 row derived, the zero/blank rule applied, and each project's fields.
 * The back ends (emit_json.c, emit_csv.c, emit_html.c) only print it.
 * Strings point into the unit or the model's arena: free the model before
 * the unit.  Module prefixes: model_, emit_.
 */

/* One cell.  A derived zero is already MV_BLANK; a written zero is an
 * MV_AMOUNT of 0. */
typedef enum { MV_BLANK, MV_TEXT, MV_AMOUNT, MV_NUMBER, MV_BOOL } MValKind;
typedef struct MVal {
    MValKind kind;
    Str text;       /* MV_TEXT; MV_NUMBER: canonical decimal digits, e.g. "12.5" */
    int64_t amount; /* MV_AMOUNT: 10^-decimals units */
    bool yes;       /* MV_BOOL */
    bool none;      /* MV_BLANK where no item stands (the shorter side of a
                     * two-sided table): empty whatever the zero style */
} MVal;

typedef struct MColumn {
    const char *key; /* JSON key */
    Str title;       /* header text */
    Str group[2];    /* the headers above it, outermost first */
    int ngroups;
    bool amount;     /* a money column */
} MColumn;

typedef enum { MR_DATA, MR_TOTAL, MR_SECTION } MRowKind;
typedef struct MRow {
    MRowKind kind;
    int depth;     /* classification rows: 0 类, 1 款, 2 项…; else 0 */
    int project;   /* project-performance: index into Model.projects; else -1 */
    MVal *cells;   /* one per column */
} MRow;

/* A labelled value printed above a grid (performance tables, projects). */
typedef struct MField {
    const char *key;
    Str title;
    MVal val;
} MField;

/* How a back end prints a table: a grid of rows, a form of fields above an
 * indicator grid, or one form per project (the layout says which). */
typedef enum { MF_GRID, MF_FIELDS, MF_PROJECTS } MForm;

typedef struct MTable {
    const char *id;  /* stable id from the layout (file names, anchors, JSON) */
    int number;      /* printed number, 1… */
    Str title;
    Str form_title;  /* MF_PROJECTS: each project form's heading */
    MForm form;
    MColumn *cols;
    int ncols, capcols;
    MRow *rows;
    int nrows, caprows;
    Str note;        /* the note printed when the table has no data, else n == 0 */
    MField *fields;  /* MF_FIELDS: its fields */
    int nfields;
    Str unit;        /* the unit line and the amounts' unit (元, 万元) */
    int decimals;    /* printed decimals of its amounts */
    int scale;       /* amounts are divided by 10^scale to print (万元 in a 元 budget: 4) */
    bool grouping;   /* thousands separators in HTML/PDF/XLSX */
    bool has_zero;   /* a blank amount prints `zero` (else empty) */
    Str zero;
} MTable;

/* Project fields, in print order. */
enum {
    PF_CODE, PF_NAME, PF_AGENCY, PF_AGENCY_NAME, PF_OWNER, PF_CATEGORY, PF_EXEC_WEIGHT, PF_AMOUNT, PF_LOCAL,
    PF_SUPERIOR, PF_SUMMARY, PF_BASIS, PF_GOAL, PF_COUNT
};
/* Department-performance fields. */
enum { DF_DEPARTMENT, DF_EXPENDITURE, DF_GOAL, DF_COUNT };

extern const char *const model_project_field[PF_COUNT][2]; /* JSON key, title */

typedef struct MProject {
    MField f[PF_COUNT];
    int first_row, nrows; /* its indicator rows in the project-performance table */
    /* the project texts (实施主体 …) and performance-form fields, as written (n == 0 when not) */
    Str implementer, plan, period, schedule, nature, start, end, annual_goal;
} MProject;

typedef struct MAgency {
    Str code, name; /* the code is empty when none was written */
    Str kind;       /* 行政 | 参公 | 事业, or empty */
} MAgency;

/* One line of a `table ID { … }` override, for the layout to apply. */
typedef struct MOverride {
    Str table;  /* the table id */
    Str what;   /* title | unit | decimals | grouping | zero | label | column */
    Str key;    /* label/column: the row or column key; else empty */
    Str value;  /* as written: a text's contents, or the word (blank, yes, 万元 …) */
} MOverride;

/* A section of the published narrative (narrative.c): its paragraphs,
 * rendered by the layout's templates. */
typedef struct MSection {
    Str id, title;
    bool after;      /* printed after the tables */
    Str *paras;
    int nparas;
} MSection;

typedef struct Model {
    Arena arena;
    Str year, unit;
    int decimals;
    Str dept_code, dept_name; /* the code is empty when none was written */
    MAgency *agencies;
    int nagencies;
    MTable *tables;   /* in the layout's order */
    int ntables;
    Str doc_title;    /* the document's heading, from the layout ("2026年部门预算") */
    Str layout;       /* the layout's name (its module: layout/NAME) */
    int variant;      /* 0 department (部门预算), 1 agency (单位预算) */
    Str budget_layout, budget_variant; /* as written in the budget block, else empty */
    int unit_pow;             /* the budget's unit: 0 元, 4 万元 */
    /* 机关运行经费 (in 10^-decimals of the budget's unit): as stated, and as
     * derived when the agencies' kinds allow it. */
    int64_t opcost_stated, opcost_derived;
    bool opcost_written, opcost_derivable;
    int64_t procurement_kind[PK_COUNT]; /* 货物 工程 服务, as stated */
    bool procurement_kind_written[PK_COUNT];
    int64_t three_public_total;         /* the 三公 合计 as written */
    bool three_public_total_written;
    MOverride *overrides;               /* every `table` override, in order */
    int noverrides;
    MProject *projects;
    int nprojects;
    MSection *sections;               /* the narrative, when there is one */
    int nsections;
} Model;

/* ---------------------------------------------------------------- layouts */

/*
 * A layout (layout.c) is a table set read from a layout module,
 * layout/NAME/tables.layout, found like every module: -I folders, $BDL_PATH,
 * then the copy compiled into bdlc.  It names and arranges; the model
 * (model.c) computes every amount.  Nothing in src/ names a table or a region.
 */
enum { LQ_INCOME = 1, LQ_CARRYOVER = 2, LQ_SPENT = 4 };   /* quantities of a paired item */
typedef enum { LI_NONE, LI_LABEL, LI_EACH, LI_CLASSES } LItemKind;
typedef struct LItem {       /* one side of a row of a two-sided table */
    LItemKind kind;
    Str label;               /* LI_LABEL */
    unsigned qty;            /* LQ_* summed */
    Str of;                  /* a source set other than the table's, or n == 0 */
    int label_no;            /* LI_EACH: -1 the source's name, else its label 0..2 */
    bool written;            /* LI_EACH: only sources whose row is written */
    bool numbered;           /* LI_CLASSES: 一、二、… before the names */
} LItem;
#define LPART_MAX_ITEMS 16
typedef struct LPart {
    MRowKind kind;
    LItem side[2][LPART_MAX_ITEMS]; /* left (income), right (expenditure): their items in order */
    int nitems[2];
    bool when_carryover;     /* only when some carry-over is not zero */
} LPart;
typedef struct LColumn {
    const char *key;
    Str title;
    Str group[2];
    int ngroups;
    bool amount;
    bool per_source;         /* one column per source of `set` */
    int label_no;            /* its title: the source's label 0..2 */
    Str set;                 /* per_source: its sources; else the tree its cell is read from */
    int cell;                /* classification rows: which CELL_* it shows */
    bool has_cell;
} LColumn;
typedef enum {
    LR_FUNCTION, LR_ECONOMIC, LR_PAIRED, LR_OFFICIAL, LR_ITEMS, LR_INDICATORS, LR_PROJECTS,
    LR_PROJECT_TEXTS, LR_PROJECT_INDICATORS /* grids: a row per described project / per project indicator */
} LRows;
typedef struct LTable {
    const char *id;
    int variant;             /* -1 both variants, else the only one (0 department, 1 agency) */
    int number;
    Str title[2], note[2];   /* department, agency variant ({year} expanded) */
    Str empty_row;           /* printed in the first column when the table has no data (row key empty-row) */
    Str form_title;
    LRows rows;
    Str set;                 /* source set: all | fiscal | a source's key or name */
    LColumn *cols;
    int ncols;
    LPart *parts;
    int nparts;
    Str total;               /* the 合计 row's label */
    bool total_bottom, split_codes, grouping, has_zero;
    bool optional;           /* printed only when it has a row (the project pages) */
    Str unit, zero;          /* unit n == 0: the budget's */
    int decimals;            /* -1: the budget's */
    int depth;               /* deepest classification level shown (0: all) */
    Str code_titles[3];      /* split code columns: 类 款 项 */
} LTable;
#define LAYOUT_MAX_TABLES 64
typedef struct Layout {
    Arena arena;
    Str name, doc_title;
    bool weights_optional; /* `weights optional`: E120/E122 do not ask for weights (forms without them) */
    LTable *tables;
    int ntables;
} Layout;

/* Find and read layout NAME: NULL with a message in err. */
Layout *layout_load(const char *name, const LoadOptions *o, char *err, size_t errlen);
void layout_free(Layout *l);
/* CheckOptions.table_hook: E138 when a `table ID { … }` names a table or a
 * row/column key the layout does not have.  ctx is a LayoutCheck; the
 * layout (-l NAME, else the budget's) is read on the first call. */
typedef struct LayoutCheck {
    const char *name;
    const LoadOptions *load;
    Layout **loaded; /* the caller frees it */
} LayoutCheck;
void layout_check_table(const void *ctx, Diags *ds, const Symtab *st, const Stmt *budget, const Stmt *table);
/* CheckOptions.weights_optional: the layout's `weights` rule (ctx a LayoutCheck). */
bool layout_weights_optional(const void *ctx, const Stmt *budget);
/* Every *.EXT file of layout NAME, found as a layout is (each -I folder,
 * then $BDL_PATH, then FILES, the copies built into bdlc), appended to text
 * in name order: how many.  layout.c reads the *.layout files, narrative.c
 * the *.narrative ones. */
int layout_read_files(const char *name, const char *ext, const BuiltinFile *files, int nfiles,
                      const LoadOptions *o, Buf *text);
extern const BuiltinFile bdl_builtin_layouts[];
extern const int bdl_builtin_layouts_count;

/* The quantities the model derives, as the layout reads them (model.c). */
typedef struct MQRow {
    Str code, name;
    int depth;
    int64_t v[NCELLS];
    bool w[NCELLS]; /* the author wrote this cell */
} MQRow;
typedef struct MQTree {
    MQRow *rows;    /* code order */
    int n;
    MQRow total;
} MQTree;
typedef struct MQ MQ; /* a budget being modelled */
/* The sources of a set: all | fiscal | a key or name; count returned. */
int mq_sources(MQ *q, Str set, const Source **out, int cap);
int mq_nsources(MQ *q);
/* Expenditure by function code (cls CLS_FUNCTION: total/basic/project) or
 * economic code (personnel/public) over a source set. */
void mq_tree(MQ *q, int cls, Str set, MQTree *out);
const MQRow *mq_find(const MQTree *t, Str code);
/* A source's income or carry-over (written: it has a row), its expenditure. */
int64_t mq_income(MQ *q, const Source *s, bool carryover, bool *written);
int64_t mq_spent(MQ *q, const Source *s);
bool mq_overflow(MQ *q, int64_t *acc, int64_t v);
/* Rows a table of the given kind is filled with, by column key. */
void mq_fill_official(MQ *q, MTable *t); /* the 三公 row */
Arena *mq_arena(MQ *q);
void mq_fill_items(MQ *q, MTable *t, Str total_label); /* procurement items */
int mq_nitems(MQ *q);
void mq_fill_indicators(MQ *q, MTable *t);
void mq_fill_projects(MQ *q, MTable *t);
/* Grids of the projects' texts (经费情况说明: a row per project that has
 * one) or of their indicators (a row each, the project's fields on its first). */
void mq_fill_project_rows(MQ *q, MTable *t, bool indicators);
MRow *mq_add_row(MQ *q, MTable *t, MRowKind kind);
void mq_put(const MTable *t, MRow *r, const char *key, MVal v);
MVal mq_amount(int64_t v, bool written);
/* Arrange the model's quantities into the layout's tables (layout.c). */
void layout_apply(const Layout *l, MQ *q, Model *m);

/* A year's quantities as the narrative reads them (model_year): amounts in
 * 10^-decimals of the budget's unit; strings point into the unit. */
typedef struct NLeaf {
    Str code, name, class_name, section_name; /* the 项 and its 类 and 款 */
    int64_t amount;                            /* fiscal (财政拨款) expenditure */
} NLeaf;
typedef struct NYear {
    Arena arena;
    Str year;
    int decimals, unit_pow;
    int nsources;
    Str *key;                /* each source's key, in library order */
    bool *fiscal;
    int64_t *income, *spent; /* 本年收入 and expenditure, by source */
    int64_t tp[4];           /* 三公 items: overseas, vehicle-purchase, vehicle-operation, reception */
    NLeaf *leaves;           /* function 项 with fiscal expenditure, in code order */
    int nleaves;
    Str *codes;              /* every function code with expenditure (any source), code order */
    int ncodes;
    int64_t opcost, procurement[PK_COUNT];
    bool opcost_known, procurement_known[PK_COUNT];
} NYear;
void model_year(Unit *u, const CheckResult *r, NYear *out);
void model_year_free(NYear *y);

/* The narrative (narrative.c): last year and the texts checked after
 * check_unit (E145 E146 E148 E149 W147 W150 into u's diagnostics; the
 * previous year's own diagnostics stay in its unit, for printing), then the
 * layout's templates rendered into Model.sections.  layout: --layout NAME,
 * or NULL for the budget's. */
typedef struct Narrative Narrative;
Narrative *narrative_check(Unit *u, const CheckResult *r, const LoadOptions *lo, const char *layout);
Unit *narrative_previous_unit(const Narrative *n); /* NULL when none was read */
Unit *narrative_take_previous(Narrative *n);      /* the same, now the caller's to free */
int narrative_render(Narrative *n, Model *m, char *err, size_t errlen); /* 0, or 2 with a message */
void narrative_free(Narrative *n);
extern const BuiltinFile bdl_builtin_narratives[];
extern const int bdl_builtin_narratives_count;

/* Build the model of a unit that check_unit passed without errors, with the
 * result it handed back.  NULL (message in err) when a derived sum
 * overflows. */
Model *model_build(Unit *u, const CheckResult *r, const struct Layout *lay, char *err, size_t errlen);
void model_free(Model *m);
/* The text of a cell as the tables print it: amounts with or without
 * grouping, blanks empty, booleans 是/否.  buf needs 32 bytes; the result
 * may point into the model instead. */
Str model_cell_text(const Model *m, const MVal *v, bool grouping, char *buf);
/* A table's header rows (every back end draws them the same way): their
 * number, and whether neighbouring columns share their groups down to row
 * `upto`, so that those header cells merge. */
int model_header_depth(const MTable *t);
bool model_same_groups(const MColumn *a, const MColumn *b, int upto);
/* An amount in a table's unit, at its decimals (rounded half away from zero). */
int64_t table_amount(const Model *m, const MTable *t, int64_t v);
/* The text of a cell in a table's own number format (unit, decimals, zero
 * style for a blank or zero amount column c; c NULL: a field). */
Str table_cell_text(const Model *m, const MTable *t, const MColumn *c, const MVal *v, bool grouping, char *buf);

void emit_json(const Model *m, Buf *out);
void emit_html(const Model *m, Buf *out);
void emit_csv_table(const Model *m, const MTable *t, bool bom, Buf *out);
void emit_csv_projects(const Model *m, bool bom, Buf *out); /* projects.csv */
void emit_csv_index(const Model *m, bool bom, Buf *out);    /* index.csv: number, id, title */
/* The plugins build/lib/bdlc/xlsx.so and pdf.so (emit_xlsx.c, emit_pdf.c),
 * loaded by compile.c for their format only: 0, or 1 with a message. */
int bdlc_emit_xlsx(const Model *m, Buf *out, char *err, size_t errlen);
int bdlc_emit_pdf(const Model *m, Buf *out, char *err, size_t errlen);
/* Where the plugins are (compile.c): $BDL_PLUGIN_DIR, else lib/bdlc near the binary. */
void compile_plugin_dir(char *out, size_t cap);

/* ------------------------------------------------------------- facts */

/* A budget as rows of the facts database (facts.c): `compile -f facts`
 * writes them as CSV, `-f sqlite` through the plugin sqlite.so
 * (emit_sqlite.c).  A value is text (NULL = SQL NULL); the column's type
 * says how SQL stores it: 'T' text, 'I' integer. */
enum { FT_BUDGETS, FT_CELLS, FT_PROJECTS, FT_INDICATORS, FT_DIAGNOSTICS, FT_COUNT };
typedef struct FactSpec {
    const char *name;
    const char *const *cols;
    const char *types; /* one letter per column */
    int ncols;
} FactSpec;
extern const FactSpec facts_tables[FT_COUNT];
enum { FACTS_SCHEMA_VERSION = 1 };
typedef struct Facts {
    Arena arena;
    char *budget;       /* its key: the root's path as given */
    Vec rows[FT_COUNT]; /* char *[ncols] each */
} Facts;
void facts_init(Facts *f);
void facts_free(Facts *f);
/* The rows of one budget: m is NULL when it has errors (then only its
 * budgets row and its diagnostics). */
void facts_budget(Facts *f, const char *budget, const Unit *u, const Model *m);
void facts_csv_header(int table, Buf *out);
void facts_csv_rows(const Facts *f, int table, Buf *out);
/* The plugin sqlite.so: open (creating the schema), put one budget in one
 * transaction (its old rows replaced), close.  0 / non-NULL on success,
 * else a message in err. */
void *bdlc_sqlite_open(const char *path, char *err, size_t errlen);
int bdlc_sqlite_put(void *db, const Facts *f, char *err, size_t errlen);
int bdlc_sqlite_close(void *db, char *err, size_t errlen);

/* --------------------------------------------------------------- commands */

/* Every option of every command.  main.c parses them all one way: --opt=V,
 * --opt V, -xV, -x V; a flag takes no value; `--` ends the options; --help
 * (-h) prints the command's usage.  A command lists the ones it takes. */
enum {
    OPT_INCLUDE,     /* -I DIR (repeatable, in order) */
    OPT_MAX_ERRORS,  /* --max-errors N */
    OPT_WERROR,      /* --werror */
    OPT_DIAG_FORMAT, /* --diagnostics-format text|json|sarif */
    OPT_COLOR,       /* --color auto|always|never */
    OPT_VERBOSE,     /* --verbose, -v */
    OPT_FORMAT,      /* -f json|html|csv */
    OPT_OUT,         /* -o OUT */
    OPT_BOM,         /* --bom */
    OPT_WRITE,       /* --write, -w */
    OPT_CHECK,       /* --check */
    OPT_SHARD,       /* --shard I/N (district.c) */
    OPT_FILES_FROM,  /* --files-from LIST (district.c) */
    OPT_LAYOUT,      /* --layout NAME */
    OPT_AGENCY,      /* --agency NAME (compile: one agency of a consolidated department) */
    OPT_DIFF_FORMAT, /* diff's -f text|json|html (diff.c) */
    OPT_TEXTCONV,    /* diff's --textconv FILE (diff.c) */
    OPT_COUNT
};
#define OPT(id) (1u << (id))

/* A parsed command line, as a command receives it. */
typedef struct CmdLine {
    const struct Command *cmd;
    const char *val[OPT_COUNT]; /* each option's last value ("" for a flag), NULL when not given */
    const char **dirs;          /* every -I, in order */
    int ndirs;
    char **files;               /* the operands, NULL-terminated like argv */
    int nfiles;
    DiagOptions diag;           /* from --max-errors, --werror, --diagnostics-format, --color */
    LoadOptions load;           /* from -I */
    /* Print "PREFIX: <fmt with arg>" and the --help hint; returns 2. */
    int (*usage_error)(const struct CmdLine *cl, const char *fmt, const char *arg);
} CmdLine;

/* A command of bdlc: one row of main.c's table. */
typedef struct Command {
    const char *name;
    const char *synopsis;  /* for `bdlc --help`: "compile -f FMT FILE" */
    const char *summary;   /* … and what it does */
    const char *usage;     /* `bdlc NAME --help` */
    unsigned opts;         /* OPT(…) | … that it takes */
    const char *err;       /* its usage errors start with this, e.g. "bdlc compile: " */
    const char *help;      /* … and end with "(run 'HELP' for usage)" */
    int (*run)(const CmdLine *cl); /* exit status */
} Command;

/* A district (district.c): `bdlc check DIR`, --files-from, --shard.  The
 * roots (.bdl files with a budget block) under the operands, sorted by
 * path, --shard applied. */
typedef struct Roots {
    char **path;
    int n, cap;
    bool *maybe; /* found in a folder: a root only if district_is_root says so once loaded */
} Roots;
bool district_is_root(const Unit *u); /* its root file has a budget block */
bool district_mode(const CmdLine *cl); /* a DIR operand, --files-from or --shard */
int district_find(const CmdLine *cl, Roots *out); /* 0, or 2 after an I/O or usage error */
void district_free(Roots *r);
int district_check(const CmdLine *cl); /* `bdlc check` of a district: exit status */
void district_none(const CmdLine *cl);  /* say that the operands hold no budget */

extern const Command cmd_check;   /* main.c: parse + every check (spec §7) */
extern const Command cmd_compile; /* compile.c: the published tables */
extern const Command cmd_fmt;     /* fmt.c: the canonical layout */
/* fmt.c: BDL text laid out as `bdlc fmt` would (false: left as it was). */
bool fmt_buffer(const char *name, const char *text, size_t len, Buf *out);
extern const Command cmd_import;  /* import.c: published tab-separated tables → BDL */
extern const Command cmd_review;  /* review.c: many published budgets imported, checked, one report */
extern const Command cmd_explain; /* explain.c: what a diagnostic code means */
extern const Command cmd_diff;    /* diff.c: what changed in the published tables between two budgets */

#endif
