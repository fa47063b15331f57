#!/usr/bin/env python3
"""tests/shanghai/compare.py — compare bdlc's tables with a published Shanghai budget.

    compare.py PUBLISHED.txt BDLC.json [FAULTS.md]
                                           matched/total per table; exit 1 on any difference
                                           that FAULTS.md does not list
    compare.py --tables PUBLISHED.txt BDLC.json
                                           the same, the nine tables alone (no project pages)
    compare.py --dump PUBLISHED.txt        what was read from the publication, per table
    compare.py --sums PUBLISHED.txt        the publication's own arithmetic (parents, totals)

PUBLISHED.txt is the publication as `pdftotext -layout` prints it (pages separated by form
feeds). It is read here on its own, never through bdlc: a separate parser of the nine tables
of the Shanghai layout (部门/单位 variants), so that bdlc's output is checked against what was
printed and not against itself. The parser knows the layout's text shape, not its data:

  - a table starts at its printed title (one of the nine title endings below) and runs to the
    next title or the next narrative section; pages in between are continuation pages whose
    repeated header lines are skipped;
  - function and economic tables: rows of 类 / 款 / 项 code columns, a name, then the amounts;
    a name that wraps to the next line is joined back; a row with fewer amounts than columns
    (blank cells) is placed by the right edges of its numbers against the full rows of the
    same page;
  - the two-sided tables (1 and 4): an income label and amount on the left, an expenditure
    label and amounts on the right, either side may be missing on a line; a right label that
    wraps around its amounts is joined;
  - table 9: one row of seven amounts (三公 合计, 因公出国(境)费, 公务接待费, 公务用车 小计 /
    购置费 / 运行费, 机关运行经费), in the printed column order;
  - the project pages: each 项目经费情况说明 (its sections 一、… 七、) and each 财政项目支出绩效目标
    填报表 (项目名称 … 计划完成日期, 项目资金总额, and the indicators as 三级指标 and 指标值, a
    name that wraps around its value joined), against the JSON tables project-notes and
    project-forms, in order;
  - empty tables (6, 7): their 注 line, and the row printed under the header ("无"), if any,
    compared as a label.

Every table becomes a list of entries (key, label, amounts): the key is the joined code
(`2040601`, `30201`) or, for rows without a code, the label. bdlc's JSON (docs/en/reference.md,
Outputs) is flattened the same way: per row, the text cells in column order (code-like cells
make the key, the others the label) and the numeric cells as the amounts. Tables are matched by
their printed number (JSON `number`) or else by title; rows by key.

Documented faults: FAULTS.md (written by hand from the publication, beside it) may hold a
fenced block ```faults with one line per misprinted cell: `TABLE ROW COLUMN PRINTED CORRECT
ID` (ROW a code or a label without spaces, COLUMN 1-based among the amounts). A published cell
that differs from the output where the line's PRINTED is what was printed and the output is
its CORRECT figure counts as a documented fault, not a difference.

Equality: titles and labels after removing whitespace and folding bracket width (（）→ ());
amounts as values at the published precision (the JSON value rounded half away from zero to
the published number of decimals); a blank published cell equals 0 or null. Exact decimals
throughout (no float).
"""
import json
import re
import sys
import unicodedata
from decimal import Decimal, ROUND_HALF_UP

# The nine tables of the Shanghai layout, by the ending of their printed title. Order matters
# where one ending contains another: the longest endings are tried first.
TITLES = [
    (1, "财务收支预算总表"),
    (4, "财政拨款收支预算总表"),
    (2, "收入预算总表"),
    (3, "支出预算总表"),
    (5, "一般公共预算支出功能分类预算表"),
    (6, "政府性基金预算支出功能分类预算表"),
    (7, "国有资本经营预算支出功能分类预算表"),
    (8, "一般公共预算基本支出部门预算经济分类预算表"),
    (9, "“三公”经费和机关运行经费预算表"),
]
TITLE_RE = re.compile(r"^(\d{4}年)?(部门|预算单位|单位)?(.+表)$")
# Narrative sections after the tables end the last table.
SECTION_RE = re.compile(r"^(其他相关情况说明|.*项目经费情况说明|财政项目支出绩效目标填报表|绩效目标)$")
NUMBER_RE = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# Words of header lines (also on repeated headers after a page break); a text-only line made
# of them is never the wrapped end of a row name.
HEADER_WORDS = {
    "项目", "功能分类科目编码", "功能分类科目名称", "部门预算经济分类科目", "经济分类科目编码",
    "编码", "经济分类科目名称", "部门经济分类科目名称", "类", "款", "项", "类款项", "合计",
    "基本支出", "项目支出", "人员经费", "公用经费", "收入预算", "支出预算", "事业收入",
    "事业单位", "经营收入", "其他收入", "财政拨款收入", "一般公共预算支出", "政府性基金预算支出",
    "国有资本经营预算支出", "国有资本经营财政拨款预算支出", "一般公共预算基本支出", "无",
}
# Header words that title an amount column (not the code or name columns).
COLUMN_WORDS = {"合计", "基本支出", "项目支出", "人员经费", "公用经费", "财政拨款收入", "事业收入",
                "其他收入", "事业单位", "经营收入"}
