#!/usr/bin/env python3
# tests/import-shanghai/business/make.py good|bad OUT — the fixtures of this folder, from
# examples/shanghai-sifaju-2026/published.txt (run from the top of the repository):
# money from sources other than the fiscal ones, written consistently into tables 1-3
# (published.txt) or with one fault (inconsistent.txt).
#   事业收入 600,000.00: 2040601 行政运行 100,000.00 (基本支出), 2040699 其他司法支出 500,000.00 (项目支出)
#   其他收入  50,000.00: 2040601 行政运行  50,000.00 (基本支出)
# Table 1: the two income rows, 公共安全支出 and the totals; table 2: the 合计, 事业收入 and
# 其他收入 columns of the rows 204, 20406, 2040601, 2040699 and 合计; table 3: the same rows'
# 合计/基本支出/项目支出.  Tables 4-9 (fiscal money only) are unchanged.
# The fault (bad): table 2's row 204 prints 650,000.00 of 事业收入, its items give 600,000.00.
import re, sys
src = open('examples/shanghai-sifaju-2026/published.txt', encoding='utf-8').read().split('\n')
def sub(lineno, old, new, nth=1):
    """replace the nth right-aligned occurrence of old on line lineno (1-based) by new, keeping the right edge"""
    s = src[lineno - 1]
    pos = -1
    for _ in range(nth):
        pos = s.index(old, pos + 1)
    end = pos + len(old)
    start = end - len(new)
    assert start >= 0 and (s[start:pos].strip() == ''), (lineno, s)
    src[lineno - 1] = s[:start] + new + s[end:]
# table 1 (lines 143-154)
sub(143, '87,267,272.44', '87,917,272.44')
sub(147, '0.00', '600,000.00')
sub(149, '0.00', '50,000.00')
sub(154, '96,282,213.44', '96,932,213.44', 1)
sub(154, '96,282,213.44', '96,932,213.44', 1)
# table 2: 合计 first column, 事业收入 third, 其他收入 fifth
def t2(lineno, total, biz, other):
    s = src[lineno - 1]
    nums = list(re.finditer(r'\d+\.\d\d', s))
    assert len(nums) == 5, s
    repl = [total, None, biz, None, other]
    for m, r in reversed(list(zip(nums, repl))):
        if r is None: continue
        new = r
        start = m.end() - len(new)
        assert s[start:m.start()].strip() == ''
        s = s[:start] + new + s[m.end():]
    src[lineno - 1] = s
t2(164, '87917272.44', '600000.00', '50000.00')
t2(166, '87917272.44', '600000.00', '50000.00')
t2(168, '16876725.44', '100000.00', '50000.00')
t2(178, '38954900.00', '500000.00', None)
t2(197, '96932213.44', '600000.00', '50000.00')
# table 3 (line 198 is its title): total, basic, project
def t3(lineno, total, basic, project):
    s = src[lineno - 1]
    nums = list(re.finditer(r'\d+\.\d\d', s))
    assert len(nums) == 3, s
    for m, r in reversed(list(zip(nums, [total, basic, project]))):
        if r is None: continue
        start = m.end() - len(r)
        assert s[start:m.start()].strip() == ''
        s = s[:start] + r + s[m.end():]
    src[lineno - 1] = s
t3(205, '87917272.44', '16876725.44', '71040547.00')
t3(206, '87917272.44', '16876725.44', '71040547.00')
t3(207, '16876725.44', '16876725.44', None)
t3(212, '38954900.00', None, '38954900.00')
t3(226, '96932213.44', '25891666.44', '71040547.00')
if len(sys.argv) > 1 and sys.argv[1] == 'bad':
    # FAULTS of the variant: table 2's 204 row prints 650,000 of 事业收入 (its items give 600,000)
    t2(164, None or '87917272.44', '650000.00', '50000.00')
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(src))
