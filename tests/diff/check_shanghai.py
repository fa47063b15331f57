#!/usr/bin/env python3
"""tests/diff/check_shanghai.py — `bdlc diff` of two Shanghai budgets, checked against the
two publications, without bdlc.

    check_shanghai.py OLD/published.txt NEW/published.txt DIFF.json

The publications are read by tests/shanghai/compare.py's own parser of the printed tables
(pdftotext text; it never runs bdlc). In all nine tables — the coded tables 2, 3, 5, 6, 7
and 8 (rows by function or economic code; 6 and 7 are empty in both years), table 9 (one
row of seven amounts) and the two-sided summaries 1 and 4 (rows by their printed label
without its numbering 一、/1., the income side apart from the expenditure side) — every
cell whose printed value differs between the two years (a blank is 0) is an expected
change: (table, row, column, old, new). DIFF.json is `bdlc diff -f json OLD/budget.bdl
NEW/budget.bdl`; its amount cells must be exactly the expected changes, nothing missing,
nothing more. Exit 1 with the differences listed.
"""
import json
import os
import re
import sys
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shanghai"))
import compare  # noqa: E402  (the publication parser)

# The amount columns of each table, in printed order, by their printed heading.
COLUMNS = {
    2: ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
    3: ["合计", "基本支出", "项目支出"],
    5: ["合计", "基本支出", "项目支出"],
    6: ["合计", "基本支出", "项目支出"],  # empty in both years: nothing may be listed
    7: ["合计", "基本支出", "项目支出"],
    8: ["合计", "人员经费", "公用经费"],
    # 三公 合计, 因公出国(境)费, 公务接待费, 公务用车 小计 / 购置费 / 运行费, 机关运行经费
    9: ["total", "overseas", "reception", "vehicle", "vehicle-purchase", "vehicle-operation", "operating-costs"],
}
ROW9 = "三公"
# The two-sided summaries: the amount columns of each side, by bdlc's column keys (the
# publication's order: 预算数 | 合计, 一般公共预算, 政府性基金, 国有资本经营预算).
SIDES = {1: (["income"], ["expenditure"]), 4: (["income"], ["expenditure", "general", "fund", "capital"])}
NUMBERING = re.compile(r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.．、])")


def label_key(label):
    """A row label without its numbering and spaces: 三、科学技术支出 in one year is
    四、科学技术支出 in the next when a class is added above it."""
    return NUMBERING.sub("", re.sub(r"\s+", "", label or ""))


def published(path):
    with open(path, encoding="utf-8") as f:
        tables = compare.parse_publication(f.read())
    out = {}
    for t in tables:
        if t.num in SIDES:
            rows, side = {}, 0
            for e in t.entries:
                for i, col in enumerate(SIDES[t.num][side]):
                    c = e.cells[i] if i < len(e.cells) else None
                    rows[(side, label_key(e.label), col)] = c.value if c is not None else Decimal(0)
                if norm_total(e.label) == "收入总计":
                    side = 1
            out[t.num] = rows
            continue
        if t.num not in COLUMNS:
            continue
        rows = {}
        for e in t.entries:
            key = ROW9 if t.num == 9 else e.key
            rows[key] = [c.value if c is not None else Decimal(0) for c in e.cells]
        out[t.num] = rows
    return out


def norm_total(label):
    return re.sub(r"\s+", "", label or "")


def expected(old, new):
    want = set()
    for num in SIDES:
        a, b = old.get(num, {}), new.get(num, {})
        for key in set(a) | set(b):
            va, vb = a.get(key, Decimal(0)), b.get(key, Decimal(0))
            if va != vb:
                want.add((num, key[1], key[2], va, vb))
    for num, cols in COLUMNS.items():
        a, b = old.get(num, {}), new.get(num, {})
        for key in set(a) | set(b):
            ra, rb = a.get(key, []), b.get(key, [])
            for i, col in enumerate(cols):
                va = ra[i] if i < len(ra) else Decimal(0)
                vb = rb[i] if i < len(rb) else Decimal(0)
                if va != vb:
                    want.add((num, key, col, va, vb))
    return want


def amount(text):
    if text is None or text == "":
        return Decimal(0)
    return Decimal(text.replace(",", ""))


def listed(diff):
    got, names = set(), 0
    for b in diff["budgets"]:
        for c in b["changes"]:
            t = c.get("table")
            if c["kind"] != "cell" or not t or t["number"] not in list(COLUMNS) + list(SIDES):
                continue
            num = t["number"]
            col = c["column"]
            if num in SIDES:
                if col["key"] in ("income-item", "item"):
                    names += 1
                else:
                    got.add((num, label_key(c["label"]), col["key"], amount(c["old"]), amount(c["new"])))
                continue
            if col["key"] == "name":
                names += 1
                continue
            key = ROW9 if num == 9 else c["code"] or compare.norm(c["label"] or "")
            head = col["key"] if num == 9 else col["title"].split("/")[-1]
            got.add((num, key, head, amount(c["old"]), amount(c["new"])))
    return got, names


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    want = expected(published(argv[1]), published(argv[2]))
    with open(argv[3], encoding="utf-8") as f:
        got, names = listed(json.load(f))
    missing, extra = sorted(want - got), sorted(got - want)
    for m in missing:
        print("missing from bdlc diff: table %d %s %s: %s → %s" % m)
    for m in extra:
        print("not a change in the publications: table %d %s %s: %s → %s" % m)
    per = {}
    for w in want:
        per[w[0]] = per.get(w[0], 0) + 1
    nums = sorted(list(COLUMNS) + list(SIDES))
    print("tables %s: %d changed cells in the publications (%s), %d listed by bdlc diff, %d differ"
          % (",".join(str(n) for n in nums), len(want),
             ", ".join("table %d: %d" % (n, per.get(n, 0)) for n in nums), len(got), len(missing) + len(extra)))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
