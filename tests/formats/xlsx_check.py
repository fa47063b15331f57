#!/usr/bin/python3
"""tests/formats/xlsx_check.py BUDGET.xlsx BUDGET.json [CSV_DIR]

Reads a workbook written by `bdlc compile -f xlsx` with openpyxl (an
independent reader) and asserts it holds what `bdlc compile -f json` says:
one sheet per table in order, named as the table; the title and unit
lines; every column title in the header, under its group; every cell of
every row with its type (a number stays a number, in the table's number
format; a blank stays empty; a text is a string, never a formula); 合计
rows bold; merged ranges, frozen panes, repeated rows, A4 print setup,
column widths from display width.  The performance sheets are forms: the
fields and indicator cells must appear in reading order.

With CSV_DIR (LibreOffice's CSV of each sheet, as displayed: STEM-SHEET.csv), each grid
row must read as the JSON values formatted with grouping and decimals.

Prints one "ok - ..." / "FAIL - ..." line per check; exit 1 on a failure.
"""
import csv
import os
import sys
import unicodedata
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

from readback import finish, load_budget, ok


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def fmt_amount(d, decimals):
    q = Decimal(1).scaleb(-decimals)
    return "{:,.{}f}".format(d.quantize(q), decimals)


def merged_at(ws, row, col):
    for r in ws.merged_cells.ranges:
        if r.min_row <= row <= r.max_row and r.min_col <= col <= r.max_col:
            return r
    return None


def expect_cell(ws, row, col, val, decimals, key, where):
    c = ws.cell(row=row, column=col)
    if val is None:
        return ok(c.value is None, "%s: blank expected, got %r" % (where, c.value))
    if isinstance(val, bool):
        return ok(c.data_type == "s" and c.value == ("是" if val else "否"), "%s: %r for %r" % (where, c.value, val))
    if isinstance(val, Decimal):
        if not ok(c.data_type == "n" and isinstance(c.value, (int, float)),
                  "%s: a number expected, got %r (%s)" % (where, c.value, c.data_type)):
            return False
        ok(Decimal(repr(c.value)) == val, "%s: %r != %s" % (where, c.value, val))
        is_amount = key not in ("weight", "execution-weight") and val.as_tuple().exponent == -decimals
        want = ("#,##0." + "0" * decimals if decimals else "#,##0") if is_amount else "General"
        return ok(c.number_format == want, "%s: number format %r, want %r" % (where, c.number_format, want))
    return ok(c.data_type == "s" and c.value == val, "%s: %r != %r (%s)" % (where, c.value, val, c.data_type))


def is_total(row):
    return any(isinstance(v, str) and ("合计" in v or v in ("总计",)) for v in row.values())


def grid_sheet(ws, t, decimals, csvrows):
    name = t["title"]
    cols = t["columns"]
    n = len(cols)
    last = get_column_letter(n)
    ok(ws["A1"].value == t["title"], name + ": title in A1")
    ok("A1:%s1" % last in [str(r) for r in ws.merged_cells.ranges], name + ": title merged over the table")
    ok(ws.cell(row=1, column=1).font.b, name + ": title bold")
    unit = "单位：" + t["unit"]
    ok(any(ws.cell(row=2, column=k).value == unit for k in range(1, n + 1)), name + ": unit line " + unit)
    fp = ws.freeze_panes
    if not ok(fp is not None and fp.startswith("A"), name + ": frozen header rows"):
        return
    first = int(fp[1:])
    ok(ws.print_title_rows == "$3:$%d" % (first - 1), name + ": header rows repeat on printed pages (%s)"
       % ws.print_title_rows)
    # header: each column's title in its column, its group above it
    for k, c in enumerate(cols, 1):
        found = None
        for r in range(3, first):
            if ws.cell(row=r, column=k).value == c["title"]:
                found = r
        if not ok(found, "%s: column %s title %r in the header" % (name, c["key"], c["title"])):
            continue
        if found < first - 1:
            m = merged_at(ws, found, k)
            ok(m and m.max_row == first - 1 and m.min_col == m.max_col == k,
               "%s: %r spans the header rows below it" % (name, c["title"]))
        if c["group"]:
            above = [merged_at(ws, r, k) for r in range(3, found)]
            ok(any(ws.cell(row=m.min_row, column=m.min_col).value == c["group"] for m in above if m) or
               any(ws.cell(row=r, column=k).value == c["group"] for r in range(3, found)),
               "%s: group %r above %r" % (name, c["group"], c["title"]))
    # rows
    for i, row in enumerate(t["rows"]):
        r = first + i
        bold = is_total(row)
        for k, c in enumerate(cols, 1):
            val = row[c["key"]]
            where = "%s!%s%d" % (name, get_column_letter(k), r)
            m = merged_at(ws, r, k)
            if m and (m.min_col, m.min_row) != (k, r):
                ok(val is None or (k == 2 and row[cols[0]["key"]] is None),
                   where + ": merged away but holds %r" % (val,))
                continue
            if m and k == 1 and val is None and m.max_col == 2:
                val = row[cols[1]["key"]]  # 合计 over code and name
            expect_cell(ws, r, k, val, decimals, c["key"], where)
            if bold:
                ok(ws.cell(row=r, column=k).font.b, where + ": 合计 row bold")
        if csvrows is not None:
            got = csvrows[r - 1] if r - 1 < len(csvrows) else []
            got = got + [""] * (n - len(got))
            want = []
            for k, c in enumerate(cols):
                v = row[c["key"]]
                if v is None:
                    want.append("")
                elif isinstance(v, bool):
                    want.append("是" if v else "否")
                elif isinstance(v, Decimal) and v.as_tuple().exponent == -decimals:
                    want.append(fmt_amount(v, decimals))
                else:
                    want.append(str(v))
            if k and row[cols[0]["key"]] is None and cols[0]["key"] == "code" and got[0] == want[1]:
                want[0], want[1] = want[1], ""  # 合计 merged over code and name
            ok(got[:n] == want, "%s: LibreOffice row %d reads %r, want %r" % (name, r, got[:n], want))
    end = first + len(t["rows"])
    if t["note"]:
        ok(ws.cell(row=end, column=1).value == "(备注：%s)" % t["note"], name + ": note after the rows")
    ok(ws.max_row == end - 1 + (1 if t["note"] else 0), name + ": nothing below the table (max_row %d)" % ws.max_row)
    # print setup
    ok(ws.page_setup.paperSize in (9, "9"), name + ": A4")
    ok(ws.page_setup.orientation == ("landscape" if n >= 7 else "portrait"), name + ": orientation")
    ok(ws.sheet_properties.pageSetUpPr.fitToPage and str(ws.page_setup.fitToHeight) == "0",
       name + ": fit to one page wide")
    # widths: at least the display width of the longest text in the column
    for k, c in enumerate(cols, 1):
        texts = [c["title"]] + [v if isinstance(v, str) else "" for v in (row[c["key"]] for row in t["rows"])]
        need = min(max(width(s) for s in texts), 60)
        w = ws.column_dimensions[get_column_letter(k)].width
        ok(w >= need, "%s: column %s is %s wide, its text needs %d" % (name, c["key"], w, need))


