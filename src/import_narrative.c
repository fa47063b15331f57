/*
 * import_narrative.c — the narrative's facts of a published document, read
 * from the text around the tables and written as `previous { … }` and
 * `narrative { … }` (docs/en/reference.md): what a budget states and no
 * table holds.
 *
 *  - 主要职能 and 机构设置: the officer's texts (`duties`, `organisation`), a
 *    paragraph where a line ends a sentence (。 or ：), the typesetting spaces
 *    of the PDF dropped;
 *  - the 编制说明's totals and the 三公 part's comparisons, "X万元，比YYYY年预算
 *    增加/减少Z万元" or "…持平": last year's budget is X − Z / X + Z / X, exact at
 *    the printed precision (`previous`); their 主要原因 (`reason KEY`);
 *  - each function item of the 编制说明: its code (printed, or found by the
 *    类/款/项 names in the function tables), 当年预算执行数 (`execution`),
 *    主要用于 (`purpose`) and 主要原因 (`reason`).
 *
 * Texts are copied as printed, mistakes included: the import never repairs.
 * The words searched for are the published wording (the same in both years
 * and both variants of the samples); a document that words them otherwise
 * gives no fact, not a wrong one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* The text of a run of lines, joined, ASCII spaces dropped; `para`: a "\n"
 * where a line ends a sentence and another follows. */
static bool blank_char(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r'; }

static int chars(Str raw)
{
    int n = 0;
    for (uint32_t k = 0; k < raw.n; k++) n += !blank_char(raw.s[k]) && ((unsigned char)raw.s[k] & 0xC0) != 0x80;
    return n;
}

/* para 0: one run of text; 1: a "\n" where a line ends a sentence (。 or ：)
 * and another follows; 2: also where a line is short (a paragraph's last
 * line: the others fill the page's width). */
static void join_lines(Imp *im, int from, int to, int para, Buf *b)
{
    int wide = 0;
    for (int i = from; i < to; i++)
        if (chars(im->L[i].raw) > wide) wide = chars(im->L[i].raw);
    bool ends = false;
    for (int i = from; i < to; i++) {
        Str raw = im->L[i].raw;
        int n = chars(raw);
        if (!n) continue;
        if (para && ends && b->n) buf_add(b, "\n", 1);
        for (uint32_t k = 0; k < raw.n; k++)
            if (!blank_char(raw.s[k])) buf_add(b, raw.s + k, 1);
        Str t = { b->s, (uint32_t)b->n };
        ends = text_ends_with(t, "。") || text_ends_with(t, "：") || (para == 2 && n * 10 < wide * 8);
    }
}

static const char *find(const char *s, const char *end, const char *pat)
{
    size_t n = strlen(pat);
    for (const char *p = s; p + n <= end; p++)
        if (!memcmp(p, pat, n)) return p;
    return NULL;
}

/* The last "pat" in [s, e), or NULL (one pass: a long text is no quadratic scan). */
static const char *find_last(const char *s, const char *e, const char *pat)
{
    const char *last = NULL;
    for (const char *p = find(s, e, pat); p; p = find(p + 1, e, pat)) last = p;
    return last;
}

/* The number written just before p ("15621.11" of "15621.11万元"): its start. */
static const char *number_before(const char *s, const char *p)
{
    const char *q = p;
    while (q > s && (text_is_digit(q[-1]) || q[-1] == '.' || q[-1] == ',')) q--;
    return q < p && text_is_digit(*q) ? q : NULL;
}

/* The number at p, up to "万元": its end (NULL when there is none). */
static const char *number_at(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && (text_is_digit(*q) || *q == '.' || *q == ',')) q++;
    return q > p && q + strlen("万元") <= end && !memcmp(q, "万元", strlen("万元")) ? q : NULL;
}

static int decimals_of(const char *s, const char *e)
{
    const char *d = memchr(s, '.', (size_t)(e - s));
    return d ? (int)(e - d - 1) : 0;
}

/* A text as BDL strings, one per line: each line after the first starts
 * with its newline (\n), on a line of its own. */
static void put_text(Buf *b, const char *s, const char *e)
{
    const char *p = s; /* the line's start, or the newline before it */
    for (bool first = true;; first = false) {
        const char *nl = memchr(p + !first, '\n', (size_t)(e - p) - !first);
        if (!first) buf_adds(b, "\n        ");
        import_put_string(b, (Str){ p, (uint32_t)((nl ? nl : e) - p) });
        if (!nl) break;
        p = nl;
    }
}

/* ------------------------------------------------------------ sections */

/* The heading of a narrative section: the line's text ends with `word` and
 * is short (a contents line has dots after it, a sentence is longer). */
