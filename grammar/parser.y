/*
 * parser.y — the BDL grammar (spec §3).
 *
 * A pure parser with locations.  Statements are built as they are parsed:
 * a block's statement is created when its keyword line is recognised
 * (mid-rule action) and rows are appended to it, so whatever was parsed
 * before an error is kept and the checker can still look at it.
 *
 * Line structure lives in the grammar: NL is a token.  Between the scanner
 * and bison sits a small token filter (yylex below) that
 *   - joins adjacent strings, also across one line break (spec §2),
 *   - ends the file with NL,
 *   - after an error skips the rest of the line, or the whole block when the
 *     line opened one, and hands the parser a SYNC token to resume on.
 * Error productions exist only at top level and in row blocks, so after
 * recovery the parser is either at top level or inside the row block that
 * was open; the filter knows which from p->in_rows.
 *
 * Semantic values live in the unit's arena (or point into the source), so
 * discarding them during error recovery can't leak: no %destructor needs to
 * free anything.
 */
%code requires {
#include "bdl.h"

typedef struct Tok {
    int kind;
    Loc loc;
    uint32_t len; /* the token's length in bytes (loc.len stops at 65,535) */
    Str s;
    int flags; /* NL: 1 when its line ended in a comment */
} Tok;

/* The scanner's state (grammar/lexer.l). */
typedef struct Lexer {
    void *scanner;
    SrcFile *file;
    Diags *diags;
    Arena *arena;
    size_t from, end;     /* the bytes scanned: the whole file, or a piece of it */
    int line;
    bool comment_on_line;
    bool keep_comments;   /* return comments as '#' tokens (bdlc fmt only) */
    bool quiet_line;      /* a lexical error was reported on this line */
    bool last_error;      /* the last lex_error call did report */
    uint32_t last_ident_end;
    bool last_ident_digit;
    int *error_lines;     /* lines holding an E001–E010, ascending */
    int nerror_lines, cap_error_lines;
} Lexer;

void lexer_open(Lexer *lx, Unit *u, SrcFile *f);
/* Scan bytes [from, to) of f, whose lines are numbered from `line`, with
 * values in `a` and diagnostics in `ds`.  f->text[to] and f->text[to + 1]
 * must be NUL (flex scans in place). */
void lexer_open_range(Lexer *lx, Arena *a, Diags *ds, SrcFile *f, size_t from, size_t to, int line);
void lexer_close(Lexer *lx);
int lex_next(Lexer *lx, Tok *tok);
int lex_scan(void *scanner, Tok *tok); /* lex_next without the call in between (the parser's) */
void lex_note_error_line(Lexer *lx, int line);

/* Clauses that may appear once in a project or procurement block: where
 * each was first written, for E105.  Only the parser needs them, so they
 * live here and not in every statement (85,000 projects in a 100 MB budget). */
enum { CL_AMOUNT, CL_SUPERIOR, CL_AGENCY, CL_OWNER, CL_CATEGORY, CL_EXEC, CL_SUMMARY, CL_BASIS, CL_GOAL,
       CL_IMPLEMENTER, CL_PLAN, CL_PERIOD, CL_SCHEDULE, CL_NATURE, CL_START, CL_END, CL_ANNUAL_GOAL,
       CL_DUTIES, CL_ORGANISATION, NCLAUSES };

typedef struct Parser {
    Arena *arena;      /* where the statements go */
    Diags *diags;      /* and the diagnostics */
    SrcFile *file;
    Lexer lx;
    Vec *out;          /* statements of this file */
    Stmt *cur;         /* the statement being built */
    LevelGroup *group; /* indicator-levels: the level-1 group being built */
    Indicator *ind;    /* the indicator being built */
    Clause cl[NCLAUSES]; /* of the statement being built */
    /* A project's lists grow here, on the heap, and are copied to the arena
     * at their exact size when the project ends (doubling arrays in the
     * arena left the smaller copies behind: 10 MB in a 100 MB budget). */
    Vec functions, economics, goals, indicators;
    /* token filter */
    Tok ahead[4];      /* raw tokens read ahead */
    int nahead;
    Tok queue[8];      /* tokens to deliver before reading more */
    int nqueue;
    int nest;          /* braces delivered and not yet closed */
    bool in_rows;      /* inside a row block (where errors recover) */
    Loc rows_open;     /* the keyword of that block */
    int last_kind;     /* kind of the last token delivered */
    int prev_kind;     /* and of the one before it */
    int line_kind;     /* and of the first token of its line (for messages) */
    Loc last_loc;
    bool skip;         /* an error was reported: resynchronise */
    int eof_errors;
} Parser;

/* An amount with its unit suffix, as a semantic value: 16 bytes, so that
 * every value bison copies (a shift, and $$ = $1 on every reduction) is
 * 16 bytes and not an Amount's 32; the Loc is the rule's own. */
typedef struct UAmount {
    const char *s;
    uint32_t n;
    uint8_t unit; /* AMT_* */
} UAmount;

#define YYLTYPE Loc
#define YYLTYPE_IS_DECLARED 1
#define YYLTYPE_IS_TRIVIAL 1
}