# Amount columns of the coded tables, as the layout prints them (a row may leave trailing
# cells blank, and a table may have no full row at all).
WIDTH = {2: 5, 3: 3, 5: 3, 6: 3, 7: 3, 8: 3}


def number_of(table_title):
    """The table number (1–9) of a printed title, or None."""
    m = TITLE_RE.match(table_title)
    if not m:
        return None
    for num, ending in TITLES:
        rest = m.group(3)
        if rest.endswith(ending) and len(rest) - len(ending) <= 6:
            # what stands before the ending is at most a year-less variant word
            head = rest[: len(rest) - len(ending)]
            if head in ("", "部门", "单位", "预算单位"):
                return num
    return None


def norm(s):
    """Whitespace removed, full-width brackets and colons folded (labels compare so)."""
    s = unicodedata.normalize("NFKC", s) if s else ""
    s = s.replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", s)


def tokens(line):
    """(start, end, text) of every whitespace-separated token."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line)]


def is_num(tok):
    return bool(NUMBER_RE.match(tok))


def dec(tok):
    return Decimal(tok.replace(",", ""))


class Cell:
    """A published amount: its value and the text as printed (for precision and display)."""

    def __init__(self, text):
        self.text = text
        self.value = dec(text)
        self.places = len(text.split(".")[1]) if "." in text else 0

    def __repr__(self):
        return self.text


class Entry:
    def __init__(self, code, label, page):
        self.code = code
        self.label = label
        self.cells = []  # Cell or None (blank)
        self.page = page

    @property
    def key(self):
        return self.code or norm(self.label)


class Table:
    def __init__(self, num, title, page):
        self.num = num
        self.title = title
        self.page = page
        self.unit = None
        self.columns = 0
        self.entries = []
        self.note = None
        self.empty_row = None


# ---------------------------------------------------------------- the publication


def split_tables(text):
    """Yield (Table, [(page, line), ...]) for each of the nine tables, in document order."""
    cur, lines = None, []
    pages = text.split("\f")
    for pno, page in enumerate(pages, 1):
        for line in page.split("\n"):
            s = line.strip()
            num = number_of(s) if s and "…" not in s and not re.match(r"\d+\s*[.．、]", s) else None
            if num is not None:
                if cur:
                    yield cur, lines
                cur, lines = Table(num, s, pno), []
                continue
            if cur and SECTION_RE.match(s):
                yield cur, lines
                cur, lines = None, []
                continue
            if cur:
                lines.append((pno, line))
    if cur:
        yield cur, lines


def unit_of(line):
    m = re.search(r"单位\s*[:：]\s*(万元|元)", line)
    return m.group(1) if m else None


def place(rows, ncols, header=None):
    """Give each row of a page its cells: full rows as they are; a row with fewer amounts gets
    each amount in the column whose right edge (taken from the full rows of the page) is
    nearest, or, on a page without a full row, whose header word's centre is nearest to the
    amount's centre (amounts are right-aligned, header words centred)."""
    edges = [[] for _ in range(ncols)]
    for _, nums in rows:
        if len(nums) == ncols:
            for i, (_, end, _) in enumerate(nums):
                edges[i].append(end)
    if all(edges):
        mean = [sum(e) / len(e) for e in edges]
        where = lambda st, end: end
    elif header and len(header) == ncols:
        mean = [(st + end) / 2 for st, end, _ in header]
        where = lambda st, end: (st + end) / 2
    else:
        mean = None
    for entry, nums in rows:
        if len(nums) == ncols or mean is None:
            cells = [Cell(t) for _, _, t in nums] + [None] * (ncols - len(nums))
        else:
            cells = [None] * ncols
            for st, end, t in nums:
                i = min(range(ncols), key=lambda c: abs(mean[c] - where(st, end)))
                cells[i] = Cell(t)
        entry.cells = cells


def parse_coded(table, lines):
    """Function tables (2, 3, 5, 6, 7) and the economic table (8)."""
    by_page = {}
    headers = {}  # page -> the tokens of its last header line (column titles)
    last = None
    ncols = 0
    for pno, line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith(("编制部门", "编制单位")):
            table.unit = table.unit or unit_of(s)
            continue
        if s.startswith(("注:", "注：")):
            table.note = s
            continue
        toks = tokens(line)
        nums = []
        while toks and is_num(toks[-1][2]):
            nums.insert(0, toks.pop())
        code = []
        while toks and re.fullmatch(r"\d{1,3}", toks[0][2]) and len(code) < 3 and (code or len(toks[0][2]) == 3):
            code.append(toks.pop(0)[2])
        name = "".join(t for _, _, t in toks)
        if not nums:
            words = [t for _, _, t in tokens(line)]
            cols = [t for t in tokens(line) if t[2] in COLUMN_WORDS]
            if len(cols) >= 3:
                headers[pno] = cols
            if name == "无" and not code and table.num in (6, 7):
                table.empty_row = name  # the row an empty table prints under its header
                continue
            if name == "合计" and not code:
                e = Entry(None, "合计", pno)
                table.entries.append(e)
                by_page.setdefault(pno, []).append((e, []))
                last = None
                continue
            if last is not None and not code and not any(w in HEADER_WORDS for w in words) \
                    and len(name) <= 12 and line[:1] == " ":
                last.label += name  # the wrapped end of the previous row's name
            continue
        e = Entry("".join(c.zfill(2) if i else c for i, c in enumerate(code)) or None, name, pno)
        table.entries.append(e)
        by_page.setdefault(pno, []).append((e, nums))
        ncols = max(ncols, len(nums))
        last = e
    ncols = max(ncols, WIDTH.get(table.num, 0))
    table.columns = ncols
    for pno in sorted(by_page):
        place(by_page[pno], ncols, headers.get(pno))