static bool heading(Imp *im, int i, const char *word)
{
    Buf b = { 0 };
    join_lines(im, i, i + 1, 0, &b);
    bool yes = b.n && b.n < 120 && text_ends_with((Str){ b.s, (uint32_t)b.n }, word);
    buf_free(&b);
    return yes;
}

static const char *const SECTIONS[] = { "主要职能", "机构设置", "名词解释", "预算编制说明", "其他相关情况说明",
                                        "项目经费情况说明" };
enum { NSECTIONS = sizeof SECTIONS / sizeof SECTIONS[0] };

/* The lines of the section headed `word`: [*from, *to); false when absent.
 * It ends at the next section's heading or at a table's line. */
static bool section(Imp *im, const bool *used, const char *word, int *from, int *to)
{
    int best = 0;
    for (int i = 0; i < im->nl; i++) {
        if (used[i] || !heading(im, i, word)) continue;
        int j = i + 1, lines = 0;
        for (; j < im->nl && !used[j]; j++) {
            bool next = false;
            for (int k = 0; k < NSECTIONS && !next; k++) next = heading(im, j, SECTIONS[k]);
            if (next) break;
            lines += im->L[j].nonblank;
        }
        /* a contents page names the sections too: the section is the longest run */
        if (lines > best) {
            best = lines;
            *from = i + 1;
            *to = j;
        }
    }
    return best > 0;
}

/* ------------------------------------------------------------ comparisons */

typedef struct Fact {
    const char *key; /* previous/reason key */
    char prev[48];   /* last year's figure, "" when not stated */
    const char *why, *why_end;
} Fact;

/* What a comparison's label names: the previous/reason key, or NULL. */
static const char *key_of(const LSrcName *srcs, int nsrc, const char *s, const char *e, bool spent)
{
    static const struct { const char *word, *key; } TP[] = {
        { "购置及运行", "vehicle" }, { "购置费", "vehicle-purchase" }, { "运行费", "vehicle-operation" },
        { "出国", "overseas" },      { "接待", "reception" },           { "三公", "three-public" },
    };
    for (size_t k = 0; k < sizeof TP / sizeof TP[0]; k++)
        if (find(s, e, TP[k].word)) return TP[k].key;
    if (!spent || !find(s, e, "支出")) return NULL; /* the income total is fiscal, not one source */
    for (int k = 0; k < nsrc; k++)
        if (srcs[k].stem[0] && find(s, e, srcs[k].stem)) return srcs[k].key;
    return NULL;
}

/* Every "X万元，比YYYY年预算增加/减少Z万元" (or 持平) in [s, e): the fact of
 * its label, and the 主要原因 that follows it before the next comparison. */
