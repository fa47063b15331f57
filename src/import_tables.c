/*
 * import_tables.c — recognising the tables: a title starts a segment, each known
 * table is read by its kind (grids by their header words, summaries and 三公
 * by their labels, the performance tables as forms) into Imp.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* Titles, compared on the normalised text (no spaces or quotes), by suffix. */
static const struct {
    int kind;
    const char *suffix;
} TITLES[] = {
    { K_FISCAL, "财政拨款收支总表" },
    { K_GENERAL, "一般公共预算财政拨款支出预算表" },
    { K_BASIC, "一般公共预算财政拨款基本支出预算表" },
    { K_TP, "三公经费支出表" },
    { K_TP, "三公经费支出预算表" },
    { K_FUND, "政府性基金预算支出表" },
    { K_FUND, "政府性基金预算支出预算表" },
    { K_DSUM, "部门收支总表" },
    { K_DEXP, "部门支出总表" },
    { K_PROC, "政府采购预算明细表" },
    { K_PROC, "政府采购预算表" },
    { K_DPERF, "部门整体绩效目标表" },
    { K_PPERF, "项目支出绩效目标表" },
    { K_PPERF, "项目绩效目标表" },
};

static int title_kind(Imp *im, const TLine *L, size_t *prefix_bytes)
{
    if (L->nonblank != 1) return K_NONE;
    Str c = text_single(L);
    Str n = text_norm(im, c);
    for (size_t t = 0; t < sizeof TITLES / sizeof *TITLES; t++)
        if (text_ends_with(n, TITLES[t].suffix)) {
            /* the raw prefix: walk the raw text until the normalised prefix is consumed */
            size_t want = n.n - strlen(TITLES[t].suffix), got = 0;
            uint32_t i = 0;
            while (i < c.n && got < want) {
                uint32_t cp;
                int k = text_decode(c.s + i, c.n - i, &cp);
                Str one = text_norm(im, text_slice(c.s + i, (size_t)k));
                got += one.n;
                i += (uint32_t)k;
            }
            if (prefix_bytes) *prefix_bytes = i;
            return TITLES[t].kind;
        }
    if (L->first == 0 && text_ends_with(n, "表") && n.n <= 90 && !text_starts_with(n, "(") && !text_contains(n, "：") && !text_contains(n, ":"))
        return K_UNKNOWN;
    return K_NONE;
}

static bool is_unit_line(Imp *im, const TLine *L, Str *unit)
{
    if (L->nonblank != 1) return false;
    Str n = text_norm(im, text_single(L));
    const char *pre[] = { "单位:", "金额单位:", "单位：" };
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (text_starts_with(n, pre[k])) {
            *unit = text_slice(n.s + strlen(pre[k]), n.n - strlen(pre[k]));
            return true;
        }
    return false;
}

static bool is_agency_line(Imp *im, const TLine *L, Str *val)
{
    if (L->nonblank != 1) return false;
    Str c = text_single(L);
    Str n = text_norm(im, c);
    if (!text_starts_with(n, "编制单位:") && !text_starts_with(n, "预算单位:")) return false;
    /* the value from the raw text: after the first colon */
    for (uint32_t i = 0; i < c.n; i++) {
        if (c.s[i] == ':') { *val = text_trim(text_slice(c.s + i + 1, c.n - i - 1)); return true; }
        if (i + 3 <= c.n && memcmp(c.s + i, "：", 3) == 0) { *val = text_trim(text_slice(c.s + i + 3, c.n - i - 3)); return true; }
    }
    *val = text_slice("", 0);
    return true;
}

/* "(备注：…)" and friends: the note's text. */
static bool is_note_line(Imp *im, const TLine *L, Str *text)
{
    if (L->nonblank != 1) return false;
    Str c = text_single(L);
    Str n = text_norm(im, c);
    if (!(text_starts_with(n, "(备注") || text_starts_with(n, "备注") || text_starts_with(n, "(注") || text_starts_with(n, "注:") ||
          text_starts_with(n, "说明:")))
        return false;
    Str t = c;
    uint32_t cp;
    int k = text_decode(t.s, t.n, &cp);
    if (cp == '(' || cp == 0xFF08) { t.s += k; t.n -= (uint32_t)k; }
    if (text_ends_with(t, ")")) t.n -= 1;
    else if (text_ends_with(t, "）")) t.n -= 3;
    const char *pre[] = { "备注：", "备注:", "注：", "注:", "说明：", "说明:", "备注" };
    for (size_t p = 0; p < sizeof pre / sizeof *pre; p++)
        if (text_starts_with(t, pre[p])) { t.s += strlen(pre[p]); t.n -= (uint32_t)strlen(pre[p]); break; }
    *text = text_trim(t);
    return true;
}

static void set_unit(Imp *im, Str u, int line)
{
    if (!u.n) return;
    if (!im->unit.n) {
        im->unit = u;
        im->unit_line = line;
    } else if (!str_eq(im->unit, u)) {
        imp_warn(im, line, "this table is in %.*s, an earlier one (line %d) in %.*s; the budget uses %.*s", (int)u.n,
             u.s, im->unit_line, (int)im->unit.n, im->unit.s, (int)im->unit.n, im->unit.s);
    }
}

static void set_dept(Imp *im, Str code, Str name, int rank)
{
    if (rank <= im->dept_rank) return;
    if (code.n) im->dept_code = code;
    if (name.n) im->dept_name = name;
    im->dept_rank = rank;
}

static Agency *add_agency(Imp *im, Str text, int line, Vec *notes)
{
    Str code, name;
    if (!text_split_code_name(text, &code, &name)) {
        imp_unplaced(im, notes, line, "编制单位 “%.*s” has no unit code (expected “204001-name”)", (int)text.n, text.s);
        return NULL;
    }
    for (int i = 0; i < im->agencies.n; i++) {
        Agency *a = im->agencies.v[i];
        if (str_eq(a->code, code)) {
            if (name.n && !str_eq(a->name, name))
                imp_warn(im, line, "编制单位 %.*s is named “%.*s” here but “%.*s” on line %d; the first name is kept",
                     (int)code.n, code.s, (int)name.n, name.s, (int)a->name.n, a->name.s, a->line);
            return a;
        }
    }
    Agency *a = arena_alloc(&im->a, sizeof *a);
    a->code = code;
    a->name = name;
    a->line = line;
    vec_apush(&im->a, &im->agencies, a);
    return a;
}

/* Lines every table may hold: blanks, rules, units, notes, 编制单位.
 * Returns true when the line was taken care of. */
static bool common_line(Imp *im, const TLine *L, Vec *notes, Agency **agency)
{
    Str v;
    if (!L->nonblank || text_is_rule(L)) return true;
    if (is_unit_line(im, L, &v)) {
        set_unit(im, v, L->no);
        return true;
    }
    if (is_agency_line(im, L, &v)) {
        Agency *a = add_agency(im, v, L->no, notes);
        if (agency) *agency = a;
        return true;
    }
    return false;
}

void tables_add_check(Imp *im, int kind, int line, const char *table, char *what, const Amt *w, Vec *notes,
                      int *mism)
{
    Check *c = arena_alloc(&im->a, sizeof *c);
    c->kind = kind;
    c->line = line;
    c->table = table;
    c->what = what;
    c->w = *w;
    c->notes = notes;
    c->mismatches = mism;
    vec_apush(&im->a, &im->checks, c);
}

/* ------------------------------------------------------- grid tables */

enum { R_NONE, R_CODE, R_NAME, R_TOTAL, R_A1, R_A2, R_CATEGORY, R_SRC0 };

typedef struct Word {
    int role;
    const char *w;
    bool contains;
} Word;

static const Word EXP_WORDS[] = {
    { R_CODE, "科目编码", true }, { R_CODE, "科目代码", true }, { R_CODE, "编码", false },
    { R_NAME, "科目名称", true }, { R_NAME, "名称", false },     { R_TOTAL, "总计", false },
    { R_TOTAL, "合计", false },   { R_TOTAL, "小计", false },     { R_A1, "基本支出", true },
    { R_A2, "项目支出", true },
};
static const Word ECO_WORDS[] = {
    { R_CODE, "科目编码", true }, { R_CODE, "科目代码", true }, { R_CODE, "编码", false },
    { R_NAME, "科目名称", true }, { R_NAME, "名称", false },     { R_TOTAL, "总计", false },
    { R_TOTAL, "合计", false },   { R_TOTAL, "小计", false },     { R_A1, "人员经费", true },
    { R_A1, "人员支出", true },   { R_A2, "公用经费", true },     { R_A2, "公用支出", true },
};
static const Word PROC_WORDS[] = {
    { R_CODE, "项目编号", true }, { R_CODE, "项目编码", true }, { R_CODE, "编号", false },
    { R_NAME, "项目名称", true }, { R_NAME, "采购项目", false }, { R_NAME, "项目", false },
    { R_CATEGORY, "品目", true }, { R_CATEGORY, "采购类别", true }, { R_CATEGORY, "采购类型", true },
    { R_CATEGORY, "类别", false }, { R_TOTAL, "总计", false },   { R_TOTAL, "合计", false },
};

