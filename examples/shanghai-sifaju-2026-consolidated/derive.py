#!/usr/bin/env python3
"""derive.py — 普陀区法律援助中心's figures as the department minus 司法局本部.

Shanghai publishes the department (../shanghai-sifaju-2026, 部门预算) and one of its two
agencies, 司法局本部 (../shanghai-sifaju-2026-benbu, 单位预算); the other agency, 法律援助中心,
is not published, so its figures are their difference. This script reads the leaves of both
transcriptions (income, 表3 function leaves, 表8 economic leaves, 政府采购 by kind), subtracts
them exactly (decimal.Decimal, never a float) and prints the agency's tables.bdl:

    python3 derive.py > agencies/falvyuanzhu/tables.bdl

The 本部 side is the corrected transcription (expenditure-corrected.bdl: its published
合计 row has a misprint, FAULTS.md A3, but no leaf differs). A difference that is zero is
left out; a negative one stops the script (the agency would have a negative amount).
"""
import re
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPT = HERE.parent / "shanghai-sifaju-2026"
BENBU = HERE.parent / "shanghai-sifaju-2026-benbu"

AMT = r"([0-9][0-9,]*(?:\.[0-9]+)?)"


def num(s):
    return Decimal(s.replace(",", ""))


def read(paths):
    """Leaves by kind: income, exp (code -> (name, basic, project)), eco (code -> (name, amount)), proc."""
    out = {"income": {}, "exp": {}, "eco": {}, "proc": {}}
    block = None
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].rstrip()
            m = re.match(r"^(income|expenditure|economic|procurement-summary)\b.*\{$", line)
            if m:
                block = m.group(1)
                continue
            if line.strip() == "}":
                block = None
                continue
            f = line.split()
            if not f or block is None:
                continue
            if block == "income":
                out["income"][f[0]] = num(f[1])
            elif block == "procurement-summary":
                out["proc"][f[0]] = (num(f[1]), f[2] if len(f) > 2 else "")
            elif block == "expenditure" and re.fullmatch(r"[0-9]{7}", f[0]):
                cells = dict(zip(f[2::2], f[3::2]))
                out["exp"][f[0]] = (f[1], num(cells.get("basic", "0")), num(cells.get("project", "0")))
            elif block == "economic" and re.fullmatch(r"[0-9]{5}", f[0]):
                m = re.match(r"^\s*([0-9]{5})\s+(\"[^\"]*\"|\S+)\s+" + AMT + r"\s*$", line)
                out["eco"][m.group(1)] = (m.group(2), num(m.group(3)))
    return out


def money(d):
    q = d.quantize(Decimal("0.01"))
    assert q == d, d
    s = f"{q:,.2f}"
    return s


def main():
    dept = read([DEPT / "tables.bdl"])
    benbu = read([BENBU / "tables.bdl", BENBU / "expenditure-corrected.bdl"])
    w = sys.stdout.write

    def diff(a, b, what):
        d = a - b
        if d < 0:
            sys.exit(f"derive.py: {what}: the department has {a}, 本部 {b}: a negative difference")
        return d

    w("# 普陀区法律援助中心 2026年单位预算 — DERIVED, not published: the department\n"
      "# (../../../shanghai-sifaju-2026) minus 司法局本部 (../../../shanghai-sifaju-2026-benbu), leaf by\n"
      "# leaf, exactly. Written by ../../derive.py; do not edit by hand.\n\n")
    w("income {\n")
    for src, a in dept["income"].items():
        d = diff(a, benbu["income"].get(src, Decimal(0)), src)
        if d:
            w(f"    {src} {money(d)}\n")
    w("}\n\n")
    for code in benbu["exp"]:
        assert code in dept["exp"], code
    w("expenditure {\n")
    for code, (name, basic, project) in dept["exp"].items():
        _, b2, p2 = benbu["exp"].get(code, (name, Decimal(0), Decimal(0)))
        db, dp = diff(basic, b2, code), diff(project, p2, code)
        if not db and not dp:
            continue
        cells = (f"  basic {money(db):>14}" if db else " " * 22) + (f"  project {money(dp):>14}" if dp else "")
        w(f"    {code} {name:<24}{cells.rstrip()}\n")
    w("}\n\n")
    for code in benbu["eco"]:
        assert code in dept["eco"], code
    w("economic {\n")
    for code, (name, amount) in dept["eco"].items():
        d = diff(amount, benbu["eco"].get(code, (name, Decimal(0)))[1], code)
        if d:
            w(f"    {code} {name:<24} {money(d):>14}\n")
    w("}\n\n")
    w("procurement-summary {\n")
    for kind, (a, unit) in dept["proc"].items():
        b, unit2 = benbu["proc"].get(kind, (Decimal(0), unit))
        assert unit == unit2, kind
        w(f"    {kind} {diff(a, b, kind)} {unit}\n".replace("  \n", "\n"))
    w("}\n")


if __name__ == "__main__":
    main()
