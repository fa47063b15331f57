/*
 * import_write.c — the BDL root file: every published row, the derived rows as
 * assertions, every line that fits nowhere as a comment in place.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* ----------------------------------------------------------- writing */

static bool ident_cp(uint32_t cp, bool first)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return true;
        if (cp == '_') return true;
        return !first && ((cp >= '0' && cp <= '9') || cp == '-');
    }
    if (cp < 0x100) return false; /* Latin-1: quoted, so a no-break space never hides in a name */
    if (cp == 0x3000 || (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF08 && cp != 0xFF09)) return false;
    if (cp >= 0x2000 && cp <= 0x206F) return false; /* quotes, dashes, invisible spaces */
    if (cp == 0x2212 || cp == 0x2264 || cp == 0x2265 || cp == 0xFEFF) return false;
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xE0000) return false;
    return true;
}

static bool ident_ok(Str s)
{
    if (!s.n) return false;
    if (lex_is_keyword(s.s, s.n)) return false;
    bool first = true;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        if (!ident_cp(cp, first)) return false;
        first = false;
        i += (uint32_t)k;
    }
    return true;
}

void import_put_string(Buf *b, Str s)
{
    buf_add(b, "\"", 1);
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        if (cp == '"') buf_adds(b, "\\\"");
        else if (cp == '\\') buf_adds(b, "\\\\");
        else if (cp == '\n') buf_adds(b, "\\n");
        else if (cp == '\t') buf_adds(b, "\\t");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) buf_addf(b, "\\u{%X}", cp);
        else buf_add(b, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
    buf_add(b, "\"", 1);
}

static void put_name(Buf *b, Str s)
{
    if (ident_ok(s)) buf_add(b, s.s, s.n);
    else import_put_string(b, s);
}

static int width(Str s)
{
    int w = 0;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        w += char_width(cp);
        i += (uint32_t)k;
    }
    return w;
}

static int name_width(Str s)
{
    if (ident_ok(s)) return width(s);
    Buf t = { 0 };
    import_put_string(&t, s);
    int w = width(text_slice(t.s, t.n));
    buf_free(&t);
    return w;
}

static void pad(Buf *b, int n)
{
    for (int i = 0; i < n; i++) buf_add(b, " ", 1);
}

/* A comment: control characters become spaces (E002 anywhere, spec §2). */
static void put_comment_text(Buf *b, Str s)
{
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        if (cp == '\t') buf_adds(b, " | ");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) buf_add(b, " ", 1);
        else buf_add(b, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
}

static void put_raw_line(Imp *im, Buf *b, int indent, int line)
{
    Str raw = im->L[line - 1].raw;
    while (raw.n && (raw.s[raw.n - 1] == '\t' || raw.s[raw.n - 1] == ' ')) raw.n--;
    pad(b, indent);
    buf_adds(b, "#     ");
    put_comment_text(b, raw);
    buf_add(b, "\n", 1);
}

/* Notes grouped by line: the reasons, then the line as published. */
static void put_notes(Imp *im, Buf *b, int indent, Vec *notes)
{
    for (int i = 0; i < notes->n;) {
        Note *n = notes->v[i];
        int j = i;
        bool head = false;
        for (; j < notes->n && ((Note *)notes->v[j])->line == n->line; j++) {
            Note *m = notes->v[j];
            if (!m->why) continue;
            pad(b, indent);
            buf_addf(b, "# not placed, line %d: ", m->line);
            put_comment_text(b, str_c(m->why));
            buf_add(b, "\n", 1);
            head = true;
        }
        if (!head) {
            pad(b, indent);
            buf_addf(b, "# line %d:\n", n->line);
        }
        for (int l = n->line; l <= (n->to > n->line ? n->to : n->line) && l <= im->nl; l++)
            if (l == n->line || im->L[l - 1].nonblank) put_raw_line(im, b, indent, l);
        i = j;
    }
}

/* A text, split after 。 and ； into adjacent strings, one per line. */
static void put_text(Buf *b, const char *kw, Str s, int indent)
{
    pad(b, indent);
    buf_adds(b, kw);
    buf_add(b, " ", 1);
    int cont = indent + (int)strlen(kw) + 1;
    uint32_t start = 0, cps = 0;
    bool first = true;
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        i += (uint32_t)k;
        cps++;
        bool brk = (cp == 0x3002 || cp == 0xFF1B || cp == '\n') && cps >= 24 && i < s.n;
        if (brk || i == s.n) {
            if (!first) {
                buf_add(b, "\n", 1);
                pad(b, cont);
            }
            import_put_string(b, text_slice(s.s + start, i - start));
            first = false;
            start = i;
            cps = 0;
        }
    }
    if (first) import_put_string(b, text_slice("", 0));
    buf_add(b, "\n", 1);
}

