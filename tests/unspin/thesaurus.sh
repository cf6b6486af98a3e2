#!/bin/sh
# thesaurus.sh - generated (@calibrated) map entries: used only where the
# calibration measured them and only when convincing, never on a name; the
# generator (make-thesaurus-map) turns WordNet's synsets around, or leaves an
# empty map with a clear message when WordNet is not installed.
. "$top_srcdir/tests/lib.sh"
printf 'physician = doctor  @calibrated\n' > "$T/gen.map"
printf 'physician\tdoctor\t1.5\t1\t0\t2\t60\n' > "$T/cal.tsv"
echo 'The physician said the patient would recover.' > "$T/in.txt"
generated() {   # generated CALIBRATION [more unspin args]: the one-entry map on in.txt
    cal=$1
    shift
    run "$UNSPIN" -f unspin --set unspin.gate=false --set "unspin.maps=[\"$T/gen.map\"]" \
        --set "unspin.calibration=\"$cal\"" "$@" "$T/in.txt"
}
generated ""
expect_out "The physician said the patient would recover." "an uncalibrated generated pair is not used"
generated "$T/cal.tsv"
expect_out "The doctor said the patient would recover." "a calibrated generated pair with strong evidence replaces"
generated "$T/cal.tsv" --set unspin.generated_threshold=1
expect_out "The physician said the patient would recover." "generated_threshold holds a generated pair back"
generated "$T/cal.tsv" --set unspin.generated_ratio=2
expect_out "The physician said the patient would recover." "a pair news writes both ways alike (below generated_ratio) is dropped"
echo 'They met The Physician, a band from Leeds.' > "$T/in.txt"
generated "$T/cal.tsv"
expect_out "They met The Physician, a band from Leeds." "a capitalised generated form inside a sentence is a name"
# a generated candidate nobody knows is dropped, where a hand-written one is refused
printf 'physician = doctor | dcotorx  @calibrated\n' > "$T/gen.map"
generated "$T/cal.tsv"
expect_rc 0 "an unknown generated candidate is dropped, not refused"
printf 'physician = doctor  @calibrated @before-nothing\n' > "$T/gen.map"
generated "$T/cal.tsv"
expect_err 'unknown condition "@before-nothing"' "conditions are checked one by one"

# the generator
GEN="$top_srcdir/plugins/unspin/make-thesaurus-map"
python3 "$GEN" --wordnet "$T/nowhere" > "$T/empty.map" 2> "$T/gen.err"
if [ $? = 0 ] && grep -q "wordnet-base" "$T/gen.err" && ! grep -q '=' "$T/empty.map"; then
    ok "without WordNet: an empty map and a message naming the package"
else
    fail "without WordNet: $(cat "$T/gen.err") / $(head -3 "$T/empty.map")"
fi
if [ ! -f /usr/share/wordnet/data.verb ] || [ ! -f /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict ]; then
    echo "WordNet (wordnet-base) not installed: generator output not checked"
    finish
fi
printf 'physician = medic\n' > "$T/hand.map"
python3 "$GEN" "$T/hand.map" > "$T/th.map" 2> "$T/gen.err"
expect_line "$T/th.map" '^doctors = .*physicians.*@calibrated$' "a plural pair both ways round, inflected alike"
expect_line "$T/th.map" '^stated = .*said' "a verb's past tense paired with its synonym's (said/stated)"
expect_no_line "$T/th.map" '^physician = ' "a form the hand-written map has is left to it"
expect_no_line "$T/th.map" '^sports fans = .*\bfans\b' "a compound is not paired with its own head"
# the OpenOffice thesaurus (mythes format): a headword is the original of its terms;
# similar terms count, antonyms never; a missing file is named and WordNet serves alone
printf 'UTF-8\nbig|1\n(adj)|huge (similar term)|small (antonym)\n' > "$T/th.dat"
python3 "$GEN" --mythes "$T/th.dat" > "$T/th.map" 2> "$T/gen.err"
expect_line "$T/th.map" '^huge = .*\bbig\b.*@calibrated$' "an office thesaurus's similar term is a spun form of its headword"
expect_no_line "$T/th.map" '^small = .*\bbig\b' "an antonym is never paired"
python3 "$GEN" --mythes "$T/nowhere.dat" > "$T/th.map" 2> "$T/gen.err"
if [ $? = 0 ] && grep -q "mythes-en-us" "$T/gen.err" && grep -q '^doctors = ' "$T/th.map"; then
    ok "without the office thesaurus: WordNet alone, and a message naming the package"
else
    fail "without the office thesaurus: $(cat "$T/gen.err")"
fi
python3 "$GEN" --relations synonym,opposite > /dev/null 2> "$T/gen.err"
if [ $? != 0 ] && grep -q "relations takes" "$T/gen.err"; then ok "an unknown relation is refused"; else fail "unknown relation: $(cat "$T/gen.err")"; fi
finish
