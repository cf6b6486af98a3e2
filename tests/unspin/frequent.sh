#!/bin/sh
# frequent.sh - dicts/unspin/frequent.map (the spun forms of news English's
# most frequent words and phrases) is loaded and decided in context: its set
# phrases are repaired, and where the author wrote its forms they stay.
. "$top_srcdir/tests/lib.sh"

# spun in the style of a word-swapping spinner, written for this test
cat > "$T/spun.txt" <<'TXT'
The agency stated that certainly one of its biggest markets was the US, reasonably than Europe.
Medical doctors stated most cancers and weight problems had been rising, in keeping with the report.
Individuals who purchase the brand new digicam should pay greater than 500 kilos, the agency stated.
The authorities additionally stated it might act thus far as potential, for instance on weight loss program.
TXT
run "$UNSPIN" -f unspin "$T/spun.txt"
expect_rc 0 "a spun article runs"
for want in "one of its biggest markets" "rather than Europe" "cancer and obesity" "according to the report" \
            "Doctors said" "new camera" "more than 500" "on diet"; do
    expect_has "$want" "repaired: $want"
done
# the map is what repairs these: without it the phrases stay
run "$UNSPIN" -f unspin --set 'unspin.maps=["phrases","verbs","nouns","modifiers"]' "$T/spun.txt"
for kept in "most cancers" "digicam"; do
    expect_has "$kept" "without frequent.map the phrase stays: $kept"
done

# where the author wrote a form, in clean news, it stays
cat > "$T/clean.txt" <<'TXT'
The firm said the analysis showed a slowdown, and that additional staff would be hired to assist customers.
She said the live performance was a triumph and that the artwork on show had been restored.
TXT
run "$UNSPIN" -f unspin "$T/clean.txt"
expect_same "$T/clean.txt" "$T/out" "a clean article with the map's forms stays as written"
finish
