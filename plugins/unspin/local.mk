# The unspin filter: reverse synonym maps, a trigram model (sphinxbase) and
# Hunspell.  Its maps are data users extend: dicts/unspin/*.map.
pkglib_LTLIBRARIES += plugins/unspin/unspin.la
plugins_unspin_unspin_la_SOURCES = \
	plugins/unspin/unspin.c plugins/unspin/unspinf.h plugins/unspin/hash.h \
	plugins/unspin/maps.c plugins/unspin/maps.h \
	plugins/unspin/mapindex.c plugins/unspin/mapindex.h \
	plugins/unspin/lm.c plugins/unspin/lm.h \
	plugins/unspin/lmtable.c plugins/unspin/lmtable.h \
	plugins/unspin/speller.c plugins/unspin/speller.h \
	plugins/unspin/tokens.c plugins/unspin/tokens.h \
	plugins/unspin/numerals.c plugins/unspin/numerals.h \
	plugins/unspin/gate.c plugins/unspin/gate.h \
	plugins/unspin/repair.c plugins/unspin/repair.h \
	plugins/unspin/render.c plugins/unspin/render.h \
	plugins/unspin/calibration.c plugins/unspin/calibration.h \
	plugins/unspin/typo.c plugins/unspin/typo.h
plugins_unspin_unspin_la_CFLAGS = $(AM_CFLAGS) $(SPHINXBASE_CFLAGS) $(HUNSPELL_CFLAGS)
# its functions call each other directly, not through the PLT: the matching
# calls a few of them per word of every article
plugins_unspin_unspin_la_LDFLAGS = $(PLUGIN_LDFLAGS) -Wl,-Bsymbolic-functions
plugins_unspin_unspin_la_LIBADD = $(PLUGIN_LIBADD) $(SPHINXBASE_LIBS) $(HUNSPELL_LIBS) -lm
BUILT_FILTERS += unspin
PRELOAD_MODULES += plugins/unspin/unspin.la

unspindictdir = $(pkgdatadir)/unspin
dist_unspindict_DATA = \
	dicts/unspin/phrases.map \
	dicts/unspin/verbs.map \
	dicts/unspin/nouns.map \
	dicts/unspin/modifiers.map \
	dicts/unspin/frequent.map \
	dicts/unspin/inflections.map \
	dicts/unspin/formal.map \
	dicts/unspin/numbers.map \
	dicts/unspin/calibration.tsv

# The thesaurus map is generated from WordNet (Debian wordnet-base) into the
# source tree's dicts/, where an uninstalled ./unspin reads its maps; without
# WordNet it is a map of comments and the build says so.
UNSPIN_HAND_MAPS = $(srcdir)/dicts/unspin/phrases.map $(srcdir)/dicts/unspin/verbs.map \
	$(srcdir)/dicts/unspin/nouns.map $(srcdir)/dicts/unspin/modifiers.map \
	$(srcdir)/dicts/unspin/frequent.map $(srcdir)/dicts/unspin/formal.map $(srcdir)/dicts/unspin/numbers.map
$(srcdir)/dicts/unspin/thesaurus.map: $(srcdir)/plugins/unspin/make-thesaurus-map $(srcdir)/plugins/unspin/wordforms.py \
		$(srcdir)/plugins/unspin/mapfiles.py $(UNSPIN_HAND_MAPS)
	$(AM_V_GEN)python3 $(srcdir)/plugins/unspin/make-thesaurus-map $(UNSPIN_HAND_MAPS) > $@.tmp && mv $@.tmp $@
nodist_unspindict_DATA = $(srcdir)/dicts/unspin/thesaurus.map
EXTRA_plugins_unspin_unspin_la_DEPENDENCIES = $(srcdir)/dicts/unspin/thesaurus.map