def sheet_values(ws):
    out = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                out.append(c)
    return out


def subsequence(ws, name, items, decimals):
    """items: (value, key) in reading order; each must be found after the last."""
    cells = sheet_values(ws)
    pos = 0
    for val, key in items:
        if val is None:
            continue
        j = pos
        while j < len(cells):
            c = cells[j]
            if isinstance(val, bool):
                hit = c.value == ("是" if val else "否")
            elif isinstance(val, Decimal):
                hit = c.data_type == "n" and Decimal(repr(c.value)) == val
            else:
                hit = c.data_type == "s" and c.value == val
            if hit:
                break
            j += 1
        if not ok(j < len(cells), "%s: %r (%s) not found in reading order" % (name, val, key)):
            continue
        c = cells[j]
        if isinstance(val, Decimal):
            is_amount = key not in ("weight", "execution-weight") and val.as_tuple().exponent == -decimals
            want = ("#,##0." + "0" * decimals) if is_amount and decimals else ("#,##0" if is_amount else "General")
            ok(c.number_format == want, "%s: %s %r format %r, want %r" % (name, key, val, c.number_format, want))
        pos = j + 1


def indicators(t, rows):
    keys = [c["key"] for c in t["columns"] if c["key"] not in ("code", "name")]
    return [(row[k], k) for row in rows for k in keys]


def perf_sheet(ws, t, decimals):
    f = t["fields"]
    items = [(t["title"], "title")] + [(v, k) for k, v in f.items()] + indicators(t, t["rows"])
    items = [(v, k) if k != "department" else (v, k) for v, k in items]
    cells = [c.value for c in sheet_values(ws)]
    # the department field is printed as "code-name"
    dep = f.get("department")
    if dep is not None and dep not in cells:
        items = [(v, k) for v, k in items if k != "department"]
        ok(any(isinstance(c, str) and c.endswith(dep) for c in cells), t["title"] + ": department name")
    subsequence(ws, t["title"], items, decimals)
    n = len(t["rows"])
    ok(any(ws.cell(row=m.min_row, column=1).value == "绩效指标" and m.max_row - m.min_row == n
           for m in ws.merged_cells.ranges), t["title"] + ": 绩效指标 spans its %d rows" % (n + 1))


def project_sheet(ws, t, projects, decimals):
    items = []
    for p in projects:
        items.append((p["code"] + "-" + p["name"], "code-name"))
        for k in ("owner", "execution-weight", "category", "amount", "local", "superior", "summary", "basis", "goal"):
            items.append((p[k], k))
        rows = [r for r in t["rows"] if r["code"] == p["code"]]
        items += indicators(t, rows)
    subsequence(ws, t["title"], items, decimals)
    ok(len(ws.row_breaks.brk) == min(len(projects) - 1, 1023) if projects else True,
       t["title"] + ": a page break before each project (%d)" % len(ws.row_breaks.brk))


def main():
    xlsx, js = sys.argv[1], sys.argv[2]
    csvdir = sys.argv[3] if len(sys.argv) > 3 else None
    data = load_budget(js)
    decimals = int(data["budget"]["decimals"])
    wb = openpyxl.load_workbook(xlsx)
    tables = data["tables"]
    ok(wb.sheetnames == [t["title"][:31] for t in tables], "sheets named as the tables, in order: %r" % wb.sheetnames)
    for i, t in enumerate(tables):
        if i >= len(wb.worksheets):
            break
        ws = wb.worksheets[i]
        if t["id"] == "department-performance":
            perf_sheet(ws, t, decimals)
        elif t["id"] == "project-performance":
            project_sheet(ws, t, data["projects"], decimals)
        else:
            rows = None
            if csvdir:
                stem = os.path.splitext(os.path.basename(xlsx))[0]
                path = os.path.join(csvdir, "%s-%s.csv" % (stem, wb.sheetnames[i]))
                if ok(os.path.exists(path), "LibreOffice wrote %s" % path):
                    rows = list(csv.reader(open(path, encoding="utf-8")))
            grid_sheet(ws, t, decimals, rows)
    # no formula anywhere: every cell is a value
    formulas = [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    ok(not formulas, "no formula cells (%r)" % formulas[:5])
    props = wb.properties
    ok(props.created is not None and props.creator == "bdlc", "document properties set")
    finish(os.path.basename(xlsx))


main()
