# The boilerplate filter: strips site chrome from scraped articles, line by line.
pkglib_LTLIBRARIES += plugins/boilerplate/boilerplate.la
plugins_boilerplate_boilerplate_la_SOURCES = \
	plugins/boilerplate/boilerplate.c \
	plugins/boilerplate/classify.c plugins/boilerplate/classify.h \
	plugins/boilerplate/lines.c plugins/boilerplate/lines.h \
	plugins/boilerplate/literals.c plugins/boilerplate/literals.h \
	plugins/boilerplate/patterns.c plugins/boilerplate/patterns.h \
	plugins/boilerplate/teasers.c plugins/boilerplate/teasers.h \
	plugins/boilerplate/topic.c plugins/boilerplate/topic.h \
	plugins/boilerplate/wordset.c plugins/boilerplate/wordset.h
plugins_boilerplate_boilerplate_la_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS)
plugins_boilerplate_boilerplate_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_boilerplate_boilerplate_la_LIBADD = $(PLUGIN_LIBADD) $(PCRE2_LIBS)
BUILT_FILTERS += boilerplate
PRELOAD_MODULES += plugins/boilerplate/boilerplate.la

boilerplatedictdir = $(pkgdatadir)/boilerplate
dist_boilerplatedict_DATA = dicts/boilerplate/stopwords-en.txt
boilerplatepatternsdir = $(pkgdatadir)/boilerplate/patterns
dist_boilerplatepatterns_DATA = \
	dicts/boilerplate/patterns/README \
	dicts/boilerplate/patterns/bylines.txt \
	dicts/boilerplate/patterns/categories.txt \
	dicts/boilerplate/patterns/comments.txt \
	dicts/boilerplate/patterns/credits.txt \
	dicts/boilerplate/patterns/datelines.txt \
	dicts/boilerplate/patterns/legal.txt \
	dicts/boilerplate/patterns/navigation.txt \
	dicts/boilerplate/patterns/notes.txt \
	dicts/boilerplate/patterns/promos.txt \
	dicts/boilerplate/patterns/related.txt \
	dicts/boilerplate/patterns/share.txt

# Unit tests of the pattern matching (quick tests, PCRE2, threads).
check_PROGRAMS += tests/boilerplate/test-patterns
TESTS += tests/boilerplate/test-patterns
tests_boilerplate_test_patterns_SOURCES = tests/boilerplate/test-patterns.c \
	plugins/boilerplate/patterns.c plugins/boilerplate/literals.c core/error.c
tests_boilerplate_test_patterns_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/boilerplate
tests_boilerplate_test_patterns_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCRE2_CFLAGS)
tests_boilerplate_test_patterns_LDADD = $(CHECK_LIBS) $(PCRE2_LIBS) $(CJSON_LIBS) -lpthread

TESTS += tests/boilerplate/families.sh tests/boilerplate/clean.sh \
	tests/boilerplate/options.sh tests/boilerplate/seeds.sh tests/boilerplate/threads.sh \
	tests/boilerplate/structure.sh
EXTRA_DIST += tests/boilerplate/families.sh tests/boilerplate/clean.sh \
	tests/boilerplate/options.sh tests/boilerplate/seeds.sh tests/boilerplate/article.sh \
	tests/boilerplate/threads.sh tests/boilerplate/structure.sh \
	bench/boilerplate-speed
