# libFuzzer harnesses (issue 7).
#   make fuzz                 builds them with clang (when it is installed) and
#                             runs each for FUZZ_SECONDS (default 60) seconds
#   make fuzz FUZZ_SECONDS=3600   for longer runs while developing
# Harnesses: the JSON Lines scanner, the configuration reader, a record
# through the core's record path, and process() of every built filter (plus
# example, and the whole default chain) on arbitrary bytes.  The seed corpus
# is made from the project's own fixtures; what the fuzzers find is kept in
# fuzz/out/ (corpus, crash files).  Each crash fixed goes into
# fuzz/regressions/HARNESS/, which `make check` replays with the harnesses
# built by the normal compiler (replay-*), so also under the sanitizers.
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_OUT = fuzz/out
FUZZ_FILTERS = $(BUILT_FILTERS) example
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1
FUZZ_CPPFLAGS = $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CJSON_CFLAGS)
FUZZ_LIB_FILES = $(filter %.c,$(libunspin_la_SOURCES))

fuzz: all
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	    echo "make fuzz: skipped: $(FUZZ_CC) not found (Debian packages clang libclang-rt-14-dev)"; \
	    exit 0; \
	fi; \
	$(MAKE) $(AM_MAKEFLAGS) fuzz-build && \
	$(SHELL) $(srcdir)/fuzz/run $(FUZZ_OUT) $(FUZZ_SECONDS) "$(srcdir)" "$(strip $(FUZZ_FILTERS))"

# Everything is rebuilt each time: a few seconds, and never a stale mix of
# instrumented and plain objects.  Each filter becomes a plain shared object
# with coverage, its symbols from unspin's library resolved in fuzz-filter
# (-rdynamic).
fuzz-build:
	@mkdir -p $(FUZZ_OUT)/plugins
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $(FUZZ_CPPFLAGS) -o $(FUZZ_OUT)/fuzz-jsonl \
	    $(srcdir)/fuzz/fuzz-jsonl.c $(srcdir)/core/jsonl.c $(srcdir)/core/strbuf.c
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $(FUZZ_CPPFLAGS) -o $(FUZZ_OUT)/fuzz-settings \
	    $(srcdir)/fuzz/fuzz-settings.c $(srcdir)/core/settings.c $(srcdir)/core/strbuf.c \
	    $(srcdir)/core/error.c $(CJSON_LIBS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -rdynamic $(FUZZ_CPPFLAGS) -o $(FUZZ_OUT)/fuzz-record \
	    $(srcdir)/fuzz/fuzz-record.c $(srcdir)/core/record.c $(srcdir)/core/report.c $(srcdir)/core/jsonl.c \
	    $(FUZZ_LIB_FILES:%=$(srcdir)/%) $(LTDL_LIBS) $(CJSON_LIBS) -lpthread -lm
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -rdynamic $(FUZZ_CPPFLAGS) -o $(FUZZ_OUT)/fuzz-filter \
	    $(srcdir)/fuzz/fuzz-filter.c $(FUZZ_LIB_FILES:%=$(srcdir)/%) $(LTDL_LIBS) $(CJSON_LIBS) -lpthread
	$(foreach f,$(FUZZ_FILTERS),$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -fPIC -shared \
	    $(FUZZ_CPPFLAGS) $(plugins_$(f)_$(f)_la_CPPFLAGS) $(plugins_$(f)_$(f)_la_CFLAGS) \
	    -o $(FUZZ_OUT)/plugins/$(f).so \
	    $(addprefix $(srcdir)/,$(filter %.c,$(plugins_$(f)_$(f)_la_SOURCES))) \
	    $(filter-out %.la,$(plugins_$(f)_$(f)_la_LIBADD)) &&) true

fuzz-clean:
	rm -rf $(FUZZ_OUT)

.PHONY: fuzz fuzz-build fuzz-clean

# The regression test: every harness over its regressions and the seeds.
FUZZ_REPLAY_CPPFLAGS = $(AM_CPPFLAGS)
check_PROGRAMS += fuzz/replay-jsonl fuzz/replay-settings fuzz/replay-record fuzz/replay-filter
fuzz_replay_jsonl_SOURCES = fuzz/replay.c fuzz/fuzz-jsonl.c core/jsonl.c core/strbuf.c
fuzz_replay_jsonl_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_settings_SOURCES = fuzz/replay.c fuzz/fuzz-settings.c core/settings.c core/strbuf.c
fuzz_replay_settings_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_settings_LDADD = libunspin.la $(CJSON_LIBS)
fuzz_replay_record_SOURCES = fuzz/replay.c fuzz/fuzz-record.c core/record.c core/report.c core/jsonl.c
fuzz_replay_record_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_record_LDADD = libunspin.la $(CJSON_LIBS) $(LTDL_LIBS) -lm
fuzz_replay_filter_SOURCES = fuzz/replay.c fuzz/fuzz-filter.c
fuzz_replay_filter_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_filter_LDADD = libunspin.la $(CJSON_LIBS) $(LTDL_LIBS)
TESTS += fuzz/replay.sh
dist_check_SCRIPTS += fuzz/replay.sh
EXTRA_DIST += fuzz/run fuzz/seeds fuzz/fuzz-jsonl.c fuzz/fuzz-settings.c fuzz/fuzz-record.c fuzz/fuzz-filter.c fuzz/regressions
