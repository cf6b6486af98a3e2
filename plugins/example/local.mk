# The example filter: a template.  A filter's fragment adds its module, its
# data files and its tests; the top Makefile.am includes it.
pkglib_LTLIBRARIES += plugins/example/example.la
plugins_example_example_la_SOURCES = plugins/example/example.c
plugins_example_example_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_example_example_la_LIBADD = $(PLUGIN_LIBADD)
PRELOAD_MODULES += plugins/example/example.la
