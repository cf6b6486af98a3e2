#!/bin/sh
# Bad input, record by record (issue 7): odd but valid input comes out as it
# went in; a record that cannot be cleaned is named on stderr and handled per
# --on-error; records in = written + skipped, always.  The inputs are made
# by make-inputs.sh.  The "example" filter without rules changes nothing, so
# the core is tested alone; with a rule it changes the text, which makes the
# core write the record anew.  The default chain runs over the same inputs
# when its filters are built.
. "$top_srcdir/tests/reliability/testlib.sh"
IN=$WORK/inputs
sh "$top_srcdir/tests/reliability/make-inputs.sh" "$IN" || exit 99
EX="-f example"

# --- plain articles: out exactly as in -------------------------------------
for f in "$IN"/plain/*.txt; do
    run_in 0 "$f" $UNSPIN $EX
    same_out "$f"
    no_err
done

# --- valid JSON Lines: each record written as it came -------------------------
for f in "$IN"/good/*.jsonl; do
    run_in 0 "$f" $UNSPIN $EX --jsonl
    if [ "$(basename "$f")" = no-final-newline.jsonl ]; then
        # every output record ends with a newline
        check "a newline is added to the last record" test "$(cat "$OUT")" = "$(cat "$f")" -a "$(wc -l <"$OUT")" -eq 1
    else
        same_out "$f"
    fi
    no_err
done

# --- records that cannot be cleaned, under each --on-error -------------------
for f in "$IN"/bad/*.jsonl; do
    n=$(count_lines "$f")
    run_in 3 "$f" $UNSPIN $EX --jsonl
    same_out "$f"
    check "$(basename "$f"): each of $n records named with its line" \
        test "$(grep -c '^unspin: -:[0-9][0-9]*: .*; passed through unchanged$' "$ERR")" -eq "$n" \
        -a "$(grep -c "^unspin: -:$n: " "$ERR")" -eq 1
    run_in 3 "$f" $UNSPIN $EX --jsonl --on-error skip
    no_out
    check "$(basename "$f"): records in ($n) = written + skipped" test "$(count_err '; skipped$')" -eq "$n"
    run_in 2 "$f" $UNSPIN $EX --jsonl --on-error stop
    no_out
    check "$(basename "$f"): stop names the first record only" \
        test "$(count_err .)" -eq 1 -a "$(grep -c '^unspin: -:1: .*; stopping (--on-error stop)$' "$ERR")" -eq 1
done

# The reasons say what is wrong.
run_in 3 "$IN/bad/text-not-a-string.jsonl" $UNSPIN $EX --jsonl
has_err '^unspin: -:1: no "text" field; passed through unchanged$'
has_err '^unspin: -:2: the "text" field is not a string; passed through unchanged$'
has_err '^unspin: -:5: the "text" field is not a string'
run_in 3 "$IN/bad/duplicate-text.jsonl" $UNSPIN $EX --jsonl
check "duplicate text named, also when the key is escaped" \
    test "$(count_err 'the "text" field is given more than once')" -eq 3
run_in 3 "$IN/bad/nested-too-deep.jsonl" $UNSPIN $EX --jsonl
check "nesting past the limit named" test "$(count_err 'not valid JSON: nested too deeply')" -eq 4
run_in 3 "$IN/bad/control-characters.jsonl" $UNSPIN $EX --jsonl
has_err '^unspin: -:2: not valid JSON: NUL byte in a string'
has_err '^unspin: -:1: not valid JSON: control character in a string'
run_in 3 "$IN/bad/not-an-object.jsonl" $UNSPIN $EX --jsonl
has_err '^unspin: -:1: the record is not a JSON object'
# --field names the field everywhere.
printf '{"text":"a"}\n' >"$WORK/field.jsonl"
run_in 3 "$WORK/field.jsonl" $UNSPIN $EX --jsonl --field body
has_err '^unspin: -:1: no "body" field; passed through unchanged$'

# --- accounting over everything at once ---------------------------------------
# (good files first, each ending with a newline, then the bad ones)
for f in "$IN"/good/*.jsonl; do cat "$f"; [ -z "$(tail -c 1 "$f")" ] || echo; done >"$WORK/good-all.jsonl"
cat "$WORK/good-all.jsonl" "$IN"/bad/*.jsonl >"$WORK/all.jsonl"
n_all=$(count_lines "$WORK/all.jsonl")
n_bad=$(cat "$IN"/bad/*.jsonl | awk 'END { print NR }')
for j in 1 3; do
    run_in 3 "$WORK/all.jsonl" $UNSPIN $EX --jsonl -j $j
    same_out "$WORK/all.jsonl"
    check "-j $j pass: $n_bad of $n_all records named" test "$(count_err 'passed through unchanged$')" -eq "$n_bad"
    run_in 3 "$WORK/all.jsonl" $UNSPIN $EX --jsonl -j $j --on-error skip
    same_out "$WORK/good-all.jsonl"
    check "-j $j skip: records in = written + skipped" \
        test "$n_all" -eq $(($(count_lines "$OUT") + $(count_err '; skipped$')))
done

# --- the text changed: the record is written anew, nothing else moves --------
A2B="--set example.replace=[{\"from\":\"a\",\"to\":\"A\"}]"
jsonl_case() {   # jsonl_case DESCRIPTION INPUT-PRINTF EXPECTED-PRINTF
    printf "$2" >"$WORK/case.jsonl"
    printf "$3" >"$WORK/want.jsonl"
    run_in 0 "$WORK/case.jsonl" $UNSPIN $EX $A2B --jsonl
    if cmp -s "$OUT" "$WORK/want.jsonl"; then ok "$1"; else bad "$1: got $(od -c "$OUT" | head -5)"; fi
}
jsonl_case '\u0000 and other control characters survive a round trip' \
    '{"text":"a\\u0000b\\u001f\\u007f"}\n' '{"text":"A\\u0000b\\u001f\\u007f"}\n'
jsonl_case 'invalid UTF-8 bytes survive byte for byte' \
    '{"k\377":"v\200","text":"a\200b\300\257\355\240\200\377"}\n' '{"k\377":"v\200","text":"A\200b\300\257\355\240\200\377"}\n'
jsonl_case 'other fields keep their exact spelling' \
    '{"n":1.50,"e":"\\u00e9","text" : "a" ,"z":[ 1 ]}\r\n' '{"n":1.50,"e":"\\u00e9","text" : "A" ,"z":[ 1 ]}\r\n'
jsonl_case 'escapes are written back as JSON' \
    '{"text":"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"}\n' '{"text":"A\\"\\\\/\\u0008\\u000c\\n\\r\\t\303\251\360\237\230\200"}\n'
jsonl_case 'a lone surrogate escape becomes U+FFFD (documented in jsonl.h)' \
    '{"text":"a\\ud800"}\n' '{"text":"A\357\277\275"}\n'
jsonl_case 'the text under an escaped key is found' \
    '{"te\\u0078t":"a"}\n' '{"te\\u0078t":"A"}\n'
# NUL bytes in plain text reach the filter and come back.
printf 'a\000b\000a' >"$WORK/nul.txt"
printf 'A\000b\000A' >"$WORK/want.txt"
run_in 0 "$WORK/nul.txt" $UNSPIN $EX $A2B
same_out "$WORK/want.txt"

# --- --max-record-size: a longer record is passed through whole and named ----
run 0 $UNSPIN --help
has_out 'max-record-size N.*records longer than N bytes'
has_out 'passed through unchanged and named (default: 1G)'
awk 'BEGIN {
    printf "{\"text\":\"small a\"}\n"
    s = ""; for (i = 0; i < 5000; i++) s = s "a"
    printf "{\"text\":\"%s\"}\n", s
    printf "{\"text\":\"after a\"}\n"
    # exactly 100 bytes, then 101
    s = ""; for (i = 0; i < 89; i++) s = s "a"; printf "{\"text\":\"%s\"}\n", s
    printf "{\"text\":\"%sa\"}\n", s
    printf "{\"text\":\"last %s\"}", s
}' >"$WORK/sizes.jsonl"
awk 'NR == 1 || NR == 3 || NR == 4 { gsub(/a/, "A"); sub(/"TEXT"/, "\"text\"") } { print }' "$WORK/sizes.jsonl" >"$WORK/sizes-pass.jsonl"
for j in 1 2; do
    run_in 3 "$WORK/sizes.jsonl" $UNSPIN $EX $A2B --jsonl --max-record-size 100 -j $j
    same_out "$WORK/sizes-pass.jsonl"
    has_err '^unspin: -:2: longer than --max-record-size (100 bytes); passed through unchanged$'
    has_err '^unspin: -:5: longer than --max-record-size'
    has_err '^unspin: -:6: longer than --max-record-size'
    check "-j $j: three oversize records named" test "$(count_err .)" -eq 3
    run_in 3 "$WORK/sizes.jsonl" $UNSPIN $EX $A2B --jsonl --max-record-size 100 -j $j --on-error skip
    awk 'NR == 1 || NR == 3 || NR == 4' "$WORK/sizes-pass.jsonl" >"$WORK/sizes-skip.jsonl"
    same_out "$WORK/sizes-skip.jsonl"
done
# A plain article over the limit.
run_in 3 "$WORK/sizes.jsonl" $UNSPIN $EX $A2B --max-record-size 1K
same_out "$WORK/sizes.jsonl"
has_err '^unspin: -: longer than --max-record-size (1024 bytes); passed through unchanged$'
run 1 $UNSPIN $EX --max-record-size 0
has_err 'max-record-size 0: expected a size'

# --- the default chain over the same inputs ----------------------------------
chain=$($UNSPIN --help | sed -n 's/^ *(default: \(.*\))$/\1/p')
if [ -z "$chain" ] || [ "$chain" = "(no filter built)" ]; then
    echo "# no filter of the default chain is built: default-chain part skipped"
else
    echo "# default chain: $chain"
    for f in "$IN"/plain/*.txt; do
        run_in 0 "$f" $UNSPIN
    done
    run_in 3 "$WORK/all.jsonl" $UNSPIN --jsonl -j 2
    check "default chain pass: one line out per line in" test "$(count_lines "$OUT")" -eq "$n_all"
    check "default chain pass: $n_bad records named" test "$(count_err 'passed through unchanged$')" -eq "$n_bad"
    run_in 3 "$WORK/all.jsonl" $UNSPIN --jsonl -j 2 --on-error skip
    check "default chain skip: records in = written + skipped" \
        test "$n_all" -eq $(($(count_lines "$OUT") + $(count_err '; skipped$')))
    run_in 0 "$WORK/good-all.jsonl" $UNSPIN --jsonl
    check "default chain, valid records only: one line out per line in" \
        test "$(count_lines "$OUT")" -eq "$(count_lines "$WORK/good-all.jsonl")"
fi

finish
