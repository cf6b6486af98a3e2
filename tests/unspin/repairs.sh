#!/bin/sh
# repairs.sh - the unspin filter undoes common spinner substitutions in
# context, keeps case and possessives, fixes "a"/"an", and leaves right words.
. "$top_srcdir/tests/lib.sh"

# an article in the style of a thesaurus spinner, written for this test
cat > "$T/spun.txt" <<'TXT'
The Safety Service stated on Monday that troopers had been despatched to the jap border final yr.
Officers stated the navy had been educated within the area, the place many individuals reside.
In accordance with the report, greater than 1,000 troopers had been killed within the final week.
It was not a straightforward activity, the spokesman stated, as a number of hundred troopers stay.
The minister additionally stated the SAFETY SERVICE would publish its findings earlier than the finish of the month.
Each side look like making a push earlier than the talks, officers stated.
TXT
run "$UNSPIN" -f unspin "$T/spun.txt"
expect_rc 0 "a spun article runs"
for want in "Security Service said" "soldiers were sent" "eastern border last year" \
            "in the area, where many people live" "According to the report, more than 1,000 soldiers were killed" \
            "in the last week" "an easy task" "SECURITY SERVICE" \
            "also said" "before the"; do
    expect_has "$want" "repaired: $want"
done
# "troopers" may have been either original the map gives
grep -qE "several hundred (soldiers|troops) remain" "$T/out" && ok "repaired: several hundred soldiers/troops" \
    || fail "not repaired: several hundred troopers: $(cat "$T/out")"
# a spun phrase of another length, in an article that shows spinning
grep -qE "^Both sides (appear|seem) to be making a push before the talks" "$T/out" \
    && ok "a shorter spun phrase (look like -> appear/seem to be)" || fail "look like: $(cat "$T/out")"
grep -qF "Officials said" "$T/out" && ok "a capital at the start stays (Officers -> Officials)" || fail "case: $(cat "$T/out")"
grep -qF "minister" "$T/out" && ok "right words stay (minister)" || fail "minister lost"

# one form at a time, with the gate off so that a short text is repaired
run sh -c "printf 'Troopers in bunk beds\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false"
expect_out "Soldiers in bunk beds" "Title case kept (Troopers -> Soldiers)"
run sh -c "printf 'The navy\342\200\231s command post was hit.\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false"
expect_out "The military’s command post was hit." "the possessive kept (navy’s -> military’s)"
run sh -c "printf 'This was not a straightforward activity.\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false"
expect_out "This was not an easy task." "a/an fixed after a replacement"
run sh -c "printf 'This was not a \"straightforward activity\".\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false"
expect_out 'This was not an "easy task".' "a/an fixed across an opening quote"
run sh -c "printf 'Prices rose in jap and southern Ukraine final yr.\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false"
expect_out "Prices rose in eastern and southern Ukraine last year." "a non-word and a phrase of another length"
run sh -c "printf 'The lines had been largely static for weeks.\n' | \"$UNSPIN\" -f unspin --set unspin.gate=false"
expect_out "The lines had been largely static for weeks." "had been before an adjective stays"
# a replacement agrees with the pronoun before it: "were" after "they", never after "he"
printf 'had been = were  @before-participle\n' > "$T/agree.map"
run sh -c "printf 'Reports say it had been sold, and they had been sent home.\n' | \"$UNSPIN\" -f unspin \
    --set unspin.gate=false --set 'unspin.maps=[\"$T/agree.map\"]' --set 'unspin.calibration=\"\"'"
expect_out "Reports say it had been sold, and they were sent home." "were agrees with they, not with it"
# the other occurrences of a form lend the model's evidence, not their prior:
# "zymurgy" is a word Hunspell knows and the model does not, so the model
# scores it as the form (no lean either way); with prior 0.2 (confidence
# 0.61 < 0.63) one occurrence stays, and so do three
printf 'zorblax = zymurgy\n' > "$T/even.map"
printf 'The zorblax fell.\nA zorblax rose.\nEvery zorblax ran.\n' > "$T/even.txt"
run "$UNSPIN" -f unspin --set unspin.gate=false --set "unspin.maps=[\"$T/even.map\"]" --set 'unspin.calibration=""' \
    --set unspin.prior=0.2 "$T/even.txt"
expect_same "$T/even.txt" "$T/out" "a prior is not pooled from the form's other occurrences"
# the "an" a replacement needs is scored with its window: after "an" the model
# expects a vowel, so "an immense" seemed to beat "a huge" (by 0.68 log10 with
# this prior) while "an" itself is rarer than "a" (now -0.2: "huge" stays)
printf 'huge = immense\n' > "$T/an.map"
printf 'It was a huge crowd.\n' > "$T/an.txt"
run "$UNSPIN" -f unspin --set unspin.gate=false --set "unspin.maps=[\"$T/an.map\"]" --set 'unspin.calibration=""' \
    --set unspin.prior=4.3 "$T/an.txt"
expect_same "$T/an.txt" "$T/out" "the article a replacement needs counts in its window"