static int word_role(Imp *im, Str c, int kind)
{
    Str n = text_norm(im, c);
    if (!n.n) return R_NONE;
    const Word *w = kind == K_BASIC ? ECO_WORDS : kind == K_PROC ? PROC_WORDS : EXP_WORDS;
    size_t nw = kind == K_BASIC ? sizeof ECO_WORDS / sizeof *ECO_WORDS
                : kind == K_PROC ? sizeof PROC_WORDS / sizeof *PROC_WORDS
                                 : sizeof EXP_WORDS / sizeof *EXP_WORDS;
    for (size_t i = 0; i < nw; i++)
        if (w[i].contains ? text_contains(n, w[i].w) : text_eqc(n, w[i].w)) return w[i].role;
    if (kind == K_PROC)
        for (int s = 0; s < NSRC; s++)
            if (text_eqc(n, IMP_SRC[s].proc) || text_eqc(n, IMP_SRC[s].column) || text_eqc(n, IMP_SRC[s].name)) return R_SRC0 + s;
    return R_NONE;
}

static bool is_total_label(Imp *im, Str c)
{
    Str n = text_norm(im, c);
    return text_eqc(n, "合计") || text_eqc(n, "总计") || text_eqc(n, "支出合计") || text_eqc(n, "合 计");
}

/* Does the row start the data: a code or a 合计 label in the first two
 * cells, everything after it amounts or names? */
static bool looks_like_data(Imp *im, const TLine *L)
{
    if (L->first < 0 || L->first > 1) return false;
    Str f = L->cell[L->first];
    if (text_is_code(f)) return true;
    if (!is_total_label(im, f)) return false;
    for (int i = L->first + 1; i < L->ncell; i++)
        if (L->cell[i].n && !text_is_number(L->cell[i])) return false;
    return true;
}

static const char *role_title(int kind, int role)
{
    switch (role) {
    case R_CODE: return kind == K_PROC ? "项目编号" : "科目编码";
    case R_NAME: return kind == K_PROC ? "项目" : "科目名称";
    case R_TOTAL: return "总计";
    case R_A1: return kind == K_BASIC ? "人员经费" : "基本支出";
    case R_A2: return kind == K_BASIC ? "日常公用经费" : "项目支出";
    case R_CATEGORY: return "采购品目";
    default: return role >= R_SRC0 ? IMP_SRC[role - R_SRC0].proc : "?";
    }
}

static void note_line_in_rows(Imp *im, XTable *t, Note *nt)
{
    XRow *r = arena_alloc(&im->a, sizeof *r);
    r->line = nt->line;
    r->note = nt;
    vec_apush(&im->a, &t->rows, r);
}

/* One grid table: function (K_GENERAL, K_FUND, K_DEXP), economic
 * (K_BASIC) or procurement (K_PROC).  Lines [from, to). */
static void parse_grid(Imp *im, int kind, int from, int to, XTable *t)
{
    const char *title = IMP_KIND_TITLE[kind];
    int role[IMP_MAX_COLS];
    int header0 = 0;
    bool data = false, any_header = false;
    for (int i = 0; i < IMP_MAX_COLS; i++) role[i] = R_NONE;
    int col_of[R_SRC0 + NSRC];
    for (int i = 0; i < R_SRC0 + NSRC; i++) col_of[i] = -1;
    Str empty_note = text_slice("", 0);
    int note_line = 0;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, &t->notes, NULL)) continue;
        if (is_note_line(im, L, &v)) {
            empty_note = v;
            note_line = L->no;
            continue;
        }
        if (!data && !looks_like_data(im, L) && L->ncell < 2) {
            note_line_in_rows(im, t, imp_unplaced(im, NULL, L->no, "%s: a line that is neither a header nor a row", title));
            continue;
        }
        if (!data && !looks_like_data(im, L)) {
            /* a header row: the lowest word found in a column wins */
            if (!any_header) header0 = L->no;
            any_header = true;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                int r = word_role(im, L->cell[c], kind);
                if (r != R_NONE) role[c] = r;
            }
            continue;
        }
        if (!data) {
            data = true;
            for (int c = 0; c < IMP_MAX_COLS; c++) col_of[role[c]] = role[c] == R_NONE ? -1 : c;
            col_of[R_NONE] = -1;
            if (!any_header) { /* no header at all: the published order */
                col_of[R_CODE] = 0;
                col_of[R_NAME] = 1;
                if (kind != K_PROC) {
                    col_of[R_TOTAL] = 2;
                    col_of[R_A1] = 3;
                    col_of[R_A2] = 4;
                } else {
                    col_of[R_TOTAL] = 2;
                    for (int s = 0; s < NSRC; s++) col_of[R_SRC0 + s] = 3 + s;
                }
                imp_warn(im, L->no, "%s has no header row; its columns are taken in the published order (%s)", title,
                     kind == K_BASIC ? "科目编码, 科目名称, 总计, 人员经费, 日常公用经费"
                     : kind == K_PROC ? _("项目编号, 项目, 总计, then the nine sources")
                                      : "科目编码, 科目名称, 总计, 基本支出, 项目支出");
            }
            bool amounts = col_of[R_TOTAL] >= 0 || col_of[R_A1] >= 0 || col_of[R_A2] >= 0;
            for (int s = 0; kind == K_PROC && s < NSRC; s++) amounts |= col_of[R_SRC0 + s] >= 0;
            if (col_of[R_CODE] < 0 || !amounts) {
                imp_fail(im, header0,
                     "cannot tell the columns of %s from its header: expected %s and at least one of %s", title,
                     kind == K_PROC ? "项目编号" : "科目编码",
                     kind == K_BASIC ? "总计, 人员经费, 日常公用经费"
                     : kind == K_PROC ? _("总计 or a source column (一般公共预算拨款收入 …)")
                                      : "总计, 基本支出, 项目支出");
                return;
            }
            if (col_of[R_NAME] < 0 && col_of[R_CODE] + 1 < IMP_MAX_COLS && role[col_of[R_CODE] + 1] == R_NONE)
                col_of[R_NAME] = col_of[R_CODE] + 1;
        }
        /* a data row */
        Str code = text_cell(L, col_of[R_CODE]), name = text_cell(L, col_of[R_NAME]);
        bool total = (is_total_label(im, code) && (!name.n || is_total_label(im, name))) ||
                     (!code.n && is_total_label(im, name));
        if (!total && !text_is_code(code)) {
            note_line_in_rows(im, t, kind == K_PROC
                ? imp_unplaced(im, NULL, L->no, "%s: “%.*s” is not a project number", title, (int)code.n, code.s)
                : imp_unplaced(im, NULL, L->no, "%s: “%.*s” is not a classification code", title, (int)code.n, code.s));
            continue;
        }
        /* every non-blank cell must have a column */
        bool stray = false;
        for (int c = 0; c < L->ncell && !stray; c++) {
            if (!L->cell[c].n) continue;
            int r = c < IMP_MAX_COLS ? role[c] : R_NONE;
            if (!any_header) r = c <= (kind == K_PROC ? 2 + NSRC : 4) ? R_CODE : R_NONE;
            if (r == R_NONE && c != col_of[R_CODE] && c != col_of[R_NAME]) {
                note_line_in_rows(im, t, imp_unplaced(im, NULL, L->no, "%s: “%.*s” is in a column without a header bdlc knows",
                                                  title, (int)L->cell[c].n, L->cell[c].s));
                stray = true;
            }
        }
        if (stray) continue;
        if (kind == K_PROC) {
            if (total) { /* the 合计 row: derived, its 总计 compared */
                Amt a;
                Str tt = text_cell(L, col_of[R_TOTAL]);
                if (text_amount(im, tt, L->no, &a) && a.present)
                    tables_add_check(im, CK_PROC_TOTAL, L->no, title, buf_format(&im->a, "合计 总计"), &a, &t->notes, NULL);
                continue;
            }
            ProcItem *p = arena_alloc(&im->a, sizeof *p);
            p->line = L->no;
            p->code = code;
            p->name = name;
            p->category = text_cell(L, col_of[R_CATEGORY]);
            bool bad = false, any = false;
            for (int s = 0; s < NSRC && !bad; s++) {
                Str a = text_cell(L, col_of[R_SRC0 + s]);
                if (!text_amount(im, a, L->no, &p->src[s])) bad = true;
                any |= p->src[s].present;
            }
            Str tt = text_cell(L, col_of[R_TOTAL]);
            if (bad || !text_amount(im, tt, L->no, &p->total)) {
                imp_unplaced(im, &im->proc.notes, L->no, "%s: a cell of %.*s is not an amount", title, (int)code.n, code.s);
                continue;
            }
            if (!any) {
                imp_unplaced(im, &im->proc.notes, L->no, "%s: %.*s has no amount in a source column", title,
                         (int)code.n, code.s);
                continue;
            }
            vec_apush(&im->a, &im->procs, p);
            if (p->total.present) {
                tables_add_check(im, CK_PROC_TOTAL, L->no, title, buf_format(&im->a, "总计 of %.*s", (int)code.n, code.s), &p->total,
                          &im->proc.notes, NULL);
                ((Check *)im->checks.v[im->checks.n - 1])->item = p;
            }
            continue;
        }
        XRow *r = arena_alloc(&im->a, sizeof *r);
        r->line = L->no;
        r->total = total;
        r->code = total ? text_slice("", 0) : code;
        r->name = total ? text_slice("", 0) : name;
        static const int AR[3] = { R_TOTAL, R_A1, R_A2 };
        bool bad = false, any = false;
        int badc = 0;
        for (int k = 0; k < 3 && !bad; k++) {
            Str a = text_cell(L, col_of[AR[k]]);
            if (!text_amount(im, a, L->no, &r->c[k])) {
                bad = true;
                badc = AR[k];
            }
            any |= r->c[k].present;
        }
        if (bad) {
            Str a = text_cell(L, col_of[badc]);
            note_line_in_rows(im, t, imp_unplaced(im, NULL, L->no, "%s: “%.*s” in the %s column is not an amount", title,
                                              (int)a.n, a.s, role_title(kind, badc)));
            continue;
        }
        if (!any) {
            if (!total)
                note_line_in_rows(im, t, imp_unplaced(im, NULL, L->no, "%s: %.*s has no amount", title, (int)code.n,
                                                  code.s));
            continue;
        }
        t->data++;
        vec_apush(&im->a, &t->rows, r);
    }
    if (im->failed) return;
    if (note_line) {
        const char *std = kind == K_FUND ? "本单位无政府性基金收支，故此表无数据。"
                          : kind == K_PROC ? "本部门无政府采购预算，故此表无数据。"
                                           : NULL;
        bool has = kind == K_PROC ? im->procs.n > 0 : t->data > 0;
        if (std && !has && str_eqc(empty_note, std)) {
            if (kind == K_FUND) im->fund_empty_ok = true;
            else im->proc_empty_ok = true;
        } else {
            imp_unplaced(im, kind == K_PROC ? &im->proc.notes : &t->notes, note_line,
                     "%s: the note “%.*s” is not what bdlc prints for this table", title, (int)empty_note.n,
                     empty_note.s);
        }
    }
}