def groups(line):
    """Tokens of a line grouped: consecutive text tokens less than 3 spaces apart are one label;
    each number is its own group. -> [(start, end, text, is_number)]"""
    out = []
    for st, en, t in tokens(line):
        n = is_num(t)
        if out and not n and not out[-1][3] and st - out[-1][1] < 3:
            out[-1] = (out[-1][0], en, out[-1][2] + " " + t, False)
        else:
            out.append((st, en, t, n))
    return out


def parse_two_sided(table, lines):
    """Tables 1 and 4: income on the left, expenditure on the right."""
    started = False
    pending = None       # a right label printed above its amounts
    after_numbers = None  # the entry of a numbers-only line (its label may continue below)
    left_entries, right_entries = [], []
    right_cols = 0
    for pno, line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith(("编制部门", "编制单位")):
            table.unit = table.unit or unit_of(s)
            continue
        g = groups(line)
        if not any(x[3] for x in g):
            if not started:
                continue
            if g and g[0][0] >= 20 and len(g) == 1:
                if after_numbers is not None:
                    after_numbers.label += g[0][2]
                    after_numbers = None
                else:
                    pending = g[0][2]
                continue
            # a text-only line with a left label (income kind printed without amount), maybe a right one
        started = True
        i = 0
        if g and not g[0][3] and g[0][0] < 20:
            e = Entry(None, g[0][2], pno)
            i = 1
            if i < len(g) and g[i][3]:
                e.cells = [Cell(g[i][2])]
                i += 1
            else:
                e.cells = [None]
            left_entries.append(e)
        rest = g[i:]
        if not rest:
            after_numbers = None
            continue
        if rest[0][3]:
            label = pending or ""
            pending = None
            e = Entry(None, label, pno)
            after_numbers = e
        else:
            e = Entry(None, rest[0][2], pno)
            rest = rest[1:]
            after_numbers = None
        e.cells = [Cell(x[2]) if x[3] else None for x in rest if x[3]]
        right_entries.append(e)
        right_cols = max(right_cols, len(e.cells))
    if table.num == 4:
        right_cols = max(right_cols, 4)  # 合计 and the three fiscal sources
    for e in right_entries:
        e.cells += [None] * (right_cols - len(e.cells))
    # the totals line carries both sides: 收入总计 on the left, 支出总计 on the right
    table.entries = left_entries + right_entries
    table.columns = 1 + right_cols


def parse_three_public(table, lines):
    for pno, line in lines:
        s = line.strip()
        if s.startswith(("编制部门", "编制单位")):
            table.unit = table.unit or unit_of(s)
            continue
        if s.startswith(("注:", "注：")):
            table.note = s
            continue
        toks = tokens(line)
        if toks and all(is_num(t) for _, _, t in toks):
            e = Entry(None, "“三公”经费和机关运行经费", pno)
            e.cells = [Cell(t) for _, _, t in toks]
            table.entries.append(e)
            table.columns = len(e.cells)


def parse_publication(text):
    tables = []
    for table, lines in split_tables(text):
        if table.num in (1, 4):
            parse_two_sided(table, lines)
        elif table.num == 9:
            parse_three_public(table, lines)
        else:
            parse_coded(table, lines)
        tables.append(table)
    return tables


# ---------------------------------------------------------------- the project pages

NOTES_RE = re.compile(r"^(.*)项目经费情况说明$")
FORM_RE = re.compile(r"^财政项目支出绩效目标填报表$")
SECTION_KEYS = {"一": "summary", "二": "basis", "三": "implementer", "四": "plan", "五": "period",
                "六": "schedule", "七": "goal"}
FORM_FIELDS = [  # (key, regex on a line of the form); texts without blanks, as the form prints them
    ("name", r"项目名称\s+(.+?)\s{2,}项目性质"), ("project-nature", r"项目性质\s+(\S+)"),
    ("category", r"项目类别\s+(\S+)"), ("owner", r"主管部门\s+(\S+)"), ("implementer", r"实施单位\s+(\S+)"),
    ("start", r"计划开始日期\s+(\S+)"), ("end", r"计划完成日期\s+(\S+)"),
]


class Page:
    """A project page: the 项目经费情况说明 (sections) or a 绩效目标填报表 (fields, amount,
    indicators as (三级指标, 指标值))."""

    def __init__(self, kind, title, page):
        self.kind, self.title, self.page = kind, title, page
        self.fields = {}
        self.headings = {}
        self.amount = None
        self.indicators = []


