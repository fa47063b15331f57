/*
 * fuzz_parse.c — libFuzzer target for the lexer and parser alone.
 *
 * Each input is one in-memory source file parsed into a fresh unit; the
 * unit (and its arena) is freed after every run, so leaks show up in
 * LeakSanitizer.  Built and run by `make fuzz` (see the Makefile).
 */
#include <stddef.h>
#include <stdint.h>

#include "bdl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 24)) return 0; /* offsets are 32-bit; libFuzzer stays far below */
    Unit *u = unit_new(NULL);
    SrcFile *f = src_from_memory(u, "fuzz.bdl", (const char *)data, size, false);
    Vec stmts = { 0 }; /* arena storage: freed with the unit */
    parse_file(u, f, &stmts);
    unit_free(u);
    return 0;
}
