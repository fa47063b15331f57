#!/bin/sh
# Writes the test cases that need raw bytes — invalid UTF-8, control characters,
# lone CR, BOMs, CRLF line ends — which an editor would silently "fix".
# Run from anywhere: sh tests/cases/gen-binary-cases.sh
# Its outputs are committed too; rerunning it must leave `git status` clean.
# Only octal escapes are used, so any POSIX printf (dash, bash, busybox) works.
set -eu
cd "$(dirname "$0")"

# ---------------------------------------------------------------- E001
{
printf '# E001: invalid UTF-8 — one E001 per run of invalid bytes, at its first byte (each byte one column); the rest of the line is skipped, so one per line (spec §2, §5 E001)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# 无效字节 \377\376 一段                          #~ E001@8\n'
printf '# overlong \300\257 encoding of /                 #~ E001@12\n'
printf '# surrogate \355\240\200 U+D800                   #~ E001@13\n'
printf '# beyond U+10FFFF \364\220\200\200                 #~ E001@19\n'
printf '# lone continuation \200 and again \377 later      #~ E001@21\n'
printf '# truncated \344\270 before ASCII                  #~ E001@13\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院的\345\267工作监督"       #~ E001@21\n'
printf '}\n'
} > e001/invalid-bytes.bdl

{
printf '# E001 neighbour: the same lines with valid UTF-8 check clean (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# 无效字节 一段\n'
printf '# overlong encoding of /\n'
printf '# surrogate U+D800\n'
printf '# beyond U+10FFFF \364\217\277\277 is U+10FFFF itself, valid\n'
printf '# lone continuation and again later\n'
printf '# truncated \344\270\255 before ASCII\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院的工作监督"\n'
printf '}\n'
} > e001/invalid-bytes-clean.bdl

{
printf '# E001: an invalid byte in a code line is reported and the rest of that line skipped: no E010 for the cut-off row (spec §2: nothing more is reported on it)\n'
printf 'source general 一般公共预算资金 fiscal\n'
printf 'classification function {\n'
printf '    201 一般公共服务支出\n'
printf '    20101 人大事务\n'
printf '    2010101 行政运行\n'
printf '}\n'
printf '\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf 'expenditure {\n'
printf '    2010101 行政运行 basic \377 10.00               #~ E001@24\n'
printf '}\n'
} > e001/in-row.bdl

# ---------------------------------------------------------------- E002 (raw bytes)
{
printf '# E002: a control character other than tab is E002 wherever it is — comments, strings, a line of its own; only the first on a line is reported (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# SOH \001 in a comment                        #~ E002@7\n'
printf '\014                                            #~ E002@1\n'
printf '# DEL \177 in a comment                        #~ E002@7\n'
printf '# VT\013 then ESC\033 on one line               #~ E002@5\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院的工作监督\033[0m"     #~ E002@25\n'
printf '}\n'
} > e002/control-chars.bdl

{
printf '# E002 neighbour: the same lines without control characters — tab is whitespace — check clean (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# SOH in a comment\n'
printf '\t\n'
printf '# DEL\tin a comment\n'
printf '# VT then ESC on one line\n'
printf '\n'
printf 'performance {\n'
printf '\tgoal\t"加强对一府一委两院的工作监督\t[0m"\n'
printf '}\n'
} > e002/control-chars-clean.bdl

{
printf '# E002: a NUL byte is a control character (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '#~ E002@16 NUL:\000 in a comment (the expectation comes first: tools that read C strings stop at the NUL)\n'
} > e002/nul.bdl

{
printf '# E002: U+0085 (NEL, a C1 control, Unicode category Cc) is a control character and no line break (spec §2); see README Interpretations\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# NEL \302\205 in a comment                    #~ E002@7\n'
} > e002/c1-control.bdl

{
printf '# E002: a lone CR (not followed by LF) ends no line and is E002 wherever it is (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# 回车\015在注释中                               #~ E002@5\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院\015的工作监督"         #~ E002@20\n'
printf '}\n'
} > e002/lone-cr.bdl

{
printf '# E002 neighbour: the same lines without the CR check clean (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# 回车在注释中\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院的工作监督"\n'
printf '}\n'
} > e002/lone-cr-clean.bdl

{
printf '# E002: a BOM (U+FEFF) anywhere but the very start is E002 — mid-line, at the start of a later line, inside a string (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# 中间的BOM\357\273\277在这里                    #~ E002@9\n'
printf '\357\273\277# a BOM at the start of line 6           #~ E002@1\n'
printf '\n'
printf 'performance {\n'
printf '    goal "\357\273\277加强对一府一委两院的工作监督"       #~ E002@11\n'
printf '}\n'
} > e002/bom-middle.bdl

{
printf '# E002 neighbour: the same lines without the BOMs check clean (spec §2)\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf '# 中间的BOM在这里\n'
printf '# a BOM at the start of line 6\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院的工作监督"\n'
printf '}\n'
} > e002/bom-middle-clean.bdl

{
printf '# E002 in a CRLF file: the CR of CRLF is part of the line end, not a lone CR, and takes no column; the look-alike is reported as usual (spec §2)\015\n'
printf 'import "cn/2026"\015\n'
printf '\015\n'
printf 'budget 2026 {\015\n'
printf '}\015\n'
printf '\015\n'
printf 'performance {\015\n'
printf '    goal "加强对一府一委两院的工作监督"\015\n'
printf '    indicator 产出指标/数量指标/专题调研 ＝ 6 次          #~ E002@30\015\n'
printf '}\015\n'
} > e002/crlf-lookalike.bdl

# ---------------------------------------------------------------- columns
{
printf '\357\273\277# Columns: the BOM at the very start is ignored and takes no column, so this SOH\001 is at column 81 (spec §2, §6)  #~ E002@81\n'
printf 'budget 2026 {\n'
printf '}\n'
} > columns/bom-start.bdl

# ---------------------------------------------------------------- syntax (clean)
{
printf '\357\273\277# Syntax: a BOM at the very start of a file is ignored (spec §2)\n'
printf 'import "cn/2026"\n'
printf '\n'
printf 'budget 2026 {\n'
printf '}\n'
printf '\n'
printf 'performance {\n'
printf '    goal "加强对一府一委两院的工作监督"\n'
printf '}\n'
} > syntax/bom.bdl

{
printf '# Syntax: CRLF ends lines like LF — rows, block ends, comments, and a string continued across CRLF lines (spec §2)\015\n'
printf 'import "cn/2026"   # stdlib\015\n'
printf '\015\n'
printf 'budget 2026 {\015\n'
printf '    unit 万元\015\n'
printf '}\015\n'
printf '\015\n'
printf 'income {\015\n'
printf '    一般公共预算资金 10.00\015\n'
printf '}\015\n'
printf '\015\n'
printf 'expenditure {\015\n'
printf '    2010101 行政运行 basic 10.00\015\n'
printf '}\015\n'
printf '\015\n'
printf 'three-public { overseas 0.00 reception 0.00 }\015\n'
printf '\015\n'
printf 'performance {\015\n'
printf '    goal "通过召开主任会、常委会、人代会，"\015\n'
printf '         "进一步加强对一府一委两院的工作监督。"\015\n'
printf '    indicator 产出指标/数量指标/专题调研 >= 6 次\015\n'
printf '}\015\n'
} > syntax/crlf.bdl

{
printf '\357\273\277# Syntax: a BOM at the start and CRLF line ends together, as Windows Notepad saves (spec §2)\015\n'
printf 'budget 2026 {\015\n'
printf '}\015\n'
} > syntax/crlf-bom.bdl
