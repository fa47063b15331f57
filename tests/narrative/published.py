"""published.py — read the comparisons a published Shanghai narrative states.

From the text of a document (pdftotext -layout, as examples/*/published.txt): the
部门预算编制说明 (the totals against last year's budget, one item per function 项
against last year's execution) and the “三公” part of the 其他相关情况说明.  Line
breaks and blanks are dropped first: pdftotext wraps lines anywhere, Chinese text
has no spaces.  Used by compare.py (and once to transcribe the examples' items)."""
import re

NUM = r"(\d+(?:\.\d+)?)"


def squeeze(text):
    return re.sub(r"\s+", "", text)


def section(text, start, stop):
    """The text from the heading `start` (a pattern) to the next `stop`, squeezed."""
    t = squeeze(text)
    m = re.search(start, t)
    if not m:
        return ""
    j = t.find(stop, m.end())
    return t[m.end(): j if j >= 0 else len(t)]


def comparison(t, subject):
    """`SUBJECT12.34万元，比2023年预算增加5.67万元` (或 减少 / 持平): the figures."""
    m = re.search(re.escape(subject) + NUM + r"万元[，。]?(?:比|与)(\d{4})年预算(增加|减少|持平)(?:" + NUM + r"万元)?", t)
    if not m:
        return None
    return {"amount": m.group(1), "year": m.group(2), "word": m.group(3), "change": m.group(4)}


TOTALS = ["财政拨款收入", "财政拨款支出预算", "一般公共预算拨款支出预算", "政府性基金拨款支出预算",
          "国有资本经营预算拨款支出预算"]
THREE = ["“三公”经费预算数为", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费",
         "公务接待费"]

ITEM = re.compile(
    r"(\d+)\.“(.+?)（类）(.+?)（款）(.+?)（项）”" + NUM + r"万元，主要用于(.+?)。"
    r"(\d{4})年当年预算执行数为" + NUM + r"万元，(\d{4})年预算安排" + NUM + r"万元，"
    r"比(\d{4})年预算执行数(增加|减少|持平)(?:" + NUM + r"%)?。主要原因是：(.+?)。(?=\d+\.“|\d{4}年|$)")


# The same item as other departments print it (examples/shanghai-sifaju-2026): numbered
# `1、`, the codes in the names, no quotes, `。主要用于：`.
ITEM_CODED = re.compile(
    r"(\d+)、(.+?)（\d+类）(.+?)（\d+款）(.+?)（\d+项）" + NUM + r"万元。主要用于：(.+?)。+"
    r"(\d{4})年当年预算执行数为" + NUM + r"万元，(\d{4})年预算安排" + NUM + r"万元，"
    r"比(\d{4})年预算执行数(增加|减少|持平)(?:" + NUM + r"%)?。主要原因是：(.+?)。(?=\d+[、.]|\d{4}年|$)")


def items(t):
    found = []
    for rx in (ITEM, ITEM_CODED):
        for m in rx.finditer(t):
            found.append((m.start(), {"no": int(m.group(1)), "class": m.group(2), "section": m.group(3),
                                      "name": m.group(4), "amount": m.group(5), "purpose": m.group(6),
                                      "execution": m.group(8), "amount2": m.group(10), "word": m.group(12),
                                      "percent": m.group(13), "reason": m.group(14)}))
    return [i for _, i in sorted(found, key=lambda x: x[0])]


def read(text):
    """Everything compare.py compares, from a document's text."""
    plan = section(text, r"\d{4}年部门预算编制说明", "部门财务收支预算总表")
    other = section(text, r"“三公”经费预算情况说明", "机关运行经费")
    return {
        "totals": {s: comparison(plan, s) for s in TOTALS},
        "items": items(plan),
        "three": {s: comparison(other, s) for s in THREE},
    }
