#!/usr/bin/env python3
"""tests/diff/check_shanghai.py — `bdlc diff` of two Shanghai budgets, checked against the
two publications, without bdlc.

    check_shanghai.py OLD/published.txt NEW/published.txt DIFF.json

The publications are read by tests/shanghai/compare.py's own parser of the printed tables
(pdftotext text; it never runs bdlc). For the coded tables 2, 3, 5 and 8 (rows by function
or economic code) and table 9 (one row of seven amounts), every cell whose printed value
differs between the two years (a blank is 0) is an expected change: (table, row code,
column heading, old, new). DIFF.json is `bdlc diff -f json OLD/budget.bdl NEW/budget.bdl`;
its amount cells of those tables must be exactly the expected changes, nothing missing,
nothing more. Exit 1 with the differences listed.
"""
import json
import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shanghai"))
import compare  # noqa: E402  (the publication parser)

# The amount columns of each table, in printed order, by their printed heading.
COLUMNS = {
    2: ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
    3: ["合计", "基本支出", "项目支出"],
    5: ["合计", "基本支出", "项目支出"],
    8: ["合计", "人员经费", "公用经费"],
    # 三公 合计, 因公出国(境)费, 公务接待费, 公务用车 小计 / 购置费 / 运行费, 机关运行经费
    9: ["total", "overseas", "reception", "vehicle", "vehicle-purchase", "vehicle-operation", "operating-costs"],
}
ROW9 = "三公"


def published(path):
    with open(path, encoding="utf-8") as f:
        tables = compare.parse_publication(f.read())
    out = {}
    for t in tables:
        if t.num not in COLUMNS:
            continue
        rows = {}
        for e in t.entries:
            key = ROW9 if t.num == 9 else e.key
            rows[key] = [c.value if c is not None else Decimal(0) for c in e.cells]
        out[t.num] = rows
    return out


def expected(old, new):
    want = set()
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
            if c["kind"] != "cell" or not t or t["number"] not in COLUMNS:
                continue
            num = t["number"]
            col = c["column"]
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
    print("tables %s: %d changed cells in the publications (%s), %d listed by bdlc diff, %d differ"
          % (",".join(str(n) for n in COLUMNS), len(want),
             ", ".join("table %d: %d" % (n, per.get(n, 0)) for n in COLUMNS), len(got), len(missing) + len(extra)))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
