#!/bin/sh
# jsonl.sh - JSON Lines: fields kept byte for byte, bad records under each
# --on-error mode, --report, -j order, --field, --max-record-size.
. "$top_srcdir/tests/lib.sh"
REPL='example.replace=[{"from":"Safety","to":"Security"}]'

cat > "$T/in.jsonl" <<'EOF2'
{"id":"a1","n":1.50,"tags":["x", {"deep":[1e3]}],"text":"The Safety Service \u00e9\u2019 😀 \"q\"\n","z":null}
{"text":"nothing to do here","url":"http:\/\/example.com"}
  {"text" : "Safety"}  
EOF2
run "$UNSPIN" -f example --set "$REPL" --jsonl "$T/in.jsonl"
expect_rc 0 "valid JSON Lines"
cat > "$T/want.jsonl" <<'EOF2'
{"id":"a1","n":1.50,"tags":["x", {"deep":[1e3]}],"text":"The Security Service é’ 😀 \"q\"\n","z":null}
{"text":"nothing to do here","url":"http:\/\/example.com"}
  {"text" : "Security"}  
EOF2
expect_same "$T/out" "$T/want.jsonl" "other fields kept byte for byte, unchanged records untouched"

# --field
printf '{"body":"Safety","text":"Safety"}\n' > "$T/f.jsonl"
run "$UNSPIN" -f example --set "$REPL" --jsonl --field body "$T/f.jsonl"
expect_out '{"body":"Security","text":"Safety"}' "--field picks the text field"

# Bad records: malformed JSON, missing/null/number/object text, duplicate key.
cat > "$T/bad.jsonl" <<'EOF2'
{"id":1,"text":"Safety one"}
{"id":2,"text":"broken
{"id":3}
{"id":4,"text":null}
{"id":5,"text":42}
{"id":6,"text":{"a":"b"}}
{"id":7,"text":"a","text":"b"}
[1,2]

{"id":9,"text":"Safety nine"}
EOF2
run "$UNSPIN" -f example --set "$REPL" --jsonl "$T/bad.jsonl"
expect_rc 3 "pass mode: finished with records passed through"
[ "$(wc -l < "$T/out")" = 10 ] && ok "pass mode: one output line per input line" || fail "pass mode: $(wc -l < "$T/out") lines"
sed -n 2p "$T/out" | grep -qx '{"id":2,"text":"broken' && ok "malformed line passed through unchanged" || fail "malformed line changed"
sed -n 10p "$T/out" | grep -q 'Security nine' && ok "records after bad ones are cleaned" || fail "later record not cleaned"
for n in 2 3 4 5 6 7 8; do
    grep -q "bad.jsonl:$n:" "$T/err" || fail "line $n not named on stderr"
done
ok "every bad record named with file and line"
expect_err 'more than once' "duplicate key reason"
expect_err 'not a string' "non-string text reason"
expect_err 'no "text" field' "missing text reason"

run "$UNSPIN" -f example --set "$REPL" --jsonl --on-error skip "$T/bad.jsonl"
expect_rc 3 "skip mode"
[ "$(wc -l < "$T/out")" = 3 ] && ok "skip mode: 2 good records and the blank line written" || fail "skip mode wrote $(wc -l < "$T/out") lines"
[ "$(grep -c 'skipped' "$T/err")" = 7 ] && ok "skip mode: 7 records named as skipped" || fail "skip mode stderr: $(cat "$T/err")"

run "$UNSPIN" -f example --set "$REPL" --jsonl --on-error stop "$T/bad.jsonl"
expect_rc 2 "stop mode"
[ "$(cat "$T/out")" = '{"id":1,"text":"Security one"}' ] && ok "stop mode: records before the bad one written" || fail "stop mode output: $(cat "$T/out")"
expect_err "bad.jsonl:2:.*stopping" "stop mode names the record"

# --report: one line per record, with edits and status.
run "$UNSPIN" -f example --set "$REPL" --jsonl --report "$T/report.jsonl" "$T/bad.jsonl"
[ "$(wc -l < "$T/report.jsonl")" = 9 ] && ok "report: one line per record (blank line excluded)" || fail "report has $(wc -l < "$T/report.jsonl") lines"
python3 - "$T/report.jsonl" <<'PY' && ok "report content" || fail "report content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
first = rows[0]
assert first["id"] == "1" and first["status"] == "cleaned", first
assert first["filters"] == ["example"]
e = first["edits"][0]
assert (e["filter"], e["before"], e["after"], e["start"], e["end"]) == ("example", "Safety", "Security", 0, 6), e
assert 0 <= e["confidence"] <= 1
assert rows[1]["status"] == "passed" and "not valid JSON" in rows[1]["error"]
assert rows[1]["line"] == 2
PY

# -j keeps the order and gives the same bytes.
python3 -c '
import json
for i in range(5000):
    print(json.dumps({"id": i, "text": "Safety %d " % i * (i % 7 + 1)}))
' > "$T/many.jsonl"
"$UNSPIN" -f example --set "$REPL" --jsonl "$T/many.jsonl" > "$T/j1" 2>/dev/null
"$UNSPIN" -f example --set "$REPL" --jsonl -j 3 "$T/many.jsonl" > "$T/j3" 2>/dev/null
expect_same "$T/j1" "$T/j3" "-j 3 output equals -j 1 output"
[ "$(wc -l < "$T/j3")" = 5000 ] && ok "-j 3: 5000 records out" || fail "-j 3 count"

# --max-record-size: a longer record is passed through unchanged and named.
python3 -c 'print("{\"text\":\"" + "Safety " * 3000 + "\"}"); print("{\"text\":\"Safety\"}")' > "$T/long.jsonl"
run "$UNSPIN" -f example --set "$REPL" --jsonl --max-record-size 1K "$T/long.jsonl"
expect_rc 3 "oversize record"
sed -n 1p "$T/out" | cmp -s - "$(sed -n 1p "$T/long.jsonl" > "$T/l1"; echo "$T/l1")" && ok "oversize record passed through whole" || fail "oversize record changed"
sed -n 2p "$T/out" | grep -q Security && ok "record after the oversize one cleaned" || fail "record after oversize"
expect_err "long.jsonl:1: longer than --max-record-size" "oversize record named"

# Invalid UTF-8 inside a JSON string is kept, not rejected.
printf '{"text":"caf\351 Safety"}\n' > "$T/latin1.jsonl"
run "$UNSPIN" -f example --set "$REPL" --jsonl "$T/latin1.jsonl"
expect_rc 0 "invalid UTF-8 in a string is accepted"
printf '{"text":"caf\351 Security"}\n' | cmp -s - "$T/out" && ok "invalid bytes kept" || fail "invalid bytes changed"
finish
