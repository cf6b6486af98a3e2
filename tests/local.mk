# Tests: C unit tests (Check) and end-to-end shell tests, run by `make check`.
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	UNSPIN='$(abs_top_builddir)/unspin'; export UNSPIN; \
	SHARED='$(abs_top_srcdir)/../shared'; export SHARED;
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