def text_groups(line, gap=2):
    """Texts of a line separated by at least `gap` blanks."""
    return [g for g in re.split(r"\s{%d,}" % gap, line.strip()) if g]


def parse_project_pages(text):
    pages, cur, section, in_grid = [], None, None, False
    for pno, page in enumerate(text.split("\f"), 1):
        for line in page.split("\n"):
            s = line.strip()
            if not s or "…" in s:
                continue
            m = NOTES_RE.match(s)
            if m and not re.match(r"^[一二三四五六七八九十]+、", s):
                cur, section, in_grid = Page("notes", s, pno), None, False
                cur.fields["name"] = m.group(1) or None
                pages.append(cur)
                continue
            if FORM_RE.match(s):
                cur, section, in_grid = Page("form", s, pno), None, False
                pages.append(cur)
                continue
            if cur is None:
                continue
            if number_of(s) is not None or SECTION_RE.match(s):
                cur = None
                continue
            if cur.kind == "notes":
                h = re.match(r"^([一二三四五六七])、(.+)$", s)
                if h and h.group(1) in SECTION_KEYS and len(h.group(2)) <= 8:
                    section = SECTION_KEYS[h.group(1)]
                    cur.headings[section] = s
                    cur.fields[section] = ""
                elif section:
                    cur.fields[section] += s
                continue
            for key, rx in FORM_FIELDS:
                f = re.search(rx, line)
                if f and key not in cur.fields:
                    cur.fields[key] = f.group(1)
            a = re.search(r"项目资金总额\s+([\d,]+\.\d+|[\d,]+)", line)
            if a and cur.amount is None:
                cur.amount = Cell(a.group(1))
            if "一级指标" in s and "三级指标" in s:
                in_grid = True
                value_x = line.index("年度") - 12 if "年度" in line else 60
                above, wrapped = None, None
                continue
            if not in_grid:
                continue
            g = text_groups(line)
            start = len(line) - len(line.lstrip())
            if len(g) >= 2:
                cur.indicators.append([g[-2], g[-1]])
                above, wrapped = None, None
            elif start >= value_x:  # a value alone: its 三级指标 wraps around it
                cur.indicators.append([above or "", g[0]])
                above, wrapped = None, cur.indicators[-1]
            elif start > 18:  # a wrapped 三级指标 (level-1/2 words stand further left)
                if wrapped is not None:
                    wrapped[0] += g[0]
                    wrapped = None
                else:
                    above = g[0]
    return pages


def compare_projects(pages, doc, out=sys.stdout, faults=None):
    """The project pages against the JSON tables project-notes and project-forms: each
    published text, field and 指标 in order; prints matched/total; -> the differences.
    A 说明 text listed in FAULTS.md (`说明 KEY N PRINTED CORRECT ID`) is counted apart."""
    jt = {t.get("id"): t for t in json_tables(doc)}
    faults = faults or {}
    problems, documented, matched, total = [], [], 0, 0

    def same(what, pub, got, fault=None):
        nonlocal matched, total
        total += 1
        f = faults.get(fault) if fault else None
        if norm(pub) == norm(got or ""):
            matched += 1
        elif f and f[0] in ("*", pub) and f[1] in ("*", got):
            documented.append(f"{f[2]}: {what}: published {pub!r}, output {got!r}")
        else:
            problems.append(f"{what}: published {pub!r}, output {got!r}")

    notes = [p for p in pages if p.kind == "notes"]
    forms = [p for p in pages if p.kind == "form"]
    t10 = jt.get("project-notes", {"rows": [], "columns": []})
    titles = {c["key"]: c["title"] for c in t10.get("columns", [])}
    rows = t10.get("rows", [])
    if len(rows) != len(notes):
        problems.append(f"项目经费情况说明: {len(notes)} published, {len(rows)} in the output")
    for n, (p, r) in enumerate(zip(notes, rows), 1):
        if p.fields.get("name"):
            same(f"p{p.page} 说明 name", p.fields["name"], r.get("name"))
        for key, heading in p.headings.items():
            same(f"p{p.page} 说明 heading {key}", heading, titles.get(key))
            same(f"p{p.page} 说明 {heading}", p.fields.get(key, ""), r.get(key), ("说明", key, n))
    t11 = jt.get("project-forms", {"rows": []})
    per = []
    for r in t11.get("rows", []):
        if r.get("name") or not per:
            per.append([r])
        else:
            per[-1].append(r)
    if len(per) != len(forms):
        problems.append(f"绩效目标填报表: {len(forms)} published, {len(per)} in the output")
    for p, rs in zip(forms, per):
        head = rs[0]
        for key, _ in FORM_FIELDS:
            if key in p.fields:
                same(f"p{p.page} 填报表 {key}", p.fields[key], head.get(key))
        if p.amount is not None:
            total += 1
            if same_amount(p.amount, head.get("amount")):
                matched += 1
            else:
                problems.append(f"p{p.page} 填报表 项目资金总额: published {p.amount}, output {head.get('amount')}")
        if len(p.indicators) != len(rs):
            problems.append(f"p{p.page} 填报表 {p.fields.get('name')}: {len(p.indicators)} indicators published, "
                            f"{len(rs)} in the output")
        for (level3, value), r in zip(p.indicators, rs):
            same(f"p{p.page} 指标", level3, r.get("level-3"))
            same(f"p{p.page} 指标值 of {level3}", value, r.get("target"))
    if notes or forms or rows or per:
        out.write(f"project pages: {len(notes)} 项目经费情况说明, {len(forms)} 绩效目标填报表: "
                  f"{matched}/{total} texts and amounts"
                  f"{', ' + str(len(documented)) + ' documented' if documented else ''}"
                  f"{', ' + str(len(problems)) + ' differences' if problems else ''}\n")
        for pr in documented + problems:
            out.write(f"    {pr}\n")
    return len(problems)