/* ---------------------------------------------------- summary tables */

static int source_by(Imp *im, Str label, bool carry)
{
    Str n = text_norm(im, label);
    for (int s = 0; s < NSRC; s++) {
        if (carry ? text_eqc(n, IMP_SRC[s].carry) : (text_eqc(n, IMP_SRC[s].column) || text_eqc(n, IMP_SRC[s].proc)))
            return s;
        if (text_eqc(n, IMP_SRC[s].name) || text_eqc(n, IMP_SRC[s].key)) return s;
    }
    return -1;
}

static bool label_in(Imp *im, Str c, const char *const *list)
{
    Str n = text_norm(im, c);
    for (; *list; list++)
        if (text_eqc(n, *list)) return true;
    return false;
}

static const char *const L_INCOME[] = { "一、本年收入", "本年收入", "一.本年收入", NULL };
static const char *const L_CARRY[] = { "二、上年结转", "上年结转", "二.上年结转", NULL };
static const char *const L_INTOTAL[] = { "收入合计", "收入总计", "合计", "总计", NULL };
static const char *const L_OUT[] = { "一、本年支出", "本年支出", "一.本年支出", NULL };
static const char *const L_CARRYOUT[] = { "二、结转下年", "结转下年", "二.结转下年", NULL };
static const char *const L_OUTTOTAL[] = { "支出合计", "支出总计", "合计", "总计", NULL };

/* The function code of a 类 name, from the document's function tables. */
static Str code_by_name(Imp *im, Str name)
{
    Str n = text_norm(im, name), best = text_slice("", 0);
    for (int t = 0; t < 3; t++)
        for (int i = 0; i < im->exp[t].rows.n; i++) {
            XRow *r = im->exp[t].rows.v[i];
            if (r->note || r->total || !r->name.n) continue;
            if (str_eq(text_norm(im, r->name), n) && (!best.n || r->code.n < best.n)) best = r->code;
        }
    return best;
}

