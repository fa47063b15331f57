#!/usr/bin/env python3
"""tests/shanghai/style.py — amounts printed in the publication's style.

    style.py PUBLISHED.txt BDLC.html

compare.py compares values at the printed precision; this compares the printed text. For each
of the nine tables, the amounts the publication prints (as printed: decimals, thousands
separators, 0 or 0.00; a blank is not an amount) and the amounts bdlc's HTML prints in the
same table (its non-empty `num` cells) must be the same multiset. Prints per table the
amounts matched and what differs; exit 1 on any difference. Reads the publication with
compare.py's parser, never bdlc's output, for its expectations.
"""
import html
import re
import sys
from collections import Counter

sys.path.insert(0, __import__("os").path.dirname(__file__))
from compare import number_of, parse_publication  # noqa: E402


def html_tables(text):
    """{table number: Counter of printed amounts} from bdlc's HTML, by each section's title."""
    out = {}
    for sec in re.findall(r"<section[^>]*>(.*?)</section>", text, flags=re.S):
        m = re.search(r"<h2>(.*?)</h2>", sec, flags=re.S)
        num = number_of(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()) if m else None
        if num is None:
            continue
        cells = [html.unescape(c).strip() for c in re.findall(r'<td class="num"[^>]*>([^<]*)</td>', sec)]
        out[num] = Counter(c for c in cells if c)
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    pub = parse_publication(open(argv[1], encoding="utf-8").read())
    got = html_tables(open(argv[2], encoding="utf-8").read())
    bad = 0
    for t in sorted(pub, key=lambda t: t.num):
        want = Counter(c.text for e in t.entries for c in e.cells if c is not None)
        have = got.get(t.num, Counter())
        missing, extra = want - have, have - want
        same = sum((want & have).values())
        line = f"table {t.num}: {same}/{sum(want.values())} amounts printed alike"
        if missing or extra:
            bad += 1
            line += f"; published only: {dict(missing)}; bdlc only: {dict(extra)}"
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
