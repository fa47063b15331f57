#!/usr/bin/env python3
"""tests/shanghai/test_compare.py — compare.py on the four real publications.

The parser is tested against figures read by hand from the PDFs (page and cell in the
comments), then the comparison against JSON documents in the shape of docs/en/reference.md
(Outputs) built here: equal ones match completely, and each kind of difference is reported.
Run: python3 tests/shanghai/test_compare.py (from the repository root or anywhere)."""
import copy
import io
import os
import sys
import unittest
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402

EX = os.path.join(HERE, "..", "..", "examples")


def load(name):
    with open(os.path.join(EX, name, "published.txt"), encoding="utf-8") as f:
        return compare.parse_publication(f.read())


def by_num(tables):
    return {t.num: t for t in tables}


def cells(entry):
    return [None if c is None else c.text for c in entry.cells]


def row(table, key):
    return next(e for e in table.entries if e.key == key)


def to_json(tables):
    """A bdlc-like JSON document holding exactly what was published (blank → null)."""
    out = []
    for t in tables:
        if t.num in (1, 4):
            left = [e for e in t.entries if len(e.cells) == 1]
            right = [e for e in t.entries if e not in left]
            n = t.columns - 1
            cols = [{"key": "income-item", "title": "项目", "group": "本年收入"},
                    {"key": "income", "title": "预算数", "group": "本年收入"},
                    {"key": "item", "title": "项目", "group": "本年支出"}] + \
                   [{"key": f"e{i}", "title": f"e{i}", "group": "本年支出"} for i in range(n)]
            rows = []
            for i in range(max(len(left), len(right))):
                r = {}
                if i < len(left):
                    r["income-item"] = left[i].label
                    r["income"] = val(left[i].cells[0])
                if i < len(right):
                    r["item"] = right[i].label
                    for k, c in enumerate(right[i].cells):
                        r[f"e{k}"] = val(c)
                rows.append(r)
        else:
            cols = [{"key": "code", "title": "科目编码", "group": None},
                    {"key": "name", "title": "科目名称", "group": None}] + \
                   [{"key": f"c{i}", "title": f"c{i}", "group": None} for i in range(t.columns)]
            rows = [{"code": t.empty_row, "name": None}] if t.empty_row else []
            for e in t.entries:
                r = {"code": e.code, "name": e.label}
                for k in range(t.columns):
                    r[f"c{k}"] = val(e.cells[k]) if k < len(e.cells) else None
                rows.append(r)
        out.append({"id": f"t{t.num}", "number": t.num, "title": t.title, "unit": t.unit,
                    "columns": cols, "rows": rows,
                    "note": t.note[2:] if t.note else None})
    return {"bdl": 1, "tables": out}


def doc_with_row(tables, num, text):
    """to_json with a text-only row put first in table num."""
    doc = to_json(tables)
    next(t for t in doc["tables"] if t["number"] == num)["rows"].insert(0, {"code": text, "name": None})
    return doc


def val(cell):
    return None if cell is None else cell.value