%code {
#include <stdio.h>
#include <string.h>

/* inlined into yyparse: it runs once a token (gcc had stopped inlining it) */
static inline int yylex(YYSTYPE *lval, Loc *lloc, Parser *p) __attribute__((always_inline));
static void yyerror(Loc *lloc, Parser *p, const char *msg);

/* A Loc spanning the rule: first token's start, extended over the line. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) { (Cur) = YYRHSLOC(Rhs, 1); }                          \
        else { (Cur) = YYRHSLOC(Rhs, 0); (Cur).len = 0; }             \
    } while (0)

static Stmt *begin(Parser *p, StmtKind kind, Loc loc);
static void end(Parser *p, Loc last);
static Name name_of(Str s, Loc loc);
static Code code_of(Str s, Loc loc);
static Amount amount_of(Str s, Loc loc);
static Amount uamount_of(UAmount a, Loc loc);
static Row *new_row(Parser *p, Loc loc);
static void set_cell(Parser *p, Row *r, int cell, Str s, Loc loc);
static void clause(Parser *p, Clause *c, Loc loc, const char *what);
static void *new0(Parser *p, size_t n);
static void ind_set(Indicator *in, int k, Str s);
static ProjMore *more(Parser *p);
static void rows_begin(Parser *p);
static void rows_end(Parser *p);
static void eco_mark(Parser *p, Row *r, int mark, Loc loc);
static void bad_word(Parser *p, Loc loc, const char *fmt, Str w);
static int unit_of(Parser *p, Str w, Loc loc);
static int proc_kind(Parser *p, Str w, Loc loc);
static void table_set(Parser *p, Str what, Loc at, const Str *key, Loc key_loc, Str value, Loc value_loc);
static void prev_row(Parser *p, Loc at, int tp, Str source, Amount a);
static NarrLine *narr_line(Parser *p, int kind, Loc at);
static void narr_item(Parser *p, int what, Loc at, Str text, Amount a);
#define U (p->cur->u)
#define APUSH(v, x) vec_apush(p->arena, (v), (x))
}

%define api.pure full
%define parse.error custom
%define parse.lac full

%locations
%param {Parser *p}
%expect 0

%union {
    Str str;
    UAmount amt;
    Row *row;
    int n;
}

%token <str> IDENT STRING INTEGER DECIMAL CODE DATE
%token NL SYNC GE LE
%token KW_IMPORT KW_INCLUDE KW_BUDGET KW_DEPARTMENT KW_AGENCY KW_UNIT KW_DECIMALS
%token KW_AGENCIES
%token KW_PROJECTS KW_PARTIAL KW_ALLOW KW_INCOME KW_CARRYOVER KW_EXPENDITURE
%token KW_ECONOMIC KW_TOTAL KW_BASIC KW_PROJECT KW_PERSONNEL KW_PUBLIC
%token KW_THREE_PUBLIC KW_OVERSEAS KW_VEHICLE_PURCHASE KW_VEHICLE_OPERATION
%token KW_RECEPTION KW_PROCUREMENT KW_CATEGORY KW_PERFORMANCE KW_GOAL
%token KW_INDICATOR KW_WEIGHT KW_CORE KW_QUALITATIVE KW_AMOUNT KW_SUPERIOR
%token KW_OWNER KW_FUNCTION KW_EXECUTION_WEIGHT KW_SUMMARY KW_BASIS
%token KW_CLASSIFICATION KW_SOURCE KW_FISCAL KW_LABELS KW_COLUMN
%token KW_INDICATOR_LEVELS KW_THREE_PUBLIC_CODES KW_LINKS
%token KW_LAYOUT KW_VARIANT KW_KIND KW_IMPLEMENTER KW_PLAN KW_PERIOD KW_SCHEDULE KW_NATURE
%token KW_START KW_END KW_ANNUAL_GOAL KW_OPERATING_COSTS KW_PROCUREMENT_SUMMARY KW_TABLE
%token KW_TITLE KW_GROUPING KW_ZERO KW_LABEL
%token KW_PREVIOUS KW_NARRATIVE KW_EXECUTION KW_PURPOSE KW_REASON KW_DUTIES KW_ORGANISATION

%type <str> name text code amount number key date_val
%type <amt> uamount
%type <row> exp_head eco_head
%type <n> tp_key tp_key_all exp_cell_key eco_cell_key

%%

file
    : %empty
    | file NL
    | file stmt NL
    | file error SYNC { yyerrok; }
    ;

stmt
    : KW_IMPORT STRING   { begin(p, ST_IMPORT, @1); U.inc.path = $2; U.inc.path_loc = @2; end(p, @2); }
    | KW_INCLUDE STRING  { begin(p, ST_INCLUDE, @1); U.inc.path = $2; U.inc.path_loc = @2; end(p, @2); }
    | agencies
    | budget | income | carryover | expenditure | economic | three_public
    | procurement | performance | project | classification | source | levels
    | tp_codes | links | opcost | psum | table | previous | narrative
    ;

/* A department's agency roots (consolidate.c): a path pattern, relative to the file. */
agencies
    : KW_AGENCIES STRING { begin(p, ST_AGENCIES, @1); U.inc.path = $2; U.inc.path_loc = @2; end(p, @2); }
    ;

/* ------------------------------------------------------------ budget */

budget
    : KW_BUDGET INTEGER { begin(p, ST_BUDGET, @1); U.budget.year = $2; U.budget.year_loc = @2; }
      '{' b_body '}'    { end(p, @5); }
    ;
b_body : %empty | NL { rows_begin(p); } b_rows b_last { rows_end(p); } ;
b_last : %empty | b_row ;
b_rows : %empty | b_rows NL | b_rows b_row NL | b_rows error SYNC { yyerrok; } ;
b_row
    : KW_DEPARTMENT code name {
          clause(p, &U.budget.department_clause, @1, "department");
          U.budget.department = code_of($2, @2); U.budget.department_name = name_of($3, @3); }
    | KW_DEPARTMENT name {
          clause(p, &U.budget.department_clause, @1, "department");
          U.budget.department_name = name_of($2, @2); }
    | KW_AGENCY code name {
          AgencyDecl *a = new0(p, sizeof *a);
          a->code = code_of($2, @2); a->name = name_of($3, @3);
          APUSH(&U.budget.agencies, a); } opt_kind
    | KW_AGENCY name {
          AgencyDecl *a = new0(p, sizeof *a);
          a->name = name_of($2, @2);
          APUSH(&U.budget.agencies, a); } opt_kind
    | KW_LAYOUT name { clause(p, &U.budget.layout_clause, @1, "layout"); U.budget.layout = name_of($2, @2); }
    | KW_VARIANT KW_DEPARTMENT {
          clause(p, &U.budget.variant_clause, @1, "variant"); U.budget.variant = name_of(str_c("department"), @2); }
    | KW_VARIANT KW_AGENCY {
          clause(p, &U.budget.variant_clause, @1, "variant"); U.budget.variant = name_of(str_c("agency"), @2); }
    | KW_UNIT name { clause(p, &U.budget.unit_clause, @1, "unit"); U.budget.unit = name_of($2, @2); }
    | KW_DECIMALS INTEGER {
          clause(p, &U.budget.decimals_clause, @1, "decimals");
          U.budget.decimals = $2; U.budget.decimals_loc = @2; }
    | KW_PROJECTS KW_PARTIAL { clause(p, &U.budget.partial, @1, "projects partial"); }
    | KW_ALLOW allow_list
    | KW_PREVIOUS STRING {
          clause(p, &U.budget.previous_clause, @1, "previous"); U.budget.previous = name_of($2, @2); }
    ;
opt_kind
    : %empty
    | KW_KIND name {
          AgencyDecl *a = U.budget.agencies.v[U.budget.agencies.n - 1];
          if (!str_eqc($2, "行政") && !str_eqc($2, "参公") && !str_eqc($2, "事业"))
              bad_word(p, @2, N_("an agency's kind is 行政, 参公 or 事业, but this one is '%.*s'"), $2);
          a->kind = name_of($2, @2); }
    ;
allow_list
    : IDENT             { Name *n = new0(p, sizeof *n); *n = name_of($1, @1); APUSH(&U.budget.allow, n); }
    | allow_list IDENT  { Name *n = new0(p, sizeof *n); *n = name_of($2, @2); APUSH(&U.budget.allow, n); }
    ;

/* ------------------------------------------- income, carryover, rows */

income    : KW_INCOME    { begin(p, ST_INCOME, @1); }    src_block { end(p, @3); } ;
carryover : KW_CARRYOVER { begin(p, ST_CARRYOVER, @1); } src_block { end(p, @3); } ;
src_block : '{' '}' | '{' NL { rows_begin(p); } src_rows src_last '}' { rows_end(p); } ;
src_last : %empty | src_row ;
src_rows  : %empty | src_rows NL | src_rows src_row NL | src_rows error SYNC { yyerrok; } ;
src_row
    : name amount {
          SrcRow *r = new0(p, sizeof *r);
          r->source = name_of($1, @1); r->amount = amount_of($2, @2);
          APUSH(&U.block.rows, r); }
    ;

expenditure
    : KW_EXPENDITURE { begin(p, ST_EXPENDITURE, @1); } opt_source exp_block { end(p, @4); }
    ;
opt_source : %empty | name { U.block.source = name_of($1, @1); } ;
exp_block  : '{' '}' | '{' NL { rows_begin(p); } exp_rows exp_last '}' { rows_end(p); } ;
exp_last : %empty | exp_row ;
exp_rows   : %empty | exp_rows NL | exp_rows exp_row NL | exp_rows error SYNC { yyerrok; } ;
exp_row    : exp_head exp_cells ;
exp_head
    : code        { $$ = new_row(p, @1); $$->code = code_of($1, @1); }
    | code name   { $$ = new_row(p, @1); $$->code = code_of($1, @1); $$->name = name_of($2, @2); }
    | KW_TOTAL    { $$ = new_row(p, @1); $$->is_total = true; }
    ;
exp_cells
    : exp_cell_key amount           { set_cell(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], $1, $2, @2); }
    | exp_cells exp_cell_key amount { set_cell(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], $2, $3, @3); }
    ;
/* personnel/public split a row's basic (人员经费/公用经费 by function code) */
exp_cell_key
    : KW_BASIC { $$ = CELL_BASIC; } | KW_PROJECT { $$ = CELL_PROJECT; } | KW_TOTAL { $$ = CELL_TOTAL; }
    | KW_PERSONNEL { $$ = CELL_PERSONNEL; } | KW_PUBLIC { $$ = CELL_PUBLIC; }
    ;

economic
    : KW_ECONOMIC { begin(p, ST_ECONOMIC, @1); } opt_source eco_block { end(p, @4); }
    ;
eco_block : '{' '}' | '{' NL { rows_begin(p); } eco_rows eco_last '}' { rows_end(p); } ;
eco_last : %empty | eco_row ;
eco_rows  : %empty | eco_rows NL | eco_rows eco_row NL | eco_rows error SYNC { yyerrok; } ;
eco_row
    : eco_head amount { $1->bare = amount_of($2, @2); } eco_items
    | eco_head eco_cells
    ;
eco_head
    : code        { $$ = new_row(p, @1); $$->code = code_of($1, @1); }
    | code name   { $$ = new_row(p, @1); $$->code = code_of($1, @1); $$->name = name_of($2, @2); }
    | KW_TOTAL    { $$ = new_row(p, @1); $$->is_total = true; }
    ;
eco_items
    : %empty
    | eco_items KW_PERSONNEL { eco_mark(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], CELL_PERSONNEL, @2); }
    | eco_items KW_PUBLIC    { eco_mark(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], CELL_PUBLIC, @2); }
    | eco_items eco_cell_key amount { set_cell(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], $2, $3, @3); }
    ;
