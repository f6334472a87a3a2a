# faq: build, lint the shipped content, export it; test; install.
# `make` installs missing build dependencies (tools/deps.sh), builds build/faq,
# lints every file in content/ and writes out/NAME.{xml,jsonld,txt,html}.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
O         ?= build
CC        ?= cc
PKGS      := libxml-2.0 libpcre2-8 jansson md4c
CSTD      := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
OPT       ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) -DFAQ_VERSION='"$(VERSION)"' -Itools -I$(O) $(CFLAGS)
ALL_LIBS   = $(PKG_LIBS) -lstemmer -lpthread $(LDLIBS)

LIB_SRC   := $(filter-out tools/main.c,$(wildcard tools/*.c))
LIB_OBJ   := $(patsubst tools/%.c,$(O)/%.o,$(LIB_SRC)) $(O)/embedded.o
EMBED     := schema/faq.xsd schema/rules.xsd schema/rules.xml
CONTENT   := $(wildcard content/*.txt content/*.xml)
OUTS      := $(foreach f,$(CONTENT),$(foreach e,xml jsonld txt html,out/$(basename $(notdir $(f))).$(e)))

# Quiet build lines ("  CC      tools/x.o"); V=1 shows every command in full.
V ?= 0
ifeq ($(V),1)
Q   :=
say := @:
else
Q   := @
say := @printf '  %-7s %s\n'
endif

.PHONY: lint format format-check all deps test-deps build content test test-unit test-browser asan valgrind fuzz bench quality quality-tune install clean check-deps
.DELETE_ON_ERROR:

all: deps build content

deps:
	@sh tools/deps.sh

build: $(O)/faq

$(O)/faq: $(O)/main.o $(O)/libfaq.a
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(O)/main.o $(O)/libfaq.a $(ALL_LIBS)

$(O)/libfaq.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(O)/%.o: tools/%.c tools/*.h | $(O)/.dir
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schemas and the default rules are built into the binary.
$(O)/embedded.c: $(EMBED) tools/embed.sh | $(O)/.dir
	$(say) EMBED $@
	$(Q)sh tools/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(O)/embedded.o: $(O)/embedded.c
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/.dir:
	$(Q)mkdir -p $(O) && touch $@

# Lint every content file and write its four exports: each finding is shown once, the export's
# own warnings too (a page without a language); fails only when a file has errors.
content: $(O)/faq
	@mkdir -p out
	@st=0; for f in $(CONTENT); do \
	  n=$$(basename "$$f"); n=$${n%.*}; \
	  if $(O)/faq export --to xml,jsonld,text,html -o out/ "$$f"; then \
	    echo "wrote out/$$n.xml out/$$n.jsonld out/$$n.txt out/$$n.html"; \
	  else st=1; fi; \
	done; exit $$st

# The tools the tests use (xmllint, strace, python3-jsonschema, python3-yaml, git, vim), installed
# as root when missing; a check whose tool is still missing fails, it is never skipped.
test-deps:
	@sh tools/deps.sh --test

test: deps test-deps $(O)/faq
	@FAQ=$(O)/faq O=$(O) CC="$(CC)" SAN_FLAGS="$(SAN_FLAGS)" sh tests/run.sh

test-browser: $(O)/faq
	@sh tests/browser/run.sh $(O)/faq

asan:
	$(MAKE) O=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined" SAN_FLAGS="-fsanitize=address,undefined" test

valgrind: $(O)/faq
	@FAQ=$(O)/faq O=$(O) VALGRIND=1 sh tests/run.sh

fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Static checks, run in CI: the code style (format-check), every source built with warnings
# as errors, then cppcheck (a static analyser packaged by Debian; known false findings in
# tests/lint/cppcheck.supp).
CPPCHECK_FLAGS := --quiet -j2 --max-configs=1 --std=c11 --enable=warning,portability --inline-suppr \
	--error-exitcode=1 --suppress=missingIncludeSystem --suppress=missingInclude \
	--suppressions-list=tests/lint/cppcheck.supp --library=posix --library=tests/lint/jansson.cfg -Itools
lint: format-check
	@command -v cppcheck >/dev/null || { echo "make lint: cppcheck is missing: apt-get install cppcheck"; exit 1; }
	$(MAKE) --no-print-directory O=build/lint OPT="-O2 -Werror" build
	$(say) CPPCHECK tools/
	$(Q)cppcheck $(CPPCHECK_FLAGS) tools/*.c

# The code style: .clang-format (clang-format 14, packaged by Debian).
format:
	clang-format -i tools/*.c tools/*.h
format-check:
	@command -v clang-format >/dev/null || { echo "make format-check: clang-format is missing: apt-get install clang-format"; exit 1; }
	@clang-format --dry-run --Werror tools/*.c tools/*.h

bench: $(O)/faq
	@sh tests/bench/run.sh $(O)/faq

# Precision and recall of the rules on the labelled corpus (tests/quality), both halves;
# quality-tune lists every miss and false alarm of the tuning half (never of the held-out one).
quality: $(O)/faq
	@python3 tests/quality/score.py $(O)/faq tests/quality/tune tests/quality/held

quality-tune: $(O)/faq
	@python3 tests/quality/score.py --details $(O)/faq tests/quality/tune

install: $(O)/faq
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/faq/schema $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(O)/faq $(DESTDIR)$(PREFIX)/bin/faq
	install -m 644 schema/*.xsd schema/rules.xml $(DESTDIR)$(PREFIX)/share/faq/schema/
	install -m 644 tools/faq.1 $(DESTDIR)$(PREFIX)/share/man/man1/faq.1

clean:
	rm -rf build out
