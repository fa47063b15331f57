#!/usr/bin/env python3
"""Compare the CSV tables of the example with the published reference.

    csv_reference.py REFERENCE.txt CSV_DIR

REFERENCE.txt is examples/nanchuan-renda-2026/published.txt, the truth;
CSV_DIR holds `bdlc compile -f csv` of corrected.bdl (the committed golden
tests/golden/nanchuan/csv, or a fresh compile).  The document is cut into
tables by reference.py (same parsing, same normalisations: the 合计 label
wherever the merged cell put it, printing artefacts, the indicators that
project 50011926T000005321589 prints twice compared once); then every cell
of every CSV file is compared with the document:

  - the grid tables: the header row (each title is the published title of
    its column, or that title prefixed with the header cell above it, as
    the CSV writer does for 收入项目 / 公务用车购置及运行费小计; line-wrap
    spaces dropped), then every row and cell, amounts as printed without
    their grouping commas (the CSV writes 2216.40 for 2,216.40);
  - department-performance.csv: the indicator header and rows of 部门整体绩效目标表;
  - project-performance.csv: per project, its code and name (from 项目名称
    "CODE-NAME") and its indicator rows, in document order;
  - projects.csv: per project, every field of its 项目支出绩效目标表 (编制单位
    split into code and name, amounts without grouping, the （万元） of the
    labels dropped in the titles).
A CSV file the document has no table for, or a table without its file, is
a mismatch too.  A published text starting with = + - @ must carry the CSV
writer's leading ' (so that no spreadsheet runs it as a formula).
Exit status 0 when everything matches, 1 otherwise (with every mismatch).
"""
import csv
import os
import re
import sys

import reference as ref

failures = []
counts = {"files": 0, "rows": 0, "cells": 0}


def fail(msg):
    failures.append(msg)


def csv_text(c):
    """A published cell as the CSV must hold it: amounts without grouping, a
    text starting with = + - @ behind the writer's leading '."""
    if ref.AMOUNT.match(c.lstrip("-")):
        return c.replace(",", "")
    return "'" + c if c[:1] in ("=", "+", "-", "@") else c


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, strict=True))


def compare_rows(where, want, got):
    """Row lists, cell by cell (trailing blanks of a row do not count)."""
    if len(want) != len(got):
        fail("%s: the reference has %d rows, the CSV %d" % (where, len(want), len(got)))
    for i, (w, g) in enumerate(zip(want, got)):
        w, g = ref.trim(w), ref.trim(g)
        if w != g:
            fail("%s row %d:\n  reference %s\n  csv       %s" % (where, i + 1, w, g))
        counts["cells"] += max(len(w), len(g))
    counts["rows"] += len(want)


def header_titles(rows):
    """The CSV title of each column, from the published header rows: the
    lowest non-blank cell above the column (line-wrap spaces dropped); a 小计,
    or a title two columns share, prefixed with the nearest non-blank cell
    (at or left of the column) of a row above it (收入项目, 支出预算数)."""
    rows = [[c.replace(" ", "") for c in ref.trim(r)] for r in rows]
    ncols = max((len(r) for r in rows), default=0)
    leaves = []
    for j in range(ncols):
        leaf = ("", 0)
        for i in range(len(rows) - 1, -1, -1):
            if j < len(rows[i]) and rows[i][j]:
                leaf = (rows[i][j], i)
                break
        leaves.append(leaf)
    out = []
    for j, (leaf, i) in enumerate(leaves):
        title = leaf
        if leaf == "小计" or [t for t, _ in leaves].count(leaf) > 1:
            for k in range(i - 1, -1, -1):
                group = [c for c in rows[k][:j + 1] if c]
                if group:
                    title = group[-1] + leaf
                    break
        out.append(title)
    return out


def compare_header(where, published, header):
    want = header_titles(published)
    counts["cells"] += max(len(want), len(header))
    if want != header:
        fail("%s header:\n  reference %s\n  csv       %s" % (where, want, header))


