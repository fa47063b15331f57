#!/usr/bin/env python3
"""lists.py BDLC — the lists of the project that must agree (tests/lists/run.sh).

The sources of truth are two:
  - the diagnostic codes: one explanation per code, docs/en/explain/CODE.md
    (and docs/zh/explain/CODE.md); build/gen/explain_data.c is generated
    from them, and `bdlc explain` prints that table;
  - the keywords: the keyword rules of grammar/lexer.l, lines of the form
        "three-public"   { return KW_THREE_PUBLIC; }
    between the first two %% lines.
Every other list is checked against them:
  (a) codes raised: every string literal that is exactly a code ("E120") in
      src/ and grammar/, outside comments.  A code reaches diag_at only as
      such a literal, whichever helper forwards it (lex_error, report_sum, a
      `const char *code = … ? "E111" : "E110"`), so the literals are the
      codes bdlc can raise; no file builds a code at run time.  Comments are
      dropped first (/* … */ on one line, and the lines of a block comment,
      which start with `*` or `/*` in this code base), so a comment naming a
      code does not count.  Raised = explained = `bdlc explain`'s list.
  (b) every code has its case group tests/cases/eNNN or wNNN, holding a case
      that expects it (`#~ CODE`) and a clean neighbour (a root with no `#~`
      in it or its folder, tests/cases/README.md); every such group is a code's.
  (c) the SARIF golden's rules are the codes, in the table's order; the man
      page and tests/cases/README.md point at `bdlc explain`; every token
      E/W + three digits in them, README.md, src/ and grammar/ is a code.
  (d) no string in src/ or grammar/ lists codes by hand (two codes or more
      in one literal, as E132's help once did: it now prints the generated
      bdl_allowable_warnings); a range such as "E001-E010" is not a list.
  (e) the keywords: grammar/parser.y declares exactly the KW_ tokens of the
      rules; editors/vim/syntax/bdl.vim (`syntax keyword` lines) and the
      keyword patterns of editors/textmate/bdl.tmLanguage.json name exactly
      them, and the TextMate patterns that name keywords on their own
      (code-block, code-after-keyword) name only keywords; no C file in src/
      holds a list of keywords (an initializer of 10 or more string literals
      that are keywords): bdlc import asks the scanner (lex_is_keyword).
  (f) docs/en/reference.md and docs/zh/reference.md each name every keyword
      (in backticks) and every code,
      and every token E/W + three digits in docs/ is a code.  When the file
      does not exist yet, this says so and fails.
Prints "ok - …" / "FAIL: …" lines and "lists: N passed, M failed"."""
import glob
import json
import os
import re
import subprocess
import sys

BDLC = sys.argv[1]
passed = failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("FAIL: " + what + (": " + detail if detail else ""))


def read(p):
    return open(p, encoding="utf-8", errors="replace").read()


CODE = re.compile(r"\b[EW][0-9]{3}\b")
SOURCES = sorted(glob.glob("src/*.[ch]") + glob.glob("grammar/*.[ly]"))

# ------------------------------------------------------------ the codes
explained = sorted(os.path.basename(p)[:-3] for p in glob.glob("docs/en/explain/*.md"))
explained_zh = sorted(os.path.basename(p)[:-3] for p in glob.glob("docs/zh/explain/*.md"))
out = subprocess.run([BDLC, "explain"], capture_output=True, text=True)
listed = sorted(line[:4] for line in out.stdout.splitlines())
check(len(explained) >= 33, "docs/en/explain holds the explanations (%d)" % len(explained))
check(explained == explained_zh, "docs/en/explain and docs/zh/explain explain the same codes",
      "only en: %s; only zh: %s" % (sorted(set(explained) - set(explained_zh)),
                                    sorted(set(explained_zh) - set(explained))))
check(listed == explained, "`bdlc explain` lists exactly the explained codes (the generated table)",
      "listed only: %s; explained only: %s" % (sorted(set(listed) - set(explained)),
                                              sorted(set(explained) - set(listed))))
codes = set(explained)


def code_lines(path):
    """(line number, text) of a C/flex/bison file with its comments dropped."""
    in_block = False
    for n, line in enumerate(read(path).split("\n"), 1):
        s = line.strip()
        if in_block:
            if "*/" in line:
                in_block = False
                line = line[line.index("*/") + 2:]
            else:
                continue
        line = re.sub(r"/\*.*?\*/", "", line)
        if "/*" in line:  # a block comment starts here
            line = line[:line.index("/*")]
            in_block = True
        if s.startswith("* ") or s == "*":
            continue
        yield n, line


# (a) raised = explained
raised = {}
for p in SOURCES:
    for n, line in code_lines(p):
        for c in re.findall(r'"([EW][0-9]{3})"', line):
            raised.setdefault(c, "%s:%d" % (p, n))
check(len(raised) >= 33, "(a) codes raised in src/ and grammar/ found (%d)" % len(raised))
missing = sorted(set(raised) - codes)
check(not missing, "(a) every code raised has an explanation",
      ", ".join("%s (%s) has no docs/en/explain/%s.md" % (c, raised[c], c) for c in missing))
unraised = sorted(codes - set(raised))
check(not unraised, "(a) every explained code is raised somewhere in src/ or grammar/",
      ", ".join(unraised) + " never raised")