class Parse(unittest.TestCase):
    def test_nine_tables_each(self):
        for name in ("shanghai-sifaju-2026", "shanghai-sifaju-2026-benbu",
                     "shanghai-wanli-2023", "shanghai-wanli-2024"):
            self.assertEqual([t.num for t in load(name)], list(range(1, 10)), name)

    def test_amount_counts(self):
        # (rows, amounts) per table; function tables: 22 rows (21 codes + 合计) in 司法局,
        # 67 in 万里街道; table 8: 29 codes + 合计 / 30 + 合计 / 31 + 合计
        got = {t.num: (len(t.entries), sum(len(e.cells) for e in t.entries))
               for t in load("shanghai-sifaju-2026")}
        self.assertEqual(got, {1: (13, 13), 2: (22, 110), 3: (22, 66), 4: (9, 24), 5: (22, 66),
                               6: (1, 3), 7: (1, 3), 8: (30, 90), 9: (1, 7)})
        got = {t.num: len(t.entries) for t in load("shanghai-wanli-2024")}
        self.assertEqual(got, {1: 18, 2: 67, 3: 67, 4: 14, 5: 67, 6: 1, 7: 1, 8: 32, 9: 1})

    def test_totals_read_by_hand(self):
        t = by_num(load("shanghai-sifaju-2026"))
        # p13, table 3, 合计 row
        self.assertEqual(cells(row(t[3], "合计")), ["96282213.44", "25741666.44", "70540547.00"])
        # p16 (continuation page after the repeated header), table 5, 2210203 购房补贴
        self.assertEqual(cells(row(t[5], "2210203")), ["2433600.00", "2433600.00", "0.00"])
        # p20, table 8 合计
        self.assertEqual(cells(row(t[8], "合计")), ["25741666.44", "23563342.00", "2178324.44"])
        # p21, table 9
        self.assertEqual(cells(t[9].entries[0]), ["10.81", "0", "0.83", "9.98", "0", "9.98", "217.83"])
        self.assertEqual(t[9].unit, "万元")
        self.assertEqual(t[3].unit, "元")
        # p14, table 4: 支出总计 with blank fund and capital columns
        self.assertEqual(cells(row(t[4], "支出总计")), ["96,282,213.44", "96,282,213.44", None, None])
        self.assertTrue(t[6].note.endswith("故本表为空表。"))

    def test_blank_cells_placed_by_column(self):
        t = by_num(load("shanghai-wanli-2023"))
        # p26, table 8: no row of the page is full; 302 is 公用经费 only, 301 人员经费 only
        self.assertEqual(cells(row(t[8], "302")), ["15,381,432", None, "15,381,432"])
        self.assertEqual(cells(row(t[8], "301")), ["83,847,385", "83,847,385", None])
        # p27: placed by the 合计 row of the page
        self.assertEqual(cells(row(t[8], "30206")), ["710,000", None, "710,000"])
        self.assertEqual(cells(row(t[8], "30302")), ["177,480", "177,480", None])
        # p11, table 2: only 合计 and 财政拨款收入 printed, three blank columns
        self.assertEqual(cells(row(t[2], "201")), ["2,976,800", "2,976,800", None, None, None])
        # p10, table 1: an income kind printed without amount, beside an expenditure row
        self.assertEqual(cells(row(t[1], "2.政府性基金")), [None])
        self.assertEqual(cells(row(t[1], "三、科学技术支出")), ["100,000"])

    def test_wrapped_names(self):
        t = by_num(load("shanghai-wanli-2023"))
        # p12: 机关事业单位基本养老保险缴费支 / 出
        self.assertEqual(row(t[2], "2080505").label, "机关事业单位基本养老保险缴费支出")
        # p19, table 4: 四、文化旅游体育与传媒 / (amounts) / 支出
        e = row(t[4], "四、文化旅游体育与传媒支出")
        self.assertEqual(cells(e), ["200,000", "200,000", None, None])

    def test_codes_printed_short(self):
        # p29 (2024), table 8: `301   2     津贴补贴` is 30102
        t = by_num(load("shanghai-wanli-2024"))
        self.assertEqual(row(t[8], "30102").label, "津贴补贴")
        self.assertEqual(row(t[8], "30107").label, "绩效工资")
        self.assertEqual(t[9].title, "部门“三公”经费和机关运行经费预算表")
        self.assertIsNotNone(t[9].note)

    def test_unit_table_1_four_columns(self):
        t = by_num(load("shanghai-sifaju-2026-benbu"))
        self.assertEqual(cells(row(t[1], "一、公共安全支出")),
                         ["79,189,400.34", "12,604,173", "1,744,680", "64,840,547"])
        self.assertEqual(t[1].title, "2026年预算单位财务收支预算总表")


class ProjectPages(unittest.TestCase):
    def pages(self, name):
        with open(os.path.join(EX, name, "published.txt"), encoding="utf-8") as f:
            return compare.parse_project_pages(f.read())

    def test_wanli_2023(self):
        pages = self.pages("shanghai-wanli-2023")
        self.assertEqual([p.kind for p in pages], ["notes"] + ["form"] * 5)
        notes, form = pages[0], pages[1]
        # p30: seven sections, 五、实施周期 as printed
        self.assertEqual(len(notes.headings), 7)
        self.assertEqual(notes.fields["period"], "第一季度 审价；第二季度 审价；第三季度 审计；第四季度 审计。")
        # p31: the form's head and its five indicators
        self.assertEqual(form.fields["name"], "新建万里街道社区公共服务中心")
        self.assertEqual((form.fields["project-nature"], form.fields["category"]), ("阶段性项目", "特定目标类"))
        self.assertEqual(form.amount.text, "4,100,000.00")
        self.assertEqual(form.indicators[0], ["规划建筑面积", "≥13459.00(平方米)"])
        self.assertEqual(len(form.indicators), 5)
        # p34: a 三级指标 printed on two lines around its value
        wrapped = [i for i in pages[4].indicators if i[1] == "提升" and "节能环保" in i[0]]
        self.assertEqual(len(wrapped), 1)
        self.assertTrue(wrapped[0][0].endswith("优化营商环境 \""), wrapped[0][0])

    def test_sifaju_named_notes(self):
        pages = self.pages("shanghai-sifaju-2026")
        self.assertEqual(len(pages), 1)
        self.assertEqual(pages[0].fields["name"], "人民调解")
        self.assertEqual(pages[0].headings["summary"], "一、项目概述")
        self.assertEqual(pages[0].fields["schedule"], "795万元")
        self.assertEqual(self.pages("shanghai-sifaju-2026-benbu"), [])


