# Tests: C unit tests (Check) and end-to-end shell tests, run by `make check`.
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	UNSPIN='$(abs_top_builddir)/unspin'; export UNSPIN; \
	SHARED='$(abs_top_srcdir)/../shared'; export SHARED;
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)

# Unit tests of the core.
check_PROGRAMS += tests/test-jsonl
TESTS += tests/test-jsonl
tests_test_jsonl_SOURCES = tests/test-jsonl.c core/jsonl.c core/strbuf.c
tests_test_jsonl_CPPFLAGS = $(AM_CPPFLAGS)
tests_test_jsonl_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_jsonl_LDADD = $(CHECK_LIBS)

# End-to-end tests of the command.
TESTS += tests/cli.sh tests/jsonl.sh tests/chunks.sh tests/out-of-tree.sh
EXTRA_DIST += tests/cli.sh tests/jsonl.sh tests/chunks.sh tests/out-of-tree.sh tests/lib.sh tests/oot/upper.c

# out-of-tree.sh runs `make install`, whose libtool relink briefly moves the
# build tree's modules aside: it runs after every other test.
tests/out-of-tree.log: $(filter-out tests/out-of-tree.log,$(TEST_LOGS))
