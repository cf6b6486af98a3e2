# The unicode filter: mojibake, invalid UTF-8, entities and odd characters,
# with ICU.  First in the default chain: the other filters see clean text.
pkglib_LTLIBRARIES += plugins/unicode/unicode.la
plugins_unicode_unicode_la_SOURCES = \
	plugins/unicode/unicode.c \
	plugins/unicode/uc-filter.h \
	plugins/unicode/uc-text.c plugins/unicode/uc-text.h \
	plugins/unicode/uc-charmaps.c plugins/unicode/uc-charmaps.h \
	plugins/unicode/uc-badness.c plugins/unicode/uc-badness.h \
	plugins/unicode/uc-mojibake.c \
	plugins/unicode/uc-entities.c plugins/unicode/uc-entities.h \
	plugins/unicode/uc-chars.c \
	plugins/unicode/uc-normalize.c
plugins_unicode_unicode_la_CFLAGS = $(AM_CFLAGS) $(ICU_CFLAGS)
plugins_unicode_unicode_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_unicode_unicode_la_LIBADD = $(PLUGIN_LIBADD) $(ICU_LIBS)
BUILT_FILTERS += unicode
PRELOAD_MODULES += plugins/unicode/unicode.la

unicodedictdir = $(pkgdatadir)/unicode
dist_unicodedict_DATA = dicts/unicode/html-entities.txt
EXTRA_DIST += plugins/unicode/gen-entities.py

# Unit tests of each repair (the filter linked in), and end-to-end tests.
check_PROGRAMS += tests/unicode/test-unicode
TESTS += tests/unicode/test-unicode tests/unicode/unicode.sh
dist_check_SCRIPTS += tests/unicode/unicode.sh
tests_unicode_test_unicode_SOURCES = tests/unicode/test-unicode.c $(plugins_unicode_unicode_la_SOURCES)
tests_unicode_test_unicode_CFLAGS = $(AM_CFLAGS) $(ICU_CFLAGS) $(CHECK_CFLAGS)
tests_unicode_test_unicode_LDADD = libunspin.la $(CJSON_LIBS) $(ICU_LIBS) $(CHECK_LIBS)
EXTRA_DIST += bench/unicode-speed
