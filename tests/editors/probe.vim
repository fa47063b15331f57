" tests/editors/probe.vim — run by tests/editors/run.sh inside a headless Vim
" with editors/vim on 'runtimepath': writes $PROBE_OUT with one line per
" failure, then "vim: N probes" (N = how many were checked).
let s:out = []
let s:n = 0
function! s:Group(lnum, tok) abort
  let c = match(getline(a:lnum), '\V' . escape(a:tok, '\')) + 1
  return c > 0 ? synIDattr(synID(a:lnum, c, 1), 'name') : '(token not found)'
endfunction
function! s:Expect(lnum, tok, want) abort
  let s:n += 1
  let got = s:Group(a:lnum, a:tok)
  if got !=# a:want
    call add(s:out, 'FAIL: vim line ' . a:lnum . ' ' . a:tok . ': ' . got . ', expected ' . a:want)
  endif
endfunction

" the sample: filetype detection, then highlighting
edit $PROBE_SAMPLE
if &filetype !=# 'bdl'
  call add(s:out, 'FAIL: *.bdl is not detected as filetype bdl (got "' . &filetype . '")')
endif
call s:Expect(1, 'TODO', 'bdlTodo')
call s:Expect(1, 'comment', 'bdlComment')
call s:Expect(2, 'three-public', 'bdlStatement')
call s:Expect(2, 'vehicle-operation', 'bdlCell')
call s:Expect(2, '17.50', 'bdlNumber')
call s:Expect(3, '2010101', 'bdlCode')
call s:Expect(3, 'total', 'bdlCell')
call s:Expect(3, '934.58', 'bdlNumber')
call s:Expect(3, '1,00.00', 'bdlBadNumber')
call s:Expect(4, 'project', 'bdlStatement')
call s:Expect(4, '50011926T000005286480', 'bdlCode')
call s:Expect(4, '区人大', 'bdlString')
call s:Expect(4, '\"', 'bdlEscape')
call s:Expect(4, '\u{4E00}', 'bdlEscape')
call s:Expect(4, '\q', 'bdlBadEscape')
call s:Expect(5, 'indicator', 'bdlClause')
call s:Expect(5, '≥', 'bdlOperator')
call s:Expect(5, 'weight', 'bdlCell')
call s:Expect(5, 'core', 'bdlCell')
call s:Expect(6, '＝', 'bdlLookalike')
call s:Expect(6, '“', 'bdlLookalike')
call s:Expect(6, 'totals', '')
call s:Expect(6, 'my-total', '')
call s:Expect(7, '"un', 'bdlUnterminated')
call s:Expect(8, 'execution-weight', 'bdlClause')

" every keyword (the keyword rules of grammar/lexer.l) is a syntax keyword of the file
for kw in split($PROBE_KEYWORDS)
  let s:n += 1
  call setline(9, '    ' . kw . ' x')
  let g = s:Group(9, kw)
  if g !~# '^bdl\(Statement\|Clause\|Cell\)$'
    call add(s:out, 'FAIL: vim: keyword ' . kw . ' is highlighted as "' . g . '"')
  endif
endfor

" valid BDL shows no error group
for f in split($PROBE_VALID, "\n")
  execute 'edit! ' . fnameescape(f)
  for l in range(1, line('$'))
    let text = getline(l)
    for c in range(1, strlen(text))
      let g = synIDattr(synID(l, c, 1), 'name')
      if g =~# '^bdl\(BadNumber\|Lookalike\|Unterminated\|BadEscape\)$'
        call add(s:out, 'FAIL: vim: ' . f . ':' . l . ':' . c . ' is ' . g . ' in valid BDL')
        break
      endif
    endfor
  endfor
  let s:n += 1
endfor
call add(s:out, 'vim: ' . s:n . ' probes')
call writefile(s:out, $PROBE_OUT)