eco_cells
    : eco_cell_key amount           { set_cell(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], $1, $2, @2); }
    | eco_cells eco_cell_key amount { set_cell(p, p->cur->u.block.rows.v[p->cur->u.block.rows.n - 1], $2, $3, @3); }
    ;
eco_cell_key : KW_PERSONNEL { $$ = CELL_PERSONNEL; } | KW_PUBLIC { $$ = CELL_PUBLIC; } | KW_TOTAL { $$ = CELL_TOTAL; } ;

/* --------------------------------------------------------- three-public */

three_public
    : KW_THREE_PUBLIC { begin(p, ST_THREE_PUBLIC, @1); } tp_unit '{' tp_items '}' { end(p, @6); }
    ;
tp_unit : %empty | IDENT { U.tp.unit = unit_of(p, $1, @1); } ;
tp_items : %empty | tp_items NL | tp_items tp_key_all uamount {
          if (U.tp.item[$2].present) {
              diag_at(p->diags, @2, "E105", "this 三公 item is already written in this block");
              diag_note(p->diags, &U.tp.item_loc[$2], "first written here");
          }
          U.tp.item[$2] = uamount_of($3, @3); U.tp.item_loc[$2] = @2;
          if (!$3.unit) U.tp.item[$2].unit = U.tp.unit; /* `three-public 万元 {` */ } ;
tp_key_all : tp_key | KW_TOTAL { $$ = 4; } ;
tp_key
    : KW_OVERSEAS { $$ = 0; } | KW_VEHICLE_PURCHASE { $$ = 1; }
    | KW_VEHICLE_OPERATION { $$ = 2; } | KW_RECEPTION { $$ = 3; }
    ;

/* ---------------------------------------------------------- procurement */

procurement
    : KW_PROCUREMENT code name {
          begin(p, ST_PROCUREMENT, @1); U.proc.code = code_of($2, @2); U.proc.name = name_of($3, @3); }
      proc_block { end(p, @5); }
    | KW_PROCUREMENT name {
          begin(p, ST_PROCUREMENT, @1); U.proc.name = name_of($2, @2); }
      proc_block { end(p, @4); }
    ;
proc_block : '{' '}' | '{' NL { rows_begin(p); } proc_rows proc_last '}' { rows_end(p); } ;
proc_last : %empty | proc_row ;
proc_rows  : %empty | proc_rows NL | proc_rows proc_row NL | proc_rows error SYNC { yyerrok; } ;
proc_row
    : KW_CATEGORY name { clause(p, &p->cl[CL_CATEGORY], @1, "category"); U.proc.category = name_of($2, @2); }
    | name amount {
          SrcRow *r = new0(p, sizeof *r);
          r->source = name_of($1, @1); r->amount = amount_of($2, @2);
          APUSH(&U.proc.rows, r); }
    ;

/* ---------------------------------------------------------- performance */

performance
    : KW_PERFORMANCE { begin(p, ST_PERFORMANCE, @1); } perf_block { end(p, @3); }
    ;
perf_block : '{' '}' | '{' NL { rows_begin(p); } perf_rows perf_last '}' { rows_end(p); } ;
perf_last : %empty | perf_row ;
perf_rows  : %empty | perf_rows NL | perf_rows perf_row NL | perf_rows error SYNC { yyerrok; } ;
perf_row
    : KW_GOAL text { Name *n = new0(p, sizeof *n); *n = name_of($2, @2); APUSH(&U.perf.goals, n); }
    | indicator    { APUSH(&U.perf.indicators, p->ind); }
    ;

indicator
    : KW_INDICATOR name '/' name '/' name {
          p->ind = new0(p, sizeof *p->ind); p->ind->loc = @1;
          p->ind->level0_off = @2.off; p->ind->level0_len = @2.len; /* on @1's line: NL is a token */
          ind_set(p->ind, IND_LEVEL0, $2); ind_set(p->ind, IND_LEVEL1, $4); ind_set(p->ind, IND_LEVEL2, $6); }
      target opt_weight opt_core
    ;
target
    : op number opt_unit { ind_set(p->ind, IND_VALUE, $2); }
    | KW_QUALITATIVE text { p->ind->op = OP_QUAL; ind_set(p->ind, IND_VALUE, $2); }
    ;
op
    : GE  { p->ind->op = OP_GE; }
    | LE  { p->ind->op = OP_LE; }
    | '=' { p->ind->op = OP_EQ; }
    | '>' { p->ind->op = OP_GT; }
    | '<' { p->ind->op = OP_LT; }
    ;
opt_unit
    : %empty
    | name { ind_set(p->ind, IND_UNIT, $1); }
    | '%'  { ind_set(p->ind, IND_UNIT, str_c("%")); }
    ;
opt_weight : %empty | KW_WEIGHT number {
          ind_set(p->ind, IND_WEIGHT, $2); p->ind->weight_off = @2.off; p->ind->weight_line = @2.line;
          p->ind->weight_len = @2.len; } ;
opt_core   : %empty | KW_CORE { p->ind->core = true; } ;

/* -------------------------------------------------------------- project */

project
    : KW_PROJECT code name {
          begin(p, ST_PROJECT, @1); U.proj.code = code_of($2, @2); U.proj.name = name_of($3, @3); }
      proj_block { end(p, @5); }
    | KW_PROJECT name {
          begin(p, ST_PROJECT, @1); U.proj.name = name_of($2, @2); }
      proj_block { end(p, @4); }
    ;
proj_block : '{' '}' | '{' NL { rows_begin(p); } proj_rows proj_last '}' { rows_end(p); } ;
proj_last : %empty | proj_row ;
proj_rows  : %empty | proj_rows NL | proj_rows proj_row NL | proj_rows error SYNC { yyerrok; } ;
proj_row
    : KW_AMOUNT uamount  { clause(p, &p->cl[CL_AMOUNT], @1, "amount"); U.proj.amount = uamount_of($2, @2); }
    | KW_SUPERIOR uamount { clause(p, &p->cl[CL_SUPERIOR], @1, "superior"); U.proj.superior = uamount_of($2, @2); }
    | KW_AGENCY code     { clause(p, &p->cl[CL_AGENCY], @1, "agency"); U.proj.agency = code_of($2, @2); }
    | KW_AGENCY name     { clause(p, &p->cl[CL_AGENCY], @1, "agency"); U.proj.agency = code_of($2, @2);
                           U.proj.agency_by_name = true; }
    | KW_IMPLEMENTER name { clause(p, &p->cl[CL_IMPLEMENTER], @1, "implementer"); more(p)->implementer = name_of($2, @2); }
    | KW_PLAN text       { clause(p, &p->cl[CL_PLAN], @1, "plan"); more(p)->plan = name_of($2, @2); }
    | KW_PERIOD text     { clause(p, &p->cl[CL_PERIOD], @1, "period"); more(p)->period = name_of($2, @2); }
    | KW_SCHEDULE text   { clause(p, &p->cl[CL_SCHEDULE], @1, "schedule"); more(p)->schedule = name_of($2, @2); }
    | KW_NATURE name     { clause(p, &p->cl[CL_NATURE], @1, "nature"); more(p)->nature = name_of($2, @2); }
    | KW_START date_val  { clause(p, &p->cl[CL_START], @1, "start"); more(p)->start = name_of($2, @2); }
    | KW_END date_val    { clause(p, &p->cl[CL_END], @1, "end"); more(p)->end = name_of($2, @2); }
    | KW_ANNUAL_GOAL text { clause(p, &p->cl[CL_ANNUAL_GOAL], @1, "annual-goal"); more(p)->annual_goal = name_of($2, @2); }
    | KW_OWNER name      { clause(p, &p->cl[CL_OWNER], @1, "owner"); U.proj.owner = name_of($2, @2); }
    | KW_CATEGORY name   { clause(p, &p->cl[CL_CATEGORY], @1, "category"); U.proj.category = name_of($2, @2); }
    | KW_FUNCTION code   {
          ProjFunc *f = new0(p, sizeof *f); f->code = code_of($2, @2); vec_push(&p->functions, f); }
    | KW_FUNCTION code amount {
          ProjFunc *f = new0(p, sizeof *f); f->code = code_of($2, @2); f->amount = amount_of($3, @3);
          vec_push(&p->functions, f); }
    | KW_ECONOMIC code amount {
          ProjFunc *f = new0(p, sizeof *f); f->code = code_of($2, @2); f->amount = amount_of($3, @3);
          vec_push(&p->economics, f); }
    | KW_EXECUTION_WEIGHT number {
          clause(p, &p->cl[CL_EXEC], @1, "execution-weight");
          U.proj.has_exec = true; U.proj.exec_weight = $2; U.proj.exec_weight_loc = @2; }
    | KW_SUMMARY text    { clause(p, &p->cl[CL_SUMMARY], @1, "summary"); U.proj.summary = name_of($2, @2); }
    | KW_BASIS text      { clause(p, &p->cl[CL_BASIS], @1, "basis"); U.proj.basis = name_of($2, @2); }
    | KW_GOAL text       { clause(p, &p->cl[CL_GOAL], @1, "goal");
                           Name *n = new0(p, sizeof *n); *n = name_of($2, @2); vec_push(&p->goals, n); }
    | indicator          { vec_push(&p->indicators, p->ind); }
    ;