# ---------------------------------------------------------------- bdlc's JSON


def flatten_json_table(t):
    """Entries of a JSON table: per row, text cells in column order (code-like ones make the
    key, the others the label) and numeric cells as amounts."""
    cols = [c["key"] for c in t.get("columns", [])]
    text_cols = set()
    for row in t.get("rows", []):
        for k in cols:
            v = row.get(k)
            if isinstance(v, str):
                text_cols.add(k)
    entries = []
    for row in t.get("rows", []):
        cur = None
        code = ""
        for k in cols:
            v = row.get(k)
            if k in text_cols:
                if v is None:
                    continue
                if re.fullmatch(r"\d{1,7}", v) and cur is None:
                    code += v
                    continue
                cur = Entry(code or None, v, None)
                code = ""
                entries.append(cur)
            else:
                if cur is None:
                    cur = Entry(code or None, "", None)
                    entries.append(cur)
                cur.cells.append(v)
    return entries


def json_tables(doc):
    return doc.get("tables", [])


def round_to(value, places):
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def same_amount(pub, got):
    """Equal as values: a blank (published) or null (output) cell is a zero; an output amount
    is compared at the published precision."""
    if pub is None:
        return got is None or Decimal(got) == 0
    if got is None:
        return pub.value == 0
    return round_to(got, pub.places) == pub.value


# ---------------------------------------------------------------- commands


def dump(tables, out=sys.stdout):
    for t in tables:
        ncells = sum(len(e.cells) for e in t.entries)
        out.write(f"== table {t.num} (page {t.page}) {t.title}  unit {t.unit}  "
                  f"columns {t.columns}  rows {len(t.entries)}  amounts {ncells}\n")
        for e in t.entries:
            cells = "  ".join("·" if c is None else c.text for c in e.cells)
            out.write(f"  p{e.page:<3} {e.code or '':8} {e.label:<24} {cells}\n")
        if t.empty_row:
            out.write(f"  empty row: {t.empty_row}\n")
        if t.note:
            out.write(f"  note: {t.note}\n")


def total(cells, i):
    return sum((e.cells[i].value for e in cells if e.cells[i] is not None), Decimal(0))


def sums(tables, out=sys.stdout):
    """The publication's own arithmetic: each parent row is the sum of its children, the 合计
    row the sum of the top rows, each row's first amount the sum of the others where the table
    says so. Prints every difference; returns their count."""
    bad = 0
    for t in tables:
        if t.num not in (2, 3, 5, 8) or not t.entries:
            continue
        coded = [e for e in t.entries if e.code]
        # parents: rows whose code is a prefix of others
        for e in coded:
            kids = [k for k in coded if k.code != e.code and k.code.startswith(e.code)
                    and len(k.code) == len(e.code) + 2]
            if not kids:
                continue
            for i in range(len(e.cells)):
                got = e.cells[i].value if e.cells[i] else Decimal(0)
                want = sum((k.cells[i].value if k.cells[i] else Decimal(0)) for k in kids)
                if got != want:
                    bad += 1
                    out.write(f"table {t.num} p{e.page} {e.code} {e.label} column {i + 1}: "
                              f"printed {e.cells[i]}, children sum {want}\n")
        tops = [e for e in coded if len(e.code) == 3]
        for e in t.entries:
            if e.label == "合计" and e.cells:
                for i in range(len(e.cells)):
                    got = e.cells[i].value if e.cells[i] else Decimal(0)
                    want = sum((k.cells[i].value if k.cells[i] else Decimal(0)) for k in tops)
                    if got != want:
                        bad += 1
                        out.write(f"table {t.num} p{e.page} 合计 column {i + 1}: printed "
                                  f"{e.cells[i]}, sum of 类 rows {want}\n")
        # across: 合计 = the other columns (2, 3, 5: 合计 = parts; 8: 合计 = 人员 + 公用)
        for e in t.entries:
            if len(e.cells) < 3:
                continue
            vals = [c.value if c else Decimal(0) for c in e.cells]
            if vals[0] != sum(vals[1:]):
                bad += 1
                out.write(f"table {t.num} p{e.page} {e.code or ''} {e.label}: 合计 {e.cells[0]} "
                          f"≠ sum of the other columns {sum(vals[1:])}\n")
    return bad


