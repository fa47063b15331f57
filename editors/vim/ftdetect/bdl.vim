" BDL, the Budget Description Language: *.bdl files.
autocmd BufRead,BufNewFile *.bdl setfiletype bdl