/* ------------------------------------------------------ stdlib statements */

classification
    : KW_CLASSIFICATION cls_kind opt_title cls_block { end(p, @4); }
    ;
cls_kind
    : KW_FUNCTION { begin(p, ST_CLASSIFICATION, @$); }
    | KW_ECONOMIC { begin(p, ST_CLASSIFICATION, @$); U.cls.economic = true; }
    ;
opt_title : %empty | STRING { U.cls.title = name_of($1, @1); } ;
cls_block : '{' '}' | '{' NL { rows_begin(p); } cls_rows cls_last '}' { rows_end(p); } ;
cls_last : %empty | cls_row ;
cls_rows  : %empty | cls_rows NL | cls_rows cls_row NL | cls_rows error SYNC { yyerrok; } ;
cls_row
    : code name          { ClassEntry *e = new0(p, sizeof *e); e->code = code_of($1, @1); e->name = name_of($2, @2); APUSH(&U.cls.entries, e); }
    | code name KW_PERSONNEL { ClassEntry *e = new0(p, sizeof *e); e->code = code_of($1, @1); e->name = name_of($2, @2); e->mark = CELL_PERSONNEL; e->mark_loc = @3; APUSH(&U.cls.entries, e); }
    | code name KW_PUBLIC    { ClassEntry *e = new0(p, sizeof *e); e->code = code_of($1, @1); e->name = name_of($2, @2); e->mark = CELL_PUBLIC; e->mark_loc = @3; APUSH(&U.cls.entries, e); }
    ;

source
    : KW_SOURCE IDENT name {
          begin(p, ST_SOURCE, @1); U.source.key = name_of($2, @2); U.source.name = name_of($3, @3); }
      opt_fiscal opt_labels { end(p, @$); }
    ;
opt_fiscal : %empty | KW_FISCAL { U.source.fiscal = true; } ;
opt_labels : %empty | KW_LABELS '{' label_items '}' ;
label_items
    : %empty | label_items NL
    | label_items KW_COLUMN STRING      { U.source.label[0] = name_of($3, @3); }
    | label_items KW_CARRYOVER STRING   { U.source.label[1] = name_of($3, @3); }
    | label_items KW_PROCUREMENT STRING { U.source.label[2] = name_of($3, @3); }
    ;

levels
    : KW_INDICATOR_LEVELS { begin(p, ST_LEVELS, @1); } '{' lv_items '}' { end(p, @5); }
    ;
lv_items
    : %empty | lv_items NL
    | lv_items name {
          p->group = new0(p, sizeof *p->group); p->group->level1 = name_of($2, @2);
          APUSH(&U.levels.groups, p->group); }
      '{' lv_names '}'
    ;
lv_names
    : %empty | lv_names NL
    | lv_names name { Name *n = new0(p, sizeof *n); *n = name_of($2, @2); APUSH(&p->group->level2, n); }
    ;

tp_codes
    : KW_THREE_PUBLIC_CODES { begin(p, ST_TP_CODES, @1); } '{' tpc_items '}' { end(p, @5); }
    ;
tpc_items : %empty | tpc_items NL | tpc_items tp_key code { U.tpcodes.code[$2] = code_of($3, @3); } ;

links
    : KW_LINKS { begin(p, ST_LINKS, @1); } '{' link_items '}' { end(p, @5); }
    ;
link_items
    : %empty | link_items NL
    | link_items code code {
          Code *c = new0(p, 2 * sizeof *c); c[0] = code_of($2, @2); c[1] = code_of($3, @3);
          APUSH(&U.links.pairs, c); }
    ;

/* ------------------------------------------------ operating costs, … */

opcost
    : KW_OPERATING_COSTS uamount { begin(p, ST_OPERATING_COSTS, @1); U.opcost.amount = uamount_of($2, @2); end(p, @2); }
    ;

psum
    : KW_PROCUREMENT_SUMMARY { begin(p, ST_PROC_SUMMARY, @1); } '{' psum_items '}' { end(p, @5); }
    ;
psum_items
    : %empty | psum_items NL
    | psum_items name uamount NL {
          int k = proc_kind(p, $2, @2);
          if (k >= 0) {
              if (U.psum.kind[k].present) {
                  diag_at(p->diags, @2, "E105", "the kind %.*s is already written in this block", (int)$2.n, $2.s);
                  diag_note(p->diags, &U.psum.kind_loc[k], "first written here");
              }
              U.psum.kind[k] = uamount_of($3, @3); U.psum.kind_loc[k] = @2;
          } }
    ;

table
    : KW_TABLE key { begin(p, ST_TABLE, @1); U.table.id = name_of($2, @2); } '{' tbl_items '}' { end(p, @6); }
    ;
tbl_items
    : %empty | tbl_items NL
    | tbl_items KW_TITLE text     { table_set(p, $<str>2, @2, NULL, @2, $3, @3); }
    | tbl_items KW_UNIT name      { table_set(p, $<str>2, @2, NULL, @2, $3, @3); unit_of(p, $3, @3); }
    | tbl_items KW_DECIMALS INTEGER { table_set(p, $<str>2, @2, NULL, @2, $3, @3); }
    | tbl_items KW_GROUPING name  { table_set(p, $<str>2, @2, NULL, @2, $3, @3);
                                    if (!str_eqc($3, "yes") && !str_eqc($3, "no"))
                                        bad_word(p, @3, N_("grouping is yes or no, but this is '%.*s'"), $3); }
    | tbl_items KW_ZERO name      { table_set(p, $<str>2, @2, NULL, @2, $3, @3);
                                    if (!str_eqc($3, "blank") && !str_eqc($3, "0") && !str_eqc($3, "0.00"))
                                        bad_word(p, @3, N_("a zero prints as blank, \"0\" or \"0.00\", not '%.*s'"), $3); }
    | tbl_items KW_LABEL key text  { table_set(p, $<str>2, @2, &$3, @3, $4, @4); }
    | tbl_items KW_COLUMN key text { table_set(p, $<str>2, @2, &$3, @3, $4, @4); }
    ;
/* a table, row or column key: a name, or a word that is also a keyword */
key
    : IDENT | STRING
    | KW_THREE_PUBLIC { $$ = $<str>1; } | KW_TOTAL { $$ = $<str>1; } | KW_BASIC { $$ = $<str>1; }
    | KW_PROJECT { $$ = $<str>1; } | KW_PERSONNEL { $$ = $<str>1; } | KW_PUBLIC { $$ = $<str>1; }
    | KW_INCOME { $$ = $<str>1; } | KW_CARRYOVER { $$ = $<str>1; } | KW_EXPENDITURE { $$ = $<str>1; }
    | KW_ECONOMIC { $$ = $<str>1; } | KW_PROCUREMENT { $$ = $<str>1; } | KW_PERFORMANCE { $$ = $<str>1; }
    | KW_OVERSEAS { $$ = $<str>1; } | KW_VEHICLE_PURCHASE { $$ = $<str>1; }
    | KW_VEHICLE_OPERATION { $$ = $<str>1; } | KW_RECEPTION { $$ = $<str>1; }
    | KW_OPERATING_COSTS { $$ = $<str>1; } | KW_FUNCTION { $$ = $<str>1; } | KW_AMOUNT { $$ = $<str>1; }
    /* the project pages' columns */
    | KW_SUMMARY { $$ = $<str>1; } | KW_BASIS { $$ = $<str>1; } | KW_IMPLEMENTER { $$ = $<str>1; }
    | KW_PLAN { $$ = $<str>1; } | KW_PERIOD { $$ = $<str>1; } | KW_SCHEDULE { $$ = $<str>1; }
    | KW_GOAL { $$ = $<str>1; } | KW_CATEGORY { $$ = $<str>1; } | KW_OWNER { $$ = $<str>1; }
    | KW_START { $$ = $<str>1; } | KW_END { $$ = $<str>1; } | KW_ANNUAL_GOAL { $$ = $<str>1; }
    ;