# The maps' fingerprint weights need the model and Hunspell, whose loading
# would be most of every run's start-up; they are computed here once and
# cached (plugins/unspin/gate.h).  Without a model at build time the cache is
# left empty and each run computes them.  The generated map's weights read
# the calibration too.
unspindict_DATA = dicts/unspin/fingerprints.tsv dicts/unspin/fingerprints-thesaurus.tsv
CLEANFILES += dicts/unspin/fingerprints.tsv dicts/unspin/fingerprints-thesaurus.tsv
# The generated map has its own cache (unspin.c), so that turning it on does
# not load the model at start-up to compute its weights.
dicts/unspin/fingerprints.tsv dicts/unspin/fingerprints-thesaurus.tsv: $(filter %.map,$(dist_unspindict_DATA)) \
		$(srcdir)/dicts/unspin/thesaurus.map $(srcdir)/dicts/unspin/calibration.tsv plugins/unspin/unspin.la unspin$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) dicts/unspin && \
	case $@ in *-thesaurus.tsv) with=true;; *) with=false;; esac; \
	if ./unspin -f unspin --set unspin.thesaurus=$$with --set unspin.fingerprints_out=$@.tmp < /dev/null > /dev/null; then \
	  mv $@.tmp $@; \
	else \
	  rm -f $@.tmp; : > $@; echo "warning: $@ left empty: the unspin filter will compute its weights at each start"; \
	fi

# The model's n-grams in hashed tables (plugins/unspin/lmtable.h), mapped at
# run time instead of reading the model: made here once from the model's
# trie file.  Without a model (or with one of another kind) the file is left
# empty and runs score with sphinxbase, as they do when the model changed
# since.
unspindict_DATA += dicts/unspin/lm-table.bin
CLEANFILES += dicts/unspin/lm-table.bin
dicts/unspin/lm-table.bin: plugins/unspin/unspin.la unspin$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) dicts/unspin && \
	if ./unspin -f unspin --set unspin.lm_table_out=$@.tmp < /dev/null > /dev/null; then \
	  mv $@.tmp $@; \
	else \
	  rm -f $@.tmp; : > $@; echo "warning: $@ left empty: the unspin filter will score with sphinxbase"; \
	fi

# the table's scores against sphinxbase's, n-gram by n-gram
check_PROGRAMS += tests/unspin/test-lmtable
TESTS += tests/unspin/test-lmtable
tests_unspin_test_lmtable_SOURCES = tests/unspin/test-lmtable.c plugins/unspin/lmtable.c plugins/unspin/lmtable.h
tests_unspin_test_lmtable_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SPHINXBASE_CFLAGS)
tests_unspin_test_lmtable_LDADD = libunspin.la $(CHECK_LIBS) $(SPHINXBASE_LIBS)

# sentence ends of the words the filter reads
check_PROGRAMS += tests/unspin/test-tokens
TESTS += tests/unspin/test-tokens
tests_unspin_test_tokens_SOURCES = tests/unspin/test-tokens.c plugins/unspin/tokens.c plugins/unspin/tokens.h \
	plugins/unspin/mapindex.c plugins/unspin/mapindex.h
tests_unspin_test_tokens_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unspin_test_tokens_LDADD = $(CHECK_LIBS)

TESTS += tests/unspin/lmtable.sh
EXTRA_DIST += tests/unspin/lmtable.sh

TESTS += tests/unspin/repairs.sh tests/unspin/clean.sh tests/unspin/options.sh tests/unspin/seed.sh \
	tests/unspin/calibration.sh tests/unspin/fingerprints.sh tests/unspin/thesaurus.sh tests/unspin/typos.sh tests/unspin/frequent.sh \
	tests/unspin/inflections.sh tests/unspin/formal.sh tests/unspin/numbers.sh
EXTRA_DIST += tests/unspin/repairs.sh tests/unspin/clean.sh tests/unspin/options.sh tests/unspin/seed.sh \
	tests/unspin/calibration.sh tests/unspin/fingerprints.sh tests/unspin/thesaurus.sh tests/unspin/typos.sh tests/unspin/frequent.sh plugins/unspin/make-calibration plugins/unspin/remake-calibration \
	plugins/unspin/make-thesaurus-map plugins/unspin/make-inflection-map plugins/unspin/wordforms.py plugins/unspin/mapfiles.py \
	tests/unspin/inflections.sh tests/unspin/formal.sh tests/unspin/numbers.sh \
	bench/unspin-clean-damage bench/unspin-speed bench/unspin-typos
