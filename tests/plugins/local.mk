# Test-only filter modules, broken or faulty on purpose (issues 2 and 7), and
# the tests that load them.  Built by `make check` only, never installed.
# A static build (--disable-shared) cannot dlopen them: those tests skip.
TEST_PLUGIN_LDFLAGS = -module -avoid-version -no-undefined -rpath /nowhere $(SAN_FLAGS)
TEST_PLUGIN_LIBADD = libunspin.la $(CJSON_LIBS)

check_LTLIBRARIES += \
	tests/plugins/good.la \
	tests/plugins/nosymbol.la \
	tests/plugins/newabi.la \
	tests/plugins/incomplete.la \
	tests/plugins/createfail.la \
	tests/plugins/failon.la
tests_plugins_good_la_SOURCES = tests/plugins/good.c
tests_plugins_good_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_good_la_LIBADD = $(TEST_PLUGIN_LIBADD)
tests_plugins_nosymbol_la_SOURCES = tests/plugins/nosymbol.c
tests_plugins_nosymbol_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_nosymbol_la_LIBADD = $(TEST_PLUGIN_LIBADD)
tests_plugins_newabi_la_SOURCES = tests/plugins/newabi.c
tests_plugins_newabi_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_newabi_la_LIBADD = $(TEST_PLUGIN_LIBADD)
tests_plugins_incomplete_la_SOURCES = tests/plugins/incomplete.c
tests_plugins_incomplete_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_incomplete_la_LIBADD = $(TEST_PLUGIN_LIBADD)
tests_plugins_createfail_la_SOURCES = tests/plugins/createfail.c
tests_plugins_createfail_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_createfail_la_LIBADD = $(TEST_PLUGIN_LIBADD)
tests_plugins_failon_la_SOURCES = tests/plugins/failon.c
tests_plugins_failon_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_failon_la_LIBADD = $(TEST_PLUGIN_LIBADD)

TESTS += tests/plugins/loader.sh tests/plugins/on-error.sh
dist_check_SCRIPTS += tests/plugins/loader.sh tests/plugins/on-error.sh
