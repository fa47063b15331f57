#!/usr/bin/env python3
"""Check the DOM that Chromium rendered from `bdlc compile -f html`.

    dom_check.py DOM.html COMPILED.json [REFERENCE.txt]

DOM.html is `chromium --dump-dom` of the page: what a browser made of it.
Every table of the compiled JSON must be there, in order, with its title,
"单位：万元", its note when empty, every row and every amount (with grouping
commas, blanks blank); the column headers of each table must be those of
the reference document, row for row (when it is given); the performance
tables must show every field and indicator, one block per project; the
contents list must link to every table and project.  Texts are compared as
the browser parsed them, so a name holding <script>, quotes or & must come
back exactly as written, and the page must hold no <script> element.
"""
import sys
from html.parser import HTMLParser

import reference as ref


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids, self.text = tag, dict(attrs), parent, [], []

    def all(self, tag):
        for k in self.kids:
            if k.tag == tag:
                yield k
            yield from k.all(tag)

    def content(self):
        parts = list(self.text)
        for k in self.kids:
            parts.append(k.content() if k.tag != "br" else "\n")
        return "".join(p for p in parts)

    def cls(self):
        return self.attrs.get("class", "").split()


VOID = {"br", "meta", "col", "img", "hr", "input", "link"}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        # text goes in order with the children: keep it as a pseudo child
        t = Node("#text", [], self.cur)
        t.text = [data]
        self.cur.kids.append(t)


def text(node):
    return node.content().strip()


def grid(table, section):
    """Rows of a <thead>/<tbody> as lists of cell texts, colspans expanded."""
    out = []
    part = next(table.all(section), None)
    if part is None:
        return out
    for tr in part.all("tr"):
        row = []
        for cell in tr.kids:
            if cell.tag in ("td", "th"):
                row.append(text(cell))
                row.extend([""] * (int(cell.attrs.get("colspan", "1")) - 1))
        out.append(row)
    return out


failures = []
checked = {"tables": 0, "cells": 0, "amounts": 0, "headers": 0, "indicators": 0}


def expect(what, want, got):
    if want == got:
        return
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got)):
            if w != g:
                failures.append("%s, row %d:\n  expected %r\n  rendered %r" % (what, i + 1, w, g))
        return
    failures.append("%s:\n  expected %r\n  rendered %r" % (what, want, got))


def section_of(root, sid):
    for s in root.all("section"):
        if s.attrs.get("id") == sid:
            return s
    return None


def reference_headers(seg, n):
    """The reference's header lines: non-empty cells, print-wrap spaces removed."""
    return [[c.replace(" ", "").strip() for c in row if c.strip()] for row in ref.tab_rows(seg)[:n]]


def check_grid(sec, table, raw, seg, nheader):
    tid = table["id"]
    t = next(sec.all("table"), None)
    if t is None:
        failures.append("%s: no <table>" % tid)
        return
    head = [[c for c in row if c] for row in grid(t, "thead")]
    if seg is not None:
        expect(tid + " column headers (as in the reference)", reference_headers(seg, nheader), head)
    checked["headers"] += sum(len(r) for r in head)
    body = [ref.trim(ref.label_first(ref.trim(r))) for r in grid(t, "tbody")]
    want = [ref.trim(ref.label_first(ref.trim(r))) for r in ref.compiled_rows(table, raw["rows"])]
    expect(tid + " rows", want, body)
    checked["cells"] += sum(len(r) for r in body)
    checked["amounts"] += sum(1 for r in want for c in r if ref.AMOUNT.match(c))
    note = [text(p) for p in sec.all("p") if "note" in p.cls()]
    expect(tid + " note", ["(备注：%s)" % table["note"]] if table["note"] else [], note)


def check_form(where, t, fields, inds, seg):
    rows = grid(t, "tbody")
    flat = {}
    for r in rows:  # a label cell is followed by its value cell (then its colspan)
        for i, c in enumerate(r[:-1]):
            if c in ref.LABELS and c not in flat:
                flat[c] = r[i + 1]
    for label, value in fields:  # cell texts are compared stripped, like every cell
        expect("%s %s" % (where, label), value.strip(), flat.get(label, "<missing>"))
    k = next((i for i, r in enumerate(rows) if "一级指标" in r), None)
    if k is None:
        failures.append(where + ": no indicator grid")
        return
    if seg is not None:
        want_head = next((h for h in reference_headers(seg, 99) if "一级指标" in h), None)
        expect(where + " indicator header (as in the reference)", want_head, [c for c in rows[k] if c])
    got = [r[-8:] for r in rows[k + 1:]]
    expect(where + " indicators", inds, got)
    checked["indicators"] += len(got)


