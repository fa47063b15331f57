" Vim syntax file
" Language:    BDL, the Budget Description Language (bdlc)
" Filenames:   *.bdl
" Reference:   spec §2 (lexical rules) and §3 (statements)
"
" Install: copy editors/vim/{syntax,ftdetect,ftplugin}/bdl.vim into
" ~/.vim/ (or ~/.config/nvim/), or add editors/vim to 'runtimepath'.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" Names continue with ASCII letters, digits, `_` and `-` (and any non-ASCII
" character, which Vim already counts as part of a word).
syntax iskeyword @,48-57,_,-

syntax case match

" Keywords of spec §2, in three groups: statements, clauses, cells.
syntax keyword bdlStatement import include budget income carryover expenditure economic
syntax keyword bdlStatement three-public procurement performance project classification source
syntax keyword bdlStatement indicator-levels three-public-codes links
syntax keyword bdlStatement operating-costs procurement-summary table agencies
syntax keyword bdlStatement previous narrative
syntax keyword bdlClause    department agency unit decimals projects partial allow category goal
syntax keyword bdlClause    indicator amount superior owner function execution-weight summary basis
syntax keyword bdlClause    fiscal labels column
syntax keyword bdlClause    layout variant kind implementer plan period schedule nature start end
syntax keyword bdlClause    annual-goal title grouping zero label
syntax keyword bdlClause    execution purpose reason duties organisation
syntax keyword bdlCell      total basic personnel public overseas vehicle-purchase vehicle-operation
syntax keyword bdlCell      reception weight core qualitative

" Numbers: -?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?; any other run of digits,
" commas and dots is malformed (E004).  A number never follows a name
" directly (the name swallows the digits).
syntax match bdlBadNumber /\v(^|[ \t{}=<>\/%≥≤])@<=-?\d[0-9,.]*/
syntax match bdlNumber    /\v(^|[ \t{}=<>\/%≥≤])@<=-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([0-9A-Za-z_,.]|[^\x00-\x7f])@!/

" Codes: a digit followed by letters and digits (50011926T000005286480),
" the code that starts a row, and the code after project, procurement,
" department, agency, function and economic.
syntax match bdlCode /\v(^|[ \t{}])@<=\d[0-9A-Za-z]*[A-Za-z][0-9A-Za-z]*([0-9A-Za-z_.,-]|[^\x00-\x7f])@!/
syntax match bdlCode /\v^\s*\zs\d+\ze(\s|$)/
syntax match bdlCode /\v<(project|procurement|department|agency|function|economic)\s+\zs\d[0-9A-Za-z]*/

syntax match bdlOperator /[=<>\/%≥≤]/
syntax match bdlBrace    /[{}]/

" Look-alikes (E002 outside strings and comments): the full-width space,
" full-width forms other than （ ）, curly quotes and the minus sign.
syntax match bdlLookalike /[\u3000\uff01-\uff07\uff0a-\uff5e\u201c\u201d\u2018\u2019\u2212]/

" Strings: "..." with \" \\ \n \t \u{X…}; an unterminated one is an error.
syntax match  bdlUnterminated /"\([^"\\]\|\\.\)*$/ contains=bdlEscape,bdlBadEscape
syntax region bdlString start=/"/ skip=/\\\\\|\\"/ end=/"/ oneline contains=bdlEscape,bdlBadEscape,@Spell
syntax match  bdlBadEscape /\\./ contained
syntax match  bdlEscape    /\\["\\nt]/ contained
syntax match  bdlEscape    /\\u{\x\{1,6}}/ contained

syntax keyword bdlTodo    TODO FIXME XXX NOTE contained
syntax match   bdlComment /#.*$/ contains=bdlTodo,@Spell

highlight default link bdlStatement    Statement
highlight default link bdlClause       Keyword
highlight default link bdlCell         Type
highlight default link bdlNumber       Number
highlight default link bdlBadNumber    Error
highlight default link bdlCode         Constant
highlight default link bdlOperator     Operator
highlight default link bdlBrace        Delimiter
highlight default link bdlLookalike    Error
highlight default link bdlString       String
highlight default link bdlUnterminated Error
highlight default link bdlEscape       SpecialChar
highlight default link bdlBadEscape    Error
highlight default link bdlTodo         Todo
highlight default link bdlComment      Comment

let b:current_syntax = 'bdl'

let &cpo = s:cpo_save
unlet s:cpo_save
