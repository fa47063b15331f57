"""tests/formats/readback.py — what pdf_check.py and xlsx_check.py share:
the budget as `bdlc compile -f json` wrote it, with exact numbers, and the
count of checks, each failed one printed as "FAIL - WHAT"."""
import json
import sys
from decimal import Decimal

passes = 0
fails = 0


def ok(cond, what):
    global fails, passes
    if cond:
        passes += 1
    else:
        fails += 1
        print("FAIL - " + what)
    return cond


def load_budget(path):
    """The compiled JSON; every number a Decimal, as exact as it was written."""
    return json.load(open(path, encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)


def finish(name, extra=""):
    """The last line, "NAME: N checks passed, M failed[EXTRA]"; exit 1 on a failure."""
    print("%s: %d checks passed, %d failed%s" % (name, passes, fails, extra))
    sys.exit(1 if fails else 0)