static int comparisons(Imp *im, const LSrcName *srcs, int nsrc, const char *s, const char *e, Fact *out, int cap)
{
    int n = 0;
    const char *p = s;
    while (n < cap) {
        const char *c = find(p, e, "比"), *c2 = find(p, c ? c : e, "与"); /* 比/与2025年预算 */
        if (c2) c = c2;
        if (!c) break;
        const char *y = c + strlen("比");
        const char *ye = y;
        while (ye < e && text_is_digit(*ye)) ye++;
        const char *rest = ye;
        if (ye - y != 4 || !(rest = find(ye, e, "年预算")) || rest != ye) {
            p = c + 1;
            continue;
        }
        rest += strlen("年预算");
        if (find(rest, e, "数") == rest && find(rest, e, "数持平") == rest) rest += strlen("数"); /* 与2025年预算数持平 */
        else if (find(rest, e, "数增加") == rest || find(rest, e, "数减少") == rest) rest += strlen("数");
        if (find(rest, e, "执行数") == rest) { /* an item's execution: not last year's budget */
            p = rest;
            continue;
        }
        /* the figure before: "…X万元，比" or "…X万元。比" */
        const char *u = c;
        if (u - s >= 3 && (!memcmp(u - 3, "，", 3) || !memcmp(u - 3, "。", 3))) u -= 3;
        if (u - s < 6 || memcmp(u - 6, "万元", 6)) {
            p = rest;
            continue;
        }
        const char *x = number_before(s, u - 6);
        if (!x) {
            p = rest;
            continue;
        }
        const char *lab = x;
        while (lab > s) { /* back to the label's start: a delimiter, or a numbering （一） */
            const char *q = lab - 3;
            if (q >= s && (!memcmp(q, "，", 3) || !memcmp(q, "。", 3) || !memcmp(q, "：", 3) || !memcmp(q, "；", 3)))
                break;
            if (q >= s && !memcmp(q, "）", 3)) {
                const char *o = q;
                while (o > s && memcmp(o, "（", 3)) o--;
                if (q - o == 6 && strstr("一二三四五六七八九十", (char[4]){ o[3], o[4], o[5], 0 })) break;
                lab = o;
                continue;
            }
            lab--;
        }
        const char *key = key_of(srcs, nsrc, lab, x, true);
        Fact f = { .key = key };
        int64_t now, d = 0;
        int dec = decimals_of(x, u - 6);
        bool ok = money_parse(text_slice(x, (size_t)(u - 6 - x)), 6, &now) == 0;
        const char *after = rest;
        if (find(rest, e, "持平") == rest) after = rest + strlen("持平");
        else if (find(rest, e, "增加") == rest || find(rest, e, "减少") == rest) {
            const char *z = rest + strlen("增加"), *ze = number_at(z, e);
            if (!ze) ok = false;
            else {
                ok = ok && money_parse(text_slice(z, (size_t)(ze - z)), 6, &d) == 0;
                if (decimals_of(z, ze) > dec) dec = decimals_of(z, ze);
                if (find(rest, e, "增加") == rest) d = -d;
                after = ze + strlen("万元");
            }
        } else ok = false;
        if (ok && key && money_add(&now, d)) {
            int64_t scale = 1;
            for (int k = dec; k < 6; k++) scale *= 10;
            char buf[48];
            money_format(now / scale, dec, true, buf);
            snprintf(f.prev, sizeof f.prev, "%s", buf);
        }
        /* its reason: 主要原因是 before the next comparison */
        const char *next = find(after, e, "比"), *next2 = find(after, next ? next : e, "与");
        if (next2) next = next2;
        const char *why = find(after, next ? next : e, "主要原因是");
        if (why && key) {
            why += strlen("主要原因是");
            if (find(why, e, "：") == why) why += 3;
            const char *we = why;
            while (we < e && memcmp(we, "。", 3) && memcmp(we, "；", 3) && memcmp(we, "，", 3)) we++;
            if (we > why) { /* "主要原因是。": nothing stated; the text is the caller's buffer: copied */
                f.why = arena_strndup(&im->a, why, (size_t)(we - why));
                f.why_end = f.why + (we - why);
            }
        }
        if (key) out[n++] = f;
        p = after;
    }
    return n;
}

/* ------------------------------------------------------------ items */

/* The name before "（…类）" ending at p (the "（"): back to a delimiter. */
static const char *name_start(const char *s, const char *p)
{
    const char *q = p;
    while (q > s) {
        unsigned char c = (unsigned char)q[-1];
        if (c < 0x80) {
            if (text_is_digit((char)c) || c == '.' || c == ' ' || c == '"' || c == '\n') break;
            q--;
            continue;
        }
        const char *k = q - 1;
        while (k > s && ((unsigned char)*k & 0xC0) == 0x80) k--;
        Str ch = text_slice(k, (size_t)(q - k));
        if (text_eqc(ch, "“") || text_eqc(ch, "、") || text_eqc(ch, "．") || text_eqc(ch, "。") ||
            text_eqc(ch, "）") || text_eqc(ch, "：") || text_eqc(ch, "”"))
            break;
        q = k;
    }
    return q;
}

/* "NAME（[digits]LEVEL）" ending before `lim`, starting at or after p: the
 * name and digits; the position after it. */
static const char *level(const char *s, const char *p, const char *lim, const char *lev, Str *name, Str *digits)
{
    char close[16];
    snprintf(close, sizeof close, "%s）", lev);
    const char *c = find(p, lim, close);
    if (!c) return NULL;
    const char *open = c;
    while (open > p && memcmp(open, "（", 3)) open--;
    if (open <= p && memcmp(open, "（", 3)) return NULL;
    const char *ns = p == s ? name_start(s, open) : p;
    *name = text_slice(ns, (size_t)(open - ns));
    *digits = text_slice(open + 3, (size_t)(c - open - 3));
    return c + strlen(close);
}

static Str squashed(Imp *im, Str s)
{
    Buf b = { 0 };
    for (uint32_t i = 0; i < s.n;) {
        uint32_t cp;
        int k = text_decode(s.s + i, s.n - i, &cp);
        if (cp == 0xFF08) buf_add(&b, "(", 1);
        else if (cp == 0xFF09) buf_add(&b, ")", 1);
        else if (cp != ' ') buf_add(&b, s.s + i, (size_t)k);
        i += (uint32_t)k;
    }
    Str r = text_slice(arena_strndup(&im->a, b.s ? b.s : "", b.n), b.n);
    buf_free(&b);
    return r;
}

