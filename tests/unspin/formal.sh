#!/bin/sh
# formal.sh - dicts/unspin/formal.map (the "formal" spinners' forms: "necessitate"
# for "need", "endeavor" for "try") is loaded by default and decided in context:
# its forms are repaired in spun text, and where an author wrote them they stay.
. "$top_srcdir/tests/lib.sh"

# spun in the style of a synonym-list spinner, written for this test
cat > "$T/spun.txt" <<'TXT'
The council said it would terminate the contract and notify residents, who must vacate their homes by Friday.
Shares in the firm plummeted after it failed to ascertain how the data had been lost, and officials declined to elucidate.
The minister said the plan would necessitate new laws, and that he would endeavor to convene talks with unions next week.
Police apprehended two men, who were detained overnight, and said they would not postpone the inquiry.
TXT
run "$UNSPIN" -f unspin "$T/spun.txt"
expect_rc 0 "a spun article runs"
for want in "would need new laws" "would try to convene" "Police arrested two men"; do
    expect_has "$want" "repaired: $want"
done
# the map is what repairs these: without it the forms stay
run "$UNSPIN" -f unspin --set 'unspin.maps=["phrases","verbs","nouns","modifiers","frequent"]' "$T/spun.txt"
for kept in "necessitate new laws" "endeavor to convene"; do
    expect_has "$kept" "without formal.map the form stays: $kept"
done

# where the author wrote a form, in clean news, it stays
cat > "$T/clean.txt" <<'TXT'
The company said it would acquire a smaller rival, and that it remains committed to its strategy despite a decline in profits.
Officials said the scheme had been a significant success and would be extended to other regions next year.
TXT
run "$UNSPIN" -f unspin "$T/clean.txt"
expect_same "$T/clean.txt" "$T/out" "a clean article with the map's forms stays as written"
finish
