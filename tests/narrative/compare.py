#!/usr/bin/env python3
"""compare.py BDLC EXAMPLE — the generated narrative against the publication.

Reads EXAMPLE/published.txt (the document as published) and the narrative bdlc
generates from EXAMPLE/budget.bdl (`compile -f json`), takes from both every
comparison the 部门预算编制说明 and the “三公” part of the 其他相关情况说明 state (the
same reader for both, published.py: the generated text has the document's shape), and
compares them figure by figure: each total and 三公 item (amount, 增加/减少/持平, the
change), each function item (amount, last year's execution, the amount stated a second
time, the word, the percentage, the purpose and the reason).

A difference is sorted into one of:
  - a fault of the publication (printed FAULT): the amount stated twice differently,
    a reason whose 增加/减少 contradicts the change, a reason that names another item,
    a comparison with the wrong year, an execution figure the publication's own
    percentage contradicts, a percentage that is another item's;
  - a percentage the publication computed by the other method (printed ROUNDED: not a
    fault). bdlc compares this year's amount, rounded to the precision of the stated
    execution figure, with that figure (docs/en/reference.md "Narrative templates");
    a publication may compute from the exact amount instead;
  - anything else (printed DIFF): a difference the generator must explain; its
    presence makes the exit status 1.
Prints one line per difference and a summary:
    sentences generated N, comparisons N, matched N, rounded N, faults N, other N
"""
import json
import os
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import published as P  # noqa: E402


def generated_text(bdlc, example):
    out = subprocess.run([bdlc, "compile", "-f", "json", os.path.join(example, "budget.bdl")],
                         capture_output=True, text=True, check=True).stdout
    doc = json.loads(out)
    secs = {s["id"]: s for s in doc["narrative"]["sections"]}
    plan, other = secs["plan"], secs["other"]
    text = (plan["title"] + "\n" + "\n".join(plan["paragraphs"]) + "\n部门财务收支预算总表\n" +
            "\n".join(other["paragraphs"]))
    sentences = sum(p.count("。") for s in secs.values() if s["id"] in ("plan", "other") for p in s["paragraphs"])
    return text, sentences, exact_amounts(doc)


def exact_amounts(doc):
    """Each function 项's fiscal amount in 万元, exact, from table 2 (部门收入预算总表)."""
    t = next(t for t in doc["tables"] if t["id"] == "department-income")
    scale = Decimal(10000) if t["unit"] == "元" else Decimal(1)
    return {(r["code-1"] or "") + (r["code-2"] or "") + (r["code-3"] or ""): Decimal(str(r["fiscal"])) / scale
            for r in t["rows"] if r.get("code-3") and r.get("fiscal") is not None}