static void parse_summary(Imp *im, int kind, int from, int to)
{
    const char *title = IMP_KIND_TITLE[kind];
    int si = kind == K_FISCAL ? 0 : 1;
    bool fiscal = kind == K_FISCAL;
    int in_label = 0, in_amt = 1, out_label = -1;
    int out_src[IMP_MAX_COLS];
    for (int i = 0; i < IMP_MAX_COLS; i++) out_src[i] = -2; /* -2 none, -1 total, else source */
    bool data = false;
    int section = 0; /* 0 income, 1 carry-over */
    int header0 = 0;
    im->has_income = true;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, &im->sum_notes, NULL)) continue;
        if (is_note_line(im, L, &v)) {
            imp_unplaced(im, &im->sum_notes, L->no, "%s: the note “%.*s” has no place in BDL", title, (int)v.n, v.s);
            continue;
        }
        bool has_amount = false;
        for (int c = 0; c < L->ncell; c++) has_amount |= text_is_number(L->cell[c]);
        Str c0 = text_cell(L, 0);
        bool known = label_in(im, c0, L_INCOME) || label_in(im, c0, L_CARRY) || label_in(im, c0, L_INTOTAL) ||
                     source_by(im, c0, false) >= 0 || source_by(im, c0, true) >= 0;
        if (!data && !has_amount && !known && L->ncell < 2) {
            imp_unplaced(im, &im->sum_notes, L->no, "%s: a line that is neither a header nor a row", title);
            continue;
        }
        if (!data && !has_amount && !known) {
            if (!header0) header0 = L->no;
            int nitem = 0;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                Str n = text_norm(im, L->cell[c]);
                if (text_eqc(n, "项目")) {
                    if (nitem++ == 0) in_label = c;
                    else out_label = c;
                } else if (text_eqc(n, "支出") && out_label < 0) {
                    out_label = c;
                }
            }
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                Str n = text_norm(im, L->cell[c]);
                if (out_label >= 0 && c > out_label) {
                    if (text_eqc(n, "合计") || text_eqc(n, "预算数") || text_eqc(n, "总计") || text_eqc(n, "金额")) out_src[c] = -1;
                    for (int s = 0; s < NSRC; s++)
                        if (text_eqc(n, IMP_SRC[s].column) || text_eqc(n, IMP_SRC[s].name)) out_src[c] = s;
                } else if (c > in_label && (text_eqc(n, "预算数") || text_eqc(n, "金额") || text_eqc(n, "合计"))) {
                    in_amt = c;
                }
            }
            continue;
        }
        if (!data) {
            data = true;
            if (out_label < 0) {
                out_label = in_amt + 1;
                out_src[out_label + 1] = -1;
                for (int c = out_label + 2; c < IMP_MAX_COLS; c++) out_src[c] = c - out_label - 2 < 3 ? c - out_label - 2 : -2;
                if (header0)
                    imp_warn(im, header0, "%s: no 项目 column for the expenditure side; assuming the published layout",
                         title);
            }
        }
        /* stray cells: in no column we know */
        bool stray = false;
        for (int c = 0; c < L->ncell; c++)
            if (L->cell[c].n && c != in_label && c != in_amt && c != out_label && (c >= IMP_MAX_COLS || out_src[c] == -2)) {
                imp_unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is in a column bdlc does not know", title,
                         (int)L->cell[c].n, L->cell[c].s);
                stray = true;
                break;
            }
        if (stray) continue;
        /* income side */
        Str lab = text_cell(L, in_label);
        Amt a;
        Str at = text_cell(L, in_amt);
        if (!text_amount(im, at, L->no, &a)) {
            imp_unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is not an amount", title, (int)at.n, at.s);
        } else if (!lab.n) {
            if (a.present)
                imp_unplaced(im, &im->sum_notes, L->no, "%s: the amount %.*s has no label", title, (int)at.n, at.s);
        } else if (label_in(im, lab, L_INCOME)) {
            section = 0;
            tables_add_check(im, CK_INCOME, L->no, title, buf_format(&im->a, "%.*s", (int)lab.n, lab.s), &a, &im->sum_notes,
                      &im->sum_mismatch[si]);
            ((Check *)im->checks.v[im->checks.n - 1])->src = fiscal;
        } else if (label_in(im, lab, L_CARRY)) {
            section = 1;
            im->has_carry = true;
            tables_add_check(im, CK_CARRY, L->no, title, buf_format(&im->a, "%.*s", (int)lab.n, lab.s), &a, &im->sum_notes,
                      &im->sum_mismatch[si]);
            ((Check *)im->checks.v[im->checks.n - 1])->src = fiscal;
        } else if (label_in(im, lab, L_INTOTAL)) {
            tables_add_check(im, CK_INOUT, L->no, title, buf_format(&im->a, "%.*s", (int)lab.n, lab.s), &a, &im->sum_notes,
                      &im->sum_mismatch[si]);
            ((Check *)im->checks.v[im->checks.n - 1])->src = fiscal;
        } else {
            int s = source_by(im, lab, section == 1);
            if (s < 0 && section == 0 && source_by(im, lab, true) >= 0) {
                /* a carry-over row without the 二、上年结转 heading */
                s = source_by(im, lab, true);
                section = 1;
                im->has_carry = true;
            }
            if (s < 0) {
                imp_unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is not a funding source of cn/2026", title,
                         (int)lab.n, lab.s);
            } else {
                Amt *dst = section ? &im->carry[s] : &im->income[s];
                int *from_line = section ? &im->carry_from[s] : &im->income_from[s];
                if (!*from_line) {
                    *dst = a;
                    *from_line = L->no;
                } else if (dst->present != a.present || (a.present && dst->v != a.v)) {
                    imp_unplaced(im, &im->sum_notes, L->no, "%s: %s %s is %.*s here but %.*s on line %d", title,
                             IMP_SRC[s].name, section ? "上年结转" : "本年收入", a.present ? (int)a.text.n : 4,
                             a.present ? a.text.s : "blank", dst->present ? (int)dst->text.n : 4,
                             dst->present ? dst->text.s : "blank", *from_line);
                    im->sum_mismatch[si]++;
                }
            }
        }
        /* expenditure side */
        Str out = text_cell(L, out_label);
        bool any = false;
        for (int c = out_label + 1; c < L->ncell && c < IMP_MAX_COLS; c++) any |= L->cell[c].n > 0;
        if (!out.n && !any) continue;
        if (!out.n) {
            imp_unplaced(im, &im->sum_notes, L->no, "%s: expenditure amounts without a label", title);
            continue;
        }
        bool carryout = label_in(im, out, L_CARRYOUT);
        bool tot = label_in(im, out, L_OUT) || label_in(im, out, L_OUTTOTAL);
        Str code = text_slice("", 0);
        if (!carryout && !tot) {
            code = code_by_name(im, out);
            if (!code.n) {
                imp_unplaced(im, &im->sum_notes, L->no,
                         "%s: “%.*s” is not a row of the function tables, so it cannot be checked", title, (int)out.n,
                         out.s);
                continue;
            }
        }
        for (int c = out_label + 1; c < IMP_MAX_COLS; c++) {
            if (out_src[c] == -2) continue;
            Str x = text_cell(L, c);
            Amt b;
            if (!text_amount(im, x, L->no, &b)) {
                imp_unplaced(im, &im->sum_notes, L->no, "%s: “%.*s” is not an amount", title, (int)x.n, x.s);
                break;
            }
            if (carryout) {
                if (b.present && b.ok && b.v != 0)
                    imp_unplaced(im, &im->sum_notes, L->no, "%s: %.*s %.*s: BDL has no carry-over to next year", title,
                             (int)out.n, out.s, (int)x.n, x.s);
                continue;
            }
            const char *col = out_src[c] < 0 ? (fiscal ? "合计" : "预算数") : IMP_SRC[out_src[c]].column;
            tables_add_check(im, CK_EXP, L->no, title, buf_format(&im->a, "%.*s (%s)", (int)out.n, out.s, col), &b, &im->sum_notes,
                      &im->sum_mismatch[si]);
            Check *ck = im->checks.v[im->checks.n - 1];
            ck->code = code;
            ck->src = out_src[c];
        }
    }
}

/* -------------------------------------------------------------- 三公 */

enum { TP_NONE = -3, TP_TOTAL = -2, TP_SUB = -1 };

static int tp_role(Imp *im, Str c)
{
    Str n = text_norm(im, c);
    if (!n.n) return TP_NONE;
    if (text_contains(n, "购置及运行") || text_eqc(n, "小计")) return TP_SUB;
    if (text_contains(n, "出国")) return 0;
    if (text_contains(n, "购置")) return 1;
    if (text_contains(n, "运行")) return 2;
    if (text_contains(n, "接待")) return 3;
    if (text_eqc(n, "合计") || text_eqc(n, "总计")) return TP_TOTAL;
    return TP_NONE;
}

static void tp_value(Imp *im, int role, Amt *a, int line)
{
    static const char *const NAMES[4] = { "因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费" };
    if (role >= 0) {
        if (im->tp[role].present || im->tp[role].line) {
            imp_unplaced(im, &im->tp_notes, line, "三公经费: %s is given twice", NAMES[role]);
            return;
        }
        im->tp[role] = *a;
        im->tp[role].line = line;
        return;
    }
    tables_add_check(im, role == TP_TOTAL ? CK_TP_TOTAL : CK_TP_SUB, line, IMP_KIND_TITLE[K_TP],
              buf_format(&im->a, "%s", role == TP_TOTAL ? "合计" : "公务用车购置及运行费 小计"), a, &im->tp_notes,
              &im->tp_mismatch);
}

static void parse_tp(Imp *im, int from, int to)
{
    int role[IMP_MAX_COLS];
    for (int i = 0; i < IMP_MAX_COLS; i++) role[i] = TP_NONE;
    bool done = false;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, &im->tp_notes, NULL)) continue;
        if (is_note_line(im, L, &v)) {
            imp_unplaced(im, &im->tp_notes, L->no, "三公经费: the note “%.*s” has no place in BDL", (int)v.n, v.s);
            continue;
        }
        bool has_amount = false;
        for (int c = 0; c < L->ncell; c++) has_amount |= text_is_number(L->cell[c]);
        int lab = L->first >= 0 ? tp_role(im, L->cell[L->first]) : TP_NONE;
        if (has_amount && lab != TP_NONE && L->nonblank == 2) { /* one item per row */
            Amt a;
            Str x = L->cell[L->first + 1 < L->ncell ? L->first + 1 : L->first];
            for (int c = L->first + 1; c < L->ncell; c++)
                if (L->cell[c].n) { x = L->cell[c]; break; }
            text_amount(im, x, L->no, &a);
            tp_value(im, lab, &a, L->no);
            continue;
        }
        if (!has_amount) {
            bool words = false;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                int r = tp_role(im, L->cell[c]);
                if (r != TP_NONE) { role[c] = r; words = true; }
            }
            if (!words && L->nonblank) {
                Str n = text_norm(im, L->cell[L->first]);
                if (!(n.n > 4 && text_is_digit(n.s[0]) && text_contains(n, "年")))
                    imp_unplaced(im, &im->tp_notes, L->no, "三公经费: a row bdlc cannot read");
            }
            continue;
        }
        if (done) {
            imp_unplaced(im, &im->tp_notes, L->no, "三公经费: a second row of amounts");
            continue;
        }
        bool bad = false;
        for (int c = 0; c < L->ncell && !bad; c++) {
            if (!L->cell[c].n) continue;
            Amt a;
            if (c >= IMP_MAX_COLS || role[c] == TP_NONE || !text_amount(im, L->cell[c], L->no, &a)) {
                imp_unplaced(im, &im->tp_notes, L->no, "三公经费: “%.*s” has no column bdlc knows or is not an amount",
                         (int)L->cell[c].n, L->cell[c].s);
                bad = true;
            }
        }
        if (bad) continue;
        done = true;
        for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
            Amt a;
            if (role[c] == TP_NONE) continue;
            text_amount(im, L->cell[c], L->no, &a);
            if (role[c] >= 0 && !a.present) { /* blank item: not written */
                im->tp[role[c]].line = L->no;
                continue;
            }
            tp_value(im, role[c], &a, L->no);
        }
    }
}

