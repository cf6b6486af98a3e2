#!/bin/sh
# calibration.sh - the calibration (dicts/unspin/calibration.tsv) decides what
# the model's verdict is worth per map entry; bad calibration files are
# rejected; calibrate_out writes the scores that make-calibration fits.
. "$top_srcdir/tests/lib.sh"
printf 'stated = said\n' > "$T/own.map"
echo 'He stated the navy left.' > "$T/in.txt"
with_calibration() {   # with_calibration FILE-OR-EMPTY [OPTIONS]: runs the one-entry map on in.txt
    f=$1
    shift
    run "$UNSPIN" -f unspin --set unspin.gate=false --set "unspin.maps=[\"$T/own.map\"]" \
        --set "unspin.calibration=\"$f\"" "$@" "$T/in.txt"
}
rejected() {   # rejected PATTERN what
    if [ "$RC" != 0 ] && grep -q -- "$1" "$T/err"; then ok "$2"; else fail "$2: exit $RC: $(cat "$T/err")"; fi
}
# without calibration the raw model advantage decides: "said" wins
with_calibration ""
expect_out "He said the navy left." "uncalibrated: the model's preference replaces"
# a calibration saying the form is as common as its original in news and the
# model's preference means nothing for it: the form stays
printf '# test\nstated\tsaid\t-2\t0\t0\t1000\t10\n' > "$T/common.tsv"
with_calibration "$T/common.tsv"
expect_out "He stated the navy left." "calibrated: a common form with no evidence stays"
# one saying the original is far more common and the evidence is strong: replaced
printf 'stated\tsaid\t2.5\t1.2\t2.3\t16\t6000\n' > "$T/rare.tsv"
with_calibration "$T/rare.tsv"
expect_out "He said the navy left." "calibrated: a rare form with evidence is replaced"
# the news odds come from the counts, with news_smoothing more of each: a
# form clean news never showed in a few thousand of its original's uses is
# taken as that rare, one never seen in ten uses is not
printf 'stated\tsaid\t1.041\t0\t0\t0\t10\n' > "$T/few.tsv"
with_calibration "$T/few.tsv" --set unspin.news_smoothing=0
expect_out "He said the navy left." "calibrated, no smoothing: a form unseen in 10 uses is replaced on the counts alone"
with_calibration "$T/few.tsv"
expect_out "He stated the navy left." "calibrated, smoothed: a form unseen in 10 uses is not replaced on the counts alone"
printf 'stated\tsaid\t3.778\t0\t0\t0\t6000\n' > "$T/many.tsv"
with_calibration "$T/many.tsv"
expect_out "He said the navy left." "calibrated, smoothed: a form unseen in 6000 uses is replaced on the counts alone"
printf 'stated\tsaid\t1\t1\t1\tmany\t30\n' > "$T/count.tsv"
with_calibration "$T/count.tsv"
rejected "count.tsv:1: expected" "a count that is not a whole number is rejected with file and line"
# lines for forms that are not loaded are skipped
printf 'troopers\tsoldiers\t1\t1\t1\t1\t13\nstated\tsaid\t-2\t0\t0\t1000\t10\n' > "$T/other.tsv"
with_calibration "$T/other.tsv"
expect_out "He stated the navy left." "lines of entries not loaded are skipped, the rest apply"
# malformed files name file and line
printf 'stated\tsaid\t2.5\n' > "$T/short.tsv"
with_calibration "$T/short.tsv"
rejected "short.tsv:1: expected" "a short line is rejected with file and line"
printf '# c\nstated\tsaid\tx\t1\t1\t1\t1\n' > "$T/nan.tsv"
with_calibration "$T/nan.tsv"
rejected "nan.tsv:2: expected" "a non-number is rejected with file and line"
with_calibration /nonexistent.tsv
rejected 'cannot open calibration "/nonexistent.tsv"' "a missing file is named"
with_calibration "$T"
rejected "cannot read calibration \"$T\"" "a directory is named, not read as an empty calibration"
# lines of entries not loaded (most of the shipped file: thesaurus.map's) are
# checked for their seven fields; their numbers are read only with their entry
printf 'troopers\tsoldiers\t1\t1\nstated\tsaid\t2.5\t1.2\t2.3\t16\t6000\n' > "$T/other-short.tsv"
with_calibration "$T/other-short.tsv"
rejected "other-short.tsv:1: expected" "a short line of an entry not loaded is rejected"
printf 'stated\tsaid\t2.5\t1.2\t2.3\t16\t6000\ntroopers\tsoldiers\t1\t1\t1\t1\t13\t5\n' > "$T/other-long.tsv"
with_calibration "$T/other-long.tsv"
rejected "other-long.tsv:2: expected" "a line with an eighth field is rejected"
printf 'troopers\tsoldiers\tx\t1\t1\t1\t13\nstated\tsaid\t2.5\t1.2\t2.3\t16\t6000\n' > "$T/other-nan.tsv"
with_calibration "$T/other-nan.tsv"
expect_out "He said the navy left." "the numbers of an entry not loaded are not read"
printf 'troopers = soldiers\n' > "$T/troops.map"
echo 'The troopers left.' > "$T/troops.txt"
run "$UNSPIN" -f unspin --set unspin.gate=false --set "unspin.maps=[\"$T/troops.map\"]" \
    --set "unspin.calibration=\"$T/other-nan.tsv\"" "$T/troops.txt"
rejected "other-nan.tsv:1: expected" "... and are rejected once it is loaded"
# calibrate_out: scores where the form was written (F) and where the original was (O)
printf 'He stated the navy left. She said it was late.\n' > "$T/both.txt"
run "$UNSPIN" -f unspin --set "unspin.maps=[\"$T/own.map\"]" --set "unspin.calibrate_out=\"$T/scores.tsv\"" "$T/both.txt"
expect_rc 0 "calibrate_out runs"
expect_same "$T/both.txt" "$T/out" "calibrate_out changes nothing"
grep -qP '^F\tstated\tsaid\t-?[0-9.]+$' "$T/scores.tsv" && grep -qP '^O\tstated\tsaid\t-?[0-9.]+$' "$T/scores.tsv" \
    && [ "$(wc -l < "$T/scores.tsv")" = 2 ] && ok "calibrate_out writes one F and one O line" \
    || fail "scores: $(cat "$T/scores.tsv")"
# the shipped calibration keeps the gate-off damage on a clean article low
# where the uncalibrated decision changes right words
cat > "$T/clean.txt" <<'TXT'
The firm said its new film had been a huge success, however the final figures were not yet known.
Since the launch, the group has been selling the gadget to customers in large numbers.
TXT
run "$UNSPIN" -f unspin --set unspin.gate=false --set 'unspin.calibration=""' "$T/clean.txt"
cmp -s "$T/clean.txt" "$T/out" && fail "uncalibrated run left the clean text alone (the test shows nothing)" \
    || ok "uncalibrated: right words changed on clean text (gate off)"
run "$UNSPIN" -f unspin --set unspin.gate=false "$T/clean.txt"
expect_same "$T/clean.txt" "$T/out" "calibrated: the clean text stays, even with the gate off"
finish