def v(cell):
    return cell.value if cell is not None else Decimal(0)


def wan(yuan):
    """元 → 万元 at two decimals, half away from zero (how table 9 prints)."""
    return round_to(yuan / Decimal(10000), 2)


def across(tables, out=sys.stdout):
    """The publication's arithmetic between tables: 1 and 4 (their sides and totals), 2 = 3 =
    5 (合计 column), 8 against 3/5 (基本支出), 9 (三公 合计 = its parts; 机关运行经费 against
    table 8's 公用经费; 三公 parts against table 8's 30217/30231/31013/30212). Prints every
    difference; returns their count."""
    bad = 0
    t = {x.num: x for x in tables}

    def say(msg):
        nonlocal bad
        bad += 1
        out.write(msg + "\n")

    def rows(n):
        return {e.key: e for e in t[n].entries} if n in t else {}

    # table 1: income side and expenditure side
    if 1 in t:
        ent = t[1].entries
        left = [e for e in ent if len(e.cells) == 1 and e.label and e.label[0] in "一二三四1234" or e.label == "收入总计"]
        lab = {norm(e.label): e for e in ent}
        inc_total = next((e for e in ent if norm(e.label) == "收入总计"), None)
        exp_total = next((e for e in ent if norm(e.label) == "支出总计"), None)
        fiscal = next((e for e in ent if norm(e.label).startswith("一、财政拨款收入")), None)
        subs = [e for e in ent if re.match(r"[123][.、．]", norm(e.label))]
        tops = [e for e in ent if re.match(r"[二三四]、.*收入$", norm(e.label))]
        if fiscal and subs and v(fiscal.cells[0]) != sum(v(e.cells[0]) for e in subs):
            say(f"table 1: 一、财政拨款收入 {fiscal.cells[0]} ≠ 1.+2.+3. {sum(v(e.cells[0]) for e in subs)}")
        if inc_total and fiscal and v(inc_total.cells[0]) != v(fiscal.cells[0]) + sum(v(e.cells[0]) for e in tops):
            say(f"table 1: 收入总计 {inc_total.cells[0]} ≠ 一+二+三+四")
        exp = [e for e in ent if re.match(r"[一二三四五六七八九十]+、.*支出$", norm(e.label))]
        if exp_total:
            for i in range(len(exp_total.cells)):
                want = sum(v(e.cells[i]) for e in exp)
                if v(exp_total.cells[i]) != want:
                    say(f"table 1: 支出总计 column {i + 1} printed {exp_total.cells[i]}, sum of the 类 rows {want}")
            if inc_total and v(inc_total.cells[0]) != v(exp_total.cells[0]):
                say(f"table 1: 收入总计 {inc_total.cells[0]} ≠ 支出总计 {exp_total.cells[0]}")
        for e in exp + ([exp_total] if exp_total else []):
            if len(e.cells) == 4 and v(e.cells[0]) != v(e.cells[1]) + v(e.cells[2]) + v(e.cells[3]):
                say(f"table 1: {e.label} 合计 {e.cells[0]} ≠ 人员 + 公用 + 项目 "
                    f"{v(e.cells[1]) + v(e.cells[2]) + v(e.cells[3])}")
        r3 = rows(3)
        for e in exp:
            name = re.sub(r"^[一二三四五六七八九十]+、", "", norm(e.label))
            f = next((x for x in t.get(3, Table(0, "", 0)).entries if x.code and len(x.code) == 3 and norm(x.label) == name), None)
            if f is None:
                say(f"table 1: {e.label} has no 类 row in table 3")
                continue
            if v(e.cells[0]) != v(f.cells[0]):
                say(f"table 1: {e.label} {e.cells[0]} ≠ table 3 {f.code} {f.cells[0]}")
            if len(e.cells) == 4:
                if v(e.cells[1]) + v(e.cells[2]) != v(f.cells[1]):
                    say(f"table 1: {e.label} 人员 + 公用 {v(e.cells[1]) + v(e.cells[2])} ≠ table 3 基本支出 {f.cells[1]}")
                if v(e.cells[3]) != v(f.cells[2]):
                    say(f"table 1: {e.label} 项目支出 {e.cells[3]} ≠ table 3 项目支出 {f.cells[2]}")
        if exp_total and len(exp_total.cells) == 4 and 8 in t:
            tot8 = next((e for e in t[8].entries if e.label == "合计"), None)
            if tot8:
                for i, what in ((1, "人员经费"), (2, "公用经费")):
                    if v(exp_total.cells[i]) != v(tot8.cells[i]):
                        say(f"table 1: 支出总计 {what} {exp_total.cells[i]} ≠ table 8 合计 {what} {tot8.cells[i]}")
    # table 4
    if 4 in t:
        ent = t[4].entries
        inc_total = next((e for e in ent if norm(e.label) == "收入总计"), None)
        exp_total = next((e for e in ent if norm(e.label) == "支出总计"), None)
        inc = [e for e in ent if re.match(r"[一二三]、.*(预算|资金|基金)$", norm(e.label))]
        exp = [e for e in ent if re.match(r"[一二三四五六七八九十]+、.*支出$", norm(e.label))]
        if inc_total and v(inc_total.cells[0]) != sum(v(e.cells[0]) for e in inc):
            say(f"table 4: 收入总计 {inc_total.cells[0]} ≠ sum of the income rows {sum(v(e.cells[0]) for e in inc)}")
        if exp_total:
            for i in range(len(exp_total.cells)):
                want = sum(v(e.cells[i]) for e in exp)
                if v(exp_total.cells[i]) != want:
                    say(f"table 4: 支出总计 column {i + 1} printed {exp_total.cells[i]}, sum {want}")
        for e in exp:
            if len(e.cells) > 1 and v(e.cells[0]) != sum(v(c) for c in e.cells[1:]):
                say(f"table 4: {e.label} 合计 {e.cells[0]} ≠ sum of its sources")
            name = re.sub(r"^[一二三四五六七八九十]+、", "", norm(e.label))
            f = next((x for x in t.get(5, Table(0, "", 0)).entries if x.code and len(x.code) == 3 and norm(x.label) == name), None)
            if f is not None and len(e.cells) > 1 and v(e.cells[1]) != v(f.cells[0]):
                say(f"table 4: {e.label} 一般公共预算 {e.cells[1]} ≠ table 5 {f.cells[0]}")
    # tables 2, 3, 5: the same rows and totals
    for a, b, col_a, col_b in ((2, 3, 0, 0), (3, 5, 0, 0), (3, 5, 1, 1), (3, 5, 2, 2), (2, 5, 1, 0)):
        ra, rb = rows(a), rows(b)
        if not ra or not rb:
            continue
        for k, e in ra.items():
            f = rb.get(k)
            if f is None:
                say(f"table {a} row {e.code or ''} {e.label} is not in table {b}")
                continue
            if col_a < len(e.cells) and col_b < len(f.cells) and v(e.cells[col_a]) != v(f.cells[col_b]):
                say(f"table {a} {e.code or ''} {e.label} column {col_a + 1} {e.cells[col_a]} ≠ "
                    f"table {b} column {col_b + 1} {f.cells[col_b]}")
            if norm(e.label) != norm(f.label):
                say(f"table {a} {e.code} {e.label!r} ≠ table {b} label {f.label!r}")
    # table 8 against table 5's 基本支出
    r5, r8 = rows(5), rows(8)
    t5, t8 = r5.get("合计"), r8.get("合计")
    if t5 and t8 and v(t5.cells[1]) != v(t8.cells[0]):
        say(f"table 8 合计 {t8.cells[0]} ≠ table 5 合计 基本支出 {t5.cells[1]}")
    # table 9
    if 9 in t and t[9].entries:
        c = [v(x) for x in t[9].entries[0].cells]
        if len(c) == 7:
            total, overseas, reception, vehicle, purchase, operation, running = c
            cells = t[9].entries[0].cells
            if vehicle != purchase + operation:
                say(f"table 9: 公务用车 小计 {cells[3]} ≠ 购置费 + 运行费 {purchase + operation}")
            if total != overseas + reception + vehicle:
                say(f"table 9: 合计 {cells[0]} ≠ 出国 + 接待 + 公务用车 {overseas + reception + vehicle}")
            if t8:
                pub = wan(v(t8.cells[2]))
                if running != pub:
                    say(f"table 9: 机关运行经费 {cells[6]} ≠ table 8 公用经费 {t8.cells[2]} 元 = {pub} 万元 "
                        f"(a fault only when every agency is 行政 or 参公)")
            exact = Decimal(0)
            have = False
            for code, got, what in (("30217", reception, "公务接待费"), ("30231", operation, "公务用车运行费"),
                                    ("31013", purchase, "公务用车购置费"), ("30212", overseas, "因公出国(境)费")):
                e = r8.get(code)
                amount = v(e.cells[0]) if e else Decimal(0)
                exact += amount
                have = have or e is not None
                if wan(amount) != got:
                    say(f"table 9: {what} {got} ≠ table 8 {code} {amount} 元 = {wan(amount)} 万元 "
                        f"(table 8 is 基本支出 only: project money is not in it)")
            if have and wan(exact) != total:
                say(f"table 9: 合计 {cells[0]} ≠ the exact sum of the 三公 codes of table 8, "
                    f"{exact} 元 = {wan(exact)} 万元")
    return bad