/* ------------------------------------------------------------- forms */

enum {
    F_DEPT, F_DEXP, F_DGOAL, F_PNAME, F_PCODE, F_OWNER, F_EXECW, F_CATEGORY, F_AMOUNT, F_LOCAL, F_SUPERIOR,
    F_SUMMARY, F_BASIS, F_GOAL, F_AGENCY, F_COUNT
};
static const struct {
    int f;
    const char *w;
} FORM[] = {
    { F_DEPT, "部门(单位)名称" }, { F_DEPT, "部门名称" },         { F_DEPT, "单位名称" },
    { F_DEXP, "部门支出预算数" }, { F_DEXP, "部门预算数" },       { F_DGOAL, "当年整体绩效目标" },
    { F_DGOAL, "整体绩效目标" },  { F_DGOAL, "年度整体绩效目标" }, { F_DGOAL, "部门整体绩效目标" },
    { F_PNAME, "项目名称" },      { F_PCODE, "项目编码" },         { F_PCODE, "项目代码" },
    { F_PCODE, "项目编号" },      { F_OWNER, "业务主管部门" },     { F_OWNER, "主管部门" },
    { F_EXECW, "预算执行率权重" }, { F_EXECW, "执行率权重" },      { F_CATEGORY, "项目分类" },
    { F_CATEGORY, "项目类别" },   { F_CATEGORY, "项目类型" },      { F_AMOUNT, "当年预算" },
    { F_AMOUNT, "年度预算" },     { F_AMOUNT, "项目预算" },        { F_LOCAL, "本级安排" },
    { F_SUPERIOR, "上级补助" },   { F_SUMMARY, "项目概述" },       { F_SUMMARY, "项目概况" },
    { F_BASIS, "立项依据" },      { F_GOAL, "当年绩效目标" },      { F_GOAL, "年度绩效目标" },
    { F_GOAL, "项目绩效目标" },   { F_AGENCY, "编制单位" },
};
static const char *const FIELD_TITLE[F_COUNT] = {
    "部门(单位)名称", "部门支出预算数", "当年整体绩效目标", "项目名称", "项目编码", "业务主管部门", "预算执行率权重",
    "项目分类", "当年预算", "本级安排", "上级补助", "项目概述", "立项依据", "当年绩效目标", "编制单位",
};

/* A label cell's field; a label such as 当年预算（万元） also prints the
 * unit of the amounts (a document without a 单位： line). */
static int form_label(Imp *im, Str c, int line)
{
    Str n = text_norm(im, c);
    while (n.n && (n.s[n.n - 1] == ':')) n.n--;
    const char *suf[] = { "(万元)", "(元)" }, *unit = NULL;
    for (size_t k = 0; k < 2; k++)
        if (text_ends_with(n, suf[k])) {
            n.n -= (uint32_t)strlen(suf[k]);
            unit = k == 0 ? "万元" : "元";
        }
    for (size_t i = 0; i < sizeof FORM / sizeof *FORM; i++)
        if (text_eqc(n, FORM[i].w)) {
            if (unit) set_unit(im, str_c(unit), line);
            return FORM[i].f;
        }
    return -1;
}

/* The indicator grid's columns. */
enum { I_L1, I_L2, I_L3, I_W, I_U, I_OP, I_V, I_CORE, I_COUNT };

static int ind_role(Imp *im, Str c)
{
    Str n = text_norm(im, c);
    if (text_eqc(n, "一级指标")) return I_L1;
    if (text_eqc(n, "二级指标")) return I_L2;
    if (text_eqc(n, "三级指标")) return I_L3;
    if (text_contains(n, "权重") || text_eqc(n, "分值")) return I_W;
    if (text_contains(n, "单位")) return I_U;
    if (text_contains(n, "性质") || text_contains(n, "符号") || text_contains(n, "方向")) return I_OP;
    if (text_contains(n, "核心")) return I_CORE;
    if (text_contains(n, "指标值") || text_contains(n, "目标值")) return I_V;
    return -1;
}

static int op_of(Imp *im, Str c, uint32_t *used)
{
    static const struct { const char *w; int op; } OPS[] = {
        { "≥", OPK_GE }, { ">=", OPK_GE }, { "≧", OPK_GE }, { "大于等于", OPK_GE }, { "不低于", OPK_GE },
        { "不少于", OPK_GE }, { "≤", OPK_LE }, { "<=", OPK_LE }, { "≦", OPK_LE }, { "小于等于", OPK_LE },
        { "不高于", OPK_LE }, { "不超过", OPK_LE }, { "不多于", OPK_LE }, { "=", OPK_EQ }, { "等于", OPK_EQ },
        { ">", OPK_GT }, { "大于", OPK_GT }, { "<", OPK_LT }, { "小于", OPK_LT }, { "定性", OPK_QUAL },
    };
    Str n = text_norm(im, c);
    for (size_t i = 0; i < sizeof OPS / sizeof *OPS; i++) {
        if (used ? text_starts_with(n, OPS[i].w) : text_eqc(n, OPS[i].w)) {
            if (used) *used = (uint32_t)strlen(OPS[i].w);
            return OPS[i].op;
        }
    }
    return -1;
}

typedef struct Grid {
    bool on;
    int pos[I_COUNT];
    int line;
} Grid;

static Str gcell(const TLine *L, const Grid *g, int k, int shift)
{
    if (g->pos[k] < 0) return text_slice("", 0);
    return text_cell(L, g->pos[k] + shift);
}

static bool is_yes_no(Str c) { return !c.n || text_eqc(c, "是") || text_eqc(c, "否"); }