# (b) case groups
for c in sorted(codes):
    d = "tests/cases/" + c.lower()
    if not os.path.isdir(d):
        check(False, "(b) %s has its case group" % c, d + " is missing")
        continue
    files = glob.glob(d + "/**/*.bdl", recursive=True)
    fires = [f for f in files if re.search(r"#~.*\b%s\b" % c, read(f))]
    clean = [f for f in glob.glob(d + "/*.bdl")
             if "#~" not in read(f) and not any("#~" in read(g) for g in glob.glob(f[:-4] + "/**/*.bdl", recursive=True))]
    check(fires and clean, "(b) %s has a case that fires and a clean neighbour" % c,
          "%d firing, %d clean in %s" % (len(fires), len(clean), d))
for d in sorted(glob.glob("tests/cases/[ew][0-9][0-9][0-9]")):
    c = os.path.basename(d).upper()
    check(c in codes, "(b) the case group %s is a code's" % d, c + " is not a code")

# (c) SARIF golden, man page, cases README
sarif = json.load(open("tests/golden/check/nanchuan-budget.sarif", encoding="utf-8"))
rules = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
table = [line[:4] for line in out.stdout.splitlines()]
check(rules == table, "(c) the SARIF golden's rules are the codes, in order",
      "golden %s vs table %s" % (rules, table))
for p in ("src/bdlc.1", "tests/cases/README.md"):
    check("bdlc explain" in read(p), "(c) %s points at `bdlc explain`" % p)
for p in ["src/bdlc.1", "tests/cases/README.md", "README.md"] + SOURCES:
    bad = sorted(set(CODE.findall(read(p))) - codes)
    check(not bad, "(c) %s names only existing codes" % p, " ".join(bad))

# (d) no hand-written list of codes in a string
lists = []
for p in SOURCES:
    for n, line in code_lines(p):
        for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            found = CODE.findall(re.sub(r"\b[EW][0-9]{3}\s*[-\u2013]\s*[EW][0-9]{3}\b", "", lit))
            if len(found) >= 2:
                lists.append("%s:%d \"%s\"" % (p, n, lit))
check(not lists, "(d) no string in src/ or grammar/ lists codes by hand", "; ".join(lists))

# ------------------------------------------------------------ keywords
lex = read("grammar/lexer.l").split("\n%%\n")
keywords = re.findall(r'^"([a-z][a-z-]*)"\s*\{\s*return (KW_[A-Z_]+);', lex[1], re.M) if len(lex) > 1 else []
kw = {k for k, _ in keywords}
check(len(kw) >= 40, "(e) the keyword rules of grammar/lexer.l found (%d)" % len(kw))
tokens = set(re.findall(r"\bKW_[A-Z_]+\b", " ".join(re.findall(r"^%token\s+(.*)$", read("grammar/parser.y"), re.M))))
check(tokens == {t for _, t in keywords}, "(e) grammar/parser.y declares exactly the KW_ tokens of the rules",
      "parser only: %s; lexer only: %s" % (sorted(tokens - {t for _, t in keywords}),
                                          sorted({t for _, t in keywords} - tokens)))
vim = set()
for line in read("editors/vim/syntax/bdl.vim").splitlines():
    m = re.match(r"syntax keyword bdl(Statement|Clause|Cell)\s+(.*)", line)
    if m:
        vim |= set(m.group(2).split())
check(vim == kw, "(e) editors/vim/syntax/bdl.vim knows exactly the keywords",
      "vim only: %s; lexer only: %s" % (sorted(vim - kw), sorted(kw - vim)))
tm = json.load(open("editors/textmate/bdl.tmLanguage.json", encoding="utf-8"))
tmkw = set()
for pat in tm["repository"]["keyword"]["patterns"]:
    for alt in re.findall(r"\(\?:([a-z|-]+)\)", pat["match"]):
        tmkw |= set(alt.split("|"))
check(tmkw == kw, "(e) the keyword patterns of editors/textmate/bdl.tmLanguage.json name exactly the keywords",
      "textmate only: %s; lexer only: %s" % (sorted(tmkw - kw), sorted(kw - tmkw)))
other = set()
for name in ("code-block", "code-after-keyword"):
    r = tm["repository"][name]
    for alt in re.findall(r"\(([a-z|-]+)\)", r.get("begin", "") + r.get("match", "")):
        other |= set(alt.split("|"))
check(other and other <= kw, "(e) the TextMate patterns code-block and code-after-keyword name only keywords",
      " ".join(sorted(other - kw)))
copies = []
for p in sorted(glob.glob("src/*.c")):
    for init in re.findall(r"=\s*\{([^{}]*)\}\s*;", read(p)):
        lits = re.findall(r'"([^"\\]*)"', init)
        if len([x for x in lits if x in kw]) >= 10:
            copies.append(p)
check(not copies, "(e) no C file in src/ holds its own list of keywords (use lex_is_keyword)", " ".join(copies))

# ------------------------------------------------------------ docs
for ref in ("docs/en/reference.md", "docs/zh/reference.md"):
    if not os.path.exists(ref):
        check(False, "(f) %s names every keyword and code" % ref,
              "%s does not exist yet (it comes with the language reference)" % ref)
        continue
    text = read(ref)
    spans = " ".join(re.findall(r"`([^`\n]+)`", text))  # what is in backticks
    nokw = sorted(k for k in kw if not re.search(r"(?<![a-z-])%s(?![a-z-])" % re.escape(k), spans))
    check(not nokw, "(f) %s names every keyword in backticks" % ref, " ".join(nokw))
    nocode = sorted(c for c in codes if not re.search(r"\b%s\b" % c, text))
    check(not nocode, "(f) %s names every code" % ref, " ".join(nocode))
for p in sorted(glob.glob("docs/**/*", recursive=True)):
    if os.path.isfile(p):
        bad = sorted(set(CODE.findall(read(p))) - codes)
        check(not bad, "(f) %s names only existing codes" % p, " ".join(bad))

print("lists: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