static const char *const EXP_KW[3] = { "total", "basic", "project" };
static const char *const ECO_KW[3] = { "", "personnel", "public" };

static void put_xtable(Imp *im, Buf *b, XTable *t, bool eco)
{
    int codew = 0, namew = 0, aw[3] = { 0, 0, 0 };
    bool has[3] = { false, false, false };
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (r->note) continue;
        if ((int)r->code.n > codew) codew = (int)r->code.n;
        if (name_width(r->name) > namew) namew = name_width(r->name);
        for (int k = 0; k < 3; k++)
            if (r->c[k].present) {
                has[k] = true;
                if ((int)r->c[k].text.n > aw[k]) aw[k] = (int)r->c[k].text.n;
            }
    }
    int amax = aw[0] > aw[1] ? aw[0] : aw[1]; /* one width for every amount, as `bdlc fmt` aligns them */
    if (aw[2] > amax) amax = aw[2];
    for (int k = 0; k < 3; k++) aw[k] = amax;
    int labelw = codew + 1 + namew;
    if (labelw < 5) labelw = 5;
    for (int i = 0; i < t->rows.n; i++) {
        XRow *r = t->rows.v[i];
        if (r->note) {
            Vec one = { 0 };
            vec_apush(&im->a, &one, r->note);
            put_notes(im, b, 4, &one);
            continue;
        }
        Buf line = { 0 };
        pad(&line, 4);
        if (r->total) {
            buf_adds(&line, "total");
            pad(&line, labelw - 5);
        } else {
            buf_add(&line, r->code.s, r->code.n);
            pad(&line, codew - (int)r->code.n + 1);
            if (r->name.n) put_name(&line, r->name);
            pad(&line, namew - name_width(r->name));
        }
        for (int k = 0; k < 3; k++) {
            if (!has[k]) continue;
            const char *kw = eco ? ECO_KW[k] : EXP_KW[k];
            int kwl = (int)strlen(kw);
            if (r->c[k].present) {
                pad(&line, 2);
                if (kwl) {
                    buf_adds(&line, kw);
                    pad(&line, 1);
                }
                pad(&line, aw[k] - (int)r->c[k].text.n);
                buf_add(&line, r->c[k].text.s, r->c[k].text.n);
            } else {
                pad(&line, 2 + (kwl ? kwl + 1 : 0) + aw[k]);
            }
        }
        while (line.n && line.s[line.n - 1] == ' ') line.n--;
        buf_add(b, line.s, line.n);
        buf_add(b, "\n", 1);
        buf_free(&line);
    }
    put_notes(im, b, 4, &t->notes);
}

static void put_indicators(Buf *b, Vec *inds)
{
    int pw = 0, vw = 0, uw = 0, ww = 0;
    for (int i = 0; i < inds->n; i++) {
        Ind *d = inds->v[i];
        int w = name_width(d->lv[0]) + name_width(d->lv[1]) + name_width(d->lv[2]) + 2;
        if (w > pw) pw = w;
        if (d->op != OPK_QUAL && (int)d->value.n > vw) vw = (int)d->value.n;
        int u = !d->unit.n ? 0 : text_eqc(d->unit, "%") ? 1 : name_width(d->unit);
        if (u > uw) uw = u;
        if ((int)d->weight.n > ww) ww = (int)d->weight.n;
    }
    for (int i = 0; i < inds->n; i++) {
        Ind *d = inds->v[i];
        Buf l = { 0 };
        buf_adds(&l, "    indicator ");
        for (int k = 0; k < 3; k++) {
            if (k) buf_add(&l, "/", 1);
            put_name(&l, d->lv[k]);
        }
        int w = name_width(d->lv[0]) + name_width(d->lv[1]) + name_width(d->lv[2]) + 2;
        pad(&l, pw - w + 1);
        if (d->op == OPK_QUAL) {
            buf_adds(&l, "qualitative ");
            import_put_string(&l, d->value);
        } else {
            buf_adds(&l, IMP_OP_TEXT[d->op]);
            buf_add(&l, " ", 1);
            buf_add(&l, d->value.s, d->value.n);
            pad(&l, vw - (int)d->value.n + 1);
            int u = 0;
            if (d->unit.n && text_eqc(d->unit, "%")) {
                buf_add(&l, "%", 1);
                u = 1;
            } else if (d->unit.n) {
                put_name(&l, d->unit);
                u = name_width(d->unit);
            }
            pad(&l, uw - u);
        }
        if (d->weight.n) {
            buf_adds(&l, " weight ");
            pad(&l, ww - (int)d->weight.n);
            buf_add(&l, d->weight.s, d->weight.n);
        }
        if (d->core) buf_adds(&l, " core");
        while (l.n && l.s[l.n - 1] == ' ') l.n--;
        buf_add(b, l.s, l.n);
        buf_add(b, "\n", 1);
        buf_free(&l);
    }
}