/* Read an indicator row; false (with `why`) when it cannot be written. */
static bool read_indicator(Imp *im, const TLine *L, const Grid *g, const Ind *prev, Ind *out, char **why)
{
    int best = 0, best_score = -100;
    static const int SHIFTS[3] = { 0, -1, 1 };
    for (int si = 0; si < 3; si++) {
        int s = SHIFTS[si], score = 0;
        Str op = gcell(L, g, I_OP, s), w = gcell(L, g, I_W, s), core = gcell(L, g, I_CORE, s);
        Str v = gcell(L, g, I_V, s), l3 = gcell(L, g, I_L3, s);
        if (g->pos[I_OP] >= 0) score += op_of(im, op, NULL) >= 0 ? 2 : op.n ? -2 : 0;
        if (g->pos[I_W] >= 0) score += !w.n || text_is_number(w) ? 1 : -1;
        if (g->pos[I_CORE] >= 0) score += is_yes_no(core) ? 1 : -1;
        score += text_is_number(v) ? 1 : 0;
        score += l3.n && !text_is_number(l3) ? 1 : -1;
        /* cells left outside the grid */
        int lo = IMP_MAX_COLS, hi = -1;
        for (int k = 0; k < I_COUNT; k++)
            if (g->pos[k] >= 0) {
                if (g->pos[k] + s < lo) lo = g->pos[k] + s;
                if (g->pos[k] + s > hi) hi = g->pos[k] + s;
            }
        for (int c = 0; c < L->ncell; c++)
            if (L->cell[c].n && (c < lo || c > hi)) score -= 3;
        if (score > best_score) {
            best_score = score;
            best = s;
        }
    }
    memset(out, 0, sizeof *out);
    out->line = L->no;
    for (int k = 0; k < 3; k++) out->lv[k] = gcell(L, g, I_L1 + k, best);
    if (!out->lv[0].n && prev) out->lv[0] = prev->lv[0]; /* merged cells */
    if (!out->lv[1].n && prev && str_eq(out->lv[0], prev->lv[0])) out->lv[1] = prev->lv[1];
    if (!out->lv[0].n || !out->lv[1].n || !out->lv[2].n) {
        *why = buf_format(&im->a, "an indicator row without its %s", !out->lv[0].n ? "一级指标" : !out->lv[1].n ? "二级指标" : "三级指标");
        return false;
    }
    out->weight = gcell(L, g, I_W, best);
    if (out->weight.n && (!text_is_number(out->weight) || out->weight.s[0] == '-')) {
        *why = buf_format(&im->a, "the weight “%.*s” is not a number", (int)out->weight.n, out->weight.s);
        return false;
    }
    out->unit = gcell(L, g, I_U, best);
    Str v = gcell(L, g, I_V, best), op = gcell(L, g, I_OP, best);
    int o = op.n ? op_of(im, op, NULL) : -1;
    if (op.n && o < 0) {
        *why = buf_format(&im->a, "“%.*s” is not a 指标性质 (≥ ≤ = > < or 定性)", (int)op.n, op.s);
        return false;
    }
    if (o < 0 && v.n) { /* the operator written into the value: "≥95" */
        uint32_t used = 0;
        int o2 = op_of(im, v, &used);
        if (o2 >= 0 && o2 != OPK_QUAL) {
            /* cut the raw text after the operator's characters */
            Str n = text_norm(im, v);
            Str rest = text_slice(n.s + used, n.n - used);
            o = o2;
            v = rest;
        }
    }
    if (o < 0) o = !text_is_number(v) ? OPK_QUAL : g->pos[I_OP] < 0 ? OPK_EQ : -1;
    if (o < 0) {
        *why = buf_format(&im->a, "the value %.*s has no 指标性质", (int)v.n, v.s);
        return false;
    }
    if (o == OPK_QUAL) {
        if (!v.n) {
            *why = buf_format(&im->a, "a qualitative indicator without a value");
            return false;
        }
        if (out->unit.n) {
            *why = buf_format(&im->a, "a qualitative indicator with a 计量单位 (“%.*s”), which BDL cannot hold", (int)out->unit.n,
                        out->unit.s);
            return false;
        }
    } else if (!text_is_number(v)) {
        /* "100%": the number, then the unit, when the unit cell is blank */
        uint32_t i = 0;
        while (i < v.n && (text_is_digit(v.s[i]) || v.s[i] == '.' || v.s[i] == ',' || (i == 0 && v.s[i] == '-'))) i++;
        Str num = text_slice(v.s, i), rest = text_trim(text_slice(v.s + i, v.n - i));
        if (i && text_is_number(num) && !out->unit.n && rest.n) {
            v = num;
            out->unit = rest;
        } else {
            *why = buf_format(&im->a, "the value “%.*s” is not a number", (int)v.n, v.s);
            return false;
        }
    }
    out->op = o;
    out->value = v;
    Str core = gcell(L, g, I_CORE, best);
    if (!is_yes_no(core)) {
        *why = buf_format(&im->a, "是否核心指标 is “%.*s”, not 是 or 否", (int)core.n, core.s);
        return false;
    }
    out->core = text_eqc(core, "是");
    return true;
}

static Proj *new_project(Imp *im, int line, Agency *agency)
{
    Proj *p = arena_alloc(&im->a, sizeof *p);
    p->line = line;
    if (agency) p->agency = agency->code;
    return p;
}

/* 部门整体绩效目标表 (dept) or one 项目支出绩效目标表 (a project). */
static void parse_form(Imp *im, int kind, int from, int to)
{
    bool dept = kind == K_DPERF;
    const char *title = IMP_KIND_TITLE[kind];
    Agency *agency = NULL;
    Proj *p = NULL;
    Grid g;
    memset(&g, 0, sizeof g);
    Vec *notes = dept ? &im->perf_notes : NULL;
    Vec pending; /* notes before the project starts */
    memset(&pending, 0, sizeof pending);
    if (!dept) notes = &pending;
    Vec *inds = dept ? &im->perf_inds : NULL;
    for (int li = from; li < to && !im->failed; li++) {
        TLine *L = &im->L[li];
        Str v;
        if (common_line(im, L, notes, &agency)) {
            if (p && agency && L->nonblank && is_agency_line(im, L, &v)) p->agency = agency->code;
            continue;
        }
        if (is_note_line(im, L, &v)) {
            imp_unplaced(im, notes, L->no, "%s: the note “%.*s” has no place in BDL", title, (int)v.n, v.s);
            continue;
        }
        /* the labels of this row */
        int lab[IMP_MAX_COLS], nlab = 0;
        bool header = false;
        for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
            lab[c] = L->cell[c].n ? form_label(im, L->cell[c], L->no) : -1;
            nlab += lab[c] >= 0;
            header |= ind_role(im, L->cell[c]) == I_L1;
        }
        if (header) {
            memset(&g, 0, sizeof g);
            for (int k = 0; k < I_COUNT; k++) g.pos[k] = -1;
            for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
                int r = ind_role(im, L->cell[c]);
                if (r >= 0 && g.pos[r] < 0) g.pos[r] = c;
            }
            g.on = true;
            g.line = L->no;
            if (g.pos[I_L2] < 0 || g.pos[I_L3] < 0 || (g.pos[I_V] < 0 && g.pos[I_OP] < 0)) {
                imp_fail(im, L->no, "%s: the indicator header needs 一级指标, 二级指标, 三级指标 and 指标值", title);
                return;
            }
            if (!dept && !p) {
                imp_unplaced(im, notes, L->no, "%s: indicators before the 项目名称", title);
                g.on = false;
            }
            continue;
        }
        if (!nlab && g.on) {
            Ind *ind = arena_alloc(&im->a, sizeof *ind);
            Vec *list = dept ? inds : &p->inds;
            char *why = NULL;
            if (p) p->last = L->no;
            if (read_indicator(im, L, &g, list->n ? list->v[list->n - 1] : NULL, ind, &why))
                vec_apush(&im->a, list, ind);
            else
                imp_unplaced(im, notes, L->no, "%s: %s", title, why);
            continue;
        }
        if (!nlab) {
            imp_unplaced(im, notes, L->no, "%s: a row without a label bdlc knows", title);
            continue;
        }
        g.on = false;
        /* label cells: each takes the first non-blank cell before the next label */
        bool stray = false;
        for (int c = 0; c < L->ncell && c < IMP_MAX_COLS; c++) {
            if (lab[c] < 0) {
                if (L->cell[c].n) {
                    /* a value: owned by the nearest label to its left */
                    int o = c - 1;
                    while (o >= 0 && lab[o] < 0) o--;
                    bool first = true;
                    for (int q = o + 1; o >= 0 && q < c; q++) first &= !L->cell[q].n;
                    if (o < 0 || !first) stray = true;
                }
                continue;
            }
            int f = lab[c];
            Str val = text_slice("", 0);
            for (int q = c + 1; q < L->ncell && q < IMP_MAX_COLS && lab[q] < 0; q++)
                if (L->cell[q].n) { val = L->cell[q]; break; }
            if (f == F_AGENCY) {
                Agency *ag = add_agency(im, val, L->no, notes);
                if (ag) {
                    agency = ag;
                    if (p) p->agency = ag->code;
                }
                continue;
            }
            bool dept_field = f == F_DEPT || f == F_DEXP || f == F_DGOAL;
            if (dept != dept_field) {
                imp_unplaced(im, notes, L->no, "%s: %s does not belong in this table", title, FIELD_TITLE[f]);
                continue;
            }
            if (!dept && (f == F_PNAME || f == F_PCODE) && (!p || p->seen[f])) {
                if (p) vec_apush(&im->a, &im->projects, p);
                p = new_project(im, L->no, agency);
                for (int k = 0; k < pending.n; k++) vec_apush(&im->a, &p->notes, pending.v[k]);
                pending.n = 0;
                notes = &p->notes;
            }
            if (!dept && !p) {
                imp_unplaced(im, notes, L->no, "%s: %s before the 项目名称", title, FIELD_TITLE[f]);
                continue;
            }
            int *seen = dept ? im->perf_seen : p->seen;
            if (seen[f]) {
                imp_unplaced(im, notes, L->no, "%s: %s is given twice (first on line %d)", title, FIELD_TITLE[f], seen[f]);
                continue;
            }
            seen[f] = L->no;
            if (p) p->last = L->no;
            Amt a;
            switch (f) {
            case F_DEPT: {
                Str code, name;
                if (text_split_code_name(val, &code, &name)) set_dept(im, code, name, 3);
                else if (val.n) set_dept(im, text_slice("", 0), val, 3);
                break;
            }
            case F_DEXP:
                if (!text_amount(im, val, L->no, &a))
                    imp_unplaced(im, notes, L->no, "%s: 部门支出预算数 “%.*s” is not an amount", title, (int)val.n, val.s);
                else
                    tables_add_check(im, CK_PERF_EXP, L->no, title, buf_format(&im->a, "部门支出预算数"), &a, notes, &im->perf_mismatch);
                break;
            case F_DGOAL: im->perf_goal = val; break;
            case F_PNAME: {
                Str code, name;
                p->line = L->no;
                if (text_split_code_name(val, &code, &name) && code.n) {
                    if (!p->code.n) p->code = code;
                    p->name = name;
                } else {
                    p->name = val;
                }
                p->named = true;
                break;
            }
            case F_PCODE:
                if (text_is_code(val)) p->code = val;
                else imp_unplaced(im, notes, L->no, "%s: 项目编码 “%.*s” is not a code", title, (int)val.n, val.s);
                break;
            case F_OWNER: p->owner = val; break;
            case F_CATEGORY: p->category = val; break;
            case F_EXECW:
                if (!val.n) break;
                if (text_is_number(val) && val.s[0] != '-') p->execw = val;
                else imp_unplaced(im, notes, L->no, "%s: 预算执行率权重 “%.*s” is not a number", title, (int)val.n, val.s);
                break;
            case F_AMOUNT:
            case F_SUPERIOR:
            case F_LOCAL:
                if (!text_amount(im, val, L->no, &a)) {
                    imp_unplaced(im, notes, L->no, "%s: %s “%.*s” is not an amount", title, FIELD_TITLE[f], (int)val.n,
                             val.s);
                    break;
                }
                if (f == F_AMOUNT) p->amount = a;
                else if (f == F_SUPERIOR) p->superior = a;
                else p->local = a;
                break;
            case F_SUMMARY: p->summary = val; break;
            case F_BASIS: p->basis = val; break;
            case F_GOAL: p->goal = val; break;
            default: break;
            }
        }
        for (int c = IMP_MAX_COLS; c < L->ncell; c++) stray |= L->cell[c].n > 0; /* (once dropped unsaid) */
        if (stray)
            imp_unplaced(im, notes, L->no, "%s: a cell of this row belongs to no label bdlc knows", title);
    }
    if (!dept) {
        if (p) {
            vec_apush(&im->a, &im->projects, p);
        } else if (pending.n) {
            for (int k = 0; k < pending.n; k++) vec_apush(&im->a, &im->loose, pending.v[k]);
        }
    }
}

