#!/bin/sh
# The loader against deliberately broken test-only modules (issue 2): each
# must stop the run with exit status 2 and a message that says what is wrong.
. "$top_srcdir/tests/reliability/testlib.sh"
if static_build; then
    echo "static build (--disable-shared): test modules cannot be loaded; skipped"
    exit 77
fi
P="--plugin-path $top_builddir/tests/plugins"
ABI_MAJOR=$(sed -n 's/^#define UNSPIN_ABI_MAJOR \([0-9]*\).*/\1/p' "$top_srcdir/core/unspin/filter.h")
ABI_MINOR=$(sed -n 's/^#define UNSPIN_ABI_MINOR \([0-9]*\).*/\1/p' "$top_srcdir/core/unspin/filter.h")
printf 'some text\n' >"$WORK/in.txt"

# A good module loads and runs.
run_in 0 "$WORK/in.txt" $UNSPIN $P -f good
printf 'SOME TEXT\n' >"$WORK/want.txt"
same_out "$WORK/want.txt"
no_err
# ... also found through UNSPIN_PLUGIN_PATH, and listed.
run_in 0 "$WORK/in.txt" env UNSPIN_PLUGIN_PATH="/nonexistent:$top_builddir/tests/plugins" $UNSPIN -f good
same_out "$WORK/want.txt"
run 0 $UNSPIN $P --list-filters
has_out '^good .*test only: upper-cases'
# The broken ones are left out of the list, not listed half-loaded.
check "--list-filters leaves out newabi" sh -c "! grep -q '^newabi ' '$OUT'"

# No descriptor symbol.
run_in 2 "$WORK/in.txt" $UNSPIN $P -f nosymbol
has_err 'nosymbol.*no filter descriptor'
has_err 'unspin_filter'
no_out

# A newer ABI major: the message names the plugin and both versions.
run_in 2 "$WORK/in.txt" $UNSPIN $P -f newabi
has_err "filter \"newabi\" needs plugin ABI $((ABI_MAJOR + 1))\\.0, this unspin has ABI $ABI_MAJOR\\.$ABI_MINOR"
no_out

# An incomplete descriptor: names what is missing.
run_in 2 "$WORK/in.txt" $UNSPIN $P -f incomplete
has_err 'incomplete.*incomplete filter descriptor: no process'
no_out

# create() fails: the filter's own message, naming the filter; the module's
# half-built state is freed (the sanitizer and valgrind runs check that).
run_in 2 "$WORK/in.txt" $UNSPIN $P -f createfail
has_err 'filter "createfail" (.*createfail.*): deliberate failure in create'
no_out
# ... also when it comes after a filter that was created fine.
run_in 2 "$WORK/in.txt" $UNSPIN $P -f good,createfail
has_err 'filter "createfail"'
no_out

# Options a filter does not know are refused at create().
run_in 2 "$WORK/in.txt" $UNSPIN $P -f failon --set failon.nosuch=1
has_err 'filter "failon".*unknown option "nosuch"'

# A name that is not there, and one that is not a name.
run_in 2 "$WORK/in.txt" $UNSPIN $P -f nosuchfilter
has_err 'filter "nosuchfilter" not found (tried .*tests/plugins/nosuchfilter'
run_in 2 "$WORK/in.txt" $UNSPIN $P -f ../plugins/good
has_err 'is not a filter name'
# A named filter that cannot load is an error, even after good ones.
run_in 2 "$WORK/in.txt" $UNSPIN $P -f good,nosuchfilter
no_out

# A directory on the path without the filter is passed over.
mkdir -p "$WORK/first"
run_in 0 "$WORK/in.txt" $UNSPIN --plugin-path "$WORK/first" $P -f good
same_out "$WORK/want.txt"

finish
