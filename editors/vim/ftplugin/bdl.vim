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
" (in Chinese, --lang zh or LANG=zh_CN.UTF-8, the words are 错误 and 警告)
setlocal errorformat=%f:%l:%c:\ %trror%*[^:]:\ %m,%f:%l:%c:\ %tarning%*[^:]:\ %m
setlocal errorformat+=%f:%l:%c:\ 错误%*[^:]:\ %m,%f:%l:%c:\ 警告%*[^:]:\ %m,%-G%.%#

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth< softtabstop< iskeyword< makeprg< errorformat<'