static void put_amount_rows(Buf *b, const Amt *a)
{
    int nw = 0, aw = 0;
    for (int s = 0; s < NSRC; s++)
        if (a[s].present) {
            int w = width(str_c(IMP_SRC[s].name));
            if (w > nw) nw = w;
            if ((int)a[s].text.n > aw) aw = (int)a[s].text.n;
        }
    for (int s = 0; s < NSRC; s++) {
        if (!a[s].present) continue;
        Str n = str_c(IMP_SRC[s].name);
        pad(b, 4);
        buf_add(b, n.s, n.n);
        pad(b, nw - width(n) + 1 + aw - (int)a[s].text.n);
        buf_add(b, a[s].text.s, a[s].text.n);
        buf_add(b, "\n", 1);
    }
}

static bool any_present(const Amt *a)
{
    for (int s = 0; s < NSRC; s++)
        if (a[s].present) return true;
    return false;
}

void write_document(Imp *im, Buf *b)
{
    const char *base = strrchr(im->path, '/');
    base = base ? base + 1 : im->path;
    buf_adds(b, "# ");
    if (im->dept_name.n) {
        put_comment_text(b, im->dept_name);
        buf_add(b, " ", 1);
    }
    buf_addf(b, "%.*s年部门预算, imported by `bdlc import` from ", (int)im->year.n, im->year.s);
    put_comment_text(b, str_c(base));
    buf_adds(b, ".\n"
                "# Every published row of the function and economic tables is written, 合计\n"
                "# and 类/款 rows included: they are assertions `bdlc check` verifies.  The\n"
                "# summary tables, 部门支出总表 and the other derived cells were compared with\n"
                "# what this file derives by the importer.\n");
    if (im->nplaced_not)
        buf_addf(b, "# %d line%s of the document could not be placed: see the \"not placed\" comments.\n",
                 im->nplaced_not, im->nplaced_not == 1 ? "" : "s");
    buf_adds(b, "\nimport \"cn/2026\"\n\n");
    if (im->loose.n) {
        buf_adds(b, "# Outside the tables bdlc imports:\n");
        put_notes(im, b, 0, &im->loose);
        buf_add(b, "\n", 1);
    }
    /* budget */
    buf_addf(b, "budget %.*s {\n", (int)im->year.n, im->year.s);
    int aw = im->dept_code.n ? (int)im->dept_code.n : 0;
    for (int i = 0; i < im->agencies.n; i++) {
        Agency *a = im->agencies.v[i];
        if ((int)a->code.n > aw) aw = (int)a->code.n;
    }
    int kw = im->dept_code.n ? 10 : 6; /* "department", "agency" */
    if (im->dept_code.n) {
        buf_adds(b, "    department ");
        buf_add(b, im->dept_code.s, im->dept_code.n);
        pad(b, aw - (int)im->dept_code.n + 1);
        import_put_string(b, im->dept_name);
        buf_add(b, "\n", 1);
    } else if (im->dept_name.n) {
        buf_adds(b, "    # department ?? ");
        put_comment_text(b, im->dept_name);
        buf_adds(b, "    (the document gives no department code)\n");
    }
    for (int i = 0; i < im->agencies.n; i++) {
        Agency *a = im->agencies.v[i];
        buf_adds(b, "    agency ");
        pad(b, kw - 6);
        buf_add(b, a->code.s, a->code.n);
        buf_add(b, " ", 1);
        pad(b, aw - (int)a->code.n);
        import_put_string(b, a->name);
        buf_add(b, "\n", 1);
    }
    if (im->unit.n) {
        buf_adds(b, "    unit ");
        put_name(b, im->unit);
        buf_add(b, "\n", 1);
    } else {
        buf_adds(b, "    # unit: no table of the document prints its unit (单位：万元 or 单位：元), so BDL's default\n"
                    "    # 万元 applies; write `unit 元` here if the amounts are in 元\n");
    }
    buf_addf(b, "    decimals %d\n}\n", im->decimals > 6 ? 6 : im->decimals);

    /* income, carry-over */
    if (im->has_income) {
        buf_add(b, "\n", 1);
        buf_adds(b, "#");
        for (int s = 0; s < 2; s++)
            if (im->sum_line[s])
                buf_addf(b, "%s %s (line %d)", s ? "," : "", IMP_KIND_TITLE[s ? K_DSUM : K_FISCAL], im->sum_line[s]);
        buf_adds(b, ": the income side is written below; the expenditure\n"
                    "# side and the totals are derived");
        buf_adds(b, im->sum_mismatch[0] || im->sum_mismatch[1] ? " (see the lines not placed).\n"
                                                                : " and matched the function tables.\n");
        put_notes(im, b, 0, &im->sum_notes);
        if (any_present(im->income)) {
            buf_adds(b, "income {\n");
            put_amount_rows(b, im->income);
            buf_adds(b, "}\n");
        } else {
            buf_adds(b, "income { }\n");
        }
        if (im->has_carry) {
            buf_add(b, "\n", 1);
            if (any_present(im->carry)) {
                buf_adds(b, "carryover {\n");
                put_amount_rows(b, im->carry);
                buf_adds(b, "}\n");
            } else {
                buf_adds(b, "carryover { }\n");
            }
        }
    }
    /* expenditure */
    for (int s = 0; s < 2; s++) {
        XTable *t = &im->exp[s];
        if (!t->line) continue;
        buf_add(b, "\n", 1);
        const char *title = s == 0 ? (im->dexp_as_general ? IMP_KIND_TITLE[K_DEXP] : IMP_KIND_TITLE[K_GENERAL])
                                   : IMP_KIND_TITLE[K_FUND];
        if (!t->data) {
            buf_addf(b, "# %s (line %d): no data", title, t->line);
            buf_adds(b, s == 1 && im->fund_empty_ok ? " (本单位无政府性基金收支，故此表无数据。)\n" : ".\n");
            put_notes(im, b, 0, &t->notes);
            for (int i = 0; i < t->rows.n; i++) {
                XRow *r = t->rows.v[i];
                if (!r->note) continue;
                Vec one = { 0 };
                vec_apush(&im->a, &one, r->note);
                put_notes(im, b, 0, &one);
            }
            continue;
        }
        buf_addf(b, "# %s (line %d), row for row.\n", title, t->line);
        buf_adds(b, s == 0 ? "expenditure {\n" : "expenditure 政府性基金预算资金 {\n");
        put_xtable(im, b, t, false);
        buf_adds(b, "}\n");
    }
    if (im->exp[2].line) {
        buf_addf(b, "\n# %s (line %d): derived from the expenditure blocks; ", IMP_KIND_TITLE[K_DEXP], im->exp[2].line);
        buf_adds(b, im->dexp_mismatch ? "it differs (see below).\n" : "it matched them row for row.\n");
        put_notes(im, b, 0, &im->exp[2].notes);
    }
    /* economic */
    if (im->eco.line) {
        buf_add(b, "\n", 1);
        if (!im->eco.data) {
            buf_addf(b, "# %s (line %d): no data.\n", IMP_KIND_TITLE[K_BASIC], im->eco.line);
            put_notes(im, b, 0, &im->eco.notes);
        } else {
            buf_addf(b, "# %s (line %d), row for row: 总计, then 人员经费 and 日常公用经费.\n", IMP_KIND_TITLE[K_BASIC],
                     im->eco.line);
            buf_adds(b, "economic {\n");
            put_xtable(im, b, &im->eco, true);
            buf_adds(b, "}\n");
        }
    }
    /* 三公 */
    if (im->tp_line) {
        bool any = false;
        for (int k = 0; k < 4; k++) any |= im->tp[k].present;
        buf_addf(b, "\n# %s (line %d): the items as published (blank items are derived); 合计 and\n"
                    "# 小计 are derived%s.\n",
                 IMP_KIND_TITLE[K_TP], im->tp_line, im->tp_mismatch ? " (see the lines not placed)" : " and matched");
        put_notes(im, b, 0, &im->tp_notes);
        if (any) {
            int kw4 = 0, aw4 = 0;
            for (int k = 0; k < 4; k++)
                if (im->tp[k].present) {
                    if ((int)strlen(IMP_TP_KEY[k]) > kw4) kw4 = (int)strlen(IMP_TP_KEY[k]);
                    if ((int)im->tp[k].text.n > aw4) aw4 = (int)im->tp[k].text.n;
                }
            buf_adds(b, "three-public {\n");
            for (int k = 0; k < 4; k++)
                if (im->tp[k].present) {
                    buf_addf(b, "    %s", IMP_TP_KEY[k]);
                    pad(b, kw4 - (int)strlen(IMP_TP_KEY[k]) + 1 + aw4 - (int)im->tp[k].text.n);
                    buf_addf(b, "%.*s\n", (int)im->tp[k].text.n, im->tp[k].text.s);
                }
            buf_adds(b, "}\n");
        }
    }
    /* procurement */
    if (im->proc_line) {
        buf_add(b, "\n", 1);
        if (!im->procs.n)
            buf_addf(b, "# %s (line %d): no data%s\n", IMP_KIND_TITLE[K_PROC], im->proc_line,
                     im->proc_empty_ok ? " (本部门无政府采购预算，故此表无数据。)" : ".");
        else
            buf_addf(b, "# %s (line %d).\n", IMP_KIND_TITLE[K_PROC], im->proc_line);
        put_notes(im, b, 0, &im->proc.notes);
        for (int i = 0; i < im->proc.rows.n; i++) {
            XRow *r = im->proc.rows.v[i];
            Vec one = { 0 };
            vec_apush(&im->a, &one, r->note);
            put_notes(im, b, 0, &one);
        }
        for (int i = 0; i < im->procs.n; i++) {
            ProcItem *p = im->procs.v[i];
            buf_adds(b, "procurement ");
            buf_add(b, p->code.s, p->code.n);
            buf_add(b, " ", 1);
            import_put_string(b, p->name);
            buf_adds(b, " {\n");
            if (p->category.n) {
                buf_adds(b, "    category ");
                put_name(b, p->category);
                buf_add(b, "\n", 1);
            }
            put_amount_rows(b, p->src);
            buf_adds(b, "}\n");
        }
    }
    /* department performance */
    if (im->perf_line) {
        buf_addf(b, "\n# %s (line %d); 部门支出预算数 is derived%s.\n", IMP_KIND_TITLE[K_DPERF], im->perf_line,
                 im->perf_mismatch ? " (see the lines not placed)" : " and matched");
        buf_adds(b, "performance {\n");
        if (im->perf_goal.n) put_text(b, "goal", im->perf_goal, 4);
        put_indicators(b, &im->perf_inds);
        put_notes(im, b, 4, &im->perf_notes);
        buf_adds(b, "}\n");
    }
    /* projects */
    for (int i = 0; i < im->projects.n; i++) {
        Proj *p = im->projects.v[i];
        buf_add(b, "\n", 1);
        if (!p->code.n) {
            buf_addf(b, "# %s (line %d): a project without a project code, not placed:\n", IMP_KIND_TITLE[K_PPERF],
                     p->line);
            put_notes(im, b, 0, &p->notes);
            for (int l = p->line; l <= p->last && l <= im->nl; l++)
                if (im->L[l - 1].nonblank) put_raw_line(im, b, 0, l);
            continue;
        }
        buf_addf(b, "# %s (line %d)\n", IMP_KIND_TITLE[K_PPERF], p->line);
        buf_adds(b, "project ");
        buf_add(b, p->code.s, p->code.n);
        buf_add(b, " ", 1);
        import_put_string(b, p->name);
        buf_adds(b, " {\n");
        if (p->amount.present || p->superior.present) { /* aligned as `bdlc fmt` does */
            bool both = p->amount.present && p->superior.present;
            int w = (int)(p->amount.text.n > p->superior.text.n ? p->amount.text.n : p->superior.text.n);
            if (p->amount.present) {
                buf_adds(b, "    amount ");
                pad(b, both ? 2 + w - (int)p->amount.text.n : 0);
                buf_addf(b, "%.*s\n", (int)p->amount.text.n, p->amount.text.s);
            }
            if (p->superior.present) {
                buf_adds(b, "    superior ");
                pad(b, both ? w - (int)p->superior.text.n : 0);
                buf_addf(b, "%.*s\n", (int)p->superior.text.n, p->superior.text.s);
            }
        }
        if (p->agency.n) buf_addf(b, "    agency %.*s\n", (int)p->agency.n, p->agency.s);
        if (p->owner.n) {
            buf_adds(b, "    owner ");
            import_put_string(b, p->owner);
            buf_add(b, "\n", 1);
        }
        if (p->category.n) {
            buf_adds(b, "    category ");
            put_name(b, p->category);
            buf_add(b, "\n", 1);
        }
        if (p->execw.n) buf_addf(b, "    execution-weight %.*s\n", (int)p->execw.n, p->execw.s);
        if (p->summary.n) put_text(b, "summary", p->summary, 4);
        if (p->basis.n) put_text(b, "basis", p->basis, 4);
        if (p->goal.n) put_text(b, "goal", p->goal, 4);
        put_indicators(b, &p->inds);
        put_notes(im, b, 4, &p->notes);
        buf_adds(b, "}\n");
    }
}
