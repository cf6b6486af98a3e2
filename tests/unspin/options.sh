#!/bin/sh
# options.sh - bad options and bad data are rejected with a clear message.
. "$top_srcdir/tests/lib.sh"
echo "Some text." > "$T/in.txt"
check_bad() {   # check_bad PATTERN what ARGS...
    pattern=$1 what=$2
    shift 2
    run "$UNSPIN" -f unspin "$@" "$T/in.txt"
    if [ "$RC" != 0 ] && grep -q -- "$pattern" "$T/err"; then ok "$what"; else
        fail "$what: exit $RC, stderr: $(head -c 300 "$T/err")"; fi
}
check_bad 'unknown option "colour"' "an unknown option" --set unspin.colour=1
check_bad '"threshold" must be a number from 0 to 1' "threshold out of range" --set unspin.threshold=2
check_bad '"gate" must be true or false' "gate not a boolean" --set 'unspin.gate="yes"'
check_bad 'language model "/nonexistent/en-us.lm.bin" not found' "a missing model names its path" \
    --set unspin.model=/nonexistent/en-us.lm.bin
check_bad 'Hunspell dictionary "/nonexistent/xx.aff" not found' "a missing Hunspell dictionary names its path" \
    --set unspin.hunspell=/nonexistent/xx
check_bad 'cannot open map "/nonexistent.map"' "a missing map" --set 'unspin.maps=["/nonexistent.map"]'
printf 'stated = said\nno equals sign here\n' > "$T/bad.map"
check_bad "$T/bad.map:2: expected" "a bad map line names file and line" --set "unspin.maps=[\"$T/bad.map\"]"
printf 'stated = saiddx\n' > "$T/word.map"
check_bad 'the original "saiddx"' "an original that is not a word" --set "unspin.maps=[\"$T/word.map\"]"
printf 'stated = said  @after-noun\n' > "$T/cond.map"
check_bad 'unknown condition "@after-noun"' "an unknown condition" --set "unspin.maps=[\"$T/cond.map\"]"
printf 'stated = said\n%% = percent\n' > "$T/sign.map"
check_bad "$T/sign.map:2: the spun form holds \"%\"" "a form no text word can match names file, line and character" \
    --set "unspin.maps=[\"$T/sign.map\"]"
# a map of one's own is used instead of the default ones
printf 'stated = said\n' > "$T/own.map"
run sh -c "printf 'He stated the navy left.\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false --set 'unspin.maps=[\"$T/own.map\"]'"
expect_out "He said the navy left." "only the given map is loaded"
finish
