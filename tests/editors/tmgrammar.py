#!/usr/bin/env python3
"""Check editors/textmate/bdl.tmLanguage.json.

    tmgrammar.py GRAMMAR.json SPEC.md FILE.bdl...

A small TextMate tokenizer (the rules VS Code follows: at each position the
pattern whose match starts first wins, ties go to the first in order;
begin/end rules run their inner patterns until the end pattern) is applied
to single lines, which is enough for BDL: strings never span lines.
Checks: every keyword (grammar/lexer.l) is scoped as a keyword, alone and only as a
whole name; sample lines get the expected scopes (keywords, strings with
escapes, numbers, codes, comments, operators, look-alikes marked invalid);
the given .bdl files (valid BDL) show no invalid.* scope.  The grammar's
regexes are written so that Python's re reads them as Oniguruma does.
Prints one line per failure and exits 1 when there is any.
"""
import json
import re
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


class Grammar:
    def __init__(self, path):
        self.g = json.load(open(path, encoding="utf-8"))
        self.repo = self.g.get("repository", {})
        self.cache = {}

    def rx(self, src):
        if src not in self.cache:
            self.cache[src] = re.compile(src)
        return self.cache[src]

    def flat(self, patterns):
        """Resolve includes and pattern groups into a flat ordered list."""
        out = []
        for p in patterns:
            if "include" in p:
                out += self.flat([self.repo[p["include"].lstrip("#")]])
            elif "match" in p or "begin" in p:
                out.append(p)
            elif "patterns" in p:
                out += self.flat(p["patterns"])
        return out

    def first(self, patterns, line, pos, extra=None):
        best = None
        cands = list(patterns)
        if extra is not None:
            cands = [extra] + cands  # the end pattern is tried first
        for p in cands:
            src = p.get("match") or p.get("begin") or p.get("end")
            if p is extra:
                src = p["end"]
            m = self.rx(src).search(line, pos)
            if m and (best is None or m.start() < best[0].start()):
                best = (m, p)
        return best

    def tokenize(self, line):
        """[(text, [scopes])] for one line."""
        toks = []
        self._run(self.flat(self.g["patterns"]), line, 0, [], toks, None)
        return toks

    def _emit(self, toks, text, scopes):
        if text:
            toks.append((text, list(scopes)))

    def _captured(self, m, p, key, scopes, toks):
        caps = p.get(key, {})
        if not caps:
            self._emit(toks, m.group(0), scopes)
            return
        pos = m.start()
        for i in sorted(int(k) for k in caps):
            if i == 0:
                self._emit(toks, m.group(0), scopes + [caps["0"]["name"]])
                return
            if m.group(i) is None:
                continue
            self._emit(toks, m.string[pos:m.start(i)], scopes)
            self._emit(toks, m.group(i), scopes + [caps[str(i)]["name"]])
            pos = m.end(i)
        self._emit(toks, m.string[pos:m.end()], scopes)

    def _run(self, patterns, line, pos, scopes, toks, end_rule):
        while pos <= len(line):
            best = self.first(patterns, line, pos, end_rule)
            if not best:
                self._emit(toks, line[pos:], scopes)
                return len(line)
            m, p = best
            self._emit(toks, line[pos:m.start()], scopes)
            if p is end_rule:
                self._captured(m, p, "endCaptures", scopes, toks)
                return m.end()
            own = scopes + ([p["name"]] if "name" in p else [])
            if "begin" in p:
                self._captured(m, p, "beginCaptures", own, toks)
                pos = self._run(self.flat(p.get("patterns", [])), line, m.end(), own, toks, p)
            else:
                self._captured(m, p, "captures", own, toks)
                pos = m.end() if m.end() > m.start() else m.end() + 1
            if pos >= len(line):
                return pos
        return pos


def scope_of(toks, text):
    """The scopes of the token whose text is `text` (first one)."""
    for t, s in toks:
        if t == text:
            return s
    return None


