#!/bin/sh
# inflections.sh - the generated map of the hand-written pairs' other inflections
# (make-inflection-map): every form of a noun or verb pair, in the part of speech the
# words mostly have, only real words, a hand-written form left to its map; and the
# shipped dicts/unspin/inflections.map is what the generator makes of the shipped maps.
. "$top_srcdir/tests/lib.sh"
GEN="$top_srcdir/plugins/unspin/make-inflection-map"
python3 "$GEN" --wordnet "$T/nowhere" "$T/none.map" 2> "$T/gen.err" > /dev/null
if [ $? != 0 ] && grep -q "wordnet-base" "$T/gen.err"; then ok "without WordNet: refused, naming the package"; else fail "without WordNet: $(cat "$T/gen.err")"; fi
for f in /usr/share/wordnet/cntlist.rev /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict /usr/share/hunspell/en_US.dic; do
    if [ ! -f "$f" ]; then
        echo "$f not installed: generator output not checked"
        finish
    fi
done
printf 'stated = said\ntroopers = soldiers (0.5)\nminor = small\nstating = saying\nbad line\n' > "$T/hand.map"
python3 "$GEN" "$T/hand.map" > "$T/infl.map" 2> "$T/gen.err" || fail "the generator failed: $(cat "$T/gen.err")"
expect_line "$T/infl.map" '^states = says \(0\.15\)$' "a verb pair's third person, at 0.15 of the pair's weight"
expect_line "$T/infl.map" '^state = say \(0\.15\)$' "a verb pair's base form"
expect_line "$T/infl.map" '^trooper = soldier \(0\.075\)$' "a plural noun pair's singular, with its weight scaled"
expect_no_line "$T/infl.map" '^stating = ' "a form the hand-written map has is left to it"
expect_no_line "$T/infl.map" '^minors = ' "a pair is inflected only in the part of speech its words mostly have"
python3 "$GEN" --scale 1 "$T/hand.map" > "$T/infl.map"
expect_line "$T/infl.map" '^states = says$' "--scale 1 keeps the pair's weight"
printf 'information = data\n' > "$T/hand.map"
python3 "$GEN" --scale 1 "$T/hand.map" > "$T/infl.map"
expect_no_line "$T/infl.map" 'datas' "only forms Hunspell knows are written (no datas)"
# the shipped map is up to date with the shipped hand-written maps (with no map named,
# the generator reads every map of dicts/unspin that is not generated)
D="$top_srcdir/dicts/unspin"
python3 "$GEN" > "$T/now.map"
if cmp -s "$T/now.map" "$D/inflections.map"; then
    ok "dicts/unspin/inflections.map is what the generator makes of the hand-written maps"
else
    fail "dicts/unspin/inflections.map is stale: run plugins/unspin/make-inflection-map (see its --help), then remake-calibration"
fi
finish
