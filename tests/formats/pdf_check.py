#!/usr/bin/python3
"""tests/formats/pdf_check.py BUDGET.pdf BUDGET.json

Reads a PDF written by `bdlc compile -f pdf` with poppler (pdftotext,
pdfinfo, pdffonts) and asserts it holds what `bdlc compile -f json` says:

- the contents page lists every table and project with a page number, and
  each title is on that page; the pages are A4, landscape for the wide
  tables (7 columns or more) and the performance forms, portrait else;
- every amount of every table, as printed (grouping, the decimals), is on
  the table's pages in the -layout text, in row order; every text cell's
  and column title's text is there in the text in drawing order
  (pdftotext -raw, spaces and line breaks removed: wrapped cells are
  contiguous there, while -layout interleaves neighbouring wrapped cells);
- every project's fields and indicators are on its pages;
- each page's foot says 第 N 页 共 M 页; the Noto Sans CJK fonts are
  embedded (subsets); no replacement character in the extracted text.

Prints "FAIL - ..." per failed check and a summary; exit 1 on a failure.
"""
import re
import subprocess
import sys
from decimal import Decimal

from readback import finish, load_budget, ok


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def squash(s):
    return re.sub(r"\s+", "", s)


def printed(v, decimals):
    if v is None:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal) and v.as_tuple().exponent == -decimals:
        return "{:,.{}f}".format(v, decimals)
    return str(v)


def in_order(text, items, what):
    """items must be found in text one after the other."""
    pos = 0
    for it in items:
        j = text.find(it, pos)
        if not ok(j >= 0, "%s: %r not found after position %d" % (what, it, pos)):
            return
        pos = j + len(it)


def main():
    pdf, js = sys.argv[1], sys.argv[2]
    data = load_budget(js)
    decimals = int(data["budget"]["decimals"])
    pages = run("pdftotext", "-layout", pdf, "-").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    raw = run("pdftotext", "-raw", pdf, "-").split("\f")
    n = len(pages)
    ok(len(raw) >= n, "-raw and -layout agree on the pages")
    info = run("pdfinfo", "-f", "1", "-l", str(n), pdf)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ok(len(sizes) == n, "pdfinfo lists %d page sizes for %d pages" % (len(sizes), n))
    fonts = run("pdffonts", pdf)
    for face in ("NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"):
        line = [l for l in fonts.splitlines() if face in l]
        ok(line and re.search(r"\byes\s+yes\s+yes\b", line[0]), "%s embedded as a subset with a Unicode map" % face)
    ok(not any("\ufffd" in p for p in pages), "no replacement character in the text")
    for i, p in enumerate(pages, 1):
        ok(re.search(r"第\s*%d\s*页\s*共\s*%d\s*页" % (i, n), p), "page %d: foot says 第 %d 页 共 %d 页" % (i, i, n))

    # contents: "N. title ....... page" then project names
    toc = pages[0]
    ok(squash(data["budget"]["department"]["name"]) in squash(toc), "cover: the department's name")
    start = {}
    for i, t in enumerate(data["tables"]):
        m = re.search(r"%d\.\s*%s\s*[.…·\s]*?(\d+)\s*$" % (i + 1, re.escape(t["title"])), toc, re.M)
        if ok(m, "contents: %s with its page" % t["title"]):
            start[t["id"]] = int(m.group(1))
    # the contents run on until the first table's page; projects in order
    toc = "\n".join(pages[:max(1, min(start.values(), default=2) - 1)])
    proj_page = []
    pos = toc.find(data["tables"][-1]["title"])
    for p in data["projects"]:
        m = re.compile(r"^\s*%s\s*[.…·\s]*?(\d+)\s*$" % re.escape(p["name"]), re.M).search(toc, max(pos, 0))
        ok(m, "contents: project %s with its page" % p["name"])
        proj_page.append(int(m.group(1)) if m else 0)
        if m:
            pos = m.end()
    ids = [t["id"] for t in data["tables"]]
    for i, t in enumerate(data["tables"]):
        if t["id"] not in start:
            continue
        first = start[t["id"]]
        nxt = [start[x] for x in ids[i + 1:] if x in start]
        last = (nxt[0] - 1) if nxt else n
        if not ok(1 < first <= last <= n, "%s: pages %d-%d" % (t["title"], first, last)):
            continue
        text = "\n".join(pages[first - 1:last])
        ok(t["title"] in pages[first - 1], "%s: its title on page %d" % (t["title"], first))
        wide = len(t["columns"]) >= 7 or t["id"].endswith("performance")
        for pg in range(first, last + 1):
            w, h = (float(x) for x in sizes[pg - 1])
            ok(abs(min(w, h) - 595.276) < 1 and abs(max(w, h) - 841.89) < 1, "page %d: A4" % pg)
            ok((w > h) == wide, "%s: page %d is %s" % (t["title"], pg, "landscape" if wide else "portrait"))
        ok(("单位：" + t["unit"]) in text, "%s: the unit line" % t["title"])
        if t["note"]:
            ok(squash("(备注：%s)" % t["note"]) in squash(text), "%s: the note" % t["title"])
        keys = [c["key"] for c in t["columns"]]
        flat = squash(text)
        amounts_flat = flat
        flat = squash("".join(raw[first - 1:last]))
        # every amount in row order (amounts never wrap), every text present
        amounts = [printed(r[k], decimals) for r in t["rows"] for k in keys
                   if isinstance(r[k], Decimal) and r[k].as_tuple().exponent == -decimals and k != "weight"]
        if t["id"] != "project-performance":
            in_order(amounts_flat, amounts, t["title"] + " amounts")
        for r in t["rows"]:
            for k in keys:
                v = printed(r[k], decimals)
                if v and k not in ("code", "name") or (v and t["id"] != "project-performance"):
                    ok(squash(v) in flat, "%s: %r (%s) not printed" % (t["title"], v, k))
        if t.get("fields"):
            for k, v in t["fields"].items():
                v = printed(v, decimals)
                if v:
                    ok(squash(v) in flat, "%s: field %s %r not printed" % (t["title"], k, v))
        for c in t["columns"]:
            if t["id"] == "project-performance" and c["key"] in ("code", "name"):
                continue  # the forms print them as 项目名称 "code-name"
            ok(squash(c["title"]) in flat, "%s: column title %r" % (t["title"], c["title"]))

    # each project on its pages: its fields and indicators
    pages_flat = [squash(p) for p in raw]
    for k, p in enumerate(data["projects"]):
        pg = proj_page[k]
        if not pg:
            continue
        end = proj_page[k + 1] if k + 1 < len(proj_page) else n
        text = "".join(pages_flat[pg - 1:end])
        ok(squash(p["code"] + "-" + p["name"]) in text, "project %s: code-name on page %d" % (p["code"], pg))
        items = []
        for key in ("owner", "execution-weight", "category", "amount", "local", "superior", "summary", "basis",
                    "goal"):
            v = printed(p[key], decimals)
            if v:
                items.append(squash(v))
        rows = [r for r in data["tables"][-1]["rows"] if r["code"] == p["code"]]
        for r in rows:
            for key in ("level-3", "weight", "value"):
                v = printed(r[key], decimals)
                if v:
                    items.append(squash(v))
        in_order(text[text.find(squash(p["code"] + "-" + p["name"])):], items, "project %s" % p["code"])

    finish(pdf.rsplit("/", 1)[-1], " (%d pages)" % n)


main()