class Sums(unittest.TestCase):
    def report(self, name):
        out = io.StringIO()
        tables = load(name)
        n = compare.sums(tables, out) + compare.across(tables, out)
        return n, out.getvalue()

    def test_sifaju_department(self):
        n, text = self.report("shanghai-sifaju-2026")
        self.assertEqual(n, 1)
        self.assertIn("10.81", text)
        self.assertIn("10.80", text)

    def test_sifaju_unit(self):
        n, text = self.report("shanghai-sifaju-2026-benbu")
        self.assertIn("2040601 行政运行: 合计 14,348,853.34", text)      # FAULTS A1, A2
        self.assertIn("printed 22,118,861, sum of 类 rows 22118861.34", text)  # A3
        self.assertIn("人员经费 20,374,181 ≠ table 8 合计 人员经费 20,272,981.00", text)  # A4

    def test_wanli(self):
        n, text = self.report("shanghai-wanli-2023")
        self.assertEqual(n, 1)  # 机关运行经费 against all six agencies' 公用经费: not derivable
        self.assertIn("786.09", text)


class Compare(unittest.TestCase):
    def run_compare(self, tables, doc):
        out = io.StringIO()
        return compare.compare(tables, doc, out), out.getvalue()

    def test_identical(self):
        for name in ("shanghai-sifaju-2026", "shanghai-sifaju-2026-benbu",
                     "shanghai-wanli-2023", "shanghai-wanli-2024"):
            tables = load(name)
            n, text = self.run_compare(tables, to_json(tables))
            self.assertEqual(n, 0, text)
            total = sum(len(e.cells) for t in tables for e in t.entries)
            self.assertIn(f"all tables: {total}/{total} amounts matched", text)

    def test_a_changed_amount(self):
        tables = load("shanghai-sifaju-2026")
        doc = to_json(tables)
        t3 = next(t for t in doc["tables"] if t["number"] == 3)
        r = next(r for r in t3["rows"] if r["code"] == "2040604")
        r["c0"] = D("21703948.00")
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 1)
        self.assertIn("2040604 基层司法业务 column 1: published 21703947.00, output 21703948.00", text)
        self.assertIn("65/66 amounts", text)

    def test_precision_and_zero(self):
        tables = load("shanghai-sifaju-2026")
        doc = to_json(tables)
        t9 = next(t for t in doc["tables"] if t["number"] == 9)
        # exact 万元 values round to what is printed: 0.8265 → 0.83, 9.975 → 9.98
        t9["rows"][0]["c2"] = D("0.8265")
        t9["rows"][0]["c3"] = D("9.975")
        t9["rows"][0]["c1"] = None  # a blank for the printed 0
        self.assertEqual(self.run_compare(tables, doc)[0], 0)
        t9["rows"][0]["c0"] = D("10.8015")  # rounds to 10.80, printed 10.81
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 1)
        self.assertIn("published 10.81", text)

    def test_one_row_without_labels(self):
        # bdlc's three-public table: one row of amounts only (keys, no text cells)
        tables = load("shanghai-sifaju-2026")
        doc = to_json(tables)
        t9 = next(t for t in doc["tables"] if t["number"] == 9)
        keys = ["total", "overseas", "reception", "vehicle", "vehicle-purchase", "vehicle-operation",
                "operating-costs"]
        t9["columns"] = [{"key": k, "title": k, "group": None} for k in keys]
        t9["rows"] = [dict(zip(keys, [D("10.81"), None, D("0.83"), D("9.98"), None, D("9.98"), D("217.83")]))]
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 0, text)
        self.assertIn("7/7 amounts, 1/1 labels", text)

    def test_labels_titles_notes(self):
        tables = load("shanghai-sifaju-2026")
        doc = to_json(tables)
        t8 = next(t for t in doc["tables"] if t["number"] == 8)
        r = next(r for r in t8["rows"] if r["code"] == "30213")
        r["name"] = "维修（护）费"  # bracket width folds: still equal
        self.assertEqual(self.run_compare(tables, doc)[0], 0)
        bad = copy.deepcopy(doc)
        next(t for t in bad["tables"] if t["number"] == 8)["title"] = "2026年部门基本支出表"
        next(t for t in bad["tables"] if t["number"] == 6)["note"] = "本部门无政府性基金。"
        r = next(r for r in next(t for t in bad["tables"] if t["number"] == 2)["rows"]
                 if r["code"] == "2040699")
        r["name"] = "其他司法"
        n, text = self.run_compare(tables, bad)
        self.assertEqual(n, 3, text)
        self.assertIn("title: published '2026年部门一般公共预算基本支出部门预算经济分类预算表'", text)
        self.assertIn("label published '其他司法支出', output '其他司法'", text)
        self.assertIn("note: published", text)

    def test_missing_table_and_row(self):
        tables = load("shanghai-wanli-2023")
        doc = to_json(tables)
        doc["tables"] = [t for t in doc["tables"] if t["number"] != 7]
        t5 = next(t for t in doc["tables"] if t["number"] == 5)
        t5["rows"] = [r for r in t5["rows"] if r["code"] != "2120104"]
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 2)
        self.assertIn("table 7 2023年部门国有资本经营预算支出功能分类预算表: not in the output (0/3)", text)
        self.assertIn("2120104 城管执法: no such row in the output", text)

    def test_empty_row(self):
        # tables 6 and 7 print 无 under the header in the 2026 documents (司法局 p17, p18; 本部
        # p16, p17), nothing in 2023–24 (万里 2023 p24, p25)
        for name, want in (("shanghai-sifaju-2026", "无"), ("shanghai-sifaju-2026-benbu", "无"),
                           ("shanghai-wanli-2023", None), ("shanghai-wanli-2024", None)):
            t = by_num(load(name))
            self.assertEqual((t[6].empty_row, t[7].empty_row), (want, want), name)
        tables = load("shanghai-sifaju-2026")
        doc = to_json(tables)
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 0, text)
        self.assertIn("table 6 2026年部门政府性基金预算支出功能分类预算表: 3/3 amounts, 2/2 labels", text)
        t6 = next(t for t in doc["tables"] if t["number"] == 6)
        t6["rows"] = t6["rows"][1:]
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 1, text)
        self.assertIn("empty row: published '无', output None", text)
        tables = load("shanghai-wanli-2023")
        self.assertEqual(self.run_compare(tables, doc_with_row(tables, 6, "无"))[0], 1)

    def test_documented_faults(self):
        # 本部 2026: FAULTS.md lists 2040601's 项目支出 in tables 3 and 5 (A1, A2) and table 1's
        # split of 204 and 支出总计 (A4); an output with the correct figures there differs from
        # the publication only in documented faults
        tables = load("shanghai-sifaju-2026-benbu")
        with open(os.path.join(EX, "shanghai-sifaju-2026-benbu", "FAULTS.md"), encoding="utf-8") as f:
            faults = compare.read_faults(f.read())
        self.assertEqual(len(faults), 6)
        self.assertEqual(faults[(3, "2040601", 3)][2], "A1")
        doc = to_json(tables)
        for num in (3, 5):
            t = next(t for t in doc["tables"] if t["number"] == num)
            next(r for r in t["rows"] if r["code"] == "2040601")["c2"] = D("0.00")
        t1 = next(t for t in doc["tables"] if t["number"] == 1)
        for r in t1["rows"]:
            if r.get("item") in ("一、公共安全支出", "支出总计"):
                r["e1"], r["e2"] = (D("12502973.00"), D("1845880.34")) if r["item"] != "支出总计" \
                    else (D("20272981.00"), D("1845880.34"))
        n, text = self.run_compare(tables, doc)
        self.assertEqual(n, 6, text)  # without the list: six differences
        out = io.StringIO()
        self.assertEqual(compare.compare(tables, doc, out, faults=faults), 0, out.getvalue())
        self.assertIn("6, so 397/397 amounts accounted for", out.getvalue())
        # a cell that is neither printed nor correct stays a difference
        next(r for r in next(t for t in doc["tables"] if t["number"] == 3)["rows"]
             if r["code"] == "2040601")["c2"] = D("1.00")
        self.assertEqual(compare.compare(tables, doc, io.StringIO(), faults=faults), 1)

    def test_matched_by_title_without_number(self):
        tables = load("shanghai-wanli-2024")
        doc = to_json(tables)
        for t in doc["tables"]:
            del t["number"]
        self.assertEqual(self.run_compare(tables, doc)[0], 0)


if __name__ == "__main__":
    unittest.main(verbosity=1)
