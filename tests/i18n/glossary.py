#!/usr/bin/env python3
"""tests/i18n/glossary.py GLOSSARY.md CATALOGUE.po — the catalogue uses the
glossary's words: for each checked English term (backticked in the table's
first column) found in a msgid, the msgstr holds the term's Chinese; no
msgstr holds a rendering of the 不用 column.  Prints one line per problem;
exit status 1 when there is any."""
import re
import sys


def unquote(lines):
    return ''.join(bytes(l, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
                   for l in re.findall(r'"((?:[^"\\]|\\.)*)"', lines))


def catalogue(path):
    text = open(path, encoding='utf-8').read()
    out = []
    for entry in text.split('\n\n'):
        if entry.lstrip().startswith('#~'):
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not m:
            continue
        msgid = unquote(m.group(1))
        if not msgid:
            continue
        p = re.search(r'^msgid_plural ((?:".*"\n?)+)', entry, re.M)
        if p:
            msgid += '\n' + unquote(p.group(1))
        strs = re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', entry, re.M)
        out.append((msgid, '\n'.join(unquote(s) for s in strs)))
    return out


def glossary(path):
    terms, banned = [], []
    for line in open(path, encoding='utf-8'):
        if not line.startswith('| ') or line.startswith('| English') or line.startswith('|---'):
            continue
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) < 4:
            continue
        zh = re.sub(r'\s*\(.*\)$', '', cells[1]).strip()
        for en in re.findall(r'`([^`]+)`', cells[0]):
            terms.append((en, zh))
        for b in cells[3].split(','):
            b = re.sub(r'\s*\(.*\)$', '', b).strip()
            if b:
                banned.append((b, zh))
    terms.sort(key=lambda t: -len(t[0]))
    return terms, banned


def prose(msgid):
    """The English a reader reads: BDL and command-line syntax taken out."""
    s = re.sub(r'`[^`]*`', ' ', msgid)
    s = re.sub(r'--?[a-zA-Z][a-zA-Z-]*', ' ', s)
    s = re.sub(r"'[^']*'", ' ', s)
    return s


def main():
    terms, banned = glossary(sys.argv[1])
    bad = 0
    seen = set()
    for msgid, msgstr in catalogue(sys.argv[2]):
        text = prose(msgid)
        for en, zh in terms:
            pat = re.compile(r'(?<![A-Za-z])' + re.escape(en) + r'(?![A-Za-z])', re.I) \
                if en.isascii() else re.compile(re.escape(en))
            if not pat.search(text):
                continue
            text = pat.sub(' ', text)  # a longer term took these words
            if zh not in msgstr:
                print('glossary: "%s" is %s, but the translation of "%s" says "%s"' % (en, zh, msgid, msgstr))
                bad += 1
        for b, zh in banned:
            if b in msgstr and (b, msgstr) not in seen:
                seen.add((b, msgstr))
                print('glossary: "%s" is not a word of the glossary (it says %s): "%s"' % (b, zh, msgstr))
                bad += 1
    print('glossary: %d terms, %d renderings ruled out, %d problems' % (len(terms), len(banned), bad))
    return 1 if bad else 0


sys.exit(main())
