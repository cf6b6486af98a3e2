# Bad-input suite (issue 7): odd and broken records, big inputs, input and
# output failures.  The shell tests share tests/reliability/testlib.sh; the
# inputs are made by make-inputs.sh (also the fuzzers' seeds).
RELIABILITY_TESTS = \
	tests/reliability/bad-records.sh \
	tests/reliability/big-inputs.sh \
	tests/reliability/io-errors.sh
TESTS += $(RELIABILITY_TESTS)
dist_check_SCRIPTS += $(RELIABILITY_TESTS)
EXTRA_DIST += tests/reliability/make-inputs.sh tests/reliability/testlib.sh
