# bdlc — build, test, bench.  `make` leaves the compiler at build/bdlc;
# every generated file goes under build/.
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
FLEX     ?= flex
BISON    ?= bison
B        := build
LIBS     := -pthread # jobs.c: parsing on every core

ifeq ($(SANITIZE),1)
CFLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=address,undefined
B        := build/san
endif

SRC      := src/memory.c src/map.c src/buf.c src/file.c src/source.c src/diag.c src/money.c src/load.c src/symtab.c src/check.c \
            src/jobs.c src/model.c src/layout.c src/emit_json.c src/emit_csv.c src/emit_html.c src/compile.c src/fmt.c src/import.c \
            src/import_text.c src/import_tables.c src/import_derive.c src/import_write.c src/import_read.c src/import_layout.c \
            src/import_tree.c src/import_narrative.c src/grid.c src/review.c src/explain.c src/i18n.c src/district.c src/facts.c src/consolidate.c \
            src/diff.c src/narrative.c
GEN      := $(B)/gen/lexer.c $(B)/gen/parser.c $(B)/gen/stdlib_data.c $(B)/gen/explain_data.c
OBJ      := $(SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/lexer.o $(B)/obj/parser.o $(B)/obj/stdlib_data.o \
            $(B)/obj/explain_data.o
STDLIB   := $(sort $(wildcard stdlib/*/*/*.bdl))
LAYOUTS  := stdlib/layout/DEFAULT $(sort $(wildcard stdlib/layout/*/*.layout))
NARRATIVES := $(sort $(wildcard stdlib/layout/*/*.narrative))
EXPLAIN  := $(sort $(wildcard docs/*/explain/*.md))
INC      := -Isrc -I$(B)/gen

.PHONY: all test unit cases clean bench fuzz install po plugins
all: $(B)/bdlc $(B)/locale/zh_CN/LC_MESSAGES/bdlc.mo plugins
ifeq ($(SANITIZE),1)
all: build/bdlc-san
build/bdlc-san: $(B)/bdlc
	cp $< $@
endif

# one bison run makes both files (a grouped target: with -j2 two runs raced)
$(B)/gen/parser.c $(B)/gen/parser.h &: grammar/parser.y
	@mkdir -p $(B)/gen
	$(BISON) -Wall -Werror --defines=$(B)/gen/parser.h -o $(B)/gen/parser.c $<

$(B)/gen/lexer.c: grammar/lexer.l
	@mkdir -p $(B)/gen
	$(FLEX) -o $@ $<

# The stdlib is compiled into the binary so bdlc works from any folder.
$(B)/gen/stdlib_data.c: $(STDLIB) $(LAYOUTS) $(NARRATIVES) stdlib/embed.sh
	@mkdir -p $(B)/gen
	{ sh stdlib/embed.sh $(STDLIB) && ARRAY=bdl_builtin_layouts sh stdlib/embed.sh $(LAYOUTS) && \
	  ARRAY=bdl_builtin_narratives sh stdlib/embed.sh $(NARRATIVES); } > $@.tmp && mv $@.tmp $@

# The diagnostic codes: their table and `bdlc explain` texts come from one
# file per code and language (the folders too: a file removed rebuilds).
$(B)/gen/explain_data.c: $(EXPLAIN) docs/en/explain docs/zh/explain docs/embed-explain.sh
	@mkdir -p $(B)/gen
	sh docs/embed-explain.sh docs > $@.tmp && mv $@.tmp $@

$(B)/obj/%.o: src/%.c src/bdl.h $(B)/gen/parser.h
	@mkdir -p $(B)/obj
	$(CC) $(WARN) $(CFLAGS) $(INC) -c -o $@ $<

$(B)/obj/import%.o: src/import.h src/grid.h
# (a pattern rule without a recipe adds nothing: the importer's objects by name)
$(patsubst src/%.c,$(B)/obj/%.o,$(wildcard src/import*.c) src/review.c): src/import.h src/grid.h
$(B)/obj/grid.o: src/grid.h
$(B)/obj/review.o: src/import.h

# Where an installed bdlc looks for its catalogue last (i18n.c); on WARN,
# not CFLAGS, so that a CFLAGS given on the command line keeps it.
$(B)/obj/i18n.o: WARN += -DLOCALEDIR='"$(PREFIX)/share/locale"'

# Generated code is compiled without -Wpedantic noise it cannot help.
$(B)/obj/lexer.o: $(B)/gen/lexer.c $(B)/gen/parser.h src/bdl.h
	@mkdir -p $(B)/obj
	$(CC) $(WARN) -Wno-unused-function -Wno-sign-compare $(CFLAGS) $(INC) -c -o $@ $<
$(B)/obj/parser.o: $(B)/gen/parser.c src/bdl.h
	@mkdir -p $(B)/obj
	$(CC) $(WARN) $(CFLAGS) $(INC) -c -o $@ $<
$(B)/obj/stdlib_data.o: $(B)/gen/stdlib_data.c src/bdl.h
	@mkdir -p $(B)/obj
	$(CC) $(WARN) -Wno-overlength-strings $(CFLAGS) $(INC) -c -o $@ $<
$(B)/obj/explain_data.o: $(B)/gen/explain_data.c src/bdl.h
	@mkdir -p $(B)/obj
	$(CC) $(WARN) -Wno-overlength-strings $(CFLAGS) $(INC) -c -o $@ $<

$(B)/libbdl.a: $(OBJ)
	rm -f $@
	ar rcs $@ $^

# -rdynamic: the plugins call back into the binary (buf_add, model_cell_text…).
$(B)/bdlc: $(B)/obj/main.o $(B)/libbdl.a
	$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ $^ $(LIBS)

# --- plugins: -f xlsx and -f pdf ----------------------------------------------
# Shared objects dlopen'ed by `bdlc compile` for their format only, so bdlc
# itself links none of libxlsxwriter, cairo, pango (tests/formats checks
# with ldd).  They need Debian's libxlsxwriter-dev, libcairo2-dev and
# libpango1.0-dev; without them `make` builds bdlc and says what is missing.
PLUGIN_DIR := $(B)/lib/bdlc
XLSX_LIBS  := $(shell pkg-config --libs xlsxwriter 2>/dev/null)
PDF_CFLAGS := $(shell pkg-config --cflags pangocairo pangoft2 fontconfig 2>/dev/null)
PDF_LIBS   := $(shell pkg-config --libs pangocairo pangoft2 fontconfig 2>/dev/null)
PDFIN_CFLAGS := $(shell pkg-config --cflags poppler-glib 2>/dev/null)
PDFIN_LIBS := $(shell pkg-config --libs poppler-glib 2>/dev/null)
PLUGINS    :=
ifneq ($(PDFIN_LIBS),)
PLUGINS    += $(PLUGIN_DIR)/pdfin.so
endif
ifneq ($(XLSX_LIBS),)
PLUGINS    += $(PLUGIN_DIR)/xlsx.so
endif
ifneq ($(PDF_LIBS),)
PLUGINS    += $(PLUGIN_DIR)/pdf.so
endif
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null)
ifneq ($(SQLITE_LIBS),)
PLUGINS    += $(PLUGIN_DIR)/sqlite.so
endif
plugins: $(PLUGINS)
ifeq ($(XLSX_LIBS),)
	@echo "make: -f xlsx not built: install libxlsxwriter-dev (apt-get install libxlsxwriter-dev)"
endif
ifeq ($(PDFIN_LIBS),)
	@echo "make: import of PDF not built: install libpoppler-glib-dev (apt-get install libpoppler-glib-dev)"
endif
ifeq ($(PDF_LIBS),)
	@echo "make: -f pdf not built: install libcairo2-dev libpango1.0-dev (apt-get install libcairo2-dev libpango1.0-dev)"
endif
ifeq ($(SQLITE_LIBS),)
	@echo "make: -f sqlite not built: install libsqlite3-dev (apt-get install libsqlite3-dev)"
endif

$(PLUGIN_DIR)/xlsx.so: src/emit_xlsx.c src/bdl.h
	@mkdir -p $(PLUGIN_DIR)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -fPIC -shared -o $@ $< $(XLSX_LIBS)
$(PLUGIN_DIR)/sqlite.so: src/emit_sqlite.c src/bdl.h
	@mkdir -p $(PLUGIN_DIR)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -fPIC -shared -o $@ $< $(SQLITE_LIBS)
$(PLUGIN_DIR)/pdf.so: src/emit_pdf.c src/pdf_grid.c src/pdf.h src/bdl.h
	@mkdir -p $(PLUGIN_DIR)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(PDF_CFLAGS) $(LDFLAGS) -fPIC -shared -o $@ src/emit_pdf.c src/pdf_grid.c $(PDF_LIBS)

# pdfin.so: `bdlc import FILE.pdf` and `bdlc review` (poppler's GLib binding).
$(PLUGIN_DIR)/pdfin.so: src/pdfin.c src/grid.h src/bdl.h
	@mkdir -p $(PLUGIN_DIR)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(PDFIN_CFLAGS) $(LDFLAGS) -fPIC -shared -o $@ $< $(PDFIN_LIBS)

# ------------------------------------------------------------ translations
# Messages go through GNU gettext (Debian package `gettext`: xgettext,
# msgfmt, msgmerge).  The catalogue is compiled next to the binary, where
# i18n.c finds it; `make po` refreshes po/bdlc.pot from the sources and
# merges it into po/zh_CN.po (see po/README.md).
POTFILES := $(shell cat po/POTFILES)
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --no-wrap --sort-by-file --add-location=file \
    --package-name=bdlc --package-version=$(shell sed -n 's/^\#define BDL_VERSION "\(.*\)"/\1/p' src/bdl.h) \
    --msgid-bugs-address= --keyword=_ --keyword=N_ --keyword=i18n_ngettext:1,2 \
    --keyword=diag_at:4 --keyword=diag_note:3 --keyword=diag_help:2 --keyword=lex_error:4 \
    --keyword=warn:3 --keyword=fail:3 --keyword=unplaced:4 --keyword=io_error:1 --keyword=usage_error:1 --keyword=fmt_usage_error:1 --keyword=usage:1 --keyword=usage_error:2 --keyword=explain_usage_error:1 --keyword=fail_note:2 \
    --keyword=imp_warn:3 --keyword=imp_fail:3 --keyword=imp_unplaced:4 --keyword=imp_fail_note:2 \
    --flag=imp_warn:3:c-format --flag=imp_fail:3:c-format --flag=imp_unplaced:4:c-format --flag=imp_fail_note:2:c-format \
    --flag=diag_at:4:c-format --flag=diag_note:3:c-format --flag=diag_help:2:c-format \
    --flag=lex_error:4:c-format --flag=fail_note:2:c-format --flag=explain_usage_error:1:c-format --flag=warn:3:c-format --flag=fail:3:c-format --flag=unplaced:4:c-format \
    --flag=usage_error:1:c-format --flag=fmt_usage_error:1:c-format --flag=usage:1:c-format --flag=i18n_ngettext:1:pass-c-format \
    --flag=i18n_ngettext:2:pass-c-format --flag=_:1:pass-c-format

$(B)/locale/zh_CN/LC_MESSAGES/bdlc.mo: po/zh_CN.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The template, made from the sources (a build product, not committed).
$(B)/bdlc.pot: $(POTFILES) po/POTFILES
	@mkdir -p $(B)
	xgettext $(XGETTEXT_FLAGS) -o $@ $(POTFILES)

po: $(B)/bdlc.pot
	msgmerge --quiet --update --backup=none --no-wrap --previous po/zh_CN.po $(B)/bdlc.pot
	@msgfmt --check --statistics -o /dev/null po/zh_CN.po

# ------------------------------------------------------------------ tests
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

$(B)/tests/%: tests/unit/%.c $(B)/libbdl.a
	@mkdir -p $(B)/tests
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -o $@ $< $(B)/libbdl.a -lcmocka $(LIBS)

$(B)/tests/case_runner: tests/case_runner.c $(B)/libbdl.a
	@mkdir -p $(B)/tests
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -o $@ $< $(B)/libbdl.a -lcmocka $(LIBS)

# the fuzz targets with a plain main() (tests/fuzz/replay.c): `make test`
# replays their seeds, so they cannot stop building unnoticed
FUZZ_REPLAY := $(patsubst %,$(B)/fuzz-replay/fuzz_%,parse check pieces import)
$(B)/fuzz-replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(B)/libbdl.a
	@mkdir -p $(B)/fuzz-replay
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(B)/libbdl.a $(LIBS)

test: $(B)/bdlc $(B)/locale/zh_CN/LC_MESSAGES/bdlc.mo plugins $(UNIT_TESTS) $(B)/tests/case_runner $(FUZZ_REPLAY)
	sh tests/run.sh $(B)

clean:
	rm -rf build

# --- fuzz ------------------------------------------------------------------
# libFuzzer targets (tests/fuzz/), built with clang into build/fuzz/ with
# ASan + UBSan.  `make fuzz FUZZ_SECONDS=N` replays the committed seeds and
# regression inputs, then fuzzes each target for N seconds (default 60) on a
# corpus under build/fuzz/corpus/ seeded from examples/ and tests/cases/.
# Crashes land in build/fuzz/artifacts/.  FUZZ_FLAGS adds libFuzzer options.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   ?=
FUZZ_NICE    ?= nice -n 10
FZ           := build/fuzz
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS := $(FZ)/fuzz_parse $(FZ)/fuzz_check $(FZ)/fuzz_pieces $(FZ)/fuzz_import
FUZZ_OBJ     := $(SRC:src/%.c=$(FZ)/obj/%.o) $(FZ)/obj/lexer.o $(FZ)/obj/parser.o $(FZ)/obj/stdlib_data.o \
                $(FZ)/obj/explain_data.o

$(FZ)/obj/%.o: src/%.c src/bdl.h $(B)/gen/parser.h
	@mkdir -p $(FZ)/obj
	$(FUZZ_CC) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(INC) -c -o $@ $<
$(FZ)/obj/%.o: $(B)/gen/%.c src/bdl.h $(B)/gen/parser.h
	@mkdir -p $(FZ)/obj
	$(FUZZ_CC) $(WARN) -Wno-unused-function -Wno-sign-compare -Wno-overlength-strings $(FUZZ_CFLAGS) \
	    -fsanitize=fuzzer-no-link $(INC) -c -o $@ $<
$(FZ)/libbdl.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $^
$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c $(FZ)/libbdl.a
	$(FUZZ_CC) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(INC) -o $@ $< $(FZ)/libbdl.a $(LIBS)

fuzz-build: $(FUZZ_TARGETS)
fuzz: $(FUZZ_TARGETS)
	FUZZ_NICE="$(FUZZ_NICE)" FUZZ_FLAGS="$(FUZZ_FLAGS)" sh tests/fuzz/run.sh $(FZ) $(FUZZ_SECONDS)
.PHONY: fuzz-build

# --- bench ------------------------------------------------------------------
# `make bench` (not part of `make test`): generate 1/10/100 MB budgets (one
# file, and the same split over ~1,000 included files) plus equivalent
# hledger/ledger/beancount journals, then time `bdlc check` against a bare
# flex scan, a flex+bison parse (load_unit, no checks), `wc -l` and the
# peers.  Results: stdout and build/bench/results.md.  See tests/bench/run.sh.
BENCH := build/bench

$(BENCH)/gen: tests/bench/gen.c
	@mkdir -p $(BENCH)
	$(CC) $(WARN) -O2 -o $@ $<

$(BENCH)/lex_only: tests/bench/lex_only.c $(B)/libbdl.a
	@mkdir -p $(BENCH)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -o $@ $< $(B)/libbdl.a $(LIBS)

$(BENCH)/parse_only: tests/bench/parse_only.c $(B)/libbdl.a
	@mkdir -p $(BENCH)
	$(CC) $(WARN) $(CFLAGS) $(INC) $(LDFLAGS) -o $@ $< $(B)/libbdl.a $(LIBS)

# the scan ceiling (issue 15): a flex -Cf scanner of BDL's tokens that
# validates nothing and does nothing per token but count it
$(BENCH)/bare: tests/bench/bare.l
	@mkdir -p $(BENCH)
	$(FLEX) -Cf -o $(BENCH)/bare.c $<
	$(CC) -O2 -w -o $@ $(BENCH)/bare.c

bench: $(B)/bdlc $(BENCH)/gen $(BENCH)/lex_only $(BENCH)/parse_only $(BENCH)/bare
	sh tests/bench/run.sh $(B)/bdlc $(BENCH)

# --- install ------------------------------------------------------------------
# `make install PREFIX=DIR` (default /usr/local; DESTDIR for staging): the
# compiler, its man page, the Chinese message catalogue, and the stdlib modules as files, so that
# BDL_PATH=$(PREFIX)/share/bdlc/stdlib makes bdlc read them instead of the
# copy compiled into it.
PREFIX ?= /usr/local
install: $(B)/bdlc $(B)/locale/zh_CN/LC_MESSAGES/bdlc.mo plugins
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES
	install -m 755 $(B)/bdlc $(DESTDIR)$(PREFIX)/bin/bdlc
	install -m 644 $(B)/locale/zh_CN/LC_MESSAGES/bdlc.mo $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES/bdlc.mo
	install -m 644 src/bdlc.1 $(DESTDIR)$(PREFIX)/share/man/man1/bdlc.1
	for p in $(PLUGINS); do \
	    install -d $(DESTDIR)$(PREFIX)/lib/bdlc && install -m 644 $$p $(DESTDIR)$(PREFIX)/lib/bdlc/ || exit 1; \
	done
	for f in $(STDLIB) $(LAYOUTS); do \
	    d=$(DESTDIR)$(PREFIX)/share/bdlc/$$(dirname $$f) && install -d $$d && install -m 644 $$f $$d/ || exit 1; \
	done

# --- coverage -----------------------------------------------------------------
# `make coverage`: a gcc --coverage build in build/cov/, the whole suite
# (tests/run.sh: unit tests, cases, goldens, hostile inputs, …) run with it,
# then line coverage of src/ and grammar/ (the generated scanner and parser
# map back to lexer.l and parser.y through their #line directives; counters
# are updated atomically, as bdlc parses on several threads): gcovr
# when installed (Debian: gcovr), else gcov's per-file summaries.  HTML
# details: build/cov/html/index.html (gcovr only).
COV := build/cov
coverage:
	$(MAKE) B=$(COV) CC=gcc SANITIZE= CFLAGS='-O0 -g --coverage -fprofile-update=atomic' LDFLAGS=--coverage \
	    $(COV)/bdlc plugins $(COV)/tests/case_runner $(patsubst $(B)/%,$(COV)/%,$(UNIT_TESTS))
	find $(COV) -name '*.gcda' -delete
	sh tests/run.sh $(COV) > $(COV)/suite.log 2>&1 || { tail -5 $(COV)/suite.log; echo "coverage: the suite failed (see $(COV)/suite.log); coverage below is still reported"; }
	@tail -1 $(COV)/suite.log
	@if command -v gcovr >/dev/null 2>&1; then \
	    mkdir -p $(COV)/html && \
	    gcovr -r . --object-directory $(COV)/obj --filter 'src/' --filter 'grammar/' \
	        --html-details $(COV)/html/index.html --txt - --print-summary | tee $(COV)/coverage.txt; \
	else \
	    cd $(COV)/obj && gcov -n *.o 2>/dev/null | awk '/^File/ { f = $$2; gsub("\047", "", f) } \
	        /^Lines executed/ && f ~ /^(src|grammar)\// && !(f in seen) { seen[f] = 1; \
	            split($$2, a, ":"); p = a[2] + 0; n = $$4; printf "%-20s %6.2f%% of %d\n", f, p, n; \
	            c += p * n / 100; t += n } \
	        /^Lines executed/ { f = "" } \
	        END { printf "lines: %.1f%% (%d out of %d)\n", 100 * c / t, c, t }' | tee ../coverage.txt; \
	fi
.PHONY: coverage
