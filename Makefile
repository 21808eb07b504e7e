# goninja — plain make. make | make test | make test-full | make install
# | make bench | make clean | make fields

VERSION = 0.1.0
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/goninja
CC = cc
CFLAGS = -O2 -g
WARNFLAGS = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter -Werror
LUA_CFLAGS = `pkg-config --cflags lua5.4`
# Debian's liblua5.4.a, so goninja needs no Lua at run time
LUA_LIBS = `pkg-config --variable=libdir lua5.4`/liblua5.4.a -lm
# Debian's libz.a: archives are deflated without a shared zlib
ZLIB_LIBS = `pkg-config --variable=libdir zlib`/libz.a
GOCFLAGS = $(WARNFLAGS) -D_XOPEN_SOURCE=700 -DGONINJA_VERSION='"$(VERSION)"' \
	$(LUA_CFLAGS) -Isrc -Ibuild $(CFLAGS)

SCRIPTS = lua/runtime.lua lua/schema.lua lua/sandbox.lua lua/fields.lua \
	lua/locate.lua rules/go.lua rules/sign.lua rules/package.lua rules/image.lua \
	rules/action.lua

LIBOBJ = build/util.o build/esc.o build/platform.o build/model.o build/gotool.o \
	build/flags.o build/ninja.o build/godeps.o build/golist.o build/outfile.o build/host.o \
	build/gen.o build/show.o build/toolchain.o build/inspect.o build/check.o \
	build/promise.o build/vcs.o build/template.o build/matrix.o \
	build/archive.o build/fat.o build/release.o build/diag.o build/report.o \
	build/init.o build/doctor.o build/pkgdir.o build/sha256.o build/sbom.o \
	build/provenance.o build/sign.o build/runner.o build/smoke.o build/package.o build/image.o \
	build/manifest.o build/md5.o build/json.o \
	build/action.o build/sched.o build/affected.o
OBJ = build/main.o $(LIBOBJ)

TESTS = build/test_esc build/test_platform build/test_flags build/test_godeps \
	build/test_model build/test_inspect build/test_archive build/test_pkgdir \
	build/test_sbom build/test_provenance build/test_sign build/test_runner \
	build/test_smoke build/test_package build/test_image build/test_manifest build/test_json \
	build/test_action build/test_sched build/test_util

all: goninja

goninja: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.tmp $(OBJ) $(LUA_LIBS) $(ZLIB_LIBS)
	mv $@.tmp $@

build/stamp:
	mkdir -p build
	touch $@

build/embed: scripts/embed.c build/stamp
	$(CC) $(CFLAGS) $(LUA_CFLAGS) -o $@ scripts/embed.c $(LUA_LIBS)

build/scripts.h: build/embed $(SCRIPTS) Makefile
	build/embed $@ $(SCRIPTS)

# each object's headers: the compiler writes build/NAME.d (-MMD), with an
# empty rule per header (-MP) so a deleted header is no error
build/host.o: build/scripts.h
# a changed Makefile (flags, VERSION, the lists) rebuilds everything
$(OBJ): build/stamp Makefile

.SUFFIXES: .c .o
build/%.o: src/%.c
	$(CC) $(GOCFLAGS) -MMD -MP -c -o $@ $<

build/test_%: tests/test_%.c $(LIBOBJ)
	$(CC) $(GOCFLAGS) -MMD -MP -o $@ $< $(LIBOBJ) $(LUA_LIBS) $(ZLIB_LIBS) -lcmocka

-include $(OBJ:.o=.d) $(TESTS:=.d)

deps:
	scripts/install-deps

# README's, the man page's and the editor's field lists and the fuzz
# dictionary, from lua/fields.lua (tests/fields.sh fails when they drift)
fields:
	lua5.4 scripts/fields.lua

unit: $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; $$t || exit 1; done

test: deps goninja unit
	tests/run-all

# everything make test bounds: fuzzers 60 s each, every hostile case under
# the sanitizers
test-full: deps goninja unit
	FULL=1 tests/run-all

example: deps goninja
	scripts/example

install: goninja
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	cp goninja $(DESTDIR)$(BINDIR)/goninja
	cp doc/goninja.1 $(DESTDIR)$(MANDIR)/man1/goninja.1
	cp editor/goninja.d.lua $(DESTDIR)$(DATADIR)/goninja.d.lua

# the binary inspector under libFuzzer for FUZZTIME seconds (clang from Debian)
FUZZTIME = 60
build/fuzz_inspect: tests/fuzz_inspect.c src/inspect.c src/check.c src/util.c build/stamp
	clang $(WARNFLAGS) -D_XOPEN_SOURCE=700 -Isrc -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ tests/fuzz_inspect.c src/inspect.c src/check.c src/util.c

fuzz: deps build/fuzz_inspect
	mkdir -p build/fuzz-corpus
	build/fuzz_inspect -max_total_time=$(FUZZTIME) -timeout=10 build/fuzz-corpus tests/fuzz/inspect

# goninja against GN, CMake, Meson and make, in one run: bench/RESULTS.md
bench: goninja
	bench/run

# the rule-file front end under libFuzzer: source text in, build.ninja or
# a clean error out; exit and the go/file calls are swapped at link time
FUZZ_RULES_SRC = $(LIBOBJ:build/%.o=src/%.c)
build/fuzz_rules: tests/fuzz_rules.c $(FUZZ_RULES_SRC) build/scripts.h
	clang $(WARNFLAGS) -D_XOPEN_SOURCE=700 -DGONINJA_VERSION='"$(VERSION)"' \
		$(LUA_CFLAGS) -Isrc -Ibuild -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Wl,--wrap=exit,--wrap=_exit,--wrap=file_read,--wrap=gotool_find \
		-Wl,--wrap=gotool_run,--wrap=gotool_run_quiet \
		-o $@ tests/fuzz_rules.c $(FUZZ_RULES_SRC) $(LUA_LIBS) $(ZLIB_LIBS)

# seeds: every rule file the project keeps, gathered at run time
fuzz-rules: deps build/fuzz_rules
	rm -rf build/fuzz-rules-seeds
	mkdir -p build/fuzz-rules-corpus build/fuzz-rules-seeds
	for f in examples/*/goninja.lua tests/golden/*/goninja.lua \
	         tests/errors/*.lua tests/hostile/*.lua; do \
		cp "$$f" build/fuzz-rules-seeds/`echo "$$f" | tr / _`; done
	ASAN_OPTIONS=detect_leaks=0 build/fuzz_rules -max_total_time=$(FUZZTIME) \
		-timeout=30 -rss_limit_mb=4096 -detect_leaks=0 \
		-dict=$(CURDIR)/tests/fuzz/rules/dict.txt -artifact_prefix=$(CURDIR)/build/ \
		$(CURDIR)/build/fuzz-rules-corpus $(CURDIR)/build/fuzz-rules-seeds

# the unit, golden, error, CLI and hostile tests under ASan and UBSan, and
# valgrind on the generator over the examples
sanitize: deps
	sh tests/sanitize.sh

clean:
	rm -rf build goninja

.PHONY: all deps fields unit test test-full example install clean fuzz bench fuzz-rules sanitize
