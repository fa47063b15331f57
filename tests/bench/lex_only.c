/*
 * lex_only.c — `make bench`'s scanner baseline: read each FILE as bdlc does
 * (src_load) and run our flex scanner (grammar/lexer.l, linked from
 * libbdl.a) over it, token by token, with no parser.  Prints the count.
 *
 *   build/bench/lex_only FILE...
 */
#include <stdio.h>

#include "bdl.h"
#include "parser.h"

int main(int argc, char **argv)
{
    long tokens = 0, lines = 0;
    for (int i = 1; i < argc; i++) {
        Unit *u = unit_new(NULL);
        char err[512];
        SrcFile *f = src_load(u, argv[i], err, sizeof err);
        if (!f) {
            fprintf(stderr, "lex_only: %s\n", err);
            return 2;
        }
        Lexer lx;
        lexer_open(&lx, u, f);
        Tok t;
        while (lex_next(&lx, &t) != YYEOF) tokens++;
        lines += lx.line - 1;
        lexer_close(&lx);
        unit_free(u);
    }
    printf("%ld tokens, %ld lines\n", tokens, lines);
    return 0;
}