/* --------------------------------------------------------- segments */

typedef struct Seg {
    int kind, title, head, from, to; /* line indexes */
    Str prefix, heading; /* a department name in the title, or on the lone line above it */
} Seg;

static void find_year(Imp *im, const Seg *segs, int nseg)
{
    bool *title = arena_alloc(&im->a, (size_t)im->nl + 1);
    for (int s = 0; s < nseg; s++) title[segs[s].title] = true;
    for (int pass = 0; pass < 2 && !im->year.n; pass++)
        for (int i = 0; i < im->nl && !im->year.n; i++) {
            TLine *L = &im->L[i];
            if (pass == 0 && !title[i]) continue;
            for (int c = 0; c < L->ncell && !im->year.n; c++) {
                Str x = L->cell[c];
                for (uint32_t k = 0; k + 7 <= x.n; k++) {
                    if (pass == 1 && k > 0) break; /* headers: the cell starts with the year */
                    if (text_is_digit(x.s[k]) && text_is_digit(x.s[k + 1]) && text_is_digit(x.s[k + 2]) && text_is_digit(x.s[k + 3]) &&
                        memcmp(x.s + k + 4, "年", 3) == 0 && (x.s[k] == '1' || x.s[k] == '2') &&
                        (k == 0 || !text_is_digit(x.s[k - 1])) && (pass == 0 || x.n <= 40)) {
                        im->year = text_slice(x.s + k, 4);
                        break;
                    }
                }
            }
        }
}

/* Is `name` the heading or title prefix of another table than i? */
static bool said_twice(const Seg *segs, int nseg, int i, Str name)
{
    for (int j = 0; j < nseg; j++)
        if (j != i && (str_eq(segs[j].heading, name) || str_eq(segs[j].prefix, name))) return true;
    return false;
}

/* A name in a title or on the lone line above it is the department's only
 * when another table says the same: one such line can be anything (a new
 * user's import named the department "详见单位的", the end of a sentence
 * that ended in a table's title).  部门(单位)名称 needs no second word. */
static void confirm_headings(Imp *im, const Seg *segs, int nseg)
{
    for (int i = 0; i < nseg; i++)
        if (segs[i].prefix.n && said_twice(segs, nseg, i, segs[i].prefix)) set_dept(im, text_slice("", 0), segs[i].prefix, 1);
    for (int i = 0; i < nseg; i++) {
        Str h = segs[i].heading;
        if (!h.n) continue;
        if (said_twice(segs, nseg, i, h))
            set_dept(im, text_slice("", 0), h, 2);
        else
            imp_unplaced(im, &im->loose, im->L[segs[i].head].no, "the line above the table on line %d is not taken as "
                     "the department's name, since no other table's title or heading says the same",
                     im->L[segs[i].title].no);
    }
}

/* A line quoted in a message: its first 60 bytes, whole characters. */
static Str quoted(const TLine *L)
{
    Str t = text_trim(L->raw);
    if (t.n <= 60) return t;
    uint32_t n = 60;
    while (n > 0 && ((unsigned char)t.s[n] & 0xC0) == 0x80) n--;
    return text_slice(t.s, n);
}

/* Not one table bdlc knows: say which layout and titles it reads and what
 * it saw instead, and write nothing (an empty budget would check clean). */
static void no_known_table(Imp *im, const Seg *segs, int nseg)
{
    int first = 0;
    while (first < im->nl && !im->L[first].nonblank) first++;
    if (first == im->nl) {
        imp_fail(im, 1, "the file is empty: there is no table to import");
        return;
    }
    imp_fail(im, im->L[first].no, "this document has none of the tables bdlc import reads, so there is nothing to import");
    char titles[1024];
    size_t o = 0;
    for (int k = K_FISCAL; k < K_UNKNOWN; k++)
        o += (size_t)snprintf(titles + o, sizeof titles - o, "%s%s", k == K_FISCAL ? "" : k == K_PPERF ? " and " : ", ",
                              IMP_KIND_TITLE[k]);
    imp_fail_note(im, "bdlc import reads one layout, the tab-separated tables of a Chongqing department budget (like "
                  "the 重庆市南川区 reference document), with titles ending in %s", titles);
    if (nseg) {
        o = 0;
        int shown = 0;
        for (int i = 0; i < nseg && shown < 4; i++, shown++) {
            Str t = quoted(&im->L[segs[i].title]);
            o += (size_t)snprintf(titles + o, sizeof titles - o, "%s“%.*s” (line %d)", shown ? ", " : "", (int)t.n,
                                  t.s, im->L[segs[i].title].no);
        }
        if (nseg > shown)
            imp_fail_note(im, "this document's tables are titled %s and %d more, and none of them is one bdlc import reads",
                      titles, nseg - shown);
        else
            imp_fail_note(im, "this document's tables are titled %s, and none of them is one bdlc import reads", titles);
    } else {
        o = 0;
        int shown = 0;
        for (int i = first; i < im->nl && shown < 3; i++) {
            if (!im->L[i].nonblank) continue;
            Str t = quoted(&im->L[i]);
            o += (size_t)snprintf(titles + o, sizeof titles - o, "%s“%.*s” (line %d)", shown++ ? ", " : "", (int)t.n,
                                  t.s, im->L[i].no);
        }
        imp_fail_note(im, "no line of this document is the title of a table; the first lines it looked at are %s", titles);
    }
    bool tabs = false;
    for (int i = 0; i < im->nl && !tabs; i++) tabs = im->L[i].ncell > 1;
    if (!tabs)
        imp_fail_note(im, "no line of this document has cells: bdlc import reads cells separated by tabs, as copied "
                      "from the published web page or spreadsheet, or by runs of spaces, as `pdftotext -layout` "
                      "writes them, or the PDF itself");
}

