#!/usr/bin/env python3
"""Validate `bdlc compile -f json` output.

    validate.py SCHEMA.json OUTPUT.json...

Checks each OUTPUT against the JSON Schema (tests/compile/bdl-output.schema.json),
then what a schema cannot say: every row has exactly its table's column
keys, in column order; every amount is written with exactly `decimals`
fractional digits; the tables come in the order of spec §8.
"""
import json
import re
import sys

import jsonschema

ORDER = ["fiscal-summary", "general-expenditure", "general-basic", "three-public", "fund-expenditure",
         "department-summary", "department-expenditure", "procurement", "department-performance",
         "project-performance"]
NOT_AMOUNTS = {"number", "weight", "execution-weight", "decimals", "bdl"}


def raw_load(text):
    """JSON with numbers kept as the exact text they were written as."""
    return json.loads(text, object_pairs_hook=lambda pairs: pairs,
                      parse_float=lambda s: ("num", s), parse_int=lambda s: ("num", s))


def amounts(node, key, out):
    if isinstance(node, tuple) and node and node[0] == "num":
        if key not in NOT_AMOUNTS:
            out.append((key, node[1]))
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and item[0] != "num":
                amounts(item[1], item[0], out)
            else:
                amounts(item, key, out)


def check(schema, path):
    text = open(path, encoding="utf-8").read()
    doc = json.loads(text)
    errors = []
    validator = jsonschema.Draft202012Validator(schema)
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
        errors.append("schema: %s at /%s" % (e.message, "/".join(str(p) for p in e.path)))
    ids = [t.get("id") for t in doc.get("tables", [])]
    if ids != ORDER:
        errors.append("tables in the wrong order: %s" % ids)
    for t in doc.get("tables", []):
        keys = [c["key"] for c in t.get("columns", [])]
        for i, row in enumerate(t.get("rows", [])):
            if list(row) != keys:
                errors.append("%s row %d: keys %s, columns %s" % (t["id"], i + 1, list(row), keys))
    decimals = doc.get("budget", {}).get("decimals", 2)
    pattern = re.compile(r"^\d+\.\d{%d}$" % decimals if decimals else r"^\d+$")
    found = []
    amounts(raw_load(text), None, found)
    for key, digits in found:
        if not pattern.match(digits):
            errors.append("amount %s = %s does not have exactly %d decimals" % (key, digits, decimals))
    for e in errors:
        print("%s: %s" % (path, e))
    print("%s: %s (%d amounts)" % (path, "valid" if not errors else "INVALID", len(found)))
    return not errors


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: validate.py SCHEMA.json OUTPUT.json...")
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    ok = all([check(schema, p) for p in sys.argv[2:]])
    sys.exit(0 if ok else 1)


main()
