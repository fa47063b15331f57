#!/usr/bin/env python3
# tests/import-shanghai/narrative.py A.bdl B.bdl — the `narrative { … }` statements of two
# files (comments dropped, a text's continuation lines joined), compared as a set of
# statements.  Prints each statement one side has and the other lacks; "N statements, all
# equal" and exit 0 when they are the same.
import re, sys

def statements(path):
    text = open(path, encoding='utf-8').read()
    m = re.search(r'^narrative \{\n(.*?)^\}', text, re.S | re.M)
    if not m:
        return []
    out = []
    for line in m.group(1).split('\n'):
        s = line.strip()
        if not s or s.startswith('#'):
            continue
        if s.startswith('"') and out:
            out[-1] += ' ' + s          # a text continued on the next line
        else:
            out.append(s)
    # one space between tokens outside strings (fmt aligns columns)
    norm = []
    for s in out:
        parts = re.findall(r'"(?:[^"\\]|\\.)*"|\S+', s)
        norm.append(' '.join(parts))
    return norm

a, b = statements(sys.argv[1]), statements(sys.argv[2])
only_a = [s for s in a if s not in b]
only_b = [s for s in b if s not in a]
for s in only_a:
    print('only in %s: %s' % (sys.argv[1], s))
for s in only_b:
    print('only in %s: %s' % (sys.argv[2], s))
if only_a or only_b or not a:
    print('%d and %d statements, %d differ' % (len(a), len(b), len(only_a) + len(only_b)))
    sys.exit(1)
print('%d statements, all equal' % len(a))