# the second look: an article below the spin gate is repaired when its
# decisions replace at least review_rate forms per 100 words, else left alone
review() {   # review RATE: the spun article with the score gate out of reach
    run "$UNSPIN" -f unspin --set unspin.spin_threshold=1000 --set unspin.review_from=0 \
        --set "unspin.review_rate=$1" --report "$T/review.jsonl" "$T/spun.txt"
}
review 2
grep -qF "Security Service said" "$T/out" && grep -q '"review_rate":' "$T/review.jsonl" \
    && ok "below the gate, many confident replacements: repaired" || fail "review 2: $(head -c 300 "$T/out")"
review 100
expect_same "$T/spun.txt" "$T/out" "below the gate, too few confident replacements: untouched"
# an article whose estimated spin rate is 0.12 or more passes with 0.6 of
# review_rate: with review_rate set just above its own figure it is repaired,
# set to twice its figure (or with the rate out of reach) it is not
review 100
own=$(sed -n 's/.*"review_rate":\([0-9.]*\).*/\1/p' "$T/review.jsonl")
rate=$(sed -n 's/.*"spin_rate":\([0-9.]*\).*/\1/p' "$T/review.jsonl")
if awk -v r="$rate" -v o="$own" 'BEGIN { exit !(r >= 0.12 && o > 0) }'; then
    review "$(awk -v o="$own" 'BEGIN { print o / 0.8 }')"
    grep -qF "Security Service said" "$T/out" && ok "below review_rate, a spin rate of $rate: repaired" \
        || fail "review at $own / 0.8, spin rate $rate: $(head -c 300 "$T/out")"
    review "$(awk -v o="$own" 'BEGIN { print o / 0.5 }')"
    expect_same "$T/spun.txt" "$T/out" "under 0.6 of review_rate: untouched whatever the spin rate"
else
    fail "the spun article's spin rate $rate (>= 0.12) and review rate $own (> 0) were expected"
fi

# every replacement is logged with the candidates' scores and a confidence
run "$UNSPIN" -f unspin --report "$T/report.jsonl" "$T/spun.txt"
expect_rc 0 "with --report"
grep -q '"before":"stated","after":"said","reason":"spin repair, confidence [0-9.]*; window log10 scores: stated -[0-9.]*, said -[0-9.]* (chosen)"' "$T/report.jsonl" \
    && ok "edits logged with scores" || fail "edit log: $(head -c 600 "$T/report.jsonl")"
grep -q '"spin_score":' "$T/report.jsonl" && ok "spin score reported" || fail "no spin_score"

# an original the map writes with a capital is a name and keeps it, also for
# a short form in capitals; a lowercase original takes the form's case
printf 'fb = Facebook\njap = Japanese\n' > "$T/names.map"
run sh -c "printf 'Officials said fb posts showed the jap border. FB posts showed it. JAP TROOPS LEFT.\n' | \
    \"$UNSPIN\" -f unspin --set unspin.gate=false --set 'unspin.maps=[\"$T/names.map\"]' --set 'unspin.calibration=\"\"'"
expect_out "Officials said Facebook posts showed the Japanese border. Facebook posts showed it. JAPANESE TROOPS LEFT." \
    "names keep their capital"

# forms with an abbreviation's full stops ("p.c.", "sq. miles") match across
# the stops; a stop that also ends the sentence stays
printf 'stated = said\np.c. = per cent\np.c = per cent\nsq. miles = square miles\n' > "$T/dots.map"
run sh -c "printf 'Rents rose 5 p.c. in a yr, he stated. They fell 3 p.c. Over 4 sq. miles it rained, he stated.\n' | \
    \"$UNSPIN\" -f unspin --set unspin.gate=false --set 'unspin.maps=[\"$T/dots.map\"]' --set 'unspin.calibration=\"\"'"
expect_out "Rents rose 5 per cent in a yr, he said. They fell 3 per cent. Over 4 square miles it rained, he said." \
    "forms across full stops, the sentence's own stop kept"

# a spinner substitutes the same way throughout an article, so the model's
# evidence at a form's other places counts at each (pool_evidence), also
# where no other form stands beside it: alone, the middle sentence keeps
# "firearm"; with the two others, it is repaired as they are
printf 'Officials said the firearm would be reviewed soon.\n' > "$T/pool1.txt"
run "$UNSPIN" -f unspin --set unspin.gate=false "$T/pool1.txt"
expect_same "$T/pool1.txt" "$T/out" "one weak form alone: kept"
printf 'Police said the firearm was clear on Monday. Officials said the firearm would be reviewed soon. Residents said the firearm had changed a lot.\n' > "$T/pool3.txt"
run "$UNSPIN" -f unspin --set unspin.gate=false "$T/pool3.txt"
expect_has "Officials said the gun would be reviewed" "the same form's other places lean it over: repaired"

# a line of nothing but spun forms is one long cluster (80 forms, each beside
# the next): decided one form at a time, every word kept
i=0; : > "$T/long.txt"
while [ $i -lt 40 ]; do printf 'troopers stated ' >> "$T/long.txt"; i=$((i + 1)); done
echo >> "$T/long.txt"
run "$UNSPIN" -f unspin --set unspin.gate=false "$T/long.txt"
expect_rc 0 "a cluster of 80 forms"
[ "$(wc -w < "$T/out")" = 80 ] && grep -q "soldiers said" "$T/out" \
    && ok "a cluster of 80 forms repaired, every word kept" || fail "long cluster: $(head -c 300 "$T/out")"
finish