/* ---------------------------------------------- last year, narrative */

previous
    : KW_PREVIOUS { begin(p, ST_PREVIOUS, @1); } prev_block { end(p, @3); }
    ;
prev_block : '{' '}' | '{' NL { rows_begin(p); } prev_rows prev_last '}' { rows_end(p); } ;
prev_last : %empty | prev_row ;
prev_rows : %empty | prev_rows NL | prev_rows prev_row NL | prev_rows error SYNC { yyerrok; } ;
prev_row
    : name uamount            { prev_row(p, @1, -1, $1, uamount_of($2, @2)); }
    | tp_key uamount          { prev_row(p, @1, $1, (Str){ 0 }, uamount_of($2, @2)); }
    | KW_THREE_PUBLIC uamount { prev_row(p, @1, 4, (Str){ 0 }, uamount_of($2, @2)); }
    ;

narrative
    : KW_NARRATIVE { begin(p, ST_NARRATIVE, @1); } narr_block { end(p, @3); }
    ;
narr_block : '{' '}' | '{' NL { rows_begin(p); } narr_rows narr_last '}' { rows_end(p); } ;
narr_last : %empty | narr_row ;
narr_rows : %empty | narr_rows NL | narr_rows narr_row NL | narr_rows error SYNC { yyerrok; } ;
narr_row
    : KW_DUTIES text {
          clause(p, &p->cl[CL_DUTIES], @1, "duties"); narr_line(p, NL_DUTIES, @1)->text = name_of($2, @2); }
    | KW_ORGANISATION text {
          clause(p, &p->cl[CL_ORGANISATION], @1, "organisation");
          narr_line(p, NL_ORGANISATION, @1)->text = name_of($2, @2); }
    | KW_REASON key text {
          static const char *const keys[] = { "total", "three-public", "overseas", "vehicle", "vehicle-purchase",
                                              "vehicle-operation", "reception" };
          bool known = false;
          for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) known |= str_eqc($2, keys[k]);
          /* the keys are BDL words, typed as they are: an argument, not translated */
          if (!known)
              bad_word(p, @2, N_("a reason is for total, three-public, overseas, vehicle, vehicle-purchase, "
                                 "vehicle-operation or reception, not '%.*s'"), $2);
          NarrLine *l = narr_line(p, NL_REASON, @1);
          l->key = name_of($2, @2); l->text = name_of($3, @3); }
    | code { narr_line(p, NL_ITEM, @1)->code = code_of($1, @1); } narr_items
    ;
narr_items : narr_item | narr_items narr_item ;
narr_item
    : KW_EXECUTION uamount { narr_item(p, 0, @1, (Str){ 0 }, uamount_of($2, @2)); }
    | KW_PURPOSE text      { narr_item(p, 1, @2, $2, (Amount){ 0 }); }
    | KW_REASON text       { narr_item(p, 2, @2, $2, (Amount){ 0 }); }
    ;

date_val : DATE | name ;
uamount
    : amount       { $$ = (UAmount){ $1.s, $1.n, AMT_BUDGET }; }
    | amount IDENT { $$ = (UAmount){ $1.s, $1.n, (uint8_t)unit_of(p, $2, @2) }; }
    ;

/* ---------------------------------------------------------------- atoms */

name   : IDENT | STRING ;
text   : STRING ;
code   : CODE | INTEGER ;
amount : INTEGER | DECIMAL ;
number : INTEGER | DECIMAL ;

%%

/* ------------------------------------------------------------- builders */

static void *new0(Parser *p, size_t n) { return arena_alloc(p->arena, n); }

static void ind_set(Indicator *in, int k, Str s)
{
    in->s[k] = s.s;
    in->n[k] = s.n;
}

/* The project's rarer texts, allocated when the first is written. */
static ProjMore *more(Parser *p)
{
    if (!U.proj.more) U.proj.more = new0(p, sizeof(ProjMore));
    return U.proj.more;
}

/* The bytes a statement of this kind takes: the header and its own member
 * of the union, not the largest (a procurement item 136 bytes and a project
 * 416, not the budget block's 424: 107,000 of them in a 100 MB budget).
 * The kinds not listed, few in any budget, take the whole Stmt. */
static size_t stmt_size(StmtKind kind)
{
    const Stmt *s = NULL; /* sizeof does not evaluate it */
    size_t head = offsetof(Stmt, u);
    switch (kind) {
    case ST_PROCUREMENT: return head + sizeof s->u.proc;
    case ST_INCOME:
    case ST_CARRYOVER:
    case ST_EXPENDITURE:
    case ST_ECONOMIC: return head + sizeof s->u.block;
    case ST_PERFORMANCE: return head + sizeof s->u.perf;
    case ST_PROJECT: return head + sizeof s->u.proj;
    default: return sizeof *s;
    }
}

/* Copy a list grown on the heap into the arena at its size. */
static void settle(Parser *p, Vec *to, Vec *from)
{
    if (!from->n) return;
    to->v = arena_alloc(p->arena, sizeof(void *) * (size_t)from->n);
    memcpy(to->v, from->v, sizeof(void *) * (size_t)from->n);
    to->n = to->cap = from->n;
    from->n = 0;
}

/* The statement being built is complete (or cut short): settle its lists. */
static void finish(Parser *p)
{
    if (!p->cur || p->cur->kind != ST_PROJECT) return;
    settle(p, &U.proj.functions, &p->functions);
    settle(p, &U.proj.economics, &p->economics);
    settle(p, &U.proj.goals, &p->goals);
    settle(p, &U.proj.indicators, &p->indicators);
}

static Stmt *begin(Parser *p, StmtKind kind, Loc loc)
{
    finish(p);
    Stmt *s = new0(p, stmt_size(kind));
    s->kind = kind;
    s->loc = loc;
    s->end_line = 0; /* set by end(); a statement cut short by an error keeps 0 */
    APUSH(p->out, s);
    p->cur = s;
    memset(p->cl, 0, sizeof p->cl);
    return s;
}

/* The statement's last line is that of the last token read: its `}` (or
 * the end of line right after it). */
static void end(Parser *p, Loc last)
{
    p->cur->end_line = p->last_loc.line > last.line ? p->last_loc.line : last.line;
    finish(p);
}

/* A word the grammar takes but whose value is wrong (an agency's kind, a
 * unit, …): a syntax error of its line, with the choices. */
static void bad_word(Parser *p, Loc loc, const char *fmt, Str w)
{
    diag_at(p->diags, loc, "E010", fmt, (int)w.n, w.s);
    lex_note_error_line(&p->lx, loc.line);
}

static int unit_of(Parser *p, Str w, Loc loc)
{
    if (str_eqc(w, "元")) return AMT_YUAN;
    if (str_eqc(w, "万元")) return AMT_WAN;
    bad_word(p, loc, N_("an amount's unit is 元 or 万元, but this is '%.*s'"), w);
    return AMT_BUDGET;
}

static int proc_kind(Parser *p, Str w, Loc loc)
{
    for (int k = 0; k < PK_COUNT; k++)
        if (str_eqc(w, proc_kind_name[k])) return k;
    /* the kinds are BDL values, typed as they are: an argument, not translated */
    diag_at(p->diags, loc, "E010", "a kind of purchase is one of %s, but this is '%.*s'", "货物 工程 服务", (int)w.n, w.s);
    lex_note_error_line(&p->lx, loc.line);
    return -1;
}

static void table_set(Parser *p, Str what, Loc at, const Str *key, Loc key_loc, Str value, Loc value_loc)
{
    Vec *sets = &p->cur->u.table.sets;
    for (int i = 0; i < sets->n; i++) {
        TableSet *o = sets->v[i];
        if (str_eq(o->what, what) && (!key || str_eq(o->key.s, *key))) {
            diag_at(p->diags, at, "E105", "%.*s%s%.*s is already set in this table", (int)what.n, what.s,
                    key ? " " : "", key ? (int)key->n : 0, key ? key->s : "");
            diag_note(p->diags, &o->loc, "first set here");
            return;
        }
    }
    TableSet *t = new0(p, sizeof *t);
    t->what = what;
    t->loc = at;
    if (key) t->key = name_of(*key, key_loc);
    t->value = name_of(value, value_loc);
    APUSH(sets, t);
}

