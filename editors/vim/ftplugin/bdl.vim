" Vim filetype plugin for BDL, the Budget Description Language (bdlc).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
setlocal expandtab shiftwidth=4 softtabstop=4
" `-` belongs to names such as three-public and execution-weight
setlocal iskeyword+=-
" :make runs the checks; errors land in the quickfix list
setlocal makeprg=bdlc\ check\ --color\ never\ %
setlocal errorformat=%f:%l:%c:\ %trror%*[^:]:\ %m,%f:%l:%c:\ %tarning%*[^:]:\ %m,%-G%.%#

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth< softtabstop< iskeyword< makeprg< errorformat<'