void tables_parse_document(Imp *im)
{
    Seg *segs = arena_alloc(&im->a, sizeof(Seg) * (size_t)(im->nl + 1));
    int nseg = 0;
    for (int i = 0; i < im->nl; i++) {
        size_t pre = 0;
        int k = title_kind(im, &im->L[i], &pre);
        if (k == K_NONE) continue;
        Seg *s = &segs[nseg++];
        s->kind = k;
        s->title = i;
        s->head = -1;
        s->from = i + 1;
        /* the department heading just above, or the title's own prefix */
        Str c = text_single(&im->L[i]);
        Str prefix = text_trim(text_slice(c.s, pre));
        if (prefix.n >= 7 && text_is_digit(prefix.s[0]) && text_is_digit(prefix.s[3]) && memcmp(prefix.s + 4, "年", 3) == 0)
            prefix = text_trim(text_slice(prefix.s + 7, prefix.n - 7));
        if (prefix.n >= 7 && text_ends_with(prefix, "年") && text_is_digit(prefix.s[prefix.n - 4]) &&
            text_is_digit(prefix.s[prefix.n - 7]))
            prefix = text_trim(text_slice(prefix.s, prefix.n - 7));
        s->prefix = k != K_UNKNOWN ? prefix : text_slice("", 0);
        s->heading = text_slice("", 0);
        int j = i - 1;
        while (j >= 0 && !im->L[j].nonblank) j--;
        int floor = nseg > 1 ? segs[nseg - 2].title : -1;
        Str v;
        if (j > floor && im->L[j].nonblank == 1 && title_kind(im, &im->L[j], NULL) == K_NONE &&
            !is_unit_line(im, &im->L[j], &v) && !is_agency_line(im, &im->L[j], &v) && !is_note_line(im, &im->L[j], &v) &&
            !text_is_rule(&im->L[j])) {
            s->head = j;
            if (k != K_UNKNOWN && !prefix.n) s->heading = text_single(&im->L[j]);
        }
    }
    int known = 0;
    for (int s = 0; s < nseg; s++) {
        int end = s + 1 < nseg ? (segs[s + 1].head >= 0 ? segs[s + 1].head : segs[s + 1].title) : im->nl;
        segs[s].to = end;
        /* a sentence that ends like a title ("…详见单位的项目支出绩效目标表") has no table under it */
        bool empty = true;
        for (int i = segs[s].from; i < end && empty; i++) empty = !im->L[i].nonblank;
        if (empty && segs[s].kind != K_UNKNOWN) {
            segs[s].kind = K_NONE;
            segs[s].prefix = text_slice("", 0);
        }
        known += segs[s].kind != K_UNKNOWN && segs[s].kind != K_NONE;
    }
    if (!known) {
        if (layout_import(im, &im->lay)) {
            im->by_layout = true;
            return;
        }
        no_known_table(im, segs, nseg);
        return;
    }
    confirm_headings(im, segs, nseg);
    for (int s = 0; s < nseg; s++)
        if (segs[s].kind == K_NONE)
            imp_unplaced(im, &im->loose, im->L[segs[s].title].no, "this line ends like the title of a %s, but no table "
                     "follows it", IMP_KIND_TITLE[title_kind(im, &im->L[segs[s].title], NULL)]);
    find_year(im, segs, nseg);
    /* lines before the first table */
    int start = segs[0].head >= 0 ? segs[0].head : segs[0].title;
    for (int i = 0; i < start; i++) {
        TLine *L = &im->L[i];
        if (common_line(im, L, &im->loose, NULL)) continue;
        imp_unplaced(im, &im->loose, L->no, "a line before the first table");
    }
    /* function tables first: the summaries look their 类 names up there */
    static const int ORDER[] = { K_GENERAL, K_FUND, K_DEXP, K_BASIC, K_TP, K_PROC, K_FISCAL, K_DSUM, K_DPERF,
                                 K_PPERF, K_UNKNOWN };
    for (size_t o = 0; o < sizeof ORDER / sizeof *ORDER && !im->failed; o++)
        for (int s = 0; s < nseg && !im->failed; s++) {
            Seg *g = &segs[s];
            if (g->kind != ORDER[o]) continue;
            int line = im->L[g->title].no;
            switch (g->kind) {
            case K_GENERAL:
            case K_FUND:
            case K_DEXP:
            case K_BASIC: {
                XTable *t = g->kind == K_GENERAL ? &im->exp[0] : g->kind == K_FUND ? &im->exp[1]
                            : g->kind == K_DEXP  ? &im->exp[2]
                                                 : &im->eco;
                if (t->line) {
                    for (int i = g->title; i < g->to; i++)
                        if (im->L[i].nonblank)
                            imp_unplaced(im, &im->loose, im->L[i].no, "%s appears a second time (first on line %d)",
                                     IMP_KIND_TITLE[g->kind], t->line);
                    break;
                }
                t->line = line;
                parse_grid(im, g->kind, g->from, g->to, t);
                break;
            }
            case K_PROC:
                if (im->proc_line) {
                    imp_unplaced(im, &im->loose, line, "%s appears a second time", IMP_KIND_TITLE[g->kind]);
                    break;
                }
                im->proc_line = line;
                parse_grid(im, K_PROC, g->from, g->to, &im->proc);
                break;
            case K_TP:
                if (im->tp_line) {
                    imp_unplaced(im, &im->loose, line, "%s appears a second time", IMP_KIND_TITLE[g->kind]);
                    break;
                }
                im->tp_line = line;
                parse_tp(im, g->from, g->to);
                break;
            case K_FISCAL:
            case K_DSUM: {
                int si = g->kind == K_FISCAL ? 0 : 1;
                if (im->sum_line[si]) {
                    imp_unplaced(im, &im->loose, line, "%s appears a second time", IMP_KIND_TITLE[g->kind]);
                    break;
                }
                im->sum_line[si] = line;
                parse_summary(im, g->kind, g->from, g->to);
                break;
            }
            case K_DPERF:
                if (im->perf_line) {
                    imp_unplaced(im, &im->loose, line, "%s appears a second time", IMP_KIND_TITLE[g->kind]);
                    break;
                }
                im->perf_line = line;
                parse_form(im, K_DPERF, g->from, g->to);
                break;
            case K_PPERF:
                parse_form(im, K_PPERF, g->from, g->to);
                break;
            case K_UNKNOWN: {
                Str t = text_single(&im->L[g->title]);
                int n = 0, last = g->title;
                for (int i = g->title; i < g->to; i++)
                    if (im->L[i].nonblank) {
                        n++;
                        last = i;
                    }
                Note *nt = arena_alloc(&im->a, sizeof *nt);
                nt->line = line;
                nt->to = im->L[last].no;
                nt->why = buf_format(&im->a, "“%.*s” is not a table bdlc imports", (int)t.n, t.s);
                vec_apush(&im->a, &im->loose, nt);
                im->nplaced_not += n;
                imp_warn(im, line, "“%.*s” is not a table bdlc imports; its %d lines are kept as comments", (int)t.n, t.s, n);
                break;
            }
            default: break;
            }
        }
    if (im->failed) return;
    if (!im->year.n) {
        imp_fail(im, im->L[segs[0].title].no,
             "no budget year: expected a title or header with a year, such as “2026年项目支出绩效目标表” or "
             "“2026年预算数”");
        return;
    }
    for (int i = 0; i < im->projects.n; i++) {
        Proj *p = im->projects.v[i];
        if (!p->code.n) {
            int n = 0;
            for (int l = p->line; l <= p->last && l <= im->nl; l++) n += im->L[l - 1].nonblank > 0;
            imp_warn(im, p->line, "a project without a project code (项目名称 “CODE-name” or 项目编码); its %d lines are "
                              "kept as comments", n);
            im->nplaced_not += n;
            continue;
        }
        if (p->local.present) {
            tables_add_check(im, CK_LOCAL, p->local.line, IMP_KIND_TITLE[K_PPERF],
                      buf_format(&im->a, "本级安排 of %.*s", (int)p->code.n, p->code.s), &p->local, &p->notes, NULL);
            ((Check *)im->checks.v[im->checks.n - 1])->item = p;
        }
    }
    if (!im->dept_code.n)
        imp_warn(im, im->L[segs[0].title].no,
             "no department code (部门(单位)名称 “204-name” in the 部门整体绩效目标表): the budget block has no "
             "`department`");
    if (!im->unit.n)
        imp_warn(im, im->L[segs[0].title].no,
             "no table prints its unit (单位：万元 or 单位：元): the budget block has no `unit`, so BDL's default 万元 "
             "applies; write `unit 元` if the document's amounts are in 元");
    derive_department_table(im);
    derive_run_checks(im);
}