static void prev_row(Parser *p, Loc at, int tp, Str source, Amount a)
{
    Vec *rows = &p->cur->u.prev.rows;
    for (int i = 0; i < rows->n; i++) {
        PrevRow *o = rows->v[i];
        if (o->tp == tp && (tp >= 0 || str_eq(o->source.s, source))) {
            diag_at(p->diags, at, "E105", "last year's figure for this is already written in this block");
            diag_note(p->diags, tp >= 0 ? &o->amount.loc : &o->source.loc, "first written here");
            return;
        }
    }
    PrevRow *r = new0(p, sizeof *r);
    r->tp = tp;
    if (tp < 0) r->source = name_of(source, at);
    r->amount = a;
    APUSH(rows, r);
}

static NarrLine *narr_line(Parser *p, int kind, Loc at)
{
    NarrLine *l = new0(p, sizeof *l);
    l->kind = kind;
    l->loc = at;
    APUSH(&p->cur->u.narr.lines, l);
    return l;
}

/* One item of a code's narrative line: execution (0), purpose (1), reason (2). */
static void narr_item(Parser *p, int what, Loc at, Str text, Amount a)
{
    static const char *const word[] = { "execution", "purpose", "reason" };
    Vec *lines = &p->cur->u.narr.lines;
    NarrLine *l = lines->v[lines->n - 1];
    Loc *first = what == 0 ? (l->execution.present ? &l->execution.loc : NULL)
               : what == 1 ? (l->purpose.present ? &l->purpose.loc : NULL)
                           : (l->reason.present ? &l->reason.loc : NULL);
    if (first) {
        diag_at(p->diags, at, "E105", "'%s' is written twice on this line; it may appear only once", word[what]);
        diag_note(p->diags, first, "first written here");
        return;
    }
    if (what == 0) l->execution = a;
    else if (what == 1) l->purpose = name_of(text, at);
    else l->reason = name_of(text, at);
}

static Name name_of(Str s, Loc loc) { return (Name){ .loc = loc, .s = s, .present = true }; }
static Code code_of(Str s, Loc loc) { return (Code){ .loc = loc, .s = s, .present = true }; }
static Amount amount_of(Str s, Loc loc) { return (Amount){ .loc = loc, .text = s, .present = true }; }
/* loc: the uamount's, which is its number's (YYLLOC_DEFAULT) */
static Amount uamount_of(UAmount a, Loc loc)
{
    Amount r = amount_of((Str){ a.s, a.n }, loc);
    r.unit = a.unit;
    return r;
}

static Row *new_row(Parser *p, Loc loc)
{
    Row *r = new0(p, sizeof *r);
    r->loc = loc;
    APUSH(&p->cur->u.block.rows, r);
    return r;
}

static const char *cell_word(int cell)
{
    static const char *w[] = { "basic", "project", "total", "personnel", "public" };
    return w[cell];
}

static void set_cell(Parser *p, Row *r, int cell, Str s, Loc loc)
{
    if (r->cell[cell].present) {
        diag_at(p->diags, loc, "E105", "the %s column is written twice in this row", cell_word(cell));
        diag_note(p->diags, &r->cell[cell].loc, "first written here");
        return;
    }
    r->cell[cell] = amount_of(s, loc);
}

static void eco_mark(Parser *p, Row *r, int mark, Loc loc)
{
    if (r->mark || r->cell[CELL_PERSONNEL].present || r->cell[CELL_PUBLIC].present || r->cell[CELL_TOTAL].present) {
        diag_at(p->diags, loc, "E010",
                "the class marker '%s' must come directly after the row's amount", cell_word(mark));
        diag_help(p->diags, "write it as: CODE NAME AMOUNT %s", cell_word(mark));
        lex_note_error_line(&p->lx, loc.line);
        return;
    }
    r->mark = mark;
    r->mark_loc = loc;
}

static void clause(Parser *p, Clause *c, Loc loc, const char *what)
{
    if (c->present) {
        diag_at(p->diags, loc, "E105", "'%s' is written twice in this block; it may appear only once", what);
        diag_note(p->diags, &c->loc, "first written here");
        return;
    }
    c->present = true;
    c->loc = loc;
}

static void rows_begin(Parser *p) { p->in_rows = true; p->rows_open = p->cur->loc; }
static void rows_end(Parser *p) { p->in_rows = false; }

/* ---------------------------------------------------------- token filter */

/* Raw tokens from the scanner, through a small read-ahead buffer.  The
 * scanner fills every field of a Tok, so nothing needs clearing here. */
static void raw(Parser *p, Tok *t)
{
    if (p->nahead) {
        *t = p->ahead[0];
        if (--p->nahead) memmove(p->ahead, p->ahead + 1, sizeof(Tok) * (size_t)p->nahead);
        return;
    }
    t->kind = lex_scan(p->lx.scanner, t);
}

static Tok *peek(Parser *p, int i)
{
    while (p->nahead <= i) {
        Tok *t = &p->ahead[p->nahead++];
        t->kind = lex_scan(p->lx.scanner, t);
    }
    return &p->ahead[i];
}

static void push_queue(Parser *p, int kind, Loc loc)
{
    Tok t;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    t.loc = loc;
    p->queue[p->nqueue++] = t;
}

/* Join "a" "b" and "a"⏎"b" (no comment, no blank line between) into one.
 * The pieces are gathered in a doubling heap buffer and copied to the arena
 * once: copying the whole prefix at every piece was quadratic (a 1 MB line
 * of "ab" "ab" … took gigabytes; found by the hostile tests). */
static void join_strings(Parser *p, Tok *t)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        Tok *n = peek(p, 0);
        int take = 0;
        if (n->kind == STRING) take = 1;
        else if (n->kind == NL && !n->flags && peek(p, 1)->kind == STRING) take = 2;
        if (!take) break;
        Tok s = p->ahead[take - 1];
        if (!buf) {
            cap = 2 * ((size_t)t->s.n + s.s.n) + 16;
            buf = xmalloc(cap);
            memcpy(buf, t->s.s, t->s.n);
            len = t->s.n;
        }
        if (len + s.s.n > cap) {
            while (len + s.s.n > cap) cap *= 2;
            buf = xrealloc(buf, cap);
        }
        memcpy(buf + len, s.s.s, s.s.n);
        len += s.s.n;
        Tok skipped;
        while (take--) raw(p, &skipped);
    }
    if (!buf) return;
    char *a = arena_alloc(p->arena, len + 1);
    memcpy(a, buf, len);
    xfree(buf);
    t->s.s = a;
    t->s.n = (uint32_t)len;
}

/* After an error: drop tokens until the parser's recovery point — the end
 * of the line at the nesting of the row block (or top level) it resumes
 * in, which skips a whole block when the bad line opened one — then hand
 * it SYNC.  A `}` that closes the row block is delivered after SYNC. */
static void resync(Parser *p)
{
    int target = p->in_rows ? 1 : 0;
    Loc at = p->last_loc;
    p->skip = false;
    if (p->last_kind == YYEOF) {
        if (p->eof_errors++ > 0) { push_queue(p, YYEOF, at); return; }
        push_queue(p, SYNC, at);
        /* after SYNC the parser has only the row block's brace (if any)
         * open: close that one.  Closing every counted brace overflowed the
         * queue and gave spurious E010s at top level (fuzz: "{{{{{{{{") */
        if (p->nest > 0 && target > 0) push_queue(p, '}', at);
        p->nest = 0;
        push_queue(p, NL, at);
        push_queue(p, YYEOF, at);
        return;
    }
    if (p->last_kind == NL && p->nest <= target) {
        push_queue(p, SYNC, at);
        return;
    }
    for (;;) {
        Tok t;
        raw(p, &t);
        if (t.kind == YYEOF) {
            push_queue(p, SYNC, t.loc); /* no '}' for braces skipped here: the parser never saw them */
            if (p->nest > target) p->nest = target;
            push_queue(p, YYEOF, t.loc);
            return;
        }
        if (t.kind == '{') p->nest++;
        else if (t.kind == '}') {
            if (p->nest <= target) {
                if (target == 0) continue; /* a stray } at top level: skip it too */
                push_queue(p, SYNC, t.loc);
                p->queue[p->nqueue++] = t;
                p->nest--;
                return;
            }
            p->nest--;
        } else if (t.kind == NL && p->nest <= target) {
            push_queue(p, SYNC, t.loc);
            p->queue[p->nqueue++] = t;
            return;
        }
    }
}