/* The function code of 类/款/项 names, from the tables' rows. */
static Str code_of(Imp *im, const Vec *rows, Str n1, Str n2, Str n3)
{
    Str w[3] = { squashed(im, n1), squashed(im, n2), squashed(im, n3) };
    for (int i = 0; i < rows->n; i++) {
        NarrRow *r = rows->v[i];
        if (!r->sq.s) r->sq = squashed(im, r->name);
    }
    for (int i = 0; i < rows->n; i++) {
        const NarrRow *r = rows->v[i];
        if (r->code.n != 7 || !str_eq(r->sq, w[2])) continue;
        bool ok = true;
        for (int l = 0; l < 2 && ok; l++) {
            uint32_t len = l ? 5 : 3;
            ok = false;
            for (int j = 0; j < rows->n && !ok; j++) {
                const NarrRow *o = rows->v[j];
                ok = o->code.n == len && !memcmp(o->code.s, r->code.s, len) && str_eq(o->sq, w[l]);
            }
        }
        if (ok) return r->code;
    }
    return (Str){ "", 0 };
}

/* One item: "“A（类）B（款）C（项）”X万元，主要用于P。…执行数为E万元，…主要原因是：R。"
 * or "A（204类）B（06款）C（01项）X万元。主要用于：P。…" in [s, e). */
static void put_item(Imp *im, const Vec *rows, Buf *b, const char *s, const char *e, int *n)
{
    Str n1, n2, n3, d1, d2, d3;
    const char *p = level(s, s, e, "类", &n1, &d1);
    if (p) p = level(s, p, e, "款", &n2, &d2);
    if (p) p = level(s, p, e, "项", &n3, &d3);
    if (!p) return;
    Str code = { "", 0 };
    char digits[16];
    if (d1.n == 3 && d2.n == 2 && d3.n == 2 && text_is_number(d1) && text_is_number(d2) && text_is_number(d3)) {
        snprintf(digits, sizeof digits, "%.3s%.2s%.2s", d1.s, d2.s, d3.s);
        code = text_slice(arena_strndup(&im->a, digits, 7), 7);
    } else code = code_of(im, rows, n1, n2, n3);
    if (!code.n) return;
    buf_addf(b, "    %.*s", (int)code.n, code.s);
    const char *x = find(p, e, "执行数为");
    const char *xe = x ? number_at(x + strlen("执行数为"), e) : NULL;
    if (xe) {
        x += strlen("执行数为");
        buf_addf(b, " execution %.*s 万元", (int)(xe - x), x);
    }
    const char *u = find(p, e, "主要用于");
    if (u) {
        u += strlen("主要用于");
        if (find(u, e, "：") == u) u += 3;
        const char *ue = find(u, e, "。");
        if (ue) {
            buf_adds(b, " purpose ");
            put_text(b, u, ue);
        }
    }
    const char *r = find(p, e, "主要原因是");
    if (r) {
        r += strlen("主要原因是");
        if (find(r, e, "：") == r) r += 3;
        const char *re = find(r, e, "。");
        if (!re) re = e;
        buf_adds(b, " reason ");
        put_text(b, r, re);
    }
    buf_add(b, "\n", 1);
    (*n)++;
}

/* The items of the 编制说明: each from its "主要用于" back to where the one
 * before ended (its 主要原因's 。), and on to the next one's start. */
static int put_items(Imp *im, const Vec *rows, Buf *b, const char *s, const char *e)
{
    int n = 0;
    const char *start = NULL, *scan = s;
    const char *first = find(s, e, "主要用于");
    if (!first) return 0;
    /* the first item starts after the sentence before its 主要用于's header */
    const char *h = find_last(s, first, "类）");
    if (!h) return 0;
    while (h > s && !(h - 3 >= s && !memcmp(h - 3, "。", 3))) h--;
    start = h;
    while (start) {
        const char *u = find(scan, e, "主要用于");
        if (!u) break;
        const char *why = find(u, e, "主要原因是");
        const char *end = why ? find(why, e, "。") : NULL;
        end = end ? end + 3 : e;
        put_item(im, rows, b, start, end, &n);
        start = end;
        scan = end;
    }
    return n;
}

/* ------------------------------------------------------------ the block */

