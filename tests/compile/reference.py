#!/usr/bin/env python3
"""Compare `bdlc compile -f json` of the example with the published reference.

    reference.py REFERENCE.txt COMPILED.json

REFERENCE.txt is examples/nanchuan-renda-2026/published.txt: the published
tables, tab separated.  Every table is cut out of the text itself and
compared with the compiled table of the same id, row for row and cell for
cell: amounts as printed (grouping commas), blanks as blanks, texts exactly
(the <p>…</p> markup of the printing system dropped).  The performance
tables are compared field by field and indicator by indicator.

Known differences of the reference that are normalised here, not hidden:
  - a 合计 label sits in the 科目编码 cell of some tables and in the 科目名称
    cell of others (a merged cell, exported either way): it is compared as
    "the row's label", wherever it is;
  - printing artefacts: `------` rows, indicator rows shifted one cell to
    the left, line-wrap spaces inside header cells;
  - project 50011926T000005321589 lists its indicators twice; corrected.bdl
    lists them once (see the example's README), so repeated identical rows
    are compared once.
Exit status 0 when everything matches, 1 otherwise (with every mismatch).
"""
import json
import re
import sys

TITLES = [
    ("fiscal-summary", "财政拨款收支总表", 2),
    ("general-expenditure", "一般公共预算财政拨款支出预算表", 2),
    ("general-basic", "一般公共预算财政拨款基本支出预算表", 2),
    ("three-public", "一般公共预算“三公”经费支出表", 3),
    ("fund-expenditure", "政府性基金预算支出表", 2),
    ("department-summary", "部门收支总表", 2),
    ("department-expenditure", "部门支出总表", 1),
    ("procurement", "政府采购预算明细表", 1),
    ("department-performance", "部门整体绩效目标表", 0),
]
PROJECT_TITLE = "项目支出绩效目标表"
AMOUNT = re.compile(r"^\d{1,3}(,\d{3})*\.\d{2}$")

failures = []
counts = {"tables": 0, "rows": 0, "amounts": 0, "texts": 0, "projects": 0, "indicators": 0}


def fail(msg):
    failures.append(msg)


def strip_p(s):
    return s.replace("<p>", "").replace("</p>", "")


def is_rule(cells):
    return all(re.fullmatch(r"-*", c) for c in cells)


def segments(lines):
    """Cut the document into (id, lines) in document order."""
    starts = []
    ti = 0
    for i, line in enumerate(lines):
        if "\t" in line:
            continue
        if ti < len(TITLES) and line.strip().endswith(TITLES[ti][1]):
            starts.append((i, TITLES[ti][0]))
            ti += 1
        elif ti == len(TITLES) and line.strip().endswith(PROJECT_TITLE):
            starts.append((i, "project"))
    out = []
    for k, (i, tid) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        out.append((tid, lines[i:end]))
    if ti != len(TITLES):
        fail("reference: table %r not found" % TITLES[ti][1])
    return out


def tab_rows(seg):
    rows = []
    for line in seg:
        if "\t" not in line:
            continue
        cells = line.split("\t")
        if is_rule(cells):
            continue
        rows.append(cells)
    return rows


