#!/usr/bin/env python3
"""blocks.py FILE.md OUTDIR — check the layout of one explanation and write
its two budgets: OUTDIR/example/budget.bdl and OUTDIR/fix/budget.bdl.

The layout (the same in docs/en and docs/zh):

    # CODE: title
    (blank)
    severity: error|warning
    (blank)
    text
    ## Example                 (zh: ## 示例)
    ```bdl                     the example's root file
    ...
    ```
    ## How to fix it           (zh: ## 如何修改)
    text
    ```bdl                     the fixed root file
    ...
    ```

Conventions for what a single file cannot show (only this runner reads them;
`bdlc explain` prints the text as it is):
  - a block opened with ```bdl file=PATH is another file of the same budget,
    written beside the root (PATH relative to it) — for includes and imports
    (E020, E021).  It belongs to the root block above it.
  - inside a bdl block, \\x{HH} stands for the byte 0xHH, for bytes that
    cannot be typed (E001: invalid UTF-8).
Prints the problems and exits 1 when the layout is wrong."""
import os
import re
import sys

HEAD = {"en": ("## Example", "## How to fix it"), "zh": ("## 示例", "## 如何修改")}


def fail(msg):
    print("%s: %s" % (sys.argv[1], msg))
    sys.exit(1)


def expand(text):
    return re.sub(rb"\\x\{([0-9A-Fa-f]{2})\}", lambda m: bytes([int(m.group(1), 16)]),
                  text.encode("utf-8"))


def main():
    path, out = sys.argv[1], sys.argv[2]
    code = os.path.basename(path)[:-3]
    lang = os.path.basename(os.path.dirname(os.path.dirname(path)))
    lines = open(path, encoding="utf-8").read().split("\n")
    if not re.fullmatch(r"# %s: \S.*" % code, lines[0]):
        fail("the first line is not '# %s: TITLE'" % code)
    sev = "error" if code[0] == "E" else "warning"
    if lines[1] != "" or lines[2] != "severity: " + sev or lines[3] != "":
        fail("lines 2-4 must be a blank line, 'severity: %s', a blank line" % sev)
    ex_head, fix_head = HEAD[lang]
    if lines.count(ex_head) != 1 or lines.count(fix_head) != 1:
        fail("needs one '%s' and one '%s' heading" % (ex_head, fix_head))
    ex_at, fix_at = lines.index(ex_head), lines.index(fix_head)
    if not 4 < ex_at < fix_at:
        fail("'%s' must come before '%s', after the text" % (ex_head, fix_head))
    # the blocks: (line index, info, body)
    blocks, i = [], 0
    while i < len(lines):
        if lines[i].startswith("```") and lines[i] != "```":
            info, body, j = lines[i][3:], [], i + 1
            while j < len(lines) and lines[j] != "```":
                body.append(lines[j])
                j += 1
            if j == len(lines):
                fail("a block opened at line %d is not closed" % (i + 1))
            blocks.append((i, info, "\n".join(body) + "\n"))
            i = j
        i += 1
    roots = [b for b in blocks if b[1] == "bdl"]
    if len(roots) != 2:
        fail("needs exactly two ```bdl blocks (the example and its fix), found %d" % len(roots))
    if not ex_at < roots[0][0] < fix_at < roots[1][0]:
        fail("the first ```bdl block goes under '%s', the second under '%s'" % (ex_head, fix_head))
    for at, info, body in blocks:
        m = re.fullmatch(r"bdl( file=([A-Za-z0-9_./-]+))?", info)
        if not m:
            fail("line %d: a block is ```bdl or ```bdl file=PATH, not ```%s" % (at + 1, info))
        which = "example" if at < roots[1][0] else "fix"
        name = m.group(2) or "budget.bdl"
        if ".." in name.split("/"):
            fail("line %d: file=%s leaves the budget's folder" % (at + 1, name))
        dest = os.path.join(out, which, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(expand(body))


main()
