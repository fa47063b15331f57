/*
 * emit_json.c — `bdlc compile -f json` (spec §8).
 *
 *   {"bdl": 1, "budget": {...}, "tables": [...], "projects": [...]}
 *
 * Amounts are JSON numbers with exactly `decimals` fractional digits, blank
 * cells null.  One row per line, so a diff of two outputs reads like a diff
 * of two tables.  The schema is tests/compile/bdl-output.schema.json.
 */
#include <stdio.h>
#include <string.h>

#include "bdl.h"

static void cstr(Buf *o, const char *s) { buf_json_str(o, str_c(s)); }

static void value(Buf *o, const Model *m, const MTable *t, const MVal *v)
{
    char buf[40];
    switch (v->kind) {
    case MV_TEXT:
        buf_json_str(o, v->text);
        break;
    case MV_NUMBER:
        buf_add(o, v->text.s, v->text.n);
        break;
    case MV_AMOUNT:
        if (t) buf_adds(o, money_format(table_amount(m, t, v->amount), t->decimals, false, buf));
        else buf_adds(o, money_format(v->amount, m->decimals, false, buf));
        break;
    case MV_BOOL:
        buf_adds(o, v->yes ? "true" : "false");
        break;
    default:
        buf_adds(o, "null");
    }
}

static void key(Buf *o, const char *k)
{
    cstr(o, k);
    buf_adds(o, ": ");
}

static void budget(Buf *o, const Model *m)
{
    buf_adds(o, "  \"budget\": {\n    ");
    key(o, "year");
    buf_json_str(o, m->year);
    buf_adds(o, ",\n    ");
    key(o, "department");
    buf_adds(o, "{\"code\": ");
    buf_json_str(o, m->dept_code);
    buf_adds(o, ", \"name\": ");
    buf_json_str(o, m->dept_name);
    buf_adds(o, "},\n    ");
    key(o, "agencies");
    buf_adds(o, "[");
    for (int i = 0; i < m->nagencies; i++) {
        buf_adds(o, i ? ", {\"code\": " : "{\"code\": ");
        buf_json_str(o, m->agencies[i].code);
        buf_adds(o, ", \"name\": ");
        buf_json_str(o, m->agencies[i].name);
        buf_adds(o, "}");
    }
    buf_adds(o, "],\n    ");
    key(o, "unit");
    buf_json_str(o, m->unit);
    buf_addf(o, ",\n    \"decimals\": %d\n  },\n", m->decimals);
}

static void columns(Buf *o, const MTable *t)
{
    buf_adds(o, "      \"columns\": [\n");
    for (int i = 0; i < t->ncols; i++) {
        const MColumn *c = &t->cols[i];
        buf_adds(o, "        {\"key\": ");
        cstr(o, c->key);
        buf_adds(o, ", \"title\": ");
        buf_json_str(o, c->title);
        buf_adds(o, ", \"group\": ");
        if (c->ngroups) buf_json_str(o, c->group[c->ngroups - 1]);
        else buf_adds(o, "null");
        buf_adds(o, i + 1 < t->ncols ? "},\n" : "}\n");
    }
    buf_adds(o, "      ],\n");
}

static void rows(Buf *o, const Model *m, const MTable *t)
{
    buf_adds(o, "      \"rows\": [");
    for (int i = 0; i < t->nrows; i++) {
        buf_adds(o, i ? ",\n        {" : "\n        {");
        for (int k = 0; k < t->ncols; k++) {
            if (k) buf_adds(o, ", ");
            key(o, t->cols[k].key);
            value(o, m, t, &t->rows[i].cells[k]);
        }
        buf_adds(o, "}");
    }
    buf_adds(o, t->nrows ? "\n      ],\n" : "],\n");
}

/* A field list as one object: {"key": value, ...}. */
static void fields(Buf *o, const Model *m, const MField *f, int n)
{
    buf_adds(o, "{");
    for (int i = 0; i < n; i++) {
        if (i) buf_adds(o, ", ");
        key(o, f[i].key);
        value(o, m, NULL, &f[i].val);
    }
    buf_adds(o, "}");
}

static void table(Buf *o, const Model *m, const MTable *t, bool last)
{
    buf_adds(o, "    {\n      \"id\": ");
    cstr(o, t->id);
    buf_addf(o, ",\n      \"number\": %d", t->number);
    buf_adds(o, ",\n      \"title\": ");
    buf_json_str(o, t->title);
    buf_adds(o, ",\n      \"unit\": ");
    buf_json_str(o, t->unit);
    buf_adds(o, ",\n");
    columns(o, t);
    rows(o, m, t);
    if (t->nfields) {
        buf_adds(o, "      \"fields\": ");
        fields(o, m, t->fields, t->nfields);
        buf_adds(o, ",\n");
    }
    buf_adds(o, "      \"note\": ");
    if (t->note.n) buf_json_str(o, t->note);
    else buf_adds(o, "null");
    buf_adds(o, last ? "\n    }\n" : "\n    },\n");
}

/* The narrative, when the budget has one: one paragraph per line. */
static void narrative(Buf *o, const Model *m)
{
    buf_adds(o, ",\n  \"narrative\": {\"sections\": [");
    for (int i = 0; i < m->nsections; i++) {
        const MSection *s = &m->sections[i];
        buf_adds(o, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        buf_json_str(o, s->id);
        buf_adds(o, ", \"title\": ");
        buf_json_str(o, s->title);
        buf_adds(o, s->after ? ", \"place\": \"after\"" : ", \"place\": \"before\"");
        buf_adds(o, ", \"paragraphs\": [");
        for (int k = 0; k < s->nparas; k++) {
            buf_adds(o, k ? ",\n      " : "\n      ");
            buf_json_str(o, s->paras[k]);
        }
        buf_adds(o, s->nparas ? "\n    ]}" : "]}");
    }
    buf_adds(o, "\n  ]}");
}

void emit_json(const Model *m, Buf *o)
{
    buf_adds(o, "{\n  \"bdl\": 1,\n");
    budget(o, m);
    buf_adds(o, "  \"tables\": [\n");
    for (int i = 0; i < m->ntables; i++) table(o, m, &m->tables[i], i + 1 == m->ntables);
    buf_adds(o, "  ],\n  \"projects\": [");
    for (int i = 0; i < m->nprojects; i++) {
        buf_adds(o, i ? ",\n    " : "\n    ");
        fields(o, m, m->projects[i].f, PF_COUNT);
    }
    buf_adds(o, m->nprojects ? "\n  ]" : "]");
    if (m->nsections) narrative(o, m);
    buf_adds(o, "\n}\n");
}