def keywords_of(path):
    """The keywords, one per line (tests/editors/run.sh takes them from the
    keyword rules of grammar/lexer.l)."""
    return open(path, encoding="utf-8").read().split()


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: tmgrammar.py GRAMMAR.json KEYWORDS.txt FILE.bdl...")
    g = Grammar(sys.argv[1])
    if g.g.get("scopeName") != "source.bdl":
        fail("scopeName is not source.bdl")
    kws = keywords_of(sys.argv[2])
    if len(kws) < 40:
        fail("only %d keywords in %s" % (len(kws), sys.argv[2]))
    # every keyword, alone and in context, is one keyword token
    for kw in kws:
        for line in ("%s" % kw, "    %s {" % kw, "x %s 1" % kw):
            s = scope_of(g.tokenize(line), kw)
            if not s or not any(x.startswith("keyword.") for x in s):
                fail("keyword %r is not scoped as a keyword in %r (got %r)" % (kw, line, s))
        for line in ("%ss" % kw, "my-%s" % kw, "%s一" % kw, "一%s" % kw, "_%s" % kw):
            toks = g.tokenize(line)
            if any(t == kw and any(x.startswith("keyword.") for x in s) for t, s in toks):
                fail("%r inside the name %r is scoped as a keyword" % (kw, line))
    # the scopes the grammar promises
    samples = [
        ("# a comment \"not a string\"", " a comment \"not a string\"", "comment.line.number-sign.bdl"),
        ("    total 1.00   # 合计", " 合计", "comment.line.number-sign.bdl"),
        ("    summary \"a \\\"b\\\" c\\n\"", "\\\"", "constant.character.escape.bdl"),
        ("    summary \"a \\u{4E00} c\"", "\\u{4E00}", "constant.character.escape.bdl"),
        ("    summary \"bad \\q\"", "\\q", "invalid.illegal.escape.bdl"),
        ("    summary \"no end", "\"no end", "invalid.illegal.unterminated-string.bdl"),
        ("    goal \"目标\"", "目标", "string.quoted.double.bdl"),
        ("    2010101 行政运行 total 934.58", "2010101", "constant.other.code.bdl"),
        ("    2010101 行政运行 total 934.58", "total", "keyword.other.cell.bdl"),
        ("    2010101 行政运行 total 934.58", "934.58", "constant.numeric.bdl"),
        ("    一般公共预算资金 2,216.40", "2,216.40", "constant.numeric.bdl"),
        ("    x 1,00.00", "1,00.00", "invalid.illegal.number.bdl"),
        ("project 50011926T000005286480 \"区人大\" {", "50011926T000005286480", "constant.other.code.bdl"),
        ("project 50011926T000005286480 \"区人大\" {", "project", "keyword.other.clause.bdl"),
        ("    function 2010104", "2010104", "constant.other.code.bdl"),
        ("links { 30108 2080505 }", "30108", "constant.other.code.bdl"),
        ("links { 30108 2080505  30113 2210201 }", "2210201", "constant.other.code.bdl"),
        ("three-public-codes { overseas 30212 reception 30217 }", "30217", "constant.other.code.bdl"),
        ("three-public-codes { overseas 30212 reception 30217 }", "overseas", "keyword.other.cell.bdl"),
        ("budget 2026 {", "budget", "keyword.control.statement.bdl"),
        ("budget 2026 {", "{", "punctuation.section.block.begin.bdl"),
        ("    indicator 产出指标/数量指标/培训 ≥ 1 次 weight 30 core", "≥", "keyword.operator.comparison.bdl"),
        ("    indicator 产出指标/数量指标/培训 >= -1 次", ">=", "keyword.operator.comparison.bdl"),
        ("    indicator 产出指标/数量指标/培训 >= -1 次", "-1", "constant.numeric.bdl"),
        ("    indicator 产出指标/数量指标/培训 = 100 % weight 30", "%", "keyword.other.unit.percent.bdl"),
        ("    indicator 产出指标/数量指标/培训 = 100 % weight 30", "/", "punctuation.separator.path.bdl"),
        ("    x ＝ 5", "＝", "invalid.illegal.lookalike.bdl"),
        ("    x　5", "　", "invalid.illegal.lookalike.bdl"),
        ("    owner “某”", "“", "invalid.illegal.lookalike.bdl"),
        ("    amount −5", "−", "invalid.illegal.lookalike.bdl"),
        ("    amount １２", "１", "invalid.illegal.lookalike.bdl"),
        ("    owner \"“某”＝\"", "“某”＝", "string.quoted.double.bdl"),
    ]
    for line, text, want in samples:
        s = scope_of(g.tokenize(line), text)
        if want is None:
            if s is None or any(x.startswith("invalid.") for x in s):
                fail("%r: %r should be plain text, got %r" % (line, text, s))
        elif s is None or want not in s:
            fail("%r: %r should be %s, got %r" % (line, text, want, s))
    # names with brackets and 、 are plain text
    for line in ("    30213 维修（护）费 2.00", "    indicator 产出指标/数量指标/召开区十八届八次人代会、年中 ≥ 2 次"):
        bad = [(t, s) for t, s in g.tokenize(line) if any(x.startswith("invalid.") for x in s)]
        if bad:
            fail("%r: %r" % (line, bad))
    # a name swallowing digits is not a number
    toks = g.tokenize("    基本工资293 1.00")
    if any(t == "293" for t, _ in toks):
        fail("the digits of 基本工资293 are scoped apart from the name")
    # valid BDL shows nothing invalid
    files = sys.argv[3:]
    for f in files:
        for n, line in enumerate(open(f, encoding="utf-8").read().split("\n"), 1):
            for t, s in g.tokenize(line):
                if any(x.startswith("invalid.") for x in s):
                    fail("%s:%d: %r is scoped %r in valid BDL" % (f, n, t, s))
    print("textmate: %d keywords, %d samples, %d files; %d failures" % (len(kws), len(samples), len(files),
                                                                        len(failures)))
    sys.exit(1 if failures else 0)


main()
