#!/bin/sh
# clean.sh - the gate: an article that was never spun comes out byte for byte,
# even with words a spinner also writes ("the place", "had been", "within the").
. "$top_srcdir/tests/lib.sh"
cat > "$T/clean.txt" <<'TXT'
Shares in the carmaker rose sharply on Tuesday after it said profits had been better than expected.
The firm, which employs 4,000 people at the place where the first factory stood, said sales within the UK grew by 3%.
Analysts said the results were a relief, although the chief executive warned that the coming year would be tough.
"We had been preparing for a difficult quarter," she told reporters, adding that the company would keep investing in new models.
Its rival reported a loss last week and said it would cut 500 jobs across Europe over the next two years.
TXT
run "$UNSPIN" -f unspin --report "$T/report.jsonl" "$T/clean.txt"
expect_rc 0 "a clean article runs"
expect_same "$T/clean.txt" "$T/out" "a clean article is untouched"
grep -q '"edits":\[\]' "$T/report.jsonl" && ok "no edits logged" || fail "edits: $(head -c 400 "$T/report.jsonl")"
# the same article with the gate off is still left alone where the model sees nothing wrong
run "$UNSPIN" -f unspin --set unspin.gate=false "$T/clean.txt"
for keep in "profits had been better" "the chief executive" "she told reporters"; do
    grep -qF "$keep" "$T/out" && ok "gate off, right words stay: $keep" || fail "gate off changed: $keep: $(cat "$T/out")"
done
# many articles on two threads give the same result as on one
for i in 1 2 3 4 5 6; do
    python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read()}))' "$T/clean.txt"
    python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read()}))' "$top_srcdir/tests/unspin/clean.sh"
done > "$T/many.jsonl"
"$UNSPIN" -f unspin --set unspin.gate=false --jsonl -j 1 < "$T/many.jsonl" > "$T/one.jsonl"
"$UNSPIN" -f unspin --set unspin.gate=false --jsonl -j 2 < "$T/many.jsonl" > "$T/two.jsonl"
expect_same "$T/one.jsonl" "$T/two.jsonl" "-j 2 gives the same output as -j 1"
finish