def amount(raw):
    return "" if raw is None else ref.amount_text(raw)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: dom_check.py DOM.html COMPILED.json [REFERENCE.txt]")
    dom_path, json_path = sys.argv[1:3]
    tree = Tree()
    tree.feed(open(dom_path, encoding="utf-8").read())
    root = tree.root
    doc, raw = ref.load_compiled(json_path)
    ref_seg, proj_segs = {}, [None] * len(doc["projects"])
    if len(sys.argv) == 4:
        segs = ref.segments(open(sys.argv[3], encoding="utf-8").read().split("\n"))
        ref_seg = {tid: seg for tid, seg in segs if tid != "project"}
        proj_segs = [seg for tid, seg in segs if tid == "project"]
    nheader = dict((tid, n) for tid, _, n in ref.TITLES)
    if list(root.all("script")):
        failures.append("the page holds a <script> element")

    expect("page heading", doc["budget"]["department"]["name"], text(next(root.all("h1"))))
    ids = [s.attrs.get("id") for s in root.all("section")]
    expect("sections in the order of spec §8", [t["id"] for t in doc["tables"]], ids)
    links = [a.attrs.get("href") for a in next(root.all("nav")).all("a")]
    want_links = ["#" + t["id"] for t in doc["tables"]]
    want_links[-1:] = [want_links[-1]] + ["#p-" + p["code"] for p in doc["projects"]]
    expect("contents list", want_links, links)
    anchors = {n.attrs["id"] for n in root.all("section")} | {n.attrs["id"] for n in root.all("div") if "id" in n.attrs}
    for l in links:
        if l[1:] not in anchors:
            failures.append("contents link %s leads nowhere" % l)

    for table, rt in zip(doc["tables"], raw["tables"]):
        tid = table["id"]
        sec = section_of(root, tid)
        if sec is None:
            failures.append("no section %s" % tid)
            continue
        checked["tables"] += 1
        expect(tid + " title", table["title"], text(next(sec.all("h2"))))
        units = [text(s) for s in sec.all("span") if "unit" in s.cls()]
        if not units or any(u != "单位：" + doc["budget"]["unit"] for u in units):
            failures.append("%s: 单位 line missing or wrong: %r" % (tid, units))
        if tid == "department-performance":
            f, rf = table["fields"], rt["fields"]
            fields = [("部门(单位)名称", f["department"]), ("部门支出预算数", amount(rf["expenditure"])),
                      ("当年整体绩效目标", f["goal"] or "")]
            inds = [ref.indicator_cells(r) for r in table["rows"]]
            check_form(tid, next(sec.all("table")), fields, inds, ref_seg.get(tid))
        elif tid == "project-performance":
            blocks = [d for d in sec.all("div") if "project" in d.cls()]
            expect("one block per project", len(doc["projects"]), len(blocks))
            for p, rp, block, seg in zip(doc["projects"], raw["projects"], blocks, proj_segs):
                where = "project " + p["code"]
                expect(where + " heading", doc["budget"]["year"] + "年项目支出绩效目标表", text(next(block.all("h3"))))
                agency = [text(s) for s in block.all("span") if "unit" not in s.cls()]
                expect(where + " 编制单位", ["编制单位：%s-%s" % (p["agency"], p["agency-name"])], agency)
                u = doc["budget"]["unit"]
                fields = [("项目名称", "%s-%s" % (p["code"], p["name"])), ("业务主管部门", p["owner"]),
                          ("预算执行率权重", ref.text_of(p["execution-weight"])), ("项目分类", p["category"] or ""),
                          ("当年预算（%s）" % u, amount(rp["amount"])), ("本级安排（%s）" % u, amount(rp["local"])),
                          ("上级补助（%s）" % u, amount(rp["superior"])), ("项目概述", p["summary"] or ""),
                          ("立项依据", p["basis"] or ""), ("当年绩效目标", p["goal"] or "")]
                inds = [ref.indicator_cells(r) for r in table["rows"] if r["code"] == p["code"]]
                check_form(where, next(block.all("table")), fields, inds, seg)
                checked["amounts"] += sum(1 for k in ("amount", "local", "superior") if rp[k] is not None)
        else:
            check_grid(sec, table, rt, ref_seg.get(tid), nheader[tid])
    ref.report(failures, "DOM MISMATCH", "rendered DOM: %(tables)d tables, %(headers)d header cells, %(cells)d cells, "
               "%(amounts)d amounts, %(indicators)d indicator rows checked" % checked)


if __name__ == "__main__":
    main()
