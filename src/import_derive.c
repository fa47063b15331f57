/*
 * import_derive.c — what BDL derives and cannot hold (summary totals, 三公
 * subtotals, 部门支出总表 …), compared with the published value once the
 * whole document is read; a difference is a warning and the line a comment.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* ------------------------------------------------------ derivations */

static bool row_val(const XRow *r, int col, int64_t *v)
{
    if (r->c[col].present) {
        if (!r->c[col].ok) return false;
        *v = r->c[col].v;
        return true;
    }
    *v = 0;
    if (col == 0)
        for (int k = 1; k < 3; k++) {
            if (!r->c[k].present) continue;
            if (!r->c[k].ok || !money_add(v, r->c[k].v)) return false;
        }
    return true;
}

/* The value of a code (n == 0: the 合计) in one table: its own row when it
 * writes the cell, else the sum of the leaves below it. */
static bool table_val(const XTable *t, Str code, int col, int64_t *v)
{
    *v = 0;
    const XRow *me = NULL;
    if (code.n) {
        me = map_get(&t->by_code, code);
    } else {
        for (int i = 0; i < t->rows.n && !me; i++) {
            const XRow *r = t->rows.v[i];
            if (!r->note && r->total) me = r;
        }
    }
    if (me) {
        int64_t x;
        if (!row_val(me, col, &x)) return false;
        bool any = me->c[0].present || me->c[1].present || me->c[2].present;
        if (any && (me->c[col].present || col == 0 || me->leaf)) {
            *v = x;
            return true;
        }
    }
    for (int i = 0; i < t->rows.n; i++) {
        const XRow *r = t->rows.v[i];
        if (r->note || r->total || !r->leaf || r->code.n < code.n || memcmp(r->code.s, code.s, code.n) != 0) continue;
        int64_t x;
        if (!row_val(r, col, &x) || !money_add(v, x)) return false;
    }
    return true;
}

static int cmp_code(const void *a, const void *b)
{
    const XRow *x = *(XRow *const *)a, *y = *(XRow *const *)b;
    uint32_t n = x->code.n < y->code.n ? x->code.n : y->code.n;
    int c = memcmp(x->code.s, y->code.s, n);
    return c ? c : x->code.n < y->code.n ? -1 : x->code.n > y->code.n;
}

/* A row is a leaf when no other row's code extends its code: sorted by
 * code, only the next row can. */
static void mark_leaves(XTable *t)
{
    int n = 0;
    XRow **v = xmalloc(sizeof(XRow *) * (size_t)(t->rows.n + 1));
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (!r->note && !r->total) v[n++] = r;
    }
    if (n > 1) qsort(v, (size_t)n, sizeof *v, cmp_code);
    for (int i = 0; i < n; i++) {
        XRow *q = i + 1 < n ? v[i + 1] : NULL;
        v[i]->leaf = !(q && q->code.n > v[i]->code.n && memcmp(q->code.s, v[i]->code.s, v[i]->code.n) == 0);
    }
    for (int i = t->rows.n - 1; i >= 0; i--) { /* the first row of a code wins */
        XRow *r = t->rows.v[i];
        if (!r->note && !r->total) map_put(&t->by_code, r->code, r);
    }
    xfree(v);
}

static bool exp_val(Imp *im, Str code, int src, int col, int64_t *v)
{
    int64_t a = 0, b = 0;
    if (src == 0 || src == -1)
        if (!table_val(&im->exp[0], code, col, &a)) return false;
    if (src == 1 || src == -1)
        if (!table_val(&im->exp[1], code, col, &b)) return false;
    *v = a;
    return money_add(v, b);
}

static bool src_sum(const Amt *a, bool fiscal_only, int64_t *v)
{
    *v = 0;
    for (int s = 0; s < NSRC; s++) {
        if (fiscal_only && !IMP_SRC[s].fiscal) continue;
        if (!a[s].present) continue;
        if (!a[s].ok || !money_add(v, a[s].v)) return false;
    }
    return true;
}

static bool tp_item(Imp *im, int k, int64_t *v)
{
    if (im->tp[k].present) {
        *v = im->tp[k].v;
        return im->tp[k].ok;
    }
    return table_val(&im->eco, str_c(IMP_TP_CODE[k]), 0, v);
}