int narrative_import(Imp *im, const bool *used, const Vec *rows, const LSrcName *srcs, int nsrc, Buf *out)
{
    Buf nb = { 0 }, pb = { 0 };
    int from, to, items = 0, line = 0;
    const char *TEXTS[2][2] = { { "主要职能", "duties" }, { "机构设置", "organisation" } };
    for (int k = 0; k < 2; k++) {
        if (!section(im, used, TEXTS[k][0], &from, &to)) continue;
        Buf t = { 0 };
        join_lines(im, from, to, 1, &t);
        if (t.n) {
            buf_addf(&nb, "    %s ", TEXTS[k][1]);
            put_text(&nb, t.s, t.s + t.n);
            buf_add(&nb, "\n", 1);
        }
        buf_free(&t);
    }
    Fact facts[32];
    int nf = 0;
    Buf items_b = { 0 };
    if (section(im, used, "预算编制说明", &from, &to)) {
        line = im->L[from - 1].no;
        Buf t = { 0 };
        join_lines(im, from, to, 0, &t);
        const char *s = t.s ? t.s : "", *e = s + t.n;
        const char *first = find(s, e, "主要用于");
        const char *pre_end = first ? first : e;
        /* the totals: before the first item's header */
        const char *hdr = find_last(s, pre_end, "类）");
        if (!hdr) hdr = pre_end;
        nf += comparisons(im, srcs, nsrc, s, hdr, facts + nf, 32 - nf);
        /* 主要原因 of the totals: to its 。 or its paragraph's end */
        Buf t2 = { 0 };
        join_lines(im, from, to, 2, &t2);
        const char *s2 = t2.s ? t2.s : "", *e2 = s2 + t2.n;
        const char *f2 = find(s2, e2, "主要用于");
        const char *why = find(s2, f2 ? f2 : e2, "主要原因是");
        if (why) {
            why += strlen("主要原因是");
            if (find(why, e2, "：") == why) why += 3;
            const char *we = why;
            while (we < e2 && *we != '\n' && memcmp(we, "。", 3)) we++;
            if (we > why) {
                buf_adds(&nb, "    reason total ");
                put_text(&nb, why, we);
                buf_add(&nb, "\n", 1);
            }
        }
        buf_free(&t2);
        items = put_items(im, rows, &items_b, s, e);
        buf_free(&t);
    }
    int tp_from = nf;
    if (section(im, used, "其他相关情况说明", &from, &to)) {
        Buf t = { 0 };
        join_lines(im, from, to, 0, &t);
        const char *s = t.s ? t.s : "", *e = s + t.n;
        const char *end = find(s, e, "机关运行经费");
        nf += comparisons(im, srcs, nsrc, s, end ? end : e, facts + nf, 32 - nf);
        buf_free(&t);
    }
    for (int i = tp_from; i < nf; i++) {
        if (!facts[i].why) continue;
        buf_addf(&nb, "    reason %s ", facts[i].key);
        put_text(&nb, facts[i].why, facts[i].why_end);
        buf_add(&nb, "\n", 1);
    }
    if (items_b.n) buf_add(&nb, items_b.s, items_b.n);
    for (int i = 0; i < nf; i++) {
        if (!facts[i].prev[0] || !strcmp(facts[i].key, "vehicle")) continue; /* 小计: not a previous row */
        bool dup = false;
        for (int j = 0; j < i && !dup; j++) dup = !strcmp(facts[j].key, facts[i].key) && facts[j].prev[0];
        if (dup) continue;
        const char *key = facts[i].key;
        for (int k = 0; k < nsrc; k++)
            if (!strcmp(srcs[k].key, key)) key = srcs[k].name;
        if (facts[i].prev[0] == '-') { /* a comparison that cannot be right: said, not written */
            imp_warn(im, line, "the narrative's comparison gives last year's %s as %s 万元, which is no budget amount: "
                     "kept as a comment", key, facts[i].prev);
            buf_addf(&pb, "    # not written: %s %s 万元 (this year's figure less the printed change)\n", key,
                     facts[i].prev);
            continue;
        }
        buf_addf(&pb, "    %s %s 万元\n", key, facts[i].prev);
    }
    if (pb.n || nb.n) buf_adds(out, "\n# The narrative's facts (主要职能, 机构设置, 编制说明, 其他相关情况说明), read from its text\n"
                                    "# as printed: last year's budget from the comparisons, and per function item\n"
                                    "# its 当年预算执行数, 主要用于 and 主要原因.\n");
    if (pb.n) {
        buf_adds(out, "previous {\n");
        buf_add(out, pb.s, pb.n);
        buf_adds(out, "}\n");
    }
    if (nb.n) {
        buf_adds(out, "narrative {\n");
        buf_add(out, nb.s, nb.n);
        buf_adds(out, "}\n");
    }
    buf_free(&nb);
    buf_free(&pb);
    buf_free(&items_b);
    return items;
}
