# The test spinner's tests (bench/spinner spins text for measuring the unspin filter).
# Included from the top Makefile.am with: include $(srcdir)/tests/spinner/local.mk
TESTS += tests/spinner/spinner.sh
dist_check_SCRIPTS += tests/spinner/spinner.sh
EXTRA_DIST += bench/spinner bench/spinner-vocab.txt bench/eval-unspin \
	bench/run bench/benchmark.py bench/inputs.py
