#!/bin/sh
# Big inputs (issue 7): a 100 MB article on one line, as plain text and as
# one JSON Lines record, and 10^6 tiny records.  The files are made in
# $TMPDIR (removed at the end).  Checks the output exactly, and that memory
# stays bounded on the many small records.
. "$top_srcdir/tests/reliability/testlib.sh"
EX="-f example"
RULE='--set example.replace=[{"from":"START","to":"BEGIN"},{"from":"END","to":"FIN"}]'
MB100=100000000

# --- one 100 MB line -----------------------------------------------------------
# "START the quick brown fox ... END", 100 MB, no newline.
{ printf 'START '; yes 'the quick brown fox jumps' | tr '\n' ' ' | head -c $((MB100 - 10)); printf ' END'; } >"$WORK/line.txt"
check "the input is 100 MB" test "$(wc -c <"$WORK/line.txt")" -eq $MB100
run_in 0 "$WORK/line.txt" $UNSPIN $EX $RULE
check "100 MB plain: same size" test "$(wc -c <"$OUT")" -eq $MB100
check "100 MB plain: the start replaced" test "$(head -c 6 "$OUT")" = "BEGIN "
check "100 MB plain: the end replaced" test "$(tail -c 4 "$OUT")" = " FIN"
check "100 MB plain: everything between as it was" cmp -s -i 6:6 -n $((MB100 - 10)) "$WORK/line.txt" "$OUT"
# The same line as the text of a JSON Lines record, between two small ones.
{ printf '{"id":"before","text":"START small END"}\n{"id":"big","text":"'; cat "$WORK/line.txt"; printf '","n":1}\n{"id":"after","text":"START END"}\n'; } >"$WORK/line.jsonl"
rm -f "$WORK/line.txt"
run_in 0 "$WORK/line.jsonl" $UNSPIN $EX $RULE --jsonl
check "100 MB record: three lines out" test "$(count_lines "$OUT")" -eq 3
check "100 MB record: same size" test "$(wc -c <"$OUT")" -eq "$(wc -c <"$WORK/line.jsonl")"
check "100 MB record: the small ones cleaned" test "$(head -n 1 "$OUT")" = '{"id":"before","text":"BEGIN small FIN"}' -a "$(tail -n 1 "$OUT")" = '{"id":"after","text":"BEGIN FIN"}'
check "100 MB record: its text cleaned, its other field kept" \
    test "$(sed -n '2p' "$OUT" | head -c 30)" = '{"id":"big","text":"BEGIN the ' -a "$(sed -n '2p' "$OUT" | tail -c 13)" = ' FIN","n":1}'
# Over a --max-record-size below it: passed through whole, named.
run_in 3 "$WORK/line.jsonl" $UNSPIN $EX $RULE --jsonl --max-record-size 10M
has_err '^unspin: -:2: longer than --max-record-size (10485760 bytes); passed through unchanged$'
sed -n '2p' "$WORK/line.jsonl" >"$WORK/line2.in"
sed -n '2p' "$OUT" >"$WORK/line2.out"
check "100 MB record over the limit: passed through byte for byte" cmp -s "$WORK/line2.in" "$WORK/line2.out"
rm -f "$WORK"/line*

# --- 10^6 tiny records -------------------------------------------------------------
awk 'BEGIN { for (i = 1; i <= 1000000; i++) printf "{\"text\":\"a%d\"}\n", i }' >"$WORK/many.jsonl"
awk 'BEGIN { for (i = 1; i <= 1000000; i++) printf "{\"text\":\"A%d\"}\n", i }' >"$WORK/many-want.jsonl"
for j in 1 2; do
    run_in 0 "$WORK/many.jsonl" $UNSPIN $EX --set 'example.replace=[{"from":"a","to":"A"}]' --jsonl -j $j
    check "10^6 records, -j $j: records in = written, in order, each cleaned" cmp -s "$OUT" "$WORK/many-want.jsonl"
    no_err
done
# Memory stays bounded: the peak does not grow with the number of records
# (a batch is at most 256 records a thread).  GNU time gives the peak; not
# measured under valgrind or ASan (whose quarantine keeps freed memory).
if command -v /usr/bin/time >/dev/null 2>&1 && /usr/bin/time -f %M true >/dev/null 2>&1 &&
   [ -z "${UNSPIN_WRAPPED:-}" ] && ! grep -q '^SAN_FLAGS = -fsanitize' "$top_builddir/Makefile"; then
    head -n 10000 "$WORK/many.jsonl" >"$WORK/few.jsonl"
    /usr/bin/time -f %M -o "$WORK/few.kb" $UNSPIN $EX --jsonl <"$WORK/few.jsonl" >/dev/null
    /usr/bin/time -f %M -o "$WORK/many.kb" $UNSPIN $EX --jsonl <"$WORK/many.jsonl" >/dev/null
    few=$(tail -n 1 "$WORK/few.kb")
    many=$(tail -n 1 "$WORK/many.kb")
    echo "# peak memory: 10^4 records $few kB, 10^6 records $many kB"
    check "peak memory on 10^6 records is within 8 MB of that on 10^4" test "$many" -lt $((few + 8192))
fi

finish
