#!/bin/sh
# numbers.sh - dicts/unspin/numbers.map: a small number a spinner wrote as a
# digit ("the 2 soldiers") is spelt out again in a spun article, while digits
# that are part of a numeral, an amount, a date, a time or a name stay; the
# map's @unrated entries count in neither the spin score nor the spin rate.
. "$top_srcdir/tests/lib.sh"

# spun in the style of seed 000's spinner, written for this test
cat > "$T/spun.txt" <<'TXT'
The Safety Service stated on January 9 that 2 troopers had been despatched to the jap border final yr.
Officers stated the 2 troopers had been educated within the area, the place 3 of them reside, and 1 of them was remoted.
In accordance with the report, greater than 1,000 troopers had been killed within the final week, or 2.5 per cent.
The navy, which paid £2m for 2 tanks on 4 May at 2 pm, stated the battle on Channel 4 ended 2-1.
Radio 1 stated the 3 troopers face 4 million in fines under section 5, with talks on 6 or 7 April.
TXT
run "$UNSPIN" -f unspin "$T/spun.txt"
expect_rc 0 "a spun article runs"
for want in "said on January 9 that two soldiers" "the two soldiers" "where three of them live" \
            "more than 1,000" "2.5 per cent" "paid £2m" "for two tanks" "on 4 May at 2 pm" "Channel 4" "2-1" \
            "Radio 1 said the three soldiers face 4 million" "section 5" "on 6 or 7 April"; do
    expect_has "$want" "number kept or spelt out: $want"
done
# without the map every digit stays
run "$UNSPIN" -f unspin --set 'unspin.maps=["phrases","verbs","nouns","modifiers","frequent","formal"]' "$T/spun.txt"
expect_has "the 2 soldiers" "without numbers.map the digit stays"

# an article that is clean but for its digits is not taken for spun: they
# say nothing about spinning (@unrated), so the gate leaves it alone
cat > "$T/clean.txt" <<'TXT'
The team won 2 of their 3 games last week, and 4 players were injured in the match on Saturday.
The club said 5 of the 6 new signings would play, while 7 of the squad were rested.
TXT
run "$UNSPIN" -f unspin --report "$T/report.jsonl" "$T/clean.txt"
expect_same "$T/clean.txt" "$T/out" "clean text with digits is untouched"
expect_line "$T/report.jsonl" '"spin_score":0[,}]' "digits add nothing to the spin score"
# the same entries without the condition would take it for spun
sed 's/@unrated//' "$top_srcdir/dicts/unspin/numbers.map" > "$T/rated.map"
run "$UNSPIN" -f unspin --set "unspin.maps=[\"$T/rated.map\"]" --set 'unspin.fingerprints=""' \
    --report "$T/rated.jsonl" "$T/clean.txt"
expect_no_line "$T/rated.jsonl" '"spin_score":0[,}]' "without @unrated the digits count as spinner fingerprints"

# the condition is read, and a wrong one is named with its file and line
printf '2 = two  @unrated\n3 = three  @unrated @bogus\n' > "$T/bad.map"
run "$UNSPIN" -f unspin --set "unspin.maps=[\"$T/bad.map\"]" "$T/clean.txt"
expect_rc 2 "an unknown condition stops the run"
expect_err "bad.map:2: unknown condition \"@bogus\" .*@unrated" "the error names the file, the line and the known conditions"
finish