static int deliver(Parser *p, Tok *t, YYSTYPE *lval, Loc *lloc)
{
    lval->str = t->s;
    *lloc = t->loc;
    if (t->kind == '{') p->nest++;
    else if (t->kind == '}' && p->nest > 0) p->nest--;
    if (p->last_kind == NL || p->last_kind == SYNC || p->last_kind == 0) p->line_kind = t->kind;
    p->prev_kind = p->last_kind;
    p->last_kind = t->kind;
    p->last_loc = t->loc;
    return t->kind;
}

static inline int yylex(YYSTYPE *lval, Loc *lloc, Parser *p)
{
    if (p->skip) resync(p);
    if (p->nqueue) {
        Tok t = p->queue[0];
        memmove(p->queue, p->queue + 1, sizeof(Tok) * (size_t)--p->nqueue);
        /* queued braces were already counted (or are synthetic) */
        lval->str = t.s;
        *lloc = t.loc;
        p->last_kind = t.kind;
        p->last_loc = t.loc;
        return t.kind;
    }
    Tok t;
    raw(p, &t);
    if (t.kind == YYerror) {
        p->skip = true;
        p->last_kind = YYerror;
        p->last_loc = t.loc;
        *lloc = t.loc;
        return YYerror;
    }
    if (t.kind == YYEOF && p->last_kind != NL && p->last_kind != 0 && p->last_kind != YYEOF) {
        /* end the last line */
        p->ahead[p->nahead++] = t;
        t.kind = NL;
        t.s.n = 0;
    }
    if (t.kind == STRING) join_strings(p, &t);
    return deliver(p, &t, lval, lloc);
}

/* ------------------------------------------------------- error messages */

/* Token kinds in a budget officer's words. */
static const char *describe(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_YYEOF: return _("the end of the file");
    case YYSYMBOL_NL: return _("the end of the line");
    case YYSYMBOL_IDENT: return _("a name");
    case YYSYMBOL_STRING: return _("a quoted text");
    case YYSYMBOL_INTEGER: return _("a number");
    case YYSYMBOL_DECIMAL: return _("an amount");
    case YYSYMBOL_CODE: return _("a code");
    case YYSYMBOL_GE: return _("'>=' (or ≥)");
    case YYSYMBOL_LE: return _("'<=' (or ≤)");
    default: break;
    }
    const char *n = yysymbol_name(k);
    return n;
}

/* Tokens that are really keywords: yysymbol_name gives "KW_FOO"; print 'foo'. */
static void word(char *buf, size_t len, yysymbol_kind_t k)
{
    const char *n = yysymbol_name(k);
    if (strncmp(n, "KW_", 3) == 0) {
        size_t j = 0;
        buf[j++] = '\'';
        for (const char *c = n + 3; *c && j + 2 < len; c++)
            buf[j++] = *c == '_' ? '-' : (char)(*c | 0x20);
        buf[j++] = '\'';
        buf[j] = 0;
    } else if (n[0] == '"' && n[1] == '\'') { /* "'{'" */
        snprintf(buf, len, "%.3s", n + 1);
    } else {
        snprintf(buf, len, "%s", describe(k));
    }
}

