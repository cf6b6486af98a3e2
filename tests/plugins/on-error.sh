#!/bin/sh
# A filter that fails on one record (the test-only "failon" filter fails on
# text containing FAIL-HERE): --on-error pass writes the record unchanged and
# names it, skip leaves it out and names it, stop ends the run there.
# Nothing is lost silently: records in = written + skipped, every time.
. "$top_srcdir/tests/reliability/testlib.sh"
if static_build; then
    echo "static build (--disable-shared): test modules cannot be loaded; skipped"
    exit 77
fi
P="--plugin-path $top_builddir/tests/plugins"

cat >"$WORK/in.jsonl" <<'JSONL'
{"id":"a","text":"first","n":1}
{"id":"b","text":"second FAIL-HERE","n":2.50}
{"id":"c","text":"third","n":3}
JSONL
cat >"$WORK/cleaned.jsonl" <<'JSONL'
{"id":"a","text":"FIRST","n":1}
{"id":"b","text":"second FAIL-HERE","n":2.50}
{"id":"c","text":"THIRD","n":3}
JSONL

# pass (the default): the bad record as it came in, not half-cleaned by the
# good filter before the failing one; exit status 3.
run_in 3 "$WORK/in.jsonl" $UNSPIN $P -f good,failon --jsonl
same_out "$WORK/cleaned.jsonl"
has_err '^unspin: -:2: filter "failon": deliberate failure: the text contains "FAIL-HERE"; passed through unchanged$'
check "one message for one bad record" test "$(count_err .)" -eq 1
run_in 3 "$WORK/in.jsonl" $UNSPIN $P -f good,failon --jsonl --on-error pass
same_out "$WORK/cleaned.jsonl"

# skip: left out, named, exit status 3.
run_in 3 "$WORK/in.jsonl" $UNSPIN $P -f good,failon --jsonl --on-error skip
grep -v FAIL-HERE "$WORK/cleaned.jsonl" >"$WORK/skipped.jsonl"
same_out "$WORK/skipped.jsonl"
has_err '^unspin: -:2: filter "failon": .*; skipped$'

# stop: ends there with exit status 2; what came before is written.
run_in 2 "$WORK/in.jsonl" $UNSPIN $P -f good,failon --jsonl --on-error stop
head -n 1 "$WORK/cleaned.jsonl" >"$WORK/first.jsonl"
same_out "$WORK/first.jsonl"
has_err '^unspin: -:2: filter "failon": .*; stopping (--on-error stop)$'
lacks_err ':3:'

# A filter failing without a message is still named.
run_in 3 "$WORK/in.jsonl" $UNSPIN $P -f failon --set failon.silent=true --jsonl
has_err '^unspin: -:2: filter "failon": failed without a message; passed through unchanged$'

# The report says what happened to each record.
run_in 3 "$WORK/in.jsonl" $UNSPIN $P -f good,failon --jsonl --on-error skip --report "$WORK/report.jsonl"
check "report: one line per record" test "$(count_lines "$WORK/report.jsonl")" -eq 3
check "report: record b skipped, with the filter's message" \
    grep -q '"id":"b","status":"skipped","error":"filter \\"failon\\": deliberate failure' "$WORK/report.jsonl"

# Many records on 4 threads, every 7th failing: order kept, accounting holds.
awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "{\"id\":%d,\"text\":\"rec %d%s\"}\n", i, i, i % 7 ? "" : " FAIL-HERE" }' >"$WORK/many.jsonl"
awk '{ if ($0 !~ /FAIL-HERE/) $0 = toupper($0); sub(/"ID"/, "\"id\""); sub(/"TEXT"/, "\"text\""); print }' "$WORK/many.jsonl" >"$WORK/many-pass.jsonl"
grep -v FAIL-HERE "$WORK/many-pass.jsonl" >"$WORK/many-skip.jsonl"
for j in 1 4; do
    run_in 3 "$WORK/many.jsonl" $UNSPIN $P -f good,failon --jsonl -j $j
    same_out "$WORK/many-pass.jsonl"
    check "-j $j pass: 714 records named" test "$(count_err 'passed through unchanged$')" -eq 714
    run_in 3 "$WORK/many.jsonl" $UNSPIN $P -f good,failon --jsonl -j $j --on-error skip
    same_out "$WORK/many-skip.jsonl"
    check "-j $j skip: records in = written + skipped" \
        test 5000 -eq $(($(count_lines "$OUT") + $(count_err '; skipped$')))
done

# Plain text, several files: each file is one article.
printf 'one\n' >"$WORK/a.txt"
printf 'two FAIL-HERE\n' >"$WORK/b.txt"
printf 'three\n' >"$WORK/c.txt"
run 3 $UNSPIN $P -f good,failon "$WORK/a.txt" "$WORK/b.txt" "$WORK/c.txt"
printf 'ONE\ntwo FAIL-HERE\nTHREE\n' >"$WORK/want.txt"
same_out "$WORK/want.txt"
has_err "^unspin: $WORK/b.txt: filter \"failon\".*; passed through unchanged$"
run 3 $UNSPIN $P -f good,failon --on-error skip "$WORK/a.txt" "$WORK/b.txt" "$WORK/c.txt"
printf 'ONE\nTHREE\n' >"$WORK/want.txt"
same_out "$WORK/want.txt"
run 2 $UNSPIN $P -f good,failon --on-error stop "$WORK/a.txt" "$WORK/b.txt" "$WORK/c.txt"
printf 'ONE\n' >"$WORK/want.txt"
same_out "$WORK/want.txt"

# --in-place: the failing file is left exactly as it was, the others cleaned.
cp "$WORK/b.txt" "$WORK/b.orig"
run 3 $UNSPIN $P -f good,failon -i "$WORK/a.txt" "$WORK/b.txt"
check "in place: a.txt cleaned" grep -qx ONE "$WORK/a.txt"
check "in place: b.txt as it was" cmp -s "$WORK/b.txt" "$WORK/b.orig"
check "in place: no temporary file left" test "$(ls "$WORK" | grep -c unspin-)" -eq 0

finish