def pct(now, last):
    now, last = Decimal(now), Decimal(last)
    if last == 0:
        return None
    return str((abs(now - last) * 100 / last).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pct_from_printed(now, last):
    """The percentage from the printed 万元 figures, as some documents compute it."""
    now, last = Decimal(now), Decimal(last)
    if last == 0:
        return None
    return str((abs(now - last) * 100 / last).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def main():
    bdlc, example = sys.argv[1], sys.argv[2]
    pub = P.read(open(os.path.join(example, "published.txt"), encoding="utf-8").read())
    gen_text, sentences, exact = generated_text(bdlc, example)
    gen = P.read(gen_text)
    n = {"comparisons": 0, "matched": 0, "rounded": 0, "faults": 0, "other": 0}

    def number(x):
        return x is not None and re.fullmatch(r"\d+(\.\d+)?", x) is not None

    def same(what, a, b):
        """Equal texts, or equal numbers (25 and 25.00)."""
        n["comparisons"] += 1
        if a == b or (number(a) and number(b) and Decimal(a) == Decimal(b)):
            n["matched"] += 1
            return True
        return False

    def report(kind, msg):
        n[{"FAULT": "faults", "ROUNDED": "rounded", "DIFF": "other"}[kind]] += 1
        print("%s: %s" % (kind, msg))

    for group in ("totals", "three"):
        for subject, p in pub[group].items():
            g = gen[group][subject]
            if p is None:
                continue
            if g is None:
                report("DIFF", "%s: stated by the publication, not generated" % subject)
                continue
            for key in ("amount", "year", "word", "change"):
                if same("%s %s" % (subject, key), p[key], g[key]):
                    continue
                if key == "year":
                    report("FAULT", "%s: compared with %s年预算; last year is %s" % (subject, p[key], g[key]))
                else:
                    report("DIFF", "%s, %s: published %s, generated %s" % (subject, key, p[key], g[key]))
    # an item is known by its 款 and 项 names (a document may print an older 类 name)
    gi = {(i["section"], i["name"]): i for i in gen["items"]}
    purposes = {i["purpose"]: i["no"] for i in pub["items"]}
    percents = {}
    for i in pub["items"]:
        percents.setdefault(i["percent"], i["no"])
    codes = {}
    for code, amount in exact.items():
        codes.setdefault(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), []).append(code)
    for p in pub["items"]:
        key = (p["section"], p["name"])
        g = gi.get(key)
        where = "item %d (%s%s)" % (p["no"], p["section"], p["name"])
        if not g:
            report("DIFF", "%s: published, not generated" % where)
            continue
        execution_fault = False
        for k in ("amount", "execution", "word", "purpose", "reason"):
            if same(k, p[k], g[k]):
                continue
            if k == "execution" and p["percent"] == pct(p["amount"], g["execution"]):
                execution_fault = True
                report("FAULT", "%s: last year's execution is printed as %s, but the publication's own %s%% is "
                       "computed from %s" % (where, p[k], p["percent"], g[k]))
            else:
                report("DIFF", "%s, %s: published %s, generated %s" % (where, k, p[k], g[k]))
        if not same("amount2", p["amount2"], g["amount2"]):
            if p["amount2"] != p["amount"]:
                report("FAULT", "%s: the amount is printed as %s and, a sentence later, as %s; the tables have %s"
                       % (where, p["amount"], p["amount2"], g["amount2"]))
            else:
                report("DIFF", "%s, 预算安排: published %s, generated %s" % (where, p["amount2"], g["amount2"]))
        if not same("percent", p["percent"], g["percent"]) and not execution_fault:
            # the exact amount: the 项 of table 2 whose amount prints as this one
            now = [exact[c] for c in codes.get(Decimal(g["amount"]), [])]
            if len(now) == 1 and pct(now[0], g["execution"]) == p["percent"]:
                report("ROUNDED", "%s: %s%% is computed from the exact amount (%s 万元); from the printed %s it is %s%%"
                       % (where, p["percent"], now[0], g["amount"], g["percent"]))
            elif pct_from_printed(p["amount"], p["execution"]) == p["percent"]:
                report("ROUNDED", "%s: %s%% is computed from the printed 万元 figures; bdlc prints %s%%"
                       % (where, p["percent"], g["percent"]))
            elif percents.get(p["percent"], p["no"]) != p["no"]:
                report("FAULT", "%s: %s%% is item %d's percentage; this item's is %s%%"
                       % (where, p["percent"], percents[p["percent"]], g["percent"]))
            else:
                report("DIFF", "%s, percentage: published %s, generated %s" % (where, p["percent"], g["percent"]))
        # the reason, read against the change it explains
        word = g["word"]
        r = p["reason"]
        if (word == "减少" and "增加" in r) or (word == "增加" and "减少" in r) or (word == "持平" and ("增加" in r or "减少" in r)):
            report("FAULT", "%s: the reason says “%s” but the amount %s (%s → %s)" % (where, r, word, g["execution"], g["amount"]))
        m = re.fullmatch(r"(.+?)经费(增加|减少|保持不变)", r)
        if m and m.group(1) not in (p["purpose"], p["name"], p["section"] + p["name"]) and m.group(1) in purposes:
            report("FAULT", "%s: the reason names %s, the subject of item %d" % (where, m.group(1), purposes[m.group(1)]))
    print("sentences generated %d, comparisons %d, matched %d, rounded %d, faults %d, other %d"
          % (sentences, n["comparisons"], n["matched"], n["rounded"], n["faults"], n["other"]))
    return 1 if n["other"] else 0


if __name__ == "__main__":
    sys.exit(main())