def trim(cells):
    cells = [c.strip() for c in cells]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def text_of(v):
    """A compiled cell as the reference prints it."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, (int, float)):
        return str(v)
    return v


def amount_text(raw):
    """A JSON amount, from its exact digits, with grouping commas."""
    whole, _, frac = raw.partition(".")
    return "{:,}".format(int(whole)) + ("." + frac if frac else "")


def compiled_rows(table, raw_rows):
    keys = [c["key"] for c in table["columns"]]
    amount_keys = set()
    out = []
    for row, raw in zip(table["rows"], raw_rows):
        cells = []
        for k in keys:
            v = row[k]
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cells.append(amount_text(raw[k]))
                amount_keys.add(k)
            else:
                cells.append(text_of(v))
        out.append(cells)
    return out


def label_first(cells):
    """合计 wherever the merged cell put it: first, the other cell blank."""
    if len(cells) > 1 and "合计" in cells[:2] and cells[0] in ("", "合计") and cells[1] in ("", "合计"):
        cells = ["合计", ""] + cells[2:]
    return cells


def compare_grid(tid, seg, nheader, table, raw_rows):
    rows = tab_rows(seg)[nheader:]
    want = [trim(label_first(trim(r))) for r in rows]
    got = [trim(label_first(trim(r))) for r in compiled_rows(table, raw_rows)]
    if len(want) != len(got):
        fail("%s: the reference has %d rows, the compiled table %d" % (tid, len(want), len(got)))
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            fail("%s row %d:\n  reference %s\n  compiled  %s" % (tid, i + 1, w, g))
        counts["amounts"] += sum(1 for c in w if AMOUNT.match(c))
    counts["rows"] += len(want)
    counts["tables"] += 1
    if "(备注：" in "".join(seg):
        note = re.search(r"\(备注：(.*)\)", "".join(seg)).group(1)
        if table["note"] != note:
            fail("%s: note %r, compiled %r" % (tid, note, table["note"]))
    elif table["note"] is not None:
        fail("%s: the compiled table has a note the reference lacks" % tid)


LABELS = ["部门(单位)名称", "部门支出预算数", "当年整体绩效目标", "项目名称", "业务主管部门", "预算执行率权重",
          "项目分类", "当年预算（万元）", "本级安排（万元）", "上级补助（万元）", "项目概述", "立项依据",
          "当年绩效目标"]


def form(seg):
    """Labelled fields and indicator rows of a performance table."""
    fields, indicators, in_grid = {}, [], False
    for cells in tab_rows(seg):
        cells = [c.strip() for c in cells]
        if "一级指标" in cells:
            in_grid = True
            continue
        if in_grid:
            if cells and cells[0] == "":
                cells = cells[1:]
            indicators.append(trim(cells)[:8])
            continue
        for i, c in enumerate(cells):
            if c in LABELS:
                val = ""
                for d in cells[i + 1:]:
                    if d in LABELS:
                        break
                    if d:
                        val = d
                        break
                fields[c] = strip_p(val)
    return fields, indicators


def dedupe(rows):
    seen, out = set(), []
    for r in rows:
        if tuple(r) not in seen:
            seen.add(tuple(r))
            out.append(r)
    return out


def compare_indicators(where, want, got):
    if len(want) != len(got):
        fail("%s: the reference has %d indicators, the compiled table %d" % (where, len(want), len(got)))
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            fail("%s indicator %d:\n  reference %s\n  compiled  %s" % (where, i + 1, w, g))
    counts["indicators"] += len(want)


def indicator_cells(row):
    keys = ["level-1", "level-2", "level-3", "weight", "unit", "nature", "value", "core"]
    return [text_of(row[k]) for k in keys]


def check_field(where, want, got):
    counts["texts"] += 1
    if AMOUNT.match(want or "x"):
        counts["amounts"] += 1
    if want != got:
        fail("%s:\n  reference %r\n  compiled  %r" % (where, want, got))


def amount_field(raw):
    return "" if raw is None else amount_text(raw)


def compare_department(seg, table, raw):
    fields, inds = form(seg)
    f, rf = table["fields"], raw["fields"]
    check_field("部门整体绩效目标表 部门(单位)名称", fields.get("部门(单位)名称"), f["department"])
    check_field("部门整体绩效目标表 部门支出预算数", fields.get("部门支出预算数"), amount_field(rf["expenditure"]))
    check_field("部门整体绩效目标表 当年整体绩效目标", fields.get("当年整体绩效目标"), f["goal"])
    compare_indicators("部门整体绩效目标表", inds, [indicator_cells(r) for r in table["rows"]])
    counts["tables"] += 1


def compare_project(seg, project, raw, rows):
    fields, inds = form(seg)
    agency = re.search(r"编制单位：\s*(\S+)", "\n".join(seg)).group(1)
    name = "%s-%s" % (project["code"], project["name"])
    where = "project " + project["code"]
    check_field(where + " 编制单位", agency, "%s-%s" % (project["agency"], project["agency-name"]))
    check_field(where + " 项目名称", fields.get("项目名称"), name)
    pairs = [("业务主管部门", "owner"), ("预算执行率权重", "execution-weight"), ("项目分类", "category"),
             ("项目概述", "summary"), ("立项依据", "basis"), ("当年绩效目标", "goal")]
    for label, key in pairs:
        check_field(where + " " + label, fields.get(label), text_of(project[key]))
    for label, key in [("当年预算（万元）", "amount"), ("本级安排（万元）", "local"), ("上级补助（万元）", "superior")]:
        check_field(where + " " + label, fields.get(label), amount_field(raw[key]))
    compare_indicators(where, dedupe(inds), [indicator_cells(r) for r in rows])
    counts["projects"] += 1


def raw_amounts(text):
    """The JSON again, but with every number kept as its exact digits."""
    return json.loads(text, parse_float=lambda s: s, parse_int=lambda s: s)


def load_compiled(path):
    """The compiled JSON, twice: with numbers, and with every number as written."""
    text = open(path, encoding="utf-8").read()
    return json.loads(text), raw_amounts(text)


def report(failures, tag, summary):
    """Each failure as "TAG failure", then the summary line; exit 1 on a failure."""
    for f in failures:
        print(tag + " " + f)
    print(summary)
    sys.exit(1 if failures else 0)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reference.py REFERENCE.txt COMPILED.json")
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    doc, raw = load_compiled(sys.argv[2])
    tables = {t["id"]: t for t in doc["tables"]}
    raws = {t["id"]: t for t in raw["tables"]}
    header = dict((tid, n) for tid, _, n in TITLES)
    projects = []
    for tid, seg in segments(lines):
        if tid == "project":
            projects.append(seg)
        elif tid == "department-performance":
            compare_department(seg, tables[tid], raws[tid])
        else:
            compare_grid(tid, seg, header[tid], tables[tid], raws[tid]["rows"])
    pp = tables["project-performance"]["rows"]
    if len(projects) != len(doc["projects"]):
        fail("the reference has %d projects, the compiled budget %d" % (len(projects), len(doc["projects"])))
    for seg, p, rp in zip(projects, doc["projects"], raw["projects"]):
        compare_project(seg, p, rp, [r for r in pp if r["code"] == p["code"]])
    report(failures, "MISMATCH", "reference: %(tables)d tables (%(rows)d rows), %(projects)d projects, "
           "%(indicators)d indicators, %(amounts)d amounts and %(texts)d fields compared" % counts)


if __name__ == "__main__":
    main()