static void found(char *buf, size_t len, const yypcontext_t *ctx, Parser *p)
{
    yysymbol_kind_t k = yypcontext_token(ctx);
    const Loc *l = yypcontext_location(ctx);
    const char *src = p->file->text + l->off;
    int n = (int)(l->len > 40 ? 40 : l->len);
    while (n < l->len && n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--; /* not inside a character */
    switch (k) {
    case YYSYMBOL_YYEOF: case YYSYMBOL_NL:
        snprintf(buf, len, "%s", describe(k));
        break;
    case YYSYMBOL_STRING:
        snprintf(buf, len, _("the text %.*s"), n, src);
        break;
    case YYSYMBOL_IDENT:
        snprintf(buf, len, _("the name '%.*s'"), n, src);
        break;
    case YYSYMBOL_INTEGER: case YYSYMBOL_DECIMAL:
        snprintf(buf, len, _("the number %.*s"), n, src);
        break;
    case YYSYMBOL_CODE:
        snprintf(buf, len, _("the code %.*s"), n, src);
        break;
    default:
        if (strncmp(yysymbol_name(k), "KW_", 3) == 0) {
            char w[64];
            word(w, sizeof w, k);
            snprintf(buf, len, _("the keyword %s"), w);
        } else {
            snprintf(buf, len, "'%.*s'", n, src); /* an operator or brace, as written */
        }
    }
}

/* A 类/款/项 code written in pieces, as the published tables print it
 * ("208 05 01 行政单位离退休"): three digits, then groups of two, at the start
 * of the error's line, and more after them.  Reports it and returns true.
 * The text is read only up to the end of the error token: flex keeps a NUL
 * after the last token it scanned; the groups after it are peeked tokens. */
static bool split_code(Parser *p, Loc at)
{
    const char *text = p->file->text, *line = src_line(p->file, at.off).s;
    size_t i = (size_t)(line - text), end_tok = at.off + (size_t)at.len, start, end;
    while (i < end_tok && (text[i] == ' ' || text[i] == '\t')) i++;
    start = end = i;
    char joined[20], written[32]; /* 2080501, and "208 05 01" */
    size_t n = 0, w = 0;
    int groups = 0;
    bool at_token = false; /* the last group is the error token itself */
    while (groups < 8 && i < end_tok) {
        size_t d = i;
        while (i < end_tok && text[i] >= '0' && text[i] <= '9') i++;
        if (i - d != (groups ? 2u : 3u) || (i < end_tok && text[i] != ' ' && text[i] != '\t')) break;
        memcpy(joined + n, text + d, i - d);
        n += i - d;
        w += (size_t)snprintf(written + w, sizeof written - w, "%s%.*s", groups ? " " : "", (int)(i - d), text + d);
        end = i;
        groups++;
        at_token = i == end_tok;
        while (i < end_tok && (text[i] == ' ' || text[i] == '\t')) i++;
    }
    if (groups < 1 || (groups < 2 && !at_token)) return false;
    int k = 0;
    if (at_token) /* more groups after the error token, then something else on the line */
        for (;; k++) {
            Tok *t = peek(p, k);
            if (t->kind == INTEGER && t->loc.len == 2 && groups < 8 && k < 2) {
                memcpy(joined + n, text + t->loc.off, 2);
                n += 2;
                w += (size_t)snprintf(written + w, sizeof written - w, " %.2s", text + t->loc.off);
                end = t->loc.off + 2u;
                groups++;
                continue;
            }
            /* "201 10" alone is more likely a code and an amount without its column */
            if (t->kind == NL || t->kind == YYEOF || t->kind == YYerror) return false;
            break;
        }
    if (groups < 2) return false;
    joined[n] = 0;
    Loc loc = at;
    loc.off = (uint32_t)start;
    loc.len = loc_len(end - start);
    diag_at(p->diags, loc, "E010", "the code %s is written in pieces, as the published tables print it, but BDL "
            "writes a code as one number", written);
    diag_help(p->diags, "write the code as one number: %s", joined);
    return true;
}

/* A procurement row that is not SOURCE AMOUNT (`amount 170,000.00`, as in
 * a project): say what the row is rather than what token was expected. */
static void procurement_row(Parser *p, Loc loc, yysymbol_kind_t tok, const char *what)
{
    char amount[48] = "170,000.00";
    const Loc *a = NULL;
    if (tok == YYSYMBOL_INTEGER || tok == YYSYMBOL_DECIMAL) a = &loc;
    else if (tok == YYSYMBOL_KW_AMOUNT) { /* `amount 170,000.00`, as in a project */
        Tok *next = peek(p, 0);
        if (next->kind == INTEGER || next->kind == DECIMAL) a = &next->loc;
    }
    if (a && a->len < sizeof amount) snprintf(amount, sizeof amount, "%.*s", (int)a->len, p->file->text + a->off);
    diag_at(p->diags, loc, "E010", "a procurement row names a funding source and then its amount, but this line "
            "starts with %s", what);
    diag_help(p->diags, "write the row as SOURCE AMOUNT, for example `一般公共预算资金 %s`, and the kind of purchase "
              "on a line of its own, for example `category 货物`", amount);
}

/* `procurement {` or `project 2026001 {`: show the statement's shape. */
static void block_head(Parser *p, Loc loc, bool code_missing, const char *what)
{
    bool proc = p->line_kind == KW_PROCUREMENT;
    if (proc && code_missing)
        diag_at(p->diags, loc, "E010", "expected the code or the name of the procurement item after 'procurement', but found %s",
                what);
    else if (proc)
        diag_at(p->diags, loc, "E010", "expected the name of the procurement item after its code, but found %s", what);
    else if (code_missing)
        diag_at(p->diags, loc, "E010", "expected the code or the name of the project after 'project', but found %s", what);
    else
        diag_at(p->diags, loc, "E010", "expected the name of the project after its code, but found %s", what);
    if (proc)
        diag_help(p->diags, "write it as `procurement [CODE] NAME {`, for example `procurement 2026A001 办公设备购置 {` "
                  "or `procurement 办公设备购置 {`");
    else
        diag_help(p->diags, "write it as `project [CODE] NAME {`, for example "
                  "`project 50011926T000005286480 \"区人大大型会议类\" {` or `project \"人民调解\" {`");
}

static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *p)
{
    Diags *ds = p->diags;
    yysymbol_kind_t expected[24];
    int n = yypcontext_expected_tokens(ctx, expected, 24);
    yysymbol_kind_t tok = yypcontext_token(ctx);
    Loc loc = *yypcontext_location(ctx);
    p->skip = true;
    if (tok == YYSYMBOL_YYEOF) {
        if (p->eof_errors > 0) return 0;
        /* at end of file: report on the last line */
        loc.len = 0;
        if (loc.off > 0 && p->file->text[loc.off - 1] == '\n') {
            loc.off--;
            loc.line = loc.line > 1 ? loc.line - 1 : 1;
            while (loc.line > 1 && loc.off > p->lx.from && p->file->text[loc.off - 1] == '\n') {
                loc.off--;
                loc.line--;
            }
            if (loc.off > 0 && p->file->text[loc.off - 1] == '\r') loc.off--;
        }
    }
    if (tok == YYSYMBOL_NL) loc.len = 0;
    lex_note_error_line(&p->lx, loc.line);

    char what[128], list[512] = "";
    found(what, sizeof what, ctx, p);
    /* drop SYNC/error from the list; join the rest in words */
    int m = 0;
    yysymbol_kind_t keep[24];
    bool has_decimal = false, has_code = false;
    for (int i = 0; i < n && i < 24; i++) {
        if (expected[i] == YYSYMBOL_DECIMAL) has_decimal = true;
        if (expected[i] == YYSYMBOL_CODE) has_code = true;
    }
    /* an INTEGER is both an amount and a code: name it by the role it plays */
    for (int i = 0; i < n && i < 24; i++)
        if (expected[i] != YYSYMBOL_SYNC && expected[i] != YYSYMBOL_YYerror && expected[i] != YYSYMBOL_NL &&
            !(expected[i] == YYSYMBOL_INTEGER && (has_decimal || has_code)))
            keep[m++] = expected[i];
    bool nl_ok = false, name_ok = false;
    for (int i = 0; i < n && i < 24; i++) {
        if (expected[i] == YYSYMBOL_NL) nl_ok = true;
        if (expected[i] == YYSYMBOL_IDENT) name_ok = true;
    }
    /* the slips of a new user, in the terms of the tables they copy from */
    if (p->in_rows && tok != YYSYMBOL_YYEOF && split_code(p, loc)) return 0;
    if (p->in_rows && p->cur && p->cur->kind == ST_PROCUREMENT && p->prev_kind == NL && tok != YYSYMBOL_YYEOF &&
        tok != YYSYMBOL_NL && name_ok) {
        procurement_row(p, loc, tok, what);
        return 0;
    }
    if (!p->in_rows && (p->line_kind == KW_PROCUREMENT || p->line_kind == KW_PROJECT) && (has_code || name_ok) &&
        (p->prev_kind == KW_PROCUREMENT || p->prev_kind == KW_PROJECT || p->prev_kind == CODE ||
         p->prev_kind == INTEGER)) {
        block_head(p, loc, has_code, what);
        return 0;
    }
    if (n == 0 || m > 8) {
        diag_at(ds, loc, "E010", "%s does not belong here", what);
    } else {
        size_t o = 0;
        for (int i = 0; i < m; i++) {
            char w[64];
            word(w, sizeof w, keep[i]);
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  i == 0 ? "" : (i == m - 1 && !nl_ok) ? _(" or ") : _(", "), w);
            if (o >= sizeof list) break;
        }
        if (nl_ok && o < sizeof list)
            snprintf(list + o, sizeof list - o, "%s", m ? _(" or the end of the line") : _("the end of the line"));
        diag_at(ds, loc, "E010", "expected %s, but found %s", list, what);
    }
    /* hints for the usual slips */
    bool want_cell = false, want_amount = false, want_brace = false, want_name = false;
    for (int i = 0; i < m; i++) {
        if (keep[i] == YYSYMBOL_KW_BASIC) want_cell = true;
        if (keep[i] == YYSYMBOL_DECIMAL) want_amount = true;
        if (strcmp(yysymbol_name(keep[i]), "'}'") == 0) want_brace = true;
        if (keep[i] == YYSYMBOL_IDENT) want_name = true;
    }
    if (want_cell && (tok == YYSYMBOL_INTEGER || tok == YYSYMBOL_DECIMAL))
        diag_help(ds, "say which column the amount is for: basic %.*s or project %.*s",
                  (int)loc.len, p->file->text + loc.off, (int)loc.len, p->file->text + loc.off);
    else if (want_amount && tok == YYSYMBOL_NL)
        diag_help(ds, "an amount is missing at the end of this line");
    else if (want_brace && tok == YYSYMBOL_YYEOF && p->in_rows)
        diag_help(ds, "the block opened at line %d is never closed: add '}' on a line of its own",
                  p->rows_open.line);
    else if (want_name && tok >= YYSYMBOL_KW_IMPORT && tok <= YYSYMBOL_KW_ORGANISATION) /* not '{' and the like */
        diag_help(ds, "this word is a BDL keyword; to use it as a name, put it in double quotes");
    else if (m == 1 && strcmp(yysymbol_name(keep[0]), "'/'") == 0)
        diag_help(ds, "an indicator names three levels: indicator 一级指标/二级指标/三级指标 >= VALUE UNIT");
    else if (tok == YYSYMBOL_IDENT && p->prev_kind == IDENT)
        diag_help(ds, "a name that holds spaces or punctuation must be written in double quotes");
    return 0;
}

static void yyerror(Loc *lloc, Parser *p, const char *msg)
{
    /* only reached for "memory exhausted": bison's stack limit */
    /* bison's own text, in the one case it is shown */
    if (strcmp(msg, "memory exhausted") == 0) msg = _("memory exhausted");
    diag_at(p->diags, *lloc, "E010", "%s (the file nests too deeply)", msg);
    lex_note_error_line(&p->lx, lloc->line);
}

/* ------------------------------------------------------------ entry point */

void parse_file(Unit *u, SrcFile *f, Vec *out)
{
    parse_range(f, f->start, f->len, 1, &u->arena, &u->diags, out);
}

bool parse_range(SrcFile *f, size_t from, size_t to, int line, Arena *a, Diags *ds, Vec *out)
{
    Parser *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->arena = a;
    p->diags = ds;
    p->file = f;
    p->out = out;
    int first = out->n;
    lexer_open_range(&p->lx, a, ds, f, from, to, line);
    bool clean = yyparse(p) == 0;
    finish(p);
    vec_free(&p->functions);
    vec_free(&p->economics);
    vec_free(&p->goals);
    vec_free(&p->indicators);
    clean = clean && p->lx.nerror_lines == 0 && p->eof_errors == 0;
    /* Mark statements that hold an E001–E010 as broken (spec §1.5). */
    int *lines = p->lx.error_lines, nl = p->lx.nerror_lines, k = 0;
    for (int i = first; i < out->n; i++) {
        Stmt *s = out->v[i];
        if (s->end_line == 0) { s->broken = true; continue; }
        while (k < nl && lines[k] < s->loc.line) k++;
        for (int j = k; j < nl && lines[j] <= s->end_line; j++) { s->broken = true; break; }
    }
    lexer_close(&p->lx);
    xfree(p);
    return clean;
}
