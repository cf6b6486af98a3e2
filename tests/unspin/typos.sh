#!/bin/sh
# typos.sh - the unspin filter's optional typo repair ("typos": true): real
# typos are fixed in context, names, rare right words, British spellings and
# addresses stay, and with the option off (the default) nothing changes.
. "$top_srcdir/tests/lib.sh"

# typos written for this test
cat > "$T/typos.txt" <<'TXT'
I will tell teh minister that we did not recieve the letter, wich was late.
The goverment said on Monday that the goverment's plan was to recieve more money.
TXT
run "$UNSPIN" -f unspin --set unspin.typos=true --report "$T/report.jsonl" "$T/typos.txt"
expect_rc 0 "typo repair runs"
expect_out "I will tell the minister that we did not receive the letter, which was late.
The government said on Monday that the government's plan was to receive more money." "teh, recieve, goverment, wich fixed in context; the possessive kept"
if grep -q '"reason":"typo; window log10 scores: wich [-0-9.]*, .*which [-0-9.]* (chosen)' "$T/report.jsonl"; then
    ok "each fix is logged as a typo with its scores"
else
    fail "typo log: $(head -c 600 "$T/report.jsonl")"
fi
if grep -q '"typos_fixed":6' "$T/report.jsonl"; then ok "typos_fixed counts the fixes"; else
    fail "typos_fixed: $(grep -o '"stats":.*' "$T/report.jsonl")"; fi

# off by default: the same text comes out as it went in, with the gate off too
run "$UNSPIN" -f unspin "$T/typos.txt"
expect_same "$T/out" "$T/typos.txt" "off by default: nothing changes"
run "$UNSPIN" -f unspin --set unspin.gate=false --set unspin.typos=false "$T/typos.txt"
expect_same "$T/out" "$T/typos.txt" "typos=false: nothing changes"

# names, capitals, British spellings, words Hunspell lacks, inflections the
# model knows less well, elisions, addresses, hashtags, code and numbers stay
cat > "$T/right.txt" <<'TXT'
Mr Smithe, the medallist, said the colour of the organisation's centre was sceptical amongst judgement.
Write to jon.smiht@example.com or see www.bbc.co.uk/nwes and #tehtag, my_varible and x=wrnog, the 3rd lovin' time.
The firm will rebalance its delisting plans, reinsurers said; the childrens toys are phoney. Teh NASA Rcoket launch.
TXT
run "$UNSPIN" -f unspin --set unspin.typos=true "$T/right.txt"
expect_same "$T/out" "$T/right.txt" "names, rare and British words, addresses and code stay"

# a margin the model cannot give leaves every typo
run "$UNSPIN" -f unspin --set unspin.typos=true --set unspin.typo_threshold=100 "$T/typos.txt"
expect_same "$T/out" "$T/typos.txt" "typo_threshold 100: nothing changes"

run "$UNSPIN" -f unspin --set 'unspin.typos="yes"' "$T/typos.txt"
expect_err '"typos" must be true or false' "typos not a boolean"
run "$UNSPIN" -f unspin --set unspin.typo_threshold=-1 "$T/typos.txt"
expect_err '"typo_threshold" must be a number from 0 to 100' "typo_threshold out of range"
finish