void derive_run_checks(Imp *im)
{
    for (int t = 0; t < 3; t++) mark_leaves(&im->exp[t]);
    mark_leaves(&im->eco);
    for (int i = 0; i < im->checks.n; i++) {
        Check *c = im->checks.v[i];
        if (c->w.present && !c->w.ok) continue;
        int64_t d = 0, x = 0;
        bool ok = true;
        const char *basis = "";
        switch (c->kind) {
        case CK_INCOME:
            ok = src_sum(im->income, c->src, &d);
            basis = "the sum of the income rows";
            break;
        case CK_CARRY:
            ok = src_sum(im->carry, c->src, &d);
            basis = "the sum of the carry-over rows";
            break;
        case CK_INOUT:
            ok = src_sum(im->income, c->src, &d) && src_sum(im->carry, c->src, &x) && money_add(&d, x);
            basis = "income plus carry-over";
            break;
        case CK_EXP:
            if (c->src >= 2) d = 0;
            else ok = exp_val(im, c->code, c->src, 0, &d);
            basis = c->code.n ? "the function table" : "the function table's 合计";
            break;
        case CK_DEXP:
            ok = exp_val(im, c->code, -1, c->col, &d);
            basis = "the function tables";
            break;
        case CK_TP_TOTAL:
        case CK_TP_SUB:
            for (int k = c->kind == CK_TP_SUB ? 1 : 0; k < (c->kind == CK_TP_SUB ? 3 : 4) && ok; k++) {
                ok = tp_item(im, k, &x) && money_add(&d, x);
            }
            basis = "its items";
            break;
        case CK_PERF_EXP:
            ok = exp_val(im, text_slice("", 0), -1, 0, &d);
            basis = "the function tables' 合计";
            break;
        case CK_LOCAL: {
            Proj *p = c->item;
            if (!p->amount.present || !p->amount.ok || (p->superior.present && !p->superior.ok)) ok = false;
            else {
                d = p->amount.v; /* amounts are never negative (money_parse), so -v is safe */
                ok = money_add(&d, p->superior.present ? -p->superior.v : 0);
            }
            basis = "当年预算 minus 上级补助";
            break;
        }
        case CK_PROC_TOTAL:
            if (c->item) {
                ProcItem *p = c->item;
                ok = src_sum(p->src, false, &d);
                basis = "its source columns";
            } else {
                for (int k = 0; k < im->procs.n && ok; k++) {
                    ok = src_sum(((ProcItem *)im->procs.v[k])->src, false, &x) && money_add(&d, x);
                }
                basis = "the items";
            }
            break;
        default: ok = false;
        }
        if (!ok) continue;
        int64_t w = c->w.present ? c->w.v : 0;
        if (w == d) continue;
        imp_unplaced(im, c->notes, c->line, "%s: %s is %.*s here, but %s is derived from %s", c->table, c->what,
                 c->w.present ? (int)c->w.text.n : 5, c->w.present ? c->w.text.s : "blank", text_fmt_amount(im, d), basis);
        if (c->mismatches) (*c->mismatches)++;
    }
}

/* The 部门支出总表 against the function tables, row for row. */
void derive_department_table(Imp *im)
{
    XTable *t = &im->exp[2];
    if (!t->line) return;
    if (!im->exp[0].line && !im->exp[1].line) {
        /* the only function table: it is the general budget's */
        im->exp[0] = *t;
        memset(t, 0, sizeof *t);
        im->dexp_as_general = true;
        imp_warn(im, im->exp[0].line,
             "there is no 一般公共预算财政拨款支出预算表: the 部门支出总表 is imported as the expenditure of "
             "一般公共预算资金");
        return;
    }
    static const char *const COL[3] = { "总计", "基本支出", "项目支出" };
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (r->note) continue;
        for (int k = 0; k < 3; k++) {
            tables_add_check(im, CK_DEXP, r->line, IMP_KIND_TITLE[K_DEXP],
                      r->total ? buf_format(&im->a, "合计 %s", COL[k])
                               : buf_format(&im->a, "%.*s %.*s %s", (int)r->code.n, r->code.s, (int)r->name.n, r->name.s, COL[k]),
                      &r->c[k], &t->notes, &im->dexp_mismatch);
            Check *c = im->checks.v[im->checks.n - 1];
            c->code = r->total ? text_slice("", 0) : r->code;
            c->col = k;
        }
    }
    /* rows the function tables have and the department table lacks */
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < im->exp[s].rows.n; i++) {
            XRow *r = im->exp[s].rows.v[i];
            if (r->note || r->total) continue;
            bool found = false;
            for (int j = 0; j < t->rows.n && !found; j++) {
                XRow *q = t->rows.v[j];
                found = !q->note && !q->total && str_eq(q->code, r->code);
            }
            if (!found) {
                imp_unplaced(im, &t->notes, t->line, "部门支出总表 has no row for %.*s %.*s (line %d)", (int)r->code.n,
                         r->code.s, (int)r->name.n, r->name.s, r->line);
                im->dexp_mismatch++;
            }
        }
}