def compare_grid(tid, seg, nheader, rows):
    published = ref.tab_rows(seg)
    compare_header(tid + ".csv", published[:nheader], rows[0] if rows else [])
    want = [[csv_text(c) for c in ref.trim(ref.label_first(ref.trim(r)))] for r in published[nheader:]]
    got = [ref.trim(ref.label_first(ref.trim(r))) for r in rows[1:]]
    compare_rows(tid + ".csv", want, got)


def indicator_header(seg):
    for cells in ref.tab_rows(seg):
        cells = [c.strip() for c in cells]
        if "一级指标" in cells:
            return ref.trim(cells[cells.index("一级指标"):])
    fail("reference: no indicator header in a performance table")
    return []


def compare_department(seg, rows):
    _, inds = ref.form(seg)
    head = indicator_header(seg)
    if not rows or rows[0] != head:
        fail("department-performance.csv header:\n  reference %s\n  csv       %s" % (head, rows[0] if rows else []))
    counts["cells"] += len(head)
    compare_rows("department-performance.csv", [[csv_text(c) for c in r] for r in inds], rows[1:])


def split_code(s):
    """'CODE-NAME' -> (CODE, NAME), at the first '-'."""
    code, _, name = (s or "").partition("-")
    return code, name


def project_fields(seg):
    fields, inds = ref.form(seg)
    agency = re.search(r"编制单位：\s*(\S+)", "\n".join(seg)).group(1)
    code, name = split_code(fields.get("项目名称"))
    acode, aname = split_code(agency)
    values = {}
    for label in ref.LABELS:
        if label in fields:
            values[label.replace("（万元）", "")] = csv_text(fields[label])
    values.update({"项目编码": csv_text(code), "项目名称": csv_text(name), "编制单位编码": csv_text(acode),
                   "编制单位": csv_text(aname)})
    return values, ref.dedupe(inds)


def compare_projects(segs, rows, irows):
    projects = [project_fields(seg) for seg in segs]
    if not rows:
        fail("projects.csv is empty")
        return
    head = rows[0]
    for h in head:
        counts["cells"] += 1
        if any(h not in v for v, _ in projects):
            fail("projects.csv header %r: no such field in the published project tables" % h)
    for field in sorted(set().union(*(v.keys() for v, _ in projects)) - set(head)):
        fail("projects.csv: no column for the published field %r" % field)
    want = [[v.get(h, "") for h in head] for v, _ in projects]
    compare_rows("projects.csv", want, rows[1:])

    # project-performance.csv: code, name, then the indicator columns
    ihead = indicator_header(segs[0]) if segs else []
    if not irows or irows[0] != ["项目编码", "项目名称"] + ihead:
        fail("project-performance.csv header:\n  reference %s\n  csv       %s"
             % (["项目编码", "项目名称"] + ihead, irows[0] if irows else []))
    counts["cells"] += 2 + len(ihead)
    want = [[csv_text(c) for c in [v["项目编码"], v["项目名称"]] + ind] for v, inds in projects for ind in inds]
    compare_rows("project-performance.csv", want, irows[1:])


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: csv_reference.py REFERENCE.txt CSV_DIR")
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    folder = sys.argv[2]
    # index.csv lists the tables' numbers and titles (no grid of its own)
    files = sorted(f for f in os.listdir(folder) if f.endswith(".csv") and f != "index.csv")
    seen = set()

    def table(name):
        seen.add(name)
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            fail("%s: missing (the document has this table)" % name)
            return []
        counts["files"] += 1
        return read_csv(path)

    header = dict((tid, n) for tid, _, n in ref.TITLES)
    projects = []
    for tid, seg in ref.segments(lines):
        if tid == "project":
            projects.append(seg)
        elif tid == "department-performance":
            compare_department(seg, table(tid + ".csv"))
        else:
            compare_grid(tid, seg, header[tid], table(tid + ".csv"))
    compare_projects(projects, table("projects.csv"), table("project-performance.csv"))
    for f in files:
        if f not in seen:
            fail("%s: the document has no table to compare it with" % f)
    failures.extend("reference: " + f for f in ref.failures)
    ref.report(failures, "MISMATCH", "csv reference: %(files)d files, %(rows)d rows, %(cells)d cells compared" % counts)


if __name__ == "__main__":
    main()