def read_faults(text):
    """The ```faults block of a FAULTS.md: {(table, row key, column): (printed, correct, id)}."""
    faults = {}
    block = re.search(r"```faults\n(.*?)```", text, re.S)
    for line in (block.group(1).split("\n") if block else []):
        f = line.split("#")[0].split()
        if len(f) != 6:
            continue
        if f[0].isdigit():
            faults[(int(f[0]), norm(f[1]), int(f[2]))] = (Cell(f[3]), Cell(f[4]), f[5])
        else:  # a project page's text: 说明 KEY N (the Nth 说明), printed, correct (* = any)
            faults[(f[0], f[1], int(f[2]))] = (f[3], f[4], f[5])
    return faults


def compare(tables, doc, out=sys.stdout, faults=None):
    jt = json_tables(doc)
    faults = faults or {}
    differs = 0
    documented = []
    grand = [0, 0]
    for t in tables:
        cand = [x for x in jt if x.get("number") == t.num] or \
               [x for x in jt if norm(x.get("title") or "") == norm(t.title)]
        pub_amounts = sum(len(e.cells) for e in t.entries)
        if not cand:
            out.write(f"table {t.num} {t.title}: not in the output (0/{pub_amounts})\n")
            differs += 1
            grand[1] += pub_amounts
            continue
        j = cand[0]
        problems = []
        if norm(j.get("title") or "") != norm(t.title):
            problems.append(f"title: published {t.title!r}, output {j.get('title')!r}")
        entries = flatten_json_table(j)
        by_key = {}
        for e in entries:
            by_key.setdefault(e.key, []).append(e)
        matched = 0
        known = 0
        labels_ok = 0
        single = len(t.entries) == 1 and len(entries) == 1  # table 9: one row, no label
        for e in t.entries:
            got = [entries[0]] if single else by_key.get(e.key)
            if not got:
                problems.append(f"p{e.page} {e.code or ''} {e.label}: no such row in the output")
                continue
            g = got.pop(0)
            if norm(g.label) == norm(e.label) or (single and not g.label):
                labels_ok += 1
            else:
                problems.append(f"p{e.page} {e.code or ''}: label published {e.label!r}, output {g.label!r}")
            for i, c in enumerate(e.cells):
                v = g.cells[i] if i < len(g.cells) else None
                fault = faults.get((t.num, e.key, i + 1))
                if i < len(g.cells) and same_amount(c, v):
                    matched += 1
                elif fault and c is not None and c.text == fault[0].text and i < len(g.cells) \
                        and same_amount(fault[1], v):
                    known += 1
                    documented.append(f"{fault[2]}: table {t.num} p{e.page} {e.code or ''} {e.label} column "
                                      f"{i + 1}: published {c.text}, output {v} (FAULTS.md: correct {fault[1].text})")
                else:
                    problems.append(f"p{e.page} {e.code or ''} {e.label} column {i + 1}: "
                                    f"published {c.text if c else '(blank)'}, output {v}")
        # an empty table's row under its header ("无" in the 2026 documents, none in 2023–24)
        empty_out = next((e.label for e in entries if norm(e.label) == "无" and not e.code), None)
        if t.empty_row or empty_out:
            if norm(t.empty_row or "") == norm(empty_out or ""):
                labels_ok += 1
            else:
                problems.append(f"empty row: published {t.empty_row!r}, output {empty_out!r}")
        nlabels = len(t.entries) + (1 if t.empty_row else 0)
        if t.note and norm(j.get("note") or "") != norm(re.sub(r"^注[:：]", "", t.note)) \
                and norm(j.get("note") or "") != norm(t.note):
            f = faults.get(("注", str(t.num), 1))  # a note printed wrongly: `注 TABLE 1 * none ID`
            if f and f[1] == "none" and not j.get("note"):
                documented.append(f"{f[2]}: table {t.num} note: published {t.note!r}, output none")
            else:
                problems.append(f"note: published {t.note!r}, output {j.get('note')!r}")
        grand[0] += matched
        grand[1] += pub_amounts
        out.write(f"table {t.num} {t.title}: {matched}/{pub_amounts} amounts, "
                  f"{labels_ok}/{nlabels} labels"
                  f"{', ' + str(known) + ' documented faults' if known else ''}"
                  f"{', ' + str(len(problems)) + ' differences' if problems else ''}\n")
        for p in problems:
            out.write(f"    {p}\n")
        differs += len(problems)
    out.write(f"all tables: {grand[0]}/{grand[1]} amounts matched\n")
    if documented:
        cells = sum(1 for d in documented if " note: " not in d)
        out.write(f"documented faults (the output has the correct figure or text): {len(documented)}, "
                  f"so {grand[0] + cells}/{grand[1]} amounts accounted for\n")
        for d in documented:
            out.write(f"    {d}\n")
    return differs


def main(argv):
    if len(argv) == 3 and argv[1] in ("--dump", "--sums"):
        tables = parse_publication(open(argv[2], encoding="utf-8").read())
        if argv[1] == "--dump":
            dump(tables)
            return 0
        n = sums(tables) + across(tables)
        print(f"{n} differences")
        return 1 if n else 0
    # --tables: the nine tables alone, not the project pages (the importer
    # does not read those pages yet: tests/import-shanghai)
    tables_only = len(argv) > 1 and argv[1] == "--tables"
    if tables_only:
        argv = argv[:1] + argv[2:]
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    tables = parse_publication(open(argv[1], encoding="utf-8").read())
    with open(argv[2], encoding="utf-8") as f:
        doc = json.load(f, parse_float=Decimal, parse_int=Decimal)
    faults = read_faults(open(argv[3], encoding="utf-8").read()) if len(argv) == 4 else {}
    bad = compare(tables, doc, faults=faults)
    if not tables_only:
        bad += compare_projects(parse_project_pages(open(argv[1], encoding="utf-8").read()), doc,
                                faults=faults)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
